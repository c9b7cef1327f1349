"""The driver layer: batching, retries, error messages and credentials, recorded.

A recording session (the store's session interface) captures every
statement and its parameters; a recording driver stands where the official
``neo4j`` driver's ``Driver`` object goes, to check what
:mod:`kokon_graph.store.neo4j` asks of it. The errors are the driver's own
exception classes, built the way the driver builds them from a server
response. Connection attempts use the real driver against a closed port.
"""

from __future__ import annotations

import logging
import socket
from collections.abc import Iterator
from types import SimpleNamespace
from typing import Any

import neo4j
import pytest
from neo4j import exceptions as ne

from kokon_graph.errors import StoreError
from kokon_graph.io import Dataset
from kokon_graph.store import (
    LoadError,
    ReadResult,
    TransientStoreError,
    WriteSummary,
    connect,
    load_dataset,
    run_query,
)
from kokon_graph.store import neo4j as store_neo4j
from kokon_graph.store.load import _COLUMNS, _LOOKUPS, LOAD_STEPS, batch_parameters, step_rows
from kokon_graph.store.statements import Statement, _parse, schema_statements, statement

SECRET = "s3cret-Hasło-do-bazy!"  # a password that must never show up anywhere


class RecordingSession:
    """A GraphSession that records what it is asked to run and fails on cue.

    ``failures`` maps the number of a write (1 = the first) to the error it raises.
    """

    dialect = "neo4j"
    location = "recording://test"

    def __init__(self, failures: dict[int, BaseException] | None = None) -> None:
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self.schema: list[str] = []
        self.failures = failures or {}
        self.closed = False

    def write(self, st: Statement, parameters: dict[str, Any]) -> WriteSummary:
        self.calls.append((st.name, parameters))
        failure = self.failures.pop(len(self.calls), None)
        if failure is not None:
            raise failure
        n = len(parameters.get("rows", []))
        if st.creates == "nodes":
            return WriteSummary(nodes_created=n)
        return WriteSummary(relationships_created=n)

    def read(self, st: Statement, parameters: dict[str, Any]) -> ReadResult:
        self.calls.append((st.name, parameters))
        return ReadResult(st.returns, [])

    def apply_schema(self, statements: list[Statement]) -> int:
        self.schema += [s.name for s in statements]
        return len(statements)

    def close(self) -> None:
        self.closed = True

    def __enter__(self) -> RecordingSession:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _writes(session: RecordingSession) -> list[tuple[str, dict[str, Any]]]:
    return [c for c in session.calls if c[0].startswith("load/")]


def _plain(value: Any) -> bool:
    if isinstance(value, dict):
        return all(isinstance(k, str) and _plain(v) for k, v in value.items())
    if isinstance(value, list):
        return all(_plain(v) for v in value)
    return value is None or type(value) in (str, int, float, bool)


def test_rows_go_in_batches_in_step_order(valid_dataset: Dataset) -> None:
    session = RecordingSession()
    report = load_dataset(session, valid_dataset, batch_size=4)
    assert session.schema == [s.name for s in schema_statements("neo4j")]
    writes = _writes(session)
    order = [name for name, _ in writes]
    assert order == sorted(order, key=[s.statement for s in LOAD_STEPS].index)
    for step in LOAD_STEPS:
        sent = [p for name, p in writes if name == step.statement]
        expected = step_rows(step.statement, valid_dataset)
        assert [len(p["rows"]) for p in sent] == [
            min(4, len(expected) - i) for i in range(0, len(expected), 4)
        ]
        assert [row for p in sent for row in _as_maps(step.statement, p)] == expected
    for name, params in writes:
        assert set(params) == {"rows", *_LOOKUPS.get(name, {})}
        assert _plain(params), "only plain values go to the driver"
    assert report.batches == len(writes)
    assert report.rows == sum(s.rows for s in report.steps)


def _as_maps(step: str, parameters: dict[str, Any]) -> list[dict[str, Any]]:
    """The rows of a batch's parameters as :func:`step_rows` makes them (positions read back)."""
    if step not in _LOOKUPS:
        rows: list[dict[str, Any]] = parameters["rows"]
        return rows
    keys = {name: parameters[p] for p, names in _LOOKUPS[step].items() for name in names}
    return [
        {
            name: keys[name][value] if name in keys else value
            for name, value in zip(_COLUMNS[step], row, strict=True)
        }
        for row in parameters["rows"]
    ]


def test_a_batch_names_each_end_node_once_and_by_position(valid_dataset: Dataset) -> None:
    rows = step_rows("load/serves", valid_dataset)
    parameters = batch_parameters("load/serves", rows)
    assert parameters["institutions"] == list(dict.fromkeys(r["institution"] for r in rows))
    assert parameters["families"] == list(dict.fromkeys(r["family"] for r in rows))
    assert len(parameters["families"]) < len(rows)
    assert _as_maps("load/serves", parameters) == rows
    assert batch_parameters("load/family", rows[:0]) == {"rows": []}


def test_a_statement_declaring_only_rows_gets_the_rows_as_maps(
    valid_dataset: Dataset, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An earlier revision's statement (bench_neo4j.py --baseline-rev runs them) reads maps."""
    from kokon_graph.store import statements as module

    old = _parse(
        "load/serves",
        "// SERVES, as 28c4e46 had it\n// @param $rows: list -- maps\n"
        "// @creates relationships\nUNWIND $rows AS row\nMATCH (i) RETURN i",
    )
    every = {**module._all(), "load/serves": old}
    monkeypatch.setattr(module, "_all", lambda: every)
    rows = step_rows("load/serves", valid_dataset)
    assert batch_parameters("load/serves", rows) == {"rows": rows}


def test_values_are_typed_for_the_database(valid_dataset: Dataset) -> None:
    coop = step_rows("load/cooperates_with", valid_dataset)
    first = coop[0]
    assert first == {
        "source": "OPS1",
        "target": "SZK1",
        "kind": "information",
        "wave": "before",
        "seq": 0,
        "weight": 2.0,
        "since": "2019-09-01",
        "mutual": True,
    }
    assert coop[2]["since"] is None
    family = step_rows("load/family", valid_dataset)[0]
    assert family["problems"] == ["poverty", "unemployment"]
    assert isinstance(family["size"], int)
    institution = step_rows("load/institution", valid_dataset)[0]
    assert institution["extra"] == {"address_public": "ul. Głowackiego 17"}
    assert step_rows("load/institution", valid_dataset)[1]["extra"] == {"address_public": ""}


def test_repeated_rows_are_numbered(valid_dataset: Dataset) -> None:
    coop = valid_dataset.cooperation
    doubled = valid_dataset.with_tables(
        cooperation=coop.iloc[[0, 0, 1, 0]]
        .reset_index(drop=True)
        .assign(weight=[3.0, 1.0, 2.0, 2.0])
    )
    rows = step_rows("load/cooperates_with", doubled)
    # ordered by their other columns: weights 1.0, 2.0, 3.0 get 0, 1, 2
    assert [(r["weight"], r["seq"]) for r in rows] == [(3.0, 2), (1.0, 0), (2.0, 0), (2.0, 1)]


def test_a_transient_failure_is_retried(valid_dataset: Dataset) -> None:
    waits: list[float] = []
    session = RecordingSession(
        {3: TransientStoreError("connection reset"), 4: TransientStoreError("connection reset")}
    )
    report = load_dataset(session, valid_dataset, batch_size=50, retries=2, sleep=waits.append)
    assert waits == [1.0, 2.0]
    writes = _writes(session)
    assert writes[2] == writes[3] == writes[4]  # the same batch, sent three times
    assert report.batches == len(writes) - 2  # failed attempts are not batches written


def test_a_failure_that_persists_stops_the_load_saying_how_far_it_got(
    valid_dataset: Dataset,
) -> None:
    errors = {n: TransientStoreError("lost the connection to x") for n in (5, 6)}
    session = RecordingSession(errors)
    with pytest.raises(LoadError) as caught:
        load_dataset(session, valid_dataset, batch_size=4, retries=1, sleep=lambda _s: None)
    err = caught.value
    # writes 1-4: territories (1), codes (1), hierarchy (1), institutions 1-4 (1)
    assert err.rows_done == 4 + 4 + 3 + 4
    assert err.rows_total == sum(len(step_rows(s.statement, valid_dataset)) for s in LOAD_STEPS)
    assert str(err) == (
        f"the load stopped at Institution (batch 2 of 4) after 15 of {err.rows_total} rows "
        "were written: lost the connection to x"
    )
    assert err.hint == (
        "nothing is lost or duplicated: run the same command again to complete the load"
    )


def test_a_constraint_violation_is_not_retried(valid_dataset: Dataset) -> None:
    waits: list[float] = []
    session = RecordingSession(
        {2: StoreError("a constraint was violated", hint="load into an empty database")}
    )
    with pytest.raises(LoadError) as caught:
        load_dataset(session, valid_dataset, retries=5, sleep=waits.append)
    assert waits == []
    assert len(_writes(session)) == 2
    assert caught.value.hint is not None
    assert caught.value.hint.startswith("load into an empty database; nothing is lost")


def test_batch_size_must_be_positive(valid_dataset: Dataset) -> None:
    with pytest.raises(ValueError, match="at least 1"):
        load_dataset(RecordingSession(), valid_dataset, batch_size=0)


def test_ready_query_parameters_are_sent_with_defaults() -> None:
    session = RecordingSession()
    frame = run_query(session, "sector_gaps", {"gmina": "2815011", "sectors": "health,police"})
    assert list(frame.columns) == list(statement("queries/sector_gaps").returns)
    name, params = session.calls[-1]
    assert name == "queries/sector_gaps"
    assert params == {
        "gmina": "2815011",
        "wave": None,
        "sectors": ["health", "police"],
        "centre_types": ["ops", "cus"],
        "centre_sector": "social_assistance",
    }


def test_ready_query_parameter_errors() -> None:
    from kokon_graph.store.queries import QueryError

    session = RecordingSession()
    with pytest.raises(QueryError, match="needs the parameter 'gmina'"):
        run_query(session, "central_actors", {})
    with pytest.raises(QueryError, match="has no parameter 'gmna'") as caught:
        run_query(session, "central_actors", {"gmna": "2815011"})
    assert caught.value.hint == "its parameters: gmina (string), wave (string, optional), " + (
        "limit (integer, optional)"
    )
    with pytest.raises(QueryError, match="needs an integer, not 'ten'"):
        run_query(session, "central_actors", {"gmina": "1", "limit": "ten"})
    with pytest.raises(QueryError, match="there is no ready query 'gaps'"):
        run_query(session, "gaps", {})
    assert session.calls == []


# ------------------------------------------------------------------ the Neo4j adapter


class RecordingDriver:
    """Stands where a ``neo4j.Driver`` goes; records sessions, transactions and statements."""

    def __init__(self, error: BaseException | None = None) -> None:
        self.sessions: list[dict[str, Any]] = []
        self.runs: list[tuple[str, str, dict[str, Any]]] = []
        self.error = error
        self.closed = False

    def session(self, **config: Any) -> Any:
        self.sessions.append(config)
        return _DriverSession(self)

    def close(self) -> None:
        self.closed = True


class _DriverSession:
    def __init__(self, driver: RecordingDriver) -> None:
        self.driver = driver

    def __enter__(self) -> _DriverSession:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def execute_write(self, fn: Any, *args: Any) -> Any:
        return fn(_Tx(self.driver, "write"), *args)

    def execute_read(self, fn: Any, *args: Any) -> Any:
        return fn(_Tx(self.driver, "read"), *args)


class _Record:
    def __init__(self, values: list[Any]) -> None:
        self._values = values

    def values(self) -> list[Any]:
        return self._values


class _Result:
    def __init__(self, counters: Any) -> None:
        self.counters = counters

    def consume(self) -> Any:
        return SimpleNamespace(counters=self.counters)

    def keys(self) -> list[str]:
        return ["id", "degree"]

    def __iter__(self) -> Iterator[_Record]:
        return iter([_Record(["OPS1", 3])])


class _Tx:
    def __init__(self, driver: RecordingDriver, kind: str) -> None:
        self.driver = driver
        self.kind = kind

    def run(self, text: str, parameters: dict[str, Any]) -> _Result:
        self.driver.runs.append((self.kind, text, parameters))
        if self.driver.error is not None:
            raise self.driver.error
        return _Result(
            SimpleNamespace(
                nodes_created=len(parameters.get("rows", [])),
                nodes_deleted=0,
                relationships_created=0,
                relationships_deleted=0,
                properties_set=0,
            )
        )


def test_writes_and_reads_go_through_managed_transactions() -> None:
    driver = RecordingDriver()
    session = store_neo4j.connect(driver, database="rops")  # type: ignore[arg-type]
    summary = session.write(statement("load/person"), {"rows": [{"id": "P1", "role": "x"}]})
    assert summary.nodes_created == 1
    result = session.read(statement("read/persons"), {})
    assert result == ReadResult(("id", "degree"), [("OPS1", 3)])
    assert driver.sessions == [
        {
            "database": "rops",
            "default_access_mode": neo4j.WRITE_ACCESS,
            "max_transaction_retry_time": 30.0,
        },
        {
            "database": "rops",
            "default_access_mode": neo4j.READ_ACCESS,
            "max_transaction_retry_time": 30.0,
        },
    ]
    kinds = [kind for kind, _, _ in driver.runs]
    assert kinds == ["write", "read"]
    assert driver.runs[0][1] == statement("load/person").body  # without the header comment
    assert driver.runs[0][2] == {"rows": [{"id": "P1", "role": "x"}]}
    assert session.location == "the given Neo4j driver (database rops)"


def test_a_driver_you_pass_stays_open_and_one_it_made_is_closed() -> None:
    driver = RecordingDriver()
    with store_neo4j.connect(driver):  # type: ignore[arg-type]
        pass
    assert not driver.closed
    made = store_neo4j.connect("neo4j://127.0.0.1:7687", password=SECRET, verify=False)
    assert made.owns_driver
    made.close()
    with pytest.raises(ne.DriverError, match="closed"), made._driver.session() as s:
        s.run("RETURN 1")


def _server_error(code: str, message: str) -> ne.Neo4jError:
    return ne.Neo4jError._hydrate_neo4j(code=code, message=message)


@pytest.mark.parametrize(
    ("error", "kind", "message"),
    [
        (
            _server_error("Neo.ClientError.Security.Unauthorized", "authentication failure"),
            StoreError,
            "the given Neo4j driver refused the credentials of the given user",
        ),
        (
            _server_error(
                "Neo.ClientError.Schema.ConstraintValidationFailed",
                "Relationship(7) already exists with type `REFERRED` and property `id` = 'S1'",
            ),
            StoreError,
            "the given Neo4j driver: a constraint of the database was violated: Relationship(7) "
            "already exists with type `REFERRED` and property `id` = 'S1'",
        ),
        (
            _server_error("Neo.ClientError.Database.DatabaseNotFound", "no such database"),
            StoreError,
            "the given Neo4j driver: the database does not exist",
        ),
        (
            _server_error("Neo.TransientError.Transaction.DeadlockDetected", "deadlock"),
            TransientStoreError,
            "lost the connection to the given Neo4j driver: deadlock",
        ),
        (
            ne.ServiceUnavailable("Couldn't connect to localhost:7687"),
            TransientStoreError,
            "lost the connection to the given Neo4j driver: Couldn't connect to localhost:7687",
        ),
        (
            ne.SessionExpired("leader switched"),
            TransientStoreError,
            "lost the connection to the given Neo4j driver: leader switched",
        ),
    ],
)
def test_driver_errors_become_clear_messages(
    error: BaseException, kind: type[StoreError], message: str
) -> None:
    session = store_neo4j.connect(RecordingDriver(error))  # type: ignore[arg-type]
    with pytest.raises(StoreError) as caught:
        session.write(statement("load/person"), {"rows": []})
    assert type(caught.value) is kind
    assert str(caught.value) == message
    assert caught.value.__cause__ is error


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def debug_logs(caplog: pytest.LogCaptureFixture) -> Iterator[pytest.LogCaptureFixture]:
    caplog.set_level(logging.DEBUG)
    logging.getLogger("neo4j").setLevel(logging.DEBUG)
    yield caplog


@pytest.mark.parametrize("scheme", ["bolt", "neo4j", "bolt+s", "neo4j+s"])
def test_an_unreachable_server_is_one_clear_error_without_the_password(
    scheme: str, debug_logs: pytest.LogCaptureFixture
) -> None:
    port = _closed_port()
    with pytest.raises(StoreError) as caught:
        connect(
            f"{scheme}://127.0.0.1:{port}",
            user="analityk",
            password=SECRET,
            connection_timeout=2.0,
        )
    err = caught.value
    assert str(err).startswith(f"cannot reach {scheme}://127.0.0.1:{port}: ")
    assert err.hint == "check the URI and that the server is running; Neo4j Aura needs neo4j+s://"
    chain = []
    cause: BaseException | None = err
    while cause is not None:
        chain.append(f"{cause!s} {cause!r} {cause.args!r}")
        cause = cause.__cause__ or cause.__context__
    assert SECRET not in "\n".join(chain)
    assert debug_logs.records, "the driver logged nothing: the check below would prove nothing"
    assert SECRET not in debug_logs.text
    assert all(SECRET not in str(r.args) for r in debug_logs.records)


def test_a_session_never_holds_the_password() -> None:
    session = store_neo4j.connect(
        "neo4j+s://example.databases.neo4j.io", user="me", password=SECRET, verify=False
    )
    try:
        assert SECRET not in repr(session)
        assert SECRET not in repr(vars(session))
        assert session.location == "neo4j+s://example.databases.neo4j.io"
    finally:
        session.close()


def test_an_unknown_scheme_is_refused() -> None:
    with pytest.raises(StoreError, match="'http' is not a Neo4j URI scheme"):
        connect("http://localhost:7474", password=SECRET)


def test_step_sizes_are_the_rows_built(valid_dataset: Dataset) -> None:
    from kokon_graph.store import plan_load
    from kokon_graph.store.load import step_size

    for step in LOAD_STEPS:
        assert step_size(step.statement, valid_dataset) == len(
            step_rows(step.statement, valid_dataset)
        )
    plan = plan_load(valid_dataset, limit=2)
    assert all(n <= 2 for _, n in plan.sizes())
    assert plan.total == sum(len(plan.rows(step)) for step in LOAD_STEPS)


def test_a_materialized_plan_sends_the_same_rows(valid_dataset: Dataset) -> None:
    from kokon_graph.store import plan_load

    lazy, ready = RecordingSession(), RecordingSession()
    load_dataset(lazy, plan_load(valid_dataset, limit=3))
    plan = plan_load(valid_dataset, limit=3).materialize()
    assert plan.prepared is not None
    load_dataset(ready, plan)
    assert ready.calls == lazy.calls


def test_an_empty_end_is_named_like_any_other_key() -> None:
    """A row with no coordinator (None) names None once, by its own position: never a
    position that would point at another row's node."""
    parameters = batch_parameters(
        "load/coordinates",
        [
            {"id": "F1", "coordinator": None},
            {"id": "F2", "coordinator": "P1"},
            {"id": "F3", "coordinator": None},
        ],
    )
    assert parameters == {"persons": [None, "P1"], "rows": [["F1", 0], ["F2", 1], ["F3", 0]]}
