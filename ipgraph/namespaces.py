"""The graph's namespaces, prefixes and graph names: a leaf every RDF module imports.

Kept apart from :mod:`ipgraph.rdf` (which maps readings to triples) so that stores,
file formats and validation can name graphs and bind prefixes without importing the reader.
"""

from __future__ import annotations

from rdflib import Dataset, Graph, Namespace, URIRef
from rdflib.namespace import DCTERMS, ORG, PROV, SKOS

__all__ = [
    "AGENCY_TYPE",
    "CONTRIB_GRAPH_PREFIX",
    "GRAPH",
    "HISTORY_GRAPH",
    "ID",
    "IPG",
    "IP_TYPE",
    "PLAN_GRAPH_PREFIX",
    "PREFIXES",
    "PREFIX_IRIS",
    "SHAPES",
    "SHARED_GRAPH",
    "THEME",
    "bind_prefixes",
    "contribution_graph_iri",
    "new_dataset",
]

IPG = Namespace("https://w3id.org/ipgraph/ontology#")
ID = Namespace("https://w3id.org/ipgraph/id/")
GRAPH = Namespace("https://w3id.org/ipgraph/graph/")
SHAPES = Namespace("https://w3id.org/ipgraph/shapes#")
SHARED_GRAPH: URIRef = GRAPH["shared"]
# Facts derived from all plans at once (agency merges, reforms, editions, similar measures):
# made again whole by every build and update (ipgraph.history).
HISTORY_GRAPH: URIRef = GRAPH["history"]
PLAN_GRAPH_PREFIX = str(GRAPH["plan/"])
# Named graphs that record each plan's contribution to the shared graph (for ``build --update``).
CONTRIB_GRAPH_PREFIX = str(GRAPH["contrib/"])
AGENCY_TYPE = Namespace(f"{ID}agency-type/")
THEME = Namespace(f"{ID}theme/")
IP_TYPE = Namespace(f"{ID}ip-type/")

PREFIXES = {
    "ipg": IPG,
    "ipgid": ID,
    "prov": PROV,
    "org": ORG,
    "skos": SKOS,
    "dcterms": DCTERMS,
}
PREFIX_IRIS = {p: str(ns) for p, ns in PREFIXES.items()}  # as Oxigraph's writers take them


def bind_prefixes(graph: Graph) -> Graph:
    """Bind the project's prefixes on `graph` (for readable Turtle and TriG); return it."""
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns, override=True)
    return graph


def new_dataset() -> Dataset:
    """Return an empty Dataset whose default graph is the union of its named graphs."""
    return bind_prefixes(Dataset(default_union=True))


def contribution_graph_iri(plan_graph: URIRef | str) -> URIRef:
    """Return the IRI of the graph recording what a plan adds to the shared graph.

    ``…/graph/plan/{plan-id}`` → ``…/graph/contrib/{plan-id}``. These bookkeeping graphs let
    ``ipgraph build --update`` rebuild the shared graph from the plans it keeps; loaders drop
    them (see :mod:`ipgraph.dataset`).
    """
    return GRAPH[f"contrib/{str(plan_graph).rsplit('/', 1)[-1]}"]
