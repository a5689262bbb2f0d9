"""The Cypher statements that load a property graph, shared by ``push`` and ``export``.

Statement text holds only backtick-quoted names from the schema's fixed list; every value from the
documents travels in ``$rows`` (a driver parameter for ``push``, a ``:param`` line for ``export``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from .mapping import Unit
from .schema import RESOURCE_LABEL, Schema, cypher_name

__all__ = ["Batch", "constraint_statements", "delete_unit_statements", "load_batches"]


@dataclass(frozen=True, slots=True)
class Batch:
    """One ``UNWIND $rows …`` statement and its rows."""

    cypher: str
    rows: list[dict[str, Any]]
    kind: str  # "nodes" or "rels"


def constraint_statements(schema: Schema) -> list[str]:
    """Uniqueness of ``iri``, an index on ``graph`` for nodes and for each relationship type."""
    out = [
        f"CREATE CONSTRAINT ipgraph_resource_iri IF NOT EXISTS "
        f"FOR (n:{cypher_name(RESOURCE_LABEL)}) REQUIRE n.iri IS UNIQUE",
        f"CREATE INDEX ipgraph_resource_graph IF NOT EXISTS "
        f"FOR (n:{cypher_name(RESOURCE_LABEL)}) ON (n.graph)",
    ]
    for rtype in schema.all_rel_types:
        name = cypher_name(f"ipgraph_rel_{rtype.lower()}_graph")
        out.append(f"CREATE INDEX {name} IF NOT EXISTS FOR ()-[r:{cypher_name(rtype)}]-() ON (r.graph)")
    # Every property key of the ontology exists in the database even before a node has it, so
    # that a pack query asking for a rare one (placeProblem) runs without an unknown-key warning.
    out += [f"CALL db.createProperty({_cypher_string(k)})" for k in sorted(set(schema.keys.values()))]
    return out


def _cypher_string(text: str) -> str:
    """A Cypher string literal (the keys are the ontology's local names; escaped all the same)."""
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


def _node_cypher(schema: Schema, labels: tuple[str, ...]) -> str:
    extra = [schema.check_label(x) for x in labels if x != RESOURCE_LABEL]
    stale = "".join(":" + cypher_name(x) for x in schema.all_labels)
    text = (
        f"UNWIND $rows AS row MERGE (n:{cypher_name(RESOURCE_LABEL)} {{iri: row.iri}}) "
        f"REMOVE n{stale} SET n = row.props"
    )
    if extra:
        text += " SET n" + "".join(":" + cypher_name(x) for x in extra)
    return text


def _rel_cypher(schema: Schema, rtype: str, *, create: bool = False) -> str:
    """``create``: the caller has just deleted every relationship of the rows' graphs in the same
    transaction (and a unit holds no duplicates), so CREATE is safe and spares MERGE's look at the
    relationships the two nodes already have (thousands on a shared agency or concept)."""
    res = cypher_name(RESOURCE_LABEL)
    verb = "CREATE" if create else "MERGE"
    return (
        f"UNWIND $rows AS row MATCH (a:{res} {{iri: row.s}}) MATCH (b:{res} {{iri: row.o}}) "
        f"{verb} (a)-[r:{cypher_name(schema.check_rel_type(rtype))} {{graph: row.g}}]->(b)"
    )


def load_batches(
    units: Unit | Iterable[Unit], schema: Schema, batch_size: int = 500, *, create_rels: bool = False
) -> Iterator[Batch]:
    """Node batches (grouped by label set), then relationship batches (grouped by type), of one unit
    or of several (their rows pooled, so many small plans make few statements)."""
    units = [units] if isinstance(units, Unit) else list(units)
    by_labels: dict[tuple[str, ...], list[dict[str, Any]]] = defaultdict(list)
    for unit in units:
        for node in unit.nodes:
            by_labels[node.labels].append({"iri": node.iri, "props": node.props})
    for labels, rows in sorted(by_labels.items()):
        text = _node_cypher(schema, labels)
        for i in range(0, len(rows), batch_size):
            yield Batch(text, rows[i : i + batch_size], "nodes")
    by_type: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for unit in units:
        for rel in unit.rels:
            by_type[rel.type].append({"s": rel.start, "o": rel.end, "g": rel.graph})
    for rtype, rows in sorted(by_type.items()):
        text = _rel_cypher(schema, rtype, create=create_rels)
        for i in range(0, len(rows), batch_size):
            yield Batch(text, rows[i : i + batch_size], "rels")


def delete_unit_statements(schema: Schema, *, nodes: bool) -> list[str]:
    """Statements (parameter ``$graphs``, a list of graph ids) removing what those units own: their
    nodes (if ``nodes``) and their relationships, type by type so each uses its ``graph`` index;
    one statement, one round trip."""
    res = cypher_name(RESOURCE_LABEL)
    first = f"OPTIONAL MATCH (n:{res}) WHERE n.graph IN $graphs DETACH DELETE n WITH count(*) AS done"
    parts = [first] if nodes else []
    for rtype in schema.all_rel_types:
        parts.append(
            f"CALL () {{ UNWIND $graphs AS g MATCH ()-[r:{cypher_name(rtype)} {{graph: g}}]->() DELETE r }}"
        )
    if not nodes:
        parts.insert(0, "WITH 1 AS start")
    return ["\n".join(parts)]
