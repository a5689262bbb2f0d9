"""Issue 13: the place of a plan from all the evidence, and never a silent merge.

One rule per test, each on a snippet of a real document (tests/data/web, the samples); the last
tests build plans of several places, some with no place evidence, into one graph.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from rdflib import Literal

from ipgraph.dataset import build
from ipgraph.model import PlanMeta
from ipgraph.rdf import IPG, plan_id
from ipgraph.reading.fields import portal_fields
from ipgraph.reading.metadata import read_meta_and_place
from ipgraph.reading.place import docnumber_place, find_place, user_place
from ipgraph.reading.reader import read_text
from ipgraph.reading.structure import body_bounds, without_contents
from ipgraph.text import strip_ruby, view

WEB = Path(__file__).parent / "data" / "web" / "plans"


def meta_of(doc: str):
    v = view(doc)
    start, end = body_bounds(without_contents(v))
    if start == len(v):
        start = end = len(v)
    return read_meta_and_place(doc, v, start, end)


# --- the place -------------------------------------------------------------------------------
def test_place_in_the_title_after_its_year():  # 2022年上海市…工作要点
    assert find_place(title="2022年上海市知识产权强市建设工作要点").region.full_name == "上海市"


def test_place_from_the_signature_when_the_title_writes_the_district_short():  # web_minhe_2022
    meta, place = meta_of((WEB / "web_minhe_2022.txt").read_text(encoding="utf-8"))
    assert meta.region == "海东市民和回族土族自治县"
    assert [e.source for e in place.evidence] == ["signature"]  # 民和县 is no division's name


def test_national_from_the_signature_of_a_central_body():  # web_national_2017_tuijin
    meta, place = meta_of((WEB / "web_national_2017_tuijin.txt").read_text(encoding="utf-8"))
    assert (meta.region, meta.admin_level) == ("中华人民共和国", "national")
    assert place.evidence[0].source == "signature"


def test_only_inner_mongolia_has_leagues():  # web_neimenggu_2017_shuangda: 各盟行政公署, title 全区
    meta, place = meta_of((WEB / "web_neimenggu_2017_shuangda.txt").read_text(encoding="utf-8"))
    assert (meta.region, meta.admin_level) == ("内蒙古自治区", "province")
    assert place.evidence[0].source == "addressees"


def test_national_from_the_addressees_of_central_bodies():
    p = find_place(head="各省、自治区、直辖市和新疆生产建设兵团知识产权局:")
    assert p.national and p.resolved


def test_document_number_prefix_of_a_central_body_is_national():  # 国办发〔2013〕36号
    assert find_place(doc_number="国办发〔2013〕36号").national


def test_document_number_prefix_names_a_district_by_its_short_name():  # 大足府发〔2025〕12号
    national, places = docnumber_place("大足府发〔2025〕12号")
    assert not national and [r.full_name for r in places] == ["重庆市大足区"]


def test_a_prefix_shared_by_two_places_decides_nothing():  # 宁: 宁夏 and 南京
    p = find_place(doc_number="宁政发〔2020〕3号")
    assert not p.resolved


def test_the_place_its_bodies_name_most():  # a task table with no title: 人行泸州市分行, 泸州市…
    body = "(一)加强金融支持。(人行泸州市分行、泸州市财政局负责)\n(二)开展执法。(泸州市市场监管局负责)"
    p = find_place(body=body)
    assert p.region.full_name == "泸州市" and p.evidence[0].source == "bodies named"


def test_no_evidence_is_no_place_not_the_nation():  # the failure issue 13 found
    p = find_place(title="2024年知识产权工作要点", body="(市市场监管局牵头)")
    assert not p.resolved and not p.national and p.region is None


def test_two_places_in_the_documents_own_words_conflict():
    p = find_place(signed=["厦门市人民政府", "福州市人民政府"])
    assert not p.resolved and "conflicts" in p.problem


def test_a_user_sets_the_place_by_its_full_name():
    assert user_place("泸州市").region.province == "四川省"


# --- metadata in the layouts real pages have ---------------------------------------------------
def test_portal_block_printed_as_a_bracket_table():  # web_dazu_2025
    f = portal_fields(
        [
            "[ 发布机构 ] | 大足区政府办公室 | [ 发布日期 ] | 2025-07-02 |",
            "[ 成文日期 ] | 2025-06-23 | [ 有效性 ] |",
        ]
    )
    assert f == {"发布机构": "大足区政府办公室", "发布日期": "2025-07-02", "成文日期": "2025-06-23"}


def test_portal_fields_are_never_issuers_and_the_signed_date_wins():  # web_dazu_2025
    meta, _ = meta_of((WEB / "web_dazu_2025.txt").read_text(encoding="utf-8"))
    assert meta.issuers == ["重庆市大足区人民政府"] and meta.issue_date == "2025-06-23"
    assert meta.title == "重庆市大足区知识产权强区行动计划(2025—2027年)"


def test_leaked_pinyin_ruby_is_removed():  # web_hebei_2024_panhuo
    assert strip_ruby(
        "河北省知識(shí)產(chǎn)權(quán)局關於印發(fā)《高校和科研機構(gòu)存量專利盤活工作實施方案》"
    ) == ("河北省知識產權局關於印發《高校和科研機構存量專利盤活工作實施方案》")


def test_prose_names_every_co_issuer_when_the_signature_is_cut():  # web_hebei_2024_panhuo
    meta, _ = meta_of(strip_ruby((WEB / "web_hebei_2024_panhuo.txt").read_text(encoding="utf-8")))
    assert len(meta.issuers) == 8 and meta.issuers[6] == "河北省人民政府国有资产监督管理委员会"


def test_a_news_repost_names_its_issuers_in_prose():  # web_sichuan_2022_qiangsheng: 省委、省政府印发了
    meta, _ = meta_of((WEB / "web_sichuan_2022_qiangsheng.txt").read_text(encoding="utf-8"))
    assert meta.issuers == ["中共四川省委", "四川省人民政府"]
    assert meta.references == ["知识产权强国建设纲要(2021—2035年)"]  # 《纲要》 is the plan itself


def test_an_opinion_issued_directly_has_its_whole_heading_as_title():  # web_national_2016_qiangshi
    meta, _ = meta_of((WEB / "web_national_2016_qiangshi.txt").read_text(encoding="utf-8"))
    assert meta.title == "国家知识产权局关于加快建设知识产权强市的指导意见"
    assert meta.issuers == ["国家知识产权局"] and meta.issue_date is None


def test_a_title_on_one_line_with_the_addressees():  # web_taian_2019_pinpai
    meta, _ = meta_of((WEB / "web_taian_2019_pinpai.txt").read_text(encoding="utf-8"))
    assert meta.title == "泰安市人民政府 关于加强泰山(泰安)品牌建设的实施意见"
    assert (meta.region, meta.issue_date) == ("泰安市", "2019-01-14")


def test_a_cited_title_in_the_preamble_is_not_the_plans_title():  # web_national_2013_tuijin
    meta, _ = meta_of((WEB / "web_national_2013_tuijin.txt").read_text(encoding="utf-8"))
    assert meta.title == "" and meta.period == [2013, 2013]
    assert meta.issuers == ["国家知识产权战略实施工作部际联席会议办公室"]  # the byline


def test_a_sites_today_widget_is_no_date():  # web_national_2013_shuangda: 2024年06月16日 / 星期日
    meta, _ = meta_of((WEB / "web_national_2013_shuangda.txt").read_text(encoding="utf-8"))
    assert meta.issue_date == "2013-05-17"


def test_a_table_of_contents_gives_no_measures():  # web_sichuan_2021_shisiwu
    r = read_text((WEB / "web_sichuan_2021_shisiwu.txt").read_text(encoding="utf-8"))
    assert r.measures == [] and r.meta.doc_number == "川府发〔2021〕48号"
    assert "no numbered measures: metadata only" in r.warnings


def test_an_item_after_a_label_on_its_line_is_an_item():  # web_national_2013_tuijin: 工作措施:1.…
    r = read_text((WEB / "web_national_2013_tuijin.txt").read_text(encoding="utf-8"))
    assert [m.path for m in r.measures] == ["1.1", "1.2", "1.3", "1.4", "1.5", "1.6"]


def test_central_bodies_are_named_as_they_were_in_the_plans_year():  # web_national_2017_tuijin
    r = read_text((WEB / "web_national_2017_tuijin.txt").read_text(encoding="utf-8"))
    names = [x.canonical[0] for x in r.measures[0].responsible]
    assert names == ["国家知识产权局", "国家工商行政管理总局", "国家新闻出版广电总局"]


# --- never a silent merge -----------------------------------------------------------------------
ANNUAL = "2024年知识产权工作要点\n一、强化保护\n(一)加强行政执法。(市市场监管局牵头,市公安局配合)\n"
TABLE = "重点任务\n一、强化保护\n(一)推进快速维权。(市市场监管局、市司法局负责)\n"


def test_local_bodies_of_unknown_places_are_never_one_node(tmp_path: Path):
    (tmp_path / "a.txt").write_text(ANNUAL, encoding="utf-8")
    (tmp_path / "b.txt").write_text(TABLE, encoding="utf-8")
    sample = Path(__file__).parent.parent / "samples" / "plans" / "001_ea0fa33b9b77872c.txt"
    (tmp_path / "xiamen.txt").write_text(sample.read_text(encoding="utf-8"), encoding="utf-8")
    result = build([tmp_path], jobs=1)
    assert result.ok and len(result.readings) == 3
    ds = result.dataset
    q = """PREFIX ipg: <https://w3id.org/ipgraph/ontology#>
    SELECT DISTINCT ?a ?region WHERE { ?r ipg:agency ?a . ?a ipg:jurisdiction ?region }"""
    places: dict[str, set[str]] = {}
    for a, region in ds.query(q):
        places.setdefault(str(a), set()).add(str(region))
    assert all(len(v) == 1 for v in places.values())  # no node serves two jurisdictions
    market = [a for a in places if a.endswith("市场监督管理局")]
    assert len(market) == 3  # Xiamen's, and one kept to each plan of unknown place
    unresolved = ds.query(
        "PREFIX ipg: <https://w3id.org/ipgraph/ontology#> SELECT ?p WHERE { ?p ipg:placeUnresolved true ; a ipg:Plan }"
    )
    assert len(list(unresolved)) == 2


def test_build_warns_once_per_unresolved_plan_and_region_resolves_it(tmp_path: Path):
    (tmp_path / "a.txt").write_text(ANNUAL, encoding="utf-8")
    (tmp_path / "b.txt").write_text(TABLE, encoding="utf-8")
    out = tmp_path / "g.trig"
    cmd = [
        sys.executable,
        "-m",
        "ipgraph",
        "build",
        str(tmp_path / "a.txt"),
        str(tmp_path / "b.txt"),
        "-o",
        str(out),
    ]
    run = subprocess.run(cmd, capture_output=True, text=True, timeout=300, cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    warned = [ln for ln in run.stderr.splitlines() if "place unresolved" in ln]
    assert len(warned) == 2 and "2 local body(ies)" in warned[0]
    run = subprocess.run(
        [*cmd, "--region", f"{tmp_path / 'a.txt'}=泸州市"],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=tmp_path,
    )
    assert run.returncode == 0, run.stderr
    assert sum("place unresolved" in ln for ln in run.stderr.splitlines()) == 1
    rows = subprocess.run(
        [sys.executable, "-m", "ipgraph", "query", "unresolved-places", "-g", str(out), "-f", "csv"],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=tmp_path,
    ).stdout.splitlines()
    assert rows[0] == "plan,source_file,problem,local_bodies" and len(rows) == 2 and rows[1].endswith(",2")


def test_a_places_file_beside_the_plans_sets_their_place(tmp_path: Path):
    (tmp_path / "a.txt").write_text(ANNUAL, encoding="utf-8")
    (tmp_path / "ipgraph-places.toml").write_text('"a.txt" = "泸州市"\n', encoding="utf-8")
    result = build([tmp_path], jobs=1)
    (reading,) = result.readings
    assert reading.meta.region == "泸州市" and not reading.meta.place_problem
    resp = reading.measures[0].responsible[0]
    assert resp.canonical[0] == "泸州市市场监督管理局" and not resp.scoped


def test_two_untitled_plans_of_unknown_place_are_two_plans():
    meta = PlanMeta("", "", None, "city", None, [], None, None, [], place_problem="no place")
    assert plan_id(meta, "a" * 64) != plan_id(meta, "b" * 64)


def test_an_unresolved_plan_is_typed_so_in_the_graph():
    from ipgraph.rdf import plan_graph

    g = plan_graph(read_text(ANNUAL, source="a.txt"))
    assert (None, IPG.placeUnresolved, Literal(True)) in g
