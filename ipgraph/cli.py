"""The ``ipgraph`` command line: a thin layer over the library (each command is one call).

The commands live in :mod:`ipgraph.commands`, one module per topic.
"""

from __future__ import annotations

import importlib
import logging
from typing import Annotated

import typer

from .commands import COMMAND_MODULES

app = typer.Typer(
    help="Read Chinese IP work plans into a knowledge graph; query it, push it to Neo4j, draw it.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
)


@app.callback()
def _root(
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Show the library's progress log too.")
    ] = False,
) -> None:
    """Read Chinese IP work plans into a knowledge graph; query it, push it to Neo4j, draw it."""
    show_log(logging.INFO if verbose else logging.WARNING)


def show_log(level: int) -> None:
    """Print the library's log records (a fallback, a rebuilt store) on stderr, one line each."""
    logger = logging.getLogger("ipgraph")
    if not any(getattr(h, "ipgraph_cli", False) for h in logger.handlers):
        handler = logging.StreamHandler()  # stderr, looked up when a record is written
        handler.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
        handler.ipgraph_cli = True  # type: ignore[attr-defined]
        logger.addHandler(handler)
    logger.setLevel(level)


for _name in COMMAND_MODULES:
    importlib.import_module(f"ipgraph.commands.{_name}").register(app)


def main() -> None:  # pragma: no cover
    app()
