"""Find the coordination gaps in one powiat.

Run:  python examples/02_gaps_in_a_powiat.py [DATASET] [POWIAT]
"""

from __future__ import annotations

import sys

import kokon_graph as kg
from kokon_graph.analysis import (
    gaps_co_serving,
    gaps_group_coverage,
    gaps_referral_targets,
    gaps_sector,
)

path = sys.argv[1] if len(sys.argv) > 1 else "datasets/kooperacja-efektywna"
powiat = sys.argv[2] if len(sys.argv) > 2 else "2815"  # powiat ostródzki

network = kg.build_network(kg.read_dataset(path), scope=f"powiat:{powiat}")
print(network)

# Institutions that serve the same families but report no cooperation.
co_serving = gaps_co_serving(network)
print("\nserve the same families, no tie:")
print(co_serving[["source_name", "target_name", "shared_families"]].head(5).to_string(index=False))

# Sectors a cooperation model requires that the gmina's OPS has no tie with.
sector = gaps_sector(network)
print("\nsector gaps of the social assistance centres:")
print(sector[["gmina_name", "ops_name", "sector", "status"]].head(10).to_string(index=False))

# Institutions that leave referrals unanswered.
targets = gaps_referral_targets(network).sort_values("unanswered", ascending=False)
print("\nreferrals left unanswered, by receiving institution:")
print(targets[["name", "referrals", "unanswered", "median_days"]].head(5).to_string(index=False))

# Sectors active in the powiat but absent from its groups (PGR, PGD, ZI, ...).
coverage = gaps_group_coverage(network)
print(f"\n{len(coverage)} sector(s) missing from groups of the powiat")
