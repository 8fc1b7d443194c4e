"""Where the names are: candidate mentions of persons and bodies, in text order.

Input: the parsed spaCy `Doc`. Output: `Candidate`s, (start, end, text, label,
span). spaCy's named entities give most; rules add what the English model
misses or cuts:

- register-style names, "LOBANOV Serhii Mykolaiovych" (label PERSON);
- quoted Cyrillic names of bodies, «Белорусский кабельный завод» (ORG);
- capitalised Cyrillic runs, "Лукашэнка" (PERSON?: a person if name-shaped);
- capitalised words the model left untagged: runs of two or three (NAME?), a
  lone word (SURNAME?: kept only if it is a known person's) or an acronym (ORG);
  a run right after a name may complete it instead.

The labels with "?" are decided by the linker once the sure names are known."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from ...names import POSSESSIVE_RE, SLAVIC_SURNAME_RE, fold
from .kinds import ORG_WORD_RE
from .roles import TITLE_RE
from .text import Taken, article_text

# spaCy's labels, as the entity types they stand for
LABELS = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "GPE", "LOC": "GPE", "NORP": "NORP", "FAC": "GPE"}
# start, end, text, label (a type, or PERSON? / SURNAME? / NAME? for the linker to decide), span of the model
Candidate = tuple[int, int, str, str, Span | None]

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
NAME_SHAPED_RE = re.compile(r"(?:[A-Z]\.\s?|[A-Z][a-z'’-]+\s)(?:[A-Z][a-z'’-]+\s)?[A-Z][a-z'’-]+")


def candidate_spans(doc: Doc) -> list[Candidate]:
    """(start_char, end_char, text, type, span) of name mentions, in text order."""
    text = article_text(doc)
    out: list[Candidate] = [(start, end, text[start:end], "PERSON", None) for start, end in _listed_names(text)]
    listed = Taken(text, [(c[0], c[1]) for c in out])
    out += _model_spans(doc, text, listed)
    marks = Taken(text, [(c[0], c[1]) for c in out])
    out += _quoted_cyrillic_bodies(text, marks)
    out += _cyrillic_runs(text, marks)
    _untagged_runs(doc, text, marks, out)
    out.sort(key=lambda x: x[0])
    return out


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


def _model_spans(doc: Doc, text: str, listed: Taken) -> list[Candidate]:
    """The model's entities of the types kept, trimmed, outside the listed names."""
    out: list[Candidate] = []
    for ent in doc.ents:
        label = LABELS.get(ent.label_)
        if (
            ent.label_ == "WORK_OF_ART"
            and NAME_SHAPED_RE.fullmatch(ent.text)
            and listed.free(ent.start_char, ent.end_char)
        ):
            # a respelling in quotes ('a memo signed "S. Labanau"') is read as a title: a name only
            # if it turns out to be a known person's (see the linker)
            out.append((ent.start_char, ent.end_char, ent.text, "NAME?", None))
            continue
        if not label or not listed.free(ent.start_char, ent.end_char):
            continue
        start = _given_name_before(ent) if label == "PERSON" else ent.start_char
        trimmed = _trim(text, start, ent.end_char, label)
        if trimmed is not None:
            out.append((*trimmed, label, ent))
    return out


def _given_name_before(ent: Span) -> int:
    """Where a one-word PERSON starts once the given name the model left out is put
    back: in "his son Yahor Marozau" the model may tag "Marozau" alone, and the son's
    surname then names his father. The word before is taken when it is capitalised,
    untagged, inside the sentence, and a compound of the surname (not a title)."""
    if len(ent) != 1 or ent.start == 0:
        return ent.start_char
    prev = ent.doc[ent.start - 1]
    if (
        prev.pos_ == "PROPN"
        and prev.text.isalpha()
        and prev.text[:1].isupper()
        and prev.text[1:].islower()
        and not prev.ent_type_
        and not prev.is_sent_start
        and prev.dep_ == "compound"
        and prev.head.i == ent.root.i
        and prev.whitespace_ == " "
        and not TITLE_RE.match(prev.text + " ")
    ):
        return prev.idx
    return ent.start_char


def _trim(text: str, start: int, end: int, label: str) -> tuple[int, int, str] | None:
    """The name in a model's span: spaCy sometimes folds a trailing possessive or
    leading "the" into the span, or the blank lines after a name. None when no name is left."""
    end = start + len(text[start:end].rstrip())
    name = text[start:end]
    if name.lower().startswith("the "):
        start += 4
        name = name[4:]
    m = POSSESSIVE_RE.search(name)
    if (m and label != "PERSON") or (m and m.group() in ("'s", "’s")):
        end -= len(m.group())
        name = name[: len(name) - len(m.group())]
    if "(" in name and ")" not in name:  # "Ministry of Transport (Mintrans": the bracket is another name
        end = start + len(name[: name.index("(")].rstrip())
        name = text[start:end]
    if not name.strip() or not any(ch.isalpha() for ch in name):
        return None
    return start, end, name


def _quoted_cyrillic_bodies(text: str, marks: Taken) -> list[Candidate]:
    """A quoted Cyrillic phrase of a few words with only the first capitalised, in
    an English article, is a body's name as Russian and Belarusian write them
    ('issued as «Белорусский кабельный завод»'); capitalised words are left to
    the person rule (`_cyrillic_runs`)."""
    out: list[Candidate] = []
    for m in QUOTED_CYRILLIC_NAME_RE.finditer(text):
        words = m.group(1).split()
        if len(words) >= 2 and all(w[:1].islower() for w in words[1:]) and marks.free(m.start(1), m.end(1)):
            out.append((m.start(1), m.end(1), m.group(1), "ORG", None))
            marks.add(m.start(1), m.end(1))
    return out


def _cyrillic_runs(text: str, marks: Taken) -> list[Candidate]:
    """Capitalised Cyrillic words, one to three (and a generation suffix): names in
    another script, which the English model misses."""
    out: list[Candidate] = []
    for m in CYRILLIC_NAME_RE.finditer(text):
        if marks.free(m.start(), m.end()):
            out.append((m.start(), m.end(), m.group(), "PERSON?", None))
            marks.add(m.start(), m.end())
    return out


def _untagged_runs(doc: Doc, text: str, marks: Taken, out: list[Candidate]) -> None:
    """Capitalised words the model left untagged, added to `out`.

    A lone word is kept only if it turns out to be a known person's surname in
    another spelling ("Lukashenka" after "Lukashenko"). Runs of two or three
    such words ("Aleh Haurylau") are kept as a whole: a name-shaped run is a
    person (see the linker), and its surname alone must not be given to a
    namesake. A run may also be what the model called a title or a product: a
    respelling quoted in the text ('German papers write "Oleg Gawrilow"') comes
    out as WORK_OF_ART. A run right after a one-word PERSON completes it
    ("Mikalai" + "Sushchenia"); a run ending in an organisation word completes
    the place or body before it ("Eastern Europe" + "Transparency Initiative")."""
    ends = {c[1]: i for i, c in enumerate(out)}
    for run in _proper_runs(doc, marks):
        if not _completes(run, text, ends, out):
            out.extend(_run_candidate(run, text))


def _proper_runs(doc: Doc, marks: Taken) -> list[list[Token]]:
    """Runs of adjacent capitalised proper nouns, within a sentence, that no mention covers."""
    runs: list[list[Token]] = []
    run: list[Token] = []
    for tok in doc:
        free = (
            tok.pos_ == "PROPN"
            and tok.text[:1].isupper()
            and tok.text.isalpha()
            and tok.ent_type_ not in LABELS
            and marks.free(tok.idx, tok.idx + len(tok))
        )
        if free and (not run or (tok.i == run[-1].i + 1 and not tok.is_sent_start)):
            run.append(tok)
            continue
        if run:
            runs.append(run)
        run = [tok] if free else []
    if run:
        runs.append(run)
    return runs


def _completes(run: list[Token], text: str, ends: dict[int, int], out: list[Candidate]) -> bool:
    """A run right after a name, across one space, extends it in `out`: a given
    name's surname, or a place or body's last words that end in an organisation word."""
    before = ends.get(run[0].idx - 1) if len(run) <= 3 and not run[0].is_sent_start else None
    if before is None or text[run[0].idx - 1] != " ":
        return False
    start, _end, was, label, ent = out[before]
    if label == "PERSON" and " " not in was.strip() and len(run) <= 2:
        new_label = "PERSON"
    elif label in ("ORG", "GPE", "NORP") and ORG_WORD_RE.fullmatch(run[-1].text):
        new_label = "ORG"
    else:
        return False
    end = run[-1].idx + len(run[-1])
    out[before] = (start, end, text[start:end], new_label, ent)
    return True


def _run_candidate(run: list[Token], text: str) -> list[Candidate]:
    """What an untagged run is: a name (2-3 words), an acronym the article does not
    spell out ("BTEC": a body, linked by the corpus to its full name), or a word
    that may be a surname."""
    if 2 <= len(run) <= 3:
        start, end = run[0].idx, _with_generation(text, run[-1].idx + len(run[-1]))
        return [(start, end, text[start:end], "NAME?", None)]
    t = run[0]
    if len(run) == 1 and t.text.isupper() and 3 <= len(t) <= 6 and not _dateline_word(text, t):
        return [(t.idx, t.idx + len(t), t.text, "ORG", None)]
    if len(run) == 1 and len(t) > 3:
        end = _with_generation(text, t.idx + len(t))
        return [(t.idx, end, text[t.idx : end], "SURNAME?", None)]
    return []


GENERATION_AFTER_RE = re.compile(r" (?:Jr|Sr|Jnr|Snr)\.?(?!\w)| (?:II|III|IV)(?!\w)")


def _with_generation(text: str, end: int) -> int:
    """The end of a name with the generation written after it: "Zhuk Jr." is the
    son, where "Zhuk" alone may be the father."""
    m = GENERATION_AFTER_RE.match(text, end)
    return m.end() if m else end


def _dateline_word(text: str, tok: Token) -> bool:
    """'MINSK' in "MINSK, May 3 -": a place opening a line, not an acronym."""
    line_start = text.rfind("\n", 0, tok.idx) + 1
    return not text[line_start : tok.idx].strip()
