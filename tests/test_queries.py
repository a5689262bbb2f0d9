"""Issue "Query pack": each query's rows on the five sample plans, on both SPARQL engines.

Expected rows are derived from the plans' readings (the reference JSON shape, with their
spans for document order) and cross-checked against the gold files, never from the query.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from functools import cache
from itertools import combinations
from pathlib import Path

import pandas as pd
import pytest
from conftest import GOLD, gold
from rdflib import RDFS, Dataset, Graph, Literal, Namespace, URIRef
from rdflib.namespace import SKOS

import ipgraph
from ipgraph.querypack import QueryError, get_query, pack, parse_query, query
from ipgraph.rdf import IPG
from ipgraph.resources import read_ontology_text
from ipgraph.store import open_store

# rdflib warns about its own Dataset internals on every triple lookup; that is not ours to fix here.
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

NAMES = sorted(pack())
INJECTION = '厦门市" } ; DROP ALL ; #'
ROLE_CODES = {"lead": IPG.Lead, "support": IPG.Support}
KIND_CODES = {"cumulative": IPG.Cumulative, "annual": IPG.Annual}
ADMIN_CODES = {"national": IPG.NationalLevel, "province": IPG.ProvinceLevel, "city": IPG.CityLevel}
ADMIN_CODES["district"] = IPG.DistrictLevel


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def graph_file(plan_files, tmp_path_factory) -> Path:
    from ipgraph.dataset import build, write_dataset

    result = build(plan_files, check=False)
    assert not result.failures
    path = tmp_path_factory.mktemp("queries") / "graph.trig"
    write_dataset(result.dataset, path)
    return path


@pytest.fixture(scope="module")
def stores(graph_file):
    return {kind: open_store(graph_file, kind) for kind in ("rdflib", "oxigraph")}


@pytest.fixture(scope="module", params=["rdflib", "oxigraph"])
def store(request, stores):
    return stores[request.param]


@pytest.fixture(scope="module")
def ds(stores) -> Dataset:
    return stores["rdflib"].dataset


@pytest.fixture(scope="module")
def plans(readings):
    """(typed reading, its JSON) per plan."""
    return [(r, r.to_json()) for r in readings.values()]


@cache
def _ontology() -> Graph:
    return Graph().parse(data=read_ontology_text("ipgraph.ttl"), format="turtle")


def _onto_label(concept: URIRef, lang: str = "zh") -> str:
    """A concept's label, read from the ontology (the data table the graph copies)."""
    return next(str(o) for o in _ontology().objects(concept, SKOS.prefLabel) if o.language == lang)


def _label(ds: Dataset, node, lang: str = "zh", prop=RDFS.label) -> str | None:
    labels = {o.language: str(o) for o in ds.objects(node, prop) if isinstance(o, Literal)}
    return labels.get(lang) or labels.get("zh")


def rows(df: pd.DataFrame, columns: list[str] | None = None) -> list[tuple]:
    cols = columns or list(df.columns)
    return [tuple(None if pd.isna(v) else v for v in r) for r in df[cols].itertuples(index=False, name=None)]


def _first_none(v):
    """SPARQL's order: an empty value first."""
    return (v is not None, "" if v is None else v)


# --------------------------------------------------------------------------- the pack itself


@pytest.mark.parametrize("name", NAMES)
def test_header_states_question_parameters_and_columns(name):
    spec = get_query(name)
    assert spec.name == name == spec.path.stem
    assert spec.question_zh and spec.question_en and spec.order
    assert spec.columns and all(c.description for c in spec.columns)
    assert [p.name for p in spec.params][-1] == "lang"
    select = spec.sparql.split("WHERE")[0]
    for p in spec.params:
        assert p.description
        assert f"?{p.variable}" in select, f"{name}: ?{p.variable} must be projected (Oxigraph substitution)"
    assert "ORDER BY" in spec.sparql
    assert "BOUND(" not in spec.sparql, "Oxigraph folds BOUND(?param) to false: use COALESCE"
    for sub in _sub_selects(spec.sparql):  # Oxigraph binds only the outer query's ?param_…
        assert "?param_" not in sub, f"{name}: a parameter inside a sub-SELECT would stay unbound there"


def _sub_selects(sparql: str) -> list[str]:
    """The text of each nested ``{ SELECT … }`` block (braces counted)."""
    subs = []
    for start in [m.start() for m in re.finditer("SELECT", sparql)][1:]:
        depth, i = 0, sparql.index("{", start)
        while True:
            depth += {"{": 1, "}": -1}.get(sparql[i], 0)
            if depth == 0:
                break
            i += 1
        subs.append(sparql[start : i + 1])
    return subs


def test_pack_has_the_issues_questions():
    assert set(NAMES) >= {
        "lead-agencies",
        "agency-load",
        "agency-types-by-city",
        "co-responsibility",
        "targets",
        "targets-compared",
        "deadlines",
        "phases",
        "themes-by-city",
        "measures-without-lead",
        "references",
        "plans",
    }


@pytest.mark.parametrize("name", NAMES)
def test_columns_are_the_declared_ones_and_both_engines_agree(name, stores):
    spec = get_query(name)
    for lang in ("zh", "en"):
        a = query(stores["rdflib"], name, lang=lang)
        b = query(stores["oxigraph"], name, lang=lang)
        assert list(a.columns) == list(b.columns) == spec.column_names
        assert rows(a) == rows(b), f"{name} ({lang}): rdflib and Oxigraph differ"


# --------------------------------------------------------------------------- each question


def _lead_agency_rows(plans, role=None, city=None):
    out = []
    for r, j in plans:
        region, title = j["plan"]["region"], j["plan"]["title"]
        for m, mj in zip(r.measures, j["measures"], strict=True):
            for x, xj in zip(m.responsible, mj["responsible"], strict=True):
                if (role and xj["role"] != role) or (city and region != city):
                    continue
                key = (region, title, m.span.start, x.span.start)
                label = _onto_label(ROLE_CODES[xj["role"]])
                out.append(
                    (key, (region, title, mj["path"], mj["label"], xj["canonical"][0], label, xj["mention"]))
                )
    return [row for _, row in sorted(out, key=lambda kv: kv[0])]


COLS_LEAD = ["city", "plan", "measure_path", "measure_label", "agency", "role", "mention"]


def test_lead_agencies_one_row_per_responsibility_link(store, plans):
    df = query(store, "lead-agencies")
    assert rows(df, COLS_LEAD) == _lead_agency_rows(plans)
    # cross-check with the reference readings: one row per link, per city
    per_city = Counter()
    for path in GOLD.glob("0*.json"):
        g = gold(path.stem)
        per_city[g["plan"]["region"]] += sum(len(m["responsible"]) for m in g["measures"])
    assert Counter(df["city"]) == +per_city
    assert df["agency_type"].notna().all()


def test_lead_agencies_parameters(store, plans):
    df = query(store, "lead-agencies", city="厦门市", role="lead")
    assert rows(df, COLS_LEAD) == _lead_agency_rows(plans, role="lead", city="厦门市")
    assert len(df) == sum(
        1 for m in gold("001_ea0fa33b9b77872c")["measures"] for x in m["responsible"] if x["role"] == "lead"
    )
    assert rows(query(store, "lead-agencies", city="厦门市", role="牵头")) == rows(df)
    agency = df["agency"].iloc[0]
    only = query(store, "lead-agencies", agency=agency)
    assert len(only) and set(only["agency"]) == {agency}
    assert query(store, "lead-agencies", city="厦门").empty  # exact names, not prefixes


def test_agency_load(store, plans):
    led, supported, named = defaultdict(set), defaultdict(set), defaultdict(set)
    for _, j in plans:
        region = j["plan"]["region"]
        for m in j["measures"]:
            for x in m["responsible"]:
                key = (region, x["canonical"][0])
                (led if x["role"] == "lead" else supported)[key].add(m["path"])
                named[key].add(m["path"])
    expected = sorted(
        ((c, a, len(led[c, a]), len(supported[c, a]), len(named[c, a])) for c, a in named),
        key=lambda t: (t[0], -t[4], -t[2], t[1]),
    )
    df = query(store, "agency-load")
    assert rows(df, ["city", "agency", "measures_led", "measures_supported", "measures"]) == expected
    xiamen = query(store, "agency-load", city="厦门市")
    assert set(xiamen["city"]) == {"厦门市"} and len(xiamen) == sum(1 for c, _ in named if c == "厦门市")


def test_agency_types_by_city(store, plans, ds):
    kind_of = {}
    for agency in ds.subjects(IPG.agencyType, None):
        kind_of[_label(ds, agency)] = _label(ds, ds.value(agency, IPG.agencyType), prop=SKOS.prefLabel)
    measures, agencies = defaultdict(set), defaultdict(set)
    for _, j in plans:
        for m in j["measures"]:
            for x in m["responsible"]:
                if x["role"] == "lead":
                    key = (j["plan"]["region"], kind_of.get(x["canonical"][0]))
                    measures[key].add(m["path"])
                    agencies[key].add(x["canonical"][0])
    expected = sorted(
        ((c, t, len(measures[c, t]), len(agencies[c, t])) for c, t in measures),
        key=lambda r: (r[0], -r[2], _first_none(r[1])),
    )
    assert rows(query(store, "agency-types-by-city")) == expected


def test_co_responsibility(store, plans):
    shared = defaultdict(set)
    for _, j in plans:
        for m in j["measures"]:
            names = sorted({x["canonical"][0] for x in m["responsible"]})
            for a, b in combinations(names, 2):
                shared[j["plan"]["region"], a, b].add(m["path"])
    expected = sorted(
        ((c, a, b, len(ms)) for (c, a, b), ms in shared.items()), key=lambda r: (r[0], -r[3], r[1], r[2])
    )
    assert rows(query(store, "co-responsibility")) == expected
    sub = query(store, "co-responsibility", agency="厦门市中级人民法院")
    assert len(sub) and all("厦门市中级人民法院" in (a, b) for a, b in rows(sub, ["agency_a", "agency_b"]))


def _target_row(j, t):
    kind = _onto_label(KIND_CODES[t["kind"]]) if t["kind"] else None
    return (
        j["plan"]["region"],
        j["plan"]["title"],
        t["path"],
        t["metric"],
        t["comparator"],
        float(t["value"]),
        t["unit"],
        None if t["baseline"] is None else float(t["baseline"]),
        t["baseline_year"],
        t["year"],
        kind,
    )


def test_targets(store, plans):
    expected = []
    for r, j in plans:
        for t, tj in zip(r.targets, j["targets"], strict=True):
            expected.append(((j["plan"]["region"], j["plan"]["title"], t.span.start), _target_row(j, tj)))
    expected = [row for _, row in sorted(expected, key=lambda kv: kv[0])]
    df = query(store, "targets")
    assert rows(df) == expected
    assert Counter(df["city"]) == +Counter(
        {gold(p.stem)["plan"]["region"]: len(gold(p.stem)["targets"]) for p in GOLD.glob("0*.json")}
    )
    assert df["value"].dtype == "float64"
    assert query(store, "targets", city="厦门市")["year"].tolist() == [2025] * 10


def test_targets_compared(store, plans):
    def expected_for(keep):
        out = []
        for r, j in plans:
            for t, tj in zip(r.targets, j["targets"], strict=True):
                if keep(tj["metric"], j["plan"]["region"]):
                    kind = _onto_label(KIND_CODES[tj["kind"]]) if tj["kind"] else None
                    row = (tj["metric"], j["plan"]["region"], j["plan"]["title"], tj["comparator"])
                    row += (float(tj["value"]), tj["unit"], tj["year"], kind)
                    out.append(((tj["metric"], j["plan"]["region"], j["plan"]["title"], t.span.start), row))
        return [row for _, row in sorted(out, key=lambda kv: kv[0])]

    patent = query(store, "targets-compared", metric="专利")
    assert rows(patent) == expected_for(lambda metric, _: "专利" in metric)
    assert patent["city"].nunique() >= 3  # a comparison across cities
    cities = defaultdict(set)
    for _, j in plans:
        for t in j["targets"]:
            cities[t["metric"]].add(j["plan"]["region"])
    assert rows(query(store, "targets-compared")) == expected_for(lambda metric, _: len(cities[metric]) > 1)


def test_deadlines(store, plans):
    expected = []
    for r, j in plans:
        for m, mj in zip(r.measures, j["measures"], strict=True):
            if mj["deadline"] not in (None, "ongoing"):
                row = (mj["deadline"], j["plan"]["region"], j["plan"]["title"], mj["path"], mj["label"])
                expected.append(((*row[:3], m.span.start), row))
    expected = [row for _, row in sorted(expected, key=lambda kv: kv[0])]
    assert rows(query(store, "deadlines")) == expected
    dated = [
        m
        for p in GOLD.glob("0*.json")
        for m in gold(p.stem)["measures"]
        if m["deadline"] not in (None, "ongoing")
    ]
    assert len(expected) == len(dated) == 15


def test_phases(store, plans):
    expected = sorted(
        (
            (j["plan"]["region"], j["plan"]["title"], ph.span.start),
            (j["plan"]["region"], j["plan"]["title"], pj["path"], pj["label"], pj["start"], pj["end"]),
        )
        for r, j in plans
        for ph, pj in zip(r.phases, j["phases"], strict=True)
    )
    assert rows(query(store, "phases")) == [row for _, row in expected]
    assert len(expected) == sum(len(gold(p.stem)["phases"]) for p in GOLD.glob("0*.json")) == 6


def test_themes_by_city(store, ds):
    # from the graph's triples, walked in Python (the themes are the agency-vocabulary helper's rules)
    counts = defaultdict(set)
    for m in ds.subjects(IPG.theme, None, unique=True):
        city = _label(ds, ds.value(ds.value(m, IPG.inPlan), IPG.jurisdiction))
        for theme in ds.objects(m, IPG.theme, unique=True):
            counts[city, _label(ds, theme, prop=SKOS.prefLabel)].add(m)
    expected = sorted((c, t, len(ms)) for (c, t), ms in counts.items())
    df = query(store, "themes-by-city")
    assert rows(df) == expected
    if expected:  # every measure has at least one theme (issue 3): each city's counts cover its measures
        per_city = {c: len({m for (cc, _), ms in counts.items() if cc == c for m in ms}) for c, _ in counts}
        measures = query(store, "plans").groupby("city")["measures"].sum().to_dict()
        assert per_city == measures


def test_measures_without_lead(store, plans):
    expected = sorted(
        (
            (j["plan"]["region"], j["plan"]["title"], m.span.start),
            (j["plan"]["region"], j["plan"]["title"], mj["path"], mj["label"]),
        )
        for r, j in plans
        for m, mj in zip(r.measures, j["measures"], strict=True)
        if not any(x["role"] == "lead" for x in mj["responsible"])
    )
    assert rows(query(store, "measures-without-lead")) == [row for _, row in expected]
    no_unit = sum(1 for p in GOLD.glob("0*.json") for m in gold(p.stem)["measures"] if not m["responsible"])
    assert len(expected) == no_unit == 72


# Issuing level of the cited documents, read by hand off their titles: a place in front
# says which level issued it; laws and national strategies name no place.
LOCAL_REFERENCES = {
    "福建省知识产权强县工程实施方案": "省级",
    "嘉兴市关于全力打造知识产权强市的实施意见": "市级",
    "厦门经济特区知识产权促进和保护条例": "市级",
    "厦门经济特区促进科技创新若干规定": "市级",
    "福州市实施国家知识产权战略纲要若干意见": "市级",
    "上海市人民政府 国家知识产权局共建高水平改革开放知识产权强市合作会商议定书": "市级",
    "仓山区扶持和培育自主知识产权奖励暂行办法": "区县级",
    "仓山区扶持和培育自主知识产权奖励办法": "区县级",
}


def test_references(store, plans):
    expected = sorted(
        {
            (j["plan"]["region"], j["plan"]["title"], ref, LOCAL_REFERENCES.get(ref, "国家级"))
            for _, j in plans
            for ref in j["plan"]["references"]
        }
    )
    assert rows(query(store, "references")) == expected
    assert len(expected) == sum(len(set(gold(p.stem)["plan"]["references"])) for p in GOLD.glob("0*.json"))
    provincial = query(store, "references", level="province")
    assert rows(provincial, ["document"]) == [("福建省知识产权强县工程实施方案",)]


def test_plans_metadata_as_in_the_reference_readings(store, plans):
    expected = []
    for r, j in plans:
        g = gold(Path(r.source).stem)["plan"]
        period = g["period"] or [None, None]
        expected.append(
            (
                g["region"],
                g["title"],
                g["province"],
                _onto_label(ADMIN_CODES[g["admin_level"]]),
                g["doc_number"],
                g["issue_date"],
                period[0],
                period[-1],
                len(j["measures"]),
                len(j["targets"]),
                r.source,
            )
        )
    assert rows(query(store, "plans")) == sorted(expected)


# --------------------------------------------------------------------------- parameters are values


@pytest.mark.parametrize("kind", ["rdflib", "oxigraph"])
def test_injection_is_a_plain_string(kind, graph_file):
    store = open_store(graph_file, kind)
    before = len(store)
    for name in NAMES:
        strings = [p.name for p in get_query(name).params if p.type == "string"]
        # each parameter alone on the fast engine; all at once on rdflib (same text, slower engine)
        for names in [[n] for n in strings] if kind == "oxigraph" else [strings]:
            assert query(store, name, **dict.fromkeys(names, INJECTION)).empty, (name, names)
    for value in ("x' } DELETE WHERE { ?s ?p ?o } #", "\\u0022 ) } #", "厦门市\n} ; CLEAR ALL"):
        assert query(store, "lead-agencies", city=value, agency=value, role=value).empty
    assert len(store) == before
    assert len(open_store(graph_file, kind)) == before


def test_english_labels_and_english_names_as_parameters(store, ds):
    zh = query(store, "lead-agencies", city="厦门市")
    en = query(store, "lead-agencies", city="厦门市", lang="en")
    region = next(ds.subjects(RDFS.label, Literal("厦门市", lang="zh")))
    english = _label(ds, region, "en")
    assert set(en["city"]) == {english}
    assert rows(query(store, "lead-agencies", city=english, lang="en")) == rows(en)
    assert len(en) == len(zh)
    assert set(en["role"]) == {_onto_label(IPG.Lead, "en"), _onto_label(IPG.Support, "en")}
    assert en["measure_label"].tolist() == zh["measure_label"].tolist()  # text as written stays Chinese


EX = Namespace("https://example.org/")


@pytest.mark.parametrize("kind", ["rdflib", "oxigraph"])
def test_label_falls_back_to_chinese(kind, tmp_path):
    """An agency without an English label shows its Chinese one under --lang en."""
    ds = Dataset(default_union=True)
    g = ds.graph(EX.g)
    m, p, r, a, region = EX.m, EX.p, EX.r, EX.a, EX.region
    g.add((r, URIRef(str(IPG) + "measure"), m))
    for s, pr, o in [
        (r, IPG.agency, a),
        (r, IPG.role, IPG.Lead),
        (IPG.Lead, SKOS.notation, Literal("lead")),
        (IPG.Lead, SKOS.prefLabel, Literal("牵头", lang="zh")),
        (m, IPG.inPlan, p),
        (m, IPG.path, Literal("1.1")),
        (m, RDFS.label, Literal("措施", lang="zh")),
        (m, IPG.spanStart, Literal(5)),
        (p, IPG.title, Literal("方案", lang="zh")),
        (p, IPG.jurisdiction, region),
        (region, RDFS.label, Literal("某市", lang="zh")),
        (region, RDFS.label, Literal("Mou", lang="en")),
        (a, RDFS.label, Literal("某市某局", lang="zh")),
    ]:
        g.add((s, pr, o))
    rdf_type = URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    g.add((r, rdf_type, IPG.Responsibility))
    g.add((p, rdf_type, IPG.Plan))
    path = tmp_path / "tiny.trig"
    ds.serialize(destination=str(path), format="trig")
    df = query(open_store(path, kind), "lead-agencies", lang="en")
    assert rows(df) == [("Mou", "方案", "1.1", "措施", "某市某局", None, "牵头", None)]


# --------------------------------------------------------------------------- the API


def test_query_accepts_files_datasets_stores(graph_file, stores):
    import pyoxigraph as ox

    expected = rows(query(stores["oxigraph"], "plans"))
    store = ox.Store()
    store.bulk_load(path=str(graph_file), format=ox.RdfFormat.TRIG)
    for graph in (graph_file, str(graph_file), stores["rdflib"].dataset, store, stores["rdflib"]):
        assert rows(ipgraph.query(graph, "plans")) == expected
    assert rows(query(graph_file, "plans", backend="rdflib")) == expected
    df = ipgraph.query(graph_file, "plans")
    assert df.attrs["query"] == "plans" and df.attrs["question"].startswith("图谱中")


def test_clear_errors(stores, tmp_path):
    store = stores["oxigraph"]
    with pytest.raises(QueryError, match=r"no query named .nope.*lead-agencies"):
        query(store, "nope")
    with pytest.raises(QueryError, match="unknown parameter town; it takes: city, agency, role"):
        query(store, "lead-agencies", town="厦门市")
    with pytest.raises(QueryError, match="language"):
        query(store, "plans", lang="zh'; DROP")
    with pytest.raises(QueryError, match="no such graph file"):
        query(tmp_path / "missing.trig", "plans")
    broken = parse_query("SELECT ?x WHERE { ?x ", "broken")
    with pytest.raises(QueryError, match="broken"):
        query(store, broken)


def test_users_own_query_with_parameters(stores):
    text = (
        "PREFIX ipg: <https://w3id.org/ipgraph/ontology#>\n"
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
        "SELECT ?path ?param_city WHERE { ?p ipg:jurisdiction/rdfs:label ?c . ?m a ipg:Measure ; ipg:inPlan ?p ; ipg:path ?path .\n"
        "  FILTER(COALESCE(STR(?c) = ?param_city, true)) } ORDER BY ?path"
    )
    spec = parse_query(text, "mine")
    for store in stores.values():
        df = query(store, spec, city="济南市")
        assert list(df.columns) == ["path"]
        assert len(df) == len(gold("003_118eb60ae0313b36")["measures"])


def test_docstring_examples():
    import doctest

    import ipgraph.querypack

    assert doctest.testmod(ipgraph.querypack).failed == 0


def test_unprojected_parameter_is_explained(stores):
    spec = parse_query("SELECT ?x WHERE { ?x ?p ?param_city }", "unprojected")
    with pytest.raises(QueryError, match="project every"):
        query(stores["oxigraph"], spec, city="厦门市")


def test_cypher_twins_declare_the_same_columns_and_parameters():
    twins = pytest.importorskip("ipgraph.neo4j.queries")
    for name, spec in pack().items():
        twin = twins.read_cypher(name)
        assert [(c, t) for c, t in twin.columns] == [(c.name, c.type) for c in spec.columns], name
        assert [(p.name, p.type) for p in twin.params] == [(p.name, p.type) for p in spec.params], name


@pytest.mark.parametrize("kind", ["rdflib", "oxigraph"])
def test_targets_compared_finds_a_metric_written_alike_in_two_cities(kind, tmp_path):
    """Without a keyword: only metrics written identically in two or more cities."""
    rdf_type = URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    ds = Dataset(default_union=True)
    g = ds.graph(EX.g)
    targets = [("甲市", "专利授权量", 100.0), ("乙市", "专利授权量", 80.0), ("乙市", "商标注册量", 5.0)]
    for i, (city, metric, value) in enumerate(targets):
        t, p, region = EX[f"t{i}"], EX[f"p-{city}"], EX[f"r-{city}"]
        for s, pr, o in [
            (t, rdf_type, IPG.Target),
            (t, IPG.inPlan, p),
            (t, IPG.metric, Literal(metric, lang="zh")),
            (t, IPG.value, Literal(value)),
            (t, IPG.spanStart, Literal(i)),
            (p, IPG.title, Literal(f"{city}方案", lang="zh")),
            (p, IPG.jurisdiction, region),
            (region, RDFS.label, Literal(city, lang="zh")),
        ]:
            g.add((s, pr, o))
    path = tmp_path / "targets.trig"
    ds.serialize(destination=str(path), format="trig")
    store = open_store(path, kind)
    same = query(store, "targets-compared")
    assert rows(same, ["metric", "city", "value"]) == [
        ("专利授权量", "乙市", 80.0),
        ("专利授权量", "甲市", 100.0),
    ]
    assert rows(query(store, "targets-compared", metric="商标"), ["metric", "city"]) == [
        ("商标注册量", "乙市")
    ]
