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
