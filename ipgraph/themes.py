"""Themes and IP types of a measure, with the words that decided them.

The words are data (``ontology/themes.toml``), matched on the simplified view of the measure's
label and text, so a traditional-script plan is classified like its simplified twin. A theme
word in the label decides; in the body, a theme needs its words twice (one passing mention in a
long measure is not what the measure is about). Every measure gets at least one theme: from its
own words, else from the heading of the part it sits in, else from a single mention, else
``administration`` with evidence saying that no word decided. An IP type needs one mention.

>>> [(c.scheme, c.code, c.evidence) for c in classify("加强知识产权司法保护", "")]
[('theme', 'protection', ('保护', '司法'))]
>>> [c.code for c in classify("加强组织领导", "", part="保障措施")]
['administration']
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from typing import Any

from .model import Measure
from .resources import ontology_file
from .text import view

__all__ = [
    "DEFAULT_EVIDENCE",
    "IP_TYPES",
    "THEMES",
    "Classification",
    "classify",
    "classify_measure",
    "measure_body",
    "themes_table",
]

THEMES = (
    "creation",
    "utilisation",
    "protection",
    "administration",
    "public-service",
    "talent",
    "culture",
    "international",
    "finance",
    "data-ip",
    "geographical-indication",
)
IP_TYPES = (
    "patent",
    "trademark",
    "copyright",
    "geographical-indication",
    "trade-secret",
    "plant-variety",
    "ic-layout",
    "data-ip",
)
DEFAULT_EVIDENCE = "(无主题词:默认归入管理)"
MIN_BODY_HITS = 2  # a theme word said once in passing in a long measure does not make its theme


@dataclass(frozen=True, slots=True)
class Classification:
    """One theme or IP type of a measure and the words that decided it."""

    scheme: str  # "theme" or "ip-type"
    code: str
    evidence: tuple[str, ...]
    source: str = "text"  # "text", "part" (the part's heading) or "default"


@cache
def themes_table() -> dict[str, Any]:
    """The parsed ``ontology/themes.toml``."""
    return tomllib.loads(ontology_file("themes.toml").read_text(encoding="utf-8"))


def _found(words: list[str], text: str) -> tuple[str, ...]:
    """The words present in `text`, in table order, without those inside a longer word found."""
    hits = [w for w in dict.fromkeys(words) if w in text]
    return tuple(w for w in hits if not any(w != o and w in o for o in hits))


def _count(words: tuple[str, ...], text: str) -> int:
    return sum(text.count(w) for w in words)


def _match(
    table: dict[str, list[str]], label: str, body: str, codes: tuple[str, ...], min_body: int = 1
) -> dict[str, tuple[str, ...]]:
    """Codes whose words are in the label, or at least `min_body` times in the body; with the words."""
    out = {}
    for code in codes:
        words = table.get(code, [])
        in_label = _found(words, label)
        in_body = _found(words, body)
        if in_label or _count(in_body, body) >= min_body:
            out[code] = tuple(dict.fromkeys(in_label + in_body))
    return out


def classify(label: str, text: str, part: str = "") -> list[Classification]:
    """The themes (at least one) and IP types of a measure.

    Parameters
    ----------
    label : str
        The measure's label.
    text : str
        The measure's text (its whole span), in the document's own script.
    part : str
        The heading of the plan part the measure sits in.

    Returns
    -------
    list of Classification
        Themes first (table order), then IP types; each with its evidence words.
    """
    t = themes_table()
    head, body = view(label), view(text)
    themes = _match(t["themes"], head, body, THEMES, MIN_BODY_HITS)
    found = [Classification("theme", c, w) for c, w in themes.items()]
    if not found and part:
        merged = {c: list(t["themes"].get(c, [])) + list(t["part_words"].get(c, [])) for c in THEMES}
        heading = _match(merged, view(part), "", THEMES)
        found = [Classification("theme", c, w, "part") for c, w in heading.items()]
    if not found:  # a single word in the body beats no evidence at all
        once = _match(t["themes"], head, body, THEMES)
        found = [Classification("theme", c, w) for c, w in once.items()]
    if not found:
        found = [Classification("theme", "administration", (DEFAULT_EVIDENCE,), "default")]
    ip_types = _match(t["ip_types"], head, body, IP_TYPES)
    return found + [Classification("ip-type", c, w) for c, w in ip_types.items()]


def measure_body(text: str, measure: Measure) -> str:
    """The measure's own words: its span without its responsibility clauses.

    A clause names units (国家知识产权局保护司, 运用促进司) whose names would otherwise count as
    theme words of the measure.
    """
    start, end = measure.span.start, measure.span.end
    chars = list(text[start:end])
    for r in measure.responsible:
        for i in range(max(r.clause.start, start), min(r.clause.end, end)):
            chars[i - start] = " "
    return "".join(chars)


def classify_measure(text: str, measure: Measure) -> list[Classification]:
    """:func:`classify` for a measure of a reading whose document text is `text`."""
    return classify(measure.label, measure_body(text, measure), measure.part)
