"""Where the items of an institution map go: territories as the frame (private).

Institutions are grouped by where they are: one frame per gmina, the powiat's own
institutions in a frame of their own ahead of its gminas (each powiat starts a row), the
voivodeship's and the national ones above. Inside a frame the layout is force-directed and
then spread until no label overlaps another (:mod:`kokon_graph.viz.layout`). An ego map is
radial instead: the focus in the middle, the institutions one tie away around it, two ties
away on the next circle. A dataset without a territories table is grouped by institution
type, and the legend says so.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Sequence
from typing import Any

import networkx as nx

from kokon_graph import model
from kokon_graph.viz._items import Context
from kokon_graph.viz.layout import Frame, NodeBox, grouped_layout, label_width, radial_layout

__all__ = ["cluster_of", "place"]


def cluster_of(teryt: str) -> str:
    """The frame an item at ``teryt`` belongs to: its gmina, powiat, voivodeship or ``""``."""
    code = str(teryt or "")
    for digits in (7, 4, 2):
        if len(code) >= digits:
            return code[:digits]
    return ""


def _order_key(code: str) -> tuple[str, int]:
    # a powiat's own frame comes before its gminas; the voivodeship's before its powiats
    return (code, len(code))


def _territory_clusters(
    ctx: Context, nodes: Sequence[dict[str, Any]]
) -> list[tuple[str, str, list[Hashable], bool]]:
    members: dict[str, list[Hashable]] = defaultdict(list)
    for node in nodes:
        members[cluster_of(node.get("teryt", ""))].append(node["id"])
    out = []
    last_powiat: str | None = None
    for code in sorted(members, key=_order_key):
        powiat = code[:4] if len(code) >= 4 else code
        # a new block per powiat; the voivodeship's own frame leads its first powiat's
        new_row = powiat != last_powiat and not (
            last_powiat is not None and len(last_powiat) == 2 and powiat.startswith(last_powiat)
        )
        last_powiat = powiat
        if len(code) == 7:
            gmina = model.TERRITORY_KINDS.label("gmina", ctx.lang)
            title = f"{gmina} {ctx.territory(code, with_code=False)}"
        else:
            title = ctx.territory(code, with_code=False)
        out.append((code, title, members[code], new_row))
    return out


def _type_clusters(
    ctx: Context, nodes: Sequence[dict[str, Any]]
) -> list[tuple[str, str, list[Hashable], bool]]:
    members: dict[str, list[Hashable]] = defaultdict(list)
    for node in nodes:
        members[str(node.get("type", ""))].append(node["id"])
    out = []
    for code in sorted(members, key=lambda c: (-len(members[c]), c)):
        if code.startswith("group:"):
            title = model.GROUP_TYPES.label(code[6:], ctx.lang)
        else:
            title = model.INSTITUTION_TYPES.label(code, ctx.lang)
        out.append((f"type:{code}", title, members[code], False))
    return out


def _boxes(nodes: Sequence[dict[str, Any]]) -> dict[Hashable, NodeBox]:
    return {n["id"]: NodeBox(float(n.get("size", 10.0)), label_width(n["label"])) for n in nodes}


def place(
    ctx: Context,
    nodes: list[dict[str, Any]],
    edges: Sequence[tuple[Hashable, Hashable, float]],
    *,
    focus: str | None = None,
    steps: int = 1,
    seed: int = 1,
) -> tuple[list[Frame], list[str]]:
    """Set ``x``, ``y`` and ``rank`` (who is labelled first) of every node; return the
    frames to draw and the notes for the legend."""
    boxes = _boxes(nodes)
    notes: list[str] = []
    frames: list[Frame] = []
    if focus is not None:
        graph = nx.Graph()
        graph.add_nodes_from(n["id"] for n in nodes)
        graph.add_edges_from((u, v) for u, v, _w in edges if u in boxes and v in boxes)
        distance = nx.single_source_shortest_path_length(graph, focus)
        rings: list[list[Hashable]] = [[] for _ in range(max(steps, 1))]
        far = max(distance.values(), default=0)
        rings += [[] for _ in range(max(0, far - len(rings)))]
        loose: list[Hashable] = []
        for node in nodes:
            d = distance.get(node["id"])
            if d is None:
                loose.append(node["id"])
            elif d > 0:
                rings[d - 1].append(node["id"])
        if loose:
            rings.append(loose)
        positions = radial_layout(focus, rings, edges, boxes)
    else:
        if ctx.territory_names:
            clusters = _territory_clusters(ctx, nodes)
        else:
            clusters = _type_clusters(ctx, nodes)
            notes.append(ctx.t("notes_no_territories"))
        positions, frames = grouped_layout(clusters, list(edges), boxes, seed=seed)
    for node in nodes:
        node["x"], node["y"] = positions[node["id"]]
    ranked = sorted(
        nodes,
        # the focus, then institutions by size (the most central first), then groups
        key=lambda n: (
            n["id"] != focus,
            n.get("kk") == "group",
            -float(n.get("size", 0.0)),
            n["id"],
        ),
    )
    for rank, node in enumerate(ranked):
        node["rank"] = rank
    return frames, notes
