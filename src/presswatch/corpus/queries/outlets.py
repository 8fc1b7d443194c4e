"""Who the outlets quote: per outlet, per speaker, how many quotes of each kind.

Input: an open corpus connection (and, for one person, their corpus entity id).
Output: plain dicts, biggest first. Only current articles count; syndicated
copies count once per outlet that printed them (each outlet chose to run it)."""

from __future__ import annotations

import sqlite3
from collections import defaultdict

KINDS = ("direct", "indirect", "mixed")

_ROWS = (
    "SELECT coalesce(a.outlet, '') AS outlet, ae.entity_id AS entity, e.name AS name, q.kind AS kind, count(*) AS n"
    " FROM quotes q JOIN articles a ON a.id = q.article_id"
    " LEFT JOIN article_entities ae ON ae.article_id = q.article_id AND ae.local_id = q.speaker_local_id"
    " LEFT JOIN entities e ON e.id = ae.entity_id"
    " WHERE a.current = 1 AND q.rejected = 0 {where} GROUP BY 1, 2, 4"  # rejected: "not a quote"
)


def outlets(conn: sqlite3.Connection, *, top: int | None = 10) -> list[dict]:
    """Each outlet with its quote counts by kind, its unattributed quotes, and its
    `top` (None: all) most quoted speakers (entity id, name, counts by kind); most quotes first."""
    table: dict[str, dict] = {}
    speakers: dict[str, dict[str, dict]] = defaultdict(dict)
    for r in conn.execute(_ROWS.format(where="")):
        o = table.setdefault(r["outlet"], {"outlet": r["outlet"] or None, "quotes": 0, "unattributed": 0} | _zero())
        o["quotes"] += r["n"]
        o[_kind(r["kind"])] += r["n"]
        if r["entity"] is None:
            o["unattributed"] += r["n"]
            continue
        s = speakers[r["outlet"]].setdefault(r["entity"], {"id": r["entity"], "name": r["name"], "quotes": 0} | _zero())
        s["quotes"] += r["n"]
        s[_kind(r["kind"])] += r["n"]
    out = []
    for key, o in table.items():
        ranked = sorted(speakers[key].values(), key=lambda s: (-s["quotes"], s["name"] or "", s["id"]))
        out.append(o | {"speakers": ranked[:top], "speaker_count": len(ranked)})
    return sorted(out, key=lambda o: (-o["quotes"], o["outlet"] or ""))


def outlets_quoting(conn: sqlite3.Connection, entity_id: str) -> list[dict]:
    """The outlets that quote one entity, with counts by kind; most quotes first."""
    table: dict[str, dict] = {}
    # driven by the entity's own article entities (its index), as `quotes` reads a speaker's
    # quotes: the outer-joined form of _ROWS would read every quote of the corpus first
    for r in conn.execute(
        "SELECT coalesce(a.outlet, '') AS outlet, q.kind AS kind, count(*) AS n"
        " FROM article_entities ae INDEXED BY article_entities_entity_published"
        " JOIN quotes q ON q.article_id = ae.article_id AND q.speaker_local_id = ae.local_id"
        " JOIN articles a ON a.id = q.article_id"
        " WHERE ae.entity_id = ? AND a.current = 1 AND q.rejected = 0 GROUP BY 1, 2",
        (entity_id,),
    ):
        o = table.setdefault(r["outlet"], {"outlet": r["outlet"] or None, "quotes": 0} | _zero())
        o["quotes"] += r["n"]
        o[_kind(r["kind"])] += r["n"]
    return sorted(table.values(), key=lambda o: (-o["quotes"], o["outlet"] or ""))


def _zero() -> dict[str, int]:
    return dict.fromkeys(KINDS, 0)


def _kind(kind: str) -> str:
    return kind if kind in KINDS else "mixed"
