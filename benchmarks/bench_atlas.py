"""Benchmark of ``kokon-graph atlas`` on a generated voivodeship, against a base commit in the
same run.

Runs the command of a base commit (checked out with ``git worktree add --detach``) and of this
working tree, one after the other, on the same dataset and scope: this tree once with one
process and once with ``--jobs 2``. For each it records the wall time, the CPU time of the
command and all its processes (user + system, from ``getrusage``), the number of files and the
size of the folder and of its ``.zip``, and writes a Markdown table to
``benchmarks/results/atlas.md`` (``--write``).

Usage::

    kokon-graph generate --scale voivodeship --seed 1 --out /tmp/voivodeship-s1
    python benchmarks/bench_atlas.py /tmp/voivodeship-s1 --scope voivodeship:20 \\
        --base 6723d8b --write

The machine's load is printed with the results: on a shared machine the wall time of every
variant grows with the load, the CPU time much less.
"""

from __future__ import annotations

import argparse
import filecmp
import os
import platform
import re
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from _checkout import base_checkout

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Run:
    label: str
    wall: float
    cpu: float
    files: int
    folder_mib: float
    zip_mib: float


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def atlas(tree: Path, label: str, dataset: Path, scope: str, out: Path, options: list[str]) -> Run:
    """Run ``kokon-graph atlas`` with the code in ``tree``; time it and measure its output."""
    env = {**os.environ, "PYTHONPATH": str(tree)}
    command = [sys.executable, "-m", "kokon_graph", "atlas", str(dataset), "--scope", scope]
    command += ["--out", str(out), "--zip", *options]
    cpu = _children_cpu()
    start = time.perf_counter()
    subprocess.run(command, check=True, cwd=tree, env=env, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    cpu = _children_cpu() - cpu
    files = [p for p in out.rglob("*") if p.is_file()]
    size = sum(p.stat().st_size for p in files)
    run = Run(
        label,
        wall,
        cpu,
        len(files),
        size / 2**20,
        Path(f"{out}.zip").stat().st_size / 2**20,
    )
    print(
        f"{label:28s} wall {wall:7.1f} s  cpu {cpu:7.1f} s  files {run.files:5d}  "
        f"folder {run.folder_mib:7.1f} MiB  zip {run.zip_mib:6.1f} MiB  "
        f"(load {os.getloadavg()[0]:.1f})",
        flush=True,
    )
    return run


_INLINE = re.compile(
    r"<style>.*?</style>|<script>.*?</script>|<link [^>]*>|<script src[^>]*></script>"
    r"|<meta http-equiv[^>]*>",
    re.S,
)
_STATUS = re.compile(
    r'<td(?: class="st-\w+" data-v="\d")?>(?:<span class="badge">)?'
    r"(czerwony|żółty|zielony)(?:</span>)?</td>"
)


def shown(page: Path) -> str:
    """What a page shows, without what this change altered on purpose: inline scripts and
    styles (the maps' vis-network is shared now) and the status cell's colour markup."""
    text = page.read_text(encoding="utf-8")
    text = re.sub(r"<style>.*?</style>", "", text, flags=re.S)
    if page.name == "map.html":
        text = _INLINE.sub("", text)
    return _STATUS.sub(r"<td>\1</td>", text)


_SVG = re.compile(r"<svg.*?</svg>", re.S)
_CLIP_ID = re.compile(r'((?:clip-path="url\(#|id=")p)[0-9a-f]+')
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


def same_svg(a: str, b: str) -> bool:
    """The same figure: the same text and elements, coordinates within 1e-4 pt.

    The plots are drawn once now (the crop measured without ``bbox_inches="tight"``'s extra
    pass): coordinates may differ in the sixth decimal (``-0`` for ``0``), and the clip
    paths' ids, hashed from them, with them."""
    a, b = _CLIP_ID.sub(r"\1", a), _CLIP_ID.sub(r"\1", b)
    if _NUMBER.sub("#", a) != _NUMBER.sub("#", b):
        return False
    pairs = zip(_NUMBER.findall(a), _NUMBER.findall(b), strict=True)
    return all(abs(float(x) - float(y)) <= 1e-4 for x, y in pairs)


_SORT_KEY = re.compile(r'data-v="(-?\d[^"]*)"')


def same_sort_keys(a: str, b: str) -> bool:
    """The same text, the tables' hidden sort keys (``data-v``) equal to 1e-12 relative or
    1e-15 absolute.

    The atlas runs numpy's BLAS on one thread now: sums taken in another order move the
    last digits of some results (0.20274439040852035 -> ...33); the region's two-mode
    eigenvector comes from ARPACK, whose rounding noise at the nodes outside the leading
    component (truly 0) is 2e-17 where the dense SVD's was 1e-18. The numbers shown,
    rounded, and the order of the rows do not move."""
    if _SORT_KEY.sub("#", a) != _SORT_KEY.sub("#", b):
        return False
    pairs = zip(_SORT_KEY.findall(a), _SORT_KEY.findall(b), strict=True)
    return all(
        abs(float(x) - float(y)) <= max(1e-12 * max(abs(float(x)), abs(float(y))), 1e-15)
        for x, y in pairs
    )


def same_shown(a: str, b: str, *, exact_keys: bool = False) -> bool:
    """Two pages show the same: the same text outside the figures (sort keys to 1e-12
    relative, or exactly with ``exact_keys``), the same figures."""
    svgs_a, svgs_b = _SVG.findall(a), _SVG.findall(b)
    text_a, text_b = _SVG.sub("<svg/>", a), _SVG.sub("<svg/>", b)
    return (
        (text_a == text_b if exact_keys else same_sort_keys(text_a, text_b))
        and len(svgs_a) == len(svgs_b)
        and all(same_svg(x, y) for x, y in zip(svgs_a, svgs_b, strict=True))
    )


def same_pages(base: Path, this: Path) -> tuple[int, list[str], list[str]]:
    """Pages compared, those that show something else and those whose only difference is
    in the last digits of sort keys (index pages left out)."""
    differ, keys = [], []
    pages = sorted(p.relative_to(base) for p in base.rglob("*.html") if p.name != "index.html")
    for rel in pages:
        if not (this / rel).is_file():
            differ.append(str(rel))
            continue
        a, b = shown(base / rel), shown(this / rel)
        if not same_shown(a, b):
            differ.append(str(rel))
        elif not same_shown(a, b, exact_keys=True):
            keys.append(str(rel))
    return len(pages), differ, keys


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dataset", type=Path)
    parser.add_argument("--scope", default="voivodeship:20")
    parser.add_argument("--base", default="6723d8b", help="commit to compare with")
    parser.add_argument("--write", action="store_true", help="write benchmarks/results/atlas.md")
    args = parser.parse_args()
    dataset = args.dataset.resolve()
    runs: list[Run] = []
    loads = [os.getloadavg()[0]]
    with tempfile.TemporaryDirectory() as tmp, base_checkout(args.base, Path(tmp)) as base:
        variants = [
            (base, f"base {args.base}", []),
            (ROOT, "this tree, --jobs 1", ["--jobs", "1"]),
            (ROOT, "this tree, --jobs 2", ["--jobs", "2"]),
        ]
        for i, (tree, label, options) in enumerate(variants):
            out = Path(tmp) / f"atlas-{i}"
            runs.append(atlas(tree, label, dataset, args.scope, out, options))
            loads.append(os.getloadavg()[0])
        compared, differ, keys = same_pages(Path(tmp) / "atlas-0", Path(tmp) / "atlas-1")
        print(f"pages compared with the base: {compared}, showing something else: {differ}")
        print(f"pages whose sort keys differ in the last digits only: {len(keys)} {keys}")
        jobs = filecmp.dircmp(Path(tmp) / "atlas-1", Path(tmp) / "atlas-2")
        print(f"--jobs 2 writes the same files: {not _differs(jobs)}")
    if args.write:
        write_results(runs, args, loads)
    return 0


def _differs(cmp: filecmp.dircmp[str]) -> bool:
    if cmp.left_only or cmp.right_only or cmp.diff_files:
        return True
    return any(_differs(sub) for sub in cmp.subdirs.values())


def write_results(runs: list[Run], args: argparse.Namespace, loads: list[float]) -> None:
    base = runs[0]
    lines = [
        "| variant | wall s | CPU s (all processes) | CPU vs base | files | folder MiB | zip MiB |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for r in runs:
        lines.append(
            f"| {r.label} | {r.wall:.1f} | {r.cpu:.1f} | {r.cpu / base.cpu:.2f} | {r.files} "
            f"| {r.folder_mib:.1f} | {r.zip_mib:.1f} |"
        )
    table = "\n".join(lines)
    path = ROOT / "benchmarks" / "results" / "atlas.md"
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    marker = "<!-- results -->\n"
    head = text.split(marker)[0] if marker in text else "# Regional atlas\n\n"
    machine = (
        f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
        f"load average (1 min) during the runs {min(loads):.1f}-{max(loads):.1f}"
    )
    command = f"python benchmarks/bench_atlas.py DATASET --scope {args.scope} --base {args.base}"
    path.write_text(
        f"{head}{marker}`{command} --write` ({machine}):\n\n{table}\n", encoding="utf-8"
    )
    print(f"wrote {path}")


if __name__ == "__main__":
    raise SystemExit(main())
