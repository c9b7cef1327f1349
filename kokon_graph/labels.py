"""Short labels of institutions: what staff call them ("GOPS Bolesławowo", "SP 1 Brzozice").

A short label is the abbreviation of the institution's type (read from the vocabulary and
from the words of its name: a *Miejsko-Gminny* Ośrodek Pomocy Społecznej is an ``MGOPS``,
a *Komenda Miejska* Policji a ``KMP``), its number or letter when the name has one
(``nr 1``, ``A``) and its place: the gmina's name for gmina-level institutions, the powiat's
seat (or ``pow. ostródzki`` when the seat cannot be told) for powiat-level ones, the
voivodeship for regional ones. An optional ``short_name`` column of the institutions table
overrides it; empty or repeated short names fall back to the derived label (``validate``
warns about them, see :func:`short_name_problems`).

>>> short_label("Gminny Ośrodek Pomocy Społecznej w Bolesławowie", "ops", "Bolesławowo")
'GOPS Bolesławowo'
>>> short_label("Szkoła Podstawowa nr 1 im. J. Kochanowskiego", "school", "Brzozice")
'SP 1 Brzozice'
>>> short_label("Komenda Powiatowa Policji w Ostródzie", "police_hq", "Ostróda")
'KPP Ostróda'
>>> place_name("2815", {"2815": "powiat ostródzki", "2815011": "Ostróda"})
'Ostróda'

Both the maps and the survey forms use :func:`short_labels`, so an institution is called the
same everywhere.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Hashable, Mapping
from typing import Any, Final

import pandas as pd

from kokon_graph import model
from kokon_graph.lang import tr
from kokon_graph.model import normalize_token

__all__ = [
    "MAX_LENGTH",
    "group_label",
    "place_name",
    "short_label",
    "short_labels",
    "short_name_problems",
    "type_abbreviation",
]

#: Longer short labels are cut at a word and end with "…".
MAX_LENGTH: Final = 28

#: Per institution type: ``(words of the folded name, abbreviation)``, the first match
#: wins; the last entry (``""``) is the type's default.
_ABBREVIATIONS: Final[dict[str, tuple[tuple[str, str], ...]]] = {
    "ops": (
        ("miejsko gminny osrodek pomocy", "MGOPS"),
        ("gminny osrodek pomocy", "GOPS"),
        ("miejski osrodek pomocy rodzinie", "MOPR"),
        ("miejski osrodek pomocy", "MOPS"),
        ("centrum uslug spolecznych", "CUS"),
        ("", "OPS"),
    ),
    "cus": (("", "CUS"),),
    "school": (
        ("szkola podstawowa", "SP"),
        ("zespol szkol ponadpodstawowych", "ZSP"),
        ("zespol szkol", "ZS"),
        ("liceum", "LO"),
        ("technikum", "Technikum"),
        ("szkola branzowa", "SB"),
        ("", "Szkoła"),
    ),
    "preschool": (("zlobek", "Żłobek"), ("", "Przedszkole")),
    "day_support": (("swietlica", "Świetlica"), ("klub mlodziezowy", "Klub"), ("", "PWD")),
    "gkrpa": (
        ("miejsko gminna", "MGKRPA"),
        ("miejska", "MKRPA"),
        ("dzielnicow", "DKRPA"),
        ("", "GKRPA"),
    ),
    "police_station": (("komisariat", "KP"), ("posterunek", "PP"), ("", "Policja")),
    "poz": (("", "POZ"),),
    "library": (("", "Biblioteka"),),
    "culture_centre": (
        ("miejsko gminny osrodek kultury", "MGOK"),
        ("gminny osrodek kultury", "GOK"),
        ("miejski osrodek kultury", "MOK"),
        ("centrum kultury", "CK"),
        ("", "Dom kultury"),
    ),
    "sports_club": (
        ("ludowy klub sportowy", "LKS"),
        ("uczniowski klub sportowy", "UKS"),
        ("", "Klub sportowy"),
    ),
    "parish": (("", "Parafia"),),
    "ngo": (
        ("kolo gospodyn wiejskich", "KGW"),
        ("ochotnicza straz pozarna", "OSP"),
        ("caritas", "Caritas"),
        ("stowarzyszenie", "Stow."),
        ("fundacja", "Fundacja"),
        ("", "Organizacja"),
    ),
    "cis_kis": (("klub integracji", "KIS"), ("centrum integracji", "CIS"), ("", "CIS")),
    "municipal_office": (
        ("urzad miasta i gminy", "UMiG"),
        ("urzad miasta", "UM"),
        ("urzad dzielnicy", "UD"),
        ("gmina miejska", "UM"),
        ("biuro", "UM"),
        ("", "UG"),
    ),
    "housing_office": (("", "ZGM"),),
    "pcpr": (
        ("miejskie centrum pomocy rodzinie", "MCPR"),
        ("miejski osrodek pomocy rodzinie", "MOPR"),
        ("", "PCPR"),
    ),
    "foster_care_organiser": (("", "Org. pieczy"),),
    "foster_family": (("rodzinny dom dziecka", "RDD"), ("", "Rodzina zast.")),
    "pup": (("wojewodzki urzad pracy", "WUP"), ("miejski urzad pracy", "MUP"), ("", "PUP")),
    "ppp": (("", "PPP"),),
    "court": (("sad okregowy", "SO"), ("", "Sąd")),
    "police_hq": (
        ("komenda wojewodzka", "KWP"),
        ("komenda stoleczna", "KSP"),
        ("komenda miejska", "KMP"),
        ("komenda rejonowa", "KRP"),
        ("", "KPP"),
    ),
    "hospital": (("", "Szpital"),),
    "mental_health": (
        ("centrum zdrowia psychicznego", "CZP"),
        ("terapii uzaleznien", "OTU"),
        ("", "PZP"),
    ),
    "oik": (("", "OIK"),),
    "care_institution": (("dom dziecka", "Dom dziecka"), ("", "POW")),
    "dps": (("", "DPS"),),
    "powiat_office": (("", "Starostwo"),),
    "rops": (
        ("mazowieckie centrum polityki", "MCPS"),
        ("regionalne centrum polityki", "RCPS"),
        ("", "ROPS"),
    ),
    "voivodeship_office": (("", "UW"),),
    "marshal_office": (("", "UMW"),),
    "university": (("", "Uczelnia"),),
}

_NUMBER = re.compile(r"\bnr\.?\s*(\d+[a-z]?)\b", re.IGNORECASE)
#: A lone capital letter naming one of several (``Szkoła Podstawowa A``); not ``W`` (a word).
_LETTER = re.compile(r"(?<![\w.])([A-VX-Z])(?![\w.])")
#: Where a name says its place: ``w gminie Wólka``, ``– Nowa Praga``, ``(Praga-Północ)``.
_PLACE_IN_NAME = (
    re.compile(r"\bw gminie ([^,()]+)$"),
    re.compile(r"\bw powiecie ([^,()]+)$"),
    re.compile(r"\s[–-]\s([^,()–]+)$"),
    re.compile(r"\(([^()]+)\)$"),
)


def type_abbreviation(name: str, type_code: str) -> str:
    """The abbreviation staff use for an institution of ``type_code`` called ``name``.

    >>> type_abbreviation("Miejsko-Gminny Ośrodek Pomocy Społecznej w Barczewie", "ops")
    'MGOPS'
    >>> type_abbreviation("Komenda Miejska Policji w Olsztynie", "police_hq")
    'KMP'
    >>> type_abbreviation("Fundacja Dom", "other")
    'Fundacja'
    """
    rules = _ABBREVIATIONS.get(type_code)
    folded = normalize_token(name)
    if rules is None:
        # "other" and unknown types: the first word of the name
        first = name.split()
        return first[0] if first else model.INSTITUTION_TYPES.label(type_code)
    padded = f" {folded} "
    for words, abbreviation in rules:
        if not words or f" {words}" in padded:
            return abbreviation
    return rules[-1][1]


def _number(name: str) -> str:
    """``1`` for "Szkoła Podstawowa nr 1", ``A`` for "Parafia A w gminie ..."; else ``""``."""
    found = _NUMBER.search(name)
    if found:
        return found.group(1)
    found = _LETTER.search(name)
    return found.group(1) if found else ""


def _stem(adjective: str) -> str:
    folded = normalize_token(adjective)
    for ending in ("nski", "cki", "dzki", "zki", "ski", "ki"):
        if folded.endswith(ending) and len(folded) - len(ending) >= 3:
            return folded[: -len(ending)]
    return folded


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def place_name(teryt: str, territories: Mapping[str, str]) -> str:
    """The place a short label names for an institution at ``teryt``.

    A gmina's name; for a powiat its seat (the gmina of the powiat whose name shares the
    stem of the powiat's adjective: ``powiat ostródzki`` → ``Ostróda``), the city for a
    city with powiat rights, else ``pow. ostródzki``; a voivodeship's name; ``""`` for the
    national level or an unknown code without a name.

    >>> place_name("2004", {"2004": "powiat sikoricki", "2004073": "Sikorice"})
    'Sikorice'
    >>> place_name("2004", {"2004": "powiat sikoricki"})
    'pow. sikoricki'
    >>> place_name("20", {})
    'podlaskie'
    """
    code = str(teryt or "")
    name = territories.get(code, "")
    if len(code) >= 7 or len(code) == 0:
        return name
    if len(code) == 2:
        return name or model.VOIVODESHIP_CODES.get(code, "")
    if not name:
        return ""
    folded = normalize_token(name)
    if not folded.startswith("powiat "):
        return name  # a city with powiat rights: "Warszawa", "Kraków"
    adjective = name.split(" ", 1)[1]
    stem = _stem(adjective)
    best, best_len = "", 0
    for other, gmina in territories.items():
        if len(other) == 7 and other.startswith(code):
            shared = _common_prefix(stem, normalize_token(gmina))
            if shared > best_len:
                best, best_len = gmina, shared
    if best and best_len >= max(4, len(stem) - 2):
        return best
    return f"pow. {adjective}"


def _place_from_name(name: str) -> str:
    for pattern in _PLACE_IN_NAME:
        found = pattern.search(name.strip())
        if found:
            return found.group(1).strip()
    return ""


def _cut(label: str) -> str:
    if len(label) <= MAX_LENGTH:
        return label
    head = label[: MAX_LENGTH - 1].rsplit(" ", 1)[0]
    return head.rstrip(" ,.-–") + "…"


def short_label(name: str, type_code: str, place: str = "") -> str:
    """The short label of one institution: type abbreviation, number, place.

    ``place`` is the gmina, powiat seat or voivodeship (see :func:`place_name`); without
    one, the place the name itself gives (``... w gminie Wólka``) is used.

    >>> short_label("Przychodnia POZ nr 2 w gminie Wólka", "poz")
    'POZ 2 Wólka'
    >>> short_label("Parafia rzymskokatolicka A w gminie Wólka", "parish", "Wólka")
    'Parafia A Wólka'
    """
    parts = [type_abbreviation(name, type_code)]
    number = _number(name)
    if number:
        parts.append(number)
    where = place or _place_from_name(name)
    if where and normalize_token(where) not in normalize_token(parts[0]):
        parts.append(where)
    return _cut(" ".join(parts))


def _clean(value: Any) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return ""
    return str(value).strip()


def _territory_names(territories: pd.DataFrame | Mapping[str, str] | None) -> dict[str, str]:
    if territories is None:
        return {}
    if isinstance(territories, pd.DataFrame):
        if not len(territories) or "teryt" not in territories or "name" not in territories:
            return {}
        return {
            str(code): _clean(name)
            for code, name in zip(
                territories["teryt"].tolist(), territories["name"].tolist(), strict=True
            )
        }
    return {str(k): str(v) for k, v in territories.items()}


def _given_short_names(institutions: pd.DataFrame) -> dict[Hashable, str]:
    """Usable ``short_name`` values: non-empty and not shared with another institution."""
    if "short_name" not in institutions.columns:
        return {}
    given = {
        i: _clean(v)
        for i, v in zip(institutions.index, institutions["short_name"].tolist(), strict=True)
    }
    counts = Counter(normalize_token(v) for v in given.values() if v)
    return {i: v for i, v in given.items() if v and counts[normalize_token(v)] == 1}


def short_labels(
    institutions: pd.DataFrame,
    territories: pd.DataFrame | Mapping[str, str] | None = None,
) -> dict[str, str]:
    """``{institution id: short label}`` for every row of ``institutions``.

    Parameters
    ----------
    institutions
        The institutions table: ``name``, ``type`` and ``teryt`` columns, the id as the
        index or in an ``id`` column; an optional ``short_name`` column overrides the
        derived label where it is given and not repeated.
    territories
        The territories table (``teryt``, ``name``) or ``{teryt: name}``: places of the
        labels. Without it the place comes from the name (``... w gminie Wólka``).

    Returns
    -------
    dict
        Labels unique within the table: institutions that would share one get
        ``(2)``, ``(3)``, ... in id order.

    >>> frame = pd.DataFrame(
    ...     {"name": ["Gminny Ośrodek Pomocy Społecznej", "Szkoła Podstawowa nr 1"],
    ...      "type": ["ops", "school"], "teryt": ["0201022", "0201022"]},
    ...     index=["OPS1", "SZK1"])
    >>> short_labels(frame, {"0201022": "Brzozice"})
    {'OPS1': 'GOPS Brzozice', 'SZK1': 'SP 1 Brzozice'}
    """
    frame = institutions.set_index("id") if "id" in institutions.columns else institutions
    places = _territory_names(territories)
    given = _given_short_names(frame)
    teryts = frame["teryt"].tolist() if "teryt" in frame.columns else [""] * len(frame)
    labels: dict[str, str] = {}
    place_of: dict[str, str] = {}
    for iid, name, kind, teryt in zip(
        frame.index, frame["name"].tolist(), frame["type"].tolist(), teryts, strict=True
    ):
        if iid in given:
            labels[str(iid)] = given[iid]
            continue
        code = _clean(teryt)
        if code not in place_of:
            place_of[code] = place_name(code, places) if places else ""
        place = place_of[code]
        labels[str(iid)] = short_label(_clean(name), _clean(kind), place)
    given_ids = {str(i) for i in given}
    names = {str(i): _clean(n) for i, n in zip(frame.index, frame["name"].tolist(), strict=True)}
    kinds = {str(i): _clean(k) for i, k in zip(frame.index, frame["type"].tolist(), strict=True)}
    # labels shared by several institutions: the words of each name the others lack
    clashes: dict[str, list[str]] = {}
    for iid, label in labels.items():
        if iid not in given_ids:
            clashes.setdefault(label, []).append(iid)
    for label, ids in clashes.items():
        if len(ids) < 2:
            continue
        words = {i: _words(names[i]) for i in ids}
        for iid in ids:
            others = {normalize_token(w) for o in ids if o != iid for w in words[o]}
            own = [w for w in words[iid] if normalize_token(w) not in others]
            if own:
                place = label.split(" ", 1)[1] if " " in label else ""
                abbreviation = type_abbreviation(names[iid], kinds[iid])
                place = place.removeprefix(_number(names[iid]) + " ").strip()
                labels[iid] = _cut(" ".join([abbreviation, *own[:2], place]).strip())
    seen: Counter[str] = Counter()
    taken = Counter(labels.values())
    for iid in sorted(labels):
        label = labels[iid]
        if taken[label] > 1 and iid not in given_ids:
            seen[label] += 1
            if seen[label] > 1:
                labels[iid] = f"{label} ({seen[label]})"
    return labels


#: Words of a name that do not tell one institution from another of its kind.
_COMMON_WORDS: Final = frozenset(
    normalize_token(w)
    for w in [
        "w",
        "gminie",
        "powiecie",
        "na",
        "rzecz",
        "dla",
        "im",
        "imienia",
        "pw",
        "pod",
        "wezwaniem",
        "sw",
        "świętego",
        "nr",
        "stowarzyszenie",
        "fundacja",
        "parafia",
        "rzymskokatolicka",
        "organizacja",
        "pozarządowa",
    ]
)


def _words(name: str) -> list[str]:
    """The words of ``name`` that may tell it apart (not the place, type or filler words)."""
    head = re.split(r"\bw gminie\b|\bw powiecie\b|\s[–-]\s|\(", name)[0]
    out = []
    for word in head.split():
        folded = normalize_token(word)
        if len(folded) >= 3 and folded not in _COMMON_WORDS and not folded.isdigit():
            out.append(word.strip(",.;:"))
    return out


def short_name_problems(institutions: pd.DataFrame) -> list[tuple[Any, str]]:
    """``(row label, message)`` for each institution whose ``short_name`` is empty while
    others have one, or repeats another's: ``validate`` reports them as warnings, and
    the maps and forms use the derived label for those rows.

    >>> frame = pd.DataFrame({"id": ["A", "B", "C"], "short_name": ["GOPS X", "gops x", ""]})
    >>> [message for _, message in short_name_problems(frame)]  # doctest: +NORMALIZE_WHITESPACE
    ["short name 'GOPS X' is also used by B; the derived label is used instead",
     "short name 'gops x' is also used by A; the derived label is used instead",
     'no short name; the derived label is used instead']
    """
    if "short_name" not in institutions.columns:
        return []
    ids = (
        institutions["id"].astype(str).tolist()
        if "id" in institutions.columns
        else [str(i) for i in institutions.index]
    )
    values = [_clean(v) for v in institutions["short_name"].tolist()]
    if not any(values):
        return []
    owners: dict[str, list[str]] = {}
    for iid, value in zip(ids, values, strict=True):
        if value:
            owners.setdefault(normalize_token(value), []).append(iid)
    out: list[tuple[Any, str]] = []
    for row, iid, value in zip(institutions.index, ids, values, strict=True):
        if not value:
            out.append(
                (
                    row,
                    tr(
                        "brak nazwy skróconej; użyta jest etykieta utworzona z nazwy",
                        "no short name; the derived label is used instead",
                    ),
                )
            )
            continue
        others = [o for o in owners[normalize_token(value)] if o != iid]
        if others:
            out.append(
                (
                    row,
                    tr(
                        f"nazwy skróconej {value!r} używa też {', '.join(others)}; użyta jest "
                        "etykieta utworzona z nazwy",
                        f"short name {value!r} is also used by {', '.join(others)}; "
                        "the derived label is used instead",
                    ),
                )
            )
    return out


#: Group types whose label is a word rather than their code.
_GROUP_WORDS: Final = {"partnership": "Partnerstwo", "other": "Grupa"}


def group_label(name: str, type_code: str, place: str = "") -> str:
    """The short label of a group or team: its type's code, number and place.

    >>> group_label("Zespół Interdyscyplinarny w gminie Brzoznik", "ZI", "Brzoznik")
    'ZI Brzoznik'
    >>> group_label("Partnerstwo lokalne Nowej Pragi", "partnership", "Praga-Północ")
    'Partnerstwo Praga-Północ'
    """
    parts = [_GROUP_WORDS.get(type_code, type_code or "Grupa")]
    number = _number(name)
    if number:
        parts.append(number)
    where = place or _place_from_name(name)
    if where:
        parts.append(where)
    return _cut(" ".join(parts))
