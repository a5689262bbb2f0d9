"""A corpus of synthetic IP work plans in the genre's patterns, for benchmarks.

Each plan is a city's or district's 知识产权强市/强县建设工作方案, 保护示范区建设方案 or 工作要点:
a 印发 notice, a preamble citing national documents, goals with numeric targets (in running
text and, for some plans, an indicator table), numbered measures in chapters with their
responsible units in one of the genre's clause styles (〔责任单位:…〕, (牵头单位:…;配合单位:…),
(…负责), (…牵头,…配合)) and deadlines, a schedule and safeguards.

Places come from the region table the reader uses (cpca's adcodes.csv), unit names from the
short forms in ``ontology/gazetteer.toml``: nothing names a particular real plan. The corpus
is deterministic for a seed::

    python bench/generate.py 1000 /tmp/corpus --seed 7
"""

from __future__ import annotations

import argparse
import random
import tomllib
from dataclasses import dataclass
from pathlib import Path

from ipgraph.reading.regions import MUNICIPALITIES, Region, _tables, short_name
from ipgraph.resources import read_ontology_text

__all__ = ["generate", "plan_text", "write_corpus"]

CITED = [
    "知识产权强国建设纲要(2021-2035年)",
    "“十四五”国家知识产权保护和运用规划",
    "关于强化知识产权保护的意见",
    "国家知识产权保护示范区建设方案",
    "专利转化运用专项行动方案(2023-2025年)",
    "关于加快推动知识产权服务业高质量发展的意见",
]
CHAPTERS = [
    (
        "完善知识产权保护体系",
        [
            "健全知识产权行政保护机制",
            "加强知识产权司法保护",
            "强化知识产权快速协同保护",
            "加强海外知识产权纠纷应对",
            "深化知识产权信用监管",
            "严厉打击商标侵权和假冒专利行为",
        ],
    ),
    (
        "提升知识产权创造质量",
        [
            "实施高价值专利培育工程",
            "推进商标品牌建设",
            "加强地理标志培育保护",
            "推动版权产业发展",
            "支持企业开展知识产权管理体系贯标",
            "培育知识产权优势示范企业",
        ],
    ),
    (
        "促进知识产权转化运用",
        [
            "实施专利转化运用专项行动",
            "深化知识产权质押融资",
            "推进专利开放许可",
            "建设知识产权运营服务平台",
            "推动高校院所专利产业化",
            "开展专利导航服务",
        ],
    ),
    (
        "优化知识产权公共服务",
        [
            "建设知识产权信息公共服务网点",
            "推进数据知识产权登记试点",
            "提升知识产权公共服务便利化水平",
            "发展知识产权服务业",
        ],
    ),
    (
        "加强知识产权人才和文化建设",
        [
            "加强知识产权人才培养",
            "开展知识产权宣传周活动",
            "推动知识产权进企业进学校",
            "建设知识产权人才培养基地",
        ],
    ),
]
SENTENCES = [
    "健全工作机制,明确责任分工,形成工作合力。",
    "加大对侵犯专利权、商标专用权、著作权等违法行为的查处力度。",
    "引导企业建立知识产权管理制度,提升知识产权综合运用能力。",
    "完善知识产权纠纷多元化解机制,推动行政调解与司法调解衔接。",
    "支持重点产业开展专利布局,助力关键核心技术攻关。",
    "鼓励金融机构开发知识产权金融产品,扩大知识产权质押融资规模。",
    "推进知识产权公共服务资源共享,提升服务效率和质量。",
    "组织开展知识产权专题培训,提升全社会知识产权保护意识。",
]
TARGETS = [  # metric, unit, (low, high) at the due year
    ("每万人口高价值发明专利拥有量", "件", (8, 40)),
    ("知识产权质押融资登记金额", "亿元", (5, 80)),
    ("有效注册商标量", "万件", (3, 60)),
    ("PCT国际专利申请量", "件", (50, 3000)),
    ("地理标志产品数量", "个", (3, 30)),
    ("知识产权保护社会满意度", "分", (80, 90)),
    ("专利代理机构数量", "家", (10, 120)),
]
# gazetteer short forms that make units of a local government (own name after 市/区/县)
LOCAL_UNITS = [
    "市场监管局",
    "科技局",
    "公安局",
    "司法局",
    "财政局",
    "商务局",
    "教育局",
    "人社局",
    "文旅局",
    "发改委",
    "工信局",
    "统计局",
    "农业局",
    "金融局",
    "中院",
    "检察院",
    "住建局",
    "资规局",
]


@dataclass(frozen=True, slots=True)
class Plan:
    region: Region
    title: str
    text: str


def _gazetteer_units() -> list[str]:
    """The local short forms from the gazetteer that LOCAL_UNITS uses (checked, so they stay in step)."""
    table = tomllib.loads(read_ontology_text("gazetteer.toml"))["abbreviations"]
    return [u for u in LOCAL_UNITS if u in table]


def _places(rng: random.Random) -> list[Region]:
    regions = [r for r in _tables()[0].values() if r.level in ("city", "district") and r.city]
    regions = [r for r in regions if r.level == "city" or not r.name.endswith(("市辖区", "县级行政区划"))]
    regions.sort(key=lambda r: r.code)
    rng.shuffle(regions)
    return regions


def _level_word(region: Region) -> tuple[str, str]:
    """(the unit prefix plans write for this level, the 强市/强区/强县 word)."""
    if region.level == "city":
        return "市", "强市"
    return ("区", "强区") if region.name.endswith("区") else ("县", "强县")


def _unit_list(rng: random.Random, units: list[str], p: str, k: int) -> list[str]:
    return [p + u for u in rng.sample(units, k)]


def _clause(rng: random.Random, units: list[str], p: str, year: int) -> str:
    style = rng.randrange(5)
    lead = _unit_list(rng, units, p, rng.randint(1, 2))
    rest = [u for u in units if p + u not in lead]
    support = _unit_list(rng, rest, p, rng.randint(0, 3))
    due = rng.choice(["持续推进", f"{year}年12月底", f"{year - 1}年6月底"])
    if style == 0:
        return f"(牵头单位:{'、'.join(lead)};配合单位:{'、'.join(support or lead)};完成时限:{due})"
    if style == 1:
        return f"〔责任单位:{'、'.join(lead + support)}〕"
    if style == 2:
        return f"(责任单位:{'、'.join(lead + support)};完成时限:{due})"
    if style == 3:
        return f"({'、'.join(lead)}负责)"
    return f"({'、'.join(lead)}牵头,{'、'.join(support or [p + rest[0]])}配合)"


def plan_text(rng: random.Random, region: Region, kind: int) -> Plan:
    """One plan for ``region``; ``kind`` picks the genre's title pattern."""
    p, strong = _level_word(region)
    place = region.full_name
    start = rng.randint(2019, 2025)
    end = start + rng.choice([2, 3, 4])
    short = short_name(region.name)
    titles = [
        f"{place}知识产权{strong}建设工作方案({start}-{end}年)",
        f"{place}国家知识产权保护示范区建设方案({start}-{end}年)",
        f"{place}推进国家知识产权{strong}建设试点工作方案({start}-{end}年)",
        f"{place}知识产权工作要点({start}-{end}年)",
    ]
    title = titles[kind % len(titles)]
    units = _gazetteer_units()
    gov = f"{place}人民政府办公室"
    number = f"{short}政办〔{start}〕{rng.randint(1, 120)}号"
    out = [
        f"{gov}关于印发{title}的通知",
        number,
        f"各{'县(市、区)' if p == '市' else '镇(街道)'}人民政府,{p}政府各部门:",
        f"  《{title}》已经{p}政府同意,现印发给你们,请认真贯彻实施。",
        f"  {gov}",
        f"  {start}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日",
        "",
        title,
        "",
        f"为贯彻落实《{CITED[0]}》和《{rng.choice(CITED[1:])}》精神,结合我{p}实际,制定本方案。",
        "一、工作目标",
    ]
    metrics = rng.sample(TARGETS, rng.randint(3, 5))
    goals = []
    for metric, unit, (lo, hi) in metrics[:3]:
        value = rng.randint(lo, hi)
        goals.append(f"{metric}达到{value}{unit}")
    out.append(f"到{end}年,{'，'.join(goals)},知识产权{strong}建设取得明显成效。".replace("，", ","))
    if rng.random() < 0.4:  # an indicator table, as Xiamen's plan has
        out += [
            "",
            f"表1 {place}知识产权主要指标",
            "",
            "主要指标",
            "单位",
            str(start - 1),
            "基期值",
            str(end),
            "目标值",
            "",
        ]
        for metric, unit, (lo, hi) in metrics:
            base = rng.randint(lo, hi)
            out += [metric, "", unit, "", str(base), "", str(base + rng.randint(1, hi)), ""]
    out.append("二、重点任务")
    chapters = rng.sample(CHAPTERS, rng.randint(2, 4))
    n = 0
    for ci, (name, measures) in enumerate(chapters):
        out.append(f"({'一二三四五六'[ci]}){name}。")
        for label in rng.sample(measures, rng.randint(2, 3)):
            n += 1
            body = "".join(rng.sample(SENTENCES, 2))
            if rng.random() < 0.3:
                metric, unit, (lo, hi) = rng.choice(TARGETS)
                body += f"到{end}年,{metric}达到{rng.randint(lo, hi)}{unit}以上。"
            out.append(f"{n}.{label}。{body}{_clause(rng, units, p, end)}")
    out += [
        "三、进度安排",
        f"(一)启动阶段({start}年1月至{start}年6月)。制定任务分工方案,明确责任单位。",
        f"(二)实施阶段({start}年7月至{end - 1}年12月)。各责任单位按照分工推进各项任务。",
        f"(三)总结阶段({end}年1月至{end}年12月)。总结工作成效,形成总结报告。",
        "四、保障措施",
        f"(一)加强组织领导。{p}知识产权工作领导小组统筹推进{strong}建设工作。",
        "(二)强化经费保障。加大财政资金投入,保障各项任务顺利实施。",
    ]
    return Plan(region, title, "\n".join(out) + "\n")


def generate(n: int, seed: int = 7) -> list[Plan]:
    """``n`` plans, deterministic for ``seed``; places cycle through the region table."""
    rng = random.Random(seed)
    places = _places(rng)
    plans = []
    for i in range(n):
        region = places[i % len(places)]
        if region.province in MUNICIPALITIES and region.level == "city":
            region = places[(i + 1) % len(places)]
        plans.append(plan_text(rng, region, kind=i // len(places) + rng.randrange(4)))
    return plans


def write_corpus(n: int, folder: Path | str, seed: int = 7) -> list[Path]:
    """Write ``n`` plans as ``folder/plan_00000.txt``…; return the paths."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i, plan in enumerate(generate(n, seed)):
        path = folder / f"plan_{i:05d}.txt"
        path.write_text(plan.text, encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("n", type=int)
    ap.add_argument("folder", type=Path)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    print(f"wrote {len(write_corpus(args.n, args.folder, args.seed))} plans to {args.folder}")


if __name__ == "__main__":
    main()
