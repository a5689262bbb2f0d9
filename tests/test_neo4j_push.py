"""``ipgraph neo4j push`` against a real Neo4j 5: counts, idempotence, replacing and removing plans,
a server killed in the middle of a push, and one-line errors."""

from __future__ import annotations

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
from rdflib import RDF

from ipgraph.dataset import build, write_dataset
from ipgraph.neo4j import Neo4jConnectionError, push, to_property_graph
from ipgraph.neo4j.mapping import HISTORY, SHARED
from ipgraph.rdf import IPG

# ruff: noqa: F811  (tests take the fixture by name)


@pytest.fixture(scope="module")
def dataset():
    return build([PLANS], check=False).dataset


@pytest.fixture(scope="module")
def graph_file(dataset, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("neo4j-push") / "graph.trig"
    write_dataset(dataset, path)
    return path


def _push(server, source, **kwargs):
    return push(source, server.uri, user=server.user, password=server.password, **kwargs)


def _counts(driver) -> tuple[dict[str, int], dict[str, int]]:
    records, _, _ = driver.execute_query(
        "MATCH (n:Resource) UNWIND labels(n) AS label RETURN label, count(*) AS c"
    )
    labels = {r["label"]: r["c"] for r in records}
    records, _, _ = driver.execute_query(
        "MATCH (:Resource)-[r]->(:Resource) RETURN type(r) AS t, count(*) AS c"
    )
    return labels, {r["t"]: r["c"] for r in records}


def test_push_gives_the_counts_of_the_rdf_and_a_second_push_changes_nothing(neo4j_server, dataset):
    pg = to_property_graph(dataset)
    with neo4j_server.driver() as driver:
        clear_ipgraph(driver)
        report = _push(neo4j_server, dataset)
        assert report.nodes == sum(1 for _ in pg.nodes()) and not report.dropped
        labels, types = _counts(driver)
        assert labels == dict(pg.label_counts())
        assert types == dict(pg.rel_type_counts())
        first = db_content(driver)
        assert first == expected_content(pg)  # every node, label, property and relationship
        _push(neo4j_server, dataset)
        assert db_content(driver) == first


def test_a_push_skips_units_unchanged_since_the_last_one(neo4j_server, dataset):
    pg = to_property_graph(dataset)
    plans = [g for g in pg.units if g not in (SHARED, HISTORY)]
    with neo4j_server.driver() as driver:
        clear_ipgraph(driver)
        first = _push(neo4j_server, dataset)
        assert first.units == len(pg.units) and not first.skipped
        content = db_content(driver)
        again = _push(neo4j_server, dataset)
        assert again.units == 0 and again.nodes == 0 and again.skipped == list(pg.units)
        assert db_content(driver) == content
        # nodes deleted by hand: that plan is written again, the others still skipped
        driver.execute_query("MATCH (n:Resource {graph: $g}) DETACH DELETE n", g=plans[0])
        repaired = _push(neo4j_server, dataset)
        # the plan, and the history unit whose links into it the deletion took (issue 16)
        assert repaired.units == 1 + (HISTORY in pg.units) and plans[0] not in repaired.skipped
        assert db_content(driver) == content
        forced = _push(neo4j_server, dataset, force=True)
        assert forced.units == len(pg.units) and not forced.skipped
        assert db_content(driver) == content


def test_push_after_removing_a_plan_removes_exactly_that_plans_nodes(neo4j_server, dataset):
    files = sorted(PLANS.glob("*.txt"))
    fewer = build(files[1:], check=False).dataset
    full_pg, fewer_pg = to_property_graph(dataset), to_property_graph(fewer)
    with neo4j_server.driver() as driver:
        clear_ipgraph(driver)
        _push(neo4j_server, dataset)
        before = set(db_content(driver)[0])
        report = _push(neo4j_server, fewer)
        after_nodes, after_rels = db_content(driver)
        removed_plan = (set(full_pg.units) - set(fewer_pg.units)).pop()
        assert report.removed_graphs == [removed_plan]
        assert before - set(after_nodes) == {n.iri for n in full_pg.nodes()} - {
            n.iri for n in fewer_pg.nodes()
        }
        assert {n.iri for n in full_pg.units[removed_plan].nodes} <= before - set(after_nodes)
        assert (after_nodes, after_rels) == expected_content(fewer_pg)
        assert _counts(driver) == (dict(fewer_pg.label_counts()), dict(fewer_pg.rel_type_counts()))
        # --keep-others keeps plans the input does not have; the history graph is the input's
        _push(neo4j_server, dataset)
        _push(neo4j_server, fewer, prune=False)
        history = {n.iri for n in full_pg.units[HISTORY].nodes}
        assert set(db_content(driver)[0]) == before - history | {n.iri for n in fewer_pg.units[HISTORY].nodes}


def test_pushing_a_rebuilt_plan_leaves_no_duplicates_and_no_orphans(neo4j_server, dataset):
    from rdflib import Dataset

    changed = Dataset(default_union=True)
    for quad in dataset.quads((None, None, None, None)):
        changed.add(quad)
    # The rebuilt plan lost its last measure (and that measure's responsibilities).
    measure = max(
        (m for m in changed.subjects(RDF.type, IPG.Measure)), key=lambda m: (str(m).split("/m/")[0], str(m))
    )
    doomed = {measure, *changed.objects(measure, IPG.hasResponsibility)}
    for s, p, o, g in list(changed.quads((None, None, None, None))):
        if s in doomed or o in doomed:
            changed.remove((s, p, o, g))
    pg = to_property_graph(changed)
    with neo4j_server.driver() as driver:
        clear_ipgraph(driver)
        _push(neo4j_server, dataset)
        report = _push(neo4j_server, changed)
        rebuilt = "plan/" + str(measure).split("/plan/")[1].split("/m/")[0]  # its unit: plan/{id}
        assert rebuilt in pg.units
        assert rebuilt not in report.skipped
        assert set(report.skipped) >= {g for g in pg.units if g not in (rebuilt, SHARED, HISTORY)}
        assert HISTORY not in report.skipped  # it links into the rebuilt plan: written again
        nodes, rels = db_content(driver)
        assert str(measure) not in nodes
        assert (nodes, rels) == expected_content(pg)
        records, _, _ = driver.execute_query(
            "MATCH (n:Resource) WITH n.iri AS iri, count(*) AS c WHERE c > 1 RETURN iri"
        )
        assert not records


def test_killing_neo4j_mid_push_leaves_no_partial_plan(neo4j_server, dataset):
    """SIGKILL the server inside a plan's open transaction; after a restart every plan is either
    complete or absent, and pushing again gives the same database as a clean push."""
    server = neo4j_server  # the session's server: restarted on the same data dir and port below
    pg = to_property_graph(dataset)
    plans = [g for g in pg.units if g != SHARED]
    victim = plans[len(plans) // 2]
    with server.driver() as driver:
        clear_ipgraph(driver)
    seen: list[tuple[str, str]] = []

    def kill_in_the_middle(event: str, graph: str, n: int) -> None:
        seen.append((event, graph))
        batches = sum(1 for e, g in seen if e == "batch" and g == victim)
        if graph == victim and event == "batch" and batches == 2 and server.is_running():
            server.kill()

    try:
        with pytest.raises(Neo4jConnectionError, match="cannot reach Neo4j"):
            _push(server, dataset, batch_size=20, progress=kill_in_the_middle, retry_seconds=1.0)
        assert not server.is_running()
        committed = [g for e, g in seen if e == "unit"]
        assert SHARED in committed and victim not in committed
    finally:
        if not server.is_running():
            server.restart()
    with server.driver() as driver:
        nodes, rels = db_content(driver)
        graphs = {props["graph"] for _, props in nodes.values()}
        assert victim not in graphs  # the open transaction was rolled back whole
        assert graphs == set(committed)
        expected_nodes, expected_rels = expected_content(pg)
        for graph in graphs:  # every plan there is complete
            assert {i for i, (_, p) in nodes.items() if p["graph"] == graph} == {
                i for i, (_, p) in expected_nodes.items() if p["graph"] == graph
            }
            assert {r for r in rels if r[3] == graph} == {r for r in expected_rels if r[3] == graph}

        _push(server, dataset)
        assert db_content(driver) == expected_content(pg)


def _cli(*args: str, env: dict[str, str] | None = None):
    from typer.testing import CliRunner

    from ipgraph.cli import app

    return CliRunner().invoke(app, list(args), env=env)


def test_cli_push_and_its_errors(neo4j_server, graph_file, dataset):
    env = {"IPG_TEST_PW": neo4j_server.password}
    base = [
        "neo4j",
        "push",
        "--graph",
        str(graph_file),
        "--user",
        neo4j_server.user,
        "--password-env",
        "IPG_TEST_PW",
    ]
    with neo4j_server.driver() as driver:
        clear_ipgraph(driver)
        done = _cli(*base, "--uri", neo4j_server.uri, env=env)
        assert done.exit_code == 0, done.output
        assert "pushed 5 plan(s)" in done.stderr
        content = db_content(driver)
        assert content == expected_content(to_property_graph(dataset))
        again = _cli(*base, "--uri", neo4j_server.uri, env=env)
        assert "pushed 0 plan(s): 0 nodes" in again.stderr and "7 unchanged, skipped" in again.stderr
        forced = _cli(*base, "--uri", neo4j_server.uri, "--force", env=env)
        assert "pushed 5 plan(s) and the shared graph" in forced.stderr
        assert db_content(driver) == content

        port = neo4j_server_module().free_port()
        cases = {
            "unreachable": (["--uri", f"bolt://127.0.0.1:{port}"], env, "cannot reach Neo4j"),
            "password": (
                ["--uri", neo4j_server.uri],
                {"IPG_TEST_PW": "not-the-password"},
                "refused the login",
            ),
            "database": (
                ["--uri", neo4j_server.uri, "--database", "nosuchdb"],
                env,
                "has no database 'nosuchdb'",
            ),
            "scheme": (["--uri", "http://" + neo4j_server.uri.split("://")[1]], env, "bad Neo4j address"),
            "no password": (["--uri", neo4j_server.uri], {"IPG_TEST_PW": None}, "IPG_TEST_PW"),
        }
        for what, (extra, case_env, message) in cases.items():
            done = _cli(*base, *extra, env=case_env)
            assert done.exit_code == 2, (what, done.output)
            lines = done.stderr.strip().splitlines()
            assert len(lines) == 1 and lines[0].startswith("error: ") and message in lines[0], (what, lines)
            assert db_content(driver) == content, what  # nothing written


def test_library_errors_are_one_line(neo4j_server, dataset):
    with pytest.raises(Neo4jConnectionError, match="has no database") as info:
        push(
            dataset,
            neo4j_server.uri,
            user=neo4j_server.user,
            password=neo4j_server.password,
            database="nosuchdb",
        )
    assert "\n" not in str(info.value)
