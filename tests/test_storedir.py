"""The on-disk store beside the dataset: made by build, opened read-only when it matches the
file, made again when it does not (a digest, not a date), never a stale answer."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import PLANS

from ipgraph import storedir
from ipgraph.dataset import build
from ipgraph.store import OxigraphStore, open_store

PLANS_QUERY = "SELECT (COUNT(?p) AS ?n) WHERE { ?p a <https://w3id.org/ipgraph/ontology#Plan> }"


def _plans(path: Path, folder: Path | None = None) -> int:
    store = OxigraphStore(storedir.open_dir(path, folder), union_default=True)
    return int(store.select_values(PLANS_QUERY).rows[0][0])


@pytest.fixture
def graph(tmp_path: Path) -> Path:
    out = tmp_path / "graph.trig"
    build(sorted(PLANS.glob("*.txt")), jobs=1, check=False, output=out)
    return out


def test_build_writes_a_store_that_matches_the_file(graph):
    folder = storedir.default_dir(graph)
    meta = json.loads((folder / storedir.META).read_text("utf-8"))
    assert meta["sha256"] == storedir.file_digest(graph)
    store = open_store(graph)
    assert isinstance(store, OxigraphStore) and store.union_default
    assert int(store.select_values(PLANS_QUERY).rows[0][0]) == 5
    assert len(store) == build(sorted(PLANS.glob("*.txt")), jobs=1, check=False).triples


def test_a_store_that_does_not_match_is_made_again(graph, tmp_path, caplog):
    two = tmp_path / "two.trig"
    build(sorted(PLANS.glob("*.txt"))[:2], jobs=1, check=False, output=two, store_dir=False)
    shutil.copy(two, graph)  # the file changed, its store did not
    with caplog.at_level("INFO", logger="ipgraph"):
        assert _plans(graph) == 2
    assert "does not match" in caplog.text
    assert json.loads((storedir.default_dir(graph) / storedir.META).read_text("utf-8"))["sha256"] == (
        storedir.file_digest(graph)
    )


def test_a_missing_store_is_made_and_store_dir_is_honoured(tmp_path):
    out = tmp_path / "g.trig"
    build(sorted(PLANS.glob("*.txt")), jobs=1, check=False, output=out, store_dir=tmp_path / "elsewhere")
    assert (tmp_path / "elsewhere" / storedir.META).is_file()
    assert not storedir.default_dir(out).exists()
    assert _plans(out, tmp_path / "elsewhere") == 5
    assert _plans(out) == 5  # the default place: made on first use
    assert storedir.default_dir(out).is_dir()


def test_a_file_not_touched_since_it_was_hashed_is_not_hashed_again(graph, monkeypatch):
    def no_hashing(path):
        raise AssertionError(f"{path} hashed again although its stat record is unchanged")

    monkeypatch.setattr(storedir, "file_digest", no_hashing)
    assert _plans(graph) == 5


def test_a_file_rewritten_in_place_with_its_old_size_and_mtime_is_hashed_again(graph):
    """Size and mtime can be put back by any tool (cp -p, touch -r); the ctime cannot."""
    assert _plans(graph) == 5
    before = graph.stat()
    data = bytearray(graph.read_bytes())
    i = data.index(b"spanStart ") + len(b"spanStart ")
    data[i] = ord("1") if data[i] != ord("1") else ord("2")  # a span start changed, same size
    graph.write_bytes(bytes(data))
    import os

    os.utime(graph, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert graph.stat().st_size == before.st_size and graph.stat().st_mtime_ns == before.st_mtime_ns
    store = OxigraphStore(storedir.open_dir(graph), union_default=True)
    assert json.loads((storedir.default_dir(graph) / storedir.META).read_text("utf-8"))["sha256"] == (
        storedir.file_digest(graph)
    )
    assert int(store.select_values(PLANS_QUERY).rows[0][0]) == 5


def test_a_copied_file_with_the_same_bytes_keeps_its_store(graph, tmp_path, caplog):
    copy = tmp_path / "copy" / "graph.trig"
    copy.parent.mkdir()
    shutil.copy(graph, copy)
    shutil.copytree(storedir.default_dir(graph), storedir.default_dir(copy))
    with caplog.at_level("INFO", logger="ipgraph"):
        assert _plans(copy) == 5
    assert "making it" not in caplog.text  # the same digest: the store is kept, its stat recorded
    meta = json.loads((storedir.default_dir(copy) / storedir.META).read_text("utf-8"))
    assert meta["stat"] == storedir.stat_record(copy)
