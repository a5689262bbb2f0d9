"""Task-breakdown tables (工作任务分解表): who does what by when, one row per task.

A plan often comes with a table of 序号, 重点任务, 具体措施, 牵头单位, 配合单位, 完成时限 (in
many wordings, with merged header cells). Each row is a measure with its lead and support
units and its deadline. A table read from its own file is a plan reading of its own
(:class:`TaskTableReading`) until :func:`merge` joins it to the plan it belongs to; a table
inside the plan's own Word file enriches that plan directly (:func:`enrich_in_place`). A table
written in a plain-text plan one row per line is read by the plan's reader itself (its rows are
the items under the heading they are written in; see :mod:`ipgraph.reading.reader`).

Traceability: a responsibility taken from a table points at the cell where the unit is written.
When the table comes from another file, :func:`merge` appends the table's text (one row per
line) to the plan's text and records which part of the text came from which file
(:attr:`PlanWithTables.appended`), so every span still indexes ``reading.text``.

>>> roles = header_roles([["序号", "重点任务", "具体措施", "责任单位", "责任单位", "完成时限"],
...                       ["序号", "重点任务", "具体措施", "牵头单位", "配合单位", "完成时限"]])
>>> roles
['seq', 'group', 'measure', 'lead', 'support', 'deadline']
"""

from __future__ import annotations

import copy
import difflib
import re
import unicodedata
from dataclasses import dataclass, field

from ..loaders import Cell, Document, LoadError, Table
from ..model import Measure, PlanMeta, PlanReading, Responsibility, Span
from ..text import to_simplified, view
from .agencies import Jurisdiction, canonical_names
from .mentions import find_mentions
from .metadata import norm_title
from .place import Evidence, Place, find_place, user_place
from .regions import NATION, find_region, short_name
from .responsibility import parse_deadline, split_units
from .structure import cn_number, heading_of

__all__ = [
    "PlanWithTables",
    "TaskRow",
    "TaskTableReading",
    "belongs_to",
    "enrich_in_place",
    "header_roles",
    "merge",
    "read_task_table",
    "task_rows",
]

# Header words of the genre, most specific first; a column takes the first role that matches.
_ROLES: list[tuple[str, re.Pattern[str]]] = [
    ("seq", re.compile(r"^(序号|编号|序|号)$")),
    ("note", re.compile(r"^(备注|说明|备考)$")),
    ("lead", re.compile(r"(牵头|主责|主办)(单位|部门)?")),
    ("support", re.compile(r"(配合|协同|参与|协办|协助)(单位|部门)?")),
    ("resp", re.compile(r"(责任|承办|实施)(单位|部门|主体)")),
    ("deadline", re.compile(r"(完成|时间|时限|期限|进度|节点|年限)")),
    ("measure", re.compile(r"(措施|任务|内容|事项|举措|工作|目标|项目)")),
]
_TEXT_ROLES = ("group", "measure")
_TABLE_SUFFIX = re.compile(
    r"(的)?(重点|主要)?(工作)?(任务|措施|责任)?(分解|分工|清单|台账|责任分工)+(表|清单|方案)?$"
)
_ATTACHMENT = re.compile(r"^附件\s*\d*\s*[:：]?\s*")
_SEQ_PATH = re.compile(r"^\d{1,3}(\.\d{1,3})*\.?$")
_SEQ_CN = re.compile(r"^[(（]?([一二三四五六七八九十百]+)[)）、.]?$")


@dataclass(slots=True)
class TaskRow:
    """One row of a task table: its cells by role (``None`` where the row has none)."""

    seq: Cell | None
    group: Cell | None
    measure: Cell
    lead: Cell | None
    support: Cell | None
    resp: Cell | None  # a single 责任单位 column: first unit leads
    deadline: Cell | None
    start: int
    end: int


@dataclass(slots=True)
class TaskTableReading(PlanReading):
    """A task table read on its own: one measure per row (``cells[k]`` is the row of ``measures[k]``)."""

    region_known: bool = False
    cells: list[TaskRow] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class AppendedSource:
    """A part ``[start, end)`` of a reading's text that came from another file."""

    source: str
    source_path: str
    sha256: str
    start: int
    end: int


@dataclass(slots=True)
class PlanWithTables(PlanReading):
    """A plan reading enriched by task tables from other files (their text appended to its own)."""

    appended: list[AppendedSource] = field(default_factory=list)
    unmatched: list[str] = field(default_factory=list)  # table rows that matched no measure


# --------------------------------------------------------------------------- header and rows


def _cell_text(c: Cell | None) -> str:
    return re.sub(r"\s+", "", to_simplified(c.text)) if c else ""


def _role(name: str) -> str | None:
    for role, rx in _ROLES:
        if rx.search(name):
            return role
    return None


def header_roles(header: list[list[str]]) -> list[str | None]:
    """The role of each column from its header cells (top row first; merged cells repeated).

    The lowest header row is the most specific (牵头单位 under a merged 责任单位). Of two task
    columns, the first is the group (重点任务) and the last the measure (具体措施).
    """
    width = max(len(r) for r in header)
    roles: list[str | None] = []
    for c in range(width):
        names = [r[c] for r in reversed(header) if c < len(r) and r[c]]
        roles.append(next((r for r in map(_role, names) if r), None))
    tasks = [k for k, r in enumerate(roles) if r == "measure"]
    for k in tasks[:-1]:
        roles[k] = "group"
    return roles


def _is_header(row: list[str]) -> bool:
    roles = {_role(x) for x in row if x and len(x) <= 12}
    return bool(roles & {"lead", "resp", "support"}) and bool(roles & {"measure", "seq", "deadline"})


def task_rows(table: Table) -> list[TaskRow]:
    """The rows of a task table, or ``[]`` when the table is not one (no unit and task columns)."""
    grid = [[_cell_text(c) for c in row] for row in table.rows]
    h = next((i for i, row in enumerate(grid[:10]) if _is_header(row)), None)
    if h is None:
        return []
    header = [grid[h]]
    if (
        h + 1 < len(grid)
        and sum(1 for x in grid[h + 1] if _role(x) in ("lead", "support")) >= 1
        and len({id(c) for c in table.rows[h + 1] if c is not None}) > 1  # not a heading across the table
    ):
        header.append(grid[h + 1])  # 责任单位 merged over 牵头单位 / 配合单位
    roles = header_roles(header)
    if "resp" in roles and "support" in roles and "lead" not in roles:
        roles[roles.index("resp")] = "lead"  # 责任单位 beside 配合单位 is the lead column
    if "measure" not in roles or not {"lead", "resp", "support"} & set(roles):
        return []
    col = {r: roles.index(r) for r in dict.fromkeys(roles) if r}
    out: list[TaskRow] = []
    group: Cell | None = None
    above: set[int] = set()  # cells of the row before: merged down into this row, not its own
    for row, cells in zip(table.rows[h + len(header) :], grid[h + len(header) :], strict=True):
        if cells == grid[h]:
            continue  # the header written again (under each heading, or on each page)
        distinct = {id(c): c for c in row if c is not None}
        own = [c for k, c in distinct.items() if k not in above] or list(distinct.values())
        above = set(distinct)
        if not distinct:
            continue

        def at(role: str, row: list[Cell | None] = row) -> Cell | None:
            k = col.get(role)
            return row[k] if k is not None and k < len(row) else None

        if len(distinct) == 1 and (at("measure") is None or all(c is not None for c in row)):
            group = next(iter(distinct.values()))  # a section row across the table
            continue
        measure = at("measure")
        if measure is None:
            continue
        group = at("group") or group
        out.append(
            TaskRow(
                seq=at("seq"),
                group=group,
                measure=measure,
                lead=at("lead"),
                support=at("support"),
                resp=at("resp"),
                deadline=at("deadline"),
                start=min(c.start for c in own),
                end=max(c.end for c in own),
            )
        )
    return out


# --------------------------------------------------------------------------- rows → measures


def _responsibilities(text: str, v: str, row: TaskRow, ctx: Jurisdiction) -> list[Responsibility]:
    out = []
    parts = [(row.lead, "lead"), (row.resp, None), (row.support, "support")]
    for cell, role in parts:
        if cell is None:
            continue
        units = split_units(v, cell.start, cell.end, role)
        if role is None and units and not any(u.role == "lead" for u in units):
            units[0].role = "lead"  # one 责任单位 column: the first unit leads (unless one is marked 牵头)
        for u in units:
            written = text[u.start : u.end] + u.suffix
            out.append(
                Responsibility(
                    mention=written,
                    role=u.role,  # type: ignore[arg-type]
                    canonical=(
                        names := canonical_names(to_simplified(u.mention + u.suffix), ctx, u.prefix_from)
                    ),
                    scoped=ctx.scoped(names[0]) if names else False,
                    span=Span(u.start, u.end),
                    clause=Span(cell.start, cell.end),
                )
            )
    return out


def _seq_path(cell: Cell | None) -> str | None:
    t = _cell_text(cell)
    if _SEQ_PATH.match(t):
        return t.rstrip(".")
    m = _SEQ_CN.match(t)
    return str(cn_number(m.group(1))) if m else None


def row_measures(
    text: str,
    rows: list[TaskRow],
    ctx: Jurisdiction,
    v: str | None = None,
    places: tuple[str, ...] | None = None,
) -> list[Measure]:
    """One measure per row: path from 序号 (else the row's number), label the task's heading or
    first clause, units from the 牵头/配合/责任 cells, deadline from 完成时限.

    ``v`` (``view(text)``) and ``places`` (the plan's own place names) when the caller has them.
    """
    v = view(text) if v is None else v
    if places is None:
        places = tuple(p for p in {ctx.own, short_name(ctx.own) if ctx.own else ""} if p)
    paths = [_seq_path(r.seq) for r in rows]
    if None in paths or len(set(paths)) != len(paths):
        paths = [str(k + 1) for k in range(len(rows))]
    out = []
    for path, row in zip(paths, rows, strict=True):
        mc = row.measure
        label, _ = heading_of(v[mc.start : mc.end].replace("\n", ""))
        label_at = v.find(label[:4], mc.start, mc.end) if label else -1
        raw = text[label_at : label_at + len(label)] if label_at >= 0 else text[mc.start : mc.end]
        m = Measure(
            path=path,
            label=raw.strip(),
            span=Span(row.start, row.end),
            part=to_simplified(row.group.text) if row.group else "",
        )
        m.responsible = _responsibilities(text, v, row, ctx)
        if row.deadline:
            m.deadline = parse_deadline(v[row.deadline.start : row.deadline.end])
        m.mentions = [(text[s.start : s.end], s) for _, s in find_mentions(v, mc.start, mc.end, (), places)]
        out.append(m)
    return out


def _table_title(doc: Document) -> str:
    for t in doc.tables:
        for row in t.rows[:3]:  # a title row: one cell across the table, above the header
            if _is_header([_cell_text(c) for c in row]):
                break  # a heading under the header is a category (（一）健全制度), not the title
            cells = {id(c): c for c in row if c is not None}
            if len(cells) == 1 and len(row) > 1:
                return next(iter(cells.values())).text.strip()
        if t.caption:
            return t.caption
    return doc.meta.get("title") or doc.path.stem


def read_task_table(doc: Document, region: str | None = None) -> TaskTableReading:
    """A task table's own reading: its title, region (from the title) and one measure per row.

    Raises :class:`~ipgraph.loaders.LoadError` when no table of the file has task columns.
    """
    found = [(t, task_rows(t)) for t in doc.tables]
    rows = [r for _, rs in found for r in rs]
    if not rows:
        raise LoadError(
            doc.path,
            "not a task-breakdown table: no header with 具体措施/重点任务 and 牵头单位/责任单位 columns",
        )
    title = _table_title(doc)
    title_v = view(title)
    stem = _ATTACHMENT.sub("", title_v)
    place = user_place(region) if region else find_place(title=stem, body=view(doc.text))
    if not place.resolved and find_region(view(doc.path.stem)):  # the file is named for its place
        region = find_region(view(doc.path.stem))
        place = Place(region, False, [Evidence("file name", doc.path.stem, region)])
    region = place.region
    period = re.search(r"(\d{4})\s*[-—–~至到]\s*(\d{4})", title_v)
    meta = PlanMeta(
        title=title,
        region=NATION if place.national else (region.full_name if region else ""),
        province=region.province if region else None,
        admin_level="national" if place.national else (region.level if region else "city"),  # type: ignore[arg-type]
        doc_number=None,
        issuers=[],
        issue_date=None,
        period=[int(period.group(1)), int(period.group(2))] if period else None,
        references=[],
        place_evidence=[str(e) for e in place.evidence],
        place_problem=place.problem,
    )
    ctx = Jurisdiction.of_region(meta.region, meta.period[0] if meta.period else None, meta.issuers)
    reading = TaskTableReading(
        source=doc.path.name,
        source_path=str(doc.path),
        sha256=doc.sha256,
        text=doc.text,
        meta=meta,
        region_known=place.resolved,
        cells=rows,
    )
    reading.measures = row_measures(doc.text, rows, ctx)
    return reading


# --------------------------------------------------------------------------- which plan, which measure


def title_stem(title: str) -> str:
    """A table's title without 附件 and the 任务分解表 suffix: the title of its plan.

    >>> title_stem("附件1:厦门市国家知识产权强市建设示范城市工作方案重点任务分解表")
    '厦门市国家知识产权强市建设示范城市工作方案'
    """
    t = _ATTACHMENT.sub("", norm_title(title))
    return _TABLE_SUFFIX.sub("", t)


def belongs_to(table: TaskTableReading, plan: PlanReading) -> bool:
    """Same region (where the table names one) and the table's title stem is the plan's title."""
    if table.region_known and table.meta.region != plan.meta.region:
        return False
    a, b = _key(title_stem(table.meta.title)), _key(plan.meta.title)
    if not a or not b:
        return False
    if a == b or (min(len(a), len(b)) >= 8 and (a in b or b in a)):
        return True
    return difflib.SequenceMatcher(None, a, b).ratio() >= 0.85


def _key(s: str) -> str:
    """Text reduced for comparing: simplified, NFKC, letters and digits only."""
    s = unicodedata.normalize("NFKC", to_simplified(s))
    return "".join(ch for ch in s if ch.isalnum())


def _bigrams(s: str) -> set[str]:
    return {s[i : i + 2] for i in range(len(s) - 1)}


def _similarity(row_label: str, row_text: str, m: Measure, plan_text: str) -> float:
    a, b = _key(row_label), _key(m.label)
    if a and b and (a == b or (min(len(a), len(b)) >= 4 and (a in b or b in a))):
        return 1.0
    ratio = difflib.SequenceMatcher(None, a, b).ratio() if a and b else 0.0
    grams = _bigrams(_key(row_text))
    contained = len(grams & _bigrams(_key(m.span.of(plan_text)))) / len(grams) if grams else 0.0
    return max(ratio, contained)


def _match(plan: PlanReading, rows: list[Measure], row_texts: list[str]) -> list[Measure | None]:
    """The plan measure each table row is about (``None`` for a row that matches none)."""
    out: list[Measure | None] = []
    for row, row_text in zip(rows, row_texts, strict=True):
        best, best_score = None, 0.0
        for m in plan.measures:
            s = _similarity(row.label, row_text, m, plan.text) + (0.25 if m.path == row.path else 0.0)
            if s > best_score:
                best, best_score = m, s
        out.append(best if best_score >= 0.5 else None)
    return out


def _apply(plan: PlanReading, rows: list[Measure], row_texts: list[str]) -> list[Measure]:
    """Table rows' units replace those of the measures they match; rows matching none are returned."""
    targets = _match(plan, rows, row_texts)
    fresh: dict[int, list[Responsibility]] = {}
    unmatched = []
    for row, m in zip(rows, targets, strict=True):
        if m is None:
            unmatched.append(row)
            continue
        if row.responsible:
            fresh.setdefault(id(m), []).extend(row.responsible)
        if row.deadline and not m.deadline:
            m.deadline = row.deadline
    for m in plan.measures:
        if id(m) in fresh:
            m.responsible = fresh[id(m)]
    return unmatched


def enrich_in_place(plan: PlanReading, rows: list[TaskRow]) -> list[Measure]:
    """A task table written in the plan's own file gives its measures their units (same text).

    Rows that match no measure are added as measures ``T<path>`` (and returned).
    """
    if not rows:
        return []
    ctx = Jurisdiction.of_region(plan.meta.region)
    measures = row_measures(plan.text, rows, ctx)
    texts = [plan.text[r.measure.start : r.measure.end] for r in rows]
    unmatched = _apply(plan, measures, texts)
    _add_unmatched(plan, unmatched)
    return unmatched


def _add_unmatched(plan: PlanReading, rows: list[Measure]) -> None:
    for m in rows:
        m.path = f"T{m.path}"
        m.part = m.part or "任务分解表"
        plan.measures.append(m)


def _shift(m: Measure, offset: int) -> Measure:
    def sh(s: Span) -> Span:
        return Span(s.start + offset, s.end + offset)

    m = copy.deepcopy(m)
    m.span = sh(m.span)
    m.mentions = [(name, sh(s)) for name, s in m.mentions]
    for r in m.responsible:
        r.span, r.clause = sh(r.span), sh(r.clause)
    return m


def merge(plan: PlanReading, table: TaskTableReading) -> PlanWithTables:
    """The plan with the table's units on the measures its rows match.

    The table's text is appended to the plan's (after a blank line) so that every span still
    points into ``reading.text``; :attr:`PlanWithTables.appended` says where it came from. Rows
    that match no measure are added as measures ``T<path>`` in part 任务分解表.
    """
    base = copy.deepcopy(plan)
    offset = len(base.text) + 2
    ctx = Jurisdiction.of_region(base.meta.region)
    rows = [_shift(m, offset) for m in row_measures(table.text, table.cells, ctx)]
    texts = [table.text[r.measure.start : r.measure.end] for r in table.cells]
    out = PlanWithTables(**{f: getattr(base, f) for f in PlanReading.__dataclass_fields__})
    if isinstance(base, PlanWithTables):
        out.appended, out.unmatched = list(base.appended), list(base.unmatched)
    out.text = base.text + "\n\n" + table.text
    out.appended.append(
        AppendedSource(table.source, table.source_path, table.sha256, offset, offset + len(table.text))
    )
    unmatched = _apply(out, rows, texts)
    _add_unmatched(out, unmatched)
    out.unmatched += [m.label for m in unmatched]
    return out
