"""The vectorised steps of small-count suppression give exactly what asking every cell gives
(the files' bytes depend on it): hiding cells, finding the markers, turning a column that
holds markers into text."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from kokon_graph.report.suppress import (
    _hide,
    _marked,
    _plain,
    is_suppressed,
    suppress_for_files,
    suppress_result,
)

COLUMNS = {
    "floats": pd.Series([1.5, np.nan, 3.0, 0.0]),
    "float32": pd.Series([1.5, 2.25, np.nan, 7.0], dtype="float32"),
    "ints": pd.Series([1, 2, 3, 10**12]),
    "int32": pd.Series([1, 2, 3, 4], dtype="int32"),
    "nullable ints": pd.Series([1, None, 3, 0], dtype="Int64"),
    "Arrow ints": pd.Series([1, None, 3, 4], dtype="int64[pyarrow]"),
    "Arrow floats": pd.Series([1.5, None, 3.0, -0.0], dtype="double[pyarrow]"),
    "bools": pd.Series([True, False, True, False]),
    "dates": pd.Series(pd.to_datetime(["2021-01-01", None, "2022-02-02", "2023-03-03"])),
    "names": pd.Series(["OPS", None, "GOPS Łódź", "<3 wsie"], dtype="str"),
    "objects": pd.Series([4, "<3", None, np.int64(7)], dtype=object),
}
MASKS = [[False] * 4, [True] * 4, [True, False, False, True], [False, True, True, False]]


def _hide_per_cell(series: pd.Series, mask: list[bool], text: str) -> list[object]:
    return [text if h else _plain(v) for v, h in zip(series.tolist(), mask, strict=True)]


@pytest.mark.parametrize("name", list(COLUMNS))
@pytest.mark.parametrize("mask", MASKS, ids=lambda m: "".join("1" if h else "0" for h in m))
def test_hide_is_hiding_every_cell(name: str, mask: list[bool]) -> None:
    column = COLUMNS[name]
    hidden = _hide(column, pd.Series(mask), "<3")
    expected = _hide_per_cell(column, mask, "<3")
    assert hidden.dtype == object
    got = hidden.tolist()
    assert [type(v) for v in got] == [type(v) for v in expected]
    assert all(
        (g is e) or g == e or (g != g and e != e) for g, e in zip(got, expected, strict=True)
    )


@pytest.mark.parametrize("min_count", [3, 5])
def test_marked_is_asking_every_cell(min_count: int) -> None:
    frame = pd.DataFrame(
        {
            "source": ["a", "b", "c", "d", "e"],
            "target": ["f", "g", "h", "i", "j"],
            "referrals": [1, 4, 2, 0, 9],
            "unanswered": [1, 2, 0, 0, 3],
            "answered": [0, 2, 2, 0, 6],
        }
    )
    shown = suppress_result("gaps_referrals", frame, min_count=min_count)
    for column in shown.columns:
        expected = shown[column].map(is_suppressed)
        assert _marked(shown[column], frame[column], min_count).tolist() == expected.tolist()
    assert shown["referrals"].map(is_suppressed).any()  # the check above checked markers


def test_files_text_of_a_column_with_markers_is_str_of_each_value() -> None:
    frame = pd.DataFrame(
        {"gmina": ["a", "b", "c", "d"], "families": [2, 14, 0, 1], "share": [0.5, None, 1.0, 0.25]}
    )
    shown = suppress_result("gaps_uncoordinated", frame, min_count=3)
    files = suppress_for_files({"gaps_uncoordinated": frame}, min_count=3)["gaps_uncoordinated"]
    assert files["families"].tolist() == ["<3", "14", "0", "<3"]
    expected = ["" if v is None else str(v) for v in shown["families"]]
    assert files["families"].tolist() == expected
    assert files["share"].tolist()[0] == 0.5  # no marker: left as computed


def test_a_text_column_that_looks_like_a_marker_is_left_as_computed() -> None:
    # a name starting with "<" is no marker, and its column's missing values stay missing
    # (before, such a column was turned into text, its missing value into "nan")
    frame = pd.DataFrame(
        {"gmina": pd.Series(["<3 wsie", None, "Łódź"], dtype="str"), "families": [4, 5, 6]}
    )
    files = suppress_for_files({"gaps_uncoordinated": frame}, min_count=3)["gaps_uncoordinated"]
    assert files["gmina"].iloc[0] == "<3 wsie"
    assert files["gmina"].isna().tolist() == [False, True, False]
    assert files["families"].tolist() == [4, 5, 6]
