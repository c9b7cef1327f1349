"""The national layout: beyond a number of cells, long tables keep their top rows, ranked."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pandas as pd

from kokon_graph.report import write_xlsx
from kokon_graph.report.xlsx_writer import national_layout, ordered_results
from tests.report.test_xlsx import result_sheets


def test_small_results_are_written_whole(valid_results: dict[str, pd.DataFrame]) -> None:
    names = ordered_results(valid_results)
    layout = national_layout(valid_results, names)
    for name in names:
        frame, ranked_by = layout[name]
        assert ranked_by is None
        assert frame is valid_results[name]


def test_beyond_the_cell_budget_long_tables_keep_their_top_rows(
    tmp_path: Path, valid_results: dict[str, pd.DataFrame]
) -> None:
    centrality = valid_results["centrality"]
    assert len(centrality) > 5
    path = write_xlsx(valid_results, tmp_path / "n.xlsx", lang="pl", max_cells=100, top_rows=5)
    sheets = result_sheets(path, valid_results)
    read = pd.read_excel(path, sheet_name=sheets["centrality"])
    assert len(read) == 5
    # the five institutions of highest betweenness (ties broken by degree), in that order
    want = centrality.sort_values(["betweenness", "degree"], ascending=False, kind="stable")
    assert list(read.iloc[:, 0]) == list(want["id"].head(5))
    # the summary says what was cut, by what, and where the rest is
    wb = openpyxl.load_workbook(path, read_only=True)
    summary = [str(v) for row in wb.worksheets[0].iter_rows(values_only=True) for v in row if v]
    wb.close()
    note = next(s for s in summary if s.startswith(f"Arkusz {sheets['centrality']} zawiera 5 z"))
    assert f"z {len(centrality)} wierszy" in note
    assert "centrality.csv" in note
    assert "„pośrednictwo (znormalizowane)”" in note  # the column's label, not its code
    # tables not longer than the cut are whole
    for name, sheet in sheets.items():
        if len(valid_results[name]) <= 5:
            assert len(pd.read_excel(path, sheet_name=sheet)) == len(valid_results[name])
