"""Trust and value as partners rate them (PARTNER), and how each survey wave was made.

Survey waves (:mod:`kokon_graph.survey`) carry, on each reported tie, the reporting
institution's ratings of its partner on the PARTNER tool's 1-4 scale: three trust
dimensions (reliability, openness to discussion, support of the shared mission) and
three value dimensions (resources, involvement, influence). Following PARTNER, a
report's trust score is the mean of its trust dimensions and its value score the
mean of its value dimensions; an institution's scores are the means over the
partners that rated it, and the network's scores the means over all rated reports.

Only a respondent's own reports count: rows reconstructed for a non-respondent
(``reported_by`` differs from ``source``) hold no ratings. A report that has
several cooperation kinds is one report (its rows share the ratings).

References
----------
Varda, D. M., Chandra, A., Stern, S. A., & Lurie, N. (2008). Core dimensions of
connectivity in public health collaboratives. *Journal of Public Health Management
and Practice*, 14(5), E1-E7. https://doi.org/10.1097/01.PHH.0000333889.60517.46
"""

from __future__ import annotations

from typing import Any, Final

import numpy as np
import pandas as pd

from kokon_graph.graph import Network
from kokon_graph.io.schema import RATING_COLUMNS

__all__ = [
    "TRUST_DIMENSIONS",
    "VALUE_DIMENSIONS",
    "rated_reports",
    "survey_waves",
    "trust",
    "trust_pairs",
]

#: The rating columns of the three trust dimensions.
TRUST_DIMENSIONS: Final = tuple(c for c, _a, _w in RATING_COLUMNS if c.startswith("trust_"))
#: The rating columns of the three value dimensions.
VALUE_DIMENSIONS: Final = tuple(c for c, _a, _w in RATING_COLUMNS if c.startswith("value_"))
_RATINGS: Final = TRUST_DIMENSIONS + VALUE_DIMENSIONS


def rated_reports(network: Network) -> pd.DataFrame:
    """One row per rated report in scope: ``source`` (who rates), ``target``, ``wave``, the
    six ratings, ``trust`` and ``value`` (means of the dimensions rated)."""
    rows = network.dataset.cooperation
    own = rows[(rows["reported_by"] == rows["source"]) & rows[list(_RATINGS)].notna().any(axis=1)]
    own = own.drop_duplicates(["source", "target", "wave"])[["source", "target", "wave", *_RATINGS]]
    return own.assign(
        trust=own[list(TRUST_DIMENSIONS)].mean(axis=1),
        value=own[list(VALUE_DIMENSIONS)].mean(axis=1),
    ).reset_index(drop=True)


def trust(network: Network) -> pd.DataFrame:
    """Each institution's trust and value as rated by its partners (PARTNER scores).

    Returns
    -------
    DataFrame
        One row per institution rated at least once, lowest trust first:
        ``id``, ``name``, ``sector``, ``raters``, ``trust``, ``value`` and the
        mean of each dimension (1-4; ``nan`` where no partner rated it).

    Examples
    --------
    >>> from kokon_graph.analysis._demo import demo_network
    >>> scores = trust(demo_network())  # OPS rated 2 by SZK and 3 by NGO; SZK rated 4 by OPS
    >>> scores[["id", "raters", "trust"]].values.tolist()
    [['OPS', 2, 2.5], ['SZK', 1, 4.0]]
    """
    reports = rated_reports(network)
    inst = network.institutions
    columns = ["id", "name", "sector", "raters", "trust", "value", *_RATINGS]
    if reports.empty:
        return _empty(columns, ints=("raters",), strs=("id", "name", "sector"))
    grouped = reports.groupby("target")
    out = grouped[["trust", "value", *_RATINGS]].mean()
    out.insert(0, "raters", grouped["source"].nunique().astype("int64"))
    out.insert(0, "sector", inst["sector"].reindex(out.index).fillna("").astype(str))
    out.insert(0, "name", inst["name"].reindex(out.index).fillna("").astype(str))
    out.insert(0, "id", out.index.astype(str))
    return out.sort_values(["trust", "id"], ignore_index=True)[columns]


def trust_pairs(network: Network, *, top: int = 50) -> pd.DataFrame:
    """The pairs that rated each other, the sides that disagree most first.

    ``disagreement`` is the mean of the absolute differences of the two
    sides' trust and value scores (0: they see each other alike; at most 3).

    Parameters
    ----------
    top
        Pairs kept (0: all).

    Examples
    --------
    >>> from kokon_graph.analysis._demo import demo_network
    >>> pairs = trust_pairs(demo_network())
    >>> pairs[["source", "target", "trust_source", "trust_target", "disagreement"]].values.tolist()
    [['OPS', 'SZK', 4.0, 2.0, 2.0]]
    """
    reports = rated_reports(network)
    columns = [
        "source",
        "target",
        "source_name",
        "target_name",
        "wave",
        "trust_source",
        "trust_target",
        "value_source",
        "value_target",
        "disagreement",
    ]
    if reports.empty:
        return _empty(columns, strs=("source", "target", "source_name", "target_name", "wave"))
    back = reports.rename(columns={"source": "target", "target": "source"})
    pairs = reports.merge(back, on=["source", "target", "wave"], suffixes=("_ab", "_ba"))
    pairs = pairs[pairs["source"] < pairs["target"]]
    names = network.institutions["name"].astype(str)
    out = pd.DataFrame(
        {
            "source": pairs["source"].astype(str),
            "target": pairs["target"].astype(str),
            "source_name": pairs["source"].map(names).fillna("").astype(str),
            "target_name": pairs["target"].map(names).fillna("").astype(str),
            "wave": pairs["wave"].astype(str),
            "trust_source": pairs["trust_ab"],  # how the first rates the second
            "trust_target": pairs["trust_ba"],
            "value_source": pairs["value_ab"],
            "value_target": pairs["value_ba"],
        }
    )
    diffs = pd.concat(
        [
            (out["trust_source"] - out["trust_target"]).abs(),
            (out["value_source"] - out["value_target"]).abs(),
        ],
        axis=1,
    )
    out["disagreement"] = diffs.mean(axis=1)
    out = out.sort_values(
        ["disagreement", "source", "target"], ascending=[False, True, True], ignore_index=True
    )
    return out.head(top) if top else out


def survey_waves(network: Network) -> pd.DataFrame:
    """How each survey wave in scope was made, and its network trust and value.

    One row per wave whose ties came from a survey (rows with ``reported_by``):
    ``wave``, ``rule`` (union, intersection or reconstruction), ``asked``,
    ``answered``, ``response_rate``, ``ties`` (pairs with a tie in scope),
    ``one_sided_share`` (of those, the share only one side reported),
    ``trust`` and ``value`` (the network's PARTNER scores: means over every
    rated report in scope). ``rule`` is empty and ``asked`` 0 where the
    dataset does not record them (``datapackage.json`` and ``responses``).

    Examples
    --------
    >>> from kokon_graph.analysis._demo import demo_network
    >>> waves = survey_waves(demo_network())  # OPS-SZK both sides, NGO -> OPS one side
    >>> waves[["ties", "one_sided_share", "trust"]].values.tolist()
    [[2.0, 0.5, 3.0]]
    """
    columns = [
        "wave",
        "rule",
        "asked",
        "answered",
        "response_rate",
        "ties",
        "one_sided_share",
        "trust",
        "value",
    ]
    meta: dict[str, Any] = network.full_dataset.metadata.get("survey") or {}
    rows = network.dataset.cooperation
    rows = rows[rows["reported_by"] != ""]
    responses = network.dataset.responses
    reports = rated_reports(network)
    ids = set(network.institutions.index)
    out = []
    for wave in sorted(set(rows["wave"])):
        # kokon_graph.survey (and with it openpyxl) only where a wave came from a survey
        from kokon_graph.survey.ties import one_sided_share

        coop = rows[rows["wave"] == wave]
        info = meta.get(wave)
        asked = responses[(responses["wave"] == wave) & responses["respondent"].isin(ids)]
        answered = int(asked["status"].isin(["complete", "incomplete"]).sum())
        pairs = coop[["source", "target"]].apply(lambda r: tuple(sorted(r)), axis=1).nunique()
        rated = reports[reports["wave"] == wave]
        out.append(
            {
                "wave": str(wave),
                "rule": str(info.get("rule", "")) if isinstance(info, dict) else "",
                "asked": len(asked),
                "answered": answered,
                "response_rate": answered / len(asked) if len(asked) else np.nan,
                "ties": int(pairs),
                "one_sided_share": one_sided_share(coop),
                "trust": rated["trust"].mean() if len(rated) else np.nan,
                "value": rated["value"].mean() if len(rated) else np.nan,
            }
        )
    if not out:
        return _empty(columns, ints=("asked", "answered", "ties"), strs=("wave", "rule"))
    frame = pd.DataFrame(out, columns=columns)
    return frame.astype({"asked": "int64", "answered": "int64", "ties": "int64"})


def _empty(
    columns: list[str], *, ints: tuple[str, ...] = (), strs: tuple[str, ...] = ()
) -> pd.DataFrame:
    dtypes = {c: ("int64" if c in ints else "str" if c in strs else "float64") for c in columns}
    return pd.DataFrame({c: pd.Series([], dtype=t) for c, t in dtypes.items()})
