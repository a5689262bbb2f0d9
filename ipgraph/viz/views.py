"""The four views as networkx graphs: what is drawn, before any HTML.

Every node carries ``cls`` (its drawing class, see :mod:`ipgraph.viz.style`), ``label``
(Chinese), ``label_en``, ``text`` (the source text shown in its tooltip), ``info`` (pairs
shown in the tooltip), ``color``, ``shape``, ``size`` and ``facets`` (city / agency type /
theme values the page filters on). Every edge carries ``kind``, ``weight``, ``text`` and
``info``. ``graph.graph`` holds ``view``, ``title`` (zh, en) and, when grouped, ``notice``.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import networkx as nx
from rdflib import URIRef

from .aggregate import Group, aggregate
from .data import GraphData, Label, Plan, Statement, responsibility_clause
from .style import node_color, node_shape

DEFAULT_MAX_NODES = 1500
"""Above this many nodes a view is drawn grouped (see :mod:`ipgraph.viz.aggregate`)."""

FACETS = {"city": ("城市", "City"), "type": ("机构类型", "Agency type"), "theme": ("主题", "Theme")}


class ViewError(ValueError):
    """A view cannot be drawn as asked (unknown city, theme or plan; nothing to draw)."""


@dataclass(frozen=True, slots=True)
class Selection:
    """What the user narrowed the view to."""

    city: str | None = None
    theme: str | None = None
    plan: str | None = None


# --- selecting -------------------------------------------------------------------------------


def _matches(label: Label, wanted: str) -> bool:
    """Whether ``wanted`` names ``label``: in full, in English, or without 市/区/县/省.

    >>> xm = Label("厦门市", "Xiamen")
    >>> _matches(xm, "厦门"), _matches(xm, "xiamen"), _matches(xm, "厦门市"), _matches(xm, "市")
    (True, True, True, False)
    """
    w = wanted.strip().casefold()
    zh = label.zh.casefold()
    return w in (zh, label.en.casefold()) or (
        len(w) >= 2 and zh.rstrip("市区县省") == w.rstrip("市区县省") and bool(w.rstrip("市区县省"))
    )


def select_plans(data: GraphData, sel: Selection) -> list[Plan]:
    """The plans of the selected city (a city's districts included), in a stable order."""
    plans = sorted(data.plans.values(), key=lambda p: (p.file_name, str(p.uri)))
    if not sel.city:
        return plans
    chosen = [
        p
        for p in plans
        if any(
            _matches(data.region_label(r), sel.city) or str(r) == sel.city for r in data.ancestors(p.region)
        )
    ]
    if not chosen:
        known = sorted({data.region_label(p.region).zh for p in plans})
        raise ViewError(
            f"no plan for city {sel.city!r}; the graph has plans for: {', '.join(known) or 'none'}"
        )
    return chosen


def theme_code(data: GraphData, theme: str | None) -> str | None:
    """The theme code ``theme`` names (code, Chinese or English label); None for no filter."""
    if not theme:
        return None
    if not data.themes:
        raise ViewError(
            f"cannot filter by theme {theme!r}: the graph has no themes (ipg:theme); rebuild it with "
            "a current ipgraph"
        )
    for code, c in data.themes.items():
        if theme.strip().casefold() == code.casefold() or _matches(c.label, theme):
            return code
    w = theme.strip().casefold()
    partial = [
        code
        for code, c in data.themes.items()
        if w and (w in c.label.zh.casefold() or w in c.label.en.casefold())
    ]
    if len(partial) == 1:  # 保护 for 保护与执法
        return partial[0]
    raise ViewError(f"unknown theme {theme!r}; themes: {', '.join(sorted(data.themes))}")


def select_measures(data: GraphData, sel: Selection) -> list[Statement]:
    plans = {p.uri for p in select_plans(data, sel)}
    code = theme_code(data, sel.theme)
    out = [m for m in data.measures() if m.plan in plans and (code is None or code in m.themes)]
    return sorted(out, key=lambda m: (str(m.plan), _path_key(m.path)))


def select_plan(data: GraphData, sel: Selection) -> Plan:
    """The one plan the ``plan`` view draws: by id, IRI, file name or a piece of its title."""
    plans = select_plans(data, sel)
    if sel.plan:
        w = sel.plan.strip()
        exact = [p for p in plans if w in (str(p.uri), str(p.uri).rsplit("/", 1)[-1], p.file_name)]
        exact = exact or [p for p in plans if p.file_name.rsplit(".", 1)[0] == w]
        plans = exact or [p for p in plans if w in p.title]
    if len(plans) == 1:
        return plans[0]
    listing = "; ".join(f"{p.file_name or p.uri.rsplit('/', 1)[-1]} ({p.title})" for p in plans[:20])
    if not plans:
        raise ViewError(f"no plan matches {sel.plan!r}")
    raise ViewError(f"the plan view draws one plan; pick one with --plan (file name, id or title): {listing}")


# --- building --------------------------------------------------------------------------------


def _path_key(path: str) -> tuple:
    return tuple(int(x) if x.isdigit() else 0 for x in path.split("."))


def _add(
    g: nx.DiGraph,
    key: str,
    cls: str,
    label: Label,
    *,
    text: str = "",
    info: Iterable[tuple[str, str]] = (),
    type_code: str | None = None,
    size: float = 12.0,
    facets: dict[str, Iterable[str]] | None = None,
) -> None:
    if key in g:
        return
    g.add_node(
        key,
        cls=cls,
        label=label.zh,
        label_en=label.en,
        text=text,
        info=[(k, v) for k, v in info if v],
        type_code=type_code,
        color=node_color(cls, type_code),
        shape=node_shape(cls),
        size=size,
        facets={k: sorted(set(v)) for k, v in (facets or {}).items() if v},
    )


def _spread_facets(g: nx.DiGraph) -> None:
    """Give each node its neighbours' facet values too, so a filter keeps both ends of an edge."""
    own = {n: {k: set(v) for k, v in a.get("facets", {}).items()} for n, a in g.nodes(data=True)}
    for n in g:
        merged: dict[str, set[str]] = defaultdict(set)
        for m in (n, *g.predecessors(n), *g.successors(n)):
            for k, v in own[m].items():
                merged[k] |= v
        g.nodes[n]["facets"] = {k: sorted(v) for k, v in merged.items()}


def _new(view: str, zh: str, en: str, data: GraphData, sel: Selection, max_nodes: int, directed: bool = True):
    g = nx.DiGraph()
    g.graph.update(
        view=view,
        title=(zh, en),
        selection=sel,
        max_nodes=max_nodes,
        directed=directed,
        aggregated=False,
        facets=FACETS,
        type_labels={c: (data.type_label(c).zh, data.type_label(c).en) for c in _type_codes(data)},
    )
    return g


def _type_codes(data: GraphData) -> set[str]:
    return set(data.agency_types) | {a.type_code for a in data.agencies.values()}


def _scope(data: GraphData, sel: Selection) -> tuple[str, str]:
    bits_zh, bits_en = [], []
    if sel.city:
        lab = next(
            (data.region_label(r) for p in select_plans(data, sel) for r in [p.region] if r), Label(sel.city)
        )
        bits_zh.append(sel.city)
        bits_en.append(lab.en or sel.city)
    if sel.theme and (code := theme_code(data, sel.theme)):
        bits_zh.append(data.theme_label(code).zh)
        bits_en.append(data.theme_label(code).en or code)
    return (
        "(" + "·".join(bits_zh) + ")" if bits_zh else "",
        " (" + ", ".join(bits_en) + ")" if bits_en else "",
    )


def _measure_node(g: nx.DiGraph, data: GraphData, m: Statement, cities: dict, **extra) -> None:
    plan = data.plans.get(m.plan)
    theme_labels = [data.theme_label(t).zh for t in m.themes]
    _add(
        g,
        str(m.uri),
        "measure",
        Label(m.label or m.path),
        text=m.text,
        info=[
            ("方案 Plan", plan.title if plan else ""),
            ("条目 Path", m.path),
            ("部分 Part", m.part),
            ("完成时限 Deadline", m.deadline or ("持续推进 ongoing" if m.ongoing else "")),
            ("主题 Themes", "、".join(theme_labels)),
            (
                "知识产权类型 IP types",
                "、".join(data.ip_types[t].label.zh if t in data.ip_types else t for t in m.ip_types),
            ),
        ],
        facets={"city": [cities[m.plan]], "theme": theme_labels},
        **extra,
    )


def _plan_cities(data: GraphData) -> dict:
    return {p.uri: data.region_label(p.region).zh for p in data.plans.values()}


def responsibility(
    data: GraphData, sel: Selection = Selection(), max_nodes: int = DEFAULT_MAX_NODES
) -> nx.DiGraph:
    """Agencies → measures they are responsible for; lead edges apart from support edges."""
    zh, en = _scope(data, sel)
    g = _new("responsibility", f"责任分工{zh}", f"Who is responsible for what{en}", data, sel, max_nodes)
    measures = {m.uri: m for m in select_measures(data, sel)}
    cities = _plan_cities(data)
    counts: dict = defaultdict(Counter)
    mentions: dict = defaultdict(set)
    for r in data.responsibilities:
        if r.measure not in measures:
            continue
        counts[r.agency]["lead" if r.lead else "support"] += 1
        mentions[r.agency].add(r.mention)
    for r in data.responsibilities:
        if r.measure not in measures:
            continue
        a = data.agencies[r.agency]
        n = sum(counts[r.agency].values())
        _add(
            g,
            str(a.uri),
            "collective" if a.collective else "agency",
            a.label,
            text="原文写作 As written: " + "、".join(sorted(mentions[r.agency])),
            info=[
                ("机构类型 Type", _both(data.type_label(a.type_code))),
                ("辖区 Jurisdiction", data.region_label(a.region).zh if a.region else ""),
                ("牵头 Lead", str(counts[r.agency]["lead"])),
                ("配合 Support", str(counts[r.agency]["support"])),
            ],
            type_code=a.type_code,
            size=10 + 4 * n**0.5,
            facets={"type": [data.type_label(a.type_code).zh]},
        )
        _measure_node(g, data, measures[r.measure], cities)
        u, v = str(a.uri), str(r.measure)
        if g.has_edge(u, v):  # the same agency named twice for one measure: lead wins
            if r.lead:
                g.edges[u, v]["kind"] = "lead"
            continue
        g.add_edge(
            u,
            v,
            kind="lead" if r.lead else "support",
            weight=1,
            text=responsibility_clause(data, r),
            info=[
                ("角色 Role", "牵头 Lead" if r.lead else "配合 Support"),
                ("原文写作 As written", r.mention),
            ],
        )
    _spread_facets(g)
    if g.number_of_nodes() > max_nodes:

        def group_of(node: str, attrs: dict) -> Group:
            if attrs["cls"] == "measure":
                m = measures[URIRef(node)]
                if m.themes:
                    t = data.theme_label(m.themes[0])
                    return Group("theme:" + m.themes[0], t.zh, t.en, "theme")
                city = cities[m.plan]
                return Group("city:" + city, f"{city}的措施", f"Measures of {city}", "measure")
            return _agency_type_group(data, node)

        g = aggregate(g, group_of, "按机构类型和主题", "by agency type and theme")
    return g


def _agency_type_group(data: GraphData, node: str) -> Group:
    """The group an agency falls in when a view is aggregated: its agency type."""
    a = data.agencies[URIRef(node)]
    t = data.type_label(a.type_code)
    return Group("type:" + a.type_code, t.zh, t.en, "agency-type", a.type_code)


def agencies(data: GraphData, sel: Selection = Selection(), max_nodes: int = DEFAULT_MAX_NODES) -> nx.DiGraph:
    """Agency–agency co-responsibility: an edge for each pair named on the same measure.

    Nodes are sized by degree centrality (networkx) and coloured by agency type.
    """
    zh, en = _scope(data, sel)
    g = _new("agencies", f"机构协作网络{zh}", f"Agencies working together{en}", data, sel, max_nodes, False)
    measures = {m.uri: m for m in select_measures(data, sel)}
    cities = _plan_cities(data)
    on: dict = defaultdict(set)
    roles: dict = defaultdict(Counter)
    agency_cities: dict = defaultdict(set)
    for r in data.responsibilities:
        if r.measure in measures:
            on[r.measure].add(r.agency)
            roles[r.agency]["lead" if r.lead else "support"] += 1
            agency_cities[r.agency].add(cities[measures[r.measure].plan])
    shared: dict = defaultdict(list)
    for m_uri, names in on.items():
        ordered = sorted(names, key=str)
        for i, a in enumerate(ordered):
            for b in ordered[i + 1 :]:
                shared[a, b].append(measures[m_uri])
    for a_uri in sorted(roles, key=str):
        a = data.agencies[a_uri]
        _add(
            g,
            str(a_uri),
            "collective" if a.collective else "agency",
            a.label,
            info=[
                ("机构类型 Type", _both(data.type_label(a.type_code))),
                ("辖区 Jurisdiction", data.region_label(a.region).zh if a.region else ""),
                ("牵头 Lead", str(roles[a_uri]["lead"])),
                ("配合 Support", str(roles[a_uri]["support"])),
            ],
            type_code=a.type_code,
            facets={"type": [data.type_label(a.type_code).zh], "city": agency_cities[a_uri]},
        )
    for (a, b), ms in shared.items():
        g.add_edge(
            str(a),
            str(b),
            kind="co",
            weight=len(ms),
            text="\n".join(f"{m.path} {m.label}" for m in ms[:10]) + ("\n…" if len(ms) > 10 else ""),
            info=[("共同负责的措施 Shared measures", str(len(ms)))],
        )
    centrality = nx.degree_centrality(g.to_undirected(as_view=True)) if len(g) > 1 else dict.fromkeys(g, 0.0)
    for n, c in centrality.items():
        g.nodes[n]["centrality"] = c
        g.nodes[n]["size"] = 8 + 40 * c
        g.nodes[n]["info"].append(("度中心性 Degree centrality", f"{c:.3f}"))
    if g.number_of_nodes() > max_nodes:
        g = aggregate(g, lambda node, attrs: _agency_type_group(data, node), "按机构类型", "by agency type")
    return g


def cities(data: GraphData, sel: Selection = Selection(), max_nodes: int = DEFAULT_MAX_NODES) -> nx.DiGraph:
    """Cities ↔ agency types ↔ themes: who each city puts to work, and on what."""
    zh, en = _scope(data, sel)
    g = _new(
        "cities",
        f"城市、机构类型与主题{zh}",
        f"Cities, agency types and themes{en}",
        data,
        sel,
        max_nodes,
        False,
    )
    measures = {m.uri: m for m in select_measures(data, sel)}

    def city_node(city: URIRef | None) -> str:
        lab = data.region_label(city)
        plans = sorted(p.title for p in data.plans.values() if p.region == city)
        info = [("方案数 Plans", str(len(plans)))]
        _add(
            g,
            f"city:{city}",
            "city",
            lab,
            text="\n".join(plans),
            info=info,
            size=22,
            facets={"city": [lab.zh]},
        )
        return f"city:{city}"

    city_type: dict = defaultdict(Counter)
    type_theme: dict = defaultdict(Counter)
    city_theme: dict = defaultdict(set)
    for m in measures.values():
        for t in m.themes:
            city_theme[data.plans[m.plan].region, t].add(m.uri)
    for r in data.responsibilities:
        m = measures.get(r.measure)
        if m is None:
            continue
        plan = data.plans[m.plan]
        city = plan.region
        code = data.agencies[r.agency].type_code
        city_type[city, code]["lead" if r.lead else "support"] += 1
        for t in m.themes:
            type_theme[code, t][m.uri] += 1
    for (city, code), c in sorted(city_type.items(), key=lambda kv: (str(kv[0][0]), kv[0][1])):
        ck, tk = city_node(city), f"type:{code}"
        tl = data.type_label(code)
        _add(g, tk, "agency-type", tl, type_code=code, size=14, facets={"type": [tl.zh]})
        g.add_edge(
            ck,
            tk,
            kind="city-type",
            weight=sum(c.values()),
            text="",
            info=[("牵头 Lead", str(c["lead"])), ("配合 Support", str(c["support"]))],
        )
    for (city, theme), ms in sorted(city_theme.items(), key=lambda kv: (str(kv[0][0]), kv[0][1])):
        th = data.theme_label(theme)
        city_node(city)
        _add(g, f"theme:{theme}", "theme", th, size=16, facets={"theme": [th.zh]})
        g.add_edge(
            f"city:{city}",
            f"theme:{theme}",
            kind="city-theme",
            weight=len(ms),
            text="",
            info=[("措施数 Measures", str(len(ms)))],
        )
    for (code, theme), ms in sorted(type_theme.items()):
        th = data.theme_label(theme)
        _add(g, f"theme:{theme}", "theme", th, size=16, facets={"theme": [th.zh]})
        g.add_edge(
            f"type:{code}",
            f"theme:{theme}",
            kind="type-theme",
            weight=len(ms),
            text="",
            info=[("措施数 Measures", str(len(ms)))],
        )
    for n in g:
        g.nodes[n]["size"] = g.nodes[n]["size"] * 0.6 + min(20.0, g.degree(n, weight="weight") ** 0.5)
    if not data.themes:
        g.graph["notice"] = (
            "图中没有主题(ipg:theme),只画出城市与机构类型。",
            "The graph has no themes (ipg:theme); only cities and agency types are drawn.",
        )
    _spread_facets(g)
    if g.number_of_nodes() > max_nodes:

        def group_of(node: str, attrs: dict) -> Group:
            if attrs["cls"] != "city":
                return Group(node, attrs["label"], attrs["label_en"], attrs["cls"], attrs.get("type_code"))
            city = next((r for r in data.regions if f"city:{r}" == node), None)
            prov = next((r for r in data.ancestors(city) if "Province" in data.regions[r].kinds), city)
            lab = data.region_label(prov)
            return Group(f"province:{prov}", lab.zh, lab.en, "city")

        g = aggregate(g, group_of, "按省份", "by province")
    return g


def plan(data: GraphData, sel: Selection = Selection(), max_nodes: int = DEFAULT_MAX_NODES) -> nx.DiGraph:
    """One plan's tree: sections, measures (and goals, phases), targets, deadlines."""
    p = select_plan(data, sel)
    g = _new("plan", p.title, "Plan structure: sections, measures, targets, deadlines", data, sel, max_nodes)
    region = data.region_label(p.region)
    theme_code(data, sel.theme)  # an unknown theme is an error here too
    _add(
        g,
        str(p.uri),
        "plan",
        Label(p.title),
        info=[("地区 Region", _both(region)), ("文件 File", p.file_name)],
        size=30,
        facets={"city": [region.zh]},
    )
    statements = sorted(
        (s for s in data.statements.values() if s.plan == p.uri), key=lambda s: (_path_key(s.path), s.kind)
    )
    code = theme_code(data, sel.theme)
    statements = [s for s in statements if code is None or s.kind != "measure" or code in s.themes]
    parts = {s.path.split(".")[0]: s.part for s in statements if s.part}
    cities = {p.uri: region.zh}
    for s in statements:
        steps = s.path.split(".")
        parent = str(p.uri)
        for depth in range(1, len(steps)):
            prefix = ".".join(steps[:depth])
            key = f"{p.uri}/section/{prefix}"
            name = parts.get(prefix, "") if depth == 1 else ""
            _add(
                g,
                key,
                "section",
                Label(f"{prefix} {name}".strip()),
                size=14 if depth > 1 else 18,
                info=[("条目 Path", prefix)],
            )
            if not g.has_edge(parent, key):
                g.add_edge(parent, key, kind="contains", weight=1, text="", info=[])
            parent = key
        if s.kind == "measure":
            _measure_node(g, data, s, cities)
        else:
            _add(
                g,
                str(s.uri),
                s.kind,
                Label(s.label or s.path),
                text=s.text,
                info=[("条目 Path", s.path), ("开始 Start", s.start), ("结束 End", s.end)],
            )
        g.add_edge(parent, str(s.uri), kind="contains", weight=1, text="", info=[])
        if s.kind == "measure" and (s.deadline or s.ongoing):
            key = f"{p.uri}/deadline/{s.deadline or 'ongoing'}"
            _add(
                g, key, "deadline", Label(s.deadline or "持续推进", "" if s.deadline else "ongoing"), size=12
            )
            g.add_edge(str(s.uri), key, kind="deadline", weight=1, text="", info=[])
    for t in data.targets:
        if t.plan != p.uri:
            continue
        by = str(t.stated_by) if t.stated_by is not None and str(t.stated_by) in g else str(p.uri)
        comparator = {"GreaterOrEqual": "≥", "LessOrEqual": "≤", "Equal": "=", "Greater": ">", "Less": "<"}
        value = f"{comparator.get(t.comparator, '')}{t.value}{t.unit}"
        _add(
            g,
            str(t.uri),
            "target",
            Label(f"{t.metric} {value}".strip()),
            text=t.text,
            info=[
                ("指标 Metric", t.metric),
                ("目标值 Value", value),
                ("年份 Year", t.due_year),
                ("基数 Baseline", t.baseline),
                ("类型 Kind", t.kind),
            ],
            size=10,
        )
        g.add_edge(by, str(t.uri), kind="target", weight=1, text="", info=[])
    _spread_facets(g)
    if g.number_of_nodes() > max_nodes:
        section_of = {}
        for u, v in nx.bfs_edges(g, str(p.uri)):
            if g.nodes[v]["cls"] not in ("section", "plan"):
                section_of[v] = section_of.get(u, u)

        def group_of(node: str, attrs: dict) -> Group:
            home = section_of.get(node, node)
            a = g.nodes[home]
            return Group(home, a["label"], a["label_en"], a["cls"])

        g = aggregate(g, group_of, "按部分", "by section")
    return g


VIEWS = {"responsibility": responsibility, "agencies": agencies, "cities": cities, "plan": plan}


def _both(label: Label) -> str:
    return f"{label.zh} / {label.en}" if label.en and label.en != label.zh else label.zh
