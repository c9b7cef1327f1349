"""Regenerate the screenshots of docs/maps.md: every kind of map, in Polish, in Chromium.

    python scripts/screenshots.py            # writes docs/img/map-*.png
    python scripts/screenshots.py map-cooperation map-en --out /tmp/shots  # only these

Each map is built from the bundled data (and one generated voivodeship for the overview),
opened in Debian's headless Chromium exactly as a user opens the file, and photographed
once the page has chosen its labels.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kokon_graph import build_network, read_dataset  # noqa: E402
from kokon_graph.generate import generate  # noqa: E402
from kokon_graph.viz import build_compare_map, build_map  # noqa: E402
from tests.viz.browser import Chromium, PageRun  # noqa: E402

OUT = ROOT / "docs" / "img"
DATA = ROOT / "datasets"


def _click(node: str) -> Callable[[PageRun], None]:
    def act(run: PageRun) -> None:
        x, y = run.node_dom_position(node)
        run.page.mouse.click(x, y)
        run.page.mouse.move(2, 2)  # no tooltip over the picture
        run.page.wait_for_timeout(400)

    return act


def _search(query: str) -> Callable[[PageRun], None]:
    def act(run: PageRun) -> None:
        run.page.locator("#kk-search-input").fill(query)
        run.page.wait_for_timeout(200)

    return act


#: (file name, dataset folder, scope, build_map options, what to do in the page first)
SHOTS: list[tuple[str, str, str | None, dict[str, Any], Callable[[PageRun], None] | None]] = [
    ("map-cooperation", "kooperacja-efektywna", "powiat:2815", {}, None),
    ("map-cooperation-all", "kooperacja-efektywna", None, {}, None),
    ("map-ego", "kooperacja-efektywna", None, {"kind": "ego", "focus": "2815-PCPR"}, None),
    ("map-groups", "praski-kokon", None, {"kind": "groups"}, None),
    ("map-referrals", "zawsze-rodzina", None, {"kind": "referrals"}, None),
    ("map-aggregate", "liderzy-kooperacji", None, {"kind": "aggregate", "level": "gmina"}, None),
    ("map-focus", "praski-kokon", None, {}, _click("1465088-OPS")),
    ("map-search", "liderzy-kooperacji", None, {}, _search("sp 2 wolka")),
    ("map-en", "kooperacja-efektywna", "powiat:2815", {"lang": "en"}, None),
    ("map-compare", "kooperacja-efektywna", "powiat:2815", {"waves": ("before", "after")}, None),
]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="only these pictures (default: every one)")
    parser.add_argument("--out", type=Path, default=OUT, help=f"folder (default: {OUT})")
    args = parser.parse_args(argv)
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    wanted = set(args.names)
    browser = Chromium()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            jobs = [(name, DATA / ds, scope, opts, act) for name, ds, scope, opts, act in SHOTS]
            voiv = folder / "voivodeship"
            if not wanted or wanted & {"map-overview", "map-overview-open"}:
                generate(voiv, scale="voivodeship", seed=1)
            jobs.append(("map-overview", voiv, None, {}, None))
            jobs.append(("map-overview-open", voiv, None, {}, _open_first_gmina))
            jobs = [job for job in jobs if not wanted or job[0] in wanted]
            for name, dataset, scope, options, act in jobs:
                data = read_dataset(dataset)
                if "waves" in options:
                    before, after = options["waves"]
                    built = build_compare_map(data, before=before, after=after, scope=scope)
                else:
                    network = build_network(data, scope=scope) if scope else build_network(data)
                    built = build_map(network, **options)
                path = built.save(folder / f"{name}.html")
                with browser.open(path) as run:
                    run.poll("window.kokonMap.labelPass >= 1")
                    if act is not None:
                        act(run)
                    run.page.wait_for_timeout(300)
                    run.page.screenshot(path=str(out / f"{name}.png"))
                    if run.console_errors:
                        raise SystemExit(f"{name}: {run.console_errors}")
                print(f"wrote {out / name}.png", flush=True)
    finally:
        browser.close()
    return 0


def _open_first_gmina(run: PageRun) -> None:
    code = run.js(
        "window.kokonMap.nodes.get().filter((n) => n.teryt.length === 7)"
        ".sort((a, b) => a.rank - b.rank)[0].teryt"
    )
    run.js(f"window.kokonMap.openTerritory('{code}')")
    run.page.wait_for_timeout(800)


if __name__ == "__main__":
    raise SystemExit(main())
