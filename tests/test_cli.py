"""The CLI as a user runs it: formats, exit codes, stdin, workers, errors on stderr."""

import json
import subprocess
import sys
from pathlib import Path

from tests.contract import DOCUMENT_KEYS

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
CONTRACT = DOCUMENT_KEYS


def run(*args, input=None):
    exe = Path(sys.executable).parent / "presswatch"
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "presswatch.cli"]
    return subprocess.run(cmd + list(args), capture_output=True, text=True, input=input, cwd=ROOT, timeout=300)


def test_jsonl_contract_on_examples():
    r = run("analyze", "examples/", "--format", "jsonl")
    assert r.returncode == 0, r.stderr
    lines = r.stdout.strip().splitlines()
    assert len(lines) == len([p for p in EXAMPLES.iterdir() if p.suffix in (".txt", ".html")])
    quotes = []
    for line in lines:
        d = json.loads(line)
        assert list(d) == CONTRACT
        quotes += d["quotes"]
    assert quotes, "the examples have quotes to check"
    for q in quotes:
        assert set(q) == {
            "kind",
            "content",
            "start",
            "end",
            "speaker",
            "cue",
            "medium",
            "parts",
            "origin",
            "confidence",
        }
        assert q["origin"] in ("rule", "model", "both") and 0 <= q["confidence"] <= 1
        assert q["kind"] in ("direct", "indirect", "mixed")
        assert q["parts"] and q["parts"][0]["start"] == q["start"] and q["parts"][-1]["end"] == q["end"]


def test_workers_give_identical_output(tmp_path):
    one = run("analyze", "examples/", "-f", "jsonl", "--workers", "1", "-o", str(tmp_path / "1.jsonl"))
    two = run("analyze", "examples/", "-f", "jsonl", "--workers", "2", "-o", str(tmp_path / "2.jsonl"))
    assert one.returncode == two.returncode == 0
    assert (tmp_path / "1.jsonl").read_bytes() == (tmp_path / "2.jsonl").read_bytes()


def test_stdin_json_and_table(tmp_path):
    text = (EXAMPLES / "wire-grain-corridor.txt").read_text()
    r = run("analyze", "-", "--format", "json", input=text)
    assert r.returncode == 0
    assert json.loads(r.stdout)[0]["source"] == "-"
    r = run("analyze", "examples/wire-grain-corridor.txt", "--format", "table")
    assert r.returncode == 0 and "Andriy Melnyk" in r.stdout


def test_exit_codes_and_errors_on_stderr(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    r = run("analyze", str(empty), "-f", "jsonl")
    assert r.returncode == 1
    assert json.loads(r.stdout)["error"] == "empty file"
    assert "empty file" in r.stderr and "Traceback" not in r.stderr
    r = run("analyze", str(empty), "examples/council-budget.html", "-f", "jsonl")
    assert r.returncode == 0
    r = run("analyze", "--no-such-option")
    assert r.returncode == 2
    r = run("analyze", str(tmp_path / "missing.txt"), "-f", "jsonl")
    assert r.returncode == 1 and "no such file" in r.stderr


def test_profile_prints_the_time_of_each_stage_on_stderr_and_changes_no_output():
    plain = run("analyze", "examples/", "--format", "jsonl", "-q")
    profiled = run("analyze", "examples/", "--format", "jsonl", "-q", "--profile")
    assert profiled.returncode == 0 and profiled.stdout == plain.stdout
    for stage in ("clean+metadata", "parse (spaCy, tagger)", "entities", "quotes"):
        assert stage in profiled.stderr
    assert "stage" not in plain.stderr


def test_analyze_min_confidence():
    text = (
        "Senators weigh the aid bill\n\nRepublican leaders are confident the bill will pass before the recess, "
        "and several senators have signalled that they could back a smaller package.\n"
    )
    default = [q["content"] for q in json.loads(run("analyze", "-", "-f", "jsonl", input=text).stdout)["quotes"]]
    every = run("analyze", "-", "-f", "jsonl", "--min-confidence", "0", input=text)
    assert every.returncode == 0, every.stderr
    quotes = json.loads(every.stdout)["quotes"]
    assert set(default) < {q["content"] for q in quotes}  # a state of mind ("are confident") only on request
    assert all(q["confidence"] >= 0.5 for q in quotes if q["content"] in default)
    assert run("analyze", "-", "--min-confidence", "2", input=text).returncode == 2
