"""The group structure as two-mode (affiliation) data: institutions × groups.

Memberships of reflective, decision-maker and interdisciplinary teams form a
bipartite graph: an institution is tied to every group it (or one of its
staff) sits in; institutions are never tied to institutions, nor groups to
groups. Projecting it onto one mode loses information (two institutions
sharing one group and two sharing five look alike), so it is analysed as
what it is (Borgatti & Everett 1997):

* **degree**: the groups an institution sits in, the member institutions of a
  group; normalised by the size of the *other* mode (``d / n_groups`` for an
  institution, ``d / n_institutions`` for a group);
* **closeness**: ``(m + 2(n − 1)) / Σ d`` for a node of a mode of ``n`` nodes,
  the other mode holding ``m`` (the smallest possible farness in a bipartite
  graph over the actual one), times the share of the other nodes it reaches
  (as networkx's ``bipartite.closeness_centrality`` with ``normalized=True``:
  in a disconnected graph each part is computed separately);
* **betweenness**: raw shortest-path betweenness of the bipartite graph divided
  by the largest value a node of its mode can reach,
  ``½ [m²(s + 1)² + m(s + 1)(2t − s − 1) − t(2s − t + 3)]`` with
  ``s, t = divmod(n − 1, m)``;
* **eigenvector**: the leading singular vectors of the institutions × groups
  matrix ``B`` (``B v = σ u``, ``Bᵀ u = σ v``), each mode scaled to unit
  Euclidean norm — the leading eigenvector of the bipartite adjacency matrix
  with the two modes normalised separately, as Borgatti & Everett recommend;
* **density**: memberships / (institutions × groups);
* closeness and betweenness follow the rule of the one-mode measures: exact up to
  12,000 nodes (institutions plus groups) under ``"auto"``, above that the components
  larger than the pivot count are estimated from pivots of their own (column ``method``);
* **projections with overlap counts** (:func:`twomode_overlaps`): the pairs of
  institutions sharing at least one group, with the number of groups they
  share, and the pairs of groups sharing at least one member institution, with
  the number they share (``B Bᵀ`` and ``Bᵀ B`` off the diagonal).

Checked against the published two-mode values of the Davis Southern Women
network (Borgatti & Halgin 2011) in ``tests/analysis/test_twomode.py``.

References
----------
Borgatti, S. P., & Everett, M. G. (1997). Network analysis of 2-mode data.
Social Networks 19(3), 243–269. doi:10.1016/S0378-8733(96)00301-2

Borgatti, S. P., & Halgin, D. S. (2011). Analyzing affiliation networks. In
J. Scott & P. J. Carrington (eds.), The SAGE Handbook of Social Network
Analysis, 417–433. doi:10.4135/9781446294413.n28
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import scipy.sparse as sp
from scipy.sparse.linalg import ArpackNoConvergence, svds

from kokon_graph.analysis._graphs import CoopMatrices
from kokon_graph.analysis._paths import DEFAULT_EXACT_LIMIT, component_paths
from kokon_graph.analysis._tables import table_codes
from kokon_graph.graph import Network

__all__ = [
    "affiliation",
    "betweenness_maximum",
    "twomode",
    "twomode_density",
    "twomode_of",
    "twomode_overlaps",
]

MODES = ("institution", "group")


def affiliation(network: Network) -> tuple[sp.csr_array, list[str], list[str], list[str]]:
    """The binary institutions × groups matrix of ``network`` with group ids, names, types.

    A person's membership counts for the person's institution; rows follow
    ``network.institutions``, columns the scoped groups table.
    """
    codes = table_codes(network)
    groups = network.dataset.groups
    matrix = codes.members(np.arange(codes.n_groups))
    return (
        matrix,
        groups["id"].astype(str).tolist(),
        groups["name"].fillna("").astype(str).tolist(),
        groups["type"].fillna("").astype(str).tolist(),
    )


def betweenness_maximum(n: int, m: int) -> float:
    """Largest betweenness a node of a mode of ``n`` nodes can have, the other mode ``m``.

    Borgatti & Everett (1997), the maximum of the bipartite star-like graphs.

    >>> betweenness_maximum(1, 3)  # the centre of a star with 3 leaves: 3 pairs
    3.0
    """
    if n < 1 or m < 1:
        return float("nan")
    s, t = divmod(n - 1, m)
    return (m**2 * (s + 1) ** 2 + m * (s + 1) * (2 * t - s - 1) - t * (2 * s - t + 3)) / 2.0


def _bipartite(incidence: sp.csr_array) -> CoopMatrices:
    n1, n2 = incidence.shape
    b = sp.csr_array(incidence, dtype=np.float64)
    adj = sp.block_array([[None, b], [b.T, None]], format="csr", dtype=np.float64)
    if adj.shape != (n1 + n2, n1 + n2):  # an empty mode makes block_array drop a block
        adj = sp.csr_array((n1 + n2, n1 + n2), dtype=np.float64)
    adj.data[:] = 1.0
    adj.sort_indices()
    ids = [f"i{k}" for k in range(n1)] + [f"g{k}" for k in range(n2)]
    return CoopMatrices(ids=ids, arcs=adj, weights=adj.copy())


#: Up to this many cells (institutions × groups) the singular pair comes from the dense SVD;
#: above it from ARPACK (a region of 2,660 institutions and 1,260 groups: 0.02 s instead of
#: 4 s of the dense SVD, the same vectors to 1e-14).
DENSE_SVD_CELLS = 250_000


def _leading_pair(incidence: sp.csr_array) -> tuple[np.ndarray, np.ndarray]:
    """The leading left and right singular vectors of ``incidence`` (signs as they come).

    Only the leading pair is used, so a big matrix is not decomposed whole: ARPACK's Lanczos
    iteration (``svds``, a fixed start vector, converged to machine precision) finds it from
    sparse products; the dense SVD where the matrix is small or ARPACK does not converge.
    """
    n1, n2 = incidence.shape
    if n1 * n2 > DENSE_SVD_CELLS and min(n1, n2) >= 3:
        try:
            u_k, _, vt_k = svds(incidence.astype(np.float64), k=1, random_state=0)
        except ArpackNoConvergence:
            pass
        else:
            return u_k[:, 0], vt_k[0]
    u_all, _, vt_all = np.linalg.svd(incidence.toarray(), full_matrices=False)
    return u_all[:, 0], vt_all[0]


def _singular(incidence: sp.csr_array) -> tuple[np.ndarray, np.ndarray]:
    """Leading left and right singular vectors (non-negative, unit norm); NaN without ties."""
    n1, n2 = incidence.shape
    if incidence.nnz == 0:
        return np.full(n1, np.nan), np.full(n2, np.nan)
    u, v = _leading_pair(incidence)
    u, v = np.abs(u), np.abs(v)
    # a node without memberships has exactly 0 (the solver leaves rounding noise there)
    u[np.diff(incidence.tocsr().indptr) == 0] = 0.0
    v[np.diff(incidence.tocsc().indptr) == 0] = 0.0
    return u / np.linalg.norm(u), v / np.linalg.norm(v)


def twomode_of(
    incidence: sp.csr_array,
    *,
    betweenness: str | int = "auto",
    exact_limit: int = DEFAULT_EXACT_LIMIT,
    seed: int = 0,
) -> dict[str, np.ndarray]:
    """Two-mode centrality of every row node, then every column node, of ``incidence``.

    Returns arrays over ``n1 + n2`` nodes (rows first): ``degree``,
    ``degree_norm``, ``closeness``, ``closeness_norm``, ``betweenness``,
    ``betweenness_norm``, ``eigenvector``, ``method`` (``exact`` or the pivots used for
    closeness and betweenness, as in :func:`~kokon_graph.analysis.centrality.centrality`).
    """
    n1, n2 = incidence.shape
    total = n1 + n2
    mats = _bipartite(incidence)
    degree = np.asarray(mats.arcs.sum(axis=1)).ravel()
    other = np.concatenate([np.full(n1, float(n2)), np.full(n2, float(n1))])
    own = np.concatenate([np.full(n1, float(n1)), np.full(n2, float(n2))])
    far, reach, raw, method = component_paths(
        mats.sym, betweenness=betweenness, exact_limit=exact_limit, seed=seed
    )
    closeness = np.divide(1.0, far, out=np.zeros(total), where=far > 0)
    minimum = other + 2.0 * (own - 1.0)
    share = reach / (total - 1) if total > 1 else np.zeros(total)
    closeness_norm = np.divide(minimum, far, out=np.zeros(total), where=far > 0) * share
    maxima = np.concatenate(
        [np.full(n1, betweenness_maximum(n1, n2)), np.full(n2, betweenness_maximum(n2, n1))]
    )
    betweenness_norm = np.full(total, np.nan)
    np.divide(raw, maxima, out=betweenness_norm, where=maxima > 0)
    u, v = _singular(incidence)
    return {
        "degree": degree.astype(np.int64),
        "degree_norm": np.divide(degree, other, out=np.full(total, np.nan), where=other > 0),
        "closeness": closeness,
        "closeness_norm": closeness_norm,
        "betweenness": raw,
        "betweenness_norm": betweenness_norm,
        "eigenvector": np.concatenate([u, v]),
        "method": method,
    }


def twomode(
    network: Network,
    *,
    betweenness: str | int = "auto",
    exact_limit: int = DEFAULT_EXACT_LIMIT,
    seed: int = 0,
) -> pd.DataFrame:
    """Two-mode centrality of every institution and every group (Borgatti & Everett 1997).

    Returns
    -------
    pandas.DataFrame
        ``mode`` (``institution`` or ``group``), ``id``, ``name``, ``type``,
        ``degree``, ``degree_norm``, ``closeness``, ``closeness_norm``,
        ``betweenness``, ``betweenness_norm``, ``eigenvector``, ``method``:
        institutions first (in the order of ``network.institutions``), then groups.

    Examples
    --------
    >>> from kokon_graph.analysis._demo import demo_network
    >>> table = twomode(demo_network())
    >>> table.loc[table["mode"] == "group", ["id", "degree", "degree_norm"]].values.tolist()
    [['ZI', 3, 0.5]]
    """
    matrix, group_ids, group_names, group_types = affiliation(network)
    cols = twomode_of(matrix, betweenness=betweenness, exact_limit=exact_limit, seed=seed)
    inst = network.institutions
    n1 = len(inst)
    frame = pd.DataFrame(
        {
            "mode": [MODES[0]] * n1 + [MODES[1]] * len(group_ids),
            "id": [str(i) for i in inst.index] + group_ids,
            "name": inst["name"].fillna("").astype(str).tolist() + group_names,
            "type": inst["type"].fillna("").astype(str).tolist() + group_types,
        }
    )
    for name, values in cols.items():
        frame[name] = values
    return frame


def twomode_density(network: Network) -> dict[str, float]:
    """``groups``, ``memberships`` and two-mode density ``memberships / (n × groups)``.

    >>> from kokon_graph.analysis._demo import demo_network
    >>> twomode_density(demo_network())
    {'groups': 1, 'memberships': 3, 'twomode_density': 0.5}
    """
    matrix, group_ids, _, _ = affiliation(network)
    cells = matrix.shape[0] * matrix.shape[1]
    return {
        "groups": len(group_ids),
        "memberships": int(matrix.nnz),
        "twomode_density": matrix.nnz / cells if cells else float("nan"),
    }


def _overlap_pairs(
    product: sp.csr_array, ids: list[str], names: list[str], mode: str
) -> pd.DataFrame:
    """Each pair once, the smaller id first, largest overlap first (then by the ids)."""
    upper = sp.triu(product, k=1).tocoo()
    id_arr = pd.array(ids, dtype="str")  # taken from once per column (fast, C++)
    name_arr = pd.array(names, dtype="str")
    rank = np.empty(len(ids), dtype=np.int64)
    rank[np.argsort(np.asarray(ids, dtype=str), kind="stable")] = np.arange(len(ids))
    swap = rank[upper.row] > rank[upper.col]
    first = np.where(swap, upper.col, upper.row)
    second = np.where(swap, upper.row, upper.col)
    overlap = np.rint(upper.data).astype(np.int64)
    order = np.lexsort((rank[second], rank[first], -overlap))
    first, second, overlap = first[order], second[order], overlap[order]
    return pd.DataFrame(
        {
            "mode": mode,
            "source": id_arr.take(first),
            "target": id_arr.take(second),
            "source_name": name_arr.take(first),
            "target_name": name_arr.take(second),
            "overlap": overlap,
        }
    )


def twomode_overlaps(network: Network) -> pd.DataFrame:
    """Both one-mode projections of the affiliation network, with overlap counts.

    Returns
    -------
    pandas.DataFrame
        ``mode`` (``institution``: two institutions and the number of groups
        both sit in; ``group``: two groups and the number of institutions
        sitting in both), ``source``, ``target`` (each pair once),
        ``source_name``, ``target_name``, ``overlap``; largest overlap first.

    >>> from kokon_graph.analysis._demo import demo_network
    >>> twomode_overlaps(demo_network())[["source", "target", "overlap"]].values.tolist()
    [['KPP', 'OPS', 1], ['KPP', 'SZK', 1], ['OPS', 'SZK', 1]]
    """
    matrix, group_ids, group_names, _ = affiliation(network)
    inst = network.institutions
    inst_ids = [str(i) for i in inst.index]
    inst_names = inst["name"].fillna("").astype(str).tolist()
    by_inst = _overlap_pairs((matrix @ matrix.T).tocsr(), inst_ids, inst_names, MODES[0])
    by_group = _overlap_pairs((matrix.T @ matrix).tocsr(), group_ids, group_names, MODES[1])
    return pd.concat([by_inst, by_group], ignore_index=True)
