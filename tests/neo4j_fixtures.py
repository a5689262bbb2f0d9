"""Pytest fixtures for a real Neo4j 5 LTS server (see devtools/neo4j/server.py).

Use from conftest.py or a test module::

    from neo4j_fixtures import neo4j_server  # noqa: F401  (a fixture, used by name)

``neo4j_server`` (session scope) builds the launcher if needed (Maven, once), starts one server for
the whole test session on a free 127.0.0.1 port with a fresh data dir, yields the
``Neo4jServer`` (``.uri``, ``.user``, ``.password``, ``.auth``, ``.pid``, ``.driver()``) and stops it at
the end. It never skips: if Neo4j cannot be built or started, every test using it ERRORS with the reason
and the tail of the server log. Tests share the database, so they should use their own labels or
clean up what they create.

Helpers: ``clear_ipgraph(driver)`` removes what ipgraph pushed; ``db_content(driver)`` and
``expected_content(property_graph)`` give every node (labels, properties) and relationship, to compare
a database with what a push must produce.

``neo4j_server_module()`` gives the devtools module itself (``cypher_shell_command``, or ``start`` for a
server of a test's own: ``neo4j_server_module().start(data_dir=tmp_path / "home")``). Tests that kill
the session's server call ``restart()`` on it before they end.
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

SERVER_PY = Path(__file__).resolve().parent.parent / "devtools" / "neo4j" / "server.py"
_MODULE_NAME = "ipgraph_devtools_neo4j_server"

# One server per test process, even if this fixture ends up registered twice (imported into conftest.py
# and into a test module): the second registration reuses the first one's server.
_shared: dict[str, object] = {"server": None, "users": 0}


def neo4j_server_module() -> ModuleType:
    """devtools/neo4j/server.py, imported under a private name (devtools/ is not a package)."""
    module = sys.modules.get(_MODULE_NAME)
    if module is None:
        spec = importlib.util.spec_from_file_location(_MODULE_NAME, SERVER_PY)
        if spec is None or spec.loader is None:
            raise ImportError(f"cannot load {SERVER_PY}")
        module = importlib.util.module_from_spec(spec)
        sys.modules[_MODULE_NAME] = module
        spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def neo4j_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    """A running Neo4j 5 server for the whole session; errors (never skips) if it cannot start."""
    server = _shared["server"]
    if server is None:
        try:
            module = neo4j_server_module()
            module.ensure_built()
            server = module.start(data_dir=tmp_path_factory.mktemp("neo4j-home"))
        except Exception as exc:
            pytest.fail(f"the Neo4j test server could not be started: {exc}", pytrace=False)
        _shared["server"] = server
    _shared["users"] = int(_shared["users"]) + 1
    try:
        yield server
    finally:
        _shared["users"] = int(_shared["users"]) - 1
        if _shared["users"] == 0:
            _shared["server"] = None
            server.stop()


# ------------------------------------------------------------------------------ helpers for the tests


def clear_ipgraph(driver) -> None:
    """Remove everything ipgraph put in the database (nodes labelled Resource, their relationships,
    the push's IpgraphUnit records)."""
    driver.execute_query("MATCH (n) WHERE n:Resource OR n:IpgraphUnit DETACH DELETE n")


def push_fresh(server, dataset):
    """The server after ``dataset`` is pushed into it alone (what a module's ``pushed`` fixture gives)."""
    from ipgraph.neo4j import push

    with server.driver() as driver:
        clear_ipgraph(driver)
    push(dataset, server.uri, user=server.user, password=server.password)
    return server


def db_content(driver) -> tuple[dict[str, tuple[tuple[str, ...], dict]], set[tuple[str, str, str, str]]]:
    """Every ipgraph node (iri → (sorted labels, properties)) and relationship (start, type, end, graph)."""
    records, _, _ = driver.execute_query(
        "MATCH (n:Resource) RETURN n.iri AS iri, labels(n) AS labels, n AS n"
    )
    nodes = {r["iri"]: (tuple(sorted(r["labels"])), dict(r["n"])) for r in records}
    records, _, _ = driver.execute_query(
        "MATCH (a:Resource)-[r]->(b:Resource) RETURN a.iri AS s, type(r) AS t, b.iri AS o, r.graph AS g"
    )
    rels = {(r["s"], r["t"], r["o"], r["g"]) for r in records}
    return nodes, rels


def expected_content(pg) -> tuple[dict[str, tuple[tuple[str, ...], dict]], set[tuple[str, str, str, str]]]:
    """What db_content must return after pushing the property graph ``pg``."""
    nodes = {n.iri: (tuple(sorted(n.labels)), dict(n.props)) for n in pg.nodes()}
    rels = {(r.start, r.type, r.end, r.graph) for r in pg.rels()}
    return nodes, rels
