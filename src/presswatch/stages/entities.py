"""Stage `entities`: one entity per real person or body within an article.

Input: a parsed spaCy `Doc` of the cleaned text. Output: a list of `Entity`
(canonical name, type, aliases, roles, mentions) and an index from character
offsets to entity ids, used by the `quotes` stage to link speakers.

spaCy's NER finds the mentions; names in other scripts that the English model
misses are picked up as capitalised Cyrillic runs. Mentions are grouped with
`presswatch.names` (rigour/ICU transliteration + name comparison): full names
first, then surname-only mentions join the unique (or the nearest preceding)
person with that surname."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from rigour.names import remove_person_prefixes
from spacy.tokens import Doc, Span

from .. import lexicon
from ..document import Entity, Mention
from ..names import (
    CYRILLIC_RE,
    POSSESSIVE_RE,
    SLAVIC_SURNAME_RE,
    acronym,
    country_of_word,
    fold,
    generation,
    given_match,
    is_generic_body,
    name_tokens,
    org_core,
    org_match,
    person_match,
    same_token,
)
from ..nlp import extensions as _extensions  # noqa: F401  (declares doc._.original_text)

LABELS = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "GPE", "LOC": "GPE", "NORP": "NORP", "FAC": "GPE"}
# A name with a media word or an outlet's name in it, or a web address, is a news outlet's.
MEDIA_NAME_RE = re.compile(
    r"\b(" + "|".join(re.escape(w) for w in lexicon.entries("media_words") + lexicon.entries("media_brands")) + r")\b"
    r"|\.(com|org|net|by|ua|ru|news)\b",
    re.I,
)
REPORTING_LEMMAS = lexicon.words("media_reporting_verbs")
CYRILLIC_NAME_RE = re.compile(
    r"(?<![\w])[А-ЯЁІЎЄЇҐ][а-яёіўєїґ'’ʼ]+(?:[\s\-][А-ЯЁІЎЄЇҐ][а-яёіўєїґ'’ʼ]+){0,2}"
    r"(?:[\s-](?:молодший|младший|малодшы|старший|старэйшы)\b)?"
)
_CYR_WORD = r"[А-ЯЁІЎЄЇҐа-яёіўєїґ][а-яёіўєїґ'’ʼ-]*"
_UPPER, _LOWER = "A-ZА-ЯЁІЎЄЇҐ", "a-zа-яёіўєїґ'’ʼ"
LISTED_NAME_RE = re.compile(
    rf"(?<![\w-])([{_UPPER}]{{3,}}(?:-[{_UPPER}]{{2,}})?)[ \t]+([{_UPPER}][{_LOWER}]+|[{_UPPER}]\.)"
    rf"(?:[ \t]+(?:[{_UPPER}][{_LOWER}]+|[{_UPPER}]\.))?(?![\w-])"
)
QUOTED_CYRILLIC_NAME_RE = re.compile(rf"[«\"“]([А-ЯЁІЎЄЇҐ][а-яёіўєїґ'’ʼ-]+(?:\s{_CYR_WORD}){{1,4}})[»\"”]")
# What follows a body's name to give another name of it: "(Minprom)",
# "(BCW, ОАО «Беларускі кабельны завод»)", ", known in Russian-language media as Yuzhenergo".
ALIAS_AFTER_RE = re.compile(
    r"\s*(?:\((?:[A-Z][A-Z0-9]{1,7},\s*)?(?:[А-ЯЁІЎ]{2,4}\s+)?[«\"“]?"
    r"(?P<paren>[A-Z][a-z]{3,}|[А-ЯЁІЎЄЇҐ][а-яёіўєїґ'’ʼ]+(?:-[А-ЯЁІЎЄЇҐа-яёіўєїґ][а-яёіўєїґ'’ʼ]*)*(?:\s"
    + _CYR_WORD
    + r"){0,4})"
    r"[»\"”]?\)"
    r"|,\s+(?:also\s+)?known\s+(?:[a-z-]+\s+){0,4}as\s+[«\"“]?(?P<known>[A-ZА-ЯЁІЎЄЇҐ][\w'’-]+(?:\s[A-ZА-ЯЁІЎЄЇҐ][\w'’-]+){0,3})[»\"”]?)"
)
ROLE_DEPS = {"compound", "amod", "nmod", "poss", "nn"}
TITLE_RE = re.compile(r"^(?:(?:" + "|".join(re.escape(t) for t in lexicon.entries("person_titles")) + r")\s+)+", re.I)


@dataclass
class _Cluster:
    type: str
    mentions: list[tuple[int, int, str, str]] = field(default_factory=list)  # start, end, text, name
    roles: list[str] = field(default_factory=list)
    tokens: tuple[str, ...] = ()  # longest name tokens (persons)

    @property
    def cyrillic(self) -> bool:
        """Named in Cyrillic, where surnames are declined ("Ковалёва" = of Ковалёв)."""
        return any(CYRILLIC_RE.search(m[3]) for m in self.mentions)

    def add_mention(self, start: int, end: int, text: str, name: str, title: str | None, span: Span | None) -> None:
        """A mention, with the title it carried and the roles around it."""
        self.mentions.append((start, end, text, name))
        if title:
            self.add_role(title)
        if span is not None:
            for role in _roles_from_context(span):
                self.add_role(role)

    def add_role(self, role: str) -> None:
        role = " ".join(role.split()).strip(" ,.;:-–—")
        role = re.sub(r"^(?:the|a|an|his|her|their|its)\s+", "", role, flags=re.I)
        if role and len(role) > 2 and role.lower() not in {r.lower() for r in self.roles} and not role[0].isdigit():
            self.roles.append(role)


def _mention_name(text: str, label: str) -> tuple[str, str | None]:
    """Canonical-ready name of a mention and the title it carried ('President')."""
    text = POSSESSIVE_RE.sub("", text.strip())
    text = re.sub(r"^(?:the)\s+", "", text, flags=re.I) if label != "PERSON" else text
    title = None
    if label == "PERSON":
        m = TITLE_RE.match(text)
        if m and m.end() < len(text):
            title = m.group().strip()
            text = text[m.end() :]
        else:
            stripped = remove_person_prefixes(text)
            if stripped and stripped != text and text.endswith(stripped):
                title = text[: len(text) - len(stripped)].strip()
                text = stripped
    text = text.strip(" ,.;:")
    if label == "PERSON":
        # "Minister of Industry Oleg Gavrilov" leaves "Industry Oleg Gavrilov": the
        # portfolio before a full name belongs to the title
        words = text.split()
        while len(words) >= 3 and words[0].lower() in PORTFOLIOS:
            title = f"{title} {words[0]}".strip() if title else words[0]
            words = words[1:]
        text = " ".join(words)
    return text, title


# The kinds of portfolio a title names ("Minister of Industry", "Energy Minister").
PORTFOLIOS = lexicon.words("title_portfolios")


DEFINED_ACRONYM_RE = re.compile(
    r"\b((?:[A-Z][\w'’-]*\s+(?:(?:of|the|and|for|on|in)\s+)*){1,7}[A-Z][\w'’-]*)\s*\(([A-Z][A-Z0-9]{1,7})\)"
)


def _defined_acronyms(doc: Doc, others: list[_Cluster], persons: list[_Cluster]) -> None:
    """'The Eastern Europe Transparency Initiative (EETI)': a name the article
    defines with its acronym is one organisation, whatever the model made of its
    words (often a place plus a stray ORG)."""
    text = _text(doc)
    for m in DEFINED_ACRONYM_RE.finditer(text):
        full, acro = m.group(1), m.group(2)
        words = full.split()
        if words[0] in ("The", "A", "An") and len(words) > 2:
            words = words[1:]
            full = " ".join(words)
        # the acronym may cover only the last words of a longer capitalised run
        for i in range(len(words)):
            tail = " ".join(words[i:])
            if acronym(tail) == acro.lower() and len(words) - i >= 2:
                end = m.end(1)
                start = end - len(tail)
                break
        else:
            continue
        if any(s < end and start < e for c in persons for s, e, _, _ in c.mentions):
            continue
        overlapping = [c for c in others if any(s < end and start < e for s, e, _, _ in c.mentions)]
        target = next((c for c in overlapping if c.type in ("ORG", "MEDIA")), None) or _Cluster(type="ORG")
        for c in overlapping:
            c.mentions = [x for x in c.mentions if not (x[0] < end and start < x[1])]
        if target not in others:
            others.append(target)
        name = text[start:end]
        target.mentions.append((start, end, name, name))
        target.mentions.append((m.start(2), m.end(2), acro, acro))
    others[:] = [c for c in others if c.mentions]


def _defined_aliases(doc: Doc, others: list[_Cluster], persons: list[_Cluster]) -> None:
    """Another name a body is given right after its name: a short form in
    brackets ("Ministry of Industry of the Republic of Belarus (Minprom)"), its
    name in Cyrillic ("Belarusian Cable Plant (Белорусский кабельный завод)"),
    or "X, known in Russian media as Y". The other name is a mention of the same body."""
    text = _text(doc)
    person_spans = [(s, e) for c in persons for s, e, _, _ in c.mentions]
    for c in list(others):
        if c.type not in ("ORG", "MEDIA"):
            continue
        for _s, end, _t, _n in list(c.mentions):
            m = ALIAS_AFTER_RE.match(text, end)
            if not m:
                continue
            group = "paren" if m.group("paren") else "known"
            start, stop = m.start(group), m.end(group)
            # a person made of this name alone was a misreading ("Норд-Агро Трейдинг" as a name)
            for p in persons:
                if p.mentions and all(start <= s and e <= stop for s, e, _, _ in p.mentions):
                    p.mentions = []
            persons[:] = [p for p in persons if p.mentions]
            person_spans = [(s, e) for p in persons for s, e, _, _ in p.mentions]
            if any(s < stop and start < e for s, e in person_spans):
                continue
            for other in others:
                if other is not c:
                    other.mentions = [x for x in other.mentions if not (x[0] < stop and start < x[1])]
            if not any(x[0] == start and x[1] == stop for x in c.mentions):
                alias = text[start:stop]
                c.mentions.append((start, stop, alias, alias))
                # the alias may already be a body of its own elsewhere in the article
                for other in others:
                    if (
                        other is not c
                        and other.type in ("ORG", "MEDIA")
                        and other.mentions
                        and any(org_match(alias, x[3]) for x in other.mentions)
                    ):
                        c.mentions.extend(other.mentions)
                        other.mentions = []
    others[:] = [c for c in others if c.mentions]


def _text(doc: Doc) -> str:
    """The article text (kept by nlp.parse: spaCy rebuilds `doc.text` on every access)."""
    text = doc._.original_text
    if text is None:
        text = doc._.original_text = doc.text
    return text


class _Taken:
    """Which characters of the text already belong to a mention (O(1) overlap tests)."""

    def __init__(self, text: str, spans):
        self.marks = bytearray(len(text) + 1)
        for s, e in spans:
            self.add(s, e)

    def add(self, start: int, end: int) -> None:
        self.marks[start:end] = b"\x01" * (end - start)

    def free(self, start: int, end: int) -> bool:
        return not any(self.marks[start:end])


def _names_regex(names) -> re.Pattern | None:
    """One pattern for all the names, longest first, as whole words."""
    names = sorted(set(names), key=len, reverse=True)
    if not names:
        return None
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(n) for n in names) + r")(?![\w-])")


def _acronym_mentions(doc: Doc, others: list[_Cluster], taken: _Taken) -> None:
    """'Ural-Baltic Pipeline Company (UBPC)': once an organisation is named in
    full, its acronym elsewhere in the article is a mention the model may miss."""
    owner: dict[str, _Cluster] = {}
    for c in others:
        if c.type not in ("ORG", "MEDIA"):
            continue
        for name in {m[3] for m in c.mentions}:
            acro = acronym(name).upper()
            if len(acro) >= 3 and len(name.split()) >= 3:
                owner.setdefault(acro, c)
    pattern = _names_regex(owner)
    if pattern is None:
        return
    for m in pattern.finditer(_text(doc)):
        if taken.free(m.start(), m.end()):
            owner[m.group()].mentions.append((m.start(), m.end(), m.group(), m.group()))
            taken.add(m.start(), m.end())


def _repeat_mentions(doc: Doc, clusters: list[_Cluster], taken: _Taken) -> None:
    """A name the model tagged once is the same name where it missed it later in
    the article ("Pivdenenergo said ... Pivdenenergo's licence"): one sense per
    article. Skipped where the word is part of a longer capitalised name."""
    text = _text(doc)
    owner: dict[str, tuple[_Cluster, str]] = {}
    for c in clusters:
        for _, _, written, name in c.mentions:
            if len(written) >= 4 and written[:1].isupper():
                owner.setdefault(written, (c, name))
    pattern = _names_regex(owner)
    if pattern is None:
        return
    for m in pattern.finditer(text):
        start, end = m.start(), m.end()
        if not taken.free(start, end):
            continue
        before = text[max(0, start - 30) : start].rstrip(" ")
        after = text[end : end + 30].lstrip(" ")
        if (before[-1:].isalpha() and before.split()[-1][:1].isupper() and not _sentence_start(text, start)) or after[
            :1
        ].isupper():
            continue
        c, name = owner[m.group()]
        c.mentions.append((start, end, m.group(), name))
        taken.add(start, end)


def _sentence_start(text: str, pos: int) -> bool:
    before = text[max(0, pos - 8) : pos].rstrip(" ")  # a window: copying the whole prefix made this quadratic
    return not before or before[-1] in '.!?\n"“”«»:'


def _listed_names(text: str) -> list[tuple[int, int]]:
    """Register-style names, "LOBANOV Serhii Mykolaiovych", "ЛАБАНАЎ Сяргей": a
    surname in capitals shaped like a Slavic one, then given name and patronymic.
    The model cuts these in pieces and types them at random."""
    out = []
    for m in LISTED_NAME_RE.finditer(text):
        surname = m.group(1)
        if SLAVIC_SURNAME_RE.search(fold(surname)) and not surname.endswith("S"):
            out.append((m.start(), m.end()))
    return out


def _dateline_word(text: str, tok) -> bool:
    """'MINSK' in "MINSK, May 3 -": a place opening a line, not an acronym."""
    line_start = text.rfind("\n", 0, tok.idx) + 1
    return not text[line_start : tok.idx].strip()


def _candidate_spans(doc: Doc) -> list[tuple[int, int, str, str, Span | None]]:
    """(start_char, end_char, text, type, span) of name mentions, in text order."""
    out = []
    taken = []
    source_text = _text(doc)
    listed = _Taken(source_text, [])
    for start, end in _listed_names(source_text):
        out.append((start, end, source_text[start:end], "PERSON", None))
        taken.append((start, end))
        listed.add(start, end)
    for ent in doc.ents:
        label = LABELS.get(ent.label_)
        if (
            ent.label_ == "WORK_OF_ART"
            and NAME_SHAPED_RE.fullmatch(ent.text)
            and listed.free(ent.start_char, ent.end_char)
        ):
            # a respelling in quotes ('a memo signed "S. Labanau"') is read as a title: a name only
            # if it turns out to be a known person's (see link_entities)
            out.append((ent.start_char, ent.end_char, ent.text, "NAME?", None))
            taken.append((ent.start_char, ent.end_char))
            continue
        if not label or not listed.free(ent.start_char, ent.end_char):
            continue
        # spaCy sometimes folds a trailing possessive or leading "the" into the span,
        # or the blank lines after a name
        start, end = ent.start_char, ent.end_char
        end = start + len(source_text[start:end].rstrip())
        text = source_text[start:end]
        if text.lower().startswith("the "):
            start += 4
            text = text[4:]
        m = POSSESSIVE_RE.search(text)
        if (m and label != "PERSON") or (m and m.group() in ("'s", "’s")):
            end -= len(m.group())
            text = text[: len(text) - len(m.group())]
        if "(" in text and ")" not in text:  # "Ministry of Transport (Mintrans": the bracket is another name
            end = start + len(text[: text.index("(")].rstrip())
            text = source_text[start:end]
        if not text.strip() or not any(ch.isalpha() for ch in text):
            continue
        out.append((start, end, text, label, ent))
        taken.append((start, end))
    marks = _Taken(source_text, taken)
    # A quoted Cyrillic phrase of a few words with only the first capitalised, in
    # an English article, is a body's name as Russian and Belarusian write them
    # ('issued as «Белорусский кабельный завод»'); capitalised words are left to
    # the person rule below.
    for m in QUOTED_CYRILLIC_NAME_RE.finditer(source_text):
        words = m.group(1).split()
        if len(words) >= 2 and all(w[:1].islower() for w in words[1:]) and marks.free(m.start(1), m.end(1)):
            out.append((m.start(1), m.end(1), m.group(1), "ORG", None))
            marks.add(m.start(1), m.end(1))
    for m in CYRILLIC_NAME_RE.finditer(source_text):
        if not marks.free(m.start(), m.end()):
            continue
        out.append((m.start(), m.end(), m.group(), "PERSON?", None))
        marks.add(m.start(), m.end())
    # capitalised words the model left untagged: kept only if they turn out to be
    # a known person's surname in another spelling ("Lukashenka" after "Lukashenko")
    # Runs of two or three such words ("Aleh Haurylau") are kept as a whole: a
    # name-shaped run is a person (see link_entities), and its surname alone must
    # not be given to a namesake.
    # A run may also be what the model called a title or a product: a respelling
    # quoted in the text ('German papers write "Oleg Gawrilow"') comes out as WORK_OF_ART.
    # A run right after a one-word PERSON completes it ("Mikalai" + "Sushchenia"); a
    # run ending in an organisation word completes the place or body before it
    # ("Eastern Europe" + "Transparency Initiative").
    ends = {c[1]: i for i, c in enumerate(out)}
    run: list = []
    for tok in list(doc) + [None]:
        free = (
            tok is not None
            and tok.pos_ == "PROPN"
            and tok.text[:1].isupper()
            and tok.text.isalpha()
            and tok.ent_type_ not in LABELS
            and marks.free(tok.idx, tok.idx + len(tok))
        )
        if free and (not run or (tok.i == run[-1].i + 1 and not tok.is_sent_start)):
            run.append(tok)
            continue
        before = ends.get(run[0].idx - 1) if run and len(run) <= 3 and not run[0].is_sent_start else None
        if before is not None and source_text[run[0].idx - 1] == " ":
            start, _end, was, label, ent = out[before]
            if label == "PERSON" and " " not in was.strip() and len(run) <= 2:
                new_label = "PERSON"
            elif label in ("ORG", "GPE", "NORP") and ORG_WORD_RE.fullmatch(run[-1].text):
                new_label = "ORG"
            else:
                new_label = None
            if new_label:
                end = run[-1].idx + len(run[-1])
                out[before] = (start, end, source_text[start:end], new_label, ent)
                run = [tok] if free else []
                continue
        if 2 <= len(run) <= 3:
            start, end = run[0].idx, run[-1].idx + len(run[-1])
            out.append((start, end, source_text[start:end], "NAME?", None))
        elif (
            len(run) == 1
            and run[0].text.isupper()
            and 3 <= len(run[0]) <= 6
            and not _dateline_word(source_text, run[0])
        ):
            # an acronym the article does not spell out ("BTEC"): a body, linked by the corpus to its full name
            t = run[0]
            out.append((t.idx, t.idx + len(t), t.text, "ORG", None))
        elif len(run) == 1 and len(run[0]) > 3:
            t = run[0]
            out.append((t.idx, t.idx + len(t), source_text[t.idx : t.idx + len(t)], "SURNAME?", None))
        run = [tok] if free else []
    out.sort(key=lambda x: x[0])
    return out


def _roles_from_context(span: Span) -> list[str]:
    """Titles and appositions around a person mention: 'Kremlin spokesman Dmitry Peskov', 'Peskov, the Kremlin spokesman,'."""
    roles = []
    head = span.root
    left = [t for t in head.lefts if t.i < span.start and t.dep_ in ROLE_DEPS and t.ent_type_ not in ("PERSON",)]
    if left:
        first = min(t.left_edge.i for t in left)
        role = span.doc[first : span.start]
        if any(t.pos_ in ("NOUN", "PROPN") for t in role) and not any(t.ent_type_ == "PERSON" for t in role):
            roles.append(role.text)
    for child in head.rights:
        if child.dep_ == "appos" and child.i >= span.end and child.ent_type_ != "PERSON":
            sub = span.doc[child.left_edge.i : child.right_edge.i + 1]
            if len(sub) <= 12 and any(t.pos_ == "NOUN" for t in sub):
                roles.append(sub.text)
    if head.dep_ == "appos" and head.head.ent_type_ != "PERSON" and head.head.pos_ == "NOUN":
        h = head.head
        sub = span.doc[h.left_edge.i : h.i + 1]
        if len(sub) <= 8:
            roles.append(sub.text)
    return roles


def _is_media_context(span: Span | None) -> bool:
    if span is None:
        return False
    head = span.root
    if head.dep_ in ("nsubj",) and head.head.lemma_ in REPORTING_LEMMAS:
        return True
    if (
        head.dep_ == "pobj"
        and head.head.lower_ == "to"
        and head.head.i > 0
        and span.doc[head.head.i - 1].lower_ == "according"
    ):
        return True
    return False


def link_entities(doc: Doc) -> tuple[list[Entity], dict[tuple[int, int], str]]:
    """Group the doc's name mentions into entities. Returns the entities and {(start, end): entity id}."""
    candidates = _candidate_spans(doc)
    persons: list[_Cluster] = []
    others: list[_Cluster] = []
    pending_surnames = []
    pending_cyrillic = []

    pending_mistyped = []

    def add_other(start, end, text, name, label, span) -> None:
        if label == "ORG":
            name = _qualified_body(_text(doc), start, name)
        cluster = next((c for c in others if c.type in (label, "MEDIA") and org_match(c.mentions[0][3], name)), None)
        if cluster is None:
            etype = "MEDIA" if label == "ORG" and (MEDIA_NAME_RE.search(name) or _is_media_context(span)) else label
            cluster = _Cluster(type=etype)
            others.append(cluster)
        elif label == "ORG" and cluster.type == "ORG" and _is_media_context(span):
            cluster.type = "MEDIA"
        cluster.mentions.append((start, end, text, name))

    # Full person names first (they anchor surname-only mentions).
    for start, end, text, label, span in candidates:
        if label in ("ORG", "GPE") and _person_shaped(text):
            label = "PERSON"  # "Dzianis Labanau" typed ORG: a person before any surname looks for one
        if label in ("PERSON?", "SURNAME?", "NAME?"):
            pending_cyrillic.append((start, end, text, label))
            continue
        name, title = _mention_name(text, label)
        if not name:
            continue
        if label == "PERSON":
            toks = name_tokens(name)
            if not toks:
                continue
            if len(toks) == 1:
                pending_surnames.append((start, end, text, name, title, span))
                continue
            cluster = next((c for c in persons if person_match(c.tokens, toks) and len(c.tokens) >= 2), None)
            if cluster is None:
                cluster = _Cluster(type="PERSON", tokens=toks)
                persons.append(cluster)
            elif len(toks) > len(cluster.tokens):
                cluster.tokens = toks
            cluster.add_mention(start, end, text, name, title, span)
        else:
            toks = name_tokens(name)
            if label in ("ORG", "NORP") and len(toks) == 1 and name[:1].isupper():
                # spaCy sometimes types a surname as ORG: "Ibarra said" after "Raúl Ibarra";
                # which namesake it is waits until every full name is known
                pending_mistyped.append((start, end, text, name, label, span))
                continue
            add_other(start, end, text, name, label, span)

    def attach(start, end, text, name, title, span, toks) -> bool:
        cyr = bool(CYRILLIC_RE.search(name))
        matches = [c for c in persons if person_match(c.tokens, toks, inflected=cyr or c.cyrillic)]
        if len(matches) > 1 and title:
            # "Senator Brennan": the namesake who holds that title
            titled = [c for c in matches if any(title.lower() in r.lower() for r in c.roles)]
            matches = titled or matches
        if len(matches) > 1 and len(toks) == 1:
            # with a father and son named, writers say "Brennan Jr." for the son:
            # a bare "Brennan" is the one without the suffix
            plain = [c for c in matches if not generation(c.tokens)]
            matches = plain if len(plain) == 1 else matches
        if len(matches) > 1:
            # a spelling written for one namesake only is that one's ("Yaroshevich"
            # for Yulia Yaroshevich beside the host Pavel Yarashevich)
            spelled = [c for c in matches if any(toks[-1] in name_tokens(m[3]) for m in c.mentions)]
            matches = spelled if len(spelled) == 1 else matches
        if len(matches) > 1:
            # Between namesakes: the one named last in this paragraph; in a new
            # paragraph, the one the article introduced first (a bare surname there
            # is the article's main person, relatives get their given names).
            preceding = [
                (max((m[0] for m in c.mentions if m[0] < start), default=-1), i) for i, c in enumerate(matches)
            ]
            best = max(preceding)
            paragraph = _text(doc).rfind("\n\n", 0, start)
            if best[0] < 0:
                matches = []
            elif best[0] > paragraph:
                matches = [matches[best[1]]]
            else:
                first = min((min(m[0] for m in c.mentions), i) for i, c in enumerate(matches) if preceding[i][0] >= 0)
                matches = [matches[first[1]]]
        if len(matches) == 1:
            matches[0].add_mention(start, end, text, name, title, span)
            return True
        return False

    def by_given_name(start, end, text, name, toks) -> bool:
        """ "Dzianis plays with his head up": a lone given name is the one person of
        the article with that given name (and no one's surname)."""
        if len(toks) != 1 or not text[:1].isupper():
            return False
        if any(c.tokens and same_token(c.tokens[-1], toks[0]) for c in persons):
            return False
        matches = [c for c in persons if len(c.tokens) >= 2 and given_match(c.tokens[0], toks[0])]
        if len(matches) == 1:
            matches[0].mentions.append((start, end, text, name))
            return True
        return False

    def add_untagged(start, end, text, label) -> None:
        name, title = _mention_name(text, "PERSON")
        toks = name_tokens(name)
        if toks and attach(start, end, text, name, title, None, toks):
            return
        if label == "SURNAME?":
            by_given_name(start, end, text, name, toks)
            return
        if label == "NAME?" and not (
            len(toks) >= 2
            and (
                SLAVIC_SURNAME_RE.search(toks[-1])
                or any(len(c.tokens) >= 1 and same_token(c.tokens[-1], toks[-1]) for c in persons)
            )
        ):
            return
        # an unmatched Cyrillic or untagged run: a person only when it is name-shaped (2-3 words)
        if 2 <= len(toks) <= 3:
            cluster = next(
                (c for c in persons if person_match(c.tokens, toks, inflected=bool(CYRILLIC_RE.search(name)))), None
            )
            if cluster is None:
                cluster = _Cluster(type="PERSON", tokens=toks)
                persons.append(cluster)
            cluster.mentions.append((start, end, text, name))

    # Full names the model missed come before bare surnames: "the forward Dzianis
    # Labanau" must be there when "Labanau" later looks for its nearest namesake.
    def full_name(item) -> bool:
        return len(name_tokens(_mention_name(item[2], "PERSON")[0] or "")) >= 2

    for item in pending_cyrillic:
        if full_name(item):
            add_untagged(*item)
    for start, end, text, name, title, span in pending_surnames:
        toks = name_tokens(name)
        if not attach(start, end, text, name, title, span, toks) and not by_given_name(start, end, text, name, toks):
            cluster = _Cluster(type="PERSON", tokens=toks)
            cluster.mentions.append((start, end, text, name))
            if title:
                cluster.add_role(title)
            persons.append(cluster)
    for item in pending_cyrillic:
        if not full_name(item):
            add_untagged(*item)
    for start, end, text, name, label, span in pending_mistyped:
        toks = name_tokens(name)
        if not any(len(c.tokens) >= 2 for c in persons if person_match(c.tokens, toks)) or not attach(
            start, end, text, name, None, span, toks
        ):
            add_other(start, end, text, name, label, span)

    others = _return_mistyped_persons(persons, others)
    _defined_acronyms(doc, others, persons)
    _defined_aliases(doc, others, persons)
    _bare_bodies_join_their_country(others)
    taken = _Taken(_text(doc), [(m[0], m[1]) for c in persons + others for m in c.mentions])
    _acronym_mentions(doc, others, taken)
    _repeat_mentions(doc, persons + others, taken)

    entities: list[Entity] = []
    index: dict[tuple[int, int], str] = {}
    clusters = sorted(persons + others, key=lambda c: min(m[0] for m in c.mentions))
    for n, c in enumerate(clusters, 1):
        c.mentions.sort()
        ent_id = f"e{n}"
        names = [m[3] for m in c.mentions]
        canonical = _canonical(names, c.type)
        aliases = []
        for nm in names:
            if nm != canonical and nm not in aliases:
                aliases.append(nm)
        entities.append(
            Entity(
                id=ent_id,
                name=canonical,
                type=c.type,
                aliases=aliases,
                roles=c.roles,
                mentions=[Mention(start=s, end=e, text=t) for s, e, t, _ in c.mentions],
            )
        )
        for s, e, _, _ in c.mentions:
            index[(s, e)] = ent_id
    return entities, index


ORG_WORD_RE = re.compile(
    r"\b(?:" + "|".join(re.escape(w) for w in lexicon.entries("organisation_words")) + r")\b", re.I
)


def _person_shaped(text: str) -> bool:
    """Two or three capitalised words ending like a Slavic surname, with no
    organisation word: a person whatever the model typed it."""
    words = text.split()
    return (
        2 <= len(words) <= 3
        and all(w[:1].isupper() and w.replace("-", "").isalpha() for w in words)
        and not any(w.isupper() for w in words)
        and bool(SLAVIC_SURNAME_RE.search(words[-1]))
        and not ORG_WORD_RE.search(text)
    )


NAME_SHAPED_RE = re.compile(r"(?:[A-Z]\.\s?|[A-Z][a-z'’-]+\s)(?:[A-Z][a-z'’-]+\s)?[A-Z][a-z'’-]+")
COUNTRY_AFTER_RE = re.compile(r"\s+of\s+(?:the\s+)?((?:[A-Z][\w'’]+\s?){1,3})")
COUNTRY_BEFORE_RE = re.compile(r"([A-Z][\w'’]+)\s+$")


def _qualified_body(text: str, start: int, name: str) -> str:
    """A body every country has, qualified by the country written just before it:
    "the Russian Ministry of Finance" and "Belarus's Ministry of Finance" in one
    article are two ministries. The mention keeps its span; its name gains the country."""
    core, country = org_core(name)
    if country or not is_generic_body(name):
        return name
    m = COUNTRY_BEFORE_RE.search(text, max(0, start - 40), start)
    if m and country_of_word(m.group(1)):
        return f"{m.group(1)} {name}"
    # ... or right after it, where the model left it out of the name: "of the Russian Federation"
    end = start + len(name)
    m = COUNTRY_AFTER_RE.match(text, end) if text[start:end] == name else None
    if m and org_core(f"{name} of {m.group(1).strip()}")[1]:
        return name + text[end : m.end()].rstrip()
    return name


def _bare_bodies_join_their_country(others: list[_Cluster]) -> None:
    """A bare "the Ministry of Finance" after "Ukraine's Ministry of Finance" is that
    one, when the article qualifies that kind of body with one country only."""
    qualified: dict[str, dict[str, _Cluster]] = defaultdict(dict)
    bare: list[tuple[str, _Cluster]] = []
    for c in others:
        if c.type != "ORG":
            continue
        cores = {org_core(m[3]) for m in c.mentions}
        countries = {country for _, country in cores if country}
        core_names = {core for core, _ in cores}
        if len(core_names) != 1 or not all(is_generic_body(m[3]) for m in c.mentions):
            continue
        core = next(iter(core_names))
        if len(countries) == 1:
            qualified[core].setdefault(next(iter(countries)), c)
        elif not countries:
            bare.append((core, c))
    for core, c in bare:
        if len(qualified.get(core, {})) == 1:
            target = next(iter(qualified[core].values()))
            target.mentions.extend(c.mentions)
            c.mentions = []
    others[:] = [c for c in others if c.mentions]


def _return_mistyped_persons(persons: list[_Cluster], others: list[_Cluster]) -> list[_Cluster]:
    """Give back to persons the mentions the model typed as places or organisations.

    - one word equal to a named person's surname ("Haurylau" beside "Aleh Haurylau");
    - a name that contains a named person's full name ("Industry Oleg Gavrilov");
    - a two- or three-word name ending like a Slavic surname, with no
      organisation word ("Natallia Sidarenka" tagged ORG) becomes a person."""
    full = [c for c in persons if len(c.tokens) >= 2]
    kept = []
    for c in others:
        if c.type not in ("ORG", "GPE", "NORP"):
            kept.append(c)
            continue
        names = {m[3] for m in c.mentions}
        target = None
        if all(len(name_tokens(n)) == 1 for n in names):
            toks = {name_tokens(n) for n in names}
            cyr = any(CYRILLIC_RE.search(n) for n in names)
            matches = [p for p in full if all(person_match(p.tokens, t, inflected=cyr or p.cyrillic) for t in toks)]
            if len(matches) == 1 and all(
                SLAVIC_SURNAME_RE.search(n) or (n[:1].isupper() and c.type != "GPE") for n in names
            ):
                target = matches[0]
        elif all(2 <= len(name_tokens(n)) <= 4 for n in names) and not any(ORG_WORD_RE.search(n) for n in names):
            tails = {name_tokens(n)[-2:] for n in names}
            cyr = any(CYRILLIC_RE.search(n) for n in names)
            matches = [p for p in full if all(person_match(p.tokens, t, inflected=cyr or p.cyrillic) for t in tails)]
            if len(matches) == 1:
                target = matches[0]
            elif (
                not matches
                and c.type in ("ORG", "GPE")
                and all(
                    SLAVIC_SURNAME_RE.search(n.split()[-1]) and all(w[:1].isupper() for w in n.split()) for n in names
                )
            ):
                c.mentions = [_as_person_mention(m) for m in c.mentions]
                longest = max((m[3] for m in c.mentions), key=len)
                target = _Cluster(type="PERSON", tokens=name_tokens(longest))
                persons.append(target)
                full.append(target)
        if target is None:
            kept.append(c)
        else:
            target.mentions.extend(c.mentions)

    # "Brennan Capital" tagged PERSON: a name with an organisation word is a body,
    # and so are its short forms ("Lyra" for "Lyra Estates")
    def body_named(p: _Cluster) -> bool:
        bodies = [m[3] for m in p.mentions if ORG_WORD_RE.search(m[3]) and len(m[3].split()) >= 2]
        return bool(bodies) and all(m[3] in bodies or any(b.startswith(m[3] + " ") for b in bodies) for m in p.mentions)

    for p in [p for p in persons if body_named(p)]:
        persons.remove(p)
        if p in full:
            full.remove(p)
        same = next(
            (c for c in kept if c.type in ("ORG", "MEDIA") and org_match(c.mentions[0][3], p.mentions[0][3])), None
        )
        if same is not None:
            same.mentions.extend(p.mentions)
        else:
            p.type = "ORG"
            kept.append(p)
    # surnames left alone earlier may now have their person
    for bare in [p for p in persons if len(p.tokens) == 1]:
        matches = [p for p in full if person_match(p.tokens, bare.tokens, inflected=bare.cyrillic or p.cyrillic)]
        if len(matches) == 1:
            matches[0].mentions.extend(bare.mentions)
            persons.remove(bare)
    return kept


def _as_person_mention(m: tuple[int, int, str, str]) -> tuple[int, int, str, str]:
    """A mention re-read as a person's name: 'Industry Oleg Gavrilov' -> 'Oleg Gavrilov'."""
    start, end, text, _ = m
    name, _title = _mention_name(text, "PERSON")
    if name and text.endswith(name):
        return (end - len(name), end, name, name)
    return (start, end, text, name or text)


def _canonical(names: list[str], etype: str) -> str:
    """The fullest Latin-script form; ties go to the most frequent, then the first."""

    def score(nm: str):
        latin = all(ord(ch) < 0x250 for ch in nm if ch.isalpha())
        shouting = (any(w.isupper() and len(w) > 2 for w in nm.split()) and not nm.isupper()) or (
            etype == "PERSON" and nm.isupper()
        )
        return (latin, not shouting, len(nm.split()) if etype == "PERSON" else len(nm), counts[nm], -first[nm])

    counts = Counter(names)
    first = {}
    for i, nm in enumerate(names):
        first.setdefault(nm, i)
    return max(counts, key=score)
