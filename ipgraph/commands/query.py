"""``queries`` and ``query``: list the query pack, run one of its questions (or a user's file)."""

from __future__ import annotations

import csv
import io
import json
import math
import os
import sys
from collections.abc import Iterable, Sequence
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from ._common import Lang, Neo4jDatabase, Neo4jPasswordEnv, Neo4jUser, StoreKind, fail

if TYPE_CHECKING:
    from ..neo4j.queries import CypherQuery


def register(app: typer.Typer) -> None:
    """Add ``queries`` and ``query`` to ``app``."""
    app.command("queries")(queries_cmd)
    app.command("query")(query_cmd)


class OutputFormat(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"
    md = "md"


TABLE_ROWS = 40  # rows a table shows unless --limit says otherwise

FormatOpt = Annotated[OutputFormat, typer.Option("--format", "-f", help="table (rich), csv, json or md.")]
LangOpt = Annotated[Lang, typer.Option("--lang", help="Label language of agencies, regions and concepts.")]


def queries_cmd(format: FormatOpt = OutputFormat.table, lang: LangOpt = Lang.zh) -> None:
    """List the query pack: each query's name, question and parameters."""
    from ..querypack import pack

    rows = [
        (spec.name, spec.question(lang.value), ", ".join(p.name for p in spec.params if p.type != "lang"))
        for spec in pack().values()
    ]
    title = "查询包" if lang is Lang.zh else "The query pack"
    _write_rows(["name", "question", "parameters"], rows, format, title)


def query_cmd(
    name: Annotated[str | None, typer.Argument(help="A query of the pack (see: ipgraph queries).")] = None,
    graph: Annotated[
        Path, typer.Option("--graph", "-g", help="The dataset built by 'ipgraph build' (.trig, .nq).")
    ] = Path("graph.trig"),
    param: Annotated[
        list[str] | None, typer.Option("--param", "-p", help="A parameter as NAME=VALUE (repeatable).")
    ] = None,
    format: FormatOpt = OutputFormat.table,
    lang: LangOpt = Lang.zh,
    sparql: Annotated[
        Path | None,
        typer.Option("--sparql", help="Run your own SPARQL SELECT file instead of a named query."),
    ] = None,
    store: Annotated[StoreKind | None, typer.Option("--store", help="SPARQL engine for the file.")] = None,
    neo4j: Annotated[
        str | None, typer.Option("--neo4j", help="Run the query's Cypher twin on this Neo4j (bolt://…).")
    ] = None,
    cypher: Annotated[
        Path | None,
        typer.Option(
            "--cypher",
            help="With --neo4j: run your own Cypher file instead of a named query, read-only; "
            "parameters as declared in its '// param:' lines.",
        ),
    ] = None,
    user: Neo4jUser = "neo4j",
    password_env: Neo4jPasswordEnv = "NEO4J_PASSWORD",
    database: Neo4jDatabase = None,
    limit: Annotated[
        int | None,
        typer.Option(
            "--limit",
            min=0,
            help=f"Print the first N rows only (0: all). A table shows {TABLE_ROWS} unless told; "
            "csv, json and md print all.",
        ),
    ] = None,
) -> None:
    """Run one query of the pack (or --sparql FILE, or --cypher FILE on --neo4j) and print its rows.

    Parameters are bound as values, never pasted into the query: --param city=厦门市.
    """
    from ..querypack import QueryError, as_store, bindings, city_known, get_query, read_query_file, select

    params = _params(param or [])
    if cypher is not None:
        if name is not None or sparql is not None:
            fail("give one of a query NAME, --sparql FILE or --cypher FILE", 2)
        if neo4j is None:
            fail("--cypher FILE runs on Neo4j: give --neo4j bolt://…", 2)
        columns, rows, title = _run_cypher_file(
            cypher, neo4j, params, user, password_env, database, lang.value
        )
        _print(columns, rows, format, title, limit)
        return
    try:
        if sparql is not None:
            if name is not None:
                fail("give either a query NAME or --sparql FILE, not both", 2)
            if neo4j is not None:
                fail("--sparql runs on a graph file; --neo4j runs the pack's Cypher twins", 2)
            spec = read_query_file(sparql)
        elif name is None:
            fail("name a query (see: ipgraph queries) or give --sparql FILE", 2)
        else:
            spec = get_query(name)
        if neo4j is not None:
            bindings(spec, params, lang.value)  # the same parameter checks as for SPARQL
            columns, rows = _run_neo4j(neo4j, spec.name, params, user, password_env, database, lang.value)
        else:
            graph_store = as_store(graph, store.value if store else None)
            result = select(graph_store, spec, params, lang.value)
            columns, rows = result.columns, result.rows
            city = params.get("city")
            if (
                not rows
                and city
                and any(p.name == "city" for p in spec.params)
                and not city_known(graph_store, city)
            ):
                fail(f"no plan in {graph} is of city {city!r} (see: ipgraph query plans)", 2)
    except QueryError as e:
        fail(str(e), 2)
    _print(columns, rows, format, spec.question(lang.value), limit)


def _print(
    columns: list[str], rows: Sequence[Sequence[Any]], fmt: OutputFormat, title: str, limit: int | None
) -> None:
    """The rows in ``fmt``: a table shows its first TABLE_ROWS unless ``--limit`` says (0: all)."""
    if limit is None and fmt is OutputFormat.table:
        limit = TABLE_ROWS
    _write_rows(columns, rows, fmt, title, limit or None)


def _params(items: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            fail(f"--param {item!r}: write it as NAME=VALUE", 2)
        out[key.strip()] = value
    return out


def _run_cypher_file(
    path: Path,
    uri: str,
    params: dict[str, str],
    user: str,
    password_env: str,
    database: str | None,
    lang: str,
) -> tuple[list[str], list[tuple[Any, ...]], str]:
    """A user's Cypher file on Neo4j: its columns, rows and title (its question, else its name)."""
    from ..neo4j.queries import read_cypher_file

    try:
        query = read_cypher_file(path)
    except ValueError as e:
        fail(str(e), 2)
    columns, rows = _run_neo4j(uri, query, params, user, password_env, database, lang)
    title = (query.zh if lang == "zh" else query.en) or query.zh or query.en or query.name
    return columns, rows, title


def _run_neo4j(
    uri: str,
    name: str | CypherQuery,
    params: dict[str, str],
    user: str,
    password_env: str,
    database: str | None,
    lang: str,
) -> tuple[list[str], list[tuple[Any, ...]]]:
    password = os.environ.get(password_env)
    if password is None:
        fail(f"set the Neo4j password in the environment variable {password_env} (see --password-env)", 2)
    import logging

    from ..neo4j import Neo4jConnectionError, query_rows

    _import_driver_alone()
    logging.getLogger("neo4j").addHandler(logging.NullHandler())  # no driver warning per retry
    try:
        return query_rows(uri, name, params, user=user, password=password, database=database, lang=lang)
    except Neo4jConnectionError as e:  # unreachable, wrong password, unknown database: one line
        fail(str(e), 2)
    except (OSError, ValueError) as e:  # an unknown parameter, a bad address
        fail(f"{uri}: {e}", 2)


def _import_driver_alone() -> None:
    """Import the ``neo4j`` driver without numpy and pandas, in this process only (the CLI's).

    The driver imports them when they are installed, for ``Result.to_df()`` and numpy parameters,
    neither of which the CLI uses: 0.25 s of the 1 s a query may take in a fresh process (measured
    in bench/RESULTS.md). The library's own ``run_query`` builds a DataFrame and imports the driver
    as it is."""
    optional = ("numpy", "pandas", "pyarrow")
    if "neo4j" in sys.modules or any(name in sys.modules for name in optional):
        return
    for name in optional:
        sys.modules[name] = None  # type: ignore[assignment]  # "import numpy" raises ImportError
    try:
        import neo4j  # noqa: F401
    except ImportError:
        pass  # open_driver says how to install it
    finally:
        for name in optional:
            del sys.modules[name]


# --------------------------------------------------------------------------- output


def _cell(value: Any) -> str:
    """A value as text: empty for missing, 3600 for 3600.0."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _json_value(value: Any) -> Any:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return value


def _csv_rows(rows: Sequence[Sequence[Any]]) -> Iterable[Sequence[Any]]:
    """Rows for ``csv.writer``, which writes None as empty and str and int as they are: only a
    column holding floats needs :func:`_cell` (3600.0 → 3600, NaN → empty). Column by column,
    so that 170k rows are not converted cell by cell in Python."""
    cols = list(zip(*rows, strict=True))
    floats = [i for i, col in enumerate(cols) if any(issubclass(t, float) for t in set(map(type, col)))]
    if not floats:
        return rows
    for i in floats:
        cols[i] = tuple(_cell(v) if isinstance(v, float) else v for v in cols[i])
    return zip(*cols, strict=True)


def _write_rows(
    columns: list[str], rows: Sequence[Sequence[Any]], fmt: OutputFormat, title: str, limit: int | None = None
) -> None:
    """Print ``rows`` in ``fmt``; with ``limit``, the first ``limit`` of them (a table says how many
    it left out: thousands of rows drawn as a table take a minute and fill the scrollback)."""
    total = len(rows)
    if limit is not None:
        rows = rows[:limit]
    if fmt is OutputFormat.csv:
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows(_csv_rows(rows))
        sys.stdout.write(buf.getvalue())
    elif fmt is OutputFormat.json:
        records = [dict(zip(columns, map(_json_value, row), strict=True)) for row in rows]
        sys.stdout.write(json.dumps(records, ensure_ascii=False, indent=2) + "\n")
    elif fmt is OutputFormat.md:
        sys.stdout.write(_markdown(columns, rows))
    else:
        _rich_table(columns, rows, title, total)


def _md_cell(value: Any) -> str:
    return _cell(value).replace("\\", "\\\\").replace("|", "\\|").replace("\r", " ").replace("\n", " ")


def _markdown(columns: list[str], rows: Sequence[Sequence[Any]]) -> str:
    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    lines += ["| " + " | ".join(_md_cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def _rich_table(
    columns: list[str],
    rows: Sequence[Sequence[Any]],
    title: str,
    total: int,
) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    caption = f"{total} row(s)"
    if len(rows) < total:
        caption = f"the first {len(rows)} of {total} row(s); --limit 0 or -f csv for all"
    table = Table(title=Text(title), caption=caption, show_lines=False)
    for col in columns:
        table.add_column(col, overflow="fold")
    for row in rows:
        # Text(): document text is shown as written, never read as rich markup ([b], [/]).
        table.add_row(*(Text(_cell(v)) for v in row))
    Console(soft_wrap=False).print(table)
