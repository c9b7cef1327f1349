"""The command line: exact output and exit codes of validate and info, help on every command."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from kokon_graph import __version__
from kokon_graph.cli import COMMANDS, main
from tests.conftest import INVALID, REPO, VALID


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_version() -> None:
    assert run("--version") == (0, f"kokon-graph, version {__version__}\n", "")


def test_python_dash_m_works() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "kokon_graph", "--version"],
        capture_output=True,
        text=True,
        check=True,
        cwd=REPO,
    )
    assert out.stdout.strip().endswith(__version__)


def test_validate_valid_dataset() -> None:
    code, out, err = run("validate", str(VALID))
    assert code == 0, err
    assert out == (
        f"{VALID}: valid (institutions 13, territories 4, cooperation 18, groups 3, "
        "memberships 11, persons 3, families 7, services 19, referrals 7)\n"
    )


def test_validate_invalid_dataset_lists_every_problem() -> None:
    code, out, _ = run("validate", str(INVALID / "many-problems"))
    assert code == 2
    lines = out.splitlines()
    assert lines[0] == (
        f"{INVALID / 'many-problems'}: INVALID, 7 problems (2 unknown-value, 1 bad-date, "
        "1 unknown-reference, 1 bad-number, 1 duplicate-id, 1 bad-teryt):"
    )
    assert len(lines) == 8
    assert lines[3] == (
        "  cooperation.csv, row 3, column 'target': 'NIEMA' is not an institution in "
        "institutions.csv"
    )
    code, out, _ = run("validate", str(INVALID / "many-problems"), "--limit", "2")
    assert out.splitlines()[-1] == "  ... and 5 more (use --limit 0 to list all)"


@pytest.mark.parametrize("folder", sorted(p.name for p in INVALID.iterdir() if p.is_dir()))
def test_every_invalid_dataset_exits_2_naming_file_row_column(folder: str) -> None:
    code, out, err = run("validate", str(INVALID / folder))
    assert code == 2, err
    problem_lines = out.splitlines()[1:]
    assert problem_lines
    for line in problem_lines:
        assert re.match(r"  \w+\.csv(, row \d+)?, column '[^']+': ", line), line


def test_strict_turns_warnings_into_errors(valid_copy: Path) -> None:
    inst = valid_copy / "institutions.csv"
    inst.write_text(
        inst.read_text(encoding="utf-8") + "LIB9,Biblioteka,biblioteka,,,2815022,,\n",
        encoding="utf-8",
    )
    code, out, _ = run("validate", str(valid_copy))
    assert code == 0
    assert out.splitlines()[1:] == [
        "1 warning (1 isolated-institution):",
        "  institutions.csv, row 15, column 'id': institution 'LIB9' has no ties: no "
        "cooperation, group, service or referral",
    ]
    code, out, _ = run("validate", str(valid_copy), "--strict")
    assert code == 2
    assert "INVALID, 1 problem (1 isolated-institution)" in out


def test_missing_key_is_one_line_and_a_hint(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KOKON_PSEUDONYM_KEY")
    code, out, err = run("validate", str(VALID))
    assert code == 1
    assert out == ""
    lines = err.splitlines()
    assert lines[0] == (
        "Error: valid: families.csv holds family ids that must be pseudonymised, and no key is set"
    )
    assert lines[1].startswith("Hint: set KOKON_PSEUDONYM_KEY")
    assert len(lines) == 2
    assert "Traceback" not in err


def test_missing_path_is_one_line_and_a_hint() -> None:
    code, out, err = run("info", "no/such/folder")
    assert out == ""
    assert code == 1
    assert err.splitlines() == [
        "Error: 'no/such/folder' does not exist",
        "Hint: give a dataset folder of CSV files or an .xlsx workbook",
    ]


def test_info_text() -> None:
    code, out, err = run("info", str(VALID), "--scope", "gmina:2815022", "--wave", "after")
    assert code == 0, err
    lines = out.splitlines()
    assert lines[:4] == [
        "Dataset: valid",
        "Scope: municipality Dąbrówno (2815022); wave: after",
        "Waves: after, before",
        "Projects: Kooperacja",
    ]
    assert "Institutions by sector:" in lines
    assert "  church             1" in lines
    assert ["cooperation", "/", "after", "6"] in [line.split() for line in lines]
    # one referral in the scope: a count of families' rows below 3 is not printed
    assert ["referrals", "/", "after", "<3"] in [line.split() for line in lines]


def test_info_json_counts() -> None:
    code, out, _ = run("info", str(VALID), "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["tables"]["institutions"] == 13
    assert data["sector"]["social_assistance"] == 3
    assert data["wave"]["cooperation/before"] == 7
    assert data["waves"] == ["after", "before"]


def test_info_bad_scope_and_wave() -> None:
    code, _, err = run("info", str(VALID), "--scope", "powiat:28")
    assert code == 2
    assert err.splitlines()[0] == "Error: a powiat scope needs a 4-digit TERYT code, not '28'"
    code, _, err = run("info", str(VALID), "--wave", "2030")
    assert code == 2
    assert err.splitlines()[0] == "Error: wave '2030' is not in the data (waves: after, before)"


def _all_commands() -> list[tuple[str, click.Command]]:
    ctx = click.Context(main)
    out = []
    for name in main.list_commands(ctx):
        command = main.get_command(ctx, name)
        assert command is not None
        out.append((name, command))
        if isinstance(command, click.Group):
            sub_ctx = click.Context(command, parent=ctx)
            for sub in command.list_commands(sub_ctx):
                sub_command = command.get_command(sub_ctx, sub)
                assert sub_command is not None
                out.append((f"{name} {sub}", sub_command))
    return out


def test_every_command_is_available() -> None:
    listed = {name for name, _ in _all_commands()}
    assert {"validate", "info"} <= listed
    assert listed & set(COMMANDS) == {
        name
        for name, target in COMMANDS.items()
        if (REPO / (target.split(":")[0].replace(".", "/") + ".py")).exists()
    }


def test_every_command_has_help_with_an_example() -> None:
    for name, _command in _all_commands():
        code, out, err = run(*name.split(), "--help")
        assert code == 0, (name, err)
        assert "Example" in out, f"`kokon-graph {name} --help` shows no example"


def test_every_command_is_documented_in_readme() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for name, _ in _all_commands():
        assert f"kokon-graph {name}" in readme, f"`kokon-graph {name}` is not in README.md"


def test_a_closed_pipe_is_not_an_error() -> None:
    """`kokon-graph info DATASET | head -1` stops quietly, without an 'Internal error'."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "kokon_graph", "info", str(REPO / "datasets/kooperacja-efektywna")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=REPO,
    )
    assert proc.stdout is not None and proc.stderr is not None
    first = proc.stdout.readline()
    proc.stdout.close()
    err = proc.stderr.read().decode()
    proc.stderr.close()
    proc.wait(timeout=60)
    assert first.startswith(b"Dataset: kooperacja-efektywna")
    assert "Internal error" not in err
    assert proc.returncode in (0, 141)


@pytest.mark.parametrize("option", ["--help", "--version"])
def test_help_and_version_import_neither_pandas_nor_networkx(option: str) -> None:
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "kokon_graph", option],
        capture_output=True,
        text=True,
        check=True,
    )
    imported = {line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines()}
    assert "kokon_graph.cli" in imported  # the timing really lists what ran
    assert not {"pandas", "networkx"} & imported


def test_command_summaries_are_the_commands_own() -> None:
    from kokon_graph.cli import SUMMARIES

    ctx = click.Context(main)
    assert set(SUMMARIES) == set(COMMANDS)
    for name, summary in SUMMARIES.items():
        command = main.get_command(ctx, name)
        assert command is not None
        assert command.get_short_help_str(1000) == summary, name
