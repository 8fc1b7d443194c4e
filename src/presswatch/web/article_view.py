"""The article page's text: the clean text cut into runs, each run marked as part of
a quote (in its speaker's colour), a speaker, a cue or an entity mention.

Input: a stored document (`corpus.queries.documents.document`: text, entities,
quotes with offsets). Output: `Run`s the template writes out in order, and the
quotes with their colour number, cue offsets and speaker's corpus id."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

PALETTE = 8  # colours .spk-0 … .spk-7 in the stylesheet; an article's speakers take them in order
CUE_WINDOW = 200  # characters around a quote and its speaker where its cue is looked for


@dataclass
class Mark:
    start: int
    end: int
    kind: str  # 'quote' | 'speaker' | 'cue' | 'mention'
    colour: int | None = None
    quote: int | None = None  # the quote's number in the article
    entity: str | None = None  # corpus entity id (links)


@dataclass
class Run:
    text: str
    marks: list[Mark] = field(default_factory=list)

    @property
    def classes(self) -> str:
        names = []
        for m in self.marks:
            names.append(m.kind)
            if m.colour is not None:
                names.append(f"spk-{m.colour}")
        return " ".join(dict.fromkeys(names))

    @property
    def link(self) -> str | None:
        """The dossier this run links to: its speaker's, else its mention's entity."""
        for kind in ("speaker", "mention"):
            for m in self.marks:
                if m.kind == kind and m.entity:
                    return m.entity
        return None

    @property
    def quote(self) -> int | None:
        return next((m.quote for m in self.marks if m.quote is not None), None)


def speaker_key(quote: dict) -> str | None:
    sp = quote.get("speaker")
    if not sp:
        return None
    return sp.get("corpus_id") or sp.get("entity") or sp.get("name")


def colour_quotes(quotes: list[dict], numbers: list[int] | None = None) -> list[dict]:
    """The quotes, each with `colour` (its speaker's, in order of first appearance;
    None when it has no speaker) and `n` (its stored number, from `numbers` when
    given, else its place) added."""
    colours: dict[str, int] = {}
    out = []
    for i, q in enumerate(quotes):
        n = numbers[i] if numbers is not None and i < len(numbers) else i
        key = speaker_key(q)
        colour = None
        if key is not None:
            colour = colours.setdefault(key, len(colours) % PALETTE)
        out.append(q | {"n": n, "colour": colour})
    return out


def find_cue(text: str, quote: dict) -> tuple[int, int] | None:
    """Where the quote's cue is written. The store keeps the cue's words, not its offsets,
    so it is the occurrence nearest the speaker (else the quote) outside the quoted words."""
    cue = quote.get("cue")
    if not cue:
        return None
    sp = quote.get("speaker") or {}
    anchor = sp.get("start") if sp.get("start") is not None else quote["start"]
    lo = max(0, min(quote["start"], anchor) - CUE_WINDOW)
    hi = min(len(text), max(quote["end"], sp.get("end") or 0) + CUE_WINDOW)
    parts = [(p["start"], p["end"]) for p in quote.get("parts") or [{"start": quote["start"], "end": quote["end"]}]]
    best = None
    for m in re.finditer(r"(?<!\w)" + re.escape(cue) + r"(?!\w)", text[lo:hi], re.IGNORECASE):
        s, e = lo + m.start(), lo + m.end()
        if any(s < pe and e > ps for ps, pe in parts):
            continue
        dist = abs(s - anchor)
        if best is None or dist < best[0]:
            best = (dist, s, e)
    return (best[1], best[2]) if best else None


def marks_of(doc: dict, quotes: list[dict]) -> list[Mark]:
    """Every mark of the article: quote parts, speakers, cues, entity mentions."""
    marks: list[Mark] = []
    for q in quotes:
        for p in q.get("parts") or [{"start": q["start"], "end": q["end"]}]:
            marks.append(Mark(p["start"], p["end"], "quote", q["colour"], q["n"]))
        sp = q.get("speaker")
        if sp and sp.get("start") is not None and sp.get("end") is not None:
            marks.append(Mark(sp["start"], sp["end"], "speaker", q["colour"], q["n"], sp.get("corpus_id")))
        if q.get("cue_span"):
            s, e = q["cue_span"]
            marks.append(Mark(s, e, "cue", None, q["n"]))
    for ent in doc.get("entities", []):
        for m in ent.get("mentions", []):
            marks.append(Mark(m["start"], m["end"], "mention", entity=ent.get("corpus_id")))
    return marks


def runs(text: str, marks: list[Mark]) -> list[Run]:
    """The text cut at every mark's edge; each run carries the marks covering it."""
    cuts = {0, len(text)}
    for m in marks:
        if 0 <= m.start < m.end <= len(text):
            cuts.update((m.start, m.end))
    edges = sorted(cuts)
    out = []
    for a, b in itertools.pairwise(edges):
        if a == b:
            continue
        covering = [m for m in marks if m.start <= a and b <= m.end]
        out.append(Run(text[a:b], covering))
    return out


def article_view(doc: dict, numbers: list[int] | None = None) -> tuple[list[Run], list[dict]]:
    """The runs of `doc`'s text and its quotes (with colour, number and cue span);
    `numbers`: the quotes' stored numbers (`queries.quote_refs.quote_numbers`)."""
    quotes = colour_quotes(doc.get("quotes", []), numbers)
    for q in quotes:
        q["cue_span"] = find_cue(doc["text"], q)
    return runs(doc["text"], marks_of(doc, quotes)), quotes
