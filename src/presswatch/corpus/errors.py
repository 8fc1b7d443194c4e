"""The errors the corpus raises for its users (an unknown or ambiguous name, a bad
argument); storage problems are `store.StoreError`."""

from __future__ import annotations


class CorpusError(Exception):
    """A user-facing problem: unknown or ambiguous name, bad argument."""


class AmbiguousName(CorpusError):
    """A name that fits several entities; `candidates` are their `entities` rows."""

    def __init__(self, name: str, candidates: list[dict]):
        self.name, self.candidates = name, candidates
        listing = "; ".join(f"{c['id']} {c['name']} ({c['type']}, {c['articles']} articles)" for c in candidates)
        super().__init__(f"'{name}' could be several entities: {listing}")
