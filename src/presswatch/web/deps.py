"""Corpus connections for requests: read-only from a small pool, writable per edit.

Input: `request.app.state.db_path`. Output: `get_corpus(request)`, a FastAPI
dependency yielding a read-only `Corpus`, and `writable_corpus(request)`, a
context manager for the review endpoints.

A pool rather than one open per request: opening checks the file and runs a few
PRAGMAs, which costs as much as a small query. SQLite connections are not shared
between requests: a request takes one from the pool and gives it back when done."""

from __future__ import annotations

import queue
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from fastapi import Request

from ..corpus import Corpus

POOL_SIZE = 8  # idle connections kept; more are opened when more requests run at once


class CorpusPool:
    """Read-only corpora on one file, handed out one request at a time."""

    def __init__(self, path: Path, size: int = POOL_SIZE):
        self.path = path
        self.size = size
        self._idle: queue.LifoQueue[Corpus] = queue.LifoQueue()

    def acquire(self) -> Corpus:
        try:
            return self._idle.get_nowait()
        except queue.Empty:
            return Corpus(self.path, readonly=True)

    def release(self, corpus: Corpus) -> None:
        if corpus.conn.in_transaction:  # an error left a read open: do not hand it on
            corpus.close()
            return
        if self._idle.qsize() < self.size:
            self._idle.put(corpus)
        else:
            corpus.close()

    def close(self) -> None:
        while True:
            try:
                self._idle.get_nowait().close()
            except queue.Empty:
                return


def get_corpus(request: Request) -> Iterator[Corpus]:
    """The dependency: a read-only Corpus for this request, back to the pool afterwards."""
    pool: CorpusPool = request.app.state.pool
    corpus = pool.acquire()
    try:
        yield corpus
    finally:
        pool.release(corpus)


@contextmanager
def writable_corpus(request: Request) -> Iterator[Corpus]:
    """A writable Corpus for one edit, opened and closed in the caller's thread."""
    corpus = Corpus(request.app.state.db_path)
    try:
        yield corpus
    finally:
        corpus.close()
        request.app.state.edits += 1  # part of the ETag: an edit changes every answer
