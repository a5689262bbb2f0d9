"""What every command shares: one-line errors with an exit status."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, NoReturn

import typer


class Lang(StrEnum):
    """Label language of agencies, regions and concepts."""

    zh = "zh"
    en = "en"


class StoreKind(StrEnum):
    """The RDF store a graph file is read into (see :mod:`ipgraph.store`)."""

    oxigraph = "oxigraph"
    rdflib = "rdflib"


# Connection options shared by ``neo4j push|export`` and ``query --neo4j``.
Neo4jUser = Annotated[str, typer.Option("--user", help="Neo4j user.")]
Neo4jPasswordEnv = Annotated[
    str, typer.Option("--password-env", help="Environment variable holding the Neo4j password.")
]
Neo4jDatabase = Annotated[
    str | None, typer.Option("--database", help="Neo4j database (default: the server's).")
]


def fail(message: str, code: int = 1) -> NoReturn:
    """Print ``error: message`` on stderr and exit with ``code``."""
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code)
