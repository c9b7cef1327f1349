"""Krackhardt (1994): the out-tree scores 1 on all four dimensions (his defining example);
each departure from it checked by hand."""

from __future__ import annotations

import math

import networkx as nx
import pytest
import scipy.sparse as sp

from kokon_graph.analysis.krackhardt import krackhardt


def _arcs(graph: nx.DiGraph) -> sp.csr_array:
    return sp.csr_array(nx.to_scipy_sparse_array(graph, nodelist=sorted(graph), format="csr"))


def test_out_tree_is_a_perfect_hierarchy() -> None:
    tree = nx.DiGraph(nx.balanced_tree(2, 3, create_using=nx.DiGraph))  # root 0, 15 nodes
    assert set(krackhardt(_arcs(tree)).values()) == {1.0}


def test_departures_by_hand() -> None:
    """Path 0 -> 1 -> 2 -> 3 plus the arc 3 -> 0 (a 4-cycle): every pair reaches both ways
    (hierarchy 0); 4 edges, 3 needed, max excess 3*2/2 = 3: efficiency 1 - 1/3;
    connectedness 1."""
    cycle = nx.DiGraph([(0, 1), (1, 2), (2, 3), (3, 0)])
    got = krackhardt(_arcs(cycle))
    assert got["krackhardt_connectedness"] == 1.0
    assert got["krackhardt_hierarchy"] == 0.0
    assert got["krackhardt_efficiency"] == pytest.approx(2 / 3)
    # two separate out-stars (0 -> 1, 2; 3 -> 4, 5): 6 of 15 pairs connected
    stars = nx.DiGraph([(0, 1), (0, 2), (3, 4), (3, 5)])
    got = krackhardt(_arcs(stars))
    assert got["krackhardt_connectedness"] == pytest.approx(6 / 15)
    assert got["krackhardt_hierarchy"] == 1.0 and got["krackhardt_lub"] == 1.0
    # two roots over one node (0 -> 2 <- 1): the pair (0, 1) has no upper bound
    # (max V = 2*1/2 = 1): LUB 0. 0 <-> 1 -> 2: one mutual pair of three reachable ones
    vee = nx.DiGraph([(0, 2), (1, 2)])
    assert krackhardt(_arcs(vee))["krackhardt_lub"] == 0.0
    mutual = nx.DiGraph([(0, 1), (1, 0), (1, 2)])
    assert krackhardt(_arcs(mutual))["krackhardt_hierarchy"] == pytest.approx(1 - 1 / 3)


def test_large_networks_leave_lub_undefined() -> None:
    big = nx.DiGraph(nx.path_graph(400, create_using=nx.DiGraph))
    got = krackhardt(_arcs(big))
    assert math.isnan(got["krackhardt_lub"])
    assert got["krackhardt_hierarchy"] == 1.0


def _lub_by_definition(graph: nx.DiGraph) -> float:
    """Krackhardt's LUB pair by pair, as he defines it: the upper bounds of a pair are the
    nodes reaching both (either included); a least one is reached by every other one."""
    nodes = sorted(graph)
    reach = {v: nx.ancestors(graph, v) | {v} for v in nodes}  # who reaches v
    comp = {v: k for k, c in enumerate(nx.weakly_connected_components(graph)) for v in c}
    violations = 0
    for a, i in enumerate(nodes):
        for j in nodes[a + 1 :]:
            if comp[i] != comp[j]:
                continue
            bounds = reach[i] & reach[j]
            least = [b for b in bounds if bounds <= reach[b]]
            violations += len(least) != 1
    sizes = [len(c) for c in nx.weakly_connected_components(graph)]
    max_v = sum((s - 1) * (s - 2) / 2 for s in sizes)
    return 1 - violations / max_v if max_v else math.nan


@pytest.mark.parametrize("seed", range(12))
def test_lub_equals_the_pair_by_pair_definition(seed: int) -> None:
    """Random digraphs with cycles, several components and isolated nodes: the whole-array
    count of least upper bounds equals the definition checked pair by pair."""
    graph = nx.gnp_random_graph(40, 0.03 + 0.01 * (seed % 4), seed=seed, directed=True)
    expected = _lub_by_definition(graph)
    got = krackhardt(_arcs(graph))["krackhardt_lub"]
    assert got == pytest.approx(expected, abs=0) or (math.isnan(got) and math.isnan(expected))
