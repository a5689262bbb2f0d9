"""The place a plan is for, from all the evidence in the document, and how sure we are.

A plan rarely says "this plan is for 泸州市" in one place. The evidence is spread over its
title (``2022年上海市…``), the notice heading and signature (``西安市雁塔区人民政府``), a byline,
the 文号 (``厦府〔2022〕333号``), the addressees (``各盟行政公署`` exist only in 内蒙古; ``各省、
自治区、直辖市`` are addressed by central bodies) and the bodies it names (``人行泸州市分行``).

Evidence is weighed in three tiers: what the document says of itself (title, signature,
notice heading, byline, the portal's 发文机关), then what its form implies (文号, addressees),
then the places its text names most. A plan is national only on positive evidence. Where no
tier names a place, or the document's own words name two places that do not nest, the place
is *unresolved*: :attr:`Place.problem` says why, and the caller keeps its bodies apart.

>>> p = find_place(title="2022年上海市知识产权工作要点")
>>> p.region.full_name, p.evidence[0].source
('上海市', 'title')
>>> find_place(title="知识产权工作要点").problem
'no place named in the title, signature, 文号, addressees or bodies'
>>> find_place(doc_number="国办发〔2013〕36号").national
True
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache

from ..central import canonical as central_canonical
from ..resources import ontology_file
from ..text import to_simplified
from .regions import Region, _tables, find_region, region_by_name, short_name

__all__ = ["Evidence", "Place", "docnumber_place", "find_place", "is_national_body", "place_in", "user_place"]

_NATIONAL_WORDS = re.compile(r"^(国家|全国|国务院|中共中央|中华人民共和国|最高人民|中央|党中央)")
# A central ministry or administration written alone (科技部, 海关总署, 工商总局); local bodies
# ending so are written after a place or a Party committee (市委组织部).
_CENTRAL_FORM = re.compile(r"^(?![省市区县州盟旗][委政])[\u4e00-\u9fff]{2,10}(部|总局|总署)$")
_YEAR_LEAD = re.compile(r"^\s*\d{4}\s*年度?\s*")


@dataclass(frozen=True, slots=True)
class Evidence:
    """One statement of place: where in the document (``source``), the words, what they name."""

    source: str  # title, signature, notice heading, byline, issuer field, 文号, addressees, bodies named
    text: str
    region: Region | None  # None when the evidence is national
    national: bool = False

    def __str__(self) -> str:
        what = "national" if self.national else (self.region.full_name if self.region else "?")
        return f"{self.source}: {self.text} → {what}"


@dataclass(slots=True)
class Place:
    region: Region | None
    national: bool
    evidence: list[Evidence] = field(default_factory=list)
    problem: str = ""  # why the place is unresolved, "" when it is resolved

    @property
    def resolved(self) -> bool:
        return not self.problem


@cache
def _prefix_table() -> tuple[tuple[str, ...], dict[str, list[str]]]:
    data = tomllib.loads(ontology_file("doc_prefixes.toml").read_text(encoding="utf-8"))
    national = tuple(sorted(data["national"], key=len, reverse=True))
    return national, data["places"]


def is_national_body(name: str) -> bool:
    """A body of the central state: 国务院办公厅, 国家知识产权局, 科技部, 海关总署.

    >>> [is_national_body(n) for n in ("国务院办公厅", "科学技术部", "厦门市人民政府", "市委组织部")]
    [True, True, False, False]
    """
    name = to_simplified(re.sub(r"\s+", "", name))
    if find_region(name) and not _NATIONAL_WORDS.match(name):
        return False
    if _NATIONAL_WORDS.match(name) or _CENTRAL_FORM.match(name):
        return True
    official = central_canonical(name, None)  # written as its official name (中国科学技术协会)
    return bool(official and official[0] == name)


def place_in(name: str, hint: str = "") -> Region | None:
    """The region a title or a body's name starts with, a leading year allowed (2022年上海市…).

    >>> place_in("2024年度泸州市知识产权工作要点").full_name
    '泸州市'
    """
    name = _YEAR_LEAD.sub("", to_simplified(re.sub(r"\s+", "", name)))
    if name.startswith(("全区", "全省", "全市", "全县", "全国", "各")):
        return None
    return find_region(name, hint)


def docnumber_place(number: str | None, hint: str = "") -> tuple[bool, list[Region]]:
    """What a 文号 says of its issuer: ``(national, places that fit)``.

    >>> national, places = docnumber_place("大足府发〔2025〕12号")
    >>> national, [r.full_name for r in places]
    (False, ['重庆市大足区'])
    >>> docnumber_place("国知发运字〔2023〕7号")[0]
    True
    >>> [r.full_name for r in docnumber_place("宁政发〔2020〕3号")[1]]
    ['宁夏回族自治区', '南京市']
    """
    if not number:
        return False, []
    code = to_simplified(re.sub(r"\s+", "", number))
    code = re.split(r"[〔\[【(]", code)[0]
    national, table = _prefix_table()
    if code.startswith(national):
        return True, []
    stem = re.split(r"[政府办委发字函]", code, maxsplit=1)[0]
    places: list[Region] = []
    if len(stem) >= 2:  # a place's own short name: 大足府发, 江阴政发
        by_name = _tables()[1]
        for cand in (stem, stem + "区", stem + "县", stem + "市"):
            places += [r for r in by_name.get(cand, []) if r not in places]
        if len(places) > 1 and hint:
            near = [r for r in places if (r.city and r.city in hint) or (r.province and r.province in hint)]
            places = near or places
        if not places and stem.endswith("州"):  # 博州政发, 湘西州政发: an autonomous prefecture
            places = _prefectures_called(stem[:-1])
        if not places:  # 黔农办发, 沪银保监发: a department's 代字 after its province's 简称
            places = [r for n in table.get(stem[0], []) if (r := region_by_name(n))]
    elif stem:
        places = [r for n in table.get(stem, []) if (r := region_by_name(n))]
    return False, places


@cache
def _prefectures() -> tuple[Region, ...]:
    regions = {id(r): r for rs in _tables()[1].values() for r in rs}.values()
    return tuple(r for r in regions if r.name.endswith("自治州"))


def _prefectures_called(short: str) -> list[Region]:
    """Autonomous prefectures a 文号 names by their usual 代字: the name before its peoples
    (湘西州, 昌吉州), or, for a name of four characters or more, its first (博州 for 博尔塔拉, 克州
    for 克孜勒苏, 巴州 for 巴音郭楞)."""
    out = []
    for r in _prefectures():
        stem = short_name(r.name)
        if stem == short or (len(short) == 1 and len(stem) >= 4 and stem.startswith(short)):
            out.append(r)
    return out


def _addressed(head: str) -> Evidence | None:
    """What the addressee list says: central bodies write to 各省、自治区、直辖市; only 内蒙古
    has 盟."""
    m = re.search(r"各省[、,]\s*自治区[、,]\s*直辖市", head)
    if m:
        return Evidence("addressees", m.group(0), None, national=True)
    m = re.search(r"各盟(行政公署|行署)?|各旗县", head)
    if m:
        return Evidence("addressees", m.group(0), region_by_name("内蒙古自治区"))
    return None


def _bodies_named(text: str) -> Evidence | None:
    """The place whose full name the text writes most often (人行泸州市分行, 泸州市人民政府),
    if it stands out: at least twice, and more often than any other; titles cited in 《》 do
    not count."""
    by_name = _tables()[1]
    counts: Counter[str] = Counter()
    # a cited title names the place of another document (a city plan citing 《山西省人民政府…》)
    text = re.sub(r"《[^《》]*》", "", text)
    for run in re.findall(r"[\u4e00-\u9fff]{2,}", text):
        j = 0
        while j < len(run):
            ends = (run[i : j + 1] for i in range(max(0, j - 8), j - 1))
            name = next((w for w in ends if w in by_name), None)
            if name and run[j] in "省市区县州盟旗":
                counts[name] += 1
            j += 1
    named = [(n, c) for n, c in counts.most_common(3) if len(n) >= 3]
    if not named or named[0][1] < 2 or (len(named) > 1 and named[1][1] == named[0][1]):
        return None
    region = region_by_name(named[0][0]) or find_region(named[0][0], text)
    return Evidence("bodies named", f"{named[0][0]} ×{named[0][1]}", region) if region else None


def _nests(a: Region, b: Region) -> bool:
    """``a`` lies in ``b`` or is ``b``."""
    return a.code == b.code or b.full_name in (a.city, a.province)


def _settle(found: list[Evidence]) -> tuple[Region | None, bool, str]:
    """The most specific region that all local evidence nests in, or the conflict."""
    local = [e for e in found if e.region is not None]
    if not local:
        return None, True, ""
    best = max(local, key=lambda e: {"district": 3, "city": 2, "province": 1}.get(e.region.level, 0))
    clash = [e for e in local if not (_nests(best.region, e.region) or _nests(e.region, best.region))]
    if clash:
        return None, False, "evidence conflicts: " + "; ".join(str(e) for e in (best, *clash))
    return best.region, False, ""


def find_place(
    *,
    title: str = "",
    signed: Sequence[str] = (),
    heading_issuer: str = "",
    byline: str = "",
    issuer_field: str = "",
    doc_number: str | None = None,
    head: str = "",
    body: str = "",
) -> Place:
    """The plan's place from its parts (all in simplified script; ``head`` is the text before
    the plan's first numbered part, ``body`` the whole text, used for its bodies' places)."""
    hint = head or body
    own: list[Evidence] = []
    for source, words in (
        ("title", title),
        *(("signature", s) for s in signed),
        ("notice heading", heading_issuer),
        ("byline", byline),
        ("issuer field", issuer_field),
    ):
        if not words:
            continue
        region = place_in(words, hint)
        if region is not None:
            own.append(Evidence(source, words, region))
        elif is_national_body(_YEAR_LEAD.sub("", words)):
            own.append(Evidence(source, words, None, national=True))
    if own:
        region, national, problem = _settle(own)
        if problem and own[0].source == "title" and own[0].region is not None:
            # the title names the place the plan is for; a co-signer elsewhere does not move it
            return Place(own[0].region, False, own, "")
        return Place(region, national, own, problem)
    national, places = docnumber_place(doc_number, hint)
    if national:
        return Place(None, True, [Evidence("文号", doc_number or "", None, national=True)])
    if len(places) == 1:
        return Place(places[0], False, [Evidence("文号", doc_number or "", places[0])])
    addressed = _addressed(head)
    if addressed is not None:
        return Place(addressed.region, addressed.national, [addressed])
    named = _bodies_named(to_simplified(body or head))
    if named is not None:
        return Place(named.region, False, [named])
    return Place(None, False, [], "no place named in the title, signature, 文号, addressees or bodies")


def short_forms(region: Region) -> tuple[str, ...]:
    """How the plan may write its own place (for callers that look for it in names)."""
    return tuple(dict.fromkeys((region.full_name, region.name, short_name(region.name))))


def user_place(name: str) -> Place:
    """The place a user set for a file (``--region FILE=泸州市``): national, or a known region.

    >>> user_place("泸州市").region.province, user_place("中华人民共和国").national
    ('四川省', True)
    """
    name = to_simplified(name.strip())
    if name in ("中华人民共和国", "全国", "national"):
        return Place(None, True, [Evidence("set by the user", name, None, national=True)])
    region = region_by_name(name) or find_region(name)
    if region is None or region.full_name not in (name, region.full_name) or len(name) < 2:
        raise ValueError(f"{name!r} is no known region (give its full name, e.g. 泸州市 or 福州市仓山区)")
    return Place(region, False, [Evidence("set by the user", name, region)])
