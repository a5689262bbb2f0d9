"""Target rules (GUIDE.md, "Targets"), one rule per test, each on a real-looking snippet of a plan."""

from __future__ import annotations

from ipgraph.pipeline import read_plan
from ipgraph.reading.targets import find_tables, table_targets, text_targets
from ipgraph.text import view


def table(snippet: str) -> list[tuple]:
    v = view(snippet)
    return [
        (t.metric, t.value, t.unit, t.baseline, t.baseline_year, t.year, t.comparator, t.kind)
        for tb in find_tables(v, 0, len(v))
        for t in table_targets(tb)
    ]


def plan_targets(tmp_path, doc: str) -> list:
    """The targets of a whole plan (a file, read as a user's would be)."""
    path = tmp_path / "plan.txt"
    path.write_text(doc, encoding="utf-8")
    return read_plan(path).targets


def text(snippet: str) -> list[tuple]:
    v = view(snippet)
    return [
        (t.value, t.unit, t.baseline, t.baseline_year, t.year, t.comparator, t.kind)
        for t in text_targets(v, 0, len(v), "1")
    ]


# --- indicator tables -------------------------------------------------------------------
def test_table_year_and_role_in_one_header_cell():  # 2020年基数 / 2025年目标, one cell per line
    doc = (
        "表1 主要指标\n指标名称\n\n单位\n\n2020年基数\n\n2025年目标\n\n属性\n\n"
        "每万人口发明专利拥有量\n\n件\n\n12.6\n\n20\n\n预期性\n\n"
    )
    assert table(doc) == [("每万人口发明专利拥有量", 20, "件", 12.6, 2020, 2025, "=", None)]


def test_table_one_row_per_line_split_by_spaces():
    doc = "指标名称 单位 2020年基数 2025年目标 属性\n每万人口发明专利拥有量 件 12.6 20 预期性\n二、重点任务\n"
    assert table(doc) == [("每万人口发明专利拥有量", 20, "件", 12.6, 2020, 2025, "=", None)]


def test_table_one_row_per_line_split_by_tabs():
    doc = "指标名称\t单位\t2020年基数\t2025年目标\t属性\n每万人口高价值发明专利拥有量\t件\t4.1\t8\t预期性\n"
    assert table(doc) == [("每万人口高价值发明专利拥有量", 8, "件", 4.1, 2020, 2025, "=", None)]


def test_table_year_and_role_in_two_header_cells_on_one_line():  # 2020 基期值 2025 目标值
    doc = "主要指标 单位 2020 基期值 2025 目标值 属性\n有效注册商标量 件 65000 90000 预期性\n"
    assert table(doc) == [("有效注册商标量", 90000, "件", 65000, 2020, 2025, "=", None)]


def test_table_earlier_of_two_bare_years_is_the_baseline():  # 2020年 / 2025年
    doc = "指标名称\n单位\n2020年\n2025年\n属性\n每万人口发明专利拥有量\n件\n12.6\n20\n预期性\n"
    assert table(doc) == [("每万人口发明专利拥有量", 20, "件", 12.6, 2020, 2025, "=", None)]


def test_table_attribute_column_is_not_a_value():  # 约束性 after the values is the 属性 column
    doc = "指标名称 单位 2020年基数 2025年目标 属性\n知识产权保护社会满意度 分 78 85 约束性\n"
    assert [(v, b) for _, v, _, b, *_ in table(doc)] == [(85, 78)]


def test_table_unit_per_year_is_annual():  # 件/年
    doc = "指标名称 单位 2020年基数 2025年目标 属性\nPCT国际专利申请量 件/年 35 60 预期性\n"
    assert table(doc) == [("PCT国际专利申请量", 60, "件/年", 35, 2020, 2025, "=", "annual")]


def test_table_ten_thousand_unit_is_a_multiplier():  # 万件: 6.5 is 65000 件, as 1万次 is 10000 次
    doc = "指标名称 单位 2020年基数 2025年目标 属性\n有效注册商标量 万件 6.5 9 预期性\n"
    assert table(doc) == [("有效注册商标量", 90000, "件", 65000, 2020, 2025, "=", None)]


def test_table_cumulative_note_in_the_metric():  # 质押融资金额(累计)
    doc = "指标名称 单位 2020年基数 2025年目标 属性\n知识产权质押融资金额（累计） 亿元 3.2 15 预期性\n"
    assert table(doc) == [("知识产权质押融资金额", 15, "亿元", 3.2, 2020, 2025, "=", "cumulative")]


def test_table_serial_number_and_unit_in_the_metric():  # 序号 column; 拥有量(件)
    doc = "序号 指标名称 单位 2020年 2025年 属性\n1 每万人口发明专利拥有量（件） 12.6 20 预期性\n"
    assert table(doc) == [("每万人口发明专利拥有量", 20, "件", 12.6, 2020, 2025, "=", None)]


def test_table_category_written_on_the_first_row_of_its_group():  # 类别 merged across rows
    doc = (
        "类别 指标名称 单位 2020年现状值 2025年目标值 指标属性\n"
        "知识产权创造 每万人口发明专利拥有量 件 12.6 20 预期性\n"
        "每万人口高价值发明专利拥有量 件 4.1 8 预期性\n"
    )
    assert [m for m, *_ in table(doc)] == ["每万人口发明专利拥有量", "每万人口高价值发明专利拥有量"]


def test_table_new_indicator_without_baseline():  # — in the baseline column; ≥ in the target cell
    doc = "指标名称 单位 2020年基数 2025年目标 属性\n知识产权服务机构数量 家 — ≥30 预期性\n"
    assert table(doc) == [("知识产权服务机构数量", 30, "家", None, None, 2025, ">=", None)]


def test_table_middle_year_column_is_neither_baseline_nor_target():  # 2020年 2023年 2025年
    doc = "指标名称 单位 2020年 2023年 2025年 属性\n每万人口发明专利拥有量 件 12.6 16 20 预期性\n"
    assert table(doc) == [("每万人口发明专利拥有量", 20, "件", 12.6, 2020, 2025, "=", None)]


def test_table_read_with_the_plan_and_not_as_text(tmp_path):  # rows give no text targets besides
    targets = plan_targets(
        tmp_path,
        "渝北区知识产权强区建设工作方案\n一、总体要求\n（一）发展目标\n到2025年，主要指标见表1。\n"
        "表1 主要指标\n指标名称 单位 2020年基数 2025年目标 属性\n"
        "每万人口发明专利拥有量 件 12.6 20 预期性\nPCT国际专利申请量 件/年 35 60 预期性\n"
        "二、重点任务\n（一）培育高价值专利\n实施高价值专利培育计划。\n",
    )
    got = [(t.path, t.value, t.unit, t.baseline) for t in targets]
    assert got == [("table", 20, "件", 12.6), ("table", 60, "件/年", 35)]


# --- running text ------------------------------------------------------------------------
def test_score_in_points_is_a_target():  # 满意度达到85分以上
    assert text("知识产权保护社会满意度达到85分以上。") == [(85, "分", None, None, None, ">=", None)]


def test_longest_unit_first_months():  # 3个月, not 3个
    assert text("平均办案周期压缩至3个月以内。") == [(3, "个月", None, None, None, "<=", None)]


def test_not_exceeding_is_at_most():  # 不超过 is <=, never the 超过 it ends with
    assert text("重复侵权案件数量不超过20件。") == [(20, "件", None, None, None, "<=", None)]


def test_not_higher_is_at_most():  # 不高于
    assert text("专利侵权纠纷行政裁决案件平均结案周期不高于60天。") == [
        (60, "天", None, None, None, "<=", None)
    ]


def test_year_after_you_is_a_baseline_year_not_the_due_year():  # 由2022年的4.6件提高到7件
    got = text("每万人口高价值发明专利拥有量由2022年的4.6件提高到7件，PCT国际专利申请量年均增长10%以上。")
    assert got == [(7, "件", 4.6, 2022, None, "=", None), (10, "%", None, None, None, ">=", "annual")]


def test_baseline_and_due_year_in_one_sentence():  # 由2020年的…提高到2025年的…
    got = text("每万人口发明专利拥有量由2020年的12.6件提高到2025年的20件。")
    assert got == [(20, "件", 12.6, 2020, 2025, "=", None)]


def test_baseline_in_ten_thousands():  # 由6.5万件增加到9万件: both in 件
    assert text("有效注册商标量由2020年底的6.5万件增加到9万件。") == [
        (90000, "件", 65000, 2020, None, "=", None)
    ]


def test_year_on_which_it_builds_is_a_baseline_year():  # 在2020年基础上
    got = text("到2025年，全市专利授权量在2020年基础上增长30%以上。")
    assert got == [(30, "%", None, 2020, 2025, ">=", None)]


def test_year_compared_with_is_a_baseline_year():  # 较2020年
    assert text("知识产权质押融资金额较2020年增长50%。") == [(50, "%", None, 2020, None, "=", None)]


# --- units: any counting word (量词) after the number ----------------------------------------
def metric(snippet: str) -> list[tuple]:
    v = view(snippet)
    return [(t.metric, t.value, t.unit, t.comparator, t.kind) for t in text_targets(v, 0, len(v), "1")]


def test_counting_word_zong_is_a_unit():  # 纠纷300宗: 宗 counts disputes as 件 counts cases
    assert metric("加强诉调对接，年均化解知识产权纠纷300宗以上。") == [
        ("化解知识产权纠纷", 300, "宗", ">=", "annual")
    ]


def test_counting_word_bi_is_a_unit():  # 质押融资100笔: 笔 counts loans
    assert text("全年办理知识产权质押融资业务100笔以上。") == [(100, "笔", None, None, None, ">=", "annual")]


def test_ten_thousand_multiplies_any_counting_word():  # 1.2万份 is 12000 份
    assert text("到2025年，作品登记量达到1.2万份。") == [(12000, "份", None, None, 2025, ">=", None)]


def test_counting_word_with_ci_is_one_unit():  # 150场次, not 150场
    assert text("举办知识产权培训150场次。") == [(150, "场次", None, None, None, "=", None)]


# --- metrics: what is counted, without the number or the words around it ----------------------
def test_count_before_the_noun_after_a_causative_verb():  # 推动不少于300件 存量专利实现转化
    got = metric("完成全市高校未转化有效专利全面盘点,推动不少于300件存量专利实现转化。")
    assert got == [("存量专利实现转化", 300, "件", ">=", None)]


def test_count_before_the_noun_after_an_action_verb():  # 配备1名以上 专职工作人员: the verb stays
    assert metric("配备1名以上专职工作人员。") == [("配备专职工作人员", 1, "名", ">=", None)]


def test_leading_whole_year_is_not_part_of_the_metric():  # 全年查处…: the kind says annual
    assert metric("开展执法专项行动，全年查处各类知识产权违法案件不少于150件。") == [
        ("查处各类知识产权违法案件", 150, "件", ">=", "annual")
    ]


def test_number_of_years_before_cumulative_is_not_part_of_the_metric():  # 两年累计达到
    assert metric("知识产权质押融资金额两年累计达到20亿元。") == [
        ("知识产权质押融资金额", 20, "亿元", ">=", "cumulative")
    ]


def test_leading_three_years_is_not_part_of_the_metric():  # 三年累计新增…
    assert metric("支持企业开展贯标，三年累计新增贯标企业300家。") == [
        ("新增贯标企业", 300, "家", "=", "cumulative")
    ]


def test_whole_city_stays_before_an_amount():  # 全市有效发明专利拥有量: the city's stock is counted
    assert metric("到2025年，全市有效发明专利拥有量达到1.2万件。") == [
        ("全市有效发明专利拥有量", 12000, "件", ">=", None)
    ]


def test_whole_district_goes_before_an_act():  # 全区新增…项目: who acts, not what is counted
    assert metric("全区新增主持或参与国家、行业标准制定修订项目达到3项以上。") == [
        ("新增主持或参与国家、行业标准制定修订项目", 3, "项", ">=", None)
    ]


def test_leading_year_is_not_part_of_the_metric():  # 2024年全市…: the year is the target's year
    v = view("推广风险补偿机制，2024年全市知识产权质押融资金额达到30亿元。")
    (t,) = text_targets(v, 0, len(v), "1")
    assert (t.metric, t.year) == ("全市知识产权质押融资金额", 2024)


def test_yearly_before_the_verb_is_not_part_of_the_metric():  # 登记量每年保持在5万件以上
    assert metric("全市作品登记量每年保持在5万件以上。") == [("全市作品登记量", 50000, "件", ">=", "annual")]


def test_leading_yearly_nian_is_not_part_of_the_metric():  # 年授权专利1000件以上
    assert metric("年授权专利1000件以上。") == [("授权专利", 1000, "件", ">=", "annual")]


def test_funder_and_its_verb_are_not_part_of_the_metric():  # 市级财政每年安排 知识产权专项资金
    assert metric("市级财政每年安排知识产权专项资金不低于3000万元。") == [
        ("知识产权专项资金", 3000, "万元", ">=", "annual")
    ]


def test_bare_funds_keep_their_verb():  # 安排资金: 资金 alone says too little
    assert metric("统筹用好专项资金，每年安排资金不少于1亿元。") == [("安排资金", 1, "亿元", ">=", "annual")]


def test_on_the_present_basis_is_not_part_of_the_metric():  # 在原有基础上压减50%
    assert metric("行政裁决案件时限在原有基础上压减50%。") == [("行政裁决案件时限压减", 50, "%", "=", None)]


def test_public_finance_as_what_is_counted_stays():  # 区财政支出: no 安排 after it, so not a funder
    assert metric("区财政支出中知识产权投入占比达到1%。") == [
        ("区财政支出中知识产权投入占比", 1, "%", ">=", None)
    ]


def test_rate_keeps_its_verb_when_words_follow_the_number():  # 增长30%以上 水平: still the growth
    assert metric("专利授权量年均增长30%以上水平。") == [("专利授权量年均增长", 30, "%", ">=", "annual")]


# --- lists of values and of items ---------------------------------------------------------
def test_respectively_gives_each_value_its_metric_and_the_shared_floor():  # 分别达到7件和18件以上
    assert metric("累计拥有中国驰名商标和福建省著名商标拥有量分别达到7件和18件以上;") == [
        ("中国驰名商标拥有量", 7, "件", ">=", "cumulative"),
        ("福建省著名商标拥有量", 18, "件", ">=", "cumulative"),
    ]


def test_respectively_reached_holds_for_every_value():  # 达到 before the first value, none after the last
    assert metric("全市发明专利授权量、PCT国际专利申请量分别达到700件和18件。") == [
        ("全市发明专利授权量", 700, "件", ">=", None),
        ("PCT国际专利申请量", 18, "件", ">=", None),
    ]


def test_respective_rates_keep_their_verb():  # 分别增长20%和15%
    assert metric("专利质押融资额、专利转让许可次数分别增长20%和15%。") == [
        ("专利质押融资额增长", 20, "%", "=", None),
        ("专利转让许可次数增长", 15, "%", "=", None),
    ]


def test_each_item_of_a_list_counts_what_is_written_before_it():  # 单位7家、企业18家、企业20家以上
    assert metric(
        "全区拥有国家企事业知识产权示范(试点)单位7家、省级知识产权试点示范企业18家、福州市知识产权试点示范企业20家以上"
    ) == [
        ("拥有国家企事业知识产权示范(试点)单位", 7, "家", "=", None),
        ("省级知识产权试点示范企业", 18, "家", "=", None),
        ("福州市知识产权试点示范企业", 20, "家", ">=", None),
    ]


def test_a_number_inside_a_metric_is_not_a_list_item():  # 授权3件以上专利企业数量达50家
    assert metric("授权3件以上专利企业数量达50家;") == [("授权3件以上专利企业数量", 50, "家", ">=", None)]


def test_a_rank_is_not_a_target():  # 居全省前3位 places the city; it counts nothing
    assert metric("专利密集型产业增加值占GDP比重居全省前3位，每万人口发明专利拥有量达到12件。") == [
        ("每万人口发明专利拥有量", 12, "件", ">=", None)
    ]
    assert metric("配备专职工作人员1名以上。") == [("配备专职工作人员", 1, "名", ">=", None)]


# --- pages outside the shared corpus ------------------------------------------------------
def test_a_traditional_metric_is_kept_as_written(tmp_path):  # a Jinan page in Traditional script, 2024
    [t] = plan_targets(
        tmp_path,
        "濟南市專利轉化運用專項行動方案\n一、總體要求\n"
        "(二)工作目標。到2025年,知識產權創新能力和轉化運用水平顯著提高,一批高價值專利在濟實現產業化。"
        "駐濟高校、科研院所專利產業化率明顯提升,全市涉專利技術合同成交額累計增長30%以上。\n"
        "二、重點任務\n(一)推動專利產業化。支持企業實施專利產業化項目。(市市場監管局、市科技局按職責分工負責)\n",
    )
    assert (t.path, t.metric, t.value, t.unit, t.comparator, t.kind) == (
        "1.2",
        "全市涉專利技術合同成交額累計增長",  # not the simplified 全市涉专利技术合同成交额累计增长
        30,
        "%",
        ">=",
        "cumulative",
    )


def test_a_goals_paragraph_inside_the_general_requirements_gives_targets(tmp_path):  # Gansu, 2025
    targets = plan_targets(
        tmp_path,
        "甘肃省打造全国区域性科技创新及转化基地行动方案\n一、总体要求\n"
        "坚持以习近平新时代中国特色社会主义思想为指导,全面贯彻党的二十大精神,到2025年实现3个突破。\n"
        "主要目标是:2025年,科技进步贡献率达到62%,高新技术企业达到2600家。\n"
        "到2030年,科技进步贡献率达到65%。\n"
        "二、重点任务\n(一)建设科技创新高地。\n1.推进实验室体系建设。(省科技厅牵头,省发展改革委、省财政厅配合)\n",
    )
    got = [(t.path, t.value, t.unit, t.year) for t in targets]
    # the guiding paragraph's number is no target; the goals paragraph's and the next year's are
    assert got == [("1", 62, "%", 2025), ("1", 2600, "家", 2025), ("1", 65, "%", 2030)]


def test_person_years_are_a_unit():  # R&D staff as full-time equivalents: 每万名就业人员中研发人员达到35人年
    assert text("每万名就业人员中研发人员达到35人年。") == [(35, "人年", None, None, None, ">=", None)]


def test_a_range_gives_no_target_but_the_numbers_after_it_do():  # Jiangmen, fsou.com
    got = text("到2012年,每年新增中国名牌1-2个和省名牌5-6个,总量达到18个和80个以上。")
    assert [(value, unit, year) for value, unit, _, _, year, *_ in got] == [
        (18, "个", 2012),
        (80, "个", 2012),
    ]


def test_a_dated_goals_paragraph_under_the_general_requirements_gives_targets(tmp_path):  # Yunnan 2022
    doc = (
        "云南省知识产权工作实施方案\n一、总体要求\n坚持以习近平新时代中国特色社会主义思想为指导。\n"
        "到2025年,知识产权强省建设取得较大进展,每万人口高价值发明专利拥有量达到1.59件,"
        "有效注册商标拥有量超过60万件(上述指标均为预期性指标)。\n二、重点任务\n(一)完善制度。\n"
    )
    got = [(t.path, t.value, t.unit, t.year, t.comparator) for t in plan_targets(tmp_path, doc)]
    assert got == [("1", 1.59, "件", 2025, ">="), ("1", 600000, "件", 2025, ">=")]


def test_a_goals_paragraph_before_the_first_part_gives_targets_with_no_path(tmp_path):  # Hubei 2026
    doc = (
        "2026年全省知识产权工作要点\n2026年全省知识产权工作的总体思路是:坚持稳中求进。\n"
        "主要目标是:努力实现全省发明专利有效量23万件以上,注册商标有效量140万件以上。"
        "年度专利转让许可次数达到6万次。\n一、高标准建设知识产权强省\n(一)规划引领强省建设。推进规划实施。\n"
    )
    got = [(t.path, t.metric, t.value, t.unit, t.kind) for t in plan_targets(tmp_path, doc)]
    assert got == [
        ("", "全省发明专利有效量", 230000, "件", None),
        ("", "注册商标有效量", 1400000, "件", None),
        ("", "专利转让许可次数", 60000, "次", "annual"),  # 年度 gives the kind
    ]


def test_a_dated_count_in_chinese_numerals_is_a_target():  # Suzhou, fsou.com
    got = text("到2015年底,贴紧地方主导产业集群,建成十个省级品牌培育基地,十五个市级品牌培育基地。")
    assert [(value, unit, year) for value, unit, _, _, year, *_ in got] == [
        (10, "个", 2015),
        (15, "个", 2015),
    ]


def test_an_undated_or_ordinal_chinese_numeral_is_no_target():
    assert text("充分发挥省、市两个国家级知识产权保护中心作用。") == []  # the Xiamen plan: no date, no target
    assert text("到2025年,落实第十四个五年规划,每两个月召开一次会议。") == []


def test_a_unit_keeps_the_script_it_is_written_in(tmp_path):  # Rongshui 2024, a Traditional mirror
    doc = "融水縣知識產權獎勵辦法\n一、獎勵標準\n(一)發明專利。獲國家知識產權局授權的,每件獎勵0.7萬元。\n"
    (t,) = plan_targets(tmp_path, doc)
    assert (t.value, t.unit) == (0.7, "萬元")


def test_a_main_expected_goals_paragraph_gives_targets(tmp_path):  # Hubei 2023 工作要点
    doc = (
        "2023年全省知识产权工作要点\n主要预期目标:全省发明专利有效量达到7.5万件,知识产权质押融资金额达到200亿元。\n"
        "一、坚持党的全面领导\n(一)加强党的建设。落实全面从严治党。\n"
    )
    got = [(t.path, t.value, t.unit) for t in plan_targets(tmp_path, doc)]
    assert got == [("", 75000, "件"), ("", 200, "亿元")]


def test_numbered_goals_under_the_general_requirements_give_targets(tmp_path):  # Hengyang 2024
    doc = (
        "衡阳市建设国家知识产权强市试点城市工作方案\n一、总体要求\n"
        "坚持以习近平新时代中国特色社会主义思想为指导,到2026年12月,全市知识产权发展主要目标:\n"
        "(一)知识产权创造成果提质增量。万人有效高价值发明专利拥有量达2件,PCT国际专利申请量累计达60件。\n"
        "(二)知识产权运用水平明显提升。知识产权质押融资金额达10亿元。\n"
        "二、重点任务\n(一)强化保护。加大执法力度。\n"
    )
    got = [(t.path, t.value, t.unit) for t in plan_targets(tmp_path, doc)]
    assert got == [("1.1", 2, "件"), ("1.1", 60, "件"), ("1.2", 10, "亿元")]


def test_a_lists_opening_year_dates_the_first_item_whose_sentence_it_starts(tmp_path):
    # the 2017 十三五 规划 分工方案 (一、主要指标 / 到2020年: / 1.…12件。 2.…6万件。): a sentence runs to 。
    doc = (
        "重点任务分工方案\n一、主要指标\n到2020年:\n1.每万人口发明专利拥有量达到12件。(知识产权局负责)\n"
        "2.PCT专利申请量达到6万件。(知识产权局负责)\n二、重点任务\n(一)完善制度。加快修法。\n"
    )
    got = [(t.path, t.value, t.year) for t in plan_targets(tmp_path, doc)]
    assert got == [("1.1", 12, 2020), ("1.2", 60000, None)]


def test_a_year_opening_a_goals_sentence_dates_every_clause_of_it():  # Xinzhou 2015
    got = text(
        "质量显著提升。2020年,全市有效发明专利拥有量达到300件左右,企业专利申请量达到800件左右;全市注册商标申请量达到3500件左右。"
    )
    assert [(value, year) for value, _, _, _, year, *_ in got] == [(300, 2020), (800, 2020), (3500, 2020)]


def test_a_past_year_inside_a_sentence_does_not_date_the_clauses_after_it():
    got = text("比2015年有较大提升;全市注册商标申请量达到3500件。")
    assert [year for _, _, _, _, year, *_ in got] == [None]


def test_a_plan_counting_its_own_parts_is_no_target():  # Hainan 2014
    assert text("本方案共提出10项工作措施、17项具体内容,到2015年全面完成。") == []


def test_a_list_dash_is_no_part_of_a_metric():  # Chengdu 2005
    (t,) = text_targets(view("——全市专利申请量年均增长15%以上。"), 0, 30, "1")
    assert t.metric.startswith("全市专利申请量")


def test_a_goals_paragraph_opening_with_strive_to_reach_a_year(tmp_path):  # Zhejiang 2024 数据知识产权
    doc = (
        "浙江省数据知识产权工作方案\n一、总体要求\n坚持以习近平新时代中国特色社会主义思想为指导。\n"
        "力争到2027年,数据知识产权登记量达到2万件。\n二、重点任务\n(一)完善制度。加快立法。\n"
    )
    got = [(t.path, t.value, t.year) for t in plan_targets(tmp_path, doc)]
    assert got == [("1", 20000, 2027)]
