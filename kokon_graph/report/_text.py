"""Words the reports show, in Polish and English."""

from __future__ import annotations

from typing import Final

from kokon_graph.analysis.results import REGISTRY, report_results
from kokon_graph.model import Lang

__all__ = [
    "RESULT_ORDER",
    "RESULT_TITLES",
    "plural_en",
    "plural_pl",
    "result_title",
    "sheet_name",
    "t",
]

#: The order of results in a report (``network`` goes on the summary), from the registry.
RESULT_ORDER: Final = tuple(r.name for r in report_results())

#: ``result -> (Polish title, English title)``; Polish titles fit a sheet name (31 characters).
RESULT_TITLES: Final[dict[str, tuple[str, str]]] = {name: r.sheet for name, r in REGISTRY.items()}

_TEXT: Final[dict[str, tuple[str, str]]] = {
    "report_title": ("Raport sieci współpracy", "Cooperation network report"),
    "compare_title": ("Porównanie sieci: przed i po", "Network comparison: before and after"),
    "summary": ("Podsumowanie", "Summary"),
    "columns_sheet": ("Objaśnienia kolumn", "Column guide"),
    "dataset": ("Zbiór danych", "Dataset"),
    "scope": ("Zakres", "Scope"),
    "wave": ("Fala badania", "Survey wave"),
    "all_waves": ("wszystkie fale", "all waves"),
    "all_kinds": ("wszystkie rodzaje", "all kinds"),
    "page_of": ("strona &P z &N", "page &P of &N"),
    "scorecard": ("Karta gminy", "Gmina scorecard"),
    "status_word": ("stan", "status"),
    "why_word": ("dlaczego", "why"),
    "scorecard_note": (
        "Stan każdej gminy (czerwony, żółty, zielony) według progów opisanych w dokumentacji "
        "raportu; kolumna „dlaczego” podaje kryteria, które go ustaliły.",
        "Each gmina's status (red, amber, green) by the thresholds documented with the report; "
        "the 'why' column names the criteria that set it.",
    ),
    "generated": ("Data raportu", "Report date"),
    "tool": ("Narzędzie", "Tool"),
    "min_count": (
        "Liczby rodzin poniżej progu pokazano jako",
        "Counts of families below the threshold are shown as",
    ),
    "measure": ("Miara", "Measure"),
    "value": ("Wartość", "Value"),
    "result": ("Arkusz / wynik", "Sheet / result"),
    "sheet": ("Arkusz", "Sheet"),
    "result_code": ("Wynik (nazwa pliku CSV)", "Result (CSV file name)"),
    "rows": ("Wiersze", "Rows"),
    "column": ("Kolumna w plikach CSV", "Column in the CSV files"),
    "label": ("Nazwa", "Label"),
    "description": ("Opis", "Description"),
    "reference": ("Wzór / źródło", "Formula / reference"),
    "rows_shown": ("Pokazano {shown} z {total} wierszy.", "Showing {shown} of {total} rows."),
    "rows_truncated_xlsx": (
        "Arkusz {sheet} zawiera pierwsze {shown} z {total} wierszy (limit Excela); "
        "pełna tabela jest w pliku CSV.",
        "Sheet {sheet} holds the first {shown} of {total} rows (Excel's limit); "
        "the full table is in the CSV file.",
    ),
    "rows_top_xlsx": (
        "Arkusz {sheet} zawiera {shown} z {total} wierszy: najważniejsze według kolumny "
        "„{key}” (układ krajowy); pełna tabela jest w pliku CSV {code}.csv.",
        "Sheet {sheet} holds {shown} of {total} rows, the top ones by '{key}' (national "
        "layout); the full table is in the CSV file {code}.csv.",
    ),
    "full_tables": (
        "Pełne tabele są w pliku XLSX i plikach CSV.",
        "The full tables are in the XLSX and CSV files.",
    ),
    "top_actors": ("Najważniejsi aktorzy", "Top actors"),
    "gaps_in_words": ("Luki w koordynacji", "Coordination gaps"),
    "recommendations_in_words": ("Rekomendowane nowe więzi", "Recommended new ties"),
    "plots": ("Wykresy", "Plots"),
    "tables": ("Tabele", "Tables"),
    "map": ("Mapa", "Map"),
    "open_map": ("Otwórz mapę sieci", "Open the network map"),
    "no_gaps": ("Nie znaleziono luk tego rodzaju.", "No gaps of this kind were found."),
    "sort_hint": (
        "Kliknij nagłówek kolumny, aby posortować.",
        "Click a column header to sort.",
    ),
    "empty": ("(brak wierszy)", "(no rows)"),
    "degree_distribution": ("Rozkład stopni", "Degree distribution"),
    "degree": ("stopień", "degree"),
    "institutions": ("liczba instytucji", "number of institutions"),
    "mixing_heatmap": ("Więzi między sektorami", "Ties between sectors"),
    "brokerage_by_sector": ("Role pośrednictwa wg sektorów", "Brokerage roles by sector"),
    "before": ("przed", "before"),
    "after": ("po", "after"),
    "before_after": ("Przed i po", "Before and after"),
    "change": ("zmiana", "change"),
    "no_change": (
        "Brak zmian: obie sieci są takie same pod względem więzi, miar i luk.",
        "No change: the two networks have the same ties, measures and gaps.",
    ),
    "ties_gained": ("Więzi zyskane", "Ties gained"),
    "ties_lost": ("Więzi utracone", "Ties lost"),
    "gaps_closed": ("Luki zamknięte", "Gaps closed"),
    "gaps_opened": ("Luki otwarte", "Gaps opened"),
    "gap_kind": ("rodzaj luki", "kind of gap"),
    "total": ("razem", "total"),
    "and_more": (
        "… i {n} więcej (pełna lista w tabelach poniżej)",
        "… and {n} more (full list in the tables below)",
    ),
    "gminas_ranked": (
        "Gminy według poprawy (więzi zyskane minus utracone)",
        "Gminas by improvement (ties gained minus lost)",
    ),
    "measures_change": ("Miary sieci przed i po", "Network measures before and after"),
    "change_tests": (
        "Czy zmiana jest istotna? Testy permutacyjne",
        "Is the change real? Permutation tests",
    ),
    "change_tests_note": (
        "Każdy wynik porównano z {n} losowymi przetasowaniami (ziarno {seed}); "
        "p podano z błędem Monte Carlo.",
        "Each result was set against {n} random relabelings (seed {seed}); "
        "p is given with its Monte Carlo error.",
    ),
    "moved_most": (
        "Aktorzy, których centralność zmieniła się najbardziej",
        "Actors whose centrality moved most",
    ),
    "from_to": ("z {from_} do {to}", "from {from_} to {to}"),
    "offline_note": (
        "Ten plik działa bez internetu: nie pobiera niczego z sieci.",
        "This file works offline: it loads nothing from the network.",
    ),
}


def t(key: str, lang: Lang) -> str:
    """The text ``key`` in ``lang``."""
    pl, en = _TEXT[key]
    return pl if lang == "pl" else en


def result_title(result: str, lang: Lang) -> str:
    """The short title of a result (``"Centralność"`` / ``"Centrality"``), from the registry;
    a result the registry does not know is shown under its name."""
    known = REGISTRY.get(result)
    return known.title(lang) if known is not None else result


_SHEET_FORBIDDEN = str.maketrans(dict.fromkeys("[]:*?/\\", " "))


def sheet_name(result: str, lang: Lang, taken: set[str] | None = None) -> str:
    """A valid, unique Excel sheet name for a result (at most 31 characters)."""
    name = result_title(result, lang).translate(_SHEET_FORBIDDEN).strip("' ")[:31] or "Sheet"
    taken = taken if taken is not None else set()
    base, n = name, 2
    while name.casefold() in {s.casefold() for s in taken}:
        suffix = f" ({n})"
        name = base[: 31 - len(suffix)] + suffix
        n += 1
    taken.add(name)
    return name


def plural_pl(n: int, one: str, few: str, many: str) -> str:
    """The Polish plural form for ``n``: ``1 rodzina``, ``3 rodziny``, ``14 rodzin``.

    >>> [plural_pl(n, "rodzina", "rodziny", "rodzin") for n in (1, 2, 5, 12, 22, 25)]
    ['rodzina', 'rodziny', 'rodzin', 'rodzin', 'rodziny', 'rodzin']
    """
    if n == 1:
        return one
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return few
    return many


def plural_en(n: int, one: str, many: str) -> str:
    """``family`` for 1, ``families`` otherwise."""
    return one if n == 1 else many


#: Names of survey waves used by the bundled datasets and the generator, in Polish.
_WAVE_WORDS: Final[dict[str, str]] = {"before": "przed", "after": "po"}


def wave_text(wave: str | None, lang: Lang) -> str:
    """A wave (or ``before → after``) as shown; ``before``/``after`` in Polish in a Polish file.

    >>> wave_text("before → after", "pl"), wave_text("2021", "pl"), wave_text(None, "en")
    ('przed → po', '2021', 'all waves')
    """
    if not wave:
        return t("all_waves", lang)
    if lang == "en":
        return wave
    return " → ".join(_WAVE_WORDS.get(part, part) for part in wave.split(" → "))
