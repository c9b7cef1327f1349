"""The analysis report: what goes on the page and which files are written."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, Literal

import pandas as pd

from kokon_graph._output import staged_folder
from kokon_graph.analysis.results import GAP_KINDS
from kokon_graph.errors import ReportError
from kokon_graph.model import DEFAULT_MIN_COUNT, Lang
from kokon_graph.report import sentences
from kokon_graph.report._text import result_title, t
from kokon_graph.report.csv_writer import write_csv, write_result_files
from kokon_graph.report.html_writer import (
    Section,
    figure,
    measures_table,
    render_table,
    sentence_list,
    status_cell,
    tables_section,
    write_html,
)
from kokon_graph.report.info import ReportInfo
from kokon_graph.report.tables import display_table

if TYPE_CHECKING:
    from kokon_graph.graph import Network

__all__ = [
    "FORMATS",
    "HTML_ROWS",
    "MAP_KIND_BY_SIZE",
    "TOP_MEASURES",
    "analyse",
    "analyse_to_files",
    "build_report",
    "map_kind",
    "mixing_matrix",
    "report_of_results",
    "report_sections",
    "write_formats",
    "write_report",
]

Format = Literal["xlsx", "csv", "html"]
#: Every output format of a report.
FORMATS: Final[tuple[Format, ...]] = ("xlsx", "csv", "html")
#: Rows of each table shown in the HTML page (the files hold them all).
HTML_ROWS: Final = 200
#: File names inside the output folder.
XLSX_NAME: Final = "report.xlsx"
HTML_NAME: Final = "report.html"
CSV_FOLDER: Final = "csv"

#: Centrality measures of the "top actors" table, the first two ordering it (columns of
#: ``REGISTRY["centrality"]``; a test holds them to it).
TOP_MEASURES: Final = ("betweenness", "degree", "pagerank", "eigenvector")
#: The centrality column whose distribution is plotted.
DEGREE_MEASURE: Final = "degree"
_ID_COLUMNS: Final = ("name", "type", "sector")
#: The threshold the analysis words its recommendation reasons for by default.
_ANALYSIS_MIN_COUNT: Final = DEFAULT_MIN_COUNT


def mixing_matrix(frame: pd.DataFrame | None) -> pd.DataFrame:
    """The group-by-group tie matrix held in the mixing result (rows: from, columns: to)."""
    if frame is None or frame.empty:
        return pd.DataFrame()
    return frame.pivot_table(
        index="source_group", columns="target_group", values="ties", aggfunc="sum", fill_value=0
    )


def _top_actors(results: Mapping[str, pd.DataFrame], lang: Lang, min_count: int) -> str:
    centrality = results.get("centrality")
    if centrality is None or centrality.empty:
        return f'<p class="note">{t("empty", lang)}</p>'
    top = centrality.sort_values(list(TOP_MEASURES[:2]), ascending=False, kind="stable")
    table = display_table("centrality", top.head(15), lang=lang, min_count=min_count)
    columns = [*_ID_COLUMNS, *TOP_MEASURES]
    return render_table(table, lang, columns=columns)


def _gap_sections(results: Mapping[str, pd.DataFrame], lang: Lang, min_count: int) -> str:
    parts = []
    for kind in GAP_KINDS.values():
        frame = results.get(kind.result)
        write = sentences.GAP_SENTENCES.get(kind.name)  # a kind may have its table only
        if frame is None or write is None:
            continue
        parts.append(f"<h3>{result_title(kind.result, lang)}</h3>")
        parts.append(sentence_list(write(frame, lang, min_count), lang))
    return "".join(parts)


def scorecard_table(scorecard: pd.DataFrame, lang: Lang, min_count: int) -> str:
    """The gmina scorecard as a sortable table: the status as a coloured word (sorting worst
    first), the reasons in words."""
    from kokon_graph.analysis.scorecard import COLUMNS, reasons_text
    from kokon_graph.report.tables import DisplayTable, column_kind

    frame = scorecard.assign(reasons=scorecard["reasons"].map(lambda r: reasons_text(r, lang)))
    for column in ("referrals", "unanswered"):
        frame[column] = [
            f"<{min_count}" if 0 < int(v) < min_count else int(v) for v in frame[column]
        ]
    small = (scorecard["referrals"] > 0) & (scorecard["referrals"] < min_count)
    frame["median_days"] = frame["median_days"].astype(object).where(~small, f"<{min_count}")
    labels = {code: (doc.pl if lang == "pl" else doc.en) for code, doc in COLUMNS.items()}
    kinds = {str(c): column_kind(str(c), scorecard[c]) for c in scorecard.columns}
    note = f'<p class="note">{escape(t("scorecard_note", lang))}</p>'
    table = DisplayTable("gmina_scorecard", frame, labels, kinds)
    return note + render_table(
        table, lang, cells={"status": lambda status: status_cell(str(status), lang)}
    )


def report_sections(
    results: Mapping[str, pd.DataFrame],
    *,
    lang: Lang,
    min_count: int,
    html_rows: int = HTML_ROWS,
    scorecard: pd.DataFrame | None = None,
) -> list[Section]:
    """The sections of the analysis report page."""
    sections = [
        Section(
            "summary",
            t("summary", lang),
            measures_table(results.get("network"), lang, min_count=min_count),
        ),
        *(
            [
                Section(
                    "scorecard", t("scorecard", lang), scorecard_table(scorecard, lang, min_count)
                )
            ]
            if scorecard is not None and len(scorecard)
            else []
        ),
        Section("top", t("top_actors", lang), _top_actors(results, lang, min_count)),
        Section("gaps", t("gaps_in_words", lang), _gap_sections(results, lang, min_count)),
    ]
    if "recommendations" in results:
        sentences_ = sentences.recommendation_sentences(results["recommendations"], lang)
        sections.append(
            Section(
                "recommendations",
                t("recommendations_in_words", lang),
                sentence_list(sentences_, lang),
            )
        )
    from kokon_graph.report import plots  # matplotlib: imported only where a report draws

    figures = []
    centrality = results.get("centrality")
    if centrality is not None:
        figures.append(
            figure(
                plots.degree_distribution(centrality[DEGREE_MEASURE], lang),
                t("degree_distribution", lang),
            )
        )
    matrix = mixing_matrix(results.get("mixing"))
    if not matrix.empty:
        figures.append(figure(plots.mixing_heatmap(matrix, lang), t("mixing_heatmap", lang)))
    brokerage = results.get("brokerage")
    if brokerage is not None:
        figures.append(
            figure(plots.brokerage_by_sector(brokerage, lang), t("brokerage_by_sector", lang))
        )
    sections.append(
        Section("plots", t("plots", lang), f'<div class="figures">{"".join(figures)}</div>')
    )
    sections.append(
        Section(
            "tables",
            t("tables", lang),
            tables_section(
                results, _ordered(results), lang, min_count=min_count, max_rows=html_rows
            ),
        )
    )
    return sections


def _ordered(results: Mapping[str, pd.DataFrame]) -> list[str]:
    from kokon_graph.report.xlsx_writer import ordered_results  # openpyxl: on first use only

    return ordered_results(results)


def _write_xlsx() -> Callable[..., Path]:
    from kokon_graph.report.xlsx_writer import write_xlsx  # openpyxl: on first use only

    return write_xlsx


def write_report(
    results: Mapping[str, pd.DataFrame],
    out_dir: str | Path,
    *,
    formats: Sequence[str] = FORMATS,
    info: ReportInfo | None = None,
    lang: Lang = "pl",
    min_count: int = 3,
    csv_delimiter: Literal[",", ";"] = ",",
    html_rows: int = HTML_ROWS,
    scorecard: pd.DataFrame | None = None,
) -> dict[str, Path]:
    """Write the analysis results as a report: ``report.xlsx``, ``csv/*.csv``, ``report.html``.

    Parameters
    ----------
    results
        ``{result name: DataFrame}`` from :func:`kokon_graph.analysis.run_all`.
    out_dir
        The folder to write into (created if missing).
    formats
        Any of ``"xlsx"``, ``"csv"``, ``"html"``.
    info
        Dataset, scope, wave and date, shown at the head of each file.
    lang
        ``"pl"`` or ``"en"``: headers, words and sentences.
    min_count
        Family (and referral) counts below this show as ``"<min_count"``.
    csv_delimiter
        ``","`` or ``";"`` (decimal comma, for Polish Excel).
    html_rows
        Rows of each table on the page.
    scorecard
        The gmina scorecard (:func:`kokon_graph.analysis.scorecard.gmina_scorecard`), shown
        as the "Karta gminy" sheet and page section.

    Returns
    -------
    dict
        ``{"xlsx": path, "html": path, "csv": folder}`` for the formats written.
    """
    unknown = sorted(set(formats) - set(FORMATS))
    if unknown:
        raise ReportError(
            f"unknown report format {', '.join(unknown)}; use xlsx, csv or html",
            hint="formats=('xlsx', 'csv', 'html') or any of them",
        )
    info = info or ReportInfo()
    return write_formats(
        out_dir,
        formats,
        xlsx=(
            XLSX_NAME,
            lambda path: _write_xlsx()(
                results, path, info=info, lang=lang, min_count=min_count, scorecard=scorecard
            ),
        ),
        csv=lambda folder: write_csv(
            results, folder, min_count=min_count, delimiter=csv_delimiter, lang=lang
        ),
        html=(
            HTML_NAME,
            lambda path: write_html(
                path,
                title=t("report_title", lang),
                info=info,
                sections=report_sections(
                    results,
                    lang=lang,
                    min_count=min_count,
                    html_rows=html_rows,
                    scorecard=scorecard,
                ),
                lang=lang,
            ),
        ),
    )


def write_formats(
    out_dir: str | Path,
    formats: Sequence[str],
    *,
    xlsx: tuple[str, Callable[[Path], Path]],
    csv: Callable[[Path], object],
    html: tuple[str, Callable[[Path], Path]],
) -> dict[str, Path]:
    """Write the ``formats`` asked for (``"xlsx"``, ``"csv"``, ``"html"``, in that order) into
    ``out_dir``, all of them or none (a staged folder): ``xlsx`` and ``html`` are a file name and
    a writer given its path, ``csv`` a writer given the :data:`CSV_FOLDER` to fill.

    Returns ``{format: path}`` of what was written (the CSV folder for ``"csv"``).
    """
    final = Path(out_dir)
    with staged_folder(final) as out:
        written: dict[str, Path] = {}
        if "xlsx" in formats:
            written["xlsx"] = xlsx[1](out / xlsx[0])
        if "csv" in formats:
            folder = out / CSV_FOLDER
            folder.mkdir(exist_ok=True)
            csv(folder)
            written["csv"] = folder
        if "html" in formats:
            written["html"] = html[1](out / html[0])
    return {k: final / p.relative_to(out) for k, p in written.items()}


def _without_attrs(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` without its ``attrs`` (a shallow copy when it has any)."""
    if not frame.attrs:
        return frame
    plain = frame.copy(deep=False)
    plain.attrs = {}
    return plain


def analyse(network: Network, *, min_count: int = 3, **analysis: Any) -> dict[str, pd.DataFrame]:
    """:func:`kokon_graph.analysis.run_all`, with the reasons of the recommendations worded
    for ``min_count`` (a count of families below it reads "fewer than").

    The reasons are reworded from their structured form; nothing is analysed twice.
    ``analysis`` keyword arguments go to ``run_all``.
    """
    from kokon_graph.analysis import run_all
    from kokon_graph.analysis.recommend import reworded

    results = dict(run_all(network, **analysis))
    if min_count != _ANALYSIS_MIN_COUNT:
        results["recommendations"] = reworded(results["recommendations"], min_count=min_count)
    return results


def analyse_to_files(
    network: Network,
    out_dir: str | Path,
    *,
    raw: bool = False,
    min_count: int = 3,
    command: str = "",
    key_file: str | Path | None = None,
    **analysis: Any,
) -> dict[str, pd.DataFrame]:
    """Analyse ``network`` (:func:`kokon_graph.analysis.run_all`, with the ``analysis``
    keyword arguments) and write every result as ``<name>.csv`` into ``out_dir``
    (:func:`~kokon_graph.report.csv_writer.write_result_files`, formulas neutralised
    unless ``raw``); return the results.

    Counts of families (and referrals) from 1 to ``min_count - 1``, and the rates resting on
    them, are written as ``<min_count`` as in the reports (exact ones only with
    ``min_count=1``). ``README.txt`` beside them records ``command``, the threshold and the
    fingerprint of the pseudonymisation key (from ``key_file`` or the environment), never the
    key (:mod:`kokon_graph.report.privacy`)."""
    from kokon_graph.analysis import run_all
    from kokon_graph.io.pseudonym import load_key
    from kokon_graph.report.privacy import key_fingerprint, write_readme
    from kokon_graph.report.suppress import suppress_for_files

    results = run_all(network, **analysis)
    key = load_key(key_file=key_file)
    with staged_folder(out_dir) as stage:  # the tables and their README, together or not at all
        write_result_files(suppress_for_files(results, min_count=min_count), stage, raw=raw)
        write_readme(
            stage,
            command=command,
            min_count=min_count,
            fingerprint=key_fingerprint(key) if key else None,
        )
    return results


#: The map drawn beside a report, by the size of the network: the first kind whose
#: largest network (institutions) is at least the network's size.
MAP_KIND_BY_SIZE: Final[tuple[tuple[float, str], ...]] = (
    (2000, "cooperation"),
    (float("inf"), "aggregate"),
)
#: File name of the map written beside the report.
MAP_NAME: Final = "map.html"


def map_kind(institutions: int) -> str:
    """The kind of map drawn beside a report on a network of ``institutions``.

    >>> map_kind(120), map_kind(2001)
    ('cooperation', 'aggregate')
    """
    return next(kind for largest, kind in MAP_KIND_BY_SIZE if institutions <= largest)


def write_report_map(
    network: Network,
    path: Path,
    results: Mapping[str, pd.DataFrame],
    *,
    lang: Lang,
    assets_href: str | None = None,
) -> Path:
    """Write the map of ``network`` to ``path`` (its kind from :func:`map_kind`);
    ``assets_href``: a shared copy of vis-network to link instead of inlining it."""
    from kokon_graph.viz import build_map

    m = build_map(
        network,
        kind=map_kind(len(network.institutions)),
        lang=lang,
        centrality=results.get("centrality"),
        gaps_co_serving=results.get("gaps_co_serving"),
        gaps_sector=results.get("gaps_sector"),
        gaps_referrals=results.get("gaps_referrals"),
    )
    m.assets_href = assets_href
    m.save(path)
    return path


def build_report(
    network: Network,
    out_dir: str | Path,
    *,
    formats: Sequence[str] = FORMATS,
    lang: Lang = "pl",
    min_count: int = 3,
    csv_delimiter: Literal[",", ";"] = ",",
    with_map: bool = False,
    links: Sequence[tuple[str, str]] = (),
    assets_href: str | None = None,
    **analysis: Any,
) -> dict[str, Path]:
    """Analyse ``network`` with :func:`kokon_graph.analysis.run_all` and write its report.

    With ``with_map`` and the HTML format, the map of the network (``map.html``, see
    :func:`map_kind`) is written beside the report and linked from it (``assets_href``:
    where a shared copy of vis-network lies, see
    :func:`kokon_graph.viz.page.write_shared_assets`; inlined without). ``analysis``
    keyword arguments go to ``run_all`` (``relation``, ``partition``,
    ``required_sectors``, ``min_services``, ``betweenness``, ``seed``).

    Returns
    -------
    dict
        ``{"xlsx": path, "html": path, "csv": folder, "map": path}`` for what was written.
    """
    results = analyse(network, min_count=min_count, **analysis)
    return report_of_results(
        network,
        results,
        out_dir,
        formats=formats,
        lang=lang,
        min_count=min_count,
        csv_delimiter=csv_delimiter,
        with_map=with_map,
        links=links,
        assets_href=assets_href,
    )


def report_of_results(
    network: Network,
    results: Mapping[str, pd.DataFrame],
    out_dir: str | Path,
    *,
    formats: Sequence[str] = FORMATS,
    lang: Lang = "pl",
    min_count: int = 3,
    csv_delimiter: Literal[",", ";"] = ",",
    with_map: bool = False,
    links: Sequence[tuple[str, str]] = (),
    assets_href: str | None = None,
    scorecard: pd.DataFrame | None = None,
) -> dict[str, Path]:
    """:func:`build_report` of ``results`` already computed by :func:`analyse` (and of
    the gmina ``scorecard`` computed from them, if given)."""
    from kokon_graph.analysis.scorecard import gmina_scorecard

    if scorecard is None:
        scorecard = gmina_scorecard(network, results, min_count=min_count)
    # the structured reasons are worded now; pandas would deep-copy them on every step
    results = {name: _without_attrs(frame) for name, frame in results.items()}
    info = ReportInfo.from_network(network, lang=lang)
    final = Path(out_dir)
    with staged_folder(final) as out:
        written: dict[str, Path] = {}
        if with_map and "html" in formats:
            written["map"] = write_report_map(
                network, out / MAP_NAME, results, lang=lang, assets_href=assets_href
            )
            info = replace(info, map_href=MAP_NAME)
        info = replace(info, links=tuple(links))
        for fmt in formats:  # one at a time, in the order asked for
            written.update(
                write_report(
                    results,
                    out,
                    formats=(fmt,),
                    info=info,
                    lang=lang,
                    min_count=min_count,
                    csv_delimiter=csv_delimiter,
                    scorecard=scorecard,
                )
            )
    return {k: final / p.relative_to(out) for k, p in written.items()}
