"""Portal metadata blocks: the ``字段 | 值`` strips that government sites print above a document.

Sites print a document's 索引号, 发文字号, 发文机关, 成文日期 … above its text, in several
layouts: a ``[ 字段 ] | 值 |`` table, ``字段:值 字段:值`` on one line, ``字段:`` with its value on
the next line, and often all of it twice. Read as data: which fields count as what (a portal's
发布机构 is never an issuer, its 成文日期 is a document date) is decided by the caller.

>>> portal_fields(["[ 发文字号 ] | 大足府发〔2025〕12号 | [ 主题分类 ] | 文化 |"])["发文字号"]
'大足府发〔2025〕12号'
>>> f = portal_fields(["索 引 号: 000014349/2017-00106 主题分类: 科技", "发文机关:", "国务院办公厅"])
>>> f["索引号"], f["发文机关"]
('000014349/2017-00106', '国务院办公厅')
"""

from __future__ import annotations

import re
from collections.abc import Sequence

__all__ = ["FIELD_KEYS", "field_date", "portal_fields"]

# Field names as sites write them (simplified; a view folds Traditional script). Longest first.
FIELD_KEYS = (
    "索引号",
    "主题分类",
    "体裁分类",
    "公文种类",
    "发文机关",
    "发文单位",
    "发布机构",
    "发布机关",
    "发布部门",
    "公文生成日期",
    "成文日期",
    "制发日期",
    "印发日期",
    "颁布日期",
    "颁布时间",
    "发文日期",
    "发布日期",
    "公布日期",
    "发布时间",
    "发表时间",
    "生效日期",
    "实施日期",
    "标题",
    "发文字号",
    "文件编号",
    "文件号",
    "文号",
    "有效性",
    "政策来源",
    "来源",
    "时间",
    "日期",
)
_KEY = "|".join(r"\s*".join(map(re.escape, k)) for k in sorted(FIELD_KEYS, key=len, reverse=True))
_KEY_RX = re.compile(rf"(?<![\u4e00-\u9fff])({_KEY})\s*[:：]\s*")
_SPACED_KEY = re.compile(rf"^({_KEY})\s+(\S.{{0,60}})$")
_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")


def _key(s: str) -> str | None:
    k = re.sub(r"\s+", "", s.strip(" []【】:"))
    return k if k in FIELD_KEYS else None


def portal_fields(lines: Sequence[str]) -> dict[str, str]:
    """Field name → its first non-empty value, from lines of a document's head (view text)."""
    out: dict[str, str] = {}

    def put(key: str, value: str) -> None:
        value = value.strip(" |[]")
        if value and key not in out:
            out[key] = value

    for i, line in enumerate(lines):
        if "|" in line:
            cells = [c.strip() for c in line.split("|")]
            for j, cell in enumerate(cells[:-1]):
                k = _key(cell)
                if k and not _key(cells[j + 1]):
                    put(k, cells[j + 1])
            continue
        found = list(_KEY_RX.finditer(line))
        if not found and (spaced := _SPACED_KEY.match(line)):  # a portal's "成文日期 2016-07-21"
            put(re.sub(r"\s+", "", spaced.group(1)), spaced.group(2))
            continue
        for j, m in enumerate(found):
            k = re.sub(r"\s+", "", m.group(1))
            stop = found[j + 1].start() if j + 1 < len(found) else len(line)
            value = line[m.end() : stop].strip()
            if not value and j + 1 == len(found) and i + 1 < len(lines) and not _KEY_RX.search(lines[i + 1]):
                value = lines[i + 1]  # 发文机关: on one line, 国务院办公厅 on the next
            put(k, value)
    return out


def field_date(value: str | None) -> str | None:
    """The ISO date a field's value holds (``2017年05月16日``, ``2025-07-02 10:00``), else None."""
    m = _DATE.search(value or "")
    if not m:
        return None
    y, mo, d = (int(g) for g in m.groups())
    return f"{y:04d}-{mo:02d}-{d:02d}" if 1 <= mo <= 12 and 1 <= d <= 31 else None
