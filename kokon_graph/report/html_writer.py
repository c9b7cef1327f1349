"""The report as one self-contained HTML page that works offline.

Everything is inline: styles, the small sorting script, the plots (SVG). A
Content-Security-Policy forbids the page any request, so it opens from a USB
stick or an e-mail attachment and sends nothing anywhere. Every value from
the data is HTML-escaped.
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

import numpy as np
import pandas as pd

from kokon_graph.model import Lang
from kokon_graph.report._docs import column_text
from kokon_graph.report._text import result_title, t
from kokon_graph.report.info import ReportInfo, network_measures
from kokon_graph.report.sentences import format_number
from kokon_graph.report.suppress import is_suppressed, suppress_result
from kokon_graph.report.tables import ColumnKind, DisplayTable, display_table

__all__ = ["CSP", "STATUS_ORDER", "Section", "page", "render_table", "status_cell", "write_html"]

#: No request of any kind; inline styles and scripts only; images from data: URLs.
CSP: Final = (
    "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; "
    "img-src data:; base-uri 'none'; form-action 'none'"
)

_STYLE: Final = """
:root { --ink:#1b2631; --muted:#566573; --line:#d5d8dc; --accent:#1f4e79; --bg:#f7f9fb; }
* { box-sizing: border-box; }
body { font: 15px/1.45 "DejaVu Sans", "Segoe UI", Arial, sans-serif; color: var(--ink);
       margin: 0; background: white; }
header { background: var(--accent); color: white; padding: 18px 28px; }
header h1 { margin: 0 0 6px 0; font-size: 24px; }
header dl { display: flex; flex-wrap: wrap; gap: 4px 24px; margin: 0; font-size: 14px; }
header dt { opacity: .8; } header dd { margin: 0 0 0 6px; font-weight: bold; }
header .row { display: flex; }
nav { background: var(--bg); border-bottom: 1px solid var(--line); padding: 8px 28px;
      font-size: 14px; position: sticky; top: 0; z-index: 2; }
nav a { margin-right: 16px; color: var(--accent); text-decoration: none; }
main { padding: 8px 28px 40px 28px; max-width: 1300px; }
h2 { border-bottom: 2px solid var(--accent); padding-bottom: 4px; margin-top: 32px; }
h3 { margin: 20px 0 6px 0; }
.note { color: var(--muted); font-size: 13px; }
ul.gaps li { margin: 3px 0; }
.figures { display: flex; flex-wrap: wrap; gap: 24px; align-items: flex-start; }
figure { margin: 0; max-width: 100%; }
figure svg { max-width: 100%; height: auto; }
figcaption { color: var(--muted); font-size: 13px; }
.scroll { overflow-x: auto; max-width: 100%; }
table { border-collapse: collapse; font-size: 13px; margin: 6px 0 12px 0; }
th, td { border: 1px solid var(--line); padding: 3px 7px; vertical-align: top; }
th { background: var(--accent); color: white; text-align: left; cursor: pointer;
     position: relative; user-select: none; }
th[aria-sort="ascending"]::after { content: " ▲"; }
th[aria-sort="descending"]::after { content: " ▼"; }
td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
td.sup { text-align: right; color: var(--muted); }
td.long { min-width: 22em; }
.nb { white-space: nowrap; }
tbody tr:nth-child(even) { background: var(--bg); }
details { margin: 8px 0; } summary { cursor: pointer; font-weight: bold; }
table.kv th { cursor: default; }
.badge { display: inline-block; padding: 0 6px; border: 1px solid currentColor;
         border-radius: 3px; font-weight: bold; white-space: nowrap;
         -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.st-green .badge { background: #c6efce; color: #006100; }
.st-amber .badge { background: #ffeb9c; color: #9c5700; }
.st-red .badge { background: #ffc7ce; color: #9c0006; }
"""

_SCRIPT: Final = """
(function () {
  function key(cell) {
    var v = cell.getAttribute('data-v');
    if (v !== null && v !== '') { return {n: true, v: parseFloat(v)}; }
    return {n: false, v: cell.textContent.trim().toLocaleLowerCase()};
  }
  function sortBy(table, index, th) {
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var asc = th.getAttribute('aria-sort') !== 'ascending';
    Array.prototype.forEach.call(th.parentNode.children, function (h) {
      h.removeAttribute('aria-sort');
    });
    th.setAttribute('aria-sort', asc ? 'ascending' : 'descending');
    var lang = document.documentElement.lang || 'pl';
    rows.sort(function (a, b) {
      var x = key(a.cells[index]), y = key(b.cells[index]), r;
      if (x.n && y.n) { r = x.v - y.v; }
      else if (x.n !== y.n) { r = x.n ? -1 : 1; }
      else { r = x.v.localeCompare(y.v, lang); }
      return asc ? r : -r;
    });
    rows.forEach(function (row) { body.appendChild(row); });
  }
  document.querySelectorAll('table.sortable').forEach(function (table) {
    var heads = table.tHead.rows[0].cells;
    Array.prototype.forEach.call(heads, function (th, index) {
      th.setAttribute('tabindex', '0');
      th.addEventListener('click', function () { sortBy(table, index, th); });
      th.addEventListener('keydown', function (e) {
        if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); sortBy(table, index, th); }
      });
    });
  });
})();
"""


@dataclass(frozen=True)
class Section:
    """One part of a page: an anchor id, a heading and its HTML body (already escaped)."""

    id: str
    title: str
    body: str


def _esc(value: Any) -> str:
    return html.escape(str(value), quote=True)


def _title(text: str) -> str:
    """A ``title`` attribute (a tooltip) with ``text``; nothing where there is no text."""
    return f' title="{_esc(text)}"' if text else ""


def _plain(value: Any) -> Any:
    if isinstance(value, np.generic):
        return value.item()
    if value is pd.NA or value is pd.NaT:
        return None
    return value


def format_cell(value: Any, kind: ColumnKind, lang: Lang) -> tuple[str, str | None, str]:
    """``(text, sort value, css class)`` of one cell."""
    value = _plain(value)
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return "", None, ""
    if isinstance(value, str):
        if is_suppressed(value):
            threshold = value[1:]
            sort = str(float(threshold) - 0.5) if threshold.isdigit() else None
            return value, sort, "sup"
        # a sentence (a scorecard's reasons, a long name) gets room to be read in a few lines
        return value, None, "long" if len(value) > _LONG_TEXT else ""
    if isinstance(value, bool):
        return ("tak" if value else "nie") if lang == "pl" else str(value).lower(), None, ""
    if isinstance(value, int | float):
        if kind == "percent" and isinstance(value, float):
            text = format_number(value * 100, lang, digits=1) + "%"
        elif isinstance(value, int):
            text = format_number(value, lang)
        else:
            text = format_number(value, lang, digits=3)
        return text, repr(float(value)), "num"
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat(), None, ""
    return str(value), None, ""


#: Text cells longer than this many characters are given a wider column (``td.long``).
_LONG_TEXT: Final = 40

#: Sort order of the scorecard's statuses: the worst first.
STATUS_ORDER: Final[dict[str, int]] = {"red": 0, "amber": 1, "green": 2}


def status_cell(status: str, lang: Lang) -> str:
    """The ``<td>`` of a gmina's status (``green``/``amber``/``red``): its word on a badge
    of its colour (the workbook's fills), so it reads in black and white too; sorts worst
    first."""
    from kokon_graph.analysis.scorecard import STATUS_LABELS

    label = STATUS_LABELS[status][0 if lang == "pl" else 1]
    return (
        f'<td class="st-{_esc(status)}" data-v="{STATUS_ORDER[status]}">'
        f'<span class="badge">{_esc(label)}</span></td>'
    )


def _cell_html(value: Any, kind: ColumnKind, lang: Lang) -> str:
    """The ``<td>`` of one value (:func:`format_cell`)."""
    text, sort, css = format_cell(value, kind, lang)
    attrs = (f' class="{css}"' if css else "") + (
        f' data-v="{_esc(sort)}"' if sort is not None else ""
    )
    return f"<td{attrs}>{_text_html(text) if css != 'num' else _esc(text)}</td>"


#: A word with hyphens inside (``Praga-Północ``, ``1465088-OPS``).
_HYPHENATED: Final = re.compile(r"[^\s-]+(?:-[^\s-]+)+")


def _text_html(text: str) -> str:
    """``text`` escaped, each word with a hyphen inside kept on one line (a browser would
    break ``Praga-Północ`` after its hyphen in a narrow column); the text stays as written,
    for copying, searching and sorting."""
    escaped = _esc(text)
    if "-" not in escaped:
        return escaped
    return _HYPHENATED.sub(lambda m: f'<span class="nb">{m[0]}</span>', escaped)


def _cells_html(values: list[Any], kind: ColumnKind, lang: Lang) -> list[str]:
    """The ``<td>`` of each value of a column; a whole number or a text repeated in the
    column is formatted once (floats each time: ``-0.0`` equals ``0.0`` but reads ``-0``)."""
    seen: dict[tuple[type, Any], str] = {}
    out = []
    for value in values:
        if type(value) is int or type(value) is str:
            key = (type(value), value)
            html_ = seen.get(key)
            if html_ is None:
                html_ = seen[key] = _cell_html(value, kind, lang)
            out.append(html_)
        else:
            out.append(_cell_html(value, kind, lang))
    return out


def render_table(
    table: DisplayTable,
    lang: Lang,
    *,
    max_rows: int | None = None,
    columns: Sequence[str] | None = None,
    sortable: bool = True,
    cells: Mapping[str, Callable[[Any], str]] | None = None,
) -> str:
    """A ``<table>`` of a display table (first ``max_rows`` rows), with a row-count note;
    ``cells``: columns whose ``<td>`` a function writes from the value."""
    cols = [c for c in (columns or [str(c) for c in table.frame.columns]) if c in table.labels]
    total = len(table.frame)
    rows = table.frame if max_rows is None else table.frame.head(max_rows)
    if not cols:
        return f'<p class="note">{_esc(t("empty", lang))}</p>'
    head = "".join(
        f'<th scope="col"{_title(column_text(table.name, c, lang).description)}>'
        f"{_esc(table.labels[c])}</th>"
        for c in cols
    )
    writers = [(cells or {}).get(c) for c in cols]
    columns_html = [
        [writer(v) for v in rows[c].tolist()]
        if writer is not None
        else _cells_html(rows[c].tolist(), table.kinds[c], lang)
        for c, writer in zip(cols, writers, strict=True)
    ]
    body = ["<tr>" + "".join(row) + "</tr>" for row in zip(*columns_html, strict=True)]
    note = ""
    if len(rows) < total:
        note = (
            '<p class="note">'
            + _esc(
                t("rows_shown", lang).format(
                    shown=format_number(len(rows), lang), total=format_number(total, lang)
                )
            )
            + " "
            + _esc(t("full_tables", lang))
            + "</p>"
        )
    if not body:
        return f'<p class="note">{_esc(t("empty", lang))}</p>'
    css = ' class="sortable"' if sortable else ""
    return (
        f'<div class="scroll"><table{css}><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table></div>{note}"
    )


def figure(svg: str | None, caption: str) -> str:
    """A ``<figure>`` holding an inline SVG plot (empty text if there is no plot)."""
    if not svg:
        return ""
    return f"<figure>{svg}<figcaption>{_esc(caption)}</figcaption></figure>"


def sentence_list(sentences: Sequence[str], lang: Lang) -> str:
    """An escaped ``<ul>`` of sentences, or a note that there are none."""
    if not sentences:
        return f'<p class="note">{_esc(t("no_gaps", lang))}</p>'
    return '<ul class="gaps">' + "".join(f"<li>{_esc(s)}</li>" for s in sentences) + "</ul>"


def measures_table(frame: pd.DataFrame | None, lang: Lang, *, min_count: int) -> str:
    """The network-level measures as two-column tables side by side (empty values left out)."""
    rows = []
    if frame is not None:
        frame = suppress_result("network", frame, min_count=min_count)
    for code, label, value in network_measures(frame, lang):
        if value is None or value == "":
            continue
        kind: ColumnKind = "float" if isinstance(value, float) else "int"
        description = column_text("network", code, lang).description
        rows.append(
            f"<tr><td{_title(description)}>{_esc(label)}</td>{_cell_html(value, kind, lang)}</tr>"
        )
    if not rows:
        return ""
    head = (
        '<table class="kv"><thead><tr>'
        f'<th scope="col">{_esc(t("measure", lang))}</th>'
        f'<th scope="col">{_esc(t("value", lang))}</th></tr></thead><tbody>'
    )
    half = (len(rows) + 1) // 2
    parts = [rows[:half], rows[half:]] if len(rows) > 12 else [rows]
    tables = "".join(head + "".join(part) + "</tbody></table>" for part in parts if part)
    return f'<div class="figures">{tables}</div>'


def page(*, title: str, info: ReportInfo, sections: Sequence[Section], lang: Lang) -> str:
    """The whole HTML document."""
    facts = "".join(
        f'<div class="row"><dt>{_esc(label)}:</dt><dd>{_esc(value)}</dd></div>'
        for label, value in info.rows(lang)
    )
    nav = "".join(f'<a href="#{_esc(s.id)}">{_esc(s.title)}</a>' for s in sections)
    if info.map_href:
        nav += (
            f'<a href="{_esc(info.map_href)}" target="_blank" rel="noopener">'
            + _esc(t("open_map", lang))
            + "</a>"
        )
    nav += "".join(f'<a href="{_esc(href)}">{_esc(label)}</a>' for label, href in info.links)
    body = "".join(
        f'<section id="{_esc(s.id)}"><h2>{_esc(s.title)}</h2>{s.body}</section>' for s in sections
    )
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{lang}"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="referrer" content="no-referrer">'
        f"<title>{_esc(title)} – {_esc(info.dataset)}</title>"
        f"<style>{_STYLE}</style></head><body>"
        f"<header><h1>{_esc(title)}</h1><dl>{facts}</dl>"
        f'<p class="note" style="color:#dfe6ee;margin:6px 0 0 0">{_esc(t("offline_note", lang))}'
        "</p></header>"
        f"<nav>{nav}</nav><main>{body}</main>"
        f"<script>{_SCRIPT}</script></body></html>\n"
    )


def tables_section(
    results: Mapping[str, pd.DataFrame],
    names: Sequence[str],
    lang: Lang,
    *,
    min_count: int,
    max_rows: int,
) -> str:
    """Every result as a collapsible sortable table."""
    parts = [f'<p class="note">{_esc(t("sort_hint", lang))}</p>']
    for name in names:
        table = display_table(name, results[name], lang=lang, min_count=min_count)
        parts.append(
            f'<details id="table-{_esc(name)}"><summary>{_esc(result_title(name, lang))} '
            f"({_esc(format_number(len(table.frame), lang))})</summary>"
            f"{render_table(table, lang, max_rows=max_rows)}</details>"
        )
    return "".join(parts)


def write_html(
    path: str | Path,
    *,
    title: str,
    info: ReportInfo,
    sections: Sequence[Section],
    lang: Lang = "pl",
) -> Path:
    """Write a page made of ``sections`` to ``path``."""
    path = Path(path)
    path.write_text(page(title=title, info=info, sections=sections, lang=lang), encoding="utf-8")
    return path
