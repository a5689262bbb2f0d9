"""Files and folders → one RDF dataset (one named graph per plan), validated, written.

``build`` is the pipeline a notebook user calls; ``ipgraph build`` is a thin wrapper.
A file that cannot be read is reported as a :class:`~ipgraph.pipeline.Failure` with its
reason and the batch goes on.

How it stays fast at thousands of plans (issue 8):

* plans are read on all cores (:func:`ipgraph.parallel.map_files`); a file that fails,
  crashes its worker or runs past ``timeout`` becomes a Failure and the others go on;
* each worker also maps its plan to RDF and hands back sorted N-Triples lines
  (:class:`PlanPart`), so the main process only joins bytes; Oxigraph parses them into
  the store and writes TriG, one graph block at a time. Plain rdflib stays selectable
  (``store="rdflib"``) and gives the same graph;
* each plan's contribution to the shared graph is also kept in a bookkeeping graph
  ``graph/contrib/{plan-id}``, so that ``build(..., update="graph.trig")`` skips unchanged
  files (same SHA-256: not even read), replaces the graphs of changed plans, copies the
  other graph blocks as they are and patches the shared graph exactly as a full build
  would make it: only the subjects the changed plans touch (before or after) are written
  again, and only their chunks in the kept plans' contributions are parsed, to learn which
  of the triples a plan dropped another plan still holds (:func:`_patch_shared`). With one
  plan of 1,000 changed this takes a few per cent of a full build (``bench/``). Loaders
  (:func:`load_dataset`, :func:`ipgraph.store.open_store`) drop those graphs.

The written TriG is deterministic: graphs in IRI order, triples sorted within each graph.
"""

from __future__ import annotations

import bisect
import hashlib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Dataset

from . import registry
from .model import PlanReading
from .namespaces import (
    CONTRIB_GRAPH_PREFIX,
    PLAN_GRAPH_PREFIX,
    PREFIX_IRIS,
    SHARED_GRAPH,
    contribution_graph_iri,
)
from .parallel import DEFAULT_TIMEOUT, default_jobs, map_files
from .pipeline import Failure, combine, expand_paths, read_plan
from .rdf import plan_graph_iri, reading_to_dataset, reading_triples
from .rdffiles import (
    RDF_FORMATS,
    TrigBlocks,
    atomic_write,
    dataset_format,
    drop_contributions,
    load_dataset,
    ox_format,
    rdf_format,
    trig_header,
)
from .store import DEFAULT_STORE, GraphStore, OxigraphStore, RdflibStore
from .terms import nt_lines
from .validate import DEFAULT_ENGINE, ValidationResult, validate, validate_path, validate_units

__all__ = [
    "RDF_FORMATS",
    "BuildResult",
    "PlanPart",
    "build",
    "load_dataset",
    "read_one",
    "validate_file",
    "write_dataset",
]

_PLAN_GRAPH_PREFIX = PLAN_GRAPH_PREFIX
_SHARED = str(SHARED_GRAPH)
_PREFIXES = PREFIX_IRIS


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


def read_one(path: Path | str) -> tuple[PlanReading, PlanPart] | Failure:
    """Read one file and map it to lines; any error becomes a :class:`Failure` (never raises)."""
    path = Path(path)
    try:
        reading = read_plan(path)
        return reading, PlanPart.from_reading(reading)
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
    quads = ox.parse(
        input=_quads(lines, graph), format=ox.RdfFormat.N_QUADS, lenient=True
    )  # nt_lines checked
    text = ox.serialize(quads, format=ox.RdfFormat.TRIG, prefixes=_PREFIXES)
    assert text.startswith(header)
    return text[len(header) :]


_SHA = re.compile(rb'ipg:sha256 "([0-9a-f]{64})"')  # no \b: a literal would have \" there
_CHUNK = re.compile(rb"\n\t(?!\t)")  # where a subject's statements start inside a block


def _block_lines(blocks: Iterable[bytes], header: bytes) -> list[bytes]:
    """The triples of some graph blocks as N-Triples lines (graph names dropped), deduplicated."""
    return _chunk_lines([b[b.index(b"{\n") + 2 : -2] for b in blocks], header)


def _chunk_lines(chunks: Iterable[bytes], header: bytes) -> list[bytes]:
    """The triples of some block bodies (or subject chunks of them) as sorted N-Triples lines."""
    import pyoxigraph as ox

    merged = b"".join(chunks)
    if not merged:
        return []
    text = header + b"<urn:x:merged> {\n" + merged + b"}\n"
    data = ox.serialize(ox.parse(input=text, format=ox.RdfFormat.TRIG), format=ox.RdfFormat.N_QUADS)
    return sorted(set(data.replace(b" <urn:x:merged> .\n", b" .\n").splitlines(keepends=True)))


# --------------------------------------------------------------------------- the shared graph, patched
#
# Oxigraph writes a graph's sorted triples subject by subject: a chunk ``\t<s> p o ;\n\t\tp o .\n``
# per subject, in the order of the subjects' N-Triples forms, each chunk made from that
# subject's triples alone. So an update re-writes only the chunks of the subjects the
# changed plans touch (before or after the change) and copies the others as they are.


def _chunks(body: bytes) -> list[tuple[bytes, bytes]]:
    """A block body cut into subject chunks, each with its key (the subject as written)."""
    starts = [0, *(m.start() + 1 for m in _CHUNK.finditer(body))] if body else []
    ends = [*starts[1:], len(body)]
    return [(body[a + 1 : body.index(b" ", a)], body[a:b]) for a, b in zip(starts, ends, strict=True)]


def _key_token(key: bytes, prefixes: dict[bytes, bytes]) -> bytes:
    """A subject as written in TriG (``<iri>`` or ``prefix:local``) → its N-Triples form."""
    if key.startswith(b"<"):
        return key
    prefix, _, local = key.partition(b":")
    return b"<" + prefixes[prefix] + re.sub(rb"\\(.)", rb"\1", local) + b">"


def _subject_keys(subjects: list[bytes], header: bytes) -> list[bytes]:
    """How Oxigraph writes each subject (N-Triples forms, sorted) at the start of a chunk."""
    lines = [s + b" <urn:x:p> <urn:x:o> .\n" for s in subjects]
    block = _trig_block(lines, "urn:x:g", header)
    keys = [k for k, _ in _chunks(block[block.index(b"{\n") + 2 : -2])]
    if len(keys) != len(subjects):
        raise AssertionError("subject keys out of step")
    return keys


def _by_subject(lines: Iterable[bytes]) -> dict[bytes, set[bytes]]:
    out: dict[bytes, set[bytes]] = {}
    for line in lines:
        out.setdefault(line.split(b" ", 1)[0], set()).add(line)
    return out


def _patch_shared(
    header: bytes, shared: bytes, removed: list[bytes], added: list[bytes], kept: list[bytes]
) -> tuple[bytes, list[bytes]] | None:
    """The shared graph's block after replacing contributions ``removed`` by ``added``.

    ``shared`` is the old block, ``removed``/``added`` N-Triples lines, ``kept`` the
    contribution blocks of the plans kept. A triple that was removed and not added again
    stays if a kept contribution still holds it: only the chunks of its subject in the kept
    blocks are parsed to find out. Returns the new block and the new shared triples of the
    subjects touched (for validation), or ``None`` where the layout is not the expected one
    (blank-node subjects): the caller then rebuilds the shared graph from every contribution.
    """
    old_by, new_by = _by_subject(removed), _by_subject(added)
    touched = sorted(old_by.keys() | new_by.keys())
    if any(not s.startswith(b"<") for s in touched):
        return None
    if not touched:
        return shared, []
    head = b"<" + _SHARED.encode() + b"> {\n"
    if shared and not (shared.startswith(head) and shared.endswith(b"\n}\n")):
        return None
    body = shared[len(head) : -2]
    pieces = _chunks(body)
    keys = [k for k, _ in pieces]
    if any(k[:1] in (b"_", b"[") for k in keys):
        return None
    index = {k: i for i, k in enumerate(keys)}
    wanted = dict(zip(touched, _subject_keys(touched, header), strict=True))
    was = _by_subject(_chunk_lines((pieces[index[k]][1] for k in wanted.values() if k in index), header))
    lines: set[bytes] = set()
    for s, key in wanted.items():
        before, after, gone = was.get(s, set()), new_by.get(s, set()), old_by.get(s, set())
        doubt = (before & gone) - after  # held by a kept plan too?
        if doubt:
            needle = b"\n\t" + key + b" "
            found = set()
            for block in kept:
                at = block.find(needle)
                if at >= 0:
                    end = _CHUNK.search(block, at + 2)
                    found.add(block[at + 1 : end.start() + 1 if end else len(block) - 2])
            doubt -= set(_chunk_lines(found, header))
        lines |= (before - doubt) | after
    new_lines = sorted(lines)
    block = _trig_block(new_lines, _SHARED, header)
    fresh = dict(_chunks(block[len(head) : -2]))
    prefixes = {p.encode(): ns.encode() for p, ns in _PREFIXES.items()}
    inserts = sorted(
        (bisect.bisect_left(keys, s, key=lambda k: _key_token(k, prefixes)), s)
        for s, key in wanted.items()
        if key not in index and key in fresh
    )
    out: list[bytes] = []
    gone_or_new = set(wanted.values())
    j = 0
    for i, (key, chunk) in enumerate(pieces):
        while j < len(inserts) and inserts[j][0] == i:
            out.append(fresh[wanted[inserts[j][1]]])
            j += 1
        if key not in gone_or_new:
            out.append(chunk)
        elif key in fresh:
            out.append(fresh[key])
    out += [fresh[wanted[s]] for _, s in inserts[j:]]
    return (head + b"".join(out) + b"}\n" if out else b""), new_lines


# --------------------------------------------------------------------------- build


@dataclass
class BuildResult:
    """What :func:`build` made.

    Attributes
    ----------
    store : GraphStore
        The graph, ready for queries (``store.select``); Oxigraph (loaded on first use)
        unless ``store="rdflib"`` was asked for.
    dataset : rdflib.Dataset
        The same graph as an rdflib Dataset (copied from the store on first use).
    readings : the readings of the files read in this run (not of plans kept by an update).
    failures : the files that could not be read, with reasons.
    validation : the SHACL result (``None`` with ``check=False``).
    skipped : files an update left alone because their SHA-256 is already in the graph.
    plans : the number of plans in the graph.
    """

    readings: list[PlanReading] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    validation: ValidationResult | None = None
    skipped: list[Path] = field(default_factory=list)
    plans: int = 0
    _store: GraphStore | None = field(default=None, repr=False)
    _parts: list[PlanPart] | None = field(default=None, repr=False)
    _shared: list[bytes] | None = field(default=None, repr=False)
    _trig: TrigBlocks | None = field(default=None, repr=False)
    _dataset: Dataset | None = field(default=None, repr=False)

    @property
    def store(self) -> GraphStore:
        if self._store is None:
            self._store = _oxigraph(self)
        return self._store

    @property
    def dataset(self) -> Dataset:
        if self._dataset is None:
            if isinstance(self._store, RdflibStore):
                self._dataset = self._store.dataset
            else:
                self._dataset = _named_graphs(self)
        return self._dataset

    @property
    def triples(self) -> int:
        """Triples in the graph (its union, without the ``graph/contrib/…`` records)."""
        if self._parts is not None and self._shared is not None:
            return len(self._shared) + sum(len(p.own) for p in self._parts)
        return len(self.store)

    @property
    def ok(self) -> bool:
        return not self.failures and (self.validation is None or self.validation.conforms)

    def write(self, path: Path | str) -> None:
        """Write the dataset (.trig or .nq) with the ``graph/contrib/…`` graphs that updates need."""
        path = Path(path)
        fmt = dataset_format(path)
        if self._parts is None and self._trig is None:  # the rdflib store: its Dataset has them
            write_dataset(self.store.to_rdflib(), path)
        elif fmt == "trig":
            atomic_write(path, self._trig_file().to_bytes())
        else:
            atomic_write(path, self._nquads(contributions=True))

    def _trig_file(self) -> TrigBlocks:
        if self._trig is None:
            assert self._parts is not None and self._shared is not None
            trig = TrigBlocks(trig_header(), {})
            trig.blocks[_SHARED] = _trig_block(self._shared, _SHARED, trig.header)
            for p in self._parts:
                trig.blocks[p.graph] = _trig_block(p.own, p.graph, trig.header)
                trig.blocks[p.contrib_graph] = _trig_block(p.shared, p.contrib_graph, trig.header)
            self._trig = trig
        return self._trig

    def _nquads(self, contributions: bool) -> bytes:
        if self._parts is None:  # an update: its blocks
            import pyoxigraph as ox

            quads = ox.parse(input=self._trig_file().to_bytes(), format=ox.RdfFormat.TRIG)
            data = ox.serialize(quads, format=ox.RdfFormat.N_QUADS)
            if contributions:
                return data
            keep = (
                line for line in data.splitlines(keepends=True) if CONTRIB_GRAPH_PREFIX.encode() not in line
            )
            return b"".join(keep)
        assert self._shared is not None
        out = [_quads(self._shared, _SHARED), *(_quads(p.own, p.graph) for p in self._parts)]
        if contributions:
            out += [
                _quads(p.shared, p.contrib_graph) for p in sorted(self._parts, key=lambda p: p.contrib_graph)
            ]
        return b"".join(out)


def _oxigraph(result: BuildResult) -> OxigraphStore:
    """The query store: the union of the graphs in Oxigraph's default graph."""
    import pyoxigraph as ox

    st = ox.Store()
    if result._parts is not None and result._shared is not None:
        union = b"".join([*result._shared, *(line for p in result._parts for line in p.own)])
        st.bulk_load(input=union, format=ox.RdfFormat.N_TRIPLES, lenient=True)  # checked in nt_lines
    else:
        st.bulk_load(input=result._trig_file().union_turtle(), format=ox.RdfFormat.TURTLE)
    return OxigraphStore(st, union_default=True)


def _named_graphs(result: BuildResult) -> Dataset:
    """The graphs as an rdflib Dataset, through a named-graph Oxigraph store."""
    import pyoxigraph as ox

    st = ox.Store()
    if result._parts is not None:
        st.bulk_load(input=result._nquads(contributions=False), format=ox.RdfFormat.N_QUADS, lenient=True)
    else:
        st.bulk_load(input=result._trig_file().to_bytes(), format=ox.RdfFormat.TRIG)
        drop_contributions(st)
    return OxigraphStore(st).to_rdflib()


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
) -> BuildResult:
    """Read every plan under ``paths`` into one dataset; validate it against the shapes.

    Parameters
    ----------
    paths : files and folders (folders are read recursively).
    check : validate the dataset against ``ontology/shapes.ttl``.
    progress : called once per file, after it is read (for progress bars).
    store : ``"oxigraph"`` (fast) or ``"rdflib"`` (plain rdflib, the reference).
    jobs : processes reading plans and validating; ``None`` = all cores, 1 = in-process.
    timeout : seconds one file may take before it becomes a Failure.
    update : a .trig dataset written by ``build``: files whose SHA-256 it already holds are
        skipped unread, plans read again replace their graphs (same region and title, same
        graph), the other graphs are kept as they are and the shared graph is patched to what
        a full build would give. Plans whose files are not given are kept (never removed).
        Only the plans read (and the shared nodes they touch) are validated.
    output : write the dataset there (.trig or .nq) before returning.

    Returns
    -------
    BuildResult
        The store, readings, failures, validation, and the files an update skipped.
    """
    registry.resolve("store", store)
    files = expand_paths(paths)
    n_jobs = default_jobs() if jobs is None else max(1, jobs)
    if update is not None:
        result = _update(Path(update), files, check, progress, jobs, timeout)
    else:
        result = _build(files, check, progress, store, jobs, timeout)
    if store == "rdflib" and not isinstance(result._store, RdflibStore):  # an update asked for rdflib
        result._store = RdflibStore(result.dataset)
    if check and result.validation is None and result._parts is not None:
        result.validation = validate_units(_units(result._parts, result._shared or [], n_jobs), jobs=n_jobs)
    if output is not None:
        result.write(output)
    return result


def _read(
    files: list[Path], progress: Callable[[Path], None] | None, jobs: int | None, timeout: float
) -> tuple[list[PlanReading], list[PlanPart], list[Failure]]:
    items = map_files(read_one, files, jobs=jobs, timeout=timeout, progress=progress)
    failures = [x for x in items if isinstance(x, Failure)]
    read = [x for x in items if not isinstance(x, Failure)]
    readings = combine([r for r, _ in read])
    made = {id(r): part for r, part in read}
    parts: dict[str, PlanPart] = {}
    for r in readings:  # combine() may have merged readings: map those again
        part = made.get(id(r)) or PlanPart.from_reading(r)
        parts[part.graph] = part  # a later reading of the same plan wins
    return readings, [parts[g] for g in sorted(parts)], failures


def _build(
    files: list[Path],
    check: bool,
    progress: Callable[[Path], None] | None,
    store: str,
    jobs: int | None,
    timeout: float,
) -> BuildResult:
    readings, parts, failures = _read(files, progress, jobs, timeout)
    if store == "rdflib":
        ds = reading_to_dataset(readings, contributions=True)
        result = BuildResult(readings, failures, plans=len(parts), _store=RdflibStore(ds))
        if check:
            result.validation = validate(ds)
        return result
    shared = sorted({line for p in parts for line in p.shared})
    return BuildResult(readings, failures, plans=len(parts), _parts=parts, _shared=shared)


def _update(
    path: Path,
    files: list[Path],
    check: bool,
    progress: Callable[[Path], None] | None,
    jobs: int | None,
    timeout: float,
) -> BuildResult:
    """Update the TriG at ``path`` with ``files``: see :func:`build`."""
    if dataset_format(path) != "trig":
        raise ValueError(f"{path}: --update needs a .trig dataset written by ipgraph build")
    if not path.is_file():
        raise FileNotFoundError(f"{path}: no dataset to update")
    trig = TrigBlocks.split(path.read_bytes(), path)
    plans = sorted(g for g in trig.blocks if g.startswith(_PLAN_GRAPH_PREFIX))
    missing = [g for g in plans if str(contribution_graph_iri(g)) not in trig.blocks]
    if missing:
        raise ValueError(
            f"{path}: {len(missing)} plan graph(s) without their graph/contrib/… record; rebuild it"
        )
    known = {m.group(1).decode() for g in plans for m in _SHA.finditer(trig.blocks[g])}
    skipped, todo = [], []
    for f in files:
        try:
            digest = hashlib.sha256(f.read_bytes()).hexdigest()
        except OSError:
            digest = None  # read it, so that the failure is reported
        (skipped if digest in known else todo).append(f)
        if progress and digest in known:
            progress(f)
    readings, parts, failures = _read(todo, progress, jobs, timeout)
    new = {p.graph: p for p in parts}
    kept = [g for g in plans if g not in new]
    removed = [trig.blocks[str(contribution_graph_iri(g))] for g in plans if g in new]
    patched = _patch_shared(
        trig.header,
        trig.blocks.get(_SHARED, b""),
        _block_lines(removed, trig.header),
        sorted({line for p in parts for line in p.shared}),
        [trig.blocks[str(contribution_graph_iri(g))] for g in kept],
    )
    if patched is None:  # not the layout the patch needs: rebuild it from every contribution
        shared_lines = set(
            _block_lines([trig.blocks[str(contribution_graph_iri(g))] for g in kept], trig.header)
        )
        shared_lines.update(line for p in parts for line in p.shared)
        shared = sorted(shared_lines)
        touched = _subjects(line for p in parts for line in p.shared) | _subjects(
            _block_lines(removed, trig.header)
        )
        patched = (
            _trig_block(shared, _SHARED, trig.header),
            [line for line in shared if line.split(b" ", 1)[0] in touched],
        )
    shared_block, touched_lines = patched
    out = TrigBlocks(trig.header, {g: trig.blocks[g] for g in kept})
    out.blocks.update(
        {str(contribution_graph_iri(g)): trig.blocks[str(contribution_graph_iri(g))] for g in kept}
    )
    if shared_block:
        out.blocks[_SHARED] = shared_block
    for p in parts:
        out.blocks[p.graph] = _trig_block(p.own, p.graph, trig.header)
        out.blocks[p.contrib_graph] = _trig_block(p.shared, p.contrib_graph, trig.header)
    result = BuildResult(readings, failures, skipped=skipped, plans=len(kept) + len(parts), _trig=out)
    if check:  # the plans read, and the shared nodes they (or the versions they replace) describe
        units = _units(parts, touched_lines, default_jobs())
        result.validation = validate_units(units, jobs=default_jobs() if jobs is None else jobs)
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
    if isinstance(dataset, OxigraphStore):
        store = dataset.store
        prefixes = _PREFIXES if fmt == "trig" else None
        atomic_write(path, lambda tmp: store.dump(str(tmp), format=ox_format(path), prefixes=prefixes))
    else:
        graph = dataset.dataset if isinstance(dataset, RdflibStore) else dataset
        atomic_write(path, lambda tmp: graph.serialize(destination=str(tmp), format=fmt, encoding="utf-8"))


def validate_file(
    path: Path | str, *, jobs: int | None = None, engine: str = DEFAULT_ENGINE
) -> tuple[ValidationResult, int]:
    """Validate a dataset file against the shapes; return the result and its number of triples.

    ``engine="fast"`` (the default) checks the union of the file's graphs with ipgraph's SHACL
    Core engine. With ``engine="pyshacl"``, a TriG file written by :func:`build` (with its
    ``graph/contrib/…`` records) is validated in parts on ``jobs`` processes; any other file
    as the union of its graphs.
    """
    path = Path(path)
    if not registry.load("shacl", engine).by_units:  # reads the file as the union of its graphs at once
        return validate_path(path, engine=engine)
    n_jobs = default_jobs() if jobs is None else max(1, jobs)
    try:
        trig = TrigBlocks.split(path.read_bytes(), path) if rdf_format(path) == "trig" else None
    except ValueError:
        trig = None
    plans = sorted(g for g in trig.blocks if g.startswith(_PLAN_GRAPH_PREFIX)) if trig else []
    if trig is None or not plans or any(str(contribution_graph_iri(g)) not in trig.blocks for g in plans):
        ds = load_dataset(path)
        return validate(ds), len(ds)
    parts = [
        PlanPart(
            g,
            _block_lines([trig.blocks[g]], trig.header),
            _block_lines([trig.blocks[str(contribution_graph_iri(g))]], trig.header),
        )
        for g in plans
    ]
    shared = _block_lines([trig.blocks[_SHARED]], trig.header) if _SHARED in trig.blocks else []
    n = len(shared) + sum(len(p.own) for p in parts)
    return validate_units(_units(parts, shared, n_jobs), jobs=n_jobs), n
