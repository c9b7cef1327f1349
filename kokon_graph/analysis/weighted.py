"""Closeness and betweenness on tie strength: Opsahl, Agneessens & Skvoretz (2010).

A strong tie is a short one: the length of a tie of weight ``w`` is ``1 / w^α``
and the distance between two institutions the shortest total length. The
tuning parameter ``α`` weighs the number of intermediaries against the strength
of the ties: ``α = 0`` ignores the weights (every tie has length 1: the
unweighted ``closeness`` and ``betweenness_sym`` of
:func:`~kokon_graph.analysis.centrality.centrality`), ``α = 1`` uses the
strengths alone (Dijkstra's weighted distance), ``α = 0.5`` (the default,
Opsahl et al.'s middle case) favours paths of strong ties but still counts each
extra intermediary.

On the symmetrised graph (the larger weight of the two directions), with the
same conventions as the unweighted columns: ``closeness_weighted`` is
Wasserman–Faust-corrected (``(r/(n − 1)) · (r / Σ d)``, ``r`` = reachable
institutions), ``betweenness_weighted`` counts each unordered pair once and is
normalised by ``(n − 1)(n − 2) / 2`` (NaN with fewer than 3 institutions); paths
whose lengths are equal within rounding are all shortest (igraph's tolerance).
These are extra columns, not a replacement; they are an optional result, computed
only on request (``kokon-graph analyze --weighted-paths ALPHA``,
``run_all(..., weighted_alpha=ALPHA)`` or :func:`weighted_paths`), so ``analyze``
keeps its time on national data.

References
----------
Opsahl, T., Agneessens, F., & Skvoretz, J. (2010). Node centrality in weighted
networks: generalizing degree and shortest paths. Social Networks 32(3),
245–251. doi:10.1016/j.socnet.2010.03.006
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from kokon_graph.analysis._graphs import base_frame, cooperation_matrices
from kokon_graph.analysis._paths import DEFAULT_EXACT_LIMIT, component_paths
from kokon_graph.graph import Network, RelationLike

__all__ = ["DEFAULT_ALPHA", "weighted_paths"]

#: Opsahl et al.'s middle case: strong ties count, and so does each extra intermediary.
DEFAULT_ALPHA = 0.5


def weighted_paths(
    network: Network,
    *,
    alpha: float = DEFAULT_ALPHA,
    relation: RelationLike = None,
    betweenness: str | int = "auto",
    exact_limit: int = DEFAULT_EXACT_LIMIT,
    seed: int = 0,
) -> pd.DataFrame:
    """Weighted closeness and betweenness of every institution (Opsahl et al. 2010).

    Returns
    -------
    pandas.DataFrame
        ``id``, ``name``, ``type``, ``sector``, ``teryt``, ``alpha``,
        ``closeness_weighted``, ``betweenness_weighted``,
        ``betweenness_weighted_raw``, ``betweenness_method`` (the ``weighted_paths``
        columns of :data:`~kokon_graph.analysis.columns.COLUMNS`).

    Examples
    --------
    A strong detour beats a weak direct tie once ``α = 1``: a–c of weight 1, a–b
    and b–c of weight 4 (lengths 1, ¼, ¼), so b lies on the shortest a–c path (rows in the
    order a, c, b).

    >>> from kokon_graph.analysis._demo import network_from_ties
    >>> net = network_from_ties([("a", "c", 1), ("a", "b", 4), ("b", "c", 4)], directed=False)
    >>> weighted_paths(net, alpha=1.0)["betweenness_weighted_raw"].tolist()
    [0.0, 0.0, 1.0]
    >>> weighted_paths(net, alpha=0.0)["betweenness_weighted_raw"].tolist()
    [0.0, 0.0, 0.0]
    """
    if not np.isfinite(alpha) or alpha < 0:
        from kokon_graph.errors import OptionError

        raise OptionError(
            f"the weighted-paths alpha must be a number 0 or more, not {alpha}",
            hint="e.g. 0.5 (Opsahl's middle case), 0 (unweighted) or 1 (Dijkstra)",
        )
    mats = cooperation_matrices(network, relation)
    n = mats.n
    lengths = mats.sym_weights.tocsr().astype(np.float64)
    lengths.data = 1.0 / np.power(np.maximum(lengths.data, 1e-12), alpha)
    far, reach, raw, method = component_paths(
        lengths, betweenness=betweenness, exact_limit=exact_limit, seed=seed, weighted=True
    )
    closeness = np.divide(reach, far, out=np.zeros(n), where=far > 0) * (
        reach / (n - 1) if n > 1 else 0.0
    )
    pairs = (n - 1) * (n - 2) / 2
    frame = base_frame(network)
    frame["alpha"] = float(alpha)
    frame["closeness_weighted"] = closeness
    frame["betweenness_weighted"] = raw / pairs if n >= 3 else np.full(n, np.nan)
    frame["betweenness_weighted_raw"] = raw
    frame["betweenness_method"] = [str(x) for x in method]
    return frame
