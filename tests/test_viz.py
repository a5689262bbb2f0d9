"""The views as graphs and as HTML text (no browser): counts agree with SPARQL over the graph,
filters select what they say, big views are grouped, the page is self-contained and escaped.
The browser checks are in test_viz_browser.py."""

from __future__ import annotations

import doctest
import itertools
import json
import re

import networkx as nx
import pytest
from conftest import PLANS
from rdflib import RDF, Literal, Namespace, URIRef
from rdflib.namespace import SKOS
from typer.testing import CliRunner

from ipgraph import viz
from ipgraph.dataset import build, write_dataset
from ipgraph.store import open_store
from ipgraph.viz.data import load, responsibility_clause
from ipgraph.viz.render import script_json, to_html

IPG = Namespace("https://w3id.org/ipgraph/ontology#")
PREFIX = "PREFIX ipg: <https://w3id.org/ipgraph/ontology#>\n"


@pytest.fixture(scope="module")
def dataset():
    return build([PLANS], check=False).dataset


@pytest.fixture(scope="module")
def store(dataset):
    return open_store(dataset)


@pytest.fixture(scope="module")
def data(dataset):
    return load(dataset)


def count(store, query: str) -> int:
    return int(store.select(PREFIX + query).rows[0][0])


def test_responsibility_view_counts_match_the_graph(store, data):
    g = viz.view(data, "responsibility")
    agencies = count(
        store, "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?r a ipg:Responsibility; ipg:agency ?a }"
    )
    measures = count(
        store, "SELECT (COUNT(DISTINCT ?m) AS ?n) WHERE { ?r a ipg:Responsibility; ipg:measure ?m }"
    )
    pairs = count(
        store,
        "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?a ?m WHERE { ?r a ipg:Responsibility; ipg:agency ?a; ipg:measure ?m } }",
    )
    lead_pairs = count(
        store,
        "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?a ?m WHERE "
        "{ ?r a ipg:Responsibility; ipg:role ipg:Lead; ipg:agency ?a; ipg:measure ?m } }",
    )
    assert g.number_of_nodes() == agencies + measures
    assert g.number_of_edges() == pairs
    kinds = [k for *_, k in g.edges(data="kind")]
    assert kinds.count("lead") == lead_pairs and kinds.count("support") == pairs - lead_pairs
    assert {c for _, c in g.nodes(data="cls")} <= {"agency", "collective", "measure"}
    assert not g.graph["aggregated"]


def test_measure_tooltip_holds_its_source_text_and_edges_the_clause(store, data):
    g = viz.view(data, "responsibility")
    texts = dict(store.select(PREFIX + "SELECT ?m ?t WHERE { ?m a ipg:Measure; ipg:sourceText ?t }").rows)
    for node, attrs in g.nodes(data=True):
        if attrs["cls"] == "measure":
            assert attrs["text"] == str(texts[URIRef(node)])
    clauses = [t for *_, t in g.edges(data="text")]
    assert all(clauses)
    # the clause is the bracketed responsibility part of the measure's text, e.g. (责任单位:…)
    assert any(c.startswith(("(", "(", "〔")) and "责任单位" in c for c in clauses)


def test_responsibility_clause_is_cut_from_the_measure_text(data):
    r = next(r for r in data.responsibilities if r.mention == "上海市知识产权局")
    clause = responsibility_clause(data, r)
    assert clause.startswith("(责任单位:") and clause.endswith(")") and "上海市知识产权局" in clause


def test_agencies_view_is_the_co_responsibility_network(store, data):
    g = viz.view(data, "agencies")
    pairs = count(
        store,
        "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?a ?b WHERE { "
        "?r1 a ipg:Responsibility; ipg:measure ?m; ipg:agency ?a . "
        "?r2 a ipg:Responsibility; ipg:measure ?m; ipg:agency ?b . FILTER(STR(?a) < STR(?b)) } }",
    )
    agencies = count(
        store, "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?r a ipg:Responsibility; ipg:agency ?a }"
    )
    assert (g.number_of_nodes(), g.number_of_edges()) == (agencies, pairs)
    expected = nx.degree_centrality(g.to_undirected())
    for n, c in g.nodes(data="centrality"):
        assert c == pytest.approx(expected[n])
    biggest = max(g.nodes, key=lambda n: g.nodes[n]["size"])
    assert g.nodes[biggest]["centrality"] == max(expected.values())


def test_agencies_are_coloured_by_type(data):
    from ipgraph.viz.style import AGENCY_TYPE_COLORS

    g = viz.view(data, "agencies")
    for _, a in g.nodes(data=True):
        assert a["color"] == AGENCY_TYPE_COLORS.get(a["type_code"], AGENCY_TYPE_COLORS["other"])


def test_cities_view_links_cities_agency_types_and_themes(store, data):
    g = viz.view(data, "cities")
    cities = count(
        store,
        "SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?p ipg:jurisdiction ?c . "
        "{ ?r a ipg:Responsibility; ipg:inPlan ?p } UNION { ?m a ipg:Measure; ipg:theme ?t; ipg:inPlan ?p } }",
    )
    assert sum(1 for _, c in g.nodes(data="cls") if c == "city") == cities
    responsibilities = count(store, "SELECT (COUNT(?r) AS ?n) WHERE { ?r a ipg:Responsibility }")
    assert sum(
        w
        for *_, k, w in ((*e, g.edges[e]["kind"], g.edges[e]["weight"]) for e in g.edges)
        if k == "city-type"
    ) == (responsibilities)


@pytest.mark.parametrize("stem", sorted(p.stem for p in PLANS.glob("*.txt")))
def test_plan_view_draws_every_statement_and_target_of_the_plan(store, data, stem):
    g = viz.view(data, "plan", plan=stem + ".txt")
    plan = next(p for p in data.plans.values() if p.file_name == stem + ".txt")
    b = {"p": plan.uri}
    for cls, name in (
        ("Measure", "measure"),
        ("Goal", "goal"),
        ("SchedulePhase", "phase"),
        ("Target", "target"),
    ):
        n = int(
            store.select(
                PREFIX + f"SELECT (COUNT(?x) AS ?n) WHERE {{ ?x a ipg:{cls}; ipg:inPlan ?p }}", b
            ).rows[0][0]
        )
        assert sum(1 for _, c in g.nodes(data="cls") if c == name) == n, name
    assert nx.is_weakly_connected(g)
    assert [n for n, c in g.nodes(data="cls") if c == "plan"] == [str(plan.uri)]


def test_city_filter_takes_in_the_citys_districts(data):
    g = viz.view(data, "responsibility", city="福州市")
    plans = {a["info"][0][1] for _, a in g.nodes(data=True) if a["cls"] == "measure"}
    assert plans == {"福州市仓山区实施国家知识产权强县工程试点区工作方案"} or not plans
    xm = viz.view(data, "agencies", city="厦门")
    assert xm.number_of_nodes() and all("厦门市" in a["facets"]["city"] for _, a in xm.nodes(data=True))


def with_test_theme(dataset):
    """Tag measures whose label says 保护 with a test-only theme, as issue 3's contract shapes it."""
    theme = URIRef("https://w3id.org/ipgraph/id/theme/test-protection")
    dataset.add((theme, RDF.type, SKOS.Concept))
    dataset.add((theme, SKOS.inScheme, IPG.Themes))
    dataset.add((theme, SKOS.notation, Literal("test-protection")))
    dataset.add((theme, SKOS.prefLabel, Literal("测试保护", lang="zh")))
    dataset.add((theme, SKOS.prefLabel, Literal("Test protection", lang="en")))
    tagged = set()
    for m, label in dataset.subject_objects(URIRef(str(RDFS_LABEL))):
        if (m, RDF.type, IPG.Measure) in dataset and "保护" in str(label):
            dataset.add((m, IPG.theme, theme))
            tagged.add(str(m))
    return tagged


RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"


def test_theme_filter_keeps_the_themes_measures():
    ds = build([PLANS], check=False).dataset
    tagged = with_test_theme(ds)
    data = load(ds)
    for name in ("test-protection", "测试保护", "Test protection"):
        g = viz.view(data, "responsibility", theme=name)
        measures = {n for n, c in g.nodes(data="cls") if c == "measure"}
        assert measures and measures <= tagged
    cities = viz.view(data, "cities", theme="test-protection")
    assert "theme:test-protection" in cities
    with pytest.raises(viz.ViewError, match="unknown theme"):
        viz.view(data, "responsibility", theme="no-such-theme")


def test_bad_selections_are_named(data):
    with pytest.raises(viz.ViewError, match="北京"):
        viz.view(data, "agencies", city="北京")
    with pytest.raises(viz.ViewError, match="--plan"):
        viz.view(data, "plan")
    with pytest.raises(viz.ViewError, match="unknown view"):
        viz.view(data, "heatmap")
    if not data.themes:
        with pytest.raises(viz.ViewError, match="no themes"):
            viz.view(data, "responsibility", theme="talent")


@pytest.mark.parametrize("name", ["responsibility", "agencies", "cities"])
def test_a_view_over_the_limit_is_grouped_and_says_so(data, name):
    full = viz.view(data, name)
    limit = max(2, full.number_of_nodes() - 1)
    g = viz.view(data, name, max_nodes=limit)
    assert g.graph["aggregated"] and g.number_of_nodes() < full.number_of_nodes()
    assert "超过上限" in g.graph["notice"][0] and "--city" in g.graph["notice"][1]
    assert sum(c for _, c in g.nodes(data="count")) == full.number_of_nodes()
    page = to_html(g)
    assert "超过上限" in json.loads(_data_block(page))["notice"][0]


def test_plan_view_over_the_limit_is_grouped_by_section(data):
    g = viz.view(data, "plan", plan="004_413121bb9f269da9.txt", max_nodes=5)
    assert g.graph["aggregated"]
    assert {c for _, c in g.nodes(data="cls")} <= {"plan", "section"}


def test_script_json_cannot_end_the_script_element():
    text = script_json({"a": "</script><script>alert(1)</script><!-- & \u2028\u2029"})
    assert not re.search(r"[<>&\u2028\u2029]", text)
    assert json.loads(text)["a"].startswith("</script>")


def _data_block(page: str) -> str:
    m = re.search(r'<script type="application/json" id="ipgraph-data">(.*?)</script>', page, re.S)
    assert m
    return m.group(1)


def test_page_is_self_contained(data, tmp_path):
    path = tmp_path / "v.html"
    viz.view(data, "responsibility", path)
    page = path.read_bytes().decode("utf-8")  # UTF-8 on every platform
    assert "责任分工" in page and "\r\n" not in page
    # no attribute or CSS rule points anywhere: every script and style is inline
    assert not re.search(r"""\b(?:src|href)\s*=\s*(?!["']?data:)""", page.split('id="ipgraph-data"')[0])
    assert not re.search(r"<(?:link|script)[^>]*\b(?:src|href)=[\"'](?!data:)", page)
    assert "url(http" not in page and "@import" not in page
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    scripts = re.findall(r"(<script\b[^>]*>).*?</script>", page, re.S)
    assert len(scripts) == 3 and all("nonce=" in s or "application/json" in s for s in scripts)


def test_document_text_stays_inside_the_json_block(tmp_path):
    plan = tmp_path / "evil.txt"
    plan.write_text(EVIL_PLAN, encoding="utf-8")
    ds = build([plan], check=False).dataset
    page = to_html(viz.view(ds, "responsibility"))
    outside = page.replace(_data_block(page), "")
    assert "onerror=alert" not in outside and "onmouseover=alert" not in outside and "__xss" not in outside
    assert "<img" not in page and "<b onmouseover" not in page
    assert "\\u003cimg src=x onerror=alert(1)\\u003e" in page


EVIL_PLAN = """厦门市知识产权保护工作要点

 一、加强知识产权保护

  1.强化<img src=x onerror=alert(1)>知识产权保护,完善<script>window.__xss=1;alert(2)</script>制度规则。(责任单位:市市场监管局、市公安局<b onmouseover=alert(3)>;完成时限:2024年12月底)

  2.推进知识产权运用</script><script>window.__xss=2;alert(4)</script>工作。(责任单位:市市场监管局;完成时限:持续推进)
"""


def test_notebook_functions_return_the_drawn_graph(dataset, tmp_path):
    g = viz.agencies(dataset, tmp_path / "a.html", city="上海市")
    assert isinstance(g, nx.DiGraph) and (tmp_path / "a.html").is_file()
    assert viz.cities(dataset).number_of_nodes() > 0
    assert viz.plan(dataset, plan="济南").graph["view"] == "plan"
    assert viz.responsibility(dataset, lang="en").number_of_edges() > 0


def test_cli_writes_the_view(dataset, tmp_path):
    from ipgraph.cli import app

    graph = tmp_path / "g.trig"
    write_dataset(dataset, graph)
    out = tmp_path / "views" / "agencies.html"
    runner = CliRunner()
    r = runner.invoke(
        app, ["viz", "--graph", str(graph), "-o", str(out), "--view", "agencies", "--city", "厦门市"]
    )
    assert r.exit_code == 0, r.output
    assert out.is_file() and "nodes" in r.output
    r = runner.invoke(app, ["viz", "--graph", str(graph), "-o", str(out), "--view", "plan"])
    assert r.exit_code == 2 and "--plan" in r.output
    r = runner.invoke(app, ["viz", "--graph", str(tmp_path / "missing.trig"), "-o", str(out)])
    assert r.exit_code == 2 and "missing.trig" in r.output


@pytest.mark.parametrize(
    "module", ["ipgraph.viz.render", "ipgraph.viz.views", "ipgraph.viz.data", "ipgraph.viz.labels"]
)
def test_docstring_examples(module):
    import importlib

    assert doctest.testmod(importlib.import_module(module), optionflags=doctest.ELLIPSIS).failed == 0


def test_english_labels_on_the_canvas_chinese_kept_in_the_tooltip(data):
    g = viz.view(data, "agencies")
    page = json.loads(_data_block(to_html(g, lang="en")))
    with_en = [n for n in page["nodes"] if n["e"]]
    assert with_en, "agencies carry English labels (docs/graph-shape.md)"
    for n in with_en:  # wrapped into lines, cut with "…" only past the last line
        shown = " ".join(n["l"].split("\n")).rstrip("…")
        assert shown == " ".join(n["e"].split())[: len(shown)] and n["L"] != n["e"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_one_city_labels_drop_the_shared_city_and_tell_agencies_apart(data, lang):
    g = viz.view(data, "agencies", city="厦门市")
    page = json.loads(_data_block(to_html(g, lang=lang)))
    labels = [n["l"] for n in page["nodes"]]
    assert len(set(labels)) == len(labels), "every agency reads differently on the canvas"
    city = "Xiamen" if lang == "en" else "厦门市"
    starting = [x for x in labels if x.startswith(city)]
    assert len(starting) <= len(labels) // 10, starting  # "Xiamen Munici…" everywhere was the bug
    for n in page["nodes"]:  # the tooltip keeps the full names
        full = g.nodes[list(g.nodes)[n["id"]]]
        assert n["L"] == full["label"] and n["e"] in ("", full["label_en"])
    market = next(n for n in page["nodes"] if n["L"] == "厦门市市场监督管理局")
    assert market["l"].replace("\n", " ") == (
        "Administration for Market Regulation" if lang == "en" else "市场监督管理局"
    )


def test_several_cities_keep_the_city_in_the_label(data):
    page = json.loads(_data_block(to_html(viz.view(data, "agencies"), lang="en")))
    market = next(n for n in page["nodes"] if n["L"] == "厦门市市场监督管理局")
    assert market["l"].startswith("Xiamen")


@pytest.mark.parametrize("stem", sorted(p.stem for p in PLANS.glob("*.txt")))
def test_plan_view_is_a_tree_with_deadlines_on_their_measures(data, stem):
    g = viz.view(data, "plan", plan=stem + ".txt")
    root = next(n for n, c in g.nodes(data="cls") if c == "plan")
    assert nx.is_arborescence(g), "one parent per node: nothing shared across parts"
    assert "deadline" not in {c for _, c in g.nodes(data="cls")}
    depth = nx.shortest_path_length(g, root)
    for u, v in g.edges:  # left to right, one column per depth
        assert g.nodes[v]["x"] > g.nodes[u]["x"] and depth[v] == depth[u] + 1
    for n, a in g.nodes(data=True):
        if a["cls"] == "target":
            assert g.out_degree(n) == 0
    ms = [a for _, a in g.nodes(data=True) if a["cls"] == "measure"]
    due = [a for a in ms if any(k.startswith("完成时限") and v for k, v in a["info"])]
    for a in due:
        deadline = dict(a["info"])["完成时限 Deadline"]
        assert deadline.split()[0] in a["short"]
    leaves = sorted(a["y"] for n, a in g.nodes(data=True) if g.out_degree(n) == 0)
    assert all(b - a >= 40 for a, b in itertools.pairwise(leaves)), "a row per leaf"


def test_compare_view_puts_each_agency_type_at_the_same_place_in_every_panel(data):
    g = viz.view(data, "compare")
    panels = g.graph["panels"]
    cities = {p.region for p in data.plans.values()}
    assert len(panels) == len({data.city_of(c) for c in cities})
    where: dict = {}
    for _, a in g.nodes(data=True):
        assert a["cls"] == "agency-type"
        panel = next(
            p for p in panels if p["x"] <= a["x"] <= p["x"] + p["w"] and p["y"] <= a["y"] <= p["y"] + p["h"]
        )
        where.setdefault(a["type_code"], set()).add((round(a["x"] - panel["x"]), round(a["y"] - panel["y"])))
    assert where and all(len(spots) == 1 for spots in where.values())
    drawn = [p for p in panels if "note_zh" not in p]
    assert len(drawn) == len({a["facets"]["city"][0] for _, a in g.nodes(data=True)})
    lead = sum(int(dict(a["info"])["牵头 Lead"]) for _, a in g.nodes(data=True))
    assert lead == sum(1 for r in data.responsibilities if r.lead)


def test_positions_are_computed_before_the_page_and_physics_is_off(data):
    for name in ("responsibility", "agencies", "cities"):
        page = json.loads(_data_block(to_html(viz.view(data, name))))
        xy = {(n["x"], n["v"]) for n in page["nodes"]}
        assert len(xy) == len(page["nodes"]), "no two nodes on one spot"
        assert page["options"]["physics"]["enabled"] is False


def test_legend_lists_only_what_is_drawn(data):
    g = viz.view(data, "agencies", city="厦门市")
    page = json.loads(_data_block(to_html(g)))
    assert {t["key"] for t in page["legend"]["types"]} == {a["type_code"] for _, a in g.nodes(data=True)}
    assert {r["key"] for r in page["legend"]["nodes"]} == {a["cls"] for _, a in g.nodes(data=True)}


def test_any_networkx_graph_can_be_written(tmp_path):
    g = nx.karate_club_graph()
    path = viz.write_html(g, tmp_path / "karate.html")
    page = json.loads(_data_block(path.read_text("utf-8")))
    assert (len(page["nodes"]), len(page["edges"])) == (34, 78)
    assert all(isinstance(n["x"], float) for n in page["nodes"])  # laid out by ipgraph.viz.layout


@pytest.mark.parametrize("kind", ["rdflib", "oxigraph"])
def test_both_stores_draw_the_same_views(dataset, tmp_path, kind):
    graph = tmp_path / "g.trig"
    write_dataset(dataset, graph)
    reference = load(dataset)
    data = load(open_store(graph, kind))
    for name in ("responsibility", "agencies", "cities"):
        a, b = viz.view(reference, name), viz.view(data, name)
        assert sorted(a.nodes) == sorted(b.nodes) and sorted(a.edges) == sorted(b.edges), name
