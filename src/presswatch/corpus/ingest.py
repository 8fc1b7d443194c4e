"""Ingest: inputs -> analysed Documents -> stored and indexed articles.

Each article is stored in its own transaction with its link keys, search rows
and LSH buckets (`write`, `index`); linking is the caller's next step (`link`).
An input whose content is already the current version at its source, or failed
there before, is not analysed again.

A source is a normalised path, or, for standard input ("-"), the name the caller
gives it (a later text under that name is a new version of it, as for a file),
else a name made from the text itself (`stdin:<content id>`): two texts piped in
one after the other are two articles, not two versions of a source "-".

A URL is read through `io.listings.Reader` with the store's fetch state
(`fetch_state`): a page stored before is not fetched again (unless `refetch`), a
feed or sitemap is read with a conditional GET and its new pages fetched. `stop()`
is asked before each input is read: once true, what was read is still analysed
and stored, and nothing more is read (how `watch` ends on Ctrl-C)."""

from __future__ import annotations

import os
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from ..document import Document, content_id
from ..io import Input, iter_paths, read_source
from ..io.containers import articles_in
from ..io.fetch import Fetcher, default_fetcher, is_url
from ..io.listings import Reader, Unchanged
from . import write
from .fetch_state import FetchState
from .index import index_article
from .store import transaction

# on_document(doc, source, status): doc is None for 'unchanged'
OnDocument = Callable[[Document | None, str, str], None]
# reading(path): None, or a callback given the bytes read so far of that web archive
Reading = Callable[[str], Callable[[int], None] | None]

STDIN = "-"
Stop = Callable[[], bool]


def input_id(inp: Input) -> str:
    """The content id `analyze` gives this input (hash of its bytes)."""
    return content_id(inp.raw if inp.raw is not None else inp.source.encode("utf-8", "replace"))


def stdin_source(inp: Input, name: str | None) -> str:
    """The source an article read from standard input is stored under: `name` when
    given, else `stdin:<content id>` (or "-" when nothing could be read)."""
    if name is not None:
        return name
    return f"stdin:{input_id(inp)}" if inp.error is None else STDIN


def ingest(
    conn: sqlite3.Connection,
    paths: Iterable[str],
    *,
    workers: int = 1,
    on_document: OnDocument | None = None,
    stdin_name: str | None = None,
    fetcher: Fetcher | None = None,
    refetch: bool = False,
    stop: Stop | None = None,
    dask: Any = None,
    reading: Reading | None = None,
) -> dict:
    """Analyse and store the articles under `paths` that are new or changed (on a
    Dask cluster with `dask`; the writes stay here, in this one connection).

    `on_document(doc, source, status)` is called once per input, status one of
    'new', 'unchanged', 'failed'. `stdin_name` names the article read from "-"
    (see `stdin_source`). URLs go through `fetcher` (default: the run's one),
    fetching stored pages again only with `refetch`. Returns counts per status."""
    counts = Counter({"new": 0, "unchanged": 0, "failed": 0})
    from ..pipeline import analyze_many  # spaCy loads only when there is something to analyse

    stop = stop or (lambda: False)
    reader = Reader(fetcher or default_fetcher(), FetchState(conn), refetch=refetch, stop=stop)
    inputs = _inputs_to_analyse(conn, _read(paths, stdin_name, reader, stop, reading), counts, on_document)
    for doc in analyze_many(inputs, workers=workers, dask=dask):
        with transaction(conn):
            wrote = write.store_document(conn, doc)
            if doc.error is None and wrote:
                index_article(conn, doc)
        # nothing written: another ingest (or an earlier copy in this batch) got there first
        status = "failed" if doc.error else ("new" if wrote else "unchanged")
        counts[status] += 1
        if on_document:
            on_document(doc, doc.source, status)
    reader.commit()  # every listing read to the end has its pages stored now
    return dict(counts)


def _inputs_to_analyse(
    conn: sqlite3.Connection,
    inputs: Iterable[Input | Unchanged],
    counts: Counter,
    on_document: OnDocument | None,
) -> Iterator[Input]:
    """The inputs not seen before; the others are counted and reported as they are met."""
    for inp in inputs:
        source = inp.source
        if isinstance(inp, Unchanged) or inp.error is None:
            cid = inp.content_id if isinstance(inp, Unchanged) else input_id(inp)
            error = write.failure(conn, source, cid)
            if error is not None:  # analysed before and failed: say so again, don't retry
                counts["failed"] += 1
                if on_document:
                    on_document(Document(id=cid, source=source, error=error), source, "failed")
                continue
            if isinstance(inp, Unchanged) or write.current_article(conn, source) == cid:
                counts["unchanged"] += 1
                if on_document:
                    on_document(None, source, "unchanged")
                continue
        assert isinstance(inp, Input)
        yield inp


def _read(
    paths: Iterable[str], stdin_name: str | None, reader: Reader, stop: Stop, reading: Reading | None = None
) -> Iterator[Input | Unchanged]:
    """Every input under `paths`: files, standard input, each record of a records file,
    and each page a URL leads to (itself, or a feed's or sitemap's pages). `reading(path)`
    may give a callback that follows the bytes read of a web archive."""
    for given in iter_paths(paths):
        if stop():
            return
        if is_url(given):
            yield from reader.read(given)
            continue
        path = os.path.normpath(given)
        articles = None if given == STDIN else articles_in(path, reading(path) if reading else None)
        if articles is not None:  # a records file or a web archive: many articles
            yield from articles
            continue
        # 'a/x.txt', './a/x.txt' and 'a//x.txt' are one source, not three
        inp = read_source(given if given == STDIN else os.path.normpath(given))
        if given == STDIN:
            inp.source = stdin_source(inp, stdin_name)
        yield inp


def add_documents(conn: sqlite3.Connection, docs: Iterable[Document]) -> int:
    """Store already-analysed Documents (benchmarks, imports). Returns how many were new."""
    new = 0
    for doc in docs:
        with transaction(conn):
            if write.known(conn, doc.source, doc.id):
                continue
            write.store_document(conn, doc)
            if doc.error is None:
                index_article(conn, doc)
            new += 1
    return new
