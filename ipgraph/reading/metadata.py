"""Plan metadata: title, place, issuers, document number, dates, term, references.

The rules read the document's *head* (everything before the plan's first numbered part, or
the whole text when there is none) in the layouts real pages have: a notice with its heading
and signature, a portal metadata block (:mod:`.fields`), a news repost that names its issuers
in prose, a 意见 issued directly, a wiki or forum header. See GUIDE.md, "plan (document
metadata)", and the corpus conventions (signed date over portal date; portal fields are never
issuers; the plan's own title, not the first title it cites).

The place is weighed from all of it by :mod:`.place`; :func:`read_meta` returns it beside the
metadata so that the reader can say when it is unsure.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from ..central import canonical as central_canonical
from ..model import PlanMeta
from ..text import to_simplified
from .agencies import Jurisdiction, canonical_names
from .fields import field_date, portal_fields
from .place import Place, find_place, is_national_body
from .regions import NATION, find_region, region_by_name
from .structure import Line, cn_number, is_debris, lines, match_marker

__all__ = ["document_level", "norm_title", "read_meta", "read_meta_and_place", "references", "title_span"]

PLAN_TYPES = (
    r"(?:方案|策划案|要点|计划|规划|意见|办法|纲要|措施|举措|细则|安排|行动|纲领|条例|规定|通知|指引|决定"
    r"|任务清单)"
)
_TITLE_IN_QUOTES = re.compile(r"《([^《》]{4,120}?" + PLAN_TYPES + r"(?:\s*\([^()]{2,30}\))?)》")
# a line may break right after 《 or before 》 (a page's wrapped line): the title is the rest
# (or inside it, a PDF's line and a blank one: 《知识产权强 / 国建设纲要(2021—2035年)》)
_QUOTED = re.compile(
    r"《[ \t]*\n?[ \t]*([^《》\n]{1,150}?(?:[ \t]*\n(?:[ \t]*\n)?[ \t]*[^《》\n]{1,150}?)?)[ \t]*\n?[ \t]*》"
)
# a 《title》 the notice hands out: 现将《…》印发, 印发《…》的通知, 《…》已经…同意
_HANDED_OUT = re.compile(
    r"(?:印发|转发|批转|公布|发布|制定了|现将|制订了|起草了|正式出台|制定出台|近日出台|(?:近日|日前)(?:出台|印发)的)"
    r"\s*《([^《》]{4,150})》|"
    r"《([^《》]{4,150})》\s*(?:[(（]以下简称[^()（）]{1,30}[)）])?\s*"
    r"(?:已经|经|业经|,?\s*印发|现印发|现予印发|现予公布|正式(?:发布|出台|印发|实施)|(?:日前|近日|近期)(?:印发|出台|发布))"
)
# (a government 批转s or 转发s a department's document with no 关于: 固原市人民政府批转《…》的通知)
_NOTICE = re.compile(
    r"^(.{0,60}?)(?:关于(?:印发|转发|批转|公布|发布|下发)|(?<=[府厅室局委])(?:批转|转发|印发))\s*(.{4,150}?)\s*的(?:通知|决定)$"
)
# (two issuers may head it, a space apart: 中共云南省委 云南省人民政府关于…的实施意见; or none,
# its issuer said elsewhere on the page: 关于开展2024年知识产权宣传周活动的方案)
_DIRECT = re.compile(
    r"^((?:[\u4e00-\u9fff()\d]{2,40}?(?:\s+[\u4e00-\u9fff()]{2,40}?)?)?\s*关于[^,。;:]{2,120}?"
    r"(?:意见|通知|办法|方案|决定|规定|措施|细则|指引|计划|要点|规划))(?=\s|$)"
)
_DATE_CN = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
# a month or a day: counted in tens (十五, 三十一) or digit by digit (一二); the range check does the rest
_CN_MONTH_DAY = r"([一二三四五六七八九]?十[一二三四五六七八九]?|[一二三四五六七八九]{1,3})"
_DATE_CN_NUMERALS = re.compile(
    rf"([〇○零OoＯｏ0０一二三四五六七八九]{{4}})\s*年\s*{_CN_MONTH_DAY}\s*月\s*{_CN_MONTH_DAY}\s*日"
)
# a zero is also typed as a Latin or full-width O or a digit (二OO九年, 二0一0年) in reposted notices
_CN_DIGITS = str.maketrans("〇○零OoＯｏ0０一二三四五六七八九", "000000000123456789")
_DATE_ANY = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")
_DOC_NO = r"[\u4e00-\u9fff]{1,12}\s*[〔\[【(]\s*\d{4}\s*[〕\]】)]\s*第?\s*\d{1,5}\s*号"
_DOC_NO_LINE = re.compile(rf"^({_DOC_NO})(?=$|\s*[《\u4e00-\u9fff]|\s+\d{{4}}\s*年)")
# ``(穗府办〔2007〕25号)`` on a line of its own under the notice's title (law databases, gazettes)
_DOC_NO_BRACKETED = re.compile(rf"\s*[(（]\s*({_DOC_NO})\s*[)）]\s*")
# ``苏政发〔2009〕1号 2009年1月5日``: a wiki or portal line with the number and the date it was issued
_DOC_NO_DATED = re.compile(rf"^{_DOC_NO}\s+(\d{{4}}\s*年\s*\d{{1,2}}\s*月\s*\d{{1,2}}\s*日)$")
_PERIOD = re.compile(r"(\d{4})\s*(?:年)?\s*[-—–─~至到]\s*(\d{4})\s*年?")  # (─: a box-drawing dash)
# a term stated in the text when the title gives none: 建设期为2023年11月至2026年10月
_STATED_TERM = re.compile(
    r"(?:建设|实施|规划|试点)期(?:为|是|:)\s*(\d{4})\s*年?(?:\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?)?"
    r"\s*(?:至|到|[-—–~]{1,2})\s*(\d{4})\s*年"
)
# an annual plan (2024年…工作要点, 2023年度…工作计划, 2025年…实施方案): its term is that year; never
# a deadline (到2025年…, 2030年前…)
_ONE_YEAR = re.compile(
    r"(?<![到至])(\d{4})\s*年度?(?!\s*[-—–~至到前底末])"
    r".*(?:工作要点|工作计划|推进计划|实施方案|工作方案|行动方案|工作安排|分工方案|宣传方案|活动方案|任务清单|工作清单)\)?$"
)
# a yearly activity notice (开展2018年全国知识产权宣传周活动的通知) or a guide for one year (…指引(2023))
_ACTIVITY_YEAR = re.compile(r"(?<![到至])(\d{4})\s*年度?[^()]{0,30}?(?:活动|宣传周)")
_YEAR_IN_BRACKETS = re.compile(r"\(\s*(\d{4})\s*年?度?\s*\)$")
_TASKS_OF_YEAR = re.compile(
    r"明确\s*(\d{4})\s*(?:年度?)?(?:\s*[-—–~至到]\s*(\d{4})\s*年?度?)?[^。]{0,20}?(?:重点任务|工作任务|工作重点)"
)
_YEAR_IS = re.compile(r"^(\d{4})\s*年是")
ORG_SUFFIX = (
    r"(?:人民政府办公厅|人民政府办公室|人民政府|办公厅|办公室|政府|委员会|领导小组|管委会"
    # (人民银行四川省分行, …中心支行, 中国银保监会, 中华人民共和国北京海关, …综合执法总队)
    r"|局|厅|委|部|院|署|办|中心|会议|分行|支行|监会|海关|总队|支队)"
)
_ORG = re.compile(r"^[\u4e00-\u9fff()]{2,40}" + ORG_SUFFIX + "$")
# (never a site's header: 天津市静海区人民政府 2019年12月3日星期二 is its name and today's date)
_INLINE_SIGNATURE = re.compile(
    r"([\u4e00-\u9fff]{2,30}"
    + ORG_SUFFIX
    + r")\s+(\d{4}年\d{1,2}月\d{1,2}日)(?!\s*(?:星期|周)[一二三四五六日天])"
)
_LETTERHEAD = re.compile(r"^([\u4e00-\u9fff()]{2,40}?)文件$")
# who issued or jointly drew up the document, said in prose:
# 省委、省政府印发了《…》, 省知识产权局、…联合制定了《…》, …领导小组于2022年7月7日印发《…》 (a bare
# 印发 only after the date it was done: 关于印发《…》 is a title's own words)
_PROSE_ISSUERS = re.compile(
    r"([\u4e00-\u9fff、]{2,160}?)(于\s*\d{4}\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?)?"
    r"(?(2)(?:联合)?(?:印发|制定|出台)了?|(?:联合)?(?:印发了|制定了|出台了|联合制定|联合印发|联合出台))(?:《|并)"
)
# a news report's own sentence: 近日,省政府办公厅印发《…》; 《…》经甘肃省政府办公厅印发实施 (a bare
# 印发 only where a sentence starts, never inside 根据…印发《…》, which cites another document)
_PROSE_NEWS = re.compile(
    r"(?:^|[。\n]|(?:近日|日前|近期|最近|此前|\d{1,2}月\d{1,2}日)[,，]?)[ \t]*"
    r"(?!根据|按照|依据|依照|贯彻|落实|结合|参照|对照)([\u4e00-\u9fff、]{2,60}?(?: [\u4e00-\u9fff]{2,20}?)?)"
    r"(?:近日|日前|近期)?(?:以[^,，。《]{2,30}?文件的?形式[,，]?)?(?:(?:正式)?(?:联合)?印发|正式出台|制定出台)《"
    r"|》\s*经\s*([\u4e00-\u9fff、]{2,60}?)(?:联合)?印发实施"
)
# the document's own number said in a news report: …人民政府以洞政发〔2012〕23号文件的形式,正式出台《…》
_DOC_NO_PROSE = re.compile(rf"以\s*({_DOC_NO})\s*文件的?形式")
_PROSE_LEAD = re.compile(r"^.*?(?:近日|日前|为[^、]*?|根据[^、]*?|按照[^、]*?|最近)[,，]?")
_WIDGET = re.compile(r"^星期[一二三四五六日天]$")
# A body named by its level alone (省政府, 市知识产权局, 区委办公室): the plan's place goes before it.
_LOCAL_BODY = re.compile(r"^(?:省|市(?!场)|区|县)[\u4e00-\u9fff]{0,16}(?:政府|委|局|厅|办|办公室|委员会)$")
# Punctuation no heading line holds: a sentence, a portal greeting (…欢迎您!), a breadcrumb (首页 >> 正文),
# a site's banner (法搜网--中国法律信息搜索网, 首页 | 政策).
_NOT_HEADING = re.compile(r"[,。;:!?！？|｜]|>>|»|--")
_BYLINE_DATE = re.compile(
    r"^(?:编辑|作者|责编|发布者|发布人)?\s*[:：]?\s*\S{0,20}?\s*(\d{4}-\d{1,2}-\d{1,2})"
)
_STAMP_LINE = re.compile(r"^(\d{4}-\d{1,2}-\d{1,2})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?(?:\s|$)")
_DIRECT_TYPES = ("意见", "通知", "办法", "决定", "规定", "细则", "指引", "措施")


def norm_title(s: str) -> str:
    """A title reduced for comparison: NFKC, no spaces, simplified, unified dashes."""
    s = unicodedata.normalize("NFKC", to_simplified(s))
    s = s.translate(_INNER_QUOTES)  # a title nested in a title: 〈…〉, <…> or 《…》 by the page
    s = re.sub(r"[“”\"‘’']", "", s)  # 芜湖市“十三五”知识产权发展规划 is 《芜湖市十三五知识产权发展规划》
    return re.sub(r"\s+", "", s).replace("—", "-").replace("–", "-")


_INNER_QUOTES = str.maketrans({"〈": "《", "〉": "》", "<": "《", ">": "》"})


@dataclass(slots=True)
class _Head:
    """The document's head: its text, view and non-blank lines."""

    text: str
    view: str
    end: int
    lines: list[Line]

    def original(self, ln: Line) -> str:
        return self.text[ln.start : ln.end]


# --------------------------------------------------------------------------------------- titles


def _joined(head: _Head, max_lines: int = 3) -> list[tuple[int, int, str, str]]:
    """Runs of 1–3 consecutive short lines without sentence punctuation, joined: a heading
    split over lines (``2013年全国打击侵犯`` / ``知识产权和…工作要点的通知``). A line with a
    sentence's punctuation or a breadcrumb's ``>>`` is joined to nothing (a portal's ``…欢迎您!``).
    Gives ``(first line, last line, view, original)``."""
    out = []
    ls = head.lines
    for i in range(len(ls)):
        v, o = "", ""
        for j in range(i, min(i + max_lines, len(ls))):
            t = ls[j].text
            prev = ls[j - 1].text
            if j > i and (len(t) > 60 or _NOT_HEADING.search(t) or _NOT_HEADING.search(prev)):
                break
            if j > i and (_ENDS_WITH_NUMBER.search(prev) or is_debris(prev) or _NAV.match(prev)):
                break  # …的通知(文号); 联系我们; 政府信息公开, 公告与提示: a portal's own words
            if j > i and head.view[head.view.rfind("\n", 0, ls[j].start) + 1 : ls[j].start].strip():
                break  # a line after its label or bullet (文章标题: …) starts a heading of its own
            v += t
            o += head.original(ls[j])
            out.append((i, j, v, o))
    return out


_NAV = re.compile(
    r"^(?:政府信息公开|信息公开|公告与提示|通知公告|公示公告|政策文件|政策法规|政策解读|法规文件|规划计划|"
    r"新闻中心|工作动态|网站首页|首页|返回顶部|文件通知|部门文件|政府文件)$"
)
_ENDS_WITH_NUMBER = re.compile(rf"[(（]\s*{_DOC_NO}\s*[)）]$")


def _strip_quotes(s: str) -> str:
    s = s.strip()
    return s[1:-1] if s.startswith("《") and s.endswith("》") else s


def _own_title(head: _Head) -> tuple[str, str, str]:
    """``(title as written, its view, the issuer the heading names)``; empty strings when none."""
    notice = head.view[: head.end]
    handed = [m for m in _HANDED_OUT.finditer(notice) if re.search(PLAN_TYPES, m.group(1) or m.group(2))]
    standalone = {norm_title(v) for _, _, v, _ in _joined(head)}
    heading_issuer = ""
    for _, _, v, _ in _joined(head):
        n = _NOTICE.match(v)
        if n and n.group(1):
            heading_issuer = _issuer_of_heading(n.group(1))
            break
    if handed:  # the 《title》 the notice hands out; the one also written as a heading wins
        best = next((m for m in handed if norm_title(m.group(1) or m.group(2)) in standalone), handed[0])
        key = norm_title(best.group(1) or best.group(2))
        for short in _SHORT_NAME.finditer(notice):  # 现将《分工方案》印发: the name it abbreviates
            if norm_title(short.group(2)) == key:
                return (
                    head.text[short.start(1) : short.end(1)].strip(),
                    short.group(1).strip(),
                    heading_issuer,
                )
        intact = [
            m
            for m in handed
            if norm_title(m.group(1) or m.group(2)) == key and not re.search(r"\s", m.group(0))
        ]
        best = intact[0] if intact else best  # the one-line form, not one broken by stray spaces
        g = 1 if best.group(1) else 2
        for ln in head.lines:  # the plan's own heading, intact on its line, as it writes itself
            if norm_title(ln.text) == key and not re.search(r"\s", ln.text):
                return head.original(ln).strip(), ln.text, heading_issuer
        return head.text[best.start(g) : best.end(g)].strip(), best.group(g).strip(), heading_issuer
    for _, _, v, o in _joined(head):  # 关于印发2013年…工作要点的通知, no 《》
        n = _NOTICE.match(v)
        if n and _PLAN_SET.search(n.group(2)):  # …规划等9个专项规划: the page's own plan is a heading
            own = _plan_heading(head)
            return (own[0], own[1], heading_issuer) if own else ("", "", heading_issuer)
        if n:
            inner = _plan_of_pair(_strip_quotes(n.group(2)))
            k = norm_title(inner)
            for _, _, v2, o2 in _joined(head):
                if norm_title(v2) == k:
                    return o2.strip(), v2, heading_issuer
            start = v.find(inner)
            return o[start : start + len(inner)], inner, heading_issuer
    for ln in head.lines:  # a document issued directly: 泰安市人民政府 关于…的实施意见 (one line)
        d = _DIRECT.match(_strip_quotes(ln.text))
        if d and not re.search(r"关于(?:印发|转发)", d.group(1)) and not d.group(1).startswith("关于"):
            off = ln.text.index(d.group(1))
            return (
                head.text[ln.start + off : ln.start + off + len(d.group(1))],
                d.group(1),
                _issuer_of_heading(d.group(1).split("关于")[0]),
            )
    for _, _, v, o in _joined(head):  # …split over lines: 国家知识产权局 / 关于…的指导意见
        d = _DIRECT.match(_strip_quotes(v))
        if d and d.group(1) == _strip_quotes(v) and v.endswith(_DIRECT_TYPES):
            return _strip_quotes(o), _strip_quotes(v), _issuer_of_heading(v.split("关于")[0])
    for ln in head.lines:  # …its issuer named nowhere in the heading: 关于开展2024年…活动的方案
        d = _DIRECT.match(_strip_quotes(ln.text))
        if d and d.group(1).startswith("关于") and not re.match(r"关于(?:印发|转发)", d.group(1)):
            off = ln.text.index(d.group(1))
            return head.text[ln.start + off : ln.start + off + len(d.group(1))], d.group(1), heading_issuer
    own = _plan_heading(head)
    return (own[0], own[1], heading_issuer) if own else ("", "", heading_issuer)


_QUALIFIER = re.compile(
    r"[(（](?:试行|暂行|修订|修订稿|征求意见稿|送审稿|草案|\d{4}\s*[-—–至]\s*\d{4}\s*年?)[)）]"
)
# a notice handing out several plans at once: 关于印发…“十四五”规划等9个专项规划的通知
_PLAN_SET = re.compile(r"等\s*[\d一二三四五六七八九十]+\s*[个项部]?(?:专项)?(?:规划|方案|计划|文件|办法)")


def _plan_heading(head: _Head) -> tuple[str, str] | None:
    """A heading line (or two) naming a plan type: ``(as written, view)``, else None."""
    for a, _, v, o in _joined(head, 2):
        if re.fullmatch(r"[\d\s年月日.-]+", head.lines[a].text):
            continue  # a signed date cut to digits (20223) is no part of the heading under it
        if match_marker(v):
            continue  # (二)…的方法与时间安排: a numbered part of a page cut from the middle, no title
        outside = re.sub(r"《[^《》]*》", "", v)  # 深入实施《关于强化知识产权保护的意见》推进计划
        if re.search(PLAN_TYPES + r"(?:\s*\([^()]{2,30}\))?$", v) and len(v) <= 80 and "关于" not in outside:
            if not re.match(r"^(各|现将|为|根据|按照)", v) and not _PLAN_SET.search(v):
                nxt = head.lines[a + 1] if a + 1 < len(head.lines) and v == head.lines[a].text else None
                if nxt is not None and _QUALIFIER.fullmatch(nxt.text):  # …工作方案 / (试行)
                    return o.strip() + head.original(nxt).strip(), v + nxt.text
                return o.strip(), v
    return None


def _plan_of_pair(inner: str) -> str:
    """``2023年工作总结和2024年工作要点`` → ``2024年工作要点``: a notice that hands out a report
    with the plan names the plan second; the report is no plan and its year is not the plan's."""
    m = re.fullmatch(r"(.{2,60}?(?:总结|报告|情况))(?:和|及|与|、)(.{2,80}?" + PLAN_TYPES + r")", inner)
    return m.group(2) if m else inner


def title_span(view: str, notice_end: int) -> tuple[int, int] | None:
    """Where the plan's own title is written, as ``(start, end)`` in the text (its first line)."""
    head = _Head(view, view, notice_end, _head_lines(view, notice_end))
    _, title_view, _ = _own_title(head)
    if not title_view:
        return None
    key = norm_title(title_view)
    pos = view.find(title_view, 0, notice_end)
    if pos >= 0:
        return pos, pos + len(title_view)
    for a, b, v, _ in _joined(head):
        if norm_title(v) == key:
            return head.lines[a].start, head.lines[b].end
    return None


def _issuer_of_heading(words: str) -> str:
    """The issuer in a heading's ``X关于…``: ``河北省知识产权局等八部门`` → 河北省知识产权局. Joint
    issuers written a space apart stay a space apart (``中共云南省委 云南省人民政府``); other spaces
    are a page's stray ones and go."""
    words = re.split(r">|»|/", words)[-1]  # 首页 > 抚州市人民政府办公室关于…: a breadcrumb's last step
    parts = words.split()
    if len(parts) > 1 and all(_ORG.match(p) or _PARTY_COMMITTEE.match(p) for p in parts):
        return " ".join(parts)
    words = re.sub(r"\s+", "", words)
    words = re.sub(r"等[一二三四五六七八九十\d]*(?:个)?(?:部门|部委|单位)$", "", words)
    return words


_PARTY_COMMITTEE = re.compile(r"^中共[\u4e00-\u9fff]{2,12}(?:省|市|区|县|州|盟)委$")


# -------------------------------------------------------------------------------------- issuers


def _arabic_date(m: re.Match[str]) -> str:
    """``二〇二三`` is 2023 digit by digit; ``十五``, ``三十一``, ``十`` count tens."""
    y, mo, d = (cn_number(g) if "十" in g else int(g.translate(_CN_DIGITS)) for g in m.groups())
    return f"{y}年{mo}月{d}日" if 1 <= mo <= 12 and 1 <= d <= 31 else m.group(0)


# ``20141229``, ``2010811``: a date whose 年月日 were lost (set in another font, dropped by the
# page), alone on its line or after the body that signed (湖北省人民政府  2010811)
_RUN_TOGETHER = re.compile(r"(^|\s)((?:19|20)\d{2})(\d{3,4})$")


def _run_together(year: str, rest: str) -> str | None:
    """The one date ``rest`` (month then day, three or four digits) can be: ``1229`` is 12-29,
    ``811`` is 8-11; ``111`` (1-11 or 11-1) is none, and so is a shorter run (``202426``)."""
    cuts = {(int(rest[:i]), int(rest[i:])) for i in (1, 2) if len(rest) >= 3 and 1 <= len(rest) - i <= 2}
    valid = [(mo, d) for mo, d in cuts if 1 <= mo <= 12 and 1 <= d <= 31]
    return "{}年{}月{}日".format(int(year), *valid[0]) if len(valid) == 1 else None


def _arabic_dates(s: str) -> str:
    """Signing lines are often written in Chinese numerals (``二〇二三年三月十五日``): give them digits;
    run-together digits that can only be one date are that date."""
    run = _RUN_TOGETHER.search(s.strip())
    if run and (date := _run_together(run.group(2), run.group(3))):
        stripped = s.strip()
        return stripped[: run.start(2)] + date
    return _DATE_CN_NUMERALS.sub(_arabic_date, s)


def _org_names(line: str) -> list[str] | None:
    """The bodies on a signature line (two may share one: ``河北省知识产权局 河北省教育厅``); a
    seal note (``(代章)``) and a page's ``?`` debris are no part of a name."""
    line = _SEAL_NOTE.sub("", re.sub(r"[?？]+", " ", line))
    parts = [p for p in re.split(r"\s+", line.strip()) if p]
    if parts and all(_ORG.match(p) for p in parts):
        return parts
    joined = re.sub(r"\s+", "", line)
    return [joined] if _ORG.match(joined) and not joined.startswith("关于") else None


_GARBLED_DATE = re.compile(r"(?:19|20)\d{3,6}")
_SEAL_NOTE = re.compile(r"[(（](?:代章|印章|盖章|公章)[)）]")


# the last words of a notice's body, just above where it is signed
_NOTICE_CLOSE = re.compile(r"(印发给你们|请.{0,24}(执行|实施|落实|遵照)|特此(通知|通告|函告))[^。]{0,24}。?$")


def _signature(head: _Head) -> tuple[list[str], str | None]:
    """Issuers signed above the notice's date line, and that date; a signature block cut
    before its date (bodies alone after 特此通知) gives the bodies."""
    ls = head.lines
    for i, ln in enumerate(ls):
        text = _arabic_dates(re.sub(r"[?？\s]+$", "", ln.text))  # 2024年7月30日? ??: page debris
        d = _DATE_CN.fullmatch(re.sub(r"\s+", "", text))
        if d:
            names: list[str] = []
            j = i - 1
            while j >= 0 and len(names) < 10 and (found := _org_names(ls[j].text)):
                names[:0] = found
                j -= 1
            # a name signed over two lines: 广西知识产权战略实施工作厅际 / 联席会议办公室(代章)
            lead = ls[j].text.strip() if j >= 0 else ""
            if len(names) == 1 and lead and find_region(lead) and not _NOT_HEADING.search(lead):
                if _ORG.match(lead + names[0]):
                    names, j = [lead + names[0]], j - 1
            if names and not _DIRECT.match(ls[j + 1].text):
                return names, _iso(*d.groups())
            if not names and i > 0 and _NOTICE_CLOSE.search(ls[i - 1].text):
                return [], _iso(*d.groups())  # signed under the notice, its seal not in the text
        elif _GARBLED_DATE.fullmatch(ln.text.strip()) and i > 0 and (found := _org_names(ls[i - 1].text)):
            return found, None  # 鞍山市人民政府 / 201568: signed, its date lost its 年月日 and is no date
        m = _INLINE_SIGNATURE.search(text)
        if m:
            return [m.group(1)], _iso(*_DATE_CN.match(m.group(2)).groups())
    for i, ln in enumerate(ls):
        if re.match(r"^特此(通知|通告|函告)", ln.text):
            names = []
            for nxt in ls[i + 1 :]:
                found = _org_names(nxt.text)
                if not found:
                    break
                names += found
            if names:
                return names, None
    return [], None


def _prose_issuers(view: str) -> list[str]:
    """Bodies that a sentence says issued or jointly drew up the document (省委、省政府印发了)."""
    said = [(m.start(), _PROSE_LEAD.sub("", m.group(1))) for m in _PROSE_ISSUERS.finditer(view)]
    said += [(m.start(), m.group(1) or m.group(2)) for m in _PROSE_NEWS.finditer(view)]  # whole names
    for _, words in sorted(said):
        parts = [q for p in re.split(r"[、\s]+", words) if p for q in _JOINT.sub(r"\1 \2", p).split()]
        if parts and all(_ORG.match(p) or re.fullmatch(r"(省|市|区|县)(委|政府)|中共中央", p) for p in parts):
            return parts
    return []


# two bodies a headline runs together: 中共中央国务院印发《…》, 省委省政府印发…
_JOINT = re.compile(
    r"^(中共中央(?:办公厅)?|[省市区县]委(?:办公厅|办公室)?)((?:国务院|[省市区县](?:人民)?政府)\S*)$"
)


def _jointly(issuer: str) -> list[str]:
    """``国家知识产权局办公室会同国家市场监督管理总局办公厅``: two issuers, one 会同 the other."""
    parts = issuer.split("会同")
    return parts if len(parts) > 1 and all(_ORG.match(p) for p in parts) else [issuer]


def _listed_before_title(head: _Head, title_view: str) -> list[str]:
    """Bodies a portal's headline lists before the plan's 《title》, which they issued:
    ``上海银保监局、上海市发改委、市经信委…《上海银行业保险业…工作方案》(沪银保监发〔2022〕82号)``."""
    if not title_view:
        return []
    for ln in head.lines[:6]:
        at = ln.text.find(f"《{title_view}》")
        rest = ln.text[at + len(title_view) + 2 :] if at > 0 else ""
        if at > 0 and re.fullmatch(r"\s*(?:[(（][^()（）]*[)）])?\s*", rest):  # a headline, not a sentence
            parts = [p for p in re.split(r"[、\s]+", ln.text[:at]) if p]
            if parts and all(_ORG.match(p) for p in parts):
                return parts
    return []


def _byline(head: _Head) -> str:
    """A body alone on the first line, above the text (a byline), or a letterhead (…文件)."""
    for i, ln in enumerate(head.lines[:8]):  # (a PDF's letterhead may be split or spaced out)
        for t in (ln.text, *([head.lines[i - 1].text + ln.text] if i else [])):
            lh = _LETTERHEAD.match(re.sub(r"\s+", "", t))
            if lh and _ORG.match(lh.group(1)):
                return lh.group(1)
    if len(head.lines) >= 2:
        first, second = head.lines[0].text, head.lines[1].text
        if _ORG.match(first) and not second.startswith("关于") and len(second) > 60:
            return first
    return ""


def _signer(name: str, ctx_region: str) -> str:
    """A signer as GUIDE.md wants it, its abbreviated name expanded where the genre abbreviates a
    national regulator's local office (四川金融监管局, 上海银保监局, 人民银行四川省分行); any other
    signature is a full name already and stays as signed."""
    if name.startswith("人民银行"):
        return "中国" + name
    official = central_canonical(name, None)  # 国家发展改革委, 中国银保监会: a ministry written short
    if official and official[0] != name and name in official:
        return official[0]
    if re.search(r"(?:金融监管|银保监)(?:局|分局)$", name) and ctx_region:
        first = canonical_names(name, Jurisdiction.of_region(ctx_region))[0]
        if first.startswith(("国家金融监督管理总局", "中国银行保险监督管理委员会")):
            return first
    return name


def _full_issuer(name: str, ctx_region: str) -> str:
    """An issuer written short (省委, 省政府, 省国资委) with its place, in the style of canonical names."""
    name = to_simplified(name)
    if ctx_region and (
        re.match(r"^(省|市|区|县)", name) or re.search(r"(?:发改|经信|科|工信|商|教|卫健)委$", name)
    ):
        return canonical_names(name, Jurisdiction.of_region(ctx_region))[0]  # 市经信委, 上海市发改委
    # 甘肃省政府办公厅 (or a page's 甘肃省省政府办公厅): the government's official name is 人民政府
    if gov := re.fullmatch(r"(.{2,12}?([省市区县]))\2?政府(办公厅|办公室)?", name):
        name = f"{gov.group(1)}人民政府{gov.group(3) or ''}"
    # 湖南省洞口县人民政府: a news report puts the province before a county's body; its name has none
    prov = re.match(r"[\u4e00-\u9fff]{2,7}?(?:省|自治区)", name)
    if prov and (inner := find_region(name[prov.end() :])) and inner.province == prov.group(0):
        rest = name[prov.end() :]
        if rest.startswith((inner.name, inner.full_name)) and inner.level in ("city", "district"):
            return rest
    return name


# ----------------------------------------------------------------------------------------- dates


def _iso(y: str, m: str, d: str) -> str:
    return f"{int(y):04d}-{int(m):02d}-{int(d):02d}"


def _page_dates(head: _Head, fields: dict[str, str]) -> tuple[str | None, str | None]:
    """``(document date, publication date)`` a page header gives: 成文日期 / a wiki's lone date;
    发布日期, a repost's time, a forum post's date. A site's today-date widget is neither."""
    # a law database's or a wiki's 颁布日期 / 颁布时间 too
    doc_keys = ("成文日期", "制发日期", "印发日期", "颁布日期", "颁布时间", "发文日期", "公文生成日期")
    doc = next((d for k in doc_keys if (d := field_date(fields.get(k)))), None)
    ls = head.lines
    if doc is None:
        for i, ln in enumerate(ls[:12]):
            dated = _DOC_NO_DATED.match(ln.text)
            d = _DATE_CN.fullmatch(re.sub(r"\s+", "", dated.group(1) if dated else ln.text))
            widget = i + 1 < len(ls) and _WIDGET.match(ls[i + 1].text)
            if d and not widget and not (i > 0 and _ORG.match(ls[i - 1].text)):
                doc = _iso(*d.groups())
                break
    page_keys = ("发布日期", "公布日期", "发布时间", "发表时间", "时间", "日期")
    published = next((d for k in page_keys if (d := field_date(fields.get(k)))), None)
    if published is None:
        for ln in ls[:12]:
            m = _STAMP_LINE.match(ln.text) or _BYLINE_DATE.match(ln.text)
            if m:
                published = field_date(m.group(1))
                break
            if (dmy := _DAY_FIRST_STAMP.match(ln.text)) and int(dmy.group(1)) > 12:  # never 3.4.2018
                published = _iso(dmy.group(3), dmy.group(2), dmy.group(1))
                break
    return doc, published


# ``16.11.2018  18:29``: a page stamp written day first; read only where the day cannot be a month
_DAY_FIRST_STAMP = re.compile(r"^([0-3]?\d)\.(0?[1-9]|1[0-2])\.((?:19|20)\d{2})\s+\d{1,2}:\d{2}(?::\d{2})?$")


# ------------------------------------------------------------------------------------ doc number


def _doc_number(head: _Head, fields: dict[str, str], title_view: str = "") -> str | None:
    for ln in head.lines:
        m = _DOC_NO_LINE.match(ln.text) or _DOC_NO_BRACKETED.fullmatch(ln.text)
        if m:
            return head.text[ln.start + m.start(1) : ln.start + m.end(1)]
    for key in ("发文字号", "文号", "文件号", "文件编号"):
        value = fields.get(key, "")
        if re.fullmatch(_DOC_NO, value):
            return value
    if said := _DOC_NO_PROSE.search(head.view[: head.end]):
        return head.text[said.start(1) : said.end(1)]
    for ln in head.lines[:8]:  # "…的通知 国知战联办〔2018〕24号 2018年12月27日": a wiki's heading line
        m = _DOC_NO_INLINE.search(ln.text) or _DOC_NO_AFTER_HEADING.search(ln.text)
        if m:
            return head.text[ln.start + m.start(1) : ln.start + m.end(1)]
    if title_view:  # 印发《关于…的实施意见》(黔府发〔2017〕31号,以下简称…): the plan's own number
        own = re.search(
            rf"《\s*{re.escape(title_view)}\s*》\s*[(（]\s*({_DOC_NO})\s*[,，)）]", head.view[: head.end]
        )
        if own:
            return head.text[own.start(1) : own.end(1)]
    return None


# a headline with its number in brackets at its end: …的通知 (国知办发保字〔2024〕1号)
_DOC_NO_AFTER_HEADING = re.compile(
    rf"(?:通知|意见|方案|决定|办法|规划|要点|计划)\s*[(（]\s*({_DOC_NO})\s*[)）]$"
)


# set apart by spaces and followed by a date or nothing: never a number cited in brackets
_DOC_NO_INLINE = re.compile(rf"(?:^|\s)({_DOC_NO})(?=\s+\d{{4}}\s*年|\s*$)")


# ------------------------------------------------------------------------------------ references


def references(text: str, view: str, end: int, own_title: str) -> list[str]:
    """Titles cited in 《》 up to ``end``, each once, in order; the plan's own title left out,
    and so are short names for it or for a title cited before (以下简称《纲要》, 《纲要》全文如下)."""
    seen = {norm_title(_DRAFT.sub("", own_title))}
    out: list[str] = []
    for m in _QUOTED.finditer(view[:end]):
        key = norm_title(_DRAFT.sub("", m.group(1)))  # a draft's title is the plan's (…(征求意见稿))
        if key in seen:
            continue
        before = view[max(0, m.start() - 4) : m.start()]
        # 《纲要》, 《强区规划》: a short name of the plan's own title or of a title cited before
        short = len(key) <= 6 and any(k.endswith(key) or key in k or _abbreviates(key, k) for k in seen if k)
        if "简称" in before or short:
            continue
        seen.add(key)
        out.append(re.sub(r"[ \t]*\n\s*", "", text[m.start(1) : m.end(1)]))
    return out


_DRAFT = re.compile(r"[(（](?:征求意见稿|送审稿|草案|讨论稿|修订稿|审议稿)[)）]")


def _abbreviates(short: str, title: str) -> bool:
    """``强区规划`` abbreviates ``吴中区知识产权强区建设规划``: its characters appear in the title, in
    order, and it ends as the title ends (the kind of document)."""
    pos = 0
    for ch in short:
        pos = title.find(ch, pos) + 1
        if not pos:
            return False
    return len(short) >= 2 and title.rstrip(")）年0123456789-—(（").endswith(short[-2:])


_NATIONAL_TITLE = ("国务院", "中共中央", "中华人民共和国", "国家", "全国", "中国", "最高人民")


def document_level(title: str) -> str:
    """The level that issued a cited document: the region its title starts with, else national.

    Local documents carry their place in front (福建省…, 嘉兴市关于…, 厦门经济特区…);
    laws, national strategies and standards carry none (专利法, 知识产权强国建设纲要).

    >>> [document_level(t) for t in ("福建省知识产权强县工程实施方案", "厦门经济特区知识产权促进和保护条例",
    ...                                 "国务院关于印发“十四五”国家知识产权保护和运用规划的通知", "专利法")]
    ['province', 'city', 'national', 'national']
    """
    t = to_simplified(title).lstrip("“”\"'「『(（ ")
    if t.startswith(_NATIONAL_TITLE):
        return "national"
    region = find_region(t)
    return region.level if region else "national"


# ------------------------------------------------------------------------------------------ term


def _stated_term(view: str) -> list[int] | None:
    """The first explicit 建设期/实施期/规划期/试点期 statement with both years, for a title without years.

    A demonstration-zone plan is often titled without its term and states it in its goals
    (``建设期为2023年11月至2026年10月``); ``到建设期满`` or ``试点期间`` give no years and no term.
    """
    return next((t for m in _STATED_TERM.finditer(view) if (t := _term(m))), None)


def _term(m: re.Match[str]) -> list[int] | None:
    """The first and last year of a term, if they make one (at most 20 years)."""
    a, b = int(m.group(1)), int(m.group(2))
    return [a, b] if a < b <= a + 20 else None


def _period(title_view: str, head: _Head, hint: str) -> list[int] | None:
    """The plan's term: years in its title; the year of an annual plan or activity; a stated term."""
    # a term inside a cited 《title》 is that document's (关于贯彻《…纲要(2021—2035年)》的实施意见)
    t = re.sub(r"[《〈<][^《》〈〉<>]*[》〉>]", "", re.sub(r"\s+", "", title_view))
    if pm := _PERIOD.search(t):
        return _term(pm)
    for rx in (_ONE_YEAR, _YEAR_IN_BRACKETS, _ACTIVITY_YEAR):
        if one := rx.search(t):
            return [int(one.group(1))] * 2
    if tasks := _TASKS_OF_YEAR.search(head.view[: head.end] or hint[:2000]):
        # 明确2013年战略实施重点任务: an annual 推进计划; 明确2021—2022年度重点任务: two years
        return [int(tasks.group(1)), int(tasks.group(2) or tasks.group(1))]
    if not t:  # an untitled annual notice: 2025年是…决战之年
        for ln in head.lines:
            if y := _YEAR_IS.match(ln.text):
                return [int(y.group(1))] * 2
    return _stated_term(hint)


# ------------------------------------------------------------------------------------------ all


def read_meta_and_place(text: str, view: str, notice_end: int, body_end: int) -> tuple[PlanMeta, Place]:
    """The plan's metadata from its head and title, and the evidence for its place."""
    head = _Head(text, view, notice_end, _head_lines(view, notice_end))
    fields = portal_fields([ln.text for ln in head.lines[:40]])
    title, title_view, heading_issuer = _own_title(head)
    signed, signed_date = _signature(head)
    tail_signed: list[str] = []
    if not signed and not signed_date and body_end < len(view):  # a notice signed after its items
        tail_signed, signed_date = _signature(_Head(text, view, len(view), lines(view, body_end, len(view))))
    if not signed_date:  # a notice that is itself the plan, dated on its last line, its seal not in the text
        last = view.rstrip().rsplit("\n", 1)[-1]
        if d := _DATE_CN.fullmatch(re.sub(r"\s+", "", _arabic_dates(last))):
            signed_date = _iso(*d.groups())
    prose = _prose_issuers(view[:notice_end]) or _listed_before_title(head, title_view)
    byline = _byline(head) if not signed else ""
    hint = view[:body_end]
    doc_number = _doc_number(head, fields, title_view)
    place = find_place(
        title=to_simplified(title_view),
        # a news report's own statement of who issued the plan speaks for its place as a signature would
        signed=[to_simplified(s) for s in signed or tail_signed or prose],
        heading_issuer=to_simplified(heading_issuer),
        byline=to_simplified(byline),
        issuer_field=to_simplified(fields.get("发文机关", "")),
        doc_number=doc_number,
        head=view[:notice_end],
        body=hint,
    )
    region = place.region
    national = place.national
    region_name = NATION if national else (region.full_name if region else "")

    issuers = [_signer(to_simplified(re.sub(r"\s+", "", s)), region_name) for s in signed]
    prose_full = [_full_issuer(_signer(p, region_name), region_name if not national else "") for p in prose]
    if prose_full and (not issuers or set(issuers) < set(prose_full)):
        issuers = prose_full  # the prose lists every co-issuer; a cut signature block only some
    if not issuers and byline:
        issuers = [to_simplified(byline)]
    if not issuers and tail_signed:
        issuers = [to_simplified(re.sub(r"\s+", "", s)) for s in tail_signed]
    if not issuers and heading_issuer:
        issuers = [
            i for h in to_simplified(heading_issuer).split() if (i := _heading_body(h, region_name, hint))
        ]

    issuers = [q for i in issuers for q in _jointly(i)]
    doc_date, published = _page_dates(head, fields)
    level = "national" if national else (region.level if region else _level_hint(view[:body_end]))
    meta = PlanMeta(
        title=title,
        region=region_name,
        province=None if national or region is None else region.province,
        admin_level=level,  # type: ignore[arg-type]
        doc_number=doc_number,
        issuers=issuers,
        issue_date=signed_date or doc_date or published,
        period=_period(title_view, head, hint),
        references=references(text, view, body_end, title_view or title),
    )
    return meta, place


def _heading_body(h: str, region_name: str, hint: str) -> str:
    """The full name of a body a heading names before its 关于, or "" when it names none for sure."""
    r = region_by_name(h) or find_region(h, hint)
    if r and h in (r.name, r.full_name):  # "仓山区关于印发…": the district's government
        return f"{r.body_prefix}人民政府"
    if region_name and _LOCAL_BODY.match(h):  # "省政府关于印发…", "市知识产权局关于印发…"
        return _full_issuer(h, region_name)
    if not (_ORG.match(h) or _PARTY_COMMITTEE.match(h)):
        return ""  # a portal's label (文字解读) or a 文号 before 关于印发: no body
    if not is_national_body(h) or h.startswith(("国家", "国务院", "中共中央", "全国", "最高")):
        return _signer(h, region_name)  # 市场监管总局办公厅 → 国家市场监督管理总局办公厅
    return ""


def _head_lines(view: str, notice_end: int) -> list[Line]:
    """The head's lines; an attachment's file name is read as its title (``…规划(征求意见稿).docx``)."""
    out = []
    for ln in lines(view, 0, notice_end):
        if bullet := _BULLET.match(ln.text):  # a portal list's • before a title or a field
            ln = Line(ln.start + bullet.end(), ln.end, ln.text[bullet.end() :])
        glued = _DOC_NO_GLUED.match(ln.text)
        if glued:  # 嘉市监知〔2020〕173号上海市嘉定区…关于…的通知: the number, then the heading
            out.append(Line(ln.start, ln.start + glued.end(1), glued.group(1)))
            ln = Line(ln.start + glued.end(), ln.end, ln.text[glued.end() :])
        crumb = _BREADCRUMB.match(ln.text)  # 当前位置:首页 > 九江市…方案: its last step only, when it is
        if crumb and len(ln.text) - crumb.end() > 8:  # a title (… > 正文 stays whole: it joins nothing)
            ln = Line(ln.start + crumb.end(), ln.end, ln.text[crumb.end() :])
        if label := _TITLE_LABEL.match(ln.text):  # 文章标题: 黑龙江省知识产权强省建设纲要(…)
            ln = Line(ln.start + label.end(), ln.end, ln.text[label.end() :])
        ext = _FILE_EXTENSION.search(ln.text)
        if ext and ext.start() >= 4:
            ln = Line(ln.start, ln.start + ext.start(), ln.text[: ext.start()])
        out.append(ln)
    return out


# 《深化知识产权领域“放管服”改革分工方案》(以下简称《分工方案》)
_SHORT_NAME = re.compile(
    r"《([^《》]{4,150})》\s*[(（]\s*以下简称[:：]?\s*[《“\"]([^《》“”\"]{1,20})[》”\"]\s*[)）]"
)
_DOC_NO_GLUED = re.compile(
    rf"({_DOC_NO})\s*(?=[\u4e00-\u9fff][^。]{{8,}}(?:通知|意见|方案|决定|办法|要点|规划|计划)$)"
)
_BREADCRUMB = re.compile(r"^(?:当前位置|您的位置|您现在的位置|您当前的位置|所在位置)\s*[:：]?.*(?:>|»)\s*")
_TITLE_LABEL = re.compile(r"^(?:文章标题|标题|题名|文件名称)\s*[:：]\s*(?=\S)")
_BULLET = re.compile(r"^[•·●◆■▪◇○]\s*")
_FILE_EXTENSION = re.compile(r"\.(?:docx?|wps|pdf|ofd|xlsx?)$", re.IGNORECASE)


def read_meta(text: str, view: str, notice_end: int, body_end: int) -> PlanMeta:
    """The plan's metadata from its notice and title (see :func:`read_meta_and_place`)."""
    return read_meta_and_place(text, view, notice_end, body_end)[0]


def _level_hint(text: str) -> str:
    """The level a plan of unknown place writes its bodies at (市… → city, 区/县… → district);
    a level only, never a place."""
    counts = {
        lv: len(re.findall(rf"(?<![\u4e00-\u9fff]){p}(?:委|政府|人民政府|[\u4e00-\u9fff]{{1,6}}局)", text))
        for lv, p in (("province", "省"), ("city", "市"), ("district", "[区县]"))
    }
    return max(counts, key=lambda k: counts[k]) if any(counts.values()) else "city"
