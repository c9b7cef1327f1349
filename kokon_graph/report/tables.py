"""Results made ready for people: suppressed, vocabulary codes as words, kinds of column.

The numbers are the analysis' own; this module only hides small family counts
(:mod:`kokon_graph.report.suppress`), puts Polish or English words in place of
vocabulary codes and says how each column is to be formatted.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
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

#: Columns naming a group of a partition (a sector by default, or a type, a level).
_GROUP_COLUMNS: Final = frozenset({"group", "source_group", "target_group"})
_PARTITION_VOCABULARIES: Final = (model.SECTORS, model.INSTITUTION_TYPES, model.LEVELS)
_PARTITION_WORDS: Final[dict[str, tuple[str, str]]] = {
    "sector": ("sektor", "sector"),
    "type": ("typ", "type"),
    "level": ("szczebel", "level"),
    "gmina": ("gmina", "gmina"),
    "powiat": ("powiat", "powiat"),
    "voivodeship": ("województwo", "voivodeship"),
}
#: Status words of the comparison (ties, gaps, institutions).
_STATUS_WORDS: Final[dict[str, tuple[str, str]]] = {
    "gained": ("zyskana", "gained"),
    "lost": ("utracona", "lost"),
    "closed": ("zamknięta", "closed"),
    "opened": ("otwarta", "opened"),
    "changed": ("zmieniona", "changed"),
    "both": ("w obu", "both"),
    "before": ("tylko przed", "before only"),
    "after": ("tylko po", "after only"),
    # a sector gap (gaps_sector, and the details of a changed gap in the comparison)
    "absent": ("brak sektora", "absent"),
    "no_tie": ("brak powiązania z OPS/CUS", "no_tie"),
}
#: The statistics of the tests of change (``change_tests`` of a comparison).
_STATISTIC_WORDS: Final = {
    "density": ("gęstość", "density"),
    "reciprocity": ("wzajemność", "reciprocity"),
    "correlation": ("korelacja fal (QAP)", "correlation of the waves (QAP)"),
}
#: Columns saying how a measure was computed: ``exact`` or ``sampled (N pivots, seed S)``.
_METHOD_COLUMNS: Final = frozenset(
    {"betweenness_method", "closeness_method", "path_method", "method"}
)
_SAMPLED = re.compile(r"sampled \((\d+) pivots, seed (\d+)\)")


def method_words(value: object, lang: Lang) -> object:
    """``exact`` / ``sampled (N pivots, seed S)`` in the report's language.

    >>> method_words("sampled (64 pivots, seed 0)", "pl"), method_words("exact", "pl")
    ('przybliżona (punkty startowe: 64, ziarno 0)', 'dokładna')
    """
    if not isinstance(value, str) or lang == "en":
        return value
    if value == "exact":
        return "dokładna"
    match = _SAMPLED.fullmatch(value)
    if match:
        return f"przybliżona (punkty startowe: {match[1]}, ziarno {match[2]})"
    return value


def _measure_label(code: str, lang: Lang) -> str:
    """A measure's label: of the network, else of an institution (centrality)."""
    for result in ("network", "centrality"):
        label = column_text(result, code, lang).label
        if label != code:
            return label
    return code


def _group_label(value: object, lang: Lang) -> object:
    """A partition group (a sector, type or level code) as a word; anything else as it is."""
    if not isinstance(value, str):
        return value
    for vocab in _PARTITION_VOCABULARIES:
        if value in vocab:
            return vocab.label(value, lang)
    return value


def column_kind(name: str, series: pd.Series) -> ColumnKind:
    """How a column is formatted: whole numbers, decimals, shares as percent, dates, text."""
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
    values = series.dropna() if series.dtype == object else ()
    if len(values):
        numbers = [v for v in values if isinstance(v, int | float) and not isinstance(v, bool)]
        if numbers and all(isinstance(v, int) for v in numbers):
            return "int"
        if numbers:
            lowered = name.lower()
            return "percent" if any(h in lowered for h in _PERCENT_HINTS) else "float"
    return "text"


def _sector_at_end(value: object, lang: Lang) -> object:
    """A gap's description ending in a sector code (``Praga-Północ: police``) with the
    sector's label in its place."""
    if not isinstance(value, str) or ": " not in value:
        return value
    where, _, code = value.rpartition(": ")
    return f"{where}: {model.SECTORS.label(code, lang)}" if code in model.SECTORS else value


def _table_words(words: Mapping[str, tuple[str, str]]) -> Callable[[object, Lang], object]:
    """A word for a value from a table of ``code: (Polish, English)``; else the value."""

    def word(value: object, lang: Lang) -> object:
        pair = words.get(value) if isinstance(value, str) else None
        return value if pair is None else pair[0 if lang == "pl" else 1]

    return word


def _measure_word(value: object, lang: Lang) -> object:
    return _measure_label(value, lang) if isinstance(value, str) else value


def _key_words(value: object, lang: Lang) -> object:
    """A sector gap's key: the gmina's code and the sector's, the sector as a word."""
    if not isinstance(value, str):
        return value
    return " ".join(
        model.SECTORS.label(part, lang) if part in model.SECTORS else part
        for part in value.split(" ")
    )


def _gap_word(value: object, lang: Lang) -> object:
    from kokon_graph.analysis.results import GAP_KINDS

    return (
        getattr(GAP_KINDS[value], lang) if isinstance(value, str) and value in GAP_KINDS else value
    )


def _vocabulary_words(
    vocab: model.Vocabulary, second: model.Vocabulary
) -> Callable[[object, Lang], object]:
    """Codes of ``vocab`` (``|``-separated lists too) as their labels; a code only ``second``
    knows as its label there."""

    def label(value: object, lang: Lang) -> object:
        if not isinstance(value, str) or not value:
            return value
        return ", ".join(
            (vocab if part in vocab or part not in second else second).label(part, lang)
            for part in value.split("|")
        )

    return label


_STATUS_COLUMN_WORDS: Final = _table_words(_STATUS_WORDS)

#: How each column that holds codes says them in words: a function of one value and the
#: language. Any other column is shown as it is.
_WORDS: Final[dict[str, Callable[[object, Lang], object]]] = {
    # a ``type`` column of the two-mode results holds group types beside institution types
    **{
        column: _vocabulary_words(vocab, model.GROUP_TYPES if column == "type" else vocab)
        for column, vocab in VOCABULARY_COLUMNS.items()
    },
    "measure": _measure_word,
    **dict.fromkeys(_GROUP_COLUMNS, _group_label),
    "partition": _table_words(_PARTITION_WORDS),
    **dict.fromkeys(_METHOD_COLUMNS, method_words),
    "statistic": _table_words(_STATISTIC_WORDS),
    **dict.fromkeys(("status", "present", "detail_before", "detail_after"), _STATUS_COLUMN_WORDS),
    "description": _sector_at_end,
    "key": _key_words,
    "gap": _gap_word,
}


def translate_codes(column: str, series: pd.Series, lang: Lang) -> pd.Series:
    """Vocabulary codes in ``series`` replaced by their labels (``|``-separated lists too);
    ``series`` itself where there is nothing to translate (a column of :data:`_WORDS` that
    holds no text included)."""
    word = _WORDS.get(column)
    if word is None or not (series.dtype == object or pd.api.types.is_string_dtype(series)):
        return series
    return series.map(lambda value: word(value, lang))


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


def in_language(frame: pd.DataFrame, lang: Lang) -> pd.DataFrame:
    """``frame`` without the other language's twin of a text given in both
    (``reason_en`` beside ``reason_pl`` in a Polish report)."""
    other = "_en" if lang == "pl" else "_pl"
    twins = [
        c
        for c in frame.columns
        if str(c).endswith(other) and f"{str(c)[: -len(other)]}_{lang}" in frame.columns
    ]
    return frame.drop(columns=twins) if twins else frame


def display_table(
    name: str,
    frame: pd.DataFrame,
    *,
    lang: Lang,
    min_count: int,
    translate: bool = True,
) -> DisplayTable:
    """Prepare one result for a person: suppression, words for codes, headers, formats."""
    frame = in_language(frame, lang)
    kinds = {str(c): column_kind(str(c), column) for c, column in frame.items()}
    shown = suppress_result(name, frame, min_count=min_count)
    if translate:
        words = {str(c): translate_codes(str(c), column, lang) for c, column in shown.items()}
        changed = {str(c): words[str(c)] for c, col in shown.items() if words[str(c)] is not col}
        shown = shown.assign(**changed) if changed else shown.copy(deep=False)
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
