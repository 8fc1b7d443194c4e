"""Repair words glued together where a link was stripped ("electionwhich").

Hand-written because the rule is narrow and must be conservative: split a
lower-case token only when it is not a word itself (zero frequency in
wordfreq's English list) and it splits into two *frequent* words. Capitalised
tokens are never touched, so names stay whole; nor are tokens in URLs,
e-mail addresses, handles or hashtags."""

from __future__ import annotations

import re
from functools import lru_cache

from wordfreq import zipf_frequency

from ... import lexicon

TOKEN_RE = re.compile(r"(?<![\w@#/.\-'’])[a-z]{6,}(?![\w@/\-]|\.\w)")
MIN_PART_ZIPF = 3.2  # both halves must be common words ("election" 4.6, "which" 6.1)
MIN_PART_LEN = 2
SHORT_WORDS = lexicon.words("glue_short_words")  # the only parts shorter than 3 letters


@lru_cache(maxsize=50_000)
def split_glued(token: str) -> tuple[str, str] | None:
    """('election', 'which') for 'electionwhich'; None when it is a word or unsure."""
    if zipf_frequency(token, "en") > 0:
        return None
    best = None
    best_score = 0.0
    for i in range(MIN_PART_LEN, len(token) - MIN_PART_LEN + 1):
        left, right = token[:i], token[i:]
        if (len(left) < 3 and left not in SHORT_WORDS) or (len(right) < 3 and right not in SHORT_WORDS):
            continue
        score = min(zipf_frequency(left, "en"), zipf_frequency(right, "en"))
        if score >= MIN_PART_ZIPF and score > best_score:
            best, best_score = (left, right), score
    return best


def repair(line: str) -> list[tuple[int, str]]:
    """Segments of the repaired line: (offset in `line`, text); an inserted space is (-1, ' ')."""
    segments: list[tuple[int, str]] = []
    last = 0
    for m in TOKEN_RE.finditer(line):
        parts = split_glued(m.group())
        if not parts:
            continue
        cut = m.start() + len(parts[0])
        segments.append((last, line[last:cut]))
        segments.append((-1, " "))
        last = cut
    segments.append((last, line[last:]))
    return segments
