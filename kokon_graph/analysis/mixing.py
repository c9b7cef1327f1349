"""Mixing between groups of institutions: E-I index, the group-by-group tie matrix,
and multiplexity across relations.

* The **E-I index** (Krackhardt & Stern 1988) of a set of ties is
  ``(E − I) / (E + I)``, ``E`` the ties between groups and ``I`` the ties within
  them: −1 when every tie stays inside a group, +1 when every tie crosses.
  It is given for the whole network (:func:`ei_index`), per group
  (:func:`mixing_groups`: ties of the group's members) and per institution
  (column ``ei_index`` of :func:`~kokon_graph.analysis.brokerage.brokerage`),
  always on the edges of the symmetrised cooperation graph.
* The **mixing matrix** (:func:`mixing`) counts the arcs from each group to
  each group, with the count expected if arcs fell at random with the
  network's density.
* **Multiplexity** (:func:`multiplexity`): of the pairs of institutions tied
  in at least one relation — cooperation (either direction), referral (either
  direction) or co-membership of a group — the share tied in two or more.

References
----------
Krackhardt, D., & Stern, R. N. (1988). Informal networks and organizational
crises: an experimental simulation. Social Psychology Quarterly 51(2),
123–140. doi:10.2307/2786835
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import scipy.sparse as sp

from kokon_graph.analysis._graphs import cooperation_matrices
from kokon_graph.analysis._tables import table_codes
from kokon_graph.analysis.brokerage import partition_values
from kokon_graph.graph import Network, RelationLike

__all__ = ["ei_index", "mixing", "mixing_groups", "multiplexity"]

#: Above this many groups the mixing matrix lists only the pairs with ties.
FULL_MATRIX_LIMIT = 50


def ei_index(sym: sp.csr_array, groups: np.ndarray) -> float:
    """E-I index of the edges of a symmetric adjacency matrix (NaN without edges).

    >>> import numpy as np, scipy.sparse as sp
    >>> path = sp.csr_array(([1.0] * 4, ([0, 1, 1, 2], [1, 0, 2, 1])), shape=(3, 3))
    >>> ei_index(path, np.array(["x", "x", "y"]))
    0.0
    """
    coo = sp.triu(sym, k=1).tocoo()
    if coo.nnz == 0:
        return float("nan")
    internal = int(np.count_nonzero(groups[coo.row] == groups[coo.col]))
    external = coo.nnz - internal
    return (external - internal) / (external + internal)


def mixing(
    network: Network,
    *,
    relation: RelationLike = None,
    partition: str = "sector",
) -> pd.DataFrame:
    """The group-by-group matrix of cooperation arcs, in long form.

    Returns
    -------
    pandas.DataFrame
        ``partition``, ``source_group``, ``target_group``, ``ties`` (arcs from
        a member of the source group to a member of the target group),
        ``share`` (of all arcs), ``expected`` (arcs expected at the network's
        density: ``density × n_s × n_t``, or ``n_s (n_s − 1)`` within a group)
        and ``ratio`` (``ties / expected``). Every pair of groups is listed
        when there are at most 50 groups, otherwise only pairs with ties.

    Examples
    --------
    >>> from kokon_graph.analysis._demo import demo_network
    >>> table = mixing(demo_network())
    >>> table.loc[table["ties"] > 0, ["source_group", "target_group", "ties"]].values[:2].tolist()
    [['education', 'health', 1], ['education', 'social_assistance', 1]]
    """
    mats = cooperation_matrices(network, relation)
    groups = partition_values(network, partition)
    labels, codes = np.unique(groups, return_inverse=True)
    k, n = len(labels), mats.n
    coo = mats.arcs.tocoo()
    counts = np.zeros((k, k), dtype=np.int64)
    np.add.at(counts, (codes[coo.row], codes[coo.col]), 1)
    sizes = np.bincount(codes, minlength=k).astype(float)
    possible = np.outer(sizes, sizes) - np.diag(sizes)
    density = coo.nnz / (n * (n - 1)) if n > 1 else 0.0
    expected = possible * density
    grid_src, grid_dst = np.meshgrid(np.arange(k), np.arange(k), indexing="ij")
    src, dst = grid_src.ravel(), grid_dst.ravel()
    ties = counts.ravel()
    if k > FULL_MATRIX_LIMIT:
        keep = ties > 0
        src, dst, ties = src[keep], dst[keep], ties[keep]
    exp = expected[src, dst]
    total = max(coo.nnz, 1)
    return pd.DataFrame(
        {
            "partition": partition,
            "source_group": labels[src].astype(str) if k else np.array([], dtype=str),
            "target_group": labels[dst].astype(str) if k else np.array([], dtype=str),
            "ties": ties.astype(np.int64),
            "share": ties / total,
            "expected": exp,
            "ratio": np.divide(ties, exp, out=np.full(len(ties), np.nan), where=exp > 0),
        }
    ).sort_values(["source_group", "target_group"], ignore_index=True)


def mixing_groups(
    network: Network,
    *,
    relation: RelationLike = None,
    partition: str = "sector",
) -> pd.DataFrame:
    """Per group: institutions, internal and external ties, and the group's E-I index.

    Internal ties join two members of the group; external ties join a member
    to an outsider (edges of the symmetrised graph).

    >>> from kokon_graph.analysis._demo import demo_network
    >>> mixing_groups(demo_network())["ei_index"].tolist()
    [1.0, 1.0, 1.0, 1.0, 1.0, 1.0]
    """
    mats = cooperation_matrices(network, relation)
    groups = partition_values(network, partition)
    labels, codes = np.unique(groups, return_inverse=True)
    k = len(labels)
    coo = sp.triu(mats.sym, k=1).tocoo()
    gr, gc = codes[coo.row], codes[coo.col]
    same = gr == gc
    internal = np.bincount(gr[same], minlength=k)
    external = np.bincount(gr[~same], minlength=k) + np.bincount(gc[~same], minlength=k)
    total = internal + external
    ei = np.divide(external - internal, total, out=np.full(k, np.nan), where=total > 0)
    return pd.DataFrame(
        {
            "partition": partition,
            "group": labels.astype(str),
            "institutions": np.bincount(codes, minlength=k).astype(np.int64),
            "internal": internal.astype(np.int64),
            "external": external.astype(np.int64),
            "ei_index": ei,
        }
    )


def _pairs(matrix: sp.csr_array | sp.coo_array, n: int) -> np.ndarray:
    """Unordered pairs (i < j) holding a nonzero in either direction, as ``i * n + j`` codes."""
    coo = sp.coo_array(matrix)
    lo = np.minimum(coo.row, coo.col).astype(np.int64)
    hi = np.maximum(coo.row, coo.col).astype(np.int64)
    keep = lo != hi
    return np.unique(lo[keep] * n + hi[keep])


def comembership_pairs(network: Network) -> np.ndarray:
    """Unordered institution pairs sitting together in at least one group (codes ``i*n+j``).

    A person's membership counts for the person's institution.
    """
    codes = table_codes(network)
    incidence = codes.members(np.arange(codes.n_groups))
    together = sp.triu(incidence @ incidence.T, k=1)
    return _pairs(together, codes.n_institutions)


def referral_pairs(network: Network) -> np.ndarray:
    """Unordered institution pairs joined by at least one referral (codes ``i*n+j``)."""
    codes = table_codes(network)
    n = codes.n_institutions
    keep = (codes.ref_source >= 0) & (codes.ref_target >= 0)
    s, d = codes.ref_source[keep], codes.ref_target[keep]
    return _pairs(sp.coo_array((np.ones(len(s)), (s, d)), shape=(n, n)), n)


def multiplexity(network: Network, *, relation: RelationLike = None) -> dict[str, float]:
    """Pairs tied by cooperation, referral and co-membership, and the multiplex share.

    Returns
    -------
    dict
        ``pairs_cooperation``, ``pairs_referral``, ``pairs_comembership``,
        ``tied_pairs`` (in at least one relation), ``multiplex_pairs`` (in two
        or more) and ``multiplexity`` (``multiplex_pairs / tied_pairs``, NaN
        without ties).

    >>> from kokon_graph.analysis._demo import demo_network
    >>> multiplexity(demo_network())["multiplex_pairs"]
    2
    """
    mats = cooperation_matrices(network, relation)
    n = mats.n
    coop = _pairs(mats.sym, n)
    refs = referral_pairs(network)
    comem = comembership_pairs(network)
    allpairs = np.concatenate([coop, refs, comem])
    codes, counts = np.unique(allpairs, return_counts=True)
    tied = len(codes)
    multiplex = int(np.count_nonzero(counts >= 2))
    return {
        "pairs_cooperation": len(coop),
        "pairs_referral": len(refs),
        "pairs_comembership": len(comem),
        "tied_pairs": tied,
        "multiplex_pairs": multiplex,
        "multiplexity": multiplex / tied if tied else float("nan"),
    }
