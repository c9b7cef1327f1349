"""Small-count suppression: counts of families below a threshold never leave the tool.

A gmina where 2 families are "served by 3 institutions and coordinated by
nobody" is close to naming those families. Every exported aggregate about
families therefore shows a count below the threshold (default 3) as ``"<3"``,
never as the number. This applies to

* counts of families: shared families of two institutions, families and
  uncoordinated families per gmina, and any column whose name mentions
  families (``families``, ``shared_families``, ``n_families``, ...);
* counts of referrals (each referral is about one family): per pair and per
  receiving institution, with the rates and answer times computed from them,
  which are hidden when the number of referrals they rest on is below the
  threshold.

Zero is a count below the threshold too: ``0`` shows as ``"<3"``.

Suppression is primary only: a hidden cell can sometimes be worked out from
other cells of the same row (for example unanswered = referrals − answered).
The counts that matter most (families per gmina, shared families) have no
such complement in the reports.

Examples
--------
>>> import pandas as pd
>>> frame = pd.DataFrame({"gmina": ["a", "b"], "families": [2, 14]})
>>> suppress_result("gaps_uncoordinated", frame, min_count=3)["families"].tolist()
['<3', 14]
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Final

import numpy as np
import pandas as pd

from kokon_graph.analysis.results import REGISTRY, Suppression
from kokon_graph.errors import OptionError
from kokon_graph.model import DEFAULT_MIN_COUNT

__all__ = [
    "DEFAULT_MIN_COUNT",
    "SUPPRESSION_RULES",
    "SuppressionRule",
    "is_suppressed",
    "marker",
    "suppress_result",
    "suppress_results",
    "suppressed_columns",
]

#: How one result's family counts are hidden (:class:`~kokon_graph.analysis.results.Suppression`).
SuppressionRule = Suppression

#: The results that hold counts about families, from the result registry.
SUPPRESSION_RULES: Final[dict[str, SuppressionRule]] = {
    r.name: r.suppression for r in REGISTRY.values() if r.suppression != Suppression()
}


def marker(min_count: int) -> str:
    """The text shown in place of a hidden count: ``"<3"`` for a threshold of 3."""
    return f"<{min_count}"


def is_suppressed(value: Any) -> bool:
    """Whether a cell holds a suppression marker (``"<3"``)."""
    return isinstance(value, str) and value.startswith("<")


def _mentions_families(column: str) -> bool:
    return "famil" in column.lower()


def suppressed_columns(result: str, frame: pd.DataFrame) -> tuple[list[str], list[str]]:
    """The count columns and the derived columns of ``frame`` that suppression applies to.

    Count columns are those named by :data:`SUPPRESSION_RULES` for ``result``
    plus every numeric column whose name mentions families.
    """
    rule = SUPPRESSION_RULES.get(result, SuppressionRule())
    counts = [c for c in rule.counts if c in frame.columns]
    for column in frame.columns:
        if (
            column not in counts
            and _mentions_families(str(column))
            and pd.api.types.is_numeric_dtype(frame[column])
            and not pd.api.types.is_bool_dtype(frame[column])
        ):
            counts.append(str(column))
    derived = [c for c in rule.derived if c in frame.columns and c not in counts]
    return counts, derived


def _plain(value: Any) -> Any:
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and value != value:
        return None
    return value


def _hide(series: pd.Series, mask: pd.Series, text: str) -> pd.Series:
    values = [
        text if hidden else _plain(value)
        for value, hidden in zip(series.tolist(), mask.tolist(), strict=True)
    ]
    return pd.Series(values, index=series.index, dtype=object, name=series.name)


def suppress_result(result: str, frame: pd.DataFrame, *, min_count: int) -> pd.DataFrame:
    """A copy of ``frame`` with every family count below ``min_count`` shown as ``"<min_count"``.

    Parameters
    ----------
    result
        The result's name (``"gaps_uncoordinated"``, ...), which selects the rule.
    frame
        The result as the analysis returned it; left unchanged.
    min_count
        The threshold (at least 1). Counts ``< min_count``, zero included, are hidden.

    Returns
    -------
    pandas.DataFrame
        Suppressed columns have dtype ``object`` holding Python ints (or floats)
        and marker strings; other columns are unchanged.
    """
    if min_count < 1:
        raise OptionError(
            f"min_count must be at least 1, not {min_count}",
            hint="counts below min_count are hidden; 3 is the default",
        )
    counts, derived = suppressed_columns(result, frame)
    if not counts:
        return frame
    out = frame.copy()
    text = marker(min_count)
    for column in counts:
        numbers = pd.to_numeric(frame[column], errors="coerce")
        out[column] = _hide(frame[column], numbers.notna() & (numbers < min_count), text)
    rule = SUPPRESSION_RULES.get(result)
    if rule is not None and rule.base in frame.columns and derived:
        base = pd.to_numeric(frame[rule.base], errors="coerce")
        small = base.notna() & (base < min_count)
        for column in derived:
            out[column] = _hide(frame[column], small & frame[column].notna(), text)
    return out


def suppress_results(
    results: dict[str, pd.DataFrame], *, min_count: int, only: Iterable[str] | None = None
) -> dict[str, pd.DataFrame]:
    """:func:`suppress_result` applied to every result (or to those named in ``only``)."""
    names = set(results) if only is None else set(only)
    return {
        name: suppress_result(name, frame, min_count=min_count) if name in names else frame
        for name, frame in results.items()
    }
