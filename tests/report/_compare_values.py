"""Comparing what a file holds with the analysis result it was written from."""

from __future__ import annotations

import math
from typing import Any

import pandas as pd
import pytest

from kokon_graph.report.suppress import marker, suppressed_columns


def is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def check_numbers(
    name: str, frame: pd.DataFrame, read: pd.DataFrame, *, min_count: int, rel: float = 0.0
) -> int:
    """Assert every numeric cell of ``read`` equals ``frame`` (or is the marker where a family
    count is below ``min_count``); columns are matched by position. Return cells checked.

    ``rel`` is the relative tolerance: 0 for text files written with ``repr``, 1e-14 for
    workbooks, which keep 15 significant digits (Excel's precision)."""
    assert read.shape == frame.shape, (name, read.shape, frame.shape)
    counts, derived = suppressed_columns(name, frame)
    checked = 0
    for i, column in enumerate(frame.columns):
        original = frame[column]
        if not (
            pd.api.types.is_numeric_dtype(original) and not pd.api.types.is_bool_dtype(original)
        ):
            continue
        for row, (want, got) in enumerate(
            zip(original.tolist(), read.iloc[:, i].tolist(), strict=True)
        ):
            if want is None or want is pd.NA or (isinstance(want, float) and math.isnan(want)):
                assert got is None or got == "" or (isinstance(got, float) and math.isnan(got)), (
                    name,
                    column,
                    row,
                    got,
                )
                continue
            hidden = column in counts and 0 < want < min_count  # zero is shown
            if column in derived:
                base = frame.loc[frame.index[row], _base(name)]
                hidden = 0 < base < min_count
            if hidden:
                assert got == marker(min_count), (name, column, row, want, got)
            else:
                assert is_number(got), (name, column, row, want, got)
                if rel:
                    assert float(got) == pytest.approx(float(want), rel=rel, abs=1e-300), (
                        name,
                        column,
                        row,
                        want,
                        got,
                    )
                else:
                    assert float(got) == float(want), (name, column, row, want, got)
            checked += 1
    return checked


def _base(name: str) -> str:
    from kokon_graph.report.suppress import SUPPRESSION_RULES

    base = SUPPRESSION_RULES[name].base
    assert base is not None
    return base
