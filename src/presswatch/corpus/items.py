"""The linker's view of stored article entities: `identity.Item`s read from the store.

An `ItemReader` lives for one link pass. It keeps each article's link keys (the
context of its entities) and country once read: an article's entities sit in
many blocks, and neither changes once the article is stored."""

from __future__ import annotations

import itertools
import json
import sqlite3
import sys
from collections import defaultdict
from collections.abc import Iterable

from ..names import is_generic_body
from ..places import article_country
from .identity import Item, Key

CONTEXT_ARTICLES = 50_000  # articles whose link keys a link pass keeps (about 140 MB)
CONTEXT_CHUNK = 5000  # articles read per query

# article -> (every link key of its entities, {local id: the keys only that entity has});
# tuples, made sets on use: a set of 25 keys takes ten times the memory
ArticleKeys = tuple[tuple[str, ...], dict[str, tuple[str, ...]]]


class ItemReader:
    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn
        self._article_keys: dict[str, ArticleKeys] = {}
        self._countries: dict[str, str | None] = {}

    def item(self, key: Key) -> Item | None:
        return self.items([key]).get(key)

    def items(self, keys: Iterable[Key]) -> dict[Key, Item]:
        """The linker's view of many article entities, read with a few queries per
        block, not three per entity: a popular entity's block holds tens of thousands."""
        keys = sorted(keys)
        payload = json.dumps([list(k) for k in keys])
        rows = {
            (r["article_id"], r["local_id"]): r
            for r in self.conn.execute(
                "SELECT ae.article_id, ae.local_id, ae.name, ae.type, ae.aliases, ae.roles,"
                " (SELECT a.seen FROM articles a WHERE a.id = ae.article_id) AS seen FROM json_each(?) j"
                " JOIN article_entities ae ON ae.article_id = j.value ->> 0 AND ae.local_id = j.value ->> 1",
                (payload,),
            )
        }
        counts = {
            (a, lo): n
            for a, lo, n in self.conn.execute(
                "SELECT m.article_id, m.local_id, count(*) FROM json_each(?) j JOIN mentions m"
                " ON m.article_id = j.value ->> 0 AND m.local_id = j.value ->> 1 GROUP BY m.article_id, m.local_id",
                (payload,),
            )
        }
        contexts = self.contexts([k for k in keys if k in rows])
        out: dict[Key, Item] = {}
        for key in keys:
            row = rows.get(key)
            if row is None:
                continue
            home = None
            if row["type"] in ("ORG", "MEDIA", "GPE", "NORP") and is_generic_body(row["name"]):
                home = self.article_country(key[0])
            out[key] = Item(
                key=key,
                name=row["name"],
                type=row["type"],
                aliases=tuple(json.loads(row["aliases"])),
                roles=tuple(json.loads(row["roles"])),
                context=contexts[key],
                mentions=counts.get(key, 0),
                home=home,
                seen=row["seen"],
            )
        return out

    def contexts(self, keys: list[Key]) -> dict[Key, frozenset[str]]:
        """Link keys of the other entities in each key's article.

        An article's keys are read once per link pass for all its entities, with one
        query per block for the articles not read yet; at most CONTEXT_ARTICLES
        articles are kept."""
        cache = self._article_keys
        needed = {a for a, _ in keys}
        missing = sorted(needed - cache.keys())
        if len(cache) + len(missing) > CONTEXT_ARTICLES:
            # a bounded memory: the older half goes, not what this block needs
            for old in [a for a in itertools.islice(cache, len(cache) // 2 + len(missing)) if a not in needed]:
                del cache[old]
        cache.update(self._read_article_keys(missing))
        out = {}
        for key in keys:
            everything, only = cache[key[0]]
            # every key of the article but those only this entity has: one set difference
            # (a union over the other entities was quadratic in a long article)
            out[key] = frozenset(everything).difference(only.get(key[1], ()))
        return out

    def _read_article_keys(self, articles: list[str]) -> dict[str, ArticleKeys]:
        read: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))  # article -> key -> its entities
        for i in range(0, len(articles), CONTEXT_CHUNK):
            for article, local, k in self.conn.execute(
                "SELECT l.article_id, l.local_id, l.key FROM json_each(?) j JOIN link_keys l ON l.article_id = j.value",
                (json.dumps(articles[i : i + CONTEXT_CHUNK]),),
            ):
                read[article][sys.intern(k)].add(local)  # interned: the same few keys recur in every article
        out: dict[str, ArticleKeys] = {}
        for article in articles:
            owners = read.get(article, {})
            only: dict[str, set[str]] = defaultdict(set)  # entity -> the keys no other entity of the article has
            for k, locals_ in owners.items():
                if len(locals_) == 1:
                    only[next(iter(locals_))].add(k)
            out[article] = (tuple(owners), {lo: tuple(ks) for lo, ks in only.items()})
        return out

    def article_country(self, article_id: str) -> str | None:
        """The country the article is about (for generic bodies such as 'Ministry of Finance')."""
        if article_id not in self._countries:
            head = self.conn.execute(
                "SELECT substr(text, 1, 6000) FROM articles WHERE id = ?", (article_id,)
            ).fetchone()
            self._countries[article_id] = article_country(head[0]) if head else None
        return self._countries[article_id]
