"""Loaders: one file in, the document's text out, whatever the file's format.

Loaders are found by file extension and imported only when a file of their kind is read
(the idea of rdflib's plugin registry), so reading plain text never imports a Word or PDF
library. Each loader is a module with ``load(path: Path, data: bytes) -> Document``.

The text a loader gives is the plan's text of record (every span of the reading points into
it): one paragraph per line, a table in a document one cell per line (as the plain-text samples
write their indicator tables), a spreadsheet one row per line. :attr:`Document.tables` gives the
same tables as grids of :class:`Cell` spans into that text, for readers of task tables.
"""

from __future__ import annotations

import hashlib
import importlib
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path

from ipgraph.text import DecodeError, decode

__all__ = [
    "LOADERS",
    "Cell",
    "Document",
    "LoadError",
    "Table",
    "load",
    "loader_for",
    "read_bytes",
    "sniff",
    "supported",
]


@dataclass(frozen=True, slots=True)
class Cell:
    """One cell of a table as it stands in :attr:`Document.text`: ``text == doc.text[start:end]``.

    A merged cell is one :class:`Cell` object shared by every grid position it covers, so its
    span points at the one place its text is written.
    """

    text: str
    start: int
    end: int


@dataclass(slots=True)
class Table:
    """A table of the document, as a grid of cells (``None`` where a cell is empty)."""

    rows: list[list[Cell | None]]
    caption: str = ""  # the title above the table, or the sheet's name
    start: int = 0  # span of the table's rendering in the document text
    end: int = 0


@dataclass(slots=True)
class Document:
    path: Path
    text: str  # the document's text: every span of the reading points into it
    sha256: str  # of the file's bytes
    meta: dict[str, str] = field(default_factory=dict)  # what the file says of itself (web-page 发布机构 …)
    tables: list[Table] = field(default_factory=list)  # tables, with cells that point into ``text``
    kind: str = "text"  # "text" (a document) or "table" (a spreadsheet: the tables are the content)


class LoadError(Exception):
    """A file that cannot be read; ``str()`` names the file and the reason."""

    def __init__(self, path: Path | str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = Path(path)
        self.reason = reason


LOADERS: dict[str, str] = {
    ".txt": "ipgraph.loaders.text",
    ".text": "ipgraph.loaders.text",
    ".md": "ipgraph.loaders.text",
    ".html": "ipgraph.loaders.html",
    ".htm": "ipgraph.loaders.html",
    ".shtml": "ipgraph.loaders.html",
    ".docx": "ipgraph.loaders.docx",
    ".doc": "ipgraph.loaders.doc",
    ".wps": "ipgraph.loaders.doc",
    ".pdf": "ipgraph.loaders.pdf",
    ".ofd": "ipgraph.loaders.ofd",
    ".png": "ipgraph.loaders.image",
    ".jpg": "ipgraph.loaders.image",
    ".jpeg": "ipgraph.loaders.image",
    ".tif": "ipgraph.loaders.image",
    ".tiff": "ipgraph.loaders.image",
    ".xlsx": "ipgraph.loaders.tables",
    ".xlsm": "ipgraph.loaders.tables",
    ".xls": "ipgraph.loaders.tables",
    ".csv": "ipgraph.loaders.tables",
}


def supported() -> list[str]:
    """File extensions that have a loader."""
    return sorted(LOADERS)


_MAGIC = {
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"%PDF": "a PDF document",
    b"PK\x03\x04": "a zip archive (Office document?)",
    b"\xd0\xcf\x11\xe0": "an old Office document",
    b"\x7fELF": "an executable",
}


def sniff(data: bytes) -> str | None:
    """What binary format the bytes are, when their first bytes say so."""
    return next((what for magic, what in _MAGIC.items() if data.startswith(magic)), None)


def wrong_kind(path: Path, data: bytes, expected: str) -> LoadError:
    """The error for a file whose bytes are not what its extension says.

    Names what the bytes are (another binary format, plain text, a truncated archive).
    """
    what = sniff(data)
    if what is None:
        head = data[:2048].lstrip()
        if head[:1] == b"<" and re.search(rb"<(!doctype\s+html|html|body|div|p)\b", head, re.I):
            what = "an HTML page (save it as .html)"
        else:
            what = "unknown binary content"
            for cut in range(4):  # the sample may end inside a multi-byte character
                try:
                    decode(data[: max(1, min(len(data), 4096) - cut)])
                    what = "plain text (save it as .txt)"
                    break
                except DecodeError:
                    continue
    return LoadError(path, f"not {expected}: the file is {what}")


def loader_for(path: Path, data: bytes = b""):
    """The loader module for ``path`` (imported on first use)."""
    name = LOADERS.get(path.suffix.lower())
    if name is None:
        what = sniff(data)
        if what:
            raise LoadError(
                path, f"not text: {what} (no loader for {path.suffix or 'files without extension'})"
            )
        name = "ipgraph.loaders.text"  # an unknown extension: try it as text
    return importlib.import_module(name)


_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def read_bytes(path: Path | str) -> bytes:
    """The bytes of a regular file, or :class:`LoadError`.

    Only regular files are read: ``/dev/zero`` would never end and a FIFO would block for ever
    (it is opened without blocking, then refused). Files above
    :data:`~ipgraph.loaders._limits.MAX_FILE_BYTES` are refused before they are read.
    """
    from ._limits import MAX_FILE_BYTES

    path = Path(path)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as e:
        raise LoadError(path, f"cannot read: {e.strerror or e}") from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            what = next((name for test, name in _KINDS if test(st.st_mode)), "not a regular file")
            raise LoadError(path, f"not a regular file: {what}; only files are read")
        if st.st_size > MAX_FILE_BYTES:
            raise LoadError(
                path, f"file too large: {st.st_size / 2**20:,.0f} MB (limit {MAX_FILE_BYTES // 2**20} MB)"
            )
        with os.fdopen(fd, "rb", closefd=False) as f:
            data = f.read(MAX_FILE_BYTES + 1)
    except OSError as e:
        raise LoadError(path, f"cannot read: {e.strerror or e}") from None
    finally:
        os.close(fd)
    if len(data) > MAX_FILE_BYTES:  # it grew while being read
        raise LoadError(path, f"file too large (limit {MAX_FILE_BYTES // 2**20} MB)")
    return data


def load(path: Path | str, *, charset: str | None = None) -> Document:
    """Read one file into a :class:`Document`, or raise :class:`LoadError` saying why not.

    ``charset``: what a web server declared for the file (``ipgraph.fetch``); web pages are
    decoded with it first.
    """
    path = Path(path)
    data = read_bytes(path)
    if not data.strip():
        raise LoadError(path, "empty file")
    loader = loader_for(path, data)
    try:
        if charset and loader.__name__ == "ipgraph.loaders.html":
            doc = loader.load(path, data, charset=charset)
        else:
            doc = loader.load(path, data)
    except ModuleNotFoundError as e:  # an optional dependency (the ``office``/``ocr`` extras) not installed
        raise LoadError(
            path, f"reading {path.suffix} files needs {e.name}: pip install 'ipgraph[office,ocr]'"
        ) from None
    doc.sha256 = hashlib.sha256(data).hexdigest()
    return doc
