"""Hostile workbooks: the reader reads exactly what Excel/LibreOffice shows, or refuses.

Each test builds a real .xlsx (openpyxl, LibreOffice, msoffcrypto for the
password) and reads it through :func:`kokon_graph.read_dataset`.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from kokon_graph import Dataset, DatasetError, KokonError, read_dataset
from kokon_graph.io import write_workbook
from kokon_graph.io._source import MAX_COLUMNS
from tests.hostile._files import edit_workbook, rewrite_part, shared_strings_workbook, sheet_part


@pytest.fixture
def workbook(valid_dataset: Dataset, tmp_path: Path) -> Path:
    """The small valid dataset as a workbook (pseudonymised, marked in its metadata sheet)."""
    return write_workbook(valid_dataset, tmp_path / "valid.xlsx")


def _problems(path: Path, *, strict: bool = False) -> list[tuple[str, int | None, str | None, str]]:
    with pytest.raises(DatasetError) as info:
        read_dataset(path, strict=strict)
    return [(p.file, p.row, p.column, p.rule) for p in info.value.problems]


def test_a_stale_dimension_tag_loses_no_row(workbook: Path, valid_dataset: Dataset) -> None:
    """openpyxl's read-only mode trusts <dimension>: a stale one cut 14 of 18 ties (issue 16)."""
    part = sheet_part(workbook, "cooperation")
    rewrite_part(
        workbook,
        part,
        lambda xml: re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:C5"', xml),
    )
    assert b'ref="A1:C5"' in zipfile.ZipFile(workbook).read(part)
    again = read_dataset(workbook, strict=True)
    assert len(again.cooperation) == 18
    assert again.equals(valid_dataset), again.differences(valid_dataset)


def test_a_merged_cell_is_refused_by_sheet_row_and_column(workbook: Path) -> None:
    """A merged `wave` cell left the other rows empty, which then meant 'every wave'."""

    def merge(wb: Workbook) -> None:
        wb["cooperation"].merge_cells("F2:F6")

    edit_workbook(workbook, merge)
    problems = _problems(workbook)
    assert problems == [("valid.xlsx, sheet cooperation", 2, "wave", "merged-cells")]


def test_merged_cells_in_a_sheet_that_is_not_a_table_are_harmless(
    workbook: Path, valid_dataset: Dataset
) -> None:
    def readme(wb: Workbook) -> None:
        sheet = wb.create_sheet("readme")
        sheet["A1"] = "Opis danych"
        sheet.merge_cells("A1:D3")

    edit_workbook(workbook, readme)
    assert read_dataset(workbook, strict=True).equals(valid_dataset)


def test_a_formula_without_a_saved_result_is_refused(workbook: Path) -> None:
    """openpyxl (and other programs that do not calculate) save a formula and no value."""

    def formula(wb: Workbook) -> None:
        wb["cooperation"]["D3"] = "=1+2"

    edit_workbook(workbook, formula)
    assert _problems(workbook) == [
        ("valid.xlsx, sheet cooperation", 3, "weight", "formula-without-value")
    ]


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_a_formula_saved_by_libreoffice_reads_as_its_value(workbook: Path, tmp_path: Path) -> None:
    def formula(wb: Workbook) -> None:
        wb["cooperation"]["D3"] = "=1+2"

    edit_workbook(workbook, formula)
    out = tmp_path / "saved"
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "xlsx", "--outdir", str(out), str(workbook)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    again = read_dataset(out / "valid.xlsx")
    row = again.cooperation.iloc[1]
    assert (row["source"], row["target"], row["weight"]) == ("OPS1", "PCPR1", 3.0)


@pytest.mark.parametrize("state", ["hidden", "veryHidden"])
def test_hidden_sheets_are_not_read_and_say_so(workbook: Path, state: str) -> None:
    def hide(wb: Workbook) -> None:
        wb["referrals"].sheet_state = state

    edit_workbook(workbook, hide)
    dataset = read_dataset(workbook)
    assert dataset.referrals.empty
    (warning,) = [w for w in dataset.warnings if w.rule == "hidden-sheet"]
    assert warning.file == "valid.xlsx, sheet referrals"
    assert "hidden and is not read" in warning.message
    assert ("valid.xlsx, sheet referrals", None, None, "hidden-sheet") in _problems(
        workbook, strict=True
    )


def test_a_password_protected_workbook_is_named_as_such(workbook: Path, tmp_path: Path) -> None:
    from msoffcrypto.format.ooxml import OOXMLFile

    protected = tmp_path / "tajne.xlsx"
    with workbook.open("rb") as plain, protected.open("wb") as out:
        OOXMLFile(plain).encrypt("hasło-do-pliku", out)
    with pytest.raises(KokonError, match=r"tajne\.xlsx is protected by a password") as info:
        read_dataset(protected)
    assert "hasło" not in str(info.value) + str(info.value.hint)


@pytest.fixture(scope="module")
def old_xls(valid_dataset: Dataset, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The valid dataset saved by LibreOffice as an Excel 97-2003 workbook."""
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice is not installed")
    folder = tmp_path_factory.mktemp("xls")
    source = write_workbook(valid_dataset, folder / "valid.xlsx")
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "xls", "--outdir", str(folder), str(source)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return folder / "valid.xls"


@pytest.mark.parametrize("name", ["stary.xls", "stary-przemianowany.xlsx"])
def test_an_old_xls_workbook_is_named_as_such(old_xls: Path, tmp_path: Path, name: str) -> None:
    old = tmp_path / name
    shutil.copy(old_xls, old)
    with pytest.raises(KokonError, match="old Excel 97-2003 workbook") as info:
        read_dataset(old)
    assert info.value.hint is not None and "save it as .xlsx" in info.value.hint


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"id,name,type\nOPS1,GOPS,GOPS\n", "is a text file, not an .xlsx workbook"),
        ("id;nazwa\nOPS1;Ośrodek\n".encode("cp1250"), "is a text file"),
        (b"", "is empty"),
        (bytes(range(256)) * 4, "is not an .xlsx workbook"),
    ],
)
def test_a_file_that_is_no_workbook_is_named(tmp_path: Path, content: bytes, expected: str) -> None:
    path = tmp_path / "dane.xlsx"
    path.write_bytes(content)
    with pytest.raises(KokonError, match=expected):
        read_dataset(path)


def test_a_truncated_workbook_is_an_error_not_a_crash(workbook: Path) -> None:
    data = workbook.read_bytes()
    workbook.write_bytes(data[: len(data) // 2])
    with pytest.raises(KokonError, match=r"cannot be opened as an \.xlsx workbook"):
        read_dataset(workbook)


def test_a_shared_strings_bomb_is_refused(tmp_path: Path) -> None:
    """A workbook of a few KB whose shared strings expand to 64 MiB (issue 16: 170 MB, 24 s)."""
    rows = [
        ["id", "name", "type", "sector", "level", "teryt"],
        ["OPS1", "GOPS", "GOPS", "", "gmina", "2815022"],
    ]
    plain = shared_strings_workbook(tmp_path / "zwykly.xlsx", "institutions", rows)
    assert read_dataset(plain).institutions["name"].tolist() == ["GOPS"]
    path = shared_strings_workbook(tmp_path / "bomba.xlsx", "institutions", rows, 64 * 2**20)
    assert path.stat().st_size < 1_000_000
    with pytest.raises(KokonError, match="expands to more than") as info:
        read_dataset(path)
    assert "sharedStrings.xml" in str(info.value)


@pytest.mark.parametrize("width", [5_000, 16_384 - 6])  # Excel stops at 16,384 columns
def test_thousands_of_columns_are_refused(tmp_path: Path, width: int) -> None:
    path = tmp_path / "szeroki.xlsx"
    wb = Workbook()
    sheet = wb.active
    sheet.title = "institutions"
    sheet.append(
        ["id", "name", "type", "sector", "level", "teryt"] + [f"x{i}" for i in range(width)]
    )
    sheet.append(["OPS1", "GOPS", "GOPS", "", "gmina", "2815022"] + ["1"] * width)
    wb.save(path)
    problems = _problems(path)
    assert problems == [("szeroki.xlsx, sheet institutions", 1, None, "too-many-columns")]
    assert width + 6 > MAX_COLUMNS


def test_a_control_character_in_a_cell_is_refused_by_row_and_column(workbook: Path) -> None:
    def escape(wb: Workbook) -> None:
        wb["institutions"]["B4"] = "GOPS \u202eodwrócony"

    edit_workbook(workbook, escape)
    assert _problems(workbook) == [
        ("valid.xlsx, sheet institutions", 4, "name", "control-character")
    ]


@pytest.mark.parametrize("formula", [b"<f>1/0</f>", b""])
def test_an_error_value_is_refused_not_read_as_text(workbook: Path, formula: bytes) -> None:
    """A cell showing #DIV/0! (with or without its formula) read as the text '#DIV/0!'."""
    part = sheet_part(workbook, "institutions")
    rewrite_part(
        workbook,
        part,
        lambda xml: re.sub(
            rb'<c r="B5"[^>]*>.*?</c>', b'<c r="B5" t="e">' + formula + b"<v>#DIV/0!</v></c>", xml
        ),
    )
    assert _problems(workbook) == [("valid.xlsx, sheet institutions", 5, "name", "error-value")]
