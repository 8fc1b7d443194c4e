"""The corpus scale benchmark's generator still produces documents the corpus accepts and answers about.

A trivial size, no timings: this only keeps benchmarks.corpus and benchmarks.synthetic from rotting."""

from __future__ import annotations

from presswatch.corpus import Corpus


def test_generated_corpus_answers_queries(tmp_path):
    from benchmarks import corpus as bench
    from benchmarks.synthetic import Generator, Population

    gen = Generator(seed=0, population=Population(0, persons=300, orgs=60, places=20))
    docs = list(gen.documents(0, 30))
    assert [d.id for d in docs] == [d.id for d in gen.documents(0, 30)]  # seeded: article i depends on (seed, i) only
    for doc in docs:
        for ent in doc.entities:
            for m in ent.mentions:
                assert doc.text[m.start : m.end] == m.text
        for q in doc.quotes:
            assert doc.text[q.start : q.end] == q.content
            if q.speaker:
                assert doc.text[q.speaker.start : q.speaker.end] == q.speaker.mention

    with Corpus(tmp_path / "bench.db") as corpus:
        assert corpus.add_documents(docs) == len(docs)
        stats = corpus.stats()
        assert stats["articles"] == len(docs) and stats["entities"] > 0 and stats["quotes"] > 0
        top = corpus.conn.execute("SELECT id, name FROM entities ORDER BY articles DESC, id LIMIT 1").fetchone()
        d = corpus.dossier(top["id"])
        assert d["name"] == top["name"] and d["articles"]
        assert corpus.search(top["name"])
        speaker = corpus.conn.execute(
            "SELECT ae.entity_id FROM quotes q JOIN article_entities ae ON ae.article_id = q.article_id"
            " AND ae.local_id = q.speaker_local_id LIMIT 1"
        ).fetchone()[0]
        assert corpus.quotes(speaker=speaker)
        # dated articles: every listing newest first, and a cut list is the head of the whole one
        busiest = corpus.conn.execute(
            "SELECT ae.entity_id FROM quotes q JOIN article_entities ae ON ae.article_id = q.article_id"
            " AND ae.local_id = q.speaker_local_id GROUP BY ae.entity_id ORDER BY count(DISTINCT q.article_id) DESC,"
            " ae.entity_id LIMIT 1"
        ).fetchone()[0]
        for filters in ({}, {"speaker": busiest}, {"about": top["id"]}):
            listed = corpus.quotes(**filters)
            dates = [q["published"] for q in listed]
            assert dates == sorted(dates, reverse=True) and len(set(dates)) > 1, filters
            assert corpus.quotes(**filters, limit=3) == listed[:3]
        result = bench.measure(corpus, gen, 4, 0)
        assert set(result) == {"dossier", "quotes by", "quotes about", "search"}
        for label, r in result.items():
            assert 0 < r["p50"] <= r["p95"] <= r["max"], (label, r)  # every query was timed, and took some time
            # half the names asked about are drawn from the corpus itself, so at most half are unknown
            assert r["unknown"] <= 2, (label, r)
