"""Reading the raw tables of a dataset: files, encodings, delimiters, workbooks.

Everything here returns strings: typing and checking is ``_validate``'s job.
Each raw table is indexed by the row number a spreadsheet shows (header = 1).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from kokon_graph.errors import KokonError, Problem
from kokon_graph.io.schema import METADATA_SHEET, Table, table_for_name
from kokon_graph.model import normalize_token

__all__ = ["SUPPORTED_ENCODINGS", "RawSource", "RawTable", "read_source"]

#: Encodings tried in this order when none is given (Polish Excel writes cp1250).
SUPPORTED_ENCODINGS = ("utf-8-sig", "cp1250")
_DELIMITERS = (",", ";", "\t")
_WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")


@dataclass
class RawTable:
    """One table as read: all values are stripped strings."""

    spec: Table
    label: str  # "institutions.csv" or "data.xlsx, sheet institutions"
    frame: pd.DataFrame  # columns: canonical names (known) or the header as written (extra)
    headers: dict[str, str]  # column in frame -> header as written in the file

    def header(self, column: str) -> str:
        return self.headers.get(column, column)


@dataclass
class RawSource:
    """What a dataset folder or workbook holds before checking."""

    name: str
    location: str
    tables: dict[str, RawTable] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    metadata: dict[str, Any] = field(default_factory=dict)
    pseudonymised: bool = False


def read_source(path: str | Path, *, encoding: str | None = None) -> RawSource:
    """Read every table of a dataset folder (CSV files) or an XLSX workbook.

    Raises
    ------
    KokonError
        If ``path`` does not exist or is neither a folder nor a workbook.
    """
    p = Path(path)
    if not p.exists():
        raise KokonError(
            f"{str(path)!r} does not exist",
            hint="give a dataset folder of CSV files or an .xlsx workbook",
        )
    if p.is_file() and p.suffix.lower() in _WORKBOOK_SUFFIXES:
        return _read_workbook(p)
    if p.is_dir():
        return _read_folder(p, encoding=encoding)
    raise KokonError(
        f"{str(path)!r} is neither a dataset folder nor an .xlsx workbook",
        hint="give a folder holding institutions.csv (and the other tables) or a workbook "
        "whose sheets are named like the tables",
    )


# --------------------------------------------------------------------------- folders


def _read_folder(folder: Path, *, encoding: str | None) -> RawSource:
    source = RawSource(name=folder.resolve().name, location=str(folder))
    package = folder / "datapackage.json"
    files: dict[str, tuple[Path, str | None, str | None]] = {}
    if package.exists():
        files = _read_datapackage(package, source)
    for csv_path in sorted(folder.glob("*.csv")):
        spec = table_for_name(csv_path.stem)
        if spec is None:
            if not any(f[0] == csv_path for f in files.values()):
                source.problems.append(
                    Problem(
                        csv_path.name,
                        None,
                        None,
                        "not a table of the dataset format and is ignored; table files are "
                        "named institutions.csv, cooperation.csv, ... (see "
                        "docs/dataset-format.md)",
                        "unknown-file",
                        "warning",
                    )
                )
            continue
        if spec.name in files:
            if files[spec.name][0].resolve() != csv_path.resolve():
                source.problems.append(
                    Problem(
                        csv_path.name,
                        None,
                        None,
                        f"ignored: datapackage.json names {files[spec.name][0].name} as "
                        f"the {spec.name} table",
                        "unknown-file",
                        "warning",
                    )
                )
            continue
        files[spec.name] = (csv_path, None, None)
    for name, (file_path, enc, delim) in files.items():
        spec = table_for_name(name)
        assert spec is not None
        raw = _read_csv(
            file_path,
            spec,
            encoding=encoding,
            delimiter=delim,
            problems=source.problems,
            declared_encoding=None if encoding else enc,
        )
        if raw is not None:
            source.tables[spec.name] = raw
    return source


def _read_datapackage(
    package: Path, source: RawSource
) -> dict[str, tuple[Path, str | None, str | None]]:
    """Honour a Frictionless Data Package: resource paths, encodings, delimiters, metadata."""
    label = package.name
    try:
        descriptor = json.loads(package.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
        source.problems.append(
            Problem(label, None, None, f"cannot be read as JSON ({err})", "bad-datapackage")
        )
        return {}
    if not isinstance(descriptor, dict):
        source.problems.append(
            Problem(label, None, None, "must hold a JSON object", "bad-datapackage")
        )
        return {}
    source.pseudonymised = descriptor.get("pseudonymised") is True
    source.metadata = {
        k: v for k, v in descriptor.items() if k not in ("resources", "pseudonymised")
    }
    if isinstance(descriptor.get("name"), str) and descriptor["name"]:
        source.name = descriptor["name"]
    files: dict[str, tuple[Path, str | None, str | None]] = {}
    resources = descriptor.get("resources", [])
    if not isinstance(resources, list):
        source.problems.append(
            Problem(label, None, "resources", "must be a list of resources", "bad-datapackage")
        )
        return {}
    for i, resource in enumerate(resources, start=1):
        if not isinstance(resource, dict):
            continue
        name = str(resource.get("name", ""))
        rel = resource.get("path")
        if isinstance(rel, list):  # a resource may be split into several files; take one
            rel = rel[0] if len(rel) == 1 else None
        spec = table_for_name(name) or (table_for_name(Path(str(rel)).stem) if rel else None)
        if spec is None:
            source.problems.append(
                Problem(
                    label,
                    None,
                    f"resources[{i}]",
                    f"resource {name!r} is not a table of the dataset format and is ignored",
                    "unknown-file",
                    "warning",
                )
            )
            continue
        if not isinstance(rel, str) or not rel:
            source.problems.append(
                Problem(
                    label,
                    None,
                    f"resources[{i}].path",
                    f"resource {name!r} needs one local file path",
                    "bad-datapackage",
                )
            )
            continue
        if "://" in rel or Path(rel).is_absolute() or ".." in Path(rel).parts:
            source.problems.append(
                Problem(
                    label,
                    None,
                    f"resources[{i}].path",
                    f"resource {name!r}: only relative paths inside the dataset folder are read",
                    "bad-datapackage",
                )
            )
            continue
        path = package.parent / rel
        if not path.exists():
            source.problems.append(
                Problem(
                    label,
                    None,
                    f"resources[{i}].path",
                    f"resource {name!r}: file {rel!r} does not exist",
                    "missing-file",
                )
            )
            continue
        dialect = resource.get("dialect") if isinstance(resource.get("dialect"), dict) else {}
        delimiter = dialect.get("delimiter") if isinstance(dialect, dict) else None
        enc = resource.get("encoding")
        files[spec.name] = (
            path,
            enc if isinstance(enc, str) else None,
            delimiter if isinstance(delimiter, str) else None,
        )
    return files


def _decode(data: bytes, label: str, encoding: str | None) -> tuple[str, str] | Problem:
    """Decode file bytes; with no encoding given, UTF-8 (with or without BOM), then cp1250."""
    candidates = (encoding,) if encoding else SUPPORTED_ENCODINGS
    last: UnicodeDecodeError | None = None
    for enc in candidates:
        try:
            return data.decode(enc), enc
        except UnicodeDecodeError as err:
            last = err
        except LookupError:
            return Problem(label, None, None, f"unknown encoding {encoding!r}", "bad-encoding")
    assert last is not None
    line = data[: last.start].count(b"\n") + 1
    tried = " or ".join(candidates)
    hint = (
        "Try --encoding=cp1250"
        if encoding and encoding.lower().startswith("utf")
        else ("Save the file as UTF-8 (in Excel: CSV UTF-8) or give --encoding")
    )
    return Problem(
        label,
        line,
        None,
        f"cannot be decoded as {tried} (byte 0x{data[last.start]:02x}). {hint}",
        "bad-encoding",
    )


def _sniff_delimiter(header_line: str) -> str:
    counts = dict.fromkeys(_DELIMITERS, 0)
    quoted = False
    for ch in header_line:
        if ch == '"':
            quoted = not quoted
        elif not quoted and ch in counts:
            counts[ch] += 1
    best = max(_DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


_LINE_IN_MESSAGE = re.compile(r"line (\d+)")


def _read_csv(
    path: Path,
    spec: Table,
    *,
    encoding: str | None,
    delimiter: str | None,
    problems: list[Problem],
    declared_encoding: str | None = None,
) -> RawTable | None:
    """Read one CSV file.

    ``encoding`` (given by the user) is obeyed; ``declared_encoding`` and
    ``delimiter`` (declared by datapackage.json) are checked against the file,
    which is trusted, with a warning, where they disagree (as after re-saving
    the file in Excel).
    """
    label = path.name
    try:
        data = path.read_bytes()
    except OSError as err:
        problems.append(
            Problem(label, None, None, f"cannot be read: {err.strerror}", "unreadable-file")
        )
        return None
    decoded = _decode(data, label, encoding or declared_encoding)
    if isinstance(decoded, Problem) and declared_encoding and not encoding:
        found = _decode(data, label, None)
        if not isinstance(found, Problem):
            problems.append(_mismatch(label, "encoding", declared_encoding, found[1]))
            decoded = found
    if isinstance(decoded, Problem):
        problems.append(decoded)
        return None
    text, _ = decoded
    if text.startswith("\ufeff"):
        text = text[1:]
    first_line = text.split("\n", 1)[0]
    if not first_line.strip():
        problems.append(
            Problem(
                label,
                1,
                None,
                "the file is empty or its first row (the header) is blank",
                "empty-file",
            )
        )
        return None
    sep = delimiter or _sniff_delimiter(first_line)
    if delimiter and delimiter not in first_line:
        sniffed = _sniff_delimiter(first_line)
        if sniffed in first_line:
            problems.append(_mismatch(label, "delimiter", delimiter, sniffed))
            sep = sniffed
    frame = _parse_fast(text, sep)
    if frame is None:
        try:
            frame = pd.read_csv(
                io.StringIO(text),
                sep=sep,
                header=None,
                dtype=str,
                keep_default_na=False,
                skip_blank_lines=False,
                engine="c",
                quoting=csv.QUOTE_MINIMAL,
            )
        except pd.errors.ParserError as err:
            match = _LINE_IN_MESSAGE.search(str(err))
            row = int(match.group(1)) if match else None
            problems.append(
                Problem(
                    label,
                    row,
                    None,
                    f"has a different number of fields than the header (delimiter {sep!r}); "
                    "check for an unquoted delimiter inside a value",
                    "bad-row",
                )
            )
            return None
        except pd.errors.EmptyDataError:
            problems.append(Problem(label, 1, None, "the file is empty", "empty-file"))
            return None
    frame = frame.fillna("")
    header = [str(h) for h in frame.iloc[0].tolist()]
    body = frame.iloc[1:]
    body.index = pd.RangeIndex(2, 2 + len(body))
    return _make_raw(spec, label, header, body, problems)


_ENCODING_NAMES = {"utf-8-sig": "UTF-8", "cp1250": "Windows-1250 (cp1250)"}


def _mismatch(label: str, what: str, declared: str, found: str) -> Problem:
    """The warning for a file that is not what datapackage.json says it is."""
    if what == "encoding":
        looks, read = (
            f"is {_ENCODING_NAMES.get(found, found)}",
            f"as {_ENCODING_NAMES.get(found, found)}",
        )
    else:
        looks, read = f"is separated by {found!r}", f"with {found!r}"
    fix = (
        f'"encoding": "{"utf-8" if found == "utf-8-sig" else found}"'
        if what == "encoding"
        else f'"dialect": {{"delimiter": "{found}"}}'
    )
    return Problem(
        label,
        None,
        None,
        f"datapackage.json declares {what} {declared!r}, but the file {looks} "
        f"(as after re-saving it in Excel); read {read}. Correct the resource in "
        f"datapackage.json ({fix}) or delete its {what}",
        "datapackage-mismatch",
        "warning",
    )


_BLANK_LINE = re.compile(r"\n[ \t]*\r?\n")


def _parse_fast(text: str, sep: str) -> pd.DataFrame | None:
    """Parse with pyarrow's multithreaded reader (about 8x faster than the C engine).

    It skips blank lines, which would shift the row numbers in messages, and it
    reports malformed rows without a usable line number: in both cases ``None``
    is returned and the caller uses pandas' C engine.
    """
    if _BLANK_LINE.search(text):
        return None
    try:
        import pyarrow  # noqa: F401
    except ImportError:  # pragma: no cover - pyarrow is a dependency
        return None
    try:
        return pd.read_csv(
            io.BytesIO(text.encode("utf-8")),
            sep=sep,
            header=None,
            dtype=str,
            keep_default_na=False,
            engine="pyarrow",
        )
    except Exception:  # noqa: BLE001 - any failure: the careful parser reports it
        return None


# --------------------------------------------------------------------------- workbooks


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)


def _read_workbook(path: Path) -> RawSource:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    source = RawSource(name=path.stem, location=str(path))
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, OSError, KeyError, ValueError) as err:
        raise KokonError(
            f"{path.name} cannot be opened as an .xlsx workbook ({err})",
            hint="save it from Excel or LibreOffice as .xlsx",
        ) from err
    try:
        for sheet in workbook.worksheets:
            label = f"{path.name}, sheet {sheet.title}"
            spec = table_for_name(sheet.title)
            if normalize_token(sheet.title) == METADATA_SHEET:
                _read_metadata_sheet(sheet, source)
                continue
            if spec is None:
                if normalize_token(sheet.title) not in ("readme", "info", "opis"):
                    source.problems.append(
                        Problem(
                            label,
                            None,
                            None,
                            "not a table of the dataset format and is ignored",
                            "unknown-file",
                            "warning",
                        )
                    )
                continue
            if spec.name in source.tables:
                source.problems.append(
                    Problem(
                        label,
                        None,
                        None,
                        f"a second {spec.name} sheet; only the first is read",
                        "unknown-file",
                        "warning",
                    )
                )
                continue
            rows = [[_cell_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]
            if not rows or not any(v.strip() for v in rows[0]):
                source.problems.append(
                    Problem(label, 1, None, "the first row (the header) is blank", "empty-file")
                )
                continue
            width = max(len(r) for r in rows)
            rows = [r + [""] * (width - len(r)) for r in rows]
            body = pd.DataFrame(rows[1:], columns=range(width), dtype=str)
            body.index = pd.RangeIndex(2, 2 + len(body))
            raw = _make_raw(spec, label, rows[0], body, source.problems)
            if raw is not None:
                source.tables[spec.name] = raw
        props = workbook.properties
        if props is not None and props.title:
            source.metadata.setdefault("title", props.title)
    finally:
        workbook.close()
    return source


def _read_metadata_sheet(sheet: Any, source: RawSource) -> None:
    for row in sheet.iter_rows(min_row=2, values_only=True):
        if len(row) < 2 or row[0] is None:
            continue
        key, value = str(row[0]).strip(), _cell_text(row[1]).strip()
        if key == "pseudonymised":
            source.pseudonymised = value.lower() in ("true", "tak", "yes", "1")
        elif key == "name" and value:
            source.name = value
        elif key and value:
            source.metadata[key] = value


# --------------------------------------------------------------------------- headers


def _make_raw(
    spec: Table, label: str, header: list[str], body: pd.DataFrame, problems: list[Problem]
) -> RawTable | None:
    body = body.apply(lambda col: col.str.strip())
    blank_rows = (body == "").all(axis=1)
    body = body.loc[~blank_rows]
    known: dict[str, str] = {}
    for col in spec.columns:
        for spelling in (col.name, *col.aliases):
            known.setdefault(normalize_token(spelling), col.name)
    names: list[str] = []
    headers: dict[str, str] = {}
    keep: list[int] = []
    ok = True
    for position, written in enumerate(header):
        written = written.strip().lstrip("\ufeff")
        column_letter = _column_letter(position)
        if not written:
            if (body.iloc[:, position] != "").any():
                problems.append(
                    Problem(
                        label,
                        1,
                        f"column {column_letter}",
                        "has values but no header",
                        "missing-header",
                    )
                )
                ok = False
            continue
        name = known.get(normalize_token(written), written)
        if name in headers:
            problems.append(
                Problem(
                    label,
                    1,
                    written,
                    f"appears twice (also as {headers[name]!r})",
                    "duplicate-column",
                )
            )
            ok = False
            continue
        headers[name] = written
        names.append(name)
        keep.append(position)
    missing = [c.name for c in spec.columns if c.required and c.name not in headers]
    for name in missing:
        problems.append(
            Problem(
                label,
                1,
                name,
                f"required column is missing; the {spec.name} table needs "
                f"{', '.join(c.name for c in spec.columns if c.required)}",
                "missing-column",
            )
        )
    if missing or not ok:
        return None
    frame = body.iloc[:, keep].copy()
    frame.columns = pd.Index(names)
    return RawTable(spec, label, frame, headers)


def _column_letter(position: int) -> str:
    letters = ""
    n = position + 1
    while n:
        n, rem = divmod(n - 1, 26)
        letters = chr(65 + rem) + letters
    return letters
