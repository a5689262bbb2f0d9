"""The timeline view of deadlines by agency (issue 16, item 4), in Python and in real Chromium.

The rows are the view query's; the page draws as many lanes and marks as the rows make, and
as many overdue marks as the rows say at the given date; the marks' measures are the
``deadlines`` pack query's; a plan's markup and quotes in agency and measure text stay text;
the page makes no request but for itself. A screenshot goes to docs/screenshots/ (README).
"""

from __future__ import annotations

import subprocess

import pytest
from browser_fixtures import ROOT, open_view
from conftest import PLANS

from ipgraph import viz
from ipgraph.dataset import build
from ipgraph.querypack import query, select
from ipgraph.store import open_store
from ipgraph.viz.deadlines import Mark, TimelineError, lanes_of, timeline_query

SCREENSHOTS = ROOT / "docs" / "screenshots"
AS_OF = "2025-06-30"
READY = "() => !!(window.ipgraphTimeline && window.ipgraphTimeline.ready)"


@pytest.fixture(scope="module")
def graph_file(tmp_path_factory):
    graph = tmp_path_factory.mktemp("timeline") / "graph.trig"
    subprocess.run(["ipgraph", "build", str(PLANS), "-o", str(graph)], check=True, capture_output=True)
    return graph


@pytest.fixture(scope="module", params=["oxigraph", "rdflib"])
def store(request, graph_file):
    """The samples' graph on both engines: the query gives the same answer on each."""
    return open_store(graph_file, request.param)


def test_marks_are_the_query_rows_and_lanes_their_agencies(store):
    tl = viz.timeline(store, as_of=AS_OF)
    rows = select(store, timeline_query(), {"as_of": AS_OF}).rows
    assert len(tl.marks) == len(rows) > 20
    keys = {m.lane_key for m in tl.marks}
    assert len(tl.lanes) == len(keys) and {ln.key for ln in tl.lanes} == keys
    assert sum(len(ln.marks) for ln in tl.lanes) == len(tl.marks)
    for ln in tl.lanes:  # a lane is one agency of one place
        assert {(tl.marks[i].agency_key or ln.key, tl.marks[i].place_key) for i in ln.marks} == {
            (ln.key, ln.place_key)
        }
    # every mark's measure is one the deadlines pack query lists, and every such measure is drawn
    pack = query(store, "deadlines")
    assert {(m.plan, m.measure_path, m.deadline) for m in tl.marks} == set(
        zip(pack["plan"], pack["measure_path"], pack["deadline"], strict=True)
    )
    assert all(m.role in ("lead", "support", "") for m in tl.marks)
    assert all(m.source and m.measure_text for m in tl.marks)


@pytest.mark.parametrize("as_of", ["2024-12-31", AS_OF, "2030-01-01", "2000-01-01"])
def test_overdue_is_what_the_deadlines_say(store, as_of):
    tl = viz.timeline(store, as_of=as_of)
    assert tl.overdue == sum(m.deadline < as_of for m in tl.marks)
    assert all(m.overdue == (m.deadline < as_of) for m in tl.marks)
    pack = query(store, "deadlines")
    overdue_measures = {
        (p, d)
        for p, d, x in zip(pack["plan"], pack["measure_path"], pack["deadline"], strict=True)
        if x < as_of
    }
    assert {(m.plan, m.measure_path) for m in tl.marks if m.overdue} == overdue_measures


def test_a_same_named_agency_of_another_place_is_another_lane():
    def mark(agency_key: str, place_key: str, place: str) -> Mark:
        return Mark(
            place_key,
            place,
            agency_key,
            "市场监管局",
            "lead",
            "2024-12-31",
            True,
            "m",
            "1",
            "x",
            "t",
            "p",
            "plan",
            place,
            "f.txt",
        )

    lanes = lanes_of(
        [mark("a/xm", "r/xm", "厦门市"), mark("a/fz", "r/fz", "福州市"), mark("a/xm", "r/xm", "厦门市")]
    )
    assert [(ln.place, ln.agency, ln.marks) for ln in lanes] == [
        ("厦门市", "市场监管局", [0, 2]),
        ("福州市", "市场监管局", [1]),
    ]


def test_city_and_date_are_checked(store):
    with pytest.raises(TimelineError, match="not a date"):
        viz.timeline(store, as_of="30/06/2025")
    with pytest.raises(TimelineError, match="no plan for city"):
        viz.timeline(store, city="不存在市", as_of=AS_OF)
    one = viz.timeline(store, city="上海市", as_of=AS_OF)
    assert one.marks and {m.plan_city for m in one.marks} == {"上海市"}
    assert viz.timeline(store, city="厦门市", as_of=AS_OF).marks == []  # plans, none with a deadline


def test_the_command_draws_the_timeline(tmp_path, graph_file):
    graph = graph_file
    out = tmp_path / "t.html"
    done = subprocess.run(
        [
            "ipgraph",
            "viz",
            "-g",
            str(graph),
            "-o",
            str(out),
            "--view",
            "timeline",
            "--as-of",
            AS_OF,
            "-p",
            "city=上海市",
        ],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    tl = viz.timeline(graph, city="上海市", as_of=AS_OF)
    assert f"{len(tl.lanes)} lanes, {len(tl.marks)} deadline marks, {tl.overdue} overdue" in done.stderr
    assert "ipgraph-data" in out.read_text("utf-8")
    bad = subprocess.run(
        ["ipgraph", "viz", "-g", str(graph), "-o", str(out), "--view", "timeline", "--as-of", "June"],
        capture_output=True,
        text=True,
    )
    assert bad.returncode == 2 and "not a date" in bad.stderr and "Traceback" not in bad.stderr
    mixed = subprocess.run(
        ["ipgraph", "viz", "-g", str(graph), "-o", str(out), "--view", "timeline", "--city", "上海市"],
        capture_output=True,
        text=True,
    )
    assert mixed.returncode == 2 and "-p city=NAME" in mixed.stderr


# --- in Chromium ------------------------------------------------------------------------------


def open_timeline(browser, path):
    run = open_view(browser, path, wait=False)
    run.page.wait_for_function(READY, timeout=60_000)
    return run


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_page_draws_every_lane_and_mark_offline(browser, store, tmp_path, lang):
    tl = viz.timeline(store, tmp_path / f"timeline-{lang}.html", as_of=AS_OF, lang=lang)
    run = open_timeline(browser, tmp_path / f"timeline-{lang}.html")
    page = run.page
    try:
        assert run.console_errors == [] and run.page_errors == [] and run.dialogs == []
        assert run.foreign_requests == [], "the page must make no request but for itself"
        assert all(r.startswith("file://") for r in run.requests)
        got = page.evaluate(
            "() => { const v = window.ipgraphTimeline; return [v.lanes, v.marks, v.overdue, "
            "v.shownLanes, v.shownMarks, v.overdueDrawn()]; }"
        )
        assert got == [len(tl.lanes), len(tl.marks), tl.overdue, len(tl.lanes), len(tl.marks), tl.overdue]
        assert page.text_content("#title") == tl.title()[1 if lang == "en" else 0]
        assert f"{tl.overdue}" in page.text_content("#subtitle")
        page.check("#only-overdue")
        assert page.evaluate("() => window.ipgraphTimeline.shownMarks") == tl.overdue
        page.uncheck("#only-overdue")
        # hover a mark: its measure's text, plan, role and source, as text
        k = next(i for i, m in enumerate(tl.marks) if m.overdue and m.role == "lead")
        m = tl.marks[k]
        p = page.evaluate("(k) => window.ipgraphTimeline.markPoint(k)", k)
        page.mouse.move(p["x"], p["y"])
        tip = page.locator("#tip")
        tip.wait_for(state="visible", timeout=5_000)
        text = tip.text_content()
        assert m.measure_text[:20] in text and m.plan in text and m.source in text and m.agency in text
        assert ("牵头" if lang == "zh" else "lead") in text
        page.mouse.click(p["x"], p["y"])
        assert m.measure_text[:20] in page.text_content("#detail-body")
        if lang == "zh":  # Chinese is drawn with a CJK font (not tofu): the installed font is used
            assert page.evaluate("() => document.fonts.check('12px \"WenQuanYi Micro Hei\"', '知识产权')")
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(SCREENSHOTS / "timeline-zh.png"))
    finally:
        page.close()


EVIL_PLAN = """厦门市知识产权保护工作要点

 一、加强知识产权保护

  1.强化<img src=x onerror=alert(1)>知识产权保护,完善<script>window.__xss=1;alert(2)</script>制度"规则'。(责任单位:市市场监管局、市"科技<script>window.__xss=3</script>局';完成时限:2024年12月底)

  2.推进知识产权运用</script><script>window.__xss=2;alert(4)</script>工作。(责任单位:市<img src=y onerror=alert(5)>局;完成时限:2026年6月底)
"""


@pytest.mark.parametrize("csp", [True, False], ids=["with-csp", "escaping-alone"])
def test_markup_and_quotes_in_agencies_and_measures_stay_text(browser, tmp_path, csp):
    plan = tmp_path / "evil.txt"
    plan.write_text(EVIL_PLAN, encoding="utf-8")
    result = build([plan], check=False)
    assert not result.failures
    tl = viz.build_timeline(result.dataset, as_of=AS_OF)
    evil = next(i for i, m in enumerate(tl.marks) if "<script>" in m.agency)
    assert '"' in tl.marks[evil].agency and "'" in tl.marks[evil].agency
    path = viz.write_timeline(tl, tmp_path / "evil.html", csp=csp)
    source = path.read_text("utf-8")
    assert source.count("<script") == 2 and "<img" not in source  # ours only: the data's JSON is escaped
    run = open_timeline(browser, path)
    page = run.page
    try:
        assert page.evaluate("() => [window.ipgraphTimeline.marks, window.ipgraphTimeline.overdue]") == [
            len(tl.marks),
            tl.overdue,
        ]
        p = page.evaluate("(k) => window.ipgraphTimeline.markPoint(k)", evil)
        page.mouse.move(p["x"], p["y"])
        page.mouse.click(p["x"], p["y"])
        tip = page.locator("#tip")
        tip.wait_for(state="visible", timeout=5_000)
        shown = tip.text_content() + page.text_content("#detail-body")
        assert (
            "<script>window.__xss=3</script>" in shown and "<script>window.__xss=1;alert(2)</script>" in shown
        )
        assert page.locator("#tip script, #tip img, #detail-body script, #detail-body img").count() == 0
        assert page.locator("img").count() == 0
        page.fill("#search", "<script>")
        assert page.evaluate("() => window.ipgraphTimeline.shownLanes") == 1
        assert page.evaluate("() => typeof window.__xss") == "undefined"
        assert run.dialogs == [] and run.page_errors == [] and run.console_errors == []
        assert run.foreign_requests == []
    finally:
        page.close()
