"""`presswatch watch --once` against a local news site (issue 14): what each cycle asks of the site.

    python -m benchmarks.watch [--pages 30] [--grow 5]

Run from the repository root. A site on 127.0.0.1 (tests/news_site.py) serves an RSS feed of
`--pages` articles; three whole `presswatch watch FEED --once` processes run one after the other
on one corpus: the first cycle (everything new), a second with nothing changed, and a third after
the feed grew by `--grow` items. For each: the summary line's counts, and, counted on the server,
the article pages served, the requests of any kind, the 304 answers, and the process's wall time
(spaCy's start included: noisy on a shared machine). Prints a Markdown table."""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.news_site import NewsSite

ROOT = Path(__file__).resolve().parents[1]
EXE = Path(sys.executable).parent / "presswatch"
CMD = [str(EXE)] if EXE.exists() else [sys.executable, "-m", "presswatch.cli"]
PLACES = ["Porto", "Malmo", "Szeged", "Tartu", "Gdansk", "Split", "Varna", "Cork", "Bergen", "Turku"]
PEOPLE = ["Ines Duarte", "Tomas Berg", "Anna Kovacs", "Mari Tamm", "Piotr Nowak", "Ivo Horvat"]


def stories(n: int) -> list[tuple[str, str]]:
    return [(f"/news/{i}", f"Ferry news {i}") for i in range(n)]


def cycle(site: NewsSite, db: Path) -> dict:
    site.hits.clear()
    conditional_before = sum(site.conditional.values())
    started = time.perf_counter()
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    run = subprocess.run(
        [*CMD, "watch", site.url("/feed.xml"), "--db", str(db), "--once", "--host-pause", "0", "-q"],
        capture_output=True, text=True, env=env, cwd=ROOT, timeout=1800,
    )  # fmt: skip
    seconds = time.perf_counter() - started
    m = re.search(r"(\d+) new, (\d+) unchanged, (\d+) failed", run.stdout)
    if run.returncode != 0 or m is None:
        sys.exit(f"watch failed ({run.returncode}): {run.stderr[-2000:]}")
    return {
        "new": int(m[1]),
        "unchanged": int(m[2]),
        "failed": int(m[3]),
        "pages served": sum(n for path, n in site.hits.items() if path.startswith("/news/")),
        "requests": sum(site.hits.values()),
        "conditional": sum(site.conditional.values()) - conditional_before,
        "seconds": seconds,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=30)
    parser.add_argument("--grow", type=int, default=5)
    args = parser.parse_args()
    site = NewsSite()
    try:
        for i in range(args.pages + args.grow):
            site.page(f"/news/{i}", f"Ferry news {i}", PEOPLE[i % len(PEOPLE)], PLACES[i % len(PLACES)])
        site.feed("/feed.xml", stories(args.pages))
        rows = []
        with tempfile.TemporaryDirectory() as tmp:
            db = Path(tmp) / "watch.db"
            rows.append(("first cycle", cycle(site, db)))
            rows.append(("nothing changed", cycle(site, db)))
            site.feed("/feed.xml", stories(args.pages + args.grow))
            rows.append((f"feed grew by {args.grow}", cycle(site, db)))
    finally:
        site.close()
    keys = list(rows[0][1])
    print("| cycle | " + " | ".join(keys) + " |")
    print("|---|" + "---:|" * len(keys))
    for name, row in rows:
        print(f"| {name} | " + " | ".join(f"{v:.1f}" if isinstance(v, float) else str(v) for v in row.values()) + " |")


if __name__ == "__main__":
    main()
