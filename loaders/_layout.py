"""The lines of a PDF page (or of an OCR'd scan) joined into paragraphs, tables put in place.

Shared by ``pdf.py`` (the text layer) and ``ocr.py`` (lines found on page images), so that
neither imports the other for it. The rules are those of ``pdf.py``'s docstring.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ipgraph.reading.structure import match_marker
from ipgraph.text import view

from ._render import CellText, TextBuilder, clean_line

_PAGE_NUMBER = re.compile(r"^[-—–\s]*(第\s*)?\d{1,4}(\s*页)?(\s*/\s*\d{1,4}|\s*共\s*\d+\s*页)?[-—–\s]*$")


@dataclass
class _Line:
    text: str
    x0: float
    x1: float
    top: float
    size: float
    lead: float = 0.0  # width of the line's first unbreakable unit (a word, a number, a character)
    own: bool = False  # starts a paragraph whatever the edges say (set by OCR's rules, ocr.py)


_LATIN = re.compile(r"[A-Za-z0-9]")
_IN_WORD = re.compile(r"[A-Za-z0-9.\-—–%/:·+=_&@#]")
# Lines that are a paragraph of their own in the notice, however full the line before:
# a document number, a date, a publication line.
_OWN_LINE = re.compile(
    r"^([\u4e00-\u9fff]{1,12}\s*[〔\[【(]\d{4}[〕\]】)]\s*第?\d{1,5}\s*号$|\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$"
    r"|(发布|发表|成文|印发)(时间|日期)[:：]|(信息)?来源[:：])"
)
_OPENING = set("“‘《〈（(〔【[「『")
_CLOSING = set("，。、；：！？”’》〉）)〕】]」』,.;:!?%")


def _first_unit(chars: list[dict]) -> float:
    """How wide the start of a line is that could not have been set at the end of the line before:
    a Latin word or number, or one character with the punctuation bound to it."""
    if not chars:
        return 0.0
    i = 0
    if chars[0]["text"] in _OPENING:  # an opening bracket is set with what follows it
        i = min(1, len(chars) - 1)
    if _LATIN.match(chars[i]["text"]):
        while i + 1 < len(chars) and _IN_WORD.match(chars[i + 1]["text"]):
            i += 1
    while i + 1 < len(chars) and chars[i + 1]["text"] in _CLOSING:
        i += 1
    return chars[i]["x1"] - chars[0]["x0"]


@dataclass
class _Grid:
    top: float
    rows: list[list[str | None]]


def _drop_furniture(lines: list[_Line], k: int, pages: list) -> list[_Line]:
    """Without page numbers and running headers/footers (the same line on most pages)."""
    if not lines:
        return lines
    n = len(pages)
    common = Counter(ln.text for p, _, _ in pages for ln in {x.text: x for x in p[:2] + p[-2:]}.values())
    out = []
    for i, ln in enumerate(lines):
        edge = i < 2 or i >= len(lines) - 2
        if edge and _PAGE_NUMBER.match(ln.text):
            continue
        if edge and n >= 3 and common[ln.text] >= max(3, n * 0.6):
            continue
        out.append(ln)
    return out


def _paragraphs(lines: list[_Line], left: float | None = None, right: float | None = None) -> str:
    """Lines joined into paragraphs (one per ``\\n``) by the edge and indent rules."""
    if not lines:
        return ""
    left = min(ln.x0 for ln in lines) if left is None else left
    right = _right_edge(lines) if right is None else right
    out: list[str] = []
    prev: _Line | None = None
    for ln in lines:
        if prev is not None and _continues(prev, ln, left, right):
            joiner = (
                " " if prev.text[-1:].isascii() and prev.text[-1:].isalpha() and ln.text[:1].isalpha() else ""
            )
            out[-1] += joiner + ln.text
        else:
            out.append(ln.text)
        prev = ln
    return "\n".join(out)


def _continues(prev: _Line, ln: _Line, left: float, right: float) -> bool:
    full = prev.x1 + max(ln.lead, prev.size) + prev.size >= right  # the next line's start did not fit
    if ln.own or not full or abs(prev.size - ln.size) > 0.5:  # a title does not run on into the body
        return False
    indent = (ln.x0 - left) / max(ln.size, 1.0)
    centred = abs((ln.x0 - left) - (right - ln.x1)) < ln.size  # the rest of a centred title
    if 1.5 <= indent <= 2.6 and not centred:  # a first-line indent: a new paragraph
        return False
    v = view(ln.text)
    return match_marker(v) is None and not _OWN_LINE.match(v)


def _render(pages, left: float, right: float) -> tuple[str, list]:
    """The text of all pages in reading order: paragraphs across page breaks, tables in place
    (a table going on over a page break, its header row repeated, is one table)."""
    out = TextBuilder()
    tables = []
    run: list[_Line] = []
    last: _Grid | None = None
    last_page = -1
    seq: list[object] = []
    for k, (lines, grids) in enumerate(pages):
        blocks: list[tuple[float, object]] = [(ln.top, ln) for ln in lines] + [(g.top, g) for g in grids]
        blocks.sort(key=lambda b: b[0])
        for _, b in blocks:
            if isinstance(b, _Line):
                seq.append(b)
                last = None
            elif last is not None and last_page == k - 1 and _same_columns(last, b):
                last.rows = last.rows + (b.rows[1:] if b.rows and b.rows[0] == last.rows[0] else b.rows)
                last_page = k
            else:
                last = _Grid(b.top, list(b.rows))
                last_page = k
                seq.append(last)
    for item in seq:
        if isinstance(item, _Line):
            run.append(item)
            continue
        _flush(run, out, left, right)
        run = []
        grid = [[CellText(c) if c else None for c in row] for row in item.rows]
        tables.append(out.table(grid))
    _flush(run, out, left, right)
    return out.text, tables


def _flush(run: list[_Line], out: TextBuilder, left: float, right: float) -> None:
    for para in _paragraphs(run, left, right).split("\n") if run else []:
        out.line(clean_line(para))


def _same_columns(a: _Grid, b: _Grid) -> bool:
    return bool(a.rows and b.rows) and len(a.rows[0]) == len(b.rows[0])


def _right_edge(lines: list[_Line]) -> float:
    """Where full lines end: a high percentile of the line ends (one long stray line aside)."""
    ends = sorted(ln.x1 for ln in lines)
    return ends[int(0.9 * (len(ends) - 1))] if ends else 0.0


def _mode(values: list[float]) -> float:
    return Counter(round(v) for v in values).most_common(1)[0][0]
