"""China's administrative divisions since 2013, dated, as shipped data.

The table is ``ontology/divisions.csv`` (6-digit codes of the Ministry of Civil Affairs;
``ontology/divisions.md`` says where it comes from and how ``devtools/make_divisions.py``
makes it). Each row is one division under one code, name and parent, with the years it
was in force: ``valid_from`` is the year of the yearly code table it first shows in (empty:
in force in 2013 already), ``valid_to`` the year of the first table it is missing from
(empty: in force now). Divisions abolished since 2013 stay, because plans of those years
name them (莱芜市, 户县 …).

>>> ("370116000000", "莱芜区") in rows()
True
>>> ("371200000000", "莱芜市") in rows(), ("371200000000", "莱芜市") in rows(as_of=2020)
(True, False)
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from functools import cache

from .resources import read_ontology_text

__all__ = ["FIRST_YEAR", "Change", "Division", "changes", "divisions", "rows"]

FIRST_YEAR = 2013  # the earliest year the table answers for


@dataclass(frozen=True, slots=True)
class Division:
    """One division under one code, name and parent, and the years it was in force."""

    code: str  # 6 digits: 2 province, 2 prefecture, 2 county
    name: str
    level: str  # "province" | "city" (prefecture level) | "district" (county level)
    parent_code: str  # "" for a province
    valid_from: int | None  # None: in force in FIRST_YEAR already
    valid_to: int | None  # None: in force now

    def in_force(self, year: int) -> bool:
        """Whether the division is in the code table of ``year``.

        >>> d = Division("371200", "莱芜市", "city", "370000", None, 2018)
        >>> d.in_force(2017), d.in_force(2018)
        (True, False)
        """
        return (self.valid_from is None or self.valid_from <= year) and (
            self.valid_to is None or year < self.valid_to
        )


@dataclass(frozen=True, slots=True)
class Change:
    """A change between two consecutive yearly tables (``ontology/division_changes.csv``).

    ``kind`` is created, abolished, renamed (a new name, same or new code, same parent),
    reparented (same name under another parent, so a new code) or recoded (same name and
    parent, new code); ``source`` says which two tables were compared.
    """

    date: int  # the year of the table the change first shows in
    kind: str
    from_code: str
    from_name: str
    to_code: str
    to_name: str
    source: str


def _year(text: str) -> int | None:
    return int(text) if text else None


def _records(name: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(read_ontology_text(name))))


@cache
def divisions() -> tuple[Division, ...]:
    """Every row of ``ontology/divisions.csv``, in code order.

    Returns
    -------
    tuple of Division
        Current and abolished divisions alike; see :meth:`Division.in_force`.

    Examples
    --------
    >>> [(d.name, d.parent_code, d.valid_from) for d in divisions() if d.code == "440311"]
    [('光明区', '440300', 2018)]
    """
    return tuple(
        Division(
            r["code"], r["name"], r["level"], r["parent_code"], _year(r["valid_from"]), _year(r["valid_to"])
        )
        for r in _records("divisions.csv")
    )


def rows(as_of: int | None = None) -> list[tuple[str, str]]:
    """(12-digit code, name) pairs, the shape of the ``adcodes.csv`` table read before.

    Parameters
    ----------
    as_of : int, optional
        A year: only the divisions in that year's table. None (the default): every
        division in force at any time since 2013, under the newest name its code had.

    Returns
    -------
    list of (str, str)
        Divisions in force first, then abolished ones, each in code order, so that a reader
        taking the first of several divisions of one name (城区, 吐鲁番地区) gets one in force.
        No placeholder rows (市辖区, 县, 省直辖县级行政区划).

    Raises
    ------
    ValueError
        For a year before 2013, which the table cannot answer for.

    Examples
    --------
    >>> dict(rows())["610118000000"], dict(rows())["610125000000"]
    ('鄠邑区', '户县')
    >>> "610125000000" in dict(rows(as_of=2016))
    False
    >>> dict(rows())["130602000000"], dict(rows(as_of=2014))["130602000000"]
    ('竞秀区', '新市区')
    """
    if as_of is not None and as_of < FIRST_YEAR:
        raise ValueError(f"divisions.csv starts in {FIRST_YEAR}; it cannot say what was in force in {as_of}")
    newest: dict[str, Division] = {}
    for d in divisions():
        if as_of is not None and not d.in_force(as_of):
            continue
        seen = newest.get(d.code)
        if seen is None or _later(d, seen):
            newest[d.code] = d
    order = sorted(newest, key=lambda code: (newest[code].valid_to is not None, code))
    return [(code + "000000", newest[code].name) for code in order]


def _later(a: Division, b: Division) -> bool:
    """Whether ``a`` ended after ``b`` (one still in force ends last)."""
    inf = 10_000
    return (a.valid_to or inf) > (b.valid_to or inf)


@cache
def _changes() -> tuple[Change, ...]:
    return tuple(
        Change(
            int(r["date"]), r["kind"], r["from_code"], r["from_name"], r["to_code"], r["to_name"], r["source"]
        )
        for r in _records("division_changes.csv")
    )


def changes() -> list[Change]:
    """The changes since 2013, by year (``ontology/division_changes.csv``).

    Returns
    -------
    list of Change
        Each inferred by comparing two consecutive yearly tables.

    Examples
    --------
    >>> [(c.date, c.kind, c.from_name, c.to_name) for c in changes() if "钢城区" in (c.from_name, c.to_name)]
    [(2018, 'reparented', '钢城区', '钢城区')]
    """
    return list(_changes())
