"""Decoding document bytes and building the matching view of a text.

The reader matches rules against a *matching view* of the text: Simplified script,
half-width punctuation, one character for one character. Because the view has the same
length as the original, every span found in it points at the same characters in the
original, and facts "as written" are cut from the original.

>>> view("（一）廣東省知識產權局")
'(一)广东省知识产权局'
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from functools import cache

__all__ = ["DecodeError", "decode", "fold_width", "strip_ruby", "to_simplified", "view"]


class DecodeError(ValueError):
    """The bytes are not a text document we can read (the message says why)."""


_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def decode(data: bytes) -> str:
    """Decode a plain-text plan: UTF-8 (with or without BOM), UTF-16 with BOM, GB18030 or Big5.

    Raises :class:`DecodeError` for empty files, binary files and bytes no encoding explains.

    >>> decode("知识产权".encode("gb18030"))
    '知识产权'
    """
    if not data.strip():
        raise DecodeError("empty file")
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return data.decode(enc)
    if b"\x00" in data[:4096]:
        raise DecodeError("not text (binary content)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as utf8:
        text = _legacy(data, utf8)
    if _bad(text) > max(3, len(text[:20000]) // 100):
        raise DecodeError("not text (control characters)")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _bad(text: str) -> int:
    """Control, private-use and surrogate characters in the first 20,000 (what no plan holds)."""
    return sum(
        1 for c in text[:20000] if unicodedata.category(c) in ("Cc", "Co", "Cs") and c not in "\r\n\t\f"
    )


def _legacy(data: bytes, utf8: UnicodeDecodeError) -> str:
    """GB18030 (the mainland's), else Big5 (Taiwan's, Hong Kong's): the one that decodes without
    private-use characters (Big5 read as GB18030 gives them, so it used to be "control characters")."""
    tried = []
    for enc in ("gb18030", "big5hkscs"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError as e:
            tried.append((enc, e))
            continue
        if _bad(text) == 0:
            return text
        tried.append((enc, text))
    texts = [t for _, t in tried if isinstance(t, str)]
    if texts:
        return min(texts, key=_bad)
    e = utf8
    line = data.count(b"\n", 0, e.start) + 1
    near = data[max(0, e.start - 8) : e.start + 8]
    raise DecodeError(
        f"undecodable: neither UTF-8, GB18030 nor Big5 (byte {e.start}, line {line}: bytes {near.hex(' ')})"
    )


@cache
def _converter():  # OpenCC loads dictionaries once per process
    import opencc

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Traditional → Simplified (OpenCC), for names that are given in simplified script."""
    return _converter().convert(text) if text else text


def _half_width(c: str) -> str:
    n = unicodedata.normalize("NFKC", c)
    return n if len(n) == 1 else c


_SPACES = {"\u3000": " ", "\xa0": " ", "\u2002": " ", "\u2003": " ", "\u200b": " ", "\ufeff": " "}
_KEEP = {
    "〔": "〔",
    "〕": "〕",
    "—": "—",
    "–": "–",
    "“": "“",
    "”": "”",
    "‘": "‘",
    "’": "’",
    "·": "·",
    "…": "…",
}


def view(text: str) -> str:
    """The matching view: Simplified script, half-width forms, same length as ``text``."""
    simp = to_simplified(text)
    if len(simp) != len(text):  # a phrase rule changed the length: convert char by char
        simp = "".join(c if len(s := to_simplified(c)) != 1 else s for c in text)
    return fold_width(simp)


def fold_width(text: str) -> str:
    """Half-width forms and plain spaces, the script left as it is: the view's forms for text
    that is given as written (a Traditional metric keeps its script, not its full-width brackets).

    >>> fold_width("知識產權示範（優勢）企業")
    '知識產權示範(優勢)企業'
    """
    out = []
    for c in text:
        if c in _SPACES:
            out.append(_SPACES[c])
        elif c in _KEEP or c.isascii():
            out.append(c)
        else:
            out.append(_half_width(c))
    return "".join(out)


# Pinyin ruby leaked into the text by a web page (知識(shí)產(chǎn)權(quán)): Latin letters with tone marks in
# brackets right after a Chinese character. Plain Latin in brackets ((ip), (app)) has no tone mark.
# Also set in 【】 (知【zhī】识) or with a space before the closing bracket (社會(huì )).
_RUBY = re.compile(
    r"(?<=[\u4e00-\u9fff])(?:[(（]\s?([a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹ][a-zü]*)\s?[)）]"
    r"|【\s?([a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹ][a-zü]*)\s?】)"
)


def strip_ruby(text: str) -> str:
    """The text without leaked pinyin ruby, when a page has it (two or more readings).

    >>> strip_ruby("河北省知識(shí)產(chǎn)權(quán)局關(guān)于")
    '河北省知識產權局關于'
    >>> strip_ruby("推广(app)应用")
    '推广(app)应用'
    """
    return _RUBY.sub("", text) if len(_RUBY.findall(text)) >= 2 else text
