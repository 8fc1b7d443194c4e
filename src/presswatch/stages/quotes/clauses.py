"""Where a reported clause ends: the words a reporting verb reports, and no more.

Input: the head token of a clausal complement ("X said [that the plan is
dead]"). Output: the clause's character span, cut where the parse lets
other words in: a second report by the same speaker ("... and vowed to
change"), the writer's narration ("..., as the vote showed"), the main
clause swallowed by a subordinate one ("While X claimed that ..., experts
affirm"), a closing aside ("..., who has a big lead"), and the
complementiser and punctuation at either end."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from ... import lexicon
from .cues import SPEECH_VERBS

STATE_OF_MIND_VERBS = lexicon.words("state_of_mind_verbs")
SUBORDINATORS = lexicon.words("clause_subordinators")
NARRATION_MARKS = lexicon.words("narration_marks")
COMPLEMENTISERS = ("that", "whether", "if")
CLOSING_MARKS = ('"', "”", "»", "’")


def clause_bounds(doc: Doc, comp: Token, min_tokens: int) -> tuple[int, int] | None:
    """Character span of a reported clause, without its complementiser ("that")
    and outer punctuation (a closing quotation mark stays); None if too short."""
    lo, hi = comp.left_edge.i, comp.right_edge.i
    hi = _cut_other_reports(doc, comp, hi)
    hi = _cut_main_clause(doc, comp, hi)
    hi = _cut_aside(doc, comp, hi)
    while lo <= hi and ((doc[lo].dep_ == "mark" and doc[lo].lower_ in COMPLEMENTISERS) or doc[lo].is_punct):
        lo += 1
    while hi > lo and ((doc[hi].is_punct and doc[hi].text not in CLOSING_MARKS) or dangling(doc[hi])):
        hi -= 1
    if hi - lo + 1 < min_tokens:
        return None
    return doc[lo].idx, doc[hi].idx + len(doc[hi])


def dangling(tok: Token) -> bool:
    """A word that cannot end a cut clause: 'and', 'though', the 'even' of 'even though'."""
    nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    return tok.dep_ in ("cc", "mark") or (tok.dep_ == "advmod" and nxt is not None and nxt.dep_ == "mark")


def _cut_other_reports(doc: Doc, comp: Token, hi: int) -> int:
    """End the clause before a second report or the writer's narration hung on it."""
    for child in comp.children:
        if _second_report(comp, child) or _narration(doc, comp, child):
            cut = child.left_edge.i - 1
            while cut > comp.i and (doc[cut].dep_ == "cc" or doc[cut].is_punct):
                cut -= 1
            hi = min(hi, cut)
    return hi


def _second_report(comp: Token, child: Token) -> bool:
    """'... that he was in therapy and vowed to change': a second report by the
    same speaker the parser hung on the clause (a state of mind goes on reporting)."""
    return (
        child.dep_ == "conj"
        and child.i > comp.i
        and child.pos_ == "VERB"
        and child.lemma_.lower() in SPEECH_VERBS
        and child.lemma_.lower() not in STATE_OF_MIND_VERBS
        and not any(c.dep_ in ("nsubj", "nsubjpass") for c in child.children)
    )


def _narration(doc: Doc, comp: Token, child: Token) -> bool:
    """'..., adding ...' or '... as the vote showed': an adverbial clause after the
    report that is the writer's, not the speaker's."""
    if not (child.dep_ == "advcl" and child.i > comp.i and child.left_edge.i > comp.i):
        return False
    marks = [c for c in child.children if c.dep_ == "mark"]
    participle = child.tag_ == "VBG" and doc[child.left_edge.i - 1].text == "," and not marks
    return participle or any(m.lower_ in NARRATION_MARKS for m in marks)


def _cut_main_clause(doc: Doc, comp: Token, hi: int) -> int:
    """'While Clinton claimed that the videos exist, experts affirm …': a subordinate
    clause parsed as the whole sentence swallows the main clause; the report ends
    at the comma before the main clause's subject."""
    cue = comp.head
    if cue.dep_ == "ROOT" and any(c.dep_ == "mark" and c.lower_ in SUBORDINATORS and c.i < cue.i for c in cue.children):
        for i in range(comp.i + 1, hi):
            if doc[i].text == "," and any(
                t.dep_ in ("nsubj", "nsubjpass") and i < t.i < t.head.i <= hi for t in doc[i + 1 : min(hi, i + 7) + 1]
            ):
                return i - 1
    return hi


def _cut_aside(doc: Doc, comp: Token, hi: int) -> int:
    """The writer's aside closing the clause: '... it would be Trump, who has a big lead'."""
    for tok in doc[comp.i + 1 : hi + 1]:
        if (
            tok.dep_ == "relcl"
            and tok.right_edge.i >= hi - 1
            and tok.left_edge.i > comp.i + 2
            and doc[tok.left_edge.i].lower_ in ("who", "which")
            and doc[tok.left_edge.i - 1].text == ","
        ):
            return tok.left_edge.i - 2
    return hi
