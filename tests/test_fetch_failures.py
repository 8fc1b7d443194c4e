"""Fetch and feed failures against a local site on 127.0.0.1: each bad input is one failure
row (and one line on stderr), the run goes on, and a rerun retries only what failed.
Also: sitemap indexes (a loop ends), conditional GET with --refetch, and the 0013 migration."""

import sqlite3

import pytest
from typer.testing import CliRunner

from presswatch.cli import app
from presswatch.corpus import Corpus, migrations
from presswatch.io.fetch import Fetcher, Policy
from presswatch.io.inputs import Input
from presswatch.io.listings import Reader
from tests.news_site import NewsSite, sitemapindex, urlset

BAD_ITEMS = {
    "/gone": "HTTP 404",
    "/removed": "HTTP 410",
    "/busy": "HTTP 429",
    "/broken": "HTTP 500",
    "/slow": "no answer within 0.5 s",
    "/loop": "more than 5 redirects",
    "/huge": "page over the size limit (0.02 MB)",
    "/private/x": "robots.txt disallows it",
    "/photo.jpg": "not HTML or text (image/jpeg)",
}


@pytest.fixture
def site():
    s = NewsSite()
    s.page("/news/ferry", "Council approves ferry line", "Mayor Ines Duarte", "Porto")
    s.page("/news/bridge", "Bridge repairs start", "Engineer Tomas Berg", "Malmo")
    s.route("/gone", status=404, body=b"not here", ctype="text/plain")
    s.route("/removed", status=410, body=b"gone", ctype="text/plain")
    s.route("/busy", status=429, body=b"slow down", ctype="text/plain", headers={"Retry-After": "0"})
    s.route("/broken", status=500, body=b"oops", ctype="text/plain", headers={"Retry-After": "0"})
    s.route("/slow", delay=2.0, body=b"<p>late</p>")
    s.route("/loop", status=302, headers={"Location": "/loop"}, validators=False)
    s.route("/huge", body=b"<html><body><p>" + b"word " * 6000 + b"</p></body></html>")
    s.route("/private/x", body=b"<p>secret</p>")
    s.route("/photo.jpg", body=b"\xff\xd8\xff", ctype="image/jpeg")
    items = [("/news/ferry", "Ferry")] + [(p, p) for p in BAD_ITEMS]
    s.feed("/feed.xml", items)
    # the feed also lists a non-http link, which the site itself cannot serve
    s.routes["/feed.xml"].body = s.routes["/feed.xml"].body.replace(
        b"</channel>", b"<item><title>Old</title><link>ftp://127.0.0.1/a.txt</link></item></channel>"
    )
    s.route("/notxml.xml", body=b"this { is not xml", ctype="application/rss+xml")
    s.route("/sitemap-index.xml", body=sitemapindex([s.url("/sitemap-news.xml"), s.url("/sitemap-more.xml")]),
            ctype="application/xml")  # fmt: skip
    s.route("/sitemap-news.xml", body=urlset([s.url("/news/bridge")]), ctype="application/xml")
    s.route("/sitemap-more.xml", body=sitemapindex([s.url("/sitemap-index.xml")]), ctype="application/xml")
    yield s
    s.close()


def fetcher() -> Fetcher:
    return Fetcher(Policy(interval=0, retries=1, timeout=0.5, max_bytes=20_000))


def failures(db) -> dict:
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT source, kind, error, attempts FROM failures").fetchall()
    return {source: (kind, error, attempts) for source, kind, error, attempts in rows}


def test_each_bad_input_is_one_failure_row_the_run_goes_on_and_a_rerun_retries_only_those(site, tmp_path):
    db = tmp_path / "f.db"
    sources = [site.url(p) for p in ("/feed.xml", "/notxml.xml", "/sitemap-index.xml")]
    reported = []
    with Corpus(db) as corpus:
        counts = corpus.ingest(sources, fetcher=fetcher(), on_document=lambda d, s, st: reported.append((s, st)))
    assert (counts["new"], counts["failed"]) == (2, 12), counts
    rows = failures(db)
    expected = {site.url(p): ("fetch", error, 1) for p, error in BAD_ITEMS.items()}
    expected["ftp://127.0.0.1/a.txt"] = ("fetch", "not an http or https URL", 1)
    assert {k: rows[k] for k in expected} == expected
    assert rows[site.url("/notxml.xml")][:2] == (
        "feed",
        "feed is not XML (Start tag expected, '<' not found, line 1, column 1)",
    )
    loop = rows[site.url("/sitemap-more.xml")]
    assert loop[0] == "feed" and loop[1].startswith("sitemap loop: it lists")
    assert len(rows) == 12 and sum(st == "failed" for _, st in reported) == 12, "one report per failure"
    assert site.hits["/private/x"] == 0, "a disallowed page is never requested"

    before = dict(site.hits)
    with Corpus(db) as corpus:
        again = corpus.ingest(sources, fetcher=fetcher())
    assert (again["new"], again["unchanged"], again["failed"]) == (0, 1, 12)  # the news sitemap: 304
    assert site.hits["/news/ferry"] == before["/news/ferry"] and site.hits["/news/bridge"] == before["/news/bridge"]
    assert all(site.hits[p] > before[p] for p in BAD_ITEMS if p != "/private/x"), "each failed URL is tried again"
    assert site.conditional["/sitemap-news.xml"] == 1, "a sitemap whose pages are all stored: conditional GET"
    assert {attempts for _, _, attempts in failures(db).values()} == {2}

    site.page("/gone", "Ferry timetable published", "Captain Rui Sousa", "Faro")  # the page is back
    with Corpus(db) as corpus:
        third = corpus.ingest(sources, fetcher=fetcher())
    assert third["new"] == 1 and site.url("/gone") not in failures(db) and len(failures(db)) == 11


def test_a_sitemap_index_that_lists_itself_ends(site):
    site.route("/self.xml", body=sitemapindex([site.url("/self.xml"), site.url("/sitemap-news.xml")]))
    found = list(Reader(fetcher()).read(site.url("/self.xml")))
    assert [(x.source, x.error) for x in found if isinstance(x, Input)] == [
        (site.url("/self.xml"), f"sitemap loop: it lists {site.url('/self.xml')}, which led to it"),
        (site.url("/news/bridge"), None),
    ]
    assert site.hits["/self.xml"] == 1


def test_a_deep_sitemap_index_stops_at_the_depth_limit(site):
    for n in range(6):
        site.route(f"/deep{n}.xml", body=sitemapindex([site.url(f"/deep{n + 1}.xml")]))
    found = list(Reader(fetcher(), max_depth=3).read(site.url("/deep0.xml")))
    assert [x.error for x in found] == ["sitemap index nested deeper than 3 levels"]
    assert site.hits["/deep3.xml"] == 1 and site.hits["/deep4.xml"] == 0


def test_refetch_sends_a_conditional_get_and_a_changed_page_is_a_new_version(site, tmp_path):
    url = site.url("/news/ferry")
    with Corpus(tmp_path / "r.db") as corpus:
        assert corpus.ingest([url], fetcher=fetcher())["new"] == 1
        assert corpus.ingest([url], fetcher=fetcher()) == {"new": 0, "unchanged": 1, "failed": 0}
        assert site.hits["/news/ferry"] == 1, "a page stored before is not fetched again"
        assert corpus.ingest([url], fetcher=fetcher(), refetch=True)["unchanged"] == 1
        assert site.hits["/news/ferry"] == 2 and site.conditional["/news/ferry"] == 1, "answered 304"
        site.page("/news/ferry", "Council approves ferry line", "Mayor Ines Duarte", "Porto", date="2026-11-03")
        assert corpus.ingest([url], fetcher=fetcher(), refetch=True)["new"] == 1
        assert corpus.stats()["versions"] == 2


def test_ingest_prints_one_line_per_failure_and_goes_on(site, tmp_path):
    urls = [site.url(p) for p in ("/news/ferry", "/gone", "/notxml.xml")]
    result = CliRunner().invoke(app, ["ingest", *urls, "--db", str(tmp_path / "c.db"), "-q", "--host-pause", "0"])
    assert result.exit_code == 0, result.output
    lines = [ln for ln in result.stderr.splitlines() if ln.startswith("presswatch: http")]
    assert len(lines) == 2 and lines[0] == f"presswatch: {site.url('/gone')}: HTTP 404"
    assert lines[1].startswith(f"presswatch: {site.url('/notxml.xml')}: feed is not XML (")
    assert "1 new, 0 unchanged, 2 failed" in result.stderr


def test_migration_0013_keeps_the_failures_of_older_stores(tmp_path, monkeypatch):
    db = tmp_path / "old.db"
    conn = sqlite3.connect(db, isolation_level=None)
    monkeypatch.setattr(migrations, "SCHEMA_VERSION", 12)
    migrations.migrate(conn)
    conn.execute("INSERT INTO failures (source, content_id, error) VALUES ('a.txt', 'x1', 'empty file')")
    monkeypatch.setattr(migrations, "SCHEMA_VERSION", len(migrations.MIGRATIONS))
    assert migrations.migrate(conn)[0] == "0013_fetch_state"  # then the later ones
    row = conn.execute("SELECT source, content_id, error, kind, attempts, at FROM failures").fetchone()
    assert row == ("a.txt", "x1", "empty file", "analysis", 1, None)
    conn.close()
