"""Where an export writes: a file, or standard output when there is no file or it is '-'.

A file is written under a temporary name and renamed into place when complete,
so a failed export never leaves half a file over a good one."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from ..corpus import CorpusError
from ..io.outputs import replaced_when_done


def is_stdout(output: Path | None) -> bool:
    return output is None or str(output) == "-"


@contextmanager
def text_out(output: Path | None) -> Iterator[IO[str]]:
    if output is None or str(output) == "-":
        with _stdout_closed_early():
            yield sys.stdout
            sys.stdout.flush()
        return
    with replaced_when_done(output) as tmp, open(tmp, "w", encoding="utf-8", newline="\n") as fh:
        yield fh


@contextmanager
def binary_out(output: Path | None) -> Iterator[IO[bytes]]:
    if output is None or str(output) == "-":
        with _stdout_closed_early():
            sys.stdout.flush()
            yield sys.stdout.buffer
            sys.stdout.buffer.flush()
        return
    with replaced_when_done(output) as tmp, open(tmp, "wb") as fh:
        yield fh


@contextmanager
def _stdout_closed_early() -> Iterator[None]:
    """`presswatch export -f jsonl | head`: say so in one line instead of a
    traceback, and point stdout at /dev/null so the interpreter's final flush
    does not fail a second time."""
    try:
        yield
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        raise CorpusError("standard output was closed before the export finished") from None
