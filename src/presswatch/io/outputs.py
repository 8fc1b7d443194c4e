"""Writing an output file without ever destroying what is already there (analyze -o, export).

An output is refused when it is one of the inputs or the corpus database (the
same file, also through a link), and it is written to a hidden temporary file
beside it, renamed into place only when complete: a failed or interrupted run
leaves the old file as it was, never half a file over a good one."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path


def same_file(a: Path, b: Path) -> bool:
    """The same file on disk (through links too); False when either does not exist."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def clobbered(output: Path, protected: Iterable[str | Path | None]) -> Path | None:
    """The protected path (an input, the database) that `output` would overwrite, if any."""
    if not output.exists():
        return None
    for p in protected:
        if p is not None and str(p) != "-" and same_file(output, Path(p)):
            return Path(p)
    return None


def temporary_beside(path: Path) -> Path:
    """A hidden name in the same folder (so the final rename stays on one file system);
    directory walks skip dot-files, so it is never read as an input."""
    return path.with_name(f".{path.name}.presswatch-{os.getpid()}.tmp")


@contextmanager
def replaced_when_done(path: Path) -> Iterator[Path]:
    """Yield a temporary path to write; on success it replaces `path`, on failure it is removed."""
    tmp = temporary_beside(path)
    try:
        yield tmp
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()
