"""Territory frame titles fit their frames, measured in a real browser (headless Chromium).

A frame's title is drawn on the canvas. In a small frame a long title is first drawn
smaller (down to 9 px on screen), then its kind word is abbreviated
("woj. warmińsko-mazurskie") and at last it is cut with "…"; it is never clipped in the
middle of a letter, and the whole title is the tooltip of its title band.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kokon_graph import build_network, read_dataset
from kokon_graph.viz import build_map
from tests.conftest import REPO, TEST_KEY
from tests.viz.browser import Chromium, PageRun
from tests.viz.conftest import _rewrite

pytestmark = pytest.mark.browser

#: A gmina name longer than its small frame (one institution) can hold at any zoom.
LONG_GMINA = "Miasto stołeczne Warszawa – Biuro Pomocy i Projektów Społecznych Śródmieście"


@pytest.fixture(scope="module")
def long_names(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """praski-kokon with a long gmina name and a long voivodeship name, both in small
    frames (one institution each), drawn as a Polish cooperation map."""
    folder = tmp_path_factory.mktemp("frames") / "praski"
    shutil.copytree(REPO / "datasets" / "praski-kokon", folder)
    _rewrite(
        folder / "territories.csv",
        "teryt",
        "name",
        {"1465011": LONG_GMINA, "14": "warmińsko-mazurskie i mazowieckie razem"},
    )
    network = build_network(read_dataset(folder, pseudonym_key=TEST_KEY))
    return build_map(network, kind="cooperation", lang="pl").save(folder / "map.html")


def _titles_at(run: PageRun, scale: float) -> list[dict[str, object]]:
    run.js("(s) => { const n = window.kokonMap.network; n.moveTo({scale: s}); n.redraw(); }", scale)
    return list(run.js("() => window.kokonMap.frameTitles"))


def test_long_frame_titles_fit_their_frames_with_the_whole_title_as_tooltip(
    chromium: Chromium, long_names: Path, artifacts: Path
) -> None:
    with chromium.open(long_names) as run:
        shortened: dict[str, object] = {}
        for scale in (0.35, 0.5, 1.0, 2.0):
            titles = _titles_at(run, scale)
            assert titles, scale
            for f in titles:
                title, shown = str(f["title"]), str(f["shown"])
                # drawn inside its frame, 8 canvas units from either side
                assert float(f["width"]) <= float(f["w"]) - 16 + 0.5, (scale, f)  # type: ignore[arg-type]
                assert float(f["px"]) >= 9 - 1e-6, (scale, f)  # type: ignore[arg-type]
                if shown != title:
                    # the kind word abbreviated, then cut at the end, never a letter cut
                    short = title.replace("gmina", "gm.").replace("województwo", "woj.")
                    assert shown == short or (
                        shown.endswith("…") and short.startswith(shown[:-1])
                    ), (scale, f)
                    shortened[title] = f
            if scale == 0.5:
                run.page.screenshot(path=str(artifacts / "frame-titles-0.5.png"))
        assert f"gmina {LONG_GMINA}" in shortened
        assert "województwo warmińsko-mazurskie i mazowieckie razem" in shortened
        # a short title is drawn whole
        assert any(f["shown"] == f["title"] == "gmina Praga-Północ" for f in titles)

        # the whole title is the tooltip of the shortened title's band
        frame = next(f for f in titles if f["title"] == f"gmina {LONG_GMINA}")
        x, y = run.js(
            """(f) => {
                const net = window.kokonMap.network;
                net.moveTo({position: {x: f.x + f.w / 2, y: f.y + f.band}, scale: 1});
                net.redraw();
                const p = net.canvasToDOM({x: f.x + 12, y: f.y + f.band / 2});
                const box = document.getElementById("mynetwork").getBoundingClientRect();
                return [p.x + box.left, p.y + box.top];
            }""",
            frame,
        )
        run.page.screenshot(path=str(artifacts / "frame-titles-1.png"))
        run.page.mouse.move(x, y)
        title = run.js("() => document.getElementById('mynetwork').getAttribute('title')")
        assert title == f"gmina {LONG_GMINA}"
        run.page.mouse.move(5, 5)  # off the map: no tooltip left behind
        assert run.js("() => document.getElementById('mynetwork').getAttribute('title')") is None
