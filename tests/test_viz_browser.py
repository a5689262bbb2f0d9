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
from conftest import PLANS

from ipgraph import viz
from ipgraph.dataset import build
from ipgraph.viz.data import load

SCREENSHOTS = ROOT / "docs" / "screenshots"
PLAN_STEMS = sorted(p.stem for p in PLANS.glob("*.txt"))
SCREENSHOT_PLAN = "004_413121bb9f269da9"  # has parts, measures with deadlines
ONE_CITY = "厦门市"

# (view, plan, city): every view of the samples; the one-city agencies view is the one read most
VIEWS = [
    ("responsibility", None, None),
    ("agencies", None, None),
    ("agencies", None, ONE_CITY),
    ("cities", None, None),
    ("compare", None, None),
] + [("plan", s, None) for s in PLAN_STEMS]
LANGS = ["zh", "en"]


def view_id(name: str, stem: str | None, city: str | None) -> str:
    return name + ("-city" if city else "") + (f"-{stem[:3]}" if stem else "")


@pytest.fixture(scope="module")
def data():
    return load(build([PLANS], check=False).dataset)


@pytest.fixture(scope="module")
def pages(tmp_path_factory, data):
    """Every view written once per language: (view, plan, city, lang) → (path, graph)."""
    folder = tmp_path_factory.mktemp("views")
    out = {}
    for name, stem, city in VIEWS:
        for lang in LANGS:
            path = folder / f"{view_id(name, stem, city)}-{lang}.html"
            graph = viz.view(data, name, path, plan=stem and stem + ".txt", city=city, lang=lang)
            out[name, stem, city, lang] = (path, graph)
    return out


CASES = [(*v, lang) for v in VIEWS for lang in LANGS]


@pytest.mark.parametrize(
    ("name", "stem", "city", "lang"), CASES, ids=[f"{view_id(*c[:3])}-{c[3]}" for c in CASES]
)
def test_view_opens_offline_without_errors_and_draws_the_graph(browser, pages, name, stem, city, lang):
    path, graph = pages[name, stem, city, lang]
    run = open_view(browser, path)
    try:
        assert run.console_errors == [] and run.page_errors == []
        assert run.foreign_requests == [], "the page must make no request but for itself"
        assert run.dialogs == []
        assert run.counts() == (graph.number_of_nodes(), graph.number_of_edges())
        assert graph.number_of_nodes() > 0
        title = run.page.text_content("#title")
        assert title == graph.graph["title"][0]
        assert run.page.locator("#legend .row:visible").count() >= 2
        # drawn at the positions computed before the page: nothing moves
        assert run.page.evaluate("() => window.ipgraphView.network.physics.physicsEnabled") is False
        assert run.page.evaluate("() => window.ipgraphView.shownLabels") >= min(5, graph.number_of_nodes())
        if name != "plan" or stem == SCREENSHOT_PLAN:
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            run.page.screenshot(path=str(SCREENSHOTS / f"{view_id(name, None, city)}-{lang}.png"))
    finally:
        run.page.close()


LABEL_BOXES = """() => {
    // the boxes vis-network drew the visible labels in, in page pixels
    const v = window.ipgraphView, net = v.network, box = document.getElementById("network").getBoundingClientRect();
    const out = [];
    for (const n of v.nodes.get()) {
        if (!n.label || n.hidden) continue;
        const s = net.body.nodes[n.id].labelModule.size;
        const a = net.canvasToDOM({x: s.left, y: s.top}), b = net.canvasToDOM({x: s.left + s.width, y: s.top + s.height});
        out.push({id: n.id, label: n.label, x0: box.left + a.x, y0: box.top + a.y, x1: box.left + b.x, y1: box.top + b.y,
                  px: net.body.nodes[n.id].labelModule.fontOptions.size * net.getScale()});
    }
    return out;
}"""


def overlaps(boxes: list[dict]) -> list[tuple[str, str]]:
    return [
        (a["label"], b["label"])
        for i, a in enumerate(boxes)
        for b in boxes[i + 1 :]
        if a["x0"] < b["x1"] - 0.5
        and b["x0"] < a["x1"] - 0.5
        and a["y0"] < b["y1"] - 0.5
        and b["y0"] < a["y1"] - 0.5
    ]


@pytest.mark.parametrize("lang", LANGS)
def test_no_two_labels_overlap_in_the_one_city_agencies_view_at_fit_zoom(browser, pages, lang):
    path, graph = pages["agencies", None, ONE_CITY, lang]
    run = open_view(browser, path)
    try:
        boxes = run.page.evaluate(LABEL_BOXES)
        assert len(boxes) >= graph.number_of_nodes() // 3, "most agencies are named at fit zoom"
        assert overlaps(boxes) == []
        assert min(b["px"] for b in boxes) >= 10.5, "labels are readable at fit zoom"
        central = max(graph.nodes, key=lambda n: graph.nodes[n]["centrality"])
        shown = {b["id"] for b in boxes}
        assert list(graph.nodes).index(central) in shown, "the most central agency is named"
        # zooming in names more of them, still without overlap
        run.page.evaluate(
            "() => { const n = window.ipgraphView.network; n.moveTo({scale: n.getScale() * 2.5}); }"
        )
        run.page.mouse.wheel(0, 0)
        run.page.wait_for_timeout(400)
        run.page.evaluate("() => window.ipgraphView.network.emit('zoom', {})")
        run.page.wait_for_timeout(400)
        closer = run.page.evaluate(LABEL_BOXES)
        assert overlaps(closer) == []
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


ON_SCREEN = """(ids) => {
    // how many of the nodes ids (all shown ones when null) lie inside the drawing area, and the zoom
    const v = window.ipgraphView, net = v.network;
    const box = document.getElementById("network").getBoundingClientRect();
    const want = ids || v.nodes.get({filter: n => !n.hidden}).map(n => n.id);
    const pos = net.getPositions(want);
    const inside = want.filter(id => {
        const p = net.canvasToDOM(pos[id]);
        return p.x >= 0 && p.y >= 0 && p.x <= box.width && p.y <= box.height;
    }).length;
    return {inside, total: want.length, scale: net.getScale()};
}"""


def test_filters_and_search_zoom_to_what_they_keep_and_highlight_it(browser, pages):
    path, graph = pages["responsibility", None, None, "zh"]
    run = open_view(browser, path)
    try:
        page = run.page
        before = page.evaluate(ON_SCREEN, None)
        assert before["inside"] == before["total"] == graph.number_of_nodes()
        city = "厦门市"
        page.select_option("#filter-city", city)
        hidden = page.evaluate("() => window.ipgraphView.nodes.get({filter: n => n.hidden}).length")
        expected = sum(1 for _, a in graph.nodes(data=True) if city not in a["facets"].get("city", []))
        assert hidden == expected and 0 < hidden < graph.number_of_nodes()
        assert "显示" in page.text_content("#shown")
        kept = page.evaluate(ON_SCREEN, None)
        assert kept["inside"] == kept["total"] and kept["scale"] > before["scale"] * 1.2, "zoomed to the city"
        # the legend lists only what is still drawn
        types = {a["type_code"] for _, a in graph.nodes(data=True) if city in a["facets"].get("city", [])}
        rows = page.locator("#legend .row:visible").count()
        legend_types = len(graph.graph["type_labels"]) and len({t for t in types if t})
        assert rows <= len(page.locator("#legend .row").all()) and rows >= legend_types
        page.select_option("#filter-city", "")
        assert page.evaluate("() => window.ipgraphView.nodes.get({filter: n => n.hidden}).length") == 0
        support = sum(1 for *_, k in graph.edges(data="kind") if k == "support")
        page.get_by_label("Support", exact=True).uncheck()
        assert page.evaluate("() => window.ipgraphView.edges.get({filter: e => e.hidden}).length") == support
        page.get_by_label("Support", exact=True).check()
        page.fill("#search", "知识产权局")
        matches = [n for n, a in graph.nodes(data=True) if "知识产权局" in a["label"] + a["text"]]
        assert page.text_content("#search-count").startswith(f"{len(matches)} ")
        selected = page.evaluate("() => window.ipgraphView.network.getSelectedNodes()")
        assert len(selected) == len(matches) > 0
        found = page.evaluate(ON_SCREEN, selected)
        assert found["inside"] == found["total"], "the view zooms to the matches"
        look = page.evaluate(
            """(ids) => window.ipgraphView.nodes.get().map(n => [ids.includes(n.id), n.borderWidth || 1,
                   typeof n.color === "string" ? n.color : n.color.background, !!n.label])""",
            selected,
        )
        hits = [(w, has_label) for hit, w, _, has_label in look if hit]
        assert all(w == 4 for w, _ in hits), "matches are ringed"
        assert sum(has_label for _, has_label in hits) >= min(len(hits), 10), "matches are named"
        assert not any(has_label for hit, *_, has_label in look if not hit), "only matches are named"
        assert all(c == "#e4e4e4" for hit, _, c, _ in look if not hit), "the rest fades"
        page.fill("#search", "")
        assert (
            page.evaluate("() => window.ipgraphView.nodes.get().filter(n => n.borderWidth === 4).length") == 0
        )
        assert run.console_errors == [] and run.page_errors == []
    finally:
        page.close()


def test_a_big_view_opens_still_with_its_edges_painted(browser, tmp_path):
    import sys

    sys.path.insert(0, str(ROOT / "bench"))
    from viz_bench import synthetic

    from ipgraph.viz import views

    graph = views.responsibility(synthetic(2400), max_nodes=10**9)
    assert graph.number_of_edges() > 2000  # over the page's PAINT_EDGES
    path = viz.write_html(graph, tmp_path / "big.html")
    run = open_view(browser, path)
    try:
        assert run.counts() == (graph.number_of_nodes(), graph.number_of_edges())
        assert run.console_errors == [] and run.page_errors == []
        at_rest = run.page.evaluate(ON_SCREEN, None)
        assert at_rest["inside"] == at_rest["total"]
        boxes = run.page.evaluate(LABEL_BOXES)
        assert boxes and overlaps(boxes) == []
        run.page.fill("#search", "机构7")
        assert int(run.page.text_content("#search-count").split()[0]) > 0
        assert run.page.evaluate("() => window.ipgraphView.network.physics.physicsEnabled") is False
    finally:
        run.page.close()


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
