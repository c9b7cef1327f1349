"""The dataset contract: which tables exist, their columns and what each column holds.

``docs/dataset-format.md`` documents the same contract for people; a test checks
that both name the same tables and columns.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Literal

from kokon_graph import model
from kokon_graph.model import Vocabulary, normalize_token

__all__ = [
    "LIST_SEPARATOR",
    "METADATA_SHEET",
    "TABLES",
    "TABLE_NAMES",
    "Column",
    "Table",
    "table",
    "table_for_name",
]

ColumnKind = Literal["id", "str", "ref", "vocab", "list", "teryt", "date", "float", "int", "bool"]

#: Name of the optional workbook sheet of ``key``/``value`` rows (``pseudonymised``: true).
METADATA_SHEET: Final = "metadata"

#: Separator of list values (problem areas) when written; on input ``|``, ``;`` and ``,`` work.
LIST_SEPARATOR: Final = "|"


@dataclass(frozen=True)
class Column:
    """One column of a table.

    Attributes
    ----------
    name
        Canonical (English) column name.
    kind
        How the value is parsed and checked.
    required
        The column must be present in the file.
    nonempty
        Every row must have a value.
    vocab
        For ``vocab`` and ``list`` columns: the vocabulary values must come from.
    ref
        For ``ref`` columns: the table (or ``"members"``: institutions or
        persons) the value must name an id of.
    aliases
        Other header spellings accepted on input (Polish names).
    """

    name: str
    kind: ColumnKind
    required: bool = False
    nonempty: bool = False
    vocab: Vocabulary | None = None
    ref: str | None = None
    aliases: tuple[str, ...] = ()
    description: str = ""


@dataclass(frozen=True)
class Table:
    """One table of a dataset: a CSV file or a workbook sheet."""

    name: str
    columns: tuple[Column, ...]
    aliases: tuple[str, ...] = ()
    keeps_extra_columns: bool = False
    about_families: bool = False
    description: str = ""

    @property
    def id_column(self) -> str | None:
        """The name of the column holding the row's id, if the table has one."""
        for col in self.columns:
            if col.kind == "id":
                return col.name
        return None

    def column(self, name: str) -> Column:
        """The column called ``name``."""
        for col in self.columns:
            if col.name == name:
                return col
        raise KeyError(name)

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)


def _c(name: str, kind: ColumnKind, *aliases: str, **kw: object) -> Column:
    return Column(name, kind, aliases=aliases, **kw)  # type: ignore[arg-type]


_WAVE = _c(
    "wave",
    "str",
    "fala",
    "runda",
    "badanie",
    "edycja",
    description="survey round, e.g. `2019`, `before`; empty = every wave",
)
_START = _c(
    "start",
    "date",
    "od",
    "poczatek",
    "data od",
    "from",
    "data rozpoczecia",
    description="first day",
)
_END = _c(
    "end",
    "date",
    "do",
    "koniec",
    "data do",
    "to",
    "data zakonczenia",
    description="last day; not before `start`",
)

TABLES: Final[tuple[Table, ...]] = (
    Table(
        "institutions",
        (
            _c(
                "id",
                "id",
                "identyfikator",
                "kod",
                required=True,
                nonempty=True,
                description="unique id (unique across institutions, groups and persons)",
            ),
            _c("name", "str", "nazwa", required=True, nonempty=True, description="name"),
            _c(
                "type",
                "vocab",
                "typ",
                "rodzaj",
                required=True,
                nonempty=True,
                vocab=model.INSTITUTION_TYPES,
                description="institution type",
            ),
            _c(
                "sector",
                "vocab",
                "sektor",
                "obszar",
                required=True,
                vocab=model.SECTORS,
                description="sector; empty = the type's usual sector",
            ),
            _c(
                "level",
                "vocab",
                "poziom",
                "szczebel",
                required=True,
                vocab=model.LEVELS,
                description="level; empty = the type's usual level",
            ),
            _c(
                "teryt",
                "teryt",
                "kod teryt",
                "terc",
                required=True,
                description="TERYT code of where it is: 7 digits at gmina level, at least 4 "
                "at powiat level, at least 2 at voivodeship level; empty only at national level",
            ),
            _c(
                "project",
                "str",
                "projekt",
                description="project(s) it takes part in, `|`-separated",
            ),
        ),
        aliases=("instytucje", "podmioty", "institution"),
        keeps_extra_columns=True,
        description="the actors: one row per institution",
    ),
    Table(
        "territories",
        (
            _c(
                "teryt",
                "id",
                "kod teryt",
                "terc",
                "kod",
                required=True,
                nonempty=True,
                description="TERYT code (2, 4 or 7 digits)",
            ),
            _c("name", "str", "nazwa", required=True, nonempty=True, description="name"),
            _c(
                "kind",
                "vocab",
                "rodzaj",
                "typ",
                vocab=model.TERRITORY_KINDS,
                description="voivodeship, powiat or gmina; empty = from the code's length",
            ),
            _c(
                "gmina_type",
                "vocab",
                "rodzaj gminy",
                "typ gminy",
                vocab=model.GMINA_TYPES,
                description="TERYT gmina type (1 urban, 2 rural, 3 urban-rural, 4, 5, 8, 9); "
                "empty = the code's 7th digit",
            ),
        ),
        aliases=("terytoria", "jednostki", "territory", "teryt"),
        description="names of voivodeships, powiats and gminas",
    ),
    Table(
        "cooperation",
        (
            _c(
                "source",
                "ref",
                "zrodlo",
                "od instytucji",
                "instytucja",
                "from institution",
                required=True,
                nonempty=True,
                ref="institutions",
                description="institution that reports the tie",
            ),
            _c(
                "target",
                "ref",
                "cel",
                "partner",
                "do instytucji",
                "to institution",
                required=True,
                nonempty=True,
                ref="institutions",
                description="institution it reports cooperating with",
            ),
            _c(
                "kind",
                "vocab",
                "rodzaj",
                "typ",
                "forma",
                vocab=model.COOPERATION_KINDS,
                description="kind of cooperation; empty = other",
            ),
            _c(
                "weight",
                "float",
                "waga",
                "sila",
                "intensywnosc",
                "strength",
                description="strength of the tie, > 0 (decimal comma accepted); empty = 1",
            ),
            _c("since", "date", "od kiedy", "data", description="since when"),
            _WAVE,
            _c(
                "mutual",
                "bool",
                "wzajemna",
                "obustronna",
                "potwierdzona",
                "confirmed",
                description="`true` if both sides confirmed it: the tie then counts in both "
                "directions",
            ),
        ),
        aliases=("wspolpraca", "kooperacja", "relacje", "ties"),
        description="directed reports `source -> target` of cooperation",
    ),
    Table(
        "groups",
        (
            _c(
                "id",
                "id",
                "identyfikator",
                "kod",
                required=True,
                nonempty=True,
                description="unique id (unique across institutions, groups and persons)",
            ),
            _c("name", "str", "nazwa", required=True, nonempty=True, description="name"),
            _c(
                "type",
                "vocab",
                "typ",
                "rodzaj",
                required=True,
                nonempty=True,
                vocab=model.GROUP_TYPES,
                description="WZK, RGR, PGR, PGD, PZK, GGK, ZZK, ZI, GDP, partnership or other",
            ),
            _c(
                "level",
                "vocab",
                "poziom",
                "szczebel",
                vocab=model.LEVELS,
                description="level; empty = the type's usual level",
            ),
            _c("teryt", "teryt", "kod teryt", "terc", description="TERYT code of its territory"),
            _c("project", "str", "projekt", description="project it belongs to"),
            _START,
            _END,
        ),
        aliases=("grupy", "zespoly", "group"),
        keeps_extra_columns=True,
        description="reflective, decision-maker, interdisciplinary and other groups",
    ),
    Table(
        "memberships",
        (
            _c(
                "group",
                "ref",
                "grupa",
                "zespol",
                required=True,
                nonempty=True,
                ref="groups",
                description="group id",
            ),
            _c(
                "member",
                "ref",
                "czlonek",
                "uczestnik",
                required=True,
                nonempty=True,
                ref="members",
                description="institution or person id",
            ),
            _c(
                "role",
                "vocab",
                "rola",
                "funkcja",
                vocab=model.MEMBER_ROLES,
                description="role in the group; empty = member",
            ),
            _START,
            _END,
            _WAVE,
        ),
        aliases=("czlonkostwo", "czlonkowie", "sklad", "membership", "members"),
        description="who sits in which group",
    ),
    Table(
        "persons",
        (
            _c(
                "id",
                "id",
                "identyfikator",
                "kod",
                required=True,
                nonempty=True,
                description="unique id (unique across institutions, groups and persons)",
            ),
            _c(
                "role",
                "vocab",
                "rola",
                "stanowisko",
                "funkcja",
                required=True,
                nonempty=True,
                vocab=model.PERSON_ROLES,
                description="professional role",
            ),
            _c(
                "institution",
                "ref",
                "instytucja",
                "pracodawca",
                "employer",
                required=True,
                nonempty=True,
                ref="institutions",
                description="where the person works",
            ),
        ),
        aliases=("osoby", "pracownicy", "kadra", "person", "professionals", "staff"),
        description="professionals only, never family members; no names are needed",
    ),
    Table(
        "families",
        (
            _c(
                "id",
                "id",
                "identyfikator",
                "kod",
                "nr",
                required=True,
                nonempty=True,
                description="the family's id in your records; replaced by a pseudonym on import",
            ),
            _c(
                "teryt",
                "teryt",
                "gmina",
                "kod teryt",
                "kod gminy",
                required=True,
                nonempty=True,
                description="TERYT code of the family's gmina (7 digits)",
            ),
            _c(
                "size",
                "int",
                "liczba osob",
                "wielkosc",
                "osoby",
                description="number of people, >= 1",
            ),
            _c(
                "children",
                "int",
                "dzieci",
                "liczba dzieci",
                description="number of children, >= 0 and not more than size",
            ),
            _c(
                "problems",
                "list",
                "problemy",
                "obszary problemowe",
                "problem areas",
                vocab=model.PROBLEM_AREAS,
                description="problem areas, separated by `|`, `;` or `,`",
            ),
            _c(
                "plan_status",
                "vocab",
                "plan",
                "status planu",
                "ipw",
                "status ipw",
                vocab=model.PLAN_STATUSES,
                description="status of the family's plan (IPW); empty = none",
            ),
            _c(
                "coordinator",
                "ref",
                "koordynator",
                "asystent",
                ref="persons",
                description="id of the person who coordinates the support, if any",
            ),
        ),
        aliases=("rodziny", "family"),
        about_families=True,
        description="families in support, pseudonymised; no names, PESEL, addresses or phones",
    ),
    Table(
        "services",
        (
            _c(
                "family",
                "ref",
                "rodzina",
                required=True,
                nonempty=True,
                ref="families",
                description="family id (as in families)",
            ),
            _c(
                "institution",
                "ref",
                "instytucja",
                "podmiot",
                required=True,
                nonempty=True,
                ref="institutions",
                description="institution giving the service",
            ),
            _c(
                "service",
                "vocab",
                "usluga",
                "forma wsparcia",
                "wsparcie",
                "rodzaj",
                vocab=model.SERVICE_KINDS,
                description="service; empty = other",
            ),
            _START,
            _END,
            _WAVE,
        ),
        aliases=("uslugi", "wsparcie", "service", "support"),
        about_families=True,
        description="which institution serves which family",
    ),
    Table(
        "referrals",
        (
            _c(
                "id",
                "id",
                "identyfikator",
                "nr",
                "numer",
                required=True,
                nonempty=True,
                description="unique id of the referral",
            ),
            _c(
                "family",
                "ref",
                "rodzina",
                required=True,
                nonempty=True,
                ref="families",
                description="family id (as in families)",
            ),
            _c(
                "source",
                "ref",
                "zrodlo",
                "od",
                "kierujacy",
                "from",
                required=True,
                nonempty=True,
                ref="institutions",
                description="institution that refers",
            ),
            _c(
                "target",
                "ref",
                "cel",
                "do",
                "adresat",
                "to",
                required=True,
                nonempty=True,
                ref="institutions",
                description="institution referred to",
            ),
            _c(
                "sent",
                "date",
                "data wyslania",
                "wyslano",
                "data",
                required=True,
                nonempty=True,
                description="date sent",
            ),
            _c(
                "status",
                "vocab",
                "stan",
                required=True,
                nonempty=True,
                vocab=model.REFERRAL_STATUSES,
                description="sent, accepted, completed, rejected, no answer or other",
            ),
            _c(
                "answered",
                "date",
                "data odpowiedzi",
                "odpowiedz",
                "answer date",
                description="date of the answer; not before `sent`",
            ),
            _WAVE,
        ),
        aliases=("skierowania", "referral"),
        about_families=True,
        description="referrals of a family from one institution to another",
    ),
)

TABLE_NAMES: Final = tuple(t.name for t in TABLES)

_TABLE_INDEX: Final = {
    normalize_token(spelling): t for t in TABLES for spelling in (t.name, *t.aliases)
}


def table_for_name(name: str) -> Table | None:
    """The table a file stem or sheet name stands for (English or Polish), or ``None``."""
    return _TABLE_INDEX.get(normalize_token(name))


def table(name: str) -> Table:
    """The table called ``name`` (canonical name)."""
    for t in TABLES:
        if t.name == name:
            return t
    raise KeyError(name)
