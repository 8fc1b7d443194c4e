"""Reading stored articles back: as `analyze` documents, as mentions, as text, as counts.

A document is the `analyze` JSON contract plus corpus ids: each entity and
speaker gets `corpus_id`, and the article its `version`, `duplicate_of` and
`story`. Everything is read through cursors, one article at a time."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator

from ..errors import CorpusError


def documents(conn: sqlite3.Connection, *, current_only: bool = True) -> Iterator[dict]:
    """Every stored article (the current versions, see `current_articles`; or every
    version), one per source, in (source, version) order."""
    sql = (
        "SELECT * FROM current_articles ORDER BY source, version"
        if current_only
        else "SELECT v.source, v.version, a.* FROM versions v JOIN articles a ON a.id = v.article_id"
        " ORDER BY v.source, v.version"
    )
    for r in conn.execute(sql):  # a cursor: one article in memory at a time
        yield document(conn, r)


def document(conn: sqlite3.Connection, r: sqlite3.Row) -> dict:
    """The document of one row holding an article's columns plus its `source` and `version`."""
    aid = r["id"]
    entities = _entities(conn, aid)
    group = conn.execute("SELECT dup_group, story FROM article_groups WHERE article_id = ?", (aid,)).fetchone()
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
        "quotes": _quotes(conn, aid, {e["id"]: e["corpus_id"] for e in entities}),
        "error": None,
        "version": r["version"],
        "duplicate_of": group["dup_group"] if group and group["dup_group"] != aid else None,
        "story": group["story"] if group else None,
    }


def _entities(conn: sqlite3.Connection, aid: str) -> list[dict]:
    entities = []
    for e in conn.execute(
        "SELECT * FROM article_entities WHERE article_id = ? ORDER BY CAST(substr(local_id, 2) AS INTEGER)", (aid,)
    ):
        mentions = [
            {"start": m["start"], "end": m["end"], "text": m["text"]}
            for m in conn.execute(
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
    return entities


def _quotes(conn: sqlite3.Connection, aid: str, local_to_corpus: dict[str, str | None]) -> list[dict]:
    quotes = []
    for q in conn.execute("SELECT * FROM quotes WHERE article_id = ? AND rejected = 0 ORDER BY n", (aid,)):
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
                "origin": q["origin"],
                "confidence": q["confidence"],
            }
        )
    return quotes


def mentions(conn: sqlite3.Connection) -> Iterator[dict]:
    """Every entity mention in a current article with its corpus entity (identity benchmark),
    once per source reading that article."""
    for r in conn.execute(
        "SELECT m.article_id, cur.source, m.start, m.end, m.text, ae.type, ae.entity_id FROM mentions m"
        " JOIN article_entities ae ON ae.article_id = m.article_id AND ae.local_id = m.local_id"
        " JOIN current_articles cur ON cur.id = m.article_id ORDER BY cur.source, m.start"
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


def article_text(conn: sqlite3.Connection, source: str) -> str:
    """The text of the current version read from `source`."""
    row = conn.execute("SELECT text FROM current_articles WHERE source = ?", (source,)).fetchone()
    if row is None:
        raise CorpusError(f"no article from {source}")
    return row[0]


def counts(conn: sqlite3.Connection) -> dict:
    """How many articles, versions, groups, entities, quotes and failures the corpus holds.
    Articles, entities and quotes are those of the current versions."""

    def one(sql: str) -> int:
        return conn.execute(sql).fetchone()[0]

    return {
        "articles": one("SELECT count(*) FROM articles WHERE current = 1"),
        "superseded": one("SELECT count(*) FROM articles WHERE current = 0"),
        "sources": one("SELECT count(DISTINCT source) FROM versions"),
        "versions": one("SELECT count(*) FROM versions"),
        "duplicate_groups": one("SELECT count(DISTINCT dup_group) FROM article_groups"),
        "stories": one("SELECT count(DISTINCT story) FROM article_groups"),
        "entities": one("SELECT count(*) FROM entities WHERE articles > 0"),
        "quotes": one(
            "SELECT count(*) FROM quotes q JOIN articles a ON a.id = q.article_id WHERE a.current = 1 AND q.rejected = 0"
        ),
        "failures": one("SELECT count(*) FROM failures"),
    }
