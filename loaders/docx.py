"""Word files (.docx): headings and paragraphs one per line, tables one cell per line.

The body is read in document order (paragraphs and tables interleaved; page headers and footers
are not the plan's text). Numbers that Word draws itself (automatic list numbering such as
``一、`` or ``（一）``) are written into the text, because the plan's structure is in them.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from . import Document, LoadError, wrong_kind
from ._limits import MAX_CELLS, MAX_COLUMNS, check_zip
from ._render import CellText, TextBuilder, clean_line

__all__ = ["load"]

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def load(path: Path, data: bytes) -> Document:
    if not data.startswith(b"PK\x03\x04"):
        raise wrong_kind(path, data, "a Word .docx file")
    check_zip(path, data, "Word file")
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from lxml import etree

    try:
        return _read(path, docx.Document(io.BytesIO(data)))
    except etree.XMLSyntaxError as e:  # lxml's own limits (depth, huge text nodes) included
        raise LoadError(path, f"damaged or oversized XML inside the Word file ({str(e)[:160]})") from None
    except RecursionError:
        raise LoadError(path, "Word file nested too deeply (tables in tables)") from None
    except zipfile.BadZipFile:
        raise LoadError(path, "damaged Word file: not a complete zip archive (truncated download?)") from None
    except (KeyError, ValueError, PackageNotFoundError) as e:
        reason = "an Excel workbook" if b"xl/workbook" in data[:65536] else f"{type(e).__name__}: {e}"
        raise LoadError(path, f"not a readable Word .docx file ({str(reason)[:160]})") from None


def _read(path: Path, d) -> Document:
    numbering = _Numbering(d)
    out = TextBuilder()
    tables: list = []
    for block in _blocks(d.element.body):
        if block.tag == W + "p":
            text = numbering.label(block) + _para_text(block)
            for ln in text.split("\n"):
                out.line(clean_line(ln))
        else:
            tables.append(out.table(_grid(block, numbering, path, len(tables) + 1)))
    meta = {}
    title = (d.core_properties.title or "").strip()
    if title:
        meta["title"] = title
    return Document(path=path, text=out.text, sha256="", meta=meta, tables=tables)


def _blocks(parent):
    """Paragraphs and tables of the body in order (content controls opened)."""
    for child in parent.iterchildren():
        if child.tag in (W + "p", W + "tbl"):
            yield child
        elif child.tag == W + "sdt":
            content = child.find(W + "sdtContent")
            if content is not None:
                yield from _blocks(content)


def _para_text(p) -> str:
    parts = []
    for e in p.iter(W + "t", W + "tab", W + "br", W + "cr", W + "noBreakHyphen"):
        if e.tag == W + "t":
            parts.append(e.text or "")
        elif e.tag == W + "tab":
            parts.append(" ")
        elif e.tag == W + "noBreakHyphen":
            parts.append("-")
        else:
            parts.append("\n")
    return "".join(parts)


def _grid(tbl, numbering: _Numbering, path: Path, number: int) -> list[list[object]]:
    """The table as a grid; a merged cell (gridSpan, vMerge) is one object at each position.

    The grid is bounded (:mod:`._limits`): a ``gridSpan`` of two billion is refused, not expanded.
    """
    grid: list[list[object]] = []
    cells = 0
    above: dict[int, object] = {}  # column → the cell a vMerge continues
    for tr in tbl.iterchildren(W + "tr"):
        row: list[object] = []
        col = 0
        for tc in tr.iterchildren(W + "tc"):
            pr = tc.find(W + "tcPr")
            span = 1
            merge = None
            if pr is not None:
                gs = pr.find(W + "gridSpan")
                span = _span(gs.get(W + "val", "1")) if gs is not None else 1
                vm = pr.find(W + "vMerge")
                merge = None if vm is None else (vm.get(W + "val") or "continue")
            if merge == "continue" and col in above:
                item = above[col]
            else:
                lines = []
                for block in _blocks(tc):
                    if block.tag == W + "p":
                        lines.append(numbering.label(block) + _para_text(block))
                    else:  # a table in a cell: its cells as lines
                        lines += [str(x) for r in _grid(block, numbering, path, number) for x in r if x]
                text = "\n".join(ln for ln in lines if ln.strip())
                item = CellText(text) if text.strip() else None
            if col + span > MAX_COLUMNS or cells + col + span > MAX_CELLS:
                what = f"table {number}" + (f" (a cell spanning {span:,} columns)" if span > 1 else "")
                raise LoadError(
                    path,
                    f"{what} is too large to read: over {min(MAX_COLUMNS, MAX_CELLS - cells):,} "
                    f"{'columns' if col + span > MAX_COLUMNS else 'cells'} (limit {MAX_COLUMNS:,} "
                    f"columns, {MAX_CELLS:,} cells)",
                )
            for k in range(span):
                row.append(item)
                above[col + k] = item
            col += span
        cells += len(row)
        grid.append(row)
    return grid


def _span(value: str) -> int:
    try:
        return max(1, int(value))
    except ValueError:
        return 1


# --------------------------------------------------------------------------- automatic numbering

_CN = "〇一二三四五六七八九"


def _chinese(n: int) -> str:
    if n < 10:
        return _CN[n]
    if n < 20:
        return "十" + (_CN[n % 10] if n % 10 else "")
    if n < 100:
        return _CN[n // 10] + "十" + (_CN[n % 10] if n % 10 else "")
    return str(n)


def _roman(n: int) -> str:
    if n >= 4000:  # Word itself stops there (and a huge start value must not loop)
        return str(n)
    vals = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l")]
    vals += [(40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]
    out = ""
    for v, s in vals:
        while n >= v:
            out, n = out + s, n - v
    return out


def _format(n: int, fmt: str) -> str:
    if fmt in ("chineseCounting", "chineseCountingThousand", "chineseLegalSimplified", "taiwaneseCounting"):
        return _chinese(n)
    if fmt == "lowerLetter":
        return chr(ord("a") + (n - 1) % 26)
    if fmt == "upperLetter":
        return chr(ord("A") + (n - 1) % 26)
    if fmt in ("lowerRoman", "upperRoman"):
        return _roman(n) if fmt == "lowerRoman" else _roman(n).upper()
    if fmt == "decimalEnclosedCircle" and 1 <= n <= 20:
        return chr(0x2460 + n - 1)
    if fmt == "ideographTraditional" and 1 <= n <= 10:
        return "甲乙丙丁戊己庚辛壬癸"[n - 1]
    return "" if fmt in ("none", "bullet") else str(n)


class _Numbering:
    """Word's list numbering: the label each numbered paragraph shows (``一、``, ``（二）``, ``3.``)."""

    def __init__(self, d) -> None:
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}  # numId → ilvl → (fmt, text, start)
        self.counters: dict[str, list[int]] = {}
        self.style_num: dict[str, tuple[str, int]] = {}
        try:
            root = d.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        abstract = {}
        for a in root.iterchildren(W + "abstractNum"):
            lvls = {}
            for lvl in a.iterchildren(W + "lvl"):
                fmt = lvl.find(W + "numFmt")
                text = lvl.find(W + "lvlText")
                start = lvl.find(W + "start")
                lvls[int(lvl.get(W + "ilvl", "0"))] = (
                    fmt.get(W + "val", "decimal") if fmt is not None else "decimal",
                    text.get(W + "val", "") if text is not None else "",
                    int(start.get(W + "val", "1")) if start is not None else 1,
                )
            abstract[a.get(W + "abstractNumId")] = lvls
        for num in root.iterchildren(W + "num"):
            ref = num.find(W + "abstractNumId")
            if ref is not None:
                self.levels[num.get(W + "numId")] = abstract.get(ref.get(W + "val"), {})
        for style in d.styles.element.iterchildren(W + "style"):
            pr = style.find(f"{W}pPr/{W}numPr")
            if pr is not None and pr.find(W + "numId") is not None:
                ilvl = pr.find(W + "ilvl")
                self.style_num[style.get(W + "styleId")] = (
                    pr.find(W + "numId").get(W + "val"),
                    int(ilvl.get(W + "val", "0")) if ilvl is not None else 0,
                )

    def label(self, p) -> str:
        if not self.levels:
            return ""
        pr = p.find(f"{W}pPr/{W}numPr")
        if pr is not None and pr.find(W + "numId") is not None:
            num_id = pr.find(W + "numId").get(W + "val")
            ilvl_e = pr.find(W + "ilvl")
            ilvl = int(ilvl_e.get(W + "val", "0")) if ilvl_e is not None else 0
        else:
            style = p.find(f"{W}pPr/{W}pStyle")
            found = self.style_num.get(style.get(W + "val")) if style is not None else None
            if not found:
                return ""
            num_id, ilvl = found
        lvls = self.levels.get(num_id)
        if not lvls or ilvl not in lvls:
            return ""
        counters = self.counters.setdefault(num_id, [0] * 9)
        fmt, text, start = lvls[ilvl]
        counters[ilvl] = counters[ilvl] + 1 if counters[ilvl] else start
        for deeper in range(ilvl + 1, 9):
            counters[deeper] = 0
        out = text
        for k in range(ilvl + 1):
            f = lvls.get(k, ("decimal", "", 1))[0]
            out = out.replace(f"%{k + 1}", _format(counters[k] or lvls.get(k, ("", "", 1))[2], f))
        return out if fmt != "bullet" else ""
