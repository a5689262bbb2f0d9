"""Issue 14 (5) and issue 17 (7): one plan in many files becomes one plan with every file a source;
the build says which files were joined and which text was used, and the count it prints is the
graph's."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from conftest import PLANS
from fixtures_inputs import docx_file, html_page
from typer.testing import CliRunner

from ipgraph.cli import app
from ipgraph.dataset import build, load_dataset
from ipgraph.joining import join_duplicates
from ipgraph.pipeline import read_plan

XM = "001_ea0fa33b9b77872c"
PLANS_Q = "SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { GRAPH ?g { ?p a ipg:Plan } }"


def _plans_in(path: Path) -> int:
    ds = load_dataset(path)
    (row,) = ds.query(PLANS_Q, initNs={"ipg": "https://w3id.org/ipgraph/ontology#"})
    return int(row[0])


def _mirror_batch(folder: Path) -> Path:
    folder.mkdir()
    shutil.copy(PLANS / f"{XM}.txt", folder / f"{XM}.txt")
    (folder / f"{XM}.html").write_bytes(html_page(XM))
    docx_file(XM, folder / f"{XM}.docx")
    shutil.copy(PLANS / "004_413121bb9f269da9.txt", folder / "004.txt")
    return folder


def test_mirrors_are_one_plan_with_every_file_a_source(tmp_path: Path):
    folder = _mirror_batch(tmp_path / "b")
    result = build([folder], jobs=1)
    assert result.plans == len(result.readings) == 2
    (join,) = result.joins
    assert join.why.startswith("document number 厦府")
    files = {join.used, *join.others}
    assert {Path(f).name for f in files} == {f"{XM}.txt", f"{XM}.html", f"{XM}.docx"}
    ds = result.dataset
    q = """SELECT ?name WHERE { GRAPH ?g { ?p a ipg:Plan ; ipg:documentNumber ?no ;
           prov:wasDerivedFrom ?s . ?s ipg:fileName ?name } }"""
    names = {str(r[0]) for r in ds.query(q, initNs={"ipg": "https://w3id.org/ipgraph/ontology#",
                                                    "prov": "http://www.w3.org/ns/prov#"})}  # fmt: skip
    assert {f"{XM}.txt", f"{XM}.html", f"{XM}.docx"} <= names
    assert result.validation is not None and result.validation.conforms


def test_the_count_printed_is_the_graphs(tmp_path: Path):
    folder = _mirror_batch(tmp_path / "b")
    out = tmp_path / "g.trig"
    res = CliRunner().invoke(app, ["build", str(folder), "-o", str(out), "-j", "1"])
    assert res.exit_code == 0, res.output
    n = int(re.search(r"built (\d+) plan\(s\)", res.output).group(1))
    assert n == _plans_in(out) == 2
    assert re.search(r"joined 3 files of one plan .*: text from \S+" + XM, res.output), res.output


def test_the_plans_query_has_one_row_per_joined_plan_naming_the_file_read(tmp_path: Path):
    from ipgraph.querypack import get_query, select

    folder = _mirror_batch(tmp_path / "b")
    result = build([folder], jobs=1)
    (join,) = result.joins
    rows = select(result.store, get_query("plans")).rows
    assert len(rows) == result.plans == 2
    columns = get_query("plans").column_names
    files = {row[columns.index("source_file")] for row in rows}
    assert Path(join.used).name in files and not {Path(f).name for f in join.others} & files


def test_same_document_number_joins_even_when_the_titles_differ(tmp_path: Path):
    text = (PLANS / f"{XM}.txt").read_text("utf-8")
    a = read_plan(PLANS / f"{XM}.txt")
    (tmp_path / "b.txt").write_text(
        text.replace(a.meta.title, a.meta.title.replace("工作方案", "实施方案")), "utf-8"
    )
    b = read_plan(tmp_path / "b.txt")
    assert b.meta.title != a.meta.title and b.meta.doc_number == a.meta.doc_number
    joined, joins = join_duplicates([a, b])
    assert len(joined) == 1 and len(joins) == 1
    assert [s.name for s in joined[0].also] == ["b.txt"] or joined[0].source == "b.txt"


def test_different_plans_are_not_joined(readings):
    joined, joins = join_duplicates(list(readings.values()))
    assert len(joined) == len(readings) and not joins
