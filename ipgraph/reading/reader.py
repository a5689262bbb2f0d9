"""Text of a plan → :class:`~ipgraph.model.PlanReading`.

The one place where the rules meet: the numbering tree decides what each numbered part is
(measure, goal, schedule phase, or nothing), and each part's text is read for
responsibility clauses, deadlines, targets and the bodies it names.
"""

from __future__ import annotations

import hashlib
import re

from ..model import Goal, Measure, Phase, PlanReading, Responsibility, Span
from ..text import to_simplified, view
from .agencies import Jurisdiction, canonical_names
from .mentions import find_mentions
from .metadata import read_meta
from .regions import short_name
from .responsibility import deadline_in, find_clauses
from .structure import Node, body_bounds, leaves, parse_tree, walk
from .targets import find_tables, table_targets, text_targets

__all__ = ["NoPlanStructure", "part_kind", "read_text"]


class NoPlanStructure(ValueError):
    """The text has no numbered parts: it is not a plan we can read."""


_EXCLUDED = re.compile(
    r"^(指导思想|基本原则|工作原则|主要原则|总体要求|总体思路|基本思路|编制依据|重要意义|目的意义|适用范围|"
    r"指导思想和基本原则|背景|现状|发展现状|工作基础|形势分析)$"
)
_GOAL = re.compile(r"^[\u4e00-\u9fff]{0,6}(目标|指标)(任务)?$")
_PHASE = re.compile(
    r"^[\u4e00-\u9fff]{0,4}(步骤|进度安排|时间安排|实施安排|阶段安排|进度|时间节点|推进计划|时序安排)$"
)
_PART_NAME = re.compile(r"^[\u4e00-\u9fff]{0,4}(任务|措施|重点|保障|成果|目标|步骤|安排|要求|原则|思想)$")
_MONTH_RANGE = re.compile(
    r"(\d{4})\s*年\s*(\d{1,2})\s*月(?:\s*(?:至|到|—|-|–|~)+\s*(?:(\d{4})\s*年)?\s*(\d{1,2})\s*月)?"
)


def part_kind(title: str, inherited: str) -> str:
    """What a numbered part holds: ``measure``, ``goal``, ``phase`` or ``none``."""
    t = title.strip().rstrip("。:")
    if _EXCLUDED.match(t):
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
    t = n.title.strip().rstrip("。:")
    return bool(_EXCLUDED.match(t) or _GOAL.match(t) or _PHASE.match(t) or _PART_NAME.match(t))


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


def read_text(text: str, source: str = "", source_path: str = "", sha256: str = "") -> PlanReading:
    """Read a plan's text. Raises :class:`NoPlanStructure` when it has no numbered parts."""
    v = view(text)
    body_start, body_end = body_bounds(v)
    roots = parse_tree(v, body_start, body_end)
    if not roots:
        raise NoPlanStructure("no plan structure found (no numbered parts such as 一、 or (一))")
    meta = read_meta(text, v, body_start, body_end)
    ctx = Jurisdiction.of_region(meta.region)
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
    kinds = _classify(roots)
    tables = find_tables(v, body_start, body_end)
    table_spans = [(t.start, t.end) for t in tables]
    for t in tables:
        reading.targets.extend(table_targets(t))

    parent_clauses: list[tuple[Node, list]] = []  # clauses written on items that have children
    for root in roots:
        for node in walk([root]):
            kind = kinds[id(node)]
            is_leaf = not node.children
            own_end = node.end if is_leaf else node.own_end
            clauses = find_clauses(v, node.text_start, own_end) if kind in ("measure", "goal") else []
            if kind == "measure" and is_leaf:
                reading.measures.append(_measure(text, v, node, root, ctx, places, clauses))
            elif kind == "measure" and clauses:
                parent_clauses.append((node, clauses))
            elif kind == "goal" and is_leaf and not _is_part_name(node):
                reading.goals.append(Goal(node.path, _label(text, node), Span(node.start, node.end)))
            elif kind == "phase" and is_leaf and not _is_part_name(node):
                start, end = _months(v[node.text_start : node.own_end])
                label = re.sub(r"[(（]\s*\d{4}\s*年[^()（）]*[)）]$", "", _label(text, node)).strip()
                reading.phases.append(Phase(node.path, label, start, end, Span(node.start, node.end)))
            if kind in ("measure", "goal") and own_end > node.text_start:
                skip = table_spans + [(c.start, c.end) for c in clauses]
                reading.targets.extend(text_targets(v, node.text_start, own_end, node.path, skip))
    _inherit_parent_clauses(parent_clauses, reading, ctx, text)
    return reading


def _measure(
    text: str, v: str, node: Node, root: Node, ctx: Jurisdiction, places: tuple[str, ...], clauses: list
) -> Measure:
    m = Measure(node.path, _label(text, node), Span(node.start, node.end), part=to_simplified(root.title))
    for c in clauses:
        m.responsible.extend(_responsibilities(text, c, ctx))
        if c.deadline and not m.deadline:
            m.deadline = c.deadline
    if not m.deadline:  # 完成时限:… on a line of its own
        m.deadline = deadline_in(v, node.text_start, node.end)
    skip = tuple((c.start, c.end) for c in clauses)
    m.mentions = [
        (text[s.start : s.end], s) for _, s in find_mentions(v, node.text_start, node.end, skip, places)
    ]
    return m


def _responsibilities(text: str, clause, ctx: Jurisdiction) -> list[Responsibility]:
    out = []
    for u in clause.units:
        written = text[u.start : u.end] + u.suffix
        simple = to_simplified(u.mention + u.suffix)
        out.append(
            Responsibility(
                mention=written,
                role=u.role,  # type: ignore[arg-type]
                canonical=canonical_names(simple, ctx, u.prefix_from),
                span=Span(u.start, u.end),
                clause=Span(clause.start, clause.end),
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
