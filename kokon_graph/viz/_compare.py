"""The comparison map: what changed between two waves, on one map (private).

Institutions of the later wave's network, laid out by territory as on a cooperation map;
lines for the ties kept, gained and lost between the two waves, and for the shared-family
gaps opened and closed (only those resting on at least the small-count threshold of
families, in the wave they belong to).
"""

from __future__ import annotations

from typing import Any

from kokon_graph.graph import Network
from kokon_graph.viz import _measures
from kokon_graph.viz._content import Layer
from kokon_graph.viz._items import Context, columns, institution_nodes, make_edge, num, tie_pairs
from kokon_graph.viz._parts import Inputs, Parts
from kokon_graph.viz._place import place

__all__ = ["compare_parts"]

#: The layers of a comparison map, in the legend's order.
COMPARE_LAYERS = ("tie_kept", "tie_gained", "tie_lost", "gap_opened", "gap_closed")


def _pairs(network: Network, relation: Any) -> dict[tuple[str, str], dict[str, Any]]:
    graph = network.cooperation(relation=relation, directed=False)
    return {(str(u), str(v)): d for u, v, d in tie_pairs(graph)}


def _gaps(ctx: Context, network: Network, relation: Any) -> dict[tuple[str, str], float]:
    frame = _measures.co_serving_frame(network, None, relation=relation)
    out = {}
    for s, t, n in zip(*columns(frame, "source", "target", "shared_families"), strict=True):
        if not ctx.hidden(n):
            a, b = sorted((str(s), str(t)))
            out[(a, b)] = num(n)
    return out


def compare_parts(ctx: Context, inputs: Inputs) -> Parts:
    """Nodes, lines and layers of the comparison of ``inputs.before`` with ``ctx.network``."""
    before = inputs.before
    assert before is not None  # build_map gives a compare map its earlier wave
    after = ctx.network
    ids = sorted(map(str, ctx.inst.index))
    keep = set(ids)
    old, new = _pairs(before, inputs.relation), _pairs(after, inputs.relation)
    centrality = _measures.centrality_frame(
        after, inputs.centrality, column=inputs.size_by, relation=inputs.relation
    )
    nodes = institution_nodes(
        ctx, ids, centrality=centrality, size_by=inputs.size_by, sector_gaps={}, gaps_on=False
    )
    edges: list[dict[str, Any]] = []
    layers: list[Layer] = []
    groups = {
        "tie_kept": sorted(p for p in new if p in old),
        "tie_gained": sorted(p for p in new if p not in old),
        "tie_lost": sorted(p for p in old if p not in new),
    }
    for layer, pairs in groups.items():
        count = 0
        for u, v in pairs:
            if u not in keep or v not in keep:
                continue
            data = new.get((u, v)) or old[(u, v)]
            rows = [[ctx.t("tip_weight"), ctx.number(data.get("weight"))]]
            tip = [f"{ctx.names.get(u, u)} — {ctx.names.get(v, v)}", rows]
            edges.append(make_edge(layer, count, u, v, width=2.0, amount=1, tip=tip))
            count += 1
        layers.append(Layer(layer, ctx.t(f"layer_{layer}"), count))
    if inputs.gaps:
        gaps_before, gaps_after = (
            _gaps(ctx, before, inputs.relation),
            _gaps(ctx, after, inputs.relation),
        )
        for layer, pairs, counts in (
            ("gap_opened", sorted(set(gaps_after) - set(gaps_before)), gaps_after),
            ("gap_closed", sorted(set(gaps_before) - set(gaps_after)), gaps_before),
        ):
            count = 0
            for u, v in pairs:
                if u not in keep or v not in keep:
                    continue
                tip = [
                    f"{ctx.names.get(u, u)} — {ctx.names.get(v, v)}",
                    [[ctx.t("tip_shared_families"), ctx.count(counts[(u, v)])]],
                ]
                edges.append(make_edge(layer, count, u, v, width=2.0, amount=1, tip=tip))
                count += 1
            layers.append(Layer(layer, ctx.t(f"layer_{layer}"), count))
    layout_edges = [(u, v, num(d.get("weight", 1.0))) for (u, v), d in {**old, **new}.items()]
    frames, notes = place(ctx, nodes, layout_edges, seed=inputs.seed)
    size_label = _measures.column_label("centrality", inputs.size_by, ctx.lang)
    return Parts(nodes, edges, layers, notes, size_label=size_label, frames=frames)
