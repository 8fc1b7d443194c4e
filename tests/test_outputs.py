"""An output never destroys data: an input or the database is refused as output,
and an output file is replaced only when it is complete."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from presswatch.io.outputs import clobbered, replaced_when_done

ARTICLE = "Mayor opens bridge\n\nThe mayor opened the bridge on Monday, officials said.\n"


def run(*args, cwd):
    exe = Path(sys.executable).parent / "presswatch"
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "presswatch"]
    return subprocess.run(cmd + list(args), capture_output=True, text=True, cwd=cwd, timeout=300)


def test_analysing_onto_an_input_is_refused_and_changes_nothing(tmp_path):
    art = tmp_path / "art.txt"
    art.write_text(ARTICLE, encoding="utf-8")
    r = run("analyze", "art.txt", "-o", "art.txt", cwd=tmp_path)
    assert r.returncode == 2 and "is an input" in r.stderr
    assert art.read_text(encoding="utf-8") == ARTICLE


def test_an_input_reached_through_a_link_or_a_folder_is_refused(tmp_path):
    (tmp_path / "in").mkdir()
    art = tmp_path / "in" / "art.txt"
    art.write_text(ARTICLE, encoding="utf-8")
    os.symlink(art, tmp_path / "link.jsonl")
    r = run("analyze", "in/", "-o", "link.jsonl", cwd=tmp_path)
    assert r.returncode == 2 and "is an input" in r.stderr
    assert art.read_text(encoding="utf-8") == ARTICLE
    assert clobbered(tmp_path / "link.jsonl", [str(art)]) == art
    assert clobbered(tmp_path / "new.jsonl", [str(art)]) is None


def test_an_output_is_replaced_only_when_complete(tmp_path):
    out = tmp_path / "out.jsonl"
    out.write_text("yesterday's results\n", encoding="utf-8")
    with pytest.raises(RuntimeError), replaced_when_done(out) as tmp:
        tmp.write_text("half a fi", encoding="utf-8")
        raise RuntimeError("interrupted")
    assert out.read_text(encoding="utf-8") == "yesterday's results\n"
    assert list(tmp_path.iterdir()) == [out]  # no temporary left behind
    with replaced_when_done(out) as tmp:
        tmp.write_text("today's results\n", encoding="utf-8")
    assert out.read_text(encoding="utf-8") == "today's results\n"


def test_exporting_onto_the_database_is_refused_and_changes_nothing(tmp_path):
    art = tmp_path / "art.txt"
    art.write_text(ARTICLE, encoding="utf-8")
    db = tmp_path / "corpus.db"
    assert run("ingest", "art.txt", "--db", "corpus.db", cwd=tmp_path).returncode == 0
    before = db.read_bytes()
    for fmt in ("jsonl", "gexf", "ftm"):
        r = run("export", "-f", fmt, "-o", "corpus.db", "--db", "corpus.db", cwd=tmp_path)
        assert r.returncode == 2 and "is the corpus database" in r.stderr, fmt
    os.symlink(db, tmp_path / "link.jsonl")
    r = run("export", "-f", "jsonl", "-o", "link.jsonl", "--db", "corpus.db", cwd=tmp_path)
    assert r.returncode == 2
    assert db.read_bytes() == before
    r = run("export", "-f", "jsonl", "-o", "out.jsonl", "--db", "corpus.db", cwd=tmp_path)
    assert r.returncode == 0 and (tmp_path / "out.jsonl").read_text(encoding="utf-8").count("\n") == 1
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")], "no temporary left behind"


def test_ftm_export_of_an_adjective_linked_to_its_country(tmp_path):
    # an article's "Ukrainian" (NORP) linked to the corpus entity Ukraine (GPE): the FtM
    # export names it as a location mentioned (it stopped with KeyError 'NORP')
    shutil.copy(Path(__file__).parent / "gold_identity" / "05-us-senate-hearing-energy.txt", tmp_path / "a.txt")
    assert run("ingest", "a.txt", "--db", "c.db", cwd=tmp_path).returncode == 0
    r = run("export", "-f", "ftm", "-o", "out.ftm", "--db", "c.db", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    lines = [json.loads(x) for x in (tmp_path / "out.ftm").read_text(encoding="utf-8").splitlines()]
    articles = [x for x in lines if x["schema"] == "Article"]
    assert articles and "Ukraine" in articles[0]["properties"].get("locationMentioned", [])
