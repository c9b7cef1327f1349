"""Two-mode (affiliation) measures: the published Davis Southern Women values, networkx's
bipartite functions, and hand cases."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pytest
import scipy.sparse as sp
from networkx.algorithms import bipartite

from kokon_graph.analysis._demo import network_from_ties
from kokon_graph.analysis.twomode import (
    DENSE_SVD_CELLS,
    betweenness_maximum,
    twomode,
    twomode_density,
    twomode_of,
    twomode_overlaps,
)

# Borgatti & Halgin (2011), "Analyzing affiliation networks", SAGE Handbook of Social Network
# Analysis, table 28.2: normalised two-mode degree, closeness and betweenness of the Davis
# (1941) Southern Women data, to two decimals (the same table networkx's bipartite tests use).
DAVIS = {
    # node: (degree, closeness, betweenness)
    "E8": (0.78, 0.85, 0.24),
    "E9": (0.67, 0.79, 0.23),
    "E7": (0.56, 0.73, 0.13),
    "Nora Fayette": (0.57, 0.80, 0.11),
    "Evelyn Jefferson": (0.57, 0.80, 0.10),
    "Theresa Anderson": (0.57, 0.80, 0.09),
    "E6": (0.44, 0.69, 0.07),
    "Sylvia Avondale": (0.50, 0.77, 0.07),
    "Laura Mandeville": (0.50, 0.73, 0.05),
    "Brenda Rogers": (0.50, 0.73, 0.05),
    "Katherina Rogers": (0.43, 0.73, 0.05),
    "E5": (0.44, 0.59, 0.04),
    "Helen Lloyd": (0.36, 0.73, 0.04),
    "E3": (0.33, 0.56, 0.02),
    "Ruth DeSand": (0.29, 0.71, 0.02),
    "Verne Sanderson": (0.29, 0.71, 0.02),
    "E12": (0.33, 0.56, 0.02),
    "Myra Liddel": (0.29, 0.69, 0.02),
    "E11": (0.22, 0.54, 0.02),
    "Eleanor Nye": (0.29, 0.67, 0.01),
    "Frances Anderson": (0.29, 0.67, 0.01),
    "Pearl Oglethorpe": (0.21, 0.67, 0.01),
    "E4": (0.22, 0.54, 0.01),
    "Charlotte McDowd": (0.29, 0.60, 0.01),
    "E10": (0.28, 0.55, 0.01),
    "Olivia Carleton": (0.14, 0.59, 0.01),
    "Flora Price": (0.14, 0.59, 0.01),
    "E2": (0.17, 0.52, 0.00),
    "E1": (0.17, 0.52, 0.00),
    "Dorothy Murchison": (0.14, 0.65, 0.00),
    "E13": (0.17, 0.52, 0.00),
    "E14": (0.17, 0.52, 0.00),
}


def _incidence(graph: nx.Graph, top: list, bottom: list) -> sp.csr_array:
    row = {v: i for i, v in enumerate(top)}
    col = {v: i for i, v in enumerate(bottom)}
    r, c = [], []
    for u, v in graph.edges():
        if u in col:
            u, v = v, u
        r.append(row[u])
        c.append(col[v])
    return sp.csr_array((np.ones(len(r)), (r, c)), shape=(len(top), len(bottom)))


@pytest.fixture(scope="module")
def davis() -> tuple[nx.Graph, list, list, dict[str, dict[str, float]]]:
    graph = nx.davis_southern_women_graph()
    women = [v for v, d in graph.nodes(data=True) if d["bipartite"] == 0]
    events = [v for v, d in graph.nodes(data=True) if d["bipartite"] == 1]
    cols = twomode_of(_incidence(graph, women, events), betweenness="exact")
    nodes = women + events
    values = {name: dict(zip(nodes, arr.tolist(), strict=True)) for name, arr in cols.items()}
    return graph, women, events, values


def test_davis_published_values(davis) -> None:
    _, _, _, values = davis
    for node, (degree, closeness, betweenness) in DAVIS.items():
        assert values["degree_norm"][node] == pytest.approx(degree, abs=0.01), node
        assert values["closeness_norm"][node] == pytest.approx(closeness, abs=0.01), node
        assert values["betweenness_norm"][node] == pytest.approx(betweenness, abs=0.01), node


def test_davis_equals_networkx_bipartite(davis) -> None:
    graph, women, _, values = davis
    for name, reference in (
        ("degree_norm", bipartite.degree_centrality(graph, women)),
        ("closeness_norm", bipartite.closeness_centrality(graph, women)),
        ("betweenness_norm", bipartite.betweenness_centrality(graph, women)),
    ):
        for node, value in reference.items():
            assert values[name][node] == pytest.approx(value, abs=1e-9), (name, node)


def test_davis_eigenvector_is_the_bipartite_eigenvector_per_mode(davis) -> None:
    """Leading eigenvector of [[0, B], [Bᵀ, 0]], each mode rescaled to unit norm."""
    graph, women, events, values = davis
    nodes = women + events
    adj = nx.to_numpy_array(graph, nodelist=nodes)
    _, vecs = np.linalg.eigh(adj)
    lead = np.abs(vecs[:, -1])
    w, e = lead[: len(women)], lead[len(women) :]
    w, e = w / np.linalg.norm(w), e / np.linalg.norm(e)
    got = np.array([values["eigenvector"][v] for v in nodes])
    assert got == pytest.approx(np.concatenate([w, e]), abs=1e-9)


def test_betweenness_maximum_of_small_stars() -> None:
    """One actor in three events (a star, centre in the actor mode): the centre lies between
    the 3 pairs of events. Two actors, one event: the event lies between 1 pair."""
    assert betweenness_maximum(1, 3) == 3.0
    assert betweenness_maximum(2, 1) == 0.0  # s, t = divmod(1, 1): an actor can lie on none
    assert betweenness_maximum(1, 2) == 1.0


def test_network_twomode_and_overlaps_by_hand() -> None:
    """Institutions a, b, c; group G1 = {a, b}, G2 = {a, b, c}. Degree of a: 2 groups of 2
    (1.0); of G2: 3 of 3 institutions (1.0); of G1: 2/3. Overlaps: a-b share 2 groups, a-c
    and b-c one; G1-G2 share 2 members. Density: 5 memberships / (3 × 2)."""
    groups = [{"id": "G1", "name": "Team 1", "type": "ZI"}, {"id": "G2", "name": "Team 2"}]
    members = [
        {"group": "G1", "member": "a"},
        {"group": "G1", "member": "b"},
        {"group": "G2", "member": "a"},
        {"group": "G2", "member": "b"},
        {"group": "G2", "member": "c"},
    ]
    net = network_from_ties([("a", "b")], nodes=["c"], groups=groups, memberships=members)
    table = twomode(net).set_index("id")
    assert table.loc["a", "mode"] == "institution" and table.loc["G1", "mode"] == "group"
    assert table.loc["a", "degree_norm"] == 1.0
    assert table.loc["G1", "degree_norm"] == pytest.approx(2 / 3)
    assert table.loc["G2", "degree"] == 3
    pairs = twomode_overlaps(net)
    got = {(r.mode, r.source, r.target): r.overlap for r in pairs.itertuples()}
    assert got == {
        ("institution", "a", "b"): 2,
        ("institution", "a", "c"): 1,
        ("institution", "b", "c"): 1,
        ("group", "G1", "G2"): 2,
    }
    assert twomode_density(net) == {"groups": 2, "memberships": 5, "twomode_density": 5 / 6}


def test_sampled_two_mode_paths_estimate_the_exact_values() -> None:
    """A random affiliation network of 300 + 60 nodes: with 300 pivots per component the
    estimates stay close to the exact values (Brandes & Pich 2007; Eppstein & Wang 2004)."""
    rng = np.random.default_rng(5)
    incidence = sp.csr_array((rng.random((300, 60)) < 0.05).astype(float))
    exact = twomode_of(incidence, betweenness="exact")
    sampled = twomode_of(incidence, betweenness=300, seed=1)
    big = sampled["method"] != "exact"
    assert big.any() and set(exact["method"]) == {"exact"}
    assert str(sampled["method"][big][0]) == "sampled (300 pivots, seed 1)"
    for name in ("betweenness", "closeness"):
        a, b = exact[name][big], sampled[name][big]
        assert np.corrcoef(a, b)[0, 1] > 0.95, name
        assert abs(b.sum() / a.sum() - 1) < 0.05, name


def test_nodes_without_memberships_score_zero() -> None:
    incidence = sp.csr_array(np.array([[1.0, 1.0], [1.0, 0.0], [0.0, 0.0]]))
    cols = twomode_of(incidence)
    assert cols["eigenvector"][2] == 0.0 and cols["degree"][2] == 0
    assert cols["closeness_norm"][2] == 0.0 and cols["betweenness"][2] == 0.0


def test_big_affiliation_matrix_gives_the_dense_singular_vectors() -> None:
    """Above DENSE_SVD_CELLS the leading pair comes from ARPACK, not the dense SVD: a sparse
    random 800 × 400 affiliation matrix (groups of a few members, as in a region) gives the
    same non-negative unit vectors as the dense SVD, to 1e-12."""
    rng = np.random.default_rng(3)
    incidence = sp.csr_array((rng.random((800, 400)) < 0.01).astype(float))
    assert incidence.shape[0] * incidence.shape[1] > DENSE_SVD_CELLS
    u_all, _, vt_all = np.linalg.svd(incidence.toarray(), full_matrices=False)
    u, v = np.abs(u_all[:, 0]), np.abs(vt_all[0])
    eigen = twomode_of(incidence)["eigenvector"]
    assert eigen[:800] == pytest.approx(u / np.linalg.norm(u), abs=1e-12)
    assert eigen[800:] == pytest.approx(v / np.linalg.norm(v), abs=1e-12)
    assert (eigen >= 0).all()
