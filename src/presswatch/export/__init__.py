"""`presswatch export`: the corpus in formats other tools read.

    jsonl    one `analyze` object per current article, plus corpus ids (stdout or -o FILE)
    csv      articles.csv, entities.csv, mentions.csv, quotes.csv in the -o DIRECTORY
    parquet  the same four tables as .parquet files in the -o DIRECTORY
    gexf     the co-mention and quote network for Gephi (stdout or -o FILE)
    ftm      FollowTheMoney entities for Aleph, one JSON object a line (stdout or -o FILE)

Every format covers the *current* articles: the latest version of each source
(the view `current_articles`), as `Corpus.documents()` does. Counts (an entity's
articles, co-mentions, quotes) count the copies of one syndicated article once,
through `article_groups.dup_group`, like the rest of the corpus commands.
Everything is read through cursors and written as it goes, so only per-entity
figures (never article texts) are held in memory.

One module per format (`jsonl`, `tables` for csv and parquet, `gexf`, `ftm`);
`output` opens the file or standard output."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from ..corpus import Corpus, CorpusError
from . import ftm, gexf
from .jsonl import export_jsonl
from .output import binary_out, is_stdout, text_out
from .tables import TABLES, export_tables

__all__ = ["FORMATS", "TABLES", "export_corpus"]

FORMATS = ("jsonl", "csv", "parquet", "gexf", "ftm")


def export_corpus(corpus: Corpus, fmt: str, output: Path | None) -> str:
    """Write the corpus as `fmt` to `output` (None or '-' = stdout where a single
    stream makes sense). Returns the one-line summary the CLI prints."""
    if fmt not in FORMATS:
        raise CorpusError(f"unknown export format '{fmt}' (choose from {', '.join(FORMATS)})")
    if fmt in ("csv", "parquet"):
        return _export_directory(corpus, fmt, output)
    if output is not None and not is_stdout(output) and output.is_dir():
        raise CorpusError(f"{output}: is a directory; --format {fmt} writes one file")
    dest = "stdout" if is_stdout(output) else str(output)
    if fmt == "jsonl":
        with text_out(output) as out:
            n = export_jsonl(corpus, out)
        return f"exported {n['articles']} articles, {n['entities']} entities, {n['quotes']} quotes to {dest}"
    if fmt == "gexf":
        graph = gexf.build_graph(corpus)
        with binary_out(output) as bout:
            gexf.write_gexf(graph, bout)
        kinds = Counter(d["kind"] for _, _, d in graph.edges(data=True))
        return (
            f"exported {graph.graph['articles']} articles, {graph.number_of_nodes()} entities, "
            f"{graph.graph['quotes']} quotes to {dest} ({kinds['co-mention']} co-mention and "
            f"{kinds['quote']} quote edges)"
        )
    model = ftm.load_model()  # before the output file is opened: a missing package leaves no empty file
    with text_out(output) as out:
        n = ftm.export_ftm(corpus, out, model)
    return (
        f"exported {n['articles']} articles, {n['entities']} entities, {n['quotes']} quotes to {dest} "
        f"({n['lines']} FollowTheMoney entities)"
    )


def _export_directory(corpus: Corpus, fmt: str, output: Path | None) -> str:
    """csv and parquet: one file per table in the `output` directory."""
    if output is None or is_stdout(output):
        raise CorpusError(f"--format {fmt} writes several files: give a directory with -o DIR")
    if output.exists() and not output.is_dir():
        raise CorpusError(f"{output}: --format {fmt} needs a directory, and this is a file")
    output.mkdir(parents=True, exist_ok=True)
    counts = export_tables(corpus, fmt, output)
    files = ", ".join(f"{name}.{fmt}" for name, _, _ in TABLES)
    return (
        f"exported {counts['articles']} articles, {counts['entities']} entities, {counts['mentions']} mentions, "
        f"{counts['quotes']} quotes to {output}/ ({files})"
    )
