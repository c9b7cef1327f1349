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

import multiprocessing
import os
import shutil
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any, Final

import pandas as pd
from threadpoolctl import threadpool_limits

from kokon_graph._output import staged_file, staged_folder
from kokon_graph.analysis._parallel import fork_jobs
from kokon_graph.errors import KokonError
from kokon_graph.graph import Network, Scope, build_network
from kokon_graph.io import Dataset
from kokon_graph.model import Lang
from kokon_graph.report._text import t
from kokon_graph.report.build import analyse, build_report, report_of_results
from kokon_graph.report.html_writer import Section, status_cell, write_html
from kokon_graph.report.info import ReportInfo

__all__ = ["AtlasError", "page_processes", "write_atlas"]

INDEX_NAME: Final = "index.html"
#: The most processes :func:`page_processes` proposes (each holds the dataset and matplotlib).
MAX_JOBS: Final = 8
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


def page_processes() -> int:
    """How many processes write an atlas's pages by default: the cores this process may run
    on (its CPU affinity where the system gives it, else all), at most :data:`MAX_JOBS`;
    1 where processes cannot be forked (Windows)."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # macOS
        cores = os.cpu_count() or 1
    return fork_jobs(max(1, min(cores, MAX_JOBS)), named="jobs")


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
    jobs: int | None = None,
) -> Path:
    """Write the atlas of ``scope`` (``voivodeship:CODE`` or ``powiat:CODE``) into ``out``.

    Returns the index page, or the ``.zip`` beside ``out`` with ``zip_file``. With
    ``jobs`` above 1 the powiat and gmina pages are written by that many processes
    (where the system can fork them; one after another elsewhere); by default by
    :func:`page_processes` of them. The files are the same whatever ``jobs``.

    Raises
    ------
    AtlasError
        If the scope is not a voivodeship or powiat, or holds no gmina with institutions.
    """
    processes = page_processes() if jobs is None else fork_jobs(jobs, named="jobs")
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
    with threadpool_limits(limits=1), staged_folder(root) as stage:  # see _Pages
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
        size = gmina_of.value_counts()  # the biggest pages first: the last ones are short
        pages = [("powiat", p) for p in powiats]
        pages += [("gmina", g) for g in sorted(gminas, key=lambda g: (-size[g], g))]
        job = _PageJob(dataset, stage, wave, page)
        with _Pages(job, processes) as writer:
            writer.submit(pages)  # the biggest first; the workers start on them now
            results = analyse(network, min_count=min_count)
            card = gmina_scorecard(network, results, min_count=min_count)
            report_of_results(
                network, results, stage / "obszar" / parsed.code, scorecard=card, **page
            )
            writer.finish()
        names = dict(zip(dataset.territories["teryt"], dataset.territories["name"], strict=True))
        index = _write_index(stage, network, card, parsed, powiats, names, lang=lang)
    index = root / index.relative_to(stage)
    if not zip_file:
        return index
    archive = Path(f"{root}.zip")
    with staged_file(archive) as tmp:
        os.replace(shutil.make_archive(str(tmp), "zip", root_dir=root), tmp)
    return archive


@dataclass(frozen=True)
class _PageJob:
    """What writing one powiat's or gmina's page needs."""

    dataset: Dataset
    stage: Path
    wave: str | None
    options: dict[str, Any]

    def __call__(self, page: tuple[str, str]) -> None:
        kind, code = page
        build_report(
            build_network(self.dataset, scope=Scope.parse(f"{kind}:{code}"), wave=self.wave),
            self.stage / kind / code,
            **self.options,
        )


#: The job of the forked workers (they inherit it rather than receive a pickled dataset).
_FORKED: list[_PageJob] = []


def _forked_page(page: tuple[str, str]) -> None:
    _FORKED[0](page)


def _one_blas_thread() -> None:
    """A worker's BLAS (OpenBLAS, MKL, ...) on one thread, as in the process it forks from."""
    threadpool_limits(limits=1)


class _Pages:
    """Writes pages one after another, or in ``jobs`` (from :func:`fork_jobs`) forked
    processes.

    Numpy's BLAS runs on one thread in every process (:func:`write_atlas` limits its own,
    each worker its own): the pages are then the same to the last digit on every machine
    and with any ``jobs`` (a threaded BLAS sums in an order set by the number of cores),
    and the processes do not fight for the cores with BLAS threads of their own (a
    voivodeship's atlas on two cores: 60 s instead of 69).
    """

    def __init__(self, job: _PageJob, jobs: int) -> None:
        self.job = job
        self.pool = (
            ProcessPoolExecutor(
                jobs,
                mp_context=multiprocessing.get_context("fork"),
                initializer=_one_blas_thread,
            )
            if jobs > 1
            else None
        )
        self.pending: list[tuple[str, str]] = []
        self.futures: list[Future[None]] = []

    def __enter__(self) -> _Pages:
        return self

    def submit(self, pages: list[tuple[str, str]]) -> None:
        if self.pool is None:
            self.pending.extend(pages)
            return
        from kokon_graph.report import plots  # noqa: F401  # imported once, before the fork

        _FORKED[:] = [self.job]
        self.futures.extend(self.pool.submit(_forked_page, page) for page in pages)

    def finish(self) -> None:
        """Write the pending pages (or wait for the workers); re-raise a worker's error."""
        for page in self.pending:
            self.job(page)
        for future in self.futures:
            future.result()

    def __exit__(self, *exc: object) -> None:
        _FORKED.clear()
        if self.pool is not None:  # on an error or Ctrl-C, pages not yet begun are dropped
            self.pool.shutdown(wait=True, cancel_futures=True)


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
    from kokon_graph.analysis.scorecard import reasons_text

    area = f"obszar/{scope.code}"
    overview = (
        f'<p><a href="{area}/report.html">{escape(_t("report", lang))}</a> · '
        f'<a href="{area}/map.html">{escape(_t("map", lang))}</a></p>'
    )
    powiat_links = "".join(
        f'<li>{escape(names.get(p, p))} ({p}): <a href="powiat/{p}/report.html">'
        f'{escape(_t("report", lang))}</a> · <a href="powiat/{p}/map.html">'
        f"{escape(_t('map', lang))}</a></li>"
        for p in powiats
    )
    rows = []
    for r in card.itertuples():
        rows.append(
            f"<tr>{status_cell(str(r.status), lang)}"
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
