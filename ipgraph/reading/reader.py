"""Text of a plan → :class:`~ipgraph.model.PlanReading`.

The one place where the rules meet: the numbering tree decides what each numbered part is
(measure, goal, schedule phase, or nothing), and each part's text is read for
responsibility clauses, deadlines, targets and the bodies it names. A task-breakdown table
written in the text one row per line (``序号 | 工作任务 | 牵头单位 | …``) gives its rows as the
items under the heading it is written in, read cell by cell like a table of a Word plan.
"""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Iterator, Sequence
from dataclasses import replace

from ..central import canonical as central_canonical
from ..loaders import Table
from ..loaders.text import row_tables
from ..model import Goal, Measure, Phase, PlanReading, Responsibility, Span, Target
from ..text import fold_width, strip_ruby, to_simplified, view
from .agencies import Jurisdiction, canonical_names
from .mentions import find_mentions
from .metadata import read_meta_and_place
from .place import is_national_body, user_place
from .regions import NATION, short_name
from .responsibility import deadline_in, find_clauses
from .structure import Node, body_bounds, leaves, parse_tree, walk, without_contents
from .targets import DUE_BY, find_tables, table_targets, text_targets
from .tasktable import TaskRow, enrich_in_place, row_measures, task_rows

__all__ = ["NoPlanStructure", "part_kind", "plan_year", "read_text"]


class NoPlanStructure(ValueError):
    """The text has no numbered parts: it is not a plan we can read."""


_EXCLUDED = re.compile(
    r"^(指导思想|基本原则|工作原则|主要原则|总体要求|总体思路|基本思路|编制依据|重要意义|目的意义|适用范围|"
    r"指导思想和基本原则|背景|现状|发展现状|工作基础|形势分析|序言|前言|引言|[\u4e00-\u9fff]{0,4}原则|"
    r"(?:总体思路|指导思想|总体要求)(?:和|与|及)(?:工作|主要|发展)?目标|"
    r"[\u4e00-\u9fff]{0,4}(?:背景|基础|形势|环境|现状|意义|成效|回顾)|"
    # a review of past work or the state of things (“十二五”工作回顾, 发展现状与形势), and an activity's
    # date, theme or audience (活动时间, 活动主题, 参加对象): no work is assigned there
    r"[\u4e00-\u9fff]{0,8}(?:回顾|背景)|[\u4e00-\u9fff]{0,8}现状(?:与|和|及)(?:形势|趋势|问题|挑战)|"
    r"[\u4e00-\u9fff]{0,12}(?:总体成效|主要成效|取得的成效|发展成就)|"
    r"[\u4e00-\u9fff]{0,2}(?:时间|主题|口号|名称|对象|地点|目的))$"
)
# A part of general requirements (总体要求) holds the guiding thought and, often, the goals in a
# paragraph of their own (主要目标是:2025年,…达到62%): those numbers are targets, the rest is not.
_GENERAL = re.compile(
    r"^(总体要求|总体思路|基本思路|总体目标和要求|(?:总体思路|指导思想|总体要求)(?:和|与|及)(?:工作|主要|发展)?目标)[。:]?$"
)
# (also 2012年的主要指标是:, 主要预期目标:)
_GOAL_PARAGRAPH = re.compile(
    r"(?m)^[ \t]*(?:\d{4}\s*年的?)?(?:主要|发展|工作|总体|建设|具体)?(?:预期)?"
    r"(?:目标|指标)(?:任务)?(?:是|为)?[:,]"
)
# inside 总体要求 a paragraph that opens with its year is the goals one too (到2025年,知识产权强省建设…)
_DATED_PARAGRAPH = re.compile(r"(?m)^[ \t]*(?:力争)?(?:到|至)\s*\d{4}\s*年(?:底|末)?[,,]")
_LATER_YEAR = re.compile(r"\s*(?:到|至)\s*\d{4}\s*年")
_GOAL = re.compile(r"^[\u4e00-\u9fff]{0,6}(目标|指标)(任务)?$")
# (also compound: 工作步骤和时间安排, 实施步骤及时间安排, 战略制定工作的推进步骤)
_PHASE = re.compile(
    r"^[\u4e00-\u9fff]{0,10}?(步骤|进度安排|时间安排|实施安排|阶段安排|进度|时间节点|推进计划|时序安排)"
    r"(?:(?:和|及|与)(?:时间安排|进度安排|时间节点))?$"
)
_PART_NAME = re.compile(r"^[\u4e00-\u9fff]{0,4}(任务|措施|重点|保障|成果|目标|步骤|安排|要求|原则|思想)$")
# (a day may follow each month: 2008年7月6日-10月10日, 2010年11月20日至12月10日)
_MONTH_RANGE = re.compile(
    r"(\d{4})\s*年\s*(\d{1,2})\s*月(?:\s*\d{1,2}\s*日)?"
    r"(?:\s*(?:至|到|—|-|–|~)+\s*(?:(\d{4})\s*年)?\s*(\d{1,2})\s*月)?"
)


# a part's name with its text run on after it on the same line (a page that lost the line break)
_RUN_IN_PART = re.compile(
    r"^(指导思想|基本原则|工作原则|总体要求|主要目标|工作目标|发展目标|总体目标|具体目标)(?=[^,，。;；:：\s]{3,})"
)


def part_kind(title: str, inherited: str) -> str:
    """What a numbered part holds: ``measure``, ``goal``, ``phase`` or ``none``."""
    t = title.strip().rstrip("。:.")
    t = re.split(r"\s+", t, maxsplit=1)[0]  # 一、指导思想 以习近平…: the heading before the text
    if run_in := _RUN_IN_PART.match(t):  # 一、指导思想深入贯彻…: the heading run into its text
        t = run_in.group(1)
    # “十二五”发展基础, “十二五”期间…现状与形势: a background part named after the plan before
    if _EXCLUDED.match(re.sub(r"^十[一二三四五六七八九]五(?:时期|期间)?", "", re.sub(r"[“”\"「」]", "", t))):
        return "none"
    if _GOAL.match(t):
        return "goal"
    if _PHASE.match(t):
        return "phase"
    if inherited == "none" and re.search(r"(任务|措施|重点|保障)$", t):
        return "measure"
    return inherited


def _classify(roots: list[Node]) -> dict[int, str]:
    kinds: dict[int, str] = {}

    def visit(n: Node, inherited: str) -> None:
        k = part_kind(n.title, inherited) if n.has_heading or n.level == 1 else inherited
        kinds[id(n)] = k
        for c in n.children:
            visit(c, k)

    for r in roots:
        visit(r, "measure")
    return kinds


def _is_part_name(n: Node) -> bool:
    t = re.split(r"\s+", n.title.strip(), maxsplit=1)[0].rstrip("。:")  # 工作目标 到2025年,…: the name
    return bool(_EXCLUDED.match(t) or _GOAL.match(t) or _PHASE.match(t) or _PART_NAME.match(t))


def _goal_paragraphs(v: str, start: int, end: int, dated: bool = True) -> list[tuple[int, int]]:
    """The paragraphs in ``v[start:end]`` that open with ``主要目标是:`` and the like (with
    ``dated``, also those opening with ``到2025年,``), with the paragraphs right after them that
    go on with a later year (``到2030年,…``)."""
    out: list[tuple[int, int]] = []
    opening = sorted(
        [
            *_GOAL_PARAGRAPH.finditer(v, start, end),
            *(_DATED_PARAGRAPH.finditer(v, start, end) if dated else []),
        ],
        key=lambda m: m.start(),
    )
    for m in opening:
        if out and m.start() < out[-1][1]:
            continue  # already part of the paragraph before (its later year)
        stop = v.find("\n", m.end(), end)
        stop = end if stop < 0 else stop
        while (more := _LATER_YEAR.match(v, stop, end)) is not None:
            nxt = v.find("\n", more.end(), end)
            stop = end if nxt < 0 else nxt
        out.append((m.start(), stop))
    return out


def _as_written(text: str, v: str, metric: str, span: Span, reach: int = 300) -> str:
    """A metric found in the view (simplified script), in the document's own script: the view is
    the text character for character, so the same place in the text holds it as written. A metric
    that is no single piece of the text near its number (a table row's cells, a list's share of
    ``甲、乙分别达到…``) stays as read."""
    at = v.find(metric, span.start, span.end)  # a table row: the metric is its first cell
    if at < 0:
        at = v.rfind(metric, max(0, span.start - reach), span.start)
    if at < 0:
        at = v.find(metric, span.end, span.end + reach)
    return _written(text, v, at, len(metric)) if at >= 0 else metric


def _with_lead_year(v: str, node: Node, targets: list[Target]) -> list[Target]:
    """The targets of a list's first item, dated by the sentence that opens the list and runs on
    into it (到2026年12月,全市…主要目标: / (一)…拥有量达2件,…。): GUIDE.md's sentence runs to 。,
    across the line break. A later item starts a sentence of its own."""
    parent = node.parent
    if parent is None or not parent.children or parent.children[0] is not node:
        return targets
    intro = v[parent.text_start : parent.own_end].rstrip()
    if not intro.endswith((":", "：")):
        return targets
    dated = list(DUE_BY.finditer(intro, intro.rfind("。") + 1))
    if not dated:
        return targets
    year = int(dated[-1].group(1))
    return [
        replace(t, year=year) if t.year is None and "。" not in v[node.text_start : t.span.start] else t
        for t in targets
    ]


def _unit_as_written(text: str, v: str, unit: str | None, span: Span) -> str | None:
    """A target's unit in the document's script (億元 in a Traditional page), where it is written
    right with its number; else as read."""
    if not unit:
        return unit
    at = v.find(unit, span.start, span.end + len(unit))
    return _written(text, v, at, len(unit)) if at >= 0 else unit


def _written(text: str, v: str, at: int, n: int) -> str:
    """``text[at:at+n]`` with the view's half-width forms; the view's own piece where they agree."""
    piece = text[at : at + n]
    return piece if piece == v[at : at + n] else fold_width(piece)


def _label(text: str, n: Node) -> str:
    """The item's heading or first clause, cut from the original text."""
    start = n.text_start
    raw = text[start : start + len(n.title)]
    return raw.strip()


def _months(s: str) -> tuple[str | None, str | None]:
    m = _MONTH_RANGE.search(s)
    if not m:
        return None, None
    y1, m1, y2, m2 = m.group(1), int(m.group(2)), m.group(3) or m.group(1), m.group(4)
    start = f"{int(y1):04d}-{m1:02d}"
    end = f"{int(y2):04d}-{int(m2):02d}" if m2 else start
    return start, end


def read_text(
    text: str,
    source: str = "",
    source_path: str = "",
    sha256: str = "",
    row_written: Sequence[Table] | None = None,
    region: str | None = None,
) -> PlanReading:
    """Read a plan's text. Raises :class:`NoPlanStructure` when it has no numbered parts.

    ``row_written``: the tables written in the text one row per line, as its loader found them
    (:func:`ipgraph.loaders.text.row_tables`); found here when not given.
    ``region``: the plan's place as the user set it (``泸州市``, ``中华人民共和国``); it replaces
    what the document's evidence says. Raises ValueError for a name that is no known place.
    """
    text = normalize(text)
    v = view(text)
    sv = without_contents(v)  # a table of contents lists headings, not provisions
    body_start, body_end = body_bounds(sv)
    roots = parse_tree(sv, body_start, body_end)
    meta, place = read_meta_and_place(text, v, body_start if roots else len(v), body_end if roots else len(v))
    if region:
        place = user_place(region)
        r = place.region
        meta.region = NATION if place.national else r.full_name  # type: ignore[union-attr]
        meta.province = None if place.national else r.province  # type: ignore[union-attr]
        meta.admin_level = "national" if place.national else r.level  # type: ignore[union-attr,assignment]
    meta.place_evidence = [str(e) for e in place.evidence]
    meta.place_problem = place.problem
    if not roots and not (meta.title or meta.doc_number or meta.issuers):
        raise NoPlanStructure("no plan structure found (no numbered parts such as 一、 or (一))")
    ctx = Jurisdiction.of_region(meta.region, plan_year(meta), meta.issuers)
    places = tuple(
        p
        for p in {
            meta.region,
            ctx.region.name if ctx.region else "",
            short_name(ctx.region.name) if ctx.region else "",
        }
        if p
    )
    reading = PlanReading(
        source=source,
        source_path=source_path,
        sha256=sha256 or hashlib.sha256(text.encode("utf-8")).hexdigest(),
        text=text,
        meta=meta,
    )
    if place.problem:
        reading.warnings.append(f"place unresolved ({place.problem}): its local bodies are kept to this plan")
    if not roots:
        reading.warnings.append("no numbered measures: metadata only")
        return reading
    kinds = _classify(roots)
    tables = find_tables(v, body_start, body_end)
    table_spans = [(t.start, t.end) for t in tables]
    for t in tables:
        reading.targets.extend(table_targets(t))
    in_text = row_tables(text) if row_written is None else row_written
    task_tables = [(t, rows) for t in in_text if (rows := task_rows(t))]
    if task_tables and all(any(t.start <= n.start < t.end for t, _ in task_tables) for n in walk(roots)):
        raise NoPlanStructure("the only numbered parts are the headings inside a task table")
    task_lines = [line for t, _ in task_tables for line in _row_lines(t)]
    row_nodes = {id(n) for n in walk(roots) if any(a <= n.start < b for a, b in task_lines)}
    by_node, outside = _rows_by_node(roots, kinds, row_nodes, [r for _, rows in task_tables for r in rows])

    parent_clauses: list[tuple[Node, list]] = []  # clauses written on items that have children
    for root in roots:
        for node in _walk_skipping(root, row_nodes):
            kind = kinds[id(node)]
            rows = by_node.get(id(node), [])
            is_leaf = not node.children and not rows
            own_end = node.own_end
            clauses = (
                [c for a, b in _outside(task_lines, node.text_start, own_end) for c in find_clauses(v, a, b)]
                if kind in ("measure", "goal")
                else []
            )
            if rows:
                row_ms = _row_measures(text, v, node, root, rows, ctx, places)
                reading.measures.extend(row_ms)
                for m, r in zip(row_ms, rows, strict=True):
                    reading.targets.extend(text_targets(v, r.measure.start, r.measure.end, m.path))
            if kind == "measure" and is_leaf:
                reading.measures.append(_measure(text, v, node, root, ctx, places, clauses, task_lines))
            elif kind == "measure" and clauses:
                parent_clauses.append((node, clauses))
            elif kind == "goal" and is_leaf and not _is_part_name(node):
                reading.goals.append(Goal(node.path, _label(text, node), Span(node.start, node.end)))
            elif kind == "phase" and is_leaf and not _is_part_name(node):
                start, end = _months(v[node.text_start : node.own_end])
                label = re.sub(r"[(（]\s*\d{4}\s*年[^()（）]*[)）]$", "", _label(text, node)).strip()
                reading.phases.append(Phase(node.path, label, start, end, Span(node.start, node.end)))
            if kind in ("measure", "goal") and own_end > node.text_start:
                skip = table_spans + task_lines + [(c.start, c.end) for c in clauses]
                found = text_targets(v, node.text_start, own_end, node.path, skip)
                reading.targets.extend(_with_lead_year(v, node, found))
            elif kind == "none" and _GENERAL.match(node.title.strip()):
                for a, b in _goal_paragraphs(v, node.text_start, own_end):
                    reading.targets.extend(text_targets(v, a, b, node.path, table_spans + task_lines))
            elif kind == "none" and is_leaf and node is not root and _GENERAL.match(root.title.strip()):
                # 一、总体要求 … 到2026年,主要目标: (一)…拥有量达2件: the numbered goals under it
                if not _EXCLUDED.match(node.title.strip().rstrip("。:.")):
                    found = text_targets(v, node.text_start, own_end, node.path, table_spans)
                    reading.targets.extend(_with_lead_year(v, node, found))
    for a, b in _goal_paragraphs(v, 0, body_start, dated=False):  # 主要目标是:… before 一、
        reading.targets.extend(text_targets(v, a, b, "", table_spans + task_lines))
    _inherit_parent_clauses(parent_clauses, reading, ctx, text)
    reading.targets = [
        replace(
            t, metric=_as_written(text, v, t.metric, t.span), unit=_unit_as_written(text, v, t.unit, t.span)
        )
        for t in reading.targets
    ]
    if outside:  # a task table after the body (an attachment): its rows give the measures their units
        enrich_in_place(reading, outside)
    if place.problem and not region and (central := _central_bodies(reading)):
        # read again as the national plan it is, so that its bodies are named as a national plan's
        # (市场监管总局 keeps its short form, as in a copy of the plan whose head gives the place)
        again = read_text(text, source, source_path, reading.sha256, row_written, region=NATION)
        again.meta.place_evidence = [
            *meta.place_evidence,
            f"responsibility clauses: every body is central ({'、'.join(central)})",
        ]
        return again
    return reading


def _central_bodies(reading: PlanReading) -> list[str]:
    """The bodies of a plan whose place its head does not give (a body-only repost), when they show
    it is national: every body its clauses make responsible is a central one (财政部, 国家知识产权局,
    中央宣传部), in two measures or more and two bodies or more; a local plan always names its own
    bodies. Else []."""
    units = [r for m in reading.measures for r in m.responsible]
    bodies = {r.canonical[0] if r.canonical else r.mention for r in units}
    with_units = sum(1 for m in reading.measures if m.responsible)
    central = sum(is_national_body(b) for b in bodies)
    if central == len(bodies) >= 2 and with_units >= 2:
        return sorted(bodies)
    # one measure of an excerpt with its clauses (工商总局, 质检总局, 文化部 … and 知识产权局, 网信办):
    # three central bodies or more, and the rest short names only central bodies have too
    if central >= 3 and all(is_national_body(b) or central_canonical(b, None) for b in bodies):
        return sorted(bodies)
    return []


# A short label, then the first item on the same line: 工作措施:1.落实… (the item starts a line)
_LABEL_THEN_ITEM = re.compile(
    r"(?m)^([ \t\u3000]*[\u4e00-\u9fff]{2,8}[:：])"
    r"(?=\s*(?:\d{1,2}[.、．](?!\d)|[（(][一二三四五六七八九十]{1,3}[)）]))"
)


def plan_year(meta) -> int | None:
    """The year a plan speaks in: the start of its term, else the year it was issued."""
    if meta.period:
        return meta.period[0]
    return int(meta.issue_date[:4]) if meta.issue_date else None


def normalize(text: str) -> str:
    """The text the reading keeps and every span points into: the decoded text without leaked
    pinyin ruby or a PDF converter's run marks (``一@@、总体要求@@``), and with an item that follows
    a label on its line (``工作措施:1.…``) put on a line of its own. Nothing else is changed."""
    text = strip_ruby(text)
    text = _TEMPLATE.sub("", text)  # a web template's unfilled line ({{ v.cls }}类, ¥{{ v.price }})
    if len(_HTML_TAG.findall(text)) >= _RUN_MARKS:  # a page's markup left in a text file
        text = _HTML_TAG.sub(lambda m: "\n" if _HTML_BLOCK.match(m.group(0)) else "", text)
        text = html.unescape(text).replace("\xa0", " ")  # &nbsp; &lt;: the page's entities too
    if text.count("@@") >= _RUN_MARKS:  # a few @@ may be the text's own; hundreds are debris
        text = re.sub(r"@{2,}[ \t]?", "", text)  # the space after a mark splits a word (开@@ 展)
    pieces = (piece for line in text.split("\n") for piece in _split_run_on(line).split("\n"))
    text = "\n".join(_unflatten(piece) for piece in pieces)
    return _LABEL_THEN_ITEM.sub(lambda m: m.group(1) + "\n", text)


# A marker a repost set in mid-line, after a space: 制定本计划。 一、提高… 目标任务:… 工作措施: 1.…
_SPACED_MARKER = re.compile(
    r"[ \t\u3000]+(?=(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[)）]"
    r"|\d{1,2}[.、．](?!\d)|[一二三四五六七八九十]{1,3}[ \u3000]+[\u4e00-\u9fff]))"
    # …or right after a sentence's end, with no space at all (制定本意见。一、指导思想…)
    r"|(?<=[。;；])(?=(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[)）]))"
)
_CLOSING_CLAUSE = re.compile(r"[(（](?:责任单位|牵头单位|责任部门|牵头部门)[:：][^()（）]{1,80}[)）]$")
_RUN_ON = 200  # characters from which a line holding several markers is a whole text run together


def _unflatten(line: str) -> str:
    """A page that printed a whole notice on one line, its former line breaks left as spaces
    (``…的通知 各区(市)县政府,…:  …组织实施。 二○○五年十二月十二日 成都市…实施意见 为推动…``):
    a break again after a sentence's end or the addressees' colon, around a date standing alone
    and after a notice's title. Only a long line with such a sentence end is touched."""
    if len(line) < _RUN_ON or not _FLAT_SENTENCE.search(line):
        return line
    line = _FLAT_BREAK.sub("\n", line)
    return _FLAT_DATE.sub(lambda m: f"\n{m.group(1)}\n", line)


_FLAT_SENTENCE = re.compile(r"[。;；][ \t\u3000]+\S")
_FLAT_BREAK = re.compile(r"(?<=[。;；:：])[ \t\u3000]+(?=\S)|(?<=的通知)[ \t\u3000]+(?=\S)")
_FLAT_DATE = re.compile(
    r"(?:^|(?<=\n)|[ \t\u3000]+)((?:\d{4}|[〇○零O一二三四五六七八九]{4})年[\d一二三四五六七八九十]{1,3}月"
    r"[\d一二三四五六七八九十]{1,3}日)[ \t\u3000]+"
)


def _split_run_on(line: str) -> str:
    """A whole text that a repost printed as one line, its items put back on lines of their own.

    Only a long line is touched, and a marker breaks it only after a
    sentence's end (``。 二、``, ``: 1.``), a closing clause (``(国家知识产权局负责) 2.``) or a
    heading (``一 完善知识产权制度 (一)…``: a short run since the last break, with no sentence
    punctuation): never ``做好一、二、三产业``."""
    if len(line) < _RUN_ON:
        return line
    cuts, last = [], 0
    for m in _SPACED_MARKER.finditer(line):
        before = line[last : m.start()]
        ends = ("。", ";", "；", ":", "：", "!", "?", "！", "？", "负责)", "负责）", "負責)", "負責）")
        clause = _CLOSING_CLAUSE.search(before.rstrip())  # …(责任单位:市市场监管局) 2.…
        if (
            before.rstrip().endswith(ends)
            or clause
            or (last and len(before) <= 40 and not re.search(r"[,，。;；:：]", before))
        ):
            cuts.append(m)
            last = m.end()
    if not cuts:
        return line
    out, pos = [], 0
    for m in cuts:
        out.append(line[pos : m.start()])
        pos = m.end()
    return "\n".join([*out, line[pos:]])


_TEMPLATE = re.compile(r"(?m)^[^\n]*\{\{[^{}\n]{0,60}\}\}[^\n]*$")  # the whole line is the template's
_RUN_MARKS = 5  # ``@@`` marks or HTML tags from which a text is read without them
_HTML_TAG = re.compile(
    r"</?(?:p|br|div|span|strong|b|font|td|tr|table|li|ul|h\d|html|body|head|title|meta|section|article)(?:\s[^<>]{0,200})?/?>",
    re.I,
)
_HTML_BLOCK = re.compile(r"</?(?:p|br|div|tr|li|h\d|table|html|body|head|title|section|article)\b", re.I)


# --------------------------------------------------------------------------- task tables in the text


def _row_lines(table: Table) -> list[tuple[int, int]]:
    """Spans of a table's rows as written (its header too), not of the headings between them."""
    out = []
    for row in table.rows:
        cells = [c for c in row if c is not None]
        if cells and not all(c is row[0] for c in row):
            out.append((min(c.start for c in cells), max(c.end for c in cells)))
    return out


def _walk_skipping(root: Node, skipped: set[int]) -> Iterator[Node]:
    """The nodes under ``root`` in document order, without the ``skipped`` ones and their children."""
    if id(root) in skipped:
        return
    yield root
    for c in root.children:
        yield from _walk_skipping(c, skipped)


def _rows_by_node(
    roots: list[Node], kinds: dict[int, str], row_nodes: set[int], rows: list[TaskRow]
) -> tuple[dict[int, list[TaskRow]], list[TaskRow]]:
    """Each task row under the deepest numbered item it is written in; rows in no item that
    assigns work (after the body, or in 指导思想) are returned apart."""
    nodes = [n for r in roots for n in _walk_skipping(r, row_nodes)]
    by_node: dict[int, list[TaskRow]] = {}
    outside = []
    for r in rows:
        inside = [n for n in nodes if n.text_start <= r.start < n.end]
        node = inside[-1] if inside else None  # walk order: the deepest comes last
        if node is None or kinds[id(node)] == "none":
            outside.append(r)
        else:
            by_node.setdefault(id(node), []).append(r)
    return by_node, outside


def _outside(spans: list[tuple[int, int]], start: int, end: int) -> list[tuple[int, int]]:
    """``[start, end)`` without the ``spans`` (table rows, in order): the pieces left, in order."""
    out, pos = [], start
    for a, b in spans:
        if b <= pos or a >= end:
            continue
        if a > pos:
            out.append((pos, a))
        pos = max(pos, b)
    if pos < end:
        out.append((pos, end))
    return out


def _row_measures(
    text: str,
    v: str,
    node: Node,
    root: Node,
    rows: list[TaskRow],
    ctx: Jurisdiction,
    places: tuple[str, ...],
) -> list[Measure]:
    """A task table's rows written under a numbered item: items one level below it, numbered by
    their 序号 (else in order), with the units and deadline of their cells and the bodies their
    task text names."""
    out = row_measures(text, rows, ctx, v, places)
    for m in out:
        m.path = f"{node.path}.{m.path}"
        m.part = to_simplified(root.title)
    return out


def _measure(
    text: str,
    v: str,
    node: Node,
    root: Node,
    ctx: Jurisdiction,
    places: tuple[str, ...],
    clauses: list,
    task_lines: list[tuple[int, int]],
) -> Measure:
    m = Measure(node.path, _label(text, node), Span(node.start, node.end), part=to_simplified(root.title))
    for c in clauses:
        m.responsible.extend(_responsibilities(text, c, ctx))
        if c.deadline and not m.deadline:
            m.deadline = c.deadline
    if not m.deadline:  # 完成时限:… on a line of its own
        m.deadline = deadline_in(v, node.text_start, node.end)
    skip = tuple(task_lines) + tuple((c.start, c.end) for c in clauses)
    m.mentions = [
        (text[s.start : s.end], s) for _, s in find_mentions(v, node.text_start, node.end, skip, places)
    ]
    return m


def _responsibilities(text: str, clause, ctx: Jurisdiction) -> list[Responsibility]:
    out = []
    for u in clause.units:
        written = text[u.start : u.end] + u.suffix
        simple = to_simplified(u.mention + u.suffix)
        names = canonical_names(simple, ctx, u.prefix_from)
        out.append(
            Responsibility(
                mention=written,
                role=u.role,  # type: ignore[arg-type]
                canonical=names,
                span=Span(u.start, u.end),
                clause=Span(clause.start, clause.end),
                scoped=ctx.scoped(names[0]) if names else False,
            )
        )
    return out


def _inherit_parent_clauses(
    parent_clauses: list[tuple[Node, list]], reading: PlanReading, ctx: Jurisdiction, text: str
) -> None:
    """A clause written on a parent item (before its children) answers for the children that name none."""
    by_path = {m.path: m for m in reading.measures}
    for node, clauses in parent_clauses:
        for leaf in leaves(node):
            m = by_path.get(leaf.path)
            if m and not m.responsible:
                for c in clauses:
                    m.responsible.extend(_responsibilities(text, c, ctx))
                    m.deadline = m.deadline or c.deadline
