"""Quotes by, about, in an outlet, between dates: newest first, syndicated copies together.

Input: a `QuoteFilter` whose speaker and subject are resolved entity ids.
Output: quote entries (dicts); copies of one quote in near-duplicate articles
(same group, same words once whitespace and case are set aside) are one entry
listing every copy under `copies`."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass

from .current import source_of as current_source_sql


@dataclass(frozen=True)
class QuoteFilter:
    speaker: str | None = None  # corpus entity id
    about: str | None = None  # corpus entity id
    outlet: str | None = None  # part of the outlet's name, taken literally (see `containing`)
    since: str | None = None  # ISO date, inclusive
    until: str | None = None  # ISO date, inclusive
    kind: str | None = None  # 'direct', 'indirect', ...
    min_confidence: float | None = None  # quotes of at least this confidence (stored before 0016: none)

    @property
    def role(self) -> str | None:
        """Whose index drives the query: the speaker's ('by'), else the subject's ('about')."""
        return "by" if self.speaker else "about" if self.about else None

    @property
    def entity(self) -> str | None:
        return self.speaker or self.about


def quotes(conn: sqlite3.Connection, filt: QuoteFilter, limit: int | None = None) -> list[dict]:
    """Quotes, newest first; a list cut at `limit` still gives its entries every copy."""
    out: list[dict] = []
    for entry in iter_quotes(conn, filt):
        out.append(entry)
        if limit and len(out) >= limit:
            complete_copies(conn, out, filt)
            break
    return out


def complete_copies(conn: sqlite3.Connection, shown: list[dict], filt: QuoteFilter) -> None:
    """Give entries read from a list cut short all their copies: a syndicated copy
    may sit anywhere further down the list. The same query, restricted to the
    shown articles' near-duplicate groups, finds exactly the copies the whole list has."""
    ids = sorted({e["article_id"] for e in shown})
    members = set(ids) | {
        r[0]
        for r in conn.execute(
            "SELECT g2.article_id FROM json_each(?) j JOIN article_groups g ON g.article_id = j.value"
            " JOIN article_groups g2 INDEXED BY article_groups_dup ON g2.dup_group = g.dup_group",
            (json.dumps(ids),),
        )
    }
    copies = {(e["article_id"], e["n"]): e["copies"] for e in iter_quotes(conn, filt, articles=sorted(members))}
    for e in shown:
        e["copies"] = copies.get((e["article_id"], e["n"]), e["copies"])


def iter_quotes(conn: sqlite3.Connection, filt: QuoteFilter, articles: list[str] | None = None) -> Iterator[dict]:
    """The quotes one entry at a time, newest first (ties: article id descending, then
    the quote's place in it); only those in `articles` when given. An entry's `copies`
    grow while later rows are read, so an entry is complete once the iteration has
    gone past its copies."""
    sql, params = _quote_query(filt, articles)
    sources: dict[str, str | None] = {}

    def source_of(article_id: str) -> str | None:  # looked up only for the rows read, not for every match
        if article_id not in sources:
            sources[article_id] = conn.execute(f"SELECT {current_source_sql('?')}", (article_id,)).fetchone()[0]
        return sources[article_id]

    read: set[tuple] = set()  # a quote naming two local entities of one corpus entity comes twice
    seen: dict[tuple, dict] = {}
    for r in conn.execute(sql, params):
        if (r["article_id"], r["n"]) in read:
            continue
        read.add((r["article_id"], r["n"]))
        copy = {"article_id": r["article_id"], "source": source_of(r["article_id"]), "outlet": r["outlet"]}
        dedup = (r["grp"], " ".join(r["content"].split()).casefold())
        if dedup in seen:
            seen[dedup]["copies"].append(copy)
            continue
        seen[dedup] = _entry(r, copy["source"])
        yield seen[dedup]


def _entry(r: sqlite3.Row, source: str | None) -> dict:
    return {
        "article_id": r["article_id"],
        "n": r["n"],
        "kind": r["kind"],
        "content": r["content"],
        "speaker": r["speaker_name"],
        "speaker_mention": r["speaker_mention"],
        "speaker_entity": r["speaker_entity"],
        "cue": r["cue"],
        "medium": r["medium"],
        "origin": r["origin"],
        "confidence": r["confidence"],
        "title": r["title"],
        "outlet": r["outlet"],
        "published": r["published"],
        "source": source,
        "copies": [],
    }


def _quote_query(filt: QuoteFilter, articles: list[str] | None) -> tuple[str, list]:
    """The SQL of `iter_quotes` and its parameters.

    Given a speaker or a subject, the rows are read off that entity's (entity,
    published, article) index, newest first, so SQLite never sorts all of a popular
    entity's quotes: reading stops when the caller does."""
    source, params = _driving_rows(filt.role, articles)
    where = ["a.current = 1", "q.rejected = 0"]  # rejected: a human said "not a quote"
    if filt.entity:
        where.append("drv.entity_id = ?")
        params.append(filt.entity)
    if filt.speaker and filt.about:  # driven by the speaker; the subject is a condition
        where.append(
            "EXISTS (SELECT 1 FROM quote_subjects qs2 JOIN article_entities sub ON sub.article_id = qs2.article_id"
            " AND sub.local_id = qs2.local_id WHERE qs2.article_id = q.article_id AND qs2.n = q.n AND sub.entity_id = ?)"
        )
        params.append(filt.about)
    published = "drv.published" if filt.entity else "a.published"  # on the index when there is one
    for condition, value in (
        ("a.outlet LIKE ? ESCAPE '\\'", containing(filt.outlet) if filt.outlet else None),
        (f"{published} >= ?", filt.since),
        (f"{published} <= ?", filt.until),
        ("q.kind = ?", filt.kind),
        ("q.confidence >= ?", filt.min_confidence),
    ):
        if value:
            where.append(condition)
            params.append(value)
    order = "drv.published DESC, drv.article_id DESC, q.n" if filt.entity else "a.published DESC, a.id DESC, q.n"
    sql = (
        "SELECT q.article_id, q.n, q.kind, q.content, q.cue, q.medium, q.speaker_name, q.speaker_mention,"
        " q.origin, q.confidence, ae.entity_id AS speaker_entity, a.title, a.outlet, a.published, coalesce(g.dup_group, a.id) AS grp"
        + source
        + " JOIN articles a ON a.id = q.article_id"
        " LEFT JOIN article_entities ae ON ae.article_id = q.article_id AND ae.local_id = q.speaker_local_id"
        " LEFT JOIN article_groups g ON g.article_id = a.id"
        " WHERE " + " AND ".join(where) + " ORDER BY " + order
    )
    return sql, params


def containing(text: str) -> str:
    """The LIKE pattern (with ESCAPE '\\') of a value containing `text`, taken literally:
    a '%' or '_' the user typed is that character, not a wildcard."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _driving_rows(role: str | None, articles: list[str] | None) -> tuple[str, list]:
    """The FROM clause the quotes are read through (`drv`: the entity's article entities)."""
    if articles is not None:
        # a few given articles: start from them, and find the entity through their rows
        source = " FROM json_each(?) j JOIN quotes q ON q.article_id = j.value"
        if role == "by":
            source += (
                " JOIN article_entities drv ON drv.article_id = q.article_id AND drv.local_id = q.speaker_local_id"
            )
        elif role == "about":
            source += (
                " JOIN quote_subjects qs ON qs.article_id = q.article_id AND qs.n = q.n"
                " JOIN article_entities drv ON drv.article_id = qs.article_id AND drv.local_id = qs.local_id"
            )
        return source, [json.dumps(articles)]
    if role == "by":
        # walk the speaker's article entities; each finds its quotes through quotes_speaker
        return (
            " FROM article_entities drv INDEXED BY article_entities_entity_published"
            " JOIN quotes q ON q.article_id = drv.article_id AND q.speaker_local_id = drv.local_id"
        ), []
    if role == "about":
        return (
            " FROM article_entities drv INDEXED BY article_entities_entity_published"
            " JOIN quote_subjects qs ON qs.article_id = drv.article_id AND qs.local_id = drv.local_id"
            " JOIN quotes q ON q.article_id = qs.article_id AND q.n = qs.n"
        ), []
    return " FROM quotes q", []
