"""Which kind of entity a name is, beyond the type the model gave it: a news
outlet (MEDIA) rather than a plain organisation, an organisation rather than a
person, a person rather than a place or body."""

from __future__ import annotations

import re

from spacy.tokens import Span

from ... import lexicon
from ...names import SLAVIC_SURNAME_RE

# A name with a media word or an outlet's name in it, or a web address, is a news outlet's.
MEDIA_NAME_RE = re.compile(
    r"\b(" + "|".join(re.escape(w) for w in lexicon.entries("media_words") + lexicon.entries("media_brands")) + r")\b"
    r"|\.(com|org|net|by|ua|ru|news)\b",
    re.I,
)
REPORTING_LEMMAS = lexicon.words("media_reporting_verbs")
# A word that makes a name an organisation's ("Cable Plant", "Lyra Estates").
ORG_WORD_RE = re.compile(
    r"\b(?:" + "|".join(re.escape(w) for w in lexicon.entries("organisation_words")) + r")\b", re.I
)


def is_media(name: str, span: Span | None) -> bool:
    """An organisation's name is a news outlet's, by its words or by what the sentence says it did."""
    return bool(MEDIA_NAME_RE.search(name)) or is_media_context(span)


def is_media_context(span: Span | None) -> bool:
    """The sentence makes the name a news outlet: "Reuters reported", "according to Interfax"."""
    if span is None:
        return False
    head = span.root
    if head.dep_ == "nsubj" and head.head.lemma_ in REPORTING_LEMMAS:
        return True
    return (
        head.dep_ == "pobj"
        and head.head.lower_ == "to"
        and head.head.i > 0
        and span.doc[head.head.i - 1].lower_ == "according"
    )


def person_shaped(text: str) -> bool:
    """Two or three capitalised words ending like a Slavic surname, with no
    organisation word: a person whatever the model typed it."""
    words = text.split()
    return (
        2 <= len(words) <= 3
        and all(w[:1].isupper() and w.replace("-", "").isalpha() for w in words)
        and not any(w.isupper() for w in words)
        and bool(SLAVIC_SURNAME_RE.search(words[-1]))
        and not ORG_WORD_RE.search(text)
    )
