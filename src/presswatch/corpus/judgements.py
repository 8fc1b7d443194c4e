"""Human judgements about identity: merge, split and rename, and reading them back for linking.

They are stored against article entities (stable, content-hashed), not corpus
entities (recomputed on every link), so they survive re-ingest and re-linking.
Recording one unlinks the entities it touches; the caller then runs a link pass,
which re-clusters them with the judgements applied (see `link`) and gives the
result its ids by the rules of `ids` (a split also says which side keeps the id)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from . import ids
from .entities import unlink
from .errors import CorpusError
from .identity import Key, name_key
from .items import ItemReader
from .store import transaction

# kind 'name' judgements of a block: article entity -> (judgement number, the name given)
GivenNames = dict[Key, tuple[int, str]]


def members(conn: sqlite3.Connection, entity_id: str) -> list[Key]:
    """The article entities of a corpus entity, in key order."""
    return [
        (r[0], r[1])
        for r in conn.execute(
            "SELECT article_id, local_id FROM article_entities WHERE entity_id = ? ORDER BY article_id, local_id",
            (entity_id,),
        )
    ]


def entity_of(conn: sqlite3.Connection, key: Key) -> str:
    """The corpus entity an article entity belongs to."""
    return conn.execute("SELECT entity_id FROM article_entities WHERE article_id = ? AND local_id = ?", key).fetchone()[
        0
    ]


def merge(conn: sqlite3.Connection, ea: dict, eb: dict) -> Key:
    """Record that two (different) entities are one. Returns an article entity of the result."""
    ma, mb = members(conn, ea["id"]), members(conn, eb["id"])
    with transaction(conn):
        _take_back(conn, "different", ma, mb)  # an earlier 'different' between the two sides
        _judge(conn, "same", ma[0], mb[0], note=f"merge {ea['name']} + {eb['name']}")
        unlink(conn, [ea["id"], eb["id"]])
    return ma[0]


def split(conn: sqlite3.Connection, ent: dict, articles: Iterable[str], aliases: Iterable[str]) -> tuple[Key, Key]:
    """Record that the entity's article entities in these articles (or going by these
    names) are someone else. Returns an article entity of the rest, and one of those split off."""
    chosen, rest = _split_sides(conn, ent["id"], set(articles), {name_key(a) for a in aliases})
    if not chosen or not rest:
        raise CorpusError("split needs --article or --alias selecting some, but not all, of the entity's articles")
    with transaction(conn):
        ids.keep_with(conn, ent["id"], (rest, chosen))  # which side keeps the id
        _take_back(conn, "same", chosen, rest)
        for k in chosen:
            for r in rest:
                _judge(conn, "different", k, r, note=f"split {ent['name']}")
        # both sides stay whole: a 'same' that tied them may just have been taken back
        for side in (chosen, rest):
            for k in side[1:]:
                _judge(conn, "same", side[0], k, note=f"split {ent['name']}")
        unlink(conn, [ent["id"]])
    return rest[0], chosen[0]


def _split_sides(
    conn: sqlite3.Connection, entity_id: str, articles: set[str], alias_keys: set[str]
) -> tuple[list[Key], list[Key]]:
    """The entity's article entities selected by article id (or a prefix of 4+ characters)
    or by name, and the others."""
    reader = ItemReader(conn)
    everyone = members(conn, entity_id)
    chosen = []
    for key in everyone:
        item = reader.item(key)
        if (
            key[0] in articles
            or any(len(a) >= 4 and key[0].startswith(a) for a in articles)
            or (item and alias_keys & {name_key(n) for n in item.names})
        ):
            chosen.append(key)
    return chosen, [k for k in everyone if k not in chosen]


def rename(conn: sqlite3.Connection, ent: dict, new_name: str) -> Key:
    """Record the entity's canonical name. Returns an article entity of it."""
    keys = members(conn, ent["id"])
    with transaction(conn):
        for k in keys:
            _judge(conn, "name", k, value=new_name, note=f"rename {ent['name']}")
        unlink(conn, [ent["id"]])
    return keys[0]


def _judge(
    conn: sqlite3.Connection, kind: str, a: Key, b: Key | None = None, value: str | None = None, note: str | None = None
) -> None:
    conn.execute(
        "INSERT INTO judgements (kind, a_article, a_local, b_article, b_local, value, note) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (kind, a[0], a[1], b[0] if b else None, b[1] if b else None, value, note),
    )


def _take_back(conn: sqlite3.Connection, kind: str, side_a: Iterable[Key], side_b: Iterable[Key]) -> None:
    """Delete judgements of `kind` that tie one side to the other: a newer judgement overrides them."""
    sa, sb = set(side_a), set(side_b)
    for n, x, xl, y, yl in conn.execute(
        "SELECT n, a_article, a_local, b_article, b_local FROM judgements WHERE kind = ?", (kind,)
    ).fetchall():
        if ((x, xl) in sa and (y, yl) in sb) or ((x, xl) in sb and (y, yl) in sa):
            conn.execute("DELETE FROM judgements WHERE n = ?", (n,))


# ------------------------------------------------------------------ reading, for the link pass


def tied_to(conn: sqlite3.Connection, key: Key) -> list[Key]:
    """The article entities a 'same' or 'different' judgement ties to `key` (both sides of each)."""
    tied: list[Key] = []
    for a, lo, b, blo in conn.execute(
        "SELECT a_article, a_local, b_article, b_local FROM judgements WHERE b_article IS NOT NULL AND "
        "((a_article = ? AND a_local = ?) OR (b_article = ? AND b_local = ?))",
        (*key, *key),
    ):
        tied.extend([(a, lo), (b, blo)])
    return tied


def for_block(
    conn: sqlite3.Connection, block: set[Key]
) -> tuple[list[tuple[Key, Key]], list[tuple[Key, Key]], GivenNames]:
    """The judgements touching a block: 'same' pairs, 'different' pairs and given names, oldest first."""
    same, different, names = [], [], {}
    for n, kind, a, alo, b, blo, value in conn.execute(
        "SELECT n, kind, a_article, a_local, b_article, b_local, value FROM judgements ORDER BY n"
    ):
        if (a, alo) not in block and (b, blo) not in block:
            continue
        if kind == "same":
            same.append(((a, alo), (b, blo)))
        elif kind == "different":
            different.append(((a, alo), (b, blo)))
        elif kind == "name":
            names[(a, alo)] = (n, value)
    return same, different, names
