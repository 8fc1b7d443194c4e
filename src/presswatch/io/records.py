"""Article records: JSON Lines of the news-please / CC-NEWS kind, one article a line.

A line is an object with `maintext` (or `text`) and, where known, `url`, `title`,
`date_publish`, `authors` (a list or a string), `language` and `source_domain`.
Each line becomes an `Input` whose metadata (`Input.meta`) fills what the text
itself lacks, with provenance "record". Its source is its URL when it has one
(the article's identity on the web), else `FILE#LINE`. A line that is not JSON,
or holds no text, is a per-document error; the rest of the file goes on. Files
may be compressed (.jsonl.gz, .jsonl.bz2, .jsonl.zst) and are read as a stream,
so a file of any size is read in flat memory."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from .compressed import inner_name, open_decompressed
from .decode import normalize
from .errors import InputError
from .inputs import MAX_BYTES, Input

RECORD_SUFFIXES = (".jsonl", ".ndjson")


def is_records(name: str) -> bool:
    """A JSON Lines file of articles, compressed or not."""
    return Path(inner_name(name)).suffix.lower() in RECORD_SUFFIXES


def read_records(path: str) -> Iterator[Input]:
    """One Input per line of the records file at `path` (errors included, never raising)."""
    line_no = 0
    try:
        with open_decompressed(Path(path)) as lines:
            for line_no, line in enumerate(lines, 1):
                if line.strip():
                    yield record_input(line, f"{path}#{line_no}")
    except OSError as exc:
        yield Input(source=f"{path}#{line_no + 1}", error=f"cannot read on from here: {exc.strerror or exc}")
    except (EOFError, ValueError, UnicodeDecodeError) as exc:
        yield Input(source=f"{path}#{line_no + 1}", error=f"truncated or corrupt from here ({exc})")


def record_input(line: bytes, where: str) -> Input:
    """One record as an Input; `where` (FILE#LINE) names it when it has no URL."""
    if len(line) > MAX_BYTES:
        return Input(source=where, error=f"record too large (over {MAX_BYTES / 1e6:.0f} MB)")
    try:
        record = json.loads(line)
    except ValueError as exc:
        return Input(source=where, error=f"not a JSON object ({exc})")
    if not isinstance(record, dict):
        return Input(source=where, error="not a JSON object")
    url = record.get("url") if isinstance(record.get("url"), str) and record.get("url") else None
    source = url or where
    body = record.get("maintext") or record.get("text")
    if not isinstance(body, str) or not body.strip():
        return Input(source=source, error="record has no article text (maintext)")
    try:
        text = normalize(body)
    except InputError as exc:
        return Input(source=source, error=str(exc))
    return Input(source=source, text=text, kind="text", raw=line.rstrip(b"\r\n"), meta=_meta(record, url))


def _meta(record: dict[str, Any], url: str | None) -> dict[str, Any]:
    """The record's metadata under the keys the metadata stage reads for HTML pages."""
    authors = record.get("authors")
    if isinstance(authors, list):
        authors = "; ".join(a for a in authors if isinstance(a, str))
    hostname = record.get("source_domain") or (urlsplit(url).hostname if url else None)
    return {
        "title": record.get("title") if isinstance(record.get("title"), str) else None,
        "author": authors if isinstance(authors, str) else None,
        "date": str(record["date_publish"]) if record.get("date_publish") else None,
        "url": url,
        "hostname": hostname,
        "language": record.get("language") if isinstance(record.get("language"), str) else None,
    }
