"""The numbering tree of a plan: markers, paths, item spans and web-page debris.

Chinese plans number their parts with four kinds of marker, outermost first:
``一、`` · ``(一)`` · ``1.`` / ``1、`` · ``(1)``. A provision's path is the numbers of the
markers enclosing it, as written (GUIDE.md, "The numbering path").

>>> doc = "二、工作任务\\n(三)完善制度\\n1.强化顶层设计。出台办法。\\n"
>>> [(n.path, n.title) for n in walk(parse_tree(doc, 0, len(doc)))]
[('2', '工作任务'), ('2.3', '完善制度'), ('2.3.1', '强化顶层设计')]
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import pairwise

__all__ = [
    "Line",
    "Node",
    "body_bounds",
    "cn_number",
    "is_debris",
    "leaves",
    "lines",
    "parse_tree",
    "walk",
    "without_contents",
]

_CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
    # the financial forms, used for a document's parts (壹、贰、叁、)
    "壹": 1,
    "贰": 2,
    "叁": 3,
    "肆": 4,
    "伍": 5,
    "陆": 6,
    "柒": 7,
    "捌": 8,
    "玖": 9,
}
_CN = "零〇一二三四五六七八九十百壹贰叁肆伍陆柒捌玖拾"

MARKERS: list[tuple[int, re.Pattern[str]]] = [
    (1, re.compile(rf"^([{_CN}]+)[、.]\s*")),
    (2, re.compile(rf"^\(([{_CN}]+)\)\s*")),
    (3, re.compile(r"^(\d{1,3})(?:[.、](?!\d)|\.(?=\d{4}\s*年))\s*")),  # 2.2011年7月底前,…: item 2
    (4, re.compile(r"^\((\d{1,3})\)\s*")),
]


def cn_number(s: str) -> int:
    """Chinese numeral (or digits) to int.

    >>> [cn_number(x) for x in ("三", "十", "十二", "二十三", "一百零五", "7")]
    [3, 10, 12, 23, 105, 7]
    """
    if s.isdigit():
        return int(s)
    total, cur = 0, 0
    for ch in s:
        if ch == "百":
            total += (cur or 1) * 100
            cur = 0
        elif ch in "十拾":
            total += (cur or 1) * 10
            cur = 0
        else:
            cur = _CN_DIGITS[ch]
    return total + cur


@dataclass(slots=True)
class Line:
    start: int  # offset of the first non-blank character
    end: int  # offset of the end of the line (before "\n")
    text: str  # the stripped line, from the matching view


def lines(view: str, start: int = 0, end: int | None = None) -> list[Line]:
    """Non-blank lines of ``view[start:end]`` with their offsets."""
    end = len(view) if end is None else end
    out = []
    pos = start
    while pos < end:
        nl = view.find("\n", pos, end)
        stop = end if nl < 0 else nl
        raw = view[pos:stop]
        stripped = raw.strip()
        if stripped:
            lead = len(raw) - len(raw.lstrip())
            out.append(Line(pos + lead, pos + lead + len(stripped), stripped))
        pos = stop + 1
    return out


@dataclass(slots=True, eq=False)
class Node:
    level: int
    number: int
    path: str
    start: int  # offset of the marker
    text_start: int  # offset just after the marker
    end: int = 0  # end of the item, children included
    title: str = ""  # the heading, or the first clause
    has_heading: bool = False  # a heading of its own (not just a first clause)
    children: list[Node] = field(default_factory=list)
    parent: Node | None = None

    @property
    def own_end(self) -> int:
        """End of the item's own text, before its first child."""
        return self.children[0].start if self.children else self.end


# ``一 加强知识产权创造``: a part heading whose 、 was lost (pages, PDF text) keeps a space; taken
# only on a short heading line, so that running text starting with a numeral is never a marker.
_SPACED_PART = re.compile(r"^([一二三四五六七八九十]{1,3})[ \u3000]+(?=[\u4e00-\u9fff])")
_HEADING_LINE = re.compile(r"^[^,。;:!?]{2,30}$")


def match_marker(text: str) -> tuple[int, int, int] | None:
    """``(level, number, marker length)`` when ``text`` starts with a numbering marker."""
    for level, rx in MARKERS:
        m = rx.match(text)
        if m:
            return level, cn_number(m.group(1)), m.end()
    m = _SPACED_PART.match(text)
    if m and _HEADING_LINE.match(text[m.end() :]):
        return 1, cn_number(m.group(1)), m.end()
    return None


_CLAUSE_END = re.compile(r"[,。;:!?]")


def heading_of(rest: str) -> tuple[str, bool]:
    """The item's heading and whether it is a heading proper (GUIDE.md: ``label``)."""
    rest = rest.strip()
    if not _CLAUSE_END.search(rest.rstrip("。:")) and len(rest) <= 60:
        return rest.rstrip("。:").strip(), True  # a heading line of its own
    stop = rest.find("。")
    if 0 < stop <= 40 and not re.search(r"[,;:]", rest[:stop]):
        return rest[:stop], True  # "完善知识产权政策体系。强化……"
    m = _CLAUSE_END.search(rest)
    first = rest[: m.start()] if m else rest
    return first[:40], False


_DEBRIS = re.compile(
    r"^(附件\s*\d*\s*$|附件[:：\s]|附件下载|点击下载|来源[:：]|信息来源|作者[:：]|【打印|【关闭|打印本页|关闭窗口|"
    r"相关(信息|链接|文章|新闻|阅读|附件)|热点新闻|推荐阅读|文章附件|版权所有|.*版权所有|"
    r"投资咨询热线|扫一扫|分享到|上一篇|下一篇|责任编辑|【.*?】.*相关|网站地图|主办单位|"
    r"联系我们|(分享|收藏)[:：]?$|"
    # an attachment listed by its file name (2.联络员信息表.doc): no provision, even numbered
    r".*\.(?:docx?|wps|pdf|ofd|xlsx?|zip|rar)$)",
    re.IGNORECASE,
)


def is_debris(text: str) -> bool:
    """A line of the web page around the plan (attachments, sources, related news …)."""
    return bool(_DEBRIS.match(text))


# After the last numbered item, set off by a blank line: the closing words addressed to everyone
# (各县（市、区）、各有关单位要…, 请各…) or about the document itself (本方案自印发之日起施行).
_CLOSING = re.compile(r"^(请?各[^，。；]{0,40}?(要|应|须|务必|请)|本(方案|要点|计划|意见|办法)(自|由|所))")


def body_bounds(view: str) -> tuple[int, int]:
    """Where the numbered body of the plan starts (its first top marker) and ends (debris, or the
    closing words after the last item).

    Returns ``(len, len)`` when no numbered item is found.
    """
    ls = lines(view)
    # 0: no marker (a numbered attachment file name is none either)
    levels = [mm[0] if (mm := match_marker(ln.text)) and not is_debris(ln.text) else 0 for ln in ls]
    start_i = next((levels.index(want) for want in (1, 2, 3) if want in levels), None)
    if start_i is None:
        return len(view), len(view)
    end = len(view)
    for ln in ls[start_i + 1 :]:
        if is_debris(ln.text):
            end = ln.start
            break
    last_marker = max(i for i, lv in enumerate(levels) if lv and ls[i].start < end)
    for prev, ln in pairwise(ls[last_marker:]):
        if ln.start >= end:
            break
        if _CLOSING.match(ln.text) and view.count("\n", prev.end, ln.start) >= 2:
            end = ln.start  # 各县（市、区）…要…报送: the document's closing words, no measure's
            break
    return ls[start_i].start, _before_signature(ls, last_marker, end)


# A notice that is itself the plan is signed after its last item: bodies alone on their lines
# (a seal note among them), then the date. Neither is the last item's text.
_SIGNED_DATE = re.compile(
    r"^(?:\d{4}|[〇○零OoＯｏ0０一二三四五六七八九]{4})\s*年\s*[\d一二三四五六七八九十]{1,3}\s*月\s*[\d一二三四五六七八九十]{1,3}\s*日$"
)
_SIGNER = re.compile(
    r"^(?:[\u4e00-\u9fff()]{2,40}(?:局|厅|委|办|部|院|会|府|室|组|处|署|行|中心|政府|办公室|委员会)"
    r"|\([\u4e00-\u9fff]{2,30}代章\))$"
)


def _before_signature(ls: list[Line], last_marker: int, end: int) -> int:
    """``end``, or where a signature block after the last item begins (bodies, then a date)."""
    inside = [ln for ln in ls[last_marker + 1 :] if ln.start < end]
    for i, ln in enumerate(inside):
        if _SIGNED_DATE.match(re.sub(r"\s+", "", ln.text)):
            j = i
            while j > 0 and i - j < 6 and _SIGNER.match(re.sub(r"\s+", "", inside[j - 1].text)):
                j -= 1
            if j < i:
                return inside[j].start
    return end


def parse_tree(view: str, start: int, end: int) -> list[Node]:
    """Numbered items of ``view[start:end]`` as a forest, outermost markers as roots."""
    roots: list[Node] = []
    stack: list[Node] = []
    all_lines = lines(view, start, end)
    for ln in all_lines:
        mm = match_marker(ln.text)
        if not mm:
            continue
        level, number, mlen = mm
        while stack and stack[-1].level >= level:
            stack.pop().end = ln.start
        parent = stack[-1] if stack else None
        path = f"{parent.path}.{number}" if parent else str(number)
        title, has_heading = heading_of(ln.text[mlen:])
        node = Node(
            level,
            number,
            path,
            ln.start,
            ln.start + mlen,
            title=title,
            has_heading=has_heading,
            parent=parent,
        )
        (parent.children if parent else roots).append(node)
        stack.append(node)
    last = all_lines[-1].end if all_lines else end
    for node in stack:
        node.end = last
    _trim_ends(roots, view)
    return roots


def _trim_ends(nodes: list[Node], view: str) -> None:
    for n in nodes:
        while n.end > n.start and view[n.end - 1].isspace():
            n.end -= 1
        _trim_ends(n.children, view)


def walk(nodes: list[Node]) -> Iterator[Node]:
    """All nodes, depth first, in document order."""
    for n in nodes:
        yield n
        yield from walk(n.children)


def leaves(node: Node) -> Iterator[Node]:
    """The deepest numbered items under ``node`` (the node itself when it has no children)."""
    if not node.children:
        yield node
    for c in node.children:
        yield from leaves(c)


_CONTENTS = re.compile(r"^目\s*录$")
# a line of a table of contents: a page number after the heading, dot leaders, or | cells
_CONTENTS_LINE = re.compile(
    r"(…{2,}|\.{4,}|·{4,}|\s\d{1,3}\s*\|?$|\|\s*\d{1,3}\s*\|?$|^第[一二三四五六七八九十]+章)"
)


_LISTED_PART = re.compile(r"(?:^|[,，]\s*)[一二三四五六七八九十]{1,2}、")


def without_contents(view: str) -> str:
    r"""The view with a table of contents (目录 and the lines after it that list headings and
    pages) blanked out, so that its headings are no provisions. Same length as ``view``.

    >>> v = "目 录\n一、发展基础 4\n二、面临形势 6\n一、发展基础\n我省。"
    >>> [n.path for n in walk(parse_tree(without_contents(v), 0, len(v)))]
    ['1']
    """
    ls = lines(view)
    for ln in ls:  # 一、提高认识,明确任务,二、加强领导,责任到人,三、…: the parts listed on one line
        if len(_LISTED_PART.findall(ln.text)) >= 3 and _LISTED_PART.match(ln.text) and len(ln.text) <= 160:
            view = view[: ln.start] + " " * (ln.end - ln.start) + view[ln.end :]
    start = next((i for i, ln in enumerate(ls) if _CONTENTS.match(ln.text)), None)
    if start is None:
        return view
    end = start + 1
    while end < len(ls) and (
        _CONTENTS_LINE.search(ls[end].text)
        # (a heading may hold a comma: (一)强化组织协调,确保有序推进; never a sentence's end)
        or (len(ls[end].text) <= 40 and not re.search(r"[。;:]", ls[end].text))
    ):
        if match_marker(ls[end].text) and not _CONTENTS_LINE.search(ls[end].text):
            # a heading without a page: the TOC is over if the same heading was listed before
            if any(ls[end].text == ln.text.rsplit(" ", 1)[0] for ln in ls[start + 1 : end]):
                break
        end += 1
    a, b = ls[start].start, (ls[end].start if end < len(ls) else len(view))
    return view[:a] + re.sub(r"[^\n]", " ", view[a:b]) + view[b:]
