"""What the generator puts in one voivodeship (its own institutions and groups) and one powiat.

A powiat is the unit of work: everything in it (its institutions and those of
its gminas, their ties, groups, staff, families, services and referrals) is
drawn from one random stream seeded by ``(seed, powiat code)``. So a powiat
comes out the same whether it is generated alone or as part of the country,
and smaller scales are the national data restricted to a territory.

Every table is returned as a dict of equally long string arrays, in the
column order of the dataset contract, ready to be written.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Final

import numpy as np
import pandas as pd

from kokon_graph import model
from kokon_graph.io.schema import LIST_SEPARATOR, TABLES

__all__ = [
    "AFTER",
    "BEFORE",
    "PILOT_PROJECT",
    "Chunk",
    "generate_powiat",
    "generate_voivodeship",
    "restrict_chunk",
]

BEFORE: Final = "before"
AFTER: Final = "after"
#: Project named by the institutions and groups of the pilot gminas and powiats.
PILOT_PROJECT: Final = "Model Kooperacji"

_EPOCH = np.datetime64("1970-01-01", "D")


def _day(iso: str) -> int:
    return int((np.datetime64(iso, "D") - _EPOCH).astype(np.int64))


#: The "before" survey covers 2018-01-01 .. 2019-06-30, the pilot runs from 2019-07-01,
#: the "after" survey covers everything from the pilot's start to 2021-06-30.
SURVEY_START: Final = _day("2018-01-01")
PILOT_START: Final = _day("2019-07-01")
BEFORE_END: Final = PILOT_START - 1
AFTER_END: Final = _day("2021-06-30")
_FIRST_ENTRY: Final = _day("2017-07-01")
_LAST_ENTRY: Final = _day("2021-03-31")

_COLUMNS: Final = {t.name: t.column_names for t in TABLES}

# --------------------------------------------------------------------------- chunks


@dataclass
class Chunk:
    """Rows of every table for one unit: ``{table: {column: list of str}}``."""

    tables: dict[str, dict[str, list[str]]] = field(
        default_factory=lambda: {name: {c: [] for c in cols} for name, cols in _COLUMNS.items()}
    )

    def add(self, table: str, **columns: Iterable[str] | str) -> None:
        """Append rows; scalar strings are repeated to the length of the array columns."""
        cols = _COLUMNS[table]
        arrays = {k: v for k, v in columns.items() if not isinstance(v, str)}
        lengths = {len(v) for v in arrays.values()}  # type: ignore[arg-type]
        if len(lengths) > 1:
            raise ValueError(f"{table}: columns of different lengths {lengths}")
        n = lengths.pop() if lengths else 1
        target = self.tables[table]
        for c in cols:
            value = columns.get(c, "")
            if isinstance(value, str):
                target[c].extend([value] * n)
            else:
                target[c].extend(list_or_array(value))

    def row(self, table: str, **values: str) -> None:
        """Append one row."""
        target = self.tables[table]
        for c in _COLUMNS[table]:
            target[c].append(values.get(c, ""))

    def count(self, table: str) -> int:
        """Rows in ``table``."""
        first = _COLUMNS[table][0]
        return len(self.tables[table][first])

    def extend(self, other: Chunk) -> None:
        """Append every row of ``other``."""
        for name, cols in other.tables.items():
            for c, values in cols.items():
                self.tables[name][c].extend(values)


def list_or_array(value: Iterable[str]) -> list[str]:
    """A list of str from a list, tuple or numpy array."""
    if isinstance(value, np.ndarray):
        return value.tolist()
    return list(value)


_DATE_FIRST: Final = _day("2000-01-01")
_DATE_TEXT: Final = np.datetime_as_string(
    np.arange(_DATE_FIRST, _day("2030-12-31") + 1).astype("datetime64[D]"), unit="D"
).astype(object)


def _dates(days: np.ndarray, present: np.ndarray | None = None) -> list[str]:
    """ISO dates of day numbers (2000-2030); empty where ``present`` is false."""
    text = _DATE_TEXT[np.asarray(days, dtype=np.int64) - _DATE_FIRST]
    if present is not None:
        text = np.where(present, text, "")
    return text.tolist()


def _ints(values: np.ndarray) -> list[str]:
    return values.astype(np.int64).astype(str).tolist()


def _bools(values: np.ndarray) -> list[str]:
    return np.where(values, "true", "false").tolist()


def restrict_chunk(chunk: Chunk, *, gmina: str | None = None) -> Chunk:
    """Drop every row that refers to something not in the chunk (and, with ``gmina``,
    every gmina-level row outside that gmina).

    Voivodeship groups name the PCPRs of every powiat, cross-powiat ties name
    neighbouring powiats: at a smaller scale those rows are dropped so that
    every reference resolves.
    """
    t = chunk.tables
    inst = t["institutions"]
    keep_inst = [gmina is None or len(code) < 7 or code == gmina for code in inst["teryt"]]
    out = Chunk()
    _copy_rows(t["institutions"], out.tables["institutions"], keep_inst)
    ids = set(out.tables["institutions"]["id"])
    terr = t["territories"]
    _copy_rows(
        terr,
        out.tables["territories"],
        [gmina is None or len(code) < 7 or code == gmina for code in terr["teryt"]],
    )
    pers = t["persons"]
    _copy_rows(pers, out.tables["persons"], [i in ids for i in pers["institution"]])
    person_ids = set(out.tables["persons"]["id"])
    members = ids | person_ids
    co = t["cooperation"]
    _copy_rows(
        co,
        out.tables["cooperation"],
        [s in ids and g in ids for s, g in zip(co["source"], co["target"], strict=True)],
    )
    groups = t["groups"]
    _copy_rows(
        groups,
        out.tables["groups"],
        [gmina is None or len(code) < 7 or code == gmina for code in groups["teryt"]],
    )
    group_ids = set(out.tables["groups"]["id"])
    ms = t["memberships"]
    _copy_rows(
        ms,
        out.tables["memberships"],
        [g in group_ids and m in members for g, m in zip(ms["group"], ms["member"], strict=True)],
    )
    fam = t["families"]
    _copy_rows(
        fam, out.tables["families"], [gmina is None or code == gmina for code in fam["teryt"]]
    )
    fam_ids = set(out.tables["families"]["id"])
    out.tables["families"]["coordinator"] = [
        c if c in person_ids else "" for c in out.tables["families"]["coordinator"]
    ]
    srv = t["services"]
    _copy_rows(
        srv,
        out.tables["services"],
        [f in fam_ids and i in ids for f, i in zip(srv["family"], srv["institution"], strict=True)],
    )
    ref = t["referrals"]
    _copy_rows(
        ref,
        out.tables["referrals"],
        [
            f in fam_ids and s in ids and g in ids
            for f, s, g in zip(ref["family"], ref["source"], ref["target"], strict=True)
        ],
    )
    return out


def _copy_rows(
    source: dict[str, list[str]], target: dict[str, list[str]], keep: list[bool]
) -> None:
    for c, values in source.items():
        target[c].extend(v for v, k in zip(values, keep, strict=True) if k)


# --------------------------------------------------------------------------- vocabulary

#: id suffix of each institution type (numbered unless the type is unique in its unit)
TYPE_ABBREVIATIONS: Final = {
    "ops": "OPS",
    "cus": "CUS",
    "municipal_office": "UG",
    "gkrpa": "GKRPA",
    "school": "SZK",
    "preschool": "PRZ",
    "day_support": "PWD",
    "police_station": "POL",
    "poz": "POZ",
    "library": "BIB",
    "culture_centre": "DK",
    "sports_club": "KS",
    "parish": "PAR",
    "ngo": "NGO",
    "cis_kis": "CIS",
    "housing_office": "ZGM",
    "pcpr": "PCPR",
    "pup": "PUP",
    "ppp": "PPP",
    "court": "SR",
    "police_hq": "KPP",
    "hospital": "SZP",
    "powiat_office": "SP",
    "care_institution": "POW",
    "dps": "DPS",
    "oik": "OIK",
    "mental_health": "CZP",
    "foster_care_organiser": "ORPZ",
    "foster_family": "RZ",
    "rops": "ROPS",
    "voivodeship_office": "UW",
    "marshal_office": "UM",
    "university": "UNI",
}
_UNIQUE: Final = frozenset(
    {
        "ops",
        "cus",
        "municipal_office",
        "gkrpa",
        "police_station",
        "pcpr",
        "pup",
        "ppp",
        "court",
        "police_hq",
        "hospital",
        "powiat_office",
        "oik",
        "mental_health",
        "foster_care_organiser",
        "rops",
        "voivodeship_office",
        "marshal_office",
        "university",
    }
)

_GMINA_REQUIRED: Final = ("municipal_office", "gkrpa", "school", "poz", "parish")
#: (type, probability) per gmina kind: rural "2", urban-rural "3", urban "1", city "c"
_GMINA_LIKELY: Final = {
    "police_station": {"2": 0.45, "3": 0.85, "1": 0.95, "c": 1.0},
    "library": {"2": 0.9, "3": 0.95, "1": 0.95, "c": 1.0},
    "culture_centre": {"2": 0.6, "3": 0.8, "1": 0.8, "c": 1.0},
    "day_support": {"2": 0.65, "3": 0.8, "1": 0.85, "c": 1.0},
    "preschool": {"2": 0.75, "3": 0.9, "1": 0.95, "c": 1.0},
    "ngo": {"2": 0.85, "3": 0.9, "1": 0.95, "c": 1.0},
}
_GMINA_FILL: Final = {
    "school": 3.0,
    "preschool": 1.5,
    "ngo": 3.0,
    "sports_club": 1.5,
    "parish": 1.0,
    "day_support": 1.0,
    "poz": 0.8,
    "cis_kis": 0.3,
    "library": 0.3,
}
_GMINA_FILL_URBAN: Final = {**_GMINA_FILL, "housing_office": 0.6, "school": 4.0, "ngo": 4.0}
#: institutions per gmina: (low, high) inclusive, by gmina kind
_GMINA_SIZE: Final = {"2": (10, 22), "3": (13, 30), "1": (14, 32), "c": (28, 40)}

_POWIAT_REQUIRED: Final = (
    "pcpr",
    "pup",
    "ppp",
    "court",
    "police_hq",
    "hospital",
    "powiat_office",
    "care_institution",
    "dps",
)
_POWIAT_LIKELY: Final = {"oik": 0.6, "mental_health": 0.6, "foster_care_organiser": 0.35}
_POWIAT_FILL: Final = {
    "foster_family": 0.35,
    "school": 0.25,
    "ngo": 0.25,
    "care_institution": 0.05,
    "dps": 0.05,
}
_POWIAT_SIZE: Final = (15, 25)

_SAINTS: Final = (
    "św. Stanisława",
    "św. Józefa",
    "Najświętszej Maryi Panny",
    "św. Jana Chrzciciela",
    "św. Wojciecha",
    "św. Andrzeja",
    "Świętej Trójcy",
    "św. Mikołaja",
    "św. Michała Archanioła",
    "św. Floriana",
)
_NGO_NAMES: Final = (
    "Stowarzyszenie na rzecz Rozwoju",
    "Koło Gospodyń Wiejskich",
    "Fundacja Pomocy Dzieciom i Rodzinie",
    "Ochotnicza Straż Pożarna",
    "Stowarzyszenie Przyjaciół Szkoły",
    "Fundacja Wsparcia Rodziny",
    "Stowarzyszenie Seniorów",
    "Stowarzyszenie Osób Niepełnosprawnych",
    "Fundacja Aktywności Lokalnej",
    "Stowarzyszenie Rodzin Abstynenckich",
)

# kinds of cooperation in the order of COOPERATION_KINDS without "other" first
_KINDS: Final = np.array(["information", "resources", "joint_action", "agreement", "other"])
_KIND_P: Final = {
    BEFORE: np.array([0.46, 0.16, 0.23, 0.10, 0.05]),
    AFTER: np.array([0.36, 0.15, 0.31, 0.15, 0.03]),
}
_WEIGHT_P: Final = np.array([0.22, 0.30, 0.26, 0.14, 0.08])

_PROBLEMS: Final = (
    "poverty",
    "unemployment",
    "disability",
    "long_illness",
    "domestic_violence",
    "parenting",
    "addiction",
    "homelessness",
    "housing",
    "migration",
)
_PROBLEM_P: Final = np.array([0.55, 0.32, 0.20, 0.22, 0.09, 0.30, 0.14, 0.03, 0.08, 0.02])
_PROBLEM_TEXT: Final = [
    LIST_SEPARATOR.join(p for b, p in enumerate(_PROBLEMS) if mask >> b & 1)
    for mask in range(1 << len(_PROBLEMS))
]
_PLAN_STATUSES: Final = np.array(["none", "planned", "active", "completed", "interrupted"])
_PLAN_P: Final = {False: [0.62, 0.09, 0.17, 0.08, 0.04], True: [0.35, 0.12, 0.32, 0.15, 0.06]}

#: service kinds each type of institution gives (the first is the most common)
_SERVICES: Final = {
    "ops": ("social_work", "financial_aid", "family_assistant", "care_services"),
    "cus": ("social_work", "financial_aid", "family_assistant", "care_services"),
    "pcpr": ("counselling", "foster_care", "therapy", "specialist_care"),
    "pup": ("employment_support",),
    "ppp": ("counselling", "therapy", "education_support"),
    "school": ("education_support",),
    "preschool": ("education_support", "day_care"),
    "day_support": ("day_care",),
    "poz": ("health_care",),
    "hospital": ("health_care",),
    "mental_health": ("therapy", "addiction_treatment"),
    "gkrpa": ("addiction_treatment",),
    "court": ("probation",),
    "police_station": ("crisis_intervention",),
    "police_hq": ("crisis_intervention",),
    "oik": ("crisis_intervention", "counselling"),
    "ngo": ("community_activity", "counselling", "legal_aid"),
    "parish": ("financial_aid", "community_activity"),
    "cis_kis": ("employment_support",),
    "culture_centre": ("community_activity",),
    "library": ("community_activity",),
    "foster_family": ("foster_care",),
    "care_institution": ("foster_care",),
    "dps": ("care_services",),
    "housing_office": ("other",),
}
#: base weight of a type as a family's service provider, and boosts by family feature
#: (features: the problem areas, then "children")
_SERVE_BASE: Final = {
    "pcpr": 0.3,
    "pup": 0.05,
    "ppp": 0.15,
    "school": 0.05,
    "preschool": 0.05,
    "day_support": 0.1,
    "poz": 0.3,
    "hospital": 0.05,
    "mental_health": 0.05,
    "gkrpa": 0.05,
    "court": 0.05,
    "police_station": 0.03,
    "police_hq": 0.02,
    "oik": 0.03,
    "ngo": 0.07,
    "parish": 0.1,
    "cis_kis": 0.03,
    "culture_centre": 0.02,
    "library": 0.01,
    "foster_family": 0.01,
    "care_institution": 0.01,
    "dps": 0.02,
    "housing_office": 0.05,
}
_SERVE_BOOST: Final = {
    "pcpr": {"disability": 2.0, "parenting": 1.5, "domestic_violence": 0.8},
    "pup": {"unemployment": 4.0},
    "ppp": {"children": 0.6, "parenting": 1.5, "disability": 1.0},
    "school": {"children": 0.6, "parenting": 0.6},
    "preschool": {"children": 0.6},
    "day_support": {"children": 1.0, "parenting": 1.2},
    "poz": {"long_illness": 2.0, "disability": 1.5, "addiction": 0.5},
    "hospital": {"long_illness": 1.2, "disability": 0.4},
    "mental_health": {"addiction": 1.8, "domestic_violence": 0.4},
    "gkrpa": {"addiction": 2.5},
    "court": {"domestic_violence": 1.5, "parenting": 1.0, "addiction": 0.8},
    "police_station": {"domestic_violence": 2.0},
    "police_hq": {"domestic_violence": 1.0},
    "oik": {"domestic_violence": 2.5},
    "ngo": {"poverty": 0.3, "homelessness": 1.5, "migration": 2.0, "disability": 0.3},
    "parish": {"poverty": 0.6},
    "cis_kis": {"unemployment": 1.5, "homelessness": 1.0},
    "housing_office": {"housing": 3.0, "homelessness": 1.5},
    "dps": {"disability": 0.3, "long_illness": 0.4},
    "foster_family": {"parenting": 0.3},
    "care_institution": {"parenting": 0.3},
}
_FEATURES: Final = (*_PROBLEMS, "children")
_SERVICE_ROW: Final = {t: i for i, t in enumerate(_SERVICES)}
_SERVICE_COUNT: Final = np.array([len(v) for v in _SERVICES.values()])
_SERVICE_TABLE: Final = np.array(
    [list(v) + [v[0]] * (4 - len(v)) for v in _SERVICES.values()], dtype=object
)
_K_P: Final = np.array([0.38, 0.34, 0.18, 0.10])  # institutions serving a family: 1, 2, 3, 4

#: answer delay in days (median) by target type; the others use the default
_DELAY_MEDIAN: Final = {"court": 16.0, "hospital": 10.0, "mental_health": 12.0, "pup": 3.0}
_NO_ANSWER_FACTOR: Final = {"court": 1.6, "hospital": 1.5, "police_hq": 1.3, "mental_health": 1.4}


# --------------------------------------------------------------------------- institutions


@dataclass
class _Institutions:
    """The institutions of one unit while it is built."""

    ids: list[str] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    types: list[str] = field(default_factory=list)
    levels: list[str] = field(default_factory=list)
    teryts: list[str] = field(default_factory=list)
    projects: list[str] = field(default_factory=list)
    gmina_index: list[int] = field(default_factory=list)  # -1: powiat level or higher

    def add(
        self,
        id_: str,
        name: str,
        type_: str,
        level: str,
        teryt: str,
        project: str = "",
        gmina_index: int = -1,
    ) -> int:
        self.ids.append(id_)
        self.names.append(name)
        self.types.append(type_)
        self.levels.append(level)
        self.teryts.append(teryt)
        self.projects.append(project)
        self.gmina_index.append(gmina_index)
        return len(self.ids) - 1

    def write(self, chunk: Chunk) -> None:
        chunk.add(
            "institutions",
            id=self.ids,
            name=self.names,
            type=self.types,
            sector=[model.INSTITUTION_TYPES.term(t).sector or model.OTHER for t in self.types],
            level=self.levels,
            teryt=self.teryts,
            project=self.projects,
        )


def _draw_types(
    rng: np.random.Generator,
    required: Sequence[str],
    likely: dict[str, float],
    fill: dict[str, float],
    size: int,
) -> list[str]:
    types = list(required)
    for type_, p in likely.items():
        if rng.random() < p:
            types.append(type_)
    if len(types) < size:
        names = list(fill)
        weights = np.array([fill[n] for n in names])
        picks = rng.choice(len(names), size=size - len(types), p=weights / weights.sum())
        types.extend(names[int(i)] for i in picks)
    return types


def _gmina_kind(gtype: str, city: bool) -> str:
    return "c" if city else gtype


def _gmina_place(name: str, city: bool) -> str:
    return f"w mieście {name}" if city else f"w gminie {name}"


def _gmina_institution_name(
    type_: str,
    k: int,
    n_of_type: int,
    gtype: str,
    city: bool,
    place: str,
    name: str,
    rng: np.random.Generator,
) -> str:
    nr = f" nr {k}" if n_of_type > 1 else ""
    urban = city or gtype == "1"
    if type_ == "ops":
        head = {
            "2": "Gminny Ośrodek Pomocy Społecznej",
            "3": "Miejsko-Gminny Ośrodek Pomocy Społecznej",
        }.get(gtype, "Miejski Ośrodek Pomocy Społecznej")
        return f"{head} {place}"
    if type_ == "cus":
        return f"Centrum Usług Społecznych {place}"
    if type_ == "municipal_office":
        head = {"2": "Urząd Gminy", "3": "Urząd Miasta i Gminy"}.get(gtype, "Urząd Miasta")
        return f"{head} {name}"
    if type_ == "gkrpa":
        head = "Miejska" if urban else "Gminna"
        return f"{head} Komisja Rozwiązywania Problemów Alkoholowych {place}"
    if type_ == "police_station":
        return f"{'Komisariat' if urban else 'Posterunek'} Policji {place}"
    if type_ == "school":
        return f"Szkoła Podstawowa{nr} {place}"
    if type_ == "preschool":
        return f"Przedszkole{nr} {place}"
    if type_ == "day_support":
        return f"Świetlica środowiskowa{nr} {place}"
    if type_ == "poz":
        return f"{'Przychodnia POZ' if urban else 'Ośrodek Zdrowia'}{nr} {place}"
    if type_ == "library":
        return f"{'Biblioteka Publiczna' if k == 1 else f'Filia biblioteczna nr {k - 1}'} {place}"
    if type_ == "culture_centre":
        return f"{'Miejski Dom Kultury' if urban else 'Gminny Ośrodek Kultury'}{nr} {place}"
    if type_ == "sports_club":
        return f"{'Uczniowski' if k % 2 else 'Ludowy'} Klub Sportowy{nr} {place}"
    if type_ == "parish":
        return f"Parafia pw. {_SAINTS[int(rng.integers(len(_SAINTS)))]} {place}"
    if type_ == "ngo":
        return f"{_NGO_NAMES[int(rng.integers(len(_NGO_NAMES)))]}{nr} {place}"
    if type_ == "cis_kis":
        return f"Klub Integracji Społecznej{nr} {place}"
    if type_ == "housing_office":
        return f"Zakład Gospodarki Mieszkaniowej {place}"
    return f"{model.INSTITUTION_TYPES.label(type_, 'pl').capitalize()}{nr} {place}"


def _powiat_institution_name(type_: str, k: int, n_of_type: int, city: bool, place: str) -> str:
    nr = f" nr {k}" if n_of_type > 1 else ""
    heads = {
        "pcpr": "Miejski Ośrodek Pomocy Rodzinie" if city else "Powiatowe Centrum Pomocy Rodzinie",
        "pup": "Powiatowy Urząd Pracy",
        "ppp": "Poradnia Psychologiczno-Pedagogiczna",
        "court": "Sąd Rejonowy – Wydział Rodzinny i Nieletnich, kuratorzy",
        "police_hq": "Komenda Miejska Policji" if city else "Komenda Powiatowa Policji",
        "hospital": "Szpital Miejski" if city else "Szpital Powiatowy",
        "powiat_office": "Urząd Miasta – zadania powiatu" if city else "Starostwo Powiatowe",
        "care_institution": "Placówka Opiekuńczo-Wychowawcza",
        "dps": "Dom Pomocy Społecznej",
        "oik": "Ośrodek Interwencji Kryzysowej",
        "mental_health": "Poradnia Zdrowia Psychicznego",
        "foster_care_organiser": "Zespół Rodzinnej Pieczy Zastępczej",
        "foster_family": "Zawodowa rodzina zastępcza" if k % 3 else "Rodzinny dom dziecka",
        "school": "Zespół Szkół Ponadpodstawowych",
        "ngo": "Powiatowe Stowarzyszenie na rzecz Rodzin",
    }
    return f"{heads.get(type_, model.INSTITUTION_TYPES.label(type_, 'pl'))}{nr} {place}"


# --------------------------------------------------------------------------- cooperation


@dataclass
class _Candidates:
    """Possible cooperation ties: unordered pairs with their probability in each wave."""

    pairs: dict[tuple[str, str], tuple[float, float]] = field(default_factory=dict)

    def add(self, a: str, b: str, p_before: float, p_after: float | None = None) -> None:
        if a == b:
            return
        if p_after is None:
            p_after = min(1.0, p_before + (1.0 - p_before) * 0.3)
        key = (a, b) if a < b else (b, a)
        old = self.pairs.get(key)
        if old is not None:
            p_before, p_after = max(old[0], p_before), max(old[1], p_after)
        self.pairs[key] = (p_before, p_after)

    def block(self, a: str, b: str, *, before: bool, after: bool) -> None:
        """Remove a tie from one or both waves (a planted gap)."""
        key = (a, b) if a < b else (b, a)
        old = self.pairs.get(key)
        if old is not None:
            self.pairs[key] = (0.0 if before else old[0], 0.0 if after else old[1])


def _sample_ties(rng: np.random.Generator, cands: _Candidates, chunk: Chunk) -> None:
    """Draw both waves of cooperation from the candidate pairs and append the rows."""
    if not cands.pairs:
        return
    keys = list(cands.pairs)
    a = np.array([k[0] for k in keys], dtype=object)
    b = np.array([k[1] for k in keys], dtype=object)
    probs = np.array(list(cands.pairs.values()))
    n = len(keys)
    u = rng.random(n)
    fixed = probs[:, 0] >= 1.0
    drop = (rng.random(n) < 0.06) & ~fixed
    in_b = u < probs[:, 0]
    in_a = (u < probs[:, 1]) & ~(drop & in_b & (probs[:, 1] < 1.0))
    flip = rng.random(n) < 0.5
    src = np.where(flip, b, a)
    tgt = np.where(flip, a, b)
    kind_b = rng.choice(5, size=n, p=_KIND_P[BEFORE])
    kind_a = np.where(rng.random(n) < 0.8, kind_b, rng.choice(5, size=n, p=_KIND_P[AFTER]))
    weight_b = rng.choice(5, size=n, p=_WEIGHT_P) + 1
    weight_a = np.minimum(5, weight_b + (rng.random(n) < 0.3))
    mutual_b = rng.random(n) < 0.5
    mutual_a = mutual_b | (rng.random(n) < 0.25)
    since_b = rng.integers(_day("2008-01-01"), BEFORE_END + 1, size=n)
    since_a = np.where(in_b, since_b, rng.integers(PILOT_START, AFTER_END + 1, size=n))
    has_since = rng.random(n) < 0.9
    extra = rng.random(n) < 0.12
    extra_kind_b = (kind_b + 1 + rng.integers(0, 4, size=n)) % 5
    extra_kind_a = (kind_a + 1 + rng.integers(0, 4, size=n)) % 5
    for wave, present, kind, extra_kind, weight, mutual, since in (
        (BEFORE, in_b, kind_b, extra_kind_b, weight_b, mutual_b, since_b),
        (AFTER, in_a, kind_a, extra_kind_a, weight_a, mutual_a, since_a),
    ):
        for kinds, rows in ((kind, present), (extra_kind, present & extra)):
            chunk.add(
                "cooperation",
                source=src[rows],
                target=tgt[rows],
                kind=_KINDS[kinds[rows]],
                weight=_ints(weight[rows]),
                since=_dates(since[rows], has_since[rows]),
                wave=wave,
                mutual=_bools(mutual[rows]),
            )


# --------------------------------------------------------------------------- voivodeship


def _voivodeship_ids(vv: str) -> dict[str, str]:
    return {
        "rops": f"{vv}-ROPS",
        "voivodeship_office": f"{vv}-UW",
        "marshal_office": f"{vv}-UM",
        "wup": f"{vv}-WUP",
        "ngo": f"{vv}-NGO1",
        "mental_health": f"{vv}-WOTU",
        "university": f"{vv}-UNI",
    }


def generate_voivodeship(
    seed: int, voivodeship: pd.Series, powiats: pd.DataFrame, gminas: pd.DataFrame
) -> Chunk:
    """The institutions, ties and groups of a voivodeship itself (ROPS, offices, WZK, RGR).

    ``powiats`` and ``gminas`` are the plan rows of the voivodeship: the
    groups' members include their PCPRs and the social assistance centres of
    the pilot gminas.
    """
    vv = str(voivodeship["teryt"])
    rng = np.random.default_rng([seed, int(vv), 0])
    adj = str(voivodeship["adjective"])
    genitive = f"{adj}ego"
    chunk = Chunk()
    chunk.row(
        "territories", teryt=vv, name=str(voivodeship["name"]), kind="voivodeship", gmina_type=""
    )
    ids = _voivodeship_ids(vv)
    inst = _Institutions()
    rops_name = (
        "Mazowieckie Centrum Polityki Społecznej"
        if vv == "14"
        else f"Regionalny Ośrodek Polityki Społecznej województwa {genitive}"
    )
    inst.add(ids["rops"], rops_name, "rops", "voivodeship", vv, PILOT_PROJECT)
    inst.add(
        ids["voivodeship_office"],
        f"{adj.capitalize()} Urząd Wojewódzki",
        "voivodeship_office",
        "voivodeship",
        vv,
    )
    inst.add(
        ids["marshal_office"],
        f"Urząd Marszałkowski Województwa {genitive.capitalize()}",
        "marshal_office",
        "voivodeship",
        vv,
    )
    inst.add(ids["wup"], f"Wojewódzki Urząd Pracy województwa {genitive}", "pup", "voivodeship", vv)
    inst.add(
        ids["ngo"],
        f"Regionalna Sieć Organizacji Pozarządowych województwa {genitive}",
        "ngo",
        "voivodeship",
        vv,
    )
    extra = []
    if rng.random() < 0.6:
        inst.add(
            ids["mental_health"],
            f"Wojewódzki Ośrodek Terapii Uzależnień województwa {genitive}",
            "mental_health",
            "voivodeship",
            vv,
        )
        extra.append(ids["mental_health"])
    has_uni = rng.random() < 0.5
    if has_uni:
        inst.add(
            ids["university"],
            f"Uniwersytet – Instytut Pracy Socjalnej, województwo {voivodeship['name']}",
            "university",
            "voivodeship",
            vv,
            PILOT_PROJECT,
        )
        extra.append(ids["university"])
    inst.write(chunk)
    cands = _Candidates()
    cands.add(ids["rops"], ids["marshal_office"], 1.0, 1.0)
    cands.add(ids["rops"], ids["voivodeship_office"], 1.0, 1.0)
    cands.add(ids["rops"], ids["wup"], 1.0, 1.0)
    cands.add(ids["rops"], ids["ngo"], 1.0, 1.0)
    cands.add(ids["marshal_office"], ids["wup"], 0.8, 0.85)
    cands.add(ids["voivodeship_office"], ids["marshal_office"], 0.6, 0.7)
    for other in extra:
        cands.add(ids["rops"], other, 1.0, 1.0)
    _sample_ties(rng, cands, chunk)

    # WZK: the voivodeship cooperation team; RGR: the regional reflective group
    start = _day("2018-06-01") + int(rng.integers(0, 120))
    wzk = f"{vv}-WZK"
    rgr = f"{vv}-RGR"
    chunk.add(
        "groups",
        id=[wzk, rgr],
        name=[
            f"Wojewódzki Zespół Kooperacji województwa {genitive}",
            f"Regionalna Grupa Refleksyjna województwa {genitive}",
        ],
        type=["WZK", "RGR"],
        level=["voivodeship", "voivodeship"],
        teryt=[vv, vv],
        project=[PILOT_PROJECT, PILOT_PROJECT],
        start=_dates(np.array([start, start + 60])),
        end=["", "2021-03-31"],
    )
    ms: list[tuple[str, str, str, str]] = [  # group, member, role, wave
        (wzk, ids["rops"], "chair", ""),
        (wzk, ids["voivodeship_office"], "member", ""),
        (wzk, ids["marshal_office"], "member", ""),
        (wzk, ids["wup"], "member", ""),
        (wzk, ids["ngo"], "member", AFTER),
        (rgr, ids["rops"], "coordinator", ""),
    ]
    if has_uni:
        ms.append((rgr, ids["university"], "expert", ""))
    for pp, pilot in zip(powiats["teryt"], powiats["pilot"], strict=True):
        if pilot or rng.random() < 0.3:
            ms.append((wzk, f"{pp}-PCPR", "member", "" if pilot else AFTER))
        if pilot:
            ms.append((rgr, f"{pp}-PCPR", "member", ""))
    for gg, sa, pilot in zip(gminas["teryt"], gminas["sa_type"], gminas["pilot"], strict=True):
        if pilot and rng.random() < 0.5:
            ms.append((rgr, f"{gg}-{TYPE_ABBREVIATIONS[sa]}", "member", ""))
    starts = np.where([m[0] == wzk for m in ms], start, start + 60)
    chunk.add(
        "memberships",
        group=[m[0] for m in ms],
        member=[m[1] for m in ms],
        role=[m[2] for m in ms],
        start=_dates(starts),
        wave=[m[3] for m in ms],
    )
    return chunk


# --------------------------------------------------------------------------- powiat


@dataclass
class _Gmina:
    teryt: str
    name: str
    gtype: str
    city: bool
    pilot: bool
    sa_type: str
    weight: float
    members: list[int] = field(default_factory=list)  # institution indices

    @property
    def kind(self) -> str:
        return _gmina_kind(self.gtype, self.city)


def _first(inst: _Institutions, members: Iterable[int], type_: str) -> int | None:
    for i in members:
        if inst.types[i] == type_:
            return i
    return None


def _all(inst: _Institutions, members: Iterable[int], *types: str) -> list[int]:
    return [i for i in members if inst.types[i] in types]


def generate_powiat(
    seed: int,
    powiat: pd.Series,
    gminas: pd.DataFrame,
    *,
    neighbour: str | None,
    families_per_gmina: float,
) -> Chunk:
    """Everything in one powiat: institutions, ties, groups, staff, families, services,
    referrals.

    Parameters
    ----------
    seed
        The generator's seed.
    powiat
        The plan row of the powiat.
    gminas
        The plan rows of its gminas.
    neighbour
        Code of a neighbouring powiat in the same voivodeship (for a few ties
        across the border), or ``None``.
    families_per_gmina
        Mean number of families in support per gmina (country-wide).
    """
    pp = str(powiat["teryt"])
    vv = pp[:2]
    city = bool(powiat["city"])
    rng = np.random.default_rng([seed, int(pp), 1])
    chunk = Chunk()
    chunk.row("territories", teryt=pp, name=str(powiat["name"]), kind="powiat", gmina_type="")
    chunk.add(
        "territories",
        teryt=gminas["teryt"].to_numpy(),
        name=gminas["name"].to_numpy(),
        kind="gmina",
        gmina_type=gminas["gmina_type"].to_numpy(),
    )
    vids = _voivodeship_ids(vv)
    powiat_place = (
        f"w mieście {powiat['adjective']}" if city else f"w powiecie {powiat['adjective']}m"
    )
    pilot_powiat = bool(powiat["pilot"])
    inst = _Institutions()

    # powiat-level institutions
    size = int(rng.integers(_POWIAT_SIZE[0] + (4 if city else 0), _POWIAT_SIZE[1] + 1))
    ptypes = _draw_types(rng, _POWIAT_REQUIRED, _POWIAT_LIKELY, _POWIAT_FILL, size)
    ptypes = ptypes[: _POWIAT_SIZE[1]]
    totals = {t: ptypes.count(t) for t in ptypes}
    seen: dict[str, int] = {}
    powiat_idx: dict[str, list[int]] = {}
    for type_ in ptypes:
        seen[type_] = k = seen.get(type_, 0) + 1
        abbr = TYPE_ABBREVIATIONS[type_]
        id_ = f"{pp}-{abbr}" if type_ in _UNIQUE else f"{pp}-{abbr}{k}"
        project = PILOT_PROJECT if pilot_powiat and type_ in ("pcpr", "powiat_office") else ""
        i = inst.add(
            id_,
            _powiat_institution_name(type_, k, totals[type_], city, powiat_place),
            type_,
            "powiat",
            pp,
            project,
        )
        powiat_idx.setdefault(type_, []).append(i)

    # gmina-level institutions
    gms: list[_Gmina] = []
    for gi, row in enumerate(gminas.itertuples(index=False)):
        g = _Gmina(
            str(row.teryt),
            str(row.name),
            str(row.gmina_type),
            bool(row.city),
            bool(row.pilot),
            str(row.sa_type),
            float(row.weight),
        )
        gms.append(g)
        low, high = _GMINA_SIZE[g.kind]
        n = int(rng.integers(low, high + 1))
        likely = {t: p[g.kind] for t, p in _GMINA_LIKELY.items()}
        fill = _GMINA_FILL_URBAN if g.kind in ("1", "c") else _GMINA_FILL
        types = _draw_types(rng, (g.sa_type, *_GMINA_REQUIRED), likely, fill, n)[:high]
        totals = {t: types.count(t) for t in types}
        seen = {}
        place = _gmina_place(g.name, g.city)
        project = PILOT_PROJECT if g.pilot else ""
        for type_ in types:
            seen[type_] = k = seen.get(type_, 0) + 1
            abbr = TYPE_ABBREVIATIONS[type_]
            id_ = f"{g.teryt}-{abbr}" if type_ in _UNIQUE else f"{g.teryt}-{abbr}{k}"
            name = _gmina_institution_name(
                type_, k, totals[type_], g.gtype, g.city, place, g.name, rng
            )
            g.members.append(inst.add(id_, name, type_, "gmina", g.teryt, project, gi))
    inst.write(chunk)

    ids = inst.ids
    cands = _Candidates()
    _powiat_ties(rng, inst, powiat_idx, cands, vids, neighbour)
    for g in gms:
        _gmina_ties(rng, inst, g, powiat_idx, cands, vids)
    # a few ties between gminas of the powiat
    sas = [_first(inst, g.members, g.sa_type) for g in gms]
    for x in range(len(gms)):
        for y in range(x + 1, len(gms)):
            sx, sy = sas[x], sas[y]
            if sx is not None and sy is not None and rng.random() < 0.3:
                cands.add(ids[sx], ids[sy], 0.5, 0.65)
        others = [i for g2, g in enumerate(gms) if g2 != x for i in g.members]
        if others:
            for _ in range(int(rng.integers(0, 3))):
                a = gms[x].members[int(rng.integers(len(gms[x].members)))]
                b = others[int(rng.integers(len(others)))]
                if a not in sas and b not in sas:
                    cands.add(ids[a], ids[b], 0.4, 0.5)
    _sample_ties(rng, cands, chunk)

    # staff
    staff = _persons(rng, inst, gms, powiat_idx, families_per_gmina, chunk)

    # groups at powiat and gmina level
    _powiat_groups(rng, inst, gms, powiat_idx, pp, powiat, chunk)
    for g in gms:
        _gmina_groups(rng, inst, g, powiat_idx, chunk)

    # families, services, referrals, family-level groups
    if families_per_gmina > 0:
        _families(rng, inst, gms, powiat_idx, staff, families_per_gmina, seed, chunk)
    return chunk


def _powiat_ties(
    rng: np.random.Generator,
    inst: _Institutions,
    pidx: dict[str, list[int]],
    cands: _Candidates,
    vids: dict[str, str],
    neighbour: str | None,
) -> None:
    ids = inst.ids
    pcpr = ids[pidx["pcpr"][0]]
    office = ids[pidx["powiat_office"][0]]
    one = {t: ids[v[0]] for t, v in pidx.items()}
    cands.add(pcpr, office, 1.0, 1.0)
    social = {
        "oik",
        "care_institution",
        "dps",
        "foster_family",
        "foster_care_organiser",
        "ngo",
        "ppp",
    }
    for type_, members in pidx.items():
        for i in members:
            if ids[i] in (pcpr, office):
                continue
            cands.add(ids[i], pcpr if type_ in social else office, 1.0, 1.0)
    for a, b, p in (
        ("pcpr", "pup", 0.8),
        ("pcpr", "court", 0.8),
        ("pcpr", "police_hq", 0.5),
        ("pcpr", "ppp", 0.7),
        ("court", "police_hq", 0.8),
        ("hospital", "mental_health", 0.6),
        ("pcpr", "oik", 0.9),
        ("pcpr", "mental_health", 0.4),
        ("police_hq", "oik", 0.6),
        ("pcpr", "foster_care_organiser", 1.0),
        ("court", "care_institution", 0.5),
        ("pup", "powiat_office", 0.9),
    ):
        if a in one and b in one:
            cands.add(one[a], one[b], p)
    for i in pidx.get("foster_family", []):
        if "foster_care_organiser" in one:
            cands.add(ids[i], one["foster_care_organiser"], 0.8)
    flat = [i for v in pidx.values() for i in v]
    for _ in range(len(flat) // 2):
        a, b = rng.choice(flat, size=2, replace=False)
        cands.add(ids[int(a)], ids[int(b)], 0.4, 0.5)
    cands.add(pcpr, vids["rops"], 0.85, 0.95)
    cands.add(office, vids["voivodeship_office"], 0.3, 0.35)
    cands.add(one["pup"], vids["wup"], 0.7, 0.8)
    if neighbour is not None:
        for type_, p in (("pcpr", 0.3), ("court", 0.2), ("hospital", 0.2), ("police_hq", 0.3)):
            abbr = TYPE_ABBREVIATIONS[type_]
            cands.add(one[type_], f"{neighbour}-{abbr}", p, p + 0.1)


#: (type, probability before) of a tie between a gmina's social assistance centre and ...
SA_TIES: Final = {
    "school": 0.8,
    "police_station": 0.8,
    "poz": 0.7,
    "gkrpa": 0.95,
    "day_support": 0.9,
    "ngo": 0.55,
    "parish": 0.45,
    "library": 0.25,
    "culture_centre": 0.35,
    "sports_club": 0.15,
    "preschool": 0.5,
    "cis_kis": 0.9,
    "housing_office": 0.7,
}
SA_POWIAT_TIES: Final = {
    "pcpr": 0.9,
    "pup": 0.75,
    "court": 0.7,
    "police_hq": 0.55,
    "ppp": 0.5,
    "oik": 0.5,
    "mental_health": 0.3,
    "hospital": 0.25,
    "dps": 0.4,
    "care_institution": 0.3,
}
#: which institution a gmina institution surely reports a tie with: its "home"
_HOME_SA: Final = frozenset({"day_support", "cis_kis", "gkrpa", "ngo"})


def _gmina_ties(
    rng: np.random.Generator,
    inst: _Institutions,
    g: _Gmina,
    pidx: dict[str, list[int]],
    cands: _Candidates,
    vids: dict[str, str],
) -> bool:
    """Candidate ties of one gmina; returns whether a gap is planted before the pilot."""
    ids = inst.ids
    sa_i = _first(inst, g.members, g.sa_type)
    office_i = _first(inst, g.members, "municipal_office")
    assert sa_i is not None and office_i is not None
    sa, office = ids[sa_i], ids[office_i]
    one = {t: ids[v[0]] for t, v in pidx.items()}
    cands.add(sa, office, 1.0, 1.0)
    for i in g.members:
        if i in (sa_i, office_i):
            continue
        type_ = inst.types[i]
        cands.add(ids[i], sa if type_ in _HOME_SA else office, 1.0, 1.0)
        p = SA_TIES.get(type_)
        if p is not None:
            cands.add(ids[i], sa, p)
        if type_ == "school":
            cands.add(ids[i], one["ppp"], 0.6, 0.7)
            cands.add(ids[i], one["police_hq"], 0.15, 0.25)
        elif type_ == "police_station":
            cands.add(ids[i], one["police_hq"], 1.0, 1.0)
        elif type_ == "poz":
            cands.add(ids[i], one["hospital"], 0.5, 0.55)
            if "mental_health" in one:
                cands.add(ids[i], one["mental_health"], 0.2, 0.3)
        elif type_ == "gkrpa":
            if "mental_health" in one:
                cands.add(ids[i], one["mental_health"], 0.3, 0.4)
            cands.add(ids[i], one["police_hq"], 0.2, 0.3)
        elif type_ == "day_support":
            cands.add(ids[i], one["pcpr"], 0.3, 0.45)
        elif type_ == "ngo":
            cands.add(ids[i], one["pcpr"], 0.15, 0.25)
    for type_, p in SA_POWIAT_TIES.items():
        if type_ in one:
            cands.add(sa, one[type_], p)
    cands.add(office, one["powiat_office"], 0.8, 0.85)
    cands.add(sa, vids["rops"], 0.7 if g.pilot else 0.15, 0.9 if g.pilot else 0.2)
    # ties among the other institutions of the gmina
    others = [i for i in g.members if i != sa_i]
    for _ in range(round(0.6 * len(others))):
        a, b = rng.choice(others, size=2, replace=False)
        cands.add(ids[int(a)], ids[int(b)], 0.5, 0.6)
    # planted gap: the social assistance centre has no tie to the schools and/or the police
    gap = bool(rng.random() < 0.18)
    if gap:
        persistent = bool(rng.random() < 0.35)
        which = rng.choice(3, p=[0.4, 0.3, 0.3])  # 0 schools, 1 police, 2 both
        targets: list[str] = []
        if which in (0, 2):
            targets += [ids[i] for i in _all(inst, g.members, "school")]
        if which in (1, 2):
            targets += [ids[i] for i in _all(inst, g.members, "police_station")]
            targets.append(one["police_hq"])
        for t in targets:
            cands.block(sa, t, before=True, after=persistent)
    return gap


# --------------------------------------------------------------------------- persons


@dataclass
class _Staff:
    """Persons of one powiat, by institution and role."""

    ids: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    institution: list[int] = field(default_factory=list)
    by_institution: dict[int, list[int]] = field(default_factory=dict)
    coordinators: dict[int, list[int]] = field(default_factory=dict)  # gmina index -> persons

    def add(self, inst_index: int, inst_id: str, role: str) -> int:
        k = len(self.by_institution.get(inst_index, [])) + 1
        self.ids.append(f"{inst_id}-P{k}")
        self.roles.append(role)
        self.institution.append(inst_index)
        self.by_institution.setdefault(inst_index, []).append(len(self.ids) - 1)
        return len(self.ids) - 1


def _persons(
    rng: np.random.Generator,
    inst: _Institutions,
    gms: list[_Gmina],
    pidx: dict[str, list[int]],
    families_per_gmina: float,
    chunk: Chunk,
) -> _Staff:
    staff = _Staff()
    for gi, g in enumerate(gms):
        expected = max(families_per_gmina, 1.0) * g.weight
        for i in g.members:
            type_ = inst.types[i]
            roles: list[str] = []
            if type_ in ("ops", "cus"):
                roles = ["manager"]
                roles += ["social_worker"] * int(np.clip(round(expected / 45), 1, 30))
                roles += ["family_assistant"] * int(np.clip(1 + expected // 150, 1, 12))
                if g.pilot:
                    roles.append("cooperation_coordinator")
            elif type_ == "school":
                roles = ["teacher"] * int(rng.integers(1, 3))
            elif type_ == "police_station":
                roles = ["police_officer"] * int(rng.integers(1, 4))
            elif type_ == "poz":
                roles = ["health_worker"]
            elif type_ == "day_support":
                roles = ["other"]
            for role in roles:
                p = staff.add(i, inst.ids[i], role)
                if type_ in ("ops", "cus") and role != "manager":
                    staff.coordinators.setdefault(gi, []).append(p)
    for type_, roles in (
        (
            "pcpr",
            [
                "manager",
                "foster_care_coordinator",
                "foster_care_coordinator",
                "psychologist",
                "social_worker",
            ],
        ),
        ("court", ["probation_officer"] * 3),
        ("police_hq", ["police_officer"] * 2),
        ("ppp", ["psychologist", "psychologist"]),
        ("oik", ["psychologist"]),
        ("mental_health", ["psychologist", "health_worker"]),
        ("pup", ["other"]),
        ("foster_care_organiser", ["foster_care_coordinator"]),
    ):
        for i in pidx.get(type_, []):
            more = int(rng.integers(0, 4)) if type_ in ("court", "pcpr") else 0
            for role in roles + [roles[-1]] * more:
                staff.add(i, inst.ids[i], role)
    chunk.add(
        "persons",
        id=staff.ids,
        role=staff.roles,
        institution=[inst.ids[i] for i in staff.institution],
    )
    return staff


# --------------------------------------------------------------------------- groups


def _powiat_groups(
    rng: np.random.Generator,
    inst: _Institutions,
    gms: list[_Gmina],
    pidx: dict[str, list[int]],
    pp: str,
    powiat: pd.Series,
    chunk: Chunk,
) -> None:
    ids = inst.ids
    one = {t: ids[v[0]] for t, v in pidx.items()}
    adj = str(powiat["adjective"])
    of = f"miasta {adj}" if bool(powiat["city"]) else f"powiatu {adj}ego"
    start = _day("2018-09-01") + int(rng.integers(0, 180))
    with_pzk = bool(powiat["pilot"]) or rng.random() < 0.5
    group_ids = [f"{pp}-PGR", f"{pp}-PGD"] + ([f"{pp}-PZK"] if with_pzk else [])
    chunk.add(
        "groups",
        id=group_ids,
        name=[
            f"Powiatowa Grupa Refleksyjna {of}",
            f"Powiatowa Grupa Decydentów {of}",
            f"Partnerski Zespół Kooperacji {of}",
        ][: len(group_ids)],
        type=["PGR", "PGD", "PZK"][: len(group_ids)],
        level="powiat",
        teryt=[pp] * len(group_ids),
        project=PILOT_PROJECT,
        start=_dates(np.array([start, start, PILOT_START + 30])[: len(group_ids)]),
        end=["2020-06-30", "", ""][: len(group_ids)],
    )
    rows: list[tuple[str, str, str, str]] = []
    pgr, pgd, pzk = group_ids[0], group_ids[1], f"{pp}-PZK"
    sas = [ids[i] for g in gms for i in g.members if inst.types[i] in ("ops", "cus")]
    offices = [ids[i] for g in gms for i in g.members if inst.types[i] == "municipal_office"]
    rows.append((pgr, one["pcpr"], "chair", BEFORE))
    for t in ("pup", "court", "police_hq", "ppp", "oik"):
        if t in one:
            rows.append((pgr, one[t], "member", BEFORE))
    for sa in sas:
        if rng.random() < 0.6:
            rows.append((pgr, sa, "member", BEFORE))
    rows.append((pgd, one["powiat_office"], "chair", ""))
    for t in ("pcpr", "pup", "police_hq", "court"):
        rows.append((pgd, one[t], "member", ""))
    for office in offices:
        if rng.random() < 0.4:
            rows.append((pgd, office, "member", ""))
    if with_pzk:
        rows.append((pzk, one["pcpr"], "coordinator", AFTER))
        for t in ("pup", "court", "police_hq", "ppp", "oik", "hospital", "mental_health"):
            if t in one and rng.random() < 0.85:
                rows.append((pzk, one[t], "member", AFTER))
        for sa in sas:
            if rng.random() < 0.85:
                rows.append((pzk, sa, "member", AFTER))
        for i in pidx.get("ngo", []):
            rows.append((pzk, ids[i], "member", AFTER))
    starts = [start if r[0] != pzk else PILOT_START + 30 for r in rows]
    chunk.add(
        "memberships",
        group=[r[0] for r in rows],
        member=[r[1] for r in rows],
        role=[r[2] for r in rows],
        start=_dates(np.array(starts)),
        wave=[r[3] for r in rows],
    )


#: sectors a ZI should have besides social assistance, and how often each is missing
_ZI_MISSING: Final = {"health": 0.10, "police": 0.07, "justice": 0.10, "education": 0.05}


def _gmina_groups(
    rng: np.random.Generator,
    inst: _Institutions,
    g: _Gmina,
    pidx: dict[str, list[int]],
    chunk: Chunk,
) -> None:
    ids = inst.ids
    one = {t: ids[v[0]] for t, v in pidx.items()}
    place = _gmina_place(g.name, g.city)
    sa_i = _first(inst, g.members, g.sa_type)
    assert sa_i is not None
    sa = ids[sa_i]
    zi = f"{g.teryt}-ZI"
    zi_start = _day("2011-08-01") + int(rng.integers(0, 500))
    groups = [(zi, f"Zespół Interdyscyplinarny {place}", "ZI", zi_start, "")]
    rows: list[tuple[str, str, str, str]] = [
        (zi, sa, "chair" if rng.random() < 0.6 else "coordinator", "")
    ]
    by_sector: dict[str, list[str]] = {}
    police = _all(inst, g.members, "police_station")
    by_sector["police"] = [ids[police[0]]] if police else [one["police_hq"]]
    schools = _all(inst, g.members, "school")
    by_sector["education"] = [ids[i] for i in schools[: int(rng.integers(1, 3))]]
    by_sector["health"] = [ids[i] for i in _all(inst, g.members, "poz")[:1]]
    by_sector["justice"] = [one["court"]]
    gkrpa = _first(inst, g.members, "gkrpa")
    if gkrpa is not None:
        rows.append((zi, ids[gkrpa], "member", ""))
    ngos = _all(inst, g.members, "ngo")
    if ngos and rng.random() < 0.6:
        rows.append((zi, ids[ngos[0]], "member", ""))
    if rng.random() < 0.4:
        rows.append((zi, one["pcpr"], "member", ""))
    if "oik" in one and rng.random() < 0.4:
        rows.append((zi, one["oik"], "member", ""))
    for sector, p_missing in _ZI_MISSING.items():
        missing = rng.random() < p_missing
        fixed_after = missing and rng.random() < 0.4
        for member in by_sector[sector]:
            if not missing:
                rows.append((zi, member, "member", ""))
            elif fixed_after:
                rows.append((zi, member, "member", AFTER))
    # GGK: the gmina cooperation group of the pilot
    if g.pilot or rng.random() < 0.25:
        ggk = f"{g.teryt}-GGK"
        groups.append((ggk, f"Gminna Grupa Kooperacyjna {place}", "GGK", PILOT_START, ""))
        rows.append((ggk, sa, "coordinator", AFTER))
        for type_ in ("school", "police_station", "poz", "ngo", "parish", "day_support"):
            found = _first(inst, g.members, type_)
            if found is not None and rng.random() < 0.8:
                rows.append((ggk, ids[found], "member", AFTER))
        rows.append((ggk, one["pcpr"], "member", AFTER))
    chunk.add(
        "groups",
        id=[x[0] for x in groups],
        name=[x[1] for x in groups],
        type=[x[2] for x in groups],
        level="gmina",
        teryt=[g.teryt] * len(groups),
        project=[PILOT_PROJECT if x[2] == "GGK" else "" for x in groups],
        start=_dates(np.array([x[3] for x in groups])),
        end=[x[4] for x in groups],
    )
    starts = {x[0]: x[3] for x in groups}
    chunk.add(
        "memberships",
        group=[r[0] for r in rows],
        member=[r[1] for r in rows],
        role=[r[2] for r in rows],
        start=_dates(np.array([starts[r[0]] for r in rows])),
        wave=[r[3] for r in rows],
    )


# --------------------------------------------------------------------------- families


def _splitmix64(x: np.ndarray) -> np.ndarray:
    """A bijection of uint64 (SplitMix64 finaliser): distinct inputs give distinct outputs."""
    with np.errstate(over="ignore"):
        z = x + np.uint64(0x9E3779B97F4A7C15)
        z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        return z ^ (z >> np.uint64(31))


def family_pseudonyms(seed: int, gmina: str, count: int) -> list[str]:
    """Synthetic family ids in the pseudonym format (``F-`` and 16 hex digits).

    Distinct for distinct ``(gmina, index)`` pairs under one seed; not the
    HMAC of anything, since there are no real ids behind them.

    >>> from kokon_graph.io.pseudonym import PSEUDONYM_PATTERN
    >>> ids = family_pseudonyms(1, "1805011", 3)
    >>> all(PSEUDONYM_PATTERN.fullmatch(f) for f in ids), len(set(ids))
    (True, 3)
    """
    base = np.uint64(int(gmina)) << np.uint64(24)
    keys = base + np.arange(count, dtype=np.uint64)
    with np.errstate(over="ignore"):
        mixed = _splitmix64(keys ^ _splitmix64(np.array([seed], dtype=np.uint64)))
    return [f"F-{v:016x}" for v in mixed.tolist()]


def _families(
    rng: np.random.Generator,
    inst: _Institutions,
    gms: list[_Gmina],
    pidx: dict[str, list[int]],
    staff: _Staff,
    families_per_gmina: float,
    seed: int,
    chunk: Chunk,
) -> None:
    ids = np.array(inst.ids, dtype=object)
    types = np.array(inst.types, dtype=object)
    type_code = np.array([_SERVICE_ROW.get(t, 0) for t in inst.types])
    n_g = rng.poisson(families_per_gmina * np.array([g.weight for g in gms]))
    F = int(n_g.sum())
    if F == 0:
        return
    fam_g = np.repeat(np.arange(len(gms)), n_g)
    fam_ids = np.array(
        [
            f
            for g, n in zip(gms, n_g, strict=True)
            for f in family_pseudonyms(seed, g.teryt, int(n))
        ],
        dtype=object,
    )
    pilot = np.array([g.pilot for g in gms])[fam_g]
    size = np.minimum(1 + rng.poisson(1.9, F), 10)
    children = rng.binomial(size - 1, 0.6)
    problems = rng.random((F, len(_PROBLEMS))) < _PROBLEM_P
    parenting = _PROBLEMS.index("parenting")
    problems[:, parenting] |= (children > 0) & (rng.random(F) < 0.1)
    problems[~problems.any(axis=1), 0] = True
    bits = problems.astype(np.int64) @ (1 << np.arange(len(_PROBLEMS), dtype=np.int64))
    entry = rng.integers(_FIRST_ENTRY, _LAST_ENTRY + 1, size=F)
    plan = np.where(
        pilot,
        rng.choice(5, size=F, p=_PLAN_P[True]),
        rng.choice(5, size=F, p=_PLAN_P[False]),
    )

    # who serves each family: the social assistance centre mostly, then the best-fitting
    # others among the institutions of its gmina and its powiat
    sa_of_g = np.array([_first(inst, g.members, g.sa_type) for g in gms])
    features = np.concatenate([problems, (children > 0)[:, None]], axis=1).astype(float)
    base = np.array([_SERVE_BASE.get(t, 0.0) for t in inst.types])
    boost = np.zeros((len(_FEATURES), len(inst.types)))
    local: list[list[int]] = [[] for _ in gms]
    higher: list[int] = []
    for i, t in enumerate(inst.types):
        if t not in _SERVE_BASE:
            continue
        for feature, value in _SERVE_BOOST.get(t, {}).items():
            boost[_FEATURES.index(feature), i] = value
        (higher if inst.gmina_index[i] < 0 else local[inst.gmina_index[i]]).append(i)
    top = np.zeros((F, 5), dtype=np.int64)
    offsets = np.concatenate([[0], np.cumsum(n_g)])
    for gi in range(len(gms)):
        lo, hi = int(offsets[gi]), int(offsets[gi + 1])
        if lo == hi:
            continue
        cand = np.array(local[gi] + higher)
        noise = 0.5 * rng.gumbel(size=(hi - lo, len(cand)))
        score = np.log(base[cand][None, :] + features[lo:hi] @ boost[:, cand]) + noise
        top[lo:hi] = cand[np.argsort(-score, axis=1, kind="stable")[:, :5]]
    k = rng.choice(4, size=F, p=_K_P) + 1
    sa_serves = rng.random(F) < 0.9
    sa_f = sa_of_g[fam_g]
    with_sa = np.concatenate([sa_f[:, None], top[:, :3]], axis=1)
    serving = np.where(sa_serves[:, None], with_sa, top[:, :4])
    slot = np.arange(4)[None, :]
    serving = np.where(slot < k[:, None], serving, -1)
    n_other = k - sa_serves
    outside = top[np.arange(F), n_other]
    outside = np.where(~sa_serves & (rng.random(F) < 0.5), sa_f, outside)

    # services: one row per family and institution, a second one for some social assistance rows
    rows_f, rows_s = np.nonzero(serving >= 0)
    srv_inst = serving[rows_f, rows_s]
    srv_type = type_code[srv_inst]
    n_kinds = _SERVICE_COUNT[srv_type]
    position = (rng.random(len(srv_inst)) * n_kinds).astype(np.int64)
    kinds = _SERVICE_TABLE[srv_type, position]
    second = np.isin(types[srv_inst], ["ops", "cus"]) & (rng.random(len(srv_inst)) < 0.3)
    second_kind = _SERVICE_TABLE[srv_type[second], (position[second] + 1) % n_kinds[second]]
    srv_f = np.concatenate([rows_f, rows_f[second]])
    srv_i = np.concatenate([srv_inst, srv_inst[second]])
    srv_k = np.concatenate([kinds, second_kind])
    order = np.argsort(srv_f, kind="stable")
    srv_f, srv_i, srv_k = srv_f[order], srv_i[order], srv_k[order]
    m = len(srv_f)
    start = np.minimum(entry[srv_f] + rng.integers(0, 120, size=m), AFTER_END)
    has_end = rng.random(m) < 0.45
    end = np.minimum(start + rng.integers(60, 721, size=m), AFTER_END)
    chunk.add(
        "services",
        family=fam_ids[srv_f],
        institution=ids[srv_i],
        service=srv_k,
        start=_dates(start),
        end=_dates(end, has_end),
        wave=np.where(start < PILOT_START, BEFORE, AFTER),
    )
    has_fa = np.zeros(F, dtype=bool)
    has_fa[srv_f[srv_k == "family_assistant"]] = True

    # coordinators: staff of the gmina's social assistance centre
    p_coord = 0.10 + 0.2 * (k >= 3) + 0.2 * has_fa + 0.12 * pilot + 0.08 * (entry >= PILOT_START)
    coordinated = rng.random(F) < p_coord
    coord = np.full(F, "", dtype=object)
    staff_ids = np.array(staff.ids, dtype=object)
    for gi in range(len(gms)):
        pool = staff.coordinators.get(gi, [])
        mask = coordinated & (fam_g == gi)
        if pool and mask.any():
            coord[mask] = staff_ids[
                np.array(pool)[rng.integers(0, len(pool), size=int(mask.sum()))]
            ]
    chunk.add(
        "families",
        id=fam_ids,
        teryt=np.array([g.teryt for g in gms], dtype=object)[fam_g],
        size=_ints(size),
        children=_ints(children),
        problems=[_PROBLEM_TEXT[b] for b in bits.tolist()],
        plan_status=_PLAN_STATUSES[plan],
        coordinator=coord,
    )

    _referrals(rng, ids, types, gms, fam_g, fam_ids, serving, k, outside, sa_serves, entry, chunk)
    _family_groups(
        rng,
        inst,
        gms,
        fam_g,
        serving,
        k,
        coord,
        coordinated,
        entry,
        problems,
        children,
        staff,
        pidx,
        chunk,
    )


def _referrals(
    rng: np.random.Generator,
    ids: np.ndarray,
    types: np.ndarray,
    gms: list[_Gmina],
    fam_g: np.ndarray,
    fam_ids: np.ndarray,
    serving: np.ndarray,
    k: np.ndarray,
    outside: np.ndarray,
    sa_serves: np.ndarray,
    entry: np.ndarray,
    chunk: Chunk,
) -> None:
    F = len(fam_ids)
    n_ref = rng.poisson(1.25 * k)
    rf = np.repeat(np.arange(F), n_ref)
    r = len(rf)
    if r == 0:
        return
    kr = k[rf]
    t_slot = (rng.random(r) * kr).astype(int)
    target = serving[rf, t_slot]
    use_outside = (kr == 1) | (rng.random(r) < 0.3)
    s_slot = (t_slot + 1 + (rng.random(r) * np.maximum(kr - 1, 1)).astype(int)) % kr
    source = np.where(use_outside, outside[rf], serving[rf, s_slot])
    # the social assistance centre (slot 0 when it serves) refers most families onwards
    by_sa = sa_serves[rf] & (t_slot > 0) & (rng.random(r) < 0.5)
    source = np.where(by_sa, serving[rf, 0], source)
    sent = np.minimum(entry[rf] + rng.integers(0, 365, size=r), AFTER_END)
    after = sent >= PILOT_START
    wave_end = np.where(after, AFTER_END, BEFORE_END)
    # status: a few gminas answer badly; courts and hospitals are slower; the pilot helps
    poor = np.array([rng.random() < 0.2 for _ in gms])[fam_g[rf]]
    target_type = types[target]
    factor = np.ones(r)
    for t, f in _NO_ANSWER_FACTOR.items():
        factor[target_type == t] = f
    p_none = 0.11 * factor * np.where(poor, 2.3, 1.0) * np.where(after, 0.6, 1.0)
    pending = (wave_end - sent < 21) & (rng.random(r) < 0.7)
    unanswered = rng.random(r) < p_none
    answered_kind = rng.choice(4, size=r, p=[0.46, 0.34, 0.14, 0.06])
    status = np.array(["completed", "accepted", "rejected", "other"], dtype=object)[answered_kind]
    status = np.where(unanswered, "no_answer", status)
    status = np.where(pending, "sent", status)
    median = np.full(r, 6.0)
    for t, d in _DELAY_MEDIAN.items():
        median[target_type == t] = d
    median *= np.where(poor, 1.8, 1.0) * np.where(after, 0.8, 1.0)
    delay = np.minimum(np.round(median * rng.lognormal(0.0, 0.8, size=r)), 240).astype(np.int64)
    has_answer = ~(unanswered | pending)
    answered = sent + delay
    # ids: gmina code and running number
    g_of = fam_g[rf]
    order = np.argsort(g_of, kind="stable")
    number = np.empty(r, dtype=np.int64)
    counts = np.bincount(g_of, minlength=len(gms))
    starts = np.concatenate([[0], np.cumsum(counts)[:-1]])
    number[order] = np.arange(r) - np.repeat(starts, counts) + 1
    teryts = [g.teryt for g in gms]
    chunk.add(
        "referrals",
        id=[f"{teryts[g]}-R{n}" for g, n in zip(g_of.tolist(), number.tolist(), strict=True)],
        family=fam_ids[rf],
        source=ids[source],
        target=ids[target],
        sent=_dates(sent),
        status=status,
        answered=_dates(answered, has_answer),
        wave=np.where(after, AFTER, BEFORE),
    )


def _family_groups(
    rng: np.random.Generator,
    inst: _Institutions,
    gms: list[_Gmina],
    fam_g: np.ndarray,
    serving: np.ndarray,
    k: np.ndarray,
    coord: np.ndarray,
    coordinated: np.ndarray,
    entry: np.ndarray,
    problems: np.ndarray,
    children: np.ndarray,
    staff: _Staff,
    pidx: dict[str, list[int]],
    chunk: Chunk,
) -> None:
    """ZZK task teams around some coordinated families, GDP groups around families in the
    domestic-violence procedure. Groups never name the family."""
    ids = inst.ids
    F = len(fam_g)
    zzk = coordinated & (k >= 3) & (entry >= PILOT_START) & (rng.random(F) < 0.4)
    violence = problems[:, _PROBLEMS.index("domestic_violence")]
    gdp = violence & (rng.random(F) < 0.35)
    group_rows: list[tuple[str, str, str, str, int, int]] = []
    member_rows: list[tuple[str, str, str, int, str]] = []
    counter: dict[tuple[int, str], int] = {}

    def first_person(i: int, role: str | None = None) -> str | None:
        people = staff.by_institution.get(i, [])
        for p in people:
            if role is None or staff.roles[p] == role:
                return staff.ids[p]
        return None

    police_hq = pidx["police_hq"][0]
    court = pidx["court"][0]
    for f in np.nonzero(zzk | gdp)[0].tolist():
        g = gms[int(fam_g[f])]
        place = _gmina_place(g.name, g.city)
        if zzk[f]:
            counter[(fam_g[f], "ZZK")] = n = counter.get((fam_g[f], "ZZK"), 0) + 1
            gid = f"{g.teryt}-ZZK{n}"
            start = int(entry[f]) + int(rng.integers(14, 90))
            start = min(start, AFTER_END)
            group_rows.append(
                (gid, f"Zadaniowy Zespół Kooperacyjny nr {n} {place}", "ZZK", g.teryt, start, -1)
            )
            members = [(str(coord[f]), "coordinator")] if coord[f] else []
            for i in serving[f, : k[f]].tolist():
                if inst.types[i] in ("ops", "cus"):
                    continue
                person = first_person(i)
                members.append((person or ids[i], "member"))
            seen: set[str] = set()
            for member, role in members:
                if member not in seen:
                    seen.add(member)
                    member_rows.append((gid, member, role, start, AFTER))
        if gdp[f]:
            counter[(fam_g[f], "GDP")] = n = counter.get((fam_g[f], "GDP"), 0) + 1
            gid = f"{g.teryt}-GDP{n}"
            start = min(int(entry[f]) + int(rng.integers(0, 60)), AFTER_END - 30)
            end = min(start + int(rng.integers(30, 271)), AFTER_END)
            wave = AFTER if start >= PILOT_START else BEFORE
            group_rows.append(
                (gid, f"Grupa diagnostyczno-pomocowa nr {n} {place}", "GDP", g.teryt, start, end)
            )
            sa = _first(inst, g.members, g.sa_type)
            assert sa is not None
            members_gdp: list[str] = []
            worker = first_person(sa, "social_worker")
            members_gdp.append(worker or ids[sa])
            station = _first(inst, g.members, "police_station")
            cop = first_person(station if station is not None else police_hq, "police_officer")
            members_gdp.append(cop or ids[police_hq])
            if children[f] > 0:
                school = _first(inst, g.members, "school")
                if school is not None:
                    members_gdp.append(first_person(school, "teacher") or ids[school])
            if rng.random() < 0.3:
                members_gdp.append(first_person(court, "probation_officer") or ids[court])
            if rng.random() < 0.3:
                poz = _first(inst, g.members, "poz")
                if poz is not None:
                    members_gdp.append(first_person(poz, "health_worker") or ids[poz])
            seen_gdp: set[str] = set()
            for member in members_gdp:
                if member not in seen_gdp:
                    seen_gdp.add(member)
                    member_rows.append((gid, member, "member", start, wave))
    if not group_rows:
        return
    chunk.add(
        "groups",
        id=[x[0] for x in group_rows],
        name=[x[1] for x in group_rows],
        type=[x[2] for x in group_rows],
        level="gmina",
        teryt=[x[3] for x in group_rows],
        start=_dates(np.array([x[4] for x in group_rows])),
        end=_dates(
            np.array([max(x[5], 0) for x in group_rows]), np.array([x[5] >= 0 for x in group_rows])
        ),
    )
    chunk.add(
        "memberships",
        group=[x[0] for x in member_rows],
        member=[x[1] for x in member_rows],
        role=[x[2] for x in member_rows],
        start=_dates(np.array([x[3] for x in member_rows])),
        wave=[x[4] for x in member_rows],
    )
