"""The SHACL engines side by side: same results on the injected violations, and time to
validate a built dataset as a user runs it (``ipgraph validate G.trig --engine NAME``, a
fresh process each time, medians).

    python bench/shacl_engines.py G.trig --repeat 3

Prints a Markdown section for ``bench/RESULTS.md``.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def same_results() -> list[tuple[str, bool, int]]:
    """Each injected violation of the tests: do the engines find the same (focus, path, component)?"""
    sys.path.insert(0, str(HERE.parent / "tests"))
    from rdflib import Graph
    from test_validate_fast import SPOILS  # the injected-violation cases the tests use

    from ipgraph.dataset import build
    from ipgraph.validate import validate

    ds = build([HERE.parent / "samples" / "plans"], check=False, store="rdflib", jobs=1).dataset
    union = Graph()
    union.addN((s, p, o, union) for s, p, o, _ in ds.quads((None, None, None, None)))
    out = []
    for name, spoil, _ in SPOILS:
        g = Graph()
        g += union
        spoil(g)
        keys = {}
        for engine in ("fast", "shacl-rs"):
            text = validate(g, engine=engine).text
            keys[engine] = {_key(block) for block in text.split("\nConstraint Violation in ")[1:]}
        out.append((name, keys["fast"] == keys["shacl-rs"], len(keys["fast"])))
    return out


def _key(block: str) -> tuple[str, ...]:
    """A top-level result's (component, focus node, result path), details left out."""
    top = [line[1:] for line in block.splitlines() if line.startswith("\t") and not line.startswith("\t\t")]
    fields = dict(line.split(": ", 1) for line in top if ": " in line)
    return block.split(" ", 1)[0], fields.get("Focus Node", ""), fields.get("Result Path", "")


def timed(graph: Path, engine: str, repeat: int) -> tuple[float, int]:
    times, code = [], 0
    for _ in range(repeat):
        start = time.perf_counter()
        code = subprocess.run(
            ["ipgraph", "validate", str(graph), "--engine", engine], capture_output=True, check=False
        ).returncode
        times.append(time.perf_counter() - start)
    return statistics.median(times), code


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("graph", type=Path, help="a TriG written by ipgraph build")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    rows = same_results()
    same = sum(ok for _, ok, _ in rows)
    print(f"injected violations with the same (component, focus, path) on both engines: {same}/{len(rows)}")
    for name, ok, n in rows:
        if not ok:
            print(f"  differs: {name} ({n} results on the fast engine)")
    print(f"\n| engine | `ipgraph validate` wall clock, median of {args.repeat} | exit |\n|---|---|---|")
    for engine in ("fast", "shacl-rs"):
        t, code = timed(args.graph, engine, args.repeat)
        print(f"| {engine} | {t:.2f} s | {code} |")


if __name__ == "__main__":
    main()
