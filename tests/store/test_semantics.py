"""What loading, reading back and exporting do, on a real graph engine.

Every test runs on FalkorDB (a server started by the ``falkordb_server``
fixture) and again on Neo4j over Bolt when ``KOKON_NEO4J_URI`` is set (see
``conftest.py``): the same statements, the same session interface.

Expected numbers come from :class:`kokon_graph.graph.Network`'s property graph
(an independent construction of the same nodes and edges), never from the
store's own code.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from kokon_graph.graph import build_network, scope_dataset
from kokon_graph.io import Dataset, read_dataset
from kokon_graph.model import ATTR_KIND, ATTR_TYPE, NEO4J_LABELS, NEO4J_REL_TYPES
from kokon_graph.store import (
    GraphSession,
    LoadError,
    ReadResult,
    TransientStoreError,
    WriteSummary,
    export_dataset,
    load_dataset,
    read_store,
)
from kokon_graph.store.statements import Statement
from tests.conftest import VALID
from tests.store import cypher_for_tests as tq
from tests.store.datasets_for_tests import bundled_dataset_paths, edge_case_dataset, read


def expected_counts(dataset: Dataset) -> dict[str, int]:
    """Nodes per label and edges per relationship type of the dataset's property graph."""
    graph = build_network(dataset).graph
    nodes = Counter(NEO4J_LABELS[k] for _, k in graph.nodes(data=ATTR_KIND))
    edges = Counter(NEO4J_REL_TYPES[t] for _, _, t in graph.edges(data=ATTR_TYPE))
    return {
        **{label: nodes.get(label, 0) for label in NEO4J_LABELS.values()},
        **{rel: edges.get(rel, 0) for rel in NEO4J_REL_TYPES.values()},
    }


@pytest.fixture(scope="module")
def edge_dataset(tmp_path_factory: pytest.TempPathFactory) -> Dataset:
    return read(edge_case_dataset(tmp_path_factory.mktemp("edge")))


@pytest.fixture(scope="module")
def generated_dataset(tmp_path_factory: pytest.TempPathFactory) -> Dataset:
    from kokon_graph.generate import generate

    folder = tmp_path_factory.mktemp("generated") / "powiat"
    generate(folder, scale="powiat", seed=3)
    return read(folder)


def test_load_creates_one_node_per_row_and_one_relationship_per_row(
    store: GraphSession, valid_dataset: Dataset
) -> None:
    report = load_dataset(store, valid_dataset, batch_size=4)
    assert tq.counts(store) == expected_counts(valid_dataset)
    assert report.matched == sum(s.rows - s.created for s in report.steps)
    created = {s.statement: s.created for s in report.steps}
    assert created["load/institution"] == len(valid_dataset.institutions) == 13
    assert created["load/cooperates_with"] == len(valid_dataset.cooperation) == 18
    assert created["load/referred"] == 7
    # every territory is listed, so the codes step finds them all
    assert created["load/territory_code"] == 0


def test_loading_twice_equals_loading_once(store: GraphSession, edge_dataset: Dataset) -> None:
    first = load_dataset(store, edge_dataset, batch_size=5)
    once = tq.snapshot(store)
    second = load_dataset(store, edge_dataset, batch_size=3)
    assert tq.snapshot(store) == once
    assert second.created == 0
    assert second.matched == second.rows == first.rows
    assert tq.counts(store) == expected_counts(edge_dataset)


def test_a_later_wave_adds_without_duplicating(store: GraphSession, valid_dataset: Dataset) -> None:
    before = scope_dataset(valid_dataset, wave="before")
    load_dataset(store, before)
    assert tq.counts(store) == expected_counts(before)
    report = load_dataset(store, valid_dataset)
    assert tq.counts(store) == expected_counts(valid_dataset)
    created = {s.statement: s.created for s in report.steps}
    waves = Counter(valid_dataset.cooperation["wave"])
    assert created["load/cooperates_with"] == waves["after"] == 11
    assert created["load/institution"] == 0
    assert created["load/referred"] == (valid_dataset.referrals["wave"] == "after").sum()
    assert read_store(store).equals(valid_dataset)


def test_changed_rows_update_in_place(
    store: GraphSession, valid_dataset: Dataset, tmp_path: Path
) -> None:
    load_dataset(store, valid_dataset)
    persons = valid_dataset.persons.copy()
    persons.loc[persons["id"] == "P1", "institution"] = "GOPS2"  # P1 moved
    families = valid_dataset.families.copy()
    families["coordinator"] = ""  # no family is coordinated any more
    inst = valid_dataset.institutions.copy()
    inst.loc[inst["id"] == "NGO1", ["teryt", "name"]] = ["2815022", "Fundacja (nowa siedziba)"]
    coop = valid_dataset.cooperation.copy()
    coop.loc[0, "weight"] = 9.5
    changed = valid_dataset.with_tables(
        persons=persons, families=families, institutions=inst, cooperation=coop
    )
    report = load_dataset(store, changed)
    assert report.created == 2  # the new WORKS_AT and the new LOCATED_IN
    assert report.summary.relationships_deleted == 3  # old WORKS_AT, COORDINATES, LOCATED_IN
    assert tq.counts(store) == expected_counts(changed)
    assert read_store(store).differences(changed) == []


def _round_trip_cases() -> list[str]:
    return ["valid", "edge-cases", "generated", *(p.name for p in bundled_dataset_paths())]


@pytest.mark.parametrize("case", _round_trip_cases())
def test_round_trip_is_exact(
    store: GraphSession,
    case: str,
    valid_dataset: Dataset,
    edge_dataset: Dataset,
    generated_dataset: Dataset,
) -> None:
    if case == "valid":
        dataset = valid_dataset
    elif case == "edge-cases":
        dataset = edge_dataset
    elif case == "generated":
        dataset = generated_dataset
    else:
        dataset = read(next(p for p in bundled_dataset_paths() if p.name == case))
    load_dataset(store, dataset, batch_size=2000)
    back = read_store(store)
    assert back.differences(dataset) == []
    assert back.equals(dataset)


def test_edge_cases_survive_the_round_trip(store: GraphSession, edge_dataset: Dataset) -> None:
    load_dataset(store, edge_dataset)
    back = read_store(store).institutions.set_index("id")
    assert back.loc["ROPS28", "kontakt"] == 'ul. "Nowa" 5, Olsztyn\ndrugi wiersz'
    assert set(back["uwagi (puste)"]) == {""}
    assert back.loc["MRPiPS", "teryt"] == ""
    families = read_store(store).families
    assert sorted(map(len, families["problems"])) == sorted(
        map(len, edge_dataset.families["problems"])
    )
    coop = read_store(store).cooperation
    repeated = coop[(coop["source"] == "OPS1") & (coop["target"] == "SZK1")]
    orig = edge_dataset.cooperation
    orig = orig[(orig["source"] == "OPS1") & (orig["target"] == "SZK1")]
    assert len(repeated) == len(orig) == 4
    assert sorted(repeated["weight"]) == sorted(orig["weight"])
    assert repeated["since"].isna().sum() == orig["since"].isna().sum() == 3


def test_export_writes_a_folder_that_validates_and_equals_the_load(
    store: GraphSession, edge_dataset: Dataset, tmp_path: Path
) -> None:
    load_dataset(store, edge_dataset)
    written = export_dataset(store, tmp_path / "exported")
    assert (tmp_path / "exported" / "datapackage.json").exists()
    again = read_dataset(tmp_path / "exported", strict=False)
    assert again.equals(edge_dataset)
    assert written.equals(edge_dataset)
    rules = Counter(w.rule for w in edge_dataset.warnings)
    assert Counter(w.rule for w in again.warnings) == rules
    assert rules == {"duplicate-tie": 2, "duplicate-membership": 1}


class FailingAfter:
    """A session that passes statements on to a real one and fails for good after n writes."""

    def __init__(self, inner: GraphSession, writes: int) -> None:
        self.inner = inner
        self.left = writes
        self.dialect = inner.dialect
        self.location = inner.location

    def write(self, statement: Statement, parameters: dict[str, object]) -> WriteSummary:
        if self.left <= 0:
            raise TransientStoreError("the server went away (simulated)")
        self.left -= 1
        return self.inner.write(statement, parameters)

    def read(self, statement: Statement, parameters: dict[str, object]) -> ReadResult:
        return self.inner.read(statement, parameters)

    def apply_schema(self, statements: list[Statement]) -> int:
        return self.inner.apply_schema(statements)

    def close(self) -> None:
        self.inner.close()

    def __enter__(self) -> FailingAfter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def test_an_interrupted_load_is_completed_by_running_it_again(
    store: GraphSession, valid_dataset: Dataset
) -> None:
    failing = FailingAfter(store, writes=9)
    with pytest.raises(LoadError) as caught:
        load_dataset(failing, valid_dataset, batch_size=3, retries=1, sleep=lambda _s: None)
    err = caught.value
    assert 0 < err.rows_done < err.rows_total
    assert err.step.statement == "load/institution"
    assert "run the same command again" in (err.hint or "")
    partial = tq.counts(store)
    assert 0 < partial["Institution"] < 13
    report = load_dataset(store, valid_dataset, batch_size=3)
    assert tq.counts(store) == expected_counts(valid_dataset)
    assert report.matched >= err.rows_done - 1  # what was written is matched, not duplicated
    assert read_store(store).equals(valid_dataset)


def test_reading_an_empty_database_says_so(store: GraphSession) -> None:
    from kokon_graph.errors import StoreError

    with pytest.raises(StoreError, match="holds no institutions"):
        read_store(store)


def test_the_small_dataset_reads_back_through_the_validator(
    store: GraphSession, valid_dataset: Dataset
) -> None:
    load_dataset(store, valid_dataset)
    back = read_store(store, name="from-store")
    assert back.name == "from-store"
    assert back.source == store.location
    assert back.counts() == read_dataset(VALID).counts()
