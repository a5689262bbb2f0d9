"""Commands that read plans: ``extract``, ``build``, ``validate``."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from ._common import StoreKind
from ._common import fail as _fail


def register(app: typer.Typer) -> None:
    app.command()(extract)
    app.command()(build)
    app.command("validate")(validate_cmd)


class ExtractFormat(StrEnum):
    json = "json"
    ttl = "ttl"


def extract(
    file: Annotated[Path, typer.Argument(help="A plan file (.txt, .html, .docx, .pdf, or a task table).")],
    format: Annotated[
        ExtractFormat, typer.Option("--format", "-f", help="json: the reading; ttl: its triples.")
    ] = (ExtractFormat.json),
    tasks: Annotated[
        list[Path] | None,
        typer.Option("--tasks", "-t", help="A task table (.xlsx/.xls/.csv/.docx) that belongs to this plan."),
    ] = None,
) -> None:
    """Print the reading of one plan (JSON in the reference shape) or its RDF triples (Turtle)."""
    from ..loaders import LoadError
    from ..pipeline import read_plan

    try:
        reading = read_plan(file, tasks=tasks or ())
    except LoadError as e:
        _fail(str(e))
    if format is ExtractFormat.json:
        sys.stdout.write(json.dumps(reading.to_json(), ensure_ascii=False, indent=2) + "\n")
    else:
        from ..rdf import plan_graph

        sys.stdout.write(plan_graph(reading).serialize(format="turtle"))


def build(
    paths: Annotated[list[Path], typer.Argument(help="Plan files and folders (read recursively).")],
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Dataset to write (.trig or .nq); default graph.trig, or the --update file.",
        ),
    ] = None,
    check: Annotated[
        bool, typer.Option("--validate/--no-validate", help="Check against the SHACL shapes.")
    ] = True,
    store: Annotated[
        StoreKind,
        typer.Option("--store", help="oxigraph (fast) or rdflib (plain rdflib, slow on big graphs)."),
    ] = StoreKind.oxigraph,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs", "-j", min=1, help="Processes reading plans; default all cores; 1 = in-process."
        ),
    ] = None,
    timeout: Annotated[
        float,
        typer.Option("--timeout", min=0.1, help="Seconds one file may take before it counts as failed."),
    ] = 60.0,
    store_dir: Annotated[
        Path | None,
        typer.Option(
            "--store-dir",
            help="Where the on-disk query store goes (default: OUTPUT.store beside the dataset).",
        ),
    ] = None,
    update: Annotated[
        Path | None,
        typer.Option(
            "--update",
            help="A dataset built before: skip files it already holds, replace the plans that changed.",
        ),
    ] = None,
) -> None:
    """Read plans into one RDF dataset: a named graph per plan, one for shared things.

    Exit status 1 when any file could not be read or the graph violates the shapes.
    """
    from rich.console import Console
    from rich.progress import Progress

    from ..dataset import build as build_dataset
    from ..pipeline import expand_paths

    err = Console(stderr=True, soft_wrap=True)
    files = expand_paths(paths)
    if not files:
        _fail("no files found under " + " ".join(map(str, paths)), 2)
    if update is not None and not update.is_file():
        _fail(f"{update}: no dataset to update", 2)
    output = output or update or Path("graph.trig")
    with Progress(console=err, transient=True, disable=len(files) < 10) as bar:
        task = bar.add_task("reading plans", total=len(files))
        try:
            result = build_dataset(
                files,
                check=check,
                progress=lambda _: bar.advance(task),
                store=store.value,
                jobs=jobs,
                timeout=timeout,
                update=update,
                output=output,
                store_dir=store_dir,
            )
        except (ValueError, SyntaxError, OSError) as e:
            _fail(str(e), 2)
    for f in result.failures:
        err.print(f"[red]failed[/red] {f.path}: {f.reason}", highlight=False)
    if update is not None:
        done = f"read {len(result.readings)} new or changed plan(s), skipped {len(result.skipped)} unchanged"
        done += f" file(s); {result.plans} plan(s) → {output}"
    else:
        done = f"built {len(result.readings)} plan(s), {result.triples} triples → {output}"
    err.print(done + (f"; {len(result.failures)} file(s) failed" if result.failures else ""), highlight=False)
    if result.validation is not None:
        v = result.validation
        err.print(
            "shapes: conforms" if v.conforms else f"shapes: {v.violations} violation(s)\n{v.text}",
            highlight=False,
        )
    raise typer.Exit(0 if result.ok else 1)


def validate_cmd(
    graph: Annotated[Path, typer.Argument(help="An RDF file (.trig, .nq, .ttl).")],
    jobs: Annotated[
        int | None, typer.Option("--jobs", "-j", min=1, help="Processes validating (pyshacl engine).")
    ] = None,
    engine: Annotated[
        str,
        typer.Option(
            "--engine",
            help="fast: ipgraph's SHACL Core engine; pyshacl: the reference; shacl-rs: the Rust package.",
        ),
    ] = "fast",
) -> None:
    """Validate an RDF file against ipgraph's SHACL shapes; exit status 1 on violations."""
    from ..dataset import validate_file

    try:
        v, n = validate_file(graph, jobs=jobs, engine=engine)
    except (OSError, ValueError, SyntaxError) as e:
        _fail(f"{graph}: cannot load: {e}", 2)
    if v.conforms:
        typer.echo(f"{graph}: conforms to the shapes ({n} triples)")
        raise typer.Exit(0)
    typer.echo(v.text)
    typer.echo(f"{graph}: {v.violations} violation(s)", err=True)
    raise typer.Exit(1)
