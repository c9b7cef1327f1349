"""Write a :class:`~kokon_graph.viz.maps.Map` as one self-contained HTML page.

The page is rendered by pyvis (``pyvis.network.Network.generate_html``) from
our own template, with the nodes and edges set on the pyvis network directly
(pyvis's ``from_nx`` and ``add_node`` are quadratic in the number of nodes).
Every asset is inside the file: vis-network's script and style sheet come from
the copy pyvis ships (``pyvis/templates/lib/vis-9.1.2``), the page's own script
and style from ``kokon_graph/viz/static``. pyvis's own template is not used: it
loads Bootstrap from a CDN even in its ``in_line`` mode.

Safety: data reaches the page only as JSON in ``<script type="application/json">``
blocks (``<``, ``>``, ``&`` and ``'`` escaped as ``\\u003c`` ...), and the page's
script shows names only through DOM text nodes (``textContent``); the legend
and header are escaped by Jinja's autoescaping. A Content-Security-Policy
allows exactly the two inline scripts (by their SHA-256 hash) and forbids
every network request.
"""

from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import jinja2
from markupsafe import Markup

from kokon_graph.errors import KokonError
from kokon_graph.viz.style import BIG_EDGES, BIG_NODES, SIZE_MAX, SIZE_MIN
from kokon_graph.viz.text import TEXT

if TYPE_CHECKING:  # the map class renders itself through this module
    from kokon_graph.viz._content import Map

__all__ = [
    "SHARED_FILES",
    "VIS_NETWORK_VERSION",
    "Assets",
    "assets",
    "map_options",
    "render",
    "write_shared_assets",
]

#: The vis-network release inlined in every map (shipped inside pyvis).
VIS_NETWORK_VERSION: Final = "9.1.2"
_HERE: Final = Path(__file__).parent


@dataclass(frozen=True)
class Assets:
    """The scripts and style sheets inlined into every map."""

    vis_js: str
    vis_css: str
    map_js: str
    map_css: str

    def script_hashes(self) -> list[str]:
        """CSP source expressions (``'sha256-...'``) of the two inline scripts."""
        return [
            "'sha256-" + base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() + "'"
            for s in (self.vis_js, self.map_js)
        ]


def _read(path: Path, closing: str) -> str:
    content = path.read_text(encoding="utf-8")
    if closing in content.lower():
        raise KokonError(
            f"{path} contains {closing!r} and cannot be inlined",
            hint="reinstall pyvis / kokon-graph",
        )
    return content


@lru_cache(maxsize=1)
def assets() -> Assets:
    """Load the assets once (vis-network from the installed pyvis package)."""
    import pyvis

    lib = Path(pyvis.__file__).parent / "templates" / "lib" / f"vis-{VIS_NETWORK_VERSION}"
    if not (lib / "vis-network.min.js").is_file():
        raise KokonError(
            f"the installed pyvis does not ship vis-network {VIS_NETWORK_VERSION} ({lib})",
            hint="install pyvis 0.3.2 (pip install 'pyvis==0.3.2')",
        )
    return Assets(
        vis_js=_read(lib / "vis-network.min.js", "</script"),
        vis_css=_read(lib / "vis-network.css", "</style"),
        map_js=_read(_HERE / "static" / "map.js", "</script"),
        map_css=_read(_HERE / "static" / "map.css", "</style"),
    )


#: Files of :func:`write_shared_assets`: vis-network's script and style sheet.
SHARED_FILES: Final = ("vis-network.min.js", "vis-network.css")


def write_shared_assets(folder: str | Path) -> Path:
    """Write one copy of vis-network's script and style sheet into ``folder`` (for maps
    rendered with ``Map.assets_href`` pointing at it); return the folder."""
    a = assets()
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    for name, content in zip(SHARED_FILES, (a.vis_js, a.vis_css), strict=True):
        (out / name).write_text(content, encoding="utf-8")
    return out


def map_options(m: Map) -> dict[str, Any]:
    """vis-network options: physics off (positions are precomputed), hover tooltips; a big
    map hides its edges while it is dragged or zoomed."""
    big = len(m.nodes) > BIG_NODES or len(m.edges) > BIG_EDGES
    return {
        "autoResize": True,
        "physics": {"enabled": False},
        "layout": {"improvedLayout": False},
        "interaction": {
            "hover": True,
            "tooltipDelay": 150,
            "hideEdgesOnDrag": big,
            "hideEdgesOnZoom": big,
            "navigationButtons": False,
            "keyboard": False,
            "multiselect": False,
        },
        "nodes": {
            "font": {
                "size": 14,
                "face": "system-ui, Arial, sans-serif",
                "strokeWidth": 3,
                "strokeColor": "#ffffff",
            },
            "borderWidthSelected": 3,
            # sizes come as values already scaled (SIZE_MIN-SIZE_MAX); labels keep their
            # size on screen and the page chooses which to draw (no two may overlap)
            "scaling": {"min": SIZE_MIN, "max": SIZE_MAX, "label": {"enabled": False}},
        },
        "edges": {
            "smooth": False,
            "selectionWidth": 2,
            "color": {"inherit": False},
        },
    }


def _compact(
    items: list[dict[str, Any]], labels: dict[str, int], *, headings: bool
) -> list[dict[str, Any]]:
    """Items with their tooltip rows' labels replaced by indexes into one table of labels
    (the same few labels repeat on thousands of items); edge headings are left out, the
    page composes them from the two node labels."""
    out = []
    for item in items:
        tip = item.get("tip")
        new = dict(item)
        new.pop("n", None)  # the exact count behind a width stays out of the page
        if "size" in new and "value" not in new:
            new["value"] = new.pop("size")  # vis scales node and label by value
        if tip is not None:
            rows = [[labels.setdefault(label, len(labels)), value] for label, value in tip[1]]
            new["tip"] = [tip[0] if headings else None, rows]
        out.append(new)
    return out


def _config(m: Map) -> dict[str, Any]:
    """What the page's script needs besides nodes and edges."""
    return {
        "lang": m.lang,
        "kind": m.kind,
        "focus": m.focus,
        "layers": [{"id": layer.id, "on": layer.on, "target": layer.target} for layer in m.layers],
        "frames": [list(frame) for frame in m.frames],
        "gapThreshold": m.gap_threshold,
        "overview": m.overview,
        "overviewFrames": [list(frame) for frame in m.overview_frames],
        "minCount": m.min_count,
        "text": {key: entry[m.lang] for key, entry in TEXT.items()},
    }


class _CompiledTemplates(jinja2.BytecodeCache):
    """The map template compiled once per process (an atlas renders hundreds of maps;
    each gets a fresh environment, as pyvis sets its globals)."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self._code:
            bucket.bytecode_from_string(self._code[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


_COMPILED: Final = _CompiledTemplates()


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(_HERE / "templates")),
        bytecode_cache=_COMPILED,
        autoescape=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    # |tojson still escapes < > & ' (so no data can close a <script> block); keep
    # Polish letters as they are rather than as \u escapes
    env.policies["json.dumps_kwargs"] = {"sort_keys": True, "ensure_ascii": False}
    return env


def render(m: Map) -> str:
    """The HTML page of ``m``."""
    from pyvis.network import Network as PyvisNetwork

    a = assets()
    net = PyvisNetwork(
        height="100%",
        width="100%",
        directed=m.directed,
        cdn_resources="in_line",
        heading=m.title,
    )
    # set nodes and edges directly: add_node / add_edge / from_nx check every existing item
    labels: dict[str, int] = {}
    net.nodes = _compact(m.nodes, labels, headings=True)
    net.edges = _compact(m.edges, labels, headings=False)
    net.node_ids = [n["id"] for n in net.nodes]
    net.node_map = {n["id"]: n for n in net.nodes}
    net.options = map_options(m)
    net.templateEnv = _environment()
    net.path = "map.html"
    shared = m.assets_href is not None
    # a shared copy of vis-network (an atlas) comes from the page's own origin: its folder
    # on a stick or its intranet server; nothing else may load
    hashes = a.script_hashes()[1:] if shared else a.script_hashes()
    csp = "; ".join(
        (
            "default-src 'none'",
            "script-src " + " ".join(["'self'", *hashes] if shared else hashes),
            "style-src 'self' 'unsafe-inline'" if shared else "style-src 'unsafe-inline'",
            "img-src data:",
            "font-src data:",
            "base-uri 'none'",
            "form-action 'none'",
        )
    )
    net.templateEnv.globals.update(
        page=m,
        legend=[asdict(section) for section in m.legend],
        config={
            **_config(m),
            "tipLabels": list(labels),
            # what a saved picture prints above and beside the map
            "title": m.title,
            "facts": [[label, value] for label, value in m.facts],
            "legend": [asdict(section) for section in m.legend],
        },
        shared=(
            {name: m.assets_href.rstrip("/") + "/" + name for name in SHARED_FILES}
            if m.assets_href is not None
            else None
        ),
        assets={
            "vis_js": "" if shared else Markup(a.vis_js),
            "vis_css": "" if shared else Markup(a.vis_css),
            "map_js": Markup(a.map_js),
            "map_css": Markup(a.map_css),
        },
        csp=csp,
        options_json=Markup(json.dumps(net.options, sort_keys=True).replace("<", "\\u003c")),
    )
    html: str = net.generate_html()
    return html
