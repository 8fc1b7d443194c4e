"""The server-rendered pages, one router that `create_app` includes at /.

    pages_browse    /search, /article/{id}, /entity/{id}
    pages_tables    /quotes (+ .csv, .json), /outlets
    pages_analyze   /analyze (nothing stored)
    pages_review    /login, /logout, /review and the correction forms (--allow-edits only)

Templates are in templates/ (Jinja2, autoescaped), the stylesheet and the one
script in static/; charts are SVG drawn on the server (charts.py)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import APIRouter, FastAPI

from . import pages_analyze, pages_browse, pages_review, pages_tables
from .pages_common import error_page


@asynccontextmanager
async def pages_lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Errors outside /api (an unknown page, a malformed parameter) as the pages' error
    page rather than JSON: `errors` calls `app.state.error_page` when it is set."""
    app.state.error_page = error_page
    yield


router = APIRouter(include_in_schema=False, lifespan=pages_lifespan)
router.include_router(pages_browse.router)
router.include_router(pages_tables.router)
router.include_router(pages_analyze.router)
router.include_router(pages_review.router)
