"""Search the way staff type, and focus on an institution: in a real browser (Chromium)."""

from __future__ import annotations

import struct
from pathlib import Path
from xml.etree import ElementTree

import pytest

from kokon_graph import Network, build_network, read_dataset
from kokon_graph.viz import Map, build_map
from tests.conftest import REPO, TEST_KEY
from tests.viz.browser import Chromium, PageRun

pytestmark = pytest.mark.browser

#: (dataset, what a member of staff types, the institution that must come first). The
#: expected hits were chosen by reading each dataset's institutions.csv.
QUERIES = [
    ("praski-kokon", "OPS", "1465088-OPS"),
    ("praski-kokon", "ops praga", "1465088-OPS"),
    ("praski-kokon", "MCPS", "14-MCPS"),
    ("praski-kokon", "PCPR", "1465-PCPR"),
    ("praski-kokon", "szkoła A", "1465088-SZK1"),
    ("praski-kokon", "sp b", "1465088-SZK2"),
    ("praski-kokon", "komisariat", "1465088-POL"),
    ("praski-kokon", "KRP", "1465-KPP"),
    ("praski-kokon", "przedszkole d", "1465088-PRZ4"),
    ("praski-kokon", "otwarte drzwi", "1465088-OD"),
    ("praski-kokon", "PPP", "1465088-PPP"),
    ("zawsze-rodzina", "MOPS", "1261011-MOPS"),
    ("zawsze-rodzina", "mops krakow", "1261011-MOPS"),
    ("zawsze-rodzina", "PUP", "1261-PUP"),
    ("zawsze-rodzina", "urzad pracy", "1261-PUP"),
    ("zawsze-rodzina", "komisariat b", "1261011-POL2"),
    ("zawsze-rodzina", "POZ c", "1261011-POZ3"),
    ("zawsze-rodzina", "DPS", "1261-DPS"),
    ("liderzy-kooperacji", "gops wolka", "0609812-OPS"),
    ("liderzy-kooperacji", "wólka gops", "0609812-OPS"),
    ("liderzy-kooperacji", "szkola nr 2 wolka", "0609812-SZK2"),
    ("liderzy-kooperacji", "SP 2 Wólka", "0609812-SZK2"),
    ("liderzy-kooperacji", "KGW wolka", "0609812-NGO1"),
    ("liderzy-kooperacji", "rops lublin", "06-ROPS"),
    ("liderzy-kooperacji", "osrodek zdrowia wolka", "0609812-POZ"),
    ("kooperacja-efektywna", "MGOPS milowo", "2815813-OPS"),
    ("kooperacja-efektywna", "mgops łąkowo", "2815823-OPS"),
    ("kooperacja-efektywna", "pcpr ostrodzki", "2815-PCPR"),
    ("kooperacja-efektywna", "kpp ostr", "2815-KPP"),
    ("kooperacja-efektywna", "policja milowo", "2815813-POL"),
    ("kooperacja-efektywna", "POZ 1 milowo", "2815813-POZ1"),
    ("kooperacja-efektywna", "przychodnia nr 2 lakowo", "2815823-POZ2"),
    ("kooperacja-efektywna", "sad ostrodzki", "2815-SR"),
]


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("search")
    out = {}
    for name in sorted({q[0] for q in QUERIES}):
        network = build_network(read_dataset(REPO / "datasets" / name, pseudonym_key=TEST_KEY))
        out[name] = build_map(network, gaps=False).save(folder / f"{name}.html")
    return out


def test_at_least_twenty_queries_are_checked() -> None:
    assert len(QUERIES) >= 20


@pytest.mark.parametrize("dataset", sorted({q[0] for q in QUERIES}))
def test_the_first_hit_is_the_obvious_one(
    chromium: Chromium, pages: dict[str, Path], dataset: str
) -> None:
    with chromium.open(pages[dataset]) as run:
        box = run.page.locator("#kk-search-input")
        first = run.page.locator("#kk-results button").first
        for _, query, expected in (q for q in QUERIES if q[0] == dataset):
            box.fill(query)
            assert first.get_attribute("data-node") == expected, query
        # Enter focuses the first hit
        box.fill("PCPR" if dataset != "zawsze-rodzina" else "MOPS")
        box.press("Enter")
        run.poll("window.kokonMap.focused")
        assert run.console_errors == []


# --------------------------------------------------------------------------- focus


def partners(m: Map, node: str, layers: set[str]) -> dict[str, set[str]]:
    """The map's own answer, per layer: who ``node`` is linked to among the lines shown."""
    out: dict[str, set[str]] = {}
    for e in m.edges:
        if e["layer"] in layers and m.drawn(e) and node in (e["from"], e["to"]):
            other = e["to"] if e["from"] == node else e["from"]
            out.setdefault(e["layer"], set()).add(other)
    return out


def panel_sections(run: PageRun) -> dict[str, set[str]]:
    return run.js(
        """() => {
            const out = {};
            for (const h of document.querySelectorAll("#kk-selected .kk-focus h3")) {
              const ul = h.nextElementSibling;
              out[h.textContent] = Array.from(ul.querySelectorAll("[data-node]"))
                .map((b) => b.dataset.node);
            }
            return out;
        }"""
    )


def test_clicking_an_institution_highlights_and_lists_its_partners(
    chromium: Chromium, valid_network: Network, tmp_path: Path
) -> None:
    m = build_map(valid_network, gap_threshold=1)  # every gap line drawn
    on = {layer.id for layer in m.layers if layer.on and layer.target == "edges"}
    expected = partners(m, "OPS1", on)
    near = {"OPS1"}.union(*expected.values())
    with chromium.open(m.save(tmp_path / "focus.html")) as run:
        x, y = run.node_dom_position("OPS1")
        run.page.mouse.click(x, y)
        run.poll("window.kokonMap.focused === 'OPS1'")
        # partners at full strength, the rest dimmed
        opacity = run.js(
            """() => Object.fromEntries(
                window.kokonMap.nodes.get().map((n) => [n.id, n.opacity ?? 1]))"""
        )
        assert {n for n, o in opacity.items() if o == 1} == near
        assert all(o < 0.5 for n, o in opacity.items() if n not in near)
        sections = panel_sections(run)
        listed_ties = set().union(
            *(set(v) for k, v in sections.items() if k.startswith("Współpraca:"))
        )
        assert listed_ties == expected["ties"]
        gaps = next(v for k, v in sections.items() if k.startswith("Wspólne rodziny"))
        assert set(gaps) == expected["gap_co_serving"]
        assert len(gaps) == len(expected["gap_co_serving"])
        text = run.page.locator("#kk-selected").inner_text()
        assert "<3 rodz." in text  # small counts stay hidden in the panel too
        assert "Grupy i zespoły" in text
        # only its neighbourhood, then back to the whole map
        run.page.click("#kk-only")
        assert run.shown_ids()[0] == near
        run.page.click("#kk-back")
        assert run.shown() == m.visible_counts()
        assert run.js("window.kokonMap.focused") is None
        assert run.js("window.kokonMap.nodes.get().every((n) => (n.opacity ?? 1) === 1)")
        assert run.console_errors == []


def test_choosing_a_territory_zooms_to_it(
    chromium: Chromium, valid_network: Network, tmp_path: Path
) -> None:
    m = build_map(valid_network)
    with chromium.open(m.save(tmp_path / "zoom.html")) as run:
        before = run.js("window.kokonMap.network.getScale()")
        run.page.select_option("#kk-filter-territory", "2815022")
        run.page.wait_for_timeout(700)  # the zoom animation
        shown = run.shown_ids()[0]
        after = run.js("window.kokonMap.network.getScale()")
        assert after > before
        # every institution of the gmina is in view
        view = run.js("document.getElementById('mynetwork').getBoundingClientRect().toJSON()")
        own = {n["id"] for n in m.nodes if n["teryt"].startswith("2815022")}
        assert own and own <= shown
        for node in own:
            px, py = run.node_dom_position(node)
            assert view["left"] <= px <= view["right"] and view["top"] <= py <= view["bottom"]


# --------------------------------------------------------------------------- save, print


def test_the_view_saves_as_png_and_svg_with_title_and_legend(
    chromium: Chromium, valid_network: Network, tmp_path: Path
) -> None:
    m = build_map(valid_network)
    with chromium.open(m.save(tmp_path / "save.html")) as run:
        run.poll("window.kokonMap.labelPass >= 1")
        with run.page.expect_download() as info:
            run.page.click("#kk-save-png")
        png = info.value.path().read_bytes()
        assert png[:8] == b"\x89PNG\r\n\x1a\n"
        width, height = struct.unpack(">II", png[16:24])
        assert width == 1600 and height > 600
        with run.page.expect_download() as info:
            run.page.click("#kk-save-svg")
        assert info.value.suggested_filename.endswith(".svg")
        svg = ElementTree.fromstring(info.value.path().read_text(encoding="utf-8"))
        texts = [t.text or "" for t in svg.iter("{http://www.w3.org/2000/svg}text")]
        assert texts[0] == m.title
        assert any(t.startswith("Zakres: cały zbiór danych") and "Stan danych:" in t for t in texts)
        assert "Legenda" in texts and "Kolor: sektor" in texts
        shown_nodes, shown_edges = run.shown()
        kinds = [el.get("class") for el in svg.iter()]
        assert kinds.count("kk-node") == shown_nodes
        assert kinds.count("kk-edge") == shown_edges
        labels = run.js("window.kokonMap.nodes.get({filter: (n) => n.label}).map((n) => n.label)")
        assert sorted(t for t in texts if t in labels) == sorted(labels)
        assert run.console_errors == []


def test_printing_keeps_the_legend_and_drops_the_controls(
    chromium: Chromium, valid_network: Network, tmp_path: Path
) -> None:
    m = build_map(valid_network)
    with chromium.open(m.save(tmp_path / "print.html")) as run:
        run.page.emulate_media(media="print")
        assert run.page.locator("#kk-legend").is_visible()
        assert not run.page.locator(".kk-filters").is_visible()
        assert not run.page.locator("#kk-search-input").is_visible()
        assert run.page.locator("#mynetwork canvas").is_visible()
