"""The Typer app every command registers on, and what the commands share.

User errors (unknown name, bad DB file) print one line on stderr and exit 1;
usage errors exit 2 (Typer's own)."""

from __future__ import annotations

import json
import os
import sqlite3
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NoReturn

import typer
from rich.console import Console, RenderableType
from rich.progress import (
    BarColumn,
    DownloadColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
)

from ..corpus import AmbiguousName, Corpus, CorpusError, StoreError, default_db_path
from ..document import Document
from ..io.warc import is_warc

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Who said what, about whom, where and when — from messy news articles.",
)

DB_OPTION = typer.Option(None, "--db", envvar="PRESSWATCH_DB", help="The corpus file (default ./presswatch.db).")
JSON_OPTION = typer.Option(False, "--json", help="Print JSON instead of a readable view.")
QUIET_OPTION = typer.Option(False, "--quiet", "-q", help="No progress bar.")
WORKERS_OPTION = typer.Option(
    1, "--workers", "-w", min=1, max=64, help="Worker processes; output is identical for any number."
)


def _cluster(value: str | None) -> str | None:
    from ..executors import check_cluster

    try:
        return None if value is None else check_cluster(value)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None


DASK_OPTION = typer.Option(
    None,
    "--dask",
    callback=_cluster,
    metavar="CLUSTER",
    help="Analyse on a Dask cluster: local (a worker per core), local:N, or tcp://HOST:PORT of a running"
    " scheduler; output is identical to a local run.",
)
MAX_SECONDS_OPTION = typer.Option(
    60.0, "--max-seconds", min=0, help="Time one document may take; past it, it gets an error (0: no limit)."
)
MAX_MB_OPTION = typer.Option(
    2048, "--max-mb", min=0, help="Memory one document may add; past it, it gets an error (0: no limit)."
)
HOST_PAUSE_OPTION = typer.Option(
    1.0, "--host-pause", min=0, metavar="SECONDS", help="Seconds between two requests to one host (URLs, feeds)."
)
MIN_CONFIDENCE_OPTION = typer.Option(
    None,
    "--min-confidence",
    min=0.0,
    max=1.0,
    help="Keep quotes of at least this confidence (default 0.5; 0 also keeps the tagger's beliefs and intentions).",
)
PROFILE_OPTION = typer.Option(False, "--profile", help="Print the time each stage took, at the end (on stderr).")
PROGRESS_MIN_FILES = 2  # one file is done before a bar would be worth drawing

err = Console(stderr=True, highlight=False, soft_wrap=True)


@app.callback()
def _root() -> None:
    """presswatch: quotes, people and organisations from news articles."""


def fail(message: str, code: int = 1) -> NoReturn:
    err.print(f"presswatch: {message}", markup=False)
    raise typer.Exit(code)


def set_budget(max_seconds: float, max_mb: int) -> None:
    """The per-document budget for this run and its worker processes (see presswatch.budget)."""
    os.environ["PRESSWATCH_MAX_SECONDS"] = str(max_seconds)
    os.environ["PRESSWATCH_MAX_MB"] = str(max_mb)


def set_min_confidence(value: float | None) -> None:
    """The quote confidence threshold for this run and its workers (see stages/quotes/confidence.py)."""
    if value is not None:
        os.environ["PRESSWATCH_MIN_CONFIDENCE"] = str(value)


def report_skip(path: str, why: str) -> None:
    """One line on stderr for what a folder walk left out (a FIFO, an unreadable folder)."""
    err.print(f"presswatch: {path}: {why}", markup=False)


def progress_bar(files: int, *, quiet: bool, containers: bool = False) -> Progress:
    """The progress bars of long commands, on stderr, gone when done; hidden for a single
    file unless it holds many articles (a records file, a web archive)."""
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        AmountColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=quiet or (files < PROGRESS_MIN_FILES and not containers),
    )


class AmountColumn(ProgressColumn):
    """Documents as "12/40"; the bytes of a file being read (a task with bytes=True) as "1.2/3.4 GB"."""

    def __init__(self) -> None:
        super().__init__()
        self.documents, self.bytes = MofNCompleteColumn(), DownloadColumn()

    def render(self, task: Task) -> RenderableType:
        return (self.bytes if task.fields.get("bytes") else self.documents).render(task)


def bytes_read(progress: Progress) -> Callable[[str], Callable[[int], None] | None]:
    """For a path, a callback that shows on `progress` how far into the file reading has
    got (a bar of its bytes), or None for a path that is not a web archive."""

    def reading(path: str) -> Callable[[int], None] | None:
        if not is_warc(path):
            return None
        try:
            size = os.path.getsize(path)
        except OSError:
            return None
        task = progress.add_task(f"reading {os.path.basename(path)}", total=size, bytes=True)
        return lambda n: progress.update(task, completed=n)

    return reading


@contextmanager
def cluster_errors() -> Iterator[None]:
    """A Dask cluster that cannot be reached: one line on stderr, exit 1."""
    from ..executors import ClusterError

    try:
        yield
    except ClusterError as exc:
        fail(str(exc))


@contextmanager
def opened(db: Path | None, *, readonly: bool, create: bool = False) -> Iterator[Corpus]:
    """The corpus at `db` (or the default), with its errors turned into one-line messages."""
    path = db or default_db_path()
    if not create and not path.exists():
        fail(f"{path}: no such database (run `presswatch ingest` first)")
    try:
        corpus = Corpus(path, readonly=readonly)
    except StoreError as exc:
        fail(str(exc))
    try:
        yield corpus
    except AmbiguousName as exc:
        err.print(f"presswatch: '{exc.name}' could be several entities; use one of these ids:", markup=False)
        for c in exc.candidates:
            err.print(f"  {c['id']}  {c['name']}  ({c['type']}, {c['articles']} articles)", markup=False)
        raise typer.Exit(1) from None
    except (CorpusError, StoreError) as exc:
        fail(str(exc))
    except sqlite3.DatabaseError as exc:
        if isinstance(exc, sqlite3.IntegrityError):
            raise  # a bug in presswatch: keep the traceback
        fail(f"{path}: {exc}")
    finally:
        corpus.close()


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


class Profile:
    """Seconds per pipeline stage, summed over the documents of a run (`--profile`).

    Each Document carries its own timings (`Document.timings`), so the figures are
    the same with worker processes: a worker's stages are timed where they run."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self.documents = 0

    def add(self, doc: Document | None) -> None:
        if doc is None or not doc.timings:
            return
        self.documents += 1
        for stage, seconds in doc.timings.items():
            self.seconds[stage] = self.seconds.get(stage, 0.0) + seconds

    def print(self) -> None:
        from rich.table import Table

        total = sum(self.seconds.values()) or 1.0
        table = Table(title=f"time per stage, {self.documents} documents", title_justify="left")
        for column in ("stage", "seconds", "share", "ms per document"):
            table.add_column(column, justify="left" if column == "stage" else "right")
        for stage, seconds in self.seconds.items():
            per_doc = 1000 * seconds / max(self.documents, 1)
            table.add_row(stage, f"{seconds:.2f}", f"{100 * seconds / total:.0f}%", f"{per_doc:.0f}")
        err.print(table)
