"""Legacy Word (.doc) and WPS (.wps) files: converted to .docx by LibreOffice, then read as Word.

The conversion (``loaders/office.py``) runs in a private temporary folder with a time limit;
the .docx reader then gives Word's list numbering and tables as for any .docx. A .doc that is
really a .docx, an HTML page or plain text (web sites often serve those with a .doc name) is
read as what it is.
"""

from __future__ import annotations

import importlib
from pathlib import Path

from . import Document, LoadError, sniff, wrong_kind

_KIND = {".wps": "WPS (.wps)"}


def load(path: Path, data: bytes) -> Document:
    if data.startswith(b"\xd0\xcf\x11\xe0"):  # an OLE compound file: Word 97-2003, WPS
        from .office import to_docx

        kind = _KIND.get(path.suffix.lower(), "Word 97-2003 (.doc)")
        docx = importlib.import_module("ipgraph.loaders.docx")
        try:
            return docx.load(path, to_docx(path, data, kind))
        except LoadError as e:
            if e.reason.startswith(("damaged", kind)):
                raise
            raise LoadError(path, f"{kind} file converted by LibreOffice: {e.reason}") from None
    if data.startswith(b"PK\x03\x04"):
        return importlib.import_module("ipgraph.loaders.docx").load(path, data)
    if sniff(data):
        raise wrong_kind(path, data, "a Word file")
    head = data[:2048].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html")) or b"<html" in head:
        return importlib.import_module("ipgraph.loaders.html").load(path, data)
    return importlib.import_module("ipgraph.loaders.text").load(path, data)
