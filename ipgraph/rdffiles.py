"""RDF files: which format a file name means, loading them, and TriG as ipgraph writes it.

A leaf below the store, the validator and the build: each of them reads files through these
functions, so the table of formats is written once (files are replaced through
:mod:`ipgraph.atomic`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from rdflib import Dataset

from .namespaces import CONTRIB_GRAPH_PREFIX, PREFIX_IRIS, new_dataset

__all__ = [
    "RDF_FORMATS",
    "TrigBlocks",
    "dataset_format",
    "drop_contributions",
    "load_dataset",
    "load_oxigraph",
    "ox_format",
    "rdf_format",
    "trig_header",
]

# File extension → (rdflib's format name, pyoxigraph's RdfFormat name).
_FORMATS = {
    ".trig": ("trig", "TRIG"),
    ".nq": ("nquads", "N_QUADS"),
    ".nquads": ("nquads", "N_QUADS"),
    ".ttl": ("turtle", "TURTLE"),
    ".nt": ("nt", "N_TRIPLES"),
}
RDF_FORMATS = {ext: rdflib_name for ext, (rdflib_name, _) in _FORMATS.items()}


def _formats(path: Path) -> tuple[str, str]:
    found = _FORMATS.get(Path(path).suffix.lower())
    if found is None:
        raise ValueError(f"{path}: unknown RDF file type; use one of {', '.join(sorted(_FORMATS))}")
    return found


def rdf_format(path: Path) -> str:
    """rdflib's format name for a file name, from its extension (``ValueError`` if unknown)."""
    return _formats(path)[0]


def dataset_format(path: Path) -> str:
    """rdflib's format name for a file that must hold named graphs (.trig or .nq)."""
    fmt = rdf_format(path)
    if fmt not in ("trig", "nquads"):
        raise ValueError(f"{path}: a dataset with named graphs needs .trig or .nq")
    return fmt


def ox_format(path: Path) -> Any:
    """The pyoxigraph ``RdfFormat`` for a file name, from its extension."""
    import pyoxigraph as ox

    return getattr(ox.RdfFormat, _formats(path)[1])


def load_dataset(path: Path | str) -> Dataset:
    """Load a dataset file (TriG / N-Quads / Turtle / N-Triples) into an rdflib Dataset.

    The ``graph/contrib/…`` bookkeeping graphs are left out.
    """
    path = Path(path)
    ds = new_dataset()
    ds.parse(str(path), format=rdf_format(path))
    for g in [g.identifier for g in ds.graphs() if str(g.identifier).startswith(CONTRIB_GRAPH_PREFIX)]:
        ds.remove_graph(g)
    return ds


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

    dummy = ox.Quad(*(ox.NamedNode(f"urn:x:{x}") for x in "spog"))
    text = ox.serialize([dummy], format=ox.RdfFormat.TRIG, prefixes=PREFIX_IRIS)
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
