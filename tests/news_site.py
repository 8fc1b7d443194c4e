"""A small news site on 127.0.0.1 for the fetch, feed and watch tests (no test leaves the machine).

Routes are set by the test (`site.page`, `site.feed`, `site.route`); every request is
counted per path (`site.hits`), and a route answers 304 to an If-None-Match that
matches its ETag, so conditional GET can be seen from the server side."""

from __future__ import annotations

import hashlib
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from xml.sax.saxutils import escape


@dataclass
class Route:
    status: int = 200
    body: bytes = b""
    ctype: str = "text/html; charset=utf-8"
    headers: dict = field(default_factory=dict)
    delay: float = 0.0  # seconds before answering (a slow page)
    validators: bool = True  # send an ETag and answer If-None-Match with 304

    @property
    def etag(self) -> str:
        return '"' + hashlib.sha1(self.body).hexdigest()[:16] + '"'


def article(title: str | None, speaker: str, place: str, *, date: str | None = "2026-11-02") -> bytes:
    """An HTML news page; without a title or date when they are None (a feed may fill them)."""
    head = f"<title>{escape(title)}</title>" if title else ""
    if date:
        head += f'<meta property="article:published_time" content="{date}">'
    h1 = f"<h1>{escape(title)}</h1>" if title else ""
    body = (
        f"<p>The council of {place} approved a new ferry line on Tuesday after a long debate about its cost.</p>"
        f"<p>\u201cThis is a good day for {place},\u201d {speaker} told reporters after the vote.</p>"
        f"<p>The line will open in the spring and run twice a day between the harbour and the islands.</p>"
    )
    return f"<html><head>{head}</head><body><article>{h1}{body}</article></body></html>".encode()


def rss(items: list[tuple[str, str]], *, author: str | None = None, date: str | None = None) -> bytes:
    """An RSS 2.0 feed of (link, title) items."""
    extra = f"<author>{escape(author)}</author>" if author else ""
    if date:
        extra += f"<pubDate>{format_datetime(datetime.fromisoformat(date).replace(tzinfo=UTC))}</pubDate>"
    entries = "".join(
        f"<item><title>{escape(title)}</title><link>{escape(link)}</link>{extra}</item>" for link, title in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Harbour News</title>'
        f"<link>http://example.org/</link>{entries}</channel></rss>"
    ).encode()


def urlset(links: list[str]) -> bytes:
    locs = "".join(f"<url><loc>{escape(link)}</loc></url>" for link in links)
    return f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{locs}</urlset>'.encode()


def sitemapindex(links: list[str]) -> bytes:
    locs = "".join(f"<sitemap><loc>{escape(link)}</loc></sitemap>" for link in links)
    return f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{locs}</sitemapindex>'.encode()


class NewsSite:
    def __init__(self) -> None:
        self.routes: dict[str, Route] = {
            "/robots.txt": Route(body=b"User-agent: *\nDisallow: /private/\n", ctype="text/plain")
        }
        self.hits: Counter[str] = Counter()
        self.conditional: Counter[str] = Counter()  # requests that carried If-None-Match
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.handle_error = lambda request, address: None  # a client gone after a timeout
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def url(self, path: str) -> str:
        return self.base + path

    def route(self, path: str, **kwargs) -> None:
        self.routes[path] = Route(**kwargs)

    def page(self, path: str, title: str | None, speaker: str, place: str, **kwargs) -> None:
        self.route(path, body=article(title, speaker, place, **kwargs))

    def feed(self, path: str, items: list[tuple[str, str]], **kwargs) -> None:
        self.route(path, body=rss([(self.url(p), t) for p, t in items], **kwargs), ctype="application/rss+xml")

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def _handler(self):
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                site.hits[self.path] += 1
                route = site.routes.get(self.path, Route(status=404, body=b"not here", ctype="text/plain"))
                if route.delay:
                    time.sleep(route.delay)
                headers = dict(route.headers)
                if route.validators and route.status == 200:
                    headers["ETag"] = route.etag
                if self.headers.get("If-None-Match"):
                    site.conditional[self.path] += 1
                    if self.headers["If-None-Match"] == headers.get("ETag"):
                        return self._send(304, b"", route.ctype, headers)
                self._send(route.status, route.body, route.ctype, headers)

            def _send(self, status, body, ctype, headers):
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                for k, v in headers.items():
                    self.send_header(k, v)
                self.end_headers()
                if status != 304:
                    self.wfile.write(body)

            def log_message(self, *args):
                pass

        return Handler
