"""Human judgements about quotes: the right speaker, or "not a quote".

Input: a stored quote (article id, its number there), the correction, who made
it. Output: a `quote_judgements` row (who, when, what it replaced) and the quote
row changed to show it: `speaker_*` columns rewritten, or `rejected = 1`, with
`judged` naming the judgement. Queries read the quote rows as they always did
(and leave rejected ones out), so every list, dossier and count honours the
correction without a join.

Why it lasts:
- re-ingest: an unchanged article is not rewritten, so its corrected rows stay;
- re-linking: the speaker is kept as the article's own entity (`speaker_local_id`,
  stable), so it follows whatever corpus entity linking gives that entity;
- a new version of the same source (the file edited): `carry_over` finds each
  judged quote again by its folded words, and the speaker by name among the new
  article's entities, and applies the latest judgement there too."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from datetime import UTC, datetime

from . import stats
from .errors import CorpusError
from .identity import name_key
from .store import transaction

SPEAKER_COLUMNS = ("speaker_name", "speaker_mention", "speaker_local_id", "speaker_start", "speaker_end")
MAX_USER_CHARS = 100


def content_key(content: str) -> str:
    """A quote's words with whitespace and case set aside (as `queries.quotes` groups copies)."""
    return " ".join(content.split()).casefold()


def judge(
    conn: sqlite3.Connection,
    article_id: str,
    n: int,
    *,
    speaker: str | None = None,
    speaker_entity_ids: Sequence[str] = (),
    not_quote: bool = False,
    user: str,
    note: str | None = None,
) -> dict:
    """Record one correction of quote `n` of `article_id` and apply it. Returns the quote row.

    `speaker` is the right speaker's name; `speaker_entity_ids` the corpus entities
    that name may denote (the caller resolves it): the article's own entity among
    them (or one going by that name) becomes the speaker, else the quote keeps the
    name without an entity. Call outside a transaction."""
    user = " ".join((user or "").split())[:MAX_USER_CHARS]
    if not user:
        raise CorpusError("a correction needs the name of who makes it")
    if not_quote == bool(speaker):
        raise CorpusError("say either who the speaker is or that it is not a quote")
    q = conn.execute("SELECT * FROM quotes WHERE article_id = ? AND n = ?", (article_id, n)).fetchone()
    if q is None:
        raise CorpusError(f"no quote {n} in article {article_id}")
    local = _local_entity(conn, article_id, speaker, speaker_entity_ids) if speaker else None
    source = conn.execute(
        "SELECT source FROM versions WHERE article_id = ? ORDER BY version DESC LIMIT 1", (article_id,)
    ).fetchone()
    before = _speaker_entity(conn, q)
    with transaction(conn):
        cur = conn.execute(
            "INSERT INTO quote_judgements (article_id, quote_n, source, content_key, kind, speaker_name,"
            " speaker_local_id, previous, user, at, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                article_id,
                n,
                source[0] if source else None,
                content_key(q["content"]),
                "not_quote" if not_quote else "speaker",
                " ".join(speaker.split()) if speaker else None,
                local,
                json.dumps({c: q[c] for c in SPEAKER_COLUMNS}, ensure_ascii=False),
                user,
                datetime.now(UTC).isoformat(timespec="seconds"),
                note,
            ),
        )
        _apply(conn, article_id, n, cur.lastrowid)
        after = _speaker_entity(
            conn, conn.execute("SELECT * FROM quotes WHERE article_id = ? AND n = ?", (article_id, n)).fetchone()
        )
        _refresh_stats(conn, article_id, n, {before, after})
    return dict(conn.execute("SELECT * FROM quotes WHERE article_id = ? AND n = ?", (article_id, n)).fetchone())


def judgements(conn: sqlite3.Connection, article_id: str | None = None) -> list[dict]:
    """Every quote judgement (of one article when given), newest first."""
    sql = "SELECT * FROM quote_judgements"
    params: tuple = ()
    if article_id:
        sql += " WHERE article_id = ?"
        params = (article_id,)
    out = []
    for r in conn.execute(sql + " ORDER BY n DESC", params):
        row = dict(r)
        row["previous"] = json.loads(row["previous"])
        out.append(row)
    return out


def carry_over(conn: sqlite3.Connection, article_id: str, source: str) -> int:
    """Apply to a newly stored article the latest judgement of each quote judged in
    an earlier version of `source` that it still has. Call inside the transaction
    storing it. Returns how many quotes it corrected."""
    latest: dict[str, sqlite3.Row] = {}
    for j in conn.execute(
        "SELECT * FROM quote_judgements WHERE source = ? AND article_id != ? ORDER BY n", (source, article_id)
    ):
        latest[j["content_key"]] = j
    if not latest:
        return 0
    done = 0
    for q in conn.execute("SELECT n, content FROM quotes WHERE article_id = ? ORDER BY n", (article_id,)).fetchall():
        j = latest.get(content_key(q["content"]))
        if j is not None:
            _apply(conn, article_id, q["n"], j["n"])
            done += 1
    return done


def _apply(conn: sqlite3.Connection, article_id: str, n: int, judgement: int | None) -> None:
    """Make quote `n` of `article_id` show judgement number `judgement`."""
    j = conn.execute("SELECT * FROM quote_judgements WHERE n = ?", (judgement,)).fetchone()
    if j["kind"] == "not_quote":
        conn.execute(
            "UPDATE quotes SET rejected = 1, judged = ? WHERE article_id = ? AND n = ?", (j["n"], article_id, n)
        )
        return
    q = conn.execute("SELECT start, end FROM quotes WHERE article_id = ? AND n = ?", (article_id, n)).fetchone()
    local = j["speaker_local_id"] if j["article_id"] == article_id else None
    if local is None:  # another version of the article: its entities have their own local ids
        local = _local_entity(conn, article_id, j["speaker_name"], [])
    mention = _nearest_mention(conn, article_id, local, q["start"]) if local else None
    conn.execute(
        "UPDATE quotes SET rejected = 0, judged = ?, speaker_name = ?, speaker_local_id = ?, speaker_mention = ?,"
        " speaker_start = ?, speaker_end = ? WHERE article_id = ? AND n = ?",
        (
            j["n"],
            j["speaker_name"],
            local,
            mention["text"] if mention else None,
            mention["start"] if mention else None,
            mention["end"] if mention else None,
            article_id,
            n,
        ),
    )


def _local_entity(conn: sqlite3.Connection, article_id: str, name: str | None, entity_ids: Sequence[str]) -> str | None:
    """The article's entity that is the speaker: one linked to a given corpus entity,
    else one whose name or alias has the same folded key as `name`."""
    rows = conn.execute(
        "SELECT local_id, name, aliases, entity_id FROM article_entities WHERE article_id = ?"
        " ORDER BY CAST(substr(local_id, 2) AS INTEGER)",
        (article_id,),
    ).fetchall()
    for r in rows:
        if r["entity_id"] and r["entity_id"] in entity_ids:
            return r["local_id"]
    key = name_key(name or "")
    for r in rows:
        if key and key in {name_key(x) for x in [r["name"], *json.loads(r["aliases"])]}:
            return r["local_id"]
    return None


def _nearest_mention(conn: sqlite3.Connection, article_id: str, local_id: str, at: int) -> sqlite3.Row | None:
    """The entity's mention closest to the quote (where a reader looks for its speaker)."""
    return conn.execute(
        "SELECT start, end, text FROM mentions WHERE article_id = ? AND local_id = ? ORDER BY abs(start - ?), start"
        " LIMIT 1",
        (article_id, local_id, at),
    ).fetchone()


def _speaker_entity(conn: sqlite3.Connection, q: sqlite3.Row) -> str | None:
    if not q["speaker_local_id"]:
        return None
    row = conn.execute(
        "SELECT entity_id FROM article_entities WHERE article_id = ? AND local_id = ?",
        (q["article_id"], q["speaker_local_id"]),
    ).fetchone()
    return row[0] if row else None


def _refresh_stats(conn: sqlite3.Connection, article_id: str, n: int, speakers: set[str | None]) -> None:
    """Popular entities keep their quote counts (`stats`): recount those the correction touched."""
    touched = {e for e in speakers if e}
    touched |= {
        r[0]
        for r in conn.execute(
            "SELECT ae.entity_id FROM quote_subjects s JOIN article_entities ae ON ae.article_id = s.article_id"
            " AND ae.local_id = s.local_id WHERE s.article_id = ? AND s.n = ? AND ae.entity_id IS NOT NULL",
            (article_id, n),
        )
    }
    for eid in sorted(touched):
        if stats.stored_stats(conn, eid) is not None:
            stats.store_stats(conn, eid)
