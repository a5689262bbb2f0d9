"""Answers of slow queries kept in the on-disk store's folder, so that asking again is instant.

Oxigraph answers a join-heavy aggregate over 1,000 plans from its on-disk store in seconds
(every lookup is a RocksDB seek); an analyst asks the same question again and again, in a
table, then as CSV, then in English. The store is a cache of one file's bytes that is never
changed in place (:mod:`ipgraph.storedir` makes a new folder whenever the file changes), so an
answer computed from it stays true for as long as the folder exists, and goes with it.

An answer is kept under the SHA-256 of the query text, its bound parameters (as N-Triples
terms) and this module's format, as JSON: its values are already plain (str, int, float,
bool, None; :mod:`ipgraph.values`), which JSON gives back exactly. Answers that came fast,
or are larger than :data:`MAX_BYTES`, are not kept; a folder that cannot be written (a
shared, read-only dataset) is simply not used.

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> k = key("SELECT ?x WHERE { ?x ?p ?o }", {"param_lang": '"zh"'})
>>> write(folder, k, ["x", "n"], [("厦门市", 3), (None, 2.5)])
True
>>> read(folder, k)
(['x', 'n'], [('厦门市', 3), (None, 2.5)])
>>> read(folder, key("SELECT ?x WHERE { ?x ?p ?o }", {"param_lang": '"en"'})) is None
True
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

__all__ = ["FOLDER", "MAX_BYTES", "MIN_SECONDS", "key", "read", "write"]

FOLDER = "answers"  # inside the store folder
FORMAT = 1  # bumped when what an answer file holds, or how values are typed, changes
MAX_BYTES = 64 << 20  # a larger answer is computed each time rather than kept
MIN_SECONDS = 0.2  # an answer that came faster than this is not worth a file
MAX_FILES = 2000  # beyond this many answers the oldest half is dropped


def key(sparql: str, bound: Mapping[str, str]) -> str:
    """The answer's name: the query text, each bound variable with its term (N-Triples), the format."""
    h = hashlib.sha256(f"ipgraph-answer/{FORMAT}\n{sparql}\n".encode())
    for var in sorted(bound):
        h.update(f"{var}={bound[var]}\n".encode())
    return h.hexdigest()


def read(folder: Path, name: str) -> tuple[list[str], list[tuple[Any, ...]]] | None:
    """The columns and rows kept under ``name``, or None (not kept, unreadable, another format)."""
    try:
        data = json.loads((folder / f"{name}.json").read_bytes())
        if data.get("format") != FORMAT:
            return None
        return list(data["columns"]), list(map(tuple, data["rows"]))
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def write(folder: Path, name: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> bool:
    """Keep an answer (atomically: a reader sees the whole file or none); False when not kept."""
    from .atomic import atomic_write

    text = json.dumps({"format": FORMAT, "columns": list(columns), "rows": rows}, ensure_ascii=False)
    if len(text) > MAX_BYTES:
        return False
    try:
        folder.mkdir(exist_ok=True)
        atomic_write(folder / f"{name}.json", text)
        _prune(folder)
    except OSError:
        return False
    return True


def _prune(folder: Path) -> None:
    """Drop the older half of the answers once there are more than :data:`MAX_FILES`."""
    files = list(folder.glob("*.json"))
    if len(files) <= MAX_FILES:
        return
    files.sort(key=lambda p: p.stat().st_mtime_ns)
    for path in files[: len(files) // 2]:
        try:
            os.unlink(path)
        except OSError:
            pass
