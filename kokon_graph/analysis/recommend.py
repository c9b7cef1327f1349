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

and explained in Polish and English. A count of families below ``min_count``
is written as "fewer than 3", as the reports suppress small counts.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from kokon_graph import model
from kokon_graph.analysis._graphs import cooperation_matrices
from kokon_graph.analysis.communities import detect
from kokon_graph.analysis.gaps import family_incidence, gaps_co_serving, gaps_sector
from kokon_graph.graph import Network

__all__ = ["families_pl", "recommendations"]

_COLUMNS = {
    "source": "str",
    "target": "str",
    "source_name": "str",
    "target_name": "str",
    "source_sector": "str",
    "target_sector": "str",
    "score": "float64",
    "shared_families": "int64",
    "sector_gaps_closed": "int64",
    "bridges_communities": "bool",
    "bridges_sectors": "bool",
    "reason_pl": "str",
    "reason_en": "str",
}


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


def _reasons(
    shared: int,
    gaps: list[tuple[str, str]],
    communities: tuple[int, int] | None,
    sectors: tuple[str, str] | None,
    min_count: int,
) -> tuple[str, str]:
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
    for gmina_name, sector in gaps:
        pl.append(
            f"połączyłoby ośrodek pomocy społecznej gminy {gmina_name} "
            f"z sektorem „{model.SECTORS.label(sector, 'pl')}”"
        )
        en.append(
            f"it would tie the social assistance centre of gmina {gmina_name} "
            f"to the {model.SECTORS.label(sector, 'en')} sector"
        )
    if communities is not None:
        a, b = communities
        pl.append(f"połączyłoby dwie społeczności sieci ({a} i {b})")
        en.append(f"it would link two communities of the network ({a} and {b})")
    if sectors is not None:
        s, t = sectors
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
    relation: str | Iterable[str] | None = None,
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
    candidates: dict[tuple[int, int], dict[str, object]] = {}

    def pair(a: int, b: int) -> dict[str, object]:
        key = (min(a, b), max(a, b))
        if key not in candidates:
            candidates[key] = {"shared": 0, "gaps": []}
        return candidates[key]

    for s, t, k in zip(
        co_serving["source"], co_serving["target"], co_serving["shared_families"], strict=True
    ):
        pair(index[s], index[t])["shared"] = int(k)
    no_tie = sector_gaps[sector_gaps["status"] == "no_tie"]
    if len(no_tie):
        incidence = family_incidence(network).tocsr()
        by_family = incidence.tocsc()
        degree = np.diff(mats.sym.indptr)
        rows_at: dict[str, list[int]] = {}
        for row, code in enumerate(teryt):
            rows_at.setdefault(code, []).append(row)
        shared_with: dict[int, np.ndarray] = {}
        for gmina, gname, ops, sector in zip(
            no_tie["gmina"], no_tie["gmina_name"], no_tie["ops_id"], no_tie["sector"], strict=True
        ):
            centre = index[ops]
            if centre not in shared_with:
                fams = by_family.indices[by_family.indptr[centre] : by_family.indptr[centre + 1]]
                shared_with[centre] = np.asarray(incidence[fams].sum(axis=0)).ravel()
            near = [
                r
                for code in {gmina, gmina[:4], gmina[:2], ""}
                for r in rows_at.get(code, [])
                if sectors[r] == sector and r != centre
            ]
            if not near:
                continue
            available = np.asarray(sorted(near), dtype=np.int64)
            scores = shared_with[centre][available]
            order = np.lexsort((available, -degree[available], -scores))
            best = int(available[order[0]])
            entry = pair(centre, best)
            gaps = entry["gaps"]
            assert isinstance(gaps, list)
            gaps.append((gname or gmina, sector))
            if not entry["shared"]:
                entry["shared"] = int(shared_with[centre][best])
    if not candidates:
        return pd.DataFrame({c: pd.Series(dtype=t) for c, t in _COLUMNS.items()})
    labels = detect(mats, method="louvain", seed=seed).labels
    rows = []
    for (a, b), entry in candidates.items():
        shared = int(entry["shared"])  # type: ignore[call-overload]
        gaps = list(entry["gaps"])  # type: ignore[call-overload]
        diff_comm = bool(labels[a] != labels[b])
        diff_sector = bool(sectors[a] != sectors[b])
        score = (
            shared
            + sector_gap_weight * len(gaps)
            + community_weight * diff_comm
            + sector_weight * diff_sector
        )
        pl, en = _reasons(
            shared,
            gaps,
            (int(labels[a]), int(labels[b])) if diff_comm else None,
            (str(sectors[a]), str(sectors[b])) if diff_sector else None,
            min_count,
        )
        rows.append(
            {
                "source": ids[a],
                "target": ids[b],
                "source_name": str(names[a]),
                "target_name": str(names[b]),
                "source_sector": str(sectors[a]),
                "target_sector": str(sectors[b]),
                "score": float(score),
                "shared_families": shared,
                "sector_gaps_closed": len(gaps),
                "bridges_communities": diff_comm,
                "bridges_sectors": diff_sector,
                "reason_pl": pl,
                "reason_en": en,
                "_a": a,
                "_b": b,
            }
        )
    out = pd.DataFrame(rows).sort_values(
        ["score", "shared_families", "_a", "_b"], ascending=[False, False, True, True]
    )
    if top > 0:
        out = out.head(top)
    return (
        out.drop(columns=["_a", "_b"])
        .reset_index(drop=True)
        .astype({"shared_families": "int64", "sector_gaps_closed": "int64"})
    )
