"""``--sync`` and ``--dry-run``: removing what disappeared from the files, and only that.

Each test runs on FalkorDB and on Neo4j over Bolt (the ``store`` fixture). The
expected counts are worked out by hand from tests/data/valid (13 institutions,
7 families, 18 ties of which 7 in wave "before", 11 memberships, 19 services,
7 referrals).
"""

from __future__ import annotations

import pandas as pd
import pytest

from kokon_graph.errors import StoreError
from kokon_graph.graph import scope_dataset
from kokon_graph.io import Dataset
from kokon_graph.store import GraphSession, load_dataset, read_store
from kokon_graph.store.sync import apply_removals, plan_sync
from tests.store import cypher_for_tests as tq


def _shrunk(ds: Dataset) -> Dataset:
    """The valid dataset less its last family (with its services and referrals), less one tie
    of wave "after" and one membership, with one tie's weight changed and one tie added."""
    gone = ds.families["id"].iloc[-1]
    coop = ds.cooperation.copy()
    after = coop.index[coop["wave"] == "after"]
    coop = coop.drop(index=after[0])
    coop.loc[coop.index[0], "weight"] = 7.5
    extra = coop.iloc[[0]].assign(kind="agreement", wave="after")
    coop = pd.concat([coop, extra], ignore_index=True)
    families = ds.families[ds.families["id"] != gone]
    return ds.with_tables(
        families=families.reset_index(drop=True),
        services=ds.services[ds.services["family"] != gone].reset_index(drop=True),
        referrals=ds.referrals[ds.referrals["family"] != gone].reset_index(drop=True),
        cooperation=coop,
        memberships=ds.memberships.iloc[1:].reset_index(drop=True),
    )


def _by_table(plan: object) -> dict[str, tuple[int, int, int]]:
    return {
        t.table: (t.added, t.changed, len(t.removed))
        for t in plan.tables  # type: ignore[attr-defined]
    }


def test_a_dry_run_counts_and_writes_nothing(store: GraphSession, valid_dataset: Dataset) -> None:
    load_dataset(store, valid_dataset)
    before = tq.snapshot(store)
    shrunk = _shrunk(valid_dataset)
    gone = valid_dataset.families["id"].iloc[-1]
    services_gone = int((valid_dataset.services["family"] == gone).sum())
    referrals_gone = int((valid_dataset.referrals["family"] == gone).sum())
    plan = plan_sync(store, shrunk)
    counts = _by_table(plan)
    assert counts["families"] == (0, 0, 1)
    assert counts["cooperation"] == (1, 1, 1)  # the new tie, the new weight, the dropped tie
    assert counts["memberships"] == (0, 0, 1)
    assert counts["services"] == (0, 0, services_gone)
    assert counts["referrals"] == (0, 0, referrals_gone)
    assert counts["institutions"] == (0, 0, 0)
    assert tq.snapshot(store) == before


def test_sync_makes_the_database_equal_the_files(
    store: GraphSession, valid_dataset: Dataset
) -> None:
    load_dataset(store, valid_dataset)
    shrunk = _shrunk(valid_dataset)
    load_dataset(store, shrunk)  # a plain load removes nothing
    assert len(read_store(store).families) == len(valid_dataset.families)
    plan = plan_sync(store, shrunk)
    summary = apply_removals(store, plan, batch_size=2)
    assert summary.nodes_deleted == 1
    assert read_store(store).differences(shrunk) == []
    again = plan_sync(store, shrunk)
    assert (again.added, again.changed, again.removed) == (0, 0, 0)


def test_sync_leaves_the_waves_the_files_do_not_hold(
    store: GraphSession, valid_dataset: Dataset
) -> None:
    load_dataset(store, valid_dataset)
    after = scope_dataset(valid_dataset, wave="after")
    # the file of wave "after" alone, less one of its ties
    ties = after.cooperation[after.cooperation["wave"] == "after"]
    only_after = after.with_tables(cooperation=ties.iloc[1:].reset_index(drop=True))
    plan = plan_sync(store, only_after)
    assert "before" not in plan.waves
    removed = _by_table(plan)["cooperation"][2]
    assert removed == 1
    apply_removals(store, plan, batch_size=100)
    held = read_store(store).cooperation
    assert (held["wave"] == "before").sum() == (valid_dataset.cooperation["wave"] == "before").sum()
    assert (held["wave"] == "after").sum() == len(ties) - 1


@pytest.mark.parametrize("empty", [True])
def test_a_dry_run_on_an_empty_database_adds_everything(
    store: GraphSession, valid_dataset: Dataset, empty: bool
) -> None:
    plan = plan_sync(store, valid_dataset)
    counts = _by_table(plan)
    assert counts["institutions"] == (13, 0, 0)
    assert counts["cooperation"] == (18, 0, 0)
    assert plan.removed == 0
    with pytest.raises(StoreError, match="holds no institutions"):
        read_store(store)  # nothing was written
