"""The items of a map: institution nodes, edges of each layer, tooltips (private)."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping, Sequence
from functools import cached_property
from typing import Any, Final

import networkx as nx
import pandas as pd

from kokon_graph import model
from kokon_graph.analysis.results import GAP_KINDS
from kokon_graph.graph import Network
from kokon_graph.labels import group_label, place_name, short_labels
from kokon_graph.model import Lang, normalize_token
from kokon_graph.viz import _measures, style
from kokon_graph.viz.text import format_number, format_percent, text

#: Centrality columns shown in an institution's tooltip (besides the one sizing it).
TOOLTIP_MEASURES: Final = ("degree", "betweenness", "pagerank")

Tip = list[Any]  # [heading, [[label, value], ...]]


def clean(value: Any) -> Any:
    """A value JSON can hold: numpy scalars unwrapped, NaN dropped to ``None``."""
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def num(value: Any) -> float:
    value = clean(value)
    return 0.0 if value is None or value is pd.NA else float(value)


def columns(frame: pd.DataFrame, *names: str) -> list[list[Any]]:
    """Columns as Python lists (iterating Arrow-backed columns value by value is slow)."""
    return [frame[name].tolist() for name in names]


#: The last dataset's short labels: maps of many scopes of one dataset (an atlas) label
#: its institutions once. Holds the institutions table itself, so its id stays its own.
_SHORT_CACHE: list[tuple[pd.DataFrame, dict[str, str], dict[str, str]]] = []


def _dataset_short_labels(
    institutions: pd.DataFrame, territory_names: dict[str, str]
) -> dict[str, str]:
    """:func:`short_labels` of a whole dataset's institutions, remembered for the last one."""
    for frame, names, labels in _SHORT_CACHE:
        if frame is institutions and names == territory_names:
            return labels
    labels = short_labels(institutions, territory_names)
    _SHORT_CACHE[:] = [(institutions, dict(territory_names), labels)]
    return labels


class Context:
    """What every part of one map needs: the network, the language, names."""

    def __init__(self, network: Network, lang: Lang, *, min_count: int = 1) -> None:
        self.network = network
        self.lang: Lang = lang
        self.min_count = min_count
        inst = network.institutions
        self.inst = inst
        self.names: dict[str, str] = dict(
            zip(map(str, inst.index), columns(inst, "name")[0], strict=True)
        )
        terr = network.full_dataset.territories
        self.territory_names: dict[str, str] = dict(
            zip(*columns(terr, "teryt", "name"), strict=True)
        )
        # short labels of the whole dataset, so an institution is called the same on
        # every map of it, whatever the scope
        self.short: dict[str, str] = _dataset_short_labels(
            network.full_dataset.institutions, self.territory_names
        )

    @cached_property
    def groups_of(self) -> dict[str, list[str]]:
        """``{institution id: [short labels of its groups]}`` (the focus panel lists them)."""
        aff = self.network.affiliation()
        out: dict[str, list[str]] = defaultdict(list)
        for gid, data in aff.nodes(data=True):
            if data.get("kind") != model.NodeKind.GROUP:
                continue
            label = group_label(
                str(data.get("name") or gid),
                str(data.get("type", "")),
                self.place(str(data.get("teryt", ""))),
            )
            for member in aff.neighbors(gid):
                if aff.nodes[member].get("kind") != model.NodeKind.GROUP:
                    out[str(member)].append(label)
        return {k: sorted(v) for k, v in out.items()}

    def gap_label(self, kind: str) -> str:
        """The layer label of a gap kind, from the result registry ("Luka: ...")."""
        gap = GAP_KINDS[kind]
        return self.t("layer_gap", kind=gap.pl if self.lang == "pl" else gap.en)

    def place(self, code: str) -> str:
        """The place a short label names for ``code`` (:func:`kokon_graph.labels.place_name`)."""
        return place_name(code, self.territory_names)

    def t(self, key: str, **fields: Any) -> str:
        return text(key, self.lang, **fields)

    def territory(self, code: str, *, with_code: bool = True) -> str:
        """``Ostróda (2815011)``, ``powiat ostródzki (2815)``, ``województwo ... (28)``."""
        if not code:
            return self.t("territory_national")
        name = self.territory_names.get(code) or (
            model.VOIVODESHIP_CODES.get(code, "") if len(code) == 2 else ""
        )
        if len(code) == 7:
            label = name or f"{model.TERRITORY_KINDS.label('gmina', self.lang)} {code}"
        else:
            term = model.TERRITORY_KINDS.term("powiat" if len(code) == 4 else "voivodeship")
            kind = term.label(self.lang)
            if name and normalize_token(name).startswith(normalize_token(term.pl) + " "):
                name = name.split(" ", 1)[1]  # "powiat sokołowski": the kind is in the name
            if not name:
                label = f"{kind} {code}"
            else:
                label = f"{kind} {name}" if self.lang == "pl" else f"{name} {kind}"
        return f"{label} ({code})" if with_code and name else label

    def number(self, value: Any) -> str:
        return format_number(clean(value), self.lang)

    def hidden(self, count: Any) -> bool:
        """Whether a count of families (or referrals) is below the threshold."""
        return num(count) < self.min_count

    def count(self, value: Any) -> str:
        """A count of families or referrals: ``"<3"`` below the threshold, else the number."""
        return f"<{self.min_count}" if self.hidden(value) else self.number(value)

    def count_widths(self, values: Sequence[Any], *, low: float, high: float) -> list[float]:
        """Line widths for counts of families or referrals; counts below the threshold all
        look like the threshold, so a width does not tell 1 from 2."""
        return style.scale_widths([max(num(v), self.min_count) for v in values], low=low, high=high)


def tie_pairs(
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


def measure_columns(frame: pd.DataFrame | None, size_by: str) -> list[str]:
    if frame is None:
        return []
    wanted = [size_by, *[c for c in TOOLTIP_MEASURES if c != size_by]]
    return [c for c in wanted if c in frame.columns]


def sector_gap_rows(ctx: Context, frame: pd.DataFrame | None) -> dict[str, list[tuple[str, str]]]:
    """``{ops_id: [(sector, status), ...]}`` from the gaps_sector result."""
    out: dict[str, list[tuple[str, str]]] = defaultdict(list)
    if frame is None:
        return out
    for ops, sector, status in zip(*columns(frame, "ops_id", "sector", "status"), strict=True):
        if isinstance(ops, str) and ops:
            out[ops].append((str(sector), str(status)))
    return out


def gap_text(ctx: Context, gaps: Sequence[tuple[str, str]]) -> str:
    parts = []
    for sector, status in sorted(set(gaps)):
        word = ctx.t("tip_gap_absent" if status == "absent" else "tip_gap_no_tie")
        parts.append(f"{model.SECTORS.label(sector, ctx.lang)} ({word})")
    return "; ".join(parts)


def search_text(ctx: Context, *values: str) -> str:
    """What search matches a node on: its names, type (label and abbreviations) and place,
    folded (no case, no diacritics)."""
    return " ".join(normalize_token(v) for v in values if v)


def type_words(ctx: Context, code: str) -> str:
    """A type's label and the abbreviations staff type for it (``ops``: GOPS, MOPS, ...)."""
    if code not in model.INSTITUTION_TYPES:
        return code
    term = model.INSTITUTION_TYPES.term(code)
    short = [a for a in term.aliases if " " not in a and len(a) <= 6]
    return " ".join([term.pl, term.en, code.replace("_", " "), *short])


def institution_nodes(
    ctx: Context,
    ids: Sequence[str],
    *,
    centrality: pd.DataFrame | None,
    size_by: str,
    sector_gaps: Mapping[str, list[tuple[str, str]]],
    gaps_on: bool,
) -> list[dict[str, Any]]:
    inst = ctx.inst.loc[list(ids)]
    columns = measure_columns(centrality, size_by)
    values: dict[str, dict[str, Any]] = {}
    if centrality is not None:
        table = centrality.set_index("id")
        for column in columns:
            values[column] = table[column].to_dict()
    raw_sizes = [num(values.get(size_by, {}).get(i)) for i in ids]
    sizes = style.scale_sizes(raw_sizes, low=10, high=40)
    labels = {c: _measures.column_label("centrality", c, ctx.lang) for c in columns}
    nodes = []
    names, types, sectors, levels, terryts = (
        inst[c].astype(str).tolist() for c in ("name", "type", "sector", "level", "teryt")
    )
    head = [ctx.t(k) for k in ("tip_type", "tip_sector", "tip_level", "tip_territory", "tip_id")]
    for iid, name, kind, sector, level, teryt, size in zip(
        ids, names, types, sectors, levels, terryts, sizes, strict=True
    ):
        colour = style.SECTOR_COLOURS.get(sector, style.SECTOR_COLOURS[model.OTHER])
        rows: list[list[str]] = [
            [head[0], model.INSTITUTION_TYPES.label(kind, ctx.lang)],
            [head[1], model.SECTORS.label(sector, ctx.lang)],
            [head[2], model.LEVELS.label(level, ctx.lang)],
            [head[3], ctx.territory(teryt)],
            [head[4], str(iid)],
        ]
        rows += [[labels[c], ctx.number(values[c].get(iid))] for c in columns]
        short = ctx.short.get(str(iid), name)
        node: dict[str, Any] = {
            "id": str(iid),
            "label": short,
            "shape": style.LEVEL_SHAPES.get(level, style.LEVEL_SHAPES[model.OTHER]),
            "size": size,
            "kk": "institution",
            "sector": sector,
            "type": kind,
            "teryt": teryt,
            "fold": search_text(
                ctx,
                short,
                name,
                type_words(ctx, kind),
                model.SECTORS.label(sector, "pl"),
                ctx.territory(teryt, with_code=False),
            ),
        }
        set_colour(node, colour)
        groups = ctx.groups_of.get(str(iid))
        if groups:
            node["gr"] = groups
        gaps = sector_gaps.get(str(iid))
        if gaps:
            rows.append([ctx.t("tip_sector_gaps"), gap_text(ctx, gaps)])
            mark_gap(node, gaps_on)
        node["tip"] = [name, rows]
        nodes.append(node)
    return nodes


def set_colour(node: dict[str, Any], colour: str) -> None:
    border = style.darker(colour)
    node["color"] = {
        "background": colour,
        "border": border,
        "highlight": {"background": colour, "border": "#000000"},
        "hover": {"background": colour, "border": "#000000"},
    }
    node["borderWidth"] = 1


def mark_gap(node: dict[str, Any], on: bool) -> None:
    """Give a node both outlines (plain ``c0``/``w0``, gap ``c1``/``w1``); the page swaps."""
    plain = dict(node["color"])
    marked = {**plain, "border": style.GAP_COLOUR}
    node["gap"] = True
    node["c0"], node["w0"] = plain, node["borderWidth"]
    node["c1"], node["w1"] = marked, 5
    if on:
        node["color"], node["borderWidth"] = marked, 5


# --------------------------------------------------------------------------- edges


def make_edge(
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
        "color": colour,
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


def tie_layer(ctx: Context, ties: list[tuple[str, str, dict[str, Any]]]) -> list[dict[str, Any]]:
    widths = style.scale_widths([num(d.get("weight", 1.0)) for *_, d in ties])
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
        edge = make_edge("ties", i, u, v, width=width, amount=num(data.get("weight")), tip=tip)
        edge["kd"] = kinds  # the focus panel lists partners by kind of tie
        out.append(edge)
    return out


def co_serving_layer(ctx: Context, frame: pd.DataFrame, keep: set[str]) -> list[dict[str, Any]]:
    rows = frame[frame["source"].isin(keep) & frame["target"].isin(keep)]
    rows = rows.sort_values(["source", "target"], kind="stable")
    widths = ctx.count_widths(list(rows["shared_families"]), low=1, high=4)
    out = []
    for i, (s, t, n, width) in enumerate(
        zip(*columns(rows, "source", "target", "shared_families"), widths, strict=True)
    ):
        tip = [
            f"{ctx.names.get(s, s)} — {ctx.names.get(t, t)}",
            [[ctx.t("tip_shared_families"), ctx.count(n)]],
        ]
        edge = make_edge("gap_co_serving", i, str(s), str(t), width=width, amount=num(n), tip=tip)
        edge["c"] = ctx.count(n)  # "<3" or the number, as in the tooltip
        out.append(edge)
    return out


def referral_rows(
    ctx: Context, referrals: Any, answered: Any, unanswered: Any, rate: Any
) -> list[list[str]]:
    """Tooltip rows of referrals between two institutions; the share answered rests on
    the referrals and is hidden with them."""
    share = ctx.count(referrals) if ctx.hidden(referrals) else format_percent(clean(rate), ctx.lang)
    return [
        [ctx.t("tip_referrals"), ctx.count(referrals)],
        [ctx.t("tip_answered"), ctx.count(answered)],
        [ctx.t("tip_unanswered"), ctx.count(unanswered)],
        [ctx.t("tip_answer_rate"), share],
    ]


def unanswered_layer(ctx: Context, frame: pd.DataFrame, keep: set[str]) -> list[dict[str, Any]]:
    rows = frame[
        frame["source"].isin(keep) & frame["target"].isin(keep) & (frame["unanswered"] > 0)
    ]
    rows = rows.sort_values(["source", "target"], kind="stable")
    widths = ctx.count_widths(list(rows["unanswered"]), low=1, high=4)
    out = []
    for i, (row, width) in enumerate(zip(rows.itertuples(index=False), widths, strict=True)):
        s, t = str(row.source), str(row.target)
        tip = [
            f"{ctx.names.get(s, s)} → {ctx.names.get(t, t)}",
            referral_rows(ctx, row.referrals, row.answered, row.unanswered, row.answer_rate),
        ]
        edge = make_edge(
            "gap_referrals",
            i,
            s,
            t,
            width=width,
            amount=num(row.unanswered),
            tip=tip,
            curved=True,
        )
        edge["c"] = ctx.count(row.unanswered)
        out.append(edge)
    return out
