"""``ipgraph queries`` and ``ipgraph query``: formats, parameters, errors, wide Chinese tables."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import GOLD, gold
from rich.cells import cell_len
from typer.testing import CliRunner

from ipgraph.cli import app
from ipgraph.querypack import pack, query

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
INJECTION = '厦门市" } ; DROP ALL ; #'


@pytest.fixture(scope="module")
def graph_file(plan_files, tmp_path_factory) -> Path:
    from ipgraph.dataset import build, write_dataset

    path = tmp_path_factory.mktemp("cli_query") / "graph.trig"
    write_dataset(build(plan_files, check=False).dataset, path)
    return path


def invoke(*args: str, columns: int = 120):
    result = CliRunner().invoke(app, list(args), env={"COLUMNS": str(columns)})
    return result


def test_csv_of_lead_agencies_has_one_row_per_responsibility_link(graph_file):
    """The issue's check, as a user runs it: the default graph is ./graph.trig (what build writes)."""
    run = subprocess.run(
        [sys.executable, "-m", "ipgraph", "query", "lead-agencies", "--format", "csv"],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=graph_file.parent,
    )
    assert run.returncode == 0, run.stderr
    table = list(csv.DictReader(io.StringIO(run.stdout)))
    links = [
        (g["plan"]["region"], m["path"], x["mention"])
        for g in (gold(p.stem) for p in sorted(GOLD.glob("0*.json")))
        for m in g["measures"]
        for x in m["responsible"]
    ]
    assert len(table) == len(links) == 221
    assert sorted((r["city"], r["measure_path"], r["mention"]) for r in table) == sorted(links)
    assert list(table[0]) == [c.name for c in pack()["lead-agencies"].columns]


def test_queries_lists_the_pack_with_questions():
    result = invoke("queries", "--format", "csv")
    assert result.exit_code == 0, result.output
    listed = list(csv.DictReader(io.StringIO(result.stdout)))
    specs = pack()
    assert [r["name"] for r in listed] == list(specs)
    assert all(r["question"] == specs[r["name"]].question_zh for r in listed)
    english = invoke("queries", "--lang", "en", "--format", "json")
    assert json.loads(english.stdout)[0]["question"] == next(iter(specs.values())).question_en
    table = invoke("queries")
    assert table.exit_code == 0 and "lead-agencies" in table.stdout


def test_json_and_md_match_the_api(graph_file):
    df = query(graph_file, "targets", city="厦门市")
    out = invoke("query", "targets", "-g", str(graph_file), "-p", "city=厦门市", "-f", "json")
    assert out.exit_code == 0, out.output
    records = json.loads(out.stdout)
    assert len(records) == len(df) == 10
    assert records[0]["value"] == df["value"].iloc[0] and records[0]["unit"] is None
    assert records[0]["year"] == 2025
    md = invoke(
        "query", "targets", "-g", str(graph_file), "-p", "city=厦门市", "-f", "md"
    ).stdout.splitlines()
    assert md[0] == "| " + " | ".join(df.columns) + " |" and len(md) == 2 + len(df)


@pytest.mark.parametrize("columns", [40, 80, 240])
def test_table_renders_in_narrow_and_wide_terminals(graph_file, columns):
    out = invoke(
        "query",
        "lead-agencies",
        "-g",
        str(graph_file),
        "-p",
        "city=厦门市",
        "-p",
        "role=lead",
        columns=columns,
    )
    assert out.exit_code == 0, out.output
    lines = [line for line in out.stdout.splitlines() if line.startswith(("┃", "│", "┏", "┡", "└"))]
    assert lines
    widths = {cell_len(line) for line in lines}
    assert len(widths) == 1, "the table's borders must line up with Chinese (double-width) text"
    assert widths.pop() <= columns
    header = next(line for line in lines if line.startswith("┃"))
    assert header.count("┃") == 1 + len(pack()["lead-agencies"].columns), "every column is shown"
    if columns >= 240:
        assert "厦门市市场监督管理局" in out.stdout


def test_a_table_shows_its_first_rows_and_says_how_many_it_left_out(graph_file):
    """221 responsibility links: a table stops at 40 and says so; --limit 0 draws them all;
    csv prints all unless --limit is given, then the first N in the query's order."""
    from ipgraph.commands.query import TABLE_ROWS

    def body_rows(out) -> list[str]:
        return [line for line in out.stdout.splitlines() if line.startswith("│")]

    short = invoke("query", "lead-agencies", "-g", str(graph_file), columns=400)
    assert short.exit_code == 0, short.output
    assert len(body_rows(short)) == TABLE_ROWS
    assert f"the first {TABLE_ROWS} of 221 row(s)" in short.stdout
    whole = invoke("query", "lead-agencies", "-g", str(graph_file), "--limit", "0", columns=400)
    assert len(body_rows(whole)) == 221 and "221 row(s)" in whole.stdout and "first" not in whole.stdout
    every = invoke("query", "lead-agencies", "-g", str(graph_file), "-f", "csv").stdout.splitlines()
    assert len(every) == 1 + 221
    five = invoke("query", "lead-agencies", "-g", str(graph_file), "-f", "csv", "--limit", "5").stdout
    assert five.splitlines() == every[:6]
    assert invoke("query", "plans", "-g", str(graph_file), "--limit", "-1").exit_code == 2


def test_english_labels(graph_file):
    out = invoke("query", "plans", "-g", str(graph_file), "--lang", "en", "-f", "json")
    records = json.loads(out.stdout)
    assert "Xiamen" in {r["city"] for r in records}
    assert {r["admin_level"] for r in records} <= {"city", "district", "province", "national"}


def test_injection_through_the_cli_is_a_plain_string(graph_file):
    before = hashlib.sha256(graph_file.read_bytes()).hexdigest()
    for store in ("oxigraph", "rdflib"):
        out = invoke(
            "query",
            "lead-agencies",
            "-g",
            str(graph_file),
            "--store",
            store,
            "-p",
            f"city={INJECTION}",
            "-f",
            "csv",
        )
        # just a city no plan has: an error that names it as given, nothing run against the graph
        assert out.exit_code == 2, out.output
        assert f"is of city {INJECTION!r}" in out.output
    assert hashlib.sha256(graph_file.read_bytes()).hexdigest() == before


def test_users_own_sparql_file(graph_file, tmp_path):
    mine = tmp_path / "mine.rq"
    mine.write_text(
        "# zh: 济南市的措施\n# en: Jinan's measures\n# param: city (string, required) — 城市 / city\n"
        "PREFIX ipg: <https://w3id.org/ipgraph/ontology#>\n"
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
        "SELECT ?path ?param_city WHERE { ?m a ipg:Measure ; ipg:path ?path ; ipg:inPlan/ipg:jurisdiction/rdfs:label ?c .\n"
        "  FILTER(STR(?c) = ?param_city) } ORDER BY ?path\n",
        "utf-8",
    )
    out = invoke("query", "--sparql", str(mine), "-g", str(graph_file), "-p", "city=济南市", "-f", "csv")
    assert out.exit_code == 0, out.output
    assert len(out.stdout.splitlines()) == 1 + len(gold("003_118eb60ae0313b36")["measures"])
    missing = invoke("query", "--sparql", str(mine), "-g", str(graph_file))
    assert missing.exit_code == 2 and "parameter city is required" in missing.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["query", "nope"], "no query named 'nope'"),
        (["query", "plans", "-p", "city"], "NAME=VALUE"),
        (["query", "plans", "-p", "town=厦门市"], "unknown parameter town"),
        (["query", "plans", "-p", "lang=en"], "the language is --lang"),
        (["query", "plans", "-p", "backend=rdflib"], "unknown parameter backend"),
        (["query"], "name a query"),
        (["query", "plans", "-g", "/nonexistent/graph.trig"], "no such graph file"),
        (
            ["query", "plans", "--neo4j", "bolt://localhost:7687", "--password-env", "IPGRAPH_NO_SUCH_VAR"],
            "IPGRAPH_NO_SUCH_VAR",
        ),
    ],
)
def test_clear_errors(graph_file, args, message):
    if "-g" not in args and args[1:2] != ["nope"]:
        args = [*args, "-g", str(graph_file)]
    out = invoke(*args)
    assert out.exit_code == 2
    assert message in out.output
    assert "Traceback" not in out.output


def test_csv_writes_whole_floats_as_integers_and_nan_as_empty():
    """Only columns that hold floats are converted (3600.0 → 3600, NaN → empty); None is empty,
    text and integers are written as they are: the same cells as before the column-wise path."""
    import math

    from ipgraph.commands.query import _cell, _csv_rows

    rows = [("厦门市", 3600.0, 2, None), ("福州市", 2.5, 3, "x"), ("泉州市", math.nan, None, "y")]
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(_csv_rows(rows))
    assert buf.getvalue() == "厦门市,3600,2,\n福州市,2.5,3,x\n泉州市,,,y\n"
    cells = io.StringIO()
    csv.writer(cells, lineterminator="\n").writerows([_cell(v) for v in row] for row in rows)
    assert buf.getvalue() == cells.getvalue()
    assert _csv_rows([("a", 1)]) == [("a", 1)] and list(_csv_rows([])) == []
