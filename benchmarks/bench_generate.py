"""Benchmark: generating the national dataset, and reading and validating it.

    python benchmarks/bench_generate.py [--out DIR] [--seed 1] [--no-determinism]

Each step runs in a fresh Python process, so its wall time and peak memory
(maximum resident set size) are its own:

1. ``generate``: ``kokon_graph.generate.generate(scale="national")`` into DIR;
2. ``generate again``: the same seed into a second folder, then a byte comparison
   of every file (the determinism promise, at national scale);
3. ``read_dataset strict``: :func:`kokon_graph.read_dataset` with ``strict=True``
   (parsing, typing, every validation rule);
4. baseline ``pandas.read_csv``: every table read as strings with no checks
   (what reading costs before any validation);
5. baseline ``write_dataset``: the foundation's pandas writer writing the same
   tables (what writing the rows costs without drawing them).

The national output is also checked against the issue's targets (16
voivodeships, 380 powiats, 2,477 gminas and their type mix, 10-40 institutions
per gmina, 15-25 per powiat, about 400,000 families and 1,000,000 referrals,
1-4 institutions per family). Results are printed as a Markdown table.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

_STEPS = {
    "generate": """
from kokon_graph.generate import generate
summary = generate(OUT, scale="national", seed=SEED)
result["counts"] = summary.counts
""",
    "read_strict": """
from kokon_graph import read_dataset
ds = read_dataset(OUT, strict=True)
result["counts"] = ds.counts()
result["warnings"] = len(ds.warnings)
""",
    "pandas_read": """
import pandas as pd
from pathlib import Path
frames = {p.stem: pd.read_csv(p, dtype=str, keep_default_na=False)
          for p in sorted(Path(OUT).glob("*.csv"))}
result["counts"] = {k: len(v) for k, v in frames.items()}
""",
    "pandas_write": """
import time as _t
from kokon_graph import read_dataset, write_dataset
ds = read_dataset(OUT)
start = _t.perf_counter()
write_dataset(ds, OUT2)
result["write_seconds"] = _t.perf_counter() - start
""",
}


def _run_step(step: str, out: Path, seed: int, out2: Path | None = None) -> dict[str, object]:
    """Run one step in a child process; return its wall time, peak RSS and result."""
    code = (
        "import json, resource, sys, time\n"
        f"OUT, OUT2, SEED = {str(out)!r}, {str(out2) if out2 else ''!r}, {seed}\n"
        "result = {}\n"
        "start = time.perf_counter()\n"
        f"{_STEPS[step]}\n"
        "result['seconds'] = time.perf_counter() - start\n"
        "usage = resource.getrusage(resource.RUSAGE_SELF)\n"
        "result['peak_mb'] = usage.ru_maxrss / 1024\n"
        "result['cpu_seconds'] = usage.ru_utime + usage.ru_stime\n"
        "print(json.dumps(result))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, env=env
    )
    if proc.returncode != 0:
        raise SystemExit(f"step {step} failed:\n{proc.stderr}")
    data: dict[str, object] = json.loads(proc.stdout.strip().splitlines()[-1])
    return data


def _digest(folder: Path) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.iterdir())
        if p.is_file()
    }


def _check_targets(out: Path) -> list[str]:
    """The national output against the issue's stated ranges; returns what was checked."""
    import pandas as pd

    terr = pd.read_csv(out / "territories.csv", dtype=str, keep_default_na=False)
    kinds = terr["kind"].value_counts().to_dict()
    assert kinds == {"gmina": 2477, "powiat": 380, "voivodeship": 16}, kinds
    mix = terr.loc[terr["kind"] == "gmina", "gmina_type"].value_counts().to_dict()
    assert mix == {"1": 302, "2": 1513, "3": 662}, mix
    inst = pd.read_csv(out / "institutions.csv", dtype=str, keep_default_na=False)
    per_gmina = inst[inst["level"] == "gmina"].groupby("teryt").size()
    per_powiat = inst[inst["level"] == "powiat"].groupby("teryt").size()
    assert len(per_gmina) == 2477 and per_gmina.between(10, 40).all()
    assert len(per_powiat) == 380 and per_powiat.between(15, 25).all()
    families = sum(1 for _ in (out / "families.csv").open(encoding="utf-8")) - 1
    referrals = sum(1 for _ in (out / "referrals.csv").open(encoding="utf-8")) - 1
    assert 360_000 <= families <= 440_000, families
    assert 900_000 <= referrals <= 1_100_000, referrals
    srv = pd.read_csv(out / "services.csv", dtype=str, usecols=["family", "institution"])
    served = srv.groupby("family")["institution"].nunique()
    assert len(served) == families and served.between(1, 4).all()
    return [
        "16 voivodeships, 380 powiats, 2,477 gminas (302 urban, 1,513 rural, 662 urban-rural)",
        f"institutions per gmina {per_gmina.min()}-{per_gmina.max()} "
        f"(mean {per_gmina.mean():.1f}), per powiat {per_powiat.min()}-{per_powiat.max()}",
        f"{families:,} families, each served by 1-4 institutions; {referrals:,} referrals",
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=None, help="work folder (default: a temp dir)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-determinism", action="store_true", help="skip the second run")
    args = parser.parse_args(argv)
    work = args.out or Path(tempfile.mkdtemp(prefix="kokon-bench-"))
    out, again, rewritten = work / "national", work / "national-again", work / "rewritten"
    for folder in (out, again, rewritten):
        shutil.rmtree(folder, ignore_errors=True)
    rows = []
    gen = _run_step("generate", out, args.seed)
    rows.append(("generate national (stream to CSV)", gen))
    if not args.no_determinism:
        gen2 = _run_step("generate", again, args.seed)
        same = _digest(out) == _digest(again)
        rows.append((f"generate again, same seed: byte-identical = {same}", gen2))
        assert same, "the same seed gave different files"
        shutil.rmtree(again)
    checks = _check_targets(out)
    read = _run_step("read_strict", out, args.seed)
    assert read["warnings"] == 0
    rows.append(("read_dataset(strict=True): parse, type, validate", read))
    rows.append(("baseline: pandas.read_csv of every table, no checks",
                 _run_step("pandas_read", out, args.seed)))  # fmt: skip
    write = _run_step("pandas_write", out, args.seed, rewritten)
    rows.append(("baseline: write_dataset (pandas) of the same tables, write only", {
        "seconds": write["write_seconds"], "peak_mb": write["peak_mb"]}))  # fmt: skip
    shutil.rmtree(rewritten, ignore_errors=True)
    size_mb = sum(p.stat().st_size for p in out.iterdir()) / 2**20
    counts = gen["counts"]
    assert isinstance(counts, dict)
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}"
    )
    print(f"load average at the end: {', '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(
        f"dataset: {size_mb:.0f} MB of CSV; " + ", ".join(f"{k} {v:,}" for k, v in counts.items())
    )
    for line in checks:
        print(f"checked: {line}")
    print()
    print("| step | wall time (s) | CPU time (s) | peak memory (MB) |")
    print("|---|---:|---:|---:|")
    for label, data in rows:
        seconds, peak = float(data["seconds"]), float(data["peak_mb"])  # type: ignore[arg-type]
        cpu = data.get("cpu_seconds")
        cpu_text = f"{float(cpu):.1f}" if cpu is not None else "–"  # type: ignore[arg-type]
        print(f"| {label} | {seconds:.1f} | {cpu_text} | {peak:.0f} |")
    if args.out is None:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
