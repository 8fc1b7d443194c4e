"""Cross-article identity linking on the hand-made gold set (tests/gold_identity).

    python -m benchmarks.identity                    # the corpus under test (presswatch.corpus)
    python -m benchmarks.identity --system local     # baseline: no linking across articles
    python -m benchmarks.identity --system name      # baseline: link on identical folded names
    python -m benchmarks.identity --errors           # ... and the worst merges and splits
    python -m benchmarks.identity --check            # exit 1 when a target is missed

Every gold mention is located in the article's *cleaned* text (as the system
returns it) and aligned to the system mention that overlaps it most; the
figures are over gold mentions (see benchmarks.scoring.identity). Systems:
  corpus  presswatch.corpus.Corpus: ingest every article into a fresh SQLite
          store, then read back its mentions and entity ids
  local   presswatch.analyze per article; each document-local entity is its own
          cluster (the floor: within-article coreference only)
  name    the same, with entities of different articles merged when their
          names fold to the same string ("Лукашэнка" and "Lukashenka" do;
          "Lukashenko" and "Lukashenka" do not)
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from benchmarks.scoring.identity import GoldMention, SystemMention, score

REPO = Path(__file__).resolve().parents[1]
GOLD_DIR = REPO / "tests" / "gold_identity"
TARGETS = {"pairwise precision": 0.98, "pairwise recall": 0.90}


# --- gold ---------------------------------------------------------------------------


def load_gold(gold_dir: Path) -> list[dict]:
    return json.loads((gold_dir / "gold.json").read_text(encoding="utf-8"))["articles"]


def occurrences(text: str, needle: str) -> list[int]:
    """Start offsets of every occurrence of `needle` (overlapping ones too)."""
    out, i = [], text.find(needle)
    while i >= 0:
        out.append(i)
        i = text.find(needle, i + 1)
    return out


def locate(raw: str, cleaned: str, needle: str, occurrence: int) -> int | None:
    """Offset in `cleaned` of the `occurrence`-th (1-based) `needle` of `raw`.

    `occurrence` counts in the raw file. The cleaner may drop lines (byline,
    photo credit), so when the counts differ, raw occurrences on lines that no
    longer appear in the cleaned text are skipped; None when the mention itself
    was on a dropped line or cannot be found."""
    raw_occ = occurrences(raw, needle)
    if not 1 <= occurrence <= len(raw_occ):
        return None
    clean_occ = occurrences(cleaned, needle)
    if len(clean_occ) == len(raw_occ):
        return clean_occ[occurrence - 1]
    kept_lines = {ln.strip() for ln in cleaned.splitlines()}
    k = 0
    for n, pos in enumerate(raw_occ, 1):
        line_start = raw.rfind("\n", 0, pos) + 1
        line_end = raw.find("\n", pos)
        line = raw[line_start : line_end if line_end >= 0 else len(raw)].strip()
        survives = line in kept_lines
        if survives:
            k += 1
        if n == occurrence:
            return clean_occ[k - 1] if survives and k <= len(clean_occ) else None
    return None


# --- systems ------------------------------------------------------------------------
# Each returns {source path: (cleaned text, [SystemMention])}.


def run_documents(paths: list[str], mode: str) -> dict[str, tuple[str, list[SystemMention]]]:
    import presswatch
    from presswatch.names import fold

    out = {}
    for path, doc in zip(paths, presswatch.analyze_many(paths)):
        stem = Path(path).name
        mentions = []
        for ent in doc.entities:
            if mode == "name":
                key = " ".join(f for f in (fold(t) for t in ent.name.split()) if f)
                cluster = f"name:{key}" if key else f"{stem}#{ent.id}"
            else:
                cluster = f"{stem}#{ent.id}"
            mentions += [SystemMention(path, m.start, m.end, cluster, m.text) for m in ent.mentions]
        out[path] = (doc.text, mentions)
    return out


def run_corpus(paths: list[str], db: str | None, workers: int) -> dict[str, tuple[str, list[SystemMention]]]:
    from presswatch.corpus import Corpus

    tmp = None
    if db is None:
        tmp = tempfile.TemporaryDirectory()
        db = str(Path(tmp.name) / "identity.db")
    try:
        corpus = Corpus(db)
        corpus.ingest(paths, workers=workers)
        by_source: dict[str, list[SystemMention]] = defaultdict(list)
        for m in corpus.mentions():
            by_source[m["source"]].append(
                SystemMention(m["source"], m["text_start"], m["text_end"], str(m["entity_id"]), m["text"])
            )
        out = {p: (corpus.article_text(p), by_source.get(p, [])) for p in paths}
        close = getattr(corpus, "close", None)
        if close:
            close()
        return out
    finally:
        if tmp is not None:
            tmp.cleanup()


# --- report -------------------------------------------------------------------------


def build(gold_dir: Path, system: dict[str, tuple[str, list[SystemMention]]], articles: list[dict]):
    """Gold mentions located in the cleaned texts, the unlocatable ones, all system mentions."""
    gold, lost, sys_mentions = [], [], []
    for art in articles:
        path = str(gold_dir / art["file"])
        raw = (gold_dir / art["file"]).read_text(encoding="utf-8")
        cleaned, mentions = system[path]
        sys_mentions += mentions
        for m in art["mentions"]:
            pos = locate(raw, cleaned or "", m["text"], m["occurrence"])
            if pos is None:
                lost.append(f"{art['file']}: {m['text']!r} #{m['occurrence']} ({m['identity']})")
            else:
                gold.append(GoldMention(path, pos, pos + len(m["text"]), m["identity"], m["text"]))
    return gold, lost, sys_mentions


def table(n_articles: int, result: dict, lost: int) -> str:
    pw, b3 = result["pairwise"], result["bcubed"]
    n = result["gold_mentions"]
    share = result["found"] / n if n else 0.0

    def target(name: str, value: float) -> str:
        t = TARGETS.get(name)
        if t is None:
            return ""
        return f">= {t:.2f} {'ok' if value >= t else 'MISS'}"

    rows = [
        ("articles", f"{n_articles}", ""),
        ("gold mentions", f"{n}" + (f" (+{lost} not locatable)" if lost else ""), ""),
        ("gold identities", f"{result['gold_identities']}", ""),
        ("mentions found by the system", f"{result['found']} ({share:.1%})", ""),
        ("pairwise precision", f"{pw['precision']:.3f}", target("pairwise precision", pw["precision"])),
        ("pairwise recall", f"{pw['recall']:.3f}", target("pairwise recall", pw["recall"])),
        ("pairwise F1", f"{pw['f1']:.3f}", ""),
        ("B-cubed precision", f"{b3['precision']:.3f}", ""),
        ("B-cubed recall", f"{b3['recall']:.3f}", ""),
        ("B-cubed F1", f"{b3['f1']:.3f}", ""),
        ("gold identities wrongly merged", f"{result['merged_identities']}", ""),
        ("gold identities split", f"{result['split_identities']}", ""),
    ]
    lines = ["| metric | value | target |", "|---|---:|---|"]
    lines += [f"| {a} | {b} | {c} |" for a, b, c in rows]
    return "\n".join(lines)


def explain(gold: list[GoldMention], result: dict, limit: int) -> str:
    """The worst merges and splits, with the surface strings behind each (cluster, identity) cell."""
    cell_texts: dict[tuple[str, str], set] = defaultdict(set)
    for g, a in zip(gold, result["aligned"]):
        cell_texts[(a or "<missed>", g.identity)].add(g.text)

    def names(strings: set) -> str:
        return ", ".join(sorted(strings)[:8]) + (" ..." if len(strings) > 8 else "")

    out = [f"\n## worst merges ({len(result['merges'])} system clusters hold more than one gold identity)"]
    for m in result["merges"][:limit]:
        out.append(f"- {m['system']} ({m['wrong_pairs']} wrong pairs)")
        for ident, n in m["identities"].items():
            out.append(f"    {ident} x{n}: {names(cell_texts[(m['system'], ident)])}")
    out.append(f"\n## worst splits ({len(result['splits'])} gold identities over more than one system cluster)")
    for s in result["splits"][:limit]:
        # Unfound mentions are singleton clusters named "<missed>N"; show them as one line.
        found = {c: n for c, n in s["clusters"].items() if not c.startswith("<missed>")}
        missed = sum(n for c, n in s["clusters"].items() if c.startswith("<missed>"))
        out.append(
            f"- {s['identity']} ({s['missed_pairs']} missed pairs, {len(s['clusters'])} clusters"
            + (f", {missed} mentions not found" if missed else "")
            + ")"
        )
        for k, (cluster, n) in enumerate(found.items()):
            if k >= 6:
                out.append(f"    ... {len(found) - 6} more clusters")
                break
            out.append(f"    {cluster} x{n}: {names(cell_texts[(cluster, s['identity'])])}")
        if missed:
            texts = {g.text for g, a in zip(gold, result["aligned"]) if a is None and g.identity == s["identity"]}
            out.append(f"    not found x{missed}: {names(texts)}")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--system", choices=("corpus", "local", "name"), default="corpus")
    ap.add_argument("--gold-dir", type=Path, default=GOLD_DIR)
    ap.add_argument("--db", help="corpus SQLite path (default: a fresh temporary file)")
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--errors", action="store_true", help="print the worst merges and splits")
    ap.add_argument("--limit", type=int, default=10, help="how many merges and splits --errors prints")
    ap.add_argument("--check", action="store_true", help="exit 1 if a target is missed")
    args = ap.parse_args(argv)

    gold_dir = args.gold_dir.resolve()
    articles = load_gold(gold_dir)
    paths = [str(gold_dir / a["file"]) for a in articles]

    t0 = time.perf_counter()
    if args.system == "corpus":
        try:
            import presswatch.corpus  # noqa: F401
        except ImportError as exc:
            print(f"presswatch.corpus is not importable ({exc}); try --system local or --system name", file=sys.stderr)
            return 2
        system = run_corpus(paths, args.db, args.workers)
    else:
        system = run_documents(paths, args.system)
    elapsed = time.perf_counter() - t0

    gold, lost, sys_mentions = build(gold_dir, system, articles)
    result = score(gold, sys_mentions)
    print(
        f"identity gold set: {gold_dir.relative_to(REPO) if gold_dir.is_relative_to(REPO) else gold_dir}, "
        f"system: {args.system} ({elapsed:.1f}s)\n"
    )
    print(table(len(articles), result, len(lost)))
    if lost:
        print(f"\n{len(lost)} gold mentions not locatable in the cleaned text:")
        for item in lost:
            print(f"  - {item}")
    if args.errors:
        print(explain(gold, result, args.limit))
    missed = [name for name, t in TARGETS.items() if result["pairwise"][name.split()[1]] < t]
    return 1 if (args.check and missed) else 0


if __name__ == "__main__":
    sys.exit(main())
