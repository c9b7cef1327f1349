"""Statements the tests build (counts, dumps, clearing a test database).

They go through the same session interface as the store's own statements and
are checked by Neo4j's linter like them (``test_cypher_lint.py``). Labels and
relationship types come from :mod:`kokon_graph.model`.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from typing import Any

from kokon_graph.model import NEO4J_LABELS, NEO4J_REL_TYPES
from kokon_graph.store import GraphSession
from kokon_graph.store.statements import Param, Statement


def _st(name: str, body: str) -> Statement:
    return Statement(name=f"tests/{name}", text=body, body=body, summary="test statement")


COUNT_NODES = {
    label: _st(f"count_{label}", f"MATCH (n:{label}) RETURN count(n) AS n")
    for label in NEO4J_LABELS.values()
}
COUNT_RELATIONSHIPS = {
    rel: _st(f"count_{rel}", f"MATCH ()-[r:{rel}]->() RETURN count(r) AS n")
    for rel in NEO4J_REL_TYPES.values()
}
DUMP_NODES = _st("dump_nodes", "MATCH (n) RETURN labels(n) AS labels, properties(n) AS properties")
DUMP_RELATIONSHIPS = _st(
    "dump_relationships",
    "MATCH (a)-[r]->(b)\n"
    "RETURN type(r) AS type, coalesce(a.id, a.teryt) AS source,\n"
    "       coalesce(b.id, b.teryt) AS target, properties(r) AS properties",
)
CLEAR = _st("clear", "MATCH (n) DETACH DELETE n")
INSTITUTION_IDS = dataclasses.replace(
    _st("institution_ids", "MATCH (n:Institution) WHERE n.id IN $ids RETURN n.id AS id"),
    params=(Param("ids", "list"),),
)
ALL_TEST_STATEMENTS = [
    INSTITUTION_IDS,
    *COUNT_NODES.values(),
    *COUNT_RELATIONSHIPS.values(),
    DUMP_NODES,
    DUMP_RELATIONSHIPS,
    CLEAR,
]


def counts(session: GraphSession) -> dict[str, int]:
    """Nodes per label and relationships per type."""
    out = {}
    for name, st in {**COUNT_NODES, **COUNT_RELATIONSHIPS}.items():
        out[name] = int(session.read(st, {}).rows[0][0])
    return out


def _freeze(value: Any) -> Any:
    if isinstance(value, dict):
        return tuple(sorted((k, _freeze(v)) for k, v in value.items()))
    if isinstance(value, list | tuple):
        return tuple(_freeze(v) for v in value)
    return value


def snapshot(session: GraphSession) -> tuple[Counter[Any], Counter[Any]]:
    """Every node (labels, properties) and relationship (type, ends, properties), as multisets."""
    nodes = Counter(_freeze(row) for row in session.read(DUMP_NODES, {}).rows)
    rels = Counter(_freeze(row) for row in session.read(DUMP_RELATIONSHIPS, {}).rows)
    return nodes, rels


def clear(session: GraphSession) -> None:
    """Delete everything (only ever on a test database)."""
    session.write(CLEAR, {})
