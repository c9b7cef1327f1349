"""Each ready query of cypher/queries/ gives the answer of the analysis it mirrors.

The data is loaded into the graph engine (FalkorDB; Neo4j too when
``KOKON_NEO4J_URI`` is set) and each query's rows are compared with the
analysis function run on the :class:`~kokon_graph.graph.Network` scoped the
same way, on tests/data/valid, a generated powiat and every bundled dataset.
"""

from __future__ import annotations

from collections.abc import Iterator

import pandas as pd
import pytest

from kokon_graph import model
from kokon_graph.analysis import (
    centrality,
    gaps_co_serving,
    gaps_group_coverage,
    gaps_referrals,
    gaps_sector,
)
from kokon_graph.analysis.gaps import ANSWERED_STATUSES, COVERAGE_GROUP_TYPES
from kokon_graph.graph import Network, build_network
from kokon_graph.io import Dataset
from kokon_graph.store import GraphSession, load_dataset, run_query
from kokon_graph.store.statements import statement
from tests.conftest import VALID
from tests.store.datasets_for_tests import bundled_dataset_paths, read

CASES = ["valid", "generated", *(p.name for p in bundled_dataset_paths())]


@pytest.fixture(scope="module")
def generated_path(tmp_path_factory: pytest.TempPathFactory) -> str:
    from kokon_graph.generate import generate

    folder = tmp_path_factory.mktemp("generated") / "powiat"
    generate(folder, scale="powiat", seed=5)
    return str(folder)


@pytest.fixture(params=CASES)
def loaded(
    request: pytest.FixtureRequest, store: GraphSession, generated_path: str
) -> Iterator[tuple[GraphSession, Network]]:
    """The store holding one dataset, and the dataset's network."""
    if request.param == "valid":
        dataset: Dataset = read(VALID)
    elif request.param == "generated":
        dataset = read(__import__("pathlib").Path(generated_path))
    else:
        dataset = read(next(p for p in bundled_dataset_paths() if p.name == request.param))
    load_dataset(store, dataset)
    yield store, build_network(dataset)


def _gminas(net: Network, limit: int = 6) -> list[str]:
    codes = sorted({t for t in net.dataset.institutions["teryt"] if len(t) == 7})
    return codes[:limit]


def _powiats(net: Network, limit: int = 3) -> list[str]:
    return sorted({t[:4] for t in net.dataset.institutions["teryt"] if len(t) >= 4})[:limit]


def _waves(net: Network) -> list[str | None]:
    return [None, *net.waves]


def _scope(net: Network, code: str, wave: str | None) -> Network:
    kind = {0: "all", 2: "voivodeship", 4: "powiat", 7: "gmina"}[len(code)]
    return net.scoped(None if kind == "all" else f"{kind}:{code}", wave=wave)


def test_defaults_of_the_queries_are_the_tool_s_constants() -> None:
    assert statement("queries/sector_gaps").param("sectors").default == list(
        model.DEFAULT_REQUIRED_SECTORS
    )
    assert set(statement("queries/sector_gaps").param("centre_types").default) == set(
        model.SOCIAL_ASSISTANCE_TYPES
    )
    assert statement("queries/sector_gaps").param("centre_sector").default in model.SECTORS
    answer = statement("queries/unanswered_referrals").param("answer_statuses").default
    assert set(answer) == set(ANSWERED_STATUSES)
    group_types = statement("queries/group_coverage").param("group_types").default
    assert group_types == list(COVERAGE_GROUP_TYPES)
    assert statement("queries/group_coverage").param("ignored_sectors").default == [model.OTHER]


def test_central_actors_mirror_centrality(loaded: tuple[GraphSession, Network]) -> None:
    store, net = loaded
    columns = ["id", "degree", "in_degree", "out_degree", "degree_sym"]
    compared = 0
    for gmina in _gminas(net):
        for wave in _waves(net):
            rows = run_query(
                store, "central_actors", {"gmina": gmina, "wave": wave, "limit": 10**6}
            )
            expected = centrality(_scope(net, gmina, wave))[columns]
            got = rows[columns].sort_values("id", ignore_index=True)
            want = expected.sort_values("id", ignore_index=True).astype(
                dict.fromkeys(columns[1:], "int64")
            )
            pd.testing.assert_frame_equal(got, want, check_dtype=False)
            # ranked: most connected first
            assert list(rows["degree"]) == sorted(rows["degree"], reverse=True)
            compared += len(rows)
    assert compared > 0


def _pairs(frame: pd.DataFrame, count: str) -> set[tuple[frozenset[str], int]]:
    return {
        (frozenset((s, t)), int(n))
        for s, t, n in zip(frame["source"], frame["target"], frame[count], strict=True)
    }


def test_co_serving_without_tie_mirrors_gaps_co_serving(
    loaded: tuple[GraphSession, Network],
) -> None:
    store, net = loaded
    found = 0
    for code in ["", *_powiats(net), *_gminas(net, 2)]:
        for wave in _waves(net):
            rows = run_query(store, "co_serving_without_tie", {"teryt": code, "wave": wave})
            expected = gaps_co_serving(_scope(net, code, wave))
            assert _pairs(rows, "shared_families") == _pairs(expected, "shared_families")
            assert len(rows) == len(expected)
            found += len(rows)
    assert found > 0
    rows = run_query(store, "co_serving_without_tie", {"min_shared": 2})
    expected = gaps_co_serving(net, min_shared=2)
    assert _pairs(rows, "shared_families") == _pairs(expected, "shared_families")


def test_sector_gaps_mirror_gaps_sector(loaded: tuple[GraphSession, Network]) -> None:
    store, net = loaded
    columns = ["gmina", "gmina_name", "ops_id", "ops_name", "sector", "status", "institutions"]
    statuses = set()
    for gmina in _gminas(net):
        for wave in _waves(net):
            rows = run_query(store, "sector_gaps", {"gmina": gmina, "wave": wave})
            expected = gaps_sector(_scope(net, gmina, wave))
            expected = expected[expected["gmina"] == gmina].reset_index(drop=True)
            pd.testing.assert_frame_equal(
                rows[columns].astype({"institutions": "int64"}),
                expected[columns],
                check_dtype=False,
            )
            statuses.update(rows["status"])
    assert statuses, "no sector gap in the data: the comparison proves nothing"


def test_unanswered_referrals_mirror_gaps_referrals(
    loaded: tuple[GraphSession, Network],
) -> None:
    store, net = loaded
    columns = ["source", "target", "referrals", "answered", "unanswered", "rejected"]
    found = 0
    for code in ["", *_powiats(net), *_gminas(net, 2)]:
        for wave in _waves(net):
            rows = run_query(store, "unanswered_referrals", {"teryt": code, "wave": wave})
            expected = gaps_referrals(_scope(net, code, wave))
            expected = expected[expected["unanswered"] >= 1]
            got = {tuple(r) for r in rows[columns].itertuples(index=False)}
            want = {tuple(r) for r in expected[columns].itertuples(index=False)}
            assert got == want
            assert list(rows["unanswered"]) == sorted(rows["unanswered"], reverse=True)
            found += len(rows)
    assert found > 0


def test_group_coverage_mirrors_gaps_group_coverage(
    loaded: tuple[GraphSession, Network],
) -> None:
    store, net = loaded
    columns = [
        "territory",
        "territory_name",
        "group_id",
        "group_name",
        "group_type",
        "sector",
        "institutions",
    ]
    found = 0
    for code in ["", *_powiats(net)]:
        for wave in _waves(net):
            rows = run_query(store, "group_coverage", {"teryt": code, "wave": wave})
            expected = gaps_group_coverage(_scope(net, code, wave))
            pd.testing.assert_frame_equal(
                rows[columns].astype({"institutions": "int64"}),
                expected[columns].reset_index(drop=True),
                check_dtype=False,
            )
            found += len(rows)
    assert found > 0


def test_ego_network_mirrors_the_cooperation_view(loaded: tuple[GraphSession, Network]) -> None:
    store, net = loaded
    ids = sorted(net.institutions.index)[:25]
    checked = 0
    for wave in _waves(net):
        view = net.scoped(None, wave=wave).cooperation()
        for ego in ids:
            rows = run_query(store, "ego_network", {"id": ego, "wave": wave})
            partners = set(view.successors(ego)) | set(view.predecessors(ego))
            assert set(rows["partner"]) == partners
            for partner, out, inc, kinds in zip(
                rows["partner"], rows["outgoing"], rows["incoming"], rows["kinds"], strict=True
            ):
                assert bool(out) == view.has_edge(ego, partner)
                assert bool(inc) == view.has_edge(partner, ego)
                arc_kinds = set()
                for u, v in ((ego, partner), (partner, ego)):
                    if view.has_edge(u, v):
                        arc_kinds |= set(view[u][v]["kinds"].split(model_sep()))
                assert set(kinds) == arc_kinds
                checked += 1
    assert checked > 0


def model_sep() -> str:
    from kokon_graph.io.schema import LIST_SEPARATOR

    return LIST_SEPARATOR
