"""Tables: the quotes (filtered, and downloadable as CSV or JSON exactly as shown) and
the outlet comparison.

Input: query-string filters as the CLI's `presswatch quotes` takes them. Output:
HTML pages, or the same rows as a CSV or JSON download."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from dataclasses import dataclass
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response

from ..corpus import Corpus
from ..corpus.errors import AmbiguousName, CorpusError
from ..corpus.queries import outlets as outlet_query
from .deps import get_corpus
from .pages_common import error_page, kept, render

router = APIRouter()

KINDS = ("direct", "indirect", "mixed")
DEFAULT_LIMIT, MAX_LIMIT = 100, 2000
CSV_COLUMNS = (
    "published",
    "outlet",
    "speaker",
    "speaker_entity",
    "kind",
    "cue",
    "content",
    "title",
    "source",
    "article_id",
    "n",
)


@dataclass
class QuoteForm:
    speaker: str = ""
    about: str = ""
    outlet: str = ""
    since: str = ""
    until: str = ""
    kind: str = ""
    limit: int = DEFAULT_LIMIT

    def params(self) -> dict:
        return {
            k: v for k, v in vars(self).items() if v not in ("", None) and not (k == "limit" and v == DEFAULT_LIMIT)
        }

    def check(self) -> None:
        for name in ("since", "until"):
            value = getattr(self, name)
            if value:
                try:
                    dt.date.fromisoformat(value)
                except ValueError:
                    raise CorpusError(f"{name} must be a date, YYYY-MM-DD (not {value!r})") from None
        if self.kind and self.kind not in KINDS:
            raise CorpusError(f"kind must be one of {', '.join(KINDS)}")
        if not 1 <= self.limit <= MAX_LIMIT:
            raise CorpusError(f"limit must be between 1 and {MAX_LIMIT}")


def quote_form(
    speaker: str = "",
    about: str = "",
    outlet: str = "",
    since: str = "",
    until: str = "",
    kind: str = "",
    limit: int = DEFAULT_LIMIT,
) -> QuoteForm:
    return QuoteForm(speaker.strip(), about.strip(), outlet.strip(), since.strip(), until.strip(), kind.strip(), limit)


def _quotes(corpus: Corpus, form: QuoteForm) -> list[dict]:
    form.check()
    return corpus.quotes(
        speaker=form.speaker or None,
        about=form.about or None,
        outlet=form.outlet or None,
        since=form.since or None,
        until=form.until or None,
        kind=form.kind or None,
        limit=form.limit,
    )


@router.get("/quotes", response_class=HTMLResponse)
def quotes_page(
    request: Request, form: QuoteForm = Depends(quote_form), corpus: Corpus = Depends(get_corpus)
) -> HTMLResponse:
    try:
        rows = _quotes(corpus, form)
    except AmbiguousName as exc:
        return render(
            request,
            "choose.html",
            status_code=400,
            title="Which one?",
            name=exc.name,
            candidates=exc.candidates,
            links=_choices(form, exc),
        )
    except CorpusError as exc:
        return render(
            request, "quotes.html", status_code=400, title="Quotes", form=form, rows=[], kinds=KINDS, message=str(exc)
        )
    return render(request, "quotes.html", title="Quotes", form=form, rows=rows, kinds=KINDS)


@router.get("/quotes.csv")
def quotes_csv(
    request: Request, form: QuoteForm = Depends(quote_form), corpus: Corpus = Depends(get_corpus)
) -> Response:
    try:
        rows = _quotes(corpus, form)
    except CorpusError as exc:
        return error_page(request, 400, str(exc))
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for r in rows:
        writer.writerow([_cell(r.get(c)) for c in CSV_COLUMNS])
    return Response(out.getvalue(), media_type="text/csv; charset=utf-8", headers=_attachment("quotes.csv"))


@router.get("/quotes.json")
def quotes_json(
    request: Request, form: QuoteForm = Depends(quote_form), corpus: Corpus = Depends(get_corpus)
) -> Response:
    try:
        rows = _quotes(corpus, form)
    except CorpusError as exc:
        return error_page(request, 400, str(exc))
    body = json.dumps({"filters": form.params(), "quotes": rows}, ensure_ascii=False, indent=1)
    return Response(body, media_type="application/json", headers=_attachment("quotes.json"))


def _choices(form: QuoteForm, exc: AmbiguousName) -> dict[str, str]:
    """For each candidate, the same filters with the ambiguous name replaced by its id."""
    field = "speaker" if form.speaker == exc.name else "about"
    return {c["id"]: "/quotes?" + urlencode(form.params() | {field: c["id"]}) for c in exc.candidates}


def _cell(value) -> str:
    """A CSV cell; one that a spreadsheet would run as a formula (=, +, -, @) is quoted with '."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _attachment(name: str) -> dict[str, str]:
    return {"Content-Disposition": f'attachment; filename="{name}"'}


@router.get("/outlets", response_class=HTMLResponse)
def outlets_page(request: Request, corpus: Corpus = Depends(get_corpus)) -> HTMLResponse:
    table = kept(request, ("outlets",), lambda: outlet_query.outlets(corpus.conn, top=None))  # reads every quote
    # the matrix: the speakers most quoted over all outlets, against every outlet
    totals: dict[str, dict] = {}
    for o in table:
        for s in o["speakers"]:
            t = totals.setdefault(s["id"], {"id": s["id"], "name": s["name"], "quotes": 0})
            t["quotes"] += s["quotes"]
    top = sorted(totals.values(), key=lambda s: (-s["quotes"], s["name"] or ""))[:12]
    cells = {(o["outlet"], s["id"]): s for o in table for s in o["speakers"]}
    peak = max((s["quotes"] for s in cells.values()), default=1)
    return render(request, "outlets.html", title="Outlets", outlets=table, top=top, cells=cells, peak=peak)
