"""Smoke tests of the real Neo4j test server (devtools/neo4j) through the official Python driver."""

from __future__ import annotations

import os
import uuid

import neo4j
import pytest
from neo4j.exceptions import AuthError
from neo4j_fixtures import neo4j_server  # noqa: F401  (a fixture)

# The test functions take the fixture by name, which ruff reads as redefining the import.
# ruff: noqa: F811


def test_return_1(neo4j_server):
    with neo4j_server.driver() as driver:
        driver.verify_connectivity()
        records, _, _ = driver.execute_query("RETURN 1 AS one")
        assert records[0]["one"] == 1
        assert driver.get_server_info().agent.startswith("Neo4j/5.26.")


def test_chinese_property_roundtrip(neo4j_server):
    key = uuid.uuid4().hex
    name = "国家知识产权局《2024年知识产权强国建设推进计划》"
    with neo4j_server.driver() as driver:
        driver.execute_query("CREATE (:SmokeTest {key: $key, name: $name})", key=key, name=name)
        records, _, _ = driver.execute_query(
            "MATCH (n:SmokeTest {key: $key}) RETURN n.name AS name", key=key, routing_="r"
        )
        assert [r["name"] for r in records] == [name]
        driver.execute_query("MATCH (n:SmokeTest {key: $key}) DELETE n", key=key)


def test_wrong_password_raises_auth_error(neo4j_server):
    with (
        neo4j.GraphDatabase.driver(neo4j_server.uri, auth=(neo4j_server.user, "not-the-password")) as driver,
        pytest.raises(AuthError),
    ):
        driver.verify_connectivity()
    # A failed login does not lock the account for the tests that follow.
    with neo4j_server.driver() as driver:
        driver.verify_connectivity()


def test_kill_then_restart_keeps_committed_data(neo4j_server):
    server = neo4j_server  # the session's server: restarted on the same data dir and port
    first_pid = server.pid
    with server.driver() as driver:
        driver.execute_query("CREATE (:Survivor {name: $name})", name="专利导航")
    server.kill()  # SIGKILL: no checkpoint, recovery must replay the transaction log
    try:
        assert not server.is_running()
        with pytest.raises(ProcessLookupError):
            os.kill(first_pid, 0)
    finally:
        server.restart()
    assert server.pid != first_pid and server.is_running()
    with server.driver() as driver:
        records, _, _ = driver.execute_query("MATCH (n:Survivor) RETURN n.name AS name")
        assert [r["name"] for r in records] == ["专利导航"]
        driver.execute_query("MATCH (n:Survivor) DELETE n")
