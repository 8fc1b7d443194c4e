"""The article text the entities stage reads offsets against, and which of its
characters are already taken by a mention."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc

from ...nlp import extensions as _extensions  # noqa: F401  (declares doc._.original_text)


def article_text(doc: Doc) -> str:
    """The article text (kept by nlp.parse: spaCy rebuilds `doc.text` on every access)."""
    text = doc._.original_text
    if text is None:
        text = doc._.original_text = doc.text
    return text


class Taken:
    """Which characters of the text already belong to a mention (O(1) overlap tests)."""

    def __init__(self, text: str, spans: Iterable[tuple[int, int]]):
        self.marks = bytearray(len(text) + 1)
        for s, e in spans:
            self.add(s, e)

    def add(self, start: int, end: int) -> None:
        self.marks[start:end] = b"\x01" * (end - start)

    def free(self, start: int, end: int) -> bool:
        return not any(self.marks[start:end])


def sentence_start(text: str, pos: int) -> bool:
    """`pos` opens a sentence: nothing before it but a sentence end, a line break, a quotation mark or a colon."""
    before = text[max(0, pos - 8) : pos].rstrip(" ")  # a window: copying the whole prefix made this quadratic
    return not before or before[-1] in '.!?\n"“”«»:'
