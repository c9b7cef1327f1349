"""Write the report of one powiat: an Excel workbook, CSV files and an HTML page.

Run:  python examples/05_export_report.py [DATASET] [POWIAT] [OUT_DIR]
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

import kokon_graph as kg
from kokon_graph.report import build_report

path = sys.argv[1] if len(sys.argv) > 1 else "datasets/kooperacja-efektywna"
powiat = sys.argv[2] if len(sys.argv) > 2 else "2815"
out = Path(sys.argv[3] if len(sys.argv) > 3 else "out/examples") / f"report-{powiat}"

network = kg.build_network(kg.read_dataset(path), scope=f"powiat:{powiat}")

# Counts of families below 3 are written as "<3" (min_count) in every output.
written = build_report(network, out, formats=("xlsx", "csv", "html"), lang="pl", min_count=3)
for kind, file in sorted(written.items()):
    print(f"{kind:6} {file}")

# The workbook reads back with pandas: one sheet per result.
sheets = pd.read_excel(written["xlsx"], sheet_name=None)
print(f"\n{len(sheets)} sheets:", ", ".join(list(sheets)[:6]), "...")
