"""What presswatch keeps on a spaCy Doc, as declared `Doc._` extensions.

- `doc._.original_text`: the cleaned text as the user sees it. The parser reads
  a copy with quotation marks unified (see `loading.parse_text`), and spaCy
  rebuilds `doc.text` on every access, so stages read offsets against this.
- `doc._.attribution_spans`: (start token, end token, label) spans of the
  PolNeAR attribution tagger (SOURCE, CUE, CONTENT), or None without it."""

from __future__ import annotations

from spacy.tokens import Doc

for _name in ("original_text", "attribution_spans"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


def original_text(doc: Doc) -> str:
    """The cleaned text as the user sees it (falls back to the parsed text)."""
    return doc._.original_text or doc.text


def attribution_spans(doc: Doc) -> list[tuple[int, int, str]]:
    """The tagger's spans over the doc's tokens; empty when it did not run."""
    return doc._.attribution_spans or []
