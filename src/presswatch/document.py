"""The JSON contract: one `Document` per analysed article.

Plain dataclasses so every pipeline stage takes and returns ordinary data, and
`Document.to_dict()` is exactly the object `presswatch analyze --format jsonl`
writes (all keys always present)."""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class Removed:
    text: str
    reason: str


@dataclass
class Mention:
    start: int
    end: int
    text: str


@dataclass
class Entity:
    id: str
    name: str
    type: str
    aliases: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)


@dataclass
class Speaker:
    name: str  # canonical name (the entity's name, or the description as written)
    mention: str  # as written at this quote
    entity: str | None  # entity id, or None for unlinked descriptions/groups
    start: int
    end: int


@dataclass
class Part:
    start: int
    end: int


@dataclass
class Quote:
    kind: str  # "direct" | "indirect" | "mixed"
    content: str
    start: int
    end: int
    speaker: Speaker | None
    cue: str | None
    medium: str | None
    # One quote is one speech act: '"A," he said. "B."' is one quote whose parts are
    # A and B (content "A … B"); start/end span all parts. Never empty.
    parts: list[Part] = field(default_factory=list)
    # Where the quote comes from: "rule" (the hand-written passes), "model" (the
    # attribution tagger alone) or "both" (a rule quote the tagger marked too), and
    # how sure presswatch is that it is a speech act with this speaker (0-1; see
    # stages/quotes/confidence.py). `presswatch analyze --min-confidence` filters on it.
    origin: str = "rule"
    confidence: float = 1.0

    def __post_init__(self) -> None:
        if not self.parts:
            self.parts = [Part(self.start, self.end)]

    def join(self, parts: list[Part], content: str, sep: str) -> None:
        """Add the next turn of the same speech act: its parts and its words."""
        self.content = f"{self.content}{sep}{content}"
        self.end = parts[-1].end
        self.parts.extend(parts)


def trimmed_part(text: str, start: int, end: int) -> Part | None:
    """text[start:end] without the whitespace at either end, as a Part; None when nothing is left."""
    piece = text[start:end]
    lead = len(piece) - len(piece.lstrip())
    kept = piece.strip()
    return Part(start + lead, start + lead + len(kept)) if kept else None


@dataclass
class Document:
    id: str
    source: str
    title: str | None = None
    outlet: str | None = None
    authors: list[str] = field(default_factory=list)
    translators: list[str] = field(default_factory=list)
    published: str | None = None
    language: str | None = None
    genre: str = "news"
    text: str = ""
    removed: list[Removed] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    error: str | None = None
    # Not part of the JSON contract: where each field came from, and the map
    # from offsets in `text` back to offsets in the decoded input.
    provenance: dict[str, str] = field(default_factory=dict, repr=False)
    offset_map: list[tuple[int, int, int]] = field(default_factory=list, repr=False)
    input_map: list[tuple[int, int, int]] = field(default_factory=list, repr=False)  # decoded -> file text
    timings: dict[str, float] = field(default_factory=dict, repr=False)  # seconds per stage (--profile)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("provenance")
        data.pop("offset_map")
        data.pop("input_map")
        data.pop("timings")
        return data

    def source_offset(self, pos: int) -> int:
        """Map an offset in the cleaned `text` to the offset in the input as read
        (the file's characters, before newline, mojibake and NFC repairs).

        `offset_map` holds (clean_start, decoded_start, length) segments, sorted;
        `input_map` the same from the decoded text to the file's text."""
        return _through(self.input_map, _through(self.offset_map, pos))


def _through(segments: list[tuple[int, int, int]], pos: int) -> int:
    best = None
    for start, target, length in segments:
        if start > pos:
            break
        best = (start, target, length)
    if best is None:
        return pos
    start, target, length = best
    return target + min(pos - start, length)


def content_id(raw: bytes | str) -> str:
    """Content-hash id of an input: the same bytes always give the same id."""
    if isinstance(raw, str):
        raw = raw.encode("utf-8")
    return hashlib.sha256(raw).hexdigest()[:16]
