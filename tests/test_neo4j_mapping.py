"""RDF → property graph, the fixed label/type list and Cypher literals (no server needed)."""

from __future__ import annotations

from collections import Counter

import pytest
from conftest import PLANS
from rdflib import RDF, RDFS, Dataset, Literal, Namespace, URIRef

from ipgraph.neo4j.literal import cypher_literal, cypher_string
from ipgraph.neo4j.mapping import SHARED, to_property_graph
from ipgraph.neo4j.schema import RESOURCE_LABEL, load_schema, rel_type_name
from ipgraph.neo4j.statements import constraint_statements, delete_unit_statements, load_batches
from ipgraph.rdf import GRAPH, ID, IPG, SHARED_GRAPH

HOSTILE = "x\"}) DETACH DELETE n //'\\ */ \n;\r\t\u2028 `y` 厦门市"


@pytest.fixture(scope="module")
def dataset():
    from ipgraph.dataset import build

    return build([PLANS], check=False).dataset


@pytest.fixture(scope="module")
def pg(dataset):
    return to_property_graph(dataset)


def _expected_counts(dataset):
    """Counts computed straight from the RDF, without the mapping's code: what Neo4j must hold."""
    schema = load_schema()
    nodes: set[str] = set()
    labels: dict[str, set[str]] = {}
    rels: set[tuple[str, str, str]] = set()
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        nodes.add(str(s))
        if p == RDF.type and o in schema.labels:
            labels.setdefault(str(s), set()).add(schema.labels[o])
        elif isinstance(o, URIRef) and p in schema.rel_types:
            nodes.add(str(o))
            rels.add((str(s), schema.rel_types[p], str(o)))
    label_counts = Counter({RESOURCE_LABEL: len(nodes)})
    for names in labels.values():
        label_counts.update(names)
    return label_counts, Counter(t for _, t, _ in rels)


def test_labels_and_types_come_from_the_ontology():
    schema = load_schema()
    assert {"Plan", "Measure", "Agency", "Region", "Target", "Concept"} <= set(schema.all_labels)
    assert {"HAS_RESPONSIBILITY", "IN_PLAN", "AGENCY", "WAS_DERIVED_FROM"} <= set(schema.all_rel_types)
    assert rel_type_name("subOrganizationOf") == "SUB_ORGANIZATION_OF"
    for name in (*schema.all_labels, *schema.all_rel_types):
        assert name.replace("_", "").isalnum() and name.isascii()
    with pytest.raises(ValueError):
        schema.check_label("Plan`) DETACH DELETE n //")


def test_counts_per_label_and_type_equal_the_rdf(dataset, pg):
    labels, types = _expected_counts(dataset)
    assert pg.label_counts() == labels
    assert pg.rel_type_counts() == types
    assert not pg.dropped


def test_every_plan_is_a_unit_and_shared_things_are_shared(pg):
    plan_units = [g for g in pg.units if g.startswith("plan/")]
    assert len(plan_units) == len(list(PLANS.glob("*.txt")))
    assert next(iter(pg.units)) == SHARED
    for node in pg.units[SHARED].nodes:
        assert not node.iri.startswith(str(ID["plan/"])), node.iri
    shared_labels = Counter(label for node in pg.units[SHARED].nodes for label in node.labels)
    assert shared_labels["Agency"] > 0 and shared_labels["Region"] > 0
    for graph in plan_units:
        unit = pg.units[graph]
        assert all(node.props["graph"] == graph for node in unit.nodes)
        assert all(rel.graph == graph for rel in unit.rels)
        assert sum("Plan" in node.labels for node in unit.nodes) == 1


def test_chinese_and_english_labels_are_both_kept(pg):
    regions = [n for n in pg.nodes() if "Region" in n.labels]
    assert all("label_zh" in n.props for n in regions)
    concepts = [n for n in pg.nodes() if "Concept" in n.labels]
    assert any({"prefLabel_zh", "prefLabel_en"} <= set(n.props) for n in concepts)


def test_provenance_and_value_types(pg):
    measure = next(n for n in pg.nodes() if "Measure" in n.labels)
    assert isinstance(measure.props["spanStart"], int) and isinstance(measure.props["spanEnd"], int)
    assert measure.props["sourceText"]
    target = next(n for n in pg.nodes() if "Target" in n.labels)
    assert isinstance(target.props["value"], float)
    plan = next(n for n in pg.nodes() if "Plan" in n.labels)
    assert isinstance(plan.props["title_zh"], list)  # ipg:title is not functional: always a list
    assert isinstance(plan.props["label_zh"], str)


def test_unknown_classes_and_properties_are_dropped_never_named():
    ds = Dataset(default_union=True)
    ex = Namespace("http://example.org/")
    g = ds.graph(GRAPH["plan/0000"])
    m = ID["plan/0000/m/1"]
    g.add((m, RDF.type, IPG.Measure))
    g.add((m, RDF.type, URIRef("http://example.org/Evil`) DETACH DELETE n //")))
    g.add((m, RDFS.label, Literal(HOSTILE, lang="zh")))
    g.add((m, ex.secret, Literal("x")))
    g.add((m, ex.points, ID["elsewhere"]))
    g.add((m, IPG.spanStart, Literal(3)))
    pg = to_property_graph(ds)
    (node,) = pg.units["plan/0000"].nodes
    assert node.labels == ("Measure", RESOURCE_LABEL)
    assert node.props["label_zh"] == HOSTILE and node.props["spanStart"] == 3
    assert "secret" not in node.props
    assert sum(pg.dropped.values()) == 3
    schema = load_schema()
    for batch in load_batches(pg.units["plan/0000"], schema):
        assert HOSTILE not in batch.cypher and "Evil" not in batch.cypher
    for text in constraint_statements(schema) + delete_unit_statements(schema, nodes=True):
        assert "$" not in text or "$graph" in text


def test_shared_graph_nodes_stay_shared_when_a_plan_points_at_them():
    ds = Dataset(default_union=True)
    agency = ID["agency/某市市场监督管理局"]
    ds.graph(SHARED_GRAPH).add((agency, RDF.type, IPG.Agency))
    ds.graph(GRAPH["plan/1111"]).add((agency, IPG.responsibleFor, ID["plan/1111/m/1"]))
    ds.graph(GRAPH["plan/1111"]).add((ID["plan/1111/m/1"], RDF.type, IPG.Measure))
    pg = to_property_graph(ds)
    assert [n.iri for n in pg.units[SHARED].nodes] == [str(agency)]
    assert [(r.type, r.graph) for r in pg.units["plan/1111"].rels] == [("RESPONSIBLE_FOR", "plan/1111")]


def test_cypher_string_escapes_everything_that_could_end_it():
    text = cypher_string(HOSTILE)
    assert text.startswith('"') and text.endswith('"')
    assert "\n" not in text and "\r" not in text and "\u2028" not in text
    inner = text[1:-1].replace("\\\\", "")
    assert '"' not in inner.replace('\\"', "")
    assert cypher_literal({"a b": [1, 2.5, None, True]}) == "{`a b`: [1, 2.5, null, true]}"
    with pytest.raises(ValueError):
        cypher_literal(float("nan"))


def test_the_history_graph_is_its_own_unit_pushed_last_and_takes_no_node_from_its_owner():
    from conftest import ROOT

    from ipgraph.dataset import build
    from ipgraph.neo4j.mapping import HISTORY

    pg = to_property_graph(build([ROOT / "tests" / "data" / "history"], check=False).dataset)
    assert list(pg.units)[-1] == HISTORY
    history = pg.units[HISTORY]
    kinds = Counter(label for n in history.nodes for label in n.labels if label != RESOURCE_LABEL)
    assert {"AgencyMerge", "InstitutionalChange", "ChangeEvent", "SimilarMeasure"} <= set(kinds)
    assert not any("Measure" in n.labels or "Plan" in n.labels or "Agency" in n.labels for n in history.nodes)
    types = {r.type for r in history.rels}
    assert {"REPLACES", "ORIGINAL_ORGANIZATION", "RESULTED_FROM", "FROM_MEASURE", "MERGED_AGENCY"} <= types
    assert all(r.graph == HISTORY for r in history.rels)
    plans = [n for u in pg.units.values() for n in u.nodes if "Plan" in n.labels]
    assert all(n.props["graph"].startswith("plan/") and n.props.get("series") for n in plans)
