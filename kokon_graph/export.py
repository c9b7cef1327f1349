"""The cooperation network for other tools: GEXF 1.3 (Gephi), GraphML (yEd, igraph, R), JSON.

Nodes are the institutions in scope with their attributes (name, type, sector,
level, TERYT codes) and, when analysis results are given, their measures
(centrality, brokerage roles, structural holes, community, cohesion). Edges
are the cooperation ties with ``weight``, ``count`` and ``kinds``. Families
are never exported.

Every attribute keeps one type across the file: whole numbers as integers
(``long`` where they do not fit 32 bits), other numbers as doubles, flags as
booleans, the rest as strings. A value that is missing is left out rather
than written as an empty string or NaN. A control character that no XML file
may hold (the dataset reader refuses them, but a network can be built from
frames in memory) is replaced by U+FFFD in ids, names and every other text,
so that every file written is well formed.

Examples
--------
>>> import networkx as nx
>>> g = nx.DiGraph()
>>> g.add_node("A", name="OPS", degree=2, share=0.5)
>>> g.add_node("B", name="Szkoła", degree=1)
>>> g.add_edge("A", "B", weight=2.0)
>>> attribute_types(g, "node")
{'name': 'string', 'degree': 'integer', 'share': 'double'}
"""

from __future__ import annotations

import datetime as dt
import json
import math
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, Literal

import networkx as nx
import numpy as np
import pandas as pd

from kokon_graph._text import CONTROL_CHARACTERS, strip_controls
from kokon_graph._version import __version__
from kokon_graph.errors import ReportError
from kokon_graph.graph import INSTITUTION_ATTRS

if TYPE_CHECKING:
    from kokon_graph.graph import Network, RelationLike

__all__ = [
    "EXPORT_FORMATS",
    "GEXF_NAMESPACE",
    "MEASURE_RESULTS",
    "attribute_types",
    "export_graph",
    "export_network",
    "network_for_export",
    "write_gexf",
    "write_graphml",
    "write_json",
]

ExportFormat = Literal["gexf", "graphml", "json"]
AttrType = Literal["boolean", "integer", "long", "double", "string"]

#: The formats :func:`export_network` writes.
EXPORT_FORMATS: Final[tuple[ExportFormat, ...]] = ("gexf", "graphml", "json")
#: Namespace of GEXF 1.3.
GEXF_NAMESPACE: Final = "http://gexf.net/1.3"
_GEXF_SCHEMA_LOCATION: Final = "http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd"
_XSI: Final = "http://www.w3.org/2001/XMLSchema-instance"
#: Per-institution results whose columns become node attributes, in this order.
MEASURE_RESULTS: Final = ("centrality", "brokerage", "holes", "communities", "cohesion")
#: Columns that every per-institution result repeats; taken once from the network.
_IDENTITY: Final = frozenset({"id", "name", "type", "sector", "teryt"})
_INT32: Final = 2**31 - 1


def _plain(value: Any) -> Any:
    """A Python value for ``value``, or ``None`` where it is missing (NaN, NA, empty)."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, str):
        return strip_controls(value) if value else None
    if isinstance(value, pd.Timestamp | dt.date):
        return value.isoformat()[:10]
    if isinstance(value, tuple | list):
        return strip_controls("|".join(map(str, value)))
    return value


def _has_control(text: str) -> bool:
    return CONTROL_CHARACTERS.search(text) is not None


def _type_of(values: Iterable[Any]) -> AttrType:
    kinds = set()
    big = False
    for value in values:
        if isinstance(value, bool):
            kinds.add("boolean")
        elif isinstance(value, int):
            kinds.add("integer")
            big = big or abs(value) > _INT32
        elif isinstance(value, float):
            kinds.add("double")
        else:
            kinds.add("string")
    if kinds == {"boolean"}:
        return "boolean"
    if kinds == {"integer"}:
        return "long" if big else "integer"
    if kinds <= {"integer", "double"} and kinds:
        return "double"
    return "string"


def attribute_types(graph: nx.Graph, what: Literal["node", "edge"]) -> dict[str, AttrType]:
    """The one type each node (or edge) attribute has across ``graph``, in first-seen order."""
    seen: dict[str, list[Any]] = {}
    items: Iterable[dict[str, Any]] = (
        (d for _, d in graph.nodes(data=True))
        if what == "node"
        else (d for _, _, d in graph.edges(data=True))
    )
    for data in items:
        for key, value in data.items():
            seen.setdefault(key, []).append(value)
    return {key: _type_of(values) for key, values in seen.items()}


def _coerce(value: Any, kind: AttrType) -> Any:
    if kind == "double":
        return float(value)
    if kind == "string" and not isinstance(value, str):
        return str(value).lower() if isinstance(value, bool) else str(value)
    return value


def _normalise(graph: nx.Graph) -> nx.Graph:
    """``graph`` with missing values dropped, every attribute of one type and no control
    character in a node id or a text (in place)."""
    dirty = {n: strip_controls(n) for n in graph if isinstance(n, str) and _has_control(n)}
    if dirty:
        nx.relabel_nodes(graph, dirty, copy=False)
    graph.graph.update({k: strip_controls(v) for k, v in graph.graph.items() if isinstance(v, str)})
    for _, data in graph.nodes(data=True):
        for key in [k for k, v in data.items() if _plain(v) is None]:
            del data[key]
        data.update({k: _plain(v) for k, v in data.items()})
    for _, _, data in graph.edges(data=True):
        for key in [k for k, v in data.items() if _plain(v) is None]:
            del data[key]
        data.update({k: _plain(v) for k, v in data.items()})
    for what in ("node", "edge"):
        types = attribute_types(graph, what)
        items = (
            (d for _, d in graph.nodes(data=True))
            if what == "node"
            else (d for _, _, d in graph.edges(data=True))
        )
        for data in items:
            for key, value in data.items():
                data[key] = _coerce(value, types[key])
    return graph


def network_for_export(
    network: Network,
    *,
    results: Mapping[str, pd.DataFrame] | None = None,
    relation: RelationLike = None,
) -> nx.DiGraph:
    """The cooperation network of ``network`` with measures from ``results`` as node attributes.

    Parameters
    ----------
    network
        The (scoped) network.
    results
        Results of :func:`kokon_graph.analysis.run_all`; the columns of
        :data:`MEASURE_RESULTS` are added to each institution. A column name
        that two results share is prefixed by the second one's name
        (``holes_effective_size``).
    relation
        Cooperation kinds to keep (all by default).

    Returns
    -------
    networkx.DiGraph
        A new graph; attributes normalised to one type each, missing values left out.
    """
    source = network.cooperation(relation=relation, directed=True)
    graph = nx.DiGraph(
        name=network.dataset.name,
        scope=str(network.scope),
        wave=network.wave or "",
    )
    graph.add_nodes_from(
        (n, {k: d[k] for k in INSTITUTION_ATTRS if k in d}) for n, d in source.nodes(data=True)
    )
    graph.add_edges_from(
        (u, v, {k: d[k] for k in ("weight", "count", "kinds") if k in d})
        for u, v, d in source.edges(data=True)
    )
    used = set(INSTITUTION_ATTRS)
    for name in MEASURE_RESULTS:
        frame = None if results is None else results.get(name)
        if frame is None or frame.empty:
            continue
        columns = [c for c in frame.columns if c not in _IDENTITY]
        rename = {c: (f"{name}_{c}" if c in used else c) for c in columns}
        used.update(rename.values())
        rows = frame.drop_duplicates("id").set_index("id")[columns]
        for node_id, record in zip(rows.index, rows.itertuples(index=False), strict=True):
            if node_id in graph:
                graph.nodes[node_id].update(
                    {rename[c]: v for c, v in zip(columns, record, strict=True)}
                )
    return _normalise(graph)


# ---------------------------------------------------------------------- writers


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    return str(value)


def write_gexf(graph: nx.Graph, path: str | Path, *, description: str = "") -> Path:
    """Write ``graph`` as GEXF 1.3 with typed attributes (``<attributes>`` declarations).

    Node labels are the ``name`` attribute where there is one. Edge weights go
    in the edge's ``weight`` attribute as GEXF requires, and also stay a typed
    attribute.
    """
    path = Path(path)
    graph = _normalise(graph.copy())
    ET.register_namespace("", GEXF_NAMESPACE)
    ET.register_namespace("xsi", _XSI)
    q = f"{{{GEXF_NAMESPACE}}}"
    root = ET.Element(
        f"{q}gexf",
        {"version": "1.3", f"{{{_XSI}}}schemaLocation": _GEXF_SCHEMA_LOCATION},
    )
    meta = ET.SubElement(root, f"{q}meta", {"lastmodifieddate": dt.date.today().isoformat()})
    ET.SubElement(meta, f"{q}creator").text = f"kokon-graph {__version__}"
    facts = [f"{k}={graph.graph[k]}" for k in ("name", "scope", "wave") if graph.graph.get(k)]
    default = "Cooperation network of institutions" + (f" ({', '.join(facts)})" if facts else "")
    ET.SubElement(meta, f"{q}description").text = strip_controls(description) or default
    directed = graph.is_directed()
    g = ET.SubElement(
        root,
        f"{q}graph",
        {"defaultedgetype": "directed" if directed else "undirected", "mode": "static"},
    )
    ids: dict[str, dict[str, str]] = {}
    for what in ("node", "edge"):
        types = attribute_types(graph, what)
        ids[what] = {}
        if not types:
            continue
        block = ET.SubElement(g, f"{q}attributes", {"class": what, "mode": "static"})
        for i, (key, kind) in enumerate(types.items()):
            ident = f"{what[0]}{i}"
            ids[what][key] = ident
            ET.SubElement(block, f"{q}attribute", {"id": ident, "title": key, "type": kind})
    nodes = ET.SubElement(g, f"{q}nodes")
    for node, data in graph.nodes(data=True):
        element = ET.SubElement(
            nodes, f"{q}node", {"id": str(node), "label": str(data.get("name", node))}
        )
        if data:
            values = ET.SubElement(element, f"{q}attvalues")
            for key, value in data.items():
                ET.SubElement(
                    values, f"{q}attvalue", {"for": ids["node"][key], "value": _text(value)}
                )
    edges = ET.SubElement(g, f"{q}edges")
    for i, (u, v, data) in enumerate(graph.edges(data=True)):
        attrs = {"id": str(i), "source": str(u), "target": str(v)}
        if "weight" in data:
            attrs["weight"] = repr(float(data["weight"]))
        element = ET.SubElement(edges, f"{q}edge", attrs)
        if data:
            values = ET.SubElement(element, f"{q}attvalues")
            for key, value in data.items():
                ET.SubElement(
                    values, f"{q}attvalue", {"for": ids["edge"][key], "value": _text(value)}
                )
    tree = ET.ElementTree(root)
    ET.indent(tree, space="  ")
    tree.write(path, encoding="UTF-8", xml_declaration=True)
    return path


def write_graphml(graph: nx.Graph, path: str | Path) -> Path:
    """Write ``graph`` as GraphML with typed keys (``attr.type`` int/long/double/boolean/string)."""
    path = Path(path)
    graph = _normalise(graph.copy())
    nx.write_graphml(graph, path, encoding="utf-8", prettyprint=True, named_key_ids=True)
    return path


def write_json(graph: nx.Graph, path: str | Path) -> Path:
    """Write ``graph`` as JSON: ``graph``, ``attributes`` (types), ``nodes``, ``edges``."""
    path = Path(path)
    graph = _normalise(graph.copy())
    document = {
        "format": "kokon-graph network",
        "version": 1,
        "creator": f"kokon-graph {__version__}",
        "directed": graph.is_directed(),
        "graph": {k: _plain(v) for k, v in graph.graph.items()},
        "attributes": {
            "node": attribute_types(graph, "node"),
            "edge": attribute_types(graph, "edge"),
        },
        "nodes": [{"id": n, **d} for n, d in graph.nodes(data=True)],
        "edges": [{"source": u, "target": v, **d} for u, v, d in graph.edges(data=True)],
    }
    path.write_text(
        json.dumps(document, ensure_ascii=False, indent=1, allow_nan=False) + "\n",
        encoding="utf-8",
    )
    return path


def export_graph(graph: nx.Graph, path: str | Path, *, format: ExportFormat) -> Path:
    """Write an already prepared graph in ``format`` (whole, or not at all)."""
    from kokon_graph._output import staged_file

    writers = {"gexf": write_gexf, "graphml": write_graphml, "json": write_json}
    if format not in writers:
        raise ReportError(
            f"unknown export format {format!r}; use gexf, graphml or json",
            hint="or name the file .gexf, .graphml or .json",
        )
    with staged_file(path) as tmp:
        writers[format](graph, tmp)
    return Path(path)


def export_network(
    network: Network,
    path: str | Path,
    *,
    format: ExportFormat,
    results: Mapping[str, pd.DataFrame] | None = None,
    relation: RelationLike = None,
    measures: bool = False,
) -> Path:
    """Write the cooperation network of ``network`` (with measures from ``results``) to ``path``.

    Parameters
    ----------
    network
        The scoped network.
    path
        The file to write.
    format
        ``"gexf"`` (GEXF 1.3, for Gephi), ``"graphml"`` or ``"json"``.
    results
        Results of :func:`kokon_graph.analysis.run_all` whose per-institution
        measures become node attributes; none by default.
    relation
        Cooperation kinds to keep.
    measures
        Without ``results``: analyse the network (for ``relation``) and add its measures.
    """
    if results is None and measures:
        from kokon_graph.analysis import run_all

        results = run_all(network, relation=relation)
    graph = network_for_export(network, results=results, relation=relation)
    return export_graph(graph, path, format=format)
