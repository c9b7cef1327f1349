"""Ego networks, as UCINET's Network > Ego Networks > Basic Measures defines them.

For every institution (*ego*), its *alters* are its partners in the
symmetrised cooperation graph (UCINET's default "undirected" neighbourhood:
ties to and from ego). Every measure leaves out the ties involving ego:

* ``size``: alters; ``ties``: arcs among the alters (directed, as UCINET
  counts a directed matrix); ``pairs``: ordered pairs of alters
  ``size (size − 1)``; ``density`` = ``ties / pairs`` (UCINET prints it × 100);
* ``avg_distance`` and ``diameter``: the mean and the longest shortest path
  between two alters in the ego network without ego (symmetrised) — empty
  (undefined, as UCINET leaves them blank) when two alters can reach each
  other only through ego, or when there is no pair;
* ``weak_components``: components among the alters once ego is removed;
  ``weak_components_share`` = ``weak_components / size`` (UCINET's pWeakComp ÷ 100);
* ``two_step_reach``: institutions within two steps of ego, over ``n − 1``;
  ``reach_efficiency``: those institutions over the summed sizes (partners) of
  the alters — the new contacts each primary contact brings (Hanneman &
  Riddle 2005, ch. 9);
* ``brokerage``: unordered pairs of alters with no tie in either direction
  (pairs only ego joins); ``brokerage_norm`` = ``brokerage`` over the unordered
  pairs of alters.

Counts come from sparse products (``S A S`` for the arcs among alters, ``S S``
for the two-step neighbourhood); distances and components among the alters
from one small breadth-first search per ego whose alters are neither all
tied nor all separate.

References
----------
Borgatti, S. P., Everett, M. G., & Freeman, L. C. (2002). UCINET for Windows:
Software for Social Network Analysis. Analytic Technologies. Help topic
"Network > Ego Networks > Basic Measures".

Hanneman, R. A., & Riddle, M. (2005). Introduction to Social Network Methods,
ch. 9 "Ego networks". University of California, Riverside.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import scipy.sparse as sp
from scipy.sparse import csgraph

from kokon_graph.analysis._graphs import base_frame, cooperation_matrices
from kokon_graph.graph import Network, RelationLike

__all__ = ["ego_measures", "ego_networks"]


def _row_sums(matrix: sp.csr_array | sp.coo_array) -> np.ndarray:
    return np.asarray(matrix.sum(axis=1)).ravel()


def _per_row_product(left: sp.csr_array, right: sp.csr_array, mask: sp.csr_array) -> np.ndarray:
    """Row sums of ``mask ∘ (left @ right)``, block by block of rows (bounded memory)."""
    n = left.shape[0]
    out = np.zeros(n)
    step = 4096
    for start in range(0, n, step):
        stop = min(n, start + step)
        block = (left[start:stop] @ right).tocsr()
        out[start:stop] = _row_sums(block.multiply(mask[start:stop]))
    return out


def _two_step(sym: sp.csr_array) -> np.ndarray:
    """Institutions within two steps of each node (the node itself not counted)."""
    n = sym.shape[0]
    out = np.zeros(n, dtype=np.int64)
    step = 4096
    for start in range(0, n, step):
        stop = min(n, start + step)
        block = (sym[start:stop] @ sym + sym[start:stop]).tocsr()
        block.eliminate_zeros()
        # a node with a partner reaches itself in two steps: not counted
        has_partner = np.diff(sym.indptr[start : stop + 1]) > 0
        out[start:stop] = np.diff(block.indptr) - has_partner
    return out


def _wedges(sym: sp.csr_array) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Every pair of partners of every node: ``(ego, first, second, tied)``.

    ``first`` and ``second`` are positions in ``sym.indices`` (the alters, first before
    second in the ego's row); ``tied`` says whether the two alters are tied.
    """
    indptr, indices = sym.indptr.astype(np.int64), sym.indices.astype(np.int64)
    n = sym.shape[0]
    deg = np.diff(indptr)
    entries = np.arange(len(indices), dtype=np.int64)
    ego_of = np.repeat(np.arange(n, dtype=np.int64), deg)
    local = entries - np.repeat(indptr[:-1], deg)
    later = np.repeat(deg, deg) - 1 - local  # alters after this one in the ego's row
    first = np.repeat(entries, later)
    starts = np.repeat(np.cumsum(later) - later, later)
    second = first + 1 + (np.arange(len(first), dtype=np.int64) - starts)
    keys = ego_of * n + indices  # the keys of sym's cells, sorted (rows and indices sorted)
    wanted = indices[first] * n + indices[second]
    pos = np.minimum(np.searchsorted(keys, wanted), max(len(keys) - 1, 0))
    tied = keys[pos] == wanted if len(keys) else np.zeros(0, dtype=bool)
    return ego_of[first], first, second, tied


def _alter_distances(k: int, i: np.ndarray, j: np.ndarray) -> tuple[float, float]:
    """Mean distance and diameter of a connected graph on ``k`` nodes with edges ``(i, j)``."""
    adj = np.zeros((k, k))
    adj[i, j] = adj[j, i] = 1.0
    reach = adj > 0
    np.fill_diagonal(reach, True)
    total, step = float(adj.sum()), 1
    while not reach.all():
        step += 1
        grown = ((reach.astype(np.float64) @ adj) > 0) | reach
        total += step * float(np.count_nonzero(grown & ~reach))
        reach = grown
    return total / (k * (k - 1)), float(step)


def ego_measures(arcs: sp.csr_array) -> dict[str, np.ndarray]:
    """UCINET's ego-network measures of every node of a binary directed adjacency matrix.

    >>> import scipy.sparse as sp
    >>> star = sp.csr_array(([1.0] * 6, ([0, 0, 0, 1, 2, 3], [1, 2, 3, 0, 0, 0])), shape=(4, 4))
    >>> m = ego_measures(star)
    >>> int(m["size"][0]), int(m["brokerage"][0]), float(m["reach_efficiency"][0])
    (3, 3, 1.0)
    """
    n = arcs.shape[0]
    a = arcs.tocsr().astype(np.float64)
    a.data[:] = 1.0
    sym = (a + a.T).tocsr()
    sym.sum_duplicates()
    sym.sort_indices()
    sym.data[:] = 1.0
    size = _row_sums(sym)
    ties = _per_row_product(sym, a, sym)  # Σ_{x,y ∈ N(e)} A[x, y]
    ego_w, first, second, tied = _wedges(sym)
    edges = np.bincount(ego_w[tied], minlength=n).astype(float)  # edges among the alters
    pairs = size * (size - 1)
    unordered = pairs / 2.0
    reach = _two_step(sym).astype(float)
    alters_size = sym @ size
    # components among the alters of every ego at once: one graph whose nodes are the
    # (ego, alter) entries of sym, joined when the two alters of one ego are tied
    nodes = sym.nnz
    union = sp.csr_array(
        (np.ones(int(tied.sum())), (first[tied], second[tied])), shape=(nodes, nodes)
    )
    count, labels = csgraph.connected_components(union, directed=False)
    label_ego = np.zeros(count, dtype=np.int64)
    label_ego[labels] = np.repeat(np.arange(n, dtype=np.int64), np.diff(sym.indptr))
    components = np.bincount(label_ego, minlength=n).astype(float) if nodes else np.zeros(n)
    avg = np.full(n, np.nan)
    diameter = np.full(n, np.nan)
    clique = (size >= 2) & (edges == unordered)
    avg[clique] = 1.0
    diameter[clique] = 1.0
    e_t, f_t, s_t = ego_w[tied], first[tied], second[tied]
    bounds = np.searchsorted(e_t, np.arange(n + 1))
    for ego in np.flatnonzero((components == 1) & (size >= 3) & ~clique):
        lo, hi = bounds[ego], bounds[ego + 1]
        base = sym.indptr[ego]
        avg[ego], diameter[ego] = _alter_distances(
            int(size[ego]), f_t[lo:hi] - base, s_t[lo:hi] - base
        )
    brokerage = unordered - edges
    return {
        "size": size.astype(np.int64),
        "ties": np.rint(ties).astype(np.int64),
        "pairs": pairs.astype(np.int64),
        "density": np.divide(ties, pairs, out=np.full(n, np.nan), where=pairs > 0),
        "avg_distance": avg,
        "diameter": diameter,
        "weak_components": components.astype(np.int64),
        "weak_components_share": np.divide(
            components, size, out=np.full(n, np.nan), where=size > 0
        ),
        "two_step_reach": reach / (n - 1) if n > 1 else np.full(n, np.nan),
        "reach_efficiency": np.divide(
            reach, alters_size, out=np.full(n, np.nan), where=alters_size > 0
        ),
        "brokerage": np.rint(brokerage).astype(np.int64),
        "brokerage_norm": np.divide(
            brokerage, unordered, out=np.full(n, np.nan), where=unordered > 0
        ),
    }


def ego_networks(network: Network, *, relation: RelationLike = None) -> pd.DataFrame:
    """UCINET's ego-network measures of every institution (see the module docstring).

    Returns
    -------
    pandas.DataFrame
        ``id``, ``name``, ``type``, ``sector``, ``teryt``, then ``size``,
        ``ties``, ``pairs``, ``density``, ``avg_distance``, ``diameter``,
        ``weak_components``, ``weak_components_share``, ``two_step_reach``,
        ``reach_efficiency``, ``brokerage``, ``brokerage_norm``.

    Examples
    --------
    >>> from kokon_graph.analysis._demo import demo_network
    >>> table = ego_networks(demo_network())
    >>> table.loc[table["id"] == "OPS", ["size", "ties", "brokerage"]].values.tolist()
    [[4, 1, 5]]
    """
    mats = cooperation_matrices(network, relation)
    cols = mats.extra("ego", lambda: ego_measures(mats.arcs))
    frame = base_frame(network)
    for name, values in cols.items():
        frame[name] = values
    return frame
