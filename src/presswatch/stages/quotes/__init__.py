"""Stage `quotes`: direct, indirect and mixed quotes with speaker, cue and medium.

Input: the parsed `Doc` of the cleaned text, the article's entities and the
offset -> entity index from the `entities` stage. Output: a list of `Quote`
in text order (see presswatch.document).

One `QuoteExtractor` (extractor.py) holds an article's shared state: the
text, the quotation spans the scanner found (scanner.py), the speaker
resolver (speakers.py, with gender.py for "he"/"she"), the quotes found so
far and the text and cues they claimed. The passes below run over it in
order, each leaving to the next only what it has not claimed:
  1. interview.py: the answers of a Q&A interview;
  2. direct.py: each quotation with its cue and speaker (cues.py);
  3. indirect.py: reported speech from the parse: reporting verbs and their
     clauses (clauses.py says where a clause ends), parentheticals, nouns of
     saying, "Name: claim" lines, "according to X";
  4. direct.py again: quoted fragments no report took in;
  5. tagger.py: the trained attribution tagger's spans (when it ran, see
     presswatch.nlp) where the rules found nothing, tested as speech acts
     (speech_act.py); a rule quote the tagger marked too is found by "both".
Each quote then gets its confidence (confidence.py); those under the
threshold (PRESSWATCH_MIN_CONFIDENCE, default 0.5) are left out.
Speakers are a named entity, a pronoun resolved to its antecedent, a
description ("the ministry") or a group ("analysts"); nothing found means
`None`, never a guess. Word lists are in presswatch/lexicon.
Why hand-written: no maintained library does attribution for English news to
this standard (textacy's direct_quotations is the peer in benchmarks/)."""

from __future__ import annotations

from spacy.tokens import Doc

from ...document import Entity, Quote
from .confidence import confidence, min_confidence
from .direct import add_direct_quotes, add_fragments
from .extractor import QuoteExtractor
from .indirect import add_according_to, add_colon_lines, add_verb_reports
from .interview import add_interview_answers, interview_answers
from .tagger import add_tagger_attributions

__all__ = ["extract_quotes"]


def extract_quotes(doc: Doc, entities: list[Entity], index: dict[tuple[int, int], str]) -> list[Quote]:
    """The article's quotes, in text order."""
    ex = QuoteExtractor(doc, entities, index)
    answers = interview_answers(ex.text)
    add_interview_answers(ex, answers)
    fragments = add_direct_quotes(ex, answers)
    ex.claim_found()
    add_verb_reports(ex)
    add_colon_lines(ex)
    add_according_to(ex)
    add_fragments(ex, fragments)
    add_tagger_attributions(ex)
    threshold = min_confidence()
    kept = []
    for quote in ex.quotes():
        ex.speaker_outside_quotations(quote)
        if quote.origin != "model":  # the tagger's quotes were scored as they were found
            quote.confidence = confidence(quote)
        if quote.confidence >= threshold:
            kept.append(quote)
    return kept
