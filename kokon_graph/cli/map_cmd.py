"""``kokon-graph map``: an interactive map as one HTML file that opens offline."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from kokon_graph.cli._common import (
    dataset_argument,
    dataset_options,
    lang_option,
    load_dataset,
    load_network,
    min_count_option,
    quiet_option,
    relation_option,
    scope_options,
)
from kokon_graph.cli._help import KokonCommand, bi, pl_doc
from kokon_graph.graph import Relation, Scope
from kokon_graph.lang import tr
from kokon_graph.model import Lang

__all__ = ["map_command"]

_KINDS = ("cooperation", "ego", "groups", "referrals", "aggregate")

#: Each kind of map in the summary line (Polish, English).
_KIND_WORDS = {
    "cooperation": ("mapa współpracy", "cooperation map"),
    "ego": ("mapa ego", "ego map"),
    "groups": ("mapa grup", "groups map"),
    "referrals": ("mapa skierowań", "referrals map"),
    "aggregate": ("mapa zbiorcza", "aggregate map"),
    "compare": ("mapa porównania", "compare map"),
}


def _layer_word(layer: str) -> str:
    """A map layer as the summary line names it, in the language of messages."""
    from kokon_graph.analysis.results import GAP_KINDS
    from kokon_graph.lang import current_lang
    from kokon_graph.viz.text import TEXT, text

    lang = current_lang()
    for kind in GAP_KINDS.values():
        if kind.layer == layer:
            return text("layer_gap", lang, kind=kind.pl if lang == "pl" else kind.en)
    key = f"layer_{layer}"
    return text(key, lang) if key in TEXT else layer


@click.command("map", cls=KokonCommand)
@pl_doc(
    """Narysuj interaktywną mapę sieci w jednym pliku HTML.

    Plik otwiera się w każdej przeglądarce bez połączenia z siecią (nie
    pobiera niczego z internetu). Kolor pokazuje sektor, kształt szczebel,
    wielkość wybraną miarę; warstwa luk zaznacza instytucje, które wspierają
    te same rodziny, a nie współpracują, skierowania bez odpowiedzi i gminy, w
    których brakuje wymaganego sektora, każde jako warstwa, którą można
    wyłączyć. Etykiety są po polsku, chyba że --lang en.

    \b
    Przykład:
      kokon-graph map datasets/praski-kokon --out mapa.html
      kokon-graph map data/ --scope powiat:2815 --wave after --size-by betweenness -o mapa.html
      kokon-graph map data/ --kind ego --focus OPS1 --steps 2 -o ops1.html
      kokon-graph map data/ --scope voivodeship:28 --kind aggregate -o region.html
      kokon-graph map data/ --compare before after --scope powiat:2815 -o zmiany.html
    """
)
@dataset_argument
@click.option(
    "--out",
    "-o",
    required=True,
    type=click.Path(dir_okay=False),
    metavar="FILE.html",
    help=bi("Plik HTML do zapisania.", "HTML file to write."),
)
@scope_options
@click.option(
    "--kind",
    type=click.Choice(_KINDS),
    default="cooperation",
    show_default=True,
    help=bi(
        "cooperation: instytucje i ich powiązania; ego: instytucje w odległości --steps "
        "powiązań od --focus; groups: instytucje i ich grupy; referrals: przepływy "
        "skierowań; aggregate: jeden węzeł na gminę lub powiat (dla województwa albo kraju).",
        "cooperation: institutions and their ties; ego: the institutions within --steps "
        "ties of --focus; groups: institutions and their groups; referrals: referral flows; "
        "aggregate: one node per gmina or powiat (for a voivodeship or the whole country).",
    ),
)
@click.option(
    "--size-by",
    metavar="MEASURE",
    default=None,
    help=bi(
        "Kolumna centralności, od której zależy wielkość instytucji (domyślnie: degree – "
        "stopień), np. betweenness (pośrednictwo), pagerank, eigenvector (wektor własny).",
        "Centrality column that sizes institutions (default: degree), e.g. betweenness, "
        "pagerank, eigenvector.",
    ),
)
@click.option(
    "--focus",
    metavar="INSTITUTION_ID",
    default=None,
    help=bi(
        "Instytucja w środku mapy ego; inne mapy otwierają się skupione na niej "
        "(mapy zbiorcze: kod TERYT).",
        "Institution at the centre of an ego map; other maps open focused on it "
        "(aggregate maps: a TERYT code).",
    ),
)
@click.option(
    "--steps",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help=bi(
        "Promień mapy ego, w powiązaniach współpracy.", "Radius of an ego map, in cooperation ties."
    ),
)
@click.option(
    "--level",
    type=click.Choice(["gmina", "powiat"]),
    default=None,
    help=bi(
        "Węzły mapy zbiorczej (domyślnie: powiat dla całego zbioru, w pozostałych razach gmina).",
        "Nodes of an aggregate map (default: powiat for the whole dataset, else gmina).",
    ),
)
@relation_option
@click.option(
    "--compare",
    nargs=2,
    metavar="BEFORE AFTER",
    default=None,
    help=bi(
        "Porównaj dwie fale na jednej mapie: powiązania utrzymane, nowe i utracone, luki "
        "otwarte i zamknięte.",
        "Compare two waves on one map: ties kept, gained and lost, gaps opened and closed.",
    ),
)
@click.option(
    "--no-gaps",
    is_flag=True,
    default=False,
    help=bi("Pomiń warstwę luk.", "Leave out the gap overlay."),
)
@min_count_option
@click.option(
    "--seed",
    type=int,
    default=1,
    show_default=True,
    help=bi(
        "Ziarno układu (to samo ziarno, ten sam obraz).",
        "Seed of the layout (same seed, same picture).",
    ),
)
@lang_option
@dataset_options
@quiet_option
def map_command(
    dataset: str,
    out: str,
    scope: Scope,
    wave: str | None,
    kind: str,
    size_by: str | None,
    focus: str | None,
    steps: int,
    level: str | None,
    relation: Relation,
    compare: tuple[str, str] | None,
    no_gaps: bool,
    min_count: int,
    seed: int,
    lang: Lang,
    encoding: str | None,
    pseudonym_key_file: str | None,
    pseudonymised: bool,
    strict: bool,
    quiet: bool,
) -> None:
    """Draw an interactive map of the network as one HTML file.

    The file opens in any browser without a network connection (it loads
    nothing from the internet). Colour shows the sector, shape the level,
    size the chosen measure; the gap overlay marks institutions that serve
    the same families without cooperating, referrals with no answer and
    gminas where a required sector is missing, each as a layer that can be
    switched off. Labels are in Polish unless --lang en.

    \b
    Example:
      kokon-graph map datasets/praski-kokon --out mapa.html
      kokon-graph map data/ --scope powiat:2815 --wave after --size-by betweenness -o mapa.html
      kokon-graph map data/ --kind ego --focus OPS1 --steps 2 -o ops1.html
      kokon-graph map data/ --scope voivodeship:28 --kind aggregate -o region.html
      kokon-graph map data/ --compare before after --scope powiat:2815 -o zmiany.html
    """
    from kokon_graph.graph import Scope
    from kokon_graph.viz import build_compare_map, build_map
    from kokon_graph.viz.maps import check_options

    check_options(
        kind=kind,
        size_by=size_by,
        focus=focus,
        steps=steps,
        level=level,
        lang=lang,
        min_count=min_count,
    )
    read: dict[str, Any] = {
        "encoding": encoding,
        "pseudonym_key_file": pseudonym_key_file,
        "pseudonymised": pseudonymised,
        "strict": strict,
    }
    options: dict[str, Any] = {
        "size_by": size_by,
        "relation": relation,
        "lang": lang,
        "gaps": not no_gaps,
        "seed": seed,
        "min_count": min_count,
    }
    if compare:
        if wave:
            raise click.UsageError(
                tr(
                    "--compare podaje obie fale; pomiń --wave",
                    "--compare names both waves; leave out --wave",
                )
            )
        dataset_read = load_dataset(dataset, **read)
        built = build_compare_map(
            dataset_read, before=compare[0], after=compare[1], scope=Scope.parse(scope), **options
        )
        kind = "compare"
    else:
        network = load_network(dataset, scope=scope, wave=wave, **read)
        built = build_map(network, kind=kind, focus=focus, steps=steps, level=level, **options)
    path = built.save(Path(out))
    if not quiet:
        nodes, edges = built.visible_counts()
        layers = ", ".join(f"{_layer_word(layer.id)} {layer.count}" for layer in built.layers)
        click.echo(
            tr(
                f"Zapisano {path}: {_KIND_WORDS[kind][0]}, węzły {nodes}, połączenia {edges} "
                f"({layers})",
                f"Wrote {path}: {_KIND_WORDS[kind][1]}, {nodes} nodes, {edges} links ({layers})",
            )
        )
