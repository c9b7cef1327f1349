"""Every Cypher statement passes Neo4j's own parser and linter, and is where the code looks.

The linter is the npm package ``@neo4j-cypher/language-support`` (Neo4j's
parser and semantic analysis, the engine of its VS Code extension), run by
``tools/cypher-lint/lint.cjs`` on Node.js. CI installs it with
``npm ci --prefix tools/cypher-lint`` (scripts/setup.sh does).

Checked: every ``cypher/`` file as a whole (header included, as people paste
it into Neo4j Browser), every statement the store sends (file bodies and the
schema files split into statements) and every statement the tests build, with
the labels and relationship types of :mod:`kokon_graph.model` as the
database's (an unknown one is a warning, and a warning fails) and each
statement's declared parameters (an undeclared one is an error).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tomllib
from fnmatch import fnmatch
from pathlib import Path
from typing import Any, get_args

import pytest

from kokon_graph.io.schema import FILE_ONLY_TABLES, TABLE_NAMES
from kokon_graph.model import NEO4J_LABELS, NEO4J_REL_TYPES
from kokon_graph.store.load import LOAD_STEPS
from kokon_graph.store.session import Dialect
from kokon_graph.store.statements import FOLDERS, Statement, schema_statements, statements
from tests.conftest import REPO
from tests.store.cypher_for_tests import ALL_TEST_STATEMENTS

LINT_DIR = REPO / "tools" / "cypher-lint"
CYPHER_DIR = REPO / "kokon_graph" / "cypher"
SAMPLE = {"string": "", "integer": 0, "float": 0.5, "boolean": False, "list": [], "map": {}}
LABELS = sorted(NEO4J_LABELS.values())
REL_TYPES = sorted(NEO4J_REL_TYPES.values())


def _node() -> str:
    node = shutil.which("node")
    if node is None:
        pytest.fail("Node.js is needed for the Cypher linter (apt-get install nodejs)")
    if not (LINT_DIR / "node_modules" / "@neo4j-cypher" / "language-support").is_dir():
        pytest.fail("the Cypher linter is not installed: run `npm ci --prefix tools/cypher-lint`")
    return node


def lint(items: list[dict[str, Any]], *extra: str) -> tuple[int, list[dict[str, Any]]]:
    """Run lint.cjs --json on ``items`` ({name, text[, parameters]}); (exit code, results)."""
    request = {"statements": items, "labels": LABELS, "relationshipTypes": REL_TYPES}
    proc = subprocess.run(
        [_node(), "lint.cjs", "--json", *extra],
        input=json.dumps(request),
        cwd=LINT_DIR,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert proc.stdout, proc.stderr
    return proc.returncode, json.loads(proc.stdout)["results"]


def _sent(st: Statement) -> dict[str, Any]:
    return {
        "name": f"{st.name} (as sent)",
        "text": st.body,
        "parameters": {p.name: SAMPLE[p.type] for p in st.params},
    }


def _everything() -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    for st in statements():
        items.append({"name": st.name, "text": st.text})  # header declares the parameters
        if st.folder != "schema":
            items.append(_sent(st))
    for dialect in get_args(Dialect):
        items += [_sent(st) for st in schema_statements(dialect)]
    items += [_sent(st) for st in ALL_TEST_STATEMENTS]
    return items


@pytest.fixture(scope="module")
def linted() -> tuple[int, list[dict[str, Any]]]:
    return lint(_everything())


def test_every_statement_passes_neo4j_s_linter(linted: tuple[int, list[dict[str, Any]]]) -> None:
    code, results = linted
    problems = [
        f"{r['name']}:{d['line']}:{d['column']}: {d['severity']}: {d['message']}"
        for r in results
        for d in r["diagnostics"]
    ]
    assert problems == []
    assert code == 0
    names = {r["name"] for r in results}
    assert "queries/central_actors" in names
    assert "schema/neo4j#1 (as sent)" in names
    assert "tests/clear (as sent)" in names
    assert len(results) == len(_everything())


def test_the_linter_rejects_what_neo4j_rejects() -> None:
    code, results = lint(
        [
            {"name": "ok", "text": "MATCH (n:Institution) RETURN n.id"},
            {"name": "syntax", "text": "MATCH (n:Institution) RETRN n"},
            {"name": "param", "text": "MATCH (n:Institution {id: $id}) RETURN n"},
            {"name": "label", "text": "MATCH (n:Instytucja) RETURN n"},
            {"name": "reltype", "text": "MATCH ()-[r:COOPERATES]->() RETURN r"},
            {
                "name": "grouping",
                "text": "MATCH (n:Institution) WITH n.id AS a, [] AS l RETURN a, l + collect(a)",
            },
            {
                "name": "header",
                "text": "// @param $id: string -- an id\nMATCH (n {id: $id}) RETURN n",
            },
        ]
    )
    assert code == 1
    severities = {r["name"]: [d["severity"] for d in r["diagnostics"]] for r in results}
    assert severities == {
        "ok": [],
        "syntax": ["error"],
        "param": ["error"],
        "label": ["warning"],
        "reltype": ["warning"],
        "grouping": ["error"],
        "header": [],
    }
    code, _ = lint([{"name": "label", "text": "MATCH (n:Instytucja) RETURN n"}], "--allow-warnings")
    assert code == 0


def test_the_lint_script_checks_files_and_standard_input(tmp_path: Path) -> None:
    files = sorted(str(p) for p in CYPHER_DIR.glob("queries/*.cypher"))  # all: see above
    schema_args = ["--labels", ",".join(LABELS), "--rel-types", ",".join(REL_TYPES)]
    ok = subprocess.run(
        [_node(), "lint.cjs", *schema_args, *files],
        cwd=LINT_DIR,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert ok.stderr.strip() == f"{len(files)} file(s) checked, no problems"
    bad = subprocess.run(
        [_node(), "lint.cjs", *schema_args, "-"],
        input="MATCH (n:Institution)\nRETURN $missing",
        cwd=LINT_DIR,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert bad.returncode == 1
    assert bad.stdout == "<stdin>:2:8: error: Parameter $missing is not defined.\n"


def test_lint_tool_pins_its_linter_version() -> None:
    package = json.loads((LINT_DIR / "package.json").read_text(encoding="utf-8"))
    version = package["dependencies"]["@neo4j-cypher/language-support"]
    assert re.fullmatch(r"\d+\.\d+\.\d+(-[\w.]+)?", version), "pin an exact version"
    lock = json.loads((LINT_DIR / "package-lock.json").read_text(encoding="utf-8"))
    locked = lock["packages"]["node_modules/@neo4j-cypher/language-support"]["version"]
    assert locked == version
    script = package["scripts"]["lint"]
    assert f"--labels {','.join(LABELS)} " in script
    assert f"--rel-types {','.join(REL_TYPES)} " in script
    ignored = (REPO / ".gitignore").read_text(encoding="utf-8").split()
    assert "node_modules/" in ignored


_PARAM_USE = re.compile(r"\$(\w+)")
_LABEL_USE = re.compile(r"\(\s*\w*\s*:\s*(\w+)")
_REL_USE = re.compile(r"\[\s*\w*\s*:\s*(\w+)")


def _code(text: str) -> str:
    return "\n".join(line.split("//", 1)[0] for line in text.splitlines())


@pytest.mark.parametrize("st", statements(), ids=lambda s: s.name)
def test_headers_declare_what_the_statement_uses(st: Statement) -> None:
    assert st.summary, f"{st.name} has no header comment saying what it does"
    body = _code(st.body)
    used = set(_PARAM_USE.findall(body))
    assert used == {p.name for p in st.params}, "every $parameter declared, every declared used"
    assert set(_LABEL_USE.findall(body)) <= set(LABELS)
    assert set(_REL_USE.findall(body)) <= set(REL_TYPES)
    for p in st.params:
        assert p.description, f"{st.name}: ${p.name} has no description"
        assert p.type in SAMPLE
    if st.folder == "load":
        assert st.creates in ("nodes", "relationships")
        # the rows, after the batch's end nodes where it finds each once (load.batch_parameters)
        assert body.lstrip().startswith(("UNWIND $rows AS row\n", "UNWIND range(0, size($"))
        assert "\nUNWIND $rows AS row\n" in f"\n{body.lstrip()}"
        assert "MERGE" in body
        assert not re.search(r"(?<!ON )\bCREATE\b", body), "loading never CREATEs blindly"
    if st.folder in ("read", "queries"):
        assert st.returns, f"{st.name} has no @returns"
        assert not re.search(r"\b(MERGE|CREATE|SET|DELETE|REMOVE)\b", body)
    if st.folder == "queries":
        assert st.mirrors.startswith("kokon_graph.")


def test_values_are_parameters_not_text() -> None:
    # string literals in statements are only '' (the empty wave) and the queries' status words,
    # and in the GDS engine's statements the projected property's name and "every type"
    allowed = {"", "absent", "no_tie"}
    for st in statements():
        literals = set(re.findall(r"'([^']*)'", _code(st.body)))
        extra = {"weight", "*"} if st.folder == "gds" else set()
        assert literals <= allowed | extra, (st.name, literals - allowed)
        assert '"' not in _code(st.body), st.name


def test_every_statement_the_code_names_exists() -> None:
    names = {st.name for st in statements()}
    load_names = {step.statement for step in LOAD_STEPS}
    assert load_names == {n for n in names if n.startswith("load/")}
    assert {f"read/{t}" for t in TABLE_NAMES if t not in FILE_ONLY_TABLES} == {
        n for n in names if n.startswith("read/")
    }
    assert {f"schema/{d}" for d in get_args(Dialect)} == {
        n for n in names if n.startswith("schema/")
    }
    for dialect in get_args(Dialect):
        assert len(schema_statements(dialect)) >= len(LABELS)
    for folder in FOLDERS:
        assert (CYPHER_DIR / folder).is_dir()
    assert {n.split("/")[0] for n in names} == set(FOLDERS)
    # the repository's top-level cypher/ is the package's folder
    assert (REPO / "cypher").resolve() == CYPHER_DIR.resolve()


def test_the_cypher_files_are_package_data() -> None:
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["kokon_graph"]
    package = REPO / "kokon_graph"
    files = [p.relative_to(package).as_posix() for p in CYPHER_DIR.rglob("*") if p.is_file()]
    assert any(f.endswith(".cypher") for f in files)
    for f in files:
        assert any(fnmatch(f, pattern) for pattern in patterns), f"{f} is not package data"
