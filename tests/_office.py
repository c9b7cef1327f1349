"""LibreOffice, headless, for the tests that open or print what the tool writes."""

from __future__ import annotations

import subprocess
from pathlib import Path

SOFFICE = "/usr/bin/soffice"


def convert(path: Path, out: Path, fmt: str) -> Path:
    """Convert ``path`` with LibreOffice to ``fmt`` (``pdf``, ``xlsx``) in folder ``out``."""
    subprocess.run(
        [SOFFICE, "--headless", "--convert-to", fmt, "--outdir", str(out), str(path)],
        check=True,
        capture_output=True,
        timeout=300,
        env={"HOME": str(out), "PATH": "/usr/bin:/bin"},
    )
    return out / f"{path.stem}.{fmt}"
