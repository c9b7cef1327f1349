"""Centrality: published values on classic networks, networkx's numbers on random graphs,
and the pivot estimator reproduced by hand."""

from __future__ import annotations

import math

import networkx as nx
import numpy as np
import pytest

from kokon_graph.analysis import centrality, network_measures
from kokon_graph.analysis._graphs import cooperation_matrices
from kokon_graph.analysis._paths import choose_method, path_pivots, path_stats, pivots_for
from kokon_graph.analysis.centrality import eigenvector, pagerank
from tests.analysis._graphs import by_id, network_of, random_digraph

KITE_NAMES = [
    "Andre",
    "Beverly",
    "Carol",
    "Diane",
    "Ed",
    "Fernando",
    "Garth",
    "Heather",
    "Ike",
    "Jane",
]


def col(table, name: str) -> dict[str, float]:
    return dict(zip(table["id"], table[name].astype(float), strict=True))


# ------------------------------------------------------------------ published values


def test_krackhardt_kite() -> None:
    """Krackhardt (1990), "Assessing the political landscape", ASQ 35(2):342-369, fig. 1: Diane
    has the most ties (6), Fernando and Garth the highest closeness, Heather the highest
    betweenness. Values: networkx's test-suite (test_betweenness_centrality.py,
    test_closeness_centrality.py), which agree with UCINET: raw betweenness halved from the
    ordered-pair counts 1.667 1.667 0 7.333 0 16.667 16.667 28 16 0."""
    table = centrality(network_of(nx.krackhardt_kite_graph()))
    raw = [1.667, 1.667, 0.0, 7.333, 0.0, 16.667, 16.667, 28.0, 16.0, 0.0]
    norm = [0.023, 0.023, 0.0, 0.102, 0.0, 0.231, 0.231, 0.389, 0.222, 0.0]
    close = [0.529, 0.529, 0.5, 0.6, 0.5, 0.643, 0.643, 0.6, 0.429, 0.310]
    degree = [4, 4, 3, 6, 3, 5, 5, 3, 2, 1]
    for i in range(10):
        node = str(i)
        assert col(table, "betweenness_sym_raw")[node] == pytest.approx(raw[i] / 2, abs=1e-3)
        assert col(table, "betweenness_sym")[node] == pytest.approx(norm[i], abs=1e-3)
        # mutual ties: directed betweenness counts ordered pairs, so raw doubles, normalised equal
        assert col(table, "betweenness_raw")[node] == pytest.approx(raw[i], abs=1e-3)
        assert col(table, "betweenness")[node] == pytest.approx(norm[i], abs=1e-3)
        assert col(table, "closeness")[node] == pytest.approx(close[i], abs=1e-3)
        assert col(table, "degree_sym")[node] == degree[i]
        assert col(table, "degree")[node] == 2 * degree[i]
    best = table.set_index("id")
    assert KITE_NAMES[int(best["degree_sym"].idxmax())] == "Diane"
    assert KITE_NAMES[int(best["betweenness"].idxmax())] == "Heather"
    assert {
        KITE_NAMES[int(i)] for i in best.index[best["closeness"] == best["closeness"].max()]
    } == {
        "Fernando",
        "Garth",
    }


FLORENTINE_BETWEENNESS = {
    "Acciaiuoli": 0.000,
    "Albizzi": 0.212,
    "Barbadori": 0.093,
    "Bischeri": 0.104,
    "Castellani": 0.055,
    "Ginori": 0.000,
    "Guadagni": 0.255,
    "Lamberteschi": 0.000,
    "Medici": 0.522,
    "Pazzi": 0.000,
    "Peruzzi": 0.022,
    "Ridolfi": 0.114,
    "Salviati": 0.143,
    "Strozzi": 0.103,
    "Tornabuoni": 0.092,
}
FLORENTINE_CLOSENESS = {
    "Acciaiuoli": 0.368,
    "Albizzi": 0.483,
    "Barbadori": 0.4375,
    "Bischeri": 0.400,
    "Castellani": 0.389,
    "Ginori": 0.333,
    "Guadagni": 0.467,
    "Lamberteschi": 0.326,
    "Medici": 0.560,
    "Pazzi": 0.286,
    "Peruzzi": 0.368,
    "Ridolfi": 0.500,
    "Salviati": 0.389,
    "Strozzi": 0.4375,
    "Tornabuoni": 0.483,
}


def test_florentine_families() -> None:
    """Padgett's Florentine marriage network without the isolated Pucci (networkx's
    florentine_families_graph). Betweenness and closeness: networkx's test-suite values; the
    Medici's raw betweenness 47.5 and degree 6 are the figures of Padgett & Ansell (1993) as
    computed in UCINET (e.g. Hanneman & Riddle 2005, ch. 10)."""
    table = centrality(network_of(nx.florentine_families_graph()))
    for family, value in FLORENTINE_BETWEENNESS.items():
        assert col(table, "betweenness_sym")[family] == pytest.approx(value, abs=1e-3)
    for family, value in FLORENTINE_CLOSENESS.items():
        assert col(table, "closeness")[family] == pytest.approx(value, abs=1e-3)
    assert col(table, "betweenness_sym_raw")["Medici"] == pytest.approx(47.5)
    assert col(table, "degree_sym")["Medici"] == 6


def test_padgett_with_pucci_isolate_conventions() -> None:
    """With Pucci (an isolate) the 16-family network shows where closeness conventions differ:
    the UCINET convention counts Pucci at distance n = 16, the harmonic one at 1/inf = 0, the
    Wasserman–Faust one scales by the reachable share. Worked by hand from the Medici's
    distances (sum 25 to the 14 others, Hanneman & Riddle's UCINET farness 25 in the
    15-family network)."""
    graph = nx.florentine_families_graph()
    graph.add_node("Pucci")
    table = centrality(network_of(graph))
    n = 16
    dist = nx.single_source_shortest_path_length(graph, "Medici")
    total = sum(dist.values())
    assert total == 25
    assert col(table, "closeness_ucinet")["Medici"] == pytest.approx((n - 1) / (total + n))
    assert col(table, "closeness")["Medici"] == pytest.approx((14 / 15) * (14 / 25))
    harmonic = sum(1 / d for d in dist.values() if d) / (n - 1)
    assert col(table, "closeness_harmonic")["Medici"] == pytest.approx(harmonic)
    assert col(table, "closeness_ucinet")["Pucci"] == pytest.approx((n - 1) / ((n - 1) * n))
    assert col(table, "closeness")["Pucci"] == 0.0
    assert col(table, "eigenvector")["Pucci"] == 0.0
    # normalising by (n-1)(n-2) with n = 16: 47.5 / 105 (UCINET's nBetweenness 45.238 %)
    assert col(table, "betweenness_sym")["Medici"] == pytest.approx(47.5 / 105)


def test_karate_club() -> None:
    """Zachary (1977). Raw betweenness of actor 1 = 231.071 and of actor 34 = 160.552, the
    values UCINET, igraph and networkx report; eigenvector centrality (unit norm) 0.3555 and
    0.3734 (networkx eigenvector_centrality_numpy, igraph with scale=False)."""
    table = centrality(network_of(nx.karate_club_graph()))
    assert col(table, "betweenness_sym_raw")["0"] == pytest.approx(231.0714, abs=1e-3)
    assert col(table, "betweenness_sym_raw")["33"] == pytest.approx(160.5516, abs=1e-3)
    assert col(table, "eigenvector")["0"] == pytest.approx(0.35549, abs=1e-4)
    assert col(table, "eigenvector")["33"] == pytest.approx(0.37337, abs=1e-4)
    assert col(table, "degree_sym")["33"] == 17


# ------------------------------------------------------------------ networkx's numbers


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_directed_measures_equal_networkx(seed: int) -> None:
    graph = random_digraph(25, 0.09, seed, weighted=True)
    net = network_of(graph, weight="weight")
    table = centrality(net)
    ids = [str(n) for n in graph.nodes]
    g = nx.relabel_nodes(graph, {n: str(n) for n in graph.nodes})
    n = g.number_of_nodes()
    sym = g.to_undirected()
    checks = {
        "in_degree": dict(g.in_degree()),
        "out_degree": dict(g.out_degree()),
        "degree": dict(g.degree()),
        "degree_sym": dict(sym.degree()),
        "degree_sym_norm": nx.degree_centrality(sym),
        "in_degree_norm": nx.in_degree_centrality(g),
        "out_degree_norm": nx.out_degree_centrality(g),
        "in_strength": dict(g.in_degree(weight="weight")),
        "out_strength": dict(g.out_degree(weight="weight")),
        "betweenness": nx.betweenness_centrality(g),
        "betweenness_raw": nx.betweenness_centrality(g, normalized=False),
        "betweenness_sym": nx.betweenness_centrality(sym),
        "betweenness_sym_raw": nx.betweenness_centrality(sym, normalized=False),
        "closeness": nx.closeness_centrality(sym),
        "closeness_in_wf": nx.closeness_centrality(g),
        "closeness_out_wf": nx.closeness_centrality(g.reverse()),
        "closeness_in_harmonic": {k: v / (n - 1) for k, v in nx.harmonic_centrality(g).items()},
        "closeness_out_harmonic": {
            k: v / (n - 1) for k, v in nx.harmonic_centrality(g.reverse()).items()
        },
        "closeness_harmonic": {k: v / (n - 1) for k, v in nx.harmonic_centrality(sym).items()},
        "pagerank": nx.pagerank(g, weight=None),
        "pagerank_weighted": nx.pagerank(g, weight="weight"),
    }
    for name, expected in checks.items():
        got = col(table, name)
        for node in ids:
            assert got[node] == pytest.approx(expected[node], abs=1e-6), (name, node)
    # UCINET/ORA closeness: unreachable counted at distance n (worked from networkx distances)
    for node in ids:
        out = nx.single_source_shortest_path_length(g, node)
        inward = nx.single_source_shortest_path_length(g.reverse(), node)
        far_out = sum(out.values()) + (n - len(out)) * n
        far_in = sum(inward.values()) + (n - len(inward)) * n
        assert col(table, "closeness_out_ucinet")[node] == pytest.approx((n - 1) / far_out)
        assert col(table, "closeness_in_ucinet")[node] == pytest.approx((n - 1) / far_in)
    assert table["degree_norm"].tolist() == pytest.approx(
        [(table["degree"][i]) / (2 * (n - 1)) for i in range(n)]
    )


def test_eigenvector_equals_networkx_power_iteration() -> None:
    """Connected: networkx's numpy and power-iteration values. Disconnected with two equal
    dyads and a triangle: the power iteration (from all ones, with A + I) ends on the triangle
    alone; two equal triangles share the mass equally."""
    graph = nx.karate_club_graph()
    net = network_of(graph)
    got = col(centrality(net), "eigenvector")
    expected = nx.eigenvector_centrality_numpy(graph)
    for node, value in expected.items():
        assert got[str(node)] == pytest.approx(value, abs=1e-6)
    parts = nx.Graph([(0, 1), (2, 3), (4, 5), (5, 6), (6, 4)])
    mats = cooperation_matrices(network_of(parts))
    values = by_id(eigenvector(mats.sym), mats.ids)
    reference = nx.eigenvector_centrality(parts, max_iter=1000, tol=1e-12)
    for node, value in reference.items():
        assert values[str(node)] == pytest.approx(value, abs=1e-6)
    twins = nx.Graph([(0, 1), (1, 2), (2, 0), (3, 4), (4, 5), (5, 3)])
    mats = cooperation_matrices(network_of(twins))
    assert eigenvector(mats.sym) == pytest.approx([1 / math.sqrt(6)] * 6)
    # no ties: no leading eigenvector; networkx's 1/sqrt(n) is an artefact of its start vector
    empty = network_of(nx.empty_graph(4))
    assert np.isnan(eigenvector(cooperation_matrices(empty).sym)).all()


def test_pagerank_with_dangling_nodes_equals_networkx() -> None:
    graph = nx.DiGraph([(0, 1), (1, 2), (2, 0), (2, 3), (4, 3)])
    mats = cooperation_matrices(network_of(graph))
    got = by_id(pagerank(mats.arcs), mats.ids)
    for node, value in nx.pagerank(graph).items():
        assert got[str(node)] == pytest.approx(value, abs=1e-7)


# ------------------------------------------------------------------ sampled mode


def test_sampled_betweenness_is_the_pivot_estimator() -> None:
    """Brandes & Pich (2007): with pivots S, the estimate is n/|S| times the dependencies of
    the pivot sources — networkx's betweenness_centrality_subset(sources=S, targets=all)."""
    graph = random_digraph(40, 0.08, 7)
    assert nx.is_weakly_connected(graph)  # one component: pivots come from the whole graph
    net = network_of(graph)
    k = 10
    table = centrality(net, betweenness=k, seed=3)
    mats = cooperation_matrices(net)
    pivots = [mats.ids[i] for i in pivots_for(mats.n, k, 3)]
    g = nx.relabel_nodes(graph, {v: str(v) for v in graph.nodes})
    sub = nx.betweenness_centrality_subset(g, pivots, list(g.nodes), normalized=False)
    n = g.number_of_nodes()
    for node in g.nodes:
        assert col(table, "betweenness_raw")[node] == pytest.approx(sub[node] * n / k)
    sym = g.to_undirected()
    sub_sym = nx.betweenness_centrality_subset(sym, pivots, list(sym.nodes), normalized=False)
    for node in g.nodes:
        assert col(table, "betweenness_sym_raw")[node] == pytest.approx(sub_sym[node] * n / k)
    assert set(table["betweenness_method"]) == {"sampled (10 pivots, seed 3)"}
    assert set(table["closeness_method"]) == {"sampled (10 pivots, seed 3)"}


def test_sampled_closeness_is_the_pivot_estimator() -> None:
    """Eppstein & Wang (2004): the sum over all other actors is estimated by the pivot sum
    times (n-1)/k_v, k_v the pivots other than v."""
    graph = random_digraph(30, 0.1, 11)
    assert nx.is_weakly_connected(graph)
    net = network_of(graph)
    mats = cooperation_matrices(net)
    k = 8
    stats = path_stats(mats, directed=True, betweenness=k, seed=5)
    pivots = [mats.ids[i] for i in pivots_for(mats.n, k, 5)]
    g = nx.relabel_nodes(graph, {v: str(v) for v in graph.nodes})
    n = g.number_of_nodes()
    dist = {p: nx.single_source_shortest_path_length(g, p) for p in pivots}
    for i, node in enumerate(mats.ids):
        others = [p for p in pivots if p != node]
        total = sum(dist[p].get(node, 0) for p in others)
        reach = sum(node in dist[p] for p in others)
        harm = sum(1 / dist[p][node] for p in others if node in dist[p])
        scale = (n - 1) / len(others)
        assert stats.in_sum[i] == pytest.approx(total * scale)
        assert stats.in_reach[i] == pytest.approx(reach * scale)
        assert stats.in_harm[i] == pytest.approx(harm * scale)


def test_components_are_computed_apart_small_ones_exactly() -> None:
    """A 300-node component sampled with 20 pivots drawn inside it, a 12-node one exact."""
    big = nx.connected_watts_strogatz_graph(300, 6, 0.1, seed=2)
    small = nx.relabel_nodes(nx.krackhardt_kite_graph(), lambda v: 1000 + v)
    small.add_edges_from([(1010, 1011), (1011, 1000)])
    graph = nx.union(big, small)
    net = network_of(graph)
    table = centrality(net, betweenness=20, seed=4).set_index("id")
    kite = [str(1000 + v) for v in range(12)]
    assert set(table.loc[kite, "betweenness_method"]) == {"exact"}
    assert set(table.loc[kite, "closeness_method"]) == {"exact"}
    assert set(table.drop(index=kite)["betweenness_method"]) == {"sampled (20 pivots, seed 4)"}
    g = nx.relabel_nodes(graph, {v: str(v) for v in graph})
    exact_raw = nx.betweenness_centrality(g, normalized=False)
    exact_close = nx.closeness_centrality(g)
    for v in kite:
        assert table.loc[v, "betweenness_sym_raw"] == pytest.approx(exact_raw[v])
        assert table.loc[v, "closeness"] == pytest.approx(exact_close[v])
    # the sampled component: pivots from inside it, scaled by its size 300 / 20
    mats = cooperation_matrices(net)
    members = np.array([mats.index[str(v)] for v in sorted(big)])
    members.sort()
    local = np.sort(np.random.default_rng(4).choice(300, size=20, replace=False))
    pivots = [mats.ids[i] for i in members[local]]
    sub = nx.betweenness_centrality_subset(g, pivots, [str(v) for v in big], normalized=False)
    for v in [str(x) for x in list(big)[:25]]:
        assert table.loc[v, "betweenness_sym_raw"] == pytest.approx(sub[v] * 300 / 20)
    row = network_measures(net, betweenness=20, seed=4).iloc[0]
    assert row["path_method"] == (
        "sampled (20 pivots, seed 4) in the largest components, exact in the others"
    )


def test_sampled_estimates_track_exact_values() -> None:
    graph = nx.connected_watts_strogatz_graph(400, 6, 0.1, seed=4)
    net = network_of(graph)
    exact = centrality(net, betweenness="exact")
    sampled = centrality(net, betweenness=100, seed=1)
    for name in ("betweenness_sym", "closeness", "closeness_in_ucinet"):
        rho = np.corrcoef(exact[name].rank(), sampled[name].rank())[0, 1]
        assert rho > 0.9, name
    assert set(exact["betweenness_method"]) == {"exact"}


def test_auto_switches_to_sampling_above_the_limit() -> None:
    assert choose_method(20_000, "auto", 12_000) == ("sampled", 1024)
    assert choose_method(12_000, "auto", 12_000) == ("exact", 0)
    # never more pivots than nodes: a small graph stays exact whatever the limit
    assert choose_method(30, "auto", 10) == ("exact", 0)
    assert choose_method(30, "sampled", 10) == ("exact", 0)
    assert choose_method(5_000, "sampled", 12_000) == ("sampled", 1024)
    assert choose_method(5_000, 64, 12_000) == ("sampled", 64)
    assert path_pivots(1024) == 256
    assert path_pivots(4096) == 1024
    assert path_pivots(10) == 10
    net = network_of(nx.path_graph(30))
    assert set(centrality(net, exact_limit=10)["betweenness_method"]) == {"exact"}


def test_bad_betweenness_option() -> None:
    net = network_of(nx.path_graph(3))
    with pytest.raises(ValueError, match="betweenness"):
        centrality(net, betweenness="sometimes")
    with pytest.raises(ValueError, match="pivots"):
        centrality(net, betweenness=0)
