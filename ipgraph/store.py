"""Graph stores behind one small interface: SELECT with bound parameters, rows out.

Stores are found by name and imported only when used (the idea of rdflib's plugin
registry): ``rdflib`` is the embedded, always-available one; ``oxigraph`` (pyoxigraph)
is the fast one. Queries, views and exports talk to a :class:`GraphStore`, never to a
backend directly, so the backend is chosen only at the end.

Parameters are bound as RDF terms (rdflib ``initBindings``, Oxigraph ``substitutions``),
never pasted into the query text.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.term import Node

__all__ = ["STORES", "GraphStore", "OxigraphStore", "RdflibStore", "SelectResult", "open_store"]

STORES = ("oxigraph", "rdflib")


@dataclass(frozen=True, slots=True)
class SelectResult:
    columns: list[str]
    rows: list[tuple[Node | None, ...]]  # rdflib terms, None where unbound


class GraphStore(Protocol):
    """What the rest of ipgraph needs from a store."""

    name: str

    def select(self, sparql: str, bindings: Mapping[str, Node] | None = None) -> SelectResult:
        """Run a SELECT over the union of all graphs; ``bindings`` maps variable names to terms."""
        ...

    def __len__(self) -> int: ...


class RdflibStore:
    """An rdflib :class:`~rdflib.Dataset` (queried as the union of its graphs)."""

    name = "rdflib"

    def __init__(self, dataset: Dataset | Graph) -> None:
        self.dataset = dataset

    def select(self, sparql: str, bindings: Mapping[str, Node] | None = None) -> SelectResult:
        result = self.dataset.query(sparql, initBindings=dict(bindings or {}))
        columns = [str(v) for v in (result.vars or [])]
        return SelectResult(columns, [tuple(row) for row in result])

    def __len__(self) -> int:
        return len(self.dataset)


class OxigraphStore:
    """A pyoxigraph ``Store`` (in memory unless opened on a folder), union default graph."""

    name = "oxigraph"

    def __init__(self, store: Any) -> None:
        self.store = store

    def select(self, sparql: str, bindings: Mapping[str, Node] | None = None) -> SelectResult:
        import pyoxigraph as ox

        subs = {ox.Variable(k): _to_ox(v) for k, v in (bindings or {}).items()}
        solutions = self.store.query(sparql, use_default_graph_as_union=True, substitutions=subs)
        columns = [v.value for v in solutions.variables]
        rows = [tuple(_from_ox(s[c]) for c in columns) for s in solutions]
        return SelectResult(columns, rows)

    def __len__(self) -> int:
        return len(self.store)


def _to_ox(term: Node) -> Any:
    import pyoxigraph as ox

    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"cannot bind {term!r}")


def _from_ox(term: Any) -> Node | None:
    import pyoxigraph as ox

    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    raise TypeError(f"unexpected term {term!r}")


def open_store(source: Path | str | Dataset | Graph | Any, kind: str = "rdflib") -> GraphStore:
    """A store over ``source``: a dataset file (.trig, .nq, .ttl), an rdflib graph, or a Store.

    ``kind`` picks the backend for a file; an in-memory object keeps its own backend.
    """
    if isinstance(source, (Dataset, Graph)):
        return RdflibStore(source)
    if type(source).__module__.startswith("pyoxigraph"):
        return OxigraphStore(source)
    if kind not in STORES:
        raise ValueError(f"unknown store {kind!r}; use one of {', '.join(STORES)}")
    path = Path(source)
    if kind == "rdflib":
        from .dataset import load_dataset

        return RdflibStore(load_dataset(path))
    import pyoxigraph as ox

    fmt = {
        ".trig": ox.RdfFormat.TRIG,
        ".nq": ox.RdfFormat.N_QUADS,
        ".nquads": ox.RdfFormat.N_QUADS,
        ".ttl": ox.RdfFormat.TURTLE,
        ".nt": ox.RdfFormat.N_TRIPLES,
    }.get(path.suffix.lower())
    if fmt is None:
        raise ValueError(f"{path}: unknown RDF file type")
    store = ox.Store()
    store.bulk_load(path=str(path), format=fmt)
    return OxigraphStore(store)
