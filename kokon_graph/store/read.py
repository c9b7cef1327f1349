"""Reading the graph back into a dataset (``kokon-graph neo4j export``, ``analyze neo4j://...``).

Each ``cypher/read/`` statement returns one table. The rows are turned into
the dataset format's text (ISO dates, ``|``-separated lists, ``true`` /
``false``) and read back through :func:`kokon_graph.io.read_dataset`, so what
comes out of the database is checked exactly like a file: a database whose
content breaks the format (a referral to a family that is not there) gives a
:class:`~kokon_graph.errors.DatasetError` listing every problem.

What was loaded comes back equal (:meth:`~kokon_graph.io.Dataset.equals`),
extra institution and group columns included.
"""

from __future__ import annotations

import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Final

import pandas as pd

from kokon_graph.errors import StoreError
from kokon_graph.io import Dataset, read_dataset, write_dataset
from kokon_graph.io.schema import FILE_ONLY_TABLES, LIST_SEPARATOR, TABLES, Table
from kokon_graph.store.session import GraphSession
from kokon_graph.store.statements import statement

__all__ = ["PROPERTY_TABLES", "export_dataset", "read_store", "read_tables"]

#: Tables read as whole property maps (their extra columns are properties too).
PROPERTY_TABLES: Final = ("institutions", "groups")


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return "" if value != value else repr(value)
    if isinstance(value, list | tuple):
        return LIST_SEPARATOR.join(_text(v) for v in value)
    if hasattr(value, "iso_format"):  # neo4j.time.Date, should a user store real dates
        return str(value.iso_format())
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    return str(value)


def _frame(spec: Table, records: list[dict[str, Any]]) -> pd.DataFrame:
    columns = list(spec.column_names)
    if spec.name in PROPERTY_TABLES:
        extra = sorted({k for r in records for k in r} - set(columns))
        columns += extra
    data = {c: [_text(r.get(c)) for r in records] for c in columns}
    return pd.DataFrame(data, columns=columns, dtype=object)


def read_tables(session: GraphSession) -> dict[str, pd.DataFrame]:
    """Every table of the database as text in the dataset format (one column per field).

    Tables without rows are left out (``institutions`` is always there).
    """
    tables: dict[str, pd.DataFrame] = {}
    for spec in TABLES:
        if spec.name in FILE_ONLY_TABLES:
            continue
        result = session.read(statement(f"read/{spec.name}"), {})
        records: list[dict[str, Any]] = (
            [dict(row[0]) for row in result.rows]
            if spec.name in PROPERTY_TABLES
            else result.records()
        )
        if records or spec.name == "institutions":
            tables[spec.name] = _frame(spec, records)
    return tables


def _write_text(tables: Mapping[str, pd.DataFrame], folder: Path) -> None:
    for name, frame in tables.items():
        frame.to_csv(folder / f"{name}.csv", index=False, encoding="utf-8", lineterminator="\n")


def read_store(session: GraphSession, *, name: str = "", strict: bool = False) -> Dataset:
    """The dataset held by the database, checked like a dataset read from files.

    Parameters
    ----------
    session
        Where to read from (see :func:`kokon_graph.store.connect`).
    name
        The dataset's name; by default the session's location.
    strict
        Treat the dataset format's warnings as errors.

    Raises
    ------
    StoreError
        If the database holds no institution (nothing was loaded).
    DatasetError
        If what the database holds breaks the dataset format.
    """
    tables = read_tables(session)
    if tables["institutions"].empty:
        raise StoreError(
            f"{session.location} holds no institutions",
            hint="load a dataset first: kokon-graph neo4j load DATASET --uri URI",
        )
    with tempfile.TemporaryDirectory(prefix="kokon-store-") as tmp:
        folder = Path(tmp) / "store"
        folder.mkdir()
        _write_text(tables, folder)
        dataset = read_dataset(folder, pseudonymised=True, strict=strict)
    dataset.name = name or session.location
    dataset.source = session.location
    return dataset


def export_dataset(session: GraphSession, folder: str | Path, *, strict: bool = False) -> Dataset:
    """Write the database as a dataset folder (CSV files and ``datapackage.json``).

    The folder validates (it is read back through the dataset reader before
    it is written) and equals what was loaded.

    Returns
    -------
    Dataset
        What was written.
    """
    out = Path(folder)
    dataset = read_store(session, name=out.resolve().name, strict=strict)
    write_dataset(dataset, out)
    return dataset
