"""Burt's structural-hole measures: effective size, efficiency, constraint, hierarchy.

Definitions (Burt 1992, ch. 2; the notation of networkx's documentation):
with ``z_ij`` the tie from ``i`` to ``j`` (1, or its weight), the *mutual
weight* is ``m_ij = z_ij + z_ji``; ``p_ij = m_ij / Σ_q m_iq`` is the share of
``i``'s relations invested in ``j``, and ``M_ij = m_ij / max_q m_jq`` is
``j``'s tie to ``i`` relative to ``j``'s strongest tie. For the contacts
``N(i)`` (neighbours in either direction, ``|N(i)| = N``):

* effective size ``ES_i = Σ_{j∈N(i)} (1 − Σ_{q≠i,j} p_iq M_jq)``;
* efficiency ``ES_i / N``;
* dyadic constraint ``c_ij = (p_ij + Σ_{q≠i,j} p_iq p_qj)²`` and constraint
  ``C_i = Σ_{j∈N(i)} c_ij``;
* hierarchy ``H_i = Σ_j r_ij ln r_ij / (N ln N)`` with ``r_ij = c_ij / (C_i / N)``
  (undefined, NaN, for ``N < 2``).

All four are computed for every node at once with sparse matrices:
``ES_i = N_i − Σ_{j∈N(i)} (P Mᵀ)_ij`` and ``C_i = Σ_{j∈N(i)} (P + P P)_ij²``,
the products kept only on the ties (blocks of rows keep memory bounded). An
isolate has NaN for every measure, as in networkx.

networkx 3.6.1 notes: its default (vectorised) weighted ``effective_size``
divides by the maximum in the wrong axis and disagrees with the definition
(and with its own per-node form), and builds dense ``n × n`` matrices; its
per-node form returns NaN for an actor that only receives ties (it looks for
neighbours among successors only). The tests check this module against Burt's
definitions enumerated literally, against networkx's per-node form where that
is defined, against igraph's constraint, and against the values networkx's
test-suite takes from UCINET and Borgatti (1997).

References
----------
Burt, R. S. (1992). Structural Holes: The Social Structure of Competition.
Harvard University Press. doi:10.4159/9780674029095

Borgatti, S. P. (1997). Structural holes: unpacking Burt's redundancy
measures. Connections 20(1), 35–38.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import scipy.sparse as sp

from kokon_graph.analysis._graphs import CoopMatrices, base_frame, cooperation_matrices
from kokon_graph.graph import Network, RelationLike

__all__ = ["burt_measures", "structural_holes"]

_STEP = 4096


def _masked_rows(mask: sp.csr_array, left: sp.csr_array, right: sp.csr_array) -> sp.csr_array:
    """``mask ∘ (left @ right)`` (only where ``mask`` is nonzero), computed by blocks of rows."""
    n = mask.shape[0]
    parts = []
    for start in range(0, n, _STEP):
        stop = min(n, start + _STEP)
        block = (left[start:stop] @ right).tocsr()
        pattern = mask[start:stop].copy()
        pattern.data[:] = 1.0
        parts.append(pattern.multiply(block).tocsr())
    if not parts:
        return sp.csr_array(mask.shape)
    out: sp.csr_array = sp.vstack(parts, format="csr")
    return out


def burt_measures(weights: sp.csr_array) -> dict[str, np.ndarray]:
    """Effective size, efficiency, constraint and hierarchy of every node.

    Parameters
    ----------
    weights
        Directed adjacency matrix ``z`` (binary or weighted), no self-loops.

    Examples
    --------
    A star (centre 0) has no redundancy: effective size 3, constraint 1/3.

    >>> import scipy.sparse as sp
    >>> star = sp.csr_array(([1.0] * 3, ([0, 0, 0], [1, 2, 3])), shape=(4, 4))
    >>> m = burt_measures(star)
    >>> float(m["effective_size"][0]), round(float(m["constraint"][0]), 4)
    (3.0, 0.3333)
    """
    n = weights.shape[0]
    z = weights.tocsr().astype(np.float64)
    z.setdiag(0)
    z.eliminate_zeros()
    mutual = (z + z.T).tocsr()
    mutual.sort_indices()
    contacts = np.diff(mutual.indptr).astype(float)
    row_total = np.asarray(mutual.sum(axis=1)).ravel()
    row_max = np.asarray(mutual.max(axis=1).toarray()).ravel()
    inv_total = np.divide(1.0, row_total, out=np.zeros(n), where=row_total > 0)
    inv_max = np.divide(1.0, row_max, out=np.zeros(n), where=row_max > 0)
    p = (sp.diags_array(inv_total) @ mutual).tocsr()
    m_rel = (sp.diags_array(inv_max) @ mutual).tocsr()  # m_rel[j, q] = M_jq
    binary = mutual.copy()
    binary.data[:] = 1.0
    # redundancy of i's contact j: Σ_q p_iq M_jq ; restricted to the ties (i, j)
    redundancy = _masked_rows(binary, p, m_rel.T.tocsr())
    effective = contacts - np.asarray(redundancy.sum(axis=1)).ravel()
    # constraint: c_ij = (p_ij + Σ_q p_iq p_qj)², summed over j ∈ N(i)
    indirect = _masked_rows(binary, p, p)
    dyadic = (p + indirect).tocsr()
    dyadic.data **= 2
    constraint = np.asarray(dyadic.sum(axis=1)).ravel()
    # hierarchy: concentration of the constraint on a few contacts
    hierarchy = np.full(n, np.nan)
    row_of = np.repeat(np.arange(n), np.diff(dyadic.indptr))
    mean_c = np.divide(constraint, contacts, out=np.zeros(n), where=contacts > 0)
    r = np.divide(
        dyadic.data, mean_c[row_of], out=np.zeros_like(dyadic.data), where=mean_c[row_of] > 0
    )
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = np.where(r > 0, r * np.log(r), 0.0)
    sums = np.bincount(row_of, weights=terms, minlength=n)
    defined = contacts >= 2
    hierarchy[defined] = sums[defined] / (contacts[defined] * np.log(contacts[defined]))
    isolated = contacts == 0
    effective[isolated] = np.nan
    constraint[isolated] = np.nan
    efficiency = np.divide(effective, contacts, out=np.full(n, np.nan), where=contacts > 0)
    return {
        "contacts": contacts.astype(np.int64),
        "effective_size": effective,
        "efficiency": efficiency,
        "constraint": constraint,
        "hierarchy": hierarchy,
    }


def _holes_of(mats: CoopMatrices) -> dict[str, np.ndarray]:
    plain = burt_measures(mats.arcs)
    weighted = burt_measures(mats.weights)
    cols = dict(plain)
    for key in ("effective_size", "efficiency", "constraint", "hierarchy"):
        cols[f"{key}_weighted"] = weighted[key]
    return cols


def structural_holes(network: Network, *, relation: RelationLike = None) -> pd.DataFrame:
    """Burt's structural-hole measures of every institution, unweighted and weighted.

    Parameters
    ----------
    network
        The network.
    relation
        Only these cooperation kinds; all by default.

    Returns
    -------
    pandas.DataFrame
        ``id``, ``name``, ``type``, ``sector``, ``teryt``, ``contacts`` and
        ``effective_size``, ``efficiency``, ``constraint``, ``hierarchy`` on
        binary ties, then the same four with tie weights (``*_weighted``).
        NaN for an institution without ties (and hierarchy with fewer than two
        contacts).

    Examples
    --------
    >>> from kokon_graph.analysis._demo import demo_network
    >>> table = structural_holes(demo_network())
    >>> table.loc[table["id"] == "OPS", ["contacts", "effective_size"]].to_dict("records")
    [{'contacts': 4, 'effective_size': 3.5833333333333335}]
    """
    mats = cooperation_matrices(network, relation)
    cols = mats.extra("holes", lambda: _holes_of(mats))
    frame = base_frame(network)
    for name, values in cols.items():
        frame[name] = values
    return frame
