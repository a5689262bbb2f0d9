"""Offline OCR of page images (scans, photos of 红头文件, image-only PDFs): lines with their boxes.

Two engines can read Chinese pages without any network: Debian's Tesseract with its
``chi_sim`` model (``apt-get install tesseract-ocr tesseract-ocr-chi-sim``), run as a
program, and RapidOCR (PaddleOCR's PP-OCRv4 models on ONNX Runtime; the models ship inside
the ``rapidocr-onnxruntime`` wheel: ``pip install 'ipgraph[ocr]'``). ``bench/ocr_bench.py``
measured both on pages rendered from the sample plans (``bench/OCR.md``); the default is the
one chosen there, and ``IPGRAPH_OCR=tesseract|rapidocr`` picks the other.

Either way the result is a page's text lines with their boxes, which the PDF loader's rules
rebuild into paragraphs (wrapped lines joined, page numbers and running headers dropped).
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import tempfile
from functools import cache
from itertools import pairwise
from pathlib import Path

from . import LoadError
from ._layout import _drop_furniture, _Line, _mode, _render, _right_edge

__all__ = ["DEFAULT_ENGINE", "ENGINES", "OcrUnavailable", "engine_name", "page_lines", "pages_text"]

ENGINES = ("tesseract", "rapidocr")
DEFAULT_ENGINE = "tesseract"  # chosen on measured accuracy and speed: bench/OCR.md
PAGE_TIMEOUT = 120.0  # seconds an A4 page at SCAN_DPI may take; a taller image (a 长图) more
SCAN_DPI = 200  # image-only PDF pages are rendered at this resolution for OCR
MAX_PIXELS = 60_000_000  # a page bigger than this (a decompression bomb) is refused

INSTALL = {
    "tesseract": "Tesseract is needed to read it (apt-get install tesseract-ocr tesseract-ocr-chi-sim)",
    "rapidocr": "OCR is needed to read it: pip install 'ipgraph[ocr]' (rapidocr-onnxruntime)",
}


class OcrUnavailable(Exception):
    """The OCR engine is not installed; the message says what to install."""


def engine_name() -> str:
    name = os.environ.get("IPGRAPH_OCR", DEFAULT_ENGINE).strip().lower()
    return name if name in ENGINES else DEFAULT_ENGINE


def page_lines(image, engine: str | None = None) -> list[_Line]:
    """The text lines of one page image (a PIL image), top to bottom, in pixels."""
    engine = engine or engine_name()
    if engine == "rapidocr":
        return _rapidocr(image)
    return _tesseract(image)


def pages_text(path: Path, images, engine: str | None = None) -> tuple[str, int]:
    """The document text of page images (an iterable of PIL images), and the number of pages.

    Raises :class:`LoadError` naming what to install when the engine is missing.
    """
    engine = engine or engine_name()
    pages = []
    try:
        for image in images:
            pages.append((page_lines(image, engine), [], 1))
    except OcrUnavailable as e:
        raise LoadError(path, f"{e}") from None
    kept = [(_drop_furniture(lines, k, pages), grids) for k, (lines, grids, _) in enumerate(pages)]
    body = [ln for lines, _ in kept for ln in lines]
    if not body:
        return "", len(pages)
    _mark_own_lines(body, _right_edge(body))
    text, _ = _render(kept, _mode([ln.x0 for ln in body]), _right_edge(body))
    return _repair(text), len(pages)


_SENTENCE_END = ("。", "！", "？", "!", "?")
_LINE_END_MARKS = set("。，、；：！？”’》〉）〕】」』,.;:!?)]%")


def _mark_own_lines(lines: list[_Line], right: float) -> None:
    """A short line without closing punctuation, after a full line whose sentence ends at the
    margin, is a line of its own (a heading, the issuer's name under the text, a web page's
    热点新闻), not the end of the paragraph above: in Chinese official prose a paragraph's last
    line ends with its punctuation. Only a page image needs this; a text layer keeps its lines."""
    for prev, ln in pairwise(lines):
        short = ln.x1 < right - 2 * ln.size
        if short and prev.text.endswith(_SENTENCE_END) and ln.text[-1:] not in _LINE_END_MARKS:
            ln.own = True


def _repair(text: str) -> str:
    """What OCR confuses in Chinese official text, set right where the context leaves no doubt:
    a dash between digits read as 一; a bracket pair whose two sides differ (【…], [..〕: the
    shapes of 〔〕【】[] are close at text size) is the official 〔…〕; an ASCII quote after a
    Chinese character is the closing ”."""
    text = _DIGIT_DASH.sub("—", text)
    text = _NOTE_BRACKET.sub("〔", text)
    text = _NOTE_COLON.sub(":", text)
    text = "\n".join(_closed_bracket(line) for line in text.split("\n"))
    text = _MIXED_BRACKETS.sub(
        lambda m: m.group(0) if _PAIRS.get(m.group(1)) == m.group(3) else f"〔{m.group(2)}〕", text
    )
    text = _DOC_NO.sub(r"\1〔\2〕\3号", text)
    text = _YI_SHANG.sub("以上", text)
    text = _MONTH_DASH.sub(lambda m: "—" + ("20" if m.group(1) else ""), text)
    text = _item_points(text)
    text = _section_numerals(text)
    return re.sub(r'(?<=[\u4e00-\u9fff])"', "”", text)


# the 〔 that opens a task's 〔责任单位:…〕 note after its sentence, read as 人 (thin at text size)
_NOTE_BRACKET = re.compile(r"(?<=[。；;])\s*人(?=(?:责任|牵头|配合)(?:单位|部门)\s*[:：])")
# and the colon after its label read as a semicolon: 〔责任单位;市市场监管局…
_NOTE_COLON = re.compile(r"(?<=[〔【\[(（](?:责任|牵头|配合)(?:单位|部门))\s*[;；]")
_YI_SHANG = re.compile(r"(?<=[\d%％])\s*兴上")  # 以 read as 兴 in "80%以上": 兴上 is no word
# a dash after a month read as 一 or -, and the next year's leading 2 lost with it (9月一025年):
# a span of months (2024年9月—2025年12月); no year is written 0YY
_MONTH_DASH = re.compile(r"(?<=\d月)\s*[一\-–－~]\s*(?:(0)(?=\d\d年)|(?=\d))")
# an item number: with its point, or without (then Chinese follows, the point's gap read as a space
# or not at all), and not a count (5年内, 3家)
_ITEM = re.compile(
    r"^(\d{1,2})(?:([.．、])|\s?(?=[\u4e00-\u9fff])(?![年月日个项家件名人万亿倍次周天]))", re.M
)
_NOISE_LINE = re.compile(r"^[一二=—\-_~|i.。·]{1,6}$")  # specks and rules read as 一, 二, =


_NOTE_LABEL = re.compile(r"(?:责任|牵头|配合)(?:单位|部门)\s*[:：]")
_UNCLOSED = re.compile(r"[【〔\[]([^【〔\[\]】〕\n]*)$")


def _closed_bracket(line: str) -> str:
    """A paragraph's last 〔…〕 (the 〔责任单位:…〕 after a task) whose closing bracket OCR read as
    ) or lost: 【责任单位:…管委会) or 〔责任单位:…管委会 at the paragraph's end. A ) closes it
    only when the text inside has no ( of its own; a lost one is supplied only for a bracket
    opened after a sentence's end (。；) and running to the paragraph's end."""
    line = re.sub(r"【〔|〔【|\[〔|〔\[", "〔", line)
    m = _UNCLOSED.search(line)
    if not m or not m.group(1):
        return line
    before, inside = line[: m.start()], m.group(1)
    shut = inside.count(")") + inside.count("）") > inside.count("(") + inside.count("（")
    if inside[-1] in ")）" and shut:
        return f"{before}〔{inside[:-1]}〕"
    note = m.group(0)[0] in "【〔" or _NOTE_LABEL.match(inside)  # [ opens a note only before its label
    if note and before[-1:] in ("。", "；", ";") and inside[-1] not in "。；;，,、":
        return f"{before}〔{inside}〕"
    return line


def _item_points(text: str) -> str:
    """An item number whose point OCR dropped ("4知识产权…" for "4.知识产权…") gets it back, but
    only where the item before it (3.) in the same list is numbered with a point and the digit is
    not a count ("5年内…", "3家…" stay as they are)."""
    seen: set[int] = set()

    def fix(m: re.Match) -> str:
        n = int(m.group(1))
        if m.group(2):
            if n == 1:  # a new list: its numbers start again
                seen.clear()
            seen.add(n)
            return m.group(0)
        if n - 1 in seen and n not in seen:
            seen.add(n)
            return f"{n}."
        return m.group(0)

    return _ITEM.sub(fix, text)


_NUMERALS = "一二三四五六七八九十"
# Characters Tesseract's chi_sim read in place of a numeral in a "(五)" marker (the sample plans'
# tall PNGs, bench/OCR-score.md, 2026-12-06): 五 as 互, 八 as /, 九 as 力; others go here as they
# are seen. Only the numeral the count expects is put back, so "(注)" or "(附)" stays.
_NUMERAL_LOOKALIKES = {"五": "互", "八": "/", "九": "力"}
_SECTION = re.compile(r"^([(（])([^()（）\n]{1,3})([)）])", re.M)


def _numeral(n: int) -> str:
    """1..99 in Chinese numerals, as section markers write them (十一, 二十)."""
    tens, ones = divmod(n, 10)
    return (("" if tens == 1 else _NUMERALS[tens - 1]) + "十" if tens else "") + (
        _NUMERALS[ones - 1] if ones else ""
    )


def _section_numerals(text: str) -> str:
    """A section marker "(互)" whose numeral OCR misread, after "(四)" of the same list, is "(五)":
    the numeral the count expects, where each character read is that numeral's or one OCR takes
    for it ("(十力)" after "(十八)" is "(十九)")."""
    last = 0
    known = {_numeral(n): n for n in range(1, 100)}

    def fix(m: re.Match) -> str:
        nonlocal last
        got = m.group(2)
        if got in known:
            last = known[got]
            return m.group(0)
        want = _numeral(last + 1) if last else ""
        if (
            want
            and len(got) == len(want)
            and all(g == w or g in _NUMERAL_LOOKALIKES.get(w, "") for g, w in zip(got, want, strict=True))
        ):
            last += 1
            return f"{m.group(1)}{want}{m.group(3)}"
        return m.group(0)

    return _SECTION.sub(fix, text)


def _cjk(c: str) -> bool:
    return ord(c) > 0x2E7F


def _join(words: list[tuple[str, int, int]], size: int) -> str:
    """A line's words ``(text, left, right)``: Tesseract splits Chinese, numbers (21. 47) and dates
    into words; a space only where the page has one (a gap between Latin or digit words), never
    after a decimal point (the gap after a point's narrow ink is wide: a table's 25.16)."""
    out, end = "", None
    for text, left, right in words:
        apart = end is not None and left - end > 0.5 * size
        decimal = re.search(r"\d[.．]$", out) and text[0].isdigit()  # 25. 16: a point's narrow ink
        if out and apart and not decimal and not _cjk(out[-1]) and not _cjk(text[0]):
            out += " "
        out += text
        end = right
    return out


_AFTER_NO_SPACE = set("。，、；：！？）》」』〕】”’")  # a full-width mark's cell is half empty: no space
_OPENING_MARKS = set("(（〔【[《“‘「『")
_BEFORE_NO_SPACE = _AFTER_NO_SPACE | set(",.;:!?)]%")
_ASCII_MARKS = set(",.;:!?)]")


def _spaces_seen(text: str, seen: str) -> str:
    """A line with the spaces of Tesseract's text rendering ``seen`` (the same characters), where
    the page has a gap next to Chinese: between the words of "实施。 济南市人民政府 2024年8月3日
    (联系" as typed, which the tsv's words lose. A gap that is only a punctuation mark's empty
    half cell ("政府, 市政府", "( 知识产权局") is no space, nor one after an ASCII mark before
    Chinese or a digit (25. 16); between Latin letters and digits the tsv's spaces stand (WI PO is
    one word). ``text`` as it is when the characters differ."""
    if not seen or re.sub(r"\s+", "", seen) != re.sub(r"\s+", "", text):
        return text
    latin_gaps, n = set(), 0  # where text has a space: after its n-th character
    for c in text:
        if c.isspace():
            latin_gaps.add(n)
        else:
            n += 1
    out: list[str] = []
    chars, n = re.sub(r"\s+", " ", seen.strip()), 0
    for i, c in enumerate(chars):
        if c != " ":
            out.append(c)
            n += 1
            continue
        left, right = chars[i - 1], chars[i + 1]
        if left in _AFTER_NO_SPACE or left in _OPENING_MARKS or right in _BEFORE_NO_SPACE:
            continue
        if left in _ASCII_MARKS and (_cjk(right) or right.isdigit()):
            continue
        if not _cjk(left) and not _cjk(right) and n not in latin_gaps:
            continue
        out.append(c)
    return "".join(out)


def _tesseract(image) -> list[_Line]:
    exe = shutil.which("tesseract")
    if exe is None:
        raise OcrUnavailable(INSTALL["tesseract"])
    with tempfile.TemporaryDirectory(prefix="ipgraph-ocr-") as tmp:
        src = Path(tmp) / "page.png"
        image.save(src)
        env = {**os.environ, "OMP_THREAD_LIMIT": "1"}  # one page per core: the pool runs the others
        a4 = (210 / 25.4 * SCAN_DPI) * (297 / 25.4 * SCAN_DPI)
        limit = PAGE_TIMEOUT * max(1.0, image.width * image.height / a4)  # a tall PNG of 8 pages: 8×
        try:
            # one recognition, two renderings: tsv has the boxes, txt the spaces Tesseract saw
            run = subprocess.run(
                [exe, str(src), str(Path(tmp) / "page"), "-l", "chi_sim", "--psm", "6", "txt", "tsv"],
                capture_output=True, timeout=limit, env=env, check=False,
            )  # fmt: skip
        except subprocess.TimeoutExpired:
            raise OcrUnavailable(f"OCR of a page ran past {limit:.0f} s") from None
        if run.returncode != 0:
            err = run.stderr.decode("utf-8", "replace")
            if "chi_sim" in err:
                raise OcrUnavailable(INSTALL["tesseract"])
            raise OcrUnavailable(
                f"Tesseract failed ({err.strip().splitlines()[-1][:120] if err.strip() else '?'})"
            )
        tsv = (Path(tmp) / "page.tsv").read_text("utf-8", "replace")
        txt = (Path(tmp) / "page.txt").read_text("utf-8", "replace")
    lines: dict[tuple[str, str, str], list[list[str]]] = {}
    for row in tsv.splitlines()[1:]:
        f = row.split("\t")
        if len(f) < 12 or f[0] != "5" or not f[11].strip():
            continue
        lines.setdefault((f[2], f[3], f[4]), []).append(f)
    out = []
    spaced = [ln for ln in txt.splitlines() if ln.strip()]
    if len(spaced) != len(lines):  # the two renderings do not line up: Tesseract's spaces unused
        spaced = [""] * len(lines)
    for words, seen in zip(lines.values(), spaced, strict=True):
        x0 = min(int(w[6]) for w in words)
        x1 = max(int(w[6]) + int(w[8]) for w in words)
        top = min(int(w[7]) for w in words)
        size = sorted(int(w[9]) for w in words)[len(words) // 2]
        first = words[0]
        text = _join([(w[11].strip(), int(w[6]), int(w[6]) + int(w[8])) for w in words], size)
        text = _spaces_seen(text, seen)
        out.append(_Line(text, x0, x1, top, size, min(int(first[8]), size)))
    out.sort(key=lambda ln: (ln.top, ln.x0))
    return _sized(out)


@cache
def _rapid_engine():
    try:
        from rapidocr_onnxruntime import RapidOCR
    except ImportError:
        raise OcrUnavailable(INSTALL["rapidocr"]) from None
    return RapidOCR()


def _rapidocr(image) -> list[_Line]:
    import numpy as np

    result, _ = _rapid_engine()(np.asarray(image.convert("RGB")))
    out = []
    for box, text, _score in result or []:
        xs, ys = [p[0] for p in box], [p[1] for p in box]
        text = text.strip()
        if text:
            height = max(ys) - min(ys)
            out.append(_Line(text, min(xs), max(xs), min(ys), height, height))
    out.sort(key=lambda ln: (ln.top, ln.x0))
    return _sized(out)


_DASH_NUMBER = re.compile(r"^\s*[一—–\-_~]+\s*\d{1,4}\s*[一—–\-_~]+\s*$")  # — 3 — read as 一3一
_DIGIT_DASH = re.compile(r"(?<=\d)\s*一\s*(?=\d)")
_MIXED_BRACKETS = re.compile(r"([【\[〔])([^【\[〔\]】〕\n]{0,400}?)([\]】〕])")
_PAIRS = {"【": "】", "[": "]", "〔": "〕"}
# a document number whose 〔〕 OCR read as 【】, [] or () (the shapes are close): 〔〕 again
_DOC_NO = re.compile(r"([\u4e00-\u9fff]{1,10})\s*[【\[〔(（]\s*(\d{4})\s*[】\]〕)）]\s*第?(\d{1,5})\s*号")


def _sized(lines: list[_Line]) -> list[_Line]:
    """Lines as the paragraph rules expect them. One size for all: an OCR box is as high as the
    ink of its characters (brackets, digits), not the font size, so a box's height says nothing
    of a title; the page's usual height is used. A dash that OCR reads as 一 between digits
    (2023一2025, — 3 —) is a dash again."""
    if not lines:
        return lines
    lines = [ln for ln in lines if not _NOISE_LINE.match(ln.text)]
    if not lines:
        return lines
    usual = sorted(ln.size for ln in lines)[len(lines) // 2]
    for ln in lines:
        ln.size = usual
        ln.lead = min(ln.lead, usual)
        if _DASH_NUMBER.match(ln.text):
            ln.text = "— " + re.sub(r"\D", "", ln.text) + " —"
        ln.text = _DIGIT_DASH.sub("—", ln.text)
    return lines


def _enlarged(img):
    """A page narrower than an A4 page at :data:`SCAN_DPI` enlarged to it (at most 3×): Tesseract
    misreads the small brackets and quotes of 12pt text scanned at 150 dpi far more often
    (bench/OCR-score.md), as image-only PDFs are rendered at SCAN_DPI for the same reason."""
    from PIL import Image

    width = round(210 / 25.4 * SCAN_DPI)
    if img.width >= width:
        return img
    scale = min(3.0, width / img.width)
    return img.resize((round(img.width * scale), round(img.height * scale)), Image.Resampling.LANCZOS)


def open_images(path: Path, data: bytes):
    """The pages of an image file (a multi-page TIFF gives several), as greyscale PIL images."""
    from PIL import Image, ImageSequence, UnidentifiedImageError

    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    try:
        img = Image.open(io.BytesIO(data))
        frames = [_enlarged(f.convert("L")) for f in ImageSequence.Iterator(img)]
    except Image.DecompressionBombError:
        raise LoadError(path, f"image too large (over {MAX_PIXELS:,} pixels)") from None
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as e:
        raise LoadError(path, f"damaged image ({str(e)[:100]})") from None
    return frames
