"""Stable, seeded node positions computed before a map is written.

The browser then draws the map at once, with physics off: in-browser
force-directed layout is what makes large pyvis maps slow to become usable.

Each connected component is laid out with igraph's Fruchterman-Reingold
algorithm (its grid variant above 1,000 nodes) from a seeded random start,
scaled so that a typical edge is about :data:`EDGE_LENGTH` pixels long, and
the components are packed in rows, largest first; isolated nodes end up in a
tidy grid below. The same nodes, edges and seed always give the same
positions.

>>> pos = layout_positions(["a", "b", "c", "d"], [("a", "b", 1.0), ("b", "c", 2.0)], seed=1)
>>> sorted(pos) == ["a", "b", "c", "d"]
True
>>> pos == layout_positions(["a", "b", "c", "d"], [("a", "b", 1.0), ("b", "c", 2.0)], seed=1)
True
"""

from __future__ import annotations

import math
import random
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

import igraph as ig
import numpy as np

__all__ = [
    "EDGE_LENGTH",
    "Frame",
    "NodeBox",
    "cluster_layout",
    "grouped_layout",
    "label_width",
    "layout_positions",
    "radial_layout",
    "remove_overlaps",
]

#: Typical edge length in the page's coordinates (pixels at zoom 1).
EDGE_LENGTH: Final = 150.0
_GAP: Final = 1.5 * EDGE_LENGTH


def _component_layout(graph: ig.Graph, weights: list[float] | None) -> list[tuple[float, float]]:
    n = graph.vcount()
    if n == 1:
        return [(0.0, 0.0)]
    if n == 2:
        return [(-EDGE_LENGTH / 2, 0.0), (EDGE_LENGTH / 2, 0.0)]
    layout = graph.layout_fruchterman_reingold(
        weights=weights, niter=500, grid="auto" if n > 1000 else "nogrid"
    )
    coords = [(float(x), float(y)) for x, y in layout.coords]
    lengths = sorted(
        math.dist(coords[e.source], coords[e.target]) for e in graph.es if e.source != e.target
    )
    typical = lengths[len(lengths) // 2] if lengths else 1.0
    factor = EDGE_LENGTH / typical if typical > 0 else EDGE_LENGTH
    cx = sum(x for x, _ in coords) / n
    cy = sum(y for _, y in coords) / n
    return [((x - cx) * factor, (y - cy) * factor) for x, y in coords]


def layout_positions(
    nodes: Sequence[Hashable],
    edges: Iterable[tuple[Hashable, Hashable, float]],
    *,
    seed: int = 1,
) -> dict[Hashable, tuple[float, float]]:
    """Positions ``{node: (x, y)}`` for ``nodes`` linked by weighted ``edges``.

    Parameters
    ----------
    nodes
        Every node to place, in a stable order (the order is part of the input:
        the same order gives the same picture).
    edges
        ``(u, v, weight)``; direction is ignored, parallel edges are merged
        (largest weight), edges to unknown nodes are ignored. A larger weight
        pulls its ends closer.
    seed
        Seed of the random start.

    Returns
    -------
    dict
        Rounded coordinates in pixels, y growing downwards as in the browser.
    """
    index = {node: i for i, node in enumerate(nodes)}
    merged: dict[tuple[int, int], float] = {}
    for u, v, w in edges:
        if u not in index or v not in index or u == v:
            continue
        a, b = sorted((index[u], index[v]))
        merged[(a, b)] = max(merged.get((a, b), 0.0), float(w))
    pairs = sorted(merged)
    full = ig.Graph(n=len(index), edges=pairs)
    full.es["weight"] = [math.log1p(max(merged[p], 0.0)) + 0.5 for p in pairs]
    components = sorted(full.connected_components(), key=lambda c: (-len(c), min(c)))
    placed: list[tuple[list[int], list[tuple[float, float]]]] = []
    # igraph draws from a module-wide generator: seed our own, then give back the default
    ig.set_random_number_generator(random.Random(seed))
    try:
        for members in components:
            sub = full.induced_subgraph(members, implementation="create_from_scratch")
            weights = sub.es["weight"] if sub.ecount() else None
            placed.append((list(members), _component_layout(sub, weights)))
    finally:
        ig.set_random_number_generator(random)
    # shelf packing: rows no wider than the largest component or the square of the total
    boxes = []
    for members, coords in placed:
        xs = [x for x, _ in coords]
        ys = [y for _, y in coords]
        boxes.append((members, coords, min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys)))
    area = sum((w + _GAP) * (h + _GAP) for *_, w, h in boxes)
    row_width = max(max((w for *_, w, _h in boxes), default=0.0), math.sqrt(area))
    positions: dict[Hashable, tuple[float, float]] = {}
    x0 = y0 = row_height = 0.0
    for members, coords, left, top, width, height in boxes:
        if x0 > 0 and x0 + width > row_width:
            x0, y0, row_height = 0.0, y0 + row_height + _GAP, 0.0
        for i, (x, y) in zip(members, coords, strict=True):
            positions[nodes[i]] = (round(x0 + x - left, 1), round(y0 + y - top, 1))
        x0 += width + _GAP
        row_height = max(row_height, height)
    return positions


# --------------------------------------------------------------------------- room for labels

#: Font size of node labels (pixels at zoom 1) and the height of one label line.
LABEL_FONT: Final = 14.0
LABEL_HEIGHT: Final = 20.0
#: Free space kept around every node with its label.
MARGIN: Final = 14.0
#: Space between two territories' frames, and the frame's padding (its title sits in it).
FRAME_GAP: Final = 90.0
FRAME_PAD: Final = 30.0
FRAME_TITLE: Final = 34.0
#: Width / height of the screen a map is packed for.
ASPECT: Final = 4 / 3


def label_width(label: str, font: float = LABEL_FONT) -> float:
    """An upper estimate of how wide ``label`` is drawn (system-ui/Arial at ``font`` px).

    >>> label_width("GOPS Bolesławowo") > label_width("SP 1")
    True
    """
    wide = sum(1 for ch in label if ch.isupper() or ch in "mwMW")
    narrow = sum(1 for ch in label if ch in " .,:;'|ilIjtf")
    rest = len(label) - wide - narrow
    return (wide * 0.72 + narrow * 0.34 + rest * 0.56) * font + 4.0


@dataclass(frozen=True)
class NodeBox:
    """A node as the layout sees it: its radius and the width of its label."""

    size: float
    label: float

    @property
    def half_width(self) -> float:
        return max(self.size, self.label / 2) + MARGIN / 2

    @property
    def top(self) -> float:
        return self.size + MARGIN / 2

    @property
    def bottom(self) -> float:
        return self.size + (LABEL_HEIGHT if self.label else 0.0) + MARGIN / 2


def remove_overlaps(
    coords: np.ndarray, boxes: Sequence[NodeBox], *, rounds: int = 400
) -> np.ndarray:
    """Move nodes apart until no two boxes (node and label) overlap; returns new coordinates.

    Each round, every overlapping pair is pushed apart along the axis where it overlaps
    least, each node by half the overlap; nodes keep their relative order. Stops when no
    box overlaps another (or after ``rounds``).

    >>> boxes = [NodeBox(10, 60), NodeBox(10, 60)]
    >>> out = remove_overlaps(np.array([[0.0, 0.0], [5.0, 0.0]]), boxes)
    >>> bool(abs(out[1, 0] - out[0, 0]) >= 68 or abs(out[1, 1] - out[0, 1]) >= 38)
    True
    """
    xy = np.array(coords, dtype=float)
    n = len(xy)
    if n < 2:
        return xy
    hw = np.array([b.half_width for b in boxes])
    top = np.array([b.top for b in boxes])
    bottom = np.array([b.bottom for b in boxes])
    order = np.arange(n, dtype=float)
    for _ in range(rounds):
        left, right = xy[:, 0] - hw, xy[:, 0] + hw
        up, down = xy[:, 1] - top, xy[:, 1] + bottom
        ox = np.minimum(right[:, None], right[None, :]) - np.maximum(left[:, None], left[None, :])
        oy = np.minimum(down[:, None], down[None, :]) - np.maximum(up[:, None], up[None, :])
        hit = (ox > 0) & (oy > 0)
        np.fill_diagonal(hit, False)
        if not hit.any():
            break
        dx = xy[:, 0][:, None] - xy[:, 0][None, :]
        dy = xy[:, 1][:, None] - xy[:, 1][None, :]
        # a pair on the same spot is split by its order
        sx = np.where(dx == 0, np.sign(order[:, None] - order[None, :]), np.sign(dx))
        sy = np.where(dy == 0, np.sign(order[:, None] - order[None, :]), np.sign(dy))
        along_x = hit & (ox <= oy)
        along_y = hit & (ox > oy)
        move_x = (np.where(along_x, sx * (ox / 2 + 0.5), 0.0)).sum(axis=1)
        move_y = (np.where(along_y, sy * (oy / 2 + 0.5), 0.0)).sum(axis=1)
        xy[:, 0] += move_x
        xy[:, 1] += move_y
    return xy


def _grid(boxes: Sequence[NodeBox]) -> np.ndarray:
    """Rows of boxes, widest first in the middle: for clusters too big to lay out by force."""
    n = len(boxes)
    width = max(2 * b.half_width for b in boxes)
    height = max(b.top + b.bottom for b in boxes)
    cols = max(1, math.ceil(math.sqrt(n * height / width * 1.6)))
    return np.array([((i % cols) * width, (i // cols) * height) for i in range(n)], dtype=float)


#: Clusters larger than this are laid out in rows (pairwise overlap removal is quadratic).
FORCE_LIMIT: Final = 400


def cluster_layout(
    members: Sequence[Hashable],
    edges: Iterable[tuple[Hashable, Hashable, float]],
    boxes: Mapping[Hashable, NodeBox],
    *,
    seed: int = 1,
    grid: bool = False,
) -> dict[Hashable, tuple[float, float]]:
    """Positions of one cluster (a territory's institutions): force-directed, spread so that
    a typical tie is longer than a label, then moved until no label overlaps another;
    centred on (0, 0). With ``grid`` (or above :data:`FORCE_LIMIT` members): in rows."""
    if not members:
        return {}
    wanted = [boxes[m] for m in members]
    if grid or len(members) > FORCE_LIMIT:
        xy = _grid(wanted)
    else:
        pos = layout_positions(members, edges, seed=seed)
        xy = np.array([pos[m] for m in members], dtype=float)
        typical = float(np.median([2 * b.half_width for b in wanted]))
        xy *= max(typical * 1.1 / EDGE_LENGTH, 0.6)
        xy = remove_overlaps(xy, wanted)
    xy -= xy.mean(axis=0)
    return {m: (float(x), float(y)) for m, (x, y) in zip(members, xy, strict=True)}


@dataclass
class Frame:
    """A territory's box on the map (page coordinates) and its title."""

    code: str
    title: str
    x: float
    y: float
    width: float
    height: float


def _extent(
    pos: Mapping[Hashable, tuple[float, float]], boxes: Mapping[Hashable, NodeBox]
) -> tuple[float, float, float, float]:
    left = min(pos[m][0] - boxes[m].half_width for m in pos)
    right = max(pos[m][0] + boxes[m].half_width for m in pos)
    top = min(pos[m][1] - boxes[m].top for m in pos)
    bottom = max(pos[m][1] + boxes[m].bottom for m in pos)
    return left, top, right, bottom


def grouped_layout(
    clusters: Sequence[tuple[str, str, Sequence[Hashable], bool]],
    edges: Sequence[tuple[Hashable, Hashable, float]],
    boxes: Mapping[Hashable, NodeBox],
    *,
    seed: int = 1,
    grid: bool = False,
) -> tuple[dict[Hashable, tuple[float, float]], list[Frame]]:
    """Lay out each cluster on its own and pack their frames in rows.

    ``clusters`` are ``(code, title, members, new_row)`` in the order they are packed (a
    voivodeship's, then each powiat's own institutions followed by its gminas'); a cluster
    with ``new_row`` starts a new row. Returns the positions and one :class:`Frame` per
    cluster.
    """
    placed = []
    for code, title, members, new_row in clusters:
        inside = set(members)
        local = [(u, v, w) for u, v, w in edges if u in inside and v in inside]
        pos = cluster_layout(list(members), local, boxes, seed=seed, grid=grid)
        if not pos:
            continue
        left, top, right, bottom = _extent(pos, boxes)
        width = max(right - left + 2 * FRAME_PAD, label_width(title, 13.0) * 1.1 + 16)
        height = bottom - top + 2 * FRAME_PAD + FRAME_TITLE
        placed.append((code, title, pos, left, top, width, height, new_row))
    # blocks: a cluster with new_row starts one (a powiat's own frame and its gminas'), packed
    # in rows as wide as makes the whole about as wide as a screen (3:2)
    area = sum((w + FRAME_GAP) * (h + FRAME_GAP) for *_, w, h, _r in placed)
    widest = max((w for *_, w, _h, _r in placed), default=0.0)
    row_width = max(widest, math.sqrt(area * 1.5))
    blocks: list[list[tuple[Any, ...]]] = []
    for item in placed:
        if item[-1] or not blocks:
            blocks.append([])
        blocks[-1].append(item)

    def shelf(
        items: list[tuple[float, float]], row_width: float = row_width
    ) -> tuple[list[tuple[float, float]], float, float]:
        """Offsets of boxes ``(width, height)`` packed in rows no wider than ``row_width``."""
        out = []
        x0 = y0 = row_h = right = 0.0
        for width, height in items:
            if x0 > 0 and x0 + width > row_width:
                x0, y0, row_h = 0.0, y0 + row_h + FRAME_GAP, 0.0
            out.append((x0, y0))
            right = max(right, x0 + width)
            x0 += width + FRAME_GAP
            row_h = max(row_h, height)
        return out, right, y0 + row_h

    # rows inside a block and rows of blocks: as wide as fills a 4:3 screen best
    best: tuple[float, list[Any], list[tuple[float, float]]] | None = None
    for factor in (1.0, 1.6, 2.2, 3.0, 1e9):
        inner_width = max(widest * factor, widest)
        inner = [shelf([(item[5], item[6]) for item in block], inner_width) for block in blocks]
        sizes = [(w, h) for _o, w, h in inner]
        widest_block = max((w for w, _h in sizes), default=0.0)
        total = sum(w + FRAME_GAP for w, _h in sizes)
        for step in range(13):
            width = widest_block + (total - widest_block) * step / 12
            offsets, used_w, used_h = shelf(sizes, width)
            fit = min(ASPECT / max(used_w, 1.0), 1.0 / max(used_h, 1.0))
            if best is None or fit > best[0] * 1.001:
                best = (fit, inner, offsets)
    inner, outer = (best[1], best[2]) if best else ([], [])
    positions: dict[Hashable, tuple[float, float]] = {}
    frames: list[Frame] = []
    for block, (offsets, _bw, _bh), (bx, by) in zip(blocks, inner, outer, strict=True):
        for (code, title, pos, left, top, width, height, _r), (fx, fy) in zip(
            block, offsets, strict=True
        ):
            x0, y0 = bx + fx, by + fy
            ox = x0 + FRAME_PAD - left
            oy = y0 + FRAME_PAD + FRAME_TITLE - top
            for m, (x, y) in pos.items():
                positions[m] = (round(x + ox, 1), round(y + oy, 1))
            frames.append(
                Frame(code, title, round(x0, 1), round(y0, 1), round(width, 1), round(height, 1))
            )
    return positions, frames


def radial_layout(
    focus: Hashable,
    rings: Sequence[Sequence[Hashable]],
    edges: Iterable[tuple[Hashable, Hashable, float]],
    boxes: Mapping[Hashable, NodeBox],
) -> dict[Hashable, tuple[float, float]]:
    """An ego map: ``focus`` in the middle, ``rings[k]`` (the institutions ``k + 1`` ties
    away) on circles around it, each circle wide enough for its labels; a node of an outer
    ring sits near the partner it is reached through. Overlaps left at the sides are
    removed afterwards."""
    neighbours: dict[Hashable, list[Hashable]] = {}
    for u, v, _w in edges:
        neighbours.setdefault(u, []).append(v)
        neighbours.setdefault(v, []).append(u)
    angle: dict[Hashable, float] = {focus: 0.0}
    radius = 0.0
    pos: dict[Hashable, tuple[float, float]] = {focus: (0.0, 0.0)}
    inner = boxes[focus].half_width
    for ring in rings:
        if not ring:
            continue

        def anchor(node: Hashable) -> float:
            seen = [angle[p] for p in neighbours.get(node, []) if p in angle and p != focus]
            return min(seen) if seen else 0.0

        ordered = sorted(ring, key=lambda m: (anchor(m), str(m)))
        room = sum(2 * boxes[m].half_width + 10 for m in ordered)
        radius = max(radius + inner + 140, room / (2 * math.pi))
        for i, m in enumerate(ordered):
            a = 2 * math.pi * i / len(ordered) - math.pi / 2
            angle[m] = a
            pos[m] = (radius * math.cos(a), radius * math.sin(a))
        inner = max(boxes[m].half_width for m in ring)
    ids = list(pos)
    xy = remove_overlaps(np.array([pos[m] for m in ids]), [boxes[m] for m in ids])
    return {m: (round(float(x), 1), round(float(y), 1)) for m, (x, y) in zip(ids, xy, strict=True)}
