"""Reported speech from the parse: indirect quotes, and mixed ones that wrap a quotation.

Input: the extractor, after the direct pass has claimed its quotes. Output,
through the extractor, a quote for each report the direct pass left free:
  - a reporting verb and its clausal complement: "X said (that) ...",
    "[report], the ambassador confirmed", "X vowed to ..." (`add_verb_reports`);
  - a parenthetical report: "The plan, he said, is dead.";
  - a noun of saying with a that-clause: "Trump's claim that ...";
  - a "Name: claim" line, as in headlines and summaries (`add_colon_lines`);
  - "according to X, ..." with no reporting verb (`add_according_to`).
A quotation inside a report makes the report mixed and replaces the quotation's
own quote; a report that is exactly one quotation stays a direct quote."""

from __future__ import annotations

import re

from spacy.tokens import Token

from ... import lexicon
from ...document import Part, Quote, trimmed_part
from .clauses import clause_bounds
from .cues import according_to, cue_text, is_cue, medium_of, subject_of
from .extractor import QuoteExtractor
from .interview import QA_LINE_RE

NOUN_CUES = lexicon.words("noun_cues")
LIGHT_VERBS = lexicon.words("light_verbs")
CLAUSE_ONLY_VERBS = lexicon.words("clause_only_verbs")
CLAUSE_ANYWHERE_VERBS = lexicon.words("clause_anywhere_verbs")
INFINITIVE_REPORT_VERBS = lexicon.words("infinitive_report_verbs")
# "Graham: Trump's plan is hateful": a short prefix, a colon, a claim of some length.
COLON_LINE_RE = re.compile(r"(?m)^(?P<who>[^\n:]{2,60}?):\s+(?P<what>[^\n]{12,})$")
QUOTE_MARKS_AND_SPACE = '"“”«»„ '


def add_verb_reports(ex: QuoteExtractor) -> None:
    """Reports hung on a reporting verb or a noun of saying, in text order."""
    for sent in ex.doc.sents:
        for tok in sent:
            if tok.pos_ == "NOUN" and tok.lemma_.lower() in NOUN_CUES and not ex.inside_quote(tok):
                _noun_report(ex, tok)
                continue
            if tok.i in ex.used_cues or ex.inside_quote(tok) or not is_cue(tok):
                continue
            _verb_report(ex, tok)


def _verb_report(ex: QuoteExtractor, verb: Token) -> None:
    comp = _reported_complement(verb)
    subj = subject_of(verb)
    if subj is not None and subj.dep_ == "nsubjpass" and (comp is None or comp.dep_ == "xcomp"):
        return
    if subj is not None and subj.lower_ in ("i", "we") and not ex.inside_quote(subj):
        return  # the writer's own asides are not quotes
    if comp is None:
        if subj is not None and verb.dep_ == "parataxis" and verb.head.i != verb.i:
            _parenthetical_report(ex, verb, subj)
        return
    if subj is None:
        return
    bounds = clause_bounds(ex.doc, comp, min_tokens=2)
    if bounds is None or not ex.free(bounds):
        return
    _add_report(ex, *bounds, verb, subj)


def _reported_complement(verb: Token) -> Token | None:
    """The head of what the verb reports: its clause after it, a clause before it
    for the verbs that allow one, else an infinitive of intention ("vowed to")."""
    doc = verb.doc
    lemma = verb.lemma_.lower()
    comp = next((c for c in verb.children if c.dep_ == "ccomp" and c.i > verb.i), None)
    if comp is None and lemma in CLAUSE_ANYWHERE_VERBS:
        comp = next((c for c in verb.children if c.dep_ == "ccomp"), None)
    if comp is not None or lemma in CLAUSE_ONLY_VERBS:
        return comp
    # '[report], the ambassador confirmed.': the clause before the verb and its comma
    comp = next(
        (
            c
            for c in verb.children
            if c.dep_ == "ccomp"
            and c.i < verb.i
            and doc[c.right_edge.i + 1].text == ","
            and c.right_edge.i + 1 < verb.i
        ),
        None,
    )
    if comp is None:
        xcomp = next((c for c in verb.children if c.dep_ == "xcomp" and c.i > verb.i), None)
        if xcomp is not None and lemma in INFINITIVE_REPORT_VERBS:
            comp = xcomp
    return comp


def _parenthetical_report(ex: QuoteExtractor, verb: Token, subj: Token) -> None:
    """ "The plan, he said, is dead." / "The plan is dead, he said.": the sentence
    around the verb's phrase is the report (its two pieces joined by a space)."""
    doc = ex.doc
    clause = verb.head
    lo, hi = clause.left_edge.i, clause.right_edge.i
    before = [t for t in doc[lo : verb.left_edge.i] if not t.is_space]
    after = [t for t in doc[verb.right_edge.i + 1 : hi + 1] if not t.is_space]
    while before and before[-1].is_punct:
        before.pop()
    while after and after[0].is_punct:
        after.pop(0)
    while after and after[-1].is_punct:
        after.pop()
    pieces = [p for p in (before, after) if len(p) >= 2]
    if not pieces or sum(len(p) for p in pieces) < 4:
        return
    s_char, e_char = pieces[0][0].idx, pieces[-1][-1].idx + len(pieces[-1][-1])
    _add_report(ex, s_char, e_char, verb, subj, pieces=[(p[0].idx, p[-1].idx + len(p[-1])) for p in pieces])


def _noun_report(ex: QuoteExtractor, noun: Token) -> None:
    """ "Trump's claim that crime is up", "the ministry's statement that ...": a
    noun of saying with a that-clause; its possessor (or 'by X') is the speaker."""
    comp = next(
        (
            c
            for c in noun.children
            if c.dep_ in ("acl", "ccomp", "relcl") and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
        ),
        None,
    )
    if comp is None:
        return
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    if owner is None:
        by = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ in ("by", "from")), None)
        owner = next((c for c in by.children if c.dep_ == "pobj"), None) if by is not None else None
    if owner is None and noun.dep_ == "dobj" and noun.head.lemma_.lower() in LIGHT_VERBS:
        owner = subject_of(noun.head)  # 'Trump made charges that …', 'She issued a warning that …'
    if owner is None:
        return
    bounds = clause_bounds(ex.doc, comp, min_tokens=3)
    if bounds is None or not ex.free(bounds):
        return
    _add_report(ex, *bounds, noun, owner)


def _add_report(
    ex: QuoteExtractor, s_char: int, e_char: int, cue: Token, subj: Token, pieces: list[tuple[int, int]] | None = None
) -> None:
    """Keep the report text[s_char:e_char] (or its `pieces`, for a parenthetical) cued by `cue`.

    The speaker may stay None (an unresolved pronoun or an empty subject): an
    unclear speaker still keeps the quote."""
    text = ex.text
    speaker = ex.speakers.from_subject(subj)
    inner = [(qs, qe) for qs, qe in ex.quote_spans if s_char <= qs and qe <= e_char]
    kind = "mixed" if inner else "indirect"
    whole = [
        (qs, qe)
        for qs, qe in ex.quote_spans
        if qs <= s_char + 1 and e_char - 1 <= qe <= e_char + 2 and s_char - 1 <= qs
    ]
    parts = [Part(s, e) for s, e in pieces] if pieces else [Part(s_char, e_char)]
    if (
        whole
        and pieces is None
        and not text[max(0, whole[0][0] - 8) : whole[0][0]].rstrip(" \"“”«»„'‘’").lower().endswith("that")
    ):
        # 'Trump said of the episode, "I don't like it," adding …': the reported clause is
        # the quotation itself (its closing comma inside the marks), so a direct quote
        s_char, e_char = whole[0]
        inner, kind = whole, "direct"
        parts = [trimmed_part(text, s_char, e_char) or Part(s_char, e_char)]
    if inner:
        # the quoted fragment is part of this report, not a quote of its own
        ex.drop_within(s_char - 1, e_char + 1)
    ex.add(
        Quote(
            kind=kind,
            content=" ".join(text[p.start : p.end] for p in parts),
            start=parts[0].start,
            end=parts[-1].end,
            speaker=speaker,
            cue=cue_text(cue),
            medium=medium_of(cue),
            parts=parts,
        )
    )
    ex.used_cues.add(cue.i)
    ex.note_speaker(speaker)


def add_colon_lines(ex: QuoteExtractor) -> None:
    """ "Graham: Trump's plan is hateful" (headlines, summaries): a named speaker, a colon, the claim."""
    text = ex.text
    for m in COLON_LINE_RE.finditer(text):
        s_char, e_char = m.start("what"), m.end("what")
        # quotes found inside the claim with nobody to say them are part of it:
        # 'Ryan: ‘Anti-Semitic Images’ Have ‘No Place In A Presidential Campaign.’'
        claimed = any(
            q.start < e_char
            and s_char < q.end
            and not (s_char - 1 <= q.start and q.end <= e_char + 1 and q.speaker is None)
            for _, q in ex.found
        )
        if claimed or QA_LINE_RE.match(m.group()):
            continue
        who = ex.speakers.entity_in(m.start("who"), m.end("who"), types=("PERSON", "ORG", "MEDIA"))
        if who is None or len(m.group("who").split()) > 6 or who[1] < m.end("who") - 1:
            continue  # the name must end the prefix: "Obama:", "Senator Lindsey Graham:"
        inner = [(qs, qe) for qs, qe in ex.quote_spans if s_char - 1 <= qs and qe <= e_char + 1]
        if len(inner) == 1 and inner[0][0] <= s_char + 1 and inner[0][1] >= e_char - 1:
            kind = "direct"
        else:
            kind = "mixed" if inner else "indirect"
        ex.drop_within(s_char - 1, e_char + 1)
        ex.add(
            Quote(
                kind=kind,
                content=text[s_char:e_char].strip(QUOTE_MARKS_AND_SPACE),
                start=s_char,
                end=e_char,
                speaker=ex.speakers.named(*who),
                cue=":",
                medium=None,
            )
        )


def add_according_to(ex: QuoteExtractor) -> None:
    """ "according to X, ..." with no reporting verb: the rest of the sentence is what X says."""
    for sent in ex.doc.sents:
        acc = according_to(t for t in sent if not ex.inside_quote(t))
        if not acc or ex.overlaps(sent.start_char, sent.end_char):
            continue
        according, pobj = acc
        pp_lo, pp_hi = according.i, pobj.right_edge.i
        rest = [t for t in sent if not (pp_lo <= t.i <= pp_hi) and not t.is_punct and not t.is_space]
        if len(rest) < 4:
            continue
        s_char, e_char = rest[0].idx, rest[-1].idx + len(rest[-1])
        speaker = ex.speakers.from_subject(pobj)
        if speaker is None:
            continue
        kind = ex.quote_kind(s_char, e_char)
        if kind == "mixed":
            ex.drop_within(s_char, e_char)
        ex.add(
            Quote(
                kind=kind,
                content=ex.text[s_char:e_char],
                start=s_char,
                end=e_char,
                speaker=speaker,
                cue="according to",
                medium=None,
            )
        )
