"""Two surnames side by side in a headline, read by the model as one person.

Headlines drop the words between names: "Rudd Blake's saviour" means Rudd is
Blake's saviour, and "Kavalenka Marozau's ally" that Kavalenka is Marozau's.
The English model reads the pair as one PERSON ("Rudd Blake"), whose surname
then takes every later "Blake" of the article, and the corpus links it onward.

Input: the article text, the person clusters after the first pass, and one
cluster. Output: whether that cluster is such a pair, and the words to read
instead as two bare surnames. The evidence is the article's own: a pair is
split only when it stands in a headline line (a title or subhead: short, no
sentence-final punctuation) and its words are the surnames of other people
the article names in full, or its first word is one and the pair heads a
possessive. A real full name in a headline ("Ann Rudd's save") is left alone:
"Ann" is nobody's surname."""

from __future__ import annotations

import re

from ...names import POSSESSIVE_RE, name_tokens, same_token
from .cluster import Cluster

_SENTENCE_END_RE = re.compile(r"[.!?…:;\"”»]\s*$")
HEADLINE_MAX_WORDS = 16


def in_headline(text: str, start: int) -> bool:
    """The character at `start` is on a title or subhead line: a short line
    that does not end like a sentence."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    line = text[line_start : line_end if line_end >= 0 else len(text)].strip()
    return bool(line) and len(line.split()) <= HEADLINE_MAX_WORDS and not _SENTENCE_END_RE.search(line)


def _surname_of_another(token: str, cluster: Cluster, persons: list[Cluster]) -> Cluster | None:
    """The other person, named in full, whose surname `token` is."""
    return next(
        (p for p in persons if p is not cluster and len(p.tokens) >= 2 and same_token(p.tokens[-1], token)),
        None,
    )


def juxtaposed(text: str, cluster: Cluster, persons: list[Cluster]) -> list[tuple[int, int, str]] | None:
    """The words of a two-word headline "person" that is two surnames side by side,
    as (start, end, word) for each word of each of its mentions; None when it is a name."""
    if len(cluster.tokens) != 2 or not cluster.mentions:
        return None
    if not all(in_headline(text, m[0]) and len(name_tokens(m[3])) == 2 for m in cluster.mentions):
        return None
    first, last = cluster.tokens
    first_is = _surname_of_another(first, cluster, persons)
    if first_is is None:
        return None
    last_is = _surname_of_another(last, cluster, persons)
    possessive = any(POSSESSIVE_RE.search(m[2]) or text[m[1] : m[1] + 2] in ("'s", "’s") for m in cluster.mentions)
    if not ((last_is is not None and last_is is not first_is) or possessive):
        return None
    words = []
    for start, end, _text, _name in cluster.mentions:
        for m in re.finditer(r"[^\s]+", text[start:end]):
            word = POSSESSIVE_RE.sub("", m.group())
            words.append((start + m.start(), start + m.start() + len(word), word))
    return words
