"""The import graph of kokon_graph: no circles, and no import running up a floor.

Built from the source with :mod:`ast` (every ``import`` and ``from ... import``,
at module level or inside functions; imports under ``if TYPE_CHECKING:`` are
left out, as they never run). docs/architecture.md describes the floors.
"""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

import networkx as nx
import pytest

from tests.conftest import REPO

PACKAGE = REPO / "kokon_graph"

#: Floor of each part of the package (lower never imports higher). A module not listed
#: is on the floor of its nearest listed parent.
FLOORS: dict[str, int] = {
    "kokon_graph._version": 0,
    "kokon_graph.errors": 0,
    "kokon_graph.lang": 0,
    "kokon_graph.model": 1,
    "kokon_graph._frames": 1,
    "kokon_graph.labels": 1,
    "kokon_graph.io": 2,
    "kokon_graph.graph": 3,
    "kokon_graph.generate": 3,
    "kokon_graph.store": 3,
    "kokon_graph.cypher": 3,
    "kokon_graph.analysis": 4,
    "kokon_graph.survey": 4,
    # the GDS engine computes results behind the analysis contract (fills its caches)
    "kokon_graph.store.gds": 5,
    "kokon_graph.export": 5,
    "kokon_graph.report": 5,
    "kokon_graph.viz": 5,
    "kokon_graph.template": 5,
    "kokon_graph.cli": 6,
    "kokon_graph.__main__": 6,
}
#: Third-party libraries a floor must not import (the analysis stays free of the CLI,
#: the database driver and the map renderer).
FORBIDDEN: dict[str, tuple[str, ...]] = {
    "kokon_graph.analysis": ("click", "neo4j", "pyvis"),
    "kokon_graph.graph": ("click", "neo4j", "pyvis"),
    "kokon_graph.io": ("click", "neo4j", "pyvis"),
    "kokon_graph.report": ("click", "neo4j"),
    "kokon_graph.viz": ("click", "neo4j"),
}


def _modules() -> dict[str, Path]:
    out = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(REPO).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = path
    return out


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(tree: ast.AST, package: str, modules: set[str]) -> list[str]:
    """Every module imported in ``tree`` (outside ``if TYPE_CHECKING:``): ``from P import m``
    of a submodule ``m`` counts as importing ``P.m`` (its package's ``__init__`` runs in
    any case, before either module)."""
    found: list[str] = []

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            found.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package
                for _ in range(node.level - 1):
                    parent = parent.rpartition(".")[0]
                base = f"{parent}.{base}" if base else parent
            for alias in node.names:
                sub = f"{base}.{alias.name}"
                found.append(sub if sub in modules else base)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return found


@cache
def _import_graph() -> tuple[nx.DiGraph, dict[str, set[str]]]:
    modules = _modules()
    graph = nx.DiGraph()
    graph.add_nodes_from(modules)
    external: dict[str, set[str]] = {}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for target in _imports(tree, package, set(modules)):
            if not target.startswith("kokon_graph"):
                external.setdefault(name, set()).add(target.split(".")[0])
                continue
            if target in modules and target != name:
                graph.add_edge(name, target)
    return graph, external


def _floor(module: str) -> tuple[str, int] | None:
    name = module
    while name:
        if name in FLOORS:
            return name, FLOORS[name]
        name = name.rpartition(".")[0]
    return None


def test_the_import_graph_is_read() -> None:
    graph, external = _import_graph()
    assert graph.has_edge("kokon_graph.report.build", "kokon_graph.report.html_writer")
    assert graph.has_edge("kokon_graph.analysis.results", "kokon_graph.analysis.columns")
    assert "pandas" in external["kokon_graph.analysis.compare"]


def test_no_import_circles() -> None:
    graph, _ = _import_graph()
    # a package importing its own submodules is fine; a submodule importing back is not
    cycles = [c for c in nx.simple_cycles(graph) if len(c) > 1]
    assert cycles == [], "import circles: " + "; ".join(" -> ".join(c) for c in cycles)


def test_no_import_runs_up_a_floor() -> None:
    graph, _ = _import_graph()
    upward = []
    for source, target in graph.edges:
        low, high = _floor(source), _floor(target)
        if low is None or high is None or low[0] == high[0]:
            continue
        if high[1] > low[1]:
            upward.append(f"{source} -> {target}")
    assert upward == []


@pytest.mark.parametrize("part", sorted(FORBIDDEN))
def test_lower_floors_stay_free_of_the_upper_libraries(part: str) -> None:
    _, external = _import_graph()
    used = {
        lib
        for module, libs in external.items()
        if module == part or module.startswith(part + ".")
        for lib in libs
    }
    assert not used & set(FORBIDDEN[part]), part
