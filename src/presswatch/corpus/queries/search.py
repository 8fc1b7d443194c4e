"""Full-text search over article text, quotes and entity names, in any alphabet.

Input: a query as typed. Output: hits (dicts) ranked by BM25 over the `search`
FTS5 table, with a snippet and, for articles and quotes, the article's title,
outlet, date and source."""

from __future__ import annotations

import re
import sqlite3

from rigour.text import ascii_text

from ..errors import CorpusError
from .current import SEARCH_ROW_IS_CURRENT, source_of
from .lookups import entities_named

NAMED_ENTITIES = 3  # at most this many entities a query names add their spellings
SPELLINGS = 12  # the most used spellings of each


def search(conn: sqlite3.Connection, query: str, *, limit: int = 20, max_candidates: int | None = 5000) -> list[dict]:
    """Hits for `query`, best first.

    The query is matched as written and transliterated to Latin; a query that
    names an entity also matches its other spellings. Hits are ranked by BM25
    among the newest `max_candidates` matching rows (None: among all): ranking
    costs time per match, and a popular name matches most of a big corpus.

    Only current articles, their quotes and the entities they name are found:
    a superseded version keeps its index rows (history; a file put back as it
    was is current again without indexing it anew), and they are left out here.

    The query is words, never FTS5 syntax: quotes, '*', '^', ':', AND/OR/NOT/NEAR
    and parentheses are separators or plain words (see `_match_expression`)."""
    match = _match_expression(conn, query)
    try:
        rows = _ranked_rows(conn, match, limit, max_candidates)
    except sqlite3.OperationalError as exc:
        if "fts5" not in str(exc):
            raise
        # cannot happen with the quoting below; if it ever does, it is one line, not a traceback
        raise CorpusError(f"cannot search for {query!r}: {exc}") from None
    return [_hit(conn, r) for r in rows]


def _ranked_rows(conn: sqlite3.Connection, match: str, limit: int, max_candidates: int | None) -> list[sqlite3.Row]:
    """The `limit` best current rows for `match` among the newest `max_candidates`
    matching rows, with their snippets.

    Ranking reads only FTS5's index; whether a row is current needs its kind and
    ref, which FTS5 keeps with the row's text, so that is asked of the rows
    ranked best only (a few more each round while superseded ones are met),
    never of every match: the filter over all matches tripled the time of a search."""
    # Rank first, then make snippets for the hits shown only: a snippet re-reads and
    # re-tokenises its row, and ORDER BY would otherwise make one for every match.
    floor = -(2**63)
    if max_candidates:
        row = conn.execute(
            "SELECT rowid FROM search WHERE search MATCH ? ORDER BY rowid DESC LIMIT 1 OFFSET ?",
            (match, max_candidates - 1),
        ).fetchone()
        floor = row[0] if row else floor  # fewer matches than that: rank them all
    rows: list[sqlite3.Row] = []
    offset, batch = 0, limit
    while len(rows) < limit:
        ranked = conn.execute(
            "SELECT rowid, bm25(search, 0, 0, 5.0, 1.0, 1.0) AS score FROM search WHERE search MATCH ?"
            " AND rowid >= ? ORDER BY score, rowid DESC LIMIT ? OFFSET ?",  # a total order: pages never overlap
            (match, floor, batch, offset),
        ).fetchall()
        # One snippet query per hit, the rowid pinned: joining the ranked rowids back under
        # the MATCH walked every match of a popular name again.
        for rowid, score in ranked:
            row = conn.execute(
                "SELECT kind, ref, title, snippet(search, -1, '[', ']', '…', 14) AS snippet, ? AS score"
                f" FROM search WHERE search MATCH ? AND rowid = ? AND {SEARCH_ROW_IS_CURRENT}",
                (score, match, rowid),
            ).fetchone()
            if row is not None and len(rows) < limit:
                rows.append(row)
        if len(ranked) < batch:
            break
        offset, batch = offset + batch, batch * 2  # superseded rows among the best: look further
    return rows


def _match_expression(conn: sqlite3.Connection, query: str) -> str:
    """The FTS5 MATCH expression: the query's words as a phrase, in every spelling it has.

    Only the query's words (runs of letters and digits) reach FTS5, each as a quoted
    string: whatever else the user typed cannot be read as FTS5 syntax."""
    words = re.findall(r"\w+", query)
    if not words:
        raise CorpusError(f"nothing to search for in {query!r}: it has no letters or digits")
    variants = {" ".join(words), " ".join(re.findall(r"\w+", ascii_text(query)))}
    # the other spellings of the (at most 3 best-known) entities so named: an acronym
    # like "UHC" may fit a dozen bodies, and every phrase more costs a pass over the index
    named = entities_named(conn, query)
    if len(named) > NAMED_ENTITIES:
        named = [
            r[0]
            for r in conn.execute(
                f"SELECT id FROM entities WHERE id IN ({','.join('?' * len(named))})"
                f" ORDER BY articles DESC, id LIMIT {NAMED_ENTITIES}",
                named,
            )
        ]
    for ent in named:
        for (nm,) in conn.execute(
            f"SELECT name FROM entity_names WHERE entity_id = ? ORDER BY mentions DESC LIMIT {SPELLINGS}", (ent,)
        ):
            variants.add(" ".join(re.findall(r"\w+", nm)))
            variants.add(" ".join(re.findall(r"\w+", ascii_text(nm))))
    alternatives = []
    for v in sorted(x for x in variants if x.strip()):
        alternatives.append("(" + " ".join('"' + w.replace('"', '""') + '"' for w in v.split()) + ")")
    return "{title body latin} : (" + " OR ".join(alternatives) + ")"


def _hit(conn: sqlite3.Connection, r: sqlite3.Row) -> dict:
    hit = {
        "kind": r["kind"],
        "ref": r["ref"],
        "title": r["title"],
        "snippet": r["snippet"],
        "score": round(-r["score"], 3),
    }
    if r["kind"] in ("article", "quote"):
        a = conn.execute(
            f"SELECT a.title, a.outlet, a.published, {source_of('a.id')} AS source FROM articles a WHERE a.id = ?",
            (r["ref"].split(":")[0],),
        ).fetchone()
        if a:
            hit.update(article_title=a["title"], outlet=a["outlet"], published=a["published"], source=a["source"])
    return hit
