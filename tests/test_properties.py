"""Property-based checks of the `analyze` contract (issue 13): random bytes, odd encodings,
runs of quotation marks and HTML fragments go in; every result must keep the JSON contract.

The contract, on every Document:
- `to_dict()` has exactly the documented keys and is JSON-serialisable; no exception escapes;
- when `error` is None: every entity mention slices `text` to its own text; every quote's parts
  lie inside [start, end], in order, not overlapping, the first starting at `start` and the
  last ending at `end`; a speaker's offsets slice `text` to `speaker.mention`;
- each document takes a bounded time (a generous bound: the issue asks for "bounded", and a
  busy CI machine must never make this flake).

Two of these failed before issue 13's fixes (speaker offsets read from the parser's copy of the
text; quote parts that covered a cue or a paragraph break); each keeps a test of its own seeded
with its smallest known input. Runs are repeatable: no example database, derandomized generation."""

from __future__ import annotations

import json
import re
import tempfile
import time
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tests.contract import DOCUMENT_KEYS

CONTRACT_KEYS = DOCUMENT_KEYS
SECONDS_PER_DOCUMENT = 20.0

# Repeatable in CI: the same examples on every run, nothing remembered between runs.
settings.register_profile(
    "presswatch-properties",
    database=None,
    derandomize=True,
    deadline=None,
    print_blob=False,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
PROFILE = settings.get_profile("presswatch-properties")

QUOTE_MARKS = "\"“”«»„‚‘’'‹›"
LATIN_WORDS = [
    "Mayor",
    "Ines",
    "Duarte",
    "said",
    "told",
    "reporters",
    "the",
    "bridge",
    "will",
    "open",
    "in",
    "May",
    "he",
    "she",
    "added",
    "according",
    "to",
    "police",
    "Alyaksandr",
    "Kavaliou",
    "Raúl",
    "Ibarra",
    "on",
    "Monday",
    "that",
    "we",
    "never",
    "agreed",
]
CYRILLIC_WORDS = [
    "Александр",
    "Ковалёв",
    "заявил",
    "журналистам",
    "суд",
    "в",
    "Гродно",
    "мы",
    "ничего",
    "не",
    "нарушали",
    "сказал",
    "адвокат",
    "Мария",
    "Сидоренко",
    "во",
    "вторник",
]
LATIN1_WORDS = [
    "Müller",
    "sagte",
    "über",
    "Straße",
    "Raúl",
    "dijo",
    "está",
    "contento",
    "Señora",
    "Peña",
    "déjà",
    "«",
    "»",
]


# ---------------------------------------------------------------- strategies


@st.composite
def sentences(draw, words=LATIN_WORDS, marks=QUOTE_MARKS, max_run=6, max_tokens=14):
    """A sentence of words with runs of quotation marks between and against them."""
    parts = []
    for _ in range(draw(st.integers(1, max_tokens))):
        if marks and draw(st.integers(0, 3)) == 0:
            parts.append(draw(st.text(alphabet=marks, min_size=1, max_size=max_run)))
        else:
            parts.append(draw(st.sampled_from(words)))
        parts.append(draw(st.sampled_from([" ", " ", "", ", "])))
    return "".join(parts).strip().capitalize() + draw(st.sampled_from([".", ".", "?", "", ","]))


@st.composite
def articles(draw, words=LATIN_WORDS, marks=QUOTE_MARKS):
    """A headline and one to four paragraphs of such sentences."""
    paragraphs = [
        " ".join(draw(st.lists(sentences(words, marks), min_size=1, max_size=3)))
        for _ in range(draw(st.integers(1, 4)))
    ]
    return "Headline of a test article\n\n" + "\n\n".join(paragraphs)


@st.composite
def encoded_files(draw):
    """Bytes of an article in a legacy or unusual encoding, or lines in several of them."""
    codec = draw(st.sampled_from(["cp1251", "koi8-r", "latin-1", "utf-16", "mixed"]))
    if codec in ("cp1251", "koi8-r"):
        return draw(articles(CYRILLIC_WORDS, '«»"')).encode(codec, "replace")
    if codec == "latin-1":
        return draw(articles(LATIN1_WORDS + LATIN_WORDS, "«»\"'")).encode(codec, "replace")
    if codec == "utf-16":  # Python's utf-16 writes a byte-order mark
        return draw(articles(CYRILLIC_WORDS + LATIN_WORDS)).encode(codec)
    lines = []
    for _ in range(draw(st.integers(2, 8))):
        line_codec = draw(st.sampled_from(["cp1251", "koi8-r", "latin-1", "utf-8"]))
        words = CYRILLIC_WORDS if line_codec in ("cp1251", "koi8-r") else LATIN1_WORDS + LATIN_WORDS
        lines.append(draw(sentences(words, '«»"')).encode(line_codec, "replace"))
    return b"\n".join(lines)


@st.composite
def raw_bytes(draw):
    """Anything: random bytes, or text with random bytes spliced in."""
    if draw(st.booleans()):
        return draw(st.binary(max_size=4000))
    data = bytearray(draw(articles()).encode("utf-8"))
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(data)))
        data[at:at] = draw(st.binary(min_size=1, max_size=8))
    return bytes(data)


HTML_BLOCKS = [
    "<script>var s = \"<p>not text</p>\"; document.write('“nor this”');</script>",
    "<style>p::before { content: '«'; }</style>",
    "<!-- a comment with “quotes” and <p>tags</p> -->",
    "<div><div><div><span>",
    "</span></div></div></div>",
    "<blockquote>",
    "</blockquote>",
    "<br>",
    "<nav><a href='/'>Home</a> <a href=\"/news\">News</a></nav>",
    '<p class="byline">By Ruta Petraityte</p>',
    "&quot;&laquo;&raquo;&ldquo;&rdquo;&amp;",
    "<img alt='a “quoted” alt' src=x>",
    "<p>“They told us ‘wait another week’ and we waited a month,” said farmer Pavel Hruby.</p>",
    "<p>«Он сказал „хватит“ и ушёл», — заявил Александр Ковалёв.</p>",
]


@st.composite
def html_fragments(draw):
    """A news page of paragraphs with (nested) quotes, scripts and junk, often cut off anywhere."""
    body = []
    for _ in range(draw(st.integers(1, 8))):
        if draw(st.integers(0, 2)) == 0:
            body.append(draw(st.sampled_from(HTML_BLOCKS)))
        else:
            body.append("<p>" + draw(sentences()) + " " + draw(sentences()) + "</p>")
    page = (
        "<html><head><title>Bridge to open before winter</title></head><body><article>"
        "<h1>Bridge to open before winter</h1>" + "\n".join(body) + "</article></body></html>"
    )
    if draw(st.booleans()):
        page = page[: draw(st.integers(0, len(page)))]
    return page


# ---------------------------------------------------------------- reported speech

# Quotation-mark pairs as newsrooms use them, including the reversed German »…«.
QUOTE_PAIRS = [
    ('"', '"'),
    ("“", "”"),
    ("«", "»"),
    ("„", "“"),
    ("„", "”"),
    ("‘", "’"),
    ("'", "'"),
    ("‹", "›"),
    ("»", "«"),
]
NAMES = ["Ines Duarte", "Alyaksandr Kavaliou", "Raúl Ibarra", "Maria Sidarenka", "Tomas Kairys", "Denise Okafor"]
ORGS = ["Belaruskali", "Grodno Azot", "Naftan", "Harbor Ledger", "Lietuvos Geležinkeliai"]
CUES = ["said", "told reporters", "added", "warned", "said on Monday", "wrote on Telegram"]
# (subject, predicate): a parenthetical cue goes between them
CLAUSES = [
    ("the money", "is not there"),
    ("the new bridge", "will open before the winter"),
    ("the plant", "will pay its workers in May"),
    ("my client", "is innocent"),
    ("the charges", "are political"),
    ("the reform of the pension system", "would pass next week"),
]


def upper_first(s: str) -> str:
    i = next((k for k, ch in enumerate(s) if ch.isalpha()), 0)
    return s[:i] + s[i : i + 1].upper() + s[i + 1 :]


@st.composite
def speakers(draw):
    """Who speaks: a name, a title and a name, a pronoun, or a description with a quoted name in it."""
    o, c = draw(st.sampled_from(QUOTE_PAIRS))
    name, org = draw(st.sampled_from(NAMES)), draw(st.sampled_from(ORGS))
    forms = [name, f"Mayor {name}", "she", f"a spokesman for {o}{org}{c}", f"the director of the {o}{org}{c} plant"]
    return forms[draw(st.integers(0, len(forms) - 1))]


@st.composite
def reported_speech(draw):
    """One sentence of reported speech: direct, continued, parenthetical, across paragraphs, indirect."""
    o, c = draw(st.sampled_from(QUOTE_PAIRS))
    (subj, pred), (subj2, pred2) = draw(st.sampled_from(CLAUSES)), draw(st.sampled_from(CLAUSES))
    who, cue = draw(speakers()), draw(st.sampled_from(CUES))
    said, said2 = upper_first(f"{subj} {pred}"), upper_first(f"{subj2} {pred2}")
    forms = [
        f"{o}{said},{c} {who} {cue}.",
        f"{upper_first(who)} {cue}: {o}{said}.{c}",
        f"{o}{said},{c} {who} {cue}. {o}{said2}.{c}",
        f"{upper_first(subj)}, {who} {cue}, {pred}.",
        f"{o}{said}.\n\n{o}{said2},{c} {who} {cue}.",
        f"{upper_first(who)} {cue} that {subj} {pred}.",
        f"According to {who}, {subj} {pred}.",
        "The council met on Tuesday.",
    ]
    return forms[draw(st.integers(0, len(forms) - 1))]


@st.composite
def news_articles(draw):
    """A headline and paragraphs of reported speech."""
    paragraphs = [
        " ".join(draw(st.lists(reported_speech(), min_size=1, max_size=2))) for _ in range(draw(st.integers(1, 4)))
    ]
    return "Council approves the budget\n\n" + "\n\n".join(paragraphs)


# ---------------------------------------------------------------- the contract


def timed(analyze, item):
    t0 = time.perf_counter()
    doc = analyze(item)
    return doc, time.perf_counter() - t0


def analyze_file(analyze, data: bytes, suffix: str):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"article{suffix}"
        path.write_bytes(data)
        return timed(analyze, str(path))


def check_shape(doc, elapsed: float) -> None:
    """Every key, JSON-serialisable, an error is a message, bounded time."""
    data = doc.to_dict()
    assert list(data) == CONTRACT_KEYS
    json.dumps(data, ensure_ascii=False)
    assert elapsed < SECONDS_PER_DOCUMENT, f"{elapsed:.1f} s for one document"
    assert data["error"] is None or (isinstance(data["error"], str) and data["error"])


def check_entity_offsets(doc) -> None:
    for entity in doc.entities:
        for m in entity.mentions:
            assert 0 <= m.start <= m.end <= len(doc.text)
            assert doc.text[m.start : m.end] == m.text, (entity.name, m)


def check_quote_parts(doc) -> None:
    """Parts inside [start, end], in order, not overlapping, not empty, the first and last at the ends."""
    for q in doc.quotes:
        assert q.parts, q
        assert 0 <= q.start < q.end <= len(doc.text), q
        assert q.parts[0].start == q.start and q.parts[-1].end == q.end, q
        previous_end = q.start
        for part in q.parts:
            assert previous_end <= part.start < part.end <= q.end, q
            previous_end = part.end


def check_speaker_offsets(doc) -> None:
    for q in doc.quotes:
        if q.speaker is not None:
            s = q.speaker
            assert 0 <= s.start <= s.end <= len(doc.text), q
            assert doc.text[s.start : s.end] == s.mention, q


def squashed(s: str) -> str:
    """Text without whitespace and the ellipsis that `content` puts between parts."""
    return re.sub(r"[\s…]+", "", s)


def check_parts_reproduce_content(doc) -> None:
    """The issue's "quote offsets reproduce content": the parts cover the quoted words and nothing else."""
    for q in doc.quotes:
        covered = "".join(doc.text[p.start : p.end] for p in q.parts)
        assert squashed(covered) == squashed(q.content), q


# Properties known to fail, skipped by the contract tests of each input class (each then has
# an xfail test of its own with its smallest known input). None today.
KNOWN_BROKEN: set = set()
OFFSET_CHECKS = [check_entity_offsets, check_quote_parts, check_speaker_offsets, check_parts_reproduce_content]


def check_contract(doc, elapsed: float) -> None:
    check_shape(doc, elapsed)
    if doc.error is None:
        for check in OFFSET_CHECKS:
            if check not in KNOWN_BROKEN:
                check(doc)


# ---------------------------------------------------------------- the contract, per input class


@settings(PROFILE, max_examples=100)
@given(data=raw_bytes(), suffix=st.sampled_from([".txt", ".html"]))
def test_random_bytes_keep_the_contract(analyze, data, suffix):
    check_contract(*analyze_file(analyze, data, suffix))


@settings(PROFILE, max_examples=100)
@given(data=encoded_files())
def test_odd_encodings_keep_the_contract(analyze, data):
    check_contract(*analyze_file(analyze, data, ".txt"))


@settings(PROFILE, max_examples=100)
@given(text=st.one_of(articles(), news_articles()))
def test_runs_of_quotation_marks_keep_the_contract(analyze, text):
    check_contract(*timed(analyze, (text, "marks.txt")))


@settings(PROFILE, max_examples=100)
@given(html=html_fragments())
def test_html_fragments_keep_the_contract(analyze, html):
    check_contract(*timed(analyze, (html, "page.html")))


# ---------------------------------------------------------------- failing today (issue 13)


@settings(PROFILE, max_examples=80)
@given(text=news_articles())
@example(text='Council approves the budget\n\n"The money is not there," a spokesman for “Belaruskali” said.')
def test_speaker_offsets_slice_the_mention(analyze, text):
    doc = analyze((text, "speech.txt"))
    if doc.error is None:
        check_speaker_offsets(doc)


@settings(PROFILE, max_examples=80)
@given(text=news_articles())
@example(text="Council approves the budget\n\nThe money, Ines Duarte said, is not there.")
@example(text="Council approves the budget\n\n“The money is not there.\n\n“The plant is innocent,” Ines Duarte said.")
def test_quote_parts_reproduce_the_content(analyze, text):
    doc = analyze((text, "speech.txt"))
    if doc.error is None:
        check_parts_reproduce_content(doc)
