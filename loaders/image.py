"""Page images (.png, .jpg, .tif: scans and photos of a plan's pages) read by offline OCR.

A multi-page TIFF is one document of several pages. The OCR engine (``loaders/ocr.py``)
gives each page's lines with their boxes; the PDF loader's rules rebuild the paragraphs.
"""

from __future__ import annotations

from pathlib import Path

from . import Document, LoadError, wrong_kind

_IMAGES = (b"\x89PNG", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")


def load(path: Path, data: bytes) -> Document:
    if not data.startswith(_IMAGES):
        raise wrong_kind(path, data, "a page image (PNG, JPEG or TIFF)")
    from .ocr import engine_name, open_images, pages_text

    text, n = pages_text(path, open_images(path, data))
    if not text.strip():
        raise LoadError(path, f"image without text: OCR found none on its {n} page(s)")
    return Document(path=path, text=text, sha256="", meta={"pages": str(n), "ocr": engine_name()})
