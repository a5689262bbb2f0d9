"""Plain-text plans: UTF-8 with or without BOM, UTF-16 with BOM, GB18030.

A plain-text plan may write a table one row per line, its cells split by ``|`` (also a Markdown
table) or by tabs. :func:`row_tables` gives such tables as :class:`~ipgraph.loaders.Table` grids
whose cells point into the text, like the tables of a Word file, so a task-breakdown table in a
.txt plan is read like one in a .docx plan.

>>> t = row_tables("序号 | 工作任务 | 牵头单位\\n（一）健全制度\\n1 | 完善法规。 | 市司法局")[0]
>>> for row in t.rows:
...     print([c.text if c else None for c in row])
['序号', '工作任务', '牵头单位']
['（一）健全制度', '（一）健全制度', '（一）健全制度']
['1', '完善法规。', '市司法局']
"""

from __future__ import annotations

import re
from pathlib import Path

from ipgraph.text import DecodeError, decode

from . import Cell, Document, LoadError, Table, sniff

__all__ = ["in_rows", "load", "row_tables"]

_BAR = "|｜"
_RULE = re.compile(r"^[|｜]?(\s*:?-{3,}:?\s*[|｜])+\s*(:?-{3,}:?\s*)?$")  # Markdown |---|:--:|
_BLANK = " \t\u3000\xa0"
_SECTION_MAX = 60  # a line between rows (（一）健全知识产权保护制度) is a short heading
_SECTIONS_IN_A_ROW = 2
_Spans = list[tuple[int, int]]


def load(path: Path, data: bytes) -> Document:
    what = sniff(data)
    if what:
        raise LoadError(path, f"not text: {what}")
    try:
        text = decode(data)
    except DecodeError as e:
        raise LoadError(path, str(e)) from None
    return Document(path=path, text=text, sha256="", tables=row_tables(text))


def _cells(text: str, start: int, end: int) -> _Spans | None:
    """Spans of the cells of the line ``text[start:end]``, or ``None`` when it is not a row.

    Cells are split by ``|`` / ``｜`` (outer bars of a Markdown row dropped) or else by tabs;
    each span is the cell's text without the blanks around it (empty: ``start == end``).
    """
    line = text[start:end]
    core = line.strip(_BLANK)
    if any(b in core for b in _BAR):
        seps = _BAR
    elif "\t" in core:
        seps = "\t"
    else:
        return None
    a = start + (len(line) - len(line.lstrip(_BLANK)))
    b = a + len(core)
    if seps == _BAR:  # the outer bars of a Markdown row
        if text[a] in _BAR:
            a += 1
        if b > a and text[b - 1] in _BAR:
            b -= 1
    out, s = [], a
    for j in range(a, b + 1):
        if j == b or text[j] in seps:
            out.append(_stripped(text, s, j))
            s = j + 1
    return out if len(out) >= 2 else None


def _lines(text: str) -> _Spans:
    out, pos = [], 0
    for raw in text.split("\n"):
        out.append((pos, pos + len(raw)))
        pos += len(raw) + 1
    return out


def row_tables(text: str) -> list[Table]:
    """Tables written one row per line: runs of at least two rows with the same number of cells.

    Short lines between two rows (a category heading such as ``（一）健全知识产权保护制度``, at
    most two in a row) stay in the table as rows of one cell across the table (the same
    :class:`Cell` at every position, like a merged cell). Blank lines, Markdown rule lines
    (``|---|---|``) and rows of empty cells are skipped. Cells are ``None`` where empty.
    """
    ls = _lines(text)
    split = [_cells(text, a, b) for a, b in ls]
    tables: list[Table] = []
    i = 0
    while i < len(ls):
        if split[i] is None or all(e == s for s, e in split[i]):
            i += 1
            continue
        width = len(split[i])
        taken, pending, last = [i], [], i
        j = i + 1
        while j < len(ls):
            a, b = ls[j]
            core = text[a:b].strip(_BLANK)
            cells = split[j]
            if not core or _RULE.match(core) or (cells is not None and all(e == s for s, e in cells)):
                j += 1  # blank lines, Markdown rules and rows of empty cells do not end a table
                continue
            if cells is not None and len(cells) == width:
                taken += [*pending, j]
                pending, last = [], j
            elif cells is None and len(core) <= _SECTION_MAX and len(pending) < _SECTIONS_IN_A_ROW:
                pending.append(j)
            else:
                break
            j += 1
        if last > i:  # a second row was taken
            tables.append(_table(text, ls, split, taken, width))
            i = last + 1
        else:
            i += 1
    return tables


def in_rows(table: Table, text: str) -> bool:
    """``table`` is written one row per line (as :func:`row_tables` finds them in running text),
    not one cell per line (as Word files, web pages and PDFs are rendered)."""
    for row in table.rows:
        cells = [c for c in row if c is not None]
        if cells and "\n" in text[min(c.start for c in cells) : max(c.end for c in cells)]:
            return False
    return True


def _stripped(text: str, a: int, b: int) -> tuple[int, int]:
    """The span of ``text[a:b]`` without the blanks around it."""
    while a < b and text[a] in _BLANK:
        a += 1
    while b > a and text[b - 1] in _BLANK:
        b -= 1
    return a, b


def _table(text: str, ls: _Spans, split: list[_Spans | None], taken: list[int], width: int) -> Table:
    rows: list[list[Cell | None]] = []
    for k in taken:
        cells = split[k]
        if cells is None:  # a heading between rows: one cell across the table
            a, b = _stripped(text, *ls[k])
            rows.append([Cell(text[a:b], a, b)] * width)
        else:
            rows.append([Cell(text[s:e], s, e) if e > s else None for s, e in cells])
    start = _stripped(text, *ls[taken[0]])[0]
    end = max(c.end for c in rows[-1] if c is not None)
    above = next((t for a, b in reversed(ls[: taken[0]]) if (t := text[a:b].strip(_BLANK))), "")
    return Table(rows, above if len(above) <= 80 else "", start, end)
