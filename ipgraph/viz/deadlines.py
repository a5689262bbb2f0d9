"""The timeline view: each agency's deadlines across plans, and what is overdue at a date.

The rows come from one query, ``assets/timeline.rq``, written like the pack's (header,
``?param_…`` variables bound as values, never pasted), so the same rows could come from any
store that answers it. One row is one mark: an agency named on a measure with a deadline (a
measure with no unit named is a mark of its own, on a lane "no unit named" of its plan's
place). Lanes are agencies by IRI, grouped by the place they serve: 市场监管局 of one city is
never the lane of a body of the same name elsewhere. Whether a mark is overdue is the query's
answer (``ipg:deadline`` before ``as_of``); the page only draws it.

The page draws on a canvas and paints only the lanes in sight, so 1,000 plans stay readable
(``bench/VIZ_RESULTS.md``); document text reaches it only as JSON in a
``<script type="application/json">`` and the DOM through ``textContent``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from ..atomic import atomic_write
from ..querypack import QueryError, QuerySpec, parse_query, select
from .data import as_store
from .render import asset, fill_page, script_json

QUERY_FILE = "timeline.rq"
NO_AGENCY = ("（未写明责任单位）", "(no unit named)")
ROLES = ("lead", "support")
"""Role codes drawn apart (filled, ring); any other role, or none, is drawn as a square."""

_EPOCH = date(1970, 1, 1)


class TimelineError(ValueError):
    """The timeline cannot be drawn as asked (a date that is not one, a city with no plan)."""


@dataclass(frozen=True, slots=True)
class Mark:
    """One row of the query: an agency's part in a measure that is due on ``deadline``."""

    place_key: str
    place: str
    agency_key: str
    agency: str
    role: str
    deadline: str
    overdue: bool
    measure_key: str
    measure_path: str
    measure_label: str
    measure_text: str
    plan_key: str
    plan: str
    plan_city: str
    source: str
    span_start: int | None = None
    span_end: int | None = None

    @property
    def lane_key(self) -> str:
        """The agency's IRI; for a measure with no unit named, its place's own "none" lane."""
        return self.agency_key or f"none|{self.place_key}"


@dataclass(slots=True)
class Lane:
    """One agency (of one place): the row its marks are drawn on."""

    key: str
    place_key: str
    place: str
    agency: str
    marks: list[int] = field(default_factory=list)


@dataclass(slots=True)
class Timeline:
    """What the page draws: marks in the query's order, lanes grouped by place."""

    as_of: str
    lang: str
    city: str | None
    marks: list[Mark]
    lanes: list[Lane]

    @property
    def overdue(self) -> int:
        """How many marks are overdue at ``as_of``."""
        return sum(m.overdue for m in self.marks)

    def title(self) -> tuple[str, str]:
        where_zh, where_en = (f"·{self.city}", f", {self.city}") if self.city else ("", "")
        return (
            f"各单位完成时限(截至 {self.as_of}{where_zh})",
            f"Deadlines by agency (as of {self.as_of}{where_en})",
        )


def timeline_query() -> QuerySpec:
    """The view's query, read like one of the pack's (header: parameters and columns)."""
    text = asset(QUERY_FILE)
    return parse_query(text, "timeline")


def check_date(value: str | date | None) -> str:
    """``value`` as ``YYYY-MM-DD`` (today when None); :class:`TimelineError` if it is no date.

    >>> check_date("2025-06-30"), check_date(date(2024, 1, 2))
    ('2025-06-30', '2024-01-02')
    """
    if value is None:
        return date.today().isoformat()
    if isinstance(value, date):  # a datetime too: its day
        return date(value.year, value.month, value.day).isoformat()
    try:
        return date.fromisoformat(str(value).strip()).isoformat()
    except ValueError as e:
        raise TimelineError(f"as-of date {value!r} is not a date; write it as YYYY-MM-DD") from e


def read_marks(source: Any, *, city: str | None = None, as_of: str | date | None = None, lang: str = "zh"):
    """The query's rows as :class:`Mark` records (``as_of`` checked, today when None)."""
    day = check_date(as_of)
    spec = timeline_query()
    store = as_store(source)
    try:
        result = select(store, spec, {"city": city, "as_of": day}, lang)
    except QueryError as e:
        raise TimelineError(str(e)) from e
    names = list(result.columns)
    out = []
    for row in result.rows:
        v = dict(zip(names, row, strict=True))
        if not isinstance(v["overdue"], bool):  # never guess: an engine that cannot compare says so
            raise TimelineError(
                f"the store gave no overdue answer for {v['measure_key']} ({v['deadline']!r})"
            )
        out.append(
            Mark(
                **{k: ("" if v[k] is None else str(v[k])) for k in _TEXT_COLUMNS},
                overdue=bool(v["overdue"]),
                span_start=v["span_start"],
                span_end=v["span_end"],
            )
        )
    return day, out


_TEXT_COLUMNS = (
    "place_key",
    "place",
    "agency_key",
    "agency",
    "role",
    "deadline",
    "measure_key",
    "measure_path",
    "measure_label",
    "measure_text",
    "plan_key",
    "plan",
    "plan_city",
    "source",
)


def lanes_of(marks: list[Mark], lang: str = "zh") -> list[Lane]:
    """One lane per agency (by IRI), grouped by place; "no unit named" last in its place."""
    lanes: dict[str, Lane] = {}
    none_label = NO_AGENCY[1] if lang == "en" else NO_AGENCY[0]
    for i, m in enumerate(marks):
        lane = lanes.get(m.lane_key)
        if lane is None:
            lane = lanes[m.lane_key] = Lane(m.lane_key, m.place_key, m.place, m.agency or none_label)
        lane.marks.append(i)
    return sorted(
        lanes.values(), key=lambda ln: (ln.place, ln.place_key, ln.key.startswith("none|"), ln.agency, ln.key)
    )


def build_timeline(
    source: Any, *, city: str | None = None, as_of: str | date | None = None, lang: str = "zh"
) -> Timeline:
    """Read the rows and arrange them in lanes (no HTML)."""
    day, marks = read_marks(source, city=city, as_of=as_of, lang=lang)
    if city and not marks:
        from ..querypack import city_known

        if not city_known(as_store(source), city):
            raise TimelineError(f"no plan for city {city!r}")
    return Timeline(day, lang, city, marks, lanes_of(marks, lang))


def _day(iso: str) -> int | None:
    try:
        return (date.fromisoformat(iso[:10]) - _EPOCH).days
    except ValueError:
        return None


def payload(tl: Timeline) -> dict:
    """What the page script draws, with every text once (measures, plans, places in tables)."""
    places: dict[str, int] = {}
    plans: dict[str, int] = {}
    measures: dict[str, int] = {}
    place_rows, plan_rows, measure_rows = [], [], []
    for m in tl.marks:
        if m.place_key not in places:
            places[m.place_key] = len(place_rows)
            place_rows.append(m.place)
        if m.plan_key not in plans:
            plans[m.plan_key] = len(plan_rows)
            plan_rows.append([m.plan, m.plan_city])
        if m.measure_key not in measures:
            measures[m.measure_key] = len(measure_rows)
            measure_rows.append(
                [
                    m.measure_path,
                    m.measure_label,
                    m.measure_text,
                    plans[m.plan_key],
                    m.source,
                    m.span_start,
                    m.span_end,
                    m.deadline,
                ]
            )
    lane_of = {i: n for n, ln in enumerate(tl.lanes) for i in ln.marks}
    marks = [
        [
            lane_of[i],
            measures[m.measure_key],
            ROLES.index(m.role) if m.role in ROLES else 2,
            _day(m.deadline),
            int(m.overdue),
        ]
        for i, m in enumerate(tl.marks)
    ]
    return {
        "view": "timeline",
        "lang": "en" if tl.lang == "en" else "zh",
        "title": list(tl.title()),
        "asOf": tl.as_of,
        "asOfDay": _day(tl.as_of),
        "places": place_rows,
        "plans": plan_rows,
        "measures": measure_rows,
        "lanes": [[ln.agency, places[ln.place_key], int(ln.key.startswith("none|"))] for ln in tl.lanes],
        "marks": marks,
        "overdue": tl.overdue,
    }


def to_html(tl: Timeline, *, csp: bool = True) -> str:
    """The page for ``tl`` as one self-contained string (no request to any host)."""
    return fill_page(
        "timeline.html",
        lang=tl.lang,
        title=" — ".join(tl.title()),
        csp=csp,
        CSS=asset("timeline.css"),
        DATA=script_json(payload(tl)),
        JS=asset("timeline.js"),
    )


def write_timeline(tl: Timeline, path: Path | str, *, csp: bool = True) -> Path:
    """Write ``tl`` as one HTML file (UTF-8), replaced whole; returns its path."""
    path = Path(path)
    atomic_write(path, to_html(tl, csp=csp))
    return path
