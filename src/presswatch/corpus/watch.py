"""Watching: read feeds and sitemaps every so often and ingest what is new (`presswatch watch`).

A cycle is one `Corpus.ingest` over the sources, so the store ends exactly as
`ingest` would leave it: each feed or sitemap is read with a conditional GET
(a 304 lists nothing new), only pages not stored before are fetched, and they
are analysed, stored and linked. It lives in the corpus package because a cycle
is an ingest into the store and all its state is there (`fetch_state`,
`failures`; see `fetch_state`); walking the listings is `io.listings`' job and
needs no store. A watch killed at any point resumes from the store: nothing
stored is fetched twice and nothing is lost (a listing's validators are kept only
once its pages are stored).

Stopping: a `StopFlag` set (by the CLI on SIGINT or SIGTERM) means nothing more
is fetched; what was fetched is analysed, stored and linked, and the watch
returns after that cycle. Input: the sources, the period. Output: one
`CycleReport` per cycle."""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ..io.fetch import Fetcher
from .core import Corpus

UNITS = {"s": 1, "m": 60, "h": 3600}


def parse_every(text: str) -> float:
    """'90s', '15m', '1h' (also '1h30m', '2.5m') -> seconds; ValueError for anything else."""
    parts = re.findall(r"(\d+(?:\.\d+)?)([smh])", text.strip().lower())
    if not parts or "".join(n + u for n, u in parts) != text.strip().lower():
        raise ValueError(f"{text!r} is not a period like 90s, 15m or 1h")
    seconds = sum(float(n) * UNITS[u] for n, u in parts)
    if seconds <= 0:
        raise ValueError(f"{text!r}: the period must be longer than 0")
    return seconds


class StopFlag:
    """A request to stop, settable from a signal handler; `wait` sleeps until it is set."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def set(self) -> None:
        self._event.set()

    def __call__(self) -> bool:
        return self._event.is_set()

    def wait(self, seconds: float) -> bool:
        """Sleep up to `seconds`; True when stopped meanwhile."""
        return self._event.wait(max(seconds, 0.0))


@dataclass
class CycleReport:
    number: int
    new: int
    unchanged: int
    failed: int
    pages: int  # 200 answers (pages, feeds and sitemaps with a body)
    requests: int  # everything asked for, robots.txt and retries included
    not_modified: int  # 304 answers
    seconds: float

    def line(self) -> str:
        """The cycle's one summary line."""
        return (
            f"cycle {self.number}: {self.new} new, {self.unchanged} unchanged, {self.failed} failed; "
            f"{self.pages} page{'' if self.pages == 1 else 's'} fetched "
            f"({self.requests} requests, {self.not_modified} not modified) "
            f"in {self.seconds:.1f} s"
        )


def run_cycle(
    corpus: Corpus, sources: list[str], fetcher: Fetcher, *, number: int = 1, stop: StopFlag | None = None, **ingest
) -> CycleReport:
    """One cycle: read the sources, fetch and ingest what is new, link. `ingest`: more
    keyword arguments for `Corpus.ingest` (on_document, workers)."""
    before = dict(fetcher.counts)
    started = time.monotonic()
    counts = corpus.ingest(sources, fetcher=fetcher, stop=stop, **ingest)

    def delta(key: str) -> int:
        return fetcher.counts[key] - before.get(key, 0)

    return CycleReport(
        number=number,
        new=counts["new"],
        unchanged=counts["unchanged"],
        failed=counts["failed"],
        pages=delta("pages"),
        requests=delta("requests"),
        not_modified=delta("not_modified"),
        seconds=time.monotonic() - started,
    )


def watch(
    corpus: Corpus,
    sources: Iterable[str],
    *,
    every: float,
    fetcher: Fetcher,
    stop: StopFlag,
    once: bool = False,
    on_cycle: Callable[[CycleReport], None] | None = None,
    **ingest,
) -> int:
    """Cycles every `every` seconds (from the start of one to the start of the next)
    until `stop` is set, or one cycle with `once`. Returns the number of cycles run."""
    sources = list(sources)
    number = 0
    while True:
        number += 1
        started = time.monotonic()
        report = run_cycle(corpus, sources, fetcher, number=number, stop=stop, **ingest)
        if on_cycle:
            on_cycle(report)
        if once or stop() or stop.wait(every - (time.monotonic() - started)):
            return number
