"""Repair words glued together where a link was stripped ("electionwhich").

Hand-written because the rule is narrow and must be conservative, and no
library splits run-together words *only when they are not words*. A lower-case
token is split when, in the article's own language (wordfreq's list for it):
- it is not a word itself (zero frequency);
- it splits into two *frequent* words;
- the language does not form words across that cut: no frequent word starts
  with the left part and the first letters of the right ("overdrew" stays,
  as "overdraft" and "overdrawn" show that "overdr..." is how words are made;
  "electionwhich" splits, as no word starts "electionwh"). A right part that is
  a grammatical word (the most frequent words: "to", "which", "after") needs no
  such test: compounds end in content words, and "waterto" is not "watertown".
An article in a language wordfreq has no list for, or whose language is
unknown, is left alone. Capitalised tokens are never touched, so names stay
whole; nor are tokens in URLs, e-mail addresses, handles or hashtags."""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

from wordfreq import available_languages, get_frequency_dict, zipf_frequency

from ... import lexicon

# After a hyphen too: "by-electionwhich" is "by-election which".
TOKEN_RE = re.compile(r"(?<![\w@#/.'’])[^\W\d_]{6,}(?![\w@/\-]|\.\w)")
MIN_PART_ZIPF = 3.2  # both halves must be common words ("election" 4.6, "which" 6.1)
MIN_PART_LEN = 3
# Letters of the right part that, after the left part, show the language builds words that way.
CONTINUATION_LETTERS = 2
MIN_CONTINUATION_ZIPF = 2.0  # a real word, not web debris such as "thatthe"
GRAMMATICAL_ZIPF = 5.5  # "to" 7.4, "which" 6.2, "after" 6.0; content words are rarer ("drew" 4.3)
# The only parts shorter than 3 letters, in English ("electionin" -> "election in").
SHORT_WORDS = {"en": lexicon.words("glue_short_words")}
LANGUAGES = frozenset(available_languages("small"))


@lru_cache(maxsize=50_000)
def split_glued(token: str, language: str = "en") -> tuple[str, str] | None:
    """('election', 'which') for 'electionwhich'; None when it is a word, or unsure."""
    if language not in LANGUAGES or not token.islower() or zipf_frequency(token, language) > 0:
        return None
    short = SHORT_WORDS.get(language, frozenset())
    best = None
    best_score = 0.0
    for i in range(2, len(token) - 1):
        left, right = token[:i], token[i:]
        if (len(left) < MIN_PART_LEN and left not in short) or (len(right) < MIN_PART_LEN and right not in short):
            continue
        score = min(zipf_frequency(left, language), zipf_frequency(right, language))
        if score >= MIN_PART_ZIPF and score > best_score:
            best, best_score = (left, right), score
    if best is None:
        return None
    grammatical = zipf_frequency(best[1], language) >= GRAMMATICAL_ZIPF
    if not grammatical and _forms_words_across(token[: len(best[0]) + CONTINUATION_LETTERS], language):
        return None
    return best


def _forms_words_across(prefix: str, language: str) -> bool:
    """Whether a frequent word of the language starts with `prefix`."""
    vocabulary = _sorted_vocabulary(language)
    i = bisect.bisect_left(vocabulary, prefix)
    while i < len(vocabulary) and vocabulary[i].startswith(prefix):
        if zipf_frequency(vocabulary[i], language) >= MIN_CONTINUATION_ZIPF:
            return True
        i += 1
    return False


@lru_cache(maxsize=8)
def _sorted_vocabulary(language: str) -> list[str]:
    """The language's words in alphabetical order (read once, on the first glued candidate)."""
    return sorted(w for w in get_frequency_dict(language, "best") if w.isalpha())


def repair(line: str, language: str | None = "en") -> list[tuple[int, str]]:
    """Segments of the repaired line: (offset in `line`, text); an inserted space is (-1, ' ')."""
    segments: list[tuple[int, str]] = []
    last = 0
    if language is not None and language in LANGUAGES:
        for m in TOKEN_RE.finditer(line):
            parts = split_glued(m.group(), language)
            if not parts:
                continue
            cut = m.start() + len(parts[0])
            segments.append((last, line[last:cut]))
            segments.append((-1, " "))
            last = cut
    segments.append((last, line[last:]))
    return segments
