"""Weak ETags for GET answers, from the corpus file's data version.

The version is the size and modification time of the database file and of its
write-ahead log (any committed write changes one of them), plus the count of
edits this server made; the ETag is that version hashed with the request's path
and query. A request whose If-None-Match holds the current ETag gets 304 before
any query runs. `PRAGMA data_version` would not do: it is per connection, and
each request may get another connection from the pool.

The same key names a small in-memory cache of answers (`AnswerCache`, 64 MB by
default, least recently used out first): the corpus changes only when something
is ingested or corrected, and a popular entity's dossier is asked for again and
again, each time the same bytes. A changed corpus has a new version, so a stale
answer is never served; it just ages out. Answers carry `X-Cache: hit` or `miss`."""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from pathlib import Path

from starlette.datastructures import MutableHeaders
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

CACHED_PREFIXES = ("/api/",)
# Pages are the same bytes for every reader of a read-only server (no sign-in, no form
# tokens), so they are kept there too; a server that takes edits renders them per reader.
READ_ONLY_PAGE_PREFIXES = ("/search", "/entity/", "/article/", "/quotes", "/outlets")
UNCACHED_PREFIXES = ("/api/export/",)  # streamed, and as big as the corpus
CACHE_MB = 64
MAX_ANSWER_BYTES = 2**20  # a bigger answer is not kept


class AnswerCache:
    """Answers (status, headers, body) by ETag, least recently used out first, within a byte budget."""

    def __init__(self, max_bytes: int = CACHE_MB * 2**20):
        self.max_bytes = max_bytes
        self.size = 0
        self.answers: OrderedDict[str, tuple[list, bytes]] = OrderedDict()

    def get(self, key: str) -> tuple[list, bytes] | None:
        answer = self.answers.get(key)
        if answer is not None:
            self.answers.move_to_end(key)
        return answer

    def put(self, key: str, headers: list, body: bytes) -> None:
        if len(body) > min(MAX_ANSWER_BYTES, self.max_bytes) or key in self.answers:
            return
        self.answers[key] = (headers, body)
        self.size += len(body)
        while self.size > self.max_bytes:
            _, (_, old) = self.answers.popitem(last=False)
            self.size -= len(old)


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


class ETags:
    """Adds ETags to successful GETs under /api/ (and pages of a read-only server), answers 304 when the client has
    it, and serves and keeps answers in the `AnswerCache` (pure ASGI, like
    `security.SecurityHeaders`). The app's `state.answer_cache` is the cache, or None."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return
        path = scope["path"]
        request = Request(scope)
        if not (
            path.startswith(CACHED_PREFIXES)
            or (path.startswith(READ_ONLY_PAGE_PREFIXES) and not request.app.state.allow_edits)
        ):
            await self.app(scope, receive, send)
            return
        etag = etag_for(request)
        given = request.headers.get("if-none-match")
        if given and _matches(given, etag):
            await Response(status_code=304, headers={"ETag": etag})(scope, receive, send)
            return
        cache: AnswerCache | None = request.app.state.answer_cache
        if path.startswith(UNCACHED_PREFIXES) or scope["method"] != "GET":
            cache = None
        if cache is not None and (kept := cache.get(etag)) is not None:
            headers, body = kept
            await send({"type": "http.response.start", "status": 200, "headers": [*headers, (b"x-cache", b"hit")]})
            await send({"type": "http.response.body", "body": body})
            return
        keep: list | None = None  # the headers of an answer to keep, until its one body comes

        async def send_with_etag(message: Message) -> None:
            nonlocal keep
            if message["type"] == "http.response.start" and message["status"] == 200:
                headers = MutableHeaders(scope=message)
                headers["ETag"] = etag
                headers.setdefault("Cache-Control", "no-cache")  # revalidate every time: cheap with 304
                if cache is not None:
                    keep = list(message["headers"])
                    headers.append("X-Cache", "miss")
            elif message["type"] == "http.response.body" and keep is not None:
                if not message.get("more_body", False):  # answers in one piece only (never a stream)
                    cache.put(etag, keep, message.get("body", b""))  # type: ignore[union-attr]
                keep = None
            await send(message)

        await self.app(scope, receive, send_with_etag)
