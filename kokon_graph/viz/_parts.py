"""What each kind of map is built from and what it builds (private): shared by
:mod:`kokon_graph.viz._kinds` and :mod:`kokon_graph.viz._compare`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from kokon_graph.graph import Network, RelationLike
from kokon_graph.viz._content import Layer, LegendSection
from kokon_graph.viz.layout import Frame

__all__ = ["Inputs", "Parts"]


@dataclass
class Parts:
    nodes: list[dict[str, Any]]
    edges: list[dict[str, Any]]
    layers: list[Layer]
    notes: list[str] = field(default_factory=list)
    directed: bool = False
    size_label: str = ""
    extra_legend: list[LegendSection] = field(default_factory=list)
    frames: list[Frame] = field(default_factory=list)
    #: Key of the map's default title in :data:`kokon_graph.viz.text.TEXT`.
    title_key: str = ""


@dataclass
class Inputs:
    size_by: str
    relation: RelationLike
    gaps: bool
    centrality: pd.DataFrame | None
    co_serving: pd.DataFrame | None
    sector: pd.DataFrame | None
    referrals: pd.DataFrame | None
    seed: int
    focus: str | None = None
    steps: int = 1
    level: str | None = None
    #: The earlier wave's network, for a comparison map.
    before: Network | None = None
