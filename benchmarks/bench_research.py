"""Benchmark of the research-grade results (issue 13): what they add to a national ``analyze``,
and how long the permutation tests take on a voivodeship.

1. **National analyze, with and without the new results, same run**: every result of
   :func:`kokon_graph.analysis.run_all` that existed before (timed together), then the new
   ones (``ego``, ``clustering``, ``twomode``, ``twomode_overlaps``), on the same network in
   the same process; the convention columns are computed inside ``centrality``, ``network`` and
   ``brokerage`` (the before/after of those is their own time with the new columns).
2. **Tests of change on one voivodeship** (default ``30``), 2,000 permutations each:
   the change test of density and reciprocity, the QAP correlation of cooperation with
   "same sector" and with "share a group", their MRQAP regression; against the baseline
   of the literal dense algorithm (permuting the ``n × n`` matrix, ``numpy.corrcoef``)
   timed on 10 permutations in the same run and scaled to 2,000.

Usage::

    python benchmarks/bench_research.py DATASET --write benchmarks/results/research.md

with ``DATASET`` from ``kokon-graph generate --scale national --seed 1 DATASET`` (the
report names it ``NATIONAL``).
"""

from __future__ import annotations

import argparse
import os
import platform
import shlex
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kokon_graph import build_network, read_dataset
from kokon_graph.analysis import run_all
from kokon_graph.analysis._graphs import cooperation_matrices
from kokon_graph.analysis._tables import table_codes
from kokon_graph.analysis.change import mrqap, qap_correlation
from kokon_graph.analysis.clustering import local_clustering
from kokon_graph.analysis.ego import ego_networks
from kokon_graph.analysis.significance import change_tests, relation_of
from kokon_graph.analysis.twomode import twomode, twomode_overlaps
from kokon_graph.analysis.weighted import DEFAULT_ALPHA, weighted_paths

NEW = ("ego", "clustering", "twomode", "twomode_overlaps")
#: The functions run_all calls for them (replaced by empty frames for the baseline).
NEW_STEPS = ("ego_networks", "local_clustering", "twomode", "twomode_overlaps")
PERMUTATIONS = 2000


def timed(fn: Callable[[], Any]) -> tuple[Any, float]:
    start = time.perf_counter()
    value = fn()
    return value, time.perf_counter() - start


def timed_cpu(fn: Callable[[], Any]) -> tuple[Any, float, float]:
    """``fn()``, its wall seconds and the CPU seconds of this process meanwhile."""
    cpu = time.process_time()
    value, wall = timed(fn)
    return value, wall, time.process_time() - cpu


def _empty(*args: Any, **kwargs: Any) -> Any:
    import pandas as pd

    return pd.DataFrame()


def run_all_without_new(net: Any) -> dict[str, Any]:
    """``run_all`` with the new steps replaced by empty frames (the analysis before issue 13)."""
    import kokon_graph.analysis as analysis

    saved = {name: getattr(analysis, name) for name in NEW_STEPS}
    try:
        for name in NEW_STEPS:
            setattr(analysis, name, _empty)
        return run_all(net)
    finally:
        for name, fn in saved.items():
            setattr(analysis, name, fn)


def national(path: str, rounds: int = 2) -> list[tuple[str, float, float, str]]:
    dataset = read_dataset(path)
    rows: list[tuple[str, float, float, str]] = []
    # the same run, alternating: run_all without the new steps, then with them, each on a
    # freshly built network (no cached matrices); the best of `rounds` of each
    without: list[tuple[float, float]] = []
    full: list[tuple[float, float]] = []
    results: dict[str, Any] = {}
    for _ in range(rounds):
        # build_network is lazy: the tables and matrices are built inside run_all, alike
        plain = build_network(dataset)
        _, wall, cpu = timed_cpu(lambda plain=plain: run_all_without_new(plain))
        without.append((wall, cpu))
        net = build_network(dataset)
        results, wall, cpu = timed_cpu(lambda net=net: run_all(net))
        full.append((wall, cpu))
    w_wall, w_cpu = min(without)
    f_wall, f_cpu = min(full)
    n = len(results["centrality"])
    rows.append(("`run_all`, every result", f_wall, f_cpu, f"{n} institutions, best of {rounds}"))
    rows.append(
        (
            "`run_all` without the new results",
            w_wall,
            w_cpu,
            f"`{'`, `'.join(NEW)}` skipped, best of {rounds}",
        )
    )
    rows.append(
        (
            "**added by the new results** (difference)",
            f_wall - w_wall,
            f_cpu - w_cpu,
            "limit: 10 s; runs alternated: "
            + ", ".join(f"{a:.1f}/{b:.1f}" for (a, _), (b, _) in zip(without, full, strict=True))
            + " s (without/with, wall)",
        )
    )
    fresh = build_network(dataset)
    # as inside run_all: the shared matrices and table codes exist before the steps run
    cooperation_matrices(fresh)
    table_codes(fresh)
    for name, fn in (
        ("ego", lambda: ego_networks(fresh)),
        ("clustering", lambda: local_clustering(fresh)),
        ("twomode", lambda: twomode(fresh)),
        ("twomode_overlaps", lambda: twomode_overlaps(fresh)),
        (f"weighted_paths (α = {DEFAULT_ALPHA}, optional)", lambda: weighted_paths(fresh)),
    ):
        frame, wall, cpu = timed_cpu(fn)
        note = f"{len(frame)} rows, alone on a second copy of the network, shared matrices built"
        rows.append((f"`{name}`", wall, cpu, note))
    method = results["twomode"]["method"].value_counts().to_dict()
    rows.append(("(two-mode paths)", 0.0, 0.0, ", ".join(f"{k}: {v}" for k, v in method.items())))
    return rows


def dense_qap(y: np.ndarray, x: np.ndarray, permutations: int, seed: int) -> float:
    off = ~np.eye(len(y), dtype=bool)
    rng = np.random.default_rng(seed)
    yv = y[off]
    for _ in range(permutations):
        perm = rng.permutation(len(y))
        np.corrcoef(yv, x[perm][:, perm][off])
    return 0.0


def voivodeship(path: str, code: str) -> list[tuple[str, float, float, str]]:
    net = build_network(read_dataset(path), scope=f"voivodeship:{code}")
    before, after = net.waves[-1], net.waves[0]
    if "before" in net.waves and "after" in net.waves:
        before, after = "before", "after"
    n = len(net.institutions)
    rows: list[tuple[str, float, float, str]] = []
    table, t, c = timed_cpu(
        lambda: change_tests(net, before=before, after=after, permutations=PERMUTATIONS)
    )
    dens = table.set_index("statistic").loc["density"]
    rows.append(
        (
            f"change test ({before} → {after}): density, reciprocity, QAP of the waves",
            t,
            c,
            f"{n} institutions; density {dens['before']:.5f} → {dens['after']:.5f}, "
            f"p = {dens['p_value']:.4f}; includes building both waves",
        )
    )
    y = relation_of(net, "cooperation")
    sector = relation_of(net, "same_sector")
    groups = relation_of(net, "share_group")
    assert y.matrix is not None and groups.matrix is not None
    for rel in (sector, groups):
        result, t, c = timed_cpu(lambda rel=rel: qap_correlation(y, rel, permutations=PERMUTATIONS))
        rows.append(
            (
                f"QAP correlation, cooperation × {rel.name}",
                t,
                c,
                f"r = {result['observed']:.4f}, p = {result['p_value']:.4f} "
                f"± {result['mc_error']:.4f}",
            )
        )
    model, t, c = timed_cpu(lambda: mrqap(y, [sector, groups], permutations=PERMUTATIONS))
    coef = ", ".join(f"{r.term} {r.coefficient:.4f}" for r in model.itertuples())
    rows.append(("MRQAP (DSP), cooperation ~ same_sector + share_group", t, c, coef))
    dense_y = y.matrix.toarray()
    dense_x = groups.matrix.toarray()
    _, t10, c10 = timed_cpu(lambda: dense_qap(dense_y, dense_x, 10, 0))
    rows.append(
        (
            "baseline: literal dense QAP (permute the n × n matrix, corrcoef), 10 permutations",
            t10,
            c10,
            f"scaled to {PERMUTATIONS}: {t10 * PERMUTATIONS / 10:.0f} s",
        )
    )
    return rows


def report(
    nat: list[tuple[str, float, float, str]],
    voi: list[tuple[str, float, float, str]],
    code: str,
) -> str:
    args = [a if not Path(a).is_dir() else "NATIONAL" for a in sys.argv[1:]]
    cmd = "python benchmarks/bench_research.py " + " ".join(shlex.quote(a) for a in args)
    load = os.getloadavg()
    return "\n".join(
        [
            "# Research-grade results and tests of change",
            "",
            f"Command: `{cmd}`",
            "",
            f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python "
            f"{platform.python_version()}; load average at the end {load[0]:.1f} (the machine "
            "is shared: timings are upper bounds, compare rows of one run).",
            "",
            "## 1. National `run_all`, with and without the new results (same run)",
            "",
            "| step | wall s | CPU s | note |",
            "|---|---:|---:|---|",
            *[f"| {a} | {t:.2f} | {c:.2f} | {note} |" for a, t, c, note in nat],
            "",
            f"## 2. Tests of change on voivodeship {code}, {PERMUTATIONS:,} permutations each",
            "",
            "| test | wall s | CPU s | note |",
            "|---|---:|---:|---|",
            *[f"| {a} | {t:.2f} | {c:.2f} | {note} |" for a, t, c, note in voi],
            "",
        ]
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dataset")
    parser.add_argument("--voivodeship", default="30")
    parser.add_argument("--write", default=None)
    args = parser.parse_args()
    voi = voivodeship(args.dataset, args.voivodeship)
    for row in voi:
        print(f"{row[1]:8.2f} {row[2]:8.2f}  {row[0]}  {row[3]}", flush=True)
    nat = national(args.dataset)
    for row in nat:
        print(f"{row[1]:8.2f} {row[2]:8.2f}  {row[0]}  {row[3]}", flush=True)
    text = report(nat, voi, args.voivodeship)
    if args.write:
        Path(args.write).write_text(text + "\n", encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
