"""Check graphs built by :mod:`ipgraph.rdf` against the SHACL shapes in ``ontology/shapes.ttl``.

The shapes target the classes that :mod:`ipgraph.rdf` asserts (it asserts ipg superclasses
too), so validation runs without inference and without the ontology: that keeps it fast
and makes it check the data as written, not as a reasoner would complete it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from pyshacl import validate as shacl_validate
from rdflib import Dataset, Graph
from rdflib.namespace import SH

from ipgraph.resources import read_ontology_text

__all__ = ["ValidationResult", "load_shapes", "validate"]


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
