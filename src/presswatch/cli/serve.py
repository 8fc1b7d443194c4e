"""`presswatch serve`: the web API (and pages) over a corpus, with uvicorn.

Read-only unless --allow-edits, which needs the token in PRESSWATCH_TOKEN (the
clients send it as `Authorization: Bearer TOKEN`). Binds 127.0.0.1 unless told
otherwise: the corpus is for the machine's user, not the network."""

from __future__ import annotations

import os
from pathlib import Path

import typer

from ..corpus import StoreError, default_db_path
from .app import DB_OPTION, app, err, fail

MIN_TOKEN_CHARS = 16  # a token someone could guess is no protection


@app.command()
def serve(
    db: Path | None = DB_OPTION,
    host: str = typer.Option(
        "127.0.0.1", "--host", help="Address to bind (0.0.0.0 exposes the corpus to the network)."
    ),
    port: int = typer.Option(8000, "--port", min=1, max=65535),
    cache_mb: int = typer.Option(
        64, "--cache-mb", min=0, help="Memory for answers kept until the corpus changes (0: none)."
    ),
    workers: int = typer.Option(
        1, "--workers", min=1, max=16, help="Server processes (each with its own connections and cache)."
    ),
    allow_edits: bool = typer.Option(
        False, "--allow-edits", help="Allow corrections (merge, split, rename, quotes); needs PRESSWATCH_TOKEN."
    ),
) -> None:
    """Serve the corpus over HTTP: the JSON API at /api (OpenAPI at /openapi.json) and the pages at /."""
    import uvicorn

    from ..corpus import Corpus
    from ..web import create_app

    path = db or default_db_path()
    token = os.environ.get("PRESSWATCH_TOKEN") or None
    if allow_edits and not token:
        fail(
            "--allow-edits needs a token: set PRESSWATCH_TOKEN (a long random string) and send it as a Bearer token", 2
        )
    if allow_edits and token and len(token) < MIN_TOKEN_CHARS:
        fail(f"PRESSWATCH_TOKEN is too short: use {MIN_TOKEN_CHARS} characters or more", 2)
    if not path.exists():
        fail(f"{path}: no such database (run `presswatch ingest` first)")
    try:  # fail now with one line, not on the first request
        Corpus(path, readonly=not allow_edits).close()
    except StoreError as exc:
        fail(str(exc))
    if host not in ("127.0.0.1", "localhost", "::1"):
        err.print(f"presswatch: serving on {host}: anyone who can reach this address can read the corpus")
    err.print(
        f"presswatch: serving {path} on http://{host}:{port}/ ({'edits allowed' if allow_edits else 'read-only'})"
    )
    if workers == 1:
        app_or_factory = create_app(path, allow_edits=allow_edits, token=token, cache_mb=cache_mb)
        uvicorn.run(app_or_factory, host=host, port=port, log_level="warning")
        return
    # several processes: uvicorn imports the app in each one, from a factory reading
    # the settings from the environment (one CSRF key for all, so any worker takes a form)
    from ..web.settings import app_settings

    os.environ.update(app_settings(path, allow_edits=allow_edits, cache_mb=cache_mb))
    uvicorn.run(
        "presswatch.web.app:app_from_environment",
        factory=True,
        workers=workers,
        host=host,
        port=port,
        log_level="warning",
    )
