"""Column labels and explanations, read from the result registry."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from kokon_graph.analysis.results import REGISTRY
from kokon_graph.analysis.scorecard import COLUMNS as SCORECARD_COLUMNS
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
    "status": ("stan", "status", "Stan", "Status"),
    # the comparison's own columns
    "present": ("obecna", "present", "W której sieci jest instytucja", "Which network holds it"),
    "gap": ("rodzaj luki", "gap", "Rodzaj luki w koordynacji", "Kind of coordination gap"),
    "key": ("identyfikatory", "key", "Identyfikatory, których luka dotyczy", "Ids of the gap"),
    "description": ("opis", "description", "Czego dotyczy luka", "What the gap is about"),
    "detail_before": ("szczegóły przed", "detail before", "Szczegóły przed", "Detail before"),
    "detail_after": ("szczegóły po", "detail after", "Szczegóły po", "Detail after"),
    "count_before": (
        "liczba przed",
        "count before",
        "Liczba rodzin lub skierowań przed",
        "Families or referrals before",
    ),
    "count_after": (
        "liczba po",
        "count after",
        "Liczba rodzin lub skierowań po",
        "Families or referrals after",
    ),
    "source": ("od (id)", "source", "Instytucja zgłaszająca", "Reporting institution"),
    "target": ("do (id)", "target", "Instytucja wskazana", "Named institution"),
    "source_name": ("od", "from", "Nazwa instytucji zgłaszającej", "Reporting institution"),
    "target_name": ("do", "to", "Nazwa instytucji wskazanej", "Named institution"),
    "source_sector": ("sektor od", "sector from", "Sektor instytucji zgłaszającej", "Sector"),
    "target_sector": ("sektor do", "sector to", "Sektor instytucji wskazanej", "Sector"),
    "gained": ("zyskane", "gained", "Więzi nowe w sieci „po”", "Ties new in 'after'"),
    "lost": ("utracone", "lost", "Więzi, których nie ma w sieci „po”", "Ties gone in 'after'"),
    "level": ("szczebel", "level", "Szczebel terytorium", "Level of the territory"),
    "territory_name": ("terytorium", "territory", "Nazwa terytorium", "Territory's name"),
    "institutions_before": ("instytucje przed", "institutions before", "Przed", "Before"),
    "institutions_after": ("instytucje po", "institutions after", "Po", "After"),
    "ties_before": ("więzi przed", "ties before", "Przed", "Before"),
    "ties_after": ("więzi po", "ties after", "Po", "After"),
    "density_before": ("gęstość przed", "density before", "Przed", "Before"),
    "density_after": ("gęstość po", "density after", "Po", "After"),
    "density_change": ("zmiana gęstości", "density change", "Po minus przed", "After − before"),
}


#: Tables documented in analysis/ that are not results of the analysis.
_OTHER_TABLES: Final = {"gmina_scorecard": SCORECARD_COLUMNS}


def documented_columns(result: str) -> list[str]:
    """The columns the registry documents for ``result``, in documented order."""
    known = REGISTRY.get(result)
    return list(known.columns) if known is not None else []


def column_text(result: str, column: str, lang: Lang) -> ColumnText:
    """Header label, description and formula/reference of ``column`` of ``result``.

    Taken from :data:`kokon_graph.analysis.results.REGISTRY` (the gmina scorecard's
    from :data:`kokon_graph.analysis.scorecard.COLUMNS`); a column neither documents is
    shown under the report layer's own label, or under its name.
    """
    known = REGISTRY.get(result)
    docs = known.columns if known is not None else _OTHER_TABLES.get(result, {})
    doc = docs.get(column)
    if doc is not None:
        reference = " ".join(part for part in (doc.formula, doc.reference) if part)
        return ColumnText(doc.pl if lang == "pl" else doc.en, doc.describe(lang), reference)
    if column in _OWN:
        pl, en, dpl, den = _OWN[column]
        return ColumnText(pl if lang == "pl" else en, dpl if lang == "pl" else den, "")
    return ColumnText(column, "", "")
