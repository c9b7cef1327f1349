"""Build the content of a map: its nodes, edges, layers, legend, filters and header.

:func:`build_map` turns a :class:`~kokon_graph.graph.Network` (and, where a
report has them already, the analysis results) into a :class:`Map`, which
:mod:`kokon_graph.viz.page` writes as one self-contained HTML file.

Kinds of map (:data:`MAP_KINDS`):

``cooperation``
    Every institution in scope, linked by its cooperation ties.
``ego``
    The institutions within ``steps`` ties of the ``focus`` institution.
``groups``
    Groups and teams (PGR, ZI, ZZK, ...) linked to their member institutions
    (a person's membership counts for the person's institution).
``referrals``
    Institutions that referred families to each other: arrows weighted by the
    number of referrals, coloured by the share answered.
``aggregate``
    One node per gmina (or powiat) for scopes too large to read institution by
    institution: a voivodeship or the whole country.

Families are never nodes, labels or tooltip text: the family-level results
reach a map only as counts per pair of institutions.
"""

from __future__ import annotations

import difflib
import math
from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final, Literal

import networkx as nx
import pandas as pd

from kokon_graph import model
from kokon_graph.errors import KokonError
from kokon_graph.graph import Network
from kokon_graph.model import Lang, normalize_token
from kokon_graph.viz import _measures, style
from kokon_graph.viz._measures import MapError
from kokon_graph.viz.layout import layout_positions
from kokon_graph.viz.text import format_number, format_percent, text

__all__ = [
    "GAP_LAYERS",
    "MAP_KINDS",
    "Layer",
    "LegendItem",
    "LegendSection",
    "Map",
    "MapKind",
    "build_map",
    "check_options",
    "data_date",
]

MapKind = Literal["cooperation", "ego", "groups", "referrals", "aggregate"]
MAP_KINDS: Final[tuple[str, ...]] = ("cooperation", "ego", "groups", "referrals", "aggregate")
#: The gap overlay: one layer per kind of gap, each with its own toggle.
GAP_LAYERS: Final = ("gap_co_serving", "gap_referrals", "gap_sector")
#: Centrality columns shown in an institution's tooltip (besides the one sizing it).
TOOLTIP_MEASURES: Final = ("degree", "betweenness", "pagerank")
#: Above this many nodes the map hides edges while it is dragged or zoomed.
_BIG: Final = 1500

Tip = list[Any]  # [heading, [[label, value], ...]]


@dataclass
class Layer:
    """A toggle in the page: a set of edges (``target="edges"``) or node outlines."""

    id: str
    label: str
    count: int
    on: bool = True
    target: Literal["edges", "nodes"] = "edges"


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

    def visible_counts(self) -> tuple[int, int]:
        """Nodes and edges shown when the page opens (every layer as initially toggled)."""
        on = {layer.id for layer in self.layers if layer.on}
        return len(self.nodes), sum(1 for e in self.edges if e["layer"] in on)

    def to_html(self) -> str:
        """The map as one self-contained HTML page."""
        from kokon_graph.viz.page import render

        return render(self)

    def save(self, path: str | Path) -> Path:
        """Write :meth:`to_html` to ``path`` (UTF-8) and return the path."""
        target = Path(path)
        html = self.to_html()
        try:
            target.write_text(html, encoding="utf-8")
        except OSError as err:
            raise KokonError(
                f"cannot write the map to {target}: {err.strerror or err}",
                hint="check that the folder exists and is writable",
            ) from err
        return target


# --------------------------------------------------------------------------- helpers


def _clean(value: Any) -> Any:
    """A value JSON can hold: numpy scalars unwrapped, NaN dropped to ``None``."""
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def _num(value: Any) -> float:
    value = _clean(value)
    return 0.0 if value is None or value is pd.NA else float(value)


class _Context:
    """What every part of one map needs: the network, the language, names."""

    def __init__(self, network: Network, lang: Lang) -> None:
        self.network = network
        self.lang: Lang = lang
        inst = network.institutions
        self.inst = inst
        self.names: dict[str, str] = dict(zip(inst.index, inst["name"], strict=True))
        terr = network.full_dataset.territories
        self.territory_names: dict[str, str] = dict(zip(terr["teryt"], terr["name"], strict=True))

    def t(self, key: str, **fields: Any) -> str:
        return text(key, self.lang, **fields)

    def territory(self, code: str, *, with_code: bool = True) -> str:
        """``Ostróda (2814011)``, ``powiat ostródzki (2814)``, ``województwo ... (28)``."""
        if not code:
            return self.t("territory_national")
        name = self.territory_names.get(code) or (
            model.VOIVODESHIP_CODES.get(code, "") if len(code) == 2 else ""
        )
        if len(code) == 7:
            label = name or f"{model.TERRITORY_KINDS.label('gmina', self.lang)} {code}"
        else:
            kind = model.TERRITORY_KINDS.label(
                "powiat" if len(code) == 4 else "voivodeship", self.lang
            )
            if not name:
                label = f"{kind} {code}"
            else:
                label = f"{kind} {name}" if self.lang == "pl" else f"{name} {kind}"
        return f"{label} ({code})" if with_code and name else label

    def number(self, value: Any) -> str:
        return format_number(_clean(value), self.lang)


def data_date(network: Network) -> str | None:
    """The date the data describe: the dataset metadata's ``date`` (or ``data_date``,
    ``as_of``, ``modified``, ``created``), else the newest date in the scoped tables,
    as ``YYYY-MM-DD``; ``None`` when the data hold no date."""
    meta = network.full_dataset.metadata
    for key in ("date", "data_date", "as_of", "modified", "created"):
        value = meta.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()[:10]
    newest: pd.Timestamp | None = None
    ds = network.dataset
    for name, columns in (
        ("cooperation", ("since",)),
        ("groups", ("start", "end")),
        ("memberships", ("start", "end")),
        ("services", ("start", "end")),
        ("referrals", ("sent", "answered")),
    ):
        frame = ds.table(name)
        for column in columns:
            if column in frame.columns and len(frame):
                top = frame[column].max()
                if pd.notna(top) and (newest is None or top > newest):
                    newest = top
    return None if newest is None else pd.Timestamp(newest).date().isoformat()


def _tie_edges(
    graph: nx.Graph, keep: set[str] | None = None
) -> list[tuple[str, str, dict[str, Any]]]:
    edges = []
    for u, v, data in graph.edges(data=True):
        if keep is None or (u in keep and v in keep):
            a, b = (u, v) if str(u) <= str(v) else (v, u)
            edges.append((a, b, data))
    edges.sort(key=lambda e: (str(e[0]), str(e[1])))
    return edges


# --------------------------------------------------------------------------- nodes


def _measure_columns(frame: pd.DataFrame | None, size_by: str) -> list[str]:
    if frame is None:
        return []
    wanted = [size_by, *[c for c in TOOLTIP_MEASURES if c != size_by]]
    return [c for c in wanted if c in frame.columns]


def _sector_gap_rows(ctx: _Context, frame: pd.DataFrame | None) -> dict[str, list[tuple[str, str]]]:
    """``{ops_id: [(sector, status), ...]}`` from the gaps_sector result."""
    out: dict[str, list[tuple[str, str]]] = defaultdict(list)
    if frame is None:
        return out
    for ops, sector, status in zip(frame["ops_id"], frame["sector"], frame["status"], strict=True):
        if isinstance(ops, str) and ops:
            out[ops].append((str(sector), str(status)))
    return out


def _gap_text(ctx: _Context, gaps: Sequence[tuple[str, str]]) -> str:
    parts = []
    for sector, status in sorted(set(gaps)):
        word = ctx.t("tip_gap_absent" if status == "absent" else "tip_gap_no_tie")
        parts.append(f"{model.SECTORS.label(sector, ctx.lang)} ({word})")
    return "; ".join(parts)


def _institution_nodes(
    ctx: _Context,
    ids: Sequence[str],
    positions: Mapping[Hashable, tuple[float, float]],
    *,
    centrality: pd.DataFrame | None,
    size_by: str,
    sector_gaps: Mapping[str, list[tuple[str, str]]],
    gaps_on: bool,
) -> list[dict[str, Any]]:
    inst = ctx.inst.loc[list(ids)]
    columns = _measure_columns(centrality, size_by)
    values: dict[str, dict[str, Any]] = {}
    if centrality is not None:
        table = centrality.set_index("id")
        for column in columns:
            values[column] = table[column].to_dict()
    raw_sizes = [_num(values.get(size_by, {}).get(i)) for i in ids]
    sizes = style.scale_sizes(raw_sizes, low=10, high=40)
    labels = {c: _measures.column_label("centrality", c, ctx.lang) for c in columns}
    nodes = []
    for (iid, row), size in zip(inst.iterrows(), sizes, strict=True):
        sector = str(row["sector"])
        colour = style.SECTOR_COLOURS.get(sector, style.SECTOR_COLOURS[model.OTHER])
        level = str(row["level"])
        rows: list[list[str]] = [
            [ctx.t("tip_type"), model.INSTITUTION_TYPES.label(str(row["type"]), ctx.lang)],
            [ctx.t("tip_sector"), model.SECTORS.label(sector, ctx.lang)],
            [ctx.t("tip_level"), model.LEVELS.label(level, ctx.lang)],
            [ctx.t("tip_territory"), ctx.territory(str(row["teryt"]))],
            [ctx.t("tip_id"), str(iid)],
        ]
        rows += [[labels[c], ctx.number(values[c].get(iid))] for c in columns]
        node: dict[str, Any] = {
            "id": str(iid),
            "label": str(row["name"]),
            "x": positions[iid][0],
            "y": positions[iid][1],
            "shape": style.LEVEL_SHAPES.get(level, style.LEVEL_SHAPES[model.OTHER]),
            "size": size,
            "kk": "institution",
            "sector": sector,
            "type": str(row["type"]),
            "teryt": str(row["teryt"]),
            "fold": normalize_token(str(row["name"])),
        }
        _set_colour(node, colour)
        gaps = sector_gaps.get(str(iid))
        if gaps:
            rows.append([ctx.t("tip_sector_gaps"), _gap_text(ctx, gaps)])
            _mark_gap(node, gaps_on)
        node["tip"] = [str(row["name"]), rows]
        nodes.append(node)
    return nodes


def _set_colour(node: dict[str, Any], colour: str) -> None:
    border = style.darker(colour)
    node["color"] = {
        "background": colour,
        "border": border,
        "highlight": {"background": colour, "border": "#000000"},
        "hover": {"background": colour, "border": "#000000"},
    }
    node["borderWidth"] = 1


def _mark_gap(node: dict[str, Any], on: bool) -> None:
    """Give a node both outlines (plain ``c0``/``w0``, gap ``c1``/``w1``); the page swaps."""
    plain = dict(node["color"])
    marked = {**plain, "border": style.GAP_COLOUR}
    node["gap"] = True
    node["c0"], node["w0"] = plain, node["borderWidth"]
    node["c1"], node["w1"] = marked, 5
    if on:
        node["color"], node["borderWidth"] = marked, 5


# --------------------------------------------------------------------------- edges


def _edge(
    layer: str,
    index: int,
    source: str,
    target: str,
    *,
    width: float,
    amount: float,
    tip: Tip,
    colour: str | None = None,
    curved: bool = False,
) -> dict[str, Any]:
    """A vis edge of ``layer``; ``amount`` is the number its width shows (kept as ``n``)."""
    look = style.EDGE_STYLES[layer]
    colour = colour or str(look["color"])
    edge: dict[str, Any] = {
        "id": f"{layer}:{index}",
        "from": source,
        "to": target,
        "width": width,
        "color": {
            "color": colour,
            "highlight": style.darker(colour, 0.6),
            "hover": style.darker(colour, 0.6),
            "opacity": 0.85,
        },
        "layer": layer,
        "n": amount,
        "tip": tip,
    }
    if look["dashes"]:
        edge["dashes"] = look["dashes"]
    if look["arrows"]:
        edge["arrows"] = {"to": {"enabled": True, "scaleFactor": 0.7}}
    if curved:
        edge["smooth"] = {"enabled": True, "type": "curvedCW", "roundness": 0.18}
    return edge


def _tie_layer(ctx: _Context, ties: list[tuple[str, str, dict[str, Any]]]) -> list[dict[str, Any]]:
    widths = style.scale_widths([_num(d.get("weight", 1.0)) for *_, d in ties])
    out = []
    for i, ((u, v, data), width) in enumerate(zip(ties, widths, strict=True)):
        kinds = [
            model.COOPERATION_KINDS.label(k, ctx.lang)
            for k in str(data.get("kinds", "")).split("|")
            if k
        ]
        rows = [[ctx.t("tip_weight"), ctx.number(data.get("weight"))]]
        if kinds:
            rows.append([ctx.t("tip_kinds"), ", ".join(kinds)])
        if "count" in data:
            rows.append([ctx.t("tip_reports"), ctx.number(data["count"])])
        tip = [f"{ctx.names.get(u, u)} — {ctx.names.get(v, v)}", rows]
        out.append(_edge("ties", i, u, v, width=width, amount=_num(data.get("weight")), tip=tip))
    return out


def _co_serving_layer(ctx: _Context, frame: pd.DataFrame, keep: set[str]) -> list[dict[str, Any]]:
    rows = frame[frame["source"].isin(keep) & frame["target"].isin(keep)]
    rows = rows.sort_values(["source", "target"], kind="stable")
    widths = style.scale_widths([_num(v) for v in rows["shared_families"]], low=1.5, high=6)
    out = []
    for i, (s, t, n, width) in enumerate(
        zip(rows["source"], rows["target"], rows["shared_families"], widths, strict=True)
    ):
        tip = [
            f"{ctx.names.get(s, s)} — {ctx.names.get(t, t)}",
            [[ctx.t("tip_shared_families"), ctx.number(n)]],
        ]
        out.append(_edge("gap_co_serving", i, str(s), str(t), width=width, amount=_num(n), tip=tip))
    return out


def _referral_rows(
    ctx: _Context, referrals: Any, answered: Any, unanswered: Any, rate: Any
) -> list[list[str]]:
    return [
        [ctx.t("tip_referrals"), ctx.number(referrals)],
        [ctx.t("tip_answered"), ctx.number(answered)],
        [ctx.t("tip_unanswered"), ctx.number(unanswered)],
        [ctx.t("tip_answer_rate"), format_percent(_clean(rate), ctx.lang)],
    ]


def _unanswered_layer(ctx: _Context, frame: pd.DataFrame, keep: set[str]) -> list[dict[str, Any]]:
    rows = frame[
        frame["source"].isin(keep) & frame["target"].isin(keep) & (frame["unanswered"] > 0)
    ]
    rows = rows.sort_values(["source", "target"], kind="stable")
    widths = style.scale_widths([_num(v) for v in rows["unanswered"]], low=1.5, high=6)
    out = []
    for i, (row, width) in enumerate(zip(rows.itertuples(index=False), widths, strict=True)):
        s, t = str(row.source), str(row.target)
        tip = [
            f"{ctx.names.get(s, s)} → {ctx.names.get(t, t)}",
            _referral_rows(ctx, row.referrals, row.answered, row.unanswered, row.answer_rate),
        ]
        out.append(
            _edge(
                "gap_referrals",
                i,
                s,
                t,
                width=width,
                amount=_num(row.unanswered),
                tip=tip,
                curved=True,
            )
        )
    return out


# --------------------------------------------------------------------------- the kinds


@dataclass
class _Parts:
    nodes: list[dict[str, Any]]
    edges: list[dict[str, Any]]
    layers: list[Layer]
    notes: list[str] = field(default_factory=list)
    directed: bool = False
    size_label: str = ""
    extra_legend: list[LegendSection] = field(default_factory=list)


@dataclass
class _Inputs:
    size_by: str
    relation: str | Iterable[str] | None
    gaps: bool
    centrality: pd.DataFrame | None
    co_serving: pd.DataFrame | None
    sector: pd.DataFrame | None
    referrals: pd.DataFrame | None
    seed: int


def _gap_frames(
    network: Network, inputs: _Inputs, *, co_serving: bool = True, referrals: bool = True
) -> tuple[pd.DataFrame | None, pd.DataFrame | None, pd.DataFrame | None]:
    if not inputs.gaps:
        return None, None, None
    return (
        _measures.co_serving_frame(network, inputs.co_serving) if co_serving else None,
        _measures.referral_frame(network, inputs.referrals) if referrals else None,
        _measures.sector_frame(network, inputs.sector),
    )


def _institution_map(
    ctx: _Context,
    inputs: _Inputs,
    ids: list[str],
    ties: list[tuple[str, str, dict[str, Any]]],
    *,
    base_edges: list[dict[str, Any]] | None = None,
    base_layer: Layer | None = None,
    extra_nodes: list[dict[str, Any]] | None = None,
    layout_edges: list[tuple[Hashable, Hashable, float]] | None = None,
    with_unanswered: bool = True,
) -> _Parts:
    """Institutions ``ids`` with tie edges and the gap overlay (shared by four kinds)."""
    network = ctx.network
    co_frame, ref_frame, sec_frame = _gap_frames(network, inputs, referrals=with_unanswered)
    keep = set(ids)
    extra_nodes = extra_nodes or []
    all_ids: list[Hashable] = [*ids, *(n["id"] for n in extra_nodes)]
    edges_for_layout = (
        layout_edges
        if layout_edges is not None
        else [(u, v, _num(d.get("weight", 1.0))) for u, v, d in ties]
    )
    positions = layout_positions(all_ids, edges_for_layout, seed=inputs.seed)
    centrality = _measures.centrality_frame(
        network, inputs.centrality, column=inputs.size_by, relation=inputs.relation
    )
    sector_gaps = _sector_gap_rows(ctx, sec_frame)
    nodes = _institution_nodes(
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
        edges = _tie_layer(ctx, ties)
        layers = [Layer("ties", ctx.t("layer_ties"), len(edges))]
    else:
        assert base_layer is not None
        edges = list(base_edges)
        layers = [base_layer]
        if ties:
            tie_edges = _tie_layer(ctx, ties)
            edges += tie_edges
            layers.append(Layer("ties", ctx.t("layer_ties"), len(tie_edges)))
    notes: list[str] = []
    if co_frame is not None:
        gap_edges = _co_serving_layer(ctx, co_frame, keep)
        edges += gap_edges
        layers.append(Layer("gap_co_serving", ctx.t("layer_gap_co_serving"), len(gap_edges)))
    if ref_frame is not None:
        gap_edges = _unanswered_layer(ctx, ref_frame, keep)
        edges += gap_edges
        layers.append(Layer("gap_referrals", ctx.t("layer_gap_referrals"), len(gap_edges)))
    if sec_frame is not None:
        marked = sum(1 for n in nodes if n.get("gap"))
        layers.append(Layer("gap_sector", ctx.t("layer_gap_sector"), marked, target="nodes"))
        without_ops = sorted(
            {
                str(g)
                for g, ops in zip(sec_frame["gmina"], sec_frame["ops_id"], strict=True)
                if not (isinstance(ops, str) and ops)
            }
        )
        if without_ops:
            names = ", ".join(ctx.territory(g) for g in without_ops)
            notes.append(ctx.t("notes_no_ops", gminas=names))
    size_label = _measures.column_label("centrality", inputs.size_by, ctx.lang)
    return _Parts(nodes, edges, layers, notes, size_label=size_label)


def _cooperation(ctx: _Context, inputs: _Inputs) -> _Parts:
    graph = ctx.network.cooperation(relation=inputs.relation, directed=False)
    ids = sorted(map(str, ctx.inst.index))
    return _institution_map(ctx, inputs, ids, _tie_edges(graph))


def _ego(ctx: _Context, inputs: _Inputs, focus: str, steps: int) -> _Parts:
    graph = ctx.network.cooperation(relation=inputs.relation, directed=False)
    ego = nx.ego_graph(graph, focus, radius=steps)
    ids = sorted(map(str, ego.nodes))
    parts = _institution_map(ctx, inputs, ids, _tie_edges(graph, set(ids)))
    for node in parts.nodes:
        if node["id"] == focus:
            node["borderWidth"] = max(node["borderWidth"], 4)
            node["color"] = {**node["color"], "border": style.FOCUS_BORDER}
            node["font"] = {"size": 18, "bold": True}
            node["focus"] = True
    return parts


def _groups(ctx: _Context, inputs: _Inputs) -> _Parts:
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
        _set_colour(node, style.GROUP_COLOUR)
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
        base.append(_edge("membership", i, m, g, width=width, amount=1, tip=tip))
    coop = ctx.network.cooperation(relation=inputs.relation, directed=False)
    ties = _tie_edges(coop, member_set)
    layout_edges: list[tuple[Hashable, Hashable, float]] = [(m, g, 2.0) for m, g, _ in memberships]
    layout_edges += [(u, v, 0.5) for u, v, _ in ties]
    layer = Layer("membership", ctx.t("layer_membership"), len(base))
    return _institution_map(
        ctx,
        inputs,
        members,
        ties,
        base_edges=base,
        base_layer=layer,
        extra_nodes=group_nodes,
        layout_edges=layout_edges,
    )


def _referrals(ctx: _Context, inputs: _Inputs) -> _Parts:
    frame = _measures.referral_frame(ctx.network, inputs.referrals)
    if frame is None:
        frame = _measures.interim_referrals(ctx.network)
    frame = frame[frame["source"].isin(ctx.inst.index) & frame["target"].isin(ctx.inst.index)]
    frame = frame[frame["referrals"] > 0].sort_values(["source", "target"], kind="stable")
    ids = sorted({str(s) for s in frame["source"]} | {str(t) for t in frame["target"]})
    widths = style.scale_widths([_num(v) for v in frame["referrals"]], low=1.5, high=9)
    base = []
    pairs = set(zip(frame["source"], frame["target"], strict=True))
    for i, (row, width) in enumerate(zip(frame.itertuples(index=False), widths, strict=True)):
        s, t = str(row.source), str(row.target)
        tip = [
            f"{ctx.names.get(s, s)} → {ctx.names.get(t, t)}",
            _referral_rows(ctx, row.referrals, row.answered, row.unanswered, row.answer_rate),
        ]
        colour = style.answer_rate_colour(_clean(row.answer_rate))
        base.append(
            _edge(
                "referrals",
                i,
                s,
                t,
                width=width,
                amount=_num(row.referrals),
                tip=tip,
                colour=colour,
                curved=(t, s) in pairs,
            )
        )
    layout_edges: list[tuple[Hashable, Hashable, float]] = [
        (str(s), str(t), _num(n))
        for s, t, n in zip(frame["source"], frame["target"], frame["referrals"], strict=True)
    ]
    layer = Layer("referrals", ctx.t("layer_referrals"), len(base))
    parts = _institution_map(
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
                LegendItem(ctx.t("legend_width_referrals"), "line", colour="#8a8a8a", arrow=True),
            ],
        )
    )
    return parts


# --------------------------------------------------------------------------- aggregate


def _unit(code: str, level: str) -> str:
    digits = 7 if level == "gmina" else 4
    return code[:digits] if len(code) >= digits else code


def _unit_pair(
    unit_of: Mapping[str, str], source: Any, target: Any, *, directed: bool
) -> tuple[str, str] | None:
    """The pair of units of two institutions (``None`` if either is unknown or both are
    in the same unit); sorted unless ``directed``."""
    a, b = unit_of.get(str(source)), unit_of.get(str(target))
    if a is None or b is None or a == b:
        return None
    return (a, b) if directed or a <= b else (b, a)


def _aggregate(ctx: _Context, inputs: _Inputs, level: str) -> _Parts:
    network = ctx.network
    inst = ctx.inst
    unit_of = {str(i): _unit(str(t), level) for i, t in zip(inst.index, inst["teryt"], strict=True)}
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
            between[key][1] += _num(data.get("weight", 1.0))
    co_frame, ref_frame, sec_frame = _gap_frames(network, inputs)
    # sector gaps per unit: gminas with a gap, gap rows, gminas counted
    gminas_in: dict[str, set[str]] = defaultdict(set)
    for iid, unit in unit_of.items():
        code = str(inst.at[iid, "teryt"])
        if len(code) == 7:
            gminas_in[unit].add(code)
    gap_rows: dict[str, int] = defaultdict(int)
    gap_gminas: dict[str, set[str]] = defaultdict(set)
    if sec_frame is not None:
        for gmina in sec_frame["gmina"]:
            unit = _unit(str(gmina), level)
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
        _set_colour(node, colour)
        if gap_gminas.get(unit):
            _mark_gap(node, True)
        nodes.append(node)
    pairs = sorted(between.items())
    widths = style.scale_widths([n for (_, _), (n, _) in pairs], low=1, high=10)
    edges = []
    for i, (((a, b), (n, w)), width) in enumerate(zip(pairs, widths, strict=True)):
        tip = [
            f"{ctx.territory(a, with_code=False)} — {ctx.territory(b, with_code=False)}",
            [[ctx.t("tip_ties_between"), ctx.number(n)], [ctx.t("tip_weight"), ctx.number(w)]],
        ]
        edges.append(_edge("ties", i, nid[a], nid[b], width=width, amount=n, tip=tip))
    layers = [Layer("ties", ctx.t("layer_ties"), len(edges))]
    if co_frame is not None:
        agg: dict[tuple[str, str], list[float]] = defaultdict(lambda: [0.0, 0.0])
        for s, t, n in zip(
            co_frame["source"], co_frame["target"], co_frame["shared_families"], strict=True
        ):
            pair = _unit_pair(unit_of, s, t, directed=False)
            if pair is not None:
                agg[pair][0] += 1
                agg[pair][1] += _num(n)
        gap_pairs = sorted(agg.items())
        widths = style.scale_widths([n for _, (n, _) in gap_pairs], low=1.5, high=6)
        start = len(edges)
        for i, (((a, b), (n, fam)), width) in enumerate(zip(gap_pairs, widths, strict=True)):
            tip = [
                f"{ctx.territory(a, with_code=False)} — {ctx.territory(b, with_code=False)}",
                [
                    [ctx.t("tip_pairs"), ctx.number(n)],
                    [ctx.t("tip_shared_families"), ctx.number(fam)],
                ],
            ]
            edges.append(
                _edge(
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
        for row in ref_frame.itertuples(index=False):
            pair = _unit_pair(unit_of, row.source, row.target, directed=True)
            if pair is not None and _num(row.unanswered) > 0:
                ragg[pair][0] += _num(row.referrals)
                ragg[pair][1] += _num(row.answered)
                ragg[pair][2] += _num(row.unanswered)
        ref_pairs = sorted(ragg.items())
        widths = style.scale_widths([v[2] for _, v in ref_pairs], low=1.5, high=6)
        start = len(edges)
        for i, (((a, b), (n, ans, una)), width) in enumerate(zip(ref_pairs, widths, strict=True)):
            tip = [
                f"{ctx.territory(a, with_code=False)} → {ctx.territory(b, with_code=False)}",
                _referral_rows(ctx, n, ans, una, ans / n if n else None),
            ]
            edges.append(
                _edge(
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
    return _Parts(
        nodes,
        edges,
        layers,
        size_label=ctx.t("legend_size_institutions"),
        extra_legend=legend,
    )


# --------------------------------------------------------------------------- legend, filters


def _legend(ctx: _Context, kind: str, parts: _Parts) -> list[LegendSection]:
    sections: list[LegendSection] = []
    if kind != "aggregate":
        present = {n["sector"] for n in parts.nodes if n.get("kk") == "institution"}
        items = [
            LegendItem(model.SECTORS.label(code, ctx.lang), "shape", colour=colour)
            for code, colour in style.SECTOR_COLOURS.items()
            if code in present
        ]
        sections.append(LegendSection(ctx.t("legend_colour_sector"), items))
    shapes = {n["shape"] for n in parts.nodes}
    items = [
        LegendItem(model.LEVELS.label(level, ctx.lang), "shape", shape=shape, colour="#bbbbbb")
        for level, shape in style.LEVEL_SHAPES.items()
        if shape in shapes
    ]
    if style.GROUP_SHAPE in shapes:
        items.append(
            LegendItem(
                ctx.t("legend_group"), "shape", shape=style.GROUP_SHAPE, colour=style.GROUP_COLOUR
            )
        )
    if any(n.get("focus") for n in parts.nodes):
        items.append(LegendItem(ctx.t("legend_focus"), "outline", colour=style.FOCUS_BORDER))
    if any(n.get("gap") for n in parts.nodes):
        items.append(LegendItem(ctx.t("legend_sector_gap"), "outline", colour=style.GAP_COLOUR))
    sections.append(LegendSection(ctx.t("legend_shape_level"), items))
    size_items = []
    if kind == "groups":
        size_items.append(
            LegendItem(
                ctx.t("legend_size_members"),
                "shape",
                shape=style.GROUP_SHAPE,
                colour=style.GROUP_COLOUR,
            )
        )
    sections.append(LegendSection(ctx.t("legend_size", measure=parts.size_label), size_items))
    line_items = []
    for layer in parts.layers:
        if layer.target != "edges" or layer.id == "referrals":
            continue
        look = style.EDGE_STYLES[layer.id]
        dashes = look["dashes"]
        line_items.append(
            LegendItem(
                layer.label,
                "line",
                colour=str(look["color"]),
                dashes=list(dashes) if isinstance(dashes, list) else False,
                arrow=bool(look["arrows"]),
            )
        )
    if any(layer.id == "ties" for layer in parts.layers):
        width_key = "legend_width_ties" if kind == "aggregate" else "legend_width_weight"
        sections.append(LegendSection(ctx.t(width_key), line_items))
    elif line_items:
        sections.append(LegendSection(ctx.t("layers"), line_items))
    sections.extend(parts.extra_legend)
    return sections


def _filters(ctx: _Context, nodes: list[dict[str, Any]]) -> dict[str, list[tuple[str, str]]]:
    sectors = {n["sector"] for n in nodes if n.get("sector")}
    types = {n["type"] for n in nodes if n.get("type")}
    codes: set[str] = set()
    for node in nodes:
        code = str(node.get("teryt", ""))
        if node.get("kk") == "territory":
            # aggregate maps: filter by the voivodeship and (for gminas) the powiat
            codes.update(code[:n] for n in (2, 4) if len(code) > n)
        elif len(code) >= 7:
            codes.update((code[:4], code[:7]))
        elif len(code) >= 4:
            codes.add(code[:4])
    type_options = []
    for code in types:
        if code.startswith("group:"):
            label = model.GROUP_TYPES.label(code[6:], ctx.lang)
        else:
            label = model.INSTITUTION_TYPES.label(code, ctx.lang)
        type_options.append((code, label))
    territory_options = []
    for code in sorted(codes):
        label = ctx.territory(code)
        territory_options.append((code, f"– {label}" if len(code) == 7 else label))
    return {
        "sector": [
            (code, model.SECTORS.label(code, ctx.lang))
            for code in model.SECTORS.codes
            if code in sectors
        ],
        "type": sorted(type_options, key=lambda o: normalize_token(o[1])),
        "territory": territory_options,
    }


# --------------------------------------------------------------------------- entry point


def _suggest(ctx: _Context, focus: str) -> str:
    close = difflib.get_close_matches(focus, list(map(str, ctx.inst.index)), n=3)
    if close:
        return f"did you mean {', '.join(close)}?"
    return "use an institution id from the institutions table (see the map's tooltips)"


def check_options(
    *,
    kind: str = "cooperation",
    size_by: str | None = None,
    focus: str | None = None,
    steps: int = 1,
    level: str | None = None,
    lang: str = "pl",
) -> None:
    """Reject options that cannot make a map, before any data is read.

    >>> check_options(kind="ego")
    Traceback (most recent call last):
    ...
    kokon_graph.viz.MapError: an ego map needs the institution at its centre

    Raises
    ------
    MapError
        With a hint saying which option to change.
    """
    if kind not in MAP_KINDS:
        raise MapError(f"unknown kind of map {kind!r}", hint=f"use one of {', '.join(MAP_KINDS)}")
    if lang not in ("pl", "en"):
        raise MapError(f"unknown language {lang!r}", hint="use pl or en")
    if kind == "aggregate" and size_by is not None:
        raise MapError(
            "an aggregate map is sized by the number of institutions; --size-by does not apply",
            hint="leave out --size-by, or draw a cooperation map",
        )
    if level is not None and (kind != "aggregate" or level not in ("gmina", "powiat")):
        raise MapError(
            f"level {level!r} is not understood for a {kind} map",
            hint="--level gmina or --level powiat, with --kind aggregate only",
        )
    if kind == "ego" and not focus:
        raise MapError("an ego map needs the institution at its centre", hint="add --focus ID")
    known = _measures.known_columns("centrality")
    if size_by is not None and known and size_by not in known:
        raise MapError(
            f"{size_by!r} is not a column of the centrality results",
            hint=f"use one of: {', '.join(known)}",
        )
    if steps < 1:
        raise MapError(f"steps must be at least 1, not {steps}", hint="e.g. --steps 2")


def build_map(
    network: Network,
    *,
    kind: str = "cooperation",
    size_by: str | None = None,
    focus: str | None = None,
    steps: int = 1,
    level: str | None = None,
    relation: str | Iterable[str] | None = None,
    lang: Lang = "pl",
    gaps: bool = True,
    centrality: pd.DataFrame | None = None,
    gaps_co_serving: pd.DataFrame | None = None,
    gaps_sector: pd.DataFrame | None = None,
    gaps_referrals: pd.DataFrame | None = None,
    seed: int = 1,
    title: str | None = None,
    date: str | None = None,
) -> Map:
    """Build a map of ``network``.

    Parameters
    ----------
    network
        The (scoped) network to draw.
    kind
        One of :data:`MAP_KINDS`.
    size_by
        Centrality column that sizes institutions (``degree`` by default;
        e.g. ``betweenness``, ``pagerank``). Not for ``aggregate`` maps, which
        are sized by the number of institutions.
    focus
        Institution id: the centre of an ``ego`` map; in other kinds the page
        opens focused on it (for ``aggregate`` maps, a TERYT code).
    steps
        Radius of an ``ego`` map in cooperation ties.
    level
        ``gmina`` or ``powiat``: the nodes of an ``aggregate`` map (default:
        ``powiat`` for the whole dataset, ``gmina`` otherwise).
    relation
        Only these cooperation kinds (``information``, ``joint_action``, ...).
    lang
        ``pl`` (default) or ``en``: every label, tooltip and legend text.
    gaps
        Draw the gap overlay (``False`` skips the gap analyses).
    centrality, gaps_co_serving, gaps_sector, gaps_referrals
        Results already computed by :mod:`kokon_graph.analysis` for this
        network; each one not given is computed when the map needs it.
    seed
        Seed of the layout.
    title
        Replaces the kind's default title.
    date
        The date of the data shown in the header (default: :func:`data_date`).

    Raises
    ------
    MapError
        For an unknown kind, level or measure, an ego map without a focus,
        or a focus that is not in the network.
    """
    check_options(kind=kind, size_by=size_by, focus=focus, steps=steps, level=level, lang=lang)
    ctx = _Context(network, lang)
    focus_node: str | None = None
    if focus:
        if kind == "aggregate":
            focus_node = f"t:{focus}"
        elif focus not in ctx.names:
            raise MapError(
                f"institution {focus!r} is not in the network", hint=_suggest(ctx, focus)
            )
        else:
            focus_node = focus
    inputs = _Inputs(
        size_by=size_by or "degree",
        relation=relation,
        gaps=gaps,
        centrality=centrality,
        co_serving=gaps_co_serving,
        sector=gaps_sector,
        referrals=gaps_referrals,
        seed=seed,
    )
    if kind == "cooperation":
        parts = _cooperation(ctx, inputs)
    elif kind == "ego":
        assert focus is not None
        parts = _ego(ctx, inputs, focus, steps)
    elif kind == "groups":
        parts = _groups(ctx, inputs)
    elif kind == "referrals":
        parts = _referrals(ctx, inputs)
    else:
        chosen = level or ("powiat" if network.scope.is_all else "gmina")
        parts = _aggregate(ctx, inputs, chosen)
    if kind == "aggregate":
        key = f"title_aggregate_{level or ('powiat' if network.scope.is_all else 'gmina')}"
        heading = title or ctx.t(key)
    else:
        heading = title or ctx.t(f"title_{kind}", name=ctx.names.get(focus or "", focus or ""))
    if focus_node is not None and focus_node not in {n["id"] for n in parts.nodes}:
        raise MapError(f"{focus!r} is not on this map", hint="check the id and the scope")
    dataset = network.full_dataset
    facts = [
        (ctx.t("scope"), network.scope.label(lang, dataset.territories)),
        (ctx.t("wave"), network.wave or ctx.t("all_waves")),
        (ctx.t("data_date"), date or data_date(network) or ctx.t("unknown_date")),
        (ctx.t("dataset"), str(dataset.metadata.get("title") or dataset.name or "–")),
    ]
    if kind == "ego":
        facts.append((ctx.t("steps"), str(steps)))
    return Map(
        kind=kind,
        lang=lang,
        title=heading,
        facts=facts,
        nodes=parts.nodes,
        edges=parts.edges,
        layers=parts.layers,
        legend=_legend(ctx, kind, parts),
        filters=_filters(ctx, parts.nodes),
        notes=parts.notes,
        focus=focus_node,
        directed=parts.directed,
    )
