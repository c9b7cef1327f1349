"""What the tests of change add to ``kokon-graph compare`` (two waves of one dataset).

For each dataset: the comparison without the tests (``compare_networks(...,
permutations=None)``, the baseline: both waves analysed and compared) and the
tests of change alone (``compare_change_tests``: paired permutation tests of
density and reciprocity and the QAP correlation of the waves, 2,000
permutations), in the same run.

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
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kokon_graph import build_network, read_dataset
from kokon_graph.analysis.compare import compare_networks
from kokon_graph.analysis.significance import compare_change_tests

PERMUTATIONS = 2000


def measure(path: str) -> list[str]:
    """Table rows for one dataset."""
    data = read_dataset(path)
    before = build_network(data, wave="before")
    after = build_network(data, wave="after")
    start = time.perf_counter()
    compare_networks(before, after, permutations=None)
    baseline = time.perf_counter() - start
    start = time.perf_counter()
    tests = compare_change_tests(before, after, permutations=PERMUTATIONS, seed=0)
    added = time.perf_counter() - start
    assert tests is not None
    name = Path(path).name
    actors = int(tests["actors"].iloc[0])
    print(f"{name}: baseline {baseline:.2f} s, tests {added:.2f} s", flush=True)
    return [
        f"| {name} | {actors:,} | {baseline:.2f} | {added:.2f} | {100 * added / baseline:.0f}% |",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("datasets", nargs="+")
    parser.add_argument("--write", default=None)
    args = parser.parse_args()
    rows = [row for path in args.datasets for row in measure(path)]
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
            f"Baseline: the comparison without the tests (both waves analysed, every table). "
            f"Added: the tests of change, {PERMUTATIONS:,} permutations (density and "
            "reciprocity paired tests, QAP correlation of the waves), in the same run.",
            "",
            "| dataset | institutions | baseline compare (s) | tests added (s) | share |",
            "|---|---:|---:|---:|---:|",
            *rows,
            "",
        ]
    )
    print(text)
    if args.write:
        Path(args.write).write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
