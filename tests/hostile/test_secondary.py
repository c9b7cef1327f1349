"""Secondary suppression: a hidden count cannot be worked out from the other cells of one
output (issue 16: unanswered = referrals − answered; the recommendation score minus its
other terms gave the hidden shared families; ``info --scope`` printed families=1)."""

from __future__ import annotations

import json

import pandas as pd
from click.testing import CliRunner

from kokon_graph.analysis import run_all
from kokon_graph.cli import main
from kokon_graph.graph import Network
from kokon_graph.report.suppress import (
    SECONDARY,
    suppress_description,
    suppress_for_files,
    suppress_result,
)
from tests.conftest import VALID


def _referrals() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "source": ["A", "B", "C"],
            "target": ["X", "Y", "Z"],
            "referrals": [20, 10, 2],
            "answered": [18, 5, 1],
            "unanswered": [2, 5, 1],
            "rejected": [0, 1, 0],
            "answer_rate": [0.9, 0.5, 0.5],
            "median_days": [3.0, 4.0, 5.0],
            "p90_days": [6.0, 7.0, 8.0],
        }
    )


def test_unanswered_cannot_be_worked_out_from_referrals_and_answered() -> None:
    shown = suppress_result("gaps_referrals", _referrals(), min_count=3)
    row = shown.iloc[0]
    assert (row["referrals"], row["unanswered"]) == (20, "<3")
    # referrals − answered and referrals × answer_rate would give 2: both are hidden
    assert (row["answered"], row["answer_rate"]) == (SECONDARY, SECONDARY)
    assert shown.iloc[1][["referrals", "answered", "unanswered", "answer_rate"]].tolist() == [
        10,
        5,
        5,
        0.5,
    ]
    assert shown.iloc[2]["referrals"] == "<3"  # primary, as before
    files = suppress_for_files({"gaps_referral_targets": _referrals()}, min_count=3)
    assert files["gaps_referral_targets"].iloc[0]["answered"] == SECONDARY


def test_score_does_not_give_hidden_shared_families_away(valid_network: Network) -> None:
    """score = shared + 3·gaps + communities + sectors: with the other terms known, the shown
    score of a row with hidden shared families gives 1 for it, whatever the count."""
    frame = run_all(valid_network)["recommendations"]
    # the test data shares 0 or 1 family per pair: give the rows 2, 1, 5 and 0 shared families
    # and their scores by the documented formula (recommend.py), best first as it orders them
    k = [(2, 1, 5, 0)[i % 4] for i in range(len(frame))]
    frame = frame.assign(
        shared_families=k,
        score=k
        + 3.0 * frame["sector_gaps_closed"]
        + frame["bridges_communities"].astype(int)
        + frame["bridges_sectors"].astype(int),
    )
    frame = frame.sort_values(["score", "shared_families"], ascending=False, kind="stable")
    small = frame["shared_families"].between(1, 2)
    shown = suppress_result("recommendations", frame, min_count=3)
    rest = (
        3 * shown["sector_gaps_closed"]
        + shown["bridges_communities"].astype(int)
        + shown["bridges_sectors"].astype(int)
    )
    hidden = shown["shared_families"] == "<3"
    assert hidden.sum() == small.sum()
    assert ((shown["score"] - rest)[hidden] == 1).all()
    big = shown[~hidden]
    assert (big["score"] - rest[~hidden] == big["shared_families"].astype(float)).all()
    assert list(shown["score"]) == sorted(shown["score"], reverse=True)
    # the order says nothing more: equal shown scores are ordered by institution ids
    for _, same in shown.groupby("score", sort=False):
        keys = list(zip(same["source"], same["target"], strict=True))
        assert keys == sorted(keys)
    assert sorted(zip(shown["source"], shown["target"], strict=True)) == sorted(
        zip(frame["source"], frame["target"], strict=True)
    )


def test_info_hides_small_family_counts_and_their_complements() -> None:
    described = {
        "tables": pd.Series({"institutions": 2, "families": 1, "services": 5, "referrals": 7}),
        "referral_status": pd.Series({"accepted": 5, "no_answer": 2}),
        "wave": pd.Series({("referrals", "a"): 6, ("referrals", "b"): 1, ("cooperation", "a"): 1}),
    }
    shown = suppress_description(described, min_count=3)
    assert shown["tables"].tolist() == [2, "<3", 5, 7]  # institutions are not families
    # 7 referrals − 5 accepted would give the 2 unanswered
    assert shown["referral_status"].tolist() == [SECONDARY, "<3"]
    assert shown["wave"].tolist() == [SECONDARY, "<3", 1]


def test_info_of_a_small_scope_prints_no_small_family_count() -> None:
    result = CliRunner().invoke(
        main, ["info", str(VALID), "--scope", "gmina:2815011", "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    counts = [
        *[payload["tables"][t] for t in ("families", "services", "referrals")],
        *payload["referral_status"].values(),
        *[v for k, v in payload["wave"].items() if k.split("/")[0] in ("services", "referrals")],
    ]
    assert counts and all(isinstance(v, str) or v == 0 or v >= 3 for v in counts), payload
    assert "<3" in payload["referral_status"].values()
