"""``kokon-graph neo4j``: exact output and exit codes, credentials, and a URI in place of a dataset.

The commands run end to end against the FalkorDB test server (``falkordb://``
URIs), and against a closed port with the official driver (``bolt://``) for
the connection and credential paths. The password must never appear in the
output, the logs or an exception.
"""

from __future__ import annotations

import logging
import re
import socket
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from kokon_graph.cli import main
from kokon_graph.io import read_dataset
from kokon_graph.store import connect, ready_queries
from kokon_graph.store.statements import schema_statements
from tests.conftest import VALID
from tests.store import cypher_for_tests as tq

SECRET = "Tajne-Hasło-123!"


@pytest.fixture(autouse=True)
def _no_credentials_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("NEO4J_URI", "NEO4J_USERNAME", "NEO4J_PASSWORD", "NEO4J_DATABASE"):
        monkeypatch.delenv(name, raising=False)


def run(*args: str, input: str | None = None) -> Result:
    return CliRunner().invoke(main, list(args), input=input)


def _location(uri: str) -> str:
    host_port, graph = uri.removeprefix("falkordb://").split("/")
    return f"falkordb://{host_port} (graph {graph})"


def test_init_applies_the_schema_twice_without_harm(falkordb_uri: str) -> None:
    n = len(schema_statements("falkordb"))
    for _ in range(2):
        result = run("neo4j", "init", "--uri", falkordb_uri)
        assert result.exit_code == 0, result.output
        assert result.stdout == (
            f"Schema applied to {_location(falkordb_uri)}: {n} constraints and indexes "
            "(existing ones are kept).\n"
        )


LOAD_TABLE = """\
  what                        rows  created  matched
  Territory                      4        4        0
  Territory (named by codes)     4        0        4
  LOCATED_IN (Territory)         3        3        0
  Institution                   13       13        0
  LOCATED_IN (Institution)      13       13        0
  Group                          3        3        0
  LOCATED_IN (Group)             3        3        0
  Person                         3        3        0
  WORKS_AT                       3        3        0
  Family                         7        7        0
  LOCATED_IN (Family)            7        7        0
  COORDINATES                    1        1        0
  COOPERATES_WITH               18       18        0
  MEMBER_OF (Institution)       10       10        0
  MEMBER_OF (Person)             1        1        0
  SERVES                        19       19        0
  REFERRED                       7        7        0
"""


def test_load_prints_what_it_created_then_matched(falkordb_uri: str) -> None:
    result = run("neo4j", "load", str(VALID), "--uri", falkordb_uri, "--batch-size", "5")
    assert result.exit_code == 0, result.output
    where = _location(falkordb_uri)
    assert result.stdout == (
        f"Loaded {VALID} into {where}: 119 rows in 32 batches; 115 created, 4 matched "
        "(there already).\n" + LOAD_TABLE
    )
    again = run("neo4j", "load", str(VALID), "--uri", falkordb_uri)
    assert again.exit_code == 0, again.output
    first_line, *table = again.stdout.splitlines()
    assert first_line == (
        f"Loaded {VALID} into {where}: 119 rows in 17 batches; 0 created, 119 matched "
        "(there already)."
    )
    assert all(line.split()[-2] == "0" for line in table[1:])
    assert run("neo4j", "load", str(VALID), "--uri", falkordb_uri, "-q").stdout == ""


def test_a_failed_load_says_how_far_it_got_and_how_to_finish(
    falkordb_uri: str, tmp_path: Path
) -> None:
    # a real constraint of the engine that the data breaks: two institutions share a name
    with connect(falkordb_uri) as session:
        graph = session.graph  # type: ignore[attr-defined]
        graph.query("CREATE INDEX FOR (n:Institution) ON (n.name)")
        graph.create_node_unique_constraint("Institution", "name")
    data = tmp_path / "clash"
    data.mkdir()
    for f in VALID.iterdir():
        (data / f.name).write_bytes(f.read_bytes())
    inst = data / "institutions.csv"
    lines = inst.read_text(encoding="utf-8").splitlines()
    lines[-1] = re.sub(r"^([^,]+),[^,]+,", r"\1,Fundacja „Korale”,", lines[-1])
    inst.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run("neo4j", "load", str(data), "--uri", falkordb_uri, "--batch-size", "100")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "Error: the load stopped at Institution (batch 1 of 1) after 11 of 125 rows were "
        f"written: {_location(falkordb_uri)}: unique constraint violation on node of type "
        "Institution",
        "Hint: nothing is lost or duplicated: run the same command again to complete the load",
    ]
    with connect(falkordb_uri) as session:
        assert tq.counts(session)["Institution"] == 0  # the failed batch left nothing behind
        assert tq.counts(session)["Territory"] == 4


def test_export_writes_the_dataset_back(falkordb_uri: str, tmp_path: Path) -> None:
    assert run("neo4j", "load", str(VALID), "--uri", falkordb_uri).exit_code == 0
    out = tmp_path / "exported"
    result = run("neo4j", "export", "--uri", falkordb_uri, str(out))
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        f"Exported {_location(falkordb_uri)} to {out}: institutions 13, territories 4, "
        "cooperation 18, groups 3, memberships 11, persons 3, families 7, services 19, "
        "referrals 7\n"
    )
    assert read_dataset(out).equals(read_dataset(VALID))


def test_query_without_a_name_lists_the_ready_queries() -> None:
    result = run("neo4j", "query")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "central_actors  gmina=... [wave=...] [limit=...]"
    assert lines[1] == (
        "    Central actors of a gmina: the institutions of the gmina's cooperation network "
        "(its own institutions and the powiat- and voivodeship-level ones whose territory "
        "holds it), most connected first."
    )
    assert [line.split()[0] for line in lines[::2]] == [q.stem for q in ready_queries()]


def test_query_prints_a_table_or_csv(falkordb_uri: str) -> None:
    assert run("neo4j", "load", str(VALID), "--uri", falkordb_uri).exit_code == 0
    args = ["neo4j", "query", "ego_network", "--uri", falkordb_uri, "--param", "id=GOPS2"]
    result = run(*args)
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "partner  name                                           type    sector          "
        "teryt    outgoing  incoming  kinds         reports\n"
        "PAR2     Parafia św. Jana w Dąbrównie                   parish  church          "
        "2815022  true      false     resources           1\n"
        "PCPR1    Powiatowe Centrum Pomocy Rodzinie w Ostródzie  pcpr    family_support  "
        "   2815  true      true      information         2\n"
        "SZK2     Szkoła Podstawowa w Dąbrównie                  school  education       "
        "2815022  true      true      joint_action        1\n"
        "(3 rows)\n"
    )
    result = run(*args, "--param", "wave=before", "--csv")
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "partner,name,type,sector,teryt,outgoing,incoming,kinds,reports\n"
        "PCPR1,Powiatowe Centrum Pomocy Rodzinie w Ostródzie,pcpr,family_support,2815,"
        "true,true,information,1\n"
    )
    none = run("neo4j", "query", "ego_network", "--uri", falkordb_uri, "-p", "id=NOBODY")
    assert none.stdout == "ego_network: no rows.\n"


def test_query_parameter_mistakes_are_usage_errors(falkordb_uri: str) -> None:
    result = run("neo4j", "query", "central_actors", "--uri", falkordb_uri)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "Error: central_actors needs the parameter 'gmina' (TERYT code of the gmina (7 digits; "
        "a powiat's 4 or a voivodeship's 2 work too))",
        "Hint: add --param gmina=VALUE",
    ]
    result = run("neo4j", "query", "sektor", "--uri", falkordb_uri)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == "Error: there is no ready query 'sektor'"
    result = run("neo4j", "query", "central_actors", "--uri", falkordb_uri, "-p", "gmina")
    assert result.exit_code == 2
    assert "'gmina' is not key=value" in result.stderr


def test_a_uri_stands_in_for_a_dataset_path(falkordb_uri: str, tmp_path: Path) -> None:
    assert run("neo4j", "load", str(VALID), "--uri", falkordb_uri).exit_code == 0
    result = run("info", falkordb_uri, "--scope", "gmina:2815022", "--wave", "after")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[1:3] == [
        "Scope: municipality Dąbrówno (2815022); wave: after",
        "Waves: after, before",
    ]
    out = tmp_path / "results"
    result = run("analyze", falkordb_uri, "--out", str(out), "--quiet")
    assert result.exit_code == 0, result.output
    assert (out / "centrality.csv").exists()


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_the_password_comes_from_the_environment_and_never_shows(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    monkeypatch.setenv("NEO4J_PASSWORD", SECRET)
    monkeypatch.setenv("NEO4J_USERNAME", "analityk")
    port = _closed_port()
    result = run("neo4j", "load", str(VALID), "--uri", f"bolt://127.0.0.1:{port}")
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[0].startswith(f"Error: cannot reach bolt://127.0.0.1:{port}: ")
    assert lines[1] == (
        "Hint: check the URI and that the server is running; Neo4j Aura needs neo4j+s://"
    )
    assert SECRET not in result.output
    assert caplog.records
    assert SECRET not in caplog.text
    assert result.exception is None or SECRET not in repr(result.exception)


def test_without_the_variable_the_password_is_asked_for_hidden(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    port = _closed_port()
    result = run("neo4j", "init", "--uri", f"neo4j://127.0.0.1:{port}", input=SECRET + "\n")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Password of neo4j at neo4j://127.0.0.1:{port}: \n")
    assert SECRET not in result.output
    assert SECRET not in caplog.text


def test_no_password_at_all_is_a_clear_error() -> None:
    result = run("neo4j", "init", "--uri", "neo4j://127.0.0.1:7687", input="")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-2:] == [
        "Error: no password: NEO4J_PASSWORD is not set and none was typed",
        "Hint: set NEO4J_PASSWORD, or run the command in a terminal to be asked for it",
    ]


def test_there_is_no_password_option() -> None:
    result = run("neo4j", "load", str(VALID), "--uri", "neo4j://x:7687", "--password", SECRET)
    assert result.exit_code == 2
    assert "No such option '--password'" in result.stderr
    for command in ("init", "load", "export", "query"):
        assert "--password" not in run("neo4j", command, "--help").stdout


def test_a_uri_is_required() -> None:
    result = run("neo4j", "init")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "Error: no database given",
        "Hint: add --uri neo4j://host:7687 (or set NEO4J_URI)",
    ]
