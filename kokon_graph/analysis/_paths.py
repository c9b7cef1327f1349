"""Shortest-path statistics and betweenness, exact or estimated from pivots.

Closeness (every convention), average path length and diameter all come from
one pass over breadth-first distances, done here once per graph and cached on
its :class:`~kokon_graph.analysis._graphs.CoopMatrices`.

*Exact*: the distances from every source (``scipy.sparse.csgraph``, in blocks
of rows so memory stays bounded). *Sampled*: the distances from ``k`` pivot
sources drawn uniformly without replacement with ``numpy.random.default_rng(seed)``
(forward for in-measures, on the reversed graph for out-measures); each sum
over "all other actors" is estimated by the pivot sum times ``(n - 1) / k_v``
(``k_v`` = pivots other than ``v``), the pivot-sampling estimator of Eppstein &
Wang (2004) and Brandes & Pich (2007). Betweenness uses the same pivots:
igraph's subset betweenness from the pivot sources, times ``n / k``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
import scipy.sparse as sp
from scipy.sparse import csgraph

from kokon_graph.analysis._graphs import CoopMatrices

__all__ = [
    "DEFAULT_EXACT_LIMIT",
    "DEFAULT_PATH_PIVOTS",
    "DEFAULT_PIVOTS",
    "PathStats",
    "betweenness_raw",
    "choose_method",
    "path_pivots",
    "path_stats",
    "pivots_for",
]

#: Largest graph (institutions) whose betweenness and closeness ``"auto"`` computes exactly.
DEFAULT_EXACT_LIMIT = 12_000
#: Pivot sources drawn when betweenness is sampled.
DEFAULT_PIVOTS = 1024
#: Pivot sources drawn when closeness and path lengths are sampled (averages over all
#: targets converge much faster than betweenness; see benchmarks/results/analysis.md).
DEFAULT_PATH_PIVOTS = 256

Method = Literal["exact", "sampled"]

_BLOCK_CELLS = 4_000_000


@dataclass
class PathStats:
    """Distance sums over the other actors, per actor (estimates when sampled).

    ``out_*`` look along arcs from the actor, ``in_*`` towards it; for the
    symmetrised graph both are the same.
    """

    n: int
    method: str
    out_sum: np.ndarray
    out_reach: np.ndarray
    out_harm: np.ndarray
    in_sum: np.ndarray
    in_reach: np.ndarray
    in_harm: np.ndarray
    total_sum: float
    total_pairs: float
    diameter: float

    @property
    def avg_path_length(self) -> float:
        """Mean distance over ordered pairs joined by a path (NaN if none)."""
        return self.total_sum / self.total_pairs if self.total_pairs else float("nan")


def choose_method(n: int, betweenness: str | int, exact_limit: int) -> tuple[Method, int]:
    """``("exact", 0)`` or ``("sampled", pivots)`` for a graph of ``n`` nodes.

    ``betweenness`` is ``"auto"`` (exact up to ``exact_limit`` nodes),
    ``"exact"``, ``"sampled"`` (:data:`DEFAULT_PIVOTS` pivots) or a number of pivots.
    """
    if isinstance(betweenness, bool):
        raise ValueError("betweenness must be 'auto', 'exact', 'sampled' or a number of pivots")
    if isinstance(betweenness, int):
        if betweenness < 1:
            raise ValueError("the number of pivots must be at least 1")
        return ("exact", 0) if betweenness >= n else ("sampled", betweenness)
    if betweenness == "exact":
        return "exact", 0
    if betweenness == "sampled":
        return ("exact", 0) if n <= DEFAULT_PIVOTS else ("sampled", DEFAULT_PIVOTS)
    if betweenness == "auto":
        if n <= exact_limit or n <= DEFAULT_PIVOTS:
            return "exact", 0
        return "sampled", DEFAULT_PIVOTS
    raise ValueError(
        f"betweenness={betweenness!r}: use 'auto', 'exact', 'sampled' or a number of pivots"
    )


def path_pivots(pivots: int) -> int:
    """Pivots for closeness and path lengths when betweenness uses ``pivots``.

    A quarter of the betweenness pivots, at least :data:`DEFAULT_PATH_PIVOTS`
    (and never more than ``pivots``): 1,024 betweenness pivots give 256 here.
    """
    return min(pivots, max(DEFAULT_PATH_PIVOTS, pivots // 4))


def method_label(method: Method, pivots: int, seed: int) -> str:
    """The text written in the ``*_method`` columns."""
    if method == "exact":
        return "exact"
    return f"sampled ({pivots} pivots, seed {seed})"


def pivots_for(n: int, k: int, seed: int) -> np.ndarray:
    """``k`` distinct pivot nodes, sorted, drawn with ``numpy.random.default_rng(seed)``."""
    rng = np.random.default_rng(seed)
    return np.sort(rng.choice(n, size=min(k, n), replace=False))


def _distances(graph: sp.csr_array, sources: np.ndarray, *, directed: bool) -> np.ndarray:
    """Breadth-first distances (``inf`` where unreachable) from ``sources``."""
    if graph.nnz == 0:
        out = np.full((len(sources), graph.shape[0]), np.inf)
        out[np.arange(len(sources)), sources] = 0.0
        return out
    result: np.ndarray = csgraph.shortest_path(
        graph, method="D", directed=directed, unweighted=True, indices=sources
    )
    return result


def _blocks(sources: np.ndarray, n: int) -> list[np.ndarray]:
    size = max(1, _BLOCK_CELLS // max(n, 1))
    return [sources[i : i + size] for i in range(0, len(sources), size)]


def _accumulate(
    dist: np.ndarray, sources: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray, float]:
    """Row and column sums of finite distances (self excluded) of one block.

    ``dist`` is overwritten (unreachable and self become 0).
    """
    dist[np.arange(len(sources)), sources] = np.inf
    finite = np.isfinite(dist)
    dist[~finite] = 0.0
    inv = np.divide(1.0, dist, out=np.zeros_like(dist), where=finite)
    row_sum, row_reach, row_harm = dist.sum(axis=1), finite.sum(axis=1), inv.sum(axis=1)
    col_sum, col_reach, col_harm = dist.sum(axis=0), finite.sum(axis=0), inv.sum(axis=0)
    diameter = float(dist.max()) if dist.size else 0.0
    return row_sum, row_reach, row_harm, col_sum, col_reach, col_harm, diameter


def _exact(graph: sp.csr_array, *, directed: bool) -> PathStats:
    n = graph.shape[0]
    out_sum, out_reach, out_harm = np.zeros(n), np.zeros(n), np.zeros(n)
    in_sum, in_reach, in_harm = np.zeros(n), np.zeros(n), np.zeros(n)
    diameter = 0.0
    for block in _blocks(np.arange(n), n):
        dist = _distances(graph, block, directed=directed)
        rs, rr, rh, cs, cr, ch, dia = _accumulate(dist, block)
        out_sum[block], out_reach[block], out_harm[block] = rs, rr, rh
        in_sum += cs
        in_reach += cr
        in_harm += ch
        diameter = max(diameter, dia)
    total_sum, total_pairs = float(out_sum.sum()), float(out_reach.sum())
    return PathStats(
        n,
        "exact",
        out_sum,
        out_reach,
        out_harm,
        in_sum,
        in_reach,
        in_harm,
        total_sum,
        total_pairs,
        diameter,
    )


def _estimate_towards(
    graph: sp.csr_array, pivots: np.ndarray, *, directed: bool
) -> tuple[np.ndarray, np.ndarray, np.ndarray, float, float, float]:
    """Estimated sums of d(pivot -> v) over all other actors, for every v."""
    n = graph.shape[0]
    col_sum, col_reach, col_harm = np.zeros(n), np.zeros(n), np.zeros(n)
    total_sum = total_pairs = diameter = 0.0
    for block in _blocks(pivots, n):
        dist = _distances(graph, block, directed=directed)
        rs, rr, _, cs, cr, ch, dia = _accumulate(dist, block)
        col_sum += cs
        col_reach += cr
        col_harm += ch
        total_sum += float(rs.sum())
        total_pairs += float(rr.sum())
        diameter = max(diameter, dia)
    k_v = np.full(n, float(len(pivots)))
    k_v[pivots] -= 1.0
    scale = np.divide(n - 1.0, k_v, out=np.zeros(n), where=k_v > 0)
    return col_sum * scale, col_reach * scale, col_harm * scale, total_sum, total_pairs, diameter


def _sampled(graph: sp.csr_array, pivots: np.ndarray, label: str, *, directed: bool) -> PathStats:
    n = graph.shape[0]
    in_sum, in_reach, in_harm, tsum, tpairs, dia = _estimate_towards(
        graph, pivots, directed=directed
    )
    if directed:
        reverse = graph.T.tocsr()
        out_sum, out_reach, out_harm, _, _, dia_r = _estimate_towards(
            reverse, pivots, directed=True
        )
        dia = max(dia, dia_r)
    else:
        out_sum, out_reach, out_harm = in_sum, in_reach, in_harm
    return PathStats(
        n, label, out_sum, out_reach, out_harm, in_sum, in_reach, in_harm, tsum, tpairs, dia
    )


def path_stats(
    mats: CoopMatrices,
    *,
    directed: bool,
    method: Method,
    pivots: int = DEFAULT_PIVOTS,
    seed: int = 0,
) -> PathStats:
    """Distance statistics of the directed (or symmetrised) cooperation graph, cached."""
    key = f"paths:{directed}:{method}:{pivots if method == 'sampled' else 0}:{seed}"

    def make() -> PathStats:
        graph = mats.arcs if directed else mats.sym
        if method == "exact":
            return _exact(graph, directed=directed)
        chosen = pivots_for(mats.n, pivots, seed)
        return _sampled(
            graph, chosen, method_label("sampled", len(chosen), seed), directed=directed
        )

    stats: PathStats = mats.extra(key, make)
    return stats


def betweenness_raw(
    mats: CoopMatrices,
    *,
    directed: bool,
    method: Method,
    pivots: int = DEFAULT_PIVOTS,
    seed: int = 0,
) -> np.ndarray:
    """Unnormalised shortest-path betweenness (Brandes 2001), exact or pivot-estimated.

    Directed: pairs are ordered. Symmetrised: each unordered pair counts once
    (networkx's ``normalized=False`` convention).
    """
    key = f"betweenness:{directed}:{method}:{pivots if method == 'sampled' else 0}:{seed}"

    def make() -> np.ndarray:
        graph = mats.ig_directed if directed else mats.ig_sym
        if mats.n == 0 or graph.ecount() == 0:
            return np.zeros(mats.n)
        if method == "exact":
            return np.asarray(graph.betweenness(directed=directed), dtype=float)
        chosen = pivots_for(mats.n, pivots, seed)
        partial = np.asarray(
            graph.betweenness(directed=directed, sources=chosen.tolist()), dtype=float
        )
        return partial * (mats.n / len(chosen))

    values: np.ndarray = mats.extra(key, make)
    return values
