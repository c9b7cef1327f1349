"""Before and after: hand-worked changes, no change against itself, and the written files."""

from __future__ import annotations

from html import escape
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest

from kokon_graph import Dataset, build_network, read_dataset
from kokon_graph.analysis.compare import (
    centrality_change,
    compare_networks,
    gap_changes,
    network_change,
    tie_changes,
    ties_by_sector,
)
from kokon_graph.analysis.significance import COMPARE_TEST_COLUMNS, change_tests
from kokon_graph.report.compare_report import COMPARE_ORDER, write_comparison
from kokon_graph.report.tables import in_language
from tests.conftest import TEST_KEY, VALID
from tests.report._compare_values import check_numbers


def ties(*rows: tuple[str, str, str, str]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["source", "target", "source_sector", "target_sector"])
    return frame.assign(source_name=frame["source"], target_name=frame["target"])


# A worked example: before A→B, A→C, B→C; after A→B, B→C, C→A, D→A.
# Gained C→A and D→A, lost A→C. By sector (A, C social assistance; B education;
# D police): sa→edu 1→1, sa→sa (A→C) 1→0 lost 1, edu→sa (B→C) 1→1,
# sa→sa (C→A) 0→1 gained 1 — so sa→sa stays 1→1 with one gained and one lost —
# police→sa 0→1 gained 1.
BEFORE = ties(
    ("A", "B", "sa", "edu"),
    ("A", "C", "sa", "sa"),
    ("B", "C", "edu", "sa"),
)
AFTER = ties(
    ("A", "B", "sa", "edu"),
    ("B", "C", "edu", "sa"),
    ("C", "A", "sa", "sa"),
    ("D", "A", "police", "sa"),
)


def test_tie_changes_worked_by_hand() -> None:
    changes = tie_changes(BEFORE, AFTER)
    got = sorted(zip(changes["source"], changes["target"], changes["status"], strict=True))
    assert got == [("A", "C", "lost"), ("C", "A", "gained"), ("D", "A", "gained")]


def test_ties_by_sector_worked_by_hand() -> None:
    table = ties_by_sector(BEFORE, AFTER).set_index(["source_sector", "target_sector"])
    assert table.loc[("sa", "sa")].tolist() == [1, 1, 1, 1, 0]  # before, after, gained, lost
    assert table.loc[("police", "sa")].tolist() == [0, 1, 1, 0, 1]
    assert table.loc[("sa", "edu")].tolist() == [1, 1, 0, 0, 0]
    assert table.loc[("edu", "sa")].tolist() == [1, 1, 0, 0, 0]
    assert list(table.columns) == ["before", "after", "gained", "lost", "change"]
    assert table.index[0] == ("police", "sa")  # the largest change first


def test_network_and_centrality_change_worked_by_hand() -> None:
    before = {
        "network": pd.DataFrame({"scope": ["all"], "ties": [3], "density": [0.25]}),
        "centrality": pd.DataFrame(
            {
                "id": ["A", "B", "C"],
                "name": ["A", "B", "C"],
                "degree": [2, 2, 2],
                "betweenness": [0.0, 0.5, 0.0],
            }
        ),
    }
    after = {
        "network": pd.DataFrame({"scope": ["all"], "ties": [4], "density": [1 / 3]}),
        "centrality": pd.DataFrame(
            {
                "id": ["A", "B", "D"],
                "name": ["A", "B", "D"],
                "degree": [3, 2, 1],
                "betweenness": [0.5, 0.5, 0.0],
            }
        ),
    }
    net = network_change(before, after).set_index("measure")
    assert list(net.index) == ["ties", "density"]  # text measures are left out
    assert net.loc["ties", "change"] == 1
    assert net.loc["density", "change"] == pytest.approx(1 / 3 - 0.25)
    moves = centrality_change(before, after, measures=("degree", "betweenness"))
    degree = moves[moves["measure"] == "degree"].set_index("id")
    assert degree.loc["A", ["before", "after", "change"]].tolist() == [2, 3, 1]
    assert degree.loc["C", ["present", "after", "change"]].tolist() == ["before", 0, -2]
    assert degree.loc["D", ["present", "before", "change"]].tolist() == ["after", 0, 1]
    # largest moves first within each measure
    assert list(degree.index) == ["C", "A", "D", "B"]


def test_gap_changes_worked_by_hand() -> None:
    def co(*rows: tuple[str, str, int]) -> dict[str, pd.DataFrame]:
        frame = pd.DataFrame(rows, columns=["source", "target", "shared_families"])
        return {
            "gaps_co_serving": frame.assign(
                source_name=frame["source"], target_name=frame["target"]
            )
        }

    changes = gap_changes(co(("A", "B", 5), ("B", "C", 2)), co(("C", "B", 4), ("A", "D", 1)))
    got = sorted(zip(changes["key"], changes["status"], strict=True))
    # B–C is the same pair whichever way it is written: still open, so not listed
    assert got == [("A – B", "closed"), ("A – D", "opened")]
    closed = changes.set_index("key").loc["A – B"]
    assert closed["count_before"] == 5 and pd.isna(closed["count_after"])


def _assert_no_change(tables: dict[str, pd.DataFrame]) -> None:
    assert tables["tie_changes"].empty
    assert tables["gap_changes"].empty
    assert (tables["network_change"]["change"].fillna(0) == 0).all()
    assert (tables["centrality_change"]["change"] == 0).all()
    assert not tables["centrality_change"].empty
    sector = tables["ties_by_sector"]
    assert (sector[["gained", "lost", "change"]] == 0).all().all()
    assert (sector["before"] == sector["after"]).all() and sector["before"].sum() > 0
    territory = tables["territory_change"]
    assert (territory[["gained", "lost"]] == 0).all().all()
    assert np.allclose(territory["density_change"].fillna(0), 0)


@pytest.mark.parametrize("wave", [None, "before", "after"])
def test_a_network_compared_with_itself_has_no_change(
    valid_dataset: Dataset, wave: str | None
) -> None:
    one = build_network(valid_dataset, wave=wave)
    other = build_network(valid_dataset, wave=wave)
    _assert_no_change(compare_networks(one, other))


def test_the_two_waves_of_the_valid_dataset(valid_dataset: Dataset) -> None:
    before = build_network(valid_dataset, wave="before")
    after = build_network(valid_dataset, wave="after")
    tables = compare_networks(before, after)
    arcs_b = set(before.cooperation().edges())
    arcs_a = set(after.cooperation().edges())
    changes = tables["tie_changes"]
    gained = set(
        zip(
            *(changes.loc[changes["status"] == "gained", c] for c in ("source", "target")),
            strict=True,
        )
    )
    lost = set(
        zip(
            *(changes.loc[changes["status"] == "lost", c] for c in ("source", "target")),
            strict=True,
        )
    )
    assert gained == arcs_a - arcs_b and lost == arcs_b - arcs_a
    assert gained and lost
    sector = tables["ties_by_sector"]
    assert sector["gained"].sum() == len(gained) and sector["lost"].sum() == len(lost)
    net = tables["network_change"].set_index("measure")
    assert net.loc["ties", "change"] == len(arcs_a) - len(arcs_b)
    assert set(tables) == set(COMPARE_ORDER)


def test_comparison_files_hold_the_tables(valid_dataset: Dataset, tmp_path: Path) -> None:
    before = build_network(valid_dataset, wave="before")
    after = build_network(valid_dataset, wave="after")
    tables = compare_networks(before, after)
    written = write_comparison(tables, tmp_path, lang="en", min_count=3)
    wb = openpyxl.load_workbook(written["xlsx"])
    assert wb.sheetnames[0] == "Summary"
    for name, sheet in zip(COMPARE_ORDER, wb.sheetnames[1:-1], strict=True):
        read = pd.read_excel(written["xlsx"], sheet_name=sheet, dtype=object)
        read = read.astype(object).where(read.notna(), None)
        # a text given in both languages shows in the workbook's language only
        check_numbers(name, in_language(tables[name], "en"), read, min_count=3, rel=1e-14)
        csv = pd.read_csv(
            tmp_path / "csv" / f"{name}.csv",
            encoding="utf-8-sig",
            dtype=object,
            keep_default_na=False,
        )
        assert len(csv) == len(tables[name])
    html = written["html"].read_text(encoding="utf-8")
    assert "Ties gained" in html and html.count("<svg") == 2
    # shared-family counts of closed or opened gaps never show below the threshold
    gaps = pd.read_csv(
        tmp_path / "csv" / "gap_changes.csv", encoding="utf-8-sig", dtype=str, keep_default_na=False
    )
    for value in pd.concat([gaps["count_before"], gaps["count_after"]]):
        assert value in ("", "<3", "0") or int(value) >= 3


def test_the_tests_of_change_in_the_comparison_are_the_apis(
    valid_dataset: Dataset, tmp_path: Path
) -> None:
    before = build_network(valid_dataset, wave="before")
    after = build_network(valid_dataset, wave="after")
    tables = compare_networks(before, after, permutations=499, seed=11)
    api = change_tests(
        build_network(valid_dataset), before="before", after="after", permutations=499, seed=11
    )
    pd.testing.assert_frame_equal(tables["change_tests"], api[list(COMPARE_TEST_COLUMNS)])
    # the densities tested are those of the comparison's measures
    measures = tables["network_change"].set_index("measure")
    density = tables["change_tests"].set_index("statistic").loc["density"]
    assert density["before"] == pytest.approx(measures.loc["density", "before"])
    assert density["after"] == pytest.approx(measures.loc["density", "after"])
    written = write_comparison(tables, tmp_path, lang="pl", min_count=3)
    html = written["html"].read_text(encoding="utf-8")
    assert "Czy zmiana jest istotna?" in html and "499 losowymi przetasowaniami" in html
    for pl, en in zip(api["sentence_pl"], api["sentence_en"], strict=True):
        assert escape(pl, quote=False) in html and escape(en, quote=False) not in html
    sheet = pd.read_excel(written["xlsx"], sheet_name="Testy zmiany")
    assert sheet["miara"].tolist() == ["gęstość", "wzajemność", "korelacja fal (QAP)"]
    assert sheet["p"].tolist() == pytest.approx(api["p_value"].tolist())
    assert sheet["wniosek"].tolist() == api["sentence_pl"].tolist()
    # leaving the tests out, or two datasets: no section
    assert "change_tests" not in compare_networks(before, after, permutations=None)
    other = build_network(read_dataset(VALID, pseudonym_key=TEST_KEY), wave="after")
    assert "change_tests" not in compare_networks(before, other, permutations=99)
