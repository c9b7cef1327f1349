"""``kokon-graph analyze``: exact output, files written, exit codes."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from kokon_graph import build_network, read_dataset
from kokon_graph.analysis import COLUMNS, RESULT_NAMES, run_all
from kokon_graph.cli import main
from kokon_graph.report.privacy import key_fingerprint
from kokon_graph.report.suppress import suppressed_columns
from tests.conftest import TEST_KEY, VALID


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_analyze_whole_dataset(tmp_path: Path) -> None:
    out = tmp_path / "results"
    code, stdout, stderr = run("analyze", str(VALID), "--out", str(out), "--min-count", "1")
    assert (code, stderr) == (0, "")
    # the numbers below are worked by hand in tests/analysis/test_gaps.py
    assert stdout == (
        "Analysed valid: whole dataset; wave: all; relation: all\n"
        "Network: 13 institutions, 18 ties, density 0.115, reciprocity 0.50 "
        "(betweenness: exact)\n"
        "Most central (normalised betweenness):\n"
        "  1.  Powiatowe Centrum Pomocy Rodzinie w Ostródzie  PCPR1  0.348  degree 7\n"
        "  2.  Miejski Ośrodek Pomocy Społecznej w Ostródzie  OPS1   0.326  degree 9\n"
        "  3.  Gminny Ośrodek Pomocy Społecznej w Dąbrównie   GOPS2  0.167  degree 5\n"
        "  4.  Przychodnia Rejonowa w Ostródzie               POZ1   0.000  degree 3\n"
        "  5.  Szkoła Podstawowa nr 1 w Ostródzie             SZK1   0.000  degree 3\n"
        "Worst gaps:\n"
        "  11 pairs share families without a cooperation tie; most: Powiatowy Urząd Pracy "
        "w Ostródzie - Miejski Ośrodek Pomocy Społecznej w Ostródzie (1 families)\n"
        "  7 sector gaps in 2 gminas (2 absent, 5 without a tie to the OPS/CUS)\n"
        "  3 of 7 referrals unanswered; most at Przychodnia Rejonowa w Ostródzie (1)\n"
        "  2 families served by several institutions without coordination (in 1 gmina)\n"
        "  10 sectors missing from PGR/PGD/PZK/ZI groups\n"
        f"Wrote 26 CSV files and README.txt to {out}\n"
    )
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [f"{n}.csv" for n in RESULT_NAMES] + ["README.txt"]
    )
    for name in RESULT_NAMES:
        frame = pd.read_csv(out / f"{name}.csv", dtype=str, keep_default_na=False)
        assert list(frame.columns) == list(COLUMNS[name]), name
    # the files hold the numbers of the Python API, exactly
    results = run_all(build_network(read_dataset(VALID)))
    for name in ("centrality", "holes", "network", "gaps_referral_targets", "cohesion"):
        written = pd.read_csv(out / f"{name}.csv", dtype={"teryt": str})
        expected = results[name]
        for column in expected.columns:
            if pd.api.types.is_float_dtype(expected[column]):
                assert written[column].tolist() == pytest.approx(
                    expected[column].tolist(), nan_ok=True, rel=0, abs=0
                ), (name, column)
            elif pd.api.types.is_bool_dtype(expected[column]):
                assert written[column].tolist() == expected[column].tolist(), (name, column)


def test_analyze_hides_small_family_counts_like_the_reports(tmp_path: Path) -> None:
    code, stdout, _ = run("analyze", str(VALID), "--out", str(tmp_path))
    assert code == 0
    assert "(<3 families)" in stdout
    assert "most at Przychodnia Rejonowa w Ostródzie (<3)" in stdout
    assert "  <3 families served by several institutions without coordination" in stdout
    results = run_all(build_network(read_dataset(VALID)))
    hidden = 0
    for name in RESULT_NAMES:
        counts, _ = suppressed_columns(name, results[name])
        written = pd.read_csv(tmp_path / f"{name}.csv", dtype=str, keep_default_na=False)
        for column in counts:
            for raw, shown in zip(results[name][column], written[column], strict=True):
                if 0 < raw < 3:
                    assert shown == "<3", (name, column)
                    hidden += 1
                else:
                    assert shown == str(raw), (name, column)
    assert hidden >= 10
    readme = (tmp_path / "README.txt").read_text(encoding="utf-8")
    assert f"Command: kokon-graph analyze {VALID} --out {tmp_path}\n" in readme
    assert "Small-count threshold (--min-count): 3" in readme
    assert "from 1 to 2 are shown as '<3'; zero as 0" in readme
    fingerprint = key_fingerprint(TEST_KEY.encode())
    assert f"Pseudonymisation key fingerprint: {fingerprint}" in readme
    assert TEST_KEY not in readme


def test_exact_small_counts_only_with_min_count_1_and_the_folder_says_so(
    tmp_path: Path,
) -> None:
    code, _, _ = run("analyze", str(VALID), "--out", str(tmp_path), "-q", "--min-count", "1")
    assert code == 0
    shared = pd.read_csv(tmp_path / "gaps_co_serving.csv")["shared_families"]
    assert 1 in set(shared)  # written as the number, not "<3"
    readme = (tmp_path / "README.txt").read_text(encoding="utf-8")
    assert "--min-count 1" in readme
    assert "WARNING: counts of families are EXACT" in readme
    assert "UWAGA: liczby rodzin są DOKŁADNE" in readme


def test_readme_gives_the_command_as_kokon_graph_when_run_as_python_m(tmp_path: Path) -> None:
    """Run as ``python -m kokon_graph``, click's program name is "python -m kokon_graph": the
    README.txt used to say "kokon-graph -m kokon_graph analyze"."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "KOKON_PSEUDONYM_KEY": TEST_KEY, "KOKON_LANG": "en"}
    done = subprocess.run(
        [sys.executable, "-m", "kokon_graph", "analyze", str(VALID), "-q", "--out", str(tmp_path)],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    readme = (tmp_path / "README.txt").read_text(encoding="utf-8")
    assert f"Command: kokon-graph analyze {VALID} --out {tmp_path} --quiet\n" in readme


def test_analyze_scope_and_wave(tmp_path: Path) -> None:
    code, stdout, _ = run(
        "analyze", str(VALID), "-o", str(tmp_path), "--scope", "gmina:2815022", "--wave", "after"
    )
    assert code == 0
    assert stdout.splitlines()[:3] == [
        "Analysed valid: municipality Dąbrówno (2815022); wave: after; relation: all",
        "Network: 9 institutions, 8 ties, density 0.111, reciprocity 0.33 (betweenness: exact)",
        "Most central (normalised betweenness):",
    ]
    network = pd.read_csv(tmp_path / "network.csv", dtype=str, keep_default_na=False)
    assert network.loc[0, "scope"] == "gmina:2815022"
    assert network.loc[0, "wave"] == "after"


def test_analyze_quiet_writes_files_and_prints_nothing(tmp_path: Path) -> None:
    code, stdout, stderr = run(
        "analyze", str(VALID), "--out", str(tmp_path), "--quiet", "--relation", "information"
    )
    assert (code, stdout, stderr) == (0, "", "")
    network = pd.read_csv(tmp_path / "network.csv", dtype=str, keep_default_na=False)
    assert network.loc[0, "relation"] == "information"


def test_analyze_sampled_labels_the_method(tmp_path: Path) -> None:
    code, _, _ = run("analyze", str(VALID), "--out", str(tmp_path), "-q", "--betweenness", "4")
    assert code == 0
    cen = pd.read_csv(tmp_path / "centrality.csv", dtype=str, keep_default_na=False)
    methods = dict(zip(cen["id"], cen["betweenness_method"], strict=True))
    assert methods.pop("POL2") == "exact"  # an isolate: a component of its own, exact
    assert set(methods.values()) == {"sampled (4 pivots, seed 0)"}


def test_analyze_bad_options_exit_2(tmp_path: Path) -> None:
    cases = {
        ("--betweenness", "often"): (
            "Error: --betweenness 'often' is not auto, exact, sampled or a number of pivots\n"
            "Hint: e.g. --betweenness exact or --betweenness 2048\n"
        ),
        ("--relation", "gossip"): (
            "Error: 'gossip' is not a cooperation kind\n"
            "Hint: use one of information, resources, joint_action, agreement, other\n"
        ),
        ("--scope", "powiat:99"): (
            "Error: a powiat scope needs a 4-digit TERYT code, not '99'\nHint: e.g. powiat:2815\n"
        ),
    }
    for extra, message in cases.items():
        code, stdout, stderr = run("analyze", str(VALID), "--out", str(tmp_path), *extra)
        assert (code, stdout, stderr) == (2, "", message), extra
    code, stdout, stderr = run("analyze", str(VALID), "--out", str(tmp_path), "--partition", "x")
    assert (code, stdout) == (2, "")
    assert stderr.startswith("Error: institutions have no attribute 'x' to partition by\nHint:")


def test_analyze_needs_out() -> None:
    code, _, stderr = run("analyze", str(VALID))
    assert code == 2
    assert "Missing option '--out'" in stderr


def test_analyze_unwritable_out_exits_1(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    code, stdout, stderr = run("analyze", str(VALID), "--out", str(blocker / "sub"))
    assert (code, stdout) == (1, "")
    assert stderr.startswith(f"Error: cannot write the results to {blocker / 'sub'}")


def test_analyze_help_has_an_example() -> None:
    code, stdout, _ = run("analyze", "--help")
    assert code == 0
    assert stdout.startswith("Usage: main analyze [OPTIONS] DATASET\n")
    assert "  kokon-graph analyze datasets/liderzy-kooperacji --out results/\n" in stdout
    assert "--betweenness auto|exact|sampled|N" in stdout


def test_exact_betweenness_prints_an_estimate_first_and_writes_the_same_files(
    tmp_path: Path,
) -> None:
    """``--betweenness exact`` says how long it will take (on standard error, before the
    work), and on a network under the exact limit writes what ``auto`` writes."""
    code, stdout, stderr = run(
        "analyze", str(VALID), "--out", str(tmp_path / "exact"), "--betweenness", "exact"
    )
    assert code == 0
    assert stderr.startswith(
        "Exact betweenness and closeness of 13 institutions in 2 components: about "
    )
    assert "(betweenness: exact)" in stdout
    code, _, _ = run("analyze", str(VALID), "--out", str(tmp_path / "auto"), "-q")
    assert code == 0
    for name in RESULT_NAMES:
        assert (tmp_path / "exact" / f"{name}.csv").read_bytes() == (
            tmp_path / "auto" / f"{name}.csv"
        ).read_bytes(), name
