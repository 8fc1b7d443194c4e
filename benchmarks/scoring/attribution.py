"""Quote attribution scored in PolNeAR's unit: one gold attribution against one system quote.

Input: PolNeAR articles (`benchmarks.scoring.polnear.Article`, gold content and source
spans) and a `SystemRun` (per article, the system quotes as character spans of the same
raw text). Output: the figures of `score` (precision, recall, F1, recall by direct and
indirect, source accuracy) and the `Misses` behind them.

Matching: the raw text is split once into word tokens (runs of \\w; punctuation,
quotation marks included, is ignored); a char span covers the tokens it overlaps. A
system quote matches a gold Content when the Dice overlap of the two token sets,
2|A&B|/(|A|+|B|), is >= the threshold; pairs are taken greedily by best Dice, each gold
and each system quote used at most once. Source accuracy: among matched pairs whose gold
has a Source, the share where the system speaker span shares a token with the gold
Source. A gold attribution is "direct" when its content contains a quotation mark.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field

from .polnear import Article, Attribution

QUOTE_MARKS = ("“", "”", '"')

Span = tuple[int, int]

_WORD = re.compile(r"\w+")


class Tokens:
    """Word tokens of one raw text; maps char spans to token-index sets."""

    def __init__(self, text: str):
        self.starts: list[int] = []
        self.ends: list[int] = []
        for m in _WORD.finditer(text):
            self.starts.append(m.start())
            self.ends.append(m.end())

    def cover(self, spans: list[Span] | None) -> frozenset[int]:
        """Indices of the tokens overlapping any of the (start, end) spans."""
        out: set[int] = set()
        for s, e in spans or ():
            if e <= s:
                continue
            first = bisect.bisect_right(self.ends, s)  # first token ending after s
            last = bisect.bisect_left(self.starts, e)  # first token starting at/after e
            out.update(range(first, last))
        return frozenset(out)


def dice(a: frozenset[int], b: frozenset[int]) -> float:
    if not a or not b:
        return 0.0
    return 2 * len(a & b) / (len(a) + len(b))


def greedy_match(
    gold: list[frozenset[int]], system: list[frozenset[int]], threshold: float
) -> list[tuple[int, int, float]]:
    """(gold index, system index, dice) pairs, best Dice first, one-to-one."""
    cands = []
    for gi, g in enumerate(gold):
        for si, s in enumerate(system):
            if g and s and not g.isdisjoint(s):
                d = dice(g, s)
                if d >= threshold:
                    cands.append((-d, gi, si))
    cands.sort()
    used_g: set[int] = set()
    used_s: set[int] = set()
    pairs = []
    for negd, gi, si in cands:
        if gi in used_g or si in used_s:
            continue
        used_g.add(gi)
        used_s.add(si)
        pairs.append((gi, si, -negd))
    return pairs


# ---------------------------------------------------------------- system output


@dataclass
class SysQuote:
    content: list[Span]  # char spans in the raw article text
    speaker: list[Span] | None  # char spans of the speaker as written, or None
    label: str = ""  # speaker name etc., for error listings
    origin: str = ""  # presswatch's origin of the quote (rule, model, both), "" for other systems


@dataclass
class SystemRun:
    name: str
    quotes: list[list[SysQuote]]  # per article
    seconds: float
    errors: int = 0
    error_samples: list[str] = field(default_factory=list)
    unavailable: str | None = None


# ---------------------------------------------------------------- scoring


def is_direct(att: Attribution, text: str) -> bool:
    content = att.content_text(text)
    return any(mark in content for mark in QUOTE_MARKS)


@dataclass
class Misses:
    false_negatives: list[tuple[int, int]] = field(default_factory=list)  # (article, gold)
    false_positives: list[tuple[int, int]] = field(default_factory=list)  # (article, system)
    wrong_source: list[tuple[int, int, int]] = field(default_factory=list)  # (article, gold, system)


def score_article(
    ai: int, art: Article, quotes: list[SysQuote], threshold: float, tally: Counter, misses: Misses
) -> None:
    """Add article `ai`'s counts to `tally` and its misses to `misses`."""
    toks = Tokens(art.text)
    gold_sets = [toks.cover(a.content) for a in art.attributions]
    sys_sets = [toks.cover(q.content) for q in quotes]
    pairs = greedy_match(gold_sets, sys_sets, threshold)
    tally["gold"] += len(gold_sets)
    tally["system"] += len(sys_sets)
    tally["matched"] += len(pairs)
    matched_g = {gi for gi, _, _ in pairs}
    matched_s = {si for _, si, _ in pairs}
    for gi, att in enumerate(art.attributions):
        hit = gi in matched_g
        kind = "direct" if is_direct(att, art.text) else "indirect"
        tally[f"{kind}_total"] += 1
        tally[f"{kind}_hit"] += hit
        if not hit:
            misses.false_negatives.append((ai, gi))
    misses.false_positives.extend((ai, si) for si in range(len(quotes)) if si not in matched_s)
    for si, q in enumerate(quotes):
        if q.origin:
            tally[f"origin_{q.origin}_system"] += 1
            tally[f"origin_{q.origin}_matched"] += si in matched_s
    for gi, si, _ in pairs:
        gold_src = art.attributions[gi].source
        if not gold_src:
            continue
        tally["source_pairs"] += 1
        sys_src = quotes[si].speaker
        ok = bool(sys_src) and not toks.cover(gold_src).isdisjoint(toks.cover(sys_src))
        tally["source_ok"] += ok
        if not ok:
            misses.wrong_source.append((ai, gi, si))


def ratio(a: int, b: int) -> float | None:
    return a / b if b else None


def score(articles: list[Article], run: SystemRun, threshold: float = 0.5) -> tuple[dict, Misses]:
    """The figures of one system over the articles (None where there is nothing to divide by), and its misses."""
    tally: Counter = Counter()
    misses = Misses()
    for ai, (art, quotes) in enumerate(zip(articles, run.quotes)):
        score_article(ai, art, quotes, threshold, tally, misses)
    p = ratio(tally["matched"], tally["system"])
    r = ratio(tally["matched"], tally["gold"])
    f1 = 2 * p * r / (p + r) if p and r else (0.0 if p is not None and r is not None else None)
    figures = {
        "articles": len(articles),
        "gold_attributions": tally["gold"],
        "gold_direct": tally["direct_total"],
        "gold_indirect": tally["indirect_total"],
        "system_quotes": tally["system"],
        "matched": tally["matched"],
        "precision": p,
        "recall": r,
        "f1": f1,
        "recall_direct": ratio(tally["direct_hit"], tally["direct_total"]),
        "recall_indirect": ratio(tally["indirect_hit"], tally["indirect_total"]),
        "source_accuracy": ratio(tally["source_ok"], tally["source_pairs"]),
        "source_pairs": tally["source_pairs"],
        "errors": run.errors,
        "seconds": round(run.seconds, 2),
        # per origin of presswatch's quotes: (quotes, matched, precision)
        "by_origin": {
            o: (
                tally[f"origin_{o}_system"],
                tally[f"origin_{o}_matched"],
                ratio(tally[f"origin_{o}_matched"], tally[f"origin_{o}_system"]),
            )
            for o in ("rule", "both", "model")
            if tally[f"origin_{o}_system"]
        },
    }
    return figures, misses
