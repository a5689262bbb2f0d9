"""English names of regions and public bodies, so that a reader without Chinese can use every view.

Places are written in pinyin (``pypinyin``) with their level in English (厦门市 → "Xiamen",
福建省 → "Fujian Province", 福州市仓山区 → "Cangshan District, Fuzhou"); the few places whose
English is not their pinyin come from ``ontology/english.toml``. A body's English name fills the
pattern of its name's ending (``ontology/agency_types.toml``) with its place; words no pattern
covers go through the genre's glossary, and pinyin as a last resort. Chinese stays the primary
label: these are ``@en`` labels beside it.

>>> region_english("厦门市"), region_english("福建省"), region_english("福州市仓山区")
('Xiamen', 'Fujian Province', 'Cangshan District, Fuzhou')
>>> agency_english("厦门市文化和旅游局")
'Xiamen Municipal Bureau of Culture and Tourism'
>>> agency_english("国家知识产权局知识产权保护司")
'Department of Intellectual Property Protection, China National Intellectual Property Administration'
"""

from __future__ import annotations

import re
import tomllib
from functools import cache
from typing import Any

from pypinyin import lazy_pinyin

from .agency_types import BodyName, agency_types_table, describe
from .reading.regions import MUNICIPALITIES, NATION, Region, find_region, region_by_name
from .resources import ontology_file

__all__ = ["agency_english", "english_table", "pinyin", "region_english", "translate"]

_VOWEL_START = re.compile(r"^[aoe]")


@cache
def english_table() -> dict[str, Any]:
    """The parsed ``ontology/english.toml``."""
    return tomllib.loads(ontology_file("english.toml").read_text(encoding="utf-8"))


@cache
def pinyin(text: str) -> str:
    """A place or word in pinyin, one capitalised word (an apostrophe before a vowel syllable).

    >>> pinyin("厦门"), pinyin("西安"), pinyin("陕西")
    ('Xiamen', "Xi'an", 'Shaanxi')
    """
    known = english_table()["places"].get(text)
    if known:
        return known
    syllables = [s for s in lazy_pinyin(text) if s.strip()]
    out = ""
    for i, s in enumerate(syllables):
        out += ("'" if i and _VOWEL_START.match(s) and out[-1:].isalpha() else "") + s
    return out[:1].upper() + out[1:]


def _level(name: str) -> tuple[str, str]:
    """(noun, adjective) of a region's own name by its ending: 省 → Province, Provincial."""
    levels = english_table()["levels"]
    for key in sorted(levels, key=len, reverse=True):
        if name.endswith(key) and len(name) > len(key):
            return levels[key][0], levels[key][1]
    return "", ""


def _region(name: str) -> Region | None:
    return region_by_name(name) or find_region(name)


@cache
def _short(name: str) -> str:
    """A region's own name without its level and ethnic group: 广西壮族自治区 → 广西.

    >>> _short("广西壮族自治区"), _short("延边朝鲜族自治州"), _short("浦东新区")
    ('广西', '延边', '浦东')
    """
    levels = english_table()["levels"]
    key = next(
        (k for k in sorted(levels, key=len, reverse=True) if name.endswith(k) and len(name) > len(k) + 1), ""
    )
    base = name[: len(name) - len(key)] if key else name
    ethnic = sorted(english_table()["ethnic"]["names"], key=len, reverse=True)
    stripped = True
    while stripped:
        stripped = False
        for e in ethnic:
            if base.endswith(e) and len(base) - len(e) >= 2:
                base, stripped = base[: -len(e)], True
                break
    return base


def _plain_city(r: Region) -> bool:
    """A city or municipality whose English is its bare name (not a prefecture, league …)."""
    return r.full_name in MUNICIPALITIES or (r.level == "city" and r.name.endswith("市"))


@cache
def region_english(name: str) -> str:
    """The English name of a region known by its full official name.

    Cities and municipalities are their pinyin; provinces, autonomous regions, districts and
    counties add their level; a district names its city after a comma.

    >>> region_english("上海市"), region_english("上海市浦东新区"), region_english("中华人民共和国")
    ('Shanghai', 'Pudong New Area, Shanghai', "People's Republic of China")
    """
    if name == NATION:
        return english_table()["places"][NATION]
    r = _region(name)
    if r is None:
        return translate(name)
    base = pinyin(_short(r.name))
    if _plain_city(r):
        return base
    noun = _level(r.name)[0]
    own = f"{base} {noun}".strip()
    if r.level == "district" and r.city and r.city != r.name:
        return f"{own}, {pinyin(_short(r.city))}"
    return own


def _adjective(r: Region) -> str:
    """The place as an adjective before a body: "Xiamen Municipal", "Fuzhou Cangshan District"."""
    base = pinyin(_short(r.name))
    if _plain_city(r):
        return f"{base} Municipal"
    adj = _level(r.name)[1]
    if r.level == "district" and r.city and r.city != r.name and not r.name.endswith("市"):
        return f"{pinyin(_short(r.city))} {base} {adj}".strip()
    return f"{base} {adj}".strip()


def _level_word(r: Region) -> str:
    if _plain_city(r):
        return "Municipal"
    return _level(r.name)[1]


# --------------------------------------------------------------------------- words


@cache
def _glossary_keys() -> tuple[str, ...]:
    return tuple(sorted(english_table()["glossary"], key=len, reverse=True))


@cache
def _place_shorts() -> dict[str, str]:
    """Short names of provinces and cities (上海, 厦门) that may stand inside other names."""
    from .reading.regions import _tables  # the region table's own index of short names

    return {s: r.full_name for s, r in _tables()[2].items()}


def _token_at(text: str, i: int) -> tuple[str, int] | None:
    """The English of the longest glossary word or place name starting at `i`, and its length."""
    gloss = english_table()["glossary"]
    word = next((k for k in _glossary_keys() if text.startswith(k, i)), None)
    place = next((text[i : i + n] for n in (4, 3, 2) if text[i : i + n] in _place_shorts()), None)
    if place and (word is None or len(place) > len(word)):
        level = 1 if text[i + len(place) : i + len(place) + 1] in ("市", "省") else 0
        return pinyin(place), len(place) + level  # 重庆市两江新区: the place with its level
    if word:
        return gloss[word], len(word)
    return None


@cache
def translate(text: str) -> str:
    """Chinese words to English with the glossary; unknown runs in pinyin; brackets kept.

    >>> translate("海丝中央法务区建设")
    'Maritime Silk Road Central Legal District Development'
    >>> translate("中国(福建)自由贸易试验区厦门片区")
    'China (Fujian) Pilot Free Trade Zone Xiamen Area'
    """
    tokens: list[str] = []
    run = ""
    i = 0

    def flush() -> None:
        nonlocal run
        if run:
            tokens.append(pinyin(run))
            run = ""

    while i < len(text):
        ch = text[i]
        if ch in "()、,":
            flush()
            tokens.append({"、": ",", ",": ","}.get(ch, ch))
            i += 1
            continue
        if not ("\u4e00" <= ch <= "\u9fff"):
            flush()
            tokens.append(ch)
            i += 1
            continue
        hit = _token_at(text, i)
        if hit is None:
            run += ch
            i += 1
            continue
        flush()
        tokens.append(hit[0])
        i += hit[1]
    flush()
    out = " ".join(tokens)
    out = re.sub(r"\(\s+", "(", out)
    out = re.sub(r"\s+([),])", r"\1", out)
    return re.sub(r"\s+", " ", out).strip()


# --------------------------------------------------------------------------- bodies


def _fill(pattern: str, b: BodyName) -> str:
    r = b.region
    fields = {
        "adj": _adjective(r) if r else "",
        "place": region_english(r.full_name) if r else "",
        "short": pinyin(_short(r.name)) if r else "",
        "level": _level_word(r) if r else "",
        "x": translate(b.x),
        "zone": translate(b.name[: len(b.name) - len(b.suffix)] if b.suffix else b.name),
    }
    out = pattern.format(**fields)
    out = re.sub(r"\s+", " ", out).replace(" ,", ",").replace("the of", "of").strip()
    return out.replace("of the  ", "of the ")


def _party(b: BodyName) -> str:
    committee = f"CPC {_adjective(b.region)} Committee" if b.region else "CPC Committee"
    if not b.head:
        return committee
    organs = english_table()["party"]
    organ = organs.get(b.rest) or translate(b.rest)
    return f"{organ} of the {committee}"


@cache
def agency_english(name: str) -> str:
    """The English name of the body with this official name.

    >>> agency_english("中共厦门市委组织部")
    'Organization Department of the CPC Xiamen Municipal Committee'
    >>> agency_english("中国银行保险监督管理委员会厦门监管局")
    'Xiamen Regulatory Bureau, China Banking and Insurance Regulatory Commission'
    >>> agency_english("福州市仓山区人民政府")
    "Fuzhou Cangshan District People's Government"
    """
    b = describe(name)
    t = agency_types_table()
    if b.kind == "national":
        return t["national"][name][1]
    if b.kind == "party":
        return _party(b)
    if b.kind == "sub-bureau":
        return f"{translate(b.rest)} Sub-bureau, {agency_english(b.head)}"
    if b.kind in ("department", "branch"):
        head = t["national"][b.head][1]
        if b.kind == "department":
            dept = t.get("departments", {}).get(b.head, {}).get(b.rest) or translate(b.rest)
            return f"{dept}, {head}"
        if b.type == "customs":
            return f"{pinyin(_short(b.region.name))} Customs" if b.region else head
        branch = t["branches"].get(b.suffix) or translate(b.rest)
        place = pinyin(_short(b.region.name)) if b.region else ""
        return f"{place} {branch}, {head}".strip()
    if b.pattern and (b.region is not None or "{adj}" not in b.pattern):
        return _fill(b.pattern, b)
    return translate(name)
