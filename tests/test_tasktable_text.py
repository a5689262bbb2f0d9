"""Task-breakdown tables written in a plain-text plan, one row per line (cells split by ``|`` or
tabs): the loader gives them as tables of cells pointing into the text, and the reader takes
their rows as measures under the heading they are written in. One rule per test."""

from __future__ import annotations

from pathlib import Path

from ipgraph.loaders import load
from ipgraph.loaders.text import row_tables

from ipgraph.pipeline import read_plan
from ipgraph.reading.reader import read_text
from ipgraph.reading.tasktable import TaskTableReading, task_rows

HEAD = (
    "宝鸡市人民政府办公室关于印发宝鸡市知识产权强市建设工作方案的通知\n"
    "宝政办发〔2024〕12号\n"
    "宝鸡市知识产权强市建设工作方案\n"
    "一、总体要求\n"
    "（一）指导思想\n"
    "　　坚持以习近平新时代中国特色社会主义思想为指导，全面加强知识产权保护。\n"
    "二、重点任务\n"
)
TABLE = (
    "序号 | 工作任务 | 牵头单位 | 配合单位 | 完成时限\n"
    "（一）健全知识产权保护制度\n"
    "1 | 完善地方法规政策体系。制定商业秘密保护、数据知识产权保护等配套制度。 | 市市场监管局（市知识产权局） | 市司法局、市中级人民法院 | 2024年12月\n"
    "2 | 健全知识产权保护工作协调机制。建立市知识产权保护工作联席会议制度，定期会商重大事项。 | 市市场监管局（市知识产权局） | 市知识产权工作领导小组成员单位 | 2024年6月\n"
    "（二）强化知识产权行政保护\n"
    "3 | 开展知识产权执法专项行动。开展“铁拳”专项行动，每年查办侵权假冒案件不少于300件。 | 市市场监管局（市知识产权局） | 市文化和旅游局、市公安局 | 持续推进\n"
)
TAIL = (
    "\n三、保障措施\n"
    "（一）加强组织领导。成立由市政府主要领导任组长的工作领导小组，统筹推进强市建设。\n"
    "（二）强化经费保障。将强市建设经费纳入年度预算。\n"
)
PLAN = HEAD + TABLE + TAIL


def by_path(text: str) -> dict:
    return {m.path: m for m in read_text(text).measures}


# --- the loader: rows written one per line are a table of cells -----------------------------
def test_bar_rows_are_cells_pointing_into_the_text():
    t = row_tables(PLAN)[0]
    row = t.rows[2]
    assert [c.text for c in row] == [
        "1",
        "完善地方法规政策体系。制定商业秘密保护、数据知识产权保护等配套制度。",
        "市市场监管局（市知识产权局）",
        "市司法局、市中级人民法院",
        "2024年12月",
    ]
    assert all(PLAN[c.start : c.end] == c.text for r in t.rows for c in r if c)


def test_tab_separated_rows_are_a_table():
    text = "序号\t工作任务\t牵头单位\t完成时限\n1\t完善法规。\t市司法局\t2024年12月\n2\t加强执法。\t市公安局\t持续推进\n"
    t = row_tables(text)[0]
    assert [[c.text for c in r] for r in t.rows][2] == ["2", "加强执法。", "市公安局", "持续推进"]


def test_heading_between_rows_is_one_cell_across_the_table():
    t = row_tables(PLAN)[0]
    heading = t.rows[1]
    assert heading[0].text == "（一）健全知识产权保护制度" and all(c is heading[0] for c in heading)


def test_markdown_table_rule_line_is_skipped():
    text = "| 序号 | 工作任务 | 牵头单位 |\n|---|:---|---|\n| 1 | 完善法规。 | 市司法局 |\n"
    t = row_tables(text)[0]
    assert [[c.text for c in r] for r in t.rows] == [
        ["序号", "工作任务", "牵头单位"],
        ["1", "完善法规。", "市司法局"],
    ]


def test_one_line_with_bars_is_not_a_table():  # web-page chrome: 打印本页 | 关闭窗口
    assert row_tables("（三）加强宣传引导。营造氛围。\n\n打印本页 | 关闭窗口\n") == []


def test_text_loader_gives_the_tables(tmp_path: Path):
    (tmp_path / "plan.txt").write_text(PLAN, "utf-8")
    doc = load(tmp_path / "plan.txt")
    assert len(task_rows(doc.tables[0])) == 3


# --- task_rows: header rows -----------------------------------------------------------------
def test_header_repeated_under_each_heading_is_no_row():
    text = (
        "序号 | 工作任务 | 牵头单位 | 完成时限\n（一）健全制度\n1 | 完善法规。 | 市司法局 | 2024年12月\n"
        "（二）强化保护\n序号 | 工作任务 | 牵头单位 | 完成时限\n2 | 加强执法。 | 市公安局 | 持续推进\n"
    )
    assert [r.seq.text for r in task_rows(row_tables(text)[0])] == ["1", "2"]


def test_heading_under_the_header_is_not_a_second_header():  # 协同 is a header word (协同单位)
    text = "序号 | 工作任务 | 牵头单位 | 完成时限\n（一）构建协同保护格局\n1 | 完善纠纷化解机制。 | 市司法局 | 2024年12月\n"
    rows = task_rows(row_tables(text)[0])
    assert [(r.measure.text, r.lead.text) for r in rows] == [("完善纠纷化解机制。", "市司法局")]


# --- the reader: rows are measures under their heading ----------------------------------------
def test_rows_are_items_one_level_below_their_heading_numbered_by_xuhao():
    assert [p for p in by_path(PLAN) if p.startswith("2")] == ["2.1.1", "2.1.2", "2.2.3"]


def test_heading_above_the_rows_is_not_a_measure_and_keeps_no_mentions():
    ms = by_path(PLAN)
    assert "2.1" not in ms and "2.2" not in ms
    assert ms["2.1.1"].mentions == []  # the units of the row are no mentions


def test_row_label_is_the_task_heading():
    assert by_path(PLAN)["2.1.2"].label == "健全知识产权保护工作协调机制"


def test_row_lead_and_support_columns():
    m = by_path(PLAN)["2.1.1"]
    assert [(r.mention, r.role) for r in m.responsible] == [
        ("市市场监管局（市知识产权局）", "lead"),
        ("市司法局", "support"),
        ("市中级人民法院", "support"),
    ]


def test_row_deadline_column():
    ms = by_path(PLAN)
    assert (ms["2.1.1"].deadline, ms["2.1.2"].deadline, ms["2.2.3"].deadline) == (
        "2024-12-31",
        "2024-06-30",
        "ongoing",
    )


def test_row_mentions_come_from_its_task_text():
    assert [name for name, _ in by_path(PLAN)["2.1.2"].mentions] == ["市知识产权保护工作联席会议"]


def test_row_units_point_at_their_cells():
    reading = read_text(PLAN)
    cells = {
        (c.start, c.end) for t in row_tables(PLAN) for r in task_rows(t) for c in (r.lead, r.support) if c
    }
    units = [r for m in reading.measures for r in m.responsible]
    assert len(units) == 8
    for r in units:
        assert reading.text[r.span.start : r.span.end] in r.mention
        assert (r.clause.start, r.clause.end) in cells


def test_target_in_a_row_has_the_rows_path():
    targets = [(t.path, t.value) for t in read_text(PLAN).targets]
    assert ("2.2.3", 300) in targets and not any(p == "2.2" for p, _ in targets)


def test_xuhao_written_as_a_marker_is_not_read_twice():  # 1. | … is also a numbering marker
    text = HEAD + TABLE.replace("\n1 |", "\n1. |").replace("\n2 |", "\n2. |") + TAIL
    paths = [m.path for m in read_text(text).measures]
    assert paths == ["2.1.1", "2.1.2", "2.2.3", "3.1", "3.2"]


def test_single_responsible_column_first_unit_leads():
    text = (
        HEAD
        + "序号｜工作任务｜责任单位｜完成时限\n1｜完善法规政策。制定办法。｜市司法局、市公安局｜2024年12月\n2｜加强执法。开展行动。｜市公安局｜持续推进\n"
        + TAIL
    )
    m = by_path(text)["2.1"]
    assert [(r.mention, r.role) for r in m.responsible] == [("市司法局", "lead"), ("市公安局", "support")]


def test_table_after_the_body_gives_the_measures_their_units():
    text = (
        HEAD + "（一）完善法规政策。制定配套制度。\n（二）加强执法保护。开展专项行动。\n"
        "\n附件：宝鸡市知识产权强市建设工作方案重点任务分工表\n"
        "序号 | 工作任务 | 牵头单位 | 配合单位 | 完成时限\n"
        "1 | 完善法规政策 | 市司法局 | 市公安局 | 2024年12月\n"
        "2 | 加强执法保护 | 市市场监管局 | 市公安局 | 持续推进\n"
    )
    ms = by_path(text)
    assert sorted(ms) == ["2.1", "2.2"]
    assert [r.mention for r in ms["2.2"].responsible] == ["市市场监管局", "市公安局"]
    assert ms["2.1"].deadline == "2024-12-31"


def test_plan_file_rows_are_read_once(tmp_path: Path):
    """The loader gives the table again; a row already read is not matched to a measure like it."""
    text = (
        HEAD + "（一）完善地方法规政策体系。推动知识产权保护条例立法调研。（责任单位：市司法局）\n"
        "（二）强化知识产权行政保护\n"
        + TABLE.replace("（一）健全知识产权保护制度\n", "").split("（二）")[0]
        + TAIL
    )
    (tmp_path / "plan.txt").write_text(text, "utf-8")
    reading = read_plan(tmp_path / "plan.txt")
    assert [m.path for m in reading.measures] == ["2.1", "2.2.1", "2.2.2", "3.1", "3.2"]
    assert [r.mention for r in reading.measures[0].responsible] == ["市司法局"]


def test_text_file_that_is_only_a_task_table(tmp_path: Path):
    title = "宝鸡市知识产权强市建设工作方案重点任务分工表"
    (tmp_path / "tasks.txt").write_text(title + "\n" + TABLE, "utf-8")
    reading = read_plan(tmp_path / "tasks.txt")
    assert isinstance(reading, TaskTableReading)
    assert reading.meta.title == title  # not the first heading inside the table
    assert [m.label for m in reading.measures][:1] == ["完善地方法规政策体系"]
