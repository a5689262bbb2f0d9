"""Plans through time (issue 16): one city in two editions (2014, 2021: before and after the 2018
reform) and a second city (tests/data/history). One rule per test."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest
from conftest import ROOT

from ipgraph.dataset import build, read_parts
from ipgraph.history import AgencyRules, find_merges, load_rules
from ipgraph.querypack import query
from ipgraph.similarity import similar_measures
from ipgraph.store import open_store

HISTORY = ROOT / "tests" / "data" / "history"
IPG = "https://w3id.org/ipgraph/ontology#"
AGENCY = "https://w3id.org/ipgraph/id/agency/"
OLD = "漳州市知识产权强市建设工作方案(2014-2016年)"
NEW = "漳州市知识产权强市建设工作方案(2021-2025年)"


def rows(df: pd.DataFrame, columns: list[str] | None = None) -> list[tuple]:
    cols = columns or list(df.columns)
    return [tuple(None if pd.isna(v) else v for v in r) for r in df[cols].itertuples(index=False, name=None)]


@pytest.fixture(scope="module")
def graph(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("history") / "graph.trig"
    result = build([HISTORY], jobs=1, output=out)
    assert result.ok, result.validation
    return out


@pytest.fixture(scope="module")
def store(graph):
    return open_store(graph)


def test_alias_written_alone_after_the_reform_is_merged_with_its_evidence(graph):
    merges = find_merges(*read_parts(graph))
    assert [(m.alias, m.agency, m.rule, m.valid_from) for m in merges] == [
        (f"{AGENCY}漳州市知识产权局", f"{AGENCY}漳州市市场监督管理局", "sign", "2018-03-17")
    ]
    assert set(merges[0].written) == {"市市场监管局(知识产权局)", "市知识产权局"}
    assert len(merges[0].plans) == 1  # the 2021 plan: it brackets the name and writes it alone


def test_a_2014_plan_keeps_its_own_ip_office(store):
    df = query(store, "agency-deadlines", as_of="2023-01-01")
    by_plan = {(r[0], r[1]) for r in rows(df, ["plan", "agency"])}
    assert (OLD, "漳州市知识产权局") in by_plan and (OLD, "漳州市市场监督管理局") not in by_plan
    assert (NEW, "漳州市市场监督管理局") in by_plan and (NEW, "漳州市知识产权局") not in by_plan


def test_merges_never_cross_places(graph):
    parts, shared = read_parts(graph)
    rules = AgencyRules(force=frozenset({("莆田市市场监督管理局", "漳州市市场监督管理局")}))
    assert all("莆田" not in m.alias + m.agency for m in find_merges(parts, shared, rules))


def test_a_forbid_rule_keeps_the_bodies_apart(graph, tmp_path):
    rules = tmp_path / "rules.toml"
    rules.write_text('[[forbid]]\nalias = "漳州市知识产权局"\nagency = "漳州市市场监督管理局"\n', "utf-8")
    assert find_merges(*read_parts(graph), load_rules(rules)) == []


def test_the_reform_is_a_change_event_from_the_old_bureau_to_the_new(store):
    ask = f"""PREFIX org: <http://www.w3.org/ns/org#> PREFIX dcterms: <http://purl.org/dc/terms/>
    SELECT ?d WHERE {{ ?e a org:ChangeEvent ; org:originalOrganization <{AGENCY}漳州市工商行政管理局> ;
                         dcterms:date ?d . <{AGENCY}漳州市市场监督管理局> org:resultedFrom ?e }}"""
    assert [str(r[0]) for r in store.select(ask).rows] == ["2018-03-17"]
    df = query(store, "agency-history", agency="漳州市工商行政管理局")
    assert rows(df, ["agency", "kind", "successor"]) == [
        ("漳州市工商行政管理局", "reform", "漳州市市场监督管理局")
    ]


def test_the_later_edition_replaces_the_earlier(store):
    df = query(store, "plan-editions", city="漳州市")
    assert rows(df, ["plan", "replaces"]) == [(OLD, None), (NEW, OLD)]
    assert set(df["series"]) == {"知识产权强市建设方案"}


def test_targets_line_up_across_editions_and_cities(store):
    df = query(store, "target-trajectory", metric="每万人口发明专利拥有量")
    assert rows(df, ["city", "year", "value"]) == [
        ("漳州市", 2016, 2),
        ("漳州市", 2025, 6),
        ("莆田市", 2025, 5),
    ]


def test_overdue_deadlines_at_a_given_date(store):
    df = query(store, "agency-deadlines", as_of="2023-01-01", agency="漳州市市场监督管理局")
    assert rows(df, ["deadline", "overdue"]) == [("2022-12-31", True), ("2025-12-31", False)]


def test_similar_measures_rank_above_dissimilar(store):
    df = query(store, "similar-measures", plan="莆田市知识产权强市建设工作方案(2022-2025年)")
    enforcement = df[df["measure_path"] == "2.1"]
    assert list(enforcement["other_path"])[:2] == ["2.1", "2.1"] and enforcement["score"].min() > 0.5
    assert "2.2" not in set(df["measure_path"])  # the 鞋服 brand measure has no match in the other city


def test_similarity_ranks_a_rewording_above_another_task():
    measures = [
        ("m:a", "p1", "(一)严厉打击商标侵权和假冒专利行为,开展执法专项行动。〔责任单位:市市场监管局〕"),
        ("m:b", "p2", "(二)严厉打击商标侵权假冒专利违法行为,开展知识产权执法专项行动。(市公安局牵头)"),
        ("m:c", "p3", "(三)建设专利转化运营平台,开展专利开放许可试点。"),
    ]
    best = [s for s in similar_measures(measures, min_score=0) if s.measure == "m:a"]
    assert [s.other for s in best] == ["m:b", "m:c"] and best[0].score > best[1].score


def test_the_history_graph_of_an_update_is_the_full_builds(tmp_path):
    folder = tmp_path / "plans"
    folder.mkdir()
    for p in sorted(HISTORY.glob("*.txt"))[:2]:
        shutil.copy(p, folder / p.name)
    first = tmp_path / "first.trig"
    build([folder], jobs=1, check=False, output=first)
    for p in sorted(HISTORY.glob("*.txt"))[2:]:
        shutil.copy(p, folder / p.name)
    updated, full = tmp_path / "updated.trig", tmp_path / "full.trig"
    result = build([folder], jobs=1, update=first, output=updated)
    assert result.validation.conforms and len(result.readings) == 1
    build([folder], jobs=1, check=False, output=full)
    assert b"graph/history" in full.read_bytes()
    assert updated.read_bytes() == full.read_bytes()


@pytest.mark.parametrize(
    "name", ["agency-history", "plan-editions", "target-trajectory", "agency-deadlines", "similar-measures"]
)
def test_rdflib_and_oxigraph_agree_on_the_history_queries(graph, name):
    params = {"as_of": "2023-01-01"} if name == "agency-deadlines" else {}
    a = query(open_store(graph, "rdflib"), name, **params)
    b = query(open_store(graph, "oxigraph"), name, **params)
    assert len(a) and rows(a) == rows(b)
