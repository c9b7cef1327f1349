"""Weighted paths (Opsahl, Agneessens & Skvoretz 2010): α = 0 gives the unweighted columns,
any α equals networkx's weighted closeness and betweenness with lengths 1 / w^α."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd
import pytest

from kokon_graph.analysis import centrality
from kokon_graph.analysis.weighted import weighted_paths
from kokon_graph.errors import OptionError
from kokon_graph.graph import Network
from tests.analysis._graphs import network_of, random_digraph


def test_alpha_zero_is_the_unweighted_measure() -> None:
    net = network_of(random_digraph(50, 0.07, 8, weighted=True), weight="weight")
    plain = centrality(net).set_index("id")
    weighted = weighted_paths(net, alpha=0.0).set_index("id")
    assert weighted["closeness_weighted"].to_numpy() == pytest.approx(plain["closeness"].to_numpy())
    assert weighted["betweenness_weighted"].to_numpy() == pytest.approx(
        plain["betweenness_sym"].to_numpy()
    )


@pytest.mark.parametrize("alpha", [0.5, 1.0, 1.5])
def test_equals_networkx_with_opsahl_lengths(alpha: float) -> None:
    """Continuous weights (no two paths of exactly equal length: networkx compares path
    lengths exactly, igraph within a rounding tolerance, so only exact ties could differ)."""
    graph = random_digraph(45, 0.08, 9)
    rng = np.random.default_rng(9)
    for _, _, d in graph.edges(data=True):
        d["weight"] = float(rng.uniform(1.0, 4.0))
    und = nx.Graph()
    und.add_nodes_from(graph)
    for u, v, d in graph.edges(data=True):  # the symmetrised graph keeps the larger weight
        w = max(d["weight"], und[u][v]["weight"]) if und.has_edge(u, v) else d["weight"]
        und.add_edge(u, v, weight=w)
    for _, _, d in und.edges(data=True):
        d["length"] = 1.0 / d["weight"] ** alpha
    table = weighted_paths(network_of(graph, weight="weight"), alpha=alpha).set_index("id")
    close = nx.closeness_centrality(und, distance="length")
    between = nx.betweenness_centrality(und, weight="length", normalized=True)
    for v in und:
        assert table.loc[str(v), "closeness_weighted"] == pytest.approx(close[v]), v
        assert table.loc[str(v), "betweenness_weighted"] == pytest.approx(between[v]), v


def test_negative_alpha_is_refused() -> None:
    net = network_of(nx.path_graph(3))
    with pytest.raises(OptionError, match="alpha must be a number 0 or more"):
        weighted_paths(net, alpha=-1.0)


def test_equal_paths_share_the_betweenness() -> None:
    """Square a-b-c-d-a, every weight 2: a and c are joined by two shortest paths of equal
    length, so b and d get half of the pair each (and of the pair b, d: a and c)."""
    net = network_of(nx.cycle_graph(["a", "b", "c", "d"]))
    table = weighted_paths(net, alpha=1.0).set_index("id")
    assert table["betweenness_weighted_raw"].tolist() == [0.5, 0.5, 0.5, 0.5]


# ------------------------------------------------------------------ Opsahl's sample network

#: The sample network of Opsahl, Agneessens & Skvoretz (2010), used throughout tnet's
#: documentation (the edge list of ``closeness_w``'s example, nodes 1–6 = A–F) and Opsahl's
#: page "Shortest paths in weighted networks" (toreopsahl.com/tnet/weighted-networks/
#: shortest-paths/): A–B 4, A–C 2, B–C 4, B–D 1, B–E 2, E–F 1, undirected.
OPSAHL_TIES = [("A", "B", 4), ("A", "C", 2), ("B", "C", 4), ("B", "D", 1), ("B", "E", 2)]
OPSAHL_TIES += [("E", "F", 1)]
#: Unweighted distances to the other five, as published on that page (its matrix, whose
#: mean is the "average shortest distance ... 1.8" it states).
OPSAHL_BINARY_FARNESS = {"A": 9, "B": 6, "C": 9, "D": 10, "E": 8, "F": 12}
R = 2**-0.5  # length of a tie of weight 2 at α = 0.5
S = 2**-1.5  # ... at α = 1.5


def _opsahl() -> Network:
    graph = nx.Graph()
    graph.add_weighted_edges_from(OPSAHL_TIES)
    return network_of(graph, weight="weight")


@pytest.mark.parametrize(
    ("alpha", "farness", "raw_b"),
    [
        # α = 0: the published unweighted distances; B lies on the 8 pairs between
        # {A, C} and {D, E, F} and between D and {E, F}; E on the 4 pairs with F
        (0.0, OPSAHL_BINARY_FARNESS, 8.0),
        # α = 0.5 (lengths 1/√w, r = 1/√2): A–C direct (r) beats A–B–C (½ + ½): as α = 0
        (
            0.5,
            {
                "A": 4 + 3 * R,  # B ½, C r, D 3/2, E ½ + r, F 3/2 + r
                "B": 3 + 2 * R,  # A ½, C ½, D 1, E r, F 1 + r
                "C": 4 + 3 * R,
                "D": 7 + 2 * R,  # A 3/2, B 1, C 3/2, E 1 + r, F 2 + r
                "E": 3 + 4 * R,  # A ½ + r, B r, C ½ + r, D 1 + r, F 1
                "F": 7 + 4 * R,  # A 3/2 + r, B 1 + r, C 3/2 + r, D 2 + r, E 1
            },
            8.0,
        ),
        # α = 1 (Dijkstra on 1/w): A–C direct (½) ties with A–B–C (¼ + ¼): B gets half of A–C
        (1.0, {"A": 4.5, "B": 3.5, "C": 4.5, "D": 7.5, "E": 4.5, "F": 8.5}, 8.5),
        # α = 1.5 (s = 2^-1.5 for weight 2, ⅛ for weight 4): A–B–C (¼) beats A–C (s): B gets
        # all of A–C
        (
            1.5,
            {
                "A": 2.75 + 2 * S,  # B ⅛, C ¼, D 9/8, E ⅛ + s, F 9/8 + s
                "B": 2.25 + 2 * S,  # A ⅛, C ⅛, D 1, E s, F 1 + s
                "C": 2.75 + 2 * S,
                "D": 6.25 + 2 * S,  # A 9/8, B 1, C 9/8, E 1 + s, F 2 + s
                "E": 2.25 + 4 * S,  # A ⅛ + s, B s, C ⅛ + s, D 1 + s, F 1
                "F": 6.25 + 4 * S,  # A 9/8 + s, B 1 + s, C 9/8 + s, D 2 + s, E 1
            },
            9.0,
        ),
    ],
)
def test_opsahl_sample_network_by_hand(alpha: float, farness: dict, raw_b: float) -> None:
    """Opsahl et al.'s (2010) point on their sample network: as α grows, the strong detour
    A–B–C overtakes the weak direct tie A–C, and B's betweenness rises from 8 to 9 pairs;
    E (the only way to F) keeps 4 whatever α. Distances worked by hand from the lengths
    1/w^α; closeness = 5 / farness (everyone reaches the other five)."""
    table = weighted_paths(_opsahl(), alpha=alpha).set_index("id")
    for node, far in farness.items():
        assert table.loc[node, "closeness_weighted"] == pytest.approx(5 / far), node
    raw = table["betweenness_weighted_raw"].to_dict()
    assert raw == pytest.approx({"A": 0, "B": raw_b, "C": 0, "D": 0, "E": 4, "F": 0})
    # normalised by the (6 − 1)(6 − 2)/2 = 10 pairs not involving the node
    assert table.loc["B", "betweenness_weighted"] == pytest.approx(raw_b / 10)
    assert set(table["alpha"]) == {alpha}
    assert set(table["betweenness_method"]) == {"exact"}


def test_opsahl_alpha_zero_is_the_published_unweighted_matrix() -> None:
    """At α = 0 the columns equal the unweighted closeness and symmetrised betweenness of
    ``centrality`` on the same network (the "extra columns, not a replacement" promise)."""
    net = _opsahl()
    plain = centrality(net).set_index("id")
    table = weighted_paths(net, alpha=0.0).set_index("id")
    assert table["closeness_weighted"].to_dict() == pytest.approx(plain["closeness"].to_dict())
    assert table["betweenness_weighted"].to_dict() == pytest.approx(
        plain["betweenness_sym"].to_dict()
    )


# ------------------------------------------------------------------ the optional result


def test_analyze_writes_weighted_paths_only_when_asked(tmp_path: Path) -> None:
    """``--weighted-paths 0`` adds weighted_paths.csv (27 files, not 26), whose columns equal
    the unweighted closeness and betweenness_sym written in centrality.csv; without the
    option the file is not written."""
    from click.testing import CliRunner

    from kokon_graph.analysis import COLUMNS, RESULT_NAMES
    from kokon_graph.cli import main
    from tests.conftest import VALID

    runner = CliRunner()
    plain, asked = tmp_path / "plain", tmp_path / "asked"
    result = runner.invoke(main, ["analyze", str(VALID), "--out", str(plain)])
    assert result.exit_code == 0 and not (plain / "weighted_paths.csv").exists()
    result = runner.invoke(main, ["analyze", str(VALID), "-o", str(asked), "--weighted-paths", "0"])
    assert result.exit_code == 0, result.output
    assert f"Wrote {len(RESULT_NAMES) + 1} CSV files" in result.stdout
    assert {p.name for p in asked.iterdir()} == {p.name for p in plain.iterdir()} | {
        "weighted_paths.csv"
    }
    weighted = pd.read_csv(asked / "weighted_paths.csv", dtype={"teryt": str})
    assert list(weighted.columns) == list(COLUMNS["weighted_paths"])
    plain_cen = pd.read_csv(plain / "centrality.csv", dtype={"teryt": str})
    assert weighted["id"].tolist() == plain_cen["id"].tolist()
    assert weighted["closeness_weighted"].tolist() == pytest.approx(plain_cen["closeness"].tolist())
    assert weighted["betweenness_weighted"].tolist() == pytest.approx(
        plain_cen["betweenness_sym"].tolist(), nan_ok=True
    )
    assert set(weighted["alpha"]) == {0.0}
    # every file the plain run wrote is written the same with the option
    for name in RESULT_NAMES:
        assert (asked / f"{name}.csv").read_bytes() == (plain / f"{name}.csv").read_bytes(), name


@pytest.mark.parametrize("value", ["-0.5", "abc"])
def test_a_bad_alpha_is_refused_naming_the_option(tmp_path: Path, value: str) -> None:
    from click.testing import CliRunner

    from kokon_graph.cli import main
    from tests.conftest import VALID

    out = tmp_path / "out"
    result = CliRunner().invoke(
        main, ["analyze", str(VALID), "-o", str(out), f"--weighted-paths={value}"]
    )
    assert result.exit_code == 2
    assert "--weighted-paths" in result.stderr
    assert not out.exists()


@pytest.mark.parametrize(
    ("lang", "title", "header"),
    [("pl", "Ścieżki ważone", "bliskość ważona"), ("en", "Weighted paths", "weighted closeness")],
)
def test_the_report_shows_weighted_paths_only_when_computed(
    tmp_path: Path, lang: str, title: str, header: str
) -> None:
    """The HTML page and the workbook get the weighted-paths table (titled, with its column
    headers and descriptions on the key sheet) only when the option was given."""
    from openpyxl import load_workbook

    from kokon_graph import build_network, read_dataset
    from kokon_graph.report import build_report
    from tests.conftest import VALID

    net = build_network(read_dataset(VALID))
    for asked in (False, True):
        out = tmp_path / f"{lang}-{asked}"
        extra = {"weighted_alpha": 0.5} if asked else {}
        build_report(net, out, formats=("html", "xlsx"), lang=lang, **extra)
        page = (out / "report.html").read_text(encoding="utf-8")
        assert ('id="table-weighted_paths"' in page) is asked
        assert (title in page and header in page) is asked
        book = load_workbook(out / "report.xlsx", read_only=True)
        assert (title in book.sheetnames) is asked
        cells = {
            str(c) for ws in book.worksheets for row in ws.iter_rows(values_only=True) for c in row
        }
        assert any("1/w^α" in c for c in cells) is asked  # the column descriptions
        book.close()


def test_report_command_takes_the_option(tmp_path: Path) -> None:
    """``kokon-graph report --weighted-paths 1`` writes the weighted table (csv/) with the
    α asked for; without it the table is not there."""
    from click.testing import CliRunner

    from kokon_graph.cli import main
    from tests.conftest import VALID

    runner = CliRunner()
    for asked in (False, True):
        out = tmp_path / str(asked)
        args = ["report", str(VALID), "-o", str(out), "--format", "csv", "--no-map", "-q"]
        result = runner.invoke(main, args + (["--weighted-paths", "1"] if asked else []))
        assert result.exit_code == 0, result.output
        path = out / "csv" / "weighted_paths.csv"
        assert path.exists() is asked
        if asked:
            frame = pd.read_csv(path, encoding="utf-8-sig")
            assert set(frame.iloc[:, 5]) == {1.0}  # the α column, under its Polish header
