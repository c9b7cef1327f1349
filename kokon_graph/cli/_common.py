"""Options and helpers shared by the commands."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import click

from kokon_graph._text import terminal_safe
from kokon_graph.cli._help import bi
from kokon_graph.errors import KokonError
from kokon_graph.graph import Network, Relation, Scope, build_network
from kokon_graph.io import Dataset, read_dataset
from kokon_graph.lang import tr

__all__ = [
    "dataset_argument",
    "dataset_options",
    "echo_table",
    "is_store_uri",
    "lang_option",
    "load_dataset",
    "load_network",
    "min_count_option",
    "out_dir_option",
    "progress",
    "quiet_option",
    "relation_option",
    "scope_option",
    "scope_options",
    "wave_option",
]

F = TypeVar("F", bound=Callable[..., Any])

_STORE_URI = re.compile(r"^((neo4j|bolt)(\+s|\+ssc)?|falkordb)://", re.IGNORECASE)


def is_store_uri(text: str) -> bool:
    """Whether ``text`` names a Neo4j database (``neo4j://``, ``bolt+s://``, ...) or a
    FalkorDB graph (``falkordb://``)."""
    return bool(_STORE_URI.match(text))


def dataset_argument(f: F) -> F:
    """The ``DATASET`` argument: a folder of CSV files or an .xlsx workbook."""
    return click.argument("dataset", metavar="DATASET")(f)


def dataset_options(f: F) -> F:
    """Options that control how a dataset is read."""
    options = [
        click.option(
            "--encoding",
            metavar="NAME",
            default=None,
            help=bi(
                "Kodowanie plików CSV (domyślnie: UTF-8, potem cp1250).",
                "Encoding of the CSV files (default: UTF-8, then cp1250).",
            ),
        ),
        click.option(
            "--pseudonym-key-file",
            type=click.Path(dir_okay=False),
            default=None,
            help=bi(
                "Plik z kluczem, którym pseudonimizowane są identyfikatory rodzin "
                "(domyślnie: $KOKON_PSEUDONYM_KEY albo $KOKON_PSEUDONYM_KEY_FILE).",
                "File holding the key that pseudonymises family ids "
                "(default: $KOKON_PSEUDONYM_KEY or $KOKON_PSEUDONYM_KEY_FILE).",
            ),
        ),
        click.option(
            "--pseudonymised",
            is_flag=True,
            default=False,
            help=bi(
                "Identyfikatory rodzin są już pseudonimami; nie haszuj ich ponownie.",
                "The family ids are pseudonyms already; do not hash them again.",
            ),
        ),
        click.option(
            "--strict",
            is_flag=True,
            default=False,
            help=bi("Traktuj ostrzeżenia jak błędy.", "Treat warnings as errors."),
        ),
    ]
    for option in reversed(options):
        f = option(f)
    return f


def _parse_scope(ctx: click.Context, param: click.Parameter, value: str | None) -> Scope:
    return Scope.parse(value)


def scope_option(f: F) -> F:
    """``--scope SCOPE``, parsed into a :class:`~kokon_graph.graph.Scope` as it is read."""
    return click.option(
        "--scope",
        default=None,
        metavar="SCOPE",
        callback=_parse_scope,
        help=bi(
            "Część danych: voivodeship:28 (województwo), powiat:2815, gmina:2815011, "
            "project:NAZWA (projekt; domyślnie: całość).",
            "Part of the data: voivodeship:28, powiat:2815, gmina:2815011, "
            "project:NAME (default: all).",
        ),
    )(f)


def wave_option(f: F) -> F:
    """``--wave WAVE``."""
    return click.option(
        "--wave",
        default=None,
        metavar="WAVE",
        help=bi(
            "Fala badania do analizy (np. before, after, 2021); domyślnie: wszystkie fale razem.",
            "Survey wave to analyse (e.g. before, after, 2021); default: all waves together.",
        ),
    )(f)


def scope_options(f: F) -> F:
    """``--scope`` and ``--wave``."""
    return scope_option(wave_option(f))


def _parse_relation(ctx: click.Context, param: click.Parameter, value: str | None) -> Relation:
    return Relation.parse(value)


def relation_option(f: F) -> F:
    """``--relation KINDS``: only these cooperation kinds count as ties."""
    return click.option(
        "--relation",
        default=None,
        metavar="KINDS",
        callback=_parse_relation,
        help=bi(
            "Tylko te rodzaje współpracy, po przecinku: information (informacja), resources "
            "(zasoby), joint_action (wspólne działania), agreement (porozumienie), other "
            "(inne); domyślnie: wszystkie.",
            "Only these cooperation kinds, comma-separated: information, resources, "
            "joint_action, agreement, other (default: all).",
        ),
    )(f)


def min_count_option(f: F) -> F:
    """``--min-count N``: counts of families below N show as ``<N``."""
    return click.option(
        "--min-count",
        default=3,
        show_default=True,
        type=click.IntRange(min=1),
        metavar="N",
        help=bi(
            "Liczby rodzin (i skierowań) mniejsze niż N pokazuj jako '<N'.",
            "Show counts of families (and referrals) below N as '<N'.",
        ),
    )(f)


def _writable_folder(path: Path) -> None:
    """Fail unless ``path`` is, or can be created as, a folder we may write into."""
    probe = path
    while not probe.exists() and probe != probe.parent:
        probe = probe.parent
    if not probe.is_dir() or not os.access(probe, os.W_OK):
        raise KokonError(
            tr(f"nie da się zapisać wyników w {path}: ", f"cannot write the results to {path}: ")
            + (
                tr(f"{probe} to nie folder", f"{probe} is not a folder")
                if not probe.is_dir()
                else tr("brak uprawnień", "permission denied")
            ),
            hint=tr(
                "wybierz opcją --out folder, w którym możesz zapisywać",
                "choose a folder you can write to with --out",
            ),
        )


def _check_out_dir(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
    if value is not None:
        _writable_folder(Path(value))
    return value


def out_dir_option(
    help: str, *, metavar: str = "DIR", path_type: type | None = None
) -> Callable[[F], F]:
    """``--out/-o DIR``, required; checked (a folder we can write into) before any data is read."""
    return click.option(
        "--out",
        "-o",
        "out",
        required=True,
        type=click.Path(file_okay=False, path_type=path_type),
        metavar=metavar,
        callback=_check_out_dir,
        help=help,
    )


def jobs_option(help: str) -> Callable[[F], F]:
    """``--jobs N``: processes to use, a whole number of at least 1; ``None`` when not given
    (each command's API function has its default)."""
    return click.option("--jobs", type=click.IntRange(min=1), default=None, metavar="N", help=help)


def lang_option(f: F) -> F:
    """``--lang pl|en`` for text people read."""
    return click.option(
        "--lang",
        type=click.Choice(["pl", "en"]),
        default="pl",
        show_default=True,
        help=bi("Język etykiet i tekstów.", "Language of labels and texts."),
    )(f)


def quiet_option(f: F) -> F:
    """``--quiet``: no progress and no summary."""
    return click.option(
        "--quiet",
        "-q",
        is_flag=True,
        default=False,
        help=bi("Nie wypisuj niczego poza błędami.", "Print nothing but errors."),
    )(f)


def load_dataset(
    source: str,
    *,
    encoding: str | None = None,
    pseudonym_key_file: str | None = None,
    pseudonymised: bool = False,
    strict: bool = False,
) -> Dataset:
    """Read ``source`` (a dataset path, or a Neo4j URI) as a checked dataset."""
    if is_store_uri(source):
        from kokon_graph.cli._store import dataset_from_store

        return dataset_from_store(source, strict=strict)
    return read_dataset(
        Path(source),
        encoding=encoding,
        pseudonym_key_file=pseudonym_key_file,
        pseudonymised=True if pseudonymised else None,
        strict=strict,
    )


def load_network(
    source: str,
    *,
    scope: Scope | str | None = None,
    wave: str | None = None,
    **dataset_kwargs: Any,
) -> Network:
    """Read ``source`` and build its network for ``scope`` and ``wave``."""
    dataset = load_dataset(source, **dataset_kwargs)
    return build_network(dataset, scope=scope, wave=wave)


def echo_table(
    rows: Sequence[tuple[str, ...]], *, header: tuple[str, ...] | None = None, indent: int = 2
) -> None:
    """Print rows as aligned columns (numbers right-aligned)."""
    all_rows = [tuple(map(terminal_safe, r)) for r in ([header] if header else []) + list(rows)]
    if not all_rows:
        return
    widths = [max(len(r[i]) for r in all_rows) for i in range(len(all_rows[0]))]
    for r in all_rows:
        cells = [
            c.rjust(w) if re.sub(r"[,.\u00a0]", "", c).isdigit() else c.ljust(w)
            for c, w in zip(r, widths, strict=True)
        ]
        click.echo(" " * indent + "  ".join(cells).rstrip())


def progress(iterable: Any, *, label: str, length: int | None = None, quiet: bool = False) -> Any:
    """Wrap ``iterable`` in a progress bar shown only on an interactive terminal.

    In a pipe, under CI, or with ``quiet``, the iterable is returned unchanged
    and nothing is printed.
    """
    import sys

    if quiet or not sys.stderr.isatty():
        return _NoBar(iterable)
    return click.progressbar(iterable, label=label, length=length, file=sys.stderr)


class _NoBar:
    """Stands in for ``click.progressbar`` where no bar is shown."""

    def __init__(self, iterable: Any) -> None:
        self._iterable = iterable

    def __enter__(self) -> Any:
        return self._iterable

    def __exit__(self, *exc: object) -> None:
        return None

    def update(self, n_steps: int) -> None:
        return None
