"""Canonical names of the units a plan makes responsible.

A plan writes ``文旅局`` and means its own city's 文化和旅游局; writes ``市委组织部`` and
means 中共厦门市委组织部. :func:`canonical_names` puts the jurisdiction in front and expands
short forms with the genre's gazetteer (``ontology/gazetteer.toml``), so the same body gets
the same name in every measure and every plan.

>>> ctx = Jurisdiction.of_region("厦门市")
>>> canonical_names("文旅局", ctx)  # official name first, then the short form kept as accepted
['厦门市文化和旅游局', '厦门市文旅局']
>>> canonical_names("市市场监管局(知识产权局)", ctx)[::2]
['厦门市市场监督管理局', '厦门市知识产权局']
>>> canonical_names("市委组织部", ctx)[0]
'中共厦门市委组织部'
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from ..central import canonical as central_canonical
from ..resources import ontology_file
from .regions import MUNICIPALITIES, NATION, Region, find_region, region_by_name, short_name

__all__ = ["Jurisdiction", "canonical_names", "gazetteer"]


@cache
def gazetteer() -> dict[str, Any]:
    """The parsed ``ontology/gazetteer.toml``."""
    return tomllib.loads(ontology_file("gazetteer.toml").read_text(encoding="utf-8"))


@cache
def _longest_first(section: str) -> tuple[str, ...]:
    """Keys of a gazetteer table, longest first, so the most specific entry matches."""
    return tuple(sorted(gazetteer()[section], key=len, reverse=True))


@dataclass(frozen=True, slots=True)
class Jurisdiction:
    """The plan's place: default jurisdiction of the units it names."""

    region: Region | None  # None for a national plan, or a plan whose place is unknown
    unresolved: bool = False  # the plan's place is unknown: its local bodies have no place
    year: int | None = None  # the plan's year: central bodies are named as they were then
    bureau: str = ""  # the department that alone issued the plan: its own 科/股 are named under it

    @classmethod
    def of_region(cls, name: str, year: int | None = None, issuers: Sequence[str] = ()) -> Jurisdiction:
        bureau = issuers[0] if len(issuers) == 1 and _DEPARTMENT.search(issuers[0]) else ""
        if not name:
            return cls(None, unresolved=True, year=year, bureau=bureau)
        region = None if name == NATION else (region_by_name(name) or find_region(name))
        return cls(region, year=year, bureau=bureau)

    @property
    def national(self) -> bool:
        return self.region is None and not self.unresolved

    def scoped(self, official: str) -> bool:
        """A body of this plan whose place is unknown (市场监督管理局 in a plan of no known city):
        it keeps a plan-scoped identity, never a bare name shared with other plans."""
        return self.unresolved and not (
            _NATIONAL_START.match(official)
            or official.startswith(("中国", "中共中央"))
            or find_region(official)
        )

    @property
    def own(self) -> str:
        return self.region.full_name if self.region else ""

    @property
    def own_short(self) -> str:
        """The plan's own county or district written short (江阴 for 江阴市), else ""."""
        if not self.region or self.region.level != "district":
            return ""
        short = short_name(self.region.name)
        return short if len(short) >= 2 else ""

    @property
    def body(self) -> str:
        """The place prefix of the plan's own bodies (长兴县…, not 湖州市长兴县…)."""
        return self.region.body_prefix if self.region else ""

    @property
    def city(self) -> str:
        if not self.region:
            return ""
        return self.region.city or self.region.full_name

    @property
    def province(self) -> str:
        return (self.region.province or "") if self.region else ""


# A department (局, 委员会, 厅) as a plan's issuer, not a government or its general office
_DEPARTMENT = re.compile(r"(?:局|委员会|厅)$")
# A department's own division named alone: 法规科, 知产保护科, 稽查科; a 处 or 股 likewise
# (not 财政局预算科, which names its own bureau; not 办事处 or 管理处, offices of their own)
_DIVISION = re.compile(r"(?![^局委厅办院会部]*[局委厅办院会部])[\u4e00-\u9fff]{1,8}(?:科|股|(?<![事理])处)")
_COLLECTIVE_FIX = [(re.compile(r"(区|县|市|镇|乡)政府$"), r"\1人民政府")]
_NATIONAL_START = re.compile(r"^(国家|中华人民共和国|中共中央|国务院|最高人民|全国)")
_PARTY = re.compile(r"^(市|区|县|省|州|盟|旗)委(?!员)(.*)$")
_PARTY_IN_FULL = re.compile(r"^中共(\S{2,12}?(?:省|市|区|县|州|盟|旗))委(?:员会)?(?!员)(.*)$")
# Words that start with a place character but are not a place (市场监管局 is 市场 + 监管局);
# 市政 is one only before what a 市政 body runs (市政府, 市政协, 市政法委, 市政务… are 市 + …).
_LOCAL_WORDS = re.compile(r"^(市场|市政(?!府|协|法|务)|市容|区域|县域|省级|市级|区级|县级)")
_PLACE_CHARS = "省市区县州盟旗"
# names that only a central body has, in a plan of any level: 国家…, 最高人民法院, 科技部, 海关总署
_CENTRAL_ONLY = re.compile(
    r"^(国家|中华人民共和国|中共中央|国务院|最高人民|最高法|最高检|中央)|^(?![省市区县州盟旗各])[\u4e00-\u9fff]{1,8}(部|总局|总署)$"
)
# a place written short, then the national financial regulator's office (not a local 金融监管局)
_NFRA = re.compile(r"([^省市区县州盟旗]{2,4}?)金融监管(局|分局|支局)")


# a town, township or street body written with no proper name before it names them all
_BARE_GRASSROOTS = re.compile(r"^(?:乡镇|镇|乡|街道|镇街|(?:乡镇|镇)\(街道\))(?:人民政府|政府|办事处|办)$")
# a second name in 〔〕 [] 【】 is one in parentheses (市市场监管局〔知识产权局〕, seen in web reposts)
_BRACKETS = str.maketrans("〔[【〕]】", "((()))")


def canonical_names(name: str, ctx: Jurisdiction, parent: str = "") -> list[str]:
    """Official full name first, then other accepted names (as GUIDE.md's ``canonical``).

    ``parent`` is the national body a department was written under
    (``国家知识产权局保护司、运用促进司``: 运用促进司's parent is 国家知识产权局).
    """
    name = re.sub(r"\s+", "", name).rstrip("等").translate(_BRACKETS)
    if not parent and (ctx.national or _CENTRAL_ONLY.match(name)):
        central = central_canonical(name, ctx.year)  # 工商总局 in 2017 → 国家工商行政管理总局
        if central:
            return central
    m = re.fullmatch(r"(.+?)\((.+?)\)(管委会|管理委员会)", name)
    if m:  # 东津新区(经开区)管委会: two zones, one committee, under both names
        name = f"{m.group(1)}{m.group(3)}({m.group(2)}{m.group(3)})"
    m = re.fullmatch(r"(.+?)\((.+)\)", name)
    if m:  # 市市场监管局(知识产权局): one body under two names
        main = canonical_names(m.group(1), ctx, parent)
        alias = canonical_names(_with_place_of(m.group(1), m.group(2)), ctx, parent)
        return _unique(main + alias)
    if parent:
        return _national(parent + name)
    if ctx.bureau and _DIVISION.fullmatch(name):  # 法规科 in a 区市场监督管理局's own plan: its division
        return [ctx.bureau + name]
    if _BARE_GRASSROOTS.match(name):  # 镇人民政府 with no town's name: all of them (各镇人民政府)
        name = "各" + name
    if re.match(r"^[区县市]\([区县市、]+\)", name):  # (各区、)县(市)知识产权局: every county's, a collective
        name = "各" + name
    if name.startswith("各"):
        full = ctx.body + name
        for rx, rep in _COLLECTIVE_FIX:
            full = rx.sub(rep, full)
        return _unique([full])
    if _NATIONAL_START.match(name) or any(name.startswith(k) for k in gazetteer()["national"]):
        return _national(name)
    party = _PARTY.match(name)
    written = _PARTY_IN_FULL.match(name)
    if party or written:
        # 市委宣传部 takes the plan's place; 中共福建省委宣传部 is written in full with its own
        place = written.group(1) if written else _place_for(party.group(1), ctx)  # type: ignore[union-attr]
        rest = written.group(2) if written else party.group(2)  # type: ignore[union-attr]
        full = gazetteer()["party"].get(rest, rest)
        return (
            _unique([f"中共{place}委{full}", f"{place}委{rest}"])
            if rest
            else [f"中共{place}委", f"中共{place}委员会"]
        )
    nfra = _NFRA.fullmatch(name)
    if nfra and (find_region(nfra.group(1)) or nfra.group(1) == ctx.own_short):
        # 安徽金融监管局, 江阴金融监管支局: offices of the national regulator, named by place
        return _unique([f"国家金融监督管理总局{nfra.group(1)}监管{nfra.group(2)}", name])
    place, rest = _split_place(name, ctx)
    return _local(place, rest)


def _with_place_of(main: str, alias: str) -> str:
    """An alias in brackets takes the place prefix written on the main name."""
    for p in ("市", "区", "县", "省"):
        if main.startswith(p) and not _LOCAL_WORDS.match(main) and not alias.startswith(p):
            return p + alias
    return alias


def _place_for(prefix: str, ctx: Jurisdiction) -> str:
    """The place a one-character prefix (省, 市, 州, 区, 县 …) stands for in the plan's context."""
    if ctx.unresolved:  # a plan of unknown place: the level is all the prefix says
        return prefix
    if prefix == "省":
        return ctx.province or ctx.own
    if prefix in "市州盟":
        if ctx.region and ctx.region.county_level_city and prefix == "市":
            return ctx.body  # 义乌市's plan: 市 is 义乌市 itself, not 金华市
        return ctx.city or ctx.own
    return ctx.body  # 区, 县, 旗: the plan's own district or county


def _split_place(name: str, ctx: Jurisdiction) -> tuple[Region | str, str]:
    """The place a name is written under, and the rest of the name."""
    local_word = bool(_LOCAL_WORDS.match(name))
    if name[:1] in _PLACE_CHARS and not local_word and len(name) > 2 and _prefix_fits(name[0], ctx):
        return _place_for(name[0], ctx), name[1:]
    if name.startswith(("市市场", "市市政", "市市容")):
        return _place_for("市", ctx), name[1:]
    own = ctx.own_short  # 江阴海关 in 江阴市's plan: its own place written short
    if own and ctx.region and name.startswith(own) and not name.startswith(ctx.region.name):
        return ctx.region, name[len(own) :]
    r = find_region(name, ctx.own)
    if r:
        for written in sorted(r.written_forms, key=len, reverse=True):
            if name.startswith(written) and len(name) > len(written):
                if r.level == "district" and ctx.region and r.city != ctx.city and written != r.full_name:
                    break  # a district of another city with the same name: not ours
                return r, name[len(written) :]
    return ctx.body, name


def _prefix_fits(prefix: str, ctx: Jurisdiction) -> bool:
    """州, 盟 and 旗 are place prefixes only in plans of such places (州市场监管局 in an 自治州)."""
    if prefix in "省市区县":
        return True
    return prefix in ((ctx.city or ctx.own)[-1:], ctx.own[-1:])


def _local(place: Region | str, rest: str) -> list[str]:
    g = gazetteer()
    r = place if isinstance(place, Region) else (region_by_name(place) if place else None)
    p = place.body_prefix if isinstance(place, Region) else place
    prov = (r.province if r else "") or (r.full_name if r else place)
    short = (short_name(r.city or r.name) if r.level == "district" else short_name(r.name)) if r else place
    if isinstance(place, Region) and r and r.body_prefix == r.name:
        short = short_name(r.name)  # a county-level place written out (江阴海关): its own name
    level = r.level if r else "city"
    # a county's development zones carry the county's name (长兴经济技术开发区), a district's its city's
    zone = short_name(r.name) if r and r.body_prefix == r.name and r.level == "district" else short
    fill = {"p": p, "short": short, "prov": short_name(prov), "zone": zone}
    police = re.fullmatch(r"公安(.*)分局", rest)
    if police and r and r.level == "district" and r.name.endswith("区") and r.city:
        if police.group(1) in ("", r.name, short_name(r.name)):  # 区公安分局, 公安渝北分局
            return _unique([f"{r.city}公安局{r.name}分局", p + rest])
    if rest == "贸促会":
        key = "province" if level == "province" or p in MUNICIPALITIES else "city"
        return _unique([g["trade_promotion"][key].format(**fill), f"{p}贸促会"])
    if rest in ("法院", "人民法院"):  # the court of a level: 省 → 高级, 市 → 中级, 区/县 → 基层
        court = {"province": "高级人民法院", "city": "中级人民法院"}.get(level, "人民法院")
        if p in MUNICIPALITIES:
            court = "高级人民法院"
        return _unique([p + court, p + rest])
    for key in _longest_first("patterns"):
        if rest.endswith(key):
            x = rest[: -len(key)]
            if key in ("区管委会", "管委会") and not x:
                continue
            return _unique([t.format(x=x, **fill) for t in g["patterns"][key]])
    abbr = g["abbreviations"]
    full = abbr.get(rest)
    if full is None:
        for key in _longest_first("abbreviations"):
            if rest.endswith(abbr[key]):  # already written in full (中级人民法院, not 中级人民人民法院)
                break
            if rest.endswith(key) and len(rest) > len(key):
                full = rest[: -len(key)] + abbr[key]
                break
    if full is None:  # 市场监管局南山监管局: a bureau's own office, the bureau written short
        for key in _longest_first("abbreviations"):
            if rest.startswith(key) and len(rest) > len(key) + 1 and key.endswith(("局", "委")):
                full = abbr[key] + rest[len(key) :]
                break
    if full is None and rest.endswith("委") and len(rest) > 2:  # 农业农村委, 经济信息委: a 委员会
        full = rest + "员会"
    official = p + (full or rest)
    if official.startswith(p + "政府"):  # 市政府督查室, 市政府国资委: the government is 人民政府
        official = (p + "人民" + official[len(p) :]).replace("人民政府人民政府", "人民政府")
    names = [official]
    if full and full != rest:
        names.append(p + rest)
    return _unique(names) if full else names


def _national(name: str) -> list[str]:
    g = gazetteer()
    for short in _longest_first("national"):
        full = g["national"][short]
        if name.startswith(short) and not name.startswith(full):
            name = full + name[len(short) :]
            break
    for body, depts in g["national_departments"].items():
        if name.startswith(body) and len(name) > len(body):
            dept = name[len(body) :]
            if dept in depts:
                return _unique([body + depts[dept], name])
    return [name]


def _unique(names: list[str]) -> list[str]:
    return list(dict.fromkeys(n for n in names if n))
