"""Fetching URLs politely, against a local server on 127.0.0.1 (no test leaves the machine):
robots.txt, retries on 429 with Retry-After, 404, redirect loops, size limits, schemes."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

import pytest

from presswatch.corpus import Corpus
from presswatch.io.fetch import Fetcher, Policy

PAGE = (
    b"<html><head><title>Council approves ferry line</title></head><body><article>"
    b"<h1>Council approves ferry line</h1><p>The harbour council approved the new ferry line on Tuesday.</p>"
    b"<p>\xe2\x80\x9cThis is a good day for the islands,\xe2\x80\x9d Mayor Ines Duarte told reporters.</p>"
    b"</article></body></html>"
)


class Site(BaseHTTPRequestHandler):
    hits: ClassVar[dict] = {}

    def do_GET(self):
        Site.hits[self.path] = Site.hits.get(self.path, 0) + 1
        if self.path == "/robots.txt":
            return self._send(200, b"User-agent: *\nDisallow: /private/\n", "text/plain")
        if self.path == "/news/ferry?utm_source=feed":
            return self._send(200, b"wrong: tracking parameters are dropped", "text/plain")
        if self.path == "/news/ferry":
            return self._send(200, PAGE, "text/html; charset=utf-8")
        if self.path == "/busy" and Site.hits[self.path] == 1:
            return self._send(429, b"slow down", "text/plain", {"Retry-After": "1"})
        if self.path == "/busy":
            return self._send(200, PAGE, "text/html")
        if self.path == "/loop":
            return self._send(302, b"", "text/plain", {"Location": "/loop"})
        if self.path == "/huge":
            return self._send(200, b"<p>" + b"a" * 3000 + b"</p>", "text/html")
        if self.path == "/photo.jpg":
            return self._send(200, b"\xff\xd8\xff", "image/jpeg")
        return self._send(404, b"not here", "text/plain")

    def _send(self, status, body, ctype, headers=None):
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def site():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Site)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_a_page_is_fetched_and_bad_answers_are_per_document_errors(site):
    fetcher = Fetcher(Policy(interval=0, max_bytes=2000, contact="desk@example.org"))
    page = fetcher.fetch(f"{site}/news/ferry?utm_source=feed")
    assert page.error is None and page.kind == "html" and page.source == f"{site}/news/ferry"
    assert "presswatch" in fetcher.policy.user_agent and "desk@example.org" in fetcher.policy.user_agent
    errors = {
        path: fetcher.fetch(f"{site}{path}").error for path in ("/private/a", "/gone", "/loop", "/huge", "/photo.jpg")
    }
    assert errors == {
        "/private/a": "robots.txt disallows it",
        "/gone": "HTTP 404",
        "/loop": "more than 5 redirects",
        "/huge": "page over the size limit (0.002 MB)",
        "/photo.jpg": "not HTML or text (image/jpeg)",
    }
    assert Site.hits.get("/private/a") is None, "a disallowed page is never requested"
    assert fetcher.fetch("ftp://127.0.0.1/a.txt").error == "not an http or https URL"
    assert Site.hits["/robots.txt"] == 1, "robots.txt is read once per host"


def test_a_busy_answer_is_retried_after_the_time_it_asks_for(site):
    busy = Fetcher(Policy(interval=0)).fetch(f"{site}/busy")
    assert busy.error is None and Site.hits["/busy"] == 2


def test_analyze_and_ingest_take_urls(analyze, site, tmp_path):
    doc = analyze(Fetcher(Policy(interval=0)).fetch(f"{site}/news/ferry"))
    assert doc.title == "Council approves ferry line" and doc.quotes[0].speaker.name == "Ines Duarte"
    with Corpus(tmp_path / "c.db") as corpus:
        counts = corpus.ingest([f"{site}/news/ferry", f"{site}/gone"])
        assert counts == {"new": 1, "unchanged": 0, "failed": 1}
        assert corpus.ingest([f"{site}/news/ferry"]) == {"new": 0, "unchanged": 1, "failed": 0}
