"""Grammatical gender of the people in one article, for "he"/"she" agreement.

Hand-written because spaCy 3.8 ships no coreference and no name-gender data,
and the name lists on PyPI are either GPL or hundreds of megabytes. Evidence
comes only from the article and the name's own form:
  - honorifics and gendered role nouns in mentions or roles (Mr., Mrs., spokeswoman);
  - Slavic and Baltic surname endings (-ova, -skaya, -ienė vs -ov, -sky);
  - possessives in sentences where the person is the only one named ("Trump ... his plan").
Unknown stays unknown: agreement then filters nothing."""

from __future__ import annotations

import re

from spacy.tokens import Doc

from ... import lexicon
from ...document import Entity

MALE_WORDS = lexicon.words("male_words")
FEMALE_WORDS = lexicon.words("female_words")
FEMALE_SURNAME_RE = re.compile(
    r"(ova|eva|yova|ina|ska|skaya|tskaya|ckaya|kaya|aya|ovna|evna|ienė|aitė|ytė|utė|iene|aite|yte)$", re.I
)
MALE_SURNAME_RE = re.compile(r"(ov|ev|sky|skiy|skyi|ovich|evich)$", re.I)
MALE_PRONOUNS = {"his", "him", "himself", "he"}
FEMALE_PRONOUNS = {"her", "hers", "herself", "she"}

Votes = list[int]  # [evidence for 'm', evidence for 'f']


def infer_genders(doc: Doc, entities: list[Entity]) -> dict[str, str]:
    """{entity id: 'm' | 'f'} for the persons the article gives evidence about."""
    votes: dict[str, Votes] = {}
    person_at: dict[int, str] = {}  # token index -> person entity id
    for ent in entities:
        if ent.type != "PERSON":
            continue
        _vote_by_name(votes.setdefault(ent.id, [0, 0]), ent)
        for m in ent.mentions:
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is not None:
                for tok in span:
                    person_at[tok.i] = ent.id
    _vote_by_possessives(doc, person_at, votes)
    genders = {}
    for eid, (male, female) in votes.items():
        if male > female:
            genders[eid] = "m"
        elif female > male:
            genders[eid] = "f"
    return genders


def _vote_by_name(v: Votes, ent: Entity) -> None:
    """Honorifics and role nouns in the mentions and roles count twice; a surname ending once."""
    words = {w.lower().strip(",") for text in [m.text for m in ent.mentions] + ent.roles for w in text.split()}
    v[0] += 2 * len(words & MALE_WORDS)
    v[1] += 2 * len(words & FEMALE_WORDS)
    surname = ent.name.split()[-1] if ent.name.split() else ""
    if len(surname) > 4 and not surname.isupper():
        if FEMALE_SURNAME_RE.search(surname):
            v[1] += 1
        elif MALE_SURNAME_RE.search(surname):
            v[0] += 1


def _vote_by_possessives(doc: Doc, person_at: dict[int, str], votes: dict[str, Votes]) -> None:
    """Possessives and reflexives in sentences that name exactly one person
    ("Trump ... his plan"): the person is the sentence's subject and the only one named."""
    for sent in doc.sents:
        ids = {person_at[t.i] for t in sent if t.i in person_at}
        if len(ids) != 1:
            continue
        (eid,) = ids
        if not any(t.i in person_at and t.dep_ in ("nsubj", "nsubjpass") for t in sent):
            continue
        for tok in sent:
            if tok.tag_ == "PRP$" or tok.lower_ in ("himself", "herself"):
                if tok.lower_ in ("his", "himself"):
                    votes[eid][0] += 1
                elif tok.lower_ in ("her", "herself"):
                    votes[eid][1] += 1


def pronoun_gender(word: str) -> str | None:
    """'m' for "he", "his", ...; 'f' for "she", "her", ...; None for any other word."""
    low = word.lower()
    return "m" if low in MALE_PRONOUNS else "f" if low in FEMALE_PRONOUNS else None
