"""Files and folders → one RDF dataset (one named graph per plan), validated, written.

``build`` is the pipeline a notebook user calls; ``ipgraph build`` is a thin wrapper.
A file that cannot be read is reported as a :class:`~ipgraph.pipeline.Failure` with its
reason and the batch goes on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Dataset

from .model import PlanReading
from .pipeline import Failure, combine, expand_paths, read_plans
from .rdf import new_dataset, reading_to_dataset
from .validate import ValidationResult, validate

__all__ = ["RDF_FORMATS", "BuildResult", "build", "load_dataset", "write_dataset"]

RDF_FORMATS = {".trig": "trig", ".nq": "nquads", ".nquads": "nquads", ".ttl": "turtle", ".nt": "nt"}


@dataclass(slots=True)
class BuildResult:
    dataset: Dataset
    readings: list[PlanReading] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    validation: ValidationResult | None = None

    @property
    def ok(self) -> bool:
        return not self.failures and (self.validation is None or self.validation.conforms)


def build(
    paths: Iterable[Path | str], *, check: bool = True, progress: Callable[[Path], None] | None = None
) -> BuildResult:
    """Read every plan under ``paths`` into one dataset; validate it against the shapes.

    Parameters
    ----------
    paths : files and folders (folders are read recursively).
    check : validate the dataset against ``ontology/shapes.ttl``.
    progress : called once per file, after it is read (for progress bars).
    """
    files = expand_paths(paths)
    result = BuildResult(dataset=new_dataset())
    for path, item in zip(files, read_plans(files), strict=True):
        if isinstance(item, Failure):
            result.failures.append(item)
        else:
            result.readings.append(item)
        if progress:
            progress(path)
    result.readings = combine(result.readings)
    reading_to_dataset(result.readings, result.dataset)
    if check:
        result.validation = validate(result.dataset)
    return result


def _format(path: Path) -> str:
    fmt = RDF_FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise ValueError(f"{path}: unknown RDF file type; use one of {', '.join(sorted(RDF_FORMATS))}")
    return fmt


def write_dataset(dataset: Dataset, path: Path | str) -> None:
    """Write the dataset; the format follows the file's extension (.trig, .nq)."""
    path = Path(path)
    fmt = _format(path)
    if fmt not in ("trig", "nquads"):
        raise ValueError(f"{path}: a dataset with named graphs needs .trig or .nq")
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    dataset.serialize(destination=str(tmp), format=fmt, encoding="utf-8")
    tmp.replace(path)  # never leave a half-written graph behind


def load_dataset(path: Path | str) -> Dataset:
    """Load a dataset written by :func:`write_dataset` (or any TriG / N-Quads / Turtle file)."""
    path = Path(path)
    ds = new_dataset()
    ds.parse(str(path), format=_format(path))
    return ds
