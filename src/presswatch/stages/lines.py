"""Lines of text and their shape: the features the clean and metadata stages judge a line by.

A line is body text or page furniture by its shape (words, sentence form,
script), not by its words alone; these helpers compute that shape."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

WORD_RE = re.compile(r"[^\W\d_][\w'’.-]*", re.UNICODE)
SENTENCE_END_RE = re.compile(r"[.!?…][\"'”’»)\]]*\s*$")
LETTER_RE = re.compile(r"[^\W\d_]")
NON_LATIN_LETTER_RE = re.compile(r"[^\W\d_A-Za-z\u00C0-\u024F\u1E00-\u1EFF]")
QUOTE_MARK_RE = re.compile(r"[\"“”«»„]")


@dataclass
class Line:
    index: int  # position among non-empty lines
    start: int  # offset of `text` in the input
    text: str  # the line, stripped


def split_lines(text: str) -> list[Line]:
    """The non-empty lines of `text`, stripped, with where each starts."""
    lines: list[Line] = []
    offset = 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            lead = len(raw) - len(raw.lstrip())
            lines.append(Line(index=len(lines), start=offset + lead, text=stripped))
        offset += len(raw) + 1
    return lines


def words(s: str) -> list[str]:
    return WORD_RE.findall(s)


def is_sentence(s: str) -> bool:
    """A body sentence: ends like one and has several lower-case words."""
    ws = words(s)
    lower = sum(1 for w in ws if w[:1].islower())
    return bool(SENTENCE_END_RE.search(s)) and len(ws) >= 5 and lower >= 3


def script_share(s: str) -> float:
    """Share of letters that are not Latin (Cyrillic, Greek, ...)."""
    letters = len(LETTER_RE.findall(s))
    if not letters:
        return 0.0
    return len(NON_LATIN_LETTER_RE.findall(s)) / letters


def norm_key(s: str) -> str:
    """The line's words, case-folded, without punctuation: equal for two copies of a caption."""
    s = unicodedata.normalize("NFKC", s).casefold()
    s = re.sub(r"[^\w\s]", " ", s)
    return " ".join(s.split())
