"""What the tests of change add to ``kokon-graph compare`` (two waves of one dataset).

For each dataset: the comparison without the tests (``compare_networks(...,
permutations=None)``, the baseline: both waves analysed and compared) and the
tests of change alone (``compare_change_tests``: paired permutation tests of
density and reciprocity and the QAP correlation of the waves, 2,000
permutations), in the same run; the tests twice, computed by the permutation code
of commit ``BASELINE_REF`` (``kokon_graph/analysis/change.py`` read from git, the
sorted-array lookups) and by today's, with a check that their p-values are equal.

Usage::

    KOKON_PSEUDONYM_KEY=... python benchmarks/bench_compare_tests.py \\
        datasets/praski-kokon POWIAT NATIONAL --write benchmarks/results/compare_tests.md

(``POWIAT``, ``NATIONAL``: ``kokon-graph generate --scale powiat|national --seed 1 DIR``.)
"""

from __future__ import annotations

import argparse
import os
import platform
import shlex
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kokon_graph import build_network, read_dataset
from kokon_graph.analysis import significance
from kokon_graph.analysis.compare import compare_networks
from kokon_graph.analysis.significance import compare_change_tests

PERMUTATIONS = 2000
#: The commit whose permutation code is the baseline (before the hash-table lookups).
BASELINE_REF = "c57bd78"
ROOT = Path(__file__).resolve().parent.parent


def baseline_change_module(ref: str) -> ModuleType:
    """``kokon_graph/analysis/change.py`` as it was at ``ref``, loaded as its own module."""
    source = subprocess.run(
        ["git", "show", f"{ref}:kokon_graph/analysis/change.py"],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    module = ModuleType(f"change_at_{ref}")
    sys.modules[module.__name__] = module  # dataclasses look their module up
    exec(compile(source, f"change.py@{ref}", "exec"), module.__dict__)
    return module


def timed(fn: Callable[[], Any]) -> tuple[Any, float, float]:
    """``fn()``, its wall seconds and the CPU seconds of this process meanwhile."""
    cpu, wall = time.process_time(), time.perf_counter()
    value = fn()
    return value, time.perf_counter() - wall, time.process_time() - cpu


def tests_with(module: ModuleType | None, before: Any, after: Any) -> Callable[[], Any]:
    """The tests of change, computed by ``module``'s permutation code (None: today's)."""

    def run() -> Any:
        saved = significance.change_test, significance.qap_correlation
        if module is not None:
            significance.change_test = module.change_test  # type: ignore[attr-defined]
            significance.qap_correlation = module.qap_correlation  # type: ignore[attr-defined]
        try:
            return compare_change_tests(before, after, permutations=PERMUTATIONS, seed=0)
        finally:
            significance.change_test, significance.qap_correlation = saved

    return run


def measure(path: str, old: ModuleType) -> list[str]:
    """Table rows for one dataset."""
    data = read_dataset(path)
    before = build_network(data, wave="before")
    after = build_network(data, wave="after")
    _, baseline, baseline_cpu = timed(lambda: compare_networks(before, after, permutations=None))
    # the old code first, then today's: both on networks whose matrices are built
    old_tests, old_wall, old_cpu = timed(tests_with(old, before, after))
    tests, added, added_cpu = timed(tests_with(None, before, after))
    assert tests is not None and old_tests is not None
    same = tests[["p_value", "observed"]].equals(old_tests[["p_value", "observed"]])
    name = Path(path).name
    actors = int(tests["actors"].iloc[0])
    print(
        f"{name}: baseline {baseline:.2f} s, tests {added:.2f} s "
        f"({BASELINE_REF}: {old_wall:.2f} s), same p-values: {same}",
        flush=True,
    )
    return [
        f"| {name} | {actors:,} | {baseline:.2f} / {baseline_cpu:.2f} | "
        f"{old_wall:.2f} / {old_cpu:.2f} | {added:.2f} / {added_cpu:.2f} | "
        f"{100 * added / baseline:.0f}% | {'yes' if same else 'NO'} |",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("datasets", nargs="+")
    parser.add_argument("--write", default=None)
    args = parser.parse_args()
    old = baseline_change_module(BASELINE_REF)
    rows = [row for path in args.datasets for row in measure(path, old)]
    load = os.getloadavg()[0]
    text = "\n".join(
        [
            "# Tests of change in `compare`",
            "",
            f"Command: `python benchmarks/bench_compare_tests.py {shlex.join(args.datasets)}`",
            "",
            f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python "
            f"{platform.python_version()}; load average at the end {load:.1f} (shared machine: "
            "compare rows of one run).",
            "",
            "Baseline: the comparison without the tests (both waves analysed, every table). "
            f"Then the tests of change, {PERMUTATIONS:,} permutations, seed 0 (density and "
            "reciprocity paired tests, QAP correlation of the waves), computed by the "
            f"permutation code of {BASELINE_REF} (`kokon_graph/analysis/change.py` loaded from "
            "git) and by today's, in the same run, on the same networks. Times are wall / CPU "
            "seconds of the process.",
            "",
            "| dataset | institutions | compare without tests (s) | tests, "
            f"{BASELINE_REF} (s) | tests, now (s) | tests now / compare | same p-values |",
            "|---|---:|---:|---:|---:|---:|---|",
            *rows,
            "",
        ]
    )
    print(text)
    if args.write:
        Path(args.write).write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
