"""Reading, checking and writing datasets.

::

    from kokon_graph.io import read_dataset
    ds = read_dataset("datasets/praski-kokon")
"""

from __future__ import annotations

from pathlib import Path

from kokon_graph.errors import DatasetError
from kokon_graph.io._source import SUPPORTED_ENCODINGS, read_source
from kokon_graph.io._validate import (
    build_dataset,
    check_teryt,
    pseudonymise_dataset,
    teryt_problem,
)
from kokon_graph.io.dataset import Dataset, canonical_frame, empty_table
from kokon_graph.io.pseudonym import load_key, missing_key_error, pseudonymiser
from kokon_graph.io.schema import TABLE_NAMES, TABLES
from kokon_graph.io.write import write_dataset, write_workbook

__all__ = [
    "SUPPORTED_ENCODINGS",
    "TABLES",
    "TABLE_NAMES",
    "Dataset",
    "canonical_frame",
    "check_teryt",
    "empty_table",
    "read_dataset",
    "teryt_problem",
    "write_dataset",
    "write_workbook",
]


def read_dataset(
    path: str | Path,
    *,
    encoding: str | None = None,
    pseudonym_key: str | bytes | None = None,
    pseudonym_key_file: str | Path | None = None,
    pseudonymised: bool | None = None,
    strict: bool = False,
) -> Dataset:
    """Read a dataset folder (CSV files) or an ``.xlsx`` workbook, check it, pseudonymise it.

    Parameters
    ----------
    path
        A folder holding ``institutions.csv`` and any of the optional tables
        (or a ``datapackage.json`` describing them), or an ``.xlsx``
        workbook whose sheets are named like the tables.
    encoding
        Encoding of the CSV files; by default UTF-8 (with or without BOM) and
        then Windows-1250 are tried.
    pseudonym_key, pseudonym_key_file
        Key of the HMAC that replaces family ids; by default from
        ``KOKON_PSEUDONYM_KEY`` or ``KOKON_PSEUDONYM_KEY_FILE``.
    pseudonymised
        ``True`` if the family ids are pseudonyms already (as in the bundled
        datasets); by default the dataset's own marker decides. Either way, every
        family id must then have a pseudonym's shape, or the dataset is refused.
    strict
        Treat warnings as errors.

    Returns
    -------
    Dataset
        With ``warnings`` holding every warning.

    Raises
    ------
    DatasetError
        Listing every problem found (file, row, column, value, what was
        expected). Nothing is returned half-read.
    PseudonymKeyError
        If the data holds family ids and no key is configured.
    KokonError
        If ``path`` is neither a folder nor a workbook.
    """
    source = read_source(path, encoding=encoding)
    already = source.pseudonymised if pseudonymised is None else pseudonymised
    dataset, errors, warnings = build_dataset(source, pseudonymised=already)
    if errors or (strict and warnings):
        problems = errors + warnings if strict else errors
        raise DatasetError(problems, source=str(path))
    assert dataset is not None
    has_family_ids = any(name in source.tables for name in ("families", "services", "referrals"))
    if has_family_ids and not already:
        key = load_key(pseudonym_key, pseudonym_key_file)
        if key is None:
            where = next(
                source.tables[n].label
                for n in ("families", "services", "referrals")
                if n in source.tables
            )
            raise missing_key_error(f"{source.name}: {where}")
        dataset = pseudonymise_dataset(dataset, pseudonymiser(key))
    return dataset
