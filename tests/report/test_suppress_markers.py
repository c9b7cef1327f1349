"""Whether a column holds a suppression marker, decided by dtype and Arrow where they can,
is exactly what asking every cell gives (the files' columns depend on it)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from kokon_graph.report.suppress import _holds_marker, is_suppressed

COLUMNS = {
    "floats": pd.Series([1.5, np.nan, 3.0]),
    "ints": pd.Series([1, 2, 3]),
    "nullable ints": pd.Series([1, None, 3], dtype="Int64"),
    "bools": pd.Series([True, False, True]),
    "dates": pd.Series(pd.to_datetime(["2021-01-01", None, "2022-02-02"])),
    "names": pd.Series(["OPS", None, "GOPS Łódź"], dtype="str"),
    "a name like a marker": pd.Series(["OPS", "<3 wsie", None], dtype="str"),
    "a name 'x'": pd.Series(["x", "OPS"], dtype="str"),
    "an 'X' is no marker": pd.Series(["X", "OPS"], dtype="str"),
    "counts with a marker": pd.Series([4, "<3", None], dtype=object),
    "counts with a complement": pd.Series([4, 7, "x"], dtype=object),
    "counts without": pd.Series([4, 7, None], dtype=object),
    "empty": pd.Series([], dtype="str"),
}


@pytest.mark.parametrize("name", list(COLUMNS))
def test_holds_marker_is_asking_every_cell(name: str) -> None:
    column = COLUMNS[name]
    assert _holds_marker(column) == bool(column.map(is_suppressed).any())


def test_markers_are_found_in_text_and_objects() -> None:
    assert _holds_marker(COLUMNS["a name like a marker"])
    assert _holds_marker(COLUMNS["counts with a complement"])
    assert not _holds_marker(COLUMNS["an 'X' is no marker"])
