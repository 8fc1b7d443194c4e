"""`presswatch export`: the corpus for other tools (Gephi, Aleph, pandas, spreadsheets)."""

from __future__ import annotations

from enum import Enum
from pathlib import Path

import typer

from ..corpus import default_db_path
from ..io.outputs import clobbered
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
    from ..export import TABLES, export_corpus

    database = db or default_db_path()
    targets = (
        [output / f"{name}.{format.value}" for name, _, _ in TABLES]
        if format.value in ("csv", "parquet") and output
        else [output]
    )
    for target in targets:
        if target is not None and str(target) != "-" and clobbered(target, [database]):
            fail(f"{target}: is the corpus database; write the export somewhere else", 2)
    with opened(db, readonly=True) as corpus:
        try:
            summary = export_corpus(corpus, format.value, output)
        except OSError as exc:
            fail(f"cannot write {output}: {exc.strerror or exc}")
    err.print(summary, markup=False)
