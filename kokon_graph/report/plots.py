"""Plots of the results as inline SVG (matplotlib, no display needed).

Each function takes a result (or a slice of one) and returns the SVG text of
one figure, or ``None`` when there is nothing to draw. The SVG is
deterministic for the same input (no date, fixed ids) and keeps its text as
text, so it is small, searchable and scales in a browser.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any, Final

import matplotlib
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.backends.backend_svg import RendererSVG
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator, ScalarFormatter
from matplotlib.transforms import Bbox

from kokon_graph import model
from kokon_graph.lang import localise_number
from kokon_graph.model import Lang
from kokon_graph.report._text import t

__all__ = [
    "BROKERAGE_ROLES",
    "before_after_bars",
    "brokerage_by_sector",
    "degree_distribution",
    "figure_svg",
    "mixing_heatmap",
    "tie_change_bars",
]

#: Gould–Fernandez roles, as columns of the brokerage result, with their labels.
BROKERAGE_ROLES: Final[dict[str, tuple[str, str]]] = {
    "coordinator": ("koordynator", "coordinator"),
    "itinerant": ("konsultant", "itinerant (consultant)"),
    "gatekeeper": ("strażnik", "gatekeeper"),
    "representative": ("reprezentant", "representative"),
    "liaison": ("łącznik", "liaison"),
}

_BLUE: Final = "#1f4e79"
_ORANGE: Final = "#d9822b"
_STYLE: Final[Any] = {  # matplotlib types rc keys as literals
    "svg.fonttype": "none",
    "svg.hashsalt": "kokon-graph",
    "font.family": "DejaVu Sans",
    "font.size": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
}


class _LocalisedFormatter(ScalarFormatter):
    """Tick labels as the reader writes numbers (``0,25`` in Polish)."""

    def __init__(self, lang: Lang) -> None:
        super().__init__()
        self.lang = lang

    def __call__(self, x: float, pos: int | None = None) -> str:
        return localise_number(super().__call__(x, pos), self.lang)


def figure_svg(fig: Figure, lang: Lang = "en") -> str:
    """The SVG text of ``fig``, without the XML prolog, cropped to what it draws; its number
    ticks (not its category labels) written as ``lang`` writes numbers.

    The crop is what ``savefig(bbox_inches="tight")`` gives, measured without the whole
    extra drawing pass that option makes: the figure is drawn once.
    """
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            if type(axis.get_major_formatter()) is ScalarFormatter:
                axis.set_major_formatter(_LocalisedFormatter(lang))
    buffer = io.StringIO()
    with matplotlib.rc_context(_STYLE):
        fig.savefig(buffer, format="svg", bbox_inches=_tight_box(fig), metadata={"Date": None})
    text = buffer.getvalue()
    start = text.find("<svg")
    return text[start:] if start >= 0 else text


def _tight_box(fig: Figure) -> Bbox:
    """The box (inches) around everything ``fig`` draws, padded as ``bbox_inches="tight"``
    pads it, laid out as the SVG writer lays it out (72 dots per inch)."""
    dpi = fig.dpi
    width, height = fig.get_size_inches()
    fig.dpi = 72
    try:
        renderer = RendererSVG(width * 72, height * 72, io.StringIO(), image_dpi=72)
        box = fig.get_tightbbox(renderer)
    finally:
        fig.dpi = dpi
    return box.padded(matplotlib.rcParams["savefig.pad_inches"])


def _figure(width: float, height: float) -> tuple[Figure, Axes]:
    """A figure outside pyplot: no global state, no display backend."""
    with matplotlib.rc_context(_STYLE):
        fig = Figure(figsize=(width, height))
        ax = fig.subplots()
    return fig, ax


def degree_distribution(degrees: pd.Series, lang: Lang, *, title: str | None = None) -> str | None:
    """Bars: how many institutions have each degree."""
    values = pd.to_numeric(degrees, errors="coerce").dropna()
    if values.empty:
        return None
    with matplotlib.rc_context(_STYLE):
        fig, ax = _figure(6.0, 3.2)
        if (values == values.round()).all() and values.max() <= 60:
            counts = values.astype(int).value_counts().sort_index()
            ax.bar(counts.index, counts.to_numpy(), color=_BLUE, width=0.8)
        else:
            ax.hist(values, bins=30, color=_BLUE)
        ax.set_xlabel(t("degree", lang))
        ax.set_ylabel(t("institutions", lang))
        ax.set_title(title or t("degree_distribution", lang))
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    return figure_svg(fig, lang)


def mixing_heatmap(matrix: pd.DataFrame, lang: Lang, *, title: str | None = None) -> str | None:
    """A heat map of ties between sectors (rows: from, columns: to); sector codes as words."""
    if matrix.empty:
        return None
    data = matrix.apply(pd.to_numeric, errors="coerce").fillna(0).to_numpy(dtype=float)
    rows = [model.SECTORS.label(str(s), lang) for s in matrix.index]
    cols = [model.SECTORS.label(str(s), lang) for s in matrix.columns]
    size = max(len(rows), len(cols))
    with matplotlib.rc_context(_STYLE):
        fig, ax = _figure(min(2.5 + 0.55 * size, 11), min(2.0 + 0.45 * size, 10))
        image = ax.imshow(data, cmap="Blues", aspect="auto")
        ax.set_xticks(range(len(cols)), labels=cols, rotation=45, ha="right")
        ax.set_yticks(range(len(rows)), labels=rows)
        top = data.max() if data.size else 0
        for i in range(data.shape[0]):
            for j in range(data.shape[1]):
                value = data[i, j]
                if value:
                    text = f"{value:g}" if value == int(value) else f"{value:.2f}"
                    text = localise_number(text, lang)
                    ax.text(
                        j,
                        i,
                        text,
                        ha="center",
                        va="center",
                        fontsize=7,
                        color="white" if value > top / 2 else "black",
                    )
        ax.set_ylabel("z sektora" if lang == "pl" else "from sector")
        ax.set_xlabel("do sektora" if lang == "pl" else "to sector")
        ax.set_title(title or t("mixing_heatmap", lang))
        counts = bool((data == data.round()).all())
        # counts: whole-number ticks only (no "1.5 ties")
        ticks = MaxNLocator(integer=True) if counts else None
        fig.colorbar(image, ax=ax, shrink=0.8, ticks=ticks)
    return figure_svg(fig, lang)


def brokerage_by_sector(
    brokerage: pd.DataFrame, lang: Lang, *, title: str | None = None
) -> str | None:
    """Stacked bars: the brokerage roles held by the institutions of each sector."""
    roles = [r for r in BROKERAGE_ROLES if r in brokerage.columns]
    if not roles or "sector" not in brokerage.columns or brokerage.empty:
        return None
    sums = brokerage.groupby("sector")[roles].sum(numeric_only=True)
    sums = sums[sums.sum(axis=1) > 0]
    if sums.empty:
        return None
    sums = sums.loc[sums.sum(axis=1).sort_values().index]
    labels = [model.SECTORS.label(str(s), lang) for s in sums.index]
    colors = ["#1f4e79", "#2e86c1", "#d9822b", "#7d3c98", "#229954"]
    with matplotlib.rc_context(_STYLE):
        fig, ax = _figure(6.5, 1.2 + 0.35 * len(sums))
        left = np.zeros(len(sums))
        for role, color in zip(roles, colors, strict=False):
            values = sums[role].to_numpy(dtype=float)
            pl, en = BROKERAGE_ROLES[role]
            ax.barh(labels, values, left=left, color=color, label=pl if lang == "pl" else en)
            left += values
        ax.legend(frameon=False, fontsize=7, loc="lower right")
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.set_title(title or t("brokerage_by_sector", lang))
    return figure_svg(fig, lang)


def before_after_bars(
    labels: Sequence[str],
    before: Sequence[float],
    after: Sequence[float],
    lang: Lang,
    *,
    title: str | None = None,
) -> str | None:
    """Paired bars: each measure before and after."""
    if not labels:
        return None
    x = np.arange(len(labels))
    with matplotlib.rc_context(_STYLE):
        fig, ax = _figure(max(4.0, 1.0 + 0.9 * len(labels)), 3.4)
        ax.bar(x - 0.2, before, width=0.4, color=_BLUE, label=t("before", lang))
        ax.bar(x + 0.2, after, width=0.4, color=_ORANGE, label=t("after", lang))
        ax.set_xticks(x, labels=list(labels), rotation=30, ha="right")
        ax.legend(frameon=False)
        ax.set_title(title or t("before_after", lang))
    return figure_svg(fig, lang)


def tie_change_bars(
    labels: Sequence[str],
    gained: Sequence[float],
    lost: Sequence[float],
    lang: Lang,
    *,
    title: str | None = None,
) -> str | None:
    """Diverging bars: ties gained (right) and lost (left) for each pair of sectors."""
    if not labels:
        return None
    y = np.arange(len(labels))
    with matplotlib.rc_context(_STYLE):
        fig, ax = _figure(7.0, 1.2 + 0.3 * len(labels))
        ax.barh(y, list(gained), color="#229954", label=t("ties_gained", lang))
        ax.barh(y, [-v for v in lost], color="#c0392b", label=t("ties_lost", lang))
        ax.set_yticks(y, labels=list(labels))
        ax.axvline(0, color="black", linewidth=0.6)
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.legend(frameon=False, fontsize=7)
        ax.set_title(title or f"{t('ties_gained', lang)} / {t('ties_lost', lang)}")
    return figure_svg(fig, lang)
