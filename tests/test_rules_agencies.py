"""Canonical names of units, one genre rule per test (snippets as plans of other cities write them)."""

from __future__ import annotations

from ipgraph.hierarchy import parent
from ipgraph.reading.agencies import Jurisdiction, canonical_names


def first(name: str, region: str) -> str:
    return canonical_names(name, Jurisdiction.of_region(region))[0]


def test_a_countys_bodies_carry_only_the_countys_name() -> None:
    # （县市场监管局牵头，县科技局、县经信局配合） in a 长兴县 plan
    assert first("县市场监管局", "长兴县") == "长兴县市场监督管理局"
    assert first("县法院", "长兴县") == "长兴县人民法院"
    assert first("县委宣传部", "长兴县") == "中共长兴县委宣传部"


def test_a_city_districts_bodies_carry_the_city() -> None:
    assert first("区市场监管局", "福州市仓山区") == "福州市仓山区市场监督管理局"
    assert first("区农业农村委", "重庆市渝北区") == "重庆市渝北区农业农村委员会"


def test_a_bare_town_government_is_every_town_of_the_district() -> None:
    # （…配合单位：区农业农村局、各街道办事处、镇人民政府）: no town is named, so all of them are
    assert first("镇人民政府", "泸州市江阳区") == "泸州市江阳区各镇人民政府"
    assert first("乡镇人民政府", "长兴县") == "长兴县各乡镇人民政府"
    assert first("和平镇人民政府", "长兴县") != "长兴县各和平镇人民政府"


def test_a_second_name_in_any_bracket_is_one_body() -> None:
    # 市市场监管局〔知识产权局〕 / 【知识产权局】 as web reposts write it: one body, as with (…)
    for written in ("市市场监管局(知识产权局)", "市市场监管局〔知识产权局〕", "市市场监管局【知识产权局】"):
        names = canonical_names(written, Jurisdiction.of_region("西安市"))
        assert names[0] == "西安市市场监督管理局" and "西安市知识产权局" in names


def test_shi_in_a_county_level_citys_plan_is_that_city() -> None:
    # （责任单位：市市场监管局、市法院…） in a 义乌市 plan: 义乌's own bodies, not 金华's
    assert first("市市场监管局", "义乌市") == "义乌市市场监督管理局"
    assert first("市法院", "义乌市") == "义乌市人民法院"


def test_shi_in_a_countys_plan_is_its_prefecture() -> None:
    assert first("市市场监管局", "长兴县") == "湖州市市场监督管理局"


def test_a_county_bodys_parent_is_the_county_government() -> None:
    assert parent("长兴县市场监督管理局") == "长兴县人民政府"
    assert parent("长兴县人民政府") == "湖州市人民政府"
    assert parent("福州市仓山区科学技术局") == "福州市仓山区人民政府"


def test_shizheng_is_one_word_only_before_what_a_shizheng_body_runs() -> None:
    assert first("市政务服务和大数据管理局", "襄阳市") == "襄阳市政务服务和大数据管理局"
    assert first("市市政园林局", "襄阳市") == "襄阳市市政园林局"


def test_shizhengfu_inside_a_name_is_the_peoples_government() -> None:
    assert first("市政府督查室", "赣州市") == "赣州市人民政府督查室"
    assert first("市政府国资委", "襄阳市") == "襄阳市人民政府国有资产监督管理委员会"
    assert first("市政府外办", "襄阳市") == "襄阳市人民政府外事办公室"


def test_a_final_wei_is_a_committee() -> None:
    # 区农业农村委, 区城乡建设委 (Chongqing's districts write their committees so)
    assert first("区城乡建设委", "重庆市渝北区") == "重庆市渝北区城乡建设委员会"
    assert first("区经济信息委", "重庆市渝北区") == "重庆市渝北区经济和信息化委员会"


def test_a_countys_development_zone_carries_the_countys_name() -> None:
    assert first("县经开区管委会", "长兴县") == "长兴经济技术开发区管理委员会"
    assert first("市高新区管委会", "长兴县") == "湖州高新技术产业开发区管理委员会"
    assert first("高新区管委会", "福州市仓山区") == "福州高新技术产业开发区管理委员会"
    assert first("长兴经济技术开发区管委会", "长兴县") == "长兴经济技术开发区管理委员会"


def test_two_zones_under_one_committee_give_both_names() -> None:
    # 东津新区(经开区)、高新区管委会: the first item takes the list's suffix
    assert canonical_names("东津新区(经开区)管委会", Jurisdiction.of_region("襄阳市")) == [
        "襄阳东津新区管理委员会",
        "襄阳经济技术开发区管理委员会",
    ]


def test_a_districts_police_is_a_branch_of_the_citys_public_security_bureau() -> None:
    assert first("公安渝北分局", "重庆市渝北区") == "重庆市公安局渝北区分局"
    assert first("区公安分局", "重庆市渝北区") == "重庆市公安局渝北区分局"
    assert first("县公安局", "长兴县") == "长兴县公安局"


def test_a_financial_regulation_sub_bureau_is_the_national_administrations() -> None:
    assert first("赣州金融监管分局", "赣州市") == "国家金融监督管理总局赣州监管分局"


def test_culture_broadcasting_tourism_short_forms() -> None:
    assert first("市文广旅游局", "襄阳市") == "襄阳市文化广电旅游局"
    assert first("市文广新旅局", "襄阳市") == "襄阳市文化广电新闻出版旅游局"


def test_zhou_in_an_autonomous_prefectures_plan_is_the_prefecture() -> None:
    assert first("州市场监管局", "延边朝鲜族自治州") == "延边朝鲜族自治州市场监督管理局"
    assert first("州委宣传部", "延边朝鲜族自治州") == "中共延边朝鲜族自治州委宣传部"


def test_zhou_elsewhere_is_not_a_place() -> None:
    # 州 starts no place in a 市's plan: the name is kept under the plan's city
    assert first("州桥管理处", "苏州市") == "苏州市州桥管理处"


def test_the_plans_own_county_written_short_is_its_place() -> None:
    # 江阴海关, 江阴金融监管支局 in 江阴市's plan: not Wuxi's offices
    assert first("江阴海关", "江阴市") == "中华人民共和国江阴海关"
    assert first("仓山公安分局", "福州市仓山区") == "福州市公安局仓山区分局"


def test_a_place_written_short_before_jinrong_jianguan_is_the_national_regulator() -> None:
    assert first("安徽金融监管局", "合肥市") == "国家金融监督管理总局安徽监管局"
    assert first("江阴金融监管支局", "江阴市") == "国家金融监督管理总局江阴监管支局"
    assert first("市金融监管局", "合肥市") == "合肥市地方金融监督管理局"  # 市…: the local bureau


def test_human_resources_and_social_security_written_without_he() -> None:
    assert first("市人力资源社会保障局", "合肥市") == "合肥市人力资源和社会保障局"


def test_an_autonomous_county_written_without_its_peoples_names() -> None:
    # 融水、三江自治县人民政府: the official names carry the ethnic groups
    assert first("三江自治县人民政府", "柳州市") == "三江侗族自治县人民政府"


def test_a_bureaus_own_divisions_are_named_under_it() -> None:
    # (牵头部门:法规科、稽查科(竞争科)、知产保护科;…) in a plan the 徐汇区 market bureau alone issued, 2025
    ctx = Jurisdiction.of_region("上海市徐汇区", 2025, ["上海市徐汇区市场监督管理局"])
    assert canonical_names("法规科", ctx) == ["上海市徐汇区市场监督管理局法规科"]
    assert canonical_names("稽查科(竞争科)", ctx) == [  # one division under two names
        "上海市徐汇区市场监督管理局稽查科",
        "上海市徐汇区市场监督管理局竞争科",
    ]
    assert canonical_names("区财政局预算科", ctx)[0] == "上海市徐汇区财政局预算科"  # names its own bureau


def test_a_governments_plan_gives_no_bureau_to_a_division() -> None:
    ctx = Jurisdiction.of_region("上海市徐汇区", 2025, ["上海市徐汇区人民政府"])
    assert canonical_names("法规科", ctx) == ["上海市徐汇区法规科"]  # whose division it is: not said


def test_a_party_body_written_in_full_keeps_its_own_place() -> None:
    # a signer 中共四川省委金融委员会办公室; a clause's 中共福建省委宣传部 in a Xiamen plan
    assert first("中共四川省委金融委员会办公室", "四川省") == "中共四川省委金融委员会办公室"
    assert first("中共福建省委宣传部", "厦门市") == "中共福建省委宣传部"  # not 厦门市中共福建省委宣传部
    assert first("中共厦门市委员会", "厦门市") == "中共厦门市委"


def test_a_county_level_collective_written_with_its_alternatives() -> None:
    # (各区、县(市)知识产权局负责) in a Shaoxing plan: 县(市)知识产权局 is every county's and city's
    assert first("县(市)知识产权局", "绍兴市") == "绍兴市各县(市)知识产权局"
