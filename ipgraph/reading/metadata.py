"""Plan metadata: title, jurisdiction, issuers, document number, dates, term, references.

All rules read the *notice* (the text before the plan's first numbered part) and the title;
see GUIDE.md, "plan (document metadata)".
"""

from __future__ import annotations

import re
import unicodedata

from ..model import PlanMeta
from ..text import to_simplified
from .regions import NATION, find_region, region_by_name
from .structure import cn_number, lines

__all__ = ["document_level", "norm_title", "read_meta", "references", "title_span"]

PLAN_TYPES = r"(?:方案|要点|计划|规划|意见|办法|纲要|措施|细则|安排|行动|纲领|条例|规定|通知)"
_TITLE_IN_QUOTES = re.compile(r"《([^《》]{4,120}?" + PLAN_TYPES + r"(?:\([^()]{2,30}\))?)》")
_QUOTED = re.compile(r"《([^《》\n]{1,150})》")
_HEADING = re.compile(r"^(.{0,40}?)关于(?:印发|转发|公布)?(.{4,150}?)的(?:通知|决定)$")
_DATE_CN = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
# a month or a day: counted in tens (十五, 三十一) or digit by digit (一二); the range check does the rest
_CN_MONTH_DAY = r"([一二三四五六七八九]?十[一二三四五六七八九]?|[一二三四五六七八九]{1,3})"
_DATE_CN_NUMERALS = re.compile(
    rf"([〇○零一二三四五六七八九]{{4}})\s*年\s*{_CN_MONTH_DAY}\s*月\s*{_CN_MONTH_DAY}\s*日"
)
_CN_DIGITS = str.maketrans("〇○零一二三四五六七八九", "000123456789")
_DATE_ISO = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})")
_PUBLISHED = re.compile(r"(?:发布日期|发布时间|发表时间|成文日期|印发日期|日期)\s*[:：]?\s*")
_DOC_NO = re.compile(r"^[\u4e00-\u9fff]{1,12}\s*[〔\[【(]\s*\d{4}\s*[〕\]】)]\s*第?\d{1,5}\s*号$")
_DOC_NO_INLINE = re.compile(
    r"(?:文号|发文字号)\s*[:：]\s*([\u4e00-\u9fff]{1,12}[〔\[【(]\d{4}[〕\]】)]第?\d{1,5}号)"
)
_PERIOD = re.compile(r"(\d{4})\s*(?:年)?\s*[-—–~至到]\s*(\d{4})\s*年?")
# a term stated in the text when the title gives none: 建设期为2023年11月至2026年10月
_STATED_TERM = re.compile(
    r"(?:建设|实施|规划|试点)期(?:为|是|:)\s*(\d{4})\s*年?(?:\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?)?"
    r"\s*(?:至|到|[-—–~]{1,2})\s*(\d{4})\s*年"
)
# an annual plan (2024年…工作要点, 2023年度…工作计划): its term is that year
_ONE_YEAR = re.compile(r"(\d{4})\s*年度?(?!\s*[-—–~至到]).*(?:工作要点|工作计划|推进计划)\)?$")
ORG_SUFFIX = (
    r"(?:人民政府办公厅|人民政府办公室|人民政府|办公厅|办公室|政府|委员会|领导小组|管委会"
    r"|局|厅|委|部|院|署|办|中心)"
)
_ORG_LINE = re.compile(r"^[\u4e00-\u9fff()]{2,40}" + ORG_SUFFIX + "$")
_INLINE_SIGNATURE = re.compile(r"([\u4e00-\u9fff]{2,30}" + ORG_SUFFIX + r")\s+(\d{4}年\d{1,2}月\d{1,2}日)")


def norm_title(s: str) -> str:
    """A title reduced for comparison: NFKC, no spaces, simplified, unified dashes."""
    s = unicodedata.normalize("NFKC", to_simplified(s))
    return re.sub(r"\s+", "", s).replace("—", "-").replace("–", "-")


def title_span(view: str, notice_end: int) -> tuple[int, int] | None:
    """Where the plan's own title is written, as ``(start, end)`` in the text."""
    notice = view[:notice_end]
    standalone = {norm_title(ln.text) for ln in lines(view, 0, notice_end)}
    quoted = [m for m in _TITLE_IN_QUOTES.finditer(notice) if not m.group(1).endswith("通知")]
    for m in quoted:  # the one that is also written as the title line wins
        if norm_title(m.group(1)) in standalone:
            return m.start(1), m.end(1)
    if quoted:
        return quoted[0].start(1), quoted[0].end(1)
    for ln in lines(view, 0, notice_end):
        h = _HEADING.match(ln.text)
        if h:
            inner = h.group(2).strip("《》")
            off = ln.text.index(inner)
            return ln.start + off, ln.start + off + len(inner)
    for ln in lines(view, 0, notice_end):  # a line that names a plan type
        if re.search(PLAN_TYPES + r"(?:\([^()]{2,30}\))?$", ln.text) and len(ln.text) <= 80:
            return ln.start, ln.end
    return None


def _arabic_date(m: re.Match[str]) -> str:
    """``二〇二三`` is 2023 digit by digit; ``十五``, ``三十一``, ``十`` count tens."""
    y, mo, d = (cn_number(g) if "十" in g else int(g.translate(_CN_DIGITS)) for g in m.groups())
    return f"{y}年{mo}月{d}日" if 1 <= mo <= 12 and 1 <= d <= 31 else m.group(0)


def _arabic_dates(s: str) -> str:
    """Signing lines are often written in Chinese numerals (``二〇二三年三月十五日``): give them digits."""
    return _DATE_CN_NUMERALS.sub(_arabic_date, s)


def _issuer_lines(view: str, notice_end: int) -> tuple[list[str], str | None]:
    """Issuers signed above the notice's date line, and that date."""
    ls = lines(view, 0, notice_end)
    for i, ln in enumerate(ls):
        text = _arabic_dates(ln.text)
        d = _DATE_CN.fullmatch(text)
        if d:
            names = []
            j = i - 1
            while j >= 0 and _ORG_LINE.match(ls[j].text) and len(names) < 4:
                names.insert(0, ls[j].text)
                j -= 1
            if names:
                return names, _iso(*d.groups())
        m = _INLINE_SIGNATURE.search(text)
        if m:
            return [m.group(1)], _iso(*_DATE_CN.match(m.group(2)).groups())
    return [], None


def _iso(y: str, m: str, d: str) -> str:
    return f"{int(y):04d}-{int(m):02d}-{int(d):02d}"


def _published(view: str, notice_end: int) -> str | None:
    for m in _PUBLISHED.finditer(view[:notice_end]):
        rest = _arabic_dates(view[m.end() : m.end() + 30])
        d = _DATE_ISO.match(rest) or _DATE_CN.match(rest)
        if d:
            return _iso(*d.groups())
    return None


def _doc_number(text: str, view: str, notice_end: int) -> str | None:
    for ln in lines(view, 0, notice_end):
        if _DOC_NO.match(ln.text):
            return text[ln.start : ln.end]
        m = _DOC_NO_INLINE.search(ln.text)
        if m:
            return text[ln.start + m.start(1) : ln.start + m.end(1)]
    return None


def _heading_issuer(view: str, notice_end: int) -> str | None:
    for ln in lines(view, 0, notice_end):
        h = _HEADING.match(ln.text)
        if h and h.group(1):
            return h.group(1).strip()
    return None


def references(text: str, view: str, end: int, own_title: str) -> list[str]:
    """Titles cited in 《》 up to ``end``, each once, in order; the plan's own title left out."""
    seen = {norm_title(own_title)}
    out = []
    for m in _QUOTED.finditer(view[:end]):
        key = norm_title(m.group(1))
        if key not in seen:
            seen.add(key)
            out.append(text[m.start(1) : m.end(1)])
    return out


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


def read_meta(text: str, view: str, notice_end: int, body_end: int) -> PlanMeta:
    """The plan's metadata from its notice and title."""
    span = title_span(view, notice_end)
    title = text[span[0] : span[1]].strip() if span else ""
    title_view = view[span[0] : span[1]] if span else ""
    signed, signed_date = _issuer_lines(view, notice_end)
    heading_issuer = _heading_issuer(view, notice_end)
    hint = view[:body_end]

    national = bool(re.match(r"(国家|全国|国务院|中共中央|中华人民共和国)", title_view)) and not find_region(
        title_view
    )
    region = None if national else find_region(title_view, hint)
    if region is None and not national:
        for cand in [*signed, heading_issuer or ""]:
            region = find_region(to_simplified(cand), hint)
            if region:
                break
    if region is None:
        national = True

    issuers = [to_simplified(s) for s in signed]
    if not issuers and heading_issuer:
        h = to_simplified(heading_issuer)
        r = region_by_name(h) or find_region(h, hint)
        if r and h in (r.name, r.full_name):  # "仓山区关于印发…": the district's government
            issuers = [f"{r.body_prefix}人民政府"]
        else:
            issuers = [h]

    if pm := _PERIOD.search(title_view):
        period = _term(pm)
    elif one := _ONE_YEAR.search(title_view):
        period = [int(one.group(1))] * 2
    else:
        period = _stated_term(hint)

    return PlanMeta(
        title=title,
        region=NATION if national else region.full_name,
        province=None if national else region.province,
        admin_level="national" if national else region.level,  # type: ignore[arg-type]
        doc_number=_doc_number(text, view, notice_end),
        issuers=issuers,
        issue_date=signed_date or _published(view, notice_end),
        period=period,
        references=references(text, view, body_end, title),
    )
