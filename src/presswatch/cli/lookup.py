"""Reading the corpus: `entity` (a dossier, or a judgement: merge, split, rename),
`quotes`, `search` and `stories`. Reading commands open the store read-only."""

from __future__ import annotations

from enum import Enum
from pathlib import Path

import typer
from rich.console import Console

from .app import DB_OPTION, JSON_OPTION, app, err, fail, opened, print_json


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
    """An entity's dossier by any name in any script; judgements: entity merge | split | rename.

    \b
    presswatch entity Лукашэнка
    presswatch entity merge "A. Kavaliou" "Alyaksandr Kavaliou"
    presswatch entity split E1a2b3c4d5e --article 8f1e...
    presswatch entity rename E1a2b3c4d5e "Alyaksandr Kavaliou"
    """
    verb = args[0]
    result: dict | list[dict]
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
    outlet: str | None = typer.Option(
        None, "--outlet", help="Outlet name contains this (% and _ are plain characters)."
    ),
    since: str | None = typer.Option(None, "--since", help="Published on or after YYYY-MM-DD."),
    until: str | None = typer.Option(None, "--until", help="Published on or before YYYY-MM-DD."),
    kind: Kind | None = typer.Option(None, "--kind"),
    limit: int = typer.Option(QUOTES_SHOWN, "--limit", min=0, help="Show the newest N quotes; 0 shows them all."),
    min_confidence: float | None = typer.Option(
        None, "--min-confidence", min=0.0, max=1.0, help="Only quotes of at least this confidence (0-1)."
    ),
    db: Path | None = DB_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Quotes in the corpus, newest first; syndicated copies counted once."""
    for label, name in (("--speaker", speaker), ("--about", about), ("--outlet", outlet)):
        if name is not None and not name.strip():
            fail(f"{label} wants a name, not an empty string", 2)
    since, until = _iso_date("--since", since), _iso_date("--until", until)
    with opened(db, readonly=True) as corpus:
        found = corpus.quotes(
            speaker=speaker,
            about=about,
            outlet=outlet,
            since=since,
            until=until,
            kind=kind.value if kind else None,
            limit=limit + 1 if limit else None,
            min_confidence=min_confidence,
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


def _iso_date(label: str, value: str | None) -> str | None:
    """A date the user typed, as YYYY-MM-DD (the form the corpus stores and compares as text).

    ISO forms Python reads are accepted and normalised ("20260101" -> "2026-01-01",
    the week "2026-W10" -> its Monday, "2026-03-02"); anything else is a usage error."""
    if value is None:
        return None
    from datetime import date

    try:
        return date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        fail(f"{label} wants a date as YYYY-MM-DD, not '{value}'", 2)
