"""The speed-ups of the analysis keep every answer: igraph without its plotting back end
in the command line, breadth-first distances, progress of exact betweenness."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import scipy.sparse as sp
from scipy.sparse import csgraph

from kokon_graph.analysis._graphs import CoopMatrices
from kokon_graph.analysis._paths import _Distances, estimate_seconds, reporting, work
from kokon_graph.analysis.centrality import centrality_of
from tests.conftest import REPO


def _run(code: str) -> str:
    done = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    return done.stdout.strip()


def test_command_line_igraph_skips_pyplot_and_matplotlib_still_imports() -> None:
    pytest.importorskip("matplotlib")
    out = _run(
        "import sys\n"
        "from kokon_graph._igraph import hide_plotting, import_igraph\n"
        "hide_plotting()\n"
        "ig = import_igraph()\n"
        "print('matplotlib.pyplot' in sys.modules, 'matplotlib' in sys.modules)\n"
        "print(ig.Graph.Famous('Zachary').betweenness()[0])\n"
        "import matplotlib.pyplot as plt\n"
        "print(type(plt.figure()).__name__)\n"
    )
    # no pyplot loaded by igraph; Zachary's karate club: node 0 has betweenness 231.0714...
    # (Zachary 1977; networkx and igraph agree); matplotlib itself still loads afterwards
    assert out.splitlines() == ["False False", "231.0714285714286", "Figure"]


def test_analyze_imports_no_workbook_library(tmp_path: Path) -> None:
    # openpyxl (0.15-0.5 s) is imported by the commands that write or read a workbook only;
    # networkx (0.12 s) by what builds a networkx graph (maps, export), never by analyze
    out = _run(
        "import runpy, sys\n"
        f"sys.argv = ['kokon-graph', 'analyze', {str(REPO / 'datasets' / 'liderzy-kooperacji')!r}, "
        f"'--out', {str(tmp_path / 'out')!r}, '--quiet']\n"
        "try:\n    runpy.run_module('kokon_graph', run_name='__main__')\n"
        "except SystemExit:\n    pass\n"
        "print(sorted(m for m in ('openpyxl', 'matplotlib', 'networkx') if m in sys.modules))\n"
        "import kokon_graph.report as report\n"
        "print(report.write_xlsx.__name__, 'openpyxl' in sys.modules)\n"
        "from kokon_graph import build_network, read_dataset\n"
        f"net = build_network(read_dataset({str(REPO / 'datasets' / 'liderzy-kooperacji')!r}))\n"
        "print(type(net.cooperation()).__name__, 'networkx' in sys.modules)\n"
    )
    assert (tmp_path / "out" / "centrality.csv").exists()
    assert out.splitlines() == ["[]", "write_xlsx True", "DiGraph True"]


def test_library_igraph_import_is_unchanged() -> None:
    pytest.importorskip("matplotlib")
    out = _run(
        "import sys\n"
        "from kokon_graph._igraph import import_igraph\n"
        "ig = import_igraph()\n"
        "from igraph.drawing.matplotlib.utils import find_matplotlib\n"
        "import igraph.drawing.shapes as shapes\n"
        "print('matplotlib.pyplot' in sys.modules, hasattr(shapes.plt, 'Axes'))\n"
    )
    assert out == "True True"


def _random_graph(n: int, p: float, seed: int) -> sp.csr_array:
    rng = np.random.default_rng(seed)
    dense = (rng.random((n, n)) < p).astype(float)
    np.fill_diagonal(dense, 0.0)
    return sp.csr_array(dense)


@pytest.mark.parametrize("directed", [True, False])
def test_breadth_first_distances_equal_scipy_dijkstra(directed: bool) -> None:
    """igraph's BFS gives exactly the distances of scipy's unweighted Dijkstra, unreachable
    pairs included (a sparse random graph of 60 nodes falls apart into several parts)."""
    graph = _random_graph(60, 0.02, seed=3)
    if not directed:
        graph = ((graph + graph.T) > 0).astype(float).tocsr()
    sources = np.array([0, 5, 17, 59])
    ours = _Distances(graph, directed=directed)(sources)
    ref = csgraph.shortest_path(graph, directed=directed, unweighted=True, indices=sources)
    assert np.isinf(ref).any() and (ref > 1).any()  # the case has both kinds of pair
    assert np.array_equal(ours, ref)
    if directed:
        back = _Distances(graph, directed=True, reverse=True)(sources)
        ref_back = csgraph.shortest_path(graph.T.tocsr(), unweighted=True, indices=sources)
        assert np.array_equal(back, ref_back)


def test_path_with_no_ties_has_only_self_distances() -> None:
    empty = sp.csr_array((4, 4))
    got = _Distances(empty, directed=True)(np.array([1, 3]))
    assert got[0, 1] == 0 and got[1, 3] == 0 and np.isinf(got).sum() == 6


@pytest.mark.parametrize("betweenness", ["exact", 5])
def test_reported_progress_adds_up_to_the_work(betweenness: str | int) -> None:
    graph = _random_graph(40, 0.05, seed=1)
    mats = CoopMatrices(ids=[str(i) for i in range(40)], arcs=graph, weights=graph)
    seen: list[int] = []
    with reporting(seen.append):
        centrality_of(mats, betweenness=betweenness, exact_limit=10)
    assert seen and all(x > 0 for x in seen)
    assert sum(seen) == work(mats, betweenness, 10)
    assert estimate_seconds(mats, betweenness, 10) > 0
