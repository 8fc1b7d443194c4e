"""FastMorph: coarse POS and lemmas in place of the model's attribute_ruler + lemmatizer."""

from __future__ import annotations

from typing import Any, cast

import numpy
from spacy.attrs import DEP, LEMMA, ORTH, POS, TAG
from spacy.language import Language
from spacy.parts_of_speech import IDS as POS_IDS
from spacy.pipeline import AttributeRuler, Lemmatizer


class FastMorph:
    """Coarse POS and lemmas, in place of the model's attribute_ruler + lemmatizer.

    Those two run a Matcher over 179 patterns and a lemma lookup for every token
    and cost about a quarter of the English model's time; presswatch needs only
    the POS that follows from the tag (the ruler's own single-tag patterns, plus
    its aux -> AUX rule) and lemmas of verbs, nouns and adjectives (the model's
    own rule lemmatizer, cached per word and POS). Measured in
    benchmarks/throughput.py; quality unchanged on the gold set and PolNeAR."""

    LEMMA_POS = frozenset({"VERB", "AUX", "NOUN", "ADJ"})

    def __init__(self, nlp: Language):
        self.tag_pos: dict[str, str] = {}
        ruler = cast(AttributeRuler, nlp.get_pipe("attribute_ruler"))
        self.word_attrs: dict[tuple[str, str | None], dict] = {}  # (lower, tag or None) -> POS/LEMMA
        # each entry: {"patterns": [[token pattern, ...]], "attrs": {...}, "index": int}
        for entry in cast("list[dict[str, Any]]", ruler.patterns):
            pattern = entry["patterns"][0]
            attrs = {k: v for k, v in entry["attrs"].items() if k in ("POS", "LEMMA")}
            if len(pattern) != 1 or not attrs:
                continue
            keys = set(pattern[0])
            tags = pattern[0].get("TAG")
            tags = (
                [tags]
                if isinstance(tags, str)
                else (tags or {}).get("IN", [None])
                if isinstance(tags, dict)
                else [None]
            )
            if keys == {"TAG"} and "POS" in attrs:
                for tag in tags:
                    self.tag_pos[tag] = attrs["POS"]
            elif keys in ({"LOWER", "TAG"}, {"LOWER"}) and isinstance(pattern[0]["LOWER"], str):
                for tag in tags:
                    self.word_attrs.setdefault((pattern[0]["LOWER"], tag), {}).update(attrs)
        self.lemmatizer = cast(Lemmatizer, nlp.get_pipe("lemmatizer"))
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


@Language.factory(
    "presswatch_fast_morph",
    assigns=["token.pos", "token.lemma"],
    requires=["token.tag", "token.dep"],
)
def make_fast_morph(nlp: Language, name: str) -> FastMorph:
    return FastMorph(nlp)
