"""The server's settings passed through the environment, for `presswatch serve --workers N`.

uvicorn starts each worker process by importing the app, so the settings
`create_app` takes travel as environment variables: `app_settings` writes them
(in the parent), `app_from_environment` reads them (in each worker). The CSRF key
is drawn once in the parent, so a form shown by one worker is accepted by another.
The token itself stays in PRESSWATCH_TOKEN."""

from __future__ import annotations

import os
from pathlib import Path

from .security import new_secret

DB = "PRESSWATCH_WEB_DB"
EDITS = "PRESSWATCH_WEB_ALLOW_EDITS"
CACHE = "PRESSWATCH_WEB_CACHE_MB"
SECRET = "PRESSWATCH_WEB_SECRET"
TOKEN = "PRESSWATCH_TOKEN"


def app_settings(db_path: Path, *, allow_edits: bool, cache_mb: int) -> dict[str, str]:
    return {
        DB: str(db_path),
        EDITS: "1" if allow_edits else "0",
        CACHE: str(cache_mb),
        SECRET: new_secret().hex(),
    }


def settings_from_environment() -> dict:
    """The keyword arguments of `create_app` the environment holds."""
    return {
        "db_path": Path(os.environ[DB]),
        "allow_edits": os.environ.get(EDITS) == "1",
        "token": os.environ.get(TOKEN) or None,
        "cache_mb": int(os.environ.get(CACHE, "64")),
        "secret": bytes.fromhex(os.environ[SECRET]) if os.environ.get(SECRET) else None,
    }
