"""The scorecard reads on screen: its "dlaczego" (why) column is wide enough for its
sentences, measured in a real browser (headless Chromium) on the report and the atlas."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from kokon_graph.cli import main
from tests.conftest import REPO
from tests.viz.browser import Chromium

pytestmark = pytest.mark.browser

#: Screenshots of the measured tables land here (``artifacts/`` is not committed).
ARTIFACTS = REPO / "artifacts" / "report"

#: The lines of each cell of the "dlaczego" column, and the column's width in ems.
WHY_LINES = """() => {
  const out = [];
  for (const table of document.querySelectorAll("table")) {
    const heads = Array.from(table.querySelectorAll("thead th"));
    const at = heads.findIndex((th) => th.textContent.trim() === "dlaczego");
    if (at < 0) continue;
    for (const row of table.querySelectorAll("tbody tr")) {
      const td = row.children[at];
      const style = getComputedStyle(td);
      const range = document.createRange();
      range.selectNodeContents(td);
      const lines = new Set(Array.from(range.getClientRects(), (r) => Math.round(r.top)));
      out.push({
        text: td.textContent, lines: lines.size,
        ems: td.getBoundingClientRect().width / parseFloat(style.fontSize),
      });
    }
  }
  return out;
}"""


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("layout")
    data = str(REPO / "datasets" / "praski-kokon")
    runner = CliRunner()
    result = runner.invoke(
        main, ["--lang", "pl", "report", data, "--out", str(out / "r"), "--no-map"]
    )
    assert result.exit_code == 0, result.output
    args = ["--lang", "pl", "atlas", data, "--scope", "powiat:1465", "--out", str(out / "at")]
    result = runner.invoke(main, args)
    assert result.exit_code == 0, result.output
    return {
        "report": out / "r" / "report.html",
        "atlas index": out / "at" / "index.html",
        "atlas gmina": out / "at" / "gmina" / "1465088" / "report.html",
    }


@pytest.mark.parametrize("page", ["report", "atlas index", "atlas gmina"])
@pytest.mark.parametrize("width", [1000, 1400])
def test_why_column_reads_in_a_few_lines(
    chromium: Chromium,
    pages: dict[str, Path],
    page: str,
    width: int,
) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    context = chromium.browser.new_context(viewport={"width": width, "height": 900})
    try:
        tab = context.new_page()
        tab.goto(pages[page].resolve().as_uri())
        cells = tab.evaluate(WHY_LINES)
        tab.locator("table:has(th:text-is('dlaczego'))").first.screenshot(
            path=str(ARTIFACTS / f"why-{page.replace(' ', '-')}-{width}.png")
        )
    finally:
        context.close()
    # Praga-Północ's four reasons (about 110 characters) among them
    assert max(len(c["text"]) for c in cells) > 100
    for cell in cells:
        # before: 10 lines of one or two words in a column 7 ems wide
        assert cell["lines"] <= 4, (page, width, cell)
        assert cell["ems"] >= 20 or cell["lines"] == 1, (page, width, cell)
