"""The Cypher twins on a real Neo4j return what the SPARQL pack returns on rdflib (parity)."""

from __future__ import annotations

import math

import pytest
from conftest import PLANS, ROOT
from neo4j_fixtures import neo4j_server, push_fresh  # noqa: F401  (neo4j_server: a fixture)

from ipgraph import querypack
from ipgraph.neo4j import Neo4jConnectionError, cypher_query_names, read_cypher, run_query
from ipgraph.neo4j.queries import CHUNK_ROWS, chunked_text, favorite_text, parse_cypher

# ruff: noqa: F811  (tests take the fixture by name)

HOSTILE = "厦门市\" }) MATCH (n) DETACH DELETE n //\\' */"
# plans of one city in two editions and of a second city: merges, reforms, editions (issue 16)
HISTORY = ROOT / "tests" / "data" / "history"


@pytest.fixture(scope="module")
def dataset():
    from ipgraph.dataset import build

    return build([PLANS, HISTORY], check=False).dataset


@pytest.fixture(scope="module")
def pushed(neo4j_server, dataset):
    return push_fresh(neo4j_server, dataset)


def _rows(df) -> list[tuple]:
    return [
        tuple(None if isinstance(v, float) and math.isnan(v) else v for v in row)
        for row in df.itertuples(index=False)
    ]


def _both(server, dataset, name: str, params: dict, lang: str):
    sparql = querypack.query(dataset, name, lang=lang, **params)
    cypher = run_query(server.uri, name, params, user=server.user, password=server.password, lang=lang)
    return sparql, cypher


def test_every_sparql_query_has_a_cypher_twin_with_the_same_header():
    assert cypher_query_names() == sorted(querypack.pack())
    for name in cypher_query_names():
        spec, twin = querypack.get_query(name), read_cypher(name)
        assert [c for c, _ in twin.columns] == spec.column_names, name
        assert [(p.name, p.type) for p in twin.params] == [(p.name, p.type) for p in spec.params], name


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("name", cypher_query_names())
def test_parity_on_the_sample_plans(pushed, dataset, name, lang):
    sparql, cypher = _both(pushed, dataset, name, {}, lang)
    assert list(cypher.columns) == list(sparql.columns)
    assert _rows(cypher) == _rows(sparql)  # same rows, same order
    assert [str(t) for t in cypher.dtypes] == [str(t) for t in sparql.dtypes]


def _a_value(dataset, name: str, column: str) -> str:
    frame = querypack.query(dataset, name)
    return next(v for v in frame[column] if v)


@pytest.mark.parametrize(
    ("name", "param", "source_column"),
    [
        ("lead-agencies", "city", "city"),
        ("lead-agencies", "agency", "agency"),
        ("agency-load", "agency", "agency"),
        ("co-responsibility", "agency", "agency_a"),
        ("targets-compared", "metric", None),
        ("targets", "city", "city"),
        ("plans", "city", "city"),
        ("agency-history", "agency", "agency"),
        ("plan-editions", "city", "city"),
        ("target-trajectory", "metric", "metric_key"),
        ("agency-deadlines", "as_of", None),
        ("similar-measures", "city", "city"),
    ],
)
def test_parity_with_parameters(pushed, dataset, name, param, source_column):
    fixed = {"targets-compared": "专利", "agency-deadlines": "2023-01-01"}
    value = fixed[name] if source_column is None else _a_value(dataset, name, source_column)
    for lang in ("zh", "en"):
        sparql, cypher = _both(pushed, dataset, name, {param: value}, lang)
        assert len(sparql) > 0
        assert _rows(cypher) == _rows(sparql)
    sparql, cypher = _both(pushed, dataset, "lead-agencies", {"role": "lead"}, "zh")
    assert _rows(cypher) == _rows(sparql) and len(sparql) > 0


@pytest.mark.parametrize("name", ["lead-agencies", "plans", "targets-compared"])
def test_a_hostile_parameter_is_just_a_value(pushed, dataset, name):
    param = "metric" if name == "targets-compared" else "city"
    sparql, cypher = _both(pushed, dataset, name, {param: HOSTILE}, "zh")
    assert len(cypher) == len(sparql) == 0
    with pushed.driver() as driver:
        records, _, _ = driver.execute_query("MATCH (n:Plan) RETURN count(n) AS c")
    assert records[0]["c"] == len(list(PLANS.glob("*.txt"))) + len(list(HISTORY.glob("*.txt")))


def test_twins_raise_no_server_warnings(pushed):
    with pushed.driver() as driver:
        for name in cypher_query_names():
            query = read_cypher(name)
            params = {p.name: ("zh" if p.type == "lang" else None) for p in query.params}
            for text in (query.text, chunked_text(query)):  # as written, and as the CLI sends it
                _, summary, _ = driver.execute_query(text, params)
                warnings = [n for n in summary.summary_notifications if n.severity_level.name == "WARNING"]
                assert not warnings, (name, [n.description for n in warnings])


@pytest.mark.parametrize("name", cypher_query_names())
def test_rows_sent_in_lists_are_the_twins_rows_in_its_order(pushed, name):
    """chunked_text() turns the final RETURN into a WITH and collects the ordered rows into lists:
    the same rows in the same order as the twin as written, for every twin, also in lists of 3."""
    query = read_cypher(name)
    params = {p.name: ("zh" if p.type == "lang" else None) for p in query.params}
    with pushed.driver() as driver:
        plain = [tuple(r) for r in driver.execute_query(query.text, params).records]
        for size in (3, CHUNK_ROWS):
            text = chunked_text(query, size)
            assert text is not None, name
            chunks = [rec["chunk"] for rec in driver.execute_query(text, params).records]
            assert all(len(c) == size for c in chunks[:-1])
            assert [tuple(row) for chunk in chunks for row in chunk] == plain, name


def test_a_top_level_union_is_not_chunked():
    """The last RETURN of a top-level UNION is one branch's: such a text is run as written."""
    union = parse_cypher("u", "// column: x\nRETURN 1 AS x\nUNION\nRETURN 2 AS x")
    assert chunked_text(union) is None
    inner = parse_cypher(
        "v", "// column: x\nCALL () { RETURN 1 AS x UNION RETURN 2 AS x }\nRETURN x ORDER BY x"
    )
    assert chunked_text(inner) is not None and chunked_text(inner).count("UNION") == 1


def test_unknown_query_parameter_and_bad_login(pushed):
    with pytest.raises(ValueError, match="no Cypher query"):
        run_query(pushed.uri, "no-such-query", password=pushed.password)
    with pytest.raises(ValueError, match="no parameter"):
        run_query(pushed.uri, "plans", {"town": "x"}, password=pushed.password)
    with pytest.raises(Neo4jConnectionError, match="refused the login"):
        run_query(pushed.uri, "plans", password="not-the-password")


def test_favorites_set_every_parameter_before_the_query():
    for name in cypher_query_names():
        text = favorite_text(name)
        assert text.startswith("// ")
        for p in read_cypher(name).params:
            assert f":param {p.name} => " in text
        assert text.rstrip().endswith(";")


def test_cli_query_runs_the_cypher_twin(pushed, dataset):
    from typer.testing import CliRunner

    from ipgraph.cli import app

    args = ["query", "plans", "--neo4j", pushed.uri, "--user", pushed.user, "--password-env", "IPG_TEST_PW"]
    done = CliRunner().invoke(app, [*args, "--format", "csv"], env={"IPG_TEST_PW": pushed.password})
    assert done.exit_code == 0, done.output
    expected = querypack.query(dataset, "plans")
    assert all(plan in done.stdout for plan in expected["plan"])


def test_cli_query_wrong_password_is_one_line_exit_2(pushed):
    from typer.testing import CliRunner

    from ipgraph.cli import app

    args = ["query", "plans", "--neo4j", pushed.uri, "--user", pushed.user, "--password-env", "IPG_TEST_PW"]
    done = CliRunner().invoke(app, args, env={"IPG_TEST_PW": "not-the-password"})
    assert done.exit_code == 2
    lines = [ln for ln in done.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: "), done.stderr


def _cli_cypher(server, path, *extra: str):
    from typer.testing import CliRunner

    from ipgraph.cli import app

    args = ["query", "--cypher", str(path), "--neo4j", server.uri, "--user", server.user]
    return CliRunner().invoke(
        app, [*args, "--password-env", "IPG_TEST_PW", *extra], env={"IPG_TEST_PW": server.password}
    )


def test_cli_runs_a_users_cypher_file_with_its_declared_parameter(pushed, dataset, tmp_path):
    city = _a_value(dataset, "plans", "city")
    path = tmp_path / "plans-of.cypher"
    path.write_text(
        "// param: city (string)\n// column: plans (integer)\n"
        "MATCH (p:Plan)-[:JURISDICTION]->(r:Resource) WHERE r.label_zh = $city RETURN count(p) AS plans\n",
        encoding="utf-8",
    )
    done = _cli_cypher(pushed, path, "-p", f"city={city}", "-f", "csv")
    assert done.exit_code == 0, done.output
    expected = int((querypack.query(dataset, "plans")["city"] == city).sum())
    assert done.stdout.splitlines() == ["plans", str(expected)]


def test_a_users_cypher_file_cannot_write(pushed, tmp_path):
    path = tmp_path / "write.cypher"
    path.write_text("MATCH (p:Plan) DETACH DELETE p RETURN 1 AS x\n", encoding="utf-8")
    done = _cli_cypher(pushed, path)
    assert done.exit_code == 2
    assert "Neo4j refused query 'write'" in done.stderr and "read access mode" in done.stderr
    from ipgraph.neo4j import query_rows

    _, rows = query_rows(pushed.uri, "plans", user=pushed.user, password=pushed.password)
    assert rows  # the plans are still there


def test_a_users_cypher_file_with_a_syntax_error_is_one_line(pushed, tmp_path):
    path = tmp_path / "typo.cypher"
    path.write_text("MATC (p:Plan) RETURN p\n", encoding="utf-8")
    done = _cli_cypher(pushed, path)
    assert done.exit_code == 2
    lines = [ln for ln in done.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and "Neo4j refused query 'typo'" in lines[0], done.stderr


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"", "holds no Cypher query"),
        (b"// only a comment\n", "holds no Cypher query"),
        (b"\xff\xfe\x00M", "cannot read"),
    ],
)
def test_an_unreadable_cypher_file_is_named(tmp_path, content, problem):
    from ipgraph.neo4j import read_cypher_file

    path = tmp_path / "mine.cypher"
    path.write_bytes(content)
    with pytest.raises(ValueError, match=problem) as caught:
        read_cypher_file(path)
    assert str(path) in str(caught.value)
