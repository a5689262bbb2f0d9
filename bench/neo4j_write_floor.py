"""What a running Neo4j needs to write the push's volume when no client sends it anything.

Issue 15 asks for a push ≥ 5× faster than rdflib-neo4j (56.5 s end to end at 1,000 plans: 11.3 s).
This script makes the server write as many nodes and relationships as ``ipgraph neo4j push`` writes
for 1,000 plans (115,254 nodes, 394,738 relationships), generated inside the server (``UNWIND range``;
no data on the wire, no client CPU), in transactions of 5,000 rows, relationships found by the
``iri`` uniqueness constraint and carrying an indexed ``graph`` property as the push's do. If that
alone takes longer than the target, no client can meet it through Bolt. The nodes are labelled
``:Floor`` and deleted afterwards::

    NEO4J_PASSWORD=… python bench/neo4j_write_floor.py bolt://127.0.0.1:7687 [--repeat 2]

The database must hold ipgraph's schema (after one ``ipgraph neo4j push``): the uniqueness
constraint on ``:Resource(iri)``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time

NODES, RELS = 115_254, 394_738  # what the push of bench/generate.py 1000 --seed 7 writes

CREATE_NODES = (
    "UNWIND range(1, $n) AS i CALL (i) { CREATE (:Resource:Floor {iri: 'urn:floor:' + i, "
    "graph: 'urn:g:' + (i % 1000), label_zh: '单位' + i, path: '1.' + i}) } IN TRANSACTIONS OF 5000 ROWS"
)
CREATE_RELS = (
    "UNWIND range(1, $r) AS i CALL (i) { MATCH (a:Resource {iri: 'urn:floor:' + (i % $n + 1)}) "
    "MATCH (b:Resource {iri: 'urn:floor:' + ((i * 7919) % $n + 1)}) "
    "CREATE (a)-[:FLOOR_REL {graph: 'urn:g:' + (i % 1000)}]->(b) } IN TRANSACTIONS OF 5000 ROWS"
)


def main() -> None:
    import neo4j

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("uri")
    ap.add_argument("--user", default="neo4j")
    ap.add_argument("--repeat", type=int, default=2)
    args = ap.parse_args()
    driver = neo4j.GraphDatabase.driver(args.uri, auth=(args.user, os.environ["NEO4J_PASSWORD"]))

    def run(cypher: str, **params: int) -> float:
        with driver.session() as session:
            start = time.perf_counter()
            session.run(cypher, **params).consume()  # type: ignore[arg-type]  # fixed text, no user input
            return time.perf_counter() - start

    run("CREATE INDEX floor_rel_graph IF NOT EXISTS FOR ()-[r:FLOOR_REL]-() ON (r.graph)")
    totals = []
    try:
        for _ in range(args.repeat):
            nodes = run(CREATE_NODES, n=NODES)
            rels = run(CREATE_RELS, r=RELS, n=NODES)
            totals.append(nodes + rels)
            print(f"nodes {nodes:.1f} s, relationships {rels:.1f} s, both {nodes + rels:.1f} s", flush=True)
            run("MATCH (n:Floor) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS")
    finally:
        run("MATCH (n:Floor) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS")
        run("DROP INDEX floor_rel_graph IF EXISTS")
        driver.close()
    print(f"median {statistics.median(totals):.1f} s for {NODES:,} nodes and {RELS:,} relationships")


if __name__ == "__main__":
    main()
