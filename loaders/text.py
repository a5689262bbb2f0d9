"""Plain-text plans: UTF-8 with or without BOM, UTF-16 with BOM, GB18030."""

from __future__ import annotations

from pathlib import Path

from ipgraph.text import DecodeError, decode

from . import Document, LoadError, sniff


def load(path: Path, data: bytes) -> Document:
    what = sniff(data)
    if what:
        raise LoadError(path, f"not text: {what}")
    try:
        text = decode(data)
    except DecodeError as e:
        raise LoadError(path, str(e)) from None
    return Document(path=path, text=text, sha256="")
