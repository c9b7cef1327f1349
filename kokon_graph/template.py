"""A workbook to fill in: every table of the dataset format as a sheet, ready for Excel.

:func:`write_template` writes an ``.xlsx`` workbook with

* an instructions sheet (``opis`` in Polish, ``readme`` in English: the reader
  skips both) saying how to fill it in, what every column holds, and listing
  the allowed values of every vocabulary;
* one sheet per table, headed in the chosen language with names the reader
  accepts, drop-down lists of the allowed values (their labels in that
  language) on every vocabulary column, TERYT and id columns formatted as
  text (so ``0441`` keeps its zero), and two example rows that together form a
  small valid network;
* the TERYT codes and names of a territory in the territories sheet, if one is
  given (``scope``) together with where the names come from (``territories``:
  a dataset or the TERC table of the GUS TERYT register).

The workbook as written is a valid dataset (``kokon-graph validate`` accepts
it; its example family ids need a pseudonymisation key like any real ones).

Examples
--------
::

    from kokon_graph.template import write_template
    write_template("szablon.xlsx", lang="pl")
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

import pandas as pd

from kokon_graph import model
from kokon_graph._output import staged_file
from kokon_graph.errors import KokonError, ScopeError
from kokon_graph.io.dataset import Dataset
from kokon_graph.io.schema import FILE_ONLY_TABLES, LIST_SEPARATOR, TABLES, Column, Table
from kokon_graph.model import Lang, Vocabulary

__all__ = [
    "INSTRUCTIONS_SHEET",
    "SHEET_NAMES",
    "TEMPLATE_TABLES",
    "TemplateError",
    "filled_columns",
    "header",
    "territory_rows",
    "write_template",
]


class TemplateError(KokonError, ValueError):
    """The template cannot be written as asked (the file exists, a bad scope...)."""


#: The instructions sheet (the reader skips sheets called ``opis`` and ``readme``).
INSTRUCTIONS_SHEET: Final[dict[str, str]] = {"pl": "opis", "en": "readme"}

#: Sheet names per table and language (the reader knows the Polish ones as aliases).
SHEET_NAMES: Final[dict[str, dict[str, str]]] = {
    "institutions": {"pl": "instytucje", "en": "institutions"},
    "territories": {"pl": "terytoria", "en": "territories"},
    "cooperation": {"pl": "współpraca", "en": "cooperation"},
    "groups": {"pl": "grupy", "en": "groups"},
    "memberships": {"pl": "członkostwo", "en": "memberships"},
    "persons": {"pl": "osoby", "en": "persons"},
    "families": {"pl": "rodziny", "en": "families"},
    "services": {"pl": "usługi", "en": "services"},
    "referrals": {"pl": "skierowania", "en": "referrals"},
}

#: The tables a person fills in: not those the tool writes itself (survey ``responses``).
TEMPLATE_TABLES: Final = tuple(t for t in TABLES if t.name not in FILE_ONLY_TABLES)


def filled_columns(spec: Table) -> tuple[Column, ...]:
    """The columns a person fills in: not those only the survey import writes (ratings...)."""
    return tuple(c for c in spec.columns if not c.omit_when_empty)


_WAVE_PL = ("fala", "badanie, np. „2021”, „przed”, „po”; puste = każde badanie")
_START_PL = ("data od", "pierwszy dzień")
_END_PL = ("data do", "ostatni dzień; nie wcześniej niż data od")
_ID_PL = ("identyfikator", "niepowtarzalny identyfikator (wśród instytucji, grup i osób)")

#: Polish header and description of every column (the header is one the reader accepts).
_PL: Final[dict[tuple[str, str], tuple[str, str]]] = {
    ("institutions", "id"): _ID_PL,
    ("institutions", "name"): ("nazwa", "nazwa"),
    ("institutions", "type"): ("typ", "typ instytucji"),
    ("institutions", "sector"): ("sektor", "sektor; puste = zwykły sektor tego typu"),
    ("institutions", "level"): ("poziom", "szczebel; puste = zwykły szczebel tego typu"),
    ("institutions", "teryt"): (
        "kod teryt",
        "kod TERYT siedziby: 7 cyfr dla gminy, co najmniej 4 dla powiatu, 2 dla województwa; "
        "puste tylko na szczeblu krajowym",
    ),
    ("institutions", "project"): (
        "projekt",
        "projekt(y), w których uczestniczy, rozdzielone znakiem |",
    ),
    ("territories", "teryt"): ("kod teryt", "kod TERYT (2, 4 lub 7 cyfr)"),
    ("territories", "name"): ("nazwa", "nazwa"),
    ("territories", "kind"): ("rodzaj", "województwo, powiat lub gmina; puste = z długości kodu"),
    ("territories", "gmina_type"): (
        "rodzaj gminy",
        "rodzaj gminy wg TERYT; puste = 7. cyfra kodu",
    ),
    ("cooperation", "source"): ("od instytucji", "instytucja, która zgłasza współpracę"),
    ("cooperation", "target"): ("do instytucji", "instytucja, z którą współpracuje"),
    ("cooperation", "kind"): ("forma", "forma współpracy; puste = inna"),
    ("cooperation", "weight"): (
        "waga",
        "siła współpracy, > 0 (przecinek dziesiętny dozwolony); puste = 1",
    ),
    ("cooperation", "since"): ("od kiedy", "od kiedy"),
    ("cooperation", "wave"): _WAVE_PL,
    ("cooperation", "mutual"): (
        "wzajemna",
        "„tak”, jeśli obie strony potwierdziły współpracę: liczy się wtedy w obie strony",
    ),
    ("groups", "id"): _ID_PL,
    ("groups", "name"): ("nazwa", "nazwa"),
    ("groups", "type"): ("typ", "rodzaj grupy"),
    ("groups", "level"): ("poziom", "szczebel; puste = zwykły szczebel tego rodzaju"),
    ("groups", "teryt"): ("kod teryt", "kod TERYT obszaru grupy"),
    ("groups", "project"): ("projekt", "projekt, do którego należy"),
    ("groups", "start"): _START_PL,
    ("groups", "end"): _END_PL,
    ("memberships", "group"): ("grupa", "identyfikator grupy"),
    ("memberships", "member"): ("członek", "identyfikator instytucji lub osoby"),
    ("memberships", "role"): ("rola", "rola w grupie; puste = członek"),
    ("memberships", "start"): _START_PL,
    ("memberships", "end"): _END_PL,
    ("memberships", "wave"): _WAVE_PL,
    ("persons", "id"): _ID_PL,
    ("persons", "role"): ("stanowisko", "rola zawodowa"),
    ("persons", "institution"): ("instytucja", "gdzie pracuje"),
    ("families", "id"): (
        "identyfikator",
        "identyfikator rodziny w Twojej ewidencji; przy wczytaniu zastępowany pseudonimem",
    ),
    ("families", "teryt"): ("kod gminy", "kod TERYT gminy rodziny (7 cyfr)"),
    ("families", "size"): ("liczba osób", "liczba osób, co najmniej 1"),
    ("families", "children"): ("liczba dzieci", "liczba dzieci, od 0 do liczby osób"),
    ("families", "problems"): (
        "obszary problemowe",
        "obszary problemowe, rozdzielone znakiem | , ; lub ,",
    ),
    ("families", "plan_status"): ("IPW", "stan planu pracy z rodziną (IPW); puste = brak"),
    ("families", "coordinator"): (
        "koordynator",
        "identyfikator osoby koordynującej wsparcie, jeśli jest",
    ),
    ("services", "family"): ("rodzina", "identyfikator rodziny (jak w arkuszu rodziny)"),
    ("services", "institution"): ("instytucja", "instytucja udzielająca wsparcia"),
    ("services", "service"): ("forma wsparcia", "forma wsparcia; puste = inna"),
    ("services", "start"): _START_PL,
    ("services", "end"): _END_PL,
    ("services", "wave"): _WAVE_PL,
    ("referrals", "id"): ("numer", "niepowtarzalny numer skierowania"),
    ("referrals", "family"): ("rodzina", "identyfikator rodziny (jak w arkuszu rodziny)"),
    ("referrals", "source"): ("kierujący", "instytucja, która kieruje"),
    ("referrals", "target"): ("adresat", "instytucja, do której kieruje"),
    ("referrals", "sent"): ("data wysłania", "data wysłania"),
    ("referrals", "status"): ("stan", "stan skierowania"),
    ("referrals", "answered"): (
        "data odpowiedzi",
        "data odpowiedzi; nie wcześniej niż data wysłania",
    ),
    ("referrals", "wave"): _WAVE_PL,
}

_TABLE_PL: Final[dict[str, str]] = {
    "institutions": "instytucje: jeden wiersz na instytucję (jedyny wymagany arkusz)",
    "territories": "nazwy województw, powiatów i gmin",
    "cooperation": "zgłoszenia współpracy: instytucja „od” współpracuje z instytucją „do”",
    "groups": "zespoły i grupy: refleksyjne, decydentów, interdyscyplinarne i inne",
    "memberships": "kto zasiada w której grupie",
    "persons": "tylko specjaliści, nigdy członkowie rodzin; nazwiska nie są potrzebne",
    "families": "rodziny objęte wsparciem; bez nazwisk, PESEL, adresów i telefonów",
    "services": "która instytucja wspiera którą rodzinę",
    "referrals": "skierowania rodziny z jednej instytucji do drugiej",
}

_TEXT: Final[dict[str, dict[str, str]]] = {
    "title": {
        "pl": "Szablon danych kokon-graph",
        "en": "kokon-graph data template",
    },
    "how": {
        "pl": "Jak wypełnić",
        "en": "How to fill it in",
    },
    "steps": {
        "pl": (
            "1. Każdy arkusz to jedna tabela; wymagany jest tylko arkusz „instytucje”.\n"
            "2. Nie zmieniaj nagłówków w pierwszym wierszu; kolejność kolumn nie ma znaczenia.\n"
            "3. Dwa pierwsze wiersze danych w każdym arkuszu to przykład: zastąp je "
            "swoimi danymi lub usuń.\n"
            "4. W kolumnach ze strzałką wybierz wartość z listy (dozwolone wartości są też "
            "wymienione niżej).\n"
            "5. Daty wpisuj jako 2021-03-31 lub 31.03.2021; kody TERYT jako tekst "
            "(z zerem na początku).\n"
            "6. Dane rodzin to dane osobowe: bez nazwisk, PESEL, adresów i telefonów.\n"
            "7. Identyfikatory rodzin są przy wczytaniu zastępowane pseudonimami (potrzebny "
            "klucz: zmienna KOKON_PSEUDONYM_KEY).\n"
            "8. Sprawdź plik: kokon-graph validate szablon.xlsx"
        ),
        "en": (
            "1. Each sheet is one table; only the 'institutions' sheet is required.\n"
            "2. Keep the headers in the first row; the order of columns does not matter.\n"
            "3. The first two data rows of each sheet are an example: replace them with your "
            "data or delete them.\n"
            "4. In the columns with an arrow pick a value from the list (the allowed values "
            "are also listed below).\n"
            "5. Write dates as 2021-03-31 or 31.03.2021 and TERYT codes as text (with their "
            "leading zero).\n"
            "6. Family data is personal data: no names, PESEL, addresses or phones.\n"
            "7. Family ids are replaced by pseudonyms when read (a key is needed: the "
            "KOKON_PSEUDONYM_KEY variable).\n"
            "8. Check the file: kokon-graph validate template.xlsx"
        ),
    },
    "columns": {"pl": "Kolumny", "en": "Columns"},
    "sheet": {"pl": "arkusz", "en": "sheet"},
    "column": {"pl": "kolumna", "en": "column"},
    "required": {"pl": "wymagana", "en": "required"},
    "meaning": {"pl": "znaczenie", "en": "meaning"},
    "values": {"pl": "Dozwolone wartości", "en": "Allowed values"},
    "yes": {"pl": "tak", "en": "yes"},
    "must_fill": {"pl": "tak, wypełniona", "en": "yes, filled in"},
    "territory": {"pl": "Obszar", "en": "Territory"},
    "pick": {"pl": "Wybierz wartość z listy", "en": "Pick a value from the list"},
    "pick_many": {
        "pl": "Wybierz z listy; kilka wartości rozdziel znakiem |",
        "en": "Pick from the list; separate several values with |",
    },
}

#: Number of rows that get drop-down lists and text formats.
_ROWS: Final = 1000

#: Cell formats: ids and TERYT codes as text (leading zeros kept), dates as dates.
_FORMATS: Final = {"id": "@", "ref": "@", "teryt": "@", "str": "@", "date": "yyyy-mm-dd"}

_BOOL: Final[dict[str, tuple[str, str]]] = {"pl": ("tak", "nie"), "en": ("true", "false")}


def header(table_name: str, column: Column, lang: Lang) -> str:
    """The header of ``column`` in the template's language."""
    return _PL[(table_name, column.name)][0] if lang == "pl" else column.name


def _description(table_name: str, column: Column, lang: Lang) -> str:
    if lang == "pl":
        return _PL[(table_name, column.name)][1]
    return column.description.replace("`", "'")


# --------------------------------------------------------------------------- territories


@dataclass(frozen=True)
class _Place:
    teryt: str
    name: str


def _terc_rows(frame: pd.DataFrame) -> list[_Place]:
    """Rows of the GUS TERC table (``WOJ;POW;GMI;RODZ;NAZWA;...``)."""
    out = []
    for _, row in frame.iterrows():
        woj, pow_, gmi, rodz = (str(row.get(k, "")).strip() for k in ("WOJ", "POW", "GMI", "RODZ"))
        code = woj.zfill(2) + (pow_.zfill(2) if pow_ else "") + (gmi.zfill(2) + rodz if gmi else "")
        out.append(_Place(code, str(row.get("NAZWA", "")).strip()))
    return out


def _read_places(path: Path) -> list[_Place]:
    """TERYT codes and names from a dataset (its territories table) or a GUS TERC file."""
    if path.is_file() and path.suffix.lower() == ".csv":
        for sep in (";", ","):
            for enc in ("utf-8-sig", "cp1250"):
                try:
                    frame = pd.read_csv(path, sep=sep, dtype=str, encoding=enc).fillna("")
                except (UnicodeDecodeError, pd.errors.ParserError):
                    continue
                if {"WOJ", "NAZWA"} <= set(frame.columns):
                    return _terc_rows(frame)
        path = path.parent
    from kokon_graph.io._source import read_source

    source = read_source(path)
    raw = source.tables.get("territories")
    if raw is None:
        raise TemplateError(
            f"{path} has no territories table",
            hint="give a dataset with territories.csv or the TERC table of the TERYT register "
            "(eteryt.stat.gov.pl)",
        )
    return [_Place(r["teryt"], r["name"]) for _, r in raw.frame.iterrows()]


def territory_rows(scope: str, territories: str | Path | None) -> list[tuple[str, str]]:
    """``(teryt, name)`` of the territory ``scope`` names and every unit in it.

    Without ``territories`` only a voivodeship scope can be filled (its name
    is known); powiats and gminas need a source of names.
    """
    from kokon_graph.graph import Scope

    try:
        parsed = Scope.parse(scope)
    except ScopeError as err:
        raise TemplateError(str(err), hint=err.hint) from None
    if parsed.kind not in ("voivodeship", "powiat", "gmina"):
        raise TemplateError(
            f"the template's scope must be a territory, not {scope!r}",
            hint="use voivodeship:28, powiat:2815 or gmina:2815011",
        )
    code = parsed.code
    if territories is None:
        if parsed.kind == "voivodeship" and code in model.VOIVODESHIP_CODES:
            return [(code, model.VOIVODESHIP_CODES[code])]
        raise TemplateError(
            f"the names of the units in {scope} are not known",
            hint="add --territories with a dataset or the TERC table of the TERYT register",
        )
    places = _read_places(Path(territories))
    wanted = {code[:2], code[:4], code} if parsed.kind != "voivodeship" else {code}
    rows = [
        (p.teryt, p.name)
        for p in places
        if p.teryt.startswith(code) or p.teryt in wanted
        if len(p.teryt) in (2, 4, 7)
    ]
    if not any(t == code or t.startswith(code) for t, _ in rows):
        raise TemplateError(
            f"{territories} holds no territory {scope}",
            hint="check the code (kokon-graph info DATASET lists the territories)",
        )
    return sorted(dict(rows).items())


# --------------------------------------------------------------------------- examples


def _examples(gmina: str) -> dict[str, list[dict[str, Any]]]:
    """Two example rows per table (canonical codes): a small valid network in ``gmina``."""
    ops, school = f"{gmina}-OPS", f"{gmina}-SP1"
    d = dt.date
    return {
        "institutions": [
            {"id": ops, "name": "Ośrodek Pomocy Społecznej", "type": "ops", "teryt": gmina},
            {"id": school, "name": "Szkoła Podstawowa nr 1", "type": "school", "teryt": gmina},
        ],
        "territories": [
            {"teryt": gmina[:2], "name": model.VOIVODESHIP_CODES.get(gmina[:2], gmina[:2])},
            {"teryt": gmina, "name": "Praga-Północ", "kind": "gmina"},
        ],
        "cooperation": [
            {
                "source": ops,
                "target": school,
                "kind": "information",
                "weight": 1,
                "since": d(2021, 1, 15),
                "wave": "2021",
                "mutual": True,
            },
            {
                "source": school,
                "target": ops,
                "kind": "joint_action",
                "weight": 2,
                "wave": "2021",
                "mutual": False,
            },
        ],
        "groups": [
            {
                "id": f"{gmina}-ZI",
                "name": "Zespół Interdyscyplinarny",
                "type": "ZI",
                "level": "gmina",
                "teryt": gmina,
                "start": d(2021, 1, 1),
            },
            {
                "id": f"{gmina}-GDP-1",
                "name": "Grupa diagnostyczno-pomocowa 1",
                "type": "GDP",
                "level": "gmina",
                "teryt": gmina,
                "start": d(2021, 2, 1),
                "end": d(2021, 6, 30),
            },
        ],
        "memberships": [
            {"group": f"{gmina}-ZI", "member": ops, "role": "chair", "wave": "2021"},
            {"group": f"{gmina}-GDP-1", "member": school, "role": "member", "wave": "2021"},
        ],
        "persons": [
            {"id": f"{gmina}-P1", "role": "family_assistant", "institution": ops},
            {"id": f"{gmina}-P2", "role": "teacher", "institution": school},
        ],
        "families": [
            {
                "id": "R-001",
                "teryt": gmina,
                "size": 4,
                "children": 2,
                "problems": ("poverty", "parenting"),
                "plan_status": "active",
                "coordinator": f"{gmina}-P1",
            },
            {"id": "R-002", "teryt": gmina, "size": 3, "children": 1, "problems": ("poverty",)},
        ],
        "services": [
            {
                "family": "R-001",
                "institution": ops,
                "service": "family_assistant",
                "start": d(2021, 2, 1),
                "wave": "2021",
            },
            {
                "family": "R-001",
                "institution": school,
                "service": "education_support",
                "start": d(2021, 3, 1),
                "wave": "2021",
            },
        ],
        "referrals": [
            {
                "id": "S-001",
                "family": "R-001",
                "source": ops,
                "target": school,
                "sent": d(2021, 2, 10),
                "status": "accepted",
                "answered": d(2021, 2, 15),
                "wave": "2021",
            },
            {
                "id": "S-002",
                "family": "R-002",
                "source": school,
                "target": ops,
                "sent": d(2021, 3, 1),
                "status": "no_answer",
                "wave": "2021",
            },
        ],
    }


def cell_value(column: Column, value: Any, lang: Lang) -> Any:
    """A canonical value as the template shows it (labels in ``lang``, yes/no words)."""
    if value is None or (not isinstance(value, tuple) and pd.isna(value)):
        return None
    if column.kind == "vocab" and column.vocab is not None:
        return column.vocab.label(str(value), lang)
    if column.kind == "list" and column.vocab is not None:
        vocab = column.vocab
        return LIST_SEPARATOR.join(vocab.label(v, lang) for v in value)
    if column.kind == "bool":
        return _BOOL[lang][0 if value else 1]
    if column.kind == "date":
        return pd.Timestamp(value).date()
    if column.kind == "int":
        return int(value)
    if column.kind == "float":
        return float(value)
    return str(value)


def _plain(value: Any) -> Any:
    return None if value is None or pd.isna(value) or value == "" else str(value)


# --------------------------------------------------------------------------- the workbook


def write_template(
    out: str | Path,
    *,
    lang: Lang = "pl",
    scope: str | None = None,
    territories: str | Path | None = None,
    force: bool = False,
    data: Dataset | None = None,
) -> Path:
    """Write the template workbook to ``out`` and return its path.

    With ``data``, the sheets hold that dataset's rows instead of the examples
    (a dataset in the form people fill in, e.g. to update it for a new wave).

    Raises
    ------
    TemplateError
        If ``out`` exists and ``force`` is false, the language is unknown, or the
        territory of ``scope`` cannot be found.
    """
    if lang not in ("pl", "en"):
        raise TemplateError(f"unknown language {lang!r}", hint="use pl or en")
    path = Path(out)
    if path.suffix.lower() != ".xlsx":
        raise TemplateError(f"{path.name}: the template is an .xlsx workbook", hint="end it .xlsx")
    if path.exists() and not force:
        raise TemplateError(
            f"{path} exists already", hint="give another name or --force to overwrite it"
        )
    places = territory_rows(scope, territories) if scope else []
    gminas = [t for t, _ in places if len(t) == 7]
    examples = _examples(gminas[0] if gminas else "1465088")
    if places:
        # the scope's units; the example gmina stays only if the scope has none
        kept = [] if gminas else [r for r in examples["territories"] if len(r["teryt"]) == 7]
        examples["territories"] = [{"teryt": t, "name": n} for t, n in places] + kept
    if data is not None:
        examples = {name: frame.to_dict("records") for name, frame in data.tables()}

    from openpyxl import Workbook

    workbook = Workbook()
    guide = workbook.active
    assert guide is not None
    guide.title = INSTRUCTIONS_SHEET[lang]
    lists = _write_guide(guide, lang, scope, places)
    for spec in TEMPLATE_TABLES:
        sheet = workbook.create_sheet(SHEET_NAMES[spec.name][lang])
        _write_table(sheet, spec, examples[spec.name], lang, lists)
    path.parent.mkdir(parents=True, exist_ok=True)
    with staged_file(path) as tmp:
        workbook.save(tmp)
    return path


def _vocabularies() -> list[Vocabulary]:
    seen: dict[str, Vocabulary] = {}
    for spec in TEMPLATE_TABLES:
        for column in filled_columns(spec):
            if column.vocab is not None:
                seen.setdefault(column.vocab.name, column.vocab)
    return list(seen.values())


def _write_guide(
    sheet: Any, lang: Lang, scope: str | None, places: Sequence[tuple[str, str]]
) -> dict[str, str]:
    """Fill the instructions sheet; return each vocabulary's list range for drop-downs."""
    from openpyxl.styles import Alignment, Font

    bold = Font(bold=True)
    sheet.append([_TEXT["title"][lang]])
    sheet["A1"].font = Font(bold=True, size=14)
    if scope:
        sheet.append([f"{_TEXT['territory'][lang]}: {scope} ({len(places)})"])
    sheet.append([])
    sheet.append([_TEXT["how"][lang]])
    sheet.cell(sheet.max_row, 1).font = bold
    steps = []
    for line in _TEXT["steps"][lang].split("\n"):
        sheet.append([line])
        steps.append(sheet.max_row)
    sheet.append([])
    sheet.append([_TEXT["columns"][lang]])
    sheet.cell(sheet.max_row, 1).font = bold
    sheet.append(
        [_TEXT[k][lang] for k in ("sheet", "column", "required", "meaning")],
    )
    for cell in sheet[sheet.max_row]:
        cell.font = bold
    for spec in TEMPLATE_TABLES:
        name = SHEET_NAMES[spec.name][lang]
        about = _TABLE_PL[spec.name] if lang == "pl" else spec.description
        sheet.append([name, "", "", about])
        sheet.cell(sheet.max_row, 1).font = bold
        for column in filled_columns(spec):
            needed = (
                _TEXT["must_fill"][lang]
                if column.required and column.nonempty
                else (_TEXT["yes"][lang] if column.required else "")
            )
            title = header(spec.name, column, lang)
            sheet.append([name, title, needed, _description(spec.name, column, lang)])
    # the allowed values, one block per vocabulary, below the columns
    lists: dict[str, str] = {}
    sheet.append([])
    sheet.append([_TEXT["values"][lang]])
    sheet.cell(sheet.max_row, 1).font = Font(bold=True, size=14)
    blocks = [(_vocab_title(v, lang), v.name, [t.label(lang) for t in v]) for v in _vocabularies()]
    blocks.append((f"{_BOOL[lang][0]} / {_BOOL[lang][1]}", "bool", list(_BOOL[lang])))
    for title, key, labels in blocks:
        sheet.append([title])
        sheet.cell(sheet.max_row, 1).font = bold
        top = sheet.max_row + 1
        for label in labels:
            sheet.append(["", label])
        lists[key] = f"'{sheet.title}'!$B${top}:$B${sheet.max_row}"
    for letter, width in zip("ABCD", (16, 22, 16, 90), strict=True):
        sheet.column_dimensions[letter].width = width
    for row in sheet.iter_rows(min_col=4, max_col=4):
        row[0].alignment = Alignment(wrap_text=True, vertical="top")
    for row in steps:
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=4)
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.freeze_panes = "A2"
    return lists


_VOCAB_TITLES_PL: Final[dict[str, str]] = {
    "level": "szczebel",
    "sector": "sektor",
    "institution type": "typ instytucji",
    "cooperation kind": "forma współpracy",
    "group type": "rodzaj grupy",
    "referral status": "stan skierowania",
    "service": "forma wsparcia",
    "problem area": "obszar problemowy",
    "plan status": "stan IPW",
    "person role": "rola zawodowa",
    "member role": "rola w grupie",
    "territory kind": "rodzaj jednostki",
    "gmina type": "rodzaj gminy",
}


def _vocab_title(vocab: Vocabulary, lang: Lang) -> str:
    return _VOCAB_TITLES_PL.get(vocab.name, vocab.name) if lang == "pl" else vocab.name


def _write_table(
    sheet: Any,
    spec: Table,
    rows: list[dict[str, Any]],
    lang: Lang,
    lists: dict[str, str],
) -> None:
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    known = set(spec.column_names)
    extra = [k for k in (rows[0] if rows else {}) if k not in known]  # kept extra columns
    sheet.append([header(spec.name, c, lang) for c in filled_columns(spec)] + extra)
    fill = PatternFill("solid", fgColor="DDE7F0")
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = fill
    for row in rows:
        values = [cell_value(c, row.get(c.name), lang) for c in filled_columns(spec)]
        sheet.append(values + [_plain(row[k]) for k in extra])
    last = _ROWS + 1
    for position, column in enumerate(filled_columns(spec), start=1):
        letter = get_column_letter(position)
        span = f"{letter}2:{letter}{last}"
        title = header(spec.name, column, lang)
        sheet.column_dimensions[letter].width = max(14, len(title) + 4)
        form = _FORMATS.get(column.kind)
        if form is not None:
            for (cell,) in sheet.iter_rows(
                min_row=2, max_row=last, min_col=position, max_col=position
            ):
                cell.number_format = form
        source = (
            lists.get(column.vocab.name)
            if column.vocab is not None
            else lists["bool"]
            if column.kind == "bool"
            else None
        )
        if source is None:
            continue
        many = column.kind == "list"
        check = DataValidation(
            type="list",
            formula1=f"={source}",
            allow_blank=True,
            showErrorMessage=not many,
            errorStyle="stop",
            promptTitle=title[:32],
            prompt=_TEXT["pick_many" if many else "pick"][lang],
            showInputMessage=True,
        )
        check.add(span)
        sheet.add_data_validation(check)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(filled_columns(spec)))}1"
