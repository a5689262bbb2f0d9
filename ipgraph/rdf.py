"""A plan reading as RDF: one named graph per plan, one shared graph for what plans share.

The plan's graph holds what only that plan says (the plan, its source file, measures,
goals, phases, targets, responsibilities); the shared graph holds things several plans
point to (regions, agencies, cited documents and the SKOS concepts used), so loading a
new version of a plan replaces its graph and leaves the rest alone.

IRIs are deterministic and carry no blank nodes, so building twice gives the same graph::

    id/plan/{plan-id}                  the plan (plan-id: sha1 of region + title, 16 hex)
    id/plan/{plan-id}/m/{path}         a measure          .../m/{path}/r/{n}  its n-th responsibility
    id/plan/{plan-id}/g/{path}         a goal             .../p/{path}        a schedule phase
    id/plan/{plan-id}/t/{path}/{n}     the n-th target stated at {path} ("table" for the table)
    id/plan/{plan-id}/m/{path}/c/{code}     why the measure has theme {code} (ip-{code}: IP type)
    id/agency/{name}  id/region/{name}  id/document/{title}  id/source/{sha256}
    id/agency-type/{code}  id/theme/{code}  id/ip-type/{code}   SKOS concepts (defined in ipgraph.ttl)
    graph/plan/{plan-id}  graph/shared named graphs

all under ``https://w3id.org/ipgraph/``; ``n`` counts from 1 in reading order.

Nodes are typed with their class and its ipg superclasses (a measure is also an
``ipg:Provision`` and an ``ipg:PlanStatement``), so SPARQL and SHACL need no reasoner.

An agency is one node per official full name (``canonical[0]``; a name a plan gives as another
name of a body resolves to that body's node), typed ``org:Organization`` too, with its agency
type, English label, jurisdiction and parent body (:mod:`ipgraph.agency_types`,
:mod:`ipgraph.english`, :mod:`ipgraph.hierarchy`); parents no plan names are created as well.
A measure gets its themes and IP types with evidence (:mod:`ipgraph.themes`).
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Iterable
from decimal import Decimal
from functools import cache

from rdflib import RDF, RDFS, XSD, Dataset, Graph, Literal, URIRef
from rdflib.namespace import ORG, PROV, SKOS
from rdflib.term import Node

from ipgraph.agency_types import describe
from ipgraph.editions import metric_key, series_of
from ipgraph.english import agency_english, region_english
from ipgraph.hierarchy import parent
from ipgraph.model import Goal, Measure, Phase, PlanMeta, PlanReading, Responsibility, Span, Target
from ipgraph.namespaces import (
    AGENCY_TYPE,
    GRAPH,
    ID,
    IP_TYPE,
    IPG,
    SHARED_GRAPH,
    THEME,
    bind_prefixes,
    contribution_graph_iri,
    new_dataset,
)
from ipgraph.reading.metadata import document_level
from ipgraph.reading.regions import MUNICIPALITIES, NATION, Region, find_region, region_by_name, short_name
from ipgraph.resources import read_ontology_text
from ipgraph.themes import classify_measure

__all__ = [
    "AGENCY_TYPE",
    "GRAPH",
    "ID",
    "IPG",
    "IP_TYPE",
    "NATION",
    "SHARED_GRAPH",
    "THEME",
    "Triple",
    "agency_iri",
    "bind_prefixes",
    "document_iri",
    "iri_segment",
    "new_dataset",
    "plan_graph",
    "plan_graph_iri",
    "plan_id",
    "plan_iri",
    "reading_to_dataset",
    "reading_triples",
    "region_iri",
    "source_iri",
]

Triple = tuple[Node, Node, Node]

ZH = "zh"
EN = "en"

# Each class with its ipg superclasses, asserted together (tests check this against the ontology).
TYPES: dict[URIRef, tuple[URIRef, ...]] = {
    IPG.Plan: (IPG.Plan,),
    IPG.SourceDocument: (IPG.SourceDocument,),
    IPG.CitedDocument: (IPG.CitedDocument,),
    IPG.Region: (IPG.Region,),
    IPG.Country: (IPG.Country, IPG.Region),
    IPG.Province: (IPG.Province, IPG.Region),
    IPG.City: (IPG.City, IPG.Region),
    IPG.District: (IPG.District, IPG.Region),
    IPG.Agency: (IPG.Agency,),
    IPG.CollectiveBody: (IPG.CollectiveBody,),
    IPG.Measure: (IPG.Measure, IPG.Provision, IPG.PlanStatement),
    IPG.Goal: (IPG.Goal, IPG.Provision, IPG.PlanStatement),
    IPG.SchedulePhase: (IPG.SchedulePhase, IPG.Provision, IPG.PlanStatement),
    IPG.Target: (IPG.Target, IPG.PlanStatement),
    IPG.Responsibility: (IPG.Responsibility, IPG.PlanStatement),
    IPG.LeadResponsibility: (IPG.LeadResponsibility, IPG.Responsibility, IPG.PlanStatement),
    IPG.SupportResponsibility: (IPG.SupportResponsibility, IPG.Responsibility, IPG.PlanStatement),
    IPG.Classification: (IPG.Classification,),
}

ROLES = {"lead": IPG.Lead, "support": IPG.Support}
ROLE_CLASSES = {"lead": IPG.LeadResponsibility, "support": IPG.SupportResponsibility}
COMPARATORS = {
    ">=": IPG.GreaterOrEqual,
    ">": IPG.Greater,
    "<=": IPG.LessOrEqual,
    "<": IPG.Less,
    "=": IPG.Equal,
}
TARGET_KINDS = {"cumulative": IPG.Cumulative, "annual": IPG.Annual}
ADMIN_LEVELS = {
    "national": IPG.NationalLevel,
    "province": IPG.ProvinceLevel,
    "city": IPG.CityLevel,
    "district": IPG.DistrictLevel,
}
LEVEL_CLASSES = {
    "national": IPG.Country,
    "province": IPG.Province,
    "city": IPG.City,
    "district": IPG.District,
}

# --------------------------------------------------------------------------- IRIs


def _is_ipchar(ch: str) -> bool:
    """Whether `ch` may stand unescaped in an IRI path segment (RFC 3987 ``ipchar``)."""
    if ch.isascii():
        return ch.isalnum() or ch in "-._~!$&'()*+,;=:@"
    cp = ord(ch)
    return (
        0xA0 <= cp <= 0xD7FF
        or 0xF900 <= cp <= 0xFDCF
        or 0xFDF0 <= cp <= 0xFFEF
        or (0x10000 <= cp <= 0xEFFFD and (cp & 0xFFFF) <= 0xFFFD)
    )


def iri_segment(text: str) -> str:
    """Return `text` as one IRI path segment, Chinese kept, the rest percent-encoded.

    Everything that is not an RFC 3987 ``ipchar`` is encoded as UTF-8 ``%XX``: spaces,
    ``<>"{}|\\^``` and control characters (not allowed in IRIs), and also ``/ ? # % [ ]``,
    which are allowed but would split the segment or start a query or fragment. The
    mapping is injective, so distinct names never share an IRI.

    Parameters
    ----------
    text : str
        A name, title or path; must not be empty.

    Returns
    -------
    str
        The segment.

    Raises
    ------
    ValueError
        For an empty `text`, which would give a node no identity of its own.

    Examples
    --------
    >>> iri_segment("厦门市市场监督管理局")
    '厦门市市场监督管理局'
    >>> iri_segment("上海市人民政府 国家知识产权局/100%")
    '上海市人民政府%20国家知识产权局%2F100%25'
    """
    if not text:
        raise ValueError("an IRI segment needs a non-empty text")
    out = "".join(ch if _is_ipchar(ch) else "".join(f"%{b:02X}" for b in ch.encode()) for ch in text)
    return {".": "%2E", "..": "%2E%2E"}.get(out, out)


def _norm_key(text: str) -> str:
    """NFKC with all whitespace removed: the same plan re-typeset keeps its key."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def plan_id(meta: PlanMeta, sha256: str = "") -> str:
    """Return the plan's id: 16 hex digits of sha1 over its normalized region and title.

    Not derived from the file's bytes, so a corrected re-release of the same plan keeps
    its IRI (and replaces its named graph). A plan whose place is unresolved, or that
    states no title, is not known by them: two such plans are never one, so its id also
    covers the file's ``sha256``.

    Parameters
    ----------
    meta : PlanMeta
        The plan's metadata.

    Returns
    -------
    str
        The id.
    """
    key = f"{_norm_key(meta.region)}\n{_norm_key(meta.title)}"
    if meta.place_problem or not meta.title.strip():
        key += f"\n{sha256}"
    return hashlib.sha1(key.encode("utf-8"), usedforsecurity=False).hexdigest()[:16]


def plan_iri(reading: PlanReading) -> URIRef:
    """Return the IRI of the plan node, ``…/id/plan/{plan-id}``."""
    return ID[f"plan/{plan_id(reading.meta, reading.sha256)}"]


def plan_graph_iri(reading: PlanReading) -> URIRef:
    """Return the IRI of the plan's named graph, ``…/graph/plan/{plan-id}``."""
    return GRAPH[f"plan/{plan_id(reading.meta, reading.sha256)}"]


def agency_iri(name: str) -> URIRef:
    """Return the IRI of the body whose official full name is `name`."""
    return ID[f"agency/{iri_segment(name)}"]


def region_iri(name: str) -> URIRef:
    """Return the IRI of the region whose full official name is `name`."""
    return ID[f"region/{iri_segment(name)}"]


def source_iri(sha256: str) -> URIRef:
    """Return the IRI of the source file with this SHA-256."""
    return ID[f"source/{iri_segment(sha256.lower())}"]


def document_iri(title: str) -> URIRef:
    """Return the IRI of a cited document; titles differing only in width or spacing share it."""
    return ID[f"document/{iri_segment(_norm_key(title) or title)}"]


def _zh(text: str) -> Literal:
    return Literal(text, lang=ZH)


def _en(text: str) -> Literal:
    return Literal(text, lang=EN)


def _decimal(value: float) -> Literal:
    """An ``xsd:decimal`` in canonical form (``30.0``, ``21.47``), from the shortest float repr.

    Canonical lexical forms survive a Turtle round trip unchanged (Turtle writes decimals
    bare, and ``30`` would read back as an integer), so graphs stay comparable.
    """
    d = Decimal(repr(float(value)))
    if not d.is_finite():  # NaN/Infinity are no xsd:decimal: kept as written, SHACL's pattern reports them
        return Literal(str(d), datatype=XSD.decimal)
    if d == d.to_integral_value():
        return Literal(f"{int(d)}.0", datatype=XSD.decimal)
    return Literal(format(d.normalize(), "f"), datatype=XSD.decimal)


def _year(year: int) -> Literal:
    return Literal(f"{int(year):04d}", datatype=XSD.gYear)


def _web_origin(source: URIRef, url: str | None, retrieved: str | None) -> list[Triple]:
    """Where and when a source file was fetched from the web (nothing for a local file)."""
    out: list[Triple] = []
    if url:
        out.append((source, IPG.url, Literal(url, datatype=XSD.anyURI)))
    if url and retrieved:
        out.append((source, IPG.retrieved, Literal(retrieved, datatype=XSD.dateTime)))
    return out


def _typed(node: URIRef, cls: URIRef) -> list[Triple]:
    return [(node, RDF.type, c) for c in TYPES[cls]]


# --------------------------------------------------------------------------- shared things


@cache
def _ontology() -> Graph:
    return Graph().parse(data=read_ontology_text("ipgraph.ttl"), format="turtle")


@cache
def _concept_triples(concept: URIRef) -> tuple[Triple, ...]:
    """The ontology's description of a SKOS concept and its scheme, copied into the data.

    The shared graph then answers "what does ipg:Lead mean" without loading the ontology.
    """
    onto = _ontology()
    nodes = [concept, *onto.objects(concept, SKOS.inScheme)]
    return tuple(t for node in nodes for t in onto.triples((node, None, None)))


def _region_chain(meta: PlanMeta) -> list[tuple[str, tuple[URIRef, ...]]]:
    """The plan's region and those it lies in, innermost first, each with its classes.

    A municipality (直辖市, ``province == region``) is a city and a province at once; a
    district's city is the prefix of its name up to the first 市 (福州市仓山区 → 福州市).
    A city or district whose province is unknown is left without a parent, and a plan
    without a region gets no chain at all, so that validation reports the gap.
    """
    region, province, level = meta.region.strip(), meta.province, meta.admin_level
    if not region:
        return []
    if level == "national" or region == NATION:
        return [(NATION, (IPG.Country,))]
    chain = [(region, (LEVEL_CLASSES.get(level, IPG.Region),))]
    if level == "district":
        cut = region.find("市")
        city = region[: cut + 1] if 0 < cut < len(region) - 1 else None
        if city:
            chain.append((city, (IPG.City,)))
    if province:
        name, classes = chain[-1]
        if name == province:
            chain[-1] = (name, tuple(dict.fromkeys((*classes, IPG.Province))))
        else:
            chain.append((province, (IPG.Province,)))
        chain.append((NATION, (IPG.Country,)))
    return chain


def _region_triples(name: str, classes: Iterable[URIRef], parent: str | None) -> list[Triple]:
    node = region_iri(name)
    triples = [t for cls in classes for t in _typed(node, cls)]
    triples += [(node, RDFS.label, _zh(name)), (node, RDFS.label, _en(region_english(name)))]
    if parent:
        triples.append((node, IPG.withinRegion, region_iri(parent)))
    return triples


def _lineage(region: Region) -> list[tuple[str, tuple[URIRef, ...]]]:
    """A region from the region table and those it lies in, innermost first, with their classes.

    Like :func:`_region_chain`, but for the place a body serves, which need not be the plan's.
    """
    chain: list[tuple[str, tuple[URIRef, ...]]] = []
    if region.level == "district":
        chain.append((region.full_name, (IPG.District,)))
        if region.city and region.city != region.province:
            chain.append((region.city, (IPG.City,)))
    elif region.level == "city" and region.full_name not in MUNICIPALITIES:
        chain.append((region.full_name, (IPG.City,)))
    if region.province:
        municipality = region.province in MUNICIPALITIES
        chain.append((region.province, (IPG.City, IPG.Province) if municipality else (IPG.Province,)))
    chain.append((NATION, (IPG.Country,)))
    return chain


def _aliases(reading: PlanReading) -> dict[str, str]:
    """Other names of a body → its official name, as the reading's canonical lists give them.

    A plan that writes 市市场监管局(知识产权局) once and 市知识产权局 elsewhere names one body:
    both mentions resolve to the node of 厦门市市场监督管理局.
    """
    out: dict[str, str] = {}
    for m in reading.measures:
        for r in m.responsible:
            names = [n.strip() for n in r.canonical if n.strip()]
            for alias in names[1:]:
                if alias != names[0]:
                    out.setdefault(alias, names[0])
    return out


# --------------------------------------------------------------------------- the plan's own triples


class _Builder:
    """Collects the two triple lists of one reading; one method per kind of statement."""

    def __init__(self, reading: PlanReading) -> None:
        self.reading = reading
        self.plan = plan_iri(reading)
        self.source = source_iri(reading.sha256)
        self.own: list[Triple] = []
        self.shared: list[Triple] = []
        self.concepts: list[URIRef] = []
        self.seen: dict[tuple[str, str], int] = {}
        self.bodies: set[str] = set()
        self.regions: set[str] = set()
        self.aliases = _aliases(reading)
        chain = _region_chain(reading.meta)
        self.chain_names = [name for name, _ in chain]
        home = self.chain_names[0] if chain else ""
        self.home = (region_by_name(home) or find_region(home)) if home else None
        self._add_regions(chain)
        # a plan whose place is unknown has a place of its own, which its local bodies serve
        self.place = URIRef(f"{self.plan}/place") if not chain and reading.meta.place_problem else None
        if self.place is not None:
            self.shared += [
                *_typed(self.place, IPG.Region),
                (self.place, RDF.type, IPG.UnresolvedPlace),
                (self.place, RDFS.label, _zh("地区未定")),
                (self.place, RDFS.label, _en("place unresolved")),
            ]

    def _add_regions(self, chain: list[tuple[str, tuple[URIRef, ...]]]) -> None:
        for i, (name, classes) in enumerate(chain):
            parent = chain[i + 1][0] if i + 1 < len(chain) else None
            if name not in self.regions:
                self.regions.add(name)
                self.shared += _region_triples(name, classes, parent)

    def concept(self, subject: URIRef, prop: URIRef, table: dict[str, URIRef], code: str | None) -> None:
        """Link `subject` to the concept for `code`; an unknown code is left for SHACL to report."""
        concept = table.get(code) if code is not None else None
        if concept is not None:
            self.own.append((subject, prop, concept))
            self.concepts.append(concept)

    def body(self, names: Iterable[str]) -> URIRef | None:
        """The node of the body known by `names` (official full name first), or None if unnamed."""
        names = [n for n in dict.fromkeys(n.strip() for n in names) if n]
        if not names:
            return None
        node = self.agency(self.aliases.get(names[0], names[0]))
        self.shared += [(node, IPG.canonicalName, _zh(n)) for n in names]
        return node

    def scoped_body(self, names: Iterable[str]) -> URIRef | None:
        """A local body of a plan whose place is unknown: a node of this plan's own
        (``{plan}/agency/{name}``), never the node of a body of the same name elsewhere."""
        names = [n for n in dict.fromkeys(n.strip() for n in names) if n]
        if not names:
            return None
        name = names[0]
        node = URIRef(f"{self.plan}/agency/{iri_segment(name)}")
        b = describe(name)
        self.shared += _typed(node, IPG.CollectiveBody if b.collective else IPG.Agency)
        self.shared += [
            (node, RDF.type, ORG.Organization),
            (node, RDFS.label, _zh(name)),
            (node, RDFS.label, _en(agency_english(name))),
            (node, IPG.agencyType, AGENCY_TYPE[b.type]),
            (node, IPG.placeUnresolved, Literal(True)),
            *((node, IPG.canonicalName, _zh(n)) for n in names),
        ]
        self.concepts.append(AGENCY_TYPE[b.type])
        if self.place is not None:
            self.shared.append((node, IPG.jurisdiction, self.place))
        return node

    def agency(self, name: str) -> URIRef:
        """The node of the body officially called `name`, with its type, names, place and parents.

        The parent is made a node as well (and its parent …), so every body in the graph has
        its type, English name and jurisdiction even when no plan names it.
        """
        node = agency_iri(name)
        if name in self.bodies:
            return node
        self.bodies.add(name)
        b = describe(name)
        self.shared += _typed(node, IPG.CollectiveBody if b.collective else IPG.Agency)
        self.shared += [
            (node, RDF.type, ORG.Organization),
            (node, RDFS.label, _zh(name)),
            (node, RDFS.label, _en(agency_english(name))),
            (node, IPG.canonicalName, _zh(name)),
            (node, IPG.agencyType, AGENCY_TYPE[b.type]),
        ]
        self.concepts.append(AGENCY_TYPE[b.type])
        region = self.jurisdiction(b.national, b.region)
        if region is not None:
            self.shared.append((node, IPG.jurisdiction, region_iri(region)))
        up = parent(name, None if b.national else self.home)
        if up and up != name:
            self.shared.append((node, ORG.subOrganizationOf, self.agency(up)))
        return node

    def jurisdiction(self, national: bool, region: Region | None) -> str | None:
        """The name of the region a body serves (its region nodes added), else the plan's own."""
        if national:
            self._add_regions([(NATION, (IPG.Country,))])
            return NATION
        if region is not None:
            self._add_regions(_lineage(region))
            return region.full_name
        return self.chain_names[0] if self.chain_names else None

    def classify(self, node: URIRef, x: Measure) -> None:
        """The measure's themes and IP types, each with a classification node holding its evidence."""
        for c in classify_measure(self.reading.text, x):
            if c.scheme == "theme":
                concept, prop, cnode = THEME[c.code], IPG.theme, URIRef(f"{node}/c/{c.code}")
            else:
                concept, prop, cnode = IP_TYPE[c.code], IPG.ipType, URIRef(f"{node}/c/ip-{c.code}")
            self.concepts.append(concept)
            self.own += [
                (node, prop, concept),
                (node, IPG.classification, cnode),
                *_typed(cnode, IPG.Classification),
                (cnode, IPG.concept, concept),
                *((cnode, IPG.evidence, _zh(word)) for word in c.evidence),
            ]

    def provision_iri(self, kind: str, path: str) -> URIRef:
        """``…/{kind}/{path}``; a path the plan uses twice (numbering restarted) gets ``~2``, ``~3`` …

        Two provisions never share a node, and the first keeps the plain IRI.
        """
        key = (kind, path)
        n = self.seen[key] = self.seen.get(key, 0) + 1
        return URIRef(f"{self.plan}/{kind}/{iri_segment(path)}" + (f"~{n}" if n > 1 else ""))

    def statement(self, node: URIRef, cls: URIRef, span: Span) -> None:
        """Type `node` and give it the provenance every statement carries."""
        source, offset = self.source_of(span)
        self.own += _typed(node, cls)
        self.own += [
            (node, IPG.inPlan, self.plan),
            (node, PROV.wasDerivedFrom, source),
            (node, IPG.spanStart, Literal(span.start - offset)),
            (node, IPG.spanEnd, Literal(span.end - offset)),
            (node, IPG.sourceText, Literal(span.of(self.reading.text))),
        ]

    def source_of(self, span: Span) -> tuple[URIRef, int]:
        """The file a span was read from, and where that file's text starts in the reading.

        A task table merged into its plan (``reading.appended``) is its own source: the
        statements read from its rows point into the table file's text, not the plan's.
        """
        for part in getattr(self.reading, "appended", ()):
            if part.start <= span.start < part.end:
                return source_iri(part.sha256), part.start
        return self.source, 0

    def provision(self, node: URIRef, cls: URIRef, path: str, label: str, span: Span) -> None:
        self.statement(node, cls, span)
        self.own += [(node, IPG.path, Literal(path)), (node, RDFS.label, _zh(label))]

    def plan_node(self) -> None:
        r, m, plan = self.reading, self.reading.meta, self.plan
        self.own += [
            *_typed(self.source, IPG.SourceDocument),
            (self.source, IPG.fileName, Literal(r.source)),
            (self.source, IPG.sha256, Literal(r.sha256.lower())),
            *_typed(plan, IPG.Plan),
            # a document that states no title is named for its file, and says so
            (plan, IPG.title, _zh(m.title or f"（无标题）{r.source}")),
            (plan, RDFS.label, _zh(m.title or f"（无标题）{r.source}")),
            (plan, PROV.wasDerivedFrom, self.source),
            (plan, IPG.textSource, self.source),
        ]
        self.own += _web_origin(self.source, r.url, r.retrieved)
        named = {r.sha256.lower()}
        for other in r.also:  # the same plan in other files: sources too (one node per content)
            node = source_iri(other.sha256)
            self.own.append((plan, PROV.wasDerivedFrom, node))
            if other.sha256.lower() not in named:
                named.add(other.sha256.lower())
                self.own += [
                    *_typed(node, IPG.SourceDocument),
                    (node, IPG.fileName, Literal(other.name)),
                    (node, IPG.sha256, Literal(other.sha256.lower())),
                ]
            self.own += _web_origin(node, other.url, other.retrieved)
        for part in getattr(r, "appended", ()):
            table = source_iri(part.sha256)
            self.own += [
                *_typed(table, IPG.SourceDocument),
                (table, IPG.fileName, Literal(part.source)),
                (table, IPG.sha256, Literal(part.sha256.lower())),
                (plan, PROV.wasDerivedFrom, table),
            ]
        if self.chain_names:
            self.own.append((plan, IPG.jurisdiction, region_iri(self.chain_names[0])))
        elif self.place is not None:
            self.own += [
                (plan, IPG.jurisdiction, self.place),
                (plan, IPG.placeUnresolved, Literal(True)),
                (plan, IPG.placeProblem, Literal(m.place_problem)),
            ]
        self.own += [(plan, IPG.placeEvidence, Literal(e)) for e in m.place_evidence]
        self.concept(plan, IPG.adminLevel, ADMIN_LEVELS, m.admin_level)
        if m.doc_number:
            self.own.append((plan, IPG.documentNumber, Literal(m.doc_number)))
        places = [n for name in (m.region, m.province) if name for n in (name, short_name(name))]
        if m.title and (series := series_of(m.title, places)):
            self.own.append((plan, IPG.series, Literal(series)))
        if m.issue_date:
            self.own.append((plan, IPG.issued, Literal(m.issue_date, datatype=XSD.date)))
        if m.period:
            self.own += [(plan, IPG.termStart, _year(m.period[0])), (plan, IPG.termEnd, _year(m.period[-1]))]
        for issuer in m.issuers:
            node = self.body([self.aliases.get(issuer, issuer)])
            if node is not None:
                self.own.append((plan, IPG.issuer, node))
        for title in dict.fromkeys(m.references):
            if not title:
                continue
            doc = document_iri(title)
            self.own.append((plan, IPG.cites, doc))
            level = ADMIN_LEVELS[document_level(title)]
            self.shared += [
                *_typed(doc, IPG.CitedDocument),
                (doc, IPG.title, _zh(title)),
                (doc, RDFS.label, _zh(title)),
                (doc, IPG.adminLevel, level),
            ]
            self.concepts.append(level)

    def measure(self, x: Measure) -> URIRef:
        node = self.provision_iri("m", x.path)
        self.provision(node, IPG.Measure, x.path, x.label, x.span)
        if x.part:
            self.own.append((node, IPG.part, _zh(x.part)))
        if x.deadline == "ongoing":
            self.own.append((node, IPG.ongoing, Literal(True)))
        elif x.deadline:
            self.own.append((node, IPG.deadline, Literal(x.deadline, datatype=XSD.date)))
        self.own += [(node, IPG.mentionsBody, _zh(name)) for name in dict.fromkeys(n for n, _ in x.mentions)]
        self.classify(node, x)
        for n, resp in enumerate(x.responsible, start=1):
            self.responsibility(node, n, resp)
        return node

    def responsibility(self, measure: URIRef, n: int, r: Responsibility) -> None:
        node = URIRef(f"{measure}/r/{n}")
        self.statement(node, ROLE_CLASSES.get(r.role, IPG.Responsibility), r.span)
        self.own += [
            (node, IPG.measure, measure),
            (measure, IPG.hasResponsibility, node),
            (node, IPG.mention, _zh(r.mention)),
        ]
        self.concept(node, IPG.role, ROLES, r.role)
        agency = self.scoped_body(r.canonical) if r.scoped else self.body(r.canonical)
        if agency is not None:
            self.own += [(node, IPG.agency, agency), (agency, IPG.responsibleFor, measure)]

    def goal(self, x: Goal) -> URIRef:
        node = self.provision_iri("g", x.path)
        self.provision(node, IPG.Goal, x.path, x.label, x.span)
        return node

    def phase(self, x: Phase) -> URIRef:
        node = self.provision_iri("p", x.path)
        self.provision(node, IPG.SchedulePhase, x.path, x.label, x.span)
        if x.start:
            self.own.append((node, IPG.startMonth, Literal(x.start, datatype=XSD.gYearMonth)))
        if x.end:
            self.own.append((node, IPG.endMonth, Literal(x.end, datatype=XSD.gYearMonth)))
        return node

    def target(self, x: Target, n: int, stated_by: URIRef) -> None:
        node = URIRef(f"{self.plan}/t/{iri_segment(x.path)}/{n}")
        self.statement(node, IPG.Target, x.span)
        self.own += [
            (stated_by, IPG.hasTarget, node),
            (node, IPG.path, Literal(x.path)),
            (node, IPG.metric, _zh(x.metric)),
            (node, IPG.metricKey, Literal(metric_key(x.metric))),
            (node, IPG.value, _decimal(x.value)),
        ]
        self.concept(node, IPG.comparator, COMPARATORS, x.comparator)
        self.concept(node, IPG.targetKind, TARGET_KINDS, x.kind)
        if x.unit:
            self.own.append((node, IPG.unit, Literal(x.unit)))
        if x.baseline is not None:
            self.own.append((node, IPG.baselineValue, _decimal(x.baseline)))
        if x.baseline_year is not None:
            self.own.append((node, IPG.baselineYear, _year(x.baseline_year)))
        if x.year is not None:
            self.own.append((node, IPG.dueYear, _year(x.year)))

    def build(self) -> tuple[list[Triple], list[Triple]]:
        self.plan_node()
        stated_by: dict[str, URIRef] = {}
        # setdefault: a measure's path wins over a goal's, a goal's over a phase's.
        for m in self.reading.measures:
            stated_by.setdefault(m.path, self.measure(m))
        for g in self.reading.goals:
            stated_by.setdefault(g.path, self.goal(g))
        for p in self.reading.phases:
            stated_by.setdefault(p.path, self.phase(p))
        counts: dict[str, int] = {}
        for t in self.reading.targets:
            counts[t.path] = counts.get(t.path, 0) + 1
            self.target(t, counts[t.path], stated_by.get(t.path, self.plan))
        for concept in dict.fromkeys(self.concepts):
            self.shared += _concept_triples(concept)
        return list(dict.fromkeys(self.own)), list(dict.fromkeys(self.shared))


# --------------------------------------------------------------------------- public API


def reading_triples(reading: PlanReading) -> tuple[list[Triple], list[Triple]]:
    """Map one reading to triples: those of its own named graph and those of the shared graph.

    Parameters
    ----------
    reading : PlanReading
        The typed reading of one plan; every span must index into ``reading.text``.

    Returns
    -------
    own : list of Triple
        The plan, its source document and every statement read from it, with provenance
        (``prov:wasDerivedFrom``, ``ipg:spanStart``/``ipg:spanEnd``, ``ipg:sourceText``),
        plus ``ipg:responsibleFor`` links from bodies to this plan's measures.
    shared : list of Triple
        The regions, bodies and cited documents the plan refers to, and the ontology's
        description of the SKOS concepts it uses. Both lists are free of duplicates and
        in a deterministic order.

    Notes
    -----
    Codes outside the controlled lists (a role other than lead/support, an unknown
    comparator or admin level) produce no link, and SHACL validation reports the gap; an
    unknown target kind is simply left out, as kind is optional.
    """
    return _Builder(reading).build()


def reading_to_dataset(
    readings: Iterable[PlanReading], dataset: Dataset | None = None, *, contributions: bool = False
) -> Dataset:
    """Add readings to a Dataset: one named graph per plan and the shared graph.

    A plan's graph (``plan_graph_iri``) is replaced, not merged, so a re-release of the
    same plan (same region and title) supersedes the earlier version; the shared graph
    only grows.

    Parameters
    ----------
    readings : iterable of PlanReading
        The readings to add; a later reading of the same plan wins.
    dataset : Dataset, optional
        The Dataset to add to; a new one (default graph = union) when omitted.
    contributions : bool
        Also record each plan's shared triples in its ``graph/contrib/{plan-id}`` graph
        (what :func:`ipgraph.dataset.build` writes, for later incremental builds).

    Returns
    -------
    Dataset
        `dataset`, or the new Dataset.
    """
    ds = dataset if dataset is not None else new_dataset()
    shared = ds.graph(SHARED_GRAPH)
    for reading in readings:
        own, common = reading_triples(reading)
        iri = plan_graph_iri(reading)
        ds.remove_graph(iri)
        graph = ds.graph(iri)
        graph.addN((s, p, o, graph) for s, p, o in own)
        shared.addN((s, p, o, shared) for s, p, o in common)
        if contributions:
            ds.remove_graph(contribution_graph_iri(iri))
            contrib = ds.graph(contribution_graph_iri(iri))
            contrib.addN((s, p, o, contrib) for s, p, o in common)
    return ds


def plan_graph(reading: PlanReading) -> Graph:
    """Return one plan as a single Graph: its own triples plus the shared ones it uses.

    Parameters
    ----------
    reading : PlanReading
        The reading.

    Returns
    -------
    Graph
        A self-contained graph (e.g. for ``ipgraph extract --format ttl``), prefixes bound.
    """
    graph = bind_prefixes(Graph(bind_namespaces="core"))
    own, shared = reading_triples(reading)
    graph.addN((s, p, o, graph) for s, p, o in [*own, *shared])
    return graph
