"""The corpus CLI as a user runs it: where the store lives, bad inputs, bad store
files, unknown and ambiguous names, judgements, two ingests at once, and an
ingest killed half-way."""

import contextlib
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import corpus_dump

from presswatch.corpus import Corpus
from presswatch.corpus.migrations import SCHEMA_VERSION

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "gold"
EXE = Path(sys.executable).parent / "presswatch"
CMD = [str(EXE)] if EXE.exists() else [sys.executable, "-m", "presswatch.cli"]


def env_without_db(**extra):
    env = {k: v for k, v in os.environ.items() if k != "PRESSWATCH_DB"}
    env.update(extra)
    return env


def start(*args, cwd=ROOT, env=None):
    return subprocess.Popen(
        CMD + [str(a) for a in args],
        cwd=cwd,
        env=env or env_without_db(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def run(*args, cwd=ROOT, env=None):
    return run_all([args], cwd=cwd, env=env)[0]


def run_all(commands, cwd=ROOT, env=None):
    """Run independent commands side by side (each one loads Python and spaCy)."""
    procs = [start(*args, cwd=cwd, env=env) for args in commands]
    out = []
    for args, p in zip(commands, procs):
        stdout, stderr = p.communicate(timeout=300)
        out.append(subprocess.CompletedProcess(args, p.returncode, stdout, stderr))
    return out


def one_clear_error(r):
    """Exit 1 with a 'presswatch: ...' message on stderr, no traceback anywhere."""
    assert r.returncode == 1, (r.args, r.stdout, r.stderr)
    assert "Traceback" not in r.stderr + r.stdout
    assert r.stderr.startswith("presswatch: "), r.stderr
    return r.stderr


def fingerprint(path: Path):
    siblings = sorted(p.name for p in path.parent.iterdir() if p.name.startswith(path.name))
    st = path.stat()
    return path.read_bytes(), st.st_mtime_ns, siblings


def query(db, sql, params=()):
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


@pytest.fixture(scope="module")
def ingested(corpus_articles, tmp_path_factory):
    """Four articles and three bad inputs ingested with no --db and no $PRESSWATCH_DB."""
    work = tmp_path_factory.mktemp("cli")
    (work / "empty.txt").write_text("")
    (work / "binary.txt").write_bytes(b"\x00\x01\x02\x03PK\x00" * 200)
    inputs = [
        corpus_articles[n]
        for n in ("a1-farm-chief.txt", "a2-farm-chief-ru.txt", "a3-chess.txt", "a4-vilnius-budget.txt")
    ]
    r = run("ingest", *inputs, "empty.txt", "binary.txt", "missing.txt", cwd=work)
    return work, r


# ---------------------------------------------------------------- 1. where the store lives


def test_default_env_and_db_option(ingested, tmp_path):
    work, _ = ingested
    assert (work / "presswatch.db").exists()  # the default, in the working directory
    db = work / "presswatch.db"
    assert query(db, "PRAGMA journal_mode")[0][0] == "wal"
    env = env_without_db(PRESSWATCH_DB=str(db))
    from_env, overridden, judgement = run_all(
        [
            ("stories", "--min-articles", "1", "--json"),
            ("stories", "--db", tmp_path / "other.db"),
            ("entity", "rename", "E0", "X", "--db", tmp_path / "nothing.db"),  # a write command creates no store
        ],
        cwd=tmp_path,
        env=env,
    )
    assert from_env.returncode == 0, from_env.stderr
    assert len(json.loads(from_env.stdout)) == 4
    assert "other.db: no such database" in one_clear_error(overridden)
    assert "nothing.db: no such database" in one_clear_error(judgement)
    assert not any(p.name.endswith(".db") for p in tmp_path.iterdir())


# ---------------------------------------------------------------- 6. bad inputs


def test_bad_inputs_are_reported_and_the_batch_goes_on(ingested):
    work, r = ingested
    assert r.returncode == 0, r.stderr
    assert "Traceback" not in r.stderr
    assert "empty.txt: empty file" in r.stderr
    assert "binary.txt: binary file" in r.stderr
    assert "missing.txt: no such file" in r.stderr
    assert "4 new, 0 unchanged, 3 failed" in r.stderr
    assert query(work / "presswatch.db", "SELECT count(*) FROM articles")[0][0] == 4


# ---------------------------------------------------------------- 5. bad store files


def test_bad_store_files_give_a_clear_error_and_stay_untouched(ingested, corpus_articles, tmp_path):
    work, _ = ingested
    bad = {}
    bad["random"] = tmp_path / "random" / "random.db"
    bad["other"] = tmp_path / "other" / "other.db"
    bad["newer"] = tmp_path / "newer" / "newer.db"
    for p in bad.values():
        p.parent.mkdir()
    bad["random"].write_bytes(os.urandom(16384))
    conn = sqlite3.connect(bad["other"])
    conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)")
    conn.execute("INSERT INTO notes (text) VALUES ('not yours')")
    conn.commit()
    conn.close()
    shutil.copy(work / "presswatch.db", bad["newer"])
    conn = sqlite3.connect(bad["newer"])
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    if os.geteuid() != 0:  # root reads a chmod 000 file anyway
        bad["unreadable"] = tmp_path / "unreadable" / "unreadable.db"
        bad["unreadable"].parent.mkdir()
        shutil.copy(bad["newer"], bad["unreadable"])
        conn = sqlite3.connect(bad["unreadable"])
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        conn.close()
        bad["unreadable"].chmod(0)
    before = {k: fingerprint(p) if k != "unreadable" else p.stat().st_mtime_ns for k, p in bad.items()}
    commands = []
    for p in bad.values():
        commands += [("entity", "Kavaliou", "--db", p), ("ingest", corpus_articles["a4-vilnius-budget.txt"], "--db", p)]
    results = run_all(commands)
    try:
        for r in results:
            message = one_clear_error(r)
            path = Path(r.args[-1])
            assert str(path) in message
            if path == bad["newer"]:
                assert "newer presswatch" in message
            if path == bad["other"]:
                assert "not a presswatch database" in message
        for k, p in bad.items():
            assert (fingerprint(p) if k != "unreadable" else p.stat().st_mtime_ns) == before[k], k
    finally:
        if "unreadable" in bad:
            bad["unreadable"].chmod(0o600)


# ---------------------------------------------------------------- 5, 7. names and judgements


def test_names_and_judgements(ingested, tmp_path):
    work, _ = ingested
    original = work / "presswatch.db"
    before = fingerprint(original)[:2]  # a WAL reader may leave -wal/-shm beside it; the file itself stays
    db = tmp_path / "judge.db"
    shutil.copy(original, db)
    kavaliou = query(db, "SELECT DISTINCT entity_id FROM article_entities WHERE name = 'Alyaksandr Kavaliou'")
    kovalev = query(db, "SELECT entity_id FROM article_entities WHERE name LIKE '%Ковал%'")[0][0]
    chess = query(db, "SELECT article_id FROM versions WHERE source LIKE '%a3-chess.txt'")[0][0]
    nobody, speaker, merge = run_all(
        [
            ("entity", "Nobody", "--db", original),
            ("quotes", "--speaker", "Nobody", "--db", original),
            ("entity", "merge", kavaliou[0][0], kovalev, "--db", db, "--json"),
        ]
    )
    assert "no entity called 'Nobody'" in one_clear_error(nobody)
    assert "no entity called 'Nobody'" in one_clear_error(speaker)
    assert fingerprint(original)[:2] == before  # read commands leave the store alone
    assert merge.returncode == 0, merge.stderr
    merged = json.loads(merge.stdout)["id"]
    for (other,) in kavaliou[1:]:  # the linker may have kept the chess player apart; put him in
        assert run("entity", "merge", merged, other, "--db", db).returncode == 0
        merged = query(db, "SELECT entity_id FROM article_entities WHERE name LIKE '%Ковал%'")[0][0]
    split = run("entity", "split", merged, "--article", chess[:10], "--db", db)
    assert split.returncode == 0, split.stderr
    ambiguous = run("entity", "Kavaliou", "--db", db)  # what both men are called in their articles
    message = one_clear_error(ambiguous)
    assert "could be several entities" in message
    ids = {
        r[0] for r in query(db, "SELECT DISTINCT entity_id FROM article_entities WHERE name = 'Alyaksandr Kavaliou'")
    }
    assert len(ids) == 2 and all(i in message for i in ids)
    chief = query(db, "SELECT entity_id FROM article_entities WHERE name LIKE '%Ковал%'")[0][0]
    rename = run("entity", "rename", chief, "Alyaksandr Kavaliou (farm chief)", "--db", db)
    assert rename.returncode == 0, rename.stderr
    assert "Alyaksandr Kavaliou (farm chief)" in rename.stdout
    with Corpus(db) as corpus:  # and a full re-link keeps all three judgements
        corpus.link(everything=True)
    people = dict(
        query(
            db,
            "SELECT v.source, ae.entity_id FROM article_entities ae JOIN versions v ON v.article_id ="
            " ae.article_id WHERE ae.type = 'PERSON' AND (ae.name LIKE '%Kavaliou%' OR ae.name LIKE '%Ковал%')",
        )
    )
    by_file = {Path(source).name: entity for source, entity in people.items()}
    assert by_file["a1-farm-chief.txt"] == by_file["a2-farm-chief-ru.txt"] != by_file["a3-chess.txt"]
    assert (
        query(db, "SELECT name FROM entities WHERE id = ?", (by_file["a1-farm-chief.txt"],))[0][0]
        == "Alyaksandr Kavaliou (farm chief)"
    )


# ---------------------------------------------------------------- 3. two ingests at once


def all_sources(corpus_articles):
    gold = sorted(str(p) for p in GOLD.iterdir() if p.suffix in (".txt", ".html"))
    return gold + [str(corpus_articles[n]) for n in sorted(corpus_articles)]


def test_two_ingests_at_once(corpus_articles, tmp_path):
    everything = all_sources(corpus_articles)
    first, second = everything[:4] + everything[-6:-1], everything[2:6] + everything[-4:]  # overlapping
    sources = sorted(set(first + second))
    db = tmp_path / "both.db"
    a, b = run_all([("ingest", "-q", *first, "--db", db), ("ingest", "-q", *second, "--db", db)])
    assert a.returncode == 0 and b.returncode == 0, (a.stderr, b.stderr)
    assert query(db, "PRAGMA integrity_check")[0][0] == "ok"
    assert query(db, "PRAGMA foreign_key_check") == []
    assert sorted(r[0] for r in query(db, "SELECT source FROM versions")) == sorted(sources)
    assert query(db, "SELECT count(*), count(DISTINCT id) FROM articles")[0] == (len(sources), len(sources))
    assert query(db, "SELECT count(*) FROM article_groups")[0][0] == len(sources)
    assert query(db, "SELECT count(*) FROM search WHERE kind = 'article'")[0][0] == len(sources)
    assert query(db, "SELECT count(*) FROM article_entities WHERE entity_id IS NULL")[0][0] == 0


# ---------------------------------------------------------------- 4. killed half-way


def test_killed_ingest_run_again_ends_like_an_uninterrupted_one(corpus_articles, tmp_path, analyze):
    sources = all_sources(corpus_articles)  # more than one analysis batch
    db = tmp_path / "killed.db"
    proc = start("ingest", "-q", *sources, "--db", db)
    stored = 0
    try:
        while proc.poll() is None and stored == 0:
            time.sleep(0.02)
            with contextlib.suppress(sqlite3.Error):  # not created or migrated yet
                stored = query(db, "SELECT count(*) FROM articles")[0][0] if db.exists() else 0
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.communicate()
    assert proc.returncode == -signal.SIGKILL, "the ingest finished before it could be killed"
    stored = query(db, "SELECT count(*) FROM articles")[0][0]
    assert 0 < stored < len(sources)
    again = run("ingest", "-q", *sources, "--db", db)
    assert again.returncode == 0, again.stderr
    assert f"{len(sources) - stored} new, {stored} unchanged" in again.stderr

    reference = tmp_path / "uninterrupted.db"
    with Corpus(reference) as corpus:
        corpus.ingest(sources)
    assert corpus_dump(db) == corpus_dump(reference)
