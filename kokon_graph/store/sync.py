"""Sync: make the database hold what the files hold (``kokon-graph neo4j load --sync``).

A plain load only adds and updates: nothing is ever deleted. A sync first
compares the files with what the database holds (read back as a dataset,
see :func:`~kokon_graph.store.read.read_store`), table by table on each row's
identity (the same identity the load statements MERGE on, ``seq`` included),
and counts what it would **add**, **change** and **remove**. Running it loads
the files, then removes:

* the families that are no longer in the files (with their services,
  coordination and location);
* the cooperation ties, group memberships, services and referrals of a wave
  the files hold that are no longer in the files. Rows of other waves stay:
  syncing the file of wave "after" leaves wave "before" as it was.

Institutions, groups, persons and territories are never removed (a tie or a
family elsewhere may still point at them); a database holds one dataset.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Any, Final

import pandas as pd

from kokon_graph.errors import StoreError
from kokon_graph.io import Dataset
from kokon_graph.store.load import _seq
from kokon_graph.store.read import read_store
from kokon_graph.store.session import GraphSession, WriteSummary
from kokon_graph.store.statements import statement

__all__ = ["SYNC_TABLES", "SyncPlan", "TableDiff", "apply_removals", "plan_sync"]

#: Each table compared: its identity columns, whether ``seq`` numbers repeated identities,
#: and the statement removing rows gone from the files (``None``: never removed).
SYNC_TABLES: Final[dict[str, tuple[tuple[str, ...], bool, str | None]]] = {
    "territories": (("teryt",), False, None),
    "institutions": (("id",), False, None),
    "groups": (("id",), False, None),
    "persons": (("id",), False, None),
    "families": (("id",), False, "sync/remove_families"),
    "cooperation": (("source", "target", "kind", "wave"), True, "sync/remove_cooperation"),
    "memberships": (("member", "group", "wave"), True, "sync/remove_memberships"),
    "services": (("institution", "family", "service", "wave"), True, "sync/remove_services"),
    "referrals": (("id",), False, "sync/remove_referrals"),
}

_WAVE_TABLES: Final = ("cooperation", "memberships", "services", "referrals")


@dataclass
class TableDiff:
    """What a sync does to one table: rows to add, to change, and the keys to remove."""

    table: str
    added: int = 0
    changed: int = 0
    removed: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class SyncPlan:
    """The difference between the files and the database, table by table."""

    location: str
    waves: tuple[str, ...]
    tables: list[TableDiff] = field(default_factory=list)

    @property
    def added(self) -> int:
        return sum(t.added for t in self.tables)

    @property
    def changed(self) -> int:
        return sum(t.changed for t in self.tables)

    @property
    def removed(self) -> int:
        return sum(len(t.removed) for t in self.tables)


def _value(v: Any) -> Hashable:
    if v is None or v is pd.NaT or (isinstance(v, float) and math.isnan(v)):
        return None
    if isinstance(v, pd.Timestamp):
        return v.date().isoformat()
    if isinstance(v, list | tuple):
        return tuple(str(x) for x in v)
    if isinstance(v, float | int) and not isinstance(v, bool):
        return float(v)
    return str(v) if not isinstance(v, bool) else v


def _keyed(frame: pd.DataFrame, key: tuple[str, ...], numbered: bool) -> dict[Any, Any]:
    """``{identity: row}`` of ``frame`` (rows as tuples of comparable values)."""
    if frame.empty:
        return {}
    columns = sorted(frame.columns)
    seqs = _seq(frame, list(key)) if numbered else [0] * len(frame)
    keys = frame[list(key)].astype(object).where(frame[list(key)].notna(), "").astype(str)
    out: dict[Any, Any] = {}
    rows = frame[columns].astype(object).itertuples(index=False, name=None)
    for ident, seq, row in zip(keys.itertuples(index=False, name=None), seqs, rows, strict=True):
        out[(*ident, seq)] = tuple(_value(v) for v in row)
    return out


def _waves_by_key(frame: pd.DataFrame, key: tuple[str, ...], numbered: bool) -> dict[Any, str]:
    """``{identity: wave}`` of the rows of ``frame`` (keys as :func:`_keyed` makes them)."""
    waves = frame["wave"].fillna("").astype(str).tolist()
    return dict(zip(_keyed(frame, key, numbered), waves, strict=True))


def _waves(dataset: Dataset) -> tuple[str, ...]:
    found: set[str] = set()
    for name in _WAVE_TABLES:
        frame = dataset.table(name)
        if "wave" in frame.columns:
            found.update(str(w) for w in frame["wave"].fillna("").tolist())
    return tuple(sorted(found))


def _removal_row(table: str, ident: tuple[Any, ...]) -> dict[str, Any]:
    key, numbered, _ = SYNC_TABLES[table]
    row: dict[str, Any] = dict(zip(key, ident[: len(key)], strict=True))
    if numbered:
        row["seq"] = int(ident[-1])
    return row


def plan_sync(session: GraphSession, dataset: Dataset) -> SyncPlan:
    """Compare ``dataset`` with what the database behind ``session`` holds; write nothing."""
    try:
        held: Dataset | None = read_store(session, strict=False)
    except StoreError as err:
        if "holds no institutions" not in str(err):
            raise
        held = None
    waves = _waves(dataset)
    plan = SyncPlan(location=session.location, waves=waves)
    for table, (key, numbered, remover) in SYNC_TABLES.items():
        mine = _keyed(dataset.table(table), key, numbered)
        theirs = _keyed(held.table(table), key, numbered) if held is not None else {}
        diff = TableDiff(table)
        diff.added = sum(1 for k in mine if k not in theirs)
        diff.changed = sum(1 for k, row in mine.items() if k in theirs and theirs[k] != row)
        if remover is not None:
            gone = [k for k in theirs if k not in mine]
            if table in _WAVE_TABLES and held is not None:
                wave_of = _waves_by_key(held.table(table), key, numbered)
                gone = [k for k in gone if wave_of[k] in waves]
            diff.removed = [_removal_row(table, k) for k in sorted(gone, key=str)]
        plan.tables.append(diff)
    return plan


def apply_removals(
    session: GraphSession,
    plan: SyncPlan,
    *,
    batch_size: int,
    on_batch: Callable[[str, int], None] | None = None,
) -> WriteSummary:
    """Delete what ``plan`` found gone from the files: relationships first, then families."""
    total = WriteSummary()
    order = [*_WAVE_TABLES, "families"]
    by_name = {t.table: t for t in plan.tables}
    for table in order:
        diff = by_name.get(table)
        remover = SYNC_TABLES[table][2]
        if diff is None or not diff.removed or remover is None:
            continue
        st = statement(remover)
        for start in range(0, len(diff.removed), batch_size):
            batch = diff.removed[start : start + batch_size]
            total = total + session.write(st, {"rows": batch})
            if on_batch is not None:
                on_batch(table, len(batch))
    return total
