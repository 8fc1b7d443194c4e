"""Issue 13, items 4-7: what a user reads from the corpus is the current state of
their sources, from a corpus they may only read, whatever they typed.

Fixtures are written here: one small council article, edited and put back."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

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
        for limit in (1, 2):  # superseded rows ranked among the best are passed over, never counted
            hits = corpus.search("budget vote", limit=limit)
            assert len(hits) == limit and {h["ref"].split(":")[0] for h in hits} == {second}
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


# ---------------------------------------------------------------- 5. a corpus the user may only read

READ_COMMANDS = (
    ["entity", "Kazlauskas", "--json"],
    ["quotes", "--json"],
    ["search", "budget", "--json"],
    ["stories", "--json"],
    ["export", "-f", "jsonl"],
)


def as_reader() -> list[str]:
    """The command prefix under which file permissions apply: nothing for a normal
    user; root, whom permissions never stop, first gives up its capabilities to
    override them (setpriv), so a read-only folder is read-only for it too."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv: file permissions cannot be made to apply")
    caps = "-dac_override,-dac_read_search,-fowner"
    return [setpriv, "--bounding-set", caps, "--inh-caps", caps]


def presswatch(*args: str, db: Path) -> subprocess.CompletedProcess:
    exe = Path(sys.executable).parent / "presswatch"
    return subprocess.run([*as_reader(), str(exe), *args, "--db", str(db)], capture_output=True, text=True, timeout=300)


@pytest.fixture
def read_only(request):
    """make(folder): the folder and its files read-only for the rest of the test."""

    def make(folder: Path) -> None:
        for f in folder.iterdir():
            f.chmod(0o444)
        folder.chmod(0o555)
        request.addfinalizer(lambda: folder.chmod(0o755))
        probe = subprocess.run([*as_reader(), "touch", str(folder / "probe")], capture_output=True)
        if probe.returncode == 0:
            pytest.skip("this user can write a 0o555 folder: cannot test a read-only corpus here")

    return make


def copy_with_pending_changes(db: Path, folder: Path) -> None:
    """Copy `db` into `folder` as a writer leaves it while it holds a change in its
    WAL (a new title), the change not yet in the file."""
    scratch = folder.with_name(folder.name + "-writer")
    scratch.mkdir()
    folder.mkdir()
    shutil.copy(db, scratch / db.name)
    writer = sqlite3.connect(scratch / db.name, isolation_level=None)
    try:
        writer.execute("PRAGMA wal_autocheckpoint = 0")
        writer.execute("UPDATE articles SET title = 'Vote put off in Vilnius'")
        for suffix in ("", "-wal", "-shm"):
            shutil.copy(scratch / (db.name + suffix), folder / (db.name + suffix))
    finally:
        writer.close()
    assert (folder / (db.name + "-wal")).stat().st_size > 0


def test_a_read_only_corpus_answers_every_read_command(tmp_path, read_only):
    article = tmp_path / "council.txt"
    article.write_text(COUNCIL, encoding="utf-8")
    shared = tmp_path / "shared"
    shared.mkdir()
    with Corpus(shared / "c.db") as corpus:
        corpus.ingest([str(article)])
    assert sorted(p.name for p in shared.iterdir()) == ["c.db"]  # closed: no WAL left
    pending = tmp_path / "pending"
    copy_with_pending_changes(shared / "c.db", pending)
    stuck = tmp_path / "stuck"
    copy_with_pending_changes(shared / "c.db", stuck)
    (stuck / "c.db-shm").unlink()
    for folder in (shared, pending, stuck):
        read_only(folder)

    for args in READ_COMMANDS:
        r = presswatch(*args, db=shared / "c.db")
        assert r.returncode == 0, (args, r.stderr)
        assert r.stdout.strip() and "Traceback" not in r.stderr, args
    assert sorted(p.name for p in shared.iterdir()) == ["c.db"]  # nothing written beside it

    # changes still in the WAL are read (never skipped, as an immutable open would)
    r = presswatch("quotes", "--json", db=pending / "c.db")
    assert r.returncode == 0, r.stderr
    assert {q["title"] for q in json.loads(r.stdout)} == {"Vote put off in Vilnius"}

    # and when they cannot be read, one line says what is needed
    r = presswatch("quotes", db=stuck / "c.db")
    assert r.returncode == 1 and r.stdout == ""
    assert len(r.stderr.strip().splitlines()) == 1 and "write access" in r.stderr, r.stderr


# ---------------------------------------------------------------- 6. standard input


def test_texts_piped_in_are_articles_of_their_own_or_versions_of_a_named_source(tmp_path, analyze):
    from typer.testing import CliRunner

    from presswatch.cli import app

    db = tmp_path / "c.db"

    def ingest(text: str, *flags: str) -> str:
        r = CliRunner().invoke(app, ["ingest", "-", "--db", str(db), "--quiet", *flags], input=text.encode())
        assert r.exit_code == 0, r.output
        return r.output

    def sources() -> dict[str, int]:
        with Corpus(db, readonly=True) as corpus:
            return {d["source"]: d["version"] for d in corpus.documents()}

    ingest(COUNCIL)
    ingest(edited(COUNCIL))
    named = sources()
    assert len(named) == 2 and all(s.startswith("stdin:") for s in named), named  # two articles, both kept
    assert set(named.values()) == {1}
    assert "0 new, 1 unchanged" in ingest(COUNCIL)  # the same text again is the same article

    ingest(COUNCIL, "--source", "council-desk")
    ingest(edited(COUNCIL), "--source", "council-desk")
    assert sources()["council-desk"] == 2  # edited text under one name: its second version
    with Corpus(db, readonly=True) as corpus:
        assert "two more weeks" in corpus.article_text("council-desk")
    r = CliRunner().invoke(app, ["ingest", str(tmp_path), "--db", str(db), "--source", "x"])
    assert r.exit_code == 2 and "standard input" in r.output


# ---------------------------------------------------------------- 7. what a user types is taken literally


def test_outlet_and_search_text_are_taken_literally(tmp_path):
    article = tmp_path / "council.txt"
    article.write_text(COUNCIL, encoding="utf-8")
    with Corpus(tmp_path / "c.db") as corpus:
        corpus.ingest([str(article)])
        corpus.conn.execute("UPDATE articles SET outlet = 'Radio_1'")  # an outlet name with a LIKE wildcard in it
        everything = corpus.quotes()
        assert everything
        # LIKE's wildcards and escape character are plain characters in --outlet
        for outlet in ("%", "Radio%1", "a_i", "R_dio", "\\", "Radio\\_1"):
            assert corpus.quotes(outlet=outlet) == [], outlet
        for outlet in ("_", "o_1", "Radio_1", "radio"):
            assert corpus.quotes(outlet=outlet) == everything, outlet

        # FTS5 syntax in a search is plain punctuation or plain words, never an error
        for query in ("budget*", '"budget', "budget)", "^budget", "{title}: budget", "budget NOT vote", "NEAR(budget"):
            corpus.search(query)
        assert corpus.search("budg*") == []  # not a prefix query
        assert corpus.search("title:budget") == corpus.search("title budget")  # not a column filter
        assert corpus.search('"budget vote') == corpus.search("budget vote")
        with pytest.raises(CorpusError, match="nothing to search for"):
            corpus.search('"*" : ^')
