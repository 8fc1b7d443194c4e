"""Entity ids that last (issue 13, item 3): adding, re-ingesting and re-linking
articles renames no entity; a merge keeps the older id and the other still
resolves; a split gives the split-off part a new id; bulk and one-by-one ingests
agree; a store from before keeps its ids.

Most articles here are built by hand (no model), with article ids chosen so that
a newcomer's id sorts before the older articles': that is what renamed entities
when an id was a hash of the cluster's smallest article entity."""

import contextlib
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import corpus_dump

from presswatch.corpus import Corpus, CorpusError
from presswatch.corpus.migrations import MIGRATIONS
from presswatch.document import Document, Entity, Mention

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "corpus_fixtures"
NAMES = [name for name, _ in MIGRATIONS]
BEFORE = NAMES.index("0012_stable_entity_ids") if "0012_stable_entity_ids" in NAMES else len(NAMES)

MINISTER = "Energy Minister Alyaksandr Kavaliou said on Monday that Belenergo would build a new power line to Hrodna."
CRITIC = "Opposition leader Natallia Sidarenka called the Belenergo plan for Hrodna a fantasy on Tuesday."
VISIT = "Alyaksandr Kavaliou visited the Belenergo control room in Lida, where the new line will be run from."
VILNIUS = "Council chair Ruta Petraityte postponed the Vilnius budget vote by a week on Monday."


def doc(prefix: str, text: str, *names: tuple, source: str | None = None) -> Document:
    """A hand-made analysed article: id `prefix` padded to 16 hex digits, one mention per
    entity. `names`: (name, type) or (name, type, [aliases])."""
    entities = []
    for n, (name, etype, *aliases) in enumerate(names, 1):
        start = text.index(name)
        entities.append(
            Entity(
                id=f"e{n}",
                name=name,
                type=etype,
                aliases=list(aliases[0]) if aliases else [],
                mentions=[Mention(start, start + len(name), name)],
            )
        )
    aid = prefix.ljust(16, "0")
    return Document(id=aid, source=source or f"{aid}.txt", published="2026-03-02", text=text, entities=entities)


def minister(prefix: str, **kw) -> Document:
    return doc(prefix, MINISTER, ("Alyaksandr Kavaliou", "PERSON"), ("Belenergo", "ORG"), ("Hrodna", "GPE"), **kw)


def ids_of(corpus: Corpus) -> dict[tuple[str, str], str]:
    """article entity -> its corpus entity id."""
    return {
        (a, lo): e for a, lo, e in corpus.conn.execute("SELECT article_id, local_id, entity_id FROM article_entities")
    }


def entity_ids(corpus: Corpus) -> set[str]:
    return {r[0] for r in corpus.conn.execute("SELECT id FROM entities")}


def kept(before: dict, corpus: Corpus) -> None:
    """Every article entity linked before is in the entity of the same id, and every id still exists."""
    now = ids_of(corpus)
    assert {k: now[k] for k in before} == before
    assert set(before.values()) <= entity_ids(corpus)


def tables(corpus: Corpus) -> dict[str, list]:
    """The entity tables a user sees, rows sorted."""
    return {
        t: sorted(map(tuple, corpus.conn.execute(f"SELECT * FROM {t}")))
        for t in ("entities", "entity_names", "article_entities")
    }


# ---------------------------------------------------------------- adding articles


def test_adding_a_copy_or_another_article_keeps_every_id(tmp_path):
    with Corpus(tmp_path / "add.db") as corpus:
        corpus.add_documents(
            [
                minister("b1"),
                doc("c1", CRITIC, ("Natallia Sidarenka", "PERSON"), ("Belenergo", "ORG"), ("Hrodna", "GPE")),
            ]
        )
        before = ids_of(corpus)
        assert len(set(before.values())) == 4  # Kavaliou, Sidarenka, Belenergo, Hrodna
        # a syndicated copy whose id sorts first
        corpus.add_documents([minister("01", source="copy.txt")])
        kept(before, corpus)
        assert ids_of(corpus)[("0100000000000000", "e1")] == before[("b100000000000000", "e1")]
        # another article about the same people, and an unrelated one
        corpus.add_documents(
            [
                doc("02", VISIT, ("Alyaksandr Kavaliou", "PERSON"), ("Belenergo", "ORG"), ("Lida", "GPE")),
                doc("03", VILNIUS, ("Ruta Petraityte", "PERSON"), ("Vilnius", "GPE")),
            ]
        )
        kept(before, corpus)
        # an edited version of the first article, read from the same file
        edited = doc(
            "04",
            MINISTER + " He gave no date.",
            ("Alyaksandr Kavaliou", "PERSON"),
            ("Belenergo", "ORG"),
            source="b100000000000000.txt",
        )
        corpus.add_documents([edited])
        kept(before, corpus)
        corpus.link(everything=True)  # and a full re-link renames nothing either
        kept(before, corpus)


def test_adding_the_syndicated_copy_of_a_real_article_keeps_every_id(tmp_path):
    """The reported case: one syndicated copy renamed half the entities. Article 01 is a
    copy of 04, and its content id sorts before 04's."""
    first = [str(p) for p in sorted(FIXTURES.glob("*.txt")) if not p.name.startswith("01")]
    with Corpus(tmp_path / "copy.db") as corpus:
        corpus.ingest(first)
        before = ids_of(corpus)
        corpus.ingest([str(next(FIXTURES.glob("01-*.txt")))])
        kept(before, corpus)  # (a name may change: the copy can bring a fuller spelling)


# ---------------------------------------------------------------- merges


def two_namesakes(corpus: Corpus) -> tuple[str, str]:
    """Alyaksandr Kavaliou, seen first, and Ihar Kavaliou, whose article id sorts first."""
    corpus.add_documents(
        [
            minister("b1"),
            doc("a1", "Striker Ihar Kavaliou scored twice for Neman Hrodna.", ("Ihar Kavaliou", "PERSON")),
        ]
    )
    alyaksandr, ihar = (corpus.resolve(n)["id"] for n in ("Alyaksandr Kavaliou", "Ihar Kavaliou"))
    assert alyaksandr != ihar
    return alyaksandr, ihar


def test_a_merge_keeps_the_older_id_and_the_other_resolves_to_it(tmp_path):
    db = tmp_path / "merge.db"
    with Corpus(db) as corpus:
        alyaksandr, ihar = two_namesakes(corpus)
        merged = corpus.merge(ihar, alyaksandr)
        assert merged["id"] == alyaksandr  # the entity seen first keeps its id
        assert entity_ids(corpus) >= {alyaksandr} and ihar not in entity_ids(corpus)
        old = corpus.resolve(ihar)
        assert (old["id"], old["merged_from"]) == (alyaksandr, ihar)
        dossier = corpus.dossier(ihar)
        assert (dossier["id"], dossier["merged_from"]) == (alyaksandr, ihar)
        assert "merged_from" not in corpus.dossier(alyaksandr)
        assert corpus.quotes(speaker=ihar) == corpus.quotes(speaker=alyaksandr)
        # still so after more articles and a full re-link
        corpus.add_documents([doc("00", VISIT, ("Alyaksandr Kavaliou", "PERSON"), ("Belenergo", "ORG"))])
        corpus.link(everything=True)
        assert corpus.resolve(ihar)["id"] == alyaksandr == corpus.resolve("Alyaksandr Kavaliou")["id"]
    exe = Path(sys.executable).parent / "presswatch"
    run = [str(exe)] if exe.exists() else [sys.executable, "-m", "presswatch.cli"]
    shown = subprocess.run([*run, "entity", ihar, "--db", str(db), "--json"], capture_output=True, text=True)
    assert shown.returncode == 0, shown.stderr
    assert {k: json.loads(shown.stdout)[k] for k in ("id", "merged_from")} == {"id": alyaksandr, "merged_from": ihar}
    shown = subprocess.run([*run, "entity", ihar, "--db", str(db)], capture_output=True, text=True)
    assert f"{ihar} was merged into {alyaksandr}" in " ".join(shown.stdout.split())


def legal_shield() -> list[Document]:
    """Two articles name one group differently; a third, whose id sorts first, gives both names."""
    return [
        doc("b2", "The rights group Pravavy Shchyt said the trial was unfair.", ("Pravavy Shchyt", "ORG")),
        doc("a2", "The rights group Legal Shield said the trial was unfair.", ("Legal Shield", "ORG")),
        doc(
            "02",
            "The rights group Pravavy Shchyt (Legal Shield) will appeal.",
            ("Pravavy Shchyt", "ORG", ["Legal Shield"]),
        ),
    ]


def test_a_merge_by_the_linker_keeps_the_older_id(tmp_path):
    with Corpus(tmp_path / "linker.db") as corpus:
        first, second, bridge = legal_shield()
        corpus.add_documents([first])
        corpus.add_documents([second])
        shchyt, shield = corpus.resolve("Pravavy Shchyt")["id"], corpus.resolve("Legal Shield")["id"]
        assert shchyt != shield
        corpus.add_documents([bridge])
        assert corpus.resolve("Legal Shield")["id"] == shchyt  # the group seen first keeps its id
        old = corpus.resolve(shield)
        assert (old["id"], old["merged_from"]) == (shchyt, shield)


# ---------------------------------------------------------------- splits


def three_ministers(corpus: Corpus) -> str:
    corpus.add_documents([minister("a3"), minister("c3"), doc("d3", VISIT, ("Alyaksandr Kavaliou", "PERSON"))])
    return corpus.resolve("Alyaksandr Kavaliou")["id"]


def test_a_split_gives_the_split_off_part_a_new_id_and_the_larger_part_keeps_the_old(tmp_path):
    with Corpus(tmp_path / "split.db") as corpus:
        old = three_ministers(corpus)
        ever = entity_ids(corpus)
        # the article seen first (which the id was made from) is someone else
        rest, split_off = corpus.split(old, articles=["a300000000000000"])
        assert rest["id"] == old
        assert split_off["id"] != old and split_off["id"] not in ever
        assert split_off["id"].startswith("E") and len(split_off["id"]) == len(old)
        ids = ids_of(corpus)
        corpus.add_documents([minister("01", source="another-copy.txt")])
        corpus.link(everything=True)
        assert {k: ids_of(corpus)[k] for k in ids} == ids


def test_splitting_off_the_larger_part_leaves_it_the_id(tmp_path):
    with Corpus(tmp_path / "split-larger.db") as corpus:
        old = three_ministers(corpus)
        rest, split_off = corpus.split(old, articles=["c300000000000000", "d300000000000000"])
        assert split_off["id"] == old and rest["id"] != old
        assert len(corpus.conn.execute("SELECT * FROM entities WHERE id = ?", (rest["id"],)).fetchall()) == 1


def test_a_split_after_a_merge_gives_the_old_id_back(tmp_path):
    with Corpus(tmp_path / "undo.db") as corpus:
        alyaksandr, ihar = two_namesakes(corpus)
        corpus.merge(alyaksandr, ihar)
        kept_part, split_off = corpus.split(alyaksandr, articles=["a100000000000000"])
        assert (kept_part["id"], split_off["id"]) == (alyaksandr, ihar)
        assert "merged_from" not in corpus.resolve(ihar)


# ---------------------------------------------------------------- bulk, one by one, resumed


@pytest.fixture(scope="module")
def analysed(analyze, corpus_articles):
    """Real articles analysed once, in an order where later copies sort first."""
    order = [FIXTURES / n for n in ("04-syndicated-belwire-copy.txt", "02-rusvest-kovalev-power-line.txt")]
    order += [p for p in sorted(FIXTURES.glob("*.txt")) if p not in order]
    order += [corpus_articles[n] for n in sorted(corpus_articles)]
    return [analyze(str(p)) for p in order] + legal_shield()


def test_bulk_and_one_by_one_ingests_give_the_same_entities(analysed, tmp_path):
    with Corpus(tmp_path / "bulk.db") as bulk:
        bulk.add_documents(analysed)
        expected = tables(bulk)
    seen: set[str] = set()
    with Corpus(tmp_path / "one.db") as one:
        for d in analysed:
            one.add_documents([d])
            seen |= entity_ids(one)
        assert tables(one) == expected
        for ent_id in sorted(seen):  # and every id issued on the way still answers
            assert one.resolve(ent_id)["id"] in entity_ids(one)
        assert len(seen) > len(entity_ids(one))  # the bridge merged two: one id is an alias now


def test_a_store_from_before_keeps_its_ids(tmp_path):
    """A store from before migration 0012 whose ids are not what this presswatch would give them."""
    db = tmp_path / "old.db"
    with Corpus(db) as corpus:
        corpus.add_documents([minister("b4"), minister("a4", source="copy.txt")])
        kavaliou = corpus.resolve("Alyaksandr Kavaliou")["id"]
    conn = sqlite3.connect(db, isolation_level=None)
    # as presswatch 0.x left it: no id registry, no first-seen order, and one id of its own
    for sql in (
        # migration 0013 (fetch state) undone, so that it runs again after 0012
        "DROP TABLE IF EXISTS fetch_state",
        "ALTER TABLE failures DROP COLUMN kind",
        "ALTER TABLE failures DROP COLUMN attempts",
        "ALTER TABLE failures DROP COLUMN at",
        # migration 0014 (quote judgements) undone too
        "DROP VIEW IF EXISTS quote_corrections",
        "DROP VIEW IF EXISTS quotes_with_speakers",
        "DROP TABLE IF EXISTS quote_judgements",
        "ALTER TABLE quotes DROP COLUMN judged",
        "ALTER TABLE quotes DROP COLUMN rejected",
        "CREATE VIEW quotes_with_speakers AS SELECT q.article_id FROM quotes q",  # 0014 replaces it
        "DROP TABLE IF EXISTS entity_ids",
        "DROP INDEX IF EXISTS articles_seen",
        "ALTER TABLE articles DROP COLUMN seen",
        # and none of the later migrations' columns (0016: a quote's origin and confidence)
        "ALTER TABLE quotes DROP COLUMN origin",
        "ALTER TABLE quotes DROP COLUMN confidence",
    ):
        with contextlib.suppress(sqlite3.OperationalError):  # the schema before this change has neither
            conn.execute(sql)
    own = "E00c0ffee00"
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute("UPDATE entities SET id = ? WHERE id = ?", (own, kavaliou))
    conn.execute("UPDATE article_entities SET entity_id = ? WHERE entity_id = ?", (own, kavaliou))
    conn.execute("UPDATE entity_names SET entity_id = ? WHERE entity_id = ?", (own, kavaliou))
    conn.execute("UPDATE search SET ref = ?, rowid = ? WHERE ref = ?", (own, -1 - int(own[1:], 16), kavaliou))
    conn.execute(f"PRAGMA user_version = {BEFORE}")
    conn.close()
    with Corpus(db) as corpus:
        before = ids_of(corpus)
        assert own in set(before.values())
        corpus.add_documents([minister("01", source="third.txt")])
        corpus.link(everything=True)
        kept(before, corpus)
        assert corpus.resolve("Alyaksandr Kavaliou")["id"] == own
        with pytest.raises(CorpusError):
            corpus.resolve(kavaliou)  # never issued by this store


def test_ids_survive_a_full_relink(tmp_path):
    with Corpus(tmp_path / "relink.db") as corpus:
        old = three_ministers(corpus)
        rest, split_off = corpus.split(old, articles=["a300000000000000"])
        corpus.add_documents([doc("01", VISIT, ("Alyaksandr Kavaliou", "PERSON"), ("Belenergo", "ORG"))])
        before = corpus_dump(corpus.path)
        for _ in range(2):
            corpus.link(everything=True)
            assert corpus_dump(corpus.path) == before
        assert corpus.resolve(old)["id"] == rest["id"] == old
        assert corpus.resolve(split_off["id"])["id"] == split_off["id"] != old
