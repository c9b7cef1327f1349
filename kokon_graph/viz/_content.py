"""What a map holds: its items, layers, legend, filters and header (built by
:func:`kokon_graph.viz.build_map`, written by :mod:`kokon_graph.viz.page`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final, Literal

from kokon_graph.model import Lang

__all__ = ["GAP_LINES", "Layer", "LegendItem", "LegendSection", "Map"]

#: Layers of gap lines: drawn only from the map's gap threshold up.
GAP_LINES: Final = ("gap_co_serving", "gap_referrals")


@dataclass
class Layer:
    """A toggle in the page: a set of edges (``target="edges"``) or node outlines."""

    id: str
    label: str
    count: int
    on: bool = True
    target: Literal["edges", "nodes"] = "edges"
    #: Aggregate maps: territories with gaps of this kind inside them (no line to draw).
    inside: int = 0


@dataclass
class LegendItem:
    """One line of the legend: a swatch and what it means."""

    label: str
    swatch: Literal["shape", "line", "gradient", "outline"]
    colour: str = "#888888"
    shape: str = "dot"
    dashes: bool | list[int] = False
    arrow: bool = False
    stops: tuple[str, ...] = ()


@dataclass
class LegendSection:
    """A titled block of the legend."""

    title: str
    items: list[LegendItem] = field(default_factory=list)


@dataclass
class Map:
    """Everything one map page shows; :meth:`to_html` writes it.

    ``nodes`` and ``edges`` are vis-network items with extra fields the page
    reads (``tip``: tooltip heading and rows, ``layer``, ``sector``, ``type``,
    ``teryt``, ``fold``: the name folded for search).
    """

    kind: str
    lang: Lang
    title: str
    facts: list[tuple[str, str]]
    nodes: list[dict[str, Any]]
    edges: list[dict[str, Any]]
    layers: list[Layer]
    legend: list[LegendSection]
    filters: dict[str, list[tuple[str, str]]]
    notes: list[str] = field(default_factory=list)
    focus: str | None = None
    directed: bool = False
    #: Gap lines resting on fewer families (or unanswered referrals) start hidden.
    gap_threshold: int = 1
    #: Counts below this show as "<n" (the small-count threshold).
    min_count: int = 1
    #: The page opens on one node per territory (big maps, see ``viz/_overview.py``).
    overview: bool = False
    #: The overview's frames (one per powiat), drawn while it is shown.
    overview_frames: list[tuple[str, float, float, float, float, str]] = field(default_factory=list)
    #: Territory frames drawn behind the nodes: ``(title, x, y, width, height, code)``.
    frames: list[tuple[str, float, float, float, float, str]] = field(default_factory=list)
    #: Where a shared copy of vis-network lies, relative to the page (an atlas folder's
    #: ``../../_lib``, see :func:`~kokon_graph.viz.page.write_shared_assets`); ``None``
    #: inlines it.
    assets_href: str | None = None

    def visible_counts(self) -> tuple[int, int]:
        """Nodes and edges shown when the page opens (every layer as initially toggled)."""
        if self.overview:
            return (
                sum(1 for n in self.nodes if n.get("kk") == "overview"),
                sum(1 for e in self.edges if e["layer"] == "overview"),
            )
        on = {layer.id for layer in self.layers if layer.on}
        shown = [n for n in self.nodes if n.get("kk") != "overview"]
        return len(shown), sum(1 for e in self.edges if e["layer"] in on and self.drawn(e))

    def drawn(self, edge: dict[str, Any]) -> bool:
        """Whether the gap threshold lets ``edge`` be drawn (every edge but gap lines)."""
        if edge["layer"] not in GAP_LINES or self.gap_threshold < self.min_count:
            return True
        return bool(edge.get("k", 0) >= self.gap_threshold)

    def to_html(self) -> str:
        """The map as one self-contained HTML page."""
        from kokon_graph.viz.page import render

        return render(self)

    def save(self, path: str | Path) -> Path:
        """Write :meth:`to_html` to ``path`` (UTF-8, whole or not at all); return the path."""
        from kokon_graph._output import staged_file

        target = Path(path)
        html = self.to_html()
        with staged_file(target) as tmp:
            tmp.write_text(html, encoding="utf-8")
        return target
