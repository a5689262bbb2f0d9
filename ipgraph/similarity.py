"""Similar measures across plans: TF-IDF weighted character bigrams, cosine, through an inverted index.

Chinese has no spaces, and plans of the genre reword the same measure (加强知识产权行政保护 /
强化知识产权行政执法保护); character bigrams catch that without a segmenter. A measure's text is
its source text without what is not the measure itself (its number, its 〔责任单位…〕 clause, its
完成时限), so two measures led by different bureaus are compared on what they do.

How it stays fast at 1,000 plans: identical texts are scored once; bigrams found in more than
``MAX_DF`` of the texts (知识, 产权, 加强 …) weigh little and are left out (a stop list learnt from
the corpus); scores of a block of texts against all the others are summed from the inverted
index with one ``numpy.bincount`` per block, so the work follows the postings, not all pairs.

Measured on the shared corpus (tests/test_history.py, bench/HISTORY.md): ``MIN_SCORE`` 0.2 keeps
pairs that share a task and drops pairs that share only the genre's words.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["MAX_DF", "MIN_SCORE", "TOP_K", "Similar", "measure_text", "similar_measures"]

TOP_K = 3
MIN_SCORE = 0.2
MAX_DF = 0.25  # share of texts above which a bigram is a stop bigram …
MIN_DF_CUT = 10  # … in a corpus large enough to tell (below that many texts, none is)
_BLOCK = 256  # texts scored at once …
_ENTRIES = 1_000_000  # … and postings entries at once (8 bytes each, a few arrays of them)

_CLAUSE = re.compile(
    r"[(（〔【\[][^()（）〔〕【】\[\]]*(?:责任单位|牵头|配合|负责|完成时限|时间节点|参与)[^()（）〔〕【】\[\]]*[)）〕】\]]"
)
_NUMBER = re.compile(r"^\s*(?:[(（]?[一二三四五六七八九十\d]+[)）.、．]|\d+[.．、])\s*")
_HAN = re.compile(r"[\u3400-\u9fff]+")


@dataclass(frozen=True, slots=True)
class Similar:
    """A measure of another plan, how similar (cosine, 0-1) and its rank (1 = most similar)."""

    measure: str
    other: str
    score: float
    rank: int


def measure_text(source_text: str) -> str:
    """The words of a measure that say what is done: no number, responsibility clause or deadline.

    >>> measure_text("3.加强知识产权行政保护。(市市场监管局牵头,市公安局配合)")
    '加强知识产权行政保护。'
    """
    text = unicodedata.normalize("NFKC", source_text)
    text = _CLAUSE.sub("", text)
    return _NUMBER.sub("", text).strip()


def _bigrams(text: str) -> dict[str, int]:
    counts: dict[str, int] = defaultdict(int)
    for run in _HAN.findall(text):
        for i in range(len(run) - 1):
            counts[run[i : i + 2]] += 1
    return counts


def similar_measures(
    measures: Sequence[tuple[str, str, str]],
    *,
    k: int = TOP_K,
    min_score: float = MIN_SCORE,
    max_df: float = MAX_DF,
) -> list[Similar]:
    """For each measure, the ``k`` most similar measures of other plans scoring ``min_score`` or more.

    Parameters
    ----------
    measures : (measure IRI, plan IRI, source text) triples.

    Returns
    -------
    list of Similar
        By measure, then rank; ties in score go to the smaller IRI, so the result is deterministic.
    """
    import numpy as np

    texts: dict[str, int] = {}
    members: list[list[int]] = []
    for i, (_, _, source) in enumerate(measures):
        t = measure_text(source)
        u = texts.setdefault(t, len(texts))
        if u == len(members):
            members.append([])
        members[u].append(i)
    grams = [_bigrams(t) for t in texts]
    n = len(grams)
    if n == 0:
        return []
    df: dict[str, int] = defaultdict(int)
    for g in grams:
        for b in g:
            df[b] += 1
    limit = max(MIN_DF_CUT, max_df * n)
    vocab = {b: j for j, b in enumerate(sorted(b for b, c in df.items() if c <= limit))}
    # weighted vectors, L2-normalised: (1 + log tf) · log(1 + n / df)
    rows: list[tuple[list[int], list[float]]] = []
    for g in grams:
        cols = [vocab[b] for b in g if b in vocab]
        ws = [(1 + math.log(g[b])) * math.log(1 + n / df[b]) for b in g if b in vocab]
        norm = math.sqrt(sum(w * w for w in ws)) or 1.0
        rows.append((cols, [w / norm for w in ws]))
    # the inverted index as flat arrays (CSR): term t's texts are docs[ptr[t]:ptr[t + 1]]
    entries = [(c, u, w) for u, (cols, ws) in enumerate(rows) for c, w in zip(cols, ws, strict=True)]
    entries.sort()
    term = np.fromiter((e[0] for e in entries), dtype=np.int64, count=len(entries))
    docs = np.fromiter((e[1] for e in entries), dtype=np.int64, count=len(entries))
    wts = np.fromiter((e[2] for e in entries), dtype=np.float64, count=len(entries))
    ptr = np.searchsorted(term, np.arange(len(vocab) + 1))
    # each text's own entries, in text order: what a block of queries asks the index for
    by_doc = np.argsort(docs, kind="stable")
    q_term, q_doc, q_w = term[by_doc], docs[by_doc], wts[by_doc]
    q_ptr = np.searchsorted(q_doc, np.arange(n + 1))

    plan_of = [m[1] for m in measures]
    iri_of = [m[0] for m in measures]
    order = sorted(range(len(measures)), key=lambda i: iri_of[i])
    rank_of = {i: r for r, i in enumerate(order)}
    out: list[Similar] = []
    for start, stop in _blocks(ptr[q_term + 1] - ptr[q_term], q_ptr, n):
        lo, hi = q_ptr[start], q_ptr[stop]
        t, local, w = q_term[lo:hi], q_doc[lo:hi] - start, q_w[lo:hi]
        lengths = ptr[t + 1] - ptr[t]
        total = int(lengths.sum())
        if total == 0:
            continue
        first = np.repeat(ptr[t], lengths)
        offset = np.arange(total) - np.repeat(np.cumsum(lengths) - lengths, lengths)
        hit = first + offset
        idx = docs[hit] + np.repeat(local * n, lengths)
        val = wts[hit] * np.repeat(w, lengths)
        scores = np.bincount(idx, weights=val, minlength=(stop - start) * n).reshape(stop - start, n)
        for u in range(start, stop):
            out += _best(u, scores[u - start], members, plan_of, iri_of, rank_of, k, min_score)
    out.sort(key=lambda s: (s.measure, s.rank))
    return out


def _blocks(lengths, q_ptr, n: int) -> list[tuple[int, int]]:
    """Runs of texts whose postings add up to at most ``_ENTRIES`` (and ``_BLOCK`` texts): the
    arrays of a block stay a few tens of MB however common the texts' bigrams are."""
    import numpy as np

    cost = np.add.reduceat(np.append(lengths, 0), q_ptr[:-1]) if len(lengths) else np.zeros(n, dtype=np.int64)
    cost[q_ptr[:-1] == q_ptr[1:]] = 0  # reduceat gives a text without entries its neighbour's value
    out, start, total = [], 0, 0
    for u in range(n):
        c = int(cost[u])
        if u > start and (total + c > _ENTRIES or u - start >= _BLOCK):
            out.append((start, u))
            start, total = u, 0
        total += c
    if start < n:
        out.append((start, n))
    return out


def _best(u, row, members, plan_of, iri_of, rank_of, k, min_score) -> list[Similar]:
    """The best texts for text ``u`` (a few more than needed, for same-plan ones), then its measures'."""
    import numpy as np

    want = k + len(members[u]) + 8
    while True:
        if want < len(row):  # the best ``want``, and every text tied with the last of them
            floor = row[np.argpartition(-row, want - 1)[want - 1]]
            top = np.nonzero(row >= max(floor - 1e-6, min_score - 1e-9))[0]
        else:
            top = np.nonzero(row >= min_score - 1e-9)[0]
        ranked = sorted(top.tolist(), key=lambda v: (-round(float(row[v]), 6), v))
        found = [_top(i, ranked, row, members, plan_of, iri_of, rank_of, k) for i in members[u]]
        if want >= len(row) or len(top) < want or all(len(f) == k for f in found):
            return [s for f in found for s in f]
        want *= 4


def _top(i, ranked, row, members, plan_of, iri_of, rank_of, k) -> list[Similar]:
    """Measure ``i``'s ``k`` best measures of other plans, walking the texts best first."""
    found: list[Similar] = []
    for v in ranked:
        score = min(1.0, round(float(row[v]), 3))
        others = sorted((j for j in members[v] if plan_of[j] != plan_of[i]), key=rank_of.__getitem__)
        for j in others:
            found.append(Similar(iri_of[i], iri_of[j], score, len(found) + 1))
            if len(found) == k:
                return found
    return found
