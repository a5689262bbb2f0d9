"""Issue 14 (4): ``ipgraph build URL…`` against a local HTTP server on 127.0.0.1 that serves the
sample plans as GBK / GB2312 / Big5 web pages, a PDF and a Word file; an unreachable, missing,
slow, huge or endlessly redirecting address is named with its reason and the rest builds."""

from __future__ import annotations

import re
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import opencc
import pytest
from conftest import PLANS, gold
from fixtures_inputs import docx_file, html_page, pdf_file

from ipgraph.dataset import build
from ipgraph.fetch import FetchError, Limits, fetch

IPG = "https://w3id.org/ipgraph/ontology#"
BIG5 = "002_2a08ea45510f8990"


def _routes(tmp: Path) -> dict[str, tuple[str, bytes]]:
    """path → (Content-Type, body)."""
    gbk = html_page("001_ea0fa33b9b77872c", charset="gbk")
    no_meta = re.sub(rb"<meta charset=[^>]*>", b"", html_page("004_413121bb9f269da9", charset="gbk"))
    big5 = opencc.OpenCC("s2tw").convert(html_page(BIG5).decode("utf-8"))
    big5 = big5.replace('<meta charset="utf-8">', "").encode("big5")
    pdf = pdf_file("000_465b383044845e1e", tmp / "p.pdf").read_bytes()
    docx = docx_file("003_118eb60ae0313b36", tmp / "d.docx").read_bytes()
    return {
        "/gbk/plan.html": ("text/html; charset=GBK", gbk),
        "/xxgk/show.jsp": ("text/html; charset=gb2312", no_meta),  # the header alone says GB2312
        "/tw/plan.htm": ("text/html; charset=big5", big5),  # GB18030 would decode it into nonsense
        "/files/plan.pdf": ("application/pdf", pdf),
        "/download": (  # an attachment served as octet-stream under a name without extension
            "application/octet-stream",
            docx,
        ),
    }


class _Handler(BaseHTTPRequestHandler):
    routes: ClassVar[dict[str, tuple[str, bytes]]] = {}

    def log_message(self, *args) -> None:  # quiet
        pass

    def do_GET(self) -> None:
        path = self.path.split("?")[0]
        if path == "/moved":
            self._redirect("/gbk/plan.html")
        elif path == "/loop":
            self._redirect("/loop")
        elif path == "/slow":
            time.sleep(3)
            self._send("text/html", b"<html><body>late</body></html>")
        elif path == "/huge":  # announced too large
            self.send_response(200)
            self.send_header("Content-Type", "application/pdf")
            self.send_header("Content-Length", str(500 * 1024 * 1024))
            self.end_headers()
        elif path == "/endless":  # no length, goes on past the limit
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            try:
                for _ in range(64):
                    self.wfile.write(b"<p>" + b"x" * 65536 + b"</p>")
            except (BrokenPipeError, ConnectionResetError):
                pass
        elif path in self.routes:
            self._send(*self.routes[path])
        else:
            self.send_error(404, "Not Found")

    def _redirect(self, to: str) -> None:
        self.send_response(302)
        self.send_header("Location", to)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _send(self, ctype: str, body: bytes) -> None:
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    handler = type("H", (_Handler,), {"routes": _routes(tmp_path_factory.mktemp("web"))})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


GOOD = {
    "/gbk/plan.html": "001_ea0fa33b9b77872c",
    "/xxgk/show.jsp": "004_413121bb9f269da9",
    "/files/plan.pdf": "000_465b383044845e1e",
    "/download": "003_118eb60ae0313b36",
}
LIMITS = Limits(timeout=1.5, max_bytes=2 * 1024 * 1024, max_redirects=3)


def _bad(base: str) -> dict[str, str]:
    return {
        f"{base}/missing.html": "HTTP 404",
        "http://127.0.0.1:9/plan.html": "unreachable",
        f"{base}/slow": "timed out after 1.5 s",
        f"{base}/huge": "too large: 500.0 MB, over the 2.0 MB limit",
        f"{base}/endless": "too large: over the 2.0 MB limit",
        f"{base}/loop": "too many redirects (more than 3)",
    }


def _json(reading) -> dict:
    out = reading.to_json()
    out.pop("source")
    return out


def test_build_from_addresses_reads_like_the_files(server):
    bad = _bad(server)
    urls = [server + p for p in GOOD] + [server + "/tw/plan.htm", server + "/moved", *bad]
    result = build(urls, jobs=1, web=LIMITS)
    by_url = {r.source_path: r for r in result.readings}
    from ipgraph.pipeline import read_plan

    for path, stem in GOOD.items():
        assert _json(by_url[server + path]) == _json(read_plan(PLANS / f"{stem}.txt")), path
    tw = by_url[server + "/tw/plan.htm"]  # Big5, told by the header alone
    assert tw.meta.region == gold(BIG5)["plan"]["region"]
    assert len(tw.measures) == len(gold(BIG5)["measures"])
    # the redirect fetched the GBK page again: one plan, both addresses kept
    assert result.plans == len(result.readings) == 5
    (join,) = result.joins
    assert {join.used, *join.others} == {server + "/gbk/plan.html", server + "/moved"}
    failed = {str(f.path): f.reason for f in result.failures}
    assert set(failed) == set(bad)
    for url, reason in bad.items():
        assert reason in failed[url], (url, failed[url])
    assert result.validation is not None and result.validation.conforms


def test_address_and_time_of_retrieval_are_provenance(server):
    before = datetime.now(UTC) - timedelta(seconds=1)
    result = build([server + "/files/plan.pdf", PLANS / "004_413121bb9f269da9.txt"], jobs=1, web=LIMITS)
    q = f"""SELECT ?name ?url ?at WHERE {{ GRAPH ?g {{ ?s a <{IPG}SourceDocument> ; <{IPG}fileName> ?name .
            OPTIONAL {{ ?s <{IPG}url> ?url ; <{IPG}retrieved> ?at }} }} }}"""
    rows = {str(r[0]): (r[1], r[2]) for r in result.dataset.query(q)}
    url, at = rows["plan.pdf"]
    assert str(url) == server + "/files/plan.pdf"
    assert before <= at.toPython() <= datetime.now(UTC)  # in UTC
    assert rows["004_413121bb9f269da9.txt"] == (None, None)


def test_a_redirect_to_another_scheme_is_refused(server, tmp_path: Path):
    with pytest.raises(FetchError, match="not an http"):
        fetch("file:///etc/passwd", tmp_path)


def test_cli_builds_from_addresses_and_names_the_bad_ones(server, tmp_path: Path):
    out = tmp_path / "g.trig"
    urls = [server + "/gbk/plan.html", server + "/files/plan.pdf", server + "/missing.html"]
    run = subprocess.run(
        [sys.executable, "-m", "ipgraph", "build", *urls, "-o", str(out)],
        capture_output=True, text=True, timeout=300, cwd=tmp_path,
    )  # fmt: skip
    assert run.returncode == 1, run.stderr
    assert f"failed {server}/missing.html: HTTP 404" in run.stderr
    assert "built 2 plan(s)" in run.stderr and out.exists()
