"""Benchmark of the report layer on the national-scale dataset.

Measures the time and peak memory of writing the report (XLSX, CSV, HTML),
the comparison of the two waves and the exports, on results computed once,
against a baseline in the same run: pandas' own ``to_excel`` (openpyxl) and
``to_csv`` of the same tables, which is what a report without formats,
labels and suppression would cost.

Usage::

    python benchmarks/bench_reports.py /work/data/national-s1 --out /tmp/bench-reports

With ``--only xlsx`` only the workbook is timed: every row (the writer as it was
before the national layout, ``max_cells`` unlimited) against the national layout
(the default), in the same run.

The analysis itself is timed too, as context (it is the analysis helper's
benchmark; see benchmarks/results/analysis.md if present).
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd

from kokon_graph import build_network, read_dataset
from kokon_graph.analysis.compare import compare_networks
from kokon_graph.export import export_graph, network_for_export
from kokon_graph.report import ReportInfo, write_csv, write_xlsx
from kokon_graph.report.build import analyse, report_sections
from kokon_graph.report.html_writer import write_html


def _rss_mib() -> float:
    """Resident memory now, from /proc (Linux)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def timed(label: str, fn: Callable[[], Any], rows: list[tuple[str, float, float]]) -> Any:
    """Run ``fn``; print and keep its wall time and the resident memory it added.

    (tracemalloc is not used: it slows openpyxl several times over.)
    """
    before = _rss_mib()
    start = time.perf_counter()
    value = fn()
    seconds = time.perf_counter() - start
    grown = _rss_mib() - before
    rows.append((label, seconds, grown))
    print(f"{label:55s} {seconds:8.2f} s  RSS +{grown:8.1f} MiB", flush=True)
    return value


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("dataset", type=Path)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--scope", default=None)
    parser.add_argument("--only", choices=["xlsx"], default=None)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    rows: list[tuple[str, float, float]] = []
    start = time.perf_counter()
    dataset = read_dataset(args.dataset)
    print(f"read {args.dataset}: {time.perf_counter() - start:.1f} s", flush=True)
    network = build_network(dataset, scope=args.scope)
    print(f"institutions {len(network.institutions):,}", flush=True)
    start = time.perf_counter()
    results = analyse(network)
    print(
        f"analysis (context, not the report layer): {time.perf_counter() - start:.1f} s", flush=True
    )
    sizes = {name: len(frame) for name, frame in results.items()}
    print("rows:", ", ".join(f"{k} {v:,}" for k, v in sizes.items()), flush=True)
    info = ReportInfo.from_network(network)
    tables = {k: v for k, v in results.items() if k != "network"}

    timed(
        "report: write_xlsx, national layout (the default)",
        lambda: write_xlsx(results, args.out / "report-national.xlsx", info=info),
        rows,
    )
    timed(
        "report: write_xlsx, every row (the writer before the national layout)",
        lambda: write_xlsx(results, args.out / "report.xlsx", info=info, max_cells=10**12),
        rows,
    )
    if args.only == "xlsx":
        _sizes(args.out)
        return

    def baseline_excel() -> None:
        with pd.ExcelWriter(args.out / "baseline.xlsx", engine="openpyxl") as writer:
            for name, frame in tables.items():
                frame.head(1_048_575).to_excel(writer, sheet_name=name[:31], index=False)

    def baseline_csv() -> None:
        for name, frame in results.items():
            frame.to_csv(args.out / f"baseline-{name}.csv", index=False)

    timed("baseline: pandas to_excel (openpyxl), same tables", baseline_excel, rows)
    timed("baseline: pandas to_csv, same tables", baseline_csv, rows)
    (args.out / "csv").mkdir(exist_ok=True)
    timed(
        "report: write_csv (BOM, suppression, guide)",
        lambda: write_csv(results, args.out / "csv"),
        rows,
    )
    timed(
        "report: HTML page (plots, sentences, 200-row tables)",
        lambda: write_html(
            args.out / "report.html",
            title="bench",
            info=info,
            sections=report_sections(results, lang="pl", min_count=3),
        ),
        rows,
    )
    graph = timed(
        "export: network_for_export (measures joined)",
        lambda: network_for_export(network, results=results),
        rows,
    )
    for fmt in ("gexf", "graphml", "json"):
        timed(
            f"export: {fmt}",
            lambda f=fmt: export_graph(graph, args.out / f"net.{f}", format=f),
            rows,
        )
    if {"before", "after"} <= set(dataset.waves):
        before = build_network(dataset, scope=args.scope, wave="before")
        after = build_network(dataset, scope=args.scope, wave="after")
        start = time.perf_counter()
        rb, ra = analyse(before), analyse(after)
        print(f"analysis of both waves (context): {time.perf_counter() - start:.1f} s", flush=True)
        timed(
            "compare: compare_networks on given results",
            lambda: compare_networks(before, after, before_results=rb, after_results=ra),
            rows,
        )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"process peak RSS {peak:,.0f} MiB; cpus {os.cpu_count()}; python {sys.version.split()[0]}"
    )
    _sizes(args.out)


def _sizes(out: Path) -> None:
    for path in sorted(out.glob("*")):
        if path.is_file():
            print(f"  {path.name:30s} {path.stat().st_size / 2**20:8.1f} MiB")


if __name__ == "__main__":
    main()
