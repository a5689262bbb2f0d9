"""``ipgraph neo4j export``: the script loads the same graph as a push when run by Neo4j's own
cypher-shell (from Maven Central); the stylesheet and favourites are what Browser reads."""

from __future__ import annotations

import importlib
import subprocess
import zipfile
from pathlib import Path

import pytest
from conftest import PLANS
from neo4j_fixtures import (  # noqa: F401  (neo4j_server: a fixture)
    clear_ipgraph,
    db_content,
    expected_content,
    neo4j_server,
    neo4j_server_module,
)
from rdflib import RDF, RDFS, Dataset, Literal

from ipgraph.dataset import write_dataset
from ipgraph.neo4j import cypher_query_names, export, push, to_property_graph
from ipgraph.rdf import GRAPH, ID, IPG, SHARED_GRAPH

# ruff: noqa: F811  (tests take the fixture by name)

HOSTILE = [
    "quote \" and ' apostrophe",
    "back\\slash \\n not a newline \\u0041",
    "*/ end of comment /* // line comment",
    "new\nline\r\nand\ttab and \u2028 separator",
    '"}]; MATCH (n) DETACH DELETE n; :param rows => []; //',
    "`backtick` $rows {map}",
    "厦门市市场监督管理局（知识产权局）",
    "NUL \x00 and \x01 control characters",  # cypher-shell's :param kept "\u0000" as six characters
]


@pytest.fixture(scope="module")
def dataset():
    from ipgraph.dataset import build

    return build([PLANS], check=False).dataset


def _run_script(server, script: Path) -> subprocess.CompletedProcess[str]:
    module = neo4j_server_module()
    cmd = [*module.cypher_shell_command(server.uri, server.user, server.password), "-f", str(script)]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=600, stdin=subprocess.DEVNULL)
    assert done.returncode == 0, done.stderr[-2000:]
    return done


def test_exported_script_loads_the_same_graph_as_push(neo4j_server, dataset, tmp_path):
    report = export(dataset, tmp_path / "out")
    out = tmp_path / "out"
    assert {p.name for p in out.iterdir()} == {
        "ipgraph.cypher",
        "ipgraph.grass",
        "favorites",
        "favorites.zip",
    }
    pg = to_property_graph(dataset)
    with neo4j_server.driver() as driver:
        clear_ipgraph(driver)
        _run_script(neo4j_server, out / "ipgraph.cypher")
        from_script = db_content(driver)
        clear_ipgraph(driver)
        push(dataset, neo4j_server.uri, user=neo4j_server.user, password=neo4j_server.password)
        from_push = db_content(driver)
    assert from_script == from_push == expected_content(pg)
    assert report.nodes == len(from_push[0]) and report.relationships == len(from_push[1])


def test_hostile_text_round_trips_through_script_and_push(neo4j_server, tmp_path):
    ds = Dataset(default_union=True)
    plan_graph = ds.graph(GRAPH["plan/feedfacefeedface"])
    plan = ID["plan/feedfacefeedface"]
    plan_graph.add((plan, RDF.type, IPG.Plan))
    plan_graph.add((plan, IPG.title, Literal(HOSTILE[0], lang="zh")))
    for i, text in enumerate(HOSTILE):
        m = ID[f"plan/feedfacefeedface/m/{i}"]
        plan_graph.add((m, RDF.type, IPG.Measure))
        plan_graph.add((m, RDFS.label, Literal(text, lang="zh")))
        plan_graph.add((m, IPG.sourceText, Literal(text)))
        plan_graph.add((m, IPG.spanStart, Literal(i)))
        plan_graph.add((m, IPG.inPlan, plan))
    ds.graph(SHARED_GRAPH).add((ID["region/某市"], RDFS.label, Literal(HOSTILE[4], lang="en")))
    export(ds, tmp_path / "out")
    script = (tmp_path / "out" / "ipgraph.cypher").read_text("utf-8")
    starts = ("//", ":param rows => ", "CREATE ", "CALL ", "UNWIND $rows AS row ")
    for line in filter(None, script.splitlines()):  # no text from the plans broke a line
        assert line.startswith(starts), line
        if not line.startswith(":param"):
            assert not any(text in line for text in HOSTILE), line
    with neo4j_server.driver() as driver:
        clear_ipgraph(driver)
        _run_script(neo4j_server, tmp_path / "out" / "ipgraph.cypher")
        from_script = db_content(driver)
        records, _, _ = driver.execute_query(
            "MATCH (m:Measure) RETURN m.label_zh AS label, m.sourceText AS text ORDER BY m.spanStart"
        )
        assert [(r["label"], r["text"]) for r in records] == [(t, t) for t in HOSTILE]
        clear_ipgraph(driver)
        push(ds, neo4j_server.uri, user=neo4j_server.user, password=neo4j_server.password)
        assert db_content(driver) == from_script == expected_content(to_property_graph(ds))
        clear_ipgraph(driver)


def test_favorites_run_in_cypher_shell(neo4j_server, dataset, tmp_path):
    export(dataset, tmp_path / "out")
    favorites = sorted((tmp_path / "out" / "favorites").glob("*.cypher"))
    assert sorted(p.stem for p in favorites) == cypher_query_names()
    with zipfile.ZipFile(tmp_path / "out" / "favorites.zip") as zf:
        assert sorted(zf.namelist()) == sorted(f"ipgraph/{name}.cypher" for name in cypher_query_names())
    combined = tmp_path / "all-favorites.cypher"
    combined.write_text("\n".join(p.read_text("utf-8") for p in favorites), encoding="utf-8")
    push(dataset, neo4j_server.uri, user=neo4j_server.user, password=neo4j_server.password)
    done = _run_script(neo4j_server, combined)
    assert "厦门市" in done.stdout  # the queries ran and returned rows


def test_grass_has_a_colour_and_chinese_caption_per_class(dataset, tmp_path):
    export(dataset, tmp_path / "out")
    grass = (tmp_path / "out" / "ipgraph.grass").read_text("utf-8")
    pg = to_property_graph(dataset)
    for label in pg.label_counts():
        assert f"node.{label} {{" in grass
    rule = grass[grass.index("node.Plan {") :].split("\n}", 1)[0]
    assert "color: #" in rule and 'caption: "{label_zh}"' in rule
    target = grass[grass.index("node.Target {") :].split("\n}", 1)[0]
    assert 'caption: "{metric_zh}"' in target
    # general classes come first, so the more specific rule wins in Browser
    assert grass.index("node.PlanStatement {") < grass.index("node.Measure {")


def test_a_failed_export_writes_nothing(dataset, tmp_path, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    export_module = importlib.import_module("ipgraph.neo4j.export")  # the name is shadowed by the function
    monkeypatch.setattr(export_module, "grass_stylesheet", broken)
    with pytest.raises(RuntimeError):
        export(dataset, tmp_path / "out")
    assert list(tmp_path.iterdir()) == []


def test_cli_export(dataset, tmp_path):
    from typer.testing import CliRunner

    from ipgraph.cli import app

    graph = tmp_path / "graph.trig"
    write_dataset(dataset, graph)
    done = CliRunner().invoke(app, ["neo4j", "export", "--graph", str(graph), "-o", str(tmp_path / "out")])
    assert done.exit_code == 0, done.output
    assert (tmp_path / "out" / "ipgraph.cypher").is_file()
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    done = CliRunner().invoke(app, ["neo4j", "export", "--graph", str(graph), "-o", str(blocker / "out")])
    assert done.exit_code == 2 and done.stderr.startswith("error: ")
    assert len(done.stderr.strip().splitlines()) == 1
