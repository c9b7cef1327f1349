"""A lean reader of the cell values of XLSX sheets, for reading hundreds of returned forms.

openpyxl builds an object per cell and per string run; a powiat's 300-400 returned forms of
400 rows each took it half a minute. This reads only values (shared strings, inline strings,
numbers, booleans) straight from the sheet XML with the C XML parser, which is all the
importer needs. Anything that is not a readable XLSX package raises :class:`BadWorkbook`.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Final
from xml.etree import ElementTree as ET

__all__ = ["BadWorkbook", "XlsxValues", "excel_date"]

_MAIN: Final = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL: Final = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_PKG_REL: Final = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_REF: Final = re.compile(r"([A-Z]+)(\d+)")
_EPOCH: Final = dt.date(1899, 12, 30)

Value = str | float | bool | None


class BadWorkbook(Exception):
    """The file is not a readable XLSX package."""


def excel_date(serial: float) -> dt.date:
    """The date of an Excel serial day number (1900 date system)."""
    return _EPOCH + dt.timedelta(days=int(serial))


def _col_index(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


class XlsxValues:
    """The sheets of one workbook and their cell values.

    Attributes
    ----------
    sheets
        ``{name: (path inside the package, state)}``, state ``visible``,
        ``hidden`` or ``veryHidden``.
    """

    def __init__(self, path: str | Path) -> None:
        try:
            self._zip = zipfile.ZipFile(path)
            self.sheets = self._sheets()
            self._strings = self._shared_strings()
        except (zipfile.BadZipFile, KeyError, ET.ParseError, OSError) as err:
            raise BadWorkbook(str(err)) from err

    def close(self) -> None:
        self._zip.close()

    def __enter__(self) -> XlsxValues:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _sheets(self) -> dict[str, tuple[str, str]]:
        rels = ET.fromstring(self._zip.read("xl/_rels/workbook.xml.rels"))
        targets = {}
        for rel in rels.iter(f"{_PKG_REL}Relationship"):
            target = rel.get("Target", "")
            target = target.lstrip("/") if target.startswith("/") else posixpath.join("xl", target)
            targets[rel.get("Id")] = posixpath.normpath(target)
        book = ET.fromstring(self._zip.read("xl/workbook.xml"))
        out = {}
        for sheet in book.iter():
            if _local(sheet.tag) != "sheet":
                continue
            rid = next((v for k, v in sheet.attrib.items() if k.endswith("}id")), None)
            out[sheet.get("name", "")] = (targets[rid], sheet.get("state", "visible"))
        return out

    def _shared_strings(self) -> list[str]:
        try:
            data = self._zip.open("xl/sharedStrings.xml")
        except KeyError:
            return []
        strings: list[str] = []
        with data:
            for _event, elem in ET.iterparse(data):
                if elem.tag == f"{_MAIN}si":
                    strings.append("".join(t.text or "" for t in elem.iter(f"{_MAIN}t")))
                    elem.clear()
        return strings

    def rows(
        self, sheet: str, *, min_row: int = 1, max_row: int | None = None, max_col: int = 100
    ) -> Iterator[tuple[int, dict[int, Value]]]:
        """``(row number, {column number: value})`` for every row holding a value."""
        if sheet not in self.sheets:
            raise KeyError(sheet)
        try:
            stream: IO[bytes] = self._zip.open(self.sheets[sheet][0])
        except KeyError as err:
            raise BadWorkbook(str(err)) from err
        with stream:
            try:
                yield from self._parse(stream, min_row, max_row, max_col)
            except ET.ParseError as err:
                raise BadWorkbook(str(err)) from err

    def _parse(
        self, stream: IO[bytes], min_row: int, max_row: int | None, max_col: int
    ) -> Iterator[tuple[int, dict[int, Value]]]:
        row_tag, c_tag = f"{_MAIN}row", f"{_MAIN}c"
        v_tag, is_tag, t_tag = f"{_MAIN}v", f"{_MAIN}is", f"{_MAIN}t"
        for _event, elem in ET.iterparse(stream):
            if elem.tag != row_tag:
                continue
            r = int(elem.get("r", "0"))
            if r < min_row:
                elem.clear()
                continue
            if max_row is not None and r > max_row:
                break
            values: dict[int, Value] = {}
            for c in elem.iter(c_tag):
                match = _REF.match(c.get("r", ""))
                if not match:
                    continue
                col = _col_index(match.group(1))
                if col > max_col:
                    continue
                kind = c.get("t", "n")
                if kind == "inlineStr":
                    inline = c.find(is_tag)
                    text = (
                        "".join(t.text or "" for t in inline.iter(t_tag))
                        if inline is not None
                        else ""
                    )
                    values[col] = text
                    continue
                v = c.find(v_tag)
                if v is None or v.text is None:
                    continue
                if kind == "s":
                    values[col] = self._strings[int(v.text)]
                elif kind in ("str", "e"):
                    values[col] = v.text
                elif kind == "b":
                    values[col] = v.text == "1"
                else:
                    values[col] = float(v.text)
            elem.clear()
            if values:
                yield r, values
