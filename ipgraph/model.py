"""The typed reading of one plan: what a loader's text means, before it becomes RDF.

Every fact carries a :class:`Span` into :attr:`PlanReading.text` (the decoded document
text, in the document's own script), so the graph can say where each fact came from.
:meth:`PlanReading.to_json` gives the shape of ``shared/gold/schema.json``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from .fetch import Fetched

Role = Literal["lead", "support"]
Level = Literal["national", "province", "city", "district"]


@dataclass(frozen=True, slots=True)
class Span:
    """Half-open character range ``[start, end)`` into the document text."""

    start: int
    end: int

    def of(self, text: str) -> str:
        return text[self.start : self.end]


@dataclass(slots=True)
class Responsibility:
    mention: str  # the unit as written (a shared suffix added, see GUIDE.md)
    role: Role
    canonical: list[str]  # official full name first, then other accepted names
    span: Span  # where the unit is written
    clause: Span  # the whole responsibility clause it belongs to
    scoped: bool = False  # a local body of a plan whose place is unknown: known only within the plan


@dataclass(slots=True)
class Measure:
    path: str
    label: str
    span: Span  # the whole numbered item, marker to last line
    responsible: list[Responsibility] = field(default_factory=list)
    deadline: str | None = None  # ISO date, or "ongoing"
    mentions: list[tuple[str, Span]] = field(default_factory=list)
    part: str = ""  # heading of the top-level part it sits in (工作任务, 保障措施 …)


@dataclass(slots=True)
class Goal:
    path: str
    label: str
    span: Span


@dataclass(slots=True)
class Phase:
    path: str
    label: str
    start: str | None  # YYYY-MM
    end: str | None
    span: Span


@dataclass(slots=True)
class Target:
    path: str  # provision path, or "table" for the indicator table
    metric: str
    value: float
    unit: str | None
    baseline: float | None
    baseline_year: int | None
    year: int | None
    comparator: str
    kind: str | None  # "cumulative", "annual" or None
    span: Span  # the number with its unit (or the table row)


@dataclass(slots=True)
class PlanMeta:
    title: str
    region: str
    province: str | None
    admin_level: Level
    doc_number: str | None
    issuers: list[str]
    issue_date: str | None
    period: list[int] | None
    references: list[str]
    # how the place was found (one line per piece of evidence), and why it is unresolved ("" if it is)
    place_evidence: list[str] = field(default_factory=list)
    place_problem: str = ""


@dataclass(frozen=True, slots=True)
class SourceFile:
    """A file that holds the plan besides the one whose text was read (a mirror, another format)."""

    name: str
    path: str
    sha256: str
    url: str | None = None  # where it was fetched from, for a web address
    retrieved: str | None = None  # when (ISO 8601, UTC)


@dataclass(slots=True)
class PlanReading:
    source: str  # file name
    source_path: str
    sha256: str  # of the file's bytes: identity of the plan version
    text: str  # decoded document text that every span points into
    meta: PlanMeta
    measures: list[Measure] = field(default_factory=list)
    goals: list[Goal] = field(default_factory=list)
    phases: list[Phase] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    url: str | None = None  # the web address the file was fetched from (``ipgraph build URL``)
    retrieved: str | None = None  # when it was fetched (ISO 8601, UTC)
    also: list[SourceFile] = field(default_factory=list)  # other files holding the same plan
    warnings: list[str] = field(default_factory=list)  # what the reader is unsure of or could not read

    @property
    def place_resolved(self) -> bool:
        return not self.meta.place_problem

    def to_json(self) -> dict[str, Any]:
        """The reading in the shape of ``shared/gold/schema.json``."""
        m = self.meta
        return {
            "source": self.source,
            "plan": {
                "title": m.title,
                "region": m.region,
                "province": m.province,
                "admin_level": m.admin_level,
                "doc_number": m.doc_number,
                "issuers": list(m.issuers),
                "issue_date": m.issue_date,
                "period": list(m.period) if m.period else None,
                "references": list(m.references),
            },
            "measures": [
                {
                    "path": x.path,
                    "label": x.label,
                    "responsible": [
                        {"mention": r.mention, "role": r.role, "canonical": list(r.canonical)}
                        for r in x.responsible
                    ],
                    "deadline": x.deadline,
                    "mentions": [name for name, _ in x.mentions],
                }
                for x in self.measures
            ],
            "goals": [{"path": g.path, "label": g.label} for g in self.goals],
            "phases": [
                {"path": p.path, "label": p.label, "start": p.start, "end": p.end} for p in self.phases
            ],
            "targets": [
                {
                    "path": t.path,
                    "metric": t.metric,
                    "value": int(t.value) if float(t.value).is_integer() else t.value,
                    "unit": t.unit,
                    "baseline": t.baseline,
                    "baseline_year": t.baseline_year,
                    "year": t.year,
                    "comparator": t.comparator,
                    "kind": t.kind,
                }
                for t in self.targets
            ],
            "notes": {
                "place_evidence": list(m.place_evidence),
                "place_problem": m.place_problem or None,
                "warnings": list(self.warnings),
            },
        }


@dataclass(frozen=True, slots=True)
class Failure:
    """A file that could not be read, with the reason: a value, so that a batch goes on."""

    path: Path | Fetched | str  # a file, a fetched web address, or one that could not be fetched
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"
