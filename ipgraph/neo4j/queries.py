"""The Cypher twins of the query pack (``queries/cypher/NAME.cypher``), run on Neo4j.

Each twin opens with the same header as its SPARQL query (``// param: …``, ``// column: …``; see
``ipgraph.queries``), takes the same parameters as driver parameters (``$city``, ``$lang``; never
formatted into the text) and returns the same columns in the same order, with the same rows in the
same order. Every declared parameter is always passed (``None`` when not given), because Cypher
refuses a query whose parameters are missing.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path
from typing import Any

from ..querypack import Param, check_date, parse_query, rows_frame
from .connection import open_driver

__all__ = [
    "CypherQuery",
    "chunked_text",
    "cypher_query_names",
    "cypher_rows",
    "favorite_text",
    "query_rows",
    "read_cypher",
    "read_cypher_file",
    "run_cypher",
    "run_query",
]

PACKAGE = "ipgraph.queries"
FOLDER = "cypher"
LANGS = ("zh", "en")


@dataclass(frozen=True, slots=True)
class CypherQuery:
    name: str
    text: str
    zh: str = ""
    en: str = ""
    params: list[Param] = field(default_factory=list)
    columns: list[tuple[str, str]] = field(default_factory=list)  # (name, type)


def cypher_query_names() -> list[str]:
    """Names of the Cypher twins, sorted."""
    folder = files(PACKAGE).joinpath(FOLDER)
    return sorted(p.name[: -len(".cypher")] for p in folder.iterdir() if p.name.endswith(".cypher"))


def parse_cypher(name: str, text: str) -> CypherQuery:
    """Read a twin's ``// key: value`` header (the SPARQL pack's header, read by the same parser)."""
    spec = parse_query(text, name, comment="//")
    columns = [(c.name, c.type) for c in spec.columns]
    return CypherQuery(name, text, spec.question_zh, spec.question_en, list(spec.params), columns)


def read_cypher(name: str) -> CypherQuery:
    """The twin called ``name``; ValueError naming the known ones if there is none."""
    path = files(PACKAGE).joinpath(FOLDER, f"{name}.cypher")
    if not re.fullmatch(r"[\w-]+", name) or not path.is_file():
        raise ValueError(f"no Cypher query {name!r}; known: {', '.join(cypher_query_names())}")
    return parse_cypher(name, path.read_text(encoding="utf-8"))


def read_cypher_file(path: Path | str) -> CypherQuery:
    """A user's own Cypher file (named after it), with the pack's optional ``// param:`` and
    ``// column:`` header; ValueError naming the file if it cannot be read or is empty."""
    path = Path(path)
    try:
        text = path.read_text("utf-8-sig")
    except (OSError, UnicodeDecodeError) as e:
        raise ValueError(f"{path}: cannot read: {e}") from e
    if not "".join(line for line in text.splitlines() if not line.lstrip().startswith("//")).strip():
        raise ValueError(f"{path}: holds no Cypher query")
    return parse_cypher(path.stem, text)


def bind_params(query: CypherQuery, params: Mapping[str, Any] | None, lang: str) -> dict[str, Any]:
    """Every declared parameter, typed; ValueError for an unknown name or a bad value."""
    given = dict(params or {})
    unknown = sorted(set(given) - {p.name for p in query.params})
    if unknown:
        declared = ", ".join(p.name for p in query.params) or "none"
        raise ValueError(f"query {query.name!r} has no parameter {', '.join(unknown)} (it takes: {declared})")
    out: dict[str, Any] = {}
    for p in query.params:
        value = given.get(p.name)
        if p.type == "lang":
            value = value or lang or p.default or "zh"
            if value not in LANGS:
                raise ValueError(f"language must be one of {', '.join(LANGS)}, not {value!r}")
        elif value is None:
            if not p.optional:
                raise ValueError(f"query {query.name!r} needs the parameter {p.name}")
        elif p.type == "integer":
            try:
                value = int(value)
            except (TypeError, ValueError):
                raise ValueError(f"parameter {p.name} must be an integer, not {value!r}") from None
        elif p.type == "date":  # dates are ISO text in Neo4j (ipgraph.neo4j.mapping): compared as text
            value = check_date(p.name, value)
        else:
            value = str(value)
        out[p.name] = value
    return out


def _typed(value: Any, kind: str) -> Any:
    if value is None:
        return None
    if kind == "integer":
        return int(value)
    if kind == "number":
        return float(value)
    if kind == "boolean":
        return bool(value)
    if isinstance(value, list):  # a multi-valued property the twin did not unwind
        return "; ".join(str(v) for v in value)
    return str(value)


_NATIVE: dict[str, type] = {"integer": int, "number": float, "boolean": bool}  # otherwise str
CHUNK_ROWS = 5000  # rows per record of the chunked text
_RETURN_RE = re.compile(r"\bRETURN\b", re.IGNORECASE)
_UNION_RE = re.compile(r"\bUNION\b", re.IGNORECASE)


def chunked_text(query: CypherQuery, size: int = CHUNK_ROWS) -> str | None:
    """The twin with its rows sent as lists of ``size`` rows, one record each; None where its text
    does not allow it (no declared columns, a top-level ``UNION``).

    The Python driver reads every record as a message of its own (two socket reads each): 33k rows
    took 1.5 s at 1,000 plans, 0.85 s sent as seven lists (bench/RESULTS.md). The final ``RETURN``
    becomes a ``WITH`` with the same items and ``ORDER BY``, and the ordered rows are collected:
    Cypher's ``collect`` keeps the order its rows come in. A test checks every twin's rows both ways.
    """
    names = [c for c, _ in query.columns]
    body = "\n".join(line for line in query.text.splitlines() if not line.lstrip().startswith("//"))
    body = body.strip().rstrip(";")

    def depth(at: int) -> int:  # braces open before ``at``: 0 outside every subquery
        return body.count("{", 0, at) - body.count("}", 0, at)

    returns = [m for m in _RETURN_RE.finditer(body) if depth(m.start()) == 0]
    if not names or not returns or any(depth(m.start()) == 0 for m in _UNION_RE.finditer(body)):
        return None
    last = returns[-1]
    items = ", ".join(f"`{name}`" for name in names)
    return (
        f"{body[: last.start()]}WITH{body[last.end() :]}\n"
        f"WITH collect([{items}]) AS rows\n"
        f"UNWIND range(0, size(rows) - 1, {int(size)}) AS i\n"
        f"RETURN rows[i..i + {int(size)}] AS chunk"
    )


def cypher_rows(
    driver: Any, query: CypherQuery, params: dict[str, Any], database: str | None = None
) -> tuple[list[str], list[tuple[Any, ...]]]:
    """Run a twin through an open driver; the header's columns and the rows, typed as it says.

    The rows come in lists (:func:`chunked_text`) where the twin's text allows it, else a record
    each. A column is converted (:func:`_typed`) only where it holds a value of another type than
    its own, so 33k rows are not converted cell by cell.
    """
    names = [c for c, _ in query.columns]
    text = chunked_text(query)
    if text is not None:
        records, _, _ = driver.execute_query(text, params, database_=database, routing_="r")
        rows: list[Any] = [row for record in records for row in record[0]]
        cols = list(zip(*rows, strict=True))
    else:
        records, _, keys = driver.execute_query(query.text, params, database_=database, routing_="r")
        names = names or list(keys)
        cols = [tuple(rec.get(c) for rec in records) for c in names]
    if not cols or not cols[0]:
        return names, []
    types = dict(query.columns)
    for i, name in enumerate(names):
        kind = types.get(name, "string")
        if set(map(type, cols[i])) - {_NATIVE.get(kind, str), type(None)}:
            cols[i] = tuple(_typed(v, kind) for v in cols[i])
    return names, list(zip(*cols, strict=True))


def run_cypher(driver: Any, query: CypherQuery, params: dict[str, Any], database: str | None = None):
    """Run a twin through an open driver; a DataFrame with the header's columns and types (the
    same dtypes as the SPARQL side: :func:`ipgraph.querypack.rows_frame`)."""
    return _frame(query, *cypher_rows(driver, query, params, database))


def _frame(query: CypherQuery, columns: list[str], rows: list[tuple[Any, ...]]):
    frame = rows_frame(columns, rows)
    frame.attrs.update(query=query.name, question=query.zh, question_en=query.en)
    return frame


def query_rows(
    uri: str,
    name: str | CypherQuery,
    params: Mapping[str, Any] | None = None,
    *,
    user: str = "neo4j",
    password: str,
    database: str | None = None,
    lang: str = "zh",
) -> tuple[list[str], list[tuple[Any, ...]]]:
    """:func:`run_query`'s columns and rows, without a DataFrame (what the CLI prints)."""
    _, columns, rows = _run(uri, name, params, user, password, database, lang)
    return columns, rows


def _run(
    uri: str,
    name: str | CypherQuery,
    params: Mapping[str, Any] | None,
    user: str,
    password: str,
    database: str | None,
    lang: str,
) -> tuple[CypherQuery, list[str], list[tuple[Any, ...]]]:
    """Read the twin, bind its parameters, run it in a read transaction: the twin, its columns and
    its rows. Neo4j refusing the statement (a syntax error, a write: a read transaction cannot
    write) is a ValueError naming the query, in one line."""
    query = read_cypher(name) if isinstance(name, str) else name
    bound = bind_params(query, params, lang)
    with open_driver(uri, user, password, database=database) as driver:
        from neo4j.exceptions import ClientError

        try:
            return (query, *cypher_rows(driver, query, bound, database))
        except ClientError as e:
            if not (e.code or "").startswith("Neo.ClientError.Statement"):
                raise
            first = (e.message or str(e)).strip().splitlines()[0]
            raise ValueError(f"Neo4j refused query {query.name!r}: {first}") from e


def run_query(
    uri: str,
    name: str,
    params: Mapping[str, Any] | None = None,
    *,
    user: str = "neo4j",
    password: str,
    database: str | None = None,
    lang: str = "zh",
):
    """Run the Cypher twin ``name`` on Neo4j at ``uri``; the rows as a pandas DataFrame.

    Parameters
    ----------
    uri : Bolt address, ``bolt://127.0.0.1:7687``.
    name : query name (``lead-agencies`` …), or a user's own query (:func:`read_cypher_file`).
    params : the query's parameters by name (strings; integers where declared); unset ones are None.
    user, password, database : login and database (None: the server's default).
    lang : label language, ``zh`` or ``en`` (a ``lang`` entry in ``params`` wins).

    Raises
    ------
    ValueError
        Unknown query or parameter.
    Neo4jConnectionError
        Server unreachable, login refused, unknown database.
    """
    return _frame(*_run(uri, name, params, user, password, database, lang))


def favorite_text(name: str) -> str:
    """The twin as a Neo4j Browser favourite: a title line, ``:param`` lines to edit, the query."""
    query = read_cypher(name)
    body = "\n".join(line for line in query.text.splitlines() if not line.startswith("//"))
    lines = [f"// {query.zh} ({name})", f"// {query.en}"]
    if query.params:
        lines.append("// Edit the :param lines to filter (null: no filter); then run all.")
    for p in query.params:
        default = '"zh"' if p.type == "lang" else "null"
        lines.append(f":param {p.name} => {default};")
    return "\n".join(lines) + "\n" + body.strip() + ";\n"
