"""Central bodies as national IP plans name them (ipgraph.central, ontology/central_bodies.toml).

One rule per test, each on real snippets of national plans (国家知识产权战略实施推进计划,
全国打击侵权假冒工作要点, notices of the 国务院办公厅 and the 国家知识产权局).
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from ipgraph.central import canonical, central_body, kinds, parse_table, predecessors, successors
from ipgraph.resources import ontology_file

# The addressees of a 2017 notice of the 国务院知识产权战略实施工作部际联席会议办公室.
ADDRESSEES_2017 = (
    "中央组织部、中央宣传部、中央编办、中央网信办,高法院、高检院,外交部、发展改革委、教育部、科技部、"
    "工业和信息化部、公安部、司法部、财政部、人力资源社会保障部、环境保护部、农业部、商务部、文化部、"
    "卫生计生委、人民银行、国资委、海关总署、工商总局、质检总局、新闻出版广电总局(版权局)、"
    "食品药品监管总局、统计局、林业局、知识产权局、法制办、中科院、银监会、保监会、国防科工局、邮政局、"
    "中医药局,中央军委装备发展部,贸促会"
)
OFFICIAL_2017 = [
    "中共中央组织部",
    "中共中央宣传部",
    "中央机构编制委员会办公室",
    "中央网络安全和信息化领导小组办公室",
    "最高人民法院",
    "最高人民检察院",
    "外交部",
    "国家发展和改革委员会",
    "教育部",
    "科学技术部",
    "工业和信息化部",
    "公安部",
    "司法部",
    "财政部",
    "人力资源和社会保障部",
    "环境保护部",
    "农业部",
    "商务部",
    "文化部",
    "国家卫生和计划生育委员会",
    "中国人民银行",
    "国务院国有资产监督管理委员会",
    "海关总署",
    "国家工商行政管理总局",
    "国家质量监督检验检疫总局",
    "国家新闻出版广电总局",
    "国家食品药品监督管理总局",
    "国家统计局",
    "国家林业局",
    "国家知识产权局",
    "国务院法制办公室",
    "中国科学院",
    "中国银行业监督管理委员会",
    "中国保险监督管理委员会",
    "国家国防科技工业局",
    "国家邮政局",
    "国家中医药管理局",
    "中央军委装备发展部",
    "中国国际贸易促进委员会",
]


def _units(text: str) -> list[str]:
    """Units of a list joined by 、 and commas, a parenthesis kept with its unit."""
    return re.findall(r"[^、,，()]+(?:\([^()]*\))?", text)


def test_clause_of_2017_reads_as_canonical_names():
    clause = "(知识产权局、工商总局、新闻出版广电总局(版权局)负责"
    inner = clause.removeprefix("(").removesuffix("负责")
    assert [canonical(u, 2017) for u in _units(inner)] == [
        ["国家知识产权局", "知识产权局"],
        ["国家工商行政管理总局", "工商总局"],
        ["国家新闻出版广电总局", "国家版权局", "新闻出版广电总局"],
    ]


def test_every_addressee_of_2017_resolves_to_its_official_name():
    units = _units(ADDRESSEES_2017)
    assert len(units) == len(OFFICIAL_2017)
    names = [canonical(u, 2017) for u in units]
    assert [n[0] if n else u for n, u in zip(names, units, strict=True)] == OFFICIAL_2017


# 国知战联办〔2021〕16号 (2021-12-27), after the 2018 reform
ADDRESSEES_2021 = (
    "中央组织部、中央宣传部、中央政法委、中央网信办、最高人民法院、最高人民检察院、外交部、发展改革委、教育部、"
    "科技部、工业和信息化部、公安部、司法部、财政部、人力资源社会保障部、生态环境部、农业农村部、商务部、"
    "文化和旅游部、卫生健康委、人民银行、国资委、海关总署、市场监管总局、广电总局、统计局、国管局、中科院、"
    "银保监会、证监会、国防科工局、林草局、邮政局、中医药局、知识产权局、中央军委装备发展部、贸促会、中国科协"
)
# 国知联办〔2024〕6号: the 2024 plan's addressees besides the joint conference's members
ADDRESSEES_2024 = (
    "中央政法委、中央网信办,税务总局、金融监管总局、中国证监会、国家国际发展合作署、国管局、国家邮政局、"
    "国家中医药局、国家药监局、中国科协、国家自然科学基金委"
)


def test_every_addressee_of_2021_resolves_to_a_body_in_force_that_year():
    for unit in _units(ADDRESSEES_2021):
        body = central_body(unit, 2021)
        assert body is not None, unit
        assert body.to_year is None or body.to_year > 2021, unit
    assert canonical("银保监会", 2021)[0] == "中国银行保险监督管理委员会"
    assert canonical("广电总局", 2021)[0] == "国家广播电视总局"
    assert canonical("国管局", 2021)[0] == "国家机关事务管理局"


def test_every_addressee_of_2024_resolves_to_a_body_in_force_that_year():
    names = [canonical(u, 2024) for u in _units(ADDRESSEES_2024)]
    assert all(names), names
    assert [n[0] for n in names][2:5] == ["国家税务总局", "国家金融监督管理总局", "中国证券监督管理委员会"]
    assert canonical("国家自然科学基金委", 2024) == ["国家自然科学基金委员会", "国家自然科学基金委"]


def test_a_2016_clause_names_the_cyberspace_administration_bare():
    # 国办发〔2016〕25号, 2016年全国打击侵权假冒工作要点
    clause = "(工业和信息化部、公安部、农业部、海关总署、工商总局、质检总局、食品药品监管总局、网信办、邮政局按职责分工分别负责)"
    inner = clause.strip("()").removesuffix("按职责分工分别负责")
    names = [canonical(u, 2016) for u in _units(inner)]
    assert all(names)
    assert names[7] == ["国家互联网信息办公室", "网信办"]
    assert central_body("网信办", 2016).sign_of == "中央网络安全和信息化领导小组办公室"


def test_the_joint_conference_that_issues_the_plans():
    assert canonical("国务院知识产权战略实施工作部际联席会议办公室", 2021) == [
        "国务院知识产权战略实施工作部际联席会议办公室"
    ]
    assert successors("国务院知识产权战略实施工作部际联席会议办公室") == [
        "国家知识产权强国建设工作部际联席会议办公室"
    ]
    assert central_body("国家知识产权强国建设工作部际联席会议办公室", 2024).managed_by == "国家知识产权局"
    # its member units are a collective, not a body
    assert canonical("国家知识产权强国建设工作部际联席会议各成员单位", 2024) is None


def test_the_short_form_as_written_follows_the_official_name_only_when_it_differs():
    assert canonical("发展改革委", 2017) == ["国家发展和改革委员会", "发展改革委"]
    assert canonical("外交部", 2017) == ["外交部"]
    assert canonical("国家知识产权局", 2024) == ["国家知识产权局"]


@pytest.mark.parametrize(
    ("written", "year", "official"),
    [
        ("发展改革委", 2020, "国家发展和改革委员会"),
        ("国家发展改革委", 2020, "国家发展和改革委员会"),
        ("发改委", 2020, "国家发展和改革委员会"),
        ("市场监管总局", 2019, "国家市场监督管理总局"),
        ("知识产权局", 2021, "国家知识产权局"),
        ("国知局", 2021, "国家知识产权局"),
        ("林草局", 2019, "国家林业和草原局"),
        ("中医药局", 2020, "国家中医药管理局"),
        ("国防科工局", 2020, "国家国防科技工业局"),
        ("药监局", 2019, "国家药品监督管理局"),
        ("邮政局", 2019, "国家邮政局"),
        ("中央宣传部", 2019, "中共中央宣传部"),
        ("中宣部", 2019, "中共中央宣传部"),
        ("中央网信办", 2020, "中央网络安全和信息化委员会办公室"),
        ("卫生健康委", 2020, "国家卫生健康委员会"),
        ("高法院", 2019, "最高人民法院"),
        ("最高法", 2019, "最高人民法院"),
        ("高检院", 2019, "最高人民检察院"),
        ("最高检", 2019, "最高人民检察院"),
        ("全国人大常委会法工委", 2020, "全国人民代表大会常务委员会法制工作委员会"),
        ("中国科协", 2020, "中国科学技术协会"),
        ("全国工商联", 2020, "中华全国工商业联合会"),
        ("共青团中央", 2020, "中国共产主义青年团中央委员会"),
        ("外汇局", 2020, "国家外汇管理局"),
        ("银保监会", 2020, "中国银行保险监督管理委员会"),
        ("金融监管总局", 2024, "国家金融监督管理总局"),
        ("文旅部", 2020, "文化和旅游部"),
        ("人力资源社会保障部", 2020, "人力资源和社会保障部"),
        ("住房城乡建设部", 2020, "住房和城乡建设部"),
        ("全国双打办", 2020, "全国打击侵权假冒工作领导小组办公室"),
    ],
)
def test_short_forms_plans_write(written, year, official):
    assert canonical(written, year)[0] == official


def test_prefixes_国家_中华人民共和国_中共_are_optional():
    assert canonical("国家卫生健康委", 2020)[0] == "国家卫生健康委员会"
    assert canonical("中华人民共和国海关总署", 2020) == ["海关总署", "中华人民共和国海关总署"]
    assert canonical("中华人民共和国国家知识产权局", 2020)[0] == "国家知识产权局"
    assert canonical("中共中央宣传部", 2020) == ["中共中央宣传部"]
    assert canonical("国家工商总局", 2016)[0] == "国家工商行政管理总局"


def test_full_width_brackets_and_spaces_are_read_as_written():
    assert canonical("新闻出版广电总局（版权局）", 2016) == canonical("新闻出版广电总局(版权局)", 2016)
    assert canonical(" 知识产权局 ", 2016) == ["国家知识产权局", "知识产权局"]


def test_renaming_parenthesis_gives_the_sign_in_force_in_the_year():
    # 2019 要点: copyright is the 宣传部's since 2018
    assert canonical("中央宣传部(国家版权局)", 2019) == ["中共中央宣传部", "国家版权局", "中央宣传部"]
    assert canonical("工业和信息化部(国防科工局)", 2016) == ["工业和信息化部", "国家国防科技工业局"]


def test_a_parenthesis_may_hold_several_signs():
    assert canonical("工业和信息化部(国家航天局、国家原子能机构)", 2020) == [
        "工业和信息化部",
        "国家航天局",
        "国家原子能机构",
    ]
    assert canonical("市场监管总局(国家标准委、专利局)", 2020) is None  # one part is no central body


def test_a_role_in_brackets_is_no_second_name():
    assert canonical("知识产权局(牵头)", 2017) == ["国家知识产权局", "知识产权局"]


def test_one_short_form_reads_as_the_name_in_force_in_the_plan_year():
    assert canonical("中央网信办", 2016)[0] == "中央网络安全和信息化领导小组办公室"
    assert canonical("中央网信办", 2019)[0] == "中央网络安全和信息化委员会办公室"
    assert canonical("广电总局", 2012)[0] == "国家广播电影电视总局"
    assert canonical("广电总局", 2016)[0] == "国家新闻出版广电总局"
    assert canonical("广电总局", 2020)[0] == "国家广播电视总局"
    assert canonical("中央外办", 2015)[0] == "中央外事工作领导小组办公室"
    assert canonical("中央外办", 2022)[0] == "中央外事工作委员会办公室"


def test_in_a_reform_year_the_new_name_wins():
    assert canonical("中央网信办", 2018)[0] == "中央网络安全和信息化委员会办公室"
    assert canonical("广电总局", 2013)[0] == "国家新闻出版广电总局"
    assert canonical("广电总局", 2018)[0] == "国家广播电视总局"


def test_without_a_year_the_name_in_force_today():
    assert canonical("中央网信办", None)[0] == "中央网络安全和信息化委员会办公室"
    assert central_body("知识产权局").kind == "direct-agency"


def test_a_leftover_name_keeps_the_body_it_names():
    # a 2019 plan writing 工商总局, a 2020 one writing 银监会: still those bodies
    assert canonical("工商总局", 2019) == ["国家工商行政管理总局", "工商总局"]
    assert canonical("银监会", 2020)[0] == "中国银行业监督管理委员会"
    assert canonical("卫生计生委", 2021)[0] == "国家卫生和计划生育委员会"
    assert central_body("工商总局", 2019).to_year == 2018


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("工商总局", ["国家市场监督管理总局"]),
        ("质检总局", ["国家市场监督管理总局", "海关总署"]),
        ("食品药品监管总局", ["国家市场监督管理总局", "国家药品监督管理局"]),
        ("环境保护部", ["生态环境部"]),
        ("卫生计生委", ["国家卫生健康委员会"]),
        ("文化部", ["文化和旅游部"]),
        ("旅游局", ["文化和旅游部"]),
        ("农业部", ["农业农村部"]),
        ("林业局", ["国家林业和草原局"]),
        ("法制办", ["司法部"]),
        ("新闻出版广电总局", ["国家广播电视总局", "中共中央宣传部"]),
        ("银监会", ["中国银行保险监督管理委员会"]),
        ("保监会", ["中国银行保险监督管理委员会"]),
        ("安全监管总局", ["应急管理部"]),
        ("国土资源部", ["自然资源部"]),
        ("监察部", ["国家监察委员会"]),
    ],
)
def test_2018_reform_successors(old, new):
    assert successors(old) == new
    assert central_body(old, 2017).to_year == 2018
    for n in new:
        assert central_body(old, 2017).name in predecessors(n)


def test_2023_reform():
    assert successors("银保监会", 2024) == ["国家金融监督管理总局"]
    assert predecessors("金融监管总局", 2017) == ["中国银行业监督管理委员会", "中国保险监督管理委员会"]
    assert central_body("银保监会", 2020).to_year == 2023
    ipo = [central_body("知识产权局", y) for y in (2017, 2019, 2024)]
    assert [(b.kind, b.managed_by) for b in ipo] == [
        ("direct-agency", None),
        ("national-bureau", "国家市场监督管理总局"),
        ("direct-agency", None),
    ]
    assert central_body("证监会", 2020).kind == "institution"
    assert central_body("证监会", 2024).kind == "direct-agency"
    assert central_body("数据局", 2024).managed_by == "国家发展和改革委员会"
    assert central_body("国家信访局", 2024).kind == "direct-agency"
    assert central_body("国务院港澳办", 2024).sign_of == "中共中央港澳工作办公室"
    # 国发〔2023〕5号: signs moved or kept
    assert central_body("国家外专局", 2020).sign_of == "科学技术部"
    assert central_body("国家外专局", 2024).sign_of == "人力资源和社会保障部"
    assert central_body("乡村振兴局", 2022).kind == "national-bureau"
    assert central_body("乡村振兴局", 2024).sign_of == "农业农村部"
    assert "国家反垄断局" in central_body("市场监管总局", 2024).signs


def test_successors_follow_later_reforms_to_the_year():
    assert successors("食品药品监管局", 2015) == ["国家食品药品监督管理总局"]
    assert successors("食品药品监管局", 2020) == ["国家市场监督管理总局", "国家药品监督管理局"]
    assert successors("知识产权局", 2020) == []  # still in force
    assert predecessors("市场监管总局", 2019) == []


def test_signs_carried():
    assert central_body("版权局", 2012).sign_of == "新闻出版总署"
    assert central_body("版权局", 2016).sign_of == "国家新闻出版广电总局"
    assert central_body("版权局", 2019).sign_of == "中共中央宣传部"
    assert "国家版权局" in central_body("新闻出版广电总局", 2016).signs
    assert {"国家版权局", "国家新闻出版署", "国家电影局"} <= set(central_body("中宣部", 2019).signs)
    assert "国家外国专家局" in central_body("科技部", 2020).signs
    assert central_body("国家外国专家局", 2016).managed_by == "人力资源和社会保障部"


@pytest.mark.parametrize(
    ("written", "year", "english"),
    [
        ("知识产权局", 2016, "State Intellectual Property Office"),
        ("知识产权局", 2020, "China National Intellectual Property Administration"),
        ("市场监管总局", 2020, "State Administration for Market Regulation"),
        ("工商总局", 2016, "State Administration for Industry and Commerce"),
        ("新闻出版广电总局", 2016, "State Administration of Press, Publication, Radio, Film and Television"),
        ("版权局", 2020, "National Copyright Administration"),
        ("高法院", 2020, "Supreme People's Court"),
        ("贸促会", 2020, "China Council for the Promotion of International Trade"),
        ("税务总局", 2016, "State Administration of Taxation"),
        ("税务总局", 2020, "State Taxation Administration"),
        ("中央军委装备发展部", 2017, "Equipment Development Department of the Central Military Commission"),
    ],
)
def test_english_names(written, year, english):
    assert central_body(written, year).english == english


def test_accepted_names_and_years():
    b = central_body("卫生计生委", 2016)
    assert b.accepted[0] == "国家卫生和计划生育委员会" and "卫生计生委" in b.accepted
    assert (b.from_year, b.to_year) == (2013, 2018)
    assert b.predecessors == ("卫生部", "国家人口和计划生育委员会")


@pytest.mark.parametrize(
    "written",
    [
        "市知识产权局",
        "北京市知识产权局",
        "省知识产权局",
        "各地知识产权局",
        "市市场监管局(知识产权局)",
        "知识产权局(北京市知识产权局)",
        "区委宣传部",
        "厦门市人民政府",
        "杭州海关",
        "国家知识产权局商标局",
        "专利局",
        "有关部门",
        "",
    ],
)
def test_names_that_are_not_central_bodies(written):
    assert canonical(written, 2020) is None
    assert central_body(written, 2020) is None


def test_every_kind_asked_for_is_present():
    table = tomllib.loads(ontology_file("central_bodies.toml").read_text(encoding="utf-8"))
    present = {b["kind"] for b in table["body"]} | {
        p["kind"] for b in table["body"] for p in b.get("periods", []) if "kind" in p
    }
    assert present == set(kinds())


def test_reforms_are_recorded_both_ways():
    table = parse_table(ontology_file("central_bodies.toml").read_text(encoding="utf-8"))
    bodies = table["bodies"]
    for name, b in bodies.items():
        for s in b.get("successors", []):
            assert name in bodies[s].get("predecessors", []), (name, s)
            assert b.get("to") is not None, name  # only an abolished name has successors
        for p in b.get("predecessors", []):
            assert name in bodies[p].get("successors", []), (name, p)
        assert b.get("from", 0) <= b.get("to", 9999), name


def test_a_broken_table_fails_naming_the_file_and_body():
    text = '[kinds]\nsign = "牌子"\n[[body]]\nname = "国家版权局"\nenglish = "x"\nkind = "sign"\nsign_of = "中宣部"\n'
    with pytest.raises(ValueError, match=r"central_bodies\.toml: 国家版权局 refers to '中宣部'"):
        parse_table(text)
    clash = (
        '[kinds]\nparty = "党"\n'
        '[[body]]\nname = "甲"\nenglish = "a"\nkind = "party"\nshort = ["中央外办"]\nto = 2018\n'
        '[[body]]\nname = "乙"\nenglish = "b"\nkind = "party"\nshort = ["中央外办"]\nfrom = 2017\n'
    )
    with pytest.raises(ValueError, match="'中央外办' names both 甲 and 乙"):
        parse_table(clash)


def test_the_table_ships_with_the_package():
    root = Path(__file__).resolve().parents[1]
    pyproject = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    assert "*.toml" in pyproject["tool"]["setuptools"]["package-data"]["ipgraph.ontology"]
    assert ontology_file("central_bodies.toml").is_file()


def _a_year_in_force(body: dict) -> int:
    start, end = body.get("from"), body.get("to")
    if end is None:
        return max(start or 2013, 2013)
    return end - 1 if start is None or end - 1 >= start else end


def test_every_name_and_short_form_in_the_table_reads_back_as_its_body():
    table = parse_table(ontology_file("central_bodies.toml").read_text(encoding="utf-8"))
    for name, body in table["bodies"].items():
        year = _a_year_in_force(body)
        for written in [name, *body.get("short", [])]:
            assert canonical(written, year)[0] == name, (written, year)
