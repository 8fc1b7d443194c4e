"""RSS and Atom feeds -> the article links they list, with each item's title, date and author.

Input: the feed's bytes, already fetched by our polite `Fetcher` (feedparser is
never handed a URL, so robots.txt, the per-host rate, conditional GET and the
failure rows stay ours). Output: `Listed` items in feed order. feedparser reads
RSS 0.9x/1.0/2.0 and Atom, and tolerates the small breakages real feeds have."""

from __future__ import annotations

import time
from dataclasses import dataclass

import feedparser

from .errors import InputError


@dataclass
class Listed:
    """One article link found in a feed or sitemap, with what the listing said about it."""

    url: str
    title: str | None = None
    date: str | None = None
    author: str | None = None
    modified: str | None = None  # when the listing says the page last changed, as written there

    def hints(self) -> dict[str, str] | None:
        """The listing's metadata for `Input.hints` (None when it said nothing)."""
        found = {k: v for k, v in (("title", self.title), ("date", self.date), ("author", self.author)) if v}
        return found or None


def read_feed(raw: bytes, url: str) -> list[Listed]:
    """The items of the RSS or Atom feed `raw` (fetched from `url`, the base of relative links)."""
    parsed = feedparser.parse(raw, response_headers={"content-location": url})
    if parsed.get("bozo") and not parsed.entries:
        raise InputError(f"feed is not XML ({parsed.get('bozo_exception')})")
    items = []
    for entry in parsed.entries:
        link = entry.get("link")
        if not link:
            continue  # an item without a link names no page to read
        authors = [a.get("name") for a in entry.get("authors", []) if a.get("name")]
        items.append(
            Listed(
                url=link.strip(),
                title=(entry.get("title") or "").strip() or None,
                date=_iso(entry.get("published_parsed") or entry.get("updated_parsed")),
                author="; ".join(authors) or entry.get("author") or None,
                # the plain dict lookup: feedparser maps a missing "updated" to "published" with a warning
                modified=dict.get(entry, "updated") or dict.get(entry, "published"),
            )
        )
    return items


def _iso(parsed: time.struct_time | None) -> str | None:
    """feedparser's parsed date (UTC) as YYYY-MM-DD."""
    return time.strftime("%Y-%m-%d", parsed) if parsed else None
