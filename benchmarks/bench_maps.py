"""Benchmark of the maps on the national-scale dataset, against pyvis's default way.

For one powiat and one voivodeship (by default the ones of median size), it measures

* build time: the analyses a map needs (centrality and the three gap results), then the
  map itself (layout, items, HTML), for the full map and for a ties-only map
  (``gaps=False``, the same content as the baseline);
* time to first full draw in headless Chromium (milliseconds from navigation start to
  vis-network's first ``afterDrawing``), median of ``--repeat`` fresh page loads;

and the same for the **baseline**, pyvis's default way: ``Network().from_nx(graph)`` of the
symmetrised cooperation graph, in-browser physics (Barnes-Hut with stabilisation),
``cdn_resources="in_line"`` (pyvis's default ``local`` mode loads vis-network from a CDN
and cannot draw offline at all; ``in_line`` still asks a CDN for Bootstrap, refused here).
Its "usable" time is the first draw after stabilisation, capped at ``--cap`` seconds.

Usage::

    python benchmarks/bench_maps.py /work/data/national-s1 --write benchmarks/results/maps.md

With ``--interactions`` (issue 11) it times what a user does in the page instead, against
an older revision's page built in the same run (see :func:`run_interactions`)::

    kokon-graph generate --scale voivodeship --seed 1 /tmp/voiv
    python benchmarks/bench_maps.py /tmp/voiv --interactions --baseline-rev c02ca7e \
        --write benchmarks/results/maps_interactions.md

Requires Debian's Chromium at /usr/bin/chromium (driven by Playwright).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import platform
import shlex
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx
import pyvis
from pyvis.network import Network as PyvisNetwork

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kokon_graph import build_network, read_dataset
from kokon_graph.analysis import (
    centrality,
    gaps_co_serving,
    gaps_referrals,
    gaps_sector,
)
from kokon_graph.graph import Network
from kokon_graph.viz import build_map
from kokon_graph.viz.page import VIS_NETWORK_VERSION
from tests.viz.browser import Chromium

#: Put into the baseline page after vis-network: times its first draw and stabilisation.
HOOK = """<script>
(() => {
  const mark = (name) => { if (window[name] === undefined) window[name] = performance.now(); };
  const Original = vis.Network;
  vis.Network = function (container, data, options) {
    const net = new Original(container, data, options);
    net.on("afterDrawing", () => {
      mark("__firstDraw");
      if (window.__stableDone !== undefined) mark("__usable");
    });
    net.once("stabilizationIterationsDone", () => mark("__stableDone"));
    net.once("stabilized", () => mark("__stabilized"));
    return net;
  };
})();
</script>
"""


def timed(fn: Callable[[], Any]) -> tuple[Any, float]:
    start = time.perf_counter()
    value = fn()
    return value, time.perf_counter() - start


def median_size(counts: dict[str, int]) -> str:
    ordered = sorted(counts, key=lambda code: (counts[code], code))
    return ordered[len(ordered) // 2]


def baseline_page(network: Network, path: Path) -> tuple[int, int]:
    graph = nx.Graph(network.cooperation(directed=False))
    for _, data in graph.nodes(data=True):
        data.clear()  # from_nx copies every attribute into the page; keep it small
    net = PyvisNetwork(cdn_resources="in_line")
    net.from_nx(graph)
    net.write_html(str(path))
    html = path.read_text(encoding="utf-8")
    path.write_text(html.replace("<body>", HOOK + "<body>", 1), encoding="utf-8")
    return graph.number_of_nodes(), graph.number_of_edges()


def draw_times(
    browser: Chromium, path: Path, repeat: int, *, ours: bool, cap: float
) -> dict[str, float | None]:
    """Median milliseconds to the first draw (and, for the baseline, to usable)."""
    first: list[float] = []
    usable: list[float] = []
    settled: list[float] = []
    for _ in range(repeat):
        with browser.open(path, wait=False, timeout_ms=cap * 1000) as run:
            if ours:
                first.append(run.wait_drawn(cap * 1000))
                continue
            with contextlib.suppress(TimeoutError):  # never usable within the cap
                run.poll("window.__usable !== undefined", cap * 1000)
            values = run.js("[window.__firstDraw, window.__usable, window.__stabilized]")
            if values[0] is not None:
                first.append(float(values[0]))
            usable.append(float(values[1]) if values[1] is not None else float("inf"))
            if values[2] is not None:
                settled.append(float(values[2]))
    return {
        "first": statistics.median(first) if first else None,
        "usable": statistics.median(usable) if usable else None,
        "stabilized": statistics.median(settled) if settled else None,
    }


def fmt_ms(value: float | None, cap: float) -> str:
    if value is None:
        return "–"
    if value == float("inf"):
        return f"> {cap:.0f} s (not usable)"
    return f"{value / 1000:.2f} s"


def run_case(
    browser: Chromium, label: str, network: Network, folder: Path, repeat: int, cap: float
) -> list[str]:
    print(f"== {label}: {network}", flush=True)
    results: dict[str, Any] = {}
    results["centrality"], t_cent = timed(lambda: centrality(network))
    gaps, t_gaps = timed(
        lambda: (gaps_co_serving(network), gaps_sector(network), gaps_referrals(network))
    )
    print(f"   analyses: centrality {t_cent:.1f} s, gaps {t_gaps:.1f} s", flush=True)
    full, t_full = timed(
        lambda: build_map(
            network,
            centrality=results["centrality"],
            gaps_co_serving=gaps[0],
            gaps_sector=gaps[1],
            gaps_referrals=gaps[2],
        )
    )
    full_path = folder / f"{label}-full.html"
    _, t_full_html = timed(lambda: full.save(full_path))
    lines_on = build_map(
        network,
        gap_lines=True,
        centrality=results["centrality"],
        gaps_co_serving=gaps[0],
        gaps_sector=gaps[1],
        gaps_referrals=gaps[2],
    )
    on_path = folder / f"{label}-lines-on.html"
    lines_on.save(on_path)
    ties, t_ties = timed(lambda: build_map(network, gaps=False, centrality=results["centrality"]))
    ties_path = folder / f"{label}-ties.html"
    _, t_ties_html = timed(lambda: ties.save(ties_path))
    base_path = folder / f"{label}-pyvis-default.html"
    (n_base, m_base), t_base = timed(lambda: baseline_page(network, base_path))
    print(
        f"   build: full {t_full + t_full_html:.2f} s, ties {t_ties + t_ties_html:.2f} s, "
        f"pyvis default {t_base:.2f} s",
        flush=True,
    )
    d_full = draw_times(browser, full_path, repeat, ours=True, cap=cap)
    d_ties = draw_times(browser, ties_path, repeat, ours=True, cap=cap)
    same = lines_on.visible_counts() == full.visible_counts()
    d_on = d_full if same else draw_times(browser, on_path, repeat, ours=True, cap=cap)
    d_base = draw_times(browser, base_path, max(1, repeat // 3), ours=False, cap=cap)
    print(f"   draw: full {d_full}, ties {d_ties}, default {d_base}", flush=True)
    full_nodes, full_edges = full.visible_counts()
    size = lambda p: f"{p.stat().st_size / 2**20:.1f} MiB"  # noqa: E731
    load = os.getloadavg()[0]
    return [
        f"| {label} | kokon map (all layers as opened) | {full_nodes} / {full_edges} "
        f"(of {len(full.edges)}) | {t_full + t_full_html:.2f} s | {size(full_path)} | "
        f"{fmt_ms(d_full['first'], cap)} | {load:.1f} |",
        f"| {label} | kokon map, every gap line on at the start | "
        f"{lines_on.visible_counts()[0]} / {lines_on.visible_counts()[1]} | (same) | "
        f"{size(on_path)} | {fmt_ms(d_on['first'], cap)} | {load:.1f} |",
        f"| {label} | kokon map, ties only | {len(ties.nodes)} / {len(ties.edges)} | "
        f"{t_ties + t_ties_html:.2f} s | {size(ties_path)} | {fmt_ms(d_ties['first'], cap)} | "
        f"{load:.1f} |",
        f"| {label} | pyvis default (from_nx + physics) | {n_base} / {m_base} | {t_base:.2f} s"
        f" | {size(base_path)} | first draw {fmt_ms(d_base['first'], cap)}, usable "
        f"{fmt_ms(d_base['usable'], cap)}, physics settled {fmt_ms(d_base['stabilized'], cap)}"
        f" | {load:.1f} |",
        f"| {label} | analyses the map uses (centrality; three gap results) | | "
        f"{t_cent:.2f} s; {t_gaps:.2f} s | | | |",
    ]


def run_extra(
    browser: Chromium,
    label: str,
    network: Network,
    folder: Path,
    repeat: int,
    cap: float,
    *,
    kind: str,
) -> list[str]:
    """A kokon map only (no baseline): the largest voivodeship, aggregate maps."""
    print(f"== {label} ({kind}): {network}", flush=True)
    (m, path), seconds = timed(lambda: _build_save(network, kind, folder / f"{label}-{kind}.html"))
    draws = [draw_times(browser, path, repeat, ours=True, cap=cap)["first"]]
    n_nodes, n_edges = m.visible_counts()
    extra = ""
    if n_edges < len(m.edges):  # a big map: also with every gap line on at the start
        on_path = folder / f"{label}-{kind}-on.html"
        on = build_map(network, kind=kind, gap_lines=True)
        on.save(on_path)
        draws.append(draw_times(browser, on_path, repeat, ours=True, cap=cap)["first"])
        extra = f"; every gap line on ({len(on.edges)} edges): {fmt_ms(draws[1], cap)}"
    print(f"   build {seconds:.1f} s, draw {draws}", flush=True)
    size = f"{path.stat().st_size / 2**20:.1f} MiB"
    return [
        f"| {label} | kokon {kind} map (as opened{extra}) | {n_nodes} / {n_edges} "
        f"(of {len(m.edges)}) | {seconds:.2f} s incl. analyses | {size} | "
        f"{fmt_ms(draws[0], cap)} | {os.getloadavg()[0]:.1f} |"
    ]


def _build_save(network: Network, kind: str, path: Path) -> tuple[Any, Path]:
    m = build_map(network, kind=kind)
    m.save(path)
    return m, path


START, END = "<!-- results -->\n", "<!-- /results -->\n"


def write_report(path: Path, report: str) -> None:
    """Write ``report`` to ``path``, between the results markers if the file has them."""
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    if START in old and END in old:
        head, rest = old.split(START, 1)
        _, tail = rest.split(END, 1)
        path.write_text(head + START + report + END + tail, encoding="utf-8")
    else:
        path.write_text(report, encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dataset", type=Path)
    parser.add_argument("--powiat", default=None, help="TERYT code (default: median size)")
    parser.add_argument("--voivodeship", default=None, help="TERYT code (default: median size)")
    parser.add_argument("--repeat", type=int, default=3, help="page loads per map (median)")
    parser.add_argument("--cap", type=float, default=60.0, help="seconds to wait at most")
    parser.add_argument("--write", type=Path, default=None, help="write the results here")
    parser.add_argument(
        "--stress",
        action="store_true",
        help="also the largest voivodeship and aggregate maps (kokon maps only)",
    )
    parser.add_argument(
        "--interactions",
        action="store_true",
        help="time the page's actions against --baseline-rev's page (a generated voivodeship)",
    )
    parser.add_argument("--baseline-rev", default="c02ca7e", help="git revision of the baseline")
    args = parser.parse_args()
    if args.interactions:
        return run_interactions(args)

    dataset, t_read = timed(lambda: read_dataset(args.dataset))
    print(f"read {args.dataset} in {t_read:.1f} s", flush=True)
    whole = build_network(dataset)
    inst = whole.institutions
    powiat = args.powiat or median_size(
        inst.loc[inst["powiat"] != "", "powiat"].value_counts().to_dict()
    )
    voivodeship = args.voivodeship or median_size(
        inst.loc[inst["voivodeship"] != "", "voivodeship"].value_counts().to_dict()
    )
    browser = Chromium()
    rows: list[str] = []
    try:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            for label, scope in (
                (f"powiat {powiat}", f"powiat:{powiat}"),
                (f"voivodeship {voivodeship}", f"voivodeship:{voivodeship}"),
            ):
                network = build_network(dataset, scope=scope)
                rows += run_case(browser, label, network, folder, args.repeat, args.cap)
            if args.stress:
                counts = inst.loc[inst["voivodeship"] != "", "voivodeship"].value_counts()
                largest = str(counts.idxmax())
                for label, scope, kind in (
                    (f"voivodeship {largest} (largest)", f"voivodeship:{largest}", "cooperation"),
                    (f"voivodeship {voivodeship}", f"voivodeship:{voivodeship}", "aggregate"),
                    ("Poland", "all", "aggregate"),
                ):
                    network = build_network(dataset, scope=scope)
                    rows += run_extra(
                        browser, label, network, folder, args.repeat, args.cap, kind=kind
                    )
            version = browser.browser.version
    finally:
        browser.close()
    command = "python " + " ".join(shlex.quote(a) for a in sys.argv)
    table = "\n".join(
        [
            "| scope | map | nodes / edges | build | file | time to first full draw "
            "(median) | load avg |",
            "|---|---|---|---|---|---|---|",
            *rows,
        ]
    )
    report = (
        f"Command: `{command}`\n\n"
        f"Machine: {os.cpu_count()} cores, {platform.platform()}, Python "
        f"{platform.python_version()}; Chromium {version} (headless, /usr/bin/chromium); "
        f"pyvis {pyvis.__version__}, vis-network {VIS_NETWORK_VERSION}; "
        f"{args.repeat} page loads per kokon map.\n\n{table}\n"
    )
    print(report)
    if args.write:
        write_report(args.write, report)
    return 0


# --------------------------------------------------------------------------- interactions
#
# python benchmarks/bench_maps.py DATA --interactions --baseline-rev c02ca7e --write FILE
#
# On a generated voivodeship (kokon-graph generate --scale voivodeship --seed 1 DATA): the
# page of this code against the page of an older revision of kokon_graph (the "current
# page" before issue 11), built in the same run from `git archive REV` in a subprocess.
# Measured inside the page (performance.now()), each from the action to vis-network's next
# "afterDrawing": first full draw, a gap layer switched, a territory chosen in the filter,
# the gap threshold changed, an institution focused.

#: Runs ``action`` in the page and resolves with the milliseconds to the next drawing.
TIMED_ACTION = """async (action) => {
  const m = window.kokonMap;
  const t0 = performance.now();
  const drawn = new Promise((resolve) => {
    m.network.once("afterDrawing", () => resolve(performance.now() - t0));
    setTimeout(() => resolve(performance.now() - t0), 3000);
  });
  const act = {
    toggle: () => { const b = document.querySelector("input[data-layer=gap_co_serving]");
                    b.click(); },
    filter: () => { const s = document.getElementById("kk-filter-territory");
                    s.value = s.options[1].value; s.dispatchEvent(new Event("change")); },
    threshold: () => { const s = document.getElementById("kk-threshold");
                       if (!s) return "none"; s.value = Number(s.value) + 2;
                       s.dispatchEvent(new Event("input")); },
    focus: () => {
      const id = m.nodes.getIds({filter: (n) => !n.hidden && n.kk === "institution"})[0];
      m.focus(id); },
  }[action]();
  if (act === "none") return null;
  m.network.redraw();
  return await drawn;
}"""

BUILD_BASELINE = """
import sys
import kokon_graph
assert kokon_graph.__file__.startswith(sys.argv[3]), kokon_graph.__file__
from kokon_graph import build_network, read_dataset
from kokon_graph.viz import build_map
build_map(build_network(read_dataset(sys.argv[1]))).save(sys.argv[2])
"""


def baseline_from_revision(rev: str, dataset: Path, out: Path, folder: Path) -> float:
    """Build the cooperation map of ``dataset`` with kokon_graph as of git ``rev``."""
    import subprocess

    root = Path(__file__).resolve().parent.parent
    source = folder / f"kokon-{rev}"
    source.mkdir()
    archive = subprocess.run(
        ["git", "-C", str(root), "archive", rev, "kokon_graph"], check=True, capture_output=True
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(source)], input=archive, check=True)
    env = {**os.environ, "PYTHONPATH": str(source)}
    start = time.perf_counter()
    # run outside the repository: "-c" puts the working directory first on sys.path
    subprocess.run(
        [sys.executable, "-c", BUILD_BASELINE, str(dataset.resolve()), str(out), str(source)],
        env=env,
        check=True,
        cwd=folder,
    )
    return time.perf_counter() - start


def interaction_times(browser: Chromium, path: Path, repeat: int) -> dict[str, float | None]:
    """Medians over ``repeat`` fresh loads: first draw, then each action in turn."""
    runs: dict[str, list[float]] = {}
    for _ in range(repeat):
        with browser.open(path, wait=False, timeout_ms=60_000) as run:
            runs.setdefault("first draw", []).append(run.wait_drawn(60_000))
            run.page.wait_for_timeout(300)
            for action in ("toggle", "filter", "toggle", "threshold", "focus"):
                value = run.page.evaluate(TIMED_ACTION, action)
                if value is not None:
                    key = "layer switched" if action == "toggle" else action
                    runs.setdefault(key, []).append(float(value))
                run.page.wait_for_timeout(500)  # let animations end
    return {k: statistics.median(v) for k, v in runs.items()}


def run_interactions(args: argparse.Namespace) -> int:
    browser = Chromium()
    rows = []
    try:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            base = folder / "baseline.html"
            t_base = baseline_from_revision(args.baseline_rev, args.dataset, base, folder)
            ours = folder / "kokon.html"
            start = time.perf_counter()
            network = build_network(read_dataset(args.dataset))
            built = build_map(network)
            built.save(ours)
            t_ours = time.perf_counter() - start
            for label, path, seconds in (
                (f"before (kokon_graph {args.baseline_rev})", base, t_base),
                ("now (overview, labels, focus)", ours, t_ours),
            ):
                times = interaction_times(browser, path, args.repeat)
                print(label, times, flush=True)
                cells = [
                    fmt_ms(times.get(k), args.cap)
                    for k in ("first draw", "layer switched", "filter", "threshold", "focus")
                ]
                rows.append(
                    f"| {label} | {seconds:.1f} s | {path.stat().st_size / 2**20:.1f} MiB | "
                    + " | ".join(cells)
                    + f" | {os.getloadavg()[0]:.1f} |"
                )
            version = browser.browser.version
            nodes, edges = built.visible_counts()
    finally:
        browser.close()
    command = "python " + " ".join(shlex.quote(a) for a in sys.argv)
    report = (
        f"Command: `{command}`\n\n"
        f"Machine: {os.cpu_count()} cores, {platform.platform()}, Python "
        f"{platform.python_version()}; Chromium {version} (headless); median of "
        f"{args.repeat} page loads; the new page opens on {nodes} territories and "
        f"{edges} lines.\n\n"
        "| page | build (incl. analyses) | file | first full draw | gap layer switched | "
        "territory chosen | threshold changed | institution focused | load avg |\n"
        "|---|---|---|---|---|---|---|---|---|\n" + "\n".join(rows) + "\n"
    )
    print(report)
    if args.write:
        write_report(args.write, report)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
