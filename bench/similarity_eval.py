"""Benchmark: do similar measures of other plans rank above dissimilar ones? Which method, which threshold?

There is no gold list of "the same measure in two cities", so the test uses a label the similarity
does not see: the themes ipgraph gives a measure from ``ontology/themes.toml`` (its own rules and
words). A pair of measures of two plans is *related* when they share a theme other than the
default (管理) and *unrelated* when their themes are disjoint. For each method it prints the
AUC (the chance that a related pair scores above an unrelated one), and, for each threshold, how
many measures get a match and the share of matches (ranks 1-3) that are related::

    ipgraph build /work/shared/corpus -o /tmp/shared.trig --no-validate
    python bench/similarity_eval.py /tmp/shared.trig
"""

from __future__ import annotations

import argparse
import random
from collections import defaultdict

import ipgraph.similarity as sim
from ipgraph.dataset import read_parts
from ipgraph.history import _facts
from ipgraph.store import open_store

THEMES = """PREFIX ipg: <https://w3id.org/ipgraph/ontology#>
SELECT ?m ?t WHERE { ?m a ipg:Measure ; ipg:theme ?t FILTER(!STRENDS(STR(?t), "/administration")) }"""


def _pairs_scores(measures, method: str) -> dict[tuple[str, str], float]:
    """Every cross-plan pair's cosine under ``method`` (all pairs: the corpus is small)."""
    saved = sim._bigrams
    if method == "unigram":
        sim._bigrams = lambda text: {c: text.count(c) for c in set(text) if "\u3400" <= c <= "\u9fff"}
    try:
        kw = {"max_df": 1.0} if method == "bigram-no-stop" else {}
        links = sim.similar_measures(measures, k=len(measures), min_score=0.0, **kw)
    finally:
        sim._bigrams = saved
    return {(s.measure, s.other): s.score for s in links}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("graph")
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    facts = _facts(*read_parts(args.graph))
    themes: dict[str, set[str]] = defaultdict(set)
    for m, t in open_store(args.graph).select(THEMES).rows:
        themes[str(m)].add(str(t))
    measures = [m for m in facts.measures if themes.get(m[0])]
    plan = {m[0]: m[1] for m in measures}
    print(f"{len(measures)} measures with a theme, {len(set(plan.values()))} plans")
    rng = random.Random(args.seed)
    for method in ("bigram", "bigram-no-stop", "unigram"):
        scores = _pairs_scores(measures, method)
        related = [v for (a, b), v in scores.items() if themes[a] & themes[b]]
        unrelated = [v for (a, b), v in scores.items() if not themes[a] & themes[b]]
        pos, neg = (
            rng.sample(related, min(20000, len(related))),
            rng.sample(unrelated, min(20000, len(unrelated))),
        )
        auc = sum((p > q) + 0.5 * (p == q) for p, q in zip(pos, neg, strict=False)) / min(len(pos), len(neg))
        print(f"\n{method}: AUC {auc:.3f} (related pairs {len(related)}, unrelated {len(unrelated)})")
        top: dict[str, list[tuple[float, str]]] = defaultdict(list)
        for (a, b), v in scores.items():
            top[a].append((v, b))
        for threshold in (0.1, 0.2, 0.3, 0.4, 0.5):
            kept = [
                (a, b)
                for a, lst in top.items()
                for v, b in sorted(lst, key=lambda x: (-x[0], x[1]))[:3]
                if v >= threshold
            ]
            share = sum(bool(themes[a] & themes[b]) for a, b in kept) / len(kept) if kept else float("nan")
            matched = len({a for a, _ in kept})
            links = f"{matched} measures matched, {len(kept)} links"
            print(f"  threshold {threshold:.1f}: {links}, {share:.1%} related")


if __name__ == "__main__":
    main()
