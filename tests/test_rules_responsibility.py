"""Responsibility clauses: rules of the genre beyond the five samples, one rule per test.

Snippets are written in the style of other cities' plans (GUIDE.md, "Responsibility").
"""

from __future__ import annotations

from ipgraph.reading.reader import read_text
from ipgraph.reading.responsibility import find_clauses, parse_deadline
from ipgraph.text import view


def units(snippet: str) -> list[tuple[str, str]]:
    v = view(snippet)
    return [(u.mention + u.suffix, u.role) for c in find_clauses(v, 0, len(v)) for u in c.units]


# --- notes written among the units are not units; the first unit leads ------------------
def test_first_listed_leads_note_is_not_a_unit():  # …,列第一位的为牵头单位,下同
    s = "建设培育中心。（责任单位：市市场监管局、市科技局、市经信局，列第一位的为牵头单位，下同）"
    assert units(s) == [("市市场监管局", "lead"), ("市科技局", "support"), ("市经信局", "support")]


def test_placed_first_leads_note_is_not_a_unit():  # …等,排在第一位的为牵头单位
    s = "开展合作。（责任单位：市科技局、市商务局、市财政局等，排在第一位的为牵头单位）"
    assert units(s) == [("市科技局", "lead"), ("市商务局", "support"), ("市财政局", "support")]


def test_lead_note_does_not_hide_an_explicit_split():  # …牵头,…配合,列第一位的为牵头单位
    s = "开展合作。（责任单位：市市场监管局牵头，市科技局、市商务局配合，第一个为牵头单位）"
    assert units(s) == [("市市场监管局", "lead"), ("市科技局", "support"), ("市商务局", "support")]


def test_duty_manner_in_a_labelled_clause_is_not_a_unit():  # 责任单位:…,按职责分工负责
    s = "强化司法保护。（责任单位：市中院、市检察院、市公安局，按职责分工负责）"
    assert units(s) == [("市中院", "lead"), ("市检察院", "support"), ("市公安局", "support")]


# --- an explicit 牵头 / 配合 split: every unit before 牵头 leads ----------------------------
def test_every_unit_before_qiantou_leads():  # (A、B牵头,C配合)
    s = "扩大知识产权保险覆盖面。（县金融服务中心、县市场监管局牵头，人行长兴县支行配合）"
    assert units(s) == [
        ("县金融服务中心", "lead"),
        ("县市场监管局", "lead"),
        ("人行长兴县支行", "support"),
    ]


# --- ; splits parties only in a jointly built plan -------------------------------------
def test_semicolon_between_local_lists_gives_one_lead():  # 市…局;各县(市、区)人民政府
    s = "推进品牌建设。（责任单位：市市场监管局、市农业农村局、市商务局；各县（市、区）人民政府）"
    assert [r for _, r in units(s)] == ["lead", "support", "support", "support"]


def test_semicolon_between_local_and_national_parties_gives_two_leads():  # a 共建 plan
    s = "(责任单位:上海市知识产权局、市统计局;国家知识产权局战略规划司、运用促进司;完成时限:2025年12月底)"
    assert [r for _, r in units(s)] == ["lead", "support", "lead", "support"]


# --- a suffix written once for a 、-list ------------------------------------------------
def test_shared_bureau_suffix_goes_to_bare_stems_not_to_full_names():  # 市发改委、科技、工信局
    s = "实施培育工程。（责任单位：市市场监管局、市发改委、科技、工信局，各县（市、区）人民政府）"
    assert [m for m, _ in units(s)] == [
        "市市场监管局",
        "市发改委",
        "科技局",
        "工信局",
        "各县(市、区)人民政府",
    ]


def test_shared_suffix_stays_after_a_written_prefix():  # 市科技、工信、商务局
    assert [m for m, _ in units("开展合作。（责任单位：市科技、工信、商务局）")] == [
        "市科技局",
        "工信局",
        "商务局",
    ]


def test_shared_committee_suffix_goes_to_a_proper_name():  # 仙桃数据谷、空港工业园区管委会
    s = "建设服务业集聚区。（责任单位：区市场监管局，仙桃数据谷、空港工业园区管委会）"
    assert [m for m, _ in units(s)][1:] == ["仙桃数据谷管委会", "空港工业园区管委会"]


def test_shared_suffix_follows_a_renaming_parenthesis():  # 东津新区(经开区)、高新区管委会
    s = "推动专利转化。（责任单位：市科技局、市市场监管局，东津新区（经开区）、高新区管委会）"
    assert [m for m, _ in units(s)][2:] == ["东津新区(经开区)管委会", "高新区管委会"]


def test_a_second_name_in_lenticular_brackets_takes_no_shared_suffix():  # 市市场监管局〔知识产权局〕、市科技局
    s = "培育高价值专利。(责任单位:市市场监管局〔知识产权局〕、市科技局)"
    assert units(s) == [("市市场监管局〔知识产权局〕", "lead"), ("市科技局", "support")]


def test_zone_takes_no_bureau_suffix():  # 高新区、区发改局: the zone is a unit of its own
    assert [m for m, _ in units("（责任单位：区市场监管局、高新区、区发改局）")] == [
        "区市场监管局",
        "高新区",
        "区发改局",
    ]


def test_shared_suffix_is_written_in_the_mention():  # the reading's mention, as written + suffix
    r = read_text(
        "二、重点任务\n（一）加强保护。开展行动。（责任单位：市市场监管局、市发改委、科技、工信局）\n"
    )
    assert [x.mention for x in r.measures[0].responsible] == ["市市场监管局", "市发改委", "科技局", "工信局"]


def test_duty_manner_after_the_last_unit_is_not_part_of_it():  # 责任单位:…、市检察院按职责分工负责
    assert units("（责任单位：市中级法院、市检察院按职责分工负责）") == [
        ("市中级法院", "lead"),
        ("市检察院", "support"),
    ]


# --- a shared suffix is the whole chain of type words after the last unit's proper name ---
def test_bare_place_stem_takes_the_street_type_word():  # 布吉、平湖街道办事处
    s = "加大执法力度。（责任单位：市市场监管局龙岗监管局（牵头）、区文化广电旅游体育局，布吉、平湖街道办事处）"
    assert [m for m, _ in units(s)][2:] == ["布吉街道办事处", "平湖街道办事处"]


def test_bare_place_stem_takes_the_autonomous_county_type_word():  # 融水、三江自治县人民政府
    s = "支持特色产业专利运用。(责任单位:市市场监管局、市农业农村局,融水、三江自治县人民政府)"
    assert [m for m, _ in units(s)][2:] == ["融水自治县人民政府", "三江自治县人民政府"]


def test_every_bare_stem_of_a_list_takes_the_chain():  # 东城、西城、南城街道办事处
    s = "设立工作站。（责任单位：区市场监管局，东城、西城、南城街道办事处）"
    assert [m for m, _ in units(s)][1:] == ["东城街道办事处", "西城街道办事处", "南城街道办事处"]


def test_typed_stem_takes_only_the_body_word():  # 某某镇、某某乡人民政府: 镇 is already written
    s = "推进地理标志保护。（责任单位：县市场监管局，黄田镇、白石乡人民政府）"
    assert [m for m, _ in units(s)][1:] == ["黄田镇人民政府", "白石乡人民政府"]


def test_zone_abbreviation_takes_the_zone_type_word():  # 高新、经开区管委会
    s = "建设集聚区。（责任单位：市科技局，高新、经开区管委会）"
    assert [m for m, _ in units(s)][1:] == ["高新区管委会", "经开区管委会"]


def test_bare_stem_takes_the_pilot_area_type_word():  # 前海、南沙片区管委会
    s = "开展制度创新。（责任单位：市商务局，前海、南沙片区管委会）"
    assert [m for m, _ in units(s)][1:] == ["前海片区管委会", "南沙片区管委会"]


def test_district_type_word_goes_with_a_government():  # 东城、西城区人民政府
    s = "落实属地责任。（责任单位：市知识产权局，东城、西城区人民政府）"
    assert [m for m, _ in units(s)][1:] == ["东城区人民政府", "西城区人民政府"]


def test_proper_zone_name_takes_no_zone_type_word():  # 仙桃数据谷、空港新区管委会
    s = "建设服务业集聚区。（责任单位：区市场监管局，仙桃数据谷、空港新区管委会）"
    assert [m for m, _ in units(s)][1:] == ["仙桃数据谷管委会", "空港新区管委会"]


def test_banner_is_already_typed():  # 准格尔旗、乌审旗人民政府: 旗 is written, only 人民政府 is shared
    s = "推进地理标志运用。（责任单位：市市场监督管理局、市农牧局，准格尔旗、乌审旗人民政府）"
    assert [m for m, _ in units(s)][2:] == ["准格尔旗人民政府", "乌审旗人民政府"]


def test_bare_stem_takes_the_banner_type_word():  # 鄂托克、乌审旗人民政府
    s = "推进地理标志运用。（责任单位：市农牧局，鄂托克、乌审旗人民政府）"
    assert [m for m, _ in units(s)][1:] == ["鄂托克旗人民政府", "乌审旗人民政府"]


# --- 完成时限 forms beyond the samples ----------------------------------------------------
def test_a_time_span_is_due_at_its_end():  # 完成时限:2023—2025年
    assert [parse_deadline(x) for x in ("2023—2025年", "2023年—2025年", "2023年3月至6月")] == [
        "2025-12-31",
        "2025-12-31",
        "2023-06-30",
    ]


def test_a_numbered_quarter_ends_with_its_quarter():  # 完成时限:2024年第三季度
    assert parse_deadline("2024年第三季度") == "2024-09-30"


def test_from_a_year_on_is_ongoing():  # 完成时限:2023年起持续推进
    assert parse_deadline("2023年起持续推进") == "ongoing"


def test_a_table_cells_iso_date():  # a task table's 完成时限 cell: 2024-06-30, 2024/6
    assert [parse_deadline(x) for x in ("2024-06-30", "2024/6", "2024-13")] == [
        "2024-06-30",
        "2024-06-30",
        None,
    ]


# --- a deadline written last inside a closing 牵头/配合 clause --------------------------------
def test_closing_lead_support_clause_with_its_deadline_last():  # the way 工作要点 write a task
    s = "推进数据知识产权登记。（市大数据局牵头，市经信局、市科技局配合，2025年6月底前完成）"
    assert units(s) == [("市大数据局", "lead"), ("市经信局", "support"), ("市科技局", "support")]
    v = view(s)
    [clause] = find_clauses(v, 0, len(v))
    assert clause.deadline == "2025-06-30"


def test_closing_clause_with_a_labelled_deadline_last():  # …配合;完成时限:2025年第二季度
    s = "推进数据知识产权登记。（市大数据局牵头；市经信局配合；完成时限：2025年第二季度）"
    assert units(s) == [("市大数据局", "lead"), ("市经信局", "support")]


def test_a_bracketed_date_alone_is_no_clause():
    assert units("开展专项整治。（2024年底前完成）") == []
    assert units("完善配套政策。（包括专利、商标等，2024年）") == []


def test_a_clause_after_a_full_stop_closes_its_sentence_though_the_next_follows_at_once():
    # the national 2015 下半年 双打 要点 (one clause per sentence, the next sentence straight after it)
    snippet = (
        "开展电子商务领域专利执法维权“闪电”专项行动。(知识产权局负责)组织开展“2015红盾网剑”专项行动,"
        "查处违法行为。(工商总局负责)摸排电子商务平台。(质检总局负责)"
    )
    assert units(snippet) == [("知识产权局", "lead"), ("工商总局", "lead"), ("质检总局", "lead")]


def test_a_bracket_inside_a_sentence_is_still_no_clause():
    assert units("组织专家(由市知识产权局负责)评审后,公布名单。") == []


def test_an_excerpt_whose_one_measure_names_only_central_bodies_is_national():  # 2015 下半年 双打 要点
    doc = (
        "2015年下半年,全国打击侵犯知识产权和制售假冒伪劣商品工作要围绕突出问题,全面推进各项重点工作。\n"
        "  一、全面推进重大专项行动\n  (一)深入推进互联网领域打击侵权假冒工作。开展专利执法维权专项行动。"
        "(知识产权局负责)组织开展“2015红盾网剑”专项行动。(工商总局负责)开展电子商务产品质量监督。(质检总局负责)"
        "查处违法网络音乐行为。(文化部负责)规范网络服务。(网信办、公安部按职责分工分别负责)\n"
    )
    r = read_text(doc)
    assert (r.meta.region, r.meta.admin_level) == ("中华人民共和国", "national")
    assert r.measures[0].responsible[0].canonical == ["国家知识产权局", "知识产权局"]


def test_a_deadline_after_a_semicolon_is_no_part_of_the_last_unit():  # the 2022 推进计划's clause form
    snippet = "推进相关法律修改。(国家知识产权局、司法部负责;2025年12月底前完成)"
    v = view(snippet)
    (clause,) = find_clauses(v, 0, len(v))
    assert [(u.mention + u.suffix, u.role) for u in clause.units] == [
        ("国家知识产权局", "lead"),
        ("司法部", "support"),
    ]
    assert clause.deadline == "2025-12-31"
