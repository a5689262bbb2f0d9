"""Check graphs built by :mod:`ipgraph.rdf` against the SHACL shapes in ``ontology/shapes.ttl``.

The shapes target the classes that :mod:`ipgraph.rdf` asserts (it asserts ipg superclasses
too), so validation runs without inference and without the ontology: that keeps it fast
and makes it check the data as written, not as a reasoner would complete it.

Engines are found by name in :mod:`ipgraph.registry`: ``"fast"`` (the default,
:mod:`ipgraph.shacl_fast`, the shapes evaluated over an in-memory index of pyoxigraph terms; a
thousand plans in seconds), ``"pyshacl"`` (the reference, about a minute for a thousand plans)
and ``"shacl-rs"`` (the Rust ``shacl`` package, optional; see ``bench/``). Shapes the fast
engine cannot evaluate make it fall back to pyshacl, with a warning in the log; all report the
same (focus node, path, constraint component) in pyshacl's layout.
"""

from __future__ import annotations

import logging
import multiprocessing as mp
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from rdflib import Dataset, Graph
from rdflib.namespace import SH

from . import registry
from .namespaces import CONTRIB_GRAPH_PREFIX, PREFIXES, SHAPES
from .rdffiles import load_dataset, ox_format
from .resources import read_ontology_text
from .terms import from_ox, to_ox

__all__ = [
    "ENGINES",
    "ValidationResult",
    "fast_available",
    "load_shapes",
    "validate",
    "validate_path",
    "validate_units",
]

ENGINES = registry.names("shacl")
DEFAULT_ENGINE = registry.DEFAULTS["shacl"]
log = logging.getLogger(__name__)


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
        The human-readable report, in pyshacl's layout (whichever engine ran).
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


def validate(data: Graph | Dataset, *, engine: str = DEFAULT_ENGINE) -> ValidationResult:
    """Validate `data` against the shapes, without inference.

    Parameters
    ----------
    data : Graph or Dataset
        A graph from :func:`ipgraph.rdf.plan_graph`, or a Dataset from
        :func:`ipgraph.rdf.reading_to_dataset` (validated as the union of its graphs).
    engine : ``"fast"`` or ``"pyshacl"`` (see the module docstring).

    Returns
    -------
    ValidationResult
        Whether it conforms, the number of violations and the report text.
    """
    return _engine(engine).graph(data)


# --------------------------------------------------------------------------- in parts, in parallel


def _pyshacl(graph: Graph) -> tuple[bool, Graph, str]:
    """pyshacl on ``graph`` against the shapes: (conforms, report graph, report text)."""
    from pyshacl import validate as shacl_validate  # imported only when pyshacl runs

    return shacl_validate(
        graph,
        shacl_graph=load_shapes(),
        inference="none",
        abort_on_first=False,
        allow_warnings=True,
        advanced=False,
    )


def _graph_from_nt(data: bytes) -> Graph:
    """An rdflib Graph from N-Triples bytes, parsed by Oxigraph (several times faster)."""
    import pyoxigraph as ox

    graph, conv = Graph(), lru_cache(maxsize=None)(from_ox)

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
    conforms, _, text = _pyshacl(_graph_from_nt(data))
    return [] if conforms else _result_blocks(str(text))


def validate_units(
    units: Sequence[bytes], jobs: int = 1, *, engine: str = DEFAULT_ENGINE
) -> ValidationResult:
    """Validate parts of a dataset on ``jobs`` processes; the same result as their union.

    Parameters
    ----------
    units : sequence of bytes
        N-Triples documents that together hold the dataset, each closed under what the
        shapes look at from its nodes: a group of plans with their contributions to the
        shared graph, and the shared graph (see ``ipgraph.dataset``). The same result found
        in several units (an agency used by many plans) is counted once.
    jobs : int
        Worker processes; 1 validates in this process. The fast engine uses one.
    engine : ``"fast"`` (the union validated at once) or ``"pyshacl"`` (unit by unit).

    Returns
    -------
    ValidationResult
        As :func:`validate` gives for the union: ``conforms``, ``violations`` and the report
        text in pyshacl's layout, results sorted.
    """
    return _engine(engine).units(units, jobs)


# --------------------------------------------------------------------------- the fast engine


def fast_available() -> bool:
    """Whether the default engine is the fast one and it can evaluate the packaged shapes."""
    return registry.resolve("shacl") == "fast" and _compiled() is not None


@cache
def _namespaces() -> Any:
    from rdflib.namespace import NamespaceManager

    nm = NamespaceManager(Graph(), bind_namespaces="core")
    for prefix, ns in PREFIXES.items():
        nm.bind(prefix, ns, override=True)
    nm.bind("sh", SH, override=True)
    nm.bind("ipgsh", SHAPES, override=False)
    return nm


def _show(term: Any) -> str:
    """A term as the report shows it: a prefixed name where one fits, else N3."""
    from rdflib import URIRef

    node = term if isinstance(term, str) and not hasattr(term, "n3") else None
    if node is not None:
        term = URIRef(node)
    elif not hasattr(term, "n3"):
        term = from_ox(term)
    return term.n3(_namespaces())


@cache
def _compiled() -> list | None:
    """The packaged shapes compiled for :mod:`ipgraph.shacl_fast`; None when it cannot read them."""
    from .shacl_fast import UnsupportedShapes, compile_shapes

    try:
        return compile_shapes(load_shapes(), qname=_show)
    except UnsupportedShapes:
        return None


def _layout(
    component: str,
    severity: str,
    shape: str,
    focus: str,
    value: str | None,
    path: str | None,
    message: str | None,
) -> list[str]:
    """One result's lines in pyshacl's report layout (whichever engine found it)."""
    lines = [
        f"Constraint Violation in {component} (http://www.w3.org/ns/shacl#{component}):",
        f"\tSeverity: sh:{severity}",
        f"\tSource Shape: {shape}",
        f"\tFocus Node: {focus}",
    ]
    if value is not None:
        lines.append(f"\tValue Node: {value}")
    if path is not None:
        lines.append(f"\tResult Path: {path}")
    if message:
        lines.append(f"\tMessage: {message}")
    return lines


def _block(r: Any) -> str:
    """One result in pyshacl's report layout, with the results of a failed sh:node as details."""
    value = _show(r.value) if r.value is not None else None
    lines = _layout(r.component, r.severity, r.shape, _show(r.focus), value, r.path, r.message)
    if r.details:
        lines.append("\tDetails:")
        lines.extend("\t\t" + line for d in r.details for line in _block(d).splitlines())
    return "\n".join(lines)


def fast_results(triples: Any) -> list:
    """The :class:`ipgraph.shacl_fast.Result` list of pyoxigraph ``triples`` against the shapes."""
    from .shacl_fast import Index, run

    shapes = _compiled()
    if shapes is None:
        raise ValueError("the shapes use SHACL features the fast engine does not evaluate")
    return run(shapes, Index.from_triples(triples))


def _fast(triples: Any) -> ValidationResult:
    return _report(fast_results(triples))


def _report(results: list) -> ValidationResult:
    """A ValidationResult from fast-engine results; a result found twice is shown once."""
    return _report_blocks({_block(r) for r in results})


def _report_blocks(found: set[str]) -> ValidationResult:
    """A ValidationResult from report blocks in pyshacl's layout, sorted: the one report text."""
    blocks = sorted(found)
    violations = sum(1 for b in blocks if "\tSeverity: sh:Violation" in b)
    conforms = not blocks
    head = f"Validation Report\nConforms: {conforms}\n"
    text = head + (f"Results ({len(blocks)}):\n" + "\n".join(blocks) + "\n" if blocks else "")
    return ValidationResult(conforms=conforms, violations=violations, text=text)


def validate_path(path: Path | str, *, engine: str = DEFAULT_ENGINE) -> tuple[ValidationResult, int]:
    """Validate an RDF file (.trig, .nq, .ttl, .nt) as the union of its graphs, fast.

    The ``graph/contrib/…`` bookkeeping graphs that ``ipgraph build`` writes are left out.

    Returns
    -------
    tuple
        The result and the number of distinct triples validated.
    """
    import pyoxigraph as ox

    path = Path(path)

    def triples() -> Any:
        for q in ox.parse(path=str(path), format=ox_format(path)):
            g = q.graph_name
            if isinstance(g, ox.NamedNode) and g.value.startswith(CONTRIB_GRAPH_PREFIX):
                continue
            yield q.subject, q.predicate, q.object

    eng = _engine(engine)
    if isinstance(eng, PyshaclEngine):
        ds = load_dataset(path)
        return eng.graph(ds), len(ds)
    if isinstance(eng, RustEngine):  # it reads the file itself (a plan's contribution repeats
        # shared triples: the union, a set, is the same), the triples are only counted here
        return eng.file(path), len(set(triples()))
    return eng.path(triples())


# --------------------------------------------------------------------------- engines


class Engine:
    """A SHACL engine (found by name in :mod:`ipgraph.registry`): the data in, a report out.

    ``triples`` is the one method an engine must have (pyoxigraph triples of the union); the
    others give it an rdflib graph or N-Triples parts, and an engine may do better with those.
    """

    name = "engine"
    by_units = False  # whether it validates a build's parts apart (in parallel) rather than the union

    def usable(self) -> bool:
        """Whether this engine can evaluate the packaged shapes (else the caller falls back)."""
        return True

    def triples(self, triples: Iterable[Any]) -> ValidationResult:
        raise NotImplementedError

    def graph(self, data: Graph | Dataset) -> ValidationResult:
        quads = data.quads((None, None, None, None)) if isinstance(data, Dataset) else data
        conv = lru_cache(maxsize=None)(to_ox)
        return self.triples((conv(q[0]), conv(q[1]), conv(q[2])) for q in quads)

    def units(self, units: Sequence[bytes], jobs: int) -> ValidationResult:
        import pyoxigraph as ox

        return self.triples(
            (t.subject, t.predicate, t.object)
            for u in units
            for t in ox.parse(input=u, format=ox.RdfFormat.N_TRIPLES)
        )

    def path(self, triples: Iterable[Any]) -> tuple[ValidationResult, int]:
        """The union of a file's graphs: the result and the number of distinct triples."""
        unique = set(triples)
        return self.triples(unique), len(unique)


class FastEngine(Engine):
    """ipgraph's SHACL Core engine (:mod:`ipgraph.shacl_fast`)."""

    name = "fast"

    def usable(self) -> bool:
        return _compiled() is not None

    def triples(self, triples: Iterable[Any]) -> ValidationResult:
        return _fast(triples)

    def path(self, triples: Iterable[Any]) -> tuple[ValidationResult, int]:
        from .shacl_fast import Index, run

        index = Index.from_triples(triples)
        n = sum(len(objs) for po in index.spo.values() for objs in po.values())
        return _report(run(_compiled(), index)), n


class PyshaclEngine(Engine):
    """pyshacl, the reference: slow, complete, and able to validate parts in parallel."""

    name = "pyshacl"
    by_units = True

    def graph(self, data: Graph | Dataset) -> ValidationResult:
        conforms, report, text = _pyshacl(_as_graph(data))
        violations = sum(1 for _ in report.subjects(SH.resultSeverity, SH.Violation))
        return ValidationResult(conforms=bool(conforms), violations=violations, text=str(text))

    def triples(self, triples: Iterable[Any]) -> ValidationResult:
        graph, conv = Graph(), lru_cache(maxsize=None)(from_ox)
        graph.addN((conv(s), conv(p), conv(o), graph) for s, p, o in triples)
        return self.graph(graph)

    def units(self, units: Sequence[bytes], jobs: int) -> ValidationResult:
        load_shapes()  # parsed once, before the workers fork
        if jobs <= 1 or len(units) <= 1:
            found = [_validate_unit(u) for u in units]
        else:
            ctx = mp.get_context("fork" if "fork" in mp.get_all_start_methods() else None)
            with ctx.Pool(min(jobs, len(units))) as pool:
                found = pool.map(_validate_unit, units, chunksize=1)
        return _report_blocks({b for unit in found for b in unit})


def _engine(name: str | None) -> Engine:
    """The engine registered as ``name``; the default falls back to pyshacl, with a warning in
    the log, when it cannot evaluate the shapes (never silently)."""
    engine = registry.load("shacl", name)()
    if not engine.usable():
        log.warning("SHACL engine %s cannot evaluate the shapes; validating with pyshacl", engine.name)
        return PyshaclEngine()
    return engine


class RustEngine(Engine):
    """The Rust ``shacl`` package from PyPI (``pip install "ipgraph[rust-shacl]"``): the
    union handed over as N-Triples, its results shown in pyshacl's layout (no ``sh:detail``)."""

    name = "shacl-rs"

    def usable(self) -> bool:
        return _rust_shapes() is not None

    def triples(self, triples: Iterable[Any]) -> ValidationResult:
        import pyoxigraph as ox

        data = ox.serialize((ox.Triple(*t) for t in triples), format=ox.RdfFormat.N_TRIPLES)
        shapes = _rust_shapes()
        assert shapes is not None
        report = shapes.validate_text(data.decode("utf-8"), format="ntriples", allow_warnings=True)
        return _report_blocks({_rust_block(r) for r in report.results})

    def units(self, units: Sequence[bytes], jobs: int) -> ValidationResult:
        shapes = _rust_shapes()
        text = b"".join(units).decode("utf-8")  # N-Triples lines: their union, as they are
        report = shapes.validate_text(text, format="ntriples", allow_warnings=True)
        return _report_blocks({_rust_block(r) for r in report.results})

    def file(self, path: Path) -> ValidationResult:
        report = _rust_shapes().validate_file(str(path), allow_warnings=True)
        return _report_blocks({_rust_block(r) for r in report.results})


@cache
def _rust_shapes() -> Any:
    try:
        import shacl
    except ImportError:
        return None
    return shacl.Shapes.from_turtle(read_ontology_text("shapes.ttl"))


def _nt_show(text: str | None) -> str | None:
    """A term the Rust engine gives in N-Triples (``<iri>``, ``"x"@zh``) as the report shows it."""
    if text is None:
        return None
    if text.startswith("^"):  # an inverse path
        return "^" + str(_nt_show(text[1:]))
    if text.startswith("<") and text.endswith(">"):
        return _show(text[1:-1])
    return text


def _rust_block(r: Any) -> str:
    lines = _layout(
        r.component,
        r.severity,
        str(_nt_show(r.source_shape)),
        str(_nt_show(r.focus_node)),
        _nt_show(r.value),
        _nt_show(r.path),
        r.message,
    )
    return "\n".join(lines)
