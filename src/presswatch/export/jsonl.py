"""JSON lines: one `analyze` object per current article, plus corpus ids (`Corpus.documents()`)."""

from __future__ import annotations

import json
from typing import IO

from ..corpus import Corpus


def export_jsonl(corpus: Corpus, out: IO[str]) -> dict:
    """Write the documents; returns how many articles, distinct corpus entities and quotes."""
    articles = quotes = 0
    entities: set[str] = set()
    for doc in corpus.documents():  # a cursor: one article in memory at a time
        out.write(json.dumps(doc, ensure_ascii=False) + "\n")
        articles += 1
        quotes += len(doc["quotes"])
        entities.update(e["corpus_id"] for e in doc["entities"] if e["corpus_id"])
    return {"articles": articles, "entities": len(entities), "quotes": quotes}
