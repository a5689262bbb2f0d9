"""Spreadsheets and CSV (.xlsx, .xls, .csv): task-breakdown tables, read with pandas.

The document's text is the table, one row per line, cells separated by tabs; every sheet is one
:class:`~ipgraph.loaders.Table` whose cells point into that text. Merged cells (a title across
the table, 责任单位 over 牵头单位/配合单位, 重点任务 down a group of rows) are read from the
workbook (openpyxl for .xlsx, xlrd for .xls) and become one cell at every position they cover.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
from datetime import date, datetime
from pathlib import Path

import pandas as pd

from ipgraph.text import DecodeError, decode

from . import Document, LoadError, sniff, wrong_kind
from ._limits import MAX_CELLS, check_grid, check_zip, range_ref
from ._render import CellText, TextBuilder

__all__ = ["load"]

Merge = tuple[int, int, int, int]  # first row, last row + 1, first column, last column + 1 (0-based)


def load(path: Path, data: bytes) -> Document:
    ext = path.suffix.lower()
    if ext == ".csv":
        sheets = {"": (_csv(path, data), [])}
    elif ext == ".xls":
        sheets = _xls(path, data)
    else:
        sheets = _xlsx(path, data)
    out = TextBuilder()
    tables = []
    named = len(sheets) > 1
    for name, (frame, merges) in sheets.items():
        grid = _grid(frame, merges)
        if not any(any(x is not None for x in row) for row in grid):
            continue
        if named:
            out.line(name)
        tables.append(out.row_table(grid, caption=name))
    if not tables:
        raise LoadError(path, "empty spreadsheet (no cell has a value)")
    return Document(path=path, text=out.text, sha256="", tables=tables, kind="table")


def _csv(path: Path, data: bytes) -> pd.DataFrame:
    if sniff(data):
        raise wrong_kind(path, data, "a CSV file")
    try:
        text = decode(data)
    except DecodeError as e:
        raise LoadError(path, str(e)) from None
    try:
        frame = pd.read_csv(io.StringIO(text), header=None, dtype=str, keep_default_na=False, sep=None,
                            engine="python")  # fmt: skip
    except (pd.errors.ParserError, ValueError, IndexError) as e:
        raise LoadError(path, f"not a readable CSV table ({str(e).splitlines()[0]})") from None
    check_grid(path, *frame.shape, "the table")
    return frame


def _xlsx(path: Path, data: bytes) -> dict[str, tuple[pd.DataFrame, list[Merge]]]:
    if not data.startswith(b"PK\x03\x04"):
        raise wrong_kind(path, data, "an Excel .xlsx workbook")
    import openpyxl
    from lxml import etree

    _check_sheets(path, data)
    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
        frames = pd.read_excel(
            io.BytesIO(data), sheet_name=None, header=None, dtype=object, engine="openpyxl"
        )
    except zipfile.BadZipFile:
        raise LoadError(
            path, "damaged Excel file: not a complete zip archive (truncated download?)"
        ) from None
    except (KeyError, ValueError, OSError, etree.XMLSyntaxError) as e:
        raise LoadError(path, f"damaged Excel file ({type(e).__name__}: {str(e)[:120]})") from None
    out = {}
    for name, frame in frames.items():
        merges = [(r.min_row - 1, r.max_row, r.min_col - 1, r.max_col) for r in wb[name].merged_cells.ranges]
        out[name] = (frame, merges)
    return out


def _xls(path: Path, data: bytes) -> dict[str, tuple[pd.DataFrame, list[Merge]]]:
    if not data.startswith(b"\xd0\xcf\x11\xe0"):
        if data.startswith(b"PK\x03\x04"):
            raise LoadError(path, "not an .xls workbook: the file is an .xlsx workbook (rename it to .xlsx)")
        raise wrong_kind(path, data, "an Excel .xls workbook")
    import xlrd

    try:  # pandas' xlrd engine is deprecated: the frame is made from xlrd's cells here
        # ragged_rows: a row holds only the cells it has (not padded to the widest row's length)
        book = xlrd.open_workbook(
            file_contents=data, formatting_info=True, logfile=io.StringIO(), ragged_rows=True
        )
        out = {}
        for sheet in book.sheets():
            check_grid(path, sheet.nrows, sheet.ncols, f"sheet {sheet.name!r}")
            rows = [[_xls_value(sheet.cell(r, c), book.datemode) for c in range(sheet.row_len(r))]
                    for r in range(sheet.nrows)]  # fmt: skip
            out[sheet.name] = (pd.DataFrame(rows, dtype=object), [tuple(m) for m in sheet.merged_cells])
    except (xlrd.XLRDError, ValueError, AssertionError, IndexError, KeyError, struct.error) as e:
        raise LoadError(path, f"damaged Excel .xls file ({str(e)[:120]})") from None
    return out


_SHEET_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"


def _sheet_names(z) -> dict[str, str]:
    """Worksheet part → the sheet's name (for messages), from the workbook and its relationships."""
    from lxml import etree

    try:
        book = etree.fromstring(z.read("xl/workbook.xml"))
        rels = etree.fromstring(z.read("xl/_rels/workbook.xml.rels"))
    except (KeyError, etree.XMLSyntaxError, zipfile.BadZipFile):
        return {}
    target = {r.get("Id"): r.get("Target", "") for r in rels}
    out = {}
    for sheet in book.iter(_SHEET_NS + "sheet"):
        t = target.get(sheet.get(_REL_NS + "id"), "")
        out["xl/" + t.lstrip("/").removeprefix("xl/")] = sheet.get("name", "")
    return out


_ROW = re.compile(rb"<(?:\w+:)?row[\s>/]")
_ROW_AT = re.compile(rb'<(?:\w+:)?row\s[^>]*?\br="(\d{1,9})"')
_CELL = re.compile(rb"<(?:\w+:)?c[\s>/]")
_CELL_AT = re.compile(rb'<(?:\w+:)?c\s[^>]*?\br="\$?([A-Za-z]{1,3})\$?(\d{1,9})"')
_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\s[^>]*?\bref="([^"]{1,40})"')


def _column(letters: bytes) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + ch - 64
    return n


def _check_sheets(path: Path, data: bytes) -> None:
    """Refuse a workbook whose sheets would expand beyond the bounds, before openpyxl and pandas
    expand them: the extent of the cells it writes (one cell at XFD1048576 makes a sheet of 17
    billion cells) and of its merged ranges (openpyxl makes an object per merged cell).

    The sheet's XML is scanned with regular expressions (the part is bounded by
    :func:`check_zip`): seconds faster than parsing it, for the same extent. Cells and rows
    without a reference take the next position, as Excel and openpyxl place them.
    """
    z = check_zip(path, data, "Excel file")
    names = _sheet_names(z)
    for info in z.infolist():
        if not (info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml")):
            continue
        name = names.get(info.filename) or info.filename
        try:
            xml = z.read(info)
        except (zipfile.BadZipFile, EOFError, OSError) as e:
            raise LoadError(path, f"damaged Excel file: sheet {name!r} ({str(e)[:120]})") from None
        at_rows = [int(m) for m in _ROW_AT.findall(xml)]
        rows = max([len(_ROW.findall(xml)), *at_rows])
        cells = _CELL_AT.findall(xml)
        letters = {c for c, _ in cells}
        cols = max([0, *(_column(c) for c in letters)])
        rows = max([rows, *(int(r) for _, r in cells)]) if cells else rows
        if len(cells) < len(_CELL.findall(xml)):  # cells without a reference: the longest row
            cols = max([cols, *(len(_CELL.findall(chunk)) for chunk in _ROW.split(xml))])
        if rows * cols > MAX_CELLS:
            far = max(cells, key=lambda c: _column(c[0]) * int(c[1]), default=None)
            where = f"a cell at {far[0].decode()}{far[1].decode()} makes it" if far else "its cells make it"
            raise LoadError(
                path,
                f"sheet {name!r} is too large to read: {where} {rows:,} rows × {cols:,} columns = "
                f"{rows * cols:,} cells (limit {MAX_CELLS:,})",
            )
        merged = 0
        for ref in _MERGE.findall(xml):
            at = range_ref(ref.decode("ascii", "replace"))
            if at:
                area = (at[2] - at[0] + 1) * (at[3] - at[1] + 1)
                merged += area
                if merged > MAX_CELLS:
                    raise LoadError(
                        path,
                        f"sheet {name!r} is too large to read: the merged range {ref.decode()} covers "
                        f"{area:,} cells (limit {MAX_CELLS:,})",
                    )
        check_grid(path, rows, cols, f"sheet {name!r}")


def _xls_value(cell, datemode: int) -> object:
    import xlrd

    if cell.ctype == xlrd.XL_CELL_DATE:
        return xlrd.xldate_as_datetime(cell.value, datemode)
    if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK, xlrd.XL_CELL_ERROR):
        return None
    return cell.value


def _text(x: object) -> str | None:
    """A cell's value as written: whole numbers without ``.0``, dates in Chinese."""
    if x is None or (isinstance(x, float) and pd.isna(x)) or x is pd.NaT:
        return None
    if isinstance(x, float) and x.is_integer():
        return str(int(x))
    if isinstance(x, (datetime, date, pd.Timestamp)):
        return f"{x.year}年{x.month}月{x.day}日"
    s = str(x).strip()
    return s or None


def _grid(frame: pd.DataFrame, merges: list[Merge]) -> list[list[object]]:
    """The sheet as a grid of :class:`CellText` (or ``None``); a merged range is one object."""
    grid: list[list[object]] = []
    for row in frame.itertuples(index=False):
        grid.append([CellText(t) if (t := _text(x)) else None for x in row])
    for r0, r1, c0, c1 in merges:
        if r0 >= len(grid) or c0 >= len(grid[r0]):
            continue
        item = grid[r0][c0]
        for r in range(r0, min(r1, len(grid))):
            for c in range(c0, min(c1, len(grid[r]))):
                grid[r][c] = item
    return grid
