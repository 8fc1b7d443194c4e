"""The corpus as four tables (articles, entities, mentions, quotes), written as CSV or Parquet.

Each table: its columns as (name, kind), kind one of str, int, list, and a
function yielding rows as dicts. List-valued columns are real lists in Parquet
and " | "-joined in CSV. The graph and FtM exports read the same rows."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from ..corpus import Corpus
from ..io.outputs import replaced_when_done

SEP = " | "
PARQUET_BATCH = 2000  # rows per Parquet row group: memory stays flat however big the corpus

# The current articles (the view `current_articles`), one row per article: an article
# stored under two paths is listed once, under its first source (as the dossier and
# quote views do); `version` is a bare column next to min(), so SQLite takes it from
# the min row. `grp` adds its near-duplicate group (itself when it has none) and story.
CURRENT = """
    cur AS (
        SELECT id AS article_id, min(source) AS source, version
        FROM current_articles
        GROUP BY id
    ),
    grp AS (
        SELECT cur.article_id, cur.source, cur.version, coalesce(g.dup_group, cur.article_id) AS dup_group, g.story
        FROM cur LEFT JOIN article_groups g ON g.article_id = cur.article_id
    )"""


def article_rows(corpus: Corpus) -> Iterator[dict]:
    """The current articles, in source order."""
    sql = (
        f"WITH {CURRENT} SELECT a.*, grp.source, grp.version, grp.dup_group, grp.story FROM grp"
        " JOIN articles a ON a.id = grp.article_id ORDER BY grp.source"
    )
    for r in corpus.conn.execute(sql):
        yield {
            "id": r["id"],
            "source": r["source"],
            "version": r["version"],
            "title": r["title"],
            "outlet": r["outlet"],
            "published": r["published"],
            "language": r["language"],
            "genre": r["genre"],
            "authors": json.loads(r["authors"]),
            "translators": json.loads(r["translators"]),
            "words": r["words"],
            "duplicate_of": r["dup_group"] if r["dup_group"] != r["id"] else None,
            "story": r["story"],
            "text": r["text"],
        }


def entity_rows(corpus: Corpus) -> Iterator[dict]:
    """Corpus entities named in current articles. `articles` and `mentions` are
    counted over those articles (syndicated copies once), so the tables agree
    with each other; the stored `entities.articles` also counts old versions."""
    sql = f"""WITH {CURRENT},
        ents AS (
            SELECT ae.entity_id, count(DISTINCT grp.dup_group) AS articles
            FROM article_entities ae JOIN grp ON grp.article_id = ae.article_id
            WHERE ae.entity_id IS NOT NULL GROUP BY ae.entity_id
        ),
        ments AS (
            SELECT ae.entity_id, count(*) AS mentions
            FROM mentions m JOIN grp ON grp.article_id = m.article_id
            JOIN article_entities ae ON ae.article_id = m.article_id AND ae.local_id = m.local_id
            WHERE ae.entity_id IS NOT NULL GROUP BY ae.entity_id
        )
        SELECT e.id, e.name, e.type, ents.articles, coalesce(ments.mentions, 0) AS mentions
        FROM entities e JOIN ents ON ents.entity_id = e.id LEFT JOIN ments ON ments.entity_id = e.id
        ORDER BY e.name, e.id"""
    c = corpus.conn
    for r in c.execute(sql):
        aliases = [
            n
            for (n,) in c.execute(
                "SELECT name FROM entity_names WHERE entity_id = ? AND name != ? ORDER BY mentions DESC, name",
                (r["id"], r["name"]),
            )
        ]
        yield {
            "id": r["id"],
            "name": r["name"],
            "type": r["type"],
            "aliases": aliases,
            "articles": r["articles"],
            "mentions": r["mentions"],
        }


def mention_rows(corpus: Corpus) -> Iterator[dict]:
    sql = f"""WITH {CURRENT}
        SELECT m.article_id, grp.source, m.local_id, ae.entity_id, e.name AS entity_name, ae.type, m.start, m.end, m.text
        FROM mentions m JOIN grp ON grp.article_id = m.article_id
        JOIN article_entities ae ON ae.article_id = m.article_id AND ae.local_id = m.local_id
        LEFT JOIN entities e ON e.id = ae.entity_id
        ORDER BY grp.source, m.start"""
    for r in corpus.conn.execute(sql):
        yield dict(r)


def quote_rows(corpus: Corpus) -> Iterator[dict]:
    sql = f"""WITH {CURRENT}
        SELECT q.article_id, q.n, grp.source, a.outlet, a.published, q.kind, q.content,
               q.speaker_name, ae.entity_id AS speaker_entity_id, q.cue, q.medium,
               CASE WHEN grp.dup_group != q.article_id THEN grp.dup_group END AS duplicate_of,
               (SELECT group_concat(DISTINCT sae.entity_id) FROM quote_subjects s
                JOIN article_entities sae ON sae.article_id = s.article_id AND sae.local_id = s.local_id
                WHERE s.article_id = q.article_id AND s.n = q.n AND sae.entity_id IS NOT NULL) AS about
        FROM quotes q JOIN grp ON grp.article_id = q.article_id JOIN articles a ON a.id = q.article_id
        LEFT JOIN article_entities ae ON ae.article_id = q.article_id AND ae.local_id = q.speaker_local_id
        WHERE q.rejected = 0
        ORDER BY grp.source, q.n"""
    for r in corpus.conn.execute(sql):
        row = dict(r)
        row["about"] = sorted(row["about"].split(",")) if row["about"] else []  # corpus ids hold no commas
        yield row


def _columns(spec: str) -> list[tuple[str, str]]:
    """'id title:str words:int authors:list' -> [(name, kind)]; kind defaults to str."""
    return [(name, kind or "str") for name, _, kind in (c.partition(":") for c in spec.split())]


TABLES: list[tuple[str, list[tuple[str, str]], Callable[[Corpus], Iterable[dict]]]] = [
    (
        "articles",
        _columns(
            "id source version:int title outlet published language genre authors:list translators:list "
            "words:int duplicate_of story text"
        ),
        article_rows,
    ),
    ("entities", _columns("id name type aliases:list articles:int mentions:int"), entity_rows),
    (
        "mentions",
        _columns("article_id source local_id entity_id entity_name type start:int end:int text"),
        mention_rows,
    ),
    (
        "quotes",
        _columns(
            "article_id n:int source outlet published kind content speaker_name speaker_entity_id cue medium "
            "duplicate_of about:list"
        ),
        quote_rows,
    ),
]


def export_tables(corpus: Corpus, fmt: str, directory: Path) -> dict[str, int]:
    """Write every table as `fmt` ('csv' or 'parquet') into `directory`; returns rows per table."""
    writer = write_csv if fmt == "csv" else write_parquet
    return {name: writer(directory, name, columns, rows(corpus)) for name, columns, rows in TABLES}


def write_csv(directory: Path, name: str, columns: list[tuple[str, str]], rows: Iterable[dict]) -> int:
    n = 0
    # utf-8-sig would please Excel but puts a BOM in front of the first header for
    # every other reader; plain UTF-8 is what pandas, csvkit and sqlite expect.
    with replaced_when_done(directory / f"{name}.csv") as tmp, open(tmp, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow([c for c, _ in columns])
        for row in rows:
            writer.writerow([SEP.join(row[c]) if kind == "list" else row[c] for c, kind in columns])
            n += 1
    return n


def write_parquet(directory: Path, name: str, columns: list[tuple[str, str]], rows: Iterable[dict]) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    types = {"str": pa.string(), "int": pa.int64(), "list": pa.list_(pa.string())}
    schema = pa.schema([(c, types[kind]) for c, kind in columns])
    n = 0
    with replaced_when_done(directory / f"{name}.parquet") as tmp, pq.ParquetWriter(tmp, schema) as writer:
        batch: list[dict] = []
        for row in rows:
            batch.append(row)
            if len(batch) >= PARQUET_BATCH:
                writer.write_batch(pa.RecordBatch.from_pylist(batch, schema=schema))
                n += len(batch)
                batch = []
        if batch or n == 0:  # an empty table still gets its schema
            writer.write_batch(pa.RecordBatch.from_pylist(batch, schema=schema))
            n += len(batch)
    return n
