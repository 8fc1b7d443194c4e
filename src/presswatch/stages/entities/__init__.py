"""Stage `entities`: one entity per real person or body within an article.

Input: a parsed spaCy `Doc` of the cleaned text. Output: a list of `Entity`
(canonical name, type PERSON / ORG / MEDIA / GPE / NORP, aliases, roles,
mentions) and an index from character offsets to entity ids, used by the
`quotes` stage to link speakers.

spaCy's NER finds the mentions; names in other scripts that the English model
misses are picked up as capitalised Cyrillic runs. Mentions are grouped with
`presswatch.names` (rigour/ICU transliteration + name comparison): full names
first, then surname-only mentions join the unique (or the nearest preceding)
person with that surname.

Modules, in the order the work goes:
- `spans`: candidate mentions (the model's entities and the rules' extra names);
- `roles`: titles taken off a name, and roles read around it;
- `kinds`: news outlets (MEDIA), organisation words, person-shaped names;
- `linker`: the `Linker` that groups mentions into clusters (`cluster`), with
  `namesakes` (which person a bare surname is), `mistyped` (persons the model
  typed as bodies and back), `bodies` (acronyms, aliases, bodies of a country)
  and `repeats` (names the model found once and missed later);
- `canonical`: clusters to entities, each with its canonical name;
- `text`: the article text and the characters mentions take."""

from __future__ import annotations

from spacy.tokens import Doc

from ...document import Entity
from .canonical import to_entities
from .linker import Linker

__all__ = ["link_entities"]


def link_entities(doc: Doc) -> tuple[list[Entity], dict[tuple[int, int], str]]:
    """Group the doc's name mentions into entities. Returns the entities and {(start, end): entity id}."""
    return to_entities(Linker(doc).link())
