"""Corrections through the pages (only with --allow-edits and PRESSWATCH_TOKEN).

    GET/POST /login   the token entered once; it comes back as an HttpOnly,
                      SameSite=Strict cookie (security.set_token_cookie), with the
                      reviewer's name in a second one (who made each correction)
    POST /logout      both cookies dropped
    GET /review       the forms: merge, split, rename entities; a quote's speaker
    POST /review/...  merge, split, rename, quote: each form carries its CSRF token
                      (security.csrf_token / check_csrf) and calls the same `Corpus`
                      method as the CLI and the API, then redirects to the result

Every POST checks the token (401 without, 403 wrong or read-only) and the CSRF token."""

from __future__ import annotations

from urllib.parse import quote as urlquote
from urllib.parse import unquote

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from ..corpus.errors import AmbiguousName, CorpusError
from .deps import writable_corpus
from .pages_common import error_page, render
from .security import TOKEN_COOKIE, check_csrf, require_token, set_token_cookie, token_is_valid

router = APIRouter()

USER_COOKIE = "presswatch_user"


def signed_in(request: Request) -> bool:
    return token_is_valid(request, request.cookies.get(TOKEN_COOKIE, ""))


def reviewer(request: Request) -> str:
    return unquote(request.cookies.get(USER_COOKIE, "")) or "web"


def _safe_next(target: str) -> str:
    """Only a path on this site (no //host, no scheme): an open redirect is a phishing aid."""
    return target if target.startswith("/") and not target.startswith("//") and "\\" not in target else "/review"


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, next: str = "/review") -> HTMLResponse:
    if not request.app.state.allow_edits:
        return error_page(request, 403, "this server is read-only (start it with --allow-edits and PRESSWATCH_TOKEN)")
    return render(request, "login.html", title="Sign in to review", next=_safe_next(next))


@router.post("/login", response_model=None)
def login(
    request: Request,
    token: str = Form(""),
    user: str = Form(""),
    csrf_token: str = Form(""),
    next: str = Form("/review"),
) -> Response:
    if not request.app.state.allow_edits:
        return error_page(request, 403, "this server is read-only (start it with --allow-edits and PRESSWATCH_TOKEN)")
    try:
        check_csrf(request, csrf_token)
    except HTTPException as exc:
        return error_page(request, exc.status_code, str(exc.detail))
    if not token:
        return render(
            request,
            "login.html",
            status_code=401,
            title="Sign in",
            next=_safe_next(next),
            message="the token is needed",
        )
    if not token_is_valid(request, token):
        return render(
            request, "login.html", status_code=403, title="Sign in", next=_safe_next(next), message="wrong token"
        )
    response = RedirectResponse(_safe_next(next), status_code=303)
    set_token_cookie(response, token)
    name = " ".join(user.split())[:80]
    if name:
        response.set_cookie(USER_COOKIE, urlquote(name), httponly=True, samesite="strict", path="/")
    return response


@router.post("/logout")
def logout(request: Request, csrf_token: str = Form("")) -> Response:
    try:
        check_csrf(request, csrf_token)
    except HTTPException as exc:
        return error_page(request, exc.status_code, str(exc.detail))
    response = RedirectResponse("/search", status_code=303)
    response.delete_cookie(TOKEN_COOKIE, path="/")
    response.delete_cookie(USER_COOKIE, path="/")
    return response


@router.get("/review", response_model=None)
def review_page(request: Request, entity: str = "") -> Response:
    if not request.app.state.allow_edits:
        return error_page(request, 403, "this server is read-only (start it with --allow-edits and PRESSWATCH_TOKEN)")
    if not signed_in(request):
        return RedirectResponse("/login?next=/review", status_code=303)
    return render(request, "review.html", title="Review", entity=entity)


def _editor(request: Request, csrf: str) -> None:
    """The token (cookie) and the form's CSRF token, or an HTTPException."""
    require_token(request)
    check_csrf(request, csrf)


def _apply(request: Request, csrf: str, action, redirect) -> Response:
    """Check, run `action(corpus)` on a writable corpus, redirect to `redirect(result)`."""
    try:
        _editor(request, csrf)
        with writable_corpus(request) as corpus:
            result = action(corpus)
    except HTTPException as exc:
        return error_page(request, exc.status_code, str(exc.detail))
    except AmbiguousName as exc:
        return render(
            request, "choose.html", status_code=409, title="Which one?", name=exc.name, candidates=exc.candidates
        )
    except CorpusError as exc:
        return error_page(request, 400, str(exc))
    return RedirectResponse(redirect(result), status_code=303)


@router.post("/review/merge", response_model=None)
def merge(request: Request, a: str = Form(...), b: str = Form(...), csrf_token: str = Form("")) -> Response:
    return _apply(request, csrf_token, lambda c: c.merge(a, b), lambda e: f"/entity/{urlquote(e['id'])}")


@router.post("/review/rename", response_model=None)
def rename(request: Request, entity: str = Form(...), name: str = Form(...), csrf_token: str = Form("")) -> Response:
    return _apply(request, csrf_token, lambda c: c.rename(entity, name), lambda e: f"/entity/{urlquote(e['id'])}")


@router.post("/review/split", response_model=None)
def split(
    request: Request,
    entity: str = Form(...),
    articles: str = Form(""),
    aliases: str = Form(""),
    csrf_token: str = Form(""),
) -> Response:
    """Articles: ids separated by spaces or commas; aliases: one name a line."""
    ids = [a for a in articles.replace(",", " ").split() if a]
    names = [n.strip() for n in aliases.splitlines() if n.strip()]
    return _apply(
        request,
        csrf_token,
        lambda c: c.split(entity, articles=ids, aliases=names),
        lambda pair: f"/entity/{urlquote(pair[1]['id'])}",
    )


@router.post("/review/quote", response_model=None)
def quote(
    request: Request,
    article_id: str = Form(...),
    n: int = Form(...),
    speaker: str = Form(""),
    not_quote: str = Form(""),
    note: str = Form(""),
    csrf_token: str = Form(""),
) -> Response:
    """A quote's speaker fixed (a name or id), or the quote marked "not a quote"."""
    return _apply(
        request,
        csrf_token,
        lambda c: c.judge_quote(
            article_id, n, speaker=speaker or None, not_quote=bool(not_quote), user=reviewer(request), note=note or None
        ),
        lambda _: f"/article/{urlquote(article_id)}#q{n}",
    )
