"""Ego networks (UCINET's Basic Measures): hand cases and a straightforward networkx
re-implementation of each definition on random graphs."""

from __future__ import annotations

import math

import networkx as nx
import numpy as np
import pytest

from kokon_graph.analysis._graphs import cooperation_matrices
from kokon_graph.analysis.ego import ego_measures, ego_networks
from tests.analysis._graphs import network_of, random_digraph


def _by_hand(graph: nx.DiGraph, ego) -> dict[str, float]:
    """Each definition of the UCINET help page, written out with networkx."""
    und = graph.to_undirected()
    alters = set(und[ego])
    size = len(alters)
    ties = sum(1 for u, v in graph.edges() if u in alters and v in alters)
    pairs = size * (size - 1)
    inner = und.subgraph(alters)
    comps = nx.number_connected_components(inner) if size else 0
    avg = diam = math.nan
    if size >= 2 and comps == 1:
        avg = nx.average_shortest_path_length(inner)
        diam = nx.diameter(inner)
    within = set(nx.single_source_shortest_path_length(und, ego, cutoff=2)) - {ego}
    alter_sizes = sum(und.degree(a) for a in alters)
    unordered = pairs / 2
    broker = unordered - inner.number_of_edges()
    n = graph.number_of_nodes()
    return {
        "size": size,
        "ties": ties,
        "pairs": pairs,
        "density": ties / pairs if pairs else math.nan,
        "avg_distance": avg,
        "diameter": diam,
        "weak_components": comps,
        "weak_components_share": comps / size if size else math.nan,
        "two_step_reach": len(within) / (n - 1),
        "reach_efficiency": len(within) / alter_sizes if alter_sizes else math.nan,
        "brokerage": broker,
        "brokerage_norm": broker / unordered if unordered else math.nan,
    }


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_equals_the_definitions_on_random_graphs(seed: int) -> None:
    graph = random_digraph(40, 0.08, seed)
    mats = cooperation_matrices(network_of(graph))
    got = ego_measures(mats.arcs)
    for i, node in enumerate(mats.ids):
        expected = _by_hand(graph, int(node))
        for name, value in expected.items():
            assert float(got[name][i]) == pytest.approx(value, nan_ok=True), (node, name)


def test_star_and_kite_by_hand() -> None:
    """Star centre with 4 leaves: 4 alters, no ties among them, 4 components, 6 brokered
    pairs of 6 (brokerage_norm 1), reach 4/4 and reach efficiency 4/(1+1+1+1) = 1.
    A leaf: 1 alter, nothing to broker, reaches all 4 others through the centre; its alter
    has 4 partners, so efficiency 4/4."""
    table = ego_networks(network_of(nx.star_graph(4))).set_index("id")
    centre = table.loc["0"]
    assert (centre["size"], centre["ties"], centre["pairs"]) == (4, 0, 12)
    assert centre["weak_components"] == 4 and centre["brokerage"] == 6
    assert centre["brokerage_norm"] == 1.0 and centre["reach_efficiency"] == 1.0
    assert math.isnan(centre["avg_distance"]) and math.isnan(centre["diameter"])
    leaf = table.loc["1"]
    assert (leaf["size"], leaf["brokerage"], leaf["two_step_reach"]) == (1, 0, 1.0)
    assert math.isnan(leaf["density"]) and math.isnan(leaf["brokerage_norm"])
    # a path of four alters around an ego tied to all of them: a-b-c-d, ego x
    fan = nx.Graph([("x", v) for v in "abcd"] + [("a", "b"), ("b", "c"), ("c", "d")])
    row = ego_networks(network_of(fan)).set_index("id").loc["x"]
    # distances among a, b, c, d without x: 1,2,3,1,2,1 -> mean 10/6, diameter 3
    assert row["avg_distance"] == pytest.approx(10 / 6)
    assert row["diameter"] == 3.0
    assert row["ties"] == 6 and row["density"] == pytest.approx(6 / 12)
    assert row["brokerage"] == 3 and row["brokerage_norm"] == pytest.approx(0.5)


def test_directed_ties_among_alters_count_once_each_way() -> None:
    """Ego e with alters a, b (e -> a, b -> e); a -> b and b -> a: 2 ties of 2 pairs."""
    graph = nx.DiGraph([("e", "a"), ("b", "e"), ("a", "b"), ("b", "a")])
    row = ego_networks(network_of(graph)).set_index("id").loc["e"]
    assert (row["size"], row["ties"], row["pairs"], row["density"]) == (2, 2, 2, 1.0)
    assert row["avg_distance"] == 1.0 and row["brokerage"] == 0
    one_way = nx.DiGraph([("e", "a"), ("b", "e"), ("a", "b")])
    row = ego_networks(network_of(one_way)).set_index("id").loc["e"]
    assert (row["ties"], row["density"], row["brokerage"]) == (1, 0.5, 0)
    assert np.isfinite(row["avg_distance"])
