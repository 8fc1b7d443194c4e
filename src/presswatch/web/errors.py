"""Errors as JSON: `{"error": message, "status": code}` (plus `candidates` for an ambiguous name).

Corpus errors map to statuses here, once: an unknown name or article is 404, a
name that fits several entities 409 with the candidates, a malformed query 400,
a corpus file that cannot be opened 503. Validation errors stay 422 (FastAPI's
checks of parameters) but in the same shape."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..corpus import AmbiguousName, CorpusError, StoreError

log = logging.getLogger("presswatch.web")


class NotFound(CorpusError):
    """An article, entity or judgement the corpus does not hold (404)."""


class BadQuery(CorpusError):
    """A request the corpus cannot answer as asked (400)."""


def error_response(status: int, message: str, **extra) -> JSONResponse:
    return JSONResponse({"error": message, "status": status, **extra}, status_code=status)


def install(app: FastAPI) -> None:
    """Register the handlers that turn exceptions into JSON errors."""

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        response = error_response(exc.status_code, str(exc.detail))
        for k, v in (exc.headers or {}).items():
            response.headers[k] = v
        return response

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        details = [{"where": list(e.get("loc", ())), "problem": e.get("msg", "")} for e in exc.errors()]
        return error_response(422, "invalid parameters", details=details)

    @app.exception_handler(AmbiguousName)
    async def ambiguous(request: Request, exc: AmbiguousName) -> JSONResponse:
        candidates = [{k: c[k] for k in ("id", "name", "type", "articles") if k in c} for c in exc.candidates]
        return error_response(409, f"'{exc.name}' could be several entities; use an id", candidates=candidates)

    @app.exception_handler(StoreError)
    async def store_error(request: Request, exc: StoreError) -> JSONResponse:
        log.error("corpus: %s", exc)
        return error_response(503, "the corpus cannot be read now")

    @app.exception_handler(CorpusError)
    async def corpus_error(request: Request, exc: CorpusError) -> JSONResponse:
        # the corpus raises CorpusError for an unknown name or article and for a query it
        # cannot run; the first is a 404, the rest (an empty search, a bad split) a 400
        message = str(exc).replace(f" in {request.app.state.db_path}", "")  # no server paths to clients
        if isinstance(exc, NotFound) or (not isinstance(exc, BadQuery) and _is_unknown(message)):
            return error_response(404, message)
        return error_response(400, message)


def _is_unknown(message: str) -> bool:
    return message.startswith(("no entity", "no article", "unknown"))
