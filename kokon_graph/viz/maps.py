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
from typing import Any, Final, Literal

import pandas as pd

from kokon_graph import model
from kokon_graph.graph import Network, RelationLike
from kokon_graph.model import Lang, normalize_token
from kokon_graph.viz import _measures, style
from kokon_graph.viz._content import Layer, LegendItem, LegendSection, Map
from kokon_graph.viz._items import Context
from kokon_graph.viz._kinds import (
    Inputs,
    Parts,
    aggregate_parts,
    cooperation_parts,
    ego_parts,
    group_parts,
    referral_parts,
)
from kokon_graph.viz._measures import MapError
from kokon_graph.viz.style import BIG_EDGES, BIG_NODES

__all__ = [
    "BIG_EDGES",
    "BIG_NODES",
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


# --------------------------------------------------------------------------- legend, filters


def _legend(ctx: Context, kind: str, parts: Parts) -> list[LegendSection]:
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


def _filters(ctx: Context, nodes: list[dict[str, Any]]) -> dict[str, list[tuple[str, str]]]:
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


def _scope_label(ctx: Context) -> str:
    scope = ctx.network.scope
    if scope.kind in ("all", "project"):
        return scope.label(ctx.lang, ctx.network.full_dataset.territories)
    label = ctx.territory(scope.code)
    if scope.kind == "gmina":
        label = f"{model.TERRITORY_KINDS.label('gmina', ctx.lang)} {label}"
    return label


def _suggest(ctx: Context, focus: str) -> str:
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
    min_count: int | None = None,
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
    if min_count is not None and min_count < 1:
        raise MapError(f"min_count must be at least 1, not {min_count}", hint="e.g. --min-count 3")


def build_map(
    network: Network,
    *,
    kind: str = "cooperation",
    size_by: str | None = None,
    focus: str | None = None,
    steps: int = 1,
    level: str | None = None,
    relation: RelationLike = None,
    lang: Lang = "pl",
    gaps: bool = True,
    gap_lines: bool | None = None,
    centrality: pd.DataFrame | None = None,
    gaps_co_serving: pd.DataFrame | None = None,
    gaps_sector: pd.DataFrame | None = None,
    gaps_referrals: pd.DataFrame | None = None,
    seed: int = 1,
    title: str | None = None,
    date: str | None = None,
    min_count: int | None = None,
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
    gap_lines
        Whether the gap lines (shared families, unanswered referrals) are switched on when
        the page opens; by default they are, unless the map is big (more than
        :data:`BIG_NODES` nodes or :data:`BIG_EDGES` edges), a group map (which opens
        showing membership only) or a referral map (referrals only). Switched off, they
        are still in the file and appear when their layer is switched on.
    centrality, gaps_co_serving, gaps_sector, gaps_referrals
        Results already computed by :mod:`kokon_graph.analysis` for this
        network; each one not given is computed when the map needs it.
    seed
        Seed of the layout.
    title
        Replaces the kind's default title.
    date
        The date of the data shown in the header (default: :func:`data_date`).
    min_count
        Counts of families and of referrals below this show as ``"<3"`` (and lines
        for them are as wide as for the threshold; referral arrows resting on fewer
        referrals are grey): the reports' small-count suppression, with its default
        (:data:`kokon_graph.model.DEFAULT_MIN_COUNT`). ``1`` shows every count.

    Raises
    ------
    MapError
        For an unknown kind, level or measure, an ego map without a focus,
        or a focus that is not in the network.
    """
    check_options(
        kind=kind,
        size_by=size_by,
        focus=focus,
        steps=steps,
        level=level,
        lang=lang,
        min_count=min_count,
    )
    if min_count is None:
        min_count = model.DEFAULT_MIN_COUNT
    ctx = Context(network, lang, min_count=min_count)
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
    inputs = Inputs(
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
        parts = cooperation_parts(ctx, inputs)
    elif kind == "ego":
        assert focus is not None
        parts = ego_parts(ctx, inputs, focus, steps)
    elif kind == "groups":
        parts = group_parts(ctx, inputs)
    elif kind == "referrals":
        parts = referral_parts(ctx, inputs)
    else:
        chosen = level or ("powiat" if network.scope.is_all else "gmina")
        parts = aggregate_parts(ctx, inputs, chosen)
    if kind == "aggregate":
        key = f"title_aggregate_{level or ('powiat' if network.scope.is_all else 'gmina')}"
        heading = title or ctx.t(key)
    else:
        heading = title or ctx.t(f"title_{kind}", name=ctx.names.get(focus or "", focus or ""))
    big = len(parts.nodes) > BIG_NODES or len(parts.edges) > BIG_EDGES
    gap_edge_layers = [
        layer for layer in parts.layers if layer.id in GAP_LAYERS and layer.target == "edges"
    ]
    if gap_lines is not None:
        for layer in gap_edge_layers:
            layer.on = gap_lines
    elif big and any(layer.on and layer.count for layer in gap_edge_layers):
        # thousands of dashed lines hide the map and slow its first draw: the gap lines of
        # a big map start switched off (the page loads them when their layer is switched on)
        for layer in gap_edge_layers:
            layer.on = False
        parts.notes.insert(0, ctx.t("notes_big_map"))
    if focus_node is not None and focus_node not in {n["id"] for n in parts.nodes}:
        raise MapError(f"{focus!r} is not on this map", hint="check the id and the scope")
    dataset = network.full_dataset
    facts = [
        (ctx.t("scope"), _scope_label(ctx)),
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
