"""Command line for the corpus: ingest, entity, quotes, search, stories, export.

A thin layer over `presswatch.corpus.Corpus`; reading commands open the store
read-only, so they never modify it. User errors (unknown name, bad DB file)
print one line on stderr and exit 1; usage errors exit 2."""

from __future__ import annotations

import json
import sqlite3
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import Enum
from pathlib import Path

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from .cli import app
from .corpus import AmbiguousName, Corpus, CorpusError, default_db_path
from .io import iter_paths
from .store import StoreError

DB_OPTION = typer.Option(None, "--db", envvar="PRESSWATCH_DB", help="The corpus file (default ./presswatch.db).")
JSON_OPTION = typer.Option(False, "--json", help="Print JSON instead of a readable view.")

err = Console(stderr=True, highlight=False, soft_wrap=True)


def fail(message: str, code: int = 1) -> None:
    err.print(f"presswatch: {message}", markup=False)
    raise typer.Exit(code)


@contextmanager
def opened(db: Path | None, *, readonly: bool, create: bool = False) -> Iterator[Corpus]:
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
        raise typer.Exit(1)
    except (CorpusError, StoreError) as exc:
        fail(str(exc))
    except sqlite3.DatabaseError as exc:
        if isinstance(exc, sqlite3.IntegrityError):
            raise  # a bug in presswatch: keep the traceback
        fail(f"{path}: {exc}")
    finally:
        corpus.close()


def print_json(data) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


@app.command()
def ingest(
    paths: list[str] = typer.Argument(..., help="Files (.txt, .html) or directories (recursive)."),
    db: Path | None = DB_OPTION,
    workers: int = typer.Option(1, "--workers", "-w", min=1, max=64, help="Worker processes for the analysis."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
) -> None:
    """Analyse articles and add them to the corpus (re-running changes nothing)."""
    sources = list(iter_paths(paths))
    if not sources:
        fail("no articles found in the given paths")
    progress = Progress(
        TextColumn("ingesting"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=quiet or len(sources) < 2,
    )

    path = db or default_db_path()
    with opened(db, readonly=False, create=True) as corpus, progress:
        task = progress.add_task("ingest", total=len(sources))
        stored = 0

        def report(doc, source, status):
            nonlocal stored
            progress.advance(task)
            if status == "failed":
                err.print(f"presswatch: {source}: {doc.error}", markup=False)
            elif status == "new":
                stored += 1

        try:
            counts = corpus.ingest(sources, workers=workers, on_document=report)
        except StoreError as exc:
            progress.stop()
            fail(
                f"{path}: {exc}; the {stored} new articles stored before that are kept, "
                "run the same ingest again to finish"
            )
        stats = corpus.stats()
    err.print(
        f"{counts['new']} new, {counts['unchanged']} unchanged, {counts['failed']} failed; "
        f"corpus: {stats['articles']} articles, {stats['entities']} entities, {stats['quotes']} quotes ({path})"
    )
    if counts["new"] + counts["unchanged"] == 0:
        raise typer.Exit(1)


@app.command()
def entity(
    args: list[str] = typer.Argument(
        ...,
        metavar="NAME | merge A B | split ENTITY | rename ENTITY NEW_NAME",
        help="A name or id to look up, or a judgement: merge, split, rename.",
    ),
    db: Path | None = DB_OPTION,
    as_json: bool = JSON_OPTION,
    article: list[str] = typer.Option([], "--article", help="split: the articles (ids) that are someone else."),
    alias: list[str] = typer.Option([], "--alias", help="split: the spellings that are someone else."),
) -> None:
    """An entity's dossier, by any of its names in any script; or a human judgement.

    \b
    presswatch entity Лукашэнка
    presswatch entity merge "A. Kavaliou" "Alyaksandr Kavaliou"
    presswatch entity split E1a2b3c4d5e --article 8f1e...
    presswatch entity rename E1a2b3c4d5e "Alyaksandr Kavaliou"
    """
    verb = args[0]
    if verb in ("merge", "split", "rename"):
        with opened(db, readonly=False) as corpus:
            if verb == "merge":
                if len(args) != 3:
                    fail("usage: presswatch entity merge A B", 2)
                result = corpus.merge(args[1], args[2])
            elif verb == "rename":
                if len(args) != 3:
                    fail("usage: presswatch entity rename ENTITY NEW_NAME", 2)
                result = corpus.rename(args[1], args[2])
            else:
                if len(args) != 2 or not (article or alias):
                    fail("usage: presswatch entity split ENTITY --article ID... | --alias NAME...", 2)
                result = corpus.split(args[1], articles=article, aliases=alias)
            if as_json:
                print_json(result)
            else:
                for r in result if isinstance(result, list) else [result]:
                    typer.echo(f"{r['id']}  {r['name']}  ({r['type']}, {r['articles']} articles)")
        return
    name = " ".join(args)
    with opened(db, readonly=True) as corpus:
        dossier = corpus.dossier(name)
    if as_json:
        print_json(dossier)
    else:
        from .render_corpus import render_dossier

        render_dossier(Console(), dossier)


class Kind(str, Enum):
    direct = "direct"
    indirect = "indirect"
    mixed = "mixed"


QUOTES_SHOWN = 100  # a popular speaker has thousands; nobody reads them all on a terminal


@app.command()
def quotes(
    speaker: str | None = typer.Option(None, "--speaker", help="Quotes by this entity (any spelling)."),
    about: str | None = typer.Option(None, "--about", help="Quotes that mention this entity."),
    outlet: str | None = typer.Option(None, "--outlet", help="Outlet name contains this."),
    since: str | None = typer.Option(None, "--since", help="Published on or after YYYY-MM-DD."),
    until: str | None = typer.Option(None, "--until", help="Published on or before YYYY-MM-DD."),
    kind: Kind | None = typer.Option(None, "--kind"),
    limit: int = typer.Option(QUOTES_SHOWN, "--limit", min=0, help="Show the newest N quotes; 0 shows them all."),
    db: Path | None = DB_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Quotes in the corpus, newest first; syndicated copies counted once."""
    for label, value in (("--since", since), ("--until", until)):
        if value and not _is_date(value):
            fail(f"{label} wants a date as YYYY-MM-DD, not '{value}'", 2)
    with opened(db, readonly=True) as corpus:
        found = corpus.quotes(
            speaker=speaker,
            about=about,
            outlet=outlet,
            since=since,
            until=until,
            kind=kind.value if kind else None,
            limit=limit + 1 if limit else None,
        )
    more = bool(limit) and len(found) > limit  # one more than shown was asked for, to know
    found = found[:limit] if limit else found
    hint = f"the newest {limit} quotes; --limit N shows more, --limit 0 all of them"
    if as_json:
        print_json(found)
        if more:
            err.print(hint)
        return
    from .render_corpus import render_quotes

    console = Console()
    render_quotes(console, found)
    if more:
        console.print(f"[dim]{hint}[/dim]")


@app.command()
def search(
    query: list[str] = typer.Argument(..., help="Words to find, in any alphabet."),
    limit: int = typer.Option(20, "--limit", min=1),
    db: Path | None = DB_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Full-text search over articles, quotes and names; Cyrillic finds Latin and back."""
    with opened(db, readonly=True) as corpus:
        hits = corpus.search(" ".join(query), limit=limit)
    if as_json:
        print_json(hits)
        return
    from .render_corpus import render_hits

    render_hits(Console(), hits)


@app.command()
def stories(
    min_articles: int = typer.Option(2, "--min-articles", min=1, help="Smallest story to list."),
    db: Path | None = DB_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Stories: articles about one event across outlets, copies counted once."""
    with opened(db, readonly=True) as corpus:
        found = corpus.stories(min_articles=min_articles)
    if as_json:
        print_json(found)
        return
    from .render_corpus import render_stories

    render_stories(Console(), found)


class ExportFormat(str, Enum):
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"
    gexf = "gexf"
    ftm = "ftm"


@app.command()
def export(
    format: ExportFormat = typer.Option(..., "--format", "-f", help="jsonl | csv | parquet | gexf | ftm"),
    output: Path | None = typer.Option(None, "--output", "-o", help="Output file (or directory for csv/parquet)."),
    db: Path | None = DB_OPTION,
) -> None:
    """Export the corpus for other tools (Gephi, Aleph, pandas, spreadsheets)."""
    from .export import export_corpus

    with opened(db, readonly=True) as corpus:
        try:
            summary = export_corpus(corpus, format.value, output)
        except OSError as exc:
            fail(f"cannot write {output}: {exc.strerror or exc}")
    err.print(summary, markup=False)


def _is_date(value: str) -> bool:
    from datetime import date

    try:
        date.fromisoformat(value)
        return True
    except ValueError:
        return False
