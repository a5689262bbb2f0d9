"""How long a 5,000-node view takes to settle in Chromium (issue 6).

A synthetic graph shaped like the genre (agencies of every type in many cities, measures
with one lead and a few supporting agencies) goes through the same code as real plans
(``ipgraph.viz.views.responsibility`` → ``write_html``), drawn whole (no grouping), then
opened in Debian's Chromium headless; the time from navigation to the page's
``ipgraphView.stabilized`` flag is measured. Median of 3 runs, each in a fresh page.

The default limit then shows what an analyst gets from the same graph: the grouped view.

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


def time_page(context, path: Path) -> tuple[float, float, tuple[int, int]]:
    """(seconds to settled, the page's own stabilisation ms, drawn node/edge counts)."""
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
        if errors:
            raise RuntimeError(f"console errors: {errors[:3]}")
        return wall, inner / 1000, counts
    finally:
        page.close()


def payload_iterations(graph) -> int:
    from ipgraph.viz.render import vis_options

    options = vis_options(graph.number_of_nodes(), graph.number_of_edges())
    return options["physics"]["stabilization"]["iterations"]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--nodes", type=int, default=5000)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()

    data = synthetic(args.nodes)
    with tempfile.TemporaryDirectory(prefix="ipgraph-viz-bench-") as tmp:
        tmp = Path(tmp)
        t0 = time.perf_counter()
        whole = views.responsibility(data, max_nodes=10**9)
        write_html(whole, tmp / "whole.html")
        build_s = time.perf_counter() - t0
        grouped = views.responsibility(data)
        write_html(grouped, tmp / "grouped.html")
        size_mb = (tmp / "whole.html").stat().st_size / 1e6
        print(
            f"graph: {whole.number_of_nodes()} nodes, {whole.number_of_edges()} edges; "
            f"view built and written in {build_s:.2f} s ({size_mb:.1f} MB HTML)"
        )
        load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
        print(f"machine: {os.cpu_count()} CPU(s), load average {load:.1f} before the runs")
        pw, context = launch(str(tmp / "profile"))
        try:
            results = []
            for i in range(args.runs):
                wall, inner, counts = time_page(context, tmp / "whole.html")
                assert counts == (whole.number_of_nodes(), whole.number_of_edges()), counts
                results.append((wall, inner))
                print(f"  run {i + 1}: settled in {wall:.2f} s (page's own stabilisation: {inner:.2f} s)")
            med_wall = statistics.median(r[0] for r in results)
            med_inner = statistics.median(r[1] for r in results)
            iterations = payload_iterations(whole)
            print(
                f"{whole.number_of_nodes()}-node view, drawn whole: settles in {med_wall:.2f} s "
                f"(median of {args.runs}; layout {med_inner:.2f} s = {iterations} iterations, "
                f"{1000 * med_inner / iterations:.0f} ms each)"
            )
            g_wall, _, g_counts = time_page(context, tmp / "grouped.html")
            print(
                f"same graph at the default limit ({views.DEFAULT_MAX_NODES}): grouped to "
                f"{g_counts[0]} nodes, {g_counts[1]} edges; settles in {g_wall:.2f} s"
            )
        finally:
            context.close()
            pw.stop()


if __name__ == "__main__":
    main()
