"""Is a tagged attribution a speech act? The filter on the attribution tagger's quotes.

Input: the tagger's CUE span, the cue's verb and subject, the speaker the
resolver made of them and the CONTENT span. Output: whether the three make a
speech act, something a person or body said or wrote, and why not when they
don't (`speech_act_problem`).

The tagger was trained on PolNeAR, which counts beliefs, intentions and
accusations as attributions ("Accused of hiding the losses, she ...", "the
dispute is ..."). presswatch keeps a tagged span only when
  - the cue is a verb or noun of saying or writing: a lemma of
    `speech_verbs` that is not a state of mind (`state_of_mind_verbs`), a
    noun of `noun_cues`, or "according to"; and the verb is not a passive
    participle hung on a clause ("Accused of ...": its subject is the one
    spoken about, not the speaker);
  - the source is a person, a body or a group: a named entity, a pronoun
    resolved to one, a plural noun ("officials", "analysts"), or a noun that
    names a role or a body (the lexicon's role, title and body lists, or an
    agent-noun ending: -er, -or, -ist, -ian, -ant, -ent, -person, -man,
    -woman); not an abstract noun ("the dispute") and not a clause;
  - the content is a clause (it has a verb) or quoted words.
The rules' own quotes are not filtered here: each rule already asks for a
reporting verb with a subject and a clause."""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from ... import lexicon
from ...document import Speaker
from .cues import SPEECH_VERBS

STATE_OF_MIND_VERBS = lexicon.words("state_of_mind_verbs")
SAYING_VERBS = SPEECH_VERBS - STATE_OF_MIND_VERBS
NOUN_CUES = lexicon.words("noun_cues")
AGENT_NOUNS = (
    lexicon.words("person_titles")
    | lexicon.words("journalism_roles")
    | lexicon.words("byline_role_nouns")
    | lexicon.words("audience_nouns")
    | lexicon.words("organisation_words")
    | lexicon.words("generic_bodies")
    | lexicon.words("male_words")
    | lexicon.words("female_words")
)
# Agent nouns by their ending: a role or a trade ("lawmaker", "economist",
# "resident", "spokesperson"); "-ment" ("statement") is a thing, not a doer.
AGENT_SUFFIX_RE = re.compile(r"(?<!m)(er|or|ist|ian|ant|ent|ee|person|man|woman|people)s?$")
# Abstract nouns by their ending: an act, a state or a quality ("the dispute" is caught
# by the cue test: a dispute does not say).
ABSTRACT_SUFFIX_RE = re.compile(r"(tion|sion|ment|ness|ity|ance|ence|ism|ship|hood|ure|sis|ing|age|cy|ics)$")
ENTITY_SPEAKER_TYPES = ("PERSON", "ORG", "MEDIA", "NORP", "GPE")
QUOTE_MARKS = ('"', "“", "”", "«", "»", "„", "'", "‘", "’")  # as tokens of their own: not "'s"
# Words that open a reported clause: "that ...", "whether ...", "why ..."
CLAUSE_OPENERS = {"that", "whether", "if", "how", "why", "what", "who", "where", "when", "which"}


def saying_cue(cue: Span) -> Token | None:
    """The token that makes the cue one of saying or writing, or None."""
    for i, tok in enumerate(cue):
        lemma = tok.lemma_.lower()
        if lemma in SAYING_VERBS and (tok.pos_ in ("VERB", "AUX") or tok.tag_.startswith("VB")):
            return tok
        if lemma in NOUN_CUES and tok.pos_ == "NOUN":
            return tok
        if tok.lower_ == "according" and i + 1 < len(cue) and cue[i + 1].lower_ == "to":
            return tok
    return None


def passive_modifier(verb: Token) -> bool:
    """ "Accused of hiding the losses, she ...": a participle hung on another clause,
    or a passive verb, whose subject is the one spoken about."""
    if (
        verb.tag_ == "VBN"
        and verb.dep_ in ("advcl", "acl", "amod", "relcl", "conj")
        and not any(c.dep_ in ("nsubj", "aux") for c in verb.children)
    ):
        return True
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children) and not any(
        c.dep_ == "agent" for c in verb.children
    )


def agent_speaker(speaker: Speaker | None, head: Token | None, entity_types: dict[str, str]) -> bool:
    """The speaker is a person, a body or a group (not an abstract noun, not a clause)."""
    if speaker is None:
        return False
    if speaker.entity is not None:
        return entity_types.get(speaker.entity) in ENTITY_SPEAKER_TYPES
    if head is None:
        return False
    if head.dep_ in ("csubj", "csubjpass") or head.pos_ in ("VERB", "AUX"):
        return False  # a clause
    if head.pos_ in ("PRON",) or head.tag_ in ("NNP", "NNPS", "NNS"):
        return True  # a name, a pronoun, a group ("officials")
    lemma = head.lemma_.lower()
    if lemma in AGENT_NOUNS or head.lower_ in AGENT_NOUNS or AGENT_SUFFIX_RE.search(head.lower_):
        return True
    return head.pos_ in ("NOUN", "PROPN") and not ABSTRACT_SUFFIX_RE.search(lemma)


def clause_content(content: Span) -> bool:
    """The content is a clause or quoted words, not a noun phrase ("praised his
    players", "proposed raising taxes"). A verb that is not an -ing form is taken
    as the clause's (the parser hangs "said the players dreamed of ..." on the noun)."""
    if any(t.text in QUOTE_MARKS for t in content):
        return True
    first = content[0]
    if first.lower_ in CLAUSE_OPENERS or (first.lower_ == "to" and len(content) > 1 and content[1].tag_ == "VB"):
        return True
    return any(t.pos_ in ("VERB", "AUX") and t.tag_ != "VBG" for t in content)


def speech_act_problem(
    cue: Span, verb: Token, speaker: Speaker | None, head: Token | None, content: Span, entity_types: dict[str, str]
) -> str | None:
    """Why a tagged attribution is not a speech act ("cue", "passive", "source",
    "content"), or None when it is one."""
    if saying_cue(cue) is None:
        return "cue"
    if passive_modifier(verb):
        return "passive"
    if not agent_speaker(speaker, head, entity_types):
        return "source"
    if not clause_content(content):
        return "content"
    return None
