"""The analyze page: paste a text or upload a file, see the record, store nothing.

Input: a form (`text`, or `file` up to MAX_UPLOAD bytes). Output: the article page
layout over `pipeline.analyze`'s Document (highlighted quotes, entities, removed
lines, metadata with where each field came from). Nothing reaches the corpus, and
the file's name is only a label: it is never opened as a path."""

from __future__ import annotations

import threading

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse

from ..io import InputError
from ..io.decode import decode_plain
from .article_view import article_view
from .pages_common import error_page, render

router = APIRouter()

MAX_UPLOAD = 1_000_000  # bytes; a pasted text or an uploaded file over this is refused
_one_at_a_time = threading.Lock()  # spaCy's pipeline is shared by the server's worker threads


@router.get("/analyze", response_class=HTMLResponse)
def analyze_form(request: Request) -> HTMLResponse:
    return render(request, "analyze.html", title="Analyze", doc=None, text="", limit=MAX_UPLOAD)


@router.post("/analyze", response_class=HTMLResponse)
def analyze_post(request: Request, text: str = Form(""), file: UploadFile | None = File(None)) -> HTMLResponse:
    label = "<pasted text>"
    if file is not None and file.filename:
        raw = file.file.read(MAX_UPLOAD + 1)
        label = file.filename[-200:]
        if len(raw) > MAX_UPLOAD:
            return error_page(request, 413, f"the file is over the limit of {MAX_UPLOAD // 1000} kB")
        try:
            text = decode_plain(raw)
        except InputError as exc:
            return error_page(request, 400, f"cannot read {label}: {exc}")
    if len(text.encode("utf-8", "surrogatepass")) > MAX_UPLOAD:
        return error_page(request, 413, f"the text is over the limit of {MAX_UPLOAD // 1000} kB")
    if not text.strip():
        return render(
            request,
            "analyze.html",
            status_code=400,
            title="Analyze",
            doc=None,
            text="",
            limit=MAX_UPLOAD,
            message="paste a text or choose a file",
        )
    from ..pipeline import analyze  # spaCy loads on the first analysis, not when the server starts

    with _one_at_a_time:
        document = analyze((text, label))
    doc = document.to_dict()
    if doc["error"]:
        return render(
            request,
            "analyze.html",
            status_code=422,
            title="Analyze",
            doc=None,
            text=text,
            limit=MAX_UPLOAD,
            message=doc["error"],
        )
    text_runs, quotes = article_view(doc)
    return render(
        request,
        "analyze.html",
        title="Analyze",
        doc=doc,
        runs=text_runs,
        quotes=quotes,
        provenance=document.provenance,
        text=text,
        limit=MAX_UPLOAD,
    )
