"""A regional atlas: one offline folder with a page per territory, for a USB stick or an intranet.

:func:`write_atlas` writes, for a voivodeship or powiat scope,

* ``index.html``: the territory's gminas as a table sortable by status
  (the gmina scorecard), with links to every page;
* ``obszar/``: the whole territory's report page and its map;
* ``powiat/<code>/`` and ``gmina/<code>/``: the report page (scorecard,
  gaps, recommendations, referrals) and the map of each powiat and gmina,
  each linking back to the index.

It calls the report and map builders (:func:`kokon_graph.report.build.build_report`)
and computes nothing of its own: the whole territory is analysed once, for its page and
the index. Every page works offline (no request beyond the folder): the maps share one
copy of vis-network in ``_lib/`` instead of carrying 700 kB each.
"""

from __future__ import annotations

import os
import shutil
from html import escape
from pathlib import Path
from typing import Any, Final

import pandas as pd

from kokon_graph._output import staged_file, staged_folder
from kokon_graph.errors import KokonError
from kokon_graph.graph import Network, Scope, build_network
from kokon_graph.io import Dataset
from kokon_graph.model import Lang
from kokon_graph.report._text import t
from kokon_graph.report.build import analyse, build_report, report_of_results
from kokon_graph.report.html_writer import Section, write_html
from kokon_graph.report.info import ReportInfo

__all__ = ["AtlasError", "write_atlas"]

INDEX_NAME: Final = "index.html"
#: The folder of the shared vis-network script and style sheet.
LIB_FOLDER: Final = "_lib"
_TEXT: Final[dict[str, tuple[str, str]]] = {
    "title": ("Atlas współpracy", "Cooperation atlas"),
    "back": ("← atlas", "← atlas"),
    "territory": ("Cały obszar: raport i mapa", "The whole territory: report and map"),
    "powiats": ("Powiaty", "Powiats"),
    "gminas": ("Gminy według stanu", "Gminas by status"),
    "report": ("raport", "report"),
    "map": ("mapa", "map"),
}


class AtlasError(KokonError, ValueError):
    """The atlas cannot be made for this scope."""


def _t(key: str, lang: Lang) -> str:
    return _TEXT[key][0 if lang == "pl" else 1]


def write_atlas(
    dataset: Dataset,
    scope: str,
    out: str | Path,
    *,
    lang: Lang = "pl",
    min_count: int = 3,
    wave: str | None = None,
    zip_file: bool = False,
) -> Path:
    """Write the atlas of ``scope`` (``voivodeship:CODE`` or ``powiat:CODE``) into ``out``.

    Returns the index page, or the ``.zip`` beside ``out`` with ``zip_file``.

    Raises
    ------
    AtlasError
        If the scope is not a voivodeship or powiat, or holds no gmina with institutions.
    """
    parsed = Scope.parse(scope)
    if parsed.kind not in ("voivodeship", "powiat"):
        raise AtlasError(
            f"an atlas covers a voivodeship or a powiat, not {scope!r}",
            hint="use --scope voivodeship:28 or --scope powiat:2815",
        )
    network = build_network(dataset, scope=parsed, wave=wave)
    gmina_of = network.institutions["gmina"].fillna("").astype(str)
    gminas = sorted(g for g in gmina_of.unique() if len(g) == 7)
    if not gminas:
        raise AtlasError(
            f"{scope} holds no gmina with institutions in {dataset.name}",
            hint="check the code with `kokon-graph info DATASET`",
        )
    powiats = sorted({g[:4] for g in gminas})
    root = Path(out)
    with staged_folder(root) as stage:
        from kokon_graph.analysis.scorecard import gmina_scorecard
        from kokon_graph.viz.page import write_shared_assets

        write_shared_assets(stage / LIB_FOLDER)
        page: dict[str, Any] = {  # every page is two folders down, linking back to the index
            "formats": ("html",),
            "lang": lang,
            "min_count": min_count,
            "with_map": True,
            "links": ((_t("back", lang), f"../../{INDEX_NAME}"),),
            "assets_href": f"../../{LIB_FOLDER}",
        }
        results = analyse(network, min_count=min_count)
        card = gmina_scorecard(network, results, min_count=min_count)
        report_of_results(network, results, stage / "obszar" / parsed.code, scorecard=card, **page)
        for kind, codes in (("powiat", powiats), ("gmina", gminas)):
            for code in codes:
                build_report(
                    build_network(dataset, scope=Scope.parse(f"{kind}:{code}"), wave=wave),
                    stage / kind / code,
                    **page,
                )
        names = dict(zip(dataset.territories["teryt"], dataset.territories["name"], strict=True))
        index = _write_index(stage, network, card, parsed, powiats, names, lang=lang)
    index = root / index.relative_to(stage)
    if not zip_file:
        return index
    archive = Path(f"{root}.zip")
    with staged_file(archive) as tmp:
        os.replace(shutil.make_archive(str(tmp), "zip", root_dir=root), tmp)
    return archive


def _write_index(
    root: Path,
    network: Network,
    card: pd.DataFrame,
    scope: Scope,
    powiats: list[str],
    names: dict[str, str],
    *,
    lang: Lang,
) -> Path:
    from kokon_graph.analysis.scorecard import STATUS_LABELS, reasons_text

    area = f"obszar/{scope.code}"
    overview = (
        f'<p><a href="{area}/report.html">{escape(_t("territory", lang))}</a> · '
        f'<a href="{area}/map.html">{escape(_t("map", lang))}</a></p>'
    )
    powiat_links = "".join(
        f'<li>{escape(names.get(p, p))} ({p}): <a href="powiat/{p}/report.html">'
        f'{escape(_t("report", lang))}</a> · <a href="powiat/{p}/map.html">'
        f"{escape(_t('map', lang))}</a></li>"
        for p in powiats
    )
    rows = []
    order = {"red": 0, "amber": 1, "green": 2}
    for r in card.itertuples():
        status = str(r.status)
        rows.append(
            f'<tr><td data-sort="{order[status]}">'
            f"{escape(STATUS_LABELS[status][0 if lang == 'pl' else 1])}</td>"
            f'<td><a href="gmina/{r.gmina}/report.html">{escape(str(r.gmina_name))}</a></td>'
            f"<td>{r.gmina}</td><td>{escape(reasons_text(str(r.reasons), lang))}</td>"
            f'<td><a href="gmina/{r.gmina}/map.html">{escape(_t("map", lang))}</a></td></tr>'
        )
    head = "".join(
        f"<th>{escape(h)}</th>"
        for h in (
            t("status_word", lang),
            "gmina",
            "TERYT",
            t("why_word", lang),
            _t("map", lang),
        )
    )
    body = "".join(rows)
    table = f'<table class="sortable"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'
    info = ReportInfo.from_network(network, lang=lang)
    sections = [
        Section("territory", _t("territory", lang), overview),
        Section("gminas", _t("gminas", lang), table),
        Section("powiats", _t("powiats", lang), f"<ul>{powiat_links}</ul>"),
    ]
    return write_html(
        root / INDEX_NAME, title=_t("title", lang), info=info, sections=sections, lang=lang
    )
