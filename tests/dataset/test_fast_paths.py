"""The reader's and validator's shortcuts give exactly what the plain operations give.

Each shortcut skips work when a cheap look shows it would change nothing (no cell to
strip, no id repeated, no control character's leading byte, no blank line); these
tests hold it to the plain pandas operation it replaces, on the cases where the look
could be fooled: white space of every kind at either end, Polish letters (whose UTF-8
bytes are not ASCII) at either end, empty cells, sliced columns.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kokon_graph import DatasetError, read_dataset
from kokon_graph._frames import duplicated
from kokon_graph._text import may_hold_controls_utf8
from kokon_graph.io._source import _edges_plain, _strip

#: White space Python and Arrow both strip, and letters whose UTF-8 bytes look alike.
EDGES = [" ", "\t", "\x0b", "\x0c", "\x1c", "\x1f", "\u00a0", "\u1680", "\u2003", "\u2028"]
EDGES += ["\u2029", "\u202f", "\u205f", "\u3000", "\x85", "ą", "ł", "Ż", "„", "\u200b", "x"]


@settings(max_examples=150, deadline=None, derandomize=True, database=None)
@given(st.lists(st.text(alphabet=st.sampled_from([*EDGES, "a", "1"]), max_size=4), max_size=12))
def test_strip_is_str_strip(cells: list[str]) -> None:
    column = pd.Series(["pad", *cells], dtype="str").iloc[1:]  # a slice: offsets not at 0
    expected = column.str.strip()
    stripped = _strip(column)
    assert stripped.tolist() == expected.tolist()
    assert _edges_plain(column) == (column.tolist() == expected.tolist())


@pytest.mark.parametrize("cell", [c for c in EDGES if c.strip() == "" or c in "\x1c\x1f"])
def test_white_space_at_either_end_is_seen(cell: str) -> None:
    assert not _edges_plain(pd.Series(["ok", f"{cell}Gmina"], dtype="str"))
    assert not _edges_plain(pd.Series([f"Łódź{cell}", "ok"], dtype="str"))
    assert _edges_plain(pd.Series([f"Łódź{cell}ą", "ok", ""], dtype="str"))


def test_duplicated_is_pandas_duplicated() -> None:
    for values in (["a", "b", "c"], ["a", "b", "a", "", ""], [], ["x"] * 3):
        series = pd.Series(values, dtype="str", index=range(2, 2 + len(values)))
        pd.testing.assert_series_equal(duplicated(series), series.duplicated(keep="first"))


@pytest.mark.parametrize(
    "text", ["a\u202eb", "a\u200bb", "a\x85b", "a\ufeffb", "\ufffe", "a\u2060b", "a\x1bb"]
)
def test_control_characters_are_still_found(text: str) -> None:
    assert may_hold_controls_utf8(f"Ośrodek „Pomocy” – {text}\n".encode())


def test_a_line_of_spaces_keeps_row_numbers(tmp_path: Path) -> None:
    """A line holding only spaces is blank: the careful parser keeps the row numbers."""
    (tmp_path / "institutions.csv").write_text(
        "id,name,type,sector,level,teryt\n  \t\nOPS1,GOPS,GOPS,,gmina,2815022\n"
        "SZK1,Szkoła,szkoła,,gmina,281502X\n",
        encoding="utf-8",
    )
    with pytest.raises(DatasetError) as info:
        read_dataset(tmp_path)
    (problem,) = info.value.problems
    assert (problem.row, problem.column) == (4, "teryt")
