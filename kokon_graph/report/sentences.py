"""Coordination gaps in words, in Polish and English.

Each function turns rows of a gap result into sentences a person reads at a
meeting, e.g. "OPS X i Szkoła Y obsługują wspólnie 14 rodzin, ale nie
zgłaszają współpracy." Every number comes from the result; family and
referral counts below the threshold read "mniej niż 3" / "fewer than 3".

>>> format_number(1234.5, "pl"), format_number(1234.5, "en")
('1\\xa0234,5', '1,234.5')
>>> families(14, "pl", min_count=3), families(2, "pl", min_count=3)
('14 rodzin', 'mniej niż 3 rodziny')
>>> families(1, "en", min_count=1), families(0, "en", min_count=3), families(0, "pl", min_count=3)
('1 family', '0 families', '0 rodzin')
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Final

import pandas as pd

from kokon_graph import model
from kokon_graph.lang import localise_number
from kokon_graph.model import Lang
from kokon_graph.report._text import plural_en, plural_pl

__all__ = [
    "GAP_SENTENCES",
    "co_serving_sentences",
    "families",
    "format_number",
    "group_coverage_sentences",
    "recommendation_sentences",
    "referral_sentences",
    "sector_gap_sentences",
    "uncoordinated_sentences",
]


def format_number(value: Any, lang: Lang, *, digits: int = 3, fixed: bool = False) -> str:
    """A number as a person reads it: ``1 234,5`` in Polish, ``1,234.5`` in English.

    A float gets at most ``digits`` decimals, trailing zeros dropped (a table cell), or
    with ``fixed`` exactly ``digits`` (a sentence: "4,0 dni" beside "4,5 dni").

    >>> format_number(4.0, "pl", digits=1), format_number(4.0, "pl", digits=1, fixed=True)
    ('4', '4,0')
    """
    if value is None or (isinstance(value, float) and value != value):
        return "–"
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int) or (isinstance(value, float) and value.is_integer() and digits == 0):
        text = f"{int(value):,}"
    elif isinstance(value, float):
        text = f"{value:,.{digits}f}"
        if not fixed:
            text = text.rstrip("0").rstrip(".")
    else:
        return str(value)
    return localise_number(text, lang)


def _count(
    n: int, lang: Lang, min_count: int, forms_pl: tuple[str, str, str], forms_en: tuple[str, str]
) -> str:
    if 0 < n < min_count:
        if lang == "pl":
            return f"mniej niż {min_count} {plural_pl(min_count, *forms_pl)}"
        return f"fewer than {min_count} {plural_en(min_count, *forms_en)}"
    if lang == "pl":
        return f"{format_number(n, lang)} {plural_pl(n, *forms_pl)}"
    return f"{format_number(n, lang)} {plural_en(n, *forms_en)}"


def families(n: int, lang: Lang, *, min_count: int) -> str:
    """``14 rodzin`` / ``14 families``; below the threshold ``mniej niż 3 rodziny``."""
    return _count(int(n), lang, min_count, ("rodzina", "rodziny", "rodzin"), ("family", "families"))


def referrals(n: int, lang: Lang, *, min_count: int) -> str:
    """``5 skierowań`` / ``5 referrals``, suppressed like family counts."""
    return _count(
        int(n),
        lang,
        min_count,
        ("skierowanie", "skierowania", "skierowań"),
        ("referral", "referrals"),
    )


def _name(row: pd.Series, column: str, fallback: str) -> str:
    value = row.get(column)
    if isinstance(value, str) and value:
        return value
    other = row.get(fallback)
    return str(other) if other is not None else "?"


def co_serving_sentences(
    frame: pd.DataFrame, lang: Lang, *, min_count: int, limit: int = 10
) -> list[str]:
    """Pairs of institutions that serve the same families but report no cooperation."""
    out = []
    for _, row in frame.head(limit).iterrows():
        a = _name(row, "source_name", "source")
        b = _name(row, "target_name", "target")
        n = families(int(row["shared_families"]), lang, min_count=min_count)
        if lang == "pl":
            out.append(f"{a} i {b} obsługują wspólnie {n}, ale nie zgłaszają współpracy.")
        else:
            out.append(f"{a} and {b} share {n} but report no cooperation.")
    return out


_SECTOR_STATUS_PL = {
    "missing": "brak w gminie instytucji z tego sektora",
    "absent": "brak w gminie instytucji z tego sektora",
    "no_tie": "{ops} nie ma z nim powiązania",
    "unlinked": "{ops} nie ma z nim powiązania",
}
_SECTOR_STATUS_EN = {
    "missing": "the gmina has no institution of this sector",
    "absent": "the gmina has no institution of this sector",
    "no_tie": "{ops} has no tie to it",
    "unlinked": "{ops} has no tie to it",
}


def sector_gap_sentences(frame: pd.DataFrame, lang: Lang, *, limit: int = 10) -> list[str]:
    """Gminas where a required sector is absent or has no tie to the social assistance centre."""
    out = []
    for _, row in frame.head(limit).iterrows():
        gmina = _name(row, "gmina_name", "gmina")
        ops = _name(row, "ops_name", "ops_id") if row.get("ops_name") or row.get("ops_id") else ""
        sector = model.SECTORS.label(str(row.get("sector", "")), lang)
        status = str(row.get("status", ""))
        table = _SECTOR_STATUS_PL if lang == "pl" else _SECTOR_STATUS_EN
        what = table.get(status, status).format(ops=ops or "OPS")
        if lang == "pl":
            out.append(f"Gmina {gmina}, sektor „{sector}”: {what}.")
        else:
            out.append(f"Gmina {gmina}, sector '{sector}': {what}.")
    return out


def referral_sentences(
    frame: pd.DataFrame, lang: Lang, *, min_count: int, limit: int = 10
) -> list[str]:
    """Pairs whose referrals go unanswered, with the answer times."""
    if "unanswered" in frame.columns:
        frame = frame[pd.to_numeric(frame["unanswered"], errors="coerce").fillna(0) > 0]
    out = []
    for _, row in frame.head(limit).iterrows():
        a = _name(row, "source_name", "source")
        b = _name(row, "target_name", "target")
        total = int(row["referrals"])
        unanswered = int(row.get("unanswered", 0))
        sent = referrals(total, lang, min_count=min_count)
        if lang == "pl":
            text = f"{a} → {b}: {sent}, w tym bez odpowiedzi: "
            text += (
                f"mniej niż {min_count}"
                if unanswered < min_count
                else format_number(unanswered, lang)
            )
        else:
            text = f"{a} → {b}: {sent}, of which unanswered: "
            text += (
                f"fewer than {min_count}"
                if unanswered < min_count
                else format_number(unanswered, lang)
            )
        median = row.get("median_days")
        if total >= min_count and median is not None and median == median:
            days = format_number(float(median), lang, digits=1, fixed=True)
            text += (
                f"; mediana czasu odpowiedzi: {days} dni"
                if lang == "pl"
                else f"; median time to answer: {days} days"
            )
        out.append(text + ".")
    return out


def uncoordinated_sentences(
    frame: pd.DataFrame, lang: Lang, *, min_count: int, limit: int = 10
) -> list[str]:
    """Gminas with families served by many institutions and coordinated by nobody."""
    if "uncoordinated" in frame.columns:
        frame = frame[pd.to_numeric(frame["uncoordinated"], errors="coerce").fillna(0) > 0]
        frame = frame.sort_values("uncoordinated", ascending=False, kind="stable")
    out = []
    for _, row in frame.head(limit).iterrows():
        gmina = _name(row, "gmina_name", "gmina")
        n = families(int(row["uncoordinated"]), lang, min_count=min_count)
        many = families(int(row["families_min_services"]), lang, min_count=min_count)
        if lang == "pl":
            out.append(
                f"Gmina {gmina}: {n} bez koordynatora ani zespołu, spośród {many} "
                "korzystających z usług wielu instytucji."
            )
        else:
            out.append(
                f"Gmina {gmina}: {n} with no coordinator or team, out of {many} "
                "served by several institutions."
            )
    return out


def group_coverage_sentences(frame: pd.DataFrame, lang: Lang, *, limit: int = 10) -> list[str]:
    """Sectors active in a territory but absent from its groups."""
    out = []
    for _, row in frame.head(limit).iterrows():
        group = _name(row, "group_name", "group_id")
        place = _name(row, "territory_name", "territory")
        sector = model.SECTORS.label(str(row.get("sector", "")), lang)
        if lang == "pl":
            out.append(
                f"W grupie {group} brakuje sektora „{sector}”, obecnego na jej terenie ({place})."
            )
        else:
            out.append(
                f"Group {group} has no member from the sector '{sector}', "
                f"active in its area ({place})."
            )
    return out


def recommendation_sentences(frame: pd.DataFrame, lang: Lang, *, limit: int = 10) -> list[str]:
    """The analysis' own reasons for each recommended tie."""
    column = "reason_pl" if lang == "pl" else "reason_en"
    if column not in frame.columns:
        return []
    return [str(r) for r in frame[column].head(limit) if isinstance(r, str) and r]


#: The sentences of each gap kind (:data:`~kokon_graph.analysis.results.GAP_KINDS`), from its
#: result, for the report's "coordination gaps" section: ``(frame, lang, min_count)``.
GAP_SENTENCES: Final[dict[str, Callable[[pd.DataFrame, Lang, int], list[str]]]] = {
    "co_serving": lambda f, lang, n: co_serving_sentences(f, lang, min_count=n),
    "sector": lambda f, lang, n: sector_gap_sentences(f, lang),
    "referrals": lambda f, lang, n: referral_sentences(f, lang, min_count=n),
    "uncoordinated": lambda f, lang, n: uncoordinated_sentences(f, lang, min_count=n),
    "group_coverage": lambda f, lang, n: group_coverage_sentences(f, lang),
}
