"""The fetch state of URLs, kept in the store: the `FetchMemory` of `io.listings.Reader`.

Input: what the Reader fetched (`Fetched`) or why it failed. Output: one row per
URL in `fetch_state` (kind, ETag, Last-Modified, last status, time, content id,
error; migration 0013) and, for a failed fetch, one row in `failures` of kind
'fetch' (a page) or 'feed' (a feed or sitemap), whose `attempts` counts the runs
that tried. A fetch that succeeds again removes that row. A fetch failure's row
is keyed like the pipeline's own row for an input that could not be read (the
content id of the URL itself), so the ingest writes no second row for it.

A page counts as stored when its last content is the current article at the URL,
or failed analysis there: only then is it not fetched again (see `Reader`)."""

from __future__ import annotations

import sqlite3

from ..document import content_id
from ..io.fetch import Fetched
from ..io.listings import LISTING_KINDS, Known
from . import write
from .store import transaction

NOW = "strftime('%Y-%m-%dT%H:%M:%SZ')"


def fetch_failure_id(url: str) -> str:
    """The failures row key of a URL that gave no content (as `pipeline.prepare` names it)."""
    return content_id(url.encode("utf-8", "replace"))


class FetchState:
    """The fetch state of one corpus (one connection)."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn

    def known(self, url: str) -> Known | None:
        row = self.conn.execute(
            "SELECT kind, etag, last_modified, content_id, listed_modified, error FROM fetch_state WHERE url = ?",
            (url,),
        ).fetchone()
        if row is None:
            return None
        cid = row["content_id"]
        stored = cid is not None and (
            write.current_article(self.conn, url) == cid or write.failure(self.conn, url, cid) is not None
        )
        return Known(
            kind=row["kind"],
            content_id=cid,
            etag=row["etag"],
            last_modified=row["last_modified"],
            stored=stored,
            failed=row["error"] is not None,
            listed_modified=row["listed_modified"],
        )

    def remember(self, got: Fetched, kind: str, content_id: str | None, listed_modified: str | None = None) -> None:
        """A good answer (200, or 304 for what we had): its validators, the stamp its listing
        gave it, and no failure left."""
        with transaction(self.conn):
            self.conn.execute(
                f"""INSERT INTO fetch_state
                    (url, kind, etag, last_modified, status, fetched_at, content_id, listed_modified, error)
                VALUES (?, ?, ?, ?, ?, {NOW}, ?, ?, NULL)
                ON CONFLICT (url) DO UPDATE SET
                    kind = excluded.kind, status = excluded.status, fetched_at = excluded.fetched_at, error = NULL,
                    content_id = coalesce(excluded.content_id, fetch_state.content_id),
                    listed_modified = coalesce(excluded.listed_modified, fetch_state.listed_modified),
                    -- a 304 need not repeat the validators: keep the ones it answered to
                    etag = CASE WHEN excluded.status = 304 THEN coalesce(excluded.etag, fetch_state.etag)
                                ELSE excluded.etag END,
                    last_modified = CASE WHEN excluded.status = 304
                                THEN coalesce(excluded.last_modified, fetch_state.last_modified)
                                ELSE excluded.last_modified END""",
                (got.url, kind, got.etag, got.last_modified, got.status, content_id, listed_modified),
            )
            self.conn.execute("DELETE FROM failures WHERE source = ? AND kind IN ('fetch', 'feed')", (got.url,))

    def note_listed(self, url: str, listed_modified: str) -> None:
        """The modification stamp a listing gives a stored page, to compare with next time."""
        with transaction(self.conn):
            self.conn.execute("UPDATE fetch_state SET listed_modified = ? WHERE url = ?", (listed_modified, url))

    def remember_failure(self, url: str, error: str, status: int | None, kind: str) -> None:
        """A failed fetch or an unreadable listing: the state says so, and a failures row counts the attempts."""
        with transaction(self.conn):
            self.conn.execute(
                f"""INSERT INTO fetch_state (url, kind, status, fetched_at, error) VALUES (?, ?, ?, {NOW}, ?)
                ON CONFLICT (url) DO UPDATE SET
                    kind = excluded.kind, status = excluded.status, fetched_at = excluded.fetched_at,
                    error = excluded.error""",
                (url, kind, status, error),
            )
            self.conn.execute(
                f"""INSERT INTO failures (source, content_id, error, kind, attempts, at) VALUES (?, ?, ?, ?, 1, {NOW})
                ON CONFLICT (source, content_id) DO UPDATE SET
                    error = excluded.error, kind = excluded.kind, attempts = failures.attempts + 1, at = excluded.at""",
                (url, fetch_failure_id(url), error, "feed" if kind in LISTING_KINDS else "fetch"),
            )
