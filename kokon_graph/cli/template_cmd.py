"""``kokon-graph template``: a workbook to fill in."""

from __future__ import annotations

import click

from kokon_graph.cli._common import lang_option
from kokon_graph.cli._help import KokonCommand, bi, pl_doc


@click.command(cls=KokonCommand)
@pl_doc(
    """Zapisz skoroszyt Excela do wypełnienia własnymi danymi.

    Po jednym arkuszu na tabelę z nagłówkami w wybranym języku, listy
    rozwijane w każdej kolumnie o stałych wartościach, dwa przykładowe wiersze i
    arkusz z instrukcją. Zapisany skoroszyt przechodzi sprawdzenie; wypełnij go
    i sprawdź poleceniem `kokon-graph validate`.

    \b
    Przykład:
      kokon-graph template --out szablon.xlsx
      kokon-graph template --out template.xlsx --lang en
      kokon-graph template --out szablon.xlsx --scope powiat:0441 \\
          --territories datasets/kooperacja-efektywna
    """
)
@click.option(
    "--out",
    "out",
    required=True,
    type=click.Path(dir_okay=False),
    metavar="FILE.xlsx",
    help=bi("Gdzie zapisać skoroszyt.", "Where to write the workbook."),
)
@lang_option
@click.option(
    "--scope",
    default=None,
    metavar="SCOPE",
    help=bi(
        "Wypełnij arkusz terytoriów tym terytorium i jego jednostkami: voivodeship:28 "
        "(województwo), powiat:2815 albo gmina:2815011.",
        "Fill the territories sheet with this territory and its units: voivodeship:28, "
        "powiat:2815 or gmina:2815011.",
    ),
)
@click.option(
    "--territories",
    default=None,
    type=click.Path(exists=True),
    metavar="PATH",
    help=bi(
        "Skąd wziąć nazwy jednostek: ze zbioru danych albo z tabeli TERC rejestru TERYT "
        "(TERC_Urzedowy_*.csv). Potrzebne dla zakresu powiatu i gminy.",
        "Where the names of the units come from: a dataset, or the TERC table of the "
        "TERYT register (TERC_Urzedowy_*.csv). Needed for powiat and gmina scopes.",
    ),
)
@click.option(
    "--force",
    is_flag=True,
    default=False,
    help=bi("Nadpisz plik, jeśli istnieje.", "Overwrite FILE if it exists."),
)
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
