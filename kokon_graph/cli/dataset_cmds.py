"""``kokon-graph validate`` and ``kokon-graph info``."""

from __future__ import annotations

import json
from collections import Counter

import click

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
from kokon_graph.lang import tr
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


def _summary(problems: list[Problem]) -> str:
    counts = Counter(p.rule for p in problems)
    return ", ".join(f"{n} {rule}" for rule, n in counts.most_common())


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
    counts = ", ".join(f"{name} {n}" for name, n in ds.counts().items() if n)
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
    click.echo(f"Dataset: {ds.name}" + (f" - {title}" if title else ""))
    click.echo(f"Scope: {net.scope.label('en', ds.territories)}; wave: {wave or 'all'}")
    click.echo(f"Waves: {', '.join(ds.waves) or 'none'}")
    if ds.projects:
        click.echo(f"Projects: {', '.join(ds.projects)}")
    titles = {
        "tables": "Rows per table",
        "sector": "Institutions by sector",
        "type": "Institutions by type",
        "level": "Institutions by level",
        "voivodeship": "Institutions by voivodeship",
        "powiat": "Institutions by powiat",
        "group_type": "Groups by type",
        "cooperation_kind": "Cooperation ties by kind",
        "referral_status": "Referrals by status",
        "wave": "Rows per wave",
    }
    for key, series in described.items():
        if series.empty:
            continue
        click.echo(f"{titles[key]}:")
        rows = [
            (
                " / ".join(k) if isinstance(k, tuple) else str(k),
                str(v) if isinstance(v, str) else f"{int(v)}",
            )
            for k, v in series.items()
        ]
        echo_table(rows)
