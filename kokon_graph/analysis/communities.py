"""Communities of the cooperation network: Louvain and Leiden, with a fixed seed.

Both run on the symmetrised graph with tie weights (the larger weight of the
two directions) and maximise Newman's modularity at ``resolution`` 1 by
default. The engine is igraph's C implementation (``community_multilevel``
and ``community_leiden``), seeded through igraph's random generator so the
same seed gives the same partition. networkx's ``louvain_communities`` is the
reference the tests compare against (modularity of the partitions found);
it is pure Python and far slower on a national network.

Communities are numbered 1, 2, ... from the largest; an institution without
ties is a community of its own.

References
----------
Blondel, V. D., Guillaume, J.-L., Lambiotte, R., & Lefebvre, E. (2008). Fast
unfolding of communities in large networks. J. Stat. Mech. P10008.
doi:10.1088/1742-5468/2008/10/P10008

Traag, V. A., Waltman, L., & van Eck, N. J. (2019). From Louvain to Leiden:
guaranteeing well-connected communities. Scientific Reports 9, 5233.
doi:10.1038/s41598-019-41695-z
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from kokon_graph.analysis._graphs import CoopMatrices, base_frame, cooperation_matrices
from kokon_graph.analysis.brokerage import partition_values
from kokon_graph.errors import OptionError
from kokon_graph.graph import Network, RelationLike

__all__ = ["Partition", "communities", "community_make_up", "detect"]

METHODS = ("louvain", "leiden")


@dataclass
class Partition:
    """Community labels (1 = largest) and the modularity of a partition."""

    method: str
    labels: np.ndarray
    modularity: float

    @property
    def count(self) -> int:
        return int(self.labels.max()) if len(self.labels) else 0


def _relabel(raw: np.ndarray) -> np.ndarray:
    """Labels 1..K by decreasing size, ties by the lowest member index."""
    n = len(raw)
    if n == 0:
        return raw.astype(np.int64)
    uniq, inverse = np.unique(raw, return_inverse=True)
    sizes = np.bincount(inverse)
    first = np.full(len(uniq), n)
    np.minimum.at(first, inverse, np.arange(n))
    order = np.lexsort((first, -sizes))
    rank = np.empty(len(uniq), dtype=np.int64)
    rank[order] = np.arange(1, len(uniq) + 1)
    return rank[inverse]


def _weighted_graph(mats: CoopMatrices) -> tuple[Any, list[float] | None]:
    graph = mats.ig_sym
    if graph.ecount() == 0:
        return graph, None
    return graph, mats.sym_edge_weights


def detect(
    mats: CoopMatrices, *, method: str = "louvain", seed: int = 0, resolution: float = 1.0
) -> Partition:
    """Communities of the symmetrised weighted graph in ``mats`` by ``method``."""
    import igraph as ig

    if method not in METHODS:
        raise OptionError(
            f"method must be one of {METHODS}, not {method!r}",
            hint=f"use {' or '.join(METHODS)}",
        )
    key = f"communities:{method}:{seed}:{resolution}"

    def make() -> Partition:
        graph, weights = _weighted_graph(mats)
        if mats.n == 0:
            return Partition(method, np.zeros(0, dtype=np.int64), float("nan"))
        if graph.ecount() == 0:
            labels = np.arange(1, mats.n + 1)
            return Partition(method, labels, float("nan"))
        ig.set_random_number_generator(random.Random(seed))
        try:
            if method == "louvain":
                found = graph.community_multilevel(weights=weights, resolution=resolution)
            else:
                found = graph.community_leiden(
                    objective_function="modularity",
                    weights=weights,
                    resolution=resolution,
                    n_iterations=-1,
                )
        finally:
            ig.set_random_number_generator(random)
        labels = _relabel(np.asarray(found.membership))
        q = graph.modularity(list(labels), weights=weights, resolution=resolution)
        return Partition(method, labels, float(q))

    result: Partition = mats.extra(key, make)
    return result


def communities(
    network: Network,
    *,
    relation: RelationLike = None,
    seed: int = 0,
    resolution: float = 1.0,
) -> pd.DataFrame:
    """The Louvain and Leiden community of every institution.

    Returns
    -------
    pandas.DataFrame
        ``id``, ``name``, ``type``, ``sector``, ``teryt``, ``community``
        (Louvain), ``community_size``, ``community_leiden`` and
        ``community_leiden_size``.

    Examples
    --------
    >>> from kokon_graph.analysis._demo import demo_network
    >>> communities(demo_network())[["id", "community"]].values.tolist()
    [['OPS', 1], ['SZK', 2], ['POZ', 2], ['NGO', 1], ['PCPR', 1], ['KPP', 1]]
    """
    mats = cooperation_matrices(network, relation)
    frame = base_frame(network)
    for method, column in (("louvain", "community"), ("leiden", "community_leiden")):
        part = detect(mats, method=method, seed=seed, resolution=resolution)
        frame[column] = part.labels
        sizes = np.bincount(part.labels)
        frame[f"{column}_size"] = sizes[part.labels] if len(part.labels) else part.labels
    return frame


def community_make_up(
    network: Network,
    table: pd.DataFrame,
    *,
    partition: str = "sector",
) -> pd.DataFrame:
    """Each community's make-up by ``partition`` (sector by default), for both methods.

    Returns
    -------
    pandas.DataFrame
        ``method`` (``louvain`` or ``leiden``), ``community``,
        ``community_size``, ``group`` (the partition value), ``institutions``
        and ``share`` (of the community).

    >>> from kokon_graph.analysis._demo import demo_network
    >>> net = demo_network()
    >>> community_make_up(net, communities(net))[["community", "group", "share"]].head(2)
       community           group  share
    0          1  family_support   0.25
    1          1             ngo   0.25
    """
    groups = partition_values(network, partition)
    parts = []
    for method, column in (("louvain", "community"), ("leiden", "community_leiden")):
        frame = pd.DataFrame({"community": table[column].to_numpy(), "group": groups})
        counts = frame.groupby(["community", "group"], sort=True).size().rename("institutions")
        out = counts.reset_index()
        size = out.groupby("community")["institutions"].transform("sum")
        out.insert(0, "method", method)
        out.insert(2, "community_size", size.astype(np.int64))
        out["share"] = out["institutions"] / size
        parts.append(out)
    if not parts or all(p.empty for p in parts):
        return pd.DataFrame(
            {
                "method": pd.Series(dtype=str),
                "community": pd.Series(dtype="int64"),
                "community_size": pd.Series(dtype="int64"),
                "group": pd.Series(dtype=str),
                "institutions": pd.Series(dtype="int64"),
                "share": pd.Series(dtype=float),
            }
        )
    return pd.concat(parts, ignore_index=True)
