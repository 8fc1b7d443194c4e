"""Corpus entity rows: writing or dropping an entity with its names and search row, or
counting one more member into them.

Which id an entity gets is `ids`' business; its search row gets a rowid derived
from that id (see `entity_search_rowid`)."""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Iterable

from rigour.text import ascii_text

from .identity import Item, canonical_name, name_key, script_of


def entity_search_rowid(entity_id: str) -> int:
    """The search row of a corpus entity: a negative number derived from its id.

    Articles and quotes take the next positive rowids in ingest order; entity
    rows come and go whenever a block is re-linked, so they get rowids of their
    own that do not depend on when they were written (a resumed ingest ends with
    the same rows as an uninterrupted one) and can be deleted by rowid instead
    of scanning the unindexed kind/ref columns."""
    return -1 - int(entity_id[1:], 16)


def insert_entity(conn: sqlite3.Connection, ent_id: str, name: str, etype: str, articles: int, mentions: int) -> None:
    conn.execute(
        "INSERT INTO entities (id, name, type, articles, mentions) VALUES (?, ?, ?, ?, ?)",
        (ent_id, name, etype, articles, mentions),
    )


def insert_names(conn: sqlite3.Connection, ent_id: str, name_counts: Counter) -> None:
    """Every spelling the entity goes by, with its script and folded lookup key."""
    conn.executemany(
        "INSERT INTO entity_names (entity_id, name, script, key, mentions) VALUES (?, ?, ?, ?, ?)",
        [(ent_id, nm, script_of(nm), name_key(nm), n) for nm, n in sorted(name_counts.items())],
    )


def insert_search_row(conn: sqlite3.Connection, ent_id: str, name: str, name_counts: Counter) -> None:
    all_names = " ; ".join(sorted(name_counts))
    conn.execute(
        "INSERT INTO search (rowid, kind, ref, title, body, latin) VALUES (?, 'entity', ?, ?, ?, ?)",
        (entity_search_rowid(ent_id), ent_id, name, all_names, ascii_text(all_names)),
    )


def unlink(conn: sqlite3.Connection, entity_ids: Iterable[str]) -> None:
    """Drop corpus entities: their rows, names and search rows go, and their
    article entities become pending. Call inside a transaction."""
    entity_ids = sorted(set(entity_ids))
    for old in entity_ids:
        conn.execute("UPDATE article_entities SET entity_id = NULL WHERE entity_id = ?", (old,))
    drop_entity_rows(conn, entity_ids)


def drop_entity_rows(conn: sqlite3.Connection, entity_ids: Iterable[str]) -> None:
    """Delete corpus entities' own rows (entity, names, search row), leaving the article
    entities that point at them as they are."""
    for old in sorted(set(entity_ids)):
        conn.execute("DELETE FROM entity_names WHERE entity_id = ?", (old,))
        conn.execute("DELETE FROM search WHERE rowid = ?", (entity_search_rowid(old),))
        conn.execute("DELETE FROM entities WHERE id = ?", (old,))


def add_member(conn: sqlite3.Connection, ent_id: str, item: Item) -> bool:
    """Count one more article entity, from a current article, into a corpus entity's rows,
    as writing them from all its members would (`link`), reading only what it changes.
    Returns False (and changes nothing) when they must be written from all members: the
    entity had no member in a current article, or the item's type is not the entity's.
    Call before pointing the item at the entity."""
    row = conn.execute("SELECT name, type, articles, mentions FROM entities WHERE id = ?", (ent_id,)).fetchone()
    current = conn.execute("SELECT current FROM articles WHERE id = ?", (item.key[0],)).fetchone()
    if row is None or not row[2] or not current or not current[0] or item.type != row[1]:
        return False
    name, etype, articles, mentions = row
    counted = conn.execute(  # another current article of its near-duplicate group already counts
        "SELECT 1 FROM article_groups g0 JOIN article_groups g ON g.dup_group = g0.dup_group"
        " JOIN articles a ON a.id = g.article_id JOIN article_entities ae ON ae.article_id = g.article_id"
        " WHERE g0.article_id = ? AND a.current = 1 AND ae.entity_id = ? LIMIT 1",
        (item.key[0], ent_id),
    ).fetchone()
    articles += 0 if counted else 1
    old_names = {r[0] for r in conn.execute("SELECT name FROM entity_names WHERE entity_id = ?", (ent_id,))}
    conn.executemany(
        "INSERT INTO entity_names (entity_id, name, script, key, mentions) VALUES (?, ?, ?, ?, 1)"
        " ON CONFLICT (entity_id, name) DO UPDATE SET mentions = mentions + 1",
        [(ent_id, nm, script_of(nm), name_key(nm)) for nm in item.names],
    )
    name_counts = Counter(
        dict(conn.execute("SELECT name, mentions FROM entity_names WHERE entity_id = ?", (ent_id,)).fetchall())
    )
    canonical = canonical_name(name_counts, etype)
    conn.execute(
        "UPDATE entities SET name = ?, articles = ?, mentions = ? WHERE id = ?",
        (canonical, articles, mentions + item.mentions, ent_id),
    )
    if canonical != name or set(name_counts) != old_names:
        conn.execute("DELETE FROM search WHERE rowid = ?", (entity_search_rowid(ent_id),))
        insert_search_row(conn, ent_id, canonical, name_counts)
    return True
