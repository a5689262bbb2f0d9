"""The ``ipgraph`` command line: a thin layer over the library (each command is one call)."""

from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from .loaders import LoadError
from .pipeline import read_plan

app = typer.Typer(
    help="Read Chinese IP work plans into a knowledge graph; query it, push it to Neo4j, draw it.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
)


@app.callback()
def _root() -> None:
    """Read Chinese IP work plans into a knowledge graph; query it, push it to Neo4j, draw it."""


class ExtractFormat(str, Enum):
    json = "json"
    ttl = "ttl"


def _fail(message: str, code: int = 1) -> None:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code)


@app.command()
def extract(
    file: Annotated[Path, typer.Argument(help="A plan file (.txt).")],
    format: Annotated[ExtractFormat, typer.Option("--format", "-f", help="json: the reading; ttl: its triples.")] = (
        ExtractFormat.json
    ),
) -> None:
    """Print the reading of one plan (JSON in the reference shape) or its RDF triples (Turtle)."""
    try:
        reading = read_plan(file)
    except LoadError as e:
        _fail(str(e))
    if format is ExtractFormat.json:
        sys.stdout.write(json.dumps(reading.to_json(), ensure_ascii=False, indent=2) + "\n")
    else:
        from .rdf import plan_graph

        sys.stdout.write(plan_graph(reading).serialize(format="turtle"))


def main() -> None:  # pragma: no cover
    app()
