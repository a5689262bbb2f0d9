"""Above a size limit a view is drawn grouped: one node per group, edges summed.

A browser lays out a few thousand nodes slowly and shows them as a hairball; grouping
(agencies by type, measures by theme, …) keeps the page responsive and still true to the
counts, and the page says that it was grouped and how to narrow the view instead.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass

import networkx as nx

from .style import node_color, node_shape


@dataclass(frozen=True, slots=True)
class Group:
    """Where one node goes: its group's key, label (zh, en) and drawing class."""

    key: str
    zh: str
    en: str = ""
    cls: str = "group"
    type_code: str | None = None


Grouper = Callable[[str, dict], Group]

MEMBERS_SHOWN = 12


def aggregate(graph: nx.DiGraph, group_of: Grouper, how_zh: str, how_en: str) -> nx.DiGraph:
    """The quotient of ``graph`` under ``group_of``; edge weights are summed per kind.

    The result keeps ``graph.graph`` and adds ``notice`` (zh/en) saying it was grouped.
    """
    out = nx.DiGraph()
    out.graph.update(graph.graph)
    members: dict[str, list[str]] = defaultdict(list)
    facets: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    where: dict[str, str] = {}
    for node, attrs in graph.nodes(data=True):
        g = group_of(node, attrs)
        where[node] = g.key
        if g.key not in out:
            out.add_node(
                g.key,
                cls=g.cls,
                label=g.zh,
                label_en=g.en,
                type_code=g.type_code,
                color=node_color(g.cls, g.type_code),
                shape=node_shape(g.cls),
                text="",
            )
        members[g.key].append(attrs.get("label", str(node)))
        for facet, values in attrs.get("facets", {}).items():
            facets[g.key][facet].update(values)
    for key, names in members.items():
        shown = "、".join(sorted(names)[:MEMBERS_SHOWN]) + ("…" if len(names) > MEMBERS_SHOWN else "")
        out.nodes[key].update(
            count=len(names),
            size=10 + 4 * len(names) ** 0.5,
            info=[("成员数 Members", str(len(names)))],
            text=shown,
            facets={f: sorted(v) for f, v in facets[key].items()},
        )
    weights: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for u, v, attrs in graph.edges(data=True):
        a, b = where[u], where[v]
        if a != b:
            if not graph.graph.get("directed", True):
                a, b = sorted((a, b))
            weights[a, b][attrs.get("kind", "co")] += attrs.get("weight", 1)
    for (a, b), kinds in weights.items():
        kind = (
            next(iter(kinds)) if len(kinds) == 1 else ("mixed" if {"lead", "support"} & set(kinds) else "co")
        )
        total = sum(kinds.values())
        out.add_edge(
            a,
            b,
            kind=kind,
            weight=total,
            info=[(k, str(n)) for k, n in sorted(kinds.items())],
            text="",
        )
    n = graph.number_of_nodes()
    out.graph["aggregated"] = True
    limit, k = out.graph.get("max_nodes", n), out.number_of_nodes()
    out.graph["notice"] = (
        f"此视图有 {n} 个节点,超过上限 {limit};已{how_zh}汇总为 {k} 个节点。"
        "用 --city 或 --theme 缩小范围可看到单个节点。",
        f"This view has {n} nodes, over the limit of {limit}; it is grouped {how_en} into {k} nodes. "
        "Narrow it with --city or --theme to see single nodes.",
    )
    return out
