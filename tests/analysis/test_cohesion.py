"""Cohesion and fragility: networkx's cut points, bridges and cores; removal costs by brute
force."""

from __future__ import annotations

import networkx as nx
import pytest

from kokon_graph.analysis import bridges, cohesion
from tests.analysis._graphs import network_of


def reachable_pairs(graph: nx.Graph) -> int:
    return sum(len(c) * (len(c) - 1) for c in nx.connected_components(graph))


def test_krackhardt_kite_cut_points_and_bridges() -> None:
    """Krackhardt (1990): Heather (7) and Ike (8) hold the kite's tail; 7-8 and 8-9 are bridges.
    Removing Heather cuts Ike and Jane off the 7 others: 2 × (7 × 2) = 28 ordered pairs of 72."""
    net = network_of(nx.krackhardt_kite_graph())
    table = cohesion(net).set_index("id")
    assert sorted(table.index[table["articulation_point"]]) == ["7", "8"]
    assert table.loc["7", "pairs_lost"] == 28
    assert table.loc["7", "reach_loss"] == pytest.approx(28 / 72)
    assert table.loc["8", "pairs_lost"] == 16  # Jane cut from the 8 others, both directions
    assert table.loc["7", "bridges"] == 1 and table.loc["8", "bridges"] == 2
    found = bridges(net)
    assert sorted(map(sorted, zip(found["source"], found["target"], strict=True))) == [
        ["7", "8"],
        ["8", "9"],
    ]
    # without the tie Heather-Ike, {Ike, Jane} and the 8 others are apart: 2 × 2 × 8
    assert found.set_index("target").loc["8", "pairs_lost"] == 2 * 2 * 8


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_equal_networkx_and_brute_force(seed: int) -> None:
    graph = nx.gnp_random_graph(35, 0.06, seed=seed)
    graph.add_node(99)  # an isolate
    table = cohesion(network_of(graph)).set_index("id")
    assert set(table.index[table["articulation_point"]]) == {
        str(v) for v in nx.articulation_points(graph)
    }
    assert table["core_number"].to_dict() == {str(k): v for k, v in nx.core_number(graph).items()}
    total = reachable_pairs(graph)
    for v in graph:
        rest = graph.copy()
        rest.remove_node(v)
        comp = len(nx.node_connected_component(graph, v))
        before = total - 2 * (comp - 1)  # pairs of the other nodes
        lost = before - reachable_pairs(rest)
        assert table.loc[str(v), "pairs_lost"] == lost, v
        assert table.loc[str(v), "reach_loss"] == pytest.approx(lost / before if before else 0.0)
        assert table.loc[str(v), "component_size"] == comp
    found = bridges(network_of(graph))
    assert {frozenset(p) for p in zip(found["source"], found["target"], strict=True)} == {
        frozenset((str(u), str(v))) for u, v in nx.bridges(graph)
    }
    for s, t, lost in zip(found["source"], found["target"], found["pairs_lost"], strict=True):
        rest = graph.copy()
        rest.remove_edge(int(s), int(t))
        assert lost == total - reachable_pairs(rest)
    assert (
        table.loc["99", "component"] == table["component"].max()
        or table.loc["99", "component_size"] == 1
    )
    assert (
        table["component_size"] == table.groupby("component")["component_size"].transform("size")
    ).all()
