"""Fetching articles from the web, politely: `presswatch analyze https://…` and `ingest URL`.

Polite means: robots.txt is honoured (per host, read again after a day), one request per host
per `interval` seconds (default 1), a clear User-Agent with a contact
(`PRESSWATCH_CONTACT`), retries with backoff on 429 and 5xx (Retry-After
respected), a size limit (5 MB) and a time limit per response, at most 5
redirects, http and https only. URLs are normalised with courlan (tracking
parameters dropped). Every failure is an `Input` with `error` set, never an
exception: 404, 410, a robots.txt disallow, a timeout, a redirect loop, a page
over the limit. Hand-written around httpx because the policy (robots, rate,
retries, limits) is the point and no small library does all of it.

`Fetcher.get` is the one request path: it sends a conditional GET when given the
validators kept from last time (ETag, Last-Modified) and returns a `Fetched`
(status, body, validators, or the error). `fetch` turns that into an article
`Input`; feeds and sitemaps (`listings`) read the raw body. `Fetcher.counts`
tallies what went over the wire (requests, pages, not-modified answers)."""

from __future__ import annotations

import os
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

import httpx
from courlan import normalize_url

from .decode import decode_plain, normalize
from .errors import InputError
from .inputs import MAX_BYTES, Input

RETRY_STATUSES = {429, 500, 502, 503, 504}


def is_url(text: str) -> bool:
    return text.lower().startswith(("http://", "https://")) or "://" in text[:16]


@dataclass
class Policy:
    interval: float = 1.0  # seconds between two requests to one host
    timeout: float = 30.0  # seconds for one response
    max_bytes: int = MAX_BYTES
    max_redirects: int = 5
    retries: int = 3
    max_wait: float = 60.0  # the longest Retry-After obeyed
    robots_ttl: float = 86_400.0  # seconds a host's robots.txt is trusted (RFC 9309: at most 24 h)
    contact: str = field(default_factory=lambda: os.environ.get("PRESSWATCH_CONTACT", "no contact given"))

    @property
    def user_agent(self) -> str:
        return f"presswatch/0.1 (news monitoring; contact: {self.contact})"


@dataclass
class Fetched:
    """One answer of `Fetcher.get`: the body (status 200), not modified (304), or the error."""

    url: str  # the URL asked for, normalised
    status: int | None = None  # the HTTP status (None when no answer came)
    body: bytes = b""
    content_type: str = ""
    final_url: str = ""  # after redirects
    etag: str | None = None
    last_modified: str | None = None
    error: str | None = None

    @property
    def not_modified(self) -> bool:
        return self.status == 304 and self.error is None


class Fetcher:
    """One HTTP client for a run: its robots.txt answers and per-host clock are shared."""

    def __init__(self, policy: Policy | None = None):
        self.policy = policy or Policy()
        self.client = httpx.Client(
            follow_redirects=True,
            max_redirects=self.policy.max_redirects,
            timeout=self.policy.timeout,
            headers={"User-Agent": self.policy.user_agent},
        )
        self._robots: dict[str, tuple[float, RobotFileParser | None]] = {}  # root -> (read at, rules)
        self._last: dict[str, float] = {}
        self.counts: Counter[str] = Counter()  # requests, pages (200 bodies), not_modified
        self.on_answer: Callable[[Fetched], None] | None = None  # a progress bar's hook

    def fetch(self, url: str) -> Input:
        """The page at `url` as an Input (kind "html" or "text"), or an Input with the error."""
        return page_input(self.get(url))

    def get(self, url: str, *, etag: str | None = None, last_modified: str | None = None) -> Fetched:
        """GET `url` (normalised) politely; conditional when `etag` or `last_modified` is given.
        Never raises: a failure is a Fetched with `error` (and the status, when one came)."""
        if urlsplit(url).scheme.lower() not in ("http", "https"):
            return Fetched(url=url, error="not an http or https URL")
        try:
            url = normalize_url(url)
        except ValueError:
            return Fetched(url=url, error="not a valid URL")
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        try:
            if not self._allowed(url):
                raise InputError("robots.txt disallows it")
            response, body = self._get(url, headers=headers)
        except InputError as exc:
            return Fetched(url=url, error=str(exc))
        got = Fetched(
            url=url,
            status=response.status_code,
            body=body,
            content_type=response.headers.get("Content-Type", "").lower(),
            final_url=str(response.url),
            etag=response.headers.get("ETag"),
            last_modified=response.headers.get("Last-Modified"),
        )
        if got.status == 304 and headers:
            self.counts["not_modified"] += 1
        elif got.status != 200:
            got.error = f"HTTP {got.status}"
        else:
            self.counts["pages"] += 1
        if self.on_answer is not None:
            self.on_answer(got)
        return got

    def _allowed(self, url: str) -> bool:
        parts = urlsplit(url)
        root = f"{parts.scheme}://{parts.netloc}"
        cached = self._robots.get(root)
        if cached is None or time.monotonic() - cached[0] > self.policy.robots_ttl:  # a long watch reads it again
            cached = self._robots[root] = (time.monotonic(), self._read_robots(root))
        robots = cached[1]
        return robots is None or robots.can_fetch(self.policy.user_agent, url)

    def _read_robots(self, root: str) -> RobotFileParser | None:
        """The host's robots.txt; None (all allowed) when it has none or it cannot be read."""
        try:
            response, body = self._get(f"{root}/robots.txt", retries=0)
        except InputError:
            return None
        if response.status_code != 200:
            return None
        robots = RobotFileParser()
        robots.parse(body.decode("utf-8", "replace").splitlines())
        return robots

    def _get(
        self, url: str, retries: int | None = None, headers: dict[str, str] | None = None
    ) -> tuple[httpx.Response, bytes]:
        """GET with the host's pause, retries on 429/5xx, and the size limit."""
        tries = (self.policy.retries if retries is None else retries) + 1
        for attempt in range(tries):
            self._wait_turn(url)
            self.counts["requests"] += 1
            try:
                with self.client.stream("GET", url, headers=headers) as response:
                    if response.status_code in RETRY_STATUSES and attempt + 1 < tries:
                        time.sleep(self._backoff(response, attempt))
                        continue
                    return response, self._read_body(response)
            except httpx.TooManyRedirects:
                raise InputError(f"more than {self.policy.max_redirects} redirects") from None
            except httpx.TimeoutException:
                if attempt + 1 == tries:
                    raise InputError(f"no answer within {self.policy.timeout:g} s") from None
            except httpx.HTTPError as exc:
                raise InputError(f"cannot fetch: {type(exc).__name__}") from None
        raise InputError(f"no answer after {tries} tries")

    def _read_body(self, response: httpx.Response) -> bytes:
        chunks, size = [], 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > self.policy.max_bytes:
                raise InputError(f"page over the size limit ({self.policy.max_bytes / 1e6:g} MB)")
            chunks.append(chunk)
        return b"".join(chunks)

    def _backoff(self, response: httpx.Response, attempt: int) -> float:
        after = response.headers.get("Retry-After", "")
        wait = float(after) if after.strip().isdigit() else 2.0**attempt
        return min(wait, self.policy.max_wait)

    def _wait_turn(self, url: str) -> None:
        host = urlsplit(url).netloc
        due = self._last.get(host, 0.0) + self.policy.interval
        now = time.monotonic()
        if due > now:
            time.sleep(due - now)
        self._last[host] = time.monotonic()


def page_input(got: Fetched, hints: dict[str, str] | None = None) -> Input:
    """A fetched page as an article Input (HTML or plain text), or an Input with the error.
    `hints`: metadata a feed gave for it (see `Input.hints`)."""
    if got.error is not None:
        return Input(source=got.url, error=got.error)
    if got.status != 200:  # a 304 has no body to read: the caller knows the stored one
        return Input(source=got.url, error=f"HTTP {got.status}")
    if "html" in got.content_type:
        kind = "html"
    elif got.content_type.startswith("text/plain"):
        kind = "text"
    else:
        return Input(source=got.url, error=f"not HTML or text ({got.content_type or 'no content type'})")
    try:
        text = normalize(decode_plain(got.body))
    except InputError as exc:
        return Input(source=got.url, error=str(exc))
    return Input(source=got.url, text=text, kind=kind, raw=got.body, meta={"url": got.final_url}, hints=hints)


_DEFAULT: Fetcher | None = None


def default_fetcher() -> Fetcher:
    """The run's one polite fetcher (its robots.txt answers and per-host clocks shared)."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Fetcher()
    return _DEFAULT


def fetch(url: str) -> Input:
    """`url` through the run's one polite fetcher."""
    return default_fetcher().fetch(url)
