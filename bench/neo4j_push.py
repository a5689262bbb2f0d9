"""Neo4j push as a user runs it: ``ipgraph neo4j push`` against rdflib-neo4j on the same graph.

Every push goes into an empty database: a real Neo4j 5 server (devtools/neo4j/server.py) is started
on a new temporary data dir before each run and stopped (its dir removed) after it; the server's
start is not timed. Each push runs in a fresh process and is timed by wall clock from outside:

* ``ipgraph``: ``ipgraph neo4j push -g G.trig --uri bolt://…`` (the file streamed by Oxigraph's parser,
  mapped to nodes and relationships, written in pooled UNWIND batches, whole plans per transaction);
* ``rdflib-neo4j, end to end``: what its documentation shows a user doing — ``Graph(store=
  Neo4jStore(config))``, ``parse(G.trig)``, ``close(True)``, with batching on (its default batch of
  5,000), vocabulary IRIs cut to local names (``IGNORE``) and every literal kept (``ARRAY``);
* ``rdflib-neo4j, push part``: the file parsed into an in-memory rdflib Dataset first (timed apart),
  then its quads added to the Neo4jStore graph and the store closed — the push alone, so the ratio
  does not charge rdflib-neo4j for rdflib's parser.

After each push the script counts what landed in Neo4j (nodes labelled ``Resource``, their labels,
property values, relationships) and prints it, so the runs are seen to write the same graph.
Prints a Markdown section for ``bench/RESULTS.md``::

    python bench/generate.py 1000 /tmp/nb/plans --seed 7
    ipgraph build /tmp/nb/plans -o /tmp/nb/g1000.trig --no-validate
    nice -n 19 python bench/neo4j_push.py /tmp/nb/g1000.trig --repeat 3

rdflib-neo4j is not a dependency of ipgraph: ``pip install rdflib-neo4j`` in the bench's venv.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SERVER_PY = ROOT / "devtools" / "neo4j" / "server.py"
RESULT = "RESULT "  # the child's last line: RESULT {json}


def server_module() -> ModuleType:
    """devtools/neo4j/server.py (not a package), imported by path."""
    spec = importlib.util.spec_from_file_location("ipgraph_devtools_neo4j_server", SERVER_PY)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


# ------------------------------------------------------------------------- rdflib-neo4j (child)


def rdflib_neo4j_child(mode: str, graph: Path, uri: str) -> None:
    """Run in a fresh process: push ``graph`` through rdflib-neo4j; print the phases' seconds."""
    started = time.perf_counter()
    from rdflib import Dataset, Graph
    from rdflib_neo4j import HANDLE_VOCAB_URI_STRATEGY, Neo4jStore, Neo4jStoreConfig
    from rdflib_neo4j.config.const import HANDLE_MULTIVAL_STRATEGY

    config = Neo4jStoreConfig(
        auth_data={"uri": uri, "database": "neo4j", "user": "neo4j", "pwd": os.environ["NEO4J_PASSWORD"]},
        handle_vocab_uri_strategy=HANDLE_VOCAB_URI_STRATEGY.IGNORE,
        handle_multival_strategy=HANDLE_MULTIVAL_STRATEGY.ARRAY,  # no names given: every literal kept
        batching=True,
    )
    out: dict[str, float] = {"imports": time.perf_counter() - started}
    if mode == "file":  # as the documentation shows it
        t = time.perf_counter()
        neo = Graph(store=Neo4jStore(config=config))
        neo.open(config, create=True)  # the Resource(uri) constraint, as the docs advise
        neo.parse(str(graph), format="trig")
        neo.close(True)
        out["parse_and_push"] = time.perf_counter() - t
    else:  # the file in memory first: the push alone is timed
        t = time.perf_counter()
        memory = Dataset()
        memory.parse(str(graph), format="trig")
        # Neo4jStore writes a node each time the subject changes: hand it the triples subject by
        # subject, as the parser does (rdflib's memory store gives them in another order, which
        # made the push half again as slow) — its best case, prepared before the clock starts.
        triples = sorted(((s, p, o) for s, p, o, _ in memory.quads((None, None, None, None))), key=_subject)
        out["parse"] = time.perf_counter() - t
        out["quads"] = len(triples)
        t = time.perf_counter()
        neo = Graph(store=Neo4jStore(config=config))
        neo.open(config, create=True)
        for triple in triples:
            neo.add(triple)
        neo.close(True)
        out["push"] = time.perf_counter() - t
    print(RESULT + json.dumps(out), flush=True)


def _subject(triple: tuple[Any, Any, Any]) -> str:
    return str(triple[0])


# ------------------------------------------------------------------------------- the parent


@dataclass
class Run:
    wall: float
    code: int
    phases: dict[str, float]
    counts: dict[str, int]


COUNT_QUERIES = {
    "nodes": "MATCH (n:Resource) RETURN count(n) AS c",
    "labels": "MATCH (n:Resource) RETURN sum(size(labels(n)) - 1) AS c",  # Resource itself not counted
    # Values of properties other than the node's own IRI and ipgraph's bookkeeping key ``graph``;
    # a list counts its items.
    "property values": (
        "MATCH (n:Resource) UNWIND [k IN keys(n) WHERE NOT k IN ['iri', 'uri', 'graph']] AS k "
        "WITH n[k] AS v RETURN sum(CASE WHEN valueType(v) STARTS WITH 'LIST' THEN size(v) ELSE 1 END) AS c"
    ),
    "relationships": "MATCH (:Resource)-[r]->(:Resource) RETURN count(r) AS c",
}


def count_triples(graph: Path) -> int:
    import pyoxigraph as ox

    from ipgraph.rdffiles import ox_format

    return sum(1 for _ in ox.parse(path=str(graph), format=ox_format(graph)))


def counts(server: Any) -> dict[str, int]:
    with server.driver() as driver:
        return {name: int(driver.execute_query(q).records[0]["c"] or 0) for name, q in COUNT_QUERIES.items()}


def timed(cmd: list[str], env: dict[str, str], log: Path) -> tuple[float, int, str]:
    start = time.perf_counter()
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - start
    log.write_text(f"$ {' '.join(cmd)}\n--- stdout\n{proc.stdout}\n--- stderr\n{proc.stderr}")
    return wall, proc.returncode, proc.stdout + proc.stderr


def one_run(server_mod: ModuleType, what: str, graph: Path, work: Path, i: int) -> Run:
    """Start a server on a new data dir, push once in a fresh process, count, stop the server."""
    server = server_mod.start()  # temporary data dir, removed by stop(): an empty database
    try:
        env = dict(os.environ, NEO4J_PASSWORD=server.password)
        log = work / f"{what.replace(' ', '-')}-{i}.log"
        if what == "ipgraph":
            beside = Path(sys.executable).with_name("ipgraph")  # this Python's, not another on PATH
            exe = str(beside) if beside.is_file() else shutil.which("ipgraph") or "ipgraph"
            cmd = [exe, "neo4j", "push", "-g", str(graph), "--uri", server.uri]
        else:
            mode = "file" if what == "rdflib-neo4j end to end" else "memory"
            cmd = [sys.executable, __file__, "--child", mode, str(graph), server.uri]
        wall, code, text = timed(cmd, env, log)
        phases: dict[str, float] = {}
        for line in text.splitlines():
            if line.startswith(RESULT):
                phases = json.loads(line[len(RESULT) :])
        got = counts(server)
        note = f"  {what} #{i + 1}: {wall:.1f} s, exit {code}, {phases or ''} {got}"
        print(note, file=sys.stderr, flush=True)
        if code != 0:
            print(f"  see {log}", file=sys.stderr)
        return Run(wall, code, phases, got)
    finally:
        server.stop()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("graph", type=Path, nargs="?", help="a TriG built by `ipgraph build`")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument(
        "--rdflib-repeat", type=int, help="runs of each rdflib-neo4j side (default: --repeat; it is slow)"
    )
    ap.add_argument("--work", type=Path, default=Path("/tmp/ipgraph-neo4j-bench"), help="logs of each run")
    ap.add_argument("--only", choices=["ipgraph", "rdflib-neo4j"], help="time one side only (default: both)")
    ap.add_argument("--child", nargs=3, metavar=("MODE", "GRAPH", "URI"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        rdflib_neo4j_child(args.child[0], Path(args.child[1]), args.child[2])
        return
    if args.graph is None:
        ap.error("give the graph file (see the module docstring for how to make one)")
    graph = args.graph.resolve()
    args.work.mkdir(parents=True, exist_ok=True)
    server_mod = server_module()
    server_mod.ensure_built()
    sides = ["ipgraph", "rdflib-neo4j end to end", "rdflib-neo4j push part"]
    if args.only == "ipgraph":
        sides = sides[:1]
    elif args.only == "rdflib-neo4j":
        sides = sides[1:]
    load_start = os.getloadavg()
    started = datetime.now(UTC)
    runs: dict[str, list[Run]] = {}
    rdflib_repeat = args.repeat if args.rdflib_repeat is None else args.rdflib_repeat
    for i in range(max(args.repeat, rdflib_repeat)):  # interleaved: the machine's load hits every side
        for what in sides:
            if i < (args.repeat if what == "ipgraph" else rdflib_repeat):
                runs.setdefault(what, []).append(one_run(server_mod, what, graph, args.work, i))
    load_end = os.getloadavg()
    print(report(graph, count_triples(graph), args, runs, started, load_start, load_end))


def _median(runs: list[Run], key: str | None = None) -> float:
    return statistics.median(r.phases.get(key, float("nan")) if key else r.wall for r in runs)


def report(
    graph: Path,
    triples: int,
    args: argparse.Namespace,
    runs: dict[str, list[Run]],
    started: datetime,
    load_start: tuple[float, float, float],
    load_end: tuple[float, float, float],
) -> str:
    from importlib.metadata import version

    n = args.repeat
    lines = [
        f"### Neo4j push (issue 15, item 5): `{graph.name}`, {started:%Y-%m-%d %H:%M} UTC",
        "",
        f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
        f"ipgraph {version('ipgraph')}, rdflib {version('rdflib')}, rdflib-neo4j "
        f"{_version('rdflib-neo4j')}, neo4j driver {version('neo4j')}; Neo4j 5.26 Community "
        f"(devtools/neo4j/server.py, its default JVM and page-cache settings). Load average "
        f"{load_start[0]:.1f} / {load_start[1]:.1f} / {load_start[2]:.1f} (1/5/15 min) at the start, "
        f"{load_end[0]:.1f} / {load_end[1]:.1f} / {load_end[2]:.1f} at the end. "
        f"`python bench/neo4j_push.py {args.graph} --repeat {n}"
        + (f" --rdflib-repeat {args.rdflib_repeat}`" if args.rdflib_repeat is not None else "`")
        + ": each run on a new server with a new, empty data dir; each push a fresh process timed "
        f"from outside (wall clock); median of the runs listed; the sides interleaved run by run. "
        f"The file holds {triples:,} triples.",
        "",
        "| push | wall clock (median) | runs | exit |",
        "|---|---:|---|---|",
    ]
    for what, rs in runs.items():
        lines.append(
            f"| {what} | {_median(rs):.1f} s | {', '.join(f'{r.wall:.1f}' for r in rs)} | "
            f"{','.join(str(r.code) for r in rs)} |"
        )
    part = runs.get("rdflib-neo4j push part")
    if part:
        lines.append(
            f"| … of which rdflib's parse into memory | {_median(part, 'parse'):.1f} s | "
            f"{_each(part, 'parse')} | |"
        )
        lines.append(
            f"| … of which the push (add + close) | {_median(part, 'push'):.1f} s | {_each(part, 'push')} | |"
        )
    lines += [
        "",
        "What landed in Neo4j (last run of each; `:Resource` nodes; labels other than Resource; "
        "property values other than the IRI and ipgraph's `graph` key, a list counting its items):",
        "",
    ]
    names = list(COUNT_QUERIES)
    lines.append("| push | " + " | ".join(names) + " | labels + values + relationships |")
    lines.append("|---|" + "---:|" * (len(names) + 1))
    for what, rs in runs.items():
        c = rs[-1].counts
        total = c["labels"] + c["property values"] + c["relationships"]
        lines.append(f"| {what} | " + " | ".join(f"{c[k]:,}" for k in names) + f" | {total:,} |")
    if "ipgraph" in runs and part:
        ip = _median(runs["ipgraph"])
        e2e = _median(runs["rdflib-neo4j end to end"]) if "rdflib-neo4j end to end" in runs else float("nan")
        lines += [
            "",
            f"Ratio: rdflib-neo4j end to end / ipgraph = **{e2e / ip:.1f}×**; rdflib-neo4j's push part "
            f"alone (parse not counted) / ipgraph's whole command = **{_median(part, 'push') / ip:.1f}×**.",
        ]
    return "\n".join(lines)


def _each(runs: list[Run], key: str) -> str:
    return ", ".join(f"{r.phases.get(key, float('nan')):.1f}" for r in runs)


def _version(dist: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(dist)
    except PackageNotFoundError:
        return "not installed"


if __name__ == "__main__":
    main()
