"""Burt's structural-hole measures: the values networkx's test-suite takes from UCINET, igraph and
Borgatti (1997), networkx's per-node (definition) form on random graphs, igraph's constraint,
and hierarchy worked from its definition."""

from __future__ import annotations

import math

import networkx as nx
import numpy as np
import pytest

from kokon_graph.analysis import structural_holes
from kokon_graph.analysis._graphs import cooperation_matrices, matrices_from_graph
from kokon_graph.analysis.holes import burt_measures
from tests.analysis._graphs import by_id, network_of, random_digraph

# networkx/algorithms/tests/test_structuralholes.py: "originally computed using UCINET and
# igraph, and then computed by hand"; G is the example of Borgatti (1997), "Structural holes:
# unpacking Burt's redundancy measures", Connections 20(1):35-38.
D_EDGES = [(0, 1), (0, 2), (1, 0), (2, 1)]
D_WEIGHTS = {(0, 1): 2, (0, 2): 2, (1, 0): 1, (2, 1): 1}
G_WEIGHTS = {
    ("A", "B"): 2,
    ("A", "F"): 3,
    ("A", "G"): 5,
    ("A", "E"): 2,
    ("E", "G"): 8,
    ("F", "G"): 3,
    ("B", "G"): 4,
    ("B", "D"): 1,
    ("D", "G"): 3,
    ("G", "C"): 10,
}


def measures(graph: nx.Graph, *, weighted: bool) -> dict[str, dict[str, float]]:
    mats = matrices_from_graph(graph, weight="weight" if weighted else None)
    result = burt_measures(mats.weights)
    return {key: by_id(values, mats.ids) for key, values in result.items()}


def test_directed_reference_values() -> None:
    plain = measures(nx.DiGraph(D_EDGES), weighted=False)
    assert [plain["constraint"][v] for v in "012"] == pytest.approx([1.003, 1.003, 1.389], abs=1e-3)
    assert [plain["effective_size"][v] for v in "012"] == pytest.approx(
        [1.167, 1.167, 1.0], abs=1e-3
    )
    weighted_graph = nx.DiGraph(D_EDGES)
    nx.set_edge_attributes(weighted_graph, D_WEIGHTS, "weight")
    weighted = measures(weighted_graph, weighted=True)
    assert [weighted["constraint"][v] for v in "012"] == pytest.approx(
        [0.840, 1.143, 1.378], abs=1e-3
    )
    assert [weighted["effective_size"][v] for v in "012"] == pytest.approx(
        [1.567, 1.083, 1.0], abs=1e-3
    )


def test_undirected_reference_values() -> None:
    graph = nx.Graph(list(G_WEIGHTS))
    plain = measures(graph, weighted=False)
    assert [plain["constraint"][v] for v in "GAC"] == pytest.approx([0.400, 0.595, 1.0], abs=1e-3)
    # Borgatti's simplified formula n - 2t/n gives the same on binary undirected data
    assert [plain["effective_size"][v] for v in "GAC"] == pytest.approx([4.67, 2.50, 1.0], abs=1e-2)
    nx.set_edge_attributes(graph, G_WEIGHTS, "weight")
    weighted = measures(graph, weighted=True)
    assert [weighted["constraint"][v] for v in "GAC"] == pytest.approx(
        [0.299, 0.795, 1.0], abs=1e-3
    )
    assert [weighted["effective_size"][v] for v in "GAC"] == pytest.approx(
        [5.47, 2.47, 1.0], abs=1e-2
    )


def test_borgatti_simplified_formula_on_binary_undirected_graphs() -> None:
    graph = nx.gnp_random_graph(30, 0.15, seed=3)
    plain = measures(graph, weighted=False)
    for v in graph:
        if graph.degree(v) == 0:
            continue
        ego = nx.ego_graph(graph, v, center=False)
        n, t = ego.number_of_nodes(), ego.number_of_edges()
        assert plain["effective_size"][str(v)] == pytest.approx(n - 2 * t / n)


def literal_burt(graph: nx.DiGraph, v: object, weight: str | None) -> tuple[float, float]:
    """Effective size and constraint of ``v`` enumerated from Burt's definitions."""

    def z(a: object, b: object) -> float:
        if not graph.has_edge(a, b):
            return 0.0
        return float(graph[a][b].get(weight, 1.0)) if weight else 1.0

    def m(a: object, b: object) -> float:
        return z(a, b) + z(b, a)

    def contacts(a: object) -> set:
        return set(nx.all_neighbors(graph, a)) - {a}

    def p(a: object, b: object) -> float:
        return m(a, b) / sum(m(a, q) for q in contacts(a))

    def rel(a: object, b: object) -> float:
        return m(a, b) / max(m(a, q) for q in contacts(a))

    mine = contacts(v)
    effective = sum(1 - sum(p(v, q) * rel(j, q) for q in mine if q != j) for j in mine)
    constraint = sum((p(v, j) + sum(p(v, q) * p(q, j) for q in mine if q != j)) ** 2 for j in mine)
    return effective, constraint


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("weighted", [False, True])
def test_equal_the_definition_and_networkx_per_node_form(seed: int, weighted: bool) -> None:
    """networkx's per-node loop follows the definition (its vectorised weighted
    effective_size does not, in networkx 3.6.1), except that it returns NaN for a node that
    only receives ties (it looks for neighbours among successors only)."""
    graph = random_digraph(25, 0.12, seed, weighted=weighted)
    got = measures(graph, weighted=weighted)
    weight = "weight" if weighted else None
    nodes = [v for v in graph if graph.degree(v) > 0]
    es = nx.effective_size(graph, nodes=nodes, weight=weight)
    cons = nx.constraint(graph, nodes=nodes, weight=weight)
    receivers_only = 0
    for v in nodes:
        effective, constraint = literal_burt(graph, v, weight)
        assert got["effective_size"][str(v)] == pytest.approx(effective, abs=1e-9)
        assert got["constraint"][str(v)] == pytest.approx(constraint, abs=1e-9)
        if graph.out_degree(v):
            assert got["effective_size"][str(v)] == pytest.approx(es[v], abs=1e-9)
            assert got["constraint"][str(v)] == pytest.approx(cons[v], abs=1e-9)
        else:
            receivers_only += 1  # networkx 3.6.1 gives NaN here; the definition does not
        contacts = len(set(nx.all_neighbors(graph, v)))
        assert got["efficiency"][str(v)] == pytest.approx(effective / contacts)
        assert got["contacts"][str(v)] == contacts
    assert receivers_only or seed == 1


def test_constraint_equals_igraph() -> None:
    import igraph as ig

    graph = nx.gnp_random_graph(40, 0.1, seed=9)
    got = measures(graph, weighted=False)
    g = ig.Graph(n=40, edges=list(graph.edges()))
    reference = g.constraint()
    for v in graph:
        if graph.degree(v):
            assert got["constraint"][str(v)] == pytest.approx(reference[v], abs=1e-9)


def test_hierarchy_from_its_definition() -> None:
    """H = Σ_j r_j ln r_j / (N ln N), r_j = c_ij / (C_i / N) (Burt 1992, p. 71), with the
    dyadic constraints c_ij from networkx's local_constraint."""
    graph = random_digraph(20, 0.2, 5)
    got = measures(graph, weighted=False)
    for v in graph:
        contacts = sorted(set(nx.all_neighbors(graph, v)))
        if len(contacts) < 2:
            assert math.isnan(got["hierarchy"][str(v)])
            continue
        c = np.array([nx.local_constraint(graph, v, j) for j in contacts])
        r = c / (c.sum() / len(contacts))
        expected = float((r * np.log(r)).sum() / (len(contacts) * math.log(len(contacts))))
        assert got["hierarchy"][str(v)] == pytest.approx(expected, abs=1e-9)


def test_hierarchy_is_zero_for_an_even_star_and_nan_for_isolates() -> None:
    star = nx.star_graph(4)
    star.add_node(9)
    got = measures(star, weighted=False)
    assert got["hierarchy"]["0"] == pytest.approx(0.0)
    assert got["constraint"]["0"] == pytest.approx(0.25)
    assert got["effective_size"]["0"] == 4.0
    assert math.isnan(got["hierarchy"]["1"])  # one contact
    for key in ("effective_size", "efficiency", "constraint", "hierarchy"):
        assert math.isnan(got[key]["9"]), key


def test_table_has_weighted_and_unweighted_columns() -> None:
    graph = nx.Graph(list(G_WEIGHTS))
    nx.set_edge_attributes(graph, G_WEIGHTS, "weight")
    net = network_of(graph, weight="weight")
    table = structural_holes(net).set_index("id")
    assert table.loc["G", "constraint"] == pytest.approx(0.400, abs=1e-3)
    assert table.loc["G", "constraint_weighted"] == pytest.approx(0.299, abs=1e-3)
    assert table.loc["G", "effective_size_weighted"] == pytest.approx(5.47, abs=1e-2)
    # a mutual tie of weight w counts as w in each direction: the same shares as undirected
    mats = cooperation_matrices(net)
    assert mats.weights.sum() == 2 * sum(G_WEIGHTS.values())
