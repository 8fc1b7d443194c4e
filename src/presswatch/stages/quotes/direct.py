"""Direct quotes: each quotation the scanner found, with its cue and speaker.

Input: the extractor (its scanned quotations, the parse, the speaker
resolver). Output, through the extractor: a direct quote for each quotation
that is someone's speech, or a mixed one when it opens inside the writer's
own sentence ('Kavaliou was suspected of "negligence"'). Scare quotes,
titles and quoted terms are left out.

The cue is the nearest reporting verb outside quotation marks in the
quotation's sentences (one in a later sentence only as a fallback), or the
verb of a clause ending in a colon before it; the speaker is the cue's
subject, else a name beside the quote ('"..." — Ann Lee', 'Pollster Ann
Lee: "..."'), else a SOURCE the tagger marked. A quotation with neither
goes on the turn before it ('"...," he added. "..."'), and the turns of one
speech act are joined into one quote.

A quotation inside a cue's reported clause is a fragment: kept aside for
the indirect pass, which makes it part of a mixed quote (`add_fragments`
keeps those that pass left alone)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Span, Token

from ... import lexicon
from ...document import Part, Quote, Speaker, trimmed_part
from .cues import according_to, cue_text, is_cue, medium_of, subject_of
from .extractor import QuoteExtractor
from .interview import Answer
from .scanner import SENTENCE_END_RE, Segment
from .speakers import PRONOUNS
from .tagger import tagged_source_near

ADDRESSEE_VERBS = lexicon.words("addressee_verbs")
# what may close a quotation's lead-in without being part of the sentence's words
LEAD_ENDINGS = (":", ",", "—", "–", "-")
QUOTE_MARKS = "\"“”«»„'‘’"


@dataclass
class Quotation:
    """One scanned quotation and where it sits."""

    segs: list[Segment]
    content: str  # its segments joined by spaces
    span: Span  # its tokens
    para_start: int  # start of the paragraph it opens in
    start_para_end: int  # end of the paragraph it opens in
    para_end: int  # end of the paragraph it ends in
    text: str  # the article's text

    def words(self) -> tuple[list[Part], str]:
        """The quoted words: one part per paragraph of the quotation, without the
        whitespace around it, and their text joined by spaces."""
        parts = [p for s in self.segs if (p := trimmed_part(self.text, s.start, s.end)) is not None]
        if not parts:
            parts = [Part(self.start, self.end)]
        return parts, " ".join(self.text[p.start : p.end] for p in parts)

    @property
    def start(self) -> int:
        return self.segs[0].start

    @property
    def end(self) -> int:
        return self.segs[-1].end

    @property
    def n_words(self) -> int:
        return len(self.content.split())


def add_direct_quotes(ex: QuoteExtractor, answers: list[Answer]) -> list[Quote]:
    """Keep a quote for each quotation outside the interview's answers;
    return the fragments of reported speech kept aside."""
    direct = DirectQuotes(ex)
    for segs in ex.quotations:
        if any(a.start <= segs[0].start < a.end for a in answers):
            continue
        q = _place(ex, segs)
        if q is not None:
            direct.add(q)
    return direct.fragments


def add_fragments(ex: QuoteExtractor, fragments: list[Quote]) -> None:
    """The fragments no quote took in, as direct quotes of their own."""
    for quote in fragments:
        if not any(q.start <= quote.start and quote.end <= q.end for _, q in ex.found):
            ex.add(quote)


def _cut_off(text: str, segs: list[Segment]) -> bool:
    """A quotation the article breaks off in: never closed, running to the end of the
    text and not ending a sentence (a page cut short by a failed download). Without a
    cue or a speaker, nothing says its words were said: it is not taken for a quote."""
    tail = text[segs[-1].end :]
    return not tail.strip() and not re.search(r"[.!?…]\s*$", text[segs[-1].start : segs[-1].end])


def _place(ex: QuoteExtractor, segs: list[Segment]) -> Quotation | None:
    text = ex.text
    start, end = segs[0].start, segs[-1].end
    span = ex.doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    para_end = text.find("\n", end)
    start_para_end = text.find("\n", start)
    return Quotation(
        segs=segs,
        content=" ".join(text[s.start : s.end] for s in segs),
        span=span,
        para_start=text.rfind("\n", 0, start) + 1,
        start_para_end=len(text) if start_para_end == -1 else start_para_end,
        para_end=len(text) if para_end == -1 else para_end,
        text=text,
    )


class DirectQuotes:
    """The direct pass, quotation by quotation in text order; it remembers the
    last quote kept, which a quotation without cue or speaker may continue."""

    def __init__(self, ex: QuoteExtractor):
        self.ex = ex
        self.fragments: list[Quote] = []
        self.prev_speaker: Speaker | None = None
        self.prev_cue: Token | None = None
        self.prev_quote: Quote | None = None
        self.prev_para_end = -1

    def add(self, q: Quotation) -> None:
        ex = self.ex
        cue, speaker = _cue_and_speaker(ex, q)
        continuation = False
        if speaker is None and cue is None and self.prev_speaker is not None:
            # a turn continuing ("...," he added. "...") keeps its speaker and cue,
            # in the same paragraph or as the whole next paragraph
            same_para = self.prev_para_end == q.start_para_end
            next_para = (
                q.start <= q.para_start + 1 and q.para_start - self.prev_para_end <= 3 and q.end >= q.para_end - 2
            )
            if same_para or next_para:
                speaker, cue = self.prev_speaker, (self.prev_cue if same_para else None)
                continuation = same_para  # the next paragraph's turn stays a quote of its own
        if (
            cue is not None
            and self.prev_cue is not None
            and cue.i == self.prev_cue.i
            and self.prev_para_end == q.start_para_end
        ):
            continuation = True  # '"A," he said. "B."': the lead's verb already reported A
        if not _is_speech(ex, q, cue, speaker) or (cue is None and speaker is None and _cut_off(ex.text, q.segs)):
            return
        if cue is not None and _quote_inside_clause(cue, q.start, q.end):
            # a fragment of reported speech: the indirect pass makes it a mixed
            # quote; kept aside in case the parse gives that pass nothing to hold
            if _opens_sentence(ex.text, q) and q.n_words >= 6:
                self.fragments.append(_quote(q, "direct", speaker, cue, medium_of(cue)))
            return
        if cue is not None:
            ex.used_cues.add(cue.i)
        ex.note_speaker(speaker)
        if not self._joined(q, speaker, continuation):
            self._keep(q, speaker, cue)

    def _joined(self, q: Quotation, speaker: Speaker | None, continuation: bool) -> bool:
        """Join the quotation to the quote before it when both are one sentence or one speech act."""
        found = self.ex.found
        if found and speaker is None and q.content[:1].islower() and self.prev_para_end == q.start_para_end:
            _, last = found[-1]
            if (
                last.kind == "direct"
                and last.end < q.start
                and q.start - last.end <= 120
                and re.search(r"[,–—]\s*$", last.content)
            ):
                # '"Every time you say that," Tester said, "you give ammunition..."' is one sentence
                last.join(*q.words(), " ")
                return True
        prev = self.prev_quote
        if continuation and found and prev is not None and found[-1][1] is prev and prev.end < q.start:
            # one speech act, one quote (PolNeAR's unit too): the cue between the turns is elided
            prev.join(*q.words(), " … ")
            self.prev_para_end = q.para_end
            return True
        return False

    def _keep(self, q: Quotation, speaker: Speaker | None, cue: Token | None) -> None:
        ex = self.ex
        medium = medium_of(cue) if cue is not None else None
        if medium is None:
            acc = according_to(t for t in ex.doc[q.span.start].sent if not ex.inside_quote(t))
            if acc:
                medium = ex.doc[acc[0].i : acc[1].right_edge.i + 1].text
        kind = "direct"
        if cue is not None and _embedded(ex, q.start, cue, speaker):
            kind = "mixed"  # a quoted fragment inside the writer's own sentence
        self.prev_quote = _quote(q, kind, speaker, cue, medium)
        ex.found.append((q.start, self.prev_quote))
        self.prev_speaker, self.prev_cue = speaker, cue
        self.prev_para_end = q.para_end


def _quote(q: Quotation, kind: str, speaker: Speaker | None, cue: Token | None, medium: str | None) -> Quote:
    parts, content = q.words()
    return Quote(
        kind=kind,
        content=content,
        start=parts[0].start,
        end=parts[-1].end,
        speaker=speaker,
        cue=cue_text(cue),
        medium=medium,
        parts=parts,
    )


# ---- cue and speaker --------------------------------------------------------------------
def _cue_and_speaker(ex: QuoteExtractor, q: Quotation) -> tuple[Token | None, Speaker | None]:
    """The quotation's cue and speaker, each None when the text does not say."""
    cue, speaker = _first_cue_with_speaker(ex, _candidate_cues(ex, q))
    if cue is not None and speaker is not None and speaker.entity:
        cue, speaker = _outer_report(ex, cue, speaker)
    if cue is None:
        cue, speaker = _cue_before(ex, q)
    if speaker is None:
        speaker = _speaker_beside(ex, q, cue)
    return cue, speaker


def _candidate_cues(ex: QuoteExtractor, q: Quotation) -> list[Token]:
    """Reporting verbs outside any quotation in the quotation's paragraphs, nearest first."""
    doc, text, span, start, end = ex.doc, ex.text, q.span, q.start, q.end
    # the sentences touching the quote, plus the words right around it (the
    # parser may cut '...?" Graham asked.' off)
    sents = {ex.sentence_of(t) for t in (doc[span.start], doc[max(span.end - 1, span.start)])}
    near = {
        t for t in doc[max(span.start - 8, 0) : min(span.end + 8, len(doc))] if not ex.inside_quote(t) and is_cue(t)
    }
    cues = [
        tok
        for tok in {t for sent in sents for t in ex.sentence_cues(sent)} | near
        if q.para_start <= tok.idx < q.para_end and tok.i not in ex.used_cues
    ]
    # nearest first, but a cue in another sentence ('"... leader." He also said')
    # only when the quote's own sentence has none
    after_ends = bool(re.match(r"[\"”’»']*\s+[A-Z]", text[end + 1 : end + 6])) and q.content.rstrip().endswith(
        (".", "?", "!")
    )
    cues.sort(
        key=lambda t: (
            (t.idx >= end and after_ends)
            or (t.idx < start and bool(SENTENCE_END_RE.search(text, t.idx, max(t.idx, start - 1)))),
            min(abs(t.i - span.start), abs(t.i - span.end)),
        )
    )
    # 'Trump went even further: "..."': the clause that ends in a colon right
    # before the quote introduces it, whatever its verb and whatever comes after
    intro = _colon_intro(ex, start, q.para_start)
    # ...unless the quote's own '"...," he claimed' follows it in the same sentence
    if intro is None or any(
        t.idx >= end and subject_of(t) is not None and not SENTENCE_END_RE.search(text, end + 1, t.idx) for t in cues
    ):
        return cues
    subj = subject_of(intro)
    cand = ex.speakers.from_subject(subj) if subj is not None else None
    if cand is not None and subj is not None and (is_cue(intro) or cand.entity or subj.lower_ in PRONOUNS):
        cues = [intro] + [t for t in cues if t.i != intro.i]
    return cues


def _first_cue_with_speaker(ex: QuoteExtractor, cues: list[Token]) -> tuple[Token | None, Speaker | None]:
    """The first cue whose speaker resolves; else the first cue, with no speaker."""
    cue = None
    for tok in cues:
        subj = subject_of(tok)
        if subj is not None and subj.dep_ == "nsubjpass" and tok.lemma_.lower() in ADDRESSEE_VERBS:
            # 'Blumenthal was asked, "...?"': he is asked; who asks is not said
            return cue or tok, None
        cand = ex.speakers.from_subject(subj) if subj is not None else ex.speakers.entity_next_to(tok)
        if cand is not None:
            return tok, cand
        if cue is None:
            cue = tok
    return cue, None


def _outer_report(ex: QuoteExtractor, cue: Token, speaker: Speaker) -> tuple[Token, Speaker]:
    """'Lee has said that while she fears X, "..."': the verb inside the report is not
    the cue when the verb that reports it has the same speaker."""
    for anc in cue.ancestors:
        if anc.i < cue.i and not ex.inside_quote(anc) and is_cue(anc) and anc.i not in ex.used_cues:
            subj = subject_of(anc)
            if subj is None:
                continue
            outer = ex.speakers.from_subject(subj)
            if outer is not None and outer.entity == speaker.entity:
                return anc, outer
            break
    return cue, speaker


def _cue_before(ex: QuoteExtractor, q: Quotation) -> tuple[Token | None, Speaker | None]:
    """ "X told reporters:" ending the words before the quote in its paragraph, or
    the paragraph before when the quote opens its own."""
    doc = ex.doc
    para_start, start = q.para_start, q.start
    lead = doc.char_span(para_start, start, alignment_mode="contract") if start > para_start else None
    candidates = []
    speaker = None
    if lead is not None:
        candidates = [t for t in lead if is_cue(t) and not ex.inside_quote(t)]
    # (start is past the opening mark, so a quote opening its paragraph starts one in)
    if not candidates and start <= para_start + 1 and para_start >= 2:
        candidates, speaker = _colon_paragraph_before(ex, para_start)
    for tok in reversed(candidates):
        subj = subject_of(tok)
        cand = ex.speakers.from_subject(subj) if subj is not None else None
        if cand is not None:
            return tok, cand
    return None, speaker


def _colon_paragraph_before(ex: QuoteExtractor, para_start: int) -> tuple[list[Token], Speaker | None]:
    """The cues of a paragraph ending in a colon just before the quote's, or, with
    none, the name such a short paragraph ends with ('Pollster Ann Lee:')."""
    text = ex.text
    prev_end = len(text[:para_start].rstrip())
    prev_para = text.rfind("\n", 0, prev_end) + 1
    if not text[:prev_end].endswith(":"):
        return [], None
    pl = ex.doc.char_span(prev_para, prev_end, alignment_mode="contract")
    if pl is None:
        return [], None
    candidates = [t for t in pl if is_cue(t) and not ex.inside_quote(t)]
    # 'Jared Potts echoed:' as a paragraph of its own: its last verb with a subject
    intro = _colon_intro(ex, prev_end + 1, prev_para)
    if intro is not None and intro not in candidates:
        candidates.append(intro)
    if candidates:
        return candidates, None
    who = ex.speakers.entity_in(prev_para, prev_end - 1, types=("PERSON", "ORG", "MEDIA"))
    if who is not None and who[1] >= prev_end - 2 and len(text[prev_para:prev_end].split()) <= 6:
        return [], ex.speakers.named(*who)
    return [], None


def _speaker_beside(ex: QuoteExtractor, q: Quotation, cue: Token | None) -> Speaker | None:
    """A speaker named beside the quote when the cue gave none."""
    text, end = ex.text, q.end
    # "..." — Name
    m = re.match(r"^[\"”»“'’]?\s*[—–-]{1,2}\s*", text[end : q.para_end])
    if m:
        ent = ex.speakers.entity_in(end + m.end(), q.para_end, types=("PERSON",))
        if ent and ent[0] == end + m.end():
            return ex.speakers.named(*ent)
    # '"...," Texas delegate Bill Eastland, wearing a cowboy hat, said': the parse
    # lost the subject, but what stands between the quote and its cue is the subject
    if cue is not None:
        if cue.idx > end and not SENTENCE_END_RE.search(text, end + 1, cue.idx):
            return ex.speakers.name_between(end + 1, cue.idx)
        return None
    # 'Republican pollster Daron Shaw: "..."': a name right before a colon introduces the quote
    lead = text[q.para_start : max(q.start - 1, q.para_start)].rstrip()
    if lead.endswith(":"):
        speaker = ex.speakers.name_between(q.para_start, q.para_start + len(lead) - 1, at_end=True)
        if speaker is not None:
            return speaker
    # the tagger's SOURCE right beside the quote, when the parse gave no cue
    tagged = tagged_source_near(ex.doc, q.span, q.para_start, q.para_end)
    return ex.speakers.from_span(tagged) if tagged is not None else None


def _colon_intro(ex: QuoteExtractor, start: int, para_start: int) -> Token | None:
    """The verb of the clause ending in a colon just before a quote opening at `start`."""
    doc = ex.doc
    lead = ex.text[para_start : max(start - 1, para_start)].rstrip()
    if not lead.endswith(":"):
        return None
    colon = doc.char_span(para_start + len(lead) - 1, para_start + len(lead), alignment_mode="expand")
    if colon is None or colon[0].text != ":":
        return None
    # the parser often hangs the colon on the quote's own verb: take the last verb
    # before it that has a subject
    for tok in reversed(doc[colon[0].sent.start : colon[0].i]):
        if tok.idx < para_start:
            break
        if tok.pos_ in ("VERB", "AUX") and not ex.inside_quote(tok) and subject_of(tok) is not None:
            # 'Trump asserted that France had lost its identity: "..."': the verb that
            # reports the clause introduces the quote, not the clause's own verb
            while (
                tok.dep_ == "ccomp"
                and is_cue(tok.head)
                and subject_of(tok.head) is not None
                and tok.head.idx >= para_start
            ):
                tok = tok.head
            return tok
    return None


# ---- speech, or quoted words --------------------------------------------------------------
def _is_speech(ex: QuoteExtractor, q: Quotation, cue: Token | None, speaker: Speaker | None) -> bool:
    """Not scare quotes, a title or a quoted term: those are short, have no cue,
    and are not a sentence."""
    content, n_words = q.content, q.n_words
    sentence_like = bool(re.search(r"[.!?,…]$", content.strip())) or (content[:1].isupper() and n_words >= 6)
    whole_para = q.start <= q.para_start + 1 and q.end >= q.para_end - 2
    if cue is None and speaker is None and (n_words < 5 or not (sentence_like or whole_para)):
        return False
    if n_words < 4 and not sentence_like:
        return False
    if n_words < 5 and not _opens_clause(ex.text, q.start, q.para_start):
        return False  # "deplorables," "true," "sex tape": quoted words inside the writer's sentence
    caps = sum(1 for w in content.split() if w[:1].isupper())
    # a title: "The Truth About Those Who Left"
    return not (cue is None and not sentence_like and caps / max(n_words, 1) >= 0.7)


def _opens_clause(text: str, start: int, para_start: int) -> bool:
    """The quote starts a paragraph, a sentence, or follows a colon or a dash."""
    if start <= para_start + 1:
        return True
    before = text[max(para_start, start - 6) : start - 1].rstrip()
    return not before or before[-1] in '.!?:—–-"”»'


def _opens_sentence(text: str, q: Quotation) -> bool:
    """The quote opens its paragraph or follows the end of a sentence or a colon."""
    return q.start <= q.para_start + 1 or bool(
        re.search(r"[.!?:][\"”»’]?\s*[\"“«„‘]?$", text[max(q.para_start, q.start - 4) : q.start])
    )


def _quote_inside_clause(cue: Token, start: int, end: int) -> bool:
    """The quote is part of the cue's reported clause, with words of the clause outside it."""
    for child in cue.children:
        if child.dep_ == "ccomp":
            lo, hi = child.left_edge, child.right_edge
            s_char, e_char = lo.idx, hi.idx + len(hi)
            if s_char <= start and end <= e_char + 1:
                # reported words before the quote opens: 'the plan was "dead on arrival"'
                before = [t for t in cue.doc[lo.i : hi.i + 1] if not t.is_punct and t.idx < start and t.i > cue.i]
                return len(before) >= 2
    return False


def _embedded(ex: QuoteExtractor, start: int, cue: Token, speaker: Speaker | None) -> bool:
    """The quote opens mid-sentence, after words that are neither speaker nor cue
    ('Kavaliou was suspected of "negligence"'), not after 'said:' or 'said,'."""
    doc = ex.doc
    first = doc.char_span(start, start + 1, alignment_mode="expand")
    if first is None:
        return False
    sent = first[0].sent
    lead = ex.text[sent.start_char : start - 1].rstrip()
    if not lead or lead.endswith(LEAD_ENDINGS) or lead[-1] in QUOTE_MARKS:
        return False
    skip = {cue.i}
    if speaker is not None:
        skip |= {t.i for t in doc.char_span(speaker.start, speaker.end, alignment_mode="expand") or []}
    words_before = [
        t
        for t in sent
        if t.idx < start - 1 and not t.is_punct and t.i not in skip and t.lower_ not in ("that", "the", "a")
    ]
    return len(words_before) >= 2
