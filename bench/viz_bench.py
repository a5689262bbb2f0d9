"""How long a 5,000-node view takes to open still and usable in Chromium (issues 6, 19).

A synthetic graph shaped like the genre (agencies of every type in many cities, measures
with one lead and a few supporting agencies) goes through the same code as real plans
(``ipgraph.viz.views.responsibility`` → ``write_html``, which computes the layout with
networkx), drawn whole (no grouping), then opened in Debian's Chromium headless, launched
afresh for each run; the time from navigation to the page's ``ipgraphView.stabilized``
flag (drawn at its final positions, labels placed, nothing moving) is measured, then a
search is typed and the time until the view has zoomed to its matches. Medians of
``--runs``. The figures are printed and written to ``bench/VIZ_RESULTS.md``.

    python bench/viz_bench.py [--nodes 5000] [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from rdflib import URIRef

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))  # the browser launcher the tests use

from browser_fixtures import launch, wait_settled  # noqa: E402

from ipgraph.viz import views  # noqa: E402
from ipgraph.viz.data import Agency, GraphData, Label, Plan, Region, Responsibility, Statement  # noqa: E402
from ipgraph.viz.render import write_html  # noqa: E402
from ipgraph.viz.style import AGENCY_TYPE_COLORS  # noqa: E402

ID = "https://w3id.org/ipgraph/id/"
THEMES = ["creation", "utilisation", "protection", "administration", "public-service", "talent"]


def synthetic(n_nodes: int, seed: int = 6) -> GraphData:
    """Agencies and measures, about 1 agency for 6 measures, 1 lead + 0–3 supports each."""
    rnd = random.Random(seed)
    data = GraphData()
    n_agencies = n_nodes // 7
    n_measures = n_nodes - n_agencies
    cities = [URIRef(f"{ID}region/city{i}") for i in range(max(1, n_measures // 60))]
    for c in cities:
        data.regions[c] = Region(c, Label(f"城市{c[-3:]}", f"City {c[-3:]}"), {"City"})
    types = list(AGENCY_TYPE_COLORS)
    agencies = []
    for i in range(n_agencies):
        a = URIRef(f"{ID}agency/a{i}")
        city = cities[i % len(cities)]
        data.agencies[a] = Agency(a, Label(f"机构{i}", f"Agency {i}"), rnd.choice(types), False, city)
        agencies.append(a)
    by_city = {c: [a for a in agencies if data.agencies[a].region == c] for c in cities}
    for c in cities:
        plan = URIRef(f"{c}/plan")
        data.plans[plan] = Plan(plan, f"{data.regions[c].label.zh}知识产权工作方案", c, f"{c[-6:]}.txt")
    k = 0
    for i in range(n_measures):
        c = cities[i % len(cities)]
        plan = URIRef(f"{c}/plan")
        m = URIRef(f"{plan}/m/1.{i}")
        text = f"{i}.加强知识产权保护工作,完善制度。(责任单位:若干部门;完成时限:2025年12月底)"
        theme = [rnd.choice(THEMES)]
        data.statements[m] = Statement(m, "measure", plan, f"1.{i}", f"措施{i}", text, 0, themes=theme)
        pool = by_city[c] or agencies
        for j, a in enumerate(rnd.sample(pool, min(len(pool), rnd.randint(1, 4)))):
            k += 1
            data.responsibilities.append(Responsibility(URIRef(f"{m}/r/{j}"), m, a, j == 0, f"机构{k}"))
    return data


def time_page(path: Path, profile: Path) -> tuple[float, float, float, tuple[int, int], int]:
    """(seconds to a still view, the page's own ms, seconds for a search to zoom, counts, labels)."""
    pw, context = launch(str(profile))
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    try:
        t0 = time.perf_counter()
        page.goto(path.as_uri(), wait_until="load")
        wait_settled(page, 600_000)
        wall = time.perf_counter() - t0
        inner = page.evaluate("() => window.ipgraphView.stabilizationMs")
        counts = tuple(page.evaluate("() => [ipgraphView.nodes.length, ipgraphView.edges.length]"))
        labels = page.evaluate("() => ipgraphView.shownLabels")
        t1 = time.perf_counter()
        page.fill("#search", "措施12")
        page.wait_for_function("() => document.getElementById('search-count').textContent !== ''")
        search = time.perf_counter() - t1
        if errors:
            raise RuntimeError(f"console errors: {errors[:3]}")
        return wall, inner / 1000, search, counts, labels
    finally:
        context.close()
        pw.stop()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--nodes", type=int, default=5000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "VIZ_RESULTS.md")
    args = ap.parse_args()

    data = synthetic(args.nodes)
    lines: list[str] = []

    def say(text: str) -> None:
        print(text)
        lines.append(text)

    with tempfile.TemporaryDirectory(prefix="ipgraph-viz-bench-") as tmp:
        tmp = Path(tmp)
        t0 = time.perf_counter()
        whole = views.responsibility(data, max_nodes=10**9)
        write_html(whole, tmp / "whole.html")
        build_s = time.perf_counter() - t0
        grouped = views.responsibility(data)
        write_html(grouped, tmp / "grouped.html")
        size_mb = (tmp / "whole.html").stat().st_size / 1e6
        load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
        say(f"- machine: {os.cpu_count()} CPU(s), load average {load:.1f} before the runs")
        say(
            f"- graph: {whole.number_of_nodes()} nodes, {whole.number_of_edges()} edges; view built, "
            f"laid out (networkx) and written in {build_s:.2f} s ({size_mb:.1f} MB HTML)"
        )
        results = []
        for i in range(args.runs):
            wall, inner, search, counts, labels = time_page(tmp / "whole.html", tmp / f"profile{i}")
            assert counts == (whole.number_of_nodes(), whole.number_of_edges()), counts
            results.append((wall, inner, search))
            say(
                f"- run {i + 1} (fresh browser): still and usable in {wall:.2f} s (page's own {inner:.2f} s; "
                f"{labels} labels shown); a search zoomed to its matches in {search:.2f} s"
            )
        med = [statistics.median(r[k] for r in results) for k in range(3)]
        say(
            f"- **{whole.number_of_nodes()}-node view, drawn whole: still and usable in {med[0]:.2f} s** "
            f"(median of {args.runs}; page's own {med[1]:.2f} s; search {med[2]:.2f} s)"
        )
        g_wall, _, _, g_counts, _ = time_page(tmp / "grouped.html", tmp / "profile-g")
        say(
            f"- same graph at the default limit ({views.DEFAULT_MAX_NODES}): grouped to "
            f"{g_counts[0]} nodes, {g_counts[1]} edges; still in {g_wall:.2f} s"
        )
    # keep the sections other benches write into the same file (bench/timeline_bench.py)
    old = args.out.read_text(encoding="utf-8") if args.out.exists() else ""
    others = "\n## " + old.split("\n## ", 1)[1] if "\n## " in old else ""
    args.out.write_text(
        "# The 5,000-node view in headless Chromium\n\n"
        "Written by `python bench/viz_bench.py` (fresh browser per run, medians).\n\n"
        + "\n".join(lines)
        + "\n"
        + others,
        encoding="utf-8",
    )


if __name__ == "__main__":
    main()
