"""Faults around a real Neo4j (issue 17): a wrong or empty graph file must not empty the database,
two pushes at once must leave a database that mirrors one of the graphs (never a mix, never a
deadlock traceback), a dead push's lock expires, and a wrong password is told before the graph
is loaded."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
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

from ipgraph.dataset import build, load_dataset
from ipgraph.neo4j import push, to_property_graph
from ipgraph.neo4j.push import PushRefused

# ruff: noqa: F811  (tests take the fixture by name)


@pytest.fixture(scope="module")
def graphs(tmp_path_factory) -> dict[str, Path]:
    """Graph files: all five sample plans, the first three, the last three, and an empty graph."""
    folder = tmp_path_factory.mktemp("hostile-neo4j")
    files = sorted(PLANS.glob("*.txt"))
    out = {}
    for name, chosen in (("all", files), ("first", files[:3]), ("last", files[2:])):
        out[name] = folder / f"{name}.trig"
        build(chosen, check=False, output=out[name])
    out["empty"] = folder / "empty.trig"
    out["empty"].write_text("", "utf-8")
    return out


def _cli(server, *args: str, password: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NEO4J_PASSWORD": password or server.password}
    cmd = [
        sys.executable,
        "-m",
        "ipgraph",
        "neo4j",
        "push",
        "--uri",
        server.uri,
        "--user",
        server.user,
        *args,
    ]
    # Run outside the repository so that the installed ipgraph is imported, as a user meets it.
    return subprocess.run(
        cmd, capture_output=True, text=True, env=env, timeout=600, cwd=tempfile.gettempdir()
    )


def test_an_empty_or_wrong_graph_does_not_empty_the_database(neo4j_server, graphs):
    with neo4j_server.driver() as driver:
        clear_ipgraph(driver)
        assert _cli(neo4j_server, "--graph", str(graphs["all"])).returncode == 0
        before = db_content(driver)
        run = _cli(neo4j_server, "--graph", str(graphs["empty"]))
        assert run.returncode == 2
        assert "would remove 5 of the 5 plan(s) in the database" in run.stderr and "--prune" in run.stderr
        assert "Traceback" not in run.stderr
        assert db_content(driver) == before
        run = _cli(neo4j_server, "--graph", str(graphs["first"]))  # 2 of 5 removed: a minority
        assert run.returncode == 0 and "removed 2 plan(s)" in run.stderr, run.stderr
        run = _cli(neo4j_server, "--graph", str(graphs["empty"]), "--prune")  # asked for: done
        assert run.returncode == 0 and "removed 3 plan(s)" in run.stderr, run.stderr
        assert db_content(driver)[0] == {}


def test_two_pushes_at_once_leave_one_graph_not_a_mix(neo4j_server, graphs):
    first = to_property_graph(load_dataset(graphs["first"]))
    last = to_property_graph(load_dataset(graphs["last"]))
    env = {**os.environ, "NEO4J_PASSWORD": neo4j_server.password}
    base = [sys.executable, "-m", "ipgraph", "neo4j", "push", "--uri", neo4j_server.uri, "--prune"]
    with neo4j_server.driver() as driver:
        for a, b in (("first", "last"), ("first", "first")):
            clear_ipgraph(driver)
            procs = [
                subprocess.Popen(
                    [*base, "--graph", str(graphs[g])],
                    env=env,
                    stderr=subprocess.PIPE,
                    text=True,
                    cwd=tempfile.gettempdir(),
                )
                for g in (a, b)
            ]
            errs = [p.communicate(timeout=600)[1] for p in procs]
            assert [p.returncode for p in procs] == [0, 0], errs
            assert not any("Traceback" in e for e in errs)
            content = db_content(driver)
            assert content in (expected_content(first), expected_content(last))
            records, _, _ = driver.execute_query("MATCH (l:IpgraphLock) RETURN count(l) AS n")
            assert records[0]["n"] == 0  # released


def test_a_live_lock_makes_a_push_wait_and_a_dead_one_expires(neo4j_server, graphs):
    ds = load_dataset(graphs["first"])
    with neo4j_server.driver() as driver:
        clear_ipgraph(driver)
        driver.execute_query(
            "MERGE (l:IpgraphLock {name: 'push'}) SET l.owner = 'other:1', l.until = timestamp() + 60000"
        )
        t0 = time.monotonic()
        with pytest.raises(PushRefused, match="another push to this database is running"):
            push(ds, neo4j_server.uri, user=neo4j_server.user, password=neo4j_server.password, lock_wait=1)
        assert time.monotonic() - t0 < 30 and db_content(driver)[0] == {}
        driver.execute_query("MATCH (l:IpgraphLock) SET l.until = timestamp() - 1")  # its push died
        push(ds, neo4j_server.uri, user=neo4j_server.user, password=neo4j_server.password, lock_wait=1)
        assert db_content(driver) == expected_content(to_property_graph(ds))
        clear_ipgraph(driver)


def test_a_wrong_password_is_told_before_the_graph_is_loaded(neo4j_server, tmp_path):
    garbage = tmp_path / "graph.trig"
    garbage.write_text("this is { not TriG", "utf-8")  # loading it first would fail differently
    run = _cli(neo4j_server, "--graph", str(garbage), password="wrong-password")
    assert run.returncode == 2
    assert "refused the login" in run.stderr and "cannot read the graph" not in run.stderr
