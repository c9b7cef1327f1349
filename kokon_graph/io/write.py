"""Writing a :class:`Dataset` back as a folder of CSV files or an XLSX workbook.

What is written reads back to an equal dataset (tested), with families
marked as already pseudonymised in ``datapackage.json``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pandas as pd

from kokon_graph.io.dataset import Dataset
from kokon_graph.io.schema import LIST_SEPARATOR, METADATA_SHEET, TABLES, Table

__all__ = ["datapackage_descriptor", "table_to_text", "write_dataset", "write_workbook"]


def table_to_text(frame: pd.DataFrame, spec: Table) -> pd.DataFrame:
    """The table as strings in the dataset format (ISO dates, ``|`` lists, true/false).

    Columns marked ``omit_when_empty`` are left out when no row has a value.
    """
    out = pd.DataFrame(index=frame.index)
    for name in frame.columns:
        col = frame[name]
        if name in spec.column_names and spec.column(name).omit_when_empty and not _has_value(col):
            continue
        kind = spec.column(name).kind if name in spec.column_names else "str"
        if kind == "date":
            out[name] = col.dt.strftime("%Y-%m-%d").fillna("")
        elif kind == "list":
            out[name] = col.map(lambda v: LIST_SEPARATOR.join(v) if v else "")
        elif kind == "bool":
            out[name] = col.map(lambda v: "true" if v else "false")
        elif kind == "int":
            out[name] = col.astype("string").fillna("")
        elif kind == "float":
            out[name] = col.map(lambda v: "" if pd.isna(v) else repr(float(v)))
        else:
            out[name] = col.fillna("").astype(str)
    return out


def _has_value(col: pd.Series) -> bool:
    if pd.api.types.is_bool_dtype(col):
        return bool(col.any())
    return bool((col.notna() & (col.astype(str) != "")).any())


def datapackage_descriptor(dataset: Dataset, resources: list[dict[str, Any]]) -> dict[str, Any]:
    """A Frictionless Data Package descriptor for a written dataset."""
    descriptor: dict[str, Any] = {
        "name": dataset.name or "kokon-dataset",
        "profile": "tabular-data-package",
        "pseudonymised": True,
    }
    for key, value in dataset.metadata.items():
        if key not in descriptor and isinstance(value, str | int | float | bool | list | dict):
            descriptor[key] = value
    descriptor["resources"] = resources
    return descriptor


def write_dataset(
    dataset: Dataset,
    folder: str | Path,
    *,
    encoding: str = "utf-8",
    delimiter: str = ",",
    include_empty: bool = False,
) -> Path:
    """Write every (non-empty) table as ``<table>.csv`` plus ``datapackage.json``.

    Parameters
    ----------
    dataset
        What to write. Family ids are written as they are in the dataset
        (pseudonyms), and the package is marked ``"pseudonymised": true``.
    folder
        Created if missing; existing table files are overwritten.
    encoding, delimiter
        ``"cp1250"`` and ``";"`` give what Polish Excel writes.
    include_empty
        Also write tables that have no rows.

    Returns
    -------
    The folder.
    """
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    resources = []
    for spec in TABLES:
        frame = dataset.table(spec.name)
        if frame.empty and not include_empty and spec.name != "institutions":
            continue
        path = out / f"{spec.name}.csv"
        table_to_text(frame, spec).to_csv(
            path, index=False, encoding=encoding, sep=delimiter, lineterminator="\n"
        )
        resources.append(
            {
                "name": spec.name,
                "path": path.name,
                "profile": "tabular-data-resource",
                "format": "csv",
                "encoding": encoding,
                "dialect": {"delimiter": delimiter},
            }
        )
    descriptor = datapackage_descriptor(dataset, resources)
    (out / "datapackage.json").write_text(
        json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    return out


def write_workbook(dataset: Dataset, path: str | Path) -> Path:
    """Write every non-empty table as a sheet of one ``.xlsx`` workbook.

    TERYT codes and ids are written as text so that Excel keeps leading zeros.
    A ``metadata`` sheet (key, value) marks the families as pseudonymised.
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    with pd.ExcelWriter(target, engine="openpyxl") as writer:
        for spec in TABLES:
            frame = dataset.table(spec.name)
            if frame.empty and spec.name != "institutions":
                continue
            table_to_text(frame, spec).to_excel(writer, sheet_name=spec.name, index=False)
        meta = pd.DataFrame({"key": ["name", "pseudonymised"], "value": [dataset.name, "true"]})
        meta.to_excel(writer, sheet_name=METADATA_SHEET, index=False)
    return target
