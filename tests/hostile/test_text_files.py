"""Hostile CSV folders: names, encodings, control characters, sizes, implausible values."""

from __future__ import annotations

import codecs
import shutil
from pathlib import Path

import pytest

from kokon_graph import Dataset, DatasetError, build_network, read_dataset
from kokon_graph.io import write_dataset
from tests.conftest import VALID
from tests.hostile._files import INSTITUTIONS_HEADER, KEPT, REFUSED, institutions_csv


def _problems(path: Path, **kw: object) -> list[tuple[str, int | None, str | None, str]]:
    with pytest.raises(DatasetError) as info:
        read_dataset(path, **kw)  # type: ignore[arg-type]
    return [(p.file, p.row, p.column, p.rule) for p in info.value.problems]


def test_an_upper_case_extension_is_read(valid_copy: Path, valid_dataset: Dataset) -> None:
    """`Cooperation.CSV` was ignored, so every tie was lost (issue 16)."""
    (valid_copy / "cooperation.csv").rename(valid_copy / "Cooperation.CSV")
    (valid_copy / "institutions.csv").rename(valid_copy / "INSTITUTIONS.Csv")
    again = read_dataset(valid_copy, strict=True)
    assert len(again.cooperation) == 18
    assert again.institutions["id"].tolist() == valid_dataset.institutions["id"].tolist()


def test_two_files_for_one_table_are_refused(valid_copy: Path) -> None:
    shutil.copy(valid_copy / "cooperation.csv", valid_copy / "Cooperation.CSV")
    assert _problems(valid_copy) == [("cooperation.csv", None, None, "duplicate-table")]


def test_one_cp1250_line_in_a_utf8_file_is_refused_by_line(valid_copy: Path) -> None:
    """Decoding the whole file as cp1250 turned every other Polish name into mojibake."""
    path = valid_copy / "institutions.csv"
    lines = path.read_bytes().decode("utf-8").splitlines(keepends=True)
    data = b"".join(
        line.encode("cp1250") if number == 5 else line.encode("utf-8")
        for number, line in enumerate(lines, start=1)
    )
    path.write_bytes(data)
    assert "Ośrodek".encode() in data and "ł".encode("cp1250") in data
    assert _problems(valid_copy) == [("institutions.csv", 5, None, "mixed-encoding")]


def test_a_cp1250_file_whose_capitals_look_like_utf8_is_read_as_cp1250(tmp_path: Path) -> None:
    """'ÓŁ' in cp1250 (D3 A3) is also a valid UTF-8 sequence; it must not count as UTF-8."""
    folder = institutions_csv(
        tmp_path / "d", ["ZESPÓŁ SZKÓŁ NR 1", "Ośrodek Pomocy"], encoding="cp1250"
    )
    names = read_dataset(folder).institutions["name"].tolist()
    assert names == ["ZESPÓŁ SZKÓŁ NR 1", "Ośrodek Pomocy"]


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_utf16_unicode_text_is_read(valid_dataset: Dataset, tmp_path: Path, codec: str) -> None:
    """Excel's "Unicode text" (UTF-16 with BOM, tab-separated) was a missing column."""
    folder = write_dataset(valid_dataset, tmp_path / codec, delimiter="\t")
    (folder / "datapackage.json").unlink()
    for csv_path in folder.glob("*.csv"):
        text = csv_path.read_text(encoding="utf-8")
        csv_path.write_bytes(text.encode(codec))
    raw = (folder / "institutions.csv").read_bytes()
    assert raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF32_LE)) or b"\x00" in raw[:4]
    again = read_dataset(folder, pseudonymised=True, strict=True)
    assert again.equals(valid_dataset), again.differences(valid_dataset)


@pytest.mark.parametrize("name", REFUSED)
def test_a_control_character_is_refused_by_row_and_column(tmp_path: Path, name: str) -> None:
    folder = institutions_csv(tmp_path / "d", ["GOPS Dąbrówno", name])
    with pytest.raises(DatasetError) as info:
        read_dataset(folder)
    (problem,) = info.value.problems
    assert (problem.file, problem.row, problem.column, problem.rule) == (
        "institutions.csv",
        3,
        "name",
        "control-character",
    )
    assert "U+" in problem.message and name not in str(info.value)


@pytest.mark.parametrize("name", KEPT)
def test_a_hostile_but_visible_name_is_kept_exactly(tmp_path: Path, name: str) -> None:
    folder = institutions_csv(tmp_path / "d", [name])
    dataset = read_dataset(folder)
    assert dataset.institutions["name"].tolist() == [name.strip()]
    assert build_network(dataset).graph.nodes["OPS1"]["name"] == name.strip()


def test_a_header_only_institutions_file_is_an_error_not_a_crash(tmp_path: Path) -> None:
    """It raised a TypeError (issue 16)."""
    (tmp_path / "institutions.csv").write_text(INSTITUTIONS_HEADER, encoding="utf-8")
    assert _problems(tmp_path) == [("institutions.csv", None, None, "empty-table")]


def test_header_only_optional_tables_are_empty_tables(valid_copy: Path) -> None:
    for name in ("cooperation", "groups", "memberships", "families", "services", "referrals"):
        path = valid_copy / f"{name}.csv"
        path.write_text(path.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    dataset = read_dataset(valid_copy)
    assert dataset.cooperation.empty and dataset.referrals.empty and len(dataset.institutions) == 13


@pytest.mark.parametrize("width", [5_000, 20_000])
def test_thousands_of_columns_are_refused_before_parsing(tmp_path: Path, width: int) -> None:
    """5,000 columns took 28 s to validate and 20,000 over ten minutes (issue 16)."""
    header = INSTITUTIONS_HEADER.strip() + "".join(f",x{i}" for i in range(width))
    row = "OPS1,GOPS,GOPS,,gmina,2815022" + ",1" * width
    (tmp_path / "institutions.csv").write_text(f"{header}\n{row}\n", encoding="utf-8")
    assert _problems(tmp_path) == [("institutions.csv", 1, None, "too-many-columns")]


def test_a_few_hundred_extra_columns_are_kept(tmp_path: Path) -> None:
    header = INSTITUTIONS_HEADER.strip() + "".join(f",x{i}" for i in range(400))
    row = "OPS1,GOPS,GOPS,,gmina,2815022" + "".join(f",{i}" for i in range(400))
    (tmp_path / "institutions.csv").write_text(f"{header}\n{row}\n", encoding="utf-8")
    dataset = read_dataset(tmp_path)
    assert dataset.institutions.at[0, "x399"] == "399"


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize(
    ("table", "old", "new", "expected"),
    [
        # a referral sent in 2099 was accepted without a word (issue 16)
        ("referrals", "2020-02-10,completed", "2099-02-10,completed", (2, "sent")),
        ("referrals", "2020-02-13,before", "2099-02-13,before", (3, "answered")),
        ("cooperation", "2019-09-01", "2099-09-01", (2, "since")),
        ("groups", "2021-03-31", "2099-03-31", (2, "end")),
        ("groups", "2019-01-15", "1019-01-15", (2, "start")),
    ],
)
def test_implausible_dates_are_refused(
    valid_copy: Path, table: str, old: str, new: str, expected: tuple[int, str]
) -> None:
    _replace(valid_copy / f"{table}.csv", old, new)
    problems = _problems(valid_copy)
    assert (f"{table}.csv", *expected, "implausible-date") in problems
    assert {p[3] for p in problems} <= {"implausible-date", "end-before-start"}


def test_a_group_planned_to_end_next_year_is_fine(valid_copy: Path) -> None:
    import datetime as dt

    next_year = dt.date.today().year + 1
    _replace(valid_copy / "groups.csv", "2021-03-31", f"{next_year}-03-31")
    assert read_dataset(valid_copy).groups.at[0, "end"].year == next_year


def test_weights_whose_sum_overflows_are_refused(valid_copy: Path) -> None:
    """Two weights of 1e308 are finite each, their sum is inf (issue 16)."""
    path = valid_copy / "cooperation.csv"
    _replace(path, "OPS1,SZK1,information,2,", "OPS1,SZK1,information,1e308,")
    _replace(path, "OPS1,PCPR1,joint action,3,", "OPS1,PCPR1,joint action,1e308,")
    problems = _problems(valid_copy)
    assert problems == [
        ("cooperation.csv", 2, "weight", "bad-number"),
        ("cooperation.csv", 3, "weight", "bad-number"),
    ]


def test_a_huge_whole_number_is_an_error_not_a_crash(valid_copy: Path) -> None:
    """1e30 as a family size crashed the cast to a whole number."""
    _replace(valid_copy / "families.csv", "R/1/2020,2815011,4,", "R/1/2020,2815011,1e30,")
    assert _problems(valid_copy) == [("families.csv", 2, "size", "bad-number")]


def test_nothing_but_the_valid_folder_changed() -> None:
    """The tests above work on copies: the bundled test data stays as it is."""
    assert (
        (VALID / "institutions.csv").read_text(encoding="utf-8").startswith(INSTITUTIONS_HEADER[:7])
    )


def test_a_control_character_in_the_metadata_is_refused(valid_copy: Path) -> None:
    """The title is printed by `info` and written into reports."""
    (valid_copy / "datapackage.json").write_text(
        '{"name": "dane", "title": "Tytu\\u0142 \\u001b[2J"}', encoding="utf-8"
    )
    assert _problems(valid_copy) == [("datapackage.json", None, "title", "control-character")]
