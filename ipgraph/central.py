"""China's central bodies as national IP plans name them, 2013–2025.

National plans assign a measure to ``知识产权局、工商总局、新闻出版广电总局(版权局)``: short
forms of central bodies, each named as it was in the plan's year. This module reads the
table ``ontology/central_bodies.toml`` (official names, English names, kinds, short forms,
years in force, reforms, signs) and turns such a mention into canonical names.

>>> canonical("新闻出版广电总局(版权局)", 2017)
['国家新闻出版广电总局', '国家版权局', '新闻出版广电总局']
>>> canonical("市场监管总局", 2019)
['国家市场监督管理总局', '市场监管总局']
>>> canonical("市知识产权局", 2019) is None  # a local body is no central body
True

Bare short forms (统计局, 知识产权局, 邮政局) are what national plans write; in a local plan the
same words name the local body, so ask only about the mentions of national plans or names
that are central in themselves (国家知识产权局). Anything else (市知识产权局, 北京市统计局,
国家知识产权局商标局) is None: departments and local offices of central bodies are not listed.

Rules for the year (``year`` is the plan's year; ``None`` means today):

- A short form that several names took over time (``中央网信办`` was the office of a 领导小组
  until 2018, of a 委员会 since) reads as the name in force in the plan's year.
- In a reform year (2013, 2018, 2023: the reforms came in March, most plans of those years
  after) the new name wins over the old one.
- A mention whose name was not in force in the plan's year keeps the name it has: a 2019 plan
  writing ``工商总局`` (a leftover, or a measure copied from an older plan) still means
  国家工商行政管理总局; the reader does not guess which successor was meant.
  :func:`successors` gives the bodies that carried on its work.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from typing import Any

from .resources import ontology_file

__all__ = [
    "CentralBody",
    "canonical",
    "central_body",
    "kinds",
    "parse_table",
    "predecessors",
    "successors",
]

DATA_FILE = "central_bodies.toml"
_PARENS = str.maketrans({"（": "(", "）": ")"})
_FIELDS = {
    "name",
    "english",
    "kind",
    "from",
    "to",
    "short",
    "predecessors",
    "successors",
    "managed_by",
    "sign_of",
    "periods",
    "note",
}
_PERIOD_FIELDS = {"from", "to", "kind", "english", "managed_by", "sign_of"}
# a parenthesis that names the body's role in the measure, not another name of the body
_ROLE = re.compile(r"(牵头|负责|配合|参与|分别负责|按职责分工负责|排名第一|列第一位)(单位)?")


@dataclass(frozen=True, slots=True)
class CentralBody:
    """One central body under one official name, as it stood in a given year.

    ``from_year``/``to_year`` are the years the name was in force (``None``: before 2008 /
    still in force); ``managed_by`` is the department running a national bureau; ``sign_of``
    the body whose sign (牌子) this name is; ``signs`` the signs this body carried that year.
    """

    name: str
    english: str
    kind: str
    accepted: tuple[str, ...]
    from_year: int | None
    to_year: int | None
    managed_by: str | None = None
    sign_of: str | None = None
    signs: tuple[str, ...] = ()
    predecessors: tuple[str, ...] = ()
    successors: tuple[str, ...] = ()


@cache
def _table() -> dict[str, Any]:
    """The packaged data file, parsed and checked once."""
    return parse_table(ontology_file(DATA_FILE).read_text(encoding="utf-8"))


def parse_table(text: str) -> dict[str, Any]:
    """Parse and check the text of ``central_bodies.toml``; a broken table fails naming the file.

    Checked: each body has a name, English name and a kind listed in ``[kinds]``; no name is
    listed twice; every name a body refers to has its own entry; no short form names two bodies
    at the same time.

    Returns
    -------
    dict
        ``kinds`` (kind → description), ``bodies`` (name → entry), ``index`` (written form →
        names of the bodies it has stood for).

    Raises
    ------
    ValueError
        Naming the file, the body and the problem.

    Examples
    --------
    >>> parse_table('[kinds]\\nsign = "牌子"\\n[[body]]\\nname = "国家版权局"\\nkind = "sign"')
    Traceback (most recent call last):
    ...
    ValueError: central_bodies.toml: body #1 (国家版权局): needs name, english and kind
    """
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise ValueError(f"{DATA_FILE}: not valid TOML: {e}") from e
    kinds_ = data.get("kinds", {})
    bodies: dict[str, dict[str, Any]] = {}
    for i, b in enumerate(data.get("body", []), 1):
        where = f"{DATA_FILE}: body #{i} ({b.get('name', '?')})"
        if not b.get("name") or not b.get("english") or not b.get("kind"):
            raise ValueError(f"{where}: needs name, english and kind")
        if set(b) - _FIELDS:
            raise ValueError(f"{where}: unknown fields {sorted(set(b) - _FIELDS)}")
        for p in b.get("periods", []):
            if set(p) - _PERIOD_FIELDS:
                raise ValueError(f"{where}: unknown period fields {sorted(set(p) - _PERIOD_FIELDS)}")
        for k in [b["kind"], *(p["kind"] for p in b.get("periods", []) if "kind" in p)]:
            if k not in kinds_:
                raise ValueError(f"{where}: kind {k!r} is not listed in [kinds]")
        if b["name"] in bodies:
            raise ValueError(f"{where}: listed twice")
        bodies[b["name"]] = b
    for b in bodies.values():
        refs = [*b.get("predecessors", []), *b.get("successors", []), b.get("managed_by"), b.get("sign_of")]
        refs += [p.get(f) for p in b.get("periods", []) for f in ("managed_by", "sign_of")]
        for r in refs:
            if r and r not in bodies:
                raise ValueError(f"{DATA_FILE}: {b['name']} refers to {r!r}, which has no entry")
    index: dict[str, list[str]] = {}
    for b in bodies.values():
        for key in dict.fromkeys([b["name"], *b.get("short", [])]):
            index.setdefault(key, []).append(b["name"])
    for key, names in index.items():
        for i, a in enumerate(names):
            for other in names[i + 1 :]:
                if _overlap(bodies[a], bodies[other]):
                    raise ValueError(f"{DATA_FILE}: {key!r} names both {a} and {other} at the same time")
    return {"kinds": kinds_, "bodies": bodies, "index": index}


def _overlap(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Two names in force over a common span (meeting in a reform year is a hand-over)."""
    lo = max(a.get("from", -1), b.get("from", -1))
    hi = min(a.get("to", 10**4), b.get("to", 10**4))
    return lo < hi


def kinds() -> dict[str, str]:
    """The kinds of central body, each with its Chinese description.

    >>> kinds()["national-bureau"]
    '部委管理的国家局'
    """
    return dict(_table()["kinds"])


def _normal(written: str) -> str:
    return re.sub(r"\s+", "", written).translate(_PARENS)


def _forms(written: str) -> list[str]:
    """The keys a mention may be listed under: as written, then without or with its prefix."""
    forms = [written]
    if written.startswith("中华人民共和国") and len(written) > 7:
        written = written[7:]
        forms.append(written)
    if written.startswith("中共中央"):
        forms.append("中央" + written[4:])
    elif written.startswith("中央"):
        forms.append("中共" + written)
    if written.startswith("国家") and len(written) > 3:
        forms.append(written[2:])
    elif not written.startswith(("中共", "中央", "中国", "中华", "全国", "国务院", "最高")):
        forms.append("国家" + written)
    return forms


def _distance(b: dict[str, Any], year: int) -> tuple[int, int]:
    """How far `year` is from the name's years; 0 when in force (old names lose a reform year)."""
    start, end = b.get("from"), b.get("to")
    if (start is None or start <= year) and (end is None or year < end):
        return (0, 0)
    if end is not None and year >= end:
        return (1, year - end)  # the name had gone (or went that very year)
    return (2, start - year)  # the name was not yet in force: a misdated plan


def _lookup(written: str, year: int | None) -> dict[str, Any] | None:
    t = _table()
    for form in _forms(written):
        names = t["index"].get(form)
        if names:
            cands = [t["bodies"][n] for n in names]
            if year is None:
                return max(cands, key=lambda b: (b.get("to", 10**4), b.get("from", -1)))
            return min(cands, key=lambda b: (_distance(b, year), -b.get("from", -1)))
    return None


def _state(b: dict[str, Any], year: int | None) -> dict[str, Any]:
    """The body's attributes in `year` (clamped to the name's own years): periods override."""
    start, end = b.get("from"), b.get("to")
    if year is None:
        year = end if end is not None else 10**4
    if end is not None:
        year = min(year, end - 1 if start is None or end - 1 >= start else end)
    if start is not None:
        year = max(year, start)
    state = {f: b.get(f) for f in ("kind", "english", "managed_by", "sign_of")}
    for p in b.get("periods", []):
        if p.get("from", -1) <= year < p.get("to", 10**4):
            state.update({k: v for k, v in p.items() if k in state})
    return {k: (v or None) for k, v in state.items()}


def central_body(written: str, year: int | None = None) -> CentralBody | None:
    """The central body a plan of `year` means by `written`, or None if it names none.

    Parameters
    ----------
    written : str
        The name as the plan writes it: official or short, with or without 国家 /
        中华人民共和国 / 中共 prefix; no parenthesis (see :func:`canonical`).
    year : int or None
        The plan's year; None for today.

    Returns
    -------
    CentralBody or None
        The body with its official name, English name, kind and relations in that year.

    Examples
    --------
    >>> b = central_body("知识产权局", 2019)
    >>> b.name, b.kind, b.managed_by
    ('国家知识产权局', 'national-bureau', '国家市场监督管理总局')
    >>> b.english
    'China National Intellectual Property Administration'
    >>> central_body("知识产权局", 2016).english
    'State Intellectual Property Office'
    >>> central_body("版权局", 2020).sign_of
    '中共中央宣传部'
    >>> central_body("工商总局", 2019).to_year  # a leftover keeps its name
    2018
    """
    b = _lookup(_normal(written), year)
    if b is None:
        return None
    state = _state(b, year)
    t = _table()
    signs = tuple(
        n for n, o in t["bodies"].items() if _in_force(o, year) and _state(o, year)["sign_of"] == b["name"]
    )
    return CentralBody(
        name=b["name"],
        english=state["english"],
        kind=state["kind"],
        accepted=tuple(dict.fromkeys([b["name"], *b.get("short", [])])),
        from_year=b.get("from"),
        to_year=b.get("to"),
        managed_by=state["managed_by"],
        sign_of=state["sign_of"],
        signs=signs,
        predecessors=tuple(b.get("predecessors", [])),
        successors=tuple(b.get("successors", [])),
    )


def _in_force(b: dict[str, Any], year: int | None) -> bool:
    if year is None:
        return b.get("to") is None
    return _distance(b, year) == (0, 0)


def canonical(written: str, year: int | None = None) -> list[str] | None:
    """Canonical names of a central body as a plan of `year` writes it, or None.

    The official name in force (see the module's rules for the year) comes first; then, for a
    renaming parenthesis (``新闻出版广电总局(版权局)``: one body under two names), the official
    name of its body; then the mention as written, when it differs. A parenthesis naming the
    role (``(牵头)``) is not a name and is left out. None when the mention (or either part of
    it) is not a central body, e.g. a local ``市知识产权局``.

    Parameters
    ----------
    written : str
        The mention as the plan writes it (simplified script; full- or half-width brackets).
    year : int or None
        The plan's year; None for today.

    Returns
    -------
    list of str or None

    Examples
    --------
    >>> canonical("知识产权局", 2017)
    ['国家知识产权局', '知识产权局']
    >>> canonical("中央网信办", 2016)[0], canonical("中央网信办", 2019)[0]
    ('中央网络安全和信息化领导小组办公室', '中央网络安全和信息化委员会办公室')
    >>> canonical("国家知识产权局", 2023)
    ['国家知识产权局']
    >>> canonical("北京市知识产权局", 2023) is None
    True
    """
    text = _normal(written)
    m = re.fullmatch(r"([^()]+)\(([^()]+)\)", text)
    main, alias = (m.group(1), m.group(2)) if m else (text, None)
    body = _lookup(main, year)
    if body is None:
        return None
    names = [body["name"]]
    if alias is not None and not _ROLE.fullmatch(alias):
        for part in alias.split("、"):  # 工业和信息化部(国家航天局、国家原子能机构)
            other = _lookup(part, year)
            if other is None:
                return None  # 知识产权局(专利局): not a body under two names we know
            names.append(other["name"])
    names.append(main)
    return list(dict.fromkeys(names))


def successors(name: str, year: int | None = None) -> list[str] | None:
    """The bodies that carried on `name`'s work after a reform; None if it is no central body.

    Without `year`, the direct successors. With `year`, later reforms are followed on to the
    bodies in force in that year (国家食品药品监督管理局 → 2013 总局 → 2018 市场监管总局 and
    药监局). A body still in force in `year` has none.

    Examples
    --------
    >>> successors("工商总局")
    ['国家市场监督管理总局']
    >>> successors("食品药品监管局", 2020)
    ['国家市场监督管理总局', '国家药品监督管理局']
    >>> successors("银监会", 2024)
    ['国家金融监督管理总局']
    >>> successors("知识产权局", 2024)
    []
    """
    return _follow(name, year, "successors")


def predecessors(name: str, year: int | None = None) -> list[str] | None:
    """The bodies `name` took over at its creation; None if it is no central body.

    With `year`, earlier reforms are followed back to the bodies in force in that year.

    Examples
    --------
    >>> predecessors("市场监管总局")
    ['国家工商行政管理总局', '国家质量监督检验检疫总局', '国家食品药品监督管理总局']
    >>> predecessors("国家金融监督管理总局", 2017)
    ['中国银行业监督管理委员会', '中国保险监督管理委员会']
    """
    return _follow(name, year, "predecessors")


def _follow(name: str, year: int | None, field: str) -> list[str] | None:
    b = _lookup(_normal(name), year)
    if b is None:
        return None
    bodies = _table()["bodies"]
    if year is not None and _in_force(b, year):
        return []
    out: list[str] = []
    todo = list(b.get(field, []))
    seen = {b["name"]}
    while todo:
        n = todo.pop(0)
        if n in seen:
            continue
        seen.add(n)
        nxt = bodies[n].get(field, [])
        if year is None or _in_force(bodies[n], year) or not nxt:
            out.append(n)
        else:
            todo.extend(nxt)
    return out
