"""Column labels and explanations, read from the analysis' documented columns."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kokon_graph.model import Lang

__all__ = ["ColumnText", "column_text", "documented_columns"]


@dataclass(frozen=True)
class ColumnText:
    """What a report shows about one column: header, description, formula or reference."""

    label: str
    description: str
    reference: str


#: Labels of columns the report layer adds itself (comparison tables, identifiers).
_OWN: dict[str, tuple[str, str, str, str]] = {
    # column: (pl, en, description pl, description en)
    "id": ("id", "id", "Identyfikator instytucji", "Institution id"),
    "name": ("nazwa", "name", "Nazwa instytucji", "Institution name"),
    "type": ("typ", "type", "Typ instytucji", "Institution type"),
    "sector": ("sektor", "sector", "Sektor instytucji", "Institution's sector"),
    "teryt": ("TERYT", "TERYT", "Kod terytorialny TERYT", "TERYT territorial code"),
    "measure": ("miara", "measure", "Miara sieci", "Network measure"),
    "before": ("przed", "before", "Wartość w sieci „przed”", "Value in the 'before' network"),
    "after": ("po", "after", "Wartość w sieci „po”", "Value in the 'after' network"),
    "change": ("zmiana", "change", "Po minus przed", "After minus before"),
    "abs_change": (
        "zmiana bezwzględna",
        "absolute change",
        "Wartość bezwzględna zmiany",
        "Absolute value of the change",
    ),
    "status": ("status", "status", "Stan", "Status"),
}


def _columns_module() -> dict[str, dict[str, Any]]:
    try:
        from kokon_graph.analysis.columns import COLUMNS
    except ImportError:  # the analysis is not installed in this checkout yet
        return {}
    return COLUMNS


def documented_columns(result: str) -> list[str]:
    """The columns the analysis documents for ``result``, in documented order."""
    return list(_columns_module().get(result, {}))


def _first(doc: Any, names: tuple[str, ...]) -> str:
    for name in names:
        value = getattr(doc, name, None)
        if value is None and isinstance(doc, dict):
            value = doc.get(name)
        if isinstance(value, str) and value:
            return value
    return ""


def column_text(result: str, column: str, lang: Lang) -> ColumnText:
    """Header label, description and formula/reference of ``column`` of ``result``.

    Taken from :data:`kokon_graph.analysis.columns.COLUMNS`; a column that is
    not documented there is shown under its own name.
    """
    doc = _columns_module().get(result, {}).get(column)
    if doc is not None:
        label = _first(doc, ("label_pl", "pl") if lang == "pl" else ("label_en", "en"))
        description = _first(
            doc,
            ("description_pl", "description", "description_en")
            if lang == "pl"
            else ("description_en", "description", "description_pl"),
        )
        reference = " ".join(
            part for part in (_first(doc, ("formula",)), _first(doc, ("reference",))) if part
        )
        return ColumnText(label or column, description, reference)
    if column in _OWN:
        pl, en, dpl, den = _OWN[column]
        return ColumnText(pl if lang == "pl" else en, dpl if lang == "pl" else den, "")
    return ColumnText(column, "", "")
