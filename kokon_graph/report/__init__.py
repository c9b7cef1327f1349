"""Reports people open: Excel workbooks, CSV files and self-contained HTML pages.

Built on the analysis results (:func:`kokon_graph.analysis.run_all`); no
number is computed here. Family counts below a threshold are hidden
(:mod:`kokon_graph.report.suppress`).

::

    from kokon_graph.report import build_report
    build_report(network, "out/", formats=("xlsx", "html"), lang="pl")
"""

from typing import TYPE_CHECKING, Any

from kokon_graph.report.build import FORMATS, build_report, write_report
from kokon_graph.report.csv_writer import write_csv
from kokon_graph.report.info import ReportInfo
from kokon_graph.report.suppress import (
    DEFAULT_MIN_COUNT,
    SUPPRESSION_RULES,
    suppress_result,
    suppress_results,
)

if TYPE_CHECKING:
    from kokon_graph.report.xlsx_writer import write_xlsx

__all__ = [
    "DEFAULT_MIN_COUNT",
    "FORMATS",
    "SUPPRESSION_RULES",
    "ReportInfo",
    "build_report",
    "suppress_result",
    "suppress_results",
    "write_csv",
    "write_report",
    "write_xlsx",
]


def __getattr__(name: str) -> Any:
    """``write_xlsx`` on first use: openpyxl is imported only by the commands that write a
    workbook."""
    if name == "write_xlsx":
        from kokon_graph.report.xlsx_writer import write_xlsx

        return write_xlsx
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
