"""Export a graph for Neo4j Browser: a load script, a ``.grass`` stylesheet and the Cypher pack.

``export(source, out_dir)`` writes

* ``ipgraph.cypher``: constraints, then ``:param rows => […];`` + ``UNWIND $rows …;`` pairs (the same
  statements ``push`` runs); paste it into Neo4j Browser or run ``cypher-shell -f ipgraph.cypher``
  against an empty database;
* ``ipgraph.grass``: one colour and a Chinese caption per class (drag it onto Browser);
* ``favorites/NAME.cypher`` and ``favorites.zip``: the Cypher query pack as Browser favourites.

Files are written to a temporary folder first and moved into ``out_dir`` at the end, so a failure
leaves nothing half-written.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import zipfile
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Dataset, Graph

from .literal import cypher_literal
from .mapping import PropertyGraph, to_property_graph
from .schema import RESOURCE_LABEL, Schema, load_schema
from .statements import constraint_statements, load_batches

__all__ = ["ExportReport", "export", "grass_stylesheet", "load_script"]

SCRIPT = "ipgraph.cypher"
GRASS = "ipgraph.grass"
FAVORITES_DIR = "favorites"
FAVORITES_ZIP = "favorites.zip"

# Colour-blind-safe-ish palette (Okabe-Ito, then Tableau), assigned to labels in a fixed order.
PALETTE = (
    "#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#4E79A7",
    "#F28E2B", "#E15759", "#76B7B2", "#59A14F", "#EDC948", "#B07AA1", "#FF9DA7", "#9C755F",
    "#BAB0AC", "#8CD17D", "#86BCB6", "#FABFD2", "#D4A6C8", "#A0CBE8", "#FFBE7D", "#499894",
)  # fmt: skip
CAPTION_PREFERENCE = ("label_zh", "prefLabel_zh", "title_zh", "metric_zh", "mention_zh")
CAPTION_FALLBACK = ("label_en", "prefLabel_en", "fileName", "notation", "path", "iri")


@dataclass(slots=True)
class ExportReport:
    directory: Path
    files: list[str] = field(default_factory=list)
    nodes: int = 0
    relationships: int = 0
    statements: int = 0


def load_script(pg: PropertyGraph, schema: Schema, batch_size: int = 200) -> tuple[str, int]:
    """The load script's text and its number of Cypher statements (``:param`` lines not counted)."""
    lines = [
        "// ipgraph: the knowledge graph of IP work plans, for an EMPTY Neo4j 5 database.",
        "// Run:   cypher-shell -a bolt://localhost:7687 -u neo4j -f ipgraph.cypher",
        "// or paste into Neo4j Browser (multi-statement editor) and run.",
        "// Every value is in a :param line; the statements use only $rows.",
        "",
    ]
    count = 0
    for stmt in constraint_statements(schema):
        lines.append(stmt + ";")
        count += 1
    lines.append("CALL db.awaitIndexes(300);")
    count += 1
    for unit in pg.units.values():
        lines.append("")
        lines.append(f"// graph {unit.graph}: {len(unit.nodes)} nodes, {len(unit.rels)} relationships")
        for batch in load_batches(unit, schema, batch_size):
            lines.append(":param rows => " + cypher_literal(batch.rows) + ";")
            lines.append(batch.cypher + ";")
            count += 1
    lines.append(":param rows => [];")
    return "\n".join(lines) + "\n", count


def _caption_key(nodes_props: list[dict], label: str) -> str:
    """The property to caption a label with: the preferred Chinese key most of its nodes have."""
    if not nodes_props:  # a class with no nodes yet: the usual Chinese label
        return CAPTION_PREFERENCE[0]
    have: Counter[str] = Counter(k for props in nodes_props for k in props)
    total = len(nodes_props)
    zh_keys = sorted(k for k in have if k.endswith("_zh") and k not in CAPTION_PREFERENCE)
    for key in (*CAPTION_PREFERENCE, *zh_keys, *CAPTION_FALLBACK):
        if have.get(key, 0) * 2 >= total:
            return key
    return "iri"


def grass_stylesheet(pg: PropertyGraph, schema: Schema) -> str:
    """A Neo4j Browser stylesheet: general classes first, so the most specific rule wins."""
    by_label: dict[str, list[dict]] = defaultdict(list)
    for node in pg.nodes():
        for label in node.labels:
            by_label[label].append(node.props)
    ordered = sorted(set(schema.labels.values()), key=lambda x: (schema.depth.get(x, 0), x))
    colours = {label: PALETTE[i % len(PALETTE)] for i, label in enumerate(sorted(schema.labels.values()))}
    out = [
        "node {",
        "  diameter: 50px;",
        "  color: #A5ABB6;",
        "  border-color: #9AA1AC;",
        "  border-width: 2px;",
        "  text-color-internal: #FFFFFF;",
        "  font-size: 10px;",
        "}",
        "",
        "relationship {",
        "  color: #A5ABB6;",
        "  shaft-width: 1px;",
        "  font-size: 8px;",
        "  padding: 3px;",
        "  text-color-external: #000000;",
        "  text-color-internal: #FFFFFF;",
        '  caption: "<type>";',
        "}",
        "",
        f"node.{RESOURCE_LABEL} {{",
        '  caption: "{iri}";',
        "}",
    ]
    for label in ordered:
        colour = colours[label]
        key = _caption_key(by_label.get(label, []), label)
        out += [
            "",
            f"node.{label} {{",
            f"  color: {colour};",
            f"  border-color: {_darker(colour)};",
            "  text-color-internal: #000000;",
            f"  diameter: {65 if schema.depth.get(label, 0) <= 1 else 50}px;",
            f'  caption: "{{{key}}}";',
            "}",
        ]
    return "\n".join(out) + "\n"


def _darker(colour: str) -> str:
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return "#{:02X}{:02X}{:02X}".format(*(int(c * 0.8) for c in (r, g, b)))


def _favorites(dest: Path) -> list[str]:
    """Copy the Cypher pack as favourites (one file per query, and a zip Browser can import)."""
    from . import queries as pack

    written = []
    folder = dest / FAVORITES_DIR
    folder.mkdir()
    with zipfile.ZipFile(dest / FAVORITES_ZIP, "w", zipfile.ZIP_DEFLATED) as zf:
        for name in pack.cypher_query_names():
            text = pack.favorite_text(name)
            (folder / f"{name}.cypher").write_text(text, encoding="utf-8")
            zf.writestr(f"ipgraph/{name}.cypher", text)
            written.append(f"{FAVORITES_DIR}/{name}.cypher")
    written.append(FAVORITES_ZIP)
    return written


def export(source: Dataset | Graph, out_dir: Path | str, *, batch_size: int = 200) -> ExportReport:
    """Write the load script, the stylesheet and the favourites into ``out_dir`` (see module doc).

    Parameters
    ----------
    source : the graph, as written by ``ipgraph build``.
    out_dir : the folder to write; created if missing; files of the same names are replaced.
    batch_size : rows per ``:param`` block.
    """
    schema = load_schema()
    pg = to_property_graph(source, schema)
    out = Path(out_dir)
    out.parent.mkdir(parents=True, exist_ok=True)
    report = ExportReport(out, nodes=sum(1 for _ in pg.nodes()), relationships=sum(1 for _ in pg.rels()))
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}-", dir=out.parent))
    try:
        script, report.statements = load_script(pg, schema, batch_size)
        (tmp / SCRIPT).write_text(script, encoding="utf-8")
        (tmp / GRASS).write_text(grass_stylesheet(pg, schema), encoding="utf-8")
        report.files = [SCRIPT, GRASS, *_favorites(tmp)]
        out.mkdir(exist_ok=True)
        if (out / FAVORITES_DIR).is_dir():
            shutil.rmtree(out / FAVORITES_DIR)
        for name in (SCRIPT, GRASS, FAVORITES_ZIP, FAVORITES_DIR):
            os.replace(tmp / name, out / name)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return report
