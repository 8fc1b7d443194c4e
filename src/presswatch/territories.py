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
written, every lookup simply goes through `lookup_territory`, as before (cache.py)."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib.metadata import version

from rigour.territories import lookup_territory
from rigour.territories.lookup import lookup_by_identifier
from rigour.territories.util import normalize_territory_name

from . import cache

FORMAT = 1  # of the cache file; a new format gets a new name


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
    path = cache.cache_dir() / f"rigour-territories-{version('rigour')}-{FORMAT}.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        pass
    try:
        from rigour.territories.lookup import _get_territory_names
    except ImportError:
        return None
    index = {name: territory.ftm_country for name, territory in _get_territory_names().items()}
    cache.save(path, lambda fh: fh.write(json.dumps(index, ensure_ascii=False).encode()))
    return index
