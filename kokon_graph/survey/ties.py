"""From reports to ties: the rules for one-sided and missing answers.

A survey gives *reports*: respondent ``i`` says it cooperates with ``j``. Whether
the network has a tie between ``i`` and ``j`` depends on what is done with a tie
only one side reports, and with institutions that did not answer at all. The
three rules of the literature (Stork & Richards 1992; Huisman 2009):

``union``
    a tie wherever either side reports it (symmetrised by the maximum); every
    row gets ``mutual = true``, so the tie counts in both directions.
``intersection``
    a tie only where both sides report it (symmetrised by the minimum).
``reconstruction``
    the reports stay directed as given; for a non-respondent ``j`` named by
    ``i``, the tie ``j -> i`` is reconstructed from ``i``'s report
    (``reported_by = i``, no ratings). Ties between two non-respondents stay
    unknown (absent).

References
----------
Stork, D., & Richards, W. D. (1992). Nonrespondents in communication network
studies: problems and possibilities. *Group & Organization Management*, 17(2),
193-209. https://doi.org/10.1177/1059601192172006

Huisman, M. (2009). Imputation of missing network data: some simple procedures.
*Journal of Social Structure*, 10(1), 1-29. https://doi.org/10.21307/joss-2019-032
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final, Literal

import numpy as np
import pandas as pd

from kokon_graph import model
from kokon_graph.io.dataset import DATE_DTYPE, empty_table
from kokon_graph.survey._vocab import RATING_CODES
from kokon_graph.survey.answers import Report

__all__ = ["RULES", "Rule", "one_sided_share", "ties_from_reports"]

Rule = Literal["union", "intersection", "reconstruction"]

#: The rules, in the order the documentation gives them.
RULES: Final[tuple[Rule, ...]] = ("union", "intersection", "reconstruction")


def ties_from_reports(
    reports: Iterable[Report], respondents: Iterable[str], *, rule: Rule, wave: str
) -> pd.DataFrame:
    """The cooperation rows a rule makes of the reports.

    Parameters
    ----------
    reports
        The answered "tak" rows (partner ids resolved).
    respondents
        Institutions that returned a non-empty form (the others are
        non-respondents, whose ties ``reconstruction`` rebuilds).
    rule
        ``union``, ``intersection`` or ``reconstruction``.
    wave
        The wave written on every row.

    Returns
    -------
    DataFrame
        Rows of the ``cooperation`` table: one per report (or reconstructed
        report) and cooperation kind, with ``reported_by``, ``confirmed`` and
        the ratings.

    Examples
    --------
    >>> a_b = Report("A", "B", True, kinds=("information",))
    >>> b_a = Report("B", "A", True, kinds=("information",))
    >>> a_c = Report("A", "C", True)
    >>> t = ties_from_reports([a_b, b_a, a_c], {"A", "B"}, rule="intersection", wave="w")
    >>> sorted(zip(t["source"], t["target"]))
    [('A', 'B'), ('B', 'A')]
    >>> t = ties_from_reports([a_b, b_a, a_c], {"A", "B"}, rule="reconstruction", wave="w")
    >>> sorted(zip(t["source"], t["target"], t["reported_by"]))
    [('A', 'B', 'A'), ('A', 'C', 'A'), ('B', 'A', 'B'), ('C', 'A', 'A')]
    """
    if rule not in RULES:
        raise ValueError(f"unknown rule {rule!r}; expected one of {', '.join(RULES)}")
    answered = set(respondents)
    by_pair = {(r.respondent, r.partner): r for r in reports}
    rows: list[dict[str, object]] = []

    def emit(source: str, target: str, rep: Report, *, mutual: bool, imputed: bool) -> None:
        confirmed = (target, source) in by_pair and not imputed
        for kind in rep.kinds or (model.OTHER,):
            rows.append(
                {
                    "source": source,
                    "target": target,
                    "kind": kind,
                    "weight": rep.weight,
                    "since": pd.Timestamp(year=rep.since, month=1, day=1) if rep.since else pd.NaT,
                    "wave": wave,
                    "mutual": mutual,
                    "reported_by": rep.respondent,
                    "confirmed": confirmed,
                    **{
                        k: (np.nan if imputed else rep.ratings.get(k, np.nan)) for k in RATING_CODES
                    },
                }
            )

    for (i, j), rep in sorted(by_pair.items()):
        confirmed = (j, i) in by_pair
        if rule == "intersection" and not confirmed:
            continue
        emit(i, j, rep, mutual=rule != "reconstruction", imputed=False)
        if rule == "reconstruction" and j not in answered and not confirmed:
            emit(j, i, rep, mutual=False, imputed=True)
    template = empty_table("cooperation")
    if not rows:
        return template
    frame = pd.DataFrame(rows, columns=list(template.columns))
    for col in template.columns:
        frame[col] = frame[col].astype(template[col].dtype if col != "since" else DATE_DTYPE)
    return frame


def one_sided_share(cooperation: pd.DataFrame) -> float:
    """Share of ties (unordered pairs) that rest on one side's report only.

    Rows without ``reported_by`` (ties not from a survey) are left out; ``nan``
    when no survey tie is left.

    >>> rows = pd.DataFrame({"source": ["A", "B", "A"], "target": ["B", "A", "C"],
    ...                      "reported_by": ["A", "B", "A"], "confirmed": [True, True, False]})
    >>> one_sided_share(rows)
    0.5
    """
    rows = cooperation[cooperation["reported_by"].fillna("") != ""]
    if rows.empty:
        return float("nan")
    a = rows[["source", "target"]].min(axis=1)
    b = rows[["source", "target"]].max(axis=1)
    pairs = pd.DataFrame({"a": a, "b": b, "confirmed": rows["confirmed"].astype(bool)})
    per_pair = pairs.groupby(["a", "b"])["confirmed"].any()
    return float((~per_pair).mean())
