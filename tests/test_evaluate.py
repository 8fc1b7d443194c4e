"""The gold-set scorer (benchmarks.scoring.gold and the modules behind it), checked with fake
`analyze` callables: no spaCy, no trafilatura (the scorer imports presswatch only to run it)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from benchmarks.scoring import gold_checks
from benchmarks.scoring.gold import THRESHOLDS, check_thresholds, score_gold
from benchmarks.scoring.gold_inputs import body_lines, gold_pairs, html_body_lines, repair_glue, source_lines
from benchmarks.scoring.text import dateline_stripped, dice, names_match, norm, tokens

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "gold"


def _gold(path: Path) -> dict:
    return json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))


def echo_analyze(path: Path) -> dict:
    """A perfect system: the body lines with glue repaired, and the gold annotations as output."""
    gold = _gold(path)
    text = "\n\n".join(repair_glue(line, gold["glued"]) for line in body_lines(path, gold))
    quotes = []
    for q in gold["quotes"]:
        speaker = None
        if q["speaker"] is not None:
            speaker = {"name": q["speaker"], "mention": q["speaker"], "entity": None, "start": 0, "end": 0}
        quotes.append(
            {
                "kind": q["kind"],
                "content": q["content"],
                "start": 0,
                "end": 0,
                "speaker": speaker,
                "cue": q["cue"],
                "medium": q["medium"],
            }
        )
    entities = [
        {"id": f"e{i}", "name": e["name"], "type": e["type"], "aliases": e["aliases"], "roles": [], "mentions": []}
        for i, e in enumerate(gold["entities"])
    ]
    return {
        "id": "x",
        "source": str(path),
        "title": gold["title"],
        "outlet": gold["outlet"],
        "authors": gold["authors"],
        "translators": gold["translators"],
        "published": gold["published"],
        "language": gold["language"],
        "genre": gold["genre"],
        "text": text,
        "removed": [dict(r) for r in gold["removed"]],
        "entities": entities,
        "quotes": quotes,
        "error": None,
    }


def empty_analyze(path: Path) -> dict:
    return {"text": "", "removed": [], "quotes": [], "entities": [], "authors": [], "translators": []}


def test_gold_set_is_big_enough():
    pairs = gold_pairs(GOLD)
    golds = [_gold(p) for p, _ in pairs]
    assert len(pairs) >= 14
    assert sum(len(g["quotes"]) for g in golds) >= 80
    assert sum(len(g["removed"]) for g in golds) >= 60
    assert any(p.suffix == ".html" for p, _ in pairs)


def test_gold_files_are_consistent():
    reasons = {
        "tracking",
        "credit",
        "caption",
        "byline",
        "translator",
        "disclaimer",
        "share",
        "related",
        "newsletter",
        "comments",
        "navigation",
        "cookie",
        "dateline-meta",
        "other",
    }
    for path, _ in gold_pairs(GOLD):
        gold = _gold(path)
        lines = set(source_lines(path))
        body = body_lines(path, gold)
        for r in gold["removed"]:
            assert norm(r["text"]) in lines, (path.name, r["text"])
            assert r["reason"] in reasons, (path.name, r["reason"])
        for k in gold["kept"]:
            assert norm(k) in body, (path.name, k)
        for q in gold["quotes"]:
            assert q["kind"] in ("direct", "indirect", "mixed"), (path.name, q)


def test_echo_scores_perfectly():
    result = score_gold(GOLD, analyze=echo_analyze)
    assert result["failures"] == {}
    for name, value in result["metrics"].items():
        if name == "not_quote_violations":
            assert value == 0
        else:
            assert value == pytest.approx(1.0), name
    assert check_thresholds(result) == []
    assert result["counts"]["gold_quotes"] >= 80


def test_empty_output_fails_the_gate():
    result = score_gold(GOLD, analyze=empty_analyze)
    m = result["metrics"]
    assert m["body_kept"] == 0.0
    assert m["quote_recall"] == 0.0
    assert m["entity_recall"] == 0.0
    assert m["removed_recall"] == 0.0 and m["removed_absent"] == 1.0
    assert f"body_kept 0.000 < {THRESHOLDS['body_kept']:.3f}" in check_thresholds(result)
    assert sorted(result["failures"]) == result["files"]  # every file misses something


def test_analyze_errors_are_recorded_not_raised():
    def broken(path):
        raise RuntimeError("boom")

    result = score_gold(GOLD, analyze=broken)
    assert result["counts"]["analyze_errors"] == len(result["files"])
    assert any("boom" in miss for misses in result["failures"].values() for miss in misses)


def test_degraded_output_is_caught(tmp_path):
    """Junk left in, glue unrepaired, a speaker lost, a scare quote extracted."""
    src = GOLD / "01-wire-kyiv-grain.txt"
    for suffix in (".txt", ".json"):
        (tmp_path / src.with_suffix(suffix).name).write_bytes(src.with_suffix(suffix).read_bytes())

    def degraded(path):
        out = echo_analyze(path)
        out["text"] = "Read more:\n" + out["text"].replace("ports after", "portsafter")
        out["removed"] = [r for r in out["removed"] if r["text"] != "Read more:"]
        out["quotes"][1]["speaker"] = {"name": "he", "mention": "he", "entity": None, "start": 0, "end": 0}
        out["quotes"].append(
            {
                "kind": "direct",
                "content": "Ukrainian corridor",
                "speaker": None,
                "cue": None,
                "medium": None,
                "start": 0,
                "end": 0,
            }
        )
        out["authors"] = ["Oksana Lytvyn"]
        return out

    result = score_gold(tmp_path, analyze=degraded)
    m = result["metrics"]
    assert m["removed_recall"] < 1 and m["glue_fixed"] == 0
    assert m["speaker_accuracy"] < 1 and m["meta_authors"] == 0
    assert m["not_quote_violations"] == 1
    assert m["quote_precision"] < 1 and m["quote_recall"] == 1
    misses = result["failures"]["01-wire-kyiv-grain.txt"]
    assert any(x.startswith("junk kept in text") for x in misses)
    assert any(x.startswith("not a quote") for x in misses)


def test_wrong_glue_repair_is_a_glue_miss_not_a_body_drop():
    glued = [{"wrong": "remarkshe", "right": "remark she"}]
    line = "complained about a remarkshe made during a history lesson, her lawyer said."
    text = norm("complained about a remarks he made during a history lesson, her lawyer said.")
    assert gold_checks.kept_around_glue(line, glued, text)
    assert not gold_checks.kept_around_glue(line, glued, norm("complained about a remarks he made."))


def test_matching_helpers():
    assert dice(tokens("We lost two berths,"), tokens("“We lost two berths”")) == 1.0
    gold = [{"content": "a b c d"}, {"content": "a b c e"}]
    system = [{"content": "a b c e"}]
    assert gold_checks.match_quotes(gold, system) == [(1, 0, 1.0)]
    assert names_match("Lukashenka", "Alyaksandr Lukashenka")
    assert names_match("the ministry", "Russia's defence ministry")
    assert not names_match("he", "the infrastructure ministry")
    assert gold_checks.speaker_ok(
        "Zmitser Kavaliou",
        {"name": "Dmitry Kovalev", "mention": "he"},
        {"zmitser kavaliou": ["Kavaliou", "Dmitry Kovalev"]},
    )
    assert not gold_checks.speaker_ok(None, {"name": "x", "mention": "x"}, {})
    assert dateline_stripped("KYIV, March 3 (Meridian) - Ukraine's ports") == "Ukraine's ports"
    assert dateline_stripped("WASHINGTON — A $38 billion") == "A $38 billion"
    assert dateline_stripped("ZHYTOMYR, Ukraine, July 15, 2025 /PRWire/ -- Solvara") == "Solvara"
    assert dateline_stripped("By Tuesday, the river had risen") is None
    assert gold_checks.meta_equal("authors", ["Fiona Achterberg"], ["Dr Fiona Achterberg"])
    assert gold_checks.meta_equal("published", "2025-03-03", "2025-03-03T10:42:00+02:00")


def test_html_body_lines_skip_furniture():
    html = """<html><head><title>T</title><script>var x = 1;</script></head><body>
    <nav><a>Home</a></nav><div class="cookie">We use cookies</div>
    <article><h1>Headline</h1><p>First <a href="#">para</a>graph.</p><figure><figcaption>Cap. Photo: X</figcaption></figure>
    <aside>Related stuff</aside></article><footer>© 2025</footer></body></html>"""
    assert html_body_lines(html) == ["Headline", "First paragraph.", "Cap. Photo: X"]
