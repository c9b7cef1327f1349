"""Every walk-through in examples/ runs and produces what its text promises."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from tests.conftest import REPO

EXAMPLES = REPO / "examples"


def run(script: str, *args: str) -> str:
    result = subprocess.run(
        [sys.executable, str(EXAMPLES / script), *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return result.stdout


def test_every_script_is_in_the_tour() -> None:
    tour = (EXAMPLES / "TOUR.md").read_text(encoding="utf-8")
    scripts = sorted(p.name for p in EXAMPLES.glob("*.py"))
    assert scripts
    for name in scripts:
        assert f"python examples/{name}" in tour


def test_load_dataset() -> None:
    out = run("01_load_dataset.py")
    assert out.startswith("Dataset('kooperacja-efektywna', institutions=330")
    assert "waves: after, before" in out
    assert re.search(r"cooperation: 330 institutions, \d+ directed ties", out)


def test_gaps_in_a_powiat() -> None:
    out = run("02_gaps_in_a_powiat.py")
    # planted gap 1 of the dataset's README: the MGOPS of Miłowo Mazurskie and the PUP serve
    # the same families (20 in each wave); the gap counts families served by or referred
    # between both, over both waves: count them from the tables
    folder = REPO / "datasets/kooperacja-efektywna"
    services = pd.read_csv(folder / "services.csv", dtype=str)
    referrals = pd.read_csv(folder / "referrals.csv", dtype=str)
    links = pd.concat(
        [
            services[["institution", "family"]],
            referrals[["source", "family"]].set_axis(["institution", "family"], axis=1),
            referrals[["target", "family"]].set_axis(["institution", "family"], axis=1),
        ]
    )
    by = links.groupby("institution")["family"].apply(set)
    shared = len(by["2815813-OPS"] & by["2815-PUP"])
    assert shared >= 20
    line = next(
        x
        for x in out.splitlines()
        if "Powiatowy Urząd Pracy w powiecie ostródzkim" in x and "Miłowo Mazurskie" in x
    )
    assert line.split()[-1] == str(shared)
    assert "sector gaps of the social assistance centres:" in out


def test_compare_waves() -> None:
    out = run("03_compare_waves.py")
    assert re.search(r"^ties\s+\d+ ->\s+\d+", out, re.MULTILINE)
    assert "closed" in out


def test_draw_map(tmp_path: Path) -> None:
    out = run("04_draw_map.py", "datasets/kooperacja-efektywna", "2815", str(tmp_path))
    page = tmp_path / "map-powiat-2815.html"
    assert f"map written: {page}" in out
    html = page.read_text(encoding="utf-8")
    assert "vis-network" in html or "vis.Network" in html
    assert "https://" not in re.sub(r"<!--.*?-->", "", html, flags=re.DOTALL).split("<script")[0]


@pytest.mark.filterwarnings("ignore::UserWarning")
def test_export_report(tmp_path: Path) -> None:
    out = run("05_export_report.py", "datasets/kooperacja-efektywna", "2815", str(tmp_path))
    workbook = tmp_path / "report-2815" / "report.xlsx"
    assert f"xlsx   {workbook}" in out
    sheets = pd.read_excel(workbook, sheet_name=None)
    assert len(sheets) >= 10
    assert (tmp_path / "report-2815" / "report.html").stat().st_size > 10_000
