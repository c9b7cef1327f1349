"""The ready queries of ``cypher/queries/``: parameters, defaults and running them.

Each ready query is a file people can paste into Neo4j Browser (after setting
its parameters with ``:param``) and that ``kokon-graph neo4j query NAME`` runs.
Each mirrors an analysis of the tool (its header's ``@mirrors``), and the
tests check that both give the same answer on the bundled data.

Examples
--------
>>> [q.stem for q in ready_queries()][:3]
['central_actors', 'co_serving_without_tie', 'ego_network']
>>> query_parameters("central_actors", {"gmina": "2815011", "limit": "5"})
{'gmina': '2815011', 'wave': None, 'limit': 5}
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, Final

import pandas as pd

from kokon_graph.errors import KokonError
from kokon_graph.lang import tr
from kokon_graph.store.session import GraphSession
from kokon_graph.store.statements import PARAM_TYPES, Param, Statement, statement, statements

__all__ = [
    "QueryError",
    "parse_value",
    "query_parameters",
    "ready_queries",
    "ready_query",
    "run_query",
]


class QueryError(KokonError, ValueError):
    """No ready query has that name, or it got a parameter it does not declare, lacks a
    required one, or got one of the wrong type."""


#: A parameter's type in Polish messages: "musi być ..." (instrumental).
_TYPE_PL: Final = {
    "string": "tekstem",
    "integer": "liczbą całkowitą",
    "float": "liczbą",
    "boolean": "wartością true albo false",
    "list": "listą",
    "map": "mapą JSON",
}


#: A parameter's type in Polish lists of parameters.
_TYPE_WORD_PL: Final = {
    "string": "tekst",
    "integer": "liczba całkowita",
    "float": "liczba",
    "boolean": "true/false",
    "list": "lista",
    "map": "mapa JSON",
}


def _needs(param: str, kind: str, not_: str = "") -> str:
    """``parameter 'limit' needs an integer, not 'ten'`` in the language of messages."""
    article = "an" if kind[:1] in ("a", "e", "i", "o", "u") else "a"
    return tr(
        f"parametr {param!r} musi być {_TYPE_PL.get(kind, kind)}"
        + (f", a nie {not_}" if not_ else ""),
        f"parameter {param!r} needs {article} {kind}" + (f", not {not_}" if not_ else ""),
    )


def ready_queries() -> list[Statement]:
    """Every ready query, sorted by name."""
    return statements("queries")


def ready_query(name: str) -> Statement:
    """The ready query called ``name`` (``central_actors``).

    Raises
    ------
    QueryError
        If there is none (the hint lists them).
    """
    names = [q.stem for q in ready_queries()]
    if name not in names:
        raise QueryError(
            tr(f"nie ma gotowego zapytania {name!r}", f"there is no ready query {name!r}"),
            hint=tr("gotowe zapytania: ", "ready queries: ") + ", ".join(names),
        )
    return statement(f"queries/{name}")


def parse_value(param: Param, text: str) -> Any:
    """The value of ``param`` written as command-line text.

    Strings are taken as written; integers, floats and booleans (``true``,
    ``false``) are parsed; a list is JSON (``["a", "b"]``) or comma-separated
    text (``a,b``); ``null`` is ``None``.

    >>> parse_value(Param("sectors", "list"), "education,health")
    ['education', 'health']
    >>> parse_value(Param("limit", "integer"), "10")
    10
    """
    if text == "null":
        return None
    try:
        if param.type == "string":
            return text
        if param.type == "integer":
            return int(text)
        if param.type == "float":
            return float(text.replace(",", "."))
        if param.type == "boolean":
            lowered = text.strip().lower()
            if lowered not in ("true", "false"):
                raise ValueError(text)
            return lowered == "true"
        if param.type == "list":
            if text.lstrip().startswith("["):
                value = json.loads(text)
                if not isinstance(value, list):
                    raise ValueError(text)
                return value
            return [part.strip() for part in text.split(",") if part.strip()]
        if param.type == "map":
            value = json.loads(text)
            if not isinstance(value, dict):
                raise ValueError(text)
            return value
    except ValueError as err:
        raise QueryError(
            _needs(param.name, param.type, repr(text)),
            hint=tr("", param.description) or None,
        ) from err
    raise QueryError(
        tr(
            f"parametr {param.name!r} ma nieznany typ {param.type!r}",
            f"parameter {param.name!r} has an unknown type {param.type!r}",
        )
    )


def query_parameters(name: str, given: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The parameters to run ready query ``name`` with: ``given`` plus the defaults.

    Values given as text (from the command line) are parsed by the declared
    type; other values are checked against it.

    Raises
    ------
    QueryError
        For a parameter the query does not declare, a missing required one,
        or a value of the wrong type.
    """
    query = ready_query(name)
    given = dict(given or {})
    declared = {p.name: p for p in query.params}
    unknown = sorted(set(given) - set(declared))
    if unknown:
        raise QueryError(
            tr(f"zapytanie {name} nie ma parametru ", f"{name} has no parameter ")
            + ", ".join(map(repr, unknown)),
            hint=tr("jego parametry: ", "its parameters: ") + _describe(query),
        )
    values: dict[str, Any] = {}
    for p in query.params:
        if p.name in given:
            value = given[p.name]
            if isinstance(value, str) and p.type != "string":
                value = parse_value(p, value)
            elif value is not None and not isinstance(value, PARAM_TYPES[p.type]):
                raise QueryError(f"{name}: " + _needs(p.name, p.type, type(value).__name__))
            if isinstance(value, bool) and p.type in ("integer", "float"):
                raise QueryError(f"{name}: " + _needs(p.name, p.type))
            values[p.name] = list(value) if isinstance(value, tuple) else value
        elif p.required:
            raise QueryError(
                tr(
                    f"zapytanie {name} wymaga parametru {p.name!r}",
                    f"{name} needs the parameter {p.name!r} ({p.description})",
                ),
                hint=tr(f"dodaj --param {p.name}=WARTOŚĆ", f"add --param {p.name}=VALUE"),
            )
        else:
            values[p.name] = p.default
    return values


def _describe(query: Statement) -> str:
    optional = tr(", opcjonalny", ", optional")
    return ", ".join(
        f"{p.name} ({tr(_TYPE_WORD_PL.get(p.type, p.type), p.type)}"
        f"{'' if p.required else optional})"
        for p in query.params
    )


def run_query(
    session: GraphSession, name: str, parameters: Mapping[str, Any] | None = None
) -> pd.DataFrame:
    """Run ready query ``name`` and return its rows, columns as the header's ``@returns``.

    Parameters
    ----------
    session
        Where to run it (see :func:`kokon_graph.store.connect`).
    name
        The query's name (``central_actors``, ``sector_gaps``, ...).
    parameters
        Its parameters; missing optional ones take their defaults.
    """
    query = ready_query(name)
    result = session.read(query, query_parameters(name, parameters))
    frame = pd.DataFrame(result.rows, columns=list(result.columns), dtype=object)
    for column in frame.columns:
        values = [v for v in frame[column].tolist() if v is not None]
        if values and all(isinstance(v, int) and not isinstance(v, bool) for v in values):
            frame[column] = frame[column].astype("int64" if len(values) == len(frame) else "Int64")
        elif values and all(isinstance(v, bool) for v in values) and len(values) == len(frame):
            frame[column] = frame[column].astype(bool)
        elif values and len(values) == len(frame) and all(isinstance(v, str) for v in values):
            frame[column] = frame[column].astype(str)
    return frame
