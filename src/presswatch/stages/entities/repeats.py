"""Mentions the model missed, found by repeating the names it did find: an
organisation's acronym ("UBPC" after "Ural-Baltic Pipeline Company") and a name
written again further on ("Pivdenenergo said ... Pivdenenergo's licence").

Input: the article text, the clusters and the characters already `Taken`.
Output: mentions added to the clusters in place."""

from __future__ import annotations

import re
from collections.abc import Iterable

from ...names import acronym
from .cluster import Cluster
from .text import Taken, sentence_start


def _names_regex(names: Iterable[str]) -> re.Pattern[str] | None:
    """One pattern for all the names, longest first, as whole words."""
    ordered = sorted(set(names), key=len, reverse=True)
    if not ordered:
        return None
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(n) for n in ordered) + r")(?![\w-])")


def acronym_mentions(text: str, others: list[Cluster], taken: Taken) -> None:
    """'Ural-Baltic Pipeline Company (UBPC)': once an organisation is named in
    full, its acronym elsewhere in the article is a mention the model may miss."""
    owner: dict[str, Cluster] = {}
    for c in others:
        if c.type not in ("ORG", "MEDIA"):
            continue
        for name in {m[3] for m in c.mentions}:
            acro = acronym(name).upper()
            if len(acro) >= 3 and len(name.split()) >= 3:
                owner.setdefault(acro, c)
    pattern = _names_regex(owner)
    if pattern is None:
        return
    for m in pattern.finditer(text):
        if taken.free(m.start(), m.end()):
            owner[m.group()].mentions.append((m.start(), m.end(), m.group(), m.group()))
            taken.add(m.start(), m.end())


def repeat_mentions(text: str, clusters: list[Cluster], taken: Taken) -> None:
    """A name the model tagged once is the same name where it missed it later in
    the article ("Pivdenenergo said ... Pivdenenergo's licence"): one sense per
    article. Skipped where the word is part of a longer capitalised name."""
    owner: dict[str, tuple[Cluster, str]] = {}
    for c in clusters:
        for _, _, written, name in c.mentions:
            if len(written) >= 4 and written[:1].isupper():
                owner.setdefault(written, (c, name))
    pattern = _names_regex(owner)
    if pattern is None:
        return
    for m in pattern.finditer(text):
        start, end = m.start(), m.end()
        if not taken.free(start, end) or _inside_longer_name(text, start, end):
            continue
        c, name = owner[m.group()]
        c.mentions.append((start, end, m.group(), name))
        taken.add(start, end)


def _inside_longer_name(text: str, start: int, end: int) -> bool:
    """A capitalised word just before (not at a sentence start) or just after start..end."""
    before = text[max(0, start - 30) : start].rstrip(" ")
    after = text[end : end + 30].lstrip(" ")
    return (before[-1:].isalpha() and before.split()[-1][:1].isupper() and not sentence_start(text, start)) or after[
        :1
    ].isupper()
