"""Column labels and explanations, read from the result registry."""

from __future__ import annotations

from dataclasses import dataclass

from kokon_graph.analysis.results import REGISTRY
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


def documented_columns(result: str) -> list[str]:
    """The columns the registry documents for ``result``, in documented order."""
    known = REGISTRY.get(result)
    return list(known.columns) if known is not None else []


def column_text(result: str, column: str, lang: Lang) -> ColumnText:
    """Header label, description and formula/reference of ``column`` of ``result``.

    Taken from :data:`kokon_graph.analysis.results.REGISTRY`; a column the
    registry does not document is shown under the report layer's own label,
    or under its name.
    """
    known = REGISTRY.get(result)
    doc = known.columns.get(column) if known is not None else None
    if doc is not None:
        reference = " ".join(part for part in (doc.formula, doc.reference) if part)
        return ColumnText(doc.pl if lang == "pl" else doc.en, doc.description, reference)
    if column in _OWN:
        pl, en, dpl, den = _OWN[column]
        return ColumnText(pl if lang == "pl" else en, dpl if lang == "pl" else den, "")
    return ColumnText(column, "", "")
