"""The schema of the corpus store, as the named, ordered list of migrations that build it.

Each migration is (name, SQL). A released migration is never edited; the schema
grows only by appending one. `PRAGMA user_version` records how many have run, and
`PRAGMA application_id` marks the file as presswatch's (see `store.open_db`).

"The current version of an article" is defined once, by the view
`current_articles` (migration 0006): the latest version read from each source.
`articles.current` is that view's answer stored per article (1 when the article
is the latest version of at least one source), kept by `write.store_document`
so that the dossier and quote queries can filter on an index."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

APPLICATION_ID = 0x50725774  # "PrWt"

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
    (
        "0012_stable_entity_ids",
        """
        -- Entity ids that last (docs/identity.md, Stable ids; corpus/ids.py).
        -- `seen`: the order articles were first stored in, which decides how old an
        -- entity is. The rowid order is the best guess for articles stored before.
        ALTER TABLE articles ADD COLUMN seen INTEGER;
        UPDATE articles SET seen = rowid;
        CREATE UNIQUE INDEX articles_seen ON articles(seen);
        -- Every entity id ever issued; none is ever reused.
        CREATE TABLE entity_ids (
            id TEXT PRIMARY KEY,
            article_id TEXT, local_id TEXT,   -- its anchor: the id stays with the cluster holding it
            merged_into TEXT REFERENCES entity_ids(id),  -- NULL while it is an entity's id; else the id that took it over
            FOREIGN KEY (article_id, local_id) REFERENCES article_entities(article_id, local_id)
        );
        CREATE INDEX entity_ids_anchor ON entity_ids(article_id, local_id);
        CREATE INDEX entity_ids_merged ON entity_ids(merged_into) WHERE merged_into IS NOT NULL;
        -- The ids of today's entities stay theirs, anchored at their first-seen article entity.
        INSERT INTO entity_ids (id, article_id, local_id)
            SELECT e.id,
                (SELECT ae.article_id FROM article_entities ae JOIN articles a ON a.id = ae.article_id
                 WHERE ae.entity_id = e.id ORDER BY a.seen, ae.local_id LIMIT 1),
                (SELECT ae.local_id FROM article_entities ae JOIN articles a ON a.id = ae.article_id
                 WHERE ae.entity_id = e.id ORDER BY a.seen, ae.local_id LIMIT 1)
            FROM entities e;
        """,
    ),
    (
        "0013_fetch_state",
        """
        -- What was fetched from each URL (docs/sources.md): the validators for a
        -- conditional GET, and whether a page need be fetched again at all.
        CREATE TABLE fetch_state (
            url TEXT PRIMARY KEY,             -- courlan-normalised
            kind TEXT NOT NULL,               -- page | feed | sitemap | sitemapindex
            etag TEXT, last_modified TEXT,    -- the validators of the last answer
            status INTEGER,                   -- the last HTTP status (NULL: no answer: timeout, robots, scheme)
            fetched_at TEXT NOT NULL,         -- when it was last asked for (UTC, ISO 8601)
            content_id TEXT,                  -- a page: the content id of the body last read
            listed_modified TEXT,             -- a page: the modification stamp its feed or sitemap gave it
            error TEXT                        -- NULL unless the last fetch failed
        );
        -- What failed: 'analysis' (the content could not be analysed: not tried again
        -- while the content is the same; every row before 0013), 'fetch' (a page could
        -- not be fetched) or 'feed' (a feed or sitemap could not be read): these two are
        -- tried again on the next run, and their row goes once that succeeds.
        ALTER TABLE failures ADD COLUMN kind TEXT NOT NULL DEFAULT 'analysis';
        ALTER TABLE failures ADD COLUMN attempts INTEGER NOT NULL DEFAULT 1;
        ALTER TABLE failures ADD COLUMN at TEXT;  -- the last attempt (UTC, ISO 8601; NULL before 0013)
        """,
    ),
    (
        "0014_quote_judgements",
        """
        -- Human corrections of quotes (corpus/quote_judgements.py): a quote's speaker
        -- fixed, or "not a quote". Keyed on the article (content-hashed) and the quote's
        -- folded words, so they survive re-ingest and re-linking, and a new version of
        -- the same source gets them too when it still has the quote.
        CREATE TABLE quote_judgements (
            n INTEGER PRIMARY KEY,
            article_id TEXT NOT NULL,         -- the article it was made on
            quote_n INTEGER NOT NULL,         -- the quote's place there
            source TEXT,                      -- where that article was read from
            content_key TEXT NOT NULL,        -- the quote's words, folded (whitespace, case)
            kind TEXT NOT NULL CHECK (kind IN ('speaker', 'not_quote')),
            speaker_name TEXT,                -- kind 'speaker': the right speaker as the human named them
            speaker_local_id TEXT,            -- ... and the article's entity that is them (NULL: none)
            previous TEXT NOT NULL,           -- JSON: the speaker columns it replaced
            user TEXT NOT NULL,               -- who
            at TEXT NOT NULL,                 -- when (UTC, ISO 8601)
            note TEXT
        );
        CREATE INDEX quote_judgements_article ON quote_judgements(article_id, quote_n);
        CREATE INDEX quote_judgements_source ON quote_judgements(source, content_key);
        -- The judgement a quote row shows (NULL: as the machine found it), and whether a
        -- human said it is not a quote (queries leave those out).
        ALTER TABLE quotes ADD COLUMN judged INTEGER;  -- quote_judgements.n
        ALTER TABLE quotes ADD COLUMN rejected INTEGER NOT NULL DEFAULT 0;
        -- the Datasette view of quotes shows the corrected record: no rejected quotes
        DROP VIEW quotes_with_speakers;
        CREATE VIEW quotes_with_speakers AS
            SELECT q.article_id, q.n, q.kind, q.content, q.cue, q.medium,
                   q.speaker_name, q.speaker_mention, ae.entity_id AS speaker_entity,
                   a.title, a.outlet, a.published, q.judged
            FROM quotes q JOIN articles a ON a.id = q.article_id
            LEFT JOIN article_entities ae ON ae.article_id = q.article_id AND ae.local_id = q.speaker_local_id
            WHERE q.rejected = 0;
        CREATE VIEW quote_corrections AS
            SELECT j.n, j.at, j.user, j.kind, j.article_id, j.quote_n, a.title, a.outlet, a.published,
                   q.content, j.speaker_name, json_extract(j.previous, '$.speaker_name') AS machine_speaker, j.note
            FROM quote_judgements j JOIN articles a ON a.id = j.article_id
            LEFT JOIN quotes q ON q.article_id = j.article_id AND q.n = j.quote_n;
        """,
    ),
    (
        "0015_link_names",
        """
        -- The incremental link (docs/identity.md, Linking a few new articles): the
        -- distinct names found under each link key, so a new article entity meets the
        -- few spellings its keys reach, not every article entity that has them.
        CREATE TABLE IF NOT EXISTS link_names (
            key TEXT NOT NULL,
            name TEXT NOT NULL, type TEXT NOT NULL, aliases TEXT NOT NULL,  -- as in article_entities
            PRIMARY KEY (key, name, type, aliases)
        ) WITHOUT ROWID;
        INSERT OR IGNORE INTO link_names (key, name, type, aliases)
            SELECT l.key, ae.name, ae.type, ae.aliases FROM link_keys l
            JOIN article_entities ae ON ae.article_id = l.article_id AND ae.local_id = l.local_id;
        -- The corpus entities the article entities of one spelling are in.
        CREATE INDEX IF NOT EXISTS article_entities_names ON article_entities(name, type, aliases, entity_id);
        """,
    ),
    (
        "0016_quote_origin",
        """
        -- Where a quote came from (rule, model, both) and how sure presswatch is of it (0-1):
        -- the Document contract's quote.origin and quote.confidence. NULL for quotes stored before.
        ALTER TABLE quotes ADD COLUMN origin TEXT;
        ALTER TABLE quotes ADD COLUMN confidence REAL;
        """,
    ),
]
SCHEMA_VERSION = len(MIGRATIONS)


def migrate(conn: sqlite3.Connection) -> list[str]:
    """Run the migrations this file has not had yet, each in its own transaction.
    Returns the names of those that ran."""
    ran: list[str] = []
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
