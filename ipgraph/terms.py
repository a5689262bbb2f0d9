"""Terms between rdflib and pyoxigraph, and the N-Triples lines ipgraph compares as bytes.

A leaf: stores, validation and the build convert terms here and nowhere else. The XSD
datatype tables that decide what is a number live here too, once.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rdflib import XSD, BNode, Literal, URIRef
from rdflib.term import Node

__all__ = ["XSD_FLOATS", "XSD_INTEGERS", "XSD_STRING", "from_ox", "nt_lines", "to_ox"]

XSD_STRING = str(XSD.string)
# The integer datatypes (their values are Python ints) and the others read as numbers.
XSD_INTEGERS = frozenset(
    str(XSD) + t
    for t in (
        "integer",
        "int",
        "long",
        "short",
        "byte",
        "nonNegativeInteger",
        "positiveInteger",
        "nonPositiveInteger",
        "negativeInteger",
        "unsignedLong",
        "unsignedInt",
        "unsignedShort",
        "unsignedByte",
    )
)
XSD_FLOATS = frozenset(str(XSD) + t for t in ("decimal", "double", "float"))


def to_ox(term: Node) -> Any:
    """A pyoxigraph term for an rdflib term (a bound parameter, a validated triple)."""
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


def from_ox(term: Any) -> Node | None:
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
        if datatype == XSD_STRING:
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
        elif term.datatype is not None and str(term.datatype) != XSD_STRING:
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


# Oxigraph's bulk loader is many times faster than a transaction (on disk, 200 plans: 17 s in one
# transaction), but it reserves large buffers up front (200 MB and more), which a process under an
# address-space cap (RLIMIT_AS, as a sandbox or ``ulimit -v`` sets) cannot get: it aborts the
# process. Under such a cap the lines are loaded in one transaction instead.
BULK_ADDRESS_SPACE = 8 << 30  # a cap below this many bytes of address space: no bulk loading


def bulk_loading_allowed() -> bool:
    """No address-space cap, or one large enough for Oxigraph's bulk loader."""
    try:
        import resource
    except ImportError:  # not a POSIX system: no such cap
        return True
    soft, _ = resource.getrlimit(resource.RLIMIT_AS)
    return soft == resource.RLIM_INFINITY or soft >= BULK_ADDRESS_SPACE


def load_lines(store: Any, data: bytes, fmt: Any) -> None:
    """Load checked N-Triples / N-Quads ``data`` into a pyoxigraph ``store``: in bulk unless
    the process runs under an address-space cap (:func:`bulk_loading_allowed`)."""
    if bulk_loading_allowed():
        store.bulk_load(input=data, format=fmt, lenient=True)
    else:
        store.load(input=data, format=fmt, lenient=True)
