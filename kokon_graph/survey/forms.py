"""Survey forms out: one protected XLSX questionnaire per institution, and a CSV template.

A form has three sheets:

``Instrukcja`` / ``Instructions``
    who the form is for, how to fill it, the rating scale; the respondent's role
    (never a name) and the date are its only answer cells.
``Partnerzy`` / ``Partners``
    every candidate partner (the institutions of the scope, the higher-level
    institutions serving it included, the respondent left out) with drop-down
    answer columns, then free rows for partners not on the list.
``_form`` (very hidden)
    the form's identity (dataset, scope, wave, respondent, form version), the
    row layout the importer reads, and the drop-down lists.

The sheets are protected: only the answer cells (yellow) are unlocked. The
answer columns are unlocked by a column style rather than cell by cell, which is
what keeps a powiat's 400 forms of 400 rows each within seconds.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final
from xml.sax.saxutils import escape as xml_escape

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from kokon_graph import model
from kokon_graph._output import staged_folder
from kokon_graph.errors import KokonError, ScopeError
from kokon_graph.graph import Scope, scope_dataset
from kokon_graph.io import Dataset
from kokon_graph.labels import short_labels
from kokon_graph.model import Lang, normalize_token
from kokon_graph.survey._vocab import (
    ANSWER_COLUMNS,
    FORM_VERSION,
    FREQUENCIES,
    KIND_CODES,
    RATING_CODES,
    RATING_SCALE,
    YES_NO,
    kind_help,
    rating_question,
    text,
)

__all__ = [
    "FORM_MARKER",
    "FREE_ROWS",
    "HEADER_ROW",
    "MANIFEST",
    "META_SHEET",
    "TEMPLATE",
    "FormSet",
    "candidates",
    "form_file_name",
    "template_columns",
    "write_forms",
]

#: Name of the very hidden sheet that identifies a form.
META_SHEET: Final = "_form"
#: Value of the ``kokon_form`` key of that sheet.
FORM_MARKER: Final = "kokon-graph survey form"
#: Row of the partner sheet's header (the list starts below it).
HEADER_ROW: Final = 4
#: Free rows for partners not on the list.
FREE_ROWS: Final = 10
#: The manifest a forms folder holds: what was sent to whom.
MANIFEST: Final = "survey.json"
#: The long CSV template beside the forms.
TEMPLATE: Final = "template.csv"

_YELLOW: Final = PatternFill("solid", fgColor="FFF2CC")
_GREY: Final = PatternFill("solid", fgColor="D9E1F2")
_THIN: Final = Side(style="thin", color="A6A6A6")
_BOX: Final = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WRAP: Final = Alignment(wrap_text=True, vertical="top")
_LEVEL_ORDER: Final = {"gmina": 0, "powiat": 1, "voivodeship": 2, "national": 3}
_FIRST_YEAR: Final = 1990


@dataclass(frozen=True)
class FormSet:
    """What :func:`write_forms` wrote.

    Attributes
    ----------
    folder
        The output folder: ``survey.json``, ``template.csv`` and ``forms/*.xlsx``.
    respondents
        One row per form: ``id``, ``name``, ``type``, ``sector``, ``gmina``,
        ``place``, ``file``.
    """

    folder: Path
    respondents: pd.DataFrame


def _slug(name: str, limit: int = 40) -> str:
    slug = normalize_token(name).replace(" ", "-")
    return slug[:limit].rstrip("-") or "instytucja"


def form_file_name(institution_id: str, name: str) -> str:
    """The file a form is written to: a slug of the institution's short label (or name)
    plus its id.

    >>> form_file_name("0609812-OPS", "GOPS Wólka")
    'gops-wolka_0609812-OPS.xlsx'
    """
    safe_id = re.sub(r"[^0-9A-Za-z_.-]+", "-", institution_id)
    return f"{_slug(name)}_{safe_id}.xlsx"


def _place(teryt: str, names: dict[str, str]) -> str:
    for length in (7, 4, 2):
        if len(teryt) >= length and teryt[:length] in names:
            return names[teryt[:length]]
    return teryt


def candidates(dataset: Dataset, scope: Scope | str, *, lang: Lang = "pl") -> pd.DataFrame:
    """The institutions a survey of ``scope`` asks about (and sends forms to).

    Those of the territory plus the powiat- and voivodeship-level institutions
    serving it, gmina level first, then by place, type and name.

    Returns
    -------
    DataFrame
        ``id``, ``name``, ``type``, ``type_label``, ``sector``, ``level``,
        ``gmina`` (7-digit code or empty), ``place`` (territory name).

    Raises
    ------
    ScopeError
        If the scope is not a territory or holds no institution.
    """
    parsed = Scope.parse(str(scope)) if not isinstance(scope, Scope) else scope
    if parsed.kind not in ("gmina", "powiat"):
        raise ScopeError(
            f"a survey covers a gmina or a powiat, not {parsed}",
            hint="use --scope gmina:CODE or --scope powiat:CODE",
        )
    part = scope_dataset(dataset, parsed)
    names = dict(zip(dataset.territories["teryt"], dataset.territories["name"], strict=True))
    inst = part.institutions
    out = pd.DataFrame(
        {
            "id": inst["id"].astype(str),
            "name": inst["name"].astype(str),
            "type": inst["type"].astype(str),
            "type_label": inst["type"].map(lambda t: model.INSTITUTION_TYPES.label(t, lang)),
            "sector": inst["sector"].astype(str),
            "level": inst["level"].astype(str),
            "gmina": inst["teryt"].map(lambda t: t if len(t) == 7 else ""),
            "place": inst["teryt"].map(lambda t: _place(t, names)),
        }
    )
    out["_order"] = out["level"].map(lambda v: _LEVEL_ORDER.get(v, 9))
    out["_teryt"] = inst["teryt"].astype(str)
    type_order = {code: i for i, code in enumerate(model.INSTITUTION_TYPES.codes)}
    out["_type"] = out["type"].map(lambda t: type_order.get(t, len(type_order)))
    out = out.sort_values(["_order", "_teryt", "_type", "name", "id"], kind="stable")
    return out.drop(columns=["_order", "_teryt", "_type"]).reset_index(drop=True)


@dataclass(frozen=True)
class _Lists:
    """Where each drop-down list sits on the hidden sheet."""

    yes_no: str
    frequency: str
    years: str
    ratings: str
    types: str
    roles: str


def _write_lists(meta: Worksheet, lang: Lang, year: int) -> _Lists:
    columns: dict[str, list[str | int]] = {
        "yes_no": [YES_NO.label("yes", lang), YES_NO.label("no", lang)],
        "frequency": [t.label(lang) for t in FREQUENCIES if t.code != model.OTHER],
        "years": list(range(year, _FIRST_YEAR - 1, -1)),
        "ratings": [1, 2, 3, 4],
        "types": [t.label(lang) for t in model.INSTITUTION_TYPES],
        "roles": [t.label(lang) for t in model.PERSON_ROLES],
    }
    refs: dict[str, str] = {}
    for offset, (key, values) in enumerate(columns.items()):
        col = get_column_letter(4 + offset)
        meta.cell(row=1, column=4 + offset, value=key)
        for i, value in enumerate(values, start=2):
            meta.cell(row=i, column=4 + offset, value=value)
        refs[key] = f"'{META_SHEET}'!${col}$2:${col}${len(values) + 1}"
    return _Lists(**refs)


def _validation(formula: str, lang: Lang, message_key: str = "bad_choice") -> DataValidation:
    dv = DataValidation(type="list", formula1=formula, allow_blank=True)
    dv.error = text(message_key, lang)
    dv.errorTitle = text("title", lang)
    dv.showErrorMessage = True
    return dv


def _columns_by_key() -> dict[str, int]:
    return {c.key: i for i, c in enumerate(ANSWER_COLUMNS, start=1)}


def _fit_width(ws: Worksheet, *, portrait: bool) -> None:
    ws.page_setup.orientation = "portrait" if portrait else "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    if ws.sheet_properties.pageSetUpPr is not None:
        ws.sheet_properties.pageSetUpPr.fitToPage = True


def _instructions(
    ws: Worksheet,
    respondent: dict[str, str],
    *,
    scope_label: str,
    wave: str,
    lang: Lang,
    lists: _Lists,
) -> tuple[str, str]:
    ws.column_dimensions["A"].width = 34
    ws.column_dimensions["B"].width = 70
    ws["A1"] = text("title", lang)
    ws["A1"].font = Font(bold=True, size=14)
    rows: list[tuple[str, str]] = [
        (text("for", lang), respondent["name"]),
        (text("place", lang), respondent["place"]),
        (text("scope", lang), scope_label),
        (text("wave", lang), wave),
    ]
    r = 3
    for label, value in rows:
        ws.cell(row=r, column=1, value=label).font = Font(bold=True)
        ws.cell(row=r, column=2, value=value)
        r += 1
    role_cell, date_cell = f"B{r}", f"B{r + 1}"
    ws.cell(row=r, column=1, value=text("role", lang)).font = Font(bold=True)
    ws.cell(row=r + 1, column=1, value=text("date", lang)).font = Font(bold=True)
    for ref in (role_cell, date_cell):
        ws[ref].fill = _YELLOW
        ws[ref].border = _BOX
        ws[ref].protection = Protection(locked=False)
    ws[date_cell].number_format = "DD.MM.YYYY"
    role_dv = _validation(lists.roles, lang)
    role_dv.add(role_cell)
    date_dv = DataValidation(
        type="date", operator="between", formula1="DATE(2000,1,1)", formula2="DATE(2100,12,31)"
    )
    date_dv.allow_blank = True
    date_dv.add(date_cell)
    ws.add_data_validation(role_dv)
    ws.add_data_validation(date_dv)
    r += 3
    ws.cell(row=r, column=1, value=text("how_title", lang)).font = Font(bold=True, size=12)
    r += 1
    for line in text("how", lang).split("|"):
        cell = ws.cell(row=r, column=1, value=line)
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=2)
        cell.alignment = _WRAP
        ws.row_dimensions[r].height = 32
        r += 1
    r += 1
    ws.cell(row=r, column=1, value=text("kinds_title", lang)).font = Font(bold=True, size=12)
    r += 1
    for code in KIND_CODES:
        ws.cell(row=r, column=1, value=model.COOPERATION_KINDS.label(code, lang))
        ws.cell(row=r, column=2, value=kind_help(code, lang))
        r += 1
    r += 1
    ws.cell(row=r, column=1, value=text("questions_title", lang)).font = Font(bold=True, size=12)
    r += 1
    headers = {c.key: c.header(lang) for c in ANSWER_COLUMNS}
    for code in RATING_CODES:
        ws.cell(row=r, column=1, value=headers[code])
        ws.cell(row=r, column=2, value=rating_question(code, lang))
        r += 1
    r += 1
    ws.cell(row=r, column=1, value=text("scale_title", lang)).font = Font(bold=True, size=12)
    r += 1
    for score, labels in RATING_SCALE.items():
        ws.cell(row=r, column=1, value=score).alignment = Alignment(horizontal="left")
        ws.cell(row=r, column=2, value=labels[0] if lang == "pl" else labels[1])
        r += 1
    _fit_width(ws, portrait=True)
    ws.print_area = f"A1:B{r}"
    ws.protection.sheet = True
    return role_cell, date_cell


def _partners(
    ws: Worksheet, partners: pd.DataFrame, *, lang: Lang, lists: _Lists
) -> tuple[int, int]:
    cols = _columns_by_key()
    ws["A1"] = text("partners_title", lang)
    ws["A1"].font = Font(bold=True, size=13)
    ws["A2"] = text("partners_help", lang)
    widths = {"partner_id": 14, "partner_name": 60, "partner_type": 34, "partner_place": 20}
    widths["cooperates"] = 17
    for column in ANSWER_COLUMNS:
        i = cols[column.key]
        letter = get_column_letter(i)
        ws.column_dimensions[letter].width = widths.get(column.key, 14)
        head = ws.cell(row=HEADER_ROW, column=i, value=column.header(lang))
        head.font = Font(bold=True)
        head.fill = _GREY
        head.alignment = Alignment(wrap_text=True, vertical="center")
        head.border = _BOX
        if column.answer:
            ws.column_dimensions[letter].fill = _YELLOW
            ws.column_dimensions[letter].protection = Protection(locked=False)
    ws.row_dimensions[HEADER_ROW].height = 45
    first = HEADER_ROW + 1
    last = first + len(partners) - 1
    for r, row in enumerate(
        partners[["id", "name", "type_label", "place"]].itertuples(index=False), start=first
    ):
        ws.cell(row=r, column=1, value=row[0])
        ws.cell(row=r, column=2, value=row[1])
        ws.cell(row=r, column=3, value=row[2])
        ws.cell(row=r, column=4, value=row[3])
    sep = max(last, HEADER_ROW) + 2
    label = ws.cell(row=sep, column=2, value=text("other_rows", lang))
    label.font = Font(bold=True)
    for i in range(1, len(ANSWER_COLUMNS) + 1):
        cell = ws.cell(row=sep, column=i)
        cell.fill = _GREY
        cell.protection = Protection(locked=True)
    free_first = sep + 1
    free_last = free_first + FREE_ROWS - 1
    for r in range(free_first, free_last + 1):
        for key in ("partner_name", "partner_type", "partner_place"):
            cell = ws.cell(row=r, column=cols[key])
            cell.fill = _YELLOW
            cell.border = _BOX
            cell.protection = Protection(locked=False)
    blocks = [f"{{col}}{first}:{{col}}{last}"] if len(partners) else []
    blocks.append(f"{{col}}{free_first}:{{col}}{free_last}")

    def add(dv: DataValidation, key: str) -> None:
        letter = get_column_letter(cols[key])
        for block in blocks:
            dv.add(block.format(col=letter))

    yes_no = _validation(lists.yes_no, lang)
    for key in ("cooperates", *(f"kind_{k}" for k in KIND_CODES)):
        add(yes_no, key)
    frequency = _validation(lists.frequency, lang)
    add(frequency, "frequency")
    years = _validation(lists.years, lang, "bad_year")
    add(years, "since")
    ratings = _validation(lists.ratings, lang, "bad_rating")
    for key in RATING_CODES:
        add(ratings, key)
    types = _validation(lists.types, lang)
    letter = get_column_letter(cols["partner_type"])
    types.add(f"{letter}{free_first}:{letter}{free_last}")
    for dv in (yes_no, frequency, years, ratings, types):
        ws.add_data_validation(dv)
    ws.freeze_panes = ws.cell(row=first, column=cols["cooperates"])
    _fit_width(ws, portrait=False)
    ws.print_options.gridLines = True
    for r in (*range(1, HEADER_ROW), sep - 1):  # rows outside the table: white, locked
        ws.row_dimensions[r].fill = PatternFill("solid", fgColor="FFFFFF")
        ws.row_dimensions[r].protection = Protection(locked=True)
    ws.print_area = f"A1:{get_column_letter(len(ANSWER_COLUMNS))}{free_last}"
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.protection.sheet = True
    ws.protection.formatColumns = False  # widths may be changed
    return first, free_first


def _workbook(
    respondent: dict[str, str],
    partners: pd.DataFrame,
    identity: dict[str, str],
    *,
    scope_label: str,
    lang: Lang,
    year: int,
) -> Workbook:
    wb = Workbook()
    instructions = wb.active
    assert instructions is not None
    instructions.title = text("sheet_instructions", lang)
    sheet = wb.create_sheet(text("sheet_partners", lang))
    meta = wb.create_sheet(META_SHEET)
    lists = _write_lists(meta, lang, year)
    role_cell, date_cell = _instructions(
        instructions,
        respondent,
        scope_label=scope_label,
        wave=identity["wave"],
        lang=lang,
        lists=lists,
    )
    first, free_first = _partners(sheet, partners, lang=lang, lists=lists)
    layout = {
        **identity,
        "partners_sheet": sheet.title,
        "instructions_sheet": instructions.title,
        "first_row": str(first),
        "partners": str(len(partners)),
        "free_first_row": str(free_first),
        "free_rows": str(FREE_ROWS),
        "columns": "|".join(c.key for c in ANSWER_COLUMNS),
        "role_cell": role_cell,
        "date_cell": date_cell,
    }
    for r, (key, value) in enumerate(layout.items(), start=1):
        meta.cell(row=r, column=1, value=key)
        meta.cell(row=r, column=2, value=value)
    meta.sheet_state = "veryHidden"
    meta.protection.sheet = True
    wb.active = 0
    wb.security = WorkbookProtection(lockStructure=True)
    return wb


_MARK: Final = re.compile(r"@@kokon:([a-z0-9_]+)@@")


def _marker(key: str) -> str:
    """A placeholder the form template holds where a respondent's own text goes."""
    return f"@@kokon:{key}@@"


def _marked_partners(n: int) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "id": [_marker(f"p{k}_0") for k in range(n)],
            "name": [_marker(f"p{k}_1") for k in range(n)],
            "type_label": [_marker(f"p{k}_2") for k in range(n)],
            "place": [_marker(f"p{k}_3") for k in range(n)],
        }
    )


class _FormStamp:
    """One form, written once by openpyxl with placeholders, stamped out per respondent.

    Every form of a survey has the same layout (each lists every candidate but
    the respondent); only the texts differ. Writing the workbook once and
    replacing the placeholders in its XML is what makes a powiat's 400 forms
    take seconds instead of a minute.
    """

    def __init__(self, wb: Workbook) -> None:
        buffer = io.BytesIO()
        wb.save(buffer)
        with zipfile.ZipFile(buffer) as package:
            self._entries = [(info, package.read(info)) for info in package.infolist()]

    def write(self, path: Path, values: dict[str, str]) -> None:
        def fill(match: re.Match[str]) -> str:
            return xml_escape(values[match.group(1)])

        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
            for info, data in self._entries:
                if info.filename.endswith(".xml") and b"@@kokon:" in data:
                    data = _MARK.sub(fill, data.decode("utf-8")).encode("utf-8")
                out.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED, compresslevel=1)


def _check_out(out: Path) -> None:
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise KokonError(
            f"{out}: exists and is not an empty folder; forms are written to a new folder",
            hint="choose another --out, or remove the old one",
        )


def _template_rows(
    respondents: pd.DataFrame, partners: pd.DataFrame, identity: dict[str, str]
) -> Iterable[list[str]]:
    answer_keys = [c.key for c in ANSWER_COLUMNS if c.answer]
    blanks = [""] * len(answer_keys)
    info = list(partners[["id", "name", "type_label", "place"]].itertuples(index=False))
    for rid, rname in zip(respondents["id"], respondents["name"], strict=True):
        for p in info:
            if p[0] == rid:
                continue
            yield [
                identity["dataset"],
                identity["scope"],
                identity["wave"],
                rid,
                rname,
                *p,
                *blanks,
            ]


def template_columns() -> list[str]:
    """Columns of the long CSV template, in order (documented in docs/survey.md)."""
    return ["dataset", "scope", "wave", "respondent_id", "respondent_name"] + [
        c.key for c in ANSWER_COLUMNS
    ]


def write_forms(
    dataset: Dataset,
    out: str | Path,
    *,
    scope: str,
    wave: str,
    lang: Lang = "pl",
    today: dt.date | None = None,
) -> FormSet:
    """Write one XLSX form per institution of ``scope``, a CSV template and a manifest.

    Parameters
    ----------
    dataset
        The dataset whose institutions are asked (and asked about).
    out
        A new (or empty) folder; it receives ``forms/<slug>_<id>.xlsx``,
        ``template.csv`` (one row per respondent and candidate partner, for
        online survey tools) and ``survey.json`` (what was sent to whom).
        Everything is written to a temporary folder first: on an error nothing
        is left behind.
    scope
        ``gmina:CODE`` or ``powiat:CODE``.
    wave
        Name of the survey wave (``2026``, ``after``).
    lang
        Language of the forms.
    today
        Date recorded in the manifest (default: today).

    Raises
    ------
    ScopeError
        For a scope that is not a gmina or powiat of the dataset.
    KokonError
        If ``out`` exists and is not empty, or ``wave`` is empty.
    """
    out = Path(out)
    wave = wave.strip()
    if not wave:
        raise KokonError("the survey wave has no name", hint="give --wave, e.g. --wave 2026")
    parsed = Scope.parse(scope)
    people = candidates(dataset, parsed, lang=lang)
    _check_out(out)
    day = today or dt.date.today()
    scope_label = parsed.label(lang, dataset.territories)
    with staged_folder(out) as tmp:
        (tmp / "forms").mkdir()
        identity = {
            "kokon_form": FORM_MARKER,
            "form_version": FORM_VERSION,
            "dataset": dataset.name,
            "scope": str(parsed),
            "wave": wave,
            "respondent": _marker("respondent"),
            "lang": lang,
            "created": day.isoformat(),
        }
        stamp = _FormStamp(
            _workbook(
                {"name": _marker("name"), "place": _marker("place")},
                _marked_partners(len(people) - 1),
                identity,
                scope_label=scope_label,
                lang=lang,
                year=day.year,
            )
        )
        shorts = short_labels(dataset.institutions, dataset.territories)
        files = []
        listed = people[["id", "name", "type_label", "place"]].astype(str).to_numpy()
        for i, row in enumerate(people.to_dict("records")):
            values = {"respondent": row["id"], "name": row["name"], "place": row["place"]}
            for k, partner in enumerate(r for j, r in enumerate(listed) if j != i):
                for c, value in enumerate(partner):
                    values[f"p{k}_{c}"] = value
            name = form_file_name(row["id"], shorts.get(row["id"], row["name"]))
            stamp.write(tmp / "forms" / name, values)
            files.append(name)
        respondents = people.assign(file=files)[
            ["id", "name", "type", "sector", "gmina", "place", "file"]
        ]
        with (tmp / TEMPLATE).open("w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh, lineterminator="\n")
            writer.writerow(template_columns())
            writer.writerows(
                _template_rows(
                    people, people, {"dataset": dataset.name, "scope": str(parsed), "wave": wave}
                )
            )
        manifest: dict[str, Any] = {
            "kokon_survey": FORM_VERSION,
            "dataset": dataset.name,
            "scope": str(parsed),
            "wave": wave,
            "lang": lang,
            "created": day.isoformat(),
            "respondents": respondents.to_dict("records"),
        }
        (tmp / MANIFEST).write_text(
            json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
        (tmp / "answers").mkdir()
    return FormSet(out, respondents.reset_index(drop=True))
