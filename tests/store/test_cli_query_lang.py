"""``kokon-graph --lang pl neo4j query``: a table a Polish reader reads, on FalkorDB and Neo4j.

(A module of its own: the Neo4j run needs the test server's credentials in the environment,
which test_cli_neo4j.py removes for every test.)
"""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner, Result

from kokon_graph.analysis.results import REGISTRY
from kokon_graph.cli import main
from kokon_graph.cli.neo4j_cmd import _cell
from kokon_graph.store import ready_queries
from tests.conftest import VALID


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


@pytest.mark.parametrize("server", ["falkordb", "neo4j"])
def test_a_polish_query_table_has_the_results_headers_and_words(
    server: str, request: pytest.FixtureRequest
) -> None:
    """In Polish a ready query's table has the headers of the result it mirrors (the one
    contract, analysis/results.py), vocabulary labels for codes, tak/nie for booleans; the
    CSV for programs stays as the query returns it."""
    uri = request.getfixturevalue("falkordb_uri" if server == "falkordb" else "neo4j_cli_env")
    assert run("neo4j", "load", str(VALID), "--uri", uri, "-q").exit_code == 0
    pl = ("--lang", "pl", "neo4j", "query")
    result = run(*pl, "central_actors", "--uri", uri, "-p", "gmina=2815022", "-p", "limit=1")
    assert result.exit_code == 0, result.output
    header, first, count = result.stdout.splitlines()
    columns = ("id", "name", "type", "sector", "teryt", "degree", "in_degree", "out_degree")
    labels = [REGISTRY["centrality"].label(c, "pl") for c in (*columns, "degree_sym")]
    assert re.split(r"\s{2,}", header.strip()) == labels
    assert labels[:4] == ["identyfikator", "nazwa", "typ", "sektor"]
    assert re.split(r"\s{2,}", first.strip()) == [
        "GOPS2",
        "Gminny Ośrodek Pomocy Społecznej w Dąbrównie",
        "ośrodek pomocy społecznej",
        "pomoc i integracja społeczna",
        "2815022",
        "5",
        "2",
        "3",
        "3",
    ]
    assert count == "(wiersze: 1)"
    result = run(*pl, "sector_gaps", "--uri", uri, "-p", "gmina=2815022")
    rows = [re.split(r"\s{2,}", line.strip()) for line in result.stdout.splitlines()]
    gap_columns = ("gmina", "gmina_name", "ops_id", "ops_name", "sector", "status", "institutions")
    assert rows[0] == [REGISTRY["gaps_sector"].label(c, "pl") for c in gap_columns]
    assert [row[4:6] for row in rows[1:3]] == [
        ["ochrona zdrowia", "brak sektora"],
        ["policja", "brak powiązania z OPS/CUS"],
    ]
    result = run(*pl, "ego_network", "--uri", uri, "-p", "id=GOPS2")
    rows = [re.split(r"\s{2,}", line.strip()) for line in result.stdout.splitlines()]
    assert rows[1][-4:] == ["tak", "nie", "wymiana zasobów", "1"]
    result = run(*pl, "ego_network", "--uri", uri, "-p", "id=GOPS2", "--csv")
    assert result.stdout.splitlines()[1] == (
        "PAR2,Parafia św. Jana w Dąbrównie,parish,church,2815022,true,false,resources,1"
    )


def test_a_query_cell_is_written_as_the_language_writes_it() -> None:
    assert [_cell(v, "pl") for v in (0.25, 1234.5, True, [0.5, 2])] == [
        "0,25",
        "1234",
        "tak",
        "0,5|2",
    ]
    assert [_cell(v, "en") for v in (0.25, 1234.5, True, None)] == ["0.25", "1234", "true", ""]


def test_a_polish_query_mistake_is_told_in_polish() -> None:
    """A ready query that does not exist, a parameter it lacks, does not declare or gets in
    the wrong type: Polish messages and hints (no server is asked)."""
    from tests.test_lang import _english_found

    pl = ("--lang", "pl", "neo4j", "query")
    told = {
        "no such query": run(*pl, "sektor").stderr,
        "missing": run(*pl, "central_actors").stderr,
        "undeclared": run(*pl, "central_actors", "-p", "gmina=1", "-p", "gmna=1").stderr,
        "wrong type": run(*pl, "central_actors", "-p", "gmina=1", "-p", "limit=dziesięć").stderr,
    }
    assert told["no such query"].splitlines()[0] == "Błąd: nie ma gotowego zapytania 'sektor'"
    assert told["missing"].splitlines() == [
        "Błąd: zapytanie central_actors wymaga parametru 'gmina'",
        "Wskazówka: dodaj --param gmina=WARTOŚĆ",
    ]
    assert told["wrong type"].splitlines()[0] == (
        "Błąd: parametr 'limit' musi być liczbą całkowitą, a nie 'dziesięć'"
    )
    # the names of parameters are typed as they are (--param wave=before)
    typed = frozenset(p.name for q in ready_queries() for p in q.params)
    found = {name: _english_found(text, typed) for name, text in told.items()}
    assert found == {name: set() for name in told}
