"""The store's guarantees on a real Neo4j server, over Bolt with the official driver.

``scripts/test.sh`` starts the server (tools/neo4j-server: Neo4j Community 5.26 with
OpenGDS) and exports ``KOKON_NEO4J_URI`` and the credentials; without them these tests
are skipped, saying why. Faults are real: a connection cut by a TCP relay in the middle
of a load, a batch the server refuses, a wrong password, a database that does not exist.
"""

from __future__ import annotations

import contextlib
import csv
import os
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from kokon_graph.cli import main
from kokon_graph.errors import StoreError
from kokon_graph.io import Dataset, read_dataset, write_dataset
from kokon_graph.store import (
    GraphSession,
    LoadError,
    connect,
    load_dataset,
    plan_load,
    read_store,
)
from kokon_graph.store.load import LOAD_STEPS, LoadPlan
from kokon_graph.store.statements import Statement, schema_statements
from tests.conftest import REPO, VALID
from tests.store import cypher_for_tests as tq
from tests.store.datasets_for_tests import bundled_dataset_paths, read


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def _credentials() -> tuple[str, str | None]:
    return os.environ.get("NEO4J_USERNAME", "neo4j"), os.environ.get("NEO4J_PASSWORD")


def _session(uri: str, **options: object) -> GraphSession:
    user, password = _credentials()
    return connect(uri, user=user, password=password, **options)


def _show(session: GraphSession, what: str) -> list[tuple[object, ...]]:
    body = f"SHOW {what} YIELD name, type, labelsOrTypes, properties RETURN * ORDER BY name"
    st = Statement(name=f"tests/show_{what.lower()}", text=body, body=body, summary="test")
    return sorted(session.read(st, {}).rows, key=str)


# --------------------------------------------------------------------------- schema


def test_the_schema_applied_twice_equals_once(neo4j_store: GraphSession) -> None:
    statements = schema_statements("neo4j")
    neo4j_store.apply_schema(statements)
    constraints, indexes = _show(neo4j_store, "CONSTRAINTS"), _show(neo4j_store, "INDEXES")
    neo4j_store.apply_schema(statements)
    assert _show(neo4j_store, "CONSTRAINTS") == constraints
    assert _show(neo4j_store, "INDEXES") == indexes
    ours = [c for c in constraints if str(c[0]).startswith("kokon_")]
    assert len(ours) == sum("CREATE CONSTRAINT" in s.body for s in statements) == 6
    # each uniqueness constraint brings its own index, plus the 8 named range indexes
    assert len([i for i in indexes if str(i[0]).startswith("kokon_")]) == 6 + 8


def test_the_schema_drops_the_indexes_an_earlier_version_made(neo4j_store: GraphSession) -> None:
    """A database set up before the referrals' wave and status indexes were dropped (they
    cost a national load a fifth of its time: benchmarks/results/neo4j.md) loses them."""
    for name, prop in (("kokon_referral_wave", "wave"), ("kokon_referral_status", "status")):
        body = f"CREATE INDEX {name} IF NOT EXISTS FOR ()-[r:REFERRED]-() ON (r.{prop})"
        neo4j_store.write(Statement(name="tests/old_index", text=body, body=body, summary=""), {})
    assert {"kokon_referral_wave", "kokon_referral_status"} <= {
        i[0] for i in _show(neo4j_store, "INDEXES")
    }
    neo4j_store.apply_schema(schema_statements("neo4j"))
    names = {i[0] for i in _show(neo4j_store, "INDEXES")}
    assert not {"kokon_referral_wave", "kokon_referral_status"} & names
    assert "kokon_referral_family" in names


# --------------------------------------------------------------------------- round trip


@pytest.mark.parametrize("path", bundled_dataset_paths(), ids=lambda p: p.name)
def test_files_to_neo4j_to_files_is_exact_for_every_bundled_dataset(
    neo4j_cli_env: str, path: Path, tmp_path: Path
) -> None:
    loaded = run("neo4j", "load", str(path), "--uri", neo4j_cli_env, "--quiet")
    assert loaded.exit_code == 0, loaded.output
    out = tmp_path / "exported"
    exported = run("neo4j", "export", "--uri", neo4j_cli_env, str(out))
    assert exported.exit_code == 0, exported.output
    again = read_dataset(out, pseudonymised=True)
    original = read(path)
    assert again.differences(original) == []
    assert again.equals(original)


# --------------------------------------------------------------------------- faults


class CuttableRelay:
    """A TCP relay on 127.0.0.1 in front of the server; :meth:`cut` drops every connection
    and refuses new ones, as a network failure would."""

    def __init__(self, target_port: int) -> None:
        self.target = ("127.0.0.1", target_port)
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = int(self.listener.getsockname()[1])
        self.sockets: list[socket.socket] = []
        self.lock = threading.Lock()
        self.closed = False
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while not self.closed:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            upstream = socket.create_connection(self.target, timeout=10)
            with self.lock:
                if self.closed:
                    client.close()
                    upstream.close()
                    return
                self.sockets += [client, upstream]
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(a, b), daemon=True).start()

    @staticmethod
    def _pump(source: socket.socket, sink: socket.socket) -> None:
        with contextlib.suppress(OSError):
            while data := source.recv(65536):
                sink.sendall(data)
        with contextlib.suppress(OSError):
            sink.shutdown(socket.SHUT_RDWR)

    def cut(self) -> None:
        self.closed = True
        self.listener.close()
        with self.lock:
            self.closed = True
            for s in self.sockets:
                with contextlib.suppress(OSError):
                    s.shutdown(socket.SHUT_RDWR)
                s.close()


def _port(uri: str) -> int:
    return int(uri.rsplit(":", 1)[1].split("/")[0])


def test_a_load_whose_connection_is_cut_reruns_to_the_identical_graph(
    neo4j_store: GraphSession, valid_dataset: Dataset
) -> None:
    load_dataset(neo4j_store, valid_dataset, batch_size=2)
    reference = tq.snapshot(neo4j_store)
    tq.clear(neo4j_store)
    relay = CuttableRelay(_port(os.environ["KOKON_NEO4J_URI"]))
    batches = 0

    def count(_step: object, _n: int) -> None:
        nonlocal batches
        batches += 1
        if batches == 20:
            relay.cut()

    with (
        _session(f"bolt://127.0.0.1:{relay.port}", retry_time=1.0) as through_relay,
        pytest.raises(LoadError) as caught,
    ):
        load_dataset(
            through_relay,
            valid_dataset,
            batch_size=2,
            retries=1,
            sleep=lambda _s: None,
            on_batch=count,
        )
    err = caught.value
    assert 0 < err.rows_done < err.rows_total
    assert "lost the connection" in str(err)
    assert "run the same command again" in (err.hint or "")
    assert tq.snapshot(neo4j_store) != reference
    load_dataset(neo4j_store, valid_dataset, batch_size=3)
    assert tq.snapshot(neo4j_store) == reference


def test_a_batch_the_server_refuses_writes_nothing_of_that_batch(
    neo4j_store: GraphSession, valid_dataset: Dataset
) -> None:
    plan = plan_load(valid_dataset).materialize()
    assert plan.prepared is not None
    prepared = list(plan.prepared)
    position = [s.statement for s in LOAD_STEPS].index("load/institution")
    institutions = [dict(r) for r in prepared[position]]
    # a map inside a property: Neo4j refuses it when it reaches the 8th row
    institutions[7]["extra"] = {"nested": {"not": "a property value"}}
    prepared[position] = institutions
    broken = LoadPlan(valid_dataset, None, tuple(prepared))
    with pytest.raises(LoadError) as caught:
        load_dataset(neo4j_store, broken, batch_size=5, jobs=1)
    assert caught.value.step.statement == "load/institution"
    assert "batch 2 of 3" in str(caught.value)
    assert tq.counts(neo4j_store)["Institution"] == 5  # the first batch; none of the second
    # two transactions at once: the other lane's batches are kept, the refused one is not
    tq.clear(neo4j_store)
    with pytest.raises(LoadError) as caught:
        load_dataset(neo4j_store, broken, batch_size=5, jobs=2)
    assert caught.value.step.statement == "load/institution"
    written = tq.counts(neo4j_store)["Institution"]
    step = caught.value.report.steps[-1]
    assert step.statement == "load/institution"
    assert written == step.created < len(institutions)
    found = neo4j_store.read(tq.INSTITUTION_IDS, {"ids": [institutions[7]["id"]]})
    assert found.rows == []


def _ids(dataset: Dataset) -> set[str]:
    found: set[str] = set()
    for table in ("institutions", "groups", "persons", "families", "referrals"):
        found |= set(dataset.table(table)["id"])
    return found | set(dataset.territories["teryt"])


def test_two_datasets_loaded_at_once_equal_the_two_loaded_one_after_the_other(
    neo4j_store: GraphSession,
) -> None:
    paths = {p.name: p for p in bundled_dataset_paths()}
    first, second = read(paths["praski-kokon"]), read(paths["zawsze-rodzina"])
    # both number their referrals S-00001...: a database holds referral ids once
    referrals = second.referrals.assign(id="ZR-" + second.referrals["id"])
    second = second.with_tables(referrals=referrals)
    assert not _ids(first) & _ids(second), "the two datasets must not share ids"
    load_dataset(neo4j_store, first, batch_size=50)
    load_dataset(neo4j_store, second, batch_size=50)
    reference = tq.snapshot(neo4j_store)
    tq.clear(neo4j_store)
    errors: list[BaseException] = []

    def load(dataset: Dataset) -> None:
        try:
            with _session(os.environ["KOKON_NEO4J_URI"]) as session:
                load_dataset(session, dataset, batch_size=50)
        except BaseException as err:  # noqa: BLE001 - handed to the main thread
            errors.append(err)

    threads = [threading.Thread(target=load, args=(ds,)) for ds in (first, second)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    assert errors == []
    assert tq.snapshot(neo4j_store) == reference


HOSTILE = [
    'O\'Brien "Pomoc" `ticks` \\ backslash',
    "<script>alert('x')</script>",
    "Zażółć gęślą jaźń — Ośrodek Łódź",
    "Rodzina 👨‍👩‍👧 razem 🌱",
    "x'}) MATCH (n) DETACH DELETE n //",
]


def _hostile_dataset(folder: Path) -> Path:
    import shutil

    target = folder / "hostile"
    shutil.copytree(VALID, target)
    path = target / "institutions.csv"
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    column = rows[0].index("name")
    for row, name in zip(rows[1:], HOSTILE, strict=False):
        row[column] = name
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)
    return target


def _strings(value: object) -> set[str]:
    if isinstance(value, str):
        return {value}
    if isinstance(value, dict):
        value = list(value.values())
    if isinstance(value, list | tuple):
        return set().union(*(_strings(v) for v in value)) if value else set()
    return set()


def test_hostile_names_travel_only_as_parameters(
    neo4j_cli_env: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import neo4j

    sent: list[tuple[str, object]] = []
    real_run = neo4j.ManagedTransaction.run

    def spy(self: neo4j.ManagedTransaction, query: str, parameters: object = None) -> object:
        sent.append((query, parameters))  # what the real driver sends on, unchanged
        return real_run(self, query, parameters)  # type: ignore[arg-type]

    monkeypatch.setattr(neo4j.ManagedTransaction, "run", spy)
    source = _hostile_dataset(tmp_path)
    result = run("neo4j", "load", str(source), "--uri", neo4j_cli_env, "--quiet")
    assert result.exit_code == 0, result.output
    with _session(neo4j_cli_env) as session:
        back = read_store(session)
    assert set(HOSTILE) <= set(back.institutions["name"])
    assert back.equals(read(source))
    assert any("UNWIND $rows AS row" in query for query, _ in sent)
    for name in HOSTILE:
        assert not any(name in query for query, _ in sent)
        assert any(name in _strings(params) for _, params in sent)


def test_the_server_logs_hold_no_password(neo4j_cli_env: str) -> None:
    state = os.environ.get("KOKON_NEO4J_STATE")
    if not state:
        pytest.skip("the server was not started by scripts/neo4j-server.sh: its logs are elsewhere")
    password = _credentials()[1]
    assert password
    assert run("neo4j", "init", "--uri", neo4j_cli_env).exit_code == 0
    logs = list((Path(state) / "home" / "logs").iterdir())
    assert logs
    for log_file in logs:
        assert password not in log_file.read_text(encoding="utf-8", errors="replace")


def test_a_wrong_password_is_one_clear_error_without_the_password(
    neo4j_cli_env: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    wrong = "Złe-hasło-" + "x" * 8
    monkeypatch.setenv("NEO4J_PASSWORD", wrong)
    result = run("neo4j", "init", "--uri", neo4j_cli_env)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"Error: {neo4j_cli_env} refused the credentials of user 'neo4j'",
        "Hint: check the user (--user or NEO4J_USERNAME) and the password (NEO4J_PASSWORD)",
    ]
    assert wrong not in result.output
    assert "Traceback" not in result.output


def test_a_database_that_does_not_exist_is_one_clear_error(neo4j_cli_env: str) -> None:
    result = run("neo4j", "load", str(VALID), "--uri", neo4j_cli_env, "--database", "nie-ma")
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[0].startswith(f"Error: {neo4j_cli_env} (database nie-ma)")
    assert "the database does not exist" in lines[0]
    assert lines[1] == (
        "Hint: create it first (CREATE DATABASE ...) or pick another one with --database"
    )
    assert "Traceback" not in result.output


def test_a_server_that_went_away_is_one_clear_error(neo4j_cli_env: str) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        closed = int(s.getsockname()[1])
    result = run("neo4j", "export", "--uri", f"bolt://127.0.0.1:{closed}", "out")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0].startswith(
        f"Error: cannot reach bolt://127.0.0.1:{closed}"
    )
    assert os.environ["NEO4J_PASSWORD"] not in result.output


# --------------------------------------------------------------------------- sync


@pytest.fixture
def two_versions(tmp_path: Path, valid_dataset: Dataset) -> Iterator[tuple[Path, Path]]:
    """tests/data/valid as files, and the same less its last family and one tie of "after"."""
    full = tmp_path / "full"
    write_dataset(valid_dataset, full)
    gone = valid_dataset.families["id"].iloc[-1]
    coop = valid_dataset.cooperation
    drop = coop.index[coop["wave"] == "after"][0]
    shrunk = valid_dataset.with_tables(
        families=valid_dataset.families[valid_dataset.families["id"] != gone],
        services=valid_dataset.services[valid_dataset.services["family"] != gone],
        referrals=valid_dataset.referrals[valid_dataset.referrals["family"] != gone],
        cooperation=coop.drop(index=drop),
    )
    smaller = tmp_path / "smaller"
    write_dataset(shrunk, smaller)
    yield full, smaller


def test_sync_dry_run_prints_the_counts_and_sync_removes(
    neo4j_cli_env: str, two_versions: tuple[Path, Path], valid_dataset: Dataset
) -> None:
    full, smaller = two_versions
    uri = neo4j_cli_env
    assert run("neo4j", "load", str(full), "--uri", uri, "--pseudonymised", "-q").exit_code == 0
    plain = run("neo4j", "load", str(smaller), "--uri", uri, "--pseudonymised", "-q")
    assert plain.exit_code == 0
    with _session(uri) as session:
        assert len(read_store(session).families) == len(valid_dataset.families)  # kept
    gone = valid_dataset.families["id"].iloc[-1]
    services = int((valid_dataset.services["family"] == gone).sum())
    referrals = int((valid_dataset.referrals["family"] == gone).sum())
    dry = run("neo4j", "load", str(smaller), "--uri", uri, "--pseudonymised", "--sync", "--dry-run")
    assert dry.exit_code == 0, dry.output
    assert dry.stdout.splitlines() == [
        f"Dry run against {uri} (waves in the files: (no wave), after, before); "
        "nothing was written.",
        "  table         add  change  remove",
        "  territories     0       0       0",
        "  institutions    0       0       0",
        "  groups          0       0       0",
        "  persons         0       0       0",
        "  families        0       0       1",
        "  cooperation     0       0       1",
        "  memberships     0       0       0",
        f"  services        0       0       {services}",
        f"  referrals       0       0       {referrals}",
    ]
    synced = run("neo4j", "load", str(smaller), "--uri", uri, "--pseudonymised", "--sync")
    assert synced.exit_code == 0, synced.output
    assert synced.stdout.splitlines()[-1] == (
        f"Sync removed {2 + services + referrals} rows no longer in the files: families 1, "
        f"cooperation 1, services {services}, referrals {referrals}."
    )
    with _session(uri) as session:
        assert read_store(session).equals(read_dataset(smaller, pseudonymised=True))


def test_without_sync_a_dry_run_says_nothing_is_removed(neo4j_cli_env: str) -> None:
    result = run("neo4j", "load", str(VALID), "--uri", neo4j_cli_env, "--dry-run")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert "  institutions   13       0  -" in lines
    assert lines[-1] == "Without --sync nothing is removed."
    with _session(neo4j_cli_env) as session, pytest.raises(StoreError, match="no institutions"):
        read_store(session)


# --------------------------------------------------------------------------- browsing

BROWSER = REPO / "docs" / "neo4j-browser"


def test_the_browser_style_covers_every_label_type_and_sector() -> None:
    import re

    from kokon_graph.model import NEO4J_LABELS, NEO4J_REL_TYPES, SECTORS

    grass = (BROWSER / "kokon.grass").read_text(encoding="utf-8")
    styled = set(re.findall(r"^(node|relationship)\.(\w+) \{", grass, flags=re.MULTILINE))
    assert {("node", label) for label in NEO4J_LABELS.values()} <= styled
    assert {("relationship", rel) for rel in NEO4J_REL_TYPES.values()} <= styled
    assert {("node", f"Sector_{t.code}") for t in SECTORS.terms} <= styled
    assert grass.count("{") == grass.count("}")


def test_sector_labels_colour_institutions_and_change_no_data(
    neo4j_store: GraphSession, valid_dataset: Dataset
) -> None:
    load_dataset(neo4j_store, valid_dataset)
    before = read_store(neo4j_store)
    text = (BROWSER / "sector-labels.cypher").read_text(encoding="utf-8")
    bodies = [line.rstrip(";") for line in text.splitlines() if line.startswith("MATCH")]
    for body in bodies:
        neo4j_store.write(Statement(name="docs/sector", text=body, body=body, summary=""), {})
    count = "MATCH (i:Institution) UNWIND labels(i) AS l WITH l WHERE l STARTS WITH 'Sector_' "
    count += "RETURN substring(l, 7) AS sector, count(*) AS n"
    rows = neo4j_store.read(Statement(name="t", text=count, body=count, summary=""), {}).rows
    assert dict(rows) == valid_dataset.institutions["sector"].value_counts().to_dict()
    assert read_store(neo4j_store).equals(before)


def test_two_lanes_write_the_graph_one_lane_writes_and_update_across_lanes(
    neo4j_store: GraphSession, tmp_path: Path
) -> None:
    from kokon_graph.generate import generate

    folder = tmp_path / "swietokrzyskie"
    generate(folder, scale="voivodeship", territory="26", seed=5, families_per_gmina=3)
    dataset = read(folder)
    load_dataset(neo4j_store, dataset, batch_size=300, jobs=1)
    one_lane = tq.snapshot(neo4j_store)
    tq.clear(neo4j_store)
    load_dataset(neo4j_store, dataset, batch_size=300, jobs=2)
    assert tq.snapshot(neo4j_store) == one_lane
    # a later version: every family moves to another coordinator, most to the other lane
    families = dataset.families
    shuffled = families["coordinator"].sample(frac=1, random_state=1).to_numpy()
    moved = families.assign(coordinator=shuffled)
    later = dataset.with_tables(families=moved)
    load_dataset(neo4j_store, later, batch_size=300, jobs=2)
    updated = tq.snapshot(neo4j_store)
    tq.clear(neo4j_store)
    load_dataset(neo4j_store, later, batch_size=300, jobs=1)
    assert updated == tq.snapshot(neo4j_store)
    assert updated != one_lane


def test_the_cli_loads_in_two_lanes_the_graph_one_lane_loads(neo4j_cli_env: str) -> None:
    result = run("neo4j", "load", str(VALID), "--uri", neo4j_cli_env, "--jobs", "2", "-q")
    assert result.exit_code == 0, result.output
    with _session(neo4j_cli_env) as session:
        two_lanes = tq.snapshot(session)
        tq.clear(session)
    assert run("neo4j", "load", str(VALID), "--uri", neo4j_cli_env, "-q").exit_code == 0
    with _session(neo4j_cli_env) as session:
        assert tq.snapshot(session) == two_lanes
        assert tq.counts(session)["Institution"] > 0


def test_the_cli_default_of_jobs_is_the_api_default() -> None:
    from kokon_graph.cli.neo4j_cmd import load as load_command
    from kokon_graph.store.load import DEFAULT_JOBS

    (jobs,) = [p for p in load_command.params if p.name == "jobs"]
    assert jobs.default == DEFAULT_JOBS
