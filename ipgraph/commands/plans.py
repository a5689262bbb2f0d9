"""Commands that read plans: ``extract``, ``build``, ``validate``."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from ..loaders import LoadError
from ..pipeline import read_plan
from ._common import fail as _fail


def register(app: typer.Typer) -> None:
    app.command()(extract)
    app.command()(build)
    app.command("validate")(validate_cmd)


class ExtractFormat(StrEnum):
    json = "json"
    ttl = "ttl"


def extract(
    file: Annotated[Path, typer.Argument(help="A plan file (.txt).")],
    format: Annotated[
        ExtractFormat, typer.Option("--format", "-f", help="json: the reading; ttl: its triples.")
    ] = (ExtractFormat.json),
) -> None:
    """Print the reading of one plan (JSON in the reference shape) or its RDF triples (Turtle)."""
    try:
        reading = read_plan(file)
    except LoadError as e:
        _fail(str(e))
    if format is ExtractFormat.json:
        sys.stdout.write(json.dumps(reading.to_json(), ensure_ascii=False, indent=2) + "\n")
    else:
        from ..rdf import plan_graph

        sys.stdout.write(plan_graph(reading).serialize(format="turtle"))


def build(
    paths: Annotated[list[Path], typer.Argument(help="Plan files and folders (read recursively).")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Dataset to write (.trig or .nq).")] = Path(
        "graph.trig"
    ),
    check: Annotated[
        bool, typer.Option("--validate/--no-validate", help="Check against the SHACL shapes.")
    ] = True,
) -> None:
    """Read plans into one RDF dataset: a named graph per plan, one for shared things.

    Exit status 1 when any file could not be read or the graph violates the shapes.
    """
    from rich.console import Console
    from rich.progress import Progress

    from ..dataset import build as build_dataset
    from ..dataset import write_dataset
    from ..pipeline import expand_paths

    err = Console(stderr=True, soft_wrap=True)
    files = expand_paths(paths)
    if not files:
        _fail("no files found under " + " ".join(map(str, paths)), 2)
    with Progress(console=err, transient=True, disable=len(files) < 10) as bar:
        task = bar.add_task("reading plans", total=len(files))
        result = build_dataset(files, check=check, progress=lambda _: bar.advance(task))
    for f in result.failures:
        err.print(f"[red]failed[/red] {f.path}: {f.reason}", highlight=False)
    write_dataset(result.dataset, output)
    n = len(result.dataset)
    err.print(
        f"built {len(result.readings)} plan(s), {n} triples → {output}"
        + (f"; {len(result.failures)} file(s) failed" if result.failures else ""),
        highlight=False,
    )
    if result.validation is not None:
        v = result.validation
        err.print(
            "shapes: conforms" if v.conforms else f"shapes: {v.violations} violation(s)\n{v.text}",
            highlight=False,
        )
    raise typer.Exit(0 if result.ok else 1)


def validate_cmd(graph: Annotated[Path, typer.Argument(help="An RDF file (.trig, .nq, .ttl).")]) -> None:
    """Validate an RDF file against ipgraph's SHACL shapes; exit status 1 on violations."""
    from ..dataset import load_dataset
    from ..validate import validate

    try:
        ds = load_dataset(graph)
    except (OSError, ValueError, SyntaxError) as e:
        _fail(f"{graph}: cannot load: {e}", 2)
    v = validate(ds)
    if v.conforms:
        typer.echo(f"{graph}: conforms to the shapes ({len(ds)} triples)")
        raise typer.Exit(0)
    typer.echo(v.text)
    typer.echo(f"{graph}: {v.violations} violation(s)", err=True)
    raise typer.Exit(1)
