"""Numeric targets: numbers a plan commits to, from its running text and indicator tables.

GUIDE.md, "Targets": value in the unit written (``1万次`` is 10000 次), comparator from
以上/不低于/达到 (``>=``), 超 (``>``), 以下/以内/不超过 (``<=``); kind from 累计 / 年均·每年·年….
A year written as the starting point (``由2022年的4.6件``, ``在2020年基础上``, ``较2020年``) is a
baseline year, never the year a value is due.

>>> found = text_targets("到2025年专利转让许可次数超1万次。", 0, 20, "1")
>>> [(t.value, t.unit, t.comparator, t.year) for t in found]
[(10000.0, '次', '>', 2025)]
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from ..model import Span, Target
from .structure import Line, cn_number, lines, match_marker

__all__ = ["DUE_BY", "TableBlock", "find_tables", "table_targets", "text_targets"]

# Units that may follow a number, as data. Chinese counts a thing with a counting word (量词) between
# the number and the noun: 300宗纠纷, 20场活动, 5所高校, 10款产品. Any of them is a unit, and any of
# them may carry a 万/亿 multiplier (1.2万件 is 12000 件); money (万元, 亿元) is a unit of its own.
COUNTING_WORDS = (
    "个 家 件 次 项 名 人 位 户 所 座 场 期 批 条 套 篇 部 本 册 种 类 款 台 宗 起 例 笔 份 张 门 支 块 处 "
    "届 轮 组 株"
).split()
# A counting word and 次 counts occurrences (人次, 家次, 场次); 名次/位次 are ranks, not counts
_COUNT_TIMES = [w + "次" for w in ("人", "家", "件", "户", "场", "批", "期", "项", "台")]
MEASURES = [
    "个工作日",
    "工作日",
    "个月",
    "小时",
    "分钟",
    "天",
    "人年",  # person-years, the full-time equivalent of R&D staff (研发人员35万人年)
    "个百分点",
    "百分点",
    "倍",
    "分",  # a score: 满意度达到85分以上
    "平方公里",
    "平方米",
    "公里",
    "公顷",
    "亩",
    "吨",
]
MONEY = ["亿美元", "万美元", "美元", "亿元", "万元", "元"]
UNITS = [
    *(u + "/年" for u in ("人次", "件", "次", "家", "项")),  # per year, as indicator tables write it
    *MONEY,
    *_COUNT_TIMES,
    *MEASURES,
    "%",
    "‰",
    *COUNTING_WORDS,
    "万",  # a bare multiplier: 1万 with no unit
]
_MULTIPLIER = {"万": 1e4, "亿": 1e8}


def _longest_first(words: Iterable[str]) -> str:
    """An alternation that tries longer words first, so that 个月 is not read as 个, 万元 not as 万."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_UNIT_RX = _longest_first(UNITS)
# What 万/亿 multiplies: anything counted or measured, never money (万元 is a unit) or a ratio
_MULT_UNITS = _longest_first({*COUNTING_WORDS, *_COUNT_TIMES, *MEASURES})
_NUMBER = re.compile(
    r"(?<![\d.第%])(\d+(?:\.\d+)?)\s*(?:(万|亿)(?=" + _MULT_UNITS + r")|)\s*(" + _UNIT_RX + r")(/年)?"
)
# 不超过 ends in 超过 and 不低于 in 低于: the negated words are never read as their positive half
_GE_BEFORE = re.compile(r"(不低于|不少于|至少|达到|达|(?<!不)超过|力争达到|≥|>=|大于等于)\s*$")
_GT_BEFORE = re.compile(r"(?<![超不])(超|突破|多于|大于|>)\s*$")
_LE_BEFORE = re.compile(r"(不超过|不高于|不多于|不大于|控制在|≤|<=)\s*$")
_LT_BEFORE = re.compile(r"(?<!不)(低于|少于|<)\s*$")
_AFTER = re.compile(r"^\s*(及以上|以上|以下|以内|左右|之内)")
_ANNUAL = re.compile(r"年均|每年|年度|(?<![\d〇一二三四五六七八九十今明去近同当])年(?![底末份初前内后])")
_YEARS_SPAN = r"(?:近|未来)?[一二两三四五六七八九十]+年"  # 两年, 近三年, 未来五年
# When a count is due or how often (全年, 每年, 两年, 2024年): the kind or year says that, the metric does not
_TIME_SCOPE = (
    r"全年|每年度?|年均|年度|当年|" + _YEARS_SPAN + r"|(?:到|至|在)?\d{4}\s*年(?:底|末)?前?|"
    r"试点期间|期间|年(?![报度检费轻龄鉴会金终末底初份内])"  # 年授权专利1000件: yearly
)
_CONNECTORS = re.compile(r"^(?:——|-{2}|其中|并且|并|同时|力争|确保|努力实现|累计|" + _TIME_SCOPE + r")+")
# 全市/全县…: part of what is counted before an amount (全县有效发明专利拥有量), not before an act (全区新增…)
_AREA_SCOPE = re.compile(r"^全(?:市|区|县|省|旗|州|盟|镇|乡)")
_AMOUNT_END = re.compile(r"(量|数|额|率|度|比重|比例|占比|周期|时限|时长|规模|值|收入|指数)$")
# Verbs that make what follows them act (推动300件存量专利实现转化): the count is of what follows
_CAUSATIVE = re.compile(r"^(推动|促进|带动|引导|帮助|支持|鼓励|指导|动员|助力)$")
# A funding clause: 市级财政每年安排 知识产权专项资金, where the fund is what is counted
_FUNDER = re.compile(r"^[\u4e00-\u9fff]{0,4}财政(?=(?:每年度?|年度|全年)?(?:安排|投入|列支|设立))")
_FUND_VERB = re.compile(r"^(?:安排|投入|列支|设立)(?=[\u4e00-\u9fff]{3,})")
_VERBS_END = re.compile(
    r"(分别|力争|达到|达|超过|超|不低于|不少于|至少|突破|控制在|保持在|稳定在|不超过|不高于|"
    r"(?:提高|提升|增加|增长|压缩|压减|缩短|降低|下降|减少|降)(?:到|至)|增长|增加|为|累计|年均|"
    r"每年度?|全年|当年|" + _YEARS_SPAN + r")+$"
)
_COMPARE_END = re.compile(r"(不低于|不少于|至少|达到|达|超过|超|突破|不超过|不高于|不多于|多于)$")
# A count written in Chinese numerals (建成十个省级品牌培育基地, 十五个市级…): read only in a sentence
# that dates it (到2015年底,…), never after 第/每/这 (第十个, 每两个) and never 十四个五年规划
_CN_COUNT = re.compile(
    r"(?<![第每这那前其十百零〇一二两三四五六七八九])([一二两三四五六七八九十百]{1,4})()(个|家|件|项|所|座|名)(?!五年|月)()"
)
_DATED = re.compile(r"(?:到|至|截至)\s*\d{4}\s*年|\d{4}\s*年(?:底|末)")


def _dated_cn_counts(view: str, start: int, end: int) -> list[re.Match[str]]:
    out = []
    for m in _CN_COUNT.finditer(view, start, end):
        s_start, _ = _bounds(view, m.start(), start, end, _SENTENCE)
        if _DATED.search(view, s_start, m.start()) and cn_number(m.group(1)) >= 2:
            out.append(m)
    return out


def _amount(written: str) -> float:
    """A number as written: digits (1.59), or a count in Chinese numerals (十五)."""
    return float(written) if written[0].isdigit() else float(cn_number(written))


_OWN_PARTS = re.compile(
    r"(?:工作)?(?:措施|举措|具体内容|重点任务|主要任务|任务|方面|部分)(?![\u4e00-\u9fff]{0,2}(?:达|超|不低于))"
)
# the upper end of a range (每年新增中国名牌1-2个): GUIDE.md gives a target one value, so a range
# gives none rather than a value the plan did not state alone
_RANGE_BEFORE = re.compile(r"\d\s*(?:-|—|–|~|～|至|到)\s*$")
_SENTENCE = re.compile(r"[。;!?\n]")
_CLAUSE = re.compile(r"[,。;:!?\n]")
_YEAR = re.compile(r"(\d{4})\s*年")
# the year a list of targets is due by, stated once before its ;-separated items (到2020年,…;…;…)
DUE_BY = re.compile(r"(?:到|至|截至)\s*(\d{4})\s*年")
# …or a year that opens the sentence (质量显著提升。2020年,全市…达到300件左右;…)
_DUE_BY_OR_OPENING = re.compile(
    DUE_BY.pattern
    + r"|(?:^|(?<=[。\n]))\s*(\d{4})\s*年(?:底|末)?(?:的?(?:主要|预期)*(?:目标|指标)(?:是|为)?)?\s*[,，:：]"
)
# 由2022年的4.6件提高到(2025年的)7件: 4.6 is the baseline, 2022 its year
_BASELINE = re.compile(
    r"(?:由|从)\s*(?:(\d{4})\s*年(?:底|末)?的?)?\s*(\d+(?:\.\d+)?)\s*(?:(万|亿)(?=" + _MULT_UNITS + r"))?"
    r"(?:" + _UNIT_RX + r")?\s*(?:提高|增加|增长|提升|上升|扩大|下降|减少|降低|压缩|压减|缩短)?(?:到|至)"
    r"(?:\s*\d{4}\s*年(?:底|末)?的?)?"
)
# 在2020年基础上 / 较2020年 / 比2020年: a year to compare with, with no value of its own
_BASE_YEAR = re.compile(
    r"(?:在\s*)?(\d{4})\s*年(?:底|末)?(?:的)?(?:水平)?(?:的)?\s*基础上|(?:较|比|相比)\s*(\d{4})\s*年(?:底|末)?"
)


_QUOTED = re.compile(r"“[^”]{0,40}”|《[^》]{0,80}》|\"[^\"]{0,40}\"")


def _quoted_ranges(view: str, start: int, end: int) -> list[tuple[int, int]]:
    return [m.span() for m in _QUOTED.finditer(view, start, end)]


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
    baselines: dict[int, tuple[float, int | None, int]] = {}  # end of 由…到 → (value, year, start)
    not_due: set[int] = set()  # offsets of years that are baselines, not due years
    base_starts: set[int] = set()  # offsets of the numbers that are baselines, not targets
    for b in _BASELINE.finditer(view, start, end):
        value = float(b.group(2)) * _MULTIPLIER.get(b.group(3), 1)
        baselines[b.end()] = (value, int(b.group(1)) if b.group(1) else None, b.start())
        base_starts.add(b.start(2))
        if b.group(1):
            not_due.add(b.start(1))
    base_years = []  # (year, from, to): 在2020年基础上 applies to the numbers after it
    for y in _BASE_YEAR.finditer(view, start, end):
        g = 1 if y.group(1) else 2
        not_due.add(y.start(g))
        _, c_end = _bounds(view, y.end(), start, end, _CLAUSE)
        if not view[y.end() : c_end].strip():  # "在2020年基础上," heads the whole sentence
            _, c_end = _bounds(view, y.end(), start, end, _SENTENCE)
        base_years.append((int(y.group(g)), y.end(), c_end))
    found = sorted(
        [
            m
            for m in [*_NUMBER.finditer(view, start, end), *_dated_cn_counts(view, start, end)]
            if not any(a <= m.start() < b for a, b in skip)
            and m.start(1) not in base_starts
            and not _RANGE_BEFORE.search(view, max(start, m.start() - 8), m.start())
        ],
        key=lambda m: m.start(),
    )
    out = []
    qualifiers: set[int] = set()  # amounts that say what a count counts (2个产值超5000亿元产业)
    inner: set[int] = set()  # numbers inside a metric (授权3件以上专利企业): never a list's item
    for k, m in enumerate(found):
        if m.start() in qualifiers:
            inner.add(k)
            continue
        if m.group(3) in ("项", "条", "个") and _OWN_PARTS.match(view, m.end()):
            inner.add(k)
            continue  # 10项工作措施、17项具体内容: the plan counting its own parts
        if m.group(3) in ("位", "名") and _RANK_BEFORE.search(view, start, m.start()):
            inner.add(k)
            continue  # 居全省前3位, 排名第2名: a rank, not an amount the plan commits to
        c_start, c_end = _bounds(view, m.start(), start, end, _CLAUSE)
        after = view[m.end() : c_end]
        if m.group(3) in _CLASSIFIERS:
            quals = [
                x for x in found[k + 1 :] if x.start() < c_end and _QUALIFIED.match(view[m.end() : x.start()])
            ]
            if quals and all(x.group(3) in _MONEY for x in quals):
                qualifiers.update(x.start() for x in quals)
                out.extend(_count_of_qualified(view, m, c_start, c_end, path, start, end, not_due))
                continue
        tail = _AFTER.match(after)
        rest = after[tail.end() if tail else 0 :]
        later = [x for x in found[k + 1 :] if x.start() < c_end]
        if rest and re.match(r"[\u4e00-\u9fff(]", rest) and not re.match(r"[和及与、]", rest) and later:
            inner.add(k)
            continue  # "授权3件以上专利企业数量达50家": 3件 qualifies the metric
        value = _amount(m.group(1)) * _MULTIPLIER.get(m.group(2), 1)
        unit = m.group(3) + (m.group(4) or "")
        if unit == "万":  # a bare 万 is a multiplier with no unit
            value, unit = value * 1e4, None
        first, last = _value_list(view, found, k, c_start, c_end, inner)
        before = view[c_start : m.start()]
        # 分别达到7件和18件以上: 达到 and 以上 hold for every value of the list
        last_tail = _AFTER.match(view[found[last].end() : c_end])
        said_after = tail or last_tail
        comparator = _comparator(
            view[c_start : found[first].start()], said_after.group(1) if said_after else ""
        )
        s_start, _ = _bounds(view, m.start(), start, end, _SENTENCE)
        years = [
            int(y.group(1))
            for y in _YEAR.finditer(view, s_start, m.start())
            if 1990 <= int(y.group(1)) <= 2100 and y.start(1) not in not_due
        ]
        if not years:  # an item of a list under one 到2020年 (or 2020年, opening it): the whole sentence's
            stop = view.rfind("。", start, m.start())
            years = [
                int(y.group(1) or y.group(2))
                for y in _DUE_BY_OR_OPENING.finditer(view, max(start, stop + 1), m.start())
                if y.start(1 if y.group(1) else 2) not in not_due
            ][-1:]
        base = next((v for e, v in baselines.items() if e <= m.start() and e >= m.start() - 2), None)
        base_year = base[1] if base else None
        if base_year is None:
            base_year = next((y for y, a, b in reversed(base_years) if a <= m.start() < b), None)
        metric_text = before
        if base and base[2] > c_start:  # "拥有量由2022年的4.6件提高到7件": the metric ends before 由
            metric_text = view[c_start : base[2]]
        kind = _kind(before, unit)
        noun = re.sub(r"^的", "", rest) if re.match(r"[\u4e00-\u9fff]{2}", rest) else ""
        out.append(
            Target(
                path=path,
                metric=_metric(metric_text, view, c_start, k, found, unit, noun, (first, last), inner),
                value=value,
                unit=unit,
                baseline=base[0] if base else None,
                baseline_year=base_year,
                year=years[-1] if years else None,
                comparator=comparator,
                kind=kind,
                span=Span(m.start(), m.end() + (tail.end() if tail else 0)),
            )
        )
    return out


_RANK_BEFORE = re.compile(r"(?:前|第)\s*$")
_CLASSIFIERS = {"个", "家", "座", "所"}
_MONEY = {"元", "万元", "亿元"}
# between a count and an amount that qualifies what is counted: 产值超 / 营收达 / 和若干个超
_QUALIFIED = re.compile(
    r"^[\u4e00-\u9fff]{0,6}(?:超|超过|达|达到|过)$|^[\u4e00-\u9fff]{0,6}(?:超|达)[^,;。]*?(?:和|、)[^,;。]*?(?:超|达|过)$"
)


def _count_of_qualified(
    view: str, m: re.Match[str], c_start: int, c_end: int, path: str, start: int, end: int, not_due: set[int]
) -> list[Target]:
    """``形成2个产值超5000亿元…产业``: the count (2个) is the target; what follows it, amounts
    included, is what is counted."""
    s_start, _ = _bounds(view, m.start(), start, end, _SENTENCE)
    years = [int(y.group(1)) for y in _YEAR.finditer(view, s_start, m.start()) if y.start(1) not in not_due]
    if not years:
        stop = view.rfind("。", start, m.start())
        years = [int(y.group(1)) for y in DUE_BY.finditer(view, max(start, stop + 1), m.start())][-1:]
    before = view[c_start : m.start()]
    return [
        Target(
            path=path,
            metric=view[m.end() : c_end].strip() or _strip_scope(before),
            value=_amount(m.group(1)),
            unit=m.group(3),
            baseline=None,
            baseline_year=None,
            year=years[-1] if years else None,
            comparator=_comparator(before, ""),
            kind=_kind(before, m.group(3)),
            span=Span(m.start(), m.end()),
        )
    ]


_LIST_JOIN = re.compile(r"^\s*(?:及以上|以上)?\s*[和及与、,]\s*$")


def _value_list(
    view: str, found: list[re.Match[str]], k: int, c_start: int, c_end: int, inner: set[int]
) -> tuple[int, int]:
    """The first and last index of the run of numbers joined by 和/、 only (``7件和18件``) that
    number ``k`` belongs to, within its clause; ``(k, k)`` for a number standing alone."""

    def joined(a: int, b: int) -> bool:
        return (
            a not in inner
            and b not in inner
            and found[a].start() >= c_start
            and found[b].end() <= c_end
            and bool(_LIST_JOIN.match(view[found[a].end() : found[b].start()]))
        )

    first = k
    while first > 0 and joined(first - 1, first):
        first -= 1
    last = k
    while last + 1 < len(found) and joined(last, last + 1):
        last += 1
    return first, last


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
_FLOOR_WORDS = re.compile(r"(分别|力争|达到|达|超过|超|不低于|不少于|至少)+$")


def _strip_scope(text: str) -> str:
    """Drop the leading words that say when, where or who pays, keeping 全市 where it is part of an amount."""
    text = _CONNECTORS.sub("", text)
    text = _FUNDER.sub("", text)
    text = _CONNECTORS.sub("", text)
    area = _AREA_SCOPE.match(text)
    if area:
        rest = _CONNECTORS.sub("", text[area.end() :])
        core = _VERBS_END.sub("", _FLOOR_WORDS.sub("", rest))
        core = _VERBS_END.sub("", _RATE_VERB.sub("", core))
        text = area.group() + rest if _AMOUNT_END.search(core) else rest
    return text


def _metric(
    before: str,
    view: str,
    c_start: int,
    k: int,
    found: list[re.Match[str]],
    unit: str | None = None,
    after: str = "",
    value_list: tuple[int, int] | None = None,
    inner: set[int] | frozenset[int] = frozenset(),
) -> str:
    """What is counted, without the number; a rate's verb stays (年均增长5%: the growth is counted).

    ``after`` is the noun phrase written after the number. Where nothing counted comes before the
    number, that phrase is the metric: alone after a causative verb or a floor word
    (推动不少于300件 存量专利实现转化), else with the verb before it (配备1名以上 专职工作人员).
    """
    text = before
    first, last = value_list or (k, k)
    if first < k or last > k:  # 甲、乙分别达到7件和18件: the list's metrics, one per value
        text = view[c_start : found[first].start()]
        named = _respective(text, last - first + 1)
        if named:
            text = named[k - first]
    elif k > 0 and found[k - 1].end() > c_start and k - 1 not in inner:
        # 单位7家、企业18家: an item of a list counts what is written between it and the last
        text = re.sub(
            r"^\s*(?:及以上|以上)?\s*[和及与、,]", "", view[found[k - 1].end() : c_start + len(before)]
        )
    text = re.sub(r"[和及与、]$", "", text.strip())
    text = _BASE_YEAR.sub("", text)  # 在2020年基础上 / 较2020年 says from when, not what
    text = re.sub(r"在(?:原有|现有|此)基础上", "", text)  # so does 在原有基础上
    text = _strip_scope(text)
    bare = _FLOOR_WORDS.sub("", text).strip()
    rate = bare if unit == "%" and _RATE_VERB.search(bare) else ""
    head = _FUND_VERB.sub("", _VERBS_END.sub("", text).strip())  # 安排知识产权专项资金: the fund
    if after and not _AMOUNT_END.search(head):  # nothing counted before the number: it comes after
        if not head or _CAUSATIVE.match(head) or _COMPARE_END.search(text.strip()):
            return after  # 推动不少于300件存量专利实现转化: the patents are counted
        return head + after  # 配备1名以上专职工作人员
    return rate or head or before.strip()


_RESPECTIVE = re.compile(r"分别(?:" + _COMPARE_END.pattern[1:-2] + r"|(" + _RATE_VERB.pattern[1:-2] + r"))?$")
_SHARED_AMOUNT = re.compile(
    r"(?:拥有|申请|授权|注册|登记|认定|培育|转化|交易|质押|许可|转让|实施)?(?:总量|总额|数量|量|数|额|率)$"
)


def _respective(text: str, n: int) -> list[str] | None:
    """The ``n`` metrics of ``甲、乙分别达到…``, in order; a last item's amount word (拥有量) is
    shared by the items written without one (中国驰名商标和福建省著名商标拥有量)."""
    said = _RESPECTIVE.search(text.strip())
    if not said:
        return None
    parts = [x for x in re.split(r"[、和及与]", text.strip()[: said.start()]) if x]
    if len(parts) != n:
        return None
    amount = _SHARED_AMOUNT.search(parts[-1])
    if amount:
        parts = [x if _AMOUNT_END.search(x) else x + amount.group() for x in parts]
        # 拥有中国驰名商标拥有量: the amount word already says 拥有
        parts = [re.sub(r"^(累计)?拥有(?=.+拥有量$)", r"\1", x) for x in parts]
    return [x + (said.group(1) or "") for x in parts]  # 分别增长20%和15%: each growth is counted


# ---------------------------------------------------------------- indicator tables
#
# An indicator table comes either one cell per line (web pages, Word files) or one row per line
# with its cells split by spaces or tabs. Its header names the metric column (指标名称), the unit
# column (单位), the value columns and the attribute column (属性: 预期性/约束性, not a value).
# A value column is the baseline (``2020年基数``, ``基期值``) or the target (``2025年目标``,
# ``预期值``); of bare year columns (``2020年 2025年``) the earliest is the baseline, the latest
# the target.

_HEADER_FIRST = re.compile(r"^(主要指标|指标名称|指标|具体指标|指标内容|主要预期性指标|类别|指标项)$")
_HEAD_SEQ = re.compile(r"^(序号|编号)$")
_HEAD_CAT = re.compile(r"^(类别|分类|指标类别|一级指标|领域)$")
_HEAD_OTHER = re.compile(r"^(单位|计量单位|备注|属性|指标属性|指标性质|性质|指标类型|说明)$")
_ROLE_BASE = re.compile(r"(基期|基准|现状|基数|现值|基础值)")
_ROLE_TARGET = re.compile(r"(目标|预期|规划|期末)")
_BARE_YEAR = re.compile(r"(\d{4})\s*(?:年(?:底|末)?)?(?:值)?")
_REMARK = re.compile(r"^(累计值|累计|年均值|年均|年度值|预期性|约束性|期末值|—|-|/)$")
_SEQ_CELL = re.compile(r"\d{1,3}")  # 序号
_DASH = re.compile(r"^(—+|-+|/|－|无)$")
_CELL_NUMBER = re.compile(
    r"^(≥|>=|>|≤|<=|<|不低于|不少于|不超过|不高于|超过)?\s*(\d+(?:\.\d+)?)\s*(%|‰|[\u4e00-\u9fff/]{1,5})?$"
)
_UNIT_CELL = re.compile(r"^(?:%|‰|[\u4e00-\u9fff]{1,4}(?:/[\u4e00-\u9fff]{1,3})?)$")
_CELL_COMPARATOR = {
    "≥": ">=",
    ">=": ">=",
    ">": ">",
    "≤": "<=",
    "<=": "<=",
    "<": "<",
    "不低于": ">=",
    "不少于": ">=",
    "不超过": "<=",
    "不高于": "<=",
    "超过": ">=",
    "以上": ">=",
    "及以上": ">=",
    "以下": "<=",
    "以内": "<=",
}
_UNIT_SET = frozenset(UNITS)
_UNIT_PER = re.compile(r"(?:" + _UNIT_RX + r")/[\u4e00-\u9fff]{1,3}")  # 件/年, 人次/万人
_MULT_UNIT_CELL = re.compile(r"(万|亿)((?:" + _MULT_UNITS + r")(?:/[\u4e00-\u9fff]{1,3})?)")  # 万件


def _unit_of(cell: str) -> tuple[float, str | None] | None:
    """``(factor, unit)`` when ``cell`` is a unit: ``万件`` is 10000 件; ``亿元``, ``件/年`` as written."""
    cell = cell.strip()
    if cell in _MULTIPLIER:
        return _MULTIPLIER[cell], None
    if cell in _UNIT_SET or _UNIT_PER.fullmatch(cell):
        return 1.0, cell
    m = _MULT_UNIT_CELL.fullmatch(cell)
    if m:
        return _MULTIPLIER[m.group(1)], m.group(2)
    return None


def _head_value(cell: str) -> tuple[str, int | None] | None:
    """``(role, year)`` of a value column heading: role ``baseline``, ``target`` or ``year`` (bare)."""
    if len(cell) > 14 or re.search(r"(预期性|约束性)$", cell):
        return None
    y = re.search(r"(\d{4})", cell)
    year = int(y.group(1)) if y else None
    if _ROLE_BASE.search(cell):
        return "baseline", year
    if _ROLE_TARGET.search(cell):
        return "target", year
    if _BARE_YEAR.fullmatch(cell):
        return "year", year
    return None


def _is_head(cell: str) -> bool:
    return bool(
        _HEADER_FIRST.match(cell) or _HEAD_SEQ.match(cell) or _HEAD_OTHER.match(cell) or _head_value(cell)
    )


def _columns(header: list[str]) -> list[tuple[str, int | None]]:
    """The value columns in order, each ``(role, year)``; role ``other`` for a value column that is neither.

    ``2021`` followed by ``基期值`` is one column (the year and its role in two cells).
    """
    raw: list[tuple[str, int | None]] = []
    pending: int | None = None  # a bare year waiting for a role word
    for h in header:
        v = _head_value(h)
        if v is None:
            if pending is not None:
                raw.append(("year", pending))
                pending = None
            continue
        role, year = v
        if role == "year":
            if pending is not None:
                raw.append(("year", pending))
            pending = year
            continue
        if year is None and pending is not None:
            year = pending
        elif pending is not None:
            raw.append(("year", pending))
        pending = None
        raw.append((role, year))
    if pending is not None:
        raw.append(("year", pending))
    roles = [r for r, _ in raw]
    bare = [k for k, (r, _) in enumerate(raw) if r == "year"]
    cols = list(raw)
    if bare and "target" not in roles:  # the latest year is the target
        t = max(bare, key=lambda k: raw[k][1] or 0)
        cols[t] = ("target", raw[t][1])
        bare.remove(t)
    target_year = next((y for r, y in cols if r == "target"), None)
    if bare and "baseline" not in roles:  # the earliest year before the target is the baseline
        b = min(bare, key=lambda k: raw[k][1] or 0)
        if target_year is None or (raw[b][1] or 0) < target_year:
            cols[b] = ("baseline", raw[b][1])
            bare.remove(b)
    for k in bare:
        cols[k] = ("other", raw[k][1])
    return cols if any(r == "target" for r, _ in cols) else []


_Row = tuple[int, int, list[str]]  # (start, end, [metric, unit, *values, remark]) of a data row


@dataclass(slots=True)
class TableBlock:
    start: int
    end: int
    rows: list[_Row]
    columns: list[tuple[str, int | None]]  # value columns: ("baseline" | "target" | "other", year)


@dataclass(slots=True)
class _Header:
    columns: list[tuple[str, int | None]]
    has_unit: bool
    has_seq: bool
    has_cat: bool


def _header(cells: list[str]) -> _Header | None:
    """What the header cells say about the rows, or ``None`` when they name no metric or no target column."""
    cols = _columns(cells)
    if not cols or not any(_HEADER_FIRST.match(c) for c in cells):
        return None
    metric_at = next(
        (k for k, c in enumerate(cells) if _HEADER_FIRST.match(c) and not _HEAD_CAT.match(c)), None
    )
    return _Header(
        columns=cols,
        has_unit=any(re.match(r"^(计量)?单位$", c) for c in cells),
        has_seq=any(_HEAD_SEQ.match(c) for c in cells),
        has_cat=metric_at is not None and any(_HEAD_CAT.match(c) for c in cells[:metric_at]),
    )


def find_tables(view: str, start: int, end: int) -> list[TableBlock]:
    """Indicator tables, laid out one cell per line or one row per line (cells split by spaces or tabs)."""
    ls = lines(view, start, end)
    out = []
    i = 0
    while i < len(ls):
        tokens = ls[i].text.split()
        head: _Header | None = None
        rows: list[_Row] = []
        j = i
        if len(tokens) >= 3 and all(_is_head(t) for t in tokens):  # one row per line
            head = _header(tokens)
            if head:
                rows, j = _line_rows(ls, i + 1, head)
        elif _HEADER_FIRST.match(ls[i].text) or _HEAD_SEQ.match(ls[i].text):  # one cell per line
            header, j = _cell_header(ls, i)
            head = _header(header)
            if head:
                rows, j = _cell_rows(ls, j, head)
        if head and rows:
            out.append(TableBlock(ls[i].start, rows[-1][1], rows, head.columns))
            i = j
        else:
            i += 1
    return out


def _cell_header(ls: list[Line], i: int) -> tuple[list[str], int]:
    """Header cells one per line from line ``i``: [序号] [类别] 指标名称 单位 2020年基数 2025年目标 属性."""
    header: list[str] = []
    j = i
    while j < len(ls) and len(header) < 14 and _is_head(ls[j].text):
        t = ls[j].text
        if _HEADER_FIRST.match(t) and any(_HEADER_FIRST.match(h) and not _HEAD_CAT.match(h) for h in header):
            break  # a second metric heading: another table's header
        header.append(t)
        j += 1
    return header, j


def _is_value(cell: str) -> bool:
    return bool(_CELL_NUMBER.match(cell) or _DASH.match(cell))


def _is_prose(text: str) -> bool:
    """A numbered item or a sentence: never a table cell or row."""
    return bool(match_marker(text) or re.search(r"[。;]", text))


def _is_label(cell: str) -> bool:
    """A metric, category or unit cell: short, not a number, not a numbered item or a sentence."""
    return not (_is_prose(cell) or _is_value(cell) or len(cell) > 60)


def _labels(labels: list[str], head: _Header) -> tuple[int, int, str] | None:
    """``(first, last, unit)``: the metric is ``labels[first:last + 1]`` of [序号] [类别] metric [unit]."""
    first, last, unit = 0, len(labels) - 1, ""
    if last >= 1 and (
        _unit_of(labels[last])
        or (head.has_unit and _UNIT_CELL.match(labels[last]) and not _REMARK.match(labels[last]))
    ):
        unit = labels[last]
        last -= 1
    if head.has_seq and last > first and _SEQ_CELL.fullmatch(labels[first]):
        first += 1
    if head.has_cat and last > first:  # the category is written on the first row of its group only
        first += 1
    if last < first or not re.search(r"[\u4e00-\u9fffA-Za-z]", labels[last]):
        return None
    return first, last, unit


def _cell_rows(ls: list[Line], j: int, head: _Header) -> tuple[list[_Row], int]:
    """Rows of a table written one cell per line: [序号] [类别] metric [unit] values [remark]."""
    n = len(head.columns)
    rows = []
    while j < len(ls):
        k = j
        if head.has_seq and _SEQ_CELL.fullmatch(ls[k].text) and k + 1 < len(ls) and _is_label(ls[k + 1].text):
            k += 1
        labels = []
        while k < len(ls) and len(labels) < 3 and _is_label(ls[k].text):
            labels.append(ls[k].text)
            k += 1
        values = []
        while k < len(ls) and len(values) < n and _is_value(ls[k].text):
            values.append(ls[k].text)
            k += 1
        parsed = _labels(labels, head) if labels else None
        if parsed is None or not any(_CELL_NUMBER.match(v) for v in values):
            break
        first, last, unit = parsed
        remark = ""
        if k < len(ls) and _REMARK.match(ls[k].text):
            remark = ls[k].text
            k += 1
        metric = " ".join(labels[first : last + 1])
        rows.append((ls[j].start, ls[k - 1].end, [metric, unit, *_right_align(values, n), remark]))
        j = k
    return rows, j


def _line_rows(ls: list[Line], j: int, head: _Header) -> tuple[list[_Row], int]:
    """Rows of a table written one row per line, read from the right: values and remark end the line."""
    n = len(head.columns)
    rows = []
    while j < len(ls):
        line = ls[j]
        if _is_prose(line.text):
            break
        tokens = [(m.start(), m.group()) for m in re.finditer(r"\S+", line.text)]
        remark = ""
        if tokens and _REMARK.match(tokens[-1][1]) and not _DASH.match(tokens[-1][1]):
            remark = tokens.pop()[1]
        values: list[str] = []
        while tokens and len(values) < n and _is_value(tokens[-1][1]) and len(tokens) > 1:
            values.insert(0, tokens.pop()[1])
        if not tokens or not any(_CELL_NUMBER.match(v) for v in values):
            break
        parsed = _labels([t for _, t in tokens], head)
        if parsed is None:
            break
        first, last, unit = parsed
        # the metric as written, spaces and all, from its first to its last cell
        metric = line.text[tokens[first][0] : tokens[last][0] + len(tokens[last][1])]
        rows.append((line.start, line.end, [metric, unit, *_right_align(values, n), remark]))
        j += 1
    return rows, j


def _right_align(values: list[str], n: int) -> list[str]:
    """A row short of values lacks the first ones (a new indicator has no baseline)."""
    return [""] * (n - len(values)) + values


def _cell_value(cell: str) -> tuple[float, str | None, str] | None:
    """``(value, unit, comparator)`` of a value cell: ``20``, ``≥85``, ``6.5万``, ``85分``, ``20以上``."""
    m = _CELL_NUMBER.match(cell)
    if not m:
        return None
    value, unit, comparator = float(m.group(2)), None, _CELL_COMPARATOR.get(m.group(1) or "", "=")
    suffix = m.group(3) or ""
    tail = re.search(r"(及以上|以上|以下|以内)$", suffix)
    if tail:
        comparator = _CELL_COMPARATOR[tail.group(1)]
        suffix = suffix[: tail.start()]
    if suffix:
        u = _unit_of(suffix)
        if u:
            value, unit = value * u[0], u[1]
    return value, unit, comparator


_METRIC_NOTE = re.compile(r"\(([^()]{1,8})\)$")


def table_targets(table: TableBlock) -> list[Target]:
    """One target per row: the target column's value, with the baseline column's as baseline."""
    out = []
    t_idx = next((k for k, (role, _) in enumerate(table.columns) if role == "target"), None)
    b_idx = next((k for k, (role, _) in enumerate(table.columns) if role == "baseline"), None)
    if t_idx is None:
        return out
    for r_start, r_end, cells in table.rows:
        metric, unit_cell, values, remark = cells[0], cells[1], cells[2:-1], cells[-1]
        note = _METRIC_NOTE.search(metric)  # 质押融资金额(累计), 发明专利拥有量(件)
        if note and (_unit_of(note.group(1)) or re.fullmatch(r"累计|累计值|年均|年均值|年度", note.group(1))):
            metric = metric[: note.start()].rstrip()
            if _unit_of(note.group(1)) and not unit_cell:
                unit_cell = note.group(1)
            else:
                remark = note.group(1) + remark
        target = _cell_value(values[t_idx])
        if target is None:
            continue
        base = _cell_value(values[b_idx]) if b_idx is not None else None
        factor, unit = _unit_of(unit_cell) or (1.0, unit_cell or None)
        if unit is None and factor == 1.0 and target[1]:
            unit = target[1]
        kind = (
            "cumulative"
            if "累计" in remark
            else "annual"
            if "年均" in remark or "年度" in remark
            else _kind(metric, unit)
        )
        out.append(
            Target(
                path="table",
                metric=metric,
                value=target[0] * factor,
                unit=unit,
                baseline=base[0] * factor if base else None,
                baseline_year=table.columns[b_idx][1] if base and b_idx is not None else None,
                year=table.columns[t_idx][1],
                comparator=target[2],
                kind=kind,
                span=Span(r_start, r_end),
            )
        )
    return out
