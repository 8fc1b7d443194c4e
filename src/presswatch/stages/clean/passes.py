"""The clean stage's judgements over the whole article, after each line was judged alone.

`judge_lines` returns {line index: reason} for every line to remove: first each
line by `furniture.classify`, with the edge zones worked out from where the real
paragraphs begin and end; then lines by their neighbours. `title_line_of` picks
the headline among the kept lines."""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from itertools import pairwise

from normality import ascii_text

from ..byline import BYLINE_START_RE
from ..lines import QUOTE_MARK_RE, SENTENCE_END_RE, Line, is_sentence, norm_key, script_share, words
from .furniture import CODE_RE, REPORTING_WORD_RE, classify

Reasons = dict[int, str]  # line index -> why it is removed
# How alike two lines must read in Latin letters to be one caption in two scripts: romanisations
# differ ("Ціханоўская" -> "cihanouskaa" against "Tsikhanouskaya" is 0.86), other lines score < 0.5.
TWIN_SIMILARITY = 0.7


def judge_lines(lines: list[Line], *, html: bool = False) -> Reasons:
    """`html`: the lines are the main content trafilatura chose from a page; short lines after
    the last sentence are then the page's own (a list, a table, a signature), not furniture."""
    reasons = _classify_lines(lines, html=html)
    _extend_blocks(lines, reasons)
    _duplicated_captions(lines, reasons)
    _captions(lines, reasons, html=html)
    _caption_twins(lines, reasons)
    if not html:
        _trailing_furniture(lines, reasons)
    return reasons


def _classify_lines(lines: list[Line], *, html: bool = False) -> Reasons:
    """Each line alone. The edges: a few lines at each end, and everything before the
    first or after the last real paragraph (a long body-like sentence)."""
    n = len(lines)
    edge = max(4, min(10, n // 5))
    body_like = [ln.index for ln in lines if is_sentence(ln.text) and len(words(ln.text)) >= 12]
    first_body = body_like[0] if body_like else n
    last_body = body_like[-1] if body_like else -1
    reasons: Reasons = {}
    for ln in lines:
        top = ln.index < edge or ln.index < first_body
        bottom = ln.index >= n - edge or ln.index > last_body
        reason = classify(ln.text, top, bottom, html=html)
        if reason:
            reasons[ln.index] = reason
    return reasons


def _extend_blocks(lines: list[Line], reasons: Reasons) -> None:
    """Headlines listed under a "Related"/"Read more" header, and the lines of a
    "Media contact:" block, share the header's reason."""
    n = len(lines)
    for ln in lines:
        if (
            reasons.get(ln.index) in ("related", "other", "disclaimer")
            and len(words(ln.text)) <= 4
            and not is_sentence(ln.text)
        ):
            j = ln.index + 1
            while (
                j < n
                and j not in reasons
                and len(words(lines[j].text)) <= 16
                and not is_sentence(lines[j].text)
                and not QUOTE_MARK_RE.search(lines[j].text)
            ):
                reasons[j] = reasons[ln.index]
                j += 1


def _duplicated_captions(lines: list[Line], reasons: Reasons) -> None:
    """The same line twice (in any script): keep the copy that sits in the body flow,
    drop the one next to furniture or the later one."""
    by_key: dict[str, list[Line]] = {}
    for ln in lines:
        key = norm_key(ln.text)
        if key and ln.index not in reasons:
            by_key.setdefault(key, []).append(ln)

    def furniture_neighbour(ln: Line) -> bool:
        return (ln.index - 1 in reasons) or (ln.index + 1 in reasons)

    for group in by_key.values():
        if len(group) < 2:
            continue
        if all(furniture_neighbour(ln) for ln in group) and not is_sentence(group[0].text):
            keep = None  # a caption printed twice, never body
        else:
            keep = next((ln for ln in group if not furniture_neighbour(ln)), group[0])
        for ln in group:
            if ln is not keep:
                reasons[ln.index] = "caption"


def _captions(lines: list[Line], reasons: Reasons, *, html: bool = False) -> None:
    """Caption lines that repeat part of a body paragraph (with a credit next to
    them), short lines in another script, and short lines right beside a credit.
    On a page (`html`), a line beside a credit is not taken for its caption: the page's
    markup keeps captions in figures, and what trafilatura left beside a credit is body
    (a sentence, a list item, a table row)."""
    credits = {i for i, r in reasons.items() if r == "credit"}  # fixed now, so captions don't cascade
    kept_texts = [
        (ln.index, norm_key(ln.text)) for ln in lines if ln.index not in reasons or reasons[ln.index] == "credit"
    ]
    latin_article = sum(script_share(ln.text) < 0.5 for ln in lines) >= 0.6 * len(lines)
    for ln in lines:
        if ln.index in reasons:
            continue
        near_credit = not html and (ln.index - 1 in credits or ln.index + 1 in credits)
        if _repeats_body(ln, near_credit, kept_texts) or _caption_shaped(ln, near_credit, latin_article):
            reasons[ln.index] = "caption"


def _repeats_body(ln: Line, near_credit: bool, kept_texts: list[tuple[int, str]]) -> bool:
    key = norm_key(ln.text)
    n_words = len(key.split())
    return (
        4 <= n_words <= 40
        and (near_credit or not is_sentence(ln.text))
        and any(i != ln.index and len(k) > len(key) and key in k for i, k in kept_texts)
    )


def _caption_shaped(ln: Line, near_credit: bool, latin_article: bool) -> bool:
    n_words = len(words(ln.text))
    if (
        latin_article
        and script_share(ln.text) > 0.6
        and n_words <= 40
        and not re.match(r"^[\"“”«»„'‘]", ln.text)
        and (near_credit or not is_sentence(ln.text) or n_words <= 25)
    ):
        return True  # a line in another script inside a Latin-script article
    # a picture's caption: right next to its credit, short, no quotation
    return (
        near_credit
        and n_words <= 30
        and not QUOTE_MARK_RE.search(ln.text)
        and not REPORTING_WORD_RE.search(ln.text)
        and (not SENTENCE_END_RE.search(ln.text) or n_words <= 15)
    )


def _caption_twins(lines: list[Line], reasons: Reasons) -> None:
    """A caption printed in two scripts, one line over the other: the two lines read the same once
    both are in Latin letters. A caption of names ("Аляксандр Мілінкевіч" over "Aliaksandr
    Milinkevich") looks like a byline, but a byline is not printed twice; "By ..." lines stay bylines."""
    for a, b in pairwise(lines):
        pair = (a, b)
        if (
            all(reasons.get(ln.index) in (None, "byline", "caption") for ln in pair)
            and sorted(script_share(ln.text) > 0.6 for ln in pair) == [False, True]
            and not any(BYLINE_START_RE.match(ln.text) for ln in pair)
            and _same_in_latin(a.text, b.text)
        ):
            reasons[a.index] = reasons[b.index] = "caption"


def _same_in_latin(a: str, b: str) -> bool:
    """Two lines that are the same words in two scripts (romanisation spelling aside)."""
    ka, kb = norm_key(ascii_text(a)), norm_key(ascii_text(b))
    return bool(ka and kb) and SequenceMatcher(None, ka, kb).ratio() >= TWIN_SIMILARITY


def _trailing_furniture(lines: list[Line], reasons: Reasons) -> None:
    """Very short non-sentences after the last body sentence."""
    last_sentence = max((ln.index for ln in lines if ln.index not in reasons and is_sentence(ln.text)), default=-1)
    if last_sentence < 0:
        return
    for ln in lines:
        if (
            ln.index > last_sentence
            and ln.index not in reasons
            and len(words(ln.text)) <= 4
            and not SENTENCE_END_RE.search(ln.text)
            and not QUOTE_MARK_RE.search(ln.text)
        ):
            reasons[ln.index] = "other"


def looks_like_title(s: str) -> bool:
    return 1 <= len(words(s)) <= 30 and not CODE_RE.search(s) and len(s) <= 300


def title_line_of(lines: list[Line], reasons: Reasons) -> Line | None:
    """The first kept line, when it is shaped like a headline and body follows it."""
    first = next((ln for ln in lines if ln.index not in reasons), None)
    if (
        first is not None
        and looks_like_title(first.text)
        and any(ln.index > first.index and ln.index not in reasons for ln in lines)
    ):
        return first
    return None
