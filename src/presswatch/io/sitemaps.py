"""Sitemaps (sitemaps.org `urlset` and `sitemapindex`, with Google News tags) -> URLs.

Our own small reader over lxml rather than ultimate-sitemap-parser: that library
fetches the sitemaps itself, which would bypass our polite `Fetcher` (robots.txt,
the per-host rate, conditional GET, size and time limits, failure rows). Here we
only parse bytes already fetched; walking an index (loops, depth, how many
sitemaps) is `listings`' job. The XML parser resolves no entities and touches no
network. Input: a sitemap's bytes. Output: its article links (`Listed`, with the
news title and publication date when given) and the child sitemaps of an index."""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from .errors import InputError
from .feeds import Listed

MAX_URLS = 50_000  # the sitemaps.org limit for one file


@dataclass
class Sitemap:
    items: list[Listed] = field(default_factory=list)  # pages (a urlset)
    children: list[str] = field(default_factory=list)  # sitemaps (an index)


def read_sitemap(raw: bytes) -> Sitemap:
    """The pages of a urlset, or the child sitemaps of a sitemap index."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(raw, parser)
    except etree.XMLSyntaxError as exc:
        raise InputError(f"sitemap is not XML ({exc.msg})") from None
    found = Sitemap()
    kind = etree.QName(root).localname
    for entry in root:
        if not isinstance(entry.tag, str):
            continue  # comments, processing instructions
        loc = _child_text(entry, "loc")
        if not loc:
            continue
        if kind == "sitemapindex":
            found.children.append(loc)
        else:
            found.items.append(_listed(entry, loc))
        if len(found.items) + len(found.children) >= MAX_URLS:
            break
    return found


def _listed(entry, loc: str) -> Listed:
    """One <url>: its news:title and news:publication_date when present (lastmod is when
    the page last changed, not when it was published, so it is not a date hint)."""
    news = next((e for e in entry.iter() if isinstance(e.tag, str) and etree.QName(e).localname == "news"), None)
    title = _child_text(news, "title") if news is not None else None
    date = _child_text(news, "publication_date") if news is not None else None
    return Listed(url=loc, title=title, date=date, modified=_child_text(entry, "lastmod"))


def _child_text(element, name: str) -> str | None:
    for child in element:
        if isinstance(child.tag, str) and etree.QName(child).localname == name and child.text:
            return child.text.strip() or None
    return None
