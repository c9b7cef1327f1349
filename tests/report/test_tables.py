"""report.tables.translate_codes: each column that holds codes says them in words."""

from __future__ import annotations

import pandas as pd

from kokon_graph.report.tables import translate_codes


def _words(column: str, values: list[object], lang: str = "pl") -> list[object]:
    return translate_codes(column, pd.Series(values, dtype=object), lang).tolist()  # type: ignore[arg-type]


def test_codes_become_words_by_column() -> None:
    # labels from kokon_graph.model's vocabularies and the report's own word tables
    sectors = _words("sector", ["health", "education|police", "", None])
    assert sectors[:3] == ["ochrona zdrowia", "edukacja, policja", ""] and pd.isna(sectors[3])
    assert _words("type", ["ops", "ZI"]) == [
        "ośrodek pomocy społecznej",
        "Zespół Interdyscyplinarny",
    ]
    assert _words("status", ["absent", "no_tie", "something"]) == [
        "brak sektora",
        "brak powiązania z OPS/CUS",
        "something",
    ]
    assert _words("status", ["absent"], "en") == ["absent"]
    assert _words("partition", ["sector", "level"]) == ["sektor", "szczebel"]
    assert _words("method", ["exact", "sampled (64 pivots, seed 0)"]) == [
        "dokładna",
        "przybliżona (punkty startowe: 64, ziarno 0)",
    ]
    assert _words("key", ["1465088 police"]) == ["1465088 policja"]
    assert _words("description", ["Praga-Północ: police"]) == ["Praga-Północ: policja"]
    assert _words("group", ["education", "ops", "gmina", 3]) == [
        "edukacja",
        "ośrodek pomocy społecznej",
        "gmina",
        3,
    ]
    assert _words("gap", ["referrals"], "en")[0] != "referrals"


def test_other_columns_and_numbers_are_left_as_they_are() -> None:
    names = pd.Series(["health", "ops"], dtype=object)
    assert translate_codes("name", names, "pl") is names
    numbers = pd.Series([1, 2])
    assert translate_codes("sector", numbers, "pl") is numbers
