"""Compressed inputs, read transparently: `article.txt.gz`, `page.html.bz2`, `dump.txt.zst`.

The decompressed size is bounded as it is read (a small file that inflates to
gigabytes stops at the limit), and a truncated or corrupt archive is a
per-document error, not an exception. gzip and bz2 come with Python; zstandard
is the reference binding of the zstd library (Python 3.11 has no zstd)."""

from __future__ import annotations

import bz2
import gzip
import io
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
        with open_decompressed(path) as stream:
            return _read_up_to(stream, limit + 1)
    except (EOFError, zlib.error, gzip.BadGzipFile, ValueError) as exc:
        raise InputError(f"truncated or corrupt {kind} file ({exc})") from None
    except OSError as exc:
        if isinstance(exc, (FileNotFoundError, PermissionError)):
            raise
        raise InputError(f"truncated or corrupt {kind} file ({exc})") from None


def open_decompressed(path: Path) -> BinaryIO:
    """`path` as a stream of its decompressed bytes (the file itself when not compressed).
    A stream cut short raises EOFError at the cut; a corrupt one, its library's error."""
    kind = compression_of(path.name)
    if kind == ".gz":
        return gzip.open(path, "rb")  # type: ignore[return-value]
    if kind == ".bz2":
        return bz2.open(path, "rb")  # type: ignore[return-value]
    if kind == ".zst":
        return io.BufferedReader(_ZstdStream(path))
    return open(path, "rb")


def _read_up_to(stream: BinaryIO, n: int) -> bytes:
    chunks, got = [], 0
    while got < n:
        chunk = stream.read(min(1 << 20, n - got))
        if not chunk:
            break
        chunks.append(chunk)
        got += len(chunk)
    return b"".join(chunks)


class _ZstdStream(io.RawIOBase):
    """A .zst file as a readable stream of its decompressed bytes, frame after frame,
    that raises EOFError when the last frame is cut short (zstandard's own stream
    reader ends quietly there, and what came after the cut would vanish unsaid);
    a corrupt frame raises ValueError."""

    def __init__(self, path: Path):
        import zstandard

        self._zstd = zstandard
        self._raw = open(path, "rb")  # noqa: SIM115 (closed in close())
        self._obj = zstandard.ZstdDecompressor().decompressobj()
        self._fed = False
        self._pending = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        while not self._pending:
            chunk = self._raw.read(1 << 16)
            if not chunk:
                if self._fed:
                    raise EOFError("the last zstd frame is cut short")
                return 0
            while chunk:
                try:
                    self._pending += self._obj.decompress(chunk)
                except self._zstd.ZstdError as exc:
                    raise ValueError(str(exc)) from None
                self._fed = True
                chunk = b""
                if self._obj.eof:
                    chunk = self._obj.unused_data
                    self._obj, self._fed = self._zstd.ZstdDecompressor().decompressobj(), False
        n = min(len(buffer), len(self._pending))
        buffer[:n] = self._pending[:n]
        self._pending = self._pending[n:]
        return n

    def close(self) -> None:
        self._raw.close()
        super().close()
