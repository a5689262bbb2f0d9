"""``serve``: a SPARQL endpoint on 127.0.0.1 over the graph's store, and the query pack's page."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ._common import fail


def register(app: typer.Typer) -> None:
    """Add ``serve`` to ``app``."""
    app.command("serve")(serve_cmd)


def serve_cmd(
    graph: Annotated[
        Path, typer.Option("--graph", "-g", help="The dataset built by 'ipgraph build' (.trig, .nq).")
    ] = Path("graph.trig"),
    port: Annotated[
        int, typer.Option("--port", min=1, max=65534, help="The endpoint's port; the page: +1.")
    ] = 7878,
    store_dir: Annotated[
        Path | None, typer.Option("--store-dir", help="The graph's store (default: GRAPH.store beside it).")
    ] = None,
) -> None:
    """Serve the graph on 127.0.0.1: Oxigraph's SPARQL endpoint and query page (the default
    graph is the union of the plans' graphs), and a page listing the query pack. Ctrl-C stops."""
    from ..serve import serve

    if not graph.is_file():
        fail(f"{graph}: no such graph file (build one with: ipgraph build PLANS -o {graph})", 2)
    try:
        serve(graph, port=port, store_dir=store_dir, ready=lambda text: typer.echo(text, err=True))
    except (OSError, ValueError) as e:
        fail(str(e), 2)
    except KeyboardInterrupt:
        pass
