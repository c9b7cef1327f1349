"""Fill a form programmatically, as a respondent would in Excel.

Used by the tests, the benchmark and the script that builds the bundled example
of filled forms; also handy to move answers collected on paper into the forms.
Values are written as given (a typo or a rating of 5 stays one), so the
importer's checks see what a person could type.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from kokon_graph._output import staged_file
from kokon_graph.survey.forms import META_SHEET

__all__ = ["fill_form"]


def fill_form(
    path: str | Path,
    answers: Mapping[str, Mapping[str, Any]],
    *,
    free: Sequence[Mapping[str, Any]] = (),
    role: str | None = None,
    date: dt.date | None = None,
    out: str | Path | None = None,
) -> Path:
    """Write answers into a form and save it (to ``out``, by default in place).

    Parameters
    ----------
    path
        A form written by :func:`kokon_graph.survey.write_forms`.
    answers
        ``{partner_id: {column key: value}}`` with the keys of the CSV
        template (``cooperates``, ``kind_information``, ``frequency``,
        ``since``, ``trust_reliability``, ...).
    free
        Rows for partners not on the list: ``partner_name``,
        ``partner_type``, ``partner_place`` and answers.
    role, date
        The instruction sheet's role and date cells.
    """
    wb = load_workbook(path)
    meta = {str(r[0]): r[1] for r in wb[META_SHEET].iter_rows(max_col=2, values_only=True) if r[0]}
    ws = wb[str(meta["partners_sheet"])]
    keys = str(meta["columns"]).split("|")
    col = {k: i for i, k in enumerate(keys, start=1)}
    first, n = int(meta["first_row"]), int(meta["partners"])
    row_of = {ws.cell(row=r, column=col["partner_id"]).value: r for r in range(first, first + n)}
    for partner, values in answers.items():
        r = row_of[partner]
        for key, value in values.items():
            ws.cell(row=r, column=col[key], value=value)
    free_first = int(meta["free_first_row"])
    for offset, values in enumerate(free):
        for key, value in values.items():
            ws.cell(row=free_first + offset, column=col[key], value=value)
    sheet = wb[str(meta["instructions_sheet"])]
    if role is not None:
        sheet[str(meta["role_cell"])] = role
    if date is not None:
        sheet[str(meta["date_cell"])] = date
    target = Path(out) if out is not None else Path(path)
    with staged_file(target) as tmp:
        wb.save(tmp)
    return target
