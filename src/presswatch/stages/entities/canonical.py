"""From clusters to the stage's output: one `Entity` per cluster, numbered in
order of first mention, with a canonical name and the other names as aliases,
and the index from a mention's offsets to its entity's id."""

from __future__ import annotations

from collections import Counter

from ...document import Entity, Mention
from .cluster import Cluster


def to_entities(clusters: list[Cluster]) -> tuple[list[Entity], dict[tuple[int, int], str]]:
    """The entities, in order of first mention, and {(start, end): entity id}."""
    entities: list[Entity] = []
    index: dict[tuple[int, int], str] = {}
    for n, c in enumerate(sorted(clusters, key=lambda c: min(m[0] for m in c.mentions)), 1):
        c.mentions.sort()
        ent_id = f"e{n}"
        names = [m[3] for m in c.mentions]
        canonical = canonical_name(names, c.type)
        aliases: list[str] = []
        for nm in names:
            if nm != canonical and nm not in aliases:
                aliases.append(nm)
        entities.append(
            Entity(
                id=ent_id,
                name=canonical,
                type=c.type,
                aliases=aliases,
                roles=c.roles,
                mentions=[Mention(start=s, end=e, text=t) for s, e, t, _ in c.mentions],
            )
        )
        for s, e, _, _ in c.mentions:
            index[(s, e)] = ent_id
    return entities, index


def canonical_name(names: list[str], etype: str) -> str:
    """The fullest Latin-script form; ties go to the most frequent, then the first."""
    counts = Counter(names)
    first: dict[str, int] = {}
    for i, nm in enumerate(names):
        first.setdefault(nm, i)
    return max(counts, key=lambda nm: _rank(nm, etype, counts[nm], first[nm]))


def _rank(name: str, etype: str, count: int, first: int) -> tuple[bool, bool, int, int, int]:
    """How good a canonical name `name` is (higher is better): Latin script, not
    shouting, longest (in words for a person), most frequent, earliest."""
    latin = all(ord(ch) < 0x250 for ch in name if ch.isalpha())
    shouting = (any(w.isupper() and len(w) > 2 for w in name.split()) and not name.isupper()) or (
        etype == "PERSON" and name.isupper()
    )
    return (latin, not shouting, len(name.split()) if etype == "PERSON" else len(name), count, -first)
