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
from .labels import distinct, drop_place
from .layout import grid_panels, ring, tree_layout
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


def shared_place(data: GraphData, sel: Selection) -> Label | None:
    """The one city every selected plan lies in, or None (several cities, no selection)."""
    found = {data.city_of(p.region) for p in select_plans(data, sel)}
    if len(found) != 1 or None in found:
        return None
    return data.region_label(found.pop())


def _short_labels(g: nx.DiGraph, data: GraphData, sel: Selection) -> None:
    """Agencies' canvas labels without the city the whole view shares (the tooltip keeps it)."""
    place = shared_place(data, sel)
    if place is None:
        return
    agencies = [n for n, a in g.nodes(data=True) if a["cls"] in ("agency", "collective")]
    short = {n: drop_place(Label(g.nodes[n]["label"], g.nodes[n]["label_en"]), place) for n in agencies}
    zh = distinct({n: s.zh for n, s in short.items()}, {n: g.nodes[n]["label"] for n in agencies})
    en = distinct({n: s.en for n, s in short.items()}, {n: g.nodes[n]["label_en"] for n in agencies})
    for n in agencies:
        g.nodes[n].update(short=zh[n], short_en=en[n])


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
    _short_labels(g, data, sel)
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
        g.nodes[n]["importance"] = c + g.degree(n, weight="weight") * 1e-6
    _short_labels(g, data, sel)
    if g.number_of_nodes() > max_nodes:
        g = aggregate(g, lambda node, attrs: _agency_type_group(data, node), "按机构类型", "by agency type")
    return g


def cities(data: GraphData, sel: Selection = Selection(), max_nodes: int = DEFAULT_MAX_NODES) -> nx.DiGraph:
    """Cities ↔ agency types ↔ themes: who each city puts to work, and on what."""
    zh, en = _scope(data, sel)
    title = (f"城市、机构类型与主题{zh}", f"Cities, agency types and themes{en}")
    g = _new("cities", *title, data, sel, max_nodes, False)
    measures = {m.uri: m for m in select_measures(data, sel)}
    city_type, type_theme, city_theme = _city_counts(data, measures)
    _add_city_types(g, data, city_type)
    _add_city_themes(g, data, city_theme)
    _add_type_themes(g, data, type_theme)
    for n in g:
        g.nodes[n]["size"] = g.nodes[n]["size"] * 0.6 + min(20.0, g.degree(n, weight="weight") ** 0.5)
    if not data.themes:
        g.graph["notice"] = (
            "图中没有主题(ipg:theme),只画出城市与机构类型。",
            "The graph has no themes (ipg:theme); only cities and agency types are drawn.",
        )
    _spread_facets(g)
    if g.number_of_nodes() > max_nodes:
        g = aggregate(g, _province_grouper(data), "按省份", "by province")
    return g


def _city_counts(data: GraphData, measures: dict) -> tuple[dict, dict, dict]:
    """(city, agency type) → lead/support counts; (type, theme) → measures; (city, theme) → measures."""
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
        code = data.agencies[r.agency].type_code
        city_type[data.plans[m.plan].region, code]["lead" if r.lead else "support"] += 1
        for t in m.themes:
            type_theme[code, t][m.uri] += 1
    return city_type, type_theme, city_theme


def _city_node(g: nx.DiGraph, data: GraphData, city: URIRef | None) -> str:
    lab = data.region_label(city)
    plans = sorted(p.title for p in data.plans.values() if p.region == city)
    key = f"city:{city}"
    _add(
        g,
        key,
        "city",
        lab,
        text="\n".join(plans),
        info=[("方案数 Plans", str(len(plans)))],
        size=22,
        facets={"city": [lab.zh]},
    )
    return key


def _by_city(items: dict) -> list:
    return sorted(items.items(), key=lambda kv: (str(kv[0][0]), kv[0][1]))


def _add_city_types(g: nx.DiGraph, data: GraphData, city_type: dict) -> None:
    for (city, code), c in _by_city(city_type):
        ck, tk = _city_node(g, data, city), f"type:{code}"
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


def _theme_node(g: nx.DiGraph, data: GraphData, theme: str) -> str:
    th = data.theme_label(theme)
    _add(g, f"theme:{theme}", "theme", th, size=16, facets={"theme": [th.zh]})
    return f"theme:{theme}"


def _add_city_themes(g: nx.DiGraph, data: GraphData, city_theme: dict) -> None:
    for (city, theme), ms in _by_city(city_theme):
        g.add_edge(
            _city_node(g, data, city),
            _theme_node(g, data, theme),
            kind="city-theme",
            weight=len(ms),
            text="",
            info=[("措施数 Measures", str(len(ms)))],
        )


def _add_type_themes(g: nx.DiGraph, data: GraphData, type_theme: dict) -> None:
    for (code, theme), ms in sorted(type_theme.items()):
        g.add_edge(
            f"type:{code}",
            _theme_node(g, data, theme),
            kind="type-theme",
            weight=len(ms),
            text="",
            info=[("措施数 Measures", str(len(ms)))],
        )


def _province_grouper(data: GraphData):
    """Grouped cities view: cities by province, the rest as they are."""

    def group_of(node: str, attrs: dict) -> Group:
        if attrs["cls"] != "city":
            return Group(node, attrs["label"], attrs["label_en"], attrs["cls"], attrs.get("type_code"))
        city = next((r for r in data.regions if f"city:{r}" == node), None)
        prov = next((r for r in data.ancestors(city) if "Province" in data.regions[r].kinds), city)
        lab = data.region_label(prov)
        return Group(f"province:{prov}", lab.zh, lab.en, "city")

    return group_of


# --- the plan view: a tree -------------------------------------------------------------------

PLAN_COLUMNS = (0.0, 320.0, 760.0, 1260.0, 1760.0, 2260.0)
"""x of each depth of the plan tree (plan, parts, sub-parts / measures, …): room for labels."""

PLAN_LABEL = 16
"""A measure's canvas label in the plan tree: path, start of its title and deadline, one line."""

_COMPARATORS = {"GreaterOrEqual": "≥", "LessOrEqual": "≤", "Equal": "=", "Greater": ">", "Less": "<"}


def plan(data: GraphData, sel: Selection = Selection(), max_nodes: int = DEFAULT_MAX_NODES) -> nx.DiGraph:
    """One plan as a tree: plan → parts → measures (goals, phases) → targets.

    A deadline is an attribute of its measure (tooltip, second label line), not a node that
    measures of different parts would share; a target hangs under the statement that sets it.
    """
    p = select_plan(data, sel)
    g = _new("plan", p.title, "Plan structure: parts, measures, targets", data, sel, max_nodes)
    code = theme_code(data, sel.theme)  # an unknown theme is an error here too
    region = data.region_label(p.region)
    _add(
        g,
        str(p.uri),
        "plan",
        Label(p.title),
        info=[("地区 Region", _both(region)), ("文件 File", p.file_name)],
        size=30,
        facets={"city": [region.zh]},
    )
    g.nodes[str(p.uri)]["importance"] = 1e9
    statements = _plan_statements(data, p, code)
    parts = {s.path.split(".")[0]: s.part for s in statements if s.part}
    for s in statements:
        parent = _add_sections(g, p, s.path, parts)
        _add_statement(g, data, s, {p.uri: region.zh})
        g.add_edge(parent, str(s.uri), kind="contains", weight=1, text="", info=[])
    _add_targets(g, data, p)
    _spread_facets(g)
    if g.number_of_nodes() > max_nodes:
        g = _group_by_section(g, str(p.uri))
    _tree_positions(g, str(p.uri))
    return g


def _plan_statements(data: GraphData, p: Plan, theme: str | None) -> list[Statement]:
    """The plan's measures, goals and phases in reading order (measures of ``theme`` only)."""
    statements = sorted(
        (s for s in data.statements.values() if s.plan == p.uri), key=lambda s: (_path_key(s.path), s.kind)
    )
    return [s for s in statements if theme is None or s.kind != "measure" or theme in s.themes]


def _add_sections(g: nx.DiGraph, p: Plan, path: str, parts: dict[str, str]) -> str:
    """The chain of sections above ``path`` (1 → 1.2 for 1.2.3); returns the innermost one."""
    steps = path.split(".")
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
            size=18 if depth == 1 else 14,
            info=[("条目 Path", prefix)],
        )
        g.nodes[key]["importance"] = 1e6 / depth
        if not g.has_edge(parent, key):
            g.add_edge(parent, key, kind="contains", weight=1, text="", info=[])
        parent = key
    return parent


def _add_statement(g: nx.DiGraph, data: GraphData, s: Statement, cities: dict) -> None:
    if s.kind == "measure":
        _measure_node(g, data, s, cities)
        due = s.deadline or ("持续推进" if s.ongoing else "")
        due_en = s.deadline or ("ongoing" if s.ongoing else "")
        name = f"{s.path} {s.label}".strip()
        name = name if len(name) <= PLAN_LABEL else name[: PLAN_LABEL - 1] + "…"
        g.nodes[str(s.uri)].update(
            short=name + (f" · {due}" if due else ""),
            short_en=name + (f" · {due_en}" if due_en else ""),
            wrapped=True,
        )
        return
    _add(
        g,
        str(s.uri),
        s.kind,
        Label(s.label or s.path),
        text=s.text,
        info=[("条目 Path", s.path), ("开始 Start", s.start), ("结束 End", s.end)],
    )


def _add_targets(g: nx.DiGraph, data: GraphData, p: Plan) -> None:
    """Each target as a leaf of the statement that sets it (of the plan when none does)."""
    for t in data.targets:
        if t.plan != p.uri:
            continue
        by = str(t.stated_by) if t.stated_by is not None and str(t.stated_by) in g else str(p.uri)
        value = f"{_COMPARATORS.get(t.comparator, '')}{t.value}{t.unit}"
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


def _group_by_section(g: nx.DiGraph, root: str) -> nx.DiGraph:
    section_of: dict[str, str] = {}
    for u, v in nx.bfs_edges(g, root):
        if g.nodes[v]["cls"] not in ("section", "plan"):
            section_of[v] = section_of.get(u, u)

    def group_of(node: str, attrs: dict) -> Group:
        home = section_of.get(node, node)
        a = g.nodes[home]
        return Group(home, a["label"], a["label_en"], a["cls"])

    out = aggregate(g, group_of, "按部分", "by section")
    out.nodes[root]["importance"] = 1e9
    return out


def _tree_positions(g: nx.DiGraph, root: str) -> None:
    """x, y of every node: the tree from the root, anything unreachable in a column after it."""
    tree = nx.bfs_tree(g, root) if root in g else nx.DiGraph()
    order = {n: i for i, n in enumerate(g)}
    ordered = nx.DiGraph()
    for n in sorted(tree, key=order.get):
        ordered.add_node(n)
    for u in ordered.nodes:
        for v in sorted(tree.successors(u), key=order.get):
            ordered.add_edge(u, v)
    pos = tree_layout(ordered, root, PLAN_COLUMNS, row=64.0) if root in g else {}
    bottom = max((y for _, y in pos.values()), default=0.0)
    for i, n in enumerate(n for n in g if n not in pos):
        pos[n] = (PLAN_COLUMNS[-1] + 340.0, bottom + 46.0 * (i + 1))
    for n, (x, y) in pos.items():
        g.nodes[n].update(x=x, y=y)
        cls = g.nodes[n]["cls"]
        g.nodes[n]["tier"] = {"plan": 0, "section": 1}.get(cls, 2)
        if cls not in ("plan", "section"):  # a leaf reads as its own label, one line
            g.nodes[n]["shape"] = "box"
    g.graph["layout"] = "tree"


# --- cities side by side ---------------------------------------------------------------------

PANEL_W, PANEL_H, RING = 760.0, 760.0, 230.0


def compare(data: GraphData, sel: Selection = Selection(), max_nodes: int = DEFAULT_MAX_NODES) -> nx.DiGraph:
    """Small multiples: one panel per city, its agency types on a ring at the same places in
    every panel, sized by the measures they take part in, linked when named on one measure.
    ``graph.graph["panels"]`` holds each panel's frame (x, y, w, h) and title (zh, en)."""
    zh, en = _scope(data, sel)
    g = _new("compare", f"城市对比{zh}", f"Cities side by side{en}", data, sel, max_nodes, False)
    measures = {m.uri: m for m in select_measures(data, sel)}
    per_city = _types_per_city(data, measures)
    codes = [c for c in _type_order() if any(c in types for types, _ in per_city.values())]
    codes += sorted({c for types, _ in per_city.values() for c in types} - set(codes))
    spots = ring(codes, RING)
    cities_ = sorted(
        {data.city_of(p.region) for p in select_plans(data, sel)} | set(per_city),
        key=lambda c: (data.region_label(c).zh, str(c)),
    )
    origin = grid_panels(cities_, PANEL_W, PANEL_H)
    panels = []
    for city in cities_:
        ox, oy = origin(city)
        cx, cy = ox + PANEL_W / 2, oy + PANEL_H / 2 + 30
        panels.append(_city_panel(g, data, city, per_city.get(city, ({}, {})), spots, (cx, cy)))
        panels[-1].update(x=ox + 20, y=oy + 20, w=PANEL_W - 40, h=PANEL_H - 40)
    g.graph["panels"] = panels
    g.graph["layout"] = "panels"
    return g


def _type_order() -> list[str]:
    from .style import AGENCY_TYPE_COLORS

    return list(AGENCY_TYPE_COLORS)


def _types_per_city(data: GraphData, measures: dict) -> dict:
    """city → ({agency type: [lead, support]}, {(type, type): shared measures})."""
    roles: dict = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    on: dict = defaultdict(set)
    for r in data.responsibilities:
        m = measures.get(r.measure)
        if m is None:
            continue
        city = data.city_of(data.plans[m.plan].region)
        code = data.agencies[r.agency].type_code
        roles[city][code][0 if r.lead else 1] += 1
        on[city, r.measure].add(code)
    pairs: dict = defaultdict(Counter)
    for (city, _), codes in on.items():
        ordered = sorted(codes)
        for i, a in enumerate(ordered):
            for b in ordered[i + 1 :]:
                pairs[city][a, b] += 1
    return {c: (dict(roles[c]), pairs[c]) for c in roles}


def _city_panel(g: nx.DiGraph, data: GraphData, city, counts: tuple, spots: dict, centre: tuple) -> dict:
    types, pairs = counts
    lab = data.region_label(city)
    cx, cy = centre
    for code, (lead, support) in types.items():
        tl = data.type_label(code)
        key = f"{city}|{code}"
        _add(
            g,
            key,
            "agency-type",
            tl,
            type_code=code,
            size=6 + 3 * (lead + support) ** 0.5,
            info=[("城市 City", _both(lab)), ("牵头 Lead", str(lead)), ("配合 Support", str(support))],
            facets={"city": [lab.zh], "type": [tl.zh]},
        )
        x, y = spots[code]
        g.nodes[key].update(x=cx + x, y=cy + y, importance=lead + support)
    for (a, b), n in pairs.items():
        info = [("共同负责的措施 Shared measures", str(n))]
        g.add_edge(f"{city}|{a}", f"{city}|{b}", kind="co", weight=n, text="", info=info)
    panel = {"zh": lab.zh, "en": lab.en or lab.zh}
    if not types:
        panel.update(note_zh="未读到责任单位", note_en="No responsible units read")
    return panel


VIEWS = {
    "responsibility": responsibility,
    "agencies": agencies,
    "cities": cities,
    "plan": plan,
    "compare": compare,
}


def _both(label: Label) -> str:
    return f"{label.zh} / {label.en}" if label.en and label.en != label.zh else label.zh
