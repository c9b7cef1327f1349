"""The convention columns other tools report (UCINET, ORA, igraph) and the edge cases that
are undefined rather than zero. Every expected value is computed by hand in the test."""

from __future__ import annotations

import math
import warnings

import igraph as ig
import networkx as nx
import numpy as np
import pytest

from kokon_graph.analysis import brokerage, centrality, mixing, mixing_groups, network_measures
from kokon_graph.analysis._demo import network_from_ties
from kokon_graph.analysis.brokerage import PartitionWarning
from tests.analysis._graphs import network_of


def col(table, name: str) -> dict[str, float]:
    return dict(zip(table["id"], table[name].astype(float), strict=True))


# ------------------------------------------------------------------ edge cases


def test_normalised_betweenness_of_two_institutions_is_undefined() -> None:
    """n = 2: no pair of *other* institutions, (n-1)(n-2) = 0, so 0/0 is NaN, not 0."""
    table = centrality(network_from_ties([("a", "b")], directed=False))
    assert table["betweenness"].isna().all()
    assert table["betweenness_sym"].isna().all()
    assert table["betweenness_raw"].tolist() == [0.0, 0.0]  # the raw count is a real zero
    three = centrality(network_from_ties([("a", "b"), ("b", "c")], directed=False))
    assert col(three, "betweenness_sym")["b"] == 1.0  # the middle of a path of three


def test_diameter_without_a_connected_pair_is_undefined() -> None:
    row = network_measures(network_from_ties([], nodes=["a", "b", "c"])).iloc[0]
    assert math.isnan(row["diameter"])
    assert math.isnan(row["diameter_sym"])
    assert math.isnan(row["avg_path_length"])
    one_tie = network_measures(network_from_ties([("a", "b")], nodes=["c"])).iloc[0]
    assert one_tie["diameter"] == 1.0


def test_eigenvector_without_ties_is_undefined_in_every_convention() -> None:
    table = centrality(network_from_ties([], nodes=["a", "b", "c", "d"]))
    for name in ("eigenvector", "eigenvector_scaled", "eigenvector_max1"):
        assert table[name].isna().all(), name


def test_empty_partition_value_is_no_group_and_warns() -> None:
    """a-b inside "x", b-c crossing to "y", c-d with d of no value. E-I of the network:
    the edge to d is left out, so (1 - 1) / 2 = 0 (with d as a group "" it would be 1/3)."""
    net = network_from_ties(
        [("a", "b"), ("b", "c"), ("c", "d")],
        directed=False,
        sectors={"a": "x", "b": "x", "c": "y", "d": ""},
    )
    with pytest.warns(PartitionWarning, match="1 of 4 institutions have no value of 'sector'"):
        row = network_measures(net).iloc[0]
    assert row["ei_index"] == 0.0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PartitionWarning)
        table = brokerage(net)
        groups = mixing_groups(net)
        matrix = mixing(net)
    ei = col(table, "ei_index")
    assert ei["c"] == 1.0  # its only grouped partner, b, is outside its group
    assert math.isnan(ei["d"])
    assert "" not in set(groups["group"]) and "" not in set(matrix["source_group"])
    assert int(matrix["ties"].sum()) == 4  # the arcs a<->b and b<->c
    # b brokers a -> b -> c (representative: a, b in x, c in y) and c -> b -> a (gatekeeper);
    # nothing passes through c to d
    roles = table.set_index("id")
    assert roles.loc["c", "total"] == 0
    assert (roles.loc["b", "representative"], roles.loc["b", "gatekeeper"]) == (1, 1)


# ------------------------------------------------------------------ conventions


def test_unscaled_closeness_is_inverse_farness() -> None:
    """Path a-b-c plus an isolate d (n = 4): farness of b = 1 + 1 + 4 (d unreachable, counted
    at distance n) = 6, of a = 1 + 2 + 4 = 7; ORA's unscaled closeness is 1/farness."""
    table = centrality(network_from_ties([("a", "b"), ("b", "c")], directed=False, nodes=["d"]))
    unscaled = col(table, "closeness_unscaled")
    assert unscaled["b"] == pytest.approx(1 / 6)
    assert unscaled["a"] == pytest.approx(1 / 7)
    assert col(table, "closeness_ucinet")["b"] == pytest.approx(3 / 6)


def test_scaled_eigenvector_of_a_star_centre_is_one() -> None:
    """Star with 4 leaves: unit-norm eigenvector 1/sqrt(2) at the centre, 1/(2 sqrt(2)) at
    each leaf (lambda = 2); scaled by sqrt(2): 1 and 1/2. Max-1 scaling gives the same here."""
    table = centrality(network_of(nx.star_graph(4)))
    scaled = col(table, "eigenvector_scaled")
    assert scaled["0"] == pytest.approx(1.0)
    assert scaled["1"] == pytest.approx(0.5)
    assert col(table, "eigenvector_max1")["1"] == pytest.approx(0.5)


def test_max1_eigenvector_equals_igraph_scaled() -> None:
    graph = nx.karate_club_graph()
    table = centrality(network_of(graph))
    g = ig.Graph(n=34, edges=list(graph.edges()))
    expected = g.eigenvector_centrality(scale=True)
    got = col(table, "eigenvector_max1")
    for node in range(34):
        assert got[str(node)] == pytest.approx(expected[node], abs=1e-6)


def test_ucinet_closeness_centralization_by_hand() -> None:
    """Path a-b-c plus isolate d: closeness_ucinet = 3/far with farness a = 7, b = 6, c = 7,
    d = 12 (three unreachable at distance 4). Freeman: Σ(max - c_i) over the star maximum
    (n-1)(n-2)/(2n-3) = 6/5."""
    net = network_from_ties([("a", "b"), ("b", "c")], directed=False, nodes=["d"])
    row = network_measures(net).iloc[0]
    c = np.array([3 / 7, 3 / 6, 3 / 7, 3 / 12])
    expected = float((c.max() - c).sum() / (6 / 5))
    assert row["centralization_closeness_ucinet"] == pytest.approx(expected)
    star = network_measures(network_of(nx.star_graph(4))).iloc[0]
    assert star["centralization_closeness_ucinet"] == pytest.approx(1.0)


def test_ei_index_on_arcs_counts_each_direction() -> None:
    """a -> b, b -> a, b -> c with a, b in x and c in y. Arcs of b: two inside (to and from a),
    one outside: (1 - 2) / 3. Partners of b: one inside, one outside: 0."""
    net = network_from_ties(
        [("a", "b"), ("b", "a"), ("b", "c")], sectors={"a": "x", "b": "x", "c": "y"}
    )
    table = brokerage(net)
    assert col(table, "ei_index_arcs")["b"] == pytest.approx(-1 / 3)
    assert col(table, "ei_index")["b"] == 0.0
    assert col(table, "ei_index_arcs")["c"] == 1.0


def test_cli_prints_the_partition_warning_once(tmp_path) -> None:
    from click.testing import CliRunner

    from kokon_graph.cli import main
    from tests.conftest import REPO

    result = CliRunner().invoke(
        main,
        [
            "analyze",
            str(REPO / "datasets" / "kooperacja-efektywna"),
            "--out",
            str(tmp_path),
            "--partition",
            "project",
            "--quiet",
        ],
    )
    assert result.exit_code == 0, result.output
    lines = [line for line in result.stderr.splitlines() if line.startswith("Warning:")]
    assert lines == [
        "Warning: 52 of 330 institutions have no value of 'project': they belong to no group, "
        "and their ties are left out of the E-I indices, the mixing matrix and the brokerage roles"
    ]
