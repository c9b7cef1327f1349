"""The overview of a big map: one node per territory frame, with a click-through (private).

Above :data:`OVERVIEW_LIMIT` institutions a map opens on its overview: one node per gmina
(and per powiat's and voivodeship's own institutions), sized by how many institutions it
holds, coloured by the share of them caught in a gap drawn on the map, linked by the ties
between territories. A click opens that territory's institutions in the same page.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Hashable
from typing import Any, Final

from kokon_graph.viz import style
from kokon_graph.viz._content import GAP_LINES, Map
from kokon_graph.viz._items import Context, make_edge, set_colour
from kokon_graph.viz._place import cluster_of
from kokon_graph.viz.layout import Frame, NodeBox, grouped_layout, label_width

__all__ = ["OVERVIEW_LIMIT", "add_overview"]

#: A map of more institutions than this opens on its overview.
OVERVIEW_LIMIT: Final = 600
_SHAPES: Final = {7: "dot", 4: "square", 2: "triangle", 0: "star"}


def _short_title(ctx: Context, code: str, title: str) -> str:
    """A gmina by its name; a powiat's or voivodeship's own institutions by the unit."""
    if len(code) == 7:
        return ctx.territory(code, with_code=False)
    return title


def add_overview(ctx: Context, m: Map, frames: list[Frame]) -> None:
    """Add the overview's nodes and lines to ``m`` and make it open on them."""
    units = {f.code: f for f in frames}
    unit_of: dict[str, str] = {}
    members: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for node in m.nodes:
        code = cluster_of(node.get("teryt", ""))
        if code in units:
            unit_of[node["id"]] = code
            members[code].append(node)
    in_gap: Counter[str] = Counter()
    seen: set[str] = set()
    between: Counter[tuple[str, str]] = Counter()
    inside: Counter[str] = Counter()
    for edge in m.edges:
        a, b = unit_of.get(edge["from"]), unit_of.get(edge["to"])
        if a is None or b is None:
            continue
        if edge["layer"] in GAP_LINES and m.drawn(edge):
            for end in (edge["from"], edge["to"]):
                if end not in seen:
                    seen.add(end)
                    in_gap[unit_of[end]] += 1
        elif edge["layer"] in ("ties", "membership", "referrals"):
            if a == b:
                inside[a] += 1
            else:
                between[(a, b) if a < b else (b, a)] += 1
    for code, nodes in members.items():
        for node in nodes:
            if node.get("gap") and node["id"] not in seen:
                seen.add(node["id"])
                in_gap[code] += 1
    codes = sorted(members)
    sizes = style.scale_sizes([len(members[c]) for c in codes], low=14, high=45)
    # a block per powiat (its own institutions first, then its gminas), the voivodeship's
    # with its first powiat, packed like the institutions' frames
    labels = {c: _short_title(ctx, c, units[c].title) for c in codes}
    boxes: dict[Hashable, NodeBox] = {
        f"o:{c}": NodeBox(size, label_width(labels[c]))
        for c, size in zip(codes, sizes, strict=True)
    }
    blocks: dict[str, list[Hashable]] = defaultdict(list)
    for code in codes:
        blocks[code[:4] if len(code) >= 4 else code].append(f"o:{code}")
    clusters = []
    for key in sorted(blocks, key=lambda k: (len(k) > 2, k)):
        title = ctx.territory(key, with_code=False) if key else ctx.t("territory_national")
        clusters.append((key, title, blocks[key], True))
    place, overview_frames = grouped_layout(clusters, [], boxes, grid=True)
    m.overview_frames = [(f.title, f.x, f.y, f.width, f.height, f.code) for f in overview_frames]
    for code, size in zip(codes, sizes, strict=True):
        frame = units[code]
        share = in_gap[code] / len(members[code])
        item: dict[str, Any] = {
            "id": f"o:{code}",
            "label": labels[code],
            "x": place[f"o:{code}"][0],
            "y": place[f"o:{code}"][1],
            "shape": _SHAPES.get(len(code), "diamond"),
            "size": size,
            "kk": "overview",
            "teryt": code,
            "rank": -len(members[code]),
            "fold": "",
            "tip": [
                frame.title,
                [
                    [ctx.t("tip_institutions"), str(len(members[code]))],
                    [ctx.t("tip_in_gaps"), str(in_gap[code])],
                    [ctx.t("tip_ties_inside"), str(inside[code])],
                ],
            ],
        }
        set_colour(item, style.gap_score_colour(share, 0.5))
        m.nodes.append(item)
    pairs = sorted(between.items())
    widths = style.scale_widths([n for _, n in pairs], low=1, high=10)
    for i, (((a, b), n), width) in enumerate(zip(pairs, widths, strict=True)):
        tip = [
            f"{units[a].title} — {units[b].title}",
            [[ctx.t("tip_ties_between"), str(n)]],
        ]
        edge = make_edge("ties", i, f"o:{a}", f"o:{b}", width=width, amount=n, tip=tip)
        edge["id"] = f"overview:{i}"
        edge["layer"] = "overview"
        m.edges.append(edge)
    m.overview = True
    m.notes.insert(0, ctx.t("notes_overview", n=OVERVIEW_LIMIT))
