"""Numeric targets: numbers a plan commits to, from its running text and indicator tables.

GUIDE.md, "Targets": value in the unit written (``1万次`` is 10000 次), comparator from
以上/不低于/达到 (``>=``), 超 (``>``), 以下/不超过 (``<=``); kind from 累计 / 年均·每年·年….

>>> found = text_targets("到2025年专利转让许可次数超1万次。", 0, 20, "1")
>>> [(t.value, t.unit, t.comparator, t.year) for t in found]
[(10000.0, '次', '>', 2025)]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Span, Target
from .structure import lines, match_marker

__all__ = ["TableBlock", "find_tables", "table_targets", "text_targets"]

UNITS = [
    "人次/年",
    "件/年",
    "次/年",
    "家/年",
    "项/年",
    "个百分点",
    "百分点",
    "亿美元",
    "万美元",
    "亿元",
    "万元",
    "元",
    "家次",
    "人次",
    "件次",
    "平方米",
    "公里",
    "小时",
    "个工作日",
    "工作日",
    "%",
    "‰",
    "家",
    "件",
    "次",
    "项",
    "个",
    "名",
    "人",
    "户",
    "所",
    "场",
    "期",
    "批",
    "条",
    "套",
    "篇",
    "部",
    "种",
    "倍",
    "天",
    "本",
    "门",
    "支",
    "座",
    "块",
    "处",
    "万",
]
_UNIT_RX = "|".join(re.escape(u) for u in UNITS)
_NUMBER = re.compile(
    r"(?<![\d.第%])(\d+(?:\.\d+)?)\s*(?:(万|亿)(?=家|件|次|项|个|名|人|户|条|套|篇|种)|)\s*("
    + _UNIT_RX
    + r")(/年)?"
)
_GE_BEFORE = re.compile(r"(不低于|不少于|至少|达到|达|超过|突破|力争达到|≥|>=|大于等于)\s*$")
_GT_BEFORE = re.compile(r"(?<!超)(超|多于|大于|>)\s*$")
_LE_BEFORE = re.compile(r"(不超过|不高于|不多于|控制在|≤|<=)\s*$")
_LT_BEFORE = re.compile(r"(低于|少于|<)\s*$")
_AFTER = re.compile(r"^\s*(及以上|以上|以下|以内|左右|之内)")
_ANNUAL = re.compile(r"年均|每年|年度|(?<![\d〇一二三四五六七八九十今明去近同当])年(?![底末份初前内后])")
_CONNECTORS = re.compile(
    r"^(其中|并且|并|同时|力争|确保|到\d{4}年底?|至\d{4}年底?|累计|全区|全市|全县|年均|每年|试点期间|期间)+"
)
_VERBS_END = re.compile(
    r"(分别|力争|达到|达|超过|超|不低于|不少于|至少|突破|控制在|不超过|提高到|增长|增加|为|累计|年均)+$"
)
_SENTENCE = re.compile(r"[。;!?\n]")
_CLAUSE = re.compile(r"[,。;:!?\n]")
_YEAR = re.compile(r"(\d{4})\s*年")
_BASELINE = re.compile(
    r"(?:由|从)\s*(?:(\d{4})\s*年(?:底|末)?的?)?\s*(\d+(?:\.\d+)?)\s*(?:" + _UNIT_RX + r")?\s*"
    r"(?:提高|增加|增长|提升|上升|扩大|下降|减少|降低)?(?:到|至)"
)


def _quoted_ranges(view: str, start: int, end: int) -> list[tuple[int, int]]:
    out = []
    for m in re.finditer(r"“[^”]{0,40}”|《[^》]{0,80}》|\"[^\"]{0,40}\"", view[start:end]):
        out.append((start + m.start(), start + m.end()))
    return out


def _bounds(view: str, pos: int, lo: int, hi: int, rx: re.Pattern[str]) -> tuple[int, int]:
    s = pos
    while s > lo and not rx.match(view[s - 1]):
        s -= 1
    e = pos
    while e < hi and not rx.match(view[e]):
        e += 1
    return s, e


def text_targets(
    view: str, start: int, end: int, path: str, skip: list[tuple[int, int]] | None = None
) -> list[Target]:
    """Targets in the running text ``view[start:end]`` of the provision at ``path``."""
    skip = list(skip or []) + _quoted_ranges(view, start, end)
    found = [m for m in _NUMBER.finditer(view, start, end) if not any(a <= m.start() < b for a, b in skip)]
    baselines = {}
    for b in _BASELINE.finditer(view, start, end):
        baselines[b.end()] = (float(b.group(2)), int(b.group(1)) if b.group(1) else None, b.start(2))
    base_starts = {v[2] for v in baselines.values()}
    out = []
    for k, m in enumerate(found):
        if m.start(1) in base_starts:
            continue
        c_start, c_end = _bounds(view, m.start(), start, end, _CLAUSE)
        after = view[m.end() : c_end]
        tail = _AFTER.match(after)
        rest = after[tail.end() if tail else 0 :]
        later = [x for x in found[k + 1 :] if x.start() < c_end]
        if rest and re.match(r"[\u4e00-\u9fff(]", rest) and not re.match(r"[和及与、]", rest) and later:
            continue  # "授权3件以上专利企业数量达50家": 3件 qualifies the metric
        value = float(m.group(1)) * {"万": 1e4, "亿": 1e8}.get(m.group(2) or "", 1)
        unit = m.group(3) + (m.group(4) or "")
        if unit == "万":  # a bare 万 is a multiplier with no unit
            value, unit = value * 1e4, None
        before = view[c_start : m.start()]
        comparator = _comparator(before, tail.group(1) if tail else "")
        s_start, _ = _bounds(view, m.start(), start, end, _SENTENCE)
        years = [int(y) for y in _YEAR.findall(view[s_start : m.start()]) if 1990 <= int(y) <= 2100]
        base = next((v for e, v in baselines.items() if e <= m.start() and e >= m.start() - 2), None)
        kind = _kind(before, unit)
        out.append(
            Target(
                path=path,
                metric=_metric(before, view, c_start, k, found, unit),
                value=value,
                unit=unit,
                baseline=base[0] if base else None,
                baseline_year=base[1] if base else None,
                year=years[-1] if years else None,
                comparator=comparator,
                kind=kind,
                span=Span(m.start(), m.end() + (tail.end() if tail else 0)),
            )
        )
    return out


def _comparator(before: str, after: str) -> str:
    if after in ("以上", "及以上"):
        return ">="
    if after in ("以下", "以内", "之内"):
        return "<="
    if _GE_BEFORE.search(before):
        return ">="
    if _LE_BEFORE.search(before):
        return "<="
    if _LT_BEFORE.search(before):
        return "<"
    if _GT_BEFORE.search(before):
        return ">"
    return "="


def _kind(before: str, unit: str | None) -> str | None:
    if "累计" in before:
        return "cumulative"
    if (unit and unit.endswith("/年")) or _ANNUAL.search(before):
        return "annual"
    return None


_RATE_VERB = re.compile(r"(增长|增加|提高|提升|上升|下降|降低|减少|压减|压缩|缩短)$")


def _metric(
    before: str, view: str, c_start: int, k: int, found: list[re.Match[str]], unit: str | None = None
) -> str:
    """What is counted, without the number; a rate's verb stays (年均增长5%: the growth is counted)."""
    text = before
    if k > 0 and found[k - 1].end() > c_start:  # "分别达到7件和18件": share the metric
        text = view[c_start : found[k - 1].start()]
    text = re.sub(r"[和及与、]$", "", text.strip())
    text = _CONNECTORS.sub("", text)
    rate = _RATE_VERB.search(re.sub(r"(分别|力争|达到|达|超过|超|不低于|不少于|至少)+$", "", text))
    if unit == "%" and rate:
        return re.sub(r"(分别|力争|达到|达|超过|超|不低于|不少于|至少)+$", "", text).strip()
    text = _VERBS_END.sub("", text)
    return text.strip() or before.strip()


# ---------------------------------------------------------------- indicator tables

_HEADER_FIRST = re.compile(r"^(主要指标|指标名称|指标|具体指标|指标内容|主要预期性指标|类别)$")
_ROLE_BASE = re.compile(r"(基期|基准|现状|基数|现值)")
_ROLE_TARGET = re.compile(r"(目标|预期|规划)")
_REMARK = re.compile(r"^(累计值|累计|年均值|年均|年度值|预期性|约束性|期末值|—|-|/)$")
_CELL_NUMBER = re.compile(r"^([≥>≤<]|不低于|不少于)?\s*(\d+(?:\.\d+)?)\s*(%|[\u4e00-\u9fff/]{1,4})?$")
_UNIT_CELL = re.compile(r"^(?:%|‰|[\u4e00-\u9fff]{1,4}(?:/[\u4e00-\u9fff]{1,2})?)$")


@dataclass(slots=True)
class TableBlock:
    start: int
    end: int
    rows: list[tuple[int, int, list[str]]]  # (start, end, cells) per data row
    columns: list[tuple[str, int | None]]  # value columns: ("baseline" | "target", year)
    has_unit: bool


def find_tables(view: str, start: int, end: int) -> list[TableBlock]:
    """Indicator tables laid out one cell per line (as web pages and Word files give them)."""
    ls = lines(view, start, end)
    out = []
    i = 0
    while i < len(ls):
        if not _HEADER_FIRST.match(ls[i].text):
            i += 1
            continue
        header, j = [], i + 1
        while j < len(ls) and len(header) < 12:
            t = ls[j].text
            if (
                re.fullmatch(
                    r"\d{4}(年)?|单位|备注|属性|序号|"
                    + _ROLE_BASE.pattern
                    + ".*|.*"
                    + _ROLE_TARGET.pattern
                    + ".*|\\d{4}年.*值",
                    t,
                )
                and len(t) <= 12
            ):
                header.append(t)
                j += 1
            else:
                break
        columns = _columns(header)
        if not columns:
            i += 1
            continue
        rows, j = _rows(ls, j, len(columns))
        if rows:
            out.append(TableBlock(ls[i].start, rows[-1][1], rows, columns, "单位" in header))
        i = j
    return out


def _columns(header: list[str]) -> list[tuple[str, int | None]]:
    cols: list[tuple[str, int | None]] = []
    year: int | None = None
    for h in header:
        y = re.match(r"(\d{4})", h)
        if y:
            year = int(y.group(1))
        if _ROLE_BASE.search(h):
            cols.append(("baseline", year))
            year = None
        elif _ROLE_TARGET.search(h):
            cols.append(("target", year))
            year = None
    if year is not None and not cols:  # a bare year column: the target of that year
        cols.append(("target", year))
    return cols


def _rows(ls: list, j: int, n_values: int) -> tuple[list[tuple[int, int, list[str]]], int]:
    rows = []
    while j < len(ls):
        t = ls[j].text
        if match_marker(t) or _CELL_NUMBER.match(t) or len(t) > 60 or re.search(r"[。;]", t):
            break
        cells, k = [t], j + 1
        if (
            k < len(ls)
            and _UNIT_CELL.match(ls[k].text)
            and not _REMARK.match(ls[k].text)
            and k + 1 < len(ls)
            and _CELL_NUMBER.match(ls[k + 1].text)
        ):
            cells.append(ls[k].text)
            k += 1
        else:
            cells.append("")
        numbers = 0
        while k < len(ls) and numbers < n_values and _CELL_NUMBER.match(ls[k].text):
            cells.append(ls[k].text)
            numbers += 1
            k += 1
        if numbers == 0:
            break
        if k < len(ls) and _REMARK.match(ls[k].text):
            cells.append(ls[k].text)
            k += 1
        rows.append((ls[j].start, ls[k - 1].end, cells))
        j = k
    return rows, j


def table_targets(table: TableBlock) -> list[Target]:
    """One target per row: the target column's value, with the baseline column's as baseline."""
    out = []
    t_idx = next((k for k, (role, _) in enumerate(table.columns) if role == "target"), None)
    b_idx = next((k for k, (role, _) in enumerate(table.columns) if role == "baseline"), None)
    if t_idx is None:
        return out
    for r_start, r_end, cells in table.rows:
        metric, unit, values = cells[0], cells[1] or None, cells[2 : 2 + len(table.columns)]
        remark = cells[2 + len(values)] if len(cells) > 2 + len(values) else ""
        if t_idx >= len(values):
            continue
        tm = _CELL_NUMBER.match(values[t_idx])
        bm = _CELL_NUMBER.match(values[b_idx]) if b_idx is not None and b_idx < len(values) else None
        comparator = {"≥": ">=", ">": ">", "≤": "<=", "<": "<", "不低于": ">=", "不少于": ">="}.get(
            tm.group(1) or "", "="
        )
        if unit is None and tm.group(3):
            unit = tm.group(3)
        kind = (
            "cumulative"
            if "累计" in remark
            else "annual"
            if "年均" in remark or "年度" in remark
            else _kind(metric, None)
        )
        out.append(
            Target(
                path="table",
                metric=metric,
                value=float(tm.group(2)),
                unit=unit,
                baseline=float(bm.group(2)) if bm else None,
                baseline_year=table.columns[b_idx][1] if bm and b_idx is not None else None,
                year=table.columns[t_idx][1],
                comparator=comparator,
                kind=kind,
                span=Span(r_start, r_end),
            )
        )
    return out
