"""Compare the network before and after the pilot.

Run:  python examples/03_compare_waves.py [DATASET]
"""

from __future__ import annotations

import sys

import kokon_graph as kg
from kokon_graph.analysis.compare import compare_networks

path = sys.argv[1] if len(sys.argv) > 1 else "datasets/kooperacja-efektywna"
dataset = kg.read_dataset(path)
before = kg.build_network(dataset, wave="before")
after = kg.build_network(dataset, wave="after")

changes = compare_networks(before, after)

measures = changes["network_change"].set_index("measure")
for measure in ("ties", "density", "reciprocity_dyad"):
    row = measures.loc[measure]
    print(f"{measure:18} {row['before']:10.4g} -> {row['after']:10.4g}  ({row['change']:+.4g})")

by_status = changes["gap_changes"]["status"].value_counts()
print("\ngaps by status (closed = present before, gone after):")
print(by_status.to_string())

gained = changes["ties_by_sector"].sort_values("gained", ascending=False)
print("\nsector pairs that gained the most ties:")
print(gained[["source_sector", "target_sector", "gained", "lost"]].head(5).to_string(index=False))
