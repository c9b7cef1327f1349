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
from collections.abc import Hashable, Iterable, Sequence
from typing import Final

import igraph as ig

__all__ = ["EDGE_LENGTH", "layout_positions"]

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
