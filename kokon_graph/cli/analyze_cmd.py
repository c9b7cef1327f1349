"""``kokon-graph analyze``: every analysis result as CSV files, and a short summary."""

from __future__ import annotations

from pathlib import Path

import click
import pandas as pd

from kokon_graph.cli._common import (
    dataset_argument,
    dataset_options,
    echo_table,
    load_network,
    out_dir_option,
    quiet_option,
    relation_option,
    scope_options,
)
from kokon_graph.errors import AnalyzeError
from kokon_graph.graph import Relation, Scope

#: Family counts below this are printed as "<3" (as the reports suppress them).
MIN_COUNT = 3
TOP = 5


def _betweenness(value: str) -> str | int:
    text = value.strip().lower()
    if text in ("auto", "exact", "sampled"):
        return text
    if text.isdigit() and int(text) > 0:
        return int(text)
    raise AnalyzeError(
        f"--betweenness {value!r} is not auto, exact, sampled or a number of pivots",
        hint="e.g. --betweenness exact or --betweenness 2048",
    )


def _families(count: int) -> str:
    """A family count as printed: the number, or ``<3`` for 1 and 2."""
    return f"<{MIN_COUNT}" if 0 < count < MIN_COUNT else str(count)


def _gminas(count: int) -> str:
    return f"{count} gmina" if count == 1 else f"{count} gminas"


def _summary(results: dict[str, pd.DataFrame]) -> None:
    net = results["network"].iloc[0]
    cen = results["centrality"]
    click.echo(
        f"Network: {int(net['institutions'])} institutions, {int(net['ties'])} ties, "
        f"density {net['density']:.3g}, reciprocity {net['reciprocity_dyad']:.2f} "
        f"(betweenness: {cen['betweenness_method'].iloc[0] if len(cen) else 'exact'})"
    )
    if len(cen):
        click.echo("Most central (normalised betweenness):")
        top = cen.sort_values(["betweenness", "degree", "id"], ascending=[False, False, True])
        echo_table(
            [
                (f"{i}.", str(r.name), str(r.id), f"{r.betweenness:.3f}", f"degree {r.degree}")
                for i, r in enumerate(top.head(TOP).itertuples(), start=1)
            ]
        )
    click.echo("Worst gaps:")
    co = results["gaps_co_serving"]
    if len(co):
        first = co.iloc[0]
        click.echo(
            f"  {len(co)} pairs share families without a cooperation tie; most: "
            f"{first['source_name']} - {first['target_name']} "
            f"({_families(int(first['shared_families']))} families)"
        )
    else:
        click.echo("  no pair shares families without a cooperation tie")
    sector = results["gaps_sector"]
    if len(sector):
        absent = int((sector["status"] == "absent").sum())
        no_tie = int((sector["status"] == "no_tie").sum())
        click.echo(
            f"  {len(sector)} sector gaps in {_gminas(sector['gmina'].nunique())} "
            f"({absent} absent, {no_tie} without a tie to the OPS/CUS)"
        )
    else:
        click.echo("  no sector gaps")
    targets = results["gaps_referral_targets"]
    unanswered = int(targets["unanswered"].sum()) if len(targets) else 0
    if unanswered:
        worst = targets.iloc[0]
        click.echo(
            f"  {unanswered} of {int(targets['referrals'].sum())} referrals unanswered; most at "
            f"{worst['name']} ({int(worst['unanswered'])})"
        )
    else:
        click.echo("  no unanswered referrals")
    unc = results["gaps_uncoordinated"]
    total = int(unc["uncoordinated"].sum()) if len(unc) else 0
    gminas = int((unc["uncoordinated"] > 0).sum()) if len(unc) else 0
    click.echo(
        f"  {_families(total)} families served by several institutions without coordination"
        + (f" (in {_gminas(gminas)})" if total else "")
    )
    cover = results["gaps_group_coverage"]
    click.echo(f"  {len(cover)} sectors missing from PGR/PGD/PZK/ZI groups")


@click.command()
@dataset_argument
@out_dir_option(
    "Folder for the CSV files (created if missing).", metavar="DIRECTORY", path_type=Path
)
@dataset_options
@scope_options
@relation_option
@click.option(
    "--partition",
    default="sector",
    show_default=True,
    metavar="ATTRIBUTE",
    help="Institution attribute for brokerage roles and mixing (sector, type, level, "
    "powiat, gmina or an extra column).",
)
@click.option(
    "--min-services",
    default=3,
    show_default=True,
    type=click.IntRange(min=1),
    metavar="N",
    help="Families served by at least N institutions are checked for coordination.",
)
@click.option(
    "--betweenness",
    "betweenness_text",
    default="auto",
    show_default=True,
    metavar="auto|exact|sampled|N",
    help="Betweenness and closeness: exact up to 12,000 institutions (auto), always exact, "
    "or estimated from 1,024 (sampled) or N random pivots.",
)
@click.option(
    "--seed", default=0, show_default=True, type=int, help="Seed of pivots and communities."
)
@click.option(
    "--engine",
    type=click.Choice(["memory", "gds"]),
    default="memory",
    show_default=True,
    help="Where centrality and communities are computed: in memory, or inside Neo4j by its "
    "Graph Data Science library (DATASET must be a neo4j:// or bolt:// URI; docs/neo4j.md).",
)
@quiet_option
def analyze(
    dataset: str,
    out: Path,
    encoding: str | None,
    pseudonym_key_file: str | None,
    pseudonymised: bool,
    strict: bool,
    scope: Scope,
    wave: str | None,
    relation: Relation,
    partition: str,
    min_services: int,
    betweenness_text: str,
    seed: int,
    engine: str,
    quiet: bool,
) -> None:
    """Measure the cooperation network and find its coordination gaps.

    Writes one CSV per result into OUT: network, network_territories,
    centrality, brokerage,
    brokerage_groups, holes, mixing, mixing_groups, communities,
    communities_sectors, cohesion, bridges, gaps_co_serving, gaps_sector,
    gaps_referrals, gaps_referral_targets, gaps_uncoordinated,
    gaps_group_coverage and recommendations (columns: docs/measures.md),
    then prints the most central institutions and the worst gaps. Nothing
    written or printed identifies a family; family counts under 3 print as <3.

    \b
    Example:
      kokon-graph analyze datasets/liderzy-kooperacji --out results/
      kokon-graph analyze data/ --out results/ --scope powiat:1805 --wave after
      kokon-graph analyze data/ --out results/ --relation information --partition type
    """
    from kokon_graph.analysis import RESULT_NAMES
    from kokon_graph.report.build import analyse_to_files

    between = _betweenness(betweenness_text)
    network = load_network(
        dataset,
        scope=scope,
        wave=wave,
        encoding=encoding,
        pseudonym_key_file=pseudonym_key_file,
        pseudonymised=pseudonymised,
        strict=strict,
    )
    if engine == "gds":
        from kokon_graph.cli.neo4j_cmd import compute_in_gds_at

        compute_in_gds_at(dataset, network, relation=relation, betweenness=between, seed=seed)
    results = analyse_to_files(
        network,
        out,
        relation=relation,
        partition=partition,
        min_services=min_services,
        betweenness=between,
        seed=seed,
    )
    if quiet:
        return
    scope_text = network.scope.label("en", network.full_dataset.territories)
    click.echo(
        f"Analysed {network.dataset.name or dataset}: {scope_text}; wave: {wave or 'all'}; "
        f"relation: {str(relation) or 'all'}"
    )
    _summary(results)
    click.echo(f"Wrote {len(RESULT_NAMES)} CSV files to {out}")
