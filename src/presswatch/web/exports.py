"""Streamed exports for the API: the corpus tables as JSON Lines or CSV, and the
documents (the `analyze` contract) as JSON Lines; rows as they are read.

Input: a table name and a format. Output: a StreamingResponse whose generator
opens its own read-only Corpus (the request's pooled one is given back before
the body is sent) and reads the rows through the export module's cursors, so
memory stays flat however big the corpus."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator

from fastapi import Request
from fastapi.responses import StreamingResponse

from ..corpus import Corpus
from ..export.tables import SEP, TABLES

EXPORTS = ("documents", *(name for name, _, _ in TABLES))
ROWS_PER_CHUNK = 200


def export_stream(request: Request, table: str, fmt: str) -> StreamingResponse:
    db_path = request.app.state.db_path
    media = "application/x-ndjson" if fmt == "jsonl" else "text/csv; charset=utf-8"
    filename = f"{table}.{fmt}"
    return StreamingResponse(
        _chunks(db_path, table, fmt),
        media_type=media,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


def _chunks(db_path, table: str, fmt: str) -> Iterator[str]:
    with Corpus(db_path, readonly=True) as corpus:
        if table == "documents":
            rows: Iterator[dict] = iter(corpus.documents())
            columns = None
        else:
            _, columns, reader = next(t for t in TABLES if t[0] == table)
            rows = iter(reader(corpus))
        buf = io.StringIO()
        writer = csv.writer(buf)
        if fmt == "csv" and columns:
            writer.writerow([c for c, _ in columns])
        for n, row in enumerate(rows, 1):
            if fmt == "jsonl":
                buf.write(json.dumps(row, ensure_ascii=False) + "\n")
            else:
                assert columns is not None
                writer.writerow([SEP.join(row[c]) if kind == "list" else row[c] for c, kind in columns])
            if n % ROWS_PER_CHUNK == 0:
                yield buf.getvalue()
                buf.seek(0)
                buf.truncate()
        yield buf.getvalue()
