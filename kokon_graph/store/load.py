"""Loading a :class:`~kokon_graph.io.Dataset` into a graph database, in batches.

Every table becomes nodes or relationships through the ``cypher/load/``
statements, in an order that creates nodes before the relationships between
them. Each statement is ``UNWIND $rows AS row MERGE ...`` on the row's
identity (a relationship statement first finds the end nodes its batch names,
each once: see :func:`batch_parameters`), so:

* loading the same dataset twice leaves the database as one load does;
* loading a later wave adds its rows and updates the nodes it shares with the
  earlier one, without duplicating anything;
* a load that stopped half way (the server went away) is completed by running
  it again.

Each batch of rows is one transaction. A batch that fails transiently is
retried; when it keeps failing, :class:`LoadError` says how far the load got.

Over Neo4j, ``jobs=2`` runs two transactions at once (the server writes a
transaction on one core). Two transactions must not lock the same nodes (a
relationship ``MERGE`` locks both of its ends), so the rows of a step are
split into *lanes* that touch disjoint nodes: every node belongs to the lane
of its powiat (the first four digits of its TERYT code; a person to the lane of
its institution), the powiats shared out between the lanes by their number of
families and institutions; a row whose two ends lie in different lanes, or in
no powiat (a voivodeship-level institution), waits until the lanes are done
and runs after them, one transaction at a time (0.13% of the national rows); an
empty end (no coordinator, no TERYT code) does not count. A row that replaces
an old relationship (a family's new coordinator) also locks the old far end,
which may lie in the other lane: the rare deadlock that can cause is retried
by the driver. See benchmarks/results/neo4j.md.

Identity of each row (what MERGE matches on):

==================  =====================================================
table               identity
==================  =====================================================
territories         ``Territory {teryt}``
institutions        ``Institution {id}``
groups              ``Group {id}``
persons             ``Person {id}``; its one ``WORKS_AT``
families            ``Family {id}`` (the pseudonym); its one ``COORDINATES``
cooperation         ``COOPERATES_WITH`` by (source, target, kind, wave, seq)
memberships         ``MEMBER_OF`` by (member, group, wave, seq)
services            ``SERVES`` by (institution, family, service, wave, seq)
referrals           ``REFERRED`` by its id
==================  =====================================================

``seq`` numbers the rows of a table that repeat the same identity (0 for the
first; the dataset reader warns about such rows), ordered by their other
columns, so that every row is kept and reloading stays idempotent.
"""

from __future__ import annotations

import contextlib
import functools
import time
from collections.abc import Callable, Generator, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from typing import Any, Final

import numpy as np
import pandas as pd

from kokon_graph.errors import StoreError
from kokon_graph.io import Dataset
from kokon_graph.model import NEO4J_LABELS, NEO4J_REL_TYPES, EdgeKind, NodeKind
from kokon_graph.store.schema import apply_schema
from kokon_graph.store.session import GraphSession, TransientStoreError, WriteSummary
from kokon_graph.store.statements import Statement, statement

__all__ = [
    "DEFAULT_BATCH_SIZE",
    "DEFAULT_JOBS",
    "LOAD_STEPS",
    "LoadError",
    "LoadPlan",
    "LoadReport",
    "LoadStep",
    "StepReport",
    "batch_parameters",
    "load_dataset",
    "plan_load",
    "step_rows",
    "step_size",
]

#: Rows per transaction unless told otherwise.
DEFAULT_BATCH_SIZE: Final = 5000

#: Transactions at once unless told otherwise (see :func:`load_dataset`): two, as a national
#: load into an idle two-core Neo4j measured 30,239 rows/s with two against 19,185 with one
#: (benchmarks/results/neo4j.md); a store that cannot take them (FalkorDB) writes one at a time.
DEFAULT_JOBS: Final = 2

_TERRITORY_KINDS: Final = {2: "voivodeship", 4: "powiat", 7: "gmina"}


@dataclass(frozen=True)
class LoadStep:
    """One load statement and the rows it gets.

    Attributes
    ----------
    statement
        Name of the statement (``"load/institution"``).
    what
        What it writes, for people: a label or relationship type from
        :mod:`kokon_graph.model`, with a qualifier where one type has several
        steps (``"LOCATED_IN (Institution)"``).
    counted
        For statements that keep one relationship per node (``WORKS_AT``,
        ``COORDINATES``, ``LOCATED_IN``): the row field that must be non-empty
        for the row to stand for a relationship.
    """

    statement: str
    what: str
    counted: str | None = None


_L = NEO4J_LABELS
_R = NEO4J_REL_TYPES

#: Every step, in the order they run.
LOAD_STEPS: Final[tuple[LoadStep, ...]] = (
    LoadStep("load/territory", _L[NodeKind.TERRITORY]),
    LoadStep("load/territory_code", f"{_L[NodeKind.TERRITORY]} (named by codes)"),
    LoadStep(
        "load/located_in_territory",
        f"{_R[EdgeKind.LOCATED_IN]} ({_L[NodeKind.TERRITORY]})",
        counted="parent",
    ),
    LoadStep("load/institution", _L[NodeKind.INSTITUTION]),
    LoadStep(
        "load/located_in_institution",
        f"{_R[EdgeKind.LOCATED_IN]} ({_L[NodeKind.INSTITUTION]})",
        counted="teryt",
    ),
    LoadStep("load/group", _L[NodeKind.GROUP]),
    LoadStep(
        "load/located_in_group",
        f"{_R[EdgeKind.LOCATED_IN]} ({_L[NodeKind.GROUP]})",
        counted="teryt",
    ),
    LoadStep("load/person", _L[NodeKind.PERSON]),
    LoadStep("load/works_at", _R[EdgeKind.EMPLOYMENT], counted="institution"),
    LoadStep("load/family", _L[NodeKind.FAMILY]),
    LoadStep(
        "load/located_in_family",
        f"{_R[EdgeKind.LOCATED_IN]} ({_L[NodeKind.FAMILY]})",
        counted="teryt",
    ),
    LoadStep("load/coordinates", _R[EdgeKind.COORDINATION], counted="coordinator"),
    LoadStep("load/cooperates_with", _R[EdgeKind.COOPERATION]),
    LoadStep(
        "load/member_of_institution",
        f"{_R[EdgeKind.MEMBERSHIP]} ({_L[NodeKind.INSTITUTION]})",
    ),
    LoadStep("load/member_of_person", f"{_R[EdgeKind.MEMBERSHIP]} ({_L[NodeKind.PERSON]})"),
    LoadStep("load/serves", _R[EdgeKind.SERVICE]),
    LoadStep("load/referred", _R[EdgeKind.REFERRAL]),
)


# --------------------------------------------------------------------------- values


def _text(col: pd.Series) -> list[str]:
    return [str(v) for v in col.astype(object).where(col.notna(), "").tolist()]


def _or_none(col: pd.Series, values: pd.Series) -> list[Any]:
    return values.astype(object).where(col.notna(), None).tolist()


def _dates(col: pd.Series) -> list[str | None]:
    return _or_none(col, col.dt.strftime("%Y-%m-%d"))


def _ints(col: pd.Series) -> list[int | None]:
    return [None if v is None else int(v) for v in _or_none(col, col)]


def _floats(col: pd.Series) -> list[float | None]:
    return [None if v is None else float(v) for v in _or_none(col, col)]


def _lists(col: pd.Series) -> list[list[str] | None]:
    return [list(v) if isinstance(v, tuple | list) and len(v) else None for v in col.tolist()]


def _extras(frame: pd.DataFrame, canonical: Sequence[str]) -> list[dict[str, str]]:
    extra = [c for c in frame.columns if c not in canonical]
    if not extra:
        return [{} for _ in range(len(frame))]
    values = {c: _text(frame[c]) for c in extra}
    return [{c: values[c][i] for c in extra} for i in range(len(frame))]


def _seq(frame: pd.DataFrame, key: list[str]) -> list[int]:
    """0, 1, ... for the rows that repeat a key, ordered by all their columns."""
    seq = pd.Series(0, index=frame.index, dtype="int64")
    repeated = frame[frame.duplicated(key, keep=False)]
    if len(repeated):
        text = repeated.astype(str)
        ordered = text.sort_values(list(text.columns), kind="stable")
        seq[ordered.index] = ordered.groupby(key, sort=False).cumcount().to_numpy()
    return [int(v) for v in seq.tolist()]


def _objects(values: Sequence[Any]) -> np.ndarray:
    """``values`` as a one-dimensional array of Python objects (lists stay lists, not rows)."""
    return np.fromiter(values, dtype=object, count=len(values))


@dataclass(frozen=True)
class _Table:
    """A step's rows column by column: each column an array of plain Python values.

    The load keeps a step's rows this way from the frame to the batch: sharing them out
    between lanes takes rows by position and a batch is a slice, with no Python object
    per row until the batch's parameters are built (:func:`_parameters`); a national load
    built 3.7 million maps before (benchmarks/results/neo4j.md).
    """

    names: tuple[str, ...]
    columns: tuple[np.ndarray, ...]

    @classmethod
    def of(cls, **columns: Sequence[Any]) -> _Table:
        sizes = {len(c) for c in columns.values()}
        if len(sizes) > 1:
            raise ValueError(f"columns of different lengths: {sorted(sizes)}")
        return cls(tuple(columns), tuple(_objects(c) for c in columns.values()))

    @classmethod
    def from_maps(cls, rows: Sequence[dict[str, Any]], names: Sequence[str] = ()) -> _Table:
        """The rows of maps ``rows`` (keys ``names``, or those of the first row)."""
        names = tuple(names) or (tuple(rows[0]) if rows else ())
        return cls(names, tuple(_objects([r[n] for r in rows]) for n in names))

    def __len__(self) -> int:
        return len(self.columns[0]) if self.columns else 0

    def column(self, name: str) -> np.ndarray:
        return self.columns[self.names.index(name)]

    def take(self, positions: np.ndarray | slice) -> _Table:
        """The rows at ``positions`` (an array of positions, in that order, or a slice)."""
        return _Table(self.names, tuple(c[positions] for c in self.columns))

    def maps(self) -> list[dict[str, Any]]:
        """The rows as maps of the column names."""
        names = self.names
        return [
            dict(zip(names, values, strict=True))
            for values in zip(*(c.tolist() for c in self.columns), strict=True)
        ]


def _codes(dataset: Dataset) -> list[str]:
    """Every TERYT code the data names, with the codes of the territories holding it."""
    found: set[str] = set()
    for frame in (dataset.territories, dataset.institutions, dataset.groups, dataset.families):
        for code in frame["teryt"].dropna().unique().tolist():
            code = str(code)
            if not code:
                continue
            found.add(code)
            found.update(code[:n] for n in (2, 4, 7) if n < len(code))
    return sorted(found)


def _parent(code: str) -> str:
    shorter = [code[:n] for n in (2, 4, 7) if n < len(code)]
    return shorter[-1] if shorter else ""


def step_rows(step: str, dataset: Dataset) -> list[dict[str, Any]]:
    """The rows of load statement ``step`` for ``dataset``, as maps (plain Python values).

    A batch of them becomes the statement's parameters by :func:`batch_parameters`.

    Text is ``str`` (``""`` when empty); dates are ISO ``"YYYY-MM-DD"``
    strings, numbers ``int``/``float`` and lists ``list``, each ``None`` when
    empty.
    """
    return _step_table(step, dataset).maps()


def _step_table(step: str, dataset: Dataset) -> _Table:
    """The rows of :func:`step_rows`, column by column."""
    ds = dataset
    if step == "load/territory":
        t = ds.territories
        return _Table.of(
            teryt=_text(t["teryt"]),
            name=_text(t["name"]),
            kind=_text(t["kind"]),
            gmina_type=_text(t["gmina_type"]),
        )
    if step == "load/territory_code":
        codes = _codes(ds)
        return _Table.of(teryt=codes, kind=[_TERRITORY_KINDS.get(len(c), "other") for c in codes])
    if step == "load/located_in_territory":
        codes = [c for c in _codes(ds) if _parent(c)]
        return _Table.of(teryt=codes, parent=[_parent(c) for c in codes])
    if step == "load/institution":
        i = ds.institutions
        inst_columns = ("id", "name", "type", "sector", "level", "teryt", "project")
        return _Table.of(
            **{c: _text(i[c]) for c in inst_columns},
            extra=_extras(i, inst_columns),
        )
    if step in ("load/located_in_institution", "load/located_in_group", "load/located_in_family"):
        frame = {
            "load/located_in_institution": ds.institutions,
            "load/located_in_group": ds.groups,
            "load/located_in_family": ds.families,
        }[step]
        return _Table.of(id=_text(frame["id"]), teryt=_text(frame["teryt"]))
    if step == "load/group":
        g = ds.groups
        group_columns = ("id", "name", "type", "level", "teryt", "project", "start", "end")
        return _Table.of(
            **{c: _text(g[c]) for c in group_columns[:6]},
            start=_dates(g["start"]),
            end=_dates(g["end"]),
            extra=_extras(g, group_columns),
        )
    if step == "load/person":
        p = ds.persons
        return _Table.of(id=_text(p["id"]), role=_text(p["role"]))
    if step == "load/works_at":
        p = ds.persons
        return _Table.of(id=_text(p["id"]), institution=_text(p["institution"]))
    if step == "load/family":
        f = ds.families
        return _Table.of(
            id=_text(f["id"]),
            teryt=_text(f["teryt"]),
            size=_ints(f["size"]),
            children=_ints(f["children"]),
            problems=_lists(f["problems"]),
            plan_status=_text(f["plan_status"]),
        )
    if step == "load/coordinates":
        f = ds.families
        return _Table.of(id=_text(f["id"]), coordinator=_text(f["coordinator"]))
    if step == "load/cooperates_with":
        c = ds.cooperation
        return _Table.of(
            source=_text(c["source"]),
            target=_text(c["target"]),
            kind=_text(c["kind"]),
            wave=_text(c["wave"]),
            seq=_seq(c, ["source", "target", "kind", "wave"]),
            weight=_floats(c["weight"]),
            since=_dates(c["since"]),
            mutual=[bool(v) for v in c["mutual"].tolist()],
        )
    if step in ("load/member_of_institution", "load/member_of_person"):
        m = ds.memberships
        persons = set(ds.persons["id"].tolist())
        seq = pd.Series(_seq(m, ["member", "group", "wave"]), index=m.index, dtype="int64")
        is_person = m["member"].isin(persons)
        m = m[is_person] if step == "load/member_of_person" else m[~is_person]
        return _Table.of(
            member=_text(m["member"]),
            group=_text(m["group"]),
            wave=_text(m["wave"]),
            seq=[int(v) for v in seq[m.index].tolist()],
            role=_text(m["role"]),
            start=_dates(m["start"]),
            end=_dates(m["end"]),
        )
    if step == "load/serves":
        s = ds.services
        return _Table.of(
            institution=_text(s["institution"]),
            family=_text(s["family"]),
            service=_text(s["service"]),
            wave=_text(s["wave"]),
            seq=_seq(s, ["institution", "family", "service", "wave"]),
            start=_dates(s["start"]),
            end=_dates(s["end"]),
        )
    if step == "load/referred":
        r = ds.referrals
        return _Table.of(
            id=_text(r["id"]),
            source=_text(r["source"]),
            target=_text(r["target"]),
            family=_text(r["family"]),
            sent=_dates(r["sent"]),
            status=_text(r["status"]),
            answered=_dates(r["answered"]),
            wave=_text(r["wave"]),
        )
    raise KeyError(step)


# --------------------------------------------------------------------------- reports


@dataclass
class StepReport:
    """What one step did: rows sent, and how many nodes or relationships it created.

    ``matched`` counts the rows whose node or relationship existed already
    (updated in place).
    """

    what: str
    statement: str
    rows: int = 0
    created: int = 0
    batches: int = 0

    @property
    def matched(self) -> int:
        return max(self.rows - self.created, 0)


@dataclass
class LoadReport:
    """What a load did, step by step."""

    location: str
    steps: list[StepReport] = field(default_factory=list)
    summary: WriteSummary = field(default_factory=WriteSummary)
    #: Rows written so far (in committed batches).
    done: int = 0

    @property
    def rows(self) -> int:
        return sum(s.rows for s in self.steps)

    @property
    def created(self) -> int:
        return sum(s.created for s in self.steps)

    @property
    def matched(self) -> int:
        return sum(s.matched for s in self.steps)

    @property
    def batches(self) -> int:
        return sum(s.batches for s in self.steps)


class LoadError(StoreError):
    """A load stopped part of the way; running it again completes it.

    Attributes
    ----------
    report
        What was written before the failure.
    step
        The step that failed.
    rows_done, rows_total
        Rows written (in committed batches) and rows to write in the whole load.
    """

    def __init__(
        self,
        cause: StoreError,
        *,
        report: LoadReport,
        step: LoadStep,
        batch: int,
        batches: int,
        rows_done: int,
        rows_total: int,
    ) -> None:
        self.report = report
        self.step = step
        self.rows_done = rows_done
        self.rows_total = rows_total
        hint = "nothing is lost or duplicated: run the same command again to complete the load"
        if cause.hint:
            hint = f"{cause.hint}; {hint}"
        super().__init__(
            f"the load stopped at {step.what} (batch {batch} of {batches}) after "
            f"{rows_done:,} of {rows_total:,} rows were written: {cause}",
            hint=hint,
        )


# --------------------------------------------------------------------------- loading

#: Called after each committed batch: (step, rows in the batch).
BatchCallback = Callable[[LoadStep, int], None]


def _batches(rows: _Table, size: int) -> Iterator[_Table]:
    for start in range(0, len(rows), size):
        yield rows.take(slice(start, start + size))


def step_size(step: str, dataset: Dataset) -> int:
    """How many ``$rows`` load statement ``step`` gets for ``dataset`` (without building them)."""
    ds = dataset
    frames = {
        "load/territory": ds.territories,
        "load/institution": ds.institutions,
        "load/located_in_institution": ds.institutions,
        "load/group": ds.groups,
        "load/located_in_group": ds.groups,
        "load/person": ds.persons,
        "load/works_at": ds.persons,
        "load/family": ds.families,
        "load/located_in_family": ds.families,
        "load/coordinates": ds.families,
        "load/cooperates_with": ds.cooperation,
        "load/serves": ds.services,
        "load/referred": ds.referrals,
    }
    if step in frames:
        return len(frames[step])
    if step == "load/territory_code":
        return len(_codes(ds))
    if step == "load/located_in_territory":
        return sum(1 for c in _codes(ds) if _parent(c))
    if step in ("load/member_of_institution", "load/member_of_person"):
        persons = int(ds.memberships["member"].isin(set(ds.persons["id"].tolist())).sum())
        return persons if step == "load/member_of_person" else len(ds.memberships) - persons
    raise KeyError(step)


@dataclass(frozen=True)
class LoadPlan:
    """What :func:`load_dataset` writes for one dataset, step by step.

    The rows of a step are built just before the step runs (while the step
    before it is written: see :func:`_steps_ahead`) and dropped after, so a
    national load holds at most two steps' rows at a time; :attr:`total` sizes
    a progress bar without building any. Build it with :func:`plan_load`.

    Attributes
    ----------
    dataset
        The dataset to load.
    limit
        Send at most this many rows per step (a sample, for benchmarks).
    prepared
        Every step's rows, built already (see :meth:`materialize`).
    """

    dataset: Dataset
    limit: int | None = None
    prepared: tuple[list[dict[str, Any]], ...] | None = None

    def materialize(self) -> LoadPlan:
        """The same plan with every step's rows built now (to time the writes alone)."""
        return LoadPlan(self.dataset, self.limit, tuple(self.rows(s) for s in LOAD_STEPS))

    def sizes(self) -> list[tuple[LoadStep, int]]:
        """Each step and the number of rows it sends."""
        if self.prepared is not None:
            return [(s, len(r)) for s, r in zip(LOAD_STEPS, self.prepared, strict=True)]
        out = []
        for step in LOAD_STEPS:
            n = step_size(step.statement, self.dataset)
            out.append((step, n if self.limit is None else min(n, self.limit)))
        return out

    @property
    def total(self) -> int:
        """Rows in all steps."""
        return sum(n for _, n in self.sizes())

    def rows(self, step: LoadStep) -> list[dict[str, Any]]:
        """The ``$rows`` of ``step``, as maps (see :func:`step_rows`)."""
        if self.prepared is not None:
            return self.prepared[LOAD_STEPS.index(step)]
        return self._table(step).maps()

    def _table(self, step: LoadStep) -> _Table:
        """The rows of ``step`` as the load keeps them (column by column)."""
        if self.prepared is not None:
            return _Table.from_maps(self.prepared[LOAD_STEPS.index(step)])
        rows = _step_table(step.statement, self.dataset)
        return rows if self.limit is None else rows.take(slice(0, self.limit))


# --------------------------------------------------------------------------- lanes

#: The nodes each step's row locks: (row field, kind of node) for each end; kinds are
#: ``i`` institution, ``g`` group, ``p`` person, ``f`` family, ``t`` territory (a code).
_ENDS: Final[dict[str, tuple[tuple[str, str], ...]]] = {
    "load/territory": (("teryt", "t"),),
    "load/territory_code": (("teryt", "t"),),
    "load/located_in_territory": (("teryt", "t"), ("parent", "t")),
    "load/institution": (("id", "i"),),
    "load/located_in_institution": (("id", "i"), ("teryt", "t")),
    "load/group": (("id", "g"),),
    "load/located_in_group": (("id", "g"), ("teryt", "t")),
    "load/person": (("id", "p"),),
    "load/works_at": (("id", "p"), ("institution", "i")),
    "load/family": (("id", "f"),),
    "load/located_in_family": (("id", "f"), ("teryt", "t")),
    "load/coordinates": (("id", "f"), ("coordinator", "p")),
    "load/cooperates_with": (("source", "i"), ("target", "i")),
    "load/member_of_institution": (("member", "i"), ("group", "g")),
    "load/member_of_person": (("member", "p"), ("group", "g")),
    "load/serves": (("institution", "i"), ("family", "f")),
    "load/referred": (("source", "i"), ("target", "i")),
}


#: A step's rows as written: phases one after the other, each a list of lanes written at once.
Phases = list[list[_Table]]

#: In :meth:`_Lanes.ends`: an end that is empty (does not count) or in no lane.
_EMPTY: Final = -2
_NO_LANE: Final = -1


@dataclass(frozen=True)
class _Lanes:
    """The lane of every node: that of its powiat (see the module's docstring)."""

    count: int
    powiats: dict[str, int]
    nodes: dict[str, dict[str, int]]

    def of(self, kind: str, key: Any) -> int | None:
        """The lane of node ``key`` of ``kind``; ``None`` for a node in no lane."""
        if kind == "t":
            code = str(key or "")
            return self.powiats.get(code[:4]) if len(code) >= 4 else None
        return self.nodes[kind].get(key)

    def ends(self, kind: str, keys: np.ndarray) -> np.ndarray:
        """:meth:`of` each of ``keys`` (nodes of ``kind``): :data:`_EMPTY` for an empty
        key, :data:`_NO_LANE` for a node in no lane."""
        of = functools.partial(self.of, kind)
        found = [
            _EMPTY if not k else _NO_LANE if (lane := of(k)) is None else lane
            for k in keys.tolist()
        ]
        return np.array(found, dtype=np.int64).reshape(len(keys))

    def split(self, step: str, rows: _Table) -> Phases:
        """The phases of ``step``: its lanes' rows (written at once), then the shared rows.

        A row goes to the lane of its non-empty ends when they all lie in that one lane;
        any other row is shared.
        """
        ends = [self.ends(kind, rows.column(name)) for name, kind in _ENDS[step]]
        lane = np.full(len(rows), _EMPTY, dtype=np.int64)
        for found in ends:  # the lane of the first non-empty end
            lane = np.where(lane == _EMPTY, found, lane)
        alone = lane >= 0
        for found in ends:
            alone &= (found == _EMPTY) | (found == lane)
        parts = [rows.take(np.flatnonzero(alone & (lane == n))) for n in range(self.count)]
        phases = [[part for part in parts if len(part)]]
        shared = np.flatnonzero(~alone)
        if len(shared):
            phases.append([rows.take(shared)])
        return [phase for phase in phases if phase]


def _lanes(dataset: Dataset, count: int) -> _Lanes:
    """Powiats shared out between ``count`` lanes by families and institutions, greedily."""
    frames = (dataset.families, dataset.institutions, dataset.groups)
    weight: dict[str, int] = {}
    for frame in frames:
        for code in _text(frame["teryt"]):
            if len(code) >= 4:
                weight[code[:4]] = weight.get(code[:4], 0) + 1
    load = [0] * count
    powiats: dict[str, int] = {}
    for code in sorted(weight, key=lambda c: (-weight[c], c)):
        lane = min(range(count), key=lambda i: (load[i], i))
        powiats[code] = lane
        load[lane] += weight[code]

    def lanes_of(frame: pd.DataFrame) -> dict[str, int]:
        return {
            key: powiats[code[:4]]
            for key, code in zip(_text(frame["id"]), _text(frame["teryt"]), strict=True)
            if len(code) >= 4
        }

    institutions = lanes_of(dataset.institutions)
    persons = dataset.persons
    nodes = {
        "i": institutions,
        "g": lanes_of(dataset.groups),
        "f": lanes_of(dataset.families),
        "p": {
            key: institutions[employer]
            for key, employer in zip(
                _text(persons["id"]), _text(persons["institution"]), strict=True
            )
            if employer in institutions
        },
    }
    return _Lanes(count, powiats, nodes)


def _steps_ahead(
    plan: LoadPlan, lanes: _Lanes | None, batch_size: int
) -> Generator[tuple[LoadStep, int, Phases], None, None]:
    """Each step with its counted rows and phases, the next step's built in a thread meanwhile.

    Building a step's rows (and sharing them out between lanes) is Python work
    on the client (~7 CPU s for the national dataset); the client otherwise waits
    for the server while a batch runs, so building the next step then hides
    most of it (benchmarks/results/neo4j.md).
    """

    def build(step: LoadStep) -> tuple[int, Phases]:
        rows = plan._table(step)
        counted = len(rows)
        if step.counted and counted:
            counted = sum(map(bool, rows.column(step.counted).tolist()))
        if lanes is None or len(rows) <= batch_size:
            return counted, [[rows]]
        return counted, lanes.split(step.statement, rows)

    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kokon-load-rows")
    try:
        upcoming = pool.submit(build, LOAD_STEPS[0])
        for position, step in enumerate(LOAD_STEPS):
            counted, phases = upcoming.result()
            if position + 1 < len(LOAD_STEPS):
                upcoming = pool.submit(build, LOAD_STEPS[position + 1])
            yield step, counted, phases
            del phases
    finally:
        pool.shutdown(wait=False, cancel_futures=True)


def plan_load(dataset: Dataset, *, limit: int | None = None) -> LoadPlan:
    """The plan of :func:`load_dataset` for ``dataset`` (``limit``: rows per step, a sample)."""
    return LoadPlan(dataset, limit)


#: Steps whose batches find each end node once: the parameter listing the keys of those
#: nodes (each key once), by the row fields naming them. The rows of such a step travel as
#: lists of the values of :data:`_COLUMNS`, each of those fields replaced by the position of
#: its key in the parameter's list: a national SERVES batch of 5,000 rows then seeks ~2,400
#: nodes instead of 10,000, and the server reads no map per row (benchmarks/results/neo4j.md).
_LOOKUPS: Final[dict[str, dict[str, tuple[str, ...]]]] = {
    "load/located_in_institution": {"territories": ("teryt",)},
    "load/located_in_group": {"territories": ("teryt",)},
    "load/works_at": {"institutions": ("institution",)},
    "load/located_in_family": {"territories": ("teryt",)},
    "load/coordinates": {"persons": ("coordinator",)},
    "load/cooperates_with": {"institutions": ("source", "target")},
    "load/serves": {"institutions": ("institution",), "families": ("family",)},
    "load/referred": {"institutions": ("source", "target")},
}

#: The order of a row's values where the rows travel as lists (see :data:`_LOOKUPS`).
_COLUMNS: Final[dict[str, tuple[str, ...]]] = {
    "load/located_in_institution": ("id", "teryt"),
    "load/located_in_group": ("id", "teryt"),
    "load/works_at": ("id", "institution"),
    "load/located_in_family": ("id", "teryt"),
    "load/coordinates": ("id", "coordinator"),
    "load/cooperates_with": (
        "source",
        "target",
        "kind",
        "wave",
        "seq",
        "weight",
        "since",
        "mutual",
    ),
    "load/serves": ("institution", "family", "service", "wave", "seq", "start", "end"),
    "load/referred": ("id", "source", "target", "family", "sent", "status", "answered", "wave"),
}


def batch_parameters(step: str, rows: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """The parameters of load statement ``step`` for a batch of its :func:`step_rows`.

    ``{"rows": rows}`` for most steps; for those whose batches find each end node
    once, the keys of those nodes (each once, in the order the rows first name
    them) and the rows as lists, naming the nodes by position:

    >>> batch_parameters("load/referred", [
    ...     {"id": "R1", "source": "A", "target": "B", "family": "F1", "sent": None,
    ...      "status": "sent", "answered": None, "wave": "w1"},
    ...     {"id": "R2", "source": "B", "target": "A", "family": "F1", "sent": None,
    ...      "status": "sent", "answered": None, "wave": "w1"}])
    ... # doctest: +NORMALIZE_WHITESPACE
    {'institutions': ['A', 'B'],
     'rows': [['R1', 0, 1, 'F1', None, 'sent', None, 'w1'],
              ['R2', 1, 0, 'F1', None, 'sent', None, 'w1']]}
    """
    return _parameters(step, _Table.from_maps(rows))


def _parameters(step: str, rows: _Table) -> dict[str, Any]:
    """:func:`batch_parameters` of a batch kept column by column."""
    lookups = _LOOKUPS.get(step)
    declared = {p.name for p in statement(step).params}
    if lookups is None or not declared.issuperset(lookups) or not len(rows):
        # (also the maps of a statement that declares only $rows: an earlier revision's,
        # as benchmarks/bench_neo4j.py --baseline-rev runs them)
        return {"rows": rows.maps()}
    names = _COLUMNS[step]
    columns: list[list[Any]] = [rows.column(name).tolist() for name in names]
    parameters: dict[str, Any] = {}
    for parameter, fields in lookups.items():
        # positions in the order the rows first name the keys, field after field
        at = [names.index(name) for name in fields]
        position: dict[Any, int] = {}
        for i in at:
            columns[i] = [position.setdefault(key, len(position)) for key in columns[i]]
        parameters[parameter] = list(position)
    parameters["rows"] = [list(values) for values in zip(*columns, strict=True)]
    return parameters


def _write_batch(
    session: GraphSession,
    st: Statement,
    batch: _Table,
    *,
    retries: int,
    retry_wait: float,
    sleep: Callable[[float], None],
) -> WriteSummary:
    """One batch in one transaction, run again after a transient failure (``retries`` times)."""
    attempt = 0
    parameters = _parameters(st.name, batch)
    while True:
        try:
            return session.write(st, parameters)
        except TransientStoreError:
            if attempt >= retries:
                raise
            sleep(retry_wait * 2**attempt)
            attempt += 1


def _committed(
    report: LoadReport,
    step_report: StepReport,
    step: LoadStep,
    on_batch: BatchCallback | None,
    batch: _Table,
    summary: WriteSummary,
) -> None:
    """Count a committed batch."""
    created = (
        summary.nodes_created
        if statement(step.statement).creates == "nodes"
        else summary.relationships_created
    )
    step_report.created += created
    step_report.batches += 1
    report.summary = report.summary + summary
    report.done += len(batch)
    if on_batch is not None:
        on_batch(step, len(batch))


def _run_phase(
    pool: ThreadPoolExecutor,
    phase: list[_Table],
    batch_size: int,
    write: Callable[[_Table], WriteSummary],
    commit: Callable[[_Table, WriteSummary], None],
) -> StoreError | None:
    """Write the lanes of ``phase`` at once, each a batch at a time; the first failure.

    After a failure no new batch starts; those running finish (and count).
    """
    queues = [_batches(part, batch_size) for part in phase]
    running: dict[Future[WriteSummary], tuple[int, _Table]] = {}
    failure: StoreError | None = None

    def submit(lane: int) -> None:
        batch = next(queues[lane], None)
        if batch is not None:
            running[pool.submit(write, batch)] = (lane, batch)

    for lane in range(len(queues)):
        submit(lane)
    while running:
        finished, _ = wait(running, return_when=FIRST_COMPLETED)
        for job in finished:
            lane, batch = running.pop(job)
            try:
                summary = job.result()
            except StoreError as err:
                failure = failure or err
                continue
            commit(batch, summary)
            if failure is None:
                submit(lane)
    return failure


def _parallel(session: GraphSession, jobs: int) -> int:
    """How many transactions at once: ``jobs`` over a session that allows it (Neo4j), else 1."""
    if jobs < 1:
        raise ValueError(f"jobs must be at least 1, not {jobs}")
    return jobs if getattr(session, "concurrent_writes", False) else 1


def load_dataset(
    session: GraphSession,
    dataset: Dataset | LoadPlan,
    *,
    batch_size: int = DEFAULT_BATCH_SIZE,
    jobs: int = DEFAULT_JOBS,
    schema: bool = True,
    retries: int = 2,
    retry_wait: float = 1.0,
    on_batch: BatchCallback | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> LoadReport:
    """Load ``dataset`` into the database behind ``session``.

    Parameters
    ----------
    session
        A :class:`~kokon_graph.store.session.GraphSession` (see
        :func:`kokon_graph.store.connect`).
    dataset
        A checked dataset (families pseudonymised), or its :func:`plan_load`.
    batch_size
        Rows per transaction.
    jobs
        Transactions at once, each on rows that lock nodes no other one
        locks (see the module's docstring), over a session whose
        ``concurrent_writes`` is true (Neo4j; others write one at a time).
        Any number gives the same graph. The default, :data:`DEFAULT_JOBS`
        (2), uses the two cores of a small server; on a server without an idle
        core one is faster (benchmarks/results/neo4j.md).
    schema
        Apply the schema first (idempotent; the keys' constraints or indexes
        are what make MERGE fast).
    retries
        How many times a batch that failed transiently is run again.
    retry_wait
        Seconds before the first retry (doubling after each).
    on_batch
        Called after every committed batch with the step and its row count,
        e.g. to move a progress bar (always from the calling thread).
    sleep
        How to wait between retries.

    Returns
    -------
    LoadReport
        Rows, created and matched counts per step.

    Raises
    ------
    LoadError
        When a batch cannot be written; says how far the load got. Running
        the same load again completes it.
    StoreError
        When the schema cannot be applied.
    """
    if batch_size < 1:
        raise ValueError(f"batch_size must be at least 1, not {batch_size}")
    parallel = _parallel(session, jobs)
    plan = dataset if isinstance(dataset, LoadPlan) else plan_load(dataset)
    if schema:
        apply_schema(session)
    total = plan.total
    report = LoadReport(location=session.location)
    lanes = _lanes(plan.dataset, parallel) if parallel > 1 else None
    with (
        contextlib.closing(_steps_ahead(plan, lanes, batch_size)) as steps,
        ThreadPoolExecutor(max_workers=parallel, thread_name_prefix="kokon-load") as pool,
    ):
        for step, counted, phases in steps:
            st = statement(step.statement)
            step_report = StepReport(step.what, step.statement, rows=counted)
            report.steps.append(step_report)
            write = functools.partial(
                _write_batch, session, st, retries=retries, retry_wait=retry_wait, sleep=sleep
            )
            commit = functools.partial(_committed, report, step_report, step, on_batch)
            n_batches = sum(
                (len(part) + batch_size - 1) // batch_size for phase in phases for part in phase
            )
            for phase in phases:
                failure = _run_phase(pool, phase, batch_size, write, commit)
                if failure is not None:
                    raise LoadError(
                        failure,
                        report=report,
                        step=step,
                        batch=step_report.batches + 1,
                        batches=n_batches,
                        rows_done=report.done,
                        rows_total=total,
                    ) from failure
    return report
