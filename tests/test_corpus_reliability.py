"""Issue 13, items 4-7: what a user reads from the corpus is the current state of
their sources, from a corpus they may only read, whatever they typed.

Fixtures are written here: one small council article, edited and put back."""

from __future__ import annotations

import pytest

from presswatch.corpus import Corpus, CorpusError

COUNCIL = """Budget vote delayed in Vilnius

VILNIUS, April 2, 2026 — The Vilnius city council postponed its budget vote, council chair Ruta Petraityte said on Monday.

"We need another week to find the money for schools," Petraityte told the Baltic News Service. Mayor J. Kazlauskas said the delay was regrettable.
"""


def edited(text: str) -> str:
    """The article as its editor left it: another chair, another quote, the mayor's full name."""
    for old, new in (
        ("Ruta Petraityte", "Dalia Grinkeviciute"),
        ("Petraityte told", "Grinkeviciute told"),
        ("another week", "two more weeks"),
        ("J. Kazlauskas", "Jonas Kazlauskas"),
    ):
        text = text.replace(old, new)
    return text


def article_ids_read(corpus: Corpus) -> set[str]:
    """Every article id any read shows: search, quotes, dossiers, stories, export."""
    ids: set[str] = set()
    for query in ("budget", "Vilnius", "schools", "Kazlauskas"):
        ids |= {h["ref"].split(":")[0] for h in corpus.search(query) if h["kind"] != "entity"}
    ids |= {q["article_id"] for q in corpus.quotes()}
    d = corpus.dossier("Kazlauskas")
    ids |= {a["id"] for a in d["articles"]} | {q["article_id"] for q in d["quotes_by"]}
    ids |= {aid for r in d["roles"] for aid in r["articles"]}
    ids |= {item["id"] for s in corpus.stories(min_articles=1) for item in s["items"]}
    ids |= {doc["id"] for doc in corpus.documents()}
    ids |= {m["article_id"] for m in corpus.mentions()}
    return ids


def test_after_an_edit_every_read_shows_only_the_current_version(tmp_path):
    article = tmp_path / "council.txt"
    article.write_text(COUNCIL, encoding="utf-8")
    with Corpus(tmp_path / "c.db") as corpus:
        corpus.ingest([str(article)])
        first = corpus.conn.execute("SELECT id FROM current_articles").fetchone()[0]
        chair = corpus.resolve("Ruta Petraityte")["id"]
        article.write_text(edited(COUNCIL), encoding="utf-8")
        assert corpus.ingest([str(article)])["new"] == 1
        second = corpus.conn.execute("SELECT id FROM current_articles").fetchone()[0]

        assert article_ids_read(corpus) == {second}
        # the old chair and her words are gone from every read, by name, by id and by text
        assert corpus.search("Petraityte") == [] and corpus.search("another week") == []
        for name in ("Petraityte", chair):
            with pytest.raises(CorpusError, match="no entity called"):
                corpus.resolve(name)
        assert corpus.search("Grinkeviciute")
        mayor = corpus.dossier("Kazlauskas")
        assert mayor["aliases"] == {"Latin": ["Jonas Kazlauskas"]}  # not the old version's "J. Kazlauskas"
        assert corpus.stats()["quotes"] == len(corpus.quotes())

        # put back as it was: the first version is current again, and found again
        article.write_text(COUNCIL, encoding="utf-8")
        assert corpus.ingest([str(article)])["new"] == 1
        assert article_ids_read(corpus) == {first}
        assert corpus.resolve("Petraityte")["articles"] == 1
        assert {h["ref"].split(":")[0] for h in corpus.search("another week")} == {first}
        assert corpus.search("Grinkeviciute") == []
