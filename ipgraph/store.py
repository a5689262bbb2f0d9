"""Graph stores behind one small interface: SELECT with bound parameters, rows out.

Stores are found by name and imported only when used (the idea of rdflib's plugin
registry): ``oxigraph`` (pyoxigraph, the default) is the fast one; ``rdflib`` is the
plain, pure-Python one users know. Queries, views and exports talk to a
:class:`GraphStore`, never to a backend directly, so the backend is chosen only at the end.

Parameters are bound as RDF terms (rdflib ``initBindings``, Oxigraph ``substitutions``),
never pasted into the query text.

Both stores query the *union* of the named graphs. Oxigraph's union keeps a triple once
per graph that holds it (rdflib's keeps it once); ipgraph's data never puts one triple in
two queried graphs, and the bookkeeping graphs that would (``graph/contrib/…``, see
:mod:`ipgraph.dataset`) are dropped when a file is opened, so both give the same answers.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

from rdflib import Dataset, Graph
from rdflib.term import Node

from . import answers, registry, storedir
from .namespaces import new_dataset
from .rdffiles import TrigBlocks, load_dataset, load_oxigraph, ox_format
from .terms import from_ox, load_lines, to_ox
from .values import to_python, tsv_value

__all__ = [
    "STORES",
    "GraphStore",
    "OxigraphStore",
    "RdflibStore",
    "SelectResult",
    "answer_key",
    "load_union",
    "open_store",
]

STORES = registry.names("store")
DEFAULT_STORE = registry.DEFAULTS["store"]


@dataclass(frozen=True, slots=True)
class SelectResult:
    columns: list[str]
    rows: list[tuple[Any, ...]]  # rdflib terms (select) or plain values (select_values); None where unbound

    def to_values(self) -> SelectResult:
        """The rows' rdflib terms as plain Python values (:func:`ipgraph.values.to_python`)."""
        conv = lru_cache(maxsize=None)(to_python)  # a label repeats on thousands of rows: convert it once
        return SelectResult(self.columns, [tuple(map(conv, row)) for row in self.rows])


class GraphStore(Protocol):
    """What the rest of ipgraph needs from a store."""

    name: str

    def select(self, sparql: str, bindings: Mapping[str, Node] | None = None) -> SelectResult:
        """Run a SELECT over the union of all graphs; ``bindings`` maps variable names to terms."""
        ...

    def select_values(self, sparql: str, bindings: Mapping[str, Node] | None = None) -> SelectResult:
        """The same, with plain Python values in the rows (:func:`ipgraph.values.to_python`)."""
        ...

    def to_rdflib(self) -> Dataset:
        """The data as an rdflib Dataset (the same object for the rdflib store, a copy otherwise)."""
        ...

    def __len__(self) -> int: ...


def answer_key(sparql: str, bindings: Mapping[str, Node] | None = None) -> str:
    """The name an answer is kept under (:func:`ipgraph.answers.key`, the terms as N-Triples)."""
    return answers.key(sparql, {k: str(to_ox(v)) for k, v in (bindings or {}).items()})


class RdflibStore:
    """An rdflib :class:`~rdflib.Dataset` (queried as the union of its graphs)."""

    name = "rdflib"

    def __init__(self, dataset: Dataset | Graph) -> None:
        self.dataset = dataset

    def select(self, sparql: str, bindings: Mapping[str, Node] | None = None) -> SelectResult:
        result = self.dataset.query(sparql, initBindings=dict(bindings or {}))
        columns = [str(v) for v in (result.vars or [])]
        return SelectResult(columns, [tuple(row) for row in result])

    def select_values(self, sparql: str, bindings: Mapping[str, Node] | None = None) -> SelectResult:
        return self.select(sparql, bindings).to_values()

    def to_rdflib(self) -> Dataset:
        return self.dataset

    def __len__(self) -> int:
        return len(self.dataset)


class OxigraphStore:
    """A pyoxigraph ``Store`` (in memory unless opened on a folder).

    ``union_default``: the store's default graph already holds the union of the dataset
    (as :func:`open_store` and :func:`ipgraph.dataset.build` load it), so queries read it
    directly, several times faster than Oxigraph's union of named graphs; otherwise they
    run over the union of the named graphs.
    """

    name = "oxigraph"

    def __init__(self, store: Any, *, union_default: bool = False, answers: Path | None = None) -> None:
        self.store = store
        self.union_default = union_default
        self.answers = answers  # where slow answers are kept (:mod:`ipgraph.answers`): an on-disk store

    def select(self, sparql: str, bindings: Mapping[str, Node] | None = None) -> SelectResult:
        solutions = self._query(sparql, bindings)
        columns = [v.value for v in solutions.variables]
        conv = lru_cache(maxsize=None)(from_ox)  # a label repeats on thousands of rows: convert it once
        return SelectResult(columns, [tuple(map(conv, s)) for s in solutions])

    def select_values(self, sparql: str, bindings: Mapping[str, Node] | None = None) -> SelectResult:
        """Rows read from Oxigraph's own TSV serialisation of the answer: a large answer
        (100k rows) would otherwise spend more time building a Python object per term
        than Oxigraph spends evaluating it. On an on-disk store, a slow answer is kept
        beside the store and given back the next time it is asked (:mod:`ipgraph.answers`)."""
        if self.answers is None:
            return self._select_tsv(sparql, bindings)
        name = answer_key(sparql, bindings)
        kept = self._kept(name)
        if kept is not None:
            return kept
        start = time.perf_counter()
        result = self._select_tsv(sparql, bindings)
        if time.perf_counter() - start >= answers.MIN_SECONDS:
            answers.write(self.answers, name, result.columns, result.rows)
        return result

    def kept(self, sparql: str, bindings: Mapping[str, Node] | None = None) -> SelectResult | None:
        """The answer kept for this query and these bindings (by a build or an earlier call), or None."""
        return None if self.answers is None else self._kept(answer_key(sparql, bindings))

    def _kept(self, name: str) -> SelectResult | None:
        kept = answers.read(self.answers, name) if self.answers is not None else None
        return None if kept is None else SelectResult(*kept)

    def _select_tsv(self, sparql: str, bindings: Mapping[str, Node] | None) -> SelectResult:
        import pyoxigraph as ox

        data = self._query(sparql, bindings).serialize(format=ox.QueryResultsFormat.TSV)
        header, *lines = data.decode("utf-8").split("\n")
        if lines and lines[-1] == "":  # every line ends with a line break
            lines.pop()
        columns = [v.removeprefix("?") for v in header.split("\t")] if header else []
        conv = lru_cache(maxsize=None)(tsv_value)
        rows = [tuple(map(conv, line.split("\t"))) if columns else () for line in lines]
        return SelectResult(columns, rows)

    def _query(self, sparql: str, bindings: Mapping[str, Node] | None) -> Any:
        import pyoxigraph as ox

        subs = {ox.Variable(k): to_ox(v) for k, v in (bindings or {}).items()}
        if self.union_default:
            return self.store.query(sparql, substitutions=subs)
        return self.store.query(sparql, use_default_graph_as_union=True, substitutions=subs)

    def to_rdflib(self) -> Dataset:
        """Copy the quads into a new rdflib Dataset (default graph = union), prefixes bound.

        A store loaded as a union (``union_default``) gives its named graphs where it has
        them (an on-disk store keeps them beside the union), else the union as the default graph.
        """
        import pyoxigraph as ox

        ds = new_dataset()
        conv = lru_cache(maxsize=None)(from_ox)

        named = list(self.store.named_graphs())
        graphs = named if self.union_default and named else [ox.DefaultGraph(), *named]
        for g in graphs:
            graph = ds.default_graph if isinstance(g, ox.DefaultGraph) else ds.graph(conv(g))
            graph.addN(
                (conv(q.subject), conv(q.predicate), conv(q.object), graph)
                for q in self.store.quads_for_pattern(None, None, None, g)
            )
        return ds

    def __len__(self) -> int:
        if self.union_default:  # the union is the default graph (named graphs may stand beside it)
            import pyoxigraph as ox

            return sum(1 for _ in self.store.quads_for_pattern(None, None, None, ox.DefaultGraph()))
        return len(self.store)


def load_union(path: Path | str) -> OxigraphStore:
    """A query store over a dataset file: its on-disk store (:mod:`ipgraph.storedir`), opened
    read-only, made or made again first when it does not match the file.

    Where no store can be written beside the file, the file is read in memory: a TriG
    written by ipgraph as one Turtle document, any other file with its named graphs,
    queried as their union.
    """
    import pyoxigraph as ox

    path = Path(path)
    on_disk = storedir.open_dir(path)
    if on_disk is not None:
        return OxigraphStore(on_disk, union_default=True, answers=storedir.default_dir(path) / answers.FOLDER)
    if ox_format(path) == ox.RdfFormat.TRIG:
        try:
            blocks = TrigBlocks.split(path.read_bytes(), path)
        except ValueError:
            blocks = None
        if blocks is not None:
            store = ox.Store()
            load_lines(store, blocks.union_turtle(), ox.RdfFormat.TURTLE)
            return OxigraphStore(store, union_default=True)
    return OxigraphStore(load_oxigraph(path))


def load_rdflib(path: Path | str) -> RdflibStore:
    """A plain rdflib store over a dataset file (its bookkeeping graphs left out)."""
    return RdflibStore(load_dataset(path))


def open_store(source: Path | str | Dataset | Graph | Any, kind: str = DEFAULT_STORE) -> GraphStore:
    """A store over ``source``: a dataset file (.trig, .nq, .ttl), an rdflib graph, or a Store.

    Parameters
    ----------
    source : path, rdflib Graph/Dataset, pyoxigraph Store or GraphStore
        An in-memory object keeps its own backend.
    kind : a store's name in :mod:`ipgraph.registry` (``"oxigraph"``, ``"rdflib"``)
        The backend for a file.

    Returns
    -------
    GraphStore
        The store, for queries; a file's ``graph/contrib/…`` bookkeeping graphs are left out.
        (To work with the named graphs themselves, use :func:`ipgraph.dataset.load_dataset`.)
    """
    if isinstance(source, (RdflibStore, OxigraphStore)):
        return source
    if isinstance(source, (Dataset, Graph)):
        return RdflibStore(source)
    if type(source).__module__.startswith("pyoxigraph"):
        return OxigraphStore(source)
    return registry.load("store", kind)(Path(source))
