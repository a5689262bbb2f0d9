"""A SPARQL endpoint on 127.0.0.1 over the graph's on-disk store, and a page of the query pack.

The endpoint is Oxigraph's own server (``oxigraph serve-read-only`` from the ``oxigraph``
package on PyPI, with its query page): the store's default graph already holds the union
of the dataset's graphs (:mod:`ipgraph.storedir`), so a query without ``GRAPH`` sees the
union once, and ``GRAPH ?g { … }`` still finds each plan's graph. Beside it a small page
(one port up) lists the pack: each question, its parameters, a link that opens it in the
endpoint's query page, and the views drawn from the same graph.
"""

from __future__ import annotations

import html
import logging
import shutil
import signal
import subprocess
import sys
import threading
import urllib.parse
from collections.abc import Callable
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from . import storedir

__all__ = ["HOST", "oxigraph_command", "pack_page", "serve"]

log = logging.getLogger(__name__)
HOST = "127.0.0.1"  # never another interface: the graph is the user's, not the network's
VIEWS = ("responsibility", "agencies", "cities")  # the views that need no choice of plan


def oxigraph_command() -> str:
    """The ``oxigraph`` executable (the ``serve`` extra), beside this Python first."""
    here = Path(sys.executable).with_name("oxigraph")
    found = str(here) if here.is_file() else shutil.which("oxigraph")
    if not found:
        raise FileNotFoundError("the oxigraph server is not installed: pip install 'ipgraph[serve]'")
    return found


def pack_page(endpoint: str, views: list[str], lang: str = "zh") -> str:
    """The page listing the query pack, with links into the endpoint's query page."""
    from .querypack import endpoint_text, pack

    rows = []
    for name, spec in pack().items():
        params = ", ".join(p.name for p in spec.params if p.type != "lang") or "—"
        link = endpoint + "?" + urllib.parse.urlencode({"query": endpoint_text(spec, lang=lang)})
        rows.append(
            f"<tr><td><a href='{html.escape(link, quote=True)}'>{html.escape(name)}</a></td>"
            f"<td>{html.escape(spec.question_zh)}<br><small>{html.escape(spec.question_en)}</small></td>"
            f"<td>{html.escape(params)}</td></tr>"
        )
    drawn = "".join(f"<li><a href='views/{html.escape(v)}.html'>{html.escape(v)}</a></li>" for v in views)
    return f"""<!doctype html>
<html lang="zh"><head><meta charset="utf-8"><title>ipgraph · 查询包 / the query pack</title>
<style>body{{font-family:sans-serif;margin:2em}}td{{padding:.3em .8em;vertical-align:top}}</style></head>
<body><h1>ipgraph</h1>
<p>SPARQL endpoint: <a href="{html.escape(endpoint)}">{html.escape(endpoint)}</a>
(default graph = the union of the plans' graphs and the shared graph)</p>
<h2>查询包 / The query pack</h2>
<table><tr><th>query</th><th>question</th><th>parameters (defaults in the link)</th></tr>
{"".join(rows)}</table>
<h2>视图 / Views</h2><ul>{drawn or "<li>none drawn (install ipgraph[views])</li>"}</ul>
</body></html>
"""


def _draw_views(graph: Path, folder: Path) -> list[str]:
    """The views that need no choice, drawn into ``folder``; one that fails is logged."""
    try:
        from .viz import view
    except ImportError as e:
        log.warning("views not drawn: %s (pip install 'ipgraph[views]')", e)
        return []
    drawn = []
    for name in VIEWS:
        try:
            view(graph, name, folder / f"{name}.html")
            drawn.append(name)
        except Exception as e:  # a view is a convenience here: the endpoint serves anyway
            log.warning("view %s not drawn: %s", name, e)
    return drawn


def serve(
    graph: Path,
    *,
    port: int = 7878,
    store_dir: Path | None = None,
    page_dir: Path | None = None,
    ready: Callable[[str], None] | None = None,
) -> None:
    """Serve ``graph`` until interrupted: the endpoint on ``port``, the pack page on ``port + 1``;
    ``ready`` is told where, once both listen."""
    graph = Path(graph)
    folder = store_dir or storedir.default_dir(graph)
    if storedir.open_dir(graph, folder) is None:  # made now if it does not match the file
        raise OSError(f"{folder}: cannot make the store of {graph}")
    endpoint = f"http://{HOST}:{port}/"
    page_dir = page_dir or folder.with_name(folder.name + ".page")
    (page_dir / "views").mkdir(parents=True, exist_ok=True)
    views = _draw_views(graph, page_dir / "views")
    (page_dir / "index.html").write_text(pack_page(endpoint, views), encoding="utf-8")
    cmd = [oxigraph_command(), "serve-read-only", "--location", str(folder), "--bind", f"{HOST}:{port}"]
    if threading.current_thread() is threading.main_thread():  # a TERM stops the server too
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    server = subprocess.Popen(cmd)
    page = ThreadingHTTPServer((HOST, port + 1), partial(SimpleHTTPRequestHandler, directory=str(page_dir)))
    threading.Thread(target=page.serve_forever, daemon=True).start()
    if ready:
        ready(f"SPARQL endpoint {endpoint} · query pack http://{HOST}:{port + 1}/ · Ctrl-C stops")
    try:
        server.wait()
    finally:
        page.shutdown()
        if server.poll() is None:
            server.terminate()
            server.wait(timeout=30)
