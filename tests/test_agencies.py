"""Issue "Agencies across cities": one node per body, typed, placed in its hierarchy, named in English."""

from __future__ import annotations

import doctest
import importlib
import importlib.util
import tomllib
from collections import defaultdict
from pathlib import Path

import pytest
from conftest import GOLD, gold
from rdflib import RDF, RDFS, Dataset, Graph, Literal, URIRef
from rdflib.namespace import ORG, SKOS

from ipgraph.agency_types import AGENCY_TYPES, agency_type, agency_types_table, describe
from ipgraph.english import agency_english, pinyin, region_english, translate
from ipgraph.hierarchy import ancestors, parent
from ipgraph.rdf import AGENCY_TYPE, IPG, agency_iri, reading_to_dataset, region_iri
from ipgraph.resources import ontology_file
from ipgraph.validate import validate

SAMPLE_CITIES = ("嘉兴", "厦门", "福州", "仓山", "济南", "上海")
PLANS = [p.stem for p in sorted(GOLD.glob("0*.json"))]

PREFIXES = """
PREFIX ipg: <https://w3id.org/ipgraph/ontology#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""


@pytest.fixture(scope="module")
def dataset(readings) -> Dataset:
    return reading_to_dataset(readings.values())


@pytest.fixture(scope="module")
def union(dataset: Dataset) -> Graph:
    g = Graph()
    g.addN((s, p, o, g) for s, p, o, _ in dataset.quads((None, None, None, None)))
    return g


def _bodies(g: Graph) -> set[URIRef]:
    return set(g.subjects(RDF.type, ORG.Organization))


@pytest.mark.parametrize(
    "module", ["ipgraph.agency_types", "ipgraph.english", "ipgraph.hierarchy", "ipgraph.themes"]
)
def test_docstring_examples(module: str) -> None:
    result = doctest.testmod(importlib.import_module(module), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0 and result.attempted > 0


# --------------------------------------------------------------------------- types, from names

# (official name as the plans' readings give it, agency type): every type the samples use.
TYPED = [
    ("厦门市市场监督管理局", "ip-office"),
    ("上海市知识产权局", "ip-office"),
    ("国家知识产权局知识产权保护司", "ip-office"),
    ("厦门市中级人民法院", "court"),
    ("上海市高级人民法院", "court"),
    ("厦门市人民检察院", "procuratorate"),
    ("上海市公安局", "public-security"),
    ("中华人民共和国厦门海关", "customs"),
    ("厦门市司法局", "justice"),
    ("厦门仲裁委员会", "justice"),
    ("厦门市科学技术局", "science-technology"),
    ("上海市科学技术委员会", "science-technology"),
    ("上海市经济和信息化委员会", "industry-it"),
    ("厦门市工业和信息化局", "industry-it"),
    ("上海市商务委员会", "commerce"),
    ("厦门市地方金融监督管理局", "finance-regulator"),
    ("中国银行保险监督管理委员会厦门监管局", "finance-regulator"),
    ("国家金融监督管理总局上海监管局", "finance-regulator"),
    ("厦门市文化和旅游局", "culture-tourism"),
    ("上海市教育委员会", "education"),
    ("厦门市农业农村局", "agriculture"),
    ("上海市统计局", "statistics"),
    ("厦门市发展和改革委员会", "development-reform"),
    ("厦门市财政局", "finance-bureau"),
    ("厦门市人力资源和社会保障局", "human-resources"),
    ("上海市人民政府办公厅", "government"),
    ("厦门市人民政府外事办公室", "government"),
    ("厦门市各区人民政府", "government"),
    ("厦门火炬高技术产业开发区管理委员会", "development-zone"),
    ("中国(福建)自由贸易试验区厦门片区管理委员会", "development-zone"),
    ("厦门市金砖国家新工业革命伙伴关系创新基地建设工作领导小组办公室", "leading-group"),
    ("厦门市知识产权工作领导小组成员单位", "leading-group"),
    ("中共厦门市委组织部", "party"),
    ("中国国际贸易促进委员会上海市分会", "trade-promotion"),
    ("厦门市工商业联合会", "other"),
    # other places of the genre, none of them in the samples
    ("杭州市市场监督管理局", "ip-office"),
    ("广东省知识产权局", "ip-office"),
    ("深圳市南山区人民法院", "court"),
    ("广州市黄埔区科技局", "science-technology"),  # a short form no reader expanded
    ("杭州市城市管理委员会", "other"),  # a 管理委员会 that manages no zone
    ("中共杭州市滨江区委宣传部", "party"),
    ("南京市公安局江宁分局", "public-security"),  # a sub-bureau has its bureau's type
    ("北京市第一中级人民法院", "court"),
    ("广西壮族自治区市场监督管理局", "ip-office"),
]


@pytest.mark.parametrize(("name", "code"), TYPED)
def test_agency_type_from_the_name(name: str, code: str) -> None:
    assert agency_type(name) == code


def test_type_table_uses_only_scheme_codes() -> None:
    t = agency_types_table()
    used = {v[0] for section in ("national", "suffixes", "collectives") for v in t[section].values()}
    assert used <= set(AGENCY_TYPES)
    assert set(AGENCY_TYPES) == {c.removeprefix(str(AGENCY_TYPE)) for c in map(str, _scheme("AgencyTypes"))}


def _scheme(name: str) -> set[URIRef]:
    onto = Graph().parse(data=ontology_file("ipgraph.ttl").read_text("utf-8"), format="turtle")
    return set(onto.subjects(SKOS.inScheme, IPG[name]))


def test_collectives_are_told_apart_from_single_bodies() -> None:
    for name in (
        "厦门市各区人民政府",
        "上海市各有关部门",
        "厦门市直有关部门",
        "厦门市知识产权工作领导小组成员单位",
        "厦门市各开发区",
    ):
        assert describe(name).collective, name
    for name in ("厦门市人民政府", "厦门市海丝中央法务区建设领导小组办公室", "上海市浦东新区人民政府"):
        assert not describe(name).collective, name


# --------------------------------------------------------------------------- hierarchy

PARENTS = [
    ("国家知识产权局知识产权保护司", "国家知识产权局"),
    ("国家知识产权局", None),
    ("国务院", None),
    ("最高人民法院", None),
    ("厦门市文化和旅游局", "厦门市人民政府"),
    ("厦门市人民政府", "福建省人民政府"),
    ("福建省人民政府", "国务院"),
    ("上海市人民政府", "国务院"),  # a municipality is province-level
    ("上海市浦东新区人民政府", "上海市人民政府"),
    ("福州市仓山区人民政府", "福州市人民政府"),
    ("厦门市中级人民法院", "福建省高级人民法院"),
    ("福建省高级人民法院", "最高人民法院"),
    ("上海市高级人民法院", "最高人民法院"),
    ("厦门市人民检察院", "福建省人民检察院"),
    ("上海市人民检察院", "最高人民检察院"),
    ("中华人民共和国厦门海关", "海关总署"),
    ("中国银行保险监督管理委员会厦门监管局", "中国银行保险监督管理委员会"),
    ("国家税务总局厦门市税务局", "国家税务总局"),
    ("中共厦门市委组织部", "中共厦门市委员会"),
    ("中共厦门市委员会", "中共福建省委员会"),
    ("中共福建省委员会", "中共中央"),
    ("厦门市海丝中央法务区建设领导小组办公室", "厦门市海丝中央法务区建设领导小组"),
    ("厦门市海丝中央法务区建设领导小组", "厦门市人民政府"),
    ("厦门市各区人民政府", "厦门市人民政府"),
    ("中国(福建)自由贸易试验区厦门片区管理委员会", "厦门市人民政府"),
    ("广州市黄埔区科学技术局", "广州市黄埔区人民政府"),
    ("广州市黄埔区人民法院", "广州市中级人民法院"),
    ("南京市公安局江宁分局", "南京市公安局"),
    ("北京市第一中级人民法院", "北京市高级人民法院"),
    ("义乌市人民政府", "金华市人民政府"),  # a county-level city
]


@pytest.mark.parametrize(("name", "expected"), PARENTS)
def test_parent_by_the_genre_rules(name: str, expected: str | None) -> None:
    assert parent(name) == expected


def test_every_chain_ends_at_a_top_level_national_body() -> None:
    top = set(agency_types_table()["national"])
    for name, _ in TYPED:
        chain = ancestors(name)
        assert not chain or chain[-1] in top, (name, chain)


# --------------------------------------------------------------------------- English names

ENGLISH = [
    ("厦门市文化和旅游局", "Xiamen Municipal Bureau of Culture and Tourism"),
    ("厦门市市场监督管理局", "Xiamen Municipal Administration for Market Regulation"),
    ("上海市知识产权局", "Shanghai Municipal Intellectual Property Administration"),
    ("厦门市中级人民法院", "Xiamen Intermediate People's Court"),
    ("国家知识产权局", "China National Intellectual Property Administration"),
    (
        "国家知识产权局知识产权运用促进司",
        "Department of Intellectual Property Utilization and Promotion, "
        "China National Intellectual Property Administration",
    ),
    ("中共厦门市委组织部", "Organization Department of the CPC Xiamen Municipal Committee"),
    ("中华人民共和国厦门海关", "Xiamen Customs"),
    ("福建省人民政府", "Fujian Provincial People's Government"),
    ("厦门市各区人民政府", "District People's Governments of Xiamen"),
    (
        "厦门火炬高技术产业开发区管理委员会",
        "Administrative Committee of Xiamen Torch Hi-tech Industrial Development Zone",
    ),
    ("陕西省科学技术厅", "Shaanxi Provincial Department of Science and Technology"),
    ("西安市商务局", "Xi'an Municipal Bureau of Commerce"),
    ("北京市第一中级人民法院", "Beijing No. 1 Intermediate People's Court"),
    ("南京市公安局江宁分局", "Jiangning Sub-bureau, Nanjing Municipal Public Security Bureau"),
    ("广西壮族自治区市场监督管理局", "Guangxi Autonomous Regional Administration for Market Regulation"),
    ("重庆市两江新区管理委员会", "Administrative Committee of Chongqing Liangjiang New Area"),
    (
        "上海市浦东新区管理委员会",
        "Administrative Committee of Shanghai Pudong New Area",
    ),  # the 新区 is a division
]


@pytest.mark.parametrize(("name", "english"), ENGLISH)
def test_english_name_from_glossary_and_place(name: str, english: str) -> None:
    assert agency_english(name) == english


@pytest.mark.parametrize(
    ("region", "english"),
    [
        ("厦门市", "Xiamen"),
        ("福建省", "Fujian Province"),
        ("广州市黄埔区", "Huangpu District, Guangzhou"),
        ("上海市", "Shanghai"),
        ("内蒙古自治区", "Inner Mongolia Autonomous Region"),
        ("中华人民共和国", "People's Republic of China"),
    ],
)
def test_region_english(region: str, english: str) -> None:
    assert region_english(region) == english


def test_unknown_words_fall_back_to_pinyin() -> None:
    assert pinyin("仓山") == "Cangshan"
    assert translate("虹桥国际中央商务区") == "Hongqiao International Central Business District"


# --------------------------------------------------------------------------- the graph of the five plans


def test_every_body_has_one_type_an_english_name_a_place_and_a_parent(union: Graph) -> None:
    top = set(agency_types_table()["national"])
    bodies = _bodies(union)
    assert len(bodies) > 60
    for b in bodies:
        types = set(union.objects(b, IPG.agencyType))
        assert len(types) == 1 and (next(iter(types)), SKOS.inScheme, IPG.AgencyTypes) in union, b
        labels = {o.language: o for o in union.objects(b, RDFS.label) if isinstance(o, Literal)}
        assert set(labels) == {"zh", "en"} and labels["en"].isascii() and labels["en"].strip(), b
        assert union.value(b, IPG.jurisdiction) is not None, b
        parents = set(union.objects(b, ORG.subOrganizationOf))
        if str(labels["zh"]) in top:
            assert not parents, b
        else:
            assert len(parents) == 1, b
            assert next(iter(parents)) in bodies, b  # the parent is a node with all of the above


def test_no_two_nodes_denote_the_same_body(union: Graph) -> None:
    """No accepted name and no English name is shared by two nodes."""
    by_name: dict[str, set] = defaultdict(set)
    by_english: dict[str, set] = defaultdict(set)
    for b in _bodies(union):
        for n in union.objects(b, IPG.canonicalName):
            by_name[str(n)].add(b)
        for label in union.objects(b, RDFS.label):
            if label.language == "en":
                by_english[str(label)].add(b)
    assert {n: v for n, v in by_name.items() if len(v) > 1} == {}
    assert {n: v for n, v in by_english.items() if len(v) > 1} == {}


def test_one_body_one_node_across_measures_and_plans(union: Graph) -> None:
    samr = agency_iri("厦门市市场监督管理局")
    names = {str(n) for n in union.objects(samr, IPG.canonicalName)}
    assert names >= {
        "厦门市市场监督管理局",
        "厦门市知识产权局",
    }  # 市市场监管局(知识产权局): one body, two names
    leads = {
        m["path"]
        for m in gold("001_ea0fa33b9b77872c")["measures"]
        for r in m["responsible"]
        if r["canonical"][0] == "厦门市市场监督管理局"
    }
    assert len(set(union.objects(samr, IPG.responsibleFor))) == len(leads) == 18
    protection = agency_iri("国家知识产权局知识产权保护司")
    assert {str(n) for n in union.objects(protection, IPG.canonicalName)} == {
        "国家知识产权局知识产权保护司",
        "国家知识产权局保护司",
    }
    assert union.value(protection, ORG.subOrganizationOf) == agency_iri("国家知识产权局")
    # the national body is the same node whichever plan names it (here: parent and issuer's parent)
    cnipa = agency_iri("国家知识产权局")
    assert union.value(agency_iri("国家知识产权局办公室"), ORG.subOrganizationOf) == cnipa


def test_collectives_are_their_own_kind_of_node(union: Graph) -> None:
    collective = agency_iri("厦门市各区人民政府")
    assert (collective, RDF.type, IPG.CollectiveBody) in union
    assert (collective, RDF.type, IPG.Agency) not in union
    assert union.value(collective, ORG.subOrganizationOf) == agency_iri("厦门市人民政府")
    members = agency_iri("厦门市知识产权工作领导小组成员单位")
    assert union.value(members, IPG.agencyType) == AGENCY_TYPE["leading-group"]
    assert (agency_iri("厦门市人民政府"), RDF.type, IPG.Agency) in union


def test_regions_are_linked_and_named_in_english(union: Graph) -> None:
    district, city = region_iri("福州市仓山区"), region_iri("福州市")
    assert union.value(district, IPG.withinRegion) == city
    assert Literal("Cangshan District, Fuzhou", lang="en") in set(union.objects(district, RDFS.label))
    assert Literal("Fujian Province", lang="en") in set(union.objects(region_iri("福建省"), RDFS.label))
    for region in union.subjects(RDF.type, IPG.Region):
        labels = {o.language: str(o) for o in union.objects(region, RDFS.label)}
        assert set(labels) == {"zh", "en"} and labels["en"].isascii(), region


def test_every_concept_has_an_english_label(union: Graph) -> None:
    concepts = set(union.subjects(RDF.type, SKOS.Concept))
    assert any((c, SKOS.inScheme, IPG.Themes) in union for c in concepts)
    for c in concepts:
        en = [o for o in union.objects(c, SKOS.prefLabel) if o.language == "en"]
        assert len(en) == 1 and str(en[0]).isascii(), c


LEAD_TYPES = (
    PREFIXES
    + """
SELECT ?city ?code (COUNT(DISTINCT ?m) AS ?n) WHERE {
  ?r a ipg:LeadResponsibility ; ipg:measure ?m ; ipg:agency ?a .
  ?m ipg:inPlan ?plan .
  ?plan ipg:jurisdiction ?region .
  ?region rdfs:label ?city FILTER (lang(?city) = "zh")
  ?a ipg:agencyType ?t .
  ?t skos:notation ?code .
}
GROUP BY ?city ?code
"""
)


def _expected_lead_types() -> dict[str, dict[str, int]]:
    """Per city, agency type → measures a body of that type leads, from the gold readings alone."""
    seen: dict[str, dict[str, set]] = defaultdict(lambda: defaultdict(set))
    for stem in PLANS:
        g = gold(stem)
        for m in g["measures"]:
            for r in m["responsible"]:
                if r["role"] == "lead":
                    seen[g["plan"]["region"]][agency_type(r["canonical"][0])].add(m["path"])
    return {city: {t: len(ms) for t, ms in types.items()} for city, types in seen.items()}


def test_lead_agency_types_per_city_agree_with_the_readings(union: Graph) -> None:
    expected = _expected_lead_types()
    # Which kind of agency leads the measures in each city (the plans with responsibility clauses):
    assert expected == {
        "厦门市": {"ip-office": 18, "court": 1, "leading-group": 2},
        "上海市": {"ip-office": 25},
    }
    got: dict[str, dict[str, int]] = defaultdict(dict)
    for row in union.query(LEAD_TYPES):
        got[str(row.city)][str(row.code)] = int(row.n)
    assert dict(got) == expected


def test_shapes_require_type_english_name_and_parent(dataset: Dataset, union: Graph) -> None:
    assert validate(dataset).conforms
    body = agency_iri("厦门市文化和旅游局")
    for triple, path in [
        ((body, IPG.agencyType, None), "ipg:agencyType"),
        ((body, ORG.subOrganizationOf, None), "org:subOrganizationOf"),
        (
            (body, RDFS.label, Literal("Xiamen Municipal Bureau of Culture and Tourism", lang="en")),
            "rdfs:label",
        ),
    ]:
        broken = Graph()
        broken += union
        broken.remove(triple)
        result = validate(broken)
        assert not result.conforms, path
        assert path in result.text, path
    twice = Graph()
    twice += union
    twice.add((body, IPG.agencyType, AGENCY_TYPE["court"]))
    assert not validate(twice).conforms


# --------------------------------------------------------------------------- the gazetteer


def test_gazetteer_and_tables_name_none_of_the_sample_cities() -> None:
    for name in ("gazetteer.toml", "agency_types.toml", "english.toml", "themes.toml"):
        data = tomllib.loads(ontology_file(name).read_text("utf-8"))
        text = repr(data)  # keys and values, comments excluded
        assert not [c for c in SAMPLE_CITIES if c in text], name


def test_gazetteer_resolves_the_reference_canonical_names(readings) -> None:
    """score.py's canonical share over the five plans, computed in-process."""
    spec = importlib.util.spec_from_file_location("score", Path(__file__).parent / "tools" / "score.py")
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    pairs = [(stem, gold(stem), readings[stem].to_json()) for stem in PLANS]
    result = score.score(pairs)
    summary = result[0] if isinstance(result, tuple) else result
    assert summary["canonical"] >= 0.95
