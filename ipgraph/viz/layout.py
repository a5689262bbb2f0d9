"""Node positions computed before the page opens, so a view opens still and fast.

A browser running a force simulation on thousands of nodes takes many seconds and moves the
picture under the reader's eyes. Here positions are computed once with networkx:

- :func:`force_layout`: each connected component on its own (spring layout), large
  components split into communities laid out apart, the pieces packed largest first into
  a screen-shaped block;
- :func:`tree_layout`: a left-to-right tree (the plan view), leaves one per row;
- :func:`grid_panels`: panels side by side, the same key at the same place in every panel
  (the small-multiples page).

Coordinates are canvas units (about a pixel at zoom 1); nodes get ``x`` and ``y``.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Hashable, Sequence

import networkx as nx
import numpy as np

SPACING = 95.0
"""Typical distance between linked nodes, canvas units."""
SPRING_MAX = 400
"""Components above this many nodes are split into communities first."""
ASPECT = 1.6
"""Width / height of the block the pieces are packed into (a wide screen)."""

Pos = dict[Hashable, tuple[float, float]]


def force_layout(graph: nx.Graph, seed: int = 7) -> Pos:
    """Positions for every node of ``graph`` (see module docs)."""
    und = graph.to_undirected(as_view=True) if graph.is_directed() else graph
    pieces = [_component(und.subgraph(c), seed) for c in nx.connected_components(und)]
    return pack(pieces)


def _component(g: nx.Graph, seed: int) -> Pos:
    n = g.number_of_nodes()
    if n == 1:
        return {next(iter(g)): (0.0, 0.0)}
    if n <= SPRING_MAX:
        return _spring(g, seed)
    communities = sorted(nx.community.louvain_communities(g, seed=seed), key=len, reverse=True)
    if len(communities) == 1:  # no structure to split on: a cheaper spring
        return _spring(g, seed, iterations=30)
    where = {v: i for i, c in enumerate(communities) for v in c}
    parts = [_component(g.subgraph(c), seed) for c in communities]
    quotient = nx.Graph()
    quotient.add_nodes_from(range(len(parts)))
    for u, v in g.edges():
        a, b = where[u], where[v]
        if a != b:
            w = quotient.get_edge_data(a, b, {"weight": 0})["weight"]
            quotient.add_edge(a, b, weight=w + 1)
    radii = [_radius(p) + SPACING for p in parts]
    centres = _spring(quotient, seed) if len(parts) > 1 else {0: (0.0, 0.0)}
    placed = _separate([centres[i] for i in range(len(parts))], radii)
    out: Pos = {}
    for part, (cx, cy) in zip(parts, placed, strict=True):
        mx, my = _centre(part)
        out.update({v: (x - mx + cx, y - my + cy) for v, (x, y) in part.items()})
    return out


def _spring(g: nx.Graph, seed: int, iterations: int = 80) -> Pos:
    """networkx's spring layout, scaled so that linked nodes sit about SPACING apart."""
    n = g.number_of_nodes()
    pos = nx.spring_layout(g, seed=seed, iterations=iterations, weight=None)
    scale = SPACING * math.sqrt(n) * 0.9
    return {v: (float(x) * scale, float(y) * scale) for v, (x, y) in pos.items()}


def _separate(centres: list[tuple[float, float]], radii: list[float], rounds: int = 60) -> list:
    """Push circles apart until none overlap (a few relaxation rounds over all pairs)."""
    xy = np.array(centres, dtype=float)
    r = np.array(radii, dtype=float)
    spread = max(1.0, float(np.abs(xy).max()))
    xy *= r.sum() / spread / 2  # start at about the right size
    for _ in range(rounds):
        d = xy[:, None, :] - xy[None, :, :]
        dist = np.sqrt((d**2).sum(-1)) + np.eye(len(r))
        need = r[:, None] + r[None, :] - dist
        np.fill_diagonal(need, 0)
        if need.max() <= 0:
            break
        push = np.clip(need, 0, None)[:, :, None] * d / dist[:, :, None] / 2
        xy += push.sum(1)
    return [tuple(p) for p in xy]


def _centre(pos: Pos) -> tuple[float, float]:
    xs, ys = zip(*pos.values(), strict=True)
    return (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2


def _radius(pos: Pos) -> float:
    cx, cy = _centre(pos)
    return max(math.hypot(x - cx, y - cy) for x, y in pos.values())


def pack(pieces: Sequence[Pos], gap: float = SPACING * 1.5) -> Pos:
    """Pieces side by side in rows (largest first), the row width chosen so that the whole
    block fills a screen ASPECT times wider than high as fully as it can."""
    boxes = []
    for p in sorted(pieces, key=len, reverse=True):
        xs, ys = zip(*p.values(), strict=True)
        boxes.append((p, min(xs), min(ys), max(xs) - min(xs) + gap, max(ys) - min(ys) + gap))
    if not boxes:
        return {}
    widths = sorted({sum(b[3] for b in boxes[:k]) for k in range(1, len(boxes) + 1)})
    candidates = [w for w in widths if w >= max(b[3] for b in boxes)][:60]

    def shelves(row_width: float) -> tuple[list[tuple[float, float]], float, float]:
        spots, x, y, row_h, width = [], 0.0, 0.0, 0.0, 0.0
        for _, _, _, w, h in boxes:
            if x > 0 and x + w > row_width + 1e-6:
                x, y, row_h = 0.0, y + row_h, 0.0
            spots.append((x, y))
            x, row_h, width = x + w, max(row_h, h), max(width, x + w)
        return spots, width, y + row_h

    def fit(row_width: float) -> float:  # the zoom at which the block fills the screen
        _, w, h = shelves(row_width)
        return min(ASPECT / w, 1.0 / h)

    spots, _, _ = shelves(max(candidates, key=fit))
    out: Pos = {}
    for (p, x0, y0, _, _), (x, y) in zip(boxes, spots, strict=True):
        out.update({v: (px - x0 + x, py - y0 + y) for v, (px, py) in p.items()})
    return out


def tree_layout(tree: nx.DiGraph, root: Hashable, columns: Sequence[float], row: float = 46.0) -> Pos:
    """A left-to-right tree: depth d at x = ``columns[d]``, each leaf on its own row,
    a parent level with the middle of its children. Children keep their insertion order."""
    out: Pos = {}
    next_row = [0.0]

    def place(node: Hashable, depth: int) -> float:
        x = columns[min(depth, len(columns) - 1)]
        kids = list(tree.successors(node))
        if not kids:
            y = next_row[0]
            next_row[0] += row
        else:
            ys = [place(k, depth + 1) for k in kids]
            y = (ys[0] + ys[-1]) / 2
        out[node] = (x, y)
        return y

    place(root, 0)
    return out


def ring(keys: Sequence[Hashable], radius: float) -> Pos:
    """``keys`` evenly round a circle, the first at the top, clockwise."""
    n = max(1, len(keys))
    return {
        k: (radius * math.sin(2 * math.pi * i / n), -radius * math.cos(2 * math.pi * i / n))
        for i, k in enumerate(keys)
    }


def grid_panels(
    panels: Sequence[Hashable], width: float, height: float, columns: int | None = None
) -> Callable[[Hashable], tuple[float, float]]:
    """Panel origins (top-left) in a grid of ``columns`` (about square overall by default)."""
    cols = columns or max(1, math.ceil(math.sqrt(len(panels) * height / width * ASPECT)))
    index = {p: i for i, p in enumerate(panels)}
    return lambda p: ((index[p] % cols) * width, (index[p] // cols) * height)
