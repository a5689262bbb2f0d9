"""Commands that read plans: ``extract``, ``build``, ``validate``."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from ._common import StoreKind, shown
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


def unresolved_warnings(readings) -> list[str]:
    """One line per plan whose place is unresolved: the file, why, how many local bodies it
    keeps to itself, and how to set the place."""
    out = []
    for r in readings:
        if not r.meta.place_problem:
            continue
        n = len({x.canonical[0] for m in r.measures for x in m.responsible if x.scoped and x.canonical})
        out.append(
            f"{r.source_path}: place unresolved ({r.meta.place_problem}); {n} local body(ies) kept to "
            f"this plan; set it with --region {r.source_path}=PLACE"
        )
    return out


def build(
    paths: Annotated[
        list[str],
        typer.Argument(help="Plan files, folders (read recursively) and web addresses (http(s)://…)."),
    ],
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
    answers: Annotated[
        str,
        typer.Option(
            "--answers",
            help="Label languages (zh, en, zh,en) in which the query pack's answers are kept in the "
            "store, so the first query after the build is instant; 'none' to skip.",
        ),
    ] = "zh",
    update: Annotated[
        Path | None,
        typer.Option(
            "--update",
            help="A dataset built before: skip files it already holds, replace the plans that changed.",
        ),
    ] = None,
    region: Annotated[
        list[str] | None,
        typer.Option(
            "--region",
            help="FILE=PLACE: the place of a file whose document does not say it (泸州市, 福州市仓山区); "
            "repeatable. An ipgraph-places.toml beside the files does the same.",
        ),
    ] = None,
    agency_rules: Annotated[
        Path | None,
        typer.Option(
            "--agency-rules",
            help="A TOML of [[force]] / [[forbid]] agency merges (alias = …, agency = …): "
            "see 'ipgraph agencies --report'.",
        ),
    ] = None,
) -> None:
    """Read plans into one RDF dataset: a named graph per plan, one for shared things.

    Exit status 1 when any file could not be read or the graph violates the shapes.
    """
    from rich.console import Console
    from rich.markup import escape
    from rich.progress import Progress

    from ..dataset import build as build_dataset
    from ..fetch import split_sources
    from ..history import load_rules
    from ..pipeline import expand_paths
    from ..querypack import LANGS

    err = Console(stderr=True, soft_wrap=True)
    output = output or update or Path("graph.trig")
    urls, local = split_sources(paths)
    files = [*expand_paths(local, exclude=(output, update)), *urls]  # never read our own output back
    if not files:
        _fail("no files found under " + " ".join(map(str, paths)), 2)
    if update is not None and not update.is_file():
        _fail(f"{update}: no dataset to update", 2)
    places = {}
    for spec in region or ():
        file, sep, place = spec.partition("=")
        if not sep or not file.strip() or not place.strip():
            _fail(f"--region {spec}: give FILE=PLACE, e.g. --region plan.txt=泸州市", 2)
        places[file.strip()] = place.strip()
    langs = () if answers.strip() == "none" else tuple(x.strip() for x in answers.split(",") if x.strip())
    if any(x not in LANGS for x in langs):
        _fail(f"--answers {answers}: give languages among {', '.join(LANGS)}, or none", 2)
    try:
        rules = load_rules(agency_rules)
    except (OSError, ValueError) as e:
        _fail(f"--agency-rules: {e}", 2)
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
                places=places,
                store_dir=store_dir,
                agency_rules=rules,
                answers=langs,
            )
        except KeyboardInterrupt:
            bar.stop()
            _fail(f"interrupted; nothing written ({output} left as it was)", 130)
        except OSError as e:
            where = f"{e.filename}: " if e.filename else ""
            _fail(f"{where}{e.strerror or e}", 2)
        except (ValueError, SyntaxError) as e:
            _fail(str(e), 2)
    for f in result.failures:
        err.print(f"[red]failed[/red] {escape(shown(f.path))}: {escape(shown(f.reason))}", highlight=False)
    for j in result.joins:
        err.print(shown(str(j)), highlight=False, markup=False)
    if update is not None:
        done = f"read {len(result.readings)} new or changed plan(s), skipped {len(result.skipped)} unchanged"
        done += f" file(s); {result.plans} plan(s) → {shown(output)}"
    elif result.written is None:
        done = f"built no plan: nothing written ({shown(output)} left as it was)"
    else:
        done = f"built {result.plans} plan(s), {result.triples} triples → {shown(output)}"
    failed = f"; {len(result.failures)} file(s) failed" if result.failures else ""
    err.print(done + failed, highlight=False, markup=False)
    for line in unresolved_warnings(result.readings):
        err.print(f"warning {shown(line)}", highlight=False, markup=False)
    if result.validation is not None and result.written is not None:
        v = result.validation
        err.print(
            "shapes: conforms"
            if v.conforms
            else f"shapes: {v.violations} violation(s)\n{_lines(v.text, _plan_files(result.readings))}",
            highlight=False,
            markup=False,
        )
    raise typer.Exit(0 if result.ok and result.written is not None else 1)


def _plan_files(readings: list) -> dict[str, str]:
    """Plan IRI → the file the plan was read from."""
    from ..rdf import plan_iri

    return {str(plan_iri(r)): r.source_path for r in readings}


def _lines(text: str, files: dict[str, str] | None = None) -> str:
    """A report of several lines, each line escaped (texts from documents hold anything).

    ``files`` maps plan IRIs to their files: a focus node in a plan (the plan, its measures …)
    is followed by the file it was read from, so a violation names the file, not only an IRI.
    """
    out = []
    for line in text.splitlines():
        out.append("\t".join(shown(part) for part in line.split("\t")))
        node = line.strip().removeprefix("Focus Node: ").strip("<>")
        if files and line.strip().startswith("Focus Node:"):
            head, sep, rest = node.partition("/plan/")
            plan = head + sep + rest.split("/")[0]  # …/id/plan/{id}, also of a measure in it
            if plan in files:
                out.append(f"\tFile: {shown(files[plan])}")
    return "\n".join(out)


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
        typer.echo(f"{shown(graph)}: conforms to the shapes ({n} triples)")
        raise typer.Exit(0)
    typer.echo(_lines(v.text))
    typer.echo(f"{shown(graph)}: {v.violations} violation(s)", err=True)
    raise typer.Exit(1)
