"""Benchmark: build, validate, load, serialise, update and query synthetic corpora of N plans.

Every step runs on Oxigraph (the default store) and on plain rdflib in the same run; each
step runs in a fresh subprocess (so that peak RSS is the step's own), ``--repeat`` times,
and the table shows medians, the rdflib/Oxigraph ratio, and is written to
``bench/RESULTS.md``::

    python bench/run.py --sizes 10 100 1000          # about half an hour on 2 busy cores
    python bench/run.py --sizes 5000 --rdflib-upto 0  # Oxigraph only

Steps: ``build`` = read + extract + write TriG (``ipgraph build --no-validate``);
``validate`` = ``ipgraph validate`` of that file (Oxigraph path: ipgraph's SHACL Core engine,
``ipgraph.shacl_fast``; rdflib: the union, by pyshacl); ``load`` = parse the TriG into the
store; ``serialise`` = write the store as TriG; ``update`` = ``ipgraph build --update`` with one plan changed;
``q:…`` = each SPARQL query of the installed pack (``ipgraph.queries``) plus the two of the
issue, answered as a user gets them (``ipgraph.querypack.run``: rows → DataFrame). A step
that runs past ``--step-timeout`` is shown as ``>N s``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
STORES = ("oxigraph", "rdflib")
ISSUE_QUERIES = {
    "issue:agencies-by-measures-led": """
PREFIX ipg: <https://w3id.org/ipgraph/ontology#>
SELECT ?agency (COUNT(DISTINCT ?m) AS ?led) WHERE {
  ?r a ipg:LeadResponsibility ; ipg:agency ?agency ; ipg:measure ?m .
} GROUP BY ?agency ORDER BY DESC(?led) ?agency""",
    "issue:measures-with-over-3-agencies": """
PREFIX ipg: <https://w3id.org/ipgraph/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?m (COUNT(DISTINCT ?a) AS ?n) (GROUP_CONCAT(DISTINCT ?label; separator="、") AS ?agencies) WHERE {
  ?m ipg:hasResponsibility ?r . ?r ipg:agency ?a . ?a rdfs:label ?label . FILTER(lang(?label) = "zh")
} GROUP BY ?m HAVING (COUNT(DISTINCT ?a) > 3)""",
}


# --------------------------------------------------------------------------- inside a step process


class StepTimeout(Exception):
    pass


def _alarm(seconds: float) -> None:
    def handler(signum: int, frame: Any) -> None:
        raise StepTimeout

    signal.signal(signal.SIGALRM, handler)
    signal.setitimer(signal.ITIMER_REAL, seconds)


def _timed(func: Callable[[], Any], limit: float) -> tuple[float | None, Any]:
    """(seconds, result) of ``func()``; (None, None) past ``limit`` (pure-Python work is interrupted)."""
    _alarm(limit)
    t0 = time.perf_counter()
    try:
        out = func()
    except StepTimeout:
        return None, None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    return time.perf_counter() - t0, out


def _rss_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # KiB on Linux


def _cpu() -> float:
    """CPU seconds of this process and its finished children (less sensitive to a busy machine)."""
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def pack_queries() -> dict[str, Any]:
    """Every query of the installed pack (run with its default parameters) and the issue's two."""
    from ipgraph.querypack import pack, parse_query

    out: dict[str, Any] = dict(pack())
    out.update({name: parse_query(text, name) for name, text in ISSUE_QUERIES.items()})
    return out


def step_build(args: argparse.Namespace) -> dict:
    from ipgraph.dataset import build

    files = sorted(Path(args.corpus).glob("*.txt"))
    t0, c0 = time.perf_counter(), _cpu()
    result = build(files, check=False, store=args.store, output=args.trig, jobs=args.jobs)
    seconds = time.perf_counter() - t0
    return {
        "seconds": seconds,
        "cpu": _cpu() - c0,
        "rss_mb": _rss_mb(resource.RUSAGE_SELF),
        "workers_rss_mb": _rss_mb(resource.RUSAGE_CHILDREN),
        "plans": result.plans,
        "triples": result.triples,
        "failures": len(result.failures),
    }


def step_update(args: argparse.Namespace) -> dict:
    from ipgraph.dataset import build

    work = Path(args.trig).with_suffix(".update.trig")
    shutil.copyfile(args.base, work)
    files = sorted(Path(args.corpus).glob("*.txt"))
    t0 = time.perf_counter()
    result = build(files, check=False, update=work, output=work, jobs=args.jobs)
    seconds = time.perf_counter() - t0
    return {"seconds": seconds, "read": len(result.readings), "skipped": len(result.skipped)}


def step_validate(args: argparse.Namespace) -> dict:
    from ipgraph.dataset import load_dataset, validate_file
    from ipgraph.validate import validate

    if args.store == "oxigraph":
        seconds, out = _timed(lambda: validate_file(args.trig, jobs=args.jobs), args.limit)
    else:
        seconds, out = _timed(lambda: validate(load_dataset(args.trig), engine="pyshacl"), args.limit)
    conforms = None if out is None else (out[0] if isinstance(out, tuple) else out).conforms
    return {"seconds": seconds, "conforms": conforms, "rss_mb": _rss_mb(resource.RUSAGE_SELF)}


def step_session(args: argparse.Namespace) -> dict:
    """Load the TriG, serialise it, run every query; each ``repeat`` times (medians)."""
    from ipgraph.dataset import write_dataset
    from ipgraph.store import open_store

    out: dict[str, Any] = {"load": [], "serialise": [], "queries": {}, "rows": {}}
    store = None
    for _ in range(args.repeat):
        seconds, store = _timed(lambda: open_store(args.trig, args.store), args.limit)
        out["load"].append(seconds)
        if store is None:
            return out
    target = Path(args.trig).with_suffix(f".{args.store}.out.trig")
    for _ in range(args.repeat):
        seconds, _ = _timed(lambda: write_dataset(store, target), args.limit)
        out["serialise"].append(seconds)
        if seconds is None:
            break
    target.unlink(missing_ok=True)
    import pandas  # noqa: F401  (loaded once, as in a user's session: not part of any query's time)

    import ipgraph.querypack  # noqa: F401

    for name, spec in pack_queries().items():
        times, rows = _query_in_child(store, spec, args.repeat, args.query_limit)
        if rows is not None:
            out["rows"][name] = rows
        out["queries"][name] = times
    return out


def _run_query(conn: Any, store: Any, spec: Any, repeat: int) -> None:
    """One untimed run (the forked child's first touch of the shared store pages costs up to
    2× a query's time: an artefact of forking, not what a user's session pays), then ``repeat``
    timed ones, each sent as it ends."""
    from ipgraph.querypack import run

    try:
        for k in range(repeat + 1):
            t0 = time.perf_counter()
            answer = run(store, spec)  # what a user gets: the DataFrame
            if k:
                conn.send((time.perf_counter() - t0, len(answer)))
    except Exception as e:  # a query one engine cannot run is reported, not fatal
        conn.send((None, f"error: {type(e).__name__}: {str(e)[:80]}"))


def _query_in_child(store: Any, spec: Any, repeat: int, limit: float) -> tuple[list[float | None], Any]:
    """Time a query in a forked child (the store is shared copy-on-write), each run stopped past
    ``limit`` (the warm-up run too): Oxigraph evaluates in Rust, where no signal can interrupt it."""
    import multiprocessing as mp

    ctx = mp.get_context("fork")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_run_query, args=(child, store, spec, repeat))
    proc.start()
    child.close()
    times: list[float | None] = []
    rows: Any = None
    for k in range(repeat):
        if not parent.poll(limit * (2 if k == 0 else 1)):  # the first wait holds the warm-up too
            times.append(None)
            break
        try:
            seconds, rows = parent.recv()
        except EOFError:
            times.append(None)
            rows = "error: the query process died"
            break
        times.append(seconds)
        if seconds is None:
            break
    proc.kill()
    proc.join()
    return times, rows


STEPS = {"build": step_build, "update": step_update, "validate": step_validate, "session": step_session}


# --------------------------------------------------------------------------- the orchestrator


def run_step(name: str, timeout: float, **kw: Any) -> dict:
    cmd = [sys.executable, str(Path(__file__).resolve()), "step", name]
    for k, v in kw.items():
        if v is not None:
            cmd += [f"--{k.replace('_', '-')}", str(v)]
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"seconds": None, "timeout": True}
    if proc.returncode != 0:
        raise RuntimeError(f"step {name} failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def median(xs: list[float | None]) -> float | None:
    xs = [x for x in xs if x is not None]
    return statistics.median(xs) if xs else None


def changed_corpus(corpus: Path, work: Path) -> Path:
    """The corpus with its first plan edited (one more measure): links to the other files."""
    out = work / (corpus.name + "-changed")
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    files = sorted(corpus.glob("*.txt"))
    for f in files[1:]:
        (out / f.name).symlink_to(f)
    text = files[0].read_text("utf-8")
    extra = "99.补充措施。加强知识产权保护宣传。(责任单位:市场监管局、司法局)\n三、进度安排"
    (out / files[0].name).write_text(text.replace("三、进度安排", extra, 1), "utf-8")
    return out


def bench_size(n: int, args: argparse.Namespace) -> dict:
    sys.path.insert(0, str(HERE))
    from generate import write_corpus

    work = Path(args.work)
    corpus = work / f"corpus{n}"
    if not corpus.exists() or len(list(corpus.glob("*.txt"))) != n:
        shutil.rmtree(corpus, ignore_errors=True)
        write_corpus(n, corpus, seed=args.seed)
    res: dict[str, Any] = {"n": n, "steps": {}, "queries": {}}
    stores = [s for s in STORES if s == "oxigraph" or n <= args.rdflib_upto]
    for store in stores:
        rep = args.repeat if store == "oxigraph" or n <= args.rdflib_repeat_upto else 1
        trig = work / f"n{n}-{store}.trig"
        builds = [
            run_step("build", args.step_timeout, corpus=corpus, store=store, trig=trig, jobs=args.jobs)
            for _ in range(rep)
        ]
        res["plans"], res["triples"] = builds[0].get("plans"), builds[0].get("triples")
        res["steps"].setdefault("build", {})[store] = median([b["seconds"] for b in builds])
        res["steps"].setdefault("build, CPU seconds (all processes)", {})[store] = median(
            [b["cpu"] for b in builds]
        )
        rss = max(b.get("rss_mb", 0) for b in builds)
        res["steps"].setdefault("build peak RSS, main (MB)", {})[store] = rss
        res["steps"].setdefault("build peak RSS, a worker (MB)", {})[store] = max(
            b.get("workers_rss_mb", 0) for b in builds
        )
        print(f"  N={n} {store} build {res['steps']['build'][store]}", flush=True)
        vals = [
            run_step(
                "validate", args.step_timeout, trig=trig, store=store, jobs=args.jobs, limit=args.step_timeout
            )
            for _ in range(rep)
        ]
        res["steps"].setdefault("validate", {})[store] = median([v["seconds"] for v in vals])
        res.setdefault("conforms", {})[store] = vals[0].get("conforms")
        base = work / f"n{n}-oxigraph.trig"  # the same input for both stores' sessions
        sess = run_step(
            "session",
            args.step_timeout * 3,
            trig=base,
            store=store,
            repeat=rep,
            limit=args.step_timeout,
            query_limit=args.query_timeout,
        )
        res["steps"].setdefault("load TriG", {})[store] = median(sess.get("load", []))
        res["steps"].setdefault("serialise TriG", {})[store] = median(sess.get("serialise", []))
        for q, times in sess.get("queries", {}).items():
            res["queries"].setdefault(q, {})[store] = median(times)
            res.setdefault("rows", {}).setdefault(q, {})[store] = sess["rows"].get(q)
        print(f"  N={n} {store} validate/load/serialise done", flush=True)
    changed = changed_corpus(corpus, work)
    ups = [
        run_step(
            "update",
            args.step_timeout,
            corpus=changed,
            base=work / f"n{n}-oxigraph.trig",
            trig=work / f"n{n}-oxigraph.trig",
            jobs=args.jobs,
        )
        for _ in range(args.repeat)
    ]
    res["steps"]["update, 1 plan changed"] = {"oxigraph": median([u["seconds"] for u in ups])}
    res["update_read"] = ups[0].get("read")
    return res


def fmt(x: float | None, limit: float | None = None) -> str:
    if x is None:
        return f">{limit:g}" if limit else "–"
    return f"{x:.3f}" if x < 10 else f"{x:.1f}"


def table(results: list[dict], args: argparse.Namespace) -> str:
    lines = []
    for r in results:
        step_limit, query_limit, rdflib_upto = r.get("run", {}).get(
            "limits", [args.step_timeout, args.query_timeout, args.rdflib_upto]
        )
        lines += [
            f"### N = {r['n']} plans ({r.get('plans')} built, {r.get('triples')} triples)",
            "",
            "| step | oxigraph | rdflib | rdflib / oxigraph |",
            "|---|---:|---:|---:|",
        ]
        rows = [*r["steps"].items(), *((f"q: {k}", v) for k, v in r["queries"].items())]
        for name, v in rows:
            ox, rl = v.get("oxigraph"), v.get("rdflib")
            ran_rdflib = r["n"] <= rdflib_upto
            limit = query_limit if name.startswith("q:") else step_limit
            note = ""
            if name.startswith("update") and ran_rdflib:
                # plain rdflib has no incremental path: its way to the same file is a full rebuild
                rl, note = r["steps"]["build"].get("rdflib"), " (full rebuild)"
            if ox and rl:
                ratio = f"{rl / ox:.1f}×"
            else:
                ratio = f">{limit / ox:.0f}×" if ox and ran_rdflib else "–"
            unit = "" if "RSS" in name else " s"
            lines.append(
                f"| {name}{'' if 'RSS' in name or 'CPU' in name else ' (s)'} | {fmt(ox, limit)} | "
                f"{fmt(rl, limit) + note if ran_rdflib else 'not run'} | {ratio if unit else '–'} |"
            )
        build = r["steps"]["build"].get("oxigraph")
        update = r["steps"]["update, 1 plan changed"].get("oxigraph")
        if build and update:
            lines.append(f"\nUpdate with one plan changed: {100 * update / build:.1f} % of a full build.")
        lines.append("")
    return "\n".join(lines)


def _head(results: list[dict]) -> list[str]:
    lines = [
        "# Benchmark results",
        "",
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, {_mem_gb():.0f} GB RAM, "
        f"Python {platform.python_version()}. The machine was shared with other jobs during the runs"
        " (load average below), so times are noisy. Seconds are medians of 3 runs, except plain rdflib"
        " above N = 100 (one run); `>N` is a step or query stopped at its time limit.",
        "",
    ]
    for r in results:
        run = r.get("run", {})
        lines.append(
            f"- N = {r['n']}: run {run.get('started', '?')}, {run.get('minutes', '?')} min, "
            f"load average at the end {run.get('load', '?')}; `python bench/run.py {run.get('command', '')}`"
        )
    return [*lines, ""]


def _mem_gb() -> float:
    try:
        return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    except (ValueError, OSError, AttributeError):
        return 0.0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="cmd")
    step = sub.add_parser("step")
    step.add_argument("name", choices=sorted(STEPS))
    for opt in ("corpus", "store", "trig", "base"):
        step.add_argument(f"--{opt}")
    step.add_argument("--jobs", type=int)
    step.add_argument("--repeat", type=int, default=3)
    step.add_argument("--limit", type=float, default=600)
    step.add_argument("--query-limit", type=float, default=120)
    ap.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 1000])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--rdflib-upto", type=int, default=1000, help="run plain rdflib up to this N")
    ap.add_argument("--rdflib-repeat-upto", type=int, default=100, help="above this N, rdflib runs once")
    ap.add_argument("--step-timeout", type=float, default=900)
    ap.add_argument("--query-timeout", type=float, default=120)
    ap.add_argument("--jobs", type=int)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--work", default="/tmp/ipgraph-bench")
    ap.add_argument("--out", default=str(HERE / "RESULTS.md"))
    ap.add_argument("--merge", nargs="+", type=Path, help="only write the table of saved results.json files")
    args = ap.parse_args()
    if args.cmd == "step":
        print(json.dumps(STEPS[args.name](args)))
        return
    if args.merge:  # runs saved separately (one size at a time), one table
        results = sorted((r for f in args.merge for r in json.loads(f.read_text())), key=lambda r: r["n"])
        text = "\n".join(_head(results)) + table(results, args)
    else:
        Path(args.work).mkdir(parents=True, exist_ok=True)
        results = []
        for n in args.sizes:
            print(f"N = {n}", flush=True)
            started = dt.datetime.now(dt.UTC)
            results.append(bench_size(n, args))
            results[-1]["run"] = {
                "started": f"{started:%Y-%m-%d %H:%M} UTC",
                "minutes": round((dt.datetime.now(dt.UTC) - started).total_seconds() / 60, 1),
                "load": round(os.getloadavg()[0], 1),
                "command": " ".join(sys.argv[1:]),
                "limits": [args.step_timeout, args.query_timeout, args.rdflib_upto],
            }
            Path(args.work, "results.json").write_text(json.dumps(results, indent=1))
        text = "\n".join(_head(results)) + table(results, args)
    print(text)
    Path(args.out).write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
