"""Check graphs built by :mod:`ipgraph.rdf` against the SHACL shapes in ``ontology/shapes.ttl``.

The shapes target the classes that :mod:`ipgraph.rdf` asserts (it asserts ipg superclasses
too), so validation runs without inference and without the ontology: that keeps it fast
and makes it check the data as written, not as a reasoner would complete it.
"""

from __future__ import annotations

import multiprocessing as mp
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from pyshacl import validate as shacl_validate
from rdflib import Dataset, Graph
from rdflib.namespace import SH

from ipgraph.resources import read_ontology_text

__all__ = ["ValidationResult", "load_shapes", "validate", "validate_units"]


@dataclass(frozen=True, slots=True)
class ValidationResult:
    """The outcome of a SHACL validation.

    Attributes
    ----------
    conforms : bool
        True when the data violates no shape.
    violations : int
        Number of validation results of severity ``sh:Violation``.
    text : str
        pyshacl's human-readable report.
    """

    conforms: bool
    violations: int
    text: str


@cache
def load_shapes() -> Graph:
    """Return the packaged SHACL shapes graph, parsed once per process.

    Returns
    -------
    Graph
        The shapes; treat it as read-only, it is shared between calls.
    """
    return Graph().parse(data=read_ontology_text("shapes.ttl"), format="turtle")


def _as_graph(data: Graph | Dataset) -> Graph:
    """One Graph holding every triple of `data`; a Dataset's named graphs are merged.

    pyshacl validates each named graph of a Dataset on its own, but a responsibility (plan
    graph) must see its agency's type (shared graph), so the union is validated.
    """
    if not isinstance(data, Dataset):  # a Dataset is a Graph too, so test it first
        return data
    merged = Graph()
    merged.addN((s, p, o, merged) for s, p, o, _ in data.quads((None, None, None, None)))
    return merged


def validate(data: Graph | Dataset) -> ValidationResult:
    """Validate `data` against the shapes, without inference.

    Parameters
    ----------
    data : Graph or Dataset
        A graph from :func:`ipgraph.rdf.plan_graph`, or a Dataset from
        :func:`ipgraph.rdf.reading_to_dataset` (validated as the union of its graphs).

    Returns
    -------
    ValidationResult
        Whether it conforms, the number of violations and the report text.
    """
    conforms, report, text = shacl_validate(
        _as_graph(data),
        shacl_graph=load_shapes(),
        inference="none",
        abort_on_first=False,
        allow_warnings=True,
        advanced=False,
    )
    violations = sum(1 for _ in report.subjects(SH.resultSeverity, SH.Violation))
    return ValidationResult(conforms=bool(conforms), violations=violations, text=str(text))


# --------------------------------------------------------------------------- in parts, in parallel


def _graph_from_nt(data: bytes) -> Graph:
    """An rdflib Graph from N-Triples bytes, parsed by Oxigraph (several times faster)."""
    import pyoxigraph as ox

    from .store import _from_ox

    graph, cache = Graph(), {}

    def conv(term: object) -> object:
        out = cache.get(term)
        if out is None:
            out = cache[term] = _from_ox(term)
        return out

    graph.addN(
        (conv(t.subject), conv(t.predicate), conv(t.object), graph)
        for t in ox.parse(input=data, format=ox.RdfFormat.N_TRIPLES)
    )
    return graph


def _result_blocks(text: str) -> list[str]:
    """pyshacl's report text cut into one block per result (a header line, then tab-indented lines)."""
    lines = text.splitlines()
    start = next((i + 1 for i, line in enumerate(lines) if line.startswith("Results (")), len(lines))
    blocks: list[list[str]] = []
    for line in lines[start:]:
        if line.startswith("\t") and blocks:
            blocks[-1].append(line)
        elif line.strip():
            blocks.append([line])
    return ["\n".join(b) for b in blocks]


def _validate_unit(data: bytes) -> list[str]:
    conforms, _, text = shacl_validate(
        _graph_from_nt(data),
        shacl_graph=load_shapes(),
        inference="none",
        abort_on_first=False,
        allow_warnings=True,
        advanced=False,
    )
    return [] if conforms else _result_blocks(str(text))


def validate_units(units: Sequence[bytes], jobs: int = 1) -> ValidationResult:
    """Validate parts of a dataset on ``jobs`` processes; the same result as their union.

    Parameters
    ----------
    units : sequence of bytes
        N-Triples documents that together hold the dataset, each closed under what the
        shapes look at from its nodes: a group of plans with their contributions to the
        shared graph, and the shared graph (see ``ipgraph.dataset``). The same result found
        in several units (an agency used by many plans) is counted once.
    jobs : int
        Worker processes; 1 validates in this process.

    Returns
    -------
    ValidationResult
        As :func:`validate` gives for the union: ``conforms``, ``violations`` and the report
        text in pyshacl's words, results sorted.
    """
    load_shapes()  # parsed once, before the workers fork
    if jobs <= 1 or len(units) <= 1:
        found = [_validate_unit(u) for u in units]
    else:
        ctx = mp.get_context("fork" if "fork" in mp.get_all_start_methods() else None)
        with ctx.Pool(min(jobs, len(units))) as pool:
            found = pool.map(_validate_unit, units, chunksize=1)
    blocks = sorted({b for unit in found for b in unit})
    violations = sum(1 for b in blocks if "\tSeverity: sh:Violation" in b)
    conforms = not blocks
    head = f"Validation Report\nConforms: {conforms}\n"
    text = head + (f"Results ({len(blocks)}):\n" + "\n".join(blocks) + "\n" if blocks else "")
    return ValidationResult(conforms=conforms, violations=violations, text=text)
