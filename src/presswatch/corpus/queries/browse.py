"""Browsing the corpus page by page: one article by id, lists of articles and
entities, near-duplicate groups. Read only (the web API's lists; see web/api.py).

Input: a connection, a page (limit, offset). Output: dicts; each list function
returns (items, total) so a client can page through it."""

from __future__ import annotations

import sqlite3

from ..errors import CorpusError
from .current import source_of
from .documents import document

ID_PREFIX_MIN = 8  # a shorter prefix of a 64-hex id would be a guess


def article(conn: sqlite3.Connection, article_id: str) -> dict:
    """The stored article `article_id` (or an unambiguous prefix of it, 8+ characters)
    as the `analyze` document plus corpus ids; its latest source and version."""
    aid = article_id.strip().lower()
    if len(aid) < ID_PREFIX_MIN or not all(c in "0123456789abcdef" for c in aid):
        raise CorpusError(f"no article {article_id!r} (an article id is hexadecimal, 8 characters or more)")
    ids = [r[0] for r in conn.execute("SELECT id FROM articles WHERE id >= ? AND id < ? LIMIT 2", (aid, aid + "g"))]
    if len(ids) != 1:
        raise CorpusError(f"no article {article_id!r}" if not ids else f"{article_id!r} fits several articles")
    row = conn.execute(
        "SELECT v.source, v.version, a.* FROM versions v JOIN articles a ON a.id = v.article_id"
        " WHERE a.id = ? ORDER BY a.current DESC, v.version DESC LIMIT 1",
        (ids[0],),
    ).fetchone()
    doc = document(conn, row)
    doc["current"] = bool(row["current"])
    return doc


def articles(conn: sqlite3.Connection, *, limit: int, offset: int, outlet: str | None = None) -> tuple[list[dict], int]:
    """Current articles, newest first (id descending among a day's)."""
    where, params = "a.current = 1", []
    if outlet:
        where += " AND a.outlet = ?"
        params.append(outlet)
    total = conn.execute(f"SELECT count(*) FROM articles a WHERE {where}", params).fetchone()[0]
    rows = conn.execute(
        f"SELECT a.id, a.title, a.outlet, a.published, a.language, a.genre, a.words, {source_of('a.id')} AS source"
        f" FROM articles a WHERE {where} ORDER BY a.published DESC, a.id DESC LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )
    return [dict(r) for r in rows], total


def entities(
    conn: sqlite3.Connection, *, limit: int, offset: int, entity_type: str | None = None
) -> tuple[list[dict], int]:
    """Corpus entities named in current articles, most articles first."""
    where, params = "articles > 0", []
    if entity_type:
        where += " AND type = ?"
        params.append(entity_type)
    total = conn.execute(f"SELECT count(*) FROM entities WHERE {where}", params).fetchone()[0]
    rows = conn.execute(
        f"SELECT id, name, type, articles, mentions FROM entities WHERE {where}"
        " ORDER BY articles DESC, name, id LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )
    return [dict(r) for r in rows], total


def duplicates(conn: sqlite3.Connection, *, limit: int, offset: int) -> tuple[list[dict], int]:
    """Near-duplicate groups of two or more current articles (syndicated copies), biggest first."""
    groups = (
        "SELECT g.dup_group, count(*) AS n FROM article_groups g JOIN articles a ON a.id = g.article_id"
        " WHERE a.current = 1 GROUP BY g.dup_group HAVING n > 1"
    )
    total = conn.execute(f"SELECT count(*) FROM ({groups})").fetchone()[0]
    out = []
    for grp, n in conn.execute(f"{groups} ORDER BY n DESC, g.dup_group LIMIT ? OFFSET ?", (limit, offset)).fetchall():
        members = conn.execute(
            f"SELECT a.id, a.title, a.outlet, a.published, {source_of('a.id')} AS source FROM article_groups g"
            " JOIN articles a ON a.id = g.article_id WHERE g.dup_group = ? AND a.current = 1"
            " ORDER BY a.published, a.id",
            (grp,),
        )
        out.append({"group": grp, "articles": n, "items": [dict(r) for r in members]})
    return out, total
