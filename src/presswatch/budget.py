"""A per-document budget of time and memory: one odd file must not stall a batch.

A document that takes longer than `seconds`, or makes the process grow by more
than `megabytes` while it is analysed, gets an error ("over the time budget ...")
and the batch goes on. Set by `PRESSWATCH_MAX_SECONDS` and `PRESSWATCH_MAX_MB`
(the CLI's --max-seconds and --max-mb set them); unset, time is limited to
60 s a document and memory is not limited.

How, and why by hand: Python has no per-call limits. Time is an interval timer
(SIGALRM) that raises in the analysing thread, so it works in the main thread of
a process (the CLI and its workers) and is skipped elsewhere. Memory is the
process's address-space limit (RLIMIT_AS) set to what the process uses now plus
the budget, for the time of one batch, so an allocation past it raises
MemoryError in the document that made it; the previous limit is restored after."""

from __future__ import annotations

import os
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

DEFAULT_SECONDS = 60.0


class OverBudget(Exception):
    """A document went past its time or memory budget."""


@dataclass(frozen=True)
class Budget:
    seconds: float | None = DEFAULT_SECONDS  # per document; None: no limit
    megabytes: int | None = None  # growth of the process per batch; None: no limit

    @classmethod
    def from_env(cls) -> Budget:
        seconds = os.environ.get("PRESSWATCH_MAX_SECONDS")
        megabytes = os.environ.get("PRESSWATCH_MAX_MB")
        return cls(
            seconds=(float(seconds) or None) if seconds else DEFAULT_SECONDS,
            megabytes=(int(megabytes) or None) if megabytes else None,
        )

    def time_error(self) -> str:
        return f"over the time budget of {self.seconds:g} s per document (--max-seconds)"

    def memory_error(self) -> str:
        return f"over the memory budget of {self.megabytes} MB per document (--max-mb)"


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise OverBudget in this block after `seconds` (main thread only; elsewhere no limit)."""
    if not seconds or threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def expire(signum, frame):
        raise OverBudget("time")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextmanager
def memory_limit(megabytes: int | None) -> Iterator[None]:
    """Let the process grow by at most `megabytes` in this block (Linux; elsewhere no limit)."""
    used = _address_space() if megabytes else None  # /proc is read only when there is a limit to set
    if not megabytes or used is None:
        yield
        return
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = used + megabytes * 2**20
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def _address_space() -> int | None:
    """The process's virtual size in bytes (what RLIMIT_AS counts), or None where unknown."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError):
        return None
