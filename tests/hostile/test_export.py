"""GraphML, GEXF and JSON exports stay well formed whatever the names hold."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest

from kokon_graph import Dataset, build_network, read_dataset
from kokon_graph.export import GEXF_NAMESPACE, export_network
from tests.hostile._files import KEPT, REFUSED, institutions_csv


def _names_back(path: Path, fmt: str) -> dict[str, str]:
    if fmt == "graphml":
        graph = nx.read_graphml(path)
        return {n: d["name"] for n, d in graph.nodes(data=True)}
    if fmt == "gexf":
        root = ET.parse(path).getroot()
        q = f"{{{GEXF_NAMESPACE}}}"
        return {n.get("id", ""): n.get("label", "") for n in root.iter(f"{q}node")}
    document = json.loads(path.read_text(encoding="utf-8"))
    return {n["id"]: n["name"] for n in document["nodes"]}


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "json"])
def test_hostile_names_round_trip_through_every_export(tmp_path: Path, fmt: str) -> None:
    folder = institutions_csv(tmp_path / "d", KEPT)
    dataset = read_dataset(folder)
    path = export_network(build_network(dataset), tmp_path / f"net.{fmt}", format=fmt)  # type: ignore[arg-type]
    expected = dict(zip(dataset.institutions["id"], dataset.institutions["name"], strict=True))
    assert _names_back(path, fmt) == expected  # tabs and line breaks included


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "json"])
def test_control_characters_that_bypass_the_reader_never_break_an_export(
    valid_dataset: Dataset, tmp_path: Path, fmt: str
) -> None:
    """NUL broke GraphML (internal error, truncated file) and GEXF (not well-formed XML)."""
    institutions = valid_dataset.institutions.copy()
    institutions.loc[: len(REFUSED) - 1, "name"] = REFUSED[: len(institutions)]
    institutions.loc[0, "teryt"] = "28\x0015011"
    network = build_network(valid_dataset.with_tables(institutions=institutions))
    path = export_network(network, tmp_path / f"net.{fmt}", format=fmt)  # type: ignore[arg-type]
    if fmt == "json":
        json.loads(path.read_text(encoding="utf-8"))
    else:
        ET.parse(path)  # well formed
    if fmt == "graphml":
        nx.read_graphml(path)
    back = _names_back(path, fmt)
    assert back["ROPS28"] == REFUSED[0].replace("\x00", "\ufffd")
    assert not any("\x00" in name or "\x1b" in name for name in back.values())
