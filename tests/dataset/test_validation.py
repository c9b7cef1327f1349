"""Every validation rule, on the invalid datasets under tests/data/invalid.

Each case names the problem a person must be shown: file, spreadsheet row
(header = row 1), column, and a distinctive part of the message.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kokon_graph import DatasetError, read_dataset
from kokon_graph.errors import Problem

INVALID = Path(__file__).parent.parent / "data" / "invalid"

# folder -> (rule, file, row, column, part of the message)
CASES = {
    "missing-column": ("missing-column", "institutions.csv", 1, "type", "required column"),
    "duplicate-id": ("duplicate-id", "institutions.csv", 5, "id", "first used at row 2"),
    "unknown-value": (
        "unknown-value",
        "institutions.csv",
        5,
        "sector",
        "did you mean 'education'?",
    ),
    "unknown-reference": (
        "unknown-reference",
        "cooperation.csv",
        5,
        "target",
        "'XYZ9' is not an institution in institutions.csv",
    ),
    "bad-teryt": ("bad-teryt", "institutions.csv", 5, "teryt", "'99' is not a voivodeship code"),
    "bad-date": ("bad-date", "groups.csv", 2, "start", "'31/02/2020' is not a date"),
    "bad-number": ("bad-number", "cooperation.csv", 5, "weight", "'dużo' is not a number"),
    "end-before-start": ("end-before-start", "groups.csv", 2, "end", "is before start"),
    "self-tie": ("self-tie", "cooperation.csv", 5, "target", "cannot report a tie to itself"),
    "empty-id": ("empty-value", "institutions.csv", 5, "id", "is empty"),
    "identifying-column": ("identifying-column", "families.csv", None, "nazwisko", "a name"),
    "answered-before-sent": (
        "end-before-start",
        "referrals.csv",
        2,
        "answered",
        "cannot be answered before it is sent",
    ),
    "missing-table": ("missing-table", "services.csv", None, "family", "no families table"),
    # issue 16: refused instead of passing (NUL broke the exports), accepted without a word,
    # or trusted blindly
    "control-character": ("control-character", "institutions.csv", 3, "name", "U+0000"),
    "implausible-date": ("implausible-date", "cooperation.csv", 3, "since", "in the future"),
    "not-pseudonymised": ("not-pseudonymised", "families.csv", 3, "id", "is not a pseudonym"),
}


def _problems(folder: str) -> list[Problem]:
    with pytest.raises(DatasetError) as info:
        read_dataset(INVALID / folder)
    return info.value.problems


def test_every_invalid_folder_has_a_case() -> None:
    folders = {p.name for p in INVALID.iterdir() if p.is_dir()}
    assert folders == set(CASES) | {"many-problems"}


@pytest.mark.parametrize("folder", sorted(CASES))
def test_rule_is_reported_with_file_row_and_column(folder: str) -> None:
    rule, file, row, column, text = CASES[folder]
    problems = _problems(folder)
    matching = [p for p in problems if p.rule == rule and p.column == column]
    assert matching, f"no {rule} problem in column {column!r}: {problems}"
    problem = matching[0]
    assert (problem.file, problem.row, problem.column) == (file, row, column)
    assert text in problem.message
    assert str(problem).startswith(file)


def test_all_problems_of_all_files_are_collected_at_once() -> None:
    problems = _problems("many-problems")
    found = {(p.file, p.row, p.column, p.rule) for p in problems}
    assert found == {
        ("institutions.csv", 3, "id", "duplicate-id"),
        ("institutions.csv", 4, "sector", "unknown-value"),
        ("institutions.csv", 4, "teryt", "bad-teryt"),
        ("cooperation.csv", 2, "since", "bad-date"),
        ("cooperation.csv", 3, "kind", "unknown-value"),
        ("cooperation.csv", 3, "target", "unknown-reference"),
        ("cooperation.csv", 3, "weight", "bad-number"),
    }


def test_identifying_columns_are_refused_without_repeating_their_values() -> None:
    problems = _problems("identifying-column")
    assert {p.column for p in problems} == {"nazwisko", "PESEL"}
    text = "\n".join(str(p) for p in problems)
    assert "Kowalscy" not in text
    assert "80010112345" not in text


def test_family_ids_are_never_repeated_in_messages(valid_copy: Path) -> None:
    families = valid_copy / "families.csv"
    rows = families.read_text(encoding="utf-8").splitlines()
    families.write_text("\n".join([*rows, rows[1]]) + "\n", encoding="utf-8")  # duplicate R/1/2020
    services = valid_copy / "services.csv"
    services.write_text(
        services.read_text(encoding="utf-8") + "R/99/2020,OPS1,praca socjalna,,,\n",
        encoding="utf-8",
    )
    with pytest.raises(DatasetError) as info:
        read_dataset(valid_copy)
    problems = info.value.problems
    assert {p.rule for p in problems} == {"duplicate-id", "unknown-reference"}
    text = "\n".join(str(p) for p in problems) + str(info.value)
    assert "R/1/2020" not in text
    assert "R/99/2020" not in text
    assert "value not shown" in text


def test_invalid_dataset_yields_nothing(valid_copy: Path) -> None:
    coop = valid_copy / "cooperation.csv"
    coop.write_text(
        coop.read_text(encoding="utf-8") + "OPS1,NOWHERE,information,1,,after,false\n",
        encoding="utf-8",
    )
    with pytest.raises(DatasetError) as info:
        read_dataset(valid_copy)
    assert len(info.value.problems) == 1
    assert "invalid dataset" in str(info.value)
    assert info.value.hint and "validate" in info.value.hint


def test_warnings_do_not_invalidate_unless_strict(valid_copy: Path) -> None:
    inst = valid_copy / "institutions.csv"
    inst.write_text(
        inst.read_text(encoding="utf-8") + "LIB9,Biblioteka Gminna,biblioteka,,,2815022,,\n",
        encoding="utf-8",
    )
    dataset = read_dataset(valid_copy)
    assert [(w.rule, w.row, w.column) for w in dataset.warnings] == [
        ("isolated-institution", 15, "id")
    ]
    with pytest.raises(DatasetError) as info:
        read_dataset(valid_copy, strict=True)
    assert [p.rule for p in info.value.problems] == ["isolated-institution"]


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("2815011", None),
        ("28 15 011", None),
        ("2815016", "the 7th digit (gmina type)"),
        ("2800011", "the powiat part (digits 3-4) cannot be 00"),
        ("2815001", "the gmina part (digits 5-6) cannot be 00"),
        ("3314011", "'33' is not a voivodeship code"),
        ("28150", "a TERYT code has 2 digits"),
        ("28A4011", "only digits"),
        ("２８１５０１１", "only digits"),  # full-width digits pass str.isdigit()
        ("٢٨١٥٠١١", "only digits"),  # Arabic-Indic digits too
    ],
)
def test_teryt_rules(valid_copy: Path, cell: str, expected: str | None) -> None:
    inst = valid_copy / "institutions.csv"
    text = inst.read_text(encoding="utf-8").replace(
        "SZK2,Szkoła Podstawowa w Dąbrównie,szkola,EDUKACJA,gmina,2815022",
        f"SZK2,Szkoła Podstawowa w Dąbrównie,szkola,EDUKACJA,gmina,{cell}",
    )
    inst.write_text(text, encoding="utf-8")
    if expected is None:
        dataset = read_dataset(valid_copy)
        assert dataset.institutions.set_index("id").at["SZK2", "teryt"] == "2815011"
        return
    with pytest.raises(DatasetError) as info:
        read_dataset(valid_copy)
    (problem,) = info.value.problems
    assert (problem.file, problem.row, problem.column) == ("institutions.csv", 12, "teryt")
    assert expected in problem.message


def test_teryt_lost_leading_zero_is_restored_with_a_warning(valid_copy: Path) -> None:
    inst = valid_copy / "institutions.csv"
    inst.write_text(
        inst.read_text(encoding="utf-8")
        + "OPS9,GOPS w Bolkowie,GOPS,,,206011,,\n",  # 0206011 as Excel writes it
        encoding="utf-8",
    )
    coop = valid_copy / "cooperation.csv"
    coop.write_text(
        coop.read_text(encoding="utf-8") + "OPS9,PCPR1,information,1,,after,false\n",
        encoding="utf-8",
    )
    dataset = read_dataset(valid_copy)
    assert dataset.institutions.set_index("id").at["OPS9", "teryt"] == "0206011"
    assert sorted(w.rule for w in dataset.warnings) == ["teryt-padded", "unnamed-territory"]
    (warning,) = [w for w in dataset.warnings if w.rule == "teryt-padded"]
    assert "'206011' read as '0206011'" in warning.message


def test_teryt_too_short_for_the_level(valid_copy: Path) -> None:
    inst = valid_copy / "institutions.csv"
    text = inst.read_text(encoding="utf-8").replace(
        "POL2,Posterunek Policji w Dąbrównie,posterunek policji,policja,gmina,2815022",
        "POL2,Posterunek Policji w Dąbrównie,posterunek policji,policja,gmina,2815",
    )
    inst.write_text(text, encoding="utf-8")
    with pytest.raises(DatasetError) as info:
        read_dataset(valid_copy)
    (problem,) = info.value.problems
    assert problem.rule == "teryt-level"
    assert "needs the 7-digit gmina code" in problem.message


@pytest.mark.parametrize(
    ("header", "row", "rule", "text"),
    [
        ("size,children", "4,4", "bad-number", "cannot be as many as the family's size"),
        ("size,children", "0,", "bad-number", "must be at least 1"),
        ("size,children", "2.5,", "bad-number", "is not a whole number"),
        # no value of a family table is repeated (a swapped column may hold family ids)
        ("problems,plan_status", "ubóstwo|głód,", "unknown-value", "not shown: family data"),
        ("problems,plan_status", ",w trakcie lotu", "unknown-value", "plan status"),
    ],
)
def test_family_rules(tmp_path: Path, header: str, row: str, rule: str, text: str) -> None:
    (tmp_path / "institutions.csv").write_text(
        "id,name,type,sector,level,teryt\nOPS1,GOPS,GOPS,,gmina,2815022\n", encoding="utf-8"
    )
    (tmp_path / "families.csv").write_text(
        f"id,teryt,{header}\nA1,2815022,{row}\n", encoding="utf-8"
    )
    (tmp_path / "services.csv").write_text("family,institution\nA1,OPS1\n", encoding="utf-8")
    with pytest.raises(DatasetError) as info:
        read_dataset(tmp_path)
    (problem,) = info.value.problems
    assert (problem.file, problem.row, problem.rule) == ("families.csv", 2, rule)
    assert text in problem.message
    assert all(value not in problem.message for value in row.split(",") if len(value) > 1)


def test_no_institutions_table(tmp_path: Path) -> None:
    (tmp_path / "cooperation.csv").write_text("source,target\nA,B\n", encoding="utf-8")
    with pytest.raises(DatasetError) as info:
        read_dataset(tmp_path)
    assert [p.rule for p in info.value.problems] == ["missing-table"]
    assert "needs at least institutions.csv" in info.value.problems[0].message


def test_rows_with_the_wrong_number_of_fields(tmp_path: Path) -> None:
    (tmp_path / "institutions.csv").write_text(
        "id,name,type,sector,level,teryt\nOPS1,GOPS,GOPS,,gmina,2815022\n"
        "OPS2,GOPS, Dąbrówno,GOPS,,gmina,2815022\n",
        encoding="utf-8",
    )
    with pytest.raises(DatasetError) as info:
        read_dataset(tmp_path)
    (problem,) = info.value.problems
    assert (problem.file, problem.row, problem.rule) == ("institutions.csv", 3, "bad-row")
    assert "unquoted delimiter" in problem.message


def test_duplicate_ids_across_institutions_groups_and_persons(valid_copy: Path) -> None:
    groups = valid_copy / "groups.csv"
    groups.write_text(
        groups.read_text(encoding="utf-8") + "OPS1,Grupa o mylącym id,GGK,,2815011,,,\n",
        encoding="utf-8",
    )
    with pytest.raises(DatasetError) as info:
        read_dataset(valid_copy)
    rules = [(p.file, p.row, p.rule) for p in info.value.problems]
    assert ("groups.csv", 5, "duplicate-id") in rules


def test_large_tables_report_every_bad_row(tmp_path: Path) -> None:
    """Columns of large tables are typed once per distinct value; rows must stay exact."""
    n = 25_000
    (tmp_path / "institutions.csv").write_text(
        "id,name,type,sector,level,teryt\n"
        + "".join(f"I{i},Szkoła {i},szkoła,,gmina,2815011\n" for i in range(300)),
        encoding="utf-8",
    )
    lines = ["source,target,kind,weight,since,wave"]
    for i in range(n):
        lines.append(f"I{i % 300},I{(i + 1) % 300},information,1,2020-01-0{1 + i % 9},w{i}")
    lines[100] = "I1,I2,information,zero,2020-01-01,w99"  # row 101: bad number
    lines[20_000] = "I1,I2,gossip,1,2020-01-01,w19999"  # row 20001: unknown kind
    lines[24_000] = "I1,I2,information,1,2020-02-30,w23999"  # row 24001: bad date
    lines[24_001] = "I1,I2,information,zero,2020-02-30,w24000"  # row 24002: both again
    (tmp_path / "cooperation.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(DatasetError) as info:
        read_dataset(tmp_path)
    found = sorted((p.row or 0, p.column or "", p.rule) for p in info.value.problems)
    assert found == [
        (101, "weight", "bad-number"),
        (20_001, "kind", "unknown-value"),
        (24_001, "since", "bad-date"),
        (24_002, "since", "bad-date"),
        (24_002, "weight", "bad-number"),
    ]
    messages = {p.row: p.message for p in info.value.problems if p.column == "weight"}
    assert messages[101].startswith("'zero' is not a number")
