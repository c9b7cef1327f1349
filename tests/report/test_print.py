"""The gmina scorecard (hand-computed on tests/data/valid) and the workbook as printed:
LibreOffice converts it to PDF; the key sheets fit their pages, every page is landscape A4
and carries the header and footer."""

from __future__ import annotations

import html
import re
import subprocess
from pathlib import Path

import pandas as pd
import pytest

from kokon_graph import Network
from kokon_graph.analysis.scorecard import THRESHOLDS, gmina_scorecard, reasons_text
from kokon_graph.report import ReportInfo, write_xlsx
from tests._office import convert
from tests.conftest import REPO


def test_scorecard_of_the_valid_dataset_by_hand(
    valid_network: Network, valid_results: dict[str, pd.DataFrame]
) -> None:
    card = gmina_scorecard(valid_network, valid_results).set_index("gmina")
    # Ostróda: OPS1, SZK1, POZ1, NGO1; ties OPS1-SZK1, SZK1-POZ1, OPS1-NGO1, OPS1-POZ1;
    # OPS1's partners SZK1, PCPR1, KPP1, NGO1, POZ1; referrals S1-S3 (OPS1) and S4 (SZK1),
    # S3 unanswered; answered after 10, 1 and 2 days; group ZI1 misses sectors;
    # sectors justice and labour market not linked to OPS1
    ostroda = card.loc["2815011"]
    assert ostroda[["institutions", "ties", "ops_ties", "referrals", "unanswered"]].tolist() == [
        4,
        4,
        5,
        4,
        1,
    ]
    assert ostroda["density"] == pytest.approx(4 / 6)
    assert ostroda["median_days"] == 2.0
    assert ostroda[["sectors_unlinked", "sectors_absent", "groups_missing_sectors"]].tolist() == [
        2,
        0,
        1,
    ]
    assert ostroda["co_serving_gaps"] == 0  # every shared pair has 1 family, below 3
    # 1 of 4 unanswered is the red threshold, and so are two unlinked sectors
    assert THRESHOLDS["unanswered_share"][1] == 0.25
    assert ostroda["status"] == "red"
    assert ostroda["reasons"].split("|")[:2] == ["sectors_unlinked", "unanswered_share"]
    # Dąbrówno: GOPS2, SZK2, PAR2, POL2; ties GOPS2-SZK2, GOPS2-PAR2; GOPS2's partners PCPR1,
    # SZK2, PAR2; referrals S5, S6 (GOPS2), S7 (SZK2): S5 sent, S7 no answer, S6 rejected
    # after 43 days
    dabrowno = card.loc["2815022"]
    assert dabrowno[["institutions", "ties", "ops_ties", "referrals", "unanswered"]].tolist() == [
        4,
        2,
        3,
        3,
        2,
    ]
    assert dabrowno["median_days"] == 43.0
    assert dabrowno["sectors_absent"] == 2 and dabrowno["sectors_unlinked"] == 3
    assert dabrowno["status"] == "red"
    assert "długie oczekiwanie na odpowiedź" in reasons_text(dabrowno["reasons"], "pl")


def _pdf_pages(xlsx: Path, out: Path) -> list[str]:
    pdf = convert(xlsx, out, "pdf")
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True)
    size = next(line for line in info.stdout.splitlines() if line.startswith("Page size"))
    width, height = (float(v) for v in size.split(":")[1].split("pts")[0].split(" x "))
    assert (round(width), round(height)) == (842, 595)  # A4 landscape
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    return text.split("\f")[:-1]


@pytest.mark.slow
def test_the_workbook_prints_landscape_and_the_key_sheets_fit_their_pages(
    tmp_path: Path,
    valid_network: Network,
    valid_results: dict[str, pd.DataFrame],
    valid_info: ReportInfo,
) -> None:
    card = gmina_scorecard(valid_network, valid_results)
    path = write_xlsx(
        valid_results, tmp_path / "raport.xlsx", info=valid_info, lang="pl", scorecard=card
    )
    pages = _pdf_pages(path, tmp_path)
    total = len(pages)
    assert 10 < total < 60
    for number, page in enumerate(pages, start=1):
        assert f"strona {number} z {total}" in page  # the footer
        assert "valid" in page and "2024-05-17" in page  # the header: dataset and date
    # the scorecard: one page, every column and every gmina on it
    (card_page,) = [p for p in pages if "Karta gminy" in p and "kod TERYT" in p]
    for word in ("kod TERYT", "dlaczego", "mediana dni", "Ostróda", "Dąbrówno", "czerwony"):
        assert word in card_page, word
    # the key figures: the first page holds the status counts and the whole top-actor table
    key = [p for p in pages if "Najważniejsze" in p]
    assert key and "Gminy według stanu" in key[0]
    first_rows = key[0]
    for word in ("nazwa", "typ", "sektor", "powiązania", "pośrednictwo"):
        assert word in first_rows, word
    assert "Powiatowe Centrum Pomocy Rodzinie w Ostródzie" in first_rows


def _words(pdf: Path, page: int) -> list[tuple[str, float, float]]:
    """The words of a page of ``pdf`` in the order they are drawn, each with its top and
    bottom (points)."""
    bbox = subprocess.run(
        ["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(pdf), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    found = re.findall(
        r'<word xMin="[^"]+" yMin="([^"]+)" xMax="[^"]+" yMax="([^"]+)">([^<]*)<', bbox
    )
    return [(html.unescape(word), float(top), float(bottom)) for top, bottom, word in found]


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["pl", "en"])
def test_the_key_figures_print_on_two_pages_tables_first(tmp_path: Path, lang: str) -> None:
    """The key-figures sheet of the largest bundled dataset (12 gminas, 1,300 co-serving
    gaps) prints on two landscape pages: every table on the first, the charts on the
    second; its text stays at least 7 pt high."""
    from kokon_graph import build_network, read_dataset
    from kokon_graph.report.build import analyse

    network = build_network(read_dataset(REPO / "datasets" / "kooperacja-efektywna"))
    results = analyse(network)
    card = gmina_scorecard(network, results)
    path = write_xlsx(
        results,
        tmp_path / "raport.xlsx",
        lang=lang,  # type: ignore[arg-type]
        scorecard=card,
        order=["centrality"],  # the key sheets and one table print quickly
    )
    pages = _pdf_pages(path, tmp_path)
    sheet = "Najważniejsze" if lang == "pl" else "Key figures"
    key = [p for p in pages if p.rstrip().splitlines()[-1].lstrip().startswith(sheet)]
    assert len(key) == 2
    first, second = key
    words = {
        "pl": ("pośrednictwo", "wspólne", "dlaczego", "indeks E-I", "więcej", "zielony"),
        "en": ("betweenness", "shared", "why", "E-I index", "more", "green"),
    }[lang]
    for word in words:
        assert word in first, word
    worst = card[card["status"] != "green"].head(10)["gmina_name"]
    assert all(name in first for name in worst)
    top = results["centrality"].nlargest(10, "betweenness")["name"]
    assert all(name in first for name in top)
    # the second page holds the charts
    assert ("Luki według gmin" if lang == "pl" else "Gaps per gmina") in second
    words = _words(tmp_path / "raport.pdf", pages.index(first) + 1)
    heights = [bottom - top for _, top, bottom in words]
    assert sorted(heights)[len(heights) // 2] >= 7.0  # the median word, in points


def _lines_drawn(words: list[tuple[str, float, float]], text: str) -> int | None:
    """The lines ``text`` takes where it is drawn (``None``: not drawn, or drawn in
    columns of different widths)."""
    wanted = text.split()
    tokens = [w for w, _, _ in words]
    starts = [
        i for i in range(len(tokens) - len(wanted) + 1) if tokens[i : i + len(wanted)] == wanted
    ]
    drawn = {len({round(top) for _, top, _ in words[i : i + len(wanted)]}) for i in starts}
    return drawn.pop() if len(drawn) == 1 else None


@pytest.mark.slow
def test_rows_of_the_key_sheets_are_as_tall_as_their_text(tmp_path: Path) -> None:
    """Printed with LibreOffice, each row of "Najważniejsze" and "Karta gminy" is as many
    lines tall as its longest text takes: never taller (a blank line under a name that fits
    on one, as before), never shorter (text printed over the next row)."""
    import openpyxl

    from kokon_graph import build_network, read_dataset
    from kokon_graph.report.build import analyse

    network = build_network(read_dataset(REPO / "datasets" / "kooperacja-efektywna"))
    results = analyse(network)
    card = gmina_scorecard(network, results)
    path = write_xlsx(
        results, tmp_path / "raport.xlsx", lang="pl", scorecard=card, order=["centrality"]
    )
    pages = _pdf_pages(path, tmp_path)
    book = openpyxl.load_workbook(path)
    checked = {1: 0, 2: 0}
    for sheet, header_rows in (("Najważniejsze", 0), ("Karta gminy", 4)):
        ws = book[sheet]
        (number,) = [
            i
            for i, p in enumerate(pages, start=1)
            if p.rstrip().splitlines()[-1].lstrip().startswith(sheet)
        ][:1]
        words = _words(tmp_path / "raport.pdf", number)
        for row in ws.iter_rows(min_row=header_rows + 1):
            if row[0].row in [int(r) for r in ws.print_title_rows or "" if r.isdigit()]:
                continue
            texts = [
                c.value
                for c in row
                if isinstance(c.value, str) and c.alignment.wrap_text and not c.font.b
            ]
            if not texts:
                continue
            drawn = [_lines_drawn(words, text) for text in texts]
            if None in drawn:
                continue  # a name drawn in columns of different widths
            height = ws.row_dimensions[row[0].row].height
            lines = round(height / 15) if height else 1
            assert max(d for d in drawn if d is not None) == lines, (sheet, row[0].row, texts)
            checked[lines if lines < 2 else 2] += 1
    # rows of one line and of several lines were both checked
    assert checked[1] >= 5 and checked[2] >= 5, checked
