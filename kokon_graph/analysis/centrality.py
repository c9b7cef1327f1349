"""Centrality of every institution in the cooperation network.

One function, :func:`centrality`, returns one row per institution with degree
(in, out, total; weighted and unweighted; raw and normalised), betweenness
(directed and symmetrised; raw and normalised), closeness (in and out, in the
harmonic, UCINET/ORA and Wasserman–Faust conventions, and on the symmetrised
graph as networkx computes it), eigenvector centrality and PageRank. Every
column is documented in :data:`kokon_graph.analysis.columns.COLUMNS`.

Engines: degree, eigenvector and PageRank are sparse-matrix computations;
closeness comes from breadth-first distances (``scipy.sparse.csgraph``);
betweenness from igraph's C implementation of Brandes' algorithm. The tests
check each against networkx on small graphs and against published values
(Krackhardt kite, Florentine families, Zachary's karate club).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import scipy.sparse as sp
from scipy.sparse import csgraph
from scipy.sparse.linalg import eigsh

from kokon_graph.analysis._graphs import CoopMatrices, base_frame, cooperation_matrices
from kokon_graph.analysis._paths import (
    DEFAULT_EXACT_LIMIT,
    PathStats,
    betweenness_raw,
    choose_method,
    path_stats,
)
from kokon_graph.graph import Network, RelationLike

__all__ = ["centrality", "centrality_of", "eigenvector", "pagerank"]


def _div(num: np.ndarray, den: np.ndarray | float) -> np.ndarray:
    """``num / den`` with 0 where the denominator is 0."""
    den_arr = np.broadcast_to(np.asarray(den, dtype=float), np.shape(num))
    out = np.zeros(np.shape(num), dtype=float)
    np.divide(num, den_arr, out=out, where=den_arr != 0)
    return out


def _max_one(values: np.ndarray) -> np.ndarray:
    """``values`` divided by their largest value (unchanged when none is positive or all NaN)."""
    finite = values[np.isfinite(values)]
    top = float(finite.max()) if len(finite) else 0.0
    return values / top if top > 0 else values.copy()


def eigenvector(sym: sp.csr_array) -> np.ndarray:
    """Eigenvector centrality of a symmetric adjacency matrix, unit Euclidean norm.

    The limit of networkx's power iteration (``eigenvector_centrality``, which
    iterates with ``A + I`` from the all-ones vector): the leading eigenvector
    of ``A``. In a disconnected graph only the components whose leading
    eigenvalue is the largest get nonzero values; when several components tie
    (two separate dyads), the all-ones start is projected on their joint
    eigenspace, exactly as the power iteration converges. A graph without ties
    has no leading eigenvector (every eigenvalue is 0): every value is NaN
    (networkx's power iteration would return ``1 / sqrt(n)`` for everyone, an
    artefact of its start vector).

    >>> import scipy.sparse as sp
    >>> star = sp.csr_array(([1.0] * 6, ([0, 0, 0, 1, 2, 3], [1, 2, 3, 0, 0, 0])), shape=(4, 4))
    >>> [round(float(x), 4) for x in eigenvector(star)]
    [0.7071, 0.4082, 0.4082, 0.4082]
    """
    n = sym.shape[0]
    if n == 0:
        return np.zeros(0)
    if sym.nnz == 0:
        return np.full(n, np.nan)
    ncomp, labels = csgraph.connected_components(sym, directed=False)
    order = np.argsort(labels, kind="stable")
    bounds = np.searchsorted(labels[order], np.arange(ncomp + 1))
    best = -np.inf
    vectors: list[tuple[float, np.ndarray, np.ndarray]] = []
    for c in range(ncomp):
        members = order[bounds[c] : bounds[c + 1]]
        if len(members) < 2:
            continue
        sub = sym[members][:, members]
        if len(members) <= 300:
            vals, vecs = np.linalg.eigh(sub.toarray())
            lam, vec = float(vals[-1]), vecs[:, -1]
        else:
            vals, vecs = eigsh(sub.astype(float), k=1, which="LA", v0=np.ones(len(members)))
            lam, vec = float(vals[0]), vecs[:, 0]
        vec = np.abs(vec)
        vectors.append((lam, members, vec))
        best = max(best, lam)
    x = np.zeros(n)
    for lam, members, vec in vectors:
        if lam >= best - 1e-9 * max(1.0, abs(best)):
            # projection of the all-ones start vector on this component's eigenvector
            x[members] = vec * vec.sum()
    norm = np.linalg.norm(x)
    return x / norm if norm else x


def pagerank(
    arcs: sp.csr_array, *, alpha: float = 0.85, max_iter: int = 100, tol: float = 1.0e-6
) -> np.ndarray:
    """PageRank of a (weighted) directed adjacency matrix, as networkx computes it.

    Uniform teleportation and uniform redistribution of dangling nodes' rank,
    power iteration stopped when the L1 change is below ``n * tol`` (networkx's
    ``pagerank`` defaults), result summing to 1.

    >>> import scipy.sparse as sp
    >>> cycle = sp.csr_array(([1.0, 1.0, 1.0], ([0, 1, 2], [1, 2, 0])), shape=(3, 3))
    >>> [round(float(x), 4) for x in pagerank(cycle)]
    [0.3333, 0.3333, 0.3333]
    """
    n = arcs.shape[0]
    if n == 0:
        return np.zeros(0)
    out_weight = np.asarray(arcs.sum(axis=1)).ravel()
    inv = _div(np.ones(n), out_weight)
    transition = sp.diags_array(inv) @ arcs
    transition_t = transition.T.tocsr()
    dangling = out_weight == 0
    x = np.full(n, 1.0 / n)
    p = np.full(n, 1.0 / n)
    for _ in range(max_iter):
        last = x
        x = alpha * (transition_t @ last + last[dangling].sum() * p) + (1 - alpha) * p
        if np.abs(x - last).sum() < n * tol:
            return x / x.sum()
    raise RuntimeError(f"PageRank did not converge in {max_iter} iterations")


def _closeness_columns(stats: PathStats, n: int, prefix: str) -> dict[str, np.ndarray]:
    """Harmonic, UCINET/ORA and Wasserman–Faust closeness from distance sums."""
    cols: dict[str, np.ndarray] = {}
    for side in ("in", "out"):
        total = getattr(stats, f"{side}_sum")
        reach = getattr(stats, f"{side}_reach")
        harm = getattr(stats, f"{side}_harm")
        name = f"{prefix}_{side}" if prefix else side
        cols[f"{name}_harmonic"] = _div(harm, float(n - 1))
        farness = total + (n - 1 - reach) * n
        cols[f"{name}_ucinet"] = _div(np.full(n, float(n - 1)), farness)
        cols[f"{name}_wf"] = _div(reach, total) * _div(reach, float(n - 1))
    return cols


def degree_betweenness_columns(
    in_deg: np.ndarray,
    out_deg: np.ndarray,
    sym_deg: np.ndarray,
    in_str: np.ndarray,
    out_str: np.ndarray,
    b_dir: np.ndarray,
    b_sym: np.ndarray,
) -> dict[str, np.ndarray]:
    """The degree, strength and betweenness columns from raw counts, sums and pair counts
    (shared with the GDS engine, :mod:`kokon_graph.store.gds`)."""
    n = len(in_deg)
    pairs = float((n - 1) * (n - 2))
    # with fewer than 3 institutions no pair can have anyone between: normalised betweenness
    # is 0/0, undefined (NaN), not 0
    undefined = np.full(n, np.nan) if n < 3 else None
    return {
        "degree": (in_deg + out_deg).astype(np.int64),
        "in_degree": in_deg.astype(np.int64),
        "out_degree": out_deg.astype(np.int64),
        "degree_sym": sym_deg.astype(np.int64),
        "degree_norm": _div(in_deg + out_deg, 2.0 * (n - 1)),
        "in_degree_norm": _div(in_deg, float(n - 1)),
        "out_degree_norm": _div(out_deg, float(n - 1)),
        "degree_sym_norm": _div(sym_deg, float(n - 1)),
        "strength": in_str + out_str,
        "in_strength": in_str,
        "out_strength": out_str,
        "betweenness": undefined if undefined is not None else _div(b_dir, pairs),
        "betweenness_raw": b_dir,
        "betweenness_sym": undefined if undefined is not None else _div(2.0 * b_sym, pairs),
        "betweenness_sym_raw": b_sym,
    }


def unscaled_closeness(ucinet: np.ndarray) -> np.ndarray:
    """1/farness (ORA's "unscaled" closeness) from UCINET's (n-1)/farness."""
    return _div(ucinet, float(len(ucinet) - 1))


def eigenvector_columns(eig: np.ndarray) -> dict[str, np.ndarray]:
    """The eigenvector columns in each tool's convention, from the unit-norm vector
    (shared with the GDS engine, :mod:`kokon_graph.store.gds`)."""
    return {
        "eigenvector": eig,
        "eigenvector_scaled": eig * np.sqrt(2.0),
        "eigenvector_max1": _max_one(eig),
    }


def centrality_of(
    mats: CoopMatrices,
    *,
    betweenness: str | int = "auto",
    seed: int = 0,
    exact_limit: int = DEFAULT_EXACT_LIMIT,
) -> dict[str, np.ndarray | list[str]]:
    """Every centrality column for the graph held in ``mats`` (no institution columns)."""
    key = f"centrality:{betweenness}:{seed}:{exact_limit}"
    cols: dict[str, np.ndarray | list[str]] = mats.extra(
        key, lambda: _centrality_columns(mats, betweenness, seed, exact_limit)
    )
    return cols


def _centrality_columns(
    mats: CoopMatrices, betweenness: str | int, seed: int, exact_limit: int
) -> dict[str, np.ndarray | list[str]]:
    n = mats.n
    arcs, weights, sym = mats.arcs, mats.weights, mats.sym
    out_deg = np.asarray(arcs.sum(axis=1)).ravel()
    in_deg = np.asarray(arcs.sum(axis=0)).ravel()
    sym_deg = np.asarray(sym.sum(axis=1)).ravel()
    out_str = np.asarray(weights.sum(axis=1)).ravel()
    in_str = np.asarray(weights.sum(axis=0)).ravel()
    choose_method(max(n, 1), betweenness, exact_limit)  # reject a bad option early
    b_dir, label = betweenness_raw(
        mats, directed=True, betweenness=betweenness, exact_limit=exact_limit, seed=seed
    )
    b_sym, _ = betweenness_raw(
        mats, directed=False, betweenness=betweenness, exact_limit=exact_limit, seed=seed
    )
    d_stats = path_stats(
        mats, directed=True, betweenness=betweenness, exact_limit=exact_limit, seed=seed
    )
    s_stats = path_stats(
        mats, directed=False, betweenness=betweenness, exact_limit=exact_limit, seed=seed
    )
    path_label = s_stats.labels if s_stats.labels is not None else np.full(n, "exact")
    directed_closeness = _closeness_columns(d_stats, n, "closeness")
    sym_closeness = _closeness_columns(s_stats, n, "")
    eig = eigenvector(sym)
    cols: dict[str, np.ndarray | list[str]] = {
        **degree_betweenness_columns(in_deg, out_deg, sym_deg, in_str, out_str, b_dir, b_sym),
        "betweenness_method": [str(x) for x in label],
        "closeness": sym_closeness["out_wf"],
        "closeness_harmonic": sym_closeness["out_harmonic"],
        "closeness_ucinet": sym_closeness["out_ucinet"],
        "closeness_unscaled": unscaled_closeness(sym_closeness["out_ucinet"]),
        **directed_closeness,
        "closeness_method": [str(x) for x in path_label],
        **eigenvector_columns(eig),
        "pagerank": pagerank(arcs),
        "pagerank_weighted": pagerank(weights),
    }
    return cols


def centrality(
    network: Network,
    *,
    relation: RelationLike = None,
    betweenness: str | int = "auto",
    seed: int = 0,
    exact_limit: int = DEFAULT_EXACT_LIMIT,
) -> pd.DataFrame:
    """Centrality of every institution in the cooperation network.

    Parameters
    ----------
    network
        The network (its scope and wave decide which institutions and ties count).
    relation
        Only these cooperation kinds (``information``, ``resources``, ...); all by default.
    betweenness
        How betweenness and closeness are computed: ``"auto"`` (exactly up to
        ``exact_limit`` institutions, otherwise estimated from 1,024 random
        pivot sources per weak component, 256 for closeness; components
        smaller than that stay exact), ``"exact"``, ``"sampled"`` or a number
        of pivots. The ``betweenness_method`` and ``closeness_method`` columns
        say, per institution, which was used.
    seed
        Seed of the pivot draw (sampled mode only).
    exact_limit
        Largest network computed exactly under ``"auto"``.

    Returns
    -------
    pandas.DataFrame
        One row per institution: ``id``, ``name``, ``type``, ``sector``,
        ``teryt``, then the measures documented in
        ``COLUMNS["centrality"]``, sorted as ``network.institutions``.

    Notes
    -----
    Degree counts ties of the directed view (``degree = in_degree +
    out_degree``); ``degree_sym`` counts partners in the symmetrised graph.
    Betweenness is normalised by ``(n-1)(n-2)`` (ordered pairs), so the
    directed and symmetrised values are comparable and equal networkx's
    ``betweenness_centrality(normalized=True)``. Closeness: ``closeness`` is
    networkx's ``closeness_centrality`` on the symmetrised graph
    (Wasserman–Faust correction for unreachable actors); ``*_harmonic`` sums
    ``1/d`` over the other actors divided by ``n-1``; ``*_ucinet`` is
    ``(n-1) / farness`` with an unreachable actor counted at distance ``n``
    (UCINET, ORA).

    References
    ----------
    Freeman, L. C. (1978). Centrality in social networks: conceptual
    clarification. Social Networks 1(3), 215–239. doi:10.1016/0378-8733(78)90021-7

    Brandes, U. (2001). A faster algorithm for betweenness centrality.
    Journal of Mathematical Sociology 25(2), 163–177. doi:10.1080/0022250X.2001.9990249

    Examples
    --------
    >>> from kokon_graph.analysis._demo import demo_network
    >>> table = centrality(demo_network())
    >>> table[["id", "degree", "betweenness"]].head(3)
        id  degree  betweenness
    0  OPS       6          0.4
    1  SZK       3          0.0
    2  POZ       2          0.0
    """
    mats = cooperation_matrices(network, relation)
    cols = centrality_of(mats, betweenness=betweenness, seed=seed, exact_limit=exact_limit)
    frame = base_frame(network)
    for name, values in cols.items():
        frame[name] = values
    return frame
