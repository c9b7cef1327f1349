"""Small-count suppression: no family count below the threshold ever shows as a number."""

from __future__ import annotations

import pandas as pd
import pytest

from kokon_graph.analysis.results import Suppression
from kokon_graph.report.suppress import (
    SECONDARY,
    SUPPRESSION_RULES,
    is_suppressed,
    marker,
    suppress_result,
    suppressed_columns,
)
from tests.report._fake import fake_results


@pytest.mark.parametrize("min_count", [1, 3, 5, 15])
def test_every_family_count_below_the_threshold_is_hidden(min_count: int) -> None:
    for name, frame in fake_results().items():
        shown = suppress_result(name, frame, min_count=min_count)
        counts, _ = suppressed_columns(name, frame)
        group = SUPPRESSION_RULES.get(name, Suppression()).complements
        parts = [c for c in group if c in counts]
        beside = [any(0 < frame[c].iloc[i] < min_count for c in parts) for i in range(len(frame))]
        for column in counts:
            for raw, cell, near in zip(frame[column], shown[column], beside, strict=True):
                if 0 < raw < min_count:
                    assert cell == marker(min_count), (name, column, raw)
                elif cell == SECONDARY:  # its complement group holds a hidden count
                    assert near and column in group[1:] and raw != 0, (name, column, raw)
                else:
                    assert cell == raw and not isinstance(cell, str), (name, column, raw)


def test_the_known_family_columns_are_covered() -> None:
    results = fake_results()
    assert suppressed_columns("gaps_co_serving", results["gaps_co_serving"])[0] == [
        "shared_families"
    ]
    assert suppressed_columns("gaps_uncoordinated", results["gaps_uncoordinated"])[0] == [
        "families",
        "families_min_services",
        "uncoordinated",
    ]
    # a column that mentions families is suppressed in any result
    frame = pd.DataFrame({"id": ["A", "B"], "families_served": [1, 7]})
    assert suppress_result("centrality", frame, min_count=3)["families_served"].tolist() == [
        "<3",
        7,
    ]


def test_zero_is_shown_as_zero_one_and_two_are_hidden() -> None:
    frame = pd.DataFrame(
        {"gmina": ["a"], "families": [2], "families_min_services": [1], "uncoordinated": [0]}
    )
    shown = suppress_result("gaps_uncoordinated", frame, min_count=3)
    assert shown.iloc[0].tolist() == ["a", "<3", "<3", 0]


def test_rates_resting_on_few_referrals_are_hidden() -> None:
    shown = suppress_result("gaps_referrals", fake_results()["gaps_referrals"], min_count=3)
    second = shown.iloc[1]
    assert [second[c] for c in ("referrals", "answer_rate", "median_days", "p90_days")] == [
        "<3",
        "<3",
        "<3",
        "<3",
    ]
    first = shown.iloc[0]
    assert first["referrals"] == 5 and first["unanswered"] == "<3"
    # 5 × 0.6 answered would give the 2 unanswered away: hidden beside them (secondary)
    assert first["answer_rate"] == SECONDARY and first["median_days"] != SECONDARY


def test_network_measures_are_not_family_counts() -> None:
    # the network result is one wide row (the registry's shape): nothing in it counts families
    frame = fake_results()["network"]
    shown = suppress_result("network", frame, min_count=3)
    assert suppressed_columns("network", frame) == ([], [])
    assert shown.loc[0, "ties"] == 6 and shown.loc[0, "density"] == 0.5


def test_the_input_is_left_unchanged_and_other_results_too() -> None:
    results = fake_results()
    before = results["gaps_co_serving"].copy()
    suppress_result("gaps_co_serving", results["gaps_co_serving"], min_count=3)
    pd.testing.assert_frame_equal(results["gaps_co_serving"], before)
    centrality = results["centrality"]
    assert suppress_result("centrality", centrality, min_count=3) is centrality


def test_threshold_must_be_positive() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        suppress_result("gaps_co_serving", fake_results()["gaps_co_serving"], min_count=0)
    assert is_suppressed("<3") and not is_suppressed("3") and not is_suppressed(2)
