"""Mention and signing-date rules, one rule per test, each on a snippet written like a county or city plan."""

from __future__ import annotations

from ipgraph.reading.mentions import find_mentions
from ipgraph.reading.metadata import read_meta
from ipgraph.reading.structure import body_bounds
from ipgraph.text import view


def mentions(snippet: str, places: tuple[str, ...] = ()) -> list[str]:
    v = view(snippet)
    return [n for n, _ in find_mentions(v, 0, len(v), (), places)]


# --- mentions --------------------------------------------------------------------------
def test_county_market_regulator_is_county_plus_body():  # 县 + 市场监管局, not 县市
    assert mentions("领导小组办公室设在县市场监管局,负责日常工作。") == ["领导小组办公室", "县市场监管局"]


def test_a_body_inside_a_documents_title_is_no_mention():  # the national 2024 推进计划, item 1.1.6
    text = "研究修改《中华人民共和国知识产权海关保护条例》。完成《国家知识产权局行政复议规程》修改,报省知识产权局备案。"
    assert mentions(text) == ["省知识产权局"]


def test_district_and_province_market_regulators():  # 区/省 + 市场监管局 likewise
    assert mentions("区市场监管局要会同省市场监管局加强指导。") == ["区市场监管局", "省市场监管局"]


def test_shorter_name_when_the_longest_runs_into_a_mediation_body():  # 在县市场监管局设立…调解委员会
    text = "在县市场监管局设立知识产权纠纷人民调解委员会,推动县法院与调解组织开展诉调对接。"
    assert mentions(text) == ["县市场监管局", "县法院"]


def test_level_word_ending_a_word_starts_no_mention():  # 示范区…纳入市委: 区 ends 示范区
    assert mentions("将示范区建设工作纳入市委、市政府对各区(县、市)的综合考核。") == ["市委", "市政府"]


def test_strong_city_is_no_jurisdiction():  # 强市建设工作纳入市政府: 市 ends 强市
    assert mentions("将知识产权强市建设工作纳入市政府目标责任考核体系。") == ["市政府"]


def test_intermediate_court_abbreviated():  # 市中院 is the city's intermediate people's court
    assert mentions("推动市市场监管局与市中院、市检察院签订知识产权协同保护合作协议。") == [
        "市市场监管局",
        "市中院",
        "市检察院",
    ]


def test_leading_group_named_after_a_demonstration_zone():  # 国家…示范区 inside a leading group's name
    text = "成立由市政府主要领导任组长的市国家知识产权保护示范区建设工作领导小组,领导小组办公室设在市市场监管局。"
    assert mentions(text) == [
        "市政府",
        "市国家知识产权保护示范区建设工作领导小组",
        "领导小组办公室",
        "市市场监管局",
    ]


def test_collective_leading_groups_are_no_particular_body():  # closing paragraph of a 工作要点
    assert mentions("各县(市、区)知识产权工作领导小组要对照工作要点,结合实际制定具体措施。") == []


# --- signing date ----------------------------------------------------------------------
def _meta(doc: str):
    v = view(doc)
    start, end = body_bounds(v)
    return read_meta(doc, v, start, end)


def test_signing_date_in_chinese_numerals():  # 二〇二三年三月十五日 under the issuer
    m = _meta(
        "襄阳市人民政府办公室关于印发襄阳市知识产权强市建设工作方案(2023—2025年)的通知\n"
        "《襄阳市知识产权强市建设工作方案(2023—2025年)》已经市人民政府同意,现印发给你们。\n"
        "襄阳市人民政府办公室\n二〇二三年三月十五日\n一、总体要求\n(一)指导思想\n坚持。\n"
    )
    assert (m.issuers, m.issue_date) == (["襄阳市人民政府办公室"], "2023-03-15")


def test_signing_date_in_chinese_numerals_with_tens_and_circle_zero():  # ○ for 〇, 十二月三十一日
    m = _meta(
        "某某县人民政府办公室关于印发某某县知识产权强县建设工作方案的通知\n"
        "《某某县知识产权强县建设工作方案》已经县政府同意,现印发给你们。\n"
        "某某县人民政府办公室\n二○二三年十二月三十一日\n一、总体要求\n(一)指导思想\n坚持。\n"
    )
    assert m.issue_date == "2023-12-31"


def test_an_annual_plans_term_is_its_year() -> None:
    from ipgraph.reading.metadata import _ONE_YEAR, _PERIOD

    for title, year in [("2024年赣州市知识产权工作要点", 2024), ("长兴县2023年度知识产权工作计划", 2023)]:
        assert not _PERIOD.search(title)
        assert int(_ONE_YEAR.search(title).group(1)) == year
    assert not _ONE_YEAR.search("厦门市国家知识产权强市建设示范城市工作方案(2022-2025年)")
    assert not _ONE_YEAR.search("2022年度济南市国家知识产权保护示范区建设方案")


# --- mentions: where a name begins and ends ---------------------------------------------
def test_county_or_district_name_from_the_table_starts_the_mention():  # 东胜区 in a 鄂尔多斯 工作要点
    assert mentions("支持东胜区人民法院集中管辖全市知识产权民事案件。") == ["东胜区人民法院"]


def test_district_name_that_is_an_everyday_word_starts_no_mention():  # 老城区: the old town
    assert mentions("统筹推进老城区政府投资项目知识产权分析评议。") == []


def test_autonomous_region_is_a_level_word():  # a Guangxi city's plan reporting upwards
    assert mentions("定期向自治区知识产权局报送工作进展情况。") == ["自治区知识产权局"]


def test_strong_district_is_no_jurisdiction():  # 强区建设任务纳入区政府: 区 ends 强区
    assert mentions("将知识产权强区建设任务纳入区政府绩效考核。") == ["区政府"]


def test_verb_ending_in_strong_does_not_bind_the_level_word():  # 加强 + 市知识产权局, not 强市
    assert mentions("加强市知识产权局能力建设,及时调配工作人员。") == ["市知识产权局"]


def test_name_runs_to_the_longest_body_an_office_room():  # 区委督查室, not 区委
    assert mentions("纳入区政府绩效考核和区委督查室重点督办事项。") == ["区政府", "区委督查室"]


def test_laboratory_is_no_government_body():  # 市重点实验室 is a research unit
    assert mentions("支持企业建设市重点实验室和知识产权工作室。") == []


def test_level_word_inside_a_zone_name_starts_no_mention():  # 港务区: 区 ends the zone's name
    assert mentions("支持国际港务区管委会建设进口贸易促进创新示范区。") == []


def test_zone_committee_listed_after_another_body():  # 市商务局、国际港务区管委会
    assert mentions("由西安海关会同市商务局、国际港务区管委会加强跨境电商渠道查验。") == [
        "西安海关",
        "市商务局",
        "国际港务区管委会",
    ]


# --- plan term -------------------------------------------------------------------------
_ZONE_NOTICE = (
    "西安市人民政府办公厅关于印发西安市国家知识产权保护示范区建设方案的通知\n"
    "《西安市国家知识产权保护示范区建设方案》已经市政府同意,现印发给你们。\n"
    "西安市人民政府办公厅\n2023年11月20日\n一、总体要求\n(一)建设目标\n"
)


def test_term_from_a_stated_construction_period_when_the_title_has_no_years():
    m = _meta(_ZONE_NOTICE + "建设期为2023年11月至2026年10月。到建设期满,全市知识产权保护体系更加完善。\n")
    assert m.period == [2023, 2026]


def test_no_term_from_a_construction_period_without_years():  # 到建设期满 names no years
    m = _meta(_ZONE_NOTICE + "力争到建设期满,高标准完成国家知识产权保护示范区建设各项任务。\n")
    assert m.period is None


def test_a_places_si_with_no_body_between_is_no_mention():  # Jiangmen, fsou.com: 新会区司前镇, a town
    text = "重点抓好蓬江区摩托车、江海区电子材料、新会区司前镇五金不锈钢产业集群建设。"
    assert mentions(text, ("江门市", "新会区")) == []


def test_other_countries_bodies_are_no_mentions():  # Jiangmen: developed countries' standards bodies
    text = "积极采用国际标准和主要发达国家标准化组织的先进标准,支持企业参与标准制定。"
    assert mentions(text) == []
    assert mentions("会同国家标准化管理委员会推进标准化工作。") == ["国家标准化管理委员会"]
