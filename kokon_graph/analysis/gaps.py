"""Coordination gaps: where cooperation around families is missing.

* :func:`gaps_co_serving` — pairs of institutions that serve (or referred) the
  same families but report no cooperation tie, ranked by shared families;
* :func:`gaps_sector` — per gmina, the sectors a cooperation model requires
  that are absent or have no tie to the gmina's social assistance centre;
* :func:`gaps_referrals` and :func:`gaps_referral_targets` — unanswered and
  rejected referrals and answer times, per pair and per receiving institution;
* :func:`gaps_uncoordinated` — per gmina, families served by several
  institutions with no coordinator and no coordinating team around them
  (counts only, never a list of families);
* :func:`gaps_group_coverage` — sectors active in a powiat or gmina but absent
  from its PGR, PGD, PZK or ZI.

Every result holds institution ids, territory codes and counts; none holds a
family id. Family-level work (who serves whom) happens on sparse incidence
matrices, so 400,000 families take a few seconds.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Final

import numpy as np
import pandas as pd
import scipy.sparse as sp

from kokon_graph import model
from kokon_graph.analysis._graphs import cooperation_matrices
from kokon_graph.analysis._tables import table_codes
from kokon_graph.analysis.results import REGISTRY
from kokon_graph.errors import OptionError
from kokon_graph.graph import Network, RelationLike

__all__ = [
    "ANSWERED_STATUSES",
    "COVERAGE_GROUP_TYPES",
    "DEFAULT_REQUIRED_SECTORS",
    "gaps_co_serving",
    "gaps_group_coverage",
    "gaps_referral_targets",
    "gaps_referrals",
    "gaps_sector",
    "gaps_uncoordinated",
]

DEFAULT_REQUIRED_SECTORS: Final = model.DEFAULT_REQUIRED_SECTORS
#: Referral statuses that are an answer even when no answer date was recorded.
ANSWERED_STATUSES: Final = frozenset({"accepted", "completed", "rejected"})
#: Group types whose sector coverage :func:`gaps_group_coverage` checks.
COVERAGE_GROUP_TYPES: Final = ("PGR", "PGD", "PZK", "ZI")


# ---------------------------------------------------------------- helpers


def _ids(network: Network) -> tuple[list[str], dict[str, int]]:
    ids = [str(i) for i in network.institutions.index.tolist()]  # tolist: no Arrow iteration
    return ids, {node: i for i, node in enumerate(ids)}


def _territory_names(network: Network) -> dict[str, str]:
    terr = network.full_dataset.territories
    return dict(zip(terr["teryt"].astype(str), terr["name"].astype(str), strict=True))


def _tie_codes(network: Network, relation: RelationLike) -> np.ndarray:
    """Unordered tied pairs of the cooperation view as sorted codes ``i * n + j`` (i < j)."""
    mats = cooperation_matrices(network, relation)
    coo = sp.triu(mats.sym, k=1).tocoo()
    return np.sort(coo.row.astype(np.int64) * mats.n + coo.col.astype(np.int64))


def family_incidence(
    network: Network, *, services: bool = True, referrals: bool = True
) -> sp.csr_array:
    """Binary families × institutions matrix: 1 where the institution served the family
    (``services``) or sent or received a referral about it (``referrals``).

    Rows follow the scoped families table (their ids are not returned);
    columns follow ``network.institutions``.
    """
    codes = table_codes(network)
    if services and referrals:
        return codes.involved
    if services:
        return codes.served
    fam = np.concatenate([codes.ref_family, codes.ref_family])
    inst = np.concatenate([codes.ref_source, codes.ref_target])
    return codes._incidence(fam, inst)


def _empty(columns: Mapping[str, str]) -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=t) for c, t in columns.items()})


# ---------------------------------------------------------------- co-serving

_CO_SERVING_COLUMNS: Final = REGISTRY["gaps_co_serving"].dtypes


def gaps_co_serving(
    network: Network,
    *,
    min_shared: int = 1,
    relation: RelationLike = None,
    referrals: bool = True,
) -> pd.DataFrame:
    """Pairs of institutions that share families but report no cooperation tie.

    Two institutions *share* a family when both served it or sent or received
    a referral about it (``referrals=False`` counts services only). The pair is
    a gap when neither reported cooperating with the other (in ``relation``,
    if given).

    Parameters
    ----------
    network
        The network.
    min_shared
        Keep pairs sharing at least this many families.
    relation
        A tie of only these cooperation kinds closes the gap; any kind by default.
    referrals
        Count referrals as well as services.

    Returns
    -------
    pandas.DataFrame
        ``source``, ``target`` (institution ids, each unordered pair once,
        ``source`` first in the order of ``network.institutions``),
        ``source_name``, ``target_name``, ``source_sector``, ``target_sector``,
        ``shared_families``; most shared families first.

    Notes
    -----
    The shared counts are the off-diagonal entries of ``BᵀB`` for the binary
    families × institutions matrix ``B``: one sparse product.

    Examples
    --------
    >>> from kokon_graph.analysis._demo import demo_network
    >>> gaps_co_serving(demo_network())[["source", "target", "shared_families"]].head(3)
      source target  shared_families
    0    POZ    NGO                2
    1    POZ    KPP                2
    2    OPS    KPP                1
    """
    ids, _ = _ids(network)
    n = len(ids)
    codes = table_codes(network)
    if n < 2 or codes.n_families == 0:
        return _empty(_CO_SERVING_COLUMNS)
    full = codes.shared if referrals else (codes.served.T @ codes.served).tocsr()
    shared = sp.triu(full, k=1).tocoo()
    keep = shared.data >= max(min_shared, 1)
    rows = shared.row[keep].astype(np.int64)
    cols = shared.col[keep].astype(np.int64)
    counts = shared.data[keep].astype(np.int64)
    pair_codes = rows * n + cols
    tied = np.isin(pair_codes, _tie_codes(network, relation))
    rows, cols, counts = rows[~tied], cols[~tied], counts[~tied]
    inst = network.institutions
    id_arr = np.asarray(ids, dtype=object)
    names = inst["name"].astype(str).to_numpy()
    sectors = inst["sector"].astype(str).to_numpy()
    frame = pd.DataFrame(
        {
            "source": id_arr[rows].astype(str),
            "target": id_arr[cols].astype(str),
            "source_name": names[rows],
            "target_name": names[cols],
            "source_sector": sectors[rows],
            "target_sector": sectors[cols],
            "shared_families": counts,
            "_r": rows,
            "_c": cols,
        }
    )
    frame = frame.sort_values(
        ["shared_families", "_r", "_c"], ascending=[False, True, True], ignore_index=True
    )
    return frame.drop(columns=["_r", "_c"]).astype({"shared_families": "int64"})


# ---------------------------------------------------------------- sector gaps

_SECTOR_COLUMNS: Final = REGISTRY["gaps_sector"].dtypes


def _gminas(network: Network) -> list[str]:
    codes = set(network.dataset.institutions["teryt"].unique().tolist())
    codes |= set(network.dataset.families["teryt"].unique().tolist())
    return sorted(str(c) for c in codes if isinstance(c, str) and len(c) == 7)


def _covering(inst: pd.DataFrame, gminas: Sequence[str]) -> pd.DataFrame:
    """(gmina, institution row) for every institution located in or above each gmina."""
    gm = pd.DataFrame({"gmina": list(gminas)})
    gm["powiat"] = gm["gmina"].str[:4]
    gm["voivodeship"] = gm["gmina"].str[:2]
    teryt = inst[["row", "teryt"]]
    parts = [
        gm.merge(teryt, left_on=key, right_on="teryt")[["gmina", "row"]]
        for key in ("gmina", "powiat", "voivodeship")
    ]
    national = teryt[teryt["teryt"] == ""]
    if len(national):
        parts.append(gm[["gmina"]].merge(national[["row"]], how="cross"))
    return pd.concat(parts, ignore_index=True)


def gaps_sector(
    network: Network,
    *,
    required: Sequence[str] = DEFAULT_REQUIRED_SECTORS,
    relation: RelationLike = None,
) -> pd.DataFrame:
    """For each gmina, required sectors that are absent or not tied to its OPS/CUS.

    An institution is *available* to a gmina when it is located in the gmina
    or in the powiat or voivodeship containing it (or has no TERYT: national
    level). The gmina's *social assistance centres* are its institutions of
    type OPS/GOPS/MOPS or CUS (:data:`~kokon_graph.model.SOCIAL_ASSISTANCE_TYPES`).

    Status ``absent``: no institution of the sector is available to the gmina
    (for ``social_assistance``: the gmina has no centre of its own; its other
    sectors are then not checked). Status ``no_tie``: institutions of the
    sector are available but none has a cooperation tie (either direction, in
    ``relation`` if given) with any of the gmina's centres.

    Parameters
    ----------
    network
        The network; gminas are those where an institution or a family of the
        scope is located.
    required
        The sectors to check (codes of :data:`~kokon_graph.model.SECTORS`).
    relation
        Only ties of these cooperation kinds count.

    Returns
    -------
    pandas.DataFrame
        ``gmina``, ``gmina_name``, ``ops_id`` and ``ops_name`` (the centre
        with the lowest id; empty when there is none), ``sector``, ``status``,
        ``institutions`` (how many of the sector are available), sorted by
        gmina and the order of ``required``.

    Examples
    --------
    >>> from kokon_graph.analysis._demo import demo_network
    >>> gaps_sector(demo_network())[["gmina", "sector", "status"]].values.tolist()
    [['1465011', 'police', 'no_tie'], ['1465011', 'justice', 'absent'], \
['1465011', 'labour_market', 'absent']]
    """
    unknown = [s for s in required if s not in model.SECTORS]
    if unknown:
        raise OptionError(
            f"unknown sectors {unknown}; use codes of kokon_graph.model.SECTORS",
            hint=f"the sector codes are {', '.join(model.SECTORS.codes)}",
        )
    gminas = _gminas(network)
    if not gminas:
        return _empty(_SECTOR_COLUMNS)
    names = _territory_names(network)
    ids, _ = _ids(network)
    inst = network.institutions.reset_index(drop=True)
    inst = pd.DataFrame(
        {
            "row": np.arange(len(inst)),
            "id": ids,
            "name": inst["name"].astype(str),
            "type": inst["type"].astype(str),
            "sector": inst["sector"].astype(str),
            "teryt": inst["teryt"].fillna("").astype(str),
        }
    )
    centre_mask = inst["type"].isin(model.SOCIAL_ASSISTANCE_TYPES) & (inst["teryt"].str.len() == 7)
    centres = inst[centre_mask].sort_values("id")
    centre_rows = set(centres["row"])
    cover = _covering(inst, gminas)
    cover = cover[~cover["row"].isin(centre_rows)]
    cover = cover.merge(inst[["row", "sector"]], on="row")
    available = {
        (str(g), str(sec)): int(k)
        for (g, sec), k in cover.groupby(["gmina", "sector"]).size().items()
    }
    # ties between a gmina's centres and institutions available to the gmina
    mats = cooperation_matrices(network, relation)
    coo = mats.sym.tocoo()
    edges = pd.DataFrame({"centre": coo.row, "row": coo.col})
    edges = edges[edges["centre"].isin(centre_rows)]
    edges = edges.merge(inst[["row", "teryt"]].rename(columns={"row": "centre", "teryt": "gmina"}))
    edges = edges.merge(cover, on=["gmina", "row"])
    tied = set(zip(edges["gmina"].tolist(), edges["sector"].tolist(), strict=True))
    first_centre = {
        str(code): (str(cid), str(cname))
        for code, cid, cname in list(
            zip(
                centres["teryt"].tolist(),
                centres["id"].tolist(),
                centres["name"].tolist(),
                strict=True,
            )
        )[::-1]  # sorted by id: the lowest id of a gmina is written last
    }
    rows: list[dict[str, object]] = []
    for gmina in gminas:
        base = {"gmina": gmina, "gmina_name": names.get(gmina, "")}
        if gmina not in first_centre:
            rows.append(
                {
                    **base,
                    "ops_id": "",
                    "ops_name": "",
                    "sector": "social_assistance",
                    "status": "absent",
                    "institutions": int(available.get((gmina, "social_assistance"), 0)),
                }
            )
            continue
        centre_id, centre_name = first_centre[gmina]
        for sector in required:
            if sector == "social_assistance":
                continue
            count = int(available.get((gmina, sector), 0))
            status = "absent" if count == 0 else ("" if (gmina, sector) in tied else "no_tie")
            if status:
                rows.append(
                    {
                        **base,
                        "ops_id": centre_id,
                        "ops_name": centre_name,
                        "sector": sector,
                        "status": status,
                        "institutions": count,
                    }
                )
    if not rows:
        return _empty(_SECTOR_COLUMNS)
    return pd.DataFrame(rows, columns=list(_SECTOR_COLUMNS)).astype({"institutions": "int64"})


# ---------------------------------------------------------------- referrals


def _referral_table(network: Network) -> pd.DataFrame:
    ref = network.dataset.referrals
    codes = table_codes(network)
    answered_date = ref["answered"].notna().to_numpy()
    answered = answered_date | ref["status"].isin(ANSWERED_STATUSES).to_numpy()
    days = (ref["answered"] - ref["sent"]).dt.days.astype(float).to_numpy()
    table = pd.DataFrame(
        {
            "family": codes.ref_family,
            "source": codes.ref_source,
            "target": codes.ref_target,
            "sent": ref["sent"].to_numpy(),
            "answered": answered,
            "rejected": (ref["status"] == "rejected").to_numpy(),
            "days": np.where(answered_date, days, np.nan),
        }
    )
    return table[(table["source"] >= 0) & (table["target"] >= 0)].reset_index(drop=True)


def _referral_stats(table: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    grouped = table.groupby(keys, sort=True)
    out = pd.DataFrame(
        {
            "referrals": grouped.size(),
            "answered": grouped["answered"].sum(),
            "rejected": grouped["rejected"].sum(),
            "median_days": grouped["days"].median(),
            "p90_days": grouped["days"].quantile(0.9),
        }
    )
    out["unanswered"] = out["referrals"] - out["answered"]
    out["answer_rate"] = out["answered"] / out["referrals"]
    return out.reset_index()


_REFERRAL_COLUMNS: Final = REGISTRY["gaps_referrals"].dtypes


def gaps_referrals(network: Network) -> pd.DataFrame:
    """Referrals per (sending, receiving) pair: answered, unanswered, rejected, days.

    A referral is *answered* when it has an answer date or its status is
    accepted, completed or rejected; *unanswered* otherwise (sent, no answer).
    Days run from sending to the answer date (referrals with an answer date
    only); ``p90_days`` is the 90th percentile with linear interpolation.

    Returns
    -------
    pandas.DataFrame
        ``source``, ``target``, ``source_name``, ``target_name``,
        ``referrals``, ``answered``, ``unanswered``, ``rejected``,
        ``answer_rate``, ``median_days``, ``p90_days``; most unanswered first.

    Examples
    --------
    >>> from kokon_graph.analysis._demo import demo_network
    >>> gaps_referrals(demo_network())[["source", "target", "referrals", "unanswered"]].head(2)
      source target  referrals  unanswered
    0    OPS    POZ          2           1
    1    SZK    OPS          1           0
    """
    table = _referral_table(network)
    if table.empty:
        return _empty(_REFERRAL_COLUMNS)
    out = _referral_stats(table, ["source", "target"])
    ids = np.asarray(_ids(network)[0], dtype=object)
    names = network.institutions["name"].astype(str).to_numpy()
    src, dst = out["source"].to_numpy(), out["target"].to_numpy()
    out["source"], out["target"] = ids[src].astype(str), ids[dst].astype(str)
    out["source_name"], out["target_name"] = names[src], names[dst]
    out["_s"], out["_t"] = src, dst
    out = out.sort_values(
        ["unanswered", "referrals", "_s", "_t"],
        ascending=[False, False, True, True],
        ignore_index=True,
    )
    return out[list(_REFERRAL_COLUMNS)].astype(
        {c: t for c, t in _REFERRAL_COLUMNS.items() if t == "int64"}
    )


_TARGET_COLUMNS: Final = REGISTRY["gaps_referral_targets"].dtypes


def gaps_referral_targets(network: Network) -> pd.DataFrame:
    """Referrals received per institution, and the referral chains that end there.

    The same counts as :func:`gaps_referrals`, per receiving institution, plus
    ``dead_ends``: the families whose last referral (by date sent) went to the
    institution and got no answer or was rejected — chains that end nowhere.

    Examples
    --------
    >>> from kokon_graph.analysis._demo import demo_network
    >>> gaps_referral_targets(demo_network())[["id", "referrals", "unanswered", "dead_ends"]]
        id  referrals  unanswered  dead_ends
    0  POZ          2           1          1
    1  KPP          1           0          1
    2  OPS          1           0          0
    """
    table = _referral_table(network)
    if table.empty:
        return _empty(_TARGET_COLUMNS)
    out = _referral_stats(table, ["target"])
    fam, sent = table["family"].to_numpy(), table["sent"].to_numpy()
    order = np.lexsort((np.arange(len(table)), sent, fam))
    is_last = np.ones(len(order), dtype=bool)
    is_last[:-1] = fam[order][1:] != fam[order][:-1]
    last = order[is_last]
    ended = last[~table["answered"].to_numpy()[last] | table["rejected"].to_numpy()[last]]
    dead = np.bincount(table["target"].to_numpy()[ended], minlength=len(network.institutions))
    rows = out["target"].to_numpy()
    out["dead_ends"] = dead[rows].astype(np.int64)
    inst = network.institutions
    out["id"] = np.asarray(_ids(network)[0], dtype=object)[rows].astype(str)
    for col in ("name", "type", "sector", "teryt"):
        out[col] = inst[col].fillna("").astype(str).to_numpy()[rows]
    out["_r"] = rows
    out = out.sort_values(
        ["unanswered", "dead_ends", "referrals", "_r"],
        ascending=[False, False, False, True],
        ignore_index=True,
    )
    return out[list(_TARGET_COLUMNS)].astype(
        {c: t for c, t in _TARGET_COLUMNS.items() if t == "int64"}
    )


# ---------------------------------------------------------------- uncoordinated families

_UNCOORDINATED_COLUMNS: Final = REGISTRY["gaps_uncoordinated"].dtypes


def _member_incidence(
    network: Network, group_types: Iterable[str]
) -> tuple[sp.csr_array, list[str]]:
    """Binary institutions × groups matrix for groups of ``group_types`` and the group
    ids of its columns (a person's membership counts for the person's institution)."""
    groups = network.dataset.groups
    rows = np.flatnonzero(groups["type"].isin(set(group_types)).to_numpy())
    matrix = table_codes(network).members(rows)
    return matrix, [str(g) for g in groups["id"].to_numpy()[rows]]


def gaps_uncoordinated(
    network: Network, *, min_services: int = 3, min_group_members: int = 2
) -> pd.DataFrame:
    """Per gmina: families served by many institutions with nobody coordinating them.

    A family is *coordinated* when it has a coordinator (the ``coordinator``
    column of the families table) or when a coordinating group (ZZK, GGK, ZI,
    GDP: :data:`~kokon_graph.model.COORDINATING_GROUP_TYPES`) counts at least
    ``min_group_members`` of the institutions serving it among its members —
    the data records teams and their members, not which family a team works
    with, so shared membership is the evidence used.

    Parameters
    ----------
    network
        The network; families are those of the scope.
    min_services
        A family counts when at least this many different institutions serve it.
    min_group_members
        Serving institutions a coordinating group must hold to count as around the family.

    Returns
    -------
    pandas.DataFrame
        ``gmina``, ``gmina_name``, ``families`` (families of the gmina in the
        data), ``families_min_services`` (served by at least ``min_services``
        institutions) and ``uncoordinated`` (of those, not coordinated); one
        row per gmina with families, most uncoordinated first. Counts only:
        never a list of families.

    Examples
    --------
    >>> from kokon_graph.analysis._demo import demo_network
    >>> gaps_uncoordinated(demo_network()).to_dict("records")
    [{'gmina': '1465011', 'gmina_name': 'Praga-Północ', 'families': 5, \
'families_min_services': 3, 'uncoordinated': 2}]
    """
    ds = network.dataset
    fam = ds.families
    if fam.empty:
        return _empty(_UNCOORDINATED_COLUMNS)
    served = table_codes(network).served
    n_served = np.diff(served.indptr)
    many = n_served >= min_services
    members, _ = _member_incidence(network, model.COORDINATING_GROUP_TYPES)
    if members.shape[1]:
        around = (served @ members).tocsr()
        has_group = np.zeros(len(fam), dtype=bool)
        hit = around.data >= min_group_members
        row_of = np.repeat(np.arange(len(fam)), np.diff(around.indptr))
        has_group[row_of[hit]] = True
    else:
        has_group = np.zeros(len(fam), dtype=bool)
    coordinated = (fam["coordinator"].fillna("").astype(str) != "").to_numpy() | has_group
    table = pd.DataFrame(
        {
            "gmina": fam["teryt"].astype(str).to_numpy(),
            "families": 1,
            "families_min_services": many.astype(np.int64),
            "uncoordinated": (many & ~coordinated).astype(np.int64),
        }
    )
    out = table.groupby("gmina", sort=True).sum().reset_index()
    names = _territory_names(network)
    out.insert(1, "gmina_name", [names.get(code, "") for code in out["gmina"]])
    out = out.sort_values(["uncoordinated", "gmina"], ascending=[False, True], ignore_index=True)
    return out[list(_UNCOORDINATED_COLUMNS)].astype(
        {c: t for c, t in _UNCOORDINATED_COLUMNS.items() if t == "int64"}
    )


# ---------------------------------------------------------------- group coverage

_COVERAGE_COLUMNS: Final = REGISTRY["gaps_group_coverage"].dtypes


def gaps_group_coverage(
    network: Network, *, group_types: Sequence[str] = COVERAGE_GROUP_TYPES
) -> pd.DataFrame:
    """Sectors active in a powiat or gmina but absent from its PGR, PGD, PZK or ZI.

    For a group located in territory ``T`` (a powiat or a gmina), the sectors
    *active* in ``T`` are those of the institutions located in ``T`` — for a
    gmina group, also the powiat-level institutions of its powiat (police,
    court, PCPR serve the gmina). A sector is *absent* from the group when no
    member institution (directly, or through a member person's employer)
    belongs to it. The sector ``other`` is not checked.

    Returns
    -------
    pandas.DataFrame
        ``territory``, ``territory_name``, ``group_id``, ``group_name``,
        ``group_type``, ``sector`` and ``institutions`` (active institutions
        of that sector in the territory), by territory, group and sector.

    Examples
    --------
    >>> from kokon_graph.analysis._demo import demo_network
    >>> gaps_group_coverage(demo_network())[["group_id", "sector", "institutions"]]
      group_id          sector  institutions
    0       ZI  family_support             1
    1       ZI          health             1
    2       ZI             ngo             1
    """
    ds = network.dataset
    groups = ds.groups[
        ds.groups["type"].isin(set(group_types)) & ds.groups["teryt"].str.len().isin([4, 7])
    ]
    if groups.empty:
        return _empty(_COVERAGE_COLUMNS)
    inst = network.institutions
    teryt = inst["teryt"].fillna("").astype(str)
    sector = inst["sector"].astype(str).to_numpy()
    by_exact: dict[str, Counter[str]] = defaultdict(Counter)
    by_powiat: dict[str, Counter[str]] = defaultdict(Counter)
    for code, sec in zip(teryt.tolist(), sector.tolist(), strict=True):
        by_exact[code][sec] += 1
        if len(code) >= 4:
            by_powiat[code[:4]][sec] += 1

    members, group_ids = _member_incidence(network, group_types)
    column_of = {g: i for i, g in enumerate(group_ids)}
    names = _territory_names(network)
    rows: list[dict[str, object]] = []
    members_csc = members.tocsc()
    for gid, gname, gtype, code in zip(
        groups["id"].tolist(),
        groups["name"].tolist(),
        groups["type"].tolist(),
        groups["teryt"].tolist(),
        strict=True,
    ):
        if len(code) == 4:
            active = by_powiat.get(code, Counter())
        else:
            active = by_exact.get(code, Counter()) + by_exact.get(code[:4], Counter())
        col = column_of.get(str(gid))
        if col is not None:
            member_rows = members_csc.indices[members_csc.indptr[col] : members_csc.indptr[col + 1]]
            present = set(sector[member_rows])
        else:
            present = set()
        for sec in sorted(active):
            if sec == model.OTHER or sec in present:
                continue
            rows.append(
                {
                    "territory": str(code),
                    "territory_name": names.get(str(code), ""),
                    "group_id": str(gid),
                    "group_name": str(gname),
                    "group_type": str(gtype),
                    "sector": sec,
                    "institutions": int(active[sec]),
                }
            )
    if not rows:
        return _empty(_COVERAGE_COLUMNS)
    out = pd.DataFrame(rows, columns=list(_COVERAGE_COLUMNS))
    return out.sort_values(["territory", "group_id", "sector"], ignore_index=True).astype(
        {"institutions": "int64"}
    )
