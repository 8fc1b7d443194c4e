"""Quotes from the attribution tagger: the trained model's spans where the rules found none.

Input: the tagger's SOURCE / CUE / CONTENT spans over the doc's tokens
(`presswatch.nlp.attribution_spans`; empty when the tagger did not run) and
the text the rules have already claimed. Output, through the extractor: an
indirect or mixed quote for each CONTENT span the rules left free, with the
nearest CUE in its sentence and a speaker resolved like a subject, marked
origin "model" with a confidence that is high only for a speech act
(speech_act.py, confidence.py); a rule quote the tagger's content falls on
is marked origin "both". The direct pass also asks here for a SOURCE right beside a quote it could not
attribute (`tagged_source_near`)."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from ...document import Quote, Speaker
from ...nlp.extensions import attribution_spans
from .clauses import dangling
from .confidence import DEFAULT_MIN_CONFIDENCE, confidence
from .cues import medium_of, subject_of
from .extractor import QuoteExtractor
from .scanner import SENTENCE_END_RE
from .speech_act import saying_cue, speech_act_problem

# A content span mostly inside quotes the rules found is theirs, not the tagger's.
MAX_CLAIMED_SHARE = 0.3


def add_tagger_attributions(ex: QuoteExtractor) -> None:
    """Quotes from the tagger's CONTENT spans that no rule covered, each with the
    nearest CUE and SOURCE the tagger marked in the same sentence."""
    spans = attribution_spans(ex.doc)
    if not spans:
        return
    cues = [ex.doc[s:e] for s, e, label in spans if label == "CUE"]
    sources = [ex.doc[s:e] for s, e, label in spans if label == "SOURCE"]
    for s, e, label in spans:
        if label != "CONTENT":
            continue
        quote = _attribution(ex, _trim(ex.doc[s:e]), cues, sources)
        if quote is not None:
            ex.add(quote)
            if quote.confidence >= DEFAULT_MIN_CONFIDENCE:  # a speech act: its speaker may be a later "he"
                ex.note_speaker(quote.speaker)


def tagged_source_near(doc: Doc, span: Span, para_start: int, para_end: int) -> Span | None:
    """A SOURCE span the tagger marked within a few words of a quote, in its paragraph."""
    best = None
    for s, e, label in attribution_spans(doc):
        if label != "SOURCE":
            continue
        src = doc[s:e]
        if not (para_start <= src.start_char and src.end_char <= para_end):
            continue
        gap = src.start - span.end if s >= span.end else span.start - e if e <= span.start else None
        if gap is not None and gap <= 6 and (best is None or gap < best[0]):
            best = (gap, src)
    return best[1] if best else None


def _trim(content: Span) -> Span:
    """The content without trailing punctuation (a closing quotation mark stays),
    space, or a dangling 'and'."""
    while len(content) > 1 and (
        (content[-1].is_punct and content[-1].text not in "\"”»'’") or content[-1].is_space or dangling(content[-1])
    ):
        content = content[:-1]
    return content


def _attribution(ex: QuoteExtractor, content: Span, cues: list[Span], sources: list[Span]) -> Quote | None:
    """The quote a CONTENT span makes, or None when the rules claimed it (the
    rule's quote is then marked as found by both), the tagger marked no cue that
    can vouch for it, or it is not a speech act (speech_act.py)."""
    if len([t for t in content if not t.is_punct]) < 2:
        return None
    c_start, c_end = content.start_char, content.end_char
    if _claimed_by_rules(ex, c_start, c_end):
        return None
    sent_lo, sent_hi = content.sent.start, content[-1].sent.end

    def in_sentence(spans: list[Span]) -> list[Span]:
        return [x for x in spans if sent_lo <= x.start and x.end <= sent_hi]

    # a cue outside the content first ("said [the players dreamed of ...]"), then the
    # nearest, but one across a sentence end ('... .” He also said') only as a fallback
    cue = min(
        in_sentence(cues),
        key=lambda c: (
            content.start <= c.start < content.end,
            _sentence_between(ex.text, c, content),
            min(abs(c.start - content.end), abs(c.end - content.start)),
        ),
        default=None,
    )
    if cue is None:
        return None  # no reporting phrase: not an attribution we can vouch for
    # a source inside the content is a name the words mention, not who says them
    source = min(
        (x for x in in_sentence(sources) if x.end <= content.start or x.start >= content.end),
        key=lambda x: min(abs(x.start - cue.end), abs(x.end - cue.start)),
        default=None,
    )
    verb = saying_cue(cue) or next((t for t in cue if t.pos_ in ("VERB", "AUX")), cue.root)
    subj = subject_of(verb)
    if subj is not None and content.start <= subj.i < content.end:
        subj = None  # a subject inside the content is not the speaker
    if subj is not None and subj.lower_ in ("i", "we") and not any(qs <= subj.idx < qe for qs, qe in ex.quote_spans):
        return None  # the writer's own view ("I tell myself that ..."), as in the rules
    speaker = _speaker(ex, verb, subj, source)
    head = subj if subj is not None else source.root if source is not None else None
    problem = speech_act_problem(cue, verb, speaker, head, content, ex.speakers.entity_types)
    quote = Quote(
        kind=ex.quote_kind(c_start, c_end, margin=1),
        content=ex.text[c_start:c_end],
        start=c_start,
        end=c_end,
        speaker=speaker,
        cue=ex.text[cue.start_char : cue.end_char],
        medium=medium_of(verb),
        origin="model",
    )
    quote.confidence = confidence(quote, problem)
    return quote


def _claimed_by_rules(ex: QuoteExtractor, c_start: int, c_end: int) -> bool:
    """The content lies mostly inside quotes the rules found: theirs, not the
    tagger's. The rule quote it overlaps most is then marked as found by both."""
    overlaps = [
        (min(c_end, q.end) - max(c_start, q.start), q) for _, q in ex.found if q.start < c_end and c_start < q.end
    ]
    overlap = sum(min(c_end, qe) - max(c_start, qs) for qs, qe in ex.covered if qs < c_end and c_start < qe)
    if overlap <= MAX_CLAIMED_SHARE * (c_end - c_start):
        return False
    if overlaps:
        _, quote = max(overlaps, key=lambda x: x[0])
        if quote.origin == "rule":
            quote.origin = "both"
    return True


def _speaker(ex: QuoteExtractor, verb: Token, subj: Token | None, source: Span | None) -> Speaker | None:
    """The cue's subject, else the nearest tagged SOURCE, else a name beside the cue."""
    speaker = ex.speakers.from_subject(subj) if subj is not None else None
    if speaker is None and source is not None:
        speaker = ex.speakers.from_span(source)
    if speaker is None:
        speaker = ex.speakers.entity_next_to(verb)
    return speaker


def _sentence_between(text: str, a: Span, b: Span) -> bool:
    """A sentence ends in the text between two spans of the same doc."""
    lo, hi = (a.end_char, b.start_char) if a.end_char <= b.start_char else (b.end_char, a.start_char)
    return bool(SENTENCE_END_RE.search(text, lo, hi)) if lo < hi else False
