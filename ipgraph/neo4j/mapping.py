"""RDF dataset → property graph: nodes with labels and properties, relationships, grouped by owner graph.

The mapping is generic, driven only by the schema derived from the ontology (:mod:`.schema`):

* every IRI (a subject, or the object of a mapped object property) is one node, with ``iri``, the
  label ``Resource`` and the labels of its ontology classes (unknown classes are dropped);
* literals of the ontology's datatype and annotation properties are properties: ``path``,
  ``label_zh`` and ``label_en`` (one key per language, none overwritten); functional properties and
  SKOS/RDFS labels hold one value, the others a list (as in RDF, ``canonicalName`` may have several);
* each object property triple is one relationship (``HAS_RESPONSIBILITY``, ``IN_PLAN`` …);
* ``graph`` on every node and relationship names the named graph that owns it: ``plan/{id}`` for a
  plan's own statements, ``shared`` for regions, agencies, concepts (anything the shared graph
  describes, or that several graphs describe). A plan is pushed and replaced as one unit.
* the ``history`` graph (facts derived from all plans, :mod:`ipgraph.history`) owns its own nodes
  (merges, reform events, similar-measure links) and all its relationships, but never takes a
  plan's or a shared node away from its owner; it comes last, after the nodes it links.

Values: integers stay integers, ``xsd:decimal``/``double`` become floats, booleans booleans; dates,
years and months keep their ISO lexical form as strings (``2024-12-31``, ``2025``, ``2024-06``), which
sort correctly and compare equal to the SPARQL results' text.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from importlib import metadata
from typing import Any

from rdflib import RDF, XSD, BNode, Dataset, Graph, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.term import Node as RdfNode

from ipgraph.namespaces import GRAPH, HISTORY_GRAPH, SHARED_GRAPH
from ipgraph.terms import XSD_FLOATS, XSD_INTEGERS

from .schema import RESOURCE_LABEL, Schema, load_schema

__all__ = ["HISTORY", "SHARED", "Node", "PropertyGraph", "Rel", "Unit", "graph_id", "to_property_graph"]

SHARED = "shared"
HISTORY = "history"
DEFAULT = "default"

_INTEGER_TYPES = {URIRef(t) for t in XSD_INTEGERS}
_FLOAT_TYPES = {URIRef(t) for t in XSD_FLOATS}


@dataclass(frozen=True, slots=True)
class Node:
    iri: str
    labels: tuple[str, ...]  # sorted, always with Resource
    props: dict[str, Any]  # includes iri and graph


@dataclass(frozen=True, slots=True)
class Rel:
    start: str
    type: str
    end: str
    graph: str


@dataclass(slots=True)
class Unit:
    """What one named graph owns: replaced as a whole in Neo4j."""

    graph: str
    nodes: list[Node] = field(default_factory=list)
    rels: list[Rel] = field(default_factory=list)

    def digest(self) -> str:
        """SHA-256 of everything the unit writes (and of ipgraph's version, which decides how):
        equal digests mean a push would write the same thing again."""
        nodes = sorted((n.iri, n.labels, sorted(n.props.items())) for n in self.nodes)
        rels = sorted((r.start, r.type, r.end, r.graph) for r in self.rels)
        text = json.dumps([_ipgraph_version(), self.graph, nodes, rels], ensure_ascii=False, default=str)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()


@cache
def _ipgraph_version() -> str:
    try:
        return metadata.version("ipgraph")
    except metadata.PackageNotFoundError:  # run from a source tree that is not installed
        return "unknown"


@dataclass(slots=True)
class PropertyGraph:
    units: dict[str, Unit]  # the shared unit first, then the others by id
    dropped: Counter[str] = field(default_factory=Counter)  # what the schema does not know, by reason

    def nodes(self) -> Iterable[Node]:
        for unit in self.units.values():
            yield from unit.nodes

    def rels(self) -> Iterable[Rel]:
        for unit in self.units.values():
            yield from unit.rels

    def label_counts(self) -> Counter[str]:
        """Nodes per label (what ``MATCH (n:Label)`` counts after a push)."""
        return Counter(label for node in self.nodes() for label in node.labels)

    def rel_type_counts(self) -> Counter[str]:
        return Counter(rel.type for rel in self.rels())

    def unit_counts(self, graph: str) -> tuple[int, int]:
        unit = self.units[graph]
        return len(unit.nodes), len(unit.rels)


def graph_id(context: RdfNode | None) -> str:
    """Short id of a named graph: ``shared``, ``plan/{id}``; ``default`` for the default graph.

    >>> graph_id(URIRef("https://w3id.org/ipgraph/graph/plan/4a2dee32b4463aac"))
    'plan/4a2dee32b4463aac'
    """
    if context is None or isinstance(context, BNode) or context == DATASET_DEFAULT_GRAPH_ID:
        return DEFAULT
    if context == SHARED_GRAPH:
        return SHARED
    if context == HISTORY_GRAPH:
        return HISTORY
    text = str(context)
    return text[len(str(GRAPH)) :] if text.startswith(str(GRAPH)) else text


def _value(lit: Literal) -> Any:
    dt = lit.datatype
    if dt in _INTEGER_TYPES:
        try:
            return int(lit)
        except (TypeError, ValueError):
            return str(lit)
    if dt in _FLOAT_TYPES:
        try:
            return float(Decimal(str(lit)))
        except ArithmeticError:
            return str(lit)
    if dt == XSD.boolean:
        return lit.toPython() is True
    return str(lit)


def _quads(source: Dataset | Graph) -> Iterable[tuple[RdfNode, RdfNode, RdfNode, str]]:
    if isinstance(source, Dataset):
        for s, p, o, g in source.quads((None, None, None, None)):
            yield s, p, o, graph_id(g)
    else:
        ident = graph_id(source.identifier)
        for s, p, o in source:
            yield s, p, o, ident


def to_property_graph(source: Dataset | Graph, schema: Schema | None = None) -> PropertyGraph:
    """Map an RDF dataset (one named graph per plan) to nodes and relationships (see module doc).

    Parameters
    ----------
    source : an rdflib Dataset (named graphs become units) or a Graph (one unit).
    schema : the fixed vocabulary; the packaged ontology's by default.
    """
    found = _collect(source, schema or load_schema())
    owners = _owners(found)
    units = _node_units(found, owners)
    _place_rels(found.rels, owners, units)
    history = {HISTORY: units.pop(HISTORY)} if HISTORY in units else {}
    ordered = {SHARED: units.pop(SHARED)} | dict(sorted(units.items())) | history
    return PropertyGraph(ordered, found.dropped)


@dataclass
class _Collected:
    """What the quads say, per node IRI: labels, literal values, graphs; the relationships."""

    dropped: Counter[str] = field(default_factory=Counter)
    labels: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    literals: dict[str, dict[str, list[Any]]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(list))
    )
    scalar_keys: set[str] = field(default_factory=set)
    graphs_of: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    rels: set[Rel] = field(default_factory=set)


def _collect(source: Dataset | Graph, schema: Schema) -> _Collected:
    """One pass over the quads; what the schema has no name for is counted in ``dropped``."""
    found = _Collected()
    dropped, graphs_of = found.dropped, found.graphs_of
    for s, p, o, g in _quads(source):
        if not isinstance(s, URIRef):
            dropped["blank-node subject"] += 1
            continue
        iri = str(s)
        graphs_of[iri].add(g)
        if p == RDF.type:
            name = schema.labels.get(o) if isinstance(o, URIRef) else None
            if name is None:
                dropped[f"class {o}"] += 1
            else:
                found.labels[iri].add(name)
        elif isinstance(o, Literal):
            key = schema.keys.get(p)  # type: ignore[arg-type]
            if key is None:
                dropped[f"literal property {p}"] += 1
                continue
            if o.language:
                key = f"{key}_{o.language.lower().replace('-', '_')}"
            if p in schema.scalar:
                found.scalar_keys.add(key)
            found.literals[iri][key].append(_value(o))
        elif isinstance(o, URIRef):
            rtype = schema.rel_types.get(p)  # type: ignore[arg-type]
            if rtype is None:
                dropped[f"object property {p}"] += 1
                continue
            graphs_of[str(o)]  # the object is a node even if nothing describes it
            found.rels.add(Rel(iri, rtype, str(o), g))
        else:
            dropped["blank-node object"] += 1
    return found


def _owners(found: _Collected) -> dict[str, str]:
    """Each node's unit: its one graph, or the shared unit when several graphs describe it."""
    # An object that nothing describes belongs to the graph(s) that point to it.
    for rel in found.rels:
        if not found.graphs_of[rel.end]:
            found.graphs_of[rel.end].add(rel.graph)
    owners = {}
    for iri, gs in found.graphs_of.items():
        gs = gs - {HISTORY} or gs  # the derived graph never takes a node from its owner
        owners[iri] = next(iter(gs)) if len(gs) == 1 else SHARED
    return owners


def _node_units(found: _Collected, owners: dict[str, str]) -> dict[str, Unit]:
    """The nodes with their labels and properties, in their owners' units."""
    units: dict[str, Unit] = {SHARED: Unit(SHARED)}
    for iri in sorted(found.graphs_of):
        owner = owners[iri]
        props: dict[str, Any] = {"iri": iri, "graph": owner}
        for key, values in sorted(found.literals[iri].items()):
            values = sorted(set(values), key=lambda v: (str(type(v)), v))
            props[key] = values[0] if key in found.scalar_keys and len(values) == 1 else values
        node = Node(iri, tuple(sorted({RESOURCE_LABEL, *found.labels[iri]})), props)
        units.setdefault(owner, Unit(owner)).nodes.append(node)
    return units


def _place_rels(rels: set[Rel], owners: dict[str, str], units: dict[str, Unit]) -> None:
    """A relationship goes with its graph's unit, unless it points into another (non-shared) unit:
    then it goes with that one, so a unit's relationships only need nodes already pushed."""
    placed: set[Rel] = set()
    for rel in rels:
        if rel.graph == HISTORY:  # pushed last, after every node it links
            placed.add(rel)
            continue
        unit = rel.graph
        for end in (rel.end, rel.start):
            if owners[end] not in (SHARED, unit):
                unit = owners[end]
                break
        placed.add(Rel(rel.start, rel.type, rel.end, unit))
    for rel in sorted(placed, key=lambda r: (r.graph, r.type, r.start, r.end)):
        units.setdefault(rel.graph, Unit(rel.graph)).rels.append(rel)
