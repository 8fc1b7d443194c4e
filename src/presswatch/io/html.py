"""HTML pages -> main text + metadata, through trafilatura (and htmldate inside it)."""

from __future__ import annotations

from typing import Any

import trafilatura

from .errors import InputError


def extract_html(html: str, url: str | None = None) -> tuple[str, dict]:
    """Main content (paragraphs one per line) and page metadata. Raises InputError when there is no article."""
    try:
        result = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, include_tables=False, favor_recall=True
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
