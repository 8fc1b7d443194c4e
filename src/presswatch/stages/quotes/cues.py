"""Reporting verbs in the parse: the cue of a quote and what hangs on it.

Input: spaCy tokens of the parsed article. Output: whether a token is a cue
("said", "warned", "believes"), the cue's subject (the speaker to resolve),
its text as shown ("did not say"), and the medium it names ("in an
interview", "told reporters"), plus "according to X" phrases. Every pass
of the quotes stage reads cues through these functions."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Token

from ... import lexicon

SPEECH_VERBS = lexicon.words("speech_verbs")
MEDIUM_NOUNS = lexicon.words("medium_nouns")
AUDIENCE_NOUNS = lexicon.words("audience_nouns")
# Prepositions that attach a medium to a cue: "on X", "in an interview", "via email".
MEDIUM_PREPOSITIONS = ("on", "in", "at", "during", "via", "to", "through", "from")


def is_cue(tok: Token) -> bool:
    """A reporting verb used as a verb (not "so-called")."""
    if tok.i >= 2 and tok.doc[tok.i - 1].text == "-" and tok.doc[tok.i - 2].lower_ == "so":
        return False  # "so-called"
    return (tok.lemma_.lower() in SPEECH_VERBS and tok.pos_ in ("VERB", "AUX")) or (
        tok.lemma_.lower() in SPEECH_VERBS and tok.tag_.startswith("VB")
    )


def subject_of(verb: Token) -> Token | None:
    """The subject of a cue, found through the parser's usual detours; None if it has none."""
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if subjects:
        # two subjects come from a glued dateline ("WASHINGTON (AP) — Ann Lee said"): the nearer one
        before = [c for c in subjects if c.i < verb.i]
        return before[-1] if before else subjects[0]
    # 'X said that Y was closed and vowed ...': a reporting verb the parser hung on the
    # reported clause shares the subject of the verb that reports that clause
    if (
        verb.dep_ == "conj"
        and verb.head.dep_ == "ccomp"
        and verb.lemma_.lower() in SPEECH_VERBS
        and verb.head.head is not verb.head
    ):
        return subject_of(verb.head.head)
    # "..., adding that" / "..., he said, adding": share the subject of the governing verb
    if verb.dep_ in ("advcl", "xcomp", "conj") and verb.head is not verb:
        head = verb.head
        for _ in range(2):  # 'voters are more likely to say': through the adjective to its verb
            for child in head.children:
                if child.dep_ == "nsubj":
                    return child
            if head.dep_ not in ("acomp", "xcomp") or head.head is head:
                break
            head = head.head
    return None


def cue_text(verb: Token | None) -> str | None:
    """The cue as shown: the verb with its particle and negation ("pointed out", "did not")."""
    if verb is None:
        return None
    parts = [verb]
    for child in verb.children:
        if child.dep_ in ("prt", "neg"):
            parts.append(child)
    parts.sort(key=lambda t: t.i)
    return " ".join(t.text for t in parts)


def medium_of(verb: Token) -> str | None:
    """Where or to whom the words were said: "told reporters", "in an interview", "on X"."""
    doc = verb.doc
    for child in verb.children:
        if (
            child.dep_ == "dobj"
            and verb.lemma_ == "tell"
            and (child.lower_ in AUDIENCE_NOUNS or child.ent_type_ == "ORG" or child.lemma_ in AUDIENCE_NOUNS)
        ):
            return f"{verb.text} {doc[child.left_edge.i : child.right_edge.i + 1].text}"
        if child.dep_ == "prep" and child.lower_ in MEDIUM_PREPOSITIONS:
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is None:
                continue
            if (
                pobj.lemma_.lower() in MEDIUM_NOUNS
                or pobj.lower_ in MEDIUM_NOUNS
                or (pobj.ent_type_ == "ORG" and child.lower_ in ("on", "to"))
            ):
                return doc[child.i : pobj.right_edge.i + 1].text
    return None


def according_to(tokens: Iterable[Token]) -> tuple[Token, Token] | None:
    """The first "according to X" among `tokens`: ("according", X)."""
    for t in tokens:
        if t.lower_ == "according" and t.i + 1 < len(t.doc) and t.doc[t.i + 1].lower_ == "to":
            to = t.doc[t.i + 1]
            pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                return t, pobj
    return None
