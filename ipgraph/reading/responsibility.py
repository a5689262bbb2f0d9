"""Responsibility clauses: which units answer for a measure, in which role, by when.

Only an explicit clause assigns responsibility (GUIDE.md, "Responsibility"):
``〔责任单位:…〕``, ``(责任单位:…)``, ``牵头单位:…`` / ``配合单位:…``, or a closing
``(…负责)``. Offsets are those of the matching view, which line up with the original text.

>>> c = find_clauses("加强。〔责任单位:市市场监管局(知识产权局)、文旅局,火炬高新区、自贸区管委会〕", 0, 60)[0]
>>> [u.mention + u.suffix for u in c.units]
['市市场监管局(知识产权局)', '文旅局', '火炬高新区管委会', '自贸区管委会']
>>> [u.role for u in c.units]
['lead', 'support', 'support', 'support']
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field

__all__ = ["Clause", "Unit", "deadline_in", "find_clauses", "parse_deadline", "split_units"]

_OPEN, _CLOSE = "(〔[【", ")〕]】"
_LABELS = (
    r"(?:责任单位|责任部门|牵头单位|牵头部门|主责单位|责任主体|实施单位"
    r"|配合单位|配合部门|参与单位|协同单位|协办单位)"
)
_CLAUSE_HEAD = re.compile(r"^\s*" + _LABELS + r"\s*[:：]")
# 责任单位:… on a line of its own, or after the measure's last sentence on the same line
_LINE_CLAUSE = re.compile(r"(?:^|\n|[。;])[ \t]*(" + _LABELS + r"\s*[:：][^\n]+)")
_DEADLINE_LABEL = re.compile(r"(?:完成时限|完成时间|完成期限|时间节点|进度要求|时限)\s*[:：]")
_LEAD_LABEL = re.compile(r"(?:牵头单位|牵头部门|主责单位|责任单位|责任部门|责任主体|实施单位)\s*[:：]")
_SUPPORT_LABEL = re.compile(r"(?:配合单位|配合部门|参与单位|协同单位|协办单位)\s*[:：]")
_SEPARATORS = "、,;"
# how the units answer, written before a closing 负责: 按职责分工负责, 分别负责, 共同负责
_MANNER = r"(?:按照?(?:各自)?职责(?:分工)?|根据职责(?:分工)?|依职责|分别|共同|各自|具体)+"
_DUTY_MANNER = re.compile(_MANNER + r"\s*$")
_UNIT_MANNER = re.compile(_MANNER + r"负责(?:落实)?$")  # 市检察院按职责分工负责: the unit is 市检察院
# a body's name ends so; a unit that does not may be a completion time written among the units
# without a 完成时限 label (…;长期坚持)
_ORG_WORDS = r"局|委|厅|院|部|办|府|会|组|室|司|署|行|所|关|庭|中心|单位|部门|机构|企业"
_ORG_END = re.compile(rf"(?:{_ORG_WORDS}|学校|高校)$")
# an item that already ends like a body's name (市发改委, 市工商联, 人行, 三峡大学) takes no suffix
_COMPLETE = re.compile(rf"(?:{_ORG_WORDS}|处|科|股|联|协|台|社|队|站|班|校|学|馆|团|厂)$")
# The suffixes of a government body that a 、-list of places or zones writes once, each with the type
# words a place's name ends with before it (三江自治县人民政府, 平湖街道办事处), the longer first
# (自治县 before 县, 开发区 before 区): a bare place stem before it in the list (融水、布吉) takes the
# type word as well.
_GOV_TYPES = ("自治县", "自治旗", "自治州", "新区", "县", "旗", "区", "市", "镇", "乡", "苏木")
_ZONE_TYPES = ("新区", "片区", "开发区", "园区", "区")
_TYPE_BEFORE_BODY: dict[str, tuple[str, ...]] = {
    "人民政府": _GOV_TYPES,
    "政府": _GOV_TYPES,
    "办事处": ("街道",),
    "管理委员会": _ZONE_TYPES,
    "管委会": _ZONE_TYPES,
    "党工委": ("街道", *_ZONE_TYPES),
    "工委": ("街道", *_ZONE_TYPES),
}
_ZONE_BODY = frozenset({"管理委员会", "管委会", "党工委", "工委"})
# the suffix of a body's name that a list can write once for all its units (市发改委、科技、工信局)
_BODY_SUFFIX = re.compile(
    "(" + "|".join([*_TYPE_BEFORE_BODY, "委员会", "分局", "局", "委", "办", "厅", "部门", "中心"]) + ")$"
)
# a place or zone written without the suffix of the last unit of its list (火炬高新区、自贸区管委会)
_ZONE_END = re.compile(r"(?:区|县|旗|市|镇|乡|苏木|自治州|街道|园)$")
# before a zone's body, a stem that ends like a zone's own proper name (仙桃数据谷) is not a bare place:
# it takes no 园区, 新区 (仙桃数据谷、空港新区管委会)
_PROPER_ZONE = re.compile(r"(?:谷|园|港|湾|岛|城|村|带|廊|基地|小镇|中心|示范区)$")
# 东津新区(经开区), 市市场监管局〔知识产权局〕: the stem is what is before the second name
_RENAME = re.compile(f"[{re.escape(_OPEN)}][^{re.escape(_OPEN + _CLOSE)}]*[{re.escape(_CLOSE)}]$")
# notes written among the units: which one leads, that the list holds below, how they answer
_LEAD_NOTE = re.compile(
    r"(?:其中)?(?:(?:列|排|名|位)(?:在|于|列|名)?(?:第一|第1|首|最前)(?:位|个|名)?(?:的)?(?:单位|部门)?"
    r"|(?:第一|第1|首)(?:位|个|家)(?:的)?(?:单位|部门)?)(?:为|是)(?:牵头|主责)(?:单位|部门)?"
    r"|(?:牵头|主责)(?:单位|部门)(?:为|是)?(?:列|排)(?:在|于)?(?:第一|第1|首)(?:位|个)?(?:的单位|的部门)?"
    r"|(?:排名|排序)?不分先后"
)
_NOTE = re.compile(
    r"(?:" + _LEAD_NOTE.pattern + r"|以?下同|同上"
    r"|(?:(?:各|相关|有关|各有关|各相关)?(?:单位|部门))?" + _MANNER + r"负责(?:落实)?)"
)
# the first unit of a part written by the national party of a jointly built plan
_UPPER_PARTY = re.compile(r"^(?:国家|国务院|中华人民共和国|最高人民|中央|海关总署)")


@dataclass(slots=True)
class Unit:
    mention: str  # as written in the matching view (simplified); the reader re-cuts the original
    role: str
    start: int
    end: int
    suffix: str = ""  # a shared suffix added to the written text (GUIDE.md)
    prefix_from: str = ""  # the organisation written before it that it belongs to (国家知识产权局)


@dataclass(slots=True)
class Clause:
    start: int
    end: int
    units: list[Unit] = field(default_factory=list)
    deadline: str | None = None


def _matching_close(view: str, i: int, end: int) -> int | None:
    depth = 0
    for j in range(i, end):
        c = view[j]
        if c in _OPEN:
            depth += 1
        elif c in _CLOSE:
            depth -= 1
            if depth == 0:
                return j
    return None


def find_clauses(view: str, start: int, end: int) -> list[Clause]:
    """Responsibility clauses inside ``view[start:end]`` (a measure's text)."""
    end = min(end, len(view))
    out: list[Clause] = []
    taken: list[tuple[int, int]] = []
    i = start
    while i < end:
        c = view[i]
        if c in _OPEN:
            close = _matching_close(view, i, end)
            if close is None and _cut_at_close(view, i, end):
                close = i + 1 + len(view[i + 1 : end].rstrip())  # the text ends where its ")" would be
            if close is None:
                i += 1
                continue
            inner = view[i + 1 : close]
            if _CLAUSE_HEAD.match(inner) or _closing_responsible(view, inner, i, close, end):
                clause = _parse(view, i + 1, close)
                if clause.units:
                    clause.start, clause.end = i, close + 1
                    out.append(clause)
                    taken.append((i, close + 1))
                i = close + 1
                continue
        i += 1
    for m in _LINE_CLAUSE.finditer(view, start, end):  # 责任单位:… on a line of its own
        s, e = m.start(1), m.end(1)
        if any(a <= s < b for a, b in taken):
            continue
        clause = _parse(view, s, e)
        if clause.units:
            clause.start, clause.end = s, e
            out.append(clause)
    out.sort(key=lambda c: c.start)
    if len(out) > 1 and all(_is_line_clause(view, c) for c in out):  # 牵头单位:… / 配合单位:… lines
        merged = Clause(
            out[0].start,
            out[-1].end,
            [u for c in out for u in c.units],
            next((c.deadline for c in out if c.deadline), None),
        )
        if any(u.role == "lead" for u in merged.units):
            return [merged]
    return out


_CLOSING_DEADLINE = re.compile(r"[。;][ \t]*[(（]([^()（）]{2,30})[)）]$")


def _cut_at_close(view: str, i: int, end: int) -> bool:
    """A closing clause whose final ``)`` is all the document lost: the text ends right after
    its ``负责`` (an excerpt cut at the source), so it reads as closed."""
    inner = view[i + 1 : end].rstrip()
    return bool(re.search(r"(负责|牵头|配合)$", inner)) and len(inner) <= 200 and not view[end:].strip()


def _is_line_clause(view: str, c: Clause) -> bool:
    return view[c.start] not in _OPEN


def _closing_responsible(view: str, inner: str, opened: int, close: int, end: int) -> bool:
    """``(市科技局、市财政局负责)`` at the end of a sentence or of the measure; its deadline may be
    written last (``(…牵头,…配合,2024年12月底前完成)``). After a full stop it closes that sentence
    though the next one follows at once (``…保护力度。(知识产权局负责)组织开展…``, the national
    双打 要点' style, one clause per sentence)."""
    if not re.search(r"(负责|牵头|配合)$", _without_deadline(inner)) or len(inner) > 200:
        return False
    after = view[close + 1 : end].lstrip()
    return not after or after[0] in "。;\n" or view[:opened].rstrip().endswith(("。", ";"))


def _without_deadline(inner: str) -> str:
    """A clause's text without the deadline written last in it: ``…配合;完成时限:2025年第二季度``,
    ``…配合,2025年6月底前完成`` → ``…配合``. Its parse (:func:`_parse`) reads that deadline."""
    inner = inner.strip()
    label = _DEADLINE_LABEL.search(inner)
    if label:
        return inner[: label.start()].rstrip(" ,;")
    cut = max(inner.rfind(","), inner.rfind(";"))
    tail = inner[cut + 1 :].strip()
    if cut > 0 and len(tail) <= 20 and not _ORG_END.search(tail) and parse_deadline(tail) is not None:
        return inner[:cut].rstrip()
    return inner


def _parse(view: str, start: int, end: int) -> Clause:
    clause = Clause(start, end)
    text = view[start:end]
    dl = _DEADLINE_LABEL.search(text)
    if dl:
        tail = text[dl.end() :]
        stop = re.search(r"[;。\n]", tail)
        clause.deadline = parse_deadline(tail[: stop.start()] if stop else tail)
        end = start + dl.start()
        text = view[start:end]
    else:  # …司法部负责;2025年12月底前完成: the deadline written last is no part of the last unit
        core = _without_deadline(text)
        if core != text.strip():
            cut = text.find(core) + len(core)
            clause.deadline = parse_deadline(text[cut:].strip(" ,;，；"))
            end = start + cut
            text = view[start:end]
    head = _CLAUSE_HEAD.match(text)
    unnoted = _LEAD_NOTE.sub("", text)  # 列第一位的为牵头单位 is a note, not a 牵头单位 label
    labelled = bool(_SUPPORT_LABEL.search(text)) or bool(re.search(r"牵头单位|牵头部门", unnoted))
    if labelled:  # an explicit 牵头 / 配合 split stands
        for seg_start, seg_end, role in _labelled_segments(text):
            clause.units += split_units(view, start + seg_start, start + seg_end, role)
    else:
        body_start = start + (head.end() if head else 0)
        if not head and re.search(r"负责$", text.strip()):
            end = start + text.rstrip().rfind("负责")
            manner = _DUTY_MANNER.search(view, start, end)  # (…按职责分工负责): how, not who
            if manner:
                end = manner.start()
        parties = [p for a, b in _parties(view, body_start, end) if (p := split_units(view, a, b, None))]
        if not _joint(parties):  # a ; in an ordinary list: one list, one lead
            parties = [[u for p in parties for u in p]]
        for units in parties:
            if units and not any(u.role == "lead" for u in units):  # the rest are support already
                units[0].role = "lead"
            clause.units += units
    for u in [u for u in clause.units if not _ORG_END.search(u.mention)]:
        when = parse_deadline(u.mention)
        if when is not None:  # 长期坚持, 2024年底前: a time, not a unit
            clause.units.remove(u)
            clause.deadline = clause.deadline or when
    return clause


def _labelled_segments(text: str) -> list[tuple[int, int, str]]:
    marks = [(m.start(), m.end(), "lead") for m in _LEAD_LABEL.finditer(text)]
    marks += [(m.start(), m.end(), "support") for m in _SUPPORT_LABEL.finditer(text)]
    marks.sort()
    segs = []
    for k, (_, e, role) in enumerate(marks):
        stop = marks[k + 1][0] if k + 1 < len(marks) else len(text)
        segs.append((e, stop, role))
    return segs


def _joint(parties: list[list[Unit]]) -> bool:
    """Parts written by the two parties of a jointly built plan: a national body's departments
    in one part, the local units in another (上海市知识产权局…;国家知识产权局条法司).
    Only then does each part have its own lead (GUIDE.md); a ``;`` between two local lists does not."""
    if len(parties) < 2:
        return False
    upper = [bool(_UPPER_PARTY.match(p[0].mention)) for p in parties]
    return any(upper) and not all(upper)


def _parties(view: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split at ``;`` (two parties of a jointly built plan) outside brackets."""
    out, depth, s = [], 0, start
    for j in range(start, end):
        c = view[j]
        if c in _OPEN:
            depth += 1
        elif c in _CLOSE:
            depth -= 1
        elif c == ";" and depth == 0:
            out.append((s, j))
            s = j + 1
    out.append((s, end))
    return out


def split_units(view: str, start: int, end: int, role: str | None) -> list[Unit]:
    """The units of a list, one per unit, with shared suffixes handed to the units before."""
    pieces: list[tuple[int, int]] = []  # (start, end) of each unit as written
    depth, s = 0, start
    for j in range(start, end + 1):
        c = view[j] if j < end else ""
        if c in _OPEN and c:
            depth += 1
        elif c in _CLOSE and c:
            depth -= 1
        elif (c in _SEPARATORS and depth == 0) or j == end:
            pieces.append((s, j))
            s = j + 1
    units: list[Unit] = []
    since = 0  # the units after the last that says its own role
    for a, b in pieces:
        while a < b and view[a] in " \t\n":
            a += 1
        while b > a and view[b - 1] in " \t\n。等":
            b -= 1
        name = view[a:b]
        if _NOTE.fullmatch(name):  # 列第一位的为牵头单位, 下同, 按职责分工负责: notes, not units
            continue
        manner = _UNIT_MANNER.search(name)
        if manner and manner.start() >= 2:  # 市检察院按职责分工负责
            b = a + manner.start()
            name = view[a:b]
        u_role = role
        close = re.search(r"(?:等(?:有关|相关)?(?:部门|单位))?(?:牵头|配合|参与)?负责$", name)
        if close and close.group(0) != "负责" and len(name) > len(close.group(0)) + 1:
            # 市市场监管局牵头负责, 市公安局等部门负责: the unit is before the words of how it answers
            cut = close.group(0).removesuffix("负责")
            b -= len(close.group(0)) - len(cut)
            name = view[a:b]
        tail = re.search(r"等(?:有关|相关)?(?:部门|单位)$", name)
        if tail and len(name) > len(tail.group(0)) + 1:  # 市公安局等部门: a closing 等… is no part of a name
            b -= len(tail.group(0))
            name = view[a:b]
        m = re.search(r"\((牵头|配合|参与)\)$", name) or re.search(r"(牵头|配合|参与)$", name)
        if m and len(name) > len(m.group(0)) + 1:
            u_role = "lead" if m.group(1) == "牵头" else "support"
            b -= len(m.group(0))
            name = view[a:b]
            while b > a and view[b - 1] == "等":
                b -= 1
                name = view[a:b]
        if len(name) < 2 or re.fullmatch(r"[\d\W_]+", name):
            continue
        units.append(Unit(name, u_role or "support", a, b))
        if role is None and u_role:  # 县金融服务中心、县市场监管局牵头: the units before 牵头 lead too
            for p in units[since:]:
                p.role = u_role
            since = len(units)
    _share_suffixes(units, view)
    _share_prefixes(units)
    return units


def _share_suffixes(units: list[Unit], view: str) -> None:
    """A suffix written once for a 、-list belongs to every unit of it (GUIDE.md): ``火炬高新区、
    自贸区管委会``, ``市发改委、科技、工信局`` (科技局), ``东津新区(经开区)、高新区管委会``.

    The suffix is the whole chain of type words after the last unit's proper name: a bare place stem
    takes it all (布吉、平湖街道办事处 → 布吉街道办事处; 融水、三江自治县人民政府 → 融水自治县人民政府),
    a stem that already has its type word takes the body word (某某镇、某某乡人民政府 → 某某镇人民政府).
    An item that is already a body's name (市发改委) keeps its own; a place or zone takes only
    the suffix of a government body (管委会, 人民政府), never 局; a collective (各区) takes none."""
    for k, u in enumerate(units):
        m = _BODY_SUFFIX.search(u.mention)
        if not m or k == 0:
            continue
        suffix = m.group(1)
        types = _TYPE_BEFORE_BODY.get(suffix)  # None: not a government body's suffix
        place_type = _place_type(u.mention[: m.start()], types or ())
        for prev in reversed(units[:k]):
            stem = _RENAME.sub("", prev.mention)
            if view[prev.end : prev.end + 1] != "、" or prev.suffix or len(stem) < 2 or stem.startswith("各"):
                break
            if _ZONE_END.search(stem):
                if types is None:
                    break
            elif _COMPLETE.search(stem):
                break
            elif place_type and not (suffix in _ZONE_BODY and _PROPER_ZONE.search(stem)):
                prev.suffix = place_type + suffix  # 布吉 → 布吉街道办事处
                continue
            prev.suffix = suffix


def _place_type(name: str, types: tuple[str, ...]) -> str:
    """The type word that ends ``name`` (the last unit without its body suffix) after a proper name
    of at least two characters: 三江自治县 → 自治县, 平湖街道 → 街道, 高新区 → 区 (高 alone is no name).
    Which words count depends on the body (``_TYPE_BEFORE_BODY``): 街道 only before 办事处, 区 before
    管委会 is a zone's (经开区)."""
    for t in types:
        if name.endswith(t) and len(_RENAME.sub("", name[: -len(t)])) >= 2:
            return t
    return ""


_NATIONAL_ORG = re.compile(r"^(国家[\u4e00-\u9fff]{1,10}?(?:总局|局|部|委员会|委|署|院))")


def _share_prefixes(units: list[Unit]) -> None:
    """``国家知识产权局保护司、运用促进司``: the second belongs to the same national body."""
    org = ""
    for u in units:
        m = _NATIONAL_ORG.match(u.mention)
        if m and len(u.mention) > len(m.group(1)):
            org = m.group(1)
        elif (
            org
            and re.search(r"(司|部|局|室|中心)$", u.mention)
            and not re.match(r"(国家|中国|省|市|区|县|各)", u.mention)
        ):
            u.prefix_from = org


_ONGOING = re.compile(r"持续|长期|常态|每年|年度|经常性|动态")


# a span of time (2023—2025年, 2023年3月至6月): the part after the dash or 至 is when it is done
_RANGE = re.compile(
    r"(\d{4})\s*年?(?:\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?)?\s*(?:[-—–~－]+|至|到)\s*(\d{4}\s*年?.*|\d{1,2}\s*月.*)"
)
_FROM_ON = re.compile(r"\d{4}\s*年\s*(?:\d{1,2}\s*月\s*)?(?:起|开始|以来)")


def parse_deadline(text: str) -> str | None:
    """A completion time as an ISO date, ``ongoing`` for 持续推进, else ``None``.

    >>> [parse_deadline(x) for x in ("2024年12月底", "持续推进", "2025年6月", "2023年底前", "2024年3月15日")]
    ['2024-12-31', 'ongoing', '2025-06-30', '2023-12-31', '2024-03-15']
    >>> [parse_deadline(x) for x in ("2023—2025年", "2023年3月至6月", "2024年第三季度", "2023年起持续推进")]
    ['2025-12-31', '2023-06-30', '2024-09-30', 'ongoing']
    >>> [parse_deadline(x) for x in ("2024-06-30", "2024/6", "2023-2025")]
    ['2024-06-30', '2024-06-30', '2025-12-31']
    """
    t = text.strip()
    if _FROM_ON.search(t) and _ONGOING.search(t):  # 2023年起持续推进: from then on, no end
        return "ongoing"
    # 2024-06-30, 2024/6 (a table's date cell)
    if iso := re.fullmatch(r"(\d{4})[-/.．](\d{1,2})(?:[-/.．](\d{1,2}))?\s*(?:前|之前)?", t):
        y, mo = int(iso.group(1)), int(iso.group(2))
        if 1 <= mo <= 12:
            d = int(iso.group(3) or calendar.monthrange(y, mo)[1])
            return f"{y:04d}-{mo:02d}-{d:02d}" if 1 <= d <= calendar.monthrange(y, mo)[1] else None
    if r := _RANGE.search(t):  # 2023—2025年, 2023年3月至6月: done by the end of the range
        tail = r.group(2) if re.match(r"\d{4}", r.group(2)) else f"{r.group(1)}年{r.group(2)}"
        t = re.sub(r"^(\d{4})(?!\s*年)", r"\1年", tail)
    m = re.search(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日", t)
    if m:
        return f"{int(m.group(1)):04d}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"
    m = re.search(r"(\d{4})\s*年\s*(\d{1,2})\s*月", t)
    if m:
        y, mo = int(m.group(1)), int(m.group(2))
        if 1 <= mo <= 12:
            return f"{y:04d}-{mo:02d}-{calendar.monthrange(y, mo)[1]:02d}"
    m = re.search(r"(\d{4})\s*年\s*(上半年|下半年|第?[一二三四1-4]季度)?", t)
    if m:
        y = int(m.group(1))
        part = (m.group(2) or "").lstrip("第")
        md = {"上半年": "06-30", "一季度": "03-31", "1季度": "03-31", "二季度": "06-30", "2季度": "06-30"}
        md |= {"三季度": "09-30", "3季度": "09-30"}
        md = md.get(part, "12-31")
        return f"{y:04d}-{md}"
    if _ONGOING.search(t):
        return "ongoing"
    return None


def deadline_in(view: str, start: int, end: int) -> str | None:
    """A ``完成时限:`` written anywhere in a measure's text, outside a clause; or, closing the
    measure, a bracket that holds its deadline alone (``…建议稿。(2025年12月底前完成)``,
    ``(持续推进)``: the national 推进计划' form, where nothing names a unit)."""
    m = _DEADLINE_LABEL.search(view, start, end)
    if not m:
        closing = _CLOSING_DEADLINE.search(view[start:end].rstrip())
        if closing and not _ORG_END.search(closing.group(1)):
            return parse_deadline(closing.group(1))
        return None
    stop = re.search(r"[;。\n)〕\]】]", view[m.end() : end])
    return parse_deadline(view[m.end() : m.end() + stop.start()] if stop else view[m.end() : end])
