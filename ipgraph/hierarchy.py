"""The body a body belongs to (``org:subOrganizationOf``), by the genre's rules, from names alone.

A city bureau belongs to its city's 人民政府, a district government to its city's, a city's to its
province's, a province's (or a municipality's) to 国务院; a national department to its ministry;
a Party organ to its committee, a committee to the one above; an intermediate court to the
province's high court and that to 最高人民法院 (procuratorates alike); a local office of a national
body (海关, 银保监局, 税务局) to that body; a leading group's office to the group; a collective to
its jurisdiction's government. Top-level national bodies have no parent.

>>> parent("厦门市市场监督管理局"), parent("厦门市人民政府"), parent("福建省人民政府")
('厦门市人民政府', '福建省人民政府', '国务院')
>>> parent("厦门市中级人民法院"), parent("国家知识产权局知识产权保护司"), parent("国家知识产权局")
('福建省高级人民法院', '国家知识产权局', None)
>>> parent("中共厦门市委组织部"), parent("中共厦门市委员会"), parent("中华人民共和国厦门海关")
('中共厦门市委员会', '中共福建省委员会', '海关总署')
"""

from __future__ import annotations

from .agency_types import BodyName, describe
from .reading.regions import MUNICIPALITIES, Region, region_by_name

__all__ = ["ancestors", "parent"]

STATE_COUNCIL = "国务院"
PARTY_CENTRE = "中共中央"
SUPREME_COURT = "最高人民法院"
SUPREME_PROCURATORATE = "最高人民检察院"


def _upper(region: Region) -> Region | None:
    """The region one level up: district → city (or province), city → province, else None."""
    if region.level == "district":
        up = region.city or region.province
    elif region.level == "city" and region.full_name not in MUNICIPALITIES:
        up = region.province
    else:
        return None
    return region_by_name(up) if up and up != region.full_name else None


def _top(region: Region) -> bool:
    """A province-level region (provinces, autonomous regions and municipalities)."""
    return region.level == "province" or region.full_name in MUNICIPALITIES


def _government(region: Region | None) -> str | None:
    return f"{region.body_prefix}人民政府" if region else None


def _court(b: BodyName, region: Region) -> str | None:
    if b.suffix == "高级人民法院":
        return SUPREME_COURT
    province = region if _top(region) else region_by_name(region.province or "")
    if b.suffix in ("中级人民法院", "知识产权法院") or region.level == "city":
        return f"{province.full_name}高级人民法院" if province else SUPREME_COURT
    if b.suffix == "知识产权法庭":
        return f"{region.full_name}中级人民法院"
    up = _upper(region)  # a district's basic court: the city's intermediate court
    if up is None or _top(up):
        return f"{(up or region).full_name}高级人民法院"
    return f"{up.full_name}中级人民法院"


def _procuratorate(region: Region) -> str:
    if _top(region):
        return SUPREME_PROCURATORATE
    up = _upper(region)
    return f"{up.full_name}人民检察院" if up else SUPREME_PROCURATORATE


def _party(b: BodyName) -> str | None:
    if b.head:
        return b.head
    if b.region is None:
        return PARTY_CENTRE
    up = None if _top(b.region) else _upper(b.region)
    return f"中共{up.full_name}委员会" if up else PARTY_CENTRE


def parent(name: str, fallback: Region | None = None) -> str | None:
    """The official name of the body `name` belongs to, or None for a top-level national body.

    Parameters
    ----------
    name : str
        An official full name.
    fallback : Region, optional
        The region to use when the name carries no place (the plan's own region).

    Returns
    -------
    str or None
        The parent's official name.
    """
    b = describe(name)
    if b.kind in ("department", "branch", "sub-bureau"):
        return b.head
    if b.kind == "party":
        return _party(b)
    if b.kind == "national" or b.national:
        return None
    region = b.region or fallback
    if region is None:
        return None
    if b.collective:
        return _government(region)
    if b.type == "government" and b.suffix == "人民政府":
        if _top(region):
            return STATE_COUNCIL
        return _government(_upper(region)) or STATE_COUNCIL
    if b.type == "court":
        return _court(b, region)
    if b.type == "procuratorate" and b.suffix.startswith("人民检察院"):
        return _procuratorate(region) if b.suffix == "人民检察院" else f"{region.body_prefix}人民检察院"
    if b.suffix in ("领导小组办公室", "联席会议办公室"):
        return name.removesuffix("办公室")
    return _government(region)


def ancestors(name: str, fallback: Region | None = None) -> list[str]:
    """`name`'s parent, its parent's parent … up to a top-level body (cycles cut).

    >>> ancestors("福州市仓山区科学技术局")
    ['福州市仓山区人民政府', '福州市人民政府', '福建省人民政府', '国务院']
    """
    chain: list[str] = []
    current = parent(name, fallback)
    while current and current != name and current not in chain and len(chain) < 12:
        chain.append(current)
        current = parent(current)
    return chain
