"""Makers of hostile or careless inputs (issue 17): small files that ask a loader to build
gigabytes, special files, and names made to forge terminal output. Each maker writes its file
into a folder and returns its path; the tests (and ``bench/hostile.py``) run the CLI on them
under a memory cap."""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

_CONTENT_TYPES_DOCX = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument'
    '.wordprocessingml.document.main+xml"/></Types>'
)
_RELS_DOCX = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="word/document.xml"/></Relationships>'
)


def _docx(path: Path, body: str | bytes, extra: dict[str, bytes] | None = None) -> Path:
    """A minimal Word file whose body is ``body`` (XML inside ``<w:body>``)."""
    doc = body if isinstance(body, bytes) else body.encode()
    doc = (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="' + W_NS.encode()
        + b'"><w:body>' + doc + b"</w:body></w:document>"
    )  # fmt: skip
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", _CONTENT_TYPES_DOCX)
        z.writestr("_rels/.rels", _RELS_DOCX)
        z.writestr("word/document.xml", doc)
        for name, data in (extra or {}).items():
            z.writestr(name, data)
    return path


def docx_gridspan(folder: Path) -> Path:
    """A table cell with ``gridSpan=2000000000`` (the grid used to be expanded into a list)."""
    cell = '<w:tc><w:tcPr><w:gridSpan w:val="2000000000"/></w:tcPr><w:p><w:r><w:t>x</w:t></w:r></w:p></w:tc>'
    return _docx(folder / "gridspan.docx", f"<w:tbl><w:tr>{cell}</w:tr></w:tbl>")


def docx_inflating(folder: Path) -> Path:
    """A Word file whose body unzips to 300 MB (a few hundred KB on disk)."""
    path = folder / "inflating.docx"
    para = b"<w:p><w:r><w:t>" + b"a" * 1000 + b"</w:t></w:r></w:p>"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", _CONTENT_TYPES_DOCX)
        z.writestr("_rels/.rels", _RELS_DOCX)
        with z.open("word/document.xml", "w", force_zip64=True) as f:
            f.write(b'<?xml version="1.0"?><w:document xmlns:w="' + W_NS.encode() + b'"><w:body>')
            chunk = para * 1000
            for _ in range(300 * 2**20 // len(chunk)):
                f.write(chunk)
            f.write(b"</w:body></w:document>")
    return path


def docx_deep(folder: Path) -> Path:
    """XML nested deeper than lxml's limit (its error used to be an "internal error")."""
    depth = 3000
    body = "<w:p>" + "<w:r>" * depth + "</w:r>" * depth + "</w:p>"
    return _docx(folder / "deep.docx", body)


_CT_XLSX = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument'
    '.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.worksheet+xml"/></Types>'
)


def _xlsx_from_openpyxl(path: Path, fill) -> Path:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "任务分解"
    ws["A1"], ws["B1"], ws["C1"] = "序号", "工作任务", "牵头单位"
    ws["A2"], ws["B2"], ws["C2"] = "1", "加强知识产权保护。", "市市场监督管理局"
    buf = io.BytesIO()
    wb.save(buf)
    data = buf.getvalue()
    # rewrite the sheet part so that openpyxl never expands what the test asks for while saving
    src = zipfile.ZipFile(io.BytesIO(data))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            part = src.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                part = fill(part)
            out.writestr(info.filename, part)
    return path


def xlsx_far_cell(folder: Path) -> Path:
    """An .xlsx with one cell at XFD1048576 (a frame of 17 billion cells)."""

    def fill(part: bytes) -> bytes:
        cell = b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'
        part = part.replace(b"</sheetData>", cell + b"</sheetData>")
        return part.replace(b'<dimension ref="A1:C2"/>', b'<dimension ref="A1:XFD1048576"/>')

    return _xlsx_from_openpyxl(folder / "far-cell.xlsx", fill)


def xlsx_merged_sheet(folder: Path) -> Path:
    """An .xlsx whose one merged range covers the whole sheet."""

    def fill(part: bytes) -> bytes:
        merge = b'<mergeCells count="1"><mergeCell ref="A3:XFD1048576"/></mergeCells>'
        return part.replace(b"</sheetData>", b"</sheetData>" + merge)

    return _xlsx_from_openpyxl(folder / "merged-sheet.xlsx", fill)


def xls_far_cell(folder: Path, source: Path) -> Path:
    """An .xls (``source`` with its last text cell moved) with a cell at the format's last row and
    column (65536 × 256): 16.7 million cells when every row is padded to the widest."""
    data = bytearray(source.read_bytes())
    at = data.rfind(b"\xfd\x00\x0a\x00")  # the last LABELSST record: row, column, xf, string
    assert at > 0
    data[at + 4 : at + 8] = (65535).to_bytes(2, "little") + (255).to_bytes(2, "little")
    path = folder / "far-cell.xls"
    path.write_bytes(bytes(data))
    return path


def csv_rows(folder: Path, n: int = 20_000) -> Path:
    """A task table of ``n`` rows (used to take minutes: a set copied per row)."""
    rows = ["序号,工作任务,牵头单位,完成时限"]
    rows += [f"{i},加强知识产权保护工作第{i}项。,市市场监督管理局,2025年底" for i in range(1, n + 1)]
    path = folder / "rows.csv"
    path.write_text("\n".join(rows), "utf-8")
    return path


def fifo(folder: Path) -> Path:
    path = folder / "pipe.txt"
    os.mkfifo(path)
    return path


def big5_plan(folder: Path, text: str) -> Path:
    path = folder / "big5.txt"
    path.write_bytes(text.encode("big5", errors="ignore"))
    return path


def script_page(folder: Path, mb: int = 12) -> Path:
    """A web page that is nothing but script (over 10 MB of it)."""
    js = "var a='" + "x" * 1000 + "';\n"
    page = (
        "<html><head><script>" + js * (mb * 1024) + "</script></head><body><div id=app></div></body></html>"
    )
    path = folder / "scripts.html"
    path.write_text(page, "utf-8")
    return path


def deep_page(folder: Path, depth: int = 5000) -> Path:
    """A web page nested deeper than the HTML parser goes."""
    page = "<html><body>" + "<div>" * depth + "一、总体要求。加强知识产权保护。" + "</div>" * depth
    path = folder / "deep.html"
    path.write_text(page + "</body></html>", "utf-8")
    return path
