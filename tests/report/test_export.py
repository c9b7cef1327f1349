"""Export for Gephi, GraphML tools and scripts: structure, types and values kept."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest

from kokon_graph import Network
from kokon_graph.export import GEXF_NAMESPACE, export_network, network_for_export

NS = {"g": GEXF_NAMESPACE}


@pytest.fixture(scope="module")
def exported(
    tmp_path_factory: pytest.TempPathFactory,
    valid_network: Network,
    valid_results: dict[str, pd.DataFrame],
) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("export")
    return {
        fmt: export_network(valid_network, out / f"net.{fmt}", format=fmt, results=valid_results)
        for fmt in ("gexf", "graphml", "json")
    }


def test_gexf_1_3_structure_declares_every_attribute_with_its_type(
    exported: dict[str, Path], valid_network: Network
) -> None:
    root = ET.parse(exported["gexf"]).getroot()
    assert root.tag == f"{{{GEXF_NAMESPACE}}}gexf" and root.get("version") == "1.3"
    graph = root.find("g:graph", NS)
    assert graph is not None and graph.get("defaultedgetype") == "directed"
    declared = {
        a.get("id"): (a.get("title"), a.get("type"))
        for a in graph.iterfind("g:attributes/g:attribute", NS)
    }
    types = dict(declared.values())
    assert types["degree"] == "integer"
    assert types["betweenness"] == "double"
    assert types["articulation_point"] == "boolean"
    assert types["sector"] == "string" and types["teryt"] == "string"
    assert types["weight"] == "double" and types["count"] == "integer"
    nodes = graph.findall("g:nodes/g:node", NS)
    assert {n.get("id") for n in nodes} == set(valid_network.institutions.index)
    for node in nodes:
        for value in node.iterfind("g:attvalues/g:attvalue", NS):
            _, kind = declared[value.get("for")]
            text = value.get("value")
            assert text is not None
            if kind == "integer":
                int(text)
            elif kind == "double":
                float(text)
            elif kind == "boolean":
                assert text in ("true", "false")
    edges = graph.findall("g:edges/g:edge", NS)
    assert len(edges) == valid_network.cooperation().number_of_edges()


def test_gexf_reads_back_with_the_measures(
    exported: dict[str, Path], valid_results: dict[str, pd.DataFrame]
) -> None:
    graph = nx.read_gexf(exported["gexf"], version="1.3")
    centrality = valid_results["centrality"].set_index("id")
    holes = valid_results["holes"].set_index("id")
    for node, data in graph.nodes(data=True):
        assert data["degree"] == centrality.loc[node, "degree"]
        assert data["betweenness"] == centrality.loc[node, "betweenness"]
        assert isinstance(data["degree"], int) and isinstance(data["betweenness"], float)
        if pd.notna(holes.loc[node, "constraint"]):
            assert data["constraint"] == holes.loc[node, "constraint"]
        else:
            assert "constraint" not in data


def test_graphml_round_trip_keeps_types_and_values(
    exported: dict[str, Path], valid_network: Network, valid_results: dict[str, pd.DataFrame]
) -> None:
    expected = network_for_export(valid_network, results=valid_results)
    graph = nx.read_graphml(exported["graphml"])
    assert graph.is_directed()
    assert dict(graph.nodes(data=True)) == dict(expected.nodes(data=True))
    assert sorted(graph.edges(data=True)) == sorted(expected.edges(data=True))
    data = graph.nodes["OPS1"]
    assert type(data["degree"]) is int and type(data["pagerank"]) is float
    assert type(data["articulation_point"]) is bool and data["teryt"] == "2815011"


def test_json_declares_types_and_holds_the_same_graph(
    exported: dict[str, Path], valid_network: Network, valid_results: dict[str, pd.DataFrame]
) -> None:
    document = json.loads(exported["json"].read_text(encoding="utf-8"))
    expected = network_for_export(valid_network, results=valid_results)
    assert document["directed"] is True
    nodes = {n.pop("id"): n for n in document["nodes"]}
    assert nodes == dict(expected.nodes(data=True))
    python = {"integer": int, "long": int, "double": float, "boolean": bool, "string": str}
    for data in nodes.values():
        for key, value in data.items():
            assert type(value) is python[document["attributes"]["node"][key]], key
    assert len(document["edges"]) == expected.number_of_edges()


def test_families_are_never_exported(exported: dict[str, Path], valid_network: Network) -> None:
    families = set(valid_network.dataset.families["id"])
    for path in exported.values():
        text = path.read_text(encoding="utf-8")
        assert not any(f in text for f in families)
