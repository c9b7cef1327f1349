"""compare.html shows the outcome first: totals of ties and gaps by kind, gminas by improvement,
and each bundled dataset's planted change (a gap that closes after the pilot) among the first
items, before any long table; compare.xlsx speaks Polish."""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path

import openpyxl
import pytest

from kokon_graph import build_network, read_dataset
from kokon_graph.analysis.compare import compare_networks
from kokon_graph.model import SECTORS
from kokon_graph.report.compare_report import write_comparison
from tests.conftest import REPO

BUNDLED = sorted(p for p in (REPO / "datasets").iterdir() if (p / "datapackage.json").exists())


def _text(html: str) -> str:
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", body)))


@pytest.mark.slow
@pytest.mark.parametrize("folder", BUNDLED, ids=lambda p: p.name)
def test_the_planted_change_is_on_the_first_screen(tmp_path: Path, folder: Path) -> None:
    dataset = read_dataset(folder)
    names = dict(zip(dataset.territories["teryt"], dataset.territories["name"], strict=True))
    tables = compare_networks(
        build_network(dataset, wave="before"), build_network(dataset, wave="after")
    )
    written = write_comparison(tables, tmp_path, lang="pl", min_count=3, formats=("html", "xlsx"))
    text = _text(written["html"].read_text(encoding="utf-8"))
    start = text.index("Podsumowanie Więzi zyskane")
    first_screen = text[start : text.index("Miary sieci przed i po", start)]
    assert "rodzaj luki zamknięta otwarta" in first_screen  # the totals by kind
    assert "razem" in first_screen
    planted = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    closing = [
        g
        for g in planted["planted_gaps"]
        if g.get("waves") == ["before"] and g["kind"] == "social_assistance_without_tie"
    ]
    assert closing, folder.name
    for gap in closing:
        for sector in gap["sectors"]:
            words = f"{names[gap['gmina']]}: {SECTORS.label(sector, 'pl')}"
            head = "Luki zamknięte / Luki otwarte Luki zamknięte"
            closed = first_screen[first_screen.index(head) + len(head) :]
            closed = closed[: closed.index("Luki otwarte")]
            assert words in closed, (folder.name, words)
    # the comparison workbook: Polish headers and values
    wb = openpyxl.load_workbook(written["xlsx"], read_only=True)
    sheet = wb["Luki zamknięte i otwarte"]
    rows = list(sheet.iter_rows(max_row=50, values_only=True))
    wb.close()
    assert rows[0][:4] == ("rodzaj luki", "identyfikatory", "opis", "stan")
    values = {v for row in rows[1:] for v in row[:4] if isinstance(v, str)}
    assert not values & {"co_serving", "sector", "opened", "closed", "no_tie"}
    assert values & {"zamknięta", "otwarta"}
