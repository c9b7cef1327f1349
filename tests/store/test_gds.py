"""``analyze --engine gds``: the measures computed inside Neo4j by GDS equal the in-memory ones.

Each dataset is loaded into the test server, read back, and analysed twice:
in memory, and with GDS (tools/neo4j-server runs OpenGDS 2.13). Exact measures
(degree, strength, betweenness, closeness) agree to 1e-9; PageRank from GDS
equals the exactly solved PageRank to 1e-9 (the in-memory engine stops earlier,
at networkx's tolerance, within 1e-4 of it); communities have
the same quality (modularity within 0.02) for the same seed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp
from click.testing import CliRunner, Result
from scipy.sparse.linalg import spsolve

from kokon_graph.analysis import run_all
from kokon_graph.analysis._graphs import cooperation_matrices
from kokon_graph.cli import main
from kokon_graph.graph import build_network
from kokon_graph.io import Dataset
from kokon_graph.store import GraphSession, load_dataset, read_store
from kokon_graph.store.gds import compute_in_gds
from tests.conftest import REPO, VALID
from tests.store.datasets_for_tests import bundled_dataset_paths, read

EXACT = [
    "degree",
    "in_degree",
    "out_degree",
    "degree_sym",
    "degree_norm",
    "strength",
    "in_strength",
    "out_strength",
    "betweenness",
    "betweenness_raw",
    "betweenness_sym",
    "betweenness_sym_raw",
    "closeness",
    "closeness_harmonic",
]


def _pagerank_solved(arcs: sp.csr_array, damping: float = 0.85) -> np.ndarray:
    """PageRank with uniform teleport and dangling rank spread uniformly, solved exactly.

    With both uniform, the PageRank vector is proportional to the solution of
    ``(I - d P^T) y = 1`` (P the row-stochastic transition matrix, zero rows for
    dangling nodes): Del Corso, Gullì & Romani (2005), Fast PageRank computation
    via a sparse linear system, Internet Mathematics 2(3), 251-273, section 3.
    """
    n = arcs.shape[0]
    out = np.asarray(arcs.sum(axis=1)).ravel()
    inv = np.divide(1.0, out, out=np.zeros(n), where=out != 0)
    transition = sp.diags_array(inv) @ arcs
    system = sp.identity(n, format="csc") - damping * transition.T.tocsc()
    y = spsolve(system, np.ones(n))
    return np.asarray(y / y.sum())


CASES = ["valid", *(p.name for p in bundled_dataset_paths())]


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def _dataset(case: str) -> Dataset:
    if case == "valid":
        return read(VALID)
    return read(next(p for p in bundled_dataset_paths() if p.name == case))


@pytest.mark.parametrize("case", CASES)
def test_gds_equals_the_in_memory_engine(neo4j_store: GraphSession, case: str) -> None:
    load_dataset(neo4j_store, _dataset(case))
    held = read_store(neo4j_store)
    in_memory = run_all(build_network(held), betweenness="exact", seed=3)
    network = build_network(held)
    report = compute_in_gds(neo4j_store, network, betweenness="exact", seed=3)
    primed = cooperation_matrices(network)._extra  # where run_all takes GDS's values from
    assert {"centrality:exact:3:12000", "communities:louvain:3:1.0"} <= set(primed)
    in_gds = run_all(network, betweenness="exact", seed=3)
    assert report.version.startswith("2.")
    assert report.nodes == len(held.institutions)
    for name in in_memory:
        assert list(in_gds[name].columns) == list(in_memory[name].columns), name
    a, b = in_memory["centrality"], in_gds["centrality"]
    assert list(a["id"]) == list(b["id"])
    for column in EXACT:
        np.testing.assert_allclose(b[column], a[column], rtol=0, atol=1e-9, err_msg=column)
    mats = cooperation_matrices(network)
    for column, matrix in (("pagerank", mats.arcs), ("pagerank_weighted", mats.weights)):
        exact = _pagerank_solved(matrix)
        np.testing.assert_allclose(b[column], exact, rtol=0, atol=1e-9, err_msg=column)
        # the in-memory engine stops at networkx's tolerance (L1 change below n * 1e-6)
        np.testing.assert_allclose(a[column], exact, rtol=0, atol=1e-4, err_msg=column)
    assert set(b["betweenness_method"]) == {"exact"}
    net_a, net_b = in_memory["network"].iloc[0], in_gds["network"].iloc[0]
    assert report.components == net_a["components"]
    for method in ("louvain", "leiden"):
        q_a, q_b = net_a[f"modularity_{method}"], net_b[f"modularity_{method}"]
        assert abs(q_a - q_b) <= 0.02, (method, q_a, q_b)
    # what GDS lacks is computed from what was read back: the same as in memory
    pd.testing.assert_frame_equal(in_gds["holes"], in_memory["holes"])
    pd.testing.assert_frame_equal(in_gds["gaps_sector"], in_memory["gaps_sector"])


def test_sampled_betweenness_in_gds_estimates_the_exact_one(neo4j_store: GraphSession) -> None:
    dataset = _dataset("kooperacja-efektywna")
    load_dataset(neo4j_store, dataset)
    held = read_store(neo4j_store)
    exact = run_all(build_network(held), betweenness="exact")["centrality"]
    network = build_network(held)
    compute_in_gds(neo4j_store, network, betweenness=60, seed=1)
    sampled = run_all(network, betweenness=60, seed=1)["centrality"]
    assert set(sampled["betweenness_method"]) == {"sampled by GDS (60 sources, seed 1)"}
    a, b = exact["betweenness_raw"].to_numpy(), sampled["betweenness_raw"].to_numpy()
    assert abs(b.sum() / a.sum() - 1) < 0.25  # scaled from 60 sources to all 330
    assert np.corrcoef(a, b)[0, 1] > 0.9


def test_analyze_with_the_gds_engine_writes_the_same_files(
    neo4j_cli_env: str, tmp_path: Path
) -> None:
    assert run("neo4j", "load", str(VALID), "--uri", neo4j_cli_env, "-q").exit_code == 0
    written = {}
    for engine in ("memory", "gds"):
        out = tmp_path / engine
        result = run("analyze", neo4j_cli_env, "--out", str(out), "--engine", engine, "-q")
        assert result.exit_code == 0, result.output
        written[engine] = sorted(p.name for p in out.iterdir())
    assert written["gds"] == written["memory"]
    for name in written["gds"]:
        a = pd.read_csv(tmp_path / "memory" / name)
        b = pd.read_csv(tmp_path / "gds" / name)
        assert list(a.columns) == list(b.columns), name
    a = pd.read_csv(tmp_path / "memory" / "centrality.csv")
    b = pd.read_csv(tmp_path / "gds" / "centrality.csv")
    np.testing.assert_allclose(b["betweenness"], a["betweenness"], atol=1e-9)


def test_the_gds_engine_needs_a_neo4j_uri(tmp_path: Path) -> None:
    result = run("analyze", str(VALID), "--out", str(tmp_path), "--engine", "gds")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        f"Error: --engine gds computes inside Neo4j, and {str(VALID)!r} is not a Neo4j database"
    )


@pytest.fixture(scope="module")
def server_without_gds() -> Iterator[dict[str, str]]:
    """A second server of tools/neo4j-server, started without the GDS procedures."""
    if not os.environ.get("KOKON_NEO4J_STATE"):
        pytest.skip("needs the server of scripts/neo4j-server.sh (scripts/test.sh starts it)")
    state = tempfile.mkdtemp(prefix="kokon-neo4j-nogds-")
    env = {**os.environ, "KOKON_NEO4J_STATE": state, "KOKON_NEO4J_GDS": "off"}
    env.pop("KOKON_NEO4J_PORT", None)
    script = str(REPO / "scripts" / "neo4j-server.sh")
    subprocess.run(["bash", script, "start"], env=env, check=True, timeout=300)
    try:
        exports = {}
        for line in Path(state, "env").read_text(encoding="utf-8").splitlines():
            key, _, value = line.removeprefix("export ").partition("=")
            exports[key] = value
        yield exports
    finally:
        subprocess.run(["bash", script, "stop"], env=env, check=False, timeout=120)
        shutil.rmtree(state, ignore_errors=True)


def test_a_server_without_gds_is_one_clear_error(
    server_without_gds: dict[str, str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    uri = server_without_gds["KOKON_NEO4J_URI"]
    password = server_without_gds["NEO4J_PASSWORD"]
    monkeypatch.setenv("NEO4J_USERNAME", "neo4j")
    monkeypatch.setenv("NEO4J_PASSWORD", password)
    monkeypatch.delenv("NEO4J_DATABASE", raising=False)
    assert run("neo4j", "load", str(VALID), "--uri", uri, "-q").exit_code == 0
    result = run("analyze", uri, "--out", str(tmp_path / "out"), "--engine", "gds")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"Error: {uri} has no Graph Data Science library (GDS), which --engine gds needs",
        "Hint: install the GDS plugin on the server (Aura: AuraDS), or leave out --engine gds "
        "to compute in memory",
    ]
    assert password not in result.output
    assert "Traceback" not in result.output
