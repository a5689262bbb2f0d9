"""``viz``: interactive HTML views (issue 6), one self-contained file that works offline."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from ._common import Lang, shown
from ._common import fail as _fail


class ViewName(StrEnum):
    responsibility = "responsibility"
    agencies = "agencies"
    cities = "cities"
    plan = "plan"
    compare = "compare"
    timeline = "timeline"


def register(app: typer.Typer) -> None:
    app.command("viz")(viz)


def viz(
    graph: Annotated[Path, typer.Option("--graph", "-g", help="The dataset to draw (.trig, .nq, .ttl).")],
    output: Annotated[Path, typer.Option("--output", "-o", help="The HTML file to write.")],
    view: Annotated[
        ViewName, typer.Option("--view", "-v", help="Which view to draw.")
    ] = ViewName.responsibility,
    city: Annotated[str | None, typer.Option(help="Only this city's plans (its districts included).")] = None,
    theme: Annotated[str | None, typer.Option(help="Only measures of this theme (code or label).")] = None,
    plan: Annotated[
        str | None, typer.Option(help="For --view plan: the plan (file name, id or part of its title).")
    ] = None,
    max_nodes: Annotated[int, typer.Option(help="Above this many nodes the view is drawn grouped.")] = 1500,
    lang: Annotated[Lang, typer.Option(help="Label language on the canvas (tooltips show both).")] = Lang.zh,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of", help="For --view timeline: the date deadlines are judged at (YYYY-MM-DD; today)."
        ),
    ] = None,
    param: Annotated[
        list[str] | None,
        typer.Option(
            "--param", "-p", help="For --view timeline: a query parameter, city=NAME (as `query` takes it)."
        ),
    ] = None,
) -> None:
    """Draw a network view as one HTML file: no request to any other host, opens offline.

    responsibility: agencies → measures, lead edges apart from support edges.
    agencies: who works with whom (co-responsibility), sized by centrality, coloured by type.
    cities: cities ↔ agency types ↔ themes. plan: one plan as a tree (parts, measures with their
    deadlines, targets). compare: cities side by side, one panel each, agency types in the same places.
    timeline: one lane per agency (grouped by place), a mark per deadline, the --as-of line, overdue in red.
    """
    try:
        from ..viz import ViewError
        from ..viz import view as draw
    except ModuleNotFoundError as e:  # the ``views`` extra
        _fail(f"the views need {e.name}: pip install 'ipgraph[views]'", 2)

    if not graph.is_file():
        _fail(f"{graph}: no such file", 2)
    if view is ViewName.timeline:
        _timeline(graph, output, city, theme, plan, as_of, param or [], lang.value)
        return
    if as_of is not None or param:
        _fail("--as-of and --param are for --view timeline", 2)
    try:
        g = draw(
            graph,
            view.value,
            output,
            city=city,
            theme=theme,
            plan=plan,
            max_nodes=max_nodes,
            lang=lang.value,
        )
    except ViewError as e:
        _fail(str(e), 2)
    except (OSError, ValueError, SyntaxError) as e:
        _fail(f"{graph}: cannot draw: {e}", 2)
    grouped = " (grouped: over --max-nodes)" if g.graph.get("aggregated") else ""
    typer.echo(
        f"{view.value}: {g.number_of_nodes()} nodes, {g.number_of_edges()} edges{grouped} → {shown(output)}",
        err=True,
    )


def _timeline(
    graph: Path,
    output: Path,
    city: str | None,
    theme: str | None,
    plan: str | None,
    as_of: str | None,
    param: list[str],
    lang: str,
) -> None:
    """``--view timeline``: the deadlines query's rows drawn as lanes (see :func:`ipgraph.viz.timeline`)."""
    from ..viz import TimelineError, timeline

    if theme or plan:
        _fail("--theme and --plan are not options of --view timeline (use -p city=NAME)", 2)
    if city is not None:  # the other views' --city takes in districts; the query's city does not
        _fail(
            "--view timeline keeps the plans of one jurisdiction as the query pack matches it (districts "
            "not included): write -p city=NAME",
            2,
        )
    for item in param:
        name, eq, value = item.partition("=")
        if not eq or name.strip() != "city" or city is not None:
            _fail(f"--param {item!r}: --view timeline takes one city=NAME", 2)
        city = value.strip()
    try:
        tl = timeline(graph, output, city=city, as_of=as_of, lang=lang)
    except TimelineError as e:
        _fail(str(e), 2)
    except (OSError, ValueError, SyntaxError) as e:
        _fail(f"{graph}: cannot draw: {e}", 2)
    typer.echo(
        f"timeline: {len(tl.lanes)} lanes, {len(tl.marks)} deadline marks, {tl.overdue} overdue as of "
        f"{tl.as_of} → {shown(output)}",
        err=True,
    )
