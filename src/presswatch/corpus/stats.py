"""An entity's article groups and quote counts, and the copy of them kept for popular entities.

From `STATS_MIN_ARTICLES` articles on, an entity's counts are computed at link
time and stored as JSON in `entities.stats`, so its dossier need not visit tens
of thousands of articles on every request. Counts cover current articles, and
count the copies of one syndicated article (one near-duplicate group) once."""

from __future__ import annotations

import json
import sqlite3
from collections import Counter

# From this many articles on, an entity's quote counts are kept at link time
# (`entities.stats`) instead of being counted for every dossier.
STATS_MIN_ARTICLES = 150

Group = list[tuple]  # [(published, article id), ...]: the copies of one article


def stored_stats(conn: sqlite3.Connection, eid: str) -> dict | None:
    """The counts kept for a popular entity, or None."""
    row = conn.execute("SELECT stats FROM entities WHERE id = ?", (eid,)).fetchone()
    return json.loads(row[0]) if row and row[0] else None


def store_stats(conn: sqlite3.Connection, eid: str) -> None:
    """Article and quote counts of a popular entity, kept with it at link time so
    its dossier need not visit tens of thousands of articles on every request."""
    groups = article_groups(conn, eid)
    timeline = Counter(g[0][0] or "" for g in groups)
    stats: dict = {"articles": len(groups), "timeline": dict(sorted(timeline.items()))}
    for role in ("by", "about"):
        per_date = quote_counts(conn, eid, role)
        stats[f"quotes_{role}"] = [
            sum(per_date.values()),
            {(d or ""): n for d, n in sorted(per_date.items(), key=lambda x: x[0] or "")},
        ]
    conn.execute("UPDATE entities SET stats = ? WHERE id = ?", (json.dumps(stats), eid))


def article_groups(conn: sqlite3.Connection, eid: str) -> list[Group]:
    """[(published, id), ...] per near-duplicate group of the articles mentioning the entity, in
    (published, id) order, each group's first article first."""
    groups: dict[str, Group] = {}
    for published, aid, grp in conn.execute(
        "SELECT DISTINCT a.published, a.id, coalesce(g.dup_group, a.id) FROM article_entities ae"
        " JOIN articles a INDEXED BY articles_id_published ON a.id = ae.article_id"
        " LEFT JOIN article_groups g INDEXED BY article_groups_article_dup ON g.article_id = a.id"
        " WHERE ae.entity_id = ? AND a.current = 1 ORDER BY a.published, a.id",
        (eid,),
    ):
        groups.setdefault(grp, []).append((published, aid))
    return sorted(groups.values(), key=lambda g: (g[0][0] or "", g[0][1]))


def quote_counts(conn: sqlite3.Connection, eid: str, role: str) -> Counter:
    """Quotes by (role 'by') or about an entity per publication date, copies of a
    quote counted once (same article group, same words)."""
    if role == "by":
        join, where, params = "", "ae.entity_id = ?", [eid]
    else:
        join = (
            " JOIN quote_subjects qs ON qs.article_id = q.article_id AND qs.n = q.n"
            " JOIN article_entities sub ON sub.article_id = qs.article_id AND sub.local_id = qs.local_id"
        )
        where, params = "sub.entity_id = ? AND (ae.entity_id IS NULL OR ae.entity_id != ?)", [eid, eid]
    per_date: Counter = Counter()
    for published, n in conn.execute(
        "SELECT published, count(*) FROM (SELECT max(a.published) AS published FROM quotes q"
        " JOIN articles a INDEXED BY articles_id_published ON a.id = q.article_id"
        " LEFT JOIN article_entities ae ON ae.article_id = q.article_id AND ae.local_id = q.speaker_local_id"
        " LEFT JOIN article_groups g INDEXED BY article_groups_article_dup ON g.article_id = a.id"
        + join
        + " WHERE a.current = 1 AND q.rejected = 0 AND "
        + where
        + " GROUP BY coalesce(g.dup_group, a.id), q.content) GROUP BY published",
        params,
    ):
        per_date[published] += n
    return per_date
