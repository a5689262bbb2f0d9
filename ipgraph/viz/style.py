"""How each class of node and edge looks: colour, shape, legend text (zh and en).

The tables hold the genre's classes and the agency-type codes of ``docs/graph-shape.md``;
a code this table does not know is drawn in a neutral grey, never refused.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class NodeStyle:
    zh: str
    en: str
    shape: str  # a vis-network shape with the label below it
    color: str


NODE_STYLES: dict[str, NodeStyle] = {
    "agency": NodeStyle("机构", "Agency", "dot", "#4e79a7"),
    "collective": NodeStyle("集合主体", "Collective body", "diamond", "#9c755f"),
    "measure": NodeStyle("措施", "Measure", "square", "#f28e2b"),
    "plan": NodeStyle("方案", "Plan", "star", "#e15759"),
    "section": NodeStyle("部分", "Section", "triangle", "#76b7b2"),
    "goal": NodeStyle("目标", "Goal", "triangle", "#59a14f"),
    "phase": NodeStyle("阶段", "Schedule phase", "triangle", "#b07aa1"),
    "target": NodeStyle("指标", "Target", "triangleDown", "#edc948"),
    "deadline": NodeStyle("完成时限", "Deadline", "hexagon", "#ff9da7"),
    "city": NodeStyle("城市", "City", "hexagon", "#e15759"),
    "agency-type": NodeStyle("机构类型", "Agency type", "dot", "#4e79a7"),
    "theme": NodeStyle("主题", "Theme", "square", "#59a14f"),
    "group": NodeStyle("汇总", "Group", "dot", "#bab0ac"),
}

AGENCY_TYPE_COLORS: dict[str, str] = {
    "ip-office": "#1f77b4",
    "court": "#d62728",
    "procuratorate": "#ff9896",
    "public-security": "#8c564b",
    "customs": "#17becf",
    "justice": "#9467bd",
    "science-technology": "#2ca02c",
    "industry-it": "#98df8a",
    "commerce": "#ff7f0e",
    "finance-regulator": "#ffbb78",
    "culture-tourism": "#e377c2",
    "education": "#f7b6d2",
    "agriculture": "#bcbd22",
    "statistics": "#dbdb8d",
    "development-reform": "#aec7e8",
    "finance-bureau": "#c49c94",
    "human-resources": "#c5b0d5",
    "government": "#393b79",
    "development-zone": "#637939",
    "leading-group": "#843c39",
    "party": "#ad494a",
    "trade-promotion": "#9edae5",
    "other": "#7f7f7f",
}


@dataclass(frozen=True, slots=True)
class EdgeStyle:
    zh: str
    en: str
    color: str
    dashes: bool
    arrows: bool
    width: float


EDGE_STYLES: dict[str, EdgeStyle] = {
    "lead": EdgeStyle("牵头", "Lead", "#c0392b", False, True, 2.5),
    "support": EdgeStyle("配合", "Support", "#95a5a6", True, True, 1.0),
    "mixed": EdgeStyle("牵头与配合(汇总)", "Lead and support (grouped)", "#8e6c8a", False, True, 1.5),
    "co": EdgeStyle("共同负责", "Co-responsible", "#7f8c8d", False, False, 1.0),
    "contains": EdgeStyle("包含", "Contains", "#b0b0b0", False, True, 1.0),
    "target": EdgeStyle("设定指标", "Sets target", "#d4ac0d", False, True, 1.0),
    "deadline": EdgeStyle("完成时限", "Due", "#ff9da7", True, True, 1.0),
    "city-type": EdgeStyle("城市—机构类型", "City–agency type", "rgba(90,100,110,0.55)", False, False, 0.8),
    "city-theme": EdgeStyle("城市—主题", "City–theme", "rgba(225,87,89,0.5)", False, False, 0.8),
    "type-theme": EdgeStyle("机构类型—主题", "Agency type–theme", "rgba(89,161,79,0.45)", False, False, 0.6),
}


def node_color(cls: str, type_code: str | None = None) -> str:
    """Agencies and agency types are coloured by type; other nodes by class."""
    if type_code and cls in ("agency", "collective", "agency-type", "group"):
        return AGENCY_TYPE_COLORS.get(type_code, AGENCY_TYPE_COLORS["other"])
    return NODE_STYLES.get(cls, NODE_STYLES["group"]).color


def node_shape(cls: str) -> str:
    return NODE_STYLES.get(cls, NODE_STYLES["group"]).shape
