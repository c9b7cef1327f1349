"""The small interface every graph backend of the store implements.

The loading, reading and query code (:mod:`~kokon_graph.store.load`,
:mod:`~kokon_graph.store.read`, :mod:`~kokon_graph.store.queries`) talks only
to a :class:`GraphSession`, so the same statements run over Neo4j (through the
official driver, :mod:`kokon_graph.store.neo4j`) and over FalkorDB
(:mod:`kokon_graph.store.falkordb`), where the tests check their semantics.

A session runs one :class:`~kokon_graph.store.statements.Statement` at a
time, each write in its own transaction, with every value passed as a
parameter. Failures come out as :class:`~kokon_graph.errors.StoreError`;
:class:`TransientStoreError` marks those worth retrying (the server went away,
a deadlock, a leader switch).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol, runtime_checkable
from urllib.parse import urlsplit

from kokon_graph.errors import StoreError
from kokon_graph.store.statements import Statement

__all__ = [
    "Dialect",
    "GraphSession",
    "ReadResult",
    "TransientStoreError",
    "WriteSummary",
    "safe_location",
]

Dialect = Literal["neo4j", "falkordb"]


class TransientStoreError(StoreError):
    """A failure that may pass if the same statement is run again (see :class:`StoreError`)."""


@dataclass(frozen=True)
class WriteSummary:
    """What one write statement changed (the counters the database reports)."""

    nodes_created: int = 0
    nodes_deleted: int = 0
    relationships_created: int = 0
    relationships_deleted: int = 0
    properties_set: int = 0

    def __add__(self, other: WriteSummary) -> WriteSummary:
        return WriteSummary(
            self.nodes_created + other.nodes_created,
            self.nodes_deleted + other.nodes_deleted,
            self.relationships_created + other.relationships_created,
            self.relationships_deleted + other.relationships_deleted,
            self.properties_set + other.properties_set,
        )


@dataclass(frozen=True)
class ReadResult:
    """The rows a read statement returned, each a tuple in the order of ``columns``."""

    columns: tuple[str, ...]
    rows: list[tuple[Any, ...]] = field(default_factory=list)

    def records(self) -> list[dict[str, Any]]:
        """The rows as ``{column: value}`` dictionaries."""
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]


@runtime_checkable
class GraphSession(Protocol):
    """What the store needs from a graph database.

    Attributes
    ----------
    dialect
        Which schema file applies (``"neo4j"`` or ``"falkordb"``).
    location
        Where the data lives, for messages: ``neo4j://host:7687 (database neo4j)``;
        never holds a password.
    """

    dialect: Dialect
    location: str

    def write(self, statement: Statement, parameters: Mapping[str, Any]) -> WriteSummary:
        """Run ``statement`` in one write transaction and return its counters.

        Raises
        ------
        TransientStoreError
            When running it again may succeed (nothing was committed).
        StoreError
            For any other failure.
        """
        ...

    def read(self, statement: Statement, parameters: Mapping[str, Any]) -> ReadResult:
        """Run ``statement`` in a read transaction and return every row."""
        ...

    def apply_schema(self, statements: list[Statement]) -> int:
        """Run schema statements (keeping what exists already); return how many were applied."""
        ...

    def close(self) -> None:
        """Release what the session opened (a driver it created, a connection)."""
        ...

    def __enter__(self) -> GraphSession: ...

    def __exit__(self, *exc: object) -> None: ...


def safe_location(uri: str, database: str | None = None) -> str:
    """``scheme://host:port`` of ``uri`` without user, password, path or query.

    >>> safe_location("neo4j+s://me:secret@abc.databases.neo4j.io", "neo4j")
    'neo4j+s://abc.databases.neo4j.io (database neo4j)'
    >>> safe_location("bolt://localhost:7687")
    'bolt://localhost:7687'
    """
    parts = urlsplit(uri)
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    try:
        port = parts.port
    except ValueError:
        port = None
    where = f"{parts.scheme}://{host}{f':{port}' if port else ''}"
    return f"{where} (database {database})" if database else where
