"""Compressed inputs, read transparently: `article.txt.gz`, `page.html.bz2`, `dump.txt.zst`.

The decompressed size is bounded as it is read (a small file that inflates to
gigabytes stops at the limit), and a truncated or corrupt archive is a
per-document error, not an exception. gzip and bz2 come with Python; zstandard
is the reference binding of the zstd library (Python 3.11 has no zstd)."""

from __future__ import annotations

import bz2
import gzip
import zlib
from pathlib import Path
from typing import BinaryIO

from .errors import InputError

COMPRESSED_SUFFIXES = (".gz", ".bz2", ".zst")


def compression_of(name: str) -> str | None:
    """ ".gz", ".bz2" or ".zst" when `name` is compressed, else None."""
    suffix = Path(name).suffix.lower()
    return suffix if suffix in COMPRESSED_SUFFIXES else None


def inner_name(name: str) -> str:
    """The name without its compression suffix ("a.html.gz" -> "a.html")."""
    return name[: -len(Path(name).suffix)] if compression_of(name) else name


def read_compressed(path: Path, limit: int) -> bytes:
    """Up to `limit` + 1 decompressed bytes of `path` (one more than the limit says
    "too large"). Raises InputError on a truncated or corrupt archive."""
    kind = compression_of(path.name)
    try:
        with open(path, "rb") as raw:
            if kind == ".zst":
                return _read_zstd(raw, limit + 1)
            with _decompressing(raw, kind) as stream:
                return _read_up_to(stream, limit + 1)
    except (EOFError, zlib.error, gzip.BadGzipFile, ValueError) as exc:
        raise InputError(f"truncated or corrupt {kind} file ({exc})") from None
    except OSError as exc:
        if isinstance(exc, (FileNotFoundError, PermissionError)):
            raise
        raise InputError(f"truncated or corrupt {kind} file ({exc})") from None


def _read_zstd(raw: BinaryIO, n: int) -> bytes:
    """zstd frames one after another, up to `n` bytes; a frame cut short is an error
    (zstandard's stream reader would return what it has, silently)."""
    import zstandard

    out: list[bytes] = []
    got = 0
    obj = zstandard.ZstdDecompressor().decompressobj()
    fed = False  # the current frame's decompressor has been given bytes
    try:
        while got < n and (chunk := raw.read(1 << 16)):
            while chunk and got < n:
                data = obj.decompress(chunk)
                fed = True
                out.append(data)
                got += len(data)
                chunk = b""
                if obj.eof:  # the frame is whole; what follows starts the next one
                    chunk = obj.unused_data
                    obj, fed = zstandard.ZstdDecompressor().decompressobj(), False
    except zstandard.ZstdError as exc:
        raise InputError(f"truncated or corrupt .zst file ({exc})") from None
    if got < n and fed:
        raise InputError("truncated or corrupt .zst file (the last frame is cut short)")
    return b"".join(out)[:n]


def _decompressing(raw: BinaryIO, kind: str | None) -> BinaryIO:
    if kind == ".gz":
        return gzip.GzipFile(fileobj=raw)  # type: ignore[return-value]  # a readable binary stream
    return bz2.BZ2File(raw)  # type: ignore[return-value]


def _read_up_to(stream: BinaryIO, n: int) -> bytes:
    chunks, got = [], 0
    while got < n:
        chunk = stream.read(min(1 << 20, n - got))
        if not chunk:
            break
        chunks.append(chunk)
        got += len(chunk)
    return b"".join(chunks)
