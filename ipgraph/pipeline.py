"""The pipeline's entry points: a file → a reading; files and folders → readings.

Data flows one way: file → loader → :class:`~ipgraph.model.PlanReading` → RDF → store /
queries / views. Failures are values here, not exceptions, so that one bad file never
stops a batch.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .loaders import LoadError, load
from .model import PlanReading
from .reading.reader import NoPlanStructure, read_text

__all__ = ["Failure", "combine", "expand_paths", "read_plan", "read_plans"]


@dataclass(frozen=True, slots=True)
class Failure:
    path: Path
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


def read_plan(path: Path | str) -> PlanReading:
    """Read one plan file. Raises :class:`~ipgraph.loaders.LoadError` naming the file and the problem."""
    path = Path(path)
    doc = load(path)
    try:
        reading = read_text(doc.text, source=path.name, source_path=str(path), sha256=doc.sha256)
    except NoPlanStructure as e:
        raise LoadError(path, str(e)) from None
    except RecursionError:
        raise LoadError(path, "document structure too deeply nested") from None
    return reading


def expand_paths(paths: Iterable[Path | str]) -> list[Path]:
    """Files named, and the supported files inside folders named (recursively, sorted)."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out += sorted(f for f in p.rglob("*") if f.is_file() and not f.name.startswith("."))
        else:
            out.append(p)
    return out


def read_plans(paths: Iterable[Path]) -> Iterator[PlanReading | Failure]:
    """Each file's reading, or a :class:`Failure` with the reason, in order."""
    for p in paths:
        try:
            yield read_plan(p)
        except LoadError as e:
            yield Failure(p, e.reason)
        except Exception as e:  # a bug must not cost the user the rest of the batch
            yield Failure(p, f"internal error while reading ({type(e).__name__}: {e})")


def combine(readings: list[PlanReading]) -> list[PlanReading]:
    """Readings after merging those that belong together (a task table into its plan).

    Called once per batch, after every file is read; the identity until loaders for task
    tables exist.
    """
    return readings
