"""Reading on all cores (one slow or crashing file holds up nothing), validation in parts
(the same report as the union), and the benchmark's corpus generator."""

from __future__ import annotations

import os
import shutil
import sys
import time
from pathlib import Path

import pytest
from conftest import PLANS, ROOT
from rdflib import Graph

from ipgraph.dataset import PlanPart, _units, build, read_one
from ipgraph.parallel import map_files
from ipgraph.pipeline import Failure
from ipgraph.validate import _graph_from_nt, validate, validate_units

sys.path.insert(0, str(ROOT / "bench"))
from generate import write_corpus


def _hang_or_crash(path: Path):
    """A reader for the test: the file's name says how it misbehaves, the rest are read for real."""
    if "hang" in path.name:
        time.sleep(120)
    if "crash" in path.name:
        os._exit(3)  # as a segfault in a C extension would: no exception, no reply
    return read_one(path)


@pytest.fixture
def batch(tmp_path: Path) -> list[Path]:
    files = []
    for p in sorted(PLANS.glob("*.txt")):
        files.append(tmp_path / p.name)
        shutil.copy(p, files[-1])
    for name in ("crash.txt", "hang.txt"):
        files.insert(2, tmp_path / name)
        shutil.copy(PLANS / "004_413121bb9f269da9.txt", files[2])
    return files


def test_a_hung_and_a_crashing_file_become_failures_and_the_rest_is_read(batch):
    t0 = time.monotonic()
    items = map_files(_hang_or_crash, batch, jobs=2, timeout=5)
    assert time.monotonic() - t0 < 60
    by_name = {p.name: item for p, item in zip(batch, items, strict=True)}
    assert by_name["hang.txt"] == Failure(batch[2].parent / "hang.txt", "timed out after 5 s")
    assert by_name["crash.txt"] == Failure(batch[2].parent / "crash.txt", "reader process died (exit code 3)")
    read = [item for name, item in by_name.items() if name not in ("hang.txt", "crash.txt")]
    assert len(read) == 5 and all(isinstance(x, tuple) for x in read)


def test_parallel_reading_gives_what_in_process_reading_gives(batch):
    files = [p for p in batch if "_" in p.name]
    one = map_files(read_one, files, jobs=1)
    two = map_files(read_one, files, jobs=2)
    assert [r.to_json() for r, _ in one] == [r.to_json() for r, _ in two]
    assert [p for _, p in one] == [p for _, p in two]


def test_bad_files_fail_by_name_in_workers(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "scan.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    shutil.copy(PLANS / "004_413121bb9f269da9.txt", tmp_path / "ok.txt")
    result = build([tmp_path], jobs=2, check=False)
    assert result.plans == 1
    reasons = {f.path.name: f.reason for f in result.failures}
    assert reasons.keys() == {"empty.txt", "scan.png"}
    assert reasons["empty.txt"].startswith("empty file") and reasons["scan.png"].startswith("damaged image")


def test_jobs_do_not_change_the_written_graph(tmp_path):
    one, two = tmp_path / "one.trig", tmp_path / "two.trig"
    build([PLANS], jobs=1, check=False, output=one)
    build([PLANS], jobs=2, check=False, output=two)
    assert one.read_bytes() == two.read_bytes()


def _spoiled_parts() -> tuple[list[PlanPart], list[bytes]]:
    """The sample plans as parts, with two deliberate violations: one inside a plan (a
    responsibility without its agency) and one only the merge of contributions makes (a region
    given a second parent by another plan)."""
    parts = [item[1] for item in map_files(read_one, sorted(PLANS.glob("*.txt")), jobs=1)]
    agency = b"<https://w3id.org/ipgraph/ontology#agency>"
    victim = next(p for p in parts if any(agency in line for line in p.own))
    drop = next(line for line in victim.own if agency in line)
    victim.own.remove(drop)
    within = b"<https://w3id.org/ipgraph/ontology#withinRegion>"
    line = next(line for line in parts[0].shared if within in line)
    other = next(p for p in parts if p is not parts[0])
    subject = line.split(b" ", 1)[0]
    other.shared.append(
        subject + b" " + within + b" <https://w3id.org/ipgraph/id/region/%E5%A4%96%E5%9C%B0> .\n"
    )
    shared = sorted({line for p in parts for line in p.shared})
    return parts, shared


def test_validation_in_parts_reports_what_validating_the_union_reports():
    parts, shared = _spoiled_parts()
    union = Graph()
    for g in (_graph_from_nt(b"".join(shared)), *(_graph_from_nt(b"".join(p.own)) for p in parts)):
        union += g
    whole = validate(union)
    split = validate_units(_units(parts, shared, 2), jobs=2)
    assert not whole.conforms and not split.conforms
    assert split.violations == whole.violations >= 2
    blocks = sorted(split.text.split("\n")[3:])
    assert blocks == sorted(whole.text.split("\n")[3:])
    assert "Result Path: ipg:agency" in split.text and "Result Path: ipg:withinRegion" in split.text
    assert validate_units(_units(parts, shared, 1), jobs=1).text == split.text


def test_generated_plans_read_as_plans_of_the_genre(tmp_path):
    files = write_corpus(10, tmp_path, seed=3)
    assert [p.read_bytes() for p in files] == [
        p.read_bytes() for p in write_corpus(10, tmp_path / "b", seed=3)
    ]
    items = map_files(read_one, files, jobs=2)
    readings = [r for r, _ in items]
    assert len({r.meta.region for r in readings}) == 10
    for r in readings:
        assert r.meta.admin_level in ("city", "district")
        assert len(r.measures) >= 4
        assert sum(len(m.responsible) for m in r.measures) >= 4
        assert r.targets and len(r.phases) == 3
    roles = {x.role for r in readings for m in r.measures for x in m.responsible}
    assert roles == {"lead", "support"}
    assert any(m.deadline for r in readings for m in r.measures)
    result = build(files, jobs=2)
    assert result.validation.conforms, result.validation.text[:2000]
