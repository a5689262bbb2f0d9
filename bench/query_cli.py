"""``ipgraph query`` as a user runs it: a fresh process per call, every query of the pack, on a
dataset built by ``ipgraph build`` (so its on-disk store is beside it). Wall clock and peak RSS
of the process, medians of ``--repeat`` runs.

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
    """Wall seconds, peak RSS (MB) of the child, exit status."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    code = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False).returncode
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return wall, max(after, before) / 1024, code  # ru_maxrss of the largest child so far (KB)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("graph", type=Path)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    from ipgraph.querypack import pack

    exe = shutil.which("ipgraph") or "ipgraph"
    print(f"`ipgraph query NAME -g {args.graph.name} -f csv`, fresh process, median of {args.repeat}; "
          f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at start\n")  # fmt: skip
    print("| query | wall clock | exit |\n|---|---|---|")
    walls = []
    for name in sorted(pack()):
        runs = [
            run_once([exe, "query", name, "-g", str(args.graph), "-f", "csv"]) for _ in range(args.repeat)
        ]
        wall = statistics.median(r[0] for r in runs)
        walls.append(wall)
        print(f"| {name} | {wall:.2f} s | {runs[-1][2]} |", flush=True)
    print(f"| **slowest** | **{max(walls):.2f} s** | |")


if __name__ == "__main__":
    main()
