"""How big the timeline view of 1,000 plans is, and how long Chromium takes to draw it (issue 16).

The graph is the bench's: ``python bench/generate.py 1000 DIR --seed 7`` then
``ipgraph build DIR -o G.trig --no-validate``. The view is written once through the same call
as the command line (:func:`ipgraph.viz.timeline`), timed, and opened in Debian's Chromium
headless, launched afresh for each run: the time from navigation to the page's
``ipgraphTimeline.ready`` (lanes built, the lanes in sight painted), then a scroll to the last
lane and a search typed, each until painted. Medians of ``--runs``. The figures are printed
and written into ``bench/VIZ_RESULTS.md`` (its section "The timeline view", the rest kept).

    python bench/timeline_bench.py G.trig [--as-of 2025-06-30] [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))  # the browser launcher the tests use

from browser_fixtures import launch  # noqa: E402

from ipgraph import viz  # noqa: E402

HEADING = "## The timeline view"


def _until(page, test: str, timeout_s: float = 120.0) -> float:
    t0 = time.perf_counter()
    while not page.evaluate(test):
        if time.perf_counter() - t0 > timeout_s:
            raise TimeoutError(test)
        page.wait_for_timeout(10)
    return time.perf_counter() - t0


def time_page(path: Path, profile: Path) -> dict:
    """One fresh browser: open, wait until ready; scroll to the end; search."""
    pw, context = launch(str(profile))
    try:
        page = context.new_page()
        errors: list[str] = []
        page.on("console", lambda m: m.type == "error" and errors.append(m.text))
        page.on("pageerror", lambda e: errors.append(str(e)))
        t0 = time.perf_counter()
        page.goto(path.resolve().as_uri(), wait_until="commit")
        _until(page, "() => !!(window.ipgraphTimeline && window.ipgraphTimeline.ready)")
        ready = time.perf_counter() - t0
        inner = page.evaluate("() => window.ipgraphTimeline.renderMs") / 1000
        t1 = time.perf_counter()
        page.evaluate("() => { const s = document.getElementById('scroller'); s.scrollTop = 1e9; }")
        page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
        scroll = time.perf_counter() - t1
        t2 = time.perf_counter()
        page.fill("#search", "市场监督管理局")
        page.evaluate("() => new Promise(r => requestAnimationFrame(r))")
        search = time.perf_counter() - t2
        shown = page.evaluate("() => window.ipgraphTimeline.shownLanes")
        assert not errors, errors
        return {"ready": ready, "inner": inner, "scroll": scroll, "search": search, "found": shown}
    finally:
        context.close()
        pw.stop()


def query_times(graph: Path, as_of: str, runs: int) -> str:
    """The view's query against two pack queries, on one store in one run (after a warm-up run):
    a shared machine's load moves all three alike."""
    from ipgraph.querypack import get_query, select
    from ipgraph.store import open_store
    from ipgraph.viz.deadlines import timeline_query

    store = open_store(graph)
    cases = [
        ("timeline (all plans)", timeline_query(), {"as_of": as_of}),
        ("timeline (one county)", timeline_query(), {"as_of": as_of, "city": "三明市宁化县"}),
        ("deadlines", get_query("deadlines"), {}),
        ("lead-agencies", get_query("lead-agencies"), {}),
    ]
    out = []
    for name, spec, params in cases:
        select(store, spec, params)
        times = []
        for _ in range(runs):
            t0 = time.perf_counter()
            rows = len(select(store, spec, params).rows)
            times.append(time.perf_counter() - t0)
        out.append(f"{name} {statistics.median(times):.2f} s ({rows} rows)")
    return "- queries on Oxigraph, same store and run, medians: " + "; ".join(out)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("graph", type=Path)
    ap.add_argument("--as-of", default="2025-06-30")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "VIZ_RESULTS.md")
    args = ap.parse_args()
    lines: list[str] = []

    def say(text: str) -> None:
        print(text)
        lines.append(text)

    load = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="ipgraph-timeline-bench-") as tmp:
        tmp = Path(tmp)
        page = tmp / "timeline.html"
        t0 = time.perf_counter()
        tl = viz.timeline(args.graph, page, as_of=args.as_of)
        write_s = time.perf_counter() - t0
        plans = len({m.plan_key for m in tl.marks})
        size_mb = page.stat().st_size / 1e6
        say(f"- machine: {os.cpu_count()} CPU(s), load average {load:.1f} before the runs")
        say(
            f"- graph: `{args.graph.name}` ({plans} plans with a deadline); query, lanes and page written in "
            f"{write_s:.2f} s (store opened included): {len(tl.lanes)} lanes, {len(tl.marks)} marks, "
            f"{tl.overdue} overdue as of {tl.as_of}; **{size_mb:.2f} MB HTML**"
        )
        say(query_times(args.graph, args.as_of, args.runs))
        runs = []
        for i in range(args.runs):
            r = time_page(page, tmp / f"profile{i}")
            runs.append(r)
            say(
                f"- run {i + 1} (fresh browser): ready in {r['ready']:.2f} s after navigation (page's own "
                f"{r['inner']:.2f} s); scrolled to the last lane and painted in {r['scroll'] * 1000:.0f} ms; "
                f"a search ({r['found']} lanes kept) painted in {r['search'] * 1000:.0f} ms"
            )
        med = {k: statistics.median(r[k] for r in runs) for k in ("ready", "inner", "scroll", "search")}
        say(
            f"- **timeline of {len(tl.lanes)} lanes / {len(tl.marks)} marks: ready in {med['ready']:.2f} s** "
            f"(median of {args.runs}; page's own {med['inner']:.2f} s; scroll {med['scroll'] * 1000:.0f} ms; "
            f"search {med['search'] * 1000:.0f} ms)"
        )
    section = (
        f"{HEADING}\n\nWritten by `python bench/timeline_bench.py G.trig` on the bench's 1,000 plans "
        "(`python bench/generate.py 1000 DIR --seed 7`, `ipgraph build DIR -o G.trig --no-validate`); "
        "fresh browser per run, medians. The page paints only the lanes in sight (canvas). Query times\n"
        "depend on the machine's load: read the view's query against the two pack queries of the same run\n"
        "(`bench/RESULTS.md` has `lead-agencies` at 0.76 s at 1,000 plans on a quieter machine).\n\n"
        + "\n".join(lines)
        + "\n"
    )
    old = args.out.read_text(encoding="utf-8") if args.out.exists() else ""
    head, _, rest = old.partition(HEADING)
    tail = rest.split("\n## ", 1)[1] if "\n## " in rest else ""
    args.out.write_text(head.rstrip("\n") + "\n\n" + section + ("\n## " + tail if tail else ""), "utf-8")


if __name__ == "__main__":
    main()
