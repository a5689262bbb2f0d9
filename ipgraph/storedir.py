"""The on-disk Oxigraph store beside a dataset file: made by ``build``, opened read-only by
``query``, ``viz``, ``serve`` and ``neo4j push`` when it matches the file, rebuilt when not.

Parsing a 1,000-plan TriG takes seconds and hundreds of MB on every call; opening a store
on disk takes milliseconds. The TriG stays the portable artefact: the store is a cache of
it, keyed by the file's SHA-256 (written in ``ipgraph-store.json`` inside the store folder),
so a file edited, replaced or copied elsewhere is never answered from a stale store. Hashing a
5,000-plan file costs a fresh process a few tenths of a second, so the file's stat record (size,
mtime, ctime, inode: what ``git status`` trusts) is kept beside the digest and the digest is
computed again only when that record changed; ctime cannot be set back by any tool, so a file
rewritten in place or renamed over the old one is always hashed again.

Answers to queries are kept in the store folder too (:mod:`ipgraph.answers`), so they go
with the store when it is made again.

The store's default graph holds the union of the dataset's graphs (the bookkeeping
``graph/contrib/…`` graphs left out), which Oxigraph answers several times faster than its
union of named graphs; the named graphs are kept too (for ``serve`` and tools that ask
for a plan's graph).
"""

from __future__ import annotations

import hashlib
import json
import logging
import shutil
import uuid
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .namespaces import CONTRIB_GRAPH_PREFIX
from .rdffiles import ox_format
from .terms import bulk_loading_allowed, load_lines

__all__ = ["META", "default_dir", "file_digest", "open_dir", "write_dir"]

log = logging.getLogger(__name__)
META = "ipgraph-store.json"
LAYOUT = 1  # bumped when what the store holds changes: an older store is then rebuilt


def default_dir(dataset: Path) -> Path:
    """Where the store of ``graph.trig`` lives unless told: ``graph.trig.store/`` beside it."""
    return dataset.with_name(dataset.name + ".store")


def file_digest(path: Path) -> str:
    """The SHA-256 of a file, read in blocks."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        while block := fh.read(1 << 20):
            h.update(block)
    return h.hexdigest()


def stat_record(path: Path) -> list[int]:
    """What changes whenever the file's bytes may have: size, mtime, ctime (ns) and inode."""
    st = path.stat()
    return [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino]


def _meta(folder: Path) -> dict[str, Any]:
    try:
        return json.loads((folder / META).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _quads_of(dataset: Path) -> Iterable[Any]:
    """The file's quads without the bookkeeping graphs, each also in the default graph."""
    import pyoxigraph as ox

    for q in ox.parse(path=str(dataset), format=ox_format(dataset)):
        g = q.graph_name
        if isinstance(g, ox.NamedNode) and g.value.startswith(CONTRIB_GRAPH_PREFIX):
            continue
        yield ox.Quad(q.subject, q.predicate, q.object)  # the union, in the default graph
        if not isinstance(g, ox.DefaultGraph):
            yield q


def write_dir(
    dataset: Path,
    folder: Path | None = None,
    *,
    union: bytes | None = None,
    nquads: bytes | None = None,
    digest: str | None = None,
) -> Path:
    """Make the store of ``dataset`` in ``folder`` (default: :func:`default_dir`); return it.

    ``union`` (N-Triples) and ``nquads`` (the named graphs), when the caller has them (a
    build), spare parsing the file again. The store is made in a new folder beside the old
    one and then put in its place, so a reader never opens a half-made store.
    """
    import pyoxigraph as ox

    folder = folder or default_dir(dataset)
    digest = digest or file_digest(dataset)
    folder.parent.mkdir(parents=True, exist_ok=True)
    tmp = folder.with_name(f".{folder.name}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        store = ox.Store(str(tmp))
        if union is not None and nquads is not None:
            load_lines(store, union, ox.RdfFormat.N_TRIPLES)  # checked lines
            load_lines(store, nquads, ox.RdfFormat.N_QUADS)
        else:
            store.bulk_extend(_quads_of(dataset))
        store.optimize()
        store.flush()
        del store  # closed before it is moved
        meta = {"layout": LAYOUT, "source": dataset.name, "sha256": digest, "stat": stat_record(dataset)}
        (tmp / META).write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
        if folder.exists():
            old = folder.with_name(f".{folder.name}.{uuid.uuid4().hex[:8]}.old")
            folder.rename(old)
            tmp.rename(folder)
            shutil.rmtree(old, ignore_errors=True)
        else:
            tmp.rename(folder)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return folder


def open_dir(dataset: Path, folder: Path | None = None) -> Any:
    """A read-only pyoxigraph Store over ``dataset``'s store; made first when it is missing or
    does not match the file (logged). ``None`` when it cannot be made (a read-only folder):
    the caller then loads the file in memory."""
    import pyoxigraph as ox

    folder = folder or default_dir(dataset)
    meta = _meta(folder)
    if meta.get("layout") == LAYOUT and meta.get("stat") == stat_record(dataset):
        return ox.Store.read_only(str(folder))  # the file has not been touched since it was hashed
    digest = file_digest(dataset)
    if meta.get("sha256") == digest and meta.get("layout") == LAYOUT:
        _remember_stat(folder, meta, dataset)  # the same bytes, touched or copied: hash it once
    else:
        why = "does not match" if meta else "is missing"
        if not bulk_loading_allowed():  # RocksDB may not map its cache under the cap, and aborts
            log.info("store %s %s %s; under an address-space cap: file read in memory", folder, why, dataset)
            return None
        log.info("store %s %s %s; making it", folder, why, dataset)
        try:
            write_dir(dataset, folder, digest=digest)
        except OSError as e:
            log.warning("cannot write the store %s (%s); reading %s in memory", folder, e, dataset)
            return None
    return ox.Store.read_only(str(folder))


def _remember_stat(folder: Path, meta: dict[str, Any], dataset: Path) -> None:
    """Record the file's new stat beside its (unchanged) digest; a read-only folder is left as is."""
    from .atomic import atomic_write

    try:
        atomic_write(folder / META, json.dumps({**meta, "stat": stat_record(dataset)}, indent=1) + "\n")
    except OSError:
        pass
