"""Facts across plans, derived from all of them: agency merges, reforms, editions, similar measures.

What one plan says goes into its own graph; what only the whole collection says (this 市知识产权局
is that city's 市场监督管理局 from 2018 on, this plan replaces that one, this measure resembles
that one) is derived here from every plan of the graph and written to one named graph,
``graph/history`` (:data:`ipgraph.namespaces.HISTORY_GRAPH`). A build and an update both make it
again whole from all plans (never from the plans of one run), so ``build --update`` gives what a
full build gives.

* **Agency merges.** A body a plan names in brackets (``市市场监督管理局(市知识产权局)``) has
  the bracketed name as an ``ipg:canonicalName``; another plan writing ``市知识产权局`` alone
  makes a node of that name. When both are bodies of one resolved place, an ``ipg:AgencyMerge``
  says the second is the first, from a date: the reform's date when the name is a sign the
  reform gave the body (``ontology/reforms.toml``), else the earliest dated plan that brackets
  it; a plan issued before that date keeps its own body (a 2014 plan's 市知识产权局 is not the
  later 市场监督管理局). Never across places, never for a plan whose place is unresolved; a
  name two bodies claim at once is left apart. A user's TOML forces or forbids a merge.
* **Reforms.** Each reform of ``ontology/reforms.toml`` found in a place (an old body and the new
  one both in the graph) is an ``org:ChangeEvent``: ``org:originalOrganization`` the old
  bodies, the new body ``org:resultedFrom`` it, ``dcterms:date``, the source.
* **Editions.** A place's dated plans of one series (``ipg:series``, :mod:`ipgraph.editions`)
  in date order: each ``dcterms:replaces`` the latest earlier one.
* **Similar measures.** ``ipg:SimilarMeasure`` nodes: a measure, one of another plan, score
  and rank (:mod:`ipgraph.similarity`).
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from rdflib import RDF, RDFS, XSD, Literal, URIRef
from rdflib.namespace import DCTERMS, ORG

from .namespaces import ID, IPG, PLAN_GRAPH_PREFIX
from .resources import read_ontology_text
from .similarity import similar_measures
from .terms import nt_lines

__all__ = [
    "CLASSES",
    "AgencyRules",
    "Merge",
    "Reform",
    "derive",
    "find_merges",
    "load_rules",
    "reforms",
]

# The classes the history graph asserts (its shapes target them).
CLASSES = (IPG.AgencyMerge, IPG.InstitutionalChange, IPG.SimilarMeasure)
_AGENCY = str(ID["agency/"])
_PLAN = str(ID["plan/"])


def _pred(iri: Any) -> bytes:
    return b"<" + str(iri).encode() + b">"


_WANTED = {
    _pred(p)
    for p in (
        RDFS.label,
        IPG.canonicalName,
        IPG.jurisdiction,
        IPG.placeUnresolved,
        IPG.issued,
        IPG.series,
        IPG.sourceText,
        IPG.agency,
        IPG.mention,
    )
}


# --------------------------------------------------------------------------- reforms


@dataclass(frozen=True)
class Reform:
    """One dated reform of ``ontology/reforms.toml``."""

    id: str
    date: str
    label: str
    source: str
    old: tuple[re.Pattern[str], ...]
    new: str
    signs: tuple[str, ...] = ()

    @property
    def first_day(self) -> str:
        """The first date a name it gives surely holds: the date, or the year's last day (YYYY)."""
        return self.date if len(self.date) == 10 else f"{self.date}-12-31"

    def date_literal(self) -> Literal:
        return Literal(self.date, datatype=XSD.date if len(self.date) == 10 else XSD.gYear)

    def new_name(self, old_name: str) -> str | None:
        """The new body's name for a body of an old name, or None when it is not one of them."""
        for pattern in self.old:
            if m := pattern.match(old_name):
                return self.new.format(**m.groupdict())
        return None

    def sign_of(self, new_name: str) -> set[str]:
        """The names the reform's new body ``new_name`` carries as second signs."""
        if not self.signs:
            return set()
        keys = re.findall(r"\{(\w+)\}", self.new)
        pattern = re.escape(self.new)
        for key in keys:
            pattern = pattern.replace(re.escape("{" + key + "}"), f"(?P<{key}>.+?)", 1)
        m = re.fullmatch(pattern, new_name)
        return {s.format(**m.groupdict()) for s in self.signs} if m else set()


@cache
def reforms() -> tuple[Reform, ...]:
    """The reforms shipped in ``ontology/reforms.toml``."""
    data = tomllib.loads(read_ontology_text("reforms.toml"))
    return tuple(
        Reform(
            r["id"],
            str(r["date"]),
            r["label"],
            r["source"],
            tuple(re.compile(p) for p in r["old"]),
            r["new"],
            tuple(r.get("signs", ())),
        )
        for r in data["reform"]
    )


# --------------------------------------------------------------------------- what the plans say


@dataclass
class _Facts:
    label: dict[str, str] = field(default_factory=dict)  # agency IRI → zh label
    names: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))  # canonicalName
    jurisdiction: dict[str, str] = field(default_factory=dict)
    unresolved: set[str] = field(default_factory=set)  # plans and agencies
    issued: dict[str, str] = field(default_factory=dict)  # plan → date
    series: dict[str, str] = field(default_factory=dict)
    measures: list[tuple[str, str, str]] = field(default_factory=list)  # (measure, plan, text)
    uses: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))  # agency → plans
    mentions: dict[tuple[str, str], set[str]] = field(default_factory=lambda: defaultdict(set))
    bracketed: dict[tuple[str, str], set[str]] = field(default_factory=lambda: defaultdict(set))


def _triples(lines: Iterable[bytes]) -> Iterable[tuple[str, str, Any]]:
    """(subject, predicate, object) of the wanted lines, objects as pyoxigraph terms."""
    import pyoxigraph as ox

    data = b"".join(line for line in lines if line.split(b" ", 2)[1] in _WANTED)
    for t in ox.parse(input=data, format=ox.RdfFormat.N_TRIPLES, lenient=True):
        yield t.subject.value, t.predicate.value, t.object


def _facts(parts: Sequence[Any], shared: Iterable[bytes]) -> _Facts:
    f = _Facts()
    label, canon, jur, unres = (
        str(RDFS.label),
        str(IPG.canonicalName),
        str(IPG.jurisdiction),
        str(IPG.placeUnresolved),
    )
    for s, p, o in _triples(shared):
        if not s.startswith(_AGENCY):
            if p == label and getattr(o, "language", None) == "zh":
                f.label.setdefault(s, o.value)  # regions
            continue
        if p == label and o.language == "zh":
            f.label[s] = o.value
        elif p == canon:
            f.names[s].add(o.value)
        elif p == jur:
            f.jurisdiction[s] = o.value
        elif p == unres:
            f.unresolved.add(s)
    responsibility: dict[str, dict[str, str]] = defaultdict(dict)
    for part in parts:
        plan = _PLAN + part.graph[len(PLAN_GRAPH_PREFIX) :]
        for s, p, o in _triples(part.own):
            if s == plan:
                if p == str(IPG.issued):
                    f.issued[plan] = o.value
                elif p == str(IPG.series):
                    f.series[plan] = o.value
                elif p == jur:
                    f.jurisdiction[plan] = o.value
                elif p == unres:
                    f.unresolved.add(plan)
            elif p == str(IPG.sourceText):
                rest = s[len(plan) + 1 :]
                if rest.startswith("m/") and "/" not in rest[2:]:
                    f.measures.append((s, plan, o.value))
            elif p == str(IPG.agency):
                responsibility[s]["agency"] = o.value
                responsibility[s]["plan"] = plan
            elif p == str(IPG.mention):
                responsibility[s]["mention"] = o.value
        for s, p, o in _triples(part.shared):
            if p == canon and s.startswith(_AGENCY):
                f.bracketed[s, o.value].add(plan)
    for r in responsibility.values():
        if "agency" in r:
            f.uses[r["agency"]].add(r["plan"])
            if "mention" in r:
                f.mentions[r["agency"], r["plan"]].add(r["mention"])
    f.measures.sort()
    return f


# --------------------------------------------------------------------------- agency merges


@dataclass(frozen=True)
class AgencyRules:
    """A user's decisions: pairs (alias body, body) to merge always, or never."""

    force: frozenset[tuple[str, str]] = frozenset()
    forbid: frozenset[tuple[str, str]] = frozenset()


def load_rules(path: Path | str | None) -> AgencyRules:
    """Read ``[[force]]`` / ``[[forbid]]`` tables (``alias = "…"``, ``agency = "…"``, full names).

    ``ValueError`` names a table without both names.
    """
    if path is None:
        return AgencyRules()
    data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    out: dict[str, set[tuple[str, str]]] = {"force": set(), "forbid": set()}
    for key in out:
        for i, row in enumerate(data.get(key, []), start=1):
            if not isinstance(row, dict) or not row.get("alias") or not row.get("agency"):
                raise ValueError(f'{path}: [[{key}]] #{i} needs alias = "…" and agency = "…"')
            out[key].add((str(row["alias"]), str(row["agency"])))
    return AgencyRules(frozenset(out["force"]), frozenset(out["forbid"]))


@dataclass(frozen=True)
class Merge:
    """``alias`` (a body's node) is ``agency`` in plans issued in [valid_from, valid_until)."""

    alias: str
    agency: str
    rule: str  # "sign" (a reform's second sign), "alias" (bracketed in a plan), "forced"
    valid_from: str | None
    valid_until: str | None
    plans: tuple[str, ...]  # the evidence: plans that bracket the name, and plans it applies to
    written: tuple[str, ...]  # the forms the plans wrote

    @property
    def iri(self) -> URIRef:
        key = f"{self.agency}\n{self.alias}".encode()
        return ID[f"agency-merge/{hashlib.sha1(key, usedforsecurity=False).hexdigest()[:16]}"]


def _applies(m: Merge, date: str | None) -> bool:
    if m.valid_from is None and m.valid_until is None:
        return True
    if date is None:
        return False
    return (m.valid_from is None or date >= m.valid_from) and (m.valid_until is None or date < m.valid_until)


def _candidate(f: _Facts, agency: str, alias: str, name: str) -> Merge | None:
    evidence = f.bracketed.get((agency, name), set())
    dated = sorted(f.issued[p] for p in evidence if p in f.issued and p not in f.unresolved)
    valid_from = valid_until = None
    rule = "alias"
    for r in reforms():
        if name in r.sign_of(f.label[agency]):
            valid_from, rule = r.first_day, "sign"
            break
    if rule == "alias":
        if not dated:
            return None  # no dated plan says so: unsure, kept apart
        valid_from = dated[0]
        for r in reforms():  # an old name the reform gave to another body: true only until then
            new = r.new_name(name)
            if new and new != f.label[agency] and dated[-1] < r.first_day:
                valid_until = r.first_day
    return Merge(alias, agency, rule, valid_from, valid_until, tuple(sorted(evidence)), ())


def find_merges(
    parts: Sequence[Any], shared: Iterable[bytes], rules: AgencyRules | None = None
) -> list[Merge]:
    """The agency merges the plans support (see the module docstring), with their evidence."""
    return _merges(_facts(parts, shared), rules or AgencyRules())


def _merges(f: _Facts, rules: AgencyRules) -> list[Merge]:
    by_name: dict[tuple[str, str], str] = {}
    for iri, name in f.label.items():
        if iri.startswith(_AGENCY) and iri not in f.unresolved and iri in f.jurisdiction:
            by_name[name, f.jurisdiction[iri]] = iri
    found: dict[str, list[Merge]] = defaultdict(list)
    for agency, names in f.names.items():
        if agency in f.unresolved or agency not in f.jurisdiction or agency not in f.label:
            continue
        for name in names - {f.label[agency]}:
            alias = by_name.get((name, f.jurisdiction[agency]))
            if alias is None or alias == agency:
                continue
            if (name, f.label[agency]) in rules.forbid:
                continue
            m = _candidate(f, agency, alias, name)
            if m is not None:
                found[alias].append(m)
    merges: list[Merge] = []
    for ms in found.values():
        clash = any(a is not b and _overlap(a, b) for a in ms for b in ms if a.agency != b.agency)
        if not clash:  # one name, two bodies at once: unsure, kept apart
            merges += ms
    iri_of = {name: iri for (name, _), iri in by_name.items()}
    for alias_name, agency_name in sorted(rules.force):
        alias, agency = iri_of.get(alias_name), iri_of.get(agency_name)
        if alias and agency and f.jurisdiction.get(alias) == f.jurisdiction.get(agency):
            merges = [m for m in merges if m.alias != alias]
            merges.append(Merge(alias, agency, "forced", None, None, (), ()))
    return sorted((_with_evidence(f, m) for m in merges), key=lambda m: (m.agency, m.alias))


def _overlap(a: Merge, b: Merge) -> bool:
    lo = max(a.valid_from or "", b.valid_from or "")
    hi = min(a.valid_until or "9999", b.valid_until or "9999")
    return lo < hi


def _with_evidence(f: _Facts, m: Merge) -> Merge:
    """Add the plans the merge applies to and the written forms of both sides."""
    using = {p for p in f.uses.get(m.alias, ()) if p not in f.unresolved and _applies(m, f.issued.get(p))}
    plans = sorted({*m.plans, *using})
    a, b = f.label.get(m.agency, ""), f.label.get(m.alias, "")
    common = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
    own = b[common:] or b  # the alias without the place both names start with: 知识产权局
    written = {w for p in m.plans for w in f.mentions.get((m.agency, p), ()) if own in w}
    written |= {w for p in using for w in f.mentions.get((m.alias, p), ())}
    return Merge(m.alias, m.agency, m.rule, m.valid_from, m.valid_until, tuple(plans), tuple(sorted(written)))


# --------------------------------------------------------------------------- the derived graph


def _merge_triples(m: Merge) -> list[tuple]:
    node = m.iri
    out = [
        (node, RDF.type, IPG.AgencyMerge),
        (node, IPG.mergedAgency, URIRef(m.alias)),
        (node, IPG.intoAgency, URIRef(m.agency)),
        (node, IPG.mergeRule, Literal(m.rule)),
    ]
    if m.valid_from:
        out.append((node, IPG.validFrom, Literal(m.valid_from, datatype=XSD.date)))
    if m.valid_until:
        out.append((node, IPG.validUntil, Literal(m.valid_until, datatype=XSD.date)))
    out += [(node, IPG.evidencePlan, URIRef(p)) for p in m.plans]
    out += [(node, IPG.writtenForm, Literal(w, lang="zh")) for w in m.written]
    return out


def _change_triples(f: _Facts) -> list[tuple]:
    out: list[tuple] = []
    by_name = {
        (name, f.jurisdiction.get(iri)): iri
        for iri, name in f.label.items()
        if iri.startswith(_AGENCY) and iri not in f.unresolved
    }
    for r in reforms():
        events: dict[str, set[str]] = defaultdict(set)
        for (name, place), iri in by_name.items():
            new_name = r.new_name(name)
            new = by_name.get((new_name, place)) if new_name else None
            if new and new != iri:
                events[new].add(iri)
        for new, olds in sorted(events.items()):
            event = URIRef(f"{ID}change/{r.id}/{new[len(_AGENCY) :]}")
            out += [
                (event, RDF.type, ORG.ChangeEvent),
                (event, RDF.type, IPG.InstitutionalChange),
                (event, RDFS.label, Literal(r.label, lang="zh")),
                (event, DCTERMS.date, r.date_literal()),
                (event, DCTERMS.source, Literal(r.source, lang="zh")),
                (event, IPG.reform, Literal(r.id)),
                (URIRef(new), ORG.resultedFrom, event),
                *((event, ORG.originalOrganization, URIRef(o)) for o in sorted(olds)),
            ]
            if f.jurisdiction.get(new):
                out.append((event, IPG.jurisdiction, URIRef(f.jurisdiction[new])))
    return out


def _edition_triples(f: _Facts) -> list[tuple]:
    groups: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
    for plan, series in f.series.items():
        if plan in f.unresolved or plan not in f.issued or plan not in f.jurisdiction or not series:
            continue
        groups[f.jurisdiction[plan], series].append((f.issued[plan], plan))
    out: list[tuple] = []
    for editions in groups.values():
        dates = sorted({d for d, _ in editions})
        for date, plan in editions:
            earlier = [d for d in dates if d < date]
            if earlier:
                out += [(URIRef(plan), DCTERMS.replaces, URIRef(p)) for d, p in editions if d == earlier[-1]]
    return out


def _canonical(score: float) -> str:
    """A score as a canonical xsd:decimal (0.46, 1.0): what survives an rdflib round trip unchanged."""
    d = Decimal(f"{score:.3f}").normalize()
    return f"{int(d)}.0" if d == d.to_integral_value() else format(d, "f")


def _similar_lines(f: _Facts) -> list[bytes]:
    """The similar-measure links as N-Triples lines, written directly: tens of thousands at 1,000
    plans, and every IRI in them is one the graph already holds (parsed from its lines)."""
    t_type, t_from, t_to, t_score, t_rank = (
        f"<{p}>" for p in (RDF.type, IPG.fromMeasure, IPG.toMeasure, IPG.score, IPG.rank)
    )
    cls, dec, integer = f"<{IPG.SimilarMeasure}>", f"<{XSD.decimal}>", f"<{XSD.integer}>"
    out: list[str] = []
    for s in similar_measures(f.measures):
        key = f"{s.measure}\n{s.other}".encode()
        node = f"<{ID}similar/{hashlib.sha1(key, usedforsecurity=False).hexdigest()[:16]}>"
        out += [
            f"{node} {t_type} {cls} .\n",
            f"{node} {t_from} <{s.measure}> .\n",
            f"{node} {t_to} <{s.other}> .\n",
            f'{node} {t_score} "{_canonical(s.score)}"^^{dec} .\n',
            f'{node} {t_rank} "{s.rank}"^^{integer} .\n',
        ]
    return [line.encode() for line in out]


def derive(parts: Sequence[Any], shared: Iterable[bytes], rules: AgencyRules | None = None) -> list[bytes]:
    """The history graph of a whole build: sorted N-Triples lines (see the module docstring).

    Parameters
    ----------
    parts : every plan of the graph (:class:`ipgraph.dataset.PlanPart`), not only those read now.
    shared : the shared graph's lines.
    rules : a user's forced and forbidden merges.
    """
    f = _facts(parts, shared)
    triples = [
        *(t for m in _merges(f, rules or AgencyRules()) for t in _merge_triples(m)),
        *_change_triples(f),
        *_edition_triples(f),
    ]
    return sorted({*nt_lines(triples, check=False), *_similar_lines(f)})
