"""``agencies``: the agency merges of a built graph, for a user to review (and overrule in a TOML)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated
from urllib.parse import unquote

import typer

from ._common import fail


def register(app: typer.Typer) -> None:
    """Add ``agencies`` to ``app``."""
    app.command("agencies")(agencies_cmd)


def agencies_cmd(
    graph: Annotated[Path, typer.Argument(help="The dataset built by 'ipgraph build' (.trig, .nq).")],
    report: Annotated[
        bool, typer.Option("--report", help="List every merge with its dates and evidence, not just a count.")
    ] = False,
    rules: Annotated[
        Path | None,
        typer.Option("--rules", help="A TOML of [[force]] / [[forbid]] pairs (alias, agency) to apply."),
    ] = None,
) -> None:
    """Which bodies of one place are one body under two names (merged aliases), and why.

    Each merge shows the name it merges, the body it is, the rule (sign: a reform's second sign;
    alias: a plan brackets the name; forced: your rule), the dates of the plans it applies to and
    its evidence (plans, written forms). Build with --agency-rules FILE to apply your rules.
    """
    from rich.console import Console
    from rich.markup import escape

    from ..dataset import read_parts
    from ..history import find_merges, load_rules

    if not graph.is_file():
        fail(f"{graph}: no such dataset", 2)
    try:
        parts, shared = read_parts(graph)
        merges = find_merges(parts, shared, load_rules(rules))
    except (OSError, ValueError, SyntaxError) as e:
        fail(str(e), 2)
    out = Console(soft_wrap=True, highlight=False)
    out.print(f"{len(merges)} agency merge(s) in {escape(str(graph))}")
    if not report:
        return
    for m in merges:
        alias, agency = (unquote(iri.rsplit("/", 1)[-1]) for iri in (m.alias, m.agency))
        when = f"{m.valid_from or '…'} – {m.valid_until or '…'}"
        out.print(escape(f"{alias} → {agency}  [{m.rule}; plans issued {when}]"))
        for plan in m.plans:
            out.print(f"  plan: {escape(plan)}")
        for form in m.written:
            out.print(f"  written: {escape(form)}")
