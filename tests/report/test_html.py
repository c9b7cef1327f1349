"""The HTML pages in headless Chromium: no request leaves them, tables sort, plots show.

Chromium is Debian's (/usr/bin/chromium); Playwright never downloads a browser here.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from playwright.sync_api import Browser, Page, Route, sync_playwright

from kokon_graph import Network
from kokon_graph.analysis.scorecard import gmina_scorecard
from kokon_graph.model import normalize_token
from kokon_graph.report import ReportInfo, write_report
from tests.report._fake import fake_results

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield b
        b.close()


class Visit:
    """A page opened from a file, with every request and console message recorded."""

    def __init__(self, browser: Browser, path: Path) -> None:
        self.path = path
        self.requests: list[str] = []
        self.console: list[str] = []
        self.dialogs: list[str] = []
        self.page: Page = browser.new_page(viewport={"width": 1300, "height": 900})
        self.page.route("**/*", self._route)
        self.page.on("console", lambda m: self.console.append(f"{m.type}: {m.text}"))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.goto(path.resolve().as_uri())
        self.page.wait_for_load_state("load")

    def _route(self, route: Route) -> None:
        self.requests.append(route.request.url)
        if route.request.url == self.path.resolve().as_uri():
            route.continue_()
        else:
            route.abort()

    def close(self) -> None:
        self.page.close()


def assert_offline(visit: Visit) -> None:
    assert visit.requests == [visit.path.resolve().as_uri()]
    errors = [m for m in visit.console if m.startswith("error")]
    assert errors == []


def test_report_page_makes_no_request_and_shows_everything(
    browser: Browser, valid_report: Path, valid_results: dict[str, pd.DataFrame]
) -> None:
    visit = Visit(browser, valid_report / "report.html")
    try:
        assert_offline(visit)
        page = visit.page
        assert page.locator("figure svg").count() == 3
        text = page.inner_text("body")
        pair = valid_results["gaps_co_serving"].iloc[0]
        assert f"{pair['source_name']} i {pair['target_name']} obsługują wspólnie" in text
        assert "mniej niż 3 rodziny" in text
        # every result has a table, with its row count
        assert page.locator("details").count() == len(valid_results) - 1
        meta = page.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content")
        assert meta is not None and "default-src 'none'" in meta
    finally:
        visit.close()


def _column_values(page: Page, table: str, index: int) -> list[float]:
    return page.eval_on_selector_all(
        f"{table} tbody tr",
        f"rows => rows.map(r => parseFloat(r.cells[{index}].getAttribute('data-v')))",
    )


def test_tables_sort_by_clicking_a_header(
    browser: Browser, valid_report: Path, valid_results: dict[str, pd.DataFrame]
) -> None:
    visit = Visit(browser, valid_report / "report.html")
    try:
        page = visit.page
        page.click("#table-centrality summary")
        table = "#table-centrality table"
        index = list(valid_results["centrality"].columns).index("betweenness")
        header = page.locator(f"{table} thead th").nth(index)
        header.click()
        values = _column_values(page, table, index)
        assert values == sorted(values) and values[0] < values[-1]
        assert header.get_attribute("aria-sort") == "ascending"
        header.click()
        assert _column_values(page, table, index) == sorted(values, reverse=True)
        # text columns sort by Polish collation
        page.locator(f"{table} thead th").nth(1).click()
        names = page.eval_on_selector_all(
            f"{table} tbody tr", "rows => rows.map(r => r.cells[1].textContent)"
        )
        # Polish order: "Sąd" before "Szkoła" (ą sorts with a), unlike code point order
        assert names == sorted(names, key=normalize_token)
        assert names != sorted(names)
    finally:
        visit.close()


def test_names_from_the_data_are_shown_as_text_never_run(browser: Browser, tmp_path: Path) -> None:
    write_report(fake_results(), tmp_path, formats=("html",), info=ReportInfo(dataset="fake"))
    visit = Visit(browser, tmp_path / "report.html")
    try:
        assert_offline(visit)
        assert visit.dialogs == []
        assert "<script>alert(1)</script>" in visit.page.inner_text("#top")
        assert visit.page.locator("main script").count() == 0
    finally:
        visit.close()


def test_the_scorecard_status_is_a_coloured_word_sorting_worst_first(
    browser: Browser,
    tmp_path: Path,
    valid_network: Network,
    valid_results: dict[str, pd.DataFrame],
) -> None:
    """Green, amber and red each show their word on a badge of their colour (the word
    carries it in black and white); sorting the status column puts red, amber, green."""
    card = gmina_scorecard(valid_network, valid_results)
    card = pd.concat([card.iloc[[0]]] * 3, ignore_index=True)
    card["status"] = ["green", "red", "amber"]
    card["gmina_name"] = ["A", "B", "C"]
    write_report(
        valid_results, tmp_path, formats=("html",), info=ReportInfo(dataset="v"), scorecard=card
    )
    visit = Visit(browser, tmp_path / "report.html")
    try:
        assert_offline(visit)
        page = visit.page
        badges = page.locator("#scorecard tbody .badge")
        colours = badges.evaluate_all(
            "bs => bs.map(b => [b.textContent, getComputedStyle(b).backgroundColor,"
            " getComputedStyle(b).borderTopStyle])"
        )
        assert colours == [
            ["zielony", "rgb(198, 239, 206)", "solid"],
            ["czerwony", "rgb(255, 199, 206)", "solid"],
            ["żółty", "rgb(255, 235, 156)", "solid"],
        ]
        status = list(card.columns).index("status")
        page.locator("#scorecard thead th").nth(status).click()
        assert badges.all_inner_texts() == ["czerwony", "żółty", "zielony"]
        page.locator("#scorecard thead th").nth(status).click()
        assert badges.all_inner_texts() == ["zielony", "żółty", "czerwony"]
    finally:
        visit.close()


def test_every_scorecard_header_has_its_description_as_tooltip(
    browser: Browser,
    tmp_path: Path,
    valid_network: Network,
    valid_results: dict[str, pd.DataFrame],
) -> None:
    """Each scorecard column's header shows what the column holds when pointed at, in the
    page's language (from analysis/scorecard.py's column docs); no header anywhere on the
    page has an empty tooltip."""
    from kokon_graph.analysis.scorecard import COLUMNS

    card = gmina_scorecard(valid_network, valid_results)
    titles = {}
    for lang in ("pl", "en"):
        out = tmp_path / lang
        write_report(
            valid_results, out, formats=("html",), info=ReportInfo(dataset="v"), scorecard=card,
            lang=lang,
        )  # fmt: skip
        visit = Visit(browser, out / "report.html")
        try:
            titles[lang] = visit.page.locator("#scorecard thead th").evaluate_all(
                "ths => ths.map(th => th.getAttribute('title'))"
            )
            empty = visit.page.locator("th[title=''], td[title='']").count()
        finally:
            visit.close()
        assert titles[lang] == [COLUMNS[c].describe(lang) for c in card.columns]
        assert all(titles[lang]) and empty == 0
    assert titles["pl"][3].startswith("kryteria") and titles["en"][3].startswith("the criteria")


def _lines(page: Page, texts: set[str]) -> dict[str, int]:
    """How many lines each table cell whose whole text is one of ``texts`` takes."""
    return dict(
        page.evaluate(
            """texts => [...document.querySelectorAll('td')]
                .filter(td => texts.includes(td.textContent))
                .map(td => {
                    const range = document.createRange();
                    range.selectNodeContents(td);
                    const tops = [...range.getClientRects()].map(r => Math.round(r.top));
                    return [td.textContent, new Set(tops).size];
                })""",
            sorted(texts),
        )
    )


def test_hyphenated_names_stay_whole_in_narrow_columns(
    browser: Browser,
    tmp_path: Path,
    valid_network: Network,
    valid_results: dict[str, pd.DataFrame],
) -> None:
    """ "Praga-Północ" in the scorecard's narrow gmina column is not broken after its hyphen
    (nor an id such as 1465088-KORALE); the workbook keeps the name as written."""
    import openpyxl

    card = gmina_scorecard(valid_network, valid_results)
    card = pd.concat([card.iloc[[0]]] * 2, ignore_index=True)
    names = {"Praga-Północ", "Kędzierzyn-Koźle"}
    card["gmina_name"] = sorted(names)
    card["gmina"] = ["1465088-KORALE", "1465088"]
    card["reasons"] = "sectors_unlinked|co_serving_gaps|unanswered_share|groups_missing_sectors"
    write_report(
        valid_results, tmp_path, formats=("html", "xlsx"), info=ReportInfo(dataset="v"),
        scorecard=card,
    )  # fmt: skip
    visit = Visit(browser, tmp_path / "report.html")
    try:
        visit.page.set_viewport_size({"width": 700, "height": 900})
        assert _lines(visit.page, {*names, "1465088-KORALE"}) == {
            "Praga-Północ": 1,
            "Kędzierzyn-Koźle": 1,
            "1465088-KORALE": 1,
        }
        assert visit.page.locator("#scorecard tbody td").nth(1).inner_text() in names
    finally:
        visit.close()
    wb = openpyxl.load_workbook(tmp_path / "report.xlsx", read_only=True)
    cells = {str(v) for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for v in row}
    wb.close()
    assert names <= cells
