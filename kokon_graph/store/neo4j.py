"""Neo4j through the official driver: the one module of kokon_graph that opens driver sessions.

:func:`connect` takes a URI (``neo4j://``, ``neo4j+s://``, ``bolt://``,
``bolt+s://``, ...; TLS is the driver's) or a :class:`neo4j.Driver` you
created, and returns a :class:`Neo4jSession` implementing
:class:`~kokon_graph.store.session.GraphSession`. Writes run as managed write
transactions (``execute_write``: one per statement, routed to the leader and
retried by the driver on transient failures), reads as managed read
transactions. The session closes only a driver it created.

The password is handed to the driver and kept nowhere else: it is not an
attribute of the session, not part of any message, and not logged.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from kokon_graph.errors import StoreError
from kokon_graph.store.session import (
    Dialect,
    ReadResult,
    TransientStoreError,
    WriteSummary,
    safe_location,
)
from kokon_graph.store.statements import Statement

if TYPE_CHECKING:
    import neo4j

__all__ = ["NEO4J_SCHEMES", "Neo4jSession", "connect", "translate_error"]

#: URI schemes the official driver understands.
NEO4J_SCHEMES = ("neo4j", "neo4j+s", "neo4j+ssc", "bolt", "bolt+s", "bolt+ssc")


def _write_tx(tx: Any, text: str, parameters: dict[str, Any]) -> WriteSummary:
    counters = tx.run(text, parameters).consume().counters
    return WriteSummary(
        nodes_created=counters.nodes_created,
        nodes_deleted=counters.nodes_deleted,
        relationships_created=counters.relationships_created,
        relationships_deleted=counters.relationships_deleted,
        properties_set=counters.properties_set,
    )


def _read_tx(tx: Any, text: str, parameters: dict[str, Any]) -> ReadResult:
    result = tx.run(text, parameters)
    columns = tuple(result.keys())
    rows = [tuple(record.values()) for record in result]
    return ReadResult(columns, rows)


def translate_error(
    err: BaseException, location: str, *, user: str | None = None, connecting: bool = False
) -> StoreError:
    """A :class:`StoreError` saying what a driver error means for the user.

    Connection losses, transient server errors and commits of unknown outcome
    become :class:`TransientStoreError` (every statement of the store is
    idempotent, so running one again is always safe), except while
    ``connecting``, where they mean the server cannot be reached at all.
    """
    from neo4j import exceptions as ne

    if isinstance(err, StoreError):
        return err
    detail = getattr(err, "message", None) or str(err) or type(err).__name__
    detail = "; ".join(line.strip() for line in str(detail).splitlines() if line.strip())
    who = f"user {user!r}" if user else "the given user"
    if isinstance(err, ne.AuthError):
        return StoreError(
            f"{location} refused the credentials of {who}",
            hint="check the user (--user or NEO4J_USERNAME) and the password (NEO4J_PASSWORD)",
        )
    if isinstance(err, ne.Forbidden):
        return StoreError(
            f"{location}: {who} may not do this: {detail}",
            hint="ask the database administrator for write (and, for `neo4j init`, "
            "schema) privileges",
        )
    if isinstance(err, ne.ConstraintError):
        return StoreError(
            f"{location}: a constraint of the database was violated: {detail}",
            hint="another dataset with the same ids is loaded in this database; load into "
            "an empty database (--database) or remove the clashing data",
        )
    code = getattr(err, "code", None) or ""
    if code.endswith("DatabaseNotFound"):
        return StoreError(
            f"{location}: the database does not exist",
            hint="create it first (CREATE DATABASE ...) or pick another one with --database",
        )
    if connecting and isinstance(err, ne.ServiceUnavailable | OSError):
        return StoreError(
            f"cannot reach {location}: {detail}",
            hint="check the URI and that the server is running; Neo4j Aura needs neo4j+s://",
        )
    if isinstance(
        err,
        ne.ServiceUnavailable | ne.SessionExpired | ne.TransientError | ne.IncompleteCommit,
    ):
        return TransientStoreError(
            f"lost the connection to {location}: {detail}",
            hint="check that the server is running and reachable",
        )
    if isinstance(err, ne.ConfigurationError):
        return StoreError(f"cannot connect to {location}: {detail}", hint=_URI_HINT)
    if isinstance(err, ne.Neo4jError | ne.DriverError):
        return StoreError(f"{location}: {detail}")
    if isinstance(err, OSError | TimeoutError):
        return TransientStoreError(
            f"lost the connection to {location}: {detail}",
            hint="check that the server is running and reachable",
        )
    if isinstance(err, ValueError):
        return StoreError(f"cannot connect to {location}: {detail}", hint=_URI_HINT)
    return StoreError(f"{location}: {type(err).__name__}: {detail}")


_URI_HINT = (
    "use a URI like neo4j://localhost:7687, bolt://host:7687 or "
    "neo4j+s://xxxx.databases.neo4j.io (Aura)"
)


class Neo4jSession:
    """A :class:`~kokon_graph.store.session.GraphSession` over the official Neo4j driver.

    Build one with :func:`connect`.

    Parameters
    ----------
    driver
        An open :class:`neo4j.Driver`.
    database
        The database to use; ``None`` for the server's default.
    location
        Where the data lives, for messages (never holds a password).
    owns_driver
        Close ``driver`` in :meth:`close` (only when this module created it).
    user
        For messages only.
    retry_time
        Seconds the driver keeps retrying a transaction that failed transiently.
    """

    dialect: Dialect = "neo4j"
    #: :meth:`write` may be called from several threads at once (each call opens its own
    #: driver session), so :func:`~kokon_graph.store.load_dataset` may run several transactions.
    concurrent_writes: bool = True

    def __init__(
        self,
        driver: neo4j.Driver,
        *,
        database: str | None = None,
        location: str = "Neo4j",
        owns_driver: bool = False,
        user: str | None = None,
        retry_time: float = 30.0,
    ) -> None:
        self._driver = driver
        self.database = database
        self.location = location
        self.owns_driver = owns_driver
        self._user = user
        self._retry_time = retry_time

    def __repr__(self) -> str:
        return f"Neo4jSession({self.location!r})"

    def __enter__(self) -> Neo4jSession:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _session(self, *, write: bool) -> Any:
        import neo4j

        return self._driver.session(
            database=self.database,
            default_access_mode=neo4j.WRITE_ACCESS if write else neo4j.READ_ACCESS,
            max_transaction_retry_time=self._retry_time,
        )

    def write(self, statement: Statement, parameters: Mapping[str, Any]) -> WriteSummary:
        """Run ``statement`` in one managed write transaction."""
        try:
            with self._session(write=True) as session:
                summary: WriteSummary = session.execute_write(
                    _write_tx, statement.body, dict(parameters)
                )
                return summary
        except Exception as err:
            raise translate_error(err, self.location, user=self._user) from err

    def read(self, statement: Statement, parameters: Mapping[str, Any]) -> ReadResult:
        """Run ``statement`` in one managed read transaction and return every row."""
        try:
            with self._session(write=False) as session:
                result: ReadResult = session.execute_read(
                    _read_tx, statement.body, dict(parameters)
                )
                return result
        except Exception as err:
            raise translate_error(err, self.location, user=self._user) from err

    def apply_schema(self, statements: list[Statement]) -> int:
        """Run the schema statements (each has ``IF NOT EXISTS``); return how many ran."""
        for st in statements:
            self.write(st, {})
        return len(statements)

    def close(self) -> None:
        """Close the driver if this session created it; a driver you passed stays open."""
        if self.owns_driver:
            self._driver.close()


def connect(
    target: str | neo4j.Driver,
    *,
    user: str | None = None,
    password: str | None = None,
    database: str | None = None,
    connection_timeout: float = 15.0,
    retry_time: float = 30.0,
    verify: bool = True,
) -> Neo4jSession:
    """Open a :class:`Neo4jSession` on a URI, or wrap a driver you created.

    Parameters
    ----------
    target
        A URI (``neo4j://localhost:7687``, ``neo4j+s://xxxx.databases.neo4j.io``,
        ``bolt+s://host:7687``) or an open :class:`neo4j.Driver`, which the
        session will not close.
    user, password
        Basic authentication for a URI; ``password=None`` connects without
        authentication. Ignored for a driver.
    database
        The database; ``None`` for the server's default.
    connection_timeout
        Seconds to wait for the server when connecting.
    retry_time
        Seconds the driver keeps retrying a transaction that failed transiently.
    verify
        Check the connection and the credentials at once (a clear error now
        rather than at the first statement).

    Raises
    ------
    StoreError
        If the URI is not understood, the server cannot be reached or refuses
        the credentials.
    """
    import neo4j

    if not isinstance(target, str):
        return Neo4jSession(
            target,
            database=database,
            location="the given Neo4j driver" + (f" (database {database})" if database else ""),
            owns_driver=False,
            retry_time=retry_time,
        )
    location = safe_location(target, database)
    scheme = target.split("://", 1)[0].lower() if "://" in target else ""
    if scheme not in NEO4J_SCHEMES:
        raise StoreError(f"{target.split('://', 1)[0]!r} is not a Neo4j URI scheme", hint=_URI_HINT)
    auth = None if password is None else neo4j.basic_auth(user or "neo4j", password)
    try:
        driver = neo4j.GraphDatabase.driver(
            target,
            auth=auth,
            connection_timeout=connection_timeout,
            max_transaction_retry_time=retry_time,
        )
    except Exception as err:
        raise translate_error(err, location, user=user) from err
    del auth, password
    session = Neo4jSession(
        driver,
        database=database,
        location=location,
        owns_driver=True,
        user=user or "neo4j",
        retry_time=retry_time,
    )
    if verify:
        try:
            driver.verify_connectivity()
        except Exception as err:
            driver.close()
            raise translate_error(err, location, user=user or "neo4j", connecting=True) from err
    return session
