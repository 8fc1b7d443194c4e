"""Bylines, translator credits and dates as written: who wrote an article, and when.

Shared by the clean stage (a byline line is furniture, removed with the reason
"byline") and the metadata stage (which reads authors, outlet and date back from
the removed lines). Names here are judged by shape: two to five capitalised
tokens, particles allowed, no journalist's title at the end."""

from __future__ import annotations

import re
from functools import lru_cache

from .. import lexicon
from .lines import is_sentence, words

JOURNALISM_ROLES = lexicon.words("journalism_roles")
ROLE_NOUNS = lexicon.words("byline_role_nouns")
NOT_NAME_WORDS = lexicon.words("not_name_words")
NAME_PARTICLES = lexicon.words("name_particles")
MEDIA_WORDS = lexicon.words("media_words")

MONTHS = (
    r"jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(t|tember)?|oct(ober)?|"
    r"nov(ember)?|dec(ember)?"
)
WEEKDAYS = r"monday|tuesday|wednesday|thursday|friday|saturday|sunday"
# A date as bylines and datelines write it: "March 3, 2026", "3 March 2026", "2026-03-03",
# "03.03.2026", "Tuesday, March", "5 min read", "2 hours ago".
DATE_RE = re.compile(
    rf"\b(?:(?:{MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{MONTHS})\.?,?\s+\d{{4}}|"
    rf"\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}[./]\d{{1,2}}[./]\d{{2,4}}|(?:{WEEKDAYS}),?\s+(?:{MONTHS})|\d+\s+(?:min|mins|minutes|hours?|days?)\s+(?:ago|read))\b",
    re.I,
)
# Words that start with a capital in a byline but are never a name ("By Tuesday, the river had risen").
BAD_NAME_WORDS = re.compile(
    rf"^(?:{MONTHS}|{WEEKDAYS}|the|a|an|this|that|then|now|today|tomorrow|yesterday|mid|late|early|far|some|all|most|many|law|order|decree|contrast|comparison|way|then)$",
    re.I,
)
TRANSLATOR_RE = re.compile(
    r"^[\(\[]?\s*(?:translated|translation|translator|переклад|перевод|пераклад)\b[^.]{0,60}?(?:\bby\b|:|—|–|-|з\s|с\s)\s*(?P<names>.+?)[\)\]]?\s*$",
    re.I,
)
# A translator named inside a note: "Quotes from the broadcast translated by Maksim Dubrouski."
TRANSLATED_BY_RE = re.compile(
    r"\b(?:translated|translation)\s+(?:from\s+[\w-]+\s+)?by\s+(?P<names>[A-ZА-ЯЁІЎЄЇ].*?)[\)\]]?\s*$"
)
BYLINE_START_RE = re.compile(
    r"^(?:(?:interview|story|text|report|reporting|words|analysis|column|written|compiled|edited|photos?)\s+)?(?:by|from|author|authors|text|автор|авторы|аўтар|текст)\s*[:\-–—]?\s+(?P<rest>.+)$",
    re.I,
)
WIRE_CREDITS_RE = re.compile(
    r"^\(?\s*(?:additional\s+)?(?:reporting|writing|editing|compiled|produced|edited|additional reporting)\s+by\s+[A-Z][^.]{1,160}\)?\.?\s*$",
    re.I,
)


def is_name_like(s: str, max_tokens: int = 5) -> bool:
    """Looks like a person's name: 2-5 capitalised tokens (particles allowed)."""
    toks = s.replace(",", " ").split()
    if not 1 <= len(toks) <= max_tokens:
        return False
    if any(t.endswith(":") or t.lower().strip(".") in NOT_NAME_WORDS for t in toks):
        return False
    if toks[-1].lower().strip(".") in JOURNALISM_ROLES:
        return False
    caps = 0
    for t in toks:
        core = t.strip(".'’()")
        if not core:
            return False
        if core.lower() in NAME_PARTICLES:
            continue
        if BAD_NAME_WORDS.match(core) or any(ch.isdigit() for ch in core):
            return False
        if not (core[0].isupper() and (len(core) == 1 or not core[1:].isupper() or len(core) <= 3)):
            return False
        caps += 1
    return caps >= 1 and (caps >= 2 or len(toks) == 1)


def split_names(s: str, *, single_ok: bool = False) -> list[str]:
    """'Ann Lee, Bo Chen and Cy Park' -> three names (empty if any part is not name-like).

    One-word "names" ("Opinion", "Kharkiv") are section labels far more often than
    bylines, so they count only after an explicit "By"."""
    parts = [p.strip(" .;") for p in re.split(r",\s*|\s+and\s+|\s*&\s*|\s+и\s+|\s+і\s+", s) if p.strip(" .;")]
    if parts and all(is_name_like(p) and (single_ok or len(p.split()) >= 2) for p in parts):
        return parts
    return []


@lru_cache(maxsize=4096)  # the clean stage asks about one line several times; callers must not mutate the result
def parse_byline(s: str) -> dict | None:
    """Return {'authors': [...], 'outlet': str|None, 'date': str|None} when `s` is a byline."""
    s = s.strip().strip("—–-").strip()
    if len(words(s)) > 20 or (is_sentence(s) and not BYLINE_START_RE.match(s)):
        return None
    m = BYLINE_START_RE.match(s)
    rest = m.group("rest") if m else s
    segments = [seg.strip() for seg in re.split(r"\s*[|•·]\s*|\s+[—–]\s+", rest) if seg.strip()]
    if not segments:
        return None
    head = segments[0]
    explicit = bool(m)  # "By ...": a single-word name is believed
    fm = re.match(r"^(?P<names>.+?)\s+(?:for|для|для\s+издания)\s+(?P<outlet>.+)$", head)
    outlet = None
    if fm and split_names(fm.group("names"), single_ok=explicit):
        # "Name for outlet.com" / "Name for The Outlet"
        authors = split_names(fm.group("names"), single_ok=explicit)
        outlet = fm.group("outlet").strip(" .")
    elif explicit and re.match(r"^by\b", s, re.I) and is_outlet_name(head):
        authors, outlet = [], head.strip(" .")  # "By Eastlink News Agency": the outlet wrote it
    else:
        found = _authors_of_head(head, s, explicit)
        if found is None:
            return None
        authors = found
    date = None
    for seg in segments[1:]:
        if DATE_RE.search(seg):
            date = seg
        elif outlet is None and 1 <= len(words(seg)) <= 6 and words(seg)[-1].lower() not in ROLE_NOUNS:
            outlet = seg
    if not m and len(segments) == 1 and not fm and "," not in head and len(authors) == 1 and len(head.split()) > 4:
        return None  # a bare name line is a byline only when it is short and name-shaped
    return {"authors": authors, "outlet": outlet, "date": date}


def is_outlet_name(s: str) -> bool:
    """A short capitalised name with a word that makes it an outlet's ("Eastlink News Agency")."""
    ws = words(s)
    return (
        1 <= len(ws) <= 6
        and all(w[:1].isupper() or w.lower() in NAME_PARTICLES for w in ws)
        and any(w.lower() in MEDIA_WORDS for w in ws)
    )


def _authors_of_head(head: str, line: str, explicit: bool) -> list[str] | None:
    """The names in a byline's first segment ("Name, Staff Writer", "Ann Lee and Bo Chen"), or None."""
    # "Name, Staff Writer" / "Name, Senior Correspondent in Kyiv"
    cm = re.match(r"^(?P<names>[^,]+(?:,\s*[^,]+?\s+and\s+[^,]+)?),\s*(?P<role>.+)$", head)
    role_words = words(cm.group("role"))[:6] if cm else []
    if (
        cm
        and split_names(cm.group("names"), single_ok=explicit)
        and role_words
        and (all(w.lower() in JOURNALISM_ROLES for w in role_words) or role_words[-1].lower() in JOURNALISM_ROLES)
    ):
        return split_names(cm.group("names"), single_ok=explicit)
    authors = split_names(head, single_ok=explicit)
    if authors:
        return authors
    if not explicit:
        return None
    # "By Tuesday, the river had risen" is body text, not a byline
    names = re.split(r",", head)[0]
    authors = split_names(names, single_ok=True) if not is_sentence(line) else []
    return authors or None
