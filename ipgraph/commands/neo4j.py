"""``neo4j push`` / ``neo4j export``: the graph in Neo4j, and a load script for Neo4j Browser."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from ._common import Neo4jDatabase, Neo4jPasswordEnv, Neo4jUser, fail, shown

neo4j_app = typer.Typer(
    help="Push the graph into Neo4j, or export it for Neo4j Browser.",
    no_args_is_help=True,
)

GraphOpt = Annotated[
    Path, typer.Option("--graph", "-g", help="The dataset built by 'ipgraph build' (.trig, .nq).")
]


def register(app: typer.Typer) -> None:
    """Add the ``neo4j`` sub-command group (``push``, ``export``) to ``app``."""
    app.add_typer(neo4j_app, name="neo4j")


def _quiet_driver() -> None:
    """The driver logs each retry as a warning; the command reports failures itself, in one line."""
    import logging

    logging.getLogger("neo4j").addHandler(logging.NullHandler())


def _load(graph: Path):
    """The graphs of the file, from its on-disk store (made first if it does not match)."""
    from ..store import open_store

    if not graph.is_file():
        fail(f"{graph}: no such graph file (build one with: ipgraph build PLANS -o {graph})", 2)
    try:
        return open_store(graph).to_rdflib()
    except Exception as exc:  # parsers raise many kinds
        first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        fail(f"{graph}: cannot read the graph: {first}", 2)


def _read(graph: Path):
    """The file's property graph, its quads streamed from the file itself: a push reads every quad,
    and Oxigraph's parser gives them four times faster than the on-disk store (6 s against 25 s at
    1,000 plans)."""
    from ..neo4j.mapping import to_property_graph

    try:
        return to_property_graph(graph)
    except Exception as exc:  # parsers raise many kinds
        first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        fail(f"{graph}: cannot read the graph: {first}", 2)


@neo4j_app.command("push")
def push_cmd(
    graph: GraphOpt = Path("graph.trig"),
    uri: Annotated[
        str, typer.Option("--uri", help="Bolt address of the Neo4j server.")
    ] = "bolt://127.0.0.1:7687",
    user: Neo4jUser = "neo4j",
    password_env: Neo4jPasswordEnv = "NEO4J_PASSWORD",
    database: Neo4jDatabase = None,
    batch_size: Annotated[int, typer.Option("--batch-size", min=1, help="Rows per UNWIND statement.")] = 5000,
    prune: Annotated[
        bool | None,
        typer.Option(
            "--prune/--keep-others",
            help="Delete plans and shared nodes that Neo4j holds but the graph no longer has "
            "(default: yes, unless that is most of the database: then the push is refused).",
            show_default=False,
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Send every plan, also those unchanged since the last push.")
    ] = False,
) -> None:
    """Load the graph into Neo4j: each plan replaced as a unit in one transaction.

    Pushing twice changes nothing; after a push the database mirrors the graph (plans missing from
    the graph are removed, unless --keep-others; a push that would remove most of the plans in the
    database is refused unless --prune). Plans unchanged since the last push are skipped (--force
    sends them too). One push at a time per database: a second one waits. Exit status 2 when Neo4j
    cannot be reached, the login is refused, the database does not exist, or the push is refused.
    """
    from neo4j.exceptions import DriverError, Neo4jError

    from ..neo4j import Neo4jConnectionError
    from ..neo4j.connection import open_driver
    from ..neo4j.mapping import HISTORY, SHARED
    from ..neo4j.push import PushRefused, push_property_graph

    password = os.environ.get(password_env)
    if password is None:
        fail(f"set the Neo4j password in the environment variable {password_env} (or: --password-env VAR)", 2)
    if not graph.is_file():
        fail(f"{graph}: no such graph file (build one with: ipgraph build PLANS -o {graph})", 2)
    _quiet_driver()
    try:  # connect and log in first: a wrong password is told before the graph is loaded
        with open_driver(uri, user, password, database=database) as driver:
            pg = _read(graph)
            report = push_property_graph(
                driver, pg, database=database, batch_size=batch_size, prune=prune, force=force
            )
    except (Neo4jConnectionError, PushRefused) as exc:
        fail(str(exc), 2)
    except (Neo4jError, DriverError) as exc:
        code = getattr(exc, "code", None) or type(exc).__name__
        first = (str(getattr(exc, "message", None) or exc).strip().splitlines() or [""])[0]
        fail(
            f"Neo4j failed during the push ({code}: {first[:200]}); every plan is either as before "
            "or as in the graph: push again to finish",
            2,
        )
    for what, count in sorted(report.dropped.items()):
        typer.echo(f"warning: not in the ontology, not pushed: {shown(what)} ({count} triples)", err=True)
    removed_plans = [g for g in report.removed_graphs if g != HISTORY]
    removed = f"; removed {len(removed_plans)} plan(s) no longer in the graph" if removed_plans else ""
    plans = len(set(report.written) - {SHARED, HISTORY})
    also = [f"the {g} graph" for g in (SHARED, HISTORY) if g in report.written]
    shared = "".join(f" and {what}" for what in also)
    skipped = f"; {len(report.skipped)} unchanged, skipped" if report.skipped else ""
    typer.echo(
        f"pushed {plans} plan(s){shared}: {report.nodes} nodes, "
        f"{report.relationships} relationships → {shown(uri)}{skipped}{removed}",
        err=True,
    )


@neo4j_app.command("export")
def export_cmd(
    graph: GraphOpt = Path("graph.trig"),
    output: Annotated[Path, typer.Option("--output", "-o", help="Folder to write.")] = Path("neo4j-export"),
    batch_size: Annotated[int, typer.Option("--batch-size", min=1, help="Rows per :param block.")] = 200,
) -> None:
    """Write a Cypher load script, a .grass stylesheet and the query pack as Browser favourites.

    In the folder: ipgraph.cypher (paste into Neo4j Browser, or: cypher-shell -f ipgraph.cypher),
    ipgraph.grass (drag onto Browser), favorites.zip and favorites/*.cypher (Browser favourites).
    """
    from ..neo4j import export

    dataset = _load(graph)
    try:
        report = export(dataset, output, batch_size=batch_size)
    except OSError as exc:
        fail(f"{output}: cannot write: {exc.strerror or exc}", 2)
    typer.echo(
        f"exported {report.nodes} nodes, {report.relationships} relationships "
        f"({report.statements} statements) → {shown(output)}/: {', '.join(report.files[:2])}, favorites.zip",
        err=True,
    )
