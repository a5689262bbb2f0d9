"""Files and folders → one RDF dataset (one named graph per plan), validated, written.

``build`` is the pipeline a notebook user calls; ``ipgraph build`` is a thin wrapper.
A file that cannot be read is reported as a :class:`~ipgraph.model.Failure` with its
reason and the batch goes on.

How it stays fast at thousands of plans (issue 8, issue 15):

* plans are read on all cores (:func:`ipgraph.parallel.map_files`); a file that fails,
  crashes its worker or runs past ``timeout`` becomes a Failure and the others go on;
* each worker also maps its plan to RDF and hands back sorted N-Triples lines
  (:class:`PlanPart`), so the main process only joins bytes; a :class:`BuildResult` holds
  those lines and nothing else, and makes a query store or an rdflib Dataset from them
  when asked;
* ``write`` puts out three things: the published dataset (``graph.trig``: the plans'
  graphs and the shared graph, nothing else, so any SPARQL tool over the union of its
  graphs gets the pack's answers), a sidecar ``graph.contrib.nq`` with each plan's
  contribution to the shared graph (the ``graph/contrib/{plan-id}`` bookkeeping graphs),
  and an on-disk Oxigraph store ``graph.trig.store/`` that queries open in milliseconds
  (:mod:`ipgraph.storedir`);
* ``build(..., update="graph.trig")`` reads the dataset and its sidecar back into plans
  (Oxigraph parses them), skips files whose SHA-256 a plan already records (not even
  read), replaces the plans read again, and makes the shared graph again as the union of
  every plan's contribution: exactly what a full build of the same files gives.

The written TriG is deterministic: graphs in IRI order, triples sorted within each graph.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rdflib import Dataset

from . import registry, storedir
from .answers import FOLDER as ANSWERS_FOLDER
from .atomic import atomic_path, atomic_write
from .fetch import Fetched, Limits, fetch_all, split_sources
from .history import AgencyRules, derive
from .joining import Join, join_duplicates
from .loaders import LoadError, read_bytes
from .model import Failure, PlanReading
from .namespaces import HISTORY_GRAPH, PLAN_GRAPH_PREFIX, PREFIX_IRIS, SHARED_GRAPH, contribution_graph_iri
from .parallel import DEFAULT_TIMEOUT, default_jobs, map_files
from .pipeline import combine, expand_paths, read_plan, set_places
from .rdf import plan_graph_iri, reading_triples
from .rdffiles import (
    RDF_FORMATS,
    dataset_format,
    load_dataset,
    ox_format,
    trig_header,
)
from .store import DEFAULT_STORE, GraphStore, OxigraphStore, RdflibStore
from .terms import bulk_loading_allowed, load_lines, nt_lines
from .validate import DEFAULT_ENGINE, ValidationResult, validate, validate_path, validate_units

__all__ = [
    "RDF_FORMATS",
    "BuildResult",
    "PlanPart",
    "build",
    "load_dataset",
    "read_one",
    "read_parts",
    "sidecar_path",
    "validate_file",
    "write_dataset",
]

_SHARED = str(SHARED_GRAPH)
_HISTORY = str(HISTORY_GRAPH)
ANSWER_LANGS = ("zh",)  # the pack's answers a build keeps: the default label language
_SHA = re.compile(rb'^<[^>]*> <https://w3id\.org/ipgraph/ontology#sha256> "([0-9a-f]{64})" \.$', re.M)


def sidecar_path(path: Path | str) -> Path:
    """The bookkeeping file of a dataset: ``graph.trig`` → ``graph.contrib.nq`` beside it."""
    path = Path(path)
    return path.with_name(path.stem + ".contrib.nq")


# --------------------------------------------------------------------------- a plan as lines


@dataclass(slots=True)
class PlanPart:
    """One plan as sorted N-Triples lines: its own graph and what it adds to the shared graph."""

    graph: str  # the plan's named graph IRI
    own: list[bytes]
    shared: list[bytes]

    @classmethod
    def from_reading(cls, reading: PlanReading) -> PlanPart:
        own, shared = reading_triples(reading)
        return cls(str(plan_graph_iri(reading)), nt_lines(own), nt_lines(shared))

    @property
    def contrib_graph(self) -> str:
        return str(contribution_graph_iri(self.graph))


def read_one(path: Path | str | Fetched) -> tuple[PlanReading, PlanPart] | Failure:
    """Read one file (or fetched web address) and map it to lines; any error becomes a
    :class:`Failure` (never raises)."""
    path = path if isinstance(path, Fetched) else Path(path)
    try:
        if isinstance(path, Fetched):
            reading = read_plan(path.path, origin=path)
        else:
            reading = read_plan(path)
        return reading, PlanPart.from_reading(reading)
    except MemoryError:
        return Failure(path, "out of memory while reading (the file asks for more memory than there is)")
    except Exception as e:  # a bug must not cost the user the rest of the batch
        reason = getattr(e, "reason", None)
        if isinstance(reason, str):  # a LoadError: the loader's own words
            return Failure(path, reason)
        return Failure(path, f"internal error while reading ({type(e).__name__}: {e})")


def _quads(lines: Iterable[bytes], graph: str) -> bytes:
    """N-Triples lines (``… .\\n``) as N-Quads lines in ``graph``."""
    tail = b" <" + graph.encode() + b"> .\n"
    return b"".join(line[:-3] + tail for line in lines)


def _subjects(lines: Iterable[bytes]) -> set[bytes]:
    return {line.split(b" ", 1)[0] for line in lines}


def _units(plans: list[PlanPart], shared: list[bytes], n: int) -> list[bytes]:
    """Validation units: ``n`` groups of plans (own + contributed triples) and ``shared``.

    Shapes are per node, and each plan's contribution holds everything its nodes point to
    (its region chain, agencies, documents, concepts), so a group validates like the union;
    what only the merge of contributions can break (a shared node given two parents by two
    plans) is caught by validating the shared triples themselves. With ``n == 1`` the one unit
    is the union itself (cheaper than a group and the shared graph apart).
    """
    if n <= 1:
        return [u for u in [b"".join([*shared, *(line for p in plans for line in p.own)])] if u]
    groups = [plans[i::n] for i in range(max(1, min(n, len(plans))))]
    units = [b"".join(line for p in group for line in (*p.own, *p.shared)) for group in groups]
    return [u for u in [*units, b"".join(shared)] if u]


# --------------------------------------------------------------------------- TriG, a block per graph


def _trig_block(lines: list[bytes], graph: str, header: bytes) -> bytes:
    """One graph of the TriG file: ``<graph> {`` … ``}``, by Oxigraph's TriG writer."""
    import pyoxigraph as ox

    if not lines:
        return b""
    quads = ox.parse(input=_quads(lines, graph), format=ox.RdfFormat.N_QUADS, lenient=True)  # checked lines
    text = ox.serialize(quads, format=ox.RdfFormat.TRIG, prefixes=PREFIX_IRIS)
    assert text.startswith(header)
    return text[len(header) :]


def read_parts(path: Path | str) -> tuple[list[PlanPart], list[bytes]]:
    """The plans and the shared graph of a dataset written by :func:`build`, read back from
    the file and its sidecar (:func:`sidecar_path`) as the lines a build makes.

    ``ValueError`` when a plan's contribution record is missing (a file not written by
    ``build``, or whose sidecar was lost): such a file cannot be updated, only rebuilt.
    """
    import pyoxigraph as ox

    path = Path(path)
    side = sidecar_path(path)
    lines: dict[str, list[bytes]] = {}
    for f, fmt in [(path, ox_format(path)), *([(side, ox.RdfFormat.N_QUADS)] if side.is_file() else [])]:
        # N-Quads by Oxigraph (not through a Store, which would rewrite "83.0" as "83"): each
        # line ends with its graph, ipgraph writes no triple in the default graph
        data = ox.serialize(ox.parse(path=str(f), format=fmt), format=ox.RdfFormat.N_QUADS)
        for line in data.splitlines(keepends=True):
            rest, _, graph = line[:-3].rpartition(b" ")
            lines.setdefault(graph[1:-1].decode(), []).append(rest + b" .\n")
    lines = {g: sorted(set(ls)) for g, ls in lines.items()}
    plans = sorted(g for g in lines if g.startswith(PLAN_GRAPH_PREFIX))
    missing = [g for g in plans if str(contribution_graph_iri(g)) not in lines]
    if missing:
        raise ValueError(
            f"{path}: {len(missing)} plan graph(s) without their record in {side.name}; rebuild it"
        )
    parts = [PlanPart(g, lines[g], lines[str(contribution_graph_iri(g))]) for g in plans]
    return parts, lines.get(_SHARED, [])


# --------------------------------------------------------------------------- build


@dataclass
class BuildResult:
    """What :func:`build` made: the graph as each plan's N-Triples lines, and the report.

    Attributes
    ----------
    parts : each plan's own triples and its contribution to the shared graph, by graph IRI.
    shared : the shared graph (the union of the contributions), sorted N-Triples lines.
    readings : the readings of the files read in this run (not of plans kept by an update).
    failures : the files that could not be read, with reasons.
    validation : the SHACL result (``None`` with ``check=False``).
    skipped : files an update left alone because their SHA-256 is already in the graph.
    backend : the store :attr:`store` gives (``"oxigraph"`` or ``"rdflib"``).
    written : the file written (``None``: none asked for, or no plan was read).
    joins : files found to hold one plan, joined into one (which files, which text was used).

    ``store`` and ``dataset`` are made from the lines when first asked for.
    """

    parts: list[PlanPart] = field(default_factory=list)
    shared: list[bytes] = field(default_factory=list)
    readings: list[PlanReading] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    validation: ValidationResult | None = None
    skipped: list[Path] = field(default_factory=list)
    backend: str = DEFAULT_STORE
    written: Path | None = None
    joins: list[Join] = field(default_factory=list)
    history: list[bytes] = field(default_factory=list)  # graph/history: derived from all plans
    _views: dict[str, Any] = field(default_factory=dict, repr=False)  # store, dataset: made once

    @property
    def plans(self) -> int:
        """The number of plans in the graph."""
        return len(self.parts)

    @property
    def triples(self) -> int:
        """Triples in the graph (its union, without the bookkeeping records)."""
        return len(self.shared) + len(self.history) + sum(len(p.own) for p in self.parts)

    @property
    def ok(self) -> bool:
        return not self.failures and (self.validation is None or self.validation.conforms)

    @property
    def store(self) -> GraphStore:
        """The graph, ready for queries (``store.select``): Oxigraph's union in memory, or
        plain rdflib with ``store="rdflib"``."""
        if "store" not in self._views:
            if self.backend == "rdflib":
                self._views["store"] = RdflibStore(self.dataset)
            else:
                import pyoxigraph as ox

                st = ox.Store()
                load_lines(st, self.union(), ox.RdfFormat.N_TRIPLES)  # checked lines
                self._views["store"] = OxigraphStore(st, union_default=True)
        return self._views["store"]

    @property
    def dataset(self) -> Dataset:
        """The graphs as an rdflib Dataset (one named graph per plan, the shared graph)."""
        if "dataset" not in self._views:
            import pyoxigraph as ox

            st = ox.Store()
            load_lines(st, self.nquads(), ox.RdfFormat.N_QUADS)
            self._views["dataset"] = OxigraphStore(st).to_rdflib()
        return self._views["dataset"]

    def union(self) -> bytes:
        """Every triple of the graph once, as N-Triples."""
        return b"".join([*self.shared, *self.history, *(line for p in self.parts for line in p.own)])

    def nquads(self, *, contributions: bool = False) -> bytes:
        """The published graphs as N-Quads; with ``contributions``, only the bookkeeping graphs."""
        if contributions:
            return b"".join(_quads(p.shared, p.contrib_graph) for p in self.parts)
        published = [_quads(self.shared, _SHARED), _quads(self.history, _HISTORY)]
        return b"".join([*published, *(_quads(p.own, p.graph) for p in self.parts)])

    def trig(self) -> bytes:
        """The published dataset as TriG: the plans' graphs, then the shared graph (IRI order)."""
        header = trig_header()
        blocks = {p.graph: p.own for p in self.parts}
        blocks[_SHARED] = self.shared
        blocks[_HISTORY] = self.history
        return header + b"".join(_trig_block(blocks[g], g, header) for g in sorted(blocks))

    def write(
        self,
        path: Path | str,
        *,
        store_dir: Path | str | bool | None = None,
        answers: Sequence[str] = ANSWER_LANGS,
    ) -> None:
        """Write the dataset (.trig or .nq), its sidecar of bookkeeping graphs (for updates)
        and the on-disk query store (``store_dir``: where; ``False``: none; default beside it),
        with the query pack's answers in the languages ``answers`` kept in it
        (:func:`ipgraph.querypack.keep_answers`; ``()``: none)."""
        path = Path(path)
        data = self.trig() if dataset_format(path) == "trig" else self.nquads()
        with atomic_path(path) as tmp:  # the dataset first: a full disk names it and keeps the old one
            _write_all(tmp, data)
            atomic_write(sidecar_path(path), self.nquads(contributions=True))  # then both are put in place
        # under an address-space cap RocksDB may fail to map its cache and abort the process: the
        # store is a cache, so it is then left to be made when first queried
        if store_dir is not False and bulk_loading_allowed():
            folder = None if store_dir in (None, True) else Path(store_dir)
            folder = storedir.write_dir(
                path,
                folder,
                union=self.union(),
                nquads=self.nquads(),
                digest=hashlib.sha256(data).hexdigest(),
            )
            if answers:
                self._keep_answers(folder / ANSWERS_FOLDER, answers)

    def _keep_answers(self, folder: Path, langs: Sequence[str]) -> None:
        """The pack's answers, computed on the graph in memory (Oxigraph, whatever ``backend``
        is: they are read back by the on-disk Oxigraph store, and must be its answers)."""
        from .querypack import keep_answers

        store = self.store
        if not isinstance(store, OxigraphStore):
            import pyoxigraph as ox

            st = ox.Store()
            load_lines(st, self.union(), ox.RdfFormat.N_TRIPLES)  # checked lines
            store = OxigraphStore(st, union_default=True)
        keep_answers(store, folder, langs)


def _write_all(path: Path, data: bytes) -> None:
    with open(path, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())


def build(
    paths: Iterable[Path | str],
    *,
    check: bool = True,
    progress: Callable[[Path], None] | None = None,
    store: str = DEFAULT_STORE,
    jobs: int | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    update: Path | str | None = None,
    output: Path | str | None = None,
    store_dir: Path | str | bool | None = None,
    places: Mapping[Path | str, str] | None = None,
    web: Limits | None = None,
    agency_rules: AgencyRules | None = None,
    answers: Sequence[str] = ANSWER_LANGS,
) -> BuildResult:
    """Read every plan under ``paths`` into one dataset; validate it against the shapes.

    Parameters
    ----------
    paths : files, folders (read recursively) and web addresses (``http(s)://…``, fetched:
        see :mod:`ipgraph.fetch`; one that cannot be fetched is a failure naming the reason).
    check : validate the dataset against ``ontology/shapes.ttl``.
    progress : called once per file, after it is read (for progress bars).
    store : the query store of the result (``"oxigraph"``, fast, or ``"rdflib"``, the reference).
    jobs : processes reading plans and validating; ``None`` = all cores, 1 = in-process.
    timeout : seconds one file may take before it becomes a Failure.
    update : a dataset written by ``build`` (with its sidecar ``….contrib.nq``): files whose
        SHA-256 it already holds are skipped unread, plans read again replace their graphs
        (same region and title, same graph), the other plans are kept and the shared graph is
        made again from every plan's contribution, as a full build would make it. Plans whose
        files are not given are kept (never removed). Only the plans read (and the shared
        nodes they touch) are validated.
    output : write the dataset there (.trig or .nq), with its sidecar and query store; not
        when no plan was read (then an earlier file there is kept: ``result.written`` is None).
    store_dir : where the on-disk query store goes (default: ``OUTPUT.store`` beside the
        output; ``False``: none).
    places : file → place (``{"plan.txt": "泸州市"}``) for documents that do not say where they
        are from (:func:`ipgraph.pipeline.set_places`); an ``ipgraph-places.toml`` beside the
        files does the same.
    web : time, size and redirect limits for fetching web addresses.
    agency_rules : a user's forced and forbidden agency merges (:func:`ipgraph.history.load_rules`).
    answers : label languages in which the query pack's answers are kept in the on-disk store
        (``()``: none), so the first ``ipgraph query`` after the build reads them
        (:func:`ipgraph.querypack.keep_answers`).

    The ``graph/history`` graph (agency merges, reforms, editions, similar measures) is derived
    from every plan of the result, by a build and by an update alike (:mod:`ipgraph.history`).

    Returns
    -------
    BuildResult
        The graph, readings, failures, validation, and the files an update skipped.
    """
    registry.resolve("store", store)
    urls, local = split_sources(paths)
    files: list = expand_paths(local, exclude=(output, update))  # never read our own output back
    set_places(places or {})
    n_jobs = default_jobs() if jobs is None else max(1, jobs)
    with fetch_all(urls, web or Limits()) as (fetched, unfetched):
        files += fetched
        if update is not None:
            result = _update(Path(update), files, check, progress, jobs, timeout, agency_rules)
        else:
            readings, parts, failures, joins = _read(files, progress, jobs, timeout)
            shared = sorted({line for p in parts for line in p.shared})
            result = BuildResult(parts, shared, readings, failures, joins=joins)
            result.history = derive(parts, shared, agency_rules)
            if check:
                units = _units(parts, [*shared, *result.history], n_jobs)
                result.validation = validate_units(units, jobs=n_jobs)
    result.failures += [Failure(e.url, e.reason) for e in unfetched]
    result.backend = store
    if output is not None and (result.readings or update is not None):
        # a build that read no plan keeps the old file
        result.write(output, store_dir=store_dir, answers=answers)
        result.written = Path(output)
    return result


def _read(
    files: list[Path], progress: Callable[[Path], None] | None, jobs: int | None, timeout: float
) -> tuple[list[PlanReading], list[PlanPart], list[Failure], list[Join]]:
    items = map_files(read_one, files, jobs=jobs, timeout=timeout, progress=progress)
    failures = [x for x in items if isinstance(x, Failure)]
    read = [x for x in items if not isinstance(x, Failure)]
    readings, joins = join_duplicates(combine([r for r, _ in read]))
    joined = {id(r) for r in readings if r.also}
    made = {id(r): part for r, part in read if id(r) not in joined}
    parts: dict[str, PlanPart] = {}
    for r in readings:  # combine() and join_duplicates() may have merged readings: map those again
        part = made.get(id(r)) or PlanPart.from_reading(r)
        parts[part.graph] = part  # one reading per plan graph: join_duplicates() joined the others
    return readings, [parts[g] for g in sorted(parts)], failures, joins


def _update(
    path: Path,
    files: list[Path],
    check: bool,
    progress: Callable[[Path], None] | None,
    jobs: int | None,
    timeout: float,
    rules: AgencyRules | None = None,
) -> BuildResult:
    """Update the dataset at ``path`` with ``files``: see :func:`build`."""
    dataset_format(path)
    if not path.is_file():
        raise FileNotFoundError(f"{path}: no dataset to update")
    old, old_shared = read_parts(path)
    known = {m.group(1).decode() for p in old for line in p.own if (m := _SHA.match(line.rstrip(b"\n")))}
    skipped, todo = [], []
    for f in files:
        try:
            digest = hashlib.sha256(read_bytes(f)).hexdigest()  # regular files only (no FIFO)
        except LoadError:
            digest = None  # read it, so that the failure is reported
        (skipped if digest in known else todo).append(f)
        if progress and digest in known:
            progress(f)
    readings, new, failures, joins = _read(todo, progress, jobs, timeout)
    replaced = {p.graph for p in new}
    parts = sorted([*(p for p in old if p.graph not in replaced), *new], key=lambda p: p.graph)
    shared = sorted({line for p in parts for line in p.shared}) if new else old_shared
    result = BuildResult(parts, shared, readings, failures, skipped=skipped, joins=joins)
    result.history = derive(parts, shared, rules)  # made again whole: it depends on every plan
    if check:  # the plans read, the shared nodes they (or the versions they replace) describe, history
        touched = _subjects(line for p in new for line in p.shared)
        touched |= _subjects(line for p in old if p.graph in replaced for line in p.shared)
        touched_lines = [line for line in shared if line.split(b" ", 1)[0] in touched]
        touched_lines += result.history
        n_jobs = default_jobs() if jobs is None else max(1, jobs)
        result.validation = validate_units(_units(new, touched_lines, n_jobs), jobs=n_jobs)
    return result


# --------------------------------------------------------------------------- files


def write_dataset(dataset: Dataset | GraphStore | BuildResult, path: Path | str) -> None:
    """Write a dataset; the format follows the file's extension (.trig, .nq).

    A :class:`BuildResult` is written with its ``graph/contrib/…`` graphs (so that it can
    be updated later); an Oxigraph store is dumped by Oxigraph, an rdflib Dataset by rdflib.
    """
    path = Path(path)
    if isinstance(dataset, BuildResult):
        dataset.write(path)
        return
    fmt = dataset_format(path)
    with atomic_path(path) as tmp:  # never leave a half-written graph behind
        if isinstance(dataset, OxigraphStore):
            prefixes = PREFIX_IRIS if fmt == "trig" else None
            dataset.store.dump(str(tmp), format=ox_format(path), prefixes=prefixes)
        else:
            graph = dataset.dataset if isinstance(dataset, RdflibStore) else dataset
            graph.serialize(destination=str(tmp), format=fmt, encoding="utf-8")


def validate_file(
    path: Path | str, *, jobs: int | None = None, engine: str = DEFAULT_ENGINE
) -> tuple[ValidationResult, int]:
    """Validate a dataset file against the shapes; return the result and its number of triples.

    ``engine="fast"`` (the default) checks the union of the file's graphs with ipgraph's SHACL
    Core engine. With ``engine="pyshacl"``, a dataset written by :func:`build` (with its
    sidecar of ``graph/contrib/…`` records) is validated in parts on ``jobs`` processes; any
    other file as the union of its graphs.
    """
    path = Path(path)
    if not registry.load("shacl", engine).by_units:  # reads the file as the union of its graphs at once
        return validate_path(path, engine=engine)
    n_jobs = default_jobs() if jobs is None else max(1, jobs)
    try:
        parts, shared = read_parts(path)
    except (ValueError, SyntaxError):
        parts, shared = [], []
    if not parts:  # not written by build: the union of its graphs at once
        ds = load_dataset(path)
        return validate(ds, engine=engine), len(ds)
    n = len(shared) + sum(len(p.own) for p in parts)
    return validate_units(_units(parts, shared, n_jobs), jobs=n_jobs, engine=engine), n
