"""Errors as JSON: `{"error": message, "status": code}` (plus `candidates` for an ambiguous name).

Corpus errors map to statuses here, once: an unknown name or article is 404, a
name that fits several entities 409 with the candidates, a malformed query 400,
a corpus file that cannot be opened 503. Validation errors stay 422 (FastAPI's
checks of parameters) but in the same shape. Outside /api, the pages may render
errors themselves: they set `app.state.error_page(request, status, message)`."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..corpus import AmbiguousName, CorpusError, StoreError

log = logging.getLogger("presswatch.web")


class NotFound(CorpusError):
    """An article, entity or judgement the corpus does not hold (404)."""


class BadQuery(CorpusError):
    """A request the corpus cannot answer as asked (400)."""


def error_response(status: int, message: str, **extra) -> JSONResponse:
    return JSONResponse({"error": message, "status": status, **extra}, status_code=status)


def _respond(request: Request, status: int, message: str, **extra) -> Response:
    """JSON under /api; elsewhere the pages' own error page when they set one
    (`app.state.error_page(request, status, message) -> Response`), else JSON too."""
    page = getattr(request.app.state, "error_page", None)
    if page is not None and not request.url.path.startswith("/api"):
        return page(request, status, message)
    return error_response(status, message, **extra)


def install(app: FastAPI) -> None:
    """Register the handlers that turn exceptions into JSON errors."""

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        response = _respond(request, exc.status_code, str(exc.detail))
        for k, v in (exc.headers or {}).items():
            response.headers[k] = v
        return response

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        details = [{"where": list(e.get("loc", ())), "problem": e.get("msg", "")} for e in exc.errors()]
        return _respond(request, 422, "invalid parameters", details=details)

    @app.exception_handler(AmbiguousName)
    async def ambiguous(request: Request, exc: AmbiguousName) -> Response:
        candidates = [{k: c[k] for k in ("id", "name", "type", "articles") if k in c} for c in exc.candidates]
        return _respond(request, 409, f"'{exc.name}' could be several entities; use an id", candidates=candidates)

    @app.exception_handler(StoreError)
    async def store_error(request: Request, exc: StoreError) -> Response:
        log.error("corpus: %s", exc)
        return _respond(request, 503, "the corpus cannot be read now")

    @app.exception_handler(CorpusError)
    async def corpus_error(request: Request, exc: CorpusError) -> Response:
        # the corpus raises CorpusError for an unknown name or article and for a query it
        # cannot run; the first is a 404, the rest (an empty search, a bad split) a 400
        message = str(exc).replace(f" in {request.app.state.db_path}", "")  # no server paths to clients
        if isinstance(exc, NotFound) or (not isinstance(exc, BadQuery) and _is_unknown(message)):
            return _respond(request, 404, message)
        return _respond(request, 400, message)


def _is_unknown(message: str) -> bool:
    return message.startswith(("no entity", "no article", "unknown"))
