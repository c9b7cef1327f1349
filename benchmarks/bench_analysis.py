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

0. **Speed of reading** (``--reading``): the whole ``kokon-graph analyze`` process (default
   options, best of ``--repeats``) against a bare ``pyarrow.csv.read_csv`` of the same CSV
   files (best of three), with the peak memory and the time of every step (read, validate,
   pseudonymise, build, each result, write); and, with ``--heavy DIR`` (a generated
   voivodeship), the heavy node measures through the public API in a fresh process, imports
   included, against plain networkx on the same graph.

Usage::

    python benchmarks/bench_analysis.py /work/data/national-s1 \\
        --write benchmarks/results/analysis.md [--accuracy] [--voivodeship 30]
    python benchmarks/bench_analysis.py /work/wt/_data/national --reading \\
        --heavy /work/wt/_data/voivodeship-s1 --write benchmarks/results/speed.md
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

# KOKON_TREE: run another checkout of the package (the baseline) with this script
sys.path.insert(0, os.environ.get("KOKON_TREE") or str(Path(__file__).resolve().parent.parent))

from kokon_graph import build_network, read_dataset
from kokon_graph.analysis import (
    bridges,
    brokerage,
    brokerage_groups,
    centrality,
    cohesion,
    communities,
    community_make_up,
    ego_networks,
    gaps_co_serving,
    gaps_group_coverage,
    gaps_referral_targets,
    gaps_referrals,
    gaps_sector,
    gaps_uncoordinated,
    local_clustering,
    mixing,
    mixing_groups,
    network_by_territory,
    network_measures,
    recommendations,
    structural_holes,
    survey_waves,
    trust,
    trust_pairs,
    twomode,
    twomode_overlaps,
)
from kokon_graph.analysis._graphs import cooperation_matrices
from kokon_graph.analysis._paths import betweenness_raw, path_stats
from kokon_graph.analysis._tables import table_codes
from kokon_graph.analysis.centrality import eigenvector, pagerank
from kokon_graph.analysis.communities import detect

Row = tuple[str, float, str]


#: The clock of :func:`timed`: wall time, or CPU time (all threads) with ``--cpu``.
CLOCK: list[Callable[[], float]] = [time.perf_counter]


def timed(fn: Callable[[], Any]) -> tuple[Any, float]:
    start = CLOCK[0]()
    value = fn()
    return value, CLOCK[0]() - start


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# ------------------------------------------------------------------ 1. national run


def read_steps(path: str, rows: list[Row]) -> Any:
    """Read, validate and (for the record) pseudonymise ``path``, one row per step."""
    from kokon_graph.io._source import read_source
    from kokon_graph.io._validate import build_dataset, pseudonymise_dataset
    from kokon_graph.io.pseudonym import pseudonymiser

    source, t = timed(lambda: read_source(path))
    rows.append(("read: parse every CSV file (`io._source.read_source`)", t, ""))
    built, t = timed(lambda: build_dataset(source, pseudonymised=source.pseudonymised))
    dataset = built[0]
    rows.append(("validate: type and check every table (`io._validate.build_dataset`)", t, ""))
    key = pseudonymiser(b"bench-key-0123456789abcdef")
    _, t = timed(lambda: pseudonymise_dataset(dataset, key))
    note = "not run by `analyze` here: ids are pseudonyms already" if source.pseudonymised else ""
    rows.append(("pseudonymise the family ids (HMAC)", t, note))
    return dataset


def national(path: str) -> tuple[list[Row], Any, dict[str, pd.DataFrame]]:
    rows: list[Row] = []
    dataset = read_steps(path, rows)
    net, t = timed(lambda: build_network(dataset))
    rows.append(("build the network (`build_network`: scope, wave)", t, ""))
    mats, t = timed(lambda: cooperation_matrices(net))
    rows.append(("sparse matrices of the view", t, f"{mats.n} institutions, {mats.arcs.nnz} arcs"))
    _, t = timed(lambda: (mats.ig_directed, mats.ig_sym))
    rows.append(("igraph copies (first use: imports igraph)", t, ""))
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
        ("ego", lambda: ego_networks(net)),
        ("clustering", lambda: local_clustering(net)),
        ("twomode", lambda: twomode(net)),
        ("twomode_overlaps", lambda: twomode_overlaps(net)),
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
        ("survey_waves", lambda: survey_waves(net)),
        ("trust", lambda: trust(net)),
        ("trust_pairs", lambda: trust_pairs(net)),
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
    shown, t = timed(lambda: suppress_all(out))
    rows.append(("hide small family counts for the files (`suppress_for_files`)", t, ""))
    _, t = timed(lambda: write_all(shown))
    rows.append(("write every result as CSV (Arrow)", t, f"{len(out)} files"))
    _, t = timed(lambda: build_network(dataset).cooperation())
    rows.append(("networkx cooperation view (kokon_graph.graph; not needed by `analyze`)", t, ""))
    return rows, net, out


def suppress_all(out: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """The results as ``analyze`` writes them: small family counts hidden (``--min-count 3``)."""
    try:
        from kokon_graph.report.suppress import suppress_for_files
    except ImportError:  # older code: no suppression in the files
        return out
    return suppress_for_files(out, min_count=3)


def write_all(out: dict[str, pd.DataFrame]) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        try:
            from kokon_graph.report.csv_writer import write_result_files
        except ImportError:  # older code: the writer lived in the command
            from kokon_graph.cli.analyze_cmd import write_csv  # type: ignore[attr-defined]

            for name, frame in out.items():
                write_csv(frame, Path(folder) / f"{name}.csv")
            return
        write_result_files(out, folder)


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


# ------------------------------------------------------------------ 0. speed of reading

HERE = Path(__file__).resolve()


def bare_read(path: str) -> tuple[float, float]:
    """Best of three (wall, CPU): ``pyarrow.csv.read_csv`` of every CSV file of ``path``."""
    import pyarrow.csv as pcsv

    files = sorted(Path(path).glob("*.csv"))
    best, best_cpu = float("inf"), float("inf")
    for _ in range(3):
        start, cpu = time.perf_counter(), time.process_time()
        for f in files:
            pcsv.read_csv(f)
        best = min(best, time.perf_counter() - start)
        best_cpu = min(best_cpu, time.process_time() - cpu)
    return best, best_cpu


#: Each code version measured: its label, checkout and extra environment variables.
Tree = tuple[str, dict[str, str]]


def child_env(tree: str, extra: dict[str, str] | None = None) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": tree, "KOKON_TREE": tree, **(extra or {})}


def analyze_process(path: str, tree: str, extra: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU seconds of one ``kokon-graph analyze PATH --out DIR`` process of ``tree``
    (CPU: its own and that of the processes it forked and waited for)."""
    import subprocess
    import tempfile

    with tempfile.TemporaryDirectory() as out:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "kokon_graph", "analyze", path, "--out", out, "--quiet"],
            check=True,
            cwd=tree,
            env=child_env(tree, extra),
        )
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return wall, cpu


def run_child(args: list[str], tree: str) -> str:
    """Stdout of ``python bench_analysis.py ARGS`` run with ``tree`` as the package."""
    import subprocess

    done = subprocess.run(
        [sys.executable, str(HERE), *args],
        check=True,
        capture_output=True,
        text=True,
        cwd=tree,
        env=child_env(tree),
    )
    return done.stdout


def _pss_kb(pid: int) -> int:
    """Proportional set size of ``pid`` and every process below it (kB; 0 when gone)."""
    total = 0
    try:
        text = Path(f"/proc/{pid}/smaps_rollup").read_text()
        total += next(int(line.split()[1]) for line in text.splitlines() if line.startswith("Pss:"))
        for task in Path(f"/proc/{pid}/task").iterdir():
            for child in (task / "children").read_text().split():
                total += _pss_kb(int(child))
    except (OSError, StopIteration, ValueError):
        pass
    return total


def _analyze_peak(path: str, tree: str, extra: dict[str, str]) -> tuple[float, float]:
    """Peak memory (MB) of ``kokon-graph analyze`` in its own process: the main process's
    peak resident set (``ru_maxrss``), and the peak of the proportional set sizes of it and
    the processes it forks added up (each shared page counted once), read 20 times a second
    from ``/proc`` (Linux; NaN elsewhere)."""
    import subprocess
    import tempfile

    code = (
        "import resource, runpy, sys; sys.argv = ['kokon-graph'] + sys.argv[1:]\n"
        "try:\n    runpy.run_module('kokon_graph', run_name='__main__')\n"
        "except SystemExit:\n    pass\n"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)"
    )
    sampled = Path("/proc/self/smaps_rollup").exists()
    peak = 0
    with tempfile.TemporaryDirectory() as out:
        proc = subprocess.Popen(
            [sys.executable, "-c", code, "analyze", path, "--out", out, "--quiet"],
            stdout=subprocess.PIPE,
            text=True,
            cwd=tree,
            env=child_env(tree, extra),
        )
        while proc.poll() is None:
            if sampled:
                peak = max(peak, _pss_kb(proc.pid))
            time.sleep(0.05)
        stdout = proc.stdout.read() if proc.stdout else ""
        if proc.returncode:
            raise subprocess.CalledProcessError(proc.returncode, proc.args)
    return float(stdout.split()[-1]), peak / 1024 if sampled else float("nan")


def speed_of_reading(
    path: str, trees: dict[str, Tree], repeats: int
) -> tuple[list[tuple[str, ...]], dict[str, list[Row]]]:
    """``analyze`` against a bare read, per tree (interleaved, ``repeats`` rounds)."""
    import json

    reads: list[tuple[float, float]] = []
    runs: dict[str, list[tuple[float, float]]] = {label: [] for label in trees}
    for _ in range(repeats):
        reads.append(bare_read(path))
        for label, (tree, extra) in trees.items():
            runs[label].append(analyze_process(path, tree, extra))
            print(f"{label}: analyze {runs[label][-1]}, bare read {reads[-1]}", flush=True)
    read = min(w for w, _ in reads)
    read_cpu = min(c for _, c in reads)
    table: list[tuple[str, ...]] = [
        (
            "bare `pyarrow.csv.read_csv` of the 9 CSV files (best of 3, each round)",
            ", ".join(f"{w:.2f}" for w, _ in reads),
            ", ".join(f"{c:.2f}" for _, c in reads),
            "1x",
            "1x",
            "",
            "",
        )
    ]
    for label, (tree, extra) in trees.items():
        walls = [w for w, _ in runs[label]]
        cpus = [c for _, c in runs[label]]
        main_peak, all_peak = _analyze_peak(path, tree, extra)
        print(f"{label}: peak {main_peak:.0f} MB, all processes {all_peak:.0f} MB", flush=True)
        table.append(
            (
                f"`kokon-graph analyze` ({label}), whole process",
                ", ".join(f"{w:.2f}" for w in walls),
                ", ".join(f"{c:.2f}" for c in cpus),
                f"{min(walls) / read:.1f}x",
                f"{min(cpus) / read_cpu:.1f}x",
                f"{main_peak:.0f}",
                f"{all_peak:.0f}",
            )
        )
    steps: dict[str, list[Row]] = {}
    for label, (tree, extra) in trees.items():
        if extra:  # the steps are timed one by one in one process: the same for any jobs
            continue
        out = run_child([path, "--steps-json", "--cpu"], tree)
        steps[label] = [tuple(r) for r in json.loads(out.splitlines()[-1])]  # type: ignore[misc]
    return table, steps


HEAVY = r"""
import json, sys, time
path = sys.argv[1]
from kokon_graph import build_network, read_dataset
net = build_network(read_dataset(path))
times = {}
cpu0, t0 = time.process_time(), time.perf_counter()
from kokon_graph.analysis import centrality, structural_holes
table = centrality(net)
holes = structural_holes(net)
times["ours"] = (time.perf_counter() - t0, time.process_time() - cpu0)
if "--networkx" in sys.argv:
    import networkx as nx
    g = net.cooperation()
    sym = net.cooperation(directed=False)
    active = [v for v in g if g.degree(v)]
    for name, fn in [
        ("betweenness, directed", lambda: nx.betweenness_centrality(g)),
        ("betweenness, symmetrised", lambda: nx.betweenness_centrality(sym)),
        ("closeness, symmetrised", lambda: nx.closeness_centrality(sym)),
        ("closeness, directed in", lambda: nx.closeness_centrality(g)),
        ("closeness, directed out", lambda: nx.closeness_centrality(g.reverse())),
        ("PageRank", lambda: nx.pagerank(g, weight=None)),
        ("eigenvector", lambda: nx.eigenvector_centrality(sym, max_iter=1000)),
        ("Burt constraint", lambda: nx.constraint(g, nodes=active)),
        ("Burt effective size", lambda: nx.effective_size(g, nodes=active)),
    ]:
        c, t = time.process_time(), time.perf_counter()
        fn()
        times[name] = (time.perf_counter() - t, time.process_time() - c)
print(json.dumps({"n": len(table), "times": times}))
"""


def heavy_measures(path: str, trees: dict[str, Tree]) -> list[tuple[str, float, float]]:
    """Heavy node measures through the public API (fresh process each) against networkx."""
    import json
    import subprocess

    rows: list[tuple[str, float, float]] = []
    networkx: dict[str, list[float]] = {}
    for i, (label, (tree, extra)) in enumerate(trees.items()):
        if extra:
            continue
        args = [sys.executable, "-c", HEAVY, path] + (["--networkx"] if i == 0 else [])
        done = subprocess.run(
            args,
            check=True,
            capture_output=True,
            text=True,
            cwd=tree,
            env=child_env(tree, extra),
        )
        result = json.loads(done.stdout.splitlines()[-1])
        wall, cpu = result["times"].pop("ours")
        rows.append(
            (f"kokon_graph {label}: `centrality` + `structural_holes`, imports included", wall, cpu)
        )
        networkx.update(result["times"])
    for name, (wall, cpu) in networkx.items():
        rows.append((f"networkx: {name}", wall, cpu))
    rows.append(
        (
            "**networkx, all of the above**",
            sum(w for w, _ in networkx.values()),
            sum(c for _, c in networkx.values()),
        )
    )
    return rows


def exact_national(path: str) -> list[tuple[str, float, float]]:
    """``--betweenness exact`` on the whole country against igraph's own betweenness."""
    from kokon_graph.analysis.centrality import centrality_of

    mats = cooperation_matrices(build_network(read_dataset(path)))
    _ = (mats.ig_directed, mats.ig_sym)  # igraph imported and its copies built beforehand
    rows: list[tuple[str, float, float]] = []

    def clocked(label: str, fn: Callable[[], Any]) -> None:
        mats._extra.clear()
        wall, cpu = time.perf_counter(), time.process_time()
        fn()
        rows.append((label, time.perf_counter() - wall, time.process_time() - cpu))
        print(rows[-1], flush=True)

    clocked(
        "igraph's own betweenness of the whole graph, directed + symmetrised",
        lambda: (
            mats.ig_directed.betweenness(directed=True),
            mats.ig_sym.betweenness(directed=False),
        ),
    )
    clocked(
        "kokon_graph exact betweenness, directed + symmetrised (per component)",
        lambda: (
            betweenness_raw(mats, directed=True, betweenness="exact"),
            betweenness_raw(mats, directed=False, betweenness="exact"),
        ),
    )
    clocked(
        "kokon_graph every exact centrality column (betweenness + all closeness)",
        lambda: centrality_of(mats, betweenness="exact"),
    )
    return rows


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


def speed_report(
    args: argparse.Namespace,
    table: list[tuple[str, ...]],
    steps: dict[str, list[Row]],
    heavy: list[tuple[str, float, float]],
    exact: list[tuple[str, float, float]],
) -> str:
    names = {args.dataset: "NATIONAL", args.heavy: "VOIVODESHIP", args.baseline: "BASE"}
    cmd = "python benchmarks/bench_analysis.py " + " ".join(
        names.get(a) or shlex.quote(a) for a in sys.argv[1:]
    )
    load = os.getloadavg()
    labels = list(steps)
    lines = [
        "# Analysis at the speed of reading",
        "",
        f"Command: `{cmd}`",
        "",
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}, networkx {nx.__version__}; load average at the end "
        f"{load[0]:.1f} (shared machine: compare the columns of one run, not runs).",
        "",
        "## National `analyze` against a bare read of the same files",
        "",
        "| what | wall s (each round) | CPU s (each round) | best wall ÷ best bare read "
        "| best CPU ÷ best bare read | peak MB, main process | peak MB, all processes |",
        "|---|---:|---:|---:|---:|---:|---:|",
        *["| " + " | ".join(row) + " |" for row in table],
        "",
        "## Step by step, national: CPU seconds (all threads), one fresh process per code "
        "version, same data",
        "",
        "| step | " + " | ".join(f"{label} s" for label in labels) + " | note |",
        "|---|" + "---:|" * len(labels) + "---|",
    ]
    for name, _, note in steps[labels[-1]]:
        cells = []
        for label in labels:
            match = [r for r in steps[label] if r[0] == name]
            cells.append(f"{match[0][1]:.2f}" if match else "–")
        lines.append(f"| {name} | " + " | ".join(cells) + f" | {note} |")
    if heavy:
        nx_wall, nx_cpu = heavy[-1][1], heavy[-1][2]
        lines += [
            "",
            "## Heavy node measures on `VOIVODESHIP`, fresh process, imports included",
            "",
            "| what | wall s | CPU s | networkx ÷ this (wall) | networkx ÷ this (CPU) |",
            "|---|---:|---:|---:|---:|",
            *[
                f"| {name} | {w:.2f} | {c:.2f} | "
                + (f"{nx_wall / w:.1f}x | {nx_cpu / c:.1f}x |" if "kokon" in name else " | |")
                for name, w, c in heavy
            ],
        ]
    if exact:
        lines += [
            "",
            "## Exact betweenness of the whole national network (`--betweenness exact`)",
            "",
            "| what | wall s | CPU s | ÷ igraph's own (CPU) |",
            "|---|---:|---:|---:|",
            *[f"| {a} | {w:.2f} | {c:.2f} | {c / exact[0][2]:.2f}x |" for a, w, c in exact],
        ]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dataset")
    parser.add_argument("--voivodeship", default="30")
    parser.add_argument("--accuracy", action="store_true")
    parser.add_argument("--skip-networkx", action="store_true")
    parser.add_argument("--write", default=None)
    parser.add_argument(
        "--reading", action="store_true", help="part 0 only: analyze against a bare read"
    )
    parser.add_argument("--heavy", default=None, help="generated voivodeship for part 0")
    parser.add_argument(
        "--baseline", default=None, help="checkout of the code before, measured in the same run"
    )
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--exact", action="store_true", help="part 0: exact national paths")
    parser.add_argument("--steps-json", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--cpu", action="store_true", help="time steps in CPU seconds")
    args = parser.parse_args()
    if args.cpu:
        CLOCK[0] = time.process_time
    if args.steps_json:
        import json

        rows, _, _ = national(args.dataset)
        print(json.dumps(rows))
        return
    if args.reading:
        root = str(HERE.parent.parent)
        two = {"KOKON_GRAPH_JOBS": "2"}  # the path measures in a forked process
        trees: dict[str, Tree] = (
            {
                "before": (args.baseline, {}),
                "after": (root, {}),
                "after, two processes": (root, two),
            }
            if args.baseline
            else {"this": (root, {}), "this, two processes": (root, two)}
        )
        table, steps = speed_of_reading(args.dataset, trees, args.repeats)
        heavy = heavy_measures(args.heavy, trees) if args.heavy else []
        exact = exact_national(args.dataset) if args.exact else []
        text = speed_report(args, table, steps, heavy, exact)
        if args.write:
            Path(args.write).write_text(text, encoding="utf-8")
        print(text)
        return
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
