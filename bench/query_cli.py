"""``ipgraph query`` as a user runs it: a fresh process per call, every query of the pack, on a
dataset built by ``ipgraph build`` (so its on-disk store is beside it). Wall clock and CPU seconds
of the process, medians of ``--repeat`` runs, three ways: right after the build (the answers
it kept, :func:`ipgraph.querypack.keep_answers`), for one city right after the build (rows
picked from them), and with nothing kept (the store's answers removed: the query computed
on the on-disk store, as for a user's own question); with ``--neo4j URI``, also the query's
Cypher twin on a Neo4j holding the same graph.

    python bench/query_cli.py /tmp/ipgraph-bench/1000/graph.trig --repeat 3 [--neo4j bolt://…]

Prints a Markdown table for ``bench/RESULTS.md``.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def run_once(cmd: list[str]) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds (user + system) of the child, exit status."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    code = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False).returncode
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, code


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("graph", type=Path)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--city", help="the city asked for in the one-city column (default: the first plan's)")
    ap.add_argument(
        "--neo4j",
        metavar="URI",
        help="also time each query's Cypher twin on this Neo4j (the same graph pushed by 'ipgraph neo4j "
        "push'; password in $NEO4J_PASSWORD): `ipgraph query NAME --neo4j URI -f csv`, fresh process",
    )
    args = ap.parse_args()
    from ipgraph.answers import FOLDER
    from ipgraph.querypack import pack
    from ipgraph.storedir import default_dir

    beside = Path(sys.executable).with_name("ipgraph")  # this Python's, not another on PATH
    exe = str(beside) if beside.is_file() else shutil.which("ipgraph") or "ipgraph"
    kept = default_dir(args.graph) / FOLDER
    built = Path(tempfile.mkdtemp()) / FOLDER
    shutil.copytree(kept, built)  # the answers the build kept, put back before each "after build" run
    plans_cmd = [exe, "query", "plans", "-g", str(args.graph), "-f", "csv"]
    plans_csv = subprocess.run(plans_cmd, capture_output=True, text=True, check=True).stdout
    city = args.city or plans_csv.splitlines()[1].split(",")[0]

    def as_built() -> None:
        shutil.rmtree(kept, ignore_errors=True)
        shutil.copytree(built, kept)

    def cold() -> None:
        shutil.rmtree(kept, ignore_errors=True)

    load = os.getloadavg()[0]
    print(
        f"`ipgraph query NAME -g {args.graph.name} -f csv`, fresh process, median of {args.repeat}; "
        f"one city: `-p city={city}`; {os.cpu_count()} cores, load average {load:.1f} at start\n"
    )
    kinds = ["built", "city", "cold"] + (["neo4j"] if args.neo4j else [])
    heads = ["after build", "one city, after build", "nothing kept"] + (["Neo4j"] if args.neo4j else [])
    print("| query | " + " | ".join(f"{h} | (CPU)" for h in heads) + " | exit |")
    print("|---|" + "---:|---:|" * len(heads) + "---|")
    worst = dict.fromkeys(kinds, 0.0)
    for name, spec in sorted(pack().items()):
        cmd = [exe, "query", name, "-g", str(args.graph), "-f", "csv"]
        runs: dict[str, list[tuple[float, float, int]]] = {kind: [] for kind in kinds}
        for _ in range(args.repeat):
            as_built()
            runs["built"].append(run_once(cmd))
            if spec.param("city"):
                runs["city"].append(run_once([*cmd, "-p", f"city={city}"]))
            cold()
            runs["cold"].append(run_once(cmd))
            if args.neo4j:
                runs["neo4j"].append(run_once([exe, "query", name, "--neo4j", args.neo4j, "-f", "csv"]))
        cells, codes = [], []
        for kind, rs in runs.items():
            if not rs:
                cells.append("— | —")
                continue
            wall, cpu = statistics.median(r[0] for r in rs), statistics.median(r[1] for r in rs)
            worst[kind] = max(worst[kind], wall)
            cells.append(f"{wall:.2f} s | {cpu:.2f} s")
            codes += [r[2] for r in rs]
        print(f"| {name} | {' | '.join(cells)} | {max(codes)} |", flush=True)
    as_built()
    slowest = " | | ".join(f"**{worst[k]:.2f} s**" for k in kinds)
    print(f"| **slowest** | {slowest} | | |")
    print(f"\nLoad average at the end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
