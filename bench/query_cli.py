"""``ipgraph query`` as a user runs it: a fresh process per call, every query of the pack, on a
dataset built by ``ipgraph build`` (so its on-disk store is beside it). Wall clock and CPU seconds
of the process, medians of ``--repeat`` runs, two ways: the first time a question is asked
(the store's kept answers removed before each run) and asked again (its answer kept,
:mod:`ipgraph.answers`).

    python bench/query_cli.py /tmp/ipgraph-bench/1000/graph.trig --repeat 3

Prints a Markdown table for ``bench/RESULTS.md``.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
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
    args = ap.parse_args()
    from ipgraph.querypack import pack

    exe = shutil.which("ipgraph") or "ipgraph"
    print(f"`ipgraph query NAME -g {args.graph.name} -f csv`, fresh process, median of {args.repeat}; "
          f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at start\n")  # fmt: skip
    from ipgraph.answers import FOLDER
    from ipgraph.storedir import default_dir

    kept = default_dir(args.graph) / FOLDER
    print("| query | first asked | (CPU) | asked again | (CPU) | exit |\n|---|---:|---:|---:|---:|---|")
    firsts, agains = [], []
    for name in sorted(pack()):
        cmd = [exe, "query", name, "-g", str(args.graph), "-f", "csv"]
        first = []
        for _ in range(args.repeat):
            shutil.rmtree(kept, ignore_errors=True)
            first.append(run_once(cmd))
        again = [run_once(cmd) for _ in range(args.repeat)]
        firsts.append(statistics.median(r[0] for r in first))
        agains.append(statistics.median(r[0] for r in again))
        cpu1, cpu2 = statistics.median(r[1] for r in first), statistics.median(r[1] for r in again)
        code = max(r[2] for r in first + again)
        print(
            f"| {name} | {firsts[-1]:.2f} s | {cpu1:.2f} s | {agains[-1]:.2f} s | {cpu2:.2f} s | {code} |",
            flush=True,
        )
    print(f"| **slowest** | **{max(firsts):.2f} s** | | **{max(agains):.2f} s** | | |")
    print(f"\nLoad average at the end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
