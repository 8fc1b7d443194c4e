"""Stage `clean`: separate article body from page furniture, line by line.

Input: decoded text (plain text, or the main content trafilatura extracted from
HTML) and whether its first line may be the title. Output: a `Cleaned` record:
the title line and body paragraphs as one text, every removed line with its
reason, and a map from offsets in that text back to offsets in the input.

How: each line is judged alone by `furniture.classify` (its shape and its place
near the top or bottom edge), then `passes` judge lines by their neighbours
(blocks under a "Related" header, captions printed twice, captions beside a
credit, furniture after the last sentence), and `assemble` joins the kept lines,
repairing words glued where a link was stripped (`glue`).

Why hand-written: boilerplate removers (trafilatura, jusText) work on HTML
structure; scraped *plain text* has lost it, so lines are judged here by their
shape (length, sentence form, symbols, URLs, handles, credit and byline forms)
and their place (top or bottom edge, next to other furniture, repeated)."""

from __future__ import annotations

from dataclasses import dataclass, field

from ...document import Removed
from ..language import detect_language
from ..lines import Line, split_lines
from . import glue
from .passes import judge_lines, title_line_of

__all__ = ["Cleaned", "Line", "clean"]


@dataclass
class Cleaned:
    text: str  # the title line (when there is one), then the body paragraphs
    title_line: Line | None
    removed_lines: list[tuple[Line, str]]  # (line, reason), in input order
    kept: list[Line]  # body lines (the title line excluded)
    offset_map: list[tuple[int, int, int]] = field(default_factory=list)

    @property
    def title(self) -> str | None:
        return self.title_line.text if self.title_line else None

    @property
    def removed(self) -> list[Removed]:
        return [Removed(text=line.text, reason=reason) for line, reason in self.removed_lines]


def clean(text: str, *, has_title: bool = True, repair_glue: bool = True, html: bool = False) -> Cleaned:
    """Split `text` into body and removed lines. `has_title`: the first kept line may be the title.
    `html`: the text is what trafilatura kept of a page, so only clear furniture is removed."""
    lines = split_lines(text)
    reasons = judge_lines(lines, html=html)
    title_line = title_line_of(lines, reasons) if has_title else None
    removed_lines: list[tuple[Line, str]] = []
    kept: list[Line] = []
    for ln in lines:
        if ln is title_line:
            continue
        if ln.index in reasons:
            removed_lines.append((ln, reasons[ln.index]))
        else:
            kept.append(ln)
    # The headline opens `text`: headlines carry claims too ("Graham: Trump's plan is hateful").
    # Glued words are split in the article's own language only, with that language's words.
    language = detect_language("\n".join(ln.text for ln in kept)) if repair_glue else None
    body, offset_map = assemble(([title_line] if title_line else []) + kept, language=language)
    return Cleaned(text=body, title_line=title_line, removed_lines=removed_lines, kept=kept, offset_map=offset_map)


def assemble(lines: list[Line], *, language: str | None = None) -> tuple[str, list[tuple[int, int, int]]]:
    """The lines as paragraphs, glued words repaired (when the `language` is known), and the
    (text, input, length) offset map."""
    parts: list[str] = []
    offset_map: list[tuple[int, int, int]] = []
    pos = 0
    for i, ln in enumerate(lines):
        if i:
            parts.append("\n\n")
            pos += 2
        segments = glue.repair(ln.text, language)
        for src_off, seg in segments:
            if seg == " " and src_off < 0:
                parts.append(" ")
                pos += 1
                continue
            offset_map.append((pos, ln.start + src_off, len(seg)))
            parts.append(seg)
            pos += len(seg)
    return "".join(parts), offset_map
