"""One stored article by its id, as the `analyze` document plus corpus ids.

Input: an article id (the content hash). Output: the document of
`documents.document` with `current` (False for a version since superseded) and
`sources` (every source whose current version it is), or None when unknown."""

from __future__ import annotations

import sqlite3

from .documents import document


def article(conn: sqlite3.Connection, article_id: str) -> dict | None:
    """The article `article_id`: read as its current version when it is one, else as the
    latest version that read it (history)."""
    sources = [
        r[0] for r in conn.execute("SELECT source FROM current_articles WHERE id = ? ORDER BY source", (article_id,))
    ]
    row = conn.execute(
        "SELECT a.*, v.source, v.version FROM versions v JOIN articles a ON a.id = v.article_id"
        " WHERE a.id = ? ORDER BY (v.source = ?) DESC, v.version DESC LIMIT 1",
        (article_id, sources[0] if sources else None),
    ).fetchone()
    if row is None:
        return None
    return document(conn, row) | {"current": bool(sources), "sources": sources}
