"""What a survey form asks, in Polish and English: answer scales, column headers, texts.

The cooperation kinds and institution types come from :mod:`kokon_graph.model`;
this module adds only what exists for the questionnaire (frequency, the yes/no
answer, the PARTNER 1-4 rating scale and the form's wording).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from kokon_graph import model
from kokon_graph.io.schema import RATING_COLUMNS
from kokon_graph.model import Lang, Term, Vocabulary

__all__ = [
    "ANSWER_COLUMNS",
    "FORM_VERSION",
    "FREQUENCIES",
    "FREQUENCY_WEIGHTS",
    "KIND_CODES",
    "RATING_CODES",
    "RATING_SCALE",
    "YES_NO",
    "FormColumn",
    "text",
]

#: Version of the form layout; a form of another version is refused on import.
FORM_VERSION: Final = "1"

#: The yes/no answer (``tak``/``nie``; ``x`` and ``1`` count as yes on import).
YES_NO: Final = Vocabulary(
    "answer",
    (
        Term("yes", "tak", "yes", ("t", "y", "x", "1", "true", "prawda")),
        Term("no", "nie", "no", ("n", "0", "false", "falsz")),
        Term(model.OTHER, "inna odpowiedź", "other answer", ()),
    ),
)

#: How often the two institutions work together; the code's weight becomes the tie's weight.
FREQUENCIES: Final = Vocabulary(
    "frequency",
    (
        Term(
            "yearly",
            "kilka razy w roku lub rzadziej",
            "a few times a year or less",
            ("rzadko", "raz w roku", "kilka razy w roku", "rarely", "yearly"),
        ),
        Term(
            "monthly",
            "mniej więcej raz w miesiącu",
            "about once a month",
            ("raz w miesiacu", "co miesiac", "monthly", "kilka razy w miesiacu"),
        ),
        Term(
            "weekly",
            "co tydzień",
            "every week",
            ("raz w tygodniu", "co tydzien", "weekly", "kilka razy w tygodniu"),
        ),
        Term(
            "daily",
            "codziennie lub prawie codziennie",
            "daily or almost daily",
            ("codziennie", "daily", "prawie codziennie"),
        ),
        Term(model.OTHER, "inaczej", "other", ("inna", "inne")),
    ),
)

#: Weight of a tie by reported frequency (empty frequency: weight 1).
FREQUENCY_WEIGHTS: Final = {"yearly": 1.0, "monthly": 2.0, "weekly": 3.0, "daily": 4.0}

#: The PARTNER 1-4 scale (Varda et al. 2008), as the form explains it.
RATING_SCALE: Final[dict[int, tuple[str, str]]] = {
    1: ("wcale", "not at all"),
    2: ("w niewielkim stopniu", "a small amount"),
    3: ("w znacznym stopniu", "a fair amount"),
    4: ("w bardzo dużym stopniu", "a great deal"),
}

#: Cooperation kinds asked about (every kind of the dataset vocabulary, ``other`` last).
KIND_CODES: Final = tuple(t.code for t in model.COOPERATION_KINDS)

#: Rating columns, in form order.
RATING_CODES: Final = tuple(name for name, _alias, _what in RATING_COLUMNS)

_RATING_HEADERS: Final[dict[str, tuple[str, str, str, str]]] = {
    # code: (Polish header, English header, Polish question, English question)
    "trust_reliability": (
        "Zaufanie: niezawodność",
        "Trust: reliability",
        "Na ile można na niej polegać, że zrobi to, co obiecała?",
        "How far can you rely on it to do what it promised?",
    ),
    "trust_openness": (
        "Zaufanie: otwartość na rozmowę",
        "Trust: open to discussion",
        "Na ile jest otwarta na rozmowę i inne zdanie?",
        "How open is it to discussion and other views?",
    ),
    "trust_mission": (
        "Zaufanie: wspólny cel",
        "Trust: shared mission",
        "Na ile wspiera wspólny cel pomocy rodzinom?",
        "How far does it support the shared aim of helping families?",
    ),
    "value_resources": (
        "Wartość: zasoby",
        "Value: resources",
        "Na ile wnosi zasoby (ludzi, wiedzę, pieniądze, miejsce)?",
        "How much does it contribute resources (staff, knowledge, money, space)?",
    ),
    "value_involvement": (
        "Wartość: zaangażowanie",
        "Value: involvement",
        "Na ile angażuje się we wspólną pracę?",
        "How involved is it in the joint work?",
    ),
    "value_influence": (
        "Wartość: wpływ",
        "Value: influence",
        "Na ile ma wpływ na sprawy rodzin w gminie?",
        "How much influence does it have on families' matters locally?",
    ),
}


@dataclass(frozen=True)
class FormColumn:
    """One column of the partner sheet and of the CSV template.

    Attributes
    ----------
    key
        The CSV template's column name.
    pl, en
        The header people read.
    answer
        Whether the respondent fills it (unlocked, yellow).
    """

    key: str
    pl: str
    en: str
    answer: bool

    def header(self, lang: Lang) -> str:
        return self.pl if lang == "pl" else self.en


_PARTNER_COLUMNS: Final = (
    FormColumn("partner_id", "Kod", "Code", False),
    FormColumn("partner_name", "Instytucja", "Institution", False),
    FormColumn("partner_type", "Rodzaj instytucji", "Type of institution", False),
    FormColumn("partner_place", "Gmina / powiat", "Gmina / county", False),
)

#: Every column of the partner sheet, in order (the CSV template adds the respondent first).
ANSWER_COLUMNS: Final = (
    *_PARTNER_COLUMNS,
    FormColumn("cooperates", "Czy współpracujecie?", "Do you cooperate?", True),
    *(
        FormColumn(
            f"kind_{code}",
            f"Forma: {model.COOPERATION_KINDS.label(code, 'pl')}",
            f"Kind: {model.COOPERATION_KINDS.label(code, 'en')}",
            True,
        )
        for code in KIND_CODES
    ),
    FormColumn("frequency", "Jak często?", "How often?", True),
    FormColumn("since", "Od którego roku?", "Since which year?", True),
    *(FormColumn(code, h[0], h[1], True) for code, h in _RATING_HEADERS.items()),
)

_TEXTS: Final[dict[str, tuple[str, str]]] = {
    "sheet_instructions": ("Instrukcja", "Instructions"),
    "sheet_partners": ("Partnerzy", "Partners"),
    "title": ("Ankieta o współpracy instytucji", "Survey of cooperation between institutions"),
    "for": ("Ankieta dla", "Form for"),
    "place": ("Miejsce", "Place"),
    "wave": ("Badanie (fala)", "Survey wave"),
    "scope": ("Zasięg badania", "Survey area"),
    "role": (
        "Rola osoby wypełniającej (bez imienia i nazwiska)",
        "Role of the person filling in (no name)",
    ),
    "date": ("Data wypełnienia (DD.MM.RRRR)", "Date filled in (DD.MM.YYYY)"),
    "how_title": ("Jak wypełnić ankietę", "How to fill in the form"),
    "how": (
        "1. W arkuszu „Partnerzy” są instytucje działające na rzecz rodzin na Państwa "
        "terenie. Przy każdej wybierz z listy „tak” albo „nie”: czy Państwa instytucja "
        "współpracowała z nią w ostatnich 12 miesiącach.|"
        "2. Przy „tak” zaznacz formy współpracy (wybierz „tak” w każdej, która pasuje), jak "
        "często i od którego roku, i oceń partnera w skali 1–4 (opis skali poniżej).|"
        "3. Przy „nie” pozostaw pozostałe komórki tego wiersza puste.|"
        "4. Jeśli współpracujecie z instytucją, której nie ma na liście, wpisz ją w wierszach "
        "„Inne instytucje” pod listą: nazwę, rodzaj i gminę.|"
        "5. Wypełnia się tylko żółte komórki. Nie podawaj imion ani nazwisk, ani żadnych "
        "informacji o rodzinach.|"
        "6. Zapisz plik (bez zmiany nazwy) i odeślij koordynatorowi badania.",
        "1. The sheet “Partners” lists the institutions working for families in your area. "
        "For each, choose “yes” or “no”: did your institution cooperate with it in the last "
        "12 months?|"
        "2. For “yes”, mark the kinds of cooperation (choose “yes” in each that fits), how "
        "often and since which year, and rate the partner on the 1–4 scale described below.|"
        "3. For “no”, leave the rest of the row empty.|"
        "4. If you cooperate with an institution that is not listed, enter it in the rows "
        "“Other institutions” below the list: its name, type and gmina.|"
        "5. Only the yellow cells can be filled. Do not give any person's name, nor any "
        "information about families.|"
        "6. Save the file (keep its name) and send it back to the survey coordinator.",
    ),
    "scale_title": ("Skala ocen (1–4)", "Rating scale (1–4)"),
    "questions_title": ("Oceny partnera", "Rating the partner"),
    "kinds_title": ("Formy współpracy", "Kinds of cooperation"),
    "other_rows": (
        "Inne instytucje, których nie ma na liście (nazwa, rodzaj, gmina)",
        "Other institutions not on the list (name, type, gmina)",
    ),
    "partners_title": (
        "Z kim Państwa instytucja współpracuje?",
        "Whom does your institution work with?",
    ),
    "partners_help": (
        "Wypełnij żółte komórki; wybierz odpowiedź z listy rozwijanej.",
        "Fill in the yellow cells; choose answers from the drop-down lists.",
    ),
    "bad_choice": ("Wybierz wartość z listy.", "Choose a value from the list."),
    "bad_rating": ("Ocena od 1 do 4.", "A rating from 1 to 4."),
    "bad_year": ("Rok, np. 2015.", "A year, e.g. 2015."),
}

_KIND_HELP: Final[dict[str, tuple[str, str]]] = {
    "information": ("wymiana informacji o rodzinach i usługach", "exchanging information"),
    "resources": (
        "dzielenie się ludźmi, sprzętem, lokalem, funduszami",
        "sharing staff, space, funds",
    ),
    "joint_action": (
        "wspólne działania, np. wspólna praca z rodziną",
        "joint work, e.g. with a family",
    ),
    "agreement": ("pisemne porozumienie lub umowa o współpracy", "a written agreement or contract"),
    model.OTHER: ("inna forma współpracy", "another kind of cooperation"),
}


def text(key: str, lang: Lang) -> str:
    """A text of the form in ``lang``."""
    pl, en = _TEXTS[key]
    return pl if lang == "pl" else en


def rating_question(code: str, lang: Lang) -> str:
    """The question a rating column asks."""
    h = _RATING_HEADERS[code]
    return h[2] if lang == "pl" else h[3]


def kind_help(code: str, lang: Lang) -> str:
    """What a cooperation kind means, for the instructions."""
    pl, en = _KIND_HELP.get(code, (code, code))
    return pl if lang == "pl" else en
