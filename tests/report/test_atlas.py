"""``kokon-graph atlas``: an offline folder whose index links every page, each page linking back;
bad scopes are one line and exit 2."""

from __future__ import annotations

import filecmp
import multiprocessing
import os
import re
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from kokon_graph.cli import main
from kokon_graph.report.atlas import MAX_JOBS, _one_blas_thread, page_processes
from tests.conftest import REPO
from tests.viz.browser import Chromium

DATA = REPO / "datasets" / "kooperacja-efektywna"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def atlas(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The atlas of powiat 2815 (and its zip), written by the command."""
    out = tmp_path_factory.mktemp("atlas") / "atlas"
    code, stdout, stderr = run(
        "atlas", str(DATA), "--scope", "powiat:2815", "--out", str(out), "--zip"
    )
    assert code == 0, stderr
    assert stdout == f"{out}.zip\n"
    return out


@pytest.mark.slow
def test_atlas_of_a_powiat_links_every_page_and_back(atlas: Path) -> None:
    out = atlas
    index = (out / "index.html").read_text(encoding="utf-8")
    links = set(re.findall(r'href="([^"#]+)"', index))
    gminas = {"2815813", "2815823"}  # the powiat's gminas with institutions
    assert {f"gmina/{g}/report.html" for g in gminas} <= links
    assert {f"gmina/{g}/map.html" for g in gminas} <= links
    assert {"powiat/2815/report.html", "obszar/2815/report.html"} <= links
    for link in links:
        assert (out / link).is_file(), link
    for g in gminas:
        page = (out / "gmina" / g / "report.html").read_text(encoding="utf-8")
        assert 'href="../../index.html"' in page and 'href="map.html"' in page
        assert "Karta gminy" in page
    assert "Miłowo Mazurskie" in index and "czerwony" in index
    # one copy of vis-network for every map
    assert sorted(p.name for p in (out / "_lib").iterdir()) == [
        "vis-network.css",
        "vis-network.min.js",
    ]
    assert all("vis-network.min.js" in p.read_text(encoding="utf-8") for p in out.rglob("map.html"))
    assert not re.search(r'(src|href)="https?://', index)  # offline
    with zipfile.ZipFile(f"{out}.zip") as packed:
        assert "index.html" in packed.namelist()


def _same_tree(cmp: filecmp.dircmp[str]) -> bool:
    if cmp.left_only or cmp.right_only or cmp.diff_files or cmp.funny_files:
        return False
    return all(_same_tree(sub) for sub in cmp.subdirs.values())


@pytest.mark.slow
def test_atlas_is_the_same_written_by_one_process(atlas: Path, tmp_path: Path) -> None:
    """The fixture's atlas is written by page_processes() processes (more than one on a
    machine with two cores); one process writes the very same files, byte for byte."""
    one = tmp_path / "one"
    code, _, stderr = run(
        "atlas", str(DATA), "--scope", "powiat:2815", "--out", str(one), "--jobs", "1"
    )
    assert code == 0, stderr
    cmp = filecmp.dircmp(atlas, one)
    files = [p for p in one.rglob("*") if p.is_file()]
    assert len(files) > 10
    assert _same_tree(cmp)
    for path in files:  # dircmp compares sizes and times only where it can; bytes here
        assert path.read_bytes() == (atlas / path.relative_to(one)).read_bytes(), path


def _blas_threads() -> list[int]:
    import numpy  # noqa: F401  # its BLAS loaded, as in a worker writing a page
    from threadpoolctl import threadpool_info

    return [pool["num_threads"] for pool in threadpool_info()]


@pytest.mark.skipif(
    "fork" not in multiprocessing.get_all_start_methods(), reason="no forked workers here"
)
def test_page_workers_run_blas_on_one_thread() -> None:
    """A worker of the atlas runs numpy's BLAS on one thread whatever the cores (the same
    digits on every machine); this process is left as it was."""
    from concurrent.futures import ProcessPoolExecutor

    before = _blas_threads()
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(1, mp_context=context, initializer=_one_blas_thread) as pool:
        threads = pool.submit(_blas_threads).result()
    assert threads and set(threads) == {1}
    assert _blas_threads() == before


def test_page_processes_are_the_usable_cores_at_most_eight() -> None:
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    can_fork = "fork" in multiprocessing.get_all_start_methods()
    assert page_processes() == (max(1, min(usable or 1, MAX_JOBS)) if can_fork else 1)


@pytest.mark.parametrize(
    ("scope", "message"),
    [
        ("gmina:2815813", "an atlas covers a voivodeship or a powiat"),
        ("voivodeship:12", "holds no institution"),
    ],
)
def test_bad_scope_is_one_line_exit_2(tmp_path: Path, scope: str, message: str) -> None:
    code, _, err = run("atlas", str(DATA), "--scope", scope, "--out", str(tmp_path / "a"))
    assert code == 2
    assert message in err
    assert len(err.splitlines()) == 2  # the error and its hint


@pytest.mark.slow
@pytest.mark.browser
def test_atlas_pages_stay_in_the_folder_and_show_the_status_in_colour(
    atlas: Path, chromium: Chromium
) -> None:
    """Opened in Chromium, the index, a gmina's page and its map load nothing from outside
    the atlas folder; the status is a coloured word, sorting worst first (the sorting
    itself: tests/report/test_html.py)."""
    gmina = atlas / "gmina" / "2815813"
    for page in (atlas / "index.html", gmina / "report.html", gmina / "map.html"):
        with chromium.open(page, wait=page.name == "map.html") as run:
            run.page.wait_for_load_state("load")
            assert run.console_errors == [] and run.blocked == [], page
            outside = [u for u in run.requests if not u.startswith(atlas.resolve().as_uri())]
            assert outside == [], page
            if page.name == "report.html":
                badge = run.page.locator("#scorecard td.st-red .badge")
                assert badge.inner_text() == "czerwony"
                colour = badge.evaluate("b => getComputedStyle(b).backgroundColor")
                assert colour == "rgb(255, 199, 206)"
    index = (atlas / "index.html").read_text(encoding="utf-8")
    assert '<td class="st-red" data-v="0"><span class="badge">czerwony</span></td>' in index
