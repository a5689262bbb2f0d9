"""Canvas labels that tell nodes apart: the shared place name dropped, long names wrapped.

In a one-city view every agency starts with the city ("厦门市市场监督管理局", "Xiamen Municipal
Administration for Market Regulation"); cut to a fixed width they all read "Xiamen Munici…".
Dropping the place the whole view shares leaves the part that distinguishes them; the
tooltip still shows the full name. Labels are then wrapped on word (English) or character
(Chinese) boundaries into a few short lines, which take less room than one long line.
"""

from __future__ import annotations

import re
import textwrap

from .data import Label

EN_LINE, EN_LINES = 22, 3
ZH_LINE, ZH_LINES = 9, 2
_EN_PLACE_WORDS = ("Municipal", "City", "Provincial")
"""Adjectives that follow a place's English name in official names ("Xiamen Municipal …")."""


def drop_place(label: Label, place: Label) -> Label:
    """``label`` without the place name ``place`` that the whole view shares.

    >>> xm = Label("厦门市", "Xiamen")
    >>> drop_place(Label("厦门市市场监督管理局", "Xiamen Municipal Administration for Market Regulation"), xm)
    Label(zh='市场监督管理局', en='Administration for Market Regulation')
    >>> drop_place(Label("中共厦门市委组织部", "Organization Department, CPC Xiamen Committee"), xm)
    Label(zh='中共市委组织部', en='Organization Department, CPC Committee')
    >>> drop_place(Label("厦门市各区人民政府", "District People's Governments of Xiamen"), xm)
    Label(zh='各区人民政府', en="District People's Governments")
    >>> drop_place(Label("厦门市", "Xiamen"), xm)  # nothing left: keep the name
    Label(zh='厦门市', en='Xiamen')
    """
    return Label(_drop_zh(label.zh, place.zh), _drop_en(label.en, place.en))


def _drop_zh(name: str, place: str) -> str:
    if not place or not name:
        return name
    stem = place.rstrip("市区县省") if len(place) > 2 else place
    if name.startswith(place):
        out = name[len(place) :]
    else:  # 中共厦门市委 → 中共市委, 厦门火炬… → 火炬…
        out = name.replace(stem, "", 1) if stem else name
    return out if len(out) >= 2 else name


def _drop_en(name: str, place: str) -> str:
    place = place.split(",")[0].strip()  # "Cangshan District, Fuzhou" → "Cangshan District"
    if not place or not name:
        return name
    words = "|".join(_EN_PLACE_WORDS)
    out = re.sub(rf"^{re.escape(place)}(?: (?:{words}))? ", "", name)
    out = re.sub(rf",? of (?:the )?{re.escape(place)}$", "", out)
    out = re.sub(rf" {re.escape(place)} ", " ", out)
    out = out.strip(" ,")
    if len(out) < 3:
        return name
    return out[0].upper() + out[1:]


def wrap(text: str, lang: str = "zh") -> str:
    """``text`` in a few short lines (``\\n``), cut with "…" beyond the last.

    >>> wrap("Administration for Market Regulation", "en")
    'Administration for\\nMarket Regulation'
    >>> wrap("上海市知识产权局知识产权保护处", "zh")
    '上海市知识产权局知\\n识产权保护处'
    """
    text = " ".join(text.split())
    if _is_latin(text):
        lines = textwrap.wrap(text, EN_LINE, break_long_words=True) or [""]
        limit = EN_LINES
    else:
        lines = [text[i : i + ZH_LINE] for i in range(0, len(text), ZH_LINE)] or [""]
        limit = ZH_LINES
    if len(lines) > limit:
        lines = lines[:limit]
        lines[-1] = lines[-1][: max(1, len(lines[-1]) - 1)].rstrip() + "…"
    return "\n".join(lines)


def _is_latin(text: str) -> bool:
    return sum(ord(c) < 0x2E80 for c in text) > 0.7 * max(1, len(text))


def distinct(labels: dict[str, str], full: dict[str, str]) -> dict[str, str]:
    """Short labels where they stay distinct; where two would read the same, the full names."""
    seen: dict[str, int] = {}
    for v in labels.values():
        seen[v] = seen.get(v, 0) + 1
    return {k: (v if seen[v] == 1 else full.get(k, v)) for k, v in labels.items()}
