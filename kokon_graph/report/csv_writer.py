"""The report as CSV files, one per result, that Excel (Polish too) opens correctly.

Files are UTF-8 with a byte-order mark, which is how Excel recognises UTF-8
(Polish letters survive). With ``delimiter=";"`` the decimal sign is a comma,
as Polish Excel expects; with the default ``","`` it is a point, as R and
pandas expect. Headers and vocabulary values are the analysis' own codes, so
the files are stable to script against; ``columns.csv`` explains every column
in the chosen language. Family counts below the threshold are ``"<3"``.

A text cell beginning with ``=``, ``+``, ``-`` or ``@`` gets a leading ``'`` so
that a spreadsheet never runs it as a formula.
"""

from __future__ import annotations

import csv
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Final, Literal

import numpy as np
import pandas as pd

from kokon_graph._text import neutralise_formula as _text
from kokon_graph._text import neutralise_formulas
from kokon_graph.errors import ReportError
from kokon_graph.model import Lang
from kokon_graph.report._docs import column_text
from kokon_graph.report._text import result_title
from kokon_graph.report.suppress import suppress_result

__all__ = ["CSV_ENCODING", "write_csv", "write_frames", "write_result_files"]

#: UTF-8 with a byte-order mark.
CSV_ENCODING: Final = "utf-8-sig"


def _cell(value: Any, decimal: str) -> str:
    if value is None or value is pd.NA or value is pd.NaT:
        return ""
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if value != value:
            return ""
        text = repr(value)
        return text.replace(".", decimal) if decimal != "." else text
    if isinstance(value, int):
        return str(value)
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    if isinstance(value, tuple | list):
        return _text("|".join(map(str, value)))
    return _text(str(value))


def _write(path: Path, header: list[str], rows: Any, delimiter: str) -> None:
    with path.open("w", encoding=CSV_ENCODING, newline="") as fh:
        writer = csv.writer(fh, delimiter=delimiter, lineterminator="\r\n")
        writer.writerow(header)
        writer.writerows(rows)


def write_csv(
    results: Mapping[str, pd.DataFrame],
    out_dir: str | Path,
    *,
    min_count: int = 3,
    delimiter: Literal[",", ";"] = ",",
    lang: Lang = "pl",
    guide: bool = True,
) -> dict[str, Path]:
    """Write each result to ``out_dir/<result>.csv`` (and the column guide to ``columns.csv``).

    Parameters
    ----------
    results
        ``{result name: DataFrame}``.
    out_dir
        An existing folder.
    min_count
        Family counts below this show as ``"<min_count"``.
    delimiter
        ``","`` (decimal point) or ``";"`` (decimal comma, for Polish Excel).
    lang
        Language of ``columns.csv``.
    guide
        Write ``columns.csv``.

    Returns
    -------
    dict
        ``{result name: path}`` of every file written (``"columns"`` for the guide).
    """
    if delimiter not in (",", ";"):
        raise ReportError(
            f"delimiter must be ',' or ';', not {delimiter!r}",
            hint="';' writes decimal commas too, for Polish Excel",
        )
    decimal = "," if delimiter == ";" else "."
    out = Path(out_dir)
    written: dict[str, Path] = {}
    entries: list[list[str]] = []
    for name, frame in results.items():
        shown = suppress_result(name, frame, min_count=min_count)
        path = out / f"{name}.csv"
        header = [str(c) for c in shown.columns]
        rows = (
            [_cell(v, decimal) for v in record]
            for record in shown.itertuples(index=False, name=None)
        )
        _write(path, header, rows, delimiter)
        written[name] = path
        for column in header:
            text = column_text(name, column, lang)
            entries.append(
                [
                    name,
                    result_title(name, lang),
                    column,
                    text.label,
                    text.description,
                    text.reference,
                ]
            )
    if guide:
        path = out / "columns.csv"
        _write(
            path,
            ["result", "result_label", "column", "label", "description", "reference"],
            entries,
            delimiter,
        )
        written["columns"] = path
    return written


def write_result_files(
    results: Mapping[str, pd.DataFrame], out_dir: str | Path, *, raw: bool = False
) -> list[Path]:
    """Write each analysis result as ``<name>.csv`` in ``out_dir`` (created if missing).

    The files ``kokon-graph analyze`` writes: UTF-8 CSV (RFC 4180, text quoted where
    needed, booleans ``true``/``false``, missing values empty), the numbers as computed,
    written with Arrow's C++ writer (10x faster than ``DataFrame.to_csv`` on national
    results). Results in registry order, an optional one where present. Unless ``raw``,
    a text cell beginning with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets
    a leading ``'`` (a spreadsheet never runs it as a formula).

    Raises
    ------
    kokon_graph.errors.KokonError
        If the folder cannot be written.
    """
    from kokon_graph.analysis.results import analysis_results

    # every result always computed, and the optional ones that were asked for
    return write_frames(
        {r.name: results[r.name] for r in analysis_results(results)}, out_dir, raw=raw
    )


def write_frames(
    frames: Mapping[str, pd.DataFrame], out_dir: str | Path, *, raw: bool = False
) -> list[Path]:
    """Write each frame as ``<name>.csv`` in ``out_dir`` (created if missing), in the form of
    :func:`write_result_files` (also used for the tables of ``kokon-graph test``).

    Raises
    ------
    kokon_graph.errors.KokonError
        If the folder cannot be written.
    """
    import pyarrow as pa
    import pyarrow.csv as pcsv

    from kokon_graph._output import staged_folder

    out = Path(out_dir)
    with staged_folder(out) as stage:
        for name, frame in frames.items():
            table = pa.Table.from_pandas(
                frame if raw else neutralise_formulas(frame), preserve_index=False
            )
            pcsv.write_csv(
                table,
                stage / f"{name}.csv",
                write_options=pcsv.WriteOptions(quoting_style="needed"),
            )
    return [out / f"{name}.csv" for name in frames]
