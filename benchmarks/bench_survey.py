"""Benchmark of survey forms out and answers in, for a whole powiat.

Targets (issue 14): the forms of a ~400-institution powiat in at most 30 s, the import of
them in at most 10 s. Baselines in the same run: pandas' plain ``to_excel`` of the same
partner lists (a workbook without drop-downs, protection or identity), and openpyxl's
read-only pass over the same returned files (every cell read, nothing checked).

Usage::

    kokon-graph generate --scale voivodeship --seed 5 VOIVODESHIP
    python benchmarks/bench_survey.py VOIVODESHIP --scope powiat:1216 \
        --out OUT --write benchmarks/results/survey.md

The generated voivodeship (seed 5) has its largest powiat, 1216, holding 367 institutions;
with the voivodeship-level ones serving it, the survey sends 374 forms of 373 partners each.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import shutil
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd
from openpyxl import load_workbook

from kokon_graph import read_dataset
from kokon_graph.survey import candidates, fill_form, import_answers, write_forms
from kokon_graph.survey.importer import write_survey_dataset


def timed(
    label: str, fn: Callable[[], Any], rows: list[tuple[str, float, float, str]], note: str = ""
) -> Any:
    """Run ``fn``; keep its wall time and this process's CPU time."""
    start, cpu = time.perf_counter(), time.process_time()
    value = fn()
    seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu
    rows.append((label, seconds, cpu_seconds, note))
    print(f"{label:60s} {seconds:8.2f} s wall {cpu_seconds:8.2f} s CPU", flush=True)
    return value


def _baseline_forms(people: pd.DataFrame, folder: Path) -> None:
    folder.mkdir(parents=True)
    table = people[["id", "name", "type_label", "place"]]
    for rid in people["id"]:
        table[table["id"] != rid].to_excel(folder / f"{rid}.xlsx", index=False)


def _baseline_read(files: list[Path]) -> int:
    cells = 0
    for path in files:
        wb = load_workbook(path, read_only=True, data_only=True)
        for ws in wb.worksheets:
            for row in ws.iter_rows(values_only=True):
                cells += sum(v is not None for v in row)
        wb.close()
    return cells


def _fill_all(out: Path, respondents: pd.DataFrame, ties: set[tuple[str, str]], seed: int) -> None:
    rng = random.Random(seed)
    people = list(respondents["id"])
    for rid, name in zip(respondents["id"], respondents["file"], strict=True):
        if rng.random() < 0.15:  # about one in seven never returns the form
            continue
        answers: dict[str, dict[str, object]] = {}
        for pid in people:
            if pid == rid:
                continue
            if (rid, pid) in ties or (pid, rid) in ties:
                answers[pid] = {
                    "cooperates": "tak",
                    "kind_information": "tak",
                    "frequency": "co tydzień",
                    "since": 2015,
                    "trust_reliability": rng.randint(1, 4),
                    "value_influence": rng.randint(1, 4),
                }
            elif rng.random() < 0.05:
                answers[pid] = {"cooperates": "nie"}
        fill_form(out / "forms" / name, answers, out=out / "answers" / name)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dataset")
    parser.add_argument("--scope", default="powiat:1216")
    parser.add_argument("--out", default="/tmp/bench-survey")
    parser.add_argument("--write", default=None, help="Markdown file for the results.")
    args = parser.parse_args()
    out = Path(args.out)
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    rows: list[tuple[str, float, float, str]] = []
    dataset = timed(
        "read the dataset (kokon_graph.io; context)", lambda: read_dataset(args.dataset), rows
    )
    people = candidates(dataset, args.scope)
    n = len(people)
    forms = timed(
        f"`write_forms`: {n} forms + template.csv + survey.json",
        lambda: write_forms(dataset, out / "survey", scope=args.scope, wave="bench"),
        rows,
        f"{n} forms x {n - 1} partners",
    )
    timed(
        "baseline: pandas `to_excel` of the same partner lists",
        lambda: _baseline_forms(people, out / "baseline"),
        rows,
        "no drop-downs, protection, identity or instructions",
    )
    coop = dataset.cooperation
    ties = set(zip(coop["source"], coop["target"], strict=True))
    timed(
        "fill the forms (openpyxl load + save; setup, not a target)",
        lambda: _fill_all(out / "survey", forms.respondents, ties, 1),
        rows,
    )
    files = sorted((out / "survey" / "answers").glob("*.xlsx"))
    result = timed(
        f"`import_answers`: {len(files)} returned forms, every answer checked",
        lambda: import_answers(dataset, out / "survey", wave="bench", rule="reconstruction"),
        rows,
    )
    s = result.summary
    rows[-1] = (
        *rows[-1][:3],
        f"{s['ties']} ties, {s['answered']} of {s['asked']} answered",
    )
    cells = timed(
        "baseline: openpyxl read-only pass over the same files", lambda: _baseline_read(files), rows
    )
    rows[-1] = (*rows[-1][:3], f"{cells} non-empty cells, no checks")
    timed(
        "`write_survey_dataset` (write, read back, check; context)",
        lambda: write_survey_dataset(result, out / "new"),
        rows,
    )
    forms_row, base_forms, _fill, import_row, base_read = rows[1:6]
    if args.write:
        load = os.getloadavg()[0]
        lines = [
            "# Survey forms and import",
            "",
            "Command:",
            "",
            "```",
            "kokon-graph generate --scale voivodeship --seed 5 VOIVODESHIP",
            f"python benchmarks/bench_survey.py VOIVODESHIP --scope {args.scope} "
            "--out OUT --write benchmarks/results/survey.md",
            "```",
            "",
            "(`VOIVODESHIP` is the folder the generator wrote, `OUT` a scratch folder.)",
            "",
            f"Machine: {platform.machine()}, {os.cpu_count()} cores, "
            f"Python {sys.version.split()[0]}; load average at the end {load:.1f} on 2 cores (the "
            "machine is shared: wall times are upper bounds, CPU times the steadier figure).",
            f"Targets (issue 14): forms of a ~400-institution powiat <= 30 s; import <= 10 s. "
            f"Here: {n} institutions asked.",
            "",
            "| step | wall s | CPU s | note |",
            "|---|---:|---:|---|",
            *(f"| {label} | {sec:.2f} | {cpu:.2f} | {note} |" for label, sec, cpu, note in rows),
            "",
            f"Against the targets: the forms took {forms_row[1]:.1f} s wall "
            f"({forms_row[2]:.1f} s CPU; target 30 s), "
            f"{forms_row[1] / base_forms[1]:.2f}x the plain pandas baseline; the "
            f"import {import_row[1]:.1f} s wall ({import_row[2]:.1f} s CPU; target 10 s), "
            f"{import_row[1] / base_read[1]:.2f}x a bare openpyxl read of the same files. Wall "
            "time on this shared machine is inflated by the other jobs (compare the CPU column).",
            "",
        ]
        Path(args.write).write_text("\n".join(lines), encoding="utf-8")


if __name__ == "__main__":
    main()
