"""The path measures in a second process while this one computes the other results.

Betweenness and the breadth-first distances behind closeness and path lengths are most
of the cost of a large network's analysis, and igraph holds the interpreter while it
computes them. :class:`Aside` forks a child process (Linux, macOS) that computes them with
the very code :func:`~kokon_graph.analysis.centrality.centrality_of` runs (the same
pivots, the same order of summation), then the communities (to even out the two
processes' work), and sends the finished values back, to be cached on the
:class:`~kokon_graph.analysis._graphs.CoopMatrices` as if they had been computed here:
the results are the same to the last byte whatever the number of processes. Where a
process cannot be forked, by default (one process: ``jobs=2`` or ``KOKON_GRAPH_JOBS=2``
asks for two), or while a progress bar counts the path computations, nothing is forked
and the values are computed here on first use.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import traceback
from collections.abc import Callable
from typing import Any

from kokon_graph.analysis._graphs import CoopMatrices
from kokon_graph.analysis._paths import _REPORT
from kokon_graph.errors import OptionError
from kokon_graph.lang import tr

__all__ = ["JOBS_ENV", "Aside", "analysis_jobs", "fork_jobs"]

#: The environment variable that sets the default number of processes (``1``: never fork).
JOBS_ENV = "KOKON_GRAPH_JOBS"


def fork_jobs(jobs: object, *, named: str) -> int:
    """``jobs`` as a number of processes: a whole number of at least 1 (or its text, as an
    environment variable holds it); 1 where processes cannot be forked (Windows). The one
    rule of the analysis (:func:`analysis_jobs`) and the atlas's pages.

    ``named``: how the number was given (``"jobs"``, ``"KOKON_GRAPH_JOBS"``), for the message.

    >>> fork_jobs("2", named="KOKON_GRAPH_JOBS") in (1, 2)
    True

    Raises
    ------
    kokon_graph.errors.OptionError
        If ``jobs`` is not a whole number of at least 1.
    """
    number = jobs if type(jobs) is int else None
    if isinstance(jobs, str):
        try:
            number = int(jobs)
        except ValueError:
            number = None
    if number is None or number < 1:
        raise OptionError(
            tr(
                f"{named}={jobs!r}: liczba procesów musi być liczbą całkowitą nie mniejszą niż 1",
                f"{named}={jobs!r}: the number of processes must be a whole number of at least 1",
            ),
            hint=tr(f"{named}=1: jeden proces", f"{named}=1: one process"),
        )
    return number if "fork" in multiprocessing.get_all_start_methods() else 1


def analysis_jobs(jobs: int | None = None) -> int:
    """The processes an analysis may use: ``jobs``, else ``KOKON_GRAPH_JOBS``, else 1; 1 where
    processes cannot be forked (Windows); see :func:`fork_jobs`.

    One by default: on the shared two-core machine of the benchmark two processes were not
    faster and together peaked above 1.5 GB on the national dataset
    (``benchmarks/results/speed.md``).

    Raises
    ------
    kokon_graph.errors.OptionError
        If the number (given or from the environment) is not a whole number of at least 1.
    """
    if jobs is None:
        return fork_jobs(os.environ.get(JOBS_ENV, "").strip() or "1", named=JOBS_ENV)
    return fork_jobs(jobs, named="jobs")


def _child(
    send: Any, mats: CoopMatrices, paths: dict[str, Any], also: tuple[Callable[[], Any], ...]
) -> None:
    from kokon_graph.analysis.centrality import centrality_of

    try:
        known = set(mats._extra)
        centrality_of(mats, **paths)
        for make in also:
            make()
        send.send(("ok", {k: v for k, v in mats._extra.items() if k not in known}))
    except BaseException:  # noqa: BLE001 - reported to the parent, which computes it again
        send.send(("error", traceback.format_exc()))
    finally:
        send.close()


class Aside:
    """The path measures of ``mats`` computed in a forked process while the ``with`` block
    runs here; on leaving it, they are cached on ``mats`` as if computed here.

    ``paths``: the ``betweenness``, ``seed`` and ``exact_limit`` of
    :func:`~kokon_graph.analysis.centrality.centrality_of`. ``also``: functions the child
    calls after the paths; what they cache on ``mats`` comes back too (the communities, to
    even out the two processes' work). It forks when :func:`analysis_jobs` gives two or
    more (``jobs``, or ``KOKON_GRAPH_JOBS``; one by default). Should the child fail,
    everything is computed here on first use: the same values.
    """

    def __init__(
        self,
        mats: CoopMatrices,
        paths: dict[str, Any],
        jobs: int | None = None,
        also: tuple[Callable[[], Any], ...] = (),
    ) -> None:
        self.mats, self.paths, self.also = mats, paths, also
        #: whether a child process computes the paths
        self.forked = analysis_jobs(jobs) >= 2 and not _REPORT and mats.n > 0

    def __enter__(self) -> Aside:
        if not self.forked:
            return self
        # the objects that exist now are left alone by this process's garbage collector until
        # the child is done: collections would write to every page holding them, making the
        # kernel copy pages the child shares (measured on NATIONAL, benchmarks/results/speed.md)
        gc.freeze()
        ctx = multiprocessing.get_context("fork")
        self._receive, send = ctx.Pipe(duplex=False)
        self._child = ctx.Process(
            target=_child, args=(send, self.mats, self.paths, self.also), daemon=True
        )
        self._child.start()
        send.close()
        return self

    def __exit__(self, kind: object, error: object, trace: object) -> None:
        if not self.forked:
            return
        if kind is not None:  # the parent failed: the child's work is of no use
            self._child.kill()
            self._child.join()
            self._receive.close()
            gc.unfreeze()
            return
        try:
            status, cached = self._receive.recv()
        except EOFError:  # the child died (killed, out of memory): computed here instead
            status, cached = "error", {}
        finally:
            self._receive.close()
            self._child.join()
            gc.unfreeze()
        if status == "ok":
            for key, value in cached.items():
                self.mats._extra.setdefault(key, value)
