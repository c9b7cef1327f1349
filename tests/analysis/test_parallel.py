"""The path measures in a forked process: the same results to the last byte, a child
process really used, one process unless asked."""

from __future__ import annotations

import multiprocessing
import os
from pathlib import Path

import pandas as pd
import pytest

from kokon_graph import build_network, read_dataset
from kokon_graph.analysis import run_all
from kokon_graph.analysis._graphs import cooperation_matrices
from kokon_graph.analysis._parallel import JOBS_ENV, Aside, analysis_jobs, fork_jobs
from kokon_graph.analysis._paths import reporting
from kokon_graph.errors import OptionError
from kokon_graph.graph import Network
from tests.conftest import REPO

FORK = "fork" in multiprocessing.get_all_start_methods()
needs_fork = pytest.mark.skipif(not FORK, reason="processes cannot be forked here (Windows)")


def _network() -> Network:
    return build_network(read_dataset(REPO / "datasets" / "kooperacja-efektywna"))


@needs_fork
@pytest.mark.parametrize("betweenness", ["auto", 16])
def test_two_processes_write_the_same_bytes_as_one(betweenness: str | int) -> None:
    # 16 pivots: the sampled estimators (pivot draws, scaling) go through the child as well
    one = run_all(_network(), betweenness=betweenness, jobs=1)
    two = run_all(_network(), betweenness=betweenness, jobs=2)
    assert list(one) == list(two)
    for name in one:
        pd.testing.assert_frame_equal(one[name], two[name], check_exact=True)
        assert one[name].to_csv() == two[name].to_csv(), name
    sampled = two["centrality"]["betweenness_method"].iloc[0]
    assert sampled.startswith("sampled" if betweenness == 16 else "exact")


@needs_fork
def test_the_paths_and_tasks_are_computed_in_another_process() -> None:
    net = _network()
    mats = cooperation_matrices(net)
    paths = {"betweenness": "auto", "seed": 0, "exact_limit": 12_000}
    aside = Aside(mats, paths, 2, also=(lambda: mats.extra("pid", os.getpid),))
    with aside:
        assert not any(key.startswith("betweenness:") for key in mats._extra)
    assert aside.forked
    assert mats._extra["pid"] != os.getpid()  # cached by the child, sent back
    # the child's path values are cached here: betweenness, both path statistics
    assert {"betweenness:True:auto:12000:0", "paths:False:auto:12000:0"} <= set(mats._extra)


def test_one_process_unless_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    mats = cooperation_matrices(_network())
    paths = {"betweenness": "auto", "seed": 0, "exact_limit": 12_000}
    aside = Aside(mats, paths, 1, also=(lambda: mats.extra("pid", os.getpid),))
    with aside:
        pass
    assert not aside.forked
    assert "pid" not in mats._extra  # nothing computed aside: all of it here, on first use
    monkeypatch.delenv(JOBS_ENV, raising=False)
    assert analysis_jobs() == 1
    assert not Aside(mats, paths).forked
    monkeypatch.setenv(JOBS_ENV, "2")
    assert analysis_jobs() == (2 if FORK else 1)
    assert Aside(mats, paths).forked == FORK


def test_progress_bars_stay_in_one_process() -> None:
    mats = cooperation_matrices(_network())
    paths = {"betweenness": "exact", "seed": 0, "exact_limit": 12_000}
    with reporting(lambda amount: None):  # the bar counts searches done in this process
        assert not Aside(mats, paths, 2).forked


@needs_fork
def test_a_failing_child_leaves_the_work_to_the_parent() -> None:
    parent = os.getpid()

    def only_here() -> int:
        if os.getpid() != parent:
            raise RuntimeError("fails in the child")
        return 7

    mats = cooperation_matrices(_network())
    paths = {"betweenness": "auto", "seed": 0, "exact_limit": 12_000}
    aside = Aside(mats, paths, 2, also=(lambda: mats.extra("value", only_here),))
    with aside:
        pass
    assert aside.forked
    assert not any(key.startswith("paths:") for key in mats._extra)  # computed on first use
    assert mats.extra("value", only_here) == 7


@pytest.mark.parametrize("text", ["0", "two", "-1"])
def test_a_bad_number_of_processes_is_refused(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    monkeypatch.setenv(JOBS_ENV, text)
    with pytest.raises(OptionError, match=JOBS_ENV):
        analysis_jobs()
    with pytest.raises(OptionError, match="at least 1"):
        analysis_jobs(0)


@pytest.mark.parametrize("given", [0, -1, True, "two", "1.5", 1.5, None])
def test_one_rule_for_a_number_of_processes(given: object) -> None:
    """The analysis and the atlas take a number of processes by one rule: a whole number of
    at least 1 (text as an environment variable holds it), 1 where nothing can be forked."""
    with pytest.raises(OptionError, match=r"jobs=.*at least 1"):
        fork_jobs(given, named="jobs")


def test_no_fork_means_one_process_for_the_analysis_and_the_atlas(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from kokon_graph.report.atlas import page_processes

    assert fork_jobs("3", named=JOBS_ENV) == (3 if FORK else 1)
    monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    assert (fork_jobs(4, named="jobs"), analysis_jobs(2), page_processes()) == (1, 1, 1)


def test_the_atlas_refuses_a_bad_number_of_processes_before_it_writes(tmp_path: Path) -> None:
    from kokon_graph.io import read_dataset
    from kokon_graph.report.atlas import write_atlas

    dataset = read_dataset(REPO / "datasets" / "praski-kokon")
    with pytest.raises(OptionError, match="jobs=0"):
        write_atlas(dataset, "powiat:1465", tmp_path / "atlas", jobs=0)
    assert not (tmp_path / "atlas").exists()


def test_a_bad_number_of_processes_is_told_in_polish(monkeypatch: pytest.MonkeyPatch) -> None:
    from kokon_graph.lang import set_lang

    reset = set_lang("pl")
    try:
        monkeypatch.setenv(JOBS_ENV, "dwa")
        with pytest.raises(OptionError) as told:
            analysis_jobs()
    finally:
        reset()
    assert str(told.value) == (
        f"{JOBS_ENV}='dwa': liczba procesów musi być liczbą całkowitą nie mniejszą niż 1"
    )
    assert told.value.hint == f"{JOBS_ENV}=1: jeden proces"


@needs_fork
def test_analyze_jobs_option_forks_and_writes_the_same_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from click.testing import CliRunner

    from kokon_graph.analysis import _parallel
    from kokon_graph.cli import main

    monkeypatch.delenv(JOBS_ENV, raising=False)
    forked: list[bool] = []
    enter = _parallel.Aside.__enter__

    def recording(self: Aside) -> Aside:  # the real Aside, only noted
        forked.append(self.forked)
        return enter(self)

    monkeypatch.setattr(_parallel.Aside, "__enter__", recording)
    dataset = str(REPO / "datasets" / "kooperacja-efektywna")
    outs = {}
    for jobs in ("1", "2"):
        outs[jobs] = tmp_path / jobs
        done = CliRunner().invoke(
            main,
            ["analyze", dataset, "--out", str(outs[jobs]), "--betweenness", "16", "--jobs", jobs],
        )
        assert done.exit_code == 0, done.output
    assert forked == [False, True]
    names = sorted(p.name for p in outs["1"].glob("*.csv"))
    assert len(names) >= 26
    for name in names:
        assert (outs["1"] / name).read_bytes() == (outs["2"] / name).read_bytes(), name
    bad = CliRunner().invoke(
        main, ["analyze", dataset, "--out", str(tmp_path / "x"), "--jobs", "0"]
    )
    assert bad.exit_code == 2 and "--jobs" in bad.output
