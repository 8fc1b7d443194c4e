"""Corpus scale: ingest rate, database size and query latency at 1k, 10k and 100k articles.

    python -m benchmarks.corpus [--sizes 1000,10000,100000] [--queries 50] [--seed 0] [--keep DIR]

It measures the store, not the NLP: synthetic, already-analysed `Document`s go
straight into `Corpus.add_documents` (store, link keys, search index,
near-duplicate and story groups, then cross-article linking: the ingest path
minus spaCy).

The synthetic articles (`benchmarks.synthetic`) have the shapes the pipeline
produces: entities with Zipf-like popularity, several spellings of Slavic names,
quotes with linked speakers, ~10% syndicated copies. Article `i` depends only on
(seed, i), so a corpus of 10k is the first 10k of 100k.

Sizes are built incrementally in one database: the 10k row's ingest rate is for
adding articles 1,001-10,000 to the 1k corpus, in batches of `--batch` (each
`add_documents` call links at its end, as one `presswatch ingest` run does).

At each size, the next `--increment` articles (default 100) are added to a copy of the
corpus, store and link pass timed apart: the incremental ingest table (issue 14's target:
100 articles at 100k within 2x of 100 at 1k).

Queries, each timed over `--queries` random picks (half popular entities drawn
by the same Zipf weights, half uniform over entities seen so far):
  dossier      Corpus.dossier(name), name in a random spelling (Latin, alternative Latin, Cyrillic)
  quotes by    Corpus.quotes(speaker=name, limit=100): what `presswatch quotes --speaker` shows
  quotes about Corpus.quotes(about=name, limit=100)
  search       Corpus.search(q), q a random name in any spelling or a random word
"""

from __future__ import annotations

import argparse
import random
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.synthetic import Generator
from presswatch.cli.lookup import QUOTES_SHOWN
from presswatch.corpus import AmbiguousName, Corpus, CorpusError

TARGET_MS = 200  # p95 of dossier and search at 100k articles


# ------------------------------------------------------------------ measuring


def rss_peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def db_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in path.parent.glob(path.name + "*")) / 1e6


def percentile(values: list[float], p: float) -> float:
    s = sorted(values)
    if not s:
        return float("nan")
    k = (len(s) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(s) - 1)
    return s[lo] + (s[hi] - s[lo]) * (k - lo)


def pick_names(corpus: Corpus, gen: Generator, rng: random.Random, n: int) -> list[str]:
    """Entity names to ask about: half by popularity, half uniform over entities in the corpus; any spelling."""
    pop = gen.population
    rows = corpus.conn.execute("SELECT id, name FROM entities").fetchall()
    names = []
    for k in range(n):
        if k % 2 == 0:
            ent = pop.draw(rng.choices(("person", "org", "place"), (0.6, 0.25, 0.15))[0], rng)
            names.append(rng.choice(ent.spellings()))
        else:
            names.append(rng.choice(rows)["name"])
    return names


def timed(fn, arg) -> tuple[float, str]:
    """Milliseconds for fn(arg); an ambiguous name is answered for its first candidate, as a user would."""
    t0 = time.perf_counter()
    status = "ok"
    try:
        fn(arg)
    except AmbiguousName as exc:
        fn(exc.candidates[0]["id"])
        status = "ambiguous"
    except CorpusError:
        status = "unknown"
    return (time.perf_counter() - t0) * 1000, status


def measure(corpus: Corpus, gen: Generator, n: int, seed: int) -> dict:
    rng = random.Random(f"queries:{seed}:{n}")
    names = pick_names(corpus, gen, rng, n)
    search_terms = []
    for k in range(n):
        if k % 2 == 0:
            nm = names[k]
            person = next((p for p in gen.population.persons if nm in p.spellings() and p.cyrillic), None)
            search_terms.append(person.cyrillic if person and k % 4 == 0 else nm)
        else:
            search_terms.append(rng.choice(gen.vocabulary.words[200:]))
    queries = {
        "dossier": (corpus.dossier, names),
        "quotes by": (lambda nm: corpus.quotes(speaker=nm, limit=QUOTES_SHOWN), names),
        "quotes about": (lambda nm: corpus.quotes(about=nm, limit=QUOTES_SHOWN), names),
        "search": (corpus.search, search_terms),
    }
    result = {}
    for label, (fn, args) in queries.items():
        for a in args[:3]:  # warm the page cache and the name caches
            timed(fn, a)
        times, statuses = [], []
        for a in args:
            ms, status = timed(fn, a)
            times.append(ms)
            statuses.append(status)
        result[label] = {
            "p50": percentile(times, 50),
            "p95": percentile(times, 95),
            "max": max(times),
            "ambiguous": statuses.count("ambiguous"),
            "unknown": statuses.count("unknown"),
        }
    return result


def parse_args() -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="1000,10000,100000")
    ap.add_argument("--queries", type=int, default=50)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument(
        "--batch",
        type=int,
        default=0,
        help="articles per add_documents call (one link pass each); 0: one call per size step",
    )
    ap.add_argument("--keep", type=Path, help="keep the database in this directory")
    ap.add_argument(
        "--reuse", action="store_true", help="continue the database kept in --keep (its articles are the first ones)"
    )
    ap.add_argument(
        "--increment",
        type=int,
        default=100,
        help="at each size, time adding the next this many articles to a copy of the corpus (0: not)",
    )
    return ap.parse_args()


def grow(corpus: Corpus, gen: Generator, have: int, size: int, batch: int) -> tuple[float, float]:
    """Add articles `have`..`size` in batches; the seconds spent ingesting and generating them."""
    ingest_s = gen_s = 0.0
    while have < size:
        step = min(batch or size, size - have)
        spent = [0.0]

        def docs(start=have, stop=have + step, spent=spent):
            for i in range(start, stop):  # generated lazily; the time spent generating is not ingest time
                g0 = time.perf_counter()
                doc = gen.document(i)
                spent[0] += time.perf_counter() - g0
                yield doc

        g1 = time.perf_counter()
        corpus.add_documents(docs())
        took = time.perf_counter() - g1 - spent[0]
        gen_s += spent[0]
        ingest_s += took
        have += step
        print(
            f"  {have} articles, {step / took:.0f} docs/s in the last batch, peak RSS {rss_peak_mb():.0f} MB",
            file=sys.stderr,
            flush=True,
        )
    return ingest_s, gen_s


def measure_size(corpus: Corpus, gen: Generator, db: Path, size: int, added: int, times: tuple, args) -> dict:
    """One row of the table: the corpus at `size` articles, `added` of them by the last step in `times` seconds."""
    ingest_s, gen_s = times
    if ingest_s == 0:  # reused as it was
        ingest_s = float("nan")
    corpus.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    stats = corpus.stats()
    q = measure(corpus, gen, args.queries, args.seed)
    return {
        "size": size,
        "added": added,
        "rate": added / ingest_s,
        "gen_s": gen_s,
        "mb": db_mb(db),
        "entities": stats["entities"],
        "quotes": stats["quotes"],
        "q": q,
        "rss": rss_peak_mb(),
    }


def run(db: Path, gen: Generator, args) -> list[dict]:
    """Every size in turn in one database, each with the time to add a few more articles: the table rows."""
    rows: list[dict] = []
    with Corpus(db) as corpus:
        have = corpus.stats()["sources"]
        for size in sorted(int(s) for s in args.sizes.split(",")):
            if size < have:
                continue
            times = grow(corpus, gen, have, size, args.batch)
            have = max(have, size)
            added = size - (rows[-1]["size"] if rows else 0)
            rows.append(measure_size(corpus, gen, db, size, added, times, args))
            if args.increment:
                rows[-1]["increment"] = time_increment(db, gen, size, args.increment)
            print(f"{size}: {rows[-1]}", file=sys.stderr, flush=True)
    return rows


def time_increment(db: Path, gen: Generator, have: int, n: int) -> dict:
    """Seconds to add the next `n` articles to a copy of the corpus at `have` articles, as
    one `presswatch ingest` run would (store, then one link pass), each part timed; the
    articles are generated before the clock starts. The copy is deleted afterwards, so the
    next size grows from the same corpus. Call right after a checkpoint (`measure_size`)."""
    copy = db.with_name("increment.db")
    shutil.copy(db, copy)
    docs = list(gen.documents(have, have + n))
    try:
        with Corpus(copy) as corpus:
            t = time.perf_counter()
            corpus.add_documents(docs, link=False)
            stored = time.perf_counter() - t
            pending = corpus.conn.execute("SELECT count(*) FROM article_entities WHERE entity_id IS NULL").fetchone()[0]
            t = time.perf_counter()
            blocks = corpus.link()
            linked = time.perf_counter() - t
    finally:
        for p in copy.parent.glob(copy.name + "*"):
            p.unlink()
    return {"n": n, "store": stored, "link": linked, "pending": pending, "blocks": blocks}


def main() -> None:
    args = parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="presswatch-corpusbench-", dir="/tmp")) if args.keep is None else args.keep
    workdir.mkdir(parents=True, exist_ok=True)
    db = workdir / "corpus-bench.db"
    if db.exists() and not args.reuse:
        sys.exit(f"{db} exists; choose an empty --keep directory, or --reuse it")
    t0 = time.perf_counter()
    gen = Generator(args.seed)
    print(
        f"population: {len(gen.population.persons)} persons, {len(gen.population.orgs)} organisations, "
        f"{len(gen.population.places)} places ({time.perf_counter() - t0:.1f}s)",
        file=sys.stderr,
    )
    try:
        rows = run(db, gen, args)
    finally:
        if args.keep is None:
            shutil.rmtree(workdir, ignore_errors=True)
    print_table(rows, args)


def print_table(rows: list[dict], args) -> None:
    kinds = ["dossier", "quotes by", "quotes about", "search"]
    head = ["articles", "ingest docs/s", "DB MB", "entities", "quotes"] + [f"{k} p50 / p95 ms" for k in kinds]
    print("| " + " | ".join(head) + " |")
    print("|" + "|".join("---:" for _ in head) + "|")
    for r in rows:
        cells = [f"{r['size']:,}", f"{r['rate']:.0f}", f"{r['mb']:.0f}", f"{r['entities']:,}", f"{r['quotes']:,}"]
        cells += [f"{r['q'][k]['p50']:.1f} / {r['q'][k]['p95']:.1f}" for k in kinds]
        print("| " + " | ".join(cells) + " |")
    print()
    print(f"Target: dossier and search p95 < {TARGET_MS} ms at 100,000 articles.", end=" ")
    last = rows[-1]
    verdict = all(last["q"][k]["p95"] < TARGET_MS for k in ("dossier", "search"))
    if last["size"] >= 100_000:
        print(f"At {last['size']:,}: {'met' if verdict else 'NOT met'}.")
    else:
        print(
            f"Not evaluated: the largest size here is {last['size']:,}"
            f" (dossier and search p95 {'under' if verdict else 'not both under'} {TARGET_MS} ms there)."
        )
    batching = f"in add_documents batches of {args.batch}" if args.batch else "in one add_documents call"
    print(
        f"{args.queries} queries per type (seed {args.seed}); ingest rate of each row is for the articles added since the"
        f" row above, {batching} with a link pass each; peak RSS {rows[-1]['rss']:.0f} MB."
    )
    print_increments(rows)
    odd = {k: sum(r["q"][k]["ambiguous"] for r in rows) for k in kinds}
    if any(odd.values()):
        print("Ambiguous names answered for their first candidate: " + ", ".join(f"{k} {v}" for k, v in odd.items()))


def print_increments(rows: list[dict]) -> None:
    """The incremental ingest table: adding a few articles to each corpus size."""
    timed = [r for r in rows if "increment" in r]
    if not timed:
        return
    n = timed[0]["increment"]["n"]
    print()
    print(f"| corpus articles | add {n}: seconds | store | link | article entities linked | blocks re-clustered |")
    print("|---:|---:|---:|---:|---:|---:|")
    for r in timed:
        inc = r["increment"]
        total = inc["store"] + inc["link"]
        print(
            f"| {r['size']:,} | {total:.1f} | {inc['store']:.1f} | {inc['link']:.1f} | {inc['pending']:,} | {inc['blocks']:,} |"
        )
    first, last = timed[0], timed[-1]
    ratio = sum(last["increment"][k] for k in ("store", "link")) / sum(first["increment"][k] for k in ("store", "link"))
    print(
        f"\nAdding {n} articles at {last['size']:,} takes {ratio:.2f}x the time at {first['size']:,}"
        f" (target: within 2x from 1,000 to 100,000 articles)."
    )


if __name__ == "__main__":
    main()
