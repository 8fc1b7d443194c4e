"""Corpus entity rows: writing or dropping an entity with its names and search row.

Which id an entity gets is `ids`' business; its search row gets a rowid derived
from that id (see `entity_search_rowid`)."""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Iterable

from rigour.text import ascii_text

from .identity import name_key, script_of


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
