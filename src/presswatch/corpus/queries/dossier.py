"""The dossier: everything about one entity.

Names by script, roles, articles (copies grouped), quotes by and about it,
co-mentioned entities and a timeline. A popular entity (one with `entities.stats`,
see `stats`) is read from its newest articles and its kept counts instead of
from everything that mentions it."""

from __future__ import annotations

import json
import sqlite3
from collections import Counter, defaultdict
from collections.abc import Iterator

from ..stats import Group, article_groups, quote_counts, stored_stats
from .current import is_current, source_of
from .quotes import QuoteFilter, complete_copies, iter_quotes

CHUNK = 500  # ids per IN (...) list


def dossier(
    conn: sqlite3.Connection,
    ent: dict,
    *,
    max_articles: int | None = 200,
    max_quotes: int | None = 200,
    co_articles: int | None = 200,
) -> dict:
    """The dossier of `ent` (an `entities` row), cut to the given sizes (None: no limit);
    `totals` holds the full counts, and the timeline covers everything. When `ent` was
    found by an id merged into it, `merged_from` says which."""
    eid = ent["id"]
    groups, total_groups, article_timeline = _groups(conn, eid, max_articles, co_articles)
    articles = [] if max_articles == 0 else _article_entries(conn, groups[-max_articles:] if max_articles else groups)
    quotes_by, total_by, timeline_by = _quotes_with_totals(
        conn, iter_quotes(conn, QuoteFilter(speaker=eid)), max_quotes, QuoteFilter(speaker=eid)
    )
    quotes_about, total_about, timeline_about = _quotes_with_totals(
        conn,
        (q for q in iter_quotes(conn, QuoteFilter(about=eid)) if q["speaker_entity"] != eid),
        max_quotes,
        QuoteFilter(about=eid),
    )
    window = groups if co_articles is None else groups[-co_articles:] if co_articles else []
    asked_as = {"merged_from": ent["merged_from"]} if ent.get("merged_from") else {}  # asked for by an old id
    return {
        "id": eid,
        "name": ent["name"],
        "type": ent["type"],
        "aliases": _aliases(conn, eid),
        "roles": _roles(conn, eid),
        "articles": articles,
        "article_count": ent["articles"],
        "quotes_by": quotes_by,
        "quotes_about": quotes_about,
        "co_mentioned": _co_mentioned(conn, eid, window),
        "timeline": _timeline(articles=article_timeline, quotes_by=timeline_by, quotes_about=timeline_about),
        "totals": {
            "articles": total_groups,
            "quotes_by": total_by,
            "quotes_about": total_about,
            "co_mentioned_articles": len(window),
        },
    } | asked_as


def _aliases(conn: sqlite3.Connection, eid: str) -> dict[str, list[str]]:
    """The entity's names by script, most used first."""
    aliases: dict[str, list[str]] = defaultdict(list)
    for r in conn.execute(
        "SELECT name, script FROM entity_names WHERE entity_id = ? ORDER BY mentions DESC, name", (eid,)
    ):
        aliases[r["script"]].append(r["name"])
    return {script: names for script, names in sorted(aliases.items())}


def _roles(conn: sqlite3.Connection, eid: str) -> list[dict]:
    """The roles current articles give the entity, each with those articles; the most frequent first."""
    roles: dict[str, set[str]] = defaultdict(set)
    for r in conn.execute(
        "SELECT article_id, roles FROM article_entities INDEXED BY article_entities_entity_roles"
        f" WHERE entity_id = ? AND roles != '[]' AND {is_current('article_id')}",
        (eid,),
    ):
        for role in json.loads(r["roles"]):
            roles[role].add(r["article_id"])
    return [
        {"role": role, "articles": sorted(ids)} for role, ids in sorted(roles.items(), key=lambda x: (-len(x[1]), x[0]))
    ]


def _groups(
    conn: sqlite3.Connection, eid: str, max_articles: int | None, co_articles: int | None
) -> tuple[list[Group], int, Counter]:
    """The article groups the dossier shows, how many there are in all, and how many per date."""
    stats = stored_stats(conn, eid)
    if stats and "timeline" in stats and max_articles is not None and co_articles is not None:
        # a popular entity: only its newest groups are read; counts and timeline were kept at link time
        groups = _newest_groups(conn, eid, max(max_articles, co_articles))
        return groups, stats["articles"], Counter({(d or None): n for d, n in stats["timeline"].items()})
    groups = article_groups(conn, eid)
    return groups, len(groups), Counter(g[0][0] for g in groups)


def _newest_groups(conn: sqlite3.Connection, eid: str, k: int) -> list[Group]:
    """The entity's `k` newest near-duplicate groups (by their newest copy), each with
    all its copies, in the order `stats.article_groups` gives."""
    groups: dict[str, set[tuple]] = {}
    # (published, article, group) of the entity's current articles, newest first, straight
    # off the (entity_id, published, article_id) index: reading stops when the loop does
    for published, aid, grp in conn.execute(
        "SELECT ae.published, ae.article_id, coalesce(g.dup_group, ae.article_id)"
        " FROM article_entities ae INDEXED BY article_entities_entity_published"
        " JOIN articles a INDEXED BY articles_id_published ON a.id = ae.article_id"
        " LEFT JOIN article_groups g INDEXED BY article_groups_article_dup ON g.article_id = ae.article_id"
        " WHERE ae.entity_id = ? AND a.current = 1 ORDER BY ae.published DESC, ae.article_id",
        (eid,),
    ):
        if grp not in groups:
            if len(groups) >= k:
                break
            groups[grp] = set()
        groups[grp].add((published, aid))
    for grp, members in groups.items():  # older copies of a group not reached by the walk
        members.update(
            tuple(r)
            for r in conn.execute(
                "SELECT a.published, a.id FROM article_groups g JOIN articles a ON a.id = g.article_id"
                " WHERE g.dup_group = ? AND a.current = 1",
                (grp,),
            )
        )
    ordered = [sorted(m, key=lambda x: (x[0] or "", x[1])) for m in groups.values()]
    return sorted(ordered, key=lambda g: (g[0][0] or "", g[0][1]))


def _article_entries(conn: sqlite3.Connection, groups: list[Group]) -> list[dict]:
    """One entry per group: its first article, with the other copies under `copies`."""
    ids = [aid for g in groups for _, aid in g]
    info = {}
    for i in range(0, len(ids), CHUNK):
        chunk = ids[i : i + CHUNK]
        for r in conn.execute(
            f"SELECT a.id, a.title, a.outlet, a.published, {source_of('a.id')} AS source"
            f" FROM articles a WHERE a.id IN ({','.join('?' * len(chunk))})",
            chunk,
        ):
            info[r["id"]] = {
                "id": r["id"],
                "source": r["source"],
                "title": r["title"],
                "outlet": r["outlet"],
                "published": r["published"],
            }
    return [{**info[g[0][1]], "copies": [info[aid] for _, aid in g[1:]]} for g in groups]


def _quotes_with_totals(
    conn: sqlite3.Connection, entries: Iterator[dict], limit: int | None, filt: QuoteFilter
) -> tuple[list[dict], int, Counter]:
    """The first `limit` quote entries, how many there are in all, and how many per date.

    When they all fit the counts are exact; otherwise they come from SQL (or the
    entity's kept stats), copies of a quote being one when their article group
    and text are the same."""
    shown: list[dict] = []
    for q in entries:
        if limit is not None and len(shown) >= limit:
            break
        shown.append(q)
    else:
        return shown, len(shown), Counter(q["published"] for q in shown)
    complete_copies(conn, shown, filt)
    eid, role = (filt.speaker, "by") if filt.speaker else (filt.about, "about")
    assert eid is not None
    cached = stored_stats(conn, eid)
    if cached:
        total, per_date = cached[f"quotes_{role}"]
        return shown, total, Counter({(d or None): n for d, n in per_date.items()})
    counts = quote_counts(conn, eid, role)
    return shown, sum(counts.values()), counts


def _co_mentioned(conn: sqlite3.Connection, eid: str, window: list[Group]) -> list[dict]:
    """Entities named in the same articles, counted once per near-duplicate group; the most frequent first."""
    co: Counter = Counter()
    co_names = {}
    # (article, number of its near-duplicate group): co-mentions count groups, not copies
    pairs = [[aid, n] for n, g in enumerate(window) for _, aid in g]
    for r in conn.execute(
        "SELECT e.id, e.name, e.type, co.n FROM (SELECT ae2.entity_id AS id, count(DISTINCT j.value ->> 1) AS n"
        " FROM json_each(?) j JOIN article_entities ae2 ON ae2.article_id = j.value ->> 0"
        " WHERE ae2.entity_id != ? GROUP BY ae2.entity_id) co JOIN entities e ON e.id = co.id",
        (json.dumps(pairs), eid),
    ):
        co[r["id"]] = r["n"]
        co_names[r["id"]] = (r["name"], r["type"])
    return [
        {"id": i, "name": co_names[i][0], "type": co_names[i][1], "articles": n}
        for i, n in sorted(co.items(), key=lambda x: (-x[1], co_names[x[0]][0], x[0]))
    ]


def _timeline(**per_date: Counter) -> list[dict]:
    """One row per date ('undated' for articles without one) with every count, in date order."""
    timeline: dict[str, Counter] = defaultdict(Counter)
    for column, counts in per_date.items():
        for date, n in counts.items():
            timeline[date or "undated"][column] += n
    return [
        {"date": d, **{k: t.get(k, 0) for k in ("articles", "quotes_by", "quotes_about")}}
        for d, t in sorted(timeline.items())
    ]
