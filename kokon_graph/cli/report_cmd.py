"""``kokon-graph report``, ``kokon-graph compare`` and ``kokon-graph export``."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal, cast

import click

from kokon_graph.cli._common import (
    dataset_argument,
    dataset_options,
    lang_option,
    load_dataset,
    load_network,
    min_count_option,
    out_dir_option,
    progress,
    quiet_option,
    relation_option,
    scope_option,
    scope_options,
)
from kokon_graph.cli._help import KokonCommand, bi, pl_doc
from kokon_graph.cli.analyze_cmd import weighted_paths_option
from kokon_graph.errors import ReportError
from kokon_graph.graph import Network, Relation, Scope, build_network
from kokon_graph.lang import current_lang, tr
from kokon_graph.model import Lang
from kokon_graph.report._text import wave_text

__all__ = ["compare", "export", "report"]

_FORMATS = ("xlsx", "csv", "html")


def _formats(text: str) -> tuple[str, ...]:
    items = tuple(dict.fromkeys(p.strip().lower() for p in text.split(",") if p.strip()))
    unknown = [p for p in items if p not in _FORMATS]
    if unknown or not items:
        raise ReportError(
            tr(
                f"nieznany format raportu: {', '.join(unknown) or repr(text)}",
                f"unknown report format {', '.join(unknown) or repr(text)}",
            ),
            hint=tr(
                "podaj po przecinku xlsx, csv, html (np. --format xlsx,html)",
                "use a comma-separated list of xlsx, csv, html (e.g. --format xlsx,html)",
            ),
        )
    return items


def _report_options(f: Any) -> Any:
    options = [
        out_dir_option(
            bi(
                "Folder do zapisu (tworzony, jeśli go nie ma).",
                "Folder to write into (created if missing).",
            )
        ),
        click.option(
            "--format",
            "formats",
            default="xlsx,csv,html",
            show_default=True,
            metavar="LIST",
            help=bi("Po przecinku: xlsx, csv, html.", "Comma-separated: xlsx, csv, html."),
        ),
        click.option(
            "--csv-delimiter",
            type=click.Choice([",", ";"]),
            default=",",
            show_default=True,
            help=bi(
                "';' zapisuje też przecinki dziesiętne, dla polskiego Excela.",
                "';' also writes decimal commas, for Polish Excel.",
            ),
        ),
        relation_option,
    ]
    for option in reversed(options):
        f = option(f)
    return f


def _dataset_kwargs(
    encoding: str | None, pseudonym_key_file: str | None, pseudonymised: bool, strict: bool
) -> dict[str, Any]:
    return {
        "encoding": encoding,
        "pseudonym_key_file": pseudonym_key_file,
        "pseudonymised": pseudonymised,
        "strict": strict,
    }


@click.command(cls=KokonCommand)
@pl_doc(
    """Zapisz raport centralności i luk: report.xlsx, csv/*.csv, report.html.

    Skoroszyt ma podsumowanie, po jednym arkuszu na wynik z nagłówkami po
    polsku lub angielsku i arkusz objaśniający każdą kolumnę; pliki CSV są w
    UTF-8 z BOM; strona HTML działa bez sieci. Liczby rodzin mniejsze niż
    --min-count są pokazane jako "<3".

    \b
    Przykład:
      kokon-graph report datasets/praski-kokon --out report/ --lang pl
      kokon-graph report my.xlsx -o out --scope powiat:2815 --wave after --format xlsx
    """
)
@dataset_argument
@_report_options
@scope_options
@lang_option
@min_count_option
@weighted_paths_option
@click.option(
    "--map/--no-map",
    "with_map",
    default=True,
    show_default=True,
    help=bi(
        "Zapisz mapę zakresu (map.html) obok raportu HTML i dodaj do niej odnośnik.",
        "Write the map of the scope (map.html) beside the HTML report and link it.",
    ),
)
@quiet_option
@dataset_options
def report(
    dataset: str,
    out: str,
    formats: str,
    csv_delimiter: str,
    relation: Relation,
    scope: Scope,
    wave: str | None,
    lang: str,
    min_count: int,
    weighted_alpha: float | None,
    with_map: bool,
    quiet: bool,
    encoding: str | None,
    pseudonym_key_file: str | None,
    pseudonymised: bool,
    strict: bool,
) -> None:
    """Write the centrality and gap report: report.xlsx, csv/*.csv, report.html.

    The workbook has a summary, one sheet per result with Polish or English
    headers, and a sheet explaining every column; the CSV files are UTF-8
    with BOM; the HTML page works offline. Counts of families below
    --min-count show as "<3".

    \b
    Example:
      kokon-graph report datasets/praski-kokon --out report/ --lang pl
      kokon-graph report my.xlsx -o out --scope powiat:2815 --wave after --format xlsx
    """
    from kokon_graph.report import build_report

    chosen = _formats(formats)
    with progress(["read", "report"], label=tr("Raport", "Report"), quiet=quiet) as bar:
        for step in bar:
            if step == "read":
                network = load_network(
                    dataset,
                    scope=scope,
                    wave=wave,
                    **_dataset_kwargs(encoding, pseudonym_key_file, pseudonymised, strict),
                )
            else:
                written = build_report(
                    network,
                    out,
                    formats=chosen,
                    lang=cast(Lang, lang),
                    min_count=min_count,
                    csv_delimiter=cast(Literal[",", ";"], csv_delimiter),
                    with_map=with_map,
                    relation=relation,
                    weighted_alpha=weighted_alpha,
                )
    if not quiet:
        _echo_written(Path(out), chosen, network, with_map="map" in written)


def _echo_written(
    target: Path, chosen: tuple[str, ...], network: Network, *, with_map: bool
) -> None:
    lang = current_lang()
    scope = network.scope.label(lang, network.full_dataset.territories)
    wave = f", {tr('fala', 'wave')} {wave_text(network.wave, lang)}" if network.wave else ""
    name = network.dataset.name
    click.echo(
        tr(
            f"Raport {name} (zakres: {scope}{wave}) zapisany w {target}:",
            f"Report of {name} (scope {network.scope}{wave}) written to {target}:",
        )
    )
    names = {"xlsx": "report.xlsx", "html": "report.html", "csv": "csv/"}
    for fmt in chosen:
        if fmt == "csv":
            count = len(list((target / "csv").glob("*.csv")))
            click.echo(tr(f"  csv/ (pliki: {count})", f"  csv/ ({count} files)"))
        else:
            click.echo(f"  {names[fmt]}")
    if with_map:
        click.echo("  map.html")


def _two_networks(
    datasets: tuple[str, ...],
    before: str | None,
    after: str | None,
    scope: Scope,
    dataset_kwargs: dict[str, Any],
) -> tuple[Network, Network, str, str]:
    """The 'before' and 'after' networks and the words describing each."""
    if len(datasets) == 1:
        data = load_dataset(datasets[0], **dataset_kwargs)
        waves = data.waves
        before = before or ("before" if "before" in waves else None)
        after = after or ("after" if "after" in waves else None)
        if before is None or after is None:
            raise ReportError(
                tr(
                    f"podaj, które fale porównać (dane mają: {', '.join(waves) or 'żadnej'})",
                    f"say which waves to compare (the data has: {', '.join(waves) or 'none'})",
                ),
                hint=tr(
                    "kokon-graph compare ZBIÓR --before FALA --after FALA albo podaj dwa "
                    "zbiory danych: compare ZBIÓR_PRZED ZBIÓR_PO",
                    "kokon-graph compare DATASET --before WAVE --after WAVE, "
                    "or give two datasets: compare BEFORE_DATASET AFTER_DATASET",
                ),
            )
        return (
            build_network(data, scope=scope, wave=before),
            build_network(data, scope=scope, wave=after),
            data.name,
            f"{before} → {after}",
        )
    first = load_dataset(datasets[0], **dataset_kwargs)
    second = load_dataset(datasets[1], **dataset_kwargs)
    return (
        build_network(first, scope=scope, wave=before),
        build_network(second, scope=scope, wave=after),
        f"{first.name} → {second.name}",
        f"{before or 'all'} → {after or 'all'}",
    )


@click.command(cls=KokonCommand)
@pl_doc(
    """Porównaj sieć przed i po: dwie fale jednego zbioru danych albo dwa zbiory.

    Zapisuje compare.xlsx, csv/*.csv i compare.html: powiązania zyskane i
    utracone według par sektorów, zmianę gęstości, wzajemności i centralizacji,
    aktorów, których centralność zmieniła się najbardziej, luki zamknięte i
    otwarte oraz zmianę w każdej gminie i powiecie. Dla dwóch fal jednego
    zbioru także sparowane testy permutacyjne zmiany gęstości i wzajemności oraz
    korelację QAP obu fal, słowami, z wartościami p i ich błędem Monte Carlo
    (--permutations, --seed). Przy dwóch zbiorach --before i --after wybierają
    falę w każdym z nich (domyślnie: wszystkie fale).

    \b
    Przykład:
      kokon-graph compare datasets/praski-kokon --before before --after after --out cmp/
      kokon-graph compare survey-2019/ survey-2021/ --out cmp/ --scope powiat:2815
    """
)
@click.argument("datasets", nargs=-1, required=True, metavar="DATASET [AFTER_DATASET]")
@click.option(
    "--before",
    default=None,
    metavar="WAVE",
    help=bi("Fala „przed” (domyślnie: before).", "The wave before (default: before)."),
)
@click.option(
    "--after",
    default=None,
    metavar="WAVE",
    help=bi("Fala „po” (domyślnie: after).", "The wave after (default: after)."),
)
@click.option(
    "--permutations",
    default=2000,
    show_default=True,
    type=click.IntRange(min=0),
    metavar="N",
    help=bi(
        "Losowe przetasowania w testach zmiany (dwie fale jednego zbioru); 0 pomija testy.",
        "Random relabelings of the tests of change (two waves of one dataset); 0 leaves "
        "the tests out.",
    ),
)
@click.option(
    "--seed",
    default=0,
    show_default=True,
    type=int,
    help=bi("Ziarno przetasowań.", "Seed of the relabelings."),
)
@_report_options
@scope_option
@lang_option
@min_count_option
@quiet_option
@dataset_options
def compare(
    datasets: tuple[str, ...],
    before: str | None,
    after: str | None,
    permutations: int,
    seed: int,
    out: str,
    formats: str,
    csv_delimiter: str,
    relation: Relation,
    scope: Scope,
    lang: str,
    min_count: int,
    quiet: bool,
    encoding: str | None,
    pseudonym_key_file: str | None,
    pseudonymised: bool,
    strict: bool,
) -> None:
    """Compare the network before and after: two waves of one dataset, or two datasets.

    Writes compare.xlsx, csv/*.csv and compare.html: ties gained and lost by
    sector pair, the change in density, reciprocity and centralization, the
    actors whose centrality moved most, gaps closed and opened, and the
    change per gmina and powiat. For two waves of one dataset, also the
    paired permutation tests of the change in density and reciprocity and the
    QAP correlation of the two waves, in words, with p-values and their Monte
    Carlo error (--permutations, --seed). With two datasets, --before and
    --after pick a wave in each (default: all waves).

    \b
    Example:
      kokon-graph compare datasets/praski-kokon --before before --after after --out cmp/
      kokon-graph compare survey-2019/ survey-2021/ --out cmp/ --scope powiat:2815
    """
    from kokon_graph.report.compare_report import build_comparison

    if len(datasets) > 2:
        raise ReportError(
            tr(
                f"compare przyjmuje jeden albo dwa zbiory danych, nie {len(datasets)}",
                f"compare takes one or two datasets, not {len(datasets)}",
            ),
            hint=tr(
                "compare ZBIÓR --before FALA --after FALA albo compare PRZED PO",
                "compare DATASET --before WAVE --after WAVE, or compare BEFORE AFTER",
            ),
        )
    chosen = _formats(formats)
    kwargs = _dataset_kwargs(encoding, pseudonym_key_file, pseudonymised, strict)
    target = Path(out)
    with progress(["read", "compare"], label=tr("Porównanie", "Compare"), quiet=quiet) as bar:
        for step in bar:
            if step == "read":
                net_b, net_a, name, waves = _two_networks(datasets, before, after, scope, kwargs)
            else:
                tables = build_comparison(
                    net_b,
                    net_a,
                    target,
                    dataset=name,
                    waves=waves,
                    formats=chosen,
                    lang=cast(Lang, lang),
                    min_count=min_count,
                    csv_delimiter=cast(Literal[",", ";"], csv_delimiter),
                    relation=relation,
                    permutations=permutations or None,
                    seed=seed,
                )
    if quiet:
        return
    ties = tables["tie_changes"]
    gaps = tables["gap_changes"]
    gained, lost = int((ties["status"] == "gained").sum()), int((ties["status"] == "lost").sum())
    closed = int((gaps["status"] == "closed").sum())
    opened = int((gaps["status"] == "opened").sum())
    where = scope.label(current_lang(), net_a.full_dataset.territories)
    click.echo(
        tr(
            f"Porównanie {name} (zakres: {where}, {wave_text(waves, 'pl')}) zapisane w {target}:",
            f"Comparison of {name} (scope {scope}, {waves}) written to {target}:",
        )
    )
    click.echo(
        tr(
            f"  powiązania nowe {gained}, utracone {lost}; luki zamknięte {closed}, "
            f"otwarte {opened}",
            f"  ties gained {gained}, lost {lost}; gaps closed {closed}, opened {opened}",
        )
    )
    for fmt in chosen:
        click.echo("  " + {"xlsx": "compare.xlsx", "html": "compare.html", "csv": "csv/"}[fmt])
    if "change_tests" in tables:
        for sentence in tables["change_tests"][f"sentence_{lang}"]:
            click.echo(sentence)


_EXPORT_SUFFIXES = {".gexf": "gexf", ".graphml": "graphml", ".json": "json"}


@click.command(cls=KokonCommand)
@pl_doc(
    """Wyeksportuj sieć współpracy do Gephi (GEXF 1.3), yEd/igraph (GraphML) albo JSON.

    Węzły to instytucje z ich cechami i miarami, krawędzie to powiązania
    współpracy z wagą, liczbą i rodzajami; każda cecha zachowuje swój typ.
    Rodziny nigdy nie są eksportowane.

    \b
    Przykład:
      kokon-graph export datasets/praski-kokon --format gexf --out praga.gexf
      kokon-graph export my.xlsx --out net.graphml --scope gmina:2815011 --wave after
    """
)
@dataset_argument
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["gexf", "graphml", "json"]),
    default=None,
    help=bi(
        "Format pliku (domyślnie: z rozszerzenia --out).",
        "File format (default: from the --out suffix).",
    ),
)
@click.option(
    "--out",
    "-o",
    "out",
    required=True,
    type=click.Path(dir_okay=False),
    metavar="FILE",
    help=bi("Plik do zapisania.", "The file to write."),
)
@scope_options
@relation_option
@click.option(
    "--measures/--no-measures",
    default=True,
    show_default=True,
    help=bi(
        "Dodaj miary każdej instytucji (centralność, pośrednictwo, dziury strukturalne, "
        "społeczność).",
        "Add each institution's measures (centrality, brokerage, holes, community).",
    ),
)
@quiet_option
@dataset_options
def export(
    dataset: str,
    fmt: str | None,
    out: str,
    scope: Scope,
    wave: str | None,
    relation: Relation,
    measures: bool,
    quiet: bool,
    encoding: str | None,
    pseudonym_key_file: str | None,
    pseudonymised: bool,
    strict: bool,
) -> None:
    """Export the cooperation network for Gephi (GEXF 1.3), yEd/igraph (GraphML) or JSON.

    Nodes are institutions with their attributes and measures, edges the
    cooperation ties with weight, count and kinds; every attribute keeps its
    type. Families are never exported.

    \b
    Example:
      kokon-graph export datasets/praski-kokon --format gexf --out praga.gexf
      kokon-graph export my.xlsx --out net.graphml --scope gmina:2815011 --wave after
    """
    from kokon_graph.export import export_network

    path = Path(out)
    chosen = fmt or _EXPORT_SUFFIXES.get(path.suffix.lower())
    if chosen is None:
        raise ReportError(
            tr(
                f"nie wiadomo, jaki format ma {path.name}", f"cannot tell the format of {path.name}"
            ),
            hint=tr(
                "podaj --format gexf, graphml albo json (albo nazwij plik .gexf/.graphml/.json)",
                "give --format gexf, graphml or json (or name the file .gexf/.graphml/.json)",
            ),
        )
    if not path.parent.exists():  # before any data is read
        raise ReportError(
            tr(f"folder {path.parent} nie istnieje", f"folder {path.parent} does not exist"),
            hint=tr("najpierw go utwórz", "create it first"),
        )
    with progress(["read", "write"], label=tr("Eksport", "Export"), quiet=quiet) as bar:
        for step in bar:
            if step == "read":
                network = load_network(
                    dataset,
                    scope=scope,
                    wave=wave,
                    **_dataset_kwargs(encoding, pseudonym_key_file, pseudonymised, strict),
                )
            else:
                export_network(
                    network,
                    path,
                    format=cast(Any, chosen),
                    relation=relation,
                    measures=measures,
                )
    if not quiet:
        view = network.cooperation(relation=relation)  # the exported graph's ties, cached
        nodes, edges = view.number_of_nodes(), view.number_of_edges()
        click.echo(
            tr(
                f"Zapisano {path} ({chosen}): instytucje {nodes}, powiązania {edges}",
                f"Wrote {path} ({chosen}): {nodes} institutions, {edges} ties",
            )
        )
