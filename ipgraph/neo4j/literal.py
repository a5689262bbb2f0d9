"""Values as Cypher literals, for the ``:param`` lines of an exported script.

Strings are double-quoted with every character that could end the string, the line or the
statement escaped (backslash, quotes, control characters, line and paragraph separators), so any
text from a document stays one string value on one line. Map keys are backtick-quoted.
"""

from __future__ import annotations

import math
from typing import Any

__all__ = ["cypher_literal", "cypher_string"]

_ESCAPES = {
    "\\": "\\\\",
    '"': '\\"',
    "'": "\\'",
    "\n": "\\n",
    "\r": "\\r",
    "\t": "\\t",
    "\b": "\\b",
    "\f": "\\f",
}


def cypher_string(text: str) -> str:
    r"""A double-quoted Cypher string literal of ``text``.

    >>> print(cypher_string('他说"好"\\ */\n'))
    "他说\"好\"\\ */\n"
    """
    out = []
    for ch in text:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif ord(ch) < 0x20 or 0x7F <= ord(ch) < 0xA0 or ch in "\u2028\u2029\ufeff":
            out.append(f"\\u{ord(ch):04X}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def cypher_literal(value: Any) -> str:
    r"""A Cypher literal of a property value: null, boolean, integer, float, string, list or map.

    >>> cypher_literal({"iri": "x", "n": [1, 2.5, True, None]})
    '{`iri`: "x", `n`: [1, 2.5, true, null]}'

    A string holding U+0000 is written as an expression (cypher-shell's ``:param`` would keep a
    plain literal's ``\u0000`` as six characters):

    >>> print(cypher_literal("a" + chr(0) + "b"))
    "a\u0000b" + ""
    """
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"cannot write the float {value!r} as a Cypher literal")
        return repr(value)
    if isinstance(value, str):
        if "\0" in value:  # cypher-shell's :param keeps a lone "\u0000" literal as six characters;
            return cypher_string(value) + ' + ""'  # as an expression, Cypher itself reads the escape
        return cypher_string(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(cypher_literal(v) for v in value) + "]"
    if isinstance(value, dict):
        items = ("`" + str(k).replace("`", "``") + "`: " + cypher_literal(v) for k, v in value.items())
        return "{" + ", ".join(items) + "}"
    raise TypeError(f"no Cypher literal for {type(value).__name__}")
