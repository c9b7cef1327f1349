"""The documentation says what the code does."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import REPO


def test_dataset_format_doc_is_generated_from_the_code() -> None:
    result = subprocess.run(
        [sys.executable, "scripts/gen_dataset_docs.py", "--check"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_readme_links_the_dataset_format() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "docs/dataset-format.md" in readme
    assert "bash scripts/quickstart.sh" in readme
    assert "bash scripts/test.sh" in readme
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert ci.rstrip().splitlines()[-1] == "bash scripts/test.sh"


def test_docs_hold_no_machine_paths() -> None:
    """Commands in the docs and benchmark results name folders, not one machine's paths."""
    import re

    texts = [REPO / "BENCHMARKS.md", REPO / "README.md", *(REPO / "docs").glob("*.md")]
    texts += (REPO / "benchmarks").rglob("*.md")
    machine = re.compile(r"(?<![\w.])/(?:work|home|root|tmp|Users)/")
    found = [
        f"{path.relative_to(REPO)}:{n}"
        for path in texts
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if machine.search(line)
    ]
    assert found == []
