"""``--help`` in Polish and English: every command and option has both texts, and the
language follows ``--lang`` and ``KOKON_LANG``."""

from __future__ import annotations

import subprocess
import sys

import click
import pytest
from click.testing import CliRunner

from kokon_graph.cli import SUMMARIES, main
from kokon_graph.cli._help import polish
from kokon_graph.lang import set_lang
from tests.test_cli import _all_commands


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), env=env)
    return result.exit_code, result.stdout, result.stderr


def test_every_command_and_option_has_a_polish_help_text() -> None:
    missing = []
    for name, command in [("", main), *_all_commands()]:
        if not polish(command.help or ""):
            missing.append(f"`kokon-graph {name}`")
        for param in command.params:
            if isinstance(param, click.Option) and not polish(param.help or ""):
                missing.append(f"`kokon-graph {name}` {param.opts[0]}")
    assert missing == []


def test_polish_summaries_are_the_polish_commands_own() -> None:
    ctx = click.Context(main)
    restore = set_lang("pl")
    try:
        for name in SUMMARIES:
            command = main.get_command(ctx, name)
            assert command is not None
            own = command.get_short_help_str(1000)
            assert own == polish(SUMMARIES[name]), name
            assert own != SUMMARIES[name], name
    finally:
        restore()


POLISH_REPORT_HELP_START = """\
Użycie: main report [OPCJE] ZBIÓR

  Zapisz raport centralności i luk: report.xlsx, csv/*.csv, report.html.
"""


@pytest.mark.parametrize(
    ("args", "env"),
    [(("--lang", "pl", "report", "--help"), None), (("report", "--help"), {"KOKON_LANG": "pl"})],
)
def test_help_is_polish_with_lang_pl_or_kokon_lang(
    args: tuple[str, ...], env: dict[str, str] | None
) -> None:
    code, out, err = run(*args, env=env)
    assert (code, err) == (0, "")
    assert out.startswith(POLISH_REPORT_HELP_START)
    assert "\nOpcje:\n" in out
    assert "  -o, --out FOLDER           Folder do zapisu (tworzony, jeśli go nie ma).\n" in out
    words = " ".join(out.split())
    assert (
        "[domyślnie: xlsx,csv,html]" in words and "(tworzony, jeśli go nie ma). [wymagana]" in words
    )
    assert "  -h, --help                 Pokaż tę pomoc i zakończ.\n" in out
    for english in ("Usage:", "Options:", "Show this message", "default:", "Example"):
        assert english not in out


def test_group_help_is_polish_and_lists_the_commands_in_polish() -> None:
    code, out, _ = run("--lang", "pl", "--help")
    assert code == 0
    assert out.startswith("Użycie: main [OPCJE] POLECENIE [ARGUMENTY]...\n")
    assert "\nPolecenia:\n" in out
    assert "  validate  Sprawdź zbiór danych i wypisz każdy problem z plikiem, wierszem..." in out
    assert "  -V, --version  Pokaż wersję i zakończ.\n" in out
    code, out, _ = run("--lang", "pl", "neo4j", "--help")
    assert "  init    Utwórz ograniczenia i indeksy, których używa" in out


def test_english_help_stays_english() -> None:
    code, out, _ = run("--lang", "en", "report", "--help")
    assert code == 0
    assert out.startswith("Usage: main report [OPTIONS] DATASET\n")
    assert "Folder to write into (created if missing). [required]" in " ".join(out.split())
    assert "Użycie" not in out and "Opcje" not in out


def test_polish_help_imports_neither_pandas_nor_networkx() -> None:
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "kokon_graph", "--lang", "pl", "--help"],
        capture_output=True,
        text=True,
        check=True,
    )
    imported = {line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines()}
    assert "kokon_graph.cli._help" in imported
    assert not {"pandas", "networkx"} & imported
    assert "Polecenia:" in done.stdout


def test_a_command_line_click_cannot_parse_is_explained_in_polish() -> None:
    code, out, err = run("--lang", "pl", "report", "datasets/praski-kokon")
    assert (code, out) == (2, "")
    assert err == (
        "Użycie: main report [OPCJE] ZBIÓR\n"
        "Spróbuj 'main report --help', aby zobaczyć pomoc.\n\n"
        "Błąd: Brak wymaganej opcji '--out' / '-o'.\n"
    )
    code, _, err = run("--lang", "pl", "report", "x", "-o", "y", "--min-count", "0")
    assert code == 2
    assert err.endswith("Błąd: Niepoprawna wartość '--min-count': 0 jest poza zakresem x>=1.\n")
    code, _, err = run("--lang", "pl", "raport")
    assert code == 2 and err.endswith("Błąd: Nie ma polecenia 'raport'.\n")
    code, _, err = run("--lang", "en", "report", "datasets/praski-kokon")
    assert code == 2 and err.endswith("Error: Missing option '--out' / '-o'.\n")
