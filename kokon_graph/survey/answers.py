"""Answers in: read filled forms (XLSX) and CSV exports, check every answer.

Each form becomes a :class:`FormAnswers` holding its identity, its answered rows
and every problem found, located by file, sheet, row and column the way
``validate`` locates them. Nothing here decides which ties exist: see
:mod:`kokon_graph.survey.ties`.
"""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

import pandas as pd

from kokon_graph import model
from kokon_graph.errors import Problem, SurveyError
from kokon_graph.lang import tr
from kokon_graph.survey._vocab import (
    ANSWER_COLUMNS,
    FORM_VERSION,
    FREQUENCIES,
    FREQUENCY_WEIGHTS,
    KIND_CODES,
    RATING_CODES,
    YES_NO,
)
from kokon_graph.survey._xlsx import BadWorkbook, XlsxValues, excel_date
from kokon_graph.survey.forms import FORM_MARKER, META_SHEET, template_columns

__all__ = [
    "FormAnswers",
    "Report",
    "answer_files",
    "read_answer_files",
    "read_csv_answers",
    "read_form",
]

_HEADERS: Final = {c.key: c.pl for c in ANSWER_COLUMNS}
_ANSWER_KEYS: Final = tuple(c.key for c in ANSWER_COLUMNS if c.answer)
_DETAIL_KEYS: Final = tuple(k for k in _ANSWER_KEYS if k != "cooperates")
_REQUIRED_CSV: Final = ("respondent_id", "partner_id", "cooperates")
_OLE_MAGIC: Final = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@dataclass
class Report:
    """One answered row: what ``respondent`` said about one partner.

    ``partner`` is the partner's id, or empty for a free row (then
    ``free_name``, ``free_type``, ``free_place`` say what was typed).
    """

    respondent: str
    partner: str
    cooperates: bool
    kinds: tuple[str, ...] = ()
    frequency: str = ""
    since: int | None = None
    ratings: dict[str, float] = field(default_factory=dict)
    free_name: str = ""
    free_type: str = ""
    free_place: str = ""
    where: str = ""
    row: int = 0

    @property
    def weight(self) -> float:
        """The tie's weight: the frequency's (1 yearly ... 4 daily), 1 when not given."""
        return FREQUENCY_WEIGHTS.get(self.frequency, 1.0)


@dataclass
class FormAnswers:
    """One returned form (or one respondent's rows of a CSV file).

    Attributes
    ----------
    file
        The file name.
    identity
        What the form says it is: ``dataset``, ``scope``, ``wave``,
        ``respondent``, ``form_version`` (CSV: from its columns).
    reports
        The answered rows that passed every check.
    answered, asked
        Partners of the list answered (tak/nie) and listed.
    role, received
        Who filled it (a role, never a name) and when, if given.
    problems
        Every error and warning of this form.
    """

    file: str
    identity: dict[str, str] = field(default_factory=dict)
    reports: list[Report] = field(default_factory=list)
    answered: int = 0
    asked: int = 0
    role: str = ""
    received: dt.date | None = None
    problems: list[Problem] = field(default_factory=list)

    @property
    def respondent(self) -> str:
        return self.identity.get("respondent", "")

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def status(self) -> str:
        """``complete``, ``incomplete``, ``empty`` (nothing answered) or ``invalid``."""
        if self.errors:
            return "invalid"
        if self.answered == 0 and not self.reports:
            return "empty"
        return "complete" if self.answered >= self.asked else "incomplete"


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    return str(value).strip()


def _date(value: Any) -> dt.date | None:
    if isinstance(value, float | int) and not isinstance(value, bool) and 1 < value < 2958466:
        return excel_date(value)
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = _cell_text(value)
    for fmt in ("%d.%m.%Y", "%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


class _RowChecker:
    """Turns one row of raw answers into a :class:`Report`, collecting problems."""

    def __init__(self, form: FormAnswers, label: str, known: dict[str, str], today: dt.date):
        self.form = form
        self.label = label
        self.known = known  # id -> name, every institution of the dataset
        self.today = today

    def problem(
        self, row: int, key: str | None, message: str, rule: str, sev: str = "error"
    ) -> None:
        column = _HEADERS.get(key, key) if key else None
        self.form.problems.append(Problem(self.label, row, column, message, rule, sev))  # type: ignore[arg-type]

    def check(self, row: int, values: dict[str, str], *, partner: str, free: bool) -> None:
        answer = values.get("cooperates", "")
        details = {k: values.get(k, "") for k in _DETAIL_KEYS if values.get(k, "")}
        if free and not values.get("partner_name") and not answer and not details:
            return
        if not free:
            if partner == self.form.respondent:
                self.problem(
                    row,
                    "partner_id",
                    tr("to instytucja, która odpowiada", "is the respondent itself"),
                    "self-tie",
                )
                return
            if partner not in self.known:
                close = difflib.get_close_matches(partner, list(self.known), n=1)
                hint = tr("; czy chodziło o {}?", "; did you mean {}?") if close else ""
                self.problem(
                    row,
                    "partner_id",
                    tr(
                        f"{partner!r} nie jest instytucją zbioru danych",
                        f"{partner!r} is not an institution of the dataset",
                    )
                    + hint.format(repr(close[0]) if close else ""),
                    "unknown-partner",
                )
                return
        code = YES_NO.normalize(answer) if answer else None
        if answer and code not in ("yes", "no"):
            self.problem(
                row,
                "cooperates",
                tr(f"{answer!r} to nie tak/nie", f"{answer!r} is not tak/nie (yes/no)"),
                "bad-value",
            )
            return
        if code is None:
            if details:
                self.problem(
                    row,
                    "cooperates",
                    tr(
                        "jest puste, choć wiersz ma inne odpowiedzi; wybierz tak albo nie",
                        "is empty but the row has other answers; choose tak or nie",
                    ),
                    "missing-answer",
                )
            return
        if not free:
            self.form.answered += 1
        if code == "no":
            if details:
                names = ", ".join(repr(_HEADERS[k]) for k in details)
                self.problem(
                    row,
                    next(iter(details)),
                    tr(
                        f"odpowiedź to 'nie', ale wypełniono: {names}; wyczyść je albo "
                        "odpowiedz 'tak'",
                        f"the answer is 'nie' but {names} {'is' if len(details) == 1 else 'are'} "
                        "filled; clear them or answer 'tak'",
                    ),
                    "answer-contradiction",
                )
            return
        report = Report(self.form.respondent, partner, True, where=self.label, row=row)
        ok = self._details(row, values, report)
        if free:
            report.free_name = values.get("partner_name", "")
            report.free_type = values.get("partner_type", "")
            report.free_place = values.get("partner_place", "")
            if not report.free_name:
                self.problem(
                    row,
                    "partner_name",
                    tr("jest puste; podaj nazwę partnera", "is empty; give the partner's name"),
                    "empty-value",
                )
                ok = False
        if ok:
            self.form.reports.append(report)

    def _details(self, row: int, values: dict[str, str], report: Report) -> bool:
        ok = True
        kinds = []
        for kind in KIND_CODES:
            raw = values.get(f"kind_{kind}", "")
            if not raw:
                continue
            code = YES_NO.normalize(raw)
            if code == "yes":
                kinds.append(kind)
            elif code != "no":
                self.problem(
                    row,
                    f"kind_{kind}",
                    tr(f"{raw!r} to nie tak/nie", f"{raw!r} is not tak/nie"),
                    "bad-value",
                )
                ok = False
        report.kinds = tuple(kinds)
        raw = values.get("frequency", "")
        if raw:
            freq = FREQUENCIES.normalize(raw)
            if freq is None:
                options = "; ".join(t.pl for t in FREQUENCIES if t.code != model.OTHER)
                self.problem(
                    row,
                    "frequency",
                    tr(f"{raw!r} to nie jedna z: {options}", f"{raw!r} is not one of: {options}"),
                    "bad-value",
                )
                ok = False
            else:
                report.frequency = freq
        raw = values.get("since", "")
        if raw:
            year = int(raw) if raw.isdigit() else None
            if year is None or not 1900 <= year <= self.today.year:
                self.problem(
                    row,
                    "since",
                    tr(
                        f"{raw!r} to nie rok (1900–{self.today.year})",
                        f"{raw!r} is not a year (1900-{self.today.year})",
                    ),
                    "bad-value",
                )
                ok = False
            else:
                report.since = year
        for key in RATING_CODES:
            raw = values.get(key, "")
            if not raw:
                continue
            try:
                number = float(raw.replace(",", "."))
            except ValueError:
                number = float("nan")
            if not (number.is_integer() and 1 <= number <= 4):
                self.problem(
                    row,
                    key,
                    tr(f"{raw!r} to nie ocena od 1 do 4", f"{raw!r} is not a rating from 1 to 4"),
                    "bad-rating",
                )
                ok = False
            else:
                report.ratings[key] = number
        return ok


def _unreadable(path: Path) -> FormAnswers:
    form = FormAnswers(path.name)
    head = path.read_bytes()[:8] if path.is_file() else b""
    if head == _OLE_MAGIC:
        why = tr(
            "jest chroniony hasłem (zaszyfrowany) albo to stary skoroszyt .xls; zapisz go jako "
            ".xlsx bez hasła",
            "is protected by a password (encrypted), or an old .xls workbook; save it as "
            ".xlsx without a password",
        )
    else:
        why = tr(
            "nie daje się otworzyć jako skoroszyt XLSX (uszkodzony albo to nie skoroszyt)",
            "cannot be opened as an XLSX workbook (damaged or not a workbook)",
        )
    form.problems.append(Problem(path.name, None, None, why, "unreadable"))
    return form


def _meta(book: XlsxValues) -> dict[str, str] | None:
    if META_SHEET not in book.sheets:
        return None
    out: dict[str, str] = {}
    for _r, cells in book.rows(META_SHEET, max_col=2):
        if cells.get(1) is not None:
            out[_cell_text(cells[1])] = _cell_text(cells.get(2))
    return out if out.get("kokon_form") == FORM_MARKER else None


def read_form(
    path: str | Path, known: dict[str, str], *, today: dt.date | None = None
) -> FormAnswers:
    """Read one filled XLSX form.

    Parameters
    ----------
    path
        The workbook.
    known
        ``{id: name}`` of every institution of the dataset (to check partners).
    today
        The latest allowed year of ``since`` (default: today).
    """
    path = Path(path)
    try:
        with XlsxValues(path) as book:
            return _read_book(book, path.name, known, today or dt.date.today())
    except BadWorkbook:
        return _unreadable(path)


def _read_book(book: XlsxValues, name: str, known: dict[str, str], today: dt.date) -> FormAnswers:
    meta = _meta(book)
    form = FormAnswers(name)
    if meta is None:
        form.problems.append(
            Problem(
                name,
                None,
                None,
                tr(
                    f"to nie formularz ankiety kokon-graph (brak ukrytego arkusza {META_SHEET!r})",
                    "is not a kokon-graph survey form "
                    f"(its hidden sheet {META_SHEET!r} is missing)",
                ),
                "not-a-form",
            )
        )
        return form
    form.identity = {
        k: meta.get(k, "") for k in ("dataset", "scope", "wave", "respondent", "form_version")
    }
    if meta.get("form_version") != FORM_VERSION:
        form.problems.append(
            Problem(
                name,
                None,
                None,
                tr(
                    f"to formularz w wersji {meta.get('form_version')!r}; ten kokon-graph czyta "
                    f"wersję {FORM_VERSION}",
                    f"is a form of version {meta.get('form_version')!r}; this kokon-graph reads "
                    f"version {FORM_VERSION}",
                ),
                "wrong-form",
            )
        )
        return form
    _read_instructions(book, meta, form)
    sheet_name = meta["partners_sheet"]
    if sheet_name not in book.sheets:
        form.problems.append(
            Problem(
                name,
                None,
                None,
                tr(f"nie ma arkusza {sheet_name!r}", f"has no sheet {sheet_name!r}"),
                "not-a-form",
            )
        )
        return form
    keys = meta["columns"].split("|")
    first, n = int(meta["first_row"]), int(meta["partners"])
    free_first, free_n = int(meta["free_first_row"]), int(meta["free_rows"])
    checker = _RowChecker(form, f"{name}[{sheet_name}]", known, today)
    form.asked = n
    rows = book.rows(sheet_name, min_row=first, max_row=free_first + free_n - 1, max_col=len(keys))
    for r, cells in rows:
        values = {k: _cell_text(cells.get(i)) for i, k in enumerate(keys, start=1)}
        if first <= r < first + n:
            checker.check(r, values, partner=values.get("partner_id", ""), free=False)
        elif r >= free_first:
            checker.check(r, values, partner="", free=True)
    return form


def _read_instructions(book: XlsxValues, meta: dict[str, str], form: FormAnswers) -> None:
    sheet = meta.get("instructions_sheet", "")
    if sheet not in book.sheets:
        return
    wanted = {}
    for key in ("role_cell", "date_cell"):
        match = re.fullmatch(r"([A-Z])(\d+)", meta.get(key, ""))
        if match:
            wanted[(int(match.group(2)), ord(match.group(1)) - ord("A") + 1)] = key
    if not wanted:
        return
    last = max(r for r, _c in wanted)
    for r, cells in book.rows(sheet, min_row=min(r for r, _c in wanted), max_row=last):
        for (row, col), key in wanted.items():
            if row != r or cells.get(col) is None:
                continue
            value = cells[col]
            if key == "role_cell":
                text = _cell_text(value)
                form.role = model.PERSON_ROLES.normalize(text) or text
            else:
                form.received = _date(value)


def read_csv_answers(
    path: str | Path, known: dict[str, str], *, today: dt.date | None = None
) -> list[FormAnswers]:
    """Read a long CSV of answers (the template's columns), one :class:`FormAnswers` per
    respondent.

    Raises
    ------
    SurveyError
        If the file cannot be read or lacks a required column (nothing else
        can be checked then).
    """
    path = Path(path)
    today = today or dt.date.today()
    try:
        frame = pd.read_csv(
            path, dtype=str, keep_default_na=False, encoding="utf-8-sig", sep=None, engine="python"
        )
    except (OSError, UnicodeDecodeError, pd.errors.ParserError, csv.Error) as err:
        raise SurveyError.one(
            Problem(
                path.name,
                None,
                None,
                tr(f"nie daje się odczytać jako CSV ({err})", f"cannot be read as CSV ({err})"),
                "unreadable",
            )
        ) from err
    frame.columns = [str(c).strip() for c in frame.columns]
    missing = [c for c in _REQUIRED_CSV if c not in frame.columns]
    if missing:
        raise SurveyError.one(
            Problem(
                path.name,
                None,
                ", ".join(missing),
                tr(
                    f"brak kolumn; kolumny są takie jak w template.csv: "
                    f"{', '.join(template_columns())}",
                    f"missing column{'s' if len(missing) > 1 else ''}; the columns are those of "
                    f"template.csv: {', '.join(template_columns())}",
                ),
                "missing-column",
            )
        )
    unknown = [c for c in frame.columns if c not in template_columns()]
    forms: dict[str, FormAnswers] = {}
    if unknown:
        first = forms.setdefault("", FormAnswers(path.name))
        first.problems.append(
            Problem(
                path.name,
                None,
                ", ".join(unknown),
                tr("nieznana kolumna, pominięta", "unknown column, ignored"),
                "unknown-column",
                "warning",
            )
        )
    seen: set[tuple[str, str]] = set()
    for i, rec in enumerate(frame.to_dict("records"), start=2):
        rid = rec["respondent_id"].strip()
        form = forms.get(rid)
        if form is None:
            form = forms[rid] = FormAnswers(path.name)
            form.identity = {
                "dataset": rec.get("dataset", ""),
                "scope": rec.get("scope", ""),
                "wave": rec.get("wave", ""),
                "respondent": rid,
                "form_version": FORM_VERSION,
            }
        checker = _RowChecker(form, path.name, known, today)
        partner = rec["partner_id"].strip()
        values = {k: str(v).strip() for k, v in rec.items()}
        if not rid:
            checker.problem(i, "respondent_id", tr("jest puste", "is empty"), "empty-value")
            continue
        if partner:
            if (rid, partner) in seen:
                checker.problem(
                    i,
                    "partner_id",
                    tr(
                        f"{rid!r} odpowiada o {partner!r} dwa razy",
                        f"{partner!r} is answered twice by {rid!r}",
                    ),
                    "duplicate-answer",
                )
                continue
            seen.add((rid, partner))
            form.asked += 1
        checker.check(i, values, partner=partner, free=not partner)
    return [f for k, f in forms.items() if k or f.problems]


def answer_files(path: str | Path) -> list[Path]:
    """The answer files of a folder (``*.xlsx`` and ``*.csv``, Office lock files left out),
    or the one file given."""
    path = Path(path)
    if path.is_file():
        return [path]
    return sorted(
        p
        for p in path.iterdir()
        if p.is_file()
        and p.suffix.lower() in (".xlsx", ".csv")
        and not p.name.startswith(("~$", ".~lock"))
    )


def read_answer_files(
    files: Iterable[Path], known: dict[str, str], *, today: dt.date | None = None
) -> list[FormAnswers]:
    """Every form of ``files`` (XLSX forms, CSV answer tables)."""
    out: list[FormAnswers] = []
    for f in files:
        if f.suffix.lower() == ".csv":
            out.extend(read_csv_answers(f, known, today=today))
        else:
            out.append(read_form(f, known, today=today))
    return out
