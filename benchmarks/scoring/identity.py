"""Scoring cross-article identity linking: pure functions, no presswatch imports.

A *gold mention* is (article, start, end, gold identity); a *system mention* is
(article, start, end, system entity id). Each gold mention is aligned to the
system mention in the same article that overlaps it by the most characters; a
gold mention the system did not find becomes a singleton system cluster of its
own, so a missed mention costs recall but never precision.

Scores are over gold mentions only (system mentions of things the gold does not
annotate are ignored): pairwise precision/recall over pairs of gold mentions,
and B-cubed. Both are computed from the contingency table (gold identity x
system cluster), so the pair counts cost nothing however big the set grows.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass

MISSED = "<missed>"  # prefix of the singleton cluster given to an unfound gold mention


@dataclass(frozen=True)
class GoldMention:
    article: str
    start: int
    end: int
    identity: str
    text: str = ""


@dataclass(frozen=True)
class SystemMention:
    article: str
    start: int
    end: int
    entity: str
    text: str = ""


def overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    return max(0, min(a_end, b_end) - max(a_start, b_start))


def align(gold: Sequence[GoldMention], system: Iterable[SystemMention]) -> list[str | None]:
    """The system entity of each gold mention (None: not found).

    Largest character overlap wins; on a tie the tighter system span (closest in
    length to the gold span), then the earlier one, so the result is deterministic."""
    by_article: dict[str, list[SystemMention]] = defaultdict(list)
    for s in system:
        by_article[s.article].append(s)
    out: list[str | None] = []
    for g in gold:
        best = None
        best_key = None
        for s in by_article.get(g.article, ()):
            ov = overlap(g.start, g.end, s.start, s.end)
            if ov <= 0:
                continue
            key = (-ov, abs((s.end - s.start) - (g.end - g.start)), s.start, s.entity)
            if best_key is None or key < best_key:
                best, best_key = s, key
        out.append(best.entity if best else None)
    return out


def system_labels(aligned: Sequence[str | None]) -> list[str]:
    """Cluster labels with every unfound mention made its own singleton."""
    return [a if a is not None else f"{MISSED}{i}" for i, a in enumerate(aligned)]


def _pairs(n: int) -> int:
    return n * (n - 1) // 2


def _ratio(num: float, den: float) -> float:
    # No pairs to get wrong (or none to find) counts as perfect: the usual
    # convention, and what keeps an all-singleton gold from dividing by zero.
    return num / den if den else 1.0


def f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def pairwise(gold: Sequence[Hashable], system: Sequence[Hashable]) -> dict[str, float]:
    """Pairwise precision/recall/F1 of a clustering of the same items.

    A pair is gold-together if both items share a gold label, predicted-together
    if both share a system label."""
    if len(gold) != len(system):
        raise ValueError("gold and system labels must be parallel")
    cells = Counter(zip(gold, system))
    tp = sum(_pairs(n) for n in cells.values())
    gold_pairs = sum(_pairs(n) for n in Counter(gold).values())
    sys_pairs = sum(_pairs(n) for n in Counter(system).values())
    p, r = _ratio(tp, sys_pairs), _ratio(tp, gold_pairs)
    return {
        "precision": p,
        "recall": r,
        "f1": f1(p, r),
        "true_pairs": tp,
        "gold_pairs": gold_pairs,
        "system_pairs": sys_pairs,
    }


def bcubed(gold: Sequence[Hashable], system: Sequence[Hashable]) -> dict[str, float]:
    """B-cubed precision/recall/F1, averaged over items."""
    if len(gold) != len(system):
        raise ValueError("gold and system labels must be parallel")
    if not gold:
        return {"precision": 1.0, "recall": 1.0, "f1": 1.0}
    cells = Counter(zip(gold, system))
    gsize, ssize = Counter(gold), Counter(system)
    p = sum(cells[(g, s)] / ssize[s] for g, s in zip(gold, system)) / len(gold)
    r = sum(cells[(g, s)] / gsize[g] for g, s in zip(gold, system)) / len(gold)
    return {"precision": p, "recall": r, "f1": f1(p, r)}


def merges(gold: Sequence[str], system: Sequence[str]) -> list[dict]:
    """System clusters that hold more than one gold identity, worst (most wrong pairs) first."""
    members: dict[str, Counter] = defaultdict(Counter)
    for g, s in zip(gold, system):
        members[s][g] += 1
    out = []
    for s, ids in members.items():
        if len(ids) < 2:
            continue
        total = sum(ids.values())
        wrong = _pairs(total) - sum(_pairs(n) for n in ids.values())
        out.append({"system": s, "identities": dict(ids.most_common()), "wrong_pairs": wrong})
    out.sort(key=lambda m: (-m["wrong_pairs"], m["system"]))
    return out


def splits(gold: Sequence[str], system: Sequence[str]) -> list[dict]:
    """Gold identities spread over more than one system cluster, worst (most missed pairs) first."""
    parts: dict[str, Counter] = defaultdict(Counter)
    for g, s in zip(gold, system):
        parts[g][s] += 1
    out = []
    for g, clusters in parts.items():
        if len(clusters) < 2:
            continue
        total = sum(clusters.values())
        missed = _pairs(total) - sum(_pairs(n) for n in clusters.values())
        out.append({"identity": g, "clusters": dict(clusters.most_common()), "missed_pairs": missed})
    out.sort(key=lambda m: (-m["missed_pairs"], m["identity"]))
    return out


def merged_identities(gold: Sequence[str], system: Sequence[str]) -> set[str]:
    """Gold identities that share a system cluster with another gold identity."""
    return {g for m in merges(gold, system) for g in m["identities"]}


def score(gold: Sequence[GoldMention], system: Iterable[SystemMention]) -> dict:
    """Everything the benchmark prints, from aligned mentions."""
    aligned = align(gold, system)
    glab = [g.identity for g in gold]
    slab = system_labels(aligned)
    pw, b3 = pairwise(glab, slab), bcubed(glab, slab)
    return {
        "gold_mentions": len(gold),
        "gold_identities": len(set(glab)),
        "found": sum(a is not None for a in aligned),
        "pairwise": pw,
        "bcubed": b3,
        "merged_identities": len(merged_identities(glab, slab)),
        "split_identities": len(splits(glab, slab)),
        "merges": merges(glab, slab),
        "splits": splits(glab, slab),
        "aligned": aligned,
    }
