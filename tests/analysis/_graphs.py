"""Graphs shared by the analysis tests: classic networks as kokon_graph networks, random graphs."""

from __future__ import annotations

import networkx as nx
import numpy as np

from kokon_graph import Network
from kokon_graph.analysis._demo import network_from_ties


def network_of(
    graph: nx.Graph, *, weight: str | None = None, sectors: dict | None = None
) -> Network:
    """A kokon_graph network with the nodes and ties of ``graph`` (undirected: mutual ties).

    Node ids become strings; isolates are kept.
    """
    ties = [
        (str(u), str(v), float(d.get(weight, 1.0)) if weight else 1.0)
        for u, v, d in graph.edges(data=True)
    ]
    return network_from_ties(
        ties,
        directed=graph.is_directed(),
        nodes=[str(n) for n in graph.nodes],
        sectors={str(k): v for k, v in (sectors or {}).items()},
    )


def random_digraph(n: int, p: float, seed: int, *, weighted: bool = False) -> nx.DiGraph:
    """A directed G(n, p) graph; weights 1-4 when ``weighted``."""
    graph = nx.gnp_random_graph(n, p, seed=seed, directed=True)
    rng = np.random.default_rng(seed)
    if weighted:
        for _, _, data in graph.edges(data=True):
            data["weight"] = float(rng.integers(1, 5))
    return graph


def by_id(values: np.ndarray | list, ids: list[str]) -> dict[str, float]:
    return {node: float(v) for node, v in zip(ids, values, strict=True)}
