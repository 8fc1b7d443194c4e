"""Where articles come from besides one file each: records files (JSON Lines), web
archives (WARC), and URLs (fetched politely, see `fetch`): a page, or a feed or
sitemap whose pages are fetched in turn (`listings`).

`articles_in(path)` yields their articles as Inputs, or is None for a file that
is one article; the CLI and the corpus ingest read every path through it."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from .fetch import default_fetcher, is_url
from .inputs import Input
from .listings import Reader
from .records import is_records, read_records
from .warc import is_warc, read_warc


def is_container(path: str) -> bool:
    return path != "-" and not is_url(path) and (is_warc(path) or is_records(path))


def articles_in(path: str, on_progress: Callable[[int], None] | None = None) -> Iterator[Input] | None:
    """The articles in a records file or a web archive; None for a single-article file.
    `on_progress(bytes_read)` follows the reading of a web archive (see `warc`)."""
    if path == "-":
        return None
    if is_url(path):
        # no store here (analyze): every page is fetched, so nothing is ever Unchanged
        return (item for item in Reader(default_fetcher()).read(path) if isinstance(item, Input))
    if is_warc(path):
        return read_warc(path, on_progress)
    if is_records(path):
        return read_records(path)
    return None
