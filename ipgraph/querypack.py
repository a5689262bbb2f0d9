"""Named questions over the graph: read a query's header, bind its parameters, rows → DataFrame.

The pack lives in ``queries/sparql/*.rq`` (installed as ``ipgraph.queries``); each file states
its question, parameters and columns in a comment header (format: :mod:`ipgraph.queries`).
Parameters are bound as RDF terms through :meth:`GraphStore.select`, never pasted into the
text, so any value is just a string to compare with.

>>> spec = get_query("lead-agencies")
>>> [p.name for p in spec.params]
['city', 'agency', 'role', 'lang']
>>> spec.column_names[:4]
['city', 'plan', 'measure_path', 'measure_label']
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rdflib import XSD, Literal
from rdflib.term import Node

from .values import to_python

if TYPE_CHECKING:
    import pandas as pd

    from .store import GraphStore, SelectResult

__all__ = [
    "LANGS",
    "Column",
    "Param",
    "QueryError",
    "QuerySpec",
    "as_store",
    "check_date",
    "city_known",
    "endpoint_text",
    "get_query",
    "keep_answers",
    "pack",
    "parse_query",
    "query",
    "read_query_file",
    "rows_frame",
    "run",
    "select",
    "to_python",
]

log = logging.getLogger(__name__)
PARAM_PREFIX = "param_"
LANGS = ("zh", "en")
PARAM_TYPES = ("string", "integer", "lang", "date")
_LANG_RE = re.compile(r"^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$")
_HEADER_RE = re.compile(r"^\s*(\w+):\s*(.*?)\s*$")  # after the comment marker
_PARAM_RE = re.compile(r"^(\w+)\s*\(([^)]*)\)\s*(?:[—–-]+\s*(.*))?$")
_COLUMN_RE = re.compile(r"^(\w+)\s*(?:\(([^)]*)\))?\s*(?:[—–-]+\s*(.*))?$")
_SELECT_VARS_RE = re.compile(r"\?(\w+)")


class QueryError(ValueError):
    """A query that cannot be run as asked: unknown name, bad parameter, unreadable text."""


@dataclass(frozen=True, slots=True)
class Param:
    """A declared parameter; bound to the SPARQL variable ``?param_{name}``."""

    name: str
    type: str = "string"
    optional: bool = True
    default: str | None = None
    description: str = ""
    filters: tuple[str, ...] = ()  # the columns it selects rows by (``filters city``), if it only does that

    @property
    def variable(self) -> str:
        return PARAM_PREFIX + self.name


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    type: str = "string"
    description: str = ""


@dataclass(frozen=True, slots=True)
class QuerySpec:
    """One query of the pack (or a user's file): its text and what its header declares."""

    name: str
    sparql: str
    question_zh: str = ""
    question_en: str = ""
    params: tuple[Param, ...] = ()
    columns: tuple[Column, ...] = ()
    order: str = ""
    path: Path | None = None
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    def param(self, name: str) -> Param | None:
        return next((p for p in self.params if p.name == name), None)

    def question(self, lang: str = "zh") -> str:
        """The question in `lang` (Chinese for anything but English), else the other one."""
        first, second = (
            (self.question_en, self.question_zh) if lang == "en" else (self.question_zh, self.question_en)
        )
        return first or second


# --------------------------------------------------------------------------- reading headers


def _parse_param(text: str, where: str) -> Param:
    m = _PARAM_RE.match(text)
    if not m:
        raise QueryError(f"{where}: cannot read parameter line {text!r}; use 'NAME (TYPE, optional) — text'")
    name, spec, description = m.group(1), m.group(2), (m.group(3) or "").strip()
    parts = [s.strip() for s in spec.split(",") if s.strip()]
    kind = parts[0] if parts else "string"
    if kind not in PARAM_TYPES:
        raise QueryError(
            f"{where}: parameter {name}: unknown type {kind!r}; use one of {', '.join(PARAM_TYPES)}"
        )
    optional, default, filters = True, None, ()
    for part in parts[1:]:
        if part == "required":
            optional = False
        elif part.startswith("default"):
            default = part.removeprefix("default").strip(" =")
        elif part.startswith("filters "):
            filters = tuple(part.split()[1:])
    return Param(name, kind, optional, default, description, filters)


def _parse_column(text: str, where: str) -> Column:
    m = _COLUMN_RE.match(text)
    if not m:
        raise QueryError(f"{where}: cannot read column line {text!r}")
    return Column(m.group(1), (m.group(2) or "string").strip(), (m.group(3) or "").strip())


def parse_query(text: str, name: str = "query", path: Path | None = None, *, comment: str = "#") -> QuerySpec:
    """Read a query's header (the leading ``# key: value`` comment lines) and keep its text.

    A text without a header is a valid query with no declared parameters or columns.

    Parameters
    ----------
    text : the SPARQL text.
    name : the name to use where the header gives none.
    path : the file it came from (for messages).
    comment : the language's comment marker (``//`` for the Cypher twins, same header).
    """
    where = str(path or name)
    fields: dict[str, str] = {}
    params: list[Param] = []
    columns: list[Column] = []
    for line in text.lstrip("\ufeff").splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        if not stripped.startswith(comment):
            break
        m = _HEADER_RE.match(stripped[len(comment) :])
        if not m:
            continue
        key, value = m.group(1).lower(), m.group(2)
        if key == "param":
            params.append(_parse_param(value, where))
        elif key == "column":
            columns.append(_parse_column(value, where))
        else:
            fields[key] = value
    return QuerySpec(
        name=fields.pop("name", name),
        sparql=text,
        question_zh=fields.pop("zh", ""),
        question_en=fields.pop("en", ""),
        params=tuple(params),
        columns=tuple(columns),
        order=fields.pop("order", ""),
        path=path,
        extra=fields,
    )


def read_query_file(path: Path | str) -> QuerySpec:
    """A user's own ``.rq`` file as a :class:`QuerySpec` (named after the file)."""
    path = Path(path)
    try:
        text = path.read_text("utf-8-sig")
    except (OSError, UnicodeDecodeError) as e:
        raise QueryError(f"{path}: cannot read: {e}") from e
    return parse_query(text, path.stem, path)


def pack() -> dict[str, QuerySpec]:
    """Every query of the pack by name, sorted by name."""
    from .queries import sparql_files

    return {name: read_query_file(p) for name, p in sparql_files().items()}


def get_query(name: str) -> QuerySpec:
    """The pack's query called `name`; :class:`QueryError` listing the names if there is none."""
    from .queries import sparql_files

    files = sparql_files()
    if name not in files:
        raise QueryError(f"no query named {name!r}; the pack has: {', '.join(files)}")
    return read_query_file(files[name])


# --------------------------------------------------------------------------- binding


def _check_lang(lang: str) -> str:
    if not isinstance(lang, str) or not _LANG_RE.match(lang):
        raise QueryError(f"language {lang!r} is not a language tag; use one of {', '.join(LANGS)}")
    return lang.lower()


def _term(param: Param, value: Any) -> Node:
    if param.type == "integer":
        try:
            return Literal(int(value))
        except (TypeError, ValueError) as e:
            raise QueryError(f"parameter {param.name}: {value!r} is not an integer") from e
    if param.type == "lang":
        return Literal(_check_lang(str(value)))
    if param.type == "date":
        return Literal(check_date(param.name, value), datatype=XSD.date)
    return Literal(str(value))


def check_date(name: str, value: Any) -> str:
    """A date parameter as ``YYYY-MM-DD`` (a ``date`` or its ISO text); QueryError otherwise."""
    try:
        return dt.date.fromisoformat(str(value)).isoformat()
    except ValueError as e:
        raise QueryError(f"parameter {name}: {value!r} is not a date; write it YYYY-MM-DD") from e


def bindings(spec: QuerySpec, params: Mapping[str, Any], lang: str = "zh") -> dict[str, Node]:
    """The variable bindings for `params` (plus the label language) as RDF terms.

    Unknown and missing required parameters are errors; ``None`` means "not given".
    A query with no declared parameters (a user's file) takes any name, as a string.
    """
    given = {k: v for k, v in params.items() if v is not None}
    declared = {p.name: p for p in spec.params}
    if declared:
        unknown = sorted(set(given) - set(declared))
        if unknown:
            names = ", ".join(p for p in declared if p != "lang") or "none"
            raise QueryError(f"{spec.name}: unknown parameter {', '.join(unknown)}; it takes: {names}")
    out: dict[str, Node] = {}
    for name, value in given.items():
        if name == "lang":
            raise QueryError(f"{spec.name}: the language is --lang (Python: lang=...), not a parameter")
        p = declared.get(name, Param(name))
        out[p.variable] = _term(p, value)
    for p in spec.params:
        if p.type == "lang":
            out[p.variable] = Literal(_check_lang(lang))
        elif p.variable not in out:
            if p.default is not None:
                out[p.variable] = _term(p, p.default)
            elif not p.optional:
                raise QueryError(f"{spec.name}: parameter {p.name} is required")
    if not declared and f"?{PARAM_PREFIX}lang" in spec.sparql:
        out[f"{PARAM_PREFIX}lang"] = Literal(_check_lang(lang))
    return out


def rows_frame(columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> pd.DataFrame:
    """Rows as a DataFrame with one dtype per column, the same whichever engine gave them (the
    SPARQL stores here, Neo4j in :mod:`ipgraph.neo4j.queries`): numbers float64 with NaN where
    absent, integers int64 when none is missing, everything else plain Python values with None."""
    import pandas as pd

    transposed = list(zip(*rows, strict=True)) or [() for _ in columns]
    data = {}
    for col, values in zip(columns, transposed, strict=True):
        present = [v for v in values if v is not None]
        if present and all(type(v) is float for v in present):
            dtype: Any = "float64"  # numbers: NaN where absent
        elif present and len(present) == len(values) and all(type(v) is int for v in present):
            dtype = "int64"
        else:  # text, and ints with gaps (2025 would become 2025.0): plain Python values, None
            dtype = object
        data[col] = pd.Series(values, dtype=dtype)
    return pd.DataFrame(data, columns=list(columns))


# --------------------------------------------------------------------------- running


def as_store(graph: Any, backend: str | None = None) -> GraphStore:
    """A :class:`GraphStore` over `graph`: a store, an rdflib Dataset/Graph, a pyoxigraph Store or a file."""
    from .store import open_store

    if hasattr(graph, "select") and callable(graph.select):
        return graph
    if isinstance(graph, (str, Path)):
        path = Path(graph)
        if not path.is_file():
            raise QueryError(f"{path}: no such graph file (build one with: ipgraph build PLANS -o {path})")
        try:
            return open_store(path, backend) if backend else open_store(path)
        except (OSError, ValueError, SyntaxError) as e:
            raise QueryError(f"{path}: cannot load: {e}") from e
    return open_store(graph)


def run(
    store: GraphStore, spec: QuerySpec, params: Mapping[str, Any] | None = None, lang: str = "zh"
) -> pd.DataFrame:
    """Run `spec` on `store` with `params`; the ``param_*`` columns are dropped (by :func:`select`)."""
    result = select(store, spec, params, lang)
    df = rows_frame(result.columns, result.rows)
    df.attrs.update(query=spec.name, question=spec.question_zh, question_en=spec.question_en)
    return df


def select(
    store: GraphStore, spec: QuerySpec, params: Mapping[str, Any] | None = None, lang: str = "zh"
) -> SelectResult:
    """The rows of `spec` on `store` as plain Python values, the ``param_*`` columns dropped:
    :func:`run` without pandas (the command line prints these, sparing pandas' import)."""
    bound = bindings(spec, params or {}, lang)
    result = _picked_from_kept(store, spec, params or {}, lang)
    if result is None:
        try:
            result = _select_values(store, spec.sparql, bound)
        except Exception as e:  # each engine has its own parse/evaluation errors
            hint = ""
            if "projection" in str(e):
                hint = " (project every ?param_… variable the query takes: Oxigraph binds only those)"
            raise QueryError(f"{spec.path or spec.name}: {type(e).__name__}: {e}{hint}") from e
    if not result.rows:
        _explain_empty(store, spec, params or {})
    keep = [i for i, c in enumerate(result.columns) if not c.startswith(PARAM_PREFIX)]
    if len(keep) == len(result.columns):
        return result
    return type(result)([result.columns[i] for i in keep], list(map(_picker(keep), result.rows)))


def _picker(keep: list[int]) -> Callable[[Sequence[Any]], tuple[Any, ...]]:
    """A row's values at ``keep``, as a tuple (``itemgetter`` runs in C: 170k rows in 0.03 s)."""
    if len(keep) > 1:
        return itemgetter(*keep)
    return lambda row: tuple(row[i] for i in keep)


def _picked_from_kept(
    store: GraphStore, spec: QuerySpec, params: Mapping[str, Any], lang: str
) -> SelectResult | None:
    """The rows of a question asked with parameters that only pick rows (``filters`` in its
    header), picked from the answer kept for it without parameters; None when there is none.

    A build keeps the pack's answers (:func:`keep_answers`), so asking for one city does not
    run the whole join on the on-disk store again. Only in Chinese: a name parameter matches
    the Chinese label or the label in the chosen language, and only in Chinese are both the
    column. The header's ``filters`` are checked against the query itself by the test suite.
    """
    given = {k: v for k, v in params.items() if v is not None}
    kept_of = getattr(store, "kept", None)
    if not given or kept_of is None or _check_lang(lang) != "zh":
        return None
    picks = []
    for name, value in given.items():
        p = spec.param(name)
        if p is None or p.type != "string" or not p.filters:
            return None
        picks.append((p.filters, str(value)))
    whole = kept_of(spec.sparql, bindings(spec, {}, lang))
    if whole is None:
        return None
    index = {c: i for i, c in enumerate(whole.columns)}
    if any(c not in index for cols, _ in picks for c in cols):
        return None
    tests = [([index[c] for c in cols], value) for cols, value in picks]
    rows = [row for row in whole.rows if all(any(row[i] == v for i in at) for at, v in tests)]
    return type(whole)(whole.columns, rows)


def keep_answers(store: GraphStore, folder: Path, langs: Sequence[str] = ("zh",)) -> int:
    """Answer every question of the pack without parameters, in each of ``langs``, on
    ``store`` and keep the answers in ``folder`` (an on-disk store's, :mod:`ipgraph.answers`).

    ``ipgraph build`` does this on the graph it holds in memory, where Oxigraph answers four
    to six times faster than from its on-disk store, so the first ``ipgraph query`` after a
    build reads its answer, and a question for one city or agency picks its rows from it.
    Returns how many answers were kept (one too large for a file is not).
    """
    from . import answers
    from .store import answer_key

    kept = 0
    for spec in pack().values():
        for lang in langs:
            bound = bindings(spec, {}, lang)
            result = _select_values(store, spec.sparql, bound)
            kept += answers.write(folder, answer_key(spec.sparql, bound), result.columns, result.rows)
    return kept


_CITY_KNOWN = """PREFIX ipg: <https://w3id.org/ipgraph/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?p ?city WHERE {
  ?p a ipg:Plan ; ipg:jurisdiction ?r . ?r rdfs:label ?l FILTER(STR(?l) = STR(?city))
} LIMIT 1"""


def city_known(store: GraphStore, city: str) -> bool:
    """Whether some plan in the graph is of ``city`` (by any of its labels, as the pack matches)."""
    return bool(_select_values(store, _CITY_KNOWN, {"city": Literal(str(city))}).rows)


def _explain_empty(store: GraphStore, spec: QuerySpec, params: Mapping[str, Any]) -> None:
    """No rows from a user's own query with parameters: say why that often happens."""
    if not spec.params and any(v is not None for v in params.values()):
        log.warning(
            "%s: no rows. Parameters are bound as plain strings and labels are tagged (@zh, @en): "
            "compare STR(?label) = ?param_NAME, not ?label = ?param_NAME",
            spec.path or spec.name,
        )


def endpoint_text(spec: QuerySpec, params: Mapping[str, Any] | None = None, lang: str = "zh") -> str:
    """The query as plain SPARQL for any endpoint (``ipgraph serve``, ``oxigraph serve``):
    the ``?param_…`` variables not projected nor grouped by, the bound ones written as their
    terms (escaped by rdflib's ``n3``), what Oxigraph's substitutions do inside ipgraph."""
    bound = bindings(spec, params or {}, lang)
    head, where, body = spec.sparql.partition("WHERE")
    head = re.sub(r"\?param_\w+", "", head)
    group = re.compile(r"\nGROUP BY.*?(?=\nORDER BY|\nLIMIT|\nHAVING|\Z)", re.S)
    body = group.sub(lambda m: re.sub(r"\?param_\w+", "", m.group(0)), body)
    for var, term in bound.items():
        body = re.sub(rf"\?{var}\b", lambda _, t=term: t.n3(), body)
    return head + where + body


def _select_values(store: GraphStore, sparql: str, bound: Mapping[str, Node]) -> SelectResult:
    """Rows of plain values: the store's own fast path, or its terms converted here (a
    user's store that only has ``select``)."""
    if hasattr(store, "select_values"):
        return store.select_values(sparql, bound)
    return store.select(sparql, bound).to_values()


def query(
    graph: Any, name: str | QuerySpec, *, lang: str = "zh", backend: str | None = None, **params: Any
) -> pd.DataFrame:
    """Ask the graph one of the pack's questions; the answer as a DataFrame.

    Parameters
    ----------
    graph : a dataset file (.trig, .nq), an rdflib Dataset or Graph, a pyoxigraph Store or a
        :class:`~ipgraph.store.GraphStore` (open a file once with :func:`ipgraph.open_store`
        when asking many questions).
    name : the query's name (``ipgraph queries`` lists them) or a :class:`QuerySpec`.
    lang : label language of agencies, regions and concepts (``zh`` or ``en``; falls back to zh).
    backend : ``oxigraph`` or ``rdflib``, for a file.
    **params : the query's parameters (``city="厦门市"``), bound as RDF terms.

    Returns
    -------
    pandas.DataFrame
        One row per answer, the columns the query declares; plain Python values, None where
        absent. ``df.attrs`` holds the query's name and question.

    Examples
    --------
    >>> import ipgraph
    >>> df = ipgraph.query("out/graph.trig", "lead-agencies", city="厦门市", role="lead")  # doctest: +SKIP
    """
    spec = name if isinstance(name, QuerySpec) else get_query(name)
    return run(as_store(graph, backend), spec, params, lang)
