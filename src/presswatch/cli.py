"""Command line: a thin Typer layer over `presswatch.analyze_many`.

Exit codes: 0 when at least one document was analysed, 1 when none could be,
2 on usage errors (Typer's own)."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from enum import Enum
from pathlib import Path
from typing import IO

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from .document import Document
from .io import iter_paths, read_source

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Who said what, about whom, where and when — from messy news articles.",
)
PROGRESS_MIN_FILES = 4


class Format(str, Enum):
    jsonl = "jsonl"
    json = "json"
    table = "table"


@app.callback()
def _root() -> None:
    """presswatch: quotes, people and organisations from news articles."""


def to_json(doc: Document) -> str:
    return json.dumps(doc.to_dict(), ensure_ascii=False)


@app.command()
def analyze(
    paths: list[str] = typer.Argument(..., help="Files (.txt, .html), directories (recursive), or - for stdin."),
    format: Format | None = typer.Option(
        None, "--format", "-f", help="jsonl | json | table (default: table on a terminal, jsonl otherwise)."
    ),
    output: Path | None = typer.Option(None, "--output", "-o", help="Write here instead of standard output."),
    workers: int = typer.Option(
        1, "--workers", "-w", min=1, max=64, help="Worker processes; output is identical for any number."
    ),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
) -> None:
    """Analyse articles: clean text, metadata, entities and attributed quotes."""
    out_stream: IO[str]
    if output is not None:
        try:
            out_stream = open(output, "w", encoding="utf-8")
        except OSError as exc:
            typer.echo(f"presswatch: cannot write {output}: {exc.strerror}", err=True)
            raise typer.Exit(2)
    else:
        out_stream = sys.stdout
    fmt = format or (Format.table if output is None and sys.stdout.isatty() else Format.jsonl)
    sources = list(iter_paths(paths))
    if not sources:
        typer.echo("presswatch: no articles found in the given paths", err=True)
        raise typer.Exit(1)
    err_console = Console(stderr=True)
    ok = 0

    def report(doc: Document) -> None:
        nonlocal ok
        if doc.error:
            err_console.print(f"presswatch: {doc.source}: {doc.error}", markup=False, highlight=False, soft_wrap=True)
        else:
            ok += 1

    from .pipeline import analyze_many  # spaCy loads only for commands that analyse

    items = (read_source(s) if s == "-" else Path(s) for s in sources)
    docs: Iterator[Document] = analyze_many(items, workers=workers, on_document=report)
    show_progress = not quiet and len(sources) >= PROGRESS_MIN_FILES
    progress = Progress(
        TextColumn("analysing"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err_console,
        transient=True,
        disable=not show_progress,
    )
    with progress:
        task = progress.add_task("analyse", total=len(sources))
        if fmt == Format.table:
            from .render import render_document

            console = Console(file=out_stream) if output is not None else Console()
            for doc in docs:
                progress.advance(task)
                render_document(console, doc)
        elif fmt == Format.json:
            out_stream.write("[")
            for i, doc in enumerate(docs):
                progress.advance(task)
                out_stream.write(("," if i else "") + "\n" + to_json(doc))
            out_stream.write("\n]\n")
        else:
            for doc in docs:
                progress.advance(task)
                out_stream.write(to_json(doc) + "\n")
    if output is not None:
        out_stream.close()
    if ok == 0:
        raise typer.Exit(1)


# The corpus commands (ingest, entity, quotes, search, stories, export) live in
# their own module and register themselves on `app`.
from . import cli_corpus  # noqa: E402,F401


def main() -> None:
    app()


if __name__ == "__main__":
    main()
