"""``kokon-graph test``: is a change, or a relation between networks, more than noise?"""

from __future__ import annotations

from pathlib import Path

import click

from kokon_graph.cli._common import (
    _check_out_dir,
    dataset_argument,
    dataset_options,
    lang_option,
    load_network,
    quiet_option,
    relation_option,
    scope_option,
)
from kokon_graph.cli._help import KokonCommand, bi, pl_doc
from kokon_graph.errors import OptionError
from kokon_graph.graph import Relation, Scope

#: Names of the two tables (``<name>.csv`` with --out).
CHANGE_FILE = "change_tests"
RELATION_FILE = "relation_tests"


@click.command(name="test", cls=KokonCommand)
@pl_doc(
    """Sprawdź, czy zmiana między falami albo związek między sieciami to więcej niż przypadek.

    Z --before i --after: sparowane testy permutacyjne zmiany gęstości i
    wzajemności (stany każdej pary instytucji w obu falach zamieniane losowo) i
    korelacja QAP obu fal. Z --x: korelacja QAP --y z każdym --x, a przy dwóch
    lub więcej także ich regresja MRQAP (podwójne półczęściowanie
    Dekkera-Krackhardta-Snijdersa). Każdy wynik jest wypisany jako zdanie z
    wartością p i błędem Monte Carlo, a z --out zapisany jako CSV. Kod wyjścia 2
    dla nieznanej fali lub relacji albo mniej niż 3 instytucji.

    \b
    Przykład:
      kokon-graph test datasets/kooperacja-efektywna --before before --after after
      kokon-graph test data/ --scope powiat:2815 --y cooperation@after \\
          --x cooperation@before --x same_sector --x share_group --out tests/
    """
)
@dataset_argument
@dataset_options
@scope_option
@click.option(
    "--before",
    default=None,
    metavar="WAVE",
    help=bi(
        "Testuj zmianę od tej fali do --after (gęstość, wzajemność, korelacja).",
        "Test the change from this wave to --after (density, reciprocity, correlation).",
    ),
)
@click.option(
    "--after",
    default=None,
    metavar="WAVE",
    help=bi("Późniejsza fala (z --before).", "The later wave (with --before)."),
)
@click.option(
    "--y",
    "y",
    default="cooperation",
    show_default=True,
    metavar="RELATION",
    help=bi(
        "Relacja objaśniana relacjami --x (NAZWA albo NAZWA@FALA).",
        "The relation explained by the --x relations (NAME or NAME@WAVE).",
    ),
)
@click.option(
    "--x",
    "x",
    multiple=True,
    metavar="RELATION",
    help=bi(
        "Relacja do korelacji z --y (powtórz dla regresji): cooperation (współpraca), "
        "referrals (skierowania), share_group (wspólna grupa), same_sector (ten sam sektor), "
        "same_gmina (ta sama gmina), rodzaj współpracy; NAZWA@FALA dla jednej fali.",
        "A relation to correlate --y with (repeat for a regression): cooperation, "
        "referrals, share_group, same_sector, same_gmina, a cooperation kind; NAME@WAVE for one "
        "wave.",
    ),
)
@relation_option
@click.option(
    "--permutations",
    default=2000,
    show_default=True,
    type=click.IntRange(min=1),
    metavar="N",
    help=bi("Losowe przetasowania na test.", "Random relabelings per test."),
)
@click.option(
    "--seed",
    default=0,
    show_default=True,
    type=int,
    help=bi("Ziarno przetasowań.", "Seed of the relabelings."),
)
@click.option(
    "--out",
    "-o",
    "out",
    default=None,
    type=click.Path(file_okay=False, path_type=Path),
    callback=_check_out_dir,
    help=bi(
        f"Folder na {CHANGE_FILE}.csv i {RELATION_FILE}.csv (tworzony, jeśli go nie ma).",
        f"Folder for {CHANGE_FILE}.csv and {RELATION_FILE}.csv (created if missing).",
    ),
)
@lang_option
@quiet_option
def test_command(
    dataset: str,
    encoding: str | None,
    pseudonym_key_file: str | None,
    pseudonymised: bool,
    strict: bool,
    scope: Scope | None,
    before: str | None,
    after: str | None,
    y: str,
    x: tuple[str, ...],
    relation: Relation,
    permutations: int,
    seed: int,
    out: Path | None,
    lang: str,
    quiet: bool,
) -> None:
    """Test whether a change between waves, or a relation between networks, is more than noise.

    With --before and --after: paired permutation tests of the change in density
    and reciprocity (the two waves' states of each pair of institutions swapped at
    random) and the QAP correlation of the two waves. With --x: the QAP
    correlation of --y with each --x and, with two or more, their MRQAP
    regression (Dekker-Krackhardt-Snijders double semi-partialling). Each result
    is printed as a sentence with its p-value and Monte Carlo error, and written
    as CSV with --out. Exit code 2 for an unknown wave or relation, or fewer
    than 3 institutions.

    \b
    Example:
      kokon-graph test datasets/kooperacja-efektywna --before before --after after
      kokon-graph test data/ --scope powiat:2815 --y cooperation@after \\
          --x cooperation@before --x same_sector --x share_group --out tests/
    """
    from kokon_graph.analysis.significance import change_tests, relation_tests
    from kokon_graph.report.csv_writer import write_frames

    if (before is None) != (after is None):
        given, missing = ("--before", "--after") if after is None else ("--after", "--before")
        raise OptionError(
            f"{given} needs {missing}: the change is tested between two waves",
            hint="e.g. --before before --after after",
        )
    if before is None and not x:
        raise OptionError(
            "nothing to test: give --before and --after, or --x",
            hint="e.g. --before before --after after, or --x same_sector",
        )
    network = load_network(
        dataset,
        scope=scope,
        encoding=encoding,
        pseudonym_key_file=pseudonym_key_file,
        pseudonymised=pseudonymised,
        strict=strict,
    )
    tables = {}
    if before is not None and after is not None:
        tables[CHANGE_FILE] = change_tests(
            network,
            before=before,
            after=after,
            relation=relation,
            permutations=permutations,
            seed=seed,
        )
    if x:
        tables[RELATION_FILE] = relation_tests(
            network, y=y, x=list(x), relation=relation, permutations=permutations, seed=seed
        )
    if out is not None:
        write_frames(tables, out)
    if quiet:
        return
    for frame in tables.values():
        for sentence in frame[f"sentence_{lang}"]:
            click.echo(sentence)
