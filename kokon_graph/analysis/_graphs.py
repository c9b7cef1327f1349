"""The cooperation network as sparse matrices and igraph graphs, built once per view.

Every measure in :mod:`kokon_graph.analysis` reads the cooperation view of a
:class:`~kokon_graph.graph.Network` (``network.cooperation()``, the networkx model and
reference) through :func:`cooperation_matrices`, which gives the same view as

* ``arcs``: the binary directed adjacency matrix (CSR, ``float64``), rows and
  columns in the order of ``network.institutions``;
* ``weights``: the same arcs with their ``weight`` attribute;
* ``sym`` / ``sym_weights``: the symmetrised graph (an edge wherever an arc
  exists in either direction, with the larger weight, as
  ``network.cooperation(directed=False)``);
* igraph copies of the directed and symmetrised graphs, for the measures whose
  C implementation is orders of magnitude faster than networkx's.

The matrices are built from the network's cooperation arc table
(:meth:`~kokon_graph.graph.Network.cooperation_arcs`, the one cooperation rule, which the
networkx view is built from too) and kept in the network's cache per relation, so several
measures on the same network share one conversion.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
import scipy.sparse as sp

from kokon_graph._igraph import import_igraph
from kokon_graph.graph import Network, Relation, RelationLike

if TYPE_CHECKING:
    import networkx as nx

__all__ = [
    "BASE_COLUMNS",
    "CoopMatrices",
    "base_frame",
    "cooperation_matrices",
    "igraph_of",
]

#: The columns every per-institution result starts with.
BASE_COLUMNS = ("id", "name", "type", "sector", "teryt")


def base_frame(network: Network) -> pd.DataFrame:
    """``id``, ``name``, ``type``, ``sector``, ``teryt`` of every institution in scope.

    Rows are in the order of ``network.institutions`` (the order of every
    matrix built here), with a fresh ``RangeIndex``.
    """
    inst = network.institutions
    frame = pd.DataFrame({col: inst[col].array for col in BASE_COLUMNS})  # no object round trip
    for col in BASE_COLUMNS:
        frame[col] = frame[col].fillna("").astype(str)
    return frame


def igraph_of(matrix: sp.csr_array, *, directed: bool) -> Any:
    """An igraph graph with one edge per nonzero of ``matrix`` (upper triangle if undirected)."""
    ig = import_igraph()

    coo = matrix.tocoo()
    rows, cols = coo.row, coo.col
    if not directed:
        keep = rows < cols
        rows, cols = rows[keep], cols[keep]
    # pairs of Python ints from two flat lists: about 4x faster than a nested list
    edges = list(zip(rows.tolist(), cols.tolist(), strict=True))
    graph = ig.Graph(n=matrix.shape[0], edges=edges, directed=directed)
    return graph


@dataclass
class CoopMatrices:
    """The cooperation view of a network as matrices (see the module docstring)."""

    ids: list[str]
    arcs: sp.csr_array
    weights: sp.csr_array
    _extra: dict[str, Any] = field(default_factory=dict, repr=False)

    @property
    def n(self) -> int:
        """Number of institutions (nodes)."""
        return len(self.ids)

    @cached_property
    def index(self) -> dict[str, int]:
        """Row of each institution id."""
        return {node: i for i, node in enumerate(self.ids)}

    @cached_property
    def sym(self) -> sp.csr_array:
        """Binary symmetrised adjacency."""
        s = (self.arcs + self.arcs.T).tocsr()
        s.data[:] = 1.0
        s.sort_indices()
        return s

    @cached_property
    def sym_weights(self) -> sp.csr_array:
        """Symmetrised adjacency holding the larger weight of the two directions."""
        w = self.weights.maximum(self.weights.T).tocsr()
        w.sort_indices()
        return w

    @cached_property
    def sym_edge_weights(self) -> list[float]:
        """Weights of the edges of :attr:`ig_sym`, in its edge order."""
        coo = self.sym_weights.tocoo()
        keep = coo.row < coo.col
        weights: list[float] = coo.data[keep].astype(float).tolist()
        return weights

    @cached_property
    def ig_directed(self) -> Any:
        """igraph copy of the directed graph."""
        return igraph_of(self.arcs, directed=True)

    @cached_property
    def ig_sym(self) -> Any:
        """igraph copy of the symmetrised graph."""
        return igraph_of(self.sym, directed=False)

    def extra(self, key: str, make: Any) -> Any:
        """A value derived from these matrices, computed by ``make()`` once and cached."""
        if key not in self._extra:
            self._extra[key] = make()
        return self._extra[key]


def _matrices_of(graph: nx.DiGraph, ids: list[str]) -> CoopMatrices:
    index = {node: i for i, node in enumerate(ids)}
    n = len(ids)
    rows: list[int] = []
    cols: list[int] = []
    vals: list[float] = []
    for u, v, w in graph.edges(data="weight", default=1.0):
        if u == v:
            continue
        rows.append(index[u])
        cols.append(index[v])
        vals.append(float(w))
    r = np.asarray(rows, dtype=np.int64)
    c = np.asarray(cols, dtype=np.int64)
    weights = sp.csr_array((np.asarray(vals, dtype=np.float64), (r, c)), shape=(n, n))
    weights.sum_duplicates()
    weights.sort_indices()
    arcs = weights.copy()
    arcs.data[:] = 1.0
    return CoopMatrices(ids=ids, arcs=arcs, weights=weights)


def _matrices_from_arcs(network: Network, relation: Relation) -> CoopMatrices:
    """The arcs of ``network.cooperation(relation=relation)`` as matrices, from the same arc
    table (:meth:`~kokon_graph.graph.Network.cooperation_arcs`) the networkx view is built
    from; ``test_matrices_equal_the_networkx_views`` checks the two agree."""
    ids = [str(i) for i in network.institutions.index.tolist()]  # tolist: no Arrow iteration
    n = len(ids)
    arcs = network.cooperation_arcs(relation)
    index = pd.Index(ids)
    src = index.get_indexer(arcs["source"]).astype(np.int64)
    dst = index.get_indexer(arcs["target"]).astype(np.int64)
    loop = src == dst
    weights = sp.csr_array(
        (arcs["weight"].to_numpy(dtype=np.float64)[~loop], (src[~loop], dst[~loop])),
        shape=(n, n),
    )
    weights.sort_indices()
    arcs_matrix = weights.copy()
    arcs_matrix.data[:] = 1.0
    return CoopMatrices(ids=ids, arcs=arcs_matrix, weights=weights)


def cooperation_matrices(network: Network, relation: RelationLike = None) -> CoopMatrices:
    """The cooperation view of ``network`` (for ``relation``) as :class:`CoopMatrices`,
    kept in the network's one cache beside the arc table it is built from.

    Raises
    ------
    kokon_graph.errors.ScopeError
        For a relation that is not a cooperation kind.
    """
    rel = Relation.parse(relation)
    matrices: CoopMatrices = network.cached(
        ("matrices", rel), lambda: _matrices_from_arcs(network, rel)
    )
    return matrices


def matrices_from_graph(graph: nx.Graph, *, weight: str | None = "weight") -> CoopMatrices:
    """:class:`CoopMatrices` of any networkx graph (an undirected one gives arcs both ways).

    Used by the tests and by callers who bring their own graph; node order is
    the graph's.
    """
    import networkx as nx

    ids = [str(n) for n in graph.nodes]
    relabel = {n: str(n) for n in graph.nodes}
    directed = graph if graph.is_directed() else graph.to_directed()
    directed = nx.relabel_nodes(directed, relabel, copy=True)
    if weight != "weight":
        directed = directed.copy()
        for _, _, data in directed.edges(data=True):
            data["weight"] = data.get(weight, 1.0) if weight else 1.0
    return _matrices_of(directed, ids)
