"""``kokon-graph atlas``: an offline folder whose index links every page, each page linking back;
bad scopes are one line and exit 2."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from kokon_graph.cli import main
from tests.conftest import REPO

DATA = REPO / "datasets" / "kooperacja-efektywna"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.slow
def test_atlas_of_a_powiat_links_every_page_and_back(tmp_path: Path) -> None:
    out = tmp_path / "atlas"
    code, stdout, stderr = run(
        "atlas", str(DATA), "--scope", "powiat:2815", "--out", str(out), "--zip"
    )
    assert code == 0, stderr
    assert stdout == f"{out}.zip\n"
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
    assert not re.search(r'(src|href)="https?://', index)  # offline
    with zipfile.ZipFile(f"{out}.zip") as packed:
        assert "index.html" in packed.namelist()


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
