"""The two sheets of the workbook people print: "Najważniejsze" (key figures) and "Karta gminy".

*Najważniejsze / Key figures* holds, on one landscape page or two, the
gminas by status, the top actors, the largest co-serving gaps and the gminas
with the most serious gaps, with native Excel charts (top actors'
betweenness, gaps per gmina, sector mixing as E-I index). *Karta gminy /
Gmina scorecard* is :func:`kokon_graph.analysis.scorecard.gmina_scorecard`
with its status coloured. Both take their numbers from the results as they
are (family counts suppressed as everywhere else); they compute nothing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cache
from typing import Any, Final

import pandas as pd
from openpyxl.cell import WriteOnlyCell
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import column_index_from_string, get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.pagebreak import Break

from kokon_graph import model
from kokon_graph.analysis.scorecard import COLUMNS as SCORECARD_COLUMNS
from kokon_graph.analysis.scorecard import STATUS_LABELS, reasons_text
from kokon_graph.model import Lang
from kokon_graph.report._text import sheet_name, t
from kokon_graph.report.suppress import marker

__all__ = ["KEY_SHEETS", "fit_height", "write_highlights", "write_scorecard"]

#: Sheet names: key figures and the gmina scorecard.
KEY_SHEETS: Final[dict[str, tuple[str, str]]] = {
    "highlights": ("Najważniejsze", "Key figures"),
    "scorecard": ("Karta gminy", "Gmina scorecard"),
}

_TEXT: Final[dict[str, tuple[str, str]]] = {
    "title": ("Najważniejsze wyniki", "Key figures"),
    "status_counts": ("Gminy według stanu", "Gminas by status"),
    "gminas": ("gminy", "gminas"),
    "top_actors": ("Najważniejsi aktorzy (pośrednictwo)", "Top actors (betweenness)"),
    "name": ("nazwa", "name"),
    "type": ("typ", "type"),
    "sector": ("sektor", "sector"),
    "degree": ("powiązania", "ties"),
    "betweenness": ("pośrednictwo", "betweenness"),
    "co_serving": (
        "Największe luki: wspólne rodziny bez współpracy",
        "Largest gaps: shared families without a tie",
    ),
    "institution_a": ("instytucja", "institution"),
    "institution_b": ("instytucja", "institution"),
    "shared": ("wspólne rodziny", "shared families"),
    "worst": ("Gminy z najpoważniejszymi lukami", "Gminas with the most serious gaps"),
    "more": ("… i {n} więcej (pełna tabela w arkuszu {sheet})", "… and {n} more (sheet {sheet})"),
    "chart_actors": ("Pośrednictwo", "Betweenness"),
    "chart_gaps": ("Luki według gmin", "Gaps per gmina"),
    "mixing": (
        "Mieszanie sektorów: indeks E-I (1 = tylko więzi z innymi sektorami)",
        "Sector mixing: E-I index (1 = ties to other sectors only)",
    ),
    "chart_mixing": ("Indeks E-I według sektorów", "E-I index by sector"),
    "ei": ("indeks E-I", "E-I index"),
    "none": ("brak", "none"),
}

_TOP: Final = 10
#: Points per line of wrapped text (Calibri 11).
_LINE: Final = 15.0
_BOLD = Font(name="Calibri", bold=True)
_TITLE = Font(name="Calibri", bold=True, size=14)
_HEAD_FONT = Font(name="Calibri", bold=True, color="FFFFFF")
_HEAD_FILL = PatternFill("solid", fgColor="1F4E79")
_WRAP = Alignment(wrap_text=True, vertical="top")
_RIGHT = Alignment(horizontal="right", vertical="top")
_TOP_ALIGN = Alignment(vertical="top")
#: Status colours (fills readable in black and white print too).
STATUS_FILLS: Final[dict[str, str]] = {"green": "C6EFCE", "amber": "FFEB9C", "red": "FFC7CE"}


def _t(key: str, lang: Lang) -> str:
    return _TEXT[key][0 if lang == "pl" else 1]


def _cell(ws: WriteOnlyWorksheet, value: Any, **style: Any) -> WriteOnlyCell:
    if isinstance(value, float) and value != value:
        value = None
    cell = WriteOnlyCell(ws, value=value)
    if isinstance(value, str):
        cell.data_type = "s"
    style.setdefault("alignment", _TOP_ALIGN)
    for key, val in style.items():
        setattr(cell, key, val)
    return cell


def _head(ws: WriteOnlyWorksheet, labels: Sequence[str]) -> None:
    ws.append(
        [_cell(ws, label, font=_HEAD_FONT, fill=_HEAD_FILL, alignment=_WRAP) for label in labels]
    )


def _count(ws: WriteOnlyWorksheet, value: Any, min_count: int) -> WriteOnlyCell:
    """A family count: the number, ``<3`` for 1 and 2, 0 for none."""
    number = int(value)
    if 0 < number < min_count:
        return _cell(ws, marker(min_count), alignment=_RIGHT)
    return _cell(ws, number, number_format="#,##0")


#: Columns of the key-figures sheet: the tables (A-E), a gap (F), a side panel (G-H).
#: (Floats: openpyxl converts anything else inside a bare ``except``, which turns a Ctrl-C
#: arriving there into a TypeError.)
_HIGHLIGHT_WIDTHS: Final = {
    "A": 58.0,
    "B": 40.0,
    "C": 34.0,
    "D": 11.0,
    "E": 13.0,
    "F": 2.0,
    "G": 34.0,
    "H": 10.0,
}
#: The status counts and the E-I table stand in the side panel, beside the tables.
_SIDE: Final = ("G", "H")
#: How much wider bold text is than regular (DejaVu Sans Bold against Book).
_BOLD_WIDER: Final = 1.1
#: Room lost in a cell of ``width`` digits: the cell's margins (and a little to spare).
_CELL_MARGIN: Final = 0.1


@cache
def _advance(char: str) -> float:
    """How wide ``char`` is, in widths of the digit 0 (the unit of a column's width), in
    DejaVu Sans: matplotlib ships it (so every machine measures alike), LibreOffice prints
    with it where Calibri is missing, and Calibri is narrower (so a row is never short)."""
    font = _font()
    return float(font.load_char(ord(char), flags=_hinting()).linearHoriAdvance) / _font_zero()


@cache
def _font() -> Any:
    from pathlib import Path

    import matplotlib
    from matplotlib.ft2font import FT2Font

    font = FT2Font(str(Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"))
    font.set_size(11, 72)
    return font


@cache
def _font_zero() -> float:
    return float(_font().load_char(ord("0"), flags=_hinting()).linearHoriAdvance)


def _hinting() -> Any:
    """Widths as designed, not fitted to a screen's pixels."""
    from matplotlib.ft2font import LoadFlags

    return LoadFlags.NO_HINTING


def text_lines(text: str, width: float) -> int:
    """The lines ``text`` takes wrapped in a cell ``width`` digits wide: words are moved to
    the next line where they do not fit (a word longer than the line is broken), each line
    break in the text starts a line.

    >>> text_lines("Ośrodek Pomocy Społecznej Dzielnicy Praga-Północ m.st. Warszawy", 58)
    1
    >>> text_lines("Ośrodek Pomocy Społecznej Dzielnicy Praga-Północ m.st. Warszawy", 40)
    2
    """
    room = max(width - _CELL_MARGIN, 1.0)
    space = _advance(" ")
    lines = 0
    for part in text.split("\n"):
        lines += 1
        used = 0.0
        for word in part.split():
            size = sum(_advance(c) for c in word)
            if used and used + space + size > room:
                lines += 1
                used = 0.0
            used = used + space + size if used else size
            while used > room:  # a word wider than the line
                lines += 1
                used -= room
    return lines


class _Grid:
    """Cells placed by row and column, appended row by row (a streamed sheet is written
    top to bottom), so that tables can stand side by side."""

    def __init__(self, ws: WriteOnlyWorksheet) -> None:
        self.ws = ws
        self.rows: dict[int, dict[str, WriteOnlyCell]] = {}
        self.heights: dict[int, float] = {}

    def put(self, row: int, column: str, value: Any, **style: Any) -> None:
        self.rows.setdefault(row, {})[column] = _cell(self.ws, value, **style)

    def head(self, row: int, columns: str, labels: Sequence[str]) -> None:
        for column, label in zip(columns, labels, strict=True):
            self.put(row, column, label, font=_HEAD_FONT, fill=_HEAD_FILL, alignment=_WRAP)

    def wrapped(self, row: int, column: str, text: str, width: float, **style: Any) -> None:
        """``text`` wrapped in a cell ``width`` characters wide, its row made tall enough
        (spreadsheets do not grow rows of a file they open)."""
        self.put(row, column, text, alignment=_WRAP, **style)
        lines = text_lines(text, width)
        self.heights[row] = max(self.heights.get(row, _LINE), _LINE * lines)

    def write(self) -> int:
        """Append every row; return the last row's number."""
        last = max(self.rows, default=0)
        for row, height in self.heights.items():
            if height > _LINE:
                self.ws.row_dimensions[row].height = height
        for row in range(1, last + 1):
            cells = self.rows.get(row, {})
            used = max((column_index_from_string(c) for c in cells), default=0)
            self.ws.append(
                [cells.get(get_column_letter(i)) for i in range(1, used + 1)] if cells else []
            )
        return last


def write_highlights(
    ws: WriteOnlyWorksheet,
    results: Mapping[str, pd.DataFrame],
    scorecard: pd.DataFrame | None,
    *,
    lang: Lang,
    min_count: int,
    scorecard_sheet: str | None,
) -> None:
    """Fill the key-figures sheet for two landscape pages at most: the tables on the first
    (the status counts and the E-I index beside the others), the charts on the second."""
    for letter, width in _HIGHLIGHT_WIDTHS.items():
        ws.column_dimensions[letter].width = width
    print_setup(ws, pages_tall=2)
    ws.page_margins = PageMargins(left=0.4, right=0.4, top=0.75, bottom=0.75)
    grid = _Grid(ws)
    grid.put(1, "A", _t("title", lang), font=_TITLE)
    charts: list[BarChart] = []
    side = 3
    if scorecard is not None and len(scorecard):
        grid.put(side, _SIDE[0], _t("status_counts", lang), font=_BOLD)
        counts = scorecard["status"].value_counts()
        for i, status in enumerate(("red", "amber", "green"), start=side + 1):
            label = STATUS_LABELS[status][0 if lang == "pl" else 1]
            fill = PatternFill("solid", fgColor=STATUS_FILLS[status])
            grid.put(i, _SIDE[0], label, fill=fill)
            grid.put(i, _SIDE[1], int(counts.get(status, 0)))
        side += 5
    mixing = results.get("mixing_groups")
    sectors = mixing[mixing["partition"] == "sector"] if mixing is not None else None
    if sectors is not None and len(sectors):
        title, note = _t("mixing", lang).split(" (", 1)
        grid.put(side, _SIDE[0], title, font=_BOLD)
        grid.put(side + 1, _SIDE[0], f"({note}")
        grid.head(side + 2, "GH", [_t("sector", lang), _t("ei", lang)])
        first = side + 3
        for i, r in enumerate(sectors.itertuples(), start=first):
            grid.put(i, "G", model.SECTORS.label(str(r.group), lang))
            grid.put(i, "H", float(r.ei_index), number_format="0.00")
        charts.append(_bar_chart(ws, _t("chart_mixing", lang), "H", "G", first, i))
        side = i
    row = 3
    centrality = results.get("centrality")
    if centrality is not None and len(centrality):
        top = centrality.sort_values(
            ["betweenness", "degree", "id"], ascending=[False, False, True], kind="stable"
        ).head(_TOP)
        grid.put(row, "A", _t("top_actors", lang), font=_BOLD)
        grid.head(row + 1, "ABCDE", [_t(k, lang) for k in _ACTOR_COLUMNS])
        first = row + 2
        for i, r in enumerate(top.itertuples(), start=first):
            grid.wrapped(i, "A", str(r.name), _HIGHLIGHT_WIDTHS["A"])
            grid.put(i, "B", model.INSTITUTION_TYPES.label(str(r.type), lang))
            grid.put(i, "C", model.SECTORS.label(str(r.sector), lang))
            grid.put(i, "D", int(r.degree), number_format="#,##0")
            grid.put(i, "E", float(r.betweenness), number_format="0.000")
        charts.insert(0, _bar_chart(ws, _t("chart_actors", lang), "E", "A", first, i))
        row = i + 2
    co = results.get("gaps_co_serving")
    if co is not None:
        grid.put(row, "A", _t("co_serving", lang), font=_BOLD)
        heads = [_t(k, lang) for k in ("institution_a", "institution_b")]
        grid.head(row + 1, "ABD", [*heads, _t("shared", lang)])
        grid.heights[row + 1] = 2 * _LINE  # "wspólne rodziny" in a narrow column
        ws.merged_cells.add(f"B{row + 1}:C{row + 1}")
        row += 2
        wide = _HIGHLIGHT_WIDTHS["B"] + _HIGHLIGHT_WIDTHS["C"]
        for r in co.head(_TOP).itertuples():  # the second name across B:C
            grid.wrapped(row, "A", str(r.source_name), _HIGHLIGHT_WIDTHS["A"])
            grid.wrapped(row, "B", str(r.target_name), wide)
            ws.merged_cells.add(f"B{row}:C{row}")
            grid.rows[row]["D"] = _count(ws, r.shared_families, min_count)
            row += 1
        if len(co) > _TOP:
            grid.put(row, "A", _t("more", lang).format(n=len(co) - _TOP, sheet=_gap_sheet(lang)))
            row += 1
        if co.empty:
            grid.put(row, "A", _t("none", lang))
            row += 1
        row += 1
    if scorecard is not None and len(scorecard) and scorecard_sheet:
        worst = scorecard[scorecard["status"] != "green"].head(_TOP)
        grid.put(row, "A", _t("worst", lang), font=_BOLD)
        labels = {c: doc.pl if lang == "pl" else doc.en for c, doc in SCORECARD_COLUMNS.items()}
        # the reasons across C:E, or C:H below the side panel
        end = "H" if row > side else "E"
        grid.head(row + 1, "ABC", [labels["gmina_name"], labels["status"], labels["reasons"]])
        ws.merged_cells.add(f"C{row + 1}:{end}{row + 1}")
        row += 2
        reasons_width = sum(w for c, w in _HIGHLIGHT_WIDTHS.items() if "C" <= c <= end)
        for r in worst.itertuples():
            fill = PatternFill("solid", fgColor=STATUS_FILLS[str(r.status)])
            grid.put(row, "A", str(r.gmina_name))
            grid.put(row, "B", STATUS_LABELS[str(r.status)][0 if lang == "pl" else 1], fill=fill)
            grid.wrapped(row, "C", reasons_text(str(r.reasons), lang), reasons_width)
            ws.merged_cells.add(f"C{row}:{end}{row}")
            row += 1
        charts.insert(min(1, len(charts)), _gaps_chart(ws, scorecard_sheet, len(scorecard), lang))
    last = grid.write()
    if not charts:
        return
    ws.row_breaks.append(Break(id=last))  # the charts on a page of their own
    top = last + 2
    for i, chart in enumerate(charts):  # two side by side, the third below
        chart.height, chart.width = 10.0, 17.0
        ws.add_chart(chart, f"{'AC'[i % 2]}{top + 22 * (i // 2)}")


_ACTOR_COLUMNS: Final = ("name", "type", "sector", "degree", "betweenness")


def _bar_chart(
    ws: WriteOnlyWorksheet,
    title: str,
    values: str,
    categories: str,
    first: int,
    last: int,
) -> BarChart:
    """Horizontal bars of column ``values`` (rows ``first`` to ``last``), the first on top."""
    chart = BarChart()
    chart.type = "bar"
    chart.title = title
    chart.legend = None
    col = column_index_from_string(values)
    chart.add_data(Reference(ws, min_col=col, min_row=first, max_row=last), titles_from_data=False)
    cats = column_index_from_string(categories)
    chart.set_categories(Reference(ws, min_col=cats, min_row=first, max_row=last))
    chart.x_axis.scaling.orientation = "maxMin"
    return chart


def fit_height(ws: WriteOnlyWorksheet, row: int, *cells: tuple[str, float]) -> None:
    """Make row ``row`` tall enough for each ``(text, width)`` of ``cells``: the text wrapped
    in a column ``width`` characters wide (spreadsheets do not grow rows of a file they open,
    and wrapped text would print over the next row). Call before the row is appended."""
    lines = max((text_lines(text, width) for text, width in cells), default=1)
    if lines > 1:
        ws.row_dimensions[row].height = _LINE * lines


def print_setup(ws: WriteOnlyWorksheet, *, pages_tall: int = 0) -> None:
    """Landscape A4, one page wide (and ``pages_tall`` pages tall at most; 0: as many as
    it takes). Set before the first row: a streamed sheet writes its fit-to-page flag at
    its head."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = 9
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = pages_tall


def _gap_sheet(lang: Lang) -> str:
    return sheet_name("gaps_co_serving", lang)


def _gaps_chart(ws: WriteOnlyWorksheet, sheet: str, rows: int, lang: Lang) -> BarChart:
    """Stacked bars per gmina from the scorecard sheet: sectors unlinked and absent, pairs."""
    columns = list(SCORECARD_COLUMNS)
    chart = BarChart()
    chart.type = "bar"
    chart.grouping = "stacked"
    chart.overlap = 100
    chart.title = _t("chart_gaps", lang)
    shown = min(rows, 25)
    source = ws.parent[sheet]
    for code in ("sectors_unlinked", "sectors_absent", "co_serving_gaps"):
        col = columns.index(code) + 1
        chart.add_data(
            Reference(
                source, min_col=col, min_row=_SCORECARD_HEADER, max_row=_SCORECARD_HEADER + shown
            ),
            titles_from_data=True,
        )
    name_col = columns.index("gmina_name") + 1
    chart.set_categories(
        Reference(
            source,
            min_col=name_col,
            min_row=_SCORECARD_HEADER + 1,
            max_row=_SCORECARD_HEADER + shown,
        )
    )
    chart.x_axis.scaling.orientation = "maxMin"
    return chart


_CARD_WIDTHS: Final = {"gmina": 10, "gmina_name": 24, "status": 10, "reasons": 40}
#: Row of the scorecard sheet's header (title and note above it).
_SCORECARD_HEADER: Final = 4


def write_scorecard(
    ws: WriteOnlyWorksheet, scorecard: pd.DataFrame, *, lang: Lang, min_count: int
) -> None:
    """Fill the scorecard sheet: a title, a note on the status, then one row per gmina."""
    columns = list(SCORECARD_COLUMNS)
    labels = [doc.pl if lang == "pl" else doc.en for doc in SCORECARD_COLUMNS.values()]
    for i, code in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(i)].width = float(_CARD_WIDTHS.get(code, 12))
    print_setup(ws)
    ws.freeze_panes = f"C{_SCORECARD_HEADER + 1}"
    ws.print_title_rows = f"{_SCORECARD_HEADER}:{_SCORECARD_HEADER}"
    last = get_column_letter(len(columns))
    ws.auto_filter.ref = f"A{_SCORECARD_HEADER}:{last}{_SCORECARD_HEADER + len(scorecard)}"
    ws.append([_cell(ws, t("scorecard", lang), font=_TITLE)])
    ws.append([_cell(ws, t("scorecard_note", lang))])
    ws.append([])
    # the header's labels wrapped in their columns (bold: about a tenth wider)
    header_lines = (
        text_lines(label, float(_CARD_WIDTHS.get(code, 12)) / _BOLD_WIDER)
        for code, label in zip(columns, labels, strict=True)
    )
    ws.row_dimensions[_SCORECARD_HEADER].height = _LINE * max(header_lines)
    _head(ws, labels)
    for row, record in enumerate(scorecard.itertuples(index=False), start=_SCORECARD_HEADER + 1):
        values = dict(zip(columns, record, strict=True))
        fit_height(ws, row, (reasons_text(str(values["reasons"]), lang), _CARD_WIDTHS["reasons"]))
        fill = PatternFill("solid", fgColor=STATUS_FILLS[str(values["status"])])
        cells = []
        for code in columns:
            value = values[code]
            if code == "status":
                cells.append(
                    _cell(ws, STATUS_LABELS[str(value)][0 if lang == "pl" else 1], fill=fill)
                )
            elif code == "reasons":
                cells.append(_cell(ws, reasons_text(str(value), lang), alignment=_WRAP))
            elif code in ("gmina", "gmina_name"):
                cells.append(_cell(ws, str(value)))
            elif code in ("unanswered", "referrals"):
                cells.append(_count(ws, value, min_count))
            elif code == "median_days":
                hidden = 0 < int(values["referrals"]) < min_count
                cells.append(
                    _cell(ws, marker(min_count), alignment=_RIGHT)
                    if hidden and pd.notna(value)
                    else _cell(ws, None if pd.isna(value) else float(value), number_format="0.0")
                )
            elif code == "density":
                cells.append(
                    _cell(ws, None if pd.isna(value) else float(value), number_format="0.000")
                )
            else:
                cells.append(_cell(ws, int(value), number_format="#,##0"))
        ws.append(cells)
