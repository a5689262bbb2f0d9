"""Builders of the issue-14 fixtures from the sample plans: legacy Word (.doc) and WPS (.wps)
files made by LibreOffice from the Word fixture, OFD packages written by hand (a zip of XML,
GB/T 33190), page images rendered with Pillow and a CJK font, and image-only (scanned) PDFs.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from functools import cache
from pathlib import Path

from fixtures_inputs import docx_file


def doc_file(stem: str, path: Path) -> Path:
    """The plan as a Word 97-2003 file (or a .wps: WPS writes the same binary format)."""
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        docx_file(stem, work / "in.docx")
        subprocess.run(
            ["soffice", f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless", "--norestore",
             "--convert-to", "doc:MS Word 97", "--outdir", str(work / "out"), str(work / "in.docx")],
            check=True, capture_output=True, timeout=120,
        )  # fmt: skip
        shutil.copy(work / "out" / "in.doc", path)
    return path


# --------------------------------------------------------------------------- OFD

OFD_NS = "http://www.ofdspec.org/2016"
A4 = (210.0, 297.0)  # mm
LEFT, RIGHT, TOP, BOTTOM = 28.0, 26.0, 37.0, 35.0


def layout(stem: str, size: float, printed: bool = False) -> list[list[tuple[float, float, str]]]:
    """The plan's plain text set on A4 pages: ``(x, baseline, line)`` per line per page, in mm.
    ``printed``: with each character's width as the page font prints it (:func:`char_width`, for
    page images), else in the OFD fixture's cells (:func:`cell_width`).

    Each line of the text is a paragraph: indented two characters when the text indents it,
    wrapped at the right margin (a CJK character is ``size`` wide, others half that). Each page
    carries a running header and a centred page number, as official documents do.
    """
    from conftest import PLANS

    width = A4[0] - LEFT - RIGHT
    lead = size * 1.6
    per_page = int((A4[1] - TOP - BOTTOM) // lead)
    lines: list[tuple[float, str]] = []
    for raw in (PLANS / f"{stem}.txt").read_text("utf-8").split("\n"):
        text = raw.strip()
        if not text:
            continue
        x = 2 * size if raw[:1].isspace() or len(text) > 40 else 0.0
        line, used = "", x
        for c in text:
            w = (char_width if printed else cell_width)(c, size)
            if used + w > width + 0.01:
                lines.append((x, line))
                line, used, x = "", 0.0, 0.0
            line += c
            used += w
        lines.append((x, line))
    pages = []
    for k in range(0, len(lines), per_page):
        page = [(LEFT + x, TOP + (i + 1) * lead, t) for i, (x, t) in enumerate(lines[k : k + per_page])]
        pages.append(page)
    return pages


def cell_width(c: str, size: float) -> float:
    """The OFD fixture's advance: a full cell for CJK, half of one for every other character (its
    text is read from the XML, so where a glyph would land matters less than for a page image)."""
    return size if ord(c) > 0x2E7F else size / 2


def char_width(c: str, size: float) -> float:
    """How far a character advances the line: CJK characters and the marks Chinese text sets in a
    full cell (“ ” — …, GB/T 15834-2011; the page font gives them a full em) one ``size``, other
    characters half of it, or their own width in the page font where wider (W, m, %). Set in
    half a cell, “ and % were printed over the next character, as on no printed page."""
    em = _advances().get(c)
    if em is not None:
        return size * max(em, 0.5)
    return size if ord(c) > 0x2E7F or c in "‘’“”—…" else size / 2


@cache
def _advances() -> dict[str, float]:
    """Advance widths (in ems) of the non-CJK characters of the sample plans in :data:`CJK_FONT`;
    empty without the font (the rule of :func:`char_width` stands in)."""
    if not CJK_FONT.exists():
        return {}
    from conftest import PLANS
    from PIL import ImageFont

    font = ImageFont.truetype(str(CJK_FONT), 1000)
    chars = {c for p in PLANS.glob("*.txt") for c in p.read_text("utf-8") if c.isprintable()}
    return {c: font.getlength(c) / 1000 for c in chars if ord(c) <= 0x2E7F}


def ofd_file(stem: str, path: Path, size: float = 4.2, per_char: bool = False) -> Path:
    """The plan as an OFD package, written by hand: OFD.xml → Document.xml → one Content.xml per
    page, a TextObject per line (or, ``per_char``, per character, as some converters write)."""
    import html
    import zipfile

    from fixtures_inputs import gold

    pages = layout(stem, size)
    ns = f'xmlns:ofd="{OFD_NS}"'
    ids = iter(range(10, 10**7))

    def text_object(x: float, base: float, text: str, sz: float) -> str:
        deltas = " ".join(f"{cell_width(c, sz):.2f}" for c in text[:-1])
        return (
            f'<ofd:TextObject ID="{next(ids)}" Boundary="{x:.2f} {base - sz:.2f} {A4[0] - x:.2f} {sz * 1.4:.2f}" '
            f'Font="3" Size="{sz}"><ofd:TextCode X="0" Y="{sz:.2f}" DeltaX="{deltas}">'
            f"{html.escape(text)}</ofd:TextCode></ofd:TextObject>"
        )

    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        title = html.escape(gold(stem)["plan"]["title"])
        z.writestr(
            "OFD.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><ofd:OFD {ns} Version="1.0" DocType="OFD"><ofd:DocBody>'
            f"<ofd:DocInfo><ofd:DocID>{stem}</ofd:DocID><ofd:Title>{title}</ofd:Title></ofd:DocInfo>"
            "<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>",
        )
        entries = "".join(
            f'<ofd:Page ID="{k + 1}" BaseLoc="Pages/Page_{k}/Content.xml"/>' for k in range(len(pages))
        )
        z.writestr(
            "Doc_0/Document.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><ofd:Document {ns}><ofd:CommonData><ofd:PageArea>'
            f"<ofd:PhysicalBox>0 0 {A4[0]} {A4[1]}</ofd:PhysicalBox></ofd:PageArea>"
            "<ofd:PublicRes>PublicRes.xml</ofd:PublicRes><ofd:MaxUnitID>9999999</ofd:MaxUnitID></ofd:CommonData>"
            f"<ofd:Pages>{entries}</ofd:Pages></ofd:Document>",
        )
        z.writestr(
            "Doc_0/PublicRes.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><ofd:Res {ns} BaseLoc="Res"><ofd:Fonts>'
            '<ofd:Font ID="3" FontName="仿宋" FamilyName="仿宋"/></ofd:Fonts></ofd:Res>',
        )
        region = html.escape(gold(stem)["plan"]["region"])
        for k, page in enumerate(pages):
            objs = [text_object(A4[0] - RIGHT - 9 * 3.2, 20.0, f"{region}人民政府规范性文件", 3.2)]
            for x, base, text in page:
                if per_char:
                    for c in text:
                        objs.append(text_object(x, base, c, size))
                        x += cell_width(c, size)
                else:
                    objs.append(text_object(x, base, text, size))
            number = f"— {k + 1} —"
            objs.append(text_object(A4[0] / 2 - 2 * 3.5, A4[1] - 15.0, number, 3.5))
            z.writestr(
                f"Doc_0/Pages/Page_{k}/Content.xml",
                f'<?xml version="1.0" encoding="UTF-8"?><ofd:Page {ns}><ofd:Content>'
                f'<ofd:Layer ID="{next(ids)}">{"".join(objs)}</ofd:Layer></ofd:Content></ofd:Page>',
            )
    return path


# --------------------------------------------------------------------------- page images (scans)

CJK_FONT = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")  # Debian's fonts-wqy-microhei
DPI = 200  # a typical office scan of a 红头文件 (200–300 dpi)


def long_image(stem: str, size: float = 4.2, dpi: int = DPI):
    """The whole plan as one tall image (the 长图 of a WeChat post): the pages' bodies one under
    the other, without page furniture."""
    from PIL import Image

    px = dpi / 25.4
    bodies = [
        img.crop((0, round((TOP - size) * px), img.width, round((A4[1] - BOTTOM + size) * px)))
        for img in page_images(stem, size, dpi, furniture=False)
    ]
    out = Image.new("L", (bodies[0].width, sum(b.height for b in bodies)), 255)
    y = 0
    for b in bodies:
        out.paste(b, (0, y))
        y += b.height
    return out


def page_images(
    stem: str, size: float = 4.2, dpi: int = DPI, pages: slice | None = None, furniture: bool = True
) -> list:
    """The plan's pages as greyscale images (Pillow, a CJK font), set as :func:`layout` sets
    them: what a scanner gives of a printed plan (without the noise)."""
    from PIL import Image, ImageDraw, ImageFont

    px = dpi / 25.4  # pixels per mm
    font = ImageFont.truetype(str(CJK_FONT), round(size * px))
    small = ImageFont.truetype(str(CJK_FONT), round(3.2 * px))
    out = []
    laid = layout(stem, size, printed=True)
    for k, page in list(enumerate(laid))[pages or slice(None)]:
        img = Image.new("L", (round(A4[0] * px), round(A4[1] * px)), 255)
        draw = ImageDraw.Draw(img)
        if furniture:
            draw.text(
                ((A4[0] - RIGHT - 9 * 3.2) * px, 20.0 * px),
                "人民政府规范性文件",
                font=small,
                fill=0,
                anchor="ls",
            )
        for x, base, text in page:
            cx = x
            for c in text:  # each character at its place in the layout, as the OFD sets it
                draw.text((cx * px, base * px), c, font=font, fill=0, anchor="ls")
                cx += char_width(c, size)
        if furniture:
            draw.text((A4[0] / 2 * px, (A4[1] - 15.0) * px), f"— {k + 1} —", font=small, fill=0, anchor="ms")
        out.append(img)
    return out
