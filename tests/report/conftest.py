"""Fixtures of the report tests: real analysis results and reports written from them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pandas as pd
import pytest

from kokon_graph import Network
from kokon_graph.report import ReportInfo, write_report
from kokon_graph.report.build import analyse
from tests.viz.browser import Chromium

#: A fixed date, so that files written twice are equal.
REPORT_DATE = dt.date(2024, 5, 17)


@pytest.fixture(scope="session")
def valid_results(valid_network: Network) -> dict[str, pd.DataFrame]:
    """Every analysis result of tests/data/valid (whole dataset, all waves)."""
    return analyse(valid_network)


@pytest.fixture(scope="session")
def valid_info(valid_network: Network) -> ReportInfo:
    info = ReportInfo.from_network(valid_network, lang="pl")
    return ReportInfo(info.dataset, info.scope, info.wave, REPORT_DATE)


@pytest.fixture(scope="session")
def valid_report(
    tmp_path_factory: pytest.TempPathFactory,
    valid_results: dict[str, pd.DataFrame],
    valid_info: ReportInfo,
) -> Path:
    """A Polish report of tests/data/valid in every format."""
    out = tmp_path_factory.mktemp("report")
    write_report(valid_results, out, info=valid_info, lang="pl", min_count=3)
    return out


@pytest.fixture(scope="module")
def chromium() -> Iterator[Chromium]:
    """A browser for one module at a time (test_html.py starts its own Playwright)."""
    with closing(Chromium()) as browser:
        yield browser
