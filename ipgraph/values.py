"""RDF terms as plain Python values: one set of rules for every store.

A query's answer is a table of plain values (str, int, float, bool, None). The rules live
here, apart from any backend, so that an rdflib term and a pyoxigraph term of the same
literal give the same value, and the Oxigraph store can skip building rdflib terms at all
(most of a large answer's conversion time).

>>> literal_value("2025", "http://www.w3.org/2001/XMLSchema#gYear")
2025
>>> literal_value("2022-07", "http://www.w3.org/2001/XMLSchema#gYearMonth")
'2022-07'
"""

from __future__ import annotations

import re
from typing import Any

from rdflib import XSD, Literal
from rdflib.term import Node

from .terms import XSD_FLOATS, XSD_INTEGERS

__all__ = ["literal_value", "to_python", "tsv_value"]

_XSD = str(XSD)
_INTEGER_TYPES = XSD_INTEGERS | {_XSD + "gYear"}  # a year is a number to compare and sort
_FLOAT_TYPES = XSD_FLOATS
_BOOLEAN = _XSD + "boolean"


def literal_value(text: str, datatype: str | None = None) -> Any:
    """The Python value of a literal from its lexical form and datatype IRI.

    Integers (and ``xsd:gYear``) become int, decimals and doubles float, booleans bool;
    everything else, dates and months included, stays its text (``2024-12-31``, ``2022-07``).
    A lexical form that does not fit its datatype stays text rather than failing the row.
    """
    if not datatype:
        return text
    try:
        if datatype in _INTEGER_TYPES:
            return int(text)
        if datatype in _FLOAT_TYPES:
            return float(text)
    except ValueError:
        return text
    if datatype == _BOOLEAN:
        return text.strip().lower() in ("true", "1")
    return text


def to_python(term: Node | None) -> Any:
    """An rdflib term as a plain Python value: IRIs and blank nodes are their text.

    >>> to_python(Literal("2025", datatype=XSD.gYear)), to_python(Literal("21.47", datatype=XSD.decimal))
    (2025, 21.47)
    >>> from rdflib import URIRef
    >>> to_python(URIRef("https://w3id.org/ipgraph/ontology#Lead"))
    'https://w3id.org/ipgraph/ontology#Lead'
    """
    if term is None:
        return None
    if isinstance(term, Literal):
        return literal_value(str(term), str(term.datatype) if term.datatype else None)
    return str(term)  # IRIs and blank nodes: their text


# SPARQL results TSV writes terms as in Turtle: "lexical" with N-Triples escapes and an
# optional @lang or ^^<datatype>, <iri>, _:blank, and bare integers, decimals, doubles, booleans.
_ESCAPE_RE = re.compile(r"\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))", re.DOTALL)
_ESCAPES = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'", "\\": "\\"}
_BARE = (
    (re.compile(r"[+-]?\d+"), int),
    (re.compile(r"[+-]?\d*\.\d+"), float),
    (re.compile(r"[+-]?(\d+\.?\d*|\.\d+)[eE][+-]?\d+"), float),
)


def _unescape(m: re.Match[str]) -> str:
    code = m.group(1) or m.group(2)
    return chr(int(code, 16)) if code else _ESCAPES.get(m.group(3), m.group(0))


def tsv_value(cell: str) -> Any:
    r"""The Python value of one cell of a SPARQL results TSV; an empty cell is unbound.

    >>> tsv_value('"福州市"@zh'), tsv_value('"31"^^<http://www.w3.org/2001/XMLSchema#decimal>')
    ('福州市', 31.0)
    >>> tsv_value("12"), tsv_value('"a\\tb"'), tsv_value(""), tsv_value("<https://w3id.org/x>")
    (12, 'a\tb', None, 'https://w3id.org/x')
    """
    if not cell:
        return None
    first = cell[0]
    if first == '"':
        end = cell.rindex('"')  # the suffix (@lang, ^^<iri>) holds no quote
        text = cell[1:end]
        if "\\" in text:
            text = _ESCAPE_RE.sub(_unescape, text)
        suffix = cell[end + 1 :]
        return literal_value(text, suffix[3:-1]) if suffix.startswith("^^<") else text
    if first == "<":
        iri = cell[1:-1]
        return _ESCAPE_RE.sub(_unescape, iri) if "\\" in iri else iri
    if cell.startswith("_:"):
        return cell[2:]
    if cell in ("true", "false"):
        return cell == "true"
    for pattern, kind in _BARE:
        if pattern.fullmatch(cell):
            return kind(cell)
    return cell
