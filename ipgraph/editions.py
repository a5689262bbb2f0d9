"""Plan series and metric keys: what lets a place's successive plans, and a metric across them, line up.

A city issues its 知识产权强市建设工作方案 every few years, its 工作要点 every year; the titles differ
only in years, the place and the wrapping notice (关于印发…的通知). :func:`series_of` reduces a
title to its series (the genre's kinds where one applies, else the title without years and place),
so that editions of one series can be ordered in time (:mod:`ipgraph.history`). :func:`metric_key`
reduces a target's metric text to a key that is the same for 每万人口高价值发明专利拥有量 written in
two plans, so a trajectory can be read across editions and cities.

>>> series_of("厦门市国家知识产权强市建设示范城市工作方案(2022-2025年)", ["厦门市", "厦门"])
'知识产权强市建设方案'
>>> series_of("关于印发《泉州市2023年知识产权工作要点》的通知", ["泉州市", "泉州"])
'知识产权工作要点'
>>> metric_key("全市每万人口高价值发明专利拥有量")
'每万人口高价值发明专利拥有量'
>>> metric_key("全市每萬人口高價值發明專利擁有量")  # a Traditional page's metric, kept as written
'每万人口高价值发明专利拥有量'
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from .text import to_simplified

__all__ = ["SERIES_KINDS", "metric_key", "series_of"]

# The genre's kinds of plan, most specific first: (pattern on the reduced title, series name).
# A plan of a kind not listed keeps its reduced title as its series.
SERIES_KINDS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"工作要点"), "知识产权工作要点"),
    (re.compile(r"保护示范区"), "知识产权保护示范区建设方案"),
    (re.compile(r"强(市|县|区|省)"), "知识产权强市建设方案"),
    (re.compile(r"(十[一二三四五六七八九]五|[一二三四五六七八九]五).*规划"), "知识产权规划"),
)
_WRAPPER = re.compile(r"^(?:.*?关于)?(?:印发|转发|下达)(?:《)?(.+?)(?:》)?的?(?:通知|函)$")
_YEARS = re.compile(
    r"[(（][^()（）]*(?:\d{4}|[〇零一二三四五六七八九]{4})[^()（）]*[)）]"  # (2022-2025年)
    r"|\d{4}\s*(?:年度?|[-—–~～至到]\s*\d{4}\s*年?)?"
    r"|[〇零一二三四五六七八九]{4}年度?"
)
_DROP = re.compile(r"[\s《》“”\"'「」]")
_METRIC_NOISE = re.compile(
    r"^(?:全市|全区|全县|全省|本市|本区|我市|我区|全年)|(?:达到|超过|突破|不低于|力争|以上)+$"
)
_PUNCT = re.compile(r"[\s,，、;；:：。.!！?？“”\"'‘’()（）\[\]【】《》<>]")


def _nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def series_of(title: str, place_names: Iterable[str] = ()) -> str:
    """The series a plan belongs to, from its title (and the names of its place, left out).

    Two plans of one place are editions of one series when this is equal; empty for an empty
    title (a plan without a title is in no series).
    """
    text = _DROP.sub("", _nfkc(title))
    if m := _WRAPPER.match(text):
        text = m.group(1)
    text = _YEARS.sub("", text)
    for name in sorted({_nfkc(n) for n in place_names if n}, key=len, reverse=True):
        text = text.replace(name, "")
    text = re.sub(r"^(?:.*?人民政府|.*?办公室|.*?办公厅)", "", text) or text
    text = re.sub(r"^(?:国家|全市|全区|全县|全省|我市|本市)", "", text)
    for pattern, name in SERIES_KINDS:
        if pattern.search(text):
            return name
    return text.strip("的之 ")


def metric_key(metric: str) -> str:
    """A target's metric as a key: simplified script, NFKC, no spaces or punctuation, no
    全市/达到-style framing (a metric is kept as written, 專利 in a Traditional page).

    Keeps words that change what is counted (新增, 年, 累计), so a stock and a flow never meet.
    """
    metric = to_simplified(metric)
    text = _PUNCT.sub("", _nfkc(metric))
    prev = None
    while prev != text:
        prev, text = text, _METRIC_NOISE.sub("", text)
    return text or _PUNCT.sub("", _nfkc(metric))
