"""Web archives: WARC and WARC.gz files (Common Crawl's CC-NEWS), read with FastWARC,
and with warcio where FastWARC cannot read a file.

Each `response` record holding HTML becomes an `Input` of kind "html" whose
source is the record's target URI and whose metadata carries that URL and the
record's date (a fallback when the page itself has no date). A response that is
not HTML, or a body over the size limit, is a per-document error; other record
types (requests, metadata, warcinfo) are not articles and are passed over. The
archive is read as a stream, one record at a time, so its size does not matter;
a truncated or corrupt archive ends with one error for the rest of the file.

FastWARC is fast but strict. Where it finds no record it can make sense of in a
file that is not empty, or fails on the first one, the file is read again with warcio, which
is slower but lenient: the real case is an archive whose header lines end in a
bare LF instead of CRLF (written by hand-rolled crawlers, or a file that went
through a text-mode copy), in which FastWARC silently finds one record of an
unknown type and nothing else. A response
stored with `Transfer-Encoding: chunked` (some crawlers keep the body as sent)
is de-chunked with warcio's reader, which FastWARC does not do.

`on_progress(bytes_read)`, when given, is called after each record with how far
into the file (compressed bytes) reading has got: the CLI draws its progress bar
from it."""

from __future__ import annotations

import io
import os
from collections.abc import Callable, Iterator
from typing import IO, Any

from .decode import decode_plain, normalize
from .errors import InputError
from .inputs import MAX_BYTES, Input

WARC_SUFFIXES = (".warc", ".warc.gz")

Progress = Callable[[int], None]


def is_warc(name: str) -> bool:
    return name.lower().endswith(WARC_SUFFIXES)


def read_warc(path: str, on_progress: Progress | None = None) -> Iterator[Input]:
    """One Input per HTML response record of the archive at `path` (errors included, never raising)."""
    seen = 0  # records FastWARC could make sense of (of a known type)
    n = 0  # response records
    try:
        response, unknown = _fastwarc_types()
        with open(path, "rb") as fh:
            for record in _fastwarc_records(fh):
                seen += record.record_type != unknown
                if on_progress:
                    on_progress(fh.tell())
                if record.record_type != response:
                    continue
                n += 1
                yield _fastwarc_input(record, f"{path}#{n}")
    except Exception as exc:  # FastWARC raises assorted errors on a broken archive; the batch goes on
        if seen == 0 and _size(path):
            yield from read_warc_lenient(path, on_progress)
            return
        yield Input(
            source=f"{path}#{n + 1}", error=f"truncated or corrupt WARC from here ({type(exc).__name__}: {exc})"
        )
        return
    if seen == 0 and _size(path):  # not one record in a non-empty file: FastWARC could not read it
        yield from read_warc_lenient(path, on_progress)


def read_warc_lenient(path: str, on_progress: Progress | None = None) -> Iterator[Input]:
    """`read_warc` through warcio: for the files FastWARC cannot read (see the module's docstring)."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    n = 0
    try:
        with open(path, "rb") as fh:
            for record in ArchiveIterator(fh):
                if on_progress:
                    on_progress(fh.tell())
                if record.rec_type != "response":
                    continue
                n += 1
                yield _warcio_input(record, f"{path}#{n}")
    except (ArchiveLoadFailed, OSError, EOFError, ValueError) as exc:
        yield Input(
            source=f"{path}#{n + 1}", error=f"truncated or corrupt WARC from here ({type(exc).__name__}: {exc})"
        )


def _fastwarc_records(fh: IO[bytes]) -> Iterator[Any]:
    from fastwarc.warc import ArchiveIterator

    # every record type, so that a file of which FastWARC reads nothing can be told apart
    # from one without responses; FastWARC finds gzip compression by itself
    return iter(ArchiveIterator(fh, parse_http=True))


def _fastwarc_types() -> tuple[Any, Any]:
    from fastwarc.warc import WarcRecordType

    return WarcRecordType.response, WarcRecordType.unknown


def _fastwarc_input(record: Any, where: str) -> Input:
    http = record.http_headers
    return response_input(
        uri=record.headers.get("WARC-Target-URI") or where,
        where=where,
        date=record.headers.get("WARC-Date"),
        http_header=(lambda name: http.get(name)) if http is not None else (lambda name: None),
        body=record.reader,
    )


def _warcio_input(record: Any, where: str) -> Input:
    http = record.http_headers
    return response_input(
        uri=record.rec_headers.get_header("WARC-Target-URI") or where,
        where=where,
        date=record.rec_headers.get_header("WARC-Date"),
        http_header=(lambda name: http.get_header(name)) if http is not None else (lambda name: None),
        body=record.content_stream(),  # de-chunked and decompressed by warcio
        decoded=True,
    )


def response_input(
    *, uri: str, where: str, date: str | None, http_header: Callable[[str], str | None], body: Any, decoded=False
) -> Input:
    """A response record as an Input: its target URI names it (`where` when it has none)."""
    ctype = http_header("Content-Type") or ""
    if "html" not in ctype.lower():
        return Input(source=uri, error=f"WARC record is not HTML ({ctype or 'no content type'})")
    raw = body.read(MAX_BYTES + 1)
    if len(raw) > MAX_BYTES:
        return Input(source=uri, error=f"page too large (over {MAX_BYTES / 1e6:.0f} MB)")
    chunked = "chunked" in (http_header("Transfer-Encoding") or "").lower()
    if chunked and not decoded:
        from warcio.bufferedreaders import ChunkedDataReader

        raw = ChunkedDataReader(io.BytesIO(raw)).read()
    declared = http_header("Content-Length")
    if declared and declared.strip().isdigit() and not chunked and len(raw) < int(declared):
        return Input(source=uri, error=f"truncated WARC record ({len(raw)} of {int(declared)} bytes)")
    try:
        text = normalize(decode_plain(raw))
    except InputError as exc:
        return Input(source=uri, error=str(exc))
    meta = {"url": uri if uri != where else None, "date": date}
    return Input(source=uri, text=text, kind="html", raw=raw, meta=meta)


def _size(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0
