"""Speakers: who a cue's subject (or a tagged source) names, as a `Speaker`.

Input: the parsed article, its entities and mention index (from the entities
stage) and the spans inside quotation marks. Output: a `Speaker` for a
subject token: a named entity ("Ann Lee", "Kremlin spokesman Dmitry
Peskov"), a pronoun resolved to its antecedent ("he" -> the latest man
named as a subject, gender from `gender.py`; "it"/"they" -> the latest body
or group), a relative pronoun through its noun ("Lee, who said"), a group
by quantity ("many in the party") or a description ("the ministry", linked
to the ministry named before). Nothing found means None, never a guess.

Hand-written because spaCy 3.8 ships no coreference. Mentions inside
quotation marks never count: they are what the speaker talks about."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from ... import lexicon
from ...document import Entity, Speaker
from ...nlp.extensions import original_text
from .gender import infer_genders, pronoun_gender

PRONOUNS = {"he", "she", "they", "him", "her", "them", "it", "we", "i"}
PERSON_PRONOUNS = {"he", "she", "him", "her"}
RELATIVE_PRONOUNS = ("who", "which", "that")
QUANTIFIERS = lexicon.words("group_quantifiers")
SPEAKER_TYPES = ("PERSON", "ORG", "MEDIA")

Mention = tuple[int, int, str]  # (start, end, entity id)


class SpeakerResolver:
    """Turns a subject phrase into a `Speaker`, resolving pronouns and linking entities.

    One per article. `speaker_mentions` grows as the passes keep quotes: a
    person who spoke is the likelier antecedent of a later "he" or "she"."""

    def __init__(
        self,
        doc: Doc,
        entities: list[Entity],
        index: dict[tuple[int, int], str],
        quote_spans: list[tuple[int, int]],
    ):
        self.doc = doc
        self.entities = {e.id: e for e in entities}
        self.entity_types = {e.id: e.type for e in entities}
        self.mentions: list[Mention] = sorted(((s, e, eid) for (s, e), eid in index.items()), key=lambda x: x[0])
        self.text = original_text(doc)
        self.quote_spans = quote_spans
        self.speaker_mentions: set[tuple[int, str]] = set()  # (offset, entity) of resolved speakers
        self.genders = infer_genders(doc, entities)

    # ---- speakers from a mention ----------------------------------------------------
    def named(self, s: int, e: int, eid: str) -> Speaker:
        """The entity `eid`, as mentioned at text[s:e]."""
        return Speaker(name=self.entities[eid].name, mention=self.text[s:e], entity=eid, start=s, end=e)

    def _in_quote(self, s: int) -> bool:
        return any(qs <= s < qe for qs, qe in self.quote_spans)

    def entity_in(
        self, start: int, end: int, types: tuple[str, ...] = ("PERSON", "ORG", "MEDIA", "GPE", "NORP")
    ) -> Mention | None:
        """The first mention inside [start, end) of one of `types`; a person before any other type."""
        best = None
        for s, e, eid in self.mentions:
            if s >= end:
                break
            if (
                s >= start
                and e <= end
                and self.entities[eid].type in types
                and (best is None or (self.entities[eid].type == "PERSON" and self.entities[best[2]].type != "PERSON"))
            ):
                best = (s, e, eid)
        return best

    def entity_at(self, tok: Token) -> Mention | None:
        """The mention of a person or body that covers the token, if any."""
        for s, e, eid in self.mentions:
            if s > tok.idx:
                break
            if s <= tok.idx < e and self.entities[eid].type in SPEAKER_TYPES:
                return (s, e, eid)
        return None

    def name_between(self, start: int, end: int, at_end: bool = False) -> Speaker | None:
        """The first person or body named in [start, end) outside quotation marks
        (with at_end, the last one, and only if the name ends the stretch)."""
        found = None
        for s, e, eid in self.mentions:
            if s >= end:
                break
            if s < start or e > end or self.entities[eid].type not in SPEAKER_TYPES:
                continue
            if any(qs - 1 <= s < qe + 1 for qs, qe in self.quote_spans):
                continue
            found = (s, e, eid)
            if not at_end:
                break
        if found is None or (at_end and self.text[found[1] : end].strip()):
            return None
        return self.named(*found)

    def entity_next_to(self, cue: Token) -> Speaker | None:
        """A named speaker right beside a cue the parser left without a subject:
        '..., said Sen. Ann Lee (D-Ore.)' or 'Ann Lee, 54, said'."""
        lo = max(cue.sent.start, cue.i - 6)
        hi = min(cue.sent.end, cue.i + 7)
        best = None
        for s, e, eid in self.mentions:
            if self.entities[eid].type not in SPEAKER_TYPES:
                continue
            if not (self.doc[lo].idx <= s and e <= self.doc[hi - 1].idx + len(self.doc[hi - 1])):
                continue
            if self._in_quote(s):
                continue
            dist = abs(s - cue.idx)
            if best is None or dist < best[0]:
                best = (dist, s, e, eid)
        if best is None:
            return None
        _, s, e, eid = best
        return self.named(s, e, eid)

    # ---- speakers from a subject --------------------------------------------------------
    def from_subject(self, subj: Token) -> Speaker | None:
        """The speaker a cue's subject stands for, or None when it is not clear."""
        clause = subj.head
        while clause.dep_ == "conj" and clause.head is not clause:
            clause = clause.head  # 'X, who ... and who hoped ...'
        if subj.lower_ in RELATIVE_PRONOUNS and clause.dep_ == "relcl":
            return self._from_relative(subj, clause.head)
        if subj.lower_ in PRONOUNS:
            return self._from_pronoun(subj)
        if subj.lower_ in QUANTIFIERS and subj.pos_ in ("PRON", "DET", "NUM", "ADJ"):
            return self._quantified_group(subj)
        return self._from_phrase(subj)

    def from_span(self, span: Span) -> Speaker | None:
        """A tagged SOURCE span as a speaker: resolved and linked like a subject,
        else the words of the span themselves (unless only a pronoun). A span whose
        head is a verb is a clause, not a speaker: its first noun subject stands for
        it ('Jo Blake, 71, whose "miracle diet" went viral,' is Jo Blake), else none."""
        head = span.root
        if head.pos_ in ("VERB", "AUX"):
            subjects = [t for t in span if t.dep_ in ("nsubj", "nsubjpass") and t.pos_ in ("NOUN", "PROPN")]
            if not subjects:
                return None
            head = subjects[0]
            span = self.doc[head.left_edge.i : head.i + 1] if head.left_edge.i >= span.start else span[:1]
        resolved = self.from_subject(head)
        if resolved is not None:
            return resolved
        if head.lower_ in PRONOUNS or head.lower_ in RELATIVE_PRONOUNS:
            return None
        mention = self.text[span.start_char : span.end_char]
        return Speaker(name=mention, mention=mention, entity=None, start=span.start_char, end=span.end_char)

    @staticmethod
    def _as_written(word: Token, name: str, entity: str | None) -> Speaker:
        """A speaker mentioned by one word (a pronoun) that stands for `name`."""
        return Speaker(name=name, mention=word.text, entity=entity, start=word.idx, end=word.idx + len(word))

    def _from_relative(self, subj: Token, antecedent: Token) -> Speaker | None:
        """ "Ann Lee, who said ...": the relative pronoun stands for its noun."""
        if antecedent.lower_ in RELATIVE_PRONOUNS:
            return None
        resolved = self.from_subject(antecedent)
        if resolved is None:
            return None
        return self._as_written(subj, resolved.name, resolved.entity)

    def _from_pronoun(self, subj: Token) -> Speaker | None:
        word = subj.lower_
        if word in ("i", "we"):
            return None
        if word in ("it", "they", "them"):
            return self._group_pronoun(subj)
        if word in PERSON_PRONOUNS:
            found = self.person_before(subj.idx, pronoun_gender(word))
            return self._as_written(subj, self.entities[found[2]].name, found[2]) if found else None
        return None

    def _group_pronoun(self, subj: Token) -> Speaker | None:
        """A group or body named just before ("The ministry ... It said"); else unclear."""
        it = subj.lower_ == "it"
        eid = self.group_before(subj.idx, ("ORG", "MEDIA") if it else ("ORG", "MEDIA", "NORP"))
        if eid is not None:
            return self._as_written(subj, self.entities[eid].name, eid)
        group = self.plural_subject_before(subj, ("NN",) if it else ("NNS",))
        if group is not None:
            # "Analysts ... They said": the group as written earlier
            return self._as_written(subj, self.text[group.start_char : group.end_char], None)
        return None

    def _quantified_group(self, subj: Token) -> Speaker:
        """ "Many speculated", "Both want", "some in the party fear": a group described as written."""
        right = max(
            [subj.i] + [c.right_edge.i for c in subj.rights if c.dep_ == "prep" and c.right_edge.i - subj.i < 8]
        )
        span = self.doc[subj.left_edge.i : right + 1]
        words = self.text[
            span.start_char : span.end_char
        ]  # as written: the parser's copy has its quote marks made straight
        return Speaker(name=words, mention=words, entity=None, start=span.start_char, end=span.end_char)

    def _from_phrase(self, subj: Token) -> Speaker | None:
        """A noun phrase: the entity it names, else the phrase itself (linked to an
        organisation when it is a description such as "the ministry")."""
        left, span = self._subject_phrase(subj)
        named = self._entity_of_subject(subj, left, span)
        if named is not None:
            return named
        if subj.pos_ in ("NOUN", "PROPN", "NUM") or subj.tag_ in ("NNS", "NN", "NNP", "NNPS"):
            text = self.text[span.start_char : span.end_char]  # as written, quotation marks included
            person = self.named_in_role(subj) if subj.tag_ == "NN" else None
            if person is not None:
                return Speaker(
                    name=person.name, mention=text, entity=person.entity, start=span.start_char, end=span.end_char
                )
            eid = self.org_for(subj, span.start_char) if subj.pos_ == "NOUN" else None
            name = self.entities[eid].name if eid else text
            return Speaker(name=name, mention=text, entity=eid, start=span.start_char, end=span.end_char)
        return None

    def named_in_role(self, role: Token) -> Speaker | None:
        """The person a role description ("a spokesperson for X") stands for when the
        text names them: in apposition set off by commas before the cue ("A spokesperson
        for X, Jane Doe, said"), else with the same role noun in the next two sentences
        ("Spokesperson Jane Doe added", "Jane Doe, the spokesperson, ..."). A role is one
        person, and news names them where it can: nothing found means the description."""
        end = role.head.idx if role.head.i > role.i else role.sent.end_char
        for s, e, eid in self.mentions:
            if s >= end:
                break
            if s > role.idx and self._is_person(eid) and self.text[max(0, s - 3) : s].rstrip().endswith(","):
                return self.named(s, e, eid)
        sent = self.doc[role.sent.start : role.sent.end]
        hi = sent.end
        for _ in range(2):
            if hi < len(self.doc):
                hi = self.doc[hi].sent.end
        lemma = role.lemma_.lower()
        for tok in self.doc[sent.end : hi]:
            if tok.lemma_.lower() != lemma or self._in_quote(tok.idx):
                continue
            after, before = tok.idx + len(tok), tok.idx
            for s, e, eid in self.mentions:
                if s > after + 3:
                    break
                if not self._is_person(eid):
                    continue
                # "spokesperson Jane Doe" (the role inside the mention or before it), or "Jane Doe, the spokesperson"
                beside = s <= before < e or after <= s <= after + 3
                if beside or (e <= before and before - e <= 8 and "," in self.text[e:before]):
                    return self.named(s, e, eid)
        return None

    def _is_person(self, eid: str) -> bool:
        return self.entities[eid].type == "PERSON"

    def _subject_phrase(self, subj: Token) -> tuple[int, Span]:
        """The subject phrase without relative clauses and long trailing modifiers,
        as (its first token's index, the phrase without trailing punctuation)."""
        doc = self.doc
        left = subj.left_edge.i
        # a dateline the parser glued to the subject ("WASHINGTON (AP) — Ann Lee said") is not part of it
        dashes = [t.i for t in doc[left : subj.i] if t.text in ("—", "–", "--")]
        if dashes:
            left = dashes[-1] + 1
        right = subj.i
        for child in subj.rights:
            if child.dep_ in ("relcl", "acl", "advcl", "punct", "cc", "conj"):
                break
            if child.dep_ in ("prep", "compound", "nmod", "appos", "amod", "nummod") and child.right_edge.i - left < 14:
                right = child.right_edge.i
            else:
                break
        span = doc[left : right + 1]
        while len(span) > 1 and span[-1].is_punct:
            span = span[:-1]
        return left, span

    def _entity_of_subject(self, subj: Token, left: int, span: Span) -> Speaker | None:
        """The entity that *is* the subject (its head, or in apposition to it:
        "Kremlin spokesman Dmitry Peskov", "his aide, Ann Lee,"), not one that
        merely modifies it ("Lukashenko's spokeswoman", "a spokesman for X")."""
        heads = [subj] + [c for c in subj.children if c.dep_ == "appos"]
        for head in heads:
            # the name that covers the head word first: in "Falcons head coach Ann Rudd"
            # the team is a modifier even when the recognizer calls it a person
            ent = self.entity_at(head) or self.entity_in(
                max(head.left_edge.idx, self.doc[left].idx), head.right_edge.idx + len(head.right_edge)
            )
            if ent is None:
                continue
            s, e, eid = ent
            person = self.entities[eid].type == "PERSON"
            # the name covers the head word, or is a person's name in the subject phrase
            names_head = s <= head.idx < e or (
                head is subj and subj.pos_ == "PROPN" and person and s >= span.start_char
            )
            # ...and, for the subject itself, the name is not a possessor inside it
            not_modifier = (
                head is not subj
                or s <= subj.idx < e
                or (person and not any(possessor(t) and s <= t.idx < e for t in subj.subtree))
            )
            if names_head and not_modifier:
                return self.named(s, e, eid)
        return None

    # ---- antecedents ------------------------------------------------------------------
    def person_before(self, pos: int, gender: str | None = None) -> Mention | None:
        """The person a "he"/"she" at `pos` most likely means.

        The latest person that was a grammatical subject or a speaker in the
        last ~3 paragraphs (one known to be of the pronoun's gender before one
        of unknown gender), else the latest person mentioned there; mentions
        inside quotations and persons of the other gender don't count."""
        window_start = self._paragraphs_back(pos, 3)
        latest = None
        # the latest subject, the latest subject known to be of the pronoun's gender
        latest_subject: Mention | None = None
        known_subject: Mention | None = None
        for s, e, eid in self.mentions:
            if s >= pos:
                break
            if s < window_start or not self._may_be(s, eid, gender):
                continue
            latest = (s, e, eid)
            span = self.doc.char_span(s, e, alignment_mode="expand")
            if span is not None and (span.root.dep_ in ("nsubj", "nsubjpass") or (s, eid) in self.speaker_mentions):
                latest_subject = (s, e, eid)
                if gender is not None and self.genders.get(eid) == gender:
                    known_subject = latest_subject
        # a subject the article shows to be of the pronoun's gender before one of unknown gender:
        # "Ann Lee (her) ... Sam Park praised ... She said" is Ann Lee
        latest_subject = known_subject or latest_subject
        if latest is None and window_start > 0:
            # no one of that gender in the last paragraphs: a long article still
            # means the latest person of that gender named before (outside quotes)
            for s, e, eid in self.mentions:
                if s >= window_start:
                    break
                if self._may_be(s, eid, gender):
                    latest = (s, e, eid)
        return latest_subject or latest

    def _paragraphs_back(self, pos: int, n: int) -> int:
        """Where the paragraph `n - 1` paragraphs before the one holding `pos` starts (0 at most)."""
        window_start = pos
        for _ in range(n):
            window_start = self.text.rfind("\n\n", 0, max(window_start - 1, 0))
            if window_start <= 0:
                return 0
        return window_start

    def _may_be(self, s: int, eid: str, gender: str | None) -> bool:
        """The mention at `s` could be the antecedent: a person, of that gender if
        known, outside quotation marks."""
        if self.entities[eid].type != "PERSON":
            return False
        if gender and self.genders.get(eid, gender) != gender:
            return False  # "she" is not the man named just before
        return not self._in_quote(s)

    def plural_subject_before(self, pronoun: Token, tags: tuple[str, ...] = ("NNS",)) -> Span | None:
        """The latest plural common-noun subject in the two sentences before `pronoun`
        ("Local officials ... They said"), as its noun phrase (singular with tags=("NN",):
        "The ad ... It claims")."""
        sent = pronoun.sent
        start = sent.start
        for _ in range(2):
            if start == 0:
                break
            start = self.doc[start - 1].sent.start
        best = None
        for tok in self.doc[start : pronoun.i]:
            if tok.tag_ == "NN" and not (tok.dep_ in ("nsubj", "nsubjpass") and tok.head.dep_ == "ROOT"):
                continue  # a thing that speaks ("The report ... It warns") heads its own sentence
            if tok.dep_ in ("nsubj", "nsubjpass") and tok.tag_ in tags and tok.i < pronoun.i:
                best = tok
        if best is None:
            return None
        return self.doc[best.left_edge.i : best.i + 1]

    def group_before(self, pos: int, kinds: tuple[str, ...]) -> str | None:
        """Latest ORG/MEDIA speaker or mention before `pos` in this and the previous paragraph (for 'it', 'they')."""
        window_start = self.text.rfind("\n\n", 0, max(self.text.rfind("\n\n", 0, pos) - 1, 0))
        found = None
        for s, _e, eid in self.mentions:
            if s >= pos:
                break
            if s >= window_start and self.entities[eid].type in kinds:
                found = eid
        return found

    def org_for(self, head: Token, pos: int) -> str | None:
        """Link 'the ministry' to the latest ORG whose name contains 'ministry'."""
        lemma = head.lemma_.lower()
        found = None
        for s, _e, eid in self.mentions:
            if s >= pos:
                break
            ent = self.entities[eid]
            if ent.type in ("ORG", "MEDIA") and lemma in ent.name.lower().split():
                found = eid
        return found


def possessor(tok: Token) -> bool:
    """'Lukashenko's' in "Lukashenko's spokeswoman" (the parser says poss, or nmod with 's)."""
    return tok.dep_ == "poss" or any(c.dep_ == "case" for c in tok.children)
