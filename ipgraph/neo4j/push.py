"""Push a graph into Neo4j: each plan replaced as a unit in one transaction, nothing duplicated.

Order: constraints and indexes; the shared unit (regions, agencies, concepts: MERGEd, their
properties and labels replaced, the shared graph's relationships replaced); then each plan in its
own transaction (delete what the plan owned, then MERGE its nodes and relationships in batches);
then, unless ``prune=False``, the plans that Neo4j holds but the input no longer has are deleted
(one transaction each) and so are shared nodes the input no longer has. So after a push the ipgraph
part of the database (nodes labelled ``Resource``) mirrors the input graph; a second push changes
nothing; a push killed half-way leaves every plan either as before or as in the input, and pushing
again completes it.

Unchanged units are not sent again: each unit's transaction also records the unit's digest (a
SHA-256 of what it writes) on an ``IpgraphUnit`` node; a later push skips a unit whose digest and
node count in Neo4j are those of the input (so nodes deleted by hand are written again).
``force=True`` sends everything.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from rdflib import Dataset, Graph

from .connection import open_driver
from .mapping import SHARED, PropertyGraph, Unit, to_property_graph
from .schema import RESOURCE_LABEL, UNIT_LABEL, Schema, cypher_name, load_schema
from .statements import constraint_statements, delete_unit_statements, load_batches

__all__ = ["PushReport", "push", "push_property_graph"]

Progress = Callable[[str, str, int], None]
"""progress(event, graph, n): ("batch", graph, rows) inside a unit's transaction, ("unit", graph,
nodes) after it commits, ("skipped", graph, 0) for a unit unchanged since the last push, ("removed",
graph, 0) after a plan absent from the input was deleted."""


@dataclass(slots=True)
class PushReport:
    units: int = 0  # units written (the shared graph and plans)
    skipped: list[str] = field(default_factory=list)  # units unchanged since the last push
    nodes: int = 0
    relationships: int = 0
    removed_graphs: list[str] = field(default_factory=list)
    removed_shared_nodes: int = 0
    dropped: dict[str, int] = field(default_factory=dict)


_UNIT = cypher_name(UNIT_LABEL)


def _write_unit(
    tx: Any, unit: Unit, digest: str, schema: Schema, batch_size: int, progress: Progress | None
) -> None:
    for stmt in delete_unit_statements(schema, nodes=unit.graph != SHARED):
        tx.run(stmt, graph=unit.graph).consume()
    for batch in load_batches(unit, schema, batch_size):
        tx.run(batch.cypher, rows=batch.rows).consume()
        if progress:
            progress("batch", unit.graph, len(batch.rows))
    tx.run(
        f"MERGE (u:{_UNIT} {{graph: $graph}}) SET u.digest = $digest", graph=unit.graph, digest=digest
    ).consume()


def _delete_graph(tx: Any, graph: str, schema: Schema) -> None:
    for stmt in delete_unit_statements(schema, nodes=True):
        tx.run(stmt, graph=graph).consume()
    tx.run(f"MATCH (u:{_UNIT} {{graph: $graph}}) DELETE u", graph=graph).consume()


def _pushed_units(tx: Any) -> dict[str, tuple[str, int]]:
    """graph → (digest recorded by the last push, nodes Neo4j holds for it now)."""
    res = cypher_name(RESOURCE_LABEL)
    counts = {
        r["g"]: r["c"]
        for r in tx.run(f"MATCH (n:{res}) WHERE n.graph IS NOT NULL RETURN n.graph AS g, count(*) AS c")
    }
    digests = {r["g"]: r["d"] for r in tx.run(f"MATCH (u:{_UNIT}) RETURN u.graph AS g, u.digest AS d")}
    return {g: (d, counts.get(g, 0)) for g, d in digests.items()}


def _graphs_in_db(tx: Any) -> list[str]:
    res = cypher_name(RESOURCE_LABEL)
    result = tx.run(f"MATCH (n:{res}) WHERE n.graph IS NOT NULL RETURN DISTINCT n.graph AS g")
    return [r["g"] for r in result]


def _prune_shared(tx: Any, keep: list[str]) -> int:
    res = cypher_name(RESOURCE_LABEL)
    record = tx.run(
        f"MATCH (n:{res} {{graph: $shared}}) WHERE NOT n.iri IN $keep "
        "WITH n, n.iri AS iri DETACH DELETE n RETURN count(iri) AS removed",
        shared=SHARED,
        keep=keep,
    ).single()
    return int(record["removed"]) if record else 0


def push_property_graph(
    driver: Any,
    pg: PropertyGraph,
    *,
    database: str | None = None,
    batch_size: int = 500,
    prune: bool = True,
    progress: Progress | None = None,
    schema: Schema | None = None,
    force: bool = False,
) -> PushReport:
    """Push ``pg`` through an open driver (see the module docstring for the order and guarantees)."""
    schema = schema or load_schema()
    report = PushReport(dropped=dict(pg.dropped))
    with driver.session(database=database) as session:
        for stmt in constraint_statements(schema):
            session.run(stmt).consume()
        session.run(
            f"CREATE CONSTRAINT ipgraph_unit_graph IF NOT EXISTS FOR (u:{_UNIT}) REQUIRE u.graph IS UNIQUE"
        ).consume()
        pushed = {} if force else session.execute_read(_pushed_units)
        for unit in pg.units.values():
            digest = unit.digest()
            if pushed.get(unit.graph) == (digest, len(unit.nodes)):
                report.skipped.append(unit.graph)
                if progress:
                    progress("skipped", unit.graph, 0)
                continue
            session.execute_write(_write_unit, unit, digest, schema, batch_size, progress)
            report.units += 1
            report.nodes += len(unit.nodes)
            report.relationships += len(unit.rels)
            if progress:
                progress("unit", unit.graph, len(unit.nodes))
        if prune:
            for graph in sorted(set(session.execute_read(_graphs_in_db)) - set(pg.units) - {SHARED}):
                session.execute_write(_delete_graph, graph, schema)
                report.removed_graphs.append(graph)
                if progress:
                    progress("removed", graph, 0)
            keep = [node.iri for node in pg.units[SHARED].nodes]
            report.removed_shared_nodes = session.execute_write(_prune_shared, keep)
    return report


def push(
    source: Dataset | Graph,
    uri: str,
    *,
    user: str = "neo4j",
    password: str,
    database: str | None = None,
    batch_size: int = 500,
    prune: bool = True,
    progress: Progress | None = None,
    retry_seconds: float = 15.0,
    force: bool = False,
) -> PushReport:
    """Load an RDF dataset into Neo4j at ``uri`` so that it mirrors the dataset.

    Parameters
    ----------
    source : the graph (one named graph per plan, as written by ``ipgraph build``).
    uri, user, password, database : where to push (``database`` None: the server's default).
    batch_size : rows per ``UNWIND`` statement.
    prune : delete plans and shared nodes that Neo4j holds but ``source`` does not.
    progress : called as ``progress(event, graph, n)`` (see ``Progress``).
    retry_seconds : how long the driver retries a transaction after a transient failure.
    force : write every unit, even those unchanged since the last push.

    Raises
    ------
    Neo4jConnectionError
        Unreachable server, refused login, unknown database (before anything is written), or the
        connection lost during the push (then every plan is either as before or as in ``source``).
    """
    pg = to_property_graph(source)
    with open_driver(uri, user, password, database=database, retry_seconds=retry_seconds) as driver:
        return push_property_graph(
            driver, pg, database=database, batch_size=batch_size, prune=prune, progress=progress, force=force
        )
