"""Where a map gets its numbers: results passed in, or :mod:`kokon_graph.analysis`.

A map never computes a measure of its own. Each function here returns the
result frame the caller passed (a report that has computed it already), or
else calls the analysis function; the frame's columns are checked either way.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from typing import Any, Final

import pandas as pd

from kokon_graph.errors import MapError
from kokon_graph.graph import Network, RelationLike
from kokon_graph.model import Lang

__all__ = [
    "MapError",
    "centrality_frame",
    "co_serving_frame",
    "column_label",
    "referral_frame",
    "sector_frame",
]


MapError.__module__ = "kokon_graph.viz"  # its public home


#: Columns each result must have for a map to use it.
REQUIRED: Final[dict[str, tuple[str, ...]]] = {
    "centrality": ("id",),
    "gaps_co_serving": ("source", "target", "shared_families"),
    "gaps_sector": ("gmina", "ops_id", "sector", "status"),
    "gaps_referrals": ("source", "target", "referrals", "answered", "unanswered", "answer_rate"),
}


def _analysis(name: str) -> Callable[..., pd.DataFrame]:
    module = importlib.import_module("kokon_graph.analysis")
    function = getattr(module, name, None)
    if not callable(function):
        raise MapError(
            f"kokon_graph.analysis has no {name}()",
            hint="update kokon-graph, or pass the result to the map as a DataFrame",
        )
    return function


def _checked(result: str, frame: pd.DataFrame, extra: Iterable[str] = ()) -> pd.DataFrame:
    missing = [c for c in (*REQUIRED[result], *extra) if c not in frame.columns]
    if missing:
        raise MapError(
            f"the {result} result lacks the column(s) {', '.join(missing)}",
            hint=f"pass the frame returned by kokon_graph.analysis.{result}()",
        )
    return frame


def centrality_frame(
    network: Network,
    given: pd.DataFrame | None,
    *,
    column: str,
    relation: RelationLike = None,
) -> pd.DataFrame:
    """The centrality result (one row per institution) holding ``column``."""
    frame = given if given is not None else _analysis("centrality")(network, relation=relation)
    if column not in frame.columns:
        numeric = [
            c
            for c in frame.columns
            if pd.api.types.is_numeric_dtype(frame[c]) and not pd.api.types.is_bool_dtype(frame[c])
        ]
        raise MapError(
            f"{column!r} is not a column of the centrality results",
            hint=f"use one of: {', '.join(numeric)}",
        )
    return _checked("centrality", frame)


def _relation_kwargs(relation: RelationLike) -> dict[str, Any]:
    return {} if relation is None else {"relation": relation}


def co_serving_frame(
    network: Network,
    given: pd.DataFrame | None,
    *,
    relation: RelationLike = None,
) -> pd.DataFrame:
    """Pairs of institutions that serve the same families and have no cooperation tie
    (of the ``relation`` kinds, when given)."""
    if given is None:
        given = _analysis("gaps_co_serving")(network, **_relation_kwargs(relation))
    return _checked("gaps_co_serving", given)


def sector_frame(
    network: Network,
    given: pd.DataFrame | None,
    *,
    relation: RelationLike = None,
) -> pd.DataFrame:
    """Required sectors that are absent or untied (in ``relation``, when given) around each
    gmina's social assistance centre."""
    if given is None:
        given = _analysis("gaps_sector")(network, **_relation_kwargs(relation))
    return _checked("gaps_sector", given)


def referral_frame(network: Network, given: pd.DataFrame | None) -> pd.DataFrame:
    """Referrals per pair of institutions, with the answered and unanswered counts."""
    frame = given if given is not None else _analysis("gaps_referrals")(network)
    return _checked("gaps_referrals", frame)


def known_columns(result: str) -> list[str]:
    """The numeric columns the analysis catalogue documents for ``result`` (empty if unknown)."""
    try:
        columns: Any = importlib.import_module("kokon_graph.analysis.columns").COLUMNS
        entries = columns[result]
    except (ImportError, AttributeError, KeyError, TypeError):
        return []
    skip = {"id", "name", "type", "sector", "level", "teryt", "gmina", "powiat", "voivodeship"}
    return [str(c) for c in entries if c not in skip and not str(c).endswith("_method")]


def column_label(result: str, column: str, lang: Lang) -> str:
    """The people's name of a result column, from ``kokon_graph.analysis.columns.COLUMNS``;
    the column name itself when the catalogue does not describe it."""
    try:
        columns: Any = importlib.import_module("kokon_graph.analysis.columns").COLUMNS
        entry = columns[result][column]
    except (ImportError, AttributeError, KeyError, TypeError):
        return column
    if isinstance(entry, str):
        return entry
    if isinstance(entry, dict):
        return str(entry.get(lang) or entry.get("label_" + lang) or column)
    for attr in (lang, f"label_{lang}"):
        if hasattr(entry, attr):
            return str(getattr(entry, attr))
    if isinstance(entry, tuple | list) and len(entry) >= 2:
        return str(entry[0] if lang == "pl" else entry[1])
    return column
