"""`presswatch export`: the corpus in formats other tools read.

    jsonl    one `analyze` object per current article, plus corpus ids (stdout or -o FILE)
    csv      articles.csv, entities.csv, mentions.csv, quotes.csv in the -o DIRECTORY
    parquet  the same four tables as .parquet files in the -o DIRECTORY
    gexf     the co-mention and quote network for Gephi (stdout or -o FILE)
    ftm      FollowTheMoney entities for Aleph, one JSON object a line (stdout or -o FILE)

Every format covers the *current* articles: the latest version of each source,
as `Corpus.documents()` does. Counts (an entity's articles, co-mentions,
quotes) count the copies of one syndicated article once, through
`article_groups.dup_group`, like the rest of the corpus commands. Everything
is read through cursors and written as it goes, so only per-entity figures
(never article texts) are held in memory."""

from __future__ import annotations

import csv
import json
import os
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from .corpus import Corpus, CorpusError

FORMATS = ("jsonl", "csv", "parquet", "gexf", "ftm")

# The latest version of every source; an article stored under two paths is
# listed once, under its first source (as the dossier and quote views do).
# `version` is a bare column next to min(): SQLite takes it from the min row.
CURRENT = """
    cur AS (
        SELECT v.article_id, min(v.source) AS source, v.version
        FROM versions v
        WHERE v.version = (SELECT max(w.version) FROM versions w WHERE w.source = v.source)
        GROUP BY v.article_id
    ),
    grp AS (
        SELECT cur.article_id, cur.source, cur.version, coalesce(g.dup_group, cur.article_id) AS dup_group, g.story
        FROM cur LEFT JOIN article_groups g ON g.article_id = cur.article_id
    )"""


def export_corpus(corpus: Corpus, fmt: str, output: Path | None) -> str:
    """Write the corpus as `fmt` to `output` (None or '-' = stdout where a single
    stream makes sense). Returns the one-line summary the CLI prints."""
    if fmt not in FORMATS:
        raise CorpusError(f"unknown export format '{fmt}' (choose from {', '.join(FORMATS)})")
    if fmt in ("csv", "parquet"):
        if output is None or str(output) == "-":
            raise CorpusError(f"--format {fmt} writes several files: give a directory with -o DIR")
        if output.exists() and not output.is_dir():
            raise CorpusError(f"{output}: --format {fmt} needs a directory, and this is a file")
        output.mkdir(parents=True, exist_ok=True)
        writer = _write_csv if fmt == "csv" else _write_parquet
        counts = {name: writer(output, name, columns, rows(corpus)) for name, columns, rows in TABLES}
        files = ", ".join(f"{name}.{fmt}" for name, _, _ in TABLES)
        return (
            f"exported {counts['articles']} articles, {counts['entities']} entities, {counts['mentions']} mentions, "
            f"{counts['quotes']} quotes to {output}/ ({files})"
        )
    if output is not None and str(output) != "-" and output.is_dir():
        raise CorpusError(f"{output}: is a directory; --format {fmt} writes one file")
    dest = "stdout" if output is None or str(output) == "-" else str(output)
    if fmt == "jsonl":
        with _text_out(output) as out:
            n = _export_jsonl(corpus, out)
        return f"exported {n['articles']} articles, {n['entities']} entities, {n['quotes']} quotes to {dest}"
    if fmt == "gexf":
        graph = build_graph(corpus)
        with _binary_out(output) as out:
            import networkx as nx

            nx.write_gexf(graph, out)
        kinds = Counter(d["kind"] for _, _, d in graph.edges(data=True))
        return (
            f"exported {graph.graph['articles']} articles, {graph.number_of_nodes()} entities, "
            f"{graph.graph['quotes']} quotes to {dest} ({kinds['co-mention']} co-mention and "
            f"{kinds['quote']} quote edges)"
        )
    with _text_out(output) as out:
        n = _export_ftm(corpus, out)
    return (
        f"exported {n['articles']} articles, {n['entities']} entities, {n['quotes']} quotes to {dest} "
        f"({n['lines']} FollowTheMoney entities)"
    )


@contextmanager
def _text_out(output: Path | None) -> Iterator[IO[str]]:
    if output is None or str(output) == "-":
        with _stdout_closed_early():
            yield sys.stdout
            sys.stdout.flush()
        return
    with open(output, "w", encoding="utf-8", newline="\n") as fh:
        yield fh


@contextmanager
def _binary_out(output: Path | None) -> Iterator[IO[bytes]]:
    if output is None or str(output) == "-":
        with _stdout_closed_early():
            sys.stdout.flush()
            yield sys.stdout.buffer
            sys.stdout.buffer.flush()
        return
    with open(output, "wb") as fh:
        yield fh


@contextmanager
def _stdout_closed_early() -> Iterator[None]:
    """`presswatch export -f jsonl | head`: say so in one line instead of a
    traceback, and point stdout at /dev/null so the interpreter's final flush
    does not fail a second time."""
    try:
        yield
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        raise CorpusError("standard output was closed before the export finished") from None


# ---------------------------------------------------------------------- jsonl


def iter_documents(corpus: Corpus) -> Iterator[dict]:
    """`Corpus.documents()`: read through a cursor, one article in memory at a time."""
    yield from corpus.documents()


def _export_jsonl(corpus: Corpus, out: IO[str]) -> dict:
    articles = quotes = 0
    entities: set[str] = set()
    for doc in iter_documents(corpus):
        out.write(json.dumps(doc, ensure_ascii=False) + "\n")
        articles += 1
        quotes += len(doc["quotes"])
        entities.update(e["corpus_id"] for e in doc["entities"] if e["corpus_id"])
    return {"articles": articles, "entities": len(entities), "quotes": quotes}


# ---------------------------------------------------------------------- tables (csv, parquet)
# Each table: its columns as (name, arrow type), and a function yielding rows as
# dicts. List-valued columns are real lists in Parquet and " | "-joined in CSV.

SEP = " | "


def _articles(corpus: Corpus) -> Iterator[dict]:
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


def _entity_rows(corpus: Corpus) -> Iterator[dict]:
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


def _mention_rows(corpus: Corpus) -> Iterator[dict]:
    sql = f"""WITH {CURRENT}
        SELECT m.article_id, grp.source, m.local_id, ae.entity_id, e.name AS entity_name, ae.type, m.start, m.end, m.text
        FROM mentions m JOIN grp ON grp.article_id = m.article_id
        JOIN article_entities ae ON ae.article_id = m.article_id AND ae.local_id = m.local_id
        LEFT JOIN entities e ON e.id = ae.entity_id
        ORDER BY grp.source, m.start"""
    for r in corpus.conn.execute(sql):
        yield dict(r)


def _quote_rows(corpus: Corpus) -> Iterator[dict]:
    sql = f"""WITH {CURRENT}
        SELECT q.article_id, q.n, grp.source, a.outlet, a.published, q.kind, q.content,
               q.speaker_name, ae.entity_id AS speaker_entity_id, q.cue, q.medium,
               CASE WHEN grp.dup_group != q.article_id THEN grp.dup_group END AS duplicate_of,
               (SELECT group_concat(DISTINCT sae.entity_id) FROM quote_subjects s
                JOIN article_entities sae ON sae.article_id = s.article_id AND sae.local_id = s.local_id
                WHERE s.article_id = q.article_id AND s.n = q.n AND sae.entity_id IS NOT NULL) AS about
        FROM quotes q JOIN grp ON grp.article_id = q.article_id JOIN articles a ON a.id = q.article_id
        LEFT JOIN article_entities ae ON ae.article_id = q.article_id AND ae.local_id = q.speaker_local_id
        ORDER BY grp.source, q.n"""
    for r in corpus.conn.execute(sql):
        row = dict(r)
        row["about"] = sorted(row["about"].split(",")) if row["about"] else []  # corpus ids hold no commas
        yield row


def _columns(spec: str) -> list[tuple[str, str]]:
    """'id title:str words:int authors:list' -> [(name, kind)]; kind defaults to str."""
    return [tuple(c.split(":")) if ":" in c else (c, "str") for c in spec.split()]  # type: ignore[misc]


TABLES: list[tuple[str, list[tuple[str, str]], Callable[[Corpus], Iterable[dict]]]] = [
    (
        "articles",
        _columns(
            "id source version:int title outlet published language genre authors:list translators:list "
            "words:int duplicate_of story text"
        ),
        _articles,
    ),
    ("entities", _columns("id name type aliases:list articles:int mentions:int"), _entity_rows),
    (
        "mentions",
        _columns("article_id source local_id entity_id entity_name type start:int end:int text"),
        _mention_rows,
    ),
    (
        "quotes",
        _columns(
            "article_id n:int source outlet published kind content speaker_name speaker_entity_id cue medium "
            "duplicate_of about:list"
        ),
        _quote_rows,
    ),
]


def _write_csv(directory: Path, name: str, columns: list[tuple[str, str]], rows: Iterable[dict]) -> int:
    n = 0
    # utf-8-sig would please Excel but puts a BOM in front of the first header for
    # every other reader; plain UTF-8 is what pandas, csvkit and sqlite expect.
    with open(directory / f"{name}.csv", "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow([c for c, _ in columns])
        for row in rows:
            writer.writerow([SEP.join(row[c]) if kind == "list" else row[c] for c, kind in columns])
            n += 1
    return n


def _write_parquet(
    directory: Path, name: str, columns: list[tuple[str, str]], rows: Iterable[dict], batch_size: int = 2000
) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    types = {"str": pa.string(), "int": pa.int64(), "list": pa.list_(pa.string())}
    schema = pa.schema([(c, types[kind]) for c, kind in columns])
    n = 0
    # Row groups of `batch_size` rows keep memory flat however big the corpus.
    with pq.ParquetWriter(directory / f"{name}.parquet", schema) as writer:
        batch: list[dict] = []
        for row in rows:
            batch.append(row)
            if len(batch) >= batch_size:
                writer.write_batch(pa.RecordBatch.from_pylist(batch, schema=schema))
                n += len(batch)
                batch = []
        if batch or n == 0:  # an empty table still gets its schema
            writer.write_batch(pa.RecordBatch.from_pylist(batch, schema=schema))
            n += len(batch)
    return n


# ---------------------------------------------------------------------- gexf


def build_graph(corpus: Corpus):
    """The entity network as a networkx DiGraph, ready for `write_gexf`.

    Nodes are corpus entities named in current articles (id = corpus id;
    attributes label = canonical name, type, aliases, articles, mentions).

    Two relations share the graph, because Gephi handles one edge per ordered
    pair far better than parallel edges (a MultiDiGraph):

    - quote: speaker -> an entity named inside the quote; weight = number of
      such quotes, copies of a syndicated quote counted once.
    - co-mention: two entities named in the same article; weight = number of
      near-duplicate groups (syndicated copies once) where both appear.

    Every edge carries both figures as `quotes` and `co_mentions`, and `kind`
    says which one `weight` is. A pair with a quote either way gets quote
    edge(s) only (its co-mentions ride along, always >= 1, since speaker and
    subject share the article); a pair without one gets a single co-mention
    edge from the smaller to the larger id, whose direction means nothing.
    So in Gephi: filter kind = quote for who speaks about whom; use all edges
    with co_mentions as weight for who appears together. Self-loops (a speaker
    naming themselves) are left out."""
    import networkx as nx

    c = corpus.conn
    graph = nx.DiGraph()
    for e in _entity_rows(corpus):
        graph.add_node(
            e["id"],
            label=e["name"],
            type=e["type"],
            aliases=SEP.join(e["aliases"]),
            articles=e["articles"],
            mentions=e["mentions"],
        )

    # Co-mentions: pairs within each article, united over the copies of a group,
    # then counted once per group. Rows come sorted by group, so one group at a time.
    co: Counter = Counter()
    group_pairs: set[tuple[str, str]] = set()
    current_group = article = None
    names: set[str] = set()

    def close_article() -> None:
        ids = sorted(names)
        group_pairs.update((a, b) for i, a in enumerate(ids) for b in ids[i + 1 :])
        names.clear()

    articles = set()
    for r in c.execute(f"""WITH {CURRENT}
            SELECT DISTINCT grp.dup_group, ae.article_id, ae.entity_id FROM article_entities ae
            JOIN grp ON grp.article_id = ae.article_id WHERE ae.entity_id IS NOT NULL
            ORDER BY grp.dup_group, ae.article_id"""):
        if r["article_id"] != article:
            close_article()
            article = r["article_id"]
            articles.add(article)
        if r["dup_group"] != current_group:
            co.update(group_pairs)
            group_pairs.clear()
            current_group = r["dup_group"]
        names.add(r["entity_id"])
    close_article()
    co.update(group_pairs)

    # Quote edges: a quote repeated in copies of one article counts once, as in `presswatch quotes`.
    said: Counter = Counter()
    seen: set[str] = set()
    current_group = None
    quotes = 0
    for r in c.execute(f"""WITH {CURRENT}
            SELECT grp.dup_group, q.article_id, q.n, q.content, ae.entity_id AS speaker FROM quotes q
            JOIN grp ON grp.article_id = q.article_id
            LEFT JOIN article_entities ae ON ae.article_id = q.article_id AND ae.local_id = q.speaker_local_id
            ORDER BY grp.dup_group, q.article_id, q.n"""):
        quotes += 1
        if r["dup_group"] != current_group:
            seen.clear()
            current_group = r["dup_group"]
        text = " ".join(r["content"].split()).casefold()
        if text in seen or r["speaker"] is None:
            continue
        seen.add(text)
        for (subject,) in c.execute(
            "SELECT DISTINCT ae.entity_id FROM quote_subjects s JOIN article_entities ae"
            " ON ae.article_id = s.article_id AND ae.local_id = s.local_id"
            " WHERE s.article_id = ? AND s.n = ? AND ae.entity_id IS NOT NULL",
            (r["article_id"], r["n"]),
        ):
            if subject != r["speaker"]:
                said[(r["speaker"], subject)] += 1

    for (a, b), n in sorted(said.items()):
        pair = (min(a, b), max(a, b))
        graph.add_edge(a, b, kind="quote", weight=n, quotes=n, co_mentions=co.get(pair, 0))
    for (a, b), n in sorted(co.items()):
        if not graph.has_edge(a, b) and not graph.has_edge(b, a):
            graph.add_edge(a, b, kind="co-mention", weight=n, quotes=0, co_mentions=n)
    graph.graph.update(articles=len(articles), quotes=quotes)
    return graph


# ---------------------------------------------------------------------- ftm

# presswatch types -> FollowTheMoney schemata. NORP (nationalities, religious
# and political groups: "Belarusian") names no one Aleph could hold a record on,
# so it is left out, as are links to it.
FTM_SCHEMA = {"PERSON": "Person", "ORG": "Organization", "MEDIA": "Organization", "GPE": "Territory"}
FTM_MENTIONED = {
    "PERSON": "peopleMentioned",
    "ORG": "companiesMentioned",
    "MEDIA": "companiesMentioned",
    "GPE": "locationMentioned",
}


def ftm_id(*parts: str) -> str:
    """Readable, stable FtM ids built from presswatch ids: 'pw-E080a8641b6',
    'pw-a-<article>', 'pw-m-<article>-<entity>', 'pw-q-<article>-<n>'. They
    match FtM's id pattern, survive re-export, and lead back to the CSV rows."""
    return "-".join(("pw",) + parts)


def _export_ftm(corpus: Corpus, out: IO[str]) -> dict:
    """Entities first, then each article with its links, so a reader meets an
    entity before anything pointing at it.

    - corpus entity -> Person / Organization / Territory: name = canonical name;
      alias = the other names (for people, single-word names such as a bare
      surname go to weakAlias, as FtM advises for names too weak to match on);
      position = the roles the articles give a person.
    - article -> Article: title, author, publishedAt, publisher (outlet),
      language, bodyText, fileName, and the *Mentioned name lists Aleph facets on.
    - entity named in an article -> Documentation (document = Article,
      entity = it, role = its roles there or "mentioned", date = published).
      FtM's Mention schema is for unresolved names found by ingest; ours are
      resolved, and Documentation is the edge Aleph draws in its network view.
    - quote with a known speaker -> Documentation (role "quoted (kind)",
      summary = the words, recordId = article:n); a quote without one -> a Note
      on the Article (description = the words, summary = who, as written)."""
    from followthemoney import model

    c = corpus.conn
    counts = Counter()
    kept: dict[str, str] = {}  # corpus id -> FtM id, for the entities we emit

    def emit(proxy) -> None:
        out.write(json.dumps(proxy.to_dict(), ensure_ascii=False, sort_keys=True) + "\n")
        counts["lines"] += 1

    roles_sql = f"""WITH {CURRENT} SELECT ae.roles FROM article_entities ae JOIN grp ON grp.article_id = ae.article_id
                    WHERE ae.entity_id = ?"""
    for e in _entity_rows(corpus):
        schema = FTM_SCHEMA.get(e["type"])
        if schema is None:
            continue
        proxy = model.make_entity(schema)
        proxy.id = ftm_id(e["id"])
        proxy.add("name", e["name"])
        for alias in e["aliases"]:
            weak = schema == "Person" and len(alias.split()) == 1
            proxy.add("weakAlias" if weak else "alias", alias)
        if schema == "Person":
            roles = {role for (rs,) in c.execute(roles_sql, (e["id"],)) for role in json.loads(rs)}
            proxy.add("position", sorted(roles))
        emit(proxy)
        kept[e["id"]] = proxy.id
        counts["entities"] += 1

    for a in _articles(corpus):
        article = model.make_entity("Article")
        article.id = ftm_id("a", a["id"])
        article.add("title", a["title"])
        article.add("author", a["authors"])
        article.add("publishedAt", a["published"])
        article.add("publisher", a["outlet"])
        article.add("language", a["language"])
        article.add("bodyText", a["text"])
        article.add("fileName", Path(a["source"]).name)
        linked = []
        for r in c.execute(
            "SELECT entity_id, type, roles FROM article_entities WHERE article_id = ? AND entity_id IS NOT NULL"
            " ORDER BY CAST(substr(local_id, 2) AS INTEGER)",
            (a["id"],),
        ):
            if r["entity_id"] in kept:
                linked.append((r["entity_id"], r["type"], json.loads(r["roles"])))
        for eid, etype, _ in linked:
            name = c.execute("SELECT name FROM entities WHERE id = ?", (eid,)).fetchone()[0]
            article.add(FTM_MENTIONED[etype], name)
        emit(article)
        counts["articles"] += 1

        roles_by_entity: dict[str, list[str]] = {}
        for eid, _, roles in linked:  # one entity may be several article entities ("Лукашэнка", "Lukashenka")
            roles_by_entity.setdefault(eid, [])
            roles_by_entity[eid] += [r for r in roles if r not in roles_by_entity[eid]]
        for eid, roles in roles_by_entity.items():
            link = model.make_entity("Documentation")
            link.id = ftm_id("m", a["id"], eid)
            link.add("document", article.id)
            link.add("entity", kept[eid])
            link.add("role", "; ".join(roles) if roles else "mentioned")
            link.add("date", a["published"])
            emit(link)

        for q in c.execute(
            "SELECT q.n, q.kind, q.content, q.speaker_name, q.cue, ae.entity_id FROM quotes q"
            " LEFT JOIN article_entities ae ON ae.article_id = q.article_id AND ae.local_id = q.speaker_local_id"
            " WHERE q.article_id = ? ORDER BY q.n",
            (a["id"],),
        ):
            counts["quotes"] += 1
            if q["entity_id"] in kept:
                quote = model.make_entity("Documentation")
                quote.add("document", article.id)
                quote.add("entity", kept[q["entity_id"]])
                quote.add("role", f"quoted ({q['kind']})")
                quote.add("summary", q["content"])
                quote.add("date", a["published"])
                quote.add("recordId", f"{a['id']}:{q['n']}")
            else:
                quote = model.make_entity("Note")
                quote.add("entity", article.id)
                quote.add("description", q["content"])
                quote.add("summary", f"{q['speaker_name'] or 'unattributed'} ({q['kind']} quote)")
            quote.id = ftm_id("q", a["id"], str(q["n"]))
            emit(quote)
    return counts
