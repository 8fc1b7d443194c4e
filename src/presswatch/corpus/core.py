"""The corpus: analysed articles kept in one SQLite store, linked across articles.

    >>> from presswatch import Corpus
    >>> corpus = Corpus("presswatch.db")          # or $PRESSWATCH_DB, or ./presswatch.db
    >>> corpus.ingest(["articles/"], workers=2)
    >>> corpus.dossier("Лукашэнка")                # any alias, any script
    >>> corpus.quotes(speaker="Lukashenko", since="2026-01-01")
    >>> corpus.search("Лукашенко")

Ingest is the chain analyse -> store -> link -> group. Each article is stored in
its own transaction with its link keys and LSH buckets; linking then re-clusters
only the blocks that new articles touched. An article entity whose corpus
entity is still NULL is "pending", so a run killed half-way finishes the work
when it is run again, and ends in the same database as an uninterrupted run."""

from __future__ import annotations

import hashlib
import itertools
import json
import os
import re
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from rigour.text import ascii_text

from . import grouping, identity, store
from ..document import Document, content_id
from .identity import Item, Key
from ..io import Input, iter_paths, read_source
from ..names import fold, is_generic_body
from ..places import article_country

DEFAULT_DB = "presswatch.db"
# From this many articles on, an entity's quote counts are kept at link time
# (`entities.stats`) instead of being counted for every dossier.
STATS_MIN_ARTICLES = 150
LINK_COMMIT_SECONDS = 1.0
CONTEXT_ARTICLES = 50_000  # articles whose link keys a link pass keeps (about 140 MB)


class CorpusError(Exception):
    """A user-facing problem: unknown or ambiguous name, bad argument."""


class AmbiguousName(CorpusError):
    def __init__(self, name: str, candidates: list[dict]):
        self.name, self.candidates = name, candidates
        listing = "; ".join(f"{c['id']} {c['name']} ({c['type']}, {c['articles']} articles)" for c in candidates)
        super().__init__(f"'{name}' could be several entities: {listing}")


def default_db_path() -> Path:
    return Path(os.environ.get("PRESSWATCH_DB") or DEFAULT_DB)


def input_id(inp: Input) -> str:
    """The content id `analyze` gives this input (hash of its bytes)."""
    return content_id(inp.raw if inp.raw is not None else inp.source.encode("utf-8", "replace"))


def entity_id_for(key: Key) -> str:
    """Corpus entity ids: a hash of the cluster's first article entity, so the
    same clusters always get the same ids."""
    return "E" + hashlib.sha256(f"{key[0]}:{key[1]}".encode()).hexdigest()[:10]


def entity_search_rowid(entity_id: str) -> int:
    """The search row of a corpus entity: a negative number derived from its id.

    Articles and quotes take the next positive rowids in ingest order; entity
    rows come and go whenever a block is re-linked, so they get rowids of their
    own that do not depend on when they were written (a resumed ingest ends with
    the same rows as an uninterrupted one) and can be deleted by rowid instead
    of scanning the unindexed kind/ref columns."""
    return -1 - int(entity_id[1:], 16)


def name_key(name: str) -> str:
    """Folded lookup key of a whole name: 'Лукашэнка' -> 'lukashenka'."""
    return " ".join(fold(t) for t in re.split(r"[\s\-]+", name) if fold(t))


_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]+(?:[\s\-]+[^\x00-\x7f]+)*")


def _latin(text: str) -> str:
    """ASCII transliteration for the search index, only where it adds something.

    Only the non-ASCII runs (words and the phrases they form) are
    transliterated: ASCII is its own transliteration, and rigour's
    transliterator costs ~10 µs per character of the whole string, which made
    it the biggest cost of storing an article that quotes one Cyrillic name."""
    if not re.search(r"[^\x00-\u024F\u2000-\u206F]", text):
        return ""
    return _NON_ASCII_RUN.sub(lambda m: ascii_text(m.group()), text)


class Corpus:
    def __init__(self, path: str | Path | None = None, *, readonly: bool = False):
        self.path = Path(path) if path is not None else default_db_path()
        self.readonly = readonly
        self.conn = store.open_db(self.path, readonly=readonly)
        self._link_cache: dict = {}  # per link pass (see _contexts)
        if not readonly:
            self._refresh_old_stats()  # a store just migrated from before migration 0010

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Corpus:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # ------------------------------------------------------------------ ingest

    def ingest(
        self,
        paths: Iterable[str],
        *,
        workers: int = 1,
        on_document: Callable[[Document | None, str, str], None] | None = None,
    ) -> dict:
        """Analyse and store articles, then link and group them.

        `on_document(doc, source, status)` is called once per input, status one
        of 'new', 'unchanged', 'failed'. Returns counts per status."""
        counts = Counter({"new": 0, "unchanged": 0, "failed": 0})
        self.link()  # finish what an interrupted run left pending

        def todo() -> Iterator[Input]:
            for source in iter_paths(paths):
                # 'a/x.txt', './a/x.txt' and 'a//x.txt' are one source, not three
                source = source if source == "-" else os.path.normpath(source)
                inp = read_source(source)
                if inp.error is None:
                    cid = input_id(inp)
                    error = store.failure(self.conn, source, cid)
                    if error is not None:  # analysed before and failed: say so again, don't retry
                        counts["failed"] += 1
                        if on_document:
                            on_document(Document(id=cid, source=source, error=error), source, "failed")
                        continue
                    if store.current(self.conn, source) == cid:
                        counts["unchanged"] += 1
                        if on_document:
                            on_document(None, source, "unchanged")
                        continue
                yield inp

        from ..pipeline import analyze_many  # spaCy loads only when there is something to analyse

        for doc in analyze_many(todo(), workers=workers):
            with store.transaction(self.conn):
                wrote = store.store_document(self.conn, doc)
                if doc.error is None and wrote:
                    self._index_article(doc)
            # nothing written: another ingest (or an earlier copy in this batch) got there first
            status = "failed" if doc.error else ("new" if wrote else "unchanged")
            counts[status] += 1
            if on_document:
                on_document(doc, doc.source, status)
        self.link()
        return dict(counts)

    def add_documents(self, docs: Iterable[Document], *, link: bool = True) -> int:
        """Store already-analysed Documents (benchmarks, imports). Returns how many were new."""
        new = 0
        for doc in docs:
            with store.transaction(self.conn):
                if store.known(self.conn, doc.source, doc.id):
                    continue
                store.store_document(self.conn, doc)
                if doc.error is None:
                    self._index_article(doc)
                new += 1
        if link:
            self.link()
        return new

    def _index_article(self, doc: Document) -> None:
        """Link keys, search rows and near-duplicate / story groups of a newly stored article."""
        c = self.conn
        if c.execute("SELECT 1 FROM article_groups WHERE article_id = ?", (doc.id,)).fetchone():
            return  # the same content seen before under another source
        entity_keys: set[str] = set()
        for e in doc.entities:
            item = Item(key=(doc.id, e.id), name=e.name, type=e.type, aliases=tuple(e.aliases))
            keys = identity.link_keys(item)
            entity_keys |= keys
            c.executemany(
                "INSERT OR IGNORE INTO link_keys (key, article_id, local_id) VALUES (?, ?, ?)",
                [(k, doc.id, e.id) for k in sorted(keys)],
            )
        title = doc.title or ""
        c.execute(
            "INSERT INTO search (kind, ref, title, body, latin) VALUES ('article', ?, ?, ?, ?)",
            (doc.id, title, doc.text, _latin(doc.text)),
        )
        for n, q in enumerate(doc.quotes):
            speaker = q.speaker.name if q.speaker else ""
            c.execute(
                "INSERT INTO search (kind, ref, title, body, latin) VALUES ('quote', ?, ?, ?, ?)",
                (f"{doc.id}:{n}", speaker, q.content, _latin(speaker + " " + q.content)),
            )
        self._group(doc, entity_keys)

    def _group(self, doc: Document, entity_keys: set[str]) -> None:
        c = self.conn
        shingles = grouping.shingle_signature(doc.text)
        topics = grouping.topic_signature(doc.text, entity_keys)
        labels = {}
        for kind, sig, bands, rows, threshold in (
            ("dup", shingles, grouping.DUP_BANDS, grouping.DUP_ROWS, grouping.DUP_THRESHOLD),
            ("story", topics, grouping.STORY_BANDS, grouping.STORY_ROWS, grouping.STORY_THRESHOLD),
        ):
            bucket_ids = grouping.buckets(sig, bands, rows)
            column, col_sig = ("dup_group", "shingles") if kind == "dup" else ("story", "topics")
            found = {doc.id}
            candidates = set()
            for i in range(0, len(bucket_ids), 500):
                chunk = bucket_ids[i : i + 500]
                marks = ",".join("?" * len(chunk))
                candidates |= {
                    r[0]
                    for r in c.execute(
                        f"SELECT DISTINCT article_id FROM lsh_buckets WHERE kind = ? AND bucket IN ({marks})",
                        (kind, *chunk),
                    )
                }
            ordered = sorted(candidates)
            for i in range(0, len(ordered), 500):  # one query per 500 candidates, not one each
                chunk = ordered[i : i + 500]
                for row in c.execute(
                    f"SELECT g.{col_sig}, g.{column}, a.published, g.article_id FROM article_groups g"
                    f" JOIN articles a ON a.id = g.article_id WHERE g.article_id IN ({','.join('?' * len(chunk))})",
                    chunk,
                ):
                    if grouping.similarity(row[0], sig) < threshold:
                        continue
                    if kind == "story" and not (
                        grouping.close_in_time(row[2], doc.published) and self._share_a_name(row[3], entity_keys)
                    ):
                        continue
                    found.add(row[1])
            label = min(found)
            labels[column] = (label, found - {doc.id})
            c.executemany(
                "INSERT OR IGNORE INTO lsh_buckets (kind, bucket, article_id) VALUES (?, ?, ?)",
                [(kind, b, doc.id) for b in bucket_ids],
            )
        c.execute(
            "INSERT INTO article_groups (article_id, shingles, topics, dup_group, story) VALUES (?, ?, ?, ?, ?)",
            (doc.id, shingles.tobytes(), topics.tobytes(), labels["dup_group"][0], labels["story"][0]),
        )
        for column, (label, others) in labels.items():
            for other in sorted(others):
                if other != label:
                    c.execute(f"UPDATE article_groups SET {column} = ? WHERE {column} = ?", (label, other))

    def _share_a_name(self, article_id: str, keys: set[str]) -> bool:
        """One story needs at least one person or organisation in common, not just words."""
        names = {k for k in keys if k.startswith(("P:", "O:"))}
        return any(
            k in names for (k,) in self.conn.execute("SELECT key FROM link_keys WHERE article_id = ?", (article_id,))
        )

    # ------------------------------------------------------------------ link

    def link(self, *, everything: bool = False) -> int:
        """Re-cluster the blocks holding pending article entities (all blocks with
        `everything`). Returns the number of blocks re-clustered."""
        c = self.conn
        if self.readonly:
            return 0
        if everything:
            with store.transaction(c):
                c.execute("DELETE FROM entity_names")
                c.execute("DELETE FROM search WHERE kind = 'entity'")
                c.execute("UPDATE article_entities SET entity_id = NULL")
                c.execute("DELETE FROM entities")
        blocks = 0
        self._link_cache = {}
        row = ()
        while row is not None:
            # Blocks are committed together, about a second's work at a time: a commit
            # per block spent most of a big link pass in WAL commits and checkpoints.
            # An interrupted pass loses at most that second; the rest resumes.
            with store.transaction(c):
                started = time.monotonic()
                while time.monotonic() - started < LINK_COMMIT_SECONDS:
                    row = c.execute(
                        "SELECT ae.article_id, ae.local_id FROM article_entities ae WHERE ae.entity_id IS NULL LIMIT 1"
                    ).fetchone()
                    if row is None:
                        break
                    self._relink(self._block((row[0], row[1])))
                    blocks += 1
        self._link_cache = {}
        if blocks:
            self._drop_orphans()
        self._refresh_old_stats()
        return blocks

    def _refresh_old_stats(self) -> None:
        """Stats kept by a presswatch before article counts and timelines were kept too."""
        c = self.conn
        stale = [
            r[0]
            for r in c.execute(
                "SELECT id FROM entities WHERE stats IS NOT NULL AND json_extract(stats, '$.timeline') IS NULL"
            )
        ]
        if stale:
            with store.transaction(c):
                for eid in stale:
                    self._store_stats(eid)

    def _drop_orphans(self) -> None:
        """Corpus entities no article entity points to any more (their members were re-clustered)."""
        c = self.conn
        with store.transaction(c):
            self._unlink(
                [
                    r[0]
                    for r in c.execute(
                        "SELECT id FROM entities e WHERE NOT EXISTS (SELECT 1 FROM article_entities ae WHERE ae.entity_id = e.id)"
                    )
                ]
            )

    def _block(self, start: Key) -> set[Key]:
        """Every article entity connected to `start` through shared link keys or judgements."""
        c = self.conn
        members: set[Key] = set()
        seen_keys: set[str] = set()
        todo = [start]
        while todo:
            key = todo.pop()
            if key in members:
                continue
            members.add(key)
            for (k,) in c.execute("SELECT key FROM link_keys WHERE article_id = ? AND local_id = ?", key):
                if k in seen_keys:
                    continue
                seen_keys.add(k)
                todo.extend(
                    (a, lo) for a, lo in c.execute("SELECT article_id, local_id FROM link_keys WHERE key = ?", (k,))
                )
            for a, lo, b, blo in c.execute(
                "SELECT a_article, a_local, b_article, b_local FROM judgements WHERE b_article IS NOT NULL AND "
                "((a_article = ? AND a_local = ?) OR (b_article = ? AND b_local = ?))",
                (*key, *key),
            ):
                todo.extend([(a, lo), (b, blo)])
        return members

    def _relink(self, members: set[Key]) -> None:
        c = self.conn
        found = self._items(members)
        items = [found[k] for k in sorted(found)]
        same, different, names = [], [], {}
        for n, kind, a, alo, b, blo, value in c.execute(
            "SELECT n, kind, a_article, a_local, b_article, b_local, value FROM judgements ORDER BY n"
        ):
            if (a, alo) not in members and (b, blo) not in members:
                continue
            if kind == "same":
                same.append(((a, alo), (b, blo)))
            elif kind == "different":
                different.append(((a, alo), (b, blo)))
            elif kind == "name":
                names[(a, alo)] = (n, value)
        groups = identity.cluster(items, same, different)
        by_key = {i.key: i for i in items}
        # Members keep their rows when their entity id stays the same: re-clustering a
        # popular block for one new article rewrote tens of thousands of rows before.
        old_of = {
            (r[0], r[1]): r[2]
            for r in c.execute(
                "SELECT ae.article_id, ae.local_id, ae.entity_id FROM json_each(?) j JOIN article_entities ae"
                " ON ae.article_id = j.value ->> 0 AND ae.local_id = j.value ->> 1 WHERE ae.entity_id IS NOT NULL",
                (json.dumps(sorted(members)),),
            )
        }
        old_ids = set(old_of.values())
        new_ids: dict[str, int] = {}
        # an entity row goes before its members point elsewhere: check references at commit
        c.execute("PRAGMA defer_foreign_keys = ON")
        self._drop_entity_rows(old_ids)
        popular: list[str] = []
        for group in groups:
            ent_id = entity_id_for(group[0])
            new_ids[ent_id] = len(group)
            if ent_id not in old_ids:  # old ids were dropped above
                self._drop_entity_rows([ent_id])  # a stale row left by an older presswatch would block the insert
            group_items = [by_key[k] for k in group]
            name_counts: Counter = Counter()
            for it in group_items:
                for nm in it.names:
                    name_counts[nm] += 1
            etype = identity.entity_type(Counter(it.type for it in group_items))
            chosen = [names[k][1] for k in sorted((k for k in group if k in names), key=lambda k: names[k][0])]
            canonical = chosen[-1] if chosen else identity.canonical_name(name_counts, etype)  # the latest rename wins
            for given in chosen:  # every name a human gave stays a way to find the entity
                name_counts[given] += 0
            articles = {
                r[0]
                for k in group
                for r in c.execute(
                    "SELECT g.dup_group FROM article_groups g JOIN articles a ON a.id = g.article_id"
                    " WHERE g.article_id = ? AND a.current = 1",
                    (k[0],),
                )
            }
            mentions = sum(it.mentions for it in group_items)
            c.execute(
                "INSERT INTO entities (id, name, type, articles, mentions) VALUES (?, ?, ?, ?, ?)",
                (ent_id, canonical, etype, len(articles), mentions),
            )
            if len(articles) >= STATS_MIN_ARTICLES:
                popular.append(ent_id)
            c.executemany(
                "INSERT INTO entity_names (entity_id, name, script, key, mentions) VALUES (?, ?, ?, ?, ?)",
                [(ent_id, nm, identity.script_of(nm), name_key(nm), n) for nm, n in sorted(name_counts.items())],
            )
            c.executemany(
                "UPDATE article_entities SET entity_id = ? WHERE article_id = ? AND local_id = ?",
                [(ent_id, a, lo) for a, lo in group if old_of.get((a, lo)) != ent_id],
            )
            all_names = " ; ".join(sorted(name_counts))
            c.execute(
                "INSERT INTO search (rowid, kind, ref, title, body, latin) VALUES (?, 'entity', ?, ?, ?, ?)",
                (entity_search_rowid(ent_id), ent_id, canonical, all_names, ascii_text(all_names)),
            )
        # Rows outside this block that still point at one of these ids (the block shrank,
        # or an older presswatch left them) become pending and are linked in their own block.
        for old in sorted(old_ids - new_ids.keys()):
            c.execute("UPDATE article_entities SET entity_id = NULL WHERE entity_id = ?", (old,))
        for ent_id, size in new_ids.items():
            if c.execute("SELECT count(*) FROM article_entities WHERE entity_id = ?", (ent_id,)).fetchone()[0] != size:
                c.executemany(
                    "UPDATE article_entities SET entity_id = NULL WHERE article_id = ? AND local_id = ?",
                    [
                        (a, lo)
                        for a, lo in c.execute(
                            "SELECT article_id, local_id FROM article_entities WHERE entity_id = ?", (ent_id,)
                        ).fetchall()
                        if (a, lo) not in members
                    ],
                )
        for ent_id in popular:  # after every group has its id: 'about' counts look at speakers' ids
            self._store_stats(ent_id)

    def _unlink(self, entity_ids: Iterable[str]) -> None:
        """Drop corpus entities: their rows, names and search rows go, and their
        article entities become pending. Call inside a transaction."""
        c = self.conn
        for old in sorted(set(entity_ids)):
            c.execute("UPDATE article_entities SET entity_id = NULL WHERE entity_id = ?", (old,))
        self._drop_entity_rows(entity_ids)

    def _drop_entity_rows(self, entity_ids: Iterable[str]) -> None:
        """Delete corpus entities' own rows (entity, names, search row), leaving the article
        entities that point at them as they are."""
        c = self.conn
        for old in sorted(set(entity_ids)):
            c.execute("DELETE FROM entity_names WHERE entity_id = ?", (old,))
            c.execute("DELETE FROM search WHERE rowid = ?", (entity_search_rowid(old),))
            c.execute("DELETE FROM entities WHERE id = ?", (old,))

    def _item(self, key: Key) -> Item | None:
        return self._items([key]).get(key)

    def _items(self, keys: Iterable[Key]) -> dict[Key, Item]:
        """The linker's view of many article entities, read with a few queries per
        block, not three per entity: a popular entity's block holds tens of thousands."""
        c = self.conn
        keys = sorted(keys)
        payload = json.dumps([list(k) for k in keys])
        rows = {
            (r["article_id"], r["local_id"]): r
            for r in c.execute(
                "SELECT ae.article_id, ae.local_id, ae.name, ae.type, ae.aliases, ae.roles FROM json_each(?) j"
                " JOIN article_entities ae ON ae.article_id = j.value ->> 0 AND ae.local_id = j.value ->> 1",
                (payload,),
            )
        }
        counts = {
            (a, lo): n
            for a, lo, n in c.execute(
                "SELECT m.article_id, m.local_id, count(*) FROM json_each(?) j JOIN mentions m"
                " ON m.article_id = j.value ->> 0 AND m.local_id = j.value ->> 1 GROUP BY m.article_id, m.local_id",
                (payload,),
            )
        }
        contexts = self._contexts([k for k in keys if k in rows])
        out: dict[Key, Item] = {}
        for key in keys:
            row = rows.get(key)
            if row is None:
                continue
            home = None
            if row["type"] in ("ORG", "MEDIA", "GPE", "NORP") and is_generic_body(row["name"]):
                home = self._article_country(key[0])
            out[key] = Item(
                key=key,
                name=row["name"],
                type=row["type"],
                aliases=tuple(json.loads(row["aliases"])),
                roles=tuple(json.loads(row["roles"])),
                context=contexts[key],
                mentions=counts.get(key, 0),
                home=home,
            )
        return out

    def _contexts(self, keys: list[Key]) -> dict[Key, frozenset[str]]:
        """Link keys of the other entities in each key's article.

        An article's keys are read once per link pass for all its entities (they sit in
        many blocks, and link keys do not change while linking), with one query per block
        for the articles not read yet; at most CONTEXT_ARTICLES articles are kept."""
        cache = self._link_cache.setdefault("context", {})
        needed = {a for a, _ in keys}
        missing = sorted(needed - cache.keys())
        if (
            len(cache) + len(missing) > CONTEXT_ARTICLES
        ):  # a bounded memory: the older half goes, not what this block needs
            for old in [a for a in itertools.islice(cache, len(cache) // 2 + len(missing)) if a not in needed]:
                del cache[old]
        read: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))  # article -> key -> its entities
        for i in range(0, len(missing), 5000):
            for article, local, k in self.conn.execute(
                "SELECT l.article_id, l.local_id, l.key FROM json_each(?) j JOIN link_keys l ON l.article_id = j.value",
                (json.dumps(missing[i : i + 5000]),),
            ):
                read[article][sys.intern(k)].add(local)  # interned: the same few keys recur in every article
        for article in missing:
            owners = read.get(article, {})
            only: dict[str, set[str]] = defaultdict(set)  # entity -> the keys no other entity of the article has
            for k, locals_ in owners.items():
                if len(locals_) == 1:
                    only[next(iter(locals_))].add(k)
            # tuples, made sets on use: a set of 25 keys takes ten times the memory
            cache[article] = (tuple(owners), {lo: tuple(ks) for lo, ks in only.items()})
        out = {}
        for key in keys:
            everything, only = cache[key[0]]
            # every key of the article but those only this entity has: one set difference
            # (a union over the other entities was quadratic in a long article)
            out[key] = frozenset(everything).difference(only.get(key[1], ()))
        return out

    def _article_country(self, article_id: str) -> str | None:
        cache = self._link_cache.setdefault("country", {})
        if article_id not in cache:
            head = self.conn.execute(
                "SELECT substr(text, 1, 6000) FROM articles WHERE id = ?", (article_id,)
            ).fetchone()
            cache[article_id] = article_country(head[0]) if head else None
        return cache[article_id]

    # ------------------------------------------------------------------ judgements

    def _judge(
        self, kind: str, a: Key, b: Key | None = None, value: str | None = None, note: str | None = None
    ) -> None:
        self.conn.execute(
            "INSERT INTO judgements (kind, a_article, a_local, b_article, b_local, value, note) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (kind, a[0], a[1], b[0] if b else None, b[1] if b else None, value, note),
        )

    def _members(self, entity_id: str) -> list[Key]:
        return [
            (r[0], r[1])
            for r in self.conn.execute(
                "SELECT article_id, local_id FROM article_entities WHERE entity_id = ? ORDER BY article_id, local_id",
                (entity_id,),
            )
        ]

    def _take_back(self, kind: str, side_a: Iterable[Key], side_b: Iterable[Key]) -> None:
        """Delete judgements of `kind` that tie one side to the other: a newer judgement overrides them."""
        sa, sb = set(side_a), set(side_b)
        for n, x, xl, y, yl in self.conn.execute(
            "SELECT n, a_article, a_local, b_article, b_local FROM judgements WHERE kind = ?", (kind,)
        ).fetchall():
            if ((x, xl) in sa and (y, yl) in sb) or ((x, xl) in sb and (y, yl) in sa):
                self.conn.execute("DELETE FROM judgements WHERE n = ?", (n,))

    def merge(self, a: str, b: str) -> dict:
        """A human says: these two are one entity. Returns the merged entity."""
        ea, eb = self.resolve(a), self.resolve(b)
        if ea["id"] == eb["id"]:
            return ea
        ma, mb = self._members(ea["id"]), self._members(eb["id"])
        with store.transaction(self.conn):
            self._take_back("different", ma, mb)  # an earlier 'different' between the two sides
            self._judge("same", ma[0], mb[0], note=f"merge {ea['name']} + {eb['name']}")
            self._unlink([ea["id"], eb["id"]])
        self.link()
        return self.resolve(self._entity_of(ma[0]))

    def split(self, entity: str, *, articles: Iterable[str] = (), aliases: Iterable[str] = ()) -> list[dict]:
        """A human says: the article entities in these articles (or going by these
        names) are someone else. Returns the two resulting entities."""
        ent = self.resolve(entity)
        articles = {a for a in articles}
        alias_keys = {name_key(a) for a in aliases}
        members = self._members(ent["id"])
        chosen = []
        for key in members:
            item = self._item(key)
            if (
                key[0] in articles
                or any(len(a) >= 4 and key[0].startswith(a) for a in articles)
                or (item and alias_keys & {name_key(n) for n in item.names})
            ):
                chosen.append(key)
        rest = [k for k in members if k not in chosen]
        if not chosen or not rest:
            raise CorpusError("split needs --article or --alias selecting some, but not all, of the entity's articles")
        with store.transaction(self.conn):
            self._take_back("same", chosen, rest)
            for k in chosen:
                for r in rest:
                    self._judge("different", k, r, note=f"split {ent['name']}")
            # both sides stay whole: a 'same' that tied them may just have been taken back
            for side in (chosen, rest):
                for k in side[1:]:
                    self._judge("same", side[0], k, note=f"split {ent['name']}")
            self._unlink([ent["id"]])
        self.link()
        return [self.resolve(self._entity_of(rest[0])), self.resolve(self._entity_of(chosen[0]))]

    def rename(self, entity: str, new_name: str) -> dict:
        """A human gives the entity its canonical name."""
        new_name = " ".join(new_name.split())
        if not new_name:
            raise CorpusError("rename needs a new name")
        ent = self.resolve(entity)
        members = self._members(ent["id"])
        with store.transaction(self.conn):
            for k in members:
                self._judge("name", k, value=new_name, note=f"rename {ent['name']}")
            self._unlink([ent["id"]])
        self.link()
        return self.resolve(self._entity_of(members[0]))

    def _entity_of(self, key: Key) -> str:
        return self.conn.execute(
            "SELECT entity_id FROM article_entities WHERE article_id = ? AND local_id = ?", key
        ).fetchone()[0]

    # ------------------------------------------------------------------ lookups

    def find(self, name: str) -> list[dict]:
        """Entities that `name` can denote: an id, or any alias in any script."""
        c = self.conn
        name = name.strip()
        row = c.execute("SELECT * FROM entities WHERE id = ?", (name,)).fetchone()
        if row:
            return [dict(row)]
        key = name_key(name)
        if not key:
            return []
        ids = [r[0] for r in c.execute("SELECT DISTINCT entity_id FROM entity_names WHERE key = ?", (key,))]
        if not ids:
            ids = self._fuzzy_find(name)
        found = [dict(r) for i in ids for r in c.execute("SELECT * FROM entities WHERE id = ? AND articles > 0", (i,))]
        return sorted(found, key=lambda e: (-e["articles"], e["name"]))

    def _fuzzy_find(self, name: str) -> list[str]:
        """Spellings nobody used yet: 'Lukashenko' finds the entity written 'Lukashenka'."""
        c = self.conn
        ids: set[str] = set()
        for etype in ("PERSON", "ORG"):
            probe = Item(key=("", ""), name=name, type=etype)
            for k in identity.link_keys(probe):
                for ent_id, nm, ent_type in c.execute(
                    "SELECT DISTINCT ae.entity_id, ae.name, ae.type FROM link_keys lk JOIN article_entities ae "
                    "ON ae.article_id = lk.article_id AND ae.local_id = lk.local_id WHERE lk.key = ? LIMIT 2000",
                    (k,),
                ):
                    if ent_id is None or identity.FAMILY.get(ent_type) != identity.FAMILY[etype]:
                        continue
                    other = Item(key=("", ""), name=nm, type=ent_type)
                    if etype == "PERSON":
                        if identity._forms_agree(identity.person_form(probe), identity.person_form(other)):
                            ids.add(ent_id)
                    elif identity.org_match(name, nm):
                        ids.add(ent_id)
        return sorted(ids)

    def resolve(self, name: str) -> dict:
        """The one entity `name` denotes; CorpusError when none, AmbiguousName when several."""
        found = self.find(name)
        if not found:
            raise CorpusError(f"no entity called '{name}' in {self.path}")
        if len(found) > 1:
            exact = [e for e in found if name_key(e["name"]) == name_key(name)]
            if len(exact) == 1:
                return exact[0]
            raise AmbiguousName(name, found)
        return found[0]

    # ------------------------------------------------------------------ dossier

    def dossier(
        self, name: str, *, max_articles: int | None = 200, max_quotes: int | None = 200, co_articles: int | None = 200
    ) -> dict:
        """Everything about one entity: names by script, roles, articles, quotes by
        and about it, co-mentioned entities and a timeline.

        A very popular entity is cut to size: `articles` lists its latest
        `max_articles` articles (copies grouped), `quotes_by` and `quotes_about`
        its latest `max_quotes` quotes each, and `co_mentioned` counts over its
        latest `co_articles` articles. `totals` holds the full counts, and the
        timeline covers everything. None means no limit; an entity within the
        limits gets exactly the unlimited dossier."""
        ent = self.resolve(name)
        c = self.conn
        eid = ent["id"]
        aliases: dict[str, list[str]] = defaultdict(list)
        for r in c.execute(
            "SELECT name, script FROM entity_names WHERE entity_id = ? ORDER BY mentions DESC, name", (eid,)
        ):
            aliases[r["script"]].append(r["name"])
        roles: dict[str, set[str]] = defaultdict(set)
        for r in c.execute(
            "SELECT article_id, roles FROM article_entities INDEXED BY article_entities_entity_roles"
            " WHERE entity_id = ? AND roles != '[]'",
            (eid,),
        ):
            for role in json.loads(r["roles"]):
                roles[role].add(r["article_id"])
        stats = self._stats(eid)
        if stats and "timeline" in stats and max_articles is not None and co_articles is not None:
            # a popular entity: only its newest groups are read; counts and timeline were kept at link time
            groups = self._newest_groups(eid, max(max_articles, co_articles))
            total_groups = stats["articles"]
            article_timeline = Counter({(d or None): n for d, n in stats["timeline"].items()})
        else:
            groups = self._article_groups(eid)
            total_groups = len(groups)
            article_timeline = Counter(g[0][0] for g in groups)
        articles = self._article_entries(groups[-max_articles:] if max_articles is not None else groups)
        if max_articles == 0:
            articles = []
        quotes_by, total_by, timeline_by = self._quotes_with_totals(
            self._iter_quotes(speaker=eid), max_quotes, speaker=eid
        )
        quotes_about, total_about, timeline_about = self._quotes_with_totals(
            (q for q in self._iter_quotes(about=eid) if q["speaker_entity"] != eid), max_quotes, about=eid
        )
        window = groups if co_articles is None else groups[-co_articles:] if co_articles else []
        co = Counter()
        co_names = {}
        # (article, number of its near-duplicate group): co-mentions count groups, not copies
        pairs = [[aid, n] for n, g in enumerate(window) for _, aid in g]
        for r in c.execute(
            "SELECT e.id, e.name, e.type, co.n FROM (SELECT ae2.entity_id AS id, count(DISTINCT j.value ->> 1) AS n"
            " FROM json_each(?) j JOIN article_entities ae2 ON ae2.article_id = j.value ->> 0"
            " WHERE ae2.entity_id != ? GROUP BY ae2.entity_id) co JOIN entities e ON e.id = co.id",
            (json.dumps(pairs), eid),
        ):
            co[r["id"]] = r["n"]
            co_names[r["id"]] = (r["name"], r["type"])
        timeline: dict[str, Counter] = defaultdict(Counter)
        for date, n in article_timeline.items():
            timeline[date or "undated"]["articles"] += n
        for date, n in timeline_by.items():
            timeline[date or "undated"]["quotes_by"] += n
        for date, n in timeline_about.items():
            timeline[date or "undated"]["quotes_about"] += n
        return {
            "id": eid,
            "name": ent["name"],
            "type": ent["type"],
            "aliases": {script: names for script, names in sorted(aliases.items())},
            "roles": [
                {"role": role, "articles": sorted(ids)}
                for role, ids in sorted(roles.items(), key=lambda x: (-len(x[1]), x[0]))
            ],
            "articles": articles,
            "article_count": ent["articles"],
            "quotes_by": quotes_by,
            "quotes_about": quotes_about,
            "co_mentioned": [
                {"id": i, "name": co_names[i][0], "type": co_names[i][1], "articles": n}
                for i, n in sorted(co.items(), key=lambda x: (-x[1], co_names[x[0]][0], x[0]))
            ],
            "timeline": [
                {"date": d, **{k: t.get(k, 0) for k in ("articles", "quotes_by", "quotes_about")}}
                for d, t in sorted(timeline.items())
            ],
            "totals": {
                "articles": total_groups,
                "quotes_by": total_by,
                "quotes_about": total_about,
                "co_mentioned_articles": len(window),
            },
        }

    def _quotes_with_totals(
        self, entries: Iterator[dict], limit: int | None, *, speaker: str | None = None, about: str | None = None
    ) -> tuple[list[dict], int, Counter]:
        """The first `limit` quote entries, how many there are in all, and how many per date.

        When they all fit the counts are exact; otherwise they come from SQL, copies of
        a quote being one when their article group and text are the same."""
        shown: list[dict] = []
        for q in entries:
            if limit is not None and len(shown) >= limit:
                break
            shown.append(q)
        else:
            return shown, len(shown), Counter(q["published"] for q in shown)
        self._complete_copies(shown, {"speaker": speaker} if speaker else {"about": about})
        cached = self._stats(speaker or about)
        if cached:
            total, per_date = cached["quotes_by" if speaker else "quotes_about"]
            return shown, total, Counter({(d or None): n for d, n in per_date.items()})
        per_date = self._quote_counts(speaker or about, "by" if speaker else "about")
        return shown, sum(per_date.values()), per_date

    def _quote_counts(self, eid: str, role: str) -> Counter:
        """Quotes by (role 'by') or about an entity per publication date, copies of a
        quote counted once (same article group, same words)."""
        if role == "by":
            join, where, params = "", "ae.entity_id = ?", [eid]
        else:
            join = (
                " JOIN quote_subjects qs ON qs.article_id = q.article_id AND qs.n = q.n"
                " JOIN article_entities sub ON sub.article_id = qs.article_id AND sub.local_id = qs.local_id"
            )
            where, params = "sub.entity_id = ? AND (ae.entity_id IS NULL OR ae.entity_id != ?)", [eid, eid]
        per_date = Counter()
        for published, n in self.conn.execute(
            "SELECT published, count(*) FROM (SELECT max(a.published) AS published FROM quotes q"
            " JOIN articles a INDEXED BY articles_id_published ON a.id = q.article_id"
            " LEFT JOIN article_entities ae ON ae.article_id = q.article_id AND ae.local_id = q.speaker_local_id"
            " LEFT JOIN article_groups g INDEXED BY article_groups_article_dup ON g.article_id = a.id"
            + join
            + " WHERE a.current = 1 AND "
            + where
            + " GROUP BY coalesce(g.dup_group, a.id), q.content) GROUP BY published",
            params,
        ):
            per_date[published] += n
        return per_date

    def _stats(self, eid: str) -> dict | None:
        row = self.conn.execute("SELECT stats FROM entities WHERE id = ?", (eid,)).fetchone()
        return json.loads(row[0]) if row and row[0] else None

    def _store_stats(self, eid: str) -> None:
        """Article and quote counts of a popular entity, kept with it at link time so
        its dossier need not visit tens of thousands of articles on every request."""
        groups = self._article_groups(eid)
        timeline = Counter(g[0][0] or "" for g in groups)
        stats: dict = {"articles": len(groups), "timeline": dict(sorted(timeline.items()))}
        for role in ("by", "about"):
            per_date = self._quote_counts(eid, role)
            stats[f"quotes_{role}"] = [
                sum(per_date.values()),
                {(d or ""): n for d, n in sorted(per_date.items(), key=lambda x: x[0] or "")},
            ]
        self.conn.execute("UPDATE entities SET stats = ? WHERE id = ?", (json.dumps(stats), eid))

    def _article_groups(self, eid: str) -> list[list[tuple]]:
        """[(published, id), ...] per near-duplicate group of the articles mentioning the entity, in
        (published, id) order, each group's first article first."""
        groups: dict[str, list[tuple]] = {}
        for published, aid, grp in self.conn.execute(
            "SELECT DISTINCT a.published, a.id, coalesce(g.dup_group, a.id) FROM article_entities ae"
            " JOIN articles a INDEXED BY articles_id_published ON a.id = ae.article_id"
            " LEFT JOIN article_groups g INDEXED BY article_groups_article_dup ON g.article_id = a.id"
            " WHERE ae.entity_id = ? AND a.current = 1 ORDER BY a.published, a.id",
            (eid,),
        ):
            groups.setdefault(grp, []).append((published, aid))
        return sorted(groups.values(), key=lambda g: (g[0][0] or "", g[0][1]))

    def _newest_rows(self, eid: str):
        """(published, article id, near-duplicate group) of the entity's current articles, newest
        first, straight off the (entity_id, published, article_id) index: reading stops when the caller does."""
        return self.conn.execute(
            "SELECT ae.published, ae.article_id, coalesce(g.dup_group, ae.article_id)"
            " FROM article_entities ae INDEXED BY article_entities_entity_published"
            " JOIN articles a INDEXED BY articles_id_published ON a.id = ae.article_id"
            " LEFT JOIN article_groups g INDEXED BY article_groups_article_dup ON g.article_id = ae.article_id"
            " WHERE ae.entity_id = ? AND a.current = 1 ORDER BY ae.published DESC, ae.article_id",
            (eid,),
        )

    def _newest_groups(self, eid: str, k: int) -> list[list[tuple]]:
        """The entity's `k` newest near-duplicate groups (by their newest copy), each with
        all its copies, in the order `_article_groups` gives."""
        groups: dict[str, set[tuple]] = {}
        for published, aid, grp in self._newest_rows(eid):
            if grp not in groups:
                if len(groups) >= k:
                    break
                groups[grp] = set()
            groups[grp].add((published, aid))
        for grp, members in groups.items():  # older copies of a group not reached by the walk
            members.update(
                tuple(r)
                for r in self.conn.execute(
                    "SELECT a.published, a.id FROM article_groups g JOIN articles a ON a.id = g.article_id"
                    " WHERE g.dup_group = ? AND a.current = 1",
                    (grp,),
                )
            )
        ordered = [sorted(m, key=lambda x: (x[0] or "", x[1])) for m in groups.values()]
        return sorted(ordered, key=lambda g: (g[0][0] or "", g[0][1]))

    def _article_entries(self, groups: list[list[tuple]]) -> list[dict]:
        ids = [aid for g in groups for _, aid in g]
        info = {}
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            for r in self.conn.execute(
                "SELECT a.id, a.title, a.outlet, a.published, (SELECT v.source FROM versions v WHERE v.article_id = a.id"
                f" ORDER BY v.source LIMIT 1) AS source FROM articles a WHERE a.id IN ({','.join('?' * len(chunk))})",
                chunk,
            ):
                info[r["id"]] = {
                    "id": r["id"],
                    "source": r["source"],
                    "title": r["title"],
                    "outlet": r["outlet"],
                    "published": r["published"],
                }
        return [{**info[g[0][1]], "copies": [info[aid] for _, aid in g[1:]]} for g in groups]

    def _articles_of(self, eid: str) -> list[dict]:
        """Articles mentioning the entity, copies of one syndicated article grouped together."""
        return self._article_entries(self._article_groups(eid))

    # ------------------------------------------------------------------ quotes

    def quotes(
        self,
        *,
        speaker: str | None = None,
        about: str | None = None,
        outlet: str | None = None,
        since: str | None = None,
        until: str | None = None,
        kind: str | None = None,
        limit: int | None = None,
    ) -> list[dict]:
        """Quotes, newest first; copies of one quote in syndicated articles are one
        entry with every copy listed under `copies`."""
        filters = dict(speaker=speaker, about=about, outlet=outlet, since=since, until=until, kind=kind)
        out: list[dict] = []
        for entry in self._iter_quotes(**filters):
            out.append(entry)
            if limit and len(out) >= limit:
                self._complete_copies(out, filters)
                break
        return out

    def _complete_copies(self, shown: list[dict], filters: dict) -> None:
        """Give entries read from a list cut short all their copies: a syndicated copy
        may sit anywhere further down the list. The same query, restricted to the
        shown articles' near-duplicate groups, finds exactly the copies the whole list has."""
        ids = sorted({e["article_id"] for e in shown})
        members = set(ids) | {
            r[0]
            for r in self.conn.execute(
                "SELECT g2.article_id FROM json_each(?) j JOIN article_groups g ON g.article_id = j.value"
                " JOIN article_groups g2 INDEXED BY article_groups_dup ON g2.dup_group = g.dup_group",
                (json.dumps(ids),),
            )
        }
        copies = {
            (e["article_id"], e["n"]): e["copies"] for e in self._iter_quotes(**filters, articles=sorted(members))
        }
        for e in shown:
            e["copies"] = copies.get((e["article_id"], e["n"]), e["copies"])

    def _iter_quotes(
        self,
        *,
        speaker=None,
        about=None,
        outlet=None,
        since=None,
        until=None,
        kind=None,
        articles: list[str] | None = None,
    ) -> Iterator[dict]:
        """`quotes()` one entry at a time, newest first (ties: article id descending, then
        the quote's place in it). An entry's `copies` grow while later rows are read, so
        an entry is complete once the iteration has gone past its copies.

        Given a speaker or a subject, the rows are read off that entity's (entity,
        published, article) index, newest first, so SQLite never sorts all of a popular
        entity's quotes: reading stops when the caller does."""
        where, params = ["a.current = 1"], []
        eid = role = None
        if speaker:
            eid, role = self.resolve(speaker)["id"], "by"
        elif about:
            eid, role = self.resolve(about)["id"], "about"
        source_params: list = []
        if articles is not None:
            # a few given articles: start from them, and find the entity through their rows
            source = " FROM json_each(?) j JOIN quotes q ON q.article_id = j.value"
            source_params.append(json.dumps(articles))
            if role == "by":
                source += (
                    " JOIN article_entities drv ON drv.article_id = q.article_id AND drv.local_id = q.speaker_local_id"
                )
            elif role == "about":
                source += (
                    " JOIN quote_subjects qs ON qs.article_id = q.article_id AND qs.n = q.n"
                    " JOIN article_entities drv ON drv.article_id = qs.article_id AND drv.local_id = qs.local_id"
                )
        elif role == "by":
            # walk the speaker's article entities; each finds its quotes through quotes_speaker
            source = (
                " FROM article_entities drv INDEXED BY article_entities_entity_published"
                " JOIN quotes q ON q.article_id = drv.article_id AND q.speaker_local_id = drv.local_id"
            )
        elif role == "about":
            source = (
                " FROM article_entities drv INDEXED BY article_entities_entity_published"
                " JOIN quote_subjects qs ON qs.article_id = drv.article_id AND qs.local_id = drv.local_id"
                " JOIN quotes q ON q.article_id = qs.article_id AND q.n = qs.n"
            )
        else:
            source = " FROM quotes q"
        if eid:
            where.append("drv.entity_id = ?")
            params.append(eid)
        if speaker and about:  # driven by the speaker; the subject is a condition
            where.append(
                "EXISTS (SELECT 1 FROM quote_subjects qs2 JOIN article_entities sub ON sub.article_id = qs2.article_id"
                " AND sub.local_id = qs2.local_id WHERE qs2.article_id = q.article_id AND qs2.n = q.n AND sub.entity_id = ?)"
            )
            params.append(self.resolve(about)["id"])
        published = "drv.published" if eid else "a.published"  # on the index when there is one
        if outlet:
            where.append("a.outlet LIKE ?")
            params.append(f"%{outlet}%")
        if since:
            where.append(f"{published} >= ?")
            params.append(since)
        if until:
            where.append(f"{published} <= ?")
            params.append(until)
        if kind:
            where.append("q.kind = ?")
            params.append(kind)
        order = "drv.published DESC, drv.article_id DESC, q.n" if eid else "a.published DESC, a.id DESC, q.n"
        sql = (
            "SELECT q.article_id, q.n, q.kind, q.content, q.cue, q.medium, q.speaker_name, q.speaker_mention,"
            " ae.entity_id AS speaker_entity, a.title, a.outlet, a.published, coalesce(g.dup_group, a.id) AS grp"
            + source
            + " JOIN articles a ON a.id = q.article_id"
            " LEFT JOIN article_entities ae ON ae.article_id = q.article_id AND ae.local_id = q.speaker_local_id"
            " LEFT JOIN article_groups g ON g.article_id = a.id"
            " WHERE " + " AND ".join(where) + " ORDER BY " + order
        )
        sources: dict[str, str | None] = {}

        def source_of(article_id: str) -> str | None:  # looked up only for the rows read, not for every match
            if article_id not in sources:
                row = self.conn.execute(
                    "SELECT source FROM versions WHERE article_id = ? ORDER BY source LIMIT 1", (article_id,)
                ).fetchone()
                sources[article_id] = row[0] if row else None
            return sources[article_id]

        read: set[tuple] = set()  # a quote naming two local entities of one corpus entity comes twice
        seen: dict[tuple, dict] = {}
        for r in self.conn.execute(sql, source_params + params):
            if (r["article_id"], r["n"]) in read:
                continue
            read.add((r["article_id"], r["n"]))
            copy = {"article_id": r["article_id"], "source": source_of(r["article_id"]), "outlet": r["outlet"]}
            dedup = (r["grp"], " ".join(r["content"].split()).casefold())
            if dedup in seen:
                seen[dedup]["copies"].append(copy)
                continue
            entry = {
                "article_id": r["article_id"],
                "n": r["n"],
                "kind": r["kind"],
                "content": r["content"],
                "speaker": r["speaker_name"],
                "speaker_mention": r["speaker_mention"],
                "speaker_entity": r["speaker_entity"],
                "cue": r["cue"],
                "medium": r["medium"],
                "title": r["title"],
                "outlet": r["outlet"],
                "published": r["published"],
                "source": copy["source"],
                "copies": [],
            }
            seen[dedup] = entry
            yield entry

    # ------------------------------------------------------------------ search

    def search(self, query: str, *, limit: int = 20, max_candidates: int | None = 5000) -> list[dict]:
        """Full-text search over article text, quotes and names, in any alphabet.

        The query is matched as written and transliterated to Latin; a query that
        names an entity also matches its other spellings. Hits are ranked by BM25
        among the newest `max_candidates` matching rows (None: among all): ranking
        costs time per match, and a popular name matches most of a big corpus."""
        words = re.findall(r"\w+", query)
        if not words:
            raise CorpusError("empty search query")
        variants = {" ".join(words), " ".join(re.findall(r"\w+", ascii_text(query)))}
        # the other spellings of the (at most 3 best-known) entities so named: an acronym
        # like "UHC" may fit a dozen bodies, and every phrase more costs a pass over the index
        named = self._entities_named(query)
        if len(named) > 3:
            named = [
                r[0]
                for r in self.conn.execute(
                    f"SELECT id FROM entities WHERE id IN ({','.join('?' * len(named))}) ORDER BY articles DESC, id LIMIT 3",
                    named,
                )
            ]
        for ent in named:
            for (nm,) in self.conn.execute(
                "SELECT name FROM entity_names WHERE entity_id = ? ORDER BY mentions DESC LIMIT 12", (ent,)
            ):
                variants.add(" ".join(re.findall(r"\w+", nm)))
                variants.add(" ".join(re.findall(r"\w+", ascii_text(nm))))
        alternatives = []
        for v in sorted(x for x in variants if x.strip()):
            alternatives.append("(" + " ".join('"' + w.replace('"', '""') + '"' for w in v.split()) + ")")
        match = "{title body latin} : (" + " OR ".join(alternatives) + ")"
        # Rank first, then make snippets for the hits shown only: a snippet re-reads and
        # re-tokenises its row, and ORDER BY would otherwise make one for every match.
        floor = None
        if max_candidates:
            row = self.conn.execute(
                "SELECT rowid FROM search WHERE search MATCH ? ORDER BY rowid DESC LIMIT 1 OFFSET ?",
                (match, max_candidates - 1),
            ).fetchone()
            floor = row[0] if row else None  # None: fewer matches than that, rank them all
        ranked = self.conn.execute(
            "SELECT rowid, bm25(search, 0, 0, 5.0, 1.0, 1.0) AS score FROM search WHERE search MATCH ? AND rowid >= ?"
            " ORDER BY score LIMIT ?",
            (match, floor if floor is not None else -(2**63), limit),
        ).fetchall()
        # One snippet query per hit, the rowid pinned: joining the ranked rowids back under
        # the MATCH walked every match of a popular name again.
        rows = [
            self.conn.execute(
                "SELECT kind, ref, title, snippet(search, -1, '[', ']', '…', 14) AS snippet, ? AS score"
                " FROM search WHERE search MATCH ? AND rowid = ?",
                (score, match, rowid),
            ).fetchone()
            for rowid, score in ranked
        ]
        out = []
        for r in rows:
            hit = {
                "kind": r["kind"],
                "ref": r["ref"],
                "title": r["title"],
                "snippet": r["snippet"],
                "score": round(-r["score"], 3),
            }
            article_id = r["ref"].split(":")[0]
            if r["kind"] in ("article", "quote"):
                a = self.conn.execute(
                    "SELECT a.title, a.outlet, a.published, (SELECT source FROM versions v WHERE v.article_id = a.id"
                    " ORDER BY source LIMIT 1) AS source FROM articles a WHERE a.id = ?",
                    (article_id,),
                ).fetchone()
                if a:
                    hit.update(
                        article_title=a["title"], outlet=a["outlet"], published=a["published"], source=a["source"]
                    )
            out.append(hit)
        return out

    def _entities_named(self, query: str) -> list[str]:
        key = name_key(query)
        ids = [r[0] for r in self.conn.execute("SELECT DISTINCT entity_id FROM entity_names WHERE key = ?", (key,))]
        return ids or (self._fuzzy_find(query) if len(query.split()) <= 4 else [])

    # ------------------------------------------------------------------ stories

    def stories(self, *, min_articles: int = 2) -> list[dict]:
        """Articles about one event across outlets, biggest story first."""
        c = self.conn
        groups: dict[str, list[dict]] = defaultdict(list)
        for r in c.execute(
            "SELECT g.story, g.dup_group, a.id, a.title, a.outlet, a.published,"
            " (SELECT source FROM versions v WHERE v.article_id = a.id ORDER BY source LIMIT 1) AS source"
            " FROM article_groups g JOIN articles a ON a.id = g.article_id WHERE a.current = 1 ORDER BY a.published, a.id"
        ):
            groups[r["story"]].append(dict(r))
        out = []
        for story, arts in groups.items():
            distinct = {a["dup_group"] for a in arts}
            if len(distinct) < min_articles:
                continue
            ids = [a["id"] for a in arts]
            marks = ",".join("?" * len(ids))
            top = [
                dict(r)
                for r in c.execute(
                    f"SELECT e.id, e.name, e.type, count(DISTINCT ae.article_id) AS articles FROM article_entities ae"
                    f" JOIN entities e ON e.id = ae.entity_id WHERE ae.article_id IN ({marks})"
                    f" GROUP BY e.id ORDER BY articles DESC, e.name LIMIT 8",
                    ids,
                )
            ]
            dates = sorted(a["published"] for a in arts if a["published"])
            out.append(
                {
                    "story": story,
                    "articles": len(distinct),
                    "copies": len(arts) - len(distinct),
                    "outlets": sorted({a["outlet"] for a in arts if a["outlet"]}),
                    "first": dates[0] if dates else None,
                    "last": dates[-1] if dates else None,
                    "title": arts[0]["title"],
                    "entities": top,
                    "items": [
                        {k: a[k] for k in ("id", "source", "title", "outlet", "published", "dup_group")} for a in arts
                    ],
                }
            )
        return sorted(out, key=lambda s: (-s["articles"], s["first"] or "", s["story"]))

    # ------------------------------------------------------------------ reading back

    def documents(self, *, current_only: bool = True) -> Iterator[dict]:
        """Every stored article as the `analyze` JSON contract plus corpus entity ids."""
        c = self.conn
        sql = (
            "SELECT v.source, v.version, a.* FROM versions v JOIN articles a ON a.id = v.article_id"
            + (
                " WHERE v.version = (SELECT max(version) FROM versions w WHERE w.source = v.source)"
                if current_only
                else ""
            )
            + " ORDER BY v.source, v.version"
        )
        for r in c.execute(sql):
            yield self._document(r)

    def _document(self, r) -> dict:
        c = self.conn
        aid = r["id"]
        entities = []
        for e in c.execute(
            "SELECT * FROM article_entities WHERE article_id = ? ORDER BY CAST(substr(local_id, 2) AS INTEGER)", (aid,)
        ):
            mentions = [
                {"start": m["start"], "end": m["end"], "text": m["text"]}
                for m in c.execute(
                    "SELECT start, end, text FROM mentions WHERE article_id = ? AND local_id = ? ORDER BY start",
                    (aid, e["local_id"]),
                )
            ]
            entities.append(
                {
                    "id": e["local_id"],
                    "name": e["name"],
                    "type": e["type"],
                    "aliases": json.loads(e["aliases"]),
                    "roles": json.loads(e["roles"]),
                    "mentions": mentions,
                    "corpus_id": e["entity_id"],
                }
            )
        local_to_corpus = {e["id"]: e["corpus_id"] for e in entities}
        quotes = []
        for q in c.execute("SELECT * FROM quotes WHERE article_id = ? ORDER BY n", (aid,)):
            speaker = None
            if q["speaker_name"] is not None:
                speaker = {
                    "name": q["speaker_name"],
                    "mention": q["speaker_mention"],
                    "entity": q["speaker_local_id"],
                    "start": q["speaker_start"],
                    "end": q["speaker_end"],
                    "corpus_id": local_to_corpus.get(q["speaker_local_id"]),
                }
            parts = json.loads(q["parts"]) if q["parts"] else [[q["start"], q["end"]]]
            quotes.append(
                {
                    "kind": q["kind"],
                    "content": q["content"],
                    "start": q["start"],
                    "end": q["end"],
                    "speaker": speaker,
                    "cue": q["cue"],
                    "medium": q["medium"],
                    "parts": [{"start": s, "end": e} for s, e in parts],
                }
            )
        group = c.execute("SELECT dup_group, story FROM article_groups WHERE article_id = ?", (aid,)).fetchone()
        return {
            "id": aid,
            "source": r["source"],
            "title": r["title"],
            "outlet": r["outlet"],
            "authors": json.loads(r["authors"]),
            "translators": json.loads(r["translators"]),
            "published": r["published"],
            "language": r["language"],
            "genre": r["genre"],
            "text": r["text"],
            "removed": json.loads(r["removed"]),
            "entities": entities,
            "quotes": quotes,
            "error": None,
            "version": r["version"],
            "duplicate_of": group["dup_group"] if group and group["dup_group"] != aid else None,
            "story": group["story"] if group else None,
        }

    def mentions(self) -> Iterator[dict]:
        """Every stored entity mention with its corpus entity (identity benchmark)."""
        for r in self.conn.execute(
            "SELECT m.article_id, v.source, m.start, m.end, m.text, ae.type, ae.entity_id FROM mentions m"
            " JOIN article_entities ae ON ae.article_id = m.article_id AND ae.local_id = m.local_id"
            " JOIN versions v ON v.article_id = m.article_id ORDER BY v.source, m.start"
        ):
            yield {
                "article_id": r[0],
                "source": r[1],
                "text_start": r[2],
                "text_end": r[3],
                "text": r[4],
                "type": r[5],
                "entity_id": r[6],
            }

    def article_text(self, source: str) -> str:
        row = self.conn.execute(
            "SELECT a.text FROM versions v JOIN articles a ON a.id = v.article_id WHERE v.source = ?"
            " ORDER BY v.version DESC LIMIT 1",
            (source,),
        ).fetchone()
        if row is None:
            raise CorpusError(f"no article from {source}")
        return row[0]

    def stats(self) -> dict:
        c = self.conn
        one = lambda sql: c.execute(sql).fetchone()[0]  # noqa: E731
        return {
            "articles": one("SELECT count(*) FROM articles WHERE current = 1"),
            "superseded": one("SELECT count(*) FROM articles WHERE current = 0"),
            "sources": one("SELECT count(DISTINCT source) FROM versions"),
            "versions": one("SELECT count(*) FROM versions"),
            "duplicate_groups": one("SELECT count(DISTINCT dup_group) FROM article_groups"),
            "stories": one("SELECT count(DISTINCT story) FROM article_groups"),
            "entities": one("SELECT count(*) FROM entities"),
            "quotes": one("SELECT count(*) FROM quotes"),
            "failures": one("SELECT count(*) FROM failures"),
        }
