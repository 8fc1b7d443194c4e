"""presswatch web: the JSON API (and, from `pages`, the server-rendered pages) over a corpus.

    app          `create_app(db_path, allow_edits=..., token=...)`: the FastAPI application
    deps         the per-request read-only `Corpus` (a small pool) and the writable one for edits
    security     response headers (CSP), the edit token, CSRF tokens for forms
    caching      weak ETags from the database file's data version; 304 on If-None-Match
    errors       every error as JSON with its status
    api          the /api router: search, entities, quotes, articles, stories, duplicates, exports
    review       the /api/review router: merge, split, rename, quote corrections (with --allow-edits)

`presswatch serve` (cli/serve.py) runs it under uvicorn; docs/web.md describes it."""

from .app import create_app

__all__ = ["create_app"]
