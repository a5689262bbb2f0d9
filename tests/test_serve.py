"""Any SPARQL tool over the union of the published file gives the pack's rows: the pack run
through the real ``oxigraph`` server over HTTP equals ``ipgraph query``; and ``ipgraph serve``
serves the store and the page that lists the pack."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from conftest import PLANS
from typer.testing import CliRunner

from ipgraph.cli import app
from ipgraph.dataset import build
from ipgraph.querypack import endpoint_text, pack
from ipgraph.values import tsv_value

OXIGRAPH = shutil.which("oxigraph") or str(Path(sys.executable).with_name("oxigraph"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, proc: subprocess.Popen, seconds: float = 60) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if proc.poll() is not None:
            raise AssertionError(f"server exited: {proc.stderr.read() if proc.stderr else ''}")
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"{url} did not answer")


def http_select(endpoint: str, sparql: str) -> tuple[list[str], list[tuple]]:
    request = urllib.request.Request(
        endpoint,
        data=urllib.parse.urlencode({"query": sparql}).encode(),
        headers={"Accept": "text/tab-separated-values", "Content-Type": "application/x-www-form-urlencoded"},
    )
    text = urllib.request.urlopen(request, timeout=120).read().decode("utf-8")
    header, *lines = text.rstrip("\n").split("\n") if text.strip() else ("", [])
    columns = [c.removeprefix("?") for c in header.split("\t")]
    return columns, [tuple(tsv_value(c) for c in line.split("\t")) for line in lines]


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("serve") / "graph.trig"
    build(sorted(PLANS.glob("*.txt")), jobs=1, check=False, output=out)
    return out


@pytest.fixture(scope="module")
def oxigraph_server(published, tmp_path_factory):
    """The published file loaded by Oxigraph's own CLI and served with the union default graph."""
    location = tmp_path_factory.mktemp("oxigraph-db")
    subprocess.run([OXIGRAPH, "load", "--location", str(location), "--file", str(published)], check=True)
    port = free_port()
    proc = subprocess.Popen(
        [OXIGRAPH, "serve-read-only", "--location", str(location), "--bind", f"127.0.0.1:{port}",
         "--union-default-graph"],
        stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        wait_for(f"http://127.0.0.1:{port}/", proc)
        yield f"http://127.0.0.1:{port}/query"
    finally:
        proc.terminate()
        proc.wait(timeout=30)


@pytest.mark.parametrize("name", sorted(pack()))
def test_the_pack_over_http_equals_ipgraph_query(name, published, oxigraph_server):
    spec = pack()[name]
    columns, rows = http_select(oxigraph_server, endpoint_text(spec))
    result = CliRunner().invoke(app, ["query", name, "-g", str(published), "-f", "json"])
    assert result.exit_code == 0, result.output
    expected = json.loads(result.stdout)
    got = [dict(zip(columns, row, strict=True)) for row in rows]
    assert len(got) == len(expected)
    assert sorted(map(repr, got)) == sorted(map(repr, expected))


def test_ipgraph_serve_answers_the_pack_and_lists_it(published):
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "ipgraph", "serve", "-g", str(published), "--port", str(port)],
        stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        wait_for(f"http://127.0.0.1:{port}/", proc)
        wait_for(f"http://127.0.0.1:{port + 1}/", proc)
        page = urllib.request.urlopen(f"http://127.0.0.1:{port + 1}/", timeout=10).read().decode("utf-8")
        assert all(f">{name}</a>" in page for name in pack())
        assert "views/agencies.html" in page
        assert (
            urllib.request.urlopen(f"http://127.0.0.1:{port + 1}/views/agencies.html", timeout=10).status
            == 200
        )
        spec = pack()["plans"]
        columns, rows = http_select(f"http://127.0.0.1:{port}/query", endpoint_text(spec))
        assert len(rows) == 5 and "plan" in columns  # the union default graph: each plan once
    finally:
        proc.terminate()
        proc.wait(timeout=30)
