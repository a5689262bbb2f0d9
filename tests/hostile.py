"""The hostile-input cases of issue 17 as data, shared by ``tests/test_hostile.py`` and
``bench/hostile.py``: each case makes its bad file, runs ``ipgraph build`` on it beside a good
plan in a fresh process under a memory cap, and says what the file must be failed for.

A case passes when the bad file is named with its reason, the good plan is still built, and
the run stays under the cap and the time limit.
"""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import hostile_inputs as make

ROOT = Path(__file__).resolve().parent.parent
PLANS = ROOT / "samples" / "plans"
GOOD = PLANS / "004_413121bb9f269da9.txt"
XLS = Path(__file__).resolve().parent / "data" / "inputs" / "xiamen_tasks.xls"
MEMORY_CAP = 2**30  # bytes of address space per run (RLIMIT_AS)
TIME_LIMIT = 90.0  # seconds per run (a bound hit fails fast: seconds, not minutes)


@dataclass(frozen=True)
class Case:
    name: str
    make: Callable[[Path], Path]  # folder → the bad file (made inside it)
    reason: str  # what the failure line must say
    read: bool = False  # the file is read (a plan or a task table), not failed
    extract: bool = False  # only read it (``ipgraph extract``): the case is about reading


def _big5(folder: Path) -> Path:
    """Another sample plan in traditional script, encoded in Big5."""
    import opencc

    text = (PLANS / "000_465b383044845e1e.txt").read_text("utf-8")
    return make.big5_plan(folder, opencc.OpenCC("s2t").convert(text))


def _undecodable(folder: Path) -> Path:
    path = folder / "binary.txt"
    path.write_bytes(bytes(range(128, 256)) * 50)
    return path


def _dev_zero(folder: Path) -> Path:
    link = folder / "zero.txt"
    link.symlink_to("/dev/zero")
    return link


CASES = [
    Case("docx-gridspan", make.docx_gridspan, "a cell spanning 2,000,000,000 columns"),
    Case("docx-inflating", make.docx_inflating, "unzips to"),
    Case("docx-deep-xml", make.docx_deep, "XML inside the Word file"),
    Case("xlsx-far-cell", make.xlsx_far_cell, "a cell at XFD1048576"),
    Case("xlsx-merged-sheet", make.xlsx_merged_sheet, "the merged range A3:XFD1048576"),
    Case("xls-far-cell", lambda d: make.xls_far_cell(d, XLS), "65,536 rows × 256 columns"),
    Case("html-deep", make.deep_page, "nested deeper than the HTML parser reads"),
    Case("html-scripts", make.script_page, "MB of script"),
    Case("fifo", make.fifo, "a named pipe (FIFO)"),
    Case("dev-zero", _dev_zero, "a character device"),
    Case("undecodable", _undecodable, "bytes"),
    Case("big5", _big5, "", read=True),
    # 20,000 measures are read in seconds (the quadratic reading took 106 s); building them is
    # 600,000 triples, linear but beyond the cap: the case is the reading
    Case("csv-20000-rows", make.csv_rows, "", read=True, extract=True),
]


def _cap() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


@dataclass
class Run:
    returncode: int
    stderr: str
    seconds: float
    peak_mb: float  # peak resident memory of the CLI process (its reading runs in-process: -j 1)


def ipgraph(args: list[str], cwd: Path, *, timeout: float = TIME_LIMIT) -> Run:
    """``ipgraph ARGS`` in a fresh process under the memory cap; its own peak memory measured."""
    import threading

    cmd = [sys.executable, "-m", "ipgraph", *args]
    t0 = time.monotonic()
    p = subprocess.Popen(cmd, cwd=cwd, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, preexec_fn=_cap)
    timer = threading.Timer(timeout, p.kill)
    timer.start()
    try:
        err = p.stderr.read().decode("utf-8", "replace")
        _, status, usage = os.wait4(p.pid, 0)  # this child's own rusage (peak RSS)
    finally:
        timer.cancel()
        p.stderr.close()
    p.returncode = os.waitstatus_to_exitcode(status)
    if p.returncode == -9:
        err += "\n(timed out)"
    return Run(p.returncode, err, time.monotonic() - t0, usage.ru_maxrss / 1024)


def run_case(case: Case, tmp: Path) -> tuple[bool, Run, Path]:
    """Build the bad file beside a good plan, both named (``-j 1``: read in the capped process)."""
    folder = tmp / "in"
    folder.mkdir()
    shutil.copy(GOOD, folder / GOOD.name)
    bad = case.make(folder)
    if case.extract:
        run = ipgraph(["extract", f"in/{bad.name}", "--format", "json"], tmp)
        return run.returncode == 0 and not run.stderr.strip(), run, bad
    args = ["build", f"in/{GOOD.name}", f"in/{bad.name}", "-o", "out.trig", "-j", "1", "--no-validate"]
    run = ipgraph(args, tmp)
    if case.read:
        ok = run.returncode == 0 and "failed" not in run.stderr and "built 2 plan(s)" in run.stderr
    else:
        line = next((ln for ln in run.stderr.splitlines() if ln.startswith("failed") and bad.name in ln), "")
        ok = run.returncode == 1 and case.reason in line and "built 1 plan(s)" in run.stderr
    return ok and (tmp / "out.trig").is_file(), run, bad
