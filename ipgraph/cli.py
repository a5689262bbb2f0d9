"""The ``ipgraph`` command line: a thin layer over the library (each command is one call).

The commands live in :mod:`ipgraph.commands`, one module per topic.
"""

from __future__ import annotations

import importlib

import typer

from .commands import COMMAND_MODULES

app = typer.Typer(
    help="Read Chinese IP work plans into a knowledge graph; query it, push it to Neo4j, draw it.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
)


@app.callback()
def _root() -> None:
    """Read Chinese IP work plans into a knowledge graph; query it, push it to Neo4j, draw it."""


for _name in COMMAND_MODULES:
    importlib.import_module(f"ipgraph.commands.{_name}").register(app)


def main() -> None:  # pragma: no cover
    app()
