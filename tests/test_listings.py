"""Feeds and sitemaps as parsed bytes (feedparser, our lxml sitemap reader), what a source is
by its content, and the walk over a local site on 127.0.0.1 (a page named twice is read once)."""

import gzip

import pytest

from presswatch.io.errors import InputError
from presswatch.io.feeds import read_feed
from presswatch.io.fetch import Fetcher, Policy
from presswatch.io.listings import Reader, listing_kind, unzipped
from presswatch.io.sitemaps import read_sitemap
from tests.news_site import NewsSite, rss, sitemapindex, urlset

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Harbour News</title>
<entry><title>Ferry line approved</title><link href="/news/ferry"/><published>2026-11-05T08:00:00Z</published>
<author><name>Lena Ortiz</name></author><author><name>Rui Sousa</name></author></entry>
<entry><title>No link here</title></entry></feed>"""

NEWS_SITEMAP = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<!-- today's news -->
<url><loc>https://example.org/news/ferry</loc><lastmod>2026-12-01</lastmod>
<news:news><news:publication><news:name>Harbour News</news:name><news:language>en</news:language></news:publication>
<news:publication_date>2026-11-05T08:00:00+00:00</news:publication_date><news:title>Ferry line approved</news:title>
</news:news></url>
<url><loc> https://example.org/news/bridge </loc><lastmod>2026-12-01</lastmod></url>
<url><lastmod>2026-12-01</lastmod></url>
</urlset>"""


def test_an_atom_feed_gives_links_resolved_with_title_date_and_authors():
    items = read_feed(ATOM, "https://example.org/atom.xml")
    assert len(items) == 1, "an entry without a link names no page"
    item = items[0]
    assert item.url == "https://example.org/news/ferry"
    assert item.hints() == {"title": "Ferry line approved", "date": "2026-11-05", "author": "Lena Ortiz; Rui Sousa"}


def test_a_news_sitemap_gives_its_title_and_publication_date_but_not_lastmod():
    sitemap = read_sitemap(NEWS_SITEMAP)
    assert [i.url for i in sitemap.items] == ["https://example.org/news/ferry", "https://example.org/news/bridge"]
    assert sitemap.items[0].hints() == {"title": "Ferry line approved", "date": "2026-11-05T08:00:00+00:00"}
    assert sitemap.items[1].hints() is None and sitemap.children == []
    with pytest.raises(InputError, match="sitemap is not XML"):
        read_sitemap(b"<urlset><url>")


def test_what_a_source_is_its_content_decides():
    assert listing_kind(rss([("https://example.org/a", "A")])) == "feed"
    assert listing_kind(ATOM) == "feed"
    assert listing_kind(b"\xef\xbb\xbf" + NEWS_SITEMAP) == "sitemap"
    assert listing_kind(sitemapindex(["https://example.org/s.xml"])) == "sitemapindex"
    for page in (b"<!DOCTYPE html><html><body><p>x</p></body></html>", b"plain text", b"", b"<<<"):
        assert listing_kind(page) is None


def test_a_gzip_sitemap_is_read_within_the_size_limit():
    packed = gzip.compress(NEWS_SITEMAP)
    assert unzipped(packed, 10_000) == NEWS_SITEMAP
    with pytest.raises(InputError, match="size limit"):
        unzipped(packed, 100)
    assert unzipped(b"<urlset/>", 10) == b"<urlset/>"


def test_a_page_named_by_two_listings_is_fetched_once_and_a_gzip_sitemap_is_walked():
    site = NewsSite()
    try:
        site.page("/news/ferry", "Council approves ferry line", "Mayor Ines Duarte", "Porto")
        site.feed("/feed.xml", [("/news/ferry", "Ferry")])
        site.route("/sitemap.xml.gz", body=gzip.compress(urlset([site.url("/news/ferry")])), ctype="application/gzip")
        reader = Reader(Fetcher(Policy(interval=0)))
        found = [x for url in ("/feed.xml", "/sitemap.xml.gz") for x in reader.read(site.url(url))]
        assert [(x.source, x.error) for x in found] == [(site.url("/news/ferry"), None)]
        assert site.hits["/news/ferry"] == 1 and site.hits["/sitemap.xml.gz"] == 1
    finally:
        site.close()


def test_analyze_reads_a_feed_as_the_pages_it_lists_without_a_store():
    from presswatch.io.containers import articles_in

    site = NewsSite()
    try:
        site.page("/news/ferry", None, "Mayor Ines Duarte", "Porto", date=None)
        site.feed("/feed.xml", [("/news/ferry", "Ferry line approved"), ("/gone", "Gone")])
        found = list(articles_in(site.url("/feed.xml")))
        assert [(x.source, x.error, x.hints) for x in found] == [
            (site.url("/news/ferry"), None, {"title": "Ferry line approved"}),
            (site.url("/gone"), "HTTP 404", None),
        ]
    finally:
        site.close()


def test_robots_txt_is_read_once_per_host_until_it_is_too_old():
    site = NewsSite()
    try:
        site.page("/news/ferry", "Council approves ferry line", "Mayor Ines Duarte", "Porto")
        for ttl, reads in ((86_400, 1), (0, 2)):
            site.hits.clear()
            fetcher = Fetcher(Policy(interval=0, robots_ttl=ttl))
            assert [fetcher.get(site.url("/news/ferry")).status for _ in range(2)] == [200, 200]
            assert site.hits["/robots.txt"] == reads
    finally:
        site.close()
