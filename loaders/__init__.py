"""Loaders: one file in, the document's text out, whatever the file's format.

Loaders are found by file extension and imported only when a file of their kind is read
(the idea of rdflib's plugin registry), so reading plain text never imports a Word or PDF
library. Each loader is a module with ``load(path: Path, data: bytes) -> Document``.
"""

from __future__ import annotations

import hashlib
import importlib
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["LOADERS", "Document", "LoadError", "load", "loader_for", "sniff", "supported"]


@dataclass(slots=True)
class Document:
    path: Path
    text: str  # the document's text: every span of the reading points into it
    sha256: str  # of the file's bytes
    meta: dict[str, str] = field(default_factory=dict)  # what the file says of itself (web-page 发布机构 …)


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


def load(path: Path | str) -> Document:
    """Read one file into a :class:`Document`, or raise :class:`LoadError` saying why not."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as e:
        raise LoadError(path, f"cannot read: {e.strerror or e}") from None
    if not data.strip():
        raise LoadError(path, "empty file")
    doc = loader_for(path, data).load(path, data)
    doc.sha256 = hashlib.sha256(data).hexdigest()
    return doc
