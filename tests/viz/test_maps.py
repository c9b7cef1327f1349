"""What a map holds, checked against the data tables and against hand-worked answers for
tests/data/valid (no browser here; see test_browser.py for the page itself)."""

from __future__ import annotations

import html as html_lib
import re
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest

from kokon_graph import Dataset, Network, build_network
from kokon_graph.analysis import centrality, gaps_sector
from kokon_graph.analysis.columns import COLUMNS
from kokon_graph.viz import MAP_KINDS, MapError, build_map
from kokon_graph.viz.maps import check_options
from kokon_graph.viz.style import FEW_COLOUR, GAP_COLOUR, answer_rate_colour
from tests.viz.conftest import HOSTILE, HOSTILE_GROUP, HOSTILE_TERRITORY


def pairs(edges: list[dict], layer: str, *, directed: bool = False) -> set:
    out = set()
    for e in edges:
        if e["layer"] == layer:
            out.add((e["from"], e["to"]) if directed else frozenset((e["from"], e["to"])))
    return out


def test_cooperation_map_draws_every_institution_and_every_tie(
    valid_dataset: Dataset, valid_network: Network
) -> None:
    m = build_map(valid_network)
    assert {n["id"] for n in m.nodes} == set(valid_dataset.institutions["id"])
    coop = valid_dataset.cooperation
    expected = {frozenset(p) for p in zip(coop["source"], coop["target"], strict=True)}
    assert pairs(m.edges, "ties") == expected
    assert len(expected) == 12  # counted by hand in cooperation.csv
    assert all("x" in n and "y" in n for n in m.nodes)


# Worked by hand from services.csv and referrals.csv of tests/data/valid: the institutions
# that served or referred the same family, minus the pairs with a cooperation tie.
CO_SERVING_BY_HAND = {
    frozenset(p)
    for p in [
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
    ]
}
# referrals S3 (no answer), S5 (sent, no answer yet) and S7 (brak odpowiedzi)
UNANSWERED_BY_HAND = {("OPS1", "SAD1"), ("GOPS2", "POZ1"), ("SZK2", "GOPS2")}


def test_gap_overlay_shows_the_hand_worked_gaps(valid_network: Network) -> None:
    m = build_map(valid_network)
    assert pairs(m.edges, "gap_co_serving") == CO_SERVING_BY_HAND
    assert pairs(m.edges, "gap_referrals", directed=True) == UNANSWERED_BY_HAND
    marked = {n["id"] for n in m.nodes if n.get("gap")}
    assert marked == set(gaps_sector(valid_network)["ops_id"]) - {""}
    assert marked == {"OPS1", "GOPS2"}
    for node in m.nodes:
        border = node["color"]["border"]
        assert (border == GAP_COLOUR) == (node["id"] in marked)
    styles = {e["layer"]: (e.get("dashes"), "arrows" in e) for e in m.edges}
    assert styles["gap_co_serving"][0] and not styles["gap_co_serving"][1]
    assert styles["gap_referrals"][0] and styles["gap_referrals"][1]
    assert styles["ties"] == (None, False)
    layers = {layer.id: layer.count for layer in m.layers}
    assert layers == {"ties": 12, "gap_co_serving": 11, "gap_referrals": 3, "gap_sector": 2}


def test_gaps_can_be_left_out(valid_network: Network) -> None:
    m = build_map(valid_network, gaps=False)
    assert [layer.id for layer in m.layers] == ["ties"]
    assert not any(n.get("gap") for n in m.nodes)


def test_precomputed_results_are_used_as_given(valid_network: Network) -> None:
    co = pd.DataFrame({"source": ["PAR2"], "target": ["ROPS28"], "shared_families": [4]})
    sector = pd.DataFrame(
        {"gmina": ["2815022"], "ops_id": ["GOPS2"], "sector": ["police"], "status": ["no_tie"]}
    )
    ref = pd.DataFrame(
        {
            "source": ["PAR2"],
            "target": ["POL2"],
            "referrals": [5],
            "answered": [1],
            "unanswered": [4],
            "answer_rate": [0.2],
        }
    )
    cent = centrality(valid_network).assign(degree=lambda f: (f["id"] == "PAR2") * 10.0)
    m = build_map(
        valid_network,
        centrality=cent,
        gaps_co_serving=co,
        gaps_sector=sector,
        gaps_referrals=ref,
    )
    assert pairs(m.edges, "gap_co_serving") == {frozenset(("PAR2", "ROPS28"))}
    assert pairs(m.edges, "gap_referrals", directed=True) == {("PAR2", "POL2")}
    assert {n["id"] for n in m.nodes if n.get("gap")} == {"GOPS2"}
    sizes = {n["id"]: n["size"] for n in m.nodes}
    assert sizes["PAR2"] == max(sizes.values()) > sizes["OPS1"]


def test_a_result_without_its_columns_is_refused(valid_network: Network) -> None:
    with pytest.raises(MapError, match="shared_families"):
        build_map(valid_network, gaps_co_serving=pd.DataFrame({"source": [], "target": []}))


def test_size_follows_the_chosen_measure(valid_network: Network) -> None:
    table = centrality(valid_network).set_index("id")["betweenness"]
    m = build_map(valid_network, size_by="betweenness")
    sizes = pd.Series({n["id"]: n["size"] for n in m.nodes})
    order = table.sort_values(kind="stable").index
    assert sizes[order].is_monotonic_increasing
    assert sizes[table.idxmax()] == 40 and sizes[table.idxmin()] == 10
    tip = next(n for n in m.nodes if n["id"] == table.idxmax())["tip"]
    assert [COLUMNS["centrality"]["betweenness"].pl, tip[1][5][1]] == tip[1][5]


def test_ego_map_holds_the_steps_around_the_focus(
    valid_dataset: Dataset, valid_network: Network
) -> None:
    coop = valid_dataset.cooperation
    ties = nx.Graph(list(zip(coop["source"], coop["target"], strict=True)))
    one = build_map(valid_network, kind="ego", focus="OPS1")
    # OPS1 and its partners, read off cooperation.csv by hand
    assert {n["id"] for n in one.nodes} == {"OPS1", "SZK1", "PCPR1", "KPP1", "NGO1", "POZ1"}
    two = build_map(valid_network, kind="ego", focus="OPS1", steps=2)
    assert {n["id"] for n in two.nodes} == set(nx.ego_graph(ties, "OPS1", radius=2))
    assert [n["id"] for n in two.nodes if n.get("focus")] == ["OPS1"]
    assert one.focus == "OPS1"
    assert ("Kroki od instytucji", "2") in two.facts


def test_group_map_links_groups_to_member_institutions(
    valid_dataset: Dataset, valid_network: Network
) -> None:
    m = build_map(valid_network, kind="groups")
    kinds = {n["id"]: n["kk"] for n in m.nodes}
    assert {i for i, k in kinds.items() if k == "group"} == set(valid_dataset.groups["id"])
    employer = dict(
        zip(valid_dataset.persons["id"], valid_dataset.persons["institution"], strict=True)
    )
    ms = valid_dataset.memberships
    expected = {(employer.get(m_, m_), g) for g, m_ in zip(ms["group"], ms["member"], strict=True)}
    assert pairs(m.edges, "membership", directed=True) == expected
    assert {i for i, k in kinds.items() if k == "institution"} == {i for i, _ in expected}
    assert not set(valid_dataset.persons["id"]) & set(kinds)
    # it opens showing membership; ties and gap lines are layers to switch on
    assert {layer.id: layer.on for layer in m.layers} == {
        "membership": True,
        "ties": False,
        "gap_co_serving": False,
        "gap_referrals": False,
        "gap_sector": True,
    }
    assert m.visible_counts() == (len(m.nodes), len(expected))


def test_referral_map_weights_arrows_by_count_and_colours_by_answers(
    valid_dataset: Dataset, valid_network: Network
) -> None:
    m = build_map(valid_network, kind="referrals")
    ref = valid_dataset.referrals
    counts = ref.groupby(["source", "target"]).size()
    edges = {(e["from"], e["to"]): e for e in m.edges if e["layer"] == "referrals"}
    assert set(edges) == set(counts.index)
    assert all(edges[p]["n"] == counts[p] for p in edges)
    assert all("arrows" in e for e in edges.values())
    assert m.directed
    assert {layer.id: layer.on for layer in m.layers} == {
        "referrals": True,
        "gap_co_serving": False,
        "gap_sector": True,
    }
    # one referral per pair: below the small-count threshold, so grey and counts hidden
    assert {e["color"] for e in edges.values()} == {FEW_COLOUR}
    tip = dict(edges[("OPS1", "SAD1")]["tip"][1])
    assert tip == {
        "Skierowania": "<3",
        "Z odpowiedzią": "<3",
        "Bez odpowiedzi": "<3",
        "Odsetek odpowiedzi": "<3",
    }
    shown = build_map(valid_network, kind="referrals", min_count=1)
    edges = {(e["from"], e["to"]): e for e in shown.edges if e["layer"] == "referrals"}
    # S3 OPS1 -> SAD1 got no answer, S1 OPS1 -> PUP1 was completed
    assert edges[("OPS1", "SAD1")]["color"] == answer_rate_colour(0.0)
    assert edges[("OPS1", "PUP1")]["color"] == answer_rate_colour(1.0)
    assert dict(edges[("OPS1", "SAD1")]["tip"][1])["Odsetek odpowiedzi"] == "0%"


def test_small_counts_of_families_never_show(valid_network: Network) -> None:
    m = build_map(valid_network)
    # every pair shares one or two families (tests/data/valid): all hidden as "<3"
    shared = {
        dict(e["tip"][1])["Wspólne rodziny bez współpracy"]
        for e in m.edges
        if e["layer"] == "gap_co_serving"
    }
    assert shared == {"<3"}
    assert '"n":' not in m.to_html()  # the exact counts behind widths stay out of the page
    exact = build_map(valid_network, min_count=1)
    shared = [
        dict(e["tip"][1])["Wspólne rodziny bez współpracy"]
        for e in exact.edges
        if e["layer"] == "gap_co_serving"
    ]
    assert shared == ["1"] * 11  # by hand: each of the 11 pairs shares exactly one family
    given = pd.DataFrame(
        {
            "source": ["OPS1", "OPS1", "OPS1"],
            "target": ["PUP1", "SAD1", "NGO1"],
            "shared_families": [1, 2, 9],
        }
    )
    widths = {
        e["to"]: e["width"]
        for e in build_map(valid_network, gaps_co_serving=given).edges
        if e["layer"] == "gap_co_serving"
    }
    assert widths["PUP1"] == widths["SAD1"] < widths["NGO1"]  # 1 and 2 look alike


def test_aggregate_map_has_one_node_per_territory(valid_network: Network) -> None:
    m = build_map(valid_network, kind="aggregate", level="gmina")
    assert {n["id"] for n in m.nodes} == {"t:2815011", "t:2815022", "t:2815", "t:28"}
    ties = {frozenset((e["from"], e["to"])): e["n"] for e in m.edges if e["layer"] == "ties"}
    # by hand: OPS1-PCPR1 and OPS1-KPP1 (Ostróda - powiat), GOPS2-PCPR1, PCPR1-ROPS28
    assert ties == {
        frozenset(("t:2815011", "t:2815")): 2,
        frozenset(("t:2815022", "t:2815")): 1,
        frozenset(("t:2815", "t:28")): 1,
    }
    sizes = {n["id"]: n["size"] for n in m.nodes}
    # 4 institutions each in Ostróda, Dąbrówno and at powiat level, 1 at voivodeship level
    assert sizes["t:2815"] == sizes["t:2815011"] == sizes["t:2815022"] > sizes["t:28"]
    powiat = build_map(valid_network, kind="aggregate")
    assert {n["id"] for n in powiat.nodes} == {"t:2815", "t:28"}
    assert powiat.title == "Współpraca między powiatami"


def test_families_and_persons_never_reach_the_page(
    valid_dataset: Dataset, valid_network: Network
) -> None:
    raw_ids = ["R/1/2020", "R/2/2020", "R/7/2020"]
    for kind in MAP_KINDS:
        m = build_map(
            valid_network,
            kind=kind,
            focus="OPS1" if kind == "ego" else None,
            compare=valid_network if kind == "compare" else None,
        )
        html = m.to_html()
        for family in [*valid_dataset.families["id"], *raw_ids]:
            assert family not in html
        assert {"P1", "P2", "P3"}.isdisjoint(n["id"] for n in m.nodes)
        assert all(n["kk"] in ("institution", "group", "territory") for n in m.nodes)


def test_hostile_names_are_never_markup(hostile_dataset: Dataset) -> None:
    net = build_network(hostile_dataset)
    benign = build_map(build_network(hostile_dataset), title="x").to_html()
    for kind in MAP_KINDS:
        m = build_map(
            net,
            kind=kind,
            focus="NGO1" if kind == "ego" else None,
            compare=net if kind == "compare" else None,
            title="<i>t</i>",
        )
        html = m.to_html()
        for name in [*HOSTILE.values(), HOSTILE_GROUP[1], HOSTILE_TERRITORY[1], "<i>t</i>"]:
            assert name not in html
        assert html.count("<script") == benign.count("<script")
        assert len(re.findall(r"^<script", html, re.M)) == 6
        assert "&lt;i&gt;t&lt;/i&gt;" in html  # the title, escaped in the header
    cooperation = build_map(net).to_html()
    assert "\\u003cscript\\u003ealert(1)\\u003c/script\\u003e" in cooperation


def test_the_page_loads_nothing_from_outside(valid_network: Network) -> None:
    html = build_map(valid_network).to_html()
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", html, re.I)
    assert "<link" not in html.lower()
    assert "@import" not in html
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html)
    assert csp is not None
    assert "default-src 'none'" in html_lib.unescape(csp.group(1))


def test_polish_by_default_english_on_request(valid_network: Network) -> None:
    pl = build_map(valid_network)
    en = build_map(valid_network, lang="en")
    assert pl.title == "Sieć współpracy instytucji" and en.title == "Cooperation network"
    assert pl.legend[0].title == "Kolor: sektor" and en.legend[0].title == "Colour: sector"
    assert "pomoc i integracja społeczna" in {i.label for i in pl.legend[0].items}
    assert "social assistance and integration" in {i.label for i in en.legend[0].items}
    assert pl.facts[0][0] == "Zakres" and en.facts[0][0] == "Scope"
    tip = next(n for n in en.nodes if n["id"] == "OPS1")["tip"]
    assert tip[1][0] == ["Type", "social assistance centre"]
    assert '<html lang="en">' in en.to_html()


def test_header_shows_scope_wave_and_date(valid_dataset: Dataset) -> None:
    net = build_network(valid_dataset, scope="gmina:2815022", wave="after")
    facts = dict(build_map(net).facts)
    assert facts["Zakres"] == "gmina Dąbrówno (2815022)"
    assert facts["Fala badania"] == "after"
    # the newest date in the tables: referral S6 answered 2020-05-15, group PGR1 ends 2021-03-31
    assert facts["Stan danych"] == "2021-03-31"
    assert dict(build_map(net, date="2024-06-30").facts)["Stan danych"] == "2024-06-30"


def test_same_data_same_picture(valid_network: Network) -> None:
    assert build_map(valid_network).to_html() == build_map(valid_network).to_html()
    a = {n["id"]: (n["x"], n["y"]) for n in build_map(valid_network).nodes}
    b = {n["id"]: (n["x"], n["y"]) for n in build_map(valid_network, seed=7).nodes}
    assert a != b


def test_filters_list_what_is_on_the_map(valid_network: Network) -> None:
    m = build_map(valid_network)
    assert [c for c, _ in m.filters["territory"]] == ["2815", "2815011", "2815022"]
    assert dict(m.filters["territory"])["2815022"] == "– Dąbrówno (2815022)"
    assert {c for c, _ in m.filters["sector"]} == {n["sector"] for n in m.nodes}
    assert {c for c, _ in m.filters["type"]} == {n["type"] for n in m.nodes}


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"kind": "map"}, "unknown kind of map 'map'"),
        ({"kind": "ego"}, "an ego map needs the institution at its centre"),
        ({"kind": "aggregate", "size_by": "degree"}, "--size-by does not apply"),
        ({"level": "gmina"}, "level 'gmina' is not understood for a cooperation map"),
        ({"size_by": "sizes"}, "'sizes' is not a column of the centrality results"),
        ({"steps": 0}, "steps must be at least 1"),
    ],
)
def test_options_that_cannot_work_are_refused_early(options: dict, message: str) -> None:
    with pytest.raises(MapError, match=re.escape(message)) as info:
        check_options(**options)
    assert info.value.hint


def test_an_unknown_focus_gets_suggestions(valid_network: Network) -> None:
    with pytest.raises(MapError, match="'OPS' is not in the network") as info:
        build_map(valid_network, kind="ego", focus="OPS")
    assert info.value.hint == "did you mean OPS1, GOPS2, ROPS28?"


def test_a_relation_restricts_ties_and_gaps_alike(
    valid_dataset: Dataset, valid_network: Network
) -> None:
    m = build_map(valid_network, relation="wymiana informacji")
    coop = valid_dataset.cooperation
    info = coop[coop["kind"] == "information"]
    assert pairs(m.edges, "ties") == {
        frozenset(p) for p in zip(info["source"], info["target"], strict=True)
    }
    # GOPS2 and SZK2 share families R/5 and R/7 and act jointly, but exchange no information
    assert pairs(m.edges, "gap_co_serving") == CO_SERVING_BY_HAND | {frozenset(("GOPS2", "SZK2"))}


def _module_imports(module: str) -> set[str]:
    """Modules ``module`` imports when it is loaded (not those under TYPE_CHECKING or
    inside functions)."""
    import ast
    import importlib.util

    spec = importlib.util.find_spec(module)
    assert spec is not None and spec.origin is not None
    tree = ast.parse(Path(spec.origin).read_text(encoding="utf-8"))
    names = set()
    for node in tree.body:  # module level only
        if isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return names


def test_the_page_writer_does_not_import_the_map_builder() -> None:
    """No import circle: _content -> page -> maps -> _content (issue 10)."""
    for module in ("kokon_graph.viz.page", "kokon_graph.viz._content"):
        imported = _module_imports(module)
        assert "kokon_graph.viz.maps" not in imported, module
        assert "kokon_graph.viz._kinds" not in imported, module
    assert "kokon_graph.viz._content" not in _module_imports("kokon_graph.viz.page")


def test_map_kinds_and_gap_layers_come_from_tables() -> None:
    from kokon_graph.analysis.results import GAP_KINDS
    from kokon_graph.viz._kinds import KIND_BUILDERS
    from kokon_graph.viz.maps import GAP_LAYERS, MAP_KINDS

    assert tuple(KIND_BUILDERS) == MAP_KINDS
    assert tuple(k.layer for k in GAP_KINDS.values() if k.on_map) == GAP_LAYERS


def test_an_aggregate_map_keeps_the_gaps_inside_its_territories(valid_network: Network) -> None:
    """tests/data/valid holds one powiat (2815): at powiat level every gap is inside it."""
    m = build_map(valid_network, kind="aggregate", level="powiat")
    layers = {layer.id: layer for layer in m.layers}
    assert layers["gap_co_serving"].count == 0  # no pair of powiats to draw a line between
    assert layers["gap_co_serving"].inside == 1
    assert layers["gap_referrals"].inside == 1
    assert layers["gap_sector"].count == 1  # the powiat holds gminas with a sector gap
    powiat = next(n for n in m.nodes if n["teryt"] == "2815")
    rows = dict(powiat["tip"][1])
    # 11 co-serving pairs (worked by hand above); their families are summed, then shown
    # as a count only from the threshold up
    assert rows["Luki wewnątrz: pary bez współpracy ze wspólnymi rodzinami"] == "11"
    assert any(note.startswith("Mapa zbiorcza: luki są zsumowane") for note in m.notes)
    html = m.to_html()
    assert "oraz luki wewnątrz terytoriów: 1" in html


def test_a_comparison_map_shows_the_ties_kept_gained_and_lost() -> None:
    """Checked against the cooperation table itself: the pairs reported in each wave (a
    row without a wave counts in both), among the institutions of powiat 2815's scope."""
    from kokon_graph import read_dataset
    from kokon_graph.viz import build_compare_map
    from tests.conftest import REPO, TEST_KEY

    data = read_dataset(REPO / "datasets" / "kooperacja-efektywna", pseudonym_key=TEST_KEY)
    m = build_compare_map(data, before="before", after="after", scope="powiat:2815")
    inside = {n["id"] for n in m.nodes}
    coop = data.cooperation

    def pairs(wave: str) -> set[frozenset[str]]:
        rows = coop[(coop["wave"] == wave) | (coop["wave"] == "")]
        return {
            frozenset((s, t))
            for s, t in zip(rows["source"], rows["target"], strict=True)
            if s in inside and t in inside and s != t
        }

    before, after = pairs("before"), pairs("after")
    counts = {layer.id: layer.count for layer in m.layers}
    assert counts["tie_kept"] == len(before & after)
    assert counts["tie_gained"] == len(after - before)
    assert counts["tie_lost"] == len(before - after)
    assert counts["tie_gained"] > 0 and counts["tie_lost"] > 0
    assert m.title == "Zmiany współpracy: before → after"
    gained = {frozenset((e["from"], e["to"])) for e in m.edges if e["layer"] == "tie_gained"}
    assert gained == after - before
    with pytest.raises(MapError, match="wave 'later' is not in the dataset"):
        build_compare_map(data, before="before", after="later")
