"""The contract other parts of kokon_graph code against: result names, columns, documentation."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from kokon_graph import Network
from kokon_graph.analysis import (
    ANALYSIS_RESULTS,
    COLUMNS,
    GAP_KINDS,
    OPTIONAL_RESULT_NAMES,
    REGISTRY,
    RESULT_NAMES,
    RESULTS,
    run_all,
)
from kokon_graph.analysis._demo import demo_network
from kokon_graph.analysis.results import render_markdown, update_markdown
from tests.conftest import REPO

CONTRACT_KEYS = (
    "network",
    "centrality",
    "brokerage",
    "holes",
    "mixing",
    "communities",
    "cohesion",
    "gaps_co_serving",
    "gaps_sector",
    "gaps_referrals",
    "gaps_referral_targets",
    "gaps_uncoordinated",
    "gaps_group_coverage",
    "recommendations",
)
PER_INSTITUTION = ("centrality", "brokerage", "holes", "cohesion", "communities")


#: Every optional result asked for (its keyword argument of run_all, with its example value).
ASK_ALL = {r.option.keyword: r.option.example for r in ANALYSIS_RESULTS if r.option is not None}


@pytest.fixture(scope="module")
def valid_results(valid_network: Network) -> dict[str, pd.DataFrame]:
    """Every result, the optional ones included."""
    return run_all(valid_network, **ASK_ALL)


def test_run_all_has_every_contract_key(valid_results: dict[str, pd.DataFrame]) -> None:
    assert set(CONTRACT_KEYS) <= set(valid_results)
    assert list(valid_results) == [r.name for r in ANALYSIS_RESULTS]


def test_an_optional_result_is_there_only_when_asked_for(valid_network: Network) -> None:
    """Without its option no optional result is computed; each option adds its own result,
    in registry order, and nothing else changes."""
    assert OPTIONAL_RESULT_NAMES == ("weighted_paths",)
    plain = run_all(valid_network)
    assert list(plain) == list(RESULT_NAMES)
    assert not set(plain) & set(OPTIONAL_RESULT_NAMES)
    for res in ANALYSIS_RESULTS:
        if res.option is None:
            continue
        asked = run_all(valid_network, **{res.option.keyword: res.option.example})
        assert list(asked) == [r.name for r in ANALYSIS_RESULTS if not r.optional or r is res]
        for name, frame in plain.items():
            pd.testing.assert_frame_equal(asked[name], frame, obj=name)


def test_optional_results_are_documented_as_optional() -> None:
    text = render_markdown()
    for res in ANALYSIS_RESULTS:
        section = text.split(f"### `{res.name}`", 1)[1].split("### ", 1)[0]
        if res.option is None:
            assert "Optional:" not in section, res.name
        else:
            assert f"`{res.option.cli}`" in section and res.option.keyword in section, res.name


def test_every_result_has_exactly_its_documented_columns(
    valid_results: dict[str, pd.DataFrame],
) -> None:
    for name, frame in valid_results.items():
        assert list(frame.columns) == list(COLUMNS[name]), name
    assert set(COLUMNS) == set(RESULTS) == set(RESULT_NAMES) | set(OPTIONAL_RESULT_NAMES)


def test_every_column_doc_is_complete() -> None:
    for name, columns in COLUMNS.items():
        for col, doc in columns.items():
            assert doc.pl and doc.en and doc.description, (name, col)
            assert "\n" not in doc.description, (name, col)


def test_per_institution_results_start_with_the_institution(
    valid_network: Network, valid_results: dict[str, pd.DataFrame]
) -> None:
    ids = list(valid_network.institutions.index)
    for name in PER_INSTITUTION:
        frame = valid_results[name]
        assert list(frame.columns[:5]) == ["id", "name", "type", "sector", "teryt"], name
        assert list(frame["id"]) == ids, name


def test_centrality_has_the_promised_columns(valid_results: dict[str, pd.DataFrame]) -> None:
    promised = {
        "degree",
        "in_degree",
        "out_degree",
        "betweenness",
        "closeness",
        "eigenvector",
        "pagerank",
        "betweenness_raw",
        "betweenness_sym",
        "closeness_in_harmonic",
        "closeness_out_ucinet",
        "betweenness_method",
    }
    assert promised <= set(valid_results["centrality"].columns)
    assert set(valid_results["centrality"]["betweenness_method"]) == {"exact"}


def test_empty_results_keep_their_columns() -> None:
    # a network with institutions and ties only: every family-based gap is empty
    from kokon_graph.analysis._demo import network_from_ties

    results = run_all(network_from_ties([("a", "b"), ("b", "c")]))
    for name in (
        "gaps_co_serving",
        "gaps_referrals",
        "gaps_referral_targets",
        "gaps_uncoordinated",
        "gaps_group_coverage",
    ):
        assert results[name].empty, name
        assert list(results[name].columns) == list(COLUMNS[name]), name


def test_no_result_holds_a_family_id(valid_network: Network, valid_results: dict) -> None:
    family_ids = set(valid_network.dataset.families["id"])
    assert family_ids
    for name, frame in valid_results.items():
        for col in frame.columns:
            values = set(frame[col].astype(str))
            assert not values & family_ids, (name, col)


def test_measures_doc_is_generated_from_columns() -> None:
    text = (REPO / "docs" / "measures.md").read_text(encoding="utf-8")
    assert update_markdown(text) == text, "run: python scripts/gen_dataset_docs.py"
    assert render_markdown() in text


def test_measures_doc_names_every_column_and_nothing_else() -> None:
    text = (REPO / "docs" / "measures.md").read_text(encoding="utf-8")
    documented: dict[str, list[str]] = {}
    current = None
    for line in text.splitlines():
        head = re.match(r"### `(\w+)`", line)
        if head:
            current = head.group(1)
            documented[current] = []
        row = re.match(r"\| `(\w+)` \|", line)
        if row and current:
            documented[current].append(row.group(1))
    assert documented == {k: list(v) for k, v in COLUMNS.items()}


def test_demo_results_match_the_contract() -> None:
    results = run_all(demo_network(), **ASK_ALL)
    for name, frame in results.items():
        assert list(frame.columns) == list(COLUMNS[name]), name
        assert not frame.empty, name


def test_matrices_equal_the_networkx_views(valid_network: Network) -> None:
    """The sparse and igraph copies hold exactly the networkx views the foundation builds."""
    from kokon_graph.analysis._graphs import cooperation_matrices

    for relation in (None, "information"):
        mats = cooperation_matrices(valid_network, relation)
        directed = valid_network.cooperation(relation=relation)
        undirected = valid_network.cooperation(relation=relation, directed=False)
        assert mats.ids == list(directed.nodes)
        coo = mats.weights.tocoo()
        arcs = {
            (mats.ids[i], mats.ids[j]): w
            for i, j, w in zip(coo.row, coo.col, coo.data, strict=True)
        }
        assert arcs == {(u, v): d["weight"] for u, v, d in directed.edges(data=True)}
        sym = mats.sym_weights.tocoo()
        edges = {
            frozenset((mats.ids[i], mats.ids[j])): w
            for i, j, w in zip(sym.row, sym.col, sym.data, strict=True)
        }
        assert edges == {frozenset((u, v)): d["weight"] for u, v, d in undirected.edges(data=True)}
        graph = mats.ig_sym
        assert [frozenset((mats.ids[e.source], mats.ids[e.target])) for e in graph.es] == [
            frozenset((mats.ids[i], mats.ids[j]))
            for i, j in zip(sym.row, sym.col, strict=True)
            if i < j
        ]
        assert len(mats.sym_edge_weights) == graph.ecount()
        for e, w in zip(graph.es, mats.sym_edge_weights, strict=True):
            assert undirected[mats.ids[e.source]][mats.ids[e.target]]["weight"] == w


def test_matrices_equal_the_view_on_random_reports() -> None:
    """Random reports over two waves and three kinds, some confirmed, some duplicated."""
    import numpy as np

    from kokon_graph.analysis._demo import frame
    from kokon_graph.analysis._graphs import cooperation_matrices
    from kokon_graph.graph import build_network
    from kokon_graph.io import Dataset

    rng = np.random.default_rng(3)
    names = [f"i{k}" for k in range(12)]
    rows = []
    for _ in range(80):
        s, t = rng.choice(12, size=2, replace=False)
        rows.append(
            {
                "source": names[s],
                "target": names[t],
                "kind": ["information", "resources", "agreement"][rng.integers(3)],
                "wave": ["before", "after", ""][rng.integers(3)],
                "weight": float(rng.integers(1, 4)),
                "mutual": bool(rng.integers(2)),
            }
        )
    institutions = frame(
        "institutions",
        (
            {"id": x, "name": x, "type": "other", "sector": "other", "teryt": "1465011"}
            for x in names
        ),
    )
    territories = frame("territories", ({"teryt": "1465011", "name": "G"},))
    net = build_network(
        Dataset(
            institutions=institutions,
            territories=territories,
            cooperation=frame("cooperation", rows),
            name="random",
        )
    )
    for relation in (None, "information", ["resources", "agreement"]):
        mats = cooperation_matrices(net, relation)
        view = net.cooperation(relation=relation)
        coo = mats.weights.tocoo()
        got = {
            (mats.ids[i], mats.ids[j]): w
            for i, j, w in zip(coo.row, coo.col, coo.data, strict=True)
        }
        assert got == {(u, v): d["weight"] for u, v, d in view.edges(data=True)}, relation
    for wave in ("before", "after"):
        scoped = net.scoped(wave=wave)
        mats = cooperation_matrices(scoped)
        coo = mats.weights.tocoo()
        got = {
            (mats.ids[i], mats.ids[j]): w
            for i, j, w in zip(coo.row, coo.col, coo.data, strict=True)
        }
        view = scoped.cooperation()
        assert got == {(u, v): d["weight"] for u, v, d in view.edges(data=True)}, wave


def test_a_dataset_without_territories_is_analysed() -> None:
    """Only the institutions and cooperation tables: every result, no warning, no names."""
    from kokon_graph.analysis._demo import frame
    from kokon_graph.graph import build_network
    from kokon_graph.io import Dataset

    inst = frame(
        "institutions",
        (
            {"id": i, "name": i, "type": "ops", "sector": "social_assistance", "teryt": "1465011"}
            if i == "a"
            else {"id": i, "name": i, "type": "school", "sector": "education", "teryt": "1465011"}
            for i in ("a", "b", "c")
        ),
    )
    coop = frame(
        "cooperation", ({"source": "a", "target": "b", "kind": "information", "weight": 1.0},)
    )
    results = run_all(build_network(Dataset(institutions=inst, cooperation=coop, name="bare")))
    assert results["gaps_sector"]["gmina_name"].tolist() == [""] * len(results["gaps_sector"])
    assert int(results["network"].loc[0, "ties"]) == 1


# ------------------------------------------------------------------ the result registry


def _dtypes(frame: pd.DataFrame) -> dict[str, str]:
    return {str(c): str(t) for c, t in frame.dtypes.items()}


def test_every_result_has_its_registered_dtypes(valid_results: dict[str, pd.DataFrame]) -> None:
    for name, frame in valid_results.items():
        assert _dtypes(frame) == dict(REGISTRY[name].dtypes), name


def test_demo_results_have_their_registered_dtypes() -> None:
    for name, frame in run_all(demo_network(), **ASK_ALL).items():
        assert _dtypes(frame) == dict(REGISTRY[name].dtypes), name


def test_registry_is_the_one_list() -> None:
    assert [r.name for r in ANALYSIS_RESULTS] == list(COLUMNS)
    assert [r.name for r in ANALYSIS_RESULTS if not r.optional] == list(RESULT_NAMES)
    assert {name: r.doc for name, r in REGISTRY.items() if name in COLUMNS} == dict(RESULTS)
    for res in REGISTRY.values():
        assert len(res.title("pl")) <= 31 and res.title("en"), res.name
        rule = res.suppression
        named = [*rule.counts, *rule.derived, *([rule.base] if rule.base else [])]
        if res.columns:
            assert set(named) <= set(res.columns), res.name
            # every column about families is a suppressed count (no name-guessing needed)
            families = {c for c in res.columns if "famil" in c and res.dtypes[c] == "int64"}
            assert families <= set(rule.counts), res.name


def test_one_name_per_gap_kind() -> None:
    from kokon_graph.analysis.compare import _GAP_RULES
    from kokon_graph.viz.maps import GAP_LAYERS

    assert list(_GAP_RULES) == list(GAP_KINDS)
    for kind in GAP_KINDS.values():
        assert REGISTRY[kind.result].gap is kind
        assert (kind.layer in GAP_LAYERS) == kind.on_map, kind.name
    assert set(GAP_LAYERS) == {k.layer for k in GAP_KINDS.values() if k.on_map}
    gap_results = {r.name for r in ANALYSIS_RESULTS if r.gap is not None}
    assert gap_results == {k.result for k in GAP_KINDS.values()}


def test_report_measures_are_registered_columns() -> None:
    from kokon_graph.report.build import DEGREE_MEASURE, TOP_MEASURES

    assert {DEGREE_MEASURE, *TOP_MEASURES} <= set(REGISTRY["centrality"].columns)


def test_one_arc_table_feeds_both_views(valid_network: Network) -> None:
    from kokon_graph.analysis._graphs import cooperation_matrices
    from kokon_graph.graph import Relation

    rel = Relation.parse("informacja")
    assert Relation.parse(rel) is rel and str(rel) == "information"
    arcs = valid_network.cooperation_arcs(rel)
    assert valid_network.cooperation_arcs("information") is arcs  # one cache, by parsed value
    view = valid_network.cooperation(relation=rel)
    table = zip(arcs["source"], arcs["target"], arcs["weight"], arcs["kinds"], strict=True)
    assert sorted(table) == sorted(
        (s, t, d["weight"], d["kinds"]) for s, t, d in view.edges(data=True)
    )
    mats = cooperation_matrices(valid_network, rel)
    assert mats.weights.sum() == pytest.approx(arcs["weight"].sum())


def test_reasons_are_data_reworded_without_recomputing(
    valid_network: Network, valid_results: dict[str, pd.DataFrame], monkeypatch: pytest.MonkeyPatch
) -> None:
    from kokon_graph.analysis import recommend
    from kokon_graph.report.build import analyse

    frame = valid_results["recommendations"]
    assert len(recommend.reasons_of(frame)) == len(frame) > 0
    for min_count in (1, 3, 8):
        direct = recommend.recommendations(valid_network, min_count=min_count)
        again = recommend.reworded(frame, min_count=min_count)
        pd.testing.assert_frame_equal(again, direct)

    def no_second_run(*args: object, **kwargs: object) -> None:
        raise AssertionError("recommendations computed again")

    real = recommend.recommendations
    calls = []
    monkeypatch.setattr(
        "kokon_graph.analysis.recommendations",
        lambda *a, **k: calls.append(1) or real(*a, **k),
    )
    monkeypatch.setattr("kokon_graph.analysis.recommend.recommendations", no_second_run)
    results = analyse(valid_network, min_count=8)
    assert calls == [1]
    shown = results["recommendations"]
    reasons = recommend.reasons_of(shown)
    assert shown["reason_en"].tolist() == [r.words("en", min_count=8) for r in reasons]
    assert shown["reason_en"].tolist() != frame["reason_en"].tolist()  # 8 reads differently


def test_bad_options_raise_errors_with_hints(valid_network: Network) -> None:
    """A wrong option is the user's error (exit 2 with a hint), never an internal one."""
    from kokon_graph.analysis import centrality, gaps_sector, network_by_territory
    from kokon_graph.analysis._graphs import cooperation_matrices
    from kokon_graph.analysis.communities import detect
    from kokon_graph.errors import OptionError
    from kokon_graph.report.suppress import suppress_result

    calls = [
        lambda: gaps_sector(valid_network, required=("astrology",)),
        lambda: network_by_territory(valid_network, level="street"),
        lambda: detect(cooperation_matrices(valid_network), method="infomap"),
        lambda: centrality(valid_network, betweenness=0),
        lambda: centrality(valid_network, betweenness="fast"),
        lambda: suppress_result("centrality", pd.DataFrame(), min_count=0),
    ]
    for call in calls:
        with pytest.raises(OptionError) as caught:
            call()
        assert isinstance(caught.value, ValueError) and caught.value.hint


def test_every_gap_kind_has_its_words_in_the_report() -> None:
    from kokon_graph.report.sentences import GAP_SENTENCES

    assert list(GAP_SENTENCES) == list(GAP_KINDS)
