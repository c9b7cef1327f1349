"""The GDS engine: the cooperation network's measures computed inside Neo4j by Graph Data Science.

``kokon-graph analyze neo4j://... --engine gds`` reads the dataset back from
Neo4j (as every ``analyze`` of a URI does), then :func:`compute_in_gds`
projects the cooperation view into two in-memory GDS graphs (directed, and
symmetrised with the larger weight of the two directions) anchored on the
stored ``Institution`` nodes, and runs there what GDS offers:

=====================================  ======================================
column(s)                              GDS procedure
=====================================  ======================================
degree, in/out degree, degree_sym      ``gds.degree`` (NATURAL, REVERSE)
strength, in/out strength              ``gds.degree`` weighted
betweenness(_raw), betweenness_sym     ``gds.betweenness`` (exact, or sampled)
closeness                              ``gds.closeness`` (Wasserman-Faust)
closeness_harmonic                     ``gds.closeness.harmonic``
pagerank, pagerank_weighted            ``gds.pageRank`` (scaled to sum 1)
community, community_leiden            ``gds.louvain``, ``gds.leiden``
components (checked)                   ``gds.wcc``
=====================================  ======================================

The values are put where the in-memory engine keeps its own (the cache of
:class:`~kokon_graph.analysis._graphs.CoopMatrices`), so every result built on
them (centrality, network measures, communities, recommendations) uses the GDS
values and keeps its columns. What GDS lacks (directed closeness variants,
brokerage, structural holes, gaps) is computed in memory from what was read
back, and so is eigenvector centrality: GDS 2.13's power iteration converges
slowly on these networks (a small spectral gap: still 0.11 off after 150
iterations on kooperacja-efektywna) and then returns zeros, where the
in-memory engine solves the eigenproblem exactly. The GDS graphs are dropped
when done, also after a failure.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from kokon_graph.analysis._graphs import CoopMatrices, cooperation_matrices
from kokon_graph.analysis._paths import DEFAULT_EXACT_LIMIT, choose_method, path_stats
from kokon_graph.analysis.centrality import (
    _closeness_columns,
    degree_betweenness_columns,
    eigenvector,
    eigenvector_columns,
    unscaled_closeness,
)
from kokon_graph.analysis.communities import Partition, _relabel
from kokon_graph.errors import StoreError
from kokon_graph.graph import Network
from kokon_graph.store.session import GraphSession
from kokon_graph.store.statements import statement

__all__ = ["GdsReport", "compute_in_gds", "gds_version"]


@dataclass
class GdsReport:
    """What ran in GDS: its version, the graph sizes, the seconds of each procedure."""

    version: str
    nodes: int = 0
    relationships: int = 0
    components: int = 0
    seconds: dict[str, float] = field(default_factory=dict)


def gds_version(session: GraphSession) -> str:
    """The server's GDS version.

    Raises
    ------
    StoreError
        When the server has no GDS library (one line, saying what to do).
    """
    try:
        rows = session.read(statement("gds/version"), {}).rows
    except StoreError as err:
        text = str(err)
        if "gds.version" in text or "Unknown function" in text or "not found" in text:
            raise StoreError(
                f"{session.location} has no Graph Data Science library (GDS), which "
                "--engine gds needs",
                hint="install the GDS plugin on the server (Aura: AuraDS), or leave out "
                "--engine gds to compute in memory",
            ) from None
        raise
    return str(rows[0][0])


def _arcs(mats: CoopMatrices, *, undirected: bool) -> list[dict[str, Any]]:
    coo = (mats.sym_weights if undirected else mats.weights).tocoo()
    keep = coo.row < coo.col if undirected else np.ones(len(coo.row), dtype=bool)
    ids = mats.ids
    arcs: list[dict[str, Any]] = [
        {"source": ids[r], "target": ids[c], "weight": float(w)}
        for r, c, w in zip(coo.row[keep], coo.col[keep], coo.data[keep], strict=True)
    ]
    arcs += [{"source": i, "target": None, "weight": 0.0} for i in ids]
    return arcs


class _Gds:
    """Runs the GDS statements on one session, timing each, returning arrays in ``mats`` order."""

    def __init__(self, session: GraphSession, mats: CoopMatrices, report: GdsReport) -> None:
        self.session = session
        self.mats = mats
        self.report = report

    def rows(self, procedure: str, **params: Any) -> list[tuple[Any, ...]]:
        start = time.perf_counter()
        rows = self.session.read(statement(f"gds/{procedure}"), params).rows
        self.report.seconds[procedure] = self.report.seconds.get(procedure, 0.0) + (
            time.perf_counter() - start
        )
        return rows

    def scores(self, procedure: str, **params: Any) -> np.ndarray:
        out = np.zeros(self.mats.n, dtype=float)
        index = self.mats.index
        for node, score in self.rows(procedure, **params):
            out[index[str(node)]] = float(score)
        return out

    @contextmanager
    def graph(self, *, undirected: bool) -> Iterator[str]:
        name = f"kokon-{'sym' if undirected else 'dir'}-{uuid.uuid4().hex[:12]}"
        arcs = _arcs(self.mats, undirected=undirected)
        try:
            nodes, rels = self.rows("project", name=name, arcs=arcs, undirected=undirected)[0]
            if not undirected:
                self.report.nodes, self.report.relationships = int(nodes), int(rels)
            yield name
        finally:
            self.session.read(statement("gds/drop"), {"name": name})


def _partition(mats: CoopMatrices, method: str, raw: np.ndarray) -> Partition:
    labels = _relabel(raw.astype(np.int64))
    graph = mats.ig_sym
    if graph.ecount() == 0:
        return Partition(method, np.arange(1, mats.n + 1), float("nan"))
    q = graph.modularity(list(labels), weights=mats.sym_edge_weights)
    return Partition(method, labels, float(q))


def compute_in_gds(
    session: GraphSession,
    network: Network,
    *,
    relation: str | None = None,
    betweenness: str | int = "auto",
    seed: int = 0,
    exact_limit: int = DEFAULT_EXACT_LIMIT,
) -> GdsReport:
    """Compute in GDS what it offers for ``network`` and keep it for the results.

    ``network`` must be the one read from the database behind ``session``
    (its institution ids are the stored nodes). Call :func:`kokon_graph.analysis.run_all`
    after it with the same ``relation``, ``betweenness``, ``seed`` and
    ``exact_limit``: the results then carry the GDS values.

    Raises
    ------
    StoreError
        When the server has no GDS, or a GDS procedure fails.
    """
    report = GdsReport(version=gds_version(session))
    mats = cooperation_matrices(network, relation)
    n = mats.n
    if n == 0:
        return report
    method, pivots = choose_method(max(n, 1), betweenness, exact_limit)
    sampling = None if method == "exact" else min(pivots, n)
    run = _Gds(session, mats, report)
    with run.graph(undirected=False) as directed, run.graph(undirected=True) as sym:
        out_deg = run.scores("degree", name=directed, orientation="NATURAL", weighted=False)
        in_deg = run.scores("degree", name=directed, orientation="REVERSE", weighted=False)
        sym_deg = run.scores("degree", name=sym, orientation="NATURAL", weighted=False)
        out_str = run.scores("degree", name=directed, orientation="NATURAL", weighted=True)
        in_str = run.scores("degree", name=directed, orientation="REVERSE", weighted=True)
        b_dir = run.scores("betweenness", name=directed, sampling=sampling, seed=seed)
        b_sym = run.scores("betweenness", name=sym, sampling=sampling, seed=seed)
        closeness = run.scores("closeness", name=sym)
        harmonic = run.scores("harmonic", name=sym)
        pagerank = run.scores("pagerank", name=directed, weighted=False)
        pagerank_w = run.scores("pagerank", name=directed, weighted=True)
        louvain = run.scores("louvain", name=sym)
        leiden = run.scores("leiden", name=sym, seed=seed)
        components = run.scores("wcc", name=directed)
    report.components = len(np.unique(components))
    if sampling is not None:
        # GDS sums the dependencies of the sampled sources only: scale to all sources
        b_dir, b_sym = b_dir * (n / sampling), b_sym * (n / sampling)
    # GDS counts each unordered pair once on an undirected graph, as the in-memory engine does
    d_stats = path_stats(
        mats, directed=True, betweenness=betweenness, exact_limit=exact_limit, seed=seed
    )
    s_stats = path_stats(
        mats, directed=False, betweenness=betweenness, exact_limit=exact_limit, seed=seed
    )
    sym_closeness = _closeness_columns(s_stats, n, "")
    label = "exact" if sampling is None else f"sampled by GDS ({sampling} sources, seed {seed})"
    path_label = s_stats.labels if s_stats.labels is not None else np.full(n, "exact")
    cols: dict[str, np.ndarray | list[str]] = {
        **degree_betweenness_columns(in_deg, out_deg, sym_deg, in_str, out_str, b_dir, b_sym),
        "betweenness_method": [label] * n,
        "closeness": closeness,
        "closeness_harmonic": harmonic,
        "closeness_ucinet": sym_closeness["out_ucinet"],
        "closeness_unscaled": unscaled_closeness(sym_closeness["out_ucinet"]),
        **_closeness_columns(d_stats, n, "closeness"),
        "closeness_method": [str(x) for x in path_label],
        **eigenvector_columns(eigenvector(mats.sym)),
        "pagerank": pagerank / pagerank.sum() if pagerank.sum() else pagerank,
        "pagerank_weighted": pagerank_w / pagerank_w.sum() if pagerank_w.sum() else pagerank_w,
    }
    mats._extra[f"centrality:{betweenness}:{seed}:{exact_limit}"] = cols
    mats._extra[f"communities:louvain:{seed}:1.0"] = _partition(mats, "louvain", louvain)
    mats._extra[f"communities:leiden:{seed}:1.0"] = _partition(mats, "leiden", leiden)
    return report
