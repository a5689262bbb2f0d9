"""Writing a document's text of record: one paragraph per line, table cells one per line.

Every loader builds its text through :class:`TextBuilder`, so the spans of table cells are
known as they are written (the samples write a table one cell per line, and so do we).
"""

from __future__ import annotations

import re

from . import Cell, Table

_WS = re.compile(r"[ \t\r\n\f\v]+")


def clean_line(s: str) -> str:
    """A paragraph's text on one line: runs of spaces and breaks become one space."""
    return _WS.sub(" ", s).strip()


class TextBuilder:
    """Appends lines to a text and says where each one landed."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.size = 0

    @property
    def last_line(self) -> str:
        """The line written last (a table's caption is the line above it)."""
        return self.parts[-1] if self.parts else ""

    def line(self, s: str) -> tuple[int, int] | None:
        """Append ``s`` (already one line) as a paragraph; its ``(start, end)``, or None if blank."""
        s = s.strip()
        if not s:
            return None
        if self.parts:
            self.parts.append("\n")
            self.size += 1
        start = self.size
        self.parts.append(s)
        self.size += len(s)
        return start, self.size

    def cell(self, s: str) -> Cell | None:
        """Append a table cell's text (its paragraphs one per line) as one :class:`Cell`."""
        paras = [p for p in (clean_line(x) for x in s.split("\n")) if p]
        if not paras:
            return None
        first = self.line(paras[0])
        last = first
        for p in paras[1:]:
            last = self.line(p)
        assert first and last
        return Cell("\n".join(paras), first[0], last[1])  # equals text[first[0]:last[1]]

    def table(self, grid: list[list[object]], caption: str = "") -> Table:
        """Write a grid one cell per line, row by row.

        Items are strings or ``None``; a merged cell is one :class:`CellText` object at several
        positions of the grid, and is written once.
        """
        caption = caption or (self.last_line if len(self.last_line) <= 80 else "")
        start = self.size + (1 if self.parts else 0)
        written: dict[int, Cell | None] = {}
        rows: list[list[Cell | None]] = []
        for row in grid:
            out: list[Cell | None] = []
            for item in row:
                if item is None or (isinstance(item, str) and not item.strip()):
                    out.append(None)
                    continue
                if not isinstance(item, CellText):
                    out.append(self.cell(str(item)))
                    continue
                key = id(item)
                if key not in written:
                    written[key] = self.cell(str(item))
                out.append(written[key])
            rows.append(out)
        return Table(rows, caption, start, max(start, self.size))

    def row_table(self, grid: list[list[object]], caption: str = "") -> Table:
        """Write a grid one row per line, cells separated by a tab (a spreadsheet's rendering).

        A cell's inner line breaks become spaces; a merged cell (:class:`CellText` repeated) is
        written at its first position only.
        """
        start = self.size + (1 if self.parts else 0)
        written: dict[int, Cell] = {}
        rows: list[list[Cell | None]] = []
        for row in grid:
            texts = ["" if x is None else clean_line(str(x)) for x in row]
            line, spans, pos = [], [], 0
            here: set[int] = set()  # merged cells met earlier in this row (not a copy of ``written``)
            for item, t in zip(row, texts, strict=True):
                first = not (isinstance(item, CellText) and (id(item) in written or id(item) in here))
                here.add(id(item))
                spans.append((pos, pos + len(t)) if t and first else None)
                line.append(t if first else "")
                pos += len(line[-1]) + 1
            if not any(line):
                continue
            at = self.line("\t".join(line).rstrip())
            assert at is not None
            lead = len("\t".join(line)) - len("\t".join(line).lstrip())
            out: list[Cell | None] = []
            for item, t, sp in zip(row, texts, spans, strict=True):
                if isinstance(item, CellText) and id(item) in written:
                    out.append(written[id(item)])
                elif sp is None:
                    out.append(None)
                else:
                    cell = Cell(t, at[0] + sp[0] - lead, at[0] + sp[1] - lead)
                    if isinstance(item, CellText):
                        written[id(item)] = cell
                    out.append(cell)
            rows.append(out)
        return Table(rows, caption, start, max(start, self.size))

    @property
    def text(self) -> str:
        return "".join(self.parts)


class CellText(str):
    """The text of one source cell; the same object at several grid positions is a merged cell.

    (A ``str`` subclass instance is never interned, so equal texts of two cells stay apart.)
    """

    __slots__ = ()
