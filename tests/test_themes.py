"""Themes and IP types of measures, with the words that decided them as evidence."""

from __future__ import annotations

import opencc
import pytest
from rdflib import RDF, Graph, URIRef
from rdflib.namespace import SKOS

from ipgraph.model import Measure, Responsibility, Span
from ipgraph.rdf import IP_TYPE, IPG, THEME, plan_iri, reading_to_dataset
from ipgraph.text import view
from ipgraph.themes import DEFAULT_EVIDENCE, IP_TYPES, THEMES, classify, classify_measure, themes_table


@pytest.fixture(scope="module")
def union(readings) -> Graph:
    g = Graph()
    g.addN(
        (s, p, o, g) for s, p, o, _ in reading_to_dataset(readings.values()).quads((None, None, None, None))
    )
    return g


def _measure(readings, stem: str, path: str) -> tuple[str, Measure]:
    reading = readings[stem]
    return reading.text, next(m for m in reading.measures if m.path == path)


# Ten measures checked by hand: (plan, path, label and the words of its text that matter, themes it
# must have, IP types it must have). The quotes are from the sample plans.
HAND_CHECKED = [
    (
        "000_465b383044845e1e",
        "2.3.2",
        "构建知识产权金融服务体系。……完善知识产权质押融资、保险、证券化等政策,以贷款贴息、保费补贴等形式降低企业融资成本",
        {"finance"},
        set(),
    ),
    (
        "000_465b383044845e1e",
        "2.6",
        "营造尊重知识产权崇尚创新文化氛围。充分利用各类媒体……世界知识产权日、中国专利周等节点广泛宣传",
        {"culture"},
        {"patent"},
    ),
    (
        "001_ea0fa33b9b77872c",
        "2.5",
        "加强知识产权司法保护……积极推动设立厦门知识产权法院……妥善审理涉及新技术、新业态等知识产权纠纷案件",
        {"protection"},
        set(),
    ),
    (
        "001_ea0fa33b9b77872c",
        "3.13",
        "强化知识产权转移转化……促进高价值专利以转让、许可、作价入股等方式实现转移转化",
        {"utilisation"},
        {"patent"},
    ),
    (
        "001_ea0fa33b9b77872c",
        "5.20",
        "拓展海外知识产权交流合作……持续开展面向“一带一路”“金砖+”等相关国家和地区的知识产权主题交流",
        {"international"},
        set(),
    ),
    (
        "002_2a08ea45510f8990",
        "3.3.2",
        "着力提高授权专利数量和质量",
        {"creation"},
        {"patent"},
    ),
    (
        "002_2a08ea45510f8990",
        "3.4.1",
        "加强知识产权联合执法。加大全区专利、商标、公安、文化、质监等部门的行政执法协作力度",
        {"protection"},
        {"patent", "trademark"},
    ),
    (
        "002_2a08ea45510f8990",
        "4.2.3",
        "保障工作经费足额按时到位。落实区知识产权发展专项资金",
        {"administration"},
        set(),
    ),
    (
        "003_118eb60ae0313b36",
        "4.5",
        "打造地理标志富农示范区。充分发挥地理标志制度优势……推进平阴玫瑰等地理标志产品保护示范区建设",
        {"geographical-indication"},
        {"geographical-indication"},
    ),
    (
        "004_413121bb9f269da9",
        "1.2",
        "深化数据知识产权工作试点,探索数据知识产权保护规则,试点开展数据知识产权登记",
        {"data-ip"},
        {"data-ip"},
    ),
]


@pytest.mark.parametrize(("stem", "path", "quote", "themes", "ip_types"), HAND_CHECKED)
def test_hand_checked_measures(readings, union, stem, path, quote, themes, ip_types) -> None:
    text, m = _measure(readings, stem, path)
    own = "".join(view(text[m.span.start : m.span.end]).split())
    for piece in quote.split("……"):
        assert view(piece) in own, piece  # the quote is the measure's own text (line breaks aside)
    found = classify_measure(text, m)
    assert themes <= {c.code for c in found if c.scheme == "theme"}
    assert ip_types <= {c.code for c in found if c.scheme == "ip-type"}
    node = URIRef(f"{plan_iri(readings[stem])}/m/{path}")
    assert {THEME[t] for t in themes} <= set(union.objects(node, IPG.theme))
    assert {IP_TYPE[t] for t in ip_types} <= set(union.objects(node, IPG.ipType))


def test_every_measure_of_the_five_plans_has_a_theme(readings, union) -> None:
    measures = set(union.subjects(RDF.type, IPG.Measure))
    assert len(measures) == sum(len(r.measures) for r in readings.values()) > 100
    for m in measures:
        themes = set(union.objects(m, IPG.theme))
        assert themes, m
        assert all((t, SKOS.inScheme, IPG.Themes) in union for t in themes), m


def test_evidence_is_in_the_measure_or_its_part(readings, union) -> None:
    """Every evidence word occurs in the measure's label, text or part heading."""
    for reading in readings.values():
        for m in reading.measures:
            node = URIRef(f"{plan_iri(reading)}/m/{m.path}")
            where = view(m.label + m.span.of(reading.text) + m.part)
            cls = list(union.objects(node, IPG.classification))
            assert cls, node
            concepts = {union.value(c, IPG.concept) for c in cls}
            assert concepts == set(union.objects(node, IPG.theme)) | set(union.objects(node, IPG.ipType))
            for c in cls:
                for word in union.objects(c, IPG.evidence):
                    assert str(word) in where or str(word) == DEFAULT_EVIDENCE, (node, word)


def test_names_in_responsibility_clauses_are_not_evidence() -> None:
    """国家知识产权局保护司 in a clause does not make a measure a protection measure."""
    text = "1.推广知识产权信息公共服务产品。(责任单位:市知识产权局;国家知识产权局保护司)"
    clause = Span(text.index("(责任"), len(text))
    r = Responsibility("国家知识产权局保护司", "lead", ["国家知识产权局知识产权保护司"], clause, clause)
    m = Measure("4.18", "推广知识产权信息公共服务产品", Span(0, len(text)), [r])
    codes = {c.code for c in classify_measure(text, m)}
    assert codes == {"public-service"}


def test_part_heading_then_default_decide_when_the_text_is_silent() -> None:
    by_part = classify("加强工作落实", "按时完成。", part="保障措施")
    assert [(c.code, c.source, c.evidence) for c in by_part] == [("administration", "part", ("保障措施",))]
    fallback = classify("其他事项", "按时完成。", part="附则")
    assert [(c.code, c.source, c.evidence) for c in fallback] == [
        ("administration", "default", (DEFAULT_EVIDENCE,))
    ]


def test_a_word_in_passing_does_not_make_a_theme() -> None:
    text = "完善知识产权公共服务体系,推动设立公共服务网点,提升服务覆盖面,加强保护。"
    codes = {c.code for c in classify("完善知识产权公共服务体系", text)}
    assert codes == {"public-service"}


def test_traditional_script_is_classified_like_simplified() -> None:
    simplified = (
        "加强知识产权司法保护。妥善审理知识产权纠纷案件,落实惩罚性赔偿制度,依法加大对恶意侵权的赔偿力度。"
    )
    traditional = opencc.OpenCC("s2t").convert(simplified)
    assert traditional != simplified
    assert classify("加强知识产权司法保护", traditional) == classify("加强知识产权司法保护", simplified)


def test_table_codes_are_the_scheme_codes() -> None:
    t = themes_table()
    assert set(t["themes"]) == set(THEMES)
    assert set(t["ip_types"]) == set(IP_TYPES)
    assert set(t["part_words"]) <= set(THEMES)
