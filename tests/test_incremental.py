"""``build --update``: unchanged files are skipped unread, changed plans replaced, and the
result is the graph a full build of the same files gives, byte for byte."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import PLANS

from ipgraph.dataset import build, write_dataset
from ipgraph.store import open_store

SHANGHAI = "004_413121bb9f269da9.txt"
AGENCIES = "SELECT DISTINCT ?a WHERE { ?a a <https://w3id.org/ipgraph/ontology#Agency> }"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "plans"
    folder.mkdir()
    for p in PLANS.glob("*.txt"):
        shutil.copy(p, folder / p.name)
    return folder


@pytest.fixture
def graph(corpus: Path, tmp_path: Path) -> Path:
    out = tmp_path / "graph.trig"
    build([corpus], jobs=1, check=False, output=out)
    return out


def _agencies(path: Path) -> set[str]:
    return {str(row[0]) for row in open_store(path).select(AGENCIES).rows}


def test_nothing_changed_reads_nothing_and_writes_the_same_bytes(corpus, graph, tmp_path):
    out = tmp_path / "again.trig"
    result = build([corpus], jobs=1, update=graph, output=out)
    assert result.readings == [] and len(result.skipped) == 5 and result.plans == 5
    assert result.validation.conforms
    assert out.read_bytes() == graph.read_bytes()


def test_a_changed_plan_is_replaced_and_the_shared_graph_rebuilt(corpus, graph, tmp_path):
    plan = corpus / SHANGHAI
    text = plan.read_text("utf-8")
    assert "市统计局" in text
    plan.write_text(text.replace("市统计局", "市商务委"), "utf-8")  # one agency no other plan names
    before = _agencies(graph)

    updated = tmp_path / "updated.trig"
    result = build([corpus], jobs=1, update=graph, output=updated)
    assert [r.source for r in result.readings] == [SHANGHAI]
    assert len(result.skipped) == 4 and result.plans == 5
    assert result.validation.conforms

    full = tmp_path / "full.trig"
    build([corpus], jobs=1, check=False, output=full)
    assert updated.read_bytes() == full.read_bytes()
    gone = before - _agencies(updated)
    assert gone == {"https://w3id.org/ipgraph/id/agency/上海市统计局"}


def test_a_new_plan_is_added(corpus, tmp_path):
    first = tmp_path / "first.trig"
    (corpus / SHANGHAI).rename(tmp_path / SHANGHAI)
    build([corpus], jobs=1, check=False, output=first)
    shutil.copy(tmp_path / SHANGHAI, corpus / SHANGHAI)
    result = build([corpus / SHANGHAI], jobs=1, update=first, output=first)
    assert result.plans == 5 and len(result.readings) == 1
    full = tmp_path / "full.trig"
    build([corpus], jobs=1, check=False, output=full)
    assert first.read_bytes() == full.read_bytes()


def test_a_file_not_written_by_build_is_refused(corpus, tmp_path):
    plain = tmp_path / "plain.trig"
    write_dataset(build([corpus / SHANGHAI], jobs=1, check=False).dataset, plain)  # rdflib's layout
    with pytest.raises(ValueError, match="rebuild it"):
        build([corpus], jobs=1, update=plain)
    with pytest.raises(FileNotFoundError):
        build([corpus], jobs=1, update=tmp_path / "missing.trig")


def test_cli_update(corpus, graph, tmp_path):
    (corpus / SHANGHAI).write_text((corpus / SHANGHAI).read_text("utf-8") + "\n", "utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "ipgraph", "build", str(corpus), "--update", str(graph), "--jobs", "1"],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=tmp_path,
    )
    assert run.returncode == 0, run.stderr
    assert "read 1 new or changed plan(s), skipped 4 unchanged file(s); 5 plan(s)" in run.stderr


def _full(corpus: Path, out: Path) -> bytes:
    build([corpus], jobs=1, check=False, output=out)
    return out.read_bytes()


def test_a_shared_node_still_used_by_a_kept_plan_stays(corpus, tmp_path):
    # a second plan of the same city (another title) names the same agencies
    text = (corpus / SHANGHAI).read_text("utf-8")
    assert text.count("2023—2025年工作要点") >= 2
    twin = text.replace("2023—2025年工作要点", "2026—2028年工作要点").replace("〔2023〕34号", "〔2026〕12号")
    (corpus / "twin.txt").write_text(twin, "utf-8")  # another 文号 too: the same one would be one plan
    graph = tmp_path / "graph.trig"
    build([corpus], jobs=1, check=False, output=graph)
    before = _agencies(graph)
    (corpus / SHANGHAI).write_text(text.replace("市统计局", "市商务委"), "utf-8")

    result = build([corpus], jobs=1, update=graph, output=graph)
    assert [r.source for r in result.readings] == [SHANGHAI] and result.plans == 6
    assert result.validation.conforms
    assert graph.read_bytes() == _full(corpus, tmp_path / "full.trig")
    after = _agencies(graph)
    assert "https://w3id.org/ipgraph/id/agency/上海市统计局" in after  # the twin still names it
    assert after == before


@pytest.mark.parametrize("name", sorted(p.name for p in PLANS.glob("*.txt")))
def test_a_plan_cut_short_leaves_exactly_what_a_full_build_gives(corpus, graph, tmp_path, name):
    # half the plan gone: many shared nodes (agencies, concepts, documents) lose this plan
    text = (corpus / name).read_text("utf-8")
    (corpus / name).write_text(text[: len(text) // 3], "utf-8")
    result = build([corpus], jobs=1, check=False, update=graph, output=tmp_path / "updated.trig")
    assert len(result.readings) == 1 and not result.failures
    assert (tmp_path / "updated.trig").read_bytes() == _full(corpus, tmp_path / "full.trig")
    # and back again: the nodes come back in their places
    (corpus / name).write_text(text, "utf-8")
    build([corpus], jobs=1, check=False, update=tmp_path / "updated.trig", output=tmp_path / "back.trig")
    assert (tmp_path / "back.trig").read_bytes() == graph.read_bytes()


def test_a_file_left_out_keeps_its_plan(corpus, graph, tmp_path):
    # --update adds and replaces plans; it never removes one (rebuild without --update for that)
    (corpus / SHANGHAI).unlink()
    result = build([corpus], jobs=1, update=graph, output=tmp_path / "updated.trig")
    assert result.plans == 5 and result.readings == []
    assert (tmp_path / "updated.trig").read_bytes() == graph.read_bytes()


def test_the_published_file_is_clean_and_the_bookkeeping_is_beside_it(graph):
    import pyoxigraph as ox

    from ipgraph.dataset import sidecar_path
    from ipgraph.namespaces import CONTRIB_GRAPH_PREFIX

    graphs = {q.graph_name.value for q in ox.parse(path=str(graph), format=ox.RdfFormat.TRIG)}
    # five plans, the shared graph and the history graph (facts across plans, issue 16)
    assert len(graphs) == 7 and not any(g.startswith(CONTRIB_GRAPH_PREFIX) for g in graphs)
    side = {q.graph_name.value for q in ox.parse(path=str(sidecar_path(graph)), format=ox.RdfFormat.N_QUADS)}
    assert len(side) == 5 and all(g.startswith(CONTRIB_GRAPH_PREFIX) for g in side)


def test_without_the_sidecar_an_update_is_refused(corpus, graph):
    from ipgraph.dataset import sidecar_path

    sidecar_path(graph).unlink()
    with pytest.raises(ValueError, match=r"graph\.contrib\.nq; rebuild it"):
        build([corpus], jobs=1, update=graph)
