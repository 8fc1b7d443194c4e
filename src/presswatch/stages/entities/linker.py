"""The linker: one article's name mentions grouped into clusters, one per person
or body.

Input: the parsed `Doc`. Output: the clusters (see `canonical.to_entities` for
the stage's output). Sure names come first and anchor the rest:

1. the model's and the rules' candidates (`spans`); full person names found
   and bodies grouped (`org_match`), with the news outlets typed MEDIA;
2. what waits for every full name: name-shaped runs the model missed, bare
   surnames (the unique, or nearest preceding, namesake: `namesakes`), lone
   given names, capitalised words that may be another spelling of a known
   surname, and one-word "organisations" that are surnames;
3. passes over the whole: mistyped persons and bodies (`mistyped`), names
   defined with an acronym or an alias and bodies of one country (`bodies`),
   and mentions the model missed of names it found (`repeats`)."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span

from ...names import CYRILLIC_RE, SLAVIC_SURNAME_RE, given_match, name_tokens, org_match, person_match, same_token
from .bodies import bare_bodies_join_their_country, defined_acronyms, defined_aliases, qualified_body
from .cluster import Cluster
from .headlines import juxtaposed
from .kinds import is_media, is_media_context, person_shaped
from .mistyped import return_mistyped_persons
from .namesakes import narrow_namesakes
from .repeats import acronym_mentions, repeat_mentions
from .roles import mention_name
from .spans import candidate_spans
from .text import Taken, article_text


@dataclass(frozen=True)
class Reading:
    """A candidate mention read as a name: its offsets, the text as written, the
    name it gives, the title it carried and the model's span (if any)."""

    start: int
    end: int
    text: str
    name: str
    title: str | None = None
    span: Span | None = None


class Linker:
    """The state of linking one article: the person and other clusters so far,
    and the mentions that wait until every full name is known."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.text = article_text(doc)
        self.persons: list[Cluster] = []
        self.others: list[Cluster] = []
        self.surnames: list[Reading] = []  # one-word PERSON mentions
        self.untagged: list[tuple[int, int, str, str]] = []  # the rules' PERSON?, SURNAME? and NAME? runs
        self.mistyped: list[tuple[Reading, str]] = []  # one-word ORG or NORP mentions, with their label

    def link(self) -> list[Cluster]:
        """Every cluster of the article, persons first."""
        for start, end, text, label, span in candidate_spans(self.doc):
            self._read(start, end, text, label, span)
        self._resolve_pending()
        self._tidy()
        return self.persons + self.others

    def _read(self, start: int, end: int, text: str, label: str, span: Span | None) -> None:
        """First pass: a sure name is added; anything that depends on the full names waits."""
        if label in ("ORG", "GPE") and person_shaped(text):
            label = "PERSON"  # "Dzianis Labanau" typed ORG: a person before any surname looks for one
        if label in ("PERSON?", "SURNAME?", "NAME?"):
            self.untagged.append((start, end, text, label))
            return
        name, title = mention_name(text, label)
        if not name:
            return
        found = Reading(start, end, text, name, title, span)
        toks = name_tokens(name)
        if label == "PERSON":
            self._add_person(found, toks)
        elif label in ("ORG", "NORP") and len(toks) == 1 and name[:1].isupper():
            # spaCy sometimes types a surname as ORG: "Ibarra said" after "Raúl Ibarra";
            # which namesake it is waits until every full name is known
            self.mistyped.append((found, label))
        else:
            self._add_other(found, label)

    def _add_person(self, found: Reading, toks: tuple[str, ...]) -> None:
        """A full person name joins the person it can name, or starts one; a surname waits."""
        if not toks:
            return
        if len(toks) == 1:
            self.surnames.append(found)
            return
        cluster = next((c for c in self.persons if person_match(c.tokens, toks) and len(c.tokens) >= 2), None)
        if cluster is None:
            cluster = Cluster(type="PERSON", tokens=toks)
            self.persons.append(cluster)
        elif len(toks) > len(cluster.tokens):
            cluster.tokens = toks
        cluster.add_mention(found.start, found.end, found.text, found.name, found.title, found.span)

    def _add_other(self, found: Reading, label: str) -> None:
        """A body or place joins the one of that name, or starts one (MEDIA for a news outlet)."""
        name = qualified_body(self.text, found.start, found.name) if label == "ORG" else found.name
        cluster = next(
            (c for c in self.others if c.type in (label, "MEDIA") and org_match(c.mentions[0][3], name)), None
        )
        if cluster is None:
            cluster = Cluster(type="MEDIA" if label == "ORG" and is_media(name, found.span) else label)
            self.others.append(cluster)
        elif label == "ORG" and cluster.type == "ORG" and is_media_context(found.span):
            cluster.type = "MEDIA"
        cluster.mentions.append((found.start, found.end, found.text, name))

    def _resolve_pending(self) -> None:
        """Second pass, in the order that lets each kind find what it needs."""
        self._split_juxtaposed()
        # Full names the model missed come before bare surnames: "the forward Dzianis
        # Labanau" must be there when "Labanau" later looks for its nearest namesake.
        for start, end, text, label in self.untagged:
            if _full_name(text):
                self._add_untagged(start, end, text, label)
        for found in self.surnames:
            toks = name_tokens(found.name)
            if not self._attach(found, toks) and not self._by_given_name(found, toks):
                cluster = Cluster(type="PERSON", tokens=toks)
                cluster.mentions.append((found.start, found.end, found.text, found.name))
                if found.title:
                    cluster.add_role(found.title)
                self.persons.append(cluster)
        for start, end, text, label in self.untagged:
            if not _full_name(text):
                self._add_untagged(start, end, text, label)
        for found, label in self.mistyped:
            toks = name_tokens(found.name)
            if not any(len(c.tokens) >= 2 for c in self.persons if person_match(c.tokens, toks)) or not self._attach(
                found, toks
            ):
                self._add_other(found, label)

    def _split_juxtaposed(self) -> None:
        """A headline's "Rudd Blake" that is two people's surnames side by side
        (see `headlines`) becomes two bare surnames, placed like any other."""
        for cluster in list(self.persons):
            words = juxtaposed(self.text, cluster, self.persons)
            if words is None:
                continue
            self.persons.remove(cluster)
            self.surnames[:0] = [Reading(start, end, word, word) for start, end, word in words]

    def _attach(self, found: Reading, toks: tuple[str, ...]) -> bool:
        """A partial name joins the one person it can name (see `namesakes`)."""
        cyr = bool(CYRILLIC_RE.search(found.name))
        matches = [c for c in self.persons if person_match(c.tokens, toks, inflected=cyr or c.cyrillic)]
        matches = narrow_namesakes(matches, toks, found.title, found.start, self.text)
        if len(matches) == 1:
            matches[0].add_mention(found.start, found.end, found.text, found.name, found.title, found.span)
            return True
        return False

    def _by_given_name(self, found: Reading, toks: tuple[str, ...]) -> bool:
        """ "Dzianis plays with his head up": a lone given name is the one person of
        the article with that given name (and no one's surname)."""
        if len(toks) != 1 or not found.text[:1].isupper():
            return False
        if any(c.tokens and same_token(c.tokens[-1], toks[0]) for c in self.persons):
            return False
        matches = [c for c in self.persons if len(c.tokens) >= 2 and given_match(c.tokens[0], toks[0])]
        if len(matches) == 1:
            matches[0].mentions.append((found.start, found.end, found.text, found.name))
            return True
        return False

    def _add_untagged(self, start: int, end: int, text: str, label: str) -> None:
        """A run the rules found: a known person's, or a person when it is name-shaped."""
        name, title = mention_name(text, "PERSON")
        found = Reading(start, end, text, name, title)
        toks = name_tokens(name)
        if toks and self._attach(found, toks):
            return
        if label == "SURNAME?":
            self._by_given_name(found, toks)
            return
        if label == "NAME?" and not self._ends_in_surname(toks):
            return
        # an unmatched Cyrillic or untagged run: a person only when it is name-shaped (2-3 words)
        if 2 <= len(toks) <= 3:
            cluster = next(
                (c for c in self.persons if person_match(c.tokens, toks, inflected=bool(CYRILLIC_RE.search(name)))),
                None,
            )
            if cluster is None:
                cluster = Cluster(type="PERSON", tokens=toks)
                self.persons.append(cluster)
            cluster.mentions.append((start, end, text, name))

    def _ends_in_surname(self, toks: tuple[str, ...]) -> bool:
        """Two words or more, the last shaped like a Slavic surname or a named person's surname."""
        return len(toks) >= 2 and bool(
            SLAVIC_SURNAME_RE.search(toks[-1])
            or any(len(c.tokens) >= 1 and same_token(c.tokens[-1], toks[-1]) for c in self.persons)
        )

    def _tidy(self) -> None:
        """Third pass over the whole article."""
        self.others = return_mistyped_persons(self.persons, self.others)
        defined_acronyms(self.text, self.others, self.persons)
        defined_aliases(self.text, self.others, self.persons)
        bare_bodies_join_their_country(self.others)
        taken = Taken(self.text, [(m[0], m[1]) for c in self.persons + self.others for m in c.mentions])
        acronym_mentions(self.text, self.others, taken)
        repeat_mentions(self.text, self.persons + self.others, taken)


def _full_name(text: str) -> bool:
    """The text gives a person's full name (two name tokens or more)."""
    return len(name_tokens(mention_name(text, "PERSON")[0] or "")) >= 2
