"""Pages to find and read: search, one article, one entity's dossier.

Each handler asks the corpus one question (`Corpus.search`, `queries.article`,
`Corpus.dossier`) and hands the answer to its template; the shaping for display
(highlighted runs, charts) is in `article_view` and `charts`."""

from __future__ import annotations

import re

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse

from ..corpus import Corpus
from ..corpus.errors import AmbiguousName, CorpusError
from ..corpus.queries import comentions, outlets, quote_refs
from . import charts
from .article_view import article_view
from .deps import get_corpus
from .pages_common import error_page, kept, render

router = APIRouter()

MAX_QUERY = 500  # characters; a longer search is refused, not run
SEARCH_LIMIT = 50
DOSSIER_ROWS = (
    50  # articles, quotes by and quotes about shown (the rest: the quotes table); keeps a popular dossier quick
)


def snippet_runs(snippet: str) -> list[tuple[str, bool]]:
    """The search snippet as (text, matched) pieces: FTS5 marks matches with [ ]."""
    out, pos = [], 0
    for m in re.finditer(r"\[([^\[\]]*)\]", snippet):
        if m.start() > pos:
            out.append((snippet[pos : m.start()], False))
        out.append((m.group(1), True))
        pos = m.end()
    if pos < len(snippet):
        out.append((snippet[pos:], False))
    return out


@router.get("/", response_class=HTMLResponse)
@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request, q: str = "", corpus: Corpus = Depends(get_corpus)) -> HTMLResponse:
    q = q.strip()
    if not q:
        return render(request, "search.html", title="Search", q="", groups={}, stats=corpus.stats())
    if len(q) > MAX_QUERY:
        return error_page(request, 400, f"the search is too long ({len(q)} characters; at most {MAX_QUERY})")
    try:
        hits = corpus.search(q, limit=SEARCH_LIMIT)
    except CorpusError as exc:
        return render(request, "search.html", status_code=400, title="Search", q=q, groups={}, message=str(exc))
    groups: dict[str, list[dict]] = {"entity": [], "article": [], "quote": []}
    quoted = quote_refs.quotes_by_ref(corpus.conn, [h["ref"] for h in hits if h["kind"] == "quote"])
    for h in hits:
        runs = snippet_runs(h["snippet"] or "")
        quote = quoted.get(h["ref"])
        if quote is not None and "".join(t for t, _ in runs).strip(" …") not in quote["content"]:
            runs = [(quote["content"], False)]  # the match was the speaker's name: show the words
        groups.setdefault(h["kind"], []).append(h | {"runs": runs, "quote": quote})
    return render(request, "search.html", title=f"Search: {q}", q=q, groups=groups, count=len(hits))


@router.get("/article/{article_id}", response_class=HTMLResponse)
def article_page(request: Request, article_id: str, corpus: Corpus = Depends(get_corpus)) -> HTMLResponse:
    try:
        doc = corpus.article(article_id)
    except CorpusError as exc:
        return error_page(request, 404, str(exc))
    text_runs, quotes = article_view(doc, quote_refs.quote_numbers(corpus.conn, doc["id"]))
    reasons = sorted({r["reason"] for r in doc["removed"]})
    return render(
        request,
        "article.html",
        title=doc["title"] or article_id,
        doc=doc,
        runs=text_runs,
        quotes=quotes,
        reasons=reasons,
    )


@router.get("/entity/{name}", response_class=HTMLResponse)
def entity_page(request: Request, name: str, corpus: Corpus = Depends(get_corpus)) -> HTMLResponse:
    try:
        d = corpus.dossier(name, max_articles=DOSSIER_ROWS, max_quotes=DOSSIER_ROWS)
    except AmbiguousName as exc:
        return render(request, "choose.html", status_code=300, title=name, name=name, candidates=exc.candidates)
    except CorpusError as exc:
        return error_page(request, 404, str(exc))
    top = [c["id"] for c in d["co_mentioned"][: charts.NET_NODES - 1]]
    article_ids = [a["id"] for a in d["articles"]] + [c["id"] for a in d["articles"] for c in a["copies"]]
    pairs = comentions.pair_counts(corpus.conn, article_ids, top) if top else []
    centre = {"id": d["id"], "name": d["name"], "type": d["type"], "articles": d["article_count"]}
    return render(
        request,
        "entity.html",
        title=d["name"],
        d=d,
        timeline=charts.timeline(d["timeline"]),
        network=charts.network(centre, d["co_mentioned"], pairs),
        outlets=kept(request, ("outlets quoting", d["id"]), lambda: outlets.outlets_quoting(corpus.conn, d["id"])),
    )
