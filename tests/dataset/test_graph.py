"""The property graph, its typed views and scopes, on tests/data/valid (worked by hand)."""

from __future__ import annotations

from collections import Counter, defaultdict

import networkx as nx
import pytest

from kokon_graph import Dataset, Network, Scope, ScopeError, build_network
from kokon_graph.model import ATTR_KIND, ATTR_TYPE, EdgeKind, NodeKind


def _projected_cooperation(net: Network) -> nx.DiGraph:
    """The cooperation view derived from the property graph, the slow obvious way."""
    g = net.graph
    per_wave: dict[tuple[str, str], dict[str, float]] = defaultdict(lambda: defaultdict(float))
    reported: set[tuple[str, str, str, str]] = set()
    rows = [(u, v, d) for u, v, d in g.edges(data=True) if d[ATTR_TYPE] == EdgeKind.COOPERATION]
    for u, v, d in rows:
        reported.add((u, v, d["kind"], d.get("wave", "")))
    kinds: dict[tuple[str, str], set[str]] = defaultdict(set)
    counts: Counter[tuple[str, str]] = Counter()
    for u, v, d in rows:
        wave = d.get("wave", "")
        arcs = [(u, v)]
        if d["mutual"] and (v, u, d["kind"], wave) not in reported:
            arcs.append((v, u))
        for a in arcs:
            per_wave[a][wave] += d["weight"]
            kinds[a].add(d["kind"])
            counts[a] += 1
    out = nx.DiGraph()
    out.add_nodes_from(n for n, d in g.nodes(data=True) if d[ATTR_KIND] == NodeKind.INSTITUTION)
    for (a, b), waves in per_wave.items():
        out.add_edge(
            a,
            b,
            weight=max(waves.values()),
            count=counts[(a, b)],
            kinds="|".join(sorted(kinds[(a, b)])),
        )
    return out


def test_property_graph_holds_every_row(valid_dataset: Dataset, valid_network: Network) -> None:
    g = valid_network.graph
    kinds = Counter(d[ATTR_KIND] for _, d in g.nodes(data=True))
    assert kinds == {
        NodeKind.INSTITUTION: 13,
        NodeKind.GROUP: 3,
        NodeKind.PERSON: 3,
        NodeKind.FAMILY: 7,
        NodeKind.TERRITORY: 4,
    }
    types = Counter(d[ATTR_TYPE] for *_, d in g.edges(data=True))
    assert types[EdgeKind.COOPERATION] == len(valid_dataset.cooperation) == 18
    assert types[EdgeKind.MEMBERSHIP] == 11
    assert types[EdgeKind.SERVICE] == 19
    assert types[EdgeKind.REFERRAL] == 7
    assert types[EdgeKind.EMPLOYMENT] == 3
    assert types[EdgeKind.COORDINATION] == 1
    # 13 institutions + 3 groups + 7 families + 3 territories below the voivodeship
    assert types[EdgeKind.LOCATED_IN] == 13 + 3 + 7 + 3
    assert g.nodes["OPS1"]["gmina"] == "2815011"
    assert g.nodes["teryt:2815022"]["name"] == "Dąbrówno"
    assert "teryt:2815" in g["teryt:2815011"]


def test_cooperation_view_equals_projection_of_property_graph(valid_network: Network) -> None:
    view = valid_network.cooperation()
    projected = _projected_cooperation(valid_network)
    assert set(view.nodes) == set(projected.nodes)
    assert {(u, v): d for u, v, d in view.edges(data=True)} == {
        (u, v): d for u, v, d in projected.edges(data=True)
    }


def test_cooperation_view_by_hand(valid_network: Network) -> None:
    g = valid_network.cooperation()
    assert g.number_of_nodes() == 13  # isolates included
    # OPS1 -> SZK1 reported in both waves with weight 2 and mutual: reverse arc added
    assert g["OPS1"]["SZK1"] == {"weight": 2.0, "count": 2, "kinds": "information"}
    assert g["SZK1"]["OPS1"] == {"weight": 2.0, "count": 2, "kinds": "information"}
    # OPS1 -> KPP1: information 1 (before), joint action 2 (after, mutual): max over waves
    assert g["OPS1"]["KPP1"] == {"weight": 2.0, "count": 2, "kinds": "information|joint_action"}
    assert g["KPP1"]["OPS1"] == {"weight": 2.0, "count": 1, "kinds": "joint_action"}
    assert not g.has_edge("ROPS28", "PCPR1")  # not mutual
    assert g.number_of_edges() == 18
    info = valid_network.cooperation(relation="informacja")
    assert {d["kinds"] for *_, d in info.edges(data=True)} == {"information"}
    undirected = valid_network.cooperation(directed=False)
    assert undirected.number_of_edges() == 12
    assert undirected["PCPR1"]["PUP1"]["weight"] == 1.5


def test_unknown_relation_is_an_error(valid_network: Network) -> None:
    with pytest.raises(ScopeError, match="'friendship' is not a cooperation kind"):
        valid_network.cooperation(relation="friendship")


def test_referral_view(valid_network: Network) -> None:
    g = valid_network.referral_graph()
    assert g.number_of_edges() == 7
    assert g["OPS1"]["SAD1"]["n_no_answer"] == 1
    assert g["OPS1"]["SAD1"]["answered"] == 0
    assert g["GOPS2"]["PUP1"]["n_rejected"] == 1
    assert sum(d["count"] for *_, d in g.edges(data=True)) == 7


def test_affiliation_view(valid_network: Network) -> None:
    g = valid_network.affiliation()
    groups = {n for n, d in g.nodes(data=True) if d["bipartite"] == 1}
    assert groups == {"PGR1", "ZI1", "ZZK1"}
    assert set(g["ZZK1"]) == {"OPS1", "SZK1", "NGO1"}  # P1 sits in ZZK1 for OPS1
    assert g["OPS1"]["ZZK1"] == {"role": "coordinator", "via": "person"}
    assert g["OPS1"]["ZI1"]["role"] == "chair"
    assert g.number_of_edges() == 11


def test_service_view(valid_network: Network) -> None:
    g = valid_network.service_graph()
    families = [n for n, d in g.nodes(data=True) if d.get(ATTR_KIND) == NodeKind.FAMILY]
    assert len(families) == 7
    assert g.number_of_edges() == 19
    for f in families:
        assert set(g.nodes[f]) == {ATTR_KIND, "teryt", "bipartite"}


def test_gmina_scope_keeps_the_powiat_and_voivodeship_institutions(
    valid_dataset: Dataset,
) -> None:
    net = build_network(valid_dataset, scope="gmina:2815011")
    assert set(net.institutions.index) == {
        "OPS1",
        "SZK1",
        "POZ1",
        "NGO1",  # in the gmina
        "PCPR1",
        "PUP1",
        "SAD1",
        "KPP1",  # in its powiat
        "ROPS28",  # in its voivodeship
    }
    assert len(net.dataset.families) == 4
    assert set(net.dataset.services["institution"]) <= set(net.institutions.index)
    assert set(net.dataset.groups["id"]) == {"PGR1", "ZI1", "ZZK1"}
    # GOPS2's membership in PGR1 is out of scope
    assert "GOPS2" not in set(net.dataset.memberships["member"])


def test_wave_scope(valid_dataset: Dataset) -> None:
    before = build_network(valid_dataset, wave="before")
    after = build_network(valid_dataset, wave="after")
    assert len(before.dataset.cooperation) == 7
    assert len(after.dataset.cooperation) == 11
    assert len(before.dataset.services) == 19  # services without a wave count in every wave
    assert before.cooperation().number_of_edges() < after.cooperation().number_of_edges()
    with pytest.raises(ScopeError, match="wave '2030' is not in the data"):
        build_network(valid_dataset, wave="2030")


def test_project_scope(valid_dataset: Dataset) -> None:
    net = build_network(valid_dataset, scope="project:kooperacja")
    # named by the project column, or members of the project's groups (PGR1, ZZK1)
    assert set(net.institutions.index) == {
        "ROPS28",
        "PCPR1",
        "OPS1",
        "GOPS2",
        "PUP1",
        "SZK1",
        "NGO1",
    }
    assert set(net.dataset.groups["id"]) == {"PGR1", "ZZK1"}


def test_scope_parsing() -> None:
    assert Scope.parse("wojewodztwo:28") == Scope("voivodeship", "28")
    assert Scope.parse("Powiat:2815") == Scope("powiat", "2815")
    assert Scope.parse(None) == Scope()
    assert Scope.parse("all").is_all
    with pytest.raises(ScopeError, match="needs a 4-digit TERYT code"):
        Scope.parse("powiat:28")
    with pytest.raises(ScopeError, match="not one of"):
        Scope.parse("parish:12")
    with pytest.raises(ScopeError, match="holds no institution"):
        build_network(Dataset(), scope="gmina:0201011")


def test_scope_label(valid_dataset: Dataset) -> None:
    scope = Scope.parse("powiat:2815")
    assert scope.label("pl", valid_dataset.territories) == "powiat ostródzki (2815)"
    assert scope.label("en", valid_dataset.territories) == "county ostródzki (2815)"
    assert Scope().label("en") == "whole dataset"
    named = valid_dataset.territories.assign(
        name=valid_dataset.territories["name"].replace("ostródzki", "Powiat Ostródzki")
    )
    assert scope.label("en", named) == "Powiat Ostródzki (2815)"
    assert Scope.parse("gmina:2815011").label("pl", None) == "gmina (2815011)"
