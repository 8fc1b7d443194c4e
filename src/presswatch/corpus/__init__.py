"""The corpus: analysed articles kept in one SQLite store, linked across articles.

    >>> from presswatch import Corpus
    >>> corpus = Corpus("presswatch.db")          # or $PRESSWATCH_DB, or ./presswatch.db
    >>> corpus.ingest(["articles/"], workers=2)
    >>> corpus.dossier("Лукашэнка")                # any alias, any script
    >>> corpus.quotes(speaker="Lukashenko", since="2026-01-01")
    >>> corpus.search("Лукашенко")

Ingest is the chain analyse -> store -> link -> group. Each article is stored in
its own transaction with its link keys and LSH buckets; linking then re-clusters
only the blocks that new articles touched.

The package, writing side first:

    store        open the SQLite file (read-only or read-write), transactions, StoreError
    migrations   the schema as named, ordered migrations; SCHEMA_VERSION; the view
                 `current_articles`, the one definition of an article's current version
    ingest       inputs -> analysed Documents -> stored articles
    write        one Document -> its rows (article, version, entities, mentions, quotes)
    index        a stored article's link keys, search rows, near-duplicate group and story
    grouping     MinHash signatures and LSH buckets (pure)
    link         the link pass: pending article entities -> corpus entities, block by block
    identity     who is who: blocking keys and clustering policy (pure)
    items        the linker's view of stored article entities
    ids          stable entity ids: anchored, kept through merges as aliases, never reused
    entities     corpus entity rows: names, search rows
    judgements   human merge / split / rename, and reading them for the link pass
    quote_judgements  human corrections of quotes: the speaker, or "not a quote"
    stats        an entity's article groups and quote counts, kept for popular ones
    queries/     lookups, dossier, quotes, search, stories, documents (read only)
    core         `Corpus`, the public face

`Corpus` is thin: it holds the connection and hands it to plain functions in
these modules. Functions rather than mixins, because then each module says in its
signatures what it reads and writes (a connection, an entity row, a filter), and
none can reach into state another one keeps; the only state beyond the
connection, the linker's per-pass caches, lives in `items.ItemReader` for the
length of one pass."""

from .core import Corpus
from .errors import AmbiguousName, CorpusError
from .store import StoreError, default_db_path

__all__ = ["AmbiguousName", "Corpus", "CorpusError", "StoreError", "default_db_path"]
