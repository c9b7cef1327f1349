"""The graph store: Neo4j (and FalkorDB) as a place to keep, browse and query the network.

::

    from kokon_graph.store import connect, load_dataset, read_store, run_query

    with connect("neo4j://localhost:7687", user="neo4j", password=secret) as db:
        load_dataset(db, dataset)                 # idempotent, batched
        table = run_query(db, "sector_gaps", {"gmina": "2815011"})
        again = read_store(db)                    # equals `dataset`

Every statement the store runs is a file of ``cypher/`` (see
:mod:`kokon_graph.store.statements`), with every value passed as a
parameter. Only :mod:`kokon_graph.store.neo4j` opens driver sessions.
"""

from __future__ import annotations

from typing import Any

from kokon_graph.errors import StoreError
from kokon_graph.store.load import (
    DEFAULT_BATCH_SIZE,
    LoadError,
    LoadPlan,
    LoadReport,
    load_dataset,
    plan_load,
)
from kokon_graph.store.queries import query_parameters, ready_queries, run_query
from kokon_graph.store.read import export_dataset, read_store
from kokon_graph.store.schema import apply_schema
from kokon_graph.store.session import GraphSession, ReadResult, TransientStoreError, WriteSummary

__all__ = [
    "DEFAULT_BATCH_SIZE",
    "GraphSession",
    "LoadError",
    "LoadPlan",
    "LoadReport",
    "ReadResult",
    "TransientStoreError",
    "WriteSummary",
    "apply_schema",
    "connect",
    "export_dataset",
    "is_falkordb_uri",
    "load_dataset",
    "plan_load",
    "query_parameters",
    "read_store",
    "ready_queries",
    "run_query",
]


def is_falkordb_uri(uri: str) -> bool:
    """Whether ``uri`` names a FalkorDB graph (``falkordb://host:port/graph``).

    >>> is_falkordb_uri("falkordb://localhost:6379/kokon"), is_falkordb_uri("neo4j://x")
    (True, False)
    """
    from kokon_graph.store.falkordb import FALKORDB_SCHEMES

    return uri.split("://", 1)[0].lower() in FALKORDB_SCHEMES if "://" in uri else False


def connect(
    target: Any,
    *,
    user: str | None = None,
    password: str | None = None,
    database: str | None = None,
    **options: Any,
) -> GraphSession:
    """Open a session on a Neo4j URI, a FalkorDB URI, or a Neo4j driver you created.

    Parameters
    ----------
    target
        ``neo4j://``, ``neo4j+s://``, ``bolt://``, ``bolt+s://`` ... URIs and
        :class:`neo4j.Driver` objects go to :func:`kokon_graph.store.neo4j.connect`;
        ``falkordb://host:port/graph`` to :func:`kokon_graph.store.falkordb.connect`.
    user, password
        Credentials (Neo4j); a FalkorDB server takes only the password.
    database
        The Neo4j database, or the FalkorDB graph.
    options
        Passed to the backend's ``connect``.

    Returns
    -------
    GraphSession
        Usable as a context manager; closes only what it opened.
    """
    if isinstance(target, str) and is_falkordb_uri(target):
        from kokon_graph.store import falkordb

        return falkordb.connect(target, graph=database, password=password, **options)
    if isinstance(target, str) or _is_neo4j_driver(target):
        from kokon_graph.store import neo4j

        return neo4j.connect(target, user=user, password=password, database=database, **options)
    raise StoreError(
        f"cannot connect to a {type(target).__name__}",
        hint="give a URI (neo4j://host:7687, falkordb://host:6379/graph) or a neo4j.Driver",
    )


def _is_neo4j_driver(obj: Any) -> bool:
    try:
        import neo4j
    except ImportError:  # pragma: no cover - neo4j is a dependency
        return False
    return isinstance(obj, neo4j.Driver)
