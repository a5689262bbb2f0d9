"""Legacy Word (.doc, .wps): refused with the way out, since no maintained Python reader exists.

A .doc that is really a .docx, an HTML page or plain text (web sites often serve those with a
.doc name) is read as what it is.
"""

from __future__ import annotations

import importlib
from pathlib import Path

from . import Document, LoadError, sniff, wrong_kind


def load(path: Path, data: bytes) -> Document:
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise LoadError(
            path, "legacy Word 97-2003 (.doc) file: save it as .docx (Word, WPS or LibreOffice) and read that"
        )
    if data.startswith(b"PK\x03\x04"):
        return importlib.import_module("ipgraph.loaders.docx").load(path, data)
    if sniff(data):
        raise wrong_kind(path, data, "a Word file")
    head = data[:2048].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html")) or b"<html" in head:
        return importlib.import_module("ipgraph.loaders.html").load(path, data)
    return importlib.import_module("ipgraph.loaders.text").load(path, data)
