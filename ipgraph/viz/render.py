"""A view's networkx graph → one self-contained HTML file that makes no request.

vis-network's script comes from pyvis's package data and is inlined with our own template,
script and style (pyvis's own templates pull Bootstrap and utils.js from elsewhere), and the
vis options start from pyvis's :class:`~pyvis.options.Options`. A Content-Security-Policy
with a per-file nonce lets only our two scripts run and forbids every fetch.

Text from documents reaches the page only as JSON inside ``<script type="application/json">``
(with ``<``, ``>``, ``&``, U+2028 and U+2029 escaped) and is put into the DOM with
``textContent``; tooltips are DOM elements, never HTML strings.
"""

from __future__ import annotations

import html
import json
import math
import re
import secrets
from importlib.resources import files
from pathlib import Path
from typing import Any

import networkx as nx

from ..atomic import atomic_write
from .labels import wrap
from .layout import force_layout
from .style import AGENCY_TYPE_COLORS, EDGE_STYLES, NODE_STYLES

VIS_JS = ("pyvis", "lib/vis-9.1.2/vis-network.min.js")

_CSP = (
    "default-src 'none'; script-src 'nonce-{nonce}'; style-src 'unsafe-inline'; img-src data:; "
    "font-src data:; connect-src 'none'; base-uri 'none'; form-action 'none'"
)


def vis_network_js() -> str:
    """vis-network's script as shipped by pyvis (checked to be safe inside ``<script>``)."""
    package, path = VIS_JS
    js = files(package).joinpath(path).read_text("utf-8")
    if re.search(r"</script|<!--", js, re.IGNORECASE):  # would end the inline <script> early
        raise RuntimeError(f"{package}/{path} cannot be inlined as it is")
    return js


def script_json(value: Any) -> str:
    """JSON that is safe inside a ``<script>`` element (no tag, comment or line-separator escapes).

    >>> script_json({"t": "</script><b>&"})
    '{"t": "\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026"}'
    """
    text = json.dumps(value, ensure_ascii=False)
    for raw, esc in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(raw, esc)
    return text


def vis_options(n_nodes: int, n_edges: int, layout: str = "force") -> dict:
    """vis-network options: pyvis's defaults with physics off (positions come from
    :mod:`ipgraph.viz.layout`), straight edges on big views, tree edges as curves."""
    from pyvis.options import Options

    opts = json.loads(Options().to_json())
    big = n_nodes > 300
    smooth: Any = False if n_edges > 1000 else {"enabled": True, "type": "continuous", "roundness": 0.2}
    if layout == "tree":
        smooth = {"enabled": True, "type": "cubicBezier", "forceDirection": "horizontal", "roundness": 0.5}
    opts["edges"] = {"color": {"inherit": False}, "smooth": smooth, "selectionWidth": 2}
    opts["nodes"] = {"font": {"face": FONT_FACE, "size": 12}, "borderWidth": 1}
    opts["interaction"].update(
        hover=not big, tooltipDelay=120, hideEdgesOnDrag=big, hideEdgesOnZoom=n_edges > 3000, multiselect=True
    )
    opts["layout"] = {"improvedLayout": False, "randomSeed": 7}
    opts["physics"] = {"enabled": False, "stabilization": {"enabled": False}}
    return opts


FONT_FACE = "Noto Sans CJK SC, WenQuanYi Micro Hei, Microsoft YaHei, sans-serif"
TIERS = (0.06, 0.25)
"""Share of nodes (by importance) whose labels are drawn large (tier 0) and medium (tier 1)."""


def _attr(text: str) -> str:
    """Escape for a double-quoted attribute (single quotes stay readable)."""
    return html.escape(text, quote=False).replace('"', "&quot;")


def _positions(graph: nx.Graph) -> dict:
    """The nodes' x, y as the view set them; a force layout when any is missing."""
    if all("x" in a and "y" in a for _, a in graph.nodes(data=True)):
        return {n: (a["x"], a["y"]) for n, a in graph.nodes(data=True)}
    return force_layout(graph)


def _tiers(graph: nx.Graph) -> dict:
    """Each node's label tier (0 large … 2 small; a view may set ``tier``) and rank (0 = most important)."""

    def importance(n: Any, a: dict) -> float:
        if "importance" in a:
            return float(a["importance"])
        return float(graph.degree(n, weight="weight")) + float(a.get("size", 12)) * 1e-3

    order = sorted(graph.nodes(data=True), key=lambda na: -importance(*na))
    n = max(1, len(order))
    big, medium = max(1, math.ceil(TIERS[0] * n)), max(3, math.ceil(TIERS[1] * n))
    return {
        node: (a["tier"] if "tier" in a else 0 if i < big else 1 if i < medium else 2, i)
        for i, (node, a) in enumerate(order)
    }


def canvas_label(attrs: dict, lang: str) -> str:
    """The label drawn on the canvas: the view's short form (else the name), wrapped.

    >>> canvas_label({"label": "厦门市市场监督管理局", "label_en": "Xiamen Municipal Administration "
    ...     "for Market Regulation", "short_en": "Administration for Market Regulation"}, "en")
    'Administration for\\nMarket Regulation'
    """
    zh, en = str(attrs.get("label", "")), str(attrs.get("label_en") or "")
    if lang == "en":
        shown = str(attrs.get("short_en") or en or attrs.get("short") or zh)
    else:
        shown = str(attrs.get("short") or zh or en)
    if attrs.get("wrapped"):  # the view laid the lines out itself
        return shown
    return "\n".join(wrap(line, lang) for line in shown.split("\n"))


def payload(graph: nx.Graph, lang: str = "zh") -> dict:
    """What the page script draws: nodes, edges, legend, facets, title, notice, options."""
    ids = {n: i for i, n in enumerate(graph.nodes)}
    pos = _positions(graph)
    tiers = _tiers(graph)
    nodes = []
    for n, a in graph.nodes(data=True):
        zh, en = str(a.get("label", n)), str(a.get("label_en") or "")
        nodes.append(
            {
                "id": ids[n],
                "l": canvas_label({**a, "label": zh}, lang),
                "L": zh,
                "e": en if en != zh else "",
                "k": a.get("cls", "group"),
                "y": a.get("type_code") or "",
                "c": a.get("color", NODE_STYLES["group"].color),
                "s": a.get("shape", "dot"),
                "z": round(float(a.get("size", 12)), 1),
                "x": round(float(pos[n][0]), 1),
                "v": round(float(pos[n][1]), 1),
                "r": tiers[n][1],
                "g": tiers[n][0],
                "t": str(a.get("text") or ""),
                "i": [[str(k), str(v)] for k, v in a.get("info", [])],
                "f": {k: list(v) for k, v in a.get("facets", {}).items()},
            }
        )
    edges = []
    for u, v, a in graph.edges(data=True):
        kind = a.get("kind", "co")
        style = EDGE_STYLES.get(kind, EDGE_STYLES["co"])
        w = float(a.get("weight", 1) or 1)
        edges.append(
            {
                "from": ids[u],
                "to": ids[v],
                "k": kind,
                "w": w,
                "width": round(min(8.0, style.width * (1 + math.log(w))), 2),
                "t": str(a.get("text") or ""),
                "i": [[str(k), str(x)] for k, x in a.get("info", [])],
            }
        )
    layout = graph.graph.get("layout", "force")
    return {
        "view": graph.graph.get("view", ""),
        "lang": "en" if lang == "en" else "zh",
        "title": list(graph.graph.get("title", ("", ""))),
        "notice": list(graph.graph.get("notice", ())),
        "nodes": nodes,
        "edges": edges,
        "panels": list(graph.graph.get("panels", [])),
        "legend": legend(graph),
        "edgeStyles": {
            k: {"color": s.color, "dashes": s.dashes, "arrows": s.arrows} for k, s in EDGE_STYLES.items()
        },
        "facets": {k: list(v) for k, v in graph.graph.get("facets", {}).items()},
        "options": vis_options(len(nodes), len(edges), layout),
    }


def legend(graph: nx.Graph) -> dict:
    """Legend entries for the classes, agency types and edge kinds that occur in ``graph``."""
    classes = sorted({a.get("cls", "group") for _, a in graph.nodes(data=True)}, key=list(NODE_STYLES).index)
    types = sorted({a["type_code"] for _, a in graph.nodes(data=True) if a.get("type_code")})
    kinds = sorted({a.get("kind", "co") for *_, a in graph.edges(data=True)}, key=list(EDGE_STYLES).index)
    labels = graph.graph.get("type_labels", {})
    typed = {"agency", "collective", "agency-type"}
    return {
        "nodes": [
            {
                "key": c,
                "zh": NODE_STYLES[c].zh,
                "en": NODE_STYLES[c].en + (" (colour: type)" if c in typed and types else ""),
                "color": "#cccccc" if c in typed and types else NODE_STYLES[c].color,
                "shape": NODE_STYLES[c].shape,
            }
            for c in classes
            if c in NODE_STYLES
        ],
        "types": [
            {
                "key": t,
                "zh": labels.get(t, (t, ""))[0],
                "en": labels.get(t, ("", t))[1],
                "color": AGENCY_TYPE_COLORS.get(t, AGENCY_TYPE_COLORS["other"]),
            }
            for t in types
        ],
        "edges": [
            {
                "kind": k,
                "zh": EDGE_STYLES[k].zh,
                "en": EDGE_STYLES[k].en,
                "color": EDGE_STYLES[k].color,
                "dashes": EDGE_STYLES[k].dashes,
            }
            for k in kinds
            if k in EDGE_STYLES
        ],
    }


def asset(name: str) -> str:
    """A file of the package's ``viz/assets`` folder, as text."""
    return files("ipgraph.viz").joinpath("assets", name).read_text("utf-8")


def fill_page(template: str, *, lang: str, title: str, csp: bool, **parts: str) -> str:
    """An asset page template with its ``@@NAME@@`` placeholders filled: ``LANG``, ``TITLE``
    (escaped here), a fresh ``NONCE`` and, when ``csp``, the Content-Security-Policy meta tag
    allowing only scripts with that nonce; ``parts`` give the rest (CSS, DATA, JS …) as they are."""
    nonce = secrets.token_urlsafe(18)
    csp_tag = f'<meta http-equiv="Content-Security-Policy" content="{_attr(_CSP.format(nonce=nonce))}">'
    filled = {
        "LANG": "en" if lang == "en" else "zh",
        "CSP": csp_tag if csp else "",
        "TITLE": html.escape(title),
        "NONCE": html.escape(nonce),
        **parts,
    }
    # one pass over the template only: inserted text is never scanned for placeholders
    return re.sub(r"@@([A-Z]+)@@", lambda m: filled[m.group(1)], asset(template))


def to_html(graph: nx.Graph, *, lang: str = "zh", csp: bool = True) -> str:
    """The page for ``graph`` as a string (see :func:`write_html`)."""
    title = graph.graph.get("title", ("ipgraph", ""))
    return fill_page(
        "template.html",
        lang=lang,
        title=" — ".join(t for t in title if t),
        csp=csp,
        CSS=asset("view.css"),
        DATA=script_json(payload(graph, lang)),
        VIS=vis_network_js(),
        JS=asset("view.js"),
    )


def write_html(graph: nx.Graph, path: Path | str, *, lang: str = "zh", csp: bool = True) -> Path:
    """Write ``graph`` as one self-contained HTML file (UTF-8, ``\\n`` line ends) and return its path.

    Parameters
    ----------
    graph : a view from :mod:`ipgraph.viz.views` (or any networkx graph whose nodes carry
        ``label``; missing attributes get defaults).
    path : the file to write; its folder is created.
    lang : ``"en"`` draws English labels where the graph has them.
    csp : add the Content-Security-Policy meta tag (on by default).
    """
    path = Path(path)
    atomic_write(path, to_html(graph, lang=lang, csp=csp))  # a unique temporary file, renamed
    return path
