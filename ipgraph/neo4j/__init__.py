"""Neo4j: push the graph (each plan replaced in one transaction), run the Cypher twins, export for Browser.

Modules: :mod:`.schema` (the fixed labels and types, from the ontology), :mod:`.mapping` (RDF →
property graph), :mod:`.statements` (the parameterised Cypher both ``push`` and ``export`` run),
:mod:`.push`, :mod:`.export`, :mod:`.queries` (the Cypher pack), :mod:`.connection` (one-line errors).
The ``neo4j`` driver is imported only when a server is contacted.
"""

from __future__ import annotations

from .connection import Neo4jConnectionError
from .export import ExportReport, export
from .mapping import PropertyGraph, to_property_graph
from .push import PushReport, push
from .queries import cypher_query_names, query_rows, read_cypher, read_cypher_file, run_query

__all__ = [
    "ExportReport",
    "Neo4jConnectionError",
    "PropertyGraph",
    "PushReport",
    "cypher_query_names",
    "export",
    "push",
    "query_rows",
    "read_cypher",
    "read_cypher_file",
    "run_query",
    "to_property_graph",
]
