"""docs/neo4j.md and cypher/README.md say what the code does."""

from __future__ import annotations

import json

from kokon_graph.model import NEO4J_LABELS, NEO4J_REL_TYPES
from kokon_graph.store import ready_queries
from kokon_graph.store.statements import statements
from tests.conftest import REPO

DOC = (REPO / "docs" / "neo4j.md").read_text(encoding="utf-8")
EXAMPLES = {"gmina": "2815011", "id": "OPS1"}


def test_browser_params_lines_match_the_query_headers() -> None:
    lines = [line for line in DOC.splitlines() if line.startswith(":params ")]
    expected = []
    for q in ready_queries():
        values = ", ".join(
            f"{p.name}: {json.dumps(EXAMPLES[p.name] if p.required else p.default)}"
            for p in q.params
        )
        expected.append(f":params {{{values}}}")
    assert lines == expected
    order = ", ".join(f"`{q.stem}`" for q in ready_queries())
    assert " ".join(DOC.split()).count(f"(in the order {order})") == 1


def test_every_ready_query_label_and_type_is_documented() -> None:
    for q in ready_queries():
        assert f"| `{q.stem}` |" in DOC
        assert ".".join(q.mirrors.split(".")[-2:]) in DOC
    for name in (*NEO4J_LABELS.values(), *NEO4J_REL_TYPES.values()):
        assert f"`{name}`" in DOC


def test_every_command_and_variable_is_documented() -> None:
    for command in ("init", "load", "export", "query"):
        assert f"kokon-graph neo4j {command}" in DOC
    for variable in (
        "NEO4J_URI",
        "NEO4J_USERNAME",
        "NEO4J_PASSWORD",
        "NEO4J_DATABASE",
        "KOKON_NEO4J_URI",
        "KOKON_NEO4J_DATABASE",
    ):
        assert variable in DOC


def test_the_cypher_readme_names_every_folder() -> None:
    readme = (REPO / "cypher" / "README.md").read_text(encoding="utf-8")
    for folder in sorted({s.folder for s in statements()}):
        assert f"`{folder}/`" in readme
    assert "`schema/neo4j.cypher`" in readme and "`schema/falkordb.cypher`" in readme
