"""OFD (GB/T 33190, China's fixed-layout format): the text of its pages in reading order.

An OFD file is a zip of XML: ``OFD.xml`` names the document (``DocRoot``), the document lists
its pages in order (``Pages/Page/@BaseLoc``), and each page's content holds text objects
(``TextObject`` with a ``Boundary`` box and ``TextCode`` runs placed by ``X``/``Y`` and
``DeltaX`` advances, in millimetres). Like a PDF it has lines, not paragraphs: the runs are
put on lines by their baselines, left to right, and the lines are rebuilt into paragraphs,
page numbers and running headers dropped, by the same rules as the PDF loader
(``loaders/pdf.py``). The page templates (letterheads, page furniture) are not read.
:attr:`Document.meta` ``pages`` gives the number of pages and ``page_starts`` where each
page's text starts in the document text (offsets, comma-separated).
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from pathlib import Path

from lxml import etree

from . import Document, LoadError, wrong_kind
from .pdf import _drop_furniture, _first_unit, _Line, _mode, _render, _right_edge

__all__ = ["load"]

_MAX_XML = 64 * 1024 * 1024  # bytes of one part, unpacked: more is not a plan (a zip bomb)
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, recover=False)


def load(path: Path, data: bytes) -> Document:
    if not data.startswith(b"PK\x03\x04"):
        raise wrong_kind(path, data, "an OFD document")
    try:
        z = zipfile.ZipFile(io.BytesIO(data))
        names = {n.lstrip("/"): n for n in z.namelist()}
    except (zipfile.BadZipFile, OSError):
        raise LoadError(path, "damaged OFD: not a complete zip archive") from None
    if "OFD.xml" not in names:
        raise LoadError(path, "not an OFD document: the zip holds no OFD.xml")

    def part(name: str) -> etree._Element:
        key = posixpath.normpath(name.lstrip("/"))
        if key not in names:
            raise LoadError(path, f"damaged OFD: {name} is missing")
        info = z.getinfo(names[key])
        if info.file_size > _MAX_XML:
            raise LoadError(path, f"damaged OFD: {name} unpacks to {info.file_size} bytes")
        try:
            return etree.fromstring(z.read(info), _PARSER)
        except (etree.XMLSyntaxError, zipfile.BadZipFile, OSError, EOFError) as e:
            raise LoadError(path, f"damaged OFD: {name} ({str(e)[:100]})") from None

    root = part("OFD.xml")
    doc_root = _text(root, "DocBody/DocRoot")
    if not doc_root:
        raise LoadError(path, "damaged OFD: OFD.xml names no document (DocRoot)")
    doc = part(doc_root)
    base = posixpath.dirname(doc_root.lstrip("/"))
    pages = []
    for page in _all(doc, "Pages/Page"):
        loc = page.get("BaseLoc", "")
        content = part(loc if loc.startswith("/") else posixpath.join(base, loc))
        pages.append((_lines(content), [], 0))
    if not pages:
        raise LoadError(path, "OFD without pages")
    if not any(lines for lines, _, _ in pages):
        raise LoadError(path, f"scanned OFD: no text on its {len(pages)} page(s) (images only)")
    kept = [(_drop_furniture(lines, k, pages), grids) for k, (lines, grids, _) in enumerate(pages)]
    body = [ln for lines, _ in kept for ln in lines]
    left, right = (_mode([ln.x0 for ln in body]) if body else 0.0), _right_edge(body)
    text, tables = _render(kept, left, right)
    meta = {"pages": str(len(pages)), "page_starts": _page_starts(text, kept)}
    title = _text(root, "DocBody/DocInfo/Title")
    if title:
        meta["title"] = title
    return Document(path=path, text=text, sha256="", meta=meta, tables=tables)


def _local(tag: object) -> str:
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def _all(el: etree._Element, steps: str) -> list[etree._Element]:
    """Children along ``a/b/c`` by local name (OFD writers differ in namespace prefixes)."""
    found = [el]
    for step in steps.split("/"):
        found = [c for f in found for c in f if _local(c.tag) == step]
    return found


def _text(el: etree._Element, steps: str) -> str:
    found = _all(el, steps)
    return (found[0].text or "").strip() if found else ""


def _floats(s: str | None) -> list[float]:
    return [float(x) for x in re.findall(r"-?\d+(?:\.\d+)?(?:[eE]-?\d+)?", s or "")]


def _deltas(spec: str | None, n: int) -> list[float]:
    """``DeltaX``: advances between characters; ``g k v`` repeats ``v`` k times."""
    out: list[float] = []
    tokens = (spec or "").split()
    i = 0
    while i < len(tokens):
        if tokens[i] == "g" and i + 2 < len(tokens):
            out += [float(tokens[i + 2])] * int(float(tokens[i + 1]))
            i += 3
        else:
            try:
                out.append(float(tokens[i]))
            except ValueError:
                pass
            i += 1
    return out[: max(0, n - 1)]


def _lines(content: etree._Element) -> list[_Line]:
    """The page's text runs as lines: characters placed, grouped by baseline, read left to right."""
    chars: list[dict] = []
    for obj in content.iter():
        if _local(obj.tag) != "TextObject":
            continue
        box = _floats(obj.get("Boundary"))
        bx, by = (box[0], box[1]) if len(box) >= 2 else (0.0, 0.0)
        size = float(obj.get("Size") or 3.5)
        x = y = 0.0
        for code in obj:
            if _local(code.tag) != "TextCode" or not code.text:
                continue
            x = float(code.get("X", x))
            y = float(code.get("Y", y))
            advances = _deltas(code.get("DeltaX"), len(code.text))
            for k, c in enumerate(code.text):
                step = advances[k] if k < len(advances) else (size if ord(c) > 0x2E7F else size / 2)
                chars.append({"text": c, "x0": bx + x, "x1": bx + x + step, "base": by + y, "size": size})
                x += step
    chars.sort(key=lambda c: (c["base"], c["x0"]))
    rows: list[list[dict]] = []
    for c in chars:
        if rows and abs(rows[-1][0]["base"] - c["base"]) <= c["size"] * 0.4:
            rows[-1].append(c)
        else:
            rows.append([c])
    out = []
    for row in rows:
        row.sort(key=lambda c: c["x0"])
        text = ""
        for prev, c in zip([None, *row], row, strict=False):
            if prev is not None and c["x0"] - prev["x1"] > c["size"] * 0.8 and not text.endswith(" "):
                text += " "
            text += c["text"]
        visible = [c for c in row if not c["text"].isspace()]
        if not text.strip() or not visible:
            continue
        size = max(c["size"] for c in row)
        out.append(
            _Line(
                text.strip(),
                visible[0]["x0"],
                visible[-1]["x1"],
                row[0]["base"] - size,
                size,
                _first_unit(visible),
            )
        )
    return out


def _page_starts(text: str, pages: list) -> str:
    """Where each page's first line starts in ``text`` (its first occurrence after the last)."""
    starts, pos = [], 0
    for lines, _ in pages:
        if lines:
            found = text.find(lines[0].text[:20], pos)
            pos = found if found >= 0 else pos
        starts.append(pos)
    return ",".join(map(str, starts))
