"""Draw the cooperation map of one powiat: one HTML file that opens offline.

Run:  python examples/04_draw_map.py [DATASET] [POWIAT] [OUT_DIR]
"""

from __future__ import annotations

import sys
from pathlib import Path

import kokon_graph as kg
from kokon_graph.viz import build_map

path = sys.argv[1] if len(sys.argv) > 1 else "datasets/kooperacja-efektywna"
powiat = sys.argv[2] if len(sys.argv) > 2 else "2815"
out = Path(sys.argv[3] if len(sys.argv) > 3 else "out/examples")
out.mkdir(parents=True, exist_ok=True)

network = kg.build_network(kg.read_dataset(path), scope=f"powiat:{powiat}", wave="after")

# Polish by default; lang="en" for English. Size by betweenness instead of degree.
page = build_map(network, kind="cooperation", size_by="betweenness", lang="pl")
target = page.save(out / f"map-powiat-{powiat}.html")
print(f"map written: {target} - open it in a browser, no network needed")
