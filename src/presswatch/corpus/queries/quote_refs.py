"""Quotes by their stored number: by search reference ('<article id>:<n>'), and the
numbers of one article's quotes.

Input: refs as `search` hits give them, or an article id. Output: {ref: quote dict}
for those found (the search page shows a quote hit's words even when the match was
its speaker's name); the numbers `n` of an article's quotes in the order
`documents.document` lists them (a quote judged "not a quote" leaves a gap, and a
correction names a quote by its number)."""

from __future__ import annotations

import json
import sqlite3


def quotes_by_ref(conn: sqlite3.Connection, refs: list[str]) -> dict[str, dict]:
    pairs = [[r.split(":")[0], int(r.split(":")[1])] for r in refs if r.count(":") == 1 and r.split(":")[1].isdigit()]
    out = {}
    for r in conn.execute(
        "SELECT q.article_id, q.n, q.kind, q.content, q.cue, q.speaker_name, ae.entity_id AS speaker_entity"
        " FROM json_each(?) j JOIN quotes q ON q.article_id = j.value ->> 0 AND q.n = j.value ->> 1"
        " LEFT JOIN article_entities ae ON ae.article_id = q.article_id AND ae.local_id = q.speaker_local_id"
        " WHERE q.rejected = 0",
        (json.dumps(pairs),),
    ):
        out[f"{r['article_id']}:{r['n']}"] = dict(r)
    return out


def quote_numbers(conn: sqlite3.Connection, article_id: str) -> list[int]:
    """The stored numbers of the article's quotes, as `documents.document` lists them."""
    return [
        r[0]
        for r in conn.execute("SELECT n FROM quotes WHERE article_id = ? AND rejected = 0 ORDER BY n", (article_id,))
    ]
