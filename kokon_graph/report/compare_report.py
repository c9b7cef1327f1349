"""The before/after comparison as a workbook, CSV files and an HTML page with plots.

Takes the tables of :func:`kokon_graph.analysis.compare.compare_networks`
and writes them; it computes nothing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Final, Literal

import pandas as pd

from kokon_graph import model
from kokon_graph.analysis.change import DEFAULT_PERMUTATIONS
from kokon_graph.analysis.results import COMPARISON_RESULTS, GAP_KINDS
from kokon_graph.model import Lang
from kokon_graph.report import plots
from kokon_graph.report._docs import column_text
from kokon_graph.report._text import t
from kokon_graph.report.build import write_formats
from kokon_graph.report.csv_writer import write_csv
from kokon_graph.report.html_writer import (
    Section,
    figure,
    render_table,
    sentence_list,
    tables_section,
    write_html,
)
from kokon_graph.report.info import ReportInfo
from kokon_graph.report.sentences import families, format_number
from kokon_graph.report.tables import display_table, translate_codes
from kokon_graph.report.xlsx_writer import write_xlsx

if TYPE_CHECKING:
    from kokon_graph.graph import Network, RelationLike

__all__ = [
    "COMPARE_ORDER",
    "PLOTTED_MEASURES",
    "build_comparison",
    "compare_sections",
    "write_comparison",
]

#: Tables of a comparison, in the order of sheets and files.
COMPARE_ORDER: Final = tuple(r.name for r in COMPARISON_RESULTS)
#: Network measures on a 0–1 scale shown side by side in the before/after plot.
PLOTTED_MEASURES: Final = (
    "density",
    "reciprocity_dyad",
    "reciprocity_arc",
    "centralization_degree",
    "centralization_betweenness",
    "transitivity",
    "ei_index",
    "multiplexity",
)
XLSX_NAME: Final = "compare.xlsx"
HTML_NAME: Final = "compare.html"

_STATUS_WORDS: Final[dict[str, tuple[str, str]]] = {
    "closed": ("zamknięta", "closed"),
    "opened": ("otwarta", "opened"),
    "changed": ("zmieniona", "changed"),
}


def _is_unchanged(tables: Mapping[str, pd.DataFrame]) -> bool:
    """Whether the comparison shows no change at all."""
    if len(tables.get("tie_changes", pd.DataFrame())) or len(
        tables.get("gap_changes", pd.DataFrame())
    ):
        return False
    for name, column in (
        ("network_change", "change"),
        ("centrality_change", "change"),
        ("ties_by_sector", "change"),
    ):
        frame = tables.get(name)
        if frame is not None and len(frame):
            values = pd.to_numeric(frame[column], errors="coerce").fillna(0)
            if (values.abs() > 1e-12).any():
                return False
    return True


def _measure_plot(change: pd.DataFrame | None, lang: Lang) -> str:
    if change is None or change.empty:
        return ""
    rows = change.set_index("measure")
    shown = [
        m
        for m in PLOTTED_MEASURES
        if m in rows.index and rows.loc[m, ["before", "after"]].notna().all()
    ]
    if not shown:
        return ""
    labels = [column_text("network", m, lang).label for m in shown]
    svg = plots.before_after_bars(
        labels,
        [float(rows.loc[m, "before"]) for m in shown],
        [float(rows.loc[m, "after"]) for m in shown],
        lang,
    )
    return figure(svg, t("before_after", lang))


def _ties_plot(by_sector: pd.DataFrame | None, lang: Lang) -> str:
    if by_sector is None or by_sector.empty:
        return ""
    moved = by_sector[(by_sector["gained"] > 0) | (by_sector["lost"] > 0)].head(20)
    if moved.empty:
        return ""
    labels = [
        f"{model.SECTORS.label(a, lang)} → {model.SECTORS.label(b, lang)}"
        for a, b in zip(moved["source_sector"], moved["target_sector"], strict=True)
    ]
    svg = plots.tie_change_bars(labels, moved["gained"].tolist(), moved["lost"].tolist(), lang)
    return figure(svg, f"{t('ties_gained', lang)} / {t('ties_lost', lang)}")


#: Gap kinds in the order the page lists them: the structural ones (a sector not linked,
#: a group missing a sector) first, as they are what a pilot sets out to change.
_KIND_ORDER: Final = ("sector", "group_coverage", "co_serving", "referrals", "uncoordinated")
#: Items of each gap kind listed before "and N more".
_LISTED: Final = 5


def _gap_text(row: pd.Series, lang: Lang, min_count: int, status: str) -> str:
    kind = GAP_KINDS[str(row["gap"])]
    description = str(row["description"])
    if row["gap"] in ("sector", "group_coverage") and ": " in description:
        where, _, code = description.rpartition(": ")
        description = f"{where}: {model.SECTORS.label(code, lang)}"
    text = f"{getattr(kind, lang)}: {description}"
    count = row["count_after"] if status == "opened" else row["count_before"]
    if row["gap"] in ("co_serving", "uncoordinated") and pd.notna(count):
        text += f" ({families(int(count), lang, min_count=min_count)})"
    if status == "changed":
        text += f" ({row['detail_before']} → {row['detail_after']})"
    return text


def _kinds(gaps: pd.DataFrame) -> list[str]:
    present = [str(k) for k in gaps["gap"].unique()]
    return [k for k in _KIND_ORDER if k in present] + sorted(set(present) - set(_KIND_ORDER))


def _gap_lists(gaps: pd.DataFrame | None, lang: Lang, min_count: int, status: str) -> str:
    """The gaps of one status, kind by kind (structural kinds first), the largest first,
    each kind cut at a few items with "and N more"."""
    if gaps is None or gaps.empty or not (gaps["status"] == status).any():
        return sentence_list([], lang)
    chosen = gaps[gaps["status"] == status]
    count = "count_after" if status == "opened" else "count_before"
    parts = []
    for kind in _kinds(chosen):
        rows = chosen[chosen["gap"] == kind]
        rows = rows.assign(_n=pd.to_numeric(rows[count], errors="coerce").fillna(0))
        rows = rows.sort_values("_n", ascending=False, kind="stable")
        items = [_gap_text(r, lang, min_count, status) for _, r in rows.head(_LISTED).iterrows()]
        if len(rows) > _LISTED:
            items.append(t("and_more", lang).format(n=format_number(len(rows) - _LISTED, lang)))
        parts.append(sentence_list(items, lang))
    return "".join(parts)


def gap_totals(gaps: pd.DataFrame | None, lang: Lang) -> pd.DataFrame:
    """Gaps closed, opened and changed, by kind (structural kinds first), with a total row."""
    statuses = ("closed", "opened", "changed")
    columns = [t("gap_kind", lang)] + [_STATUS_WORDS[s][0 if lang == "pl" else 1] for s in statuses]
    if gaps is None or gaps.empty:
        return pd.DataFrame(columns=columns)
    rows = []
    for kind in _kinds(gaps):
        mine = gaps[gaps["gap"] == kind]
        rows.append(
            [getattr(GAP_KINDS[kind], lang)] + [int((mine["status"] == s).sum()) for s in statuses]
        )
    rows.append([t("total", lang)] + [int((gaps["status"] == s).sum()) for s in statuses])
    return pd.DataFrame(rows, columns=columns)


def _plain_table(frame: pd.DataFrame, lang: Lang) -> str:
    from kokon_graph.report.tables import DisplayTable, column_kind

    labels = {str(c): str(c) for c in frame.columns}
    kinds = {str(c): column_kind(str(c), frame[c]) for c in frame.columns}
    return render_table(DisplayTable("", frame, labels, kinds), lang, sortable=False)


def _gminas_ranked(territory: pd.DataFrame | None, lang: Lang, min_count: int) -> str:
    """Gminas by improvement: ties gained minus lost, then the density's change."""
    if territory is None or territory.empty:
        return ""
    gminas = territory[territory["level"] == "gmina"]
    if gminas.empty:
        return ""
    ranked = gminas.assign(_net=gminas["gained"] - gminas["lost"]).sort_values(
        ["_net", "density_change", "teryt"], ascending=[False, False, True], kind="stable"
    )
    shown = ranked.drop(columns="_net").head(10)
    table = display_table("territory_change", shown, lang=lang, min_count=min_count)
    columns = ["territory_name", "ties_before", "ties_after", "gained", "lost", "density_change"]
    html = f"<h3>{t('gminas_ranked', lang)}</h3>" + render_table(
        table, lang, columns=[c for c in columns if c in shown.columns], sortable=False
    )
    if len(ranked) > len(shown):
        more = t("and_more", lang).format(n=format_number(len(ranked) - len(shown), lang))
        html += f'<p class="note">{more}</p>'
    return html


def _movers(change: pd.DataFrame | None, lang: Lang, min_count: int) -> str:
    if change is None or change.empty:
        return f'<p class="note">{t("empty", lang)}</p>'
    parts = []
    for measure in ("degree", "betweenness"):
        rows = change[(change["measure"] == measure) & (change["abs_change"] > 0)].head(10)
        if rows.empty:
            continue
        table = display_table("centrality_change", rows, lang=lang, min_count=min_count)
        label = column_text("centrality", measure, lang).label
        parts.append(f"<h3>{label}</h3>")
        columns = [c for c in ("name", "sector", "before", "after", "change") if c in rows.columns]
        parts.append(render_table(table, lang, columns=columns))
    return "".join(parts) or f'<p class="note">{t("no_change", lang)}</p>'


def _tests_html(tests: pd.DataFrame | None, lang: Lang) -> str:
    """The tests of change in words, then their note (relabelings, seed, Monte Carlo error)."""
    if tests is None or tests.empty:
        return ""
    note = t("change_tests_note", lang).format(
        n=format_number(int(tests["permutations"].iloc[0]), lang),
        seed=int(tests["seed"].iloc[0]),
    )
    from kokon_graph.analysis.significance import numbers_text, p_text

    values = ("before", "after", "observed")
    # each row's before, after and change at one precision, as in its sentence
    texts = [numbers_text([row[c] for c in values], lang) for row in tests.to_dict("records")]
    shown = pd.DataFrame(
        {
            column_text("change_tests", "statistic", lang).label: translate_codes(
                "statistic", tests["statistic"], lang
            ),
            **{
                column_text("change_tests", c, lang).label: [text[k] for text in texts]
                for k, c in enumerate(values)
            },
            "p": [p_text(row, lang) for row in tests.to_dict("records")],
        }
    )
    return (
        sentence_list(tests[f"sentence_{lang}"].tolist(), lang)
        + _plain_table(shown, lang)
        + f'<p class="note">{note}</p>'
    )


def compare_sections(
    tables: Mapping[str, pd.DataFrame], *, lang: Lang, min_count: int, html_rows: int = 200
) -> list[Section]:
    """The sections of the comparison page: the outcome first (ties gained and lost, gaps
    closed and opened by kind, gminas by improvement), then the gaps themselves, then the
    measures, plots and full tables."""
    unchanged = _is_unchanged(tables)
    summary = ""
    if unchanged:
        summary += f"<p><strong>{t('no_change', lang)}</strong></p>"
    ties = tables.get("tie_changes", pd.DataFrame(columns=["status"]))
    gained = int((ties["status"] == "gained").sum()) if len(ties) else 0
    lost = int((ties["status"] == "lost").sum()) if len(ties) else 0
    summary += (
        f"<p>{t('ties_gained', lang)}: <strong>{format_number(gained, lang)}</strong>; "
        f"{t('ties_lost', lang)}: <strong>{format_number(lost, lang)}</strong>.</p>"
    )
    gaps = tables.get("gap_changes")
    totals = gap_totals(gaps, lang)
    if len(totals):
        summary += _plain_table(totals, lang)
    summary += _gminas_ranked(tables.get("territory_change"), lang, min_count)
    gap_html = (
        f"<h3>{t('gaps_closed', lang)}</h3>"
        + _gap_lists(gaps, lang, min_count, "closed")
        + f"<h3>{t('gaps_opened', lang)}</h3>"
        + _gap_lists(gaps, lang, min_count, "opened")
    )
    if gaps is not None and (gaps["status"] == "changed").any():
        gap_html += f"<h3>{_STATUS_WORDS['changed'][0 if lang == 'pl' else 1]}</h3>"
        gap_html += _gap_lists(gaps, lang, min_count, "changed")
    change = tables.get("network_change")
    measures = ""
    if change is not None and len(change):
        measures = render_table(
            display_table("network_change", change, lang=lang, min_count=min_count), lang
        )
    plots_html = _measure_plot(change, lang) + _ties_plot(tables.get("ties_by_sector"), lang)
    # the tests of change have their own section (p-values need more digits than a table's)
    names = [n for n in COMPARE_ORDER if n in tables and n != "change_tests"]
    tests = _tests_html(tables.get("change_tests"), lang)
    return [
        Section("summary", t("summary", lang), summary),
        Section("gaps", t("gaps_closed", lang) + " / " + t("gaps_opened", lang), gap_html),
        *([Section("tests", t("change_tests", lang), tests)] if tests else []),
        Section("measures", t("measures_change", lang), measures),
        Section("plots", t("plots", lang), f'<div class="figures">{plots_html}</div>'),
        Section(
            "movers",
            t("moved_most", lang),
            _movers(tables.get("centrality_change"), lang, min_count),
        ),
        Section(
            "tables",
            t("tables", lang),
            tables_section(tables, names, lang, min_count=min_count, max_rows=html_rows),
        ),
    ]


def write_comparison(
    tables: Mapping[str, pd.DataFrame],
    out_dir: str | Path,
    *,
    formats: Sequence[str] = ("xlsx", "csv", "html"),
    info: ReportInfo | None = None,
    lang: Lang = "pl",
    min_count: int = 3,
    csv_delimiter: Literal[",", ";"] = ",",
) -> dict[str, Path]:
    """Write a comparison: ``compare.xlsx``, ``csv/*.csv``, ``compare.html``.

    Parameters
    ----------
    tables
        :func:`kokon_graph.analysis.compare.compare_networks` output.
    out_dir
        The folder to write into (created if missing).
    formats, info, lang, min_count, csv_delimiter
        As for :func:`kokon_graph.report.write_report`.
    """
    info = info or ReportInfo()
    names = [n for n in COMPARE_ORDER if n in tables]
    title = t("compare_title", lang)
    return write_formats(
        out_dir,
        formats,
        xlsx=(
            XLSX_NAME,
            lambda path: write_xlsx(
                tables,
                path,
                info=info,
                lang=lang,
                min_count=min_count,
                title=title,
                order=names,
                key_figures=False,
            ),
        ),
        csv=lambda folder: write_csv(
            {n: tables[n] for n in names},
            folder,
            min_count=min_count,
            delimiter=csv_delimiter,
            lang=lang,
        ),
        html=(
            HTML_NAME,
            lambda path: write_html(
                path,
                title=title,
                info=info,
                sections=compare_sections(tables, lang=lang, min_count=min_count),
                lang=lang,
            ),
        ),
    )


def build_comparison(
    before: Network,
    after: Network,
    out_dir: str | Path,
    *,
    dataset: str,
    waves: str,
    formats: Sequence[str] = ("xlsx", "csv", "html"),
    lang: Lang = "pl",
    min_count: int = 3,
    csv_delimiter: Literal[",", ";"] = ",",
    relation: RelationLike = None,
    permutations: int | None = DEFAULT_PERMUTATIONS,
    seed: int = 0,
) -> dict[str, pd.DataFrame]:
    """Compare ``before`` with ``after`` and write the comparison into ``out_dir``.

    ``dataset`` and ``waves`` say in words what is compared (``"praski-kokon"``,
    ``"before → after"``); the scope is the ``after`` network's. ``permutations`` and
    ``seed`` are those of the tests of change (two waves of one dataset only; ``None``
    leaves them out). Returns the tables of
    :func:`kokon_graph.analysis.compare.compare_networks` that were written.
    """
    from kokon_graph.analysis.compare import compare_networks

    tables = compare_networks(
        before, after, relation=relation, permutations=permutations, seed=seed
    )
    info = ReportInfo(
        dataset=dataset,
        scope=after.scope.label(lang, after.full_dataset.territories),
        wave=waves,
    )
    write_comparison(
        tables,
        out_dir,
        formats=formats,
        info=info,
        lang=lang,
        min_count=min_count,
        csv_delimiter=csv_delimiter,
    )
    return tables
