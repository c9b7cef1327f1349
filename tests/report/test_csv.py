"""CSV files: UTF-8 with BOM, ',' or ';' (with decimal commas), values equal the analysis."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from kokon_graph.report import write_csv
from kokon_graph.report.csv_writer import CSV_ENCODING
from tests.report._compare_values import check_numbers
from tests.report._fake import fake_results


def read(path: Path, *, sep: str = ",", decimal: str = ".") -> pd.DataFrame:
    frame = pd.read_csv(
        path, sep=sep, decimal=decimal, encoding=CSV_ENCODING, dtype=str, keep_default_na=False
    )

    def number(text: str) -> object:
        if text == "":
            return None
        for kind in (int, float):
            try:
                return kind(text.replace(decimal, ".") if kind is float else text)
            except ValueError:
                continue
        return text

    return frame.map(number)


def test_every_result_has_a_file_whose_numbers_equal_the_analysis(
    valid_report: Path, valid_results: dict[str, pd.DataFrame]
) -> None:
    folder = valid_report / "csv"
    checked = 0
    for name, frame in valid_results.items():
        path = folder / f"{name}.csv"
        assert path.read_bytes().startswith(b"\xef\xbb\xbf"), name
        got = read(path)
        assert list(got.columns) == list(frame.columns)
        checked += check_numbers(name, frame, got, min_count=3)
    assert checked > 800
    guide = pd.read_csv(folder / "columns.csv", encoding=CSV_ENCODING)
    assert len(guide) == sum(f.shape[1] for f in valid_results.values())
    assert (guide["label"] != "").all()


def test_semicolon_files_use_decimal_commas_for_polish_excel(
    tmp_path: Path, valid_results: dict[str, pd.DataFrame]
) -> None:
    write_csv(valid_results, tmp_path, delimiter=";")
    text = (tmp_path / "centrality.csv").read_text(encoding=CSV_ENCODING)
    header, first = text.splitlines()[:2]
    assert header.startswith("id;name;type;sector;teryt;degree;")
    assert "0,0" in first or ",5" in first
    got = read(tmp_path / "centrality.csv", sep=";", decimal=",")
    check_numbers("centrality", valid_results["centrality"], got, min_count=3)
    # Polish letters survive the round trip
    names = set(got["name"])
    assert any("ó" in n or "ś" in n for n in names)


def test_text_that_looks_like_a_formula_is_quoted_and_small_counts_hidden(
    tmp_path: Path,
) -> None:
    write_csv(fake_results(), tmp_path, min_count=3)
    got = read(tmp_path / "centrality.csv")
    assert got.loc[3, "name"].startswith("'=HYPERLINK")
    shared = read(tmp_path / "gaps_co_serving.csv")["shared_families"].tolist()
    assert shared == [14, "<3", 0]  # zero is shown
