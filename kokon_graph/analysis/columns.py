"""What every column of every analysis result means, in Polish and English.

:data:`COLUMNS` maps each result name (the keys of
:func:`kokon_graph.analysis.run_all`) to its columns, in order, each with a
:class:`ColumnDoc`: the Polish and English header, a one-line description and,
for measures, the formula and a reference. Reports use it for headers and the
sheet that explains the columns, maps for tooltips, and ``docs/measures.md``
is generated from it; :mod:`kokon_graph.analysis.results` joins them with the
other facts about each result (dtypes, suppression, titles, gap kind), and a
test keeps all of it in step with the results.

>>> COLUMNS["centrality"]["betweenness"].pl
'pośrednictwo (znormalizowane)'
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from kokon_graph.analysis._columns_pl import polish_description
from kokon_graph.model import Lang

__all__ = [
    "COLUMNS",
    "ColumnDoc",
    "label",
]


@dataclass(frozen=True)
class ColumnDoc:
    """One column of a result.

    Attributes
    ----------
    pl, en
        Header in Polish and English.
    description
        One line, in English.
    formula
        For measures: how it is computed (plain text, may use Unicode maths).
    reference
        For measures: where the definition comes from.
    description_pl
        The description in Polish (by default from the catalogue of
        :mod:`kokon_graph.analysis._columns_pl`, keyed by the English line).
    """

    pl: str
    en: str
    description: str
    formula: str = ""
    reference: str = ""
    description_pl: str = ""

    def __post_init__(self) -> None:
        if not self.description_pl:
            object.__setattr__(self, "description_pl", polish_description(self.description))

    def describe(self, lang: Lang) -> str:
        """The description in ``lang`` (what a report's column guide shows)."""
        return self.description_pl if lang == "pl" else self.description


# ------------------------------------------------------------------ references

FREEMAN_1978 = (
    "Freeman (1978), Centrality in social networks, Social Networks 1(3):215–239, "
    "doi:10.1016/0378-8733(78)90021-7"
)
WF_1994 = "Wasserman & Faust (1994), Social Network Analysis, Cambridge UP, ch. 4–5"
BRANDES_2001 = (
    "Brandes (2001), A faster algorithm for betweenness centrality, J. Math. Sociol. "
    "25(2):163–177, doi:10.1080/0022250X.2001.9990249"
)
BRANDES_PICH_2007 = (
    "Brandes & Pich (2007), Centrality estimation in large networks, Int. J. Bifurcation "
    "and Chaos 17(7):2303–2318, doi:10.1142/S0218127407018403"
)
MARCHIORI_2000 = (
    "Marchiori & Latora (2000), Harmony in the small-world, Physica A 285:539–546, "
    "doi:10.1016/S0378-4371(00)00311-3"
)
BONACICH_1987 = (
    "Bonacich (1987), Power and centrality, Am. J. Sociol. 92(5):1170–1182, doi:10.1086/228631"
)
PAGE_1999 = "Page, Brin, Motwani & Winograd (1999), The PageRank citation ranking, Stanford TR"
GF_1989 = (
    "Gould & Fernandez (1989), Structures of mediation, Sociological Methodology 19:89–126, "
    "doi:10.2307/270949"
)
BURT_1992 = "Burt (1992), Structural Holes, Harvard UP, ch. 2, doi:10.4159/9780674029095"
KS_1988 = (
    "Krackhardt & Stern (1988), Informal networks and organizational crises, Soc. Psychol. Q. "
    "51(2):123–140, doi:10.2307/2786835"
)
HT_1973 = (
    "Hopcroft & Tarjan (1973), Efficient algorithms for graph manipulation, CACM 16(6):372–378, "
    "doi:10.1145/362248.362272"
)
SEIDMAN_1983 = (
    "Seidman (1983), Network structure and minimum degree, Social Networks 5(3):269–287, "
    "doi:10.1016/0378-8733(83)90028-X"
)
BORGATTI_2006 = (
    "Borgatti (2006), Identifying sets of key players, Comput. Math. Organ. Theory 12:21–34, "
    "doi:10.1007/s10588-006-7084-x"
)
BLONDEL_2008 = (
    "Blondel et al. (2008), Fast unfolding of communities in large networks, J. Stat. Mech. "
    "P10008, doi:10.1088/1742-5468/2008/10/P10008"
)
TRAAG_2019 = (
    "Traag, Waltman & van Eck (2019), From Louvain to Leiden, Sci. Rep. 9:5233, "
    "doi:10.1038/s41598-019-41695-z"
)
NEWMAN_2006 = (
    "Newman (2006), Modularity and community structure in networks, PNAS 103(23):8577–8582, "
    "doi:10.1073/pnas.0601602103"
)
VERBRUGGE_1979 = (
    "Verbrugge (1979), Multiplexity in adult friendships, Social Forces 57(4):1286–1309, "
    "doi:10.2307/2577271"
)
WATTS_1998 = (
    "Watts & Strogatz (1998), Collective dynamics of small-world networks, Nature 393:440–442, "
    "doi:10.1038/30918"
)

BE_1997 = (
    "Borgatti & Everett (1997), Network analysis of 2-mode data, Social Networks 19(3):243–269, "
    "doi:10.1016/S0378-8733(96)00301-2"
)
UCINET_EGO = (
    "UCINET help, Network > Ego Networks > Basic Measures (Borgatti, Everett & Freeman 2002); "
    "Hanneman & Riddle (2005), Introduction to Social Network Methods, ch. 9"
)

KRACKHARDT_1994 = (
    "Krackhardt (1994), Graph theoretical dimensions of informal organizations, in Carley & "
    "Prietula (eds.), Computational Organization Theory, 89–111"
)
FAGIOLO_2007 = (
    "Fagiolo (2007), Clustering in complex directed networks, Phys. Rev. E 76:026107, "
    "doi:10.1103/PhysRevE.76.026107"
)
KLEINBERG_1999 = (
    "Kleinberg (1999), Authoritative sources in a hyperlinked environment, J. ACM 46(5):604–632, "
    "doi:10.1145/324133.324140"
)

_C = ColumnDoc

# ------------------------------------------------------------------ shared columns

_INSTITUTION: Final = {
    "id": _C("identyfikator", "id", "institution id, as in the institutions table"),
    "name": _C("nazwa", "name", "institution name"),
    "type": _C("typ", "type", "institution type (code of the institution-type vocabulary)"),
    "sector": _C("sektor", "sector", "sector (code of the sector vocabulary)"),
    "teryt": _C("TERYT", "TERYT", "TERYT code of where the institution is located"),
}

_METHOD_NOTE = "'exact', or 'sampled (k pivots, seed s)' when estimated from k random pivot sources"

_CENTRALITY: Final = {
    **_INSTITUTION,
    "degree": _C(
        "stopień",
        "degree",
        "ties sent plus ties received (directed view, unweighted)",
        "in_degree + out_degree",
        FREEMAN_1978,
    ),
    "in_degree": _C(
        "stopień wejściowy",
        "in-degree",
        "institutions reporting a tie to this one",
        "Σ_j a_ji",
        FREEMAN_1978,
    ),
    "out_degree": _C(
        "stopień wyjściowy",
        "out-degree",
        "institutions this one reports a tie to",
        "Σ_j a_ij",
        FREEMAN_1978,
    ),
    "degree_sym": _C(
        "liczba partnerów",
        "partners",
        "institutions tied in either direction (symmetrised)",
        "Σ_j max(a_ij, a_ji)",
        FREEMAN_1978,
    ),
    "degree_norm": _C(
        "stopień (znormalizowany)",
        "degree (normalised)",
        "degree divided by its maximum",
        "(in_degree + out_degree) / (2(n − 1))",
        FREEMAN_1978,
    ),
    "in_degree_norm": _C(
        "stopień wejściowy (znormalizowany)",
        "in-degree (normalised)",
        "in-degree divided by its maximum",
        "in_degree / (n − 1)",
        FREEMAN_1978,
    ),
    "out_degree_norm": _C(
        "stopień wyjściowy (znormalizowany)",
        "out-degree (normalised)",
        "out-degree divided by its maximum",
        "out_degree / (n − 1)",
        FREEMAN_1978,
    ),
    "degree_sym_norm": _C(
        "liczba partnerów (znormalizowana)",
        "partners (normalised)",
        "share of the other institutions tied in either direction "
        "(networkx degree_centrality of the symmetrised graph)",
        "degree_sym / (n − 1)",
        FREEMAN_1978,
    ),
    "strength": _C(
        "siła powiązań",
        "strength",
        "sum of the weights of ties sent and received",
        "Σ_j w_ij + Σ_j w_ji",
        "Barrat et al. (2004), PNAS 101(11):3747–3752",
    ),
    "in_strength": _C(
        "siła powiązań wejściowych",
        "in-strength",
        "sum of the weights of ties received",
        "Σ_j w_ji",
        "Barrat et al. (2004), PNAS 101(11):3747–3752",
    ),
    "out_strength": _C(
        "siła powiązań wyjściowych",
        "out-strength",
        "sum of the weights of ties sent",
        "Σ_j w_ij",
        "Barrat et al. (2004), PNAS 101(11):3747–3752",
    ),
    "betweenness": _C(
        "pośrednictwo (znormalizowane)",
        "betweenness (normalised)",
        "share of shortest directed paths between other institutions passing through this one; "
        "empty (undefined, 0/0) with fewer than 3 institutions",
        "Σ_{s≠v≠t} σ_st(v)/σ_st over ordered pairs, divided by (n − 1)(n − 2)",
        f"{FREEMAN_1978}; {BRANDES_2001}",
    ),
    "betweenness_raw": _C(
        "pośrednictwo (surowe)",
        "betweenness (raw)",
        "directed betweenness before normalisation",
        "Σ_{s≠v≠t} σ_st(v)/σ_st over ordered pairs (s, t)",
        BRANDES_2001,
    ),
    "betweenness_sym": _C(
        "pośrednictwo symetryczne (znormalizowane)",
        "symmetrised betweenness (normalised)",
        "betweenness on the symmetrised graph (networkx normalized=True); empty with fewer "
        "than 3 institutions",
        "2 · betweenness_sym_raw / ((n − 1)(n − 2))",
        f"{FREEMAN_1978}; {BRANDES_2001}",
    ),
    "betweenness_sym_raw": _C(
        "pośrednictwo symetryczne (surowe)",
        "symmetrised betweenness (raw)",
        "betweenness on the symmetrised graph, each unordered pair counted once "
        "(networkx normalized=False; UCINET's undirected value)",
        "Σ_{s<t, s,t≠v} σ_st(v)/σ_st",
        BRANDES_2001,
    ),
    "betweenness_method": _C(
        "metoda pośrednictwa",
        "betweenness method",
        f"how betweenness was computed: {_METHOD_NOTE}",
        "",
        BRANDES_PICH_2007,
    ),
    "closeness": _C(
        "bliskość",
        "closeness",
        "closeness on the symmetrised graph with the Wasserman–Faust correction for "
        "unreachable actors (networkx closeness_centrality)",
        "((r − 1)/(n − 1)) · ((r − 1)/Σ_reachable d(v, u)), r = size of v's component",
        WF_1994,
    ),
    "closeness_harmonic": _C(
        "bliskość harmoniczna",
        "harmonic closeness",
        "mean inverse distance to the other institutions, symmetrised graph",
        "Σ_{u≠v} 1/d(v, u) / (n − 1), 1/∞ = 0",
        MARCHIORI_2000,
    ),
    "closeness_ucinet": _C(
        "bliskość (UCINET)",
        "closeness (UCINET)",
        "closeness on the symmetrised graph counting an unreachable institution at distance n "
        "(UCINET, ORA)",
        "(n − 1) / Σ_{u≠v} d(v, u), d = n if unreachable",
        FREEMAN_1978,
    ),
    "closeness_unscaled": _C(
        "bliskość nieskalowana (1/oddalenie)",
        "unscaled closeness (1/farness)",
        "inverse farness on the symmetrised graph, unreachable at distance n (ORA's unscaled "
        "closeness; UCINET's closeness divided by n − 1)",
        "1 / Σ_{u≠v} d(v, u), d = n if unreachable",
        FREEMAN_1978,
    ),
    "closeness_in_harmonic": _C(
        "bliskość wejściowa harmoniczna",
        "harmonic in-closeness",
        "mean inverse directed distance from the other institutions to this one",
        "Σ_{u≠v} 1/d(u, v) / (n − 1)",
        MARCHIORI_2000,
    ),
    "closeness_in_ucinet": _C(
        "bliskość wejściowa (UCINET)",
        "in-closeness (UCINET)",
        "in-closeness counting an unreachable institution at distance n",
        "(n − 1) / Σ_{u≠v} d(u, v), d = n if unreachable",
        FREEMAN_1978,
    ),
    "closeness_in_wf": _C(
        "bliskość wejściowa (Wasserman–Faust)",
        "in-closeness (Wasserman–Faust)",
        "in-closeness over the institutions that reach this one, scaled by their share "
        "(networkx closeness_centrality of the directed graph)",
        "(r/(n − 1)) · (r/Σ d(u, v)), r = institutions reaching v",
        WF_1994,
    ),
    "closeness_out_harmonic": _C(
        "bliskość wyjściowa harmoniczna",
        "harmonic out-closeness",
        "mean inverse directed distance from this institution to the others",
        "Σ_{u≠v} 1/d(v, u) / (n − 1)",
        MARCHIORI_2000,
    ),
    "closeness_out_ucinet": _C(
        "bliskość wyjściowa (UCINET)",
        "out-closeness (UCINET)",
        "out-closeness counting an unreachable institution at distance n",
        "(n − 1) / Σ_{u≠v} d(v, u), d = n if unreachable",
        FREEMAN_1978,
    ),
    "closeness_out_wf": _C(
        "bliskość wyjściowa (Wasserman–Faust)",
        "out-closeness (Wasserman–Faust)",
        "out-closeness over the institutions this one reaches, scaled by their share",
        "(r/(n − 1)) · (r/Σ d(v, u)), r = institutions v reaches",
        WF_1994,
    ),
    "closeness_method": _C(
        "metoda bliskości",
        "closeness method",
        f"how closeness was computed: {_METHOD_NOTE}",
        "",
        "Eppstein & Wang (2004), J. Graph Algorithms Appl. 8(1):39–45",
    ),
    "eigenvector": _C(
        "centralność wektora własnego",
        "eigenvector centrality",
        "leading eigenvector of the symmetrised adjacency matrix, unit Euclidean norm "
        "(networkx eigenvector_centrality); empty (undefined) when there are no ties",
        "λ x = A x, ‖x‖ = 1",
        BONACICH_1987,
    ),
    "eigenvector_scaled": _C(
        "centralność wektora własnego (skalowana)",
        "eigenvector centrality (scaled)",
        "eigenvector × √2: the share of the largest value a unit-norm eigenvector can take "
        "(1/√2, the centre of a star); UCINET's normalised eigenvector divided by 100",
        "√2 · x",
        BONACICH_1987,
    ),
    "eigenvector_max1": _C(
        "centralność wektora własnego (maks. 1)",
        "eigenvector centrality (max 1)",
        "eigenvector divided by its largest value (igraph eigen_centrality, scale=TRUE; "
        "statnet sna evcent rescaled)",
        "x / max(x)",
        BONACICH_1987,
    ),
    "pagerank": _C(
        "PageRank",
        "PageRank",
        "PageRank of the directed graph, unweighted, damping 0.85",
        "x = 0.85 (Pᵀ x + dangling/n) + 0.15/n, Σ x = 1",
        PAGE_1999,
    ),
    "pagerank_weighted": _C(
        "PageRank ważony",
        "weighted PageRank",
        "PageRank with ties weighted by strength",
        "as pagerank with P_ij = w_ij / Σ_k w_ik",
        PAGE_1999,
    ),
}

_ROLE_REF = f"{GF_1989}; UCINET Network > Ego networks > Brokerage; R sna::brokerage"

_BROKERAGE: Final = {
    **_INSTITUTION,
    "group": _C(
        "grupa", "group", "the institution's value of the partition attribute (sector by default)"
    ),
    "coordinator": _C(
        "koordynator",
        "coordinator",
        "open two-paths a→b→c through b with a, b, c all in b's group",
        "#{a→b→c, a↛c, a≠c: G(a) = G(b) = G(c)} (w_I)",
        _ROLE_REF,
    ),
    "itinerant": _C(
        "konsultant",
        "itinerant (consultant)",
        "open two-paths where a and c share a group other than b's",
        "#{a→b→c, a↛c: G(a) = G(c) ≠ G(b)} (w_O)",
        _ROLE_REF,
    ),
    "gatekeeper": _C(
        "strażnik",
        "gatekeeper",
        "open two-paths bringing a tie from another group into b's group",
        "#{a→b→c, a↛c: G(a) ≠ G(b) = G(c)} (b_OI)",
        _ROLE_REF,
    ),
    "representative": _C(
        "reprezentant",
        "representative",
        "open two-paths carrying a tie from b's group to another group",
        "#{a→b→c, a↛c: G(a) = G(b) ≠ G(c)} (b_IO)",
        _ROLE_REF,
    ),
    "liaison": _C(
        "łącznik",
        "liaison",
        "open two-paths where a, b and c are in three different groups",
        "#{a→b→c, a↛c: G(a), G(b), G(c) all different} (b_O)",
        _ROLE_REF,
    ),
    "total": _C(
        "pośrednictwo razem",
        "total brokerage",
        "all open two-paths through the institution",
        "coordinator + itinerant + gatekeeper + representative + liaison",
        _ROLE_REF,
    ),
    "ei_index": _C(
        "indeks E-I",
        "E-I index",
        "partners outside the institution's group minus partners inside, over all its partners "
        "(edges of the symmetrised graph); empty without ties or without a group",
        "(E − I) / (E + I)",
        KS_1988,
    ),
    "ei_index_arcs": _C(
        "indeks E-I (relacje skierowane)",
        "E-I index (arcs)",
        "as ei_index over the arcs sent and received, a mutual tie counted twice (UCINET's "
        "individual E-I index of a directed matrix)",
        "(E − I) / (E + I) over row and column of the adjacency matrix",
        KS_1988,
    ),
}

_BROKERAGE_GROUPS: Final = {
    "group": _C("grupa", "group", "value of the partition attribute"),
    "institutions": _C("instytucje", "institutions", "institutions in the group"),
    **{
        role: ColumnDoc(
            doc.pl,
            doc.en,
            f"sum over the group's institutions: {doc.description}",
            doc.formula,
            doc.reference,
        )
        for role, doc in _BROKERAGE.items()
        if role in ("coordinator", "itinerant", "gatekeeper", "representative", "liaison", "total")
    },
}

_HOLES_MEASURES = {
    "effective_size": _C(
        "efektywna wielkość",
        "effective size",
        "contacts minus their redundancy (Burt's general, valued formula on binary ties)",
        "Σ_{j∈N(i)} (1 − Σ_{q≠i,j} p_iq m_jq), p_iq = (z_iq + z_qi)/Σ_k(z_ik + z_ki), "
        "m_jq = (z_jq + z_qj)/max_k(z_jk + z_kj)",
        f"{BURT_1992}; Borgatti (1997), Connections 20(1):35–38",
    ),
    "efficiency": _C(
        "efektywność",
        "efficiency",
        "effective size per contact",
        "effective_size / contacts",
        BURT_1992,
    ),
    "constraint": _C(
        "ograniczenie",
        "constraint",
        "how much the institution's ties are concentrated on contacts tied to each other",
        "Σ_{j∈N(i)} (p_ij + Σ_{q≠i,j} p_iq p_qj)²",
        BURT_1992,
    ),
    "hierarchy": _C(
        "hierarchia",
        "hierarchy",
        "how far the constraint is concentrated on one contact (0 = evenly spread); "
        "NaN with fewer than 2 contacts",
        "Σ_j (c_ij/c̄) ln(c_ij/c̄) / (N ln N), c̄ = C_i/N",
        BURT_1992,
    ),
}

_HOLES: Final = {
    **_INSTITUTION,
    "contacts": _C(
        "kontakty",
        "contacts",
        "institutions tied in either direction (Burt's N)",
        "|N(i)|",
        BURT_1992,
    ),
    **_HOLES_MEASURES,
    **{
        f"{key}_weighted": ColumnDoc(
            f"{doc.pl} ({'ważone' if key == 'constraint' else 'ważona'})",
            f"{doc.en} (weighted)",
            f"{doc.description.split(' (')[0]}, with z = tie weights",
            doc.formula,
            doc.reference,
        )
        for key, doc in _HOLES_MEASURES.items()
    },
}

_MIXING: Final = {
    "partition": _C("podział", "partition", "institution attribute the groups come from"),
    "source_group": _C(
        "grupa nadawcy", "source group", "group of the institution reporting the ties"
    ),
    "target_group": _C("grupa odbiorcy", "target group", "group of the institutions named"),
    "ties": _C(
        "powiązania",
        "ties",
        "arcs from a member of the source group to a member of the target group",
        "Σ_{i∈S, j∈T} a_ij",
        WF_1994,
    ),
    "share": _C("udział", "share", "ties as a share of all arcs", "ties / L"),
    "expected": _C(
        "oczekiwane",
        "expected",
        "arcs expected between the groups at the network's density",
        "density · n_S · n_T (n_S (n_S − 1) within a group)",
        WF_1994,
    ),
    "ratio": _C(
        "stosunek do oczekiwanych",
        "ratio to expected",
        "ties divided by expected (> 1: more ties than chance); NaN when none are possible",
        "ties / expected",
    ),
}

_MIXING_GROUPS: Final = {
    "partition": _C("podział", "partition", "institution attribute the groups come from"),
    "group": _C("grupa", "group", "value of the partition attribute"),
    "institutions": _C("instytucje", "institutions", "institutions in the group"),
    "internal": _C(
        "powiązania wewnętrzne",
        "internal ties",
        "edges between two members (symmetrised)",
        "I",
        KS_1988,
    ),
    "external": _C(
        "powiązania zewnętrzne",
        "external ties",
        "edges between a member and an outsider",
        "E",
        KS_1988,
    ),
    "ei_index": _C(
        "indeks E-I",
        "E-I index",
        "−1 all ties inside the group, +1 all ties outside",
        "(E − I) / (E + I)",
        KS_1988,
    ),
}

_COMMUNITIES: Final = {
    **_INSTITUTION,
    "community": _C(
        "społeczność (Louvain)",
        "community (Louvain)",
        "Louvain community, numbered from the largest (weighted, symmetrised, seed fixed)",
        "max modularity Q = (1/2m) Σ_ij (A_ij − k_i k_j/2m) δ(c_i, c_j)",
        f"{BLONDEL_2008}; {NEWMAN_2006}",
    ),
    "community_size": _C(
        "wielkość społeczności (Louvain)",
        "community size (Louvain)",
        "institutions in the same Louvain community",
    ),
    "community_leiden": _C(
        "społeczność (Leiden)",
        "community (Leiden)",
        "Leiden community maximising modularity, numbered from the largest",
        "max modularity, well-connected communities",
        TRAAG_2019,
    ),
    "community_leiden_size": _C(
        "wielkość społeczności (Leiden)",
        "community size (Leiden)",
        "institutions in the same Leiden community",
    ),
}

_COMMUNITIES_SECTORS: Final = {
    "method": _C("metoda", "method", "louvain or leiden"),
    "community": _C("społeczność", "community", "community number (1 = largest)"),
    "community_size": _C(
        "wielkość społeczności", "community size", "institutions in the community"
    ),
    "group": _C("grupa", "group", "value of the partition attribute (sector by default)"),
    "institutions": _C("instytucje", "institutions", "institutions of the community in the group"),
    "share": _C("udział", "share", "institutions / community_size"),
}

_COHESION: Final = {
    **_INSTITUTION,
    "component": _C(
        "składowa",
        "component",
        "connected component (symmetrised graph), 0 = the largest",
    ),
    "component_size": _C("wielkość składowej", "component size", "institutions in the component"),
    "articulation_point": _C(
        "punkt artykulacji",
        "cut point",
        "true if removing the institution disconnects its component",
        "depth-first search low-points",
        HT_1973,
    ),
    "bridges": _C(
        "mosty",
        "bridges",
        "ties of the institution whose removal disconnects its component",
        "depth-first search low-points",
        HT_1973,
    ),
    "core_number": _C(
        "rdzeń (k-core)",
        "core number",
        "largest k such that the institution is in the k-core (symmetrised graph)",
        "max k: v ∈ maximal subgraph with minimum degree k",
        SEIDMAN_1983,
    ),
    "pairs_lost": _C(
        "utracone pary",
        "pairs lost",
        "ordered pairs of other institutions that could reach each other only through this one",
        "(s − 1)(s − 2) − Σ_pieces p(p − 1), s = component size",
        BORGATTI_2006,
    ),
    "reach_loss": _C(
        "utrata zasięgu",
        "reach loss",
        "share of the reachable pairs of other institutions lost if this one leaves",
        "pairs_lost / reachable ordered pairs not involving v",
        BORGATTI_2006,
    ),
}

_BRIDGES: Final = {
    "source": _C("instytucja A", "institution A", "one end of the bridge (id)"),
    "target": _C("instytucja B", "institution B", "the other end (id)"),
    "source_name": _C("nazwa A", "name A", "name of institution A"),
    "target_name": _C("nazwa B", "name B", "name of institution B"),
    "pairs_lost": _C(
        "utracone pary",
        "pairs lost",
        "ordered pairs of institutions that could no longer reach each other without the tie",
        "2 · s_A · s_B, the sizes of the two sides",
        HT_1973,
    ),
}

_NETWORK: Final = {
    "scope": _C("zakres", "scope", "part of the data analysed (all, voivodeship:28, ...)"),
    "wave": _C("fala", "wave", "survey wave analysed; empty = all waves together"),
    "relation": _C("relacja", "relation", "cooperation kinds counted; empty = all"),
    "institutions": _C("instytucje", "institutions", "institutions in scope (n)"),
    "ties": _C("powiązania", "ties", "arcs of the directed cooperation graph (L)"),
    "edges_sym": _C(
        "powiązania symetryczne",
        "symmetrised ties",
        "pairs tied in either direction (E)",
    ),
    "density": _C(
        "gęstość", "density", "share of possible arcs present", "L / (n(n − 1))", WF_1994
    ),
    "density_sym": _C(
        "gęstość symetryczna",
        "symmetrised density",
        "share of possible pairs tied",
        "2E / (n(n − 1))",
        WF_1994,
    ),
    "mutual_dyads": _C(
        "pary wzajemne", "mutual dyads", "pairs tied in both directions", "M", WF_1994
    ),
    "asymmetric_dyads": _C(
        "pary jednostronne", "asymmetric dyads", "pairs tied in one direction only", "A", WF_1994
    ),
    "reciprocity_arc": _C(
        "wzajemność (łuki)",
        "reciprocity (arcs)",
        "share of arcs that are reciprocated (networkx overall_reciprocity)",
        "2M / L",
        WF_1994,
    ),
    "reciprocity_dyad": _C(
        "wzajemność (diady)",
        "reciprocity (dyads)",
        "share of tied pairs that are mutual",
        "M / (M + A)",
        WF_1994,
    ),
    "isolates": _C("izolaci", "isolates", "institutions without any tie"),
    "components": _C("składowe", "components", "weakly connected components (isolates included)"),
    "strong_components": _C("składowe silne", "strong components", "strongly connected components"),
    "largest_component": _C(
        "największa składowa", "largest component", "institutions in the largest weak component"
    ),
    "diameter": _C(
        "średnica",
        "diameter",
        "longest shortest directed path over pairs joined by a path (a lower bound when "
        "sampled); empty (undefined) when no pair is joined",
        "max d(u, v) < ∞",
        WF_1994,
    ),
    "avg_path_length": _C(
        "średnia długość ścieżki",
        "average path length",
        "mean shortest directed path over ordered pairs joined by a path",
        "Σ d(u, v) / #{(u, v): d < ∞}",
        WF_1994,
    ),
    "diameter_sym": _C(
        "średnica symetryczna",
        "symmetrised diameter",
        "diameter of the symmetrised graph; empty when no pair is joined",
        "max d(u, v) < ∞",
        WF_1994,
    ),
    "avg_path_length_sym": _C(
        "średnia długość ścieżki symetryczna",
        "symmetrised average path length",
        "average path length of the symmetrised graph",
        "Σ d(u, v) / #{(u, v): d < ∞}",
        WF_1994,
    ),
    "path_method": _C(
        "metoda ścieżek", "path method", f"how path lengths were computed: {_METHOD_NOTE}"
    ),
    "transitivity": _C(
        "tranzytywność",
        "transitivity",
        "share of connected triples that close into triangles (symmetrised; networkx transitivity)",
        "3 × triangles / connected triples",
        WF_1994,
    ),
    "avg_clustering": _C(
        "średnie grupowanie",
        "average clustering",
        "mean local clustering coefficient, 0 for fewer than 2 partners "
        "(networkx average_clustering)",
        "mean_i 2t_i / (k_i(k_i − 1))",
        WATTS_1998,
    ),
    "centralization_in_degree": _C(
        "centralizacja stopnia wejściowego",
        "in-degree centralization",
        "how far in-degree is concentrated on one institution (1 = star)",
        "Σ (max − d_in,i) / (n − 1)²",
        FREEMAN_1978,
    ),
    "centralization_out_degree": _C(
        "centralizacja stopnia wyjściowego",
        "out-degree centralization",
        "how far out-degree is concentrated on one institution",
        "Σ (max − d_out,i) / (n − 1)²",
        FREEMAN_1978,
    ),
    "centralization_degree": _C(
        "centralizacja stopnia",
        "degree centralization",
        "how far total degree (in + out) is concentrated (1 = star of mutual ties)",
        "Σ (max − d_i) / (2(n − 1)(n − 2))",
        FREEMAN_1978,
    ),
    "centralization_degree_sym": _C(
        "centralizacja stopnia symetrycznego",
        "symmetrised degree centralization",
        "Freeman's degree centralization of the symmetrised graph",
        "Σ (max − k_i) / ((n − 1)(n − 2))",
        FREEMAN_1978,
    ),
    "centralization_betweenness": _C(
        "centralizacja pośrednictwa",
        "betweenness centralization",
        "how far normalised directed betweenness is concentrated",
        "Σ (max − b_i) / (n − 1)",
        FREEMAN_1978,
    ),
    "centralization_betweenness_sym": _C(
        "centralizacja pośrednictwa symetrycznego",
        "symmetrised betweenness centralization",
        "Freeman's betweenness centralization of the symmetrised graph",
        "Σ (max − b_i) / (n − 1)",
        FREEMAN_1978,
    ),
    "centralization_closeness": _C(
        "centralizacja bliskości",
        "closeness centralization",
        "how far closeness (symmetrised) is concentrated",
        "Σ (max − c_i) / ((n − 1)(n − 2)/(2n − 3))",
        FREEMAN_1978,
    ),
    "centralization_closeness_ucinet": _C(
        "centralizacja bliskości (UCINET)",
        "closeness centralization (UCINET)",
        "Freeman's formula applied to closeness_ucinet (unreachable at distance n), as "
        "UCINET's closeness centralization",
        "Σ (max − c_i) / ((n − 1)(n − 2)/(2n − 3)), c = closeness_ucinet",
        FREEMAN_1978,
    ),
    "ei_index": _C(
        "indeks E-I",
        "E-I index",
        "ties between groups minus ties within, over all ties (symmetrised, by the partition)",
        "(E − I) / (E + I)",
        KS_1988,
    ),
    "pairs_cooperation": _C(
        "pary: współpraca", "pairs: cooperation", "institution pairs with a cooperation tie"
    ),
    "pairs_referral": _C(
        "pary: skierowania", "pairs: referrals", "institution pairs with a referral either way"
    ),
    "pairs_comembership": _C(
        "pary: wspólne zespoły",
        "pairs: co-membership",
        "institution pairs sitting in a common group",
    ),
    "tied_pairs": _C(
        "pary powiązane", "tied pairs", "institution pairs tied in at least one relation"
    ),
    "multiplex_pairs": _C(
        "pary wielorakie", "multiplex pairs", "institution pairs tied in two or more relations"
    ),
    "multiplexity": _C(
        "wieloraktość",
        "multiplexity",
        "share of tied pairs tied in more than one relation (cooperation, referral, co-membership)",
        "multiplex_pairs / tied_pairs",
        VERBRUGGE_1979,
    ),
    "groups": _C("grupy", "groups", "groups (teams) in scope: the second mode"),
    "memberships": _C(
        "członkostwa",
        "memberships",
        "institution–group memberships (a person's counts for the person's institution)",
    ),
    "twomode_density": _C(
        "gęstość dwudzielna",
        "two-mode density",
        "memberships over all institution–group pairs; empty without groups",
        "memberships / (n × groups)",
        BE_1997,
    ),
    "krackhardt_connectedness": _C(
        "spójność (Krackhardt)",
        "connectedness (Krackhardt)",
        "share of pairs of institutions that can reach each other (weakly)",
        "1 − unreachable pairs / (n(n − 1)/2)",
        KRACKHARDT_1994,
    ),
    "krackhardt_hierarchy": _C(
        "hierarchiczność (Krackhardt)",
        "hierarchy (Krackhardt)",
        "1 minus the share of reachable pairs that reach each other both ways (estimated when "
        "paths are sampled)",
        "1 − mutually reachable pairs / pairs reachable at least one way",
        KRACKHARDT_1994,
    ),
    "krackhardt_efficiency": _C(
        "efektywność (Krackhardt)",
        "efficiency (Krackhardt)",
        "1 minus the share of the possible redundant edges present (edges beyond a spanning "
        "tree of each component, symmetrised)",
        "1 − Σ (E_i − (N_i − 1)) / Σ (N_i − 1)(N_i − 2)/2",
        KRACKHARDT_1994,
    ),
    "krackhardt_lub": _C(
        "najmniejsze ograniczenie górne (Krackhardt)",
        "least upper boundedness (Krackhardt)",
        "1 minus the share of pairs without exactly one least common superior; empty above "
        "300 institutions (it needs every pair and every candidate)",
        "1 − pairs without a unique LUB / Σ (N_i − 1)(N_i − 2)/2",
        KRACKHARDT_1994,
    ),
    "communities_louvain": _C(
        "społeczności (Louvain)",
        "communities (Louvain)",
        "number of Louvain communities",
        "",
        BLONDEL_2008,
    ),
    "modularity_louvain": _C(
        "modularność (Louvain)",
        "modularity (Louvain)",
        "modularity of the Louvain partition",
        "Q = (1/2m) Σ_ij (A_ij − k_i k_j/2m) δ(c_i, c_j)",
        NEWMAN_2006,
    ),
    "communities_leiden": _C(
        "społeczności (Leiden)",
        "communities (Leiden)",
        "number of Leiden communities",
        "",
        TRAAG_2019,
    ),
    "modularity_leiden": _C(
        "modularność (Leiden)",
        "modularity (Leiden)",
        "modularity of the Leiden partition",
        "Q (as above)",
        NEWMAN_2006,
    ),
}

_NETWORK_TERRITORIES: Final = {
    "level": _C("poziom", "level", "territory level: voivodeship, powiat or gmina"),
    "territory": _C("terytorium (TERYT)", "territory (TERYT)", "TERYT code of the territory"),
    "territory_name": _C("terytorium", "territory", "name of the territory"),
    **{
        key: ColumnDoc(
            doc.pl,
            doc.en,
            f"{doc.description}; institutions located in the territory and the ties among them",
            doc.formula,
            doc.reference,
        )
        for key, doc in _NETWORK.items()
        if key
        in (
            "institutions",
            "ties",
            "density",
            "reciprocity_arc",
            "reciprocity_dyad",
            "isolates",
            "components",
            "transitivity",
            "avg_clustering",
            "centralization_degree_sym",
            "ei_index",
        )
    },
}

_PAIR_NAMES: Final = {
    "source": _C("instytucja A", "institution A", "id of the first institution of the pair"),
    "target": _C("instytucja B", "institution B", "id of the second institution of the pair"),
    "source_name": _C("nazwa A", "name A", "name of institution A"),
    "target_name": _C("nazwa B", "name B", "name of institution B"),
    "source_sector": _C("sektor A", "sector A", "sector of institution A"),
    "target_sector": _C("sektor B", "sector B", "sector of institution B"),
}

_GAPS_CO_SERVING: Final = {
    **_PAIR_NAMES,
    "shared_families": _C(
        "wspólne rodziny",
        "shared families",
        "families both institutions serve or referred, while they report no cooperation tie",
        "(BᵀB)_AB for the families × institutions matrix B",
    ),
}

_GAPS_SECTOR: Final = {
    "gmina": _C("gmina (TERYT)", "gmina (TERYT)", "TERYT code of the gmina"),
    "gmina_name": _C("gmina", "gmina", "name of the gmina"),
    "ops_id": _C(
        "ośrodek pomocy (id)",
        "social assistance centre (id)",
        "id of the gmina's OPS/CUS (lowest id if several; empty if none)",
    ),
    "ops_name": _C("ośrodek pomocy", "social assistance centre", "name of that centre"),
    "sector": _C("sektor", "sector", "the required sector that is missing (sector code)"),
    "status": _C(
        "stan",
        "status",
        "absent: no institution of the sector available to the gmina (for social_assistance: "
        "no OPS/CUS of its own); no_tie: available but not tied to the gmina's OPS/CUS",
    ),
    "institutions": _C(
        "instytucje sektora",
        "institutions of the sector",
        "institutions of the sector located in the gmina or in its powiat or voivodeship",
    ),
}

_REFERRAL_COUNTS: Final = {
    "referrals": _C("skierowania", "referrals", "referrals sent"),
    "answered": _C(
        "z odpowiedzią",
        "answered",
        "referrals with an answer date or status accepted, completed or rejected",
    ),
    "unanswered": _C(
        "bez odpowiedzi", "unanswered", "referrals not answered", "referrals − answered"
    ),
    "rejected": _C("odrzucone", "rejected", "referrals with status rejected"),
    "answer_rate": _C("odsetek odpowiedzi", "answer rate", "answered / referrals"),
    "median_days": _C(
        "mediana dni do odpowiedzi",
        "median days to answer",
        "median of answer date − sent date, over referrals with an answer date",
    ),
    "p90_days": _C(
        "90. percentyl dni",
        "90th percentile of days",
        "90th percentile (linear interpolation) of the days to answer",
    ),
}

_GAPS_REFERRALS: Final = {
    "source": _C("kierujący", "referring institution", "id of the institution that refers"),
    "target": _C("adresat", "receiving institution", "id of the institution referred to"),
    "source_name": _C("nazwa kierującego", "referring institution name", "its name"),
    "target_name": _C("nazwa adresata", "receiving institution name", "its name"),
    **_REFERRAL_COUNTS,
}

_GAPS_REFERRAL_TARGETS: Final = {
    **_INSTITUTION,
    **_REFERRAL_COUNTS,
    "dead_ends": _C(
        "ślepe zaułki",
        "dead ends",
        "families whose last referral went here and got no answer or was rejected",
    ),
}

_GAPS_UNCOORDINATED: Final = {
    "gmina": _C("gmina (TERYT)", "gmina (TERYT)", "TERYT code of the gmina"),
    "gmina_name": _C("gmina", "gmina", "name of the gmina"),
    "families": _C("rodziny", "families", "families of the gmina in the data"),
    "families_min_services": _C(
        "rodziny z wieloma instytucjami",
        "families with many institutions",
        "families served by at least N institutions (N = min_services, default 3)",
    ),
    "uncoordinated": _C(
        "rodziny bez koordynacji",
        "uncoordinated families",
        "of those, families with no coordinator and no coordinating team (ZZK, GGK, ZI, GDP) "
        "holding two of their institutions",
    ),
}

_GAPS_GROUP_COVERAGE: Final = {
    "territory": _C(
        "terytorium (TERYT)", "territory (TERYT)", "TERYT code of the group's powiat or gmina"
    ),
    "territory_name": _C("terytorium", "territory", "name of the territory"),
    "group_id": _C("zespół (id)", "group (id)", "id of the group"),
    "group_name": _C("zespół", "group", "name of the group"),
    "group_type": _C("typ zespołu", "group type", "PGR, PGD, PZK or ZI"),
    "sector": _C(
        "brakujący sektor",
        "missing sector",
        "sector active in the territory with no member in the group",
    ),
    "institutions": _C(
        "instytucje sektora",
        "institutions of the sector",
        "institutions of the sector active in the territory",
    ),
}

_EGO: Final = {
    **_INSTITUTION,
    "size": _C(
        "rozmiar", "size", "alters: partners in the symmetrised graph", "|N(v)|", UCINET_EGO
    ),
    "ties": _C(
        "więzi między partnerami",
        "ties among alters",
        "arcs between two alters (ties involving the institution itself not counted)",
        "Σ_{a,b ∈ N(v)} A_ab",
        UCINET_EGO,
    ),
    "pairs": _C(
        "pary partnerów",
        "pairs of alters",
        "ordered pairs of alters: the possible arcs among them",
        "size (size − 1)",
        UCINET_EGO,
    ),
    "density": _C(
        "gęstość sieci ego",
        "ego network density",
        "ties among alters over pairs (UCINET prints it × 100); empty with fewer than 2 alters",
        "ties / pairs",
        UCINET_EGO,
    ),
    "avg_distance": _C(
        "średnia odległość",
        "average distance",
        "mean shortest path between two alters without the institution; empty when two alters "
        "are joined only through it (as UCINET)",
        "Σ d(a, b) / pairs, paths avoiding v",
        UCINET_EGO,
    ),
    "diameter": _C(
        "średnica sieci ego",
        "ego network diameter",
        "longest shortest path between two alters without the institution; empty as avg_distance",
        "max d(a, b), paths avoiding v",
        UCINET_EGO,
    ),
    "weak_components": _C(
        "składowe słabe",
        "weak components",
        "components among the alters once the institution is removed",
        "components of N(v)",
        UCINET_EGO,
    ),
    "weak_components_share": _C(
        "udział składowych",
        "weak components share",
        "weak components over alters (UCINET's pWeakComp ÷ 100)",
        "weak_components / size",
        UCINET_EGO,
    ),
    "two_step_reach": _C(
        "zasięg w dwóch krokach",
        "two-step reach",
        "share of the other institutions within two steps (symmetrised)",
        "|{u ≠ v: d(v, u) ≤ 2}| / (n − 1)",
        UCINET_EGO,
    ),
    "reach_efficiency": _C(
        "efektywność zasięgu",
        "reach efficiency",
        "institutions within two steps over the summed partners of the alters: new contacts "
        "per contact of a contact",
        "|{u ≠ v: d(v, u) ≤ 2}| / Σ_{a ∈ N(v)} |N(a)|",
        UCINET_EGO,
    ),
    "brokerage": _C(
        "pośrednictwo w sieci ego",
        "ego brokerage",
        "unordered pairs of alters with no tie in either direction (joined only through the "
        "institution)",
        "size (size − 1)/2 − edges among alters",
        UCINET_EGO,
    ),
    "brokerage_norm": _C(
        "pośrednictwo w sieci ego (znormalizowane)",
        "ego brokerage (normalised)",
        "brokerage over the unordered pairs of alters; empty with fewer than 2 alters",
        "brokerage / (size (size − 1)/2)",
        UCINET_EGO,
    ),
}

_CLUSTERING: Final = {
    **_INSTITUTION,
    "clustering": _C(
        "współczynnik skupienia",
        "clustering coefficient",
        "edges among the partners over their pairs, symmetrised graph; 0 with fewer than 2 "
        "partners (networkx clustering; igraph transitivity_local_undirected gives NaN there)",
        "2 T(v) / (k(k − 1))",
        WATTS_1998,
    ),
    "clustering_directed": _C(
        "współczynnik skupienia (skierowany)",
        "directed clustering coefficient",
        "directed triangles through the institution over those its arcs allow (Fagiolo; "
        "networkx clustering of the directed graph)",
        "T_D(v) / (k_tot(k_tot − 1) − 2 k_↔)",
        FAGIOLO_2007,
    ),
    "clustering_ego": _C(
        "gęstość otoczenia",
        "ego-network density clustering",
        "arcs among the partners over their ordered pairs: the ego-network density used as "
        "the local clustering of directed data (UCINET ego networks, ORA); empty with fewer "
        "than 2 partners",
        "Σ_{a,b ∈ N(v)} A_ab / (k(k − 1))",
        WATTS_1998,
    ),
    "hub": _C(
        "koncentrator (HITS)",
        "hub score (HITS)",
        "HITS hub score, summing to 1 (networkx hits)",
        "h ∝ A a, a ∝ Aᵀ h",
        KLEINBERG_1999,
    ),
    "authority": _C(
        "autorytet (HITS)",
        "authority score (HITS)",
        "HITS authority score, summing to 1 (networkx hits)",
        "a ∝ Aᵀ h",
        KLEINBERG_1999,
    ),
    "cliques": _C(
        "kliki",
        "cliques",
        "maximal cliques of 3 or more institutions (symmetrised graph) it belongs to",
        "#{maximal cliques C ∋ v, |C| ≥ 3}",
        "Luce & Perry (1949), Psychometrika 14(2):95–116, doi:10.1007/BF02289146",
    ),
}

_TWOMODE: Final = {
    "mode": _C(
        "tryb",
        "mode",
        "institution or group (the two modes of the affiliation network)",
    ),
    "id": _C("identyfikator", "id", "institution or group id"),
    "name": _C("nazwa", "name", "institution or group name"),
    "type": _C("typ", "type", "institution type or group type (code)"),
    "degree": _C(
        "stopień dwudzielny",
        "two-mode degree",
        "groups the institution sits in, or member institutions of the group",
        "d(v)",
        BE_1997,
    ),
    "degree_norm": _C(
        "stopień dwudzielny (znormalizowany)",
        "two-mode degree (normalised)",
        "degree over the size of the other mode",
        "d(v) / m, m = nodes of the other mode",
        BE_1997,
    ),
    "closeness": _C(
        "bliskość dwudzielna (surowa)",
        "two-mode closeness (raw)",
        "inverse of the summed distances to the reachable nodes of both modes; 0 for an isolate",
        "1 / Σ d(v, u)",
        BE_1997,
    ),
    "closeness_norm": _C(
        "bliskość dwudzielna (znormalizowana)",
        "two-mode closeness (normalised)",
        "smallest possible farness in a bipartite graph over the actual farness, times the "
        "share of nodes reached (networkx bipartite.closeness_centrality)",
        "(m + 2(n − 1)) / Σ d(v, u) · (reached / (N − 1))",
        BE_1997,
    ),
    "betweenness": _C(
        "pośrednictwo dwudzielne (surowe)",
        "two-mode betweenness (raw)",
        "shortest-path betweenness in the bipartite graph, each unordered pair once",
        "Σ_{s<t} σ_st(v)/σ_st",
        BE_1997,
    ),
    "betweenness_norm": _C(
        "pośrednictwo dwudzielne (znormalizowane)",
        "two-mode betweenness (normalised)",
        "betweenness over the largest value a node of its mode can reach",
        "b / (½[m²(s+1)² + m(s+1)(2t−s−1) − t(2s−t+3)]), s, t = divmod(n − 1, m)",
        BE_1997,
    ),
    "eigenvector": _C(
        "wektor własny dwudzielny",
        "two-mode eigenvector",
        "leading singular vector of the institutions × groups matrix, unit norm within each "
        "mode; empty without memberships",
        "B v = σ u, Bᵀ u = σ v, ‖u‖ = ‖v‖ = 1",
        BE_1997,
    ),
    "method": _C(
        "metoda",
        "method",
        "how closeness and betweenness were computed: exact, or estimated from pivots in a "
        "component larger than the pivot count (as centrality's betweenness_method)",
        "",
        BRANDES_PICH_2007,
    ),
}

_TWOMODE_OVERLAPS: Final = {
    "mode": _C(
        "tryb",
        "mode",
        "institution (a pair of institutions) or group (a pair of groups)",
    ),
    "source": _C("pierwszy", "first", "id of the first of the pair (the smaller id)"),
    "target": _C("drugi", "second", "id of the second of the pair"),
    "source_name": _C("nazwa pierwszego", "first name", "name of the first"),
    "target_name": _C("nazwa drugiego", "second name", "name of the second"),
    "overlap": _C(
        "wspólne",
        "overlap",
        "groups both institutions sit in, or institutions sitting in both groups",
        "(B Bᵀ)_ij or (Bᵀ B)_ij",
        BE_1997,
    ),
}

OPSAHL_2010 = (
    "Opsahl, Agneessens & Skvoretz (2010), Node centrality in weighted networks: generalizing "
    "degree and shortest paths, Social Networks 32(3):245–251, doi:10.1016/j.socnet.2010.03.006"
)
_ALPHA_LENGTH = "a tie of strength w has length 1/w^α"

#: Optional (``analyze --weighted-paths ALPHA``): weighted closeness and betweenness.
_WEIGHTED_PATHS: Final = {
    **_INSTITUTION,
    "alpha": _C(
        "α (waga siły więzi)",
        "α (weight of tie strength)",
        "the tuning parameter asked for: 0 ignores tie strength (every tie has length 1: the "
        "unweighted values), 1 uses strength alone (Dijkstra), between them both the strength "
        "and the number of intermediaries count",
        _ALPHA_LENGTH,
        OPSAHL_2010,
    ),
    "closeness_weighted": _C(
        "bliskość ważona",
        "weighted closeness",
        "closeness on the symmetrised graph (the larger weight of the two directions) with "
        "tie lengths 1/w^α and the Wasserman–Faust correction; equals centrality's closeness "
        "at α = 0",
        "((r − 1)/(n − 1)) · ((r − 1)/Σ_reachable d_α(v, u)), d_α = least total length; "
        + _ALPHA_LENGTH,
        f"{OPSAHL_2010}; {WF_1994}",
    ),
    "betweenness_weighted": _C(
        "pośrednictwo ważone (znormalizowane)",
        "weighted betweenness (normalised)",
        "betweenness on the symmetrised graph with tie lengths 1/w^α (paths of lengths equal "
        "within rounding are all shortest); equals centrality's betweenness_sym at α = 0; "
        "empty with fewer than 3 institutions",
        "2 · betweenness_weighted_raw / ((n − 1)(n − 2))",
        f"{OPSAHL_2010}; {BRANDES_2001}",
    ),
    "betweenness_weighted_raw": _C(
        "pośrednictwo ważone (surowe)",
        "weighted betweenness (raw)",
        "weighted betweenness before normalisation, each unordered pair counted once",
        "Σ_{s<t, s≠v≠t} σ_st(v)/σ_st over the shortest paths by d_α",
        f"{OPSAHL_2010}; {BRANDES_2001}",
    ),
    "betweenness_method": _CENTRALITY["betweenness_method"],
}

_RECOMMENDATIONS: Final = {
    **_PAIR_NAMES,
    "score": _C(
        "wynik",
        "score",
        "how many gaps the tie would close (higher first)",
        "shared_families + 3·sector_gaps_closed + 1·bridges_communities + 0.5·bridges_sectors",
    ),
    "shared_families": _C(
        "wspólne rodziny", "shared families", "families both serve or referred (0 if none)"
    ),
    "sector_gaps_closed": _C(
        "zamykane luki sektorowe",
        "sector gaps closed",
        "gmina sector gaps (status no_tie) the tie would close",
    ),
    "bridges_communities": _C(
        "łączy społeczności", "bridges communities", "the two are in different Louvain communities"
    ),
    "bridges_sectors": _C("łączy sektory", "bridges sectors", "the two are in different sectors"),
    "reason_pl": _C("uzasadnienie", "reason (Polish)", "why, in Polish"),
    "reason_en": _C("uzasadnienie (ang.)", "reason", "why, in English"),
}

VARDA_2008 = (
    "Varda, Chandra, Stern & Lurie (2008), Core dimensions of connectivity in public health "
    "collaboratives, J. Public Health Manag. Pract. 14(5):E1–E7, "
    "doi:10.1097/01.PHH.0000333889.60517.46"
)
HUISMAN_2009 = (
    "Stork & Richards (1992), Group Organ. Manag. 17(2):193–209, "
    "doi:10.1177/1059601192172006; Huisman (2009), J. Soc. Struct. 10(1), "
    "doi:10.21307/joss-2019-032"
)
_DIMENSIONS: Final = {
    "trust_reliability": _C(
        "zaufanie: niezawodność",
        "trust: reliability",
        "mean rating of reliability (1–4)",
        "mean over the partners' ratings",
        VARDA_2008,
    ),
    "trust_openness": _C(
        "zaufanie: otwartość",
        "trust: openness",
        "mean rating of openness to discussion (1–4)",
        "mean over the partners' ratings",
        VARDA_2008,
    ),
    "trust_mission": _C(
        "zaufanie: wspólny cel",
        "trust: shared mission",
        "mean rating of support of the shared mission (1–4)",
        "mean over the partners' ratings",
        VARDA_2008,
    ),
    "value_resources": _C(
        "wartość: zasoby",
        "value: resources",
        "mean rating of resources contributed (1–4)",
        "mean over the partners' ratings",
        VARDA_2008,
    ),
    "value_involvement": _C(
        "wartość: zaangażowanie",
        "value: involvement",
        "mean rating of involvement (1–4)",
        "mean over the partners' ratings",
        VARDA_2008,
    ),
    "value_influence": _C(
        "wartość: wpływ",
        "value: influence",
        "mean rating of power and influence (1–4)",
        "mean over the partners' ratings",
        VARDA_2008,
    ),
}
_TRUST: Final = {
    "id": _INSTITUTION["id"],
    "name": _INSTITUTION["name"],
    "sector": _INSTITUTION["sector"],
    "raters": _C("oceniający", "raters", "partners that rated the institution"),
    "trust": _C(
        "zaufanie",
        "trust",
        "PARTNER trust score as its partners rate it (1–4)",
        "mean over raters of the mean of the three trust dimensions",
        VARDA_2008,
    ),
    "value": _C(
        "wartość",
        "value",
        "PARTNER value score as its partners rate it (1–4)",
        "mean over raters of the mean of the three value dimensions",
        VARDA_2008,
    ),
    **_DIMENSIONS,
}
_TRUST_PAIRS: Final = {
    "source": _PAIR_NAMES["source"],
    "target": _PAIR_NAMES["target"],
    "source_name": _PAIR_NAMES["source_name"],
    "target_name": _PAIR_NAMES["target_name"],
    "wave": _C("fala", "wave", "survey wave of the ratings"),
    "trust_source": _C("zaufanie A do B", "trust A→B", "A's trust score of B (1–4)"),
    "trust_target": _C("zaufanie B do A", "trust B→A", "B's trust score of A (1–4)"),
    "value_source": _C("wartość B wg A", "value of B to A", "A's value score of B (1–4)"),
    "value_target": _C("wartość A wg B", "value of A to B", "B's value score of A (1–4)"),
    "disagreement": _C(
        "rozbieżność",
        "disagreement",
        "how differently the two sides see each other (0–3)",
        "(|trust A→B − trust B→A| + |value of B − value of A|) / 2",
    ),
}
_SURVEY_WAVES: Final = {
    "wave": _C("fala", "wave", "survey wave imported from forms"),
    "rule": _C(
        "reguła",
        "rule",
        "how reports became ties: union, intersection or reconstruction",
        "",
        HUISMAN_2009,
    ),
    "asked": _C("zapytane", "asked", "institutions in scope sent a form"),
    "answered": _C("odpowiedziały", "answered", "institutions that returned a non-empty form"),
    "response_rate": _C("odsetek odpowiedzi", "response rate", "answered / asked"),
    "ties": _C("więzi", "ties", "pairs with a tie from the survey"),
    "one_sided_share": _C(
        "więzi jednostronne",
        "one-sided ties",
        "share of the ties only one side reported",
    ),
    "trust": _C(
        "zaufanie w sieci",
        "network trust",
        "PARTNER trust score of the network (1–4)",
        "mean over every rated report of its trust dimensions' mean",
        VARDA_2008,
    ),
    "value": _C(
        "wartość w sieci",
        "network value",
        "PARTNER value score of the network (1–4)",
        "mean over every rated report of its value dimensions' mean",
        VARDA_2008,
    ),
}

#: Every result's columns, in order.
COLUMNS: Final[dict[str, dict[str, ColumnDoc]]] = {
    "network": _NETWORK,
    "network_territories": _NETWORK_TERRITORIES,
    "centrality": _CENTRALITY,
    "weighted_paths": _WEIGHTED_PATHS,
    "brokerage": _BROKERAGE,
    "brokerage_groups": _BROKERAGE_GROUPS,
    "holes": _HOLES,
    "mixing": _MIXING,
    "mixing_groups": _MIXING_GROUPS,
    "communities": _COMMUNITIES,
    "communities_sectors": _COMMUNITIES_SECTORS,
    "cohesion": _COHESION,
    "bridges": _BRIDGES,
    "ego": _EGO,
    "clustering": _CLUSTERING,
    "twomode": _TWOMODE,
    "twomode_overlaps": _TWOMODE_OVERLAPS,
    "gaps_co_serving": _GAPS_CO_SERVING,
    "gaps_sector": _GAPS_SECTOR,
    "gaps_referrals": _GAPS_REFERRALS,
    "gaps_referral_targets": _GAPS_REFERRAL_TARGETS,
    "gaps_uncoordinated": _GAPS_UNCOORDINATED,
    "gaps_group_coverage": _GAPS_GROUP_COVERAGE,
    "recommendations": _RECOMMENDATIONS,
    "survey_waves": _SURVEY_WAVES,
    "trust": _TRUST,
    "trust_pairs": _TRUST_PAIRS,
}


def label(result: str, column: str, lang: str = "pl") -> str:
    """The header of ``column`` of ``result`` in ``lang`` (the column name if unknown).

    >>> label("gaps_sector", "status", "pl")
    'stan'
    """
    doc = COLUMNS.get(result, {}).get(column)
    if doc is None:
        return column
    return doc.pl if lang == "pl" else doc.en
