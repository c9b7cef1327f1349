"""The maps in a real browser (headless Chromium): drawn as expected, offline, safe,
and the filters, layers and search work. Screenshots land in artifacts/maps/."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest
from pyvis.network import Network as PyvisNetwork

from kokon_graph import Dataset, Network, build_network
from kokon_graph.viz import Map, build_map
from kokon_graph.viz.style import GAP_COLOUR
from tests.viz.browser import Chromium, PageRun
from tests.viz.conftest import HOSTILE, HOSTILE_GROUP, HOSTILE_TERRITORY

pytestmark = pytest.mark.browser


def save(m: Map, folder: Path, name: str) -> Path:
    return m.save(folder / f"{name}.html")


def assert_clean(run: PageRun) -> None:
    assert run.console_errors == []
    assert run.foreign_requests == []
    assert run.requests == [run.url]
    assert run.dialogs == []


KINDS = [
    ("cooperation", {}),
    ("ego", {"focus": "OPS1", "steps": 2}),
    ("groups", {}),
    ("referrals", {"min_count": 1}),
    ("aggregate", {"level": "gmina"}),
    ("cooperation_en", {"lang": "en", "size_by": "betweenness"}),
]


@pytest.mark.parametrize(("name", "options"), KINDS, ids=[k for k, _ in KINDS])
def test_each_kind_of_map_draws_its_nodes_and_edges_offline(
    chromium: Chromium,
    valid_network: Network,
    tmp_path: Path,
    artifacts: Path,
    name: str,
    options: dict,
) -> None:
    m = build_map(valid_network, kind=name.removesuffix("_en"), **options)
    with chromium.open(save(m, tmp_path, name)) as run:
        assert_clean(run)
        assert run.shown() == m.visible_counts()
        nodes, edges = run.shown_ids()
        assert nodes == {n["id"] for n in m.nodes}
        on = {layer.id for layer in m.layers if layer.on}
        assert edges == {e["id"] for e in m.edges if e["layer"] in on and m.drawn(e)}
        # vis drew them: its body holds every node at the precomputed position
        drawn = run.js("Object.keys(window.kokonMap.network.getPositions()).length")
        assert drawn == len(m.nodes)
        legend = run.page.locator("#kk-legend")
        assert legend.is_visible()
        if options.get("lang") == "en":
            assert run.page.locator("h1").inner_text() == "Cooperation network"
            assert "Shape: level" in legend.inner_text()
        else:
            assert run.page.locator("h1").inner_text() == m.title
            assert "Kształt: poziom" in legend.inner_text()
            assert "Warstwy" in (run.page.locator("#kk-panel").text_content() or "")
        run.page.screenshot(path=str(artifacts / f"{name}.png"))


def test_the_cooperation_map_shows_the_expected_counts(
    chromium: Chromium, valid_dataset: Dataset, valid_network: Network, tmp_path: Path
) -> None:
    coop = valid_dataset.cooperation
    ties = len({frozenset(p) for p in zip(coop["source"], coop["target"], strict=True)})
    m = build_map(valid_network)
    with chromium.open(save(m, tmp_path, "counts")) as run:
        # 13 institutions, 12 ties; no gap rests on 3 families or 3 unanswered referrals
        # (7 families in all), so no gap line is drawn at the default threshold
        assert m.gap_threshold == 3
        assert run.shown() == (len(valid_dataset.institutions), ties) == (13, 12)
        count = run.page.locator("#kk-count").inner_text()
        assert count == "Widoczne: 13 węzłów, 12 powiązań"
        hidden = run.page.locator("#kk-gap-hidden").inner_text()
        assert hidden.startswith("Nienarysowane mniejsze luki: 14 ")
        # the slider down to 1: every gap line, 11 co-serving gaps + 3 unanswered pairs
        run.page.locator("#kk-threshold").fill("1")
        assert run.shown() == (13, ties + 11 + 3) == (13, 26)
        count = run.page.locator("#kk-count").inner_text()
        assert count == "Widoczne: 13 węzłów, 26 powiązań"
        assert run.page.locator("#kk-gap-hidden").inner_text() == ""


def test_the_harness_sees_what_a_default_pyvis_page_loads(
    chromium: Chromium, tmp_path: Path
) -> None:
    """Control: pyvis's own page (from_nx, in_line) asks CDNs for Bootstrap; we notice."""
    net = PyvisNetwork(cdn_resources="in_line")
    net.from_nx(nx.path_graph(3))
    page = tmp_path / "pyvis-default.html"
    net.write_html(str(page))
    with chromium.open(page, wait=False) as run:
        run.poll("document.readyState === 'complete'")
        assert any("cdn.jsdelivr.net" in url for url in run.foreign_requests)
        assert run.blocked  # refused, never sent


def open_tooltip(run: PageRun, node_id: str) -> str:
    x, y = run.node_dom_position(node_id)
    run.page.mouse.move(x + 40, y + 40)
    run.page.mouse.move(x, y, steps=4)
    tooltip = run.page.locator("div.vis-tooltip")
    tooltip.wait_for(state="visible", timeout=5000)
    return tooltip.inner_text()


def test_hostile_names_stay_text(
    chromium: Chromium, hostile_dataset: Dataset, tmp_path: Path, artifacts: Path
) -> None:
    net = build_network(hostile_dataset)
    m = build_map(net)
    with chromium.open(save(m, tmp_path, "hostile")) as run:
        page = run.page
        for node_id, name in HOSTILE.items():
            assert open_tooltip(run, node_id).splitlines()[0] == name
        for name in HOSTILE.values():
            page.locator("#kk-search-input").fill(name)
            result = page.locator("#kk-results button").first
            # the short label, then the full name: both as text
            assert result.evaluate("b => b.querySelector('.kk-sub').textContent") == name
            result.click()
            assert page.locator("#kk-selected .kk-tip-head").inner_text() == name
        # a territory called </script><script>... is an option label, as text
        options = page.locator("#kk-filter-territory option").all_inner_texts()
        assert f"– {HOSTILE_TERRITORY[1]} ({HOSTILE_TERRITORY[0]})" in options
        page.wait_for_timeout(300)
        assert run.js("document.scripts.length") == 6
        assert run.js("document.images.length") == 0
        assert run.js("document.querySelectorAll('svg [onload], [onerror]').length") == 0
        page.screenshot(path=str(artifacts / "hostile.png"))
        assert_clean(run)
    groups = build_map(net, kind="groups")
    with chromium.open(save(groups, tmp_path, "hostile-groups")) as run:
        assert open_tooltip(run, HOSTILE_GROUP[0]).splitlines()[0] == HOSTILE_GROUP[1]
        run.page.wait_for_timeout(300)
        assert_clean(run)


def choose(run: PageRun, name: str, value: str) -> None:
    run.page.select_option(f"#kk-filter-{name}", value)


def test_filters_and_layers_change_what_is_visible(
    chromium: Chromium, valid_dataset: Dataset, valid_network: Network, tmp_path: Path
) -> None:
    inst = valid_dataset.institutions
    m = build_map(valid_network, gap_threshold=1)  # every gap line drawn
    with chromium.open(save(m, tmp_path, "filters")) as run:
        choose(run, "sector", "education")
        nodes, edges = run.shown_ids()
        assert nodes == set(inst.loc[inst["sector"] == "education", "id"]) == {"SZK1", "SZK2"}
        assert edges == set()  # the two schools have no tie and share no family
        choose(run, "sector", "")
        choose(run, "territory", "2815022")
        # Dąbrówno's institutions and those of the powiat and voivodeship containing it
        inside = inst["teryt"].map(lambda t: t.startswith("2815022") or t in ("2815", "28"))
        nodes, edges = run.shown_ids()
        assert nodes == set(inst.loc[inside, "id"])
        by_id = {e["id"]: e for e in m.edges}
        assert all(by_id[e]["from"] in nodes and by_id[e]["to"] in nodes for e in edges)
        assert len(edges) == sum(1 for e in m.edges if e["from"] in nodes and e["to"] in nodes)
        choose(run, "type", "school")
        assert run.shown_ids()[0] == {"SZK2"}
        run.page.click("#kk-reset")
        assert run.shown() == m.visible_counts()
        # layers
        run.page.uncheck("input[data-layer=ties]")
        assert run.shown()[1] == m.visible_counts()[1] - 12
        run.page.uncheck("input[data-layer=gap_co_serving]")
        run.page.uncheck("input[data-layer=gap_referrals]")
        assert run.shown()[1] == 0
        border = "window.kokonMap.nodes.get('OPS1').color.border"
        assert run.js(border) == GAP_COLOUR
        run.page.uncheck("input[data-layer=gap_sector]")
        assert run.js(border) != GAP_COLOUR
        run.page.check("input[data-layer=gap_sector]")
        run.page.check("input[data-layer=ties]")
        assert run.js(border) == GAP_COLOUR
        assert run.shown() == (13, 12)
        assert_clean(run)


def test_search_ignores_diacritics_and_focuses_the_institution(
    chromium: Chromium, valid_network: Network, tmp_path: Path
) -> None:
    m = build_map(valid_network)
    with chromium.open(save(m, tmp_path, "search")) as run:
        page = run.page
        box = page.locator("#kk-search-input")
        results = page.locator("#kk-results button")
        dabrowno = {"GOPS2", "SZK2", "PAR2", "POL2"}  # every name ends "w Dąbrównie"
        for query in ("DABROWNIE", "dąbrównie", "Dabrównie"):
            box.fill(query)
            assert set(results.evaluate_all("bs => bs.map(b => b.dataset.node)")) == dabrowno
        box.fill("osrodek pomocy")
        with_diacritics = results.evaluate_all("bs => bs.map(b => b.dataset.node)")
        box.fill("Ośrodek Pomocy")
        assert results.evaluate_all("bs => bs.map(b => b.dataset.node)") == with_diacritics
        # the two social assistance centres first; the ROPS (sector "pomoc ...") after them
        assert set(with_diacritics[:2]) == {"OPS1", "GOPS2"}
        assert with_diacritics[2:] == ["ROPS28"]
        box.fill("xyz123")
        assert page.locator("#kk-results").inner_text() == "Nic nie znaleziono"
        # a node hidden by a filter: the search shows everything again and focuses it
        choose(run, "sector", "education")
        box.fill("korale")
        sub = "b => b.querySelector('.kk-sub').textContent"
        assert results.first.evaluate(sub) == "Fundacja „Korale”"
        box.press("Enter")
        page.wait_for_timeout(700)  # the focus animation
        assert run.js("window.kokonMap.network.getSelectedNodes()") == ["NGO1"]
        assert page.locator("#kk-filter-sector").input_value() == ""
        assert run.shown() == m.visible_counts()
        centre = run.js("window.kokonMap.network.getViewPosition()")
        node = next(n for n in m.nodes if n["id"] == "NGO1")
        assert centre["x"] == pytest.approx(node["x"], abs=5)
        assert centre["y"] == pytest.approx(node["y"], abs=5)
        assert "Fundacja „Korale”" in page.locator("#kk-selected").inner_text()
        assert_clean(run)


def test_a_map_opens_on_its_focus(
    chromium: Chromium, valid_network: Network, tmp_path: Path
) -> None:
    m = build_map(valid_network, focus="PAR2")
    with chromium.open(save(m, tmp_path, "focus")) as run:
        run.poll("window.kokonMap.focused === 'PAR2'")
        assert run.js("window.kokonMap.network.getSelectedNodes()") == ["PAR2"]
        assert_clean(run)


def test_gap_lines_switched_off_load_when_switched_on(
    chromium: Chromium, valid_network: Network, tmp_path: Path
) -> None:
    m = build_map(valid_network, gap_lines=False, gap_threshold=1)
    assert [(layer.id, layer.on) for layer in m.layers] == [
        ("ties", True),
        ("gap_co_serving", False),
        ("gap_referrals", False),
        ("gap_sector", True),
    ]
    with chromium.open(save(m, tmp_path, "lazy")) as run:
        assert run.shown() == (13, 12) == m.visible_counts()
        assert run.js("window.kokonMap.edges.length") == 12  # the gap lines are not loaded
        run.page.check("input[data-layer=gap_co_serving]")
        assert run.shown() == (13, 12 + 11)
        choose(run, "territory", "2815022")
        run.page.check("input[data-layer=gap_referrals]")
        nodes, edges = run.shown_ids()
        by_id = {e["id"]: e for e in m.edges}
        expected = {e["id"] for e in m.edges if e["from"] in nodes and e["to"] in nodes}
        assert edges == expected
        assert any(by_id[e]["layer"] == "gap_referrals" for e in edges)
        assert_clean(run)


def test_a_map_sharing_vis_network_loads_only_the_shared_copy(
    chromium: Chromium, valid_network: Network, tmp_path: Path
) -> None:
    """An atlas's maps link one copy of vis-network two folders up: the page draws, loads
    exactly that script and style sheet, and carries no copy of its own."""
    from kokon_graph.viz.page import SHARED_FILES, assets, write_shared_assets

    lib = write_shared_assets(tmp_path / "_lib")
    m = build_map(valid_network, kind="cooperation")
    m.assets_href = "../../_lib"
    page = tmp_path / "gmina" / "x"
    page.mkdir(parents=True)
    path = save(m, page, "map")
    html = path.read_text(encoding="utf-8")
    assert assets().vis_js[:2000] not in html
    assert len(html) < len(build_map(valid_network, kind="cooperation").to_html()) - 400_000
    with chromium.open(path) as run:
        assert run.console_errors == [] and run.dialogs == [] and run.blocked == []
        assert sorted(run.requests) == sorted(
            [run.url, *((lib / name).resolve().as_uri() for name in SHARED_FILES)]
        )
        assert run.shown() == m.visible_counts()


def test_the_first_view_holds_every_frame_and_label_whole(
    chromium: Chromium, tmp_path: Path
) -> None:
    """The powiat of docs/img/map-cooperation.png: every territory frame and every label
    drawn lies inside the map's canvas when the page opens (vis-network's own fit sees the
    nodes only, and cut a gmina's frame and two labels at the right edge)."""
    from kokon_graph import read_dataset
    from tests.conftest import REPO

    data = read_dataset(REPO / "datasets" / "kooperacja-efektywna")
    m = build_map(build_network(data, scope="powiat:2815"))
    assert len(m.frames) >= 3
    with chromium.open(save(m, tmp_path, "fit")) as run:
        run.poll("window.kokonMap.labelPass >= 1")
        box = run.js("document.getElementById('mynetwork').getBoundingClientRect().toJSON()")
        corners = run.js(
            """(frames) => {
                const net = window.kokonMap.network;
                const box = document.getElementById("mynetwork").getBoundingClientRect();
                return frames.map(([x, y, w, h]) => {
                    const a = net.canvasToDOM({x, y}), b = net.canvasToDOM({x: x + w, y: y + h});
                    return [a.x + box.left, a.y + box.top, b.x + box.left, b.y + box.top];
                });
            }""",
            [[x, y, w, h] for _, x, y, w, h, _ in m.frames],
        )
        for left, top, right, bottom in corners:
            assert box["left"] <= left and right <= box["right"]
            assert box["top"] <= top and bottom <= box["bottom"]
        labels = run.js(
            """() => {
                const m = window.kokonMap, net = m.network;
                const box = document.getElementById("mynetwork").getBoundingClientRect();
                const ctx = document.createElement("canvas").getContext("2d");
                ctx.font = "14px system-ui, Arial, sans-serif";
                return m.nodes.get({filter: (n) => !n.hidden && n.label}).map((n) => {
                    const p = net.canvasToDOM(net.getPositions([n.id])[n.id]);
                    const half = ctx.measureText(n.label).width / 2;
                    return [n.label, p.x + box.left - half, p.x + box.left + half];
                });
            }"""
        )
        assert len(labels) > 10
        for label, left, right in labels:
            assert box["left"] <= left and right <= box["right"], label
