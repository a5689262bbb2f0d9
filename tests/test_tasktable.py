"""Task-breakdown tables (工作任务分解表): header detection, rows → measures, and the table joining
its plan. The table fixture is made from Xiamen's own responsibility clauses (tests/fixtures_inputs.py),
so the table must give the same lead/support links as the clauses themselves."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import PLANS
from fixtures_inputs import (
    TASK_TITLE,
    strip_clauses,
    xiamen_task_rows,
    xiamen_tasks_csv,
    xiamen_tasks_docx,
    xiamen_tasks_xlsx,
)
from ipgraph.loaders import LoadError
from rdflib import RDF

from ipgraph.dataset import build
from ipgraph.pipeline import combine, read_plan
from ipgraph.rdf import IPG
from ipgraph.reading.tasktable import (
    PlanWithTables,
    TaskTableReading,
    belongs_to,
    header_roles,
    title_stem,
)

XIAMEN = PLANS / "001_ea0fa33b9b77872c.txt"
XLS = Path(__file__).parent / "data" / "inputs" / "xiamen_tasks.xls"  # made once with xlwt (see README there)


@pytest.fixture(scope="module")
def plan():
    return read_plan(XIAMEN)


@pytest.fixture(scope="module")
def tables(tmp_path_factory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("tasks")
    return {
        "xlsx": xiamen_tasks_xlsx(d / "厦门市强市建设示范城市工作方案任务分解表.xlsx"),
        "csv": xiamen_tasks_csv(d / "厦门市重点任务分解表.csv"),  # a title-less table: region from the name
        "docx": xiamen_tasks_docx(d / "tasks.docx"),
        "xls": XLS,
    }


def links_by_label(reading) -> set[tuple[str, str, str]]:
    """(measure heading, official name, role) of every responsibility."""
    return {(m.label, r.canonical[0], r.role) for m in reading.measures for r in m.responsible}


def links_by_path(reading) -> set[tuple[str, str, str]]:
    return {(m.path, r.canonical[0], r.role) for m in reading.measures for r in m.responsible}


# --------------------------------------------------------------------------- headers


def test_merged_header_lowest_row_is_most_specific():
    top = ["序号", "重点任务", "具体措施", "责任单位", "责任单位", "完成时限"]
    low = ["序号", "重点任务", "具体措施", "牵头单位", "配合单位", "完成时限"]
    assert header_roles([top, low]) == ["seq", "group", "measure", "lead", "support", "deadline"]


@pytest.mark.parametrize(
    "header, roles",
    [
        (["编号", "工作任务", "主要内容", "责任单位", "配合单位", "时间节点"],
         ["seq", "group", "measure", "resp", "support", "deadline"]),
        (["序号", "工作措施", "牵头部门", "协同部门", "完成时间", "备注"],
         ["seq", "measure", "lead", "support", "deadline", "note"]),
        (["序号", "重点任务", "责任单位", "时间进度"], ["seq", "measure", "resp", "deadline"]),
    ],
)  # fmt: skip
def test_header_word_variants(header, roles):
    assert header_roles([header]) == roles


def test_title_stem():
    assert title_stem(TASK_TITLE) == "厦门市国家知识产权强市建设示范城市工作方案(2022-2025年)"
    assert (
        title_stem("附件2：济南市国家知识产权保护示范区建设方案责任分工表")
        == "济南市国家知识产权保护示范区建设方案"
    )


# --------------------------------------------------------------------------- a table on its own


def test_fixture_has_a_row_per_xiamen_measure(plan):
    assert len(xiamen_task_rows()) == len(plan.measures) >= 20


@pytest.mark.parametrize("kind", ["xlsx", "csv", "docx", "xls"])
def test_table_gives_the_same_links_as_the_clauses(tables, plan, kind):
    table = read_plan(tables[kind])
    assert isinstance(table, TaskTableReading)
    assert len(table.measures) == 21
    assert links_by_label(table) == links_by_label(plan)
    assert all(m.deadline == "2025-06-30" for m in table.measures)
    for m in table.measures:  # every unit points at the cell it is written in
        for r in m.responsible:
            assert table.text[r.span.start : r.span.end] in r.mention


def test_table_title_region_and_parts(tables):
    t = read_plan(tables["xlsx"])
    assert t.meta.title == TASK_TITLE
    assert (t.meta.region, t.meta.admin_level, t.meta.period) == ("厦门市", "city", [2022, 2025])
    assert t.measures[0].part == "构建高标准知识产权保护体系"  # 重点任务 merged down the rows
    assert t.measures[7].part == "促进高效益知识产权创造运用"
    assert t.measures[2].label == "加强知识产权司法保护"
    row = t.measures[1].span.of(t.text)  # a row's span is its own line, not the merged cell above
    assert row.startswith("2\t") and "\n" not in row


# --------------------------------------------------------------------------- the table joins its plan


@pytest.fixture(scope="module")
def bare_plan(tmp_path_factory) -> Path:
    """Xiamen's plan without its responsibility clauses: only the table says who does what."""
    d = tmp_path_factory.mktemp("bare")
    out = d / "厦门市强市建设示范城市工作方案.txt"
    out.write_text(strip_clauses(XIAMEN.read_text("utf-8")), "utf-8")
    return out


def test_bare_plan_has_no_links(bare_plan):
    assert not links_by_path(read_plan(bare_plan))


@pytest.mark.parametrize("kind", ["xlsx", "csv", "xls"])
def test_table_enriches_its_plan_instead_of_making_a_second(tables, bare_plan, plan, kind):
    bare, table = read_plan(bare_plan), read_plan(tables[kind])
    if kind != "csv":  # the CSV's title is its file name: it names no plan
        assert belongs_to(table, bare)
        (merged,) = combine([bare, table])
    else:
        assert len(combine([bare, table])) == 2
        merged = read_plan(bare_plan, tasks=[tables[kind]])  # named on the command line
        (paired,) = combine([bare, table], pairs={tables[kind]: bare_plan})  # … for a whole batch
        assert links_by_path(paired) == links_by_path(merged)
    assert isinstance(merged, PlanWithTables)
    assert links_by_path(merged) == links_by_path(plan)
    assert [m.path for m in merged.measures] == [m.path for m in plan.measures]
    (src,) = merged.appended
    assert src.source == tables[kind].name and merged.text[src.start : src.end] == table.text
    for m in merged.measures:
        for r in m.responsible:  # spans point into the appended table text
            assert src.start <= r.span.start < src.end
            assert merged.text[r.span.start : r.span.end] in r.mention


def test_table_of_another_plan_stays_apart(tables):
    jiaxing = read_plan(PLANS / "000_465b383044845e1e.txt")
    table = read_plan(tables["xlsx"])
    assert not belongs_to(table, jiaxing)
    out = combine([jiaxing, table])
    assert [type(r) for r in out] == [type(jiaxing), TaskTableReading]


def test_task_table_inside_the_plans_word_file(tmp_path: Path, plan):
    """An attachment table in the plan's own .docx gives the plan its units (same text)."""
    import docx

    d = docx.Document()
    for line in strip_clauses(XIAMEN.read_text("utf-8")).split("\n"):
        if line.strip():
            d.add_paragraph(line.strip())
    d.add_paragraph("附件：" + TASK_TITLE)
    rows = xiamen_task_rows()
    t = d.add_table(rows=1, cols=6)
    for c, h in enumerate(["序号", "重点任务", "具体措施", "牵头单位", "配合单位", "完成时限"]):
        t.cell(0, c).text = h
    for r in rows:
        for c, v in enumerate([r.seq, r.task, r.measure, r.lead, r.support, r.deadline]):
            t.add_row() if c == 0 else None
            t.rows[-1].cells[c].text = v
    d.save(tmp_path / "plan.docx")
    reading = read_plan(tmp_path / "plan.docx")
    assert links_by_path(reading) == links_by_path(plan)
    for m in reading.measures:
        for r in m.responsible:
            assert reading.text[r.span.start : r.span.end] in r.mention


def test_build_folder_with_plan_and_table_gives_one_plan(tables, bare_plan, plan, tmp_path: Path):
    shutil.copy(bare_plan, tmp_path / bare_plan.name)
    shutil.copy(tables["xlsx"], tmp_path / tables["xlsx"].name)
    result = build([tmp_path])
    assert result.ok, [str(f) for f in result.failures] + [str(result.validation)]
    assert len(result.readings) == 1
    ds = result.dataset
    leads = sum(1 for _ in ds.subjects(RDF.type, IPG.LeadResponsibility))
    supports = sum(1 for _ in ds.subjects(RDF.type, IPG.SupportResponsibility))
    want = [r.role for m in plan.measures for r in m.responsible]
    assert (leads, supports) == (want.count("lead"), want.count("support"))
    assert sum(1 for _ in ds.subjects(RDF.type, IPG.Plan)) == 1


def test_table_alone_builds_as_a_plan(tables, tmp_path: Path):
    shutil.copy(tables["xlsx"], tmp_path / tables["xlsx"].name)
    result = build([tmp_path])
    assert result.ok, [str(f) for f in result.failures] + [str(result.validation)]
    assert len(result.readings) == 1 and isinstance(result.readings[0], TaskTableReading)


def test_explicit_table_that_is_not_a_task_table(tmp_path: Path):
    (tmp_path / "x.csv").write_text("姓名,电话\n张三,123\n", "utf-8")
    with pytest.raises(LoadError, match="not a task-breakdown table"):
        read_plan(XIAMEN, tasks=[tmp_path / "x.csv"])


def test_docstring_examples():
    import doctest

    import ipgraph.reading.tasktable as mod

    assert doctest.testmod(mod).failed == 0


def test_rows_that_quote_the_measure_text_find_their_measure(tmp_path: Path, bare_plan, plan):
    """A table whose 具体措施 holds a later sentence of the measure (no heading) still matches by text;
    the CSV is GBK-encoded, as spreadsheets save it on Chinese systems."""
    import csv

    text = XIAMEN.read_text("utf-8").split("\n")
    rows = []
    for r in xiamen_task_rows():
        heading = r.measure.split("：")[0]
        body = next(text[k + 1] for k, ln in enumerate(text) if ln.strip().endswith(heading))
        sentences = [x for x in body.split("。") if len(x) > 10]
        rows.append(
            [
                r.seq,
                sentences[min(1, len(sentences) - 1)][:60],
                f"{r.lead}、{r.support}".strip("、"),
                "持续推进",
            ]
        )
    out = tmp_path / "厦门市国家知识产权强市建设示范城市工作方案(2022-2025年)责任分工表.csv"
    with out.open("w", encoding="gb18030", newline="") as f:
        w = csv.writer(f)
        w.writerow(["序号", "工作任务", "责任单位", "完成时限"])
        w.writerows(rows)
    table = read_plan(out)
    (merged,) = combine([read_plan(bare_plan), table])
    assert links_by_path(merged) == links_by_path(plan)
    assert all(m.deadline == "ongoing" for m in merged.measures)


def test_spreadsheet_cells_point_into_the_text(tables):
    from ipgraph.loaders import load

    for kind in ("xlsx", "xls", "csv"):
        doc = load(tables[kind])
        assert doc.kind == "table"
        for t in doc.tables:
            for row in t.rows:
                for c in row:
                    assert c is None or doc.text[c.start : c.end] == c.text
        assert len(doc.text.split("\n")) >= 22  # one row per line


def test_workbook_with_a_sheet_per_part(tmp_path: Path, plan):
    """One sheet per part of the plan, each with its own header: all rows are read."""
    from openpyxl import Workbook

    rows = xiamen_task_rows()
    wb = Workbook()
    wb.remove(wb.active)
    for part in dict.fromkeys(r.task for r in rows):
        ws = wb.create_sheet(part[:20])
        ws.append(["序号", "具体措施", "牵头单位", "配合单位", "完成时限"])
        for r in rows:
            if r.task == part:
                ws.append([r.seq, r.measure, r.lead, r.support, r.deadline])
    wb.save(tmp_path / "厦门市工作任务.xlsx")
    table = read_plan(tmp_path / "厦门市工作任务.xlsx")
    assert len(table.measures) == 21
    assert links_by_label(table) == links_by_label(plan)


def test_statements_from_a_table_cite_the_table_file(tables, bare_plan, tmp_path: Path):
    """Every fact traceable: a unit read from a table row points into the table file's text."""
    from ipgraph.loaders import load
    from rdflib.namespace import PROV

    shutil.copy(bare_plan, tmp_path / bare_plan.name)
    shutil.copy(tables["xlsx"], tmp_path / tables["xlsx"].name)
    ds = build([tmp_path], check=False).dataset
    table_text = load(tables["xlsx"]).text
    names = {str(s): str(n) for s, n in ds.subject_objects(IPG.fileName)}
    links = list(ds.subjects(RDF.type, IPG.Responsibility))
    assert links
    for r in links:
        (source,) = ds.objects(r, PROV.wasDerivedFrom)
        assert names[str(source)] == tables["xlsx"].name
        start, end = (int(next(ds.objects(r, p))) for p in (IPG.spanStart, IPG.spanEnd))
        assert table_text[start:end] == str(next(ds.objects(r, IPG.sourceText)))


def test_extract_with_tasks_on_the_command_line(tables, bare_plan, plan):
    """``ipgraph extract PLAN --tasks TABLE`` pairs them explicitly (CLI = one library call)."""
    import json

    from typer.testing import CliRunner

    from ipgraph.cli import app

    done = CliRunner().invoke(app, ["extract", str(bare_plan), "--tasks", str(tables["csv"])])
    assert done.exit_code == 0, done.output
    measures = json.loads(done.stdout)["measures"]
    got = {(m["path"], r["canonical"][0], r["role"]) for m in measures for r in m["responsible"]}
    assert got == {(m.path, r.canonical[0], r.role) for m in plan.measures for r in m.responsible}
