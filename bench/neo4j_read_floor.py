"""How fast a fresh ``ipgraph query --neo4j`` process can be for a query's rows, whatever the query.

Three commands, each a fresh CLI process writing CSV, timed in turn ``--repeat`` times:

* **fixed**: ``RETURN 1``: starting Python, the CLI and the driver, logging in, one row;
* **floor**: the twin's rows, stored beforehand one node per row (scratch ``:ReadFloorRow`` nodes,
  removed afterwards), read back in order with no join: what any Neo4j-served answer of that
  size costs here, a kept answer included;
* **twin**: the pack's Cypher twin itself (``ipgraph query NAME --neo4j``).

``twin - floor`` is what a faster query could still win; ``floor`` is out of a query's reach.

    NEO4J_PASSWORD=… python bench/neo4j_read_floor.py bolt://127.0.0.1:7687 [--query similar-measures]

Needs a Neo4j holding a pushed graph (``ipgraph neo4j push``); prints a Markdown table for
bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SCRATCH = "ReadFloorRow"


def timed(cmd: list[str]) -> tuple[float, bytes]:
    start = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, check=True)
    return time.perf_counter() - start, done.stdout


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("uri")
    ap.add_argument("--query", default="similar-measures")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--user", default="neo4j")
    args = ap.parse_args()
    password = os.environ["NEO4J_PASSWORD"]

    from ipgraph.neo4j import query_rows, read_cypher
    from ipgraph.neo4j.connection import open_driver

    twin = read_cypher(args.query)
    columns, rows = query_rows(args.uri, args.query, user=args.user, password=password)
    header = "".join(f"// column: {name} ({kind})\n" for name, kind in twin.columns)
    work = Path(tempfile.mkdtemp())
    (work / "fixed.cypher").write_text("// column: x (integer)\nRETURN 1 AS x\n", encoding="utf-8")
    items = ", ".join(f"r.c{i} AS `{name}`" for i, name in enumerate(columns))
    (work / "floor.cypher").write_text(
        f"{header}MATCH (r:{SCRATCH}) RETURN {items}\nORDER BY r.i\n", encoding="utf-8"
    )
    beside = Path(sys.executable).with_name("ipgraph")  # this Python's, not another on PATH
    exe = str(beside) if beside.is_file() else shutil.which("ipgraph") or "ipgraph"
    base = ["--neo4j", args.uri, "--user", args.user, "-f", "csv"]
    commands = {
        "fixed": [exe, "query", "--cypher", str(work / "fixed.cypher"), *base],
        "floor": [exe, "query", "--cypher", str(work / "floor.cypher"), *base],
        "twin": [exe, "query", args.query, *base],
    }
    times: dict[str, list[float]] = {k: [] for k in commands}
    with open_driver(args.uri, args.user, password) as driver:
        driver.execute_query(f"MATCH (r:{SCRATCH}) DETACH DELETE r")
        batch = [{"i": n, **{f"c{i}": v for i, v in enumerate(row)}} for n, row in enumerate(rows)]
        for start in range(0, len(batch), 5000):
            driver.execute_query(
                f"UNWIND $rows AS row CREATE (r:{SCRATCH}) SET r = row", rows=batch[start : start + 5000]
            )
        try:
            outputs = {}
            for _ in range(args.repeat):
                for name, cmd in commands.items():
                    seconds, outputs[name] = timed(cmd)
                    times[name].append(seconds)
            if outputs["floor"] != outputs["twin"]:
                sys.exit("the floor's rows differ from the twin's: the comparison would be wrong")
        finally:
            driver.execute_query(f"MATCH (r:{SCRATCH}) DETACH DELETE r")
    print(f"`{args.query}`, {len(rows):,} rows, fresh process per call, median of {args.repeat}:\n")
    print("| command | wall s (median) | runs |")
    print("|---|---:|---|")
    for name, values in times.items():
        runs = ", ".join(f"{v:.2f}" for v in values)
        print(f"| {name} | {statistics.median(values):.2f} | {runs} |")


if __name__ == "__main__":
    main()
