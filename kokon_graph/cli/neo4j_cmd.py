"""``kokon-graph neo4j``: init, load, export and query a Neo4j database.

Credentials: the user from ``--user`` or ``NEO4J_USERNAME`` (default
``neo4j``), the password from ``NEO4J_PASSWORD`` or, when that is not set, a
hidden prompt. There is no password option: a password on a command line
ends up in the shell history and the process list.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any, TypeVar

import click
import pandas as pd

from kokon_graph._text import neutralise_formulas, terminal_safe
from kokon_graph.cli._common import (
    dataset_argument,
    dataset_options,
    echo_table,
    load_dataset,
    progress,
    quiet_option,
)
from kokon_graph.cli._help import KokonGroup, bi, pl_doc
from kokon_graph.cli._store import DEFAULT_USER as _DEFAULT_USER
from kokon_graph.cli._store import dataset_from_store, open_store
from kokon_graph.errors import StoreError
from kokon_graph.io.schema import LIST_SEPARATOR
from kokon_graph.lang import current_lang, localise_number, tr

F = TypeVar("F", bound=Callable[..., Any])

__all__ = ["compute_in_gds_at", "dataset_from_store", "neo4j", "open_store"]


def connection_options(f: F) -> F:
    """``--uri``, ``--user`` and ``--database``."""
    f = click.option(
        "--database",
        "-d",
        metavar="NAME",
        envvar="NEO4J_DATABASE",
        default=None,
        help=bi(
            "Baza danych (domyślnie: $NEO4J_DATABASE, a gdy go brak, domyślna baza serwera).",
            "Database (default: $NEO4J_DATABASE, else the server's default).",
        ),
    )(f)
    f = click.option(
        "--user",
        "-u",
        metavar="NAME",
        envvar="NEO4J_USERNAME",
        default=_DEFAULT_USER,
        show_default=True,
        help=bi(
            "Nazwa użytkownika (domyślnie: $NEO4J_USERNAME, a gdy go brak, neo4j). Hasło "
            "pochodzi z $NEO4J_PASSWORD albo jest pytane.",
            "User name (default: $NEO4J_USERNAME, else neo4j). The password comes from "
            "$NEO4J_PASSWORD or is asked for.",
        ),
    )(f)
    f = click.option(
        "--uri",
        metavar="URI",
        envvar="NEO4J_URI",
        default=None,
        help=bi(
            "Gdzie jest baza: neo4j://host:7687, neo4j+s://xxxx.databases.neo4j.io, "
            "bolt+s://host:7687 (domyślnie: $NEO4J_URI).",
            "Where the database is: neo4j://host:7687, neo4j+s://xxxx.databases.neo4j.io, "
            "bolt+s://host:7687 (default: $NEO4J_URI).",
        ),
    )(f)
    return f


def compute_in_gds_at(uri: str, network: Any, **options: Any) -> Any:
    """Compute in the GDS of the Neo4j database at ``uri`` (``analyze --engine gds``).

    ``network`` is the one read from that database; ``options`` go to
    :func:`kokon_graph.store.gds.compute_in_gds`.
    """
    from kokon_graph.store import is_falkordb_uri
    from kokon_graph.store.gds import compute_in_gds

    if "://" not in uri or is_falkordb_uri(uri):
        raise StoreError(
            tr(
                f"--engine gds liczy wewnątrz Neo4j, a {uri!r} to nie baza Neo4j",
                f"--engine gds computes inside Neo4j, and {uri!r} is not a Neo4j database",
            ),
            hint=tr(
                "podaj adres bazy jako ZBIÓR (neo4j://host:7687 albo bolt://host:7687) "
                "albo pomiń --engine gds",
                "give the database's URI as DATASET (neo4j://host:7687 or bolt://host:7687), "
                "or leave out --engine gds",
            ),
        )
    with open_store(uri, database=os.environ.get("NEO4J_DATABASE") or None) as session:
        return compute_in_gds(session, network, **options)


@click.group(cls=KokonGroup)
@pl_doc(
    """Przechowuj sieć w Neo4j: schemat, wczytywanie, eksport i gotowe zapytania.

    Hasło pochodzi z NEO4J_PASSWORD albo jest pytane; użytkownik z --user albo
    NEO4J_USERNAME. Wczytywanie jest idempotentne: ponowne wczytanie zbioru
    danych albo późniejszej fali badania dodaje to, co nowe, i niczego nie
    powiela.

    \b
    Przykład:
      export NEO4J_PASSWORD=...
      kokon-graph neo4j init --uri neo4j://localhost:7687
      kokon-graph neo4j load datasets/praski-kokon --uri neo4j://localhost:7687
      kokon-graph neo4j query sector_gaps --uri neo4j://localhost:7687 --param gmina=1465088
    """
)
def neo4j() -> None:
    """Keep the network in Neo4j: schema, loading, export and ready queries.

    The password comes from NEO4J_PASSWORD or is asked for; the user from
    --user or NEO4J_USERNAME. Loading is idempotent: loading a dataset again,
    or a later survey wave, adds what is new and duplicates nothing.

    \b
    Example:
      export NEO4J_PASSWORD=...
      kokon-graph neo4j init --uri neo4j://localhost:7687
      kokon-graph neo4j load datasets/praski-kokon --uri neo4j://localhost:7687
      kokon-graph neo4j query sector_gaps --uri neo4j://localhost:7687 --param gmina=1465088
    """


@neo4j.command()
@pl_doc(
    """Utwórz ograniczenia i indeksy, których używa kokon-graph (idempotentnie).

    \b
    Przykład:
      kokon-graph neo4j init --uri neo4j+s://xxxx.databases.neo4j.io
    """
)
@connection_options
def init(uri: str | None, user: str, database: str | None) -> None:
    """Create the constraints and indexes kokon-graph uses (idempotent).

    \b
    Example:
      kokon-graph neo4j init --uri neo4j+s://xxxx.databases.neo4j.io
    """
    from kokon_graph.store import apply_schema

    with open_store(uri, user=user, database=database) as session:
        n = apply_schema(session)
        click.echo(
            tr(
                f"Schemat założony w {session.location}: ograniczenia i indeksy: {n} "
                "(istniejące zostają).",
                f"Schema applied to {session.location}: {n} constraints and indexes "
                "(existing ones are kept).",
            )
        )


def _report_rows(report: Any) -> list[tuple[str, ...]]:
    return [(s.what, _count(s.rows), _count(s.created), _count(s.matched)) for s in report.steps]


@neo4j.command()
@pl_doc(
    """Wczytaj zbiór danych do bazy, partiami (każda w jednej transakcji).

    To, co już jest wczytane, zostaje dopasowane, a nie powielone: wczytaj
    zbiór ponownie albo jego późniejszą falę, a utworzone zostanie tylko to, co
    nowe. Jeśli wczytywanie się przerwie (serwer zniknął), uruchom to samo
    polecenie ponownie, aby je dokończyć. Z --sync usuwane jest też to, co
    zniknęło z plików (zob. docs/neo4j.md); --dry-run najpierw pokazuje liczby.

    \b
    Przykład:
      kokon-graph neo4j load datasets/praski-kokon --uri neo4j://localhost:7687
      kokon-graph neo4j load survey-2023.xlsx --uri neo4j://localhost:7687 --database rops
      kokon-graph neo4j load survey-2024/ --uri neo4j://localhost:7687 --sync --dry-run
    """
)
@dataset_argument
@connection_options
@click.option(
    "--batch-size",
    type=click.IntRange(min=1),
    default=5000,
    show_default=True,
    metavar="N",
    help=bi("Wierszy na transakcję.", "Rows per transaction."),
)
@click.option(
    "--jobs",
    type=click.IntRange(min=1),
    default=2,  # kokon_graph.store.load.DEFAULT_JOBS (not imported for --help)
    show_default=True,
    metavar="N",
    help=bi(
        "Ile transakcji naraz: przy N > 1 serwer Neo4j zapisuje powiaty w N rozłącznych "
        "częściach jednocześnie (gdy serwer ma wolne rdzenie; 1: jedna po drugiej). Wynik "
        "jest ten sam.",
        "Transactions at once: with N > 1 the Neo4j server writes the powiats in N disjoint "
        "parts at the same time (where the server has free cores; 1: one after another). "
        "The graph is the same.",
    ),
)
@click.option(
    "--no-init",
    is_flag=True,
    default=False,
    help=bi("Nie zakładaj schematu przed wczytaniem.", "Do not apply the schema before loading."),
)
@click.option(
    "--sync",
    is_flag=True,
    default=False,
    help=bi(
        "Usuń też to, czego nie ma już w plikach: rodziny oraz powiązania, członkostwa, "
        "usługi i skierowania fal zawartych w plikach. Bez tej opcji nic nigdy nie jest "
        "usuwane.",
        "Also remove what is no longer in the files: families, and the ties, memberships, "
        "services and referrals of the waves the files hold. Without it nothing is ever removed.",
    ),
)
@click.option(
    "--dry-run",
    is_flag=True,
    default=False,
    help=bi(
        "Nie zapisuj niczego; wypisz, ile wierszy wczytanie (z --sync: synchronizacja) by "
        "dodało, zmieniło i usunęło, tabela po tabeli.",
        "Write nothing; print how many rows the load (with --sync: the sync) would add, "
        "change and remove, table by table.",
    ),
)
@dataset_options
@quiet_option
def load(
    dataset: str,
    uri: str | None,
    user: str,
    database: str | None,
    batch_size: int,
    jobs: int,
    no_init: bool,
    sync: bool,
    dry_run: bool,
    encoding: str | None,
    pseudonym_key_file: str | None,
    pseudonymised: bool,
    strict: bool,
    quiet: bool,
) -> None:
    """Load a dataset into the database, in batches (one transaction each).

    What is loaded already is matched, not duplicated: load a dataset again,
    or a later wave of it, and only what is new is created. If the load
    stops (the server went away), run the same command again to complete it.
    With --sync, what disappeared from the files is removed too (see
    docs/neo4j.md); --dry-run shows the counts first.

    \b
    Example:
      kokon-graph neo4j load datasets/praski-kokon --uri neo4j://localhost:7687
      kokon-graph neo4j load survey-2023.xlsx --uri neo4j://localhost:7687 --database rops
      kokon-graph neo4j load survey-2024/ --uri neo4j://localhost:7687 --sync --dry-run
    """
    from kokon_graph.store import load_dataset as store_load
    from kokon_graph.store import plan_load
    from kokon_graph.store.sync import apply_removals, plan_sync

    ds = load_dataset(
        dataset,
        encoding=encoding,
        pseudonym_key_file=pseudonym_key_file,
        pseudonymised=pseudonymised,
        strict=strict,
    )
    plan = plan_load(ds)
    with open_store(uri, user=user, database=database) as session:
        diff = plan_sync(session, ds) if sync or dry_run else None
        if dry_run and diff is not None:
            _echo_diff(diff, sync=sync)
            return
        bar = progress(
            range(plan.total), label=tr("Wczytywanie", "Loading"), length=plan.total, quiet=quiet
        )
        with bar:
            report = store_load(
                session,
                plan,
                batch_size=batch_size,
                jobs=jobs,
                schema=not no_init,
                on_batch=lambda _step, n: bar.update(n),
            )
        removed = (
            apply_removals(session, diff, batch_size=batch_size)
            if sync and diff is not None
            else None
        )
    if quiet:
        return
    click.echo(
        tr(
            f"Wczytano {dataset} do {report.location}: wiersze {_count(report.rows)}, partie "
            f"{_count(report.batches)}; utworzone {_count(report.created)}, "
            f"dopasowane {_count(report.matched)} "
            "(już były).",
            f"Loaded {dataset} into {report.location}: {_count(report.rows)} rows in "
            f"{_count(report.batches)} batches; {_count(report.created)} created, "
            f"{_count(report.matched)} "
            "matched (there already).",
        )
    )
    echo_table(
        _report_rows(report),
        header=(
            tr("co", "what"),
            tr("wiersze", "rows"),
            tr("utworzone", "created"),
            tr("dopasowane", "matched"),
        ),
    )
    if removed is not None and diff is not None:
        gone = ", ".join(f"{t.table} {_count(len(t.removed))}" for t in diff.tables if t.removed)
        click.echo(
            tr(
                "Synchronizacja usunęła wiersze, których nie ma już w plikach: "
                f"{_count(diff.removed)}",
                f"Sync removed {_count(diff.removed)} rows no longer in the files",
            )
            + (f": {gone}." if gone else ".")
        )


def _echo_diff(diff: Any, *, sync: bool) -> None:
    """The dry run's table: rows each table would add, change and (with --sync) remove."""
    waves = ", ".join(w or tr("(bez fali)", "(no wave)") for w in diff.waves) or tr("brak", "none")
    click.echo(
        tr(
            f"Próba na sucho w {diff.location} (fale w plikach: {waves}); nic nie zapisano.",
            f"Dry run against {diff.location} (waves in the files: {waves}); nothing was written.",
        )
    )
    rows = [
        (
            t.table,
            f"{_count(t.added)}",
            f"{_count(t.changed)}",
            f"{_count(len(t.removed))}" if sync else "-",
        )
        for t in diff.tables
    ]
    echo_table(
        rows,
        header=(
            tr("tabela", "table"),
            tr("dodać", "add"),
            tr("zmienić", "change"),
            tr("usunąć", "remove"),
        ),
    )
    if not sync:
        click.echo(tr("Bez --sync nic nie jest usuwane.", "Without --sync nothing is removed."))


@neo4j.command()
@pl_doc(
    """Zapisz bazę z powrotem jako folder zbioru danych (pliki CSV + datapackage.json).

    Folder jest sprawdzany jak każdy zbiór danych, zanim zostanie zapisany, i
    równa się temu, co wczytano.

    \b
    Przykład:
      kokon-graph neo4j export --uri neo4j://localhost:7687 exported/
    """
)
@connection_options
@click.argument("out", metavar="OUT", type=click.Path(file_okay=False))
def export(uri: str | None, user: str, database: str | None, out: str) -> None:
    """Write the database back as a dataset folder (CSV files + datapackage.json).

    The folder is checked like any dataset before it is written, and equals
    what was loaded.

    \b
    Example:
      kokon-graph neo4j export --uri neo4j://localhost:7687 exported/
    """
    from kokon_graph.store import export_dataset

    with open_store(uri, user=user, database=database) as session:
        ds = export_dataset(session, out)
        location = session.location
    counts = ", ".join(f"{name} {_count(n)}" for name, n in ds.counts().items() if n)
    click.echo(
        tr(
            f"Wyeksportowano {location} do {out}: {counts}",
            f"Exported {location} to {out}: {counts}",
        )
    )


def _count(n: int) -> str:
    """A count as the reader writes it: ``12 345`` in Polish, ``12,345`` in English."""
    return localise_number(f"{n:,}", current_lang())


def _cell(value: Any, lang: str = "en") -> str:
    """A value of a query's row as text: in English as a program reads it (``true``,
    ``0.25``); in Polish as a person does (``tak``, ``0,25``)."""
    if value is None or value is pd.NA:
        return ""
    if isinstance(value, bool):
        return ("tak" if value else "nie") if lang == "pl" else ("true" if value else "false")
    if isinstance(value, float):
        return "" if value != value else localise_number(f"{value:.4g}", lang)
    if isinstance(value, list | tuple):
        return LIST_SEPARATOR.join(_cell(v, lang) for v in value)
    return str(value)


def _query_table(name: str, frame: pd.DataFrame) -> tuple[tuple[str, ...], list[tuple[str, ...]]]:
    """The header and rows of ready query ``name``'s answer as the language of messages
    shows it. In Polish: the headers of the analysis result the query mirrors (its
    ``@mirrors``, from the one contract of results) and the words of vocabulary codes
    (as the report shows them); numbers with a decimal comma."""
    lang = current_lang()
    cells = {c: pd.Series([_cell(v, lang) for v in frame[c].tolist()], dtype=object) for c in frame}
    header = tuple(frame.columns)
    if lang == "pl":
        from kokon_graph.analysis.results import REGISTRY
        from kokon_graph.report.tables import translate_codes
        from kokon_graph.store.queries import ready_query

        mirrored = REGISTRY.get(ready_query(name).mirrors.removeprefix("kokon_graph.analysis."))
        if mirrored is not None:
            header = tuple(mirrored.label(c, lang) for c in header)
        cells = {c: translate_codes(c, values, lang) for c, values in cells.items()}
    table = pd.DataFrame(cells, columns=list(frame.columns))
    return header, list(table.itertuples(index=False, name=None))


def _parse_params(items: tuple[str, ...]) -> dict[str, str]:
    out: dict[str, str] = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise click.BadParameter(
                tr(f"{item!r} to nie klucz=wartość", f"{item!r} is not key=value"),
                param_hint="--param",
            )
        out[key.strip()] = value
    return out


@neo4j.command()
@pl_doc(
    """Uruchom gotowe zapytanie z cypher/queries/ i wypisz jego wiersze; bez NAZWA wypisz listę.

    \b
    Przykład:
      kokon-graph neo4j query
      kokon-graph neo4j query central_actors --uri neo4j://localhost:7687 --param gmina=2815011
      kokon-graph neo4j query unanswered_referrals --param teryt=2815 --csv > referrals.csv
    """
)
@click.argument("name", metavar="NAME", required=False)
@connection_options
@click.option(
    "--param",
    "-p",
    "params",
    multiple=True,
    metavar="KEY=VALUE",
    help=bi(
        "Parametr zapytania (można powtarzać); listy jako a,b albo JSON.",
        "A parameter of the query (repeatable); lists as a,b or JSON.",
    ),
)
@click.option(
    "--csv",
    "as_csv",
    is_flag=True,
    default=False,
    help=bi("Wypisz CSV zamiast tabeli.", "Print CSV instead of a table."),
)
@click.option(
    "--raw",
    is_flag=True,
    default=False,
    help=bi(
        "Z --csv: wypisz tekst dokładnie, dla programów; domyślnie komórka zaczynająca się od "
        "=, +, -, @ dostaje na początku ', a znaki sterujące są zastępowane, aby ani arkusz, ani "
        "terminal nie wykonał tego, co zawiera nazwa.",
        "With --csv: print text exactly, for programs; by default a cell beginning with =, +, "
        "-, @ gets a leading ' and control characters are replaced, so that neither a spreadsheet "
        "nor a terminal runs what a name holds.",
    ),
)
def query(
    name: str | None,
    uri: str | None,
    user: str,
    database: str | None,
    params: tuple[str, ...],
    as_csv: bool,
    raw: bool,
) -> None:
    """Run a ready query of cypher/queries/ and print its rows; without NAME, list them.

    \b
    Example:
      kokon-graph neo4j query
      kokon-graph neo4j query central_actors --uri neo4j://localhost:7687 --param gmina=2815011
      kokon-graph neo4j query unanswered_referrals --param teryt=2815 --csv > referrals.csv
    """
    from kokon_graph.store import query_parameters, ready_queries, run_query

    if name is None:
        for q in ready_queries():
            args = " ".join(f"{p.name}=..." if p.required else f"[{p.name}=...]" for p in q.params)
            click.echo(f"{q.stem}  {args}".rstrip())
            click.echo(f"    {q.summary.split('. ')[0].rstrip('.')}.")
        return
    values = query_parameters(name, _parse_params(params))
    with open_store(uri, user=user, database=database) as session:
        frame = run_query(session, name, values)
    if as_csv:
        cells = pd.DataFrame(
            {c: pd.Series([_cell(v) for v in frame[c].tolist()], dtype=object) for c in frame},
            columns=list(frame.columns),
        )
        if not raw:
            cells = neutralise_formulas(cells).map(terminal_safe)
        text = cells.to_csv(index=False, lineterminator="\n")
        click.echo(text, nl=False)
        return
    if frame.empty:
        click.echo(tr(f"{name}: brak wierszy.", f"{name}: no rows."))
        return
    header, rows = _query_table(name, frame)
    echo_table(rows, header=header, indent=0)
    click.echo(tr(f"(wiersze: {len(rows)})", f"({len(rows)} row{'s' if len(rows) != 1 else ''})"))
