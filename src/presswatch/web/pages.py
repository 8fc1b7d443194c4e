"""The server-rendered pages, one router that `create_app` includes at /.

    pages_browse    /search, /article/{id}, /entity/{id}
    pages_tables    /quotes (+ .csv, .json), /outlets
    pages_analyze   /analyze (nothing stored)
    pages_review    /login, /logout, /review and the correction forms (--allow-edits only)

Templates are in templates/ (Jinja2, autoescaped), the stylesheet and the one
script in static/; charts are SVG drawn on the server (charts.py)."""

from __future__ import annotations

from fastapi import APIRouter

from . import pages_analyze, pages_browse, pages_review, pages_tables

router = APIRouter(include_in_schema=False)
router.include_router(pages_browse.router)
router.include_router(pages_tables.router)
router.include_router(pages_analyze.router)
router.include_router(pages_review.router)
