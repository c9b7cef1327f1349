"""``kokon-graph template``: a workbook to fill in."""

from __future__ import annotations

import click

from kokon_graph.cli._common import lang_option


@click.command()
@click.option(
    "--out",
    "out",
    required=True,
    type=click.Path(dir_okay=False),
    metavar="FILE.xlsx",
    help="Where to write the workbook.",
)
@lang_option
@click.option(
    "--scope",
    default=None,
    metavar="SCOPE",
    help="Fill the territories sheet with this territory and its units: voivodeship:28, "
    "powiat:2815 or gmina:2815011.",
)
@click.option(
    "--territories",
    default=None,
    type=click.Path(exists=True),
    metavar="PATH",
    help="Where the names of the units come from: a dataset, or the TERC table of the "
    "TERYT register (TERC_Urzedowy_*.csv). Needed for powiat and gmina scopes.",
)
@click.option("--force", is_flag=True, default=False, help="Overwrite FILE if it exists.")
def template(out: str, lang: str, scope: str | None, territories: str | None, force: bool) -> None:
    """Write an Excel workbook to fill in with your data.

    One sheet per table with the headers in the chosen language, drop-down
    lists on every column of fixed values, two example rows and a sheet of
    instructions. The workbook as written validates; fill it in and check it
    with `kokon-graph validate`.

    \b
    Example:
      kokon-graph template --out szablon.xlsx
      kokon-graph template --out template.xlsx --lang en
      kokon-graph template --out szablon.xlsx --scope powiat:0441 \\
          --territories datasets/kooperacja-efektywna
    """
    from kokon_graph.template import write_template

    path = write_template(
        out,
        lang="en" if lang == "en" else "pl",
        scope=scope,
        territories=territories,
        force=force,
    )
    click.echo(str(path))
