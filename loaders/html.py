"""Web pages (.html, .htm): the plan's text without the site around it, and the page's metadata.

Government sites wrap a plan in navigation, breadcrumbs, a metadata table (索引号, 发布机构,
文号, 成文日期, 发布日期), share/print bars, "related news" lists and footers (网站标识码,
ICP备, hotlines). The plan is the part of the page where the running text is: we score each
block by the sentence punctuation of its own, non-link text, hand the score up to the
containers that hold it (the idea of Readability), take the best container, and drop the
link-dense blocks inside it. Nothing here knows a particular site's template.
"""

from __future__ import annotations

import re
from pathlib import Path

import lxml.html
from lxml import etree

from ipgraph.text import DecodeError, decode

from . import Document, LoadError, sniff, wrong_kind
from ._render import CellText, TextBuilder, clean_line

__all__ = ["extract", "load", "page_meta"]

# (not <form>: ASP.NET sites wrap the whole page in one)
_DROP = {"script", "style", "noscript", "template", "iframe", "svg", "select", "button", "input"}
_DROP |= {"textarea", "object", "embed", "canvas", "video", "audio", "map", "head", "link", "meta"}
_BLOCK = {
    "p", "div", "section", "article", "main", "header", "footer", "nav", "aside", "h1", "h2", "h3",
    "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "table", "tbody", "thead", "tfoot", "tr",
    "td", "th", "blockquote", "pre", "center", "figure", "figcaption", "caption", "address", "hr",
    "body", "html",
}  # fmt: skip
_PUNCT = re.compile(r"[，。；：！？、,;]")
_SENTENCE_END = re.compile(r"[。；;！？]")
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([-\w]+)""", re.I)
META_LABELS = (
    "索引号",
    "发布机构",
    "发文机关",
    "文号",
    "发文字号",
    "成文日期",
    "发布日期",
    "发文日期",
    "主题分类",
)
_META_LINE = re.compile(r"(" + "|".join(META_LABELS) + r")\s*[:：]\s*")
_HEAD_META = {"articletitle": "title", "pubdate": "发布日期", "contentsource": "发布机构"}


def load(path: Path, data: bytes, charset: str | None = None) -> Document:
    what = sniff(data)
    if what:
        raise wrong_kind(path, data, "a web page")
    try:
        html = _decode(data, charset)
    except DecodeError as e:
        raise LoadError(path, str(e)) from None
    html = re.sub(r"^\s*<\?xml[^>]*>", "", html)  # lxml refuses a str with an encoding declaration
    try:
        root = lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError) as e:
        raise LoadError(path, f"not a readable web page ({e})") from None
    meta = page_meta(root)
    text, tables = extract(root, meta.get("title", ""))
    if not text.strip():
        raise LoadError(path, _why_no_text(root, html))
    return Document(path=path, text=text, sha256="", meta=meta, tables=tables)


_PARSER_DEPTH = 255  # libxml2's HTML parser keeps no element deeper than this


_SCRIPT = re.compile(r"<script\b.*?(?:</script\s*>|\Z)", re.S | re.I)


def _why_no_text(root, html: str) -> str:
    """Why a page gave no text: too deep for the parser, written by scripts, or only navigation."""
    deepest = 0
    stack = [(root, 0)]
    while stack:
        e, d = stack.pop()
        deepest = max(deepest, d)
        stack += [(c, d + 1) for c in e if isinstance(c.tag, str)]
    if deepest >= _PARSER_DEPTH - 1:
        return (
            f"web page nested deeper than the HTML parser reads ({_PARSER_DEPTH} levels of elements): "
            "its text lies below that depth"
        )
    script = sum(len(m.group()) for m in _SCRIPT.finditer(html))
    if script > 10_000:
        return (
            f"web page without text: it holds {script / 2**20:,.1f} MB of script and no text of its own "
            "(the page is written by scripts in the browser; save the text as the browser shows it)"
        )
    return "web page without text (nothing but navigation, or rendered by scripts)"


def _decode(data: bytes, charset: str | None = None) -> str:
    """The server's charset (HTTP header), the page's own declaration, then UTF-8 / GB18030."""
    m = _CHARSET.search(data[:4096])
    # a server's default ISO-8859-1 decodes anything (into nonsense): it decides nothing
    weak = {"iso-8859-1", "latin-1", "latin1", "us-ascii", "ascii"}
    declared = [charset.encode("ascii", "ignore")] if charset and charset.lower() not in weak else []
    for raw in [*declared, *([m.group(1)] if m else [])]:
        enc = raw.decode("ascii", "ignore").lower()
        enc = "gb18030" if enc in ("gb2312", "gbk", "gb18030") else enc
        try:
            return data.decode(enc).replace("\r\n", "\n")
        except (LookupError, UnicodeDecodeError):
            pass
    return decode(data)


# --------------------------------------------------------------------------- the page's metadata


def page_meta(root) -> dict[str, str]:
    """What the page says of the document: 索引号, 发布机构, 文号, 成文日期, 发布日期, title."""
    meta: dict[str, str] = {}
    for m in root.iter("meta"):
        name = (m.get("name") or "").lower()
        if name in _HEAD_META and (m.get("content") or "").strip():
            meta.setdefault(_HEAD_META[name], clean_line(m.get("content")))
    h1 = next((clean_line(h.text_content()) for h in root.iter("h1") if h.text_content().strip()), "")
    if h1:
        meta.setdefault("title", h1)
    elif root.find(".//title") is not None and (root.find(".//title").text or "").strip():
        meta.setdefault("title", clean_line(root.find(".//title").text).split("_")[0].split("-")[0])
    cells = [
        clean_line(e.text_content()) for e in root.iter("td", "th", "li", "span", "p", "div") if _leafish(e)
    ]
    for i, cell in enumerate(cells):
        found = list(_META_LINE.finditer(cell))
        for k, m in enumerate(found):
            stop = found[k + 1].start() if k + 1 < len(found) else len(cell)
            value = cell[m.end() : stop].strip()
            if (
                not value
                and k + 1 == len(found)
                and i + 1 < len(cells)
                and not _META_LINE.match(cells[i + 1])
            ):
                value = cells[i + 1]
            value = re.split(r"\s{2,}|(?:信息来源|来源|浏览次数|字号)[:：]", value)[0].strip()
            if value and len(value) <= 80:
                meta.setdefault(_label(m.group(1)), value)
    return meta


def _label(label: str) -> str:
    return {"发文机关": "发布机构", "发文字号": "文号", "发文日期": "成文日期"}.get(label, label)


def _leafish(e) -> bool:
    """An element without block children (a cell, a list item, a span)."""
    return not any(isinstance(c.tag, str) and c.tag in _BLOCK for c in e)


# --------------------------------------------------------------------------- the main text


def extract(root, title: str = "") -> tuple[str, list]:
    """The page's main text, one paragraph per line, and the tables in it."""
    for e in list(root.iter(etree.Comment, etree.ProcessingInstruction)):
        _remove(e)
    for e in [e for e in root.iter() if isinstance(e.tag, str) and e.tag.lower() in _DROP]:
        _remove(e)
    body = root.find("body") if root.find("body") is not None else root
    best = _best_container(body)
    out = TextBuilder()
    tables: list = []
    head = clean_line(title)
    if head and head not in clean_line(best.text_content()):
        out.line(head)  # the page's title, written above the article on most sites
    _render(best, out, tables, top=True)
    return out.text, tables


def _remove(e) -> None:
    parent = e.getparent()
    if parent is None:
        return
    tail = e.tail
    if tail:  # keep the text that follows the removed element
        prev = e.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(e)


def _own_text(e) -> tuple[int, int, int]:
    """(characters, characters inside links, sentence punctuation outside links) of the text that
    ``e`` holds itself, not inside a block child."""
    chars = links = punct = 0

    def count(text: str | None, in_link: bool) -> None:
        nonlocal chars, links, punct
        if text:
            n = len(text.strip())
            chars += n
            if in_link:
                links += n
            else:
                punct += len(_PUNCT.findall(text))

    def visit(x, in_link: bool) -> None:
        count(x.text, in_link)
        for c in x:
            if isinstance(c.tag, str) and c.tag not in _BLOCK:
                visit(c, in_link or c.tag == "a")
            count(c.tail, in_link)

    visit(e, e.tag == "a")
    return chars, links, punct


def _best_container(body):
    """The element holding the page's running text (highest score of its blocks)."""
    scores: dict = {}
    for e in body.iter():
        if not isinstance(e.tag, str) or e.tag not in _BLOCK:
            continue
        chars, links, punct = _own_text(e)
        if chars == 0 or links > chars / 2:
            continue
        s = punct + min(chars / 100, 3)
        node, share = e, 1.0
        for _ in range(3):  # the block itself, its container, and the container's container
            if node is None:
                break
            scores[node] = scores.get(node, 0.0) + s * share
            node, share = node.getparent(), share / 2
    if not scores:
        return body
    for e in list(scores):  # a container full of links is navigation, whatever its own score
        scores[e] *= 1 - _link_density(e)
    best = max(scores, key=lambda e: scores[e])
    # The plan may be cut into sibling blocks (the notice, a table, the body): go up while the
    # container adds running text of its own, outside link lists.
    own = _sentences(best)
    while best.getparent() is not None and best is not body:
        more = _sentences(best.getparent()) - own
        if more < max(5, own // 20):
            break
        best = best.getparent()
        own += more
    return best


_SENTENCE_PUNCT = re.compile(r"[，。；！？,;]")


def _sentences(e) -> int:
    """Sentence punctuation in ``e``'s text, leaving out link lists."""
    if not isinstance(e.tag, str) or (e.tag in _BLOCK and _is_link_block(e)):
        return 0
    n = len(_SENTENCE_PUNCT.findall(e.text or ""))
    for c in e:
        n += _sentences(c) + len(_SENTENCE_PUNCT.findall(c.tail or ""))
    return n


def _link_density(e) -> float:
    total = len(clean_line(e.text_content()))
    if not total:
        return 0.0
    linked = sum(len(clean_line(a.text_content())) for a in e.iter("a"))
    return min(1.0, linked / total)


def _is_link_block(e) -> bool:
    """A list of links (related news, share bars, attachments) rather than the plan's text."""
    text = clean_line(e.text_content())
    if not text:
        return False
    return _link_density(e) > 0.5 and not _SENTENCE_END.search(
        "".join(x for a in e.iter("a") for x in a.itertext())
    )


def _render(e, out: TextBuilder, tables: list, top: bool = False) -> None:
    """Write ``e``'s text: blocks on lines of their own, tables one cell per line."""
    if not top and e.tag in _BLOCK and e.tag not in ("tr", "td", "th") and _is_link_block(e):
        return
    if e.tag == "table":
        grid = _grid(e)
        if grid:
            caption = e.find("caption")
            tables.append(out.table(grid, clean_line(caption.text_content()) if caption is not None else ""))
        return
    buf: list[str] = []

    def flush() -> None:
        if buf:
            for ln in "".join(buf).split("\n"):
                out.line(clean_line(ln))
            buf.clear()

    if e.text:
        buf.append(e.text)
    for c in e:
        if not isinstance(c.tag, str):
            pass
        elif c.tag == "br":
            buf.append("\n")
        elif c.tag in _BLOCK:
            flush()
            _render(c, out, tables)
        else:
            buf.append(_inline_text(c))
        if c.tail:
            buf.append(c.tail)
    flush()


def _inline_text(e) -> str:
    parts = [e.text or ""]
    for c in e:
        if isinstance(c.tag, str):
            parts.append("\n" if c.tag == "br" else _inline_text(c))
        parts.append(c.tail or "")
    return "".join(parts)


def _grid(table) -> list[list[object]]:
    """The table as a grid; a cell spanning rows or columns fills each position it covers."""
    grid: list[list[object]] = []
    pending: dict[tuple[int, int], object] = {}
    for r, tr in enumerate(x for x in table.iter("tr") if _own_table(x, table)):
        row: list[object] = []
        col = 0
        for td in tr:
            if not isinstance(td.tag, str) or td.tag not in ("td", "th"):
                continue
            while (r, col) in pending:
                row.append(pending.pop((r, col)))
                col += 1
            lines = []
            sub = TextBuilder()
            _render(td, sub, [], top=True)
            lines.append(sub.text)
            item = CellText("\n".join(lines)) if sub.text else None
            rs, cs = _span(td.get("rowspan")), _span(td.get("colspan"))
            for dc in range(cs):
                row.append(item)
                for dr in range(1, rs):
                    pending[(r + dr, col + dc)] = item
            col += cs
        while (r, col) in pending:
            row.append(pending.pop((r, col)))
            col += 1
        grid.append(row)
    return [row for row in grid if any(row)]


def _own_table(tr, table) -> bool:
    parent = tr.getparent()
    while parent is not None and parent.tag != "table":
        parent = parent.getparent()
    return parent is table


def _span(v: str | None) -> int:
    try:
        return max(1, min(int(v or 1), 50))
    except ValueError:
        return 1
