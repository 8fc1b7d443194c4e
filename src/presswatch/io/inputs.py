"""Reading inputs: paths, directories, stdin and raw strings -> `Input`.

Every failure becomes an `Input` with `error` set, so one bad file never stops a
batch; the decoding itself is in `decode`."""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .compressed import compression_of, inner_name, read_compressed
from .decode import alignment, decode_plain, normalize, typewriter_quotes
from .errors import InputError

# A news article is kilobytes; anything far larger is a dump or a mistake and
# would stall a batch (spaCy's own default limit is 1,000,000 characters).
MAX_BYTES = 5_000_000
TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
# Files taken from a directory walk (also compressed: .gz, .bz2, .zst); a README.md
# beside the articles is not one, but a Markdown file named on the command line is read.
KNOWN_SUFFIXES = {".txt", ".text", ".jsonl", ".ndjson", ".warc"} | HTML_SUFFIXES


@dataclass
class Input:
    source: str  # the path as given, "-" for stdin, or a caller's label
    text: str | None = None  # decoded text (None when error)
    kind: str = "text"  # "text" | "html"
    raw: bytes | None = None  # the bytes read (for the content hash)
    error: str | None = None
    input_map: list[tuple[int, int, int]] = field(default_factory=list)  # text offsets -> file offsets (see alignment)
    meta: dict | None = None  # metadata that came with the text (a record's title, date, authors, url)
    # what a feed said about the page (title, date, author): it fills only what the
    # page itself lacks, with provenance "feed" (stages.metadata.fill_from_hints)
    hints: dict[str, str] | None = None


SkipReport = Callable[[str, str], None]  # (path, why it was skipped)


def iter_paths(paths: Iterable[str], on_skip: SkipReport | None = None) -> Iterator[str]:
    """Expand directories recursively (sorted, known suffixes only); keep files as given.

    In a walked folder, what cannot be an article is skipped and reported through
    `on_skip`: a FIFO, socket or device named like one (reading it would block
    forever), and a subfolder that cannot be read."""
    for given in paths:
        if given == "-":
            yield given
            continue
        p = Path(given)
        if p.is_dir():
            yield from _walk(p, on_skip or _ignore)
        else:
            yield given


def _walk(folder: Path, on_skip: SkipReport) -> list[str]:
    found = []

    def unreadable(exc: OSError) -> None:
        on_skip(str(exc.filename or folder), f"folder skipped: {exc.strerror or exc}")

    for root, dirs, files in os.walk(folder, onerror=unreadable):
        dirs.sort()
        for name in files:
            if Path(inner_name(name)).suffix.lower() in KNOWN_SUFFIXES and not name.startswith("."):
                path = os.path.join(root, name)
                if _is_regular(path):
                    found.append(path)
                else:
                    on_skip(path, "skipped: not a regular file (a FIFO, socket or device)")
    return sorted(found)


def _is_regular(path: str) -> bool:
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return True  # a dangling link or a race: let reading it give the error


def _ignore(path: str, why: str) -> None:
    pass


def read_source(source: str) -> Input:
    """Read one path (or "-" for stdin) into an `Input`, never raising for bad data."""
    try:
        if source == "-":
            raw = sys.stdin.buffer.read(MAX_BYTES + 1)
        else:
            p = Path(source)
            if not p.exists():
                raise InputError("no such file")
            if p.is_dir():
                raise InputError("is a directory")
            if not _is_regular(source):
                raise InputError("not a regular file (a FIFO, socket or device)")
            size = p.stat().st_size
            if size > MAX_BYTES:
                raise InputError(f"file too large ({size / 1e6:.1f} MB; limit {MAX_BYTES / 1e6:.0f} MB)")
            if compression_of(p.name):
                raw = read_compressed(p, MAX_BYTES)
            else:
                with open(p, "rb") as fh:
                    raw = fh.read(MAX_BYTES + 1)
        if len(raw) > MAX_BYTES:
            raise InputError(f"input too large (over {MAX_BYTES / 1e6:.0f} MB)")
        kind = guess_kind(inner_name(source), raw)
        plain = decode_plain(raw)
        text = _normalize_as(plain, kind)
        return Input(source=source, text=text, kind=kind, raw=raw, input_map=alignment(plain, text))
    except InputError as exc:
        return Input(source=source, error=str(exc))
    except PermissionError:
        return Input(source=source, error="permission denied")
    except OSError as exc:
        return Input(source=source, error=f"cannot read: {exc.strerror or exc}")


def from_text(text: str, source: str = "<text>") -> Input:
    """Wrap a string the caller already has."""
    try:
        kind = guess_kind(source, text[:2000].encode("utf-8", "replace"))
        normalized = _normalize_as(text, kind)
        return Input(
            source=source,
            text=normalized,
            kind=kind,
            raw=text.encode("utf-8", "surrogatepass"),
            input_map=alignment(text, normalized),
        )
    except InputError as exc:
        return Input(source=source, error=str(exc))


def guess_kind(source: str, raw: bytes) -> str:
    suffix = Path(source).suffix.lower()
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in TEXT_SUFFIXES:
        return "text"
    head = raw[:2048].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<body" in head or b"<head" in head:
        return "html"
    return "text"


def _normalize_as(text: str, kind: str) -> str:
    """`normalize`, and for plain text also `typewriter_quotes` (HTML has its own markup)."""
    text = normalize(text)
    return typewriter_quotes(text) if kind == "text" else text
