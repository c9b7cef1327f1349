"""kokon_graph: the cooperation network of institutions that support families in Poland.

Read a dataset, build its network, analyse it, map it, report it::

    import kokon_graph as kg

    dataset = kg.read_dataset("datasets/praski-kokon")
    network = kg.build_network(dataset, scope="gmina:1465011", wave="after")
    cooperation = network.cooperation()          # a networkx.DiGraph of institutions

``import kokon_graph`` stays light: the names below load their modules (and pandas
and networkx) on first use, so ``kokon-graph --help`` imports neither; click, neo4j
and pyvis load only with the command line, the store and the maps.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from kokon_graph._version import __version__
from kokon_graph.errors import (
    DatasetError,
    KokonError,
    Problem,
    PseudonymKeyError,
    ScopeError,
    StoreError,
)

if TYPE_CHECKING:
    from kokon_graph.graph import Network, Scope, build_network
    from kokon_graph.io import Dataset, read_dataset, write_dataset, write_workbook

#: Names loaded from their module on first use.
_LAZY: dict[str, str] = {
    "Network": "kokon_graph.graph",
    "Scope": "kokon_graph.graph",
    "build_network": "kokon_graph.graph",
    "Dataset": "kokon_graph.io",
    "read_dataset": "kokon_graph.io",
    "write_dataset": "kokon_graph.io",
    "write_workbook": "kokon_graph.io",
}

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


#: Submodules ``import kokon_graph`` used to load eagerly, reachable as attributes.
_SUBMODULES = frozenset({"graph", "io", "model"})


def __getattr__(name: str) -> Any:
    if name in _SUBMODULES:
        return importlib.import_module(f"kokon_graph.{name}")
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'kokon_graph' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))
