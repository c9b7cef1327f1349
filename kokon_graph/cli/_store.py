"""Opening the store named on the command line: shared by ``kokon-graph neo4j`` and by
every command that reads a dataset from a database URI (:func:`dataset_from_store`).

Kept apart from :mod:`kokon_graph.cli.neo4j_cmd` so that :mod:`kokon_graph.cli._common`
can read from a store without importing the command that imports it.
"""

from __future__ import annotations

import os
from typing import Any

import click

from kokon_graph.errors import StoreError
from kokon_graph.io import Dataset
from kokon_graph.lang import tr

__all__ = ["DEFAULT_USER", "dataset_from_store", "open_store"]

DEFAULT_USER = "neo4j"


def _password(uri: str, user: str) -> str | None:
    """The password from the environment or a hidden prompt (never from the command line)."""
    from kokon_graph.store import is_falkordb_uri
    from kokon_graph.store.session import safe_location

    if is_falkordb_uri(uri):
        return os.environ.get("FALKORDB_PASSWORD")
    password = os.environ.get("NEO4J_PASSWORD")
    if password is not None:
        return password
    try:
        answer: str = click.prompt(
            tr(
                f"Hasło użytkownika {user} w {safe_location(uri)}",
                f"Password of {user} at {safe_location(uri)}",
            ),
            hide_input=True,
            err=True,
        )
    except click.Abort:
        raise StoreError(
            tr(
                "brak hasła: NEO4J_PASSWORD nie jest ustawione i żadnego nie wpisano",
                "no password: NEO4J_PASSWORD is not set and none was typed",
            ),
            hint=tr(
                "ustaw NEO4J_PASSWORD albo uruchom polecenie w terminalu, aby o nie zapytało",
                "set NEO4J_PASSWORD, or run the command in a terminal to be asked for it",
            ),
        ) from None
    return answer


def open_store(uri: str | None, *, user: str | None = None, database: str | None = None) -> Any:
    """A store session on ``uri`` with the credentials of the environment or the prompt."""
    from kokon_graph.store import connect

    if not uri:
        raise StoreError(
            tr("nie podano bazy danych", "no database given"),
            hint=tr(
                "dodaj --uri neo4j://host:7687 (albo ustaw NEO4J_URI)",
                "add --uri neo4j://host:7687 (or set NEO4J_URI)",
            ),
        )
    user = user or os.environ.get("NEO4J_USERNAME") or DEFAULT_USER
    return connect(uri, user=user, password=_password(uri, user), database=database)


def dataset_from_store(uri: str, *, strict: bool = False) -> Dataset:
    """The dataset held by the database at ``uri`` (for ``analyze``, ``map``, ``report``).

    User, password and database come from ``NEO4J_USERNAME``, ``NEO4J_PASSWORD``
    (or the prompt) and ``NEO4J_DATABASE``.
    """
    from kokon_graph.store import read_store

    with open_store(uri, database=os.environ.get("NEO4J_DATABASE") or None) as session:
        return read_store(session, strict=strict)
