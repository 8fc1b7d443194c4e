"""Reading the gold set: which files pair up, and the lines of an input as the annotator saw them.

Gold layout: every input `NN-slug.txt` / `NN-slug.html` in the gold directory sits next to
`NN-slug.json` (see tests/gold/README.md for the schema). A text input is its non-empty
lines; an HTML input is the text blocks of its article area, furniture skipped. The body
lines (what cleaning must keep) are those minus the gold junk, markup and the title.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

from .text import norm

INPUT_SUFFIXES = (".txt", ".html", ".htm")

# Elements that end a block of text (one gold line each).
BLOCK_TAGS = {
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "blockquote",
    "figcaption",
    "figure",
    "pre",
    "td",
    "th",
    "tr",
    "table",
    "dt",
    "dd",
    "dl",
    "section",
    "article",
    "main",
    "br",
    "hr",
}
# Page furniture whose text is never article body.
SKIP_TAGS = {
    "script",
    "style",
    "noscript",
    "nav",
    "aside",
    "footer",
    "header",
    "form",
    "button",
    "svg",
    "template",
    "iframe",
    "select",
    "head",
    "title",
}


class BlockText(HTMLParser):
    """Text of the block elements inside the main container, one block per line."""

    def __init__(self, container: str | None):
        super().__init__(convert_charrefs=True)
        self.container = container
        self.depth_in = 0 if container else 1
        self.skip = 0
        self.buf: list[str] = []
        self.lines: list[str] = []

    def _flush(self) -> None:
        text = norm("".join(self.buf))
        if text and self.depth_in and not self.skip:
            self.lines.append(text)
        self.buf = []

    def handle_starttag(self, tag, attrs):
        if self.container and tag == self.container:
            self._flush()
            self.depth_in += 1
            return
        if tag in SKIP_TAGS:
            self._flush()
            self.skip += 1
        elif tag in BLOCK_TAGS:
            self._flush()

    def handle_startendtag(self, tag, attrs):
        if tag in BLOCK_TAGS:
            self._flush()

    def handle_endtag(self, tag):
        if self.container and tag == self.container:
            self._flush()
            self.depth_in = max(0, self.depth_in - 1)
            return
        if tag in SKIP_TAGS:
            self._flush()
            self.skip = max(0, self.skip - 1)
        elif tag in BLOCK_TAGS:
            self._flush()

    def handle_data(self, data):
        if self.depth_in and not self.skip:
            self.buf.append(data)

    def close(self):
        super().close()
        self._flush()


def html_body_lines(html: str) -> list[str]:
    """Text blocks of the article area of a page: <article>, else <main>, else <body>.

    Furniture elements (nav, aside, header, footer, forms, scripts) are skipped."""
    low = html.lower()
    container = "article" if "<article" in low else "main" if "<main" in low else "body" if "<body" in low else None
    parser = BlockText(container)
    parser.feed(html)
    parser.close()
    return parser.lines


def source_lines(path: Path) -> list[str]:
    """Non-empty, whitespace-normalised lines of a gold input (text blocks for HTML)."""
    raw = Path(path).read_text(encoding="utf-8", errors="replace")
    if Path(path).suffix.lower() in (".html", ".htm"):
        return html_body_lines(raw)
    return [n for n in (norm(line) for line in raw.splitlines()) if n]


def is_markup(line: str) -> bool:
    return line.startswith("<") and line.endswith(">")


def body_lines(path: Path, gold: dict) -> list[str]:
    """Input lines that must survive cleaning: not gold junk, not markup, not the title."""
    removed = {norm(r["text"]) for r in gold.get("removed", [])}
    title = norm(gold.get("title"))
    return [line for line in source_lines(path) if line not in removed and line != title and not is_markup(line)]


def repair_glue(line: str, glued: list[dict]) -> str:
    """The line with every gold glued word (`wrong`) replaced by its repair (`right`)."""
    for g in glued:
        line = line.replace(g["wrong"], g["right"])
    return line


def gold_pairs(gold_dir: Path) -> list[tuple[Path, Path]]:
    """(input, json) pairs of a gold directory, sorted by name."""
    pairs = []
    for path in sorted(Path(gold_dir).iterdir()):
        if path.suffix.lower() in INPUT_SUFFIXES and path.with_suffix(".json").exists():
            pairs.append((path, path.with_suffix(".json")))
    return pairs
