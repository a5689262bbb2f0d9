"""Bounds on what a file may make a loader build, so that a small hostile file cannot take the
machine down (issue 17): a Word file whose parts inflate to gigabytes, a table cell spanning two
billion columns, a spreadsheet cell at XFD1048576 or a merged range over the whole sheet.

Every bound is far above what a real plan or task table needs (a Word table has at most 63
columns, a task table a few hundred rows) and is checked *before* the expansion it guards, from
what the file declares (zip member sizes, cell references, merge ranges); a file beyond a bound is
a :class:`~ipgraph.loaders.LoadError` that names the file, the bound and what the file asked for.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from . import LoadError

__all__ = [
    "MAX_CELLS",
    "MAX_COLUMNS",
    "MAX_FILE_BYTES",
    "MAX_PART_BYTES",
    "MAX_RATIO",
    "MAX_UNZIPPED_BYTES",
    "cell_ref",
    "check_grid",
    "check_zip",
    "range_ref",
]

MAX_FILE_BYTES = 200 * 2**20  # a file larger than this is not a plan (scanned PDFs are smaller)
MAX_PART_BYTES = 40 * 2**20  # one part of an Office file, unzipped (a long plan's body: ~2 MB)
MAX_UNZIPPED_BYTES = 150 * 2**20  # all parts of an Office file together, unzipped
MAX_RATIO = 200  # unzipped / zipped bytes of a large part (Office XML: 5–30)
MAX_COLUMNS = 1_000  # columns of one table (Word: 63; Excel task tables: a dozen)
MAX_CELLS = 300_000  # rows × columns of one table or sheet grid (a task table: a few thousand)


def _mb(n: int) -> str:
    return f"{n / 2**20:,.0f} MB"


def check_zip(path: Path, data: bytes, what: str) -> zipfile.ZipFile:
    """The archive of an Office file, after checking its declared sizes against the bounds.

    The sizes a zip declares are binding: :mod:`zipfile` stops (and fails the CRC) at a
    member's declared size, so checking them bounds what any later reader inflates.
    """
    try:
        z = zipfile.ZipFile(io.BytesIO(data))
        infos = z.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise LoadError(path, f"damaged {what}: not a complete zip archive (truncated download?)") from None
    total = 0
    for info in infos:
        total += info.file_size
        if info.file_size > MAX_PART_BYTES:
            raise LoadError(
                path,
                f"{what} too large to read: its part {info.filename!r} unzips to {_mb(info.file_size)} "
                f"(limit {_mb(MAX_PART_BYTES)} per part)",
            )
        if info.file_size > 2**20 and info.file_size > MAX_RATIO * max(1, info.compress_size):
            raise LoadError(
                path,
                f"{what} looks like a zip bomb: its part {info.filename!r} unzips "
                f"{info.file_size // max(1, info.compress_size):,}-fold to {_mb(info.file_size)} "
                f"(limit {MAX_RATIO}-fold)",
            )
    if total > MAX_UNZIPPED_BYTES:
        raise LoadError(
            path,
            f"{what} too large to read: its parts unzip to {_mb(total)} (limit {_mb(MAX_UNZIPPED_BYTES)})",
        )
    return z


def check_grid(path: Path, rows: int, columns: int, where: str) -> None:
    """Refuse a table grid of ``rows`` × ``columns`` beyond the bounds, before it is built."""
    if columns > MAX_COLUMNS:
        raise LoadError(path, f"{where} is too wide to read: {columns:,} columns (limit {MAX_COLUMNS:,})")
    if rows * columns > MAX_CELLS:
        raise LoadError(
            path,
            f"{where} is too large to read: {rows:,} rows × {columns:,} columns = {rows * columns:,} "
            f"cells (limit {MAX_CELLS:,})",
        )


_REF = re.compile(r"^\$?([A-Za-z]{1,3})\$?(\d{1,7})$")


def cell_ref(ref: str) -> tuple[int, int] | None:
    """``"XFD1048576"`` → (row, column), 1-based; None when ``ref`` is not a cell reference."""
    m = _REF.match(ref.strip())
    if not m:
        return None
    col = 0
    for ch in m.group(1).upper():
        col = col * 26 + ord(ch) - 64
    return int(m.group(2)), col


def range_ref(ref: str) -> tuple[int, int, int, int] | None:
    """``"A1:C3"`` → (first row, first column, last row, last column), 1-based."""
    a, _, b = ref.partition(":")
    first, last = cell_ref(a), cell_ref(b or a)
    if first is None or last is None:
        return None
    return min(first[0], last[0]), min(first[1], last[1]), max(first[0], last[0]), max(first[1], last[1])
