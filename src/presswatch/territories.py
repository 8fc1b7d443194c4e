"""Country names to countries through rigour's territories, with rigour's name index kept
on disk between runs.

`lookup(text)` is `rigour.territories.lookup_territory(text).ftm_country` (None when
rigour knows no such territory), the same answer for every input. Why by hand: on its
first lookup rigour builds an index of some 29,000 territory names, transliterating
each through ICU, which takes 1.5-2 s of every process's start (a third of what
`presswatch analyze` spent starting, more than loading the spaCy model). Here the
index (normalised name -> FtM country code) is built by rigour once, saved as JSON
in the cache folder under rigour's version, and read back in milliseconds by later
processes and workers. The index is rigour's own (its private `_get_territory_names`:
no public function returns it); if that ever goes away, or the cache folder cannot be
written, every lookup simply goes through `lookup_territory`, as before.

The cache folder is $PRESSWATCH_CACHE_DIR, else $XDG_CACHE_HOME/presswatch, else
~/.cache/presswatch."""

from __future__ import annotations

import json
import os
import tempfile
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path

from rigour.territories import lookup_territory
from rigour.territories.lookup import lookup_by_identifier
from rigour.territories.util import normalize_territory_name

FORMAT = 1  # of the cache file; a new format gets a new name


def cache_dir() -> Path:
    given = os.environ.get("PRESSWATCH_CACHE_DIR")
    if given:
        return Path(given)
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "presswatch"


@lru_cache(maxsize=50_000)
def lookup(text: str) -> str | None:
    """The FtM country code of a territory's code, name or adjective, as rigour finds it."""
    names = name_index()
    if names is None:
        territory = lookup_territory(text)
        return territory.ftm_country if territory is not None else None
    territory = lookup_by_identifier(text)  # what lookup_territory tries first
    if territory is not None:
        return territory.ftm_country
    return names.get(normalize_territory_name(text))


@lru_cache(maxsize=1)
def name_index() -> dict[str, str | None] | None:
    """rigour's name index as {normalised name: country code}: from the cache, else built
    and cached; None when rigour no longer offers it."""
    path = cache_dir() / f"rigour-territories-{version('rigour')}-{FORMAT}.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        pass
    try:
        from rigour.territories.lookup import _get_territory_names
    except ImportError:
        return None
    index = {name: territory.ftm_country for name, territory in _get_territory_names().items()}
    _save(path, index)
    return index


def _save(path: Path, index: dict[str, str | None]) -> None:
    """Written to a temporary file and renamed, so a reader never sees half of it."""
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent, delete=False, suffix=".tmp") as fh:
            tmp = fh.name
            json.dump(index, fh, ensure_ascii=False)
        os.replace(tmp, path)
    except OSError:  # a read-only home: every process builds the index itself, as without a cache
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
