"""Gould–Fernandez brokerage: each role on cases worked by hand, and a literal implementation of
the definitions on random graphs.

Definitions (Gould & Fernandez 1989, Sociological Methodology 19:89-126, doi:10.2307/270949;
the same in UCINET's help for Network > Ego networks > Brokerage and in R's sna::brokerage):
``b`` brokers the two-path ``a -> b -> c`` when ``a != c`` and there is no arc ``a -> c``;
with G(x) the group of x, the role is coordinator if G(a) = G(b) = G(c) (w_I), itinerant or
consultant if G(a) = G(c) != G(b) (w_O), gatekeeper if G(a) != G(b) = G(c) (b_OI),
representative if G(a) = G(b) != G(c) (b_IO) and liaison if all three differ (b_O).
"""

from __future__ import annotations

import itertools

import networkx as nx
import numpy as np
import pytest

from kokon_graph.analysis import brokerage, brokerage_groups
from kokon_graph.analysis._demo import network_from_ties
from kokon_graph.analysis._graphs import cooperation_matrices
from kokon_graph.analysis.brokerage import ROLES, PartitionError, brokerage_counts
from tests.analysis._graphs import network_of, random_digraph


def roles_of(ties, groups: dict[str, str]) -> dict[str, dict[str, int]]:
    net = network_from_ties(ties, sectors=groups)
    table = brokerage(net)
    return {
        row["id"]: {role: int(row[role]) for role in (*ROLES, "total")}
        for row in table.to_dict("records")
    }


def only(role: str, count: int = 1) -> dict[str, int]:
    out = dict.fromkeys(ROLES, 0)
    out[role] = count
    out["total"] = count
    return out


@pytest.mark.parametrize(
    ("groups", "role"),
    [
        ({"a": "x", "b": "x", "c": "x"}, "coordinator"),  # A -> A -> A
        ({"a": "x", "b": "y", "c": "x"}, "itinerant"),  # A -> B -> A
        ({"a": "x", "b": "y", "c": "y"}, "gatekeeper"),  # A -> B -> B
        ({"a": "x", "b": "x", "c": "y"}, "representative"),  # A -> A -> B
        ({"a": "x", "b": "y", "c": "z"}, "liaison"),  # A -> B -> C
    ],
)
def test_each_role_on_a_two_path(groups: dict[str, str], role: str) -> None:
    result = roles_of([("a", "b"), ("b", "c")], groups)
    assert result["b"] == only(role)
    assert result["a"] == only(role, 0)
    assert result["c"] == only(role, 0)


def test_a_direct_arc_closes_the_two_path() -> None:
    # a -> c exists: b brokers nothing; c -> a instead does not close a -> b -> c
    closed = roles_of([("a", "b"), ("b", "c"), ("a", "c")], dict.fromkeys("abc", "x"))
    assert closed["b"]["total"] == 0
    reverse = roles_of([("a", "b"), ("b", "c"), ("c", "a")], dict.fromkeys("abc", "x"))
    # a cycle: every node brokers exactly one open two-path
    assert [reverse[v]["coordinator"] for v in "abc"] == [1, 1, 1]


def test_mutual_ties_do_not_count_a_to_itself() -> None:
    # a <-> b <-> c (mutual): b brokers a->c and c->a, never a->a
    result = roles_of([("a", "b"), ("b", "c")], {"a": "x", "b": "y", "c": "x"})
    assert result["b"]["itinerant"] == 1
    mutual = network_from_ties([("a", "b"), ("b", "c")], directed=False, sectors={"b": "y"})
    table = brokerage(mutual).set_index("id")
    assert table.loc["b", "itinerant"] == 2  # a->b->c and c->b->a, both groups "other"
    assert table.loc["b", "total"] == 2


def test_hand_worked_four_node_example() -> None:
    """A->B, A->C, B->C, B->D, C->D, D->A with groups {A, B} = 1 and {C, D} = 2 (the example
    in the documentation of the R package cograph), worked by hand:

    * A: D->A->B open (no D->B), groups 2,1,1: gatekeeper; D->A->C open, 2,1,2: itinerant.
    * B: A->B->D open, 1,1,2: representative; A->B->C closed by A->C.
    * C: A->C->D open, 1,2,2: gatekeeper; B->C->D closed by B->D.
    * D: B->D->A open, 1,2,1: itinerant; C->D->A open, 2,2,1: representative.
    """
    ties = [("A", "B"), ("A", "C"), ("B", "C"), ("B", "D"), ("C", "D"), ("D", "A")]
    groups = {"A": "1", "B": "1", "C": "2", "D": "2"}
    result = roles_of(ties, groups)
    assert result["A"] == {**only("gatekeeper"), "itinerant": 1, "total": 2}
    assert result["B"] == only("representative")
    assert result["C"] == only("gatekeeper")
    assert result["D"] == {**only("itinerant"), "representative": 1, "total": 2}


def literal_brokerage(graph: nx.DiGraph, group: dict) -> dict:
    """The definition, enumerated: every ordered (a, c) around every b."""
    out = {b: dict.fromkeys(ROLES, 0) for b in graph}
    for b in graph:
        for a, c in itertools.product(graph.predecessors(b), graph.successors(b)):
            if a == c or graph.has_edge(a, c):
                continue
            ga, gb, gc = group[a], group[b], group[c]
            if ga == gb == gc:
                role = "coordinator"
            elif ga == gc:
                role = "itinerant"
            elif gb == gc:
                role = "gatekeeper"
            elif ga == gb:
                role = "representative"
            else:
                role = "liaison"
            out[b][role] += 1
    return out


@pytest.mark.parametrize("seed", range(6))
def test_sparse_counts_equal_the_definition_on_random_graphs(seed: int) -> None:
    graph = random_digraph(30, 0.12 + 0.03 * seed, seed)
    rng = np.random.default_rng(seed)
    group = {v: "g" + str(rng.integers(0, 3)) for v in graph}
    mats = cooperation_matrices(network_of(graph))
    counts = brokerage_counts(mats.arcs, np.array([group[int(i)] for i in mats.ids]))
    expected = literal_brokerage(graph, group)
    for row, node in enumerate(mats.ids):
        for role in ROLES:
            assert counts[role][row] == expected[int(node)][role], (node, role)
    total = sum(counts[role] for role in ROLES)
    # every open two-path gets exactly one role
    open_paths = [
        sum(
            1
            for a, c in itertools.product(graph.predecessors(b), graph.successors(b))
            if a != c and not graph.has_edge(a, c)
        )
        for b in (int(i) for i in mats.ids)
    ]
    assert total.tolist() == open_paths


def test_partition_by_another_attribute_and_totals() -> None:
    net = network_from_ties(
        [("a", "b"), ("b", "c"), ("c", "d")],
        sectors={"a": "x", "b": "x", "c": "y", "d": "y"},
        teryt={"a": "1465011", "b": "1465022", "c": "1465022", "d": "1465011"},
    )
    by_gmina = brokerage(net, partition="gmina").set_index("id")
    assert by_gmina.loc["b", "group"] == "1465022"
    assert by_gmina.loc["b", "gatekeeper"] == 1  # a (011) -> b (022) -> c (022)
    assert by_gmina.loc["c", "representative"] == 1  # b (022) -> c (022) -> d (011)
    by_sector = brokerage(net).set_index("id")
    assert by_sector.loc["b", "representative"] == 1  # a x -> b x -> c y
    assert by_sector.loc["c", "gatekeeper"] == 1  # b x -> c y -> d y
    totals = brokerage_groups(brokerage(net)).set_index("group")
    assert totals.loc["x", "representative"] == 1
    assert totals.loc["y", "gatekeeper"] == 1
    assert totals["institutions"].to_dict() == {"x": 2, "y": 2}
    with pytest.raises(PartitionError, match="no attribute 'colour'"):
        brokerage(net, partition="colour")


def test_ei_index_per_institution() -> None:
    # a (x) tied to b (x) and c (y): one internal, one external tie -> 0
    net = network_from_ties([("a", "b"), ("c", "a")], sectors={"a": "x", "b": "x", "c": "y"})
    ei = brokerage(net).set_index("id")["ei_index"]
    assert ei["a"] == 0.0
    assert ei["b"] == -1.0
    assert ei["c"] == 1.0
