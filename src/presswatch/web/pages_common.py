"""What every server-rendered page shares: the Jinja2 environment (autoescape on for
every template), answers kept until the corpus changes, and the error page.

Input: the FastAPI request (its app holds `state.db_path`, `state.allow_edits`,
`state.token`). Output: `render(...)` responses. (The corpus comes from `deps.get_corpus`.)"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar
from urllib.parse import urlencode

import jinja2
from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from .caching import data_version
from .security import TOKEN_COOKIE, csrf_token, token_is_valid

T = TypeVar("T")

TEMPLATES = Path(__file__).parent / "templates"

# autoescape=True, not select_autoescape: every template here is HTML (or SVG inside it),
# whatever its file name, and article text is hostile until escaped.
env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True)
env.globals["urlencode"] = lambda params: urlencode({k: v for k, v in params.items() if v not in (None, "")})
templates = Jinja2Templates(env=env)


KEPT_ANSWERS = 512  # answers `kept` holds for one version of the corpus


def kept(request: Request, key: tuple, compute: Callable[[], T]) -> T:
    """`compute()`, kept until the corpus changes (caching.data_version: the file, its WAL,
    this server's edits). For aggregates that read many rows and are the same for every
    visitor: the outlet table, the outlets quoting a popular person."""
    state = request.app.state
    version = data_version(state.db_path, state.edits)
    store = getattr(state, "kept_answers", None)
    if store is None or store[0] != version:
        store = (version, {})
        state.kept_answers = store  # one reference assignment: safe across the server's threads
    answers: dict = store[1]
    if key not in answers:
        if len(answers) >= KEPT_ANSWERS:
            answers.clear()
        answers[key] = compute()
    return answers[key]


def edits_allowed(request: Request) -> bool:
    return bool(getattr(request.app.state, "allow_edits", False)) and bool(getattr(request.app.state, "token", None))


def render(request: Request, template: str, status_code: int = 200, **context) -> HTMLResponse:
    """A page: `template` with `context`, plus what the layout needs."""
    context.setdefault("edits", edits_allowed(request))
    if context["edits"]:  # the forms' CSRF token, and whether the token cookie is there
        context.setdefault("csrf", csrf_token(request))
        context.setdefault("signed_in", token_is_valid(request, request.cookies.get(TOKEN_COOKIE, "")))
    return templates.TemplateResponse(request, template, context, status_code=status_code)


def error_page(request: Request, status_code: int, message: str) -> HTMLResponse:
    """The error page; the corpus's messages name its file, which a visitor need not see."""
    message = message.replace(f" in {request.app.state.db_path}", "")
    return render(request, "error.html", status_code=status_code, message=message, title=f"Error {status_code}")
