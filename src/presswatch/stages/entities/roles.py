"""Titles and roles of persons: "President" in "President Lukashenko", "Kremlin
spokesman" in "Kremlin spokesman Dmitry Peskov", "the Kremlin spokesman" after
"Peskov,".

Input: a mention's text, or its spaCy span. Output: the name without its title,
the title, and the roles around the mention (for `Entity.roles`)."""

from __future__ import annotations

import re

from rigour.names import remove_person_prefixes
from spacy.tokens import Span

from ... import lexicon
from ...names import POSSESSIVE_RE

# Titles before a name ("Deputy Prime Minister"): one or more, each followed by space.
TITLE_RE = re.compile(r"^(?:(?:" + "|".join(re.escape(t) for t in lexicon.entries("person_titles")) + r")\s+)+", re.I)
# The kinds of portfolio a title names ("Minister of Industry", "Energy Minister").
PORTFOLIOS = lexicon.words("title_portfolios")
# Dependencies that attach a title to a name: "Kremlin spokesman Peskov", "Belarusian leader Lukashenko".
ROLE_DEPS = {"compound", "amod", "nmod", "poss", "nn"}


def mention_name(text: str, label: str) -> tuple[str, str | None]:
    """Canonical-ready name of a mention and the title it carried ('President')."""
    text = POSSESSIVE_RE.sub("", text.strip())
    if label != "PERSON":
        return re.sub(r"^(?:the)\s+", "", text, flags=re.I).strip(" ,.;:"), None
    text, title = _strip_title(text)
    text = text.strip(" ,.;:")
    # "Minister of Industry Oleg Gavrilov" leaves "Industry Oleg Gavrilov": the
    # portfolio before a full name belongs to the title
    words = text.split()
    while len(words) >= 3 and words[0].lower() in PORTFOLIOS:
        title = f"{title} {words[0]}".strip() if title else words[0]
        words = words[1:]
    return " ".join(words), title


def _strip_title(text: str) -> tuple[str, str | None]:
    """A person's name without the title written before it, and that title."""
    m = TITLE_RE.match(text)
    if m and m.end() < len(text):
        return text[m.end() :], m.group().strip()
    stripped = remove_person_prefixes(text)
    if stripped and stripped != text and text.endswith(stripped):
        return stripped, text[: len(text) - len(stripped)].strip()
    return text, None


def clean_role(role: str) -> str:
    """A role as kept: one line, no edge punctuation, no leading article or possessive."""
    role = " ".join(role.split()).strip(" ,.;:-–—")
    return re.sub(r"^(?:the|a|an|his|her|their|its)\s+", "", role, flags=re.I)


def roles_from_context(span: Span) -> list[str]:
    """Titles and appositions around a person mention: 'Kremlin spokesman Dmitry Peskov', 'Peskov, the Kremlin spokesman,'."""
    roles = []
    head = span.root
    left = [t for t in head.lefts if t.i < span.start and t.dep_ in ROLE_DEPS and t.ent_type_ not in ("PERSON",)]
    if left:
        first = min(t.left_edge.i for t in left)
        role = span.doc[first : span.start]
        if any(t.pos_ in ("NOUN", "PROPN") for t in role) and not any(t.ent_type_ == "PERSON" for t in role):
            roles.append(role.text)
    for child in head.rights:
        if child.dep_ == "appos" and child.i >= span.end and child.ent_type_ != "PERSON":
            sub = span.doc[child.left_edge.i : child.right_edge.i + 1]
            if len(sub) <= 12 and any(t.pos_ == "NOUN" for t in sub):
                roles.append(sub.text)
    if head.dep_ == "appos" and head.head.ent_type_ != "PERSON" and head.head.pos_ == "NOUN":
        h = head.head
        sub = span.doc[h.left_edge.i : h.i + 1]
        if len(sub) <= 8:
            roles.append(sub.text)
    return roles
