"""`presswatch analyze`: articles in, Documents out (JSON Lines, a JSON array, or a readable table).

Exit codes: 0 when at least one document was analysed, 1 when none could be."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from enum import Enum
from itertools import chain
from pathlib import Path
from typing import IO

import typer
from rich.console import Console
from rich.progress import Progress, TaskID

from ..document import Document
from ..io import iter_paths, read_source
from ..io.containers import articles_in, is_container
from ..io.fetch import is_url
from ..io.outputs import clobbered, replaced_when_done
from .app import (
    DASK_OPTION,
    MAX_MB_OPTION,
    MAX_SECONDS_OPTION,
    MIN_CONFIDENCE_OPTION,
    PROFILE_OPTION,
    QUIET_OPTION,
    WORKERS_OPTION,
    Profile,
    app,
    bytes_read,
    cluster_errors,
    err,
    fail,
    progress_bar,
    report_skip,
    set_budget,
    set_min_confidence,
)


class Format(str, Enum):
    jsonl = "jsonl"
    json = "json"
    table = "table"


def to_json(doc: Document) -> str:
    return json.dumps(doc.to_dict(), ensure_ascii=False)


@app.command()
def analyze(
    paths: list[str] = typer.Argument(..., help="Files (.txt, .html), directories (recursive), or - for stdin."),
    format: Format | None = typer.Option(
        None, "--format", "-f", help="jsonl | json | table (default: table on a terminal, jsonl otherwise)."
    ),
    output: Path | None = typer.Option(None, "--output", "-o", help="Write here instead of standard output."),
    workers: int = WORKERS_OPTION,
    dask: str | None = DASK_OPTION,
    quiet: bool = QUIET_OPTION,
    max_seconds: float = MAX_SECONDS_OPTION,
    max_mb: int = MAX_MB_OPTION,
    profile: bool = PROFILE_OPTION,
    min_confidence: float | None = MIN_CONFIDENCE_OPTION,
) -> None:
    """Analyse articles: clean text, metadata, entities and attributed quotes."""
    set_budget(max_seconds, max_mb)
    set_min_confidence(min_confidence)
    fmt = format or (Format.table if output is None and sys.stdout.isatty() else Format.jsonl)
    sources = list(iter_paths(paths, on_skip=report_skip))
    if not sources:
        fail("no articles found in the given paths")
    if output is not None and (hit := clobbered(output, sources)):
        fail(f"{output}: is an input ({hit}); write the output somewhere else", 2)
    ok = 0
    timings = Profile()

    def report(doc: Document) -> None:
        nonlocal ok
        timings.add(doc)
        if doc.error:
            err.print(f"presswatch: {doc.source}: {doc.error}", markup=False)
        else:
            ok += 1

    from ..pipeline import analyze_many  # spaCy loads only for commands that analyse

    # how many articles records files, archives and feeds hold is known at the end
    records = any(is_container(s) or is_url(s) for s in sources)
    with cluster_errors(), progress_bar(len(sources), quiet=quiet, containers=records) as progress:
        reading = bytes_read(progress)
        items = chain.from_iterable(
            articles_in(s, on_progress=reading(s)) or [read_source(s) if s == "-" else Path(s)] for s in sources
        )
        docs = analyze_many(items, workers=workers, dask=dask, on_document=report)
        task = progress.add_task("analysing", total=None if records else len(sources))
        if output is None:
            _write(docs, fmt, sys.stdout, Console(), progress, task)
        else:
            _write_file(output, docs, fmt, progress, task)
    if profile:
        timings.print()
    if ok == 0:
        raise typer.Exit(1)


def _write_file(output: Path, docs: Iterator[Document], fmt: Format, progress: Progress, task: TaskID) -> None:
    """Into `output`, replaced only when every document is written."""
    try:
        with replaced_when_done(output) as tmp, open(tmp, "w", encoding="utf-8") as out:
            _write(docs, fmt, out, Console(file=out), progress, task)
    except OSError as exc:
        fail(f"cannot write {output}: {exc.strerror or exc}", 2)


def _write(
    docs: Iterator[Document], fmt: Format, out: IO[str], console: Console, progress: Progress, task: TaskID
) -> None:
    """Each document as it comes, in the format asked for, advancing the progress bar."""
    if fmt == Format.table:
        from .render_document import render_document

        for doc in docs:
            progress.advance(task)
            render_document(console, doc)
    elif fmt == Format.json:
        out.write("[")
        for i, doc in enumerate(docs):
            progress.advance(task)
            out.write(("," if i else "") + "\n" + to_json(doc))
        out.write("\n]\n")
    else:
        for doc in docs:
            progress.advance(task)
            out.write(to_json(doc) + "\n")
