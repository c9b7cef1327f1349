"""Results made ready for people: suppressed, vocabulary codes as words, kinds of column.

The numbers are the analysis' own; this module only hides small family counts
(:mod:`kokon_graph.report.suppress`), puts Polish or English words in place of
vocabulary codes and says how each column is to be formatted.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final, Literal

import pandas as pd

from kokon_graph import model
from kokon_graph.model import Lang
from kokon_graph.report._docs import column_text
from kokon_graph.report.suppress import suppress_result

__all__ = [
    "VOCABULARY_COLUMNS",
    "DisplayTable",
    "column_kind",
    "display_table",
    "translate_codes",
]

ColumnKind = Literal["int", "float", "percent", "date", "bool", "text"]

#: Columns whose values are codes of a vocabulary of :mod:`kokon_graph.model`.
VOCABULARY_COLUMNS: Final[dict[str, model.Vocabulary]] = {
    "type": model.INSTITUTION_TYPES,
    "source_type": model.INSTITUTION_TYPES,
    "target_type": model.INSTITUTION_TYPES,
    "sector": model.SECTORS,
    "source_sector": model.SECTORS,
    "target_sector": model.SECTORS,
    "sector_a": model.SECTORS,
    "sector_b": model.SECTORS,
    "level": model.LEVELS,
    "group_type": model.GROUP_TYPES,
    "kinds": model.COOPERATION_KINDS,
    "kind": model.COOPERATION_KINDS,
    "rule": model.SURVEY_RULES,
    # the two modes of the affiliation network (results twomode, twomode_overlaps)
    "mode": model.Vocabulary(
        "two-mode node",
        (
            model.Term("institution", "instytucja", "institution", ()),
            model.Term("group", "grupa", "group", ()),
            model.Term(model.OTHER, "inny", "other", ()),
        ),
    ),
}

_PERCENT_HINTS: Final = ("_rate", "share", "_pct", "proportion")


def column_kind(name: str, series: pd.Series) -> ColumnKind:
    """How a column is formatted: whole numbers, decimals, shares as percent, dates, text."""
    values = series.dropna()
    if pd.api.types.is_bool_dtype(series):
        return "bool"
    if pd.api.types.is_datetime64_any_dtype(series):
        return "date"
    if pd.api.types.is_integer_dtype(series):
        return "int"
    if pd.api.types.is_float_dtype(series):
        lowered = name.lower()
        if any(h in lowered for h in _PERCENT_HINTS):
            return "percent"
        return "float"
    if series.dtype == object and len(values):
        numbers = [v for v in values if isinstance(v, int | float) and not isinstance(v, bool)]
        if numbers and all(isinstance(v, int) for v in numbers):
            return "int"
        if numbers:
            lowered = name.lower()
            return "percent" if any(h in lowered for h in _PERCENT_HINTS) else "float"
    return "text"


def translate_codes(column: str, series: pd.Series, lang: Lang) -> pd.Series:
    """Vocabulary codes in ``series`` replaced by their labels (``|``-separated lists too)."""
    if column == "measure" and (series.dtype == object or pd.api.types.is_string_dtype(series)):
        return series.map(
            lambda v: column_text("network", v, lang).label if isinstance(v, str) else v
        )
    vocab = VOCABULARY_COLUMNS.get(column)
    if vocab is None or not (series.dtype == object or pd.api.types.is_string_dtype(series)):
        return series

    def label(value: object) -> object:
        if not isinstance(value, str) or not value:
            return value
        return ", ".join(vocab.label(part, lang) for part in value.split("|"))

    return series.map(label)


@dataclass(frozen=True)
class DisplayTable:
    """One result as a person sees it.

    Attributes
    ----------
    name
        The result's name (``"centrality"``).
    frame
        Values to show, with the original column names: small family counts
        replaced by ``"<3"``, vocabulary codes by words.
    labels
        Header for each column, in the report's language.
    kinds
        :func:`column_kind` of each column.
    """

    name: str
    frame: pd.DataFrame
    labels: dict[str, str]
    kinds: dict[str, ColumnKind]


def display_table(
    name: str,
    frame: pd.DataFrame,
    *,
    lang: Lang,
    min_count: int,
    translate: bool = True,
) -> DisplayTable:
    """Prepare one result for a person: suppression, words for codes, headers, formats."""
    kinds = {str(c): column_kind(str(c), frame[c]) for c in frame.columns}
    shown = suppress_result(name, frame, min_count=min_count)
    if translate:
        shown = shown.assign(
            **{str(c): translate_codes(str(c), shown[c], lang) for c in shown.columns}
        )
    labels = {str(c): column_text(name, str(c), lang).label for c in frame.columns}
    return DisplayTable(name, shown, labels, kinds)


def display_tables(
    results: Mapping[str, pd.DataFrame], *, lang: Lang, min_count: int, translate: bool = True
) -> dict[str, DisplayTable]:
    """:func:`display_table` of every result."""
    return {
        name: display_table(name, frame, lang=lang, min_count=min_count, translate=translate)
        for name, frame in results.items()
    }
