"""The views in a real browser: Debian's Chromium, headless, driven by Playwright.

Each view of the five sample plans opens with no console error and no request but the file
itself, and draws as many nodes and edges as its graph holds; text from a plan never runs as
HTML or script; filters, search and the grouping banner work; a screenshot of each view is
written to docs/screenshots/ (linked from the README).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from browser_fixtures import ROOT, open_view
from browser_fixtures import browser as browser  # the session's Chromium (pytest fixture)
from conftest import PLANS

from ipgraph import viz
from ipgraph.dataset import build
from ipgraph.viz.data import load

SCREENSHOTS = ROOT / "docs" / "screenshots"
PLAN_STEMS = sorted(p.stem for p in PLANS.glob("*.txt"))
SCREENSHOT_PLAN = "004_413121bb9f269da9"  # has sections, deadlines and targets

VIEWS = [("responsibility", None), ("agencies", None), ("cities", None)] + [("plan", s) for s in PLAN_STEMS]


@pytest.fixture(scope="module")
def data():
    return load(build([PLANS], check=False).dataset)


@pytest.fixture(scope="module")
def pages(tmp_path_factory, data):
    """Every view written once: (view, plan) → (path, graph)."""
    folder = tmp_path_factory.mktemp("views")
    out = {}
    for name, stem in VIEWS:
        path = folder / f"{name}{'-' + stem if stem else ''}.html"
        out[name, stem] = (path, viz.view(data, name, path, plan=stem and stem + ".txt"))
    return out


@pytest.mark.parametrize(("name", "stem"), VIEWS, ids=[f"{n}-{s}" if s else n for n, s in VIEWS])
def test_view_opens_offline_without_errors_and_draws_the_graph(browser, pages, name, stem):
    path, graph = pages[name, stem]
    run = open_view(browser, path)
    try:
        assert run.console_errors == [] and run.page_errors == []
        assert run.foreign_requests == [], "the page must make no request but for itself"
        assert run.dialogs == []
        assert run.counts() == (graph.number_of_nodes(), graph.number_of_edges())
        assert graph.number_of_nodes() > 0
        title = run.page.text_content("#title")
        assert title == graph.graph["title"][0]
        assert run.page.locator("#legend .row").count() >= 2
        # physics is off once the layout has settled
        assert run.page.evaluate("() => window.ipgraphView.network.physics.physicsEnabled") is False
        if name != "plan" or stem == SCREENSHOT_PLAN:
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            run.page.screenshot(path=str(SCREENSHOTS / f"{name}.png"))
    finally:
        run.page.close()


def node_on_screen(page, label_prefix: str) -> tuple[float, float]:
    """Page coordinates of the first node whose full label starts with ``label_prefix``."""
    return tuple(
        page.evaluate(
            """(prefix) => {
                const v = window.ipgraphView;
                const data = JSON.parse(document.getElementById("ipgraph-data").textContent);
                const node = data.nodes.find(n => n.L.startsWith(prefix));
                const p = v.network.canvasToDOM(v.network.getPositions([node.id])[node.id]);
                const box = document.getElementById("network").getBoundingClientRect();
                return [box.left + p.x, box.top + p.y];
            }""",
            label_prefix,
        )
    )


EVIL_PLAN = """厦门市知识产权保护工作要点

 一、加强知识产权保护

  1.强化<img src=x onerror=alert(1)>知识产权保护,完善<script>window.__xss=1;alert(2)</script>制度规则。(责任单位:市市场监管局、市公安局<b onmouseover=alert(3)>;完成时限:2024年12月底)

  2.推进知识产权运用</script><script>window.__xss=2;alert(4)</script>工作。(责任单位:市市场监管局;完成时限:持续推进)
"""


@pytest.mark.parametrize("csp", [True, False], ids=["with-csp", "escaping-alone"])
@pytest.mark.parametrize("name", ["responsibility", "plan"])
def test_markup_in_a_plan_is_shown_as_text_and_never_runs(browser, tmp_path, name, csp):
    plan = tmp_path / "evil.txt"
    plan.write_text(EVIL_PLAN, encoding="utf-8")
    result = build([plan], check=False)
    assert not result.failures
    graph = viz.view(result.dataset, name)
    path = viz.write_html(graph, tmp_path / f"{name}.html", csp=csp)
    run = open_view(browser, path)
    try:
        page = run.page
        assert run.counts() == (graph.number_of_nodes(), graph.number_of_edges())
        x, y = node_on_screen(page, "强化<img")
        page.mouse.move(x, y)
        tooltip = page.locator("div.vis-tooltip")
        tooltip.wait_for(state="visible", timeout=10_000)
        text = tooltip.text_content()
        assert "<img src=x onerror=alert(1)>" in text
        assert "<script>window.__xss=1;alert(2)</script>" in text
        assert tooltip.locator("img, script, b").count() == 0
        assert page.locator("img").count() == 0  # nowhere in the page
        page.mouse.move(5, 5)
        assert page.evaluate("() => typeof window.__xss") == "undefined"
        assert run.dialogs == [] and run.page_errors == [] and run.console_errors == []
        assert run.foreign_requests == []  # the <img src=x> was never loaded
    finally:
        run.page.close()


def test_filters_and_search_narrow_what_is_shown(browser, pages):
    path, graph = pages["responsibility", None]
    run = open_view(browser, path)
    try:
        page = run.page
        city = "厦门市"
        page.select_option("#filter-city", city)
        hidden = page.evaluate("() => window.ipgraphView.nodes.get({filter: n => n.hidden}).length")
        expected = sum(1 for _, a in graph.nodes(data=True) if city not in a["facets"].get("city", []))
        assert hidden == expected and 0 < hidden < graph.number_of_nodes()
        assert "显示" in page.text_content("#shown")
        page.select_option("#filter-city", "")
        assert page.evaluate("() => window.ipgraphView.nodes.get({filter: n => n.hidden}).length") == 0
        support = sum(1 for *_, k in graph.edges(data="kind") if k == "support")
        page.get_by_label("Support", exact=True).uncheck()
        assert page.evaluate("() => window.ipgraphView.edges.get({filter: e => e.hidden}).length") == support
        page.get_by_label("Support", exact=True).check()
        page.fill("#search", "知识产权局")
        matches = [n for n, a in graph.nodes(data=True) if "知识产权局" in a["label"] + a["text"]]
        assert page.text_content("#search-count").startswith(f"{len(matches)} ")
        selected = page.evaluate("() => window.ipgraphView.network.getSelectedNodes().length")
        assert selected == len(matches) > 0
        assert run.console_errors == [] and run.page_errors == []
    finally:
        page.close()


def test_a_grouped_view_says_so_on_the_page(browser, data, tmp_path):
    graph = viz.view(data, "responsibility", tmp_path / "grouped.html", max_nodes=40)
    assert graph.graph["aggregated"]
    run = open_view(browser, tmp_path / "grouped.html")
    try:
        notice = run.page.locator("#notice")
        assert (
            notice.is_visible() and "超过上限" in notice.text_content() and "--city" in notice.text_content()
        )
        assert run.counts() == (graph.number_of_nodes(), graph.number_of_edges())
        assert run.console_errors == [] and run.foreign_requests == []
    finally:
        run.page.close()


def test_an_empty_view_still_settles(browser, tmp_path):
    import networkx as nx

    g = nx.DiGraph(title=("空", "Empty"))
    path = viz.write_html(g, tmp_path / "empty.html")
    run = open_view(browser, Path(path))
    try:
        assert run.counts() == (0, 0) and run.console_errors == [] and run.page_errors == []
    finally:
        run.page.close()


def test_install_browser_script_is_idempotent(browser):
    import subprocess

    script = ROOT / "devtools" / "install-browser"
    r = subprocess.run([str(script)], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    assert "already installed" in r.stdout  # the browser fixture found Chromium, so nothing to do
