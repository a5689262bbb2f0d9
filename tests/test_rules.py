"""Parsing rules, one rule per test, each on a real snippet of a sample plan."""

from __future__ import annotations

import pytest

from ipgraph.reading.agencies import Jurisdiction, canonical_names
from ipgraph.reading.mentions import find_mentions
from ipgraph.reading.metadata import document_level, read_meta
from ipgraph.reading.reader import NoPlanStructure, read_text
from ipgraph.reading.responsibility import find_clauses, parse_deadline
from ipgraph.reading.structure import body_bounds, parse_tree, walk
from ipgraph.reading.targets import find_tables, table_targets, text_targets
from ipgraph.text import view

XIAMEN = Jurisdiction.of_region("厦门市")
SHANGHAI = Jurisdiction.of_region("上海市")


def units(snippet: str) -> list[tuple[str, str]]:
    v = view(snippet)
    return [(u.mention + u.suffix, u.role) for c in find_clauses(v, 0, len(v)) for u in c.units]


# --- numbering paths -------------------------------------------------------------------
def test_path_numbers_as_written_across_sections():  # Xiamen numbers (三) under 二、
    doc = "一、总体要求\n(一)指导思想\n坚持。\n二、构建高标准知识产权保护体系\n(三)完善知识产权保护制度\n严格执行。\n"
    assert [n.path for n in walk(parse_tree(doc, 0, len(doc)))] == ["1", "1.1", "2", "2.3"]


def test_arabic_items_directly_under_top_level():  # Shanghai: 5. under 二、 is 2.5
    doc = "二、打造知识产权保护“新高地”\n  5.指导浦东新区高标准建设国家知识产权保护示范区。\n"
    assert [n.path for n in walk(parse_tree(doc, 0, len(doc)))] == ["2", "2.5"]


def test_full_width_markers():
    doc = view("二、重点任务\n（一）强化创造\n　　1．培育高价值专利。实施工程。\n（2）细项。\n")
    assert [n.path for n in walk(parse_tree(doc, 0, len(doc)))] == ["2", "2.1", "2.1.1", "2.1.1.2"]


def test_part_heading_whose_dun_hao_was_lost_keeps_its_place():  # "一 加强知识产权创造" on a page
    doc = "一 加强知识产权创造\n1.提升专利质量。\n二 强化保护\n2.开展专项行动。\n"
    assert [n.path for n in walk(parse_tree(doc, 0, len(doc)))] == ["1", "1.1", "2", "2.2"]


def test_running_text_starting_with_a_numeral_and_space_is_no_heading():
    doc = "一、目标\n一 年内完成全部任务，确保见效。\n"
    assert [n.path for n in walk(parse_tree(doc, 0, len(doc)))] == ["1"]


def test_decimal_table_cells_are_not_markers():
    doc = "一、目标\n17.2\n\n21.47\n"
    assert [n.path for n in walk(parse_tree(doc, 0, len(doc)))] == ["1"]


def test_web_debris_ends_the_body():  # Jinan's page ends with a hot-news list
    doc = "一、指导思想\n坚持。\n热点新闻\n-\n走访12万余户 发放贷款237亿元\n"
    start, end = body_bounds(doc)
    assert "热点新闻" not in doc[start:end]


def test_bare_attachment_heading_ends_the_body():  # a task table attached after 附件1
    doc = "一、指导思想\n坚持。\n附件1\n工作任务分解表\n序号 重点任务\n"
    start, end = body_bounds(doc)
    assert "工作任务分解表" not in doc[start:end]


def test_closing_words_after_the_last_item_end_the_body():  # a 工作要点's last paragraph
    doc = (
        "五、加强组织保障\n（十四）加强督导考核。加强督促检查。（责任单位：市市场监管局）\n\n"
        "各县（市、区）知识产权工作领导小组要对照工作要点，于12月10日前报送市知识产权工作领导小组办公室。\n"
    )
    start, end = body_bounds(doc)
    assert doc[start:end].rstrip().endswith("（责任单位：市市场监管局）")


def test_closing_words_keep_the_last_items_clause():  # （…负责） then the document's close
    doc = (
        "六、保障\n14．加强督导落实。定期调度通报工作进展。（市知识产权工作领导小组办公室负责）\n\n"
        "各旗区、各有关部门要结合实际制定具体措施，确保各项任务落到实处。\n"
    )
    start, end = body_bounds(doc)
    assert doc[start:end].rstrip().endswith("（市知识产权工作领导小组办公室负责）")


def test_a_paragraph_of_the_last_item_is_kept():  # no blank line: still the item's text
    doc = "五、保障\n（一）督导。加强检查。\n各县（市、区）要按季度报送进展。\n"
    start, end = body_bounds(doc)
    assert "按季度报送" in doc[start:end]


# --- labels, parts ---------------------------------------------------------------------
def test_label_is_heading_before_full_stop():  # Jiaxing
    r = read_text("二、工作任务\n(一)完善制度。\n1.完善知识产权政策体系。强化顶层设计,出台办法。\n")
    assert r.measures[0].label == "完善知识产权政策体系"


def test_label_is_first_clause_without_heading():  # Shanghai
    r = read_text("一、打造样板区\n1.强化知识产权法治保障,对标高水平国际经贸规则,积极探索地方立法。\n")
    assert r.measures[0].label == "强化知识产权法治保障"


def test_guiding_thought_and_principles_give_nothing():
    r = read_text(
        "一、指导思想\n(一)坚持创新\n内容。\n二、基本原则\n(一)坚持保护\n内容。\n三、工作任务\n(一)加强保护\n内容。\n"
    )
    assert [m.path for m in r.measures] == ["3.1"]


def test_goals_are_numbered_items_under_a_goals_part():  # Cangshan
    r = read_text(
        "二、工作目标\n(一)总体目标\n经过2年的努力。\n(二)具体目标\n1.知识产权专项经费投入不断加大。试点期间。\n"
        "三、工作重点\n(一)健全体系\n1.建立机构。内容。\n"
    )
    assert [g.path for g in r.goals] == ["2.2.1"] and [m.path for m in r.measures] == ["3.1.1"]


def test_schedule_phase_months():  # Jiaxing and Jinan
    r = read_text(
        "三、工作步骤\n(一)部署阶段(2022年7月至9月)。贯彻落实。\n(二)2024年9月—2025年12月,完善机制。\n"
    )
    assert [(p.label, p.start, p.end) for p in r.phases] == [
        ("部署阶段", "2022-07", "2022-09"),
        ("2024年9月—2025年12月", "2024-09", "2025-12"),
    ]


# --- responsibility --------------------------------------------------------------------
def test_bracket_clause_first_unit_leads():  # Xiamen (五)
    assert units("加大打击力度。〔责任单位:市中级法院、公安局、检察院〕") == [
        ("市中级法院", "lead"),
        ("公安局", "support"),
        ("检察院", "support"),
    ]


def test_shared_suffix_goes_to_every_unit():  # Xiamen (八)
    assert units("〔责任单位:市市场监管局(知识产权局)、商务局,火炬高新区、自贸区管委会〕")[-2:] == [
        ("火炬高新区管委会", "support"),
        ("自贸区管委会", "support"),
    ]


def test_rename_parenthesis_stays_with_its_unit():
    assert units("〔责任单位:市市场监管局(知识产权局)、海丝法务办(市委政法委)、商务局〕")[:2] == [
        ("市市场监管局(知识产权局)", "lead"),
        ("海丝法务办(市委政法委)", "support"),
    ]


def test_joint_plan_parties_each_have_a_lead():  # Shanghai 10.
    s = "(责任单位:上海市知识产权局、市统计局;国家知识产权局战略规划司、运用促进司、公共服务司;完成时限:2025年12月底)"
    assert [r for _, r in units(s)] == ["lead", "support", "lead", "support", "support"]


def test_deadline_is_not_a_unit():
    v = view("(责任单位:上海市知识产权局;国家知识产权局条法司;完成时限:持续推进)")
    c = find_clauses(v, 0, len(v))[0]
    assert c.deadline == "ongoing" and all("时限" not in u.mention for u in c.units)


def test_explicit_lead_and_support_labels():
    s = "(牵头单位:区市场监管局;配合单位:区科技局、区财政局)"
    assert units(s) == [("区市场监管局", "lead"), ("区科技局", "support"), ("区财政局", "support")]


def test_closing_responsible_clause():
    assert units("开展专项执法行动。(区市场监管局、区公安分局负责)") == [
        ("区市场监管局", "lead"),
        ("区公安分局", "support"),
    ]


def test_closing_deng_is_not_part_of_name():  # Shanghai 22.
    assert units("(责任单位:上海市知识产权局、市政府外办等;国家知识产权局国际合作司)")[1] == (
        "市政府外办",
        "support",
    )


def test_parenthesis_that_is_not_a_clause():  # Cangshan 4.1.1
    assert units("的知识产权工作领导小组(下称领导小组),负责统筹") == []


def test_deadline_formats():
    assert [parse_deadline(x) for x in ("2024年12月底", "持续推进", "2025年12月底前")] == [
        "2024-12-31",
        "ongoing",
        "2025-12-31",
    ]


# --- canonical names -------------------------------------------------------------------
def test_canonical_adds_the_plans_jurisdiction():
    assert canonical_names("文旅局", XIAMEN)[0] == "厦门市文化和旅游局"


def test_canonical_two_names_of_one_body():
    assert canonical_names("市市场监管局(知识产权局)", XIAMEN)[::2] == [
        "厦门市市场监督管理局",
        "厦门市知识产权局",
    ]


def test_canonical_party_bodies():
    assert canonical_names("市委台港澳办", XIAMEN)[0] == "中共厦门市委台港澳工作办公室"


def test_canonical_vertical_regulators():
    assert canonical_names("厦门银保监局", XIAMEN)[0] == "中国银行保险监督管理委员会厦门监管局"
    assert canonical_names("上海证监局", SHANGHAI)[0] == "中国证券监督管理委员会上海监管局"


def test_canonical_national_departments_and_shared_prefix():
    assert canonical_names("国家知识产权局条法司", SHANGHAI)[0] == "国家知识产权局条约法规司"
    assert canonical_names("运用促进司", SHANGHAI, "国家知识产权局")[0] == "国家知识产权局知识产权运用促进司"


def test_canonical_collectives_carry_jurisdiction():
    assert canonical_names("各区政府", SHANGHAI) == ["上海市各区人民政府"]


def test_canonical_zone_committees():
    assert canonical_names("临港新片区管委会", SHANGHAI)[0] == "中国(上海)自由贸易试验区临港新片区管理委员会"


def test_canonical_word_starting_with_shi_is_not_a_prefix():  # 市政园林局 is not 市 + 政园林局
    assert canonical_names("市政园林局", XIAMEN) == ["厦门市市政园林局"]


def test_gazetteer_names_no_sample_city():
    from ipgraph.resources import ontology_file

    text = ontology_file("gazetteer.toml").read_text("utf-8")
    assert not any(c in text for c in ("厦门", "上海", "济南", "嘉兴", "福州", "仓山"))


# --- targets ---------------------------------------------------------------------------
def targets(snippet: str, path: str = "1"):
    v = view(snippet)
    return [(t.value, t.unit, t.comparator, t.year, t.kind) for t in text_targets(v, 0, len(v), path)]


def test_target_wan_multiplier_and_chao():  # Jiaxing 2.3.3
    assert targets("到2025年专利转让许可次数超1万次。") == [(10000, "次", ">", 2025, None)]


def test_target_yishang_only_on_its_own_number():  # Cangshan 2.2.3
    got = targets(
        "全区拥有国家企事业知识产权示范(试点)单位7家、省级知识产权试点示范企业18家、福州市知识产权试点示范企业20家以上;"
    )
    assert [c for _, _, c, _, _ in got] == ["=", "=", ">="]


def test_target_number_inside_metric_is_not_a_target():  # Cangshan 2.2.3
    assert targets("授权3件以上专利企业数量达50家;") == [(50, "家", ">=", None, None)]


def test_target_annual_and_cumulative():  # Cangshan 2.2.6
    got = targets(
        "年均申请专利1800件以上,年授权专利1000件以上;累计拥有中国驰名商标和福建省著名商标拥有量分别达到7件和18件以上;"
    )
    assert [k for *_, k in got] == ["annual", "annual", "cumulative", "cumulative"]


def test_target_rate_of_change():  # Jiaxing 2.4.2
    assert targets("行政裁决案件时限在原有基础上压减50%。") == [(50, "%", "=", None, None)]


def test_target_quoted_numbers_are_not_targets():  # Jinan 3.3.10
    assert targets("落实全市人才政策“双30条”等举措。") == []


def test_indicator_table():  # Xiamen's table, one cell per line
    doc = (
        "主要指标\n\n单位\n\n2021\n\n基期值\n\n2025\n\n预期值\n\n备注\n\n每万人口高价值发明专利拥有量\n\n17.2\n\n21.47\n\n"
        "累计值\n\n知识产权质押融资登记金额\n\n亿元\n\n25.16\n\n40\n\n知识产权保护社会满意度\n\n81\n\n83\n\n"
    )
    got = [
        (t.value, t.unit, t.baseline, t.baseline_year, t.year, t.kind)
        for tb in find_tables(doc, 0, len(doc))
        for t in table_targets(tb)
    ]
    assert got == [
        (21.47, None, 17.2, 2021, 2025, "cumulative"),
        (40, "亿元", 25.16, 2021, 2025, None),
        (83, None, 81, 2021, 2025, None),
    ]


# --- mentions --------------------------------------------------------------------------
def mentions(snippet: str, places=()) -> list[str]:
    v = view(snippet)
    return [n for n, _ in find_mentions(v, 0, len(v), (), places)]


def test_mentions_with_jurisdiction():  # Jinan 六(二)
    assert mentions("主动接受人大、政协监督,重要情况及时报告市委、市政府。") == ["市委", "市政府"]


def test_mentions_proper_names():  # Jinan 12.
    assert mentions("设立知识产权联合保护办公室,加强济南知识产权法庭建设。深化基层法院审判工作。") == [
        "知识产权联合保护办公室",
        "济南知识产权法庭",
    ]


def test_mentions_leave_out_service_centres():  # Xiamen (十五), Jinan 9.
    assert mentions("国家知识产权局专利检索咨询中心厦门代办处等为支撑,在市知识产权保护中心增设窗口。") == []


def test_mentions_party_school():  # Cangshan 3.5.2
    assert mentions("列入区委党校教学内容,把知识纳入各级党委理论学习。") == ["区委党校"]


def test_mentions_keep_renaming_bracket():  # Shanghai 22.
    assert mentions("深化上海市与世界知识产权组织(WIPO)多领域合作。") == ["世界知识产权组织(WIPO)"]


# --- metadata --------------------------------------------------------------------------
def _meta(doc: str):
    v = view(doc)
    start, end = body_bounds(v)
    return read_meta(doc, v, start, end)


def test_meta_title_from_the_notice_quote_and_cited_number_is_not_ours():  # Jiaxing
    m = _meta(
        "嘉兴市人民政府办公室关于印发嘉兴市推进国家知识产权强市建设试点城市建设工作方案(2022-2025年)的通知\n"
        "《嘉兴市推进国家知识产权强市建设试点城市建设工作方案(2022-2025年)》已经市政府同意,现印发给你们。\n"
        "嘉兴市人民政府办公室\n\n2022年9月29日\n为贯彻落实《知识产权强国建设纲要(2021—2035年)》和"
        "《国务院关于印发“十四五”国家知识产权保护和运用规划的通知》(国发〔2021〕20号)精神,制定本方案。\n一、工作目标\n"
    )
    assert (m.title, m.region, m.province, m.doc_number, m.issuers, m.issue_date, m.period) == (
        "嘉兴市推进国家知识产权强市建设试点城市建设工作方案(2022-2025年)",
        "嘉兴市",
        "浙江省",
        None,
        ["嘉兴市人民政府办公室"],
        "2022-09-29",
        [2022, 2025],
    )
    assert m.references == [
        "知识产权强国建设纲要(2021—2035年)",
        "国务院关于印发“十四五”国家知识产权保护和运用规划的通知",
    ]


def test_meta_district_government_from_heading_and_publication_date():  # Cangshan
    m = _meta(
        "仓山区关于印发《福州市仓山区实施国家知识产权强县工程试点区工作方案》的通知\n"
        "发布时间:2021-03-04 16:32 来源:信用福州\n福州市仓山区实施国家知识产权强县工程试点区工作方案\n(2013年4月)\n一、指导思想\n"
    )
    assert (m.region, m.admin_level, m.issuers, m.issue_date, m.period) == (
        "福州市仓山区",
        "district",
        ["福州市仓山区人民政府"],
        "2021-03-04",
        None,
    )


def test_meta_term_of_tasks_stated_for_two_years():  # the national 2021 年度推进计划, Traditional repost
    m = _meta(
        "經國務院知識產權戰略實施工作部際聯席會議同意,現將《知識產權強國建設綱要和“十四五”規劃實施年度推進計劃》"
        "印發給你們,請認真貫徹執行。\n特此通知。\n國務院知識產權戰略實施工作部際聯席會議辦公室\n(國家知識產權局代章)\n"
        "2021年12月27日\n知識產權強國建設綱要和“十四五”規劃實施年度推進計劃\n"
        "為貫徹落實《知識產權強國建設綱要(2021—2035年)》,加快建設知識產權強國,明確2021—2022年度重點任務和工作措施,"
        "制定本計劃。\n一、完善知識產權制度\n"
    )
    assert (m.issue_date, m.period) == ("2021-12-27", [2021, 2022])


def test_a_body_only_repost_whose_bodies_are_all_central_is_national():  # the 2024 推进计划, Traditional
    r = read_text(
        "為貫徹落實《知識產權強國建設綱要(2021—2035 年)》,明確 2024 年度重點任務和工作措施,制定本計劃。\n"
        "一、完善知識產權制度\n(一)完善知識產權法律法規規章\n"
        "1.推進《中華人民共和國商標法》修改。(國家知識產權局負責)\n"
        "2.推進《著作權集體管理條例》修改。(中央宣傳部負責)\n"
        "3.推進《中華人民共和國植物新品種保護條例》修改。(農業農村部、國家林草局負責)\n"
    )
    assert (r.meta.region, r.meta.admin_level, r.meta.period) == ("中华人民共和国", "national", [2024, 2024])
    assert not r.meta.place_problem and r.meta.place_evidence[-1].startswith("responsibility clauses")


def test_a_body_only_excerpt_with_a_local_body_stays_unresolved():  # one 市 body: not national
    r = read_text(
        "一、重点任务\n1.推进专利转化。(国家知识产权局负责)\n2.加强商标保护。(市市场监管局、国家知识产权局负责)\n"
    )
    assert r.meta.place_problem and r.meta.region != "中华人民共和国"


def test_a_title_a_task_will_issue_is_not_the_plans_title():  # PDF task-table debris (Zhejiang, 2016)
    debris = (
        "序号 工作重点 工作内容 具体任务 成果形式 责任部门\n将故意侵犯知识产权行为情\n况纳入企业和个人信用记录\n"
        "恶意侵犯知识产权行为纳入“信\n用浙江”征信体系;出台《浙江\n省食品药品安全“黑名单”管理\n办法》\n"
        "省信用办、知识产权\n局、工商局、食品药\n品监管局\n"
    )
    with pytest.raises(NoPlanStructure):  # no numbered parts, no title: an error, not a made-up plan
        read_text(debris)


def test_meta_two_issuers_signed():  # Shanghai
    m = _meta(
        "印发《上海市人民政府 国家知识产权局共建高水平改革开放知识产权强市2023—2025年工作要点》的通知\n"
        "沪府办〔2023〕34号\n  上海市人民政府办公厅\n\n  国家知识产权局办公室\n\n  2023年12月7日\n 一、打造样板区\n"
    )
    assert (m.issuers, m.doc_number, m.period, m.admin_level) == (
        ["上海市人民政府办公厅", "国家知识产权局办公室"],
        "沪府办〔2023〕34号",
        [2023, 2025],
        "city",
    )


def test_meta_signed_date_whose_year_month_day_marks_were_lost():  # a city portal: "20141229"
    m = _meta(
        "濮阳市人民政府\n关于印发濮阳市国家知识产权试点城市建设工作方案的通知\n濮政〔2014〕75号\n"
        "各县(区)人民政府:\n《濮阳市国家知识产权试点城市建设工作方案》已经市政府同意,现印发给你们,"
        "请结合实际,认真组织实施。\n20141229\n濮阳市国家知识产权试点城市建设工作方案\n一、指导思想\n"
    )
    assert (m.issuers, m.issue_date) == (["濮阳市人民政府"], "2014-12-29")


def test_meta_number_and_date_on_one_line_and_a_short_government_in_the_heading():  # a wiki page
    m = _meta(
        "省政府关于印发江苏省知识产权战略纲要的通知\n苏政发〔2009〕1号 2009年1月5日\n"
        "各市、县人民政府:\n《江苏省知识产权战略纲要》已经省政府常务会议批准,现予印发,请认真组织实施。\n"
        "江苏省知识产权战略纲要\n一、指导思想\n"
    )
    assert (m.doc_number, m.issue_date, m.issuers) == ("苏政发〔2009〕1号", "2009-01-05", ["江苏省人民政府"])


def test_meta_number_inline_after_the_heading_but_never_one_cited_in_brackets():  # a wiki page
    m = _meta(
        "国家知识产权局关于印发年度工作指引的通知 国知发运字〔2024〕7号 2024年3月29日\n"
        "根据《若干意见》(国发〔2015〕71号)精神,现将《年度工作指引》印发给你们。\n一、总体要求\n"
    )
    assert m.doc_number == "国知发运字〔2024〕7号"
    m = _meta("国家知识产权局年度工作指引\n根据《若干意见》(国发〔2015〕71号)精神制定。\n一、总体要求\n")
    assert m.doc_number is None


def test_notice_signed_after_its_items_gives_issuer_and_date_not_item_text():  # a national 通知
    doc = (
        "国家知识产权局关于促进和规范知识产权运营工作的通知\n各省、自治区、直辖市知识产权局:\n"
        "现就有关事项通知如下:\n一、提高认识\n开展知识产权运营。\n二、加强监管\n严厉打击非正常专利申请。\n"
        "国家知识产权局\n2021年7月28日\n"
    )
    r = read_text(doc)
    assert (r.meta.issuers, r.meta.issue_date) == (["国家知识产权局"], "2021-07-28")
    last = r.measures[-1]
    assert "国家知识产权局" not in doc[last.span.start : last.span.end]


def test_preface_gives_no_measures():  # 一、序言 1. 知识产权制度是… : numbered, but assigns no work
    r = read_text(
        "江苏省知识产权战略纲要\n一、序言\n1. 知识产权制度是基本制度。\n二、战略重点\n2. 加强地方立法。\n"
    )
    assert [m.path for m in r.measures] == ["2.2"]


def test_meta_eight_digits_that_are_no_date_stay_digits():
    m = _meta("厦门市知识产权工作要点\n20141399\n一、指导思想\n")
    assert m.issue_date is None


def test_meta_a_portal_greeting_is_not_part_of_the_heading_under_it():  # a Tianjin repost, 2023
    m = _meta(
        "天津服务外包公共信息平台欢迎您!\n\n市知识产权局关于印发2022年工作总结和2023年工作要点的通知\n\n"
        "分享到:\n时间: 2023-03-01  来源:天津市知识产权局  点击:\n\n"
        "  各区知识产权局,局机关各处室,市知识产权保护中心,市市场监督管理综合行政执法总队:\n\n"
        "  现将《市知识产权局2022年工作总结》和《市知识产权局2023年工作要点》印发给你们,请结合各自实际,"
        "对2023年工作做出具体安排,共同推进我市知识产权工作发展。\n\n  2023年2月28日\n\n"
        "  市知识产权局2022年工作总结\n\n  2022年,天津市知识产权局以习近平新时代中国特色社会主义思想为指导,"
        "在天津市委市政府领导下,按照国家知识产权局工作部署,积极落实市市场监管委工作要求,扎实推进各项工作开展。\n\n"
        "一、以政治建设为统领,全面加强机关党的建设。\n"
    )
    assert m.issuers == ["天津市知识产权局"]  # not "天津服务外包公共信息平台欢迎您!市知识产权局"
    assert (m.title, m.region, m.issue_date, m.period) == (
        "市知识产权局2023年工作要点",
        "天津市",
        "2023-02-28",
        [2023, 2023],
    )


def test_meta_a_breadcrumb_is_not_part_of_the_heading_and_a_report_handed_out_first_is_no_plan():
    # a Tianjin page, 2024: its 《》 were broken at the source, so the heading gives the title
    m = _meta(
        "当前位置: 首页 >> 政务信息 >> 通知公告  >> 正文\n\n市知识产权局关于印发2023年工作总结和2024年工作要点的通知\n\n"
        "各区知识产权局,局机关各处室,市知识产权保护中心,市市场监督管理综合行政执法总队:\n\n"
        "现将市知识产权局2023年工作总结》和《市知识产权局2024年工作要点印发给你们,请结合各自实际,"
        "对2024年工作做出具体安排,共同推进我市知识产权工作发展。\n\n202426\n\n(此件主动公开)\n\n"
        "一、主要工作成效\n"
    )
    assert (m.title, m.period, m.issue_date) == ("2024年工作要点", [2024, 2024], None)  # 202426: no date
    assert m.issuers == ["市知识产权局"]  # no place named: left short, never guessed


def test_meta_a_bureau_named_by_its_level_in_the_heading_gets_the_place():
    m = _meta(
        "市知识产权局关于印发2024年工作要点的通知\n各区知识产权局:\n"
        "现将《嘉兴市知识产权局2024年工作要点》印发给你们,请认真贯彻执行。\n2024年3月1日\n一、强化保护\n"
    )
    assert m.issuers == ["嘉兴市知识产权局"]


# --- cited documents ---------------------------------------------------------------------
def test_cited_document_level_from_the_place_in_front():  # Cangshan cites province and district documents
    assert document_level("福建省知识产权强县工程实施方案") == "province"
    assert document_level("仓山区扶持和培育自主知识产权奖励暂行办法") == "district"
    assert document_level("厦门经济特区知识产权促进和保护条例") == "city"


def test_cited_document_without_a_place_is_national():  # laws, national strategies
    assert document_level("知识产权强国建设纲要(2021—2035年)") == "national"
    assert document_level("“十四五”国家知识产权保护和运用规划") == "national"
    assert document_level("专利法") == "national"


# --- forms of the genre not in the five samples (written in the style of other cities' plans) ---
def test_closing_clause_manner_is_not_part_of_a_unit():  # (…按职责分工负责)
    assert units("查办案件。(市市场监管局、市公安局、武汉海关按职责分工负责)") == [
        ("市市场监管局", "lead"),
        ("市公安局", "support"),
        ("武汉海关", "support"),
    ]


def test_unlabelled_time_in_a_labelled_clause_is_the_deadline():  # …;长期坚持)
    v = view("深化服务。(牵头单位:市地方金融监管局,配合单位:市知识产权局;长期坚持)")
    (clause,) = find_clauses(v, 0, len(v))
    assert [u.mention for u in clause.units] == ["市地方金融监管局", "市知识产权局"]
    assert clause.deadline == "ongoing"


def test_full_name_is_not_expanded_again():  # 市中级人民法院 is already in full
    assert canonical_names("市中级人民法院", Jurisdiction.of_region("武汉市")) == ["武汉市中级人民法院"]


def test_central_bank_branch_is_national_system():  # 人民银行X分行: no city prefix
    assert canonical_names("人民银行武汉分行营业管理部", Jurisdiction.of_region("武汉市"))[0] == (
        "中国人民银行武汉分行营业管理部"
    )


def test_rate_keeps_its_verb_in_the_metric():  # 年均增长5%以上: the growth is what is counted
    (t,) = text_targets(view("到2025年,PCT国际专利申请量年均增长5%以上。"), 0, 40, "1.2")
    assert (t.metric, t.value, t.unit, t.kind, t.comparator) == (
        "PCT国际专利申请量年均增长",
        5,
        "%",
        "annual",
        ">=",
    )


def test_trailing_cumulative_is_not_part_of_the_metric():  # 融资额累计达到100亿元
    (t,) = text_targets(view("知识产权质押融资额累计达到100亿元。"), 0, 30, "1.2")
    assert (t.metric, t.kind) == ("知识产权质押融资额", "cumulative")


def test_office_of_a_bureau_written_short():  # 市市场监管局南山监管局
    assert canonical_names("市市场监管局南山监管局", Jurisdiction.of_region("深圳市南山区"))[0] == (
        "深圳市市场监督管理局南山监管局"
    )


def test_court_written_by_level_is_that_levels_court():  # 省法院 is the 高级, 市法院 the 中级 court
    assert canonical_names("省法院", Jurisdiction.of_region("江苏省"))[0] == "江苏省高级人民法院"
    assert canonical_names("市法院", Jurisdiction.of_region("武汉市"))[0] == "武汉市中级人民法院"
    assert canonical_names("市法院", SHANGHAI)[0] == "上海市高级人民法院"  # a municipality's court


def test_responsibility_label_after_the_last_sentence_on_the_same_line():  # …工作站5个。责任单位:…。完成时限:…
    snippet = "建设知识产权保护工作站。责任单位:区市场监管局(知识产权局)、各镇人民政府。完成时限:2024年6月"
    v = view(snippet)
    (clause,) = find_clauses(v, 0, len(v))
    assert [(u.mention, u.role) for u in clause.units] == [
        ("区市场监管局(知识产权局)", "lead"),
        ("各镇人民政府", "support"),
    ]
    assert clause.deadline == "2024-06-30"


# --- from law-database and portal reposts outside the shared corpus (2026-12) ---------------------
def test_meta_a_doc_number_in_brackets_on_its_own_line_under_the_title():  # Guangzhou 2007, fymate.net
    m = _meta(
        "广州市人民政府办公厅印发广州市创建国家知识产权示范城市工作分解方案的通知\n(穗府办〔2007〕25号)\n"
        "各区、县级市人民政府,市政府各部门、各直属机构:\n"
        "《广州市创建国家知识产权示范城市工作分解方案》已经市政府同意,现印发给你们,请认真贯彻执行。\n"
        "广州市人民政府办公厅\n二○○七年六月三十日\n广州市创建国家知识产权示范城市工作分解方案\n"
        "根据穗府〔2005〕62号和穗府〔2006〕58号文的部署和要求,将创建工作的任务分解为十一大类。\n一、任务分解\n"
    )
    assert (m.doc_number, m.issue_date) == ("穗府办〔2007〕25号", "2007-06-30")


def test_meta_a_zero_typed_as_latin_o_in_a_signed_date():  # Baoshan 2009, fsou.com.cn
    m = _meta(
        "上海市宝山区人民政府办公室关于转发《宝山区实施首批国家知识产权强区工程推进计划(2009-2011)》的通知\n"
        "(宝府办〔2009〕59号)\n各镇人民政府、街道办事处,区政府各委、办、局:\n"
        "区知识产权局拟定的《宝山区实施首批国家知识产权强区工程推进计划(2009-2011)》已经区政府同意。"
        "现转发给你们,请认真按照执行。\n上海市宝山区人民政府办公室\n二OO九年九月二十一日\n"
        "宝山区实施首批国家知识产权强区工程推进计划(2009-2011)\n一、指导思想\n"
    )
    assert (m.issue_date, m.doc_number) == ("2009-09-21", "宝府办〔2009〕59号")


def test_meta_a_title_cited_across_a_line_break_after_its_opening_bracket():  # Baoshan 2009
    m = _meta(
        "宝山区实施首批国家知识产权强区工程推进计划(2009-2011)\n一、指导思想\n以科学发展观为指导,围绕《\n"
        "国家知识产权战略纲要》的要求,全面提升知识产权工作水平。\n"
    )
    assert m.references == ["国家知识产权战略纲要"]


def test_meta_a_site_banner_is_not_part_of_the_heading_under_it():  # Xiangyang 2012, fsou.com
    m = _meta(
        "法搜网--中国法律信息搜索网\n襄阳市人民政府关于印发《襄阳市商标战略发展规划(2011—2015)》的通知\n"
        "(襄阳政发〔2012〕8号)\n各县(市、区)人民政府,市政府各部门:\n"
        "现将《襄阳市商标战略发展规划(2011-2015)》印发给你们,请认真贯彻执行。\n二〇一二年三月十三日\n"
        "襄阳市商标战略发展规划(2011-2015)\n一、发展现状\n"
    )
    assert m.issuers == ["襄阳市人民政府"]  # not "法搜网--中国法律信息搜索网襄阳市人民政府"
    assert m.doc_number == "襄阳政发〔2012〕8号"


def test_meta_a_law_databases_promulgation_date_is_a_document_date():  # Huizhou 2009, ehs.cn
    m = _meta(
        "惠州市人民政府关于惠州市实施国家及省知识产权战略纲要的若干意见\n发文字号:惠府〔2009〕86号\n"
        "颁布日期:2009-07-02生效日期:1900-01-01\n各县、区人民政府,市政府各部门、各直属机构:\n"
        "为深入实施《国家知识产权战略纲要》,现提出如下意见:\n一、指导思想\n"
    )
    assert m.issue_date == "2009-07-02"  # 生效日期 1900-01-01 is no date of the document


def test_meta_a_title_opening_with_its_year_is_an_annual_plan():  # Xuhui 2025, shanghai.gov.cn
    m = _meta(
        "上海市徐汇区市场监督管理局关于印发《2025年徐汇区市场监管局知识产权行政保护工作实施方案》的通知\n"
        "徐市监知保〔2025〕71号\n执法大队、保护中心,各科室,各市场监督管理所:\n"
        "区局《2025年徐汇区市场监管局知识产权行政保护工作实施方案》已经局长办公会议审议通过,现印发给你们。\n"
        "上海市徐汇区市场监督管理局\n2025年6月13日\n2025年徐汇区市场监管局知识产权行政保护工作实施方案\n"
        "一、主要任务\n"
    )
    assert m.period == [2025, 2025]


@pytest.mark.parametrize("title", ["2030年前碳达峰知识产权行动方案", "到2025年知识产权强市建设实施方案"])
def test_meta_a_deadline_in_a_title_is_no_annual_term(title: str):
    assert _meta(f"{title}\n一、主要任务\n").period is None


def test_meta_a_body_that_issued_the_plan_on_a_date_said_in_prose():  # Shanghai 2022, easy-ip.com.cn
    m = _meta(
        "上海印发2022年上海市打击侵犯知识产权和制售假冒伪劣商品工作要点\n\n时间:2022-09-06 来源:上海市双打办\n\n"
        "上海市打击侵犯知识产权和制售假冒伪劣商品工作领导小组于2022年7月7日印发《2022年上海市打击侵犯知识产权"
        "和制售假冒伪劣商品工作要点》,全文如下:\n\n2022年上海市打击侵犯知识产权和制售假冒伪劣商品工作要点\n\n"
        "一、加强重点领域治理\n"
    )
    assert m.issuers == ["上海市打击侵犯知识产权和制售假冒伪劣商品工作领导小组"]  # 来源 is a portal field


def test_meta_a_notice_titles_own_yinfa_is_no_prose_statement():
    m = _meta(
        "关于印发《2024年嘉兴市知识产权工作要点》的通知\n各县(市、区)知识产权局:\n"
        "现将《2024年嘉兴市知识产权工作要点》印发给你们。\n一、强化保护\n"
    )
    assert m.issuers == []


def test_a_body_only_repost_shown_national_by_its_bodies_names_them_as_a_national_plan():
    # the 2024 推进计划 reposted without its notice (ldzcw.com): nothing in its head gives the place
    doc = (
        "2024 年知识产权强国建设推进计划\n"
        "为贯彻落实中共中央、国务院印发的《知识产权强国建设纲要(2021—2035 年)》,制定本计划。\n"
        "一、完善知识产权制度\n(一)完善知识产权法律法规规章\n"
        "1.推进《中华人民共和国商标法》修改。(国家知识产权局负责)\n"
        "2.推进《中华人民共和国著作权法实施条例》修改。(中央宣传部负责)\n"
        "3.推进《中华人民共和国反不正当竞争法》修改。(市场监管总局负责)\n"
    )
    r = read_text(doc)
    assert r.meta.region == "中华人民共和国" and r.meta.admin_level == "national"
    assert "every body is central" in r.meta.place_evidence[-1]
    assert r.measures[2].responsible[0].canonical == [
        "国家市场监督管理总局",
        "市场监管总局",
    ]  # as with its notice
    assert not r.warnings


def test_meta_two_issuers_heading_a_directly_issued_opinion_a_space_apart():  # Yunnan 2022, nipso.cn
    m = _meta(
        "发布时间:2022/04/22 16:11:52 分享到:\n\n"
        "中共云南省委 云南省人民政府关于贯彻《知识产权强国建设纲要(2021—2035年)》的实施意见\n\n"
        "  为深入贯彻《知识产权强国建设纲要(2021—2035年)》精神,结合我省实际,提出如下实施意见。\n\n"
        "  一、总体要求\n"
    )
    assert m.title == "中共云南省委 云南省人民政府关于贯彻《知识产权强国建设纲要(2021—2035年)》的实施意见"
    assert m.issuers == ["中共云南省委", "云南省人民政府"]
    assert m.period is None  # 2021—2035 is the cited 纲要's term, not the opinion's


def test_meta_a_news_report_that_an_office_issued_the_plan():  # Hainan 2021, a Hainan Daily repost
    m = _meta(
        "我省印发地理标志运用促进工程三年行动方案\n"
        "海南日报海口7月30日讯(记者 苏庆明)近日,省政府办公厅印发《海南省地理标志运用促进工程三年行动方案"
        "(2021-2023年)》(以下简称《方案》)。\n一、总体要求\n"
    )
    assert m.issuers == ["海南省人民政府办公厅"]


def test_meta_a_plan_issued_through_an_office_said_after_its_title():  # Gansu 2018, a news repost
    m = _meta(
        "用三年时间创建中国地理标志商标\n16.11.2018  18:29\n"
        "11月15日记者获悉,《关于加强地理标志品牌和区域公用品牌培育助力产业扶贫的意见》经甘肃省省政府办公厅"
        "印发实施。\n一、总体要求\n"
    )
    assert m.issuers == ["甘肃省人民政府办公厅"]  # the page's doubled 省 is no part of the name


def test_meta_a_document_cited_as_issued_by_another_body_names_no_issuer():
    m = _meta("某某工作方案\n根据省政府办公厅印发《关于加强知识产权保护的意见》,制定本方案。\n一、总体要求\n")
    assert m.issuers == []


def test_meta_a_government_that_approves_and_forwards_a_document_issued_it():  # Guyuan 2010, fsou
    m = _meta(
        "法搜网--中国法律信息搜索网\n"
        "固原市人民政府批转《关于加快推进商标品牌战略促进全市经济又好又快发展的实施意见》的通知\n"
        "(固政发〔2010〕35号)\n各县(区)人民政府,市政府各部门、直属机构:\n"
        "市工商局《关于加快推进商标品牌战略促进全市经济又好又快发展的实施意见》已经市政府同意,现批转给你们。\n"
        "二〇一〇年四月二日\n一、指导思想\n"
    )
    assert m.issuers == ["固原市人民政府"]
    assert m.title == "关于加快推进商标品牌战略促进全市经济又好又快发展的实施意见"


def test_meta_six_signers_two_a_line_with_a_central_banks_branch():  # Sichuan 2025, scjgj.sc.gov.cn
    m = _meta(
        "川金监发〔2025〕6号\n为深入推动四川省知识产权金融生态综合试点工作任务落地,制定本方案。\n"
        "四川金融监管局 四川省市场监督管理局\n四川省版权局 中共四川省委金融委员会办公室\n"
        "四川省财政厅 人民银行四川省分行\n2025年5月20日\n四川省知识产权金融生态综合试点实施方案\n一、总体要求\n"
    )
    assert m.issuers == [
        "国家金融监督管理总局四川监管局",  # abbreviated names expanded
        "四川省市场监督管理局",
        "四川省版权局",
        "中共四川省委金融委员会办公室",
        "四川省财政厅",
        "中国人民银行四川省分行",
    ]
    assert m.issue_date == "2025-05-20"


def test_meta_an_annual_plan_with_its_division_of_tasks_is_annual():  # Hainan 2017, hainstyn.com
    m = _meta("2017年海南省打击侵犯知识产权和制售假冒伪劣商品工作要点及任务分工方案\n一、工作目标\n")
    assert m.period == [2017, 2017]


def test_meta_a_directly_issued_activity_plan_whose_heading_names_no_issuer():  # Jiaozuo 2024
    m = _meta(
        "  现在位置: 首页  / 2024知识产权宣传周  / 活动方案  / 关于开展2024年知识产权宣传周活动的\n"
        "关于开展2024年知识产权宣传周活动的方案\n 发布时间: 2024-04-19   浏览: 2030\n\n"
        "各县(市、区)各知识产权管理部门,知识产权维权保护中心:\n一、指导思想\n"
    )
    assert (m.title, m.period, m.issuers) == ("关于开展2024年知识产权宣传周活动的方案", [2024, 2024], [])


def test_a_review_of_past_work_and_an_activitys_date_and_theme_assign_no_work():
    # Hubei's 十三五 plan (一、发展现状与形势 / (一)“十二五”工作回顾) and Jiaozuo's 宣传周 plan
    doc = (
        "湖北省知识产权“十三五”发展规划\n一、发展现状与形势\n(一)“十二五”工作回顾\n“十二五”期间,全省深入实施知识产权战略。\n"
        "二、活动时间\n2024年4月19日至26日。\n三、活动主题\n知识产权转化运用促进高质量发展。\n"
        "四、活动内容\n(一)举办知识产权宣传活动。由市知识产权局负责。\n"
    )
    assert [m.path for m in read_text(doc).measures] == ["4.1"]


def test_a_pdf_converters_run_marks_are_not_read_as_text():  # a Henan notice, nemahaia.com
    doc = (
        "各@@监管分局@@,各@@省辖市@@知识产权局@@:\n  为深入贯彻河南省委省政府关于开@@ 展知@@识产权质押融@@资@@@@的决策部署@@,"
        "现就进一@@步做好知@@识产权质押融@@资@@@@工作通知@@如下@@:\n  一@@、总体要求@@\n  (一@@)指导思想@@\n"
        "  坚持以习近平新时代中国特色@@社会主义思想为指导@@,全@@面贯@@ 彻党的二@@十@@@@大精神@@,立足河南新发展阶段@@。\n"
        "  二@@、重点任务@@\n  (一@@)开@@ 展质押融资@@。推动银行开展业务。\n"
    )
    r = read_text(doc)
    assert "@@" not in r.text
    assert [(m.path, m.label) for m in r.measures] == [("2.1", "开展质押融资")]


def test_meta_a_byline_with_its_date_run_together_in_seven_digits():  # Hubei 2010, a university repost
    m = _meta(
        "湖北省知识产权战略纲要\n\n发布者:科研处发布时间:2019-05-20浏览次数:868\n\n湖北省人民政府  2010811\n\n"
        "为深入贯彻落实科学发展观,进一步提高我省知识产权创造、运用、保护和管理能力,制定本纲要。\n一、序言\n"
    )
    assert (m.issuers, m.issue_date) == (["湖北省人民政府"], "2010-08-11")  # 2010-81-1 is no date


def test_meta_run_together_digits_that_could_be_two_dates_are_none():
    from ipgraph.reading.metadata import _arabic_dates

    assert _arabic_dates("2010111") == "2010111"  # 1-11 or 11-1


def test_meta_a_page_stamp_written_day_first():  # Gansu 2018, a news repost: 16.11.2018  18:29
    m = _meta(
        "甘肃省力争用三年时间创建中国地理标志商标150件\n\n16.11.2018  18:29\n\n"
        "11月15日记者获悉,《关于加强地理标志品牌和区域公用品牌培育助力产业扶贫的意见》经甘肃省省政府办公厅印发实施。\n"
        "一、总体要求\n"
    )
    assert m.issue_date == "2018-11-16"
    assert _meta("某某工作方案\n\n3.4.2018  18:29\n\n一、总体要求\n").issue_date is None  # 3 April or 4 March


def test_a_whole_text_printed_as_one_line_is_read_item_by_item():  # the 2014 推进计划, a one-line repost
    doc = (
        "为贯彻党的十八大和十八届三中全会精神,推动国家知识产权战略深入有效实施,明确2014年战略实施重点任务和措施,"
        "制定本计划。 一、提高知识产权创造质量 目标任务:完善知识产权考核评价体系,提高知识产权创造的针对性和有效性。"
        "优化有利于提升专利申请质量的政策导向,加强专利申请质量监管。 工作措施: 1.落实《关于进一步提升专利申请质量的"
        "若干意见》,加强专利申请质量监管。 2.建立有利于提升专利申请质量的监管机制,开展专利申请质量监测。 "
        "3.提高商标注册工作效率,商标审查周期控制在9个月以内。"
    )
    r = read_text(doc)
    assert [m.path for m in r.measures] == ["1.1", "1.2", "1.3"]
    assert r.meta.period == [2014, 2014]


def test_a_long_line_listing_numbers_in_a_sentence_is_left_whole():
    line = "支持一、二、三产业融合发展," * 30
    from ipgraph.reading.reader import normalize

    assert normalize(line) == line


def test_meta_a_sites_name_and_todays_date_are_no_signature():  # Jinghai 2022, tjjh.gov.cn
    m = _meta(
        "天津市静海区人民政府 2019年12月3日星期二\n\n无障碍 简体| 繁体\n发 文 字 号 :\n津静海政发〔2022〕11号\n"
        "天津市静海区人民政府关于\n印发天津市静海区文化和旅游融合十四五\n规划等9专项规划的通知\n"
        "各乡镇人民政府、街道办事处,各委、办、局,各直属单位:\n"
        "《天津市静海区文化和旅游融合十四五规划》、《天津市静海区知识产权十四五规划》已经区政府同意,现印发给你们。\n"
        "天津市静海区人民政府\n20223\n\n天津市静海区知识产权十四五规划\n"
    )
    assert m.issue_date is None  # 20223 lost its day; the header's date is the site's today
    assert m.title == "天津市静海区知识产权十四五规划"  # the page's own plan, not the notice's set of nine
    assert "天津市静海区知识产权十四五规划" not in m.references


def test_meta_a_doc_number_or_a_portal_label_before_guanyu_is_no_issuer():  # Rong'an 2021, a mirror
    m = _meta(
        "文字解读\n融政規〔2021〕1號關于印發《融安縣“融安金桔”地理標志使用管理辦法》的通知\n"
        "各鄉鎮人民政府,縣直各單位:\n現將《融安縣“融安金桔”地理標志使用管理辦法》印發給你們,請認真貫徹執行。\n"
        "2021年3月19日\n一、總則\n"
    )
    assert m.issuers == []


def test_meta_a_news_report_of_a_plan_put_out_with_its_number():  # Dongkou 2012, kjj.shaoyang.gov.cn
    m = _meta(
        "洞口县出台知识产权战略实施意见\n  • 2012-07-19 00:00\n"
        "    7月5日,湖南省洞口县人民政府以洞政发〔2012〕23号文件的形式,正式出台《洞口县知识产权战略实施意见》"
        "(以下简称《意见》)。\n    《意见》根据《国家知识产权战略纲要》精神,确定了洞口县知识产权战略。\n一、总体要求\n"
    )
    assert (m.title, m.doc_number, m.issuers) == (
        "洞口县知识产权战略实施意见",
        "洞政发〔2012〕23号",
        ["洞口县人民政府"],  # the county's body has no province in its name
    )
    assert m.references == ["国家知识产权战略纲要"]


def test_meta_a_plan_reported_as_published_and_its_short_name():  # Wuzhong 2023, a 苏州日报 repost
    m = _meta(
        "环球热资讯!打造知识产权发展样板 吴中区发布知识产权强区建设规划\n发布日期: 2023-06-02 17:43:45 来源: 苏州日报\n"
        "苏报讯(记者 叶永春)日前,《吴中区知识产权强区建设规划(2023-2025年)》正式发布,这是吴中区首个知识产权专项规划。\n"
        "《强区规划》在分析吴中区知识产权发展基础的基础上,明确了发展目标。\n一、发展目标\n"
    )
    assert (m.title, m.period, m.references) == ("吴中区知识产权强区建设规划(2023-2025年)", [2023, 2025], [])


def test_meta_a_draft_attached_as_a_file_is_the_title():  # Guangzhou 2021, echinagov.com
    m = _meta(
        "《广州市知识产权保护和运用“十四五”规划》是广州市市场监督管理局牵头编制的专项规划,现公开征求意见。\n"
        "  附件:\n广州市知识产权保护和运用“十四五”规划(征求意见稿).docx\n  广州市市场监督管理局\n  2021年5月7日\n"
        "  为贯彻落实《关于强化知识产权保护的意见》,特编制《广州市知识产权保护和运用“十四五”规划》。\n一、规划背景\n"
    )
    assert m.title == "广州市知识产权保护和运用“十四五”规划(征求意见稿)"
    assert m.references == ["关于强化知识产权保护的意见"]  # the plan's own title, draft or not, is none


def test_meta_a_news_report_that_names_the_state_council_office_as_issuer():  # 新民晚报 2024
    m = _meta(
        "中国到2025年将推动一批高价值专利实现产业化\n来源: 新民晚报\n2024-06-16 08:25:45\n"
        "  国务院办公厅近日印发《专利转化运用专项行动方案(2023—2025年)》(以下 简称《方案》),申长雨表示。\n"
        "一、总体要求\n"
    )
    assert (m.issuers, m.region, m.admin_level) == (["国务院办公厅"], "中华人民共和国", "national")


def test_meta_a_headline_running_two_issuers_together():  # the 2021 纲要, a Traditional repost
    m = _meta("中共中央國務院印發《知識產權強國建設綱要(2021-2035年)》\n新華社北京9月22日電\n一、總體要求\n")
    assert m.issuers == ["中共中央", "国务院"]


def test_meta_the_plans_own_number_after_its_title_in_a_news_report():  # Guizhou 2017, a news item
    m = _meta(
        "12月11日上午,省科技厅(省知识产权局)就近期省人民政府印发《关于新形势下加快知识产权强省建设的实施意见》"
        "(黔府发〔2017〕31号,以下简称“强省意见”)召开新闻通气会。\n一、主要内容\n"
    )
    assert (m.doc_number, m.region, m.issuers) == ("黔府发〔2017〕31号", "贵州省", ["贵州省人民政府"])


def test_meta_a_number_in_brackets_after_a_headline():  # the 2024 地理标志 notice, 世界食品网
    m = _meta(
        "世界食品网\n\n国家知识产权局办公室关于印发《地理标志保护工程实施方案》的通知 (国知办发保字〔2024〕1号)\n"
        "各省、自治区、直辖市知识产权局:\n现将《地理标志保护工程实施方案》印发给你们。\n一、总体要求\n"
    )
    assert m.doc_number == "国知办发保字〔2024〕1号"


def test_meta_a_wikis_promulgation_time():  # the 2020 双打 要点 on a wiki
    m = _meta(
        "2020年全国打击侵犯知识产权和制售假冒伪劣商品工作要点\n  • 頒布時間:2020年5月27日\n一、加强重点领域治理\n"
    )
    assert m.issue_date == "2020-05-27"


def test_ruby_in_square_brackets_or_with_a_space_is_removed():
    from ipgraph.text import strip_ruby

    assert strip_ruby("《知【zhī】识产权强【qiáng】国建设纲要》") == "《知识产权强国建设纲要》"
    assert strip_ruby("國民經濟和社會(huì )發展規(guī)劃") == "國民經濟和社會發展規劃"


def test_attachments_listed_by_file_name_are_no_measures():  # a 2020 国家知识产权局 notice, cneip
    doc = (
        "国家知识产权局办公室关于组织开展国家知识产权试点示范工作评估的通知\n各省知识产权局:\n"
        "请各省局高度重视,按照要求组织开展自评估工作。\n  特此通知。\n"
        "  附件:1.国家知识产权试点示范工作地方自评估要点.docx\n     2.联络员信息表.doc\n"
        "国家知识产权局办公室\n2020年10月23日\n"
    )
    r = read_text(doc)
    assert r.measures == [] and r.meta.issue_date == "2020-10-23"


def test_meta_a_province_named_only_in_cited_titles_is_not_the_plans_place():  # Xinzhou 2015
    m = _meta(
        "各县(市、区)人民政府,市人民政府各委、局、办:\n为了贯彻落实《山西省人民政府办公厅关于印发山西省知识产权战略"
        "实施行动计划(2015年—2020年)的通知》精神,结合我市实际,依据《山西省专利条例》《山西省知识产权战略纲要》,"
        "制订本实施意见。\n一、总体要求\n"
    )
    assert (m.region, m.admin_level) == ("", "city")  # unresolved, never 山西省 by its cited titles


def test_meta_an_autonomous_prefectures_doc_number_names_it():  # Bozhou 2023 (博州政发)
    m = _meta(
        "博州政发〔2023〕17号\n各县市人民政府,州人民政府各部门:\n"
        "《自治州贯彻落实〈新疆维吾尔自治区人民政府 国家知识产权局共建丝绸之路经济带知识产权强区实施方案〉的工作方案》"
        "已经自治州人民政府研究同意,现印发你们。\n2023年4月14日\n一、总体要求\n"
    )
    assert (m.region, m.province, m.admin_level) == ("博尔塔拉蒙古自治州", "新疆维吾尔自治区", "city")


def test_meta_the_plans_own_heading_wins_over_the_notices_bracket_style():  # Kezhou 2023
    m = _meta(
        "各县(市)人民政府,自治州人民政府各工作部门:\n"
        "《克州贯彻落实<共建丝绸之路经济带知识产权强区工作实施方案>的工作方案》已经自治州人民政府同意,现印发给你们。\n"
        "克孜勒苏柯尔克孜自治州人民政府\n2023年4月18日\n"
        "克州贯彻落实《共建丝绸之路经济带知识产权强区工作实施方案》的工作方案\n一、指导思想\n"
    )
    assert m.title == "克州贯彻落实《共建丝绸之路经济带知识产权强区工作实施方案》的工作方案"
    assert m.references == ["共建丝绸之路经济带知识产权强区工作实施方案"]  # not the plan itself


def test_meta_a_city_government_that_drew_up_and_put_out_the_plan():  # Quanzhou 2024, a news item
    m = _meta(
        "近日,市政府制定出台《泉州市国家知识产权强市建设示范城市工作方案(2024—2026年)》,为开启知识产权强市工作翻开崭新篇章。\n"
        "一、总体要求\n"
    )
    assert (m.title, m.issuers, m.period) == (
        "泉州市国家知识产权强市建设示范城市工作方案(2024—2026年)",
        ["泉州市人民政府"],
        [2024, 2026],
    )


def test_meta_a_portals_document_generation_date():  # Quanzhou 2016: 公文生成日期
    m = _meta(
        "泉州市新一轮国家知识产权示范城市工作方案\n    • 公文生成日期:2016-05-23\n    • 发布时间:2016-06-20\n一、总体要求\n"
    )
    assert m.issue_date == "2016-05-23"


def test_a_review_of_results_under_a_slogan_heading_assigns_no_work():  # Hangzhou 2021
    doc = (
        "杭州市知识产权发展“十四五”规划\n一、锚定“头雁标准”,开启引领型知识产权强市建设新征程\n"
        "(一)“十三五”时期知识产权工作总体成效\n“十三五”期间,全市专利授权量大幅增长。\n"
        "二、重点任务\n(一)强化知识产权保护。由市市场监管局负责。\n"
    )
    assert [m.path for m in read_text(doc).measures] == ["2.1"]


def test_meta_bodies_a_headline_lists_before_the_plans_title_issued_it():  # Shanghai 2022, fgw.sh.gov.cn
    m = _meta(
        "上海银保监局、上海市发改委、市经信委、市财政局、市知识产权局《上海银行业保险业做好知识产权质押融资服务的工作方案》"
        "(沪银保监发〔2022〕82号)\n\n  上海银行业保险业做好知识产权质押融资服务的工作方案\n一、总体要求\n"
    )
    assert m.doc_number == "沪银保监发〔2022〕82号"
    assert m.issuers == [
        "中国银行保险监督管理委员会上海监管局",
        "上海市发展和改革委员会",
        "上海市经济和信息化委员会",
        "上海市财政局",
        "上海市知识产权局",
    ]


def test_a_one_line_text_whose_parts_are_numbered_without_their_comma():  # the 2023 推进计划, one line
    doc = (
        "2023年知识产权强国建设纲要和“十四五”规划实施推进计划 为贯彻落实中共中央、国务院印发的《知识产权强国建设纲要"
        "(2021—2035年)》,深入实施知识产权强国战略,明确2023年度重点任务和工作措施,制定本计划。 一 完善知识产权制度 "
        "(一)完善知识产权法律法规规章 1.推动完成《中华人民共和国专利法实施细则》修改。(国家知识产权局负责) "
        "2.推进修改《中华人民共和国著作权法实施条例》。(中央宣传部负责) 3.推进《中华人民共和国反不正当竞争法》修改。"
        "(市场监管总局负责)"
    )
    r = read_text(doc)
    assert [(m.path, [u.mention for u in m.responsible]) for m in r.measures] == [
        ("1.1.1", ["国家知识产权局"]),
        ("1.1.2", ["中央宣传部"]),
        ("1.1.3", ["市场监管总局"]),
    ]


def test_meta_a_provinces_departmental_doc_number_names_the_province():  # Guizhou 2011 (黔农办发)
    doc = (
        "关于进一步开展打击侵犯知识产权和制售假冒伪劣商品专项行动的通知(黔农办发〔2011〕140号)\n"
        "关于进一步开展打击侵犯知识产权和制售假冒伪劣商品专项行动的通知\n各市(州、地)农委,畜牧(水产)局:\n"
        "为进一步开展好我省农业系统专项行动,现就有关事宜通知如下:\n一、深入开展专项整治行动。及时报道典型案件。\n"
        "二、做好信息报送工作。请于2011年6月25前将总结报送省农委(科教处)。\n联 系 人:杨陈玮\n二〇一一年六月八日\n"
    )
    r = read_text(doc)
    assert (
        r.meta.title == "关于进一步开展打击侵犯知识产权和制售假冒伪劣商品专项行动的通知"
    )  # the headline's number apart
    assert (r.meta.region, r.meta.doc_number) == ("贵州省", "黔农办发〔2011〕140号")
    assert r.meta.issue_date == "2011-06-08"  # dated on its last line, nothing signed above the date


def test_meta_joint_signers_written_short_on_one_line():  # the 2021 质押融资 notice, a Traditional mirror
    m = _meta(
        "國知發運字〔2021〕17號\n各省、自治區、直轄市知識產權局:\n為貫徹落實黨中央、國務院部署,現就有關事項通知如下。\n"
        "特此通知。\n國家知識產權局 中國銀保監會 國家發展改革委\n2021年6月16日\n一、總體要求\n"
    )
    assert m.issuers == ["国家知识产权局", "中国银行保险监督管理委员会", "国家发展和改革委员会"]


def test_meta_a_pdfs_letterhead_spaced_out_is_the_issuer():  # the 2022 双打 要点, a PDF copy
    m = _meta(
        "全国打击侵犯知识产权和制售 假冒伪劣商品工作领导小组 文件\n\n— 1 —\n\n2022年全国打击侵犯知识产权和\n\n"
        "制售假冒伪劣商品工作要点\n\n做好2022年工作,积极推进《知识产权强\n\n国建设纲要(2021—2035年)》实施。\n一、加强重点领域治理\n"
    )
    assert m.issuers == ["全国打击侵犯知识产权和制售假冒伪劣商品工作领导小组"]
    assert m.references == ["知识产权强国建设纲要(2021—2035年)"]  # cited across a PDF's line break


def test_meta_a_news_report_of_a_province_putting_out_a_plan():  # Guangdong and Anhui 2024, news items
    m = _meta(
        "7月15日,记者从广东省市场监督管理局获悉,广东省于近日出台《广东省专利转化运用专项行动实施方案》"
        "(以下简称《实施方案》)。\n一、主要内容\n"
    )
    assert (m.title, m.region) == ("广东省专利转化运用专项行动实施方案", "广东省")
    m = _meta(
        "近日,《安徽省贯彻落实〈专利转化运用专项行动方案(2023—2025年)〉重点举措》(以下简称《重点举措》)"
        "经安徽省政府常务会议审议通过并发布。\n一、主要内容\n"
    )
    assert m.title == "安徽省贯彻落实〈专利转化运用专项行动方案(2023—2025年)〉重点举措"
    assert m.period is None  # 2023—2025 is the cited national 方案's term


def test_a_text_run_together_without_spaces_is_read_item_by_item():  # Lianyungang, a doc-sharing copy
    doc = (
        "实施商标战略建设品牌强市的意见各县、区人民政府,市各委、办、局:为深入贯彻落实《省政府关于深入实施商标战略的意见》"
        "精神,全面增强全市商标培育、创造、运用、保护和管理能力,加快建设品牌强市,结合本市实际,制定本意见。一、指导思想"
        "深入贯彻科学发展观,紧紧围绕加快经济发展方式转变,打造品牌城市。二、主要目标到20XX年,全市商标战略与经济发展政策"
        "深度融合。(一)实现有效注册商标数量快速增长。国内商标注册申请量年均增长15%以上。"
    )
    r = read_text(doc)
    assert r.measures == []  # 指导思想 gives nothing
    assert [g.path for g in r.goals] == ["2.1"]  # 主要目标, its name run into its text


def test_meta_a_years_main_indicators_before_the_first_part(tmp_path):  # Tianjin 2012 要点
    from ipgraph.pipeline import read_plan

    path = tmp_path / "p.txt"
    path.write_text(
        "2012年天津市知识产权战略实施工作要点\n2012年的主要指标是:每万人口发明专利拥有量达到7.5件;专利申请4万件。\n"
        "一、加强知识产权创造\n(一)提升创造能力。推动专利申请。\n",
        encoding="utf-8",
    )
    assert [(t.path, t.value, t.year) for t in read_plan(path).targets] == [
        ("", 7.5, 2012),
        ("", 40000, 2012),
    ]


def test_mentions_a_bodys_website_is_no_body():  # a 2023 地理标志 notice: 国家知识产权局政府门户网站
    from ipgraph.reading.mentions import find_mentions

    v = view("登录国家知识产权局政府门户网站查询,由国家知识产权局负责。")
    assert [n for n, _ in find_mentions(v, 0, len(v), (), ())] == ["国家知识产权局"]


def test_meta_a_portal_lists_bullet_before_a_title_and_a_spaced_field():  # Xiamen 2017, Qingdao 2016
    m = _meta(
        "• 厦门市知识产权强市建设行动计划(2017-2019年)\n• 成文日期 2016-07-21\n• 发文字号 厦府办〔2017〕1号\n"
        "一、总体要求\n"
    )
    assert (m.title, m.issue_date) == ("厦门市知识产权强市建设行动计划(2017-2019年)", "2016-07-21")


def test_meta_a_heading_with_quotation_marks_wins_over_the_notices_form():  # Wuhu 2016
    m = _meta(
        "各县、区人民政府:\n现将《芜湖市十三五知识产权发展规划》印发给你们,请认真贯彻执行。\n芜湖市知识产权局\n2016年8月30日\n"
        "芜湖市“十三五”知识产权发展规划\n一、发展基础\n"
    )
    assert m.title == "芜湖市“十三五”知识产权发展规划" and m.references == []


def test_meta_a_short_name_handed_out_is_the_title_it_abbreviates():  # Shandong 2020
    m = _meta(
        "各市市场监管局:\n为深化改革,省局制定《深化知识产权领域“放管服”改革分工方案》(以下简称《分工方案》),"
        "现将《分工方案》印发给你们,请认真抓好落实。\n一、加强宣传引导\n"
    )
    assert m.title == "深化知识产权领域“放管服”改革分工方案" and m.references == []


def test_meta_a_plan_reported_as_issued_a_few_days_ago():  # Xi'an 2017, a news item
    m = _meta("《西安国家知识产权强市创建工作方案(2017-2019年)》日前印发,明确了创建目标。\n一、主要目标\n")
    assert (m.title, m.period) == ("西安国家知识产权强市创建工作方案(2017-2019年)", [2017, 2019])


def test_meta_a_title_that_cites_another_document():  # the 2022 推进计划 on 强化知识产权保护, cisip
    m = _meta(
        "联系我们\n深入实施《关于强化知识产权保护的意见》推进计划\n作者:来源:国家知识产权局阅读量:时间:2022-11-01\n"
        "为深入贯彻习近平总书记重要讲话精神,制定本计划。\n一、提高知识产权保护工作法治化水平\n"
    )
    assert m.title == "深入实施《关于强化知识产权保护的意见》推进计划"  # not joined to the site's 联系我们


def test_a_background_part_named_after_the_plan_before():  # Zhenjiang and Nanjing 十三五 规划
    doc = (
        "镇江市“十三五”知识产权发展规划\n一、“十二五”发展基础\n(一)发展成就。全市专利授权量达到3000件。\n"
        "二、“十二五”期间知识产权事业发展现状与形势\n面临新的形势。\n三、重点任务\n(一)强化保护。加大执法力度。\n"
    )
    r = read_text(doc)
    assert [m.path for m in r.measures] == ["3.1"] and r.targets == []  # past results are no targets


def test_a_closing_bracket_holding_a_deadline_alone():  # the 2022 推进计划 on 强化知识产权保护
    doc = (
        "深入实施《关于强化知识产权保护的意见》推进计划\n一、提高知识产权保护工作法治化水平\n"
        "1. 研究论证知识产权基础性法律重点问题,形成草案建议稿。(2025年12月底前完成)\n"
        "2. 进一步修改完善《中华人民共和国商标法》。(持续推进)\n3. 推进著作权法实施条例修订。(国家版权局负责)\n"
    )
    assert [m.deadline for m in read_text(doc).measures] == ["2025-12-31", "ongoing", None]


def test_compound_schedule_headings_and_stage_dates_with_days():  # Hainan 2008, Xinjiang 2009
    doc = (
        "海南省知识产权战略制定工作实施方案\n一、重点任务\n(一)研究起草纲要。完成起草。\n三、工作步骤和时间安排\n"
        "(一)准备阶段(2008年7月6日-10月10日)。组建专题组。\n(二)实施阶段(2010年11月20日至12月10日)。开展调研。\n"
    )
    r = read_text(doc)
    assert [(p.path, p.start, p.end) for p in r.phases] == [
        ("3.1", "2008-07", "2008-10"),
        ("3.2", "2010-11", "2010-12"),
    ]


def test_an_item_opening_with_its_year_right_after_the_marker():  # a 州 2011 软件正版化 notice
    doc = "某某工作方案\n一、工作安排\n1.2011年7月底前,完成自查。\n2.2011年8月底前,完成整改。\n"
    assert [m.path for m in read_text(doc).measures] == ["1.1", "1.2"]


def test_a_pages_markup_left_in_a_text_file_is_not_read():  # the 2006 national 行动计划, a law-site copy
    doc = (
        "<p>2006年中国保护知识产权行动计划</p><p><strong>一、立法</strong></p><p>(一)商标</p>"
        "<p>1.修订商标法。</p><p>2.制定商标法实施条例。</p><p>(二)专利</p><p>1.修订专利法。</p>"
    )
    assert [m.path for m in read_text(doc).measures] == ["1.1.1", "1.1.2", "1.2.1"]


def test_a_single_marker_run_on_after_a_full_stop():  # 兴安盟 商标 fragment
    doc = (
        "(一)加强组织领导。各旗县市要高度重视商标工作,把商标战略纳入经济社会发展规划,确保商标战略的顺利实施,"
        "各有关部门要密切配合,形成工作合力,共同推进商标战略的实施,为全盟经济发展提供有力支撑,切实加强商标工作的领导和协调,"
        "建立健全工作机制,定期研究解决商标工作中的重大问题,加大对商标工作的投入,为商标战略的实施提供人员、经费等方面的保障,"
        "确保各项工作落到实处。(二)加紧制定商标发展规划。结合实际制定规划。\n"
    )
    assert [m.path for m in read_text(doc).measures] == ["1", "2"]


def test_meta_a_government_office_that_issues_without_guanyu():  # Yichun 2008, fsou
    m = _meta(
        "宜春市人民政府办公室印发关于推进全市企业使用正版软件工作方案的通知\n(宜府办发〔2008〕13号)\n"
        "各县(市、区)人民政府,市政府各部门:\n经市政府同意,现将《关于推进全市企业使用正版软件的工作方案》印发给你们。\n"
        "二OO八年三月二十一日\n关于推进全市企业使用正版软件的工作方案\n一、指导思想\n"
    )
    assert (m.issuers, m.region, m.issue_date) == (["宜春市人民政府办公室"], "宜春市", "2008-03-21")


def test_a_line_listing_the_parts_is_no_part():  # Hainan 2014, a table of contents on one line
    doc = (
        "2014年海南省专利事业发展战略推进工作组织实施方案\n"
        "一、提高认识,明确任务,二、加强领导,责任到人,三、切实做好指导、检查、验收和总结工作,\n"
        "一、提高认识,明确任务\n推进专利事业发展。\n二、加强领导,责任到人\n(一)成立领导小组。\n(二)落实责任。\n"
    )
    assert [m.path for m in read_text(doc).measures] == ["1", "2.1", "2.2"]


def test_meta_a_news_item_on_a_plan_put_out_a_few_days_ago():  # Anqing 2008, a news item
    m = _meta(
        "这是安徽安庆市政府近日出台的《关于加强商标工作的意见》对全市商标工作提出的要求。\n一、总体要求\n"
    )
    assert m.title == "关于加强商标工作的意见"


def test_meta_a_portals_menu_words_are_never_part_of_a_heading():  # Liaoning and Heilongjiang 十四五
    m = _meta("政府信息公开\n\n辽宁省“十四五”知识产权保护和运用规划\n来源:省知识产权局\n一、发展基础\n")
    assert m.title == "辽宁省“十四五”知识产权保护和运用规划"
    m = _meta(
        "公告与提示\n\n黑龙江省人民政府关于印发黑龙江省“十四五”知识产权保护和运用规划的通知\n各市人民政府:\n一、发展基础\n"
    )
    assert m.issuers == ["黑龙江省人民政府"]


def test_meta_a_labelled_title_and_date_on_a_news_database_page():  # Heilongjiang 纲要, a 大连 library page
    m = _meta(
        "电子图书阅览器下载\n    振兴东北\n文章标题: 黑龙江省知识产权强省建设纲要(2021—2035年)\n作者:\n"
        "来源: 黑龙江新闻网\n日期: 2022-03-09\n一、总体要求\n"
    )
    assert (m.title, m.region, m.issue_date) == (
        "黑龙江省知识产权强省建设纲要(2021—2035年)",
        "黑龙江省",
        "2022-03-09",
    )


def test_meta_a_signer_on_two_lines_with_its_seal_note():  # Guangxi 十四五, 联席会议办公室(代章)
    m = _meta(
        "广西知识产权战略实施工作厅际联席会议各成员单位:\n现将《广西壮族自治区知识产权保护和运用十四五规划》印发给你们。\n"
        "广西知识产权战略实施工作厅际  \n联席会议办公室(代章)     \n20211124       \n一、发展基础\n"
    )
    assert (m.issuers, m.issue_date) == (["广西知识产权战略实施工作厅际联席会议办公室"], "2021-11-24")


def test_meta_question_marks_left_by_a_page_after_the_signature():  # Liaoning 2024 共建
    m = _meta(
        "各市人民政府:\n现将实施方案印发给你们,请认真贯彻执行。\n辽宁省人民政府 国家知识产权局? ? ? ??\n"
        "2024年7月30日? ??\n一、总体要求\n"
    )
    assert (m.issuers, m.issue_date) == (["辽宁省人民政府", "国家知识产权局"], "2024-07-30")


def test_meta_an_activity_plan_called_a_cehuaan_and_its_purpose():  # a 和平区 知识产权日 plan
    doc = "知识产权日活动策划案\n李盛\n知识产权日活动策划案\n一、活动目的\n提高全民知识产权意识。\n二、活动内容\n(一)举办讲座。由区科技局负责。\n"
    r = read_text(doc)
    assert r.meta.title == "知识产权日活动策划案"
    assert [m.path for m in r.measures] == ["2.1"]  # 活动目的 assigns no work


def test_meta_a_plan_the_notice_says_it_drafted_and_attached():  # Guizhou 2011 评比表彰方案
    m = _meta(
        "各市(州、地)打击侵权假冒领导小组:\n我办起草了《贵州省打击侵犯知识产权和制售假冒伪劣商品专项行动评比表彰方案》"
        "(附后),经领导小组同意,现予印发。\n一、表彰范围\n"
    )
    assert m.title == "贵州省打击侵犯知识产权和制售假冒伪劣商品专项行动评比表彰方案" and m.references == []


def test_meta_a_notice_printed_on_one_line_with_its_breaks_left_as_spaces():  # Jilin 2005, a law site
    doc = (
        "吉林省人民政府办公厅关于转发吉林省“十一五”期间培育认定驰名著名商标工作推进方案的通知 吉政办发[2005]55号 "
        "各市(州)、县(市)人民政府,省政府各厅委、各直属机构: 省驰名著名商标工作推进组办公室制定的《吉林省“十一五”期间"
        "培育认定驰名著名商标工作推进方案》已经省政府同意,现转发给你们,请认真贯彻执行。 二○○五年十二月十九日 "
        "吉林省“十一五”期间培育认定驰名著名商标工作推进方案 为加快实施商标战略,制定本方案。 一、指导思想 以科学发展观为指导。"
    )
    m = read_text(doc).meta
    assert (m.doc_number, m.issue_date, m.issuers) == (
        "吉政办发[2005]55号",
        "2005-12-19",
        ["吉林省人民政府办公厅"],
    )


def test_meta_a_doc_number_glued_before_a_two_issuer_heading():  # Jiading 2020 调解工作室
    m = _meta(
        "嘉市监知〔2020〕173号上海市嘉定区市场监督管理局 上海市嘉定区司法局关于设立知识产权调解工作室的通知\n"
        "各街道、镇:\n为加强知识产权保护,现就有关事项通知如下:\n一、设立调解工作室\n"
    )
    assert m.doc_number == "嘉市监知〔2020〕173号"
    assert m.title == "上海市嘉定区市场监督管理局 上海市嘉定区司法局关于设立知识产权调解工作室的通知"
    assert m.issuers == ["上海市嘉定区市场监督管理局", "上海市嘉定区司法局"]


def test_meta_one_office_acting_together_with_another():  # the 2024 信用监管 notice: …办公室会同…办公厅
    m = _meta(
        "国家知识产权局办公室会同国家市场监督管理总局办公厅关于做好知识产权领域信用监管工作的通知\n一、总体要求\n"
    )
    assert m.issuers == ["国家知识产权局办公室", "国家市场监督管理总局办公厅"]


def test_meta_a_heading_naming_how_many_departments_issued_it():  # 国家知识产权局等17部门关于…的意见
    m = _meta("国家知识产权局等17部门关于加快推动知识产权服务业高质量发展的意见\n一、总体要求\n")
    assert m.title == "国家知识产权局等17部门关于加快推动知识产权服务业高质量发展的意见"
    assert m.issuers == ["国家知识产权局"]


def test_meta_a_qualifier_on_the_line_under_a_heading():  # a 试行 plan heading split over two lines
    m = _meta("衢州市软件正版化工作方案\n(试行)\n一、工作目标\n")
    assert m.title == "衢州市软件正版化工作方案(试行)"


def test_meta_a_signer_that_is_a_customs_office_or_an_enforcement_corps():  # Beijing 2022 调解 意见
    m = _meta(
        "各区司法局:\n现将实施意见印发给你们。\n北京市司法局 北京市文化市场综合执法总队\n中华人民共和国北京海关\n"
        "2022年8月24日\n一、总体要求\n"
    )
    assert m.issuers == ["北京市司法局", "北京市文化市场综合执法总队", "中华人民共和国北京海关"]
    assert m.issue_date == "2022-08-24"


def test_principles_of_a_pilot_assign_no_work():  # 二、试点工作原则
    doc = "某某试点工作方案\n一、试点目标\n(一)建成机制。\n二、试点工作原则\n(一)坚持依法。\n(二)坚持创新。\n三、主要任务\n(一)开展试点。由市局负责。\n"
    assert [m.path for m in read_text(doc).measures] == ["3.1"]


def test_meta_a_web_templates_unfilled_lines_are_no_text():  # a Henan 2021 plan on a doc site
    doc = "{{ v.name }}\n{{ v.cls }}类\n{{ v.price }} ¥{{ v.price }}\n河南省知识产权质押融资入园惠企行动方案\n为贯彻落实,特制定本方案。\n一、指导思想\n"
    assert read_text(doc).meta.title == "河南省知识产权质押融资入园惠企行动方案"


def test_parts_numbered_in_financial_numerals():  # the 2022 推进计划, a Traditional mirror (壹、)
    doc = "某某推进计划\n壹、提高法治化水平\n1.推进修法。(2025年12月底前完成)\n2.完善规章。(持续推进)\n贰、强化保护\n1.加强执法。\n"
    assert [m.path for m in read_text(doc).measures] == ["1.1", "1.2", "2.1"]


def test_meta_a_breadcrumb_holding_the_notices_title():  # Fuzhou (抚州), a portal page
    m = _meta(
        "首页 > 抚州市人民政府办公室关于印发抚州市国家知识产权强市建设试点城市工作方案的通知\n"
        "抚州市人民政府办公室关于印发抚州市国家知识产权强市建设试点城市工作方案的通知\n各县(区)人民政府:\n一、总体要求\n"
    )
    assert m.issuers == ["抚州市人民政府办公室"]


def test_meta_a_signer_above_a_date_that_lost_its_characters():  # Anshan 2015: 201568
    m = _meta(
        "各县(市)区人民政府:\n现将方案印发给你们,请认真贯彻执行。\n鞍山市人民政府\n201568\n一、总体要求\n"
    )
    assert (m.issuers, m.issue_date) == (["鞍山市人民政府"], None)  # 2015-6-8 or 2015-56-8: no date


def test_a_table_of_contents_whose_headings_hold_commas():  # Xiangyang 十四五 规划
    doc = (
        "襄阳市知识产权“十四五”规划\n目录\n一、发展基础与面临形势\n(一)发展基础\n二、主要任务和工作重点\n"
        "(一)强化知识产权创造,筑牢高质量发展根基\n三、保障措施\n(一)强化组织协调,确保有序推进\n"
        "(二)完善政策引导,强化奖励激励\n为贯彻落实党中央、国务院决策部署,制定本规划。\n一、发展基础与面临形势\n"
        "(一)发展基础\n“十三五”期间,全市知识产权工作取得明显成效。\n"
    )
    assert read_text(doc).measures == []  # the contents' 三、保障措施 gives nothing


def test_a_one_line_repost_whose_items_end_in_a_responsibility_line():  # a helper's probe, 临沂 style
    doc = (
        "临沂市专利转化运用专项行动实施方案 为深入贯彻落实国务院办公厅《专利转化运用专项行动方案(2023—2025年)》,"
        "推动一批高价值专利实现产业化,结合我市实际,制定本方案。 一、主要任务 1.开展专利盘活。推动高校专利转化。"
        "(责任单位:市市场监管局、市教育局) 2.培育专利密集型企业。到2025年培育50个。(责任单位:市市场监管局、市科技局) "
        "二、保障措施 1.加强组织领导。(责任单位:市政府办公室)"
    )
    r = read_text(doc)
    assert [(m.path, len(m.responsible)) for m in r.measures] == [("1.1", 2), ("1.2", 2), ("2.1", 1)]


def test_markup_around_a_page_and_its_entities_are_no_text():  # a helper's probe: <html><body>, &nbsp;
    doc = (
        "<html><body><h1>漳州市知识产权运营工作方案(2023—2025年)</h1><p>一、主要任务</p>"
        "<p>(一)建设运营平台。由市市场监管局&nbsp;负责。</p><p>(二)培育运营机构。</p></body></html>"
    )
    r = read_text(doc)
    assert r.meta.title == "漳州市知识产权运营工作方案(2023—2025年)" and r.meta.region == "漳州市"
    assert "&nbsp" not in r.text and "<" not in r.text


def test_meta_annual_titles_ending_in_a_task_list_or_a_publicity_plan():  # Putian 2025, Loudi 2016
    assert _meta("2025年莆田市推动知识产权高质量发展任务清单\n一、强化创造\n").period == [2025, 2025]
    assert _meta("2016年娄底市打击侵犯知识产权工作宣传方案\n一、宣传重点\n").period == [2016, 2016]


def test_meta_a_term_written_with_a_box_drawing_dash():  # Ji'an 2023: (2023─2035年)
    assert _meta("吉安市知识产权强市建设行动方案(2023─2035年)\n一、总体要求\n").period == [2023, 2035]


def test_meta_a_breadcrumb_ending_in_the_title():  # Jiujiang 2023
    m = _meta(
        "当前位置 :  首页 > 九江市知识产权强市建设实施方案\n\n九江市知识产权强市建设实施方案\n一、总体要求\n"
    )
    assert m.title == "九江市知识产权强市建设实施方案"


def test_a_goals_part_with_its_paragraph_on_its_line_and_a_combined_heading():  # Ji'an, Loudi
    doc = (
        "某某行动方案\n一、总体思路和工作目标\n坚持创新驱动,到2025年专利授权量达到3000件。\n"
        "二、工作目标 到2025年,全市有效发明专利达到5000件。\n三、主要任务\n(一)强化保护。由市局负责。\n"
    )
    r = read_text(doc)
    assert [m.path for m in r.measures] == ["3.1"] and r.goals == []
