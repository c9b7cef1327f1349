"""The five kinds of map, each turned into nodes, edges and layers (private)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Mapping
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
import pandas as pd

from kokon_graph import model
from kokon_graph.graph import Network, RelationLike
from kokon_graph.model import normalize_token
from kokon_graph.viz import _measures, style
from kokon_graph.viz._content import Layer, LegendItem, LegendSection
from kokon_graph.viz._items import (
    Context,
    clean,
    co_serving_layer,
    columns,
    institution_nodes,
    make_edge,
    mark_gap,
    num,
    referral_rows,
    sector_gap_rows,
    set_colour,
    tie_layer,
    tie_pairs,
    unanswered_layer,
)
from kokon_graph.viz.layout import layout_positions
from kokon_graph.viz.text import format_number


@dataclass
class Parts:
    nodes: list[dict[str, Any]]
    edges: list[dict[str, Any]]
    layers: list[Layer]
    notes: list[str] = field(default_factory=list)
    directed: bool = False
    size_label: str = ""
    extra_legend: list[LegendSection] = field(default_factory=list)


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


def gap_frames(
    network: Network, inputs: Inputs, *, co_serving: bool = True, referrals: bool = True
) -> tuple[pd.DataFrame | None, pd.DataFrame | None, pd.DataFrame | None]:
    if not inputs.gaps:
        return None, None, None
    return (
        (
            _measures.co_serving_frame(network, inputs.co_serving, relation=inputs.relation)
            if co_serving
            else None
        ),
        _measures.referral_frame(network, inputs.referrals) if referrals else None,
        _measures.sector_frame(network, inputs.sector, relation=inputs.relation),
    )


def institution_map(
    ctx: Context,
    inputs: Inputs,
    ids: list[str],
    ties: list[tuple[str, str, dict[str, Any]]],
    *,
    base_edges: list[dict[str, Any]] | None = None,
    base_layer: Layer | None = None,
    extra_nodes: list[dict[str, Any]] | None = None,
    layout_edges: list[tuple[Hashable, Hashable, float]] | None = None,
    with_unanswered: bool = True,
) -> Parts:
    """Institutions ``ids`` with tie edges and the gap overlay (shared by four kinds)."""
    network = ctx.network
    co_frame, ref_frame, sec_frame = gap_frames(network, inputs, referrals=with_unanswered)
    keep = set(ids)
    extra_nodes = extra_nodes or []
    all_ids: list[Hashable] = [*ids, *(n["id"] for n in extra_nodes)]
    edges_for_layout = (
        layout_edges
        if layout_edges is not None
        else [(u, v, num(d.get("weight", 1.0))) for u, v, d in ties]
    )
    positions = layout_positions(all_ids, edges_for_layout, seed=inputs.seed)
    centrality = _measures.centrality_frame(
        network, inputs.centrality, column=inputs.size_by, relation=inputs.relation
    )
    sector_gaps = sector_gap_rows(ctx, sec_frame)
    nodes = institution_nodes(
        ctx,
        ids,
        positions,
        centrality=centrality,
        size_by=inputs.size_by,
        sector_gaps=sector_gaps,
        gaps_on=True,
    )
    for node in extra_nodes:
        node["x"], node["y"] = positions[node["id"]]
    nodes += extra_nodes
    if base_edges is None:
        edges = tie_layer(ctx, ties)
        layers = [Layer("ties", ctx.t("layer_ties"), len(edges))]
    else:
        assert base_layer is not None
        edges = list(base_edges)
        layers = [base_layer]
        if ties:
            tie_edges = tie_layer(ctx, ties)
            edges += tie_edges
            layers.append(Layer("ties", ctx.t("layer_ties"), len(tie_edges)))
    notes: list[str] = []
    if co_frame is not None:
        gap_edges = co_serving_layer(ctx, co_frame, keep)
        edges += gap_edges
        layers.append(Layer("gap_co_serving", ctx.t("layer_gap_co_serving"), len(gap_edges)))
    if ref_frame is not None:
        gap_edges = unanswered_layer(ctx, ref_frame, keep)
        edges += gap_edges
        layers.append(Layer("gap_referrals", ctx.t("layer_gap_referrals"), len(gap_edges)))
    if sec_frame is not None:
        marked = sum(1 for n in nodes if n.get("gap"))
        layers.append(Layer("gap_sector", ctx.t("layer_gap_sector"), marked, target="nodes"))
        without_ops = sorted(
            {
                str(g)
                for g, ops in zip(*columns(sec_frame, "gmina", "ops_id"), strict=True)
                if not (isinstance(ops, str) and ops)
            }
        )
        if without_ops:
            names = ", ".join(ctx.territory(g) for g in without_ops)
            notes.append(ctx.t("notes_no_ops", gminas=names))
    size_label = _measures.column_label("centrality", inputs.size_by, ctx.lang)
    return Parts(nodes, edges, layers, notes, size_label=size_label)


def cooperation_parts(ctx: Context, inputs: Inputs) -> Parts:
    graph = ctx.network.cooperation(relation=inputs.relation, directed=False)
    ids = sorted(map(str, ctx.inst.index))
    return institution_map(ctx, inputs, ids, tie_pairs(graph))


def ego_parts(ctx: Context, inputs: Inputs, focus: str, steps: int) -> Parts:
    graph = ctx.network.cooperation(relation=inputs.relation, directed=False)
    ego = nx.ego_graph(graph, focus, radius=steps)
    ids = sorted(map(str, ego.nodes))
    parts = institution_map(ctx, inputs, ids, tie_pairs(graph, set(ids)))
    for node in parts.nodes:
        if node["id"] == focus:
            node["focus"] = True
            outlined = {**node["color"], "border": style.FOCUS_BORDER}
            if node.get("gap"):  # a gap outline while the gap layer is on, black without
                node["c0"], node["w0"] = outlined, 4
            else:
                node["color"], node["borderWidth"] = outlined, 4
    return parts


def group_parts(ctx: Context, inputs: Inputs) -> Parts:
    aff = ctx.network.affiliation()
    groups = sorted(
        str(n) for n, d in aff.nodes(data=True) if d.get("kind") == model.NodeKind.GROUP
    )
    members = sorted(
        {str(m) for g in groups for m in aff.neighbors(g) if aff.nodes[m].get("kind") != "group"}
    )
    member_set = set(members)
    sizes = style.scale_sizes([aff.degree(g) for g in groups], low=14, high=44)
    group_nodes = []
    for gid, size in zip(groups, sizes, strict=True):
        data = aff.nodes[gid]
        sectors = sorted(
            {str(ctx.inst.at[m, "sector"]) for m in aff.neighbors(gid) if m in ctx.inst.index}
        )
        rows = [
            [ctx.t("tip_group_type"), model.GROUP_TYPES.label(str(data.get("type", "")), ctx.lang)],
            [ctx.t("tip_level"), model.LEVELS.label(str(data.get("level", "")), ctx.lang)],
            [ctx.t("tip_territory"), ctx.territory(str(data.get("teryt", "")))],
            [ctx.t("tip_members"), str(aff.degree(gid))],
            [
                ctx.t("tip_member_sectors"),
                ", ".join(model.SECTORS.label(s, ctx.lang) for s in sectors),
            ],
        ]
        if data.get("project"):
            rows.append([ctx.t("tip_project"), str(data["project"])])
        name = str(data.get("name") or gid)
        node: dict[str, Any] = {
            "id": gid,
            "label": name,
            "shape": style.GROUP_SHAPE,
            "size": size,
            "kk": "group",
            "type": f"group:{data.get('type', '')}",
            "teryt": str(data.get("teryt", "")),
            "fold": normalize_token(name),
            "tip": [name, rows],
        }
        set_colour(node, style.GROUP_COLOUR)
        group_nodes.append(node)
    memberships = sorted(
        (str(m), str(g), d)
        for g in groups
        for m, d in ((m, aff.edges[m, g]) for m in aff.neighbors(g))
        if str(m) in member_set
    )
    group_names = {n["id"]: n["label"] for n in group_nodes}
    base = []
    for i, (m, g, data) in enumerate(memberships):
        role = str(data.get("role", ""))
        rows = [[ctx.t("tip_role"), model.MEMBER_ROLES.label(role, ctx.lang) if role else "–"]]
        if data.get("via") == "person":
            rows.append([ctx.t("tip_via_person"), "✓"])
        width = 3.0 if role in ("chair", "coordinator") else 1.5
        tip = [f"{ctx.names.get(m, m)} — {group_names[g]}", rows]
        base.append(make_edge("membership", i, m, g, width=width, amount=1, tip=tip))
    coop = ctx.network.cooperation(relation=inputs.relation, directed=False)
    ties = tie_pairs(coop, member_set)
    layout_edges: list[tuple[Hashable, Hashable, float]] = [(m, g, 2.0) for m, g, _ in memberships]
    layout_edges += [(u, v, 0.5) for u, v, _ in ties]
    layer = Layer("membership", ctx.t("layer_membership"), len(base))
    parts = institution_map(
        ctx,
        inputs,
        members,
        ties,
        base_edges=base,
        base_layer=layer,
        extra_nodes=group_nodes,
        layout_edges=layout_edges,
    )
    # the map is about membership: the other lines are there, switched off at the start
    for other in parts.layers:
        if other.target == "edges" and other.id != "membership":
            other.on = False
    return parts


def referral_parts(ctx: Context, inputs: Inputs) -> Parts:
    frame = _measures.referral_frame(ctx.network, inputs.referrals)
    frame = frame[frame["source"].isin(ctx.inst.index) & frame["target"].isin(ctx.inst.index)]
    frame = frame[frame["referrals"] > 0].sort_values(["source", "target"], kind="stable")
    ids = sorted({str(s) for s in frame["source"]} | {str(t) for t in frame["target"]})
    widths = ctx.count_widths(list(frame["referrals"]), low=1.5, high=9)
    base = []
    pairs = set(zip(frame["source"], frame["target"], strict=True))
    for i, (row, width) in enumerate(zip(frame.itertuples(index=False), widths, strict=True)):
        s, t = str(row.source), str(row.target)
        tip = [
            f"{ctx.names.get(s, s)} → {ctx.names.get(t, t)}",
            referral_rows(ctx, row.referrals, row.answered, row.unanswered, row.answer_rate),
        ]
        # the colour shows the share answered: not for pairs with too few referrals
        hidden = ctx.hidden(row.referrals)
        colour = style.FEW_COLOUR if hidden else style.answer_rate_colour(clean(row.answer_rate))
        base.append(
            make_edge(
                "referrals",
                i,
                s,
                t,
                width=width,
                amount=num(row.referrals),
                tip=tip,
                colour=colour,
                curved=(t, s) in pairs,
            )
        )
    layout_edges: list[tuple[Hashable, Hashable, float]] = [
        (str(s), str(t), num(n))
        for s, t, n in zip(frame["source"], frame["target"], frame["referrals"], strict=True)
    ]
    layer = Layer("referrals", ctx.t("layer_referrals"), len(base))
    parts = institution_map(
        ctx,
        inputs,
        ids,
        [],
        base_edges=base,
        base_layer=layer,
        layout_edges=layout_edges,
        with_unanswered=False,
    )
    parts.directed = True
    for other in parts.layers:  # the map is about referrals: the gap lines start switched off
        if other.target == "edges" and other.id != "referrals":
            other.on = False
    gradient = LegendItem(
        ctx.t("legend_answer_rate"),
        "gradient",
        stops=(
            style.answer_rate_colour(0.0),
            style.answer_rate_colour(0.5),
            style.answer_rate_colour(1.0),
        ),
    )
    parts.extra_legend.append(
        LegendSection(
            ctx.t("layer_referrals"),
            [
                gradient,
                LegendItem(
                    ctx.t("legend_few_referrals", n=ctx.min_count),
                    "line",
                    colour=style.FEW_COLOUR,
                    arrow=True,
                ),
                LegendItem(
                    ctx.t("legend_width_referrals"),
                    "line",
                    colour=str(style.EDGE_STYLES["referrals"]["color"]),
                    arrow=True,
                ),
            ],
        )
    )
    return parts


# --------------------------------------------------------------------------- aggregate


def unit_of_code(code: str, level: str) -> str:
    digits = 7 if level == "gmina" else 4
    return code[:digits] if len(code) >= digits else code


def unit_pair(
    unit_of: Mapping[str, str], source: Any, target: Any, *, directed: bool
) -> tuple[str, str] | None:
    """The pair of units of two institutions (``None`` if either is unknown or both are
    in the same unit); sorted unless ``directed``."""
    a, b = unit_of.get(str(source)), unit_of.get(str(target))
    if a is None or b is None or a == b:
        return None
    return (a, b) if directed or a <= b else (b, a)


def aggregate_parts(ctx: Context, inputs: Inputs, level: str) -> Parts:
    network = ctx.network
    inst = ctx.inst
    unit_of = {
        str(i): unit_of_code(str(t), level)
        for i, t in zip(inst.index.tolist(), columns(inst, "teryt")[0], strict=True)
    }
    teryt_of = dict(zip(map(str, inst.index), columns(inst, "teryt")[0], strict=True))
    members: dict[str, list[str]] = defaultdict(list)
    for iid, unit in unit_of.items():
        members[unit].append(iid)
    units = sorted(members, key=lambda u: (len(u) == 0, u))
    graph = network.cooperation(relation=inputs.relation, directed=False)
    inside: dict[str, int] = defaultdict(int)
    between: dict[tuple[str, str], list[float]] = defaultdict(lambda: [0.0, 0.0])
    for u, v, data in graph.edges(data=True):
        a, b = unit_of[str(u)], unit_of[str(v)]
        if a == b:
            inside[a] += 1
        else:
            key = (a, b) if a <= b else (b, a)
            between[key][0] += 1
            between[key][1] += num(data.get("weight", 1.0))
    co_frame, ref_frame, sec_frame = gap_frames(network, inputs)
    # sector gaps per unit: gminas with a gap, gap rows, gminas counted
    gminas_in: dict[str, set[str]] = defaultdict(set)
    for iid, unit in unit_of.items():
        code = teryt_of[iid]
        if len(code) == 7:
            gminas_in[unit].add(code)
    gap_rows: dict[str, int] = defaultdict(int)
    gap_gminas: dict[str, set[str]] = defaultdict(set)
    if sec_frame is not None:
        for gmina in sec_frame["gmina"]:
            unit = unit_of_code(str(gmina), level)
            gminas_in[unit].add(str(gmina))
            gap_rows[unit] += 1
            gap_gminas[unit].add(str(gmina))
    worst = float(len(model.DEFAULT_REQUIRED_SECTORS) - 1)
    nid = {u: f"t:{u}" if u else "t:national" for u in units}
    positions = layout_positions(
        [nid[u] for u in units],
        [(nid[a], nid[b], w[0]) for (a, b), w in sorted(between.items())],
        seed=inputs.seed,
    )
    sizes = style.scale_sizes([len(members[u]) for u in units], low=10, high=45)
    nodes = []
    for unit, size in zip(units, sizes, strict=True):
        shape = {7: "gmina", 4: "powiat", 2: "voivodeship"}.get(len(unit), "national")
        label = ctx.territory(unit, with_code=False)
        if len(unit) < (7 if level == "gmina" else 4):
            label = (
                ctx.t("territory_national")
                if not unit
                else f"{label}: {ctx.t('territory_level_' + shape)}"
            )
        rows = [
            [ctx.t("tip_teryt"), unit or "–"],
            [ctx.t("tip_institutions"), str(len(members[unit]))],
            [ctx.t("tip_ties_inside"), str(inside.get(unit, 0))],
        ]
        score: float | None = None
        if sec_frame is not None and gminas_in.get(unit):
            score = gap_rows.get(unit, 0) / len(gminas_in[unit])
            rows.append(
                [
                    ctx.t("tip_gminas_with_gaps"),
                    f"{len(gap_gminas.get(unit, ()))} / {len(gminas_in[unit])}",
                ]
            )
            rows.append([ctx.t("tip_mean_gaps"), ctx.number(round(score, 2))])
        colour = (
            style.gap_score_colour(score, worst)
            if sec_frame is not None
            else style.SECTOR_COLOURS["social_assistance"]
        )
        node: dict[str, Any] = {
            "id": nid[unit],
            "label": label,
            "x": positions[nid[unit]][0],
            "y": positions[nid[unit]][1],
            "shape": style.LEVEL_SHAPES[shape],
            "size": size,
            "kk": "territory",
            "teryt": unit,
            "fold": normalize_token(label),
            "tip": [ctx.territory(unit), rows],
        }
        set_colour(node, colour)
        if len(unit) == 7 and gap_gminas.get(unit):
            mark_gap(node, True)  # a gmina with a gap (larger units show it by colour only)
        nodes.append(node)
    pairs = sorted(between.items())
    widths = style.scale_widths([n for (_, _), (n, _) in pairs], low=1, high=10)
    edges = []
    for i, (((a, b), (n, w)), width) in enumerate(zip(pairs, widths, strict=True)):
        tip = [
            f"{ctx.territory(a, with_code=False)} — {ctx.territory(b, with_code=False)}",
            [[ctx.t("tip_ties_between"), ctx.number(n)], [ctx.t("tip_weight"), ctx.number(w)]],
        ]
        edges.append(make_edge("ties", i, nid[a], nid[b], width=width, amount=n, tip=tip))
    layers = [Layer("ties", ctx.t("layer_ties"), len(edges))]
    if co_frame is not None:
        agg: dict[tuple[str, str], list[float]] = defaultdict(lambda: [0.0, 0.0])
        for s, t, n in zip(*columns(co_frame, "source", "target", "shared_families"), strict=True):
            pair = unit_pair(unit_of, s, t, directed=False)
            if pair is not None:
                agg[pair][0] += 1
                agg[pair][1] += num(n)
        gap_pairs = sorted(agg.items())
        widths = ctx.count_widths([fam for _, (_, fam) in gap_pairs], low=1.5, high=6)
        start = len(edges)
        for i, (((a, b), (n, fam)), width) in enumerate(zip(gap_pairs, widths, strict=True)):
            tip = [
                f"{ctx.territory(a, with_code=False)} — {ctx.territory(b, with_code=False)}",
                [
                    [ctx.t("tip_pairs"), ctx.number(n)],
                    [ctx.t("tip_shared_families"), ctx.count(fam)],
                ],
            ]
            edges.append(
                make_edge(
                    "gap_co_serving",
                    i,
                    nid[a],
                    nid[b],
                    width=width,
                    amount=fam,
                    tip=tip,
                    curved=True,
                )
            )
        layers.append(Layer("gap_co_serving", ctx.t("layer_gap_co_serving"), len(edges) - start))
    if ref_frame is not None:
        ragg: dict[tuple[str, str], list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
        ref_rows = ref_frame[ref_frame["unanswered"] > 0]
        for s, t, n, ans, una in zip(
            *columns(ref_rows, "source", "target", "referrals", "answered", "unanswered"),
            strict=True,
        ):
            pair = unit_pair(unit_of, s, t, directed=True)
            if pair is not None:
                ragg[pair][0] += num(n)
                ragg[pair][1] += num(ans)
                ragg[pair][2] += num(una)
        ref_pairs = sorted(ragg.items())
        widths = ctx.count_widths([v[2] for _, v in ref_pairs], low=1.5, high=6)
        start = len(edges)
        for i, (((a, b), (n, ans, una)), width) in enumerate(zip(ref_pairs, widths, strict=True)):
            tip = [
                f"{ctx.territory(a, with_code=False)} → {ctx.territory(b, with_code=False)}",
                referral_rows(ctx, n, ans, una, ans / n if n else None),
            ]
            edges.append(
                make_edge(
                    "gap_referrals",
                    i,
                    nid[a],
                    nid[b],
                    width=width,
                    amount=una,
                    tip=tip,
                    curved=True,
                )
            )
        layers.append(Layer("gap_referrals", ctx.t("layer_gap_referrals"), len(edges) - start))
    legend: list[LegendSection] = []
    if sec_frame is not None:
        marked = sum(1 for n in nodes if n.get("gap"))
        layers.append(Layer("gap_sector", ctx.t("layer_gap_sector"), marked, target="nodes"))
        legend.append(
            LegendSection(
                ctx.t("legend_gap_colour"),
                [
                    LegendItem(
                        f"0 … {format_number(worst, ctx.lang)}",
                        "gradient",
                        stops=(
                            style.gap_score_colour(0, worst),
                            style.gap_score_colour(worst / 2, worst),
                            style.gap_score_colour(worst, worst),
                        ),
                    ),
                    LegendItem(ctx.t("legend_gap_na"), "shape", colour=style.NA_COLOUR),
                ],
            )
        )
    return Parts(
        nodes,
        edges,
        layers,
        size_label=ctx.t("legend_size_institutions"),
        extra_legend=legend,
    )
