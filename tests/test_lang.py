"""--lang and KOKON_LANG; Polish messages show labels with codes in brackets; Polish outputs
hold no English vocabulary code or English word a user would read."""

from __future__ import annotations

import json
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

#: English words that must not reach a Polish reader (besides the vocabulary codes), compared
#: without regard to case; ALL-CAPS words (placeholders such as FILE, acronyms) are left out.
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
        "the",
        "and",
        "of",
        "or",
        "is",
        "not",
        "missing",
        "file",
        "files",
        "row",
        "rows",
        "column",
        "columns",
        "warning",
        "warnings",
        "error",
        "errors",
        "institution",
        "institutions",
        "tie",
        "ties",
        "wave",
        "waves",
        "families",
        "referrals",
        "written",
        "wrote",
        "usage",
        "options",
        "commands",
        "show",
        "message",
        "default",
        "required",
        "network",
        "map",
        "report",
        # the status of a sector gap
        "absent",
        "no_tie",
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


#: Headers of the columns that hold what is not Polish text by design: a column's name in
#: the CSV files (the column guide, the summary's measures) and the literature cited.
_NOT_TEXT_HEADERS = frozenset({t("column", "pl"), t("reference", "pl")})


def _workbook_text(path: Path, *, strings_only: bool = False) -> str:
    """The text a person reads in a workbook: its visible sheets' names and text cells
    (booleans are shown by Excel in its own language; with ``strings_only`` numbers too),
    without the columns of :data:`_NOT_TEXT_HEADERS`."""
    wb = openpyxl.load_workbook(path, read_only=True)
    sheets = [ws for ws in wb.worksheets if ws.sheet_state == "visible"]
    parts = [ws.title for ws in sheets]
    for ws in sheets:
        skipped: set[int] = set()
        for row in ws.iter_rows(values_only=True):
            for i, v in enumerate(row):
                if v in _NOT_TEXT_HEADERS:
                    skipped.add(i)
                elif v is None or isinstance(v, bool) or i in skipped:
                    continue
                elif isinstance(v, str) or not strings_only:
                    parts.append(str(v))
    wb.close()
    return "\n".join(parts)


def _html_text(path: Path) -> str:
    html = path.read_text(encoding="utf-8")
    body = re.sub(r"<(script|style|svg)\b.*?</\1>", " ", html, flags=re.S)
    return unescape(re.sub(r"<[^>]+>", " ", body))


def _shown_html_text(path: Path) -> str:
    """All a page shows or may show a reader: its text, tooltips (``title``), the text of its
    charts (SVG) and the strings of a map's data (side panel, tooltips, legend)."""
    html = path.read_text(encoding="utf-8")
    parts = [_html_text(path)]
    parts += re.findall(r'\b(?:title|alt|aria-label)="([^"]*)"', html)
    parts += re.findall(r"<text\b[^>]*>([^<]*)</text>", html)
    for block in re.findall(r'<script type="application/json"[^>]*>(.*?)</script>', html, re.S):
        parts += _json_strings(json.loads(block))
    return unescape("\n".join(parts))


def _json_strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _json_strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _json_strings(v)]
    return []


def _decimal_points(text: str) -> list[str]:
    """Numbers written with a decimal point (``0.25``) in Polish text, where ``0,25`` is
    right; version numbers
    (``kokon-graph 0.1.0``), file names and references (``doi:10.1007/…``) left out."""
    text = re.sub(r"(kokon-graph|Matplotlib) v?\d+(\.\d+)+\S*", " ", text)
    text = re.sub(r"\S*[/\\]\S*|\S+\.(csv|html|xlsx|json|txt|zip)\b", " ", text)
    found = re.finditer(r"(?<![\w.,])\d+\.\d+(?![\w.])", text)
    return [text[max(m.start() - 40, 0) : m.end() + 10] for m in found]


def _english_found(text: str, allowed: frozenset[str] = frozenset()) -> set[str]:
    """English codes and words in ``text``, leaving out paths and file names
    (``gaps_sector.csv``), option names (``--min-count``), ``scope:code`` values, institution
    ids (``2815-PUP``) and the words in ``allowed``."""
    text = re.sub(r"\S*[/\\]\S*|\S+\.(csv|html|xlsx|json|txt|zip)\b", " ", text)
    text = re.sub(r"(?<!\w)--?[a-z][\w-]*|\b[a-z]+:\S+|\b\w+=\S+", " ", text)
    # what the user wrote is quoted as written, and a suggestion's code follows its label
    text = re.sub(r"'[^'\n]*'( \([a-z_]+\))?", " ", text)
    words = {w for w in re.findall(r"[^\W\d]+", text) if not (len(w) > 1 and w.isupper())}
    codes = (words & _english_codes()) - allowed
    return codes | {w for w in words if w.lower() in ENGLISH_WORDS and w.lower() not in allowed}


#: Words a user types on the command line, shown as such in Polish help: the values of
#: options (``--kind cooperation``, ``--wave before``, ``--partition sector``), which stay
#: English because they are identifiers, each next to its Polish meaning.
_TYPED_VALUES = frozenset(
    {"before", "after", "sector", "exact", "sampled", "auto", "union", "intersection"}
    | {"reconstruction", "cooperation", "referrals", "groups", "aggregate", "ego", "type"}
    | {"level", "information", "resources", "joint_action", "agreement", "other", "memory"}
    | {"gds", "national", "text", "json", "share_group", "same_sector", "same_gmina"}
    | {"voivodeship", "degree", "betweenness", "pagerank", "eigenvector", "project"}
)


def _help_screens() -> dict[str, str]:
    """``--help`` of the program and of every command, in Polish."""
    from tests.test_cli import _all_commands

    screens = {"": run("--lang", "pl", "--help")[1]}
    for name, _command in _all_commands():
        code, out, err = run("--lang", "pl", *name.split(), "--help")
        assert (code, err) == (0, ""), name
        # example lines are commands to copy, in the language of the command line
        screens[name] = "\n".join(
            line for line in out.splitlines() if not line.lstrip().startswith("kokon-graph ")
        )
    return screens


def _survey_import_screens(forms: Path) -> dict[str, str]:
    """``survey import`` of filled forms in Polish: refused (a form is invalid), then with
    the invalid form left out (a summary, the form left out and a warning)."""
    from tests.survey.test_survey import DATASET, WAVE, _fill_scenario

    _fill_scenario(forms)
    args = ("survey", "import", str(forms), "--dataset", str(DATASET), "--wave", WAVE)
    code, out, err = run("--lang", "pl", *args, "--out", str(forms.parent / "nowy"))
    assert code == 2, (out, err)
    return {
        "survey import (invalid)": out + err,
        "survey import": _polish(*args, "--out", str(forms.parent / "nowy2"), "--skip-invalid"),
    }


def _polish(*args: str) -> str:
    """A command run with ``--lang pl``: what it printed, checked to have succeeded."""
    code, out, err = run("--lang", "pl", *args)
    assert code == 0, (args, out, err)
    return out + err


@pytest.mark.slow
def test_every_polish_output_holds_no_english_codes_or_words(tmp_path: Path) -> None:
    data = REPO / "datasets" / "praski-kokon"
    out = tmp_path / "wyniki"
    found: dict[str, set[str]] = {}
    screens = _help_screens()
    commands = frozenset(" ".join(screens).split())  # command names are typed too
    for name, screen in screens.items():
        found[f"kokon-graph {name} --help"] = _english_found(screen, _TYPED_VALUES | commands)
    printed = {
        "validate": _polish("validate", str(data)),
        "validate (invalid)": run("--lang", "pl", "validate", str(INVALID / "many-problems"))[1],
        "info": _polish("info", str(data)),
        "analyze": _polish("analyze", str(data), "--out", str(out / "a")),
        "map": _polish("map", str(data), "--out", str(out / "mapa.html")),
        "map --compare": _polish(
            "map", str(data), "--compare", "before", "after", "--out", str(out / "zmiany.html")
        ),
        "report": _polish("report", str(data), "--out", str(out / "r"), "--no-map"),
        "compare": _polish("compare", str(data), "--out", str(out / "c"), "--permutations", "100"),
        "test": _polish(
            "test", str(data), "--before", "before", "--after", "after", "--permutations", "100"
        ),
        "export": _polish("export", str(data), "--out", str(out / "siec.gexf")),
        "template": _polish("template", "--out", str(out / "szablon.xlsx")),
        "atlas": _polish("atlas", str(data), "--scope", "powiat:1465", "--out", str(out / "at")),
        "generate": _polish("generate", "--scale", "gmina", str(out / "g")),
        "survey forms": _polish(
            "survey",
            "forms",
            str(REPO / "datasets" / "liderzy-kooperacji"),
            "--scope",
            "gmina:1441812",
            "--wave",
            "2026",
            "--out",
            str(out / "ankiety"),
        ),
        "survey status": _polish("survey", "status", str(out / "ankiety")),
        **_survey_import_screens(out / "ankiety"),
    }
    for name, text in printed.items():
        found[name] = _english_found(text)
    files = {
        "report.xlsx": _workbook_text(out / "r" / "report.xlsx"),
        "report.html": _html_text(out / "r" / "report.html"),
        "compare.xlsx": _workbook_text(out / "c" / "compare.xlsx"),
        "compare.html": _html_text(out / "c" / "compare.html"),
        "mapa.html": _html_text(out / "mapa.html"),
        "szablon.xlsx": _workbook_text(out / "szablon.xlsx"),
        "atlas": "\n".join(_html_text(p) for p in sorted((out / "at").rglob("*.html"))[:6]),
        # Polish first, then the same in English
        "README.txt": (out / "a" / "README.txt").read_text("utf-8").split("\nCommand:")[0],
        "ankieta.xlsx": _workbook_text(next((out / "ankiety" / "forms").glob("*.xlsx"))),
    }
    for name, text in files.items():
        found[name] = _english_found(text)
    assert found == {name: set() for name in found}
    # numbers: a decimal comma on screen, in pages, charts, maps and workbook text (cells
    # that hold numbers stay numbers, shown by the spreadsheet in its own way)
    shown = {
        **printed,
        **{
            name: _workbook_text(path, strings_only=True)
            for name, path in {
                "report.xlsx": out / "r" / "report.xlsx",
                "compare.xlsx": out / "c" / "compare.xlsx",
                "ankieta.xlsx": next((out / "ankiety" / "forms").glob("*.xlsx")),
            }.items()
        },
        **{
            str(p.relative_to(out)): _shown_html_text(p)
            for p in sorted(out.rglob("*.html"))
            if "_lib" not in p.parts
        },
    }
    points = {name: _decimal_points(text) for name, text in shown.items()}
    assert points == {name: [] for name in shown}
    assert t("summary", "pl") == "Podsumowanie"


def test_generate_speaks_polish_when_it_refuses_and_when_it_writes(tmp_path: Path) -> None:
    """Every refusal of ``generate`` (a bad scale, seed, density or territory, a file or a
    non-empty folder as OUT) and its summary line: Polish words and decimal commas."""
    (tmp_path / "plik").write_text("x")
    (tmp_path / "pelny").mkdir()
    (tmp_path / "pelny" / "x.txt").write_text("x")
    new = str(tmp_path / "nowy")
    refusals = {
        "scale": ("--scale", "kraj", new),
        "seed": ("--seed", "-1", new),
        "density": ("--families-per-gmina", "-1", new),
        "density nan": ("--families-per-gmina", "nan", new),
        "territory national": ("--scale", "national", "--territory", "02", new),
        "territory digits": ("--territory", "12", new),
        "territory letters": ("--scale", "gmina", "--territory", "abcdefg", new),
        "territory unknown": ("--scale", "voivodeship", "--territory", "99", new),
        "a file": (str(tmp_path / "plik"),),
        "not empty": (str(tmp_path / "pelny"),),
    }
    shown: dict[str, str] = {}
    for name, args in refusals.items():
        code, out, err = run("--lang", "pl", "generate", *args)
        assert (code, out) == (2, ""), (name, err)
        shown[name] = err
    assert shown["territory digits"].splitlines() == [
        "Błąd: kod TERYT powiatu ma 4 cyfry, a nie '12'",
        "Wskazówka: np. --territory 0201",
    ]
    assert shown["territory unknown"].splitlines() == [
        "Błąd: województwa 99 nie ma w planie terytoriów generatora",
        "Wskazówka: kody biegną od 02 do 32",
    ]
    assert shown["not empty"].splitlines() == [
        f"Błąd: folder {str(tmp_path / 'pelny')!r} nie jest pusty",
        "Wskazówka: podaj nowy folder albo --overwrite, by zastąpić w nim pliki zbioru danych",
    ]
    assert "161,5" in shown["density nan"] and "-1,0 jest poza zakresem" in shown["density"]
    shown["summary"] = _polish(
        "generate", "--scale", "voivodeship", "--families-per-gmina", "0", str(tmp_path / "w")
    )
    assert shown["summary"].startswith(f"{tmp_path / 'w'}: województwo ")
    # option values are typed as they are (--scale national)
    found = {name: _english_found(text, _TYPED_VALUES) for name, text in shown.items()}
    assert found == {name: set() for name in shown}
    points = {name: _decimal_points(text) for name, text in shown.items()}
    assert points == {name: [] for name in shown}
