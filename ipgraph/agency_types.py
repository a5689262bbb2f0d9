"""What kind of body an official name denotes, read from the name's shape.

A Chinese public body's official name is its place, then what it is: 厦门市 + 市场监督管理局,
中共 + 厦门市委 + 组织部, 国家知识产权局 + 知识产权保护司, 国家税务总局 + 厦门市 + 税务局. :func:`describe`
splits a name that way and looks its ending up in ``ontology/agency_types.toml`` (the genre's
table of endings → agency type and English pattern), so that Xiamen's 市场监督管理局 and
Shanghai's 知识产权局 both come out as ``ip-office`` and can be compared across cities.

>>> b = describe("厦门市市场监督管理局")
>>> b.kind, b.type, b.region.full_name, b.rest
('local', 'ip-office', '厦门市', '市场监督管理局')
>>> describe("国家知识产权局知识产权保护司").head
'国家知识产权局'
>>> describe("中共厦门市委组织部").type, describe("厦门市各区人民政府").collective
('party', True)
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from typing import Any

from .reading.regions import Region, find_region
from .resources import ontology_file

__all__ = ["AGENCY_TYPES", "BodyName", "agency_type", "agency_types_table", "describe", "is_collective"]

AGENCY_TYPES = (
    "ip-office",
    "court",
    "procuratorate",
    "public-security",
    "customs",
    "justice",
    "science-technology",
    "industry-it",
    "commerce",
    "finance-regulator",
    "culture-tourism",
    "education",
    "agriculture",
    "statistics",
    "development-reform",
    "finance-bureau",
    "human-resources",
    "government",
    "development-zone",
    "leading-group",
    "party",
    "trade-promotion",
    "other",
)
_NATIONAL_START = ("国家", "全国", "中央", "国务院", "最高人民", "中华人民共和国")
_FTZ = "自由贸易试验区"


@cache
def agency_types_table() -> dict[str, Any]:
    """The parsed ``ontology/agency_types.toml``."""
    return tomllib.loads(ontology_file("agency_types.toml").read_text(encoding="utf-8"))


@cache
def _zone_endings() -> tuple[str, ...]:
    data = tomllib.loads(ontology_file("english.toml").read_text(encoding="utf-8"))
    return tuple(data["zones"]["endings"])


@cache
def _keys(section: str) -> tuple[str, ...]:
    """Keys of a table, longest first, so that the most specific entry matches."""
    return tuple(sorted(agency_types_table()[section], key=len, reverse=True))


@dataclass(frozen=True, slots=True)
class BodyName:
    """An official name taken apart.

    ``kind`` is ``national`` (a top-level national body), ``department`` (of a national body),
    ``branch`` (a local office of a national body), ``sub-bureau`` (分局 of a local bureau),
    ``party`` (a Party committee or one of its organs), ``zone`` (a free-trade-zone area
    committee) or ``local`` (a body of a region).
    """

    name: str
    kind: str
    type: str
    collective: bool
    region: Region | None  # the place served; None for national bodies and names without a place
    head: str = ""  # the national body or Party committee it belongs to
    rest: str = ""  # what follows the place (or the head)
    suffix: str = ""  # the table key that decided the type
    pattern: str = ""  # the English pattern of that key

    @property
    def national(self) -> bool:
        """Whether the body serves the whole country."""
        return self.kind in ("national", "department") or (
            self.region is None and self.name.startswith(_NATIONAL_START)
        )

    @property
    def x(self) -> str:
        """The words between the place and the suffix (人民政府 dropped: it is in the pattern)."""
        x = self.rest[: len(self.rest) - len(self.suffix)] if self.suffix else self.rest
        x = x.removeprefix("各").removeprefix("人民政府")
        return x


def place_prefix(name: str, hint: str = "") -> tuple[Region | None, str]:
    """The region written at the start of `name` and the rest of the name.

    >>> r, rest = place_prefix("福州市仓山区人民政府")
    >>> r.full_name, rest
    ('福州市仓山区', '人民政府')
    >>> place_prefix("厦门火炬高技术产业开发区管理委员会")[1]
    '火炬高技术产业开发区管理委员会'
    """
    r = find_region(name, hint)
    if r is None:
        return None, name
    forms = set(r.written_forms)
    written = [w for w in forms if name.startswith(w) and len(name) > len(w)]
    if not written:
        return None, name
    return r, name[len(max(written, key=len)) :]


def is_collective(rest: str) -> bool:
    """Whether the name (after its place) names several bodies together (各区人民政府, 成员单位)."""
    c = agency_types_table()["collective"]
    return rest.startswith(tuple(c["prefixes"])) or rest.endswith(tuple(c["suffixes"]))


def _national_head(name: str) -> str | None:
    return next((h for h in _keys("national") if name.startswith(h) and len(name) > len(h)), None)


def _match(section: str, rest: str, place: str = "") -> tuple[str, str, str]:
    """(key, type, English pattern) of the longest ending of `rest` in `section`, else other.

    `place` is the region written before `rest`: a 新区 that is itself a division
    (浦东新区, 两江新区) is the zone its bare 管理委员会 manages.
    """
    for key in _keys(section):
        if not rest.endswith(key):
            continue
        if key in ("管理委员会", "管委会") and not (place + rest[: -len(key)]).endswith(_zone_endings()):
            continue  # a committee that manages no zone (城市管理委员会): a generic 委员会
        kind, pattern = agency_types_table()[section][key]
        return key, kind, pattern
    return "", "other", ""


@cache
def describe(name: str) -> BodyName:
    """Take an official full name apart and type it.

    Parameters
    ----------
    name : str
        An official full name (a reading's ``canonical[0]``), simplified script.

    Returns
    -------
    BodyName
        Its kind, agency type code, region, head and the table entry that decided.
    """
    t = agency_types_table()
    if name in t["national"]:
        return BodyName(name, "national", t["national"][name][0], False, None)
    if name.startswith("中共") and not name.startswith("中共中央"):
        return _party(name)
    if name.startswith("中华人民共和国") and name.endswith("海关") and len(name) > 9:
        region, _ = place_prefix(name.removeprefix("中华人民共和国"))
        return BodyName(name, "branch", "customs", False, region, "海关总署", name[7:], "海关")
    if name.startswith("中国(") and _FTZ in name:
        return _free_trade_zone(name)
    head = _national_head(name)
    if head is not None:
        rest = name[len(head) :]
        region, after = place_prefix(rest)
        kind = t["national"][head][0]
        if region is None or rest in t.get("departments", {}).get(head, {}):
            return BodyName(name, "department", kind, False, None, head, rest)
        key = next((k for k in sorted(t["branches"], key=len, reverse=True) if after.endswith(k)), "")
        return BodyName(name, "branch", kind, False, region, head, after, key)
    region, rest = place_prefix(name)
    if region is None and name.startswith(_NATIONAL_START):
        key, kind, pattern = _match("suffixes", name)
        return BodyName(name, "local", kind, False, None, "", name, key, pattern)
    collective = is_collective(rest)
    if not collective and rest.endswith("分局") and "局" in rest[:-2]:
        return _sub_bureau(name, region, rest)
    key, kind, pattern = _match(
        "collectives" if collective else "suffixes", rest, region.name if region else ""
    )
    if collective and not key:
        key, kind, pattern = _match("suffixes", rest.removeprefix("各"))
    return BodyName(name, "local", kind, collective, region, "", rest, key, pattern)


def _sub_bureau(name: str, region: Region | None, rest: str) -> BodyName:
    """南京市公安局江宁分局: a sub-bureau of its bureau, of the bureau's type."""
    bureau = rest[: rest.index("局") + 1]
    head = name[: len(name) - len(rest)] + bureau
    return BodyName(
        name, "sub-bureau", describe(head).type, False, region, head, rest[len(bureau) : -2], "分局"
    )


def _party(name: str) -> BodyName:
    """中共{place}委员会 and 中共{place}委{organ}: the committee is the organ's head."""
    region, rest = place_prefix(name[2:])
    if region is None or not rest.startswith("委"):
        return BodyName(name, "party", "party", False, region, "", rest)
    place = name[2 : len(name) - len(rest)]
    committee = f"中共{place}委员会"
    organ = rest.removeprefix("委员会") if rest.startswith("委员会") else rest[1:]
    if not organ:
        return BodyName(name, "party", "party", False, region, "", "委员会")
    return BodyName(name, "party", "party", False, region, committee, organ)


def _free_trade_zone(name: str) -> BodyName:
    """中国(福建)自由贸易试验区厦门片区管理委员会: the area's city, else the bracketed province."""
    after = name[name.index(_FTZ) + len(_FTZ) :]
    region, _ = place_prefix(after)
    if region is None:
        region = find_region(name[3 : name.index(")")]) if ")" in name else None
    key, _, pattern = _match("suffixes", name)
    return BodyName(name, "zone", "development-zone", False, region, "", name, key, pattern)


def agency_type(name: str) -> str:
    """The agency type code of the body with this official name.

    >>> agency_type("上海市知识产权局"), agency_type("厦门市中级人民法院")
    ('ip-office', 'court')
    >>> agency_type("上海市经济和信息化委员会")
    'industry-it'
    """
    return describe(name).type
