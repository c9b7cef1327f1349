"""Reading the raw tables of a dataset: files, encodings, delimiters, workbooks.

Everything here returns strings: typing and checking is ``_validate``'s job.
Each raw table is indexed by the row number a spreadsheet shows (header = 1).
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import json
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

import numpy as np
import pandas as pd

from kokon_graph._text import CONTROL_CHARACTERS, may_hold_controls_utf8
from kokon_graph.errors import KokonError, Problem
from kokon_graph.io._workbook import (
    SheetScan,
    check_container,
    formula_cells,
    scan_archive,
    split_ref,
)
from kokon_graph.io.schema import METADATA_SHEET, Table, table_for_name
from kokon_graph.lang import tr
from kokon_graph.model import normalize_token

__all__ = [
    "MAX_COLUMNS",
    "SUPPORTED_ENCODINGS",
    "RawSource",
    "RawTable",
    "read_source",
]

#: Encodings tried in this order when none is given (Polish Excel writes cp1250);
#: a file starting with a UTF-16 byte order mark (Excel's "Unicode text") is UTF-16.
SUPPORTED_ENCODINGS = ("utf-8-sig", "cp1250")
_DELIMITERS = (",", ";", "\t")
#: ``.xls`` is listed so that an old workbook gets a message saying what to do.
_WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls")
#: Most columns a table may have (its own columns and the extra ones kept).
MAX_COLUMNS = 500
#: Letters and punctuation of Polish or English text beyond ASCII: a line holding
#: them that decodes as UTF-8 shows the file is UTF-8.
_LATIN_TEXT = re.compile("[\u00a0-\u017f\u2010-\u20ac]")


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
            tr(f"{str(path)!r} nie istnieje", f"{str(path)!r} does not exist"),
            hint=tr(
                "podaj folder zbioru danych z plikami CSV albo skoroszyt .xlsx",
                "give a dataset folder of CSV files or an .xlsx workbook",
            ),
        )
    if p.is_file() and p.suffix.lower() in _WORKBOOK_SUFFIXES:
        return _check_metadata(
            _read_workbook(p),
            tr(f"{p.name}, arkusz {METADATA_SHEET}", f"{p.name}, sheet {METADATA_SHEET}"),
        )
    if p.is_dir():
        return _check_metadata(_read_folder(p, encoding=encoding), "datapackage.json")
    raise KokonError(
        tr(
            f"{str(path)!r} to ani folder zbioru danych, ani skoroszyt .xlsx",
            f"{str(path)!r} is neither a dataset folder nor an .xlsx workbook",
        ),
        hint=tr(
            "podaj folder z institutions.csv (i innymi tabelami) albo skoroszyt, którego "
            "arkusze nazywają się jak tabele",
            "give a folder holding institutions.csv (and the other tables) or a workbook "
            "whose sheets are named like the tables",
        ),
    )


def _check_metadata(source: RawSource, label: str) -> RawSource:
    """The name and metadata are printed and written too: no control character in them."""
    texts = {"name": source.name, **source.metadata}
    for key, value in texts.items():
        match = CONTROL_CHARACTERS.search(value) if isinstance(value, str) else None
        if match:
            source.problems.append(_control_problem(label, None, key, match.group()))
    return source


def _control_problem(label: str, row: int | None, column: str, char: str) -> Problem:
    return Problem(
        label,
        row,
        column,
        tr(
            f"zawiera niewidoczny znak sterujący (U+{ord(char):04X}), którego człowiek nie "
            "widzi, a który psuje eksporty i terminale; usuń go",
            f"holds an invisible control character (U+{ord(char):04X}) that a person does "
            "not see and that breaks exports and terminals; remove it",
        ),
        "control-character",
    )


# --------------------------------------------------------------------------- folders


def _read_folder(folder: Path, *, encoding: str | None) -> RawSource:
    source = RawSource(name=folder.resolve().name, location=str(folder))
    package = folder / "datapackage.json"
    files: dict[str, tuple[Path, str | None, str | None]] = {}
    if package.exists():
        files = _read_datapackage(package, source)
    found: dict[str, Path] = {}
    csv_paths = sorted(
        p for p in folder.iterdir() if p.suffix.lower() == ".csv" and not p.name.startswith(".")
    )
    for csv_path in csv_paths:
        spec = table_for_name(csv_path.stem)
        if spec is None:
            if not any(f[0] == csv_path for f in files.values()):
                source.problems.append(
                    Problem(
                        csv_path.name,
                        None,
                        None,
                        tr(
                            "to nie tabela formatu zbioru danych, więc jest pomijana; pliki "
                            "tabel nazywają się institutions.csv, cooperation.csv, ... (zob. "
                            "docs/dataset-format.md)",
                            "not a table of the dataset format and is ignored; table files are "
                            "named institutions.csv, cooperation.csv, ... (see "
                            "docs/dataset-format.md)",
                        ),
                        "unknown-file",
                        "warning",
                    )
                )
            continue
        if spec.name in found:
            source.problems.append(
                Problem(
                    csv_path.name,
                    None,
                    None,
                    tr(
                        f"drugi plik tej samej tabeli (jest też {found[spec.name].name}); "
                        "zostaw jeden plik na tabelę",
                        f"a second file for the {spec.name} table (also "
                        f"{found[spec.name].name}); keep one file per table",
                    ),
                    "duplicate-table",
                )
            )
            continue
        found[spec.name] = csv_path
        if spec.name in files:
            if files[spec.name][0].resolve() != csv_path.resolve():
                source.problems.append(
                    Problem(
                        csv_path.name,
                        None,
                        None,
                        tr(
                            f"pominięty: datapackage.json wskazuje dla tej tabeli plik "
                            f"{files[spec.name][0].name}",
                            f"ignored: datapackage.json names {files[spec.name][0].name} as "
                            f"the {spec.name} table",
                        ),
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
            Problem(
                label,
                None,
                None,
                tr(f"nie da się odczytać jako JSON ({err})", f"cannot be read as JSON ({err})"),
                "bad-datapackage",
            )
        )
        return {}
    if not isinstance(descriptor, dict):
        source.problems.append(
            Problem(
                label,
                None,
                None,
                tr("musi zawierać obiekt JSON", "must hold a JSON object"),
                "bad-datapackage",
            )
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
            Problem(
                label,
                None,
                "resources",
                tr("musi być listą zasobów", "must be a list of resources"),
                "bad-datapackage",
            )
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
                    tr(
                        f"zasób {name!r} to nie tabela formatu zbioru danych, więc jest pomijany",
                        f"resource {name!r} is not a table of the dataset format and is ignored",
                    ),
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
                    tr(
                        f"zasób {name!r} potrzebuje jednej ścieżki do pliku lokalnego",
                        f"resource {name!r} needs one local file path",
                    ),
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
                    tr(
                        f"zasób {name!r}: czytane są tylko ścieżki względne wewnątrz folderu "
                        "zbioru danych",
                        f"resource {name!r}: only relative paths inside the dataset folder are "
                        "read",
                    ),
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
                    tr(
                        f"zasób {name!r}: plik {rel!r} nie istnieje",
                        f"resource {name!r}: file {rel!r} does not exist",
                    ),
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


def _decode(data: bytes, label: str, encoding: str | None) -> tuple[str, str] | list[Problem]:
    """Decode file bytes the way a person's editor shows them, or say why not.

    With no encoding given: UTF-16 when the file says so (a byte order mark, or
    every other byte zero), else UTF-8 (with or without BOM), else Windows-1250.
    A file whose lines are partly UTF-8 and partly Windows-1250 is refused line
    by line: decoding it either way would garble the Polish letters of the others.
    """
    if encoding:
        try:
            return data.decode(encoding), encoding
        except LookupError:
            return [
                Problem(
                    label,
                    None,
                    None,
                    tr(f"nieznane kodowanie {encoding!r}", f"unknown encoding {encoding!r}"),
                    "bad-encoding",
                )
            ]
        except UnicodeDecodeError as err:
            hint = (
                tr("Spróbuj --encoding=cp1250", "Try --encoding=cp1250")
                if encoding.lower().startswith("utf")
                else tr(
                    "Zapisz plik jako UTF-8 (w Excelu: CSV UTF-8) albo podaj inne --encoding",
                    "Save the file as UTF-8 (in Excel: CSV UTF-8) or give another --encoding",
                )
            )
            return [_undecodable(data, label, encoding, err, hint)]
    utf16 = _utf16_codec(data)
    if utf16:
        try:
            return data.decode(utf16), utf16
        except UnicodeDecodeError as err:
            return [
                _undecodable(
                    data,
                    label,
                    "UTF-16",
                    err,
                    tr("Zapisz plik jako UTF-8", "Save the file as UTF-8"),
                )
            ]
    try:
        return data.decode("utf-8-sig"), "utf-8-sig"
    except UnicodeDecodeError:
        pass
    not_utf8 = _lines_not_utf8(data)
    if not_utf8:
        return [
            Problem(
                label,
                line,
                None,
                tr(
                    "ten wiersz nie jest w UTF-8 (wygląda na Windows-1250, wklejony z innego "
                    "pliku), a reszta pliku jest w UTF-8; odczytany którymkolwiek sposobem, "
                    "zniekształciłby część polskich liter. Zapisz plik ponownie jako UTF-8 (w "
                    "Excelu: CSV UTF-8) albo wpisz ten wiersz od nowa",
                    "this line is not UTF-8 (it looks like Windows-1250, pasted from another "
                    "file) while the rest of the file is UTF-8; read either way, some Polish "
                    "letters would be garbled. Save the file again as UTF-8 (in Excel: CSV "
                    "UTF-8) or retype the line",
                ),
                "mixed-encoding",
            )
            for line in not_utf8
        ]
    try:
        return data.decode("cp1250"), "cp1250"
    except UnicodeDecodeError as err:
        return [
            _undecodable(
                data,
                label,
                tr(" ani ", " or ").join(SUPPORTED_ENCODINGS),
                err,
                tr(
                    "Zapisz plik jako UTF-8 (w Excelu: CSV UTF-8) albo podaj --encoding",
                    "Save the file as UTF-8 (in Excel: CSV UTF-8) or give --encoding",
                ),
            )
        ]


def _undecodable(
    data: bytes, label: str, tried: str, err: UnicodeDecodeError, hint: str
) -> Problem:
    line = data[: err.start].count(b"\n") + 1
    return Problem(
        label,
        line,
        None,
        tr(
            f"nie da się odczytać jako {tried} (bajt 0x{data[err.start]:02x}). {hint}",
            f"cannot be decoded as {tried} (byte 0x{data[err.start]:02x}). {hint}",
        ),
        "bad-encoding",
    )


def _utf16_codec(data: bytes) -> str | None:
    """``"utf-16"``/``"utf-32"`` for a file with such a byte order mark, the UTF-16 variant
    for one where every other byte is zero, else ``None``."""
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return "utf-32"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    sample = data[:4096]
    if len(sample) < 4 or b"\x00" not in sample:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) >= len(odd) // 2 and even.count(0) <= len(even) // 20:
        return "utf-16-le"
    if even.count(0) >= len(even) // 2 and odd.count(0) <= len(odd) // 20:
        return "utf-16-be"
    return None


def _lines_not_utf8(data: bytes) -> list[int]:
    """Numbers of the lines that are not UTF-8 when other lines evidently are; else ``[]``."""
    evidence = data.startswith(codecs.BOM_UTF8)
    bad: list[int] = []
    for number, line in enumerate(data.split(b"\n"), start=1):
        if line.isascii():
            continue
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError:
            bad.append(number)
            continue
        evidence = evidence or bool(_LATIN_TEXT.search(text))
    return bad if evidence else []


def _delimiter_counts(header_line: str) -> dict[str, int]:
    counts = dict.fromkeys(_DELIMITERS, 0)
    quoted = False
    for ch in header_line:
        if ch == '"':
            quoted = not quoted
        elif not quoted and ch in counts:
            counts[ch] += 1
    return counts


def _sniff_delimiter(header_line: str) -> str:
    counts = _delimiter_counts(header_line)
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
            Problem(
                label,
                None,
                None,
                tr(f"nie da się odczytać: {err.strerror}", f"cannot be read: {err.strerror}"),
                "unreadable-file",
            )
        )
        return None
    decoded = _decode(data, label, encoding or declared_encoding)
    if isinstance(decoded, list) and declared_encoding and not encoding:
        found = _decode(data, label, None)
        if not isinstance(found, list):
            problems.append(_mismatch(label, "encoding", declared_encoding, found[1]))
            decoded = found
    if isinstance(decoded, list):
        problems.extend(decoded)
        return None
    text, used = decoded
    if text.startswith("\ufeff"):
        text = text[1:]
    line_end = text.find("\n")
    first_line = text if line_end < 0 else text[:line_end]
    if not first_line.strip():
        problems.append(
            Problem(
                label,
                1,
                None,
                tr(
                    "plik jest pusty albo jego pierwszy wiersz (nagłówek) jest pusty",
                    "the file is empty or its first row (the header) is blank",
                ),
                "empty-file",
            )
        )
        return None
    sep = delimiter or _sniff_delimiter(first_line)
    width = _delimiter_counts(first_line)[sep] + 1 if sep in _DELIMITERS else 1
    if width > MAX_COLUMNS:
        problems.append(_too_wide(label, width))
        return None
    if delimiter and delimiter not in first_line:
        sniffed = _sniff_delimiter(first_line)
        if sniffed in first_line:
            problems.append(_mismatch(label, "delimiter", delimiter, sniffed))
            sep = sniffed
    frame = _parse_fast(text, sep, _utf8_bytes(data, used))
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
                    tr(
                        f"ma inną liczbę pól niż nagłówek (separator {sep!r}); sprawdź, czy "
                        "w jakiejś wartości nie ma separatora bez cudzysłowu",
                        f"has a different number of fields than the header (delimiter "
                        f"{sep!r}); check for an unquoted delimiter inside a value",
                    ),
                    "bad-row",
                )
            )
            return None
        except pd.errors.EmptyDataError:
            problems.append(
                Problem(label, 1, None, tr("plik jest pusty", "the file is empty"), "empty-file")
            )
            return None
    frame = frame.fillna("")
    header = [str(h) for h in frame.iloc[0].tolist()]
    body = frame.iloc[1:]
    body.index = pd.RangeIndex(2, 2 + len(body))
    if used.startswith("utf-8"):
        suspect = may_hold_controls_utf8(data[3:] if data.startswith(codecs.BOM_UTF8) else data)
    else:
        suspect = CONTROL_CHARACTERS.search(text) is not None
    return _make_raw(spec, label, header, body, problems, suspect=suspect)


def _too_wide(label: str, width: int) -> Problem:
    return Problem(
        label,
        1,
        None,
        tr(
            f"ma kolumn: {width}; tabela ma ich najwyżej {MAX_COLUMNS} (własne kolumny i kilka "
            "dodatkowych). Czy to tabela formatu zbioru danych, czy może jest obrócona?",
            f"has {width} columns; a table has at most {MAX_COLUMNS} (its own columns and a "
            "few extra ones). Is it a table of the dataset format, or was it transposed?",
        ),
        "too-many-columns",
    )


_ENCODING_NAMES = {"utf-8-sig": "UTF-8", "cp1250": "Windows-1250 (cp1250)"}


def _mismatch(label: str, what: str, declared: str, found: str) -> Problem:
    """The warning for a file that is not what datapackage.json says it is."""
    if what == "encoding":
        looks, read = (
            tr(
                f"jest w {_ENCODING_NAMES.get(found, found)}",
                f"is {_ENCODING_NAMES.get(found, found)}",
            ),
            tr(
                f"jako {_ENCODING_NAMES.get(found, found)}",
                f"as {_ENCODING_NAMES.get(found, found)}",
            ),
        )
    else:
        looks = tr(f"ma separator {found!r}", f"is separated by {found!r}")
        read = tr(f"z separatorem {found!r}", f"with {found!r}")
    what_pl = {"encoding": "kodowanie", "delimiter": "separator"}.get(what, what)
    fix = (
        f'"encoding": "{"utf-8" if found == "utf-8-sig" else found}"'
        if what == "encoding"
        else f'"dialect": {{"delimiter": "{found}"}}'
    )
    return Problem(
        label,
        None,
        None,
        tr(
            f"datapackage.json deklaruje {what_pl} {declared!r}, ale plik {looks} (jak po "
            f"ponownym zapisaniu w Excelu); odczytano go {read}. Popraw zasób w "
            f"datapackage.json ({fix}) albo usuń z niego {what_pl}",
            f"datapackage.json declares {what} {declared!r}, but the file {looks} "
            f"(as after re-saving it in Excel); read {read}. Correct the resource in "
            f"datapackage.json ({fix}) or delete its {what}",
        ),
        "datapackage-mismatch",
        "warning",
    )


def _utf8_bytes(data: bytes, used: str) -> bytes | None:
    """``data`` without its byte order mark when it was decoded as UTF-8 (the bytes of the
    text already, so they need not be encoded again), else ``None``."""
    if codecs.lookup(used).name not in ("utf-8", "utf-8-sig"):
        return None
    return data[len(codecs.BOM_UTF8) :] if data.startswith(codecs.BOM_UTF8) else data


_BLANK_LINE = re.compile(r"\n[ \t]*\r?\n")


def _parse_fast(text: str, sep: str, payload: bytes | None = None) -> pd.DataFrame | None:
    """Parse with pyarrow's multithreaded reader (about 8x faster than the C engine).

    It skips blank lines, which would shift the row numbers in messages, and it
    reports malformed rows without a usable line number: in both cases ``None``
    is returned and the caller uses pandas' C engine. ``payload``: the UTF-8 bytes
    of ``text`` when the caller has them.
    """
    if _BLANK_LINE.search(text):
        return None
    try:
        import pyarrow  # noqa: F401
    except ImportError:  # pragma: no cover - pyarrow is a dependency
        return None
    try:
        return pd.read_csv(
            io.BytesIO(text.encode("utf-8") if payload is None else payload),
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
    """Read the visible sheets of a workbook, exactly as Excel or LibreOffice shows them.

    openpyxl's read-only mode is fast but trusts the ``<dimension>`` tag (a
    stale one cuts rows off) and does not see merged cells or formulas: the
    dimensions are reset, and the sheet XML is scanned for both.
    """
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    check_container(path)
    source = RawSource(name=path.stem, location=str(path))
    try:
        with zipfile.ZipFile(path) as archive:
            scans = scan_archive(archive, path.name)
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, OSError, KeyError, ValueError) as err:
        raise KokonError(
            tr(
                f"{path.name} nie da się otworzyć jako skoroszytu .xlsx ({err})",
                f"{path.name} cannot be opened as an .xlsx workbook ({err})",
            ),
            hint=tr(
                "zapisz go z Excela albo LibreOffice jako .xlsx",
                "save it from Excel or LibreOffice as .xlsx",
            ),
        ) from err
    try:
        for sheet in workbook.worksheets:
            label = tr(f"{path.name}, arkusz {sheet.title}", f"{path.name}, sheet {sheet.title}")
            spec = table_for_name(sheet.title)
            is_metadata = normalize_token(sheet.title) == METADATA_SHEET
            if sheet.sheet_state != "visible":
                if spec is not None or is_metadata:
                    source.problems.append(
                        Problem(
                            label,
                            None,
                            None,
                            tr(
                                "arkusz jest ukryty"
                                + (" (bardzo)" if sheet.sheet_state == "veryHidden" else "")
                                + " i nie jest czytany: osoba otwierająca skoroszyt go nie "
                                "widzi. Odkryj go (prawy klik na karcie arkusza, Odkryj), aby "
                                "go użyć",
                                "the sheet is "
                                + ("very " if sheet.sheet_state == "veryHidden" else "")
                                + "hidden and is not read: a person opening the workbook does "
                                "not see it. Unhide it (right-click a sheet tab, Unhide) to use "
                                "it",
                            ),
                            "hidden-sheet",
                            "warning",
                        )
                    )
                continue
            if is_metadata:
                _read_metadata_sheet(sheet, source)
                continue
            if spec is None:
                if normalize_token(sheet.title) not in ("readme", "info", "opis"):
                    source.problems.append(
                        Problem(
                            label,
                            None,
                            None,
                            tr(
                                "to nie tabela formatu zbioru danych, więc jest pomijana",
                                "not a table of the dataset format and is ignored",
                            ),
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
                        tr(
                            "drugi arkusz tej samej tabeli; czytany jest tylko pierwszy",
                            f"a second {spec.name} sheet; only the first is read",
                        ),
                        "unknown-file",
                        "warning",
                    )
                )
                continue
            raw = _read_table_sheet(path, sheet, spec, label, scans, source.problems)
            if raw is not None:
                source.tables[spec.name] = raw
        props = workbook.properties
        if props is not None and props.title:
            source.metadata.setdefault("title", props.title)
    finally:
        workbook.close()
    return source


def _read_table_sheet(
    path: Path,
    sheet: Any,
    spec: Table,
    label: str,
    scans: dict[str, SheetScan],
    problems: list[Problem],
) -> RawTable | None:
    sheet.reset_dimensions()  # never trust the <dimension> tag
    rows: list[list[str]] = []
    suspect = False
    for values in sheet.iter_rows(values_only=True):
        if len(values) > MAX_COLUMNS:
            problems.append(_too_wide(label, len(values)))
            return None
        row = [_cell_text(v) for v in values]
        suspect = suspect or CONTROL_CHARACTERS.search("\n".join(row)) is not None
        rows.append(row)
    if not rows or not any(v.strip() for v in rows[0]):
        problems.append(
            Problem(
                label,
                1,
                None,
                tr("pierwszy wiersz (nagłówek) jest pusty", "the first row (the header) is blank"),
                "empty-file",
            )
        )
        return None
    width = max(len(r) for r in rows)
    rows = [r + [""] * (width - len(r)) for r in rows]
    hazards = _sheet_hazards(path, sheet, label, rows[0], scans)
    if hazards:
        problems.extend(hazards)
        return None
    body = pd.DataFrame(rows[1:], columns=range(width), dtype=str)
    body.index = pd.RangeIndex(2, 2 + len(body))
    return _make_raw(spec, label, rows[0], body, problems, suspect=suspect)


def _sheet_hazards(
    path: Path, sheet: Any, label: str, header: list[str], scans: dict[str, SheetScan]
) -> list[Problem]:
    """Merged cells and formulas without a saved result: a person sees what the reader would not."""
    part = str(getattr(sheet, "_worksheet_path", "")).lstrip("/")
    scan = scans.get(part)
    if scan is None:
        return []

    def column(ref: str) -> str:
        position = split_ref(ref)[1]
        written = header[position].strip() if position < len(header) else ""
        return written or tr(_column_letter(position), f"column {_column_letter(position)}")

    found = []
    for merge in scan.merges:
        first, _, last = merge.partition(":")
        if not last or first == last:
            continue
        found.append(
            Problem(
                label,
                split_ref(first)[0],
                column(first),
                tr(
                    f"komórki {merge} są scalone: człowiek widzi w nich jedną wartość, ale ma ją "
                    f"tylko {first}, a pozostałe komórki zostałyby odczytane jako puste. Rozdziel "
                    "komórki i wypełnij każdą",
                    f"cells {merge} are merged: a person sees one value across them, but only "
                    f"{first} holds it and the other cells would read as empty. Unmerge the "
                    "cells and fill each one",
                ),
                "merged-cells",
            )
        )
    if scan.has_formulas:
        with zipfile.ZipFile(path) as archive:
            cells = formula_cells(archive, part)
        found.extend(
            Problem(
                label,
                split_ref(ref)[0],
                column(ref),
                tr(
                    f"komórka {ref} zawiera formułę, której wyniku nigdy nie zapisano (plik "
                    "zapisał program, który nie liczy); otwórz skoroszyt w Excelu albo "
                    "LibreOffice i zapisz go ponownie albo wklej same wartości",
                    f"cell {ref} holds a formula whose result was never saved (the file was "
                    "written by a program that does not calculate); open the workbook in Excel "
                    "or LibreOffice and save it again, or paste the values",
                ),
                "formula-without-value",
            )
            if error is None
            else Problem(
                label,
                split_ref(ref)[0],
                column(ref),
                tr(
                    f"komórka {ref} pokazuje błąd {error}; popraw formułę albo wpisz wartość",
                    f"cell {ref} shows the error {error}; correct the formula or type the value",
                ),
                "error-value",
            )
            for ref, error in cells
        )
    return found


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
    spec: Table,
    label: str,
    header: list[str],
    body: pd.DataFrame,
    problems: list[Problem],
    *,
    suspect: bool = False,
) -> RawTable | None:
    """Name the columns of one table; ``suspect``: the text holds a control character."""
    if suspect:
        found = _control_problems(label, header, body)
        if found:
            problems.extend(found)
            return None
    body = body.apply(_strip)
    blank_rows = (body == "").all(axis=1)
    if blank_rows.any():
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
                        tr(column_letter, f"column {column_letter}"),
                        tr("ma wartości, ale nie ma nagłówka", "has values but no header"),
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
                    tr(
                        f"występuje dwa razy (także jako {headers[name]!r})",
                        f"appears twice (also as {headers[name]!r})",
                    ),
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
                tr(
                    "brak wymaganej kolumny; ta tabela potrzebuje kolumn "
                    f"{', '.join(c.name for c in spec.columns if c.required)}",
                    f"required column is missing; the {spec.name} table needs "
                    f"{', '.join(c.name for c in spec.columns if c.required)}",
                ),
                "missing-column",
            )
        )
    if missing or not ok:
        return None
    frame = body.iloc[:, keep].copy()
    frame.columns = pd.Index(names)
    return RawTable(spec, label, frame, headers)


#: Bytes that may begin or end a cell with white space: ASCII white space (including the
#: separators U+001C-U+001F) and every byte of a non-ASCII character, checked exactly.
_EDGE_BYTES: Final = np.zeros(256, dtype=bool)
_EDGE_BYTES[[*range(0x09, 0x0E), *range(0x1C, 0x21), *range(0x80, 0x100)]] = True


def _strip(column: pd.Series) -> pd.Series:
    """``column.str.strip()``, or ``column`` itself where no cell begins or ends with white
    space (most columns: stripping every cell of a national table costs a second)."""
    if _edges_plain(column):
        return column
    return column.str.strip()


def _edges_plain(column: pd.Series) -> bool:
    """Whether no cell of an Arrow-backed text column begins or ends with white space.

    Looks only at the first and last byte of each cell; the few cells where either is
    not ASCII are trimmed by Arrow (as ``str.strip`` does) to decide. ``False`` when unsure.
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    if not (isinstance(column.dtype, pd.StringDtype) and column.dtype.storage == "pyarrow"):
        return False
    array = pa.array(column.array)  # no copy: the column's own Arrow data
    for chunk in array.chunks if isinstance(array, pa.ChunkedArray) else [array]:
        if chunk.null_count:
            return False
        wide = pa.types.is_large_string(chunk.type)
        if not (wide or pa.types.is_string(chunk.type)):
            return False
        _, offsets_buffer, data_buffer = chunk.buffers()
        whole = np.frombuffer(offsets_buffer, dtype=np.int64 if wide else np.int32)
        offsets = whole[chunk.offset : chunk.offset + len(chunk) + 1].astype(np.int64)
        data = np.frombuffer(data_buffer, dtype=np.uint8) if data_buffer else np.zeros(0, np.uint8)
        starts, ends = offsets[:-1], offsets[1:]
        filled = ends > starts
        edge = _EDGE_BYTES[data[starts[filled]]] | _EDGE_BYTES[data[ends[filled] - 1]]
        if edge.any():
            cells = chunk.take(pa.array(np.flatnonzero(filled)[edge]))
            if not pc.all(pc.equal(pc.utf8_trim_whitespace(cells), cells)).as_py():
                return False
    return True


def _control_problems(label: str, header: list[str], body: pd.DataFrame) -> list[Problem]:
    """Every cell holding a control character, named by row and column (never by value)."""
    found = []
    names = []
    for position, written in enumerate(header):
        names.append(written.strip() or f"column {_column_letter(position)}")
        match = CONTROL_CHARACTERS.search(written)
        if match:
            found.append(
                _control_problem(label, 1, f"column {_column_letter(position)}", match.group())
            )
    for position in range(body.shape[1]):
        column = body.iloc[:, position]
        for row, value in zip(column.index, column, strict=True):
            match = CONTROL_CHARACTERS.search(value)
            if match:
                name = names[position] if position < len(names) else _column_letter(position)
                if CONTROL_CHARACTERS.search(name):
                    name = f"column {_column_letter(position)}"
                found.append(_control_problem(label, int(row), name, match.group()))
    return found


def _column_letter(position: int) -> str:
    letters = ""
    n = position + 1
    while n:
        n, rem = divmod(n - 1, 26)
        letters = chr(65 + rem) + letters
    return letters
