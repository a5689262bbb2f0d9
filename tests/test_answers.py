"""Answers kept beside the on-disk store: asked again, the same rows come back without the
store's work; a changed file never gets an old answer; a read-only folder just keeps none."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import PLANS

from ipgraph import answers, storedir
from ipgraph.dataset import build
from ipgraph.querypack import get_query, select
from ipgraph.store import open_store


@pytest.fixture
def graph(tmp_path: Path) -> Path:
    out = tmp_path / "graph.trig"
    build(sorted(PLANS.glob("*.txt")), jobs=1, check=False, output=out, answers=())  # none kept yet
    return out


@pytest.fixture
def keep_every_answer(monkeypatch):
    monkeypatch.setattr(answers, "MIN_SECONDS", 0.0)  # the sample plans answer in milliseconds


def _kept(graph: Path) -> list[Path]:
    return sorted((storedir.default_dir(graph) / answers.FOLDER).glob("*.json"))


def test_an_answer_asked_again_is_the_same_and_read_from_the_store_folder(graph, keep_every_answer):
    spec = get_query("lead-agencies")
    first = select(open_store(graph), spec, {"role": "lead"}, "en")
    assert len(_kept(graph)) == 1
    again = select(open_store(graph), spec, {"role": "lead"}, "en")
    assert again == first and len(first.rows) > 10
    assert [type(v) for v in again.rows[0]] == [type(v) for v in first.rows[0]]


def test_other_parameters_or_language_are_other_answers(graph, keep_every_answer):
    spec = get_query("agency-load")
    zh = select(open_store(graph), spec, {}, "zh")
    en = select(open_store(graph), spec, {}, "en")
    one_city = select(open_store(graph), spec, {"city": "厦门市"}, "en")
    assert len(_kept(graph)) == 3
    assert zh != en and len(one_city.rows) < len(en.rows)
    select(open_store(graph), spec, {"city": "厦门市"}, "zh")  # picked from the kept zh answer
    assert len(_kept(graph)) == 3


def test_a_changed_file_never_gets_an_old_answer(graph, tmp_path, keep_every_answer):
    spec = get_query("plans")
    assert len(select(open_store(graph), spec).rows) == 5
    two = tmp_path / "two.trig"
    build(sorted(PLANS.glob("*.txt"))[:2], jobs=1, check=False, output=two, store_dir=False)
    shutil.copy(two, graph)
    assert len(select(open_store(graph), spec).rows) == 2


def test_a_store_folder_that_cannot_be_written_keeps_no_answer(graph, keep_every_answer):
    """No write permission looks the same to the code as a path taken by a file (root can write anywhere)."""
    assert storedir.open_dir(graph) is not None
    (storedir.default_dir(graph) / answers.FOLDER).write_text("not a folder", encoding="utf-8")
    rows = select(open_store(graph), get_query("plans")).rows
    assert len(rows) == 5 and not _kept(graph)


def test_an_unreadable_answer_file_is_computed_again(graph, keep_every_answer):
    spec = get_query("plans")
    first = select(open_store(graph), spec)
    for path in _kept(graph):
        path.write_text("{not json", encoding="utf-8")
    assert select(open_store(graph), spec) == first
