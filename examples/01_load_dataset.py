"""Load a bundled dataset, look at what it holds, and build its cooperation network.

Run:  python examples/01_load_dataset.py [DATASET]
"""

from __future__ import annotations

import sys

import kokon_graph as kg

path = sys.argv[1] if len(sys.argv) > 1 else "datasets/kooperacja-efektywna"

# read_dataset checks every row (raising one error that lists every problem) and
# pseudonymises family ids; the bundled datasets are marked as pseudonymised already.
dataset = kg.read_dataset(path)
print(dataset)
print("waves:", ", ".join(dataset.waves))

network = kg.build_network(dataset)
institutions = network.institutions
print("\ninstitutions by sector:")
print(institutions["sector"].value_counts().to_string())

# The cooperation view: a networkx.DiGraph of institutions, weighted by tie strength.
cooperation = network.cooperation()
print(
    f"\ncooperation: {cooperation.number_of_nodes()} institutions, "
    f"{cooperation.number_of_edges()} directed ties"
)
