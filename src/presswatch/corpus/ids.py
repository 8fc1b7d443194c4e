"""Stable corpus entity ids: which id each cluster of a link pass gets, and the
registry of every id ever issued (`entity_ids`).

Input: the groups a link pass made of one block (lists of article entity keys).
Output: one id per group, with the registry updated. The rules, written out in
docs/identity.md (Stable ids):

- Every id is anchored at one article entity, its anchor, and stays with the
  group that holds it: adding, re-ingesting or re-linking articles renames nothing.
- A group holding the anchors of several live ids (a merge) keeps the oldest one,
  by its anchor's first-seen order (the article stored first, then local id); the
  others become aliases of it (`merged_into`), and still resolve.
- A group holding no live anchor takes back the oldest alias anchored in it (a
  merge undone gives the old id back), else gets a new id anchored at its
  first-seen member: "E" + 10 hex digits of a hash of that article entity's key,
  salted while it names an id issued before, so no id is ever reused.

So an id depends only on the order articles were stored in, and a bulk ingest
gives the same ids as the same articles ingested one by one (the registry then
also remembers the ids issued in between and merged since)."""

from __future__ import annotations

import hashlib
import itertools
import json
import sqlite3
from collections import defaultdict
from collections.abc import Iterable

from .identity import Key

# an article entity's first-seen order: (articles.seen of its article, its local id)
Order = tuple[int, str]


def hashed_id(key: Key, salt: int = 0) -> str:
    """The id a new entity anchored at `key` gets (salt 0), or its n-th alternative."""
    text = f"{key[0]}:{key[1]}" if not salt else f"{key[0]}:{key[1]}:{salt}"
    return "E" + hashlib.sha256(text.encode()).hexdigest()[:10]


def issue(conn: sqlite3.Connection, anchor: Key) -> str:
    """Register a new id anchored at `anchor`: one no entity ever had."""
    for salt in itertools.count():
        ent_id = hashed_id(anchor, salt)
        if conn.execute("SELECT 1 FROM entity_ids WHERE id = ?", (ent_id,)).fetchone() is None:
            conn.execute("INSERT INTO entity_ids (id, article_id, local_id) VALUES (?, ?, ?)", (ent_id, *anchor))
            return ent_id
    raise AssertionError("unreachable")


def first_seen(conn: sqlite3.Connection, articles: Iterable[str]) -> dict[str, int]:
    """The order each article was first stored in (`articles.seen`)."""
    return {
        a: seen
        for a, seen in conn.execute(
            "SELECT a.id, a.seen FROM json_each(?) j JOIN articles a ON a.id = j.value",
            (json.dumps(sorted(set(articles))),),
        )
    }


def anchored_in(conn: sqlite3.Connection, keys: Iterable[Key]) -> dict[Key, list[tuple[str, str | None]]]:
    """The registered ids anchored at these article entities: key -> [(id, merged_into)]."""
    found: dict[Key, list[tuple[str, str | None]]] = defaultdict(list)
    for ent_id, a, lo, merged in conn.execute(
        "SELECT r.id, r.article_id, r.local_id, r.merged_into FROM json_each(?) j JOIN entity_ids r"
        " ON r.article_id = j.value ->> 0 AND r.local_id = j.value ->> 1",
        (json.dumps(sorted(keys)),),
    ):
        found[(a, lo)].append((ent_id, merged))
    return found


def assign(conn: sqlite3.Connection, groups: list[list[Key]]) -> tuple[list[str], set[str]]:
    """The id of each group of one re-clustered block, in order, and every id anchored
    in the block (the caller drops their old entity rows). Call inside a transaction."""
    anchored = anchored_in(conn, (k for g in groups for k in g))
    # first-seen orders are needed for the anchors, and for the members of groups without one
    needed = {k[0] for k in anchored} | {k[0] for g in groups if not any(k in anchored for k in g) for k in g}
    seen = first_seen(conn, needed)

    def order(key: Key) -> Order:
        return seen[key[0]], key[1]

    chosen = []
    for group in groups:
        held = sorted((order(k), ent_id, merged) for k in group for ent_id, merged in anchored.get(k, ()))
        live = [h for h in held if h[2] is None]
        if live or held:  # the oldest live id; with none, the oldest alias comes back
            keep = (live or held)[0][1]
        else:
            keep = issue(conn, min(group, key=order))
        for _, other, _ in held:
            if other != keep:  # an alias follows its anchor; aliases of a merged id follow it
                conn.execute(
                    "UPDATE entity_ids SET merged_into = ? WHERE id = ? OR merged_into = ?", (keep, other, other)
                )
        conn.execute("UPDATE entity_ids SET merged_into = NULL WHERE id = ?", (keep,))
        chosen.append(keep)
    return chosen, {ent_id for ids in anchored.values() for ent_id, _ in ids}


def keep_with(conn: sqlite3.Connection, ent_id: str, sides: tuple[list[Key], list[Key]]) -> None:
    """A split of `ent_id` into two sides: the larger side keeps the id (on a tie, the
    older one: the side holding the first-seen member). Its anchor moves to that side's
    first-seen member when it is on the other side; the other side gets a new id when
    it is linked."""
    seen = first_seen(conn, (k[0] for side in sides for k in side))

    def order(key: Key) -> Order:
        return seen[key[0]], key[1]

    keeper = min(sides, key=lambda side: (-len(side), min(map(order, side))))
    anchor = conn.execute("SELECT article_id, local_id FROM entity_ids WHERE id = ?", (ent_id,)).fetchone()
    if anchor is not None and (anchor[0], anchor[1]) in keeper:
        return
    conn.execute(
        "INSERT INTO entity_ids (id, article_id, local_id) VALUES (?, ?, ?)"
        " ON CONFLICT (id) DO UPDATE SET article_id = excluded.article_id, local_id = excluded.local_id",
        (ent_id, *min(keeper, key=order)),
    )


def merged_into(conn: sqlite3.Connection, ent_id: str) -> str | None:
    """The id an old, merged id now stands for (None when it was never merged)."""
    row = conn.execute("SELECT merged_into FROM entity_ids WHERE id = ?", (ent_id,)).fetchone()
    return row[0] if row else None
