"""HTML pages -> main text + metadata, through trafilatura (and htmldate inside it)."""

from __future__ import annotations

from typing import Any

import trafilatura
from trafilatura.settings import use_config

from .errors import InputError

# trafilatura falls back to other extractors when its own finds under 250 characters,
# and those join a page's paragraphs into one line: a short news brief, or a page cut
# off by a failed download, lost its paragraph breaks (and a cut-off quotation ran into
# the lead). A brief of two or three sentences is still an article.
TRAFILATURA = use_config()
TRAFILATURA.set("DEFAULT", "MIN_EXTRACTED_SIZE", "100")


def extract_html(html: str, url: str | None = None) -> tuple[str, dict]:
    """Main content (paragraphs one per line) and page metadata. Raises InputError when there is no article."""
    try:
        result = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=True,  # a table may be the article (results, prices, a list of names)
            favor_recall=True,
            config=TRAFILATURA,
        )
    except Exception as exc:  # trafilatura raises assorted errors on broken markup
        raise InputError(f"HTML could not be parsed ({type(exc).__name__})") from None
    if result is None:
        raise InputError("no article text found in HTML")
    data = result.as_dict() if hasattr(result, "as_dict") else dict(result)
    text = data.get("text") or ""
    if not text.strip():
        raise InputError("no article text found in HTML")
    meta: dict[str, Any] = {
        k: data.get(k)
        for k in ("title", "author", "sitename", "hostname", "date", "url", "categories", "tags", "language")
    }
    if isinstance(meta.get("categories"), list):
        meta["categories"] = " ".join(meta["categories"])
    if isinstance(meta.get("tags"), list):
        meta["tags"] = " ".join(meta["tags"])
    return text, meta
