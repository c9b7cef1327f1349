"""The workbook: values equal the analysis, headers, layout, and LibreOffice opens it."""

from __future__ import annotations

import csv
import subprocess
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from kokon_graph.analysis.columns import COLUMNS
from kokon_graph.report import ReportInfo, write_xlsx
from kokon_graph.report._docs import column_text
from kokon_graph.report.tables import in_language
from kokon_graph.report.xlsx_key_sheets import KEY_SHEETS
from kokon_graph.report.xlsx_writer import NUMBER_FORMATS, ordered_results
from tests.report._compare_values import check_numbers
from tests.report._fake import fake_results

SOFFICE = "/usr/bin/soffice"


def result_sheets(path: Path, results: dict[str, pd.DataFrame]) -> dict[str, str]:
    """``{result: sheet name}``: the sheets between the key sheets and the column guide."""
    wb = openpyxl.load_workbook(path, read_only=True)
    key_sheets = {name for pair in KEY_SHEETS.values() for name in pair}
    names = [n for n in wb.sheetnames[1:-1] if n not in key_sheets]
    wb.close()
    order = ordered_results(results)
    assert len(names) == len(order)
    return dict(zip(order, names, strict=True))


def test_every_number_equals_the_analysis_result(
    valid_report: Path, valid_results: dict[str, pd.DataFrame]
) -> None:
    path = valid_report / "report.xlsx"
    checked = 0
    for name, sheet in result_sheets(path, valid_results).items():
        read = pd.read_excel(path, sheet_name=sheet, dtype=object)
        read = read.astype(object).where(read.notna(), None)
        frame = in_language(valid_results[name], "pl")
        checked += check_numbers(name, frame, read, min_count=3, rel=1e-14)
    assert checked > 500


def test_headers_are_the_documented_labels_in_both_languages(
    tmp_path: Path, valid_results: dict[str, pd.DataFrame]
) -> None:
    for lang in ("pl", "en"):
        path = write_xlsx(valid_results, tmp_path / f"{lang}.xlsx", lang=lang)
        wb = openpyxl.load_workbook(path)
        for name, sheet in result_sheets(path, valid_results).items():
            header = [c.value for c in wb[sheet][1]]
            want = [
                getattr(COLUMNS[name][c], lang) if c in COLUMNS.get(name, {}) else c
                for c in in_language(valid_results[name], lang).columns
            ]
            assert header == want, (lang, name)
        assert wb.sheetnames[0] == ("Podsumowanie" if lang == "pl" else "Summary")
        assert wb.sheetnames[1] == ("Najważniejsze" if lang == "pl" else "Key figures")
        assert wb.sheetnames[3] == ("Centralność" if lang == "pl" else "Centrality")


def test_layout_frozen_header_filter_formats_widths(
    valid_report: Path, valid_results: dict[str, pd.DataFrame]
) -> None:
    path = valid_report / "report.xlsx"
    sheets = result_sheets(path, valid_results)
    wb = openpyxl.load_workbook(path)
    ws = wb[sheets["centrality"]]
    frame = valid_results["centrality"]
    assert ws.freeze_panes == "A2"
    last = openpyxl.utils.get_column_letter(frame.shape[1])
    assert ws.auto_filter.ref == f"A1:{last}{len(frame) + 1}"
    columns = list(frame.columns)
    degree = ws.cell(row=2, column=columns.index("degree") + 1)
    betweenness = ws.cell(row=2, column=columns.index("betweenness") + 1)
    assert degree.number_format == NUMBER_FORMATS["int"]
    assert betweenness.number_format == NUMBER_FORMATS["float"]
    # the name column is as wide as the longest name (capped), ids stay narrow
    name_width = ws.column_dimensions["B"].width
    longest = max(len(n) for n in frame["name"])
    assert name_width == min(longest + 2, 50)
    assert ws.column_dimensions["A"].width < name_width


def test_summary_and_column_guide(
    valid_report: Path, valid_results: dict[str, pd.DataFrame], valid_info: ReportInfo
) -> None:
    wb = openpyxl.load_workbook(valid_report / "report.xlsx")
    summary = {r[0]: r[1] for r in wb["Podsumowanie"].iter_rows(values_only=True) if r and r[0]}
    assert summary["Zakres"] == valid_info.scope
    assert summary["Fala badania"] == "wszystkie fale"
    assert summary["Data raportu"] == "2024-05-17"
    network = valid_results["network"].iloc[0]
    for code in ("institutions", "ties", "density", "reciprocity_dyad", "centralization_degree"):
        assert summary[COLUMNS["network"][code].pl] == pytest.approx(network[code], rel=1e-14)
    guide = wb[wb.sheetnames[-1]]
    rows = list(guide.iter_rows(min_row=2, values_only=True))
    listed = {(r[1], r[2]) for r in rows}
    for name in ordered_results(valid_results):
        for column in in_language(valid_results[name], "pl").columns:
            assert (column, column_text(name, column, "pl").label) in listed
    descriptions = {(r[1], r[3]) for r in rows}  # a column name may recur in several results
    assert ("betweenness", COLUMNS["centrality"]["betweenness"].description_pl) in descriptions


def test_column_guide_rows_are_tall_enough_for_their_wrapped_text(valid_report: Path) -> None:
    """A spreadsheet does not grow the rows of a file it opens: a wrapped description in a row
    of default height printed over the rows below it (seen in LibreOffice's PDF)."""
    wb = openpyxl.load_workbook(valid_report / "report.xlsx")
    guide = wb[wb.sheetnames[-1]]
    widths = [guide.column_dimensions[c].width for c in "ABCDE"]
    checked = 0
    for number, row in enumerate(guide.iter_rows(min_row=2, values_only=True), start=2):
        longest = max(len(str(v or "")) / w for v, w in zip(row, widths, strict=True))
        if longest > 1.5:  # wraps onto at least a second line, whatever the font
            height = guide.row_dimensions[number].height
            assert height is not None and height >= 30, (number, row[1], height)
            checked += 1
    assert checked > 10


def test_text_never_becomes_a_formula_and_rates_are_percent(tmp_path: Path) -> None:
    results = fake_results()
    # 3 answered, 0 unanswered of 3: nothing hidden in the first row, so its rate is shown
    referrals = results["gaps_referrals"]
    first = referrals.index[0]
    referrals.loc[first, ["referrals", "answered", "unanswered"]] = [3, 3, 0]
    referrals.loc[first, "answer_rate"] = 1.0
    path = write_xlsx(results, tmp_path / "fake.xlsx")
    wb = openpyxl.load_workbook(path)
    rates = wb["Luki - skierowania"]
    # column I: answer_rate (source, target, source_name, target_name, four counts, rate)
    assert rates["I2"].value == 1 and rates["I2"].number_format == NUMBER_FORMATS["percent"]
    assert rates["I3"].value == "<3" and rates["I3"].data_type == "s"
    cell = wb["Centralność"]["B5"]
    assert cell.value.startswith("=HYPERLINK")
    assert cell.data_type == "s"


def _libreoffice_csv(xlsx: Path, out: Path) -> list[Path]:
    """Every sheet of ``xlsx`` as CSV (raw values, UTF-8) by LibreOffice itself."""
    profile = out / "lo-profile"
    # filter options: comma, quote, UTF-8, from row 1, -, -, quote all text=false, ...,
    # "save cell contents as shown"=false, ..., sheet -1 = every sheet to its own file
    options = "44,34,76,1,,0,false,true,false,false,false,-1"
    result = subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            f"csv:Text - txt - csv (StarCalc):{options}",
            "--outdir",
            str(out),
            str(xlsx),
        ],
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return sorted(out.glob("*.csv"))


def test_libreoffice_opens_the_workbook_and_reads_the_same_values(
    valid_report: Path, valid_results: dict[str, pd.DataFrame], tmp_path: Path
) -> None:
    files = _libreoffice_csv(valid_report / "report.xlsx", tmp_path)
    sheets = result_sheets(valid_report / "report.xlsx", valid_results)
    by_sheet = {p.stem.removeprefix("report-"): p for p in files}
    assert set(sheets.values()) <= set(by_sheet), sorted(by_sheet)
    for name in ("centrality", "gaps_co_serving", "gaps_referrals", "holes"):
        with by_sheet[sheets[name]].open(encoding="utf-8", newline="") as fh:
            rows = list(csv.reader(fh))
        frame = valid_results[name]
        assert len(rows) == len(frame) + 1
        read = pd.DataFrame(rows[1:], columns=rows[0], dtype=object)

        def number(text: str) -> object:
            if text == "":
                return None
            try:
                return int(text)
            except ValueError:
                try:
                    return float(text)
                except ValueError:
                    return text

        read = read.map(number)
        check_numbers(name, in_language(frame, "pl"), read, min_count=3, rel=1e-14)
