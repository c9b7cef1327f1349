"""kokon_graph: the cooperation network of institutions that support families in Poland.

Read a dataset, build its network, analyse it, map it, report it::

    import kokon_graph as kg

    dataset = kg.read_dataset("datasets/praski-kokon")
    network = kg.build_network(dataset, scope="gmina:1465011", wave="after")
    cooperation = network.cooperation()          # a networkx.DiGraph of institutions

``import kokon_graph`` stays light: it imports pandas and networkx, never click,
neo4j or pyvis (those load with the command line, the store and the maps).
"""

from kokon_graph._version import __version__
from kokon_graph.errors import (
    DatasetError,
    KokonError,
    Problem,
    PseudonymKeyError,
    ScopeError,
    StoreError,
)
from kokon_graph.graph import Network, Scope, build_network
from kokon_graph.io import Dataset, read_dataset, write_dataset, write_workbook

__all__ = [
    "Dataset",
    "DatasetError",
    "KokonError",
    "Network",
    "Problem",
    "PseudonymKeyError",
    "Scope",
    "ScopeError",
    "StoreError",
    "__version__",
    "build_network",
    "read_dataset",
    "write_dataset",
    "write_workbook",
]
