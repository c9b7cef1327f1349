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

The matrices are built from the cooperation table by the view's own rule (a test keeps
them equal to the networkx view), cached per network and relation (weakly), so several
measures on the same network share one conversion.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd
import scipy.sparse as sp

from kokon_graph._igraph import import_igraph
from kokon_graph.graph import Network, _relation_codes

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
    frame = pd.DataFrame({col: inst[col].to_numpy() for col in BASE_COLUMNS})
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


def _matrices_from_tables(network: Network, kinds: tuple[str, ...] | None) -> CoopMatrices:
    """The arcs of ``network.cooperation(relation=kinds)``, built straight from the table.

    The same rule as :meth:`kokon_graph.graph.Network.cooperation` (a confirmed ``mutual``
    report also counts backwards unless that arc was reported for the same kind and wave;
    weights summed over kinds within a wave, largest over waves), computed on integer codes
    instead of through a networkx graph: about ten times faster on a national network.
    ``test_matrices_equal_the_networkx_views`` keeps the two identical.
    """
    ids = [str(i) for i in network.institutions.index]
    n = len(ids)
    rows = network.dataset.cooperation
    if kinds is not None:
        rows = rows[rows["kind"].isin(kinds)]
    index = pd.Index(ids)
    src = index.get_indexer(rows["source"]).astype(np.int64)
    dst = index.get_indexer(rows["target"]).astype(np.int64)
    kind, _ = pd.factorize(rows["kind"])
    wave, wave_values = pd.factorize(rows["wave"])
    weight = rows["weight"].to_numpy(dtype=np.float64)
    mutual = rows["mutual"].to_numpy(dtype=bool)
    nk, nw = int(kind.max()) + 1 if len(kind) else 1, max(len(wave_values), 1)

    def key(s: np.ndarray, t: np.ndarray, k: np.ndarray, w: np.ndarray) -> np.ndarray:
        return ((s * n + t) * nk + k.astype(np.int64)) * nw + w.astype(np.int64)

    reported = key(src, dst, kind, wave)
    back = key(dst[mutual], src[mutual], kind[mutual], wave[mutual])
    extra = ~np.isin(back, reported)
    s_all = np.concatenate([src, dst[mutual][extra]])
    t_all = np.concatenate([dst, src[mutual][extra]])
    w_all = np.concatenate([wave, wave[mutual][extra]]).astype(np.int64)
    weight_all = np.concatenate([weight, weight[mutual][extra]])
    keep = (s_all >= 0) & (t_all >= 0) & (s_all != t_all)
    s_all, t_all, w_all, weight_all = s_all[keep], t_all[keep], w_all[keep], weight_all[keep]
    per_wave, inverse = np.unique((s_all * n + t_all) * nw + w_all, return_inverse=True)
    wave_sum = np.bincount(inverse, weights=weight_all, minlength=len(per_wave))
    pair = per_wave // nw
    pairs, first = np.unique(pair, return_index=True)
    best = np.maximum.reduceat(wave_sum, first) if len(pair) else wave_sum
    weights = sp.csr_array((best, (pairs // n, pairs % n)), shape=(n, n))
    weights.sort_indices()
    arcs = weights.copy()
    arcs.data[:] = 1.0
    return CoopMatrices(ids=ids, arcs=arcs, weights=weights)


_BY_NETWORK: weakref.WeakKeyDictionary[Network, dict[Any, CoopMatrices]] = (
    weakref.WeakKeyDictionary()
)


def cooperation_matrices(
    network: Network, relation: str | Iterable[str] | None = None
) -> CoopMatrices:
    """The cooperation view of ``network`` (for ``relation``) as :class:`CoopMatrices`.

    Raises
    ------
    kokon_graph.errors.ScopeError
        For a relation that is not a cooperation kind.
    """
    kinds = _relation_codes(relation)
    cache = _BY_NETWORK.setdefault(network, {})
    if kinds not in cache:
        cache[kinds] = _matrices_from_tables(network, kinds)
    return cache[kinds]


def matrices_from_graph(graph: nx.Graph, *, weight: str | None = "weight") -> CoopMatrices:
    """:class:`CoopMatrices` of any networkx graph (an undirected one gives arcs both ways).

    Used by the tests and by callers who bring their own graph; node order is
    the graph's.
    """
    ids = [str(n) for n in graph.nodes]
    relabel = {n: str(n) for n in graph.nodes}
    directed = graph if graph.is_directed() else graph.to_directed()
    directed = nx.relabel_nodes(directed, relabel, copy=True)
    if weight != "weight":
        directed = directed.copy()
        for _, _, data in directed.edges(data=True):
            data["weight"] = data.get(weight, 1.0) if weight else 1.0
    return _matrices_of(directed, ids)
