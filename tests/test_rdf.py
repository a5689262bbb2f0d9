"""The RDF mapping, the ontology and the SHACL shapes, on a small reading built by hand."""

from __future__ import annotations

import dataclasses

import pytest
from rdflib import OWL, RDF, RDFS, BNode, Dataset, Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import ORG, PROV, SKOS

from ipgraph.model import Goal, Measure, Phase, PlanMeta, PlanReading, Responsibility, Span, Target
from ipgraph.rdf import (
    IPG,
    SHARED_GRAPH,
    TYPES,
    iri_segment,
    plan_graph,
    plan_graph_iri,
    plan_iri,
    reading_to_dataset,
    reading_triples,
    region_iri,
)
from ipgraph.resources import ontology_file, read_ontology_text
from ipgraph.validate import load_shapes, validate

# A plain Namespace: pytest's collection probes module attributes, and rdflib's strict XSD warns.
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")

# External terms the data may use without declaring them in ipgraph.ttl.
EXTERNAL_PREDICATES = {
    RDF.type,
    RDFS.label,
    PROV.wasDerivedFrom,
    SKOS.inScheme,
    SKOS.prefLabel,
    SKOS.notation,
    SKOS.definition,
    ORG.subOrganizationOf,
}
EXTERNAL_CLASSES = {SKOS.Concept, SKOS.ConceptScheme, ORG.Organization}


def _span(text: str, part: str, after: int = 0) -> Span:
    start = text.index(part, after)
    return Span(start, start + len(part))


def make_reading(
    sha256: str = "ab" * 32, title: str = "福州市仓山区知识产权强区建设工作方案(2023-2025年)"
) -> PlanReading:
    """Two measures with responsibilities, a goal with a target, a phase: the shapes of the gold files."""
    text = (
        f"{title}\n"
        "一、工作目标\n"
        "(一)知识产权创造能力不断提升。到2025年,培育知识产权示范企业30家以上。\n"
        "二、重点任务\n"
        "(一)完善知识产权保护体系。加强行政保护。(责任单位:区市场监管局、各街道办事处)\n"
        "(二)提升知识产权运用水平。推动专利转化,区政府统筹。(区科技局牵头,区财政局配合)\n"
        "三、进度安排\n"
        "(一)部署阶段(2023年7月—2023年9月)。\n"
    )
    goal_start = text.index("(一)知识产权创造")
    m1_start = text.index("(一)完善")
    m2_start = text.index("(二)提升")
    phase_start = text.index("(一)部署")
    m1 = Measure(
        path="2.1",
        label="完善知识产权保护体系",
        span=Span(m1_start, text.index("\n", m1_start)),
        responsible=[
            Responsibility(
                mention="区市场监管局",
                role="lead",
                canonical=["福州市仓山区市场监督管理局", "福州市仓山区知识产权局"],
                span=_span(text, "区市场监管局"),
                clause=_span(text, "(责任单位:区市场监管局、各街道办事处)"),
            ),
            Responsibility(
                mention="各街道办事处",
                role="support",
                canonical=["福州市仓山区各街道办事处"],
                span=_span(text, "各街道办事处"),
                clause=_span(text, "(责任单位:区市场监管局、各街道办事处)"),
            ),
        ],
        deadline="2024-12-31",
        part="重点任务",
    )
    m2 = Measure(
        path="2.2",
        label="提升知识产权运用水平",
        span=Span(m2_start, text.index("\n", m2_start)),
        responsible=[
            Responsibility(
                mention="区科技局",
                role="lead",
                canonical=["福州市仓山区科学技术局"],
                span=_span(text, "区科技局"),
                clause=_span(text, "(区科技局牵头,区财政局配合)"),
            ),
            Responsibility(
                mention="区财政局",
                role="support",
                canonical=["福州市仓山区财政局"],
                span=_span(text, "区财政局"),
                clause=_span(text, "(区科技局牵头,区财政局配合)"),
            ),
        ],
        deadline="ongoing",
        mentions=[("区政府", _span(text, "区政府"))],
        part="重点任务",
    )
    return PlanReading(
        source="plan.txt",
        source_path="/tmp/plan.txt",
        sha256=sha256,
        text=text,
        meta=PlanMeta(
            title=title,
            region="福州市仓山区",
            province="福建省",
            admin_level="district",
            doc_number="仓政综〔2023〕1号",
            issuers=["福州市仓山区人民政府"],
            issue_date="2023-06-30",
            period=[2023, 2025],
            references=["知识产权强国建设纲要(2021-2035年)", "国家知识产权局 专利法"],
        ),
        measures=[m1, m2],
        goals=[
            Goal(
                path="1.1",
                label="知识产权创造能力不断提升",
                span=Span(goal_start, text.index("\n", goal_start)),
            )
        ],
        phases=[
            Phase(
                path="3.1",
                label="部署阶段",
                start="2023-07",
                end="2023-09",
                span=Span(phase_start, text.index("\n", phase_start)),
            )
        ],
        targets=[
            Target(
                path="1.1",
                metric="培育知识产权示范企业",
                value=30.0,
                unit="家",
                baseline=None,
                baseline_year=None,
                year=2025,
                comparator=">=",
                kind=None,
                span=_span(text, "30家以上"),
            )
        ],
    )


@pytest.fixture(scope="module")
def reading() -> PlanReading:
    return make_reading()


@pytest.fixture(scope="module")
def dataset(reading: PlanReading) -> Dataset:
    return reading_to_dataset([reading])


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(data=read_ontology_text("ipgraph.ttl"), format="turtle")


def _union(ds: Dataset) -> Graph:
    g = Graph()
    g.addN((s, p, o, g) for s, p, o, _ in ds.quads((None, None, None, None)))
    return g


def _named_graphs(ds: Dataset) -> dict[URIRef, Graph]:
    return {g.identifier: g for g in ds.graphs() if len(g)}


# --------------------------------------------------------------------------- packaging


def test_data_files_are_packaged() -> None:
    assert ontology_file("ipgraph.ttl").is_file()
    assert ontology_file("shapes.ttl").is_file()
    with pytest.raises(FileNotFoundError):
        ontology_file("no-such-file.ttl")


# --------------------------------------------------------------------------- ontology


def test_every_ontology_term_has_zh_and_en_labels_and_a_definition(ontology: Graph) -> None:
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
    terms = {s for kind in kinds for s in ontology.subjects(RDF.type, kind) if isinstance(s, URIRef)}
    assert len(terms) > 40
    for term in terms:
        langs = {o.language for o in ontology.objects(term, RDFS.label) if isinstance(o, Literal)}
        assert {"zh", "en"} <= langs, f"{term} lacks a zh or en rdfs:label"
        defs = {o.language for o in ontology.objects(term, SKOS.definition) if isinstance(o, Literal)}
        assert "en" in defs, f"{term} lacks an English skos:definition"


def test_every_property_has_domain_and_range(ontology: Graph) -> None:
    for kind in (OWL.ObjectProperty, OWL.DatatypeProperty):
        for prop in ontology.subjects(RDF.type, kind):
            assert ontology.value(prop, RDFS.domain) is not None, prop
            assert ontology.value(prop, RDFS.range) is not None, prop


def test_concepts_have_labels_definitions_and_a_scheme(ontology: Graph) -> None:
    concepts = set(ontology.subjects(RDF.type, SKOS.Concept))
    # 2 roles, 5 comparators, 2 kinds, 4 levels; 23 agency types, 11 themes, 8 IP types
    assert len(concepts) == 13 + 23 + 11 + 8
    for c in concepts:
        assert {o.language for o in ontology.objects(c, SKOS.prefLabel)} >= {"zh", "en"}, c
        assert ontology.value(c, SKOS.definition) is not None, c
        assert (ontology.value(c, SKOS.inScheme), RDF.type, SKOS.ConceptScheme) in ontology, c
        assert ontology.value(c, SKOS.notation) is not None, c


def test_asserted_types_match_the_class_hierarchy(ontology: Graph) -> None:
    """rdf.py asserts each class with its ipg superclasses; that list must follow the ontology."""
    for cls, asserted in TYPES.items():
        closure = {
            c for c in ontology.transitive_objects(cls, RDFS.subClassOf) if str(c).startswith(str(IPG))
        }
        assert set(asserted) == closure, cls


def test_every_term_used_in_the_data_is_declared(dataset: Dataset, ontology: Graph) -> None:
    data = _union(dataset)
    props = set(ontology.subjects(RDF.type, OWL.ObjectProperty)) | set(
        ontology.subjects(RDF.type, OWL.DatatypeProperty)
    )
    classes = set(ontology.subjects(RDF.type, OWL.Class))
    for p in set(data.predicates()):
        assert p in props or p in EXTERNAL_PREDICATES, f"undeclared property {p}"
    for c in set(data.objects(None, RDF.type)):
        assert c in classes or c in EXTERNAL_CLASSES, f"undeclared class {c}"
    for c in set(data.objects(None, IPG.role)) | set(data.objects(None, IPG.comparator)):
        assert (c, RDF.type, SKOS.Concept) in ontology


# --------------------------------------------------------------------------- the mapping


def test_one_plan_graph_and_the_shared_graph(dataset: Dataset, reading: PlanReading) -> None:
    assert set(_named_graphs(dataset)) == {plan_graph_iri(reading), SHARED_GRAPH}
    assert str(plan_graph_iri(reading)).startswith("https://w3id.org/ipgraph/graph/plan/")
    assert str(SHARED_GRAPH) == "https://w3id.org/ipgraph/graph/shared"


def test_no_blank_nodes(dataset: Dataset) -> None:
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        assert not isinstance(s, BNode) and not isinstance(o, BNode), (s, p, o)


def test_building_twice_gives_isomorphic_graphs(reading: PlanReading) -> None:
    first = _named_graphs(reading_to_dataset([reading]))
    second = _named_graphs(reading_to_dataset([make_reading()]))
    assert first.keys() == second.keys()
    for iri, graph in first.items():
        assert isomorphic(graph, second[iri]), iri
    assert reading_triples(reading) == reading_triples(make_reading())


def test_lead_responsibilities_match_lead_entries(dataset: Dataset, reading: PlanReading) -> None:
    data = _union(dataset)
    leads = sum(r.role == "lead" for m in reading.measures for r in m.responsible)
    assert len(set(data.subjects(IPG.role, IPG.Lead))) == leads == 2
    assert len(set(data.subjects(RDF.type, IPG.LeadResponsibility))) == leads
    assert len(set(data.subjects(RDF.type, IPG.Responsibility))) == 4


def test_provenance_points_into_the_text(dataset: Dataset, reading: PlanReading) -> None:
    data = _union(dataset)
    statements = set(data.subjects(RDF.type, IPG.PlanStatement))
    assert len(statements) == 2 + 4 + 1 + 1 + 1  # measures, responsibilities, goal, phase, target
    source = URIRef(f"https://w3id.org/ipgraph/id/source/{reading.sha256}")
    for node in statements:
        start, end = data.value(node, IPG.spanStart).toPython(), data.value(node, IPG.spanEnd).toPython()
        assert str(data.value(node, IPG.sourceText)) == reading.text[start:end]
        assert data.value(node, PROV.wasDerivedFrom) == source
        assert data.value(node, IPG.inPlan) == plan_iri(reading)
    assert data.value(source, IPG.sha256) == Literal(reading.sha256)


def test_iris_follow_the_scheme(dataset: Dataset, reading: PlanReading) -> None:
    data = _union(dataset)
    plan = plan_iri(reading)
    measure = URIRef(f"{plan}/m/2.1")
    assert (measure, RDF.type, IPG.Measure) in data
    assert (URIRef(f"{measure}/r/1"), IPG.role, IPG.Lead) in data
    assert (URIRef(f"{plan}/g/1.1"), IPG.hasTarget, URIRef(f"{plan}/t/1.1/1")) in data
    assert (URIRef(f"{plan}/p/3.1"), IPG.startMonth, Literal("2023-07", datatype=XSD.gYearMonth)) in data
    agency = URIRef("https://w3id.org/ipgraph/id/agency/福州市仓山区市场监督管理局")
    assert (URIRef(f"{measure}/r/1"), IPG.agency, agency) in data
    assert (agency, IPG.responsibleFor, measure) in data
    assert len(set(data.objects(agency, IPG.canonicalName))) == 2


def test_literals_are_typed(dataset: Dataset, reading: PlanReading) -> None:
    data = _union(dataset)
    plan, target = plan_iri(reading), URIRef(f"{plan_iri(reading)}/t/1.1/1")
    assert data.value(target, IPG.value) == Literal("30.0", datatype=XSD.decimal)
    assert data.value(target, IPG.dueYear) == Literal("2025", datatype=XSD.gYear)
    assert data.value(target, IPG.comparator) == IPG.GreaterOrEqual
    assert data.value(plan, IPG.title).language == "zh"
    assert data.value(plan, IPG.issued) == Literal("2023-06-30", datatype=XSD.date)
    assert data.value(plan, IPG.termEnd) == Literal("2025", datatype=XSD.gYear)
    assert data.value(URIRef(f"{plan}/m/2.1"), IPG.deadline) == Literal("2024-12-31", datatype=XSD.date)
    assert data.value(URIRef(f"{plan}/m/2.2"), IPG.ongoing) == Literal(True)
    assert data.value(URIRef(f"{plan}/m/2.2"), IPG.mentionsBody) == Literal("区政府", lang="zh")


def test_district_regions_and_bodies(dataset: Dataset) -> None:
    data = _union(dataset)
    district, city, province = region_iri("福州市仓山区"), region_iri("福州市"), region_iri("福建省")
    nation = region_iri("中华人民共和国")
    assert (district, RDF.type, IPG.District) in data and (district, RDF.type, IPG.Region) in data
    assert data.value(district, IPG.withinRegion) == city
    assert data.value(city, IPG.withinRegion) == province
    assert data.value(province, IPG.withinRegion) == nation
    assert (nation, RDF.type, IPG.Country) in data
    streets = URIRef("https://w3id.org/ipgraph/id/agency/福州市仓山区各街道办事处")
    assert (streets, RDF.type, IPG.CollectiveBody) in data
    assert data.value(streets, IPG.jurisdiction) == district


def test_a_municipality_is_city_and_province() -> None:
    r = make_reading()
    r.meta = dataclasses.replace(r.meta, region="上海市", province="上海市", admin_level="city")
    r.meta.issuers = ["上海市人民政府办公厅", "国家知识产权局办公室"]
    g = plan_graph(r)
    sh = region_iri("上海市")
    assert {IPG.City, IPG.Province} <= set(g.objects(sh, RDF.type))
    assert g.value(sh, IPG.withinRegion) == region_iri("中华人民共和国")
    cnipa = URIRef("https://w3id.org/ipgraph/id/agency/国家知识产权局办公室")
    assert g.value(cnipa, IPG.jurisdiction) == region_iri("中华人民共和国")
    assert validate(g).conforms


def test_plan_iri_survives_a_re_release() -> None:
    first, second = make_reading(), make_reading(sha256="cd" * 32)
    second.meta.title = second.meta.title.replace("(", "（").replace(")", "）") + " "
    assert plan_iri(first) == plan_iri(second)
    ds = reading_to_dataset([first, second])
    graph = ds.graph(plan_graph_iri(first))
    assert set(graph.objects(plan_iri(first), PROV.wasDerivedFrom)) == {
        URIRef(f"https://w3id.org/ipgraph/id/source/{'cd' * 32}")
    }
    assert validate(ds).conforms


def test_iri_segment_escapes_what_iris_forbid() -> None:
    assert iri_segment("厦门市(知识产权局)") == "厦门市(知识产权局)"
    assert iri_segment('a b<>"{}|\\^`\x01') == "a%20b%3C%3E%22%7B%7D%7C%5C%5E%60%01"
    assert iri_segment("1/2?#%") == "1%2F2%3F%23%25"
    assert iri_segment("..") == "%2E%2E"
    with pytest.raises(ValueError):
        iri_segment("")


# rdflib 7.6's own TriG writer and parser call its deprecated Dataset API.
@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_trig_round_trip_keeps_every_graph(dataset: Dataset) -> None:
    """Chinese and percent-encoded IRIs, language tags and decimals survive serialization."""
    parsed = Dataset()
    parsed.parse(data=dataset.serialize(format="trig"), format="trig")
    for iri, graph in _named_graphs(dataset).items():
        assert isomorphic(graph, parsed.graph(iri)), iri


def test_plan_graph_holds_own_and_shared_triples(reading: PlanReading) -> None:
    own, shared = reading_triples(reading)
    g = plan_graph(reading)
    assert len(g) == len(set(own) | set(shared))
    assert (region_iri("福建省"), RDF.type, IPG.Province) in g
    assert g.serialize(format="turtle")


# --------------------------------------------------------------------------- validation


def test_data_conforms_to_the_shapes(dataset: Dataset, reading: PlanReading) -> None:
    result = validate(dataset)
    assert result.conforms, result.text
    assert result.violations == 0
    assert validate(plan_graph(reading)).conforms


def test_responsibility_without_agency_does_not_conform(dataset: Dataset) -> None:
    broken = _union(dataset)
    resp = next(iter(broken.subjects(IPG.role, IPG.Lead)))
    broken.remove((resp, IPG.agency, None))
    result = validate(broken)
    assert not result.conforms
    assert result.violations >= 1
    assert "Result Path: ipg:agency" in result.text


# (part of the reading to spoil, attribute, bad value, word the report must contain)
BAD_VALUES = [
    (lambda r: r.targets[0], "comparator", "≈", "ipg:comparator"),
    (lambda r: r.targets[0], "value", float("nan"), "ipg:value"),
    (lambda r: r.measures[0].responsible[0], "role", "owner", "ipg:role"),
    (lambda r: r.measures[0], "deadline", "2024-13-40", "ipg:deadline"),
    (lambda r: r.phases[0], "start", "2023-7", "ipg:startMonth"),
    (lambda r: r.meta, "region", "", "ipg:jurisdiction"),
]


@pytest.mark.parametrize(("part", "attr", "bad", "expected"), BAD_VALUES)
def test_bad_values_are_reported(part, attr: str, bad: object, expected: str) -> None:
    """Values outside the controlled lists or formats produce no crash, but a violation."""
    r = make_reading()
    setattr(part(r), attr, bad)
    result = validate(plan_graph(r))
    assert not result.conforms
    assert f"Result Path: {expected}" in result.text


def test_shapes_target_only_classes_the_data_asserts(ontology: Graph) -> None:
    shapes = load_shapes()
    targets = set(shapes.objects(None, URIRef("http://www.w3.org/ns/shacl#targetClass")))
    asserted = {c for types in TYPES.values() for c in types} | {SKOS.Concept}
    from ipgraph.history import CLASSES  # the history graph's own (issue 16)

    assert targets <= asserted | set(CLASSES)
    assert set(TYPES) <= targets


def test_a_path_used_twice_gives_two_measures(reading: PlanReading) -> None:
    """A plan whose numbering restarts writes the same path twice: two nodes, both valid."""
    first = reading.measures[0]
    again = dataclasses.replace(first, label=first.label + "(再次编号)", responsible=[])
    twice = dataclasses.replace(reading, measures=[*reading.measures, again])
    ds = reading_to_dataset([twice])
    measures = set(ds.subjects(RDF.type, IPG.Measure))
    assert len(measures) == len(reading.measures) + 1
    same_path = [m for m in measures if str(next(ds.objects(m, IPG.path))) == first.path]
    assert sorted(str(m).rsplit("/", 1)[1] for m in same_path) == [first.path, f"{first.path}~2"]
    assert validate(ds).conforms
