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
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

from rdflib import RDF, XSD, BNode, Dataset, Graph, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.term import Node as RdfNode

from ipgraph.namespaces import CONTRIB_GRAPH_PREFIX, GRAPH, HISTORY_GRAPH, SHARED_GRAPH
from ipgraph.rdffiles import ox_format
from ipgraph.store import OxigraphStore
from ipgraph.terms import XSD_FLOATS, XSD_INTEGERS

from .schema import RESOURCE_LABEL, Schema, load_schema

__all__ = ["HISTORY", "SHARED", "Node", "PropertyGraph", "Rel", "Unit", "graph_id", "to_property_graph"]

SHARED = "shared"
HISTORY = "history"
DEFAULT = "default"


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


def _value(lexical: str, datatype: str) -> Any:
    """A literal's value for Neo4j, from its lexical form and datatype IRI ("" for plain text)."""
    if datatype in XSD_INTEGERS:
        try:
            return int(lexical)
        except (TypeError, ValueError):
            return lexical
    if datatype in XSD_FLOATS:
        try:
            return float(Decimal(lexical))
        except ArithmeticError:
            return lexical
    if datatype == _XSD_BOOLEAN:
        return lexical.lower() in ("true", "1")  # as rdflib reads it: anything else is false
    return lexical


# A quad as the mapping reads it, the same from rdflib and from Oxigraph: subject IRI (None for a
# blank node), predicate IRI, object kind, object text (IRI, lexical form or blank node id),
# language ("" for none), datatype IRI ("" for plain and language-tagged text), graph id.
_IRI, _LITERAL, _BLANK = 0, 1, 2
_Quad = tuple[str | None, str, int, str, str, str, str]
_XSD_BOOLEAN = str(XSD.boolean)
_PLAIN = {"", str(XSD.string), str(RDF.langString)}


def _rdflib_quads(source: Dataset | Graph) -> Iterator[_Quad]:
    if isinstance(source, Dataset):
        quads: Iterable[tuple[Any, Any, Any, str]] = (
            (s, p, o, graph_id(g)) for s, p, o, g in source.quads((None, None, None, None))
        )
    else:
        ident = graph_id(source.identifier)
        quads = ((s, p, o, ident) for s, p, o in source)
    for s, p, o, g in quads:
        subject = str(s) if isinstance(s, URIRef) else None
        if isinstance(o, Literal):
            dt = str(o.datatype) if o.datatype else ""
            yield subject, str(p), _LITERAL, str(o), o.language or "", "" if dt in _PLAIN else dt, g
        else:
            yield subject, str(p), _IRI if isinstance(o, URIRef) else _BLANK, str(o), "", "", g


def _oxigraph_quads(source: OxigraphStore) -> Iterator[_Quad]:
    """The named graphs of an Oxigraph store (its default graph too unless it holds their union),
    read without making rdflib terms: a tenth of the time of a copy into rdflib at 1,000 plans."""
    import pyoxigraph as ox

    store = source.store
    named = list(store.named_graphs())
    graphs = named if source.union_default and named else [ox.DefaultGraph(), *named]
    for g in graphs:
        gid = graph_id(None if isinstance(g, ox.DefaultGraph | ox.BlankNode) else URIRef(g.value))
        for q in store.quads_for_pattern(None, None, None, g):
            yield _quad_row(q, gid, ox)


def _quad_row(q: Any, gid: str, ox: Any) -> _Quad:
    """One pyoxigraph quad as the mapping's row (shared by the store and the file readers);
    ``ox`` is the pyoxigraph module, passed in so the hot loop does no import."""
    s, p, o = q.subject, q.predicate.value, q.object
    subject = s.value if isinstance(s, ox.NamedNode) else None
    if isinstance(o, ox.Literal):
        dt = o.datatype.value
        return subject, p, _LITERAL, o.value, o.language or "", "" if dt in _PLAIN else dt, gid
    return subject, p, _IRI if isinstance(o, ox.NamedNode) else _BLANK, o.value, "", "", gid


def _file_quads(path: Path) -> Iterator[_Quad]:
    """A dataset file's quads, streamed by Oxigraph's parser (the bookkeeping graphs left out):
    856k quads in 6 s, where reading them back from the on-disk store takes 25 s."""
    import pyoxigraph as ox

    ids: dict[Any, str] = {}
    for q in ox.parse(path=str(path), format=ox_format(path)):
        g = q.graph_name
        gid = ids.get(g)
        if gid is None:
            named = isinstance(g, ox.NamedNode)
            if named and g.value.startswith(CONTRIB_GRAPH_PREFIX):
                continue
            gid = ids[g] = graph_id(URIRef(g.value) if named else None)
        yield _quad_row(q, gid, ox)


def to_property_graph(
    source: Dataset | Graph | OxigraphStore | Path, schema: Schema | None = None
) -> PropertyGraph:
    """Map an RDF dataset (one named graph per plan) to nodes and relationships (see module doc).

    Parameters
    ----------
    source : an rdflib Dataset (named graphs become units) or a Graph (one unit); an Oxigraph
        store as :func:`ipgraph.store.open_store` gives it; or a dataset file (.trig, .nq, .ttl,
        .nt), streamed by Oxigraph's parser — the fast way for a whole file.
    schema : the fixed vocabulary; the packaged ontology's by default.
    """
    if isinstance(source, Path):
        quads = _file_quads(source)
    elif isinstance(source, OxigraphStore):
        quads = _oxigraph_quads(source)
    else:
        quads = _rdflib_quads(source)
    found = _collect(quads, schema or load_schema())
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
    rels: set[tuple[str, str, str, str]] = field(default_factory=set)  # start, type, end, graph


def _plain_schema(schema: Schema) -> tuple[dict[str, str], dict[str, str], dict[str, str], frozenset[str]]:
    """The schema's tables keyed by plain strings (an rdflib URIRef never equals a str)."""
    return (
        {str(k): v for k, v in schema.labels.items()},
        {str(k): v for k, v in schema.keys.items()},
        {str(k): v for k, v in schema.rel_types.items()},
        frozenset(str(k) for k in schema.scalar),
    )


def _collect(quads: Iterable[_Quad], schema: Schema) -> _Collected:
    """One pass over the quads; what the schema has no name for is counted in ``dropped``."""
    found = _Collected()
    dropped, graphs_of, labels, literals = found.dropped, found.graphs_of, found.labels, found.literals
    class_labels, keys, rel_types, scalar = _plain_schema(schema)
    rdf_type = str(RDF.type)
    for iri, p, kind, o, lang, dt, g in quads:
        if iri is None:
            dropped["blank-node subject"] += 1
            continue
        graphs_of[iri].add(g)
        if p == rdf_type:
            name = class_labels.get(o) if kind == _IRI else None
            if name is None:
                dropped[f"class {o}"] += 1
            else:
                labels[iri].add(name)
        elif kind == _LITERAL:
            key = keys.get(p)
            if key is None:
                dropped[f"literal property {p}"] += 1
                continue
            if lang:
                key = f"{key}_{lang.lower().replace('-', '_')}"
            if p in scalar:
                found.scalar_keys.add(key)
            literals[iri][key].append(_value(o, dt))
        elif kind == _IRI:
            rtype = rel_types.get(p)
            if rtype is None:
                dropped[f"object property {p}"] += 1
                continue
            graphs_of[o]  # the object is a node even if nothing describes it
            found.rels.add((iri, rtype, o, g))  # a tuple: hashed faster than a Rel
        else:
            dropped["blank-node object"] += 1
    return found


def _owners(found: _Collected) -> dict[str, str]:
    """Each node's unit: its one graph, or the shared unit when several graphs describe it."""
    # An object that nothing describes belongs to the graph(s) that point to it.
    graphs_of = found.graphs_of
    for _, _, end, graph in found.rels:
        if not graphs_of[end]:
            graphs_of[end].add(graph)
    owners = {}
    for iri, gs in graphs_of.items():
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
            if len(values) > 1:
                values = sorted(set(values), key=lambda v: (str(type(v)), v))
            props[key] = values[0] if key in found.scalar_keys and len(values) == 1 else values
        node = Node(iri, tuple(sorted({RESOURCE_LABEL, *found.labels[iri]})), props)
        units.setdefault(owner, Unit(owner)).nodes.append(node)
    return units


def _place_rels(rels: set[tuple[str, str, str, str]], owners: dict[str, str], units: dict[str, Unit]) -> None:
    """A relationship goes with its graph's unit, unless it points into another (non-shared) unit:
    then it goes with that one, so a unit's relationships only need nodes already pushed."""
    placed: set[tuple[str, str, str, str]] = set()  # unit, type, start, end: sorted as they are
    for start, rtype, end, graph in rels:
        unit = graph
        if graph != HISTORY:  # the history unit keeps its links: pushed last, after every node
            for node in (end, start):
                owner = owners[node]
                if owner != SHARED and owner != unit:
                    unit = owner
                    break
        placed.add((unit, rtype, start, end))
    current: Unit | None = None
    for unit, rtype, start, end in sorted(placed):
        if current is None or current.graph != unit:
            current = units.setdefault(unit, Unit(unit))
        current.rels.append(Rel(start, rtype, end, unit))
