"""Benchmark: does a change make ``ipgraph build`` slower? Two installations, one corpus.

Each run is ``ipgraph build DIR -o OUT --no-validate`` in a fresh process, as a user types it;
the two installations take turns (A, B, A, B, …) so that a busy moment of the shared machine
falls on both. Prints and writes the medians of wall time and peak RSS and their ratio::

    python bench/generate.py 1000 /tmp/plans1000 --seed 7
    python bench/compare_builds.py /tmp/plans1000 \\
        --before /venvs/old/bin/ipgraph --after /venvs/new/bin/ipgraph --repeat 3 \\
        --out bench/BUILD_COMPARE.md
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def run_once(exe: str, plans: Path, out: Path) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one build in a fresh process."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        [exe, "build", str(plans), "-o", str(out), "--no-validate"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        cwd=tempfile.gettempdir(),  # outside any source tree: the installed package runs
    )
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"{exe} build failed:\n{err[-2000:]}")
    return wall, usage.ru_maxrss / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("plans", type=Path)
    ap.add_argument("--before", required=True, help="the ipgraph executable before the change")
    ap.add_argument("--after", required=True, help="the ipgraph executable after the change")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--label", default="", help="what the two installations are (for the report)")
    ap.add_argument("--out", type=Path, help="write the report here (Markdown)")
    args = ap.parse_args()
    n = sum(1 for p in args.plans.iterdir() if p.is_file())
    runs: dict[str, list[tuple[float, float]]] = {"before": [], "after": []}
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(args.repeat):
            for name in ("before", "after"):
                exe = getattr(args, name)
                wall, rss = run_once(exe, args.plans, Path(tmp) / f"{name}{i}.trig")
                runs[name].append((wall, rss))
                print(f"{name} run {i + 1}: {wall:.1f} s, {rss:.0f} MB", flush=True)
    med = {
        k: (statistics.median(w for w, _ in v), statistics.median(r for _, r in v)) for k, v in runs.items()
    }
    ratio_t = med["after"][0] / med["before"][0]
    ratio_m = med["after"][1] / med["before"][1]
    lines = [
        f"# `ipgraph build` before and after {args.label or 'a change'}",
        "",
        f"{dt.date.today().isoformat()}, {n} generated plans (`bench/generate.py`), "
        "`ipgraph build DIR -o OUT --no-validate` in a fresh process, the two installations in turn, "
        f"{args.repeat} runs each, "
        f"{os.cpu_count()} shared cores. Medians.",
        "",
        "| | wall s | peak RSS MB | runs (s) |",
        "|---|---:|---:|---|",
        *(
            f"| {k} | {med[k][0]:.1f} | {med[k][1]:.0f} | {', '.join(f'{w:.1f}' for w, _ in runs[k])} |"
            for k in ("before", "after")
        ),
        f"| after / before | {ratio_t:.2f} | {ratio_m:.2f} | |",
        "",
    ]
    text = "\n".join(lines)
    print(text)
    if args.out:
        args.out.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
