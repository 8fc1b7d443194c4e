"""`presswatch ingest`: analyse articles and keep them in the corpus (re-running changes nothing)."""

from __future__ import annotations

from pathlib import Path

import typer

from ..corpus import StoreError, default_db_path
from ..io import iter_paths
from ..io.containers import is_container
from ..io.fetch import Fetcher, Policy, is_url
from .app import (
    DASK_OPTION,
    DB_OPTION,
    HOST_PAUSE_OPTION,
    MAX_MB_OPTION,
    MAX_SECONDS_OPTION,
    PROFILE_OPTION,
    QUIET_OPTION,
    Profile,
    app,
    bytes_read,
    cluster_errors,
    err,
    fail,
    opened,
    progress_bar,
    report_skip,
    set_budget,
)


@app.command()
def ingest(
    paths: list[str] = typer.Argument(
        ..., help="Files (.txt, .html), directories (recursive), URLs of pages, feeds or sitemaps."
    ),
    db: Path | None = DB_OPTION,
    workers: int = typer.Option(1, "--workers", "-w", min=1, max=64, help="Worker processes for the analysis."),
    dask: str | None = DASK_OPTION,
    quiet: bool = QUIET_OPTION,
    max_seconds: float = MAX_SECONDS_OPTION,
    max_mb: int = MAX_MB_OPTION,
    profile: bool = PROFILE_OPTION,
    host_pause: float = HOST_PAUSE_OPTION,
    refetch: bool = typer.Option(
        False, "--refetch", help="Fetch again pages stored before (a conditional GET: unchanged pages cost a 304)."
    ),
    stdin_name: str | None = typer.Option(
        None,
        "--source",
        metavar="NAME",
        help="The name to store standard input ('-') under; edited text ingested again under the same NAME"
        " is a new version of it. Without it, each text piped in is its own article, named stdin:<content id>.",
    ),
) -> None:
    """Analyse articles and add them to the corpus (re-running changes nothing)."""
    set_budget(max_seconds, max_mb)
    if stdin_name is not None:
        if "-" not in paths:
            fail("--source names standard input: give '-' among the paths", 2)
        if not stdin_name.strip():
            fail("--source wants a name, not an empty string", 2)
    sources = list(iter_paths(paths, on_skip=report_skip))
    if not sources:
        fail("no articles found in the given paths")
    path = db or default_db_path()
    # a URL may be a feed or sitemap of many pages, an archive many articles: how many is known at the end
    many = any(is_url(s) or is_container(s) for s in sources)
    with (
        opened(db, readonly=False, create=True) as corpus,
        cluster_errors(),
        progress_bar(len(sources), quiet=quiet, containers=many) as bar,
    ):
        task = bar.add_task("ingesting", total=None if any(is_url(s) for s in sources) else len(sources))
        stored = 0
        timings = Profile()

        def report(doc, source, status):
            nonlocal stored
            bar.advance(task)
            timings.add(doc)
            if status == "failed":
                err.print(f"presswatch: {source}: {doc.error}", markup=False)
            elif status == "new":
                stored += 1

        try:
            counts = corpus.ingest(
                sources,
                workers=workers,
                dask=dask,
                on_document=report,
                stdin_name=stdin_name,
                fetcher=Fetcher(Policy(interval=host_pause)),
                refetch=refetch,
                reading=bytes_read(bar),
            )
        except StoreError as exc:
            bar.stop()
            fail(
                f"{path}: {exc}; the {stored} new articles stored before that are kept, "
                "run the same ingest again to finish"
            )
        stats = corpus.stats()
    err.print(
        f"{counts['new']} new, {counts['unchanged']} unchanged, {counts['failed']} failed; "
        f"corpus: {stats['articles']} articles, {stats['entities']} entities, {stats['quotes']} quotes ({path})"
    )
    if profile:
        timings.print()
    if counts["new"] + counts["unchanged"] == 0:
        raise typer.Exit(1)
