"""Hostile input and faults (issue 17): the figures, written to ``bench/hostile.md``.

Each bad input of ``tests/hostile.py`` is made, then built beside a good plan by ``ipgraph build``
in a fresh process under a 1 GB address-space cap (``-j 1``, so the reading runs in the measured
process); the table gives its time, peak memory and the line that names it. The faults (a typo
that used to replace a good graph, a planted symlink, building into the input folder, Ctrl-C, a
full disk, forged terminal output, ``--timeout`` on a small batch, a plan without a title, and,
with a real Neo4j, an empty graph pushed, two pushes at once, a dead push's lock, a wrong password)
are the tests of ``tests/test_hostile.py`` and ``tests/test_hostile_neo4j.py``, run by pytest here.

    python bench/hostile.py              # everything (starts a Neo4j server: a few minutes)
    python bench/hostile.py --no-neo4j   # the inputs and the build faults only
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from hostile import CASES, MEMORY_CAP, run_case  # noqa: E402


def inputs() -> list[tuple[str, bool, float, float, str]]:
    rows = []
    for case in CASES:
        with tempfile.TemporaryDirectory() as tmp:
            ok, run, _ = run_case(case, Path(tmp))
        if case.read:
            said = "read" if ok else run.stderr.strip().splitlines()[-1:]
        else:
            said = next((ln for ln in run.stderr.splitlines() if ln.startswith("failed")), "(not named)")
        print(f"{case.name}: {'ok' if ok else 'FAILED'} {run.seconds:.1f} s {run.peak_mb:.0f} MB", flush=True)
        rows.append((case.name, ok, run.seconds, run.peak_mb, str(said)))
    return rows


def faults(neo4j: bool) -> list[tuple[str, bool]]:
    files = ["tests/test_hostile.py"] + (["tests/test_hostile_neo4j.py"] if neo4j else [])
    cmd = [sys.executable, "-m", "pytest", *files, "-k", "not bad_file", "-q", "-rA"]
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    rows = []
    for m in re.finditer(r"^(PASSED|FAILED|ERROR) (\S+)", done.stdout, flags=re.M):
        name = m.group(2).split("::", 1)[1].removeprefix("test_").replace("_", " ")
        rows.append((name, m.group(1) == "PASSED"))
    if not rows:
        print(done.stdout[-3000:], done.stderr[-3000:])
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--no-neo4j", action="store_true", help="skip the faults that need a Neo4j server")
    ap.add_argument("-o", "--output", type=Path, default=ROOT / "bench" / "hostile.md")
    args = ap.parse_args()
    ins = inputs()
    fs = faults(not args.no_neo4j)
    handled = sum(ok for _, ok, *_ in ins)
    survived = sum(ok for _, ok in fs)
    load = os.getloadavg()
    lines = [
        "# Hostile input and faults (issue 17)",
        "",
        f"Written by `python bench/hostile.py` on {platform.node()} ({os.cpu_count()} cores, load "
        f"{load[0]:.1f}). Each input is built beside a good plan by `ipgraph build -j 1` in a fresh process "
        f"under a {MEMORY_CAP // 2**20} MB address-space cap; *handled* = the bad file is named with its "
        "true reason (or, for the last two, read), the good plan is built and the graph written.",
        "",
        f"**Bad inputs: {len(ins)} tried, {handled} handled. Faults: {len(fs)} tried, {survived} survived.**",
        "",
        "| input | handled | time | peak memory | what ipgraph says |",
        "|---|---|---|---|---|",
    ]
    for name, ok, secs, mb, said in ins:
        said = said.replace("|", "\\|")
        lines.append(f"| {name} | {'yes' if ok else '**no**'} | {secs:.1f} s | {mb:.0f} MB | {said} |")
    lines += ["", "| fault | survived |", "|---|---|"]
    lines += [f"| {name} | {'yes' if ok else '**no**'} |" for name, ok in fs]
    args.output.write_text("\n".join(lines) + "\n", "utf-8")
    print(f"{len(ins)} inputs, {handled} handled; {len(fs)} faults, {survived} survived → {args.output}")


if __name__ == "__main__":
    main()
