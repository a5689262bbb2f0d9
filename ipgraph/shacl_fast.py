"""A small SHACL Core engine over an in-memory triple index: ipgraph's shapes in seconds.

pyshacl takes close to a minute on a thousand plans. This module reads the shapes graph
generically (no per-shape code) into plain Python objects and evaluates them over a dict
index of the data, built from pyoxigraph terms. It supports the SHACL Core components the
packaged shapes use; a shapes graph with any other ``sh:`` term raises
:class:`UnsupportedShapes`, so a caller falls back to pyshacl instead of passing silently.
Results are the same (focus node, result path, source constraint component) as pyshacl's,
which ``tests/test_validate_fast.py`` checks on the sample plans with violations injected.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Graph, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, SH

from .terms import XSD_FLOATS, XSD_INTEGERS, to_ox

__all__ = ["Index", "Result", "UnsupportedShapes", "compile_shapes", "run"]

_SH = str(SH)
_XSD = "http://www.w3.org/2001/XMLSchema#"
_RDF_TYPE = ox.NamedNode(str(RDF.type))
_SUBCLASS = ox.NamedNode(str(RDFS.subClassOf))
_LANGSTRING = str(RDF.langString)


class UnsupportedShapes(ValueError):
    """The shapes use a SHACL feature this engine does not evaluate; use pyshacl."""


# --------------------------------------------------------------------------- data


@dataclass(slots=True)
class Index:
    """Triples as ``subject → predicate → objects`` (ordered sets), with an inverse for some predicates."""

    spo: dict[Any, dict[Any, dict[Any, None]]] = field(default_factory=dict)
    ops: dict[Any, dict[Any, dict[Any, None]]] = field(default_factory=dict)  # predicate → object → subjects

    @classmethod
    def from_triples(cls, triples: Iterable[tuple[Any, Any, Any]]) -> Index:
        """Index pyoxigraph (subject, predicate, object) triples; duplicates count once."""
        index = cls()
        spo, ops = index.spo, index.ops
        for s, p, o in triples:
            spo.setdefault(s, {}).setdefault(p, {})[o] = None
            ops.setdefault(p, {}).setdefault(o, {})[s] = None
        return index

    def objects(self, s: Any, p: Any) -> Iterable[Any]:
        return self.spo.get(s, {}).get(p, ())

    def subjects(self, p: Any, o: Any) -> Iterable[Any]:
        return self.ops.get(p, {}).get(o, ())


# --------------------------------------------------------------------------- shapes


@dataclass(slots=True)
class Shape:
    """A node shape (``path`` None) or property shape, with its constraints as (component, value)."""

    node: Any  # the shape's rdflib term
    path: tuple[bool, Any] | None  # (inverse?, predicate as an ox NamedNode)
    path_text: str | None  # the result path as written, e.g. ``ipg:agency`` or ``^ipg:hasTarget``
    constraints: list[tuple[str, Any]] = field(default_factory=list)
    properties: list[Shape] = field(default_factory=list)
    targets: list[tuple[str, Any]] = field(default_factory=list)
    message: str | None = None
    severity: str = "Violation"
    deactivated: bool = False
    label: str = ""  # the shape as the report names it


@dataclass(frozen=True, slots=True)
class Result:
    """One validation result, as the SHACL report would give it."""

    focus: Any
    path: str | None
    component: str  # e.g. ``MinCountConstraintComponent``
    shape: str
    value: Any
    message: str | None
    severity: str = "Violation"
    details: tuple[Result, ...] = ()  # why a value fails its sh:node shape


_IGNORED = {"message", "name", "description", "order", "group", "severity", "deactivated", "path"}
_TARGETS = {"targetClass", "targetNode", "targetSubjectsOf", "targetObjectsOf"}
# The components the packaged shapes use, each checked against pyshacl in tests/test_validate_fast.py.
# Add one only with such a test: any other makes compile_shapes refuse the shapes (pyshacl is used).
_SUPPORTED = {
    "class", "datatype", "minCount", "maxCount", "minInclusive", "minLength", "pattern", "languageIn",
    "in", "hasValue", "node", "or", "lessThanOrEquals", "qualifiedValueShape", "qualifiedMinCount",
    "qualifiedMaxCount",
}  # fmt: skip


def compile_shapes(shapes: Graph, qname: Any = None) -> list[Shape]:
    """The node shapes of ``shapes`` that have targets, with every shape they reach compiled.

    Raises
    ------
    UnsupportedShapes
        For a path other than a predicate or its inverse, or an ``sh:`` term not evaluated here.
    """
    compiler = _Compiler(shapes, qname or (lambda t: str(t)))
    roots = set(shapes.subjects(RDF.type, SH.NodeShape)) | set(shapes.subjects(RDF.type, SH.PropertyShape))
    for t in _TARGETS:
        roots |= set(shapes.subjects(SH[t], None))
    compiled = [compiler.shape(n) for n in sorted(roots, key=str)]
    return [s for s in compiled if s.targets]


_INT_PARAMS = ("minCount", "maxCount", "minLength", "maxLength", "qualifiedMinCount", "qualifiedMaxCount")


class _Compiler:
    """Shapes graph → :class:`Shape` objects, each node compiled once (shapes refer to each other)."""

    def __init__(self, shapes: Graph, qname: Any) -> None:
        self.shapes, self.qname = shapes, qname
        self.done: dict[Any, Shape] = {}

    def path(self, node: Any) -> tuple[tuple[bool, Any], str]:
        """A predicate, or ``sh:inversePath`` of one: ((inverse?, predicate), as shown)."""
        if isinstance(node, URIRef):
            return (False, to_ox(node)), self.qname(node)
        inv = self.shapes.value(node, SH.inversePath)
        if (
            isinstance(node, BNode)
            and isinstance(inv, URIRef)
            and len(set(self.shapes.predicate_objects(node))) == 1
        ):
            return (True, to_ox(inv)), "^" + self.qname(inv)
        raise UnsupportedShapes(f"shapes: unsupported sh:path at {node}")

    def shape(self, node: Any) -> Shape:
        if node in self.done:
            return self.done[node]
        path = self.shapes.value(node, SH.path)
        p, text = self.path(path) if path is not None else (None, None)
        shape = self.done[node] = Shape(node, p, text)
        self.describe(shape, node, text)
        for pred, obj in self.shapes.predicate_objects(node):
            if str(pred).startswith(_SH):
                self.add(shape, node, str(pred)[len(_SH) :], obj)
        names = {n for n, _ in shape.constraints}
        if names & {"qualifiedMinCount", "qualifiedMaxCount"} and "qualifiedValueShape" not in names:
            raise UnsupportedShapes(f"shapes: qualified count without sh:qualifiedValueShape on {node}")
        return shape

    def describe(self, shape: Shape, node: Any, text: str | None) -> None:
        """Label, message, severity, deactivation; an implicit class target."""
        shapes = self.shapes
        shape.label = (
            self.qname(node) if isinstance(node, URIRef) else f"[ sh:path {text} ]" if text else "[ ]"
        )
        msg = shapes.value(node, SH.message)
        shape.message = str(msg) if msg is not None else None
        sev = shapes.value(node, SH.severity)
        shape.severity = str(sev).removeprefix(_SH) if sev is not None else "Violation"
        shape.deactivated = str(shapes.value(node, SH.deactivated)).lower() == "true"
        if (node, RDF.type, RDFS.Class) in shapes:
            shape.targets.append(("targetClass", to_ox(node)))

    def add(self, shape: Shape, node: Any, name: str, obj: Any) -> None:
        """One ``sh:`` statement of the shape: a target, a property shape or a constraint."""
        if name in _IGNORED:
            return
        if name in _TARGETS:
            shape.targets.append((name, to_ox(obj)))
        elif name == "property":
            shape.properties.append(self.shape(obj))
        elif name in _SUPPORTED:
            shape.constraints.append((name, self.value(name, obj)))
        elif name == "qualifiedValueShapesDisjoint" and not obj.toPython():
            return
        else:
            raise UnsupportedShapes(f"shapes: sh:{name} (on {self.qname(node)}) is not supported here")

    def value(self, name: str, obj: Any) -> Any:
        """A constraint's parameter, in the form the engine evaluates."""
        if name in ("node", "qualifiedValueShape"):
            return self.shape(obj)
        if name == "or":
            return [self.shape(x) for x in Collection(self.shapes, obj)]
        if name == "in":
            return {to_ox(x) for x in Collection(self.shapes, obj)}
        if name == "languageIn":
            return [str(x).lower() for x in Collection(self.shapes, obj)]
        if name in _INT_PARAMS:
            return int(obj)
        if name == "pattern":
            return re.compile(str(obj))
        if name == "minInclusive":
            return _number(to_ox(obj))
        if name == "datatype":
            return str(obj)
        return to_ox(obj)


# --------------------------------------------------------------------------- values

_NUMERIC = XSD_INTEGERS | {f"{_XSD}decimal"}
_FLOAT = XSD_FLOATS - {f"{_XSD}decimal"}


def _is_date(text: str) -> bool:
    m = re.fullmatch(r"(-?[0-9]{4,})-([0-9]{2})-([0-9]{2})(Z|[+-][0-9]{2}:[0-9]{2})?", text)
    try:
        return m is not None and bool(date(int(m.group(1)), int(m.group(2)), int(m.group(3))))
    except ValueError:
        return False


def _parses(conv: Any) -> Any:
    def check(text: str) -> bool:
        try:
            conv(text)
        except (ValueError, InvalidOperation):
            return False
        return True

    return check


# Lexical checks as lenient as rdflib's (so pyshacl and this engine agree on ill-typed
# literals); rdflib does not check xsd:gYear or xsd:gYearMonth, the shapes do that by pattern.
_LEXICAL = {
    **{dt: _parses(int) for dt in _NUMERIC if not dt.endswith("#decimal")},
    f"{_XSD}decimal": _parses(Decimal),
    **{dt: _parses(float) for dt in _FLOAT},
    f"{_XSD}boolean": lambda t: t.lower() in ("true", "false", "1", "0"),
    f"{_XSD}date": _is_date,
}


def _well_formed(lit: Any) -> bool:
    """Whether a literal's text is valid for its (known) datatype; unknown datatypes pass."""
    check = _LEXICAL.get(lit.datatype.value)
    return check is None or check(lit.value)


def _number(term: Any) -> Decimal | float | None:
    if not isinstance(term, ox.Literal) or term.language:
        return None
    dt = term.datatype.value
    try:
        if dt in _NUMERIC:
            return Decimal(term.value.strip()) if _well_formed(term) else None
        if dt in _FLOAT:
            return float(term.value)
    except (InvalidOperation, ValueError):
        return None
    return None


def _text(term: Any) -> str | None:
    return None if isinstance(term, ox.BlankNode) else term.value


def _compare(a: Any, b: Any) -> int | None:
    """-1/0/1 for comparable literals (numbers, or strings of the same datatype), else None."""
    x, y = _number(a), _number(b)
    if x is not None and y is not None:
        return (x > y) - (x < y)
    if (
        isinstance(a, ox.Literal)
        and isinstance(b, ox.Literal)
        and a.datatype == b.datatype
        and not a.language
    ):
        if a.datatype.value in _NUMERIC | _FLOAT:
            return None
        return (a.value > b.value) - (a.value < b.value)
    return None


# --------------------------------------------------------------------------- evaluation


class _Engine:
    def __init__(self, index: Index) -> None:
        self.index = index
        self._superclasses: dict[Any, set[Any]] = {}
        self._conforms: dict[tuple[int, Any], bool] = {}

    def values(self, shape: Shape, focus: Any) -> Iterable[Any]:
        if shape.path is None:
            return (focus,)
        inverse, pred = shape.path
        return self.index.subjects(pred, focus) if inverse else self.index.objects(focus, pred)

    def instances(self, cls: Any) -> set[Any]:
        out, todo, seen = set(), [cls], {cls}
        while todo:
            c = todo.pop()
            out.update(self.index.subjects(_RDF_TYPE, c))
            for sub in self.index.subjects(_SUBCLASS, c):
                if sub not in seen:
                    seen.add(sub)
                    todo.append(sub)
        return out

    def is_instance(self, node: Any, cls: Any) -> bool:
        if isinstance(node, ox.Literal):
            return False
        for t in self.index.objects(node, _RDF_TYPE):
            if t == cls or cls in self.supers(t):
                return True
        return False

    def supers(self, cls: Any) -> set[Any]:
        out = self._superclasses.get(cls)
        if out is None:
            out, todo = set(), [cls]
            while todo:
                for sup in self.index.objects(todo.pop(), _SUBCLASS):
                    if sup not in out:
                        out.add(sup)
                        todo.append(sup)
            self._superclasses[cls] = out
        return out

    def focus_nodes(self, shape: Shape) -> dict[Any, None]:
        out: dict[Any, None] = {}
        for kind, t in shape.targets:
            if kind == "targetClass":
                nodes: Iterable[Any] = self.instances(t)
            elif kind == "targetNode":
                nodes = (t,)
            elif kind == "targetSubjectsOf":
                nodes = (s for objs in self.index.ops.get(t, {}).values() for s in objs)
            else:
                nodes = (o for s, po in self.index.spo.items() for o in po.get(t, ()))
            out.update(dict.fromkeys(nodes))
        return out

    def conforms(self, shape: Shape, node: Any) -> bool:
        key = (id(shape), node)
        out = self._conforms.get(key)
        if out is None:
            out = self._conforms[key] = next(iter(self.check(shape, node)), None) is None
        return out

    def check(self, shape: Shape, focus: Any) -> Iterable[Result]:
        """The results of ``focus`` against ``shape`` and its property shapes (lazily)."""
        if shape.deactivated:
            return
        values = list(self.values(shape, focus))
        for name, arg in shape.constraints:
            for value in self.violations(shape, focus, values, name, arg):
                comp = name[0].upper() + name[1:]
                if name.startswith("qualified"):
                    comp = "QualifiedMinCount" if value == "min" else "QualifiedMaxCount"
                    value = None
                elif name in ("minCount", "maxCount", "hasValue"):
                    value = None
                details = tuple(self.check(arg, value)) if name == "node" else ()
                yield Result(focus, shape.path_text, f"{comp}ConstraintComponent", shape.label, value,
                             shape.message, shape.severity, details)  # fmt: skip
        for prop in shape.properties:
            for value in values:
                yield from self.check(prop, value)

    def violations(self, shape: Shape, focus: Any, values: list[Any], name: str, arg: Any) -> Iterable[Any]:
        if name == "minCount":
            return ["x"] if len(values) < arg else []
        if name == "maxCount":
            return ["x"] if len(values) > arg else []
        if name == "hasValue":
            return [] if arg in values else ["x"]
        if name in ("qualifiedMinCount", "qualifiedMaxCount"):
            return []  # evaluated with qualifiedValueShape
        if name == "qualifiedValueShape":
            n = sum(1 for v in values if self.conforms(arg, v))
            out = []
            for cname, bound in shape.constraints:
                if cname == "qualifiedMinCount" and n < bound:
                    out.append("min")
                if cname == "qualifiedMaxCount" and n > bound:
                    out.append("max")
            return out
        if name == "lessThanOrEquals":
            others = list(self.index.objects(focus, arg))
            return [v for v in values for o in others if _compare(v, o) not in (0, -1)]
        test = self.test(name, arg)
        return [v for v in values if not test(v)]

    def test(self, name: str, arg: Any) -> Any:
        if name == "class":
            return lambda v: self.is_instance(v, arg)
        if name == "datatype":
            if arg == _LANGSTRING:
                return lambda v: isinstance(v, ox.Literal) and bool(v.language)
            return lambda v: (
                isinstance(v, ox.Literal) and not v.language and v.datatype.value == arg and _well_formed(v)
            )
        if name == "minInclusive":
            return lambda v: (x := _number(v)) is not None and arg is not None and x >= arg
        if name == "minLength":
            return lambda v: (t := _text(v)) is not None and len(t) >= arg
        if name == "pattern":
            return lambda v: (t := _text(v)) is not None and arg.search(t) is not None
        if name == "languageIn":
            return lambda v: (
                isinstance(v, ox.Literal)
                and bool(v.language)
                and any(v.language.lower() == r or v.language.lower().startswith(r + "-") for r in arg)
            )
        if name == "in":
            return lambda v: v in arg
        if name == "node":
            return lambda v: self.conforms(arg, v)
        if name == "or":
            return lambda v: any(self.conforms(s, v) for s in arg)
        raise UnsupportedShapes(f"shapes: sh:{name} is not supported here")


def run(shapes: list[Shape], index: Index) -> list[Result]:
    """Every result of the data in ``index`` against the compiled ``shapes``."""
    engine = _Engine(index)
    out: list[Result] = []
    for shape in shapes:
        for focus in engine.focus_nodes(shape):
            out.extend(engine.check(shape, focus))
    return out
