"""The Cypher statements of the store, read from the ``cypher/`` files shipped in the package.

Every statement the store runs is a file under ``kokon_graph/cypher/`` (the
repository's top-level ``cypher/`` folder links to it): ``schema/`` (one file
per database dialect, several statements each), ``load/``, ``read/`` and
``queries/`` (one statement each). A file starts with a header of ``//``
comment lines saying what it does, then declares its parameters, its result
columns and, for a ready query, the analysis it mirrors::

    // @param $gmina: string -- TERYT code of the gmina
    // @param $wave: string = null -- survey wave; null = all waves together
    // @returns id, name, degree
    // @mirrors kokon_graph.analysis.centrality

A default is JSON (``null``, ``25``, ``["ops", "cus"]``); a parameter without
one is required.

Examples
--------
>>> st = statement("queries/central_actors")
>>> [p.name for p in st.params]
['gmina', 'wave', 'limit']
>>> st.param("limit").default
25
>>> statement("load/institution").creates
'nodes'
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any, Final, Literal

from kokon_graph.errors import KokonError

__all__ = [
    "FOLDERS",
    "PARAM_TYPES",
    "Param",
    "Statement",
    "schema_statements",
    "statement",
    "statements",
]

#: The folders of ``cypher/`` and what they hold.
FOLDERS: Final = ("schema", "load", "read", "queries", "sync", "gds")

#: Parameter types a header may declare, with the Python types a value may have.
PARAM_TYPES: Final[dict[str, tuple[type, ...]]] = {
    "string": (str,),
    "integer": (int,),
    "float": (float, int),
    "boolean": (bool,),
    "list": (list, tuple),
    "map": (dict,),
}

_PARAM = re.compile(
    r"^//\s*@param\s+\$(?P<name>\w+)\s*:\s*(?P<type>\w+)"
    r"(?:\s*=\s*(?P<default>.+?))?\s*(?:--\s*(?P<doc>.*))?$"
)
_TAG = re.compile(r"^//\s*@(?P<tag>\w+)\s*(?P<value>.*)$")
_NO_DEFAULT: Final = object()


@dataclass(frozen=True)
class Param:
    """A ``$parameter`` declared in a statement's header.

    Attributes
    ----------
    name
        Without the ``$``.
    type
        One of :data:`PARAM_TYPES`.
    default
        The value used when none is given; :attr:`required` when there is none.
    description
        What the value means.
    """

    name: str
    type: str
    default: Any = _NO_DEFAULT
    description: str = ""

    @property
    def required(self) -> bool:
        """Whether a value must be given (the header declares no default)."""
        return self.default is _NO_DEFAULT


@dataclass(frozen=True)
class Statement:
    """One statement of a ``cypher/`` file.

    Attributes
    ----------
    name
        ``folder/stem`` (``"load/institution"``), with ``#n`` appended for the
        n-th statement of a schema file.
    text
        The whole file text (header included), as people read it.
    body
        The statement without the header, as the store sends it.
    summary
        The header's prose.
    params
        The declared parameters, in header order.
    returns
        The result columns (``@returns``).
    creates
        ``"nodes"`` or ``"relationships"`` for load statements (``@creates``).
    mirrors
        The analysis a ready query mirrors (``@mirrors``).
    """

    name: str
    text: str
    body: str
    summary: str
    params: tuple[Param, ...] = ()
    returns: tuple[str, ...] = ()
    creates: Literal["nodes", "relationships", ""] = ""
    mirrors: str = ""

    @property
    def folder(self) -> str:
        """``schema``, ``load``, ``read`` or ``queries``."""
        return self.name.split("/", 1)[0]

    @property
    def stem(self) -> str:
        """The file name without folder and suffix (``central_actors``)."""
        return self.name.split("/", 1)[1].split("#", 1)[0]

    def param(self, name: str) -> Param:
        """The declared parameter called ``name`` (``KeyError`` if there is none)."""
        for p in self.params:
            if p.name == name:
                return p
        raise KeyError(name)


def _root() -> Any:
    return resources.files("kokon_graph").joinpath("cypher")


def _parse(name: str, text: str) -> Statement:
    header: list[str] = []
    lines = text.splitlines()
    body_start = 0
    for i, line in enumerate(lines):
        if line.startswith("//"):
            header.append(line)
            body_start = i + 1
        else:
            break
    params: list[Param] = []
    prose: list[str] = []
    tags: dict[str, str] = {}
    for line in header:
        match = _PARAM.match(line)
        if match:
            raw = match.group("default")
            default = _NO_DEFAULT if raw is None else json.loads(raw)
            params.append(
                Param(match.group("name"), match.group("type"), default, match.group("doc") or "")
            )
            continue
        tag = _TAG.match(line)
        if tag:
            tags[tag.group("tag")] = tag.group("value").strip()
            continue
        prose.append(line[2:].strip())
    creates = tags.get("creates", "")
    if creates not in ("nodes", "relationships", ""):
        raise ValueError(f"{name}: @creates must be nodes or relationships, not {creates!r}")
    returns = tuple(c.strip() for c in tags.get("returns", "").split(",") if c.strip())
    return Statement(
        name=name,
        text=text,
        body="\n".join(lines[body_start:]).strip(),
        summary=" ".join(p for p in prose if p).strip(),
        params=tuple(params),
        returns=returns,
        creates=creates,  # type: ignore[arg-type]
        mirrors=tags.get("mirrors", ""),
    )


@cache
def _all() -> dict[str, Statement]:
    found: dict[str, Statement] = {}
    root = _root()
    for folder in FOLDERS:
        for entry in sorted(root.joinpath(folder).iterdir(), key=lambda e: e.name):
            if not entry.name.endswith(".cypher"):
                continue
            name = f"{folder}/{entry.name[: -len('.cypher')]}"
            found[name] = _parse(name, entry.read_text(encoding="utf-8"))
    return found


def statements(folder: str | None = None) -> list[Statement]:
    """Every statement file, or those of one folder (``"queries"``), sorted by name.

    Schema files are returned whole; :func:`schema_statements` splits them.
    """
    return [s for s in _all().values() if folder is None or s.folder == folder]


def statement(name: str) -> Statement:
    """The statement of file ``cypher/<name>.cypher`` (``"load/institution"``).

    Raises
    ------
    KokonError
        If there is no such file (the message lists the folder's statements).
    """
    found = _all().get(name)
    if found is None:
        folder = name.split("/", 1)[0]
        known = ", ".join(s.stem for s in statements(folder)) or "none"
        raise KokonError(
            f"no Cypher statement {name!r} in the package",
            hint=f"statements in {folder}/: {known}",
        )
    return found


def schema_statements(dialect: str) -> list[Statement]:
    """The statements of ``schema/<dialect>.cypher``, one per ``;``-terminated statement."""
    whole = statement(f"schema/{dialect}")
    parts: list[str] = []
    current: list[str] = []
    for line in whole.body.splitlines():
        if line.startswith("//") and not current:
            continue
        current.append(line)
        if line.rstrip().endswith(";"):
            parts.append("\n".join(current).rstrip().rstrip(";").strip())
            current = []
    if "\n".join(current).strip():
        parts.append("\n".join(current).strip())
    return [
        Statement(
            name=f"{whole.name}#{i}",
            text=part,
            body=part,
            summary=whole.summary,
        )
        for i, part in enumerate(parts, start=1)
    ]
