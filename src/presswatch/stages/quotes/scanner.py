"""The quotation-mark scanner: where quoted words start and end in plain text.

Input: the article's text. Output: one list of `Segment`s per quotation (the
offsets of its words, without the marks); a quotation that runs over several
paragraphs has one segment per paragraph, as in print, where each paragraph
reopens the quote and only the last one closes it.

It reads every style of marks ("…", “…”, „…“, «…», ‘…’, '…', ‹…›, 「…」),
nested quotes, apostrophes that are not marks (don't, the players' union,
'90s) and a closing mark missing at a paragraph's end. No parse is needed,
so the scanner works on the text alone; the passes that find speakers and
cues start from its output."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Each opening mark and the marks that may close it.
OPEN_TO_CLOSE = {
    "\u201c": ("\u201d",),  # “ … ”
    "\u201e": ("\u201c", "\u201d"),  # „ … “ or „ … ”
    "\u00ab": ("\u00bb",),  # « … »
    "\u2018": ("\u2019",),  # ‘ … ’
    "\u201a": ("\u2018", "\u2019"),  # ‚ … ‘
    '"': ('"',),
    "'": ("'",),
    "\u2039": ("\u203a",),  # ‹ … ›
    "\u300c": ("\u300d",),
}
STRAIGHT_MARKS = ('"', "'")
APOSTROPHES = ("'", "\u2019")

# A sentence ends here: a full stop, question or exclamation mark, any closing
# quotation marks, then a space.
SENTENCE_END_RE = re.compile(r"[.!?][\"”’»']*\s")


@dataclass
class Segment:
    start: int  # content start (after the opening mark)
    end: int  # content end (before the closing mark, or paragraph end)


def scan_quotations(text: str) -> list[list[Segment]]:
    """Quoted spans; a list of segments when one quote runs over several paragraphs."""
    quotes: list[list[Segment]] = []
    pending: list[Segment] | None = None  # a quote its paragraph left open
    for p_start, p_end in _paragraphs(text):
        pending = _scan_paragraph(text, p_start, p_end, pending, quotes)
    if pending is not None:
        quotes.append(pending)
    return [[_trim(text, s) for s in q] for q in quotes if any(text[s.start : s.end].strip() for s in q)]


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line that is not blank."""
    paragraphs = []
    pos = 0
    for block in text.split("\n"):
        if block.strip():
            paragraphs.append((pos, pos + len(block)))
        pos += len(block) + 1
    return paragraphs


def _scan_paragraph(
    text: str, p_start: int, p_end: int, pending: list[Segment] | None, quotes: list[list[Segment]]
) -> list[Segment] | None:
    """Add the quotes of one paragraph to `quotes` and return the one left open at its end.

    A quote `pending` from the paragraph before goes on only if this paragraph
    opens with a quotation mark; anything else ends it."""
    i = p_start
    while i < p_end and text[i].isspace():
        i += 1
    first = True  # nothing but the opening mark seen yet in this paragraph
    while i < p_end:
        ch = text[i]
        if ch in OPEN_TO_CLOSE and _is_opening(text, i):
            j = _find_close(text, i, ch, p_end)
            if pending is not None and not first:
                quotes.append(pending)
                pending = None
            seg = Segment(i + 1, p_end if j == -1 else j)
            if pending is not None:
                pending.append(seg)
                quote, pending = pending, None
            else:
                quote = [seg]
            if j == -1:
                return quote  # open at the paragraph's end: the next may continue it
            quotes.append(quote)
            i = j + 1
            first = False
            continue
        if not ch.isspace():
            first = False
            if pending is not None:
                quotes.append(pending)
                pending = None
        i += 1
    return pending


def _is_opening(text: str, i: int) -> bool:
    ch = text[i]
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    # apostrophes: don't, the players' union, '90s
    if ch in ("'", "\u2018", "\u2019") and (prev.isalnum() or not (nxt.isalpha() or nxt in '"“') or ch == "\u2019"):
        return False
    if ch == '"':
        return not prev.isalnum() and not nxt.isspace()
    return True


def _find_close(text: str, i: int, opener: str, end: int) -> int:
    """Index of the mark closing the quote opened at i, -1 if the paragraph ends first."""
    closers = OPEN_TO_CLOSE[opener]
    depth = 0
    j = i + 1
    while j < end:
        ch = text[j]
        if ch in closers and not _inside_word(text, j, end):
            if ch == opener and ch in STRAIGHT_MARKS and depth == 0:
                return j
            if depth == 0:
                # a straight closer must not be followed by a letter ("don't")
                if ch in APOSTROPHES and j + 1 < end and text[j + 1].isalnum():
                    j += 1
                    continue
                return j
            depth -= 1
        elif ch == opener and opener not in STRAIGHT_MARKS and _is_opening(text, j):
            depth += 1
        j += 1
    return -1


def _inside_word(text: str, j: int, end: int) -> bool:
    """An apostrophe between two letters ("don't", "O'Brien") closes nothing."""
    return text[j] in APOSTROPHES and j + 1 < end and text[j + 1].isalpha() and text[j - 1].isalpha()


def _trim(text: str, seg: Segment) -> Segment:
    s, e = seg.start, seg.end
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return Segment(s, e)
