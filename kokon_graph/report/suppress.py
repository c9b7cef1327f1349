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

Zero is shown as ``0``: "no family" identifies nobody, and a table where a
zero reads "<3" says there might be one or two where there are none.

A hidden cell is never left to be worked out from the other cells of its row
(secondary suppression): where unanswered referrals are hidden, the answered
ones and the answer rate are hidden too (unless zero), shown as ``"x"`` (unanswered =
referrals − answered); a recommendation's score adds 1 in place of a hidden
count of shared families (not the count), and the rows are ordered by the
score shown. What can still be worked out across separate outputs is listed
in docs/privacy.md.

Examples
--------
>>> import pandas as pd
>>> frame = pd.DataFrame({"gmina": ["a", "b"], "families": [2, 14]})
>>> suppress_result("gaps_uncoordinated", frame, min_count=3)["families"].tolist()
['<3', 14]
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
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
    "suppress_description",
    "suppress_for_files",
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


#: The text of a cell hidden so that a hidden count cannot be worked out from it.
SECONDARY: Final = "x"


def is_suppressed(value: Any) -> bool:
    """Whether a cell holds a suppression marker (``"<3"``, or ``"x"`` for a complement)."""
    return isinstance(value, str) and (value.startswith("<") or value == SECONDARY)


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


def _hide(
    series: pd.Series, mask: pd.Series, text: str, *, keep: bool = False, plain: bool = False
) -> pd.Series:
    """``series`` as Python values (``None`` for a missing one) with ``text`` where ``mask``.

    ``keep``: a column with nothing to hide is returned as it is. ``plain``: ``series``
    holds Python values already (a column hidden before)."""
    hidden = np.asarray(mask, dtype=bool)
    dtype = series.dtype
    if keep and not hidden.any():
        return series
    if plain and series.dtype == object:
        values = series.to_numpy(dtype=object, copy=True)
        values[hidden] = text
    elif pd.api.types.is_numeric_dtype(dtype) or pd.api.types.is_bool_dtype(dtype):
        # numpy and pandas give Python ints, floats and bools for these dtypes, None for NA:
        # what _plain gives per cell, without a Python call per cell
        values = series.to_numpy(dtype=object, na_value=None)
        if not values.flags.writeable:  # a view of an Arrow-backed column's values
            values = values.copy()
        values[hidden] = text
    else:
        values = np.array(
            [
                text if hide else _plain(value)
                for value, hide in zip(series.tolist(), hidden.tolist(), strict=True)
            ],
            dtype=object,
        )
    return pd.Series(values, index=series.index, dtype=object, name=series.name)


#: ``str`` over a numpy object array, each result a Python ``str``.
_STR: Final = np.frompyfunc(str, 1, 1)


def _marked(column: pd.Series, original: pd.Series, min_count: int) -> pd.Series:
    """``column.map(is_suppressed)`` for a column :func:`suppress_result` made from
    ``original``: in a column that held no text, the only texts are its two markers."""
    if original.dtype == object:
        return column.map(is_suppressed)
    return column.isin([marker(min_count), SECONDARY])


def suppress_result(
    result: str, frame: pd.DataFrame, *, min_count: int, keep: bool = False
) -> pd.DataFrame:
    """A copy of ``frame`` with every family count below ``min_count`` shown as ``"<min_count"``.

    Parameters
    ----------
    result
        The result's name (``"gaps_uncoordinated"``, ...), which selects the rule.
    frame
        The result as the analysis returned it; left unchanged.
    min_count
        The threshold (at least 1). Counts from 1 to ``min_count - 1`` are hidden;
        zero is shown.

    Returns
    -------
    pandas.DataFrame
        Suppressed columns have dtype ``object`` holding Python ints (or floats)
        and marker strings; other columns are unchanged. With ``keep`` (the files), a
        column in which nothing is hidden is left as computed too.
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
        out[column] = _hide(frame[column], _small(numbers, min_count), text, keep=keep)
    rule = SUPPRESSION_RULES.get(result)
    if rule is not None and rule.base in frame.columns and derived:
        base = pd.to_numeric(frame[rule.base], errors="coerce")
        small = _small(base, min_count)
        for column in derived:
            mask = small & frame[column].notna()
            out[column] = _hide(frame[column], mask, text, keep=keep)
    if rule is not None:
        out = _secondary(out, frame, rule, min_count=min_count, keep=keep)
    return out


def _secondary(
    out: pd.DataFrame, frame: pd.DataFrame, rule: Suppression, *, min_count: int, keep: bool
) -> pd.DataFrame:
    """Hide what would give a hidden count away (see :class:`Suppression`)."""
    group = [c for c in rule.complements if c in out.columns]
    if len(group) > 1:
        marked = {c: _marked(out[c], frame[c], min_count) for c in group}
        hidden = pd.concat(marked.values(), axis=1).any(axis=1)
        for column in group[1:]:
            shown = out[column]
            value = pd.to_numeric(frame[column], errors="coerce")
            mask = hidden & ~marked[column] & value.notna() & (value != 0)
            if mask.any():
                # ``shown`` holds Python values already where suppression made it text
                plain = shown.dtype == object and frame[column].dtype != object
                out[column] = _hide(shown, mask, SECONDARY, keep=keep, plain=plain)
    sums = [c for c in rule.sums if c in out.columns]
    if sums and rule.counts and rule.counts[0] in frame.columns:
        count = pd.to_numeric(frame[rule.counts[0]], errors="coerce")
        small = _small(count, min_count)
        if small.any():
            for column in sums:
                out[column] = frame[column].where(~small, frame[column] - count + 1)
            order = np.lexsort(
                [out[c].to_numpy() for c in ("target", "source") if c in out.columns]
                + [-out[c].to_numpy(dtype=float) for c in reversed(sums)]
            )
            attrs = dict(out.attrs)
            out = out.iloc[order].reset_index(drop=True)
            out.attrs = {
                k: [v[i] for i in order] if isinstance(v, list) and len(v) == len(order) else v
                for k, v in attrs.items()
            }
    return out


#: The tables of a dataset whose rows are about families (one row, one family or less).
FAMILY_TABLES: Final = ("families", "services", "referrals")


def suppress_description(
    described: Mapping[str, pd.Series], *, min_count: int = DEFAULT_MIN_COUNT
) -> dict[str, pd.Series]:
    """:meth:`kokon_graph.graph.Network.describe` as ``info`` prints it: the counts of rows
    about families (families, services, referrals, referrals by status, their rows per
    wave) below ``min_count`` as ``"<3"``; where one part of a breakdown is hidden, the
    other parts are ``"x"`` (the total minus them would give it away)."""
    text = marker(min_count)
    out = {key: series.astype(object) for key, series in described.items()}

    def hide(series: pd.Series, keys: list[Any], *, parts: bool) -> pd.Series:
        series = series.copy()
        small = [k for k in keys if 0 < int(series[k]) < min_count]
        for k in keys:
            if k in small:
                series[k] = text
            elif small and parts:
                series[k] = SECONDARY
        return series

    if "tables" in out:
        tables = [t for t in FAMILY_TABLES if t in out["tables"].index]
        out["tables"] = hide(out["tables"], tables, parts=False)
    if "referral_status" in out:
        status = out["referral_status"]
        out["referral_status"] = hide(status, list(status.index), parts=True)
    if "wave" in out:
        wave = out["wave"]
        for table in FAMILY_TABLES:
            keys = [k for k in wave.index if isinstance(k, tuple) and k[0] == table]
            wave = hide(wave, keys, parts=True)
        out["wave"] = wave
    return out


def _small(numbers: pd.Series, min_count: int) -> pd.Series:
    """The counts that are hidden: more than zero and fewer than ``min_count``."""
    return numbers.notna() & (numbers > 0) & (numbers < min_count)


def suppress_results(
    results: dict[str, pd.DataFrame], *, min_count: int, only: Iterable[str] | None = None
) -> dict[str, pd.DataFrame]:
    """:func:`suppress_result` applied to every result (or to those named in ``only``)."""
    names = set(results) if only is None else set(only)
    return {
        name: suppress_result(name, frame, min_count=min_count) if name in names else frame
        for name, frame in results.items()
    }


def suppress_for_files(
    results: Mapping[str, pd.DataFrame], *, min_count: int
) -> dict[str, pd.DataFrame]:
    """Every result as written to plain CSV files: :func:`suppress_result`, with a column that
    holds both numbers and markers turned into text (``"14"``, ``"<3"``) and a column with no
    marker left as computed."""
    out = {}
    for name, frame in results.items():
        shown = suppress_result(name, frame, min_count=min_count, keep=True)
        for column in shown.columns:
            if frame[column].dtype == object or shown[column].dtype != object:
                continue  # a text column, or one suppression left as it was
            marked = _marked(shown[column], frame[column], min_count)
            if marked.any():
                # str() of every value, called by numpy, and "" for a missing one
                values = shown[column].to_numpy(dtype=object)
                text = _STR(values)
                text[pd.isna(values)] = ""
                shown[column] = pd.Series(text, index=shown.index, name=column)
            else:  # made Python objects, nothing hidden in the end: the dtype computed
                shown[column] = shown[column].astype(frame[column].dtype)
        out[name] = shown
    return out
