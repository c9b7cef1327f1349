"""Privacy probes on input: no family id in a message, no raw id behind a pseudonymised marker."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from kokon_graph import Dataset, DatasetError, read_dataset
from kokon_graph.io import write_dataset, write_workbook
from tests.conftest import VALID
from tests.hostile._files import edit_workbook

RAW_IDS = [f"R/{i}/2020" for i in range(1, 8)]


def _all_text(err: DatasetError) -> str:
    return "\n".join([str(err), str(err.hint)] + [str(p) for p in err.problems])


def _swap(path: Path, a: str, b: str) -> None:
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame = frame.rename(columns={a: b, b: a})
    frame.to_csv(path, index=False)


@pytest.mark.parametrize(
    ("table", "a", "b"),
    [
        ("referrals", "family", "source"),  # "'R/1/2020' is not an institution" (issue 16)
        ("referrals", "family", "status"),
        ("services", "family", "institution"),
        ("services", "family", "start"),
        ("families", "id", "teryt"),
        ("families", "id", "problems"),
    ],
)
def test_a_swapped_column_never_echoes_a_family_id(
    valid_copy: Path, table: str, a: str, b: str
) -> None:
    _swap(valid_copy / f"{table}.csv", a, b)
    with pytest.raises(DatasetError) as info:
        read_dataset(valid_copy)
    text = _all_text(info.value)
    assert info.value.problems
    assert not [raw for raw in RAW_IDS if raw in text], text


def test_the_datapackage_marker_is_checked(valid_copy: Path) -> None:
    (valid_copy / "datapackage.json").write_text(
        json.dumps({"name": "test", "pseudonymised": True}), encoding="utf-8"
    )
    with pytest.raises(DatasetError) as info:
        read_dataset(valid_copy)
    assert {p.rule for p in info.value.problems} == {"not-pseudonymised"}
    assert not [raw for raw in RAW_IDS if raw in _all_text(info.value)]


def test_the_workbook_marker_is_checked(tmp_path: Path) -> None:
    raw = read_dataset(VALID, pseudonymised=False)  # pseudonymised with the test key
    path = write_workbook(raw, tmp_path / "dane.xlsx")

    def put_back_a_raw_id(wb: object) -> None:
        wb["families"]["A3"] = "R/2/2020"  # type: ignore[index]

    edit_workbook(path, put_back_a_raw_id)
    with pytest.raises(DatasetError) as info:
        read_dataset(path)
    problems = [(p.file, p.row, p.column, p.rule) for p in info.value.problems]
    assert ("dane.xlsx, sheet families", 3, "id", "not-pseudonymised") in problems
    assert "R/2/2020" not in _all_text(info.value)


def test_pseudonyms_pass_the_check(valid_dataset: Dataset, tmp_path: Path) -> None:
    folder = write_dataset(valid_dataset, tmp_path / "ok")
    assert read_dataset(folder, pseudonymised=True).equals(valid_dataset)


@pytest.mark.parametrize(
    "header", ["numer telefonu", "data ur.", "PESELmatki", "nr dowodu osobistego"]
)
def test_identifying_columns_people_type_are_refused(valid_copy: Path, header: str) -> None:
    """These four were only ignored with a warning (issue 16)."""
    path = valid_copy / "families.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame[header] = [f"SEKRET{i}" for i in range(len(frame))]
    frame.to_csv(path, index=False)
    with pytest.raises(DatasetError) as info:
        read_dataset(valid_copy)
    (problem,) = info.value.problems
    assert (problem.file, problem.column, problem.rule) == (
        "families.csv",
        header,
        "identifying-column",
    )
    assert "SEKRET" not in _all_text(info.value)
