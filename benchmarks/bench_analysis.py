"""Benchmark of ``kokon_graph.analysis`` on the national-scale dataset, against plain networkx.

Three parts, all in one run:

1. **National run**: every result of :func:`kokon_graph.analysis.run_all` on the whole
   country, timed one by one (the same calls ``run_all`` makes, in its order), with the
   dataset read and the network view built, and the peak memory of the process.
2. **Against plain networkx** on one voivodeship (default ``30``, wielkopolskie, the
   second largest): the same measures computed by networkx's own functions
   (``betweenness_centrality``, ``closeness_centrality``, the per-node
   ``effective_size``/``constraint``, ``louvain_communities``, articulation points,
   bridges, cores, a literal Gould–Fernandez enumeration, the bipartite projection of the
   family × institution graph), timed in the same process, with the largest difference
   between the two answers. Nationally plain networkx would take hours for the path-based
   measures; the networkx timings scale with ``n × m`` (see the report).
   Cheap linear-time measures (cohesion) are also compared nationally.
3. **Accuracy of the national estimates** (``--accuracy``): exact national betweenness
   (igraph) and closeness (every source) against the sampled values: Spearman rank
   correlation, overlap of the top 100, largest relative error of closeness.

Usage::

    python benchmarks/bench_analysis.py /work/data/national-s1 \\
        --write benchmarks/results/analysis.md [--accuracy] [--voivodeship 30]
"""

from __future__ import annotations

import argparse
import itertools
import os
import platform
import resource
import shlex
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kokon_graph import build_network, read_dataset
from kokon_graph.analysis import (
    bridges,
    brokerage,
    brokerage_groups,
    centrality,
    cohesion,
    communities,
    community_make_up,
    gaps_co_serving,
    gaps_group_coverage,
    gaps_referral_targets,
    gaps_referrals,
    gaps_sector,
    gaps_uncoordinated,
    mixing,
    mixing_groups,
    network_by_territory,
    network_measures,
    recommendations,
    structural_holes,
)
from kokon_graph.analysis._graphs import cooperation_matrices
from kokon_graph.analysis._paths import betweenness_raw, path_stats
from kokon_graph.analysis._tables import table_codes
from kokon_graph.analysis.centrality import eigenvector, pagerank
from kokon_graph.analysis.communities import detect

Row = tuple[str, float, str]


def timed(fn: Callable[[], Any]) -> tuple[Any, float]:
    start = time.perf_counter()
    value = fn()
    return value, time.perf_counter() - start


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# ------------------------------------------------------------------ 1. national run


def national(path: str) -> tuple[list[Row], Any, dict[str, pd.DataFrame]]:
    rows: list[Row] = []
    dataset, t = timed(lambda: read_dataset(path))
    rows.append(("read the dataset (kokon_graph.io, not analysis)", t, ""))
    net = build_network(dataset)
    _, t = timed(lambda: net.cooperation())
    rows.append(("networkx cooperation view (kokon_graph.graph; not needed by `analyze`)", t, ""))
    fresh_net = build_network(dataset)
    mats, t = timed(lambda: cooperation_matrices(fresh_net))
    net = fresh_net
    rows.append(("sparse matrices of the view", t, f"{mats.n} institutions, {mats.arcs.nnz} arcs"))
    _, t = timed(lambda: (mats.ig_directed, mats.ig_sym))
    rows.append(("igraph copies", t, ""))
    _, t = timed(lambda: table_codes(net))
    fam = len(net.dataset.families)
    rows.append(("integer codes of families, services, referrals", t, f"{fam} families"))
    out: dict[str, pd.DataFrame] = {}
    steps: list[tuple[str, Callable[[], pd.DataFrame]]] = [
        ("network", lambda: network_measures(net)),
        ("network_territories", lambda: network_by_territory(net)),
        ("centrality", lambda: centrality(net)),
        ("brokerage", lambda: brokerage(net)),
        ("brokerage_groups", lambda: brokerage_groups(out["brokerage"])),
        ("holes", lambda: structural_holes(net)),
        ("mixing", lambda: mixing(net)),
        ("mixing_groups", lambda: mixing_groups(net)),
        ("communities", lambda: communities(net)),
        ("communities_sectors", lambda: community_make_up(net, out["communities"])),
        ("cohesion", lambda: cohesion(net)),
        ("bridges", lambda: bridges(net)),
        ("gaps_co_serving", lambda: gaps_co_serving(net)),
        ("gaps_sector", lambda: gaps_sector(net)),
        ("gaps_referrals", lambda: gaps_referrals(net)),
        ("gaps_referral_targets", lambda: gaps_referral_targets(net)),
        ("gaps_uncoordinated", lambda: gaps_uncoordinated(net)),
        ("gaps_group_coverage", lambda: gaps_group_coverage(net)),
        (
            "recommendations",
            lambda: recommendations(
                net, co_serving=out["gaps_co_serving"], sector_gaps=out["gaps_sector"]
            ),
        ),
    ]
    total = 0.0
    for name, fn in steps:
        out[name], t = timed(fn)
        total += t
        note = f"{len(out[name])} rows"
        if name == "centrality":
            note += f"; {out[name]['betweenness_method'].iloc[0]}"
            note += f", closeness {out[name]['closeness_method'].iloc[0]}"
        if name == "network":
            note += " (includes the shared paths, betweenness, communities)"
        rows.append((f"`{name}`", t, note))
    rows.append(("**all results**", total, f"peak memory so far {peak_mb():.0f} MB"))
    return rows, net, out


def co_serving_alone(path: str) -> list[Row]:
    """Co-serving gap detection from a freshly built network: codes, product, tie filter."""
    net = build_network(read_dataset(path))
    net.cooperation()  # the view exists in any analysis; not part of gap detection
    cooperation_matrices(net)
    table, t = timed(lambda: gaps_co_serving(net))
    fam = len(net.dataset.families)
    return [
        (
            "co-serving gap detection, cold (codes + BᵀB + tie filter)",
            t,
            f"{fam} families, {len(table)} pairs",
        )
    ]


# ------------------------------------------------------------------ 2. against networkx


def literal_brokerage(graph: nx.DiGraph, group: dict[Any, str]) -> dict[Any, int]:
    total = dict.fromkeys(graph, 0)
    for b in graph:
        for a, c in itertools.product(graph.predecessors(b), graph.successors(b)):
            if a != c and not graph.has_edge(a, c):
                total[b] += 1
    return total


def against_networkx(path: str, voivodeship: str) -> list[tuple[str, float, float, str]]:
    net = build_network(read_dataset(path), scope=f"voivodeship:{voivodeship}")
    g = net.cooperation()
    sym = net.cooperation(directed=False)
    n = g.number_of_nodes()
    rows: list[tuple[str, float, float, str]] = []

    def compare(
        label: str,
        ours: Callable[[], Any],
        theirs: Callable[[], Any],
        diff: Callable[[Any, Any], str],
    ) -> None:
        a, ta = timed(ours)
        b, tb = timed(theirs)
        rows.append((label, ta, tb, diff(a, b)))

    def maxdiff(table: pd.DataFrame, column: str, ref: dict) -> str:
        got = dict(zip(table["id"], table[column], strict=True))
        return f"max |Δ| {max(abs(got[k] - v) for k, v in ref.items()):.1e}"

    mats = cooperation_matrices(net)
    ids = mats.ids

    def fresh(fn: Callable[[], Any]) -> Callable[[], Any]:
        def run() -> Any:
            mats._extra.clear()  # no cached result: each row computes from scratch
            return fn()

        return run

    def vec_diff(values: np.ndarray, ref: dict) -> str:
        got = dict(zip(ids, values, strict=True))
        return f"max |Δ| {max(abs(got[k] - v) for k, v in ref.items()):.1e}"

    pairs = (n - 1) * (n - 2)
    compare(
        "betweenness, directed, exact (igraph)",
        fresh(lambda: betweenness_raw(mats, directed=True, betweenness="exact")[0] / pairs),
        lambda: nx.betweenness_centrality(g),
        vec_diff,
    )
    compare(
        "betweenness, symmetrised, exact (igraph)",
        fresh(lambda: 2 * betweenness_raw(mats, directed=False, betweenness="exact")[0] / pairs),
        lambda: nx.betweenness_centrality(sym),
        vec_diff,
    )
    compare(
        "closeness, symmetrised: ours all 3 conventions, networkx one",
        fresh(lambda: path_stats(mats, directed=False, betweenness="exact")),
        lambda: nx.closeness_centrality(sym),
        lambda a, b: vec_diff(
            (a.out_reach / np.where(a.out_sum > 0, a.out_sum, 1)) * (a.out_reach / (n - 1)), b
        ),
    )
    compare(
        "closeness, directed in and out: ours 3 conventions each, networkx WF in and out",
        fresh(lambda: path_stats(mats, directed=True, betweenness="exact")),
        lambda: (nx.closeness_centrality(g), nx.closeness_centrality(g.reverse())),
        lambda a, b: vec_diff(
            (a.in_reach / np.where(a.in_sum > 0, a.in_sum, 1)) * (a.in_reach / (n - 1)), b[0]
        ),
    )
    compare(
        "eigenvector + PageRank",
        lambda: (eigenvector(mats.sym), pagerank(mats.arcs)),
        lambda: (nx.eigenvector_centrality(sym, max_iter=1000), nx.pagerank(g, weight=None)),
        lambda a, b: vec_diff(a[1], b[1]),
    )
    active = [v for v in g if g.degree(v)]
    compare(
        "Burt effective size + constraint (networkx per-node form)",
        lambda: structural_holes(net),
        lambda: (nx.effective_size(g, nodes=active), nx.constraint(g, nodes=active)),
        lambda a, b: maxdiff(a, "constraint", {k: v for k, v in b[1].items() if g.out_degree(k)}),
    )
    group = dict(zip(net.institutions.index, net.institutions["sector"], strict=True))
    compare(
        "Gould–Fernandez brokerage (literal Python enumeration)",
        lambda: brokerage(net),
        lambda: literal_brokerage(g, group),
        lambda a, b: "identical" if dict(zip(a["id"], a["total"], strict=True)) == b else "DIFFER",
    )
    compare(
        "Louvain communities",
        lambda: communities(net),
        lambda: nx.community.louvain_communities(sym, weight="weight", seed=0),
        lambda a, b: (
            f"modularity ours {detect(cooperation_matrices(net), method='louvain').modularity:.4f}"
            f", networkx {nx.community.modularity(sym, b, weight='weight'):.4f}"
        ),
    )
    compare(
        "cut points, bridges, k-cores",
        lambda: (cohesion(net), bridges(net)),
        lambda: (list(nx.articulation_points(sym)), list(nx.bridges(sym)), nx.core_number(sym)),
        lambda a, b: (
            "identical"
            if set(a[0]["id"][a[0]["articulation_point"]]) == set(b[0]) and len(a[1]) == len(b[1])
            else "DIFFER"
        ),
    )

    def projected() -> dict:
        services = net.service_graph()
        families = [f for f, d in services.nodes(data=True) if d["bipartite"] == 1]
        shared: dict[frozenset, int] = {}
        for f in families:
            for a, b in itertools.combinations(sorted(services[f]), 2):
                if not sym.has_edge(a, b):
                    key = frozenset((a, b))
                    shared[key] = shared.get(key, 0) + 1
        return shared

    compare(
        "co-serving without a tie (services only)",
        lambda: gaps_co_serving(net, referrals=False),
        projected,
        lambda a, b: (
            "identical"
            if {frozenset(p): k for *p, k in a[["source", "target", "shared_families"]].values} == b
            else "DIFFER"
        ),
    )
    rows.insert(
        0,
        (
            "(scope)",
            0.0,
            0.0,
            f"voivodeship:{voivodeship}, {n} institutions, "
            f"{g.number_of_edges()} arcs, {len(net.dataset.families)} families",
        ),
    )
    return rows


def national_linear(net: Any, out: dict[str, pd.DataFrame]) -> list[tuple[str, float, float, str]]:
    sym = net.cooperation(directed=False)
    _, tb = timed(
        lambda: (list(nx.articulation_points(sym)), list(nx.bridges(sym)), nx.core_number(sym))
    )
    matrices = cooperation_matrices(net)
    from kokon_graph.analysis.cohesion import fragility

    _, ta = timed(lambda: fragility(matrices.sym))
    return [
        (
            "cut points, bridges, k-cores (national)",
            ta,
            tb,
            "networkx has no removal cost (pairs lost); ours computes it in the same pass",
        )
    ]


# ------------------------------------------------------------------ 3. accuracy


def accuracy(net: Any, sampled: pd.DataFrame) -> list[tuple[str, str]]:
    exact, t = timed(lambda: centrality(net, betweenness="exact"))
    rows = [("exact national betweenness + closeness (igraph + every BFS)", f"{t:.1f} s")]
    for col in (
        "betweenness",
        "betweenness_sym",
        "closeness",
        "closeness_in_harmonic",
        "closeness_out_ucinet",
    ):
        a, b = exact[col].to_numpy(), sampled[col].to_numpy()
        rho = pd.Series(a).rank().corr(pd.Series(b).rank())
        top_a = set(np.argsort(-a)[:100])
        top_b = set(np.argsort(-b)[:100])
        nonzero = a > 0
        rel = np.abs(b[nonzero] - a[nonzero]) / a[nonzero]
        rows.append(
            (
                f"`{col}`",
                f"Spearman {rho:.4f}; top-100 overlap {len(top_a & top_b)}; "
                f"median relative error {np.median(rel):.3f}",
            )
        )
    return rows


# ------------------------------------------------------------------ report


def report(
    args: argparse.Namespace,
    nat: list[Row],
    co: list[Row],
    vs: list[tuple[str, float, float, str]],
    lin: list[tuple[str, float, float, str]],
    acc: list[tuple[str, str]] | None,
    peak: float,
) -> str:
    cmd = "python benchmarks/bench_analysis.py " + " ".join(shlex.quote(a) for a in sys.argv[1:])
    load = os.getloadavg()
    lines = [
        "# Analysis benchmark",
        "",
        f"Command: `{cmd}`",
        "",
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}, networkx {nx.__version__}; load average at the end "
        f"{load[0]:.1f} (the machine is shared: timings are upper bounds). "
        f"Peak memory of the whole run: {peak:.0f} MB.",
        "",
        "## 1. National run (every result of `run_all`)",
        "",
        "| step | seconds | note |",
        "|---|---:|---|",
        *[f"| {a} | {t:.2f} | {note} |" for a, t, note in nat + co],
        "",
        "## 2. Against plain networkx, same run",
        "",
        "| measure | kokon_graph s | networkx s | same answer? |",
        "|---|---:|---:|---|",
        *[f"| {a} | {ta:.2f} | {tb:.2f} | {d} |" for a, ta, tb, d in vs + lin],
        "",
    ]
    if acc:
        lines += [
            "## 3. National estimates against exact values",
            "",
            "| column | agreement |",
            "|---|---|",
            *[f"| {a} | {b} |" for a, b in acc],
            "",
        ]
    return "\n".join(lines)


def whole_command(path: str) -> list[Row]:
    """``kokon-graph analyze`` on the whole country, in a child process: wall time, peak RSS."""
    import subprocess
    import tempfile

    with tempfile.TemporaryDirectory() as out:
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "kokon_graph", "analyze", path, "--out", out, "--quiet"],
            check=True,
        )
        wall = time.perf_counter() - start
    rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return [
        (
            f"`kokon-graph analyze {path} --out DIR` (whole command)",
            wall,
            f"peak memory {rss:.0f} MB",
        )
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dataset")
    parser.add_argument("--voivodeship", default="30")
    parser.add_argument("--accuracy", action="store_true")
    parser.add_argument("--skip-networkx", action="store_true")
    parser.add_argument("--write", default=None)
    args = parser.parse_args()
    whole = whole_command(args.dataset)
    print(whole, flush=True)
    nat, net, out = national(args.dataset)
    for row in nat:
        print(f"{row[1]:8.2f}  {row[0]}  {row[2]}", flush=True)
    lin = national_linear(net, out)
    acc = accuracy(net, out["centrality"]) if args.accuracy else None
    del net, out
    co = co_serving_alone(args.dataset)
    print(co, flush=True)
    vs = [] if args.skip_networkx else against_networkx(args.dataset, args.voivodeship)
    for row in vs + lin:
        print(f"{row[1]:8.2f} {row[2]:8.2f}  {row[0]}  {row[3]}", flush=True)
    text = report(args, whole + nat, co, vs, lin, acc, peak_mb())
    if args.write:
        Path(args.write).write_text(text + "\n", encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
