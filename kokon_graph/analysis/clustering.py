"""Per-institution clustering (three conventions), HITS hubs and authorities, cliques.

* ``clustering``: the Watts–Strogatz local coefficient of the symmetrised graph —
  edges among the partners over the pairs of partners, 0 with fewer than two
  partners (networkx ``clustering`` of the undirected graph; igraph's
  ``transitivity_local_undirected`` gives NaN there instead);
* ``clustering_directed``: Fagiolo's (2007) directed coefficient, all directed
  triangles through the institution over the triangles possible with its in-
  and out-arcs (networkx ``clustering`` of a directed graph);
* ``clustering_ego``: the density of the directed ties among the partners
  (ties to and from the institution): arcs among them over the ordered pairs —
  the ego-network density used as the local clustering coefficient of directed
  data by UCINET's ego networks and by ORA (the same number as ``density`` of
  the ``ego`` result); NaN with fewer than two partners;
* ``hub`` and ``authority``: Kleinberg's HITS scores of the directed graph, each
  summing to 1, by networkx's power iteration (``hits``);
* ``cliques``: maximal cliques of at least three institutions (symmetrised
  graph) the institution belongs to (igraph ``maximal_cliques``).

References
----------
Watts, D. J., & Strogatz, S. H. (1998). Collective dynamics of "small-world"
networks. Nature 393, 440–442. doi:10.1038/30918

Fagiolo, G. (2007). Clustering in complex directed networks. Physical Review E
76, 026107. doi:10.1103/PhysRevE.76.026107

Kleinberg, J. M. (1999). Authoritative sources in a hyperlinked environment.
Journal of the ACM 46(5), 604–632. doi:10.1145/324133.324140
"""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import scipy.sparse as sp

from kokon_graph.analysis._graphs import CoopMatrices, base_frame, cooperation_matrices
from kokon_graph.analysis.ego import ego_measures
from kokon_graph.graph import Network, RelationLike

__all__ = ["clustering_of", "hits", "local_clustering"]


def _rows(matrix: sp.csr_array) -> np.ndarray:
    return np.asarray(matrix.sum(axis=1)).ravel()


def _masked_rows(left: sp.csr_array, right: sp.csr_array, mask: sp.csr_array) -> np.ndarray:
    """Row sums of ``mask ∘ (left @ right)``, in blocks of rows."""
    n = left.shape[0]
    out = np.zeros(n)
    for start in range(0, n, 4096):
        stop = min(n, start + 4096)
        out[start:stop] = _rows((left[start:stop] @ right).multiply(mask[start:stop]))
    return out


def hits(arcs: sp.csr_array, *, max_iter: int = 100, tol: float = 1.0e-8) -> tuple[np.ndarray, ...]:
    """HITS hub and authority scores as networkx's ``hits`` (power iteration, sums of 1).

    >>> import scipy.sparse as sp
    >>> star = sp.csr_array(([1.0, 1.0], ([0, 0], [1, 2])), shape=(3, 3))
    >>> [list(map(float, v)) for v in hits(star)]
    [[1.0, 0.0, 0.0], [0.0, 0.5, 0.5]]
    """
    n = arcs.shape[0]
    if n == 0 or arcs.nnz == 0:
        return np.full(n, np.nan), np.full(n, np.nan)
    a = arcs.tocsr()
    at = a.T.tocsr()
    h = np.full(n, 1.0 / n)
    for _ in range(max_iter):
        last = h
        auth = at @ h
        h = a @ auth
        h = h / h.max()
        if np.abs(h - last).sum() < tol:
            break
    auth = at @ h
    return h / h.sum(), auth / auth.sum()


def _cliques(mats: CoopMatrices) -> np.ndarray:
    if mats.sym.nnz == 0:
        return np.zeros(mats.n, dtype=np.int64)
    members = np.fromiter(
        itertools.chain.from_iterable(mats.ig_sym.maximal_cliques(min=3)), dtype=np.int64
    )
    return np.bincount(members, minlength=mats.n).astype(np.int64)


def clustering_of(mats: CoopMatrices) -> dict[str, np.ndarray]:
    """Every column of :func:`local_clustering` for the graph in ``mats``."""
    n = mats.n
    sym = mats.sym
    deg = _rows(sym)
    triangles2 = _masked_rows(sym, sym, sym)  # twice the triangles at each node
    triples = deg * (deg - 1)
    undirected = np.divide(triangles2, triples, out=np.zeros(n), where=triples > 0)
    a = mats.arcs
    both = (a + a.T).tocsr()  # 2 where the tie is mutual
    directed_t = _masked_rows(both, both, both) / 2.0
    total = _rows(a) + np.asarray(a.sum(axis=0)).ravel()
    mutual = _rows(a.multiply(a.T))
    possible = total * (total - 1) - 2 * mutual
    directed = np.divide(directed_t, possible, out=np.zeros(n), where=possible > 0)
    ego = mats.extra("ego", lambda: ego_measures(mats.arcs))
    hub, authority = hits(a)
    return {
        "clustering": undirected,
        "clustering_directed": directed,
        "clustering_ego": ego["density"],
        "hub": hub,
        "authority": authority,
        "cliques": _cliques(mats),
    }


def local_clustering(network: Network, *, relation: RelationLike = None) -> pd.DataFrame:
    """Clustering (three conventions), HITS and maximal cliques of every institution.

    Returns
    -------
    pandas.DataFrame
        ``id``, ``name``, ``type``, ``sector``, ``teryt``, ``clustering``,
        ``clustering_directed``, ``clustering_ego``, ``hub``, ``authority``, ``cliques``.

    >>> from kokon_graph.analysis._demo import demo_network
    >>> table = local_clustering(demo_network())
    >>> table[["id", "clustering", "cliques"]].head(2).values.tolist()
    [['OPS', 0.16666666666666666, 1], ['SZK', 1.0, 1]]
    """
    mats = cooperation_matrices(network, relation)
    frame = base_frame(network)
    for name, values in clustering_of(mats).items():
        frame[name] = values
    return frame
