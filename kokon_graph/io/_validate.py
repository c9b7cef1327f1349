"""Typing and checking raw tables: every problem is collected, then raised once.

Checks are vectorised (pandas) so that a national dataset of a million rows
validates in seconds; a Python loop runs only over the rows that are wrong.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import Final

import numpy as np
import pandas as pd

from kokon_graph import model
from kokon_graph._frames import duplicated, isin, map_unique
from kokon_graph.errors import Problem
from kokon_graph.io._source import RawSource, RawTable
from kokon_graph.io.dataset import DATE_DTYPE, Dataset, dtype_for, empty_table
from kokon_graph.io.pseudonym import PSEUDONYM_PATTERN, identifying_column_reason
from kokon_graph.io.schema import RATING_COLUMNS, TABLES, Column, Table
from kokon_graph.labels import short_name_problems
from kokon_graph.lang import tr
from kokon_graph.model import Vocabulary

__all__ = ["build_dataset", "check_teryt", "teryt_problem"]

_TRUE: Final = frozenset({"true", "1", "yes", "tak", "t", "y", "x", "prawda", "tak potwierdzona"})
_FALSE: Final = frozenset({"false", "0", "no", "nie", "n", "f", "falsz", ""})
_GMINA_TYPE_DIGITS: Final = frozenset("1234589")
_TERYT_LENGTHS: Final = {2: "voivodeship", 4: "powiat", 7: "gmina"}
_LEVEL_MIN_TERYT: Final = {"gmina": 7, "powiat": 4, "voivodeship": 2}
_GROUP_LEVELS: Final = {
    "WZK": "voivodeship",
    "RGR": "voivodeship",
    "PGR": "powiat",
    "PGD": "powiat",
    "PZK": "powiat",
    "GGK": "gmina",
    "ZZK": "gmina",
    "ZI": "gmina",
    "GDP": "gmina",
    "partnership": "gmina",
    model.OTHER: model.OTHER,
}
#: Columns whose values identify a family and are never repeated in a message (no value
#: of a table about families is repeated either: a swapped column can carry family ids).
_FAMILY_COLUMNS: Final = (("families", "id"), ("services", "family"), ("referrals", "family"))
_SECRET_COLUMNS: Final = frozenset(_FAMILY_COLUMNS)
_HIDDEN: Final = "(value not shown: family data)"
#: Largest tie weight accepted: larger ones are typing errors, and their sums overflow.
MAX_WEIGHT: Final = 1_000_000.0
#: Largest whole number accepted (family size, children).
_MAX_INT: Final = 1_000_000
#: Dates of things that happened: none can be later than today.
_EVENT_DATES: Final = frozenset(
    {("cooperation", "since"), ("referrals", "sent"), ("referrals", "answered")}
)
#: No date is earlier than this, nor more than this many years ahead of today.
_EARLIEST: Final = pd.Timestamp("1900-01-01")
_YEARS_AHEAD: Final = 10


def teryt_problem(code: str) -> str | None:
    """What is wrong with a TERYT code (after Excel's lost zero is restored), or ``None``.

    >>> teryt_problem("2811011") is None
    True
    >>> teryt_problem("2811016")
    "the 7th digit (gmina type) must be 1, 2, 3, 4, 5, 8 or 9, not '6'"
    """
    if not (code.isascii() and code.isdigit()):
        return tr(
            "kod TERYT ma tylko cyfry (0-9, nie cyfry pełnej szerokości ani innych pism)",
            "a TERYT code has only digits (0-9, not full-width or other scripts' digits)",
        )
    if len(code) not in _TERYT_LENGTHS:
        return tr(
            "kod TERYT ma 2 cyfry (województwo), 4 (powiat) albo 7 (gmina: WW PP GG R)",
            "a TERYT code has 2 digits (voivodeship), 4 (powiat) or 7 (gmina: WW PP GG R)",
        )
    if code[:2] not in model.VOIVODESHIP_CODES:
        return tr(
            f"{code[:2]!r} to nie kod województwa (02, 04, ..., 32)",
            f"{code[:2]!r} is not a voivodeship code (02, 04, ..., 32)",
        )
    if len(code) >= 4 and code[2:4] == "00":
        return tr(
            "część powiatowa (cyfry 3-4) nie może być 00",
            "the powiat part (digits 3-4) cannot be 00",
        )
    if len(code) == 7:
        if code[4:6] == "00":
            return tr(
                "część gminna (cyfry 5-6) nie może być 00",
                "the gmina part (digits 5-6) cannot be 00",
            )
        if code[6] not in _GMINA_TYPE_DIGITS:
            return tr(
                f"7. cyfra (rodzaj gminy) musi być 1, 2, 3, 4, 5, 8 albo 9, nie {code[6]!r}",
                f"the 7th digit (gmina type) must be 1, 2, 3, 4, 5, 8 or 9, not {code[6]!r}",
            )
    return None


def check_teryt(values: pd.Series) -> tuple[pd.Series, pd.Series, pd.Series]:
    """Clean TERYT codes.

    Returns the cleaned codes, a mask of codes whose lost leading zero was
    restored (Excel stores ``0201011`` as the number 201011), and a mask of
    invalid non-empty codes. Works once per distinct code.
    """
    codes, uniques = pd.factorize(values)
    distinct = pd.Series(uniques, dtype="str")
    cleaned = distinct.str.replace(r"[\s-]", "", regex=True)
    lengths = cleaned.str.len()
    padded = cleaned.str.fullmatch(r"[0-9]+").fillna(False) & lengths.isin([1, 3, 6])
    cleaned = cleaned.where(~padded, "0" + cleaned)
    invalid = cleaned.map(lambda c: c != "" and teryt_problem(c) is not None).astype(bool)
    index = values.index
    return (
        pd.Series(cleaned.to_numpy()[codes], index=index, dtype="str"),
        pd.Series(padded.to_numpy(dtype=bool)[codes], index=index),
        pd.Series(invalid.to_numpy(dtype=bool)[codes], index=index),
    )


class _Checker:
    """Collects problems while typing one dataset."""

    def __init__(self) -> None:
        self.errors: list[Problem] = []
        self.warnings: list[Problem] = []

    def add(
        self,
        raw: RawTable,
        rows: Iterable[int] | None,
        column: str | None,
        message: str,
        rule: str,
        severity: str = "error",
    ) -> None:
        header = raw.header(column) if column else None
        target = self.errors if severity == "error" else self.warnings
        if rows is None:
            target.append(Problem(raw.label, None, header, message, rule, severity))  # type: ignore[arg-type]
            return
        for row in rows:
            target.append(Problem(raw.label, int(row), header, message, rule, severity))  # type: ignore[arg-type]

    @staticmethod
    def secret(raw: RawTable, column: str | None) -> bool:
        """Whether values of ``column`` may never be repeated in a message."""
        return raw.spec.about_families or (raw.spec.name, column) in _SECRET_COLUMNS

    def per_row(
        self,
        raw: RawTable,
        mask: pd.Series,
        column: str,
        message: Callable[[str], str],
        rule: str,
        severity: str = "error",
    ) -> None:
        """One problem per row where ``mask`` is true; ``message`` gets the cell value."""
        if not mask.any():
            return
        secret = self.secret(raw, column)
        header = raw.header(column)
        target = self.errors if severity == "error" else self.warnings
        values = raw.frame.loc[mask, column] if column in raw.frame else None
        for row in mask.index[mask.to_numpy()]:
            value = "" if values is None else str(values.loc[row])
            text = message(_HIDDEN if secret else value)
            target.append(Problem(raw.label, int(row), header, text, rule, severity))  # type: ignore[arg-type]


#: Why a column identifies a person (:func:`identifying_column_reason`), in Polish.
_REASON_PL: Final = {
    "a name": "imię lub nazwisko",
    "a national identification number": "numer identyfikacyjny (PESEL, dowód osobisty)",
    "an address": "adres",
    "a phone number": "numer telefonu",
    "an e-mail address": "adres e-mail",
    "a date of birth": "datę urodzenia",
}


def _fmt(value: str) -> str:
    if value == _HIDDEN:
        return tr("(wartość niepokazana: dane rodziny)", value)
    return repr(value)


def _suggestion(vocab: Vocabulary, code: str, lang: model.Lang) -> str:
    """A suggested value as a person reads it: its label, with the code in brackets."""
    label = vocab.label(code, lang)
    return repr(label) if label == code else f"{label!r} ({code})"


def _vocab_message(vocab: Vocabulary) -> Callable[[str], str]:
    from kokon_graph.lang import current_lang

    lang = current_lang()

    def message(value: str) -> str:
        suggestions = vocab.suggest(value) if value != _HIDDEN else []
        shown = [_suggestion(vocab, s, lang) for s in suggestions]
        if lang == "pl":
            hint = f"; czy chodziło o {' lub '.join(shown)}?" if shown else ""
            if len(vocab.codes) <= 15:
                known = f"Dozwolone: {'; '.join(vocab.labels('pl').values())}"
            else:
                known = f"{len(vocab.codes)} dozwolonych wartości podaje docs/dataset-format.md"
            return (
                f"{_fmt(value)}: nieznana wartość{hint} {known} (działają też etykiety "
                f"angielskie; „{vocab.label(model.OTHER, 'pl')}” dla pozostałych)"
            )
        hint = f"; did you mean {' or '.join(shown)}?" if shown else ""
        if len(vocab.codes) <= 15:
            known = f"Expected one of: {', '.join(vocab.codes)}"
        else:
            known = f"The {len(vocab.codes)} accepted values are listed in docs/dataset-format.md"
        return (
            f"{_fmt(value)} is not a known {vocab.name}{hint} {known} "
            f"(Polish or English labels work too; use 'other' for anything else)"
        )

    return message


#: Column kinds typed once per distinct value when a table is large.
_BY_VALUE: Final = frozenset({"vocab", "list", "date", "float", "int", "bool"})
_BY_VALUE_MIN_ROWS: Final = 20_000


def _convert_column(chk: _Checker, raw: RawTable, col: Column) -> pd.Series:
    """Type one column, recording a problem for each bad cell.

    A large column is typed once per distinct value (a million referrals have
    a few thousand distinct dates), then the results and the problems are
    spread back to the rows.
    """
    if col.kind in _BY_VALUE and col.name in raw.frame and len(raw.frame) >= _BY_VALUE_MIN_ROWS:
        values = raw.frame[col.name]
        codes, uniques = pd.factorize(values)
        distinct = RawTable(
            raw.spec,
            raw.label,
            pd.DataFrame({col.name: pd.Series(uniques, dtype="str")}),
            raw.headers,
        )
        sub = _Checker()
        typed = _convert_values(sub, distinct, col)
        out = pd.Series(typed.array.take(codes), index=values.index)
        for problem, target in [(p, chk.errors) for p in sub.errors] + [
            (p, chk.warnings) for p in sub.warnings
        ]:
            rows = values.index[codes == problem.row] if problem.row is not None else [None]
            target.extend(replace(problem, row=int(r) if r is not None else None) for r in rows)
        return out
    return _convert_values(chk, raw, col)


def _convert_values(chk: _Checker, raw: RawTable, col: Column) -> pd.Series:
    frame = raw.frame
    if col.name not in frame:
        if col.kind == "date":
            return pd.Series(pd.NaT, index=frame.index, dtype=DATE_DTYPE)
        if col.kind == "float":
            return pd.Series(np.nan, index=frame.index, dtype="float64")
        if col.kind == "int":
            return pd.Series(pd.NA, index=frame.index, dtype="Int64")
        if col.kind == "bool":
            return pd.Series(False, index=frame.index, dtype="bool")
        if col.kind == "list":
            return pd.Series([()] * len(frame), index=frame.index, dtype="object")
        return pd.Series("", index=frame.index, dtype="str")
    values: pd.Series = frame[col.name].astype(str)
    blank = values == ""
    if col.nonempty:
        chk.per_row(
            raw,
            blank,
            col.name,
            lambda _v: tr("jest pusta; wartość jest wymagana", "is empty; a value is required"),
            "empty-value",
        )
    kind = col.kind
    if kind in ("id", "str", "ref"):
        return values
    if kind == "vocab":
        assert col.vocab is not None
        mapping = col.vocab.normalize_many(values[~blank].unique())
        out = map_unique(values, lambda v: (mapping.get(v) or "") if v else "")
        unknown = ~blank & (out == "")
        chk.per_row(raw, unknown, col.name, _vocab_message(col.vocab), "unknown-value")
        return out.astype(str)
    if kind == "list":
        assert col.vocab is not None
        vocab = col.vocab
        parsed: dict[str, tuple[tuple[str, ...], list[str]]] = {}
        for cell in values[~blank].unique():
            items = [p.strip() for p in pd.Series([cell]).str.split(r"[|;,]", regex=True)[0]]
            codes, bad = [], []
            for item in items:
                if not item:
                    continue
                code = vocab.normalize(item)
                if code is None:
                    bad.append(item)
                elif code not in codes:
                    codes.append(code)
            parsed[cell] = (tuple(codes), bad)
        out = map_unique(values, lambda v: parsed[v][0] if v else ())
        wrong = map_unique(values, lambda v: bool(v) and bool(parsed[v][1]), dtype="bool")

        def list_message(cell: str) -> str:
            if cell == _HIDDEN:
                return _vocab_message(vocab)(cell)
            bad_items = parsed[cell][1]
            return _vocab_message(vocab)(bad_items[0]) + (
                tr(
                    f" (nieznanych wartości w tej komórce: {len(bad_items)})",
                    f" ({len(bad_items)} unknown values in this cell)",
                )
                if len(bad_items) > 1
                else ""
            )

        chk.per_row(raw, wrong, col.name, list_message, "unknown-value")
        return out
    if kind == "teryt":
        cleaned, padded, invalid = check_teryt(values)
        chk.per_row(
            raw,
            invalid,
            col.name,
            lambda v: (
                tr(f"{_fmt(v)} to nie poprawny kod TERYT", f"{_fmt(v)} is not a valid TERYT code")
                + ("" if v == _HIDDEN else f": {teryt_problem(_teryt_clean(v))}")
            ),
            "bad-teryt",
        )
        if padded.any():
            first = padded.index[padded.to_numpy()][0]
            n = int(padded.sum())
            example = (
                ""
                if chk.secret(raw, col.name)
                else tr(
                    f": {values.loc[first]!r} odczytany jako {cleaned.loc[first]!r}",
                    f": {values.loc[first]!r} read as {cleaned.loc[first]!r}",
                )
            )
            chk.add(
                raw,
                None,
                col.name,
                tr(
                    f"kodów z przywróconym zerem na początku (Excel je usuwa): {n}, pierwszy "
                    f"w wierszu {first}{example}; zapisuj kody TERYT jako tekst",
                    f"{n} code{'s' if n > 1 else ''} had a leading zero restored (Excel drops "
                    f"it), first at row {first}{example}; store TERYT codes as text",
                ),
                "teryt-padded",
                "warning",
            )
        return cleaned.where(~invalid, "")
    if kind == "date":
        iso = pd.to_datetime(values.where(~blank), format="%Y-%m-%d", errors="coerce")
        polish = pd.to_datetime(values.where(~blank), format="%d.%m.%Y", errors="coerce")
        out = iso.fillna(polish).astype(DATE_DTYPE)
        chk.per_row(
            raw,
            ~blank & out.isna(),
            col.name,
            lambda v: tr(
                f"{_fmt(v)} to nie data; oczekiwano RRRR-MM-DD (2021-03-31) albo DD.MM.RRRR "
                "(31.03.2021)",
                f"{_fmt(v)} is not a date; expected YYYY-MM-DD (2021-03-31) or DD.MM.YYYY "
                "(31.03.2021)",
            ),
            "bad-date",
        )
        today = pd.Timestamp.today().normalize()
        latest = (
            today
            if (raw.spec.name, col.name) in _EVENT_DATES
            else today + pd.DateOffset(years=_YEARS_AHEAD)
        )
        implausible = out.notna() & ((out < _EARLIEST) | (out > latest))
        chk.per_row(
            raw,
            implausible,
            col.name,
            lambda v: (
                (
                    tr(
                        f"{_fmt(v)} jest w przyszłości, a mówi, kiedy coś się wydarzyło",
                        f"{_fmt(v)} is in the future: it says when something happened",
                    )
                    if (raw.spec.name, col.name) in _EVENT_DATES
                    else tr(
                        f"{_fmt(v)} jest przed 1900 rokiem albo ponad {_YEARS_AHEAD} lat naprzód",
                        f"{_fmt(v)} is before 1900 or more than {_YEARS_AHEAD} years ahead",
                    )
                )
                + tr("; błąd przy wpisywaniu?", "; a typing error?")
            ),
            "implausible-date",
        )
        return out.where(~implausible)
    if kind in ("float", "int"):
        text = values.str.replace(r"[\s\u00a0]", "", regex=True)
        ambiguous = text.str.contains(",", regex=False) & text.str.contains(".", regex=False)
        text = text.str.replace(",", ".", regex=False)
        numbers = pd.to_numeric(text.where(~blank & ~ambiguous), errors="coerce")
        bad = ~blank & (numbers.isna() | ~np.isfinite(numbers.fillna(0.0)))
        if kind == "int":
            bad |= ~blank & ~bad & (numbers.fillna(0.0) % 1 != 0)
            bad |= ~blank & (numbers.fillna(0.0).abs() > _MAX_INT)
            expected = tr(
                f"liczbą całkowitą (najwyżej {_MAX_INT:,})".replace(",", " "),
                f"a whole number (at most {_MAX_INT:,})",
            )
        else:
            bad |= ~blank & (numbers.fillna(0.0).abs() > MAX_WEIGHT)
            expected = tr(
                f"liczbą do {MAX_WEIGHT:,.0f} (przecinek albo kropka dziesiętna, bez separatora "
                "tysięcy)".replace(",000", " 000"),
                f"a number up to {MAX_WEIGHT:,.0f} (decimal comma or point, no thousands "
                "separator)",
            )
        chk.per_row(
            raw,
            bad,
            col.name,
            lambda v: tr(f"{_fmt(v)} nie jest {expected}", f"{_fmt(v)} is not {expected}"),
            "bad-number",
        )
        numbers = numbers.where(~bad)
        if kind == "int":
            return numbers.round().astype("Int64")
        return numbers.astype("float64")
    if kind == "bool":
        lowered = map_unique(values, lambda v: model.normalize_token(v or ""), dtype="str")
        truthy = lowered.isin(_TRUE)
        bad = ~truthy & ~lowered.isin(_FALSE)
        chk.per_row(
            raw,
            bad,
            col.name,
            lambda v: tr(
                f"{_fmt(v)} to nie tak/nie; oczekiwano tak/nie, true/false, 1/0 albo pustej "
                "komórki",
                f"{_fmt(v)} is not yes/no; expected true/false, tak/nie, 1/0 or empty",
            ),
            "bad-value",
        )
        return truthy.astype(bool)
    raise AssertionError(kind)


def _seventh_digit(code: str) -> str:
    return code[6] if code and len(code) == 7 else ""


def _teryt_clean(value: str) -> str:
    cleaned = "".join(value.split()).replace("-", "")
    ascii_digits = cleaned.isascii() and cleaned.isdigit()
    return "0" + cleaned if ascii_digits and len(cleaned) in (1, 3, 6) else cleaned


def _type_table(chk: _Checker, raw: RawTable) -> pd.DataFrame:
    spec = raw.spec
    out = {col.name: _convert_column(chk, raw, col) for col in spec.columns}
    frame = pd.DataFrame(out, index=raw.frame.index)
    extras = [c for c in raw.frame.columns if c not in spec.column_names]
    if spec.about_families:
        for extra in list(extras):
            reason = identifying_column_reason(raw.header(extra))
            if reason:
                chk.add(
                    raw,
                    None,
                    extra,
                    tr(
                        f"wygląda na {_REASON_PL.get(reason, reason)}, co identyfikuje osobę; "
                        "dane rodzin nie mogą "
                        "zawierać bezpośrednich identyfikatorów. Usuń tę kolumnę (kokon_graph "
                        "potrzebuje tylko identyfikatora rodziny, który pseudonimizuje)",
                        f"looks like {reason}, which identifies a person; family data must "
                        "not hold direct identifiers. Remove this column (kokon_graph needs "
                        "only a family id, which it pseudonymises)",
                    ),
                    "identifying-column",
                )
                extras.remove(extra)
    if extras and spec.keeps_extra_columns:
        for extra in extras:
            frame[extra] = raw.frame[extra].astype(str)
    elif extras:
        chk.add(
            raw,
            None,
            None,
            tr(
                f"kolumny spoza tabeli {raw.label}, pominięte: "
                f"{', '.join(repr(raw.header(e)) for e in extras)}",
                f"column{'s' if len(extras) > 1 else ''} "
                f"{', '.join(repr(raw.header(e)) for e in extras)} "
                f"{'are' if len(extras) > 1 else 'is'} not part of the {spec.name} table and "
                f"{'are' if len(extras) > 1 else 'is'} ignored",
            ),
            "ignored-column",
            "warning",
        )
    return frame


def _check_ids(chk: _Checker, raw: RawTable, frame: pd.DataFrame, column: str) -> None:
    ids = frame[column]
    present = ids != ""
    dup = present & duplicated(ids)
    if dup.any():
        first_row = ids[present & ~ids.duplicated(keep="first")]
        first_at = pd.Series(first_row.index, index=first_row.to_numpy())
        chk.per_row(
            raw,
            dup,
            column,
            lambda v: tr(
                f"powtórzony identyfikator {_fmt(v)}; identyfikatory muszą być niepowtarzalne "
                f"(pierwszy raz w wierszu {first_at.get(v, '?') if v != _HIDDEN else 'wyżej'})",
                f"duplicate id {_fmt(v)}; ids must be unique (first used at row "
                f"{first_at.get(v, '?') if v != _HIDDEN else 'above'})",
            ),
            "duplicate-id",
        )


def _check_order(
    chk: _Checker, raw: RawTable, frame: pd.DataFrame, start: str, end: str, what: str
) -> None:
    bad = frame[start].notna() & frame[end].notna() & (frame[end] < frame[start])
    chk.per_row(
        raw,
        bad,
        end,
        lambda v: tr(
            f"{_fmt(v)} jest przed {raw.header(start)} ({what})",
            f"{_fmt(v)} is before {raw.header(start)} ({what})",
        ),
        "end-before-start",
    )


def _ends_first(thing_pl: str, thing_en: str) -> str:
    """Why an end before the start is wrong, for a group, membership or service."""
    return tr(
        f"{thing_pl} nie może się skończyć, zanim się zacznie",
        f"a {thing_en} cannot end before it starts",
    )


def _fill_defaults(frame: pd.DataFrame, spec: Table) -> None:
    if spec.name == "institutions":
        types = frame["type"]
        default_sector = types.map(
            lambda t: (
                model.INSTITUTION_TYPES.term(t).sector or model.OTHER
                if t in model.INSTITUTION_TYPES
                else model.OTHER
            )
        )
        default_level = types.map(
            lambda t: (
                model.INSTITUTION_TYPES.term(t).level or model.OTHER
                if t in model.INSTITUTION_TYPES
                else model.OTHER
            )
        )
        frame["sector"] = frame["sector"].where(frame["sector"] != "", default_sector)
        frame["level"] = frame["level"].where(frame["level"] != "", default_level)
    elif spec.name == "groups":
        frame["level"] = frame["level"].where(
            frame["level"] != "", frame["type"].map(lambda t: _GROUP_LEVELS.get(t, model.OTHER))
        )
    elif spec.name == "territories":
        derived_kind = (
            frame["teryt"].str.len().map(lambda n: _TERYT_LENGTHS.get(n, model.OTHER)).astype(str)
        )
        frame["kind"] = frame["kind"].where(frame["kind"] != "", derived_kind)
        derived_type = map_unique(frame["teryt"], _seventh_digit, dtype="str")
        frame["gmina_type"] = frame["gmina_type"].where(frame["gmina_type"] != "", derived_type)
    elif spec.name == "cooperation":
        frame["kind"] = frame["kind"].where(frame["kind"] != "", model.OTHER)
        frame["weight"] = frame["weight"].fillna(1.0)
    elif spec.name == "memberships":
        frame["role"] = frame["role"].where(frame["role"] != "", "member")
    elif spec.name == "families":
        frame["plan_status"] = frame["plan_status"].where(frame["plan_status"] != "", "none")
    elif spec.name == "services":
        frame["service"] = frame["service"].where(frame["service"] != "", model.OTHER)


def _table_rules(chk: _Checker, raw: RawTable, frame: pd.DataFrame) -> None:
    """Rules inside one table (references across tables are checked later)."""
    name = raw.spec.name
    if raw.spec.id_column:
        _check_ids(chk, raw, frame, raw.spec.id_column)
    if name == "institutions":
        need = frame["level"].map(_LEVEL_MIN_TERYT).astype("float64")
        length = frame["teryt"].str.len()
        short = need.notna() & (length < need.fillna(0))
        chk.per_row(
            raw,
            short & (length > 0),
            "teryt",
            lambda v: tr(
                f"{_fmt(v)} jest za krótki dla szczebla instytucji: instytucja gminna "
                "potrzebuje 7-cyfrowego kodu gminy, powiatowa co najmniej 4 cyfr, "
                "wojewódzka co najmniej 2",
                f"{_fmt(v)} is too short for the institution's level: a gmina-level "
                "institution needs the 7-digit gmina code, powiat level at least 4 digits, "
                "voivodeship level at least 2",
            ),
            "teryt-level",
        )
        missing = need.notna() & (length == 0) & (raw.frame["teryt"] == "")
        chk.per_row(
            raw,
            missing,
            "teryt",
            lambda _v: tr(
                "jest pusta; tylko instytucja szczebla krajowego może nie mieć kodu TERYT",
                "is empty; only a national-level institution may have no TERYT code",
            ),
            "empty-value",
        )
        for row, message in short_name_problems(frame):
            chk.add(raw, [row], "short_name", message, "short-name", "warning")
    elif name == "territories":
        length_kind = frame["teryt"].str.len().map(_TERYT_LENGTHS)
        mismatch = (
            length_kind.notna()
            & frame["kind"].isin(list(_TERYT_LENGTHS.values()))
            & (frame["kind"] != length_kind)
        )
        chk.per_row(
            raw,
            mismatch,
            "kind",
            lambda v: tr(
                f"{_fmt(v)} nie pasuje do długości kodu TERYT (2 cyfry = województwo, "
                "4 = powiat, 7 = gmina)",
                f"{_fmt(v)} does not match the TERYT code's length (2 digits = "
                "voivodeship, 4 = powiat, 7 = gmina)",
            ),
            "teryt-level",
        )
        seventh = map_unique(frame["teryt"], _seventh_digit, dtype="str")
        wrong_type = (
            (seventh != "")
            & (frame["gmina_type"] != seventh)
            & (frame["gmina_type"] != model.OTHER)
        )
        chk.per_row(
            raw,
            wrong_type,
            "gmina_type",
            lambda v: tr(
                f"{_fmt(v)} nie pasuje do 7. cyfry kodu TERYT",
                f"{_fmt(v)} does not match the TERYT code's 7th digit",
            ),
            "teryt-level",
        )
    elif name == "cooperation":
        self_tie = (frame["source"] == frame["target"]) & (frame["source"] != "")
        chk.per_row(
            raw,
            self_tie,
            "target",
            lambda v: tr(
                f"{_fmt(v)} jest też źródłem: instytucja nie może zgłosić powiązania z samą sobą",
                f"{_fmt(v)} is also the source: an institution cannot report a tie to itself",
            ),
            "self-tie",
        )
        chk.per_row(
            raw,
            frame["weight"] <= 0,
            "weight",
            lambda v: tr(f"{_fmt(v)} nie jest większe od 0", f"{_fmt(v)} is not greater than 0"),
            "bad-number",
        )
        for rating, _alias, _what in RATING_COLUMNS:
            chk.per_row(
                raw,
                ~frame[rating].between(1, 4) & frame[rating].notna(),
                rating,
                lambda v: tr(
                    f"{_fmt(v)} to nie ocena od 1 do 4", f"{_fmt(v)} is not a rating from 1 to 4"
                ),
                "bad-number",
            )
        key = frame[["source", "target", "kind", "wave"]]
        dup = key.duplicated(keep="first") & ~self_tie
        chk.per_row(
            raw,
            dup,
            "target",
            lambda v: tr(
                f"powiązanie z {_fmt(v)} tego rodzaju i z tej fali zgłoszono ponownie; "
                "wagi są sumowane",
                f"the tie to {_fmt(v)} of this kind and wave is reported again; "
                "the weights are added",
            ),
            "duplicate-tie",
            "warning",
        )
    elif name == "groups":
        _check_order(chk, raw, frame, "start", "end", _ends_first("grupa", "group"))
    elif name == "memberships":
        _check_order(chk, raw, frame, "start", "end", _ends_first("członkostwo", "membership"))
        dup = frame[["group", "member", "wave"]].duplicated(keep="first")
        chk.per_row(
            raw,
            dup,
            "member",
            lambda v: tr(
                f"{_fmt(v)} występuje w tej grupie dwa razy",
                f"{_fmt(v)} is listed in this group twice",
            ),
            "duplicate-membership",
            "warning",
        )
    elif name == "families":
        short = (frame["teryt"].str.len() != 7) & (frame["teryt"] != "")
        chk.per_row(
            raw,
            short,
            "teryt",
            lambda v: tr(
                f"{_fmt(v)} to nie gmina: kod TERYT rodziny ma 7 cyfr",
                f"{_fmt(v)} is not a gmina: a family's TERYT code has 7 digits",
            ),
            "teryt-level",
        )
        chk.per_row(
            raw,
            frame["size"].fillna(1) < 1,
            "size",
            lambda v: tr(f"{_fmt(v)} musi wynosić co najmniej 1", f"{_fmt(v)} must be at least 1"),
            "bad-number",
        )
        chk.per_row(
            raw,
            frame["children"].fillna(0) < 0,
            "children",
            lambda v: tr(f"{_fmt(v)} nie może być ujemne", f"{_fmt(v)} cannot be negative"),
            "bad-number",
        )
        more = (
            frame["children"].notna() & frame["size"].notna() & (frame["children"] >= frame["size"])
        ).astype(bool)
        more &= frame["size"].fillna(0) > 0
        chk.per_row(
            raw,
            more,
            "children",
            lambda v: tr(
                f"dzieci ({_fmt(v)}) nie może być tyle, ile liczy rodzina (jej liczebność "
                "obejmuje też dorosłych)",
                f"{_fmt(v)} children cannot be as many as the family's size "
                "(size counts adults too)",
            ),
            "bad-number",
        )
    elif name == "services":
        _check_order(chk, raw, frame, "start", "end", _ends_first("usługa", "service"))
    elif name == "referrals":
        self_ref = (frame["source"] == frame["target"]) & (frame["source"] != "")
        chk.per_row(
            raw,
            self_ref,
            "target",
            lambda v: tr(
                f"{_fmt(v)} jest też źródłem: instytucja nie może skierować do samej siebie",
                f"{_fmt(v)} is also the source: an institution cannot refer to itself",
            ),
            "self-tie",
        )
        _check_order(
            chk,
            raw,
            frame,
            "sent",
            "answered",
            tr(
                "na skierowanie nie można odpowiedzieć, zanim zostanie wysłane",
                "a referral cannot be answered before it is sent",
            ),
        )
        unanswered = frame["status"].isin(["sent", "no_answer"]) & frame["answered"].notna()
        chk.per_row(
            raw,
            unanswered,
            "answered",
            lambda v: tr(
                f"{_fmt(v)} to data odpowiedzi, a stan mówi, że odpowiedź nie przyszła",
                f"{_fmt(v)} is an answer date, but the status says no answer came",
            ),
            "inconsistent-status",
            "warning",
        )


def _check_references(
    chk: _Checker, raws: dict[str, RawTable], frames: dict[str, pd.DataFrame]
) -> None:
    empty = pd.Series([], dtype="str")
    ids = {
        name: frames[name]["id"] if name in frames else empty
        for name in ("institutions", "groups", "persons", "families")
    }
    ids["members"] = pd.concat([ids["institutions"], ids["persons"]], ignore_index=True)
    labels = {
        "institutions": tr("instytucją", "an institution"),
        "groups": tr("grupą", "a group"),
        "persons": tr("osobą", "a person"),
        "families": tr("rodziną", "a family"),
        "members": tr("instytucją ani osobą", "an institution or person"),
    }
    # ids shared by institutions, groups and persons would make memberships ambiguous
    owners: dict[str, str] = {}
    for name in _sharing_ids(frames):
        if name not in frames:
            continue
        clash = isin(frames[name]["id"], owners)
        if clash.any():
            chk.per_row(
                raws[name],
                clash,
                "id",
                lambda v: tr(
                    f"{_fmt(v)} to już identyfikator: {owners.get(v, 'inny wiersz')}; "
                    "identyfikatory muszą być niepowtarzalne w instytucjach, grupach i osobach",
                    f"{_fmt(v)} is already the id of {owners.get(v, 'another row')}; "
                    "ids must be unique across institutions, groups and persons",
                ),
                "duplicate-id",
            )
        for value in frames[name]["id"]:
            owners.setdefault(
                value, tr(f"wiersz w {raws[name].label}", f"a row in {raws[name].label}")
            )
    for name, raw in raws.items():
        frame = frames[name]
        for col in raw.spec.columns:
            if col.kind != "ref" or col.name not in raw.frame:
                continue
            assert col.ref is not None
            values = frame[col.name]
            present = values != ""
            source_table = "institutions" if col.ref == "members" else col.ref
            if col.ref != "members" and col.ref not in raws:
                if present.any():
                    chk.add(
                        raw,
                        None,
                        col.name,
                        tr(
                            f"odwołuje się do tabeli {col.ref}.csv, a zbiór danych jej nie ma",
                            f"refers to {col.ref}, but the dataset has no {col.ref} table",
                        ),
                        "missing-table",
                    )
                continue
            known = ids[col.ref]
            unknown = present & ~isin(values, known)
            where = (
                tr("instytucjach ani osobach", "institutions or persons")
                if col.ref == "members"
                else raws[source_table].label
            )
            chk.per_row(
                raw,
                unknown,
                col.name,
                _reference_message(labels[col.ref], where),
                "unknown-reference",
            )


def _sharing_ids(frames: dict[str, pd.DataFrame]) -> tuple[str, ...]:
    """The tables whose ids are checked for clashes: none when no id is in two of them."""
    names = ("institutions", "groups", "persons")
    ids = [frames[name]["id"] for name in names if name in frames]
    for i in range(1, len(ids)):
        if isin(ids[i], pd.concat(ids[:i], ignore_index=True)).any():
            return names
    return ()


def _reference_message(what: str, where: str) -> Callable[[str], str]:
    return lambda value: tr(
        f"{_fmt(value)} nie jest {what} w {where}", f"{_fmt(value)} is not {what} in {where}"
    )


def _warn_isolated(
    chk: _Checker, raws: dict[str, RawTable], frames: dict[str, pd.DataFrame]
) -> None:
    inst = frames["institutions"]
    nothing = pd.Series([], dtype="str")
    used = [nothing]
    for name, cols in (
        ("cooperation", ("source", "target")),
        ("memberships", ("member",)),
        ("services", ("institution",)),
        ("referrals", ("source", "target")),
    ):
        if name in frames:
            for c in cols:
                used.append(pd.Series(frames[name][c].unique()).astype("str"))
    isolated = ~isin(inst["id"], pd.concat(used, ignore_index=True)) & (inst["id"] != "")
    chk.per_row(
        raws["institutions"],
        isolated,
        "id",
        lambda v: tr(
            f"instytucja {_fmt(v)} nie ma powiązań: współpracy, grupy, usługi ani skierowania",
            f"institution {_fmt(v)} has no ties: no cooperation, group, service or referral",
        ),
        "isolated-institution",
        "warning",
    )
    if "groups" in frames:
        members = frames["memberships"]["group"] if "memberships" in frames else nothing
        empty = ~isin(frames["groups"]["id"], members) & (frames["groups"]["id"] != "")
        chk.per_row(
            raws["groups"],
            empty,
            "id",
            lambda v: tr(f"grupa {_fmt(v)} nie ma członków", f"group {_fmt(v)} has no members"),
            "empty-group",
            "warning",
        )
    if "territories" in frames and len(frames["territories"]):
        named = set(frames["territories"]["teryt"])
        for name in ("institutions", "groups", "families"):
            if name not in frames:
                continue
            codes = frames[name]["teryt"]
            unnamed = (codes != "") & ~isin(codes, named)
            if unnamed.any():
                missing = sorted(set(codes[unnamed]))
                shown = ", ".join(missing[:5]) + (", ..." if len(missing) > 5 else "")
                if chk.secret(raws[name], "teryt"):
                    shown = tr("kody niepokazane: dane rodzin", "codes not shown: family data")
                chk.add(
                    raws[name],
                    None,
                    "teryt",
                    tr(
                        f"kodów TERYT spoza tabeli terytoriów: {len(missing)} ({shown}); są "
                        "pokazywane bez nazwy",
                        f"{len(missing)} TERYT code{'s' if len(missing) > 1 else ''} not in the "
                        f"territories table ({shown}); they are shown without a name",
                    ),
                    "unnamed-territory",
                    "warning",
                )


def _check_pseudonyms(chk: _Checker, raws: dict[str, RawTable]) -> None:
    """In a dataset marked as pseudonymised, every family id must look like a pseudonym.

    One problem per column: the first row and how many more (a raw id list can be long).
    """
    for name, column in _FAMILY_COLUMNS:
        raw = raws.get(name)
        if raw is None or column not in raw.frame:
            continue
        values = raw.frame[column]
        wrong = (values != "") & ~values.str.fullmatch(PSEUDONYM_PATTERN.pattern).astype(bool)
        if not wrong.any():
            continue
        rows = wrong.index[wrong.to_numpy()]
        more = f" (and {len(rows) - 1} more rows)" if len(rows) > 1 else ""
        more_pl = f" (i więcej wierszy: {len(rows) - 1})" if len(rows) > 1 else ""
        chk.add(
            raw,
            [rows[0]],
            column,
            tr(
                "to nie pseudonim (F- i 16 cyfr szesnastkowych, jak tworzy je kokon_graph), "
                f"choć zbiór danych jest oznaczony jako pseudonimizowany{more_pl}: surowe "
                "identyfikatory rodzin zostałyby zapisane i pokazane. Usuń to oznaczenie "
                '(--pseudonymised albo "pseudonymised": true) i ustaw klucz pseudonimizacji',
                "is not a pseudonym (F- and 16 hex digits, as kokon_graph makes them) although "
                f"the dataset is marked as pseudonymised{more}: raw family ids would be stored "
                'and shown. Remove the marker (--pseudonymised or "pseudonymised": true) and set '
                "a pseudonymisation key",
            ),
            "not-pseudonymised",
        )


def build_dataset(
    source: RawSource, *, pseudonymised: bool = False
) -> tuple[Dataset | None, list[Problem], list[Problem]]:
    """Type and check every raw table.

    Returns the dataset (``None`` when there are errors), the errors and the
    warnings. Family ids are left as read: :func:`pseudonymise_dataset` replaces them;
    with ``pseudonymised`` they must already have a pseudonym's shape.
    """
    chk = _Checker()
    for problem in source.problems:
        (chk.errors if problem.severity == "error" else chk.warnings).append(problem)
    unreadable = any("institutions" in p.file for p in chk.errors)  # there, but not read
    if "institutions" not in source.tables and not unreadable:
        chk.errors.append(
            Problem(
                source.name,
                None,
                None,
                tr(
                    "brak tabeli instytucji: zbiór danych potrzebuje co najmniej institutions.csv "
                    "(albo arkusza o nazwie instytucje)",
                    "no institutions table: a dataset needs at least institutions.csv (or a sheet "
                    "named institutions)",
                ),
                "missing-table",
            )
        )
    raw_institutions = source.tables.get("institutions")
    if raw_institutions is not None and raw_institutions.frame.empty:
        chk.add(
            raw_institutions,
            None,
            None,
            tr(
                "ma nagłówek, ale nie ma wierszy; zbiór danych potrzebuje co najmniej jednej "
                "instytucji",
                "has a header but no rows; a dataset needs at least one institution",
            ),
            "empty-table",
        )
    if pseudonymised:
        _check_pseudonyms(chk, source.tables)
    frames: dict[str, pd.DataFrame] = {}
    for spec in TABLES:
        raw = source.tables.get(spec.name)
        if raw is None:
            continue
        frame = _type_table(chk, raw)
        _fill_defaults(frame, spec)
        _table_rules(chk, raw, frame)
        frames[spec.name] = frame
    if "institutions" in frames:
        _check_references(chk, source.tables, frames)
        _warn_isolated(chk, source.tables, frames)
    errors = sorted(chk.errors, key=_problem_order)
    warnings = sorted(chk.warnings, key=_problem_order)
    if errors:
        return None, errors, warnings
    tables = {}
    for spec in TABLES:
        frame = frames.get(spec.name)
        if frame is None:
            tables[spec.name] = empty_table(spec.name)
            continue
        frame = frame.reset_index(drop=True)
        for col in spec.columns:
            frame[col.name] = frame[col.name].astype(dtype_for(col.kind))
        tables[spec.name] = frame
    dataset = Dataset(
        **tables,
        name=source.name,
        source=source.location,
        warnings=warnings,
        metadata=dict(source.metadata),
    )
    return dataset, errors, warnings


def _problem_order(p: Problem) -> tuple[str, int, str]:
    return (p.file, p.row or 0, p.column or "")


def pseudonymise_dataset(
    dataset: Dataset, pseudonymise: Callable[[pd.Series], pd.Series]
) -> Dataset:
    """A copy of ``dataset`` with every family id replaced by ``pseudonymise``."""
    replaced = {}
    for name, column in _FAMILY_COLUMNS:
        frame = dataset.table(name)
        replaced[name] = frame.assign(**{column: pseudonymise(frame[column]).astype("str")})
    return dataset.with_tables(**replaced)
