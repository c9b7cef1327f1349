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
from kokon_graph.analysis import RESULT_NAMES, run_all
from kokon_graph.analysis._graphs import cooperation_matrices
from kokon_graph.analysis._tables import table_codes
from kokon_graph.analysis.change import mrqap, qap_correlation
from kokon_graph.analysis.clustering import local_clustering
from kokon_graph.analysis.ego import ego_networks
from kokon_graph.analysis.significance import change_tests, relation_of
from kokon_graph.analysis.twomode import twomode, twomode_overlaps

NEW = ("ego", "clustering", "twomode", "twomode_overlaps")
PERMUTATIONS = 2000


def timed(fn: Callable[[], Any]) -> tuple[Any, float]:
    start = time.perf_counter()
    value = fn()
    return value, time.perf_counter() - start


def national(path: str) -> list[tuple[str, float, str]]:
    dataset = read_dataset(path)
    net = build_network(dataset)
    rows: list[tuple[str, float, str]] = []
    # run_all computes everything; the old results alone are run_all minus the new steps,
    # so time the new steps separately on a fresh network after a full run_all
    results, t_all = timed(lambda: run_all(net))
    fresh = build_network(dataset)
    # as inside run_all: the shared matrices and table codes exist before the steps run
    cooperation_matrices(fresh)
    table_codes(fresh)

    t_new = 0.0
    notes = []
    for name, fn in (
        ("ego", lambda: ego_networks(fresh)),
        ("clustering", lambda: local_clustering(fresh)),
        ("twomode", lambda: twomode(fresh)),
        ("twomode_overlaps", lambda: twomode_overlaps(fresh)),
    ):
        frame, t = timed(fn)
        t_new += t
        notes.append(f"`{name}` {t:.2f} s ({len(frame)} rows)")
        rows.append((f"`{name}`", t, "on a second copy of the network, shared matrices built"))
    old = t_all - sum(t for _, t, _ in rows)
    n = len(net.institutions)
    rows.insert(
        0, ("`run_all`, every result", t_all, f"{n} institutions, {len(RESULT_NAMES)} results")
    )
    rows.insert(
        1,
        (
            "`run_all` without the new results (difference)",
            max(old, 0.0),
            "the results before issue 13",
        ),
    )
    rows.append(("**added by the new results**", t_new, "; ".join(notes)))
    method = results["twomode"]["method"].value_counts().to_dict()
    rows.append(("(two-mode paths)", 0.0, ", ".join(f"{k}: {v}" for k, v in method.items())))
    return rows


def dense_qap(y: np.ndarray, x: np.ndarray, permutations: int, seed: int) -> float:
    off = ~np.eye(len(y), dtype=bool)
    rng = np.random.default_rng(seed)
    yv = y[off]
    for _ in range(permutations):
        perm = rng.permutation(len(y))
        np.corrcoef(yv, x[perm][:, perm][off])
    return 0.0


def voivodeship(path: str, code: str) -> list[tuple[str, float, str]]:
    net = build_network(read_dataset(path), scope=f"voivodeship:{code}")
    before, after = net.waves[-1], net.waves[0]
    if "before" in net.waves and "after" in net.waves:
        before, after = "before", "after"
    n = len(net.institutions)
    rows: list[tuple[str, float, str]] = []
    table, t = timed(
        lambda: change_tests(net, before=before, after=after, permutations=PERMUTATIONS)
    )
    dens = table.set_index("statistic").loc["density"]
    rows.append(
        (
            f"change test ({before} → {after}): density, reciprocity, QAP of the waves",
            t,
            f"{n} institutions; density {dens['before']:.5f} → {dens['after']:.5f}, "
            f"p = {dens['p_value']:.4f}; includes building both waves",
        )
    )
    y = relation_of(net, "cooperation")
    sector = relation_of(net, "same_sector")
    groups = relation_of(net, "share_group")
    assert y.matrix is not None and groups.matrix is not None
    for rel in (sector, groups):
        result, t = timed(lambda rel=rel: qap_correlation(y, rel, permutations=PERMUTATIONS))
        rows.append(
            (
                f"QAP correlation, cooperation × {rel.name}",
                t,
                f"r = {result['observed']:.4f}, p = {result['p_value']:.4f} "
                f"± {result['mc_error']:.4f}",
            )
        )
    model, t = timed(lambda: mrqap(y, [sector, groups], permutations=PERMUTATIONS))
    coef = ", ".join(f"{r.term} {r.coefficient:.4f}" for r in model.itertuples())
    rows.append(("MRQAP (DSP), cooperation ~ same_sector + share_group", t, coef))
    dense_y = y.matrix.toarray()
    dense_x = groups.matrix.toarray()
    _, t10 = timed(lambda: dense_qap(dense_y, dense_x, 10, 0))
    rows.append(
        (
            "baseline: literal dense QAP (permute the n × n matrix, corrcoef), 10 permutations",
            t10,
            f"scaled to {PERMUTATIONS}: {t10 * PERMUTATIONS / 10:.0f} s",
        )
    )
    return rows


def report(nat: list[tuple[str, float, str]], voi: list[tuple[str, float, str]], code: str) -> str:
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
            "| step | seconds | note |",
            "|---|---:|---|",
            *[f"| {a} | {t:.2f} | {note} |" for a, t, note in nat],
            "",
            f"## 2. Tests of change on voivodeship {code}, {PERMUTATIONS:,} permutations each",
            "",
            "| test | seconds | note |",
            "|---|---:|---|",
            *[f"| {a} | {t:.2f} | {note} |" for a, t, note in voi],
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
        print(f"{row[1]:8.2f}  {row[0]}  {row[2]}", flush=True)
    nat = national(args.dataset)
    for row in nat:
        print(f"{row[1]:8.2f}  {row[0]}  {row[2]}", flush=True)
    text = report(nat, voi, args.voivodeship)
    if args.write:
        Path(args.write).write_text(text + "\n", encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
