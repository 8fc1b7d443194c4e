"""Web archives: WARC and WARC.gz files (Common Crawl's CC-NEWS), read with FastWARC.

Each `response` record holding HTML becomes an `Input` of kind "html" whose
source is the record's target URI and whose metadata carries that URL and the
record's date (a fallback when the page itself has no date). A response that is
not HTML, or a body over the size limit, is a per-document error; other record
types (requests, metadata, warcinfo) are not articles and are passed over. The
archive is read as a stream, one record at a time, so its size does not matter;
a truncated or corrupt archive ends with one error for the rest of the file."""

from __future__ import annotations

from collections.abc import Iterator

from .decode import decode_plain, normalize
from .errors import InputError
from .inputs import MAX_BYTES, Input

WARC_SUFFIXES = (".warc", ".warc.gz")


def is_warc(name: str) -> bool:
    return name.lower().endswith(WARC_SUFFIXES)


def read_warc(path: str) -> Iterator[Input]:
    """One Input per HTML response record of the archive at `path` (errors included, never raising)."""
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    n = 0
    try:
        with open(path, "rb") as fh:  # FastWARC finds gzip compression by itself
            records = ArchiveIterator(fh, record_types=WarcRecordType.response, parse_http=True)
            for n, record in enumerate(records, 1):
                yield record_input(record, f"{path}#{n}")
    except Exception as exc:  # FastWARC raises assorted errors on a broken archive; the batch goes on
        yield Input(
            source=f"{path}#{n + 1}", error=f"truncated or corrupt WARC from here ({type(exc).__name__}: {exc})"
        )


def record_input(record, where: str) -> Input:
    """A response record as an Input: its target URI names it (`where` when it has none)."""
    uri = record.headers.get("WARC-Target-URI") or where
    ctype = (record.http_headers.get("Content-Type") or "") if record.http_headers is not None else ""
    if "html" not in ctype.lower():
        return Input(source=uri, error=f"WARC record is not HTML ({ctype or 'no content type'})")
    body = record.reader.read(MAX_BYTES + 1)
    if len(body) > MAX_BYTES:
        return Input(source=uri, error=f"page too large (over {MAX_BYTES / 1e6:.0f} MB)")
    declared = record.http_headers.get("Content-Length")
    if declared and declared.strip().isdigit() and len(body) < int(declared):
        return Input(source=uri, error=f"truncated WARC record ({len(body)} of {int(declared)} bytes)")
    try:
        text = normalize(decode_plain(body))
    except InputError as exc:
        return Input(source=uri, error=str(exc))
    meta = {"url": uri if uri != where else None, "date": record.headers.get("WARC-Date")}
    return Input(source=uri, text=text, kind="html", raw=body, meta=meta)
