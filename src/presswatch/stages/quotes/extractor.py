"""The quote extractor: one article's shared state while the passes find its quotes.

Input: the parsed `Doc`, the article's entities and mention index. It holds
what every pass reads (the text, the quotation-mark spans, which tokens lie
inside them, the speaker resolver) and what they build together (the quotes
found so far, the text they claim, the cues already used), so a pass takes
the extractor instead of a dozen parameters. Output: `quotes()`, in text order.

The passes themselves live beside it (interview, direct, indirect, tagger)
and run in the order `extract_quotes` in `__init__.py` gives."""

from __future__ import annotations

from bisect import bisect_right

from spacy.tokens import Doc, Span, Token

from ...document import Entity, Quote, Speaker
from ...nlp.extensions import original_text
from .cues import is_cue
from .scanner import Segment, scan_quotations
from .speakers import SpeakerResolver

Bounds = tuple[int, int]  # character offsets (start, end)


class QuoteExtractor:
    """One article's quotes in the making. Created once per document."""

    def __init__(self, doc: Doc, entities: list[Entity], index: dict[tuple[int, int], str]):
        self.doc = doc
        self.text = original_text(doc)
        self.quotations: list[list[Segment]] = scan_quotations(self.text)
        # where each quotation starts and ends (a quote over paragraphs is one span)
        self.quote_spans: list[Bounds] = [(q[0].start, q[-1].end) for q in self.quotations]
        self.speakers = SpeakerResolver(doc, entities, index, self.quote_spans)
        self._quoted = _quoted_tokens(doc, self.quote_spans)
        self.found: list[tuple[int, Quote]] = []  # (position to sort by, quote)
        # text no later pass may report again: the quotes kept, and the
        # clauses of quotes that were folded into a longer report
        self.covered: list[Bounds] = []
        self.used_cues: set[int] = set()  # token index of each cue a quote took
        # per sentence (by its first token), worked out once: a sentence with thousands of
        # quotation marks must not be walked again for each of them
        self._sentence_starts = [sent.start for sent in doc.sents]
        self._sentence_cues: dict[int, list[Token]] = {}

    def quotes(self) -> list[Quote]:
        """Every quote found, in text order."""
        self.found.sort(key=lambda x: x[0])
        return [q for _, q in self.found]

    def inside_quote(self, tok: Token) -> bool:
        """The token lies inside quotation marks."""
        return self._quoted[tok.i] == 1

    def sentence_of(self, tok: Token) -> Span:
        """The token's sentence (spaCy's `tok.sent` walks the sentence on every call)."""
        i = bisect_right(self._sentence_starts, tok.i) - 1
        end = self._sentence_starts[i + 1] if i + 1 < len(self._sentence_starts) else len(self.doc)
        return self.doc[self._sentence_starts[i] : end]

    def sentence_cues(self, sent: Span) -> list[Token]:
        """The reporting verbs outside quotation marks in a sentence (cached per sentence)."""
        cues = self._sentence_cues.get(sent.start)
        if cues is None:
            cues = self._sentence_cues[sent.start] = [t for t in sent if not self.inside_quote(t) and is_cue(t)]
        return cues

    def claim_found(self) -> None:
        """Claim the text of the quotes found so far (the direct quotes, once their
        turns are joined): later passes report only what these leave free."""
        self.covered = [(q.start, q.end) for _, q in self.found]

    def overlaps(self, s: int, e: int) -> bool:
        """[s, e) overlaps text a quote has claimed."""
        return any(s < qe and qs < e for qs, qe in self.covered)

    def free(self, bounds: Bounds) -> bool:
        """A reported clause no quote has claimed (one that wraps a quote is fine: mixed)."""
        return not self.overlaps(*bounds) or any(bounds[0] <= qs and qe <= bounds[1] for qs, qe in self.covered)

    def add(self, quote: Quote) -> None:
        """Keep a quote and claim its text."""
        self.found.append((quote.start, quote))
        self.covered.append((quote.start, quote.end))

    def drop_within(self, lo: int, hi: int) -> None:
        """Forget the quotes lying within [lo, hi]: a longer report takes them in."""
        self.found[:] = [(p, q) for p, q in self.found if not (lo <= q.start and q.end <= hi)]

    def speaker_outside_quotations(self, quote: Quote) -> None:
        """A speaker is never a fragment of a quotation: a described speaker that
        starts or ends inside quotation marks becomes the person or body named
        before them ('Retiree Jo Blake, who lost 7 kg "and a dress size" ..., says'
        is Jo Blake), else no speaker. A quotation wholly inside the description
        (the "new normal" group) and a named entity's own mention are left as they are."""
        sp = quote.speaker
        if sp is None or sp.entity is not None:
            return
        inside = [
            qs for qs, qe in self.quote_spans if sp.start < qe and qs < sp.end and not sp.start <= qs < qe <= sp.end
        ]
        if inside:
            quote.speaker = self.speakers.name_between(sp.start, min(inside))

    def note_speaker(self, speaker: Speaker | None) -> None:
        """A named speaker of a kept quote: a likelier antecedent for a later "he"/"she"."""
        if speaker is not None and speaker.entity:
            self.speakers.speaker_mentions.add((speaker.start, speaker.entity))

    def quote_kind(self, s: int, e: int, margin: int = 0) -> str:
        """'mixed' when quotation marks lie within [s - margin, e + margin], else 'indirect'."""
        inner = any(s - margin <= qs and qe <= e + margin for qs, qe in self.quote_spans)
        return "mixed" if inner else "indirect"


def _quoted_tokens(doc: Doc, quote_spans: list[Bounds]) -> bytearray:
    """1 for each token inside quotation marks, computed once."""
    quoted = bytearray(len(doc))
    for qs, qe in quote_spans:
        span = doc.char_span(qs, qe, alignment_mode="expand")
        if span is not None:
            quoted[span.start : span.end] = b"\x01" * len(span)
    return quoted
