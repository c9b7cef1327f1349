"""The report's plots (matplotlib SVG): what their scales say."""

from __future__ import annotations

import re

import pandas as pd

from kokon_graph.report.plots import mixing_heatmap

SECTORS = ["education", "health", "police"]


def _colour_bar_ticks(svg: str) -> list[str]:
    """The tick labels of the heat map's colour bar (the figure's second axes)."""
    bar = svg[svg.index('<g id="axes_2">') :]
    return re.findall(r"<text\b[^>]*>([^<]*)</text>", bar)


def test_the_heat_map_of_counts_has_whole_number_ticks() -> None:
    counts = pd.DataFrame([[3, 1, 0], [0, 2, 1], [1, 0, 0]], index=SECTORS, columns=SECTORS)
    for lang in ("pl", "en"):
        svg = mixing_heatmap(counts, lang)
        assert svg is not None
        assert _colour_bar_ticks(svg) == ["0", "1", "2", "3"]
    shares = counts / 10  # not counts: ticks in between, as the language writes decimals
    svg = mixing_heatmap(shares, "pl")
    assert svg is not None
    ticks = _colour_bar_ticks(svg)
    assert "0,15" in ticks and not any("." in tick for tick in ticks)
