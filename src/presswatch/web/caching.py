"""Weak ETags for GET answers, from the corpus file's data version.

The version is the size and modification time of the database file and of its
write-ahead log (any committed write changes one of them), plus the count of
edits this server made; the ETag is that version hashed with the request's path
and query. A request whose If-None-Match holds the current ETag gets 304 before
any query runs. `PRAGMA data_version` would not do: it is per connection, and
each request may get another connection from the pool."""

from __future__ import annotations

import hashlib
from pathlib import Path

from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.requests import Request
from starlette.responses import Response

CACHED_PREFIXES = ("/api/",)


def data_version(db_path: Path, edits: int) -> str:
    """What changes whenever the corpus does."""
    parts = [str(edits)]
    for p in (db_path, db_path.with_name(db_path.name + "-wal")):
        try:
            st = p.stat()
            # an empty WAL is no WAL: the first reader creates one, and that changes no data
            parts.append(f"{st.st_size}:{st.st_mtime_ns}" if st.st_size else "-")
        except OSError:
            parts.append("-")
    return "/".join(parts)


def etag_for(request: Request) -> str:
    state = request.app.state
    key = f"{data_version(state.db_path, state.edits)}|{request.url.path}?{request.url.query}"
    return 'W/"' + hashlib.blake2b(key.encode(), digest_size=12).hexdigest() + '"'


def _matches(header: str, etag: str) -> bool:
    if header.strip() == "*":
        return True
    opaque = etag.removeprefix("W/")  # weak comparison: W/"x" matches "x" and W/"x"
    return any(t.strip().removeprefix("W/") == opaque for t in header.split(","))


class ETags(BaseHTTPMiddleware):
    """Adds ETags to successful GETs under /api/ and answers 304 when the client has it."""

    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        if request.method not in ("GET", "HEAD") or not request.url.path.startswith(CACHED_PREFIXES):
            return await call_next(request)
        etag = etag_for(request)
        given = request.headers.get("if-none-match")
        if given and _matches(given, etag):
            return Response(status_code=304, headers={"ETag": etag})
        response = await call_next(request)
        if response.status_code == 200:
            response.headers["ETag"] = etag
            response.headers.setdefault("Cache-Control", "no-cache")  # revalidate every time: cheap with 304
        return response
