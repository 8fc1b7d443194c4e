"""Incremental linking (issue 14): new articles linked a few at a time, or in a run that
was killed half-way and run again, end in the database a bulk ingest of the same
articles gives; most new article entities are placed without re-clustering their block.

The articles are synthetic (`benchmarks.synthetic`) over a small population, so that
spellings recur, surnames and initials have namesakes, and the fast path and the
block re-clustering both run."""

from __future__ import annotations

import pytest

from benchmarks.synthetic import Generator, Population
from presswatch.corpus import Corpus, place
from presswatch.corpus import link as link_module

ARTICLES = 60


@pytest.fixture(scope="module")
def docs():
    gen = Generator(3, population=Population(3, persons=60, orgs=20, places=10))
    return [gen.document(i) for i in range(ARTICLES)]


def tables(corpus: Corpus) -> dict[str, list]:
    """The linked tables a user sees (entity rows, names, kept stats, search rows), rows sorted."""
    out = {
        t: sorted(map(tuple, corpus.conn.execute(f"SELECT * FROM {t}")))
        for t in ("entities", "entity_names", "article_entities")
    }
    out["search"] = sorted(
        map(tuple, corpus.conn.execute("SELECT rowid, ref, title, body, latin FROM search WHERE kind = 'entity'"))
    )
    return out


@pytest.fixture(scope="module")
def bulk(docs, tmp_path_factory):
    with Corpus(tmp_path_factory.mktemp("bulk") / "bulk.db") as corpus:
        corpus.add_documents(docs)
        return tables(corpus)


def pending(corpus: Corpus) -> int:
    return corpus.conn.execute("SELECT count(*) FROM article_entities WHERE entity_id IS NULL").fetchone()[0]


def test_increments_end_like_a_bulk_ingest(docs, bulk, tmp_path):
    with Corpus(tmp_path / "inc.db") as corpus:
        corpus.add_documents(docs[:30])
        linked = blocks = 0
        for start in range(30, ARTICLES, 5):
            corpus.add_documents(docs[start : start + 5], link=False)
            linked += pending(corpus)
            blocks += corpus.link()
        assert tables(corpus) == bulk
    assert blocks < linked / 3  # most were placed, not re-clustered with their block


def test_one_article_at_a_time_ends_like_a_bulk_ingest(docs, bulk, tmp_path):
    with Corpus(tmp_path / "one.db") as corpus:
        for d in docs:
            corpus.add_documents([d])
        assert tables(corpus) == bulk


def test_a_link_killed_half_way_resumes_to_the_bulk_result(docs, bulk, tmp_path, monkeypatch):
    with Corpus(tmp_path / "killed.db") as corpus:
        corpus.add_documents(docs[:40])
        corpus.add_documents(docs[40:], link=False)
        before = pending(corpus)
        calls = []
        real = place.Placer.place

        def dies_after_a_while(self, item):
            calls.append(item.key)
            if len(calls) == 40:
                raise KeyboardInterrupt
            return real(self, item)

        monkeypatch.setattr(link_module, "LINK_COMMIT_SECONDS", 0.0)  # a commit after every article entity
        monkeypatch.setattr(place.Placer, "place", dies_after_a_while)
        with pytest.raises(KeyboardInterrupt):
            corpus.link()
        assert 0 < pending(corpus) < before
        monkeypatch.setattr(place.Placer, "place", real)
        corpus.link()
        assert tables(corpus) == bulk


def test_relinking_everything_changes_nothing(docs, bulk, tmp_path):
    with Corpus(tmp_path / "relink.db") as corpus:
        corpus.add_documents(docs[:30])
        corpus.add_documents(docs[30:])
        corpus.link(everything=True)
        assert tables(corpus) == bulk


def test_the_counts_kept_for_popular_entities_end_like_a_bulk_ingest(docs, tmp_path, monkeypatch):
    from presswatch.corpus import stats

    monkeypatch.setattr(stats, "STATS_MIN_ARTICLES", 4)  # so that this small corpus has popular entities
    with Corpus(tmp_path / "bulk.db") as corpus:
        corpus.add_documents(docs[:40])
        expected = tables(corpus)
    assert any(row[-1] for row in expected["entities"])  # some stats are kept
    with Corpus(tmp_path / "inc.db") as corpus:
        corpus.add_documents(docs[:20])
        for start in range(20, 40, 4):
            corpus.add_documents(docs[start : start + 4])
        assert tables(corpus) == expected
