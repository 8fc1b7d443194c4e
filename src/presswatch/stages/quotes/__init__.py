"""Stage `quotes`: direct, indirect and mixed quotes with speaker, cue and medium.

Input: the parsed `Doc` of the cleaned text, the article's entities and the
offset -> entity index from the `entities` stage. Output: a list of `Quote`.

Direct quotes come from a scanner over quotation marks (every style, nesting,
a missing closing mark at paragraph end, quotes running over paragraphs).
Indirect speech comes from the dependency parse: a reporting verb and its
clausal complement ("X said (that) ..."), "according to X, ...",
parenthetical reports ("..., he said, ..."), nouns of saying ("X's claim
that ..."), "Name: claim" lines and Q&A answers. Speakers are the verb's
subject: a named entity, a pronoun resolved to its antecedent (gender-agreeing,
see presswatch.gender), a description ("the ministry") or a group
("analysts"); nothing found means `None`, never a guess.
When a trained attribution tagger is present (see `presswatch.nlp`), its
SOURCE/CUE/CONTENT spans add indirect attributions the rules miss.
Why hand-written: no maintained library does attribution for English news to
this standard (textacy's direct_quotations is the peer in benchmarks/)."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from ... import lexicon
from ...document import Entity, Quote, Speaker
from ...nlp.extensions import attribution_spans, original_text
from .cues import SPEECH_VERBS, according_to, cue_text, is_cue, medium_of, subject_of
from .scanner import SENTENCE_END_RE, scan_quotations
from .speakers import PRONOUNS, SpeakerResolver

# Of these, verbs of a state of mind: '(she said) she was tired of it and wanted a
# change' goes on reporting, where '... and vowed to change' is a second report.
STATE_LEMMAS = lexicon.words("state_of_mind_verbs")
# Verbs whose passive subject is the one spoken to: "X was asked", "X was told".
ADDRESSEE_VERBS = lexicon.words("addressee_verbs")
# Nouns of saying that carry a that-clause: "Trump's claim that ...".
NOUN_CUES = lexicon.words("noun_cues")
# Verbs that turn a noun of saying into the act: "make a claim", "issue a warning".
LIGHT_VERBS = lexicon.words("light_verbs")
# Subordinators that open a clause which cannot be a sentence on its own.
SUBORDINATORS = lexicon.words("clause_subordinators")
# Subordinators that, after a reported clause, open the writer's own narration.
NARRATION_MARKS = lexicon.words("narration_marks")
# Of these, the ones that take a clause about the world, not an action ("plan to").
CLAUSE_ONLY = lexicon.words("clause_only_verbs")

QA_LINE_RE = re.compile(r"^(?P<label>Q|A|Question|Answer|В|О|Вопрос|Ответ|Пытанне|Адказ)\s*[:.–—-]\s+", re.M)


def interview_answers(text: str) -> list[tuple[int, int, int, int]]:
    """Answer paragraphs of a Q&A interview: (content start, end, label start, label end)."""
    labels = [
        (m.group("label").lower(), m)
        for m in QA_LINE_RE.finditer(text)
        if m.start() == 0 or text[m.start() - 1] == "\n"
    ]
    questions = sum(1 for lab, _ in labels if lab in ("q", "question", "в", "вопрос", "пытанне"))
    answers = [m for lab, m in labels if lab in ("a", "answer", "о", "ответ", "адказ")]
    if questions < 2 or len(answers) < 2:
        return []
    out = []
    for m in answers:
        end = text.find("\n", m.end())
        end = len(text) if end == -1 else end
        out.append((m.end(), end, m.start("label"), m.end("label")))
    return out


def _interviewee(resolver: SpeakerResolver, answers) -> Entity | None:
    """The person interviewed: the most mentioned person outside the answers."""
    counts: dict[str, int] = {}
    for s, e, eid in resolver.mentions:
        if resolver.entities[eid].type == "PERSON" and not any(a_s <= s < a_e for a_s, a_e, _, _ in answers):
            counts[eid] = counts.get(eid, 0) + 1
    if not counts:
        return None
    best = max(counts, key=lambda k: (counts[k], -min(m[0] for m in resolver.mentions if m[2] == k)))
    return resolver.entities[best]


def _opens_clause(text: str, start: int, para_start: int) -> bool:
    """The quote starts a paragraph, a sentence, or follows a colon or a dash."""
    if start <= para_start + 1:
        return True
    before = text[max(para_start, start - 6) : start - 1].rstrip()
    return not before or before[-1] in '.!?:—–-"”»'


def _embedded(doc: Doc, text: str, start: int, cue: Token, speaker: Speaker | None) -> bool:
    """The quote opens mid-sentence, after words that are neither speaker nor cue
    ('Kavaliou was suspected of "negligence"'), not after 'said:' or 'said,'."""
    sent = doc.char_span(start, start + 1, alignment_mode="expand")
    if sent is None:
        return False
    sent = sent[0].sent
    lead = text[sent.start_char : start - 1].rstrip()
    if not lead or lead.endswith((":", ",", "—", "–", "-")) or lead[-1] in "\"“”«»„'‘’":
        return False
    skip = set(range(cue.i, cue.i + 1))
    if speaker is not None:
        skip |= {t.i for t in doc.char_span(speaker.start, speaker.end, alignment_mode="expand") or []}
    words_before = [
        t
        for t in sent
        if t.idx < start - 1 and not t.is_punct and t.i not in skip and t.lower_ not in ("that", "the", "a")
    ]
    return len(words_before) >= 2


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


def _colon_intro(doc: Doc, text: str, start: int, para_start: int, inside_quote) -> Token | None:
    """The verb of the clause ending in a colon just before a quote opening at `start`."""
    lead = text[para_start : max(start - 1, para_start)].rstrip()
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
        if tok.pos_ in ("VERB", "AUX") and not inside_quote(tok) and subject_of(tok) is not None:
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


# ---------------------------------------------------------------------------------------
# The stage
# ---------------------------------------------------------------------------------------
def extract_quotes(doc: Doc, entities: list[Entity], index: dict[tuple[int, int], str]) -> list[Quote]:
    text = original_text(doc)
    direct = scan_quotations(text)
    quote_spans = [(q[0].start, q[-1].end) for q in direct]
    resolver = SpeakerResolver(doc, entities, index, quote_spans)

    quoted = bytearray(len(doc))  # 1 for tokens inside quotation marks, computed once
    for qs, qe in quote_spans:
        span = doc.char_span(qs, qe, alignment_mode="expand")
        if span is not None:
            quoted[span.start : span.end] = b"\x01" * len(span)

    def inside_quote(tok: Token) -> bool:
        return quoted[tok.i] == 1

    results: list[tuple[int, Quote]] = []
    used_cues: set[int] = set()

    # ---- direct quotes ----------------------------------------------------------------
    prev_speaker: Speaker | None = None
    prev_cue: Token | None = None
    prev_quote: Quote | None = None
    fragments: list[tuple[int, Quote]] = []
    prev_para_end = -1
    answers = interview_answers(text)
    interviewee = _interviewee(resolver, answers) if answers else None
    for a_start, a_end, label_start, label_end in answers:
        speaker = None
        if interviewee is not None:
            speaker = Speaker(
                name=interviewee.name,
                mention=text[label_start:label_end],
                entity=interviewee.id,
                start=label_start,
                end=label_end,
            )
        results.append(
            (
                a_start,
                Quote(
                    kind="direct",
                    content=text[a_start:a_end],
                    start=a_start,
                    end=a_end,
                    speaker=speaker,
                    cue=None,
                    medium=None,
                ),
            )
        )
    direct = [q for q in direct if not any(a_s <= q[0].start < a_e for a_s, a_e, _, _ in answers)]
    for segs in direct:
        start, end = segs[0].start, segs[-1].end
        content = " ".join(text[s.start : s.end] for s in segs)
        n_words = len(content.split())
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            continue
        para_start = text.rfind("\n", 0, start) + 1
        para_end_idx = text.find("\n", end)
        para_end = len(text) if para_end_idx == -1 else para_end_idx
        # the paragraph the quote opens in (a quote may run over several)
        start_para_end = text.find("\n", start)
        start_para_end = len(text) if start_para_end == -1 else start_para_end
        # the sentences touching the quote, plus the text right outside it
        sents = {t.sent for t in (doc[span.start], doc[max(span.end - 1, span.start)])}
        cue = None
        speaker = None
        continuation = False
        # reporting verbs outside any quotation, nearest to the quote first
        # (plus the words right around the quote: the parser may cut '...?" Graham asked.' off)
        near = {t for t in doc[max(span.start - 8, 0) : min(span.end + 8, len(doc))]}
        cues = [
            tok
            for tok in {t for sent in sents for t in sent} | near
            if para_start <= tok.idx < para_end and not inside_quote(tok) and is_cue(tok) and tok.i not in used_cues
        ]
        # nearest first, but a cue in another sentence ('"... leader." He also said')
        # only when the quote's own sentence has none
        after_ends = bool(re.match(r"[\"”’»']*\s+[A-Z]", text[end + 1 : end + 6])) and content.rstrip().endswith(
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
        intro = _colon_intro(doc, text, start, para_start, inside_quote)
        # ...unless the quote's own '"...," he claimed' follows it in the same sentence
        if intro is not None and any(
            t.idx >= end and subject_of(t) is not None and not SENTENCE_END_RE.search(text, end + 1, t.idx)
            for t in cues
        ):
            intro = None
        if intro is not None:
            cand = resolver.from_subject(subject_of(intro)) if subject_of(intro) is not None else None
            if cand is not None and (is_cue(intro) or cand.entity or subject_of(intro).lower_ in PRONOUNS):
                cues = [intro] + [t for t in cues if t.i != intro.i]
        for tok in cues:
            subj = subject_of(tok)
            if subj is not None and subj.dep_ == "nsubjpass" and tok.lemma_.lower() in ADDRESSEE_VERBS:
                cue = cue or tok  # 'Blumenthal was asked, "...?"': he is asked; who asks is not said
                break
            cand = resolver.from_subject(subj) if subj is not None else resolver.entity_next_to(tok)
            if cand is not None:
                cue, speaker = tok, cand
                break
            if cue is None:
                cue = tok
        # 'Lee has said that while she fears X, "..."': the verb inside the report is not
        # the cue when the verb that reports it has the same speaker
        if cue is not None and speaker is not None and speaker.entity:
            for anc in cue.ancestors:
                if (
                    anc.i < cue.i
                    and not inside_quote(anc)
                    and is_cue(anc)
                    and anc.i not in used_cues
                    and subject_of(anc) is not None
                ):
                    outer = resolver.from_subject(subject_of(anc))
                    if outer is not None and outer.entity == speaker.entity:
                        cue, speaker = anc, outer
                    break
        # "X told reporters:" ending the previous sentence or paragraph
        if cue is None:
            lead = doc.char_span(para_start, start, alignment_mode="contract") if start > para_start else None
            candidates = []
            if lead is not None:
                candidates = [t for t in lead if is_cue(t) and not inside_quote(t)]
            # (start is past the opening mark, so a quote opening its paragraph starts one in)
            if not candidates and start <= para_start + 1 and para_start >= 2:
                prev_end = len(text[:para_start].rstrip())
                prev_para = text.rfind("\n", 0, prev_end) + 1
                if text[:prev_end].endswith(":"):
                    pl = doc.char_span(prev_para, prev_end, alignment_mode="contract")
                    if pl is not None:
                        candidates = [t for t in pl if is_cue(t) and not inside_quote(t)]
                        # 'Jared Potts echoed:' as a paragraph of its own: its last verb with a subject
                        intro = _colon_intro(doc, text, prev_end + 1, prev_para, inside_quote)
                        if intro is not None and intro not in candidates:
                            candidates.append(intro)
                        if not candidates:
                            # 'Pollster Ann Lee:' alone on its line
                            who = resolver.entity_in(prev_para, prev_end - 1, types=("PERSON", "ORG", "MEDIA"))
                            if (
                                who is not None
                                and who[1] >= prev_end - 2
                                and len(text[prev_para:prev_end].split()) <= 6
                            ):
                                s_, e_, eid = who
                                speaker = Speaker(
                                    name=resolver.entities[eid].name, mention=text[s_:e_], entity=eid, start=s_, end=e_
                                )
            for tok in reversed(candidates):
                subj = subject_of(tok)
                cand = resolver.from_subject(subj) if subj is not None else None
                if cand is not None:
                    cue, speaker = tok, cand
                    break
        # "..." — Name
        if speaker is None:
            tail = text[end:para_end]
            m = re.match(r"^[\"”»“'’]?\s*[—–-]{1,2}\s*", tail)
            if m:
                ent = resolver.entity_in(end + m.end(), para_end, types=("PERSON",))
                if ent and ent[0] == end + m.end():
                    s, e, eid = ent
                    speaker = Speaker(name=resolver.entities[eid].name, mention=text[s:e], entity=eid, start=s, end=e)
        # '"...," Texas delegate Bill Eastland, wearing a cowboy hat, said': the parse
        # lost the subject, but what stands between the quote and its cue is the subject
        if speaker is None and cue is not None and cue.idx > end and not SENTENCE_END_RE.search(text, end + 1, cue.idx):
            speaker = resolver.name_between(end + 1, cue.idx)
        # 'Republican pollster Daron Shaw: "..."': a name right before a colon introduces the quote
        if speaker is None and cue is None:
            lead = text[para_start : max(start - 1, para_start)].rstrip()
            if lead.endswith(":"):
                speaker = resolver.name_between(para_start, para_start + len(lead) - 1, at_end=True)
        # the tagger's SOURCE right beside the quote, when the parse gave no cue
        if speaker is None and cue is None:
            tagged = _tagged_source_near(doc, span, para_start, para_end)
            if tagged is not None:
                speaker = resolver.from_span(tagged)
        # a turn continuing ("...," he added. "...") keeps its speaker and cue,
        # in the same paragraph or as the whole next paragraph
        if speaker is None and cue is None and prev_speaker is not None:
            same_para = prev_para_end == start_para_end
            next_para = start <= para_start + 1 and para_start - prev_para_end <= 3 and segs[-1].end >= para_end - 2
            if same_para or next_para:
                speaker, cue = prev_speaker, (prev_cue if same_para else None)
                continuation = same_para  # the next paragraph's turn stays a quote of its own
        if cue is not None and prev_cue is not None and cue.i == prev_cue.i and prev_para_end == start_para_end:
            continuation = True  # '"A," he said. "B."': the lead's verb already reported A
        # scare quotes, titles and quoted terms: short, no cue, not a sentence
        sentence_like = bool(re.search(r"[.!?,…]$", content.strip())) or (content[:1].isupper() and n_words >= 6)
        whole_para = start <= para_start + 1 and end >= para_end - 2
        if cue is None and speaker is None:
            if n_words < 5 or not (sentence_like or whole_para):
                continue
        if n_words < 4 and not sentence_like:
            continue
        if n_words < 5 and not _opens_clause(text, start, para_start):
            continue  # "deplorables," "true," "sex tape": quoted words inside the writer's sentence
        caps = sum(1 for w in content.split() if w[:1].isupper())
        if cue is None and not sentence_like and caps / max(n_words, 1) >= 0.7:
            continue  # a title: "The Truth About Those Who Left"
        if cue is not None and _quote_inside_clause(cue, start, end):
            # a fragment of reported speech: the indirect pass makes it a mixed
            # quote; kept aside in case the parse gives that pass nothing to hold
            opens_sentence = start <= para_start + 1 or re.search(
                r"[.!?:][\"”»’]?\s*[\"“«„‘]?$", text[max(para_start, start - 4) : start]
            )
            if opens_sentence and n_words >= 6:
                fragments.append(
                    (
                        start,
                        Quote(
                            kind="direct",
                            content=content.strip(),
                            start=start,
                            end=end,
                            speaker=speaker,
                            cue=cue_text(cue),
                            medium=medium_of(cue),
                        ),
                    )
                )
            continue
        if cue is not None:
            used_cues.add(cue.i)
        if speaker is not None and speaker.entity:
            resolver.speaker_mentions.add((speaker.start, speaker.entity))
        medium = medium_of(cue) if cue is not None else None
        if medium is None:
            acc = according_to(t for t in doc[span.start].sent if not inside_quote(t))
            if acc:
                medium = doc[acc[0].i : acc[1].right_edge.i + 1].text
        if results and speaker is None and content[:1].islower() and prev_para_end == start_para_end:
            _, last = results[-1]
            if (
                last.kind == "direct"
                and last.end < start
                and start - last.end <= 120
                and re.search(r"[,–—]\s*$", last.content)
            ):
                # '"Every time you say that," Tester said, "you give ammunition..."' is one sentence
                last.join(start, end, content.strip(), " ")
                continue
        if continuation and results and results[-1][1] is prev_quote and prev_quote.end < start:
            # one speech act, one quote (PolNeAR's unit too): the cue between the turns is elided
            prev_quote.join(start, end, content.strip(), " … ")
            prev_para_end = para_end
            continue
        kind = "direct"
        if cue is not None and _embedded(doc, text, start, cue, speaker):
            kind = "mixed"  # a quoted fragment inside the writer's own sentence
        prev_quote = Quote(
            kind=kind, content=content.strip(), start=start, end=end, speaker=speaker, cue=cue_text(cue), medium=medium
        )
        results.append((start, prev_quote))
        prev_speaker, prev_cue = speaker, cue
        prev_para_end = para_end

    # ---- indirect and mixed speech -------------------------------------------------------
    covered = [(q.start, q.end) for _, q in results]

    def overlaps(s: int, e: int) -> bool:
        return any(s < qe and qs < e for qs, qe in covered)

    def free(bounds: tuple[int, int] | None) -> bool:
        """A reported clause no quote has claimed (one that wraps a quote is fine: mixed)."""
        return bounds is not None and (
            not overlaps(*bounds) or any(bounds[0] <= qs and qe <= bounds[1] for qs, qe in covered)
        )

    for sent in doc.sents:
        for tok in sent:
            if tok.pos_ == "NOUN" and tok.lemma_.lower() in NOUN_CUES and not inside_quote(tok):
                _noun_report(doc, tok, results, covered, resolver, quote_spans, used_cues, free)
                continue
            if tok.i in used_cues or inside_quote(tok) or not is_cue(tok):
                continue
            comp = next((c for c in tok.children if c.dep_ in ("ccomp",) and c.i > tok.i), None)
            if comp is None and tok.lemma_.lower() in lexicon.words("clause_anywhere_verbs"):
                comp = next((c for c in tok.children if c.dep_ == "ccomp"), None)
            if comp is None and tok.lemma_.lower() not in CLAUSE_ONLY:
                # '[report], the ambassador confirmed.': the clause before the verb and its comma
                comp = next(
                    (
                        c
                        for c in tok.children
                        if c.dep_ == "ccomp"
                        and c.i < tok.i
                        and doc[c.right_edge.i + 1].text == ","
                        and c.right_edge.i + 1 < tok.i
                    ),
                    None,
                )
            if comp is None and tok.lemma_.lower() not in CLAUSE_ONLY:
                xcomp = next((c for c in tok.children if c.dep_ == "xcomp" and c.i > tok.i), None)
                if xcomp is not None and tok.lemma_.lower() in lexicon.words("infinitive_report_verbs"):
                    comp = xcomp
            subj = subject_of(tok)
            if subj is not None and subj.dep_ == "nsubjpass" and (comp is None or comp.dep_ == "xcomp"):
                continue
            if subj is not None and subj.lower_ in ("i", "we") and not inside_quote(subj):
                continue  # the writer's own asides are not quotes
            if comp is None:
                # parenthetical: "The plan, he said, is dead." / "The plan is dead, he said."
                if subj is not None and tok.dep_ in ("parataxis",) and tok.head.i != tok.i:
                    clause = tok.head
                    lo, hi = clause.left_edge.i, clause.right_edge.i
                    before = [t for t in doc[lo : tok.left_edge.i] if not t.is_space]
                    after = [t for t in doc[tok.right_edge.i + 1 : hi + 1] if not t.is_space]
                    while before and before[-1].is_punct:
                        before.pop()
                    while after and after[0].is_punct:
                        after.pop(0)
                    while after and after[-1].is_punct:
                        after.pop()
                    pieces = [p for p in (before, after) if len(p) >= 2]
                    if pieces and sum(len(p) for p in pieces) >= 4:
                        s_char, e_char = pieces[0][0].idx, pieces[-1][-1].idx + len(pieces[-1][-1])
                        content = " ".join(original_text(doc)[p[0].idx : p[-1].idx + len(p[-1])] for p in pieces)
                        _add_indirect(
                            results,
                            covered,
                            doc,
                            s_char,
                            e_char,
                            tok,
                            subj,
                            resolver,
                            quote_spans,
                            used_cues,
                            content=content,
                        )
                continue
            if subj is None:
                continue
            bounds = _clause_bounds(doc, comp, min_tokens=2)
            if not free(bounds):
                continue
            _add_indirect(results, covered, doc, *bounds, tok, subj, resolver, quote_spans, used_cues)

    # "Graham: Trump's plan is hateful" (headlines, summaries): a named speaker, a colon, the claim
    for m in re.finditer(r"(?m)^(?P<who>[^\n:]{2,60}?):\s+(?P<what>[^\n]{12,})$", text):
        s_char, e_char = m.start("what"), m.end("what")
        # quotes found inside the claim with nobody to say them are part of it:
        # 'Ryan: ‘Anti-Semitic Images’ Have ‘No Place In A Presidential Campaign.’'
        claimed = any(
            q.start < e_char
            and s_char < q.end
            and not (s_char - 1 <= q.start and q.end <= e_char + 1 and q.speaker is None)
            for _, q in results
        )
        if claimed or QA_LINE_RE.match(m.group()):
            continue
        who = resolver.entity_in(m.start("who"), m.end("who"), types=("PERSON", "ORG", "MEDIA"))
        if who is None or len(m.group("who").split()) > 6 or who[1] < m.end("who") - 1:
            continue  # the name must end the prefix: "Obama:", "Senator Lindsey Graham:"
        s, e, eid = who
        speaker = Speaker(name=resolver.entities[eid].name, mention=text[s:e], entity=eid, start=s, end=e)
        inner = [(qs, qe) for qs, qe in quote_spans if s_char - 1 <= qs and qe <= e_char + 1]
        if len(inner) == 1 and inner[0][0] <= s_char + 1 and inner[0][1] >= e_char - 1:
            kind = "direct"
        else:
            kind = "mixed" if inner else "indirect"
        results[:] = [(p, q) for p, q in results if not (s_char - 1 <= q.start and q.end <= e_char + 1)]
        results.append(
            (
                s_char,
                Quote(
                    kind=kind,
                    content=text[s_char:e_char].strip('"“”«»„ '),
                    start=s_char,
                    end=e_char,
                    speaker=speaker,
                    cue=":",
                    medium=None,
                ),
            )
        )
        covered.append((s_char, e_char))

    # "according to X, ..." with no reporting verb
    for sent in doc.sents:
        acc = according_to(t for t in sent if not inside_quote(t))
        if not acc:
            continue
        according, pobj = acc
        if any(qs <= sent.start_char and sent.end_char <= qe for qs, qe in covered) or overlaps(
            sent.start_char, sent.end_char
        ):
            continue
        pp_lo, pp_hi = according.i, pobj.right_edge.i
        rest = [t for t in sent if not (pp_lo <= t.i <= pp_hi) and not t.is_punct and not t.is_space]
        if len(rest) < 4:
            continue
        s_char, e_char = rest[0].idx, rest[-1].idx + len(rest[-1])
        speaker = resolver.from_subject(pobj)
        if speaker is None:
            continue
        content = text[s_char:e_char]
        kind = "mixed" if any(s_char <= qs and qe <= e_char for qs, qe in quote_spans) else "indirect"
        results = (
            [(p, q) for p, q in results if not (s_char <= q.start and q.end <= e_char)] if kind == "mixed" else results
        )
        results.append(
            (
                s_char,
                Quote(
                    kind=kind,
                    content=content,
                    start=s_char,
                    end=e_char,
                    speaker=speaker,
                    cue="according to",
                    medium=None,
                ),
            )
        )
        covered.append((s_char, e_char))

    for pos, quote in fragments:
        if not any(q.start <= quote.start and quote.end <= q.end for _, q in results):
            results.append((pos, quote))
            covered.append((quote.start, quote.end))

    # attributions the trained tagger found where the rules found none
    for quote in _model_attributions(doc, text, resolver, covered, quote_spans):
        results.append((quote.start, quote))

    results.sort(key=lambda x: x[0])
    return [q for _, q in results]


def _add_indirect(results, covered, doc, s_char, e_char, verb, subj, resolver, quote_spans, used_cues, content=None):
    text = original_text(doc)
    speaker = resolver.from_subject(subj)
    if speaker is None and subj.lower_ not in ("i", "we"):
        # an unresolved pronoun or an empty subject: unclear speaker, keep the quote
        speaker = None
    inner = [(qs, qe) for qs, qe in quote_spans if s_char <= qs and qe <= e_char]
    kind = "mixed" if inner else "indirect"
    whole = [
        (qs, qe) for qs, qe in quote_spans if qs <= s_char + 1 and e_char - 1 <= qe <= e_char + 2 and s_char - 1 <= qs
    ]
    if (
        whole
        and content is None
        and not text[max(0, whole[0][0] - 8) : whole[0][0]].rstrip(" \"“”«»„'‘’").lower().endswith("that")
    ):
        # 'Trump said of the episode, "I don't like it," adding …': the reported clause is
        # the quotation itself (its closing comma inside the marks), so a direct quote
        s_char, e_char = whole[0]
        inner, kind = whole, "direct"
        content = text[s_char:e_char].strip()
    if inner:
        # the quoted fragment is part of this report, not a quote of its own
        results[:] = [(p, q) for p, q in results if not (s_char - 1 <= q.start and q.end <= e_char + 1)]
    content = content or text[s_char:e_char]
    results.append(
        (
            s_char,
            Quote(
                kind=kind,
                content=content,
                start=s_char,
                end=e_char,
                speaker=speaker,
                cue=cue_text(verb),
                medium=medium_of(verb),
            ),
        )
    )
    covered.append((s_char, e_char))
    used_cues.add(verb.i)
    if speaker is not None and speaker.entity:
        resolver.speaker_mentions.add((speaker.start, speaker.entity))


def _noun_report(doc, noun, results, covered, resolver, quote_spans, used_cues, free) -> None:
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
    bounds = _clause_bounds(doc, comp, min_tokens=3)
    if not free(bounds):
        return
    _add_indirect(results, covered, doc, *bounds, noun, owner, resolver, quote_spans, used_cues)


def _clause_bounds(doc: Doc, comp: Token, min_tokens: int) -> tuple[int, int] | None:
    """Character span of a reported clause, without its complementiser ("that")
    and outer punctuation (a closing quotation mark stays); None if too short."""
    lo, hi = comp.left_edge.i, comp.right_edge.i
    for child in comp.children:
        # '... that he was in therapy and vowed to change': a second report by the
        # same speaker the parser hung on the clause ends it
        if (
            child.dep_ == "conj"
            and child.i > comp.i
            and child.pos_ == "VERB"
            and child.lemma_.lower() in SPEECH_VERBS
            and child.lemma_.lower() not in STATE_LEMMAS
            and not any(c.dep_ in ("nsubj", "nsubjpass") for c in child.children)
        ) or (
            child.dep_ == "advcl"
            and child.i > comp.i
            and child.left_edge.i > comp.i
            and (
                (
                    child.tag_ == "VBG"
                    and doc[child.left_edge.i - 1].text == ","
                    and not any(c.dep_ == "mark" for c in child.children)
                )
                or any(m.dep_ == "mark" and m.lower_ in NARRATION_MARKS for m in child.children)
            )
        ):
            cut = child.left_edge.i - 1
            while cut > comp.i and (doc[cut].dep_ == "cc" or doc[cut].is_punct):
                cut -= 1
            hi = min(hi, cut)
    # 'While Clinton claimed that the videos exist, experts affirm …': a subordinate
    # clause parsed as the whole sentence swallows the main clause; the report ends
    # at the comma before the main clause's subject
    cue = comp.head
    if cue.dep_ == "ROOT" and any(c.dep_ == "mark" and c.lower_ in SUBORDINATORS and c.i < cue.i for c in cue.children):
        for i in range(comp.i + 1, hi):
            if doc[i].text == "," and any(
                t.dep_ in ("nsubj", "nsubjpass") and i < t.i < t.head.i <= hi for t in doc[i + 1 : min(hi, i + 7) + 1]
            ):
                hi = i - 1
                break
    # the writer's aside closing the clause: '... it would be Trump, who has a big lead'
    for tok in doc[comp.i + 1 : hi + 1]:
        if (
            tok.dep_ == "relcl"
            and tok.right_edge.i >= hi - 1
            and tok.left_edge.i > comp.i + 2
            and doc[tok.left_edge.i].lower_ in ("who", "which")
            and doc[tok.left_edge.i - 1].text == ","
        ):
            hi = tok.left_edge.i - 2
            break
    while lo <= hi and ((doc[lo].dep_ == "mark" and doc[lo].lower_ in ("that", "whether", "if")) or doc[lo].is_punct):
        lo += 1
    while hi > lo and ((doc[hi].is_punct and doc[hi].text not in ('"', "”", "»", "’")) or _dangling(doc[hi])):
        hi -= 1
    if hi - lo + 1 < min_tokens:
        return None
    return doc[lo].idx, doc[hi].idx + len(doc[hi])


def _dangling(tok: Token) -> bool:
    """A word that cannot end a cut clause: 'and', 'though', the 'even' of 'even though'."""
    nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    return tok.dep_ in ("cc", "mark") or (tok.dep_ == "advmod" and nxt is not None and nxt.dep_ == "mark")


def _model_attributions(
    doc: Doc, text: str, resolver: SpeakerResolver, covered: list[tuple[int, int]], quote_spans
) -> list[Quote]:
    """Quotes from the tagger's CONTENT spans that no rule covered, each with the
    nearest CUE and SOURCE the tagger marked in the same sentence."""
    spans = attribution_spans(doc)
    if not spans:
        return []
    cues = [doc[s:e] for s, e, label in spans if label == "CUE"]
    sources = [doc[s:e] for s, e, label in spans if label == "SOURCE"]
    out: list[Quote] = []
    for s, e, label in spans:
        if label != "CONTENT":
            continue
        content = doc[s:e]
        while len(content) > 1 and (
            (content[-1].is_punct and content[-1].text not in "\"”»'’")
            or content[-1].is_space
            or _dangling(content[-1])
        ):
            content = content[:-1]
        if len([t for t in content if not t.is_punct]) < 2:
            continue
        np_only = not any(t.pos_ in ("VERB", "AUX") for t in content) and not any(t.text in '"“”«»„' for t in content)
        c_start, c_end = content.start_char, content.end_char
        overlap = sum(min(c_end, qe) - max(c_start, qs) for qs, qe in covered if qs < c_end and c_start < qe)
        if overlap > 0.3 * (c_end - c_start):
            continue
        sent_lo, sent_hi = content.sent.start, content[-1].sent.end
        near = lambda spans_, lo=sent_lo, hi=sent_hi: [x for x in spans_ if lo <= x.start and x.end <= hi]
        # nearest cue first, but one across a sentence end ('... .” He also said') only as a fallback
        cue_spans = sorted(
            near(cues),
            key=lambda c: (
                _sentence_between(text, c, content),
                min(abs(c.start - content.end), abs(c.end - content.start)),
            ),
        )
        if not cue_spans:
            continue  # no reporting phrase: not an attribution we can vouch for
        cue = cue_spans[0]
        if np_only and not any(t.lemma_.lower() in SPEECH_VERBS for t in cue):
            continue  # a bare noun phrase ("the study", "an offering") is something said only after a verb of saying
        # a source inside the content is a name the words mention, not who says them
        source_spans = sorted(
            (x for x in near(sources) if x.end <= content.start or x.start >= content.end),
            key=lambda x: min(abs(x.start - cue.end), abs(x.end - cue.start)),
        )
        speaker = None
        verb = next((t for t in cue if t.pos_ in ("VERB", "AUX")), cue.root)
        subj = subject_of(verb)
        if (
            subj is not None
            and subj.lower_ in ("i", "we")
            and not (content.start <= subj.i < content.end)
            and not any(qs <= subj.idx < qe for qs, qe in quote_spans)
        ):
            continue  # the writer's own view ("I tell myself that ..."), as in the rules above
        if subj is not None and not (content.start <= subj.i < content.end):
            speaker = resolver.from_subject(subj)
        if speaker is None and source_spans:
            speaker = resolver.from_span(source_spans[0])
        if speaker is None:
            speaker = resolver.entity_next_to(verb)
        inner = [(qs, qe) for qs, qe in quote_spans if c_start - 1 <= qs and qe <= c_end + 1]
        kind = "mixed" if inner else "indirect"
        out.append(
            Quote(
                kind=kind,
                content=text[c_start:c_end],
                start=c_start,
                end=c_end,
                speaker=speaker,
                cue=text[cue.start_char : cue.end_char],
                medium=medium_of(verb),
            )
        )
        covered.append((c_start, c_end))
        if speaker is not None and speaker.entity:
            resolver.speaker_mentions.add((speaker.start, speaker.entity))
    return out


def _sentence_between(text: str, a: Span, b: Span) -> bool:
    """A sentence ends in the text between two spans of the same doc."""
    lo, hi = (a.end_char, b.start_char) if a.end_char <= b.start_char else (b.end_char, a.start_char)
    return bool(SENTENCE_END_RE.search(text, lo, hi)) if lo < hi else False


def _tagged_source_near(doc: Doc, span: Span, para_start: int, para_end: int) -> Span | None:
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
