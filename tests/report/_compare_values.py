"""Comparing what a file holds with the analysis result it was written from."""

from __future__ import annotations

import math
from typing import Any

import pandas as pd
import pytest

from kokon_graph.report.suppress import SECONDARY, marker, suppressed_columns


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
    frame = _scored(name, frame, read, min_count=min_count)
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
            if got == SECONDARY:  # hidden beside a hidden cell of its complement group
                group = [c for c in _complements(name) if c in frame.columns]
                assert column in group[1:] and want != 0, (name, column, row, want, got)
                assert any(0 < frame.loc[frame.index[row], c] < min_count for c in group[:3]), (
                    name,
                    column,
                    row,
                    want,
                    got,
                )
            elif hidden:
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


def _scored(name: str, frame: pd.DataFrame, read: pd.DataFrame, *, min_count: int) -> pd.DataFrame:
    """``frame`` as a score that adds a hidden count is written: 1 in the count's place
    (the docstring of kokon_graph.report.suppress), rows in the order of ``read``, which
    must be best first by the score written."""
    from kokon_graph.report.suppress import SUPPRESSION_RULES

    rule = SUPPRESSION_RULES.get(name)
    if rule is None or not rule.sums:
        return frame
    count = frame[rule.counts[0]]
    small = (count > 0) & (count < min_count)
    frame = frame.assign(**{c: frame[c].where(~small, frame[c] - count + 1) for c in rule.sums})
    keys = list(zip(read.iloc[:, 0], read.iloc[:, 1], strict=True))
    frame = frame.set_index(["source", "target"], drop=False).loc[keys].reset_index(drop=True)
    for column in rule.sums:
        assert list(frame[column]) == sorted(frame[column], reverse=True), (name, column)
    return frame


def _complements(name: str) -> tuple[str, ...]:
    from kokon_graph.report.suppress import SUPPRESSION_RULES

    return SUPPRESSION_RULES[name].complements


def _base(name: str) -> str:
    from kokon_graph.report.suppress import SUPPRESSION_RULES

    base = SUPPRESSION_RULES[name].base
    assert base is not None
    return base
