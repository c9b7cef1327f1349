"""Every output for every bundled dataset (and the test dataset), checked for content.

For each dataset: the report in every format (XLSX and CSV numbers equal the
analysis results, the HTML page makes no request, no family count under the
threshold shows), the comparison of its waves and of the dataset with itself
(no change), and the export in every format (read back with types).
"""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import openpyxl
import pandas as pd
import pytest

from kokon_graph import Dataset, build_network, read_dataset
from kokon_graph.analysis.compare import compare_networks
from kokon_graph.export import export_network, network_for_export
from kokon_graph.report import ReportInfo, write_report
from kokon_graph.report.build import analyse
from kokon_graph.report.compare_report import write_comparison
from kokon_graph.report.suppress import SECONDARY, marker, suppressed_columns
from kokon_graph.report.tables import in_language
from tests.conftest import REPO, TEST_KEY, VALID
from tests.report._compare_values import check_numbers
from tests.report.test_xlsx import result_sheets

BUNDLED = sorted(
    p for p in (REPO / "datasets").iterdir() if p.is_dir() and (p / "institutions.csv").exists()
)
DATASETS = [VALID, *BUNDLED]
MIN_COUNT = 5  # above the default, so that more counts are hidden


@pytest.fixture(scope="module", params=DATASETS, ids=lambda p: p.name)
def case(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Dataset, dict[str, pd.DataFrame], Path]:
    dataset = read_dataset(request.param, pseudonym_key=TEST_KEY)
    network = build_network(dataset)
    results = analyse(network, min_count=MIN_COUNT)
    out = tmp_path_factory.mktemp(request.param.name)
    write_report(
        results, out, info=ReportInfo.from_network(network), lang="pl", min_count=MIN_COUNT
    )
    return dataset, results, out


def test_xlsx_and_csv_hold_the_analysis_numbers(
    case: tuple[Dataset, dict[str, pd.DataFrame], Path],
) -> None:
    _, results, out = case
    sheets = result_sheets(out / "report.xlsx", results)
    for name, frame in results.items():
        if name in sheets:
            read = pd.read_excel(out / "report.xlsx", sheet_name=sheets[name], dtype=object)
            read = read.astype(object).where(read.notna(), None)
            check_numbers(name, in_language(frame, "pl"), read, min_count=MIN_COUNT, rel=1e-14)
        csv = pd.read_csv(
            out / "csv" / f"{name}.csv", encoding="utf-8-sig", dtype=str, keep_default_na=False
        )
        csv = csv.map(_number)
        check_numbers(name, frame, csv, min_count=MIN_COUNT)


def _number(text: str) -> object:
    if text == "":
        return None
    for kind in (int, float):
        try:
            return kind(text)
        except ValueError:
            continue
    return text


def test_no_family_count_under_the_threshold_shows_anywhere(
    case: tuple[Dataset, dict[str, pd.DataFrame], Path],
) -> None:
    _, results, out = case
    hidden = 0
    for name, frame in results.items():
        counts, _ = suppressed_columns(name, frame)
        if not counts:
            continue
        csv = pd.read_csv(
            out / "csv" / f"{name}.csv", encoding="utf-8-sig", dtype=str, keep_default_na=False
        )
        for column in counts:
            for value in csv[column]:
                shown = (
                    value in (marker(MIN_COUNT), SECONDARY)
                    or int(value) == 0
                    or int(value) >= MIN_COUNT
                )
                assert shown, (name, column)
                hidden += value == marker(MIN_COUNT)
    assert hidden > 0
    page = (out / "report.html").read_text(encoding="utf-8")
    for small in range(1, MIN_COUNT):
        for words in (
            f"wspólnie {small} rodzin",
            f"obsługują wspólnie {small} rodzin",
            f": {small} bez koordynatora",
            f"spośród {small} rodzin",
        ):
            assert words not in page


def test_html_report_makes_no_request(
    case: tuple[Dataset, dict[str, pd.DataFrame], Path],
) -> None:
    from playwright.sync_api import sync_playwright

    from tests.report.test_html import ARGS, CHROMIUM

    _, _, out = case
    page_url = (out / "report.html").resolve().as_uri()
    seen: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        page = browser.new_page()
        page.route(
            "**/*",
            lambda r: (
                seen.append(r.request.url),
                r.continue_() if r.request.url == page_url else r.abort(),
            ),
        )
        page.goto(page_url)
        page.wait_for_load_state("load")
        assert page.locator("figure svg").count() >= 2
        browser.close()
    assert seen == [page_url]


def test_compare_waves_and_itself(
    case: tuple[Dataset, dict[str, pd.DataFrame], Path], tmp_path: Path
) -> None:
    dataset, _, _ = case
    whole = build_network(dataset)
    same = compare_networks(whole, build_network(dataset))
    assert same["tie_changes"].empty and same["gap_changes"].empty
    assert (same["network_change"]["change"].fillna(0) == 0).all()
    assert (same["centrality_change"]["change"] == 0).all()
    if {"before", "after"} <= set(dataset.waves):
        tables = compare_networks(
            build_network(dataset, wave="before"), build_network(dataset, wave="after")
        )
        written = write_comparison(tables, tmp_path, min_count=MIN_COUNT)
        wb = openpyxl.load_workbook(written["xlsx"], read_only=True)
        assert len(wb.sheetnames) == len(tables) + 2
        ties = pd.read_csv(tmp_path / "csv" / "ties_by_sector.csv", encoding="utf-8-sig")
        assert ties["gained"].sum() == (tables["tie_changes"]["status"] == "gained").sum()


def test_export_every_format(
    case: tuple[Dataset, dict[str, pd.DataFrame], Path], tmp_path: Path
) -> None:
    dataset, results, _ = case
    network = build_network(dataset)
    expected = network_for_export(network, results=results)
    gexf = export_network(network, tmp_path / "n.gexf", format="gexf", results=results)
    graphml = export_network(network, tmp_path / "n.graphml", format="graphml", results=results)
    js = export_network(network, tmp_path / "n.json", format="json", results=results)
    read = nx.read_gexf(gexf, version="1.3")
    assert read.number_of_nodes() == expected.number_of_nodes()
    assert read.number_of_edges() == expected.number_of_edges()
    assert dict(nx.read_graphml(graphml).nodes(data=True)) == dict(expected.nodes(data=True))
    document = json.loads(js.read_text(encoding="utf-8"))
    assert len(document["nodes"]) == len(network.institutions)
