"""`presswatch export`: the corpus for other tools (Gephi, Aleph, pandas, spreadsheets)."""

from __future__ import annotations

from enum import Enum
from pathlib import Path

import typer

from .app import DB_OPTION, app, err, fail, opened


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
    from ..export import export_corpus

    with opened(db, readonly=True) as corpus:
        try:
            summary = export_corpus(corpus, format.value, output)
        except OSError as exc:
            fail(f"cannot write {output}: {exc.strerror or exc}")
    err.print(summary, markup=False)
