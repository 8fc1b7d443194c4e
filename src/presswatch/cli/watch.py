"""`presswatch watch`: read feeds and sitemaps every so often and ingest what is new.

One summary line per cycle on standard output; one line per failure on stderr.
Ctrl-C (SIGINT) or SIGTERM: nothing more is fetched, the articles already fetched
are analysed, stored and linked, and the watch exits with 130 (SIGINT) or 143
(SIGTERM), the shell's codes for a command stopped by that signal; a second
Ctrl-C stops at once (what is stored stays; the next watch resumes)."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import typer

from ..corpus import StoreError, default_db_path
from ..corpus.watch import CycleReport, StopFlag, parse_every
from ..corpus.watch import watch as run_watch
from ..document import Document
from ..io.fetch import Fetched, Fetcher, Policy
from .app import (
    DB_OPTION,
    HOST_PAUSE_OPTION,
    MAX_MB_OPTION,
    MAX_SECONDS_OPTION,
    PROGRESS_MIN_FILES,
    QUIET_OPTION,
    app,
    err,
    fail,
    opened,
    progress_bar,
    set_budget,
)


@app.command()
def watch(
    sources: list[str] = typer.Argument(..., help="Feeds (RSS, Atom) and sitemaps (news sitemaps, indexes) by URL."),
    db: Path | None = DB_OPTION,
    every: str = typer.Option("15m", "--every", help="Time from one cycle's start to the next: 90s, 15m, 1h."),
    once: bool = typer.Option(False, "--once", help="Run one cycle and exit (for cron and tests)."),
    host_pause: float = HOST_PAUSE_OPTION,
    quiet: bool = QUIET_OPTION,
    max_seconds: float = MAX_SECONDS_OPTION,
    max_mb: int = MAX_MB_OPTION,
) -> None:
    """Read feeds and sitemaps every --every and ingest their new articles (state kept in the corpus)."""
    try:
        period = parse_every(every)
    except ValueError as exc:
        fail(f"--every: {exc}", 2)
    set_budget(max_seconds, max_mb)
    stop = StopFlag()
    signals: list[int] = []

    def on_signal(signum: int, frame: object) -> None:
        if stop():
            raise KeyboardInterrupt  # asked twice: stop now
        signals.append(signum)
        stop.set()
        os.write(2, b"presswatch: stopping once the articles already fetched are stored (Ctrl-C again: now)\n")

    previous = {sig: signal.signal(sig, on_signal) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        _run(sources, db, period, once, Fetcher(Policy(interval=host_pause)), stop, quiet)
    except KeyboardInterrupt:
        err.print("presswatch: interrupted; what was stored is kept, run the watch again to resume")
        raise typer.Exit(130) from None
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    if signals:
        raise typer.Exit(128 + signals[0])


def _run(
    sources: list[str], db: Path | None, period: float, once: bool, fetcher: Fetcher, stop: StopFlag, quiet: bool
) -> None:
    path = db or default_db_path()
    with (
        opened(db, readonly=False, create=True) as corpus,
        progress_bar(PROGRESS_MIN_FILES, quiet=quiet, containers=True) as bar,
    ):
        task = bar.add_task("fetching", total=None)

        def on_answer(got: Fetched) -> None:
            if got.status == 200:
                bar.advance(task)

        def on_document(doc: Document | None, source: str, status: str) -> None:
            if status == "failed" and doc is not None:
                err.print(f"presswatch: {source}: {doc.error}", markup=False)

        def on_cycle(report: CycleReport) -> None:
            print(report.line(), flush=True)
            bar.reset(task)

        fetcher.on_answer = on_answer
        try:
            run_watch(
                corpus, sources, every=period, fetcher=fetcher, stop=stop, once=once,
                on_cycle=on_cycle, on_document=on_document,
            )  # fmt: skip
        except StoreError as exc:
            bar.stop()
            fail(f"{path}: {exc}; what was stored before is kept, run the watch again to resume")
