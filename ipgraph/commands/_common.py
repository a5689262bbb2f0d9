"""What every command shares: one-line errors with an exit status."""

from __future__ import annotations

import unicodedata
from enum import StrEnum
from typing import Annotated, NoReturn

import typer


class Lang(StrEnum):
    """Label language of agencies, regions and concepts."""

    zh = "zh"
    en = "en"


class StoreKind(StrEnum):
    """The RDF store a graph file is read into (see :mod:`ipgraph.store`)."""

    oxigraph = "oxigraph"
    rdflib = "rdflib"


# Connection options shared by ``neo4j push|export`` and ``query --neo4j``.
Neo4jUser = Annotated[str, typer.Option("--user", help="Neo4j user.")]
Neo4jPasswordEnv = Annotated[
    str, typer.Option("--password-env", help="Environment variable holding the Neo4j password.")
]
Neo4jDatabase = Annotated[
    str | None, typer.Option("--database", help="Neo4j database (default: the server's).")
]


_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t", "\x1b": "\\x1b"}


def shown(text: object) -> str:
    r"""``text`` fit for one terminal line: control and format characters escaped.

    File names and texts from documents may hold a newline (forging a line such as
    ``built 99 plan(s)``), ANSI escape codes (recolouring the terminal) or bidi overrides; they
    are printed as ``\n``, ``\x1b``, ``\u202e``.

    >>> shown("a\nbuilt 99 plan(s)\x1b[31m.txt")
    'a\\nbuilt 99 plan(s)\\x1b[31m.txt'
    """
    s = str(text)
    if s.isprintable():
        return s
    out = []
    for c in s:
        if c in _NAMED:
            out.append(_NAMED[c])
        elif c == " " or unicodedata.category(c) not in ("Cc", "Cf", "Cs", "Co", "Zl", "Zp", "Cn"):
            out.append(c)
        elif ord(c) < 0x100:
            out.append(f"\\x{ord(c):02x}")
        else:
            out.append(f"\\u{ord(c):04x}" if ord(c) < 0x10000 else f"\\U{ord(c):08x}")
    return "".join(out)


def fail(message: str, code: int = 1) -> NoReturn:
    """Print ``error: message`` on stderr (escaped, one line: see :func:`shown`) and exit."""
    typer.echo(f"error: {shown(message)}", err=True)
    raise typer.Exit(code)
