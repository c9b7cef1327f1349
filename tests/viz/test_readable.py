"""Maps read at a glance, measured in a real browser (headless Chromium).

On every bundled dataset and a generated powiat, for the cooperation, ego, groups and
referrals maps:

- no two drawn labels overlap: the boxes vis-network reports (``getBoundingBox``: the node
  and its label) of every visible node with a label are pairwise disjoint, at the
  initial view and zoomed in;
- the most central institution is labelled, and so are enough others to read the map;
- at the initial view the gap lines shown never outnumber the ties shown;
- the map uses the canvas (its nodes span most of its width or height).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from kokon_graph import Network, build_network, read_dataset
from kokon_graph.generate import generate
from kokon_graph.viz import build_map
from tests.conftest import REPO, TEST_KEY
from tests.viz.browser import Chromium, PageRun

pytestmark = pytest.mark.browser

BUNDLED = sorted(
    p.name for p in (REPO / "datasets").iterdir() if (p / "institutions.csv").is_file()
)
SOURCES = [*BUNDLED, "generated-powiat"]
KINDS = ("cooperation", "ego", "groups", "referrals")

#: Pairs of labelled nodes whose boxes intersect (vis-network's own boxes, page coordinates).
OVERLAPS = """() => {
  const m = window.kokonMap;
  const net = m.network;
  // vis-network draws (and measures) only the nodes in view: those whose centre is in it
  const view = document.getElementById("mynetwork").getBoundingClientRect();
  const inView = (id) => {
    const p = net.canvasToDOM(net.getPositions([id])[id]);
    return p.x >= 0 && p.y >= 0 && p.x <= view.width && p.y <= view.height;
  };
  const ids = m.nodes.getIds({filter: (n) => !n.hidden && n.label}).filter(inView);
  const boxes = ids.map((id) => [id, net.getBoundingBox(id)]);
  const bad = [];
  for (let i = 0; i < boxes.length; i += 1) {
    for (let j = i + 1; j < boxes.length; j += 1) {
      const a = boxes[i][1];
      const b = boxes[j][1];
      if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom) {
        bad.push([boxes[i][0], boxes[j][0]]);
      }
    }
  }
  return {labelled: ids, overlaps: bad};
}"""

#: Visible edges per layer, and how much of the canvas the nodes span.
VIEW = """() => {
  const m = window.kokonMap;
  const net = m.network;
  const layers = {};
  for (const e of m.edges.get({filter: (e) => !e.hidden})) {
    layers[e.layer] = (layers[e.layer] || 0) + 1;
  }
  const ids = m.nodes.getIds({filter: (n) => !n.hidden});
  const xs = [], ys = [];
  for (const id of ids) {
    const p = net.canvasToDOM(net.getPositions([id])[id]);
    xs.push(p.x);
    ys.push(p.y);
  }
  const box = document.getElementById("mynetwork").getBoundingClientRect();
  return {
    layers,
    spanX: (Math.max(...xs) - Math.min(...xs)) / box.width,
    spanY: (Math.max(...ys) - Math.min(...ys)) / box.height,
    top: m.nodes.get({filter: (n) => !n.hidden}).sort((a, b) => a.rank - b.rank)[0].id,
  };
}"""


@pytest.fixture(scope="module")
def networks(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Network]]:
    out: dict[str, Network] = {}
    for name in BUNDLED:
        out[name] = build_network(read_dataset(REPO / "datasets" / name, pseudonym_key=TEST_KEY))
    folder = tmp_path_factory.mktemp("generated") / "powiat"
    generate(folder, scale="powiat", seed=1)
    out["generated-powiat"] = build_network(read_dataset(folder, pseudonym_key=TEST_KEY))
    yield out


def ego_focus(network: Network) -> str:
    """The institution an ego map is drawn around: the powiat's family support centre (as
    in the issue: 2815-PCPR), else the best-connected institution."""
    inst = network.institutions
    pcpr = sorted(inst.index[inst["type"] == "pcpr"])
    if pcpr:
        return str(pcpr[0])
    graph = network.cooperation(directed=False)
    return str(max(sorted(graph.nodes), key=graph.degree))


def settle(run: PageRun) -> None:
    """Wait until the page has chosen its labels and drawn them."""
    run.poll("window.kokonMap.labelPass >= 1")
    run.page.wait_for_timeout(50)


def assert_no_overlap(run: PageRun, where: str) -> list[str]:
    found = run.js(OVERLAPS)
    assert found["overlaps"] == [], f"{where}: labels overlap: {found['overlaps'][:5]}"
    return list(found["labelled"])


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("source", SOURCES)
def test_labels_never_overlap_and_gaps_never_outnumber_ties(
    chromium: Chromium,
    networks: dict[str, Network],
    tmp_path: Path,
    artifacts: Path,
    source: str,
    kind: str,
) -> None:
    network = networks[source]
    options = {"focus": ego_focus(network)} if kind == "ego" else {}
    m = build_map(network, kind=kind, **options)
    path = m.save(tmp_path / f"{source}-{kind}.html")
    with chromium.open(path) as run:
        settle(run)
        labelled = assert_no_overlap(run, "initial view")
        view = run.js(VIEW)
        assert view["top"] in labelled  # the most central institution is always labelled
        assert len(labelled) >= min(8, len(m.nodes))
        ties = sum(view["layers"].get(layer, 0) for layer in ("ties", "membership", "referrals"))
        gaps = sum(view["layers"].get(layer, 0) for layer in ("gap_co_serving", "gap_referrals"))
        assert gaps <= ties, view["layers"]
        if len(m.nodes) > 2:
            assert max(view["spanX"], view["spanY"]) > 0.75, view
        run.page.screenshot(path=str(artifacts / f"readable-{source}-{kind}.png"))
        # zoomed in three times around the centre: more labels, still none over another
        run.js(
            """() => { const net = window.kokonMap.network;
                       net.moveTo({scale: net.getScale() * 3}); window.kokonMap.relabel(); }"""
        )
        run.page.wait_for_timeout(100)
        assert_no_overlap(run, "zoomed in")
        assert run.console_errors == []


def test_a_big_map_opens_on_its_overview_and_a_click_opens_a_territory(
    chromium: Chromium, networks: dict[str, Network], tmp_path: Path
) -> None:
    """Forced on the generated powiat (the voivodeship, above OVERVIEW_LIMIT institutions,
    is measured in benchmarks/bench_maps.py)."""
    m = build_map(networks["generated-powiat"], overview=True)
    territories = [n for n in m.nodes if n["kk"] == "overview"]
    institutions = [n for n in m.nodes if n["kk"] == "institution"]
    assert len(territories) == len(m.frames)  # one per gmina, powiat and voivodeship frame
    assert sum(1 for n in institutions if n["teryt"].startswith("2004013")) > 5
    with chromium.open(m.save(tmp_path / "overview.html")) as run:
        settle(run)
        assert run.shown() == m.visible_counts() == (len(territories), m.visible_counts()[1])
        assert_no_overlap(run, "overview")
        # the institutions are not even handed to vis-network until a territory is opened
        assert run.js("window.kokonMap.nodes.length") == len(territories)
        x, y = run.node_dom_position("o:2004013")
        run.page.mouse.click(x, y)
        run.page.wait_for_timeout(600)
        shown = run.shown_ids()[0]
        own = {n["id"] for n in institutions if n["teryt"].startswith("2004013")}
        assert own <= shown
        assert not any(node.startswith("o:") for node in shown)
        assert run.page.locator("#kk-overview").is_visible()
        run.page.click("#kk-overview")
        assert run.shown()[0] == len(territories)
        assert run.console_errors == []


def test_a_dataset_without_territories_is_grouped_by_type(
    chromium: Chromium, valid_copy: Path, tmp_path: Path
) -> None:
    (valid_copy / "territories.csv").unlink()
    network = build_network(read_dataset(valid_copy, pseudonym_key=TEST_KEY))
    m = build_map(network)
    note = "Zbiór nie ma tabeli terytoriów: instytucje są pogrupowane według typu"
    assert any(n.startswith(note) for n in m.notes)
    titles = {frame[0] for frame in m.frames}
    assert {"szkoła", "ośrodek pomocy społecznej", "parafia"} <= titles
    with chromium.open(m.save(tmp_path / "no-territories.html")) as run:
        settle(run)
        assert_no_overlap(run, "grouped by type")
        assert note in run.page.locator(".kk-notes").inner_text()
        assert run.console_errors == []
