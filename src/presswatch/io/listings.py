"""URLs as sources: a page, or a feed or sitemap whose pages are read in turn.

`Reader.read(url)` yields, for one URL given as a source, what there is to analyse:
an `Input` per page fetched (or carrying the fetch error), or `Unchanged` for a
page that need not be read again. What a URL is, its content decides: an XML
document whose root is `rss`, `RDF` or `feed` is a feed, `urlset` or
`sitemapindex` a sitemap; their items are fetched as pages, with what the listing
said about each (title, date, author) as `Input.hints`. Anything else is a page.

What was fetched before is asked of a `FetchMemory`: the corpus keeps it in its DB
(`corpus.fetch_state`); `analyze` has none (`NoMemory`) and just fetches. Rules:
- a page fetched and stored before is not fetched again, unless `refetch`, or its
  listing now gives it another modification stamp (a feed entry's `updated`, a
  sitemap's `lastmod`) than the one it gave before: then by a conditional GET (a 304
  is `Unchanged`); a page whose fetch failed is retried;
- a feed or sitemap is fetched on every read, conditionally (a 304 lists nothing
  new); a sitemap index in full, since its children may change while it does not;
- a listing's validators (ETag, Last-Modified) are kept only once all its items have
  been fetched and stored (`commit`, called by the ingest at its end): a run stopped
  or killed half way, or one where an item could not be fetched, reads the whole
  listing again next time (its stored pages are not fetched again; failed ones are);
- a sitemap that lists one of its ancestors (a loop), an index nested deeper than
  `max_depth`, more than `max_sitemaps` sitemaps under one source, and a listing that
  is not XML are failures of their own, and the walk goes on;
- `stop()` is asked before every request: once true, nothing more is fetched."""

from __future__ import annotations

import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from io import BytesIO
from typing import Protocol
from urllib.parse import urlsplit

from courlan import normalize_url
from lxml import etree

from ..document import content_id
from .errors import InputError
from .feeds import Listed, read_feed
from .fetch import Fetched, Fetcher, page_input
from .inputs import Input
from .sitemaps import read_sitemap

FEED_ROOTS = {"rss": "feed", "RDF": "feed", "feed": "feed", "urlset": "sitemap", "sitemapindex": "sitemapindex"}
LISTING_SUFFIXES = (".xml", ".rss", ".atom", ".xml.gz")
LISTING_KINDS = {"feed", "sitemap", "sitemapindex"}


@dataclass
class Unchanged:
    """The page at `source` is as stored: not fetched again, or answered 304."""

    source: str
    content_id: str


@dataclass
class Known:
    """What the memory holds about a URL."""

    kind: str  # page | feed | sitemap | sitemapindex
    content_id: str | None = None  # the page content last fetched from it
    etag: str | None = None
    last_modified: str | None = None
    stored: bool = False  # that content is in the store (as an article, or as an analysis failure)
    failed: bool = False  # its last fetch failed
    listed_modified: str | None = None  # the modification stamp its listing gave it when last seen


class FetchMemory(Protocol):
    def known(self, url: str) -> Known | None: ...

    def remember(self, got: Fetched, kind: str, content_id: str | None, listed_modified: str | None = None) -> None: ...

    def note_listed(self, url: str, listed_modified: str) -> None: ...

    def remember_failure(self, url: str, error: str, status: int | None, kind: str) -> None: ...


class NoMemory:
    """Remembers nothing: every URL is fetched (`analyze`)."""

    def known(self, url: str) -> Known | None:
        return None

    def remember(self, got: Fetched, kind: str, content_id: str | None, listed_modified: str | None = None) -> None:
        pass

    def note_listed(self, url: str, listed_modified: str) -> None:
        pass

    def remember_failure(self, url: str, error: str, status: int | None, kind: str) -> None:
        pass


def canonical(url: str) -> str:
    """The URL as the Fetcher asks for it (courlan-normalised), so memory keys match."""
    try:
        return normalize_url(url) if urlsplit(url).scheme.lower() in ("http", "https") else url
    except ValueError:
        return url


def listing_kind(raw: bytes) -> str | None:
    """'feed', 'sitemap' or 'sitemapindex' by the XML root element; None for anything else."""
    if raw.removeprefix(b"\xef\xbb\xbf").lstrip()[:1] != b"<":
        return None
    try:
        for _, element in etree.iterparse(BytesIO(raw), events=("start",), resolve_entities=False, no_network=True):
            return FEED_ROOTS.get(etree.QName(element).localname)
    except etree.XMLSyntaxError:
        return None
    return None


def not_a_listing(got: Fetched) -> str:
    """Why a source served or named as a feed or sitemap is not one."""
    try:
        root = etree.fromstring(got.body, etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError as exc:
        return f"feed is not XML ({exc.msg})"
    return f"not a feed or sitemap (XML root <{etree.QName(root).localname}>)"


def looks_like_listing(got: Fetched) -> bool:
    """Served or named as XML (a feed or sitemap was meant), not as a web page."""
    ctype = got.content_type
    said_xml = ("xml" in ctype or "rss" in ctype or "atom" in ctype) and "xhtml" not in ctype
    return said_xml or urlsplit(got.url).path.lower().endswith(LISTING_SUFFIXES)


@dataclass
class Reader:
    """Reads URLs given as sources, politely and remembering (see the module docstring)."""

    fetcher: Fetcher
    memory: FetchMemory = field(default_factory=NoMemory)
    refetch: bool = False
    stop: Callable[[], bool] = lambda: False
    max_depth: int = 3
    max_sitemaps: int = 100
    _pending: list[tuple[Fetched, str]] = field(default_factory=list, init=False, repr=False)
    _pages: set[str] = field(default_factory=set, init=False, repr=False)  # pages handed on in this run

    def read(self, url: str) -> Iterator[Input | Unchanged]:
        """The page at `url`, or the pages of the feed or sitemap at `url`."""
        url = canonical(url)
        yield from self._source(url, None, listed_by=None, ancestors=[url], seen={url})

    def commit(self) -> None:
        """Keep the validators of the listings read to the end (their items are stored now)."""
        for got, kind in self._pending:
            self.memory.remember(got, kind, None)
        self._pending.clear()

    def _source(
        self, url: str, item: Listed | None, *, listed_by: str | None, ancestors: list[str], seen: set[str]
    ) -> Iterator[Input | Unchanged]:
        """One URL: a page (`item`: what the listing that named it said), or a listing walked."""
        if self.stop():
            return
        known = self.memory.known(url)
        if known is not None and self._keep(url, known, item):
            yield Unchanged(url, known.content_id or "")
            return
        got = self.fetcher.get(url, **self._validators(known))
        expected = known.kind if known else ("sitemap" if listed_by == "sitemapindex" else "page")
        if got.error is not None:
            yield self._failed(url, got.error, got.status, expected)
        elif got.not_modified and known is not None:
            if known.kind == "page":
                self.memory.remember(got, "page", known.content_id, item.modified if item else None)
                yield Unchanged(url, known.content_id or "")
            else:  # a listing not modified lists nothing new: only its status and time change
                self.memory.remember(got, known.kind, None)
        else:
            yield from self._answer(got, item, listed_by=listed_by, ancestors=ancestors, seen=seen)

    def _keep(self, url: str, known: Known, item: Listed | None) -> bool:
        """A stored page need not be fetched: not asked to, and its listing says it has not changed."""
        if known.kind != "page" or not known.stored or known.failed or self.refetch:
            return False
        stamp = item.modified if item else None
        if stamp and known.listed_modified and stamp != known.listed_modified:
            return False  # the listing says it changed since it was read
        if stamp and not known.listed_modified:
            self.memory.note_listed(url, stamp)  # first seen in a listing: what to compare next time
        return True

    def _answer(
        self, got: Fetched, item: Listed | None, *, listed_by: str | None, ancestors: list[str], seen: set[str]
    ) -> Iterator[Input | Unchanged]:
        """A 200 answer: a listing to walk (not for the items of a feed), or the page itself."""
        try:
            got.body = unzipped(got.body, self.fetcher.policy.max_bytes)
        except InputError as exc:
            yield self._failed(got.url, str(exc), got.status, "sitemap")
            return
        kind = listing_kind(got.body) if listed_by in (None, "sitemapindex") else None
        if kind is not None:
            yield from self._listing(got, kind, ancestors, seen)
        elif listed_by == "sitemapindex" or (listed_by is None and looks_like_listing(got)):
            yield self._failed(got.url, not_a_listing(got), got.status, "feed")
        else:
            page = page_input(got, item.hints() if item else None)
            if page.error is not None:  # not HTML or text, undecodable: a fetch failure, tried again
                yield self._failed(got.url, page.error, got.status, "page")
                return
            self.memory.remember(got, "page", content_id(got.body), item.modified if item else None)
            yield page

    def _listing(self, got: Fetched, kind: str, ancestors: list[str], seen: set[str]) -> Iterator[Input | Unchanged]:
        """The pages a feed or sitemap lists, then the sitemaps an index lists."""
        try:
            if kind == "feed":
                items, children = read_feed(got.body, got.url), []
            else:
                sitemap = read_sitemap(got.body)
                items, children = sitemap.items, sitemap.children
        except InputError as exc:
            yield self._failed(got.url, str(exc), got.status, kind)
            return
        complete = True  # every item handed on and fetched: only then are its validators kept
        for item in items:
            if self.stop():
                return  # not read to the end: read in full next time
            for found in self._item(item, kind, ancestors, seen):
                complete = complete and not (isinstance(found, Input) and found.error)
                yield found
        for child in map(canonical, children):
            if self.stop():
                return
            if child in ancestors:
                yield self._failed(got.url, f"sitemap loop: it lists {child}, which led to it", got.status, kind)
                complete = False
            elif child in seen:
                continue  # listed by two indexes: read once
            elif len(ancestors) > self.max_depth:
                yield self._failed(child, f"sitemap index nested deeper than {self.max_depth} levels", None, kind)
                complete = False
            elif len(seen) >= self.max_sitemaps:
                yield self._failed(child, f"more than {self.max_sitemaps} sitemaps under one source", None, kind)
                complete = False
                break
            else:
                seen.add(child)
                for found in self._source(child, None, listed_by=kind, ancestors=[*ancestors, child], seen=seen):
                    complete = complete and not (isinstance(found, Input) and found.error)
                    yield found
        if complete:
            self._pending.append((got, kind))

    def _item(self, item: Listed, kind: str, ancestors: list[str], seen: set[str]) -> Iterator[Input | Unchanged]:
        """A listed page, once per run however many listings name it."""
        url = canonical(item.url)
        if url in self._pages:
            return
        self._pages.add(url)
        yield from self._source(url, item, listed_by=kind, ancestors=ancestors, seen=seen)

    def _validators(self, known: Known | None) -> dict[str, str | None]:
        """Conditional GET for a listing read before, and for a stored page read again."""
        if known is None or known.failed or known.kind == "sitemapindex":
            return {}
        if known.kind == "page" and not known.stored:
            return {}  # its content was never stored: the body is needed
        return {"etag": known.etag, "last_modified": known.last_modified}

    def _failed(self, url: str, error: str, status: int | None, kind: str) -> Input:
        self.memory.remember_failure(url, error, status, kind)
        return Input(source=url, error=error)


def unzipped(body: bytes, limit: int) -> bytes:
    """A gzip body (sitemap.xml.gz) decompressed, within the size limit; other bodies as they are."""
    if body[:2] != b"\x1f\x8b":
        return body
    try:
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        out = inflater.decompress(body, limit + 1)
    except zlib.error as exc:
        raise InputError(f"corrupt gzip ({exc})") from None
    if len(out) > limit:
        raise InputError(f"page over the size limit ({limit / 1e6:g} MB) once decompressed")
    return out
