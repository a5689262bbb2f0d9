"""China's administrative divisions, for finding a plan's jurisdiction and province.

The table is :func:`ipgraph.divisions.rows` (``ontology/divisions.csv``: 12-digit codes, the
first two digits naming the province, the next two the prefecture, the next two the county),
with the divisions abolished since 2013 that plans of those years name (莱芜市, 户县).

>>> r = find_region("福州市仓山区实施国家知识产权强县工程试点区工作方案")
>>> r.full_name, r.province, r.level
('福州市仓山区', '福建省', 'district')
>>> find_region("上海市人民政府 国家知识产权局共建工作要点").province
'上海市'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from .. import divisions

__all__ = ["MUNICIPALITIES", "NATION", "Region", "find_region", "region_by_name", "short_name"]

MUNICIPALITIES = {"北京市", "上海市", "天津市", "重庆市"}
NATION = "中华人民共和国"
_SUFFIXES = (
    "特别行政区",
    "自治区",
    "自治州",
    "自治县",
    "新区",
    "地区",
    "林区",
    "特区",
    "盟",
    "旗",
    "省",
    "市",
    "区",
    "县",
    "州",
)
# Ethnic groups named between a place and its level (广西壮族自治区, 延边朝鲜族自治州); whole
# names only, so that the place itself is never cut (广西壮族 → 广西, not 广).
_ETHNIC = (
    "壮族 回族 维吾尔 维吾尔族 朝鲜族 土家族 苗族 藏族 彝族 蒙古族 哈萨克 哈萨克族 "
    "傣族 白族 哈尼族 布依族 侗族 黎族 瑶族 羌族 满族 畲族 仡佬族 土族 "
    "撒拉族 保安族 东乡族 裕固族 锡伯族 达斡尔族 鄂温克族 鄂伦春族 纳西族 傈僳族 景颇族 拉祜族 "
    "佤族 布朗族 阿昌族 普米族 怒族 独龙族 德昂族 水族 毛南族 仫佬族 京族 柯尔克孜 "
    "柯尔克孜族 塔吉克 塔吉克族 各族 "
).split()
_MINORITY = re.compile("(" + "|".join(sorted(_ETHNIC, key=len, reverse=True)) + ")+$")


@dataclass(frozen=True, slots=True)
class Region:
    name: str  # own name: 仓山区
    full_name: str  # with its city for districts: 福州市仓山区
    level: str  # "national" | "province" | "city" | "district"
    province: str | None
    city: str | None  # the prefecture-level city, for cities and districts
    code: str

    @property
    def written_forms(self) -> tuple[str, ...]:
        """How plans write the place: 福州市仓山区, 仓山区, 仓山; 三江侗族自治县 also as 三江自治县."""
        forms = [self.full_name, self.name, short_name(self.name)]
        plain = _without_ethnic(self.name)
        if plain != self.name:
            forms.append(plain)
        return tuple(dict.fromkeys(forms))

    @property
    def county_level_city(self) -> bool:
        """A 县级市 (义乌市 under 金华市): in its own plans, ``市`` means itself."""
        return self.level == "district" and self.name.endswith("市")

    @property
    def body_prefix(self) -> str:
        """The place its bodies' official names start with: a city district's bodies carry the
        city (福州市仓山区市场监督管理局); a county's, a county-level city's or a banner's only
        their own name (长兴县市场监督管理局, 义乌市人民法院).

        >>> region_by_name("福州市仓山区").body_prefix, region_by_name("义乌市").body_prefix
        ('福州市仓山区', '义乌市')
        """
        if self.level == "district" and not self.name.endswith("区"):
            return self.name
        return self.full_name


def _without_ethnic(name: str) -> str:
    """三江侗族自治县 → 三江自治县: the ethnic groups dropped before 自治县/自治州/自治旗.

    >>> _without_ethnic("湘西土家族苗族自治州"), _without_ethnic("仓山区")
    ('湘西自治州', '仓山区')
    """
    for suf in ("自治县", "自治州", "自治旗"):
        if name.endswith(suf):
            base = _MINORITY.sub("", name[: -len(suf)])
            return base + suf if len(base) >= 2 else name
    return name


def short_name(name: str) -> str:
    """A place name without its administrative suffix: 厦门市 → 厦门, 宁夏回族自治区 → 宁夏.

    >>> short_name("厦门市"), short_name("内蒙古自治区"), short_name("浦东新区")
    ('厦门', '内蒙古', '浦东')
    >>> short_name("广西壮族自治区"), short_name("延边朝鲜族自治州"), short_name("湘西土家族苗族自治州")
    ('广西', '延边', '湘西')
    """
    for suf in _SUFFIXES:
        if name.endswith(suf) and len(name) > len(suf) + 1:
            base = name[: -len(suf)]
            return _MINORITY.sub("", base) or base
    return name


@cache
def _rows() -> list[tuple[str, str]]:
    return divisions.rows()


@cache
def _tables() -> tuple[dict[str, Region], dict[str, list[Region]], dict[str, Region]]:
    """(code → region, name → regions, short name of provinces and cities → region)."""
    names = dict(_rows())
    by_code: dict[str, Region] = {}
    for code, name in _rows():
        if name in ("市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"):
            continue
        p_code, c_code = code[:2] + "0" * 10, code[:4] + "0" * 8
        province = names.get(p_code)
        if code == p_code:
            level, city = (
                ("city" if name in MUNICIPALITIES else "province"),
                (name if name in MUNICIPALITIES else None),
            )
        elif code == c_code:
            level, city = "city", name
        else:
            level = "district"
            city = names.get(c_code)
            if city in (None, "市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"):
                city = province if province in MUNICIPALITIES else None
        full = f"{city}{name}" if level == "district" and city else name
        by_code[code] = Region(name, full, level, province, city, code)
    by_name: dict[str, list[Region]] = {}
    shorts: dict[str, Region] = {}
    for r in by_code.values():
        by_name.setdefault(r.name, []).append(r)
        if r.full_name != r.name:
            by_name.setdefault(r.full_name, []).append(r)
        plain = _without_ethnic(r.name)
        if plain != r.name:  # 三江自治县, as plans often write 三江侗族自治县
            by_name.setdefault(plain, []).append(r)
        if r.level in ("province", "city"):
            s = short_name(r.name)
            if len(s) >= 2:
                shorts.setdefault(s, r)
    shorts = dict(sorted(shorts.items(), key=lambda kv: -len(kv[0])))  # longest first, for prefix matching
    return by_code, by_name, shorts


def region_by_name(name: str) -> Region | None:
    """The region of that exact name (a unique one, or the prefecture-level one)."""
    cands = _tables()[1].get(name, [])
    if len(cands) == 1:
        return cands[0]
    best = [c for c in cands if c.level != "district"]
    return best[0] if best else None


def _longest_prefix(text: str, table: dict[str, list[Region]]) -> str | None:
    for n in range(min(len(text), 16), 1, -1):
        if text[:n] in table:
            return text[:n]
    return None


def find_region(text: str, hint: str = "") -> Region | None:
    """The region named at the start of ``text`` (a plan title or an issuer).

    The longest known name wins (福州市仓山区 over 福州市); a district written after its
    city (上海市浦东新区) is that district; a district name shared by several cities is
    resolved with the city or province named in ``hint`` (the rest of the document).
    """
    by_name, shorts = _tables()[1], _tables()[2]
    name = _longest_prefix(text, by_name)
    if name is None:
        short = next((s for s in shorts if text.startswith(s)), None)
        return shorts[short] if short else None
    found = _resolve(by_name[name], hint)
    if found.level != "district":
        rest = text[len(name) :]
        sub = _longest_prefix(rest, by_name)
        inside = [r for r in by_name.get(sub or "", []) if r.level == "district" and r.city == found.name]
        if inside:
            return inside[0]
    return found


def _resolve(cands: list[Region], hint: str) -> Region:
    if len(cands) == 1:
        return cands[0]
    upper = [c for c in cands if c.level != "district"]
    if upper:
        return upper[0]
    for key in ("city", "province"):
        for c in cands:
            v = getattr(c, key)
            if v and (v in hint or short_name(v) in hint):
                return c
    return cands[0]
