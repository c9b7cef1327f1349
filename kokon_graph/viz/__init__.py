"""Interactive maps: single self-contained HTML files built with pyvis.

A map opens offline (every asset is inside the file and the page makes no
network request), in Polish by default, and shows the coordination gaps as
layers that can be switched on and off.

::

    from kokon_graph import read_dataset, build_network
    from kokon_graph.viz import build_map

    net = build_network(read_dataset("datasets/praski-kokon"), wave="after")
    build_map(net, kind="cooperation", size_by="betweenness").save("mapa.html")

See :func:`build_map` for the kinds of map and their options, and
``docs/maps.md`` for what a map shows.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kokon_graph.graph import Network
from kokon_graph.viz._measures import MapError
from kokon_graph.viz.maps import (
    GAP_LAYERS,
    MAP_KINDS,
    Map,
    build_compare_map,
    build_map,
    data_date,
)

__all__ = [
    "GAP_LAYERS",
    "MAP_KINDS",
    "Map",
    "MapError",
    "build_compare_map",
    "build_map",
    "data_date",
    "write_map",
]


def write_map(network: Network, path: str | Path, **options: Any) -> Path:
    """Build a map of ``network`` (see :func:`build_map` for ``options``) and write it to
    ``path`` as one HTML file; return the path."""
    return build_map(network, **options).save(path)
