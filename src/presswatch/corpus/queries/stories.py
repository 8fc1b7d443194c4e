"""Stories: articles about one event across outlets (see `grouping`), biggest first.

Input: `article_groups.story` labels of current articles. Output: one dict per
story with its outlets, dates, most named entities and articles."""

from __future__ import annotations

import sqlite3
from collections import defaultdict

from .current import source_of

TOP_ENTITIES = 8


def stories(conn: sqlite3.Connection, *, min_articles: int = 2) -> list[dict]:
    """Stories of at least `min_articles` distinct articles (copies of one count once)."""
    groups: dict[str, list[dict]] = defaultdict(list)
    for r in conn.execute(
        f"SELECT g.story, g.dup_group, a.id, a.title, a.outlet, a.published, {source_of('a.id')} AS source"
        " FROM article_groups g JOIN articles a ON a.id = g.article_id WHERE a.current = 1 ORDER BY a.published, a.id"
    ):
        groups[r["story"]].append(dict(r))
    out = [
        _story(conn, story, arts)
        for story, arts in groups.items()
        if len({a["dup_group"] for a in arts}) >= min_articles
    ]
    return sorted(out, key=lambda s: (-s["articles"], s["first"] or "", s["story"]))


def _story(conn: sqlite3.Connection, story: str, arts: list[dict]) -> dict:
    distinct = {a["dup_group"] for a in arts}
    ids = [a["id"] for a in arts]
    marks = ",".join("?" * len(ids))
    top = [
        dict(r)
        for r in conn.execute(
            f"SELECT e.id, e.name, e.type, count(DISTINCT ae.article_id) AS articles FROM article_entities ae"
            f" JOIN entities e ON e.id = ae.entity_id WHERE ae.article_id IN ({marks})"
            f" GROUP BY e.id ORDER BY articles DESC, e.name LIMIT {TOP_ENTITIES}",
            ids,
        )
    ]
    dates = sorted(a["published"] for a in arts if a["published"])
    return {
        "story": story,
        "articles": len(distinct),
        "copies": len(arts) - len(distinct),
        "outlets": sorted({a["outlet"] for a in arts if a["outlet"]}),
        "first": dates[0] if dates else None,
        "last": dates[-1] if dates else None,
        "title": arts[0]["title"],
        "entities": top,
        "items": [{k: a[k] for k in ("id", "source", "title", "outlet", "published", "dup_group")} for a in arts],
    }
