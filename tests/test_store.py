"""The fast store (Oxigraph) and plain rdflib give the same graph and the same answers."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest
from conftest import PLANS
from rdflib import Dataset, Literal, URIRef
from rdflib.compare import isomorphic

from ipgraph.dataset import build, load_dataset, sidecar_path
from ipgraph.namespaces import CONTRIB_GRAPH_PREFIX
from ipgraph.rdf import SHARED_GRAPH
from ipgraph.store import OxigraphStore, RdflibStore, open_store
from ipgraph.terms import nt_lines, to_ox

PACK = sorted((resources.files("ipgraph.queries") / "sparql").iterdir(), key=lambda e: e.name)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, Path]:
    """The sample plans built with each store (in-process), written as TriG."""
    out = tmp_path_factory.mktemp("stores")
    files = sorted(PLANS.glob("*.txt"))
    paths = {}
    for kind in ("oxigraph", "rdflib"):
        paths[kind] = out / f"{kind}.trig"
        result = build(files, store=kind, jobs=1, check=False, output=paths[kind])
        assert result.plans == 5 and not result.failures
    return paths


def _raw(path: Path) -> Dataset:
    ds = Dataset()
    ds.parse(str(path), format="trig")
    return ds


def _raw_nq(path: Path) -> Dataset:
    ds = Dataset()
    ds.parse(str(path), format="nquads")
    return ds


def test_both_stores_write_isomorphic_graphs(built):
    a, b = _raw(built["oxigraph"]), _raw(built["rdflib"])
    names = sorted(str(g.identifier) for g in a.graphs() if len(g))
    assert names == sorted(str(g.identifier) for g in b.graphs() if len(g))
    assert str(SHARED_GRAPH) in names
    assert not any(n.startswith(CONTRIB_GRAPH_PREFIX) for n in names)  # the published file is clean
    side = _raw_nq(sidecar_path(built["oxigraph"]))
    contrib = [g for g in side.graphs() if len(g)]
    assert len(contrib) == 5 and all(str(g.identifier).startswith(CONTRIB_GRAPH_PREFIX) for g in contrib)
    for name in names:
        assert isomorphic(a.graph(URIRef(name)), b.graph(URIRef(name))), name


def test_written_trig_is_deterministic(built, tmp_path):
    again = tmp_path / "again.trig"
    build(sorted(PLANS.glob("*.txt")), jobs=1, check=False, output=again)
    assert again.read_bytes() == built["oxigraph"].read_bytes()


@pytest.fixture(scope="module")
def stores(built):
    """The Oxigraph-built file opened in each store."""
    return open_store(built["oxigraph"], "oxigraph"), open_store(built["oxigraph"], "rdflib")


def _answers(store, sparql: str, bindings: dict) -> list[tuple]:
    """The plain values of the answer, once from the store's terms and once from its fast path."""
    from ipgraph.values import to_python

    from_terms = [tuple(to_python(v) for v in row) for row in store.select(sparql, bindings).rows]
    values = store.select_values(sparql, bindings).rows
    assert sorted(map(repr, values)) == sorted(map(repr, from_terms))
    return sorted(tuple(repr(v) for v in row) for row in values)


@pytest.mark.parametrize("entry", [e for e in PACK if e.name.endswith(".rq")], ids=lambda e: e.name)
def test_every_pack_query_answers_the_same_on_both_stores(stores, entry):
    from ipgraph.querypack import bindings, parse_query

    spec = parse_query(entry.read_text("utf-8"), entry.name[:-3])
    bound = bindings(spec, {})
    ox, rl = stores
    assert isinstance(ox, OxigraphStore) and isinstance(rl, RdflibStore)
    assert _answers(ox, spec.sparql, bound) == _answers(rl, spec.sparql, bound)


def test_pack_is_not_empty():
    assert [e for e in PACK if e.name.endswith(".rq")]


def test_loaders_drop_the_contribution_records(built):
    names = {str(g.identifier) for g in load_dataset(built["oxigraph"]).graphs()}
    assert not any(n.startswith(CONTRIB_GRAPH_PREFIX) for n in names)
    store = open_store(built["oxigraph"])
    assert not any(g.value.startswith(CONTRIB_GRAPH_PREFIX) for g in store.store.named_graphs())
    assert len(store) == len(load_dataset(built["oxigraph"]))


def test_build_result_gives_notebook_users_an_rdflib_dataset(built):
    result = build(sorted(PLANS.glob("*.txt"))[:2], jobs=1, check=False)
    assert isinstance(result.store, OxigraphStore)
    ds = result.dataset
    assert isinstance(ds, Dataset)
    assert len(ds) == result.triples == len(result.store)
    assert ds.graph(SHARED_GRAPH)


@pytest.mark.parametrize(
    "text",
    ['say "hi"', "back\\slash", "line\nbreak\r\ttab", "\x00\x01\x08\x0b\x0c\x1f\x7f", "厦门 \u2028 end", ""],
)
def test_nt_lines_match_oxigraphs_own_serialisation(text):
    import pyoxigraph as ox

    s, p = (
        URIRef("https://w3id.org/ipgraph/id/plan/x"),
        URIRef("https://w3id.org/ipgraph/ontology#sourceText"),
    )
    triples = [
        (s, p, Literal(text)),
        (s, p, Literal(text, lang="ZH")),
        (s, p, Literal("30.0", datatype=URIRef("http://www.w3.org/2001/XMLSchema#decimal"))),
        (s, p, Literal(12)),
        (s, p, Literal(True)),
    ]
    data = ox.serialize([ox.Triple(*map(to_ox, t)) for t in triples], format=ox.RdfFormat.N_TRIPLES)
    assert nt_lines(triples) == sorted(set(data.splitlines(keepends=True)))


def test_unknown_store_is_refused():
    with pytest.raises(ValueError, match="unknown store"):
        build([PLANS], store="neo4j")


# The Oxigraph store reads large answers from Oxigraph's TSV: every kind of term must come
# back as the same value as through pyoxigraph's term objects.
TRICKY = [
    'say "hi"',
    "back\\slash \\u0041 \\n",
    "line\nbreak\r\ttab",
    "\x00\x01\x08\x0b\x0c\x1f\x7f",
    "厦门 \u2028 end 😀",
    "",
    "@zh",
    '"quoted"@en',
]


@pytest.mark.parametrize("text", TRICKY)
def test_oxigraph_fast_values_equal_its_terms_for_any_text(text):
    import pyoxigraph as ox

    s = ox.NamedNode("https://w3id.org/ipgraph/id/x")
    store = ox.Store()
    for i, o in enumerate(
        [
            ox.Literal(text),
            ox.Literal(text, language="zh"),
            ox.NamedNode("https://w3id.org/ipgraph/id/é?q=%22"),
        ]
    ):
        store.add(ox.Quad(s, ox.NamedNode(f"https://w3id.org/ipgraph/p{i}"), o))
    q = "SELECT ?p ?o ?s WHERE { ?s ?p ?o }"
    wrapped = OxigraphStore(store)
    from ipgraph.values import to_python

    assert sorted(wrapped.select_values(q).rows) == sorted(
        tuple(map(to_python, row)) for row in wrapped.select(q).rows
    )


@pytest.mark.parametrize(
    ("expression", "value"),
    [
        ("12", 12),
        ("-3", -3),
        ("2.50", 2.5),
        ("1e3", 1000.0),
        ("true", True),
        ('"2025"^^<http://www.w3.org/2001/XMLSchema#gYear>', 2025),
        ('"2024-12-31"^^<http://www.w3.org/2001/XMLSchema#date>', "2024-12-31"),
        ('"x"^^<http://www.w3.org/2001/XMLSchema#integer>', "x"),
        ("?unbound", None),
    ],
)
def test_oxigraph_fast_values_equal_its_terms_for_any_datatype(expression, value):
    import pyoxigraph as ox

    store = OxigraphStore(ox.Store())
    q = f"SELECT ?v WHERE {{ BIND({expression} AS ?v) }}"
    from ipgraph.values import to_python

    fast = store.select_values(q).rows
    assert fast == [tuple(map(to_python, row)) for row in store.select(q).rows]
    if value is not None:
        assert fast == [(value,)]


def test_oxigraph_fast_values_keep_rows_with_nothing_bound():
    import pyoxigraph as ox

    store = OxigraphStore(ox.Store())
    assert store.select_values("SELECT ?a WHERE { VALUES ?a { 1 UNDEF 2 } }").rows == [(1,), (None,), (2,)]
    assert store.select_values("SELECT ?a ?b WHERE { VALUES (?a ?b) { (UNDEF UNDEF) } }").rows == [
        (None, None)
    ]
    assert store.select_values("SELECT ?a WHERE { VALUES ?a { } }").rows == []
    (blank,) = store.select_values("SELECT ?b WHERE { BIND(BNODE() AS ?b) }").rows[0]
    assert isinstance(blank, str) and blank
