"""The corpus store: one SQLite file that owns every table presswatch keeps.

Design, after datasette/sqlite-utils: plain tables with foreign keys and views
with friendly names, so the file is readable as-is by Datasette and
sqlite-utils; the schema grows only through the named, ordered `MIGRATIONS`
below, and `PRAGMA user_version` records how many have run. `PRAGMA
application_id` marks the file as ours, so presswatch never writes into a
database that belongs to something else.

Ids are content hashes: an article's id is the hash of its input bytes, so
re-ingesting the same file finds the same row and changes nothing."""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path
from urllib.parse import quote

from ..document import Document

APPLICATION_ID = 0x50725774  # "PrWt"
MMAP_BYTES = 2**31
BUSY_TIMEOUT_MS = 60_000  # a second ingest waits for the first one's write, not fails


class StoreError(Exception):
    """The file cannot be used as a presswatch store (not SQLite, not ours, too new...)."""


# Each migration: (name, SQL). Never edit a released one; append a new one.
MIGRATIONS: list[tuple[str, str]] = [
    (
        "0001_articles_entities_quotes",
        """
        CREATE TABLE articles (
            id TEXT PRIMARY KEY,              -- content hash of the input bytes
            title TEXT, outlet TEXT, published TEXT, language TEXT, genre TEXT,
            authors TEXT NOT NULL,            -- JSON list
            translators TEXT NOT NULL,        -- JSON list
            text TEXT NOT NULL,
            removed TEXT NOT NULL,            -- JSON list of {text, reason}
            words INTEGER NOT NULL,
            current INTEGER NOT NULL DEFAULT 1  -- 0 once every source it came from has a newer version
        );
        -- Where each article was read from. A changed file at the same path
        -- becomes a new version; the old article stays.
        CREATE TABLE versions (
            source TEXT NOT NULL,
            version INTEGER NOT NULL,
            article_id TEXT NOT NULL REFERENCES articles(id),
            PRIMARY KEY (source, version),
            UNIQUE (source, article_id)
        );
        CREATE INDEX versions_article ON versions(article_id);
        -- Entities as the analysis found them inside one article.
        CREATE TABLE article_entities (
            article_id TEXT NOT NULL REFERENCES articles(id),
            local_id TEXT NOT NULL,           -- "e3": the id inside the article
            name TEXT NOT NULL, type TEXT NOT NULL,
            aliases TEXT NOT NULL,            -- JSON list
            roles TEXT NOT NULL,              -- JSON list
            entity_id TEXT REFERENCES entities(id),  -- the corpus entity; NULL until linked
            PRIMARY KEY (article_id, local_id)
        );
        -- Blocking keys of the linker (surname sounds, organisation keys):
        -- only article entities sharing a key are ever compared.
        CREATE TABLE link_keys (
            key TEXT NOT NULL,
            article_id TEXT NOT NULL,
            local_id TEXT NOT NULL,
            PRIMARY KEY (key, article_id, local_id),
            FOREIGN KEY (article_id, local_id) REFERENCES article_entities(article_id, local_id)
        ) WITHOUT ROWID;
        -- The keys of one article entity, and of its article's other entities (linker context).
        CREATE INDEX link_keys_item ON link_keys(article_id, local_id);
        CREATE TABLE mentions (
            article_id TEXT NOT NULL,
            local_id TEXT NOT NULL,
            start INTEGER NOT NULL, end INTEGER NOT NULL, text TEXT NOT NULL,
            PRIMARY KEY (article_id, start, end),
            FOREIGN KEY (article_id, local_id) REFERENCES article_entities(article_id, local_id)
        );
        CREATE INDEX mentions_entity ON mentions(article_id, local_id);
        -- Corpus entities: one row per real person or body across the corpus.
        CREATE TABLE entities (
            id TEXT PRIMARY KEY,              -- hash of its earliest article entity
            name TEXT NOT NULL,
            type TEXT NOT NULL,
            articles INTEGER NOT NULL,        -- distinct near-duplicate groups mentioning it
            mentions INTEGER NOT NULL
        );
        CREATE INDEX entities_name ON entities(name);
        -- Every spelling an entity goes by, with its folded Latin key for lookups.
        CREATE TABLE entity_names (
            entity_id TEXT NOT NULL REFERENCES entities(id),
            name TEXT NOT NULL,
            script TEXT NOT NULL,
            key TEXT NOT NULL,
            mentions INTEGER NOT NULL,
            PRIMARY KEY (entity_id, name)
        );
        CREATE INDEX entity_names_key ON entity_names(key);
        CREATE TABLE quotes (
            article_id TEXT NOT NULL REFERENCES articles(id),
            n INTEGER NOT NULL,               -- position in the article
            kind TEXT NOT NULL, content TEXT NOT NULL,
            start INTEGER NOT NULL, end INTEGER NOT NULL,
            speaker_name TEXT, speaker_mention TEXT, speaker_local_id TEXT,
            speaker_start INTEGER, speaker_end INTEGER,
            cue TEXT, medium TEXT,
            PRIMARY KEY (article_id, n)
        );
        CREATE INDEX quotes_speaker ON quotes(article_id, speaker_local_id);
        -- Entities mentioned inside a quote: what the quote is about.
        CREATE TABLE quote_subjects (
            article_id TEXT NOT NULL,
            n INTEGER NOT NULL,
            local_id TEXT NOT NULL,
            PRIMARY KEY (article_id, n, local_id),
            FOREIGN KEY (article_id, n) REFERENCES quotes(article_id, n)
        );
        CREATE INDEX quote_subjects_entity ON quote_subjects(article_id, local_id);
        -- Articles that could not be analysed, so a re-run need not try again.
        CREATE TABLE failures (
            source TEXT NOT NULL,
            content_id TEXT NOT NULL,
            error TEXT NOT NULL,
            PRIMARY KEY (source, content_id)
        );
        """,
    ),
    (
        "0002_judgements",
        """
        -- Human judgements about identity. They refer to article entities
        -- (stable, content-hashed) rather than corpus entities (recomputed), so
        -- they survive re-ingest and re-linking.
        CREATE TABLE judgements (
            n INTEGER PRIMARY KEY,
            kind TEXT NOT NULL CHECK (kind IN ('same', 'different', 'name')),
            a_article TEXT NOT NULL, a_local TEXT NOT NULL,
            b_article TEXT, b_local TEXT,
            value TEXT,                       -- the new name, for kind = 'name'
            note TEXT
        );
        """,
    ),
    (
        "0003_duplicates_stories",
        """
        CREATE TABLE article_groups (
            article_id TEXT PRIMARY KEY REFERENCES articles(id),
            shingles BLOB NOT NULL,           -- MinHash of word 5-grams (near-duplicates)
            topics BLOB NOT NULL,             -- MinHash of names and rarer words (stories)
            dup_group TEXT NOT NULL,          -- near-duplicate group: its smallest article id
            story TEXT NOT NULL               -- story: its smallest article id
        );
        CREATE INDEX article_groups_dup ON article_groups(dup_group);
        CREATE INDEX article_groups_story ON article_groups(story);
        -- LSH buckets: articles sharing a bucket are candidate pairs.
        CREATE TABLE lsh_buckets (
            kind TEXT NOT NULL,               -- 'dup' or 'story'
            bucket INTEGER NOT NULL,
            article_id TEXT NOT NULL,
            PRIMARY KEY (kind, bucket, article_id)
        ) WITHOUT ROWID;
        """,
    ),
    (
        "0004_search",
        """
        -- Full-text search over articles, quotes and names. `latin` holds the
        -- ASCII transliteration so a query in one alphabet finds the other.
        CREATE VIRTUAL TABLE search USING fts5(
            kind UNINDEXED, ref UNINDEXED, title, body, latin,
            tokenize = 'unicode61 remove_diacritics 2'
        );
        """,
    ),
    (
        "0005_views",
        """
        CREATE VIEW current_articles AS
            SELECT a.*, v.source, v.version
            FROM versions v JOIN articles a ON a.id = v.article_id
            WHERE v.version = (SELECT max(version) FROM versions w WHERE w.source = v.source);
        CREATE VIEW quotes_with_speakers AS
            SELECT q.article_id, q.n, q.kind, q.content, q.cue, q.medium,
                   q.speaker_name, q.speaker_mention, ae.entity_id AS speaker_entity,
                   a.title, a.outlet, a.published
            FROM quotes q JOIN articles a ON a.id = q.article_id
            LEFT JOIN article_entities ae ON ae.article_id = q.article_id AND ae.local_id = q.speaker_local_id;
        CREATE VIEW entity_mentions AS
            SELECT ae.entity_id, e.name AS entity_name, m.article_id, m.start, m.end, m.text, ae.type
            FROM mentions m
            JOIN article_entities ae ON ae.article_id = m.article_id AND ae.local_id = m.local_id
            LEFT JOIN entities e ON e.id = ae.entity_id;
        """,
    ),
    (
        "0006_versions_allow_revert",
        """
        -- A file edited and then put back as it was is a third version, not
        -- 'unchanged': (source, article_id) is no longer unique.
        DROP VIEW current_articles;
        CREATE TABLE versions_new (
            source TEXT NOT NULL,
            version INTEGER NOT NULL,
            article_id TEXT NOT NULL REFERENCES articles(id),
            PRIMARY KEY (source, version)
        );
        INSERT INTO versions_new (source, version, article_id) SELECT source, version, article_id FROM versions;
        DROP TABLE versions;
        ALTER TABLE versions_new RENAME TO versions;
        CREATE INDEX versions_article ON versions(article_id);
        CREATE VIEW current_articles AS
            SELECT a.*, v.source, v.version
            FROM versions v JOIN articles a ON a.id = v.article_id
            WHERE v.version = (SELECT max(version) FROM versions w WHERE w.source = v.source);
        """,
    ),
    (
        "0007_dossier_indexes",
        """
        -- Dossiers: an entity's articles, and the other entities of those articles,
        -- read from the indexes alone.
        CREATE INDEX article_entities_entity_article ON article_entities(entity_id, article_id);
        CREATE INDEX article_entities_article_entity ON article_entities(article_id, entity_id);
        """,
    ),
    (
        "0008_article_date_group_indexes",
        """
        -- Dates and near-duplicate groups of many articles without reading their
        -- text and signatures (used with INDEXED BY: the planner prefers the primary keys).
        CREATE INDEX articles_id_published ON articles(id, published, current);
        CREATE INDEX article_groups_article_dup ON article_groups(article_id, dup_group);
        """,
    ),
    (
        "0009_entity_stats",
        """
        -- Quote counts of popular entities, kept at link time (JSON; NULL for the rest).
        ALTER TABLE entities ADD COLUMN stats TEXT;
        """,
    ),
    (
        "0010_entity_newest_articles",
        """
        -- A popular entity's newest articles come from one index walk, and its
        -- roles from the few rows that have any, instead of visiting every
        -- article that mentions it (dossiers at 100k articles).
        ALTER TABLE article_entities ADD COLUMN published TEXT;
        UPDATE article_entities SET published = (SELECT a.published FROM articles a WHERE a.id = article_entities.article_id);
        CREATE INDEX article_entities_entity_published ON article_entities(entity_id, published, article_id);
        CREATE INDEX article_entities_entity_roles ON article_entities(entity_id, roles, article_id) WHERE roles != '[]';
        """,
    ),
    (
        "0011_quote_parts",
        """
        -- A quote is one speech act and may have several parts ('"A," he said. "B."'):
        -- JSON [[start, end], ...]; NULL means the one part [start, end].
        ALTER TABLE quotes ADD COLUMN parts TEXT;
        """,
    ),
]
SCHEMA_VERSION = len(MIGRATIONS)


def open_db(path: str | Path, *, readonly: bool = False) -> sqlite3.Connection:
    """Open (and, when writable, create or migrate) a presswatch store.

    Raises StoreError, never a bare sqlite3 error, for files that are not ours.
    Read-only opens never modify the file, not even to migrate it."""
    path = Path(path)
    if readonly and not path.exists():
        raise StoreError(f"{path}: no such database (run `presswatch ingest` first)")
    if path.exists() and path.is_dir():
        raise StoreError(f"{path}: is a directory, not a database")
    if not readonly and not path.parent.is_dir():
        raise StoreError(f"{path}: no such directory {path.parent}")
    if path.exists() and not os.access(path, os.R_OK if readonly else os.R_OK | os.W_OK):
        raise StoreError(f"{path}: permission denied")
    try:
        if readonly:
            # quoted: a '?', '#' or '%' in the file name must not be read as URI syntax
            conn = sqlite3.connect(f"file:{quote(str(path))}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
        else:
            conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        conn.row_factory = sqlite3.Row
        _check_ours(conn, path)
        if not readonly:
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
            # 64 MB of page cache (default 2 MB): a big corpus's indexes are written all over
            conn.execute("PRAGMA cache_size = -65536")
            migrate(conn)
        conn.execute("PRAGMA foreign_keys = ON")
        # Reads through memory-mapped pages (SQLite clamps this to its build's limit, 2 GB
        # here): a dossier of a popular entity touches some 10^5 pages, and one read()
        # call per page cost about as much as the query itself. Writes still go through
        # write(), so a full disk is an error SQLite reports, not a signal.
        conn.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if readonly and version == 0:
            raise StoreError(f"{path}: an empty database, no corpus in it yet (run `presswatch ingest` first)")
        if readonly and version < SCHEMA_VERSION:
            raise StoreError(f"{path}: written by an older presswatch; run `presswatch ingest` once to upgrade it")
        return conn
    except sqlite3.DatabaseError as exc:
        if isinstance(exc, sqlite3.OperationalError) and "not a database" not in str(exc):
            # locked for too long, disk full during a migration, I/O error...
            raise StoreError(f"{path}: cannot open the corpus: {exc}") from None
        raise StoreError(f"{path}: not a usable SQLite database ({exc})") from None
    except OSError as exc:
        raise StoreError(f"{path}: {exc.strerror or exc}") from None


def _check_ours(conn: sqlite3.Connection, path: Path) -> None:
    app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    has_tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] > 0
    if app_id != APPLICATION_ID and (has_tables or version):
        raise StoreError(f"{path}: not a presswatch database (it belongs to another program); choose another --db")
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"{path}: made by a newer presswatch (schema {version}, this one knows {SCHEMA_VERSION}); upgrade presswatch"
        )


def migrate(conn: sqlite3.Connection) -> list[str]:
    """Run the migrations this file has not had yet, each in its own transaction."""
    ran = []
    while True:
        conn.execute("BEGIN IMMEDIATE")  # one migrator at a time
        try:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version >= SCHEMA_VERSION:
                conn.execute("COMMIT")
                return ran
            name, sql = MIGRATIONS[version]
            for statement in _statements(sql):
                conn.execute(statement)
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            conn.execute(f"PRAGMA user_version = {version + 1}")
            conn.execute("COMMIT")
            ran.append(name)
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise


def _statements(sql: str) -> Iterator[str]:
    # executescript() would commit our transaction; split on statement ends instead.
    buf = []
    for line in sql.splitlines():
        code = line.split("--", 1)[0]
        buf.append(code)
        if code.rstrip().endswith(";"):
            statement = "\n".join(buf).strip()
            buf = []
            if sqlite3.complete_statement(statement):
                yield statement
    rest = "\n".join(buf).strip()
    if rest:
        yield rest


def write_error(exc: sqlite3.Error) -> StoreError | None:
    """The StoreError a failed write means for the user (disk full, read-only
    file, locked for too long, damaged file), or None for a programming error."""
    if isinstance(exc, (sqlite3.IntegrityError, sqlite3.ProgrammingError, sqlite3.InterfaceError)):
        return None
    if not isinstance(exc, sqlite3.DatabaseError):
        return None
    return StoreError(f"cannot write the corpus: {exc}")


class transaction:
    """`with transaction(conn):` — BEGIN IMMEDIATE ... COMMIT, or ROLLBACK on error.

    Storage failures (disk full, read-only file, lock timeout) come out as
    StoreError; earlier transactions stay committed."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn

    def __enter__(self) -> sqlite3.Connection:
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise (write_error(exc) or exc) from None
        return self.conn

    def __exit__(self, exc_type, exc, tb) -> bool:
        if exc_type is None:
            try:
                self.conn.execute("COMMIT")
                return False
            except sqlite3.Error as commit_exc:
                self._rollback()
                raise (write_error(commit_exc) or commit_exc) from None
        self._rollback()
        if isinstance(exc, sqlite3.Error) and (translated := write_error(exc)) is not None:
            raise translated from None
        return False

    def _rollback(self) -> None:
        # SQLite may already have rolled back by itself (SQLITE_FULL, SQLITE_IOERR);
        # a failing ROLLBACK must not hide the error that caused it.
        if self.conn.in_transaction:
            try:
                self.conn.execute("ROLLBACK")
            except sqlite3.Error:
                pass


def current(conn: sqlite3.Connection, source: str) -> str | None:
    """The article id of the latest version read from `source`."""
    row = conn.execute(
        "SELECT article_id FROM versions WHERE source = ? ORDER BY version DESC LIMIT 1", (source,)
    ).fetchone()
    return row[0] if row else None


def known(conn: sqlite3.Connection, source: str, content_id: str) -> bool:
    """This exact content is the current version at this source (or failed there)."""
    return current(conn, source) == content_id or failure(conn, source, content_id) is not None


def failure(conn: sqlite3.Connection, source: str, content_id: str) -> str | None:
    """The error this content gave at this source, when it could not be analysed."""
    row = conn.execute(
        "SELECT error FROM failures WHERE source = ? AND content_id = ?", (source, content_id)
    ).fetchone()
    return row[0] if row else None


def store_document(conn: sqlite3.Connection, doc: Document) -> bool:
    """Insert one analysed article and its source version. Call inside a transaction.

    Returns True when something new was written. An article already present
    (same content) gains at most a new source row; nothing else changes."""
    if doc.error:
        cur = conn.execute(
            "INSERT OR IGNORE INTO failures (source, content_id, error) VALUES (?, ?, ?)",
            (doc.source, doc.id, doc.error),
        )
        return cur.rowcount > 0
    new_article = conn.execute("SELECT 1 FROM articles WHERE id = ?", (doc.id,)).fetchone() is None
    if new_article:
        _insert_article(conn, doc)
    if current(conn, doc.source) == doc.id:
        return new_article
    last = conn.execute("SELECT max(version) FROM versions WHERE source = ?", (doc.source,)).fetchone()[0] or 0
    conn.execute("INSERT INTO versions (source, version, article_id) VALUES (?, ?, ?)", (doc.source, last + 1, doc.id))
    conn.execute("UPDATE articles SET current = 1 WHERE id = ?", (doc.id,))
    if last:
        old = conn.execute(
            "SELECT article_id FROM versions WHERE source = ? AND version = ?", (doc.source, last)
        ).fetchone()[0]
        if (
            old != doc.id
            and not conn.execute(
                "SELECT 1 FROM versions v WHERE v.article_id = ? AND v.version = "
                "(SELECT max(version) FROM versions w WHERE w.source = v.source)",
                (old,),
            ).fetchone()
        ):
            conn.execute("UPDATE articles SET current = 0 WHERE id = ?", (old,))
            # its entities' counts change: let the linker see them again
            conn.execute("UPDATE article_entities SET entity_id = NULL WHERE article_id = ?", (old,))
    return True


def _insert_article(conn: sqlite3.Connection, doc: Document) -> None:
    dumps = lambda v: json.dumps(v, ensure_ascii=False)  # noqa: E731
    conn.execute(
        "INSERT INTO articles (id, title, outlet, published, language, genre, authors, translators, text, removed, words)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            doc.id,
            doc.title,
            doc.outlet,
            doc.published,
            doc.language,
            doc.genre,
            dumps(doc.authors),
            dumps(doc.translators),
            doc.text,
            dumps([{"text": r.text, "reason": r.reason} for r in doc.removed]),
            len(doc.text.split()),
        ),
    )
    conn.executemany(
        "INSERT INTO article_entities (article_id, local_id, name, type, aliases, roles, published) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [(doc.id, e.id, e.name, e.type, dumps(e.aliases), dumps(e.roles), doc.published) for e in doc.entities],
    )
    seen: set[tuple[int, int]] = set()
    rows = []
    for e in doc.entities:
        for m in e.mentions:
            if (m.start, m.end) not in seen:  # one entity per span
                seen.add((m.start, m.end))
                rows.append((doc.id, e.id, m.start, m.end, m.text))
    conn.executemany("INSERT INTO mentions (article_id, local_id, start, end, text) VALUES (?, ?, ?, ?, ?)", rows)
    mention_spans = sorted((s, e, local) for (_, local, s, e, _) in rows)
    for n, q in enumerate(doc.quotes):
        sp = q.speaker
        conn.execute(
            "INSERT INTO quotes (article_id, n, kind, content, start, end, speaker_name, speaker_mention,"
            " speaker_local_id, speaker_start, speaker_end, cue, medium, parts) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                doc.id,
                n,
                q.kind,
                q.content,
                q.start,
                q.end,
                sp.name if sp else None,
                sp.mention if sp else None,
                sp.entity if sp else None,
                sp.start if sp else None,
                sp.end if sp else None,
                q.cue,
                q.medium,
                dumps([[p.start, p.end] for p in q.parts]) if len(q.parts) > 1 else None,
            ),
        )
        # what the quote is about: entities named inside it, not the speaker's own mention
        about = {
            local
            for s, e, local in mention_spans
            if any(s >= p.start and e <= p.end for p in q.parts) and not (sp and s < sp.end and sp.start < e)
        }
        conn.executemany(
            "INSERT INTO quote_subjects (article_id, n, local_id) VALUES (?, ?, ?)",
            [(doc.id, n, lo) for lo in sorted(about)],
        )


def rows(conn: sqlite3.Connection, sql: str, params: Iterable = ()) -> list[dict]:
    return [dict(r) for r in conn.execute(sql, tuple(params))]
