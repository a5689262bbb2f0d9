"""The fixed list of Neo4j labels, relationship types and property keys, derived from the ontology.

Only names from this list ever reach Cypher text (and only backtick-quoted): node labels are the
local names of the ontology's classes, relationship types the UPPER_SNAKE local names of its object
properties, property keys the local names of its datatype and annotation properties (with a language
suffix, ``label_zh``). Anything else in a graph is dropped by the mapping and reported, never pasted.

The list is read from ``ontology/ipgraph.ttl`` (classes, object and datatype properties, the
classes and properties it aligns with) plus the few terms of the public vocabularies that ipgraph's
data uses without declaring them (``prov:wasDerivedFrom``, ``skos:inScheme`` …), so a class or
property added to the ontology is picked up without code changes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from rdflib import OWL, RDF, RDFS, Graph, URIRef
from rdflib.namespace import DCTERMS, ORG, PROV, SKOS
from rdflib.term import Node

from ipgraph.resources import read_ontology_text

__all__ = [
    "RESOURCE_LABEL",
    "UNIT_LABEL",
    "Schema",
    "cypher_name",
    "load_schema",
    "rel_type_name",
]

IPG = "https://w3id.org/ipgraph/ontology#"
RESOURCE_LABEL = "Resource"
"""The label every node carries; ``iri`` is unique on it."""
UNIT_LABEL = "IpgraphUnit"
"""One bookkeeping node per pushed unit (``graph``, ``digest``): not a Resource, in no query."""

# Namespaces whose classes and properties may become labels and types (with the prefix used when two
# local names collide).
NAMESPACES: dict[str, str] = {
    IPG: "ipg",
    str(SKOS): "skos",
    str(ORG): "org",
    str(PROV): "prov",
    str(DCTERMS): "dcterms",
    str(RDFS): "rdfs",
}

# Terms of the aligned vocabularies that ipgraph's data uses without the ontology declaring them.
ALIGNED_CLASSES = (SKOS.Concept, SKOS.ConceptScheme, ORG.Organization, ORG.ChangeEvent)
ALIGNED_OBJECT_PROPERTIES = (
    PROV.wasDerivedFrom,
    SKOS.inScheme,
    SKOS.broader,
    SKOS.narrower,
    SKOS.related,
    SKOS.topConceptOf,
    SKOS.hasTopConcept,
    SKOS.exactMatch,
    SKOS.closeMatch,
    ORG.subOrganizationOf,
    ORG.hasSubOrganization,
    ORG.originalOrganization,  # the history graph's reforms (ipgraph.history)
    ORG.resultedFrom,
    DCTERMS.replaces,  # a plan's later edition
)
# Literal properties of the aligned vocabularies the history graph uses (one value each).
ALIGNED_LITERAL_PROPERTIES = (DCTERMS.date, DCTERMS.source)
# Annotation properties kept as node properties: one value per language (scalar) or several (list).
SCALAR_ANNOTATIONS = (RDFS.label, RDFS.comment, SKOS.prefLabel, SKOS.notation, SKOS.definition)
LIST_ANNOTATIONS = (SKOS.altLabel, SKOS.hiddenLabel, SKOS.scopeNote, SKOS.note)

_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")


def cypher_name(name: str) -> str:
    """Backtick-quote a label, type or key for Cypher text (backticks inside are doubled).

    >>> cypher_name("Measure")
    '`Measure`'
    >>> cypher_name("a`b")
    '`a``b`'
    """
    return "`" + name.replace("`", "``") + "`"


def rel_type_name(local: str) -> str:
    """UPPER_SNAKE relationship type of a property's local name.

    >>> rel_type_name("hasResponsibility"), rel_type_name("inPlan"), rel_type_name("wasDerivedFrom")
    ('HAS_RESPONSIBILITY', 'IN_PLAN', 'WAS_DERIVED_FROM')
    """
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", local).upper()


def _split(iri: URIRef) -> tuple[str, str] | None:
    """(namespace, local name) for an IRI of a known namespace with a plain local name."""
    text = str(iri)
    for ns in NAMESPACES:
        if text.startswith(ns):
            local = text[len(ns) :]
            if _NAME.match(local):
                return ns, local
    return None


@dataclass(frozen=True)
class Schema:
    """The fixed vocabulary of the property graph."""

    labels: dict[URIRef, str]
    """Class IRI → node label."""
    rel_types: dict[URIRef, str]
    """Object property IRI → relationship type."""
    keys: dict[URIRef, str]
    """Datatype / annotation property IRI → property key (a language suffix is added per literal)."""
    scalar: frozenset[URIRef]
    """Literal properties with one value (per language): functional ones and SKOS/RDFS labels."""
    depth: dict[str, int] = field(default_factory=dict)
    """Label → number of ancestors in the ontology (general labels first when styling)."""
    class_labels: dict[str, dict[str, str]] = field(default_factory=dict)
    """Label → {language: the class's rdfs:label} (captions, legends)."""

    @property
    def all_labels(self) -> tuple[str, ...]:
        return tuple(sorted(set(self.labels.values())))

    @property
    def all_rel_types(self) -> tuple[str, ...]:
        return tuple(sorted(set(self.rel_types.values())))

    def check_label(self, name: str) -> str:
        """``name`` if it is a label of this schema (or ``Resource``); ValueError otherwise."""
        if name != RESOURCE_LABEL and name not in self.labels.values():
            raise ValueError(f"{name!r} is not a label of the ontology")
        return name

    def check_rel_type(self, name: str) -> str:
        """``name`` if it is a relationship type of this schema; ValueError otherwise."""
        if name not in self.rel_types.values():
            raise ValueError(f"{name!r} is not a relationship type of the ontology")
        return name


def _named(graph: Graph, node: Node) -> list[URIRef]:
    """IRIs named by ``node``: itself, or the members of an ``owl:unionOf`` class expression."""
    if isinstance(node, URIRef):
        return [node]
    out: list[URIRef] = []
    for union in graph.objects(node, OWL.unionOf):
        out.extend(m for m in graph.items(union) if isinstance(m, URIRef))
    return out


def _assign(iris: set[URIRef], local_to_name) -> dict[URIRef, str]:
    """Names for IRIs; when two share a local name, the non-ipg ones get their prefix."""
    by_name: dict[str, list[URIRef]] = {}
    for iri in iris:
        parts = _split(iri)
        if parts is None:
            continue
        by_name.setdefault(local_to_name(parts[1]), []).append(iri)
    out: dict[URIRef, str] = {}
    for name, group in by_name.items():
        for iri in group:
            ns, local = _split(iri)  # type: ignore[misc]
            clash = len(group) > 1 and ns != IPG
            out[iri] = local_to_name(f"{NAMESPACES[ns]}_{local}") if clash else name
    return out


def schema_from_graph(onto: Graph) -> Schema:
    """Derive the schema from an ontology graph (see the module docstring)."""
    classes: set[URIRef] = set(ALIGNED_CLASSES)
    for c in onto.subjects(RDF.type, OWL.Class):
        classes.update(_named(onto, c))
    for s, o in onto.subject_objects(RDFS.subClassOf):
        classes.update(_named(onto, s))
        classes.update(_named(onto, o))
    for t in set(onto.objects(None, RDF.type)):
        if isinstance(t, URIRef) and str(t).startswith((str(SKOS), str(ORG), IPG)):
            classes.add(t)  # skos:Concept, skos:ConceptScheme as used by the ontology's own terms

    object_props: set[URIRef] = set(ALIGNED_OBJECT_PROPERTIES)
    for p in onto.subjects(RDF.type, OWL.ObjectProperty):
        if isinstance(p, URIRef):
            object_props.add(p)
            for r in onto.objects(p, RDFS.range):
                classes.update(_named(onto, r))
            for d in onto.objects(p, RDFS.domain):
                classes.update(_named(onto, d))

    literal_props: set[URIRef] = (
        set(SCALAR_ANNOTATIONS) | set(LIST_ANNOTATIONS) | set(ALIGNED_LITERAL_PROPERTIES)
    )
    for p in onto.subjects(RDF.type, OWL.DatatypeProperty):
        if isinstance(p, URIRef):
            literal_props.add(p)
            for d in onto.objects(p, RDFS.domain):
                classes.update(_named(onto, d))
    functional = {p for p in onto.subjects(RDF.type, OWL.FunctionalProperty) if isinstance(p, URIRef)}
    scalar = frozenset(
        (functional & literal_props) | set(SCALAR_ANNOTATIONS) | set(ALIGNED_LITERAL_PROPERTIES)
    )

    classes = {c for c in classes if not str(c).startswith((str(OWL), str(RDF), "http://www.w3.org/2001"))}
    labels = _assign(classes, lambda local: local)
    rel_types = _assign(object_props - literal_props, rel_type_name)
    keys = _assign(literal_props, lambda local: local)

    def ancestors(c: URIRef, seen: frozenset[URIRef] = frozenset()) -> int:
        parents = [p for p in onto.objects(c, RDFS.subClassOf) if isinstance(p, URIRef) and p not in seen]
        return max((1 + ancestors(p, seen | {c}) for p in parents), default=0)

    depth = {name: ancestors(iri) for iri, name in labels.items()}
    class_labels: dict[str, dict[str, str]] = {}
    for iri, name in labels.items():
        for lit in onto.objects(iri, RDFS.label):
            lang = getattr(lit, "language", None) or ""
            class_labels.setdefault(name, {})[lang] = str(lit)
    return Schema(labels, rel_types, keys, scalar, depth, class_labels)


@cache
def load_schema() -> Schema:
    """The schema of the packaged ontology (read once)."""
    onto = Graph()
    onto.parse(data=read_ontology_text("ipgraph.ttl"), format="turtle")
    return schema_from_graph(onto)
