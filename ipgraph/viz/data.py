"""What the views draw, read from the graph with SPARQL into plain records.

One generic SELECT per class (``?s a ?class ; ?p ?o``, the class bound as a parameter) keeps
the reading independent of which optional properties a graph carries: a graph built before
agency types and themes existed (``docs/graph-shape.md``, issue 3) still draws, with agency
type "other" and no themes.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rdflib import RDF, RDFS, Literal, Namespace, URIRef
from rdflib.namespace import ORG, PROV, SKOS
from rdflib.term import Node

from ..store import GraphStore, open_store

IPG = Namespace("https://w3id.org/ipgraph/ontology#")
ID = Namespace("https://w3id.org/ipgraph/id/")

OTHER_TYPE = "other"

_BY_CLASS = (
    "SELECT ?class ?s ?p ?o WHERE { ?s a ?class ; ?p ?o }"  # bound variables projected: Oxigraph needs that
)

Props = dict[URIRef, list[Node]]


@dataclass(slots=True)
class Label:
    """A bilingual label: Chinese first, English where the graph has one."""

    zh: str
    en: str = ""

    def pick(self, lang: str = "zh") -> str:
        return (self.en or self.zh) if lang == "en" else (self.zh or self.en)


@dataclass(slots=True)
class Concept:
    uri: URIRef
    code: str
    label: Label


@dataclass(slots=True)
class Region:
    uri: URIRef
    label: Label
    kinds: set[str]
    parent: URIRef | None = None


@dataclass(slots=True)
class Plan:
    uri: URIRef
    title: str
    region: URIRef | None
    file_name: str = ""


@dataclass(slots=True)
class Agency:
    uri: URIRef
    label: Label
    type_code: str = OTHER_TYPE
    collective: bool = False
    region: URIRef | None = None


@dataclass(slots=True)
class Statement:
    """A measure, goal or phase: what a plan says at a numbered path."""

    uri: URIRef
    kind: str  # "measure" | "goal" | "phase"
    plan: URIRef
    path: str
    label: str
    text: str
    span_start: int | None = None
    part: str = ""
    deadline: str = ""
    ongoing: bool = False
    start: str = ""
    end: str = ""
    themes: list[str] = field(default_factory=list)
    ip_types: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Responsibility:
    uri: URIRef
    measure: URIRef
    agency: URIRef
    lead: bool
    mention: str
    span_start: int | None = None
    span_end: int | None = None


@dataclass(slots=True)
class Target:
    uri: URIRef
    plan: URIRef
    stated_by: URIRef | None
    metric: str
    value: str = ""
    unit: str = ""
    comparator: str = ""
    due_year: str = ""
    baseline: str = ""
    kind: str = ""
    text: str = ""


@dataclass(slots=True)
class GraphData:
    """Everything the four views need, keyed by IRI."""

    plans: dict[URIRef, Plan] = field(default_factory=dict)
    regions: dict[URIRef, Region] = field(default_factory=dict)
    agencies: dict[URIRef, Agency] = field(default_factory=dict)
    agency_types: dict[str, Concept] = field(default_factory=dict)
    themes: dict[str, Concept] = field(default_factory=dict)
    ip_types: dict[str, Concept] = field(default_factory=dict)
    statements: dict[URIRef, Statement] = field(default_factory=dict)
    responsibilities: list[Responsibility] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)

    def measures(self) -> list[Statement]:
        return [s for s in self.statements.values() if s.kind == "measure"]

    def city_of(self, region: URIRef | None) -> URIRef | None:
        """The city a region lies in (a district's city; a city itself); else the region."""
        seen = region
        while seen is not None and seen in self.regions:
            if "City" in self.regions[seen].kinds:
                return seen
            seen = self.regions[seen].parent
        return region

    def ancestors(self, region: URIRef | None) -> list[URIRef]:
        """``region`` and every region it lies within, nearest first."""
        out: list[URIRef] = []
        while region is not None and region not in out:
            out.append(region)
            region = self.regions[region].parent if region in self.regions else None
        return out

    def region_label(self, region: URIRef | None) -> Label:
        if region is None:
            return Label("未知地区", "Unknown region")
        if region in self.regions:
            return self.regions[region].label
        return Label(_tail(region))

    def type_label(self, code: str) -> Label:
        c = self.agency_types.get(code)
        return c.label if c else Label(_FALLBACK_TYPE_LABELS.get(code, code), code)

    def theme_label(self, code: str) -> Label:
        c = self.themes.get(code)
        return c.label if c else Label(code, code)


_FALLBACK_TYPE_LABELS = {OTHER_TYPE: "其他"}


def as_store(source: Any) -> GraphStore:
    """A store over a path, an rdflib graph/dataset, a pyoxigraph Store or a GraphStore."""
    if hasattr(source, "select"):
        return source
    if isinstance(source, str):
        source = Path(source)
    return open_store(source)


def load(source: Any) -> GraphData:
    """Read the plans, agencies, concepts and statements of a graph (see module docs)."""
    store = as_store(source)
    data = GraphData()
    _load_regions(store, data)
    _load_plans(store, data)
    code_of = _load_concepts(store, data)
    _load_agencies(store, data, code_of)
    _load_statements(store, data, code_of)
    _load_responsibilities(store, data)
    _load_targets(store, data)
    return data


def _load_regions(store: GraphStore, data: GraphData) -> None:
    for uri, p in _describe(store, IPG.Region).items():
        kinds = {str(t).rsplit("#", 1)[-1] for t in p.get(RDF.type, [])}
        data.regions[uri] = Region(uri, _label(p, RDFS.label, uri), kinds, _first_uri(p, IPG.withinRegion))


def _load_plans(store: GraphStore, data: GraphData) -> None:
    sources = _describe(store, IPG.SourceDocument)
    for uri, p in _describe(store, IPG.Plan).items():
        src = _first_uri(p, PROV.wasDerivedFrom)
        data.plans[uri] = Plan(
            uri,
            _text(p, IPG.title) or _label(p, RDFS.label, uri).zh,
            _first_uri(p, IPG.jurisdiction),
            _text(sources.get(src, {}), IPG.fileName) if src else "",
        )


def _load_concepts(store: GraphStore, data: GraphData) -> dict[URIRef, str]:
    """Agency types, themes and IP types by code; returns concept IRI → code."""
    for uri, p in _describe(store, SKOS.Concept).items():
        code = _text(p, SKOS.notation) or _tail(uri)
        concept = Concept(uri, code, _label(p, SKOS.prefLabel, uri))
        for scheme in p.get(SKOS.inScheme, []):
            table = {
                IPG.AgencyTypes: data.agency_types,
                IPG.Themes: data.themes,
                IPG.IPTypes: data.ip_types,
            }.get(scheme)
            if table is not None:
                table[code] = concept
    tables = (data.agency_types, data.themes, data.ip_types)
    return {c.uri: code for table in tables for code, c in table.items()}


def _load_agencies(store: GraphStore, data: GraphData, code_of: dict[URIRef, str]) -> None:
    for uri, p in _describe(store, ORG.Organization).items():
        type_uri = _first_uri(p, IPG.agencyType)
        data.agencies[uri] = Agency(
            uri,
            _label(p, RDFS.label, uri),
            code_of.get(type_uri, _tail(type_uri)) if type_uri else OTHER_TYPE,
            IPG.CollectiveBody in p.get(RDF.type, []),
            _first_uri(p, IPG.jurisdiction),
        )


def _load_statements(store: GraphStore, data: GraphData, code_of: dict[URIRef, str]) -> None:
    for kind, cls in (("measure", IPG.Measure), ("goal", IPG.Goal), ("phase", IPG.SchedulePhase)):
        for uri, p in _describe(store, cls).items():
            plan = _first_uri(p, IPG.inPlan)
            if plan is None:
                continue
            data.statements[uri] = Statement(
                uri,
                kind,
                plan,
                _text(p, IPG.path),
                _label(p, RDFS.label, uri).zh,
                _text(p, IPG.sourceText),
                _int(p, IPG.spanStart),
                part=_text(p, IPG.part),
                deadline=_text(p, IPG.deadline),
                ongoing=_text(p, IPG.ongoing).lower() == "true",
                start=_text(p, IPG.startMonth),
                end=_text(p, IPG.endMonth),
                themes=sorted({code_of.get(t, _tail(t)) for t in p.get(IPG.theme, [])}),
                ip_types=sorted({code_of.get(t, _tail(t)) for t in p.get(IPG.ipType, [])}),
            )


def _load_responsibilities(store: GraphStore, data: GraphData) -> None:
    for uri, p in _describe(store, IPG.Responsibility).items():
        measure, agency = _first_uri(p, IPG.measure), _first_uri(p, IPG.agency)
        if measure is None or agency is None:
            continue
        if agency not in data.agencies:  # an agency node the graph lacks: draw it by its IRI
            data.agencies[agency] = Agency(agency, Label(_tail(agency)))
        data.responsibilities.append(
            Responsibility(
                uri,
                measure,
                agency,
                IPG.Lead in p.get(IPG.role, []) or IPG.LeadResponsibility in p.get(RDF.type, []),
                _text(p, IPG.mention) or _text(p, IPG.sourceText),
                _int(p, IPG.spanStart),
                _int(p, IPG.spanEnd),
            )
        )
    data.responsibilities.sort(key=lambda r: str(r.uri))


def _load_targets(store: GraphStore, data: GraphData) -> None:
    stated_by = {t: s for s, ts in _pairs(store, IPG.hasTarget) for t in ts}
    for uri, p in _describe(store, IPG.Target).items():
        by = stated_by.get(uri)
        comparator, kind = _first_uri(p, IPG.comparator), _first_uri(p, IPG.targetKind)
        data.targets.append(
            Target(
                uri,
                _first_uri(p, IPG.inPlan) or URIRef(""),
                by if isinstance(by, URIRef) else None,
                _text(p, IPG.metric),
                _text(p, IPG.value),
                _text(p, IPG.unit),
                _tail(comparator) if comparator else "",
                _text(p, IPG.dueYear),
                " ".join(x for x in (_text(p, IPG.baselineValue), _text(p, IPG.baselineYear)) if x),
                _tail(kind) if kind else "",
                _text(p, IPG.sourceText),
            )
        )
    data.targets.sort(key=lambda t: str(t.uri))


def responsibility_clause(data: GraphData, r: Responsibility) -> str:
    """The clause of the measure's text that names ``r``'s agency (e.g. ``(责任单位:…)``).

    The responsibility's span lies inside its measure's span; the clause is the innermost
    bracketed stretch around it, else the sentence around it, else the mention alone.
    """
    m = data.statements.get(r.measure)
    if m is None or m.span_start is None or r.span_start is None or r.span_end is None:
        return r.mention
    lo, hi = r.span_start - m.span_start, r.span_end - m.span_start
    text = m.text
    if not (0 <= lo <= hi <= len(text)):
        return r.mention
    opens, closes = "((〔[【", "))〕]】"
    start = max(text.rfind(o, 0, lo) for o in opens)
    ends = [i for i in (text.find(c, hi) for c in closes) if i >= 0]
    if start >= 0 and ends and max(text.rfind(c, 0, lo) for c in closes) < start:
        return text[start : min(ends) + 1]
    start = max(text.rfind(c, 0, lo) for c in "。;;") + 1
    ends = [i for i in (text.find(c, hi) for c in "。;;") if i >= 0]
    return text[start : (min(ends) + 1 if ends else len(text))].strip()


def _describe(store: GraphStore, cls: URIRef) -> dict[URIRef, Props]:
    out: dict[URIRef, Props] = defaultdict(lambda: defaultdict(list))
    for _, s, p, o in store.select(_BY_CLASS, {"class": cls}).rows:
        if isinstance(s, URIRef) and isinstance(p, URIRef) and o is not None:
            out[s][p].append(o)
    return out


def _pairs(store: GraphStore, prop: URIRef) -> Iterable[tuple[Node, list[Node]]]:
    out: dict[Node, list[Node]] = defaultdict(list)
    for _, s, o in store.select("SELECT ?p ?s ?o WHERE { ?s ?p ?o }", {"p": prop}).rows:
        out[s].append(o)
    return out.items()


def _label(p: Props, prop: URIRef, uri: URIRef) -> Label:
    zh = en = ""
    for lit in sorted((x for x in p.get(prop, []) if isinstance(x, Literal)), key=str):
        lang = (lit.language or "").lower()
        if lang.startswith("en"):
            en = en or str(lit)
        elif lang.startswith("zh") or not lang:
            zh = zh or str(lit)
    return Label(zh or en or _tail(uri), en)


def _text(p: Props, prop: URIRef) -> str:
    values = sorted(str(x) for x in p.get(prop, []) if isinstance(x, Literal))
    return values[0] if values else ""


def _int(p: Props, prop: URIRef) -> int | None:
    value = _text(p, prop)
    return int(value) if value.lstrip("-").isdigit() else None


def _first_uri(p: Props, prop: URIRef) -> URIRef | None:
    values = sorted(x for x in p.get(prop, []) if isinstance(x, URIRef))
    return values[0] if values else None


def _tail(uri: URIRef | None) -> str:
    if uri is None:
        return ""
    from urllib.parse import unquote

    return unquote(str(uri).rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1])
