"""One plan in many files: readings of the same plan joined into one, every file kept as a source.

Governments publish a plan several times: the notice as a web page and its .doc attachment,
a .txt and an .html mirror, a PDF and its scan. Two readings hold the same plan when they
carry the same document number (文号), or the same place and title (the plan's identity in
the graph, :func:`ipgraph.rdf.plan_id`); either link is enough, and links chain. The reading
with the most facts read (measures, their units, goals, phases, targets) gives the text of
record; the other files become sources of the plan too (:attr:`PlanReading.also`), and each
join is reported so that the user sees which files were joined and which text was used.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from .model import PlanReading, SourceFile
from .text import to_simplified

__all__ = ["Join", "join_duplicates"]


@dataclass(frozen=True, slots=True)
class Join:
    """Files found to hold one plan: ``used`` gave the text, ``others`` are kept as sources."""

    title: str
    used: str
    others: tuple[str, ...]
    why: str  # "document number 厦府〔2022〕333号", "place and title", or both

    def __str__(self) -> str:
        return (
            f"joined {len(self.others) + 1} files of one plan ({self.why}) 《{self.title}》: "
            f"text from {self.used}; also {', '.join(self.others)}"
        )


def _norm(s: str) -> str:
    s = unicodedata.normalize("NFKC", s)
    s = s.translate(str.maketrans("〔〕【】[]（）", "()()()()"))
    return re.sub(r"\s+", "", s)


def _keys(r: PlanReading) -> dict[str, str]:
    """The plan's identity (region and title as :func:`ipgraph.rdf.plan_id` keys them, in
    simplified script: a traditional-script copy is the same plan) and its document number."""
    keys = {}
    if r.meta.title.strip() and not r.meta.place_problem:  # an unknown place or no title names no plan
        keys["place and title"] = to_simplified(_norm(r.meta.region) + "\n" + _norm(r.meta.title))
    if r.meta.doc_number:
        keys["document number"] = _norm(r.meta.doc_number)
    return keys


def _weight(r: PlanReading) -> tuple[int, int]:
    """How much was read from a file: the fuller reading gives the text of record."""
    facts = len(r.measures) + len(r.goals) + len(r.phases) + len(r.targets)
    facts += sum(len(m.responsible) + (m.deadline is not None) for m in r.measures)
    return facts, len(r.text)


def _source(r: PlanReading) -> SourceFile:
    return SourceFile(r.source, r.source_path, r.sha256, r.url, r.retrieved)


def join_duplicates(readings: Sequence[PlanReading]) -> tuple[list[PlanReading], list[Join]]:
    """The readings with those of one plan joined (in the order of each plan's first file),
    and the joins made. A joined reading is the fullest one, its ``also`` naming the others."""
    parent = list(range(len(readings)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    first: dict[tuple[str, str], int] = {}  # key → first reading holding it
    keys = [_keys(r) for r in readings]
    for i, ks in enumerate(keys):
        for key in ks.items():
            j = first.setdefault(key, i)
            if find(j) != find(i):
                parent[find(i)] = find(j)
    groups: dict[int, list[int]] = {}
    for i in range(len(readings)):
        groups.setdefault(find(i), []).append(i)
    out: list[PlanReading] = []
    joins: list[Join] = []
    for members in groups.values():
        if len(members) == 1:
            out.append(readings[members[0]])
            continue
        best = max(members, key=lambda i: (_weight(readings[i]), -i))
        kept = readings[best]
        others = [readings[i] for i in members if i != best]
        kept.also = [*kept.also, *(s for o in others for s in (_source(o), *o.also))]
        out.append(kept)
        values = {k: {keys[i].get(k) for i in members} for k in ("document number", "place and title")}
        shared = [k for k, v in values.items() if len(v) == 1 and None not in v]
        why = " and ".join(f"{k} {kept.meta.doc_number}" if k == "document number" else k for k in shared)
        joins.append(Join(kept.meta.title, kept.source_path, tuple(o.source_path for o in others), why))
    return out, joins
