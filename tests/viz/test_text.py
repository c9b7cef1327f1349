"""Every text a map shows exists in Polish and English, in one place."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from kokon_graph.viz import text as text_module
from kokon_graph.viz.text import TEXT, format_number, plural

VIZ = Path(text_module.__file__).parent


def fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("key", sorted(TEXT))
def test_every_text_has_both_languages_with_the_same_fields(key: str) -> None:
    entry = TEXT[key]
    assert set(entry) == {"pl", "en"}
    assert entry["pl"].strip() and entry["en"].strip()
    assert fields(entry["pl"]) == fields(entry["en"])


def test_the_page_uses_only_texts_that_exist() -> None:
    script = (VIZ / "static" / "map.js").read_text(encoding="utf-8")
    used = set(re.findall(r"\bT\.(\w+)", script))
    used |= {f"{stem}_{n}" for stem in re.findall(r'plural\("(\w+)"', script) for n in (1, 2, 5)}
    template = (VIZ / "templates" / "map.html").read_text(encoding="utf-8")
    used |= set(re.findall(r"config\.text\.(\w+)", template))
    used |= set(re.findall(r'"(filter_\w+)"\)', template))
    assert used - {"search_territory"}  # found something
    assert used <= set(TEXT), used - set(TEXT)


def test_the_code_uses_only_texts_that_exist() -> None:
    used: set[str] = set()
    for path in VIZ.glob("*.py"):
        source = path.read_text(encoding="utf-8")
        used |= set(re.findall(r'\.t\(\s*"(\w+)"', source))
    assert len(used) > 30
    assert used <= set(TEXT), used - set(TEXT)


def test_polish_numbers_and_plurals() -> None:
    assert format_number(0.12345, "pl") == "0,123"
    assert format_number(0.12345, "en") == "0.123"
    assert format_number(1234567, "pl") == "1234567"
    # 1 powiązanie, 2-4 powiązania, 5-21 powiązań, 22-24 powiązania (but 12-14 powiązań)
    words = {n: plural("edge", n, "pl") for n in (1, 2, 4, 5, 12, 13, 21, 22, 24, 112)}
    assert words == {
        1: "powiązanie",
        2: "powiązania",
        4: "powiązania",
        5: "powiązań",
        12: "powiązań",
        13: "powiązań",
        21: "powiązań",
        22: "powiązania",
        24: "powiązania",
        112: "powiązań",
    }
    assert plural("edge", 2, "en") == "links"
