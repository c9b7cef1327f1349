"""Network-level measures: size, density, reciprocity, centralization, paths,
clustering, components, mixing and communities — one row per network.

Definitions (Wasserman & Faust 1994 unless said otherwise), for the directed
cooperation graph with ``n`` institutions and ``L`` arcs:

* ``density = L / (n (n − 1))``; on the symmetrised graph with ``E`` edges
  ``density_sym = 2E / (n (n − 1))``;
* ``reciprocity_arc`` = reciprocated arcs / arcs (networkx
  ``overall_reciprocity``); ``reciprocity_dyad`` = mutual dyads / (mutual +
  asymmetric dyads);
* Freeman centralization ``Σ_i (c* − c_i) / max``, where ``c*`` is the
  largest score and ``max`` the value of that sum in the most centralized
  graph of the same size (a star): ``(n−1)²`` for in- and out-degree,
  ``2(n−1)(n−2)`` for total degree ``in + out``, ``(n−1)(n−2)`` for
  symmetrised degree; ``n − 1`` for normalised betweenness;
  ``(n−1)(n−2)/(2n−3)`` for the normalised closeness of the symmetrised graph
  (Freeman 1978);
* ``diameter`` and ``avg_path_length`` over the ordered pairs joined by a
  path (directed, then on the symmetrised graph); estimated from the pivot
  sources when betweenness is sampled (``path_method``) — the diameter is
  then a lower bound;
* ``transitivity`` = 3 × triangles / connected triples, ``avg_clustering``
  the mean local clustering coefficient (zero for nodes with fewer than two
  neighbours), both on the symmetrised graph, as networkx's ``transitivity``
  and ``average_clustering``.

References
----------
Wasserman, S., & Faust, K. (1994). Social Network Analysis: Methods and
Applications. Cambridge University Press. doi:10.1017/CBO9780511815478

Freeman, L. C. (1978). Centrality in social networks: conceptual
clarification. Social Networks 1(3), 215–239. doi:10.1016/0378-8733(78)90021-7
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import scipy.sparse as sp
from scipy.sparse import csgraph

from kokon_graph.analysis._graphs import CoopMatrices, cooperation_matrices
from kokon_graph.analysis._paths import (
    DEFAULT_EXACT_LIMIT,
    choose_method,
    path_stats,
)
from kokon_graph.analysis.brokerage import partition_values
from kokon_graph.analysis.centrality import centrality_of
from kokon_graph.analysis.communities import detect
from kokon_graph.analysis.mixing import ei_index, multiplexity
from kokon_graph.errors import OptionError
from kokon_graph.graph import Network, Relation, RelationLike

__all__ = ["centralization", "clustering", "network_by_territory", "network_measures"]


def centralization(values: np.ndarray, maximum: float) -> float:
    """Freeman centralization: ``Σ (max(values) − values) / maximum`` (NaN if undefined).

    >>> import numpy as np
    >>> centralization(np.array([3.0, 1.0, 1.0, 1.0]), 3 * 2)  # star of 4: degree
    1.0
    """
    if len(values) < 3 or maximum <= 0:
        return float("nan")
    v = np.asarray(values, dtype=float)
    return float((v.max() - v).sum() / maximum)


def clustering(sym: sp.csr_array) -> tuple[float, float]:
    """``(transitivity, average clustering)`` of an undirected graph.

    >>> import scipy.sparse as sp
    >>> tri = sp.csr_array(([1.0] * 6, ([0, 0, 1, 1, 2, 2], [1, 2, 0, 2, 0, 1])), shape=(3, 3))
    >>> clustering(tri)
    (1.0, 1.0)
    """
    n = sym.shape[0]
    if n == 0:
        return float("nan"), float("nan")
    s = sym.tocsr().astype(np.float64)
    deg = np.asarray(s.sum(axis=1)).ravel()
    tri2 = np.zeros(n)  # twice the triangles at each node
    step = 4096
    for start in range(0, n, step):
        stop = min(n, start + step)
        block = (s[start:stop] @ s).tocsr()
        tri2[start:stop] = np.asarray(block.multiply(s[start:stop]).sum(axis=1)).ravel()
    triples = deg * (deg - 1)
    local = np.divide(tri2, triples, out=np.zeros(n), where=triples > 0)
    total_triples = triples.sum()
    transitivity = float(tri2.sum() / total_triples) if total_triples else 0.0
    return transitivity, float(local.mean())


def _measures(
    network: Network,
    mats: CoopMatrices,
    *,
    relation: RelationLike,
    partition: str,
    betweenness: str | int,
    seed: int,
    exact_limit: int,
) -> dict[str, object]:
    n = mats.n
    arcs = mats.arcs
    L = int(arcs.nnz)
    mutual_arcs = int(arcs.multiply(arcs.T).nnz)
    E = int(sp.triu(mats.sym, k=1).nnz)
    asym = L - mutual_arcs
    choose_method(max(n, 1), betweenness, exact_limit)
    d_stats = path_stats(
        mats, directed=True, betweenness=betweenness, exact_limit=exact_limit, seed=seed
    )
    s_stats = path_stats(
        mats, directed=False, betweenness=betweenness, exact_limit=exact_limit, seed=seed
    )
    cols = centrality_of(mats, betweenness=betweenness, seed=seed, exact_limit=exact_limit)
    weak_n, weak = csgraph.connected_components(arcs, directed=True, connection="weak")
    strong_n, _ = csgraph.connected_components(arcs, directed=True, connection="strong")
    sizes = np.bincount(weak) if n else np.zeros(0, dtype=np.int64)
    sym_deg = np.asarray(cols["degree_sym"], dtype=float)
    transitivity, avg_clust = clustering(mats.sym)
    groups = partition_values(network, partition)
    multi = multiplexity(network, relation=relation)
    louvain = detect(mats, method="louvain", seed=seed)
    leiden = detect(mats, method="leiden", seed=seed)
    pairs = n * (n - 1)
    rel = str(Relation.parse(relation))
    return {
        "scope": str(network.scope),
        "wave": network.wave or "",
        "relation": rel or "",
        "institutions": n,
        "ties": L,
        "edges_sym": E,
        "density": L / pairs if pairs else float("nan"),
        "density_sym": 2 * E / pairs if pairs else float("nan"),
        "mutual_dyads": mutual_arcs // 2,
        "asymmetric_dyads": asym,
        "reciprocity_arc": mutual_arcs / L if L else float("nan"),
        "reciprocity_dyad": (mutual_arcs / 2) / (mutual_arcs / 2 + asym) if L else float("nan"),
        "isolates": int(np.count_nonzero(sym_deg == 0)),
        "components": int(weak_n),
        "strong_components": int(strong_n),
        "largest_component": int(sizes.max()) if n else 0,
        "diameter": d_stats.diameter,
        "avg_path_length": d_stats.avg_path_length,
        "diameter_sym": s_stats.diameter,
        "avg_path_length_sym": s_stats.avg_path_length,
        "path_method": d_stats.method,
        "transitivity": transitivity,
        "avg_clustering": avg_clust,
        "centralization_in_degree": centralization(
            np.asarray(cols["in_degree"], dtype=float), float((n - 1) ** 2)
        ),
        "centralization_out_degree": centralization(
            np.asarray(cols["out_degree"], dtype=float), float((n - 1) ** 2)
        ),
        "centralization_degree": centralization(
            np.asarray(cols["degree"], dtype=float), 2.0 * (n - 1) * (n - 2)
        ),
        "centralization_degree_sym": centralization(sym_deg, float((n - 1) * (n - 2))),
        "centralization_betweenness": centralization(
            np.asarray(cols["betweenness"], dtype=float), float(n - 1)
        ),
        "centralization_betweenness_sym": centralization(
            np.asarray(cols["betweenness_sym"], dtype=float), float(n - 1)
        ),
        "centralization_closeness": centralization(
            np.asarray(cols["closeness"], dtype=float),
            (n - 1) * (n - 2) / (2 * n - 3) if n > 2 else 0.0,
        ),
        "ei_index": ei_index(mats.sym, groups),
        "pairs_cooperation": multi["pairs_cooperation"],
        "pairs_referral": multi["pairs_referral"],
        "pairs_comembership": multi["pairs_comembership"],
        "tied_pairs": multi["tied_pairs"],
        "multiplex_pairs": multi["multiplex_pairs"],
        "multiplexity": multi["multiplexity"],
        "communities_louvain": louvain.count,
        "modularity_louvain": louvain.modularity,
        "communities_leiden": leiden.count,
        "modularity_leiden": leiden.modularity,
    }


def network_measures(
    network: Network,
    *,
    relation: RelationLike = None,
    partition: str = "sector",
    betweenness: str | int = "auto",
    seed: int = 0,
    exact_limit: int = DEFAULT_EXACT_LIMIT,
) -> pd.DataFrame:
    """Network-level measures of the cooperation network, as a one-row table.

    Parameters
    ----------
    network
        The network; its scope and wave are written in the row.
    relation
        Only these cooperation kinds; all by default.
    partition
        Institution attribute the E-I index is computed by.
    betweenness, seed, exact_limit
        As for :func:`~kokon_graph.analysis.centrality.centrality` (they decide
        whether path lengths and betweenness centralization are exact).

    Returns
    -------
    pandas.DataFrame
        One row; the columns are documented in ``COLUMNS["network"]``.

    Examples
    --------
    >>> from kokon_graph.analysis._demo import demo_network
    >>> row = network_measures(demo_network()).iloc[0]
    >>> int(row["ties"]), round(float(row["density"]), 3), float(row["reciprocity_dyad"])
    (8, 0.267, 0.3333333333333333)
    """
    mats = cooperation_matrices(network, relation)
    row = _measures(
        network,
        mats,
        relation=relation,
        partition=partition,
        betweenness=betweenness,
        seed=seed,
        exact_limit=exact_limit,
    )
    return pd.DataFrame([row])


def _level_below(network: Network) -> str:
    """The territory level to break a network down by: one below its scope."""
    kind = network.scope.kind
    return {"powiat": "gmina", "gmina": "gmina"}.get(kind, "powiat")


def network_by_territory(
    network: Network,
    *,
    level: str | None = None,
    relation: RelationLike = None,
    partition: str = "sector",
) -> pd.DataFrame:
    """Network-level measures of the institutions located in each territory of ``level``.

    For each voivodeship, powiat or gmina: the institutions located in it (by
    TERYT prefix, higher-level institutions excluded) and the ties among them.

    Parameters
    ----------
    network
        The network.
    level
        ``voivodeship``, ``powiat`` or ``gmina``; default: one level below the
        network's scope (powiats for the whole dataset or a voivodeship, gminas
        for a powiat or a gmina).
    relation, partition
        As for :func:`network_measures`.

    Returns
    -------
    pandas.DataFrame
        ``level``, ``territory``, ``territory_name``, ``institutions``, ``ties``,
        ``density``, ``reciprocity_arc``, ``reciprocity_dyad``, ``isolates``,
        ``components``, ``transitivity``, ``avg_clustering``,
        ``centralization_degree_sym``, ``ei_index``; one row per territory.

    Examples
    --------
    >>> from kokon_graph.analysis._demo import demo_network
    >>> network_by_territory(demo_network(), level="gmina")[["territory", "ties"]].values.tolist()
    [['1465011', 5]]
    """
    level = level or _level_below(network)
    length = {"voivodeship": 2, "powiat": 4, "gmina": 7}.get(level)
    if length is None:
        raise OptionError(
            f"level must be voivodeship, powiat or gmina, not {level!r}",
            hint="leave the level out to use the one below the scope",
        )
    mats = cooperation_matrices(network, relation)
    teryt = network.institutions["teryt"].fillna("").astype(str).to_numpy()
    groups = partition_values(network, partition)
    codes = np.array([t[:length] if len(t) >= length else "" for t in teryt.tolist()])
    terr = network.full_dataset.territories
    names = dict(zip(terr["teryt"].tolist(), terr["name"].tolist(), strict=True))
    rows = []
    for code in sorted(set(codes.tolist()) - {""}):
        members = np.flatnonzero(codes == code)
        k = len(members)
        arcs = mats.arcs[members][:, members].tocsr()
        sym = mats.sym[members][:, members].tocsr()
        ties = int(arcs.nnz)
        mutual = int(arcs.multiply(arcs.T).nnz)
        asym = ties - mutual
        degree = np.asarray(sym.sum(axis=1)).ravel()
        ncomp, _ = csgraph.connected_components(sym, directed=False)
        transitivity, avg_clust = clustering(sym)
        pairs = k * (k - 1)
        rows.append(
            {
                "level": level,
                "territory": code,
                "territory_name": str(names.get(code, "")),
                "institutions": k,
                "ties": ties,
                "density": ties / pairs if pairs else float("nan"),
                "reciprocity_arc": mutual / ties if ties else float("nan"),
                "reciprocity_dyad": (mutual / 2) / (mutual / 2 + asym) if ties else float("nan"),
                "isolates": int(np.count_nonzero(degree == 0)),
                "components": int(ncomp),
                "transitivity": transitivity,
                "avg_clustering": avg_clust,
                "centralization_degree_sym": centralization(degree, float((k - 1) * (k - 2))),
                "ei_index": ei_index(sym, groups[members]),
            }
        )
    columns = [
        "level",
        "territory",
        "territory_name",
        "institutions",
        "ties",
        "density",
        "reciprocity_arc",
        "reciprocity_dyad",
        "isolates",
        "components",
        "transitivity",
        "avg_clustering",
        "centralization_degree_sym",
        "ei_index",
    ]
    return pd.DataFrame(rows, columns=columns).astype(
        {"institutions": "int64", "ties": "int64", "isolates": "int64", "components": "int64"}
    )
