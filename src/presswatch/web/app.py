"""`create_app`: the FastAPI application over one corpus file.

Input: the corpus path, whether edits are allowed, the edit token. Output: an
app with the JSON API under /api (routers `api` and `review`), the pages at /
when `presswatch.web.pages` exists (the pages module is imported here, inside
`create_app`, so adding it needs no change to this file), /static from the
package, OpenAPI at /openapi.json, and the middleware of `security` and `caching`.

`app.state` holds: db_path, allow_edits, token, secret (CSRF key), edits (a
counter in the ETags), answer_cache (see `caching`; None when off), pool (read-only corpora, see `deps`), templates_dir and
static_dir (the package folders the pages use), error_page (None, or the pages'
function rendering an error outside /api: (request, status, message) -> Response)."""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from .. import __version__ as VERSION
from . import errors
from .caching import CACHE_MB, AnswerCache, ETags
from .deps import CorpusPool
from .security import BodyLimit, SecurityHeaders, new_secret

HERE = Path(__file__).parent
STATIC_DIR = HERE / "static"
TEMPLATES_DIR = HERE / "templates"


def create_app(
    db_path: str | Path,
    *,
    allow_edits: bool = False,
    token: str | None = None,
    cache_mb: int = CACHE_MB,
    secret: bytes | None = None,
) -> FastAPI:
    """The web application over the corpus at `db_path` (opened read-only per request),
    keeping up to `cache_mb` MB of answers (0: none; see `caching`). `secret` is the
    CSRF key (default: drawn now; `serve --workers` gives every process the same)."""
    if allow_edits and not token:
        raise ValueError("edits need a token (PRESSWATCH_TOKEN)")
    path = Path(db_path)
    pool = CorpusPool(path)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        pool.close()

    app = FastAPI(
        title="presswatch",
        version=VERSION,
        description="Who said what, about whom, where and when: the corpus as JSON.",
        lifespan=lifespan,
    )
    app.state.db_path = path
    app.state.allow_edits = allow_edits
    app.state.token = token
    app.state.secret = secret or new_secret()
    app.state.edits = 0
    app.state.pool = pool
    app.state.templates_dir = TEMPLATES_DIR
    app.state.static_dir = STATIC_DIR
    app.state.answer_cache = AnswerCache(cache_mb * 2**20) if cache_mb > 0 else None
    app.state.error_page = None  # the pages set a function (request, status, message) -> Response

    errors.install(app)
    # the last added runs first: BodyLimit, then the headers (so a 304 or an error has them too), then ETags
    app.add_middleware(ETags)
    app.add_middleware(SecurityHeaders)
    app.add_middleware(BodyLimit)

    from .api import router as api_router
    from .review import router as review_router

    app.include_router(api_router, prefix="/api")
    app.include_router(review_router, prefix="/api/review")
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    if importlib.util.find_spec(f"{__package__}.pages") is not None:
        pages = importlib.import_module(f"{__package__}.pages")
        app.include_router(pages.router)
    return app


def app_from_environment() -> FastAPI:
    """The app as `presswatch serve --workers N` configured it (see `settings`)."""
    from .settings import settings_from_environment

    return create_app(**settings_from_environment())
