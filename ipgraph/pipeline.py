"""The pipeline's entry points: a file → a reading; files and folders → readings.

Data flows one way: file → loader → :class:`~ipgraph.model.PlanReading` → RDF → store /
queries / views. Failures are values here, not exceptions, so that one bad file never
stops a batch.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from .fetch import Fetched
from .loaders import LoadError, load
from .loaders.text import in_rows
from .model import Failure, PlanMeta, PlanReading
from .reading.reader import NoPlanStructure, read_text
from .reading.tasktable import (
    TaskTableReading,
    belongs_to,
    enrich_in_place,
    merge,
    read_task_table,
    task_rows,
)
from .text import to_simplified

__all__ = ["Failure", "combine", "expand_paths", "place_of", "read_plan", "set_places"]


PLACES_FILE = "ipgraph-places.toml"
_user_places: dict[Path, str] = {}  # file → place, as the command line or the notebook set them


def set_places(places: Mapping[Path | str, str]) -> None:
    """Set the place of files whose documents do not say it (``--region FILE=泸州市``).

    Kept for the process and the reading workers it starts, like a setting; ``{}`` clears it.
    """
    _user_places.clear()
    _user_places.update({Path(k).resolve(): v for k, v in places.items()})


def place_of(path: Path) -> str | None:
    """The place the user set for ``path``: by :func:`set_places`, else in an
    ``ipgraph-places.toml`` beside it (``"plan.txt" = "泸州市"``)."""
    path = Path(path)
    if path.resolve() in _user_places:
        return _user_places[path.resolve()]
    table = path.parent / PLACES_FILE
    if table.is_file():
        try:
            places = tomllib.loads(table.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
            raise LoadError(path, f"{table.name} beside it cannot be read ({e})") from None
        value = places.get(path.name)
        return value if isinstance(value, str) else None
    return None


def read_plan(
    path: Path | str, *, tasks: Sequence[Path | str] = (), origin: Fetched | None = None
) -> PlanReading:
    """Read one plan file. Raises :class:`~ipgraph.loaders.LoadError` naming the file and the problem.

    A spreadsheet (or CSV) is read as a task-breakdown table: a reading of its own that
    :func:`combine` merges into the plan it belongs to. ``tasks`` names task tables that belong
    to this plan whatever their titles say (the command line's choice). ``origin``: the web
    address ``path`` was fetched from (its charset, address and time of retrieval).
    """
    path = Path(path)
    doc = load(path, charset=origin.charset if origin else None)
    if doc.kind == "table":
        try:
            return read_task_table(doc, place_of(path))
        except ValueError as e:  # a place set by the user that is no known region
            raise LoadError(path, str(e)) from None
    # Tables written one row per line are part of the running text: the reader reads their rows
    # as measures. The others (Word, web page, PDF grids) then give the measures their units.
    in_text = [t for t in doc.tables if in_rows(t, doc.text)]
    grids = [t for t in doc.tables if not in_rows(t, doc.text)]
    try:
        reading = read_text(
            doc.text,
            source=path.name,
            source_path=origin.url if origin else str(path),
            sha256=doc.sha256,
            row_written=in_text,
            region=place_of(path),
        )
    except NoPlanStructure as e:
        if any(task_rows(t) for t in doc.tables):  # a Word file or web page that is only a task table
            return read_task_table(doc, place_of(path))
        raise LoadError(path, str(e)) from None
    except RecursionError:
        raise LoadError(path, "document structure too deeply nested") from None
    except ValueError as e:  # a place set by the user that is no known region
        raise LoadError(path, str(e)) from None
    if not reading.measures and any(task_rows(t) for t in doc.tables):
        return read_task_table(
            doc, place_of(path)
        )  # a Word file or web page whose only numbered parts are a task table
    apply_page_meta(reading.meta, doc.meta)
    if origin is not None:
        reading.url, reading.retrieved = origin.final_url, origin.retrieved
    for table in grids:  # a task table written inside the plan's own file
        rows = task_rows(table)
        if rows:
            enrich_in_place(reading, rows)
    for t in tasks:
        try:
            table = read_plan(t)
        except LoadError as e:
            raise LoadError(path, f"task table {t}: {e.reason}") from None
        if not isinstance(table, TaskTableReading):
            raise LoadError(path, f"task table {t}: not a task-breakdown table (it reads as a plan)")
        reading = merge(reading, table)
    return reading


_DOC_NO = re.compile(r"^[\u4e00-\u9fff]{1,12}\s*[〔\[【(（]\s*\d{4}\s*[〕\]】)）]\s*第?\d{1,5}\s*号$")
_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")


def apply_page_meta(meta: PlanMeta, page: dict[str, str]) -> None:
    """Fill what the text does not say from what the file says of itself (a web page's
    文号, 发布机构, 成文日期 / 发布日期, title). The text wins where it says something."""
    if not meta.title and page.get("title"):
        meta.title = page["title"]
    number = (page.get("文号") or "").strip()
    if not meta.doc_number and _DOC_NO.match(number):
        meta.doc_number = number
    if not meta.issuers and page.get("发布机构"):
        names = [to_simplified(n) for n in re.split(r"[、,，;；\s]+", page["发布机构"]) if len(n) >= 2]
        meta.issuers = names
    if not meta.issue_date:
        for key in ("成文日期", "发布日期"):
            d = _DATE.search(page.get(key, ""))
            if d:
                meta.issue_date = f"{int(d.group(1)):04d}-{int(d.group(2)):02d}-{int(d.group(3)):02d}"
                break


# Files ipgraph writes (datasets, their temporary files): never plans, so a folder that holds
# the output of an earlier build is not read back into the next one.
_OUTPUT_SUFFIXES = (".trig", ".nq", ".nquads", ".nt", ".ttl", ".tmp")


def expand_paths(paths: Iterable[Path | str], exclude: Iterable[Path | str | None] = ()) -> list[Path]:
    """Files named, and the files inside folders named (recursively, sorted; hidden files, Office
    lock files ``~$…`` and RDF datasets left out).

    ``exclude`` names files never to read, wherever they turn up (the build's own output, so
    that building into the input folder does not read its output back).
    """
    skip = {_same(p) for p in exclude if p is not None}
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out += sorted(
                f
                for f in p.rglob("*")
                if f.is_file()
                and not f.name.startswith((".", "~$"))
                and f.suffix.lower() not in _OUTPUT_SUFFIXES
                and f.name != PLACES_FILE
                and not _in_query_store(f, p)
            )
        else:
            out.append(p)
    return [f for f in out if _same(f) not in skip] if skip else out


def _in_query_store(f: Path, top: Path) -> bool:
    """Whether ``f`` is inside an on-disk query store that ``build`` wrote (``graph.trig.store/``)."""
    inside = f.parents[: -len(top.parts)]  # the folders between ``top`` and the file
    return any(d.suffix == ".store" and (d / "ipgraph-store.json").is_file() for d in inside)


def _same(path: Path | str) -> str:
    """A key that is equal for two spellings of one file (relative, ``..``, symlinked folders)."""
    try:
        return str(Path(path).resolve())
    except (OSError, RuntimeError):
        return str(Path(path).absolute())


def combine(readings: list[PlanReading], pairs: dict[str, str] | None = None) -> list[PlanReading]:
    """Readings after merging those that belong together: a task table into its plan.

    Called once per batch, after every file is read. A task table belongs to the plan of the
    same region whose title is the table's title stem (``…工作方案任务分解表`` ↔ ``…工作方案``);
    it enriches that plan's measures instead of making a second plan. A table that matches no
    plan (or more than one) stays a plan reading of its own.

    Parameters
    ----------
    readings : the batch's readings, in file order.
    pairs : table file → plan file (paths as given to :func:`read_plan`), for tables whose titles
        do not name their plan (the command line's ``--tasks PLAN=TABLE``).
    """
    pairs = {str(Path(k)): str(Path(v)) for k, v in (pairs or {}).items()}
    plans = [r for r in readings if not isinstance(r, TaskTableReading)]
    merged: dict[int, PlanReading] = {}  # id of a plan → the plan with its tables
    out_of_place: set[int] = set()
    for r in readings:
        if isinstance(r, TaskTableReading):
            named = pairs.get(str(Path(r.source_path)))
            owners = [p for p in plans if (str(Path(p.source_path)) == named if named else belongs_to(r, p))]
            if len(owners) == 1:
                key = id(owners[0])
                merged[key] = merge(merged.get(key, owners[0]), r)
                out_of_place.add(id(r))
    return [merged.get(id(r), r) for r in readings if id(r) not in out_of_place]
