"""How a map encodes data: colours, shapes, sizes and line widths.

>>> SECTOR_COLOURS["social_assistance"]
'#1f77b4'
>>> LEVEL_SHAPES["powiat"]
'square'
>>> answer_rate_colour(0.0), answer_rate_colour(1.0)
('#d62728', '#2ca02c')
>>> scale_sizes([0, 1, 4], low=10, high=30)
[10.0, 20.0, 30.0]
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Final

from kokon_graph import model

__all__ = [
    "EDGE_STYLES",
    "FEW_COLOUR",
    "FOCUS_BORDER",
    "GAP_COLOUR",
    "GROUP_COLOUR",
    "GROUP_SHAPE",
    "LEVEL_SHAPES",
    "NA_COLOUR",
    "SECTOR_COLOURS",
    "SIZE_MAX",
    "SIZE_MIN",
    "answer_rate_colour",
    "darker",
    "gap_score_colour",
    "scale_sizes",
    "scale_widths",
]

#: One colour per sector (colour-blind-aware Tableau/D3 hues; ``other`` grey).
SECTOR_COLOURS: Final[dict[str, str]] = {
    "social_assistance": "#1f77b4",
    "family_support": "#aec7e8",
    "labour_market": "#ff7f0e",
    "education": "#2ca02c",
    "health": "#98df8a",
    "justice": "#9467bd",
    "police": "#17becf",
    "culture_sport": "#e377c2",
    "ngo": "#bcbd22",
    "church": "#8c564b",
    "local_government": "#c5b0d5",
    "housing": "#f7b6d2",
    "research": "#dbdb8d",
    model.OTHER: "#c7c7c7",
}

#: vis-network shape for each institution level (and for territories in aggregate maps).
LEVEL_SHAPES: Final[dict[str, str]] = {
    "gmina": "dot",
    "powiat": "square",
    "voivodeship": "triangle",
    "national": "star",
    model.OTHER: "diamond",
}

#: Node sizes (pixels at zoom 1) lie between these; the page draws exactly the size given.
SIZE_MIN: Final = 10.0
SIZE_MAX: Final = 45.0

#: Shape and colour of group nodes.
GROUP_SHAPE: Final = "hexagon"
GROUP_COLOUR: Final = "#4d4d4d"

#: Colour of everything that marks a gap (dashed edges, outlines).
GAP_COLOUR: Final = "#d62728"
#: Colour for "not applicable" (aggregate nodes without gminas of their own).
NA_COLOUR: Final = "#e0e0e0"
#: Colour of referral arrows resting on too few referrals to show their share answered.
FEW_COLOUR: Final = "#a3a3a3"
#: Outline of the institution an ego map is centred on.
FOCUS_BORDER: Final = "#000000"

#: Line style of every edge layer: colour, dashes (``False`` or a dash pattern), arrows.
EDGE_STYLES: Final[dict[str, dict[str, object]]] = {
    "ties": {"color": "rgba(110,110,110,0.75)", "dashes": False, "arrows": False},
    "membership": {"color": "rgba(80,80,80,0.8)", "dashes": False, "arrows": False},
    "referrals": {"color": "rgba(110,110,110,0.75)", "dashes": False, "arrows": True},
    "gap_co_serving": {"color": "rgba(214,39,40,0.6)", "dashes": [8, 6], "arrows": False},
    "gap_referrals": {"color": "rgba(255,127,14,0.75)", "dashes": [2, 5], "arrows": True},
}


def _hex(r: float, g: float, b: float) -> str:
    return f"#{round(r):02x}{round(g):02x}{round(b):02x}"


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def darker(colour: str, factor: float = 0.7) -> str:
    """``colour`` (``#rrggbb``) darkened by ``factor``.

    >>> darker("#ffffff", 0.5)
    '#808080'
    """
    r, g, b = _rgb(colour)
    return _hex(r * factor, g * factor, b * factor)


def _blend(a: str, b: str, t: float) -> str:
    ra, ga, ba = _rgb(a)
    rb, gb, bb = _rgb(b)
    return _hex(ra + (rb - ra) * t, ga + (gb - ga) * t, ba + (bb - ba) * t)


_RED, _AMBER, _GREEN = "#d62728", "#f2b701", "#2ca02c"


def answer_rate_colour(rate: float | None) -> str:
    """Red (no referral answered) through amber (half) to green (all answered)."""
    if rate is None or math.isnan(rate):
        return NA_COLOUR
    rate = min(max(rate, 0.0), 1.0)
    return _blend(_RED, _AMBER, rate * 2) if rate < 0.5 else _blend(_AMBER, _GREEN, rate * 2 - 1)


def gap_score_colour(score: float | None, worst: float) -> str:
    """Green (no gap) through amber to red (``worst`` gaps or more); grey when missing."""
    if score is None or math.isnan(score) or worst <= 0:
        return NA_COLOUR
    return answer_rate_colour(1.0 - min(score / worst, 1.0))


def scale_sizes(values: Sequence[float], *, low: float = 10.0, high: float = 40.0) -> list[float]:
    """Node sizes whose area grows with the value: ``low`` for 0, ``high`` for the largest
    value; a third of the way up for all when every value is the same (and positive),
    ``low`` for all when every value is 0 or missing.

    >>> scale_sizes([2, 2], low=10, high=40)
    [20.0, 20.0]
    """
    clean = [0.0 if v is None or math.isnan(v) else max(float(v), 0.0) for v in values]
    top = max(clean, default=0.0)
    if top <= 0:
        return [float(low)] * len(clean)
    if min(clean) == top:
        return [round(low + (high - low) / 3, 2)] * len(clean)
    return [round(low + (high - low) * math.sqrt(v / top), 2) for v in clean]


def scale_widths(values: Sequence[float], *, low: float = 1.0, high: float = 8.0) -> list[float]:
    """Line widths from ``low`` to ``high`` growing with the square root of the value.

    >>> scale_widths([1, 4])
    [4.5, 8.0]
    >>> scale_widths([1, 1])
    [3.33, 3.33]
    """
    return scale_sizes(values, low=low, high=high)


#: A map with more nodes or edges is *big*: its gap lines start switched off.
BIG_NODES: Final = 1500
BIG_EDGES: Final = 6000
