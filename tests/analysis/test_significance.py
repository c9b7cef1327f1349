"""Tests of change on datasets: relations built from the tables, sentences, bad input and the
``kokon-graph test`` command."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner

from kokon_graph import build_network, read_dataset
from kokon_graph.analysis._demo import network_from_ties
from kokon_graph.analysis.change import ChangeTestError
from kokon_graph.analysis.significance import (
    TEST_COLUMNS,
    change_tests,
    relation_of,
    relation_tests,
)
from kokon_graph.cli import main as cli_main
from tests.conftest import REPO

DATASET = REPO / "datasets" / "kooperacja-efektywna"


@pytest.fixture(scope="module")
def network():
    return build_network(read_dataset(DATASET))


def test_relations_from_the_tables(network) -> None:
    """Cooperation in one wave equals that wave's network; "same sector" is a label relation;
    share_group is symmetric."""
    after = relation_of(network, "cooperation@after")
    assert after.matrix is not None
    from kokon_graph.analysis._graphs import cooperation_matrices

    direct = cooperation_matrices(network.scoped(network.scope, "after")).arcs
    assert (after.matrix != direct).nnz == 0
    same = relation_of(network, "same_sector")
    assert same.labels is not None and len(same.labels) == len(network.institutions)
    groups = relation_of(network, "share_group").matrix
    assert groups is not None and (groups != groups.T).nnz == 0 and groups.nnz > 0


def test_change_tests_on_the_bundled_pilot(network) -> None:
    """The bundled pilot's after wave adds ties (README of the dataset): the rise in density
    is far outside the relabelings; the table and the sentences carry the numbers."""
    table = change_tests(network, before="before", after="after", permutations=400, seed=2)
    assert list(table.columns) == list(TEST_COLUMNS)
    density = table.set_index("statistic").loc["density"]
    assert density["after"] > density["before"]
    assert density["p_value"] == pytest.approx(1 / 401)
    assert density["mc_error"] == pytest.approx(np.sqrt(density["p_value"] * (1 - 1 / 401) / 400))
    assert "Wzrost gęstości z 0,00833 do 0,00979" in density["sentence_pl"]
    assert "The rise in density from 0.00833 to 0.00979" in density["sentence_en"]
    again = change_tests(network, before="before", after="after", permutations=400, seed=2)
    pd.testing.assert_frame_equal(table, again)  # the seed fixes every p-value


def test_polish_sentences_hold_no_english_word(network) -> None:
    table = pd.concat(
        [
            change_tests(network, before="before", after="after", permutations=50),
            relation_tests(network, x=["same_sector", "share_group"], permutations=50),
        ]
    )
    english = {"density", "reciprocity", "wave", "cooperation", "before", "after", "the"}
    for sentence in table["sentence_pl"]:
        words = {w.strip(".,;:()„”'") for w in sentence.split()}
        assert not words & english, sentence


def test_bad_input_names_the_option_and_what_exists(network) -> None:
    with pytest.raises(ChangeTestError, match=r"--after 'later'.*waves: after, before"):
        change_tests(network, before="before", after="later", permutations=10)
    with pytest.raises(ChangeTestError, match="--x 'same_sektor': no such relation") as err:
        relation_tests(network, x=["same_sektor"], permutations=10)
    assert "same_sector" in (err.value.hint or "")
    with pytest.raises(ChangeTestError, match="wave 'durng' is not in the data"):
        relation_tests(network, y="cooperation@durng", x=["same_sector"], permutations=10)
    two = network_from_ties([("a", "b")])
    with pytest.raises(ChangeTestError, match="at least 3 institutions, the scope holds 2"):
        relation_tests(two, x=["same_sector"], permutations=10)


def _run(args: list[str]):
    return CliRunner().invoke(cli_main, args, catch_exceptions=False)


def test_cli_test_command(tmp_path: Path) -> None:
    out = tmp_path / "tests"
    result = _run(
        [
            "test",
            str(DATASET),
            "--before",
            "before",
            "--after",
            "after",
            "--x",
            "same_sector",
            "--permutations",
            "200",
            "--lang",
            "en",
            "--out",
            str(out),
        ]
    )
    assert result.exit_code == 0, result.output
    assert "The rise in density from 0.00833 to 0.00979" in result.output
    assert "200 permutations" in result.output
    written = pd.read_csv(out / "change_tests.csv")
    assert written["statistic"].tolist() == ["density", "reciprocity", "correlation"]
    assert (out / "relation_tests.csv").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--before", "before", "--after", "later"], "--after 'later'"),
        (["--x", "same_sektor"], "--x 'same_sektor': no such relation"),
        (["--before", "before"], "--before needs --after"),
        ([], "nothing to test"),
        (["--x", "same_sector", "--scope", "powiat:9999"], "powiat"),
    ],
)
def test_cli_bad_input_exits_2(args: list[str], message: str) -> None:
    result = CliRunner().invoke(cli_main, ["test", str(DATASET), *args])
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert "Traceback" not in result.output


def test_numbers_in_words_keep_their_precision() -> None:
    """Trailing zeros are kept, so 0.1 never reads "0.1" beside "0.11"; numbers read side
    by side share one precision; p and its Monte Carlo error share the error's; the same
    digits in both languages, with the decimal comma in Polish."""
    from kokon_graph.analysis.significance import number_text, numbers_text, p_text

    assert [number_text(v, "en") for v in (0.1, 0.11, 1.0, 0.0048)] == [
        "0.100",
        "0.110",
        "1.00",
        "0.00480",
    ]
    assert [number_text(v, "pl") for v in (0.1, 0.11, 1.0, 0.0048)] == [
        "0,100",
        "0,110",
        "1,00",
        "0,00480",
    ]
    assert numbers_text([0.08, 0.1], "en") == ["0.080", "0.100"]
    assert numbers_text([0.08, 0.1], "pl") == ["0,080", "0,100"]
    assert numbers_text([0.1, 0.25, 0.15], "en") == ["0.100", "0.250", "0.150"]
    assert numbers_text([-0.0004, 0.2], "en") == ["-0.00040", "0.20000"]
    assert numbers_text([float("nan"), 0.5], "en") == ["—", "0.500"]
    row = {"p_value": 0.1, "mc_error": 0.0067, "permutations": 2000}
    assert p_text(row, "en") == "p = 0.100 ± 0.007, 2,000 permutations"
    assert p_text(row, "pl") == "p = 0,100 ± 0,007; 2\u00a0000 permutacji"
    row = {"p_value": 0.12, "mc_error": 0.0073, "permutations": 2000}
    assert p_text(row, "en") == "p = 0.120 ± 0.007, 2,000 permutations"


def test_a_change_sentence_reads_both_waves_at_one_precision() -> None:
    from kokon_graph.analysis.significance import _change_sentence

    row = {
        "statistic": "density",
        "before": 0.08,
        "after": 0.1,
        "observed": 0.02,
        "share_below": 0.996,
        "share_above": 0.0,
        "p_value": 0.004,
        "mc_error": 0.0014,
        "permutations": 2000,
    }
    assert _change_sentence(row, "en") == (
        "The rise in density from 0.080 to 0.100 is larger than in 99.6% of random "
        "relabelings of the waves (p = 0.004 ± 0.001, 2,000 permutations)."
    )
    assert _change_sentence(row, "pl") == (
        "Wzrost gęstości z 0,080 do 0,100 jest większy niż w 99,6% losowych przetasowań fal "
        "(p = 0,004 ± 0,001; 2\u00a0000 permutacji)."
    )
