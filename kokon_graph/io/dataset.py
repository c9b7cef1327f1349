"""The :class:`Dataset`: every table of a network, typed and checked."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import Any

import pandas as pd

from kokon_graph.errors import Problem
from kokon_graph.io.schema import TABLES, Table, table

__all__ = ["DATE_DTYPE", "Dataset", "empty_table"]

#: dtype of every date column (day resolution is all the format carries).
DATE_DTYPE = "datetime64[s]"

_DTYPES: dict[str, str] = {
    "id": "str",
    "str": "str",
    "ref": "str",
    "vocab": "str",
    "teryt": "str",
    "date": DATE_DTYPE,
    "float": "float64",
    "int": "Int64",
    "bool": "bool",
    "list": "object",
}


def dtype_for(kind: str) -> str:
    """The pandas dtype a column of ``kind`` has in a :class:`Dataset`."""
    return _DTYPES[kind]


def empty_table(name: str) -> pd.DataFrame:
    """A table with no rows and the canonical columns and dtypes of table ``name``."""
    spec = table(name)
    return pd.DataFrame({c.name: pd.Series([], dtype=dtype_for(c.kind)) for c in spec.columns})


@dataclass
class Dataset:
    """Every table of one network, typed, validated and with families pseudonymised.

    Build one with :func:`kokon_graph.io.read_dataset` (or
    :meth:`from_frames` for data already in memory). Each attribute is a
    :class:`pandas.DataFrame` with the canonical columns documented in
    ``docs/dataset-format.md``; a table absent from the source is empty but
    has its columns. Vocabulary columns hold canonical codes, dates are
    ``datetime64``, list columns hold tuples, family ids are pseudonyms.

    Attributes
    ----------
    name
        Short name (the folder or workbook name).
    source
        Where it was read from.
    warnings
        Problems that do not make the dataset invalid (strict mode makes them errors).
    metadata
        Title, description and other properties from ``datapackage.json``.
    """

    institutions: pd.DataFrame = field(default_factory=lambda: empty_table("institutions"))
    territories: pd.DataFrame = field(default_factory=lambda: empty_table("territories"))
    cooperation: pd.DataFrame = field(default_factory=lambda: empty_table("cooperation"))
    groups: pd.DataFrame = field(default_factory=lambda: empty_table("groups"))
    memberships: pd.DataFrame = field(default_factory=lambda: empty_table("memberships"))
    persons: pd.DataFrame = field(default_factory=lambda: empty_table("persons"))
    families: pd.DataFrame = field(default_factory=lambda: empty_table("families"))
    services: pd.DataFrame = field(default_factory=lambda: empty_table("services"))
    referrals: pd.DataFrame = field(default_factory=lambda: empty_table("referrals"))
    responses: pd.DataFrame = field(default_factory=lambda: empty_table("responses"))
    name: str = ""
    source: str = ""
    warnings: list[Problem] = field(default_factory=list)
    metadata: dict[str, Any] = field(default_factory=dict)

    @staticmethod
    def table_specs() -> tuple[Table, ...]:
        """The specification of every table, in dataset order."""
        return TABLES

    def tables(self) -> Iterator[tuple[str, pd.DataFrame]]:
        """``(name, frame)`` for every table, in dataset order."""
        for spec in TABLES:
            yield spec.name, getattr(self, spec.name)

    def table(self, name: str) -> pd.DataFrame:
        """The table called ``name``."""
        table(name)  # raises KeyError for an unknown name
        frame: pd.DataFrame = getattr(self, name)
        return frame

    def with_tables(self, **frames: pd.DataFrame) -> Dataset:
        """A copy with some tables replaced (the frames are not copied)."""
        return replace(self, **frames)

    @property
    def waves(self) -> list[str]:
        """The survey waves named anywhere in the data, sorted."""
        found: set[str] = set()
        for name in ("cooperation", "memberships", "services", "referrals"):
            col = getattr(self, name)["wave"]
            found.update(v for v in col.unique() if isinstance(v, str) and v)
        return sorted(found)

    @property
    def projects(self) -> list[str]:
        """The projects named by institutions or groups, sorted."""
        found: set[str] = set()
        for value in self.institutions["project"].unique():
            if isinstance(value, str) and value:
                found.update(p.strip() for p in value.split("|") if p.strip())
        found.update(v for v in self.groups["project"].unique() if isinstance(v, str) and v)
        return sorted(found)

    def counts(self) -> dict[str, int]:
        """Number of rows in each table."""
        return {name: len(frame) for name, frame in self.tables()}

    def equals(self, other: Dataset) -> bool:
        """Whether both hold the same rows (row order ignored) in every table."""
        return not self.differences(other)

    def differences(self, other: Dataset) -> list[str]:
        """Human-readable list of the tables whose content differs."""
        out = []
        for name, frame in self.tables():
            a = canonical_frame(frame)
            b = canonical_frame(other.table(name))
            if list(a.columns) != list(b.columns):
                out.append(f"{name}: columns {list(a.columns)} != {list(b.columns)}")
            elif not a.equals(b):
                out.append(f"{name}: {len(a)} rows vs {len(b)} rows, content differs")
        return out

    def __repr__(self) -> str:
        counts = ", ".join(f"{k}={v}" for k, v in self.counts().items() if v)
        return f"Dataset({self.name!r}, {counts})"


def canonical_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with columns sorted (canonical first), rows sorted, index reset.

    Used to compare datasets read from different sources.
    """
    ordered = frame.reindex(columns=sorted(frame.columns))
    as_text = ordered.astype(str)
    order = as_text.sort_values(list(as_text.columns), kind="stable").index if len(frame) else []
    return ordered.loc[order].reset_index(drop=True)
