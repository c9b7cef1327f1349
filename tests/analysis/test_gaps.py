"""Coordination gaps, worked by hand on tests/data/valid and on small constructed cases.

tests/data/valid (powiat 2815, gminas 2815011 Ostróda with OPS1 and 2815022 Dąbrówno with
GOPS2) holds seven families:

* R1: OPS1, SZK1, PUP1 (services) and referral OPS1 -> PUP1; coordinator P2;
* R2: OPS1, SZK1, POZ1 and OPS1 -> POZ1;
* R3: OPS1, SZK1, KPP1, SAD1, referrals OPS1 -> SAD1 (1 March) then SZK1 -> OPS1 (5 March);
* R4: OPS1; R5: GOPS2, SZK2, POZ1 and GOPS2 -> POZ1; R6: GOPS2, PUP1 and GOPS2 -> PUP1;
* R7: GOPS2, SZK2, POL2 and SZK2 -> GOPS2.

Cooperation ties (any wave, either direction): OPS1 with SZK1, PCPR1, KPP1, NGO1, POZ1; SZK1-POZ1;
GOPS2 with PCPR1, SZK2, PAR2; PCPR1 with ROPS28, PUP1, SAD1.
"""

from __future__ import annotations

import math

import networkx as nx
import pandas as pd
import pytest

from kokon_graph import Network
from kokon_graph.analysis import (
    gaps_co_serving,
    gaps_group_coverage,
    gaps_referral_targets,
    gaps_referrals,
    gaps_sector,
    gaps_uncoordinated,
    recommendations,
)
from kokon_graph.analysis._demo import network_from_ties
from kokon_graph.analysis.recommend import families_pl

UNTIED_SHARING = {
    frozenset(p)
    for p in (
        ("OPS1", "PUP1"),
        ("SZK1", "PUP1"),
        ("OPS1", "SAD1"),
        ("SZK1", "KPP1"),
        ("SZK1", "SAD1"),
        ("KPP1", "SAD1"),
        ("GOPS2", "POZ1"),
        ("SZK2", "POZ1"),
        ("GOPS2", "PUP1"),
        ("GOPS2", "POL2"),
        ("SZK2", "POL2"),
    )
}


def test_co_serving_hand_worked(valid_network: Network) -> None:
    table = gaps_co_serving(valid_network)
    assert {frozenset(p) for p in zip(table["source"], table["target"], strict=True)} == (
        UNTIED_SHARING
    )
    assert set(table["shared_families"]) == {1}
    first = table.iloc[0]
    assert (first["source"], first["target"]) == ("PUP1", "OPS1")  # institutions-table order
    assert (first["source_sector"], first["target_sector"]) == (
        "labour_market",
        "social_assistance",
    )
    assert gaps_co_serving(valid_network, min_shared=2).empty


def test_co_serving_equals_the_service_graph(valid_network: Network) -> None:
    """Brute force from networkx: institution pairs with a common family neighbour in the
    family × institution graph (services only) and no cooperation tie."""
    services = valid_network.service_graph()
    coop = valid_network.cooperation(directed=False)
    families = [n for n, d in services.nodes(data=True) if d["bipartite"] == 1]
    counts: dict[frozenset, int] = {}
    for family in families:
        insts = sorted(services[family])
        for i, a in enumerate(insts):
            for b in insts[i + 1 :]:
                if not coop.has_edge(a, b):
                    key = frozenset((a, b))
                    counts[key] = counts.get(key, 0) + 1
    table = gaps_co_serving(valid_network, referrals=False)
    got = {
        frozenset((s, t)): k
        for s, t, k in zip(table["source"], table["target"], table["shared_families"], strict=True)
    }
    assert got == counts


def test_co_serving_counts_and_relation_filter() -> None:
    rows = [{"id": f"f{i}", "teryt": "1465011"} for i in range(5)]
    services = [{"family": f"f{i}", "institution": x} for i in range(5) for x in ("a", "b")]
    services += [{"family": "f0", "institution": "c"}]
    net = network_from_ties([("a", "c")], nodes=["b"], families=rows, services=services)
    table = gaps_co_serving(net)
    assert table[["source", "target", "shared_families"]].values.tolist() == [
        ["a", "b", 5],
        ["c", "b", 1],  # institutions in their table order: a, c (tie ends), then b
    ]
    # the a-c tie is an information tie: asking for agreements only, a-c becomes a gap too
    only_agreements = gaps_co_serving(net, relation="agreement")
    assert len(only_agreements) == 3


def test_sector_gaps_hand_worked(valid_network: Network) -> None:
    """Ostróda (OPS1): justice (SAD1) and labour market (PUP1) are available at powiat level
    but not tied to OPS1. Dąbrówno (GOPS2): no health and no NGO institution available (absent);
    police (POL2, KPP1), justice and labour market available but not tied to GOPS2."""
    table = gaps_sector(valid_network)
    got = {
        (g, s): st
        for g, s, st in zip(table["gmina"], table["sector"], table["status"], strict=True)
    }
    assert got == {
        ("2815011", "justice"): "no_tie",
        ("2815011", "labour_market"): "no_tie",
        ("2815022", "health"): "absent",
        ("2815022", "police"): "no_tie",
        ("2815022", "justice"): "no_tie",
        ("2815022", "labour_market"): "no_tie",
        ("2815022", "ngo"): "absent",
    }
    row = table[(table["gmina"] == "2815022") & (table["sector"] == "police")].iloc[0]
    assert (row["gmina_name"], row["ops_id"], row["institutions"]) == ("Dąbrówno", "GOPS2", 2)
    assert list(table["gmina"]) == sorted(table["gmina"])
    custom = gaps_sector(valid_network, required=("church",))
    assert custom[["gmina", "status"]].values.tolist() == [["2815011", "absent"]]
    with pytest.raises(ValueError, match="unknown sectors"):
        gaps_sector(valid_network, required=("astrology",))


def test_sector_gaps_gmina_without_ops_and_relation() -> None:
    net = network_from_ties(
        [("ops", "school")],
        sectors={"ops": "social_assistance", "school": "education", "shop": "other"},
        teryt={"ops": "1465011", "school": "1465011", "shop": "1465022"},
        nodes=["shop"],
    )
    # the demo helper gives every institution the type "other": make "ops" an OPS
    net.dataset.institutions.loc[net.dataset.institutions["id"] == "ops", "type"] = "ops"
    net = Network(net.dataset)
    table = gaps_sector(net, required=("social_assistance", "education"))
    assert table[["gmina", "ops_id", "sector", "status"]].values.tolist() == [
        ["1465022", "", "social_assistance", "absent"],
    ]
    no_info = gaps_sector(net, required=("education",), relation="agreement")
    assert no_info[["gmina", "sector", "status"]].values.tolist() == [
        ["1465011", "education", "no_tie"],
        ["1465022", "social_assistance", "absent"],
    ]


def test_referrals_per_pair_and_target(valid_network: Network) -> None:
    pairs = gaps_referrals(valid_network).set_index(["source", "target"])
    assert pairs.loc[("GOPS2", "PUP1"), ["referrals", "answered", "rejected"]].tolist() == [1, 1, 1]
    assert pairs.loc[("GOPS2", "PUP1"), "median_days"] == 43  # 2 April -> 15 May
    assert pairs.loc[("OPS1", "SAD1"), "unanswered"] == 1
    assert math.isnan(pairs.loc[("OPS1", "SAD1"), "median_days"])
    assert pairs.loc[("SZK1", "OPS1"), "median_days"] == 2
    assert int(pairs["unanswered"].sum()) == 3 and int(pairs["referrals"].sum()) == 7
    targets = gaps_referral_targets(valid_network).set_index("id")
    pup = targets.loc["PUP1"]
    assert pup[["referrals", "answered", "unanswered", "rejected", "dead_ends"]].tolist() == [
        2,
        2,
        0,
        1,
        1,
    ]
    assert pup["median_days"] == pytest.approx(26.5)  # days 10 and 43
    assert pup["p90_days"] == pytest.approx(10 + 0.9 * 33)
    assert pup["answer_rate"] == 1.0
    assert targets["dead_ends"].to_dict() == {
        "POZ1": 1,  # R5's only referral: sent, no answer
        "GOPS2": 1,  # R7: no answer
        "SAD1": 0,  # R3's chain went on: its last referral (to OPS1) was accepted
        "PUP1": 1,  # R6: rejected
        "OPS1": 0,
    }
    assert list(targets.index[:3]) == ["POZ1", "GOPS2", "SAD1"]  # 1 unanswered each


def test_uncoordinated_hand_worked(valid_network: Network) -> None:
    """Served by >= 3 institutions: R1, R2, R3 (Ostróda), R5, R7 (Dąbrówno). R1 has a
    coordinator; R2 and R3 have OPS1 and SZK1 (or more) together in ZI1. R5 (GOPS2, SZK2,
    POZ1) and R7 (GOPS2, SZK2, POL2) have neither."""
    table = gaps_uncoordinated(valid_network)
    assert table.to_dict("records") == [
        {
            "gmina": "2815022",
            "gmina_name": "Dąbrówno",
            "families": 3,
            "families_min_services": 2,
            "uncoordinated": 2,
        },
        {
            "gmina": "2815011",
            "gmina_name": "Ostróda",
            "families": 4,
            "families_min_services": 3,
            "uncoordinated": 0,
        },
    ]
    four = gaps_uncoordinated(valid_network, min_services=4).set_index("gmina")
    assert four.loc["2815011", "families_min_services"] == 1  # R3
    strict = gaps_uncoordinated(valid_network, min_group_members=4).set_index("gmina")
    # ZI1 holds 3 of R3's institutions and 2 of R2's: with 4 required, R2 and R3 are uncoordinated
    assert strict.loc["2815011", "uncoordinated"] == 2


def test_group_coverage_hand_worked(valid_network: Network) -> None:
    """PGR1 (powiat 2815): members PCPR1, OPS1, GOPS2, PUP1; the powiat also holds justice,
    police, education, health, NGO and church institutions. ZI1 (Ostróda): members OPS1, KPP1,
    SZK1, POZ1; Ostróda and its powiat also hold NGO1, PCPR1, PUP1, SAD1."""
    table = gaps_group_coverage(valid_network)
    got = {(g, s) for g, s in zip(table["group_id"], table["sector"], strict=True)}
    assert got == {
        ("PGR1", "justice"),
        ("PGR1", "police"),
        ("PGR1", "education"),
        ("PGR1", "health"),
        ("PGR1", "ngo"),
        ("PGR1", "church"),
        ("ZI1", "ngo"),
        ("ZI1", "family_support"),
        ("ZI1", "labour_market"),
        ("ZI1", "justice"),
    }
    police = table[(table["group_id"] == "PGR1") & (table["sector"] == "police")].iloc[0]
    assert (police["territory"], police["territory_name"], police["institutions"]) == (
        "2815",
        "ostródzki",
        2,
    )


def test_recommendations_hand_worked(valid_network: Network) -> None:
    table = recommendations(valid_network, top=0)
    scores = {
        frozenset((s, t)): (sc, k, g)
        for s, t, sc, k, g in zip(
            table["source"],
            table["target"],
            table["score"],
            table["shared_families"],
            table["sector_gaps_closed"],
            strict=True,
        )
    }
    # OPS1-PUP1: 1 shared family, closes Ostróda's labour-market gap, different sectors
    score, shared, gaps = scores[frozenset(("OPS1", "PUP1"))]
    assert (shared, gaps) == (1, 1)
    row = table[(table["source"] == "PUP1") & (table["target"] == "OPS1")].iloc[0]
    expected = 1 + 3 + 0.5 + (1.0 if row["bridges_communities"] else 0.0)
    assert score == pytest.approx(expected)
    assert "Ostróda" in row["reason_pl"] and "rynek pracy" in row["reason_pl"]
    assert "fewer than 3 families" in row["reason_en"]
    assert set(UNTIED_SHARING) <= set(scores)
    assert list(table["score"]) == sorted(table["score"], reverse=True)
    assert len(recommendations(valid_network, top=3)) == 3


def test_reasons_in_both_languages() -> None:
    rows = [{"id": f"f{i}", "teryt": "1465011"} for i in range(12)]
    services = [{"family": f"f{i}", "institution": x} for i in range(12) for x in ("a", "b")]
    net = network_from_ties(
        [("a", "c")],
        nodes=["b"],
        families=rows,
        services=services,
        sectors={"a": "education", "b": "health"},
    )
    best = recommendations(net).iloc[0]
    assert best["reason_pl"].startswith(
        "Wspólnie obsługują 12 rodzin, ale nie zgłaszają współpracy"
    )
    assert best["reason_en"].startswith(
        "They serve 12 families in common but report no cooperation"
    )
    assert "łączy sektory edukacja i ochrona zdrowia" in best["reason_pl"]
    assert [families_pl(k) for k in (1, 3, 14, 23, 104)] == [
        "1 rodzinę",
        "3 rodziny",
        "14 rodzin",
        "23 rodziny",
        "104 rodziny",
    ]


def test_results_never_hold_family_ids(valid_network: Network) -> None:
    family_ids = set(valid_network.dataset.families["id"])
    for frame in (
        gaps_co_serving(valid_network),
        gaps_referrals(valid_network),
        gaps_referral_targets(valid_network),
        gaps_uncoordinated(valid_network),
        recommendations(valid_network),
    ):
        text = [str(cell) for cell in frame.to_numpy().ravel()]
        assert not set(text) & family_ids
        assert not any(f in cell for cell in text for f in family_ids)


def test_national_scale_shapes_on_a_generated_network() -> None:
    """A scale-free network with 2,000 families: co-serving is the sparse product's answer."""
    graph = nx.barabasi_albert_graph(60, 2, seed=1)
    fams = [{"id": f"f{i}", "teryt": "1465011"} for i in range(2000)]
    services = [
        {"family": f"f{i}", "institution": str((i * k) % 60)} for i in range(2000) for k in (1, 7)
    ]
    net = network_from_ties(
        [(str(u), str(v)) for u, v in graph.edges], directed=False, families=fams, services=services
    )
    table = gaps_co_serving(net)
    pairs = pd.DataFrame(
        {"a": [str(i % 60) for i in range(2000)], "b": [str((i * 7) % 60) for i in range(2000)]}
    )
    pairs = pairs[pairs["a"] != pairs["b"]]
    key = pairs.apply(lambda r: frozenset((r["a"], r["b"])), axis=1)
    expected = {k: n for k, n in key.value_counts().items() if not graph.has_edge(*map(int, k))}
    got = {
        frozenset((s, t)): n
        for s, t, n in zip(table["source"], table["target"], table["shared_families"], strict=True)
    }
    assert got == expected
