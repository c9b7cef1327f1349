"""``kokon-graph atlas``: one offline folder of pages for a region."""

from __future__ import annotations

from pathlib import Path
from typing import cast

import click

from kokon_graph.cli._common import (
    dataset_argument,
    dataset_options,
    jobs_option,
    lang_option,
    load_dataset,
    min_count_option,
)
from kokon_graph.cli._help import KokonCommand, bi, pl_doc
from kokon_graph.model import Lang


@click.command(cls=KokonCommand)
@pl_doc(
    """Zapisz atlas regionu: spis gmin według stanu i stronę z mapą dla całego regionu,
    każdego powiatu i każdej gminy.

    Wszystko działa bez sieci (pendrive, intranet); domyślnie po polsku.

    \b
    Przykład:
      kokon-graph atlas datasets/kooperacja-efektywna --scope powiat:2815 --out atlas/
      kokon-graph atlas data/ --scope voivodeship:28 --out atlas/ --zip
    """
)
@dataset_argument
@click.option(
    "--scope",
    required=True,
    metavar="SCOPE",
    help=bi(
        "Region: voivodeship:28 (województwo) albo powiat:2815.",
        "The region: voivodeship:28 or powiat:2815.",
    ),
)
@click.option(
    "--out",
    required=True,
    type=click.Path(file_okay=False),
    metavar="DIRECTORY",
    help=bi(
        "Folder na atlas (tworzony, jeśli go nie ma).",
        "Folder to write the atlas into (created if missing).",
    ),
)
@click.option(
    "--wave",
    default=None,
    metavar="WAVE",
    help=bi("Fala badania (domyślnie: wszystkie).", "Survey wave (default: all)."),
)
@click.option(
    "--zip",
    "zip_file",
    is_flag=True,
    default=False,
    help=bi("Spakuj go też jako plik .zip obok folderu.", "Also pack it as DIRECTORY.zip."),
)
@jobs_option(
    bi(
        "Zapisuj strony w N procesach (Linux i macOS). Domyślnie tyle, ile rdzeni "
        "(najwyżej 8); w Windows jeden. Pliki są te same przy każdym N.",
        "Write the pages in N processes (Linux and macOS). Default: the number of usable "
        "cores (at most 8); 1 on Windows. The files are the same whatever N.",
    )
)
@lang_option
@min_count_option
@dataset_options
def atlas(
    dataset: str,
    scope: str,
    out: str,
    wave: str | None,
    zip_file: bool,
    jobs: int | None,
    lang: str,
    min_count: int,
    encoding: str | None,
    pseudonym_key_file: str | None,
    pseudonymised: bool,
    strict: bool,
) -> None:
    """Write a regional atlas: an index of the gminas by status and a page with a map for the
    whole region, every powiat and every gmina.

    Everything works offline (a USB stick, an intranet); Polish by default.

    \b
    Example:
      kokon-graph atlas datasets/kooperacja-efektywna --scope powiat:2815 --out atlas/
      kokon-graph atlas data/ --scope voivodeship:28 --out atlas/ --zip
    """
    from kokon_graph.report.atlas import write_atlas

    ds = load_dataset(
        dataset,
        encoding=encoding,
        pseudonym_key_file=pseudonym_key_file,
        pseudonymised=pseudonymised,
        strict=strict,
    )
    written = write_atlas(
        ds,
        scope,
        Path(out),
        lang=cast(Lang, lang),
        min_count=min_count,
        wave=wave,
        zip_file=zip_file,
        jobs=jobs,
    )
    click.echo(str(written))
