"""Security for the web server: response headers, the edit token, CSRF tokens.

- `SecurityHeaders`: every response gets a Content-Security-Policy that forbids
  inline script and any origin but our own (hostile article text is escaped by the
  templates; the CSP is the second wall), plus X-Content-Type-Options,
  Referrer-Policy and X-Frame-Options.
- `require_token(request)`: edits need the server's token (PRESSWATCH_TOKEN), given
  as the header `Authorization: Bearer TOKEN` (API clients) or as the cookie
  `presswatch_token` (the pages, set by `set_token_cookie` after a login form).
  401 without a token, 403 with a wrong one or when the server is read-only.
  `require_editor` is the API's dependency: the token, plus CSRF for a cookie.
- CSRF: `csrf_token(request)` is a signed, timestamped token bound to the client's
  token cookie (HMAC-SHA256 with a per-process secret, stdlib `hmac`); forms carry
  it in a hidden field `csrf_token` (or the header X-CSRF-Token), and
  `check_csrf(request, value)` raises 403 unless it is valid and recent. A token
  sent as a cookie is only honoured together with a valid CSRF token.

Hand-written over stdlib `hmac` rather than itsdangerous or starlette-csrf: the
whole need is one HMAC and one comparison, and neither package is a dependency."""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time

from fastapi import HTTPException, Request
from starlette.datastructures import MutableHeaders
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)
# /docs (Swagger UI) loads its script and style from a CDN: the one page allowed them
DOCS_CSP = (
    "default-src 'self'; script-src 'self' https://cdn.jsdelivr.net; style-src 'self' https://cdn.jsdelivr.net; "
    "img-src 'self' data: https://fastapi.tiangolo.com; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
)
TOKEN_COOKIE = "presswatch_token"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "X-CSRF-Token"
CSRF_MAX_AGE = 8 * 3600  # seconds a form stays usable


class SecurityHeaders:
    """Adds the CSP and the other protective headers to every response (pure ASGI:
    Starlette's BaseHTTPMiddleware costs a task and a stream per request)."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        csp = DOCS_CSP if scope["path"] == "/docs" else CSP

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers.setdefault("Content-Security-Policy", csp)
                headers.setdefault("X-Content-Type-Options", "nosniff")
                headers.setdefault("Referrer-Policy", "no-referrer")
                headers.setdefault("X-Frame-Options", "DENY")
            await send(message)

        await self.app(scope, receive, send_with_headers)


def new_secret() -> bytes:
    """The per-process key of CSRF tokens (forms do not outlive a server restart by design)."""
    return secrets.token_bytes(32)


def _same(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode(), b.encode())


def require_token(request: Request) -> str:
    """Check the edit token; returns how it came ('header' or 'cookie').

    403 when the server is read-only (no --allow-edits), 401 without a token,
    403 with a wrong one. A cookie token must come with a valid CSRF token in the
    CSRF token: a caller that gets 'cookie' checks one with `check_csrf` (the API's
    review endpoints read the X-CSRF-Token header; forms their `csrf_token` field)."""
    state = request.app.state
    if not state.allow_edits or not state.token:
        raise HTTPException(403, "this server is read-only (start it with --allow-edits and PRESSWATCH_TOKEN)")
    auth = request.headers.get("authorization", "")
    if auth:
        scheme, _, given = auth.partition(" ")
        if scheme.lower() != "bearer" or not given.strip():
            raise HTTPException(401, "Authorization must be 'Bearer TOKEN'", headers={"WWW-Authenticate": "Bearer"})
        if not _same(given.strip(), state.token):
            raise HTTPException(403, "wrong token")
        return "header"
    cookie = request.cookies.get(TOKEN_COOKIE)
    if cookie:
        if not _same(cookie, state.token):
            raise HTTPException(403, "wrong token")
        return "cookie"
    raise HTTPException(401, "this needs the edit token", headers={"WWW-Authenticate": "Bearer"})


def require_editor(request: Request) -> None:
    """The dependency of the API's edit endpoints: the token, and with a cookie token
    also the X-CSRF-Token header (a header token cannot be sent by another site)."""
    if require_token(request) == "cookie":
        check_csrf(request, request.headers.get(CSRF_HEADER))


def token_is_valid(request: Request, given: str) -> bool:
    """Whether `given` (a login form's field) is the server's edit token."""
    token = request.app.state.token
    return bool(token) and bool(given) and _same(given, token)


def set_token_cookie(response: Response, token: str) -> None:
    """After a successful login form: the browser sends the token back as a cookie,
    never to another site (SameSite=Strict) and never to scripts (HttpOnly)."""
    response.set_cookie(TOKEN_COOKIE, token, httponly=True, samesite="strict", path="/")


def _signature(request: Request, stamp: str) -> str:
    binding = request.cookies.get(TOKEN_COOKIE, "")
    message = f"{stamp}|{hashlib.sha256(binding.encode()).hexdigest()}".encode()
    return hmac.new(request.app.state.secret, message, hashlib.sha256).hexdigest()


def csrf_token(request: Request) -> str:
    """A CSRF token for a form shown to this client: 'timestamp.signature'."""
    stamp = str(int(time.time()))
    return f"{stamp}.{_signature(request, stamp)}"


def check_csrf(request: Request, form_value: str | None) -> None:
    """403 unless `form_value` is a CSRF token this server gave this client in the last hours."""
    stamp, _, signature = (form_value or "").partition(".")
    if not stamp.isdigit() or not signature:
        raise HTTPException(403, "missing or malformed CSRF token; reload the form")
    if time.time() - int(stamp) > CSRF_MAX_AGE:
        raise HTTPException(403, "the form has expired; reload it")
    if not _same(signature, _signature(request, stamp)):
        raise HTTPException(403, "invalid CSRF token; reload the form")


MAX_BODY_BYTES = 6 * 1024 * 1024  # an upload: the 5 MB an article may have, plus the form around it


class BodyLimit:
    """Refuses a request body over `max_bytes` with 413: by its Content-Length when it
    gives one, else by counting the chunks as they arrive (pure ASGI, so nothing
    beyond the limit is ever read into memory)."""

    def __init__(self, app: ASGIApp, max_bytes: int = MAX_BODY_BYTES):
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = dict(scope.get("headers") or ()).get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_bytes):
            await _too_large(send, self.max_bytes)
            return
        seen = 0
        started = False

        async def counted_receive() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    raise _TooLarge(self.max_bytes)
            return message

        async def tracked_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted_receive, tracked_send)
        except _TooLarge:
            if not started:
                await _too_large(send, self.max_bytes)


class _TooLarge(HTTPException):
    """Raised while reading a body past the limit: an HTTPException, so that FastAPI
    (which turns other errors met while parsing a body into 400) answers 413."""

    def __init__(self, max_bytes: int):
        super().__init__(413, f"the request body is over {max_bytes // 2**20} MB")


async def _too_large(send: Send, max_bytes: int) -> None:
    import json

    body = json.dumps({"error": f"the request body is over {max_bytes // 2**20} MB", "status": 413}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())],
        }
    )
    await send({"type": "http.response.body", "body": body})
