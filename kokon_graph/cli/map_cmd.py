"""``kokon-graph map``: an interactive map as one HTML file that opens offline."""

from __future__ import annotations

from pathlib import Path

import click

from kokon_graph.cli._common import (
    dataset_argument,
    dataset_options,
    lang_option,
    load_network,
    min_count_option,
    quiet_option,
    relation_option,
    scope_options,
)
from kokon_graph.graph import Relation, Scope
from kokon_graph.model import Lang

__all__ = ["map_command"]

_KINDS = ("cooperation", "ego", "groups", "referrals", "aggregate")


@click.command("map")
@dataset_argument
@click.option(
    "--out",
    "-o",
    required=True,
    type=click.Path(dir_okay=False),
    metavar="FILE.html",
    help="HTML file to write.",
)
@scope_options
@click.option(
    "--kind",
    type=click.Choice(_KINDS),
    default="cooperation",
    show_default=True,
    help="cooperation: institutions and their ties; ego: the institutions within --steps "
    "ties of --focus; groups: institutions and their groups; referrals: referral flows; "
    "aggregate: one node per gmina or powiat (for a voivodeship or the whole country).",
)
@click.option(
    "--size-by",
    metavar="MEASURE",
    default=None,
    help="Centrality column that sizes institutions (default: degree), e.g. betweenness, "
    "pagerank, eigenvector.",
)
@click.option(
    "--focus",
    metavar="INSTITUTION_ID",
    default=None,
    help="Institution at the centre of an ego map; other maps open focused on it "
    "(aggregate maps: a TERYT code).",
)
@click.option(
    "--steps",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Radius of an ego map, in cooperation ties.",
)
@click.option(
    "--level",
    type=click.Choice(["gmina", "powiat"]),
    default=None,
    help="Nodes of an aggregate map (default: powiat for the whole dataset, else gmina).",
)
@relation_option
@click.option("--no-gaps", is_flag=True, default=False, help="Leave out the gap overlay.")
@min_count_option
@click.option(
    "--seed",
    type=int,
    default=1,
    show_default=True,
    help="Seed of the layout (same seed, same picture).",
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
    """
    from kokon_graph.viz import build_map
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
    network = load_network(
        dataset,
        scope=scope,
        wave=wave,
        encoding=encoding,
        pseudonym_key_file=pseudonym_key_file,
        pseudonymised=pseudonymised,
        strict=strict,
    )
    built = build_map(
        network,
        kind=kind,
        size_by=size_by,
        focus=focus,
        steps=steps,
        level=level,
        relation=relation,
        lang=lang,
        gaps=not no_gaps,
        seed=seed,
        min_count=min_count,
    )
    path = built.save(Path(out))
    if not quiet:
        nodes, edges = built.visible_counts()
        layers = ", ".join(f"{layer.id} {layer.count}" for layer in built.layers)
        click.echo(f"Wrote {path}: {kind} map, {nodes} nodes, {edges} links ({layers})")
