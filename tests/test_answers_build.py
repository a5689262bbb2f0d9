"""A build keeps the query pack's answers in its store: the first question after it is read,
not computed, and must be exactly what the store computes; a question for one city or agency
picks its rows from that answer, and must be exactly what the query with the parameter gives."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from conftest import PLANS, ROOT

from ipgraph import answers, storedir
from ipgraph.dataset import build
from ipgraph.querypack import get_query, pack, select
from ipgraph.store import OxigraphStore, open_store

HISTORY = ROOT / "tests" / "data" / "history"  # two editions of a city, two cities, aliases, reforms


@pytest.fixture(scope="module", params=["samples", "history"])
def graph(request, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("answers") / "graph.trig"
    files = sorted(PLANS.glob("*.txt")) if request.param == "samples" else [HISTORY]
    build(files, jobs=1, check=False, output=out)
    return out


def _cold(graph: Path) -> OxigraphStore:
    """The on-disk store with no answers to read: every question computed."""
    return OxigraphStore(ox.Store.read_only(str(storedir.default_dir(graph))), union_default=True)


def test_the_build_keeps_one_answer_per_question_equal_to_the_stores_own(graph):
    kept = open_store(graph)
    assert len(list((storedir.default_dir(graph) / answers.FOLDER).glob("*.json"))) == len(pack())
    for name, spec in pack().items():
        assert kept.kept(spec.sparql, _bound(spec)) is not None, name
        assert select(kept, spec) == select(_cold(graph), spec), name


def _bound(spec):
    from ipgraph.querypack import bindings

    return bindings(spec, {}, "zh")


def _values(graph: Path, spec, columns: tuple[str, ...]) -> set[str]:
    whole = select(_cold(graph), spec)
    at = [whole.columns.index(c) for c in columns]
    return {row[i] for row in whole.rows for i in at if row[i] is not None}


@pytest.mark.parametrize(
    "name, param",
    [(n, p.name) for n, s in pack().items() for p in s.params if p.filters],
)
def test_a_parameter_that_filters_picks_the_rows_the_query_gives(graph, name, param):
    """The header's ``filters`` is a promise about the query: checked here for every value."""
    spec = get_query(name)
    values = [*sorted(_values(graph, spec, spec.param(param).filters)), "没有这个地方"]
    kept, cold = open_store(graph), _cold(graph)
    for value in values:
        assert select(kept, spec, {param: value}) == select(cold, spec, {param: value}), (name, value)


def test_in_english_a_chinese_name_is_still_matched_by_the_query(graph):
    """Only Chinese answers are picked from: in English the Chinese name is no column."""
    spec = get_query("plans")
    city = select(_cold(graph), spec).rows[0][0]
    en = select(open_store(graph), spec, {"city": city}, "en")
    assert en == select(_cold(graph), spec, {"city": city}, "en") and en.rows


def test_answers_none_keeps_nothing(tmp_path):
    out = tmp_path / "graph.trig"
    build(sorted(PLANS.glob("*.txt"))[:1], jobs=1, check=False, output=out, answers=())
    assert not (storedir.default_dir(out) / answers.FOLDER).exists()
