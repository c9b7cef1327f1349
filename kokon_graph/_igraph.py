"""igraph, imported on first use; in the command line without its matplotlib back end.

python-igraph's plotting code imports ``matplotlib.pyplot`` at import time whenever
matplotlib is installed: about 0.35 s of CPU and 1-2 s of wall time on a cold or busy
machine, several times igraph's own import. The command line never draws with igraph, so a
command that needs igraph calls :func:`hide_plotting` first and igraph then loads with its
matplotlib back end switched off (matplotlib itself stays importable as usual). In
library use igraph is imported unchanged, so a program that plots with igraph keeps working.
"""

from __future__ import annotations

import sys
from typing import Any

__all__ = ["hide_plotting", "import_igraph"]

_HIDE_PLOTTING = [False]


def hide_plotting() -> None:
    """Let the first igraph import of this process skip igraph's matplotlib back end."""
    _HIDE_PLOTTING[0] = True


def import_igraph() -> Any:
    """The ``igraph`` module (see the module docstring)."""
    if "igraph" in sys.modules:
        return sys.modules["igraph"]
    hide = _HIDE_PLOTTING[0] and "matplotlib" not in sys.modules
    if hide:
        sys.modules["matplotlib"] = None  # type: ignore[assignment]  # ImportError in igraph
    try:
        import igraph
    finally:
        if hide and sys.modules.get("matplotlib", 0) is None:
            del sys.modules["matplotlib"]
    return igraph
