"""The PolNeAR attribution tagger (SOURCE / CUE / CONTENT spans) as a spaCy component.

The tagger is a spaCy NER model trained on PolNeAR (training/attribution/) and
shipped in presswatch/models/attribution. The `presswatch_attribution`
component runs it over the parsed docs and sets `doc._.attribution_spans`; the
quotes stage reads them. `PRESSWATCH_ATTRIBUTION=rules` switches it off (the
component then leaves the spans empty) and `PRESSWATCH_ATTRIBUTION_MODEL`
names another trained model."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy
import spacy
from spacy.attrs import ENT_IOB, ENT_TYPE, NORM, ORTH, SENT_START
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import minibatch

from . import extensions  # noqa: F401  (declares doc._.attribution_spans)

ATTRIBUTION_MODEL = Path(__file__).parent.parent / "models" / "attribution"


@lru_cache(maxsize=1)
def load_attribution_tagger() -> Any:
    """The SOURCE/CUE/CONTENT tagger trained on PolNeAR (training/attribution/),
    or None when it is not shipped or PRESSWATCH_ATTRIBUTION=rules."""
    path = Path(os.environ.get("PRESSWATCH_ATTRIBUTION_MODEL") or ATTRIBUTION_MODEL)
    if os.environ.get("PRESSWATCH_ATTRIBUTION") == "rules" or not (path / "config.cfg").exists():
        return None
    return spacy.load(path).get_pipe("ner")


class AttributionTagger:
    """Sets `doc._.attribution_spans` from the tagger, a batch of docs at a time.

    The tagger reads the parse's TAG and DEP but runs on a copy of each doc
    with the parse's sentence boundaries and entities taken off: sentence ends
    would stop CONTENT spans that run over several sentences (as they do in
    training), and preset entities would bind an entity recognizer. The copy
    also carries each word's own NORM, as the training docs had (the parse's
    tokenizer exceptions give "Calif." the norm "California"); the tagger's
    input is thus the same as on a fresh Doc of the words, and cheaper to make.
    The tagger is looked up on every batch, not held, so that switching
    PRESSWATCH_ATTRIBUTION (tests do) takes effect without reloading spaCy."""

    def __call__(self, doc: Doc) -> Doc:
        self._tag([doc])
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for batch in minibatch(docs, size=batch_size):
            self._tag(batch)
            yield from batch

    def _tag(self, docs: list[Doc]) -> None:
        tagger = load_attribution_tagger()
        if tagger is None or not docs:
            return
        copies = [_tagger_input(doc) for doc in docs]
        for label in tagger.labels:
            docs[0].vocab.strings.add(label)
        for doc, tagged in zip(docs, tagger.pipe(copies)):
            doc._.attribution_spans = [(span.start, span.end, span.label_) for span in tagged.ents]


@Language.factory(
    "presswatch_attribution",
    assigns=["doc._.attribution_spans"],
    requires=["token.tag", "token.dep"],
)
def make_attribution_tagger(nlp: Language, name: str) -> AttributionTagger:
    return AttributionTagger()


_LEXEME_NORMS: dict[int, int] = {}  # ORTH -> the word's own NORM (no tokenizer exception)


def _tagger_input(doc: Doc) -> Doc:
    """A copy of the parsed doc as the tagger was trained on it (see AttributionTagger)."""
    copy = doc.copy()
    n = len(doc)
    if n:
        vocab, norms = doc.vocab, _LEXEME_NORMS
        if len(norms) > 500_000:  # a bounded memory over a long run
            norms.clear()
        row = []
        for orth in doc.to_array([ORTH]).tolist():
            norm = norms.get(orth)
            if norm is None:
                norm = norms[orth] = vocab[orth].norm
            row.append(norm)
        sent_starts = numpy.full(n, -1, dtype="int64")
        sent_starts[0] = 1
        # spaCy's stubs type from_array's values as 2-d; one attribute takes a 1-d array
        norms_row: Any = numpy.array(row, dtype="uint64")
        starts: Any = sent_starts.astype("uint64")
        no_entities: Any = numpy.zeros((n, 2), dtype="uint64")
        copy.from_array([NORM], norms_row)
        copy.from_array([SENT_START], starts)
        copy.from_array([ENT_IOB, ENT_TYPE], no_entities)
    return copy
