"""Before and after: how a cooperation network changed between two waves or two datasets.

Pure functions from two networks (or two sets of results of
:func:`kokon_graph.analysis.run_all`) to DataFrames:

* :func:`tie_changes` — every cooperation arc gained or lost, with both ends' sectors;
* :func:`ties_by_sector` — arcs before, after, gained and lost per pair of sectors;
* :func:`network_change` — each network-level measure before, after and the change;
* :func:`centrality_change` — each actor's centrality before, after and the change,
  largest moves first;
* :func:`gap_changes` — coordination gaps closed, opened or changed;
* :func:`territory_change` — institutions, arcs gained and lost and density per gmina
  and powiat;
* :func:`compare_networks` — all of the above for two networks.

An actor or tie is matched by its id in both networks. An institution present
in only one network counts with zero centrality in the other (``present`` says
where it is). Comparing a network with itself gives no gained or lost tie, no
closed or opened gap and every change zero.

Examples
--------
>>> import pandas as pd
>>> before = {"network": pd.DataFrame({"ties": [4], "density": [0.2]})}
>>> after = {"network": pd.DataFrame({"ties": [6], "density": [0.3]})}
>>> network_change(before, after)[["measure", "before", "after", "change"]].values.tolist()
[['ties', 4.0, 6.0, 2.0], ['density', 0.2, 0.3, 0.09999999999999998]]
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final

import numpy as np
import pandas as pd

from kokon_graph.analysis.change import DEFAULT_PERMUTATIONS
from kokon_graph.analysis.results import GAP_KINDS

if TYPE_CHECKING:
    from kokon_graph.graph import Network, RelationLike

__all__ = [
    "CENTRALITY_MEASURES",
    "centrality_change",
    "compare_networks",
    "gap_changes",
    "network_change",
    "territory_change",
    "tie_changes",
    "tie_table",
    "ties_by_sector",
]

#: Centrality columns compared by default.
CENTRALITY_MEASURES: Final = ("degree", "betweenness", "eigenvector", "pagerank")

Results = Mapping[str, pd.DataFrame]

_TIE_COLUMNS: Final = [
    "source",
    "target",
    "source_name",
    "target_name",
    "source_sector",
    "target_sector",
    "status",
]


def tie_table(network: Network, *, relation: RelationLike = None) -> pd.DataFrame:
    """The cooperation arcs of ``network`` with both ends' names and sectors."""
    graph = network.cooperation(relation=relation, directed=True)
    arcs = list(graph.edges())
    inst = network.institutions
    frame = pd.DataFrame(arcs, columns=["source", "target"], dtype=str)
    names = inst["name"].astype(str)
    sectors = inst["sector"].astype(str)
    return frame.assign(
        source_name=frame["source"].map(names),
        target_name=frame["target"].map(names),
        source_sector=frame["source"].map(sectors),
        target_sector=frame["target"].map(sectors),
    )


def tie_changes(before: pd.DataFrame, after: pd.DataFrame) -> pd.DataFrame:
    """Arcs present in only one of two tie tables (:func:`tie_table`).

    Returns
    -------
    pandas.DataFrame
        ``source``, ``target``, names, sectors and ``status``: ``"gained"``
        (only after) or ``"lost"`` (only before); gained first, then by ids.
    """
    key_b = before["source"] + "\x00" + before["target"]
    key_a = after["source"] + "\x00" + after["target"]
    gained = after[~key_a.isin(set(key_b))].assign(status="gained")
    lost = before[~key_b.isin(set(key_a))].assign(status="lost")
    out = pd.concat([gained, lost], ignore_index=True)
    if out.empty:
        return pd.DataFrame({c: pd.Series(dtype=str) for c in _TIE_COLUMNS})
    return out[_TIE_COLUMNS].sort_values(
        ["status", "source", "target"], ascending=[True, True, True], ignore_index=True
    )


def ties_by_sector(before: pd.DataFrame, after: pd.DataFrame) -> pd.DataFrame:
    """Per ordered pair of sectors: arcs before, after, gained, lost and the change.

    Rows are every pair with an arc in either network, the largest absolute
    change first.
    """
    changes = tie_changes(before, after)
    keys = ["source_sector", "target_sector"]

    def count(frame: pd.DataFrame, name: str) -> pd.Series:
        return frame.groupby(keys).size().rename(name)

    parts = [
        count(before, "before"),
        count(after, "after"),
        count(changes[changes["status"] == "gained"], "gained"),
        count(changes[changes["status"] == "lost"], "lost"),
    ]
    table = pd.concat(parts, axis=1).fillna(0).astype("int64")
    if table.empty:
        return pd.DataFrame(
            {
                **{k: pd.Series(dtype=str) for k in keys},
                **{
                    c: pd.Series(dtype="int64")
                    for c in ("before", "after", "gained", "lost", "change")
                },
            }
        )
    table["change"] = table["after"] - table["before"]
    table = table.reset_index()
    order = table["change"].abs().sort_values(ascending=False, kind="stable").index
    return table.loc[order].reset_index(drop=True)


def _row(frame: pd.DataFrame | None) -> dict[str, Any]:
    if frame is None or frame.empty:
        return {}
    return frame.iloc[0].to_dict()


def network_change(before: Results, after: Results) -> pd.DataFrame:
    """Each numeric network-level measure (the ``network`` result): before, after, change."""
    b, a = _row(before.get("network")), _row(after.get("network"))
    rows = []
    for measure in list(dict.fromkeys([*b, *a])):
        vb, va = b.get(measure), a.get(measure)
        numeric = [
            v
            for v in (vb, va)
            if isinstance(v, int | float | np.number) and not isinstance(v, bool | np.bool_)
        ]
        if not numeric:
            continue
        fb = float(vb) if isinstance(vb, int | float | np.number) else np.nan
        fa = float(va) if isinstance(va, int | float | np.number) else np.nan
        rows.append({"measure": str(measure), "before": fb, "after": fa, "change": fa - fb})
    return pd.DataFrame(rows, columns=["measure", "before", "after", "change"])


_IDENTITY: Final = ["id", "name", "type", "sector", "teryt"]


def centrality_change(
    before: Results,
    after: Results,
    *,
    measures: Sequence[str] = CENTRALITY_MEASURES,
) -> pd.DataFrame:
    """Each actor's centrality before and after, in long form, largest moves first.

    Returns
    -------
    pandas.DataFrame
        ``id``, ``name``, ``type``, ``sector``, ``teryt``, ``present``
        (``both``, ``before``, ``after``), ``measure``, ``before``, ``after``,
        ``change`` and ``abs_change``; sorted by measure (in the order given)
        and then by ``abs_change`` descending.
    """
    cb = before.get("centrality", pd.DataFrame(columns=["id"]))
    ca = after.get("centrality", pd.DataFrame(columns=["id"]))
    measures = [m for m in measures if m in cb.columns or m in ca.columns]
    ident = [c for c in _IDENTITY if c in cb.columns or c in ca.columns]
    people = pd.concat([ca[ident], cb[ident]], ignore_index=True).drop_duplicates("id")
    ids_b, ids_a = set(cb["id"]), set(ca["id"])
    present = people["id"].map(
        lambda i: "both" if i in ids_b and i in ids_a else ("before" if i in ids_b else "after")
    )
    people = people.assign(present=present).set_index("id", drop=False)
    frames = []
    for measure in measures:
        vb = cb.set_index("id")[measure] if measure in cb.columns else pd.Series(dtype=float)
        va = ca.set_index("id")[measure] if measure in ca.columns else pd.Series(dtype=float)
        values_b = people["id"].map(vb).astype(float).fillna(0.0)
        values_a = people["id"].map(va).astype(float).fillna(0.0)
        change = values_a - values_b
        frames.append(
            people.assign(
                measure=measure,
                before=values_b.to_numpy(),
                after=values_a.to_numpy(),
                change=change.to_numpy(),
                abs_change=change.abs().to_numpy(),
            ).reset_index(drop=True)
        )
    columns = [*ident, "present", "measure", "before", "after", "change", "abs_change"]
    if not frames:
        return pd.DataFrame(columns=columns)
    out = pd.concat(frames, ignore_index=True)[columns]
    order = {m: i for i, m in enumerate(measures)}
    out = out.assign(_order=out["measure"].map(order))
    out = out.sort_values(["_order", "abs_change", "id"], ascending=[True, False, True])
    return out.drop(columns="_order").reset_index(drop=True)


def _pair_key(frame: pd.DataFrame) -> pd.Series:
    low = frame[["source", "target"]].min(axis=1)
    high = frame[["source", "target"]].max(axis=1)
    return low + " – " + high


_GAP_COLUMNS: Final = [
    "gap",
    "key",
    "description",
    "status",
    "detail_before",
    "detail_after",
    "count_before",
    "count_after",
]


def _name_or_id(frame: pd.DataFrame, name: str, ident: str) -> pd.Series:
    """``frame[name]`` as text, or ``frame[ident]`` where the name is empty."""
    base = frame[ident].astype(str)
    values = frame[name].astype(str)
    return values.where(frame[name].notna() & (values != ""), base)


def _gap_rows(
    gap: str,
    before: pd.DataFrame,
    after: pd.DataFrame,
    key: Callable[[pd.DataFrame], pd.Series],
    describe: Callable[[pd.DataFrame], pd.Series],
    detail: Callable[[pd.DataFrame], pd.Series] | None = None,
    count: str | None = None,
) -> pd.DataFrame:
    """Closed, opened and (with ``detail``) changed gaps of one kind, vectorised."""
    fb = before.assign(_key=key(before).to_numpy()).drop_duplicates("_key").set_index("_key")
    fa = after.assign(_key=key(after).to_numpy()).drop_duplicates("_key").set_index("_key")
    closed = fb.index.difference(fa.index)
    opened = fa.index.difference(fb.index)

    def block(frame: pd.DataFrame, keys: pd.Index, status: str, side: str) -> pd.DataFrame:
        sub = frame.loc[keys]
        text = detail(sub).to_numpy() if detail is not None else np.full(len(sub), "")
        counts = (
            sub[count].astype("Int64").to_numpy()
            if count is not None
            else pd.array([None] * len(sub), dtype="Int64")
        )
        empty = np.full(len(sub), "")
        none = pd.array([None] * len(sub), dtype="Int64")
        return pd.DataFrame(
            {
                "gap": gap,
                "key": np.asarray(keys, dtype=object),
                "description": describe(sub).to_numpy(),
                "status": status,
                "detail_before": text if side == "before" else empty,
                "detail_after": text if side == "after" else empty,
                "count_before": counts if side == "before" else none,
                "count_after": counts if side == "after" else none,
            }
        )

    parts = [block(fb, closed, "closed", "before"), block(fa, opened, "opened", "after")]
    if detail is not None:
        both = fb.index.intersection(fa.index)
        d_b = detail(fb.loc[both]).to_numpy()
        d_a = detail(fa.loc[both]).to_numpy()
        moved = both[d_b != d_a]
        if len(moved):
            changed = block(fa, moved, "changed", "after")
            changed["detail_before"] = detail(fb.loc[moved]).to_numpy()
            parts.append(changed)
    out = (
        pd.concat([p for p in parts if len(p)], ignore_index=True)
        if any(len(p) for p in parts)
        else pd.DataFrame(columns=_GAP_COLUMNS)
    )
    return out.sort_values("key", kind="stable", ignore_index=True)


def _positive(column: str) -> Callable[[pd.DataFrame], pd.DataFrame]:
    def keep(frame: pd.DataFrame) -> pd.DataFrame:
        return frame[pd.to_numeric(frame[column], errors="coerce").fillna(0) > 0]

    return keep


def _everything(frame: pd.DataFrame) -> pd.DataFrame:
    return frame


@dataclass(frozen=True)
class _GapRule:
    """How gaps of one kind are matched, described and counted between two results."""

    key: Callable[[pd.DataFrame], pd.Series]
    describe: Callable[[pd.DataFrame], pd.Series]
    keep: Callable[[pd.DataFrame], pd.DataFrame] = _everything
    detail: Callable[[pd.DataFrame], pd.Series] | None = None
    count: str | None = None


def _pair_text(sep: str) -> Callable[[pd.DataFrame], pd.Series]:
    def text(f: pd.DataFrame) -> pd.Series:
        return (
            _name_or_id(f, "source_name", "source") + sep + _name_or_id(f, "target_name", "target")
        )

    return text


#: One rule per gap kind of :data:`~kokon_graph.analysis.results.GAP_KINDS` (a test keeps
#: the two in step).
_GAP_RULES: Final[dict[str, _GapRule]] = {
    "co_serving": _GapRule(_pair_key, _pair_text(" – "), count="shared_families"),
    "sector": _GapRule(
        lambda f: f["gmina"].astype(str) + " " + f["sector"].astype(str),
        lambda f: _name_or_id(f, "gmina_name", "gmina") + ": " + f["sector"].astype(str),
        detail=lambda f: f["status"].astype(str),
    ),
    "referrals": _GapRule(
        lambda f: f["source"].astype(str) + " → " + f["target"].astype(str),
        _pair_text(" → "),
        keep=_positive("unanswered"),
        count="unanswered",
    ),
    "uncoordinated": _GapRule(
        lambda f: f["gmina"].astype(str),
        lambda f: _name_or_id(f, "gmina_name", "gmina"),
        keep=_positive("uncoordinated"),
        count="uncoordinated",
    ),
    "group_coverage": _GapRule(
        lambda f: f["group_id"].astype(str) + " " + f["sector"].astype(str),
        lambda f: _name_or_id(f, "group_name", "group_id") + ": " + f["sector"].astype(str),
    ),
}


def gap_changes(before: Results, after: Results) -> pd.DataFrame:
    """Coordination gaps closed (only before), opened (only after) or changed.

    Gap kinds (:data:`~kokon_graph.analysis.results.GAP_KINDS`): ``co_serving`` (a pair
    serving shared families with no tie; ``count_*`` are shared families), ``sector`` (a
    gmina's required sector absent or untied; ``detail_*`` is the status), ``referrals`` (a
    pair with unanswered referrals; ``count_*`` are unanswered referrals),
    ``uncoordinated`` (a gmina with uncoordinated families; ``count_*`` are those
    families), ``group_coverage`` (a sector missing from a group). A gap in both networks
    is listed only when its status changed; a kind whose result is missing from either
    side is skipped.

    Returns
    -------
    pandas.DataFrame
        ``gap``, ``key``, ``description``, ``status``, ``detail_before``,
        ``detail_after``, ``count_before``, ``count_after``.
    """
    rows: list[pd.DataFrame] = []
    for kind in GAP_KINDS.values():
        b, a = before.get(kind.result), after.get(kind.result)
        if b is None or a is None:
            continue
        rule = _GAP_RULES[kind.name]
        rows.append(
            _gap_rows(
                kind.name,
                rule.keep(b),
                rule.keep(a),
                rule.key,
                rule.describe,
                detail=rule.detail,
                count=rule.count,
            )
        )
    frames = [r for r in rows if len(r)]
    out = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=_GAP_COLUMNS)
    return out[_GAP_COLUMNS].astype({"count_before": "Int64", "count_after": "Int64"})


def _territory_rows(
    network: Network, ties: pd.DataFrame, level: str
) -> tuple[pd.Series, pd.Series, dict[str, str]]:
    inst = network.institutions
    codes = inst[level].astype(str)
    counts = codes[codes != ""].value_counts()
    src = ties["source"].map(codes)
    dst = ties["target"].map(codes)
    inside = ties[(src == dst) & src.notna() & (src != "")]
    arcs = inside["source"].map(codes).value_counts()
    territories = network.full_dataset.territories
    names = dict(
        zip(territories["teryt"].astype(str), territories["name"].astype(str), strict=True)
    )
    return counts, arcs, names


def territory_change(
    before_net: Network,
    after_net: Network,
    before_ties: pd.DataFrame,
    after_ties: pd.DataFrame,
) -> pd.DataFrame:
    """Per gmina and per powiat: institutions, arcs inside it, gained, lost, density.

    An arc counts for a territory when both ends are located in it; density is
    arcs / (n (n − 1)) over the n institutions located in it.
    """
    changes = tie_changes(before_ties, after_ties)
    rows = []
    for level in ("powiat", "gmina"):
        nb, ab, names_b = _territory_rows(before_net, before_ties, level)
        na, aa, names_a = _territory_rows(after_net, after_ties, level)
        codes_a = after_net.institutions[level].astype(str)
        codes_b = before_net.institutions[level].astype(str)
        gained_src = changes.loc[changes["status"] == "gained"]
        lost_src = changes.loc[changes["status"] == "lost"]
        g_in = gained_src[gained_src["source"].map(codes_a) == gained_src["target"].map(codes_a)][
            "source"
        ].map(codes_a)
        l_in = lost_src[lost_src["source"].map(codes_b) == lost_src["target"].map(codes_b)][
            "source"
        ].map(codes_b)
        gained, lost = g_in.value_counts(), l_in.value_counts()
        for code in sorted(set(nb.index) | set(na.index)):
            if not code:
                continue
            n_b, n_a = int(nb.get(code, 0)), int(na.get(code, 0))
            t_b, t_a = int(ab.get(code, 0)), int(aa.get(code, 0))
            rows.append(
                {
                    "level": level,
                    "teryt": code,
                    "territory_name": names_a.get(code) or names_b.get(code, ""),
                    "institutions_before": n_b,
                    "institutions_after": n_a,
                    "ties_before": t_b,
                    "ties_after": t_a,
                    "gained": int(gained.get(code, 0)),
                    "lost": int(lost.get(code, 0)),
                    "density_before": t_b / (n_b * (n_b - 1)) if n_b > 1 else np.nan,
                    "density_after": t_a / (n_a * (n_a - 1)) if n_a > 1 else np.nan,
                }
            )
    columns = [
        "level",
        "teryt",
        "territory_name",
        "institutions_before",
        "institutions_after",
        "ties_before",
        "ties_after",
        "gained",
        "lost",
        "density_before",
        "density_after",
    ]
    out = pd.DataFrame(rows, columns=columns)
    out["density_change"] = out["density_after"] - out["density_before"]
    return out


def compare_networks(
    before: Network,
    after: Network,
    *,
    relation: RelationLike = None,
    before_results: Results | None = None,
    after_results: Results | None = None,
    permutations: int | None = DEFAULT_PERMUTATIONS,
    seed: int = 0,
    **analysis: Any,
) -> dict[str, pd.DataFrame]:
    """Everything that changed from ``before`` to ``after``.

    Parameters
    ----------
    before, after
        The two networks (two waves of one dataset, or two datasets), each
        already scoped.
    relation
        Cooperation kinds to compare (all by default); also passed to ``run_all``.
    before_results, after_results
        Results of :func:`kokon_graph.analysis.run_all` if already computed.
    permutations, seed
        Relabelings and seed of the tests of change
        (:func:`kokon_graph.analysis.significance.compare_change_tests`); ``None`` leaves
        them out.
    **analysis
        Further keyword arguments of ``run_all`` (``partition``, ``min_services``, ...).

    Returns
    -------
    dict
        ``network_change``, ``ties_by_sector``, ``tie_changes``,
        ``centrality_change``, ``gap_changes``, ``territory_change`` and, for two waves of
        one dataset with ``permutations``, ``change_tests``.
    """
    from kokon_graph.analysis import run_all

    rb = (
        before_results
        if before_results is not None
        else run_all(before, relation=relation, **analysis)
    )
    ra = (
        after_results
        if after_results is not None
        else run_all(after, relation=relation, **analysis)
    )
    tb = tie_table(before, relation=relation)
    ta = tie_table(after, relation=relation)
    out = {
        "network_change": network_change(rb, ra),
        "ties_by_sector": ties_by_sector(tb, ta),
        "tie_changes": tie_changes(tb, ta),
        "centrality_change": centrality_change(rb, ra),
        "gap_changes": gap_changes(rb, ra),
        "territory_change": territory_change(before, after, tb, ta),
    }
    if permutations is not None:
        from kokon_graph.analysis.significance import compare_change_tests

        tests = compare_change_tests(
            before, after, relation=relation, permutations=permutations, seed=seed
        )
        if tests is not None:
            out["change_tests"] = tests
    return out
