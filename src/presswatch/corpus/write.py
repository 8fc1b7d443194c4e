"""Writing one analysed Document into the store, and the source versions it is read against.

Input: a `Document` from the pipeline (or a failure). Output: rows in `articles`,
`versions`, `article_entities`, `mentions`, `quotes`, `quote_subjects` (or
`failures`). A changed file at the same path becomes a new version; the old
article stays, and `articles.current` follows the view `current_articles`
(see `migrations`). `articles.seen` numbers articles in the order they were first
stored (how old an entity is, for `ids`)."""

from __future__ import annotations

import json
import sqlite3

from ..document import Document
from . import quote_judgements


def current_article(conn: sqlite3.Connection, source: str) -> str | None:
    """The article id of the latest version read from `source`."""
    row = conn.execute("SELECT id FROM current_articles WHERE source = ?", (source,)).fetchone()
    return row[0] if row else None


def failure(conn: sqlite3.Connection, source: str, content_id: str) -> str | None:
    """The error this content gave at this source, when it could not be analysed."""
    row = conn.execute(
        "SELECT error FROM failures WHERE source = ? AND content_id = ?", (source, content_id)
    ).fetchone()
    return row[0] if row else None


def known(conn: sqlite3.Connection, source: str, content_id: str) -> bool:
    """This exact content is the current version at this source (or failed there)."""
    return current_article(conn, source) == content_id or failure(conn, source, content_id) is not None


def store_document(conn: sqlite3.Connection, doc: Document) -> bool:
    """Insert one analysed article and its source version. Call inside a transaction.

    Returns True when something new was written. An article already present
    (same content) gains at most a new source row; nothing else changes."""
    if doc.error:
        cur = conn.execute(
            "INSERT OR IGNORE INTO failures (source, content_id, error, at) VALUES (?, ?, ?, strftime('%Y-%m-%dT%H:%M:%SZ'))",
            (doc.source, doc.id, doc.error),
        )
        return cur.rowcount > 0
    stored = conn.execute("SELECT current FROM articles WHERE id = ?", (doc.id,)).fetchone()
    new_article = stored is None
    if new_article:
        _insert_article(conn, doc)
    if current_article(conn, doc.source) == doc.id:
        return new_article
    last = conn.execute("SELECT max(version) FROM versions WHERE source = ?", (doc.source,)).fetchone()[0] or 0
    conn.execute("INSERT INTO versions (source, version, article_id) VALUES (?, ?, ?)", (doc.source, last + 1, doc.id))
    conn.execute("UPDATE articles SET current = 1 WHERE id = ?", (doc.id,))
    if new_article and last:  # a new version of a source: the corrections of its quotes carry over
        quote_judgements.carry_over(conn, doc.id, doc.source)
    if stored is not None and not stored[0]:
        # a superseded version put back (a file edited, then reverted): its entities
        # count again, so the linker must see them again
        conn.execute("UPDATE article_entities SET entity_id = NULL WHERE article_id = ?", (doc.id,))
    if last:
        old = conn.execute(
            "SELECT article_id FROM versions WHERE source = ? AND version = ?", (doc.source, last)
        ).fetchone()[0]
        if old != doc.id:
            _retire_if_superseded(conn, old)
    return True


def _retire_if_superseded(conn: sqlite3.Connection, article_id: str) -> None:
    """An article no source reads as its current version any more stops being current."""
    if conn.execute("SELECT 1 FROM current_articles WHERE id = ?", (article_id,)).fetchone():
        return
    conn.execute("UPDATE articles SET current = 0 WHERE id = ?", (article_id,))
    # its entities' counts change: let the linker see them again
    conn.execute("UPDATE article_entities SET entity_id = NULL WHERE article_id = ?", (article_id,))


def _dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False)


def _insert_article(conn: sqlite3.Connection, doc: Document) -> None:
    conn.execute(
        "INSERT INTO articles (id, title, outlet, published, language, genre, authors, translators, text, removed, words,"
        " seen) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, (SELECT coalesce(max(seen), 0) + 1 FROM articles))",
        (
            doc.id,
            doc.title,
            doc.outlet,
            doc.published,
            doc.language,
            doc.genre,
            _dumps(doc.authors),
            _dumps(doc.translators),
            doc.text,
            _dumps([{"text": r.text, "reason": r.reason} for r in doc.removed]),
            len(doc.text.split()),
        ),
    )
    conn.executemany(
        "INSERT INTO article_entities (article_id, local_id, name, type, aliases, roles, published) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [(doc.id, e.id, e.name, e.type, _dumps(e.aliases), _dumps(e.roles), doc.published) for e in doc.entities],
    )
    mention_spans = _insert_mentions(conn, doc)
    _insert_quotes(conn, doc, mention_spans)


def _insert_mentions(conn: sqlite3.Connection, doc: Document) -> list[tuple[int, int, str]]:
    """The article's mentions, one entity per span; returns (start, end, local id) sorted."""
    seen: set[tuple[int, int]] = set()
    rows = []
    for e in doc.entities:
        for m in e.mentions:
            if (m.start, m.end) not in seen:
                seen.add((m.start, m.end))
                rows.append((doc.id, e.id, m.start, m.end, m.text))
    conn.executemany("INSERT INTO mentions (article_id, local_id, start, end, text) VALUES (?, ?, ?, ?, ?)", rows)
    return sorted((s, e, local) for (_, local, s, e, _) in rows)


def _insert_quotes(conn: sqlite3.Connection, doc: Document, mention_spans: list[tuple[int, int, str]]) -> None:
    for n, q in enumerate(doc.quotes):
        sp = q.speaker
        conn.execute(
            "INSERT INTO quotes (article_id, n, kind, content, start, end, speaker_name, speaker_mention,"
            " speaker_local_id, speaker_start, speaker_end, cue, medium, parts, origin, confidence)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                doc.id,
                n,
                q.kind,
                q.content,
                q.start,
                q.end,
                sp.name if sp else None,
                sp.mention if sp else None,
                sp.entity if sp else None,
                sp.start if sp else None,
                sp.end if sp else None,
                q.cue,
                q.medium,
                _dumps([[p.start, p.end] for p in q.parts]) if len(q.parts) > 1 else None,
                q.origin,
                q.confidence,
            ),
        )
        # what the quote is about: entities named inside it, not the speaker's own mention
        about = {
            local
            for s, e, local in mention_spans
            if any(s >= p.start and e <= p.end for p in q.parts) and not (sp and s < sp.end and sp.start < e)
        }
        conn.executemany(
            "INSERT INTO quote_subjects (article_id, n, local_id) VALUES (?, ?, ?)",
            [(doc.id, n, lo) for lo in sorted(about)],
        )
