"""Particular government bodies named in a measure's own text (GUIDE.md, ``mentions``).

A mention is a proper name or a name with its jurisdiction (``市政府``, ``区知识产权局``,
``济南知识产权法庭``); bare type words (``海关``, ``检察院``), collectives (``各区``, ``有关部门``)
and non-government bodies (centres, platforms, universities, arbitration) are not.

>>> text = "重要情况及时报告市委、市政府。加强与国家、省知识产权局工作对接。"
>>> names = [n for n, _ in find_mentions(text, 0, len(text), ())]
>>> names
['市委', '市政府', '省知识产权局']
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from ..model import Span
from .regions import _tables, short_name

__all__ = ["find_mentions"]

_SUFFIX = re.compile(
    r"(人民政府|政府|办公厅|办公室|管委会|管理委员会|委员会|领导小组|联席会议|法院|中院|高院|法庭|检察院|海关|党校|组织|"
    r"局(?![面势部])|厅(?!堂)|委(?![托屈员])|司(?![法机令])|室)"
)
_TITLE = re.compile(r"《[^《》]*》")
_STOP = set('与和及或的在对向为把将由等并同从给、,。;:!?“”"《》()\n 　')
_GENERIC_MIDDLE = re.compile(r"^[部委局厅办有关相各级直属]*$")
# a ``室`` of a party or government body (``区委督查室``) is one; a laboratory or a studio is not
_NOT_GOVERNMENT = re.compile(
    r"仲裁|调解|服务|中心|协会|学会|学院|大学|公司|平台|基地|联盟|各|有关|相关|实验室|工作室|会议室|展示室|阅览室"
)
_BIGGER_NAME = re.compile(
    r"^[\u4e00-\u9fff]{0,12}?(中心|基地|平台|网点|工作站|服务站|代办处|办事处|研究院|学院|专家库)$"
)
_NOT_PREFIX_AFTER = {
    "市": "场容级县区辖域",
    "区": "域级县市",
    "县": "域级市区",
    "省": "级内市外区",
    "国家": "级",
}
# Words of the genre that end in a level character but are no jurisdiction: a body named after
# one of them does not start at that character (``示范区建设工作纳入市委`` names ``市委`` only).
_NOT_JURISDICTION_WORD = {
    k: tuple(v.split())
    for k, v in {
        "区": "示范 园 新 开发 自贸 社 景 辖 城 山 片 街 功能 保税 试验 实验 先行 集聚 聚集 核心 合作 度假 "
        "旅游 务 湾 港 地 特 专 校 老 库 矿 林 牧 灾 误 禁 分 综保 产业 试点 强 全 本 我 市 县 省",
        "市": "城 强 全 本 我 省 县 区 上 超 都 示范 试点 夜 集 股 楼",
        "县": "强 全 本 我 市 区 郡 示范 试点",
        "省": "强 全 本 我 外 节 反 分 兄弟",
        "镇": "乡 城 村 小 名 强 重 全 本 我",
        "乡": "城 家 故 全 本 下 老",
        # other countries' bodies: 主要发达国家标准化组织, 共建"一带一路"国家知识产权机构
        "国家": "发达 发展中 其他 沿线 西方 欧美 友好 成员 共建 周边 伙伴 外国",
    }.items()
}
# verbs ending in one of those words (强): ``加强市知识产权局建设`` names ``市知识产权局``
_VERBS_BEFORE = ("加强", "增强")
# ``各县(市、区)知识产权工作领导小组``, ``各区知识产权局``: a collective names no particular body
_COLLECTIVE_BEFORE = re.compile(r"各[县区市镇乡省级地]{1,3}(?:\([县区市镇乡省、]{1,8}\))?$")
_UNPREFIXED = re.compile(r"(知识产权[\u4e00-\u9fff]{0,10}?(?:领导小组|联席会议|保护办公室)|领导小组办公室)")
_MAX_MIDDLE = 16


# level words and the autonomous levels a body may start with (``自治区知识产权局``)
_BASE_PREFIXES = ("国家", "中共", "世界", "自治区", "自治州", "自治县", "省", "市", "区", "县", "镇", "乡")
# district names that are also everyday words of the genre (老城区政府投资项目: the old town)
_EVERYDAY_NAMES = frozenset({"新城区", "老城区", "新市区"})
# ``国际港务区管委会`` listed after another body: a zone's committee named by the zone alone
_LISTED_ZONE = re.compile(r"[^" + re.escape("".join(_STOP)) + r"]{2,8}?(?:区|园)(?:管委会|管理委员会)")


@cache
def _place_names() -> frozenset[str]:
    """Place names a body may start with: provinces and cities (full and short), counties and
    districts (full, ``东胜区``, ``周至县``) and the level words.

    Two-character county names (``和县``, ``新县``, ``城区``) and a few longer ones (``老城区``) are
    everyday words and are left to the level-word rule.
    """
    names = set(_BASE_PREFIXES)
    for r in _tables()[0].values():
        if r.level in ("province", "city"):
            names.add(r.name)
            s = short_name(r.name)
            if len(s) >= 2:
                names.add(s)
        elif len(r.name) >= 3 and r.name not in _EVERYDAY_NAMES:
            names.add(r.name)
    return frozenset(names)


# place names, their first characters, the longest length
_PrefixTable = tuple[frozenset[str], frozenset[str], int]


@lru_cache(maxsize=32)
def _prefix_table(own: frozenset[str]) -> _PrefixTable:
    """The table's place names with the plan's own (the same for all its measures)."""
    names = _place_names() | own
    return names, frozenset(n[0] for n in names), max(map(len, names))


def _place_prefix(view: str, i: int, table: _PrefixTable) -> str | None:
    """The longest place name or level word starting at ``i``.

    Looked up by length in a set: an alternation of the ~3,500 names would try each in turn.
    """
    names, first_chars, longest = table
    if view[i] not in first_chars:
        return None
    for n in range(min(longest, len(view) - i), 0, -1):
        w = view[i : i + n]
        if w in names:
            return w
    return None


def _candidates(view: str, i: int, end: int, prefix: str) -> list[int]:
    """Ends of the body names starting at ``i`` with ``prefix``, longest first.

    The longest is the name (``市知识产权工作领导小组办公室``); a shorter one stands in where the
    longest runs on into something that is no government body (``县市场监管局设立…调解委员会``).
    """
    ends = []
    j = i + len(prefix)
    limit = min(end, j + _MAX_MIDDLE + 6)
    k = j
    while k < limit and view[k] not in _STOP:
        m = _SUFFIX.match(view, k)
        if m and m.end() <= end:
            middle = view[j:k]
            if not middle and m.group(0) in ("司", "室"):
                pass  # 新会区司前镇: a place's 司 or 室 with no body between is none
            elif not (middle and _GENERIC_MIDDLE.match(middle) and len(m.group(0)) == 1):
                ends.append(m.end())
        k += 1
    return sorted(set(ends), reverse=True)


def _starts_word(view: str, i: int, prefix: str) -> bool:
    """A level word begins a word here, not ends one (``市委`` yes; the ``区`` of ``示范区`` no).

    A verb that ends like such a word does not bind it: ``加强区知识产权局建设`` is 加强 + 区….
    """
    words = _NOT_JURISDICTION_WORD.get(prefix, ())
    return view.endswith(_VERBS_BEFORE, 0, i) or not view.endswith(words, 0, i)


def _jurisdiction_blocked(view: str, i: int, prefix: str, end: int) -> bool:
    """The prefix is a level word used otherwise: ``市场``, ``县(市、区)``, ``各区``, ``示范区``, ``市政``.

    ``县市场监管局``, ``区市场监管局``, ``省市场监管局`` are jurisdiction + body, not ``县市`` etc.
    """
    after = i + len(prefix)
    nxt = view[after] if after < end else ""
    if nxt in _NOT_PREFIX_AFTER.get(prefix, "") and not (nxt == "市" and view.startswith("市场", after)):
        return True
    if prefix == "市" and view.startswith("市政", i) and not view.startswith("市政府", i):
        return True
    return not _starts_word(view, i, prefix)


def _acceptable(view: str, s: int, e: int, end: int) -> bool:
    return not _NOT_GOVERNMENT.search(view[s:e]) and not _part_of_bigger_name(view, e, end)


def _alias_end(view: str, e: int, end: int) -> int:
    """``世界知识产权组织(WIPO)``, ``市市场监管局(知识产权局)``: keep a renaming bracket."""
    m = re.match(r"\(([A-Za-z]{2,10}|[\u4e00-\u9fff]{2,12}(?:局|委|办))\)", view[e:end])
    return e + m.end() if m else e


def _part_of_bigger_name(view: str, e: int, end: int) -> bool:
    k = e
    while k < end and view[k] not in _STOP and k - e < 16:
        k += 1
    return bool(_BIGGER_NAME.search(view[e:k]) or _WEBSITE.match(view[e:k]))


# a body's website is no body: 国家知识产权局政府门户网站, …官网
_WEBSITE = re.compile(r"(?:政府)?(?:门户)?网站|官网|官方网站")


def find_mentions(
    view: str, start: int, end: int, skip: tuple[tuple[int, int], ...], places: tuple[str, ...] = ()
) -> list[tuple[str, Span]]:
    """Bodies named in ``view[start:end]`` outside the ``skip`` ranges, each once, in order.

    A name inside a document's title (《国家知识产权局行政复议规程》, 《中华人民共和国知识产权海关保护
    条例》) is part of that title, not a body the measure names: titles are skipped too."""
    skip = (*skip, *((m.start(), m.end()) for m in _TITLE.finditer(view, start, end)))
    table = _prefix_table(frozenset(p for p in places if p))
    found: list[tuple[str, Span]] = []
    i = start
    while i < end:
        if any(a <= i < b for a, b in skip):
            i += 1
            continue
        p = _place_prefix(view, i, table)
        hit = None
        if p and not (i > start and view[i - 1] in "各") and not _jurisdiction_blocked(view, i, p, end):
            ends = [_alias_end(view, e, end) for e in _candidates(view, i, end, p)]
            if ends:
                hit = (i, ends[0], next((e for e in ends if _acceptable(view, i, e, end)), None))
        if hit is None:
            u = _UNPREFIXED.match(view, i)
            if u:
                collective = _COLLECTIVE_BEFORE.search(view, max(start, i - 16), i)
                ok_end = u.end() if _acceptable(view, i, u.end(), end) and not collective else None
                hit = (i, u.end(), ok_end)
        if hit is None and i > start and view[i - 1] in "、和及与" and found and found[-1][1].end == i - 1:
            z = _LISTED_ZONE.match(view, i, end)
            if z and _acceptable(view, i, z.end(), end):
                hit = (i, z.end(), z.end())
        if hit:
            s, e, ok_end = hit
            if ok_end is not None:
                found.append((view[s:ok_end], Span(s, ok_end)))
                e = ok_end
            i = e
            continue
        i += 1
    seen: set[str] = set()
    out = []
    for name, span in found:
        if name not in seen:
            seen.add(name)
            out.append((name, span))
    return out
