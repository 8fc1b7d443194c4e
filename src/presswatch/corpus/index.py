"""What finding a newly stored article again needs: its link keys, its search rows,
and its near-duplicate group and story.

Input: a stored `Document` (see `write`). Output: rows in `link_keys`, `search`,
`lsh_buckets` and `article_groups`; joining a group relabels the groups it
bridges, so every group is labelled by its smallest article id."""

from __future__ import annotations

import re
import sqlite3

import numpy as np
from rigour.text import ascii_text

from ..document import Document
from . import grouping, identity
from .identity import Item

CHUNK = 500  # ids per IN (...) list

# kind -> (article_groups label column, signature column, LSH bands, rows per band, similarity threshold)
GROUPINGS = {
    "dup": ("dup_group", "shingles", grouping.DUP_BANDS, grouping.DUP_ROWS, grouping.DUP_THRESHOLD),
    "story": ("story", "topics", grouping.STORY_BANDS, grouping.STORY_ROWS, grouping.STORY_THRESHOLD),
}

_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]+(?:[\s\-]+[^\x00-\x7f]+)*")


def latin(text: str) -> str:
    """ASCII transliteration for the search index, only where it adds something.

    Only the non-ASCII runs (words and the phrases they form) are
    transliterated: ASCII is its own transliteration, and rigour's
    transliterator costs ~10 µs per character of the whole string, which made
    it the biggest cost of storing an article that quotes one Cyrillic name."""
    if not re.search(r"[^\x00-\u024F\u2000-\u206F]", text):
        return ""
    return _NON_ASCII_RUN.sub(lambda m: ascii_text(m.group()), text)


def index_article(conn: sqlite3.Connection, doc: Document) -> None:
    """Link keys, search rows and near-duplicate / story groups of a newly stored article."""
    if conn.execute("SELECT 1 FROM article_groups WHERE article_id = ?", (doc.id,)).fetchone():
        return  # the same content seen before under another source
    entity_keys: set[str] = set()
    for e in doc.entities:
        item = Item(key=(doc.id, e.id), name=e.name, type=e.type, aliases=tuple(e.aliases))
        keys = identity.link_keys(item)
        entity_keys |= keys
        conn.executemany(
            "INSERT OR IGNORE INTO link_keys (key, article_id, local_id) VALUES (?, ?, ?)",
            [(k, doc.id, e.id) for k in sorted(keys)],
        )
        conn.executemany(  # the spelling as stored (`write`), under each of its keys
            "INSERT OR IGNORE INTO link_names (key, name, type, aliases)"
            " SELECT ?, name, type, aliases FROM article_entities WHERE article_id = ? AND local_id = ?",
            [(k, doc.id, e.id) for k in sorted(keys)],
        )
    conn.execute(
        "INSERT INTO search (kind, ref, title, body, latin) VALUES ('article', ?, ?, ?, ?)",
        (doc.id, doc.title or "", doc.text, latin(doc.text)),
    )
    for n, q in enumerate(doc.quotes):
        speaker = q.speaker.name if q.speaker else ""
        conn.execute(
            "INSERT INTO search (kind, ref, title, body, latin) VALUES ('quote', ?, ?, ?, ?)",
            (f"{doc.id}:{n}", speaker, q.content, latin(speaker + " " + q.content)),
        )
    group_article(conn, doc, entity_keys)


def group_article(conn: sqlite3.Connection, doc: Document, entity_keys: set[str]) -> None:
    """Put the article in its near-duplicate group and its story, merging the groups it bridges."""
    shingles = grouping.shingle_signature(doc.text)
    topics = grouping.topic_signature(doc.text, entity_keys)
    labels = {}
    for kind, signature in (("dup", shingles), ("story", topics)):
        found = _groups_joined(conn, doc, kind, signature, entity_keys)
        labels[GROUPINGS[kind][0]] = (min(found), found - {doc.id})
    conn.execute(
        "INSERT INTO article_groups (article_id, shingles, topics, dup_group, story) VALUES (?, ?, ?, ?, ?)",
        (doc.id, shingles.tobytes(), topics.tobytes(), labels["dup_group"][0], labels["story"][0]),
    )
    for column, (label, others) in labels.items():
        for other in sorted(others):
            if other != label:
                conn.execute(f"UPDATE article_groups SET {column} = ? WHERE {column} = ?", (label, other))


def _groups_joined(
    conn: sqlite3.Connection, doc: Document, kind: str, signature: np.ndarray, entity_keys: set[str]
) -> set[str]:
    """The labels of the `kind` groups the article belongs to, and its own id; its LSH
    buckets are stored on the way."""
    column, signature_column, bands, rows, threshold = GROUPINGS[kind]
    bucket_ids = grouping.buckets(signature, bands, rows)
    found = {doc.id}
    ordered = sorted(_bucket_mates(conn, kind, bucket_ids))
    for i in range(0, len(ordered), CHUNK):  # one query per 500 candidates, not one each
        chunk = ordered[i : i + CHUNK]
        for row in conn.execute(
            f"SELECT g.{signature_column}, g.{column}, a.published, g.article_id FROM article_groups g"
            f" JOIN articles a ON a.id = g.article_id WHERE g.article_id IN ({','.join('?' * len(chunk))})",
            chunk,
        ):
            if grouping.similarity(row[0], signature) < threshold:
                continue
            if kind == "story" and not (
                grouping.close_in_time(row[2], doc.published) and _share_a_name(conn, row[3], entity_keys)
            ):
                continue
            found.add(row[1])
    conn.executemany(
        "INSERT OR IGNORE INTO lsh_buckets (kind, bucket, article_id) VALUES (?, ?, ?)",
        [(kind, b, doc.id) for b in bucket_ids],
    )
    return found


def _bucket_mates(conn: sqlite3.Connection, kind: str, bucket_ids: list[int]) -> set[str]:
    """Articles sharing at least one LSH bucket: the candidate pairs."""
    mates = set()
    for i in range(0, len(bucket_ids), CHUNK):
        chunk = bucket_ids[i : i + CHUNK]
        marks = ",".join("?" * len(chunk))
        mates |= {
            r[0]
            for r in conn.execute(
                f"SELECT DISTINCT article_id FROM lsh_buckets WHERE kind = ? AND bucket IN ({marks})", (kind, *chunk)
            )
        }
    return mates


def _share_a_name(conn: sqlite3.Connection, article_id: str, keys: set[str]) -> bool:
    """One story needs at least one person or organisation in common, not just words."""
    names = {k for k in keys if k.startswith(("P:", "O:"))}
    return any(k in names for (k,) in conn.execute("SELECT key FROM link_keys WHERE article_id = ?", (article_id,)))
