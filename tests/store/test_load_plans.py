"""The load statements' query plans on a real Neo4j: nodes found by index seeks, never scans.

A load statement that scans (an index, a label, every node) for each row of a batch costs
rows x nodes instead of rows: c57bd78's WORKS_AT and LOCATED_IN statements matched the old
far end with its label (``(p)-[old:WORKS_AT]->(previous:Institution)``), and with some
statistics Neo4j's planner scanned every Institution (Territory) per row instead of
expanding from the person: 102 rows/s on the voivodeship data, quadratic on the national
(benchmarks/results/neo4j.md). The far end now has no label, so no index offers a scan.
The planner's choice depends on the statistics of the moment, so these tests cannot make
it pick the old scan on demand; they plan (``EXPLAIN``, replanning, over Bolt with the
official driver) each statement as a first load meets it, on a generated powiat, and fail
on any scan in any statement.
"""

from __future__ import annotations

import os
from typing import Any

import pytest

from kokon_graph.io import Dataset
from kokon_graph.store import GraphSession
from kokon_graph.store.load import LOAD_STEPS, batch_parameters, step_rows
from kokon_graph.store.schema import apply_schema
from kokon_graph.store.statements import statement
from tests.store.conftest import NEO4J_URI_ENV
from tests.store.datasets_for_tests import read


def _operators(plan: Any) -> list[str]:
    found = [plan["operatorType"].split("@", 1)[0]]
    for child in plan.get("children", []):
        found += _operators(child)
    return found


@pytest.fixture
def explain(neo4j_store: GraphSession) -> Any:
    """``explain(body, parameters)``: the operators of Neo4j's plan for a statement."""
    import neo4j

    driver = neo4j.GraphDatabase.driver(
        os.environ[NEO4J_URI_ENV],
        auth=(os.environ.get("NEO4J_USERNAME", "neo4j"), os.environ.get("NEO4J_PASSWORD", "")),
    )

    def plan(body: str, parameters: dict[str, Any]) -> list[str]:
        database = os.environ.get("KOKON_NEO4J_DATABASE") or None
        with driver.session(database=database) as session:
            summary = session.run(f"CYPHER replan=force EXPLAIN {body}", parameters).consume()
        assert summary.plan is not None
        return _operators(summary.plan)

    yield plan
    driver.close()


@pytest.fixture(scope="module")
def loaded_dataset(tmp_path_factory: pytest.TempPathFactory) -> Dataset:
    """A generated powiat: the planner picks those scans only with enough data to plan on
    (on tests/data/valid or praski-kokon, c57bd78's statements were planned well)."""
    from kokon_graph.generate import generate

    folder = tmp_path_factory.mktemp("plans") / "powiat"
    generate(folder, scale="powiat", seed=1)
    return read(folder)


def _plans(session: GraphSession, dataset: Dataset, explain: Any) -> dict[str, list[str]]:
    """Each load statement's plan as a first load meets it: with the steps before it written.

    The planner decides on the counts of the moment; a plan made on a full database (every
    relationship already there) can differ from the one the first load runs.
    """
    apply_schema(session)
    plans = {}
    for step in LOAD_STEPS:
        st = statement(step.statement)
        parameters = batch_parameters(step.statement, step_rows(step.statement, dataset))
        plans[step.statement] = explain(st.body, parameters)
        session.write(st, parameters)
    return plans


def test_every_load_statement_finds_nodes_by_index_seeks_only(
    neo4j_store: GraphSession, loaded_dataset: Dataset, explain: Any
) -> None:
    for name, operators in _plans(neo4j_store, loaded_dataset, explain).items():
        scans = [op for op in operators if "Scan" in op]
        assert scans == [], f"{name} scans: {operators}"
        assert any("Seek" in op for op in operators), f"{name} seeks nothing: {operators}"


def test_relationship_merges_expand_between_the_two_nodes_they_found(
    neo4j_store: GraphSession, loaded_dataset: Dataset, explain: Any
) -> None:
    for name, operators in _plans(neo4j_store, loaded_dataset, explain).items():
        if statement(name).creates != "relationships":
            continue
        # REFERRED is found by its unique id instead (a relationship index seek)
        finds = {"Expand(Into)", "DirectedRelationshipUniqueIndexSeek(Locking)"}
        assert finds & set(operators), f"{name}: {operators}"
