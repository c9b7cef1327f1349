"""--lang and KOKON_LANG; Polish messages show labels with codes in brackets; Polish outputs
hold no English vocabulary code or English word a user would read."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from kokon_graph import model
from kokon_graph.cli import main
from kokon_graph.lang import messages_lang_from
from kokon_graph.report._text import t
from tests.conftest import INVALID, REPO

#: English words that must not reach a Polish reader (besides the vocabulary codes).
ENGLISH_WORDS = frozenset(
    {
        "gap",
        "gaps",
        "key",
        "status",
        "opened",
        "closed",
        "changed",
        "gained",
        "lost",
        "exact",
        "sampled",
        "all",
        "before",
        "after",
        "true",
        "false",
        "none",
        "unknown",
        "reason",
        "sector",
        "measure",
        "value",
        "page",
        "sheet",
    }
)


def _english_codes() -> set[str]:
    """Vocabulary codes that are English words or snake_case (not Polish words as well)."""
    polish = " ".join(
        model.normalize_token(term.pl) for vocab in model.VOCABULARIES.values() for term in vocab
    ).split()
    codes = {t.code for vocab in model.VOCABULARIES.values() for t in vocab}
    return {c for c in codes if len(c) > 3 and c.islower() and c.isascii() and c not in polish} | {
        c for c in codes if "_" in c
    }


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), env=env)
    return result.exit_code, result.stdout, result.stderr


def test_messages_follow_lang_env_and_locale() -> None:
    assert messages_lang_from({"LANG": "pl_PL.UTF-8"}) == "pl"
    assert messages_lang_from({"LC_ALL": "en_US.UTF-8", "LANG": "pl_PL.UTF-8"}) == "en"
    assert messages_lang_from({"KOKON_LANG": "pl", "LANG": "C.UTF-8"}) == "pl"
    assert messages_lang_from({}) == "en"


def test_polish_suggestion_shows_the_label_with_the_code_in_brackets() -> None:
    code, out, _ = run("--lang", "pl", "validate", str(INVALID / "unknown-value"))
    assert code == 2
    assert out.startswith(f"{INVALID / 'unknown-value'}: NIEPOPRAWNY, problemy: 1")
    assert "'edukcja': nieznana wartość; czy chodziło o 'edukacja' (education)?" in out
    code, out, _ = run("validate", str(INVALID / "unknown-value"), env={"KOKON_LANG": "pl"})
    assert "czy chodziło o 'edukacja' (education)?" in out
    code, out, _ = run("--lang", "en", "validate", str(INVALID / "unknown-value"))
    assert "did you mean 'education'?" in out  # label and code are the same word


def test_errors_in_polish_and_a_bad_language_is_one_line_exit_2() -> None:
    code, _, err = run("--lang", "pl", "validate", "nie-ma-takiego")
    assert code == 1
    assert err.startswith("Błąd: 'nie-ma-takiego' nie istnieje\nWskazówka: podaj folder ")
    code, _, err = run("validate", "x", env={"KOKON_LANG": "de"})
    assert code == 2
    assert "KOKON_LANG='de' is not pl or en" in err
    code, _, err = run("--lang", "de", "validate", "x")
    assert code == 2 and "'de' is not one of 'pl', 'en'" in err


def test_global_lang_sets_the_language_of_files(tmp_path: Path) -> None:
    path = tmp_path / "template.xlsx"
    assert run("--lang", "en", "template", "--out", str(path))[0] == 0
    assert openpyxl.load_workbook(path, read_only=True).sheetnames[0] == "readme"


def _workbook_text(path: Path, skip_last: bool) -> str:
    wb = openpyxl.load_workbook(path, read_only=True)
    sheets = wb.worksheets[:-1] if skip_last else wb.worksheets
    parts = [ws.title for ws in wb.worksheets]
    for ws in sheets:
        parts += [str(v) for row in ws.iter_rows(values_only=True) for v in row if v is not None]
    wb.close()
    return "\n".join(parts)


def _html_text(path: Path) -> str:
    html = path.read_text(encoding="utf-8")
    body = re.sub(r"<(script|style|svg)\b.*?</\1>", " ", html, flags=re.S)
    return unescape(re.sub(r"<[^>]+>", " ", body))


def _english_found(text: str) -> set[str]:
    """English codes and words in ``text``, leaving out file names (``gaps_sector.csv``) and
    institution ids (``2815-PUP``)."""
    text = re.sub(r"\S+\.csv\b", " ", text)
    words = set(re.findall(r"[A-Za-z_]+", text))
    return (words & _english_codes()) | {w for w in words if w in ENGLISH_WORDS}


@pytest.mark.slow
def test_polish_outputs_hold_no_english_codes_or_words(tmp_path: Path) -> None:
    data = REPO / "datasets" / "praski-kokon"
    assert run("report", str(data), "--out", str(tmp_path / "r"), "--no-map", "-q")[0] == 0
    assert (
        run(
            "compare",
            str(data),
            "--before",
            "before",
            "--after",
            "after",
            "--out",
            str(tmp_path / "c"),
            "-q",
        )[0]
        == 0
    )
    assert run("template", "--out", str(tmp_path / "s.xlsx"))[0] == 0
    found = {
        # the column guide's descriptions are English still (see docs/reports.md)
        "report.xlsx": _english_found(_workbook_text(tmp_path / "r" / "report.xlsx", True)),
        "report.html": _english_found(_html_text(tmp_path / "r" / "report.html")),
        "compare.html": _english_found(_html_text(tmp_path / "c" / "compare.html")),
        "szablon.xlsx": _english_found(_workbook_text(tmp_path / "s.xlsx", False)),
    }
    assert found == {name: set() for name in found}
    assert t("summary", "pl") == "Podsumowanie"
