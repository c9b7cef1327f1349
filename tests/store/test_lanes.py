"""How a load shares a step's rows out between transactions that run at once.

Two transactions must never lock the same node (a relationship ``MERGE``
locks both of its ends, and two transactions each waiting for a node the
other holds deadlock): every row of a lane may touch only nodes that no row of
another lane touches. Checked on a generated voivodeship (many powiats), for
every load step, by collecting the nodes each lane's rows name.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest

from kokon_graph.io import Dataset
from kokon_graph.store.load import _ENDS, LOAD_STEPS, _lanes, plan_load
from tests.store.datasets_for_tests import read


@pytest.fixture(scope="module")
def voivodeship(tmp_path_factory: pytest.TempPathFactory) -> Dataset:
    from kokon_graph.generate import generate

    folder = tmp_path_factory.mktemp("lanes") / "swietokrzyskie"
    generate(folder, scale="voivodeship", territory="26", seed=5, families_per_gmina=6)
    return read(folder)


def _nodes(step: str, row: dict[str, Any]) -> set[tuple[str, str]]:
    """The nodes a row of ``step`` locks: (kind, key)."""
    out = set()
    for name, kind in _ENDS[step]:
        key = str(row[name] or "")
        if key:
            out.add((kind, key))
    return out


def test_every_step_has_its_lanes() -> None:
    assert set(_ENDS) == {s.statement for s in LOAD_STEPS}


def test_lanes_lock_disjoint_nodes_and_every_row_is_written_once(voivodeship: Dataset) -> None:
    lanes = _lanes(voivodeship, 2)
    plan = plan_load(voivodeship)
    in_lanes = 0
    for step in LOAD_STEPS:
        rows = plan.rows(step)
        phases = lanes.split(step.statement, plan._table(step))
        # every row once, in its order within each part
        written = [row for phase in phases for part in phase for row in part.maps()]
        assert Counter(map(repr, written)) == Counter(map(repr, rows)), step.statement
        assert all(len(phase) == 1 for phase in phases[1:]), "shared rows run alone"
        first = phases[0]
        if len(first) < 2:
            continue
        touched = [
            {node for row in part.maps() for node in _nodes(step.statement, row)} for part in first
        ]
        assert not touched[0] & touched[1], step.statement
        in_lanes += sum(len(part) for part in first)
        if step.statement.startswith("load/located_in_") and step.statement != (
            "load/located_in_territory"
        ):
            # a node and its gmina's Territory are in the same powiat, so in the same lane
            assert sum(len(p) for p in first) >= 0.9 * len(rows), step.statement
    assert in_lanes >= 0.8 * plan.total


def test_persons_are_in_the_lane_of_their_institution(voivodeship: Dataset) -> None:
    lanes = _lanes(voivodeship, 2)
    for person, employer in zip(
        voivodeship.persons["id"], voivodeship.persons["institution"], strict=True
    ):
        assert lanes.of("p", person) == lanes.of("i", employer)


def test_a_row_is_in_a_lane_exactly_when_all_its_named_ends_are(voivodeship: Dataset) -> None:
    """The rule of the module's docstring, row by row, against the split of whole columns."""
    lanes = _lanes(voivodeship, 2)
    plan = plan_load(voivodeship)
    for step in LOAD_STEPS:
        phases = lanes.split(step.statement, plan._table(step))
        lane_rows = [part.maps() for part in phases[0]] if len(phases[0]) > 1 else []
        for rows in lane_rows:
            for row in rows:
                found = {
                    lanes.of(kind, row[name]) for name, kind in _ENDS[step.statement] if row[name]
                }
                assert len(found) == 1 and None not in found, (step.statement, row)
            assert (
                len(
                    {
                        lanes.of(k, row[n])
                        for row in rows
                        for n, k in _ENDS[step.statement]
                        if row[n]
                    }
                )
                == 1
            )
        for phase in phases[1:]:
            for row in phase[0].maps():
                found = {
                    lanes.of(kind, row[name]) for name, kind in _ENDS[step.statement] if row[name]
                }
                assert len(found) != 1 or None in found, (step.statement, row)
