"""``kokon-graph generate``: write a synthetic dataset, from one gmina to the whole country."""

from __future__ import annotations

import click

from kokon_graph.cli._common import quiet_option
from kokon_graph.cli._help import KokonCommand, bi, pl_doc
from kokon_graph.errors import KokonError
from kokon_graph.generate import DEFAULT_FAMILIES_PER_GMINA, SCALES, scale_word
from kokon_graph.generate import generate as generate_dataset
from kokon_graph.lang import tr

__all__ = ["generate"]


@click.command(cls=KokonCommand)
@pl_doc(
    """Zapisz w folderze OUT syntetyczny zbiór danych o realistycznym kształcie.

    Zbiór (pliki CSV i datapackage.json) ma prawdziwe 16 województw, 380
    powiatów i 2477 gmin (nazwy poniżej województwa są zmyślone), instytucje
    każdego szczebla, ich współpracę w dwóch falach (przed pilotażem i po nim),
    grupy, specjalistów, pseudonimizowane rodziny, usługi i skierowania, z
    wpisanymi w nie lukami w koordynacji. Nie ma w nim żadnej prawdziwej
    instytucji, osoby ani rodziny.

    \b
    Przykład:
      kokon-graph generate --scale powiat --seed 1 out/powiat
      kokon-graph generate --scale gmina --territory 0201022 out/gmina
      kokon-graph generate --scale national --seed 1 /data/national-s1
    """
)
@click.argument("out", metavar="OUT")
@click.option(
    "--scale",
    type=click.Choice(SCALES),
    default="powiat",
    show_default=True,
    help=bi(
        "Ile wygenerować: jedną gminę, powiat albo województwo (voivodeship; z instytucjami "
        "szczebli nad nimi) albo cały kraj (national).",
        "How much to generate: one gmina, powiat or voivodeship (with the institutions "
        "of the levels above it) or the whole country.",
    ),
)
@click.option(
    "--seed",
    type=click.IntRange(min=0),
    default=1,
    show_default=True,
    help=bi(
        "Ziarno każdego losowania: to samo ziarno zapisuje te same pliki, bajt w bajt.",
        "Seed of every random draw: the same seed writes the same files, byte for byte.",
    ),
)
@click.option(
    "--territory",
    metavar="TERYT",
    default=None,
    help=bi(
        "Kod TERYT gminy (7 cyfr), powiatu (4) albo województwa (2) do wygenerowania "
        "(domyślnie: wybrany przez ziarno). Nie działa z --scale national.",
        "TERYT code of the gmina (7 digits), powiat (4) or voivodeship (2) to generate "
        "(default: one picked by the seed). Not used with --scale national.",
    ),
)
@click.option(
    "--families-per-gmina",
    type=click.FloatRange(min=0),
    default=DEFAULT_FAMILIES_PER_GMINA,
    show_default=True,
    metavar="N",
    help=bi(
        "Średnia liczba wspieranych rodzin na gminę (miasta mają więcej, gminy wiejskie "
        "mniej); domyślna daje około 400 000 rodzin w kraju. 0: bez rodzin.",
        "Mean number of families in support per gmina (cities have more, rural gminas "
        "fewer); the default gives about 400,000 families nationally. 0: no families.",
    ),
)
@click.option(
    "--overwrite",
    is_flag=True,
    default=False,
    help=bi("Zastąp pliki zbioru danych w OUT.", "Replace the dataset files in OUT."),
)
@quiet_option
def generate(
    out: str,
    scale: str,
    seed: int,
    territory: str | None,
    families_per_gmina: float,
    overwrite: bool,
    quiet: bool,
) -> None:
    """Write a synthetic dataset of realistic shape to the folder OUT.

    The dataset (CSV files and datapackage.json) has the real 16
    voivodeships, 380 powiats and 2,477 gminas (names below the voivodeship
    are invented), institutions of every level, their cooperation in two
    waves (before and after a pilot), groups, professionals, pseudonymised
    families, services and referrals, with coordination gaps planted in it.
    No real institution, person or family is in it.

    \b
    Example:
      kokon-graph generate --scale powiat --seed 1 out/powiat
      kokon-graph generate --scale gmina --territory 0201022 out/gmina
      kokon-graph generate --scale national --seed 1 /data/national-s1
    """
    if territory is not None and scale == "national":
        raise click.UsageError(
            tr(
                "--territory nie działa z --scale national",
                "--territory is not used with --scale national",
            )
        )
    try:
        summary = generate_dataset(
            out,
            scale=scale,  # type: ignore[arg-type]
            seed=seed,
            territory=territory,
            families_per_gmina=families_per_gmina,
            overwrite=overwrite,
        )
    except OSError as err:
        raise KokonError(
            tr(
                f"nie da się zapisać {out!r}: {err.strerror}",
                f"cannot write {out!r}: {err.strerror}",
            ),
            hint=tr("sprawdź ścieżkę i uprawnienia", "check the path and its permissions"),
        ) from err
    if quiet:
        return
    where = f" {summary.territory}" if summary.territory else ""
    from kokon_graph.cli.dataset_cmds import table_word

    counts = ", ".join(f"{table_word(name)} {n}" for name, n in summary.counts.items())
    click.echo(
        tr(
            f"{out}: {scale_word(scale)}{where}, ziarno {seed} ({counts})",
            f"{out}: {scale}{where}, seed {seed} ({counts})",
        )
    )
