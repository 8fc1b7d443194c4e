"""What every server-rendered page shares: the Jinja2 environment (autoescape on for
every template), and the error page.

Input: the FastAPI request (its app holds `state.db_path`, `state.allow_edits`,
`state.token`). Output: `render(...)` responses. (The corpus comes from `deps.get_corpus`.)"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlencode

import jinja2
from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from .security import TOKEN_COOKIE, csrf_token, token_is_valid

TEMPLATES = Path(__file__).parent / "templates"

# autoescape=True, not select_autoescape: every template here is HTML (or SVG inside it),
# whatever its file name, and article text is hostile until escaped.
env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True)
env.globals["urlencode"] = lambda params: urlencode({k: v for k, v in params.items() if v not in (None, "")})
templates = Jinja2Templates(env=env)


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
