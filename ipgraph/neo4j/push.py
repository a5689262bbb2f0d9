"""Push a graph into Neo4j: each plan replaced as a unit in one transaction, nothing duplicated.

Order: constraints and indexes; the shared unit (regions, agencies, concepts: MERGEd, their
properties and labels replaced, the shared graph's relationships replaced) in its own transaction;
then the plans, whole plans in transactions of up to ``TX_ROWS`` nodes and relationships (delete
what those plans owned, then MERGE their nodes and CREATE their relationships in ``UNWIND`` batches
pooled across the plans: a thousand small plans make hundreds of statements, not tens of
thousands); then, unless ``prune=False``, the plans that Neo4j holds but the input no longer has are deleted
(one transaction each) and so are shared nodes the input no longer has. So after a push the ipgraph
part of the database (nodes labelled ``Resource``) mirrors the input graph; a second push changes
nothing; a push killed half-way leaves every plan either as before or as in the input, and pushing
again completes it.

Unchanged units are not sent again: each unit's transaction also records the unit's digest (a
SHA-256 of what it writes) on an ``IpgraphUnit`` node; a later push skips a unit whose digest and
node count in Neo4j are those of the input (so nodes deleted by hand are written again).
``force=True`` sends everything.

Safety (issue 17): a push that would remove most of the plans in the database (an empty or wrong
graph file) is refused before anything is written, unless ``prune=True`` is given explicitly
(``prune=None``, the default, prunes only a minority). One push at a time per database: a push
holds a lock node (``IpgraphLock``, outside the ``Resource`` graph) while it writes; a second push
waits for it (up to ``lock_wait`` seconds), so two pushes of different graphs never interleave.
The lock expires if its push dies (it is renewed after each transaction). Transient errors (deadlocks,
leader switches) are retried, also for the schema statements.
"""

from __future__ import annotations

import os
import secrets
import socket
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from rdflib import Dataset, Graph

from .connection import open_driver
from .mapping import HISTORY, SHARED, PropertyGraph, Unit, to_property_graph
from .schema import RESOURCE_LABEL, UNIT_LABEL, Schema, cypher_name, load_schema
from .statements import constraint_statements, delete_unit_statements, load_batches

__all__ = ["PushRefused", "PushReport", "push", "push_property_graph"]


class PushRefused(RuntimeError):
    """A push that was not started because it would lose data or collide with another push; the
    message is one line saying what to do."""


Progress = Callable[[str, str, int], None]
"""progress(event, graph, n): ("batch", graph, rows) inside a unit's transaction, ("unit", graph,
nodes) after it commits, ("skipped", graph, 0) for a unit unchanged since the last push, ("removed",
graph, 0) after a plan absent from the input was deleted."""


@dataclass(slots=True)
class PushReport:
    written: list[str] = field(default_factory=list)  # units written (shared, plans, history), by graph id
    skipped: list[str] = field(default_factory=list)  # units unchanged since the last push
    nodes: int = 0
    relationships: int = 0
    removed_graphs: list[str] = field(default_factory=list)
    removed_shared_nodes: int = 0
    dropped: dict[str, int] = field(default_factory=dict)

    @property
    def units(self) -> int:
        """How many units were written."""
        return len(self.written)


_UNIT = cypher_name(UNIT_LABEL)
_LOCK = "IpgraphLock"
LOCK_TTL = 120.0  # seconds a push's lock lasts unless renewed (after each unit)
LOCK_WAIT = 120.0  # seconds a push waits for another one to finish
TX_ROWS = 100_000  # nodes + relationships per transaction: plans are written this many at a time


def _groups(units: list[tuple[Unit, str]], rows: int) -> Iterator[list[tuple[Unit, str]]]:
    """Consecutive units in groups of about ``rows`` nodes and relationships, each unit whole (one
    transaction per group); the shared unit alone first, since the plans point at its nodes."""
    group: list[tuple[Unit, str]] = []
    size = 0
    for unit, digest in units:
        n = len(unit.nodes) + len(unit.rels)
        if group and (size + n > rows or group[0][0].graph == SHARED):
            yield group
            group, size = [], 0
        group.append((unit, digest))
        size += n
    if group:
        yield group


def _retry(action: Callable[[], Any], tries: int = 8) -> Any:
    """Run an auto-commit ``action`` again after a transient error (deadlock, lock timeout)."""
    from neo4j.exceptions import TransientError

    for attempt in range(tries):
        try:
            return action()
        except TransientError:
            if attempt == tries - 1:
                raise
            time.sleep(0.2 * 2**attempt * (0.5 + secrets.randbelow(100) / 100))
    return None


def _take_lock(tx: Any, owner: str, ttl_ms: int) -> dict[str, Any]:
    """Take the push lock if it is free, expired or ours; return its holder and expiry."""
    record = tx.run(
        f"MERGE (l:{_LOCK} {{name: 'push'}}) "
        "ON CREATE SET l.owner = $owner, l.until = timestamp() + $ttl, l.since = timestamp() "
        "WITH l, (l.owner = $owner OR l.until < timestamp()) AS free "
        "FOREACH (_ IN CASE WHEN free THEN [1] ELSE [] END | "
        "  SET l.owner = $owner, l.until = timestamp() + $ttl, l.since = timestamp()) "
        "RETURN l.owner AS owner, l.until - timestamp() AS left",
        owner=owner,
        ttl=ttl_ms,
    ).single()
    return dict(record) if record else {"owner": owner, "left": ttl_ms}


def _renew_lock(tx: Any, owner: str, ttl_ms: int) -> bool:
    record = tx.run(
        f"MATCH (l:{_LOCK} {{name: 'push', owner: $owner}}) SET l.until = timestamp() + $ttl RETURN l",
        owner=owner,
        ttl=ttl_ms,
    ).single()
    return record is not None


def _drop_lock(tx: Any, owner: str) -> None:
    tx.run(f"MATCH (l:{_LOCK} {{name: 'push', owner: $owner}}) DELETE l", owner=owner).consume()


def _lock(session: Any, wait: float) -> str:
    """Wait (up to ``wait`` s) for the database's push lock and take it; its owner id."""
    owner = f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(4)}"
    ttl_ms = int(LOCK_TTL * 1000)
    deadline = time.monotonic() + wait
    while True:
        held = session.execute_write(_take_lock, owner, ttl_ms)
        if held["owner"] == owner:
            return owner
        if time.monotonic() >= deadline:
            raise PushRefused(
                f"another push to this database is running ({held['owner']}); waited {wait:g} s. "
                f"Push again when it has finished (a push that died frees the database within "
                f"{LOCK_TTL:g} s)"
            )
        time.sleep(0.5)


def _write_units(
    tx: Any,
    units: list[tuple[Unit, str]],
    schema: Schema,
    batch_size: int,
    progress: Progress | None,
) -> None:
    """Replace ``units`` (with their digests) in one transaction: what they owned is deleted, then
    their nodes and relationships are written in pooled ``UNWIND`` batches."""
    graphs = [unit.graph for unit, _ in units]
    shared = [g for g in graphs if g == SHARED]
    plans = [g for g in graphs if g != SHARED]
    for keep_nodes, group in ((True, shared), (False, plans)):
        if group:  # the shared unit keeps its nodes (plans point at them); MERGE updates them
            for stmt in delete_unit_statements(schema, nodes=not keep_nodes):
                tx.run(stmt, graphs=group).consume()
    for batch in load_batches([unit for unit, _ in units], schema, batch_size, create_rels=True):
        tx.run(batch.cypher, rows=batch.rows).consume()
        if progress:
            per_graph = Counter(
                row["props"]["graph"] if batch.kind == "nodes" else row["g"] for row in batch.rows
            )
            for graph, rows in per_graph.items():
                progress("batch", graph, rows)
    tx.run(
        f"UNWIND $units AS unit MERGE (u:{_UNIT} {{graph: unit.graph}}) SET u.digest = unit.digest",
        units=[{"graph": unit.graph, "digest": digest} for unit, digest in units],
    ).consume()


def _delete_graph(tx: Any, graph: str, schema: Schema) -> None:
    for stmt in delete_unit_statements(schema, nodes=True):
        tx.run(stmt, graphs=[graph]).consume()
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
    batch_size: int = 5000,
    prune: bool | None = None,
    progress: Progress | None = None,
    schema: Schema | None = None,
    force: bool = False,
    lock_wait: float = LOCK_WAIT,
) -> PushReport:
    """Push ``pg`` through an open driver (see the module docstring for the order and guarantees).

    ``prune``: True removes what the graph no longer has, False keeps it, None (the default)
    removes it unless that would be most of the plans in the database (:class:`PushRefused`).
    """
    schema = schema or load_schema()
    report = PushReport(dropped=dict(pg.dropped))
    with driver.session(database=database) as session:
        own = [
            f"CREATE CONSTRAINT ipgraph_unit_graph IF NOT EXISTS FOR (u:{_UNIT}) REQUIRE u.graph IS UNIQUE",
            f"CREATE CONSTRAINT ipgraph_push_lock IF NOT EXISTS FOR (l:{_LOCK}) REQUIRE l.name IS UNIQUE",
        ]
        for stmt in [*constraint_statements(schema), *own]:
            _retry(lambda stmt=stmt: session.run(stmt).consume())
        owner = _lock(session, lock_wait)
        try:
            _push_units(session, pg, schema, batch_size, prune, progress, force, owner, report)
        finally:
            session.execute_write(_drop_lock, owner)
    return report


def _push_units(
    session: Any,
    pg: PropertyGraph,
    schema: Schema,
    batch_size: int,
    prune: bool | None,
    progress: Progress | None,
    force: bool,
    owner: str,
    report: PushReport,
) -> None:
    """The push itself, under the lock: check what pruning would remove, write units, prune."""
    not_plans = {SHARED, HISTORY}  # the shared graph and the one derived from all plans
    gone = sorted(set(session.execute_read(_graphs_in_db)) - set(pg.units) - not_plans)
    if prune is None and gone:
        held = [g for g in session.execute_read(_graphs_in_db) if g not in not_plans]
        if 2 * len(gone) > len(held):
            raise PushRefused(
                f"the graph would remove {len(gone)} of the {len(held)} plan(s) in the database "
                f"(it has {len(set(pg.units) - not_plans)} plan(s)); nothing was written. "
                "Is it the right graph file? --prune removes them, --keep-others keeps them"
            )
    pushed = {} if force else session.execute_read(_pushed_units)
    ttl_ms = int(LOCK_TTL * 1000)
    todo: list[tuple[Unit, str]] = []
    for unit in pg.units.values():
        digest = unit.digest()
        # the history unit links nodes of other units: written again whenever one of them was
        if pushed.get(unit.graph) == (digest, len(unit.nodes)) and not (unit.graph == HISTORY and todo):
            report.skipped.append(unit.graph)
            if progress:
                progress("skipped", unit.graph, 0)
            continue
        todo.append((unit, digest))
    for group in _groups(todo, max(batch_size, TX_ROWS)):
        session.execute_write(_write_units, group, schema, batch_size, progress)
        for unit, _ in group:
            report.written.append(unit.graph)
            report.nodes += len(unit.nodes)
            report.relationships += len(unit.rels)
            if progress:
                progress("unit", unit.graph, len(unit.nodes))
        if not session.execute_write(_renew_lock, owner, ttl_ms):
            raise PushRefused("the push lock expired and another push took the database; push again")
    if prune is not False:
        for graph in sorted(set(session.execute_read(_graphs_in_db)) - set(pg.units) - {SHARED}):
            session.execute_write(_delete_graph, graph, schema)
            report.removed_graphs.append(graph)
            if progress:
                progress("removed", graph, 0)
        keep = [node.iri for node in pg.units[SHARED].nodes] if SHARED in pg.units else []
        report.removed_shared_nodes = session.execute_write(_prune_shared, keep)


def push(
    source: Dataset | Graph,
    uri: str,
    *,
    user: str = "neo4j",
    password: str,
    database: str | None = None,
    batch_size: int = 5000,
    prune: bool | None = None,
    progress: Progress | None = None,
    retry_seconds: float = 15.0,
    force: bool = False,
    lock_wait: float = LOCK_WAIT,
) -> PushReport:
    """Load an RDF dataset into Neo4j at ``uri`` so that it mirrors the dataset.

    Parameters
    ----------
    source : the graph (one named graph per plan, as written by ``ipgraph build``).
    uri, user, password, database : where to push (``database`` None: the server's default).
    batch_size : rows per ``UNWIND`` statement.
    prune : delete plans and shared nodes that Neo4j holds but ``source`` does not: True always,
        False never, None (default) unless that would remove most of the plans in the database
        (then :class:`PushRefused`, before anything is written).
    progress : called as ``progress(event, graph, n)`` (see ``Progress``).
    retry_seconds : how long the driver retries a transaction after a transient failure.
    force : write every unit, even those unchanged since the last push.
    lock_wait : seconds to wait for another push to the same database to finish.

    Raises
    ------
    Neo4jConnectionError
        Unreachable server, refused login, unknown database (before anything is written), or the
        connection lost during the push (then every plan is either as before or as in ``source``).
    PushRefused
        The push would remove most of the database (see ``prune``), or another push holds the
        database for longer than ``lock_wait``.
    """
    pg = to_property_graph(source)
    with open_driver(uri, user, password, database=database, retry_seconds=retry_seconds) as driver:
        return push_property_graph(
            driver,
            pg,
            database=database,
            batch_size=batch_size,
            prune=prune,
            progress=progress,
            force=force,
            lock_wait=lock_wait,
        )
