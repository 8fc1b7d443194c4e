"""Fault test (issue 13): `presswatch ingest` killed with SIGKILL at several seeded random points,
then run again to completion, must end in the same database as one uninterrupted ingest of the
same folder, table by table.

The kills accumulate in one database, each run resuming what the one before left: first while
articles are being stored, then at a random moment soon after start (loading, or linking what the
killed run left pending), then while the last articles are being linked. The folder is tests/fault_fixtures: eight small, messy articles (wire copy and two
syndicated copies of it, Cyrillic and Latin spellings of one man, a namesake, an HTML page)."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fault_fixtures"
EXE = Path(sys.executable).parent / "presswatch"
CMD = [str(EXE)] if EXE.exists() else [sys.executable, "-m", "presswatch.cli"]
SEED = 13
ARTICLES = len([p for p in FIXTURES.iterdir() if p.suffix in (".txt", ".html")])
# FTS5's own b-tree pages record the order of inserts and deletes, not what is indexed: the index
# is compared through its rows and its vocabulary (every term instance) instead.
FTS_PAGES = {"search_data", "search_idx"}


def ingest(db: Path) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if k != "PRESSWATCH_DB"}
    env["PYTHONPATH"] = str(ROOT / "src")  # this worktree's code, whatever the venv points at
    return subprocess.Popen(
        [*CMD, "ingest", str(FIXTURES), "--db", str(db), "--quiet"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )


def state(db: Path) -> tuple[int, int] | None:
    """(articles stored, article entities not linked yet), or None while the store is not there."""
    if not db.exists():
        return None
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.2)
        try:
            articles = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
            pending = conn.execute("SELECT count(*) FROM article_entities WHERE entity_id IS NULL").fetchone()[0]
            return articles, pending
        finally:
            conn.close()
    except sqlite3.Error:
        return None  # being created or migrated


def kill_when(db: Path, trigger: str, delay: float) -> dict:
    """Run an ingest and SIGKILL it `delay` seconds after `trigger`:
    'storing' (the first article this run stores), 'linking' (this run stored the last article)
    or 'started'. Returns what happened, and the state the kill left."""
    before = state(db)
    stored_before = before[0] if before else 0
    proc = ingest(db)
    t0 = time.perf_counter()
    fired_at = t0 if trigger == "started" else None
    try:
        while proc.poll() is None:
            now = time.perf_counter()
            if fired_at is None:
                current = state(db)
                stored = current[0] if current else 0
                if stored > stored_before and (trigger == "storing" or stored >= ARTICLES):
                    fired_at = now
            if fired_at is not None and now - fired_at >= delay:
                proc.send_signal(signal.SIGKILL)
                break
            time.sleep(0.005)
    finally:
        _, stderr = proc.communicate(timeout=120)
    return {
        "trigger": trigger,
        "delay": round(delay, 3),
        "killed": proc.returncode == -signal.SIGKILL,
        "returncode": proc.returncode,
        "after": state(db),
        "stderr": stderr[-500:],
    }


def tables(db: Path) -> dict[str, list[str]]:
    """Every row of every table as sorted JSON lines, the FTS index through its rows and terms."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        names = [
            name
            for (name,) in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
            )
            if name not in FTS_PAGES
        ]
        dump = {}
        for name in names:
            rowid = "rowid, " if name == "search" else ""
            rows = conn.execute(f'SELECT {rowid}* FROM "{name}"')
            dump[name] = sorted(json.dumps([c.hex() if isinstance(c, bytes) else c for c in r]) for r in rows)
        conn.execute("CREATE VIRTUAL TABLE temp.search_terms USING fts5vocab(main, search, 'instance')")
        dump["search (terms)"] = sorted(json.dumps(r) for r in conn.execute("SELECT * FROM temp.search_terms"))
        dump["user_version"] = [str(conn.execute("PRAGMA user_version").fetchone()[0])]
        return dump
    finally:
        conn.close()


def differences(resumed: dict[str, list[str]], clean: dict[str, list[str]]) -> list[str]:
    out = []
    for name in sorted(set(resumed) | set(clean)):
        a, b = set(resumed.get(name, [])), set(clean.get(name, []))
        if resumed.get(name) != clean.get(name):
            out.append(f"{name}: {len(resumed.get(name, []))} rows resumed, {len(clean.get(name, []))} clean")
            out += [f"  only resumed: {r[:200]}" for r in sorted(a - b)[:3]]
            out += [f"  only clean:   {r[:200]}" for r in sorted(b - a)[:3]]
    return out


def test_an_ingest_killed_at_random_points_and_run_again_ends_like_a_clean_one(tmp_path):
    rng = random.Random(SEED)
    db = tmp_path / "killed.db"
    kills = [
        kill_when(db, "storing", rng.uniform(0.0, 0.02)),  # some articles stored, their entities not linked
        kill_when(db, "started", rng.uniform(0.2, 1.5)),  # starting up, or linking what the last run left
        kill_when(db, "linking", rng.uniform(0.0, 0.4)),  # the rest stored, linking them
    ]
    print("kills:", json.dumps(kills, ensure_ascii=False))
    assert kills[0]["killed"] and kills[1]["killed"], kills
    assert kills[2]["killed"] or kills[2]["returncode"] == 0, kills  # a fast machine may link in under 0.4 s

    finish = ingest(db)
    _, stderr = finish.communicate(timeout=300)
    assert finish.returncode == 0, stderr

    clean_db = tmp_path / "clean.db"
    clean = ingest(clean_db)
    _, stderr = clean.communicate(timeout=300)
    assert clean.returncode == 0, stderr
    assert f"corpus: {ARTICLES} articles" in stderr

    resumed, reference = tables(db), tables(clean_db)
    assert resumed["articles"] and reference["entities"]
    diff = differences(resumed, reference)
    assert not diff, "\n".join(["kills: " + json.dumps(kills, ensure_ascii=False), *diff])
