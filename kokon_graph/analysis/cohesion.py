"""Cohesion and fragility: cut points, bridges, k-cores and what an actor's exit costs.

All on the symmetrised cooperation graph (an undirected edge wherever an arc
exists in either direction):

* an **articulation point** (cut point) is an institution whose removal
  disconnects its component;
* a **bridge** is a tie whose removal disconnects its component;
* the **core number** is the largest ``k`` such that the institution belongs
  to the ``k``-core (Seidman 1983; Batagelj & Zaversnik 2003);
* **pairs lost** is the number of ordered pairs of *other* institutions that
  can reach each other now and could not if the institution left, and
  **reach loss** that number divided by all such reachable pairs (the share
  of reachable pairs lost; 0 for an institution that is not a cut point).

One depth-first search (Hopcroft & Tarjan 1973) gives the cut points, the
bridges and the sizes of the pieces each removal leaves, for every node at
once, in time linear in the size of the graph.

References
----------
Hopcroft, J., & Tarjan, R. (1973). Algorithm 447: efficient algorithms for
graph manipulation. Communications of the ACM 16(6), 372–378.
doi:10.1145/362248.362272

Batagelj, V., & Zaversnik, M. (2003). An O(m) algorithm for cores
decomposition of networks. arXiv:cs/0310049
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import scipy.sparse as sp
from scipy.sparse import csgraph

from kokon_graph.analysis._graphs import CoopMatrices, base_frame, cooperation_matrices
from kokon_graph.graph import Network, RelationLike

__all__ = ["Fragility", "bridges", "cohesion", "core_numbers", "fragility"]


@dataclass
class Fragility:
    """Cut points, bridges and removal costs of an undirected graph."""

    component: np.ndarray  # component label of each node (0 = largest)
    component_size: np.ndarray
    articulation: np.ndarray  # bool
    pairs_lost: np.ndarray  # ordered pairs of other nodes disconnected by the removal
    reach_loss: np.ndarray  # pairs_lost / reachable ordered pairs of other nodes
    bridge_source: np.ndarray
    bridge_target: np.ndarray
    bridge_pairs_lost: np.ndarray  # ordered pairs disconnected by removing the bridge


def fragility(sym: sp.csr_array) -> Fragility:
    """Cut points, bridges and removal costs of the undirected graph ``sym``.

    >>> import scipy.sparse as sp
    >>> path = sp.csr_array(([1.0] * 4, ([0, 1, 1, 2], [1, 0, 2, 1])), shape=(3, 3))
    >>> f = fragility(path)
    >>> f.articulation.tolist(), f.pairs_lost.tolist()
    ([False, True, False], [0, 2, 0])
    """
    n = sym.shape[0]
    graph = sym.tocsr()
    graph.sort_indices()
    indptr = graph.indptr.tolist()
    indices = graph.indices.tolist()
    ncomp, raw_labels = csgraph.connected_components(graph, directed=False)
    sizes_raw = np.bincount(raw_labels, minlength=ncomp)
    # relabel components: largest first, ties by lowest node
    first = np.full(ncomp, n)
    np.minimum.at(first, raw_labels, np.arange(n))
    order = np.lexsort((first, -sizes_raw))
    relabel = np.empty(ncomp, dtype=np.int64)
    relabel[order] = np.arange(ncomp)
    labels = relabel[raw_labels]
    comp_size = sizes_raw[raw_labels]

    disc = [-1] * n
    low = [0] * n
    sub = [1] * n
    parent = [-1] * n
    ptr = indptr[:-1].copy()
    sep_sum = [0] * n
    sep_sq = [0] * n
    sep_count = [0] * n
    b_src: list[int] = []
    b_dst: list[int] = []
    b_size: list[int] = []
    clock = 0
    for root in range(n):
        if disc[root] != -1:
            continue
        disc[root] = low[root] = clock
        clock += 1
        stack = [root]
        while stack:
            v = stack[-1]
            i = ptr[v]
            if i < indptr[v + 1]:
                ptr[v] = i + 1
                w = indices[i]
                if disc[w] == -1:
                    parent[w] = v
                    disc[w] = low[w] = clock
                    clock += 1
                    stack.append(w)
                elif w != parent[v] and disc[w] < low[v]:
                    low[v] = disc[w]
                continue
            stack.pop()
            p = parent[v]
            if p == -1:
                continue
            if low[v] < low[p]:
                low[p] = low[v]
            sub[p] += sub[v]
            if low[v] >= disc[p]:
                sep_sum[p] += sub[v]
                sep_sq[p] += sub[v] * (sub[v] - 1)
                sep_count[p] += 1
            if low[v] > disc[p]:
                b_src.append(p)
                b_dst.append(v)
                b_size.append(sub[v])
    s = comp_size.astype(np.int64)
    is_root = np.asarray(parent) == -1
    count = np.asarray(sep_count)
    articulation = np.where(is_root, count >= 2, count >= 1)
    rest = s - 1 - np.asarray(sep_sum)
    after = np.asarray(sep_sq) + rest * (rest - 1)
    before = (s - 1) * (s - 2)
    pairs_lost = np.where(articulation, before - after, 0).astype(np.int64)
    reachable_all = int((sizes_raw * (sizes_raw - 1)).sum())
    others = reachable_all - 2 * (s - 1)
    reach_loss = np.divide(pairs_lost, others, out=np.zeros(n), where=others > 0)
    bs = np.asarray(b_src, dtype=np.int64)
    bt = np.asarray(b_dst, dtype=np.int64)
    bsize = np.asarray(b_size, dtype=np.int64)
    bcomp = s[bs] if len(bs) else np.zeros(0, dtype=np.int64)
    return Fragility(
        component=labels,
        component_size=s,
        articulation=articulation,
        pairs_lost=pairs_lost,
        reach_loss=reach_loss,
        bridge_source=bs,
        bridge_target=bt,
        bridge_pairs_lost=2 * bsize * (bcomp - bsize),
    )


def core_numbers(mats: CoopMatrices) -> np.ndarray:
    """k-core number of every node of the symmetrised graph (igraph's ``coreness``)."""
    if mats.n == 0:
        return np.zeros(0, dtype=np.int64)
    return np.asarray(mats.ig_sym.coreness(mode="all"), dtype=np.int64)


def _fragility_of(mats: CoopMatrices) -> Fragility:
    result: Fragility = mats.extra("fragility", lambda: fragility(mats.sym))
    return result


def cohesion(network: Network, *, relation: RelationLike = None) -> pd.DataFrame:
    """Cut points, bridges, core numbers and removal costs of every institution.

    Returns
    -------
    pandas.DataFrame
        ``id``, ``name``, ``type``, ``sector``, ``teryt``, ``component``
        (0 = the largest), ``component_size``, ``articulation_point``,
        ``bridges`` (bridge ties it holds), ``core_number``, ``pairs_lost``
        and ``reach_loss``.

    Examples
    --------
    >>> from kokon_graph.analysis._demo import demo_network
    >>> table = cohesion(demo_network())
    >>> table.loc[table["articulation_point"], "id"].tolist()
    ['OPS', 'PCPR']
    """
    mats = cooperation_matrices(network, relation)
    frag = _fragility_of(mats)
    held = np.bincount(np.concatenate([frag.bridge_source, frag.bridge_target]), minlength=mats.n)
    frame = base_frame(network)
    frame["component"] = frag.component
    frame["component_size"] = frag.component_size
    frame["articulation_point"] = frag.articulation.astype(bool)
    frame["bridges"] = held.astype(np.int64)
    frame["core_number"] = core_numbers(mats)
    frame["pairs_lost"] = frag.pairs_lost
    frame["reach_loss"] = frag.reach_loss
    return frame


def bridges(network: Network, *, relation: RelationLike = None) -> pd.DataFrame:
    """The bridge ties of the symmetrised cooperation graph.

    Returns
    -------
    pandas.DataFrame
        ``source``, ``target`` (institution ids, the pair written once),
        ``source_name``, ``target_name`` and ``pairs_lost`` (ordered pairs of
        institutions that could no longer reach each other without the tie),
        the most damaging first.

    >>> from kokon_graph.analysis._demo import demo_network
    >>> bridges(demo_network())[["source", "target", "pairs_lost"]].values.tolist()
    [['OPS', 'PCPR', 16], ['OPS', 'NGO', 10], ['PCPR', 'KPP', 10]]
    """
    mats = cooperation_matrices(network, relation)
    frag = _fragility_of(mats)
    ids = np.asarray(mats.ids, dtype=object)
    names = network.institutions["name"].astype(str).to_numpy()
    frame = pd.DataFrame(
        {
            "source": ids[frag.bridge_source].astype(str),
            "target": ids[frag.bridge_target].astype(str),
            "source_name": names[frag.bridge_source].astype(str),
            "target_name": names[frag.bridge_target].astype(str),
            "pairs_lost": frag.bridge_pairs_lost.astype(np.int64),
        }
    )
    return frame.sort_values(
        ["pairs_lost", "source", "target"], ascending=[False, True, True], ignore_index=True
    )
