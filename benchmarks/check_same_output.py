"""Check that ``kokon-graph analyze`` writes byte-identical files before and after a change.

Runs ``analyze`` with the code of a base commit (checked out with ``git worktree add``) and
with this working tree, on every bundled dataset (default options, and with 8 betweenness
pivots so the sampled code paths run too) and on any extra dataset given, then compares
every file byte for byte (no result of ``analyze`` holds a timing; README.txt is compared
with its output folder, which names the side, replaced). Exit 0 when all are identical.

Usage::

    python benchmarks/check_same_output.py [--base COMMIT] [--extra DIR ...]
"""

from __future__ import annotations

import argparse
import filecmp
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from _checkout import base_checkout

ROOT = Path(__file__).resolve().parent.parent
VARIANTS: dict[str, list[str]] = {"default": [], "pivots-8": ["--betweenness", "8"]}


def analyze(tree: Path, dataset: Path, out: Path, options: list[str]) -> None:
    env = {**os.environ, "PYTHONPATH": str(tree)}
    subprocess.run(
        [
            sys.executable,
            "-m",
            "kokon_graph",
            "analyze",
            str(dataset),
            "--out",
            str(out),
            "-q",
            *options,
        ],
        check=True,
        cwd=tree,
        env=env,
    )


def same_file(base: Path, this: Path) -> bool:
    """Byte for byte; README.txt records the command, whose output folder differs by side."""
    if base.name != "README.txt":
        return filecmp.cmp(base, this, False)
    texts = [p.read_text(encoding="utf-8").replace(str(p.parent), "OUT") for p in (base, this)]
    return texts[0] == texts[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default="c02ca7e")
    parser.add_argument("--extra", nargs="*", default=[], help="more dataset folders")
    args = parser.parse_args()
    datasets = sorted(p for p in (ROOT / "datasets").iterdir() if (p / "institutions.csv").exists())
    datasets += [Path(p).resolve() for p in args.extra]
    differ = compared = 0
    with tempfile.TemporaryDirectory() as tmp, base_checkout(args.base, Path(tmp)) as base:
        for dataset in datasets:
            for variant, options in VARIANTS.items():
                outs = {}
                for side, tree in (("base", base), ("this", ROOT)):
                    outs[side] = Path(tmp) / side / dataset.name / variant
                    analyze(tree, dataset, outs[side], options)
                names = sorted(p.name for p in outs["base"].iterdir())
                assert names == sorted(p.name for p in outs["this"].iterdir()), dataset
                for name in names:
                    compared += 1
                    if not same_file(outs["base"] / name, outs["this"] / name):
                        differ += 1
                        print(f"DIFFERENT: {dataset.name} {variant} {name}")
    print(f"{compared} files compared against {args.base}, {differ} different")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
