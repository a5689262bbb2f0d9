"""The timeline view's query has a Cypher twin: on a real Neo4j it gives the SPARQL rows, in order.

So the view's rows could come from Neo4j as they come from Oxigraph (issue 16, item 4).
"""

from __future__ import annotations

from importlib.resources import files

import pytest
from conftest import PLANS
from neo4j_fixtures import neo4j_server, push_fresh  # noqa: F401  (neo4j_server: a fixture)

from ipgraph.neo4j.queries import bind_params, parse_cypher
from ipgraph.querypack import select
from ipgraph.store import open_store
from ipgraph.viz.deadlines import timeline_query

# ruff: noqa: F811  (tests take the fixture by name)

HOSTILE = "厦门市\" }) MATCH (n) DETACH DELETE n //\\' */"


@pytest.fixture(scope="module")
def dataset():
    from ipgraph.dataset import build

    return build([PLANS], check=False).dataset


@pytest.fixture(scope="module")
def pushed(neo4j_server, dataset):
    return push_fresh(neo4j_server, dataset)


def twin():
    text = files("ipgraph.viz").joinpath("assets", "timeline.cypher").read_text("utf-8")
    return parse_cypher("timeline", text)


def test_the_twin_declares_the_same_parameters_and_columns():
    spec, cypher = timeline_query(), twin()
    assert [c for c, _ in cypher.columns] == spec.column_names
    assert [(p.name, p.type, p.optional) for p in cypher.params] == [
        (p.name, p.type, p.optional) for p in spec.params
    ]


@pytest.mark.parametrize(
    ("params", "lang"),
    [
        ({"as_of": "2025-06-30"}, "zh"),
        ({"as_of": "2025-01-01"}, "en"),
        ({"as_of": "2025-06-30", "city": "上海市"}, "zh"),
        ({"as_of": "2025-06-30", "city": HOSTILE}, "zh"),
    ],
)
def test_same_rows_on_neo4j_as_from_sparql(pushed, dataset, params, lang):
    spec, cypher = timeline_query(), twin()
    sparql = select(open_store(dataset), spec, params, lang)
    with pushed.driver() as driver:
        records, _, _ = driver.execute_query(cypher.text, bind_params(cypher, params, lang), routing_="r")
    rows = [tuple(rec[c] for c in spec.column_names) for rec in records]
    assert rows == [tuple(r) for r in sparql.rows]
    if "city" not in params or params["city"] != HOSTILE:
        assert rows and any(r[spec.column_names.index("overdue")] for r in rows)
