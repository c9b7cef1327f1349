"""Weighted paths (Opsahl, Agneessens & Skvoretz 2010): α = 0 gives the unweighted columns,
any α equals networkx's weighted closeness and betweenness with lengths 1 / w^α."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pytest

from kokon_graph.analysis import centrality
from kokon_graph.analysis.weighted import weighted_paths
from kokon_graph.errors import OptionError
from tests.analysis._graphs import network_of, random_digraph


def test_alpha_zero_is_the_unweighted_measure() -> None:
    net = network_of(random_digraph(50, 0.07, 8, weighted=True), weight="weight")
    plain = centrality(net).set_index("id")
    weighted = weighted_paths(net, alpha=0.0).set_index("id")
    assert weighted["closeness_weighted"].to_numpy() == pytest.approx(plain["closeness"].to_numpy())
    assert weighted["betweenness_weighted"].to_numpy() == pytest.approx(
        plain["betweenness_sym"].to_numpy()
    )


@pytest.mark.parametrize("alpha", [0.5, 1.0, 1.5])
def test_equals_networkx_with_opsahl_lengths(alpha: float) -> None:
    """Continuous weights (no two paths of exactly equal length: networkx compares path
    lengths exactly, igraph within a rounding tolerance, so only exact ties could differ)."""
    graph = random_digraph(45, 0.08, 9)
    rng = np.random.default_rng(9)
    for _, _, d in graph.edges(data=True):
        d["weight"] = float(rng.uniform(1.0, 4.0))
    und = nx.Graph()
    und.add_nodes_from(graph)
    for u, v, d in graph.edges(data=True):  # the symmetrised graph keeps the larger weight
        w = max(d["weight"], und[u][v]["weight"]) if und.has_edge(u, v) else d["weight"]
        und.add_edge(u, v, weight=w)
    for _, _, d in und.edges(data=True):
        d["length"] = 1.0 / d["weight"] ** alpha
    table = weighted_paths(network_of(graph, weight="weight"), alpha=alpha).set_index("id")
    close = nx.closeness_centrality(und, distance="length")
    between = nx.betweenness_centrality(und, weight="length", normalized=True)
    for v in und:
        assert table.loc[str(v), "closeness_weighted"] == pytest.approx(close[v]), v
        assert table.loc[str(v), "betweenness_weighted"] == pytest.approx(between[v]), v


def test_negative_alpha_is_refused() -> None:
    net = network_of(nx.path_graph(3))
    with pytest.raises(OptionError, match="alpha must be 0 or more"):
        weighted_paths(net, alpha=-1.0)


def test_equal_paths_share_the_betweenness() -> None:
    """Square a-b-c-d-a, every weight 2: a and c are joined by two shortest paths of equal
    length, so b and d get half of the pair each (and of the pair b, d: a and c)."""
    net = network_of(nx.cycle_graph(["a", "b", "c", "d"]))
    table = weighted_paths(net, alpha=1.0).set_index("id")
    assert table["betweenness_weighted_raw"].tolist() == [0.5, 0.5, 0.5, 0.5]
