"""Main text of web pages: presswatch against bare trafilatura, on pages with gold text.

    python -m benchmarks.html_text                          # tests/html_pages (the dev pages)
    python -m benchmarks.html_text --gold-dir tests/blind/html
    python -m benchmarks.html_text --verbose                # the words each side missed or added

A gold set is a folder of NAME.html pages, each with NAME.txt (the article's main text,
title excluded, one paragraph a line) and optionally NAME.json ({"glued": [{"wrong",
"right"}], "not_glued": [words]}). Text is scored as bags of words (case-folded):
precision, recall and F1 per page, micro-averaged over the set. presswatch's text is its
body without the title line; trafilatura's is `trafilatura.extract(html)` with its
defaults, the title line dropped when it equals the page title. Glue checks: a "wrong"
form must come out as its "right" words, and a "not_glued" word must stay whole.
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter
from pathlib import Path

import trafilatura

import presswatch

REPO = Path(__file__).resolve().parents[1]
WORD_RE = re.compile(r"\w+")


def bag(text: str) -> Counter:
    return Counter(w.casefold() for w in WORD_RE.findall(text))


def overlap(system: str, gold: str) -> tuple[int, int, int]:
    """(shared words, system words, gold words)."""
    s, g = bag(system), bag(gold)
    return sum((s & g).values()), sum(s.values()), sum(g.values())


def presswatch_text(page: Path) -> str:
    doc = presswatch.analyze(str(page))
    text = doc.text or ""
    if doc.title and text.startswith(doc.title):
        text = text[len(doc.title) :]
    return text


def trafilatura_text(page: Path) -> str:
    html = page.read_text("utf-8", errors="replace")
    text = trafilatura.extract(html) or ""
    first, _, rest = text.partition("\n")
    meta = trafilatura.extract_metadata(html)
    if meta is not None and meta.title and first.strip().casefold() == meta.title.strip().casefold():
        return rest
    return text


def glue_checks(text: str, spec: dict) -> tuple[int, int]:
    """(checks passed, checks) for the page's glued and never-glued words."""
    words = set(w.casefold() for w in WORD_RE.findall(text))
    passed = total = 0
    for g in spec.get("glued", []):
        total += 1
        passed += g["wrong"].casefold() not in words and all(w.casefold() in words for w in g["right"].split())
    for w in spec.get("not_glued", []):
        total += 1
        passed += w.casefold() in words
    return passed, total


def prf(shared: int, system: int, gold: int) -> tuple[float, float, float]:
    p = shared / system if system else 0.0
    r = shared / gold if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--gold-dir", type=Path, default=REPO / "tests" / "html_pages")
    ap.add_argument("--verbose", "-v", action="store_true")
    args = ap.parse_args(argv)
    pages = sorted(p for p in args.gold_dir.glob("*.html") if p.with_suffix(".txt").exists())
    if not pages:
        print(f"no NAME.html + NAME.txt pairs in {args.gold_dir}")
        return 1
    totals = {"presswatch": [0, 0, 0], "trafilatura": [0, 0, 0]}
    glue = {"presswatch": [0, 0], "trafilatura": [0, 0]}
    for page in pages:
        gold = page.with_suffix(".txt").read_text("utf-8")
        spec_path = page.with_suffix(".json")
        spec = json.loads(spec_path.read_text("utf-8")) if spec_path.exists() else {}
        for name, text in (("presswatch", presswatch_text(page)), ("trafilatura", trafilatura_text(page))):
            counts = overlap(text, gold)
            totals[name] = [a + b for a, b in zip(totals[name], counts)]
            glue[name] = [a + b for a, b in zip(glue[name], glue_checks(text, spec))]
            if args.verbose:
                s, g = bag(text), bag(gold)
                print(
                    f"{page.name} {name}: missed {sorted((g - s).elements())[:20]} added {sorted((s - g).elements())[:20]}"
                )
    print(f"{len(pages)} pages from {args.gold_dir}")
    print(f"{'':12} {'precision':>9} {'recall':>7} {'F1':>6} {'glue':>7}")
    for name, counts in totals.items():
        p, r, f = prf(*counts)
        passed, total = glue[name]
        print(f"{name:12} {p:9.3f} {r:7.3f} {f:6.3f} {passed:>3}/{total:<3}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
