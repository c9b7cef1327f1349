"""Small hand-made results in the real shapes, for testing the writers on their own.

Only for the writers' unit tests: every test of the numbers a report shows
uses :func:`kokon_graph.analysis.run_all` on real data. Each frame is given a
few columns by hand and completed to its documented shape (every column of the
result registry, in order, with its dtype) by :func:`shaped`.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from kokon_graph.analysis.results import REGISTRY

_BLANK = {"str": "", "int64": 0, "float64": 0.0, "bool": False}


def shaped(name: str, given: dict[str, Any] | pd.DataFrame) -> pd.DataFrame:
    """``given`` completed to the registry's shape of result ``name``.

    Raises if ``given`` holds a column the result does not have.
    """
    frame = pd.DataFrame(given)
    result = REGISTRY[name]
    unknown = set(frame.columns) - set(result.columns)
    if unknown:
        raise AssertionError(f"{name} has no columns {sorted(unknown)}")
    for column, dtype in result.dtypes.items():
        if column not in frame.columns:
            frame[column] = _BLANK[dtype]
    return frame[list(result.columns)].astype(dict(result.dtypes))


def fake_results() -> dict[str, pd.DataFrame]:
    ident = {
        "id": ["OPS1", "SZK1", "KPP1", "NGO=1"],
        "name": [
            "OPS w Ostródzie",
            "Szkoła Podstawowa nr 1",
            "Komenda Powiatowa Policji",
            '=HYPERLINK("x") <script>alert(1)</script>',
        ],
        "type": ["ops", "school", "police_powiat", "ngo"],
        "sector": ["social_assistance", "education", "police", "ngo"],
        "teryt": ["2815011", "2815011", "2815", "2815022"],
    }
    centrality = pd.DataFrame(
        {
            **ident,
            "degree": [3, 2, 1, 0],
            "betweenness": [0.5, 0.1666666666666667, 0.0, 0.0],
            "pagerank": [0.4, 0.3, 0.2, 0.1],
        }
    )
    brokerage = pd.DataFrame(
        {
            **ident,
            "coordinator": [1, 0, 0, 0],
            "itinerant": [0, 2, 0, 0],
            "gatekeeper": [3, 0, 1, 0],
            "representative": [2, 1, 0, 0],
            "liaison": [4, 0, 0, 0],
        }
    )
    network = pd.DataFrame(
        {"institutions": [4], "ties": [6], "density": [0.5], "reciprocity_arc": [1 / 3]}
    )
    co_serving = pd.DataFrame(
        {
            "source": ["OPS1", "SZK1", "OPS1"],
            "target": ["KPP1", "KPP1", "NGO=1"],
            "source_name": ["OPS w Ostródzie", "Szkoła Podstawowa nr 1", "OPS w Ostródzie"],
            "target_name": ["Komenda Powiatowa Policji"] * 2 + ["Fundacja „Korale”"],
            "source_sector": ["social_assistance", "education", "social_assistance"],
            "target_sector": ["police", "police", "ngo"],
            "shared_families": [14, 2, 0],
        }
    )
    uncoordinated = pd.DataFrame(
        {
            "gmina": ["2815011", "2815022"],
            "gmina_name": ["Ostróda", "Dąbrówno"],
            "families": [25, 2],
            "families_min_services": [5, 1],
            "uncoordinated": [3, 1],
        }
    )
    referrals = pd.DataFrame(
        {
            "source": ["OPS1", "SZK1"],
            "target": ["KPP1", "OPS1"],
            "referrals": [5, 2],
            "answered": [3, 2],
            "unanswered": [2, 0],
            "rejected": [0, 0],
            "answer_rate": [0.6, 1.0],
            "median_days": [4.0, 2.0],
            "p90_days": [9.5, 2.0],
        }
    )
    sector = pd.DataFrame(
        {
            "gmina": ["2815011"],
            "gmina_name": ["Ostróda"],
            "ops_id": ["OPS1"],
            "ops_name": ["OPS w Ostródzie"],
            "sector": ["health"],
            "status": ["no_tie"],
        }
    )
    mixing = pd.DataFrame(
        {
            "partition": ["sector"] * 3,
            "source_group": ["social_assistance", "education", "police"],
            "target_group": ["education", "police", "social_assistance"],
            "ties": [3, 1, 2],
        }
    )
    recommendations = pd.DataFrame(
        {
            "source": ["OPS1"],
            "target": ["KPP1"],
            "source_name": ["OPS w Ostródzie"],
            "target_name": ["Komenda Powiatowa Policji"],
            "score": [14.0],
            "reason_pl": ["Wspólnie obsługują wiele rodzin."],
            "reason_en": ["They serve many families together."],
        }
    )
    given = {
        "network": network,
        "centrality": centrality,
        "brokerage": brokerage,
        "mixing": mixing,
        "gaps_co_serving": co_serving,
        "gaps_sector": sector,
        "gaps_referrals": referrals,
        "gaps_uncoordinated": uncoordinated,
        "recommendations": recommendations,
    }
    return {name: shaped(name, frame) for name, frame in given.items()}
