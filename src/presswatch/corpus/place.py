"""Placing one new article entity without re-clustering its block: the link pass's fast path.

Input: a pending article entity (an `identity.Item`) from an article stored after
everything already linked. Output: the corpus entity `identity.cluster` would put it
in if its whole block were clustered again (`Join`), a new entity of its own
(`Alone`), or None when that cannot be told from the few rows it reaches (then the
link pass re-clusters the block).

Why it gives the bulk result (docs/identity.md, "Linking a few new articles"):
the clustering of a block depends on its distinct spellings (full names, bodies),
and a partial name ("A. Kavaliou", "Kavaliou") depends on the spellings that share
its surname key and on its candidates' first anchors from articles no newer than
its own. So a new article entity whose spelling is already linked changes no other
decision: a full name or a body goes where its spelling is; a partial name is
decided against the candidates its keys reach. Anything else (a new spelling, a
human judgement nearby, a body whose country is its article's, an article seen
before, a new namesake by initials) is left to the block."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass

from .identity import (
    PROFILE_ANCHORS,
    Form,
    Item,
    Key,
    forms_agree,
    is_full,
    is_generic,
    is_single,
    person_form,
    person_keys,
    profile,
    role_words,
    single_is_person,
)
from .items import ItemReader


@dataclass(frozen=True)
class Join:
    entity: str


@dataclass(frozen=True)
class Alone:
    pass


Placement = Join | Alone | None

# a spelling as stored: (name, type, aliases JSON)
Spelling = tuple[str, str, str]


class Placer:
    """One per link pass: what it read about spellings and entities is kept for the pass."""

    def __init__(self, conn: sqlite3.Connection, reader: ItemReader):
        self.conn = conn
        self.reader = reader
        # articles up to this first-seen order have linked entities: an entity pending in
        # one of them may be evidence for decisions already taken, so its block decides
        row = conn.execute(
            "SELECT max(a.seen) FROM articles a WHERE EXISTS"
            " (SELECT 1 FROM article_entities ae WHERE ae.article_id = a.id AND ae.entity_id IS NOT NULL)"
        ).fetchone()
        self.linked_upto = row[0] or 0
        self.judged: set[Key] = set()
        for a, alo, b, blo in conn.execute("SELECT a_article, a_local, b_article, b_local FROM judgements"):
            self.judged.add((a, alo))
            if b is not None:
                self.judged.add((b, blo))
        self._named: dict[str, list[tuple[Form, frozenset[str], Spelling]]] = {}

    def place(self, item: Item) -> Placement:
        if item.seen <= self.linked_upto or item.key in self.judged:
            return None
        spelling = self._spelling(item.key)
        mates = self.entities_of(spelling)
        if not mates:
            return None  # a new spelling: it may change the block's clusters
        if item.family != "P" and not is_single(item):
            return self._join_body(item, mates)
        own = person_keys(item.names)
        named = [n for key in sorted(own) for n in self._named_under(key)]
        if is_single(item) and not single_is_person(item, [(f, ks) for f, ks, _ in named]):
            return self._join_body(item, mates)
        form = person_form(item)
        if is_full(form):
            return self._join(mates)
        fuller = is_full if form[0] else (lambda f: bool(f[0]))
        candidates: set[str] = set()
        for f, ks, sp in named:
            if fuller(f) and ks & own and forms_agree(form, f):
                candidates |= self.entities_of(sp)
        if not candidates:
            return self._join(mates)  # with the others of its spelling, which nothing fits either
        if self._judged_in(candidates):
            return None
        if len(candidates) == 1:
            return Join(next(iter(candidates)))
        choice = self._choose(item, sorted(candidates))
        if choice is not None:
            return Join(choice)
        # ambiguous: alone; initials alone are a new candidate for bare surnames
        return None if form[0] else Alone()

    def _join_body(self, item: Item, mates: set[str]) -> Placement:
        if is_generic(item):
            return None  # its country is its article's: it may be a body of its own
        return self._join(mates)

    def _join(self, mates: set[str]) -> Placement:
        if len(mates) != 1 or self._judged_in(mates):
            return None
        return Join(next(iter(mates)))

    def _judged_in(self, entity_ids: set[str]) -> bool:
        if not self.judged:
            return False
        return any(
            r[0] in entity_ids
            for r in self.conn.execute(
                "SELECT ae.entity_id FROM json_each(?) j JOIN article_entities ae"
                " ON ae.article_id = j.value ->> 0 AND ae.local_id = j.value ->> 1",
                (json.dumps(sorted(self.judged)),),
            )
        )

    def _spelling(self, key: Key) -> Spelling:
        row = self.conn.execute(
            "SELECT name, type, aliases FROM article_entities WHERE article_id = ? AND local_id = ?", key
        ).fetchone()
        return row[0], row[1], row[2]

    def entities_of(self, spelling: Spelling) -> set[str]:
        """The corpus entities holding linked article entities of this spelling: one index
        seek per entity, not a read of every article that spells it so."""
        found: set[str] = set()
        last = ""
        while True:
            row = self.conn.execute(
                "SELECT entity_id FROM article_entities INDEXED BY article_entities_names"
                " WHERE name = ? AND type = ? AND aliases = ? AND entity_id > ? ORDER BY entity_id LIMIT 1",
                (*spelling, last),
            ).fetchone()
            if row is None:
                return found
            last = row[0]
            found.add(last)

    def _named_under(self, key: str) -> list[tuple[Form, frozenset[str], Spelling]]:
        """The person spellings with a given name or initial under one surname key."""
        if key not in self._named:
            out = []
            for name, etype, aliases in self.conn.execute(
                "SELECT name, type, aliases FROM link_names WHERE key = ? AND type = 'PERSON'", (key,)
            ):
                stub = Item(key=("", ""), name=name, type=etype, aliases=tuple(json.loads(aliases)))
                form = person_form(stub)
                if form[0] and form[1]:
                    out.append((form, person_keys(stub.names), (name, etype, aliases)))
            self._named[key] = out
        return self._named[key]

    def _choose(self, item: Item, candidates: list[str]) -> str | None:
        """As `identity.cluster` chooses between namesakes, from each candidate's anchors."""
        words = role_words(item.roles)
        scores = []
        for ent_id in candidates:
            context, roles = profile(item, self._anchors(ent_id, item.seen))
            scores.append((len(item.context & context) + len(words & roles), ent_id))
        scores.sort(reverse=True)
        if scores[0][0] > 0 and scores[0][0] > scores[1][0]:
            return scores[0][1]
        return None

    def _anchors(self, ent_id: str, seen: int) -> list[Item]:
        """The members a candidate is known by (`identity.anchors_of`), as far as `profile`
        reads them for an item first seen at `seen`: members are read in key order until
        PROFILE_ANCHORS full names no newer than it are found."""
        full: list[tuple[Key, str, str, str, str, int]] = []
        named: list[tuple[Key, str, str, str, str, int]] = []
        any_full = False
        rows = self.conn.execute(
            "SELECT ae.article_id, ae.local_id, ae.name, ae.type, ae.aliases, ae.roles,"
            " (SELECT a.seen FROM articles a WHERE a.id = ae.article_id)"
            " FROM article_entities ae INDEXED BY article_entities_entity_article"
            " WHERE ae.entity_id = ? ORDER BY ae.article_id",
            (ent_id,),
        )
        article = None
        for a, lo, name, etype, aliases, roles, a_seen in rows:
            if a != article and len(full) >= PROFILE_ANCHORS:
                break  # enough, and the article before is read whole (local ids sort within it)
            article = a
            form = person_form(Item(key=(a, lo), name=name, type=etype, aliases=tuple(json.loads(aliases))))
            row = ((a, lo), name, etype, aliases, roles, a_seen)
            if is_full(form):
                any_full = True
                if a_seen <= seen:
                    full.append(row)
            elif form[0] and a_seen <= seen:
                named.append(row)
        chosen = sorted(full if any_full else named)
        contexts = self.reader.contexts([r[0] for r in chosen])
        return [
            Item(
                key=k,
                name=name,
                type=etype,
                aliases=tuple(json.loads(aliases)),
                roles=tuple(json.loads(roles)),
                context=contexts[k],
                seen=a_seen,
            )
            for k, name, etype, aliases, roles, a_seen in chosen
        ]
