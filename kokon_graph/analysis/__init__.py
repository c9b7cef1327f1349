"""Analytics of the cooperation network: central actors, brokers, cohesion and coordination gaps.

Every function takes a :class:`~kokon_graph.graph.Network` and returns a
:class:`pandas.DataFrame` whose columns are documented in
:data:`~kokon_graph.analysis.columns.COLUMNS` (Polish and English headers,
formula, reference) and in ``docs/measures.md``. Nothing here prints, writes
files or imports click, neo4j or pyvis.

:func:`run_all` computes every result at once (sharing the graph conversions
and path computations between them)::

    from kokon_graph import read_dataset, build_network
    from kokon_graph.analysis import run_all

    net = build_network(read_dataset("datasets/praski-kokon"), scope="powiat:1465")
    results = run_all(net)
    results["centrality"].nlargest(5, "betweenness")

Modules, one per family of measures: :mod:`.centrality`, :mod:`.network`,
:mod:`.brokerage`, :mod:`.holes`, :mod:`.mixing`, :mod:`.communities`,
:mod:`.cohesion`, :mod:`.ego`, :mod:`.twomode`, :mod:`.weighted` (weighted paths, an
optional result: ``run_all(..., weighted_alpha=0.5)``), :mod:`.change` (tests of change),
:mod:`.gaps`, :mod:`.recommend`; :mod:`.columns` and :mod:`.results` hold the facts
about every result (:data:`REGISTRY`), the optional ones among them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd

from kokon_graph.analysis._graphs import cooperation_matrices
from kokon_graph.analysis._parallel import Aside
from kokon_graph.analysis._paths import DEFAULT_EXACT_LIMIT, DEFAULT_PIVOTS, choose_method
from kokon_graph.analysis.brokerage import ROLES, brokerage, brokerage_groups
from kokon_graph.analysis.centrality import centrality
from kokon_graph.analysis.clustering import local_clustering
from kokon_graph.analysis.cohesion import bridges, cohesion
from kokon_graph.analysis.columns import COLUMNS, ColumnDoc
from kokon_graph.analysis.communities import communities, community_make_up, detect
from kokon_graph.analysis.ego import ego_networks
from kokon_graph.analysis.gaps import (
    DEFAULT_REQUIRED_SECTORS,
    gaps_co_serving,
    gaps_group_coverage,
    gaps_referral_targets,
    gaps_referrals,
    gaps_sector,
    gaps_uncoordinated,
)
from kokon_graph.analysis.holes import structural_holes
from kokon_graph.analysis.mixing import mixing, mixing_groups, multiplexity
from kokon_graph.analysis.network import network_by_territory, network_measures
from kokon_graph.analysis.recommend import recommendations
from kokon_graph.analysis.results import (
    ANALYSIS_RESULTS,
    GAP_KINDS,
    OPTIONAL_RESULTS,
    REGISTRY,
    RESULTS,
    GapKind,
    Result,
    ResultDoc,
    analysis_results,
)
from kokon_graph.analysis.trust import survey_waves, trust, trust_pairs
from kokon_graph.analysis.twomode import twomode, twomode_overlaps
from kokon_graph.analysis.weighted import weighted_paths
from kokon_graph.graph import Network, Relation, RelationLike

__all__ = [
    "ANALYSIS_RESULTS",
    "COLUMNS",
    "DEFAULT_EXACT_LIMIT",
    "DEFAULT_PIVOTS",
    "DEFAULT_REQUIRED_SECTORS",
    "GAP_KINDS",
    "OPTIONAL_RESULT_NAMES",
    "REGISTRY",
    "RESULTS",
    "RESULT_NAMES",
    "ROLES",
    "ColumnDoc",
    "GapKind",
    "Result",
    "ResultDoc",
    "analysis_results",
    "bridges",
    "brokerage",
    "brokerage_groups",
    "centrality",
    "cohesion",
    "communities",
    "community_make_up",
    "ego_networks",
    "gaps_co_serving",
    "gaps_group_coverage",
    "gaps_referral_targets",
    "gaps_referrals",
    "gaps_sector",
    "gaps_uncoordinated",
    "local_clustering",
    "mixing",
    "mixing_groups",
    "multiplexity",
    "network_by_territory",
    "network_measures",
    "recommendations",
    "run_all",
    "structural_holes",
    "survey_waves",
    "trust",
    "trust_pairs",
    "twomode",
    "twomode_overlaps",
    "weighted_paths",
]

#: The keys of :func:`run_all`'s result, in the order they are written (without the
#: optional results, which are there only when asked for).
RESULT_NAMES: tuple[str, ...] = tuple(r.name for r in analysis_results())
#: The optional results, each computed only when its keyword argument is given
#: (:attr:`Result.option`).
OPTIONAL_RESULT_NAMES: tuple[str, ...] = tuple(r.name for r in OPTIONAL_RESULTS)


def run_all(
    network: Network,
    *,
    relation: RelationLike = None,
    partition: str = "sector",
    required_sectors: Sequence[str] | None = None,
    min_services: int = 3,
    betweenness: str | int = "auto",
    seed: int = 0,
    exact_limit: int = DEFAULT_EXACT_LIMIT,
    top_recommendations: int = 100,
    weighted_alpha: float | None = None,
    jobs: int | None = None,
) -> dict[str, pd.DataFrame]:
    """Every analysis result of ``network``.

    Parameters
    ----------
    network
        The network (scope and wave as built).
    relation
        Only these cooperation kinds count as ties; all by default.
    partition
        Institution attribute for brokerage roles, mixing and E-I indices.
    required_sectors
        The sectors a gmina's cooperation model requires (default:
        :data:`~kokon_graph.model.DEFAULT_REQUIRED_SECTORS`).
    min_services
        Families served by at least this many institutions are checked for coordination.
    betweenness
        ``"auto"``, ``"exact"``, ``"sampled"`` or a number of pivots (see
        :func:`~kokon_graph.analysis.centrality.centrality`).
    seed
        Seed of the pivot draw and of the community detection.
    exact_limit
        Largest network whose betweenness and closeness ``"auto"`` computes exactly.
    top_recommendations
        Number of recommended ties kept (0: all).
    weighted_alpha
        With a value (α ≥ 0), also the optional ``weighted_paths`` result: closeness
        and betweenness on tie lengths 1/w^α (:func:`weighted_paths`, Opsahl et al. 2010;
        α = 0 gives the unweighted values, 1 Dijkstra's on inverse strengths, 0.5 is
        Opsahl's middle case). None (the default) leaves it out.
    jobs
        Processes to use (default: the ``KOKON_GRAPH_JOBS`` environment variable, else 1):
        with 2 or more, on Linux and macOS, the path measures and the communities are
        computed in a forked process while this one computes the other results
        (:class:`~kokon_graph.analysis._parallel.Aside`). The results are the same
        whatever ``jobs``.

    Returns
    -------
    dict[str, pandas.DataFrame]
        ``network``, ``network_territories``, ``centrality``, ``brokerage``, ``brokerage_groups``,
        ``holes``, ``mixing``, ``mixing_groups``, ``communities``,
        ``communities_sectors``, ``cohesion``, ``bridges``, ``ego``, ``clustering``, ``twomode``,
        ``twomode_overlaps``,
        ``gaps_co_serving``, ``gaps_sector``, ``gaps_referrals``,
        ``gaps_referral_targets``, ``gaps_uncoordinated``,
        ``gaps_group_coverage``, ``recommendations``, ``survey_waves``, ``trust``,
        ``trust_pairs`` — see :data:`COLUMNS`; with ``weighted_alpha``, ``weighted_paths``
        after ``centrality``. A result with nothing to report is an empty frame with its
        columns.

    Examples
    --------
    >>> from kokon_graph.analysis._demo import demo_network
    >>> results = run_all(demo_network())
    >>> list(results) == list(RESULT_NAMES)
    True
    >>> all(list(results[k].columns) == list(COLUMNS[k]) for k in results)
    True
    >>> list(run_all(demo_network(), weighted_alpha=0.5))[2:4]
    ['centrality', 'weighted_paths']
    """
    relation = Relation.parse(relation)  # parsed once, passed on as it is
    required = tuple(required_sectors) if required_sectors is not None else DEFAULT_REQUIRED_SECTORS
    mats = cooperation_matrices(network, relation)  # build the shared matrices once
    choose_method(max(mats.n, 1), betweenness, exact_limit)  # a bad option fails here, first
    paths: dict[str, Any] = {"betweenness": betweenness, "seed": seed, "exact_limit": exact_limit}
    out: dict[str, pd.DataFrame] = {}
    # the path measures (most of the work on a large network) and the communities in a second
    # process, if any, while this one computes every result that needs neither; the same
    # values either way. The two-mode analysis stays here: its distances would add to this
    # process's memory at its peak (measured on NATIONAL: 1.55 GB against 1.38 GB).
    also = (
        lambda: detect(mats, method="louvain", seed=seed),
        lambda: detect(mats, method="leiden", seed=seed),
    )
    with Aside(mats, paths, jobs, also=also):
        out["network_territories"] = network_by_territory(
            network, relation=relation, partition=partition
        )
        out["brokerage"] = brokerage(network, partition=partition, relation=relation)
        out["brokerage_groups"] = brokerage_groups(out["brokerage"])
        out["holes"] = structural_holes(network, relation=relation)
        out["mixing"] = mixing(network, partition=partition, relation=relation)
        out["mixing_groups"] = mixing_groups(network, partition=partition, relation=relation)
        out["cohesion"] = cohesion(network, relation=relation)
        out["bridges"] = bridges(network, relation=relation)
        out["ego"] = ego_networks(network, relation=relation)
        out["clustering"] = local_clustering(network, relation=relation)
        out["twomode"] = twomode(
            network, betweenness=betweenness, exact_limit=exact_limit, seed=seed
        )
        out["twomode_overlaps"] = twomode_overlaps(network)
        out["gaps_co_serving"] = gaps_co_serving(network, relation=relation)
        out["gaps_sector"] = gaps_sector(network, required=required, relation=relation)
        out["gaps_referrals"] = gaps_referrals(network)
        out["gaps_referral_targets"] = gaps_referral_targets(network)
        out["gaps_uncoordinated"] = gaps_uncoordinated(network, min_services=min_services)
        out["gaps_group_coverage"] = gaps_group_coverage(network)
        out["survey_waves"] = survey_waves(network)
        out["trust"] = trust(network)
        out["trust_pairs"] = trust_pairs(network)
        if weighted_alpha is not None:
            out["weighted_paths"] = weighted_paths(
                network, alpha=weighted_alpha, relation=relation, **paths
            )
    out["network"] = network_measures(network, partition=partition, relation=relation, **paths)
    out["centrality"] = centrality(network, relation=relation, **paths)
    out["communities"] = communities(network, seed=seed, relation=relation)
    out["communities_sectors"] = community_make_up(network, out["communities"], partition=partition)
    out["recommendations"] = recommendations(
        network,
        top=top_recommendations,
        seed=seed,
        co_serving=out["gaps_co_serving"],
        sector_gaps=out["gaps_sector"],
        relation=relation,
    )
    return {r.name: out[r.name] for r in analysis_results(out)}
