"""Vocabularies and the names that every layer of kokon_graph agrees on.

This module is the single place where

* node kinds, edge kinds and the graph's attribute names are defined,
* each controlled vocabulary (institution types, sectors, levels, group types,
  referral statuses, ...) lists its canonical values with Polish and English
  labels and the aliases accepted on input,
* canonical values are mapped to Neo4j labels and relationship types.

It imports nothing from kokon_graph, so every other module may import it.

Canonical values are short ASCII codes (``"social_assistance"``, ``"PGR"``,
``"no_answer"``). Input is matched after :func:`normalize_token`: case,
Polish diacritics, punctuation and repeated white space do not matter.

Examples
--------
>>> SECTORS.normalize("Pomoc i integracja społeczna")
'social_assistance'
>>> SECTORS.normalize("POMOC I INTEGRACJA SPOLECZNA")
'social_assistance'
>>> LEVELS.normalize("Województwo")
'voivodeship'
>>> REFERRAL_STATUSES.label("no_answer", "pl")
'brak odpowiedzi'
>>> SECTORS.suggest("edukcja")[0]
'education'
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Final, Literal

__all__ = [
    "ATTR_ID",
    "ATTR_KIND",
    "ATTR_TYPE",
    "COOPERATION_KINDS",
    "COORDINATING_GROUP_TYPES",
    "DEFAULT_REQUIRED_SECTORS",
    "GMINA_TYPES",
    "GROUP_TYPES",
    "INSTITUTION_TYPES",
    "LEVELS",
    "MEMBER_ROLES",
    "NEO4J_LABELS",
    "NEO4J_REL_TYPES",
    "OTHER",
    "PERSON_ROLES",
    "PLAN_STATUSES",
    "PROBLEM_AREAS",
    "REFERRAL_STATUSES",
    "SECTORS",
    "SERVICE_KINDS",
    "SOCIAL_ASSISTANCE_TYPES",
    "SURVEY_RULES",
    "TERRITORY_KINDS",
    "VOCABULARIES",
    "VOIVODESHIP_CODES",
    "EdgeKind",
    "Lang",
    "NodeKind",
    "Term",
    "Vocabulary",
    "normalize_token",
]

Lang = Literal["pl", "en"]

#: The canonical value every vocabulary has for data that fits no other value.
OTHER: Final = "other"


class NodeKind:
    """Values of the node attribute :data:`ATTR_KIND` in the property graph."""

    INSTITUTION: Final = "institution"
    GROUP: Final = "group"
    PERSON: Final = "person"
    FAMILY: Final = "family"
    TERRITORY: Final = "territory"

    ALL: Final = (INSTITUTION, GROUP, PERSON, FAMILY, TERRITORY)


class EdgeKind:
    """Values of the edge attribute :data:`ATTR_TYPE` in the property graph."""

    COOPERATION: Final = "cooperation"  # institution -> institution
    MEMBERSHIP: Final = "membership"  # institution | person -> group
    SERVICE: Final = "service"  # institution -> family
    REFERRAL: Final = "referral"  # institution -> institution (about a family)
    LOCATED_IN: Final = "located_in"  # institution | group | family | territory -> territory
    EMPLOYMENT: Final = "employment"  # person -> institution
    COORDINATION: Final = "coordination"  # person -> family

    ALL: Final = (COOPERATION, MEMBERSHIP, SERVICE, REFERRAL, LOCATED_IN, EMPLOYMENT, COORDINATION)


#: Node attribute holding the :class:`NodeKind`.
ATTR_KIND: Final = "kind"
#: Edge attribute holding the :class:`EdgeKind`.
ATTR_TYPE: Final = "type"
#: Node attribute holding the id the row had in its table (families: the pseudonym).
ATTR_ID: Final = "id"

#: Neo4j node label for each node kind.
NEO4J_LABELS: Final[dict[str, str]] = {
    NodeKind.INSTITUTION: "Institution",
    NodeKind.GROUP: "Group",
    NodeKind.PERSON: "Person",
    NodeKind.FAMILY: "Family",
    NodeKind.TERRITORY: "Territory",
}

#: Neo4j relationship type for each edge kind.
NEO4J_REL_TYPES: Final[dict[str, str]] = {
    EdgeKind.COOPERATION: "COOPERATES_WITH",
    EdgeKind.MEMBERSHIP: "MEMBER_OF",
    EdgeKind.SERVICE: "SERVES",
    EdgeKind.REFERRAL: "REFERRED",
    EdgeKind.LOCATED_IN: "LOCATED_IN",
    EdgeKind.EMPLOYMENT: "WORKS_AT",
    EdgeKind.COORDINATION: "COORDINATES",
}

_POLISH_FOLD = str.maketrans({"ł": "l", "Ł": "L", "đ": "d", "ø": "o"})
_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)


def normalize_token(value: str) -> str:
    """Fold a vocabulary value for matching.

    Lower case, Polish diacritics removed (``ł`` included, which Unicode does
    not decompose), every run of punctuation, ``_``, ``-`` or white space
    turned into one space, typographic quotes dropped.

    >>> normalize_token("  Wymiar_Sprawiedliwości ")
    'wymiar sprawiedliwosci'
    >>> normalize_token("Posterunek Policji / dzielnicowy")
    'posterunek policji dzielnicowy'
    """
    folded = unicodedata.normalize("NFKD", value.translate(_POLISH_FOLD))
    ascii_only = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return _NON_WORD.sub(" ", ascii_only.casefold()).strip()


@dataclass(frozen=True)
class Term:
    """One canonical value of a vocabulary.

    Attributes
    ----------
    code
        The canonical value stored in tables, graphs and Neo4j.
    pl, en
        Labels shown to people.
    aliases
        Further spellings accepted on input (Polish and English, abbreviations).
    sector, level
        For institution types only: the default sector and level.
    """

    code: str
    pl: str
    en: str
    aliases: tuple[str, ...] = ()
    sector: str | None = None
    level: str | None = None

    def label(self, lang: Lang = "pl") -> str:
        """The label in ``lang`` (``"pl"`` or ``"en"``)."""
        return self.pl if lang == "pl" else self.en


@dataclass(frozen=True)
class Vocabulary:
    """A controlled vocabulary with Polish and English labels and aliases.

    Every vocabulary contains :data:`OTHER`, so values that fit nothing else
    can be kept as ``other`` instead of refused.
    """

    name: str
    terms: tuple[Term, ...]
    _index: dict[str, str] = field(init=False, repr=False, compare=False)
    _by_code: dict[str, Term] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        index: dict[str, str] = {}
        by_code: dict[str, Term] = {}
        for term in self.terms:
            by_code[term.code] = term
            for spelling in (term.code, term.pl, term.en, *term.aliases):
                key = normalize_token(spelling)
                owner = index.setdefault(key, term.code)
                if owner != term.code:
                    raise ValueError(
                        f"vocabulary {self.name!r}: {spelling!r} is an alias of both "
                        f"{owner!r} and {term.code!r}"
                    )
        if OTHER not in by_code:
            raise ValueError(f"vocabulary {self.name!r} has no {OTHER!r} value")
        object.__setattr__(self, "_index", index)
        object.__setattr__(self, "_by_code", by_code)

    def __iter__(self) -> Iterator[Term]:
        return iter(self.terms)

    def __contains__(self, code: object) -> bool:
        return code in self._by_code

    @property
    def codes(self) -> tuple[str, ...]:
        """The canonical values, in their documented order."""
        return tuple(t.code for t in self.terms)

    def term(self, code: str) -> Term:
        """The :class:`Term` of a canonical value (``KeyError`` if unknown)."""
        return self._by_code[code]

    def normalize(self, value: str) -> str | None:
        """The canonical value for ``value``, or ``None`` if nothing matches."""
        return self._index.get(normalize_token(value))

    def label(self, code: str, lang: Lang = "pl") -> str:
        """The label of a canonical value; unknown values are returned as given."""
        term = self._by_code.get(code)
        return term.label(lang) if term else code

    def labels(self, lang: Lang = "pl") -> dict[str, str]:
        """``{code: label}`` for every value."""
        return {t.code: t.label(lang) for t in self.terms}

    def suggest(self, value: str, n: int = 3) -> list[str]:
        """The canonical values closest to an unknown ``value``, best first.

        Only spellings nearly as close as the best match are offered, so a
        typo gets one suggestion rather than a list of loose guesses.
        """
        key = normalize_token(value)
        scored: dict[str, float] = {}
        for spelling, code in self._index.items():
            ratio = difflib.SequenceMatcher(None, key, spelling).ratio()
            scored[code] = max(scored.get(code, 0.0), ratio)
        ranked = sorted(scored.items(), key=lambda item: (-item[1], item[0]))
        if not ranked or ranked[0][1] < 0.6:
            return []
        best = ranked[0][1]
        return [code for code, ratio in ranked[:n] if ratio >= max(0.6, best - 0.05)]

    def normalize_many(self, values: Iterable[str]) -> dict[str, str | None]:
        """Map each distinct input spelling to its canonical value (or ``None``)."""
        return {v: self.normalize(v) for v in set(values)}


def _v(name: str, *terms: Term) -> Vocabulary:
    return Vocabulary(name, terms)


LEVELS: Final = _v(
    "level",
    Term("gmina", "gmina", "municipality", ("commune", "gminny", "gminna", "miasto", "dzielnica")),
    Term("powiat", "powiat", "county", ("district", "powiatowy", "powiatowa")),
    Term(
        "voivodeship",
        "województwo",
        "voivodeship",
        ("wojewodzki", "wojewodzka", "region", "regional", "regionalny", "province"),
    ),
    Term("national", "kraj", "national", ("krajowy", "ogolnopolski", "country", "poland")),
    Term(OTHER, "inny", "other", ("inna", "inne")),
)

SECTORS: Final = _v(
    "sector",
    Term(
        "social_assistance",
        "pomoc i integracja społeczna",
        "social assistance and integration",
        (
            "pomoc spoleczna",
            "social assistance",
            "social welfare",
            "integracja spoleczna",
            "social integration",
            "welfare",
        ),
    ),
    Term(
        "family_support",
        "wspieranie rodziny i piecza zastępcza",
        "family support and foster care",
        (
            "wspieranie rodziny",
            "piecza zastepcza",
            "family support",
            "foster care",
            "child welfare",
        ),
    ),
    Term(
        "labour_market",
        "rynek pracy",
        "labour market",
        ("labor market", "praca", "zatrudnienie", "employment", "labour"),
    ),
    Term("education", "edukacja", "education", ("oswiata", "szkolnictwo", "schools")),
    Term(
        "health",
        "ochrona zdrowia",
        "health care",
        ("zdrowie", "health", "healthcare", "sluzba zdrowia"),
    ),
    Term(
        "justice",
        "wymiar sprawiedliwości",
        "justice",
        ("sadownictwo", "sady", "courts", "judiciary", "sad"),
    ),
    Term("police", "policja", "police", ("law enforcement",)),
    Term(
        "culture_sport",
        "kultura, sport i turystyka",
        "culture, sport and tourism",
        (
            "kultura",
            "sport",
            "turystyka",
            "culture",
            "kultura i sport",
            "culture and sport",
            "rekreacja",
            "sport i rekreacja",
        ),
    ),
    Term(
        "ngo",
        "organizacje pozarządowe",
        "non-governmental organisations",
        (
            "organizacja pozarzadowa",
            "ngo",
            "ngos",
            "trzeci sektor",
            "third sector",
            "non governmental organizations",
            "civil society",
            "pozarzadowe",
        ),
    ),
    Term(
        "church",
        "kościół",
        "church and religious organisations",
        ("kosciol", "church", "parafia", "religious", "zwiazki wyznaniowe"),
    ),
    Term(
        "local_government",
        "samorząd",
        "local government",
        (
            "samorzad terytorialny",
            "administracja",
            "administration",
            "local authority",
            "government",
            "urzad",
        ),
    ),
    Term("housing", "mieszkalnictwo", "housing", ("mieszkania", "gospodarka mieszkaniowa")),
    Term(
        "research",
        "nauka",
        "research and higher education",
        ("uczelnia", "szkolnictwo wyzsze", "university", "higher education", "research"),
    ),
    Term(OTHER, "inny", "other", ("inna", "inne", "pozostale")),
)

_SA, _FS, _LM, _ED, _HE, _JU, _PO, _CU, _NGO, _CH, _LG, _HO, _RE = (
    "social_assistance",
    "family_support",
    "labour_market",
    "education",
    "health",
    "justice",
    "police",
    "culture_sport",
    "ngo",
    "church",
    "local_government",
    "housing",
    "research",
)
_G, _P, _W, _N = "gmina", "powiat", "voivodeship", "national"

INSTITUTION_TYPES: Final = _v(
    "institution type",
    Term(
        "ops",
        "ośrodek pomocy społecznej",
        "social assistance centre",
        (
            "ops",
            "gops",
            "mops",
            "mgops",
            "miops",
            "osrodek pomocy spolecznej",
            "gminny osrodek pomocy spolecznej",
            "miejski osrodek pomocy spolecznej",
            "miejsko gminny osrodek pomocy spolecznej",
            "social welfare centre",
            "social assistance center",
        ),
        _SA,
        _G,
    ),
    Term(
        "cus",
        "centrum usług społecznych",
        "social services centre",
        ("cus", "centrum uslug spolecznych", "social services center"),
        _SA,
        _G,
    ),
    Term(
        "school",
        "szkoła",
        "school",
        (
            "szkola podstawowa",
            "szkola ponadpodstawowa",
            "liceum",
            "technikum",
            "primary school",
            "secondary school",
            "zespol szkol",
        ),
        _ED,
        _G,
    ),
    Term(
        "preschool",
        "przedszkole",
        "preschool",
        ("kindergarten", "zlobek", "nursery", "zlobek przedszkole"),
        _ED,
        _G,
    ),
    Term(
        "day_support",
        "placówka wsparcia dziennego",
        "day support centre",
        (
            "swietlica",
            "swietlica srodowiskowa",
            "placowka wsparcia dziennego",
            "day care centre",
            "day support center",
            "klub mlodziezowy",
        ),
        _FS,
        _G,
    ),
    Term(
        "gkrpa",
        "gminna komisja rozwiązywania problemów alkoholowych",
        "municipal alcohol problems commission",
        ("gkrpa", "komisja alkoholowa", "alcohol commission", "mkrpa"),
        _HE,
        _G,
    ),
    Term(
        "police_station",
        "posterunek policji",
        "police station",
        (
            "posterunek",
            "dzielnicowy",
            "komisariat",
            "komisariat policji",
            "posterunek policji dzielnicowy",
            "community police officer",
        ),
        _PO,
        _G,
    ),
    Term(
        "poz",
        "podstawowa opieka zdrowotna",
        "primary health care",
        (
            "poz",
            "osrodek zdrowia",
            "przychodnia",
            "primary care",
            "health centre",
            "lekarz rodzinny",
            "gp",
            "health post",
            "punkt zdrowia",
        ),
        _HE,
        _G,
    ),
    Term("library", "biblioteka", "library", ("gminna biblioteka publiczna",), _CU, _G),
    Term(
        "culture_centre",
        "dom kultury",
        "culture centre",
        ("gok", "osrodek kultury", "centrum kultury", "cultural centre", "culture center"),
        _CU,
        _G,
    ),
    Term("sports_club", "klub sportowy", "sports club", ("uks", "sports association"), _CU, _G),
    Term("parish", "parafia", "parish", ("kosciol", "church", "caritas parafialna"), _CH, _G),
    Term(
        "ngo",
        "organizacja pozarządowa",
        "non-governmental organisation",
        (
            "ngo",
            "stowarzyszenie",
            "fundacja",
            "association",
            "foundation",
            "organizacja pozarzadowa",
            "non governmental organization",
            "kolo gospodyn wiejskich",
            "kgw",
        ),
        _NGO,
        _G,
    ),
    Term(
        "cis_kis",
        "centrum / klub integracji społecznej",
        "social integration centre / club",
        (
            "cis",
            "kis",
            "centrum integracji spolecznej",
            "klub integracji spolecznej",
            "social integration centre",
            "social integration club",
        ),
        _SA,
        _G,
    ),
    Term(
        "municipal_office",
        "urząd gminy",
        "municipal office",
        (
            "urzad gminy",
            "urzad miasta",
            "urzad miasta i gminy",
            "urzad dzielnicy",
            "wojt",
            "burmistrz",
            "prezydent miasta",
            "town hall",
            "city office",
            "city hall",
        ),
        _LG,
        _G,
    ),
    Term(
        "housing_office",
        "zarząd gospodarki mieszkaniowej",
        "housing administration",
        (
            "zgm",
            "zgl",
            "zarzad gospodarowania lokalami",
            "zarzad budynkow komunalnych",
            "spoldzielnia mieszkaniowa",
            "housing",
        ),
        _HO,
        _G,
    ),
    Term(
        "pcpr",
        "powiatowe centrum pomocy rodzinie",
        "county family support centre",
        (
            "pcpr",
            "mcpr",
            "powiatowe centrum pomocy rodzinie",
            "family support centre",
            "family assistance centre",
        ),
        _FS,
        _P,
    ),
    Term(
        "foster_care_organiser",
        "organizator rodzinnej pieczy zastępczej",
        "family foster care organiser",
        (
            "organizator pieczy zastepczej",
            "organizator rodzinnej pieczy zastepczej",
            "foster care organiser",
            "foster care organizer",
            "zespol pieczy zastepczej",
        ),
        _FS,
        _P,
    ),
    Term(
        "foster_family",
        "rodzina zastępcza / rodzinny dom dziecka",
        "foster family / family children's home",
        (
            "rodzina zastepcza",
            "rodzinny dom dziecka",
            "foster family",
            "family childrens home",
            "rdd",
        ),
        _FS,
        _P,
    ),
    Term(
        "pup",
        "powiatowy urząd pracy",
        "county labour office",
        ("pup", "urzad pracy", "labour office", "labor office", "job centre", "employment office"),
        _LM,
        _P,
    ),
    Term(
        "ppp",
        "poradnia psychologiczno-pedagogiczna",
        "psychological-pedagogical counselling centre",
        (
            "ppp",
            "poradnia psychologiczno pedagogiczna",
            "counselling centre",
            "counseling center",
            "educational counselling",
        ),
        _ED,
        _P,
    ),
    Term(
        "court",
        "sąd rejonowy",
        "district court",
        (
            "sad",
            "sad rejonowy",
            "sad rodzinny",
            "wydzial rodzinny",
            "family court",
            "court",
            "kuratorzy",
            "kuratorska sluzba sadowa",
            "zespol kuratorskiej sluzby sadowej",
            "probation service",
            "probation officers",
        ),
        _JU,
        _P,
    ),
    Term(
        "police_hq",
        "komenda powiatowa policji",
        "county police headquarters",
        (
            "kpp",
            "kmp",
            "komenda powiatowa",
            "komenda miejska policji",
            "komenda rejonowa policji",
            "police headquarters",
            "county police",
        ),
        _PO,
        _P,
    ),
    Term("hospital", "szpital", "hospital", ("szpital powiatowy", "zoz", "spzoz"), _HE, _P),
    Term(
        "mental_health",
        "centrum zdrowia psychicznego",
        "mental health centre",
        (
            "czp",
            "poradnia zdrowia psychicznego",
            "mental health center",
            "poradnia uzaleznien",
            "addiction clinic",
        ),
        _HE,
        _P,
    ),
    Term(
        "oik",
        "ośrodek interwencji kryzysowej",
        "crisis intervention centre",
        ("oik", "punkt interwencji kryzysowej", "crisis intervention center"),
        _SA,
        _P,
    ),
    Term(
        "care_institution",
        "placówka opiekuńczo-wychowawcza",
        "residential childcare institution",
        (
            "placowka opiekunczo wychowawcza",
            "dom dziecka",
            "childrens home",
            "residential care",
            "powz",
        ),
        _FS,
        _P,
    ),
    Term(
        "dps",
        "dom pomocy społecznej",
        "residential care home",
        ("dps", "dom pomocy spolecznej", "nursing home", "care home"),
        _SA,
        _P,
    ),
    Term(
        "powiat_office",
        "starostwo powiatowe",
        "county office",
        ("starostwo", "starosta", "county office", "urzad powiatu"),
        _LG,
        _P,
    ),
    Term(
        "rops",
        "regionalny ośrodek polityki społecznej",
        "regional social policy centre",
        (
            "rops",
            "mcps",
            "rcps",
            "regionalny osrodek polityki spolecznej",
            "mazowieckie centrum polityki spolecznej",
            "regional centre for social policy",
            "regional social policy center",
        ),
        _SA,
        _W,
    ),
    Term(
        "voivodeship_office",
        "urząd wojewódzki",
        "voivodeship office",
        ("uw", "urzad wojewodzki", "wojewoda", "voivode", "provincial office"),
        _LG,
        _W,
    ),
    Term(
        "marshal_office",
        "urząd marszałkowski",
        "marshal's office",
        ("urzad marszalkowski", "marszalek", "regional government"),
        _LG,
        _W,
    ),
    Term(
        "university",
        "uczelnia",
        "university",
        ("uniwersytet", "uniwersytet mikolaja kopernika", "umk", "higher education institution"),
        _RE,
        _W,
    ),
    Term(OTHER, "inna", "other", ("inny", "inne", "pozostale")),
)

COOPERATION_KINDS: Final = _v(
    "cooperation kind",
    Term(
        "information",
        "wymiana informacji",
        "information exchange",
        ("informacja", "informacje", "information", "info", "informacyjna"),
    ),
    Term(
        "resources",
        "wymiana zasobów",
        "resource sharing",
        ("zasoby", "resources", "zasobowa", "wsparcie rzeczowe", "finansowa"),
    ),
    Term(
        "joint_action",
        "wspólne działania",
        "joint action",
        (
            "wspolne dzialanie",
            "wspolne dzialania",
            "joint action",
            "joint actions",
            "joint work",
            "wspolpraca merytoryczna",
        ),
    ),
    Term(
        "agreement",
        "porozumienie formalne",
        "formal agreement",
        ("porozumienie", "umowa", "agreement", "formal", "formalna", "kontrakt"),
    ),
    Term(OTHER, "inna", "other", ("inny", "inne")),
)

GROUP_TYPES: Final = _v(
    "group type",
    Term(
        "WZK",
        "Wojewódzki Zespół Kooperacji",
        "voivodeship cooperation team",
        ("wzk", "wojewodzki zespol kooperacji"),
    ),
    Term(
        "RGR",
        "Regionalna Grupa Refleksyjna",
        "regional reflective group",
        ("rgr", "regionalna grupa refleksyjna", "wojewodzka grupa refleksyjna"),
    ),
    Term(
        "PGR",
        "Powiatowa Grupa Refleksyjna",
        "county reflective group",
        ("pgr", "powiatowa grupa refleksyjna", "grupa refleksyjna", "reflective group"),
    ),
    Term(
        "PGD",
        "Powiatowa Grupa Decydentów",
        "county decision-makers group",
        (
            "pgd",
            "powiatowa grupa decydentow",
            "grupa decydentow",
            "decision makers group",
            "decision maker group",
        ),
    ),
    Term(
        "PZK",
        "Partnerski Zespół Kooperacji",
        "partner cooperation team",
        ("pzk", "partnerski zespol kooperacji", "partnership cooperation team"),
    ),
    Term(
        "GGK",
        "Gminna Grupa Kooperacyjna",
        "municipal cooperation group",
        ("ggk", "gminna grupa kooperacyjna", "gminna grupa kooperacji"),
    ),
    Term(
        "ZZK",
        "Zadaniowy Zespół Kooperacyjny",
        "cooperation task team",
        ("zzk", "zadaniowy zespol kooperacyjny", "zespol zadaniowy", "task team"),
    ),
    Term(
        "ZI",
        "Zespół Interdyscyplinarny",
        "interdisciplinary team",
        ("zi", "zespol interdyscyplinarny", "interdisciplinary team"),
    ),
    Term(
        "GDP",
        "Grupa Diagnostyczno-Pomocowa",
        "diagnostic and support group",
        (
            "gdp",
            "grupa diagnostyczno pomocowa",
            "grupa robocza",
            "working group",
            "diagnostic support group",
        ),
    ),
    Term(
        "partnership",
        "partnerstwo lokalne",
        "local partnership",
        (
            "partnerstwo",
            "partnerstwo lokalne",
            "local partnership",
            "neighbourhood partnership",
            "partnerstwo sasiedzkie",
        ),
    ),
    Term(OTHER, "inna", "other", ("inny", "inne")),
)

REFERRAL_STATUSES: Final = _v(
    "referral status",
    Term("sent", "wysłane", "sent", ("wyslano", "wyslane", "skierowano", "pending", "oczekuje")),
    Term("accepted", "przyjęte", "accepted", ("przyjete", "przyjeto", "zaakceptowane")),
    Term(
        "completed",
        "zrealizowane",
        "completed",
        ("zakonczone", "zrealizowano", "done", "finished", "wykonane"),
    ),
    Term("rejected", "odrzucone", "rejected", ("odmowa", "odrzucono", "declined", "refused")),
    Term(
        "no_answer",
        "brak odpowiedzi",
        "no answer",
        ("bez odpowiedzi", "no response", "unanswered", "nie odpowiedziano"),
    ),
    Term(OTHER, "inny", "other", ("inna", "inne")),
)

SERVICE_KINDS: Final = _v(
    "service",
    Term(
        "family_assistant",
        "asystent rodziny",
        "family assistant",
        ("asystentura", "asystentura rodzinna", "asystent"),
    ),
    Term(
        "care_services",
        "usługi opiekuńcze",
        "care services",
        ("uslugi opiekuncze", "opieka", "care"),
    ),
    Term(
        "specialist_care",
        "specjalistyczne usługi opiekuńcze",
        "specialist care services",
        (
            "sud",
            "specjalistyczne uslugi opiekuncze",
            "specialist care",
            "specjalistyczne uslugi opiekuncze dla dzieci z niepelnosprawnoscia",
        ),
    ),
    Term(
        "counselling",
        "poradnictwo",
        "counselling",
        ("porady", "counseling", "poradnictwo specjalistyczne", "advice"),
    ),
    Term("therapy", "terapia", "therapy", ("terapia rodzinna", "psychoterapia", "psychotherapy")),
    Term(
        "foster_care",
        "piecza zastępcza",
        "foster care",
        ("piecza", "rodzinna piecza zastepcza", "instytucjonalna piecza zastepcza"),
    ),
    Term(
        "foster_training",
        "szkolenie rodzin zastępczych",
        "foster carer training",
        (
            "szkolenie kandydatow",
            "szkolenie dla kandydatow na rodziny zastepcze",
            "warsztaty dla rodzin zastepczych",
            "foster training",
            "training for foster families",
        ),
    ),
    Term(
        "financial_aid",
        "pomoc finansowa",
        "financial aid",
        ("zasilek", "zasilki", "swiadczenia", "benefits", "cash benefits", "financial support"),
    ),
    Term("social_work", "praca socjalna", "social work", ()),
    Term(
        "education_support",
        "wsparcie edukacyjne",
        "educational support",
        ("pomoc psychologiczno pedagogiczna", "korepetycje", "tutoring", "school support"),
    ),
    Term(
        "health_care", "opieka zdrowotna", "health care", ("leczenie", "treatment", "medical care")
    ),
    Term(
        "addiction_treatment",
        "leczenie uzależnień",
        "addiction treatment",
        ("terapia uzaleznien", "addiction therapy"),
    ),
    Term(
        "employment_support",
        "aktywizacja zawodowa",
        "employment support",
        ("aktywizacja", "poradnictwo zawodowe", "job placement", "employment"),
    ),
    Term("legal_aid", "pomoc prawna", "legal aid", ("porady prawne", "legal advice")),
    Term("crisis_intervention", "interwencja kryzysowa", "crisis intervention", ()),
    Term(
        "probation",
        "nadzór kuratorski",
        "probation supervision",
        ("nadzor kuratora", "kuratela", "probation", "supervision"),
    ),
    Term(
        "day_care",
        "opieka dzienna",
        "day care",
        ("zajecia swietlicowe", "swietlica", "after school club"),
    ),
    Term(
        "community_activity",
        "działania środowiskowe",
        "community activities",
        ("animacja lokalna", "community work", "praca srodowiskowa", "dzialania sasiedzkie"),
    ),
    Term(OTHER, "inna", "other", ("inny", "inne")),
)

PROBLEM_AREAS: Final = _v(
    "problem area",
    Term("poverty", "ubóstwo", "poverty", ("ubostwo", "bieda")),
    Term("unemployment", "bezrobocie", "unemployment", ()),
    Term("disability", "niepełnosprawność", "disability", ("niepelnosprawnosc",)),
    Term(
        "long_illness",
        "długotrwała choroba",
        "long-term illness",
        ("dlugotrwala lub ciezka choroba", "choroba", "illness"),
    ),
    Term(
        "domestic_violence",
        "przemoc domowa",
        "domestic violence",
        ("przemoc", "przemoc w rodzinie", "violence"),
    ),
    Term(
        "parenting",
        "bezradność opiekuńczo-wychowawcza",
        "parenting difficulties",
        (
            "bezradnosc w sprawach opiekunczo wychowawczych",
            "bezradnosc",
            "problemy opiekunczo wychowawcze",
            "parenting problems",
            "care and upbringing",
        ),
    ),
    Term(
        "addiction",
        "uzależnienia",
        "addiction",
        ("uzaleznienie", "alkoholizm", "narkomania", "alcoholism", "substance abuse"),
    ),
    Term("homelessness", "bezdomność", "homelessness", ("bezdomnosc",)),
    Term("housing", "problemy mieszkaniowe", "housing problems", ("housing", "mieszkanie")),
    Term(
        "migration",
        "trudności integracyjne",
        "integration difficulties",
        ("migracja", "uchodzcy", "refugees", "migrants"),
    ),
    Term(OTHER, "inny", "other", ("inna", "inne")),
)

PLAN_STATUSES: Final = _v(
    "plan status",
    Term("none", "brak planu", "no plan", ("brak", "nie", "no", "bez planu")),
    Term(
        "planned",
        "w przygotowaniu",
        "in preparation",
        ("planowany", "przygotowywany", "planned", "draft", "projekt"),
    ),
    Term(
        "active",
        "realizowany",
        "in progress",
        ("w realizacji", "aktywny", "trwa", "active", "ongoing", "in progress"),
    ),
    Term(
        "completed", "zakończony", "completed", ("zakonczony", "zrealizowany", "done", "finished")
    ),
    Term(
        "interrupted",
        "przerwany",
        "interrupted",
        ("przerwany", "zawieszony", "suspended", "stopped", "abandoned"),
    ),
    Term(OTHER, "inny", "other", ("inna", "inne")),
)

PERSON_ROLES: Final = _v(
    "person role",
    Term("social_worker", "pracownik socjalny", "social worker", ("pracownik socjalny",)),
    Term("family_assistant", "asystent rodziny", "family assistant", ("asystent",)),
    Term(
        "foster_care_coordinator",
        "koordynator rodzinnej pieczy zastępczej",
        "foster care coordinator",
        ("koordynator pieczy zastepczej", "koordynator rpz", "foster coordinator"),
    ),
    Term(
        "probation_officer",
        "kurator sądowy",
        "probation officer",
        ("kurator", "kurator rodzinny", "kurator zawodowy", "kurator spoleczny"),
    ),
    Term(
        "cooperation_coordinator",
        "koordynator kooperacji",
        "cooperation coordinator",
        (
            "animator",
            "animator kooperacji",
            "lider kooperacji",
            "koordynator",
            "coordinator",
            "cooperation animator",
        ),
    ),
    Term(
        "police_officer", "dzielnicowy", "community police officer", ("policjant", "police officer")
    ),
    Term(
        "teacher",
        "pedagog / nauczyciel",
        "teacher / school counsellor",
        ("pedagog", "pedagog szkolny", "nauczyciel", "teacher", "school counsellor"),
    ),
    Term("psychologist", "psycholog", "psychologist", ()),
    Term(
        "health_worker",
        "pracownik ochrony zdrowia",
        "health worker",
        ("pielegniarka", "lekarz", "nurse", "doctor", "pielegniarka srodowiskowa"),
    ),
    Term(
        "manager",
        "kierownik / dyrektor",
        "manager / director",
        ("kierownik", "dyrektor", "director", "head", "manager"),
    ),
    Term(OTHER, "inna", "other", ("inny", "inne")),
)

MEMBER_ROLES: Final = _v(
    "member role",
    Term("member", "członek", "member", ("czlonek", "czlonkini", "uczestnik", "participant")),
    Term(
        "chair",
        "przewodniczący",
        "chair",
        ("przewodniczacy", "przewodniczaca", "lider", "leader", "chairperson"),
    ),
    Term("coordinator", "koordynator", "coordinator", ("koordynatorka", "animator")),
    Term("secretary", "sekretarz", "secretary", ()),
    Term("expert", "ekspert", "expert", ("doradca", "advisor", "adviser", "konsultant")),
    Term("observer", "obserwator", "observer", ()),
    Term(OTHER, "inna", "other", ("inny", "inne")),
)

TERRITORY_KINDS: Final = _v(
    "territory kind",
    Term("voivodeship", "województwo", "voivodeship", ("wojewodztwo", "province", "region")),
    Term("powiat", "powiat", "county", ("county", "miasto na prawach powiatu")),
    Term("gmina", "gmina", "municipality", ("municipality", "commune", "dzielnica", "district")),
    Term(OTHER, "inny", "other", ("inna", "inne")),
)

#: Gmina types keyed by the 7th TERYT digit (the code used as canonical value).
GMINA_TYPES: Final = _v(
    "gmina type",
    Term("1", "gmina miejska", "urban gmina", ("miejska", "urban", "miasto")),
    Term("2", "gmina wiejska", "rural gmina", ("wiejska", "rural")),
    Term(
        "3",
        "gmina miejsko-wiejska",
        "urban-rural gmina",
        ("miejsko wiejska", "urban rural", "mixed"),
    ),
    Term(
        "4",
        "miasto w gminie miejsko-wiejskiej",
        "town in an urban-rural gmina",
        ("miasto w gminie miejsko wiejskiej", "town part"),
    ),
    Term(
        "5",
        "obszar wiejski w gminie miejsko-wiejskiej",
        "rural area of an urban-rural gmina",
        ("obszar wiejski", "rural part"),
    ),
    Term(
        "8",
        "dzielnica m.st. Warszawy",
        "district of Warsaw",
        ("dzielnica", "dzielnica warszawy", "warsaw district"),
    ),
    Term("9", "delegatura", "city delegation", ("delegatura miasta", "delegation")),
    Term(OTHER, "inny", "other", ("inna", "inne")),
)

#: How survey reports become ties (:mod:`kokon_graph.survey.ties`): the rule of a survey wave.
SURVEY_RULES: Final = _v(
    "survey rule",
    Term(
        "union",
        "suma (zgłoszona przez którąkolwiek stronę)",
        "union (either side reports it)",
        ("suma", "lub", "either", "max"),
    ),
    Term(
        "intersection",
        "część wspólna (zgłoszona przez obie strony)",
        "intersection (both sides report it)",
        ("czesc wspolna", "iloczyn", "both", "min"),
    ),
    Term(
        "reconstruction",
        "rekonstrukcja (więzi brakujących odpowiedzi z odpowiedzi partnerów)",
        "reconstruction (non-respondents' ties from their partners' reports)",
        ("rekonstrukcja", "imputation", "imputacja"),
    ),
    Term(OTHER, "inna", "other", ("inny", "inne")),
)

#: Every vocabulary by the name used in messages and documentation.
VOCABULARIES: Final[dict[str, Vocabulary]] = {
    v.name: v
    for v in (
        LEVELS,
        SECTORS,
        INSTITUTION_TYPES,
        COOPERATION_KINDS,
        GROUP_TYPES,
        REFERRAL_STATUSES,
        SERVICE_KINDS,
        PROBLEM_AREAS,
        PLAN_STATUSES,
        PERSON_ROLES,
        MEMBER_ROLES,
        TERRITORY_KINDS,
        GMINA_TYPES,
    )
}

#: Institution types that count as a gmina's social assistance centre.
SOCIAL_ASSISTANCE_TYPES: Final = frozenset({"ops", "cus"})

#: Group types that coordinate the work around one family.
COORDINATING_GROUP_TYPES: Final = frozenset({"ZZK", "GGK", "ZI", "GDP"})

#: Sectors a cooperation model requires around a gmina's social assistance centre.
DEFAULT_REQUIRED_SECTORS: Final = (
    "social_assistance",
    "education",
    "health",
    "police",
    "justice",
    "labour_market",
    "ngo",
)

#: Counts of families below this are shown as "<3" in every map and report (small-count
#: suppression: a count of one or two families in a gmina can identify them).
DEFAULT_MIN_COUNT: Final = 3

#: TERYT voivodeship codes (two digits, even numbers 02-32).
VOIVODESHIP_CODES: Final[dict[str, str]] = {
    "02": "dolnośląskie",
    "04": "kujawsko-pomorskie",
    "06": "lubelskie",
    "08": "lubuskie",
    "10": "łódzkie",
    "12": "małopolskie",
    "14": "mazowieckie",
    "16": "opolskie",
    "18": "podkarpackie",
    "20": "podlaskie",
    "22": "pomorskie",
    "24": "śląskie",
    "26": "świętokrzyskie",
    "28": "warmińsko-mazurskie",
    "30": "wielkopolskie",
    "32": "zachodniopomorskie",
}
