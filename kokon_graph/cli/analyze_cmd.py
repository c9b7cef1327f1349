"""``kokon-graph analyze``: every analysis result as CSV files, and a short summary."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
import pandas as pd

from kokon_graph import model
from kokon_graph._text import terminal_safe
from kokon_graph.cli._common import (
    dataset_argument,
    dataset_options,
    echo_table,
    jobs_option,
    load_network,
    min_count_option,
    out_dir_option,
    progress,
    quiet_option,
    relation_option,
    scope_options,
)
from kokon_graph.cli._help import KokonCommand, bi, pl_doc
from kokon_graph.errors import AnalyzeError
from kokon_graph.graph import Relation, Scope
from kokon_graph.lang import current_lang, localise_number, tr
from kokon_graph.report._text import wave_text

if TYPE_CHECKING:
    from kokon_graph.graph import Network

TOP = 5

#: ``--weighted-paths ALPHA``: the optional weighted_paths result (analyze and report).
weighted_paths_option = click.option(
    "--weighted-paths",
    "weighted_alpha",
    default=None,
    type=click.FloatRange(min=0.0),
    metavar="ALPHA",
    help=bi(
        "Także ważona bliskość i pośrednictwo (arkusz „Ścieżki ważone”): powiązanie o sile w ma "
        "długość 1/w^ALPHA (Opsahl i in. 2010): 0 daje wartości bez wag, 1 bierze pod uwagę "
        "tylko siłę, 0,5 zarówno siłę, jak i liczbę pośredników.",
        "Also weighted closeness and betweenness (weighted_paths): a tie of strength w has "
        "length 1/w^ALPHA (Opsahl et al. 2010): 0 gives the unweighted values, 1 uses strength "
        "alone, 0.5 both strength and the number of intermediaries.",
    ),
)


def _betweenness(value: str) -> str | int:
    text = value.strip().lower()
    if text in ("auto", "exact", "sampled"):
        return text
    if text.isdigit() and int(text) > 0:
        return int(text)
    raise AnalyzeError(
        tr(
            f"--betweenness {value!r} to nie auto, exact, sampled ani liczba punktów startowych",
            f"--betweenness {value!r} is not auto, exact, sampled or a number of pivots",
        ),
        hint=tr(
            "np. --betweenness exact albo --betweenness 2048",
            "e.g. --betweenness exact or --betweenness 2048",
        ),
    )


def _families(count: int, min_count: int) -> str:
    """A family count as printed: the number, or ``<3`` for 1 and 2."""
    return f"<{min_count}" if 0 < count < min_count else str(count)


def _gminas(count: int) -> str:
    return f"{count} gmina" if count == 1 else f"{count} gminas"


def _summary(results: dict[str, pd.DataFrame], min_count: int) -> None:
    from kokon_graph.report.tables import method_words

    net = results["network"].iloc[0]
    cen = results["centrality"]
    method = str(cen["betweenness_method"].iloc[0]) if len(cen) else "exact"
    method = str(method_words(method, current_lang()))
    lang = current_lang()
    density = localise_number(f"{net['density']:.3g}", lang)
    reciprocity = localise_number(f"{net['reciprocity_dyad']:.2f}", lang)
    click.echo(
        tr(
            f"Sieć: instytucje {int(net['institutions'])}, powiązania {int(net['ties'])}, "
            f"gęstość {density}, wzajemność {reciprocity} (metoda pośrednictwa: {method})",
            f"Network: {int(net['institutions'])} institutions, {int(net['ties'])} ties, "
            f"density {density}, reciprocity {reciprocity} (betweenness: {method})",
        )
    )
    if len(cen):
        click.echo(
            tr(
                "Najbardziej centralne (pośrednictwo znormalizowane):",
                "Most central (normalised betweenness):",
            )
        )
        top = cen.sort_values(["betweenness", "degree", "id"], ascending=[False, False, True])
        degree = tr("stopień", "degree")
        echo_table(
            [
                (
                    f"{i}.",
                    str(r.name),
                    str(r.id),
                    localise_number(f"{r.betweenness:.3f}", lang),
                    f"{degree} {r.degree}",
                )
                for i, r in enumerate(top.head(TOP).itertuples(), start=1)
            ]
        )
    click.echo(tr("Największe luki:", "Worst gaps:"))
    co = results["gaps_co_serving"]
    if len(co):
        first = co.iloc[0]
        pair = (
            f"{terminal_safe(str(first['source_name']))} - "
            f"{terminal_safe(str(first['target_name']))}"
        )
        shared = _families(int(first["shared_families"]), min_count)
        click.echo(
            tr(
                f"  par instytucji ze wspólnymi rodzinami bez powiązania współpracy: {len(co)}; "
                f"najwięcej: {pair} (rodziny: {shared})",
                f"  {len(co)} pairs share families without a cooperation tie; most: "
                f"{pair} ({shared} families)",
            )
        )
    else:
        click.echo(
            tr(
                "  żadna para instytucji nie ma wspólnych rodzin bez powiązania współpracy",
                "  no pair shares families without a cooperation tie",
            )
        )
    sector = results["gaps_sector"]
    if len(sector):
        absent = int((sector["status"] == "absent").sum())
        no_tie = int((sector["status"] == "no_tie").sum())
        gminas = int(sector["gmina"].nunique())
        click.echo(
            tr(
                f"  luki sektorowe: {len(sector)}, gminy: {gminas} (brak sektora: {absent}, "
                f"bez powiązania z OPS/CUS: {no_tie})",
                f"  {len(sector)} sector gaps in {_gminas(gminas)} "
                f"({absent} absent, {no_tie} without a tie to the OPS/CUS)",
            )
        )
    else:
        click.echo(tr("  brak luk sektorowych", "  no sector gaps"))
    targets = results["gaps_referral_targets"]
    unanswered = int(targets["unanswered"].sum()) if len(targets) else 0
    if unanswered:
        worst = targets.iloc[0]
        sent = _families(int(targets["referrals"].sum()), min_count)
        most = _families(int(worst["unanswered"]), min_count)
        left = _families(unanswered, min_count)
        name = terminal_safe(str(worst["name"]))
        click.echo(
            tr(
                f"  skierowania bez odpowiedzi: {left} z {sent}; najwięcej w: {name} ({most})",
                f"  {left} of {sent} referrals unanswered; most at {name} ({most})",
            )
        )
    else:
        click.echo(tr("  brak skierowań bez odpowiedzi", "  no unanswered referrals"))
    unc = results["gaps_uncoordinated"]
    total = int(unc["uncoordinated"].sum()) if len(unc) else 0
    gminas = int((unc["uncoordinated"] > 0).sum()) if len(unc) else 0
    shown = _families(total, min_count)
    click.echo(
        tr(
            f"  rodziny wspierane przez kilka instytucji bez koordynacji: {shown}"
            + (f" (gminy: {gminas})" if total else ""),
            f"  {shown} families served by several institutions without coordination"
            + (f" (in {_gminas(gminas)})" if total else ""),
        )
    )
    cover = results["gaps_group_coverage"]
    click.echo(
        tr(
            f"  sektory nieobecne w grupach PGR/PGD/PZK/ZI: {len(cover)}",
            f"  {len(cover)} sectors missing from PGR/PGD/PZK/ZI groups",
        )
    )


@contextmanager
def _exact_progress(
    network: Network, relation: Relation, between: str | int, quiet: bool
) -> Iterator[None]:
    """For ``--betweenness exact``: the estimated time first, then a progress bar."""
    if between != "exact" or quiet:
        yield
        return
    from kokon_graph.analysis._graphs import cooperation_matrices
    from kokon_graph.analysis._paths import (
        DEFAULT_EXACT_LIMIT,
        components,
        estimate_seconds,
        reporting,
        work,
    )

    mats = cooperation_matrices(network, relation)
    seconds = estimate_seconds(mats, between, DEFAULT_EXACT_LIMIT)
    parts = len(components(mats))
    click.echo(
        tr(
            f"Dokładne pośrednictwo i bliskość dla instytucji: {mats.n}, w składowych: {parts}: "
            f"około {_duration(seconds)} na tym komputerze teraz (zmierzone na próbce "
            "największej składowej).",
            f"Exact betweenness and closeness of {mats.n} institutions in {parts} "
            f"component{'s' if parts != 1 else ''}: about {_duration(seconds)} on this machine "
            "now (measured on a sample of the largest component).",
        ),
        err=True,
    )
    total = work(mats, between, DEFAULT_EXACT_LIMIT)
    bar = progress(
        None, label=tr("Pośrednictwo i bliskość", "Betweenness and closeness"), length=total
    )
    with bar, reporting(bar.update):
        yield


def _duration(seconds: float) -> str:
    if seconds < 90:
        return f"{max(1, round(seconds))} s"
    return f"{round(seconds / 60)} min"


@click.command(cls=KokonCommand)
@pl_doc(
    """Zmierz sieć współpracy i znajdź jej luki w koordynacji.

    Zapisuje w OUT po jednym pliku CSV na wynik: network.csv,
    network_territories.csv, centrality.csv, brokerage.csv, brokerage_groups.csv,
    holes.csv, mixing.csv, mixing_groups.csv, communities.csv,
    communities_sectors.csv, cohesion.csv, bridges.csv, ego.csv, clustering.csv,
    twomode.csv, twomode_overlaps.csv, gaps_co_serving.csv, gaps_sector.csv,
    gaps_referrals.csv, gaps_referral_targets.csv, gaps_uncoordinated.csv,
    gaps_group_coverage.csv, recommendations.csv, survey_waves.csv, trust.csv i
    trust_pairs.csv (kolumny: docs/measures.md), potem wypisuje najbardziej centralne instytucje i
    największe luki. Nic, co zostaje zapisane lub wypisane, nie identyfikuje
    rodziny; liczby 1 i 2 rodzin (i skierowań) są zapisywane i wypisywane jako
    <3, jak w raportach; dokładne tylko z --min-count 1. README.txt w OUT
    zapisuje polecenie, próg i odcisk klucza (nigdy sam klucz).

    \b
    Przykład:
      kokon-graph analyze datasets/liderzy-kooperacji --out results/
      kokon-graph analyze data/ --out results/ --scope powiat:1805 --wave after
      kokon-graph analyze data/ --out results/ --relation information --partition type
      kokon-graph analyze data/ --out exact/ --min-count 1    # dokładne małe liczby: chroń je
    """
)
@dataset_argument
@out_dir_option(
    bi(
        "Folder na pliki CSV (tworzony, jeśli go nie ma).",
        "Folder for the CSV files (created if missing).",
    ),
    metavar="DIRECTORY",
    path_type=Path,
)
@dataset_options
@scope_options
@relation_option
@min_count_option
@click.option(
    "--partition",
    default="sector",
    show_default=True,
    metavar="ATTRIBUTE",
    help=bi(
        "Cecha instytucji dla ról pośrednika i mieszania (sector – sektor, type – typ, "
        "level – szczebel, powiat, gmina albo dodatkowa kolumna).",
        "Institution attribute for brokerage roles and mixing (sector, type, level, "
        "powiat, gmina or an extra column).",
    ),
)
@click.option(
    "--min-services",
    default=3,
    show_default=True,
    type=click.IntRange(min=1),
    metavar="N",
    help=bi(
        "Rodziny wspierane przez co najmniej N instytucji są sprawdzane pod kątem koordynacji.",
        "Families served by at least N institutions are checked for coordination.",
    ),
)
@click.option(
    "--betweenness",
    "betweenness_text",
    default="auto",
    show_default=True,
    metavar="auto|exact|sampled|N",
    help=bi(
        "Pośrednictwo i bliskość: dokładne do 12 000 instytucji (auto), zawsze dokładne "
        "(exact) albo szacowane z 1024 (sampled) lub N losowych punktów startowych.",
        "Betweenness and closeness: exact up to 12,000 institutions (auto), always exact, "
        "or estimated from 1,024 (sampled) or N random pivots.",
    ),
)
@click.option(
    "--seed",
    default=0,
    show_default=True,
    type=int,
    help=bi(
        "Ziarno losowania punktów startowych i społeczności.", "Seed of pivots and communities."
    ),
)
@weighted_paths_option
@click.option(
    "--raw-csv",
    is_flag=True,
    default=False,
    help=bi(
        "Zapisuj tekst dokładnie, dla programów; domyślnie komórka zaczynająca się od =, +, -, "
        "@ dostaje na początku ', aby arkusz nigdy nie wykonał jej jako formuły.",
        "Write text cells exactly, for programs; by default a cell beginning with =, +, -, @ "
        "gets a leading ' so that a spreadsheet never runs it as a formula.",
    ),
)
@click.option(
    "--engine",
    type=click.Choice(["memory", "gds"]),
    default="memory",
    show_default=True,
    help=bi(
        "Gdzie liczyć centralność i społeczności: w pamięci (memory) albo w Neo4j jego "
        "biblioteką Graph Data Science (gds; ZBIÓR musi być adresem neo4j:// lub bolt://; "
        "docs/neo4j.md).",
        "Where centrality and communities are computed: in memory, or inside Neo4j by its "
        "Graph Data Science library (DATASET must be a neo4j:// or bolt:// URI; docs/neo4j.md).",
    ),
)
@jobs_option(
    bi(
        "Licz w N procesach (Linux i macOS): pośrednictwo, bliskość i społeczności w drugim "
        "procesie. Domyślnie KOKON_GRAPH_JOBS albo 1. Wyniki są te same przy każdym N; "
        "dwa procesy oszczędzają czas na wolnym drugim rdzeniu za więcej pamięci.",
        "Compute in N processes (Linux and macOS): betweenness, closeness and communities in "
        "a second process. Default: KOKON_GRAPH_JOBS, else 1. The results are the same "
        "whatever N; two processes save time on a free second core for more memory.",
    )
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
    min_count: int,
    partition: str,
    min_services: int,
    betweenness_text: str,
    seed: int,
    weighted_alpha: float | None,
    raw_csv: bool,
    engine: str,
    jobs: int | None,
    quiet: bool,
) -> None:
    """Measure the cooperation network and find its coordination gaps.

    Writes one CSV per result into OUT: network, network_territories,
    centrality, brokerage,
    brokerage_groups, holes, mixing, mixing_groups, communities,
    communities_sectors, cohesion, bridges, ego, clustering, twomode, twomode_overlaps,
    gaps_co_serving, gaps_sector, gaps_referrals, gaps_referral_targets,
    gaps_uncoordinated, gaps_group_coverage, recommendations, survey_waves, trust and
    trust_pairs (columns: docs/measures.md), and weighted_paths with --weighted-paths,
    then prints the most central institutions and the worst gaps. Nothing
    written or printed identifies a family; counts of 1 or 2 families (and
    referrals) are written and printed as <3, as in the reports; exact ones only
    with --min-count 1. README.txt in OUT records the command, the threshold and
    the key's fingerprint (never the key).

    \b
    Example:
      kokon-graph analyze datasets/liderzy-kooperacji --out results/
      kokon-graph analyze data/ --out results/ --scope powiat:1805 --wave after
      kokon-graph analyze data/ --out results/ --relation information --partition type
      kokon-graph analyze data/ --out results/ --weighted-paths 0.5
      kokon-graph analyze data/ --out exact/ --min-count 1    # exact small counts: keep private
    """
    from kokon_graph._igraph import hide_plotting
    from kokon_graph.report.build import analyse_to_files

    hide_plotting()  # the command never draws with igraph
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
    with _exact_progress(network, relation, between, quiet):
        results = analyse_to_files(
            network,
            out,
            min_count=min_count,
            command=_command_line(click.get_current_context()),
            key_file=pseudonym_key_file,
            relation=relation,
            partition=partition,
            min_services=min_services,
            betweenness=between,
            seed=seed,
            weighted_alpha=weighted_alpha,
            jobs=jobs,
            raw=raw_csv,
        )
    if quiet:
        return
    lang = current_lang()
    scope_text = network.scope.label(lang, network.full_dataset.territories)
    kinds = ", ".join(model.COOPERATION_KINDS.label(k, lang) for k in relation.kinds or ())
    name = network.dataset.name or dataset
    click.echo(
        tr(
            f"Przeanalizowano {name}: {scope_text}; fala: {wave_text(wave, 'pl')}; "
            f"rodzaje współpracy: {kinds or 'wszystkie'}",
            f"Analysed {name}: {scope_text}; wave: {wave or 'all'}; "
            f"relation: {str(relation) or 'all'}",
        )
    )
    _summary(results, min_count)
    for row in results["survey_waves"].itertuples():
        click.echo(_wave_line(row))
    click.echo(
        tr(
            f"Zapisano {len(results)} plików CSV i README.txt w {out}",
            f"Wrote {len(results)} CSV files and README.txt to {out}",
        )
    )


def _wave_line(row: Any) -> str:
    """One survey wave of ``survey_waves``: its rule, answers and one-sided ties."""
    rule = model.SURVEY_RULES.label(row.rule, "pl") if row.rule and current_lang() == "pl" else ""
    rule = rule or row.rule
    return tr(
        f"Fala badania {wave_text(row.wave, 'pl')}: powiązania według reguły "
        f"{rule or 'nieodnotowanej'}, odpowiedziało {row.answered} z {row.asked} instytucji, "
        f"{row.one_sided_share:.0%} z {row.ties} powiązań zgłoszonych tylko przez jedną "
        "stronę".replace("%", " %"),
        f"Survey wave {row.wave}: ties by the {rule or 'unrecorded'} rule, "
        f"{row.answered} of {row.asked} institutions answered, "
        f"{row.one_sided_share:.0%} of {row.ties} ties reported by one side only",
    )


def _command_line(ctx: click.Context) -> str:
    """The command as run: its path and every option given (a key is never an option)."""
    import shlex

    names: list[str] = []  # the subcommands' names: the program's own name may be "python -m ..."
    at: click.Context | None = ctx
    while at is not None and at.parent is not None:
        names.insert(0, at.info_name or "")
        at = at.parent
    words = ["kokon-graph", *names]
    for param in ctx.command.params:
        value = ctx.params.get(param.name or "")
        source = ctx.get_parameter_source(param.name or "")
        if isinstance(param, click.Argument):
            words.append(str(value))
        elif source is click.core.ParameterSource.COMMANDLINE and param.opts:
            if isinstance(param, click.Option) and param.is_flag:
                words.append(max(param.opts, key=len) if value else "")
            else:
                words += [max(param.opts, key=len), str(value)]
    return " ".join(shlex.quote(w) for w in words if w)
