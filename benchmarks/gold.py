"""The evaluation gate on the hand-made gold set (tests/gold).

    python -m benchmarks.gold                  # one metric per row, with its gate
    python -m benchmarks.gold --verbose        # ... and what was missed, per file
    python -m benchmarks.gold --check          # exit 1 when a metric misses its gate
    python -m benchmarks.gold --only 05 --verbose
    python -m benchmarks.gold --json

Runs `presswatch.analyze` on every gold input and scores it with
`benchmarks.scoring.gold.score_gold` (see that module for the metric definitions).
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

import presswatch
from benchmarks.scoring.gold import check_thresholds, format_table, score_gold
from benchmarks.scoring.gold_inputs import gold_pairs

REPO = Path(__file__).resolve().parents[1]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--gold-dir", type=Path, default=REPO / "tests" / "gold")
    ap.add_argument("--verbose", "-v", action="store_true", help="print the per-file misses")
    ap.add_argument("--check", action="store_true", help="exit 1 if a metric misses its gate")
    ap.add_argument(
        "--only",
        action="append",
        default=[],
        metavar="TEXT",
        help="score only gold files whose name contains TEXT (repeatable)",
    )
    ap.add_argument("--json", action="store_true", help="print the whole result as JSON")
    args = ap.parse_args(argv)

    gold_dir = args.gold_dir
    tmp = None
    if args.only:
        tmp = tempfile.TemporaryDirectory()
        for inp, js in gold_pairs(gold_dir):
            if any(s in inp.name for s in args.only):
                shutil.copy(inp, tmp.name)
                shutil.copy(js, tmp.name)
        gold_dir = Path(tmp.name)

    t0 = time.perf_counter()
    result = score_gold(gold_dir, analyze=presswatch.analyze)
    elapsed = time.perf_counter() - t0
    if tmp is not None:
        tmp.cleanup()

    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        c = result["counts"]
        print(
            f"gold set: {c['files']} files, {c['gold_quotes']} quotes, {c['gold_removed']} junk lines, "
            f"{c['body_lines']} body lines, {c['gold_entities']} PERSON/ORG entities ({elapsed:.1f}s)"
        )
        print()
        print(format_table(result))
        if args.verbose:
            for name, misses in result["failures"].items():
                print(f"\n== {name} ({len(misses)})")
                for miss in misses:
                    print(f"  - {miss}")
    problems = check_thresholds(result)
    if problems and not args.json:
        print("\ngate: FAIL (" + "; ".join(problems) + ")")
    elif not args.json:
        print("\ngate: pass")
    return 1 if (args.check and problems) else 0


if __name__ == "__main__":
    sys.exit(main())
