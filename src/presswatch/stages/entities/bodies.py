"""Organisations and their other names within one article.

- a name defined with its acronym, "The Eastern Europe Transparency Initiative
  (EETI)", is one body whatever the model made of its words;
- a name given right after a body's, "(Minprom)", "(Белорусский кабельный
  завод)", ", known in Russian media as Yuzhenergo", is another name of it;
- a body every country has ("Ministry of Finance") is qualified by the country
  written next to it, and a bare one joins the only country's of its kind.

Input: the article text and the clusters of the linker; the functions merge and
move mentions between clusters in place."""

from __future__ import annotations

import re
from collections import defaultdict

from ...names import acronym, country_of_word, is_generic_body, org_core, org_match
from .cluster import Cluster, non_empty

_CYR_WORD = r"[А-ЯЁІЎЄЇҐа-яёіўєїґ][а-яёіўєїґ'’ʼ-]*"
DEFINED_ACRONYM_RE = re.compile(
    r"\b((?:[A-Z][\w'’-]*\s+(?:(?:of|the|and|for|on|in)\s+)*){1,7}[A-Z][\w'’-]*)\s*\(([A-Z][A-Z0-9]{1,7})\)"
)
# What follows a body's name to give another name of it: "(Minprom)",
# "(BCW, ОАО «Беларускі кабельны завод»)", ", known in Russian-language media as Yuzhenergo".
ALIAS_AFTER_RE = re.compile(
    r"\s*(?:\((?:[A-Z][A-Z0-9]{1,7},\s*)?(?:[А-ЯЁІЎ]{2,4}\s+)?[«\"“]?"
    r"(?P<paren>[A-Z][a-z]{3,}|[А-ЯЁІЎЄЇҐ][а-яёіўєїґ'’ʼ]+(?:-[А-ЯЁІЎЄЇҐа-яёіўєїґ][а-яёіўєїґ'’ʼ]*)*(?:\s"
    + _CYR_WORD
    + r"){0,4})"
    r"[»\"”]?\)"
    r"|,\s+(?:also\s+)?known\s+(?:[a-z-]+\s+){0,4}as\s+[«\"“]?(?P<known>[A-ZА-ЯЁІЎЄЇҐ][\w'’-]+(?:\s[A-ZА-ЯЁІЎЄЇҐ][\w'’-]+){0,3})[»\"”]?)"
)
COUNTRY_AFTER_RE = re.compile(r"\s+of\s+(?:the\s+)?((?:[A-Z][\w'’]+\s?){1,3})")
COUNTRY_BEFORE_RE = re.compile(r"([A-Z][\w'’]+)\s+$")


def defined_acronyms(text: str, others: list[Cluster], persons: list[Cluster]) -> None:
    """'The Eastern Europe Transparency Initiative (EETI)': a name the article
    defines with its acronym is one organisation, whatever the model made of its
    words (often a place plus a stray ORG)."""
    for m in DEFINED_ACRONYM_RE.finditer(text):
        span = _acronym_span(m)
        if span is None:
            continue
        start, end = span
        if any(c.overlaps(start, end) for c in persons):
            continue
        overlapping = [c for c in others if c.overlaps(start, end)]
        target = next((c for c in overlapping if c.type in ("ORG", "MEDIA")), None) or Cluster(type="ORG")
        for c in overlapping:
            c.drop_overlapping(start, end)
        if target not in others:
            others.append(target)
        name = text[start:end]
        target.mentions.append((start, end, name, name))
        target.mentions.append((m.start(2), m.end(2), m.group(2), m.group(2)))
    non_empty(others)


def _acronym_span(m: re.Match[str]) -> tuple[int, int] | None:
    """Where the name an acronym stands for is: the acronym may cover only the
    last words of a longer capitalised run. None when its letters fit no run of two words or more."""
    words = m.group(1).split()
    if words[0] in ("The", "A", "An") and len(words) > 2:
        words = words[1:]
    for i in range(len(words)):
        tail = " ".join(words[i:])
        if acronym(tail) == m.group(2).lower() and len(words) - i >= 2:
            return m.end(1) - len(tail), m.end(1)
    return None


def defined_aliases(text: str, others: list[Cluster], persons: list[Cluster]) -> None:
    """Another name a body is given right after its name: a short form in
    brackets ("Ministry of Industry of the Republic of Belarus (Minprom)"), its
    name in Cyrillic ("Belarusian Cable Plant (Белорусский кабельный завод)"),
    or "X, known in Russian media as Y". The other name is a mention of the same body."""
    for c in list(others):
        if c.type not in ("ORG", "MEDIA"):
            continue
        for _s, end, _t, _n in list(c.mentions):
            m = ALIAS_AFTER_RE.match(text, end)
            if m:
                group = "paren" if m.group("paren") else "known"
                _add_alias(text, c, m.start(group), m.end(group), others, persons)
    non_empty(others)


def _add_alias(text: str, c: Cluster, start: int, stop: int, others: list[Cluster], persons: list[Cluster]) -> None:
    """The name at start..stop is another name of body `c`."""
    # a person made of this name alone was a misreading ("Норд-Агро Трейдинг" as a name)
    for p in persons:
        if p.mentions and all(start <= s and e <= stop for s, e, _, _ in p.mentions):
            p.mentions = []
    non_empty(persons)
    if any(p.overlaps(start, stop) for p in persons):
        return
    for other in others:
        if other is not c:
            other.drop_overlapping(start, stop)
    if any(x[0] == start and x[1] == stop for x in c.mentions):
        return
    alias = text[start:stop]
    c.mentions.append((start, stop, alias, alias))
    # the alias may already be a body of its own elsewhere in the article
    for other in others:
        if (
            other is not c
            and other.type in ("ORG", "MEDIA")
            and other.mentions
            and any(org_match(alias, x[3]) for x in other.mentions)
        ):
            c.mentions.extend(other.mentions)
            other.mentions = []


def qualified_body(text: str, start: int, name: str) -> str:
    """A body every country has, qualified by the country written just before it:
    "the Russian Ministry of Finance" and "Belarus's Ministry of Finance" in one
    article are two ministries. The mention keeps its span; its name gains the country."""
    _core, country = org_core(name)
    if country or not is_generic_body(name):
        return name
    m = COUNTRY_BEFORE_RE.search(text, max(0, start - 40), start)
    if m and country_of_word(m.group(1)):
        return f"{m.group(1)} {name}"
    # ... or right after it, where the model left it out of the name: "of the Russian Federation"
    end = start + len(name)
    m = COUNTRY_AFTER_RE.match(text, end) if text[start:end] == name else None
    if m and org_core(f"{name} of {m.group(1).strip()}")[1]:
        return name + text[end : m.end()].rstrip()
    return name


def bare_bodies_join_their_country(others: list[Cluster]) -> None:
    """A bare "the Ministry of Finance" after "Ukraine's Ministry of Finance" is that
    one, when the article qualifies that kind of body with one country only."""
    qualified: dict[str, dict[str, Cluster]] = defaultdict(dict)
    bare: list[tuple[str, Cluster]] = []
    for c in others:
        if c.type != "ORG":
            continue
        cores = {org_core(m[3]) for m in c.mentions}
        countries = {country for _, country in cores if country}
        core_names = {core for core, _ in cores}
        if len(core_names) != 1 or not all(is_generic_body(m[3]) for m in c.mentions):
            continue
        core = next(iter(core_names))
        if len(countries) == 1:
            qualified[core].setdefault(next(iter(countries)), c)
        elif not countries:
            bare.append((core, c))
    for core, c in bare:
        if len(qualified.get(core, {})) == 1:
            target = next(iter(qualified[core].values()))
            target.mentions.extend(c.mentions)
            c.mentions = []
    non_empty(others)
