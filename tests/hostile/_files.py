"""Building hostile files: workbooks edited part by part, payloads from payloads.json."""

from __future__ import annotations

import json
import zipfile
from collections.abc import Callable
from pathlib import Path

from openpyxl import load_workbook

HERE = Path(__file__).parent
PAYLOADS = json.loads((HERE / "payloads.json").read_text(encoding="utf-8"))
#: Names that must be read, stored and exported exactly as written.
KEPT: list[str] = PAYLOADS["kept"]
#: Names holding a control character: the reader refuses them.
REFUSED: list[str] = PAYLOADS["refused"]

INSTITUTIONS_HEADER = "id,name,type,sector,level,teryt\n"


def sheet_part(path: Path, title: str) -> str:
    """The zip part (``xl/worksheets/sheet3.xml``) holding the sheet called ``title``."""
    workbook = load_workbook(path, read_only=True)
    try:
        return str(workbook[title]._worksheet_path).lstrip("/")
    finally:
        workbook.close()


def rewrite_part(path: Path, part: str, change: Callable[[bytes], bytes]) -> None:
    """Replace one part of a workbook by ``change(old bytes)``, everything else kept."""
    target = path.with_suffix(".tmp")
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(target, "w") as out:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == part:
                data = change(data)
            out.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)
    target.replace(path)


def edit_workbook(path: Path, edit: Callable[..., None]) -> Path:
    """Open ``path`` with openpyxl (full mode), apply ``edit(workbook)``, save it again."""
    workbook = load_workbook(path)
    edit(workbook)
    workbook.save(path)
    return path


def institutions_csv(folder: Path, names: list[str], *, encoding: str = "utf-8") -> Path:
    """A one-table dataset: one OPS per name, quoted the way Excel quotes."""
    folder.mkdir(parents=True, exist_ok=True)
    lines = [INSTITUTIONS_HEADER]
    for i, name in enumerate(names, start=1):
        quoted = '"' + name.replace('"', '""') + '"'
        lines.append(f"OPS{i},{quoted},GOPS,,gmina,2815022\n")
    (folder / "institutions.csv").write_bytes("".join(lines).encode(encoding))
    return folder


_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006"


def shared_strings_workbook(path: Path, title: str, rows: list[list[str]], pad: int = 0) -> Path:
    """A hand-made .xlsx whose cells are all shared strings, as Excel writes them.

    ``pad`` bytes of one repeated letter are added to the first string: a part
    that compresses ~1000 times, the "zip bomb" of issue 16.
    """
    strings: list[str] = []
    cells = []
    for r, row in enumerate(rows, start=1):
        row_xml = []
        for c, value in enumerate(row):
            strings.append(value)
            ref = f"{chr(65 + c)}{r}"
            row_xml.append(f'<c r="{ref}" t="s"><v>{len(strings) - 1}</v></c>')
        cells.append(f'<row r="{r}">{"".join(row_xml)}</row>')
    sheet = f'<worksheet xmlns="{_MAIN}"><sheetData>{"".join(cells)}</sheetData></worksheet>'
    escaped = [s.replace("&", "&amp;").replace("<", "&lt;") for s in strings]
    items = "".join(f"<si><t>{s}</t></si>" for s in escaped)
    shared = (
        f'<sst xmlns="{_MAIN}" count="{len(strings)}" uniqueCount="{len(strings)}">'
        + items.replace("</t>", "A" * pad + "</t>", 1)
        + "</sst>"
    )
    parts = {
        "[Content_Types].xml": (
            f'<Types xmlns="{_PKG}/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.'
            'openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.'
            'openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>'
        ),
        "_rels/.rels": (
            f'<Relationships xmlns="{_PKG}/relationships"><Relationship Id="rId1" '
            f'Type="{_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
        ),
        "xl/workbook.xml": (
            f'<workbook xmlns="{_MAIN}" xmlns:r="{_REL}"><sheets><sheet name="{title}" '
            'sheetId="1" r:id="rId1"/></sheets></workbook>'
        ),
        "xl/_rels/workbook.xml.rels": (
            f'<Relationships xmlns="{_PKG}/relationships">'
            f'<Relationship Id="rId1" Type="{_REL}/worksheet" Target="worksheets/sheet1.xml"/>'
            f'<Relationship Id="rId2" Type="{_REL}/sharedStrings" Target="sharedStrings.xml"/>'
            "</Relationships>"
        ),
        "xl/worksheets/sheet1.xml": sheet,
        "xl/sharedStrings.xml": shared,
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as out:
        for name, text in parts.items():
            out.writestr(name, text.encode("utf-8"))
    return path
