"""The pipeline: input -> clean -> metadata -> (spaCy) -> entities -> quotes -> Document.

`analyze_many` streams: inputs are read lazily, texts go through `nlp.pipe` in
batches, and batches go to an executor (this process, worker processes, or a
Dask cluster: executors.py) with only a bounded number in flight, so memory
stays flat however many documents come."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from functools import lru_cache, partial
from pathlib import Path
from typing import Any

from . import nlp as nlp_mod
from .budget import Budget, OverBudget, memory_limit, time_limit
from .document import Document, content_id
from .executors import make_executor
from .io import Input, InputError, from_text, read_source
from .io.html import extract_html
from .places import country_code
from .stages.clean import clean
from .stages.entities import link_entities
from .stages.metadata import extract_metadata, fill_from_hints
from .stages.quotes import extract_quotes

Item = str | Path | tuple[str, str] | Input
BATCH_SIZE = 16


def to_input(item: Item) -> Input:
    """A path (Path, or str naming an existing file / "-"), a (text, source) pair, or raw text."""
    if isinstance(item, Input):
        return item
    if isinstance(item, Path):
        return read_source(str(item))
    if isinstance(item, tuple):
        text, source = item
        return from_text(text, source)
    if isinstance(item, str):
        if item == "-" or ("\n" not in item and len(item) < 4096 and _is_file(item)):
            return read_source(item)
        return from_text(item)
    raise TypeError(f"cannot analyse {type(item).__name__}")


def _is_file(s: str) -> bool:
    try:
        return Path(s).is_file()
    except (OSError, ValueError):
        return False


def prepare(inp: Input) -> Document:
    """Stages that need no NLP: decode (done), HTML extraction, clean, metadata."""
    raw = inp.raw if inp.raw is not None else inp.source.encode("utf-8", "replace")
    doc = Document(id=content_id(raw), source=inp.source)
    if inp.error:
        doc.error = inp.error
        return doc
    try:
        text = inp.text or ""
        html_meta: dict = dict(inp.meta or {})  # a record's own metadata (io/records)
        has_title = True
        if inp.kind == "html":  # the page's own metadata first, a web archive's record's after
            text, page_meta = extract_html(text, url=html_meta.get("url"))
            html_meta = {**html_meta, **{k: v for k, v in page_meta.items() if v}}
        if inp.kind == "html" or html_meta:  # the first line is the title only when it is the title given
            first = text.strip().split("\n", 1)[0].strip()
            has_title = bool(html_meta.get("title")) and first.casefold() == html_meta["title"].strip().casefold()
        cleaned = clean(text, has_title=has_title, html=inp.kind == "html")
        if not cleaned.text.strip():
            raise InputError("no article text left after cleaning")
        if len(cleaned.text) > nlp_mod.MAX_CHARS:
            raise InputError(f"article too long ({len(cleaned.text):,} characters; limit {nlp_mod.MAX_CHARS:,})")
        meta = extract_metadata(cleaned, html_meta, inp.source)
        fill_from_hints(meta, inp.hints)  # a feed's title, date, author where the page has none
    except InputError as exc:
        doc.error = str(exc)
        return doc
    doc.title, doc.outlet, doc.authors, doc.translators = meta.title, meta.outlet, meta.authors, meta.translators
    doc.published, doc.language, doc.genre = meta.published, meta.language, meta.genre
    doc.text, doc.removed, doc.offset_map = cleaned.text, cleaned.removed, cleaned.offset_map
    doc.input_map = inp.input_map if inp.kind != "html" else []
    doc.provenance = meta.provenance
    if inp.meta and inp.kind != "html":  # what the metadata stage calls "html-meta" came with a record here
        doc.provenance = {k: "record" if v == "html-meta" else v for k, v in meta.provenance.items()}
    return doc


def finish(doc: Document, parsed) -> Document:
    """Stages over the parse: entities, then quotes."""
    try:
        started = time.perf_counter()
        entities, index = link_entities(parsed)
        doc.entities = entities
        middle = time.perf_counter()
        doc.quotes = extract_quotes(parsed, entities, index)
        doc.timings["entities"] = middle - started
        doc.timings["quotes"] = time.perf_counter() - middle
    except (OverBudget, MemoryError):
        raise  # the budget's own errors are reported by the caller
    except Exception as exc:  # a bug on one odd article must not kill the batch
        doc.error = f"analysis failed: {type(exc).__name__}: {exc}"
        doc.entities, doc.quotes = [], []
    return doc


def analyze_batch(items: list[Item], model: str | None = None, budget: Budget | None = None) -> list[Document]:
    """Read, clean, parse and analyse a batch; each document within the budget (see
    budget.py; by default the one the environment sets)."""
    nlp = nlp_mod.load(model)
    _warm_up(model)
    budget = budget or Budget.from_env()
    docs = [_prepare_within(budget, to_input(item)) for item in items]
    todo = [d for d in docs if d.error is None]
    with memory_limit(budget.megabytes):
        for doc, parsed in _parse_within(budget, nlp, todo):
            if parsed is not None:
                _, error = _run(budget, partial(finish, doc, parsed))
                if error:
                    doc.error, doc.entities, doc.quotes = error, [], []
    return docs


@lru_cache(maxsize=4)
def _warm_up(model: str | None) -> None:
    """One small article through every stage, once per process: what loads lazily (the
    attribution tagger, the language model, word lists) loads here, not on the budget
    of the first real document."""
    nlp = nlp_mod.load(model)
    country_code("Ukraine")  # rigour builds its territory index on the first lookup (seconds)
    text = (
        "Talks resume\n\nKYIV, March 3 (Reuters) - Ukraine's Ministry of Energy said on Monday that talks "
        'would resume. "We are ready," Olena Shevchenko told reporters.'
    )
    doc = prepare(to_input((text, "warm-up.txt")))
    for parsed in nlp_mod.parse(nlp, [doc.text], 1):
        finish(doc, parsed)


def _prepare_within(budget: Budget, inp: Input) -> Document:
    started = time.perf_counter()
    doc, error = _run(budget, partial(prepare, inp))
    if error:
        raw = inp.raw if inp.raw is not None else inp.source.encode("utf-8", "replace")
        return Document(id=content_id(raw), source=inp.source, error=error)
    doc.timings["clean+metadata"] = time.perf_counter() - started
    return doc


def _parse_within(budget: Budget, nlp, docs: list[Document]) -> list[tuple[Document, Any]]:
    """The batch parsed at once; if that goes over the budget, each document alone, so
    only the one that is too much for it gets the error."""
    started = time.perf_counter()
    whole, error = _run(budget, lambda: nlp_mod.parse(nlp, [d.text for d in docs], BATCH_SIZE), len(docs))
    if not error:
        # the batch is parsed at once: each document's share is its share of the characters
        seconds, chars = time.perf_counter() - started, sum(len(d.text) for d in docs) or 1
        for doc in docs:
            doc.timings["parse (spaCy, tagger)"] = seconds * len(doc.text) / chars
        return list(zip(docs, whole))
    parsed: list[tuple[Document, Any]] = []
    for doc in docs:
        one, error = _run(budget, partial(nlp_mod.parse, nlp, [doc.text], 1))
        if error:
            doc.error = error
        parsed.append((doc, None if error else one[0]))
    return parsed


def _run(budget: Budget, work: Callable[[], Any], documents: int = 1) -> tuple[Any, str | None]:
    """`work()` within the time budget of `documents` documents: (its result, None), or
    (None, the budget's error) when it ran out of time or of memory."""
    try:
        with time_limit(budget.seconds and budget.seconds * documents):
            return work(), None
    except OverBudget:
        return None, budget.time_error()
    except MemoryError:
        return None, budget.memory_error()


def _batches(items: Iterable[Item], size: int, read: bool = False) -> Iterator[list[Item]]:
    """`items` in lists of `size`; with `read`, each item read here (an `Input`), for
    workers that may not see this machine's files (a Dask cluster)."""
    batch: list[Item] = []
    for item in items:
        batch.append(to_input(item) if read else item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _init_worker(model: str | None) -> None:
    nlp_mod.load(model)
    nlp_mod.load_attribution_tagger()


def analyze_many(
    items: Iterable[Item],
    *,
    workers: int = 1,
    batch_size: int = BATCH_SIZE,
    model: str | None = None,
    on_document: Callable[[Document], None] | None = None,
    dask: Any = None,
) -> Iterator[Document]:
    """Analyse many articles, yielding Documents in input order (a generator).

    `items`: paths, raw texts, (text, source) pairs. `workers`: processes; `dask`:
    a Dask cluster instead ("local", "local:N", "tcp://HOST:PORT" or a
    `distributed.Client`; see executors.py). The output is identical either way."""
    # the budget is read here, where the CLI set it, and travels with the work (to a cluster too)
    budget = Budget.from_env()
    if dask is not None:
        # a Dask worker runs tasks in threads: an address-space limit would bind the whole
        # worker (and race between its threads); Dask's worker memory limit stands in
        budget = replace(budget, megabytes=None)
    work = partial(analyze_batch, model=model, budget=budget)
    with make_executor(workers, dask, partial(_init_worker, model)) as executor:
        for batch, result in executor.map(work, _batches(items, batch_size, read=dask is not None)):
            for doc in _settle(executor, work, batch, result):
                if on_document:
                    on_document(doc)
                yield doc


def _settle(executor: Any, work: Callable, batch: list[Item], result: Any) -> list[Document]:
    """A batch's documents; when the batch failed as a whole (a bug, a worker that died),
    each of its documents is tried alone, so only the one at fault gets the error."""
    if not isinstance(result, BaseException):
        return result
    if len(batch) == 1:
        inp = to_input(batch[0])
        raw = inp.raw if inp.raw is not None else inp.source.encode("utf-8", "replace")
        return [Document(id=content_id(raw), source=inp.source, error=f"analysis failed: {_describe(result)}")]
    return [
        doc
        for one, alone in executor.map(work, [[item] for item in batch])
        for doc in _settle(executor, work, one, alone)
    ]


def _describe(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__


def analyze(text_or_path: Item, *, model: str | None = None) -> Document:
    """Analyse one article: raw text, a path, or a (text, source) pair."""
    return analyze_batch([text_or_path], model)[0]
