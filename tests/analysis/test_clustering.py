"""Per-institution clustering, HITS and cliques against networkx on random graphs, and the
ego-density convention by hand."""

from __future__ import annotations

import networkx as nx
import pytest

from kokon_graph.analysis.clustering import local_clustering
from tests.analysis._graphs import network_of, random_digraph


@pytest.mark.parametrize("seed", [3, 4])
def test_equals_networkx(seed: int) -> None:
    graph = random_digraph(60, 0.06, seed)
    table = local_clustering(network_of(graph)).set_index("id")
    undirected = nx.clustering(graph.to_undirected())
    directed = nx.clustering(graph)
    hubs, authorities = nx.hits(graph, max_iter=1000, tol=1e-12)
    cliques = dict.fromkeys(graph, 0)
    for clique in nx.find_cliques(graph.to_undirected()):
        if len(clique) >= 3:
            for v in clique:
                cliques[v] += 1
    for v in graph:
        row = table.loc[str(v)]
        assert row["clustering"] == pytest.approx(undirected[v]), v
        assert row["clustering_directed"] == pytest.approx(directed[v]), v
        assert row["hub"] == pytest.approx(hubs[v], abs=1e-6), v
        assert row["authority"] == pytest.approx(authorities[v], abs=1e-6), v
        assert row["cliques"] == cliques[v], v


def test_ego_density_convention_by_hand() -> None:
    """x tied with a, b, c (any direction); among them only a -> b: 1 arc of 3 * 2 pairs."""
    graph = nx.DiGraph([("x", "a"), ("b", "x"), ("x", "c"), ("a", "b")])
    row = local_clustering(network_of(graph)).set_index("id").loc["x"]
    assert row["clustering_ego"] == pytest.approx(1 / 6)
    assert row["clustering"] == pytest.approx(1 / 3)  # one edge among three partners
