"""`Corpus`: the one public face of the store; it holds the connection and delegates.

Every method is a few lines: check the arguments, resolve names to entities,
call the module that does the work (`ingest`, `link`, `judgements`,
`queries.*`) with the connection."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from ..document import Document
from ..io.fetch import Fetcher
from . import ingest, judgements, link, quote_judgements
from .errors import CorpusError
from .ingest import OnDocument, Reading, Stop
from .queries import browse, documents, dossier, lookups, quotes, search, stories
from .store import default_db_path, open_db


class Corpus:
    """An open corpus store. Read-only opens never write (not even pending links)."""

    def __init__(self, path: str | Path | None = None, *, readonly: bool = False):
        self.path = Path(path) if path is not None else default_db_path()
        self.readonly = readonly
        self.conn = open_db(self.path, readonly=readonly)
        if not readonly:
            link.refresh_old_stats(self.conn)  # a store just migrated from before migration 0010

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Corpus:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # ------------------------------------------------------------------ writing

    def ingest(
        self,
        paths: Iterable[str],
        *,
        workers: int = 1,
        on_document: OnDocument | None = None,
        stdin_name: str | None = None,
        fetcher: Fetcher | None = None,
        refetch: bool = False,
        stop: Stop | None = None,
        dask: Any = None,
        reading: Reading | None = None,
    ) -> dict:
        """Analyse and store articles, then link and group them (on a Dask cluster
        with `dask`: see `presswatch.analyze_many`). `reading(path)` may give a
        callback that follows the bytes read of a web archive (a progress bar).

        `on_document(doc, source, status)` is called once per input, status one
        of 'new', 'unchanged', 'failed'. Standard input ("-") is stored as the
        source `stdin_name` (a changed text under one name is a new version of
        it), or without one as `stdin:<content id>`. URLs (pages, feeds, sitemaps)
        are fetched with `fetcher` (default: one polite fetcher per process); a page
        stored before is fetched again only with `refetch` (conditionally). Once
        `stop()` is true nothing more is read; what was read is stored and linked.
        Returns counts per status."""
        counts = ingest.ingest(
            self.conn,
            paths,
            workers=workers,
            on_document=on_document,
            stdin_name=stdin_name,
            fetcher=fetcher,
            refetch=refetch,
            stop=stop,
            dask=dask,
            reading=reading,
        )
        # also links what an interrupted run left pending, in the same pass as the new
        # articles: a resumed ingest then ends with the ids of an uninterrupted one
        self.link()
        return counts

    def add_documents(self, docs: Iterable[Document], *, link: bool = True) -> int:
        """Store already-analysed Documents (benchmarks, imports). Returns how many were new."""
        new = ingest.add_documents(self.conn, docs)
        if link:
            self.link()
        return new

    def link(self, *, everything: bool = False) -> int:
        """Re-cluster the blocks holding pending article entities (all blocks with
        `everything`). Returns the number of blocks re-clustered."""
        if self.readonly:
            return 0
        return link.link(self.conn, everything=everything)

    # ------------------------------------------------------------------ judgements

    def merge(self, a: str, b: str) -> dict:
        """A human says: these two are one entity. Returns the merged entity."""
        ea, eb = self.resolve(a), self.resolve(b)
        if ea["id"] == eb["id"]:
            return ea
        anchor = judgements.merge(self.conn, ea, eb)
        self.link()
        return self.resolve(judgements.entity_of(self.conn, anchor))

    def split(self, entity: str, *, articles: Iterable[str] = (), aliases: Iterable[str] = ()) -> list[dict]:
        """A human says: the article entities in these articles (or going by these
        names) are someone else. Returns the two resulting entities."""
        ent = self.resolve(entity)
        rest, chosen = judgements.split(self.conn, ent, articles, aliases)
        self.link()
        return [
            self.resolve(judgements.entity_of(self.conn, rest)),
            self.resolve(judgements.entity_of(self.conn, chosen)),
        ]

    def rename(self, entity: str, new_name: str) -> dict:
        """A human gives the entity its canonical name."""
        new_name = " ".join(new_name.split())
        if not new_name:
            raise CorpusError("rename needs a new name")
        anchor = judgements.rename(self.conn, self.resolve(entity), new_name)
        self.link()
        return self.resolve(judgements.entity_of(self.conn, anchor))

    def judge_quote(
        self,
        article_id: str,
        n: int,
        *,
        speaker: str | None = None,
        not_quote: bool = False,
        user: str,
        note: str | None = None,
    ) -> dict:
        """A human says: quote `n` of the article was said by `speaker` (a name or
        id; the article's entity of that person becomes the speaker), or it is not a
        quote. Kept with who and when; survives re-ingest and re-linking, and a new
        version of the source gets it too. Returns the corrected quote row."""
        if self.readonly:
            raise CorpusError("the corpus is open read-only")
        candidates = [e["id"] for e in self.find(speaker)] if speaker and speaker.strip() else []
        return quote_judgements.judge(
            self.conn,
            article_id,
            n,
            speaker=speaker.strip() if speaker else None,
            speaker_entity_ids=candidates,
            not_quote=not_quote,
            user=user,
            note=note,
        )

    def quote_judgements(self, article_id: str | None = None) -> list[dict]:
        """The quote corrections made so far (of one article when given), newest first."""
        return quote_judgements.judgements(self.conn, article_id)

    # ------------------------------------------------------------------ reading

    def find(self, name: str) -> list[dict]:
        """Entities that `name` can denote: an id, or any alias in any script."""
        return lookups.find(self.conn, name)

    def resolve(self, name: str) -> dict:
        """The one entity `name` denotes; CorpusError when none, AmbiguousName when several."""
        return lookups.resolve(self.conn, name, self.path)

    def dossier(
        self, name: str, *, max_articles: int | None = 200, max_quotes: int | None = 200, co_articles: int | None = 200
    ) -> dict:
        """Everything about one entity: names by script, roles, articles, quotes by
        and about it, co-mentioned entities and a timeline.

        A very popular entity is cut to size: `articles` lists its latest
        `max_articles` articles (copies grouped), `quotes_by` and `quotes_about`
        its latest `max_quotes` quotes each, and `co_mentioned` counts over its
        latest `co_articles` articles. `totals` holds the full counts, and the
        timeline covers everything. None means no limit; an entity within the
        limits gets exactly the unlimited dossier."""
        return dossier.dossier(
            self.conn, self.resolve(name), max_articles=max_articles, max_quotes=max_quotes, co_articles=co_articles
        )

    def quotes(
        self,
        *,
        speaker: str | None = None,
        about: str | None = None,
        outlet: str | None = None,
        since: str | None = None,
        until: str | None = None,
        kind: str | None = None,
        limit: int | None = None,
        min_confidence: float | None = None,
    ) -> list[dict]:
        """Quotes, newest first; copies of one quote in syndicated articles are one
        entry with every copy listed under `copies`. `min_confidence` keeps those of
        at least that confidence (see stages/quotes/confidence.py)."""
        filt = quotes.QuoteFilter(
            speaker=self.resolve(speaker)["id"] if speaker else None,
            about=self.resolve(about)["id"] if about else None,
            outlet=outlet,
            since=since,
            until=until,
            kind=kind,
            min_confidence=min_confidence,
        )
        return quotes.quotes(self.conn, filt, limit)

    def search(self, query: str, *, limit: int = 20, max_candidates: int | None = 5000) -> list[dict]:
        """Full-text search over article text, quotes and names, in any alphabet.

        The query is matched as written and transliterated to Latin; a query that
        names an entity also matches its other spellings. Hits are ranked by BM25
        among the newest `max_candidates` matching rows (None: among all)."""
        return search.search(self.conn, query, limit=limit, max_candidates=max_candidates)

    def stories(self, *, min_articles: int = 2) -> list[dict]:
        """Articles about one event across outlets, biggest story first."""
        return stories.stories(self.conn, min_articles=min_articles)

    def documents(self, *, current_only: bool = True) -> Iterator[dict]:
        """Every stored article as the `analyze` JSON contract plus corpus entity ids."""
        return documents.documents(self.conn, current_only=current_only)

    def mentions(self) -> Iterator[dict]:
        """Every stored entity mention with its corpus entity (identity benchmark)."""
        return documents.mentions(self.conn)

    def article_text(self, source: str) -> str:
        """The text of the current version read from `source`."""
        return documents.article_text(self.conn, source)

    def article(self, article_id: str) -> dict:
        """One stored article by id (or a prefix of 8+ characters): the document with
        its removed lines and offsets, its latest source and whether it is current."""
        return browse.article(self.conn, article_id)

    def articles(self, *, limit: int = 50, offset: int = 0, outlet: str | None = None) -> tuple[list[dict], int]:
        """A page of current articles, newest first, and how many there are."""
        return browse.articles(self.conn, limit=limit, offset=offset, outlet=outlet)

    def entities(self, *, limit: int = 50, offset: int = 0, type: str | None = None) -> tuple[list[dict], int]:
        """A page of entities, most articles first, and how many there are."""
        return browse.entities(self.conn, limit=limit, offset=offset, entity_type=type)

    def duplicates(self, *, limit: int = 50, offset: int = 0) -> tuple[list[dict], int]:
        """A page of near-duplicate groups (syndicated copies), biggest first, and how many there are."""
        return browse.duplicates(self.conn, limit=limit, offset=offset)

    def stats(self) -> dict:
        """How many articles, versions, groups, entities, quotes and failures the corpus holds."""
        return documents.counts(self.conn)
