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

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any, Protocol

from rdflib import XSD, BNode, Dataset, Graph, Literal, URIRef
from rdflib.term import Node

from .values import to_python, tsv_value

__all__ = [
    "CONTRIB_GRAPH_PREFIX",
    "STORES",
    "GraphStore",
    "OxigraphStore",
    "RdflibStore",
    "SelectResult",
    "TrigBlocks",
    "load_oxigraph",
    "load_union",
    "nt_lines",
    "open_store",
    "trig_header",
]

STORES = ("oxigraph", "rdflib")
DEFAULT_STORE = "oxigraph"
# Named graphs that record each plan's contribution to the shared graph (for ``build --update``).
CONTRIB_GRAPH_PREFIX = "https://w3id.org/ipgraph/graph/contrib/"
_OX_FORMATS = {".trig": "TRIG", ".nq": "N_QUADS", ".nquads": "N_QUADS", ".ttl": "TURTLE", ".nt": "N_TRIPLES"}


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

    def __init__(self, store: Any, *, union_default: bool = False) -> None:
        self.store = store
        self.union_default = union_default

    def select(self, sparql: str, bindings: Mapping[str, Node] | None = None) -> SelectResult:
        solutions = self._query(sparql, bindings)
        columns = [v.value for v in solutions.variables]
        conv = lru_cache(maxsize=None)(_from_ox)  # a label repeats on thousands of rows: convert it once
        return SelectResult(columns, [tuple(map(conv, s)) for s in solutions])

    def select_values(self, sparql: str, bindings: Mapping[str, Node] | None = None) -> SelectResult:
        """Rows read from Oxigraph's own TSV serialisation of the answer: a large answer
        (100k rows) would otherwise spend more time building a Python object per term
        than Oxigraph spends evaluating it."""
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

        subs = {ox.Variable(k): _to_ox(v) for k, v in (bindings or {}).items()}
        if self.union_default:
            return self.store.query(sparql, substitutions=subs)
        return self.store.query(sparql, use_default_graph_as_union=True, substitutions=subs)

    def to_rdflib(self) -> Dataset:
        """Copy the quads into a new rdflib Dataset (default graph = union), prefixes bound.

        A store loaded as a union (``union_default``) has no named graphs left: its
        triples come back in the default graph.
        """
        import pyoxigraph as ox

        from .rdf import new_dataset

        ds = new_dataset()
        conv = lru_cache(maxsize=None)(_from_ox)

        graphs = [ox.DefaultGraph(), *self.store.named_graphs()]
        for g in graphs:
            graph = ds.default_graph if isinstance(g, ox.DefaultGraph) else ds.graph(conv(g))
            graph.addN(
                (conv(q.subject), conv(q.predicate), conv(q.object), graph)
                for q in self.store.quads_for_pattern(None, None, None, g)
            )
        return ds

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


_XSD_STRING = str(XSD.string)


def _from_ox(term: Any) -> Node | None:
    """An rdflib term; ``xsd:string`` literals become plain literals, as rdflib writes them."""
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
        datatype = term.datatype.value
        if datatype == _XSD_STRING:
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(datatype))
    if isinstance(term, ox.DefaultGraph):
        return None
    raise TypeError(f"unexpected term {term!r}")


# N-Triples as Oxigraph writes it (canonical N-Triples): these escapes, \uXXXX for other controls.
_ESCAPES = {ord('"'): '\\"', ord("\\"): "\\\\", 10: "\\n", 13: "\\r", 9: "\\t", 8: "\\b", 12: "\\f"}
_ESCAPES.update({c: f"\\u{c:04X}" for c in [*range(0x20), 0x7F] if c not in _ESCAPES})
_TERMS: dict[Node, str] = {}  # IRIs and short literals recur across a process's plans


def _nt(term: Node) -> str:
    out = _TERMS.get(term)
    if out is not None:
        return out
    if isinstance(term, URIRef):
        out = f"<{term}>"
    elif isinstance(term, Literal):
        out = '"' + str(term).translate(_ESCAPES) + '"'
        if term.language:
            out += "@" + term.language.lower()
        elif term.datatype is not None and str(term.datatype) != _XSD_STRING:
            out += f"^^<{term.datatype}>"
    elif isinstance(term, BNode):
        out = f"_:{term}"
    else:
        raise TypeError(f"not an RDF term: {term!r}")
    if len(out) < 200:
        if len(_TERMS) > 500_000:
            _TERMS.clear()
        _TERMS[term] = out
    return out


def nt_lines(triples: Iterable[tuple[Node, Node, Node]], *, check: bool = True) -> list[bytes]:
    """Triples as Oxigraph's N-Triples lines (UTF-8, one per triple, with newline), sorted.

    The same triple always gives the same line whichever way it was made (formatted from
    rdflib terms here, or dumped from an Oxigraph store), so lines can be compared,
    deduplicated and sorted as bytes: that is what keeps the written TriG stable.
    ``check`` parses the lines once with Oxigraph (a bad IRI raises ``SyntaxError`` here,
    not later in a bulk load that trusts them).

    Examples
    --------
    >>> from rdflib import RDFS
    >>> nt_lines([(URIRef("https://e.org/a"), RDFS.label, Literal('say "hi"', lang="EN"))])
    [b'<https://e.org/a> <http://www.w3.org/2000/01/rdf-schema#label> "say \\\\"hi\\\\""@en .\\n']
    """
    lines = sorted({f"{_nt(s)} {_nt(p)} {_nt(o)} .\n" for s, p, o in triples})
    out = [line.encode() for line in lines]
    if check:
        import pyoxigraph as ox

        for _ in ox.parse(input=b"".join(out), format=ox.RdfFormat.N_TRIPLES):
            pass
    return out


def ox_format(path: Path) -> Any:
    """The pyoxigraph ``RdfFormat`` for a file name, from its extension."""
    import pyoxigraph as ox

    name = _OX_FORMATS.get(path.suffix.lower())
    if name is None:
        raise ValueError(f"{path}: unknown RDF file type; use one of {', '.join(sorted(_OX_FORMATS))}")
    return getattr(ox.RdfFormat, name)


def drop_contributions(store: Any) -> None:
    """Remove the ``graph/contrib/…`` bookkeeping graphs from a pyoxigraph Store."""
    for g in list(store.named_graphs()):
        if getattr(g, "value", "").startswith(CONTRIB_GRAPH_PREFIX):
            store.remove_graph(g)


def load_oxigraph(path: Path | str, *, keep_contributions: bool = False) -> Any:
    """A new in-memory pyoxigraph Store holding the file's graphs (.trig, .nq, .ttl, .nt)."""
    import pyoxigraph as ox

    path = Path(path)
    fmt = ox_format(path)
    store = ox.Store()
    store.bulk_load(path=str(path), format=fmt)
    if not keep_contributions:
        drop_contributions(store)
    return store


# --------------------------------------------------------------------------- TriG, a block per graph


@cache
def trig_header() -> bytes:
    """The prefix lines that start every TriG file ipgraph writes."""
    import pyoxigraph as ox

    from .rdf import PREFIXES

    dummy = ox.Quad(*(ox.NamedNode(f"urn:x:{x}") for x in "spog"))
    text = ox.serialize(
        [dummy], format=ox.RdfFormat.TRIG, prefixes={p: str(ns) for p, ns in PREFIXES.items()}
    )
    return text[: text.index(b"<urn:x:g>")]


@dataclass(slots=True)
class TrigBlocks:
    """A TriG file as ipgraph writes it: the prefixes, then one block per graph, in IRI order.

    Oxigraph writes a graph as ``<iri> {``, tab-indented statements, ``}``, and escapes line
    breaks inside literals, so the blocks can be found without parsing: an update copies
    the blocks it keeps as they are, and a query store reads the file as one graph.
    """

    header: bytes
    blocks: dict[str, bytes]

    def to_bytes(self) -> bytes:
        return self.header + b"".join(self.blocks[g] for g in sorted(self.blocks))

    @classmethod
    def split(cls, data: bytes, path: Path | str = "the file") -> TrigBlocks:
        """Cut ``data`` into graph blocks; ``ValueError`` for a file of another layout."""
        header = trig_header()
        if not data.startswith(header):
            raise ValueError(f"{path}: not a dataset written by ipgraph build; rebuild it without --update")
        blocks, pos = {}, len(header)
        while pos < len(data):
            eol = data.find(b" {\n", pos)
            end = data.find(b"\n}\n", pos)
            if data[pos : pos + 1] != b"<" or eol < 0 or end < 0 or data[eol - 1 : eol] != b">":
                raise ValueError(f"{path}: unexpected TriG layout at byte {pos}; rebuild it without --update")
            blocks[data[pos + 1 : eol - 1].decode()] = data[pos : end + 3]
            pos = end + 3
        return cls(header, blocks)

    def union_turtle(self) -> bytes:
        """The graphs' statements (bookkeeping graphs left out) as one Turtle document."""
        bodies = (
            b[b.index(b"{\n") + 2 : -2]
            for g, b in self.blocks.items()
            if not g.startswith(CONTRIB_GRAPH_PREFIX)
        )
        return self.header + b"".join(bodies)


def load_union(path: Path | str) -> OxigraphStore:
    """A query store over a dataset file: the union of its graphs in Oxigraph's default graph.

    A TriG file written by ipgraph is read as one Turtle document (no named graphs kept);
    any other file is loaded with its named graphs and queried as their union.
    """
    import pyoxigraph as ox

    path = Path(path)
    if ox_format(path) == ox.RdfFormat.TRIG:
        try:
            blocks = TrigBlocks.split(path.read_bytes(), path)
        except ValueError:
            blocks = None
        if blocks is not None:
            store = ox.Store()
            store.bulk_load(input=blocks.union_turtle(), format=ox.RdfFormat.TURTLE)
            return OxigraphStore(store, union_default=True)
    return OxigraphStore(load_oxigraph(path))


def open_store(source: Path | str | Dataset | Graph | Any, kind: str = DEFAULT_STORE) -> GraphStore:
    """A store over ``source``: a dataset file (.trig, .nq, .ttl), an rdflib graph, or a Store.

    Parameters
    ----------
    source : path, rdflib Graph/Dataset, pyoxigraph Store or GraphStore
        An in-memory object keeps its own backend.
    kind : {"oxigraph", "rdflib"}
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
    if kind not in STORES:
        raise ValueError(f"unknown store {kind!r}; use one of {', '.join(STORES)}")
    path = Path(source)
    if kind == "rdflib":
        from .dataset import load_dataset

        return RdflibStore(load_dataset(path))
    return load_union(path)
