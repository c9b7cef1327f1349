"""Property-based fuzzing of the CSV and XLSX readers (Hypothesis).

The properties: whatever the bytes, the reader ends in a dataset or in one of
kokon_graph's own errors (never a crash); and a dataset it accepts holds exactly
the rows the file holds, with every name as written. Derandomized with a fixed
number of examples, so a run takes a few seconds and gives the same result in CI.
"""

from __future__ import annotations

import csv
import io
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from kokon_graph import DatasetError, KokonError, read_dataset
from kokon_graph._text import CONTROL_CHARACTERS
from kokon_graph.io import TABLES

FUZZ = settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
HEADER = ["id", "name", "type", "sector", "level", "teryt"]

#: Names: any text but lone surrogates (no file can hold them) and carriage returns
#: (a CSV dialect matter, not a name), with control characters well represented.
names = st.text(
    alphabet=st.one_of(
        st.characters(blacklist_categories=("Cs",), blacklist_characters="\r"),
        st.sampled_from(["\x00", "\x1b", "\u202e", "\u200b", "\ufeff", "\x85", "ł", "Ż", "„"]),
    ),
    min_size=1,
    max_size=30,
)


def _read(path: Path) -> object:
    try:
        return read_dataset(path)
    except (DatasetError, KokonError) as err:
        return err


def _expect(path: Path, rows: list[str]) -> None:
    """Refused for a control character or an empty name; otherwise exactly these names."""
    outcome = _read(path)
    refused = any(CONTROL_CHARACTERS.search(n) for n in rows)
    empty = any(not n.strip() for n in rows)
    if refused or empty:
        assert isinstance(outcome, DatasetError), outcome
        rules = {p.rule for p in outcome.problems}
        assert rules & {"control-character", "empty-value"}, rules
        return
    assert not isinstance(outcome, Exception), outcome
    institutions = outcome.institutions  # type: ignore[attr-defined]
    assert institutions["id"].tolist() == [f"OPS{i}" for i in range(1, len(rows) + 1)]
    assert institutions["name"].tolist() == [n.strip() for n in rows]


@FUZZ
@given(data=st.binary(max_size=400), extra=st.booleans())
@example(data=b"\r\x00", extra=False)  # found by a longer run: a crash sizing the header
def test_random_bytes_never_crash_the_csv_reader(data: bytes, extra: bool) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        if extra:  # a valid institutions table beside a random cooperation table
            (folder / "institutions.csv").write_text(
                ",".join(HEADER) + "\nOPS1,GOPS,GOPS,,gmina,2815022\n", encoding="utf-8"
            )
            (folder / "cooperation.csv").write_bytes(b"source,target\n" + data)
        else:
            (folder / "institutions.csv").write_bytes(data)
        outcome = _read(folder)
        if not isinstance(outcome, Exception) and not extra:
            assert len(outcome.institutions) >= 1  # type: ignore[attr-defined]


#: Cells that have broken typing before: huge, infinite, negative, foreign digits, odd dates.
tricky = st.sampled_from(
    [
        "",
        "0",
        "-1",
        "1e30",
        "1e308",
        "-1e308",
        "inf",
        "nan",
        "NaN",
        "1,5",
        "1.234,5",
        "２８",
        "٢٨١٥٠١١",
        "2815022",
        "2815",
        "28",
        "0206011",
        "206011",
        "2099-01-01",
        "1019-01-01",
        "31.02.2021",
        "2021-02-29",
        "2020-02-29",
        "tak",
        "nie",
        "x",
        "OPS1",
        "GOPS",
        "other",
        "F-0123456789abcdef",
        "before",
        "ubóstwo|głód",
        "|;,",
        "=1+1",
        " ",
        "gmina",
        "powiat",
    ]
)
_OTHER_TABLES = [t for t in TABLES if t.name != "institutions"]


@FUZZ
@given(
    table=st.sampled_from(_OTHER_TABLES),
    cells=st.lists(st.lists(st.one_of(tricky, names), min_size=1, max_size=10), max_size=6),
    pseudonymised=st.booleans(),
)
def test_random_cells_in_any_table_never_crash_validation(
    table: object, cells: list[list[str]], pseudonymised: bool
) -> None:
    spec = table  # a kokon_graph.io.schema.Table
    header = [c.name for c in spec.columns]  # type: ignore[attr-defined]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    for row in cells:
        writer.writerow((row * len(header))[: len(header)])
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "institutions.csv").write_text(
            ",".join(HEADER) + "\nOPS1,GOPS,GOPS,,gmina,2815022\nOPS2,PUP,PUP,,powiat,2815\n",
            encoding="utf-8",
        )
        (folder / f"{spec.name}.csv").write_text(buffer.getvalue(), encoding="utf-8")  # type: ignore[attr-defined]
        try:
            dataset = read_dataset(folder, pseudonymised=pseudonymised)
        except (DatasetError, KokonError):
            return
        frame = dataset.table(spec.name)  # type: ignore[attr-defined]
        assert len(frame) <= len(cells)  # blank rows are skipped, nothing is added


@FUZZ
@given(
    rows=st.lists(names, min_size=1, max_size=6),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1250", "utf-16", "utf-16-le"]),
    delimiter=st.sampled_from([",", ";", "\t"]),
    quoting=st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL]),
)
def test_csv_rows_in_any_encoding_are_read_exactly_or_refused(
    rows: list[str], encoding: str, delimiter: str, quoting: int
) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, quoting=quoting, lineterminator="\n")
    writer.writerow(HEADER)
    for i, name in enumerate(rows, start=1):
        writer.writerow([f"OPS{i}", name, "GOPS", "", "gmina", "2815022"])
    try:
        data = buffer.getvalue().encode(encoding)
    except UnicodeEncodeError:  # not every name exists in cp1250
        data = buffer.getvalue().encode("utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "institutions.csv").write_bytes(data)
        _expect(Path(tmp), rows)


@FUZZ
@given(
    rows=st.lists(names, min_size=1, max_size=5),
    merges=st.lists(
        st.tuples(st.integers(1, 6), st.integers(1, 6), st.integers(0, 2), st.integers(0, 2)),
        max_size=2,
    ),
    state=st.sampled_from(["visible", "visible", "hidden", "veryHidden"]),
    hidden_copy=st.booleans(),
)
def test_workbooks_with_merges_and_hidden_sheets_are_read_exactly_or_refused(
    rows: list[str],
    merges: list[tuple[int, int, int, int]],
    state: str,
    hidden_copy: bool,
) -> None:
    rows = [ILLEGAL_CHARACTERS_RE.sub("", n) or "x" for n in rows]  # openpyxl cannot write them
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "institutions"
    for r, values in enumerate(
        [HEADER, *([f"OPS{i}", n, "GOPS", "", "gmina", "2815022"] for i, n in enumerate(rows, 1))],
        start=1,
    ):
        for c, value in enumerate(values, start=1):
            cell = sheet.cell(r, c, value)
            cell.data_type = "s"  # a name starting with "=" is text, not a formula
    spans = []
    taken: set[tuple[int, int]] = set()
    for row, col, down, right in merges:
        cells = {(r, c) for r in range(row, row + down + 1) for c in range(col, col + right + 1)}
        if cells & taken:
            continue
        taken |= cells
        sheet.merge_cells(
            start_row=row, start_column=col, end_row=row + down, end_column=col + right
        )
        spans.append(len(cells))
    sheet.sheet_state = state
    if state != "visible":
        workbook.create_sheet("readme")["A1"] = "opis"  # a workbook needs one visible sheet
    if hidden_copy:  # a hidden sheet that must not be read as live data
        decoy = workbook.create_sheet("cooperation")
        decoy.append(["source", "target"])
        decoy.append(["OPS1", "OPS9"])
        decoy.sheet_state = "hidden"
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "fuzz.xlsx"
        workbook.save(path)
        outcome = _read(path)
        if state != "visible":
            assert isinstance(outcome, DatasetError)
            assert {p.rule for p in outcome.problems} == {"missing-table"}
            try:
                read_dataset(path, strict=True)
            except DatasetError as err:  # strict mode lists the warnings too
                assert "hidden-sheet" in {p.rule for p in err.problems}
            return
        if any(n > 1 for n in spans):
            assert isinstance(outcome, DatasetError)
            assert "merged-cells" in {p.rule for p in outcome.problems}
            return
        _expect(path, rows)
        if not isinstance(outcome, Exception):
            assert outcome.cooperation.empty  # type: ignore[attr-defined]
