"""Applying the schema: the one place where the database dialects differ.

``cypher/schema/neo4j.cypher`` holds Neo4j 5's uniqueness constraints and
indexes (``CREATE CONSTRAINT ... IF NOT EXISTS``); ``cypher/schema/falkordb.cypher``
the same keys and filtered properties as FalkorDB indexes, FalkorDB having no
``CREATE CONSTRAINT`` statement. Every other statement of the store (load,
read, ready queries) is written in the Cypher both accept.
"""

from __future__ import annotations

from kokon_graph.store.session import GraphSession
from kokon_graph.store.statements import schema_statements

__all__ = ["apply_schema"]


def apply_schema(session: GraphSession) -> int:
    """Create the constraints and indexes for the session's dialect.

    Idempotent: what exists already is left alone.

    Returns
    -------
    int
        How many statements ran.
    """
    return session.apply_schema(schema_statements(session.dialect))
