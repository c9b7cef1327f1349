"""The report as one Excel workbook.

Sheets: a summary (dataset, scope, wave, date, network-level measures, the
list of sheets), one sheet per result with Polish or English headers, a frozen
header row, filters, number formats and fitted column widths, and a sheet
explaining every column. Written in openpyxl's write-only mode, so a national
result of tens of thousands of rows streams to disk.

Text cells are always text: a name beginning with ``=`` is never a formula.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Final

import numpy as np
import pandas as pd
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from kokon_graph.model import Lang
from kokon_graph.report._docs import column_text
from kokon_graph.report._text import RESULT_ORDER, result_title, sheet_name, t, wave_text
from kokon_graph.report.info import ReportInfo, network_measures
from kokon_graph.report.suppress import is_suppressed, marker, suppress_result
from kokon_graph.report.tables import ColumnKind, DisplayTable, display_table
from kokon_graph.report.xlsx_key_sheets import (
    KEY_SHEETS,
    fit_height,
    write_highlights,
    write_scorecard,
)

__all__ = [
    "EXCEL_MAX_ROWS",
    "NATIONAL_CELLS",
    "NATIONAL_ROWS",
    "NUMBER_FORMATS",
    "RANK_KEYS",
    "national_layout",
    "write_xlsx",
]

#: Rows a sheet can hold below its header.
EXCEL_MAX_ROWS: Final = 1_048_575

#: A workbook of more cells than this (a national network has 17 million) takes minutes to
#: write and to open: it gets the national layout (docs/reports.md).
NATIONAL_CELLS: Final = 2_000_000
#: Rows each long table keeps in the national layout; the CSV files hold every row.
NATIONAL_ROWS: Final = 10_000
#: The column (and tie-breakers) a table's rows are ranked by, largest first, before the
#: national layout keeps its top rows; tables not named here are kept in their own order
#: (the gap tables come sorted by how many families or referrals are at stake).
RANK_KEYS: Final[dict[str, tuple[str, ...]]] = {
    "centrality": ("betweenness", "degree"),
    "brokerage": ("total",),
    "holes": ("effective_size",),
    "cohesion": ("pairs_lost", "reach_loss"),
    "communities": ("community_size",),
    "gaps_referrals": ("unanswered", "referrals"),
    "gaps_referral_targets": ("unanswered", "referrals"),
    "bridges": ("pairs_lost",),
}

#: Excel number format of each kind of column.
NUMBER_FORMATS: Final[dict[str, str]] = {
    "int": "#,##0",
    "float": "0.000",
    "percent": "0.0%",
    "date": "yyyy-mm-dd",
}
#: Columns shown with more decimals than their kind's: p-values of permutation tests
#: (the smallest with 2,000 permutations is 1/2001 ≈ 0.0005) and their Monte Carlo error.
_FINE_COLUMNS: Final[dict[str, str]] = dict.fromkeys(
    ("p_value", "p_greater", "p_less", "mc_error"), "0.0000"
)

_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_HEADER_FONT = Font(name="Calibri", bold=True, color="FFFFFF")
_HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
_HEADER_ALIGN = Alignment(wrap_text=True, vertical="top")
_RIGHT = Alignment(horizontal="right")
_TITLE_FONT = Font(name="Calibri", bold=True, size=14)
_BOLD = Font(name="Calibri", bold=True)
_WRAP = Alignment(wrap_text=True, vertical="top")
_SAMPLE_ROWS: Final = 2000
_MAX_WIDTH: Final = 50
_MIN_WIDTH: Final = 6


def _cell_value(value: Any) -> Any:
    """A value openpyxl writes as a valid cell (no NaN, no infinity, no control characters)."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    if isinstance(value, str):
        return _ILLEGAL.sub("", value)
    if isinstance(value, tuple | list):
        return "|".join(map(str, value))
    return value


def _text_cell(ws: WriteOnlyWorksheet, value: str, **style: Any) -> WriteOnlyCell:
    cell = WriteOnlyCell(ws, value=_ILLEGAL.sub("", value))
    cell.data_type = "s"  # never a formula, whatever the text begins with
    for key, val in style.items():
        setattr(cell, key, val)
    return cell


def _cell(ws: WriteOnlyWorksheet, value: Any, kind: ColumnKind) -> WriteOnlyCell | None:
    """One styled cell (for the summary; tables use :class:`_ColumnCells`)."""
    value = _cell_value(value)
    if value is None:
        return None
    if isinstance(value, str):
        if is_suppressed(value):
            return _text_cell(ws, value, alignment=_RIGHT)
        return _text_cell(ws, value)
    cell = WriteOnlyCell(ws, value=value)
    number_format = NUMBER_FORMATS.get(kind)
    if number_format and not isinstance(value, bool):
        cell.number_format = number_format
    return cell


class _ColumnCells:
    """Reusable cells of one column: number (with its format), text, hidden count.

    A write-only sheet writes each row as it is appended, so a column can hand
    the same cell object to every row; this avoids one styled object per value,
    which dominates the time on national tables. Every value goes through a
    cell of this column (never a bare value), so no style leaks between columns.
    """

    def __init__(
        self, ws: WriteOnlyWorksheet, kind: ColumnKind, number_format: str | None = None
    ) -> None:
        self.number = WriteOnlyCell(ws)
        number_format = number_format or NUMBER_FORMATS.get(kind)
        if number_format:
            self.number.number_format = number_format
        self.plain = WriteOnlyCell(ws)
        self.hidden = WriteOnlyCell(ws)
        self.hidden.alignment = _RIGHT

    def __call__(self, value: Any) -> WriteOnlyCell | None:
        value = _cell_value(value)
        if value is None:
            return None
        if isinstance(value, str):
            cell = self.hidden if is_suppressed(value) else self.plain
            cell.value = value
            cell.data_type = "s"  # never a formula, whatever the text begins with
            return cell
        if isinstance(value, bool):
            self.plain.value = value
            return self.plain
        self.number.value = value
        return self.number


def _display_width(value: Any, kind: ColumnKind) -> int:
    value = _cell_value(value)
    if value is None:
        return 0
    if isinstance(value, bool):
        return 5
    if isinstance(value, int):
        return len(f"{value:,}")
    if isinstance(value, float):
        if kind == "percent":
            return len(f"{value * 100:.1f}") + 1
        return len(f"{value:,.3f}")
    return len(str(value))


def _widths(table: DisplayTable) -> list[float]:
    sample = table.frame.head(_SAMPLE_ROWS)
    widths: list[float] = []
    for column in table.frame.columns:
        header = len(table.labels[str(column)])
        kind = table.kinds[str(column)]
        longest = max((_display_width(v, kind) for v in sample[column]), default=0)
        # a long header wraps rather than widening a column of short values
        width = max(longest, min(header, 24), _MIN_WIDTH)
        widths.append(min(width + 2, _MAX_WIDTH))
    return widths


def _print_setup(ws: WriteOnlyWorksheet) -> None:
    """Landscape, as wide as one page, header row repeated on every page."""
    ws.page_setup.orientation = "landscape"
    # A4; numbers typed as openpyxl keeps them: it converts others inside a bare except,
    # which turns a Ctrl-C arriving there into a TypeError
    ws.page_setup.paperSize = 9
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0


def _header_footer(ws: WriteOnlyWorksheet, info: ReportInfo, lang: Lang) -> None:
    """Every printed page says what it is: dataset, scope and wave; date; sheet and page."""

    def text(value: str) -> str:
        return value.replace("&", "&&")

    about = " · ".join(text(v) for v in (info.dataset, info.scope, wave_text(info.wave, lang)) if v)
    ws.HeaderFooter.oddHeader.left.text = about
    ws.HeaderFooter.oddHeader.left.size = 8
    ws.HeaderFooter.oddHeader.right.text = info.generated.isoformat()
    ws.HeaderFooter.oddHeader.right.size = 8
    ws.HeaderFooter.oddFooter.left.text = "&A"  # the sheet's name
    ws.HeaderFooter.oddFooter.left.size = 8
    ws.HeaderFooter.oddFooter.right.text = t("page_of", lang)
    ws.HeaderFooter.oddFooter.right.size = 8


def _write_table(ws: WriteOnlyWorksheet, table: DisplayTable, *, max_rows: int) -> int:
    """Write header and rows; return the number of rows written."""
    _print_setup(ws)
    ws.print_title_rows = "1:1"
    columns = [str(c) for c in table.frame.columns]
    for i, width in enumerate(_widths(table), start=1):
        ws.column_dimensions[get_column_letter(i)].width = float(width)
    ws.freeze_panes = "A2"
    rows = table.frame.head(max_rows)
    if columns:
        last = get_column_letter(len(columns))
        ws.auto_filter.ref = f"A1:{last}{len(rows) + 1}"
    ws.append(
        [_text_cell(ws, table.labels[c], font=_HEADER_FONT, fill=_HEADER_FILL) for c in columns]
    )
    makers = [_ColumnCells(ws, table.kinds[c], _FINE_COLUMNS.get(c)) for c in columns]
    for record in rows.itertuples(index=False, name=None):
        ws.append([make(v) for make, v in zip(makers, record, strict=True)])
    return len(rows)


def _write_summary(
    ws: WriteOnlyWorksheet,
    *,
    title: str,
    info: ReportInfo,
    measures: Sequence[tuple[str, str, Any]],
    sheets: Sequence[tuple[str, str, int, int]],
    lang: Lang,
    min_count: int,
    notes: Sequence[str] = (),
) -> None:
    _print_setup(ws)
    ws.column_dimensions["A"].width = 42.0
    ws.column_dimensions["B"].width = 34.0
    ws.column_dimensions["C"].width = 30.0
    ws.append([_text_cell(ws, title, font=_TITLE_FONT)])
    ws.append([])
    for label, value in info.rows(lang):
        ws.append([_text_cell(ws, label, font=_BOLD), _text_cell(ws, value)])
    ws.append(
        [
            _text_cell(ws, t("min_count", lang), font=_BOLD),
            _text_cell(ws, marker(min_count), alignment=_RIGHT),
        ]
    )
    if measures:
        ws.append([])
        ws.append(
            [
                _text_cell(ws, t("measure", lang), font=_HEADER_FONT, fill=_HEADER_FILL),
                _text_cell(ws, t("value", lang), font=_HEADER_FONT, fill=_HEADER_FILL),
                _text_cell(ws, t("column", lang), font=_HEADER_FONT, fill=_HEADER_FILL),
            ]
        )
        for code, label, number in measures:
            kind: ColumnKind
            if number is None or number == "":
                continue
            if isinstance(number, float) and number.is_integer():
                kind = "int"  # shown without decimals; the value stays as computed
            elif isinstance(number, float):
                kind = "float"
            elif isinstance(number, int) and not isinstance(number, bool):
                kind = "int"
            else:
                kind = "text"
            ws.append(
                [
                    _text_cell(ws, label),
                    _cell(ws, number, kind),
                    _text_cell(ws, code),
                ]
            )
    ws.append([])
    ws.append(
        [
            _text_cell(ws, t("sheet", lang), font=_HEADER_FONT, fill=_HEADER_FILL),
            _text_cell(ws, t("result_code", lang), font=_HEADER_FONT, fill=_HEADER_FILL),
            _text_cell(ws, t("rows", lang), font=_HEADER_FONT, fill=_HEADER_FILL),
        ]
    )
    for sheet, name, _, total in sheets:
        count = WriteOnlyCell(ws, value=total)
        count.number_format = NUMBER_FORMATS["int"]
        ws.append([_text_cell(ws, sheet), _text_cell(ws, name), count])
    for note in notes:
        ws.append([_text_cell(ws, note, alignment=_WRAP)])


def _write_guide(
    ws: WriteOnlyWorksheet,
    entries: Sequence[tuple[str, str, str, str, str]],
    lang: Lang,
) -> None:
    widths = (28, 26, 30, 70, 50)
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = float(width)
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:E{len(entries) + 1}"
    ws.append(
        [
            _text_cell(ws, t(key, lang), font=_HEADER_FONT, fill=_HEADER_FILL)
            for key in ("result", "column", "label", "description", "reference")
        ]
    )
    for row, entry in enumerate(entries, start=2):
        fit_height(ws, row, *zip(entry, widths, strict=True))
        ws.append([_text_cell(ws, value, alignment=_WRAP) for value in entry])


def _suppressed_network(results: Mapping[str, pd.DataFrame], min_count: int) -> pd.DataFrame | None:
    frame = results.get("network")
    return None if frame is None else suppress_result("network", frame, min_count=min_count)


def national_layout(
    results: Mapping[str, pd.DataFrame],
    names: Sequence[str],
    *,
    max_cells: int = NATIONAL_CELLS,
    top_rows: int = NATIONAL_ROWS,
) -> dict[str, tuple[pd.DataFrame, str | None]]:
    """``{name: (rows to write, ranking column or None)}`` for the workbook.

    Up to ``max_cells`` cells in all, every table is written whole. Beyond it
    (a national network), each table longer than ``top_rows`` keeps its
    ``top_rows`` first rows after ranking by :data:`RANK_KEYS`; the report's
    CSV files hold every row.
    """
    cells = sum(len(results[n]) * max(results[n].shape[1], 1) for n in names)
    out: dict[str, tuple[pd.DataFrame, str | None]] = {}
    for name in names:
        frame = results[name]
        if cells <= max_cells or len(frame) <= top_rows:
            out[name] = (frame, None)
            continue
        keys = [k for k in RANK_KEYS.get(name, ()) if k in frame.columns]
        if keys:
            frame = frame.sort_values(keys, ascending=False, kind="stable")
        key = keys[0] if keys else _first_count(frame)
        out[name] = (frame.head(top_rows), key)
    return out


def _first_count(frame: pd.DataFrame) -> str:
    """The column a table already comes sorted by (its first count), for the note."""
    for column in ("shared_families", "institutions", "pairs_lost"):
        if column in frame.columns:
            return column
    return str(frame.columns[0])


def ordered_results(results: Mapping[str, pd.DataFrame]) -> list[str]:
    """Result names in report order (``network`` excluded; unknown names last)."""
    known = [r for r in RESULT_ORDER if r in results]
    extra = sorted(r for r in results if r not in RESULT_ORDER and r != "network")
    return known + extra


def write_xlsx(
    results: Mapping[str, pd.DataFrame],
    path: str | Path,
    *,
    info: ReportInfo | None = None,
    lang: Lang = "pl",
    min_count: int = 3,
    title: str | None = None,
    order: Sequence[str] | None = None,
    max_rows: int = EXCEL_MAX_ROWS,
    max_cells: int = NATIONAL_CELLS,
    top_rows: int = NATIONAL_ROWS,
    scorecard: pd.DataFrame | None = None,
    key_figures: bool = True,
) -> Path:
    """Write the results to one workbook.

    Parameters
    ----------
    results
        ``{result name: DataFrame}`` as :func:`kokon_graph.analysis.run_all`
        returns them; ``network`` goes on the summary sheet.
    path
        The ``.xlsx`` file to write (its folder must exist).
    info
        Dataset, scope, wave and date for the summary.
    lang
        Language of sheet names, headers, words and the column guide.
    min_count
        Family counts below this show as ``"<min_count"``.
    title
        The summary's title (default: the report title in ``lang``).
    order
        Results to write, in this order (default: every result, in report order).
    max_rows
        Rows per sheet at most (Excel's limit by default); the summary notes a cut.
    max_cells, top_rows
        The national layout (:func:`national_layout`): beyond ``max_cells`` cells,
        long tables keep their ``top_rows`` top rows; the summary says so.
    scorecard
        :func:`kokon_graph.analysis.scorecard.gmina_scorecard` of the network, written as
        the "Karta gminy" sheet (and summarised on the key-figures sheet).
    key_figures
        Write the "Najważniejsze" (key figures) sheet after the summary.

    Returns
    -------
    pathlib.Path
        The file written.
    """
    path = Path(path)
    info = info or ReportInfo()
    names = list(order) if order is not None else ordered_results(results)
    wb = Workbook(write_only=True)
    summary = wb.create_sheet(t("summary", lang))
    highlights = (
        wb.create_sheet(KEY_SHEETS["highlights"][0 if lang == "pl" else 1]) if key_figures else None
    )
    card_sheet = None
    if scorecard is not None:
        card = wb.create_sheet(KEY_SHEETS["scorecard"][0 if lang == "pl" else 1])
        write_scorecard(card, scorecard, lang=lang, min_count=min_count)
        card_sheet = card.title
    if highlights is not None:
        write_highlights(
            highlights,
            results,
            scorecard,
            lang=lang,
            min_count=min_count,
            scorecard_sheet=card_sheet,
        )
    taken = {ws.title for ws in wb.worksheets} | {t("columns_sheet", lang)[:31]}
    written: list[tuple[str, str, int, int]] = []
    guide: list[tuple[str, str, str, str, str]] = []
    for code, label, _ in network_measures(results.get("network"), lang):
        text = column_text("network", code, lang)
        guide.append((result_title("network", lang), code, label, text.description, text.reference))
    layout = national_layout(results, names, max_cells=max_cells, top_rows=top_rows)
    notes: list[str] = []
    for name in names:
        frame, ranked_by = layout[name]
        table = display_table(name, frame, lang=lang, min_count=min_count)
        sheet = sheet_name(name, lang, taken)
        ws = wb.create_sheet(sheet)
        rows = _write_table(ws, table, max_rows=max_rows)
        total = len(results[name])
        written.append((sheet, name, rows, total))
        if ranked_by is not None:
            key = column_text(name, ranked_by, lang).label
            notes.append(
                t("rows_top_xlsx", lang).format(
                    sheet=sheet, shown=rows, total=total, key=key, code=name
                )
            )
        elif rows < total:
            notes.append(
                t("rows_truncated_xlsx", lang).format(sheet=sheet, shown=rows, total=total)
            )
        for column in table.frame.columns:
            text = column_text(name, str(column), lang)
            guide.append((sheet, str(column), text.label, text.description, text.reference))
    _write_summary(
        summary,
        title=title or t("report_title", lang),
        info=info,
        measures=network_measures(_suppressed_network(results, min_count), lang),
        sheets=written,
        lang=lang,
        min_count=min_count,
        notes=notes,
    )
    guide_ws = wb.create_sheet(t("columns_sheet", lang)[:31])
    _print_setup(guide_ws)
    _write_guide(guide_ws, guide, lang)
    for ws in wb.worksheets:
        _print_setup(ws)
        _header_footer(ws, info, lang)
    wb.save(path)
    return path
