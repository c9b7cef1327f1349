"""Network-level measures: networkx's numbers, Freeman centralization on stars and cycles,
reciprocity and multiplexity worked by hand."""

from __future__ import annotations

import itertools

import networkx as nx
import pytest

from kokon_graph.analysis import multiplexity, network_by_territory, network_measures
from kokon_graph.analysis._demo import demo_network, network_from_ties
from kokon_graph.analysis.network import centralization, clustering
from tests.analysis._graphs import network_of, random_digraph


def row(net, **kw) -> dict:
    return network_measures(net, **kw).iloc[0].to_dict()


def test_star_is_fully_centralized_and_cycle_not_at_all() -> None:
    """Freeman (1978): the star maximises every centralization (1), a cycle has none (0)."""
    star = row(network_of(nx.star_graph(6)))
    for key in (
        "centralization_degree",
        "centralization_degree_sym",
        "centralization_betweenness",
        "centralization_betweenness_sym",
        "centralization_closeness",
    ):
        assert star[key] == pytest.approx(1.0), key
    cycle = row(network_of(nx.cycle_graph(7)))
    for key in ("centralization_degree", "centralization_betweenness", "centralization_closeness"):
        assert cycle[key] == pytest.approx(0.0), key
    # directed stars: all arcs into the centre (in-degree), all out of it (out-degree)
    inward = row(network_from_ties([(str(i), "c") for i in range(5)]))
    assert inward["centralization_in_degree"] == pytest.approx(1.0)
    # out-degrees 1 1 1 1 1 0: Σ(1 − d) = 1 over (n − 1)² = 25
    assert inward["centralization_out_degree"] == pytest.approx(1 / 25)
    outward = row(network_from_ties([("c", str(i)) for i in range(5)]))
    assert outward["centralization_out_degree"] == pytest.approx(1.0)


def test_centralization_hand_worked() -> None:
    """Krackhardt kite, degrees 4 4 3 6 3 5 5 3 2 1 (sum 36): Σ(6 − d) = 60 − 36 = 24, over
    (n−1)(n−2) = 72."""
    kite = row(network_of(nx.krackhardt_kite_graph()))
    assert kite["centralization_degree_sym"] == pytest.approx(24 / 72)
    assert centralization([1.0, 1.0], 1.0) != centralization([1.0, 1.0], 1.0)  # NaN, n < 3


@pytest.mark.parametrize("seed", [3, 4])
def test_equal_networkx(seed: int) -> None:
    graph = random_digraph(30, 0.07, seed)
    got = row(network_of(graph))
    sym = graph.to_undirected()
    n = graph.number_of_nodes()
    assert got["institutions"] == n
    assert got["ties"] == graph.number_of_edges()
    assert got["edges_sym"] == sym.number_of_edges()
    assert got["density"] == pytest.approx(nx.density(graph))
    assert got["density_sym"] == pytest.approx(nx.density(sym))
    assert got["reciprocity_arc"] == pytest.approx(nx.overall_reciprocity(graph))
    mutual = sum(1 for u, v in graph.edges if u < v and graph.has_edge(v, u))
    asym = sum(1 for u, v in graph.edges if not graph.has_edge(v, u))
    assert (got["mutual_dyads"], got["asymmetric_dyads"]) == (mutual, asym)
    assert got["reciprocity_dyad"] == pytest.approx(mutual / (mutual + asym))
    assert got["transitivity"] == pytest.approx(nx.transitivity(sym))
    assert got["avg_clustering"] == pytest.approx(nx.average_clustering(sym))
    assert got["components"] == nx.number_weakly_connected_components(graph)
    assert got["strong_components"] == nx.number_strongly_connected_components(graph)
    assert got["largest_component"] == max(len(c) for c in nx.weakly_connected_components(graph))
    assert got["isolates"] == nx.number_of_isolates(graph)
    for g, suffix in ((graph, ""), (sym, "_sym")):
        lengths = [
            d for s, dist in nx.all_pairs_shortest_path_length(g) for t, d in dist.items() if s != t
        ]
        assert got[f"diameter{suffix}"] == max(lengths)
        assert got[f"avg_path_length{suffix}"] == pytest.approx(sum(lengths) / len(lengths))
    assert got["path_method"] == "exact"


def test_clustering_of_a_triangle_with_a_tail() -> None:
    graph = nx.Graph([(0, 1), (1, 2), (2, 0), (2, 3)])
    net = network_of(graph)
    from kokon_graph.analysis._graphs import cooperation_matrices

    transitivity, average = clustering(cooperation_matrices(net).sym)
    assert transitivity == pytest.approx(3 / 5)  # 3 × 1 triangle / 5 connected triples
    assert average == pytest.approx((1 + 1 + 1 / 3 + 0) / 4)


def test_reciprocity_hand_worked() -> None:
    # a <-> b, a -> c, c -> d: 4 arcs, 2 reciprocated; dyads: 1 mutual, 2 asymmetric
    net = network_from_ties([("a", "b"), ("b", "a"), ("a", "c"), ("c", "d")])
    got = row(net)
    assert got["reciprocity_arc"] == pytest.approx(0.5)
    assert got["reciprocity_dyad"] == pytest.approx(1 / 3)
    assert got["density"] == pytest.approx(4 / 12)


def test_multiplexity_hand_worked() -> None:
    """Demo network: cooperation pairs OPS-SZK, OPS-PCPR, OPS-POZ, SZK-POZ, KPP-PCPR, NGO-OPS;
    referral pairs OPS-POZ, POZ-KPP, SZK-OPS; the ZI team holds OPS, KPP, SZK. Pairs in two
    or more relations: OPS-SZK (all three) and OPS-POZ; pairs in any: 6 + POZ-KPP + OPS-KPP +
    KPP-SZK = 9."""
    got = multiplexity(demo_network())
    assert got == {
        "pairs_cooperation": 6,
        "pairs_referral": 3,
        "pairs_comembership": 3,
        "tied_pairs": 9,
        "multiplex_pairs": 2,
        "multiplexity": pytest.approx(2 / 9),
    }


def test_modularity_and_ei_in_the_network_row() -> None:
    graph = nx.karate_club_graph()
    sectors = {str(v): ("x" if d["club"] == "Mr. Hi" else "y") for v, d in graph.nodes(data=True)}
    got = row(network_of(graph, sectors=sectors))
    # E-I of the two clubs: 10 of the 78 ties cross (Zachary 1977's fission)
    crossing = sum(1 for u, v in graph.edges if sectors[str(u)] != sectors[str(v)])
    assert got["ei_index"] == pytest.approx((crossing - (78 - crossing)) / 78)
    assert got["communities_louvain"] >= 3
    assert got["modularity_louvain"] > 0.39
    assert got["modularity_leiden"] >= got["modularity_louvain"] - 1e-9


def test_scope_wave_and_relation_are_written(valid_network) -> None:
    scoped = valid_network.scoped("gmina:2815011", wave="after")
    got = row(scoped, relation="information")
    assert (got["scope"], got["wave"], got["relation"]) == ("gmina:2815011", "after", "information")
    all_pairs = list(itertools.permutations(scoped.institutions.index, 2))
    info = scoped.cooperation(relation="information")
    assert got["ties"] == sum(1 for u, v in all_pairs if info.has_edge(u, v))


def test_network_by_territory_equals_networkx_on_each_gmina(valid_network) -> None:
    table = network_by_territory(valid_network).set_index("territory")
    assert list(table.index) == ["2815"]  # whole dataset: by powiat
    by_gmina = network_by_territory(valid_network, level="gmina").set_index("territory")
    assert list(by_gmina.index) == ["2815011", "2815022"]
    graph = valid_network.cooperation()
    inst = valid_network.institutions
    for code, row in by_gmina.iterrows():
        members = list(inst.index[inst["teryt"] == code])
        sub = graph.subgraph(members)
        assert row["territory_name"] == {"2815011": "Ostróda", "2815022": "Dąbrówno"}[code]
        assert row["institutions"] == len(members)
        assert row["ties"] == sub.number_of_edges()
        assert row["density"] == pytest.approx(nx.density(sub))
        assert row["reciprocity_arc"] == pytest.approx(nx.overall_reciprocity(sub))
        assert row["components"] == nx.number_weakly_connected_components(sub)
        assert row["transitivity"] == pytest.approx(nx.transitivity(sub.to_undirected()))
    assert network_by_territory(valid_network.scoped("powiat:2815"))["level"].tolist() == [
        "gmina",
        "gmina",
    ]
    with pytest.raises(ValueError, match="level"):
        network_by_territory(valid_network, level="parish")
