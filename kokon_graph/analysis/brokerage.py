"""Gould–Fernandez brokerage roles, by a partition of the institutions.

Institution ``b`` *brokers* between ``a`` and ``c`` when the directed
cooperation graph has the two-path ``a -> b -> c`` with ``a != c`` and no arc
``a -> c`` (Gould & Fernandez 1989; UCINET's Network > Ego networks >
Brokerage and R's ``sna::brokerage`` count the same open two-paths). With
``G(x)`` the group of ``x`` in the partition (sector by default), each such
two-path gives ``b`` exactly one of five roles:

============== ================================ ====================
role           groups                           G&F symbol
============== ================================ ====================
coordinator    G(a) = G(b) = G(c)               w_I
itinerant      G(a) = G(c) != G(b) (consultant) w_O
gatekeeper     G(a) != G(b) = G(c)              b_OI
representative G(a) = G(b) != G(c)              b_IO
liaison        G(a), G(b), G(c) all different   b_O
============== ================================ ====================

The counts are computed with sparse products: for broker ``b`` the ordered
pairs (in-neighbour, out-neighbour) are counted by group from the in- and
out-neighbour group profiles, then the pairs with ``a = c`` (mutual
neighbours) and the closed pairs (an arc ``a -> c`` exists) are subtracted;
closed pairs are counted per broker as ``colsum(A ∘ (A Bᵀ))`` with ``B``
the adjacency restricted to the relevant group condition.

References
----------
Gould, R. V., & Fernandez, R. M. (1989). Structures of mediation: a formal
approach to brokerage in transaction networks. Sociological Methodology 19,
89–126. doi:10.2307/270949
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import scipy.sparse as sp

from kokon_graph.analysis._graphs import CoopMatrices, base_frame, cooperation_matrices
from kokon_graph.errors import PartitionError
from kokon_graph.graph import Network, RelationLike

__all__ = [
    "ROLES",
    "brokerage",
    "brokerage_counts",
    "brokerage_groups",
    "ei_index_of",
    "partition_values",
]

#: The five roles, in the order of the result's columns.
ROLES = ("coordinator", "itinerant", "gatekeeper", "representative", "liaison")


def partition_values(network: Network, partition: str) -> np.ndarray:
    """The value of ``partition`` (a column of ``network.institutions``) per institution."""
    inst = network.institutions
    if partition not in inst.columns:
        known = ", ".join(c for c in inst.columns if c not in ("id", "name"))
        raise PartitionError(
            f"institutions have no attribute {partition!r} to partition by",
            hint=f"use one of: {known}",
        )
    return inst[partition].fillna("").astype(str).to_numpy()


def _row_sums(matrix: sp.csr_array | sp.csc_array) -> np.ndarray:
    return np.asarray(matrix.sum(axis=1)).ravel()


def _col_sums(matrix: sp.csr_array | sp.csc_array) -> np.ndarray:
    return np.asarray(matrix.sum(axis=0)).ravel()


def _masked_product_colsum(
    mask: sp.csr_array, left: sp.csr_array, right_t: sp.csr_array
) -> np.ndarray:
    """Column sums of ``mask ∘ (left @ right_t)``, computed block by block of rows."""
    n = mask.shape[0]
    out = np.zeros(n)
    if mask.nnz == 0:
        return out
    step = 4096
    for start in range(0, n, step):
        stop = min(n, start + step)
        block_mask = mask[start:stop]
        if block_mask.nnz == 0:
            continue
        product = (left[start:stop] @ right_t).tocsr()
        out += _col_sums(block_mask.multiply(product))
    return out


def brokerage_counts(arcs: sp.csr_array, groups: np.ndarray) -> dict[str, np.ndarray]:
    """The five role counts per node of a binary directed adjacency matrix.

    Parameters
    ----------
    arcs
        Binary adjacency (``arcs[a, c] = 1`` for an arc ``a -> c``), no self-loops.
    groups
        Group label of each node.

    Examples
    --------
    The path ``x -> b -> y`` with ``x`` and ``b`` in one group and ``y`` in another
    makes ``b`` a representative:

    >>> import numpy as np, scipy.sparse as sp
    >>> a = sp.csr_array(([1.0, 1.0], ([0, 1], [1, 2])), shape=(3, 3))
    >>> counts = brokerage_counts(a, np.array(["g", "g", "h"]))
    >>> {role: int(v[1]) for role, v in counts.items()}
    {'coordinator': 0, 'itinerant': 0, 'gatekeeper': 0, 'representative': 1, 'liaison': 0}
    """
    n = arcs.shape[0]
    if n == 0:
        return {role: np.zeros(0, dtype=np.int64) for role in ROLES}
    a = arcs.tocsr().astype(np.float64)
    a.data[:] = 1.0
    codes, _ = pd.factorize(pd.Series(groups), sort=True)
    k = int(codes.max()) + 1 if n else 0
    onehot = sp.csr_array((np.ones(n), (np.arange(n), codes)), shape=(n, k))
    nin = (a.T @ onehot).toarray()  # in-neighbours of b by group
    nout = (a @ onehot).toarray()  # out-neighbours of b by group
    own = codes
    rows = np.arange(n)
    in_deg, out_deg = nin.sum(axis=1), nout.sum(axis=1)
    # a = c: mutual neighbours, always in one group
    mutual = a.multiply(a.T).tocsr()
    mut_total = _row_sums(mutual)
    same = a.tocoo()
    keep = codes[same.row] == codes[same.col]
    a_same = sp.csr_array((same.data[keep], (same.row[keep], same.col[keep])), shape=(n, n))
    mut_own = _row_sums(mutual.multiply(a_same))  # mutual neighbours in b's group
    # closed pairs (a -> c exists) through each broker b, by group condition
    a_t = a.T.tocsr()
    a_same_t = a_same.T.tocsr()
    closed_all = _masked_product_colsum(a, a, a_t)
    closed_c_own = _masked_product_colsum(a, a, a_same_t)  # g(c) = g(b)
    closed_a_own = _masked_product_colsum(a_same, a, a_t)  # g(a) = g(b)
    closed_ac_own = _masked_product_colsum(a_same, a, a_same_t)  # g(a) = g(b) = g(c)
    closed_a_eq_c = _masked_product_colsum(a, a_same, a_t)  # g(a) = g(c)
    # open pairs by group condition
    p_total = in_deg * out_deg - mut_total - closed_all
    p_own_own = nin[rows, own] * nout[rows, own] - mut_own - closed_ac_own
    p_diag = (nin * nout).sum(axis=1) - mut_total - closed_a_eq_c
    p_to_own = in_deg * nout[rows, own] - mut_own - closed_c_own
    p_from_own = nin[rows, own] * out_deg - mut_own - closed_a_own
    coordinator = p_own_own
    itinerant = p_diag - p_own_own
    gatekeeper = p_to_own - p_own_own
    representative = p_from_own - p_own_own
    liaison = p_total - coordinator - itinerant - gatekeeper - representative
    values = (coordinator, itinerant, gatekeeper, representative, liaison)
    return {role: np.rint(v).astype(np.int64) for role, v in zip(ROLES, values, strict=True)}


def ei_index_of(sym: sp.csr_array, groups: np.ndarray) -> np.ndarray:
    """Krackhardt–Stern E-I index of each node: (external − internal) / (external + internal).

    Ties are the edges of the symmetrised graph; NaN for an isolate.
    """
    n = sym.shape[0]
    coo = sym.tocoo()
    internal_edge = groups[coo.row] == groups[coo.col]
    internal = np.bincount(coo.row[internal_edge], minlength=n).astype(float)
    external = np.bincount(coo.row[~internal_edge], minlength=n).astype(float)
    total = internal + external
    out = np.full(n, np.nan)
    np.divide(external - internal, total, out=out, where=total > 0)
    return out


def _brokerage_frame(network: Network, mats: CoopMatrices, groups: np.ndarray) -> pd.DataFrame:
    counts = mats.extra(
        f"brokerage:{hash(tuple(groups))}", lambda: brokerage_counts(mats.arcs, groups)
    )
    frame = base_frame(network)
    frame["group"] = groups
    for role in ROLES:
        frame[role] = counts[role]
    frame["total"] = sum(counts[role] for role in ROLES)
    frame["ei_index"] = ei_index_of(mats.sym, groups)
    return frame


def brokerage(
    network: Network,
    *,
    relation: RelationLike = None,
    partition: str = "sector",
) -> pd.DataFrame:
    """Gould–Fernandez brokerage roles of every institution.

    Parameters
    ----------
    network
        The network.
    relation
        Only these cooperation kinds; all by default.
    partition
        The institution attribute whose values are the groups: ``sector``
        (default), ``type``, ``level``, ``powiat``, ``gmina``, ``voivodeship``
        or any extra column of the institutions table.

    Returns
    -------
    pandas.DataFrame
        ``id``, ``name``, ``type``, ``sector``, ``teryt``, ``group`` (the
        partition value), the five role counts, ``total`` and ``ei_index``
        (the institution's E-I index by the same partition).

    Raises
    ------
    PartitionError
        If institutions have no such attribute.

    Examples
    --------
    >>> from kokon_graph.analysis._demo import demo_network
    >>> table = brokerage(demo_network())
    >>> table.loc[table["id"] == "OPS", ["coordinator", "liaison", "total"]].to_dict("records")
    [{'coordinator': 0, 'liaison': 6, 'total': 6}]
    """
    mats = cooperation_matrices(network, relation)
    groups = partition_values(network, partition)
    return _brokerage_frame(network, mats, groups)


def brokerage_groups(table: pd.DataFrame) -> pd.DataFrame:
    """Totals of a :func:`brokerage` result per group (with the institutions counted).

    >>> from kokon_graph.analysis._demo import demo_network
    >>> int(brokerage_groups(brokerage(demo_network()))["total"].sum())
    7
    """
    cols = [*ROLES, "total"]
    if table.empty:
        return pd.DataFrame(
            {"group": pd.Series(dtype=str), "institutions": pd.Series(dtype="int64")}
            | {c: pd.Series(dtype="int64") for c in cols}
        )
    grouped = table.groupby("group", sort=True)
    out = grouped[cols].sum().reset_index()
    out.insert(1, "institutions", grouped.size().to_numpy())
    return out.sort_values(["total", "group"], ascending=[False, True], ignore_index=True)
