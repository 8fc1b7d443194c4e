"""The corpus store's promises, through the Python API: schema and migrations,
content-hash ids and idempotent re-ingest, versions, a full disk, judgements."""

import shutil
import sqlite3

import pytest
from conftest import corpus_dump

from presswatch.corpus import Corpus, CorpusError, default_db_path, store
from presswatch.corpus.migrations import MIGRATIONS, SCHEMA_VERSION
from presswatch.corpus.store import StoreError

FIRST_FOUR = ["a1-farm-chief.txt", "a2-farm-chief-ru.txt", "a3-chess.txt", "a4-vilnius-budget.txt"]


def paths(corpus_articles, names):
    return [str(corpus_articles[n]) for n in names]


@pytest.fixture(scope="module")
def four(corpus_articles, tmp_path_factory, analyze):
    """A store holding the first four articles, ingested in one uninterrupted run."""
    db = tmp_path_factory.mktemp("store") / "four.db"
    with Corpus(db) as corpus:
        counts = corpus.ingest(paths(corpus_articles, FIRST_FOUR))
    assert counts == {"new": 4, "unchanged": 0, "failed": 0}
    return db


def copy_db(src, dst):
    """Copy a store; the (closed) source has no WAL left, but copy it if there is one."""
    shutil.copy(src, dst)
    for suffix in ("-wal", "-shm"):
        if (src.parent / (src.name + suffix)).exists():
            shutil.copy(src.parent / (src.name + suffix), dst.parent / (dst.name + suffix))
    return dst


def article_id(corpus, source) -> str:
    return corpus.conn.execute("SELECT article_id FROM versions WHERE source = ?", (str(source),)).fetchone()[0]


def entity_in(corpus, source, name) -> str:
    """The corpus entity of the person whose name contains `name` in the article read from `source`."""
    rows = corpus.conn.execute(
        "SELECT entity_id FROM article_entities WHERE article_id = ? AND type = 'PERSON' AND name LIKE ?",
        (article_id(corpus, source), f"%{name}%"),
    ).fetchall()
    assert len(rows) == 1, f"not one person called {name!r} in {source}: {rows}"
    return rows[0][0]


# ---------------------------------------------------------------- 1. the store


def test_store_is_plain_sqlite_with_wal_migrations_and_views(four):
    conn = sqlite3.connect(four)  # as Datasette / sqlite-utils would open it
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == len(MIGRATIONS)
        assert conn.execute("PRAGMA application_id").fetchone()[0] == store.APPLICATION_ID
        names = [name for name, _ in MIGRATIONS]
        assert names == sorted(names) and len(set(names)) == len(names)
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert {
            "articles",
            "versions",
            "article_entities",
            "entities",
            "entity_names",
            "quotes",
            "judgements",
        } <= tables
        for table in (
            "versions",
            "article_entities",
            "mentions",
            "entity_names",
            "quotes",
            "quote_subjects",
            "link_keys",
        ):
            assert conn.execute(f"PRAGMA foreign_key_list({table})").fetchall(), f"{table} has no foreign keys"
        views = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'view' ORDER BY name")]
        assert views == ["current_articles", "entity_mentions", "quote_corrections", "quotes_with_speakers"]
        for view in views:
            rows = conn.execute(f"SELECT * FROM {view}").fetchall()
            assert rows or view == "quote_corrections", f"view {view} is empty"  # no human corrected a quote yet
        assert conn.execute("SELECT count(*) FROM current_articles").fetchone()[0] == 4
        speakers = {r[0] for r in conn.execute("SELECT speaker_name FROM quotes_with_speakers")}
        assert "Ruta Petraityte" in speakers
    finally:
        conn.close()


def test_default_path_and_environment(tmp_path, monkeypatch):
    monkeypatch.delenv("PRESSWATCH_DB", raising=False)
    assert default_db_path().name == "presswatch.db" and not default_db_path().is_absolute()
    monkeypatch.setenv("PRESSWATCH_DB", str(tmp_path / "env.db"))
    assert default_db_path() == tmp_path / "env.db"
    with Corpus() as corpus:
        assert corpus.path == tmp_path / "env.db"
    assert (tmp_path / "env.db").exists()


def test_newer_store_is_refused_untouched(four, tmp_path):
    db = copy_db(four, tmp_path / "newer.db")
    conn = sqlite3.connect(db)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    before = db.read_bytes()
    for readonly in (True, False):
        with pytest.raises(StoreError, match="newer presswatch"):
            Corpus(db, readonly=readonly)
    assert db.read_bytes() == before


def test_other_programs_database_is_refused_untouched(tmp_path):
    db = tmp_path / "other.db"
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)")
    conn.execute("INSERT INTO notes (text) VALUES ('mine')")
    conn.commit()
    conn.close()
    junk = tmp_path / "junk.db"
    junk.write_bytes(bytes(range(256)) * 40)
    for path in (db, junk):
        before = path.read_bytes()
        for readonly in (True, False):
            with pytest.raises(StoreError):
                Corpus(path, readonly=readonly)
        assert path.read_bytes() == before


# ---------------------------------------------------------------- 2. content-hash ids, versions


def test_reingest_changes_no_row(four, corpus_articles, tmp_path):
    db = copy_db(four, tmp_path / "again.db")
    before = corpus_dump(db, exact=True)
    with Corpus(db) as corpus:
        counts = corpus.ingest(paths(corpus_articles, FIRST_FOUR))
    assert counts == {"new": 0, "unchanged": 4, "failed": 0}
    assert corpus_dump(db, exact=True) == before


def test_changed_article_becomes_a_new_version(tmp_path, corpus_articles):
    article = tmp_path / "story.txt"
    article.write_text(corpus_articles["a4-vilnius-budget.txt"].read_text())
    db = tmp_path / "versions.db"
    with Corpus(db) as corpus:
        corpus.ingest([str(article)])
        first = article_id(corpus, article)
        article.write_text(article.read_text().replace("another week", "two more weeks"))
        assert corpus.ingest([str(article)]) == {"new": 1, "unchanged": 0, "failed": 0}
        rows = corpus.conn.execute(
            "SELECT version, article_id FROM versions WHERE source = ? ORDER BY version", (str(article),)
        ).fetchall()
        assert [r[0] for r in rows] == [1, 2]
        assert rows[0][1] == first and rows[1][1] != first
        assert corpus.conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 2  # the old one is kept
        current = corpus.conn.execute(
            "SELECT id, text FROM current_articles WHERE source = ?", (str(article),)
        ).fetchall()
        assert len(current) == 1 and "two more weeks" in current[0][1]
        assert corpus.ingest([str(article)]) == {"new": 0, "unchanged": 1, "failed": 0}
        # put back as it was: a third version, current again, no second copy of the article
        article.write_text(article.read_text().replace("two more weeks", "another week"))
        assert corpus.ingest([str(article)]) == {"new": 1, "unchanged": 0, "failed": 0}
        rows = corpus.conn.execute(
            "SELECT version, article_id FROM versions WHERE source = ? ORDER BY version", (str(article),)
        ).fetchall()
        assert [tuple(r) for r in rows][2] == (3, first)
        current = corpus.conn.execute("SELECT id FROM current_articles WHERE source = ?", (str(article),)).fetchall()
        assert [r[0] for r in current] == [first]
        assert corpus.conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 2
        assert corpus.ingest([str(article)]) == {"new": 0, "unchanged": 1, "failed": 0}


def test_store_of_an_older_presswatch_is_migrated_keeping_its_rows(tmp_path):
    db = tmp_path / "old.db"
    conn = sqlite3.connect(db, isolation_level=None)
    for _, sql in MIGRATIONS[:5]:  # the schema as the first release wrote it
        conn.executescript(sql)
    conn.execute(f"PRAGMA application_id = {store.APPLICATION_ID}")
    conn.execute("PRAGMA user_version = 5")
    conn.execute(
        "INSERT INTO articles (id, title, authors, translators, text, removed, words)"
        " VALUES ('a1', 'Old', '[]', '[]', 'Old text', '[]', 2)"
    )
    conn.execute("INSERT INTO versions (source, version, article_id) VALUES ('old.txt', 1, 'a1')")
    conn.close()
    before = db.read_bytes()
    with pytest.raises(StoreError, match="older presswatch"):  # reading never migrates
        Corpus(db, readonly=True)
    assert db.read_bytes() == before
    with Corpus(db) as corpus:
        assert corpus.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert [tuple(r) for r in corpus.conn.execute("SELECT source, version, id FROM current_articles")] == [
            ("old.txt", 1, "a1")
        ]
        assert corpus.conn.execute("PRAGMA foreign_key_check").fetchall() == []


def test_a_failed_article_is_reported_again_not_retried(tmp_path):
    junk = tmp_path / "junk.txt"
    junk.write_text("Advertisement\n")  # nothing left after cleaning
    seen = []
    with Corpus(tmp_path / "failed.db") as corpus:
        for _ in range(2):
            counts = corpus.ingest(
                [str(junk)], on_document=lambda doc, source, status: seen.append((status, doc.error))
            )
            assert counts == {"new": 0, "unchanged": 0, "failed": 1}
    assert seen == [("failed", "no article text left after cleaning")] * 2


def test_the_same_file_twice_in_one_ingest_is_stored_once(tmp_path, corpus_articles):
    one = str(corpus_articles["a4-vilnius-budget.txt"])
    with Corpus(tmp_path / "twice.db") as corpus:
        assert corpus.ingest([one, one]) == {"new": 1, "unchanged": 1, "failed": 0}
        assert corpus.conn.execute("SELECT count(*) FROM versions").fetchone()[0] == 1


# ---------------------------------------------------------------- 5. a full disk


def test_full_disk_keeps_committed_articles_and_resumes(four, corpus_articles, tmp_path):
    db = tmp_path / "full.db"
    corpus = Corpus(db)
    corpus.conn.execute("VACUUM")  # no free pages left over from the migrations

    def fill_up(doc, source, status):
        # after the first article is committed, the disk is "full"
        pages = corpus.conn.execute("PRAGMA page_count").fetchone()[0]
        corpus.conn.execute(f"PRAGMA max_page_count = {pages}")

    with pytest.raises(StoreError, match="full"):
        corpus.ingest(paths(corpus_articles, FIRST_FOUR), on_document=fill_up)
    corpus.close()
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    kept = [r[0] for r in conn.execute("SELECT source FROM versions ORDER BY source")]
    assert 1 <= len(kept) < 4 and kept == paths(corpus_articles, FIRST_FOUR)[: len(kept)]
    assert conn.execute("SELECT count(*) FROM quotes").fetchone()[0] > 0
    conn.close()
    with Corpus(db) as corpus:  # room again
        counts = corpus.ingest(paths(corpus_articles, FIRST_FOUR))
        assert counts == {"new": 4 - len(kept), "unchanged": len(kept), "failed": 0}
    # and the store ends as if the disk had never been full
    assert corpus_dump(db) == corpus_dump(four)


# ---------------------------------------------------------------- 7. judgements


def test_judgements_survive_reingest_and_full_relink(corpus_articles, tmp_path):
    src = {n: str(p) for n, p in corpus_articles.items()}
    farm, farm_ru, chess = src["a1-farm-chief.txt"], src["a2-farm-chief-ru.txt"], src["a3-chess.txt"]
    with Corpus(tmp_path / "judge.db") as corpus:
        corpus.ingest([farm, farm_ru, chess])
        chief = entity_in(corpus, farm, "Kavaliou")
        # whatever the linker did, a human puts all three in one entity first ...
        merged = corpus.merge(chief, entity_in(corpus, farm_ru, "Ковал"))
        merged = corpus.merge(merged["id"], entity_in(corpus, chess, "Kavaliou"))
        assert (
            entity_in(corpus, farm, "Kavaliou")
            == entity_in(corpus, chess, "Kavaliou")
            == entity_in(corpus, farm_ru, "Ковал")
        )
        written = corpus.conn.execute(
            "SELECT name FROM article_entities WHERE entity_id = ? AND name LIKE '%Ковал%'", (merged["id"],)
        ).fetchone()[0]
        assert corpus.resolve(written)["id"] == merged["id"]  # the Cyrillic spelling finds it
        # ... then says the chess player is a namesake, and names the farm chief
        kept, namesake = corpus.split(merged["id"], articles=[article_id(corpus, chess)])
        assert kept["id"] != namesake["id"]
        renamed = corpus.rename(kept["id"], "Alyaksandr Kavaliou (farm chief)")
        assert renamed["name"] == "Alyaksandr Kavaliou (farm chief)"
        assert corpus.conn.execute("PRAGMA foreign_key_check").fetchall() == []

        def check():
            chief = entity_in(corpus, farm, "Kavaliou")
            assert entity_in(corpus, farm_ru, "Ковал") == chief
            assert entity_in(corpus, chess, "Kavaliou") != chief
            assert corpus.resolve(chief)["name"] == "Alyaksandr Kavaliou (farm chief)"
            assert corpus.resolve("Alyaksandr Kavaliou (farm chief)")["id"] == chief
            # no entity row without article entities, none left behind by a re-link
            orphans = corpus.conn.execute(
                "SELECT count(*) FROM entities e WHERE NOT EXISTS "
                "(SELECT 1 FROM article_entities ae WHERE ae.entity_id = e.id)"
            ).fetchone()[0]
            assert orphans == 0
            assert (
                corpus.conn.execute("SELECT count(*) FROM article_entities WHERE entity_id IS NULL").fetchone()[0] == 0
            )
            assert corpus.conn.execute("PRAGMA foreign_key_check").fetchall() == []

        check()
        corpus.ingest([src[n] for n in sorted(src)])  # more articles about both men
        check()
        corpus.link(everything=True)
        check()
        before = corpus_dump(corpus.path)
        corpus.link(everything=True)  # a full re-link is deterministic
        check()
        assert corpus_dump(corpus.path) == before


@pytest.mark.parametrize("latest", ["latin", "cyrillic"])
def test_the_latest_rename_wins_after_a_merge(four, corpus_articles, tmp_path, latest):
    db = copy_db(four, tmp_path / "renames.db")
    with Corpus(db) as corpus:
        latin = entity_in(corpus, str(corpus_articles["a1-farm-chief.txt"]), "Kavaliou")
        cyrillic = entity_in(corpus, str(corpus_articles["a2-farm-chief-ru.txt"]), "Ковал")
        order = [(latin, "Kavaliou as written in Latin"), (cyrillic, "Ковалёв as written in Cyrillic")]
        if latest == "latin":
            order.reverse()
        for entity, name in order:
            corpus.rename(entity, name)
        if latin == cyrillic:  # the East Slavic key already joins Kavaliou and Ковалёв: no merge to make
            corpus.link(everything=True)
            assert corpus.resolve(order[-1][1])["name"] == order[-1][1]
            return
        merged = corpus.merge("Kavaliou as written in Latin", "Ковалёв as written in Cyrillic")
        assert merged["name"] == order[-1][1]
        corpus.link(everything=True)
        assert corpus.resolve(order[0][1])["name"] == order[-1][1]  # the older name still finds it


def test_read_only_open_of_a_path_with_uri_characters(four, tmp_path):
    odd = tmp_path / "news#1" / "c?x%41.db"
    odd.parent.mkdir()
    copy_db(four, odd)
    with Corpus(odd, readonly=True) as corpus:
        assert corpus.stats()["articles"] == 4
    made = {p.name for p in tmp_path.rglob("*")} - {"news#1", "c?x%41.db", "c?x%41.db-wal", "c?x%41.db-shm"}
    assert made == set()  # no stray 'news' file opened read-write instead


def test_plain_mistakes_are_clear_errors(four, tmp_path):
    with pytest.raises(StoreError, match="no such directory"):
        Corpus(tmp_path / "nowhere" / "x.db")
    db = copy_db(four, tmp_path / "mistakes.db")
    with Corpus(db) as corpus:
        with pytest.raises(CorpusError, match="no entity called 'Nobody'"):
            corpus.resolve("Nobody")
        with pytest.raises(CorpusError, match="needs a new name"):
            corpus.rename("Ruta Petraityte", "   ")
        with pytest.raises(CorpusError, match="some, but not all"):
            corpus.split("Ruta Petraityte", articles=["0000"])


def test_split_by_alias_survives_a_full_relink(four, corpus_articles, tmp_path):
    db = copy_db(four, tmp_path / "alias.db")
    farm, farm_ru = (str(corpus_articles[n]) for n in ("a1-farm-chief.txt", "a2-farm-chief-ru.txt"))
    with Corpus(db) as corpus:
        merged = corpus.merge(entity_in(corpus, farm, "Kavaliou"), entity_in(corpus, farm_ru, "Ковал"))
        written = corpus.conn.execute(
            "SELECT name FROM article_entities WHERE entity_id = ? AND name LIKE '%Ковал%'", (merged["id"],)
        ).fetchone()[0]
        kept, moved = corpus.split(merged["id"], aliases=[written])
        assert kept["id"] != moved["id"]
        for _ in range(2):
            assert entity_in(corpus, farm, "Kavaliou") != entity_in(corpus, farm_ru, "Ковал")
            corpus.link(everything=True)
        # and a merge takes the split back
        corpus.merge(entity_in(corpus, farm, "Kavaliou"), entity_in(corpus, farm_ru, "Ковал"))
        corpus.link(everything=True)
        assert entity_in(corpus, farm, "Kavaliou") == entity_in(corpus, farm_ru, "Ковал")


def test_one_file_spelled_differently_is_one_source(tmp_path, corpus_articles, monkeypatch):
    (tmp_path / "news").mkdir()
    shutil.copy(corpus_articles["a4-vilnius-budget.txt"], tmp_path / "news" / "vilnius.txt")
    monkeypatch.chdir(tmp_path)
    with Corpus(tmp_path / "spelled.db") as corpus:
        assert corpus.ingest(["news/vilnius.txt"])["new"] == 1
        assert corpus.ingest(["./news/vilnius.txt", "news//vilnius.txt", "news/../news/vilnius.txt", "./news"]) == {
            "new": 0,
            "unchanged": 4,
            "failed": 0,
        }
        assert [tuple(r) for r in corpus.conn.execute("SELECT source, version FROM versions")] == [
            ("news/vilnius.txt", 1)
        ]


def test_stored_quotes_read_back_as_analyze_wrote_them_parts_included(tmp_path, analyze):
    """A two-part quote ('"A," she said. "B."') keeps its parts through the store."""
    text = (
        "Mayor speaks on bridge\n\n"
        "“We will rebuild the bridge,” Mayor Ines Duarte said in Vilnius on Monday. “It will take a year.”\n\n"
        "Duarte said the money would come from the city budget.\n"
    )
    src = tmp_path / "bridge.txt"
    src.write_text(text)
    want = analyze(str(src)).to_dict()["quotes"]
    assert any(len(q["parts"]) == 2 for q in want)
    with Corpus(tmp_path / "c.db") as corpus:
        corpus.ingest([str(src)])
        [doc] = list(corpus.documents())
    got = [{k: v for k, v in q.items() if k != "speaker"} for q in doc["quotes"]]
    assert got == [{k: v for k, v in q.items() if k != "speaker"} for q in want]
    # what a quote is about comes from its parts, not from the narration between them
    with Corpus(tmp_path / "c.db") as corpus:
        about = corpus.conn.execute("SELECT count(*) FROM quote_subjects").fetchone()[0]
    assert about == 0
