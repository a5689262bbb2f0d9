"""Interactive network views of the graph, as self-contained HTML files that work offline.

Each view function reads a graph (a dataset file, an rdflib graph or dataset, a pyoxigraph
Store or an :func:`ipgraph.store.open_store` store), returns the networkx graph it draws
and, given ``output``, writes the page::

    from ipgraph import viz
    g = viz.agencies("out/graph.trig", "agencies.html", city="厦门市")
    sorted(g.nodes(data="centrality"), key=lambda x: -x[1])[:5]

Views: ``responsibility`` (agencies → measures, lead and support edges apart), ``agencies``
(co-responsibility network sized by centrality, coloured by agency type), ``cities``
(cities ↔ agency types ↔ themes), ``plan`` (one plan as a tree: parts, measures with their
deadlines, targets), ``compare`` (cities side by side, one panel each, agency types at the
same places), and ``timeline`` (:func:`timeline`: each agency's deadlines across plans, what
is overdue at a date; drawn from a query's rows, not a network). Positions are computed
before the page (:mod:`ipgraph.viz.layout`), so a page opens still. Above ``max_nodes`` nodes a
view is drawn grouped and the page says so.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import networkx as nx

from .data import GraphData, load
from .deadlines import Timeline, TimelineError, build_timeline, write_timeline
from .render import to_html, write_html
from .views import DEFAULT_MAX_NODES, VIEWS, Selection, ViewError

__all__ = [
    "DEFAULT_MAX_NODES",
    "VIEWS",
    "GraphData",
    "Selection",
    "Timeline",
    "TimelineError",
    "ViewError",
    "agencies",
    "cities",
    "compare",
    "load",
    "plan",
    "responsibility",
    "timeline",
    "to_html",
    "view",
    "write_html",
]


def view(
    source: Any,
    name: str,
    output: Path | str | None = None,
    *,
    city: str | None = None,
    theme: str | None = None,
    plan: str | None = None,
    max_nodes: int = DEFAULT_MAX_NODES,
    lang: str = "zh",
) -> nx.DiGraph:
    """Build view ``name`` of ``source``; write it to ``output`` (HTML) when given.

    Parameters
    ----------
    source : a dataset file (.trig, .nq, .ttl), an rdflib graph or dataset, a pyoxigraph
        Store, a store from :func:`ipgraph.store.open_store`, or :class:`GraphData`
        already loaded with :func:`load`.
    name : one of :data:`VIEWS` (``responsibility``, ``agencies``, ``cities``, ``plan``, ``compare``).
    output : the HTML file to write (UTF-8, self-contained); None writes nothing.
    city, theme : narrow the view to one city (its districts included) or one theme
        (code, Chinese or English label).
    plan : for the ``plan`` view, the plan to draw (file name, id or part of the title);
        needed when the selection holds more than one plan.
    max_nodes : above this many nodes the view is drawn grouped.
    lang : ``"en"`` draws English labels where the graph has them.

    Returns
    -------
    networkx.DiGraph
        The graph that is drawn (grouped when over ``max_nodes``): node attributes
        ``cls``, ``label``, ``label_en``, ``text``, ``info``, ``color``, ``shape``, ``size``,
        ``facets``, where a view sets them ``short`` / ``short_en`` (the canvas label, e.g.
        without the city a one-city view shares), ``importance``, ``tier`` and ``x``, ``y``
        (positions; computed by :func:`ipgraph.viz.layout.force_layout` when absent); edge
        attributes ``kind``, ``weight``, ``text``, ``info``.

    Raises
    ------
    ViewError
        Unknown view, city, theme or plan.
    """
    if name == "timeline":  # rows of a query, not a network: its own call and return value
        raise ViewError("the timeline is drawn by viz.timeline(source, output, as_of=..., city=...)")
    if name not in VIEWS:
        raise ViewError(f"unknown view {name!r}; use one of {', '.join(VIEWS)}")
    data = source if isinstance(source, GraphData) else load(source)
    graph = VIEWS[name](data, Selection(city=city, theme=theme, plan=plan), max_nodes)
    if output is not None:
        write_html(graph, output, lang=lang)
    return graph


def responsibility(source: Any, output: Path | str | None = None, **kw: Any) -> nx.DiGraph:
    """Agencies → the measures they lead or support (see :func:`view`)."""
    return view(source, "responsibility", output, **kw)


def agencies(source: Any, output: Path | str | None = None, **kw: Any) -> nx.DiGraph:
    """Agency–agency co-responsibility network (see :func:`view`)."""
    return view(source, "agencies", output, **kw)


def cities(source: Any, output: Path | str | None = None, **kw: Any) -> nx.DiGraph:
    """Cities ↔ agency types ↔ themes (see :func:`view`)."""
    return view(source, "cities", output, **kw)


def plan(source: Any, output: Path | str | None = None, **kw: Any) -> nx.DiGraph:
    """One plan as a tree: parts, measures (deadlines on them), targets (see :func:`view`)."""
    return view(source, "plan", output, **kw)


def compare(source: Any, output: Path | str | None = None, **kw: Any) -> nx.DiGraph:
    """Cities side by side: one panel each, agency types at the same places (see :func:`view`)."""
    return view(source, "compare", output, **kw)


def timeline(
    source: Any,
    output: Path | str | None = None,
    *,
    city: str | None = None,
    as_of: str | date | None = None,
    lang: str = "zh",
) -> Timeline:
    """Each agency's deadlines across plans, and what is overdue at ``as_of``; the page when asked.

    The rows come from the view's query (``ipgraph/viz/assets/timeline.rq``, written like the
    pack's queries: parameters bound as values), one per agency named on a measure that has a
    deadline (``ipg:deadline``); a measure with no unit named is a row of its own.

    Parameters
    ----------
    source : a dataset file (.trig, .nq, .ttl), an rdflib graph or dataset, a pyoxigraph
        Store or a store from :func:`ipgraph.store.open_store`.
    output : the HTML file to write (UTF-8, self-contained, opens offline); None writes nothing.
    city : only plans of this jurisdiction (its Chinese name or its label in ``lang``), as the
        pack's ``city`` parameter matches.
    as_of : the date deadlines are judged at (``YYYY-MM-DD`` or a :class:`datetime.date`);
        today when None.
    lang : ``"en"`` for English labels of places and agencies where the graph has them.

    Returns
    -------
    Timeline
        ``marks`` (the query's rows as :class:`~ipgraph.viz.deadlines.Mark`: agency, place,
        role, deadline, overdue, measure path, label and text, plan, source file and span),
        ``lanes`` (one per agency by IRI, grouped by the place it serves, each with the
        indices of its marks), ``as_of`` and ``overdue`` (how many marks are overdue).

    Raises
    ------
    TimelineError
        ``as_of`` is not a date, or no plan is of ``city``.

    Examples
    --------
    >>> from ipgraph import viz
    >>> tl = viz.timeline("out/graph.trig", "out/timeline.html", as_of="2025-06-30")  # doctest: +SKIP
    >>> tl.overdue, len(tl.lanes), len(tl.marks)  # doctest: +SKIP
    """
    tl = build_timeline(source, city=city, as_of=as_of, lang=lang)
    if output is not None:
        write_timeline(tl, output)
    return tl
