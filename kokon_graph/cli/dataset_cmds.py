"""``kokon-graph validate`` and ``kokon-graph info``."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from typing import Any

import click

from kokon_graph import model
from kokon_graph._text import terminal_safe
from kokon_graph.cli._common import (
    dataset_argument,
    dataset_options,
    echo_table,
    load_dataset,
    scope_options,
)
from kokon_graph.cli._help import KokonCommand, bi, pl_doc
from kokon_graph.errors import DatasetError, Problem
from kokon_graph.graph import Scope, build_network
from kokon_graph.lang import current_lang, tr
from kokon_graph.report._text import wave_text
from kokon_graph.report.suppress import suppress_description


def _echo_problems(problems: list[Problem], limit: int) -> None:
    shown = problems if limit <= 0 else problems[:limit]
    for problem in shown:
        click.echo(f"  {terminal_safe(str(problem))}")
    if len(shown) < len(problems):
        more = len(problems) - len(shown)
        click.echo(
            tr(
                f"  ... i {more} więcej (--limit 0 pokazuje wszystkie)",
                f"  ... and {more} more (use --limit 0 to list all)",
            )
        )


#: Each kind of problem (``Problem.rule``) in Polish, for the summary line.
RULE_PL: dict[str, str] = {
    "answer-contradiction": "sprzeczne odpowiedzi",
    "bad-datapackage": "błędny datapackage.json",
    "bad-date": "błędna data",
    "bad-encoding": "błędne kodowanie",
    "bad-number": "błędna liczba",
    "bad-rating": "błędna ocena",
    "bad-row": "błędny wiersz",
    "bad-teryt": "błędny kod TERYT",
    "bad-value": "błędna wartość",
    "control-character": "znak sterujący",
    "datapackage-mismatch": "niezgodność z datapackage.json",
    "duplicate-answer": "powtórzona odpowiedź",
    "duplicate-column": "powtórzona kolumna",
    "duplicate-id": "powtórzony identyfikator",
    "duplicate-membership": "powtórzone członkostwo",
    "duplicate-respondent": "powtórzony respondent",
    "duplicate-table": "powtórzona tabela",
    "duplicate-tie": "powtórzone powiązanie",
    "empty-file": "pusty plik",
    "empty-group": "pusta grupa",
    "empty-table": "pusta tabela",
    "empty-value": "pusta wartość",
    "end-before-start": "koniec przed początkiem",
    "error-value": "wartość błędu Excela",
    "formula-without-value": "formuła bez wartości",
    "hidden-sheet": "ukryty arkusz",
    "identifying-column": "kolumna identyfikująca osobę",
    "ignored-column": "pominięta kolumna",
    "implausible-date": "nieprawdopodobna data",
    "inconsistent-status": "niespójny stan",
    "isolated-institution": "instytucja bez powiązań",
    "known-partner": "znany partner",
    "merged-cells": "scalone komórki",
    "missing-answer": "brak odpowiedzi",
    "missing-column": "brak kolumny",
    "missing-file": "brak pliku",
    "missing-header": "brak nagłówka",
    "missing-table": "brak tabeli",
    "mixed-encoding": "mieszane kodowanie",
    "new-partner": "nowy partner",
    "not-a-form": "to nie formularz",
    "not-pseudonymised": "brak pseudonimizacji",
    "self-tie": "powiązanie z samym sobą",
    "short-name": "krótka nazwa",
    "teryt-level": "kod TERYT niezgodny ze szczeblem",
    "teryt-padded": "uzupełnione zero w kodzie TERYT",
    "too-many-columns": "za dużo kolumn",
    "unknown-column": "nieznana kolumna",
    "unknown-file": "nieznany plik",
    "unknown-partner": "nieznany partner",
    "unknown-reference": "nieznane odwołanie",
    "unknown-value": "nieznana wartość",
    "unnamed-territory": "terytorium bez nazwy",
    "unreadable-file": "nieczytelny plik",
    "wave-exists": "fala już istnieje",
    "wrong-form": "niewłaściwy formularz",
}

#: Tables the template does not name (``responses``), in Polish.
_TABLE_PL: dict[str, str] = {"responses": "odpowiedzi"}


def _summary(problems: list[Problem]) -> str:
    counts = Counter(p.rule for p in problems)
    if current_lang() == "pl":
        return ", ".join(f"{RULE_PL.get(rule, rule)}: {n}" for rule, n in counts.most_common())
    return ", ".join(f"{n} {rule}" for rule, n in counts.most_common())


def table_word(name: str) -> str:
    """A table's name in the language of messages."""
    if current_lang() != "pl":
        return name
    from kokon_graph.template import SHEET_NAMES

    return SHEET_NAMES.get(name, {}).get("pl") or _TABLE_PL.get(name, name)


@click.command(cls=KokonCommand)
@pl_doc(
    """Sprawdź zbiór danych i wypisz każdy problem z plikiem, wierszem i kolumną.

    Kod wyjścia 0: poprawny (ostrzeżenia są wypisane); 2: niepoprawny (wypisany
    jest każdy problem). Z --strict także ostrzeżenia czynią zbiór niepoprawnym.

    \b
    Przykład:
      kokon-graph validate datasets/praski-kokon --strict
      KOKON_PSEUDONYM_KEY=... kokon-graph validate my-gmina.xlsx
    """
)
@dataset_argument
@dataset_options
@click.option(
    "--limit",
    default=200,
    show_default=True,
    metavar="N",
    help=bi("Wypisz co najwyżej N problemów (0: wszystkie).", "List at most N problems (0: all)."),
)
def validate(
    dataset: str,
    encoding: str | None,
    pseudonym_key_file: str | None,
    pseudonymised: bool,
    strict: bool,
    limit: int,
) -> None:
    """Check a dataset and list every problem, with file, row and column.

    Exit code 0: valid (warnings are listed); 2: invalid (every problem is
    listed). With --strict, warnings make the dataset invalid too.

    \b
    Example:
      kokon-graph validate datasets/praski-kokon --strict
      KOKON_PSEUDONYM_KEY=... kokon-graph validate my-gmina.xlsx
    """
    try:
        ds = load_dataset(
            dataset,
            encoding=encoding,
            pseudonym_key_file=pseudonym_key_file,
            pseudonymised=pseudonymised,
            strict=strict,
        )
    except DatasetError as err:
        n = len(err.problems)
        click.echo(
            tr(
                f"{dataset}: NIEPOPRAWNY, problemy: {n} ({_summary(err.problems)}):",
                f"{dataset}: INVALID, {n} problem{'s' if n != 1 else ''} "
                f"({_summary(err.problems)}):",
            )
        )
        _echo_problems(err.problems, limit)
        raise SystemExit(2) from None
    counts = ", ".join(f"{table_word(name)} {n}" for name, n in ds.counts().items() if n)
    click.echo(tr(f"{dataset}: poprawny ({counts})", f"{dataset}: valid ({counts})"))
    if ds.warnings:
        n = len(ds.warnings)
        click.echo(
            tr(
                f"Ostrzeżenia: {n} ({_summary(ds.warnings)}):",
                f"{n} warning{'s' if n != 1 else ''} ({_summary(ds.warnings)}):",
            )
        )
        _echo_problems(ds.warnings, limit)


@click.command(cls=KokonCommand)
@pl_doc(
    """Policz, co zawiera zbiór danych: wiersze, instytucje według sektora, typu, szczebla i
    terytorium, grupy, rodzaje współpracy, stany skierowań i fale badania.

    \b
    Przykład:
      kokon-graph info datasets/liderzy-kooperacji
      kokon-graph info datasets/liderzy-kooperacji --scope powiat:1805 --wave after
      kokon-graph info datasets/praski-kokon --format json
    """
)
@dataset_argument
@dataset_options
@scope_options
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help=bi("Format wyniku (text: tekst, json).", "Output format."),
)
def info(
    dataset: str,
    encoding: str | None,
    pseudonym_key_file: str | None,
    pseudonymised: bool,
    strict: bool,
    scope: Scope,
    wave: str | None,
    fmt: str,
) -> None:
    """Count what a dataset holds: rows, institutions by sector, type, level and
    territory, groups, cooperation kinds, referral statuses and waves.

    \b
    Example:
      kokon-graph info datasets/liderzy-kooperacji
      kokon-graph info datasets/liderzy-kooperacji --scope powiat:1805 --wave after
      kokon-graph info datasets/praski-kokon --format json
    """
    ds = load_dataset(
        dataset,
        encoding=encoding,
        pseudonym_key_file=pseudonym_key_file,
        pseudonymised=pseudonymised,
        strict=strict,
    )
    net = build_network(ds, scope=scope, wave=wave)
    described = suppress_description(net.describe())
    if fmt == "json":
        payload = {
            "dataset": ds.name,
            "scope": str(net.scope),
            "wave": wave,
            "waves": ds.waves,
            "projects": ds.projects,
            **{
                key: {
                    ("/".join(k) if isinstance(k, tuple) else str(k)): v
                    if isinstance(v, str)
                    else int(v)
                    for k, v in series.items()
                }
                for key, series in described.items()
            },
        }
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    title = ds.metadata.get("title")
    lang = current_lang()
    waves = ", ".join(wave_text(w, lang) for w in ds.waves) or tr("brak", "none")
    click.echo(tr("Zbiór danych", "Dataset") + f": {ds.name}" + (f" - {title}" if title else ""))
    click.echo(
        tr(
            f"Zakres: {net.scope.label('pl', ds.territories)}; fala: {wave_text(wave, 'pl')}",
            f"Scope: {net.scope.label('en', ds.territories)}; wave: {wave or 'all'}",
        )
    )
    click.echo(tr(f"Fale: {waves}", f"Waves: {waves}"))
    if ds.projects:
        click.echo(tr("Projekty", "Projects") + f": {', '.join(ds.projects)}")
    for key, series in described.items():
        if series.empty:
            continue
        pl, en, words = _INFO_PARTS[key]
        click.echo(f"{tr(pl, en)}:")
        rows = [
            (
                words(k),
                str(v) if isinstance(v, str) else f"{int(v)}",
            )
            for k, v in series.items()
        ]
        echo_table(rows)


def _vocabulary_word(vocab: model.Vocabulary) -> Callable[[str], str]:
    """Codes in English (as the data holds them), labels in Polish."""
    return lambda code: (
        vocab.label(code, "pl") if current_lang() == "pl" and code in vocab else code
    )


def _table_and_wave(key: Any) -> str:
    table, wave = key
    if wave == "(all waves)":
        return f"{table_word(table)} / {tr('(wszystkie fale)', wave)}"
    return f"{table_word(table)} / {wave_text(wave, current_lang())}"


#: Each part of ``info``: its title (Polish, English) and how its values read.
_INFO_PARTS: dict[str, tuple[str, str, Callable[[Any], str]]] = {
    "tables": ("Wiersze w tabelach", "Rows per table", table_word),
    "sector": (
        "Instytucje według sektora",
        "Institutions by sector",
        _vocabulary_word(model.SECTORS),
    ),
    "type": (
        "Instytucje według typu",
        "Institutions by type",
        _vocabulary_word(model.INSTITUTION_TYPES),
    ),
    "level": (
        "Instytucje według szczebla",
        "Institutions by level",
        _vocabulary_word(model.LEVELS),
    ),
    "voivodeship": ("Instytucje według województwa", "Institutions by voivodeship", str),
    "powiat": ("Instytucje według powiatu", "Institutions by powiat", str),
    "group_type": ("Grupy według typu", "Groups by type", _vocabulary_word(model.GROUP_TYPES)),
    "cooperation_kind": (
        "Powiązania współpracy według rodzaju",
        "Cooperation ties by kind",
        _vocabulary_word(model.COOPERATION_KINDS),
    ),
    "referral_status": (
        "Skierowania według stanu",
        "Referrals by status",
        _vocabulary_word(model.REFERRAL_STATUSES),
    ),
    "wave": ("Wiersze według fali", "Rows per wave", _table_and_wave),
}
