"""The shipped table of China's administrative divisions (ipgraph.divisions)."""

from __future__ import annotations

from collections import Counter

import pytest

from ipgraph import divisions as dv


def _by_name(name: str) -> list[dv.Division]:
    return [d for d in dv.divisions() if d.name == name]


@pytest.mark.parametrize(
    ("name", "city", "since"),
    [
        ("光明区", "深圳市", 2018),
        ("坪山区", "深圳市", 2016),
        ("钱塘区", "杭州市", 2021),
        ("临平区", "杭州市", 2021),
        ("莱芜区", "济南市", 2018),
        ("鄠邑区", "西安市", 2016),
    ],
)
def test_new_districts_are_under_their_city(name, city, since):
    names = dict(dv.rows())
    (d,) = _by_name(name)
    assert d.level == "district" and d.valid_to is None and d.valid_from == since
    assert names[d.parent_code + "000000"] == city
    assert (d.code + "000000", name) in dv.rows(as_of=2024)
    assert (d.code + "000000", name) not in dv.rows(as_of=since - 1)


def test_laiwu_city_is_kept_as_abolished():
    # The State Council abolished 莱芜市 in January 2019; the ministry's table for 2018 already
    # leaves it out, and the table's years are those of the code tables.
    (city,) = _by_name("莱芜市")
    assert (city.code, city.level, city.parent_code, city.valid_to) == ("371200", "city", "370000", 2018)
    assert ("371200000000", "莱芜市") in dv.rows()
    assert ("371200000000", "莱芜市") in dv.rows(as_of=2017)
    assert "371200000000" not in dict(dv.rows(as_of=2019))
    kinds = {(c.kind, c.from_name, c.to_name) for c in dv.changes() if c.date == 2018}
    assert ("abolished", "莱芜市", "") in kinds and ("created", "", "莱芜区") in kinds


def test_counties_made_districts_keep_their_old_row():
    (old,) = _by_name("户县")
    assert (old.code, old.valid_to) == ("610125", 2016)
    renamed = [c for c in dv.changes() if c.kind == "renamed" and c.from_name == "章丘市"]
    assert [(c.date, c.from_code, c.to_code, c.to_name) for c in renamed] == [
        (2016, "370181", "370114", "章丘区")
    ]


def test_counts_by_level_are_plausible():
    now = Counter(d.level for d in dv.divisions() if d.valid_to is None)
    assert now["province"] == 34  # with 台湾, 香港, 澳门
    assert now["city"] == 333  # the ministry's count of prefecture-level divisions, 2019 on
    assert 2_840 <= now["district"] <= 2_850  # county level: 2,846 at the end of 2024
    assert len(dv.rows(as_of=2024)) == 34 + 333 + 2_846
    assert len(dv.rows()) > len(dv.rows(as_of=2024)) + 250  # the abolished ones since 2013


def test_every_parent_exists_and_is_one_level_up():
    table = dv.divisions()
    by_code = {d.code: d for d in table}
    for d in table:
        if d.level == "province":
            assert d.parent_code == ""
            continue
        parent = by_code[d.parent_code]
        assert parent.level in (("province",) if d.level == "city" else ("province", "city"))
        assert d.code[:2] == parent.code[:2]


def test_a_parent_is_in_force_whenever_its_child_is():
    by_code: dict[str, list[dv.Division]] = {}
    for d in dv.divisions():
        by_code.setdefault(d.code, []).append(d)
    for year in range(dv.FIRST_YEAR, 2026):
        for d in dv.divisions():
            if d.parent_code and d.in_force(year):
                assert any(p.in_force(year) for p in by_code[d.parent_code]), (d, year)


def test_codes_are_six_digits_and_rows_twelve():
    assert all(len(d.code) == 6 and d.code.isdigit() for d in dv.divisions())
    assert all(len(code) == 12 and code.endswith("000000") for code, _ in dv.rows())
    placeholders = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}
    assert not placeholders & {name for _, name in dv.rows()}


def test_rows_refuses_years_before_the_table():
    with pytest.raises(ValueError, match="starts in 2013"):
        dv.rows(as_of=2010)


def test_changes_are_dated_and_say_where_they_come_from():
    kinds = {"created", "abolished", "renamed", "reparented", "recoded"}
    for c in dv.changes():
        assert c.kind in kinds and dv.FIRST_YEAR < c.date <= 2025 and c.source.startswith("inferred:")
        assert c.from_code or c.to_code


def test_rows_put_divisions_in_force_first():
    now = {code for code, _ in dv.rows(as_of=2025)}
    flags = [code in now for code, _ in dv.rows()]
    assert flags == sorted(flags, reverse=True) and flags.count(True) == len(now)
