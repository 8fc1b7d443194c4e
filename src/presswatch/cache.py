"""presswatch's cache folder: what a library builds slowly at every start, kept on disk
between runs (rigour's territory index, py3langid's decompressed model).

The folder is $PRESSWATCH_CACHE_DIR, else $XDG_CACHE_HOME/presswatch, else
~/.cache/presswatch. Each file is named by the version of the library that made it,
so an upgrade builds a new one. A cache that cannot be written is no error: the
library then builds what it needs in every process, as without a cache."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import IO


def cache_dir() -> Path:
    given = os.environ.get("PRESSWATCH_CACHE_DIR")
    if given:
        return Path(given)
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "presswatch"


def save(path: Path, write: Callable[[IO[bytes]], object]) -> None:
    """`write(file)` into a temporary file renamed to `path`, so a reader never sees half
    of it; nothing (and no temporary file left) when the folder cannot be written."""
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=path.parent, delete=False, suffix=".tmp") as fh:
            tmp = fh.name
            write(fh)
        os.replace(tmp, path)
    except OSError:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
