"""A base commit checked out beside this tree, for the benchmarks that run the code before
and after in the same run."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@contextmanager
def base_checkout(rev: str, parent: Path) -> Iterator[Path]:
    """``rev`` checked out (``git worktree add --detach``) as ``parent/base``, removed after."""
    path = parent / "base"
    subprocess.run(
        ["git", "worktree", "add", "--detach", str(path), rev],
        check=True,
        cwd=ROOT,
        capture_output=True,
    )
    try:
        yield path
    finally:
        subprocess.run(["git", "worktree", "remove", "--force", str(path)], cwd=ROOT, check=False)
