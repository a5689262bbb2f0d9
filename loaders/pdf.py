"""PDF files: the text layer rebuilt into paragraphs, tables one cell per line (pdfplumber).

A PDF has lines, not paragraphs. A line goes on in the next one when the next line's first
word (or character) would not have fitted at its end, so that the width broke the line; unless
the next line is indented (a first-line indent of about two characters), starts a numbered item
(``一、``, ``(二)``, ``3.``), is a notice's own line (a document number, a date, 发布时间:) or
is set in another font size: that is how Chinese official documents are set. (A paragraph whose
last line happens to fill the measure exactly, followed by an unindented line, cannot be told
from a wrapped one; it is joined.) Page numbers (``— 3 —``, ``第3页``) and running headers
repeated on most pages are dropped. A scan (pages of images without a text layer) and a
password-protected file are refused with the reason.
"""

from __future__ import annotations

import io
from collections import Counter
from pathlib import Path

from . import Document, LoadError, wrong_kind
from ._layout import _drop_furniture, _first_unit, _Grid, _Line, _mode, _paragraphs, _render, _right_edge

__all__ = ["load"]


def load(path: Path, data: bytes) -> Document:
    if not data.lstrip()[:1024].find(b"%PDF") >= 0:
        raise wrong_kind(path, data, "a PDF document")
    import pdfplumber

    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except Exception as e:  # pdfminer raises many kinds; the name says which
        raise LoadError(path, _open_error(e)) from None
    with pdf:
        try:
            pages = [_page(p) for p in pdf.pages]
        except Exception as e:
            raise LoadError(path, f"damaged PDF ({type(e).__name__}: {str(e)[:120]})") from None
        chars = sum(len(ln.text) for lines, _, _ in pages for ln in lines)
        with_images = sum(1 for _, _, n in pages if n)
        if chars < 30 * len(pages) and with_images * 2 >= len(pages) > 0:  # page numbers at most
            return _scanned(path, data, len(pages))
        if not any(lines or grids for lines, grids, _ in pages):
            raise LoadError(path, "PDF without text")
        unmapped = sum(ln.text.count("(cid:") for lines, _, _ in pages for ln in lines)
        if unmapped * 10 > max(1, chars // 6):
            raise LoadError(path, "PDF text layer without Unicode mapping (glyph codes only); run OCR first")
        meta = {}
        title = (pdf.metadata or {}).get("Title")
        if isinstance(title, str) and title.strip():
            meta["title"] = title.strip()
    kept = [(_drop_furniture(lines, k, pages), grids) for k, (lines, grids, _) in enumerate(pages)]
    body = [ln for lines, _ in kept for ln in lines]
    left = _mode([ln.x0 for ln in body]) if body else 0.0
    right = _right_edge(body)
    text, tables = _render(kept, left, right)
    return Document(path=path, text=text, sha256="", meta=meta, tables=tables)


def _scanned(path: Path, data: bytes, n: int) -> Document:
    """A scan (pages of images, no text layer): its pages rendered and read by OCR (``loaders/ocr.py``)."""
    from .ocr import SCAN_DPI, engine_name, pages_text

    def images():
        import pypdfium2 as pdfium

        pdf = pdfium.PdfDocument(data)
        try:
            for page in pdf:
                yield page.render(scale=SCAN_DPI / 72, grayscale=True).to_pil().convert("L")
        finally:
            pdf.close()

    try:
        text, _ = pages_text(path, images())
    except LoadError as e:
        raise LoadError(path, f"scanned PDF: no text layer ({n} page(s) of images); {e.reason}") from None
    if not text.strip():
        raise LoadError(path, f"scanned PDF: no text layer, and OCR found no text on its {n} page(s)")
    return Document(path=path, text=text, sha256="", meta={"pages": str(n), "ocr": engine_name()})


def _open_error(e: Exception) -> str:
    name = type(e).__name__
    inner = e.args[0] if e.args and isinstance(e.args[0], Exception) else e
    name = type(inner).__name__ if name == "PdfminerException" else name
    if "Password" in name or "Encrypt" in name:
        return "password-protected PDF: cannot be read without its password"
    if "Syntax" in name or "PSEOF" in name or "EOF" in name:
        return "damaged PDF (truncated or not a PDF inside)"
    return f"unreadable PDF ({name}: {str(inner)[:120]})"


def _page(page) -> tuple[list[_Line], list[_Grid], int]:
    """A page's lines outside tables, its tables, and how many images it holds."""
    found = page.find_tables()
    boxes = [t.bbox for t in found]

    def outside(obj) -> bool:
        if obj.get("object_type") != "char":
            return True
        cx, cy = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
        return not any(x0 <= cx <= x1 and t <= cy <= b for x0, t, x1, b in boxes)

    lines = [_line(ln) for ln in page.filter(outside).extract_text_lines(return_chars=True)]
    grids = []
    for t in found:
        rows = []
        for row in t.rows:
            cells = []
            for bbox in row.cells:
                if bbox is None:
                    cells.append(None)
                    continue
                inner = page.crop(bbox).extract_text_lines(return_chars=True)
                cell_lines = [_line(x) for x in inner]
                pad = min((x.x0 for x in cell_lines), default=bbox[0]) - bbox[0]
                cells.append(_paragraphs(cell_lines, bbox[0] + pad, bbox[2] - pad) or None)
            rows.append(cells)
        grids.append(_Grid(t.bbox[1], rows))
    return lines, grids, len(page.images)


def _line(d: dict) -> _Line:
    chars = d.get("chars") or []
    size = Counter(round(c["size"], 1) for c in chars).most_common(1)[0][0] if chars else 10.0
    return _Line(d["text"].strip(), d["x0"], d["x1"], d["top"], size, _first_unit(chars))
