"""Every text a person reads on a map, in Polish and English, in one place.

Vocabulary labels (sectors, institution types, levels, ...) come from
:mod:`kokon_graph.model`; measure names from the analysis column catalogue.
Everything else a map shows is here, keyed by a short identifier. The page's
script receives the same table, so it holds no text of its own.

>>> text("search", "pl")
'Szukaj instytucji'
>>> text("search", "en")
'Find an institution'
>>> text("visible", "pl", nodes=3, edges=1)
'Widoczne: 3 węzły, 1 powiązanie'
>>> format_number(1234.5, "pl"), format_number(1234.5, "en")
('1234,5', '1234.5')
>>> format_percent(0.5, "pl")
'50%'
"""

from __future__ import annotations

import math
from typing import Any, Final

from kokon_graph.lang import localise_number
from kokon_graph.model import Lang

__all__ = ["TEXT", "format_number", "format_percent", "plural", "text"]

#: ``key -> {"pl": ..., "en": ...}``. ``{name}`` fields are filled by :func:`text`.
TEXT: Final[dict[str, dict[str, str]]] = {
    # titles of the kinds of map
    "title_cooperation": {"pl": "Sieć współpracy instytucji", "en": "Cooperation network"},
    "title_ego": {"pl": "Otoczenie instytucji: {name}", "en": "Neighbourhood of {name}"},
    "title_groups": {"pl": "Instytucje w grupach i zespołach", "en": "Institutions in groups"},
    "title_referrals": {"pl": "Przepływ skierowań rodzin", "en": "Referral flows"},
    "title_compare": {
        "pl": "Zmiany współpracy: {before} → {after}",
        "en": "Changes in cooperation: {before} → {after}",
    },
    "compared": {"pl": "Porównanie fal", "en": "Waves compared"},
    "layer_tie_kept": {"pl": "Współpraca utrzymana", "en": "Ties kept"},
    "layer_tie_gained": {"pl": "Współpraca nowa", "en": "Ties gained"},
    "layer_tie_lost": {"pl": "Współpraca utracona", "en": "Ties lost"},
    "layer_gap_opened": {
        "pl": "Luka nowa: wspólne rodziny bez współpracy",
        "en": "Gap opened: shared families, no cooperation",
    },
    "layer_gap_closed": {
        "pl": "Luka zamknięta (wspólne rodziny bez współpracy wcześniej)",
        "en": "Gap closed (shared families without cooperation before)",
    },
    "title_aggregate_gmina": {
        "pl": "Współpraca między gminami",
        "en": "Cooperation between municipalities",
    },
    "title_aggregate_powiat": {
        "pl": "Współpraca między powiatami",
        "en": "Cooperation between counties",
    },
    # a territory frame's kind word, shortened where its whole title does not fit the frame
    "frame_abbreviations": {
        "pl": "gmina=gm.|powiat=pow.|województwo=woj.",
        "en": "municipality=mun.|county=cty|voivodeship=voiv.",
    },
    # the header line
    "scope": {"pl": "Zakres", "en": "Scope"},
    "wave": {"pl": "Fala badania", "en": "Survey wave"},
    "all_waves": {"pl": "wszystkie fale łącznie", "en": "all waves together"},
    "data_date": {"pl": "Stan danych", "en": "Data as of"},
    "unknown_date": {"pl": "nieznany", "en": "unknown"},
    "dataset": {"pl": "Zbiór danych", "en": "Dataset"},
    "steps": {"pl": "Kroki od instytucji", "en": "Steps from the institution"},
    # the side panel
    "search": {"pl": "Szukaj instytucji", "en": "Find an institution"},
    "search_territory": {"pl": "Szukaj gminy lub powiatu", "en": "Find a municipality or county"},
    "search_placeholder_territory": {
        "pl": "nazwa lub kod TERYT",
        "en": "name or TERYT code",
    },
    "search_placeholder": {
        "pl": "nazwa, np. ośrodek pomocy",
        "en": "name, e.g. social assistance",
    },
    "search_none": {"pl": "Nic nie znaleziono", "en": "Nothing found"},
    "filters": {"pl": "Filtry", "en": "Filters"},
    "filter_sector": {"pl": "Sektor", "en": "Sector"},
    "filter_type": {"pl": "Typ", "en": "Type"},
    "filter_territory": {"pl": "Gmina / powiat", "en": "Municipality / county"},
    "filter_all": {"pl": "wszystkie", "en": "all"},
    "filter_reset": {"pl": "Pokaż wszystko", "en": "Show everything"},
    "layers": {"pl": "Warstwy", "en": "Layers"},
    "legend": {"pl": "Legenda", "en": "Legend"},
    "visible": {
        "pl": "Widoczne: {nodes} {nodes_word}, {edges} {edges_word}",
        "en": "Shown: {nodes} {nodes_word}, {edges} {edges_word}",
    },
    "node_1": {"pl": "węzeł", "en": "node"},
    "node_2": {"pl": "węzły", "en": "nodes"},
    "node_5": {"pl": "węzłów", "en": "nodes"},
    "edge_1": {"pl": "powiązanie", "en": "link"},
    "edge_2": {"pl": "powiązania", "en": "links"},
    "edge_5": {"pl": "powiązań", "en": "links"},
    "help": {
        "pl": "Najedź na węzeł lub linię, aby zobaczyć szczegóły. Kółko myszy: "
        "przybliżenie, przeciąganie: przesuwanie.",
        "en": "Hover over a node or a line for details. Mouse wheel: zoom, drag: move.",
    },
    "empty_map": {
        "pl": "W tym zakresie nie ma nic do pokazania.",
        "en": "There is nothing to show in this scope.",
    },
    "no_script": {
        "pl": "Mapa wymaga włączonej obsługi JavaScript w przeglądarce.",
        "en": "The map needs JavaScript enabled in the browser.",
    },
    # legend
    "legend_colour_sector": {"pl": "Kolor: sektor", "en": "Colour: sector"},
    "legend_shape_level": {"pl": "Kształt: poziom", "en": "Shape: level"},
    "legend_group": {"pl": "grupa / zespół", "en": "group / team"},
    "legend_size": {"pl": "Wielkość: {measure}", "en": "Size: {measure}"},
    "legend_size_members": {
        "pl": "grupy: liczba członków",
        "en": "groups: number of members",
    },
    "legend_size_institutions": {"pl": "liczba instytucji", "en": "number of institutions"},
    "legend_width_weight": {
        "pl": "Grubość linii: siła współpracy",
        "en": "Line width: strength of cooperation",
    },
    "legend_width_referrals": {
        "pl": "Grubość strzałki: liczba skierowań",
        "en": "Arrow width: number of referrals",
    },
    "legend_width_ties": {
        "pl": "Grubość linii: liczba powiązań między instytucjami",
        "en": "Line width: number of ties between institutions",
    },
    "legend_answer_rate": {
        "pl": "Kolor strzałki: odsetek skierowań z odpowiedzią",
        "en": "Arrow colour: share of referrals answered",
    },
    "legend_few_referrals": {
        "pl": "szara: mniej niż {n} skierowania (liczby ukryte)",
        "en": "grey: fewer than {n} referrals (numbers hidden)",
    },
    "legend_gap_colour": {
        "pl": "Kolor: średnia liczba luk sektorowych w gminie",
        "en": "Colour: mean number of sector gaps per municipality",
    },
    "legend_gap_na": {"pl": "nie dotyczy", "en": "not applicable"},
    "legend_focus": {"pl": "instytucja w centrum", "en": "institution in the centre"},
    "legend_sector_gap": {
        "pl": "czerwona obwódka: luka sektorowa",
        "en": "red outline: sector gap",
    },
    # layers
    "layer_ties": {"pl": "Współpraca", "en": "Cooperation ties"},
    "layer_membership": {"pl": "Członkostwo w grupach", "en": "Group membership"},
    "layer_referrals": {"pl": "Skierowania", "en": "Referrals"},
    "focus_only": {"pl": "Pokaż tylko otoczenie", "en": "Only its neighbourhood"},
    "focus_back": {"pl": "Wróć do całej mapy", "en": "Back to the whole map"},
    "focus_ties": {"pl": "Współpraca: {kind}", "en": "Cooperation: {kind}"},
    "tie_other": {"pl": "inna", "en": "other"},
    "focus_gap_co_serving": {
        "pl": "Wspólne rodziny bez współpracy",
        "en": "Shared families, no cooperation",
    },
    "focus_families": {"pl": "{n} rodz.", "en": "{n} families"},
    "focus_gap_referrals": {
        "pl": "Skierowania bez odpowiedzi",
        "en": "Referrals without an answer",
    },
    "focus_unanswered": {"pl": "{n} bez odp.", "en": "{n} unanswered"},
    "focus_referred_to": {"pl": "Kieruje rodziny do", "en": "Refers families to"},
    "focus_referred_from": {"pl": "Otrzymuje skierowania od", "en": "Receives referrals from"},
    "focus_members": {"pl": "Członkowie / grupy", "en": "Members / groups"},
    "focus_groups": {"pl": "Grupy i zespoły", "en": "Groups and teams"},
    "focus_small_gaps": {
        "pl": "Mniejsze luki (poniżej progu, nienarysowane): {n}",
        "en": "Smaller gaps (below the threshold, not drawn): {n}",
    },
    "layer_inside": {
        "pl": "…oraz luki wewnątrz terytoriów: {n} (w ich opisie)",
        "en": "…and gaps inside territories: {n} (in their details)",
    },
    "tip_gap_pairs_inside": {
        "pl": "Luki wewnątrz: pary bez współpracy ze wspólnymi rodzinami",
        "en": "Gaps inside: pairs sharing families without cooperating",
    },
    "tip_gap_families_inside": {
        "pl": "Luki wewnątrz: wspólne rodziny (suma po parach)",
        "en": "Gaps inside: shared families (summed over pairs)",
    },
    "tip_unanswered_inside": {
        "pl": "Luki wewnątrz: skierowania bez odpowiedzi",
        "en": "Gaps inside: unanswered referrals",
    },
    "notes_aggregate_gaps": {
        "pl": "Mapa zbiorcza: luki są zsumowane dla par terytoriów; linie poniżej progu "
        "{n} nie są rysowane. Luki wewnątrz terytorium są w jego opisie.",
        "en": "An aggregate map: gaps are summed per pair of territories; lines below the "
        "threshold {n} are not drawn. Gaps inside a territory are in its details.",
    },
    "save": {"pl": "Zapisz widok", "en": "Save the view"},
    "save_png": {"pl": "Obraz PNG", "en": "PNG image"},
    "save_svg": {"pl": "Grafika SVG", "en": "SVG drawing"},
    "print": {"pl": "Drukuj", "en": "Print"},
    "tip_in_gaps": {"pl": "Instytucje z luką", "en": "Institutions in a gap"},
    "notes_overview": {
        "pl": "Przegląd (mapa większa niż {n} instytucji): jeden węzeł na gminę, powiat i "
        "województwo; wielkość: liczba instytucji, kolor: udział instytucji z luką (zielony: "
        "brak, czerwony: połowa lub więcej). Kliknij węzeł, aby zobaczyć jego instytucje.",
        "en": "Overview (a map of more than {n} institutions): one node per municipality, "
        "county and voivodeship; size: institutions, colour: the share of them in a gap "
        "(green: none, red: half or more). Click a node to see its institutions.",
    },
    "overview_back": {"pl": "Wróć do przeglądu", "en": "Back to the overview"},
    "of_total": {"pl": "{n} z {total}", "en": "{n} of {total}"},
    "gap_threshold": {
        "pl": "Rysuj luki od liczby rodzin / skierowań",
        "en": "Draw gaps from this many families / referrals",
    },
    "gap_hidden": {
        "pl": "Nienarysowane mniejsze luki: {n} (są w panelu instytucji i w ocenie gminy).",
        "en": "Smaller gaps not drawn: {n} (listed in an institution's panel and in the "
        "municipality's score).",
    },
    "legend_gap_meaning": {
        "pl": "Linia przerywana łączy instytucje, które mają co najmniej {n} wspólne rodziny "
        "(lub tyle skierowań bez odpowiedzi), a nie współpracują.",
        "en": "A dashed line joins institutions that share at least {n} families (or that "
        "many unanswered referrals) and do not cooperate.",
    },
    # gap kinds are named in kokon_graph.analysis.results.GAP_KINDS
    "layer_gap": {"pl": "Luka: {kind}", "en": "Gap: {kind}"},
    # tooltips
    "tip_id": {"pl": "Identyfikator", "en": "Id"},
    "tip_type": {"pl": "Typ", "en": "Type"},
    "tip_sector": {"pl": "Sektor", "en": "Sector"},
    "tip_level": {"pl": "Poziom", "en": "Level"},
    "tip_territory": {"pl": "Terytorium", "en": "Territory"},
    "tip_teryt": {"pl": "Kod TERYT", "en": "TERYT code"},
    "tip_weight": {"pl": "Siła współpracy", "en": "Strength of cooperation"},
    "tip_kinds": {"pl": "Rodzaje współpracy", "en": "Kinds of cooperation"},
    "tip_reports": {"pl": "Liczba zgłoszeń", "en": "Reports"},
    "tip_shared_families": {
        "pl": "Wspólne rodziny bez współpracy",
        "en": "Families served by both, no tie",
    },
    "tip_referrals": {"pl": "Skierowania", "en": "Referrals"},
    "tip_answered": {"pl": "Z odpowiedzią", "en": "Answered"},
    "tip_unanswered": {"pl": "Bez odpowiedzi", "en": "Unanswered"},
    "tip_answer_rate": {"pl": "Odsetek odpowiedzi", "en": "Share answered"},
    "tip_sector_gaps": {"pl": "Luki sektorowe", "en": "Sector gaps"},
    "tip_gap_absent": {"pl": "brak instytucji", "en": "no institution"},
    "tip_gap_no_tie": {"pl": "brak powiązania", "en": "no tie"},
    "tip_members": {"pl": "Członkowie", "en": "Members"},
    "tip_member_sectors": {"pl": "Sektory członków", "en": "Members' sectors"},
    "tip_role": {"pl": "Rola", "en": "Role"},
    "tip_via_person": {"pl": "przez pracownika", "en": "through a staff member"},
    "tip_group_type": {"pl": "Rodzaj grupy", "en": "Kind of group"},
    "tip_project": {"pl": "Projekt", "en": "Project"},
    "tip_institutions": {"pl": "Instytucje", "en": "Institutions"},
    "tip_ties_inside": {"pl": "Powiązania wewnątrz", "en": "Ties inside"},
    "tip_ties_between": {"pl": "Powiązania między instytucjami", "en": "Ties between institutions"},
    "tip_gminas_with_gaps": {"pl": "Gminy z luką sektorową", "en": "Municipalities with a gap"},
    "tip_mean_gaps": {"pl": "Średnia liczba luk w gminie", "en": "Mean gaps per municipality"},
    "tip_pairs": {"pl": "Pary instytucji", "en": "Pairs of institutions"},
    "tip_no_ops": {"pl": "brak ośrodka pomocy społecznej", "en": "no social assistance centre"},
    "territory_level_powiat": {"pl": "instytucje powiatowe", "en": "county institutions"},
    "territory_level_voivodeship": {
        "pl": "instytucje wojewódzkie",
        "en": "voivodeship institutions",
    },
    "territory_national": {"pl": "instytucje krajowe", "en": "national institutions"},
    "notes_no_territories": {
        "pl": "Zbiór nie ma tabeli terytoriów: instytucje są pogrupowane według typu, "
        "nie według gmin i powiatów.",
        "en": "The dataset has no territories table: institutions are grouped by type, "
        "not by municipality and county.",
    },
    "notes_big_map": {
        "pl": "Duża mapa: linie luk są na początku wyłączone, aby mapa była czytelna; "
        "włącz je w sekcji Warstwy.",
        "en": "A big map: the gap lines start switched off to keep it readable; switch "
        "them on under Layers.",
    },
    "notes_no_ops": {
        "pl": "Gminy bez ośrodka pomocy społecznej (luka sektorowa bez instytucji do "
        "zaznaczenia): {gminas}",
        "en": "Municipalities without a social assistance centre (a sector gap with no "
        "institution to mark): {gminas}",
    },
}


def text(key: str, lang: Lang = "pl", **fields: Any) -> str:
    """The text ``key`` in ``lang``, with ``{name}`` fields filled in.

    The ``visible`` text picks the right Polish plural for ``nodes`` and ``edges``.
    """
    entry = TEXT[key]
    if key == "visible":
        fields.setdefault("nodes_word", plural("node", int(fields["nodes"]), lang))
        fields.setdefault("edges_word", plural("edge", int(fields["edges"]), lang))
    template = entry[lang]
    return template.format(**fields) if fields else template


def plural(stem: str, n: int, lang: Lang = "pl") -> str:
    """The word ``stem`` (``node`` / ``edge``) agreeing with the number ``n``.

    Polish has three forms: 1 węzeł, 2-4 węzły (but 12-14 węzłów), 5 węzłów.

    >>> [plural("node", n) for n in (1, 2, 5, 12, 22, 25)]
    ['węzeł', 'węzły', 'węzłów', 'węzłów', 'węzły', 'węzłów']
    """
    if n == 1:
        return text(f"{stem}_1", lang)
    if lang == "pl" and n % 10 in (2, 3, 4) and n % 100 not in (12, 13, 14):
        return text(f"{stem}_2", lang)
    return text(f"{stem}_5", lang)


def format_number(value: float | int | None, lang: Lang = "pl", *, digits: int = 3) -> str:
    """A number as people read it: integers whole, others with up to ``digits`` significant
    decimals; a decimal comma in Polish. Missing values give ``"–"``.

    >>> format_number(0.000123456, "en"), format_number(12, "pl"), format_number(None)
    ('0.000123', '12', '–')
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    number = float(value)
    if number.is_integer() and abs(number) < 1e15:
        return str(int(number))
    magnitude = math.floor(math.log10(abs(number))) if number else 0
    decimals = max(digits - 1 - magnitude, 1) if magnitude < digits else 1
    out = f"{number:.{decimals}f}".rstrip("0").rstrip(".")
    return localise_number(out, lang)


def format_percent(share: float | None, lang: Lang = "pl") -> str:
    """A share in [0, 1] as a whole percentage (``"–"`` when missing)."""
    if share is None or (isinstance(share, float) and math.isnan(share)):
        return "–"
    return f"{round(share * 100):d}%"
