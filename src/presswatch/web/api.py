"""The JSON API under /api, mirroring the command line: search, entities and
dossiers, quotes, articles, stories, duplicates, stats, exports.

Each endpoint is a few lines over `Corpus` (as thin as the CLI): parameters are
checked by FastAPI (422), corpus errors become JSON errors (see `errors`), lists
are pages `{items, limit, offset, total, next}` (`total` is null where counting
would cost a second pass, as for search and quotes; `next` is the URL of the
next page or null). Every endpoint is a plain `def`: FastAPI runs it in a worker
thread, so a slow query never blocks the others. Each returns a JSONResponse
itself: the answers are plain JSON types already, and FastAPI's own encoder
(`jsonable_encoder`) took as long as the query on a big dossier."""

from __future__ import annotations

from datetime import date
from enum import Enum
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse, StreamingResponse

from ..corpus import Corpus
from .deps import get_corpus
from .errors import BadQuery
from .exports import EXPORTS, export_stream

router = APIRouter(tags=["corpus"])
CorpusDep = Annotated[Corpus, Depends(get_corpus)]
Limit = Annotated[int, Query(ge=1, le=500, description="Items per page.")]
Offset = Annotated[int, Query(ge=0, le=1_000_000, description="Items to skip.")]
DOSSIER_LIST = 50  # articles, quotes by and quotes about a dossier lists by default
MAX_QUERY_CHARS = 500  # a search longer than this is not a search; FTS5 would build a huge expression


class Kind(str, Enum):
    direct = "direct"
    indirect = "indirect"
    mixed = "mixed"


class EntityType(str, Enum):
    PERSON = "PERSON"
    ORG = "ORG"
    GPE = "GPE"
    NORP = "NORP"
    MEDIA = "MEDIA"


def page(
    request: Request, items: list, limit: int, offset: int, total: int | None, more: bool | None = None
) -> JSONResponse:
    """A page of a list, with the URL of the next one (null on the last)."""
    more = (offset + len(items) < total) if more is None and total is not None else bool(more)
    nxt = str(request.url.include_query_params(offset=offset + limit)) if more else None
    return JSONResponse({"items": items, "limit": limit, "offset": offset, "total": total, "next": nxt})


def _text(name: str, value: str | None, *, required: bool = False) -> str | None:
    """A free-text parameter: stripped, not empty, not absurdly long (400 otherwise)."""
    if value is None:
        if required:
            raise BadQuery(f"'{name}' is required")
        return None
    value = value.strip()
    if not value:
        raise BadQuery(f"'{name}' wants some text, not an empty string")
    if len(value) > MAX_QUERY_CHARS:
        raise BadQuery(f"'{name}' is {len(value)} characters long; at most {MAX_QUERY_CHARS}")
    if "\x00" in value:
        raise BadQuery(f"'{name}' holds a NUL character")
    return value


@router.get("/search", summary="Full-text search over articles, quotes and names, in any alphabet")
def search(
    request: Request, corpus: CorpusDep, q: str = Query(...), limit: Limit = 20, offset: Offset = 0
) -> JSONResponse:
    """Words in any script: a Cyrillic spelling finds the Latin-spelled person and back.
    The query is words, never FTS syntax (quotes, `*`, `NEAR`, parentheses are plain)."""
    query = _text("q", q, required=True)
    assert query is not None
    hits = corpus.search(query, limit=offset + limit + 1)
    return page(request, hits[offset : offset + limit], limit, offset, None, more=len(hits) > offset + limit)


@router.get("/entities", summary="Entities, most articles first; with q, the entities a name can denote")
def entities(
    request: Request,
    corpus: CorpusDep,
    q: str | None = Query(None, description="Any name or id, in any script."),
    type: EntityType | None = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> JSONResponse:
    name = _text("q", q)
    if name is not None:
        found = [e for e in corpus.find(name) if type is None or e["type"] == type.value]
        for e in found:
            e.pop("stats", None)
        return page(request, found[offset : offset + limit], limit, offset, len(found))
    items, total = corpus.entities(limit=limit, offset=offset, type=type.value if type else None)
    return page(request, items, limit, offset, total)


@router.get("/entities/{name}", summary="An entity's dossier by id or by any name in any script")
def dossier(
    corpus: CorpusDep,
    name: str,
    max_articles: int = Query(DOSSIER_LIST, ge=1, le=5000, description="Latest articles listed."),
    max_quotes: int = Query(DOSSIER_LIST, ge=1, le=5000, description="Latest quotes by, and about, listed."),
    co_articles: int = Query(200, ge=1, le=5000, description="Latest articles the co-mentioned are counted over."),
) -> JSONResponse:
    """Names by script, roles, articles (copies grouped), quotes by and about, the
    co-mentioned, a timeline; `totals` gives the full counts of a cut list.
    404 for an unknown name, 409 (with `candidates`) for one that fits several.
    Lists are cut at 50 by default (the CLI's 200 made a popular entity's dossier
    300 KB of JSON); ask for more with max_articles and max_quotes."""
    key = _text("name", name, required=True)
    assert key is not None
    return JSONResponse(corpus.dossier(key, max_articles=max_articles, max_quotes=max_quotes, co_articles=co_articles))


@router.get("/quotes", summary="Quotes by, about, in an outlet, between dates; newest first")
def quotes(
    request: Request,
    corpus: CorpusDep,
    speaker: str | None = Query(None, description="Quotes by this entity (any spelling)."),
    about: str | None = Query(None, description="Quotes mentioning this entity."),
    outlet: str | None = Query(None, description="Outlet name contains this."),
    since: date | None = Query(None, description="Published on or after (YYYY-MM-DD)."),
    until: date | None = Query(None, description="Published on or before (YYYY-MM-DD)."),
    kind: Kind | None = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> JSONResponse:
    """Syndicated copies of one quote are one entry listing every copy under `copies`."""
    found = corpus.quotes(
        speaker=_text("speaker", speaker),
        about=_text("about", about),
        outlet=_text("outlet", outlet),
        since=since.isoformat() if since else None,
        until=until.isoformat() if until else None,
        kind=kind.value if kind else None,
        limit=offset + limit + 1,
    )
    return page(request, found[offset : offset + limit], limit, offset, None, more=len(found) > offset + limit)


@router.get("/articles", summary="Current articles, newest first")
def articles(
    request: Request,
    corpus: CorpusDep,
    outlet: str | None = Query(None, max_length=500, description="Exactly this outlet."),
    limit: Limit = 50,
    offset: Offset = 0,
) -> JSONResponse:
    items, total = corpus.articles(limit=limit, offset=offset, outlet=_text("outlet", outlet))
    return page(request, items, limit, offset, total)


@router.get("/articles/{article_id}", summary="One article: clean text, removed lines with reasons, entities, quotes")
def article(corpus: CorpusDep, article_id: str) -> JSONResponse:
    """Every offset (mentions, quotes, their parts and speakers) refers to `text`;
    `removed` lists the lines cleaning took out, each with its reason;
    `judgements` the human corrections of its quotes (a quote marked "not a quote"
    is left out of `quotes`)."""
    doc = corpus.article(article_id)
    doc["judgements"] = corpus.quote_judgements(doc["id"])
    return JSONResponse(doc)


@router.get("/stories", summary="Stories: one event across outlets, biggest first")
def stories(
    request: Request,
    corpus: CorpusDep,
    min_articles: int = Query(2, ge=1, le=1000),
    limit: Limit = 50,
    offset: Offset = 0,
) -> JSONResponse:
    found = corpus.stories(min_articles=min_articles)
    return page(request, found[offset : offset + limit], limit, offset, len(found))


@router.get("/duplicates", summary="Near-duplicate groups (syndicated copies), biggest first")
def duplicates(request: Request, corpus: CorpusDep, limit: Limit = 50, offset: Offset = 0) -> JSONResponse:
    items, total = corpus.duplicates(limit=limit, offset=offset)
    return page(request, items, limit, offset, total)


@router.get("/judgements", summary="Quote corrections made by people, newest first")
def quote_judgements(
    request: Request,
    corpus: CorpusDep,
    article_id: str | None = Query(None, max_length=64),
    limit: Limit = 50,
    offset: Offset = 0,
) -> JSONResponse:
    found = corpus.quote_judgements(_text("article_id", article_id))
    return page(request, found[offset : offset + limit], limit, offset, len(found))


@router.get("/stats", summary="How many articles, entities, quotes, stories the corpus holds")
def stats(corpus: CorpusDep) -> JSONResponse:
    return JSONResponse(corpus.stats())


@router.get("/export/{table}", summary="A table of the corpus as JSON Lines or CSV, streamed")
def export(request: Request, table: str, format: str = Query("jsonl", pattern="^(jsonl|csv)$")) -> StreamingResponse:
    """Tables: documents (jsonl only: the `analyze` contract), articles, entities, mentions, quotes."""
    if table not in EXPORTS or (table == "documents" and format != "jsonl"):
        raise BadQuery(f"no export {table!r} as {format}; tables: {', '.join(EXPORTS)} (documents as jsonl only)")
    return export_stream(request, table, format)
