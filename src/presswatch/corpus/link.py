"""The link pass: article entities -> corpus entities.

An article entity whose `entity_id` is NULL is pending. A pass takes a pending
one, gathers its block (every article entity reachable through shared link keys
or judgements), re-clusters the block with `identity.cluster` and rewrites the
corpus entities it yields (`entities`), until nothing is pending. Each cluster
keeps the id anchored in it (`ids`), so re-linking renames nothing. A run killed
half-way finishes the work when it is run again, and ends in the same database
as an uninterrupted run."""

from __future__ import annotations

import json
import sqlite3
import time
from collections import Counter

from . import identity, ids, judgements, stats
from .entities import add_member, drop_entity_rows, insert_entity, insert_names, insert_search_row, unlink
from .identity import Item, Key
from .items import ItemReader
from .place import Alone, Join, Placer
from .store import transaction

LINK_COMMIT_SECONDS = 1.0


def link(conn: sqlite3.Connection, *, everything: bool = False) -> int:
    """Link the pending article entities (all of them with `everything`): those of new
    articles placed one by one where that is the bulk result (`place`), the others by
    re-clustering their blocks. Returns the number of blocks re-clustered."""
    if everything:
        with transaction(conn):
            conn.execute("DELETE FROM entity_names")
            conn.execute("DELETE FROM search WHERE kind = 'entity'")
            conn.execute("UPDATE article_entities SET entity_id = NULL")
            conn.execute("DELETE FROM entities")
    reader = ItemReader(conn)  # one per pass: it keeps what it read
    placer = Placer(conn, reader)
    # entities of articles seen before the newest linked one: their blocks decide (a bulk
    # ingest, a resumed one, new versions, judgements); then the new articles' in order
    blocks = _link_blocks(conn, reader, placer.linked_upto or None)
    fresh = conn.execute(
        "SELECT ae.article_id, ae.local_id FROM article_entities ae JOIN articles a ON a.id = ae.article_id"
        " WHERE ae.entity_id IS NULL ORDER BY a.seen, ae.local_id"
    ).fetchall()
    done = 0
    while done < len(fresh):
        with transaction(conn):
            started = time.monotonic()
            grown: set[str] = set()
            first = done
            while done < len(fresh):
                if done > first and time.monotonic() - started >= LINK_COMMIT_SECONDS:
                    break  # at least one article entity a commit
                key = (fresh[done][0], fresh[done][1])
                done += 1
                if _is_linked(conn, key):
                    continue  # a block re-clustered before linked it
                if not _place(conn, placer, reader.items([key])[key], grown):
                    _relink(conn, reader, _block(conn, key))
                    blocks += 1
            # the counts kept for popular entities are marked stale in the same commit, and
            # counted once at the end of the pass (`refresh_old_stats`), or by a resumed one
            conn.executemany(
                "UPDATE entities SET stats = '{}' WHERE id = ? AND articles >= ?",
                [(ent_id, stats.STATS_MIN_ARTICLES) for ent_id in sorted(grown)],
            )
    if blocks:
        _drop_orphans(conn)
    refresh_old_stats(conn)
    return blocks


def _link_blocks(conn: sqlite3.Connection, reader: ItemReader, upto: int | None) -> int:
    """Re-cluster the blocks of pending article entities first seen up to `upto` (all with None)."""
    blocks = 0
    row = ()
    # all of them: no join, or SQLite walks the articles by first-seen order on every query
    sql = "SELECT ae.article_id, ae.local_id FROM article_entities ae WHERE ae.entity_id IS NULL"
    params: tuple = ()
    if upto is not None:
        sql += " AND (SELECT a.seen FROM articles a WHERE a.id = ae.article_id) <= ?"
        params = (upto,)
    sql += " LIMIT 1"
    while row is not None:
        # Blocks are committed together, about a second's work at a time: a commit
        # per block spent most of a big link pass in WAL commits and checkpoints.
        # An interrupted pass loses at most that second; the rest resumes.
        with transaction(conn):
            started = time.monotonic()
            while True:  # at least one block a commit
                row = conn.execute(sql, params).fetchone()
                if row is None:
                    break
                _relink(conn, reader, _block(conn, (row[0], row[1])))
                blocks += 1
                if time.monotonic() - started >= LINK_COMMIT_SECONDS:
                    break
    return blocks


def _is_linked(conn: sqlite3.Connection, key: Key) -> bool:
    row = conn.execute("SELECT entity_id FROM article_entities WHERE article_id = ? AND local_id = ?", key).fetchone()
    return row is None or row[0] is not None


def _place(conn: sqlite3.Connection, placer: Placer, item: Item, grown: set[str]) -> bool:
    """Link one new article entity without its block, when `place` can tell where the
    bulk link puts it. Returns whether it did."""
    where = placer.place(item)
    if isinstance(where, Join):
        if not add_member(conn, where.entity, item):
            return False
        conn.execute(
            "UPDATE article_entities SET entity_id = ? WHERE article_id = ? AND local_id = ?", (where.entity, *item.key)
        )
        grown.add(where.entity)
        return True
    if isinstance(where, Alone):
        (ent_id,), _ = ids.assign(conn, [[item.key]])
        _write_entity(conn, ent_id, [item], {})
        conn.execute(
            "UPDATE article_entities SET entity_id = ? WHERE article_id = ? AND local_id = ?", (ent_id, *item.key)
        )
        return True
    return False


def refresh_old_stats(conn: sqlite3.Connection) -> None:
    """Stats kept by a presswatch before article counts and timelines were kept too."""
    stale = [
        r[0]
        for r in conn.execute(
            "SELECT id FROM entities WHERE stats IS NOT NULL AND json_extract(stats, '$.timeline') IS NULL"
        )
    ]
    if stale:
        with transaction(conn):
            for eid in stale:
                stats.store_stats(conn, eid)


def _drop_orphans(conn: sqlite3.Connection) -> None:
    """Corpus entities no article entity points to any more (their members were re-clustered)."""
    with transaction(conn):
        unlink(
            conn,
            [
                r[0]
                for r in conn.execute(
                    "SELECT id FROM entities e WHERE NOT EXISTS (SELECT 1 FROM article_entities ae WHERE ae.entity_id = e.id)"
                )
            ],
        )


def _block(conn: sqlite3.Connection, start: Key) -> set[Key]:
    """Every article entity connected to `start` through shared link keys or judgements."""
    members: set[Key] = set()
    seen_keys: set[str] = set()
    todo = [start]
    while todo:
        key = todo.pop()
        if key in members:
            continue
        members.add(key)
        for (k,) in conn.execute("SELECT key FROM link_keys WHERE article_id = ? AND local_id = ?", key):
            if k in seen_keys:
                continue
            seen_keys.add(k)
            todo.extend(
                (a, lo) for a, lo in conn.execute("SELECT article_id, local_id FROM link_keys WHERE key = ?", (k,))
            )
        todo.extend(judgements.tied_to(conn, key))
    return members


def _relink(conn: sqlite3.Connection, reader: ItemReader, members: set[Key]) -> None:
    """Re-cluster one block and rewrite its corpus entities."""
    found = reader.items(members)
    items = [found[k] for k in sorted(found)]
    same, different, names = judgements.for_block(conn, members)
    groups = identity.cluster(items, same, different)
    by_key = {i.key: i for i in items}
    # Members keep their rows when their entity id stays the same: re-clustering a
    # popular block for one new article rewrote tens of thousands of rows before.
    old_of = {
        (r[0], r[1]): r[2]
        for r in conn.execute(
            "SELECT ae.article_id, ae.local_id, ae.entity_id FROM json_each(?) j JOIN article_entities ae"
            " ON ae.article_id = j.value ->> 0 AND ae.local_id = j.value ->> 1 WHERE ae.entity_id IS NOT NULL",
            (json.dumps(sorted(members)),),
        )
    }
    group_ids, anchored_ids = ids.assign(conn, groups)
    # ids anchored here that did not come out (merged) lose their rows too
    old_ids = set(old_of.values()) | anchored_ids
    new_ids: dict[str, int] = {}
    # an entity row goes before its members point elsewhere: check references at commit
    conn.execute("PRAGMA defer_foreign_keys = ON")
    drop_entity_rows(conn, old_ids)
    popular: list[str] = []
    for group, ent_id in zip(groups, group_ids):
        new_ids[ent_id] = len(group)
        if ent_id not in old_ids:  # old ids were dropped above
            drop_entity_rows(conn, [ent_id])  # a stale row left by an older presswatch would block the insert
        if _write_entity(conn, ent_id, [by_key[k] for k in group], names):
            popular.append(ent_id)
        conn.executemany(
            "UPDATE article_entities SET entity_id = ? WHERE article_id = ? AND local_id = ?",
            [(ent_id, a, lo) for a, lo in group if old_of.get((a, lo)) != ent_id],
        )
    _release_strays(conn, members, old_ids, new_ids)
    for ent_id in popular:  # after every group has its id: 'about' counts look at speakers' ids
        stats.store_stats(conn, ent_id)


def _write_entity(conn: sqlite3.Connection, ent_id: str, group: list[Item], names: judgements.GivenNames) -> bool:
    """Insert the corpus entity of one cluster: its name, type, counts, spellings and
    search row. Returns whether it is popular enough to keep its stats.

    Spellings, type and counts come from the members in current articles: what a
    superseded version called someone is not a name they go by any more. A cluster
    found only in superseded versions keeps all its members' names, and 0 articles."""
    groups = {
        it.key[0]: r[0]
        for it in group
        for r in conn.execute(
            "SELECT g.dup_group FROM article_groups g JOIN articles a ON a.id = g.article_id"
            " WHERE g.article_id = ? AND a.current = 1",
            (it.key[0],),
        )
    }
    live = [it for it in group if it.key[0] in groups] or group
    name_counts: Counter = Counter()
    for it in live:
        for nm in it.names:
            name_counts[nm] += 1
    etype = identity.entity_type(Counter(it.type for it in live))
    given = sorted((it.key for it in group if it.key in names), key=lambda k: names[k][0])
    chosen = [names[k][1] for k in given]
    canonical = chosen[-1] if chosen else identity.canonical_name(name_counts, etype)  # the latest rename wins
    for name in chosen:  # every name a human gave stays a way to find the entity
        name_counts[name] += 0
    articles = len(set(groups.values()))
    insert_entity(conn, ent_id, canonical, etype, articles, sum(it.mentions for it in live))
    insert_names(conn, ent_id, name_counts)
    insert_search_row(conn, ent_id, canonical, name_counts)
    return articles >= stats.STATS_MIN_ARTICLES


def _release_strays(conn: sqlite3.Connection, members: set[Key], old_ids: set[str], new_ids: dict[str, int]) -> None:
    """Rows outside this block that still point at one of its ids (the block shrank, or an
    older presswatch left them) become pending, and are linked in their own block."""
    for old in sorted(old_ids - new_ids.keys()):
        conn.execute("UPDATE article_entities SET entity_id = NULL WHERE entity_id = ?", (old,))
    for ent_id, size in new_ids.items():
        if conn.execute("SELECT count(*) FROM article_entities WHERE entity_id = ?", (ent_id,)).fetchone()[0] != size:
            conn.executemany(
                "UPDATE article_entities SET entity_id = NULL WHERE article_id = ? AND local_id = ?",
                [
                    (a, lo)
                    for a, lo in conn.execute(
                        "SELECT article_id, local_id FROM article_entities WHERE entity_id = ?", (ent_id,)
                    ).fetchall()
                    if (a, lo) not in members
                ],
            )
