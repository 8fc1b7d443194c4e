"""The working form of an entity while an article is linked: a cluster of
mentions with a type, the roles gathered from them and, for a person, the
fullest name's tokens."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span

from ...names import CYRILLIC_RE
from .roles import clean_role, roles_from_context

# A mention: start and end offsets, the text as written, and the name it gives
# (the text without title, possessive or leading "the").
Found = tuple[int, int, str, str]


@dataclass
class Cluster:
    type: str
    mentions: list[Found] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    tokens: tuple[str, ...] = ()  # longest name tokens (persons)

    @property
    def cyrillic(self) -> bool:
        """Named in Cyrillic, where surnames are declined ("Ковалёва" = of Ковалёв)."""
        return any(CYRILLIC_RE.search(m[3]) for m in self.mentions)

    def add_mention(self, start: int, end: int, text: str, name: str, title: str | None, span: Span | None) -> None:
        """A mention, with the title it carried and the roles around it."""
        self.mentions.append((start, end, text, name))
        if title:
            self.add_role(title)
        if span is not None:
            for role in roles_from_context(span):
                self.add_role(role)

    def add_role(self, role: str) -> None:
        role = clean_role(role)
        if role and len(role) > 2 and role.lower() not in {r.lower() for r in self.roles} and not role[0].isdigit():
            self.roles.append(role)

    def overlaps(self, start: int, end: int) -> bool:
        """One of the mentions overlaps the characters start..end."""
        return any(s < end and start < e for s, e, _, _ in self.mentions)

    def drop_overlapping(self, start: int, end: int) -> None:
        """Forget the mentions that overlap start..end (another entity's name is there)."""
        self.mentions = [m for m in self.mentions if not (m[0] < end and start < m[1])]


def non_empty(clusters: list[Cluster]) -> None:
    """Drop, in place, the clusters whose mentions all went to others."""
    clusters[:] = [c for c in clusters if c.mentions]
