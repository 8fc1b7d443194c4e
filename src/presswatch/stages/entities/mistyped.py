"""Mentions the model typed wrong, given back once every name of the article is
known: persons it tagged as places or organisations, bodies it tagged as persons.

Input: the linker's person and other clusters. Output: the other clusters that
stay bodies or places; persons are updated in place."""

from __future__ import annotations

from ...names import CYRILLIC_RE, SLAVIC_SURNAME_RE, name_tokens, org_match, person_match
from .cluster import Cluster, Found
from .kinds import ORG_WORD_RE
from .roles import mention_name


def return_mistyped_persons(persons: list[Cluster], others: list[Cluster]) -> list[Cluster]:
    """Give back to persons the mentions the model typed as places or organisations.

    - one word equal to a named person's surname ("Haurylau" beside "Aleh Haurylau");
    - a name that contains a named person's full name ("Industry Oleg Gavrilov");
    - a two- or three-word name ending like a Slavic surname, with no
      organisation word ("Natallia Sidarenka" tagged ORG) becomes a person.

    Then persons named like bodies become bodies, and surnames left alone join
    their person."""
    full = [c for c in persons if len(c.tokens) >= 2]
    kept = []
    for c in others:
        target = _person_of(c, persons, full) if c.type in ("ORG", "GPE", "NORP") else None
        if target is None:
            kept.append(c)
        else:
            target.mentions.extend(c.mentions)
    _persons_named_as_bodies(persons, full, kept)
    _lone_surnames_join(persons, full)
    return kept


def _person_of(c: Cluster, persons: list[Cluster], full: list[Cluster]) -> Cluster | None:
    """The person a place or organisation cluster really names, if any (a new one
    for a Slavic-shaped name of no one known, added to `persons` and `full`)."""
    names = {m[3] for m in c.mentions}
    cyr = any(CYRILLIC_RE.search(n) for n in names)
    if all(len(name_tokens(n)) == 1 for n in names):
        toks = {name_tokens(n) for n in names}
        matches = [p for p in full if all(person_match(p.tokens, t, inflected=cyr or p.cyrillic) for t in toks)]
        if len(matches) == 1 and all(
            SLAVIC_SURNAME_RE.search(n) or (n[:1].isupper() and c.type != "GPE") for n in names
        ):
            return matches[0]
        return None
    if not all(2 <= len(name_tokens(n)) <= 4 for n in names) or any(ORG_WORD_RE.search(n) for n in names):
        return None
    tails = {name_tokens(n)[-2:] for n in names}
    matches = [p for p in full if all(person_match(p.tokens, t, inflected=cyr or p.cyrillic) for t in tails)]
    if len(matches) == 1:
        return matches[0]
    if (
        not matches
        and c.type in ("ORG", "GPE")
        and all(SLAVIC_SURNAME_RE.search(n.split()[-1]) and all(w[:1].isupper() for w in n.split()) for n in names)
    ):
        c.mentions = [_as_person_mention(m) for m in c.mentions]
        longest = max((m[3] for m in c.mentions), key=len)
        target = Cluster(type="PERSON", tokens=name_tokens(longest))
        persons.append(target)
        full.append(target)
        return target
    return None


def _as_person_mention(m: Found) -> Found:
    """A mention re-read as a person's name: 'Industry Oleg Gavrilov' -> 'Oleg Gavrilov'."""
    start, end, text, _ = m
    name, _title = mention_name(text, "PERSON")
    if name and text.endswith(name):
        return (end - len(name), end, name, name)
    return (start, end, text, name or text)


def _named_as_body(p: Cluster) -> bool:
    """ "Brennan Capital" tagged PERSON: a name with an organisation word is a body,
    and so are its short forms ("Lyra" for "Lyra Estates")."""
    bodies = [m[3] for m in p.mentions if ORG_WORD_RE.search(m[3]) and len(m[3].split()) >= 2]
    return bool(bodies) and all(m[3] in bodies or any(b.startswith(m[3] + " ") for b in bodies) for m in p.mentions)


def _persons_named_as_bodies(persons: list[Cluster], full: list[Cluster], kept: list[Cluster]) -> None:
    """Persons named like bodies become bodies (or join the body of that name)."""
    for p in [p for p in persons if _named_as_body(p)]:
        persons.remove(p)
        if p in full:
            full.remove(p)
        same = next(
            (c for c in kept if c.type in ("ORG", "MEDIA") and org_match(c.mentions[0][3], p.mentions[0][3])), None
        )
        if same is not None:
            same.mentions.extend(p.mentions)
        else:
            p.type = "ORG"
            kept.append(p)


def _lone_surnames_join(persons: list[Cluster], full: list[Cluster]) -> None:
    """Surnames left alone earlier may now have their person."""
    for bare in [p for p in persons if len(p.tokens) == 1]:
        matches = [p for p in full if person_match(p.tokens, bare.tokens, inflected=bare.cyrillic or p.cyrillic)]
        if len(matches) == 1:
            matches[0].mentions.extend(bare.mentions)
            persons.remove(bare)
