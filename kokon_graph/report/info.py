"""What a report is about: dataset, scope, wave, date; and the network-level measures."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from kokon_graph._version import __version__
from kokon_graph.model import Lang
from kokon_graph.report._docs import column_text
from kokon_graph.report._text import t

if TYPE_CHECKING:
    from kokon_graph.graph import Network

__all__ = ["ReportInfo", "network_measures"]


@dataclass(frozen=True)
class ReportInfo:
    """The facts a report states about itself.

    Attributes
    ----------
    dataset
        The dataset's name.
    scope
        The scope in words (``"powiat ostródzki (2815)"``).
    wave
        The survey wave, or ``None`` for all waves together.
    generated
        The date the report was made.
    map_href
        Relative link to a map of the scope, if one was made beside the report.
    """

    dataset: str = ""
    scope: str = ""
    wave: str | None = None
    generated: dt.date = field(default_factory=dt.date.today)
    map_href: str | None = None

    @classmethod
    def from_network(cls, network: Network, *, lang: Lang = "pl") -> ReportInfo:
        """The facts of a report on ``network``."""
        return cls(
            dataset=network.dataset.name,
            scope=network.scope.label(lang, network.full_dataset.territories),
            wave=network.wave,
        )

    def rows(self, lang: Lang) -> list[tuple[str, str]]:
        """``(label, value)`` pairs for the head of a summary."""
        return [
            (t("dataset", lang), self.dataset),
            (t("scope", lang), self.scope),
            (t("wave", lang), self.wave or t("all_waves", lang)),
            (t("generated", lang), self.generated.isoformat()),
            (t("tool", lang), f"kokon-graph {__version__}"),
        ]


def _plain(value: Any) -> Any:
    if isinstance(value, np.generic):
        return value.item()
    if value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and value != value:
        return None
    return value


def network_measures(frame: pd.DataFrame | None, lang: Lang) -> list[tuple[str, str, Any]]:
    """``(code, label, value)`` of each network-level measure of the one-row ``network`` result."""
    if frame is None or frame.empty:
        return []
    row = frame.iloc[0]
    return [
        (str(c), column_text("network", str(c), lang).label, _plain(row[c])) for c in frame.columns
    ]
