"""Assemble BENCHMARKS.md from benchmarks/summary.md and every benchmarks/results/*.md.

Each benchmark script writes (or its author updates) its own file in benchmarks/results/;
`python benchmarks/assemble.py` rebuilds BENCHMARKS.md from them, headings demoted one level.
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ORDER = ["datasets", "analysis", "speed", "maps", "neo4j", "reports"]


def main() -> None:
    parts = [(ROOT / "benchmarks" / "summary.md").read_text(encoding="utf-8").strip()]
    files = {p.stem: p for p in (ROOT / "benchmarks" / "results").glob("*.md")}
    for name in ORDER + sorted(set(files) - set(ORDER)):
        if name not in files:
            continue
        text = files[name].read_text(encoding="utf-8").strip()
        text = re.sub(r"^(#+) ", lambda m: "#" + m.group(1) + " ", text, flags=re.MULTILINE)
        parts.append(text.replace("<!-- results -->\n", ""))
    (ROOT / "BENCHMARKS.md").write_text("\n\n".join(parts) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
