"""Run a function over many files on worker processes, one file never holding up the rest.

``concurrent.futures.ProcessPoolExecutor`` cannot stop one hung task, and a worker that dies
breaks the whole pool; here each worker is a process of our own, handed one file at a time,
so a file that runs past its time limit has its worker killed and replaced, and a worker
that dies (a crash in a C extension) costs only the file it held. Both become a
:class:`~ipgraph.model.Failure` for that file.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import signal
import time
from collections import deque
from collections.abc import Callable, Sequence
from multiprocessing.connection import wait
from pathlib import Path
from typing import Any

from .model import Failure

__all__ = ["DEFAULT_TIMEOUT", "default_jobs", "map_files"]

DEFAULT_TIMEOUT = 60.0  # seconds one file may take before it is given up as a Failure


def default_jobs() -> int:
    """The number of cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def context() -> Any:
    """fork where there is one: workers start in milliseconds with everything imported."""
    return mp.get_context("fork" if "fork" in mp.get_all_start_methods() else None)


def _serve(conn: Any, func: Callable[[Path], Any]) -> None:
    """A worker process: run ``func`` on each file sent, send back the result, until told to stop.

    Ctrl-C is the main process's to handle (it stops the workers): a worker ignores it, so that
    an interrupted build prints one line, not a traceback per worker.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):  # blocked while forking (see _Worker): now ignored
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    while True:
        try:
            msg = conn.recv()
        except (EOFError, OSError):
            return
        if msg is None:
            return
        i, path = msg
        conn.send((i, func(path)))


class _Worker:
    def __init__(self, ctx: Any, func: Callable[[Path], Any]) -> None:
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_serve, args=(child, func), daemon=True)
        # A Ctrl-C between the fork and the worker's SIG_IGN would stop the worker with a traceback
        # (seen under load): SIGINT stays blocked until the worker ignores it.
        block = hasattr(signal, "pthread_sigmask")
        if block:
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        try:
            self.proc.start()
        finally:
            if block:
                signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
        child.close()
        self.task: tuple[int, Path] | None = None
        self.started = 0.0

    def give(self, i: int, path: Path) -> None:
        self.task, self.started = (i, path), time.monotonic()
        self.conn.send((i, path))

    def stop(self, kill: bool = False) -> None:
        if kill:
            self.proc.kill()
        else:
            try:
                self.conn.send(None)
            except OSError:
                pass
        self.proc.join(timeout=5)
        if self.proc.is_alive():
            self.proc.kill()
            self.proc.join()
        self.conn.close()


def map_files(
    func: Callable[[Path], Any],
    files: Sequence[Path],
    *,
    jobs: int | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    progress: Callable[[Path], None] | None = None,
) -> list[Any]:
    """``func(file)`` for every file, on ``jobs`` worker processes; results in file order.

    Parameters
    ----------
    func : a module-level function (it is run in other processes) that returns a Failure
        rather than raise.
    files : the files.
    jobs : worker processes; ``None`` = all cores (never more than files); 1 = in-process, for
        debugging. Workers are forked (milliseconds), so even one file runs in a worker and
        ``timeout`` holds for every batch.
    timeout : seconds one file may take in a worker; then the worker is killed and the file
        is a Failure ("timed out after … s"). In-process runs (``jobs=1``) have no time limit.
    progress : called with each file once it is done (in the calling process).

    Returns
    -------
    list
        One result per file, in the order of ``files``.
    """
    files = list(files)
    n = default_jobs() if jobs is None else max(1, jobs)
    if jobs == 1 or not files:
        out = []
        for f in files:
            out.append(func(f))
            if progress:
                progress(f)
        return out
    pool = _Pool(func, files, min(n, len(files)), timeout, progress)
    try:
        while pool.pending or pool.busy():
            pool.assign()
            pool.collect()
            pool.expire()
    finally:
        pool.stop()
    return pool.results


class _Pool:
    """Workers of our own, handed one file at a time: the steps of :func:`map_files`."""

    def __init__(
        self,
        func: Callable[[Path], Any],
        files: list[Path],
        n: int,
        timeout: float,
        progress: Callable[[Path], None] | None,
    ) -> None:
        self.ctx, self.func, self.timeout, self.progress = context(), func, timeout, progress
        self.results: list[Any] = [None] * len(files)
        self.pending = deque(enumerate(files))
        self.workers = [_Worker(self.ctx, func) for _ in range(n)]

    def busy(self) -> list[_Worker]:
        return [w for w in self.workers if w.task]

    def done(self, i: int, path: Path, item: Any) -> None:
        self.results[i] = item
        if self.progress:
            self.progress(path)

    def replace(self, w: _Worker, reason: str) -> None:
        """Kill ``w`` (its file becomes a Failure with ``reason``) and start a new worker."""
        assert w.task is not None
        (i, path), w.task = w.task, None
        w.stop(kill=True)
        self.workers[self.workers.index(w)] = _Worker(self.ctx, self.func)
        self.done(i, path, Failure(path, reason))

    def assign(self) -> None:
        """Give each idle worker a file; a worker that died while idle is replaced first."""
        for slot, w in enumerate(self.workers):
            if w.task is None and self.pending:
                task = self.pending.popleft()
                try:
                    w.give(*task)
                except OSError:  # the worker died while idle: a new one takes the file
                    w.task = None
                    w.stop(kill=True)
                    self.workers[slot] = _Worker(self.ctx, self.func)
                    self.workers[slot].give(*task)

    def collect(self) -> None:
        """Wait for answers until the first deadline; a worker that died costs its file."""
        busy = self.busy()
        left = max(0.0, min(w.started + self.timeout for w in busy) - time.monotonic())
        for conn in wait([w.conn for w in busy], timeout=left):
            w = next(w for w in self.workers if w.conn is conn)
            try:
                _, item = conn.recv()
            except (EOFError, OSError):
                w.proc.join(timeout=1)
                self.replace(w, f"reader process died (exit code {w.proc.exitcode})")
                continue
            assert w.task is not None
            (i, path), w.task = w.task, None
            self.done(i, path, item)

    def expire(self) -> None:
        """Workers past their time limit are killed; their files become Failures."""
        now = time.monotonic()
        for w in list(self.workers):
            if w.task and now - w.started > self.timeout:
                self.replace(w, f"timed out after {self.timeout:g} s")

    def stop(self) -> None:
        for w in self.workers:
            w.stop(kill=w.task is not None)
