"""Shortest-path statistics and betweenness, exact or estimated from pivots.

Closeness (every convention), average path length and diameter all come from
one pass over breadth-first distances, done here once per graph and cached on
its :class:`~kokon_graph.analysis._graphs.CoopMatrices`.

Shortest paths never leave a weak component, so every measure is computed
component by component: small components exactly (packed together in bins so
thousands of dyads cost one call), a component larger than the exact limit
from pivots drawn inside it. A national network made of one component per
voivodeship is therefore computed exactly.

*Exact*: the breadth-first distances from every source (igraph, in blocks of rows
so memory stays bounded). *Sampled*: the distances from ``k`` pivot
sources of the component (``s`` nodes) drawn uniformly without replacement with
``numpy.random.default_rng(seed)`` (forward for in-measures, on the reversed
graph for out-measures); each sum over the other actors of the component is
estimated by the pivot sum times ``(s - 1) / k_v`` (``k_v`` = pivots other than
``v``), the pivot-sampling estimator of Eppstein & Wang (2004) and Brandes &
Pich (2007). Betweenness: igraph's subset betweenness from the pivot sources,
times ``s / k``.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import scipy.sparse as sp
from scipy.sparse import csgraph

from kokon_graph.analysis._graphs import CoopMatrices
from kokon_graph.errors import OptionError

__all__ = [
    "DEFAULT_EXACT_LIMIT",
    "DEFAULT_PATH_PIVOTS",
    "DEFAULT_PIVOTS",
    "PathStats",
    "Unit",
    "betweenness_raw",
    "choose_method",
    "component_paths",
    "components",
    "estimate_seconds",
    "path_pivots",
    "path_stats",
    "pivots_for",
    "plan",
    "reporting",
    "work",
]

#: Largest graph (institutions) whose betweenness and closeness ``"auto"`` computes exactly.
DEFAULT_EXACT_LIMIT = 12_000
#: Pivot sources drawn when betweenness is sampled.
DEFAULT_PIVOTS = 1024
_BETWEENNESS_HINT = "use betweenness='exact', 'sampled', 'auto' or a number of pivots such as 500"
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
    labels: np.ndarray | None = None  # method label of each node

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
        raise OptionError(
            "betweenness must be 'auto', 'exact', 'sampled' or a number of pivots",
            hint=_BETWEENNESS_HINT,
        )
    if isinstance(betweenness, int):
        if betweenness < 1:
            raise OptionError("the number of pivots must be at least 1", hint=_BETWEENNESS_HINT)
        return ("exact", 0) if betweenness >= n else ("sampled", betweenness)
    if betweenness == "exact":
        return "exact", 0
    if betweenness == "sampled":
        return ("exact", 0) if n <= DEFAULT_PIVOTS else ("sampled", DEFAULT_PIVOTS)
    if betweenness == "auto":
        if n <= exact_limit or n <= DEFAULT_PIVOTS:
            return "exact", 0
        return "sampled", DEFAULT_PIVOTS
    raise OptionError(
        f"betweenness={betweenness!r}: use 'auto', 'exact', 'sampled' or a number of pivots",
        hint=_BETWEENNESS_HINT,
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


class _Distances:
    """Breadth-first distances (``inf`` where unreachable) from chosen sources of one graph.

    igraph's breadth-first search, copied into a float array a few rows at a time: the same
    integers as ``scipy.sparse.csgraph.shortest_path(unweighted=True)`` (Dijkstra) at about
    half its cost. ``reverse``: along the arcs backwards (distances *to* the sources).
    """

    _ROWS = 64

    def __init__(self, graph: sp.csr_array, *, directed: bool, reverse: bool = False) -> None:
        from kokon_graph.analysis._graphs import igraph_of

        self.n = graph.shape[0]
        self.mode = "in" if reverse else "out"
        self.graph = igraph_of(graph, directed=directed) if graph.nnz else None

    def __call__(self, sources: np.ndarray) -> np.ndarray:
        out = np.empty((len(sources), self.n))
        if self.graph is None:
            out.fill(np.inf)
            out[np.arange(len(sources)), sources] = 0.0
            return out
        for i in range(0, len(sources), self._ROWS):
            chunk = sources[i : i + self._ROWS].tolist()
            out[i : i + len(chunk)] = self.graph.distances(source=chunk, mode=self.mode)
        return out


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
    distances = _Distances(graph, directed=directed)
    for block in _blocks(np.arange(n), n):
        dist = distances(block)
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
    distances: _Distances, pivots: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray, float, float, float]:
    """Estimated sums of d(pivot -> v) over all other actors, for every v."""
    n = distances.n
    col_sum, col_reach, col_harm = np.zeros(n), np.zeros(n), np.zeros(n)
    total_sum = total_pairs = diameter = 0.0
    for block in _blocks(pivots, n):
        dist = distances(block)
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
    whole = n / len(pivots)  # the pivot rows stand for every source of the graph
    return (
        col_sum * scale,
        col_reach * scale,
        col_harm * scale,
        total_sum * whole,
        total_pairs * whole,
        diameter,
    )


def _sampled(graph: sp.csr_array, pivots: np.ndarray, label: str, *, directed: bool) -> PathStats:
    n = graph.shape[0]
    in_sum, in_reach, in_harm, tsum, tpairs, dia = _estimate_towards(
        _Distances(graph, directed=directed), pivots
    )
    if directed:
        reverse = _Distances(graph, directed=True, reverse=True)
        out_sum, out_reach, out_harm, _, _, dia_r = _estimate_towards(reverse, pivots)
        dia = max(dia, dia_r)
    else:
        out_sum, out_reach, out_harm = in_sum, in_reach, in_harm
    return PathStats(
        n, label, out_sum, out_reach, out_harm, in_sum, in_reach, in_harm, tsum, tpairs, dia
    )


@dataclass
class Unit:
    """Part of the graph computed in one go: whole weak components, exact or sampled."""

    members: np.ndarray  # node indices, sorted
    pivots: int  # 0: exact


_BIN = 2048


def components(mats: CoopMatrices) -> list[np.ndarray]:
    """The weak components of the cooperation graph (node indices), largest first."""

    def make() -> list[np.ndarray]:
        if mats.n == 0:
            return []
        count, labels = csgraph.connected_components(mats.sym, directed=False)
        order = np.argsort(labels, kind="stable")
        bounds = np.searchsorted(labels[order], np.arange(count + 1))
        parts = [np.sort(order[bounds[c] : bounds[c + 1]]) for c in range(count)]
        return sorted(parts, key=lambda m: (-len(m), int(m[0])))

    parts: list[np.ndarray] = mats.extra("components", make)
    return parts


def plan(
    mats: CoopMatrices, betweenness: str | int, exact_limit: int, *, paths: bool
) -> list[Unit]:
    """How each weak component is computed: exact (packed together in bins of about
    2,048 nodes) or sampled with its own pivots.

    :func:`choose_method` decides for the whole network (exact up to
    ``exact_limit`` institutions under ``"auto"``). When it samples, every
    component larger than the pivot count gets that many pivots of its own
    (stratified sampling: no component is left to chance, reach within a
    component is measured exactly) and smaller components are exact. Paths never
    leave a weak component, so this loses nothing. ``paths``: the pivots of
    closeness and path lengths (:func:`path_pivots`).
    """
    units: list[Unit] = []
    exact: list[np.ndarray] = []
    method, pivots = choose_method(max(mats.n, 1), betweenness, exact_limit)
    if paths:
        pivots = path_pivots(pivots)
    for members in components(mats):
        if method == "sampled" and pivots < len(members):
            units.append(Unit(members, pivots))
        else:
            exact.append(members)
    current: list[np.ndarray] = []
    size = 0
    for members in exact:
        if current and size + len(members) > _BIN:
            units.append(Unit(np.sort(np.concatenate(current)), 0))
            current, size = [], 0
        current.append(members)
        size += len(members)
    if current:
        units.append(Unit(np.sort(np.concatenate(current)), 0))
    return units


_REPORT: list[Callable[[int], object]] = []


@contextmanager
def reporting(advance: Callable[[int], object]) -> Iterator[None]:
    """While active, ``advance(amount)`` is called as each component of a betweenness or
    path computation finishes; the amounts add up to :func:`work` (for a progress bar)."""
    _REPORT.append(advance)
    try:
        yield
    finally:
        _REPORT.pop()


def _unit_work(mats: CoopMatrices, unit: Unit) -> int:
    """Breadth-first searches times their size: sources x (nodes + ties) of the unit."""
    ties = int(np.diff(mats.sym.indptr)[unit.members].sum())
    return (unit.pivots or len(unit.members)) * (len(unit.members) + ties)


def _reported(mats: CoopMatrices, units: Iterable[Unit]) -> Iterator[Unit]:
    for unit in units:
        yield unit
        if _REPORT:
            _REPORT[-1](_unit_work(mats, unit))


def work(mats: CoopMatrices, betweenness: str | int, exact_limit: int) -> int:
    """The total that :func:`reporting` counts to for the two betweenness and two path
    computations (directed and symmetrised) of ``mats``."""
    total = 0
    for paths in (False, True):
        total += 2 * sum(
            _unit_work(mats, u) for u in plan(mats, betweenness, exact_limit, paths=paths)
        )
    return total


def estimate_seconds(
    mats: CoopMatrices, betweenness: str | int, exact_limit: int, *, sample: int = 16
) -> float:
    """Rough wall time of the betweenness and path computations of ``mats``.

    Times igraph's betweenness from ``sample`` sources of the largest component on this
    machine, now, and scales it by :func:`work`; the path computations cost about as much
    per search.
    """
    from kokon_graph.analysis._graphs import igraph_of

    parts = components(mats)
    if not parts or mats.sym.nnz == 0:
        return 0.0
    members = parts[0]
    sub = mats.arcs[members][:, members].tocsr()
    graph = igraph_of(sub, directed=True)
    k = min(sample, len(members))
    start = time.perf_counter()
    graph.betweenness(directed=True, sources=list(range(k)))
    per_search = (time.perf_counter() - start) / _unit_work(mats, Unit(members, k))
    return per_search * work(mats, betweenness, exact_limit)


def _summary(units: list[Unit], labels: np.ndarray) -> str:
    sampled = sorted({str(x) for x in labels if x != "exact"})
    if not sampled:
        return "exact"
    if len(sampled) == len(set(labels.tolist())):
        return "; ".join(sampled)
    return "; ".join(sampled) + " in the largest components, exact in the others"


def _pivots_of(rng: np.random.Generator, members: np.ndarray, k: int) -> np.ndarray:
    """``k`` local indices (into ``members``), sorted."""
    return np.sort(rng.choice(len(members), size=k, replace=False))


def path_stats(
    mats: CoopMatrices,
    *,
    directed: bool,
    betweenness: str | int = "exact",
    exact_limit: int = DEFAULT_EXACT_LIMIT,
    seed: int = 0,
) -> PathStats:
    """Distance statistics of the directed (or symmetrised) cooperation graph, cached.

    Computed component by component (see :func:`plan`); ``method`` holds the
    summary label and :attr:`PathStats.labels` the label of each node.
    """
    key = f"paths:{directed}:{betweenness}:{exact_limit}:{seed}"

    def make() -> PathStats:
        n = mats.n
        graph = (mats.arcs if directed else mats.sym).tocsr()
        fields = {
            name: np.zeros(n)
            for name in ("out_sum", "out_reach", "out_harm", "in_sum", "in_reach", "in_harm")
        }
        labels = np.full(n, "exact", dtype=object)
        total_sum = total_pairs = diameter = 0.0
        rng = np.random.default_rng(seed)
        units = plan(mats, betweenness, exact_limit, paths=True)
        for unit in _reported(mats, units):
            members = unit.members
            sub = graph[members][:, members].tocsr()
            if unit.pivots:
                chosen = _pivots_of(rng, members, unit.pivots)
                label = method_label("sampled", unit.pivots, seed)
                stats = _sampled(sub, chosen, label, directed=directed)
                labels[members] = label
            else:
                stats = _exact(sub, directed=directed)
            for name, array in fields.items():
                array[members] = getattr(stats, name)
            total_sum += stats.total_sum
            total_pairs += stats.total_pairs
            diameter = max(diameter, stats.diameter)
        return PathStats(
            n,
            _summary(units, labels),
            total_sum=total_sum,
            total_pairs=total_pairs,
            diameter=diameter,
            labels=labels,
            **fields,
        )

    stats: PathStats = mats.extra(key, make)
    return stats


def betweenness_raw(
    mats: CoopMatrices,
    *,
    directed: bool,
    betweenness: str | int = "exact",
    exact_limit: int = DEFAULT_EXACT_LIMIT,
    seed: int = 0,
) -> tuple[np.ndarray, np.ndarray]:
    """Unnormalised shortest-path betweenness (Brandes 2001) and each node's method label.

    Exact (igraph) or pivot-estimated, component by component (see :func:`plan`):
    in a sampled component of ``s`` nodes, the dependencies of ``k`` pivot
    sources times ``s / k``. Directed: pairs are ordered. Symmetrised: each
    unordered pair counts once (networkx's ``normalized=False`` convention).
    """
    from kokon_graph.analysis._graphs import igraph_of

    key = f"betweenness:{directed}:{betweenness}:{exact_limit}:{seed}"

    def make() -> tuple[np.ndarray, np.ndarray]:
        values = np.zeros(mats.n)
        labels = np.full(mats.n, "exact", dtype=object)
        graph = (mats.arcs if directed else mats.sym).tocsr()
        rng = np.random.default_rng(seed)
        for unit in _reported(mats, plan(mats, betweenness, exact_limit, paths=False)):
            members = unit.members
            sub = graph[members][:, members].tocsr()
            if sub.nnz == 0:
                continue
            ig_graph = igraph_of(sub, directed=directed)
            if unit.pivots:
                chosen = _pivots_of(rng, members, unit.pivots)
                part = ig_graph.betweenness(directed=directed, sources=chosen.tolist())
                values[members] = np.asarray(part, dtype=float) * (len(members) / unit.pivots)
                labels[members] = method_label("sampled", unit.pivots, seed)
            else:
                values[members] = np.asarray(ig_graph.betweenness(directed=directed), dtype=float)
        return values, labels

    result: tuple[np.ndarray, np.ndarray] = mats.extra(key, make)
    return result


def _igraph_weighted(matrix: sp.csr_array, weighted: bool) -> tuple[Any, list[float] | None]:
    """An undirected igraph copy of ``matrix`` and its edge lengths (None when unweighted)."""
    from kokon_graph.analysis._graphs import igraph_of

    graph = igraph_of(matrix, directed=False)
    if not weighted:
        return graph, None
    coo = matrix.tocoo()
    keep = coo.row < coo.col
    lengths: list[float] = coo.data[keep].astype(float).tolist()
    return graph, lengths


def component_paths(
    lengths: sp.csr_array,
    *,
    betweenness: str | int = "auto",
    exact_limit: int = DEFAULT_EXACT_LIMIT,
    seed: int = 0,
    weighted: bool = False,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Farness, reach, raw betweenness and the method label of every node of an undirected graph.

    ``lengths`` is symmetric; its values are the edge lengths when ``weighted`` (otherwise
    every edge counts 1). :func:`choose_method` decides for the whole graph (exact up to
    ``exact_limit`` nodes under ``"auto"``): exact, igraph over the components together
    (cost: the sum of the squared component sizes); sampled, each component larger than the
    pivot count from pivots of its own (betweenness: igraph's subset betweenness from the
    pivots times ``s/k``; farness: the pivot distance sums times ``(s − 1)/k_v``, Eppstein &
    Wang 2004), the smaller ones exactly. Betweenness counts each unordered pair once.
    """
    n = lengths.shape[0]
    labels_out = np.full(n, "exact", dtype=object)
    if n == 0:
        return np.zeros(0), np.zeros(0), np.zeros(0), labels_out
    _, comp = csgraph.connected_components(lengths, directed=False)
    sizes = np.bincount(comp)
    method, pivots = choose_method(n, betweenness, exact_limit)
    big = np.flatnonzero(sizes > pivots) if method == "sampled" else np.zeros(0, dtype=np.int64)
    exact_nodes = np.flatnonzero(~np.isin(comp, big))
    far, reach, raw = np.zeros(n), (sizes[comp] - 1).astype(float), np.zeros(n)
    if len(exact_nodes):
        sub = lengths if len(exact_nodes) == n else lengths[exact_nodes][:, exact_nodes]
        graph, w = _igraph_weighted(sp.csr_array(sub), weighted)
        raw[exact_nodes] = np.asarray(graph.betweenness(directed=False, weights=w), dtype=float)
        inverse = np.asarray(graph.closeness(normalized=False, weights=w), dtype=float)
        ok = (reach[exact_nodes] > 0) & (inverse > 0)
        far[exact_nodes] = np.divide(1.0, inverse, out=np.zeros(len(exact_nodes)), where=ok)
    rng = np.random.default_rng(seed)
    for c in big:
        members = np.flatnonzero(comp == c)
        s_size = len(members)
        sub = lengths[members][:, members].tocsr()
        chosen = np.sort(rng.choice(s_size, size=pivots, replace=False))
        graph, w = _igraph_weighted(sub, weighted)
        part = graph.betweenness(directed=False, sources=chosen.tolist(), weights=w)
        raw[members] = np.asarray(part, dtype=float) * (s_size / pivots)
        k = path_pivots(pivots)
        sources = chosen[np.sort(rng.choice(pivots, size=k, replace=False))]
        if weighted:
            dist = csgraph.shortest_path(sub, method="D", directed=False, indices=sources)
        else:  # igraph's breadth-first search: the same integers at about half the cost
            dist = _Distances(sub, directed=False)(sources)
        k_v = np.full(s_size, float(k))
        k_v[sources] -= 1.0
        far[members] = dist.sum(axis=0) * (s_size - 1) / k_v
        labels_out[members] = method_label("sampled", pivots, seed)
    return far, reach, raw, labels_out
