"""The one list of facts about every result: the contract between the analysis and its readers.

Each :class:`Result` says, for one table the analysis (or the before/after
comparison) returns: its columns in order with their Polish and English
headers (:class:`~kokon_graph.analysis.columns.ColumnDoc`), each column's
dtype, which counts are about families and are suppressed below the
threshold, its titles in Polish and English, whether the report shows it as a
table (and in which order), which coordination gap kind it holds, and, for an
*optional* result (:class:`ResultOption`), the option that asks for it: it is
computed, written, shown and documented as such only when that option is given.
:data:`GAP_KINDS` names each gap kind once; its result (``gaps_<kind>``), its
map layer (``gap_<kind>``) and its ``gap`` value in the comparison all derive
from that one name.

The report writers, the maps, the comparison, ``docs/measures.md`` and the
tests read this list; nothing else keeps a copy.

>>> REGISTRY["centrality"].columns["betweenness"].pl
'pośrednictwo (znormalizowane)'
>>> REGISTRY["gaps_referrals"].gap.layer
'gap_referrals'
>>> [r.name for r in report_results()][:3]
['network_territories', 'centrality', 'weighted_paths']
>>> [r.name for r in analysis_results()][:4]
['network', 'network_territories', 'centrality', 'brokerage']
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Final, Literal

from kokon_graph.analysis.columns import COLUMNS, ColumnDoc
from kokon_graph.io.schema import RATING_COLUMNS

__all__ = [
    "ANALYSIS_RESULTS",
    "COMPARISON_RESULTS",
    "GAP_KINDS",
    "OPTIONAL_RESULTS",
    "REGISTRY",
    "RESULTS",
    "GapKind",
    "Result",
    "ResultDoc",
    "ResultOption",
    "Suppression",
    "analysis_results",
    "render_markdown",
    "report_results",
    "result",
    "update_markdown",
]

Dtype = Literal["str", "int64", "float64", "bool", "Int64"]


@dataclass(frozen=True)
class ResultDoc:
    """One result: its title in Polish and English and what a row is."""

    pl: str
    en: str
    description: str


@dataclass(frozen=True)
class Suppression:
    """Which columns of one result hold counts about families (hidden below the threshold).

    Attributes
    ----------
    counts
        Columns holding counts; each cell below the threshold is hidden.
    base
        The count that the ``derived`` columns are computed from.
    derived
        Rates, medians and percentiles computed from ``base``: hidden in the
        rows where ``base`` is below the threshold.
    complements
        A total and the columns that add up to it or are computed from it: in a row
        where one of them is hidden, the others (not the total) are hidden as well,
        so that the hidden one cannot be worked out (secondary suppression).
    sums
        Columns that add the first count in (a score): in a row where that count is
        hidden they add 1 in its place, and the rows are ordered by what is shown.
    """

    counts: tuple[str, ...] = ()
    base: str | None = None
    derived: tuple[str, ...] = ()
    complements: tuple[str, ...] = ()
    sums: tuple[str, ...] = ()


@dataclass(frozen=True)
class GapKind:
    """One kind of coordination gap, under one name.

    Attributes
    ----------
    name
        The kind (``"referrals"``): the ``gap`` value of the comparison.
    pl, en
        What one gap of the kind is, in Polish and English.
    on_map
        Whether maps draw it as a layer (named :attr:`layer`).
    """

    name: str
    pl: str
    en: str
    on_map: bool = False

    @property
    def result(self) -> str:
        """The analysis result that lists the gaps (``"gaps_referrals"``)."""
        return f"gaps_{self.name}"

    @property
    def layer(self) -> str:
        """The map layer that draws them (``"gap_referrals"``)."""
        return f"gap_{self.name}"


#: Every gap kind, in the order the comparison lists them.
GAP_KINDS: Final[Mapping[str, GapKind]] = MappingProxyType(
    {
        kind.name: kind
        for kind in (
            GapKind(
                "co_serving",
                "wspólne rodziny bez współpracy",
                "shared families, no cooperation",
                on_map=True,
            ),
            GapKind(
                "sector",
                "brak sektora lub powiązania w gminie",
                "sector absent or untied in a gmina",
                on_map=True,
            ),
            GapKind("referrals", "skierowania bez odpowiedzi", "unanswered referrals", on_map=True),
            GapKind("uncoordinated", "rodziny bez koordynacji", "uncoordinated families"),
            GapKind("group_coverage", "sektor nieobecny w grupie", "sector missing from a group"),
        )
    }
)


@dataclass(frozen=True)
class ResultOption:
    """The option that asks for an optional result.

    Attributes
    ----------
    keyword
        The keyword argument of :func:`~kokon_graph.analysis.run_all` (and of the
        functions that pass theirs on to it) that asks for the result; ``None``
        (its default) leaves it out.
    cli
        The ``kokon-graph analyze`` (and ``report``) option with its value.
    example
        A value that asks for it (docs and tests).
    """

    keyword: str
    cli: str
    example: float


@dataclass(frozen=True)
class Result:
    """Everything the readers of one result need to know about it.

    Attributes
    ----------
    name
        The key in :func:`~kokon_graph.analysis.run_all`'s answer and the CSV file's name.
    doc
        Long titles in Polish and English and what one row is.
    sheet
        Short Polish and English titles (they fit a 31-character sheet name).
    columns
        The columns in order, each with its headers and meaning (empty for the
        comparison tables, whose columns the report layer names itself).
    dtypes
        The dtype of each column (``"str"``, ``"int64"``, ``"float64"``, ``"bool"``).
    suppression
        The counts about families, hidden below the threshold.
    in_report
        Whether the report shows it as a table (in :data:`REGISTRY` order);
        ``network`` is the report's summary instead.
    gap
        The gap kind it lists, if it is one.
    option
        For an optional result, the option that asks for it; ``None`` for a result
        that is always computed.
    """

    name: str
    doc: ResultDoc
    sheet: tuple[str, str]
    columns: Mapping[str, ColumnDoc] = field(default_factory=dict)
    dtypes: Mapping[str, Dtype] = field(default_factory=dict)
    suppression: Suppression = Suppression()
    in_report: bool = True
    gap: GapKind | None = None
    option: ResultOption | None = None

    @property
    def optional(self) -> bool:
        """Whether it is computed only when its :attr:`option` is given."""
        return self.option is not None

    def title(self, lang: str) -> str:
        """The short title in ``lang`` (``"pl"`` or ``"en"``)."""
        return self.sheet[0] if lang == "pl" else self.sheet[1]

    def label(self, column: str, lang: str) -> str:
        """The header of ``column`` in ``lang`` (the column's name if it is not documented)."""
        doc = self.columns.get(column)
        if doc is None:
            return column
        return doc.pl if lang == "pl" else doc.en

    @property
    def int_columns(self) -> tuple[str, ...]:
        """The ``int64`` columns."""
        return tuple(c for c, t in self.dtypes.items() if t == "int64")


def _dtypes(
    name: str,
    *,
    int64: Iterable[str] = (),
    float64: Iterable[str] = (),
    bool_: Iterable[str] = (),
) -> dict[str, Dtype]:
    """Every documented column of ``name`` typed ``str`` unless listed."""
    typed: dict[str, Dtype] = {
        **dict.fromkeys(int64, "int64"),
        **dict.fromkeys(float64, "float64"),
        **dict.fromkeys(bool_, "bool"),
    }
    unknown = set(typed) - set(COLUMNS[name])
    if unknown:  # pragma: no cover - caught at import by every test
        raise AssertionError(f"{name}: typed columns not documented: {sorted(unknown)}")
    return {column: typed.get(column, "str") for column in COLUMNS[name]}


_REFERRAL_COUNTS = ("referrals", "answered", "unanswered", "rejected")
_REFERRAL_RATES = ("answer_rate", "median_days", "p90_days")
#: referrals = answered + unanswered, answer_rate = answered / referrals
_REFERRAL_COMPLEMENTS = ("referrals", "answered", "unanswered", "answer_rate")
_TERRITORY_INTS = ("institutions", "ties", "isolates", "components")
_TERRITORY_FLOATS = (
    "density",
    "reciprocity_arc",
    "reciprocity_dyad",
    "transitivity",
    "avg_clustering",
    "centralization_degree_sym",
    "ei_index",
)
_ROLES = ("coordinator", "itinerant", "gatekeeper", "representative", "liaison", "total")


def _analysis(
    name: str,
    doc: ResultDoc,
    sheet: tuple[str, str],
    *,
    int64: Iterable[str] = (),
    float64: Iterable[str] = (),
    bool_: Iterable[str] = (),
    suppression: Suppression = Suppression(),
    in_report: bool = True,
    gap: str | None = None,
    option: ResultOption | None = None,
) -> Result:
    """A result of the analysis; its columns are documented in ``COLUMNS[name]``."""
    return Result(
        name=name,
        doc=doc,
        sheet=sheet,
        columns=MappingProxyType(COLUMNS[name]),
        dtypes=MappingProxyType(_dtypes(name, int64=int64, float64=float64, bool_=bool_)),
        suppression=suppression,
        in_report=in_report,
        gap=GAP_KINDS[gap] if gap is not None else None,
        option=option,
    )


_D = ResultDoc

#: Every result of :func:`~kokon_graph.analysis.run_all`, in the order it returns and writes them
#: (an optional one only when its option is given: :func:`analysis_results`).
ANALYSIS_RESULTS: Final[tuple[Result, ...]] = (
    _analysis(
        "network",
        _D("Miary sieci", "Network measures", "one row: the whole network in scope"),
        ("Miary sieci", "Network measures"),
        int64=(
            "institutions",
            "ties",
            "edges_sym",
            "mutual_dyads",
            "asymmetric_dyads",
            "isolates",
            "components",
            "strong_components",
            "largest_component",
            "pairs_cooperation",
            "pairs_referral",
            "pairs_comembership",
            "tied_pairs",
            "multiplex_pairs",
            "communities_louvain",
            "communities_leiden",
            "groups",
            "memberships",
        ),
        float64=(
            "density",
            "density_sym",
            "reciprocity_arc",
            "reciprocity_dyad",
            "diameter",
            "avg_path_length",
            "diameter_sym",
            "avg_path_length_sym",
            "transitivity",
            "avg_clustering",
            "centralization_in_degree",
            "centralization_out_degree",
            "centralization_degree",
            "centralization_degree_sym",
            "centralization_betweenness",
            "centralization_betweenness_sym",
            "centralization_closeness",
            "centralization_closeness_ucinet",
            "ei_index",
            "multiplexity",
            "twomode_density",
            "krackhardt_connectedness",
            "krackhardt_hierarchy",
            "krackhardt_efficiency",
            "krackhardt_lub",
            "modularity_louvain",
            "modularity_leiden",
        ),
        in_report=False,
    ),
    _analysis(
        "network_territories",
        _D(
            "Miary sieci według terytoriów",
            "Network measures by territory",
            "one row per powiat (per gmina in a powiat or gmina scope)",
        ),
        ("Miary sieci wg terytoriów", "Network by territory"),
        int64=_TERRITORY_INTS,
        float64=_TERRITORY_FLOATS,
    ),
    _analysis(
        "centrality",
        _D("Centralność", "Centrality", "one row per institution"),
        ("Centralność", "Centrality"),
        int64=("degree", "in_degree", "out_degree", "degree_sym"),
        float64=tuple(
            c
            for c in COLUMNS["centrality"]
            if c not in ("id", "name", "type", "sector", "teryt")
            and c not in ("degree", "in_degree", "out_degree", "degree_sym")
            and not c.endswith("_method")
        ),
    ),
    _analysis(
        "weighted_paths",
        _D(
            "Ścieżki ważone siłą więzi (Opsahl)",
            "Weighted paths (Opsahl)",
            "one row per institution: closeness and betweenness with tie lengths 1/w^α "
            "(Opsahl, Agneessens & Skvoretz 2010), beside the unweighted ones of `centrality`",
        ),
        ("Ścieżki ważone", "Weighted paths"),
        float64=(
            "alpha",
            "closeness_weighted",
            "betweenness_weighted",
            "betweenness_weighted_raw",
        ),
        option=ResultOption("weighted_alpha", "--weighted-paths ALPHA", 0.5),
    ),
    _analysis(
        "brokerage",
        _D(
            "Pośrednictwo (Gould–Fernandez)",
            "Brokerage (Gould–Fernandez)",
            "one row per institution",
        ),
        ("Pośrednictwo", "Brokerage"),
        int64=_ROLES,
        float64=("ei_index", "ei_index_arcs"),
    ),
    _analysis(
        "brokerage_groups",
        _D("Pośrednictwo według grup", "Brokerage by group", "one row per group of the partition"),
        ("Pośrednictwo wg sektorów", "Brokerage by group"),
        int64=("institutions", *_ROLES),
    ),
    _analysis(
        "holes",
        _D("Luki strukturalne (Burt)", "Structural holes (Burt)", "one row per institution"),
        ("Dziury strukturalne", "Structural holes"),
        int64=("contacts",),
        float64=tuple(c for c in COLUMNS["holes"] if c.startswith(("eff", "constraint", "hier"))),
    ),
    _analysis(
        "mixing",
        _D(
            "Powiązania między sektorami",
            "Mixing between groups",
            "one row per (source, target) group pair",
        ),
        ("Mieszanie sektorów", "Sector mixing"),
        int64=("ties",),
        float64=("share", "expected", "ratio"),
    ),
    _analysis(
        "mixing_groups",
        _D("Indeks E-I według grup", "E-I index by group", "one row per group of the partition"),
        ("Indeks E-I wg sektorów", "E-I index by group"),
        int64=("institutions", "internal", "external"),
        float64=("ei_index",),
    ),
    _analysis(
        "communities",
        _D("Społeczności", "Communities", "one row per institution"),
        ("Społeczności", "Communities"),
        int64=("community", "community_size", "community_leiden", "community_leiden_size"),
    ),
    _analysis(
        "communities_sectors",
        _D("Skład społeczności", "Community make-up", "one row per (method, community, group)"),
        ("Skład społeczności", "Community make-up"),
        int64=("community", "community_size", "institutions"),
        float64=("share",),
    ),
    _analysis(
        "cohesion",
        _D("Spójność i kruchość", "Cohesion and fragility", "one row per institution"),
        ("Spójność", "Cohesion"),
        int64=("component", "component_size", "bridges", "core_number", "pairs_lost"),
        float64=("reach_loss",),
        bool_=("articulation_point",),
    ),
    _analysis(
        "bridges",
        _D("Mosty", "Bridges", "one row per bridge tie"),
        ("Mosty", "Bridges"),
        int64=("pairs_lost",),
    ),
    _analysis(
        "ego",
        _D("Sieci ego", "Ego networks", "one row per institution"),
        ("Sieci ego", "Ego networks"),
        int64=("size", "ties", "pairs", "weak_components", "brokerage"),
        float64=(
            "density",
            "avg_distance",
            "diameter",
            "weak_components_share",
            "two_step_reach",
            "reach_efficiency",
            "brokerage_norm",
        ),
    ),
    _analysis(
        "clustering",
        _D(
            "Skupienie, HITS i kliki",
            "Clustering, HITS and cliques",
            "one row per institution",
        ),
        ("Skupienie i kliki", "Clustering and cliques"),
        int64=("cliques",),
        float64=("clustering", "clustering_directed", "clustering_ego", "hub", "authority"),
    ),
    _analysis(
        "twomode",
        _D(
            "Sieć dwudzielna: instytucje i grupy",
            "Two-mode network: institutions and groups",
            "one row per institution, then one per group",
        ),
        ("Sieć dwudzielna", "Two-mode network"),
        int64=("degree",),
        float64=(
            "degree_norm",
            "closeness",
            "closeness_norm",
            "betweenness",
            "betweenness_norm",
            "eigenvector",
        ),
    ),
    _analysis(
        "twomode_overlaps",
        _D(
            "Wspólne grupy i wspólni członkowie",
            "Shared groups and shared members",
            "one row per pair of institutions sharing a group, then per pair of groups "
            "sharing a member",
        ),
        ("Wspólne grupy i członkowie", "Shared groups and members"),
        int64=("overlap",),
    ),
    _analysis(
        "gaps_co_serving",
        _D(
            "Wspólne rodziny bez współpracy",
            "Shared families without a tie",
            "one row per pair of institutions sharing families without a cooperation tie",
        ),
        ("Luki - wspólne rodziny", "Gaps - shared families"),
        int64=("shared_families",),
        suppression=Suppression(counts=("shared_families",)),
        gap="co_serving",
    ),
    _analysis(
        "gaps_sector",
        _D(
            "Luki sektorowe w gminach",
            "Sector gaps in gminas",
            "one row per (gmina, missing sector)",
        ),
        ("Luki - sektory", "Gaps - sectors"),
        int64=("institutions",),
        gap="sector",
    ),
    _analysis(
        "gaps_referrals",
        _D(
            "Skierowania między instytucjami",
            "Referrals between institutions",
            "one row per (referring, receiving) pair",
        ),
        ("Luki - skierowania", "Gaps - referrals"),
        int64=_REFERRAL_COUNTS,
        float64=_REFERRAL_RATES,
        suppression=Suppression(
            _REFERRAL_COUNTS, "referrals", _REFERRAL_RATES, _REFERRAL_COMPLEMENTS
        ),
        gap="referrals",
    ),
    _analysis(
        "gaps_referral_targets",
        _D(
            "Skierowania według adresata",
            "Referrals by receiving institution",
            "one row per receiving institution",
        ),
        ("Luki - adresaci skierowań", "Gaps - referral targets"),
        int64=(*_REFERRAL_COUNTS, "dead_ends"),
        float64=_REFERRAL_RATES,
        suppression=Suppression(
            (*_REFERRAL_COUNTS, "dead_ends"), "referrals", _REFERRAL_RATES, _REFERRAL_COMPLEMENTS
        ),
    ),
    _analysis(
        "gaps_uncoordinated",
        _D("Rodziny bez koordynacji", "Uncoordinated families", "one row per gmina (counts only)"),
        ("Luki - brak koordynacji", "Gaps - uncoordinated"),
        int64=("families", "families_min_services", "uncoordinated"),
        suppression=Suppression(counts=("families", "families_min_services", "uncoordinated")),
        gap="uncoordinated",
    ),
    _analysis(
        "gaps_group_coverage",
        _D(
            "Sektory nieobecne w zespołach",
            "Sectors missing from groups",
            "one row per (group, missing sector)",
        ),
        ("Luki - skład grup", "Gaps - group coverage"),
        int64=("institutions",),
        gap="group_coverage",
    ),
    _analysis(
        "recommendations",
        _D(
            "Rekomendowane powiązania",
            "Recommended ties",
            "one row per recommended tie, best first",
        ),
        ("Rekomendacje", "Recommendations"),
        int64=("shared_families", "sector_gaps_closed"),
        float64=("score",),
        bool_=("bridges_communities", "bridges_sectors"),
        suppression=Suppression(counts=("shared_families",), sums=("score",)),
    ),
    _analysis(
        "survey_waves",
        _D(
            "Fale badania ankietowego",
            "Survey waves",
            "one row per survey wave in scope: how its ties were made, its trust and value",
        ),
        ("Fale badania", "Survey waves"),
        int64=("asked", "answered", "ties"),
        float64=("response_rate", "one_sided_share", "trust", "value"),
    ),
    _analysis(
        "trust",
        _D(
            "Zaufanie i wartość wg partnerów",
            "Trust and value as partners rate them",
            "one row per institution its partners rated, lowest trust first",
        ),
        ("Zaufanie i wartość", "Trust and value"),
        int64=("raters",),
        float64=("trust", "value", *(name for name, _pl, _what in RATING_COLUMNS)),
    ),
    _analysis(
        "trust_pairs",
        _D(
            "Pary o rozbieżnych ocenach",
            "Pairs that see each other differently",
            "one row per pair that rated each other, largest disagreement first",
        ),
        ("Rozbieżne oceny", "Disagreeing pairs"),
        float64=("trust_source", "trust_target", "value_source", "value_target", "disagreement"),
    ),
)


def _comparison(name: str, pl: str, en: str, suppression: Suppression = Suppression()) -> Result:
    return Result(name, ResultDoc(pl, en, ""), (pl, en), suppression=suppression)


#: The tables of :func:`~kokon_graph.analysis.compare.compare_networks`, in report order.
COMPARISON_RESULTS: Final[tuple[Result, ...]] = (
    _comparison("network_change", "Zmiana miar sieci", "Network measure change"),
    _comparison("ties_by_sector", "Zmiana więzi wg sektorów", "Tie change by sector"),
    _comparison("tie_changes", "Więzi zyskane i utracone", "Ties gained and lost"),
    _comparison("centrality_change", "Zmiana centralności", "Centrality change"),
    _comparison(
        "gap_changes",
        "Luki zamknięte i otwarte",
        "Gaps closed and opened",
        # counts of shared families, unanswered referrals, uncoordinated families
        Suppression(counts=("count_before", "count_after")),
    ),
    _comparison("territory_change", "Zmiana wg terytoriów", "Change by territory"),
    Result(
        "change_tests",
        ResultDoc(
            "Czy zmiana jest istotna: testy permutacyjne",
            "Is the change real: permutation tests",
            "one row per test of the change between two waves of one dataset",
        ),
        ("Testy zmiany", "Tests of change"),
        columns=MappingProxyType(
            {
                "statistic": ColumnDoc(
                    "miara", "statistic", "density, reciprocity or the QAP correlation"
                ),
                "before": ColumnDoc("przed", "before", "Value in the earlier wave"),
                "after": ColumnDoc("po", "after", "Value in the later wave"),
                "observed": ColumnDoc(
                    "wynik",
                    "observed",
                    "After minus before; for the correlation Pearson's r of the two waves",
                ),
                "p_value": ColumnDoc(
                    "p",
                    "p",
                    "Two-sided permutation p-value",
                    "(1 + #{|permuted| ≥ |observed|}) / (1 + N)",
                ),
                "p_greater": ColumnDoc("p (większe)", "p (greater)", "One-sided: permuted ≥"),
                "p_less": ColumnDoc("p (mniejsze)", "p (less)", "One-sided: permuted ≤"),
                "mc_error": ColumnDoc(
                    "błąd Monte Carlo p",
                    "Monte Carlo error of p",
                    "Standard error of p from the finite number of permutations",
                    "√(p (1 − p) / N)",
                ),
                "share_below": ColumnDoc(
                    "odsetek przetasowań poniżej",
                    "share of relabelings below",
                    "Share of permuted statistics below the observed one",
                ),
                "share_above": ColumnDoc(
                    "odsetek przetasowań powyżej",
                    "share of relabelings above",
                    "Share of permuted statistics above the observed one",
                ),
                "permutations": ColumnDoc("permutacje", "permutations", "Relabelings drawn"),
                "seed": ColumnDoc("ziarno", "seed", "Seed of the random relabelings"),
                "actors": ColumnDoc("instytucje", "institutions", "Institutions in the test"),
                "sentence_pl": ColumnDoc("wniosek", "conclusion", "The result in words"),
                "sentence_en": ColumnDoc("wniosek", "conclusion", "The result in words"),
            }
        ),
    ),
)

#: Every result by name: the analysis' first, then the comparison's.
REGISTRY: Final[Mapping[str, Result]] = MappingProxyType(
    {r.name: r for r in (*ANALYSIS_RESULTS, *COMPARISON_RESULTS)}
)

#: Long titles of the analysis results (``docs/measures.md``).
RESULTS: Final[Mapping[str, ResultDoc]] = MappingProxyType(
    {r.name: r.doc for r in ANALYSIS_RESULTS}
)


def result(name: str) -> Result:
    """The :class:`Result` called ``name``.

    Raises
    ------
    KeyError
        If no result has that name.
    """
    return REGISTRY[name]


def report_results() -> tuple[Result, ...]:
    """The analysis results a report shows as tables, in order (an optional one only
    where it was computed: the report shows the results it is given)."""
    return tuple(r for r in ANALYSIS_RESULTS if r.in_report)


#: The optional analysis results, each computed only when its option is given.
OPTIONAL_RESULTS: Final[tuple[Result, ...]] = tuple(r for r in ANALYSIS_RESULTS if r.optional)


def analysis_results(computed: Iterable[str] = ()) -> tuple[Result, ...]:
    """The analysis results, in order: every one that is always computed, and those of the
    optional ones named in ``computed`` (e.g. the keys of a :func:`run_all` answer).

    >>> len(analysis_results(["weighted_paths"])) - len(analysis_results())
    1
    """
    asked = set(computed)
    return tuple(r for r in ANALYSIS_RESULTS if not r.optional or r.name in asked)


# ------------------------------------------------------------------ docs/measures.md


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def render_markdown() -> str:
    """The column reference of ``docs/measures.md`` (one table per analysis result)."""
    lines: list[str] = []
    for res in ANALYSIS_RESULTS:
        lines += [
            f"### `{res.name}` — {res.doc.en}",
            "",
            f"*{res.doc.pl}*; {res.doc.description}. File: `{res.name}.csv`.",
            "",
            *(
                [
                    f"Optional: computed and written only when asked for, with "
                    f"`kokon-graph analyze` (or `report`) `{res.option.cli}` or "
                    f"`run_all(..., {res.option.keyword}={res.option.example})`.",
                    "",
                ]
                if res.option is not None
                else []
            ),
            "| column | Polski | English | meaning | formula | reference |",
            "|---|---|---|---|---|---|",
        ]
        for col, doc in res.columns.items():
            lines.append(
                f"| `{col}` | {_cell(doc.pl)} | {_cell(doc.en)} | {_cell(doc.description)} | "
                f"{_cell(doc.formula)} | {_cell(doc.reference)} |"
            )
        lines.append("")
    return "\n".join(lines)


BEGIN_MARK: Final = "<!-- BEGIN GENERATED COLUMNS: python scripts/gen_dataset_docs.py -->"
END_MARK: Final = "<!-- END GENERATED COLUMNS -->"


def update_markdown(text: str) -> str:
    """``text`` (the content of ``docs/measures.md``) with its generated part rewritten."""
    head, sep, rest = text.partition(BEGIN_MARK)
    if not sep:
        raise ValueError(f"no {BEGIN_MARK!r} marker in the document")
    _, sep2, tail = rest.partition(END_MARK)
    if not sep2:
        raise ValueError(f"no {END_MARK!r} marker in the document")
    return f"{head}{BEGIN_MARK}\n\n{render_markdown()}\n{END_MARK}{tail}"
