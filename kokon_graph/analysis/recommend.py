"""Recommended ties: the cooperation that would close the most coordination gaps.

Candidates are the pairs of institutions that share families without a tie
(:func:`~kokon_graph.analysis.gaps.gaps_co_serving`) and, for every gmina
whose social assistance centre has no tie to a required sector
(:func:`~kokon_graph.analysis.gaps.gaps_sector`, status ``no_tie``), the
centre paired with the available institution of that sector that shares most
families with it (then the most connected, then the lowest id).

Each candidate is scored (a transparent heuristic, the weights are parameters)::

    score = shared_families
          + sector_gap_weight × sector gaps it closes
          + community_weight  × (1 if it joins two Louvain communities)
          + sector_weight     × (1 if it joins two sectors)

and explained: each row has a structured :class:`Reason` (in the frame's ``attrs``,
:func:`reasons_of`) and its wording in Polish and English. A count of families below
``min_count`` is written as "fewer than 3", as the reports suppress small counts;
:func:`reworded` words the same reasons for another threshold without recomputing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from kokon_graph import model
from kokon_graph.analysis._graphs import cooperation_matrices
from kokon_graph.analysis._tables import table_codes
from kokon_graph.analysis.communities import detect
from kokon_graph.analysis.gaps import gaps_co_serving, gaps_sector
from kokon_graph.analysis.results import REGISTRY
from kokon_graph.graph import Network, RelationLike
from kokon_graph.model import DEFAULT_MIN_COUNT

__all__ = ["REASONS_ATTR", "Reason", "families_pl", "reasons_of", "recommendations", "reworded"]

_COLUMNS = REGISTRY["recommendations"].dtypes


def families_pl(count: int) -> str:
    """``count`` families in Polish, in the accusative case ("obsługują 2 rodziny").

    >>> [families_pl(k) for k in (1, 2, 5, 12, 22, 25)]
    ['1 rodzinę', '2 rodziny', '5 rodzin', '12 rodzin', '22 rodziny', '25 rodzin']
    """
    if count == 1:
        return "1 rodzinę"
    if count % 10 in (2, 3, 4) and count % 100 not in (12, 13, 14):
        return f"{count} rodziny"
    return f"{count} rodzin"


@dataclass(frozen=True)
class Reason:
    """Why a tie is recommended, as data (worded by :meth:`words`).

    Attributes
    ----------
    shared_families
        Families both institutions serve or referred.
    sector_gaps
        ``(gmina name, sector)`` of each gmina sector gap the tie would close.
    communities
        The two Louvain communities it would link, if they differ.
    sectors
        The two sectors it would join, if they differ.
    """

    shared_families: int
    sector_gaps: tuple[tuple[str, str], ...] = ()
    communities: tuple[int, int] | None = None
    sectors: tuple[str, str] | None = None

    def to_dict(self) -> dict[str, Any]:
        """Plain data (JSON-able, so writers that keep a frame's ``attrs`` can store it)."""
        return {
            "shared_families": self.shared_families,
            "sector_gaps": [list(gap) for gap in self.sector_gaps],
            "communities": list(self.communities) if self.communities else None,
            "sectors": list(self.sectors) if self.sectors else None,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Reason:
        """The reason :meth:`to_dict` gave."""
        communities, sectors = data["communities"], data["sectors"]
        return cls(
            int(data["shared_families"]),
            tuple((str(g), str(s)) for g, s in data["sector_gaps"]),
            (int(communities[0]), int(communities[1])) if communities else None,
            (str(sectors[0]), str(sectors[1])) if sectors else None,
        )

    def words(self, lang: str, *, min_count: int = DEFAULT_MIN_COUNT) -> str:
        """The reason as one sentence in ``lang``; a count of families below ``min_count``
        reads "fewer than" (the threshold the reports suppress counts below)."""
        return _words(self, min_count)[0 if lang == "pl" else 1]


#: Key of the structured reasons in the recommendations frame's ``attrs`` (one per row, as
#: :meth:`Reason.to_dict` gives it).
REASONS_ATTR = "reasons"


def reasons_of(frame: pd.DataFrame) -> list[Reason]:
    """The structured :class:`Reason` of each row of a :func:`recommendations` frame."""
    return [Reason.from_dict(d) for d in frame.attrs.get(REASONS_ATTR, ())]


def reworded(frame: pd.DataFrame, *, min_count: int) -> pd.DataFrame:
    """``frame`` (recommendations) with ``reason_pl``/``reason_en`` worded for
    ``min_count``, from its structured reasons; nothing is recomputed."""
    reasons = reasons_of(frame)
    if len(reasons) != len(frame):
        raise ValueError("the recommendations frame has lost its structured reasons")
    out = frame.copy()
    out["reason_pl"] = pd.Series(
        [r.words("pl", min_count=min_count) for r in reasons], index=frame.index, dtype="str"
    )
    out["reason_en"] = pd.Series(
        [r.words("en", min_count=min_count) for r in reasons], index=frame.index, dtype="str"
    )
    return out


def _words(reason: Reason, min_count: int) -> tuple[str, str]:
    shared = reason.shared_families
    pl: list[str] = []
    en: list[str] = []
    if shared >= min_count:
        pl.append(f"wspólnie obsługują {families_pl(shared)}, ale nie zgłaszają współpracy")
        en.append(
            f"they serve {shared} famil{'y' if shared == 1 else 'ies'} in common "
            "but report no cooperation"
        )
    elif shared > 0:
        pl.append(
            f"wspólnie obsługują mniej niż {families_pl(min_count)}, ale nie zgłaszają współpracy"
        )
        en.append(f"they serve fewer than {min_count} families in common but report no cooperation")
    for gmina_name, sector in reason.sector_gaps:
        pl.append(
            f"połączyłoby ośrodek pomocy społecznej gminy {gmina_name} "
            f"z sektorem „{model.SECTORS.label(sector, 'pl')}”"
        )
        en.append(
            f"it would tie the social assistance centre of gmina {gmina_name} "
            f"to the {model.SECTORS.label(sector, 'en')} sector"
        )
    if reason.communities is not None:
        a, b = reason.communities
        pl.append(f"połączyłoby dwie społeczności sieci ({a} i {b})")
        en.append(f"it would link two communities of the network ({a} and {b})")
    if reason.sectors is not None:
        s, t = reason.sectors
        pl.append(f"łączy sektory {model.SECTORS.label(s, 'pl')} i {model.SECTORS.label(t, 'pl')}")
        en.append(
            f"it joins the sectors {model.SECTORS.label(s, 'en')} and "
            f"{model.SECTORS.label(t, 'en')}"
        )

    def sentence(parts: list[str]) -> str:
        text = "; ".join(parts)
        return (text[:1].upper() + text[1:] + ".") if text else ""

    return sentence(pl), sentence(en)


def recommendations(
    network: Network,
    *,
    relation: RelationLike = None,
    top: int = 100,
    sector_gap_weight: float = 3.0,
    community_weight: float = 1.0,
    sector_weight: float = 0.5,
    min_count: int = 3,
    seed: int = 0,
    co_serving: pd.DataFrame | None = None,
    sector_gaps: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The ties that would close the most gaps, best first, each with its reason.

    Parameters
    ----------
    network
        The network.
    relation
        Cooperation kinds that count as a tie; all by default.
    top
        Keep this many recommendations (0: all candidates).
    sector_gap_weight, community_weight, sector_weight
        Weights of the score (see the module docstring).
    min_count
        Family counts below this are written as "fewer than" in the reasons.
    seed
        Seed of the Louvain communities.
    co_serving, sector_gaps
        Results already computed by :func:`gaps_co_serving` and
        :func:`gaps_sector` (computed here when not given).

    Returns
    -------
    pandas.DataFrame
        ``source``, ``target``, ``source_name``, ``target_name``,
        ``source_sector``, ``target_sector``, ``score``, ``shared_families``,
        ``sector_gaps_closed``, ``bridges_communities``, ``bridges_sectors``,
        ``reason_pl``, ``reason_en``.

    Examples
    --------
    >>> from kokon_graph.analysis._demo import demo_network
    >>> best = recommendations(demo_network()).iloc[0]
    >>> best["source"], best["target"], float(best["score"])
    ('OPS', 'KPP', 4.5)
    >>> print(best["reason_en"])  # doctest: +NORMALIZE_WHITESPACE
    They serve fewer than 3 families in common but report no cooperation; it would tie the
    social assistance centre of gmina Praga-Północ to the police sector; it joins the sectors
    social assistance and integration and police.
    """
    mats = cooperation_matrices(network, relation)
    ids = mats.ids
    index = mats.index
    if co_serving is None:
        co_serving = gaps_co_serving(network, relation=relation)
    if sector_gaps is None:
        sector_gaps = gaps_sector(network, relation=relation)
    inst = network.institutions
    names = inst["name"].astype(str).to_numpy()
    sectors = inst["sector"].astype(str).to_numpy()
    teryt = inst["teryt"].fillna("").astype(str).to_numpy()
    # candidate pairs (a < b): shared families from co-serving, sector gaps they close
    shared_of: dict[tuple[int, int], int] = {}
    gaps_of: dict[tuple[int, int], list[tuple[str, str]]] = {}
    row_of = pd.Index(ids)
    src = row_of.get_indexer(co_serving["source"]).astype(np.int64)
    dst = row_of.get_indexer(co_serving["target"]).astype(np.int64)
    co_a, co_b = np.minimum(src, dst), np.maximum(src, dst)
    co_k = co_serving["shared_families"].to_numpy(dtype=np.int64)
    no_tie = sector_gaps[sector_gaps["status"] == "no_tie"]
    if len(no_tie):
        shared_all = table_codes(network).shared
        degree = np.diff(mats.sym.indptr)
        rows_at: dict[str, list[int]] = {}
        for row, code in enumerate(teryt):
            rows_at.setdefault(code, []).append(row)
        for gmina, gname, ops, sector in zip(
            no_tie["gmina"], no_tie["gmina_name"], no_tie["ops_id"], no_tie["sector"], strict=True
        ):
            centre = index[ops]
            near = [
                r
                for code in {gmina, gmina[:4], gmina[:2], ""}
                for r in rows_at.get(code, [])
                if sectors[r] == sector and r != centre
            ]
            if not near:
                continue
            available = np.asarray(sorted(near), dtype=np.int64)
            scores = np.asarray(shared_all[np.full(len(available), centre), available]).ravel()
            order = np.lexsort((available, -degree[available], -scores))
            best = int(available[order[0]])
            key = (min(centre, best), max(centre, best))
            gaps_of.setdefault(key, []).append((gname or gmina, sector))
            shared_of[key] = int(scores[order[0]])
    co_pairs = set(zip(co_a.tolist(), co_b.tolist(), strict=True))
    extra = [k for k in gaps_of if k not in co_pairs]
    all_a = np.concatenate([co_a, np.asarray([k[0] for k in extra], dtype=np.int64)])
    all_b = np.concatenate([co_b, np.asarray([k[1] for k in extra], dtype=np.int64)])
    all_k = np.concatenate([co_k, np.asarray([shared_of[k] for k in extra], dtype=np.int64)])
    if not len(all_a):
        empty = pd.DataFrame({c: pd.Series(dtype=t) for c, t in _COLUMNS.items()})
        empty.attrs[REASONS_ATTR] = []
        return empty
    n_gaps = (
        np.asarray(
            [
                len(gaps_of.get((int(a), int(b)), ()))
                for a, b in zip(all_a.tolist(), all_b.tolist(), strict=True)
            ]
        )
        if gaps_of
        else np.zeros(len(all_a), dtype=np.int64)
    )
    labels = detect(mats, method="louvain", seed=seed).labels
    diff_comm = labels[all_a] != labels[all_b]
    diff_sector = sectors[all_a] != sectors[all_b]
    score = (
        all_k
        + sector_gap_weight * n_gaps
        + community_weight * diff_comm
        + sector_weight * diff_sector
    )
    # best first, then by the institutions' ids: the order says no more than the score (a
    # tie broken by the count of shared families would tell 1 from 2 where it is hidden)
    id_of = np.asarray(ids, dtype=object)
    order = np.lexsort((id_of[all_b], id_of[all_a], -score))
    if top > 0:
        order = order[:top]
    rows = []
    reasons = []
    for i in order:
        a, b = int(all_a[i]), int(all_b[i])
        reason = Reason(
            int(all_k[i]),
            tuple(gaps_of.get((a, b), ())),
            (int(labels[a]), int(labels[b])) if diff_comm[i] else None,
            (str(sectors[a]), str(sectors[b])) if diff_sector[i] else None,
        )
        reasons.append(reason)
        pl, en = _words(reason, min_count)
        rows.append(
            {
                "source": ids[a],
                "target": ids[b],
                "source_name": str(names[a]),
                "target_name": str(names[b]),
                "source_sector": str(sectors[a]),
                "target_sector": str(sectors[b]),
                "score": float(score[i]),
                "shared_families": int(all_k[i]),
                "sector_gaps_closed": int(n_gaps[i]),
                "bridges_communities": bool(diff_comm[i]),
                "bridges_sectors": bool(diff_sector[i]),
                "reason_pl": pl,
                "reason_en": en,
            }
        )
    out = pd.DataFrame(rows, columns=list(_COLUMNS)).astype(
        {"shared_families": "int64", "sector_gaps_closed": "int64", "score": "float64"}
    )
    out.attrs[REASONS_ATTR] = [r.to_dict() for r in reasons]
    return out
