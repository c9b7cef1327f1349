"""What an ``.xlsx`` file really holds, checked beside openpyxl.

openpyxl reads the cell values; this module answers what it does not: is the
file a workbook at all (an old ``.xls``, a password-protected file and a CSV
renamed ``.xlsx`` all fail inside the zip reader), does a part expand to far
more than it is stored in (a "zip bomb" of shared strings), which cells are
merged and which formulas have no saved result. Every answer is a
:class:`~kokon_graph.errors.KokonError` for the file or a list of cells.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

from kokon_graph.errors import KokonError
from kokon_graph.lang import tr

__all__ = [
    "MAX_EXPANDED_BYTES",
    "MAX_EXPANSION_RATIO",
    "SheetScan",
    "check_container",
    "formula_cells",
    "scan_archive",
]

_ZIP_MAGIC: Final = b"PK\x03\x04"
_OLE_MAGIC: Final = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
#: The stream an encrypted (password-protected) OOXML file keeps inside its OLE container.
_ENCRYPTED: Final = "EncryptedPackage".encode("utf-16-le")
#: No part of a workbook may expand beyond this many bytes.
MAX_EXPANDED_BYTES: Final = 512 * 2**20
#: A part larger than :data:`_RATIO_FLOOR` may not expand more than this many times.
MAX_EXPANSION_RATIO: Final = 200
_RATIO_FLOOR: Final = 16 * 2**20
_CHUNK: Final = 2**20
_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\b[^>]*?\bref="([A-Z]{1,3}[0-9]+(?::[A-Z]{1,3}[0-9]+)?)"')
#: A formula (``<f>``) or a cell holding an error value (``t="e"``).
_FORMULA = re.compile(rb'<(?:\w+:)?f[\s>/]|<(?:\w+:)?c [^>]*\bt="e"')
_SAVE_AS_XLSX: Final = "open it in Excel or LibreOffice and save it as .xlsx (Excel 2007-365)"
_SAVE_AS_XLSX_PL: Final = "otwórz go w Excelu albo LibreOffice i zapisz jako .xlsx (Excel 2007-365)"


def _save_as_xlsx() -> str:
    return tr(_SAVE_AS_XLSX_PL, _SAVE_AS_XLSX)


def check_container(path: Path) -> None:
    """Raise a :class:`KokonError` saying what ``path`` is, unless it is a zip (an .xlsx).

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "data.xlsx"
    >>> _ = p.write_text("id,name\\n1,OPS\\n")
    >>> check_container(p)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    kokon_graph.errors.KokonError: data.xlsx is a text file, not an .xlsx workbook ...
    """
    try:
        with path.open("rb") as handle:
            head = handle.read(4096)
    except OSError as err:
        raise KokonError(
            tr(
                f"{path.name}: nie da się odczytać: {err.strerror}",
                f"{path.name} cannot be read: {err.strerror}",
            )
        ) from err
    if head.startswith(_ZIP_MAGIC):
        return
    if not head:
        raise KokonError(
            tr(f"{path.name} jest pusty", f"{path.name} is empty"), hint=_save_as_xlsx()
        )
    if head.startswith(_OLE_MAGIC):
        if _ENCRYPTED in path.read_bytes():
            raise KokonError(
                tr(
                    f"{path.name} jest chroniony hasłem i nie da się go odczytać",
                    f"{path.name} is protected by a password and cannot be read",
                ),
                hint=tr(
                    "otwórz go w Excelu albo LibreOffice, usuń hasło i zapisz ponownie "
                    "(kokon_graph nigdy nie pyta o hasło skoroszytu)",
                    "open it in Excel or LibreOffice, remove the password and save it again "
                    "(kokon_graph never asks for a workbook's password)",
                ),
            )
        raise KokonError(
            tr(
                f"{path.name} to stary skoroszyt Excela 97-2003 (.xls)",
                f"{path.name} is an old Excel 97-2003 workbook (.xls)",
            ),
            hint=_save_as_xlsx(),
        )
    if b"\x00" not in head:
        raise KokonError(
            tr(
                f"{path.name} to plik tekstowy, nie skoroszyt .xlsx (plik CSV ze zmienioną nazwą?)",
                f"{path.name} is a text file, not an .xlsx workbook (a CSV file renamed?)",
            ),
            hint=tr(
                "nadaj mu rozszerzenie .csv i umieść w folderze zbioru danych albo ",
                "give it the extension .csv and put it in a dataset folder, or ",
            )
            + _save_as_xlsx(),
        )
    raise KokonError(
        tr(f"{path.name} to nie skoroszyt .xlsx", f"{path.name} is not an .xlsx workbook"),
        hint=_save_as_xlsx(),
    )


@dataclass
class SheetScan:
    """What the XML of one worksheet holds besides values."""

    merges: list[str] = field(default_factory=list)
    has_formulas: bool = False  # or error values


def scan_archive(archive: zipfile.ZipFile, label: str) -> dict[str, SheetScan]:
    """Check how far every part expands; find merged cells and formulas in the worksheets.

    Each part is decompressed once, counting the bytes it really holds (the
    sizes a zip file declares can lie), and stopped as soon as it is too large.

    Returns
    -------
    dict
        Worksheet part name (``xl/worksheets/sheet1.xml``) to what it holds.

    Raises
    ------
    KokonError
        If a part expands beyond :data:`MAX_EXPANDED_BYTES`, or beyond
        :data:`MAX_EXPANSION_RATIO` times its stored size once larger than 16 MiB.
    """
    scans: dict[str, SheetScan] = {}
    for info in archive.infolist():
        if info.is_dir():
            continue
        limit = min(MAX_EXPANDED_BYTES, max(_RATIO_FLOOR, MAX_EXPANSION_RATIO * info.compress_size))
        sheet = info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml")
        scan = SheetScan()
        merges: set[str] = set()
        size = 0
        tail = b""
        with archive.open(info) as part:
            while chunk := part.read(_CHUNK):
                size += len(chunk)
                if size > limit:
                    raise KokonError(
                        tr(
                            f"{label}: część {info.filename} rozpakowuje się do ponad "
                            f"{limit // 2**20} MiB z {max(1, info.compress_size // 1024)} KiB "
                            "zapisanych; taki plik jest odrzucany (może być zbudowany, by "
                            "wyczerpać pamięć)",
                            f"{label}: the part {info.filename} expands to more than "
                            f"{limit // 2**20} MiB from {max(1, info.compress_size // 1024)} KiB "
                            "stored; such a file is refused (it may be built to exhaust memory)",
                        ),
                        hint=tr(
                            "zapisz skoroszyt ponownie z Excela albo LibreOffice; bardzo duży "
                            "zbiór danych lepiej podać jako folder plików CSV",
                            "save the workbook again from Excel or LibreOffice; a very large "
                            "dataset is better given as a folder of CSV files",
                        ),
                    )
                if sheet:
                    window = tail + chunk
                    merges.update(m.decode("ascii") for m in _MERGE.findall(window))
                    scan.has_formulas = scan.has_formulas or bool(_FORMULA.search(window))
                    tail = window[-512:]
        if sheet:
            scan.merges = sorted(merges, key=_cell_order)
            scans[info.filename] = scan
    return scans


def formula_cells(archive: zipfile.ZipFile, part: str) -> list[tuple[str, str | None]]:
    """The cells whose formula has no saved result ``(ref, None)`` or an error ``(ref, "#N/A")``.

    openpyxl writes ``<f>1+2</f><v></v>``, other programs leave ``<v>`` out;
    an empty result is saved only for a formula giving text (``t="str"``). An
    error result (``t="e"``) reads as text like ``#DIV/0!``, which no cell means.
    """
    found: list[tuple[str, str | None]] = []
    with archive.open(part) as source:
        for _, element in ET.iterparse(source, events=("end",)):
            if _local(element.tag) != "c":
                continue
            children = {_local(child.tag): child for child in element}
            value = children.get("v")
            if element.get("t") == "e":
                found.append(
                    (element.get("r", ""), (value.text or "#?") if value is not None else "#?")
                )
            elif "f" in children and "is" not in children:
                empty = value is None or not (value.text or "")
                if empty and element.get("t") != "str":  # a text result may be empty
                    found.append((element.get("r", ""), None))
            element.clear()
    return found


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


_REF = re.compile(r"([A-Z]+)([0-9]+)")


def split_ref(ref: str) -> tuple[int, int]:
    """``"C5"`` → ``(5, 2)``: the row (1-based) and the column (0-based) of a cell."""
    match = _REF.fullmatch(ref)
    if match is None:
        return 0, 0
    letters, digits = match.groups()
    column = 0
    for ch in letters:
        column = column * 26 + (ord(ch) - 64)
    return int(digits), column - 1


def _cell_order(ref: str) -> tuple[int, int]:
    return split_ref(ref.split(":")[0])
