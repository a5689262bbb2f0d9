"""Issue 8: the fast SHACL engine reports what pyshacl reports, on the sample plans spoiled
once per constraint component the shapes use."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from conftest import PLANS
from pyshacl import validate as pyshacl_validate
from rdflib import RDF, BNode, Graph, Literal, URIRef
from rdflib.namespace import ORG, RDFS, SH, XSD

from ipgraph.dataset import build, validate_file
from ipgraph.rdf import AGENCY_TYPE, IPG, THEME
from ipgraph.shacl_fast import UnsupportedShapes, compile_shapes
from ipgraph.terms import from_ox, to_ox
from ipgraph.validate import _show, fast_results, load_shapes, validate, validate_path


@pytest.fixture(scope="module")
def union() -> Graph:
    result = build([PLANS], check=False, store="rdflib", jobs=1)
    ds = result.dataset
    g = Graph()
    g.addN((s, p, o, g) for s, p, o, _ in ds.quads((None, None, None, None)))
    return g


def _pyshacl_keys(g: Graph) -> set[tuple]:
    return _pyshacl(g)[0]


def _pyshacl(g: Graph) -> tuple[set[tuple], int]:
    """pyshacl's (focus node, result path, component) set and its number of top-level results."""
    _, report, _ = pyshacl_validate(g, shacl_graph=load_shapes(), inference="none", allow_warnings=True)
    keys, n = set(), 0
    for r in report.objects(None, SH.result):  # top-level results, not their sh:detail
        path = report.value(r, SH.resultPath)
        if isinstance(path, BNode):
            path = "^" + _show(report.value(path, SH.inversePath))
        elif path is not None:
            path = _show(path)
        comp = str(report.value(r, SH.sourceConstraintComponent)).removeprefix(str(SH))
        keys.add((report.value(r, SH.focusNode), path, comp))
        n += 1
    return keys, n


def _fast_keys(g: Graph) -> set[tuple]:

    triples = ((to_ox(s), to_ox(p), to_ox(o)) for s, p, o in g)
    return {(from_ox(r.focus), r.path, r.component) for r in fast_results(triples)}


def _first(g: Graph, cls: URIRef, pred: URIRef | None = None) -> URIRef:
    return sorted(s for s in g.subjects(RDF.type, cls) if pred is None or (s, pred, None) in g)[0]


def _agency(g: Graph) -> URIRef:
    return _first(g, IPG.Agency, ORG.subOrganizationOf)


def _replace(g: Graph, s: URIRef, p: URIRef, o: object) -> None:
    g.remove((s, p, None))
    g.add((s, p, o))


def _en_label(g: Graph, s: URIRef) -> Literal:
    return next(o for o in g.objects(s, RDFS.label) if getattr(o, "language", None) == "en")


# (name, spoil the graph in place, a constraint component the result must show)
SPOILS: list[tuple[str, Callable[[Graph], None], str]] = [
    ("agency without type", lambda g: g.remove((_agency(g), IPG.agencyType, None)), "MinCount"),
    ("agency with two types", lambda g: g.add((_agency(g), IPG.agencyType, AGENCY_TYPE["court"])), "MaxCount"),
    ("agency type not a type", lambda g: _replace(g, _agency(g), IPG.agencyType, THEME["x"]), "Node"),
    ("no English label", lambda g: g.remove((_agency(g), RDFS.label, _en_label(g, _agency(g)))), "QualifiedMinCount"),
    ("two English labels", lambda g: g.add((_agency(g), RDFS.label, Literal("Other", lang="en"))), "QualifiedMaxCount"),
    ("not an org:Organization", lambda g: g.remove((_agency(g), RDF.type, ORG.Organization)), "HasValue"),
    ("agency without parent", lambda g: g.remove((_agency(g), ORG.subOrganizationOf, None)), "Node"),
    ("measure without theme", lambda g: g.remove((_first(g, IPG.Measure), IPG.theme, None)), "MinCount"),
    ("spanStart a string", lambda g: _replace(g, _first(g, IPG.Measure), IPG.spanStart, Literal("5")), "Datatype"),
    ("spanStart negative", lambda g: _replace(g, _first(g, IPG.Goal), IPG.spanStart, Literal(-1)), "MinInclusive"),
    ("spanStart after end", lambda g: _replace(g, _first(g, IPG.Target), IPG.spanStart, Literal(10**9)), "LessThanOrEquals"),
    ("bad gYear", lambda g: _replace(g, _first(g, IPG.Plan), IPG.termStart, Literal("20x5", datatype=XSD.gYear)), "Pattern"),
    ("bad date", lambda g: _replace(g, _first(g, IPG.Plan), IPG.issued, Literal("2024-13-40", datatype=XSD.date)), "Datatype"),
    ("responsibility without agency", lambda g: g.remove((_first(g, IPG.Responsibility), IPG.agency, None)), "MinCount"),
    ("agency is a measure", lambda g: _replace(g, _first(g, IPG.Responsibility), IPG.agency, _first(g, IPG.Measure)), "Node"),
    ("unknown role", lambda g: _replace(g, _first(g, IPG.LeadResponsibility), IPG.role, IPG.Owner), "In"),
    ("inPlan not a plan", lambda g: _replace(g, _first(g, IPG.Measure), IPG.inPlan, _first(g, IPG.Measure)), "Class"),
    ("empty mention", lambda g: _replace(g, _first(g, IPG.Responsibility), IPG.mention, Literal("", lang="zh")), "MinLength"),
    ("concept neither theme nor IP type", lambda g: _replace(g, _first(g, IPG.Classification), IPG.concept, AGENCY_TYPE["court"]), "Or"),
    ("target of two provisions", lambda g: g.add((_first(g, IPG.Measure), IPG.hasTarget, _first(g, IPG.Target))), "MaxCount"),
]  # fmt: skip


def test_samples_conform_on_both_engines(union: Graph) -> None:
    assert validate(union, engine="pyshacl").conforms
    assert validate(union, engine="fast").conforms
    assert _fast_keys(union) == set() == _pyshacl_keys(union)


@pytest.mark.parametrize(("name", "spoil", "component"), SPOILS, ids=[s[0] for s in SPOILS])
def test_engines_report_the_same_results(union: Graph, name: str, spoil, component: str) -> None:
    g = Graph()
    g += union
    spoil(g)
    fast = _fast_keys(g)
    keys, n = _pyshacl(g)
    assert fast == keys
    assert f"{component}ConstraintComponent" in {c for _, _, c in fast}, fast
    result = validate(g)
    assert not result.conforms and result.violations == n
    assert f"{component}ConstraintComponent" in result.text


def test_every_component_of_the_shapes_is_spoiled_once() -> None:
    used = {str(p).removeprefix(str(SH)) for p in load_shapes().predicates() if str(p).startswith(str(SH))}
    components = {"qualifiedMinCount", "qualifiedMaxCount", "minCount", "maxCount", "datatype", "class",
                  "node", "or", "in", "hasValue", "pattern", "minLength", "minInclusive", "lessThanOrEquals"}  # fmt: skip
    spoiled = {c[0].lower() + c[1:] for _, _, c in SPOILS}
    assert components <= used | {"qualifiedMinCount", "qualifiedMaxCount"}
    assert (used & components) - {"qualifiedMinCount", "qualifiedMaxCount"} <= spoiled


def test_unsupported_shapes_are_refused() -> None:
    shapes = Graph().parse(
        data="""@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <urn:ex:> .
        ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property [ sh:path ex:p ; sh:uniqueLang true ] .""",
        format="turtle",
    )
    with pytest.raises(UnsupportedShapes, match="uniqueLang"):
        compile_shapes(shapes)
    seq = Graph().parse(
        data="""@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <urn:ex:> .
        ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property [ sh:path ( ex:p ex:q ) ; sh:minCount 1 ] .""",
        format="turtle",
    )
    with pytest.raises(UnsupportedShapes, match="path"):
        compile_shapes(seq)


def test_files_validate_on_the_fast_path(tmp_path, union: Graph) -> None:
    out = tmp_path / "g.trig"
    result = build([PLANS], check=True, jobs=1, output=out)
    assert result.validation.conforms
    fast, n = validate_path(out)
    assert fast.conforms and n > 1000
    v, m = validate_file(out)
    assert v.conforms and m > 1000
    bad = tmp_path / "bad.ttl"
    g = Graph()
    g += union
    g.remove((_agency(g), IPG.agencyType, None))
    g.serialize(bad, format="turtle")
    fast, _ = validate_path(bad)
    slow, _ = validate_path(bad, engine="pyshacl")
    assert not fast.conforms and fast.violations == slow.violations == 1
    assert "Result Path: ipg:agencyType" in fast.text and "MinCountConstraintComponent" in fast.text


def test_cli_validate_with_either_engine(tmp_path):
    from conftest import PLANS
    from typer.testing import CliRunner

    from ipgraph.cli import app
    from ipgraph.dataset import build

    out = tmp_path / "g.trig"
    build([PLANS], output=out)
    for engine in ("fast", "pyshacl"):
        done = CliRunner().invoke(app, ["validate", str(out), "--engine", engine])
        assert done.exit_code == 0 and "conforms to the shapes" in done.stdout, done.output
