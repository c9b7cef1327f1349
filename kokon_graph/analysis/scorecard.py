"""The gmina scorecard ("Karta gminy"): one row per gmina, with a green/amber/red status.

The scorecard brings together, for each gmina in scope, what the other
results say about it: how many institutions it has and how densely they
cooperate, how many partners its social assistance centre (OPS/CUS) has,
which required sectors are absent or not linked to the centre
(:func:`~kokon_graph.analysis.gaps.gaps_sector`), how many pairs of
institutions serving it share families without a tie
(:func:`~kokon_graph.analysis.gaps.gaps_co_serving`, pairs at or above the
small-count threshold only), how many referrals sent from it went unanswered
and how long answers took, and how many of its groups miss an active sector
(:func:`~kokon_graph.analysis.gaps.gaps_group_coverage`). It computes no new
measure; the status applies the thresholds of :data:`THRESHOLDS`
(documented in ``docs/reports.md``).

>>> from kokon_graph.analysis._demo import demo_network
>>> from kokon_graph.analysis import run_all
>>> net = demo_network()
>>> card = gmina_scorecard(net, run_all(net))
>>> card[["gmina", "institutions", "sectors_unlinked", "status"]].values.tolist()
[['1465011', 4, 1, 'red']]
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Final

import numpy as np
import pandas as pd

from kokon_graph.analysis.columns import ColumnDoc
from kokon_graph.analysis.gaps import ANSWERED_STATUSES
from kokon_graph.graph import Network
from kokon_graph.model import SOCIAL_ASSISTANCE_TYPES, Lang

__all__ = ["COLUMNS", "STATUS_LABELS", "THRESHOLDS", "gmina_scorecard", "reasons_text"]


def _doc(pl: str, en: str, description_pl: str, description: str) -> ColumnDoc:
    return ColumnDoc(pl, en, description, description_pl=description_pl)


#: Every column, in order: its headers and what it holds, in Polish and English (the
#: tooltips of the report page's headers).
COLUMNS: Final[Mapping[str, ColumnDoc]] = MappingProxyType(
    {
        "gmina": _doc(
            "kod TERYT",
            "TERYT code",
            "kod TERYT gminy (7 cyfr)",
            "the gmina's TERYT code (7 digits)",
        ),
        "gmina_name": _doc("gmina", "gmina", "nazwa gminy", "the gmina's name"),
        "status": _doc(
            "stan",
            "status",
            "zielony, żółty albo czerwony: czerwony, gdy osiągnięto którykolwiek próg czerwony, "
            "żółty, gdy którykolwiek próg żółty (progi opisane w dokumentacji raportu)",
            "green, amber or red: red if any red threshold is reached, amber if any amber one "
            "is (thresholds documented with the report)",
        ),
        "reasons": _doc(
            "dlaczego",
            "why",
            "kryteria, które wyznaczyły stan, najpierw czerwone",
            "the criteria that set the status, red ones first",
        ),
        "institutions": _doc(
            "instytucje",
            "institutions",
            "instytucje położone w gminie",
            "institutions located in the gmina",
        ),
        "ties": _doc(
            "powiązania w gminie",
            "ties within the gmina",
            "pary instytucji gminy powiązane współpracą (w którąkolwiek stronę)",
            "pairs of the gmina's institutions tied by cooperation (either direction)",
        ),
        "density": _doc(
            "gęstość",
            "density",
            "odsetek powiązanych spośród możliwych par instytucji gminy",
            "share of the possible pairs of the gmina's institutions that are tied",
        ),
        "ops_ties": _doc(
            "partnerzy OPS/CUS",
            "OPS/CUS partners",
            "instytucje powiązane z ośrodkiem pomocy społecznej (OPS/CUS) gminy, z dowolnego "
            "terytorium",
            "institutions tied to the gmina's social assistance centre (OPS/CUS), from any "
            "territory",
        ),
        "sectors_absent": _doc(
            "brakujące sektory",
            "sectors absent",
            "wymagane sektory bez żadnej instytucji dostępnej gminie (w niej, w jej powiecie "
            "lub województwie)",
            "required sectors with no institution available to the gmina (in it, its powiat "
            "or voivodeship)",
        ),
        "sectors_unlinked": _doc(
            "sektory bez więzi z OPS/CUS",
            "sectors not linked to the OPS/CUS",
            "wymagane sektory dostępne gminie, ale bez więzi z jej OPS/CUS",
            "required sectors available to the gmina but not tied to its OPS/CUS",
        ),
        "co_serving_gaps": _doc(
            "pary ze wspólnymi rodzinami bez więzi",
            "pairs sharing families, no tie",
            "pary instytucji obsługujących gminę, które mają co najmniej tyle wspólnych rodzin, "
            "ile wynosi próg małych liczb, a nie współpracują",
            "pairs of institutions serving the gmina that share at least the small-count "
            "threshold of families and have no tie",
        ),
        "referrals": _doc(
            "skierowania wysłane",
            "referrals sent",
            "skierowania wysłane przez instytucje gminy",
            "referrals sent by the gmina's institutions",
        ),
        "unanswered": _doc(
            "bez odpowiedzi",
            "unanswered",
            "wysłane skierowania bez odpowiedzi",
            "referrals sent that have no answer",
        ),
        "median_days": _doc(
            "mediana dni do odpowiedzi",
            "median days to answer",
            "mediana liczby dni od wysłania skierowania do odpowiedzi (skierowania z datą "
            "odpowiedzi)",
            "median days from sending a referral to its answer (referrals with an answer date)",
        ),
        "groups_missing_sectors": _doc(
            "grupy bez aktywnego sektora",
            "groups missing a sector",
            "grupy gminy bez członka z sektora aktywnego w gminie",
            "groups of the gmina with no member from a sector active in it",
        ),
    }
)


#: Status codes and their labels.
STATUS_LABELS: Final[dict[str, tuple[str, str]]] = {
    "green": ("zielony", "green"),
    "amber": ("żółty", "amber"),
    "red": ("czerwony", "red"),
}

#: ``criterion: (amber at or above, red at or above)``; ``None``: that level is not used.
THRESHOLDS: Final[dict[str, tuple[float | None, float | None]]] = {
    "sectors_unlinked": (1, 2),
    "sectors_absent": (1, None),
    "co_serving_gaps": (1, 10),
    "unanswered_share": (0.10, 0.25),
    "median_days": (14, 30),
    "groups_missing_sectors": (1, None),
    "no_ops_tie": (None, 1),
}

_REASONS: Final[dict[str, tuple[str, str]]] = {
    "sectors_unlinked": ("sektory bez więzi z OPS/CUS", "sectors not linked to the OPS/CUS"),
    "sectors_absent": ("brakujące sektory", "sectors absent"),
    "co_serving_gaps": ("wspólne rodziny bez współpracy", "shared families without a tie"),
    "unanswered_share": ("skierowania bez odpowiedzi", "unanswered referrals"),
    "median_days": ("długie oczekiwanie na odpowiedź", "long wait for answers"),
    "groups_missing_sectors": ("grupy bez aktywnego sektora", "groups missing a sector"),
    "no_ops_tie": ("OPS/CUS bez żadnej współpracy", "OPS/CUS without any tie"),
}


def _values(row: Mapping[str, object], min_count: int) -> dict[str, float]:
    referrals = float(row["referrals"])  # type: ignore[arg-type]
    share = float(row["unanswered"]) / referrals if referrals >= min_count else 0.0  # type: ignore[arg-type]
    median = row["median_days"]
    return {
        "sectors_unlinked": float(row["sectors_unlinked"]),  # type: ignore[arg-type]
        "sectors_absent": float(row["sectors_absent"]),  # type: ignore[arg-type]
        "co_serving_gaps": float(row["co_serving_gaps"]),  # type: ignore[arg-type]
        "unanswered_share": share,
        "median_days": float(median) if referrals >= min_count and pd.notna(median) else 0.0,  # type: ignore[arg-type]
        "groups_missing_sectors": float(row["groups_missing_sectors"]),  # type: ignore[arg-type]
        "no_ops_tie": 1.0 if row["has_ops"] and not row["ops_ties"] else 0.0,
    }


def _status(values: Mapping[str, float]) -> tuple[str, list[str]]:
    red = [k for k, (_, hi) in THRESHOLDS.items() if hi is not None and values[k] >= hi]
    amber = [k for k, (lo, _) in THRESHOLDS.items() if lo is not None and values[k] >= lo]
    if red:
        return "red", red + [k for k in amber if k not in red]
    return ("amber", amber) if amber else ("green", [])


def reasons_text(codes: str, lang: Lang) -> str:
    """The ``reasons`` column (criterion codes, ``|``-separated) in words."""
    return ", ".join(_REASONS[c][0 if lang == "pl" else 1] for c in codes.split("|") if c)


def gmina_scorecard(
    network: Network, results: Mapping[str, pd.DataFrame], *, min_count: int = 3
) -> pd.DataFrame:
    """One row per gmina in scope with its key figures and a status.

    Parameters
    ----------
    network
        The network the ``results`` were computed on.
    results
        :func:`~kokon_graph.analysis.run_all`'s results (``gaps_sector``,
        ``gaps_co_serving`` and ``gaps_group_coverage`` are used).
    min_count
        Pairs sharing fewer families than this do not count as gaps, and the
        referral criteria need at least this many referrals.

    Returns
    -------
    pandas.DataFrame
        The columns of :data:`COLUMNS`; ``status`` is ``green``, ``amber`` or
        ``red``, ``reasons`` the criteria that set it (``|``-separated codes,
        worded by :func:`reasons_text`), worst gminas first.
    """
    inst = network.institutions
    gmina_of = inst["gmina"].fillna("").astype(str)
    territories = network.full_dataset.territories
    names = dict(zip(territories["teryt"], territories["name"], strict=True))
    codes = sorted(c for c in gmina_of.unique() if len(c) == 7)
    columns = list(COLUMNS)
    if not codes:
        return pd.DataFrame({c: pd.Series([], dtype=object) for c in columns})
    where = dict(zip(inst["id"], gmina_of, strict=True))
    graph = network.cooperation(directed=False)
    ties = dict.fromkeys(codes, 0)
    for a, b in graph.edges():
        if where.get(a) == where.get(b) and where.get(a) in ties:
            ties[where[a]] += 1
    centres = inst[inst["type"].isin(SOCIAL_ASSISTANCE_TYPES) & gmina_of.isin(codes)]
    ops_ties: dict[str, int] = {}
    for ident, gmina in zip(centres["id"], gmina_of[centres.index], strict=True):
        ops_ties[gmina] = max(ops_ties.get(gmina, 0), graph.degree(ident))
    sector = results.get("gaps_sector", pd.DataFrame(columns=["gmina", "status"]))
    absent = sector[sector["status"] == "absent"].groupby("gmina").size()
    unlinked = sector[sector["status"] == "no_tie"].groupby("gmina").size()
    co = results.get("gaps_co_serving", pd.DataFrame(columns=["source", "target"]))
    co = co[co["shared_families"] >= min_count] if "shared_families" in co else co
    co_count = dict.fromkeys(codes, 0)
    for a, b in zip(co["source"], co["target"], strict=True):
        for gmina in {where.get(a, ""), where.get(b, "")} & set(codes):
            co_count[gmina] += 1
    cover = results.get("gaps_group_coverage", pd.DataFrame(columns=["territory", "group_id"]))
    groups = cover.groupby("territory")["group_id"].nunique()
    ref = network.dataset.referrals
    by_ref = pd.DataFrame(
        {
            "gmina": ref["source"].map(where).fillna("").to_numpy(),
            "answered": (
                ref["answered"].notna() | ref["status"].isin(ANSWERED_STATUSES)
            ).to_numpy(),
            "days": (ref["answered"] - ref["sent"]).dt.days.to_numpy(),
        }
    ).groupby("gmina")
    sent_by = by_ref.size()
    answered_by = by_ref["answered"].sum()
    median_by = by_ref["days"].median()  # answers with a date only (others are NaN)
    institutions_by = gmina_of.value_counts()
    rows = []
    for code in codes:
        n = int(institutions_by.get(code, 0))
        sent = int(sent_by.get(code, 0))
        median = median_by.get(code, np.nan)
        row: dict[str, object] = {
            "gmina": code,
            "gmina_name": names.get(code, code),
            "institutions": n,
            "ties": ties[code],
            "density": ties[code] / (n * (n - 1) / 2) if n > 1 else np.nan,
            "ops_ties": ops_ties.get(code, 0),
            "has_ops": code in ops_ties,
            "sectors_absent": int(absent.get(code, 0)),
            "sectors_unlinked": int(unlinked.get(code, 0)),
            "co_serving_gaps": co_count[code],
            "referrals": sent,
            "unanswered": int(sent - answered_by.get(code, 0)),
            "median_days": float(median) if pd.notna(median) else np.nan,
            "groups_missing_sectors": int(groups.get(code, 0)),
        }
        status, reasons = _status(_values(row, min_count))
        row["status"], row["reasons"] = status, "|".join(reasons)
        rows.append(row)
    out = pd.DataFrame(rows)[columns]
    rank = out["status"].map({"red": 0, "amber": 1, "green": 2})
    out = out.assign(_rank=rank).sort_values(["_rank", "gmina"], kind="stable")
    return out.drop(columns="_rank").reset_index(drop=True)
